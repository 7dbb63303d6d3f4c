/**
 * Data-driven checks of the ingest readers on the shared data (`$ISNAD_DATA`, else `../shared`).
 * Skipped, with a message, when the folder is absent. Nothing read here is written into the
 * project: documents built from the corpora (WARC, feeds, JSON Lines, re-encoded files) live in a
 * temporary folder for the length of the run.
 *
 * HTML extraction is measured against the fixtures' expected texts by token recall and precision
 * (multisets of letter/digit tokens; the expected text gets the page title added, since the
 * extractor writes the title as the first line):
 *   - CNN Arabic 2013 (newspaper3k): the full expected body;
 *   - CNN Arabic 2013 (goose3): the expected text is a prefix of the body;
 *   - Assabah (trafilatura): title, must-include and must-exclude snippets;
 *   - 9 Jawhara FM pages: the ANT corpus text of the same articles (a crawler's output, not a gold).
 * The figures are printed at the end of the run.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/charset.js';
import { parseAntDoc } from '../../src/ingest/corpus/ant.js';
import { decodeCp1256 } from '../../src/ingest/corpus/arabic19.js';
import { CORPUS_NAMES, corpusPath, dataDir, readCorpus } from '../../src/ingest/corpus/index.js';
import { readFeed } from '../../src/ingest/feed.js';
import { extractArticle } from '../../src/ingest/html.js';
import { readJson, readJsonLines } from '../../src/ingest/jsonl.js';
import { readSource } from '../../src/ingest/readers.js';
import type { SourceRecord } from '../../src/ingest/record.js';
import { newStats, type ReadResult } from '../../src/ingest/result.js';
import { readFiles } from '../../src/ingest/tar.js';
import { readWarc } from '../../src/ingest/warc.js';

const DATA = dataDir();
const TIMEOUT = 180_000;
const figures: string[] = [];

const TOKEN = /[\p{L}\p{N}]+/gu;
const tokens = (s: string): string[] => s.match(TOKEN) ?? [];

/** Token recall and precision of `got` against `expected` (multisets). */
function overlap(expected: string, got: string): { recall: number; precision: number } {
  const want = new Map<string, number>();
  const exp = tokens(expected);
  for (const t of exp) want.set(t, (want.get(t) ?? 0) + 1);
  const have = tokens(got);
  let hit = 0;
  for (const t of have) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      hit++;
      want.set(t, n - 1);
    }
  }
  return { recall: exp.length ? hit / exp.length : 1, precision: have.length ? hit / have.length : 1 };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function collect(it: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const records = (rs: ReadResult[]): SourceRecord[] => rs.flatMap((r) => (r.ok ? [r.record] : []));

/** `text` in a single-byte charset; undefined when a character has no byte there, unless `fallback` is given for it. */
function encodeSingleByte(text: string, encoding: string, fallback?: number): Buffer | undefined {
  const d = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = table.get(text[i]!) ?? fallback;
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe.skipIf(!DATA)(
  DATA ? `ingest readers on the shared data in ${DATA}` : 'ingest readers on shared data: SKIPPED, no shared data folder (set ISNAD_DATA or place it at ../shared)',
  () => {
    const FIX = join(DATA ?? '', 'corpus', 'html-fixtures');
    let tmp = '';
    beforeAll(() => {
      tmp = mkdtempSync(join(tmpdir(), 'isnad-ingest-data-'));
    });
    afterAll(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
      if (figures.length) console.info(`ingest figures:\n  ${figures.join('\n  ')}`);
    });

    describe('HTML extraction on the fixtures', () => {
      it('CNN Arabic (newspaper3k): the full body, title, canonical URL, outlet, date line', () => {
        const html = readFileSync(join(FIX, 'newspaper3k-cnnarabic', 'arabic_article.html'), 'utf8');
        const expected = readFileSync(join(FIX, 'newspaper3k-cnnarabic', 'arabic.expected.txt'), 'utf8');
        const a = extractArticle(html)!;
        const { recall, precision } = overlap(`${a.meta.title}\n${expected}`, a.text);
        figures.push(`html cnn-arabic (newspaper3k)   recall ${pct(recall)}  precision ${pct(precision)}  [${a.method}]`);
        expect(recall).toBeGreaterThanOrEqual(0.99);
        expect(precision).toBeGreaterThanOrEqual(0.75); // the comment policy under the article is kept
        expect(a.meta).toMatchObject({
          title: 'معارضون يسيطرون على مخازن للصواريخ بريف دمشق',
          url: 'http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html',
          outlet: 'CNNArabic',
          date: '2013-08-28T14:00',
        });
        // every expected paragraph is one line of the output
        const lines = new Set(a.text.split('\n').map(squash));
        for (const p of expected.split(/\n+/).map(squash).filter((l) => l !== '')) expect(lines.has(p), p.slice(0, 40)).toBe(true);
      });

      it('CNN Arabic (goose3): the expected opening of the body', () => {
        const html = readFileSync(join(FIX, 'goose3-cnnarabic', 'test_cnn_arabic.html'), 'utf8');
        const { expected } = JSON.parse(readFileSync(join(FIX, 'goose3-cnnarabic', 'test_cnn_arabic.expected.json'), 'utf8')) as { expected: { cleaned_text: string } };
        const a = extractArticle(html)!;
        expect(squash(a.text)).toContain(squash(expected.cleaned_text));
        const { recall } = overlap(expected.cleaned_text, a.text);
        figures.push(`html cnn-arabic (goose3)        prefix found, recall ${pct(recall)}`);
      });

      it('Assabah (trafilatura): title, must-include and must-exclude snippets', () => {
        const html = readFileSync(join(FIX, 'trafilatura-assabah', 'assabah.com.tn.article.html'), 'utf8');
        const gold = Object.values(JSON.parse(readFileSync(join(FIX, 'trafilatura-assabah', 'evaldata.assabah.json'), 'utf8')) as Record<string, { title: string; description: string; with: string[]; without: string[] }>)[0]!;
        const a = extractArticle(html)!;
        expect(squash(a.meta.title!)).toBe(squash(gold.title));
        for (const s of gold.with) expect(a.text, `must include ${s}`).toContain(s);
        for (const s of gold.without) expect(a.text, `must exclude ${s}`).not.toContain(s);
        const { recall } = overlap(gold.description, a.text);
        figures.push(`html assabah (trafilatura)      with ${gold.with.length}/${gold.with.length}, without ${gold.without.length}/${gold.without.length}, description recall ${pct(recall)}`);
        expect(recall).toBeGreaterThanOrEqual(0.95);
      });

      it('Jawhara FM: 9 pages against the ANT corpus text of the same articles', () => {
        const pages = readdirSync(join(FIX, 'jawharafm-ant')).filter((f) => f.endsWith('.html')).sort();
        expect(pages).toHaveLength(9);
        let r = 0;
        let p = 0;
        for (const f of pages) {
          const a = extractArticle(readFileSync(join(FIX, 'jawharafm-ant', f), 'utf8'))!;
          const doc = parseAntDoc(readFileSync(join(FIX, 'jawharafm-ant', f.replace(/\.html$/, '.ant-expected.txt')), 'utf8'))!;
          const { recall, precision } = overlap(`${doc.title ?? ''}\n${doc.text}`, a.text);
          figures.push(`html ${f.replace(/\.html$/, '').padEnd(32)} recall ${pct(recall)}  precision ${pct(precision)}  [${a.method}]`);
          expect(recall, f).toBeGreaterThanOrEqual(0.95);
          expect(precision, f).toBeGreaterThanOrEqual(0.9);
          expect(a.meta.outlet, f).toBe('JawharaFM');
          // the same article: the canonical URL ends with the ANT URL's article number
          expect(a.meta.url!.split('/').pop(), f).toBe(doc.url!.split('/').pop());
          r += recall;
          p += precision;
        }
        figures.push(`html jawhara mean (9 pages)       recall ${pct(r / pages.length)}  precision ${pct(p / pages.length)}`);
      });

      it('readSource on the fixtures folder: every page an html record; other files never stop the run', async () => {
        const stats = newStats();
        const rs = await collect(readSource(FIX, { stats }));
        const html = records(rs).filter((x) => x.meta.format === 'html');
        expect(html.map((x) => x.id).sort()).toEqual([
          'goose3-cnnarabic/test_cnn_arabic',
          ...readdirSync(join(FIX, 'jawharafm-ant')).filter((f) => f.endsWith('.html')).map((f) => `jawharafm-ant/${f.replace(/\.html$/, '')}`).sort(),
          'newspaper3k-cnnarabic/arabic_article',
          'trafilatura-assabah/assabah.com.tn.article',
        ]);
        // the expected-result JSON files hold no articles: one failure each, not an exception
        expect(rs.filter((x) => !x.ok).map((x) => !x.ok && x.code)).toEqual(['ISNAD_INGEST_BAD_RECORD', 'ISNAD_INGEST_BAD_RECORD']);
        expect(stats.records).toBe(rs.length - 2);
      });
    });

    describe('charset detection on real legacy text', () => {
      it('the 2,910 Windows-1256 files of the 19-country corpus are detected as Windows-1256 (their trailing NUL dropped), and re-encoded as ISO-8859-6 and UTF-8 as those', async () => {
        const path = corpusPath('arabic19');
        expect(path).toBeDefined();
        let n = 0;
        let cp1256 = 0;
        let ascii = 0;
        let iso = 0;
        let isoRight = 0;
        let utf8Right = 0;
        let utf8 = 0;
        const wrong: string[] = [];
        for await (const f of readFiles(path!, { filter: (name) => name.endsWith('.txt') })) {
          n++;
          // every file ends with a NUL byte, which the decoder drops as padding
          const want = decodeCp1256(f.data).replace(/\u0000+$/, '');
          const r = decodeText(f.data);
          if (!r.ok) {
            wrong.push(`${f.name}: ${r.code}`);
            continue;
          }
          const text = r.text.replace(/\r\n/g, '\n');
          if (r.encoding === 'windows-1256' && text === want) cp1256++;
          else if (r.encoding === 'utf-8' && !/[^\x00-\x7f]/.test(want) && text === want) ascii++;
          else wrong.push(`${f.name}: ${r.encoding}`);
          // (every 5th file, and only those with Arabic letters: without any the readings are the same)
          if (n % 5 === 0 && /[\u0621-\u064A]/.test(want)) {
            const isoBytes = encodeSingleByte(want, 'iso-8859-6');
            if (isoBytes) {
              iso++;
              const ri = decodeText(isoBytes);
              if (ri.ok && ri.encoding === 'iso-8859-6' && ri.text === want) isoRight++;
              else wrong.push(`${f.name} as iso-8859-6: ${ri.ok ? ri.encoding : ri.code}`);
            }
            utf8++;
            const ru = decodeText(Buffer.from(want, 'utf8'));
            if (ru.ok && ru.encoding === 'utf-8' && ru.text === want) utf8Right++;
          }
        }
        figures.push(
          `charset arabic19: ${cp1256}/${n} detected windows-1256, ${ascii} pure ASCII, ` +
            `${isoRight}/${iso} re-encoded as iso-8859-6 detected as such, ${utf8Right}/${utf8} UTF-8`,
        );
        expect(n).toBe(2910);
        expect(wrong).toEqual([]);
        expect(cp1256 + ascii).toBe(n);
        expect(iso).toBeGreaterThan(50);
        expect(utf8Right).toBe(utf8);
      }, TIMEOUT);
    });

    describe('every named corpus through readSource', () => {
      it.each(CORPUS_NAMES)('%s: auto-detected from its path, records like readCorpus', async (name) => {
        const path = corpusPath(name)!;
        const got = records(await collect(readSource(path, { limit: 30 })));
        const want: SourceRecord[] = [];
        for await (const r of readCorpus(name, { limit: 30 })) want.push(r);
        expect(got).toEqual(want);
      }, TIMEOUT);
    });

    describe('generic readers on corpus data', () => {
      it('JSON: a SaudiNewsNet day read by the generic JSON reader gives the same texts, titles and URLs', async () => {
        const dir = corpusPath('saudinewsnet')!;
        const zip = readdirSync(dir).filter((f) => f.endsWith('.zip')).sort()[0]!;
        const files = unzipSync(readFileSync(join(dir, zip)), { filter: (f) => f.name.endsWith('.json') });
        const [name, bytes] = Object.entries(files)[0]!;
        const p = join(tmp, name.replace(/^.*\//, ''));
        writeFileSync(p, bytes);
        const stats = newStats();
        const got = records(await collect(readJson(p, { stats, includeEmpty: true })));
        const want: SourceRecord[] = [];
        for await (const r of readCorpus('saudinewsnet', { includeEmpty: true })) {
          if (r.meta.origin.endsWith(`!${name}`)) want.push(r);
          else if (want.length > 0) break;
        }
        expect(stats.failed).toBe(0);
        expect(got.length).toBe(want.length);
        expect(got.map((r) => [r.text, r.meta.title, r.meta.url, r.meta.outlet])).toEqual(want.map((r) => [r.text, r.meta.title, r.meta.url, r.meta.outlet]));
        // fields the generic mapping does not know stay in meta
        expect(got[0]!.meta.date_extracted).toBeDefined();
        figures.push(`json saudinewsnet ${name}: ${got.length} articles, same as the corpus reader`);
      }, TIMEOUT);

      it('JSON Lines: 1,000 ANT articles written as JSON Lines (with a broken line) read back unchanged', async () => {
        const want: SourceRecord[] = [];
        for await (const r of readCorpus('ant-multisource', { limit: 1000 })) want.push(r);
        const lines = want.map((r) => JSON.stringify({ id: r.id, text: r.text, title: r.meta.title, url: r.meta.url, outlet: r.meta.outlet, date: r.meta.date, category: r.meta.category }));
        lines.splice(500, 0, '{"id": "broken", "text": ');
        const p = join(tmp, 'ant.jsonl');
        writeFileSync(p, lines.join('\n'));
        const rs = await collect(readJsonLines(p));
        expect(rs.filter((r) => !r.ok)).toEqual([{ ok: false, origin: `${p}:501`, code: 'ISNAD_INGEST_BAD_JSON', reason: expect.stringMatching(/^not valid JSON/) }]);
        const got = records(rs);
        expect(got.map((r) => [r.id, r.text, r.meta.title, r.meta.date, r.meta.category])).toEqual(want.map((r) => [r.id, r.text, r.meta.title, r.meta.date, r.meta.category]));
      }, TIMEOUT);

      it('RSS: 50 Jawhara FM articles written as a feed read back with their paragraphs, dates and titles', async () => {
        const want: SourceRecord[] = [];
        for await (const r of readCorpus('ant-jawharafm', { limit: 50 })) want.push(r);
        const items = want.map(
          (r) =>
            `<item><guid isPermaLink="false">${esc(r.id)}</guid><title>${esc(r.meta.title ?? '')}</title><link>${esc(r.meta.url ?? '')}</link>` +
            `<pubDate>${esc(r.meta.date ?? '')}</pubDate><description><![CDATA[${r.text.split('\n').map((l) => `<p>${l}</p>`).join('')}]]></description></item>`,
        );
        const p = join(tmp, 'jawhara.rss');
        writeFileSync(p, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Jawhara FM</title>${items.join('\n')}</channel></rss>`);
        const got = records(await collect(readFeed(p, { includeEmpty: true })));
        expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
        const lines = (s: string): string[] => s.split('\n').map(squash).filter((l) => l !== '');
        for (let i = 0; i < got.length; i++) {
          expect(lines(got[i]!.text), got[i]!.id).toEqual(lines(want[i]!.text));
          expect(got[i]!.meta.title, got[i]!.id).toBe(squash(want[i]!.meta.title ?? ''));
          expect(got[i]!.meta.outlet).toBe('Jawhara FM');
          if (want[i]!.meta.date !== undefined) expect(got[i]!.meta.date!.slice(0, 10), got[i]!.id).toBe(want[i]!.meta.date!.slice(0, 10));
        }
      }, TIMEOUT);

      it('WARC: the fixture pages archived (gzipped, one page re-encoded as Windows-1256 with the charset only in the HTTP header) extract as the pages do', async () => {
        const pages = readdirSync(join(FIX, 'jawharafm-ant')).filter((f) => f.endsWith('.html')).sort();
        const chunks: Buffer[] = [];
        const expected = new Map<string, string>();
        for (const [i, f] of pages.entries()) {
          let html = readFileSync(join(FIX, 'jawharafm-ant', f), 'utf8');
          const uri = `http://www.jawharafm.net/page/${i}`;
          let body: Buffer = Buffer.from(html, 'utf8');
          let type = 'text/html';
          if (i === 0) {
            // the page as a Windows-1256 server would send it (characters it lacks become "?")
            body = encodeSingleByte(html.replace(/charset=utf-8/gi, ''), 'windows-1256', 0x3f)!;
            html = new TextDecoder('windows-1256').decode(body);
            type = 'text/html; charset=windows-1256';
          }
          expected.set(uri, extractArticle(html, { url: uri })!.text);
          const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
          const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:${i}>\r\nWARC-Date: 2017-03-02T12:00:00Z\r\nWARC-Target-URI: ${uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`;
          chunks.push(gzipSync(Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')])));
        }
        const p = join(tmp, 'jawhara.warc.gz');
        writeFileSync(p, Buffer.concat(chunks));
        const got = records(await collect(readWarc(p)));
        expect(got.map((r) => r.id)).toEqual([...expected.keys()]);
        for (const r of got) expect(r.text, r.id).toBe(expected.get(r.id));
        expect(got[0]!.meta.encoding).toBe('windows-1256');
        expect(got[1]!.meta.encoding).toBe('utf-8');
        figures.push(`warc jawhara: ${got.length} pages, first as ${got[0]!.meta.encoding}`);
      }, TIMEOUT);
    });
  },
);
