/**
 * Tokenizer: one pass over the ORIGINAL text, so every token is an exact `[start, end)` slice.
 *
 * Kinds:
 * - `word`: Arabic-script letters with their marks and tatweel (كَتَبَ، بـ، الـ);
 *   zero-width joiners inside a word stay inside it; dotted abbreviations (بي.بي.سي) are one word;
 * - `latin`: letters of other scripts with digits and inner apostrophes (G20, don't, U.S.);
 * - `number`: digits of any script with decimal (8.5، ٨٫٥), thousands (1,000 — exactly three digits
 *   after the comma), time (10:30) and date (12/5/2018) separators;
 * - `punct`: one punctuation mark, or a run of dots (.. … ...), of ?!؟ or of a repeated dash/star;
 * - `quote`: one quotation mark of any kind; see {@link quoteRole} for its role;
 * - `url`, `email`, `hashtag` (#مجلس_الأعمال), `mention` (@name);
 * - `symbol`: everything else that is visible (%, $, emoji).
 * White space, line breaks and invisible format characters separate tokens and are never part of one
 * (except joiners inside a word).
 */
import { C, charClasses } from './chars.js';

export type TokenKind = 'word' | 'latin' | 'number' | 'punct' | 'quote' | 'url' | 'email' | 'hashtag' | 'mention' | 'symbol';

export interface RawToken {
  start: number;
  end: number;
  kind: TokenKind;
}

const DOT = 0x2e;
const COMMA = 0x2c;
const COLON = 0x3a;
const SLASH = 0x2f;
const HASH = 0x23;
const AT = 0x40;
const UNDERSCORE = 0x5f;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE = 0x2019;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const AR_DECIMAL = 0x066b;
const AR_THOUSANDS = 0x066c;

/** Characters that, repeated, form one punctuation token ("-----", "***", "…", "؟!"). */
function runGroup(c: number): number {
  switch (c) {
    case DOT:
    case 0x2026: // …
      return 1;
    case 0x21: // !
    case 0x3f: // ?
    case 0x061f: // ؟
      return 2;
    case 0x2d: // -
    case 0x2013: // –
    case 0x2014: // —
      return 3;
    case 0x2a: // *
      return 4;
    case 0xd7: // ×
      return 5;
    case 0x3d: // =
      return 6;
    case UNDERSCORE:
      return 7;
    case 0x7e: // ~
      return 8;
    default:
      return 0;
  }
}

const URL_START = /https?:\/\/|www\./iy;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,}/uy;
const URL_TRAILING = /[.,:;!?)\]'"؟،؛»”’]+$/u;
const LETTER = /\p{L}/u;
/** Words an Arabic domain ends with after a dot (العربية.نت). */
const DOMAIN_TAILS = new Set(['نت', 'كوم', 'net', 'com', 'org']);

