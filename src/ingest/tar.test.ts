import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readFiles, readTar, readTarGz, TarError, type TarEntry } from './tar.js';

// ---------------------------------------------------------------------------------------------
// A small tar writer, enough to build every header form the reader handles.

interface HeaderOpts {
  type?: string;
  /** ustar `prefix` field (POSIX split of a long path). */
  prefix?: string;
  /** Old GNU magic `"ustar  \0"` instead of POSIX `"ustar\0" "00"`. */
  gnu?: boolean;
  /** Write the size in GNU base-256 instead of octal. */
  base256?: boolean;
  /** Corrupt the checksum. */
  badChecksum?: boolean;
}

function octal(h: Buffer, at: number, len: number, n: number): void {
  h.write(n.toString(8).padStart(len - 1, '0') + '\0', at, len, 'latin1');
}

function header(name: string, size: number, opts: HeaderOpts = {}): Buffer {
  const h = Buffer.alloc(512);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`test tar writer: name too long for the header: ${name}`);
  nameBytes.copy(h, 0);
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  if (opts.base256) {
    h[124] = 0x80;
    h.writeUIntBE(size, 124 + 12 - 6, 6);
  } else {
    octal(h, 124, 12, size);
  }
  octal(h, 136, 12, 1_700_000_000);
  h.write(opts.type ?? '0', 156, 1, 'latin1');
  if (opts.gnu) h.write('ustar  \0', 257, 8, 'latin1');
  else h.write('ustar\u000000', 257, 8, 'latin1');
  if (opts.prefix !== undefined) Buffer.from(opts.prefix, 'utf8').copy(h, 345);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  if (opts.badChecksum) sum += 1;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

function withData(h: Buffer, data: Buffer): Buffer[] {
  const pad = (512 - (data.length % 512)) % 512;
  return [h, data, Buffer.alloc(pad)];
}

const bytes = (s: string | Buffer): Buffer => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

const file = (name: string, data: string | Buffer, opts: HeaderOpts = {}): Buffer[] =>
  withData(header(name, bytes(data).length, opts), bytes(data));

const dir = (name: string): Buffer[] => [header(name, 0, { type: '5' })];

/** A GNU `././@LongLink` entry (type L) naming the entry after it. */
const gnuLongName = (name: string): Buffer[] =>
  withData(header('././@LongLink', Buffer.byteLength(name) + 1, { type: 'L', gnu: true }), Buffer.from(`${name}\0`));

