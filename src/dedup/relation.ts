/**
 * How two articles relate: the same text, a near-duplicate (one copy edited from the other, or both
 * from one source copy), the same story (the same event, written separately), or different.
 * The rules a person labels by are in docs/dedup.md; this file is their measurable counterpart.
 *
 * Scores of a pair (a = the article with fewer body words):
 * - `jaccard`: |A ∩ B| / |A ∪ B| over 4-word shingle sets;
 * - `coverShort` / `coverLong`: the share of each article's body words that lie inside a shingle
 *   the other article also has. Coverage, unlike shingle containment, forgives light editing: one
 *   changed word costs four shingles but uncovers one word. The shorter article's coverage is the
 *   share of it that is shared copy;
 * - `cosine`: similarity of the body stems: the story similarity of stories.ts when the articles
 *   are in a StoryIndex (what the thresholds are tuned for), else the prior-idf cosine of terms.ts;
 * - `hours`: time between the two articles (NaN when a date is missing).
 *
 * The decision ({@link classify}), thresholds in {@link DEFAULT_THRESHOLDS}, tuned on the tune half
 * of the labeled pairs (docs/dedup.md gives the curves):
 * 1. same-text: both coverages ≥ `sameText` — every sentence of each is in the other, bar trivial
 *    edits (any dates);
 * 2. near-duplicate: the shorter's coverage ≥ `nearDuplicate`, the articles at most
 *    `nearDuplicateHours` apart (or undated) — most of the shorter article is shared copy; the
 *    window keeps out templates (weather bulletins, congratulation cables, daily figures), which
 *    share most words with the same form filled in on another day;
 * 3. same-story: at most `sameStoryHours` apart (dated) and story similarity ≥ `sameStory` +
 *    `sameStoryPerHour` × hours apart (0.32 the same hour, 0.50 a day later): the further apart,
 *    the more two articles must share to report the same event rather than its sequel;
 * 4. otherwise different.
 * Pure; no I/O.
 */
import { combine, fmix32 } from './hash.js';
import { intersectionSize } from './shingles.js';
import { cosine, type TermVector } from './terms.js';

export type Relation = 'same-text' | 'near-duplicate' | 'same-story' | 'different';

export const RELATIONS: readonly Relation[] = ['same-text', 'near-duplicate', 'same-story', 'different'];

/** What the relation of two articles is computed from. */
export interface Fingerprint {
  /** number of body words */
  length: number;
  /** the hash of the shingle starting at each body word (length − w + 1 entries; one for a shorter text) */
  sequence: Uint32Array;
  /** the distinct shingle hashes, ascending */
  shingles: Uint32Array;
  /** TF-IDF vector of the body stems */
  vector: TermVector;
  /** milliseconds since the epoch; NaN when unknown */
  time: number;
}

export interface PairScores {
  jaccard: number;
  coverShort: number;
  coverLong: number;
  cosine: number;
  hours: number;
}

export interface Thresholds {
  sameText: number;
  nearDuplicate: number;
  nearDuplicateHours: number;
  sameStory: number;
  /** added to `sameStory` for every hour between the articles */
  sameStoryPerHour: number;
  sameStoryHours: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  sameText: 0.9,
  nearDuplicate: 0.65,
  nearDuplicateHours: 48,
  sameStory: 0.32,
  sameStoryPerHour: 0.0075,
  sameStoryHours: 36,
});

/** The shingle hash of words [i, i + w) (fewer at the end of a short text). */
export function shingleAt(words: ArrayLike<number>, i: number, w: number): number {
  let h = w;
  const end = Math.min(words.length, i + w);
  for (let j = i; j < end; j++) h = combine(h, words[j]!);
  return fmix32(h);
}

/** The shingle hash at every start position (see {@link Fingerprint.sequence}). */
export function shingleSequence(words: ArrayLike<number>, w: number): Uint32Array {
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const count = Math.max(1, n - w + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = shingleAt(words, i, w);
  return out;
}

function hasSorted(a: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * The share of an article's words (`length` words, shingle `sequence`) covered by a shingle of
 * `other` (sorted distinct hashes). A word is covered when any shingle over it is shared.
 */
export function coverage(sequence: Uint32Array, length: number, other: Uint32Array): number {
  if (length === 0) return 0;
  const w = length - sequence.length + 1; // shingle width (1 shingle for a text shorter than w)
  let covered = 0;
  let coveredTo = 0; // words before this index are counted
  for (let i = 0; i < sequence.length; i++) {
    if (!hasSorted(other, sequence[i]!)) continue;
    const start = Math.max(i, coveredTo);
    const end = sequence.length === 1 ? length : Math.min(length, i + w);
    if (end > start) covered += end - start;
    coveredTo = Math.max(coveredTo, end);
  }
  return covered / length;
}

/** Scores of a pair of fingerprints (symmetric). */
export function compare(x: Fingerprint, y: Fingerprint): PairScores {
  const [a, b] = x.length <= y.length ? [x, y] : [y, x];
  const inter = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.length + b.shingles.length - inter;
  const shared = inter > 0;
  return {
    jaccard: union === 0 ? 0 : inter / union,
    coverShort: shared ? coverage(a.sequence, a.length, b.shingles) : 0,
    coverLong: shared ? coverage(b.sequence, b.length, a.shingles) : 0,
    cosine: cosine(a.vector, b.vector),
    hours: Math.abs(a.time - b.time) / 3_600_000,
  };
}

/** The relation of a scored pair (see the file comment). */
export function classify(s: PairScores, t: Thresholds = DEFAULT_THRESHOLDS): Relation {
  if (s.coverShort >= t.sameText && s.coverLong >= t.sameText) return 'same-text';
  const undated = Number.isNaN(s.hours);
  if (s.coverShort >= t.nearDuplicate && (undated || s.hours <= t.nearDuplicateHours)) return 'near-duplicate';
  if (!undated && s.hours <= t.sameStoryHours && s.cosine >= storyThreshold(s.hours, t)) return 'same-story';
  return 'different';
}

/** The story similarity two articles `hours` apart need to be the same story. */
export function storyThreshold(hours: number, t: Thresholds = DEFAULT_THRESHOLDS): number {
  return t.sameStory + t.sameStoryPerHour * hours;
}

/** The relation of two fingerprints. */
export function relate(a: Fingerprint, b: Fingerprint, t: Thresholds = DEFAULT_THRESHOLDS): Relation {
  return classify(compare(a, b), t);
}
