/**
 * The Store test suite, run against every implementation (src/store/sqlite.test.ts,
 * src/store/postgres.test.ts): the same behaviour from both. Ingests the composed collection of
 * test/fixtures (two exact duplicates, one near variant), then checks storage, idempotence, search
 * against a slow reference (every document tokenized again), filters, facets, quotes and exports.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestSummary } from '../src/collection/ingest.js';
import { nameTerms, termsOf, tokenTerms } from '../src/search/keys.js';
import { CollectionIndexBuilder } from '../src/search/collection-index.js';
import { IndexedSearcher } from '../src/search/indexed.js';
import { compileQuery, type SearchPlan } from '../src/search/query.js';
import { search } from '../src/search/search.js';
import { libmLn } from '../src/store/libm.js';
import type { QuoteRow, Store, StoredDoc } from '../src/store/store.js';
import { tokens } from '../src/text/index.js';

export const FIXTURE = fileURLToPath(new URL('./fixtures/collection.jsonl', import.meta.url));

/** Ingests the fixture collection in this thread (no worker pool needed). */
export function ingestFixture(store: Store): Promise<IngestSummary> {
  return ingest([FIXTURE], store, { workers: 0, batchSize: 5 });
}

const has = (seq: readonly string[], phrase: readonly string[]): boolean => {
  for (let i = 0; i + phrase.length <= seq.length; i++) if (phrase.every((t, k) => seq[i + k] === t)) return true;
  return false;
};
const termsOfText = (text: string): string[] => tokens(text).flatMap(tokenTerms);

/** The slow reference: which stored documents a plan's text and filters select. */
function reference(docs: readonly StoredDoc[], plan: SearchPlan): string[] {
  return docs
    .filter((d) => {
      const seq = termsOfText(d.text);
      if (!plan.phrases.every((p) => has(seq, p))) return false;
      if (plan.exclude.some((p) => has(seq, p))) return false;
      if (plan.entities.some((e) => !(d.entities ?? []).some((m) => has(termsOf(m.key ?? ''), e)))) return false;
      const day = typeof d.meta.date === 'string' ? d.meta.date.slice(0, 10) : undefined;
      if (plan.date?.from !== undefined && (day === undefined || day < plan.date.from)) return false;
      if (plan.date?.to !== undefined && (day === undefined || day >= plan.date.to)) return false;
      return true;
    })
    .map((d) => d.id)
    .sort();
}

