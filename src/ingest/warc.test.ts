import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { newStats, type ReadResult, type ReadStats } from './result.js';
import { readWarc, warcResults } from './warc.js';

const root = mkdtempSync(join(tmpdir(), 'isnad-warc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cp1256(text: string): Buffer {
  const d = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => table.get(c) ?? 0x3f));
}

const P1 = 'أعلنت وزارة الداخلية اليوم عن خطة جديدة لتنظيم حركة المرور في العاصمة خلال شهر رمضان، تشمل إغلاق عدد من الشوارع الرئيسية.';
const P2 = 'وقال المتحدث باسم الوزارة إن الخطة وضعت بالتنسيق مع المحافظة، داعيا المواطنين إلى استخدام وسائل النقل العام.';

function page(title: string, metaCharset?: string): string {
  const meta = metaCharset ? `<meta charset="${metaCharset}">` : '';
  return `<!DOCTYPE html><html lang="ar"><head>${meta}<title>${title}</title></head><body><nav><a href="/">الرئيسية</a></nav><article><h1>${title}</h1><p>${P1}</p><p>${P2}</p></article></body></html>`;
}

let n = 0;
/** One WARC/1.0 record: headers, a block, and the two CRLFs that end it. */
function warcRecord(type: string, uri: string, block: Buffer, contentType: string, extra = ''): Buffer {
  n++;
  const head =
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-${String(n).padStart(12, '0')}>\r\n` +
    `WARC-Date: 2024-03-05T10:30:00Z\r\n${uri ? `WARC-Target-URI: ${uri}\r\n` : ''}${extra}Content-Type: ${contentType}\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

/** An HTTP response block: status line, headers, body. */
function http(status: string, headers: Record<string, string>, body: Buffer): Buffer {
  const h = Object.entries({ ...headers, 'Content-Length': String(body.length) })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${h}\r\n`, 'latin1'), body]);
}

const response = (uri: string, block: Buffer): Buffer => warcRecord('response', uri, block, 'application/http; msgtype=response');

const RECORDS: Buffer[] = [
  warcRecord('warcinfo', '', Buffer.from('software: isnad-test\r\nformat: WARC File Format 1.0\r\n'), 'application/warc-fields'),
  warcRecord('request', 'https://a.example/utf8', Buffer.from('GET /utf8 HTTP/1.1\r\nHost: a.example\r\n\r\n'), 'application/http; msgtype=request'),
  // UTF-8, declared only in the page
  response('https://a.example/utf8', http('200 OK', { 'Content-Type': 'text/html' }, Buffer.from(page('خطة مرورية جديدة', 'utf-8')))),
  // Windows-1256, declared only in the HTTP header
  response('https://b.example/cp1256-header', http('200 OK', { 'Content-Type': 'text/html; charset=windows-1256' }, cp1256(page('إغلاق شوارع في رمضان')))),
  // Windows-1256, declared only in the page
  response('https://b.example/cp1256-meta', http('200 OK', { 'Content-Type': 'text/html' }, cp1256(page('النقل العام في العاصمة', 'windows-1256')))),
  // gzip Content-Encoding, chunked transfer
  response(
    'https://c.example/gzip',
    (() => {
      const body = gzipSync(Buffer.from(page('صفحة مضغوطة', 'utf-8')));
      const chunked = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
      return Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n', 'latin1'), chunked]);
    })(),
  ),
  response('https://a.example/logo.png', http('200 OK', { 'Content-Type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))),
  response('https://a.example/app.js', http('200 OK', { 'Content-Type': 'application/javascript' }, Buffer.from('var x = 1;'))),
  response('https://a.example/gone', http('404 Not Found', { 'Content-Type': 'text/html' }, Buffer.from('<html><body>غير موجود</body></html>'))),
  response('https://a.example/moved', http('301 Moved Permanently', { Location: 'https://a.example/utf8' }, Buffer.alloc(0))),
  warcRecord('revisit', 'https://a.example/utf8', Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'), 'application/http; msgtype=response', 'WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n'),
  // an empty page: a failure for this record only
  response('https://a.example/empty', http('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from('<html><head><title></title></head><body></body></html>'))),
  // a page captured twice: the id gets -2
  response('https://a.example/utf8', http('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from(page('خطة مرورية جديدة')))),
  // a resource record (no HTTP headers), HTML by its WARC Content-Type
  warcRecord('resource', 'file:///archive/page.html', Buffer.from(page('مورد محلي', 'utf-8')), 'text/html'),
  warcRecord('metadata', 'https://a.example/utf8', Buffer.from('outlinks: https://a.example/x\r\n'), 'application/warc-fields'),
];

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const EXPECTED_IDS = [
  'https://a.example/utf8',
  'https://b.example/cp1256-header',
  'https://b.example/cp1256-meta',
  'https://c.example/gzip',
  'FAIL https://a.example/empty ISNAD_INGEST_NO_CONTENT',
  'https://a.example/utf8-2',
  'file:///archive/page.html',
];

const EXPECTED_SKIPS: ReadStats['skippedBy'] = {
  'warc-warcinfo': 1,
  'warc-request': 1,
  'warc-non-html': 2,
  'warc-status': 2,
  'warc-revisit': 1,
  'warc-metadata': 1,
};

describe.each([
  ['plain', (path: string) => writeFileSync(path, Buffer.concat(RECORDS)), 'crawl.warc'],
  ['gzipped record by record', (path: string) => writeFileSync(path, Buffer.concat(RECORDS.map((r) => gzipSync(r)))), 'crawl.warc.gz'],
])('readWarc (%s)', (_, write, name) => {
  const path = join(root, name);
  write(path);

  it('extracts HTML responses; skips and counts other records', async () => {
    const stats = newStats();
    const rs = await collect(readWarc(path, { stats }));
    expect(rs.map((r) => (r.ok ? r.record.id : `FAIL ${r.origin.slice(path.length + 1)} ${r.code}`))).toEqual(EXPECTED_IDS);
    expect(stats).toEqual({ records: 6, failed: 1, skipped: 8, skippedBy: EXPECTED_SKIPS });
  });

  it('takes the charset from the HTTP header or the meta tag, never assuming UTF-8', async () => {
    const rs = (await collect(readWarc(path))).filter((r) => r.ok).map((r) => (r.ok ? r.record : undefined)!);
    const byId = new Map(rs.map((r) => [r.id, r]));
    expect(byId.get('https://b.example/cp1256-header')!.meta).toMatchObject({ encoding: 'windows-1256', title: 'إغلاق شوارع في رمضان' });
    expect(byId.get('https://b.example/cp1256-meta')!.meta).toMatchObject({ encoding: 'windows-1256', title: 'النقل العام في العاصمة' });
    expect(byId.get('https://b.example/cp1256-meta')!.text.split('\n')).toEqual(['النقل العام في العاصمة', P1, P2]);
    expect(byId.get('https://c.example/gzip')!.text).toContain(P2);
  });

  it('records carry format, origin, URL and crawl date', async () => {
    const [first] = await collect(readWarc(path, { limit: 1 }));
    expect(first).toEqual({
      ok: true,
      record: {
        id: 'https://a.example/utf8',
        text: `خطة مرورية جديدة\n${P1}\n${P2}`,
        meta: {
          format: 'warc-html',
          origin: `${path}!https://a.example/utf8`,
          encoding: 'utf-8',
          url: 'https://a.example/utf8',
          title: 'خطة مرورية جديدة',
          lang: 'ar',
          extractor: 'readability',
          crawled: '2024-03-05T10:30:00Z',
        },
      },
    });
  });
});

