/**
 * Near-duplicate groups kept with a collection, as articles arrive (src/dedup does the comparing):
 *
 * - on the analysis workers, {@link dedupPrint}: the article's body words (from the structure layer
 *   the analysis already computed), their fingerprint and LSH bucket keys;
 * - in the ingest thread, one {@link CollectionDups} per run: a {@link DedupIndex} rebuilt from the
 *   store when the run starts (every stored fingerprint indexed without comparing, the stored groups
 *   linked again), then each batch's new articles added inside the batch's transaction
 *   ({@link CollectionDups.hook}): the index finds and verifies their copies, and every group that
 *   changed is written again — its original (earliest copy by date, then id; src/dedup/syndication.ts)
 *   is its id, and each member is `original`, `cross-outlet` or `within-outlet`.
 *
 * What is stored is what the index saw: a batch's articles, their fingerprints and the group rows
 * they change commit together, so after a crash the next run rebuilds the index from exactly the
 * committed articles. Articles without a fingerprint row (stored by another path, or before schema 2)
 * are fingerprinted from their stored text and blocks and compared when a run starts.
 *
 * One ingest at a time per collection: two runs into one PostgreSQL database each group the
 * articles they saw (each against the articles stored when it started, and its own).
 */
import { DedupIndex, selectBody, bodyWords, syndication, timeOf, type Fingerprint } from '../dedup/index.js';
import type { BlockType } from '../doc/index.js';
import { outletKey } from '../search/keys.js';
import type { ArticleMetaInput, BatchItem, DedupHook, DedupPrint, DupAssignment, DupKind, Store } from '../store/store.js';

/** One index per worker thread for {@link dedupPrint} (default options: the same as the ingest thread's). */
let preparer: DedupIndex | undefined;

/** The near-duplicate fingerprint of an analyzed article, from its structure blocks. */
export function dedupPrint(text: string, blocks: ReadonlyArray<{ start: number; end: number; type: BlockType }>): DedupPrint {
  preparer ??= new DedupIndex();
  const words = bodyWords(text, selectBody(blocks.map((b) => ({ start: b.start, end: b.end, text: '', type: b.type }))));
  const { fingerprint, keys } = preparer.prepare({ words });
  return { words, fingerprint, keys };
}

/** Index ids are store ids, zero-padded so that ties in syndication order (by id) are numeric. */
const key = (id: number): string => String(id).padStart(16, '0');
const idOf = (k: string): number => Number(k);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export interface DupsStats {
  /** articles in the index */
  indexed: number;
  /** articles indexed from their stored fingerprint when the run started */
  restored: number;
  /** articles fingerprinted from their stored text when the run started (no fingerprint row) */
  backfilled: number;
  /** ms to rebuild the index (and fingerprint the backfilled articles) */
  loadMs: number;
  /** new articles added during the run, and the time each took (index lookup, verification, group rows) */
  added: number;
  addMs: { p50: number; p95: number; max: number };
  /** new articles of the run that joined a group */
  joined: number;
}

export class CollectionDups {
  private readonly index = new DedupIndex();
  /** grouped articles: their stored group and kind */
  private readonly state = new Map<number, { group: number; kind: DupKind }>();
  private restored = 0;
  private backfilled = 0;
  private loadMs = 0;
  private readonly times: number[] = [];
  private joined = 0;

  private constructor(private readonly store: Store) {}

