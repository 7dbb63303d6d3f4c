/**
 * The server's in-memory search index (src/search/collection-index.ts), kept in step with the
 * store. It is read from the store in the background when the server starts; until it is ready, and
 * whenever the collection has changed since it was read (checked every second: an ingest by another
 * process, a write through the API), searches go to the store's SQL, which gives the same answers
 * more slowly, while a fresh index is read.
 *
 *   const live = new LiveIndex(store, { log: console.error });
 *   live.start();
 *   await search(store, plan, { searcher: live.searcher() });
 */
import { CollectionIndexBuilder, type CollectionIndex } from '../search/collection-index.js';
import { IndexedSearcher } from '../search/indexed.js';
import type { Searcher } from '../search/search.js';
import { libmLn } from '../store/libm.js';
import type { Store } from '../store/store.js';

/** After a failed read, the next try (unless the collection changes first). */
const RETRY_MS = 60_000;
/** The least time between the starts of two reads of the index. */
const MIN_GAP_MS = 2_000;

export type LiveIndexState = 'off' | 'building' | 'ready' | 'stale' | 'failed';

export interface LiveIndexOptions {
  /** progress and results, one line each */
  log?: (line: string) => void;
  /** how often the store is asked whether the collection changed, in ms (default 1000) */
  checkEveryMs?: number;
}

export interface LiveIndexStatus {
  state: LiveIndexState;
  /** articles in the index (when ready or stale) */
  articles?: number;
  postings?: number;
  /** typed-array memory, MB */
  mb?: number;
  /** how long the last read took, s */
  seconds?: number;
  error?: string;
}

export class LiveIndex {
  private state: LiveIndexState = 'off';
  private current: IndexedSearcher | undefined;
  private version: string | undefined;
  private building: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private lastSeconds: number | undefined;
  private failedAt: number | undefined;
  private lastStart: number | undefined;
  private error: string | undefined;
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: LiveIndexOptions = {},
  ) {
    this.log = options.log ?? (() => {});
  }

  /** Starts reading the index and watching the store; resolves when the first read ends (ready or failed). */
  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 1000);
      this.timer.unref();
    }
    return this.rebuild();
  }

  /** The index's searcher when it matches the collection, else the store. */
  searcher(): Searcher {
    return this.state === 'ready' && this.current ? this.current : this.store;
  }

  /** The index, when ready. */
  get index(): CollectionIndex | undefined {
    return this.state === 'ready' ? this.current?.index : undefined;
  }

  status(): LiveIndexStatus {
    const s: LiveIndexStatus = { state: this.state };
    const idx = this.current?.index;
    if (idx && (this.state === 'ready' || this.state === 'stale')) {
      s.articles = idx.count;
      s.postings = idx.postings;
      s.mb = Math.round(idx.bytes / 1e6);
    }
    if (this.lastSeconds !== undefined) s.seconds = this.lastSeconds;
    if (this.error) s.error = this.error;
    return s;
  }

  /** The collection was changed through this process: stop using the index until it is read again. */
  invalidate(): void {
    if (this.state === 'ready') this.state = 'stale';
    if (this.mayRead()) void this.rebuild(); // else the next check starts the read
  }

  /**
   * Whether a new read may start: reads of the whole index are spaced at least twice as far apart
   * as the last one took (and 2 s), so that a collection written to without pause costs the server
   * at most a third of a core in reading while the store answers searches.
   */
  private mayRead(): boolean {
    if (this.lastStart === undefined) return true;
    const gap = Math.max(MIN_GAP_MS, 2 * (this.lastSeconds ?? 0) * 1000);
    return performance.now() - this.lastStart >= gap;
  }

  private async check(): Promise<void> {
    if (this.closed || this.building || this.state === 'off') return;
    try {
      const v = await this.store.searchVersion();
      const retry = this.state === 'failed' && this.failedAt !== undefined && performance.now() - this.failedAt > RETRY_MS;
      if (v !== this.version || retry) {
        if (this.state === 'ready') this.state = 'stale';
        if (this.mayRead()) void this.rebuild();
      }
    } catch {
      // the store is closing or unreachable: the next check tries again
    }
  }

  /** Reads the index again (one read at a time; a change during a read starts another). */
  private rebuild(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.building ??= this.read().finally(() => {
      this.building = undefined;
      this.abort = undefined;
    });
    return this.building;
  }

  /** One read of the index (again while the collection changes under it); never rejects. */
  private async read(): Promise<void> {
    let before: string | undefined;
    try {
      for (let attempt = 0; attempt < 5 && !this.closed; attempt++) {
        before = await this.store.searchVersion();
        if (this.current && before === this.version) {
          this.state = 'ready';
          return;
        }
        if (this.state !== 'stale') this.state = 'building';
        const t0 = performance.now();
        this.lastStart = t0;
        this.abort = new AbortController();
        const b = new CollectionIndexBuilder();
        await this.store.scanSearchData(b, { signal: this.abort.signal });
        const index = b.build();
        const after = await this.store.searchVersion();
        if (after !== before) continue; // written to while reading: read again
        this.current = new IndexedSearcher(index, this.store, libmLn);
        this.version = after;
        this.state = 'ready';
        this.error = undefined;
        this.failedAt = undefined;
        this.lastSeconds = Math.round((performance.now() - t0) / 100) / 10;
        this.log(
          `search index ready: ${index.count.toLocaleString('en')} articles, ${(index.postings / 1e6).toFixed(1)} M postings, ${Math.round(index.bytes / 1e6)} MB, read in ${this.lastSeconds} s`,
        );
        return;
      }
    } catch (e) {
      if (this.closed) return;
      this.state = 'failed';
      this.current = undefined;
      // tried again when the collection changes, or after RETRY_MS (the store may have been away)
      this.version = before;
      this.failedAt = performance.now();
      this.error = (e as Error).message;
      this.log(`search index failed, searching the store instead: ${this.error}`);
    }
  }

  /** Stops watching and any read in progress. */
  async close(): Promise<void> {
    this.closed = true;
    this.state = 'off';
    if (this.timer) clearInterval(this.timer);
    this.abort?.abort(new Error('ISNAD_SCAN_ABORTED: the server is closing'));
    await this.building?.catch(() => {});
  }
}
