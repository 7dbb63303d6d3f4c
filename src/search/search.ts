/**
 * Search over a store: the query compiled to a plan, ranked hits from the store, snippets cut from
 * the hits' texts (src/search/snippets.ts), and facet counts over every match.
 *
 *   const store = await openStore('isnad.db');
 *   const r = await search(store, 'السورى speaker:لافروف date:2018', { limit: 10, facets: true });
 *   r.hits[0].snippet.highlights  // [{ start, end, text }] in the article's text
 */
import type { Facets, RankedHit, Store } from '../store/store.js';
import { compileQuery, type SearchPlan } from './query.js';
import { snippet, type Snippet, type SnippetOptions } from './snippets.js';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** snippets for the hits (default true) */
  snippets?: boolean | SnippetOptions;
  /** facet counts (default false) */
  facets?: boolean;
  /** how many speakers and entities the facets list (default 10) */
  top?: number;
}

export interface SearchHit extends RankedHit {
  snippet?: Snippet;
}

export interface SearchResult {
  plan: SearchPlan;
  total: number;
  hits: SearchHit[];
  facets?: Facets;
}

/** Runs a query (text, or an already compiled plan). Throws QueryError for a bad query. */
export async function search(store: Store, query: string | SearchPlan, options: SearchOptions = {}): Promise<SearchResult> {
  const plan = typeof query === 'string' ? compileQuery(query) : query;
  const page = await store.search(plan, { limit: options.limit ?? 10, offset: options.offset ?? 0 });
  const hits: SearchHit[] = page.hits;
  if (options.snippets !== false && hits.length > 0) {
    const texts = await store.texts(hits.map((h) => h.id));
    const opts = typeof options.snippets === 'object' ? options.snippets : {};
    for (const h of hits) {
      const text = texts.get(h.id);
      if (text !== undefined) h.snippet = snippet(text, plan.phrases, opts);
    }
  }
  const result: SearchResult = { plan, total: page.total, hits };
  if (options.facets) result.facets = await store.facets(plan, options.top ?? 10);
  return result;
}
