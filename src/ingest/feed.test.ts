import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeed } from './feed.js';
import { fetchBytes } from './fetch.js';
import { newStats, type ReadResult } from './result.js';

const root = mkdtempSync(join(tmpdir(), 'isnad-feed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>أخبار الوادي</title>
  <link>https://wadi.example/</link>
  <description>آخر الأخبار</description>
  <item>
    <title>الحكومة تقر موازنة العام الجديد</title>
    <link>https://wadi.example/news/101</link>
    <guid isPermaLink="false">wadi-101</guid>
    <pubDate>الثلاثاء، 5 مارس 2024</pubDate>
    <dc:creator>سلمى حسن</dc:creator>
    <category>اقتصاد</category>
    <description>ملخص قصير</description>
    <content:encoded><![CDATA[<p>أقر مجلس الوزراء اليوم موازنة العام الجديد.</p><figure><img src="x.jpg"><figcaption>رئيس الوزراء خلال الجلسة</figcaption></figure><p>وقال وزير المالية إن العجز سينخفض.</p>]]></content:encoded>
  </item>
  <item>
    <title>ارتفاع درجات الحرارة</title>
    <link>https://wadi.example/news/102</link>
    <pubDate>Tue, 05 Mar 2024 10:30:00 +0200</pubDate>
    <description>&lt;p&gt;توقعت الأرصاد ارتفاع درجات الحرارة غدا.&lt;/p&gt;</description>
  </item>
  <item>
    <title>خبر بتوقيت عربي</title>
    <link>https://wadi.example/news/103</link>
    <pubDate>5 مارس 2024 - 10:30 ص</pubDate>
    <description>نص الخبر الثالث.</description>
  </item>
  <item>
    <title>خبر بالتقويم الشامي</title>
    <pubDate>12 كانون الثاني 2024</pubDate>
    <description>نص الخبر الرابع.</description>
  </item>
  <item><title>عنوان بلا نص</title><link>https://wadi.example/news/105</link></item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>مدونة الشرق</title>
  <id>urn:uuid:feed-1</id>
  <updated>2024-03-06T09:00:00Z</updated>
  <entry>
    <title>تحليل: ماذا بعد القمة؟</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://sharq.example/2024/03/summit"/>
    <published>2024-03-06T08:00:00+03:00</published>
    <updated>2024-03-06T09:00:00+03:00</updated>
    <author><name>كريم يوسف</name></author>
    <content type="html">&lt;p&gt;انتهت القمة أمس.&lt;/p&gt;&lt;p&gt;ويرى محللون أن النتائج محدودة.&lt;/p&gt;</content>
  </entry>
</feed>`;

/** Unescaped ampersand, an unclosed tag in the description, a missing </channel>: feedparser still reads it. */
const MALFORMED = `<rss version="2.0"><channel><title>موقع & أخبار</title>
<item><title>خبر أول</title><link>https://m.example/1</link><description>نص <b>الخبر الأول</description></item>
<item><title>خبر ثان</title><link>https://m.example/2</link><description>نص الخبر الثاني</description></item>
</rss>`;

function cp1256(text: string): Buffer {
  const d = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => table.get(c) ?? 0x3f));
}

describe('readFeed (files)', () => {
  it('reads RSS 2.0: guid or link as id, content:encoded as paragraph lines, Arabic dates by our fallback', async () => {
    const p = join(root, 'wadi.xml');
    writeFileSync(p, RSS);
    const stats = newStats();
    const rs = await collect(readFeed(p, { stats }));
    expect(rs.every((r) => r.ok)).toBe(true);
    const recs = rs.map((r) => (r.ok ? r.record : undefined)!);
    expect(recs.map((r) => r.id)).toEqual(['wadi-101', 'https://wadi.example/news/102', 'https://wadi.example/news/103', 'wadi-4']);
    expect(recs[0]).toEqual({
      id: 'wadi-101',
      text: 'أقر مجلس الوزراء اليوم موازنة العام الجديد.\nرئيس الوزراء خلال الجلسة\nوقال وزير المالية إن العجز سينخفض.',
      meta: {
        format: 'rss',
        origin: `${p}#1`,
        encoding: 'utf-8',
        outlet: 'أخبار الوادي',
        url: 'https://wadi.example/news/101',
        title: 'الحكومة تقر موازنة العام الجديد',
        date: '2024-03-05',
        author: 'سلمى حسن',
        category: 'اقتصاد',
      },
    });
    expect(recs[1]!.text).toBe('توقعت الأرصاد ارتفاع درجات الحرارة غدا.');
    expect(recs.map((r) => r.meta.date)).toEqual(['2024-03-05', '2024-03-05T10:30:00+02:00', '2024-03-05T10:30', '2024-01-12']);
    expect(stats).toMatchObject({ records: 4, failed: 0, skippedBy: { empty: 1 } });
  });

  it('reads Atom: entry id, content, author name, published date with its zone', async () => {
    const p = join(root, 'sharq.atom');
    writeFileSync(p, ATOM);
    const rs = await collect(readFeed(p));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({
      ok: true,
      record: {
        id: 'urn:uuid:entry-1',
        text: 'انتهت القمة أمس.\nويرى محللون أن النتائج محدودة.',
        meta: { format: 'atom', outlet: 'مدونة الشرق', url: 'https://sharq.example/2024/03/summit', author: 'كريم يوسف', date: '2024-03-06T08:00:00+03:00', title: 'تحليل: ماذا بعد القمة؟' },
      },
    });
  });

  it('reads a malformed feed that feedparser recovers from', async () => {
    const p = join(root, 'broken.rss');
    writeFileSync(p, MALFORMED);
    const rs = await collect(readFeed(p));
    expect(rs.map((r) => r.ok && r.record.meta.title)).toEqual(['خبر أول', 'خبر ثان']);
    expect(rs.map((r) => r.ok && r.record.text)).toEqual(['نص', 'نص الخبر الثاني']);
  });

  it('decodes a Windows-1256 feed by its XML prolog', async () => {
    const p = join(root, 'legacy.xml');
    writeFileSync(p, cp1256(RSS.replace('encoding="utf-8"', 'encoding="windows-1256"')));
    const rs = await collect(readFeed(p, { limit: 1 }));
    expect(rs[0]).toMatchObject({ ok: true, record: { meta: { encoding: 'windows-1256', title: 'الحكومة تقر موازنة العام الجديد' } } });
  });

  it('a document that is not a feed is one ISNAD_INGEST_BAD_FEED failure', async () => {
    const p = join(root, 'page.xml');
    writeFileSync(p, '<html><body><p>ليست خلاصة</p></body></html>');
    const rs = await collect(readFeed(p));
    expect(rs).toEqual([{ ok: false, origin: p, code: 'ISNAD_INGEST_BAD_FEED', reason: 'not an RSS, Atom or RDF feed (Not a feed)' }]);
  });

  it('a missing file throws ISNAD_INGEST_NOT_FOUND', async () => {
    await expect(collect(readFeed(join(root, 'none.xml')))).rejects.toThrow(/ISNAD_INGEST_NOT_FOUND/);
  });
});

