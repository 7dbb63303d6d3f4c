/**
 * A minimal streaming tar reader: ustar, old GNU, GNU long names (`././@LongLink`, type `L`)
 * and pax extended headers (type `x`, `path=` and `size=`; global headers `g` are skipped).
 *
 * Only regular files are yielded (types `0`, NUL, `7`); directories, links and devices are
 * skipped. One member is held in memory at a time, plus at most one input chunk: a member's
 * `data` is a fresh Buffer that the caller may keep.
 *
 *   for await (const { name, data } of readTarGz('corpus.tar.gz')) …
 *
 * Errors carry a code: `TAR_CHECKSUM` (a header fails its checksum: not a tar, or corrupt),
 * `TAR_TRUNCATED` (the input ends inside a member), `TAR_BAD_HEADER` (an unparseable size).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { memberOrigin } from './record.js';

export interface TarEntry {
  /** Path inside the archive, `/`-separated, decoded as UTF-8. */
  name: string;
  data: Buffer;
}

export interface TarOptions {
  /** Members whose name fails the filter are skipped without copying their data. */
  filter?: (name: string) => boolean;
}

export class TarError extends Error {
  constructor(
    readonly code: 'TAR_CHECKSUM' | 'TAR_TRUNCATED' | 'TAR_BAD_HEADER',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

/** Header field offsets (POSIX ustar). */
const NAME = 0;
const NAME_LEN = 100;
const SIZE = 124;
const SIZE_LEN = 12;
const CHKSUM = 148;
const CHKSUM_LEN = 8;
const TYPEFLAG = 156;
const MAGIC = 257;
const PREFIX = 345;
const PREFIX_LEN = 155;

/** Type flags. */
const TYPE_FILE = 0x30; // '0'
const TYPE_FILE_OLD = 0x00; // NUL, pre-POSIX regular file
const TYPE_CONTIGUOUS = 0x37; // '7', read as a regular file
const TYPE_GNU_LONGNAME = 0x4c; // 'L'
const TYPE_PAX = 0x78; // 'x'

/** Reads bytes from an async chunk source, keeping only the unread tail of the current chunk. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;

  constructor(private readonly it: AsyncIterator<Buffer | Uint8Array>) {}

  /** Ensures `n` unread bytes are buffered; false if the input ends first. */
  private async fill(n: number): Promise<boolean> {
    while (this.buf.length - this.pos < n) {
      if (this.done) return false;
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        return false;
      }
      const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
      this.pos = 0;
    }
    return true;
  }

  /** The next 512-byte block as a view (valid until the next call), or undefined at end of input. */
  async block(): Promise<Buffer | undefined> {
    if (!(await this.fill(BLOCK))) {
      if (this.buf.length - this.pos === 0) return undefined;
      throw new TarError('TAR_TRUNCATED', `input ends inside a header block (${this.buf.length - this.pos} of ${BLOCK} bytes)`);
    }
    const b = this.buf.subarray(this.pos, this.pos + BLOCK);
    this.pos += BLOCK;
    return b;
  }

  /** Copies the next `n` bytes into a fresh Buffer, without concatenating chunks for large `n`. */
  async read(n: number, what: string): Promise<Buffer> {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      if (this.pos >= this.buf.length && !(await this.fill(1))) {
        throw new TarError('TAR_TRUNCATED', `input ends inside ${what} (${filled} of ${n} bytes)`);
      }
      const take = Math.min(n - filled, this.buf.length - this.pos);
      this.buf.copy(out, filled, this.pos, this.pos + take);
      this.pos += take;
      filled += take;
    }
    return out;
  }

  /** Skips `n` bytes. */
  async skip(n: number, what: string): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.pos >= this.buf.length && !(await this.fill(1))) {
        throw new TarError('TAR_TRUNCATED', `input ends inside ${what} (${n - left} of ${n} bytes)`);
      }
      const take = Math.min(left, this.buf.length - this.pos);
      this.pos += take;
      left -= take;
    }
  }
}

/** Bytes of padding after `size` bytes of data, up to the next block boundary. */
const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** A NUL-terminated string field, decoded as UTF-8. */
function field(h: Buffer, start: number, len: number): string {
  let end = start;
  const max = start + len;
  while (end < max && h[end] !== 0) end++;
  return h.toString('utf8', start, end);
}

/** A numeric field: octal (space/NUL padded) or GNU base-256 (high bit of the first byte set). */
function numeric(h: Buffer, start: number, len: number): number {
  const end = start + len;
  if (h[start]! & 0x80) {
    let n = h[start]! & 0x7f;
    for (let i = start + 1; i < end; i++) n = n * 256 + h[i]!;
    return n;
  }
  let i = start;
  while (i < end && (h[i] === 0x20 || h[i] === 0)) i++;
  let n = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = h[i]!;
    if (c < 0x30 || c > 0x37) break;
    n = n * 8 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? -1 : n;
}

function checksumOk(h: Buffer): boolean {
  const stored = numeric(h, CHKSUM, CHKSUM_LEN);
  let unsigned = 0;
  let signed = 0; // some old tars summed signed bytes
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= CHKSUM && i < CHKSUM + CHKSUM_LEN ? 0x20 : h[i]!;
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === unsigned || stored === signed;
}

function isZeroBlock(h: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (h[i] !== 0) return false;
  return true;
}