describe('readWarc: broken files', () => {
  it('a file that is not a WARC is one ISNAD_INGEST_BAD_WARC failure', async () => {
    const p = join(root, 'not.warc');
    writeFileSync(p, 'this is not a web archive\n');
    const rs = await collect(readWarc(p));
    expect(rs).toEqual([{ ok: false, origin: p, code: 'ISNAD_INGEST_BAD_WARC', reason: 'not a WARC file (no WARC/1.x record header)' }]);
  });

  it('a gzipped WARC cut short keeps the records before the cut and ends with a failure', async () => {
    const gz = Buffer.concat(RECORDS.slice(0, 5).map((r) => gzipSync(r)));
    const p = join(root, 'cut.warc.gz');
    writeFileSync(p, gz.subarray(0, gz.length - 40));
    const rs = await collect(readWarc(p));
    expect(rs.map((r) => (r.ok ? r.record.id : r.code))).toEqual(['https://a.example/utf8', 'https://b.example/cp1256-header', 'ISNAD_INGEST_BAD_WARC']);
    expect(rs[2]).toMatchObject({ origin: p, reason: expect.stringMatching(/^ends inside a record/) });
  });

  it('an uncompressed WARC cut short extracts the last page from what there is, with a warning', async () => {
    const bytes = Buffer.concat(RECORDS.slice(0, 4));
    const p = join(root, 'cut.warc');
    writeFileSync(p, bytes.subarray(0, bytes.length - 60));
    const rs = await collect(readWarc(p));
    expect(rs.map((r) => r.ok && r.record.id)).toEqual(['https://a.example/utf8', 'https://b.example/cp1256-header']);
    expect(rs[0]!.ok && rs[0]!.warnings).toBeUndefined();
    expect(rs[1]!.ok && rs[1]!.warnings![0]).toMatch(/cut short: \d+ of its \d+ bytes are missing/);
  });

  it('a record whose Content-Length runs past the end of the file ends the file with a failure, keeping what came before (it looped forever)', async () => {
    const lying = Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: 99999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>', 'latin1');
    const rs = await collect(warcResults([Buffer.concat([RECORDS[2]!, lying])], 'lying.warc'));
    expect(rs.map((r) => (r.ok ? r.record.id : r.code))).toEqual(['https://a.example/utf8', 'ISNAD_INGEST_TOO_LARGE', 'ISNAD_INGEST_BAD_WARC']);
    expect(rs[2]).toMatchObject({ reason: expect.stringMatching(/^ends inside record 2: \d+ of its 99999999 bytes are missing/) });
    // a skipped record (not HTML) that lies the same way
    const image = Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/a.png\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG', 'latin1');
    const rs2 = await collect(warcResults([Buffer.concat([RECORDS[2]!, image])], 'lying2.warc'));
    expect(rs2.map((r) => (r.ok ? r.record.id : r.code))).toEqual(['https://a.example/utf8', 'ISNAD_INGEST_BAD_WARC']);
  });

  it('warcResults reads from any chunk source', async () => {
    const bytes = Buffer.concat(RECORDS.slice(2, 4));
    const chunks = [bytes.subarray(0, 100), bytes.subarray(100, 2000), bytes.subarray(2000)];
    const rs = await collect(warcResults(chunks, 'mem.warc'));
    expect(rs.map((r) => r.ok && r.record.id)).toEqual(['https://a.example/utf8', 'https://b.example/cp1256-header']);
  });
});
