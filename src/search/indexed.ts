/**
 * A {@link Searcher} over an in-memory {@link CollectionIndex}: matches, scores, order, totals,
 * facets, what a hit shows (doc id, title, outlet, date, URL) and its group's members, all from the
 * index. Gives what `store.search`, `store.facets` and `store.dupMembers` give for the same collection.
 */
import { sortMembers, type DupMember, type Facets, type HitPage, type RankedHit, type SearchPageOptions, type Store } from '../store/store.js';
import type { Ln } from './bm25.js';
import type { CollectionIndex } from './collection-index.js';
import type { SearchPlan } from './query.js';
import type { Searcher } from './search.js';
import type { PhrasePositions } from './snippets.js';

export class IndexedSearcher implements Searcher {
  /** each near-duplicate group's members in listing order (store.dupMembers order) */
  private readonly members = new Map<number, DupMember[]>();

  constructor(
    readonly index: CollectionIndex,
    readonly store: Store,
    private readonly ln: Ln,
  ) {
    // frozen: handed out as they are, to every request
    for (const g of index.groups) this.members.set(g, Object.freeze(sortMembers(index.groupMembers(g)!.map((m) => Object.freeze({ ...m })))) as DupMember[]);
  }

  async search(plan: SearchPlan, page: SearchPageOptions = {}): Promise<HitPage> {
    const r = this.index.search(plan, page, this.ln);
    const hits: RankedHit[] = [];
    for (const h of r.hits) {
      const m = this.index.summary(h.id);
      if (m) hits.push({ id: h.id, docId: m.docId, dupGroup: h.group, score: h.score, title: m.title, outlet: m.outlet, date: m.date, url: m.url });
    }
    return { total: r.total, hits };
  }

  async facets(plan: SearchPlan, top = 10): Promise<Facets> {
    return this.index.facets(plan, top, this.ln);
  }

  async dupMembers(groups: readonly number[]): Promise<Map<number, DupMember[]>> {
    const out = new Map<number, DupMember[]>();
    for (const g of groups) {
      const list = this.members.get(g);
      if (list) out.set(g, list);
    }
    return out;
  }

  hasOtherSources(id: number): boolean {
    return this.index.hasOtherSources(id);
  }

  phrasePositions(id: number, plan: SearchPlan): PhrasePositions[] | undefined {
    return this.index.phrasePositions(id, plan);
  }
}
