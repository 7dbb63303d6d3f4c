/**
 * A sentence seen by the attribution rules: its tokens with their `match` forms, quote pairs and
 * small predicates (comma, complementizer, time phrase, medium phrase …).
 */
import type { Token } from '../../text/index.js';
import { pairQuotes } from '../../text/quotes.js';
import { indexAt } from '../../doc/index.js';
import { attributionLexicons, type Lexicons } from './lexicon.js';

export interface SentenceCtx {
  text: string;
  tokens: readonly Token[];
  /** first and end (exclusive) token index of the sentence */
  from: number;
  to: number;
  /** partner token index of each quote token of the sentence, or -1 */
  partner: Int32Array;
  L: Lexicons;
  /** memo of cue lookups by token index - from (extract.ts): undefined = not looked up, null = no cue */
  memo: unknown[];
  /** memo of the source-end model (source-end.ts): each token's features as either side of a cut, and their scores */
  sides: SideMemo | undefined;
  /** per document token: 1 when the token may start a cue (computed once per document) */
  candidates?: Uint8Array | undefined;
  /**
   * per document token, from the entities layer when it ran: 1 = first token of a person's name,
   * 2 = a later token of any entity mention, 3 = first token of another entity's mention. Rules that split a noun phrase must not cut a name.
   */
  names?: Uint8Array | undefined;
  /**
   * memo for document token i of timeAt (3i) and hedgeAt (3i + 1): length + 1, and of the medium
   * head (3i + 2): head - i + 2, 1 = none; 0 = not looked up. One array for a document's sentences
   * (a token is in one sentence): fewer allocations.
   */
  phrases: Uint8Array;
}

export interface SideMemo {
  /** features of token from + i as the last token kept (2i) and as the first left out (2i + 1) */
  feats: Array<readonly number[] | undefined>;
  /** their scores under `weights` (NaN: not scored yet) */
  scores: Float64Array;
  weights: object | undefined;
}

export function sentenceCtx(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  candidates?: Uint8Array,
  pairs?: Int32Array,
  names?: Uint8Array,
  phrases: Uint8Array = new Uint8Array(PHRASE_SLOTS * to),
): SentenceCtx {
  let quotes = false;
  for (let i = from; i < to && !quotes; i++) quotes = tokens[i]!.kind === 'quote';
  // pairing only matters when the sentence has quotation marks; the sentences stage paired them
  // already (per block): keep the pairs that stay inside the sentence
  let partner: Int32Array = NO_QUOTES;
  if (quotes && pairs) {
    partner = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const p = pairs[i]!;
      partner[i - from] = p >= from && p < to ? p : -1;
    }
  } else if (quotes) partner = pairQuotes(tokens, from, to);
  // one object shape for every sentence (no optional spreads): the rules read these fields constantly
  return { text, tokens, from, to, partner, L: attributionLexicons(), memo: new Array(to - from), sides: undefined, candidates, names, phrases };
}

const NO_QUOTES: Int32Array = new Int32Array(0);

/** Memo slots per token in SentenceCtx.phrases. */
export const PHRASE_SLOTS = 3;

/** The index of the sentence's first token that ends after offset `at` (c.from … c.to). */
export function tokenAtOffset(c: SentenceCtx, at: number): number {
  return Math.min(c.to, Math.max(c.from, indexAt(c.tokens, at)));
}

/** A short description of a token's kind for features: its punctuation when it is one (`,` for a comma), else its kind; `$` for none. */
export function kindOf(t: Token | undefined): string {
  if (!t) return '$';
  if (t.kind === 'punct' || t.kind === 'symbol') return isComma(t) ? ',' : t.text.length === 1 ? t.text : 'p';
  return t.kind;
}

export const tok = (c: SentenceCtx, i: number): Token | undefined => (i >= c.from && i < c.to ? c.tokens[i] : undefined);

