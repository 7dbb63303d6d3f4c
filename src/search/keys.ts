/**
 * Search keys: what the full-text index stores and what a query is turned into.
 *
 * The index holds OUR analyzed keys, not the raw text: each token's `stem` (the `key`-normalized,
 * light-stemmed form of src/text/stem.ts), so السورى and السوري, والمسلحين and المسلحين share a key.
 * Both back ends index the same key string and must split it into the same terms: SQLite's FTS5
 * `unicode61` tokenizer and PostgreSQL's default parser with the `simple` configuration. They agree
 * on a string made of runs of letters (\p{L}) or of ASCII digits separated by single spaces, so
 * every key is cut into such runs here ({@link termsOf}), and nothing else reaches either engine:
 *
 *   stem "g20"     → terms g · 20        stem "1,000" → 1 · 000
 *   stem "بي.بي.س" → بي · بي · س          hashtag #مجلس_الأعمال → each part light-stemmed: مجلس · اعمال
 *
 * Indexed tokens: words, Latin words, numbers, hashtags and @mentions; punctuation, quotes,
 * symbols, URLs and e-mail addresses are left out. Positions are consecutive over the indexed
 * terms, so a phrase is a run of consecutive terms (punctuation between them does not break it).
 *
 * Limits, applied identically for both engines because PostgreSQL's tsvector imposes them: at most
 * {@link MAX_TERMS} terms per article (positions above 16,383 are clamped in a tsvector) and at most
 * {@link MAX_OCCURRENCES} occurrences of one term (a tsvector keeps 255 positions per lexeme); later
 * occurrences are dropped from the key string, not replaced. Terms longer than
 * {@link MAX_TERM_LENGTH} characters are dropped (PostgreSQL refuses words over 2 KB).
 *
 * Names (entity: and speaker: filters) use the entity-mention key of src/ner/mentions.ts — the
 * `key` form of each word without its clitics, NOT light-stemmed — cut into terms the same way.
 */
import { lightStem, normalize, tokens, type Token } from '../text/index.js';
import { wordKey } from '../ner/mentions.js';

export const MAX_TERMS = 16_000;
export const MAX_OCCURRENCES = 255;
export const MAX_TERM_LENGTH = 100;

const TERM = /\p{L}+|[0-9]+/gu;

/** True when `s` is one run of Arabic letters (U+0621–U+064A), the common case: one term as it is. */
function isArabicRun(s: string): boolean {
  if (s.length === 0 || s.length > MAX_TERM_LENGTH) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x0621 || c > 0x064a || c === 0x0640) return false;
  }
  return true;
}

/** The index terms of one key string: runs of letters or of ASCII digits, lower-cased. */
export function termsOf(key: string): string[] {
  if (isArabicRun(key)) return [key];
  const out: string[] = [];
  for (const m of key.toLowerCase().matchAll(TERM)) if (m[0].length <= MAX_TERM_LENGTH) out.push(m[0]);
  return out;
}

const INDEXED_KINDS = new Set(['word', 'latin', 'number', 'hashtag', 'mention']);

/** The index terms of one token (none for punctuation, URLs …). */
export function tokenTerms(t: Token): string[] {
  if (!INDEXED_KINDS.has(t.kind)) return [];
  if (t.kind === 'hashtag') {
    const out: string[] = [];
    for (const part of t.text.slice(1).split('_')) if (part) out.push(...termsOf(lightStem(part)));
    return out;
  }
  return termsOf(t.stem);
}

/** The key string of an article: its tokens' terms in order, within the limits above. */
export function indexKeys(toks: readonly Token[]): { keys: string; count: number } {
  return capTerms(toks.flatMap(tokenTerms));
}

/** Terms within the limits above, as one key string: later occurrences past the caps are dropped. */
export function capTerms(terms: readonly string[]): { keys: string; count: number } {
  const out: string[] = [];
  const seen = new Map<string, number>();
  for (const term of terms) {
    const n = (seen.get(term) ?? 0) + 1;
    seen.set(term, n);
    if (n > MAX_OCCURRENCES) continue;
    out.push(term);
    if (out.length >= MAX_TERMS) break;
  }
  return { keys: out.join(' '), count: out.length };
}

/** The terms of a query word or phrase, by the same analysis as the articles' text. */
export function queryTerms(text: string): string[] {
  return tokens(text).flatMap(tokenTerms);
}

/** The terms of a name (an entity key, a speaker's words, or the value of entity:/speaker:). */
export function nameTerms(text: string): string[] {
  return tokens(text).flatMap((t) => termsOf(wordKey(t)));
}

/** The entity-style key of the words of a span: see src/ner/mentions.ts. */
export function nameKeyOfTokens(toks: readonly Token[]): string {
  return toks
    .map(wordKey)
    .filter((k) => k !== '')
    .join(' ');
}

/**
 * The key of an outlet name for outlet: filters: lower case, `key`-normalized, letters and digits
 * only (BBC, bbc → bbc; "Jawhara FM", jawharafm → jawharafm).
 */
export function outletKey(name: string): string {
  return termsOf(normalize(name, 'key')).join('');
}
