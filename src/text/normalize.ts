/**
 * Offset-preserving normalization of Arabic text.
 *
 * Three explicit levels, each one including the one before it:
 *
 * `display` — invisible and compatibility clean-up; spelling and vowels are kept.
 *   - zero-width and bidi marks (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+061C, U+FEFF,
 *     soft hyphen) are removed; tatweel ـ is removed;
 *   - odd spaces (no-break, thin, ideographic, …) become U+0020;
 *   - presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) become their letters, the lam-alef
 *     ligatures ﻻ ﻷ ﻹ ﻵ become two letters (لا …), ﷲ becomes الله; full-width Latin becomes ASCII;
 *   - Persian/Urdu letters used for Arabic ones: ک → ك, ی → ي, ہ ە → ه, ۃ → ة;
 *   - a letter followed by a combining hamza or madda is composed (ا + ٔ → أ, ي + ٔ → ئ).
 * `bare` — the spelling as written, without vowels:
 *   - diacritics removed: harakat, tanwin, shadda, sukun, superscript alef ٰ, Quranic marks.
 * `match` — orthographic variants merged, for lexicons and matching:
 *   - alef variants أ إ آ ٱ → ا;
 *   - alef maksura ى → ي (Egyptian press writes فى، السورى، الذى; either spelling matches);
 *   - Arabic-Indic and Persian digits → 0–9; ٫ → . ; ٬ → , ; ٪ → %.
 * `key` — search keys:
 *   - ta marbuta ة → ه;
 *   - hamza seats ؤ ئ → ء (مسؤول and مسئول share a key);
 *   - Latin letters lower-cased.
 *
 * Each level is idempotent, and `normalize(normalize(s, a), b) === normalize(s, b)` when b ≥ a.
 * `bare` and the levels after it change positions only by deletion and ligature expansion at the
 * `display`/`bare` steps: `match` and `key` replace one code unit by one.
 * `normalizeWithOffsets` also returns an {@link OffsetMap} from normalized positions back to
 * the original text (like Lucene's offset-correcting char filters).
 */
import {
  AE,
  ALEF,
  ALEF_HAMZA_ABOVE,
  ALEF_HAMZA_BELOW,
  ALEF_MADDA,
  ALEF_MAKSURA,
  ALEF_WASLA,
  ARABIC_DECIMAL_SEP,
  ARABIC_PERCENT,
  ARABIC_THOUSANDS_SEP,
  FARSI_YEH,
  HAMZA,
  HAMZA_ABOVE,
  HAMZA_BELOW,
  HEH_GOAL,
  KEHEH,
  MADDAH_ABOVE,
  TATWEEL,
  TEH_MARBUTA,
  TEH_MARBUTA_GOAL,
  WAW,
  WAW_HAMZA,
  YEH,
  YEH_HAMZA,
} from './chars.js';
import { OffsetMap } from './offsets.js';

export type Level = 'display' | 'bare' | 'match' | 'key';
/** From the least to the most normalized; each level applies every rule of the levels before it. */
export const LEVELS: readonly Level[] = ['display', 'bare', 'match', 'key'];

const KEEP = -1;
const DELETE = -2;
const MULTI = -3;
/** A combining hamza/madda: composes with the letter before it. */
const COMPOSING = -4;

interface Table {
  /** per code unit: KEEP, DELETE, MULTI, COMPOSING or the replacement code unit */
  readonly single: Int32Array;
  readonly multi: Map<number, string>;
  /** deleted characters that belong to the letter before them (marks, tatweel) */
  readonly attaches: Uint8Array;
}

const tables = new Map<Level, Table>();

/** Invisible format characters removed at every level. */
function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x061c ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x180e
  );
}

function isOddSpace(c: number): boolean {
  return c === 0x00a0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Arabic combining marks removed at `match`: harakat, shadda, sukun, superscript alef, Quranic signs. */
export function isArabicMark(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x06d6 && c <= 0x06dc) ||
    (c >= 0x06df && c <= 0x06e4) ||
    c === 0x06e7 ||
    c === 0x06e8 ||
    (c >= 0x06ea && c <= 0x06ed) ||
    (c >= 0x08d3 && c <= 0x08ff && c !== 0x08e2)
  );
}

