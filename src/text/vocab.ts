/**
 * The shipped word-frequency vocabulary: `match`-normalized word forms counted over the news
 * corpora in ../shared by scripts/build-wordfreq.ts, compiled into src/generated/wordfreq.ts.
 * Clitic analysis uses it to tell و + قال from وزير. Loaded on first use (~20 ms).
 */
import type { Vocabulary } from './clitics.js';
import { WORDFREQ } from '../generated/wordfreq.js';

let shipped: MapVocabulary | undefined;

export class MapVocabulary implements Vocabulary {
  constructor(private readonly counts: ReadonlyMap<string, number>) {}
  count(form: string): number {
    return this.counts.get(form) ?? 0;
  }
  get size(): number {
    return this.counts.size;
  }
  /** Parses `form<TAB>count` lines (comments with #). */
  static parse(source: string): MapVocabulary {
    const counts = new Map<string, number>();
    let i = 0;
    while (i < source.length) {
      let nl = source.indexOf('\n', i);
      if (nl < 0) nl = source.length;
      if (source.charCodeAt(i) !== 0x23) {
        const tab = source.indexOf('\t', i);
        if (tab > i && tab < nl) counts.set(source.slice(i, tab), Number(source.slice(tab + 1, nl)));
      }
      i = nl + 1;
    }
    return new MapVocabulary(counts);
  }
}

/** The vocabulary shipped with isnad (empty when it was not built). */
export function defaultVocabulary(): MapVocabulary {
  shipped ??= MapVocabulary.parse(WORDFREQ);
  return shipped;
}
