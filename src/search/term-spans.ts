/**
 * From index positions back to the text: the token that holds the p-th index term of a text, for
 * a few positions p — the same answer as numbering `tokens(text).flatMap(tokenTerms)` (src/search/
 * keys.ts), at a fraction of its cost, so that a hit's snippet can be cut from the positions the
 * in-memory index already knows (src/search/snippets.ts) instead of analyzing the whole article.
 *
 * Tokens never span white space and tokenizing a run of non-space characters alone gives the
 * tokens it has inside the whole text (src/text/tokenize.ts), so the text is read chunk by chunk,
 * and most chunks need no tokenizer at all: a chunk of plain Arabic letters (U+0621–U+064A, no
 * dots), possibly with vowel marks or tatweel after its first letter (أيضاً), possibly between
 * punctuation marks — «الرئيس،» — is one word with exactly one index term: the marks and tatweel go
 * at `bare`, the letters keep their length through `key` normalization, clitics and suffixes leave
 * at least one letter, and a run of such letters is one term. So is a chunk of ASCII
 * digits between punctuation marks — (2015) — one number with one term. Any other chunk is
 * tokenized and analyzed as the index was.
 */
import { C, charClasses, tokens } from '../text/index.js';
import { MAX_TERM_LENGTH, tokenTerms } from './keys.js';

const HASH = 0x23;
const AT = 0x40;
const UNDERSCORE = 0x5f;

let plain: Uint8Array | undefined;
/**
 * 1: a letter of a plain word; 4: a vowel mark or tatweel, inside a plain word after its first
 * letter; 3: an ASCII digit of a plain number; 2: a mark that stands alone as a token with no term.
 */
function plainTable(): Uint8Array {
  if (plain) return plain;
  const cls = charClasses();
  const t = new Uint8Array(0x10000);
  for (let c = 0x0621; c <= 0x064a; c++) if (c !== 0x0640 && cls[c] === C.AR) t[c] = 1;
  for (let c = 0x30; c <= 0x39; c++) t[c] = 3;
  for (let c = 0x064b; c <= 0x065f; c++) if (cls[c] === C.MARK) t[c] = 4;
  if (cls[0x0670] === C.MARK) t[0x0670] = 4;
  t[0x0640] = 4;
  for (let c = 0; c < 0xd800; c++) {
    const k = cls[c];
    if ((k === C.PUNCT || k === C.QUOTE || k === C.SYMBOL) && c !== HASH && c !== AT && c !== UNDERSCORE) t[c] = 2;
  }
  plain = t;
  return t;
}

/**
 * For each of `positions` (ascending, distinct), the [start, end) of the token holding that index
 * term, as pairs in the result (−1, −1 where the text has fewer terms).
 */
export function termTokenSpans(text: string, positions: ArrayLike<number>): Int32Array {
  const out = new Int32Array(positions.length * 2).fill(-1);
  if (positions.length === 0) return out;
  const cls = charClasses();
  const fast = plainTable();
  const n = text.length;
  let k = 0; // next position to place
  let want = positions[0]!;
  let term = 0; // index of the next term of the text
  let i = 0;
  while (i < n && k < positions.length) {
    let c = text.charCodeAt(i);
    let kind = cls[c];
    if (kind === C.SPACE || kind === C.NEWLINE) {
      i++;
      continue;
    }
    const a = i;
    // the chunk [a, b) up to the next white space, checked for the plain shape: marks, then letters
    // (or digits, not both), then marks
    let state = 0; // 0: leading marks, 1: letters, 2: trailing marks, 3: anything else
    let ws = -1;
    let we = -1;
    let run = 0; // 1 or 3: what the letters are
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      kind = cls[c];
      if (kind === C.SPACE || kind === C.NEWLINE) break;
      if (state === 3) continue;
      const f = fast[c];
      if (f === 1 || f === 3) {
        if (state === 0) {
          state = 1;
          ws = i;
          run = f;
        } else if (state === 2 || f !== run) state = 3;
        we = i + 1;
      } else if (f === 4) {
        if (state === 1 && run === 1) we = i + 1;
        else state = 3;
      } else if (f === 2) {
        if (state === 1) state = 2;
      } else state = 3;
    }
    const b = i;
    if (state !== 3 && ws >= 0 && we - ws <= MAX_TERM_LENGTH) {
      // one word or number, one term
      while (k < positions.length && want === term) {
        out[2 * k] = ws;
        out[2 * k + 1] = we;
        want = positions[++k]!;
      }
      term++;
      continue;
    }
    if (state !== 3 && ws < 0) continue; // punctuation only: no term
    for (const t of tokens(text.slice(a, b))) {
      const m = tokenTerms(t).length;
      while (k < positions.length && want < term + m) {
        if (want >= term) {
          out[2 * k] = a + t.start;
          out[2 * k + 1] = a + t.end;
        }
        want = positions[++k]!;
      }
      term += m;
    }
  }
  return out;
}
