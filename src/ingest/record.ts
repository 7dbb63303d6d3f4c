/**
 * The unit every corpus reader yields: one article, its text as the source gave it, and metadata.
 *
 * `text` is canonical: readers change it only where the source format demands it (the encoding is
 * decoded, CRLF becomes LF in the CP1256 corpus, the pseudo-XML wrapper newline is dropped in ANT).
 * Everything downstream takes offsets into this string.
 */
import { createHash } from 'node:crypto';

export interface SourceRecord {
  /** Unique within its corpus and stable across runs (e.g. `snn-alriyadh-1066713`, `AL-culture-1-20180218`). */
  id: string;
  text: string;
  meta: RecordMeta;
}

export interface RecordMeta {
  /** The outlet as the source names it (`alriyadh`, `BBC`, `Jawhara FM`, `Youm7`). */
  outlet?: string;
  url?: string;
  title?: string;
  /** ISO 8601 when parseable (see {@link isoDate}), else as given. */
  date?: string;
  author?: string;
  category?: string;
  /** Two-letter country code as the corpus gives it. */
  country?: string;
  /** Same-story cluster label, where the corpus gives one (egyptian). */
  cluster?: string;
  /** Source format, e.g. `saudinewsnet-json`, `ant-trec`, `arabic19-cp1256`, `egyptian-json`. */
  format: string;
  /**
   * Where the record came from: `<file>`, `<archive>!<member>` for a member of a tar or zip archive
   * or a record of a WARC file (the member is its target URI), `<file>:<line>` for a line of a JSON
   * Lines file, `<file>#<n>` for the n-th element of a JSON array, a URL for a fetched page or feed.
   */
  origin: string;
  /** The character encoding the reader decoded the bytes from, when it had to choose one (`utf-8`, `windows-1256`). */
  encoding?: string;
  /** Further scalar fields a source gives (the JSON readers keep them under their own names). */
  [field: string]: string | number | boolean | undefined;
}

/** Joins an archive path and a member name into a {@link RecordMeta.origin}. */
export function memberOrigin(archive: string, member: string): string {
  return `${archive}!${member}`;
}