/** The token's match form without a leading conjunction و/ف. */
export function bareForm(t: Token): string {
  return hasConj(t) ? t.norm.slice(1) : t.norm;
}

const WAW = 0x648;
const FA = 0x641;

/** Does the word open with the conjunction و/ف? (Tested by char code: the clitic strings are not interned, and this runs for nearly every token.) */
export function hasConj(t: Token): boolean {
  // the clitic is the first letter of the match form: most words are ruled out without reading their clitics
  const c0 = t.norm.charCodeAt(0);
  if (c0 !== WAW && c0 !== FA) return false;
  const p = t.pre?.[0];
  if (p === undefined || p.length !== 1) return false;
  const ch = p.charCodeAt(0);
  return ch === WAW || ch === FA;
}

export function partnerOf(c: SentenceCtx, i: number): number {
  return i >= c.from && i < c.to && c.partner.length > 0 ? c.partner[i - c.from]! : -1;
}

export const isComma = (t: Token | undefined): boolean => !!t && t.text.length === 1 && (t.text === '،' || t.text === ',');
export const isColon = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && (t.text === ':' || t.text === '：');
export const isQuote = (t: Token | undefined): boolean => !!t && t.kind === 'quote';
export const isWordish = (t: Token | undefined): boolean =>
  !!t && (t.kind === 'word' || t.kind === 'latin' || t.kind === 'hashtag' || t.kind === 'number' || t.kind === 'mention');
/** Sentence-internal punctuation that closes a phrase (not quotes or brackets). */
export const isStopPunct = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && /^[،,;؛:.!?؟…]+$/.test(t.text);

/** Is a char code one of the regular expression class \s (tested by code where a loop runs per character)? */
export function isSpace(ch: number): boolean {
  if (ch <= 0x20) return ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
  if (ch < 0xa0) return false;
  return ch === 0xa0 || ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff;
}

/** The token's `bare` form (vowels removed, spelling kept: على ≠ علي). */
export function bare(t: Token): string {
  // most words carry no vowels: look before building a new string
  for (let i = 0; i < t.text.length; i++) {
    const ch = t.text.charCodeAt(i);
    if ((ch >= 0x64b && ch <= 0x65f) || ch === 0x670 || ch === 0x640) return t.text.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  }
  return t.text;
}

/** Number of word tokens strictly inside a quote pair (i, p). */
export function wordsInside(c: SentenceCtx, i: number, p: number): number {
  let n = 0;
  for (let k = i + 1; k < p; k++) if (isWordish(tok(c, k))) n++;
  return n;
}

/** A complementizer (أن، إن، بأنه …). `strict`: not after a preposition ("بعد أن", "إلى أن" = until). */
export function isComplementizer(c: SentenceCtx, i: number, strict = true): boolean {
  const t = tok(c, i);
  if (!t || t.kind !== 'word') return false;
  if (!c.L.complementizers.has(t.norm) && !(hasConj(t) && c.L.complementizers.has(t.norm.slice(1)))) return false;
  if (!strict) return true;
  // "بعد أن" / "قبل أن" / "منذ أن" are temporal, not reporting
  const prev = tok(c, i - 1);
  if (prev && NOT_REPORTING_BEFORE_AN.has(prev.norm)) return false;
  return true;
}

const NOT_REPORTING_BEFORE_AN = new Set(['بعد', 'قبل', 'منذ', 'الي', 'حتي', 'دون', 'رغم', 'بدل', 'من', 'عن', 'علي', 'ب']);

interface PhraseIndex {
  byFirst: Map<string, string[][]>;
  /** the shortest and longest first word: most tokens are ruled out by their length alone */
  minLen: number;
  maxLen: number;
}

const indexes = new WeakMap<readonly string[][], PhraseIndex>();
/** the lists asked about (a handful) and their indexes, checked by identity before the WeakMap */
const recentLists: Array<readonly string[][]> = [];
const recentIndexes: PhraseIndex[] = [];

