/**
 * An article's fingerprint: its body words as shingles (in order and as a set) and as a TF-IDF
 * vector, with its time. Everything the dedup layer compares comes from here. Pure; no I/O.
 */
import { bodySpans, bodyWords, dedupeSorted } from './shingles.js';
import { shingleSequence, type Fingerprint } from './relation.js';
import { termVector, type IdfTable } from './terms.js';

/** Words per shingle (docs/dedup.md: 3 to 6 were measured; 4 keeps edited copies apart from stock phrases). */
export const DEFAULT_SHINGLE_SIZE = 4;

export interface ArticleInput {
  /** the article's plain text (its body is found by the structure stage) */
  text?: string;
  /** the title, which helps the structure stage find the headline */
  title?: string;
  /** body word hashes already computed ({@link bodyWords}); `text` is then not read */
  words?: Uint32Array;
  /** ISO 8601 string, epoch milliseconds or a Date */
  date?: string | number | Date;
}

export interface FingerprintOptions {
  shingleSize?: number;
  idf?: IdfTable;
  minIdf?: number;
  /** terms kept in the vector (default 100; 0 leaves the vector empty, for copy detection alone) */
  maxTerms?: number;
}

const NO_TERMS = Object.freeze({ terms: new Uint32Array(0), weights: new Float32Array(0) });

/** Epoch milliseconds of a date, NaN when it is missing or unreadable. */
export function timeOf(date: string | number | Date | undefined): number {
  if (date === undefined) return NaN;
  if (typeof date === 'number') return date;
  if (date instanceof Date) return date.getTime();
  return Date.parse(date);
}

/** The fingerprint of an article (see {@link Fingerprint}). */
export function fingerprint(input: ArticleInput, options: FingerprintOptions = {}): Fingerprint {
  const w = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const words = input.words ?? (input.text !== undefined ? bodyWords(input.text, bodySpans(input.text, input.title)) : new Uint32Array(0));
  const sequence = shingleSequence(words, w);
  const shingles = dedupeSorted(sequence.slice().sort());
  if (options.maxTerms === 0) return { length: words.length, sequence, shingles, vector: NO_TERMS, time: timeOf(input.date) };
  const vopts: Parameters<typeof termVector>[1] = {};
  if (options.idf) vopts.idf = options.idf;
  if (options.minIdf !== undefined) vopts.minIdf = options.minIdf;
  if (options.maxTerms !== undefined) vopts.maxTerms = options.maxTerms;
  return { length: words.length, sequence, shingles, vector: termVector(words, vopts), time: timeOf(input.date) };
}