describe('readFeed (URLs, on a local server)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/rss') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1256' });
        res.end(cp1256(RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"')));
      } else if (req.url === '/slow') {
        setTimeout(() => {
          if (!res.writableEnded) res.end(RSS);
        }, 2000);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a feed, its charset from the HTTP header before the XML prolog', async () => {
    const rs = await collect(readFeed(`${base}/rss`));
    expect(rs).toHaveLength(4);
    expect(rs[0]).toMatchObject({ ok: true, record: { id: 'wadi-101', meta: { encoding: 'windows-1256', origin: `${base}/rss#1`, outlet: 'أخبار الوادي' } } });
  });

  it('an HTTP error throws ISNAD_INGEST_FETCH naming the URL and status', async () => {
    await expect(collect(readFeed(`${base}/missing`))).rejects.toThrow(`ISNAD_INGEST_FETCH: cannot fetch ${base}/missing: HTTP 404 Not Found`);
  });

  it('a time-out throws ISNAD_INGEST_FETCH', async () => {
    await expect(collect(readFeed(`${base}/slow`, { timeoutMs: 200 }))).rejects.toThrow(/ISNAD_INGEST_FETCH: .*no answer within 200 ms/);
  });

  it('a refused connection throws ISNAD_INGEST_FETCH', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchBytes(`http://127.0.0.1:${port}/rss`, { timeoutMs: 2000 })).rejects.toThrow(/ISNAD_INGEST_FETCH/);
  });

  it('a body over maxBytes throws ISNAD_INGEST_FETCH', async () => {
    await expect(fetchBytes(`${base}/rss`, { maxBytes: 100 })).rejects.toThrow(/more than the limit of 100/);
  });
});

describe('readFeed: hostile nesting', () => {
  it('an item whose description nests 10,000 elements is read like the others, and no item is lost', async () => {
    const para = 'أعلنت البلدية اليوم افتتاح حديقة عامة جديدة في وسط المدينة.';
    const deep = `${'<div>'.repeat(10_000)}<p>${para}</p>${'</div>'.repeat(10_000)}`;
    const item = (n: number, html: string): string => `<item><title>خبر ${n}</title><link>https://deep.example/${n}</link><description><![CDATA[${html}]]></description></item>`;
    const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>عميق</title>${item(1, `<p>${para}</p>`)}${item(2, deep)}${item(3, `<p>${para}</p>`)}</channel></rss>`;
    const p = join(root, 'deep.xml');
    writeFileSync(p, xml);
    const rs = await collect(readFeed(p));
    expect(rs.map((r) => r.ok && r.record.id)).toEqual(['https://deep.example/1', 'https://deep.example/2', 'https://deep.example/3']);
    expect(rs.every((r) => r.ok && r.record.text.includes(para))).toBe(true);
  });
});