  /** Rebuilds the collection's index from the store (see the module comment). */
  static async open(store: Store, options: { chunk?: number } = {}): Promise<CollectionDups> {
    const t0 = performance.now();
    const d = new CollectionDups(store);
    const links: Array<[number, number]> = [];
    const missing: Array<{ id: number; outletKey: string | null; date: string | null }> = [];
    let n = 0;
    for await (const r of store.dedupState()) {
      // let the run read and send work to the analysis threads meanwhile
      if (++n % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (r.words === null) {
        missing.push({ id: r.id, outletKey: r.outletKey, date: r.date });
        continue;
      }
      d.index.insert({ id: key(r.id), ...(r.outletKey !== null ? { outlet: r.outletKey } : {}), words: r.words, ...(r.date !== null ? { date: r.date } : {}) });
      d.restored++;
      if (r.group !== null && r.kind !== null) {
        d.state.set(r.id, { group: r.group, kind: r.kind });
        if (r.group !== r.id) links.push([r.id, r.group]);
      }
    }
    for (const [a, g] of links) if (d.index.has(key(g))) d.index.link(key(a), key(g));
    // articles that never went through the index: fingerprinted from their stored blocks, compared
    const chunk = options.chunk ?? 500;
    for (let i = 0; i < missing.length; i += chunk) {
      const part = missing.slice(i, i + chunk);
      const stored = await store.articleBlocks(part.map((m) => m.id));
      const prints: Array<{ article: number; words: Uint32Array }> = [];
      const changed = new Set<number>();
      for (const m of part) {
        const a = stored.get(m.id);
        if (!a) continue;
        const p = dedupPrint(a.text, a.blocks.map(([start, end, type]) => ({ start, end, type })));
        prints.push({ article: m.id, words: p.words });
        d.addOne(m.id, m.outletKey ?? undefined, m.date ?? undefined, p, changed);
        d.backfilled++;
      }
      await store.writeDedup(prints, d.assignments(changed));
      await new Promise((resolve) => setImmediate(resolve));
    }
    d.loadMs = performance.now() - t0;
    return d;
  }

  /** The hook that groups a batch's new articles inside its transaction (Store.writeBatch). */
  hook(items: readonly BatchItem[]): DedupHook {
    return (ingested) => {
      const out: DupAssignment[] = [];
      for (const { item, id } of ingested) {
        const it = items[item];
        if (!it || it.kind !== 'article' || !it.analysis.dedup) continue;
        const t0 = performance.now();
        const meta: ArticleMetaInput = it.meta;
        const outlet = str(meta.outlet);
        const k = outlet === undefined ? '' : outletKey(outlet);
        const one = new Set<number>();
        if (this.addOne(id, k === '' ? undefined : k, str(meta.date), it.analysis.dedup, one)) this.joined++;
        out.push(...this.assignments(one));
        this.times.push(performance.now() - t0);
      }
      return out;
    };
  }

  /** Adds one article to the index; notes its group (by a member's id) when it joined one. */
  private addOne(id: number, outlet: string | undefined, date: string | undefined, p: Pick<DedupPrint, 'fingerprint' | 'keys'>, changed: Set<number>): boolean {
    const fp: Fingerprint = { ...p.fingerprint, time: timeOf(date) };
    const r = this.index.add({ id: key(id), ...(outlet !== undefined ? { outlet } : {}), fingerprint: fp, keys: p.keys });
    if (r.matches.length === 0) return false;
    changed.add(id);
    return true;
  }

  /** The stored rows of the groups of these articles that differ from what is stored. */
  private assignments(changed: ReadonlySet<number>): DupAssignment[] {
    const out: DupAssignment[] = [];
    const done = new Set<string>();
    for (const id of changed) {
      const members = this.index.members(key(id));
      const root = members[0]!;
      if (done.has(root)) continue;
      done.add(root);
      if (members.length < 2) continue;
      const s = syndication(members.map((m) => ({ id: m, outlet: this.index.outletOf(m), time: this.index.timeOf(m) })));
      const group = idOf(s.original);
      for (const c of s.copies) {
        const article = idOf(c.id);
        const kind: DupKind = c.kind;
        const was = this.state.get(article);
        if (was && was.group === group && was.kind === kind) continue;
        this.state.set(article, { group, kind });
        out.push({ article, group, kind });
      }
    }
    return out;
  }

  /** The group (its original's id) of an article, as stored. */
  groupOf(id: number): number | undefined {
    return this.state.get(id)?.group;
  }

  stats(): DupsStats {
    const t = [...this.times].sort((a, b) => a - b);
    const q = (p: number): number => (t.length === 0 ? 0 : t[Math.min(t.length - 1, Math.floor(p * t.length))]!);
    return {
      indexed: this.index.size,
      restored: this.restored,
      backfilled: this.backfilled,
      loadMs: this.loadMs,
      added: t.length,
      addMs: { p50: q(0.5), p95: q(0.95), max: t[t.length - 1] ?? 0 },
      joined: this.joined,
    };
  }
}
