/**
 * Entity counts for listing a collection's entities, most articles first. Counting them is one pass
 * over `article_entities` (a few hundred ms on 70,000 articles), too slow per request and not worth
 * a column kept up to date on every write: both stores count once, keep the result in memory
 * (about 40 bytes an entity), and count again when the collection has changed.
 */
import type { EntityType } from '../doc/index.js';

export interface EntitySummary {
  id: number;
  type: EntityType;
  key: string;
  /** the first mention seen */
  text: string;
  /** articles mentioning it */
  articles: number;
  mentions: number;
}

export interface EntityFilter {
  /** search keys of words the name must contain, in order (nameTerms) */
  terms?: string[];
  type?: EntityType;
  /** the key exactly */
  key?: string;
}

/** What a store gives to count: per entity, the articles and mentions, and a version of the data. */
export interface EntityCountSource {
  /** a value that changes whenever articles are added (e.g. the highest article id) */
  version(): Promise<number>;
  /** every entity with at least one article: id, articles, mentions */
  count(): Promise<Array<{ id: number; articles: number; mentions: number }>>;
}

/** Per-entity counts, with the ids in list order (articles desc, then id). */
export class EntityCounts {
  private version = -1;
  private articles = new Map<number, number>();
  private mentions = new Map<number, number>();
  private order: number[] = [];
  private pending: Promise<void> | undefined;

  constructor(private readonly source: EntityCountSource) {}

  /** Counts again when the collection changed since the last count. */
  async fresh(): Promise<this> {
    const v = await this.source.version();
    if (v !== this.version) {
      this.pending ??= (async () => {
        const rows = await this.source.count();
        this.articles = new Map(rows.map((r) => [r.id, r.articles]));
        this.mentions = new Map(rows.map((r) => [r.id, r.mentions]));
        this.order = rows.sort((a, b) => b.articles - a.articles || a.id - b.id).map((r) => r.id);
        this.version = v;
      })().finally(() => (this.pending = undefined));
      await this.pending;
    }
    return this;
  }

  articlesOf(id: number): number {
    return this.articles.get(id) ?? 0;
  }

  mentionsOf(id: number): number {
    return this.mentions.get(id) ?? 0;
  }

  /**
   * A page of ids in list order among `allowed` (every counted entity when undefined), with the
   * number of them in all.
   */
  page(allowed: ReadonlySet<number> | undefined, offset: number, limit: number): { total: number; ids: number[] } {
    if (!allowed) return { total: this.order.length, ids: this.order.slice(offset, offset + limit) };
    // a small filter result is sorted directly; a large one is walked in list order
    if (allowed.size < this.order.length / 8) {
      const ids = [...allowed].filter((id) => this.articles.has(id)).sort((a, b) => this.articlesOf(b) - this.articlesOf(a) || a - b);
      return { total: ids.length, ids: ids.slice(offset, offset + limit) };
    }
    const ids: number[] = [];
    let total = 0;
    for (const id of this.order) {
      if (!allowed.has(id)) continue;
      if (total >= offset && ids.length < limit) ids.push(id);
      total++;
    }
    return { total, ids };
  }
}
