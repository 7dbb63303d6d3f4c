/**
 * A positional inverted index held in memory: for every term, the documents that contain it (in
 * ascending id order), how often, and where. It is what the full-text index of a store holds
 * (SQLite FTS5 `article_fts`, PostgreSQL `articles.tsv`), read out once so that a query is answered
 * by typed-array loops instead of SQL (src/search/collection-index.ts).
 *
 * Layout (compressed sparse rows, one slot per posting = one (term, document) pair):
 *
 *   terms       term → term number t
 *   postStart   postings of t are [postStart[t], postStart[t + 1])
 *   docs        document id of each posting, ascending within a term
 *   freqs       occurrences of the term in that document (1 … 255: keys cap a term at 255)
 *   positions   the occurrences' positions (term offsets in the document), posting after posting
 *   posBlock    where the positions of postings 32·k, 32·k + 1 … start: the block's first offset
 *               (a posting's own offset is that plus the freqs before it in its block)
 *
 *   const b = new TermIndexBuilder();
 *   b.add('سور', 7, [0, 12]);  b.add('حلب', 7, [3]);  b.add('سور', 9, [5]);
 *   const index = b.build();
 *   phraseMatches(index, ['سور']);   // { docs: [7, 9], freqs: [2, 1] }
 *
 * Pure: no I/O, runs anywhere.
 */

const BLOCK = 32;
const BLOCK_SHIFT = 5;

/** Where a phrase occurs: matching documents in ascending order and the phrase's occurrences in each. */
export interface Matches {
  docs: Int32Array;
  freqs: Uint8Array;
}

export const NO_MATCHES: Matches = { docs: new Int32Array(0), freqs: new Uint8Array(0) };

export class TermIndex {
  constructor(
    readonly terms: ReadonlyMap<string, number>,
    readonly postStart: Uint32Array,
    readonly docs: Int32Array,
    readonly freqs: Uint8Array,
    readonly positions: Uint16Array,
    readonly posBlock: Uint32Array,
  ) {}

  /** Number of distinct terms. */
  get size(): number {
    return this.postStart.length - 1;
  }

  /** Number of (term, document) pairs. */
  get postings(): number {
    return this.docs.length;
  }

  /** The documents containing `term`, with its frequency in each (views, not copies). */
  postingsOf(term: string): Matches {
    const t = this.terms.get(term);
    if (t === undefined) return NO_MATCHES;
    const s = this.postStart[t]!;
    const e = this.postStart[t + 1]!;
    return { docs: this.docs.subarray(s, e), freqs: this.freqs.subarray(s, e) };
  }

  /** Offset in `positions` of posting `j`'s first position. */
  positionOffset(j: number): number {
    let off = this.posBlock[j >>> BLOCK_SHIFT]!;
    for (let i = j & ~(BLOCK - 1); i < j; i++) off += this.freqs[i]!;
    return off;
  }

  /** Bytes held by the typed arrays (the term map not counted). */
  get bytes(): number {
    return this.postStart.byteLength + this.docs.byteLength + this.freqs.byteLength + this.positions.byteLength + this.posBlock.byteLength;
  }
}

