import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flattenDeepNesting, MAX_DEPTH, parseDocument } from './dom.js';
import { densityLines, extractArticle, htmlResult, htmlToText, readHtml } from './html.js';
import type { ReadResult } from './result.js';

const P1 = 'قال وزير الصحة في مؤتمر صحفي عقده اليوم في العاصمة إن الوزارة ستفتتح ثلاثة مستشفيات جديدة في محافظات الصعيد خلال الشهر المقبل.';
const P2 = 'وأضاف الوزير أن العمل جار على تجهيز المستشفيات بالمعدات الطبية اللازمة، مشيرا إلى أن الحكومة خصصت ميزانية إضافية لهذا الغرض.';
const P3 = 'من جهته، أكد محافظ أسيوط أن المستشفى الجديد سيخدم أكثر من مليون مواطن في القرى المجاورة، وأنه سيضم قسما للطوارئ.';

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>افتتاح مستشفيات جديدة - أخبار اليوم</title>${head}<meta property="og:site_name" content="أخبار اليوم"></head>
<body><header><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/sport">رياضة</a></nav></header>
${body}
<footer><p>جميع الحقوق محفوظة © أخبار اليوم</p></footer></body></html>`;
}

const ARTICLE = page(
  `<article><h1>افتتاح مستشفيات جديدة</h1>
<p>${P1}</p>
<figure><img src="a.jpg" alt="صورة"><figcaption>وزير الصحة خلال المؤتمر الصحفي (أرشيف)</figcaption></figure>
<p>${P2}</p>
<figure><img src="b.jpg" alt="مبنى المستشفى الجديد في أسيوط"></figure>
<p>${P3}<br>${P1}</p>
<div class="wp-caption"><img src="c.jpg"><p class="wp-caption-text">عمال يجهزون غرفة العمليات</p></div>
<p>${P2} <span class="caption">ليس تعليقا</span> ${P3}</p>
</article>`,
  `<link rel="canonical" href="/health/2024/03/123">
