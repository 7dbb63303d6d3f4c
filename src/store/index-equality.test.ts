/**
 * The in-memory search index (src/search/collection-index.ts) answers as the store's SQL does —
 * the same ids, order, BM25 doubles, totals and collapsed groups — on random collections of keys
 * with near-duplicate groups, under random plans (phrases, repeated and overlapping terms,
 * exclusions, a term capped at 255 occurrences, an empty article), in SQLite and, when a server
 * answers, PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, pgOrSkipReason } from '../../test/pg.js';
import { rng } from '../ner/hash.js';
import { CollectionIndexBuilder } from '../search/collection-index.js';
import { IndexedSearcher } from '../search/indexed.js';
import { capTerms } from '../search/keys.js';
import type { SearchPlan } from '../search/query.js';
import { search } from '../search/search.js';
import { libmLn } from './libm.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

const pgSkip = await pgOrSkipReason();


const TERMS = ['سور', 'مسلح', 'حلب', 'روس', 'قال', 'في', 'جيش', 'تونس', 'ا', '2018', 'g', 'ءامن'];

async function randomCollection(store: Store, seed: number): Promise<void> {
  const next = rng(seed);
  const pick = (): string => TERMS[Math.floor(next() ** 2 * TERMS.length)]!;
  const items = [];
  for (let i = 0; i < 300; i++) {
    const n = i === 0 ? 0 : i === 1 ? 600 : Math.floor(next() * 150);
    const terms = Array.from({ length: n }, () => (i === 1 ? 'حلب' : pick()));
    const id = `r${String(i).padStart(4, '0')}`;
    const { keys, count } = capTerms(terms);
    items.push({ kind: 'article' as const, source: { key: `rand#${id}`, recordId: id, hash: id }, text: keys, meta: {}, analysis: { keys, nKeys: count, blocks: [], mentions: [], attributions: [] } });
  }
  for (let i = 0; i < items.length; i += 60) await store.writeBatch(items.slice(i, i + 60));
  const g = rng(seed + 1);
  const byGroup = new Map<number, number[]>();
  for (let id = 1; id <= items.length; id++) {
    if (g() < 0.4) continue;
    const k = Math.floor(g() * 50);
    byGroup.set(k, [...(byGroup.get(k) ?? []), id]);
  }
  const assignments = [...byGroup.values()]
    .filter((m) => m.length > 1)
    .flatMap((m) => m.map((id, i) => ({ article: id, group: m[0]!, kind: i === 0 ? ('original' as const) : ('cross-outlet' as const) })));
  await store.writeDedup([], assignments);
}

function randomPlans(seed: number, n: number): SearchPlan[] {
  const q = rng(seed);
  const term = (): string => TERMS[Math.floor(q() * TERMS.length)]!;
  return Array.from({ length: n }, () => {
    const phrases = q() < 0.1 ? [] : Array.from({ length: 1 + Math.floor(q() * 3) }, () => Array.from({ length: 1 + Math.floor(q() * 2.5) }, term));
    const exclude = q() < 0.3 || phrases.length === 0 ? [Array.from({ length: 1 + Math.floor(q() * 1.5) }, term)] : [];
    return { phrases, exclude, speakers: [], entities: [], outlets: [], types: [] };
  });
}

for (const engine of ['sqlite', 'postgres'] as const) {
  const skip = engine === 'postgres' ? pgSkip : undefined;
  describe.skipIf(skip !== undefined)(`in-memory index and ${engine} agree on random collections`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'isnad-index-eq-'));
    let store: Store;
    let drop: (() => Promise<void>) | undefined;
    let searcher: IndexedSearcher;

    beforeAll(async () => {
      if (engine === 'sqlite') store = await SqliteStore.open(join(dir, 'rand.db'));
      else {
        const s = await freshSchema('isnad_index_eq');
        drop = s.drop;
        store = await PostgresStore.open(s.url);
      }
      await randomCollection(store, 4242);
      const b = new CollectionIndexBuilder();
      await store.scanSearchData(b);
      searcher = new IndexedSearcher(b.build(), store, libmLn);
    });
    afterAll(async () => {
      await store?.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives the same hits, scores, totals and pages for 200 random plans', async () => {
      let compared = 0;
      for (const plan of randomPlans(11, 200)) {
        for (const collapse of [false, true]) {
          for (const [limit, offset] of [[40, 0], [7, 13]] as const) {
            const a = await search(store, plan, { limit, offset, collapse });
            const b = await search(store, plan, { limit, offset, collapse, searcher });
            expect(b, JSON.stringify({ plan, collapse, limit, offset })).toEqual(a);
            compared += a.hits.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(3000);
    });

    it('sees the capped article and the empty one as the store does', async () => {
      expect(searcher.index.count).toBe(300);
      // the article of one term 600 times keeps 255 occurrences, and its snippet is found by analysis
      const plan: SearchPlan = { phrases: [['حلب']], exclude: [], speakers: [], entities: [], outlets: [], types: [] };
      expect(searcher.phrasePositions(2, plan)).toBeUndefined();
      expect(searcher.phrasePositions(3, plan)).toBeDefined();
    });
  });
}