/** Index of the first element ≥ `target` in `a[from, end)` (sorted ascending): galloping, then binary search. */
export function advance(a: Int32Array, from: number, end: number, target: number): number {
  if (from >= end || a[from]! >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < end && a[hi]! < target) {
    lo = hi;
    step <<= 1;
    hi = from + step;
  }
  if (hi > end) hi = end;
  // a[lo] < target; answer in (lo, hi]
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where the phrase `terms` occurs: documents holding its terms at consecutive positions, with the
 * number of such runs (overlapping runs count, as in FTS5 and in PostgreSQL's positions: "a a" occurs
 * twice in "a a a"). One term: its postings as they are.
 */
export function phraseMatches(index: TermIndex, terms: readonly string[]): Matches {
  if (terms.length === 0) return NO_MATCHES;
  const ids: number[] = [];
  for (const term of terms) {
    const t = index.terms.get(term);
    if (t === undefined) return NO_MATCHES;
    ids.push(t);
  }
  if (ids.length === 1) return index.postingsOf(terms[0]!);
  const { postStart, docs } = index;
  const m = ids.length;
  // drive by the rarest term; the others are searched forward from their last place
  let driver = 0;
  for (let k = 1; k < m; k++) if (postStart[ids[k]! + 1]! - postStart[ids[k]!]! < postStart[ids[driver]! + 1]! - postStart[ids[driver]!]!) driver = k;
  const cur = new Int32Array(m);
  const end = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    cur[k] = postStart[ids[k]!]!;
    end[k] = postStart[ids[k]! + 1]!;
  }
  const outDocs: number[] = [];
  const outFreqs: number[] = [];
  const at = new Int32Array(m); // posting index of each term in the current document
  const pos = new Int32Array(m); // cursor into each term's positions
  const posEnd = new Int32Array(m);
  for (let j = cur[driver]!; j < end[driver]!; j++) {
    const d = docs[j]!;
    let all = true;
    for (let k = 0; k < m && all; k++) {
      if (k === driver) {
        at[k] = j;
        continue;
      }
      const i = advance(docs, cur[k]!, end[k]!, d);
      cur[k] = i;
      if (i >= end[k]! || docs[i]! !== d) all = false;
      else at[k] = i;
    }
    if (!all) continue;
    for (let k = 0; k < m; k++) {
      pos[k] = index.positionOffset(at[k]!);
      posEnd[k] = pos[k]! + index.freqs[at[k]!]!;
    }
    const n = countRuns(index.positions, pos, posEnd, m);
    if (n > 0) {
      outDocs.push(d);
      outFreqs.push(n);
    }
  }
  return { docs: Int32Array.from(outDocs), freqs: Uint8Array.from(outFreqs) };
}

/** Positions p of term 0 with p + k a position of term k for every k (cursors advance monotonically). */
function countRuns(positions: Uint16Array, pos: Int32Array, posEnd: Int32Array, m: number): number {
  let n = 0;
  for (let i = pos[0]!; i < posEnd[0]!; i++) {
    const p = positions[i]!;
    let ok = true;
    for (let k = 1; k < m; k++) {
      const want = p + k;
      let c = pos[k]!;
      const e = posEnd[k]!;
      while (c < e && positions[c]! < want) c++;
      pos[k] = c;
      if (c >= e || positions[c]! !== want) {
        ok = false;
        break;
      }
    }
    if (ok) n++;
  }
  return Math.min(n, 255);
}

/**
 * Where the phrase `terms` starts in document `doc`: positions p with term k at p + k for every k,
 * ascending (empty when the document lacks it).
 */
export function phraseStartsIn(index: TermIndex, doc: number, terms: readonly string[]): Int32Array {
  const m = terms.length;
  if (m === 0) return new Int32Array(0);
  const pos = new Int32Array(m);
  const posEnd = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const t = index.terms.get(terms[k]!);
    if (t === undefined) return new Int32Array(0);
    const s = index.postStart[t]!;
    const e = index.postStart[t + 1]!;
    const j = advance(index.docs, s, e, doc);
    if (j >= e || index.docs[j] !== doc) return new Int32Array(0);
    pos[k] = index.positionOffset(j);
    posEnd[k] = pos[k]! + index.freqs[j]!;
  }
  const { positions } = index;
  if (m === 1) return Int32Array.from(positions.subarray(pos[0]!, posEnd[0]!));
  const out: number[] = [];
  for (let i = pos[0]!; i < posEnd[0]!; i++) {
    const p = positions[i]!;
    let ok = true;
    for (let k = 1; k < m && ok; k++) {
      const want = p + k;
      let c = pos[k]!;
      while (c < posEnd[k]! && positions[c]! < want) c++;
      pos[k] = c;
      ok = c < posEnd[k]! && positions[c] === want;
    }
    if (ok) out.push(p);
  }
  return Int32Array.from(out);
}

/** Growable typed arrays for the builder. */
class Grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(Math.max(16, this.data.length * 2));
    this.data[this.length++] = v;
  }
  /** Room for `n` values in all (a hint: pushing past it still works). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = this.make(n);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** The values, the storage itself when it is full (no copy). */
  trimmed(): T {
    return this.length === this.data.length ? this.data : (this.data.slice(0, this.length) as T);
  }
}

/** How many postings and positions to expect: storage is then allocated once, to size. */
export interface SizeHint {
  postings: number;
  positions: number;
}

/**
 * Builds a {@link TermIndex} from postings given in any order of terms, so long as each term's
 * documents arrive in ascending order (a store's index read term by term, or document by document).
 * Read term by term (each term's postings together), the postings are laid out as they come; in
 * any other order they are sorted by term at the end, which takes twice the memory for a moment.
 */
