import { describe, expect, it } from 'vitest';
import { CollectionIndexBuilder, compareCodePoints } from './collection-index.js';
import type { SearchPlan } from './query.js';

const plan = (p: Partial<SearchPlan>): SearchPlan => ({ phrases: [], exclude: [], speakers: [], entities: [], outlets: [], types: [], ...p });

/** Three articles: 1 and 2 copies of one group, 3 alone; speakers and entities on 1 and 3. */
function small(): CollectionIndexBuilder {
  const b = new CollectionIndexBuilder();
  const article = (id: number, nKeys: number, outletKey: string | null, outlet: string | null, day: string | null): void =>
    b.article({ id, nKeys, outletKey, outlet, day, month: day?.slice(0, 7) ?? null, docId: `d${id}`, title: id === 3 ? null : `t${id}`, date: day, url: null, otherSources: id === 2 });
  article(1, 4, 'bbc', 'BBC', '2018-02-01');
  article(2, 4, 'cnn', 'CNN', '2018-02-03');
  article(3, 6, 'bbc', 'BBC', null);
  for (const [t, d, p] of [['سور', 1, [0, 2]], ['حلب', 1, [1]], ['سور', 2, [0]], ['حلب', 2, [3]], ['حلب', 3, [0, 1, 2]]] as Array<[string, number, number[]]>) b.term('article', t, d, p);
  b.term('speaker', 'لافروف', 7, [0]);
  b.term('entity', 'حلب', 4, [0]);
  b.speaker(7, 'لافروف', 'لافروف');
  b.entity(4, 'LOC', 'حلب', 'حلب');
  b.attribution(1, 7, 'direct');
  b.attribution(3, null, 'indirect');
  b.articleEntity(3, 4);
  b.dupMember(1, 1, { id: 1, docId: 'a', title: null, outlet: 'BBC', date: '2018-02-01', url: null, kind: 'original' });
  b.dupMember(2, 1, { id: 2, docId: 'b', title: null, outlet: 'CNN', date: '2018-02-03', url: null, kind: 'cross-outlet' });
  return b;
}

describe('CollectionIndex', () => {
  const index = small().build();

  it('ranks, collapses and counts', () => {
    const all = index.search(plan({ phrases: [['حلب']] }), { limit: 10 }, Math.log);
    expect(all.total).toBe(3);
    expect(all.hits.map((h) => h.id).sort()).toEqual([1, 2, 3]);
    for (let i = 1; i < all.hits.length; i++) expect(all.hits[i - 1]!.score <= all.hits[i]!.score).toBe(true);
    const one = index.search(plan({ phrases: [['حلب']] }), { limit: 10, collapse: true }, Math.log);
    expect(one.total).toBe(2);
    expect(one.hits.filter((h) => h.group === 1)).toHaveLength(1);
  });

  it('filters by outlet, date, type, speaker and entity, newest first without words', () => {
    const ids = (p: Partial<SearchPlan>): number[] => index.search(plan(p), { limit: 10 }, Math.log).hits.map((h) => h.id);
    expect(ids({ outlets: ['bbc'] })).toEqual([1, 3]);
    expect(ids({ date: { from: '2018-02-02' } })).toEqual([2]);
    expect(ids({ date: { to: '2019-01-01' } })).toEqual([2, 1]);
    expect(ids({ types: ['indirect'] })).toEqual([3]);
    expect(ids({ speakers: [['لافروف']] })).toEqual([1]);
    expect(ids({ speakers: [['لافروف']], types: ['indirect'] })).toEqual([]);
    expect(ids({ entities: [['حلب']] })).toEqual([3]);
    expect(ids({ exclude: [['سور']] })).toEqual([3]);
  });

  it('counts facets and knows its most frequent terms', () => {
    const f = index.facets(plan({ phrases: [['حلب']] }), 5, Math.log);
    expect(f.outlet).toEqual([{ value: 'BBC', count: 2 }, { value: 'CNN', count: 1 }]);
    expect(f.month).toEqual([{ value: '2018-02', count: 2 }]);
    expect(f.speaker).toEqual([{ key: 'لافروف', value: 'لافروف', count: 1 }]);
    expect(f.entity).toEqual([{ key: 'حلب', type: 'LOC', value: 'حلب', count: 1 }]);
    expect(index.frequentTerms(1)).toEqual(['حلب']);
    // the scratch counts are back to zero: the same answer twice
    expect(index.facets(plan({ phrases: [['حلب']] }), 5, Math.log)).toEqual(f);
  });

  it('keeps what a list of hits shows', () => {
    expect(index.summary(1)).toEqual({ docId: 'd1', title: 't1', outlet: 'BBC', date: '2018-02-01', url: null });
    expect(index.summary(3)).toEqual({ docId: 'd3', title: null, outlet: 'BBC', date: null, url: null });
    expect(index.summary(9)).toBeUndefined();
    expect([1, 2, 3].map((id) => index.hasOtherSources(id))).toEqual([false, true, false]);
  });

  it('refuses ids too sparse to index arrays by', () => {
    const b = new CollectionIndexBuilder();
    b.article({ id: 50_000_000, nKeys: 1, outletKey: null, outlet: null, day: null, month: null, docId: 'x', title: null, date: null, url: null, otherSources: false });
    expect(() => b.build()).toThrow(/ISNAD_INDEX_SPARSE/);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point (UTF-8 bytes, as SQLite and PostgreSQL "C" do), not by UTF-16 unit', () => {
    const astral = '\u{1F600}'; // a surrogate pair: above U+FFFF
    expect(compareCodePoints(astral, '\uFF01')).toBeGreaterThan(0);
    expect(astral < '\uFF01').toBe(true); // what plain JS comparison would say
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('حلب', 'حلب')).toBe(0);
  });
});
