/**
 * Quotation marks: their family and direction, and pairing within a stretch of tokens.
 *
 * - Straight marks (" ' ＂) have no direction: their spacing hints whether they open or close
 *   (see pairStraight); unhinted marks alternate, and a mark left open stays unpaired (a quote that
 *   runs on into the next paragraph).
 * - Directional marks pair with a stack, per family: « », “ ”, ‘ ’, ‹ ›, 「 」, „ with “ or ”.
 *   Arabic text often uses them mirrored (» … « or ” … “): when the first mark of a family in the
 *   stretch is a closing one, the family is read mirrored.
 * Unpaired marks (unbalanced quotes) stay unpaired: callers decide what they mean.
 */
import type { Span } from './span.js';

export type QuoteFamily = 'straight' | 'straight-single' | 'guillemet' | 'curly' | 'curly-single' | 'angle' | 'corner';

export interface QuoteMark {
  family: QuoteFamily;
  /** 1 opens, -1 closes, 0 either */
  dir: 1 | -1 | 0;
}

const MARKS = new Map<number, QuoteMark>([
  [0x22, { family: 'straight', dir: 0 }],
  [0xff02, { family: 'straight', dir: 0 }],
  [0x27, { family: 'straight-single', dir: 0 }],
  [0xab, { family: 'guillemet', dir: 1 }],
  [0xbb, { family: 'guillemet', dir: -1 }],
  [0x201c, { family: 'curly', dir: 1 }],
  [0x201e, { family: 'curly', dir: 1 }],
  [0x201f, { family: 'curly', dir: 1 }],
  [0x201d, { family: 'curly', dir: -1 }],
  [0x2018, { family: 'curly-single', dir: 1 }],
  [0x201a, { family: 'curly-single', dir: 1 }],
  [0x201b, { family: 'curly-single', dir: 1 }],
  [0x2019, { family: 'curly-single', dir: -1 }],
  [0x2039, { family: 'angle', dir: 1 }],
  [0x203a, { family: 'angle', dir: -1 }],
  [0x300c, { family: 'corner', dir: 1 }],
  [0x300d, { family: 'corner', dir: -1 }],
]);

/** The family and direction of a quotation mark, or undefined for any other text. */
export function quoteMark(s: string): QuoteMark | undefined {
  return s.length === 1 ? MARKS.get(s.charCodeAt(0)) : undefined;
}

/**
 * Pairs the quotation marks among `tokens[from..to)`. Returns, for each token of that range, the
 * index of its partner (absolute token index), or -1 (not a quote, or unpaired).
 */
export function pairQuotes(tokens: readonly Span[], from = 0, to = tokens.length): Int32Array {
  const partner = new Int32Array(to - from).fill(-1);
  const byFamily = new Map<QuoteFamily, number[]>();
  for (let i = from; i < to; i++) {
    const q = quoteMark(tokens[i]!.text);
    if (!q) continue;
    let list = byFamily.get(q.family);
    if (!list) byFamily.set(q.family, (list = []));
    list.push(i);
  }
  for (const [family, list] of byFamily) {
    if (family === 'straight' || family === 'straight-single') {
      pairStraight(tokens, list, partner, from);
      continue;
    }
    const mirrored = quoteMark(tokens[list[0]!]!.text)!.dir === -1 && list.some((i) => quoteMark(tokens[i]!.text)!.dir === 1);
    const stack: number[] = [];
    for (const i of list) {
      const dir = quoteMark(tokens[i]!.text)!.dir * (mirrored ? -1 : 1);
      if (dir === 1) stack.push(i);
      else if (stack.length > 0) link(partner, from, stack.pop()!, i);
    }
  }
  return partner;
}

/**
 * Straight quotes have no direction, but their spacing tells: a mark glued to the word after it and
 * not to the word before opens ("قال "نعم), one glued to the word before and not after closes
 * (نعم" قال). A mark glued to a proclitic (بـ"المعارضة") opens. Hints pair with a stack; a closing
 * hint with nothing open is read as an opening (writers sometimes put the space on the wrong side);
 * marks without a hint alternate.
 */
function pairStraight(tokens: readonly Span[], list: number[], partner: Int32Array, from: number): void {
  const stack: number[] = [];
  for (const i of list) {
    const q = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const before = !!prev && prev.end === q.start && !isOpenerPunct(prev.text);
    const after = !!next && next.start === q.end && !/^[.,،:;؛!?؟)\]»”…-]/.test(next.text);
    const proclitic = before && /^(بـ|لـ|ب|ل|و|ف|ك|الـ|ال)$/.test(prev!.text);
    let dir: 1 | -1 | 0 = 0;
    if ((after && !before) || (after && proclitic)) dir = 1;
    else if (before && !after) dir = -1;
    if (dir === 0) dir = stack.length > 0 ? -1 : 1;
    if (dir === -1 && stack.length > 0) link(partner, from, stack.pop()!, i);
    else stack.push(i);
  }
}

function isOpenerPunct(s: string): boolean {
  return s === '(' || s === '[' || s === ':' || s === '«';
}

function link(partner: Int32Array, from: number, a: number, b: number): void {
  partner[a - from] = b;
  partner[b - from] = a;
}