/** One pax record: `"<len> <key>=<value>\n"`, where len counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body);
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

const pax = (type: 'x' | 'g', records: [string, string][]): Buffer[] => {
  const data = Buffer.from(records.map(([k, v]) => paxRecord(k, v)).join(''), 'utf8');
  return withData(header(type === 'x' ? 'PaxHeader/entry' : 'pax_global_header', data.length, { type }), data);
};

const tar = (...parts: Buffer[][]): Buffer => Buffer.concat([...parts.flat(), Buffer.alloc(1024)]);

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function all(entries: AsyncIterable<TarEntry>): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for await (const e of entries) out.push({ name: e.name, text: e.data.toString('utf8') });
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'isnad-tar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

const SENTENCE = 'قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في العاصمة.';
const SECOND = 'وأكد مصدر مطلع أن المفاوضات ما زالت مستمرة.';

describe('readTar', () => {
  it('yields regular files with UTF-8 names and skips directories and links', async () => {
    const t = tar(
      dir('أخبار/'),
      file('أخبار/خبر-1.txt', SENTENCE),
      [header('أخبار/رابط', 0, { type: '2' })],
      file('أخبار/خبر-2.txt', SECOND),
    );
    expect(await all(readTar(chunked(t, 1 << 16)))).toEqual([
      { name: 'أخبار/خبر-1.txt', text: SENTENCE },
      { name: 'أخبار/خبر-2.txt', text: SECOND },
    ]);
  });

  it('reads the same entries whatever the chunk boundaries', async () => {
    const big = Buffer.from(SENTENCE.repeat(2000), 'utf8'); // ~200 KB: spans many chunks
    const exact = Buffer.alloc(512, 0x61); // exactly one block: no padding
    const t = tar(file('a.txt', SENTENCE), file('big.txt', big), file('empty.txt', ''), file('exact.txt', exact), file('z.txt', SECOND));
    const expected = [
      { name: 'a.txt', text: SENTENCE },
      { name: 'big.txt', text: big.toString('utf8') },
      { name: 'empty.txt', text: '' },
      { name: 'exact.txt', text: 'a'.repeat(512) },
      { name: 'z.txt', text: SECOND },
    ];
    for (const size of [1, 7, 511, 512, 513, 4096, t.length]) {
      expect(await all(readTar(chunked(t, size)))).toEqual(expected);
    }
  });

  it('accepts Uint8Array chunks, not only Buffers', async () => {
    const t = tar(file('a.txt', SENTENCE));
    async function* u8(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
    }
    expect(await all(readTar(u8()))).toEqual([{ name: 'a.txt', text: SENTENCE }]);
  });

  it('joins the ustar prefix and name', async () => {
    const t = tar(file('خبر.txt', SENTENCE, { prefix: 'أرشيف/2011/سياسة' }));
    expect((await all(readTar(chunked(t, 100))))[0]!.name).toBe('أرشيف/2011/سياسة/خبر.txt');
  });

  it('ignores the prefix field under old GNU magic', async () => {
    const t = tar(file('خبر.txt', SENTENCE, { gnu: true, prefix: 'not-a-prefix' }));
    expect((await all(readTar(chunked(t, 100))))[0]!.name).toBe('خبر.txt');
  });

  it('applies a GNU long name (type L) to the next entry only', async () => {
    const long = `مجلد/${'اقتصاد-'.repeat(30)}/ملف-طويل-الاسم.txt`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(100);
    const t = tar(gnuLongName(long), file('truncated-name', SENTENCE, { gnu: true }), file('short.txt', SECOND));
    expect(await all(readTar(chunked(t, 333)))).toEqual([
      { name: long, text: SENTENCE },
      { name: 'short.txt', text: SECOND },
    ]);
  });

  it('applies a pax path (type x) to the next entry and skips global headers (type g)', async () => {
    const long = `المجلة/${'رياضة-'.repeat(40)}.txt`;
    const t = tar(
      pax('g', [['comment', '0123456789abcdef']]),
      pax('x', [
        ['mtime', '1700000000.5'],
        ['path', long],
      ]),
      file('ignored-name', SENTENCE),
      file('next.txt', SECOND),
    );
    expect(await all(readTar(chunked(t, 512)))).toEqual([
      { name: long, text: SENTENCE },
      { name: 'next.txt', text: SECOND },
    ]);
  });

  it('uses a pax size over the header size', async () => {
    const data = Buffer.from(SENTENCE, 'utf8');
    const t = tar(pax('x', [['size', String(data.length)]]), withData(header('p.txt', 0), data));
    expect(await all(readTar(chunked(t, 512)))).toEqual([{ name: 'p.txt', text: SENTENCE }]);
  });

  it('reads base-256 sizes', async () => {
    const t = tar(file('b.txt', SENTENCE, { base256: true }));
    expect(await all(readTar(chunked(t, 512)))).toEqual([{ name: 'b.txt', text: SENTENCE }]);
  });

  it('stops at the end-of-archive block and tolerates a missing one', async () => {
    const withTrailer = Buffer.concat([tar(file('a.txt', SENTENCE)), Buffer.from('garbage after the end')]);
    expect(await all(readTar(chunked(withTrailer, 512)))).toHaveLength(1);
    const noTrailer = Buffer.concat(file('a.txt', SENTENCE));
    expect(await all(readTar(chunked(noTrailer, 512)))).toHaveLength(1);
  });

  it('filters members without copying them', async () => {
    const t = tar(file('README.md', '# readme'), file('a.txt', SENTENCE), file('LICENSE', 'license'));
    expect(await all(readTar(chunked(t, 700), { filter: (n) => n.endsWith('.txt') }))).toEqual([{ name: 'a.txt', text: SENTENCE }]);
  });

  it('throws TAR_CHECKSUM for a bad header (not a tar, or corrupt)', async () => {
    const t = tar(file('a.txt', SENTENCE, { badChecksum: true }));
    await expect(all(readTar(chunked(t, 512)))).rejects.toMatchObject({ code: 'TAR_CHECKSUM' });
    const text = Buffer.from(SENTENCE.repeat(20), 'utf8');
    await expect(all(readTar(chunked(text, 512)))).rejects.toBeInstanceOf(TarError);
  });

  it('throws TAR_TRUNCATED when the input ends inside a member or a header', async () => {
    const t = tar(file('a.txt', Buffer.alloc(2000, 0x62)));
    await expect(all(readTar(chunked(t.subarray(0, 1200), 512)))).rejects.toMatchObject({ code: 'TAR_TRUNCATED' });
    await expect(all(readTar(chunked(t.subarray(0, 300), 512)))).rejects.toMatchObject({ code: 'TAR_TRUNCATED' });
  });

  it('destroys the source stream when the caller breaks early', async () => {
    const t = tar(file('a.txt', SENTENCE), file('b.txt', SECOND), file('c.txt', SENTENCE));
    const stream = Readable.from(chunked(t, 512));
    for await (const e of readTar(stream)) {
      expect(e.name).toBe('a.txt');
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});

describe('readTarGz', () => {
  it('streams a gzipped tar from disk', async () => {
    const path = join(tmp, 'news.tar.gz');
    writeFileSync(path, gzipSync(tar(dir('d/'), file('d/١.txt', SENTENCE), file('d/٢.txt', SECOND))));
    expect(await all(readTarGz(path))).toEqual([
      { name: 'd/١.txt', text: SENTENCE },
      { name: 'd/٢.txt', text: SECOND },
    ]);
  });

  it('rejects a truncated gzip', async () => {
    const path = join(tmp, 'cut.tar.gz');
    const gz = gzipSync(tar(file('a.txt', Buffer.from(SENTENCE.repeat(500)))));
    writeFileSync(path, gz.subarray(0, gz.length >> 1));
    await expect(all(readTarGz(path))).rejects.toThrow();
  });

  it('rejects a missing file', async () => {
    await expect(all(readTarGz(join(tmp, 'no-such.tar.gz')))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readFiles', () => {
  it('reads a folder recursively in sorted order, with file paths as origins', async () => {
    const root = join(tmp, 'tree');
    mkdirSync(join(root, 'ب'), { recursive: true });
    mkdirSync(join(root, 'أ'), { recursive: true });
    writeFileSync(join(root, 'ب', '2.txt'), SECOND);
    writeFileSync(join(root, 'أ', '1.txt'), SENTENCE);
    writeFileSync(join(root, 'notes.md'), 'x');
    const got: { name: string; origin: string }[] = [];
    for await (const f of readFiles(root, { filter: (n) => n.endsWith('.txt') })) got.push({ name: f.name, origin: f.origin });
    expect(got).toEqual([
      { name: 'أ/1.txt', origin: join(root, 'أ', '1.txt') },
      { name: 'ب/2.txt', origin: join(root, 'ب', '2.txt') },
    ]);
  });

  it('reads .tar.gz and plain .tar archives, with archive!member origins', async () => {
    const t = tar(file('x/1.txt', SENTENCE));
    const gz = join(tmp, 'one.tgz');
    const plain = join(tmp, 'one.tar');
    writeFileSync(gz, gzipSync(t));
    writeFileSync(plain, t);
    for (const path of [gz, plain]) {
      const got: { name: string; origin: string; text: string }[] = [];
      for await (const f of readFiles(path)) got.push({ name: f.name, origin: f.origin, text: f.data.toString('utf8') });
      expect(got).toEqual([{ name: 'x/1.txt', origin: `${path}!x/1.txt`, text: SENTENCE }]);
    }
  });
});
