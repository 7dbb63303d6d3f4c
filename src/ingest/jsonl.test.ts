import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { byteLines, jsonRecord, jsonResults, readJson, readJsonLines } from './jsonl.js';
import { newStats, type ReadResult } from './result.js';

const root = mkdtempSync(join(tmpdir(), 'isnad-jsonl-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const A = { id: 'a1', title: 'الرئيس يستقبل وفدا', text: 'استقبل الرئيس اليوم وفدا برلمانيا.', url: 'https://x.example/a1', date: '5 مارس 2024 - 10:30 ص', source: 'الأهرام', author: 'محمد علي', section: 'سياسة', views: 120, breaking: false, tags: ['a'], extra: { x: 1 } };

describe('jsonRecord', () => {
  it('maps the usual fields and keeps other scalars in meta', () => {
    const r = jsonRecord(A, { origin: 'f.jsonl:1', fallbackId: 'f-1', format: 'jsonl' });
    expect(r).toEqual({
      record: {
        id: 'a1',
        text: 'استقبل الرئيس اليوم وفدا برلمانيا.',
        meta: {
          format: 'jsonl',
          origin: 'f.jsonl:1',
          title: 'الرئيس يستقبل وفدا',
          url: 'https://x.example/a1',
          date: '2024-03-05T10:30',
          outlet: 'الأهرام',
          author: 'محمد علي',
          section: 'سياسة',
          views: 120,
          breaking: false,
        },
      },
    });
  });

  it('takes content or body for text, an array of paragraphs joined by newlines, and names of objects', () => {
    const r = jsonRecord({ content: ['فقرة أولى', 'فقرة ثانية'], publisher: { name: 'واس' }, authors: ['أ', 'ب'] }, { origin: 'o', fallbackId: 'f-3', format: 'json' });
    expect(r).toMatchObject({ record: { id: 'f-3', text: 'فقرة أولى\nفقرة ثانية', meta: { outlet: 'واس', author: 'أ، ب' } } });
    expect(jsonRecord({ body: 'نص' }, { origin: 'o', fallbackId: 'x', format: 'json' })).toMatchObject({ record: { text: 'نص' } });
  });

  it('reads back isnad output with a nested meta, never taking format or origin from the data', () => {
    const r = jsonRecord({ id: 7, text: 'نص', meta: { title: 'عنوان', outlet: 'BBC', format: 'evil', origin: 'evil' } }, { origin: 'o', fallbackId: 'x', format: 'jsonl' });
    expect(r).toEqual({ record: { id: '7', text: 'نص', meta: { format: 'jsonl', origin: 'o', title: 'عنوان', outlet: 'BBC' } } });
  });

  it('a blank title is no title, and not kept as an extra field', () => {
    const r = jsonRecord({ text: 'نص', title: ' ', outlet: 'x', source: 'y' }, { origin: 'o', fallbackId: 'x', format: 'json' });
    expect(r).toEqual({ record: { id: 'x', text: 'نص', meta: { format: 'json', origin: 'o', outlet: 'x', source: 'y' } } });
  });

  it('is a failure for non-objects and objects without text', () => {
    expect(jsonRecord([1], { origin: 'o', fallbackId: 'x', format: 'json' })).toMatchObject({ code: 'ISNAD_INGEST_BAD_RECORD', reason: 'an array, not an article object' });
    expect(jsonRecord({ title: 'x' }, { origin: 'o', fallbackId: 'x', format: 'json' })).toMatchObject({ code: 'ISNAD_INGEST_BAD_RECORD', reason: 'no text field (text, content, body)' });
  });
});

describe('readJsonLines', () => {
  const path = join(root, 'news.jsonl');
  writeFileSync(
    path,
    [
      JSON.stringify(A),
      '',
      '{"text": "سطر بلا معرف"}',
      '{"text": "نص مكسور',
      '[1, 2]',
      '{"title": "بلا نص"}',
      '{"id": "a1", "text": "معرف مكرر"}',
      '{"id": "e", "text": "   "}',
      '{"id": "last", "content": "السطر الأخير بلا نهاية سطر"}',
    ].join('\r\n'),
  );

  it('streams records and reports bad lines with line numbers, never stopping', async () => {
    const stats = newStats();
    const rs = await collect(readJsonLines(path, { stats }));
    expect(rs.map((r) => (r.ok ? r.record.id : `${r.origin.slice(root.length + 1)} ${r.code}`))).toEqual([
      'a1',
      'news-3',
      'news.jsonl:4 ISNAD_INGEST_BAD_JSON',
      'news.jsonl:5 ISNAD_INGEST_BAD_RECORD',
      'news.jsonl:6 ISNAD_INGEST_BAD_RECORD',
      'a1-2',
      'last',
    ]);
    expect(stats).toEqual({ records: 4, failed: 3, skipped: 1, skippedBy: { empty: 1 } });
  });

  it('records name their line as origin', async () => {
    const rs = await collect(readJsonLines(path, { limit: 2 }));
    expect(rs.map((r) => r.ok && r.record.meta.origin)).toEqual([`${path}:1`, `${path}:3`]);
  });

  it('reads a UTF-8 BOM on the first line and a UTF-16 file', async () => {
    const p8 = join(root, 'bom.jsonl');
    writeFileSync(p8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"أ"}\n{"text":"ب"}\n')]));
    expect((await collect(readJsonLines(p8))).map((r) => r.ok && r.record.text)).toEqual(['أ', 'ب']);
    const p16 = join(root, 'utf16.jsonl');
    writeFileSync(p16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"text":"أ"}\r\n{"text":"ب"}\r\n', 'utf16le')]));
    expect((await collect(readJsonLines(p16))).map((r) => r.ok && r.record.text)).toEqual(['أ', 'ب']);
  });

  it('a line with bytes that do not decode is a failure for that line only', async () => {
    const p = join(root, 'bad-bytes.jsonl');
    writeFileSync(p, Buffer.concat([Buffer.from('{"text":"أ"}\n'), Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d, 0x0a]), Buffer.from('{"text":"ب"}\n')]));
    const rs = await collect(readJsonLines(p));
    expect(rs.map((r) => (r.ok ? r.record.text : r.code))).toEqual(['أ', 'ISNAD_INGEST_BINARY', 'ب']);
  });
});

