/**
 * The HTTP API against a small store built from test/server/fixture.ts: every endpoint, its
 * parameters and its errors, with responses checked against the schemas the OpenAPI document
 * publishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN1, RUN2 } from '../../test/dups-suite.js';
import { buildFixtureStore, fixtureAttributionCount, FIXTURE_ARTICLES, INJECTION_STRINGS } from '../../test/server/fixture.js';
import { writeFileSync } from 'node:fs';
import { ingest } from '../collection/ingest.js';
import { openStore } from '../store/store.js';
import type { Store } from '../store/store.js';
import { createServer } from './app.js';
import { AnalyzeResponse, ArticleResponse, AttributionsResponse, EntitiesResponse, EntityResponse, ErrorResponse, FacetsSchema, SearchResponse, StatsResponse, type Quote } from './schemas.js';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isnad-api-'));
  store = await buildFixtureStore(dir);
  app = await createServer({ store, webRoot: null });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const url = (path: string, params: Record<string, string | number> = {}) => {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
};

/** Checks an error response: status, JSON shape and code. */
async function expectError(res: Awaited<ReturnType<typeof get>>, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = ErrorResponse.parse(res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe('GET /api/search', () => {
  it('ranks matching articles, with snippets that point into the text', async () => {
    const res = await get(url('/api/search', { q: 'القمح' }));
    expect(res.statusCode).toBe(200);
    const body = SearchResponse.parse(res.json());
    expect(body.total).toBe(2);
    expect(body.hits.map((h) => h.id).sort()).toEqual(['wheat-1', 'wheat-2']);
    for (const hit of body.hits) {
      const doc = ArticleResponse.parse((await get(`/api/articles/${hit.id}`)).json());
      expect(hit.snippet!.highlights.length).toBeGreaterThan(0);
      for (const m of hit.snippet!.highlights) {
        expect(doc.text.slice(m.start, m.end)).toBe(m.text);
        expect(m.text).toContain('القمح');
      }
    }
    // BM25 as FTS5 gives it: lower is better, so the list is ascending
    expect(body.hits[0]!.score).toBeLessThanOrEqual(body.hits[1]!.score);
  });

  it('says who else published the same text', async () => {
    const body = SearchResponse.parse((await get(url('/api/search', { q: 'مزارعي القمح' }))).json());
    const hit = body.hits.find((h) => h.id === 'wheat-1')!;
    expect(hit.outlet).toBe('الأهرام');
    expect(hit.also.map((a) => a.outlet)).toEqual(['الشروق']);
    expect(body.hits.find((h) => h.id === 'wheat-2')?.also ?? []).toEqual([]);
  });

  it('counts facets over every match when asked', async () => {
    const body = SearchResponse.parse((await get(url('/api/search', { q: 'date:2024', facets: 'true' }))).json());
    expect(body.total).toBe(8);
    const f = body.facets!;
    expect(f.outlet.reduce((s, o) => s + o.count, 0)).toBe(8);
    expect(f.month).toEqual([
      { value: '2024-03', count: 2 },
      { value: '2024-04', count: 2 },
      { value: '2024-05', count: 4 },
    ]);
    expect(f.speaker[0]).toMatchObject({ value: 'وزير الزراعة كريم منصور', count: 4 });
    expect(f.entity.find((e) => e.value === 'القاهرة')).toMatchObject({ type: 'LOC', count: 3 });
    const bare = SearchResponse.parse((await get(url('/api/search', { q: 'date:2024' }))).json());
    expect(bare.facets).toBeUndefined();
  });

  it('filters by speaker, entity, outlet, type and date with the query language', async () => {
    const ids = async (q: string) => SearchResponse.parse((await get(url('/api/search', { q, size: 100 }))).json()).hits.map((h) => h.id).sort();
    expect(await ids('speaker:منصور')).toEqual(['wheat-1', 'wheat-2']);
    expect(await ids('entity:عدن')).toEqual(['yemen-1']);
    expect(await ids('outlet:الجزيرة')).toEqual(['floods-1', 'yemen-1']);
    expect(await ids('type:mixed')).toEqual(['inject-1', 'markets-1', 'water-1']);
    expect(await ids('date:2024-04')).toEqual(['bread-1', 'wheat-2']);
    expect(await ids('القمح -محصول')).toEqual(['wheat-1']);
  });

  it('pages through the hits', async () => {
    const p1 = SearchResponse.parse((await get(url('/api/search', { q: 'date:2024', size: 3, page: 1 }))).json());
    const p3 = SearchResponse.parse((await get(url('/api/search', { q: 'date:2024', size: 3, page: 3 }))).json());
    expect(p1.hits).toHaveLength(3);
    expect(p3.hits).toHaveLength(2);
    expect(p3.total).toBe(8);
    // unranked: newest day first
    expect(p1.hits.map((h) => h.date)).toEqual(['2024-05-30', '2024-05-21', '2024-05-15']);
    const far = SearchResponse.parse((await get(url('/api/search', { q: 'date:2024', size: 3, page: 9 }))).json());
    expect(far).toMatchObject({ total: 8, hits: [] });
  });

  it('rejects a bad query with its code and where the error is', async () => {
    const e = await expectError(await get(url('/api/search', { q: 'حلب date:2024-13' })), 400, 'ISNAD_QUERY_BAD_DATE');
    expect(e).toMatchObject({ start: 9, end: 16 });
    await expectError(await get(url('/api/search', { q: '"وقف إطلاق' })), 400, 'ISNAD_QUERY_UNCLOSED_QUOTE');
    await expectError(await get(url('/api/search', { q: 'type:loud' })), 400, 'ISNAD_QUERY_BAD_TYPE');
  });

  it('rejects missing, repeated, too long and out-of-range parameters', async () => {
    const e = await expectError(await get('/api/search'), 400, 'ISNAD_BAD_PARAMETER');
    expect(e.parameter).toBe('q');
    await expectError(await get(url('/api/search', { q: '   ' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/search', { q: 'ا'.repeat(501) })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(`/api/search?q=${encodeURIComponent('حلب')}&q=${encodeURIComponent('دمشق')}`), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/search', { q: 'حلب', size: 101 })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/search', { q: 'حلب', page: 0 })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/search', { q: 'حلب', page: 'two' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/search', { q: 'حلب', facets: 'maybe' })), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('GET /api/search with near-duplicates', () => {
  // a flood bulletin in four copies (a wire original, two outlets, one outlet filing twice), a trade story in two, a match report alone
  let dupStore: Store;
  let dupApp: FastifyInstance;
  beforeAll(async () => {
    const file = join(dir, 'dups.jsonl');
    writeFileSync(file, [...RUN1, ...RUN2].map((r) => JSON.stringify(r)).join('\n') + '\n');
    dupStore = await openStore(join(dir, 'dups.db'));
    await ingest([file], dupStore, { workers: 0, count: false });
    dupApp = await createServer({ store: dupStore, webRoot: null });
  });
  afterAll(async () => {
    await dupApp?.close();
    await dupStore?.close();
  });
  const dget = async (params: Record<string, string | number>) => {
    const res = await dupApp.inject({ method: 'GET', url: url('/api/search', params) });
    expect(res.statusCode, res.body).toBe(200);
    return SearchResponse.parse(res.json());
  };

  it('collapses copies into one hit with the other outlets, by default', async () => {
    const body = await dget({ q: 'الأرصاد الأمطار' });
    expect(body.collapsed).toBe(true);
    expect(body.total).toBe(1);
    const hit = body.hits[0]!;
    expect(hit.copies).toBe(3);
    expect(hit.also.map((a) => [a.id, a.outlet, a.kind])).toEqual([
      ['flood-wire', 'وكالة الأنباء', 'original'],
      ['flood-a', 'صحيفة الشمال', 'cross-outlet'],
      ['flood-b', 'موقع الجنوب', 'cross-outlet'],
      ['flood-c', 'صحيفة الشمال', 'within-outlet'],
    ].filter(([id]) => id !== hit.id));
  });

  it('lists every copy with all=true, and counts consistently across pages', async () => {
    const all = await dget({ q: 'الأرصاد الأمطار', all: 'true' });
    expect(all.collapsed).toBe(false);
    expect(all.total).toBe(4);
    expect(all.hits.map((h) => h.id).sort()).toEqual(['flood-a', 'flood-b', 'flood-c', 'flood-wire']);
    expect(all.hits.every((h) => h.copies === 0 && h.also.length === 0)).toBe(true);
    const everything = await dget({ q: 'date:2023' });
    expect(everything.total).toBe(3); // flood, trade, match
    const p2 = await dget({ q: 'date:2023', size: 2, page: 2 });
    expect(p2.total).toBe(3);
    expect(p2.hits.map((h) => h.id)).toEqual(everything.hits.slice(2).map((h) => h.id));
    expect((await dget({ q: 'date:2023', all: 1 })).total).toBe(7);
  });

  it('refuses a bad all', async () => {
    const res = await dupApp.inject({ method: 'GET', url: url('/api/search', { q: 'الأمطار', all: 'yes' }) });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/facets', () => {
  it('gives the same counts as a search with facets, the top N of speakers and entities', async () => {
    const res = await get(url('/api/facets', { q: 'القمح' }));
    expect(res.statusCode).toBe(200);
    const f = FacetsSchema.parse(res.json());
    const viaSearch = SearchResponse.parse((await get(url('/api/search', { q: 'القمح', facets: 1 }))).json()).facets;
    expect(f).toEqual(viaSearch);
    expect(f.outlet).toEqual([
      { value: 'الأهرام', count: 1 },
      { value: 'الشروق', count: 1 },
    ]);
    const top1 = FacetsSchema.parse((await get(url('/api/facets', { q: 'date:2024', top: 1 }))).json());
    expect(top1.speaker).toHaveLength(1);
    expect(top1.entity).toHaveLength(1);
  });

  it('rejects a bad query or top', async () => {
    await expectError(await get(url('/api/facets', { q: 'speaker:' })), 400, 'ISNAD_QUERY_EMPTY_VALUE');
    await expectError(await get(url('/api/facets', { q: 'حلب', top: 1000 })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get('/api/facets'), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('response cache', () => {
  it('answers a repeated GET from the cache, the same bytes', async () => {
    const u = url('/api/search', { q: 'الخبز' });
    const first = await get(u);
    const second = await get(u);
    expect(first.headers['x-isnad-cache']).toBeUndefined();
    expect(second.headers['x-isnad-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    // errors are not kept
    const bad = url('/api/search', { q: 'date:1999-99' });
    await get(bad);
    expect((await get(bad)).headers['x-isnad-cache']).toBeUndefined();
  });

  it('can be turned off', async () => {
    const uncached = await createServer({ store, webRoot: null, cacheBytes: 0 });
    const u = url('/api/search', { q: 'الخبز' });
    await uncached.inject({ method: 'GET', url: u });
    expect((await uncached.inject({ method: 'GET', url: u })).headers['x-isnad-cache']).toBeUndefined();
    await uncached.close();
  });
});

describe('GET /api/articles/{id}', () => {
  it('gives the text with its stored layers and sources', async () => {
    const res = await get('/api/articles/wheat-1');
    expect(res.statusCode).toBe(200);
    const doc = ArticleResponse.parse(res.json());
    expect(doc.text).toBe(FIXTURE_ARTICLES[0]!.text);
    expect(doc.blocks!.map((b) => b.type)).toEqual(['headline', 'body', 'body', 'body', 'caption', 'boilerplate']);
    expect(doc.attributions).toHaveLength(3);
    const relayed = doc.attributions![2]!;
    expect(relayed.via.map((v) => v.text)).toEqual(['وكالة رويترز']);
    expect(relayed.speaker?.text).toBe('مسؤول في الوزارة');
    expect(doc.entities!.map((e) => [e.type, e.text])).toContainEqual(['PER', 'كريم منصور']);
    expect(doc.sources.map((s) => s.outlet).sort()).toEqual(['الأهرام', 'الشروق']);
    for (const span of [...doc.blocks!, ...doc.entities!, ...doc.attributions!.flatMap((a) => [a.cue, a.content])]) {
      expect(doc.text.slice(span.start, span.end)).toBe(span.text);
    }
    expect(doc.tokens).toBeUndefined();
  });

  it('recomputes tokens and sentences on request, over the stored blocks', async () => {
    const doc = ArticleResponse.parse((await get(url('/api/articles/wheat-1', { layers: 'tokens,sentences' }))).json());
    expect(doc.tokens!.length).toBeGreaterThan(50);
    for (const t of doc.tokens!) expect(doc.text.slice(t.start, t.end)).toBe(t.text);
    const headline = doc.blocks![0]!;
    expect(doc.sentences![0]).toMatchObject({ start: headline.start, end: headline.end, block: 0 });
    const onlySentences = ArticleResponse.parse((await get(url('/api/articles/wheat-1', { layers: 'sentences' }))).json());
    expect(onlySentences.tokens).toBeUndefined();
    expect(onlySentences.sentences).toEqual(doc.sentences);
  });

  it('keeps markup in the text as text', async () => {
    const doc = ArticleResponse.parse((await get('/api/articles/inject-1')).json());
    for (const s of INJECTION_STRINGS) expect(doc.text).toContain(s);
  });

  it('answers 404 for an unknown id and 400 for unknown layers', async () => {
    await expectError(await get('/api/articles/no-such-article'), 404, 'ISNAD_ARTICLE_NOT_FOUND');
    await expectError(await get(`/api/articles/${encodeURIComponent('مقال')}`), 404, 'ISNAD_ARTICLE_NOT_FOUND');
    await expectError(await get(url('/api/articles/wheat-1', { layers: 'tokens,html' })), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('GET /api/attributions', () => {
  const rows = async (params: Record<string, string | number>): Promise<Quote[]> => {
    const res = await get(url('/api/attributions', { size: 100, ...params }));
    expect(res.statusCode, res.body).toBe(200);
    return AttributionsResponse.parse(res.json()).rows;
  };

  it('lists every attribution, newest first', async () => {
    const all = await rows({});
    expect(all).toHaveLength(fixtureAttributionCount());
    expect(all.length).toBeGreaterThanOrEqual(18);
    const days = all.map((r) => r.date!);
    expect([...days].sort().reverse()).toEqual(days);
  });

  it('filters by speaker, entity in the content, outlet, type and date', async () => {
    const bySpeaker = await rows({ speaker: 'منصور' });
    expect(bySpeaker).toHaveLength(4);
    for (const r of bySpeaker) expect(r.speaker!.text).toContain('منصور');
    const about = await rows({ entity: 'عدن' });
    expect(about.map((r) => r.content.text)).toEqual(['الأمم المتحدة سترسل مساعدات عاجلة إلى مدينة عدن']);
    const outlet = await rows({ outlet: 'بي بي سي عربي' });
    expect(new Set(outlet.map((r) => r.docId))).toEqual(new Set(['water-1', 'inject-1']));
    const direct = await rows({ type: 'direct' });
    expect(direct.length).toBeGreaterThan(0);
    for (const r of direct) expect(r.type).toBe('direct');
    const either = await rows({ type: 'direct,mixed' });
    expect(either.length).toBe(direct.length + (await rows({ type: 'mixed' })).length);
    const april = await rows({ date: '2024-04' });
    expect(new Set(april.map((r) => r.docId))).toEqual(new Set(['bread-1', 'wheat-2']));
    const hedged = (await rows({ speaker: 'ناشطون' }))[0]!;
    expect(hedged.hedge?.text).toBe('زعم');
  });

  it('pages with a flag for more', async () => {
    const n = fixtureAttributionCount();
    const size = n - 1;
    const p1 = AttributionsResponse.parse((await get(url('/api/attributions', { size }))).json());
    const p2 = AttributionsResponse.parse((await get(url('/api/attributions', { size, page: 2 }))).json());
    expect(p1).toMatchObject({ page: 1, size, more: true });
    expect(p2).toMatchObject({ page: 2, more: false });
    expect(p2.rows).toHaveLength(1);
  });

  it('downloads every match as CSV, by format or by Accept', async () => {
    const res = await get(url('/api/attributions', { speaker: 'منصور', format: 'csv' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.body.startsWith('\uFEFFdoc_id,idx,date,outlet,type,speaker,')).toBe(true);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.includes('وزير الزراعة كريم منصور'))).toBe(true);
    const byAccept = await get(url('/api/attributions', { speaker: 'منصور' }), { accept: 'text/csv' });
    expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byAccept.body).toBe(res.body);
    const json = await get(url('/api/attributions', { speaker: 'منصور' }), { accept: 'text/csv, application/json' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('quotes CSV fields that hold quotes, commas or markup', async () => {
    const res = await get(url('/api/attributions', { speaker: 'سامر خليل', format: 'csv' }));
    expect(res.body).toContain('"رسالة تحمل <img src=x onerror=""window.__isnadPwned=2""> انتشرت بين المستخدمين"');
  });

  it('rejects bad filters', async () => {
    await expectError(await get(url('/api/attributions', { type: 'loud' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/attributions', { date: '2024-02-30' })), 400, 'ISNAD_QUERY_BAD_DATE');
    await expectError(await get(url('/api/attributions', { speaker: '!!!' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/attributions', { outlet: '...' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/attributions', { format: 'xml' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/attributions', { size: 0 })), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('GET /api/entities and /api/entities/{id}', () => {
  it('lists entities most articles first, filtered by name words and type', async () => {
    const all = EntitiesResponse.parse((await get(url('/api/entities', { size: 100 }))).json());
    expect(all.total).toBe(all.entities.length);
    expect(all.total).toBeGreaterThan(3);
    for (let i = 1; i < all.entities.length; i++) expect(all.entities[i - 1]!.articles).toBeGreaterThanOrEqual(all.entities[i]!.articles);
    const per = EntitiesResponse.parse((await get(url('/api/entities', { type: 'PER', size: 100 }))).json());
    expect(per.entities.length).toBeGreaterThan(0);
    expect(per.entities.every((e) => e.type === 'PER')).toBe(true);
    const one = per.entities[0]!;
    const named = EntitiesResponse.parse((await get(url('/api/entities', { q: one.text.split(' ').at(-1)! }))).json());
    expect(named.entities.map((e) => e.id)).toContain(one.id);
    const page2 = EntitiesResponse.parse((await get(url('/api/entities', { size: 2, page: 2 }))).json());
    expect(page2.entities.map((e) => e.id)).toEqual(all.entities.slice(2, 4).map((e) => e.id));
  });

  it('gives one entity with its months, co-mentioned entities, and statements by and about it', async () => {
    const all = EntitiesResponse.parse((await get(url('/api/entities', { size: 100 }))).json());
    let by = 0;
    for (const e of all.entities) {
      const r = EntityResponse.parse((await get(`/api/entities/${e.id}`)).json());
      expect(r.entity).toEqual(e);
      expect(r.coMentioned.map((c) => c.id)).not.toContain(e.id);
      by += r.statementsBy.length;
      const filtered = AttributionsResponse.parse((await get(url('/api/attributions', { speakerEntity: e.id, size: 50 }))).json());
      expect(filtered.rows.map((q) => `${q.docId}/${q.idx}`)).toEqual(r.statementsBy.map((q) => `${q.docId}/${q.idx}`));
    }
    expect(by).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown entity and 400 for bad parameters', async () => {
    await expectError(await get('/api/entities/987654'), 404, 'ISNAD_ENTITY_NOT_FOUND');
    await expectError(await get('/api/entities/abc'), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/entities', { type: 'XYZ' })), 400, 'ISNAD_BAD_PARAMETER');
    await expectError(await get(url('/api/entities', { q: '!!!' })), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('GET /api/stats', () => {
  it('counts the collection', async () => {
    const s = StatsResponse.parse((await get('/api/stats')).json());
    expect(s.store).toEqual({ kind: 'sqlite', schemaVersion: 2, readOnly: true });
    expect(s.counts).toMatchObject({ articles: 8, sources: 9, attributions: fixtureAttributionCount() });
    expect(s.facets.outlet.reduce((n, o) => n + o.count, 0)).toBe(8);
    expect(s.facets.month.map((m) => m.value)).toEqual(['2024-03', '2024-04', '2024-05']);
  });
});

describe('POST /api/analyze', () => {
  const post = (payload: string, contentType: string, query = '') =>
    app.inject({ method: 'POST', url: `/api/analyze${query}`, headers: { 'content-type': contentType }, payload });
  const TEXT = 'وقال المتحدث باسم الوزارة سامي نور في بيان إن "الحدود ستبقى مفتوحة".';

  it('analyzes plain text without storing it', async () => {
    const before = await store.counts();
    const res = await post(TEXT, 'text/plain; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    const doc = AnalyzeResponse.parse(res.json());
    expect(doc.text).toBe(TEXT);
    expect(doc.attributions).toHaveLength(1);
    expect(doc.attributions![0]).toMatchObject({ type: 'direct', content: { text: 'الحدود ستبقى مفتوحة' }, medium: { text: 'في بيان' } });
    expect(doc.blocks).toBeDefined();
    expect(doc.sentences).toBeDefined();
    expect(doc.tokens).toBeUndefined();
    expect(await store.counts()).toEqual(before);
  });

  it('takes JSON too, and the layers asked for', async () => {
    const res = await post(JSON.stringify({ text: TEXT }), 'application/json', '?layers=tokens');
    const doc = AnalyzeResponse.parse(res.json());
    expect(doc.tokens!.length).toBeGreaterThan(5);
    expect(doc.attributions).toBeUndefined();
  });

  it('refuses empty, malformed, oversized and non-text bodies', async () => {
    await expectError(await post('  \n ', 'text/plain'), 400, 'ISNAD_EMPTY_TEXT');
    await expectError(await post(JSON.stringify({ body: TEXT }), 'application/json'), 400, 'ISNAD_BAD_BODY');
    await expectError(await post('{"text": ', 'application/json'), 400, 'ISNAD_BAD_BODY');
    await expectError(await post('نص '.repeat(100_000), 'text/plain; charset=utf-8'), 413, 'ISNAD_BODY_TOO_LARGE');
    await expectError(await post('<text>نص</text>', 'application/xml'), 415, 'ISNAD_UNSUPPORTED_MEDIA_TYPE');
    await expectError(await post(TEXT, 'text/plain', '?layers=html'), 400, 'ISNAD_BAD_PARAMETER');
  });
});

describe('errors and limits', () => {
  it('answers unknown routes and methods with a JSON 404', async () => {
    await expectError(await get('/api/nothing'), 404, 'ISNAD_NOT_FOUND');
    await expectError(await get('/api/analyze'), 404, 'ISNAD_NOT_FOUND');
    await expectError(await app.inject({ method: 'DELETE', url: '/api/articles/wheat-1' }), 404, 'ISNAD_NOT_FOUND');
  });

  it('refuses URLs over the limit', async () => {
    await expectError(await get(url('/api/search', { q: 'حلب', pad: 'x'.repeat(5000) })), 414, 'ISNAD_URL_TOO_LONG');
  });
});