/** Letter + combining hamza/madda → precomposed letter, or -1. */
export function compose(base: number, mark: number): number {
  if (mark === HAMZA_ABOVE) {
    if (base === ALEF) return ALEF_HAMZA_ABOVE;
    if (base === WAW) return WAW_HAMZA;
    if (base === YEH || base === ALEF_MAKSURA || base === FARSI_YEH) return YEH_HAMZA;
    return -1;
  }
  if (mark === HAMZA_BELOW) return base === ALEF ? ALEF_HAMZA_BELOW : -1;
  if (mark === MADDAH_ABOVE) return base === ALEF ? ALEF_MADDA : -1;
  return -1;
}

/** The one-character rule of a level, before closure: a replacement string, or undefined to keep. */
function rule(c: number, level: Level): string | undefined {
  if (isInvisible(c) || c === TATWEEL) return '';
  if (isOddSpace(c)) return ' ';
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff) || (c >= 0xff01 && c <= 0xff5e)) {
    const k = String.fromCharCode(c).normalize('NFKC').replace(/ /g, '');
    if (k !== String.fromCharCode(c) && k.length > 0) return k;
  }
  switch (c) {
    case KEHEH:
      return 'ك';
    case FARSI_YEH:
      return 'ي';
    case HEH_GOAL:
    case AE:
      return 'ه';
    case TEH_MARBUTA_GOAL:
      return 'ة';
  }
  if (level === 'display') return undefined;
  if (isArabicMark(c)) return '';
  if (level === 'bare') return undefined;
  if (c === ALEF_HAMZA_ABOVE || c === ALEF_HAMZA_BELOW || c === ALEF_MADDA || c === ALEF_WASLA || c === 0x0672 || c === 0x0673)
    return 'ا';
  if (c === ALEF_MAKSURA) return 'ي';
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(0x30 + c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(0x30 + c - 0x06f0);
  if (c === ARABIC_DECIMAL_SEP) return '.';
  if (c === ARABIC_THOUSANDS_SEP) return ',';
  if (c === ARABIC_PERCENT) return '%';
  if (level === 'match') return undefined;
  if (c === TEH_MARBUTA) return 'ه';
  if (c === WAW_HAMZA || c === YEH_HAMZA) return String.fromCharCode(HAMZA);
  if (c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 32);
  if (c >= 0xc0 && c < 0x250) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1 && lower.charCodeAt(0) !== c) return lower;
  }
  return undefined;
}

/** Applies the rules until nothing changes, so one pass of the table is idempotent. */
function closure(c: number, level: Level, depth = 0): string | undefined {
  const r = rule(c, level);
  if (r === undefined || depth > 4) return r;
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const cc = r.charCodeAt(i);
    const rr = cc === c ? undefined : closure(cc, level, depth + 1);
    out += rr === undefined ? r[i] : rr;
  }
  return out;
}

function table(level: Level): Table {
  let t = tables.get(level);
  if (t) return t;
  const single = new Int32Array(0x10000).fill(KEEP);
  const multi = new Map<number, string>();
  const attaches = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const r = closure(c, level);
    if (r === undefined) continue;
    if (r.length === 0) single[c] = DELETE;
    else if (r.length === 1) single[c] = r.charCodeAt(0) === c ? KEEP : r.charCodeAt(0);
    else {
      single[c] = MULTI;
      multi.set(c, r);
    }
    if (c === TATWEEL || isArabicMark(c)) attaches[c] = 1;
  }
  if (level === 'display') {
    // marks are kept at `display`, but a hamza/madda may compose with the letter before it
    single[HAMZA_ABOVE] = COMPOSING;
    single[HAMZA_BELOW] = COMPOSING;
    single[MADDAH_ABOVE] = COMPOSING;
  }
  t = { single, multi, attaches };
  tables.set(level, t);
  return t;
}

