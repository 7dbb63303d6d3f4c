/**
 * Charset detection and decoding for one document's bytes.
 *
 * The order, first match wins:
 *   1. an encoding the caller forces (`encoding`): decoded strictly, no guessing;
 *   2. a byte-order mark: UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF);
 *   3. binary: a known file signature (PDF, PNG, ZIP, gzip …), a NUL byte, or more than 5% control
 *      bytes in the first 64 KB; UTF-16 without a BOM is recognized by its byte pattern first
 *      (every other byte 00 or 06 for Latin and Arabic text) instead of being called binary. NUL
 *      bytes that only pad the end of a text are dropped (with a warning);
 *   4. a declared charset (HTTP `Content-Type`, then the XML prolog or HTML `<meta charset>` /
 *      `http-equiv` when `sniff` is on), when it is plausible: a declared UTF-8 must decode as
 *      UTF-8; a declared legacy charset loses to bytes that are valid multi-byte UTF-8 (a common
 *      mislabel), a declared Latin charset loses to bytes that read as Arabic, and between the two
 *      Arabic charsets the statistics below overrule a label they clearly contradict;
 *   5. strict UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). A UTF-8
 *      text cut inside its last character keeps the complete ones (with a warning); a few invalid
 *      bytes among many valid multi-byte sequences are replaced by U+FFFD (with a warning);
 *   6. otherwise legacy single-byte text: Windows-1256, ISO-8859-6 and Windows-1252 are each
 *      decoded and scored by how the words read — words starting with ال, all-Arabic words and
 *      mostly-ASCII Latin words with an accent count for a reading; words mixing Arabic and Latin
 *      letters, Latin words made mostly of accented letters (ÇáÞÇåÑÉ: Arabic read as Latin-1),
 *      words starting with a diacritic, U+FFFD and C1 control characters count against it. ISO-8859-6
 *      text read as Windows-1256 mixes Latin letters into Arabic words (its ي is ê there), and
 *      Windows-1256 text read as ISO-8859-6 hits unassigned bytes (its ف ق ك) and loses ال, so the
 *      right reading wins by a wide margin. Ties go to Windows-1256, the commoner of the two.
 *
 * Failures are data, never exceptions: `ISNAD_INGEST_BINARY` and `ISNAD_INGEST_UNDECODABLE`.
 * Encoding names are the WHATWG names TextDecoder reports (`utf-8`, `windows-1256`, …).
 */
import { TextDecoder } from 'node:util';
import { IngestError } from './record.js';

export interface Decoded {
  ok: true;
  text: string;
  /** WHATWG name of the encoding used. */
  encoding: string;
  /** 0–1: 1 for a BOM or pure ASCII, about 0.99 for valid multi-byte UTF-8, lower for guesses. */
  confidence: number;
  /** How the encoding was chosen. */
  via: 'forced' | 'bom' | 'declared' | 'detected';
  /** What was odd but not fatal (a truncated last character, a declared charset that was wrong). */
  warnings: string[];
}

export interface DecodeFailure {
  ok: false;
  code: 'ISNAD_INGEST_BINARY' | 'ISNAD_INGEST_UNDECODABLE';
  reason: string;
}

export type DecodeResult = Decoded | DecodeFailure;

export interface DecodeOptions {
  /** Decode with this encoding (any label TextDecoder knows), no detection. */
  encoding?: string;
  /** Charsets the container declares, strongest first (an HTTP `Content-Type` charset, …). */
  declared?: ReadonlyArray<string | undefined> | string;
  /** Also look for a declaration inside the bytes (XML prolog, HTML meta), after `declared`. */
  sniff?: boolean;
}

/** Bytes looked at for binary signs and for an in-document charset declaration. */
const HEAD_BYTES = 64 * 1024;
const SNIFF_BYTES = 8 * 1024;
/** Bytes of text the legacy scorer reads. */
const SCORE_BYTES = 256 * 1024;
/** Share of control bytes above which the input is binary. */
const CONTROL_SHARE = 0.05;

const UTF8 = 'utf-8';
const CP1256 = 'windows-1256';
const ISO_8859_6 = 'iso-8859-6';
const CP1252 = 'windows-1252';
/** Legacy candidates in tie-break order. */
const LEGACY = [CP1256, ISO_8859_6, CP1252] as const;
const ARABIC_LEGACY = new Set<string>([CP1256, ISO_8859_6]);

