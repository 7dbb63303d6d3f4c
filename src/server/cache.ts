/**
 * A response cache for a read-only server: JSON answers to GET requests, by their URL, least
 * recently used dropped first, bounded in bytes, each kept for a limited time (a store being
 * ingested beside the server shows new articles within that time). Popular searches and facet
 * counts are then answered without touching the store.
 */
export interface CachedResponse {
  body: string;
  type: string;
  at: number;
}

export class ResponseCache {
  private readonly map = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // most recently used last
    this.map.delete(key);
    this.map.set(key, hit);
    return hit;
  }

  set(key: string, body: string, type: string): void {
    const size = body.length * 2 + key.length * 2;
    if (size > this.maxBytes / 8) return; // one answer never takes over the cache
    this.delete(key);
    this.map.set(key, { body, type, at: this.now() });
    this.bytes += size;
    for (const [k] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  private delete(key: string): void {
    const old = this.map.get(key);
    if (!old) return;
    this.bytes -= old.body.length * 2 + key.length * 2;
    this.map.delete(key);
  }
}
