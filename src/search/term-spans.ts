/**
 * From index positions back to the text: the token that holds the p-th index term of a text, for
 * a few positions p — the same answer as numbering `tokens(text).flatMap(tokenTerms)` (src/search/
 * keys.ts), at a fraction of its cost, so that a hit's snippet can be cut from the positions the
 * in-memory index already knows (src/search/snippets.ts) instead of analyzing the whole article.
 *
 * Tokens never span white space and tokenizing a run of non-space characters alone gives the
 * tokens it has inside the whole text (src/text/tokenize.ts), so the text is read chunk by chunk,
 * and most chunks need no tokenizer at all: a chunk of plain Arabic letters (U+0621–U+064A, no
 * tatweel, marks or dots), possibly between punctuation marks — «الرئيس،» — is one word with
 * exactly one index term: its letters keep their length through `key` normalization, clitics and
 * suffixes leave at least one letter, and a run of such letters is one term. Any other chunk is
 * tokenized and analyzed as the index was.
 */
import { C, charClasses, tokens } from '../text/index.js';
import { MAX_TERM_LENGTH, tokenTerms } from './keys.js';

const HASH = 0x23;
const AT = 0x40;
const UNDERSCORE = 0x5f;

let plain: Uint8Array | undefined;
/** 1: a letter of the plain-word fast path; 2: a mark that stands alone as a token with no term. */
function plainTable(): Uint8Array {
  if (plain) return plain;
  const cls = charClasses();
  const t = new Uint8Array(0x10000);
  for (let c = 0x0621; c <= 0x064a; c++) if (c !== 0x0640 && cls[c] === C.AR) t[c] = 1;
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
    // the chunk [a, b) up to the next white space, checked for the plain shape: marks, letters, marks
    let state = 0; // 0: leading marks, 1: letters, 2: trailing marks, 3: anything else
    let ws = -1;
    let we = -1;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      kind = cls[c];
      if (kind === C.SPACE || kind === C.NEWLINE) break;
      if (state === 3) continue;
      const f = fast[c];
      if (f === 1) {
        if (state === 0) {
          state = 1;
          ws = i;
        } else if (state === 2) state = 3;
        we = i + 1;
      } else if (f === 2) {
        if (state === 1) state = 2;
      } else state = 3;
    }
    const b = i;
    if (state !== 3 && ws >= 0 && we - ws <= MAX_TERM_LENGTH) {
      // one word, one term
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
