import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate, urlArticleNumber, type ReadOptions, type SourceRecord } from '../record.js';
import { parseAntDoc, readAnt } from './ant.js';
import { ARABIC19_CATEGORIES, decodeCp1256, readArabic19 } from './arabic19.js';
import { readEgyptian } from './egyptian.js';
import { CORPUS_NAMES, corpusPath, dataDir, readCorpora, readCorpus, readCorpusAt } from './index.js';
import { readSaudiNewsNet } from './saudinewsnet.js';

// ---------------------------------------------------------------------------------------------
// Fixture builders. All text below is written for these tests.

/** A ustar archive of regular files; names longer than 100 bytes get a pax `path` record. */
function tar(files: [string, Uint8Array | string][]): Buffer {
  const parts: Buffer[] = [];
  const header = (name: string, size: number, type: string): Buffer => {
    const h = Buffer.alloc(512);
    Buffer.from(name, 'utf8').copy(h, 0, 0, 100);
    h.write('0000644\0', 100, 'latin1');
    h.write('0000000\0', 108, 'latin1');
    h.write('0000000\0', 116, 'latin1');
    h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
    h.write('00000000000\0', 136, 'latin1');
    h.write(type, 156, 'latin1');
    h.write('ustar\u000000', 257, 'latin1');
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    return h;
  };
  const push = (h: Buffer, data: Buffer): void => {
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  };
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    if (Buffer.byteLength(name) > 100) {
      const body = ` path=${name}\n`;
      let len = Buffer.byteLength(body) + 2;
      while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
      const rec = Buffer.from(`${len}${body}`, 'utf8');
      push(header('PaxHeader', rec.length, 'x'), rec);
    }
    push(header(name, data.length, '0'), data);
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Windows-1256 encoder built from the decoder's table (the test needs bytes, Node only encodes UTF-8). */
const CP1256 = (() => {
  const dec = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(dec.decode(Uint8Array.of(b)), b);
  return (s: string): Uint8Array =>
    Uint8Array.from(Array.from(s, (c) => {
      const b = map.get(c);
      if (b === undefined) throw new Error(`not in cp1256: ${c}`);
      return b;
    }));
})();

async function collect(it: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'isnad-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

describe('isoDate', () => {
  it.each([
    ['2015-07-21 09:30:12', '2015-07-21T09:30:12'],
    ['2017-01-22T171800', '2017-01-22T17:18:00'],
    ['2017-01-20T21:43:00+01:00', '2017-01-20T21:43:00+01:00'],
    ['2017-01-20T21:43:00+0100', '2017-01-20T21:43:00+01:00'],
    ['2018-03-01', '2018-03-01'],
    ['Sun, 18 Feb 2018 21:35:43 +0400', '2018-02-18T21:35:43+04:00'],
    ['Fri, 29 Jun 2018 17:38:40 GMT', '2018-06-29T17:38:40Z'],
    ['Mon, 5 Mar 2018 08:00:00 -0500', '2018-03-05T08:00:00-05:00'],
    ['5 Mar 18 08:00 EST', '2018-03-05T08:00-05:00'],
    ['01/07/2016', '2016-07-01'],
    ['04:00 م | الثلاثاء 22 أبريل 2025', '2025-04-22T16:00'],
    ['10:15 ص | الأحد 3 أغسطس 2025', '2025-08-03T10:15'],
    ['12:05 ص | ٣ يناير ٢٠٢٤', '2024-01-03T00:05'],
    ['الأربعاء 9 جوان 2016', '2016-06-09'],
  ])('%s → %s', (raw, iso) => {
    expect(isoDate(raw)).toBe(iso);
  });

  it('returns other strings as given, trimmed; blank values and numbers that are no date as undefined', () => {
    expect(isoDate(' منذ ساعتين ')).toBe('منذ ساعتين');
    expect(isoDate('2015-13-40')).toBeUndefined();
    expect(isoDate('32/01/2016')).toBeUndefined();
    expect(isoDate('   ')).toBeUndefined();
    expect(isoDate(undefined)).toBeUndefined();
  });
});

describe('urlArticleNumber', () => {
  it.each([
    ['http://news.example/1066001', '1066001'],
    ['http://news.example/article/4000001/', '4000001'],
    ['http://news.example/details.php?id=1300001', '1300001'],
    ['http://news.example/Politics/Detail.aspx?ArticleID=220001&CategoryID=1', '220001'],
    ['http://news.example/home/article/400001/عنوان-الخبر-2015', '400001'],
    ['http://news.example/node/600001/عنوان-فيه-رقم-12345.html?weekly', '600001'],
    ['http://news.example/2015/07/20/article_900001.html', '900001'],
    ['http://news.example/new/Issues/20150720/Con20150720700001.htm', '20150720700001'],
    ['https://news.example/story/2025/4/22/عنوان/6900001#top', '6900001'],
  ])('%s → %s', (url, n) => {
    expect(urlArticleNumber(url)).toBe(n);
  });

  it.each([
    'http://news.example/2015/20150721/fe1.htm',
    'http://news.example/PHGKif',
    'http://news.example/news/a/عنوان-الخبر/',
    'http://news.example/archive/2015',
    'http://news.example',
  ])('%s → undefined', (url) => {
    expect(urlArticleNumber(url)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

const snnArticle = (o: Partial<Record<'source' | 'url' | 'date_extracted' | 'title' | 'author' | 'content', string>>) => ({
  source: 'alsahifa',
  url: 'http://sahifa.example/1000001',
  date_extracted: '2015-07-21 10:00:00',
  title: 'عنوان الخبر',
  author: '',
  content: 'نص الخبر.',
  ...o,
});

describe('readSaudiNewsNet', () => {
  const dir = join(tmp, 'snn');
  mkdirSync(dir);
  const day1 = [
    snnArticle({ url: 'http://sahifa.example/1000001', content: 'أعلنت الهيئة العامة للإحصاء أرقام التضخم.\nوارتفعت الأسعار.', author: 'الرياض - واس', title: ' تقرير التضخم ' }),
    snnArticle({ source: 'majalla', url: 'http://majalla.example/2015/20150721/ec1.htm', content: 'قال وزير المالية إن الميزانية متوازنة.' }),
    snnArticle({ url: 'http://sahifa.example/1000002', content: '  \n ' }), // empty body
  ];
  const day2 = [
    snnArticle({ url: 'http://sahifa.example/1000001?weekly', content: 'أعلنت الهيئة العامة للإحصاء أرقام التضخم.\nوارتفعت الأسعار.', date_extracted: '2015-07-22 08:15:00' }),
    snnArticle({ source: 'majalla', url: 'http://majalla.example/2015/20150722/ec1.htm', content: 'وأضاف أن العجز سينخفض.' }),
  ];
  writeFileSync(join(dir, '2015-07-22.zip'), zipSync({ '2015-07-22.json': strToU8(JSON.stringify(day2)) }));
  writeFileSync(join(dir, '2015-07-21.zip'), zipSync({ '2015-07-21.json': strToU8(`\uFEFF${JSON.stringify(day1)}`), 'notes.txt': strToU8('x') }));
  writeFileSync(join(dir, 'README.md'), '# not a zip');

  it('reads the zips in date order, with ids, outlets, ISO dates and origins', async () => {
    const rs = await collect(readSaudiNewsNet(dir));
    expect(rs.map((r) => r.id)).toEqual([
      'snn-alsahifa-1000001',
      expect.stringMatching(/^snn-majalla-[0-9a-f]{12}$/),
      'snn-alsahifa-1000001-2', // the same article crawled again under ?weekly
      expect.stringMatching(/^snn-majalla-[0-9a-f]{12}$/),
    ]);
    expect(rs[1]!.id).not.toBe(rs[3]!.id);
    expect(rs[0]).toEqual({
      id: 'snn-alsahifa-1000001',
      text: 'أعلنت الهيئة العامة للإحصاء أرقام التضخم.\nوارتفعت الأسعار.',
      meta: {
        format: 'saudinewsnet-json',
        origin: `${join(dir, '2015-07-21.zip')}!2015-07-21.json`,
        outlet: 'alsahifa',
        url: 'http://sahifa.example/1000001',
        title: 'تقرير التضخم',
        date: '2015-07-21T10:00:00',
        author: 'الرياض - واس',
      },
    });
    expect(rs[1]!.meta.author).toBeUndefined();
  });

  it('skips empty bodies unless includeEmpty, without changing the other ids', async () => {
    const rs = await collect(readSaudiNewsNet(dir, { includeEmpty: true }));
    expect(rs).toHaveLength(5);
    expect(rs[2]!.id).toBe('snn-alsahifa-1000002');
    expect(rs[3]!.id).toBe('snn-alsahifa-1000001-2');
  });

  it('honours limit', async () => {
    expect(await collect(readSaudiNewsNet(dir, { limit: 2 }))).toHaveLength(2);
    expect(await collect(readSaudiNewsNet(dir, { limit: 0 }))).toHaveLength(0);
  });

  it('reads one zip or one extracted JSON file', async () => {
    expect(await collect(readSaudiNewsNet(join(dir, '2015-07-22.zip')))).toHaveLength(2);
    const json = join(tmp, 'snn-day.json');
    writeFileSync(json, JSON.stringify(day1));
    const rs = await collect(readSaudiNewsNet(json));
    expect(rs.map((r) => r.meta.origin)).toEqual([json, json]);
  });

  it('throws BAD_JSON naming the member', async () => {
    const bad = join(tmp, 'bad.zip');
    writeFileSync(bad, zipSync({ 'x.json': strToU8('[{"source": ') }));
    await expect(collect(readSaudiNewsNet(bad))).rejects.toMatchObject({ code: 'BAD_JSON', message: expect.stringContaining('x.json') });
    writeFileSync(bad, zipSync({ 'x.json': strToU8('{"source": "a"}') }));
    await expect(collect(readSaudiNewsNet(bad))).rejects.toMatchObject({ code: 'BAD_JSON' });
  });
});

// ---------------------------------------------------------------------------------------------

const antDoc = (parts: { docno?: string; src?: string; cat?: string; time?: string; author?: string | null; text: string; extra?: string }) =>
  [
    '<DOC>',
    parts.docno === undefined ? null : `<DOCNO>${parts.docno}</DOCNO>`,
    '<URL>http://news.example/ar/2018/03/01/خبر.html</URL>',
    parts.src === undefined ? null : `<SRC>${parts.src}</SRC>`,
    parts.cat === undefined ? null : `<CAT>${parts.cat}</CAT>`,
    '<TITLE>الحكومة تعلن خطة جديدة</TITLE>',
    `<TIME>${parts.time ?? 'Thu, 01 Mar 2018 10:20:30 +0400'}</TIME>`,
    parts.author === null ? null : `<AUTHOR>${parts.author ?? ''}</AUTHOR>`,
    '<ABSTRACT>',
    'أعلنت الحكومة خطة جديدة.',
    '</ABSTRACT>',
    parts.extra ?? null,
    `<TEXT>\n${parts.text}\n</TEXT>`,
    '</DOC>',
    '',
  ]
    .filter((l) => l !== null)
    .join('\n');

describe('parseAntDoc', () => {
  it('reads every field and keeps the body between the wrapper newlines', () => {
    const body = '\nأعلنت الحكومة خطة جديدة للنقل.\nوقال الوزير إن التنفيذ يبدأ الشهر المقبل.\n';
    const d = parseAntDoc(antDoc({ docno: 'XX-economy-1-20180301', src: 'news', cat: 'economy', author: 'القاهرة - مراسلنا', text: body }));
    expect(d).toEqual({
      docno: 'XX-economy-1-20180301',
      url: 'http://news.example/ar/2018/03/01/خبر.html',
      src: 'news',
      cat: 'economy',
      title: 'الحكومة تعلن خطة جديدة',
      time: 'Thu, 01 Mar 2018 10:20:30 +0400',
      author: 'القاهرة - مراسلنا',
      abstract: 'أعلنت الحكومة خطة جديدة.',
      text: body, // only the newline after <TEXT> and the one before </TEXT> are dropped
    });
  });

  it('tolerates missing tags, unclosed header tags, stray < and &, and tags inside the body', () => {
    const s = [
      '<DOC>',
      '<DOCNO>7</DOCNO>',
      '<URL>http://news.example/ar/article/عنوان-بلا-إغلاق',
      '<TITLE>سعر الدولار < 16 جنيها & الذهب يرتفع</TITLE>',
      '<TIME>01/07/2016</TIME>',
      '<TEXT>',
      'قال الخبير إن 3 < 5 & أن <TITLE>ليس عنوانا</TITLE> هنا.',
      '</TEXT>',
      '</DOC>',
    ].join('\n');
    expect(parseAntDoc(s)).toEqual({
      docno: '7',
      url: 'http://news.example/ar/article/عنوان-بلا-إغلاق',
      title: 'سعر الدولار < 16 جنيها & الذهب يرتفع',
      time: '01/07/2016',
      text: 'قال الخبير إن 3 < 5 & أن <TITLE>ليس عنوانا</TITLE> هنا.',
    });
  });

  it('reads a body without </TEXT> up to </DOC> or the end, and CRLF wrappers', () => {
    expect(parseAntDoc('<DOC>\n<DOCNO>a</DOCNO>\n<TEXT>\nسطر أول\nسطر ثان\n</DOC>\n')!.text).toBe('سطر أول\nسطر ثان');
    expect(parseAntDoc('<DOCNO>a</DOCNO>\n<TEXT>\nسطر بلا نهاية')!.text).toBe('سطر بلا نهاية');
    expect(parseAntDoc('<DOC>\r\n<DOCNO>a</DOCNO>\r\n<TEXT>\r\nسطر\r\n</TEXT>\r\n</DOC>')).toEqual({ docno: 'a', text: 'سطر' });
  });

  it('returns undefined for a file that is not a document, and empty text for a document without <TEXT>', () => {
    expect(parseAntDoc('ANT corpus: how to cite this work.')).toBeUndefined();
    expect(parseAntDoc('<DOC>\n<DOCNO>b</DOCNO>\n</DOC>')).toEqual({ docno: 'b', text: '' });
  });
});

describe('readAnt', () => {
  const files: [string, string][] = [
    ['ant/README.md', '# ANT'],
    ['ant/LICENSE', 'license'],
    ['ant/notes.txt', 'a .txt file that is not a document'],
    ['ant/News/economy/NE-economy-1-20180301.txt', antDoc({ docno: 'NE-economy-1-20180301', src: 'news', cat: 'economy', author: 'مراسلنا', text: 'ارتفعت أسعار النفط اليوم.' })],
    // Jawhara-like: ISO time, no AUTHOR tag, no SRC or CAT (outlet from the JA prefix, category from the folder).
    ['ant/politic/JA-politic-2-20170201.txt', antDoc({ docno: 'JA-politic-2-20170201', author: null, time: '2017-02-01T23:08:00+01:00', text: 'قال رئيس الحزب إن الانتخابات ستجرى في موعدها.' })],
    // No DOCNO: the file name is the id; day-first date.
    ['ant/culture/JA-culture-3-20160701.txt', antDoc({ src: 'Jawhara FM', cat: 'culture', time: '01/07/2016', text: 'افتتح المهرجان بحضور جمهور كبير.' })],
    // Empty body.
    ['ant/sport/JA-sport-4-20170112.txt', antDoc({ docno: 'JA-sport-4-20170112', src: 'Jawhara FM', cat: 'sport', text: '' })],
    // A long path: the writer adds a pax header.
    [`ant/${'مجلد-طويل-'.repeat(8)}/XX-culture-5-20180301.txt`, antDoc({ docno: 'XX-culture-5-20180301', src: 'news', cat: 'culture', text: 'نص في مسار طويل.' })],
  ];
  const archive = join(tmp, 'ant.tar.gz');
  writeFileSync(archive, gzipSync(tar(files)));
  const folder = join(tmp, 'ant-extracted');
  for (const [name, text] of files) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }

  it('reads documents from a tar.gz, skipping README, LICENSE, non-documents and empty bodies', async () => {
    const rs = await collect(readAnt(archive));
    expect(rs.map((r) => r.id)).toEqual(['NE-economy-1-20180301', 'JA-politic-2-20170201', 'JA-culture-3-20160701', 'XX-culture-5-20180301']);
    expect(rs[0]).toEqual({
      id: 'NE-economy-1-20180301',
      text: 'ارتفعت أسعار النفط اليوم.',
      meta: {
        format: 'ant-trec',
        origin: `${archive}!ant/News/economy/NE-economy-1-20180301.txt`,
        outlet: 'news',
        url: 'http://news.example/ar/2018/03/01/خبر.html',
        title: 'الحكومة تعلن خطة جديدة',
        date: '2018-03-01T10:20:30+04:00',
        author: 'مراسلنا',
        category: 'economy',
      },
    });
    expect(rs[1]!.meta).toMatchObject({ outlet: 'Jawhara FM', category: 'politic', date: '2017-02-01T23:08:00+01:00' });
    expect(rs[1]!.meta.author).toBeUndefined();
    expect(rs[2]!.meta.date).toBe('2016-07-01');
  });

  it('yields empty bodies with includeEmpty', async () => {
    const rs = await collect(readAnt(archive, { includeEmpty: true }));
    expect(rs.map((r) => r.id)).toContain('JA-sport-4-20170112');
    expect(rs).toHaveLength(5);
  });

  it('reads an extracted folder the same way', async () => {
    const fromDir = await collect(readAnt(folder));
    const fromTar = await collect(readAnt(archive));
    expect(fromDir.map(({ id, text }) => ({ id, text })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      fromTar.map(({ id, text }) => ({ id, text })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(fromDir[0]!.meta.origin.startsWith(folder)).toBe(true);
  });

  it('stops at limit', async () => {
    expect((await collect(readAnt(archive, { limit: 1 }))).map((r) => r.id)).toEqual(['NE-economy-1-20180301']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('readArabic19', () => {
  const eco = 'قال محافظ البنك المركزي إن معدل النمو بلغ 4 في المئة،\r\nوتوقع أن يستمر التحسن العام المقبل.\r\n';
  const sport = 'فاز المنتخب على ضيفه بهدفين مقابل هدف.\r\n\r\nوسجل اللاعب هدف الفوز في الدقيقة الأخيرة\r\n';
  const root = 'corpus19/Arabic Newspapers Corpus';
  const files: [string, Uint8Array | string][] = [
    [`${root}/اقتصاديه/EGE12.txt`, CP1256(eco)],
    [`${root}/رياضية/TMP3.txt`, CP1256(sport)],
    [`${root}/علمية وتقنية/readme.md`, 'x'],
  ];
  const archive = join(tmp, 'a19.tar.gz');
  writeFileSync(archive, gzipSync(tar(files)));

  it('decodes Windows-1256, turns CRLF into LF, and takes id, country and category from the path', async () => {
    const rs = await collect(readArabic19(archive));
    expect(rs).toEqual([
      {
        id: 'EGE12',
        text: eco.replaceAll('\r\n', '\n'),
        meta: { format: 'arabic19-cp1256', origin: `${archive}!${root}/اقتصاديه/EGE12.txt`, country: 'EG', category: 'اقتصاديه' },
      },
      {
        id: 'TMP3',
        text: sport.replaceAll('\r\n', '\n'),
        meta: { format: 'arabic19-cp1256', origin: `${archive}!${root}/رياضية/TMP3.txt`, country: 'TM', category: 'رياضية' },
      },
    ]);
    expect(rs.every((r) => !r.text.includes('\uFFFD') && !r.text.includes('\r'))).toBe(true);
    expect(ARABIC19_CATEGORIES[rs[0]!.meta.category!]).toBe('economy');
  });

  it('decodes the bytes where cp1256 differs from ISO-8859-6 and Latin-1', () => {
    // Persian letters گ پ ژ چ ک, alef maksura and yeh, ZWNJ, tatweel, the Arabic comma, semicolon
    // and question mark, guillemets; a lone CR is kept.
    const s = 'گپژچک ى ي\u200cه، ؛ ؟ «نص» ـ\r\nسطر\rمنفرد';
    expect(decodeCp1256(CP1256(s))).toBe('گپژچک ى ي\u200cه، ؛ ؟ «نص» ـ\nسطر\rمنفرد');
  });
});

// ---------------------------------------------------------------------------------------------

describe('readEgyptian', () => {
  const items = [
    { cluster: 'c1', title: 'الوزير يتفقد المشروع', date: 'No date found', content: 'تفقد الوزير اليوم أعمال المشروع.', url: 'https://site-a.example/story/2025/4/22/عنوان/7000001', source: 'Site A', scrape_date: '2025-04-22 16:00:00' },
    { cluster: 'c1', title: 'الوزير يتابع المشروع', date: '04:10 م | الثلاثاء 22 أبريل 2025', content: 'تابع الوزير أعمال المشروع.\n©\r\n جميع الحقوق محفوظة', url: 'https://site-b.example/news/details/8000001', source: 'Site B News' },
    { cluster: 'c2', title: 'بلا رابط', date: '', content: 'خبر ثالث.', source: 'Site A' },
  ];
  const path = join(tmp, 'egyptian.json');
  writeFileSync(path, JSON.stringify(items, null, 2));

  it('reads ids from URLs, Arabic dates, clusters, and keeps the content as given', async () => {
    const rs = await collect(readEgyptian(path));
    expect(rs.map((r) => r.id)).toEqual(['egy-sitea-7000001', 'egy-sitebnews-8000001', expect.stringMatching(/^egy-sitea-[0-9a-f]{12}$/)]);
    expect(rs[0]!.meta.date).toBeUndefined();
    expect(rs[1]!.meta).toEqual({
      format: 'egyptian-json',
      origin: path,
      outlet: 'Site B News',
      url: 'https://site-b.example/news/details/8000001',
      title: 'الوزير يتابع المشروع',
      date: '2025-04-22T16:10',
      cluster: 'c1',
    });
    expect(rs[1]!.text).toBe(items[1]!.content);
  });
});

// ---------------------------------------------------------------------------------------------

describe('corpus index', () => {
  const data = join(tmp, 'shared');
  const saved = process.env.ISNAD_DATA;
  beforeEach(() => {
    process.env.ISNAD_DATA = data;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ISNAD_DATA;
    else process.env.ISNAD_DATA = saved;
  });

  const c = join(data, 'corpus');
  mkdirSync(join(c, 'saudinewsnet'), { recursive: true });
  writeFileSync(
    join(c, 'saudinewsnet', '2015-07-21.zip'),
    zipSync({ 'd.json': strToU8(JSON.stringify([1, 2, 3].map((i) => snnArticle({ url: `http://sahifa.example/${i}000001`, content: `الخبر رقم ${i}.` })))) }),
  );
  mkdirSync(join(c, 'ant-jawharafm'), { recursive: true });
  writeFileSync(
    join(c, 'ant-jawharafm', 'ant-jawharafm-v1.1.tar.gz'),
    gzipSync(tar([1, 2].map((i) => [`j/JA-x-${i}.txt`, antDoc({ docno: `JA-x-${i}`, src: 'Jawhara FM', cat: 'x', text: `نص ${i}` })]))),
  );
  // Only an extracted folder, and another archive name: corpusPath falls back.
  mkdirSync(join(c, 'ant-multisource', 'extracted', 'BBC', 'sport'), { recursive: true });
  writeFileSync(join(c, 'ant-multisource', 'SOURCE.txt'), 'where this came from');
  writeFileSync(join(c, 'ant-multisource', 'extracted', 'BBC', 'sport', 'BB-sport-1.txt'), antDoc({ docno: 'BB-sport-1', src: 'BBC', cat: 'sport', text: 'فاز الفريق.' }));
  mkdirSync(join(c, 'arabic-newspapers-19countries'), { recursive: true });
  writeFileSync(join(c, 'arabic-newspapers-19countries', 'other-name.tar.gz'), gzipSync(tar([['x/سياسيه/JOP1.txt', CP1256('قال الوزير.\r\n')]])));

  it('finds the data folder from ISNAD_DATA, relative to the working directory', () => {
    expect(dataDir()).toBe(data);
    process.env.ISNAD_DATA = join(tmp, 'missing');
    expect(dataDir()).toBeUndefined();
    expect(corpusPath('saudinewsnet')).toBeUndefined();
  });

  it('resolves corpus paths: the known file, another archive, or the folder', () => {
    expect(corpusPath('saudinewsnet')).toBe(join(c, 'saudinewsnet'));
    expect(corpusPath('ant-jawharafm')).toBe(join(c, 'ant-jawharafm', 'ant-jawharafm-v1.1.tar.gz'));
    expect(corpusPath('ant-multisource')).toBe(join(c, 'ant-multisource'));
    expect(corpusPath('arabic19')).toBe(join(c, 'arabic-newspapers-19countries', 'other-name.tar.gz'));
    expect(corpusPath('egyptian')).toBeUndefined();
  });

  it('reads a corpus by name, with limit', async () => {
    expect((await collect(readCorpus('saudinewsnet'))).map((r) => r.id)).toEqual(['snn-alsahifa-1000001', 'snn-alsahifa-2000001', 'snn-alsahifa-3000001']);
    expect(await collect(readCorpus('saudinewsnet', { limit: 2 }))).toHaveLength(2);
    expect((await collect(readCorpus('ant-multisource'))).map((r) => r.id)).toEqual(['BB-sport-1']);
    expect((await collect(readCorpus('arabic19')))[0]).toMatchObject({ id: 'JOP1', text: 'قال الوزير.\n', meta: { country: 'JO', category: 'سياسيه' } });
  });

  it('reads several corpora in turn, with a total limit and a per-corpus cap', async () => {
    const names = ['saudinewsnet', 'ant-jawharafm', 'ant-multisource'] as const;
    expect(await collect(readCorpora(names))).toHaveLength(6);
    expect((await collect(readCorpora(names, { perCorpus: 1 }))).map((r) => r.id)).toEqual(['snn-alsahifa-1000001', 'JA-x-1', 'BB-sport-1']);
    expect((await collect(readCorpora(names, { limit: 4 }))).map((r) => r.id)).toEqual([
      'snn-alsahifa-1000001',
      'snn-alsahifa-2000001',
      'snn-alsahifa-3000001',
      'JA-x-1',
    ]);
    expect((await collect(readCorpora(names, { limit: 3, perCorpus: 2 }))).map((r) => r.id)).toEqual(['snn-alsahifa-1000001', 'snn-alsahifa-2000001', 'JA-x-1']);
  });

  it('throws NO_DATA for a missing corpus and UNKNOWN_CORPUS for an unknown name', async () => {
    await expect(collect(readCorpus('egyptian'))).rejects.toMatchObject({ code: 'NO_DATA', message: expect.stringContaining('ISNAD_DATA') });
    await expect(collect(readCorpus('nope' as never))).rejects.toMatchObject({ code: 'UNKNOWN_CORPUS', message: expect.stringContaining(CORPUS_NAMES.join(', ')) });
  });

  it('reads from an explicit path with readCorpusAt', async () => {
    const opts: ReadOptions = { limit: 1 };
    expect((await collect(readCorpusAt('ant-jawharafm', join(c, 'ant-jawharafm', 'ant-jawharafm-v1.1.tar.gz'), opts))).map((r) => r.id)).toEqual(['JA-x-1']);
  });
});