const decoders = new Map<string, TextDecoder>();
function decoder(encoding: string, fatal: boolean): TextDecoder {
  const key = `${encoding}:${fatal}`;
  let d = decoders.get(key);
  if (!d) decoders.set(key, (d = new TextDecoder(encoding, { fatal })));
  return d;
}

/** The WHATWG name for a charset label (`cp1256` → `windows-1256`, `latin1` → `windows-1252`), or undefined. */
export function charsetName(label: string): string | undefined {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (l === '') return undefined;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

/** The charset parameter of a `Content-Type` value (`text/html; charset=windows-1256`). */
export function charsetFromContentType(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /;\s*charset\s*=\s*["']?([^\s;"']+)/i.exec(value);
  return m?.[1];
}

const XML_DECL = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const META_CHARSET = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

/**
 * The charset a document declares in its first 8 KB: the XML prolog's `encoding`, else an HTML
 * `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
 */
export function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes, 0, Math.min(bytes.length, SNIFF_BYTES));
  return XML_DECL.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
}

/** Known binary formats by their first bytes. */
const SIGNATURES: ReadonlyArray<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['OLE (old Office)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['SQLite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20]],
  ['WebAssembly', [0x00, 0x61, 0x73, 0x6d]],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/**
 * Why `bytes` look binary, or undefined when they may be text: a known signature, a NUL byte, or
 * more than 5% control bytes (other than tab, LF, VT, FF, CR, ESC) in the first 64 KB.
 */
export function binaryReason(bytes: Uint8Array): string | undefined {
  for (const [name, sig] of SIGNATURES) if (startsWith(bytes, sig)) return `a ${name} file, not text`;
  const n = Math.min(bytes.length, HEAD_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return `binary: a NUL byte at offset ${i}`;
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) control++;
  }
  if (control > n * CONTROL_SHARE) return `binary: ${control} control bytes in the first ${n}`;
  return undefined;
}

export interface Utf8Check {
  /** Index of the first invalid byte, or -1. */
  firstInvalid: number;
  /** Invalid sequences (each counted once). */
  invalid: number;
  /** Valid sequences of 2–4 bytes. */
  multibyte: number;
  /** Bytes at the end that start a sequence the input cuts short (0 when it does not). */
  truncatedTail: number;
}

/** Checks `bytes` against RFC 3629 UTF-8 (from `start`), counting what it finds. */
export function checkUtf8(bytes: Uint8Array, start = 0): Utf8Check {
  let invalid = 0;
  let firstInvalid = -1;
  let multibyte = 0;
  let truncatedTail = 0;
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min2 = 0x80;
    let max2 = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min2 = 0xa0; // no overlongs
      if (b === 0xed) max2 = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min2 = 0x90;
      if (b === 0xf4) max2 = 0x8f; // not past U+10FFFF
    } else need = -1;
    let ok = need > 0;
    let j = 1;
    if (ok) {
      for (; j <= need; j++) {
        if (i + j >= n) {
          // the input ends inside this sequence: a cut, not an error, when all bytes so far fit
          truncatedTail = n - i;
          i = n;
          break;
        }
        const c = bytes[i + j]!;
        const lo = j === 1 ? min2 : 0x80;
        const hi = j === 1 ? max2 : 0xbf;
        if (c < lo || c > hi) {
          ok = false;
          break;
        }
      }
    }
    if (truncatedTail > 0) break;
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i += Math.max(1, j); // skip the lead byte and the continuation bytes that did fit
    }
  }
  return { firstInvalid, invalid, multibyte, truncatedTail };
}

/** Characters below U+0020 other than tab, LF, VT, FF, CR: signs of a wrong decoding. */
function controlShare(text: string): number {
  const n = Math.min(text.length, HEAD_BYTES);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) control++;
  }
  return control / n;
}

const ok = (text: string, encoding: string, confidence: number, via: Decoded['via'], warnings: string[] = []): Decoded => ({
  ok: true,
  text,
  encoding,
  confidence,
  via,
  warnings,
});

const fail = (code: DecodeFailure['code'], reason: string): DecodeFailure => ({ ok: false, code, reason });

