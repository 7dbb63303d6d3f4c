/**
 * WARC files (web archives, plain or gzipped record by record), read as a stream by warcio: every
 * HTML page captured in it becomes a record through the HTML extractor (`html.ts`).
 *
 *   response records   HTTP status 2xx with an HTML Content-Type (text/html, application/xhtml+xml;
 *                      no Content-Type: the payload is sniffed) → extracted
 *   resource records   the same by their WARC Content-Type
 *   everything else    skipped without reading the payload, and counted in `stats.skippedBy`:
 *                      `warc-request`, `warc-warcinfo`, `warc-metadata`, `warc-revisit`, …,
 *                      `warc-non-html` (images, scripts, CSS, JSON), `warc-status` (3xx/4xx/5xx)
 *
 * The payload is the HTTP body with chunked transfer and Content-Encoding undone by warcio. Its
 * charset comes from the HTTP Content-Type, else the page's `<meta charset>`, else detection — never
 * assumed UTF-8. `id` is the target URI (unique within the file: a page captured twice gets `-2`),
 * `origin` is `<file>!<target URI>`, `meta.format` is `warc-html`, `meta.crawled` the WARC-Date.
 *
 * A page that does not decode or has no article text is a failure for that record; a file that
 * stops parsing (corrupt, not a WARC, cut inside a gzipped record) ends with one
 * `ISNAD_INGEST_BAD_WARC` failure, after the records read before it. A page in an uncompressed
 * file cut inside its record is extracted from what there is, with a warning.
 */
import { createReadStream } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import { htmlResult } from './html.js';
import { pathKind, walkFolder, type FolderFile } from './plain.js';
import { memberOrigin, uniqueIds } from './record.js';
import {
  countSkip,
  DEFAULT_MAX_DOCUMENT_BYTES,
  failure,
  finish,
  messageOf,
  type ReadResult,
  type ReaderOptions,
} from './result.js';
import { basename } from 'node:path';

export const WARC_FORMAT = 'warc-html';

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
const HTML_SNIFF = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i;

/** True for file names ending `.warc` or `.warc.gz`. */
export const isWarcName = (name: string): boolean => /\.warc(?:\.gz)?$/i.test(name);

function header(headers: { get(name: string): string | null | undefined } | undefined | null, name: string): string | undefined {
  return headers?.get(name) ?? undefined;
}

/** The results of one WARC stream (any async iterable of byte chunks); `origin` names the file. */
export async function* warcResults(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, origin: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const unique = uniqueIds();
  let total = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      total += chunk.byteLength;
      yield chunk;
    }
  }
  const parser = new WARCParser(counted());
  let n = 0;
  let record: WARCRecord | null = null;
  for (;;) {
    // a record left unread is read to its end here: warcio's own skipping never ends when the file
    // ends before the record's Content-Length does (it asks the finished stream for more, forever)
    if (record && !record.consumed) {
      const left = await drain(record);
      if (left > 0) {
        yield failure(memberOrigin(origin, record.warcTargetURI ?? `record-${n}`), 'ISNAD_INGEST_BAD_WARC', `ends inside record ${n}: ${left} of its ${record.warcContentLength} bytes are missing (truncated file, or a wrong Content-Length)`);
        return;
      }
    }
    try {
      record = await parser.parse();
    } catch (e) {
      yield failure(origin, 'ISNAD_INGEST_BAD_WARC', `stops parsing after ${n} record${n === 1 ? '' : 's'} (at byte ${parser.offset}): ${messageOf(e)}`);
      return;
    }
    if (record === null) {
      // warcio drops a gzipped record whose member is cut short: say so
      if (total > parser.offset) {
        yield failure(origin, 'ISNAD_INGEST_BAD_WARC', `ends inside a record: the last ${total - parser.offset} bytes (from byte ${parser.offset}) are not a complete record (truncated?)`);
      }
      return;
    }
    n++;
    const type = record.warcType as string | null | undefined;
    if (!type) {
      yield failure(origin, 'ISNAD_INGEST_BAD_WARC', n === 1 ? 'not a WARC file (no WARC/1.x record header)' : `record ${n} (at byte ${parser.offset}) has no WARC-Type: corrupt`);
      return;
    }
    if (type !== 'response' && type !== 'resource') {
      countSkip(opts.stats, `warc-${type}`);
      continue;
    }
    const uri = record.warcTargetURI ?? `record-${n}`;
    const at = memberOrigin(origin, uri);
    let contentType: string | undefined;
    if (type === 'response') {
      const status = Number(record.httpHeaders?.statusCode);
      if (!(status >= 200 && status < 300)) {
        countSkip(opts.stats, 'warc-status');
        continue;
      }
      contentType = header(record.httpHeaders?.headers, 'content-type');
    } else {
      contentType = record.warcContentType ?? undefined;
    }
    if (contentType !== undefined && !HTML_TYPE.test(contentType)) {
      countSkip(opts.stats, 'warc-non-html');
      continue;
    }
    if (record.warcContentLength > maxBytes) {
      yield failure(at, 'ISNAD_INGEST_TOO_LARGE', `a record of ${record.warcContentLength} bytes, more than the limit of ${maxBytes}`);
      continue;
    }
    let payload: Uint8Array;
    try {
      payload = await record.readFully(true);
    } catch (e) {
      yield failure(at, 'ISNAD_INGEST_BAD_WARC', `cannot read the payload: ${messageOf(e)}`);
      continue;
    }
    if (contentType === undefined && !HTML_SNIFF.test(Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, 512)).toString('latin1'))) {
      countSkip(opts.stats, 'warc-non-html');
      continue;
    }
    const declared = contentType === undefined ? [] : [charsetOf(contentType)];
    const r = htmlResult(payload, { id: unique(uri), origin: at, url: uri, declared, format: WARC_FORMAT }, opts);
    if (r === undefined) continue;
    if (r.ok) {
      const date = record.warcDate;
      if (date) r.record.meta.crawled = date;
      // an uncompressed file cut inside this record: its block is short (warcio's reader keeps the count)
      const missing = (record as unknown as { _reader?: { limit?: unknown } })._reader?.limit;
      if (typeof missing === 'number' && missing > 0) {
        (r.warnings ??= []).push(`the record is cut short: ${missing} of its ${record.warcContentLength} bytes are missing (truncated file?)`);
      }
    }
    yield r;
  }
}

/** Reads what is left of a record without keeping it; returns how many of its bytes the file lacked. */
async function drain(record: WARCRecord): Promise<number> {
  const reader = record.reader as AsyncIterable<Uint8Array> & { limit?: number };
  for await (const chunk of reader) void chunk;
  record.consumed = 'skipped';
  return typeof reader.limit === 'number' ? Math.max(0, reader.limit) : 0;
}

function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*["']?([^\s;"']+)/i.exec(contentType)?.[1];
}

/** The results of one WARC file, streamed. */
export async function* warcFileResults(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    yield* warcResults(stream, path, opts);
  } finally {
    stream.destroy();
  }
}

async function* warcFiles(path: string, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  const files: AsyncIterable<FolderFile> | Iterable<FolderFile> =
    (await pathKind(path)) === 'folder' ? filterWarc(walkFolder(path)) : [{ path, name: basename(path) }];
  for await (const f of files) yield* warcFileResults(f.path, opts);
}

async function* filterWarc(files: AsyncIterable<FolderFile>): AsyncGenerator<FolderFile> {
  for await (const f of files) if (isWarcName(f.name)) yield f;
}

/** Reads a WARC file (or the `.warc`/`.warc.gz` files of a folder), streaming. */
export function readWarc(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  return finish(warcFiles(path, opts), opts);
}
