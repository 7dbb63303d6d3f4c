import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureStore } from '../../test/server/fixture.js';
import { IndexedSearcher } from '../search/indexed.js';
import { indexKeys } from '../search/keys.js';
import { tokens } from '../text/index.js';
import { compileQuery } from '../search/query.js';
import { search } from '../search/search.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createServer } from './app.js';
import { LiveIndex } from './live-index.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isnad-live-'));
  db = join(dir, 'fixture.db');
  await (await buildFixtureStore(dir, db)).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const article = (id: string, text: string) => {
  const { keys, count } = indexKeys(tokens(text));
  return { kind: 'article' as const, source: { key: `test#${id}`, recordId: id, hash: id }, text, meta: {}, analysis: { keys, nKeys: count, blocks: [], mentions: [], attributions: [] } };
};

describe('LiveIndex', () => {
  it('searches the store until the index is read, then the index, which answers the same', async () => {
    const store = await SqliteStore.open(db);
    const lines: string[] = [];
    const live = new LiveIndex(store, { log: (l) => lines.push(l) });
    expect(live.searcher()).toBe(store);
    expect(live.status().state).toBe('off');
    await live.start();
    expect(live.status()).toMatchObject({ state: 'ready', articles: 8 });
    expect(live.searcher()).toBeInstanceOf(IndexedSearcher);
    expect(lines.join('\n')).toMatch(/search index ready: 8 articles/);
    for (const q of ['الزراعة', 'speaker:منصور', '"الأمم المتحدة"', 'date:2025']) {
      expect(await search(store, q, { limit: 20, facets: true, searcher: live.searcher() })).toEqual(await search(store, q, { limit: 20, facets: true }));
    }
    await live.close();
    await store.close();
  });

  it('notices a write by another connection, searches the store meanwhile, and reads the index again', async () => {
    const store = await SqliteStore.open(db);
    const other: Store = await SqliteStore.open(db);
    const live = new LiveIndex(store, { checkEveryMs: 20 });
    await live.start();
    const plan = compileQuery('كلمةجديدةتماما');
    expect((await search(store, plan, { searcher: live.searcher() })).total).toBe(0);
    await other.writeBatch([article('live-1', 'كلمةجديدةتماما في النص')]);
    // stale as soon as the change is seen; the answer is right whichever searcher gives it
    await expect.poll(() => live.status().state !== 'ready' || live.index?.count === 9, { timeout: 5000 }).toBe(true);
    expect((await search(store, plan, { searcher: live.searcher() })).total).toBe(1);
    await expect.poll(() => live.index?.count, { timeout: 5000 }).toBe(9);
    expect(live.searcher()).toBeInstanceOf(IndexedSearcher);
    expect((await search(store, plan, { searcher: live.searcher() })).total).toBe(1);
    await live.close();
    await other.close();
    await store.close();
  });

  it('is made stale by a write through the API, and stops cleanly', async () => {
    const store = await SqliteStore.open(db);
    const live = new LiveIndex(store, { checkEveryMs: 50 });
    await live.start();
    const app = await createServer({ store, index: live, webRoot: null, allowWrite: true, cacheBytes: 0 });
    const stats = (await app.inject({ method: 'GET', url: '/api/stats', headers: { host: 'localhost' } }).then((r) => r.json())) as { searchIndex: { state: string } };
    expect(stats.searchIndex.state).toBe('ready');
    const res = await app.inject({
      method: 'POST',
      url: '/api/articles',
      headers: { host: 'localhost', 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'live-2', text: 'قال المتحدث إن الاجتماع المؤجل سيعقد غدا.' }),
    });
    expect(res.statusCode).toBe(201);
    expect(live.status().state).not.toBe('ready'); // no answer from an index that lacks the new article
    const found = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('المؤجل')}`, headers: { host: 'localhost' } }).then((r) => r.json());
    expect(found.total).toBe(1);
    await expect.poll(() => live.status().state, { timeout: 5000 }).toBe('ready');
    await app.close();
    await live.close();
    expect(live.searcher()).toBe(store);
    await store.close();
  });

  it('fails softly when the store cannot be read: the store searches, and the index is read again once it can', async () => {
    const real = await SqliteStore.open(db);
    let broken = true;
    let version = 1;
    const store = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'scanSearchData') return broken ? async () => Promise.reject(new Error('the store went away')) : target.scanSearchData.bind(target);
        if (prop === 'searchVersion') return async () => String(version);
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Store;
    const lines: string[] = [];
    const live = new LiveIndex(store, { checkEveryMs: 20, log: (l) => lines.push(l) });
    await live.start(); // resolves, does not throw
    expect(live.status()).toMatchObject({ state: 'failed', error: 'the store went away' });
    expect(live.searcher()).toBe(store);
    expect(lines.join('\n')).toMatch(/search index failed, searching the store instead/);
    broken = false;
    version++; // the collection changed: read again
    await expect.poll(() => live.status().state, { timeout: 5000 }).toBe('ready');
    expect(live.searcher()).toBeInstanceOf(IndexedSearcher);
    await live.close();
    await real.close();
  });

  it('gives the same API answers as a server without it: hits, snippets, also-published lists, facets', async () => {
    const store = await SqliteStore.open(db);
    const live = new LiveIndex(store);
    await live.start();
    const withIndex = await createServer({ store, index: live, webRoot: null, cacheBytes: 0 });
    const without = await createServer({ store, webRoot: null, cacheBytes: 0 });
    const urls = ['الزراعة', 'الأمم المتحدة', '"برنامج الأغذية"', 'قال', 'في -اليمن', 'speaker:منصور', 'date:2025', 'type:direct'].flatMap((q) => [
      `/api/search?q=${encodeURIComponent(q)}`,
      `/api/search?q=${encodeURIComponent(q)}&all=true&size=3&page=2`,
      `/api/search?q=${encodeURIComponent(q)}&facets=true`,
      `/api/facets?q=${encodeURIComponent(q)}`,
    ]);
    let also = 0;
    for (const url of urls) {
      const a = await without.inject({ method: 'GET', url, headers: { host: 'localhost' } });
      const b = await withIndex.inject({ method: 'GET', url, headers: { host: 'localhost' } });
      expect(b.statusCode, url).toBe(a.statusCode);
      expect(b.json(), url).toEqual(a.json());
      also += ((a.json() as { hits?: Array<{ also: unknown[] }> }).hits ?? []).reduce((n, h) => n + h.also.length, 0);
    }
    expect(also).toBeGreaterThan(0); // the fixture's exact duplicate is listed
    await withIndex.close();
    await without.close();
    await live.close();
    await store.close();
  });

  it('spaces its reads while the collection keeps changing, and searches the store meanwhile', async () => {
    const real = await SqliteStore.open(db);
    let reads = 0;
    let version = 0;
    const store = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'scanSearchData') return (...a: Parameters<Store['scanSearchData']>) => (reads++, target.scanSearchData(...a));
        if (prop === 'searchVersion') return async () => String(version);
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Store;
    const live = new LiveIndex(store, { checkEveryMs: 10 });
    await live.start();
    expect(reads).toBe(1);
    const writer = setInterval(() => version++, 5); // an ingest that never pauses
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(writer);
    expect(reads).toBe(1); // the next read waits 2 s after the last one started
    expect(live.searcher()).toBe(store);
    await expect.poll(() => live.status().state, { timeout: 5000 }).toBe('ready');
    expect(reads).toBe(2);
    await live.close();
    await real.close();
  });
});
