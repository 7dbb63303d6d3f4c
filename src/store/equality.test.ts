/**
 * SQLite and PostgreSQL give the same results — ids, order, scores, totals, facets and quotes — on
 * the shared test collection: both rank with FTS5's BM25 (see store.ts), ties by doc id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, pgOrSkipReason } from '../../test/pg.js';
import { ingestFixture } from '../../test/store-suite.js';
import { capTerms } from '../search/keys.js';
import { compileQuery } from '../search/query.js';
import { search } from '../search/search.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { QuoteRow, Store } from './store.js';

const skip = await pgOrSkipReason();

export const EQUALITY_QUERIES = [
  'سوريا',
  'السورى',
  'المسلحين سوريا',
  '"وزارة الخارجية"',
  'الأمم المتحدة هدنة',
  'حلب -لافروف',
  'تونس',
  'قال',
  'في',
  'في من',
  '"الحل السياسى" روسيا',
  'entity:حلب',
  'speaker:لافروف سوريا',
  'type:direct',
  'type:indirect outlet:الشرق',
  'date:2018-02..2018-03 سوريا',
  'date:2018',
  '-سوريا date:2018',
  'المدنيين',
  'الجيش',
];

describe.skipIf(skip !== undefined)('SQLite and PostgreSQL agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isnad-eq-'));
  let sqlite: Store;
  let postgres: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    sqlite = await SqliteStore.open(join(dir, 'eq.db'));
    const s = await freshSchema('isnad_eq');
    drop = s.drop;
    postgres = await PostgresStore.open(s.url);
    await ingestFixture(sqlite);
    await ingestFixture(postgres);
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on counts', async () => {
    expect(await postgres.counts()).toEqual(await sqlite.counts());
  });

  for (const q of EQUALITY_QUERIES) {
    it(`on ${q}`, async () => {
      const plan = compileQuery(q);
      for (const collapse of [true, false]) {
        const a = await search(sqlite, plan, { limit: 50, facets: true, collapse });
        const b = await search(postgres, plan, { limit: 50, facets: true, collapse });
        expect(b.total).toBe(a.total);
        expect(b.hits.map((h) => h.docId)).toEqual(a.hits.map((h) => h.docId));
        expect(b.hits.map((h) => h.score)).toEqual(a.hits.map((h) => h.score)); // the same doubles
        expect(b.hits.map((h) => h.snippet)).toEqual(a.hits.map((h) => h.snippet));
        expect(b.hits.map((h) => [h.dupGroup, h.alsoPublishedBy])).toEqual(a.hits.map((h) => [h.dupGroup, h.alsoPublishedBy]));
        expect(b.facets).toEqual(a.facets);
        // pages of collapsed results
        const pa = await search(sqlite, plan, { limit: 3, offset: 2, collapse, snippets: false });
        const pb = await search(postgres, plan, { limit: 3, offset: 2, collapse, snippets: false });
        expect([pb.total, pb.hits.map((h) => h.docId)]).toEqual([pa.total, pa.hits.map((h) => h.docId)]);
      }
    });
  }

  it('on near-duplicate groups', async () => {
    expect(await postgres.dupGroups()).toEqual(await sqlite.dupGroups());
    expect((await sqlite.dupGroups()).total).toBe(1);
  });

  it('on documents and quotes', async () => {
    for (const id of ['col-01', 'col-03', 'col-07', 'col-14']) expect(await postgres.getDoc(id)).toEqual(await sqlite.getDoc(id));
    const all = async (s: Store): Promise<QuoteRow[]> => {
      const out: QuoteRow[] = [];
      for await (const q of s.quotes({})) out.push(q);
      return out;
    };
    expect(await all(postgres)).toEqual(await all(sqlite));
  });
});

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(skip !== undefined)('SQLite and PostgreSQL agree on BM25 over random key collections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isnad-eq-rand-'));
  const stores: Store[] = [];
  let drop: () => Promise<void>;
  const TERMS = ['سور', 'مسلح', 'حلب', 'روس', 'قال', 'في', 'جيش', 'تونس', 'ا', '2018', 'g', 'ءامن'];
  const next = rng(20260101);
  const pick = (): string => TERMS[Math.floor(next() ** 2 * TERMS.length)]!;
  const docs: Array<{ terms: string[] }> = [];
  for (let i = 0; i < 240; i++) {
    const n = i === 0 ? 0 : i === 1 ? 600 : Math.floor(next() * 120);
    docs.push({ terms: Array.from({ length: n }, () => (i === 1 ? 'حلب' : pick())) }); // doc 1: one term 600 times (capped)
  }

  beforeAll(async () => {
    const s = await freshSchema('isnad_eq_rand');
    drop = s.drop;
    stores.push(await SqliteStore.open(join(dir, 'rand.db')), await PostgresStore.open(s.url));
    for (const store of stores) {
      for (let i = 0; i < docs.length; i += 50) {
        await store.writeBatch(
          docs.slice(i, i + 50).map((d, k) => {
            const id = `r${String(i + k).padStart(4, '0')}`;
            const { keys, count } = capTerms(d.terms);
            return { kind: 'article' as const, source: { key: `rand#${id}`, recordId: id, hash: id }, text: keys, meta: {}, analysis: { keys, nKeys: count, blocks: [], mentions: [], attributions: [] } };
          }),
        );
      }
    }
    // near-duplicate groups over half the articles (ids 1…240 in both stores), to collapse
    const g = rng(99);
    const byGroup = new Map<number, number[]>();
    for (let id = 1; id <= docs.length; id++) {
      if (g() < 0.5) continue;
      const k = Math.floor(g() * 40);
      byGroup.set(k, [...(byGroup.get(k) ?? []), id]);
    }
    const assignments = [...byGroup.values()]
      .filter((m) => m.length > 1)
      .flatMap((m) => m.map((id, i) => ({ article: id, group: m[m.length - 1]!, kind: i === m.length - 1 ? ('original' as const) : ('cross-outlet' as const) })));
    expect(assignments.length).toBeGreaterThan(50);
    for (const store of stores) await store.writeDedup([], assignments);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same ids, order and scores for 150 random plans', async () => {
    const q = rng(7);
    const term = (): string => TERMS[Math.floor(q() * TERMS.length)]!;
    let compared = 0;
    for (let n = 0; n < 150; n++) {
      const phrases = Array.from({ length: 1 + Math.floor(q() * 3) }, () => Array.from({ length: 1 + Math.floor(q() * 2.5) }, term));
      const exclude = q() < 0.25 ? [[term()]] : [];
      const plan = { phrases, exclude, speakers: [], entities: [], outlets: [], types: [] };
      for (const collapse of [false, true]) {
        const [a, b] = await Promise.all(stores.map((s) => s.search(plan, { limit: 30, collapse })));
        expect(b!.total).toBe(a!.total);
        expect(b!.hits.map((h) => [h.docId, h.score, h.dupGroup])).toEqual(a!.hits.map((h) => [h.docId, h.score, h.dupGroup]));
        if (collapse) expect(new Set(a!.hits.map((h) => h.dupGroup ?? -h.id)).size).toBe(a!.hits.length);
        compared += a!.hits.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
