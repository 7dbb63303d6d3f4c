/**
 * Typed arrays kept in large chunks: a few dozen big buffers instead of several small ones per
 * article, which keeps an index's memory from fragmenting (each small typed array costs its own
 * buffer, two objects and an allocation that outlives the garbage around it). Views never move:
 * a full chunk is left as it is and a new one started. Pure; no I/O.
 */
export class ChunkPool<T extends Uint32Array | Float32Array> {
  private chunk: T;
  private used = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly chunkLength = 1 << 22,
  ) {
    this.chunk = make(0);
  }

  /** A zeroed view of `length` elements. */
  alloc(length: number): T {
    if (this.used + length > this.chunk.length) {
      this.chunk = this.make(Math.max(this.chunkLength, length));
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }

  /** A view holding a copy of `a`. */
  copy(a: ArrayLike<number>): T {
    const view = this.alloc(a.length);
    view.set(a);
    return view;
  }
}