/** Decodes UTF-16 (after its BOM, or BOM-less), strictly; an odd last byte is dropped with a warning. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', start: number, confidence: number, via: Decoded['via'], warnings: string[]): DecodeResult {
  let end = bytes.length;
  if ((end - start) % 2 === 1) {
    end--;
    warnings.push(`ends inside a ${encoding.toUpperCase()} code unit (odd byte count): the last byte was dropped`);
  }
  let text: string;
  try {
    text = decoder(encoding, true).decode(bytes.subarray(start, end));
  } catch {
    return fail('ISNAD_INGEST_UNDECODABLE', `not valid ${encoding.toUpperCase()} (an unpaired surrogate)`);
  }
  if (controlShare(text) > CONTROL_SHARE) return fail('ISNAD_INGEST_BINARY', `binary: decodes as ${encoding.toUpperCase()} to control characters`);
  return ok(text, encoding, confidence, via, warnings);
}

/** Valid multi-byte sequences needed per invalid one to read bytes as damaged UTF-8. */
const RATIO_DETECTED = 20;
const RATIO_DECLARED = 4;
const RATIO_BOM = 1;

/**
 * UTF-8 from `start` when the bytes read as UTF-8: valid; or cut inside the last character (the
 * complete ones are kept); or with at least `ratio` valid multi-byte sequences per invalid one, the
 * invalid bytes then replaced by U+FFFD. Undefined when they do not read as UTF-8.
 */
function tryUtf8(bytes: Uint8Array, start: number, ratio: number, via: Decoded['via'], warnings: string[]): Decoded | undefined {
  const c = checkUtf8(bytes, start);
  if (c.invalid > 0 && c.multibyte < ratio * c.invalid) return undefined;
  const end = bytes.length - c.truncatedTail;
  let confidence = via === 'bom' ? 1 : c.multibyte === 0 ? 1 : Math.min(0.99, 0.9 + c.multibyte * 0.01);
  if (c.truncatedTail > 0) {
    warnings.push(`ends inside a UTF-8 character (truncated?): the last ${c.truncatedTail} byte${c.truncatedTail === 1 ? '' : 's'} dropped`);
    confidence = Math.min(confidence, 0.95);
  }
  if (c.invalid > 0) {
    warnings.push(`${c.invalid} invalid UTF-8 sequence${c.invalid === 1 ? '' : 's'} (first at byte ${c.firstInvalid}) replaced by U+FFFD`);
    confidence = Math.min(confidence, 0.8);
  }
  const text = decoder(UTF8, false).decode(bytes.subarray(start, end));
  return ok(text, UTF8, confidence, via, warnings);
}

/** UTF-16 without a BOM, by its byte pattern: which half of each code unit is 00 or 06 (Latin, Arabic). */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let highOdd = 0;
  let highEven = 0;
  let nulOdd = 0;
  let nulEven = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a === 0) nulEven++;
    if (b === 0) nulOdd++;
    if (a === 0 || a === 0x06) highEven++;
    if (b === 0 || b === 0x06) highOdd++;
  }
  const units = n / 2;
  if (highOdd >= 0.9 * units && nulEven <= 0.05 * units && nulOdd > 0) return 'utf-16le';
  if (highEven >= 0.9 * units && nulOdd <= 0.05 * units && nulEven > 0) return 'utf-16be';
  return undefined;
}

/** The score of one legacy reading of a text: see the module comment. */
export interface LegacyScore {
  encoding: string;
  score: number;
  /** Words with a letter outside ASCII. */
  words: number;
  /** Of those, words that read cleanly (one script, no leading diacritic). */
  clean: number;
}

const isArabicLetter = (c: number): boolean => (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff);
const isArabicMark = (c: number): boolean => (c >= 0x064b && c <= 0x065f) || c === 0x0670;
const isLatinLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const ALEF = 0x0627;
const LAM = 0x0644;
const WORD = /[\p{L}\p{M}]+/gu;

/** Scores one decoding of legacy bytes by how its words read. */
export function scoreLegacy(text: string, encoding: string): LegacyScore {
  let score = 0;
  let words = 0;
  let clean = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) score -= 5;
  }
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    let arabic = 0;
    let latin = 0;
    let nonAscii = 0;
    let other = 0;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 0x80) nonAscii++;
      if (isArabicLetter(c) || isArabicMark(c) || c === 0x0640) arabic++;
      else if (isLatinLetter(c)) latin++;
      else other++;
    }
    if (nonAscii === 0) continue;
    words++;
    const first = w.charCodeAt(0);
    if (/\p{M}/u.test(w[0]!) || isArabicMark(first)) {
      score -= 2;
      continue;
    }
    // a Latin word is mostly ASCII (été, Straße); one of accented letters only is mojibake (ÞÇá)
    if ((arabic > 0 && latin > 0) || other > 0 || (latin > 0 && 2 * nonAscii > latin)) {
      score -= 3;
      continue;
    }
    clean++;
    score += 1;
    if (arabic > 0 && w.length > 2 && first === ALEF && w.charCodeAt(1) === LAM) score += 2;
  }
  return { encoding, score, words, clean };
}