/** Trims `s`; returns undefined for a missing or blank value. */
export function nonBlank(s: string | undefined | null): string | undefined {
  if (s == null) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * Arabic month names: Egyptian/Gulf (يناير … ديسمبر, with and without hamza, Egyptian يونيه/يوليه),
 * Maghrebi (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and Levantine/Iraqi (كانون الثاني، شباط،
 * آذار … كانون الأول, two-word names with or without hamza). Sites that give both write them with a
 * slash ("آب/أغسطس"); either half is enough.
 */
const ARABIC_MONTHS: Record<string, number> = {
  'يناير': 1, 'جانفي': 1, 'كانون الثاني': 1, 'كانون الثانى': 1,
  'فبراير': 2, 'فيفري': 2, 'فبراىر': 2, 'شباط': 2,
  'مارس': 3, 'آذار': 3, 'اذار': 3, 'أذار': 3,
  'أبريل': 4, 'ابريل': 4, 'إبريل': 4, 'أفريل': 4, 'افريل': 4, 'نيسان': 4,
  'مايو': 5, 'ماي': 5, 'أيار': 5, 'ايار': 5,
  'يونيو': 6, 'يونية': 6, 'يونيه': 6, 'جوان': 6, 'حزيران': 6,
  'يوليو': 7, 'يولية': 7, 'يوليه': 7, 'جويلية': 7, 'تموز': 7,
  'أغسطس': 8, 'اغسطس': 8, 'أوت': 8, 'اوت': 8, 'آب': 8, 'اب': 8,
  'سبتمبر': 9, 'أيلول': 9, 'ايلول': 9,
  'أكتوبر': 10, 'اكتوبر': 10, 'تشرين الأول': 10, 'تشرين الاول': 10,
  'نوفمبر': 11, 'تشرين الثاني': 11, 'تشرين الثانى': 11,
  'ديسمبر': 12, 'كانون الأول': 12, 'كانون الاول': 12,
};

/** US zone names RFC 822 allows besides numeric offsets. */
const RFC822_ZONES: Record<string, string> = {
  GMT: 'Z', UT: 'Z', UTC: 'Z', Z: 'Z',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const RFC822_RE = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/;
const DMY_RE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
/** Longest names first, so `تشرين الثاني` is not read as a bare `تشرين`. */
const MONTH_ALT = Object.keys(ARABIC_MONTHS).sort((a, b) => b.length - a.length).join('|').replace(/ /g, '\\s+');
/** `5 مارس 2024`, `28 آب/اغسطس 2013`, `5 كانون الثاني، 2024`: day, month (or month/month), year. */
const ARABIC_RE = new RegExp(`(?<![\\d\\p{L}])(\\d{1,2})\\s*(${MONTH_ALT})(?:\\s*/\\s*(${MONTH_ALT}))?(?![\\p{L}\\p{M}])[\\s،,]*(\\d{4})(?!\\d)`, 'u');
/** `10:30`, `04:00 م`, `10:30 ص`, `9:15 مساءً`: ص am, م pm, as a letter or the word. */
const ARABIC_TIME_RE = /(?<!\d)(\d{1,2}):(\d{2})(?!\d)(?:\s*(?:([صم])(?!\p{L})|(مساء|صباح)))?/u;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function ymd(y: number, m: number, d: number): string | undefined {
  // the month's own length (30 February is no date); Date.UTC's day 0 of the next month is its last day
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function hms(h: number, min: number, sec?: number): string | undefined {
  if (h > 23 || min > 59 || (sec !== undefined && sec > 60)) return undefined;
  return `${pad(h)}:${pad(min)}${sec === undefined ? '' : `:${pad(sec)}`}`;
}

function offset(z: string | undefined): string | undefined {
  if (z === undefined || z === '') return '';
  if (z === 'Z') return 'Z';
  if (z[0] === '+' || z[0] === '-') {
    const digits = z.replace(':', '');
    return `${digits.slice(0, 3)}:${digits.slice(3, 5)}`;
  }
  return RFC822_ZONES[z.toUpperCase()];
}

/**
 * Normalizes a date as corpora write it to ISO 8601, keeping the precision and zone it had:
 *
 *   2015-07-21 09:30:12              → 2015-07-21T09:30:12        (no zone given: local time)
 *   2017-01-22T171800                → 2017-01-22T17:18:00
 *   Sun, 18 Feb 2018 21:35:43 +0400  → 2018-02-18T21:35:43+04:00  (RFC 822; GMT → Z)
 *   01/07/2016                       → 2016-07-01                 (day first, as Arab sources write it)
 *   04:00 م | الثلاثاء 22 أبريل 2025  → 2025-04-22T16:00           (Arabic month names; ص am, م pm)
 *   الثلاثاء، 5 مارس 2024             → 2024-03-05
 *   5 كانون الثاني 2024 - 10:30 ص     → 2024-01-05T10:30             (Levantine month names too)
 *   28 آب/اغسطس 2013                  → 2013-08-28
 *
 * Anything else is returned trimmed, as given ("منذ ساعتين"), except digits and separators that are
 * no valid date (99999-99-99, 2015-13-45), which give undefined, like a blank value.
 */
export function isoDate(raw: string | undefined | null): string | undefined {
  const s = nonBlank(raw);
  if (s === undefined) return undefined;
  const d = parseDate(s);
  if (d !== undefined) return d;
  // numbers that only look like a date (99999-99-99, 2015-13-45): not a date at all, so none is kept
  return NUMERIC_DATE.test(s) ? undefined : s;
}

/** Digits and date separators only: a value that is either a date this reads or no date. */
const NUMERIC_DATE = /^[\d\s\-/.:TZ+]+$/;

function parseDate(s: string): string | undefined {
  let m = ISO_RE.exec(s);
  if (m) {
    const date = ymd(+m[1]!, +m[2]!, +m[3]!);
    if (!date) return undefined;
    if (m[4] === undefined) return date;
    const time = hms(+m[4], +m[5]!, m[6] === undefined ? undefined : +m[6]);
    const zone = offset(m[8]);
    if (!time || zone === undefined) return undefined;
    return `${date}T${time}${m[7] ?? ''}${zone}`;
  }
  m = RFC822_RE.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    let year = +m[3]!;
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    const date = month === undefined ? undefined : ymd(year, month, +m[1]!);
    const time = hms(+m[4]!, +m[5]!, m[6] === undefined ? undefined : +m[6]);
    const zone = offset(m[7]);
    if (!date || !time || zone === undefined) return undefined;
    return `${date}T${time}${zone}`;
  }
  m = DMY_RE.exec(s);
  if (m) return ymd(+m[3]!, +m[2]!, +m[1]!);
  return parseArabicDate(s);
}

function parseArabicDate(raw: string): string | undefined {
  // Arabic-Indic digits ٠–٩ (U+0660) and Persian ۰–۹ (U+06F0) → ASCII.
  const s = raw.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) & 0xf));
  const m = ARABIC_RE.exec(s);
  if (!m) return undefined;
  const month = ARABIC_MONTHS[m[2]!.replace(/\s+/g, ' ')];
  const date = month === undefined ? undefined : ymd(+m[4]!, month, +m[1]!);
  if (!date) return undefined;
  const t = ARABIC_TIME_RE.exec(s);
  if (!t) return date;
  let h = +t[1]!;
  const half = t[3] ?? t[4];
  if ((half === 'م' || half === 'مساء') && h < 12) h += 12; // pm
  if ((half === 'ص' || half === 'صباح') && h === 12) h = 0; // am
  const time = hms(h, +t[2]!);
  return time ? `${date}T${time}` : date;
}

