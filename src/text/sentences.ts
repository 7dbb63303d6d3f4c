/**
 * Sentence splitting over tokens, inside one block (sentences never cross a line break).
 *
 * A sentence ends after . ! ? ؟ ۔ (or a run of them), except:
 * - inside a paired quotation: a quoted passage stays in the sentence that reports it, however many
 *   sentences it holds (pairs longer than {@link MAX_QUOTE_TOKENS} tokens are treated as unpaired);
 * - after an ellipsis (.. … ...), which Arabic news uses as a pause inside a sentence;
 * - after an abbreviation: a single Arabic letter (د. م. أ.) or a known Latin one (Dr. Mr. U.S.);
 * - inside a short parenthesis (at most 12 tokens): "(سي. أي. آيه)" is one aside;
 * - before a closing quotation mark or bracket, which stays with the sentence it closes.
 * A sentence longer than {@link MAX_SENTENCE_TOKENS} is cut, at its last comma or the like.
 * Numbers (8.5، 1,000) never split: the tokenizer keeps them whole.
 */
import type { Span } from './span.js';
import type { TokenKind } from './tokenize.js';
import { pairQuotes } from './quotes.js';

export const MAX_QUOTE_TOKENS = 400;
/**
 * The most tokens a sentence runs before it is cut (at its last comma, semicolon or colon, else
 * where it is): text without sentence punctuation (a pasted single line, a list of names) must not
 * make one sentence of a whole document, which every later stage would read whole, per cue.
 */
export const MAX_SENTENCE_TOKENS = 300;

interface TokenLike extends Span {
  kind: TokenKind;
}

/** The longest parenthesis (in tokens) read as one aside that never ends a sentence. */
const MAX_PAREN_TOKENS = 12;

const LATIN_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'no', 'inc', 'ltd', 'co', 'corp', 'gen', 'col', 'lt', 'sgt', 'rev', 'fig', 'vol', 'p', 'pp']);

function isTerminal(t: TokenLike): boolean {
  if (t.kind !== 'punct') return false;
  const s = t.text;
  if (s.length > 1 && (s.charCodeAt(0) === 0x2e || s.charCodeAt(0) === 0x2026)) return false; // .. ...
  if (s === '\u2026') return false;
  const c = s.charCodeAt(s.length - 1);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x06d4;
}

function isAbbreviation(prev: TokenLike | undefined, dot: TokenLike): boolean {
  if (!prev || dot.text !== '.' || prev.end !== dot.start) return false;
  if (prev.kind === 'word') return [...prev.text.replace(/[\u064B-\u065F\u0670\u0640]/g, '')].length === 1;
  if (prev.kind === 'latin') return prev.text.length === 1 || LATIN_ABBREVIATIONS.has(prev.text.toLowerCase());
  return false;
}

function isCloser(t: TokenLike, partner: number, index: number): boolean {
  if (t.kind === 'quote') return partner >= 0 ? partner < index : true;
  return t.text === ')' || t.text === ']' || t.text === '}' || t.text === '»';
}

/**
 * Splits `tokens[from..to)` into sentences; returns `[firstToken, endToken)` pairs (absolute indices).
 * `quotes`, when given, receives the partner of every quotation mark of the range (or -1).
 */
export function splitSentences(tokens: readonly TokenLike[], from = 0, to = tokens.length, quotes?: Int32Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (from >= to) return out;
  const partner = pairQuotes(tokens, from, to);
  // the pairs, for later stages (absolute token indices)
  if (quotes) for (let i = from; i < to; i++) quotes[i] = partner[i - from]!;
  let start = from;
  let i = from;
  let soft = -1; // the last comma, semicolon or colon of the sentence so far
  while (i < to) {
    if (i - start >= MAX_SENTENCE_TOKENS) {
      const cut = soft > start + MAX_SENTENCE_TOKENS / 4 && soft < i ? soft + 1 : i;
      out.push([start, cut]);
      start = cut;
      soft = -1;
    }
    const t = tokens[i]!;
    const p = partner[i - from]!;
    if (t.kind === 'punct' && (t.text === '،' || t.text === ',' || t.text === '؛' || t.text === ';' || t.text === ':')) soft = i;
    if (t.kind === 'quote' && p > i && p - i <= MAX_QUOTE_TOKENS) {
      i = p + 1; // skip the quoted passage
      soft = -1; // (a cut before it would part the quotation from its cue)
      continue;
    }
    if (t.kind === 'punct' && t.text === '(') {
      // a short parenthesis is one aside, whatever dots it holds: "(سي. أي. آيه)"
      let k = i + 1;
      while (k < to && k - i <= MAX_PAREN_TOKENS && tokens[k]!.text !== ')' && tokens[k]!.text !== '(') k++;
      if (k < to && k - i <= MAX_PAREN_TOKENS && tokens[k]!.text === ')') {
        i = k + 1;
        continue;
      }
    }
    if (isTerminal(t) && !isAbbreviation(tokens[i - 1], t)) {
      let end = i + 1;
      // closing marks glued to the terminal stay with its sentence
      while (end < to && tokens[end]!.start === tokens[end - 1]!.end && isCloser(tokens[end]!, partner[end - from]!, end)) end++;
      out.push([start, end]);
      start = end;
      i = end;
      continue;
    }
    i++;
  }
  if (start < to) out.push([start, to]);
  return out;
}