export function storeSuite(name: string, open: () => Promise<Store>, skip?: string): void {
  describe.skipIf(skip !== undefined)(`Store: ${name}`, () => {
    let store: Store;
    let first: IngestSummary;
    let docs: StoredDoc[] = [];

    beforeAll(async () => {
      store = await open();
      first = await ingestFixture(store);
      docs = [];
      for await (const d of store.exportArticles()) docs.push(d);
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('writeBatch (through ingest)', () => {
      it('stores each distinct text once and keeps every source', async () => {
        expect(first.failed).toBe(0);
        expect(first.ingested).toBe(12);
        expect(first.duplicates).toBe(2);
        const c = await store.counts();
        expect(c.articles).toBe(12);
        expect(c.sources).toBe(14);
        const dup = (await store.getDoc('col-03'))!;
        expect(dup.sources.map((s) => s.recordId).sort()).toEqual(['col-03', 'col-04']);
        expect(dup.sources.map((s) => s.url).sort()).toEqual(['http://example.org/sharq/4', 'http://example.org/wire/3']);
        expect(await store.getDoc('col-04')).toBeUndefined();
        expect(await store.getDoc('col-05')).toBeDefined(); // the near variant is its own article
        expect((await store.getDoc('col-07'))!.sources.map((s) => s.recordId).sort()).toEqual(['col-07', 'col-13']);
      });

      it('is idempotent: ingesting again adds nothing', async () => {
        const before = await store.counts();
        const again = await ingestFixture(store);
        expect(again.ingested).toBe(0);
        expect(again.duplicates).toBe(0);
        expect(again.already).toBe(14);
        expect(await store.counts()).toEqual(before);
      });

      it('writes a batch whole or not at all', async () => {
        const before = await store.counts();
        const good = { kind: 'article' as const, source: { key: 'test#good', recordId: 'good', hash: 'h-good' }, text: 'نص', meta: {}, analysis: { keys: 'نص', nKeys: 1, blocks: [], mentions: [], attributions: [] } };
        const bad = { ...good, source: { key: 'test#bad', recordId: 'bad', hash: 'h-bad' }, analysis: { ...good.analysis, blocks: [[0, 2, null as unknown as 'body']] as Array<[number, number, 'body']> } };
        await expect(store.writeBatch([good, bad])).rejects.toThrow();
        expect(await store.counts()).toEqual(before);
        expect(await store.getDoc('good')).toBeUndefined();
      });

      it('lookup tells stored sources and texts apart', async () => {
        const doc = (await store.getDoc('col-01'))!;
        const key = doc.sources[0]!.key;
        const r = await store.lookup([key, 'nope#1'], ['0'.repeat(64)]);
        expect([...r.sources]).toEqual([key]);
        expect(r.hashes.size).toBe(0);
      });

      it('keeps a Doc: text, meta, blocks, entities and attributions with exact spans', async () => {
        expect(docs).toHaveLength(12);
        for (const d of docs) {
          for (const s of [...(d.blocks ?? []), ...(d.entities ?? [])]) expect(d.text.slice(s.start, s.end)).toBe(s.text);
          for (const a of d.attributions ?? []) {
            for (const s of [a.cue, a.content, a.source, a.speaker, a.medium, a.hedge, ...a.via]) if (s) expect(d.text.slice(s.start, s.end)).toBe(s.text);
          }
          expect(d.blocks!.length).toBeGreaterThan(0);
          for (const e of d.entities ?? []) expect(e.id).toMatch(/^e\d+$/);
        }
        const d14 = docs.find((d) => d.id === 'col-14')!;
        expect(d14.meta.date).toBeUndefined();
        expect(d14.meta.title).toBe('بيان لوزارة الخارجية القطرية');
        expect(docs.reduce((n, d) => n + (d.attributions?.length ?? 0), 0)).toBe((await store.counts()).attributions);
      });

      it('has schema version 2', async () => {
        expect(await store.schemaVersion()).toBe(2);
      });
    });

    describe('search', () => {
      const queries = [
        'السورى',
        'السوري',
        'المسلحين',
        'والمسلحين',
        '"وزارة الخارجية"',
        '"وزارة الخارجية الروسية"',
        'سوريا -لافروف',
        'حلب المسلحين',
        'الأمم المتحدة',
        'هدنة date:2018-02',
        'تونس date:..2018-02',
        'entity:حلب',
        'entity:"الأمم المتحدة" سوريا',
        'date:2018-03..2018-04',
        '-سوريا date:2018',
      ];
      for (const q of queries) {
        it(`finds what the slow reference finds: ${q}`, async () => {
          const plan = compileQuery(q);
          const r = await search(store, plan, { limit: 100, collapse: false });
          const ref = reference(docs, plan);
          expect(r.hits.map((h) => h.docId).sort()).toEqual(ref);
          expect(r.total).toBe(r.hits.length);
          // collapsed: one hit per near-duplicate group among the same matches, every match covered
          const c = await search(store, plan, { limit: 100 });
          const groups = await store.dupGroupsOf(ref);
          const groupOf = (id: string): string => (groups.has(id) ? `g${groups.get(id)}` : id);
          const shown = c.hits.map((h) => groupOf(h.docId));
          expect(new Set(shown).size).toBe(shown.length);
          expect([...shown].sort()).toEqual([...new Set(ref.map(groupOf))].sort());
          expect(c.total).toBe(c.hits.length);
          for (const h of c.hits) expect(ref).toContain(h.docId);
        });
      }

      it('collapses near-duplicates by default: the best-ranked copy, the others as alsoPublishedBy', async () => {
        // col-05 is a near variant of col-03 (another outlet, a day later): one group, col-03 its original
        const groups = await store.dupGroups();
        expect(groups.groups.map((g) => g.members.map((m) => `${m.docId}:${m.kind}`))).toEqual([['col-03:original', 'col-05:cross-outlet']]);
        const all = await search(store, 'هدنة', { limit: 10, collapse: false });
        expect(all.hits.map((h) => h.docId).sort()).toEqual(['col-03', 'col-05']);
        expect(all.hits.every((h) => h.alsoPublishedBy === undefined && h.dupGroup === groups.groups[0]!.group)).toBe(true);
        const one = await search(store, 'هدنة', { limit: 10 });
        expect(one.total).toBe(1);
        expect(one.hits).toHaveLength(1);
        const best = all.hits[0]!;
        expect(one.hits[0]!.docId).toBe(best.docId); // the best-ranked member
        const other = all.hits[1]!;
        expect(one.hits[0]!.alsoPublishedBy).toEqual({
          count: 1,
          outlets: [other.outlet],
          copies: [{ docId: other.docId, title: other.title, outlet: other.outlet, date: other.date, url: other.url, kind: other.docId === 'col-03' ? 'original' : 'cross-outlet' }],
        });
        // unranked queries collapse to the newest copy
        const feb = await search(store, 'date:2018-02', { limit: 10 });
        const febAll = await search(store, 'date:2018-02', { limit: 10, collapse: false });
        expect(feb.total).toBe(febAll.total - 1);
        expect(feb.hits.map((h) => h.docId)).toEqual(febAll.hits.map((h) => h.docId).filter((id) => id !== 'col-03'));
      });

      it('pages collapsed results consistently', async () => {
        for (const q of ['سوريا', 'date:2018', 'الأمم المتحدة']) {
          const whole = await search(store, q, { limit: 100 });
          const pages: string[] = [];
          for (let offset = 0; offset < whole.total; offset += 2) {
            const p = await search(store, q, { limit: 2, offset, snippets: false });
            expect(p.total).toBe(whole.total);
            pages.push(...p.hits.map((h) => h.docId));
          }
          expect(pages).toEqual(whole.hits.map((h) => h.docId));
          expect((await search(store, q, { limit: 2, offset: 100 })).total).toBe(whole.total);
        }
      });

      it('finds السوري for السورى and المسلحين for والمسلحين', async () => {
        const a = (await search(store, 'السورى', { limit: 50 })).hits.map((h) => h.docId);
        expect(a).toEqual(expect.arrayContaining(['col-01', 'col-02'])); // السورى (Egyptian) and السوري
        const b = (await search(store, 'المسلحين', { limit: 50 })).hits.map((h) => h.docId);
        expect(b).toEqual(expect.arrayContaining(['col-01', 'col-02'])); // المسلحين and والمسلحين
      });

      it('ranks by BM25 (lower is better), ties by id', async () => {
        const r = await search(store, 'المسلحين سوريا', { limit: 50 });
        expect(r.hits.length).toBeGreaterThan(1);
        for (let i = 1; i < r.hits.length; i++) {
          const [a, b] = [r.hits[i - 1]!, r.hits[i]!];
          expect(a.score < b.score || (a.score === b.score && a.id < b.id)).toBe(true);
        }
        for (const h of r.hits) expect(h.score).toBeLessThan(0);
        const page2 = await search(store, 'المسلحين سوريا', { limit: 2, offset: 1 });
        expect(page2.hits.map((h) => h.docId)).toEqual(r.hits.slice(1, 3).map((h) => h.docId));
        expect(page2.total).toBe(r.total);
      });

      it('orders unranked queries by day, newest first, then doc id', async () => {
        const r = await search(store, 'date:2018', { limit: 50 });
        const days = r.hits.map((h) => h.date!.slice(0, 10));
        expect([...days].sort().reverse()).toEqual(days);
        for (let i = 1; i < r.hits.length; i++) if (days[i] === days[i - 1]) expect(r.hits[i]!.id).toBeGreaterThan(r.hits[i - 1]!.id);
        expect(r.hits.every((h) => h.score === 0)).toBe(true);
      });

      it('gives a total beyond the last page', async () => {
        const r = await search(store, 'سوريا', { limit: 5, offset: 100 });
        expect(r.hits).toEqual([]);
        expect(r.total).toBe((await search(store, 'سوريا', { limit: 100 })).total);
      });

      it('cuts snippets whose highlights are exact slices of the article text', async () => {
        const r = await search(store, 'السورى "وزارة الخارجية"', { limit: 10 });
        for (const h of r.hits) {
          const d = docs.find((x) => x.id === h.docId)!;
          const sn = h.snippet!;
          expect(d.text.slice(sn.start, sn.end)).toBe(sn.text);
          expect(sn.highlights.length).toBeGreaterThan(0);
          for (const x of sn.highlights) {
            expect(d.text.slice(x.start, x.end)).toBe(x.text);
            expect(x.start >= sn.start && x.end <= sn.end).toBe(true);
          }
        }
      });

      it('filters by speaker, type and outlet', async () => {
        const sp = await search(store, 'speaker:لافروف', { limit: 50 });
        expect(sp.hits.map((h) => h.docId)).toEqual(expect.arrayContaining(['col-01']));
        for (const h of sp.hits) {
          const d = docs.find((x) => x.id === h.docId)!;
          expect(d.attributions!.some((a) => a.speaker && /لافروف/.test(a.speaker.text))).toBe(true);
        }
        const direct = await search(store, 'type:direct', { limit: 50 });
        expect(direct.hits.map((h) => h.docId).sort()).toEqual(docs.filter((d) => d.attributions!.some((a) => a.type === 'direct')).map((d) => d.id).sort());
        const outlet = await search(store, 'outlet:"تونس اليوم"', { limit: 50 });
        expect(outlet.hits.map((h) => h.docId).sort()).toEqual(['col-06', 'col-07']);
        const two = await search(store, 'outlet:"تونس اليوم" outlet:الشرق', { limit: 50 });
        expect(two.total).toBe(docs.filter((d) => d.meta.outlet === 'تونس اليوم' || d.meta.outlet === 'الشرق').length);
      });

      it('counts facets over every match', async () => {
        const r = await search(store, 'date:2018', { limit: 1, facets: true, collapse: false });
        const f = r.facets!;
        expect(f.outlet.reduce((n, x) => n + x.count, 0)).toBe(r.total);
        expect(f.month.map((m) => m.value)).toEqual(['2018-01', '2018-02', '2018-03', '2018-04']);
        expect(f.month.reduce((n, x) => n + x.count, 0)).toBe(r.total);
        for (let i = 1; i < f.entity.length; i++) expect(f.entity[i - 1]!.count).toBeGreaterThanOrEqual(f.entity[i]!.count);
        const top = f.speaker[0];
        if (top) expect(top.count).toBeGreaterThan(0);
        const sy = (await search(store, 'سوريا', { limit: 1, facets: true })).facets!;
        expect(sy.month.reduce((n, x) => n + x.count, 0)).toBeLessThanOrEqual(r.total);
      });

      it('refuses terms that are not index terms', async () => {
        await expect(store.search({ phrases: [['a"b']], exclude: [], speakers: [], entities: [], outlets: [], types: [] })).rejects.toThrow(/ISNAD_STORE_BAD_TERM/);
      });
    });

    describe('quotes and exports', () => {
      const all = async (it: AsyncIterable<QuoteRow>): Promise<QuoteRow[]> => {
        const out: QuoteRow[] = [];
        for await (const q of it) out.push(q);
        return out;
      };

      it('lists quotes newest first, with exact spans', async () => {
        const qs = await all(store.quotes({}));
        expect(qs.length).toBe((await store.counts()).attributions);
        const days = qs.map((q) => (q.date ?? '').slice(0, 10)).filter((d) => d !== '');
        expect([...days].sort().reverse()).toEqual(days);
        for (const q of qs) {
          const d = docs.find((x) => x.id === q.docId)!;
          expect(d.text.slice(q.content.start, q.content.end)).toBe(q.content.text);
        }
        expect((await all(store.quotes({}, { limit: 3, offset: 2 }))).map((q) => `${q.docId}/${q.idx}`)).toEqual(qs.slice(2, 5).map((q) => `${q.docId}/${q.idx}`));
      });

      it('filters quotes by speaker, entity in the content, outlet, type and date', async () => {
        const lav = await all(store.quotes({ speakers: [nameTerms('لافروف')] }));
        expect(lav.length).toBeGreaterThan(0);
        for (const q of lav) expect(q.speakerKey).toMatch(/لافروف/);
        const ent = await all(store.quotes({ entities: [nameTerms('حلب')] }));
        for (const q of ent) {
          const d = docs.find((x) => x.id === q.docId)!;
          expect(d.entities!.some((e) => e.key === 'حلب' && e.start >= q.content.start && e.end <= q.content.end)).toBe(true);
        }
        const direct = await all(store.quotes({ types: ['direct'], outlets: ['الشرق'] }));
        for (const q of direct) {
          expect(q.type).toBe('direct');
          expect(q.outlet).toBe('الشرق');
        }
        const feb = await all(store.quotes({ date: { from: '2018-02-01', to: '2018-03-01' } }));
        for (const q of feb) expect(q.date!.slice(0, 7)).toBe('2018-02');
      });

      it('exports every mention and attribution', async () => {
        const c = await store.counts();
        let n = 0;
        for await (const m of store.exportMentions()) {
          n++;
          expect(m.text.length).toBe(m.end - m.start);
        }
        expect(n).toBe(c.mentions);
        expect((await all(store.exportAttributions())).length).toBe(c.attributions);
      });
    });

    describe('sources', () => {
      it('gives the sources of many articles at once, as getDoc does', async () => {
        const n = (await store.counts()).articles;
        // ids are given in storage order; a rolled-back batch may leave gaps (PostgreSQL sequences)
        const got = await store.sources(Array.from({ length: n + 100 }, (_, i) => i + 1));
        expect(got.size).toBe(n);
        for (const d of docs) {
          const list = [...got.values()].find((l) => l.some((s) => s.key === d.sources[0]!.key));
          expect(list).toEqual((await store.getDoc(d.id))!.sources);
        }
        expect((await store.sources([])).size).toBe(0);
      });
    });

    describe('entities', () => {
      /** The reference: per (type, key), the articles and mentions, counted from the stored documents. */
      const reference = (): Map<string, { articles: number; mentions: number }> => {
        const out = new Map<string, { articles: number; mentions: number }>();
        for (const d of docs) {
          const seen = new Set<string>();
          for (const e of d.entities ?? []) {
            const k = `${e.type}\u0000${e.key}`;
            const r = out.get(k) ?? { articles: 0, mentions: 0 };
            r.mentions++;
            if (!seen.has(k)) r.articles++;
            seen.add(k);
            out.set(k, r);
          }
        }
        return out;
      };
      const all = async (it: AsyncIterable<QuoteRow>): Promise<QuoteRow[]> => {
        const out: QuoteRow[] = [];
        for await (const q of it) out.push(q);
        return out;
      };

      it('lists every entity with its counts, most articles first, and pages the list', async () => {
        const ref = reference();
        const r = await store.entities({}, { limit: 10_000 });
        expect(r.total).toBe(ref.size);
        for (const e of r.entities) expect({ articles: e.articles, mentions: e.mentions }).toEqual(ref.get(`${e.type}\u0000${e.key}`));
        for (let i = 1; i < r.entities.length; i++) {
          const [a, b] = [r.entities[i - 1]!, r.entities[i]!];
          expect(a.articles > b.articles || (a.articles === b.articles && a.id < b.id)).toBe(true);
        }
        const page = await store.entities({}, { limit: 3, offset: 2 });
        expect(page.entities.map((e) => e.id)).toEqual(r.entities.slice(2, 5).map((e) => e.id));
        expect(await store.entity(r.entities[0]!.id)).toEqual(r.entities[0]);
        expect(await store.entity(9_999_999)).toBeUndefined();
      });

      it('filters entities by words of the name, type and key', async () => {
        const r = await store.entities({}, { limit: 10_000 });
        const per = await store.entities({ type: 'PER' }, { limit: 10_000 });
        expect(per.total).toBe(r.entities.filter((e) => e.type === 'PER').length);
        expect(per.entities.every((e) => e.type === 'PER')).toBe(true);
        const some = r.entities.find((e) => e.type === 'PER')!;
        const byKey = await store.entities({ key: some.key }, { limit: 10 });
        expect(byKey.entities.map((e) => e.key)).toEqual(byKey.entities.map(() => some.key));
        expect(byKey.entities.map((e) => e.id)).toContain(some.id);
        const word = some.key.split(' ').at(-1)!;
        const named = await store.entities({ terms: nameTerms(word) }, { limit: 10_000 });
        expect(named.entities.map((e) => e.id)).toContain(some.id);
        for (const e of named.entities) expect(termsOf(e.key).join(' ')).toContain(nameTerms(word).join(' '));
      });

      it('gives an entity its months, co-mentioned entities, and statements by and about it', async () => {
        const top = (await store.entities({}, { limit: 1 })).entities[0]!;
        const timeline = await store.entityTimeline(top.id);
        expect(timeline.map((t) => t.value)).toEqual([...timeline.map((t) => t.value)].sort());
        expect(timeline.reduce((n, t) => n + t.count, 0)).toBeLessThanOrEqual(top.articles);
        const co = await store.coMentioned(top.id, 5);
        expect(co.map((c) => c.id)).not.toContain(top.id);
        for (let i = 1; i < co.length; i++) expect(co[i - 1]!.articles >= co[i]!.articles).toBe(true);
        for (const c of co) {
          const both = docs.filter((d) => (d.entities ?? []).some((e) => e.key === top.key && e.type === top.type) && (d.entities ?? []).some((e) => e.key === c.key && e.type === c.type));
          expect(c.articles).toBe(both.length);
        }
        // statements by and about: checked against the stored documents' entity spans
        const ents = await store.entities({}, { limit: 10_000 });
        let byFound = 0;
        for (const e of ents.entities) {
          const inside = (q: QuoteRow, s: { start: number; end: number } | null): boolean =>
            !!s && docs.find((d) => d.id === q.docId)!.entities!.some((m) => m.key === e.key && m.type === e.type && m.start >= s.start && m.end <= s.end);
          const by = await all(store.quotes({ speakerEntity: e.id }));
          byFound += by.length;
          for (const q of by) expect(inside(q, q.speaker ?? q.source)).toBe(true);
          for (const q of await all(store.quotes({ aboutEntity: e.id }))) expect(inside(q, q.content)).toBe(true);
        }
        expect(byFound).toBeGreaterThan(0);
      });
    });

    describe('in-memory search index', () => {
      // every query of the language: words, phrases, exclusions, and each filter, alone and together
      const queries = [
        'السورى',
        'المسلحين',
        'والمسلحين سوريا',
        '"وزارة الخارجية"',
        '"وزارة الخارجية الروسية"',
        'سوريا -لافروف',
        'حلب -"الأمم المتحدة"',
        'الأمم المتحدة هدنة',
        'قال',
        'في',
        'في من',
        'هدنة date:2018-02',
        'تونس date:..2018-02',
        'date:2018-03..2018-04',
        '-سوريا date:2018',
        'entity:حلب',
        'entity:"الأمم المتحدة" سوريا',
        'entity:حلب entity:سوريا',
        'speaker:لافروف',
        'speaker:لافروف سوريا',
        'speaker:لافروف type:direct',
        'type:direct',
        'type:indirect type:mixed',
        'outlet:"تونس اليوم"',
        'outlet:"تونس اليوم" outlet:الشرق قال',
        'outlet:nosuchoutlet',
        'entity:nosuchname',
        'كلمةلاتوجد',
      ];
      let searcher: IndexedSearcher;

      beforeAll(async () => {
        const b = new CollectionIndexBuilder();
        await store.scanSearchData(b);
        searcher = new IndexedSearcher(b.build(), store, libmLn);
      });

      it('reads every stored article', async () => {
        expect(searcher.index.count).toBe((await store.counts()).articles);
        expect(searcher.index.postings).toBeGreaterThan(300);
      });

      for (const q of queries) {
        it(`answers as the store does: ${q}`, async () => {
          const plan = compileQuery(q);
          for (const collapse of [true, false]) {
            for (const [limit, offset] of [[50, 0], [2, 1], [3, 100]] as const) {
              const a = await search(store, plan, { limit, offset, collapse });
              const b = await search(store, plan, { limit, offset, collapse, searcher });
              expect(b, `${q} collapse=${collapse} ${limit}@${offset}`).toEqual(a);
            }
          }
          expect(await searcher.facets(plan, 5)).toEqual(await store.facets(plan, 5));
        });
      }
    });
  });
}
