/**
 * JSON Lines (one article object a line) and JSON (an array of articles, an object holding one,
 * or a single article object).
 *
 * JSON Lines is read as a stream, a line at a time, and is tolerant: a line that is not valid
 * JSON, not an object, or has no text is a failure naming `<file>:<line>`, and reading goes on.
 * Blank lines are ignored. Each line is decoded on its own (UTF-8, else the legacy detection of
 * `charset.ts`, or the `encoding` option); a file with a UTF-16 byte-order mark is decoded whole.
 *
 * Fields, first found wins (a nested `meta` object, as isnad writes it, is read too):
 *
 *   id       id, _id, guid, docno                      (else `<file name>-<line or position>`)
 *   text     text, content, body                        (an array of strings: joined with newlines)
 *   title    title, headline
 *   url      url, link
 *   date     date, published, pubDate, published_at, datePublished, date_published   (ISO 8601 when readable)
 *   outlet   outlet, source, site, publisher            (an object: its name or title)
 *   author   author, byline, authors                    (an array: joined with "، ")
 *   category, country, cluster  as they are
 *
 * Every other field with a scalar value (string, number, boolean) is kept in `meta` under its own
 * name; objects, arrays and nulls are dropped, and so are `format`, `origin` and `encoding`,
 * which the reader sets. Ids are made unique within a file (`x`, `x-2`, …).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeText } from './charset.js';
import { pathKind, readDocumentBytes, walkFolder, type FolderFile } from './plain.js';
import { IngestError, isoDate, nonBlank, uniqueIds, type RecordMeta, type SourceRecord } from './record.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  failure,
  finish,
  keepDocument,
  messageOf,
  success,
  type ReadResult,
  type ReaderOptions,
} from './result.js';

export const JSONL_FORMAT = 'jsonl';
export const JSON_FORMAT = 'json';

const ID_KEYS = ['id', '_id', 'guid', 'docno'];
const TEXT_KEYS = ['text', 'content', 'body'];
const TITLE_KEYS = ['title', 'headline'];
const URL_KEYS = ['url', 'link'];
const DATE_KEYS = ['date', 'published', 'pubDate', 'published_at', 'datePublished', 'date_published'];
const OUTLET_KEYS = ['outlet', 'source', 'site', 'publisher'];
const AUTHOR_KEYS = ['author', 'byline', 'authors'];
const PLAIN_KEYS = ['category', 'country', 'cluster'] as const;
/** Set by the reader, never taken from the data. */
const RESERVED = new Set(['format', 'origin', 'encoding', 'meta']);
/** Fields of an object that hold its array of articles, in the order they are looked for. */
const ARRAY_KEYS = ['articles', 'items', 'records', 'documents', 'docs', 'data', 'results', 'entries', 'posts', 'news'];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A string (or a name/title of an object, or strings of an array joined by `sep`) from `v`. */
function stringOf(v: unknown, sep: string): string | undefined {
  if (typeof v === 'string') return nonBlank(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map((x) => stringOf(x, sep)).filter((x): x is string => x !== undefined);
    return parts.length > 0 ? parts.join(sep) : undefined;
  }
  if (isObject(v)) return stringOf(v.name ?? v.title, sep);
  return undefined;
}

/** Where a JSON value came from, and what to call it when it has no id. */
export interface JsonContext {
  origin: string;
  /** Id for an object without one. */
  fallbackId: string;
  format: string;
}

/**
 * The record for one parsed JSON value: `{ record }` for an article object, a failure for anything
 * else (not an object, no text field).
 */