describe('byteLines', () => {
  it('splits across chunk boundaries, on LF and CRLF', async () => {
    const chunks = [Buffer.from('ab\r'), Buffer.from('\ncd'), Buffer.from('e\nf'), Buffer.from('g\r\n')];
    const lines: string[] = [];
    for await (const l of byteLines(Readable.from(chunks))) lines.push(l.toString());
    expect(lines).toEqual(['ab', 'cde', 'fg']);
  });

  it('splits a multi-byte character cut between chunks correctly', async () => {
    const bytes = Buffer.from('سلام\nعليكم', 'utf8');
    const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 11), bytes.subarray(11)];
    const lines: string[] = [];
    for await (const l of byteLines(chunks)) lines.push(l.toString('utf8'));
    expect(lines).toEqual(['سلام', 'عليكم']);
  });
});

describe('readJson', () => {
  it('reads an array of articles, positions naming failures', async () => {
    const p = join(root, 'arr.json');
    writeFileSync(p, JSON.stringify([{ text: 'أ' }, 42, { id: 'x', body: 'ب' }]));
    const rs = await collect(readJson(p));
    expect(rs.map((r) => (r.ok ? r.record.id : `${r.origin.slice(root.length + 1)} ${r.code}`))).toEqual(['arr-1', 'arr.json#2 ISNAD_INGEST_BAD_RECORD', 'x']);
  });

  it('finds the array field of an object (articles, items, data, …, or any array of objects)', () => {
    const ids = (v: unknown): string[] => [...jsonResults(Buffer.from(JSON.stringify(v)), 'o.json')].map((r) => (r.ok ? r.record.id : r.code));
    expect(ids({ status: 'ok', articles: [{ id: 'a', text: 'أ' }] })).toEqual(['a']);
    expect(ids({ total: 1, hits: [{ id: 'h', content: 'ه' }] })).toEqual(['h']);
    expect(ids({ id: 'single', text: 'مقال واحد' })).toEqual(['single']);
    expect(ids({ nothing: true })).toEqual(['ISNAD_INGEST_BAD_RECORD']);
    expect(ids('just a string')).toEqual(['ISNAD_INGEST_BAD_RECORD']);
  });

  it('invalid JSON is one failure for the file', async () => {
    const p = join(root, 'broken.json');
    writeFileSync(p, '[{"text": "أ"},');
    const rs = await collect(readJson(p));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ ok: false, origin: p, code: 'ISNAD_INGEST_BAD_JSON' });
  });
});