/** The phrases of `list` indexed by their first word (built once per list). */
function indexOf(list: readonly string[][]): PhraseIndex {
  for (let k = 0; k < recentLists.length; k++) if (recentLists[k] === list) return recentIndexes[k]!;
  let idx = indexes.get(list);
  if (!idx) {
    idx = { byFirst: new Map(), minLen: Infinity, maxLen: 0 };
    for (const words of list) {
      const k = words[0]!;
      if (!idx.byFirst.has(k)) idx.byFirst.set(k, []);
      idx.byFirst.get(k)!.push(words);
      idx.minLen = Math.min(idx.minLen, k.length);
      idx.maxLen = Math.max(idx.maxLen, k.length);
    }
    indexes.set(list, idx);
  }
  if (recentLists.length < 4) {
    recentLists.push(list);
    recentIndexes.push(idx);
  }
  return idx;
}

/** Length (in tokens) of a phrase from `list` starting at token i, or 0 (longest listed first wins). */
export function phraseAt(c: SentenceCtx, i: number, list: readonly string[][]): number {
  const t = tok(c, i);
  if (!t || t.kind !== 'word') return 0;
  const idx = indexOf(list);
  // the first word as it is or after a conjunction (one letter more)
  if (t.norm.length < idx.minLen || t.norm.length > idx.maxLen + 1) return 0;
  const cands = idx.byFirst.get(t.norm) ?? (hasConj(t) ? idx.byFirst.get(bareForm(t)) : undefined);
  if (!cands) return 0;
  for (const words of cands) {
    let ok = true;
    for (let k = 0; k < words.length; k++) {
      const t = tok(c, i + k);
      if (!t || (t.norm !== words[k] && bareForm(t) !== words[k])) {
        ok = false;
        break;
      }
    }
    if (ok) return words.length;
  }
  return 0;
}

/** phraseAt, memoized in c.phrases (slot 0: time words, 1: hedges). */
function memoPhraseAt(c: SentenceCtx, i: number, list: readonly string[][], slot: number): number {
  if (i < c.from || i >= c.to) return 0;
  const k = PHRASE_SLOTS * i + slot;
  if (c.phrases[k] === 0) c.phrases[k] = phraseAt(c, i, list) + 1;
  return c.phrases[k]! - 1;
}

/** Length of a time phrase at token i, or 0 (the preamble and medium rules ask for every token, often twice). */
export const timeAt = (c: SentenceCtx, i: number): number => memoPhraseAt(c, i, c.L.timeWords, 0);

/** Length of a hedge phrase (ما يسمى …) at token i, or 0 (asked for every token of every record's content). */
export const hedgeAt = (c: SentenceCtx, i: number): number => memoPhraseAt(c, i, c.L.hedgePhrases, 1);

const MEDIUM_PREPS = new Set(['في', 'خلال', 'عبر', 'علي', 'بموقع']);
const OCCASION_OPENERS = new Set(['ختام', 'مستهل', 'بدايه', 'بداية', 'نهاية', 'اثناء', 'ترءسه', 'ترءسها', 'مشاركته', 'مشاركتها', 'كلمته', 'كلمتها']);

/** A medium head word: بيان، تصريحات، مؤتمر … with or without article or pronoun. */
export function isMediumHead(c: SentenceCtx, t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const forms = t.base ? [t.norm, bareForm(t), norm(t.base.text)] : [t.norm];
  for (const f of forms) {
    if (c.L.mediumHeads.has(f)) return true;
    const noArt = f.startsWith('ال') ? f.slice(2) : f;
    if (c.L.mediumHeads.has(noArt)) return true;
    for (const suf of ['ه', 'ها', 'هم']) if (noArt.endsWith(suf) && c.L.mediumHeads.has(noArt.slice(0, -suf.length).replace(/ت$/, 'ة'))) return true;
  }
  return false;
}

