/**
 * The collection on real news (shared data; skipped with a message when absent): 1,500 articles of
 * ANT Jawhara FM and 500 of SaudiNewsNet analyzed once, written into SQLite and PostgreSQL with the
 * same batches, then 80 queries drawn from the texts must give the same ids, order, scores and
 * totals from both. Spelling variants must meet (السورى/السوري) and every snippet highlight must
 * be an exact slice of its article.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBatch } from '../../src/collection/analysis.js';
import { contentHash, storableText } from '../../src/collection/hash.js';
import { dataDir, readCorpus, type CorpusName } from '../../src/ingest/corpus/index.js';
import '../../src/ner/node.js';
import { CollectionIndexBuilder } from '../../src/search/collection-index.js';
import { IndexedSearcher } from '../../src/search/indexed.js';
import { compileQuery } from '../../src/search/query.js';
import { libmLn } from '../../src/store/libm.js';
import { search } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { BatchItem, Store } from '../../src/store/store.js';
import { tokenize } from '../../src/text/index.js';
import { freshSchema, pgOrSkipReason } from '../pg.js';

const DATA = dataDir();
if (!DATA) console.warn('collection data tests skipped: no shared data (set ISNAD_DATA)');
const pgSkip = DATA ? await pgOrSkipReason() : 'no data';
const TIMEOUT = 300_000;

describe.skipIf(!DATA)('collection on real news', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isnad-coll-data-'));
  const stores: Store[] = [];
  let drop: (() => Promise<void>) | undefined;
  const texts: string[] = [];

  /** 80 queries drawn from the texts (a fixed seed): words, pairs, phrases, exclusions, and each filter. */
  const drawQueries = (): string[] => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = (t: string): string[] => tokenize(t).filter((k) => k.kind === 'word').map((k) => t.slice(k.start, k.end));
    const queries: string[] = ['في', 'قال', 'تونس', 'السعودية', '"وزارة الداخلية"', 'entity:تونس', 'speaker:الوزير', 'type:direct', 'date:2016', 'outlet:"jawhara fm" تونس'];
    while (queries.length < 80) {
      const w = words(texts[Math.floor(next() * texts.length)]!);
      if (w.length < 5) continue;
      const i = Math.floor(next() * (w.length - 3));
      const kind = next();
      const q = kind < 0.4 ? w[i]! : kind < 0.7 ? `${w[i]} ${w[i + 2]}` : kind < 0.9 ? `"${w[i]} ${w[i + 1]}"` : `${w[i]} -${w[i + 1]}`;
      try {
        compileQuery(q);
        queries.push(q);
      } catch {
        // punctuation only
      }
    }
    return queries;
  };

  beforeAll(async () => {
    const batches: BatchItem[][] = [];
    const seen = new Set<string>();
    for (const [corpus, limit] of [['ant-jawharafm', 1500], ['saudinewsnet', 500]] as Array<[CorpusName, number]>) {
      let batch: BatchItem[] = [];
      const records = [];
      for await (const r of readCorpus(corpus, { limit })) records.push(r);
      const analyses = analyzeBatch(records.map((r) => ({ id: r.id, text: storableText(r.text), meta: r.meta as never })));
      records.forEach((r, i) => {
        const a = analyses[i]!;
        if ('error' in a) throw new Error(a.error);
        const text = storableText(r.text);
        const hash = contentHash(text);
        const source = { key: `corpus:${corpus}#${r.id}`, recordId: r.id, hash, origin: r.meta.origin, url: r.meta.url, outlet: r.meta.outlet, date: r.meta.date };
        batch.push(seen.has(hash) ? { kind: 'source', source } : { kind: 'article', source, text, meta: r.meta, analysis: a });
        if (!seen.has(hash)) texts.push(text);
        seen.add(hash);
        if (batch.length === 100) {
          batches.push(batch);
          batch = [];
        }
      });
      if (batch.length > 0) batches.push(batch);
    }
    stores.push(await SqliteStore.open(join(dir, 'real.db')));
    if (!pgSkip) {
      const s = await freshSchema('isnad_real');
      drop = s.drop;
      stores.push(await PostgresStore.open(s.url));
    }
    for (const store of stores) {
      for (const b of batches) await store.writeBatch(b);
      await store.optimize();
    }
  }, TIMEOUT);

  afterAll(async () => {
    for (const s of stores) await s.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds السوري for السورى and المسلحين for والمسلحين', async () => {
    const sqlite = stores[0]!;
    for (const [variant, form] of [['السورى', 'السوري'], ['والمسلحين', 'المسلحين']] as const) {
      const holding = texts.filter((t) => tokenize(t).some((k) => k.kind === 'word' && t.slice(k.start, k.end) === form)).length;
      const r = await search(sqlite, variant, { limit: 1, snippets: false });
      expect(holding).toBeGreaterThan(0);
      expect(r.total).toBeGreaterThanOrEqual(holding);
    }
  });

  it.skipIf(pgSkip !== undefined)(
    'gives the same results from SQLite and PostgreSQL on 80 queries drawn from the texts',
    async () => {
      const queries = drawQueries();
      let compared = 0;
      for (const q of queries) {
        const [a, b] = await Promise.all(stores.map((s) => search(s, q, { limit: 20 })));
        expect(b!.total, q).toBe(a!.total);
        expect(b!.hits.map((h) => [h.docId, h.score]), q).toEqual(a!.hits.map((h) => [h.docId, h.score]));
        expect(b!.hits.map((h) => h.snippet), q).toEqual(a!.hits.map((h) => h.snippet));
        compared += a!.hits.length;
      }
      expect(compared).toBeGreaterThan(400);
    },
    TIMEOUT,
  );

  it(
    'answers from the in-memory index as from each store: hits, scores, snippets, groups, totals and facets',
    async () => {
      const queries = drawQueries();
      for (const store of stores) {
        const b = new CollectionIndexBuilder();
        await store.scanSearchData(b);
        const searcher = new IndexedSearcher(b.build(), store, libmLn);
        expect(searcher.index.count).toBe(texts.length);
        let compared = 0;
        for (const q of queries) {
          for (const collapse of [true, false]) {
            const a = await search(store, q, { limit: 20, collapse, facets: collapse });
            const c = await search(store, q, { limit: 20, collapse, facets: collapse, searcher });
            expect(c, `${store.kind}: ${q}`).toEqual(a);
            compared += a.hits.length;
          }
        }
        expect(compared).toBeGreaterThan(800);
      }
    },
    TIMEOUT,
  );

  it('cuts snippets whose highlights are exact slices of the article', async () => {
    const sqlite = stores[0]!;
    const r = await search(sqlite, 'تونس الحكومة', { limit: 20 });
    const byId = await sqlite.texts(r.hits.map((h) => h.id));
    for (const h of r.hits) {
      const text = byId.get(h.id)!;
      expect(text.slice(h.snippet!.start, h.snippet!.end)).toBe(h.snippet!.text);
      for (const x of h.snippet!.highlights) expect(text.slice(x.start, x.end)).toBe(x.text);
    }
  });
});
