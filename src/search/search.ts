/**
 * Search over a store: the query compiled to a plan, ranked hits from the store, snippets cut from
 * the hits' texts (src/search/snippets.ts), and facet counts over every match.
 *
 *   const store = await openStore('isnad.db');
 *   const r = await search(store, 'السورى speaker:لافروف date:2018', { limit: 10, facets: true });
 *   r.hits[0].snippet.highlights  // [{ start, end, text }] in the article's text
 */
import type { DupMember, Facets, HitPage, RankedHit, SearchPageOptions, Store } from '../store/store.js';
import { compileQuery, type SearchPlan } from './query.js';
import { snippet, snippetAt, type PhrasePositions, type Snippet, type SnippetOptions } from './snippets.js';

/**
 * What ranks, counts and facets a plan: a store (its SQL) or an in-memory index over it
 * (src/search/indexed.ts), which give the same answers.
 */
export interface Searcher {
  search(plan: SearchPlan, page?: SearchPageOptions): Promise<HitPage>;
  facets(plan: SearchPlan, top?: number): Promise<Facets>;
  /** the members of near-duplicate groups, as store.dupMembers gives them, when kept in memory */
  dupMembers?(groups: readonly number[]): Promise<Map<number, DupMember[]>>;
  /** whether an article has a source whose outlet or URL is not its own, when known without asking the store */
  hasOtherSources?(id: number): boolean;
  /** where the plan's phrases occur in an article, by index positions, when known (snippets are then cut without analysis) */
  phrasePositions?(id: number, plan: SearchPlan): PhrasePositions[] | undefined;
}

export interface SearchOptions {
  /** ranks and counts instead of the store (default: the store) */
  searcher?: Searcher;
  limit?: number;
  offset?: number;
  /** snippets for the hits (default true) */
  snippets?: boolean | SnippetOptions;
  /** facet counts (default false) */
  facets?: boolean;
  /** how many speakers and entities the facets list (default 10) */
  top?: number;
  /**
   * one hit per near-duplicate group (default true): the group's best-ranked matching member, with
   * the group's other copies in `alsoPublishedBy`; the total counts groups. false: every copy.
   * Facets count every matching article either way.
   */
  collapse?: boolean;
}

/** Another copy of a hit's text: a member of its near-duplicate group. */
export type DupCopy = Omit<DupMember, 'id'>;

/** The other members of a collapsed hit's near-duplicate group. */
export interface AlsoPublished {
  /** how many other copies the group has */
  count: number;
  /** their outlets, other than the hit's own, in the order they ran the copy */
  outlets: string[];
  /** the copies, the original first, then by date (at most {@link MAX_COPIES}) */
  copies: DupCopy[];
}

/** Copies listed per hit in `alsoPublishedBy` (the count is always whole). */
export const MAX_COPIES = 50;

export interface SearchHit extends RankedHit {
  snippet?: Snippet;
  /** collapsed searches: the group's other copies (absent when the hit is in no group) */
  alsoPublishedBy?: AlsoPublished;
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
  const collapse = options.collapse !== false;
  const searcher: Searcher = options.searcher ?? store;
  const page = await searcher.search(plan, { limit: options.limit ?? 10, offset: options.offset ?? 0, collapse });
  const hits: SearchHit[] = page.hits;
  if (collapse) {
    const groups = hits.flatMap((h) => (h.dupGroup !== null ? [h.dupGroup] : []));
    const members = await (searcher.dupMembers ? searcher.dupMembers(groups) : store.dupMembers(groups));
    for (const h of hits) {
      const list = h.dupGroup !== null ? members.get(h.dupGroup) : undefined;
      if (!list) continue;
      const others = list.filter((m) => m.id !== h.id);
      if (others.length === 0) continue;
      const outlets: string[] = [];
      for (const m of others) if (m.outlet && m.outlet !== h.outlet && !outlets.includes(m.outlet)) outlets.push(m.outlet);
      h.alsoPublishedBy = {
        count: others.length,
        outlets,
        copies: others.slice(0, MAX_COPIES).map((m) => ({ docId: m.docId, title: m.title, outlet: m.outlet, date: m.date, url: m.url, kind: m.kind })),
      };
    }
  }
  if (options.snippets !== false && hits.length > 0) {
    const texts = await store.texts(hits.map((h) => h.id));
    const opts = typeof options.snippets === 'object' ? options.snippets : {};
    for (const h of hits) {
      const text = texts.get(h.id);
      if (text === undefined) continue;
      const at = searcher.phrasePositions?.(h.id, plan);
      h.snippet = at ? snippetAt(text, at, opts) : snippet(text, plan.phrases, opts);
    }
  }
  const result: SearchResult = { plan, total: page.total, hits };
  if (options.facets) result.facets = await searcher.facets(plan, options.top ?? 10);
  return result;
}