export function jsonRecord(value: unknown, ctx: JsonContext): { record: SourceRecord } | { code: 'ISNAD_INGEST_BAD_RECORD'; reason: string } {
  if (!isObject(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { code: 'ISNAD_INGEST_BAD_RECORD', reason: `${kind}, not an article object` };
  }
  const fields: Json = isObject(value.meta) ? { ...value.meta, ...value } : value;
  const used = new Set<string>();
  const take = (keys: readonly string[], sep = '\n'): string | undefined => {
    for (const k of keys) {
      if (!Object.hasOwn(fields, k)) continue;
      used.add(k); // a blank value is not kept as an extra field either
      const s = stringOf(fields[k], sep);
      if (s !== undefined) return s;
    }
    return undefined;
  };

  let text: string | undefined;
  for (const k of TEXT_KEYS) {
    const v = fields[k];
    if (typeof v === 'string') text = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) text = v.join('\n');
    if (text !== undefined) {
      used.add(k);
      break;
    }
  }
  if (text === undefined) return { code: 'ISNAD_INGEST_BAD_RECORD', reason: `no text field (${TEXT_KEYS.join(', ')})` };

  const id = take(ID_KEYS) ?? ctx.fallbackId;
  const meta: RecordMeta = { format: ctx.format, origin: ctx.origin };
  const title = take(TITLE_KEYS);
  if (title !== undefined) meta.title = title;
  const url = take(URL_KEYS);
  if (url !== undefined) meta.url = url;
  const date = isoDate(take(DATE_KEYS));
  if (date !== undefined) meta.date = date;
  const outlet = take(OUTLET_KEYS);
  if (outlet !== undefined) meta.outlet = outlet;
  const author = take(AUTHOR_KEYS, '، ');
  if (author !== undefined) meta.author = author;
  for (const k of PLAIN_KEYS) {
    const v = take([k]);
    if (v !== undefined) meta[k] = v;
  }
  for (const [k, v] of Object.entries(fields)) {
    if (used.has(k) || RESERVED.has(k) || Object.hasOwn(meta, k)) continue;
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) meta[k] = v;
  }
  return { record: { id, text, meta } };
}

/** `news.jsonl` → `news`: the base of fallback ids. */
const fileBase = (path: string): string => basename(path).replace(/\.(jsonl|ndjson|json|jsonl\.txt)$/i, '') || 'record';

/** Splits a byte stream into lines (LF or CRLF), as Buffers without the line end. */
export async function* byteLines(chunks: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  let rest: Buffer | undefined;
  for await (const c of chunks) {
    let chunk = Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    if (rest !== undefined) {
      chunk = Buffer.concat([rest, chunk]);
      rest = undefined;
    }
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const end = nl > start && chunk[nl - 1] === 0x0d ? nl - 1 : nl;
      yield chunk.subarray(start, end);
      start = nl + 1;
    }
    if (start < chunk.length) rest = Buffer.from(chunk.subarray(start)); // a copy: the chunk may be reused
  }
  if (rest !== undefined && rest.length > 0) yield rest[rest.length - 1] === 0x0d ? rest.subarray(0, -1) : rest;
}

