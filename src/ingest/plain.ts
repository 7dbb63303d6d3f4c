/**
 * Plain text files, and folders of them: one file is one record.
 *
 *   readText('news/')        → news/eg/2024/a.txt becomes { id: 'eg/2024/a', text, meta: { format: 'text', … } }
 *   readText('article.txt')  → { id: 'article', … }
 *
 * Folders are walked recursively in code-point order of names; hidden files and folders (a name
 * starting with `.`) are skipped, and so are symbolic links. The id is the path relative to the
 * folder, `/`-separated, without a `.txt` extension. Bytes are decoded by `charset.ts` (UTF-8,
 * UTF-16 with a BOM, Windows-1256, ISO-8859-6, …); CRLF line ends become LF. Binary and
 * undecodable files are failures, one per file.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeText } from './charset.js';
import { IngestError, type RecordMeta, type SourceRecord } from './record.js';
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

export const TEXT_FORMAT = 'text';

/** A file found by {@link walkFolder}: its path, and its name relative to the folder walked. */
export interface FolderFile {
  path: string;
  /** `/`-separated, relative to the folder. */
  name: string;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The regular files under `dir`, recursively, sorted by name; hidden entries and links skipped. */
export async function* walkFolder(dir: string, rel = ''): AsyncGenerator<FolderFile> {
  const items = await readdir(rel === '' ? dir : join(dir, rel), { withFileTypes: true });
  items.sort((a, b) => byCodePoint(a.name, b.name));
  for (const item of items) {
    if (item.name.startsWith('.')) continue;
    const name = rel === '' ? item.name : `${rel}/${item.name}`;
    if (item.isDirectory()) yield* walkFolder(dir, name);
    else if (item.isFile()) yield { path: join(dir, name), name };
  }
}

/**
 * Reads one file whole, refusing files over `maxBytes` (checked before reading). A failure result
 * when it cannot be read.
 */
export async function readDocumentBytes(path: string, origin: string, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Promise<Buffer | ReadResult> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return failure(origin, 'ISNAD_INGEST_READ', `cannot open: ${messageOf(e)}`);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return failure(origin, 'ISNAD_INGEST_TOO_LARGE', `${size} bytes, more than the limit of ${maxBytes}`);
    return await handle.readFile();
  } catch (e) {
    return failure(origin, 'ISNAD_INGEST_READ', `cannot read: ${messageOf(e)}`);
  } finally {
    await handle.close();
  }
}

/** The id of a file from its relative name: `eg/2024/a.txt` → `eg/2024/a`. */
export function textId(name: string): string {
  return name.replace(/\.txt$/i, '') || name;
}

/**
 * The record for one text document's bytes; undefined when it is blank and `opts` does not want
 * blank ones (counted as skipped).
 */
export function textResult(bytes: Uint8Array, id: string, origin: string, opts: ReaderOptions = {}): ReadResult | undefined {
  const decoded = decodeText(bytes, opts.encoding === undefined ? {} : { encoding: opts.encoding });
  if (!decoded.ok) return failure(origin, decoded.code, decoded.reason);
  const text = decoded.text.indexOf('\r\n') >= 0 ? decoded.text.replace(/\r\n/g, '\n') : decoded.text;
  if (!keepDocument(text, opts)) return undefined;
  const meta: RecordMeta = { format: TEXT_FORMAT, origin, encoding: decoded.encoding };
  const record: SourceRecord = { id, text, meta };
  return success(record, decoded.warnings);
}

/** One file of a folder (or a file given alone) as a result; undefined when skipped. */
export async function textFileResult(file: FolderFile, opts: ReaderOptions = {}): Promise<ReadResult | undefined> {
  const bytes = await readDocumentBytes(file.path, file.path, opts.maxBytes);
  if (!Buffer.isBuffer(bytes)) return bytes;
  return textResult(bytes, textId(file.name), file.path, opts);
}

/** What is at `path`: a file, a folder, or an {@link IngestError} `ISNAD_INGEST_NOT_FOUND`. */
export async function pathKind(path: string): Promise<'file' | 'folder'> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new IngestError('ISNAD_INGEST_NOT_FOUND', `no file or folder at "${path}"`);
  }
  return st.isDirectory() ? 'folder' : 'file';
}

async function* textResults(path: string, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  const files = (await pathKind(path)) === 'folder' ? walkFolder(path) : single(path);
  for await (const file of files) {
    const r = await textFileResult(file, opts);
    if (r) yield r;
  }
}

async function* single(path: string): AsyncGenerator<FolderFile> {
  yield { path, name: basename(path) };
}

/** Reads a text file, or every file of a folder (recursively) as text. */
export function readText(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  return finish(textResults(path, opts), opts);
}
