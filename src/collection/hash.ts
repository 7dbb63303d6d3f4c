/**
 * What makes two records exact duplicates: the same text once normalized at the `match` level
 * (diacritics, tatweel, alef and ya variants, digits, invisible marks) with every run of white
 * space collapsed to one space and the ends trimmed. The key is the SHA-256 of that, in hex.
 * A near variant (one word changed, a sentence added) has another hash and is stored on its own.
 */
import { createHash } from 'node:crypto';
import { normalize } from '../text/index.js';

export function contentHash(text: string): string {
  const canonical = normalize(text, 'match').replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as both stores can keep it: NUL (which PostgreSQL refuses) and unpaired surrogates (which
 * UTF-8 cannot encode) become U+FFFD, one code unit for one, so every offset stays valid.
 */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}
