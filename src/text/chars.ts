/**
 * Named Arabic code points and the character classes the scanner uses.
 *
 * Classes are computed once per process from Unicode properties (never from
 * letter ranges such as `[أ-ي]`, which miss vowelled and extended letters).
 */

export const ALEF = 0x0627; // ا
export const ALEF_MADDA = 0x0622; // آ
export const ALEF_HAMZA_ABOVE = 0x0623; // أ
export const WAW_HAMZA = 0x0624; // ؤ
export const ALEF_HAMZA_BELOW = 0x0625; // إ
export const YEH_HAMZA = 0x0626; // ئ
export const HAMZA = 0x0621; // ء
export const ALEF_WASLA = 0x0671; // ٱ
export const ALEF_MAKSURA = 0x0649; // ى
export const YEH = 0x064a; // ي
export const TEH_MARBUTA = 0x0629; // ة
export const HEH = 0x0647; // ه
export const WAW = 0x0648; // و
export const TATWEEL = 0x0640; // ـ
export const MADDAH_ABOVE = 0x0653; // combining ٓ
export const HAMZA_ABOVE = 0x0654; // combining ٔ
export const HAMZA_BELOW = 0x0655; // combining ٕ
export const SUPERSCRIPT_ALEF = 0x0670; // ٰ
export const FARSI_YEH = 0x06cc; // ی
export const KEHEH = 0x06a9; // ک
export const HEH_GOAL = 0x06c1; // ہ
export const AE = 0x06d5; // ە
export const TEH_MARBUTA_GOAL = 0x06c3; // ۃ
export const ARABIC_COMMA = 0x060c; // ،
export const ARABIC_SEMICOLON = 0x061b; // ؛
export const ARABIC_QUESTION = 0x061f; // ؟
export const ARABIC_FULL_STOP = 0x06d4; // ۔
export const ARABIC_DECIMAL_SEP = 0x066b; // ٫
export const ARABIC_THOUSANDS_SEP = 0x066c; // ٬
export const ARABIC_PERCENT = 0x066a; // ٪
export const ELLIPSIS = 0x2026; // …

/** Character classes, one per UTF-16 code unit. */
export const C = {
  OTHER: 0,
  SPACE: 1, // any white space except line breaks
  NEWLINE: 2, // \n \r U+2028 U+2029 U+0085
  AR: 3, // Arabic-script letter (including presentation forms)
  MARK: 4, // combining mark (harakat, shadda, sukun, superscript alef, …)
  TATWEEL: 5,
  LAT: 6, // letter of any other script (Latin, Cyrillic, …)
  DIGIT: 7, // decimal digit of any script
  INVISIBLE: 8, // zero-width and bidi format characters
  PUNCT: 9,
  QUOTE: 10,
  SYMBOL: 11,
  SURROGATE: 12, // half of a surrogate pair: classified by the full code point
} as const;
export type CharClass = (typeof C)[keyof typeof C];

let table: Uint8Array | undefined;

/** The class of every BMP code unit, built lazily (about 10 ms, once). */
export function charClasses(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const digit = /\p{Nd}/u;
  const space = /\s/u;
  const punct = /\p{P}/u;
  const symbol = /\p{S}/u;
  const arabic = /\p{Script=Arabic}/u;
  const format = /\p{Cf}/u;
  for (let i = 0; i < 0x10000; i++) {
    if (i >= 0xd800 && i <= 0xdfff) {
      t[i] = C.SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(i);
    let c: CharClass = C.OTHER;
    if (i === TATWEEL) c = C.TATWEEL;
    else if (letter.test(ch)) c = arabic.test(ch) ? C.AR : C.LAT;
    else if (mark.test(ch)) c = C.MARK;
    else if (digit.test(ch)) c = C.DIGIT;
    else if (i === 0x0a || i === 0x0d || i === 0x85 || i === 0x2028 || i === 0x2029) c = C.NEWLINE;
    else if (space.test(ch)) c = C.SPACE;
    else if (format.test(ch)) c = C.INVISIBLE;
    else if (isQuoteChar(i)) c = C.QUOTE;
    else if (punct.test(ch)) c = C.PUNCT;
    else if (symbol.test(ch)) c = C.SYMBOL;
    else if (i < 0x20 || (i >= 0x7f && i < 0xa0)) c = C.SPACE; // control characters act as blanks
    t[i] = c;
  }
  // Arabic presentation-form ligatures such as ﷺ are symbols by category but letters in use.
  for (let i = 0xfdf0; i <= 0xfdfd; i++) if (t[i] === C.SYMBOL || t[i] === C.OTHER) t[i] = C.AR;
  table = t;
  return t;
}

/** Quotation marks of every kind we meet in Arabic news. */
export function isQuoteChar(c: number): boolean {
  switch (c) {
    case 0x22: // "
    case 0x27: // '
    case 0xab: // «
    case 0xbb: // »
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201a: // ‚
    case 0x201b: // ‛
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0x201f: // ‟
    case 0x2039: // ‹
    case 0x203a: // ›
    case 0x300c: // 「
    case 0x300d: // 」
    case 0xff02: // ＂
      return true;
    default:
      return false;
  }
}

/** Lines break at \n, \r\n, \r and the Unicode line/paragraph separators. */
export function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85;
}
