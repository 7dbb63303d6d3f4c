/**
 * Reading one document's bytes from a file or stdin, with the checks a user expects:
 * empty, binary, undecodable, too large or not Arabic input is refused with a one-line error.
 */
import { readFileSync, statSync } from 'node:fs';
import { CliError } from './errors.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface InputOptions {
  encoding?: string;
  maxBytes?: number;
}

export async function readBytes(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > maxBytes) throw new CliError('ISNAD_INPUT_TOO_LARGE', `standard input is larger than ${formatBytes(maxBytes)}; raise --max-bytes if this is really one article`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError('ISNAD_INPUT_NOT_FOUND', `cannot read "${path}": no such file`);
  }
  if (st.isDirectory()) throw new CliError('ISNAD_INPUT_IS_DIRECTORY', `"${path}" is a directory; give a file, or - for standard input`);
  if (st.size > maxBytes) {
    throw new CliError('ISNAD_INPUT_TOO_LARGE', `"${path}" is ${formatBytes(st.size)}, more than ${formatBytes(maxBytes)}; for a collection use --jsonl, or raise --max-bytes`);
  }
  return readFileSync(path);
}

/** Decodes bytes: UTF-8 (BOM optional) or UTF-16 with a BOM, or the encoding asked for. */
export function decode(bytes: Buffer, name: string, encoding?: string): string {
  if (bytes.length === 0) throw new CliError('ISNAD_INPUT_EMPTY', `${name} is empty`);
  if (!encoding) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  }
  if (!encoding && looksBinary(bytes)) throw new CliError('ISNAD_INPUT_BINARY', `${name} looks like a binary file, not text`);
  let text: string;
  try {
    text = new TextDecoder(encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) throw new CliError('ISNAD_USAGE', `unknown encoding "${encoding}"; try utf-8, utf-16le, windows-1256 or iso-8859-6`);
    throw new CliError('ISNAD_INPUT_NOT_UTF8', `${name} is not valid ${encoding ?? 'UTF-8'}; if it is a legacy Arabic file, try --encoding windows-1256`);
  }
  if (text.trim() === '') throw new CliError('ISNAD_INPUT_EMPTY', `${name} holds only white space`);
  return text;
}

/** NUL bytes or many control characters in the first 8 KB mean binary. */
function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.05;
}

/** Share of Arabic letters among letters (0 when there are none). */
export function arabicShare(text: string): number {
  let letters = 0;
  let arabic = 0;
  const n = Math.min(text.length, 20000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
      if (c >= 0x0621 && c !== 0x0640 && !(c >= 0x064b && c <= 0x065f) && !(c >= 0x0660 && c <= 0x0669)) {
        arabic++;
        letters++;
      }
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c < 0x0590) || (c >= 0x0900 && c < 0x3000) || c >= 0x3040) letters++;
  }
  return letters === 0 ? 0 : arabic / letters;
}

export function requireArabic(text: string, name: string): void {
  if (arabicShare(text) < 0.2) {
    throw new CliError('ISNAD_INPUT_NOT_ARABIC', `${name} does not look like Arabic text (few Arabic letters); isnad analyzes Arabic news. Use --force to analyze it anyway`);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