/** Scores the legacy readings of `bytes`, best first. */
export function rankLegacy(bytes: Uint8Array): LegacyScore[] {
  const sample = bytes.subarray(0, Math.min(bytes.length, SCORE_BYTES));
  const scores = LEGACY.map((enc) => scoreLegacy(decoder(enc, false).decode(sample), enc));
  // stable sort keeps the tie-break order of LEGACY
  return scores.sort((a, b) => b.score - a.score);
}

function legacyConfidence(best: LegacyScore, second: LegacyScore | undefined): number {
  if (best.words === 0) return 0.5; // nothing to tell the readings apart
  const margin = best.score - (second?.score ?? 0);
  return Math.max(0.5, Math.min(0.99, 0.5 + margin / (2 * Math.max(1, best.words))));
}

/** Decodes single-byte `bytes` with the best legacy reading, or fails when none reads cleanly. */
function detectLegacy(bytes: Uint8Array, warnings: string[]): DecodeResult {
  const ranked = rankLegacy(bytes);
  const best = ranked[0]!;
  // no word outside ASCII (high bytes are punctuation only): any clean reading will do
  if (best.score < 0 || (best.words > 0 && (best.score <= 0 || best.clean < 0.5 * best.words))) {
    return fail(
      'ISNAD_INGEST_UNDECODABLE',
      `not UTF-8 (invalid at byte ${checkUtf8(bytes).firstInvalid}), and no clean reading as windows-1256, iso-8859-6 or windows-1252`,
    );
  }
  return ok(decoder(best.encoding, false).decode(bytes), best.encoding, legacyConfidence(best, ranked[1]), 'detected', warnings);
}

/** Bytes that read as Arabic in Windows-1256: at least 20 Arabic letters, 60% of the letters outside ASCII. */
function readsAsArabic(bytes: Uint8Array): boolean {
  const text = decoder(CP1256, false).decode(bytes.subarray(0, Math.min(bytes.length, SCORE_BYTES)));
  let arabic = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (isArabicLetter(c)) arabic++;
    else if (isLatinLetter(c)) other++;
  }
  return arabic >= 20 && arabic >= 0.6 * (arabic + other);
}

/** Decodes with a declared charset when the bytes bear it out; undefined (with a warning) when not. */
function tryDeclared(bytes: Uint8Array, label: string, warnings: string[]): Decoded | undefined {
  let enc = charsetName(label);
  if (enc === undefined) {
    warnings.push(`declared charset "${label}" is unknown; ignored`);
    return undefined;
  }
  // HTML: a document that is read as bytes cannot be UTF-16 by a meta tag (WHATWG "prescan").
  if ((enc === 'utf-16le' || enc === 'utf-16be') && bomlessUtf16(bytes) === undefined) enc = UTF8;
  if (enc === UTF8) {
    const r = tryUtf8(bytes, 0, RATIO_DECLARED, 'declared', warnings);
    if (r) return r;
    warnings.push(`declared charset "${label}" does not fit: the bytes are not UTF-8`);
    return undefined;
  }
  if (enc === 'utf-16le' || enc === 'utf-16be') {
    const r = decodeUtf16(bytes, enc, 0, 0.9, 'declared', warnings);
    return r.ok ? r : undefined;
  }
  const u = checkUtf8(bytes);
  if (u.invalid === 0 && u.multibyte >= 4) {
    warnings.push(`declared charset "${label}" does not fit: the bytes are valid UTF-8`);
    return undefined;
  }
  if (ARABIC_LEGACY.has(enc)) {
    const ranked = rankLegacy(bytes);
    const best = ranked[0]!;
    if (best.encoding !== enc && best.clean >= 0.5 * best.words) {
      const declared = ranked.find((s) => s.encoding === enc)!;
      if (legacyConfidence(best, declared) >= 0.9) {
        warnings.push(`declared charset "${label}" does not fit: the text reads as ${best.encoding}`);
        return undefined;
      }
    }
  } else if (SINGLE_BYTE_LATIN.has(enc) && readsAsArabic(bytes)) {
    warnings.push(`declared charset "${label}" does not fit: the text reads as Arabic`);
    return undefined;
  }
  const text = decoder(enc, false).decode(bytes);
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) high++;
  if (bad > 0.01 * Math.max(high, 1) + 1) {
    warnings.push(`declared charset "${label}" does not fit: ${bad} bytes are invalid in ${enc}`);
    return undefined;
  }
  return ok(text, enc, 0.95, 'declared', warnings);
}

