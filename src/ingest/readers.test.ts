import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from './index.js';
import { formatByName, readSource, sniffFormat } from './readers.js';
import { newStats, type ReadResult } from './result.js';

const root = mkdtempSync(join(tmpdir(), 'isnad-readers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const summary = (rs: ReadResult[]): string[] => rs.map((r) => (r.ok ? `${r.record.meta.format} ${r.record.id}` : `FAIL ${r.code}`));

const P1 = 'أعلن البنك المركزي اليوم رفع سعر الفائدة بمقدار نصف نقطة مئوية، في خطوة تهدف إلى كبح التضخم المتصاعد في البلاد.';
const P2 = 'وقال محافظ البنك في مؤتمر صحفي إن القرار جاء بعد دراسة مستفيضة لمؤشرات الاقتصاد خلال الأشهر الثلاثة الماضية.';
const HTML = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>رفع سعر الفائدة</title></head><body><article><p>${P1}</p><p>${P2}</p></article></body></html>`;
const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>خلاصة</title><item><guid>r1</guid><title>خبر</title><description>${P1}</description></item></channel></rss>`;

/** A minimal ustar archive. */
function tar(files: Record<string, string | Buffer>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function warc(uri: string, html: string): Buffer {
  const body = Buffer.from(html);
  const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-03-05T10:30:00Z\r\nWARC-Target-URI: ${uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
}

describe('formatByName and sniffFormat', () => {
  it('read extensions', () => {
    expect(['a.warc', 'a.warc.gz', 'a.jsonl', 'a.ndjson', 'a.json', 'a.rss', 'a.atom', 'a.xml', 'a.htm', 'a.html', 'a.txt', 'a.tar.gz', 'README', 'a.png'].map(formatByName)).toEqual([
      'warc', 'warc', 'jsonl', 'jsonl', 'json', 'rss', 'rss', 'rss', 'html', 'html', 'text', 'archive', 'sniff', undefined,
    ]);
  });

  it('sniff the first bytes', () => {
    const s = (x: string | Buffer): string => sniffFormat(Buffer.isBuffer(x) ? x : Buffer.from(x));
    expect(s('WARC/1.0\r\n')).toBe('warc');
    expect(s(gzipSync(Buffer.from('WARC/1.1\r\nWARC-Type: warcinfo\r\n')))).toBe('warc');
    expect(s(tar({ 'a.txt': 'x' }))).toBe('archive');
    expect(s(RSS)).toBe('rss');
    expect(s('  <feed xmlns="http://www.w3.org/2005/Atom">')).toBe('rss');
    expect(s('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">')).toBe('rss');
    expect(s(HTML)).toBe('html');
    expect(s('<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">')).toBe('html');
    expect(s('[{"text": "أ"}]')).toBe('json');
    expect(s('{"text": "أ"}\n{"text": "ب"}\n')).toBe('jsonl');
    expect(s('{\n  "articles": []\n}')).toBe('json');
    expect(s('الخبر نص عادي')).toBe('text');
    expect(s(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>', 'utf16le')]))).toBe('html');
  });
});

describe('readSource', () => {
  const dir = join(root, 'mixed');
  mkdirSync(join(dir, 'pages', 'img'), { recursive: true });
  mkdirSync(join(dir, '.cache'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), `${P1}\n${P2}`);
  writeFileSync(join(dir, 'b.jsonl'), `{"id":"j1","text":"${P1}"}\n{"id":"j2","text":"${P2}"}\n`);
  writeFileSync(join(dir, 'c.json'), `{"id":"l1","text":"${P1}"}\n{"id":"l2","text":"${P2}"}\n`); // JSON Lines named .json
  writeFileSync(join(dir, 'd.json'), JSON.stringify({ articles: [{ id: 'arr1', text: P1 }] }));
  writeFileSync(join(dir, 'e.xml'), RSS);
  writeFileSync(join(dir, 'pages', 'f.html'), HTML);
  writeFileSync(join(dir, 'pages', 'img', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, 'pages', 'style.css'), 'p { color: red }');
  writeFileSync(join(dir, 'g.warc.gz'), gzipSync(warc('https://w.example/1', HTML)));
  writeFileSync(join(dir, 'NOTES'), 'ملاحظات بلا امتداد');
  writeFileSync(join(dir, 'h.tar.gz'), gzipSync(tar({ 'in/x.txt': P1, 'in/y.html': HTML, 'in/z.bin': Buffer.from([0, 1, 2]), 'in/.hidden.txt': 'x' })));
  writeFileSync(join(dir, 'i.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
  writeFileSync(join(dir, '.cache', 'x.txt'), 'hidden');

  it('auto: a folder, each file by its own format; other extensions skipped and counted', async () => {
    const stats = newStats();
    const rs = await collect(readSource(dir, { stats }));
    expect(summary(rs)).toEqual([
      'text NOTES',
      'text a',
      'jsonl j1',
      'jsonl j2',
      'jsonl l1',
      'jsonl l2',
      'json arr1',
      'rss r1',
      'warc-html https://w.example/1',
      'text in/x',
      'html in/y',
      'FAIL ISNAD_INGEST_BINARY',
      'html pages/f',
    ]);
    expect(stats).toEqual({ records: 12, failed: 1, skipped: 3, skippedBy: { unsupported: 3 } });
  });

  it('a forced format reads every file of a folder in it', async () => {
    const rs = await collect(readSource(join(dir, 'pages'), { format: 'text' }));
    expect(summary(rs)).toEqual(['text f.html', 'FAIL ISNAD_INGEST_BINARY', 'text style.css']);
  });

  it('auto: single files by extension, else by content', async () => {
    expect(summary(await collect(readSource(join(dir, 'c.json'))))).toEqual(['jsonl l1', 'jsonl l2']);
    expect(summary(await collect(readSource(join(dir, 'e.xml'))))).toEqual(['rss r1']);
    const noExt = join(root, 'page-without-extension');
    writeFileSync(noExt, HTML);
    expect(summary(await collect(readSource(noExt)))).toEqual(['html page-without-extension']);
    const odd = join(root, 'feed.php');
    writeFileSync(odd, RSS);
    expect(summary(await collect(readSource(odd)))).toEqual(['rss r1']);
  });

  it('limit counts records and stops the reading', async () => {
    const rs = await collect(readSource(dir, { limit: 3 }));
    expect(rs.filter((r) => r.ok)).toHaveLength(3);
  });

  it('an unknown format or encoding throws at the call; a missing path on the first next()', async () => {
    expect(() => readSource(dir, { format: 'pdf' as never })).toThrow(/ISNAD_INGEST_UNKNOWN_FORMAT: no reader for format "pdf"; known: auto, text/);
    expect(() => readSource(dir, { encoding: 'klingon' })).toThrow(/ISNAD_INGEST_UNKNOWN_ENCODING/);
    expect(() => readSource('https://x.example/', { format: 'arabic19' })).toThrow(/reads files, not URLs/);
    const gen = readSource(join(root, 'missing'));
    await expect(gen.next()).rejects.toThrow(/ISNAD_INGEST_NOT_FOUND/);
  });

  it('a named corpus format reads that corpus at the path', async () => {
    const folder = join(root, 'egy');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'x.json'), JSON.stringify([{ source: 'Youm7', url: 'https://www.youm7.com/story/2025/4/22/x/6962678', content: P1, title: 'ع' }]));
    const rs = await collect(readSource(folder, { format: 'egyptian' }));
    expect(summary(rs)).toEqual(['egyptian-json egy-youm7-6962678']);
  });

  describe('URLs', () => {
    let server: Server;
    let base = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        const routes: Record<string, [string, string | Buffer]> = {
          '/feed': ['application/rss+xml', RSS],
          '/article': ['text/html; charset=utf-8', HTML],
          '/data.jsonl': ['application/x-ndjson', `{"id":"u1","text":"${P1}"}\n`],
        };
        const route = routes[req.url ?? ''];
        if (!route) {
          res.writeHead(500);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': route[0] });
        res.end(route[1]);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('a feed URL, a page URL (id and url the address), JSON Lines by content', async () => {
      expect(summary(await collect(readSource(`${base}/feed`)))).toEqual(['rss r1']);
      const page = await collect(readSource(`${base}/article`));
      expect(page[0]).toMatchObject({ ok: true, record: { id: `${base}/article`, meta: { format: 'html', url: `${base}/article`, title: 'رفع سعر الفائدة' } } });
      expect(summary(await collect(readSource(`${base}/data.jsonl`)))).toEqual(['jsonl u1']);
    });

    it('a server error throws ISNAD_INGEST_FETCH', async () => {
      await expect(collect(readSource(`${base}/broken`))).rejects.toThrow(/ISNAD_INGEST_FETCH: .*HTTP 500/);
    });
  });
});

describe('the ingest index', () => {
  it('exports this public surface', () => {
    expect(Object.keys(ingest).sort()).toEqual([
      'CORPUS_NAMES',
      'FEED_FORMATS',
      'FILE_FORMATS',
      'HTML_FORMAT',
      'IngestError',
      'JSONL_FORMAT',
      'JSON_FORMAT',
      'SOURCE_FORMATS',
      'TEXT_FORMAT',
      'WARC_FORMAT',
      'binaryReason',
      'charsetFromContentType',
      'charsetName',
      'corpusForPath',
      'corpusPath',
      'dataDir',
      'decodeText',
      'extractArticle',
      'fetchBytes',
      'formatByName',
      'htmlToText',
      'isoDate',
      'jsonRecord',
      'newStats',
      'parseIsoDate',
      'readCorpora',
      'readCorpus',
      'readCorpusAt',
      'readFeed',
      'readHtml',
      'readJson',
      'readJsonLines',
      'readSource',
      'readText',
      'readWarc',
      'sniffCharset',
      'sniffFormat',
      'walkFolder',
    ]);
  });
});

describe('texts that say nothing', () => {
  it('a text of only zero-width, no-break and ordinary spaces or punctuation is skipped as empty, not stored', async () => {
    const p = join(root, 'invisible.jsonl');
    const lines = [
      { id: 'zw', text: '\u200b\u200c\u200d\u2060\ufeff \u00a0\u00a0\n\u200b' },
      { id: 'punct', text: ' ... ، - ؟ ' },
      { id: 'real', text: P1 },
    ];
    writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const stats = newStats();
    const rs = await collect(readSource(p, { stats }));
    expect(summary(rs)).toEqual(['jsonl real']);
    expect(stats.skippedBy).toMatchObject({ empty: 2 });
  });
});

describe('display fields', () => {
  it('titles and authors lose bidi overrides and isolates; the text keeps them', async () => {
    const p = join(root, 'bidi.jsonl');
    writeFileSync(p, JSON.stringify({ id: 'b', title: 'خبر \u202eعاجل\u202c مهم', author: '\u2067كاتب\u2069', text: `${P1} \u202eنص\u202c` }) + '\n');
    const rs = await collect(readSource(p));
    expect(rs[0]!.ok && rs[0]!.record.meta.title).toBe('خبر عاجل مهم');
    expect(rs[0]!.ok && rs[0]!.record.meta.author).toBe('كاتب');
    expect(rs[0]!.ok && rs[0]!.record.text).toContain('\u202eنص\u202c');
  });
});