<meta name="author" content="محمد علي"><meta property="article:published_time" content="2024-03-05T10:30:00+02:00">`,
);

describe('extractArticle', () => {
  it('writes the title first, then one block a line, captions on their own lines', () => {
    const a = extractArticle(ARTICLE, { url: 'https://news.example/x?y=1' })!;
    expect(a.method).toBe('readability');
    expect(a.text.split('\n')).toEqual([
      'افتتاح مستشفيات جديدة',
      P1,
      'وزير الصحة خلال المؤتمر الصحفي (أرشيف)',
      P2,
      'مبنى المستشفى الجديد في أسيوط',
      P3,
      P1,
      'عمال يجهزون غرفة العمليات',
      `${P2} ليس تعليقا ${P3}`,
    ]);
  });

  it('puts title (without the site name), byline, date, canonical URL and outlet into meta', () => {
    const a = extractArticle(ARTICLE, { url: 'https://news.example/x?y=1' })!;
    expect(a.meta).toEqual({
      title: 'افتتاح مستشفيات جديدة',
      author: 'محمد علي',
      date: '2024-03-05T10:30:00+02:00',
      url: 'https://news.example/health/2024/03/123',
      outlet: 'أخبار اليوم',
      lang: 'ar',
    });
  });

  it('reads JSON-LD (in @graph too): headline, datePublished, author and publisher names (og:site_name, when there, is the outlet)', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'موقع' },
        { '@type': 'NewsArticle', headline: 'عنوان من البيانات', datePublished: '2023-11-02T08:15:00Z', author: [{ '@type': 'Person', name: 'سارة أحمد' }], publisher: { '@type': 'Organization', name: 'الشروق' } },
      ],
    });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article><p>${P1}</p><p>${P2}</p></article></body></html>`;
    const a = extractArticle(html)!;
    expect(a.meta).toMatchObject({ title: 'عنوان من البيانات', author: 'سارة أحمد', date: '2023-11-02T08:15:00Z', outlet: 'الشروق' });
    expect(a.text.split('\n')[0]).toBe('عنوان من البيانات');
  });

  it('falls back to og:url, <time datetime>, and a date line at the top of the article', () => {
    const a = extractArticle(page(`<article><time datetime="2022-01-09">9 يناير</time><p>${P1}</p><p>${P2}</p></article>`, '<meta property="og:url" content="https://n.example/a/1">'))!;
    expect(a.meta).toMatchObject({ url: 'https://n.example/a/1', date: '2022-01-09' });
    const b = extractArticle(page(`<article><p>الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00</p><p>${P1}</p><p>${P2}</p></article>`))!;
    expect(b.meta.date).toBe('2013-08-28T14:00');
  });

  it('a byline that is a URL (article:author on Facebook) is not an author', () => {
    const a = extractArticle(page(`<article><p>${P1}</p><p>${P2}</p></article>`, '<meta property="article:author" content="https://www.facebook.com/x">'))!;
    expect(a.meta.author).toBeUndefined();
  });

  it('keeps a title whose site name it cannot tell', () => {
    const a = extractArticle(`<html><head><title>افتتاح مستشفيات جديدة - الصعيد</title></head><body><article><p>${P1}</p><p>${P2}</p></article></body></html>`)!;
    expect(a.meta.title).toBe('افتتاح مستشفيات جديدة - الصعيد');
  });

  it('does not repeat a title the article already opens with; includeTitle: false leaves it out', () => {
    const a = extractArticle(page(`<div><h2>افتتاح مستشفيات جديدة</h2><p>${P1}</p><p>${P2}</p></div>`))!;
    expect(a.text.split('\n').filter((l) => l === 'افتتاح مستشفيات جديدة')).toHaveLength(1);
    const b = extractArticle(page(`<article><p>${P1}</p><p>${P2}</p></article>`), { includeTitle: false })!;
    expect(b.text).toBe(`${P1}\n${P2}`);
  });

  it('falls back to the density extractor when Readability finds too little (text a script reveals)', () => {
    const html = page(`<div id="story" style="display:none"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div><p>تحميل…</p>`);
    const a = extractArticle(html)!;
    expect(a.method).toBe('density');
    expect(a.text.split('\n')).toEqual(['افتتاح مستشفيات جديدة', P1, P2, P3]);
  });

  it('a page without text gives undefined', () => {
    expect(extractArticle('<html><head><title></title></head><body><img src="x.png"></body></html>')).toBeUndefined();
  });
});

describe('densityLines', () => {
  it('keeps the paragraphs of the densest element and drops navigation, link lists and footers', () => {
    const doc = parseDocument(
      page(`<div class="layout"><div class="col"><ul><li><a href="/1">خبر آخر عن الطقس اليوم في البلاد</a></li><li><a href="/2">خبر آخر عن الرياضة والمباريات</a></li></ul></div>
<div class="col"><div class="news-body"><p>${P1}</p><p>${P2}</p><ul class="links"><li><a href="/3">اقرأ أيضا: خبر ثالث عن الاقتصاد والأسواق</a></li></ul><p>${P3}</p></div></div></div>`),
    );
    expect(densityLines(doc)).toEqual([P1, P2, P3]);
  });

  it('reads text between <br>s in a table cell (old layouts)', () => {
    const doc = parseDocument(`<html><body><table><tr><td><a href="/">الرئيسية</a></td><td>${P1}<br>${P2}<br><br>${P3}</td></tr></table></body></html>`);
    expect(densityLines(doc)).toEqual([P1, P2, P3]);
  });
});

describe('htmlToText', () => {
  it('writes paragraphs, list items and breaks as lines, and decodes entities', () => {
    expect(htmlToText('<p>الفقرة الأولى &amp; الثانية</p><ul><li>بند</li><li>بند آخر</li></ul>سطر<br/>سطر ثان')).toBe('الفقرة الأولى & الثانية\nبند\nبند آخر\nسطر\nسطر ثان');
  });

  it('leaves plain text as it is, one line per line', () => {
    expect(htmlToText('سطر أول\n\n  سطر ثان  ')).toBe('سطر أول\nسطر ثان');
  });

  it('skips scripts and styles', () => {
    expect(htmlToText('<p>نص</p><script>var x = "لا";</script><style>p{}</style>')).toBe('نص');
  });
});