export class TermIndexBuilder {
  private readonly terms = new Map<string, number>();
  /** postings per term */
  private readonly counts = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  /** documents of the last posting of each term, to check the order */
  private readonly lastDoc = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  /** term of each posting: kept only once the input leaves term order */
  private termOf: Grow<Int32Array> | undefined;
  private readonly docs = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly freqs = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly positions = new Grow(new Uint16Array(1024), (n) => new Uint16Array(n));
  private lastTerm = -1;
  private lastName: string | undefined;

  /** Allocates storage for what is coming (optional). */
  expect(hint: SizeHint): void {
    this.docs.reserve(hint.postings);
    this.freqs.reserve(hint.postings);
    this.positions.reserve(hint.positions);
  }

  /** Adds the positions of `term` in document `doc` (ascending positions; at most 255 are kept). */
  add(term: string, doc: number, positions: ArrayLike<number>): void {
    if (positions.length === 0) return;
    if (doc < 0) throw new Error(`ISNAD_INDEX_DOC: document ids are whole numbers ≥ 0, got ${doc}`);
    // term-ordered input repeats the last term: no map lookup
    let t = term === this.lastName ? this.lastTerm : this.terms.get(term);
    if (t === undefined) {
      t = this.terms.size;
      this.terms.set(term, t);
      this.counts.push(0);
      this.lastDoc.push(-1);
    }
    const prev = this.lastDoc.get(t);
    if (prev !== -1 && doc <= prev) throw new Error(`ISNAD_INDEX_ORDER: documents of "${term}" out of order (${doc} after ${prev})`);
    if (t < this.lastTerm && !this.termOf) this.leaveTermOrder();
    this.termOf?.push(t);
    this.lastDoc.set(t, doc);
    this.counts.set(t, this.counts.get(t) + 1);
    this.lastTerm = t;
    this.lastName = term;
    this.docs.push(doc);
    const n = Math.min(255, positions.length);
    this.freqs.push(n);
    for (let i = 0; i < n; i++) {
      const p = positions[i]!;
      if (p < 0 || p > 0xffff) throw new Error(`ISNAD_INDEX_POSITION: position ${p} of "${term}" is out of range`);
      this.positions.push(p);
    }
  }

  /** The postings so far were in term order: write down their terms, from the counts. */
  private leaveTermOrder(): void {
    const termOf = new Grow(new Int32Array(Math.max(1024, this.docs.length * 2)), (n) => new Int32Array(n));
    for (let t = 0; t <= this.lastTerm; t++) for (let k = this.counts.get(t); k > 0; k--) termOf.push(t);
    this.termOf = termOf;
  }

  /** Postings added so far. */
  get postings(): number {
    return this.docs.length;
  }

  build(): TermIndex {
    const T = this.terms.size;
    const P = this.docs.length;
    let docs = this.docs.trimmed();
    let freqs = this.freqs.trimmed();
    let positions = this.positions.trimmed();
    const postStart = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++) postStart[t + 1] = postStart[t]! + this.counts.get(t);
    if (this.termOf) {
      // counting sort of the postings by term (stable: each term's documents stay ascending)
      const termOf = this.termOf.trimmed();
      const srcPos = new Uint32Array(P + 1);
      for (let j = 0; j < P; j++) srcPos[j + 1] = srcPos[j]! + freqs[j]!;
      const next = postStart.slice(0, T);
      const order = new Uint32Array(P);
      for (let j = 0; j < P; j++) order[next[termOf[j]!]!++] = j;
      const d2 = new Int32Array(P);
      const f2 = new Uint8Array(P);
      const p2 = new Uint16Array(positions.length);
      let w = 0;
      for (let i = 0; i < P; i++) {
        const j = order[i]!;
        d2[i] = docs[j]!;
        f2[i] = freqs[j]!;
        p2.set(positions.subarray(srcPos[j]!, srcPos[j + 1]!), w);
        w += freqs[j]!;
      }
      docs = d2;
      freqs = f2;
      positions = p2;
    }
    const posBlock = new Uint32Array(Math.ceil(P / BLOCK) + 1);
    let off = 0;
    for (let j = 0; j < P; j++) {
      if ((j & (BLOCK - 1)) === 0) posBlock[j >>> BLOCK_SHIFT] = off;
      off += freqs[j]!;
    }
    return new TermIndex(this.terms, postStart, docs, freqs, positions, posBlock);
  }
}