/** Pax records `"<len> <key>=<value>\n"`; returns path and size when present. */
function parsePax(data: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(data.toString('latin1', i, sp), 10);
    if (!(len > 0) || i + len > data.length) break;
    const eq = data.indexOf(0x3d, sp + 1); // '='
    if (eq > 0 && eq < i + len) {
      const key = data.toString('utf8', sp + 1, eq);
      const value = data.toString('utf8', eq + 1, i + len - 1); // without the trailing '\n'
      if (key === 'path') out.path = value;
      else if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    }
    i += len;
  }
  return out;
}

/** Reads a tar stream (any async iterable of byte chunks, e.g. a Node Readable). */
export async function* readTar(source: AsyncIterable<Buffer | Uint8Array>, opts: TarOptions = {}): AsyncGenerator<TarEntry> {
  const { filter } = opts;
  const it = source[Symbol.asyncIterator]();
  const reader = new ByteReader(it);
  let longName: string | undefined;
  let paxPath: string | undefined;
  let paxSize: number | undefined;
  try {
    for (;;) {
      const h = await reader.block();
      if (h === undefined || isZeroBlock(h)) return; // end of archive
      if (!checksumOk(h)) {
        throw new TarError('TAR_CHECKSUM', `header checksum mismatch for "${field(h, NAME, NAME_LEN)}": not a tar, or corrupt`);
      }
      const type = h[TYPEFLAG]!;
      let size = numeric(h, SIZE, SIZE_LEN);
      if (size < 0) throw new TarError('TAR_BAD_HEADER', `no size in header for "${field(h, NAME, NAME_LEN)}"`);

      if (type === TYPE_GNU_LONGNAME) {
        const d = await reader.read(size, 'a GNU long name');
        const nul = d.indexOf(0);
        longName = d.toString('utf8', 0, nul >= 0 ? nul : d.length);
        await reader.skip(padding(size), 'padding');
        continue;
      }
      if (type === TYPE_PAX) {
        const pax = parsePax(await reader.read(size, 'a pax header'));
        paxPath = pax.path;
        paxSize = pax.size;
        await reader.skip(padding(size), 'padding');
        continue;
      }

      let name = paxPath ?? longName;
      if (name === undefined) {
        name = field(h, NAME, NAME_LEN);
        // ustar splits long paths into prefix/name; GNU ("ustar  ") uses those bytes for other things.
        if (h.toString('latin1', MAGIC, MAGIC + 6) === 'ustar\0') {
          const prefix = field(h, PREFIX, PREFIX_LEN);
          if (prefix !== '') name = `${prefix}/${name}`;
        }
      }
      if (paxSize !== undefined) size = paxSize;
      longName = paxPath = paxSize = undefined;

      if ((type === TYPE_FILE || type === TYPE_FILE_OLD || type === TYPE_CONTIGUOUS) && (!filter || filter(name))) {
        const data = await reader.read(size, `member "${name}"`);
        await reader.skip(padding(size), 'padding');
        yield { name, data };
      } else {
        await reader.skip(size + padding(size), `member "${name}"`);
      }
    }
  } finally {
    // Stops the source (a Readable destroys itself) when the caller breaks out early.
    await it.return?.();
  }
}

/** Reads a gzip-compressed tar file, streaming: the archive is never held whole in memory. */
export function readTarGz(path: string, opts: TarOptions = {}): AsyncGenerator<TarEntry> {
  const gunzip = pipeline(createReadStream(path, { highWaterMark: 1 << 16 }), createGunzip({ chunkSize: 1 << 16 }), () => {
    // Errors reach the consumer through the gunzip stream's iterator; nothing to do here.
  });
  return readTar(gunzip, opts);
}

/** A file read by {@link readFiles}: its name inside the archive or folder, and where it came from. */
export interface FileEntry extends TarEntry {
  /** `<archive>!<member>` for a tar member, the file's path for a file in a folder. */
  origin: string;
}

/** True for names ending `.tar.gz`, `.tgz` or `.tar`. */
export const isTarName = (path: string): boolean => /\.(?:tar\.gz|tgz|tar)$/i.test(path);

/**
 * The files of a tar archive (`.tar.gz`, `.tgz`: gunzipped; `.tar`: plain) or of a folder (walked
 * recursively, in sorted order, names `/`-separated relative to it), one at a time.
 */
export async function* readFiles(path: string, opts: TarOptions = {}): AsyncGenerator<FileEntry> {
  if ((await stat(path)).isDirectory()) {
    yield* walk(path, '', opts.filter);
    return;
  }
  const entries = /\.tar$/i.test(path)
    ? readTar(createReadStream(path, { highWaterMark: 1 << 16 }), opts)
    : readTarGz(path, opts);
  for await (const e of entries) yield { name: e.name, data: e.data, origin: memberOrigin(path, e.name) };
}

async function* walk(dir: string, rel: string, filter?: (name: string) => boolean): AsyncGenerator<FileEntry> {
  const items = await readdir(join(dir, rel), { withFileTypes: true });
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    const name = rel === '' ? item.name : `${rel}/${item.name}`;
    if (item.isDirectory()) yield* walk(dir, name, filter);
    else if (item.isFile() && (!filter || filter(name))) {
      const origin = join(dir, name);
      yield { name, data: await readFile(origin), origin };
    }
  }
}