/** Normalizes `s` at `level`. Returns `s` itself when nothing changes. */
export function normalize(s: string, level: Level = 'match'): string {
  const { single } = table(level);
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const v = single[s.charCodeAt(i)]!;
    if (v !== KEEP) break;
  }
  if (i === n) return s;
  return run(s, level, i, undefined);
}

/** Normalizes `s` and returns the map from normalized positions back into `s`. */
export function normalizeWithOffsets(s: string, level: Level = 'match'): { text: string; offsets: OffsetMap } {
  const { single } = table(level);
  const n = s.length;
  let i = 0;
  for (; i < n; i++) if (single[s.charCodeAt(i)] !== KEEP) break;
  if (i === n) return { text: s, offsets: OffsetMap.identity(n) };
  const sink = { starts: new Int32Array(n * 2 + 4), ends: new Int32Array(n * 2 + 4), length: 0 };
  const text = run(s, level, i, sink);
  const starts = sink.starts.subarray(0, text.length);
  const ends = sink.ends.subarray(0, text.length);
  return { text, offsets: new OffsetMap(starts, ends, n) };
}

interface Sink {
  starts: Int32Array;
  ends: Int32Array;
  length: number;
}

function grow(sink: Sink, need: number): void {
  if (need <= sink.starts.length) return;
  const size = Math.max(need, sink.starts.length * 2);
  const s = new Int32Array(size);
  s.set(sink.starts);
  const e = new Int32Array(size);
  e.set(sink.ends);
  sink.starts = s;
  sink.ends = e;
}

/** The slow path, from the first position `from` whose character changes. */
function run(s: string, level: Level, from: number, sink: Sink | undefined): string {
  const { single, multi, attaches } = table(level);
  const n = s.length;
  let i = from;
  let out = s.slice(0, i);
  let outLen = i;
  if (sink) {
    grow(sink, i + 4);
    for (let k = 0; k < i; k++) {
      sink.starts[k] = k;
      sink.ends[k] = k + 1;
    }
  }
  let runStart = i; // start of a run of unchanged characters not yet appended
  const flush = (to: number): void => {
    if (to > runStart) {
      out += s.slice(runStart, to);
      if (sink) {
        grow(sink, outLen + (to - runStart) + 4);
        for (let k = runStart; k < to; k++, outLen++) {
          sink.starts[outLen] = k;
          sink.ends[outLen] = k + 1;
        }
      } else outLen += to - runStart;
    }
  };
  while (i < n) {
    const c = s.charCodeAt(i);
    const v = single[c]!;
    if (v === KEEP) {
      i++;
      continue;
    }
    flush(i);
    if (c === HAMZA_ABOVE || c === HAMZA_BELOW || c === MADDAH_ABOVE) {
      // a combining hamza/madda composes with the letter written before it, whatever was deleted
      // in between (tatweel, bidi marks) and even when that letter came from a ligature (ﻻٔ)
      const p = outLen > 0 ? compose(out.charCodeAt(out.length - 1), c) : -1;
      if (p >= 0) {
        const m = single[p]!;
        out = out.slice(0, -1) + String.fromCharCode(m >= 0 ? m : p);
        if (sink) sink.ends[outLen - 1] = i + 1;
        i++;
        runStart = i;
        continue;
      }
    }
    if (v === DELETE) {
      // marks and tatweel belong to the letter before them: extend its end
      if (sink && outLen > 0 && attaches[c]) sink.ends[outLen - 1] = i + 1;
    } else {
      const r = v === COMPOSING ? String.fromCharCode(c) : v === MULTI ? multi.get(c)! : String.fromCharCode(v);
      out += r;
      if (sink) {
        grow(sink, outLen + r.length + 4);
        for (let k = 0; k < r.length; k++, outLen++) {
          sink.starts[outLen] = i;
          sink.ends[outLen] = i + 1;
        }
      } else outLen += r.length;
    }
    i++;
    runStart = i;
  }
  flush(n);
  return out;
}
