/**
 * One entry to every reader: `readSource(source, { format })` yields a {@link ReadResult} per
 * document — a record, or a failure that names the document — and never stops for one bad
 * document.
 *
 *   for await (const r of readSource('../shared/corpus/html-fixtures', { limit: 10 })) …
 *   for await (const r of readSource('https://example.com/rss.xml')) …
 *   for await (const r of readSource('crawl.warc.gz', { format: 'warc', stats })) …
 *
 * `format: 'auto'` (the default) decides per file:
 *   - a URL: by its first bytes (below), corrected by the response's Content-Type (feed, HTML,
 *     NDJSON) and a `.jsonl` name;
 *   - a shared corpus (its folder in the data folder, or its archive by name): that corpus's reader;
 *   - by name: `.warc`/`.warc.gz` WARC, `.jsonl`/`.ndjson` JSON Lines, `.json` JSON (JSON Lines
 *     when its first line is a whole object and another follows), `.xml`/`.rss`/`.atom` feed,
 *     `.html`/`.htm`/`.xhtml`/`.shtml` HTML, `.txt`/`.text`/`.md` text, `.tar`/`.tar.gz`/`.tgz` an
 *     archive whose members are read by the same rules;
 *   - else by the first bytes: `WARC/` (also gzipped), a tar header, `<rss`/`<feed`/`<rdf:RDF`
 *     (after an XML prolog), `<!doctype html`/`<html`, `[` JSON, `{` JSON or JSON Lines, else text.
 * In a folder (walked recursively, sorted, hidden entries skipped) each file is decided alone;
 * files with other extensions (images, CSS, …) are skipped and counted as `unsupported`. Given
 * alone, such a file is sniffed instead. A format other than `auto` reads every file of a folder
 * in that format.
 *
 * Thrown (on the first `next()`): `ISNAD_INGEST_NOT_FOUND`, `ISNAD_INGEST_FETCH`; at the call:
 * `ISNAD_INGEST_UNKNOWN_FORMAT`, `ISNAD_INGEST_UNKNOWN_ENCODING`. Everything else is a failure
 * result.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { charsetFromContentType, charsetName } from './charset.js';
import { CORPUS_NAMES, corpusForPath, isCorpusName, readCorpusAt, type CorpusName } from './corpus/index.js';
import { feedFileResults, feedResults, type FeedOptions } from './feed.js';
import { fetchBytes, isHttpUrl } from './fetch.js';
import { htmlFileResult, htmlId, htmlResult } from './html.js';
import { byteLines, jsonFileResults, jsonLinesFileResults, jsonLinesResults, jsonResults } from './jsonl.js';
import { pathKind, textFileResult, textId, textResult, walkFolder, type FolderFile } from './plain.js';
import { IngestError } from './record.js';
import { countSkip, finish, type ReadResult, type ReaderOptions } from './result.js';
import { readFiles } from './tar.js';
import { warcFileResults, warcResults } from './warc.js';

export type { ReadFailure, ReadOk, ReadResult, ReadStats, ReaderOptions } from './result.js';

/** Formats of single files. */
export type FileFormat = 'text' | 'jsonl' | 'json' | 'html' | 'rss' | 'warc';
export type SourceFormat = 'auto' | FileFormat | CorpusName;

export const FILE_FORMATS: readonly FileFormat[] = ['text', 'jsonl', 'json', 'html', 'rss', 'warc'];
export const SOURCE_FORMATS: readonly SourceFormat[] = ['auto', ...FILE_FORMATS, ...CORPUS_NAMES];

export interface SourceOptions extends ReaderOptions, FeedOptions {
  /** How to read the source (default `auto`). */
  format?: SourceFormat;
}

/** What a name or the first bytes say a file is: a format, or a tar archive of files. */
type Detected = FileFormat | 'archive';

const BY_EXTENSION: ReadonlyArray<[RegExp, Detected]> = [
  [/\.warc(?:\.gz)?$/i, 'warc'],
  [/\.(?:tar\.gz|tgz|tar)$/i, 'archive'],
  [/\.(?:jsonl|ndjson)$/i, 'jsonl'],
  [/\.json$/i, 'json'],
  [/\.(?:xml|rss|atom)$/i, 'rss'],
  [/\.(?:html?|xhtml|shtml)$/i, 'html'],
  [/\.(?:txt|text|md)$/i, 'text'],
];

/**
 * The format a file name says, `sniff` for a name without an extension, undefined for an
 * extension no reader takes.
 */
export function formatByName(name: string): Detected | 'sniff' | undefined {
  for (const [re, f] of BY_EXTENSION) if (re.test(name)) return f;
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.includes('.') ? undefined : 'sniff';
}

/** Bytes looked at to sniff a format. */
const SNIFF_BYTES = 4096;

