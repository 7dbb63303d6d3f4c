/** GET /api/search: the query language over the store, ranked hits with snippets, facets, and who else published each hit. */
import { search, type SearchHit, type Searcher } from '../search/search.js';
import { compileQuery } from '../search/query.js';
import type { RankedHit, Store, StoredSource } from '../store/store.js';
import { defineRoute } from './route.js';
import { SearchQuery, SearchResponse, type SearchHit as ApiHit } from './schemas.js';

type Also = ApiHit['also'][number];

/**
 * Other outlets that published each hit: the other sources of its text (exact duplicates are one
 * stored article with several sources), then, when collapsed, the other copies of its
 * near-duplicate group (src/collection/dups.ts), the original first.
 */
async function alsoPublished(store: Store, searcher: Searcher, hits: readonly SearchHit[]): Promise<Map<number, Also[]>> {
  const out = new Map<number, Also[]>();
  // only hits with a source other than their own are asked about (the index knows which: most have none)
  const sources = await sourcesOf(store, searcher.hasOtherSources ? hits.filter((h) => searcher.hasOtherSources!(h.id)) : hits);
  for (const h of hits) {
    const list = (sources.get(h.id) ?? []).filter((s) => s.outlet !== h.outlet || s.url !== h.url);
    out.set(h.id, [
      ...list.map((s): Also => ({ outlet: s.outlet, url: s.url, date: s.date, id: null, kind: 'source' })),
      ...(h.alsoPublishedBy?.copies ?? []).map((c): Also => ({ outlet: c.outlet, url: c.url, date: c.date, id: c.docId, kind: c.kind })),
    ]);
  }
  return out;
}

/** The sources of the page's hits, in one query (not each whole article). */
async function sourcesOf(store: Store, hits: readonly RankedHit[]): Promise<Map<number, StoredSource[]>> {
  return hits.length > 0 ? store.sources(hits.map((h) => h.id)) : new Map();
}

export const searchRoute = defineRoute({
  method: 'GET',
  path: '/api/search',
  operationId: 'search',
  cache: true,
  tag: 'search',
  summary: 'Search articles',
  description:
    'Ranked (BM25) articles matching a query in the query language; without words, newest first. Each hit has a snippet whose highlights are offsets into the article text, and the other outlets that published the same text. Near-duplicates are collapsed by default: one hit per group of copies (its best-ranked copy; unranked, its newest), the other copies in `also`, and `total` counts groups; all=true lists every copy.',
  query: SearchQuery,
  responses: { 200: { description: 'a page of hits, with facet counts over every match', schema: SearchResponse } },
  async handle({ query }, { store, searcher }) {
    const plan = compileQuery(query.q);
    const using = searcher();
    const r = await search(store, plan, { searcher: using, limit: query.size, offset: (query.page - 1) * query.size, facets: query.facets, collapse: !query.all });
    const also = await alsoPublished(store, using, r.hits);
    const body: SearchResponse = {
      q: query.q,
      total: r.total,
      collapsed: !query.all,
      page: query.page,
      size: query.size,
      hits: r.hits.map((h) => ({
        id: h.docId,
        title: h.title,
        outlet: h.outlet,
        date: h.date,
        url: h.url,
        score: h.score,
        ...(h.snippet ? { snippet: h.snippet } : {}),
        also: also.get(h.id) ?? [],
        copies: h.alsoPublishedBy?.count ?? 0,
      })),
    };
    if (r.facets) body.facets = r.facets;
    return body;
  },
});
