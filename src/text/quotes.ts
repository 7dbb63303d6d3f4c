/**
 * Quotation marks: their family and direction, and pairing within a stretch of tokens.
 *
 * - Straight marks (" ' ＂) have no direction: they pair in order (1st with 2nd, 3rd with 4th);
 *   with an odd count the last stays unpaired (a quote that runs on into the next paragraph).
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
      for (let k = 0; k + 1 < list.length; k += 2) link(partner, from, list[k]!, list[k + 1]!);
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

function link(partner: Int32Array, from: number, a: number, b: number): void {
  partner[a - from] = b;
  partner[b - from] = a;
}