function headText(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2, head.length & ~1));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2, head.length & ~1));
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
}

const isTarHeader = (b: Uint8Array): boolean => b.length >= 262 && Buffer.from(b.buffer, b.byteOffset + 257, 5).toString('latin1') === 'ustar';

/** The format the first bytes of a file show (see the module comment). */
export function sniffFormat(head: Uint8Array): Detected {
  if (head[0] === 0x1f && head[1] === 0x8b) {
    let inner: Buffer;
    try {
      inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return 'text'; // the text reader reports it as binary
    }
    if (Buffer.from(inner.subarray(0, 5)).toString('latin1') === 'WARC/') return 'warc';
    if (isTarHeader(inner)) return 'archive';
    return 'text';
  }
  if (isTarHeader(head)) return 'archive';
  const s = headText(head).replace(/^\s+/, '');
  if (s.startsWith('WARC/')) return 'warc';
  if (/^<\?xml/i.test(s) || /^<(?:rss|feed|rdf:RDF)[\s>]/i.test(s)) {
    if (/<(?:rss|feed|rdf:RDF)[\s>]/i.test(s)) return 'rss';
    if (/<html[\s>]/i.test(s)) return 'html';
    return 'rss';
  }
  if (/^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(s) || (/^<!--/.test(s) && /<html[\s>]/i.test(s))) return 'html';
  if (s.startsWith('[')) return 'json';
  if (s.startsWith('{')) {
    const lines = s.split(/\r?\n/).map((l) => l.trim());
    const first = lines[0] ?? '';
    if (first.endsWith('}') && lines.slice(1).some((l) => l.startsWith('{'))) {
      try {
        JSON.parse(new TextDecoder().decode(Buffer.from(first, 'latin1')));
        return 'jsonl';
      } catch {
        return 'json';
      }
    }
    return 'json';
  }
  return 'text';
}