/**
 * Like {@link isoDate}, but undefined when the value is not a date it can read (instead of the value
 * as given): for callers with another parser to fall back on.
 */
export function parseIsoDate(raw: string | undefined | null): string | undefined {
  const s = nonBlank(raw);
  return s === undefined ? undefined : parseDate(s);
}

const DIGITS = /^\d+$/;
/** A year (2015) or a compact date (20150721): path segments that name a day, not an article. */
const DATE_LIKE = /^(?:19|20)\d\d(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?$/;
/** A last segment like `article_974922.html` or `Con20150720784687.htm`. */
const NUMBERED_FILE = /^[A-Za-z_-]*(\d{5,})(?:\.[A-Za-z]+)?$/;

/**
 * An article's number from its URL, for ids. In order:
 *   1. an `id`-like query parameter with a numeric value (`?id=1386900`, `?ArticleID=229720&CategoryID=1`);
 *   2. the last path segment when it is all digits (`/article/4079430`);
 *   3. else the last all-digit segment of 5 or more digits (`/article/410826/<slug>`);
 *   4. else the digits of a last segment like `article_974922.html`.
 * Years and compact dates (`/2015/20150721/`) never count, nor digits inside a slug. Undefined
 * when nothing matches (`/2015/20150721/fe1.htm`, `/PHGKif`): callers hash the URL instead.
 */
export function urlArticleNumber(url: string): string | undefined {
  const hash = url.indexOf('#');
  const u = hash >= 0 ? url.slice(0, hash) : url;
  const q = u.indexOf('?');
  if (q >= 0) {
    for (const pair of u.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && /id$/i.test(pair.slice(0, eq)) && DIGITS.test(pair.slice(eq + 1))) return pair.slice(eq + 1);
    }
  }
  const path = q >= 0 ? u.slice(0, q) : u;
  const scheme = path.indexOf('//');
  const root = scheme >= 0 ? path.indexOf('/', scheme + 2) : 0;
  if (root < 0) return undefined;
  const segments = path.slice(root + 1).split('/');
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  if (DIGITS.test(last) && !DATE_LIKE.test(last)) return last;
  for (let i = segments.length - 2; i >= 0; i--) {
    const seg = segments[i]!;
    if (seg.length >= 5 && DIGITS.test(seg) && !DATE_LIKE.test(seg)) return seg;
  }
  return NUMBERED_FILE.exec(last)?.[1];
}