/** Does the word start with ل after an optional و/ف (so that one of the outlet prefixes above may match)? */
function startsWithLam(norm: string): boolean {
  const c0 = norm.charCodeAt(0);
  return (c0 === 0x648 || c0 === 0x641 ? norm.charCodeAt(1) : c0) === 0x644;
}

function norm(s: string): string {
  // plain letters (no marks, alef variants or ى) are their own match form: most words
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const letter = (ch >= 0x621 && ch <= 0x63a) || (ch >= 0x641 && ch <= 0x64a);
    if (!letter || ch === 0x622 || ch === 0x623 || ch === 0x625 || ch === 0x649) return slowNorm(s);
  }
  return s;
}

function slowNorm(s: string): string {
  return s.normalize('NFC').replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي');
}

/**
 * Length of a medium phrase starting at token i ("في بيان لها", "في تصريحات لوكالة رويترز",
 * "للصحافة في مونتريال"), or 0. It runs to a comma, complementizer, quote, colon or time word.
 */
export function mediumAt(c: SentenceCtx, i: number, limit: number): number {
  if (i < c.from || i >= c.to) return 0;
  // the head does not depend on the limit: remembered (the preamble rules ask for every token, often twice)
  const k = PHRASE_SLOTS * i + 2;
  if (c.phrases[k] === 0) {
    const h = mediumHead(c, i);
    c.phrases[k] = h < 0 ? 1 : h - i + 2;
  }
  if (c.phrases[k] === 1) return 0;
  const head = c.phrases[k]! - 2 + i;
  let j = head + 1;
  while (j < limit) {
    const u = tok(c, j);
    // a quoted name inside the phrase: في مقابلة مع "العربية"
    if (u && isQuote(u)) {
      const p = partnerOf(c, j);
      if (p > j && p < limit && wordsInside(c, j, p) <= 3) {
        j = p + 1;
        continue;
      }
      break;
    }
    if (!u || isStopPunct(u) || isComplementizer(c, j) || timeAt(c, j) > 0) break;
    if (u.kind === 'punct' && u.text !== '-' && u.text !== '(' && u.text !== ')') break;
    j++;
  }
  return j - i;
}

/** The head word of a medium phrase starting at token i (i, i + 1 or i + 2), or -1. */
function mediumHead(c: SentenceCtx, i: number): number {
  const t = tok(c, i);
  if (!t || t.kind !== 'word') return -1;
  const prep = MEDIUM_PREPS.has(bareForm(t));
  if (prep && isMediumHead(c, tok(c, i + 1))) return i + 1;
  // an occasion: "في ختام اللقاء"، "في مستهل الاجتماع"، "خلال ترؤسه اجتماعا"
  if (prep && OCCASION_OPENERS.has(tok(c, i + 1)?.norm ?? '') && isMediumHead(c, tok(c, i + 2))) return i + 2;
  if (startsWithLam(t.norm) && t.pre && (t.pre.includes('ل') || t.pre.includes('ب')) && /^(للصحاف|للصحفي|لوسائل|للصحف|لوكال|لقنا|لصحيف|لموقع|لتلفزيون|لاذاع|للاذاع|لمراسل|للمراسل|لمندوب|لجريد|للجريد|لشبك|لمجل|لراديو|للتلفزيون)/.test(t.norm.replace(/^[وف]/, '')))
    return i;
  // "لـ«الشروق»"، "ل"الجوهرة أف أم"": to an outlet named in quotation marks
  if ((t.text === 'لـ' || t.text === 'ل' || t.text === 'ولـ') && ((isQuote(tok(c, i + 1)) && partnerOf(c, i + 1) > i + 1) || tok(c, i + 1)?.kind === 'latin')) return i;
  if (t.pre && t.pre.includes('ب') && isMediumHead(c, t) && bareForm(t).startsWith('ب')) return i;
  return -1;
}