async function headOf(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The format of a file given alone, by name and then by content. */
async function detectFile(path: string): Promise<Detected> {
  const byName = formatByName(path);
  if (byName === 'json') {
    const sniffed = sniffFormat(await headOf(path).catch(() => Buffer.alloc(0)));
    return sniffed === 'jsonl' ? 'jsonl' : 'json';
  }
  if (byName !== undefined && byName !== 'sniff') return byName;
  return sniffFormat(await headOf(path).catch(() => Buffer.alloc(0)));
}

/** The results of one file on disk in a known format. */
async function* fileResults(file: FolderFile, format: Detected, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  switch (format) {
    case 'text': {
      const r = await textFileResult(file, opts);
      if (r) yield r;
      return;
    }
    case 'html': {
      const r = await htmlFileResult(file, opts);
      if (r) yield r;
      return;
    }
    case 'json':
      yield* jsonFileResults(file.path, opts);
      return;
    case 'jsonl':
      yield* jsonLinesFileResults(file.path, opts);
      return;
    case 'rss':
      yield* feedFileResults(file.path, opts);
      return;
    case 'warc':
      yield* warcFileResults(file.path, opts);
      return;
    case 'archive':
      yield* archiveResults(file.path, opts);
      return;
  }
}

interface BytesSource {
  /** Name for ids (`eg/a.html`), relative to the folder or archive. */
  name: string;
  origin: string;
  /** The page's URL, for a fetched document. */
  url?: string;
  contentType?: string;
}

/** The results of one document held in memory (an archive member, a fetched body). */
async function* bytesResults(bytes: Buffer, src: BytesSource, format: Detected, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  switch (format) {
    case 'text': {
      const r = textResult(bytes, src.url ?? textId(src.name), src.origin, opts);
      if (r) yield r;
      return;
    }
    case 'html': {
      const page: Parameters<typeof htmlResult>[1] = { id: src.url ?? htmlId(src.name), origin: src.origin, declared: [charsetFromContentType(src.contentType)] };
      if (src.url !== undefined) page.url = src.url;
      const r = htmlResult(bytes, page, opts);
      if (r) yield r;
      return;
    }
    case 'json':
      yield* jsonResults(bytes, src.origin, opts);
      return;
    case 'jsonl':
      yield* jsonLinesResults(byteLines([bytes]), src.origin, opts);
      return;
    case 'rss': {
      const extra: { contentType?: string; url?: string } = {};
      if (src.contentType !== undefined) extra.contentType = src.contentType;
      if (src.url !== undefined) extra.url = src.url;
      yield* feedResults(bytes, src.origin, { ...opts, ...extra });
      return;
    }
    case 'warc':
      yield* warcResults([bytes], src.origin, opts);
      return;
    case 'archive':
      countSkip(opts.stats, 'unsupported');
      return;
  }
}

/** The members of a tar archive, each read by its name (or sniffed); others skipped as `unsupported`. */
async function* archiveResults(path: string, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  for await (const m of readFiles(path)) {
    const base = m.name.slice(m.name.lastIndexOf('/') + 1);
    if (base.startsWith('.')) continue;
    const byName = formatByName(m.name);
    if (byName === undefined) {
      countSkip(opts.stats, 'unsupported');
      continue;
    }
    let format = byName === 'sniff' ? sniffFormat(m.data.subarray(0, SNIFF_BYTES)) : byName;
    if (format === 'json' && sniffFormat(m.data.subarray(0, SNIFF_BYTES)) === 'jsonl') format = 'jsonl';
    yield* bytesResults(m.data, { name: m.name, origin: m.origin }, format, opts);
  }
}

/** Every file of a folder by its own format (auto), or all in one format. */
async function* folderResults(dir: string, format: FileFormat | 'auto', opts: ReaderOptions): AsyncGenerator<ReadResult> {
  for await (const file of walkFolder(dir)) {
    if (format !== 'auto') {
      yield* fileResults(file, format, opts);
      continue;
    }
    const byName = formatByName(file.name);
    if (byName === undefined) {
      countSkip(opts.stats, 'unsupported');
      continue;
    }
    yield* fileResults(file, byName === 'json' || byName === 'sniff' ? await detectFile(file.path) : byName, opts);
  }
}

async function* corpusResults(name: CorpusName, path: string, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  for await (const record of readCorpusAt(name, path, { includeEmpty: opts.includeEmpty === true })) yield { ok: true, record };
}

const FETCHED_FEED = /\b(?:rss|atom|rdf|xml)\b/i;
const FETCHED_HTML = /\b(?:html|xhtml)\b/i;
const FETCHED_NDJSON = /\b(?:x-)?(?:ndjson|jsonl|jsonlines)\b/i;

async function* urlResults(url: string, format: FileFormat | 'auto', opts: SourceOptions): AsyncGenerator<ReadResult> {
  const got = await fetchBytes(url, opts);
  const name = basename(new URL(got.url).pathname) || 'index';
  let detected: Detected = format === 'auto' ? sniffFormat(got.bytes.subarray(0, SNIFF_BYTES)) : format;
  if (format === 'auto') {
    const byName = formatByName(name);
    const type = got.contentType ?? '';
    if (FETCHED_NDJSON.test(type) || (byName === 'jsonl' && detected === 'json')) detected = 'jsonl';
    else if (FETCHED_FEED.test(type) && detected !== 'html') detected = 'rss';
    else if (FETCHED_HTML.test(type) && detected !== 'rss') detected = 'html';
  }
  const src: BytesSource = { name, origin: url, url: got.url };
  if (got.contentType !== undefined) src.contentType = got.contentType;
  yield* bytesResults(got.bytes, src, detected, opts);
}

async function* sourceResults(source: string, format: SourceFormat, opts: SourceOptions): AsyncGenerator<ReadResult> {
  if (isHttpUrl(source)) {
    yield* urlResults(source, format as FileFormat | 'auto', opts);
    return;
  }
  const kind = await pathKind(source);
  const corpus = isCorpusName(format) ? format : format === 'auto' ? corpusForPath(source) : undefined;
  if (corpus !== undefined) {
    yield* corpusResults(corpus, source, opts);
    return;
  }
  const fileFormat = format as FileFormat | 'auto';
  if (kind === 'folder') {
    yield* folderResults(source, fileFormat, opts);
    return;
  }
  const file: FolderFile = { path: source, name: basename(source) };
  yield* fileResults(file, fileFormat === 'auto' ? await detectFile(source) : fileFormat, opts);
}

/**
 * Reads a file, a folder, a tar archive, a shared corpus or a URL, one result per document (see
 * the module comment). `limit` counts records; `stats` is filled in as the results are consumed.
 */
export function readSource(source: string, opts: SourceOptions = {}): AsyncGenerator<ReadResult> {
  const format = opts.format ?? 'auto';
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    throw new IngestError('ISNAD_INGEST_UNKNOWN_FORMAT', `no reader for format "${format}"; known: ${SOURCE_FORMATS.join(', ')}`);
  }
  if (isCorpusName(format) && isHttpUrl(source)) {
    throw new IngestError('ISNAD_INGEST_UNKNOWN_FORMAT', `the corpus format "${format}" reads files, not URLs`);
  }
  if (opts.encoding !== undefined && charsetName(opts.encoding) === undefined) {
    throw new IngestError('ISNAD_INGEST_UNKNOWN_ENCODING', `unknown encoding "${opts.encoding}"; try utf-8, utf-16le, utf-16be, windows-1256 or iso-8859-6`);
  }
  return finish(sourceResults(source, format, opts), opts);
}
