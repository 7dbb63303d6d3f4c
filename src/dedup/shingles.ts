/**
 * What the dedup layer compares: the words of an article's BODY, as light-stem hashes, and the
 * w-shingles (runs of `w` consecutive words) over them.
 *
 * Body = the blocks the structure stage types `body` or `subhead` (see src/analyze/structure.ts):
 * headlines, datelines ("الرياض - واس:"), bylines ("كتب- محمد سامي:"), captions, related-link
 * lists ("اقرأ أيضا") and site boilerplate (copyright, share buttons) are left out, so two outlets'
 * copies of one wire story compare on the story alone. A text with no body block (a one-line
 * brief) falls back to every block that is not related or boilerplate.
 *
 * Word = a token of kind `word` (its light stem, {@link lightStem}: وقال، قال → قال; السورى،
 * السورية → سور), `number` (its `match` form: ٢٠١٨ = 2018) or `latin` (lower case). Punctuation,
 * quotation marks, URLs and symbols are not words: a copy that only re-punctuates is the same text.
 *
 * Each distinct surface word is stemmed and hashed once per process (a bounded cache), so the
 * cost per article is one tokenizer pass plus a map lookup per word. Pure: no I/O.
 */
import { findBlocks } from '../analyze/structure.js';
import type { Block } from '../doc/index.js';
import { lightStem, normalize, tokenize, type Span } from '../text/index.js';
import { combine, fmix32, hashString, ownString } from './hash.js';

/** Block types that carry the article's own text. */
export const BODY_TYPES: ReadonlySet<string> = new Set(['body', 'subhead']);
/** Block types never compared, even as a fallback. */
const NEVER: ReadonlySet<string> = new Set(['related', 'boilerplate', 'caption']);

/** The spans of `text` the dedup layer compares (see the file comment). */
export function bodySpans(text: string, title?: string): Span[] {
  return selectBody(findBlocks(text, title));
}

/** Body blocks out of a structure layer already computed (an analyzed `Doc`'s `blocks`). */
export function selectBody(blocks: readonly Block[]): Span[] {
  const body = blocks.filter((b) => BODY_TYPES.has(b.type));
  if (body.length > 0) return body;
  return blocks.filter((b) => !NEVER.has(b.type));
}

// per thread: the ingest workers each hold these beside the analysis caches, so they stay small; the
// words of news follow Zipf's law, and 100,000 forms catch nearly every repeat
const CACHE_LIMIT = 100_000;
const wordCache = new Map<string, number>();
const tokenCache = new Map<string, number>();
const stemCache = new Map<string, string>();

/** The search key the dedup layer uses for one word token's text (see the file comment). */
export function wordKey(surface: string, kind: 'word' | 'number' | 'latin'): string {
  if (kind === 'word') {
    let s = stemCache.get(surface);
    if (s === undefined) {
      if (stemCache.size >= CACHE_LIMIT) stemCache.clear();
      s = lightStem(surface);
      stemCache.set(ownString(surface), s);
    }
    return s;
  }
  return normalize(surface, 'key');
}

/**
 * 32-bit hash of a word key (the same function {@link bodyWords} uses). The top two bits tell what
 * the key is, so later stages can weigh it without the string: `0x` an Arabic word, `10` a weak
 * token (a number of one or two digits, a year, a single Latin letter), `11` another number or a
 * Latin word (see {@link hashClass}).
 */
export function keyHash(key: string, kind: 'word' | 'number' | 'latin' = 'word'): number {
  const h = hashString(key);
  if (kind === 'word') return h & 0x7fffffff;
  const weak = kind === 'number' ? WEAK_NUMBER.test(key) : key.length < 2;
  return ((weak ? 0x80000000 : 0xc0000000) | (h & 0x3fffffff)) >>> 0;
}

/** Numbers that recur in every kind of story: one or two digits, years (1300–1499 AH, 1900–2099). */
const WEAK_NUMBER = /^(\d{1,2}|1[34]\d\d|(19|20)\d\d)$/;