/** Lower-case ASCII letters and digits of an outlet name, for ids (`El Watan News` → `elwatannews`). */
export function outletSlug(outlet: string): string {
  return outlet.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Options every corpus reader takes. */
export interface ReadOptions {
  /** Stop after this many records. */
  limit?: number;
  /**
   * Also yield records whose text is empty or only whitespace (the corpora have a few: 354 in
   * SaudiNewsNet, 2 in ANT multisource, 23 in Jawhara). Default false: they are skipped.
   */
  includeEmpty?: boolean;
}

/** True when a record with this text should be yielded under `opts`. */
export function keepText(text: string, opts: ReadOptions): boolean {
  return opts.includeEmpty === true || !isBlank(text);
}

const NON_SPACE = /\S/;

/** True when `s` has no character other than whitespace (stops at the first one). */
function isBlank(s: string): boolean {
  return !NON_SPACE.test(s);
}

/**
 * Codes of the ingest layer. Problems with one document are reported as data (a failed
 * `ReadResult`, see `readers.ts`) and the run goes on:
 *
 *   ISNAD_INGEST_BINARY       the bytes are not text (NUL or control bytes, a known binary signature)
 *   ISNAD_INGEST_UNDECODABLE  text in no encoding we read (invalid UTF-8/UTF-16, not legacy Arabic)
 *   ISNAD_INGEST_TOO_LARGE    a document over the size limit
 *   ISNAD_INGEST_READ         the file could not be read (permissions, vanished)
 *   ISNAD_INGEST_BAD_JSON     a JSON file or a JSON Lines line that does not parse
 *   ISNAD_INGEST_BAD_RECORD   a JSON value that is not an article (not an object, no text field)
 *   ISNAD_INGEST_BAD_FEED     not an RSS/Atom/RDF feed
 *   ISNAD_INGEST_NO_CONTENT   an HTML page with no article text
 *   ISNAD_INGEST_BAD_WARC     a WARC file that stops parsing (corrupt, truncated, not a WARC)
 *
 * Problems with the source as a whole are thrown as an {@link IngestError}:
 *
 *   ISNAD_INGEST_NOT_FOUND       no file or folder at the path
 *   ISNAD_INGEST_UNKNOWN_FORMAT  a format name that no reader has
 *   ISNAD_INGEST_UNKNOWN_ENCODING  an encoding name that TextDecoder does not know
 *   ISNAD_INGEST_FETCH           a URL that could not be fetched (network, HTTP status, time-out)
 */
export type IngestCode =
  | 'ISNAD_INGEST_BINARY'
  | 'ISNAD_INGEST_UNDECODABLE'
  | 'ISNAD_INGEST_TOO_LARGE'
  | 'ISNAD_INGEST_READ'
  | 'ISNAD_INGEST_BAD_JSON'
  | 'ISNAD_INGEST_BAD_RECORD'
  | 'ISNAD_INGEST_BAD_FEED'
  | 'ISNAD_INGEST_NO_CONTENT'
  | 'ISNAD_INGEST_BAD_WARC'
  | 'ISNAD_INGEST_NOT_FOUND'
  | 'ISNAD_INGEST_UNKNOWN_FORMAT'
  | 'ISNAD_INGEST_UNKNOWN_ENCODING'
  | 'ISNAD_INGEST_FETCH';

/**
 * An error reading a corpus or a source; `code` says what kind, the message names the file. The
 * corpus readers use the short codes (`BAD_JSON`, `NO_DATA`, `UNKNOWN_CORPUS`), the other readers
 * the {@link IngestCode}s.
 */
export class IngestError extends Error {
  constructor(
    readonly code: 'BAD_JSON' | 'NO_DATA' | 'UNKNOWN_CORPUS' | IngestCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'IngestError';
  }
}

/** Parses UTF-8 JSON bytes (a BOM is tolerated) that must hold an array; throws `BAD_JSON` naming `origin`. */
export function parseJsonArray(bytes: Uint8Array, origin: string): unknown[] {
  let s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (e) {
    throw new IngestError('BAD_JSON', `${origin} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (!Array.isArray(value)) {
    throw new IngestError('BAD_JSON', `${origin} holds ${value === null ? 'null' : typeof value}, expected an array of articles`);
  }
  return value;
}

/** `v` when it is a string, else undefined (for fields of parsed JSON). */
export const stringField = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** 12 hex digits of the SHA-1 of `s`, for ids of records without a better key. */
export function shortHash(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 12);
}

/**
 * Makes ids unique in reading order: the first `x` stays `x`, later ones become `x-2`, `x-3`, …
 * (SaudiNewsNet crawled some articles twice, under URLs that differ only in `?weekly` or the slug).
 */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  };
}
