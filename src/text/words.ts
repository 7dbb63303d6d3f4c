/**
 * The token layer: raw tokens enriched with their normalized form, and for Arabic words their
 * clitics, base span and search key. Each distinct word is analyzed once per process (cache).
 */
import { analyzeClitics, type Vocabulary } from './clitics.js';
import { normalize, normalizeWithOffsets } from './normalize.js';
import type { Span } from './span.js';
import { keyOfBase } from './stem.js';
import { tokenize, type RawToken, type TokenKind } from './tokenize.js';
import { defaultVocabulary } from './vocab.js';

export interface Token extends Span {
  kind: TokenKind;
  /** `match`-level form: no vowels or tatweel, merged alef/ya variants, ASCII digits */
  norm: string;
  /** search key: light stem for Arabic words, lower case for Latin, `norm` otherwise */
  stem: string;
  /** proclitics, outermost first (و ف ب ل ك س ال), when the word has any */
  pre?: string[];
  /** pronoun enclitic (ه ها هم …), when the word has one */
  suf?: string;
  /** the word without its clitics, when it has clitics */
  base?: Span;
}

/**
 * What the process knows of one word form, shared by all its tokens (the cache below): a later
 * layer that computes something per form keeps it here (`slot`, marked with its `owner`) instead of
 * looking the form up again in a map of its own. Dropped with the cache entry.
 */
export interface Lexeme {
  owner: unknown;
  slot: unknown;
}

interface WordInfo extends Lexeme {
  norm: string;
  stem: string;
  pre: string[] | undefined;
  suf: string | undefined;
  /** base offsets relative to the token start, or -1 when there are no clitics */
  baseStart: number;
  baseEnd: number;
}

const CACHE_LIMIT = 200_000;
const caches = new WeakMap<Vocabulary, Map<string, WordInfo>>();
const noVocabCache = new Map<string, WordInfo>();

export interface TokenOptions {
  /** vocabulary for clitic decisions: default the shipped one; `null` for rules only */
  vocab?: Vocabulary | null;
}

function analyzeWord(w: string, vocab: Vocabulary | undefined): WordInfo {
  const bare = normalize(w, 'bare');
  const m = normalize(bare, 'match');
  // dotted abbreviations and domains (بي.بي.سي، العربية.نت) carry no clitics
  const a = m.includes('.') ? analyzeClitics('', '', vocab) : analyzeClitics(bare, m, vocab);
  const stem = keyOfBase(m, a.preLen, a.sufLen);
  if (a.preLen === 0 && a.sufLen === 0) return { norm: m, stem, pre: undefined, suf: undefined, baseStart: -1, baseEnd: -1, owner: undefined, slot: undefined };
  let baseStart = a.preLen;
  let baseEnd = w.length - a.sufLen;
  if (bare.length !== w.length || bare !== w) {
    // vowels, tatweel or ligatures shift positions: map the bare positions back
    const { offsets } = normalizeWithOffsets(w, 'bare');
    [baseStart, baseEnd] = offsets.toOriginal(a.preLen, bare.length - a.sufLen);
  }
  return { norm: m, stem, pre: a.pre, suf: a.suf || undefined, baseStart, baseEnd, owner: undefined, slot: undefined };
}

/** Tokenizes `text` and analyzes every token; with `lexemes`, each word token's {@link Lexeme} goes to lexemes[i]. */
export function tokens(text: string, options: TokenOptions = {}, lexemes?: Array<Lexeme | undefined>): Token[] {
  return analyzeTokens(text, tokenize(text), options, lexemes);
}

/** Enriches raw tokens of `text`; with `lexemes`, each word token's {@link Lexeme} goes to lexemes[i] (undefined for other tokens). */
export function analyzeTokens(text: string, raw: readonly RawToken[], options: TokenOptions = {}, lexemes?: Array<Lexeme | undefined>): Token[] {
  const vocab = options.vocab === null ? undefined : (options.vocab ?? defaultVocabulary());
  let cache = vocab ? caches.get(vocab) : noVocabCache;
  if (!cache) {
    cache = new Map();
    if (vocab) caches.set(vocab, cache);
  }
  const out: Token[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const t = text.slice(r.start, r.end);
    if (r.kind === 'word') {
      let info = cache.get(t);
      if (!info) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        info = analyzeWord(t, vocab);
        cache.set(t, info);
      }
      if (lexemes) lexemes[i] = info;
      // every token has the same fields (absent ones undefined, which JSON leaves out): one object
      // shape keeps the later stages' property reads monomorphic, which they are full of
      const clitics = info.pre !== undefined || info.suf !== undefined;
      out[i] = {
        start: r.start,
        end: r.end,
        text: t,
        kind: r.kind,
        norm: info.norm,
        stem: info.stem,
        pre: info.pre && info.pre.length > 0 ? info.pre : undefined,
        suf: info.suf || undefined,
        base: clitics ? { start: r.start + info.baseStart, end: r.start + info.baseEnd, text: text.slice(r.start + info.baseStart, r.start + info.baseEnd) } : undefined,
      };
    } else {
      const norm = normalize(t, 'match');
      const stem = r.kind === 'latin' || r.kind === 'hashtag' || r.kind === 'mention' || r.kind === 'email' || r.kind === 'url' ? normalize(norm, 'key') : norm;
      out[i] = { start: r.start, end: r.end, text: t, kind: r.kind, norm, stem, pre: undefined, suf: undefined, base: undefined };
      if (lexemes) lexemes[i] = undefined;
    }
  }
  return out;
}
