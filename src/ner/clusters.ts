/**
 * Word clusters: a hierarchy of distributional classes of `match`-normalized word forms, learned
 * from the unlabeled news corpora by build-clusters.ts and shipped as models/ner-clusters.tsv.gz.
 * The NER model uses a word's classes at three granularities as features, so that a name seen in
 * training lends its evidence to names that occur in the same contexts.
 *
 * Text format (this module only parses it; the Node loader reads and gunzips the file):
 *
 *   # comment lines
 *   form<TAB>coarse<TAB>middle<TAB>fine
 *
 * with class numbers `coarse` < 16, `middle` < ~128, `fine` < ~1024, each unique at its level.
 */

export const CLUSTER_LEVELS = 3;

export class WordClusters {
  /** `form` → its classes packed as coarse | middle << 8 | fine << 18 (see {@link WordClusters.classes}). */
  private readonly map: Map<string, number>;

  constructor(map: Map<string, number>) {
    this.map = map;
  }

  static readonly empty = new WordClusters(new Map());

  get size(): number {
    return this.map.size;
  }

  /** The packed classes of `form`, or -1 when the form was not clustered. */
  packed(form: string): number {
    return this.map.get(form) ?? -1;
  }

  /** The classes of `form` from coarse to fine, or undefined. */
  classes(form: string): [number, number, number] | undefined {
    const p = this.map.get(form);
    return p === undefined ? undefined : unpack(p);
  }

  /** Parses the text format above. */
  static parse(source: string): WordClusters {
    const map = new Map<string, number>();
    let i = 0;
    while (i < source.length) {
      let nl = source.indexOf('\n', i);
      if (nl < 0) nl = source.length;
      if (source.charCodeAt(i) !== 0x23 && nl > i) {
        const t1 = source.indexOf('\t', i);
        const t2 = source.indexOf('\t', t1 + 1);
        const t3 = source.indexOf('\t', t2 + 1);
        if (t1 > i && t2 > t1 && t3 > t2 && t3 < nl) {
          map.set(source.slice(i, t1), pack(Number(source.slice(t1 + 1, t2)), Number(source.slice(t2 + 1, t3)), Number(source.slice(t3 + 1, nl))));
        }
      }
      i = nl + 1;
    }
    return new WordClusters(map);
  }
}

export function pack(coarse: number, middle: number, fine: number): number {
  return coarse | (middle << 8) | (fine << 18);
}

export function unpack(p: number): [number, number, number] {
  return [p & 0xff, (p >>> 8) & 0x3ff, p >>> 18];
}