/** The results of JSON Lines given as lines; `origin` is the file, results name `<origin>:<line>`. */
export async function* jsonLinesResults(lines: AsyncIterable<Buffer>, origin: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  const unique = uniqueIds();
  const base = fileBase(origin);
  const maxLine = opts.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  let n = 0;
  for await (const bytes of lines) {
    n++;
    const at = `${origin}:${n}`;
    if (bytes.length > maxLine) {
      yield failure(at, 'ISNAD_INGEST_TOO_LARGE', `line of ${bytes.length} bytes, more than the limit of ${maxLine}`);
      continue;
    }
    let line: Uint8Array = bytes;
    if (n === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (isBlankLine(line)) continue;
    const decoded = decodeText(line, opts.encoding === undefined ? {} : { encoding: opts.encoding });
    if (!decoded.ok) {
      yield failure(at, decoded.code, decoded.reason);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (e) {
      yield failure(at, 'ISNAD_INGEST_BAD_JSON', `not valid JSON: ${messageOf(e)}`);
      continue;
    }
    const r = jsonRecord(value, { origin: at, fallbackId: `${base}-${n}`, format: JSONL_FORMAT });
    if (!('record' in r)) {
      yield failure(at, r.code, r.reason);
      continue;
    }
    r.record.id = unique(r.record.id);
    if (decoded.encoding !== 'utf-8') r.record.meta.encoding = decoded.encoding;
    if (keepDocument(r.record.text, opts)) yield success(r.record, decoded.warnings);
  }
}

function isBlankLine(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Lines of text already decoded (for a UTF-16 file), as UTF-8 bytes. */
async function* textLines(text: string): AsyncGenerator<Buffer> {
  for (const line of text.split(/\r?\n/)) yield Buffer.from(line, 'utf8');
}

/** The results of one JSON Lines file, streamed. */
export async function* jsonLinesFileResults(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  // A UTF-16 file cannot be split at 0x0A bytes: decode it whole instead.
  const head = await firstBytes(path, 2);
  if (head !== undefined && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    const bytes = await readDocumentBytes(path, path, opts.maxBytes);
    if (!Buffer.isBuffer(bytes)) {
      yield bytes;
      return;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      yield failure(path, decoded.code, decoded.reason);
      return;
    }
    yield* jsonLinesResults(textLines(decoded.text), path, opts);
    return;
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    yield* jsonLinesResults(byteLines(stream), path, opts);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // an I/O error part-way: report it, the lines read so far stand
    yield failure(path, 'ISNAD_INGEST_READ', `cannot read: ${messageOf(e)}`);
  } finally {
    stream.destroy();
  }
}

async function firstBytes(path: string, n: number): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** The array of articles in a parsed JSON document, or why there is none. */
function articlesOf(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return `holds ${value === null ? 'null' : typeof value}, not an array or object of articles`;
  for (const k of ARRAY_KEYS) if (Array.isArray(value[k])) return value[k] as unknown[];
  for (const v of Object.values(value)) if (Array.isArray(v) && v.length > 0 && v.every(isObject)) return v;
  if (TEXT_KEYS.some((k) => Object.hasOwn(value, k))) return [value];
  return 'an object with no array of articles and no text field';
}

/**
 * The results of one JSON document's bytes: each article of its array (`<origin>#<n>`, from 1).
 * A document that does not parse, or holds no articles, is one failure.
 */
export function* jsonResults(bytes: Uint8Array, origin: string, opts: ReaderOptions = {}): Generator<ReadResult> {
  const decoded = decodeText(bytes, opts.encoding === undefined ? {} : { encoding: opts.encoding });
  if (!decoded.ok) {
    yield failure(origin, decoded.code, decoded.reason);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (e) {
    yield failure(origin, 'ISNAD_INGEST_BAD_JSON', `not valid JSON: ${messageOf(e)}`);
    return;
  }
  const items = articlesOf(value);
  if (typeof items === 'string') {
    yield failure(origin, 'ISNAD_INGEST_BAD_RECORD', items);
    return;
  }
  const unique = uniqueIds();
  const base = fileBase(origin.replace(/^.*!/, ''));
  for (let i = 0; i < items.length; i++) {
    const at = `${origin}#${i + 1}`;
    const r = jsonRecord(items[i], { origin: at, fallbackId: `${base}-${i + 1}`, format: JSON_FORMAT });
    if (!('record' in r)) {
      yield failure(at, r.code, r.reason);
      continue;
    }
    r.record.id = unique(r.record.id);
    if (decoded.encoding !== 'utf-8') r.record.meta.encoding = decoded.encoding;
    if (keepDocument(r.record.text, opts)) yield success(r.record, decoded.warnings);
  }
}

/** The results of one JSON file (read whole: JSON is not split into documents before parsing). */
export async function* jsonFileResults(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  const bytes = await readDocumentBytes(path, path, opts.maxBytes);
  if (!Buffer.isBuffer(bytes)) {
    yield bytes;
    return;
  }
  yield* jsonResults(bytes, path, opts);
}

async function* eachFile(path: string, read: (path: string, opts: ReaderOptions) => AsyncGenerator<ReadResult>, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  const files: AsyncIterable<FolderFile> | Iterable<FolderFile> = (await pathKind(path)) === 'folder' ? walkFolder(path) : [{ path, name: basename(path) }];
  for await (const f of files) yield* read(f.path, opts);
}

/** Reads a JSON Lines file (or every file of a folder as JSON Lines), streaming. */
export function readJsonLines(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  return finish(eachFile(path, jsonLinesFileResults, opts), opts);
}

/** Reads a JSON file (or every file of a folder as JSON). */
export function readJson(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  return finish(eachFile(path, jsonFileResults, opts), opts);
}