describe('htmlResult and readHtml', () => {
  const root = mkdtempSync(join(tmpdir(), 'isnad-html-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function cp1256(text: string): Buffer {
    const d = new TextDecoder('windows-1256');
    const table = new Map<string, number>();
    for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
    return Buffer.from([...text].map((c) => table.get(c) ?? 0x3f));
  }

  it('decodes by the page meta charset (windows-1256)', () => {
    const html = page(`<article><p>${P1}</p><p>${P2}</p></article>`).replace('charset="utf-8"', 'charset="windows-1256"');
    const r = htmlResult(cp1256(html), { id: 'p', origin: 'p.html' });
    expect(r).toMatchObject({ ok: true, record: { id: 'p', meta: { format: 'html', encoding: 'windows-1256', title: 'افتتاح مستشفيات جديدة', extractor: 'readability' } } });
    expect(r!.ok && r!.record.text).toContain(P2);
  });

  it('a page with no text is an ISNAD_INGEST_NO_CONTENT failure, binary bytes ISNAD_INGEST_BINARY', () => {
    expect(htmlResult(Buffer.from('<html><body></body></html>'), { id: 'e', origin: 'e.html' })).toMatchObject({ ok: false, code: 'ISNAD_INGEST_NO_CONTENT', origin: 'e.html' });
    expect(htmlResult(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), { id: 'j', origin: 'j.html' })).toMatchObject({ ok: false, code: 'ISNAD_INGEST_BINARY' });
  });

  it('reads a folder of pages, ids from the relative path without the extension', async () => {
    mkdirSync(join(root, 'site', 'eg'), { recursive: true });
    writeFileSync(join(root, 'site', 'eg', 'one.html'), ARTICLE);
    writeFileSync(join(root, 'site', 'two.htm'), page(`<article><p>${P3}</p><p>${P1}</p></article>`));
    const rs: ReadResult[] = [];
    for await (const r of readHtml(join(root, 'site'))) rs.push(r);
    expect(rs.map((r) => r.ok && r.record.id)).toEqual(['eg/one', 'two']);
  });
});

describe('deep nesting', () => {
  it('flattenDeepNesting unwraps what is nested deeper than MAX_DEPTH and keeps every word', () => {
    const html = `<body>${'<div class="x">'.repeat(5000)}<p>نص <b>عريض</b></p><br/><!-- <div> --><script>"<div>"</script>${'</div>'.repeat(5000)}<p>بعد</p></body>`;
    const flat = flattenDeepNesting(html);
    const opens = (flat.match(/<div class="x">/g) ?? []).length;
    expect(opens).toBeLessThanOrEqual(MAX_DEPTH);
    expect(opens).toBeGreaterThan(MAX_DEPTH - 5);
    expect(opens).toBe((flat.match(/<\/div>/g) ?? []).length);
    // past the limit every element is unwrapped, its words kept; comments and scripts pass whole
    expect(flat).toContain('نص عريض<br/><!-- <div> --><script>"<div>"</script>');
    expect(flattenDeepNesting('<div><p>قصير</p></div>')).toBe('<div><p>قصير</p></div>');
  });
  it('a page nested 5,000 levels deep gives its article (it took minutes, or never ended)', () => {
    const para = 'أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في محافظات الصعيد، مؤكدة أنها ستخدم مليون مواطن.';
    const html = `<html><head><title>مستشفيات</title></head><body><article><h1>مستشفيات</h1>${'<div>'.repeat(5000)}<p>${para}</p><p>${para}</p>${'</div>'.repeat(5000)}</article></body></html>`;
    expect(extractArticle(html)?.text).toContain(para);
  });
});