export type HashClass = 'word' | 'weak' | 'token';

/** What a key hash stands for (see {@link keyHash}). */
export function hashClass(h: number): HashClass {
  if ((h & 0x80000000) === 0) return 'word';
  return (h & 0x40000000) === 0 ? 'weak' : 'token';
}

/**
 * The body words of `text`, in order, as 32-bit hashes of their keys. `spans` (sorted, not
 * overlapping) default to {@link bodySpans}; pass them when the structure layer is already
 * computed. One tokenizer pass over the whole text keeps the tokens inside the spans (V8 reads a
 * sliced string's characters more slowly than tokenizing the text once).
 */
export function bodyWords(text: string, spans: readonly Span[] = bodySpans(text)): Uint32Array {
  let out = scratch;
  let n = 0;
  // one tokenizer pass over the whole text (faster than one per span: V8 reads a sliced string's
  // characters more slowly), keeping the tokens inside the spans (sorted, not overlapping)
  let s = 0;
  for (const t of tokenize(text)) {
    while (s < spans.length && spans[s]!.end <= t.start) s++;
    if (s === spans.length) break;
    if (t.start < spans[s]!.start || t.end > spans[s]!.end) continue;
    if (t.kind !== 'word' && t.kind !== 'number' && t.kind !== 'latin') continue;
    const surface = text.slice(t.start, t.end);
    const cache = t.kind === 'word' ? wordCache : tokenCache;
    let h = cache.get(surface);
    if (h === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      h = keyHash(wordKey(surface, t.kind), t.kind);
      cache.set(ownString(surface), h);
    }
    if (n === out.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(out);
      out = scratch = grown;
    }
    out[n++] = h;
  }
  return out.slice(0, n);
}

/** A buffer reused by every call (one allocation per article instead of one per doubling). */
let scratch = new Uint32Array(4096);

/** The words of a title (or any short text taken whole), hashed like {@link bodyWords}. */
export function titleWords(title: string): Uint32Array {
  return bodyWords(title, [{ start: 0, end: title.length, text: title }]);
}

/** The body word keys of `text` as strings (for display and tests; {@link bodyWords} is the fast path). */
export function bodyKeys(text: string, spans: readonly Span[] = bodySpans(text)): string[] {
  const out: string[] = [];
  let s = 0;
  for (const t of tokenize(text)) {
    while (s < spans.length && spans[s]!.end <= t.start) s++;
    if (s === spans.length) break;
    if (t.start < spans[s]!.start || t.end > spans[s]!.end) continue;
    if (t.kind === 'word' || t.kind === 'number' || t.kind === 'latin') out.push(wordKey(text.slice(t.start, t.end), t.kind));
  }
  return out;
}

/**
 * The set of `w`-word shingles of a word sequence, as sorted distinct 32-bit hashes. A text
 * shorter than `w` words gives one shingle of all its words (none when it has no word), so a
 * two-word brief still compares with its copy.
 */
export function shingleSet(words: Uint32Array, w: number): Uint32Array {
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const count = Math.max(1, n - w + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = w;
    const end = Math.min(n, i + w);
    for (let j = i; j < end; j++) h = combine(h, words[j]!);
    out[i] = fmix32(h);
  }
  out.sort();
  return dedupeSorted(out);
}

/** Removes repeats from a sorted array (returns a view when there are none). */
export function dedupeSorted(a: Uint32Array): Uint32Array {
  if (a.length < 2) return a;
  let k = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[k - 1]) a[k++] = a[i]!;
  return k === a.length ? a : a.slice(0, k);
}

/** |A ∩ B| of two sorted distinct arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard |A ∩ B| / |A ∪ B| of two sorted distinct arrays (1 for two empty sets). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const i = intersectionSize(a, b);
  return i / (a.length + b.length - i);
}
