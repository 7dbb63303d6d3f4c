import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readText, textResult, walkFolder } from './plain.js';
import { newStats, type ReadResult } from './result.js';

const root = mkdtempSync(join(tmpdir(), 'isnad-plain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function encodeCp1256(text: string): Buffer {
  const d = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => table.get(c)!));
}

const T1 = 'الحكومة تعلن خطة جديدة لدعم المزارعين\nقال وزير الزراعة إن الخطة تشمل قروضا ميسرة.';
const T2 = 'ارتفاع أسعار الذهب في الأسواق المحلية';

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('readText', () => {
  const dir = join(root, 'news');
  mkdirSync(join(dir, 'eg', '2024'), { recursive: true });
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, 'eg', '2024', 'a.txt'), T1.replace(/\n/g, '\r\n'));
  writeFileSync(join(dir, 'eg', 'b.txt'), encodeCp1256(T2));
  writeFileSync(join(dir, 'c.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(T2, 'utf16le')]));
  writeFileSync(join(dir, 'd.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(dir, 'empty.txt'), '  \n');
  writeFileSync(join(dir, '.hidden.txt'), T2);
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main');

  it('reads a folder recursively in sorted order, skipping hidden files, one record or failure per file', async () => {
    const stats = newStats();
    const rs = await collect(readText(dir, { stats }));
    expect(rs.map((r) => (r.ok ? r.record.id : `FAIL ${r.code}`))).toEqual(['c', 'FAIL ISNAD_INGEST_BINARY', 'eg/2024/a', 'eg/b']);
    expect(stats).toEqual({ records: 3, failed: 1, skipped: 1, skippedBy: { empty: 1 } });
  });

  it('decodes each file by its own charset and turns CRLF into LF', async () => {
    const rs = await collect(readText(dir));
    const byId = new Map(rs.filter((r) => r.ok).map((r) => [r.record.id, r.record]));
    expect(byId.get('eg/2024/a')).toEqual({ id: 'eg/2024/a', text: T1, meta: { format: 'text', origin: join(dir, 'eg', '2024', 'a.txt'), encoding: 'utf-8' } });
    expect(byId.get('eg/b')!.meta.encoding).toBe('windows-1256');
    expect(byId.get('eg/b')!.text).toBe(T2);
    expect(byId.get('c')!.meta.encoding).toBe('utf-16le');
    expect(byId.get('c')!.text).toBe(T2);
  });

  it('a failure names the file and says why', async () => {
    const rs = await collect(readText(dir));
    expect(rs.find((r) => !r.ok)).toEqual({ ok: false, origin: join(dir, 'd.bin'), code: 'ISNAD_INGEST_BINARY', reason: 'a PNG file, not text' });
  });

  it('reads a single file, its id the file name without .txt', async () => {
    const rs = await collect(readText(join(dir, 'eg', 'b.txt')));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ ok: true, record: { id: 'b', text: T2 } });
  });

  it('includeEmpty yields blank files; limit counts records', async () => {
    const all = await collect(readText(dir, { includeEmpty: true }));
    expect(all.filter((r) => r.ok)).toHaveLength(4);
    const two = await collect(readText(dir, { limit: 2 }));
    expect(two.filter((r) => r.ok)).toHaveLength(2);
  });

  it('a forced encoding applies to every file', async () => {
    const rs = await collect(readText(join(dir, 'eg', 'b.txt'), { encoding: 'utf-8' }));
    expect(rs[0]).toMatchObject({ ok: false, code: 'ISNAD_INGEST_UNDECODABLE' });
  });

  it('files over maxBytes are failures', async () => {
    const rs = await collect(readText(join(dir, 'eg', '2024', 'a.txt'), { maxBytes: 10 }));
    expect(rs[0]).toMatchObject({ ok: false, code: 'ISNAD_INGEST_TOO_LARGE' });
  });

  it('a missing path throws ISNAD_INGEST_NOT_FOUND', async () => {
    await expect(collect(readText(join(root, 'nope')))).rejects.toThrow(/ISNAD_INGEST_NOT_FOUND/);
  });

  it('walkFolder lists regular files only, sorted, without hidden ones', async () => {
    const names: string[] = [];
    for await (const f of walkFolder(dir)) names.push(f.name);
    expect(names).toEqual(['c.txt', 'd.bin', 'eg/2024/a.txt', 'eg/b.txt', 'empty.txt']);
  });
});

describe('textResult', () => {
  it('carries decoding warnings on the result', () => {
    const cut = Buffer.from(T2, 'utf8').subarray(0, -1);
    const r = textResult(cut, 'x', 'x.txt');
    expect(r).toMatchObject({ ok: true, record: { text: T2.slice(0, -1) } });
    expect(r!.ok && r!.warnings![0]).toMatch(/truncated/);
  });
});
