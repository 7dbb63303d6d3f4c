/**
 * A compact multimap from 32-bit keys to integer values (document numbers), for LSH buckets and
 * anchor postings: an open-addressing table (load ≤ 3/4) of keys, each pointing at the newest
 * entry of its chain, and two growing Int32Arrays (value, next) for the entries. About 8 bytes per
 * entry plus 14 per distinct key, against ~100 for a `Map<number, number[]>`. Pure; no I/O.
 */
export class IntMultiMap {
  private keys: Uint32Array;
  private heads: Int32Array;
  /** values under each key, saturating at 65535 */
  private counts: Uint16Array;
  private used = 0;
  private values: Int32Array;
  private next: Int32Array;
  private size = 0;

  constructor(expectedKeys = 1024, expectedEntries = 1024) {
    let cap = 16;
    while (cap * 3 < expectedKeys * 4) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(-1);
    this.counts = new Uint16Array(cap);
    this.values = new Int32Array(Math.max(16, expectedEntries));
    this.next = new Int32Array(Math.max(16, expectedEntries));
  }

  /** Number of entries. */
  get entries(): number {
    return this.size;
  }

  /** Number of distinct keys. */
  get keyCount(): number {
    return this.used;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.heads.byteLength + this.counts.byteLength + this.values.byteLength + this.next.byteLength;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.heads[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** How many values `key` has (saturating at 65535). */
  count(key: number): number {
    const i = this.slot(key >>> 0);
    return this.heads[i] === -1 ? 0 : this.counts[i]!;
  }

  /**
   * Adds `value` under `key` unless the key already holds `cap` values (a stop key: too common to
   * tell documents apart). Returns whether it was added.
   */
  add(key: number, value: number, cap = Infinity): boolean {
    key >>>= 0;
    let i = this.slot(key);
    if (this.heads[i] === -1) {
      if ((this.used + 1) * 4 > this.keys.length * 3) {
        this.growKeys();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.used++;
    } else if (this.counts[i]! >= cap) return false;
    if (this.size === this.values.length) this.growEntries();
    const e = this.size++;
    this.values[e] = value;
    this.next[e] = this.heads[i]!;
    this.heads[i] = e;
    if (this.counts[i]! < 0xffff) this.counts[i]!++;
    return true;
  }

  /** Calls `fn` with each value of `key`, newest first. */
  forEach(key: number, fn: (value: number) => void): void {
    const i = this.slot(key >>> 0);
    for (let e = this.heads[i]!; e !== -1; e = this.next[e]!) fn(this.values[e]!);
  }

  private growKeys(): void {
    const { keys, heads, counts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.heads = new Int32Array(keys.length * 2).fill(-1);
    this.counts = new Uint16Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      if (heads[j] === -1) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.heads[i] = heads[j]!;
      this.counts[i] = counts[j]!;
    }
  }

  private growEntries(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(Math.ceil(a.length * 1.5));
      b.set(a);
      return b;
    };
    this.values = grow(this.values);
    this.next = grow(this.next);
  }
}

/**
 * Counts by 32-bit key in an open-addressing table (load ≤ 3/4): 8 bytes a slot, against ~50 for a
 * `Map<number, number>` entry.
 */
export class IntCounter {
  private keys: Uint32Array;
  private vals: Int32Array;
  private used = 0;

  constructor(expectedKeys = 1024) {
    let cap = 16;
    while (cap * 3 < expectedKeys * 4) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
  }

  get size(): number {
    return this.used;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    // a slot is empty when its count is 0 (counts only grow)
    while (this.vals[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number {
    return this.vals[this.slot(key >>> 0)]!;
  }

  /** Adds `by` (≥ 1) to the count of `key`. */
  increment(key: number, by = 1): void {
    key >>>= 0;
    let i = this.slot(key);
    if (this.vals[i] === 0) {
      if ((this.used + 1) * 4 > this.keys.length * 3) {
        this.grow();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.used++;
    }
    this.vals[i]! += by;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      if (vals[j] === 0) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.vals[i] = vals[j]!;
    }
  }
}