/** Splits `text` into tokens. Never throws; every token is a non-empty slice of `text`. */
export function tokenize(text: string): RawToken[] {
  const cls = charClasses();
  const n = text.length;
  const out: RawToken[] = [];
  let i = 0;
  const classAt = (k: number): number => (k < n ? cls[text.charCodeAt(k)]! : C.SPACE);

  /** End of a run of Arabic letters, marks, tatweel and inner joiners starting at `k`. */
  const arabicRun = (k: number): number => {
    while (k < n) {
      const c = text.charCodeAt(k);
      const k2 = cls[c];
      if (k2 === C.AR || k2 === C.MARK || k2 === C.TATWEEL) k++;
      else if ((c === ZWNJ || c === ZWJ) && (classAt(k + 1) === C.AR || classAt(k + 1) === C.MARK)) k++;
      else break;
    }
    return k;
  };
  /** End of a run of non-Arabic letters, marks and digits starting at `k` (surrogate letters too). */
  const latinRun = (k: number): number => {
    while (k < n) {
      const c = text.charCodeAt(k);
      const k2 = cls[c];
      if (k2 === C.LAT || k2 === C.MARK || k2 === C.DIGIT) k++;
      else if ((c === APOSTROPHE || c === RIGHT_SINGLE) && classAt(k + 1) === C.LAT && k > 0 && classAt(k - 1) === C.LAT) k++;
      else if (k2 === C.SURROGATE && isSurrogateLetter(text, k)) k += 2;
      else break;
    }
    return k;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const k = cls[c]!;
    if (k === C.SPACE || k === C.NEWLINE || k === C.INVISIBLE) {
      i++;
      continue;
    }
    const start = i;
    if (k === C.AR || k === C.TATWEEL || (k === C.MARK && classAt(i + 1) !== C.SPACE)) {
      let end = arabicRun(i);
      // dotted abbreviation بي.بي.سي or Arabic domain العربية.نت: letters.letters with no space
      while (end + 1 < n && text.charCodeAt(end) === DOT && classAt(end + 1) === C.AR) {
        const next = arabicRun(end + 1);
        const left = lettersIn(text, lastSegmentStart(text, start, end), end);
        const right = lettersIn(text, end + 1, next);
        if ((left <= 3 && right <= 3) || DOMAIN_TAILS.has(text.slice(end + 1, next))) end = next;
        else break;
      }
      const onlyTatweel = !hasLetter(text, start, end, cls);
      out.push({ start, end, kind: onlyTatweel ? 'punct' : 'word' });
      i = end;
      continue;
    }
    if (k === C.LAT || (k === C.SURROGATE && isSurrogateLetter(text, i))) {
      URL_START.lastIndex = i;
      if ((c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57) && URL_START.test(text)) {
        const end = urlEnd(text, i, cls);
        out.push({ start, end, kind: 'url' });
        i = end;
        continue;
      }
      let end = latinRun(i);
      if (end < n && text.charCodeAt(end) === AT) {
        EMAIL.lastIndex = i;
        const m = EMAIL.exec(text);
        if (m) {
          out.push({ start, end: i + m[0].length, kind: 'email' });
          i += m[0].length;
          continue;
        }
      }
      // U.S. / e.g. : single letters joined by dots, with the final dot
      if (end - start === 1 && text.charCodeAt(end) === DOT && classAt(end + 1) === C.LAT) {
        let e = end;
        while (e + 1 < n && text.charCodeAt(e) === DOT && classAt(e + 1) === C.LAT && classAt(e + 2) !== C.LAT) e += 2;
        if (e > end && text.charCodeAt(e) === DOT) end = e + 1;
      } else if (text.charCodeAt(end) === DOT && DOMAIN_TAILS.has(text.slice(end + 1, latinRun(end + 1)).toLowerCase())) {
        end = latinRun(end + 1);
      }
      out.push({ start, end, kind: 'latin' });
      i = end;
      continue;
    }
    if (k === C.DIGIT) {
      let end = numberEnd(text, i, cls);
      if (classAt(end) === C.LAT) {
        // 4G, 3D, 10km: a number glued to Latin letters is one Latin token
        end = latinRun(end);
        out.push({ start, end, kind: 'latin' });
      } else out.push({ start, end, kind: 'number' });
      i = end;
      continue;
    }
    if (k === C.QUOTE) {
      out.push({ start, end: i + 1, kind: 'quote' });
      i++;
      continue;
    }
    if (c === HASH && (classAt(i + 1) === C.AR || classAt(i + 1) === C.LAT || classAt(i + 1) === C.DIGIT || classAt(i + 1) === C.MARK)) {
      let end = i + 1;
      while (end < n) {
        const k2 = classAt(end);
        if (k2 === C.AR || k2 === C.LAT || k2 === C.DIGIT || k2 === C.MARK || k2 === C.TATWEEL || text.charCodeAt(end) === UNDERSCORE) end++;
        else break;
      }
      while (text.charCodeAt(end - 1) === UNDERSCORE) end--;
      out.push({ start, end, kind: 'hashtag' });
      i = end;
      continue;
    }
    if (c === AT && (classAt(i + 1) === C.LAT || classAt(i + 1) === C.DIGIT || text.charCodeAt(i + 1) === UNDERSCORE)) {
      let end = i + 1;
      while (end < n && (classAt(end) === C.LAT || classAt(end) === C.DIGIT || text.charCodeAt(end) === UNDERSCORE)) end++;
      out.push({ start, end, kind: 'mention' });
      i = end;
      continue;
    }
    if (k === C.PUNCT || k === C.SYMBOL) {
      const g = runGroup(c);
      let end = i + 1;
      if (g !== 0) {
        // a lone _ or - between letters is still its own token; runs join
        while (end < n && runGroup(text.charCodeAt(end)) === g) end++;
      }
      out.push({ start, end, kind: k === C.PUNCT ? 'punct' : 'symbol' });
      i = end;
      continue;
    }
    if (k === C.SURROGATE) {
      // a non-letter astral character (emoji …) with its modifiers
      let end = i + (i + 1 < n && cls[text.charCodeAt(i + 1)] === C.SURROGATE ? 2 : 1);
      for (;;) {
        if (end >= n) break;
        const d = text.charCodeAt(end);
        if (cls[d] === C.MARK) end += 1; // variation selector
        else if (d === ZWJ && classAt(end + 1) === C.SURROGATE) end += 3; // joined emoji
        else if (d === 0xd83c && end + 1 < n && text.charCodeAt(end + 1) >= 0xdffb && text.charCodeAt(end + 1) <= 0xdfff) end += 2; // skin tone
        else break;
      }
      end = Math.min(end, n);
      out.push({ start, end, kind: 'symbol' });
      i = end;
      continue;
    }
    // a combining mark after a space, or anything unclassified
    out.push({ start, end: i + 1, kind: 'symbol' });
    i++;
  }
  return out;
}

function isSurrogateLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return false;
  return LETTER.test(text.slice(i, i + 2));
}

function hasLetter(text: string, start: number, end: number, cls: Uint8Array): boolean {
  for (let k = start; k < end; k++) if (cls[text.charCodeAt(k)] === C.AR) return true;
  return false;
}

function lettersIn(text: string, start: number, end: number): number {
  const cls = charClasses();
  let count = 0;
  for (let k = start; k < end; k++) if (cls[text.charCodeAt(k)] === C.AR) count++;
  return count;
}

function lastSegmentStart(text: string, start: number, end: number): number {
  for (let k = end - 1; k > start; k--) if (text.charCodeAt(k) === DOT) return k + 1;
  return start;
}

function numberEnd(text: string, i: number, cls: Uint8Array): number {
  const n = text.length;
  const digitsFrom = (k: number): number => {
    while (k < n && cls[text.charCodeAt(k)] === C.DIGIT) k++;
    return k;
  };
  let end = digitsFrom(i);
  let groups = 1;
  for (;;) {
    if (end + 1 >= n) break;
    const sep = text.charCodeAt(end);
    if (cls[text.charCodeAt(end + 1)] !== C.DIGIT) break;
    const next = digitsFrom(end + 1);
    const len = next - end - 1;
    if (sep === COMMA || sep === AR_THOUSANDS) {
      if (len !== 3) break;
    } else if (sep === COLON) {
      if (len !== 2) break;
    } else if (sep === SLASH) {
      if (len > 4 || groups > 2) break;
    } else if (sep !== DOT && sep !== AR_DECIMAL) break;
    end = next;
    groups++;
  }
  return end;
}

function urlEnd(text: string, i: number, cls: Uint8Array): number {
  const n = text.length;
  let end = i;
  while (end < n) {
    const c = text.charCodeAt(end);
    const k = cls[c];
    if (k === C.SPACE || k === C.NEWLINE || c === 0x22 || c === 0xab || c === 0xbb || c === 0x3c || c === 0x3e || c === 0x060c) break;
    end++;
  }
  const m = URL_TRAILING.exec(text.slice(i, end));
  if (m) end -= m[0].length;
  return Math.max(end, i + 1);
}