/** Single-byte Latin charsets, which Arabic bytes are often mislabeled as. */
const SINGLE_BYTE_LATIN = new Set(['windows-1252', 'iso-8859-2', 'iso-8859-15', 'windows-1250', 'windows-1254']);

/**
 * `bytes` without the NUL bytes that pad its end (a warning says how many): some tools write them
 * after text, like the trailing NUL of every file of the 19-country corpus.
 */
function dropNulPadding(bytes: Uint8Array, warnings: string[]): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === bytes.length || end === 0) return bytes;
  const n = bytes.length - end;
  warnings.push(`${n} NUL byte${n === 1 ? '' : 's'} at the end dropped`);
  return bytes.subarray(0, end);
}

/**
 * Decodes one document's bytes; see the module comment for the order. Throws only for an
 * `encoding` option TextDecoder does not know (`ISNAD_INGEST_UNKNOWN_ENCODING` is a usage error).
 */
export function decodeText(input: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  let bytes = input;
  const warnings: string[] = [];
  if (opts.encoding !== undefined) {
    const enc = charsetName(opts.encoding);
    if (enc === undefined) {
      throw new IngestError('ISNAD_INGEST_UNKNOWN_ENCODING', `unknown encoding "${opts.encoding}"; try utf-8, utf-16le, utf-16be, windows-1256 or iso-8859-6`);
    }
    if (enc !== 'utf-16le' && enc !== 'utf-16be') {
      bytes = dropNulPadding(bytes, warnings);
      const why = binaryReason(bytes);
      if (why) return fail('ISNAD_INGEST_BINARY', why);
    }
    try {
      return ok(decoder(enc, true).decode(bytes), enc, 1, 'forced', warnings);
    } catch {
      const at = enc === UTF8 ? ` (first invalid byte at ${checkUtf8(bytes).firstInvalid})` : '';
      return fail('ISNAD_INGEST_UNDECODABLE', `not valid ${enc}${at}`);
    }
  }
  if (bytes.length === 0) return ok('', UTF8, 1, 'detected');

  // 2. byte-order marks
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const r = tryUtf8(bytes, 3, RATIO_BOM, 'bom', warnings);
    if (r) return r;
    warnings.push('a UTF-8 byte-order mark, but the bytes after it are not UTF-8');
    return detectLegacy(bytes.subarray(3), warnings);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', 2, 1, 'bom', warnings);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', 2, 1, 'bom', warnings);

  // 3. binary, or UTF-16 without a BOM
  const unpadded = dropNulPadding(bytes, []);
  const why = binaryReason(unpadded);
  if (why === undefined && unpadded.length < bytes.length) {
    bytes = dropNulPadding(bytes, warnings);
  } else if (why) {
    const utf16 = bomlessUtf16(bytes);
    if (utf16) {
      warnings.push(`no byte-order mark: read as ${utf16.toUpperCase()} by its byte pattern`);
      return decodeUtf16(bytes, utf16, 0, 0.8, 'detected', warnings);
    }
    return fail('ISNAD_INGEST_BINARY', why);
  }

  // 4. declared charsets
  const declared = typeof opts.declared === 'string' ? [opts.declared] : [...(opts.declared ?? [])];
  if (opts.sniff) declared.push(sniffCharset(bytes));
  const seen = new Set<string>();
  for (const label of declared) {
    if (label === undefined || label.trim() === '') continue;
    const key = charsetName(label) ?? label;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = tryDeclared(bytes, label, warnings);
    if (r) return r;
  }

  // 5. UTF-8, 6. legacy Arabic
  return tryUtf8(bytes, 0, RATIO_DETECTED, 'detected', warnings) ?? detectLegacy(bytes, warnings);
}
