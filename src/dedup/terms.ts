/**
 * TF-IDF term vectors over body word keys, for the same-story relation.
 *
 * Weight of a term = (1 + ln tf) × idf, vector L2-normalized; cosine = dot product. The idf is a
 * fixed prior, not counted from the documents indexed so far, so a document's vector does not
 * depend on what was ingested before it (grouping stays order-independent and a restored index
 * scores exactly like the original): idf(t) = ln(T / (c_t + 1)), where c_t counts the words
 * whose light stem is t in the shipped word-frequency list (src/generated/wordfreq.ts, 17 M words
 * of the news corpora) and T is their total. A stem outside the list (seen fewer than 4 times:
 * most names of a new story) gets the largest idf.
 *
 * Terms whose idf is below `minIdf` (function words and the commonest news words: في، قال،
 * رئيس، السعودية — more frequent than about 1 in 1,500 words) are left out: they say nothing
 * about which event a text reports. Pure; no I/O.
 */
import { WORDFREQ } from '../generated/wordfreq.js';
import { hashClass, keyHash, wordKey } from './shingles.js';

/** How often a number or Latin word is taken to occur, for its idf (about as telling as a place name). */
export const TOKEN_COUNT = 2000;

export interface TermVector {
  /** term (key hash) of each entry, ascending */
  terms: Uint32Array;
  /** L2-normalized weights, parallel to `terms` */
  weights: Float32Array;
}

/** Document frequencies as a prior: idf by key hash. */
export class IdfTable {
  constructor(
    private readonly counts: ReadonlyMap<number, number>,
    readonly total: number,
  ) {}

  /**
   * idf of a term (key hash): from the counts for Arabic words; 0 for weak tokens (small numbers,
   * years); for other numbers and Latin words, which the word list does not count, the idf of a
   * word seen {@link TOKEN_COUNT} times.
   */
  idf(term: number): number {
    const c = hashClass(term);
    if (c === 'weak') return 0;
    if (c === 'token') return Math.log(this.total / (TOKEN_COUNT + 1));
    return Math.log(this.total / ((this.counts.get(term) ?? 0) + 1));
  }

  /** The idf of a term seen `count` times. */
  idfOfCount(count: number): number {
    return Math.log(this.total / (count + 1));
  }

  /** Builds a table from `form<TAB>count` lines (the format of the shipped word-frequency list). */
  static parse(source: string): IdfTable {
    const counts = new Map<number, number>();
    let total = 0;
    let i = 0;
    while (i < source.length) {
      let nl = source.indexOf('\n', i);
      if (nl < 0) nl = source.length;
      const tab = source.indexOf('\t', i);
      if (source.charCodeAt(i) !== 0x23 && tab > i && tab < nl) {
        const c = Number(source.slice(tab + 1, nl));
        if (c > 0) {
          const h = keyHash(wordKey(source.slice(i, tab), 'word'));
          counts.set(h, (counts.get(h) ?? 0) + c);
          total += c;
        }
      }
      i = nl + 1;
    }
    return new IdfTable(counts, Math.max(1, total));
  }
}

let shipped: IdfTable | undefined;

/** The idf prior built from the shipped word-frequency list (~0.5 s, once per process). */
export function defaultIdf(): IdfTable {
  shipped ??= IdfTable.parse(WORDFREQ);
  return shipped;
}

/** Terms rarer than 1 word in this many carry story information (see the file comment). */
export const DEFAULT_MIN_IDF = Math.log(1500);

export interface TermVectorOptions {
  idf?: IdfTable;
  minIdf?: number;
  /** keep only the heaviest terms (default 100) */
  maxTerms?: number;
}

/** The TF-IDF vector of a body word sequence ({@link bodyWords}). */
export function termVector(words: Uint32Array, options: TermVectorOptions = {}): TermVector {
  const idf = options.idf ?? defaultIdf();
  const minIdf = options.minIdf ?? DEFAULT_MIN_IDF;
  const maxTerms = options.maxTerms ?? 100;
  const tf = new Map<number, number>();
  for (let i = 0; i < words.length; i++) tf.set(words[i]!, (tf.get(words[i]!) ?? 0) + 1);
  let entries: Array<[number, number]> = [];
  for (const [t, n] of tf) {
    const w = idf.idf(t);
    if (w >= minIdf) entries.push([t, (1 + Math.log(n)) * w]);
  }
  if (entries.length > maxTerms) {
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    entries = entries.slice(0, maxTerms);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, w] of entries) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const terms = new Uint32Array(entries.length);
  const weights = new Float32Array(entries.length);
  entries.forEach(([t, w], i) => {
    terms[i] = t;
    weights[i] = w / norm;
  });
  return { terms, weights };
}

/** Cosine of two term vectors (both L2-normalized): 0 when either is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  const ta = a.terms;
  const tb = b.terms;
  while (i < ta.length && j < tb.length) {
    const x = ta[i]!;
    const y = tb[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot);
}

/** The `n` heaviest terms of a vector (ties by term), for candidate postings. */
export function topTerms(v: TermVector, n: number): number[] {
  const idx = Array.from(v.terms.keys());
  idx.sort((x, y) => v.weights[y]! - v.weights[x]! || v.terms[x]! - v.terms[y]!);
  return idx.slice(0, n).map((i) => v.terms[i]!);
}
