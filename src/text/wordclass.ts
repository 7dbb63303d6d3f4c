/**
 * Rough word classes judged from the word-frequency vocabulary alone (no dictionary): verbs and
 * proper names never take the article ال, common nouns do.
 */
import type { Vocabulary } from './clitics.js';

/**
 * Does a `match`-form word read like a verb? A past verb has a feminine form in ت and a plural in
 * وا (قرر/قررت/قرروا), and the feminine form itself never takes the article (قدمت, even though
 * القدم is a word); a present verb has both its ي and ت forms.
 */
export function verbLike(w: string, vocab: Vocabulary): boolean {
  if (w.length < 3 || w.startsWith('ال')) return false;
  const cache = cacheFor(vocab, verbCache);
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  const v = isVerbLike(w, vocab);
  if (cache.size > 100_000) cache.clear();
  cache.set(w, v);
  return v;
}

function isVerbLike(w: string, vocab: Vocabulary): boolean {
  if (w.endsWith('ت') && vocab.count(w) > 0 && vocab.count('ال' + w) === 0 && vocab.count(w.slice(0, -1) + 'وا') > 0) return true;
  if (vocab.count(w) > 0 && vocab.count('ال' + w) <= 0.5 * vocab.count(w) && vocab.count(w + 'ت') > 0 && vocab.count(w + 'وا') > 0) return true;
  if ((w[0] === 'ي' || w[0] === 'ت') && vocab.count('ي' + w.slice(1)) > 0 && vocab.count('ت' + w.slice(1)) > 0 && vocab.count('ال' + w) === 0) return true;
  return false;
}

/** Does an indefinite `match`-form word read like a common noun (it is often seen with ال)? */
export function commonNounLike(w: string, vocab: Vocabulary): boolean {
  if (w.length < 2 || w.startsWith('ال')) return false;
  const cache = cacheFor(vocab, nounCache);
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  const c = vocab.count(w);
  const withArticle = vocab.count('ال' + w);
  const v = withArticle >= 5 && withArticle >= 0.02 * c;
  if (cache.size > 100_000) cache.clear();
  cache.set(w, v);
  return v;
}

// answers depend only on the word and the vocabulary: remembered per vocabulary
const verbCache = new WeakMap<Vocabulary, Map<string, boolean>>();
const nounCache = new WeakMap<Vocabulary, Map<string, boolean>>();

function cacheFor(vocab: Vocabulary, caches: WeakMap<Vocabulary, Map<string, boolean>>): Map<string, boolean> {
  let c = caches.get(vocab);
  if (!c) caches.set(vocab, (c = new Map()));
  return c;
}
