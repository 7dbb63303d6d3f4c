/**
 * The incremental near-duplicate index: add an article, get back the group of copies it joins and
 * how it relates to them, in about a millisecond.
 *
 *   const index = new DedupIndex();
 *   index.add({ id: 'a', text, outlet: 'alriyadh', date: '2015-07-21T09:30:12' });
 *   // → { id: 'a', group: 'a', relation: 'new', matches: [] }
 *
 * Candidates come from two places, then every candidate is verified exactly (relation.ts):
 * 1. LSH banding of a 64-position MinHash signature, 32 bands of 2 rows: pairs with shingle Jaccard
 *    ≥ 0.3 meet in a band with probability ≥ 0.95, ≥ 0.5 with 0.9999 (docs/dedup.md has the table);
 * 2. anchors: the shingles whose hash is ≡ 0 mod `anchorEvery` (content-defined, so a copy of a
 *    passage has the same anchors as the passage), posted in an inverted index. A trimmed copy
 *    (a 60-word brief inside a 600-word article: Jaccard 0.1, invisible to banding) shares most of
 *    its anchors. An anchor already posted by `anchorCap` articles is a stock phrase and is neither
 *    posted again nor looked up.
 * Verification: the pair's scores and {@link copyRelation}: same text or near-duplicate (the time
 * window of relation.ts applies). The article joins ONE group: the one whose original (earliest-added
 * member, whose id is the group's) it is a verified copy of, else one whose original it still shares
 * {@link ORIGINAL_COVER} of its words with through a verified match; else it starts its own. Groups
 * never merge (`merged` stays empty): linking every match transitively let compilation pages and
 * shared boilerplate chain different stories into one group.
 *
 * Grouping depends only on which pairs verify, and a pair verifies the same whichever article came
 * first; the one order effect is the anchor cap (which articles posted a common anchor first).
 * Pure: no I/O. `serialize()` / `DedupIndex.restore()` keep an index as versioned bytes.
 */
import { fingerprint, type ArticleInput, type FingerprintOptions, DEFAULT_SHINGLE_SIZE } from './fingerprint.js';
import { LshIndex } from './lsh.js';
import { DEFAULT_SEED, MinHasher } from './minhash.js';
import { IntMultiMap } from './multimap.js';
import { compare, DEFAULT_THRESHOLDS, type Fingerprint, type PairScores, type Thresholds } from './relation.js';
import { dedupeSorted, intersectionSize } from './shingles.js';
import { ownString } from './hash.js';
import { ChunkPool } from './pool.js';
import { findRoot } from './union-find.js';

export interface DedupOptions {
  /** words per shingle (default 4) */
  shingleSize?: number;
  /** MinHash positions (default 64) */
  numHashes?: number;
  /** LSH bands × rows ≤ numHashes (default 32 × 2) */
  bands?: number;
  rows?: number;
  /** MinHash seed (default fixed) */
  seed?: number;
  /** one shingle in this many is an anchor (default 8; 0 turns anchors off) */
  anchorEvery?: number;
  /** an anchor posted by this many articles is not used (default 100) */
  anchorCap?: number;
  /**
   * a copy joins the group of its match only when the match's coverage of the longer article is at
   * least this (default 0: every verified copy links); see docs/dedup.md on compilation pages
   */
  groupCover?: number;
  /** thresholds of relation.ts */
  thresholds?: Partial<Thresholds>;
}

/** How much of the shorter of an article and a group's original must be shared for the article to join through another member. */
export const ORIGINAL_COVER = 0.5;

const DEFAULTS = {
  shingleSize: DEFAULT_SHINGLE_SIZE,
  numHashes: 64,
  bands: 32,
  rows: 2,
  seed: DEFAULT_SEED,
  anchorEvery: 8,
  anchorCap: 100,
  groupCover: 0.2,
};

export type CopyRelation = 'same-text' | 'near-duplicate';

export interface DedupInput extends ArticleInput {
  id: string;
  outlet?: string;
  /** a fingerprint already computed (fingerprint.ts); text, title and words are then not read */
  fingerprint?: Fingerprint;
  /**
   * the LSH bucket keys of the fingerprint, already computed by an index with the same options
   * ({@link DedupIndex.prepare}, e.g. on another thread); checked for length only
   */
  keys?: Uint32Array;
}

/** What {@link DedupIndex.prepare} computes ahead of `add`: the fingerprint and its LSH bucket keys. */
export interface PreparedArticle {
  fingerprint: Fingerprint;
  keys: Uint32Array;
}

export interface CopyMatch {
  id: string;
  relation: CopyRelation;
  scores: PairScores;
}

export interface DedupAddResult {
  id: string;
  /** the group's id: the id of its earliest-added member */
  group: string;
  /** the closest relation to an earlier article: 'new' when none is a copy */
  relation: 'new' | CopyRelation;
  /** verified copies among the earlier articles, closest first */
  matches: CopyMatch[];
  /** ids of groups this addition merged into `group` (their ids are gone) */
  merged: string[];
  /** candidates verified (for the benchmark) */
  candidates: number;
}

/** The copy relation of a scored pair, or undefined when it is not a copy (relation.ts rules 1–2). */
export function copyRelation(s: PairScores, t: Thresholds = DEFAULT_THRESHOLDS): CopyRelation | undefined {
  if (s.coverShort >= t.sameText && s.coverLong >= t.sameText) return 'same-text';
  if (s.coverShort >= t.nearDuplicate && (Number.isNaN(s.hours) || s.hours <= t.nearDuplicateHours)) return 'near-duplicate';
  return undefined;
}

/**
 * A cheap bound before the coverage pass: k shared shingles of width w cover at most k·w words of
 * the shorter article, so a pair whose bound is under the near-duplicate threshold is no copy.
 */
export function mayBeCopy(a: Fingerprint, b: Fingerprint, w: number, t: Thresholds = DEFAULT_THRESHOLDS): boolean {
  const short = a.length <= b.length ? a : b;
  if (short.length === 0) return false;
  const hours = Math.abs(a.time - b.time) / 3_600_000;
  const need = Number.isNaN(hours) || hours <= t.nearDuplicateHours ? Math.min(t.nearDuplicate, t.sameText) : t.sameText;
  return (intersectionSize(a.shingles, b.shingles) * w) / short.length >= need;
}

const MAGIC = 'ISNADDUP';
const BYTE_ORDER_MARK = 0x01020304;
export const DEDUP_FORMAT_VERSION = 1;

interface StoredDoc {
  id: string;
  outlet: string | undefined;
  fp: Fingerprint;
}

export class DedupIndex {
  readonly options: Readonly<typeof DEFAULTS>;
  readonly thresholds: Readonly<Thresholds>;
  private readonly hasher: MinHasher;
  private readonly lsh: LshIndex;
  private readonly anchors = new IntMultiMap(1 << 16, 1 << 16);
  private readonly docs: StoredDoc[] = [];
  private readonly byId = new Map<string, number>();
  private parent = new Int32Array(1024);
  /** each group's members as a circular list (next member); union splices two lists */
  private next = new Int32Array(1024);
  /** the LSH bucket keys of every article (bands per article), kept for serialize() */
  private bandKeys: Uint32Array;
  /** scratch signature */
  private readonly sig: Uint32Array;
  private readonly fpOptions: FingerprintOptions;
  /** where the fingerprints' arrays are kept */
  private readonly pool = new FingerprintPool();

  constructor(options: DedupOptions = {}) {
    for (const k of Object.keys(options)) {
      if (k !== 'thresholds' && !Object.hasOwn(DEFAULTS, k)) throw new TypeError(`ISNAD_DEDUP_OPTION: unknown option "${k}"; known: ${Object.keys(DEFAULTS).join(', ')}, thresholds`);
    }
    const { thresholds, ...rest } = options;
    const o = { ...DEFAULTS, ...rest };
    if (o.bands * o.rows > o.numHashes) throw new RangeError(`ISNAD_DEDUP_BANDING: ${o.bands} bands × ${o.rows} rows need ${o.bands * o.rows} MinHash positions, numHashes is ${o.numHashes}`);
    this.options = Object.freeze(o);
    this.thresholds = Object.freeze({ ...DEFAULT_THRESHOLDS, ...thresholds });
    this.hasher = new MinHasher(o.numHashes, o.seed);
    this.lsh = new LshIndex({ bands: o.bands, rows: o.rows });
    this.bandKeys = new Uint32Array(1024 * o.bands);
    this.sig = new Uint32Array(o.numHashes);
    this.fpOptions = { shingleSize: o.shingleSize, maxTerms: 0 };
  }

  get size(): number {
    return this.docs.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The fingerprint this index computes for an article (without the term vector, which it does not use). */
  fingerprint(input: ArticleInput): Fingerprint {
    return fingerprint(input, this.fpOptions);
  }

  /**
   * The fingerprint and LSH bucket keys of an article: the part of {@link add} that does not read
   * the index, so it can run elsewhere (an analysis worker) on an index built with the same options.
   */
  prepare(input: ArticleInput): PreparedArticle {
    const fingerprint = this.fingerprint(input);
    const keys = new Uint32Array(this.options.bands);
    if (fingerprint.length > 0) this.lsh.keys(this.hasher.signature(fingerprint.shingles, this.sig), keys);
    return { fingerprint, keys };
  }

  /** Slot for a new article: its bucket keys filled in (computed, or copied from `input.keys`). */
  private slot(input: DedupInput, fp: Fingerprint): { index: number; keys: Uint32Array } {
    if (this.byId.has(input.id)) throw new Error(`ISNAD_DEDUP_DUPLICATE: article "${input.id}" is already indexed`);
    const index = this.docs.length;
    this.grow(index + 1);
    const bands = this.options.bands;
    const keys = this.bandKeys.subarray(index * bands, (index + 1) * bands);
    if (fp.length > 0) {
      if (input.keys) {
        if (input.keys.length !== bands) throw new RangeError(`ISNAD_DEDUP_KEYS: ${input.keys.length} bucket keys given, the index uses ${bands} bands`);
        keys.set(input.keys);
      } else this.lsh.keys(this.hasher.signature(fp.shingles, this.sig), keys);
    }
    return { index, keys };
  }

  private push(input: DedupInput, fp: Fingerprint, index: number): void {
    const id = ownString(input.id);
    this.docs.push({ id, outlet: input.outlet === undefined ? undefined : ownString(input.outlet), fp: this.pool.keep(fp) });
    this.byId.set(id, index);
    this.parent[index] = index;
    this.next[index] = index;
  }

  /**
   * Indexes an article WITHOUT comparing it to the others: for rebuilding an index whose groups are
   * known (stored), then restored with {@link link}. Adding an id twice throws.
   */
  insert(input: DedupInput): void {
    const fp = input.fingerprint ?? this.fingerprint(input);
    const { index, keys } = this.slot(input, fp);
    this.push(input, fp, index);
    if (fp.length > 0) this.post(index, fp, keys);
  }

  /** Puts two indexed articles in one group (as a verified copy would); their group is the older one's. */
  link(a: string, b: string): void {
    const i = this.byId.get(a);
    const j = this.byId.get(b);
    if (i === undefined || j === undefined) throw new Error(`ISNAD_DEDUP_UNKNOWN: "${i === undefined ? a : b}" is not indexed`);
    this.union(i, j);
  }

  /** Adds an article. Adding an id twice throws. */
  add(input: DedupInput): DedupAddResult {
    const fp = input.fingerprint ?? this.fingerprint(input);
    const { index, keys } = this.slot(input, fp);

    const matches: CopyMatch[] = [];
    const found: number[] = [];
    let candidates = 0;
    if (fp.length > 0) {
      for (const j of this.candidatesOf(fp, keys)) {
        candidates++;
        const other = withShingles(this.docs[j]!.fp);
        if (!mayBeCopy(fp, other, this.options.shingleSize, this.thresholds)) continue;
        const scores = compare(fp, other);
        const relation = copyRelation(scores, this.thresholds);
        if (relation) {
          matches.push({ id: this.docs[j]!.id, relation, scores });
          if (relation === 'same-text' || scores.coverLong >= this.options.groupCover) found.push(j);
        }
      }
    }
    matches.sort((a, b) => (a.relation === b.relation ? b.scores.coverShort - a.scores.coverShort : a.relation === 'same-text' ? -1 : 1) || (a.id < b.id ? -1 : 1));

    this.push(input, fp, index);
    // one group, never a bridge between groups: the article joins the group whose original it is a
    // verified copy of, else the group of a verified match whose original it is still close to
    // (ORIGINAL_COVER of the shorter article's words); otherwise it starts a group of its own. A
    // compilation page or shared boilerplate that matches several articles no longer chains them.
    const group = this.chooseGroup(fp, found);
    if (group >= 0) this.union(index, group);
    if (fp.length > 0) this.post(index, fp, keys);
    return {
      id: input.id,
      group: this.docs[this.find(index)]!.id,
      relation: matches[0]?.relation ?? 'new',
      matches,
      merged: [],
      candidates,
    };
  }

  /** The group id of an article (undefined when unknown). */
  groupOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.docs[this.find(i)]!.id;
  }

  /**
   * The ids of the members of the group an article is in (any member's id will do), in adding
   * order (empty for an unknown id). Costs the group's size, not the index's.
   */
  members(group: string): string[] {
    const g = this.byId.get(group);
    if (g === undefined) return [];
    const out: number[] = [g];
    for (let i = this.next[g]!; i !== g; i = this.next[i]!) out.push(i);
    return out.sort((a, b) => a - b).map((i) => this.docs[i]!.id);
  }

  /** The number of articles in the group of an article (0 for an unknown id). */
  groupSize(id: string): number {
    const g = this.byId.get(id);
    if (g === undefined) return 0;
    let n = 1;
    for (let i = this.next[g]!; i !== g; i = this.next[i]!) n++;
    return n;
  }

  /** Every group of two or more articles, as member ids in adding order. */
  groups(): string[][] {
    const byRoot = new Map<number, string[]>();
    this.docs.forEach((d, i) => {
      const r = this.find(i);
      let g = byRoot.get(r);
      if (!g) byRoot.set(r, (g = []));
      g.push(d.id);
    });
    return [...byRoot.values()].filter((g) => g.length > 1);
  }

  /** The outlet an article was added with. */
  outletOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.docs[i]!.outlet;
  }

  /** The time (epoch ms, NaN when unknown) an article was added with. */
  timeOf(id: string): number {
    const i = this.byId.get(id);
    return i === undefined ? NaN : this.docs[i]!.fp.time;
  }

  /** Copy scores of two indexed articles (cosine is 0: this index keeps no term vectors). */
  scores(a: string, b: string): PairScores {
    return compare(this.doc(a).fp, this.doc(b).fp);
  }

  /** The copy relation of two indexed articles, or undefined when they are not copies. */
  relation(a: string, b: string): CopyRelation | undefined {
    return copyRelation(this.scores(a, b), this.thresholds);
  }

  private doc(id: string): StoredDoc {
    const i = this.byId.get(id);
    if (i === undefined) throw new Error(`ISNAD_DEDUP_UNKNOWN: "${id}" is not indexed`);
    return this.docs[i]!;
  }

  /** Candidate documents for a fingerprint: LSH band mates and articles sharing enough anchors. */
  private candidatesOf(fp: Fingerprint, keys: Uint32Array): Set<number> {
    const out = new Set<number>();
    this.lsh.forEachKey(keys, (j) => out.add(j));
    const every = this.options.anchorEvery;
    if (every > 0) {
      const counts = new Map<number, number>();
      let anchors = 0;
      for (const s of fp.shingles) {
        if (s % every !== 0) continue;
        if (this.anchors.count(s) >= this.options.anchorCap) continue;
        anchors++;
        this.anchors.forEach(s, (j) => counts.set(j, (counts.get(j) ?? 0) + 1));
      }
      const need = Math.min(2, anchors);
      for (const [j, c] of counts) if (c >= need) out.add(j);
    }
    return out;
  }

  private post(index: number, fp: Fingerprint, keys: Uint32Array): void {
    this.lsh.addKeys(index, keys);
    const every = this.options.anchorEvery;
    if (every > 0) for (const s of fp.shingles) if (s % every === 0) this.anchors.add(s, index, this.options.anchorCap);
  }

  private grow(n: number): void {
    if (n <= this.parent.length) return;
    let cap = this.parent.length;
    while (cap < n) cap = Math.ceil(cap * 1.5);
    const p = new Int32Array(cap);
    p.set(this.parent);
    this.parent = p;
    const nx = new Int32Array(cap);
    nx.set(this.next);
    this.next = nx;
    const k = new Uint32Array(cap * this.options.bands);
    k.set(this.bandKeys);
    this.bandKeys = k;
  }

  /** The root of the group a new article joins (see add), or -1. */
  private chooseGroup(fp: Fingerprint, found: readonly number[]): number {
    let best = -1;
    let bestDirect = false;
    let bestCover = -1;
    const seen = new Set<number>();
    for (const j of found) {
      const r = this.find(j);
      if (seen.has(r)) continue;
      seen.add(r);
      const direct = found.includes(r);
      const cover = compare(fp, withShingles(this.docs[r]!.fp)).coverShort;
      if (!direct && cover < ORIGINAL_COVER) continue;
      if ((direct && !bestDirect) || (direct === bestDirect && (cover > bestCover || (cover === bestCover && r < best)))) {
        best = r;
        bestDirect = direct;
        bestCover = cover;
      }
    }
    return best;
  }

  private find(i: number): number {
    return findRoot(this.parent, i);
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    // splice the two circular member lists into one
    const t = this.next[ra]!;
    this.next[ra] = this.next[rb]!;
    this.next[rb] = t;
  }

  /**
   * The index as bytes: a header (`ISNADDUP`, format version, JSON length), a JSON part (options,
   * thresholds, ids, outlets, times, lengths, groups), then 32-bit words: a byte-order mark, the LSH
   * bucket keys of every article, and each article's shingle sequence and set (length-prefixed).
   * The anchor postings are rebuilt on restore.
   */
  serialize(): Uint8Array {
    const n = this.docs.length;
    const bands = this.options.bands;
    const meta = {
      version: DEDUP_FORMAT_VERSION,
      options: this.options,
      thresholds: this.thresholds,
      ids: this.docs.map((d) => d.id),
      outlets: this.docs.map((d) => d.outlet ?? null),
      times: this.docs.map((d) => (Number.isFinite(d.fp.time) ? d.fp.time : null)),
      lengths: this.docs.map((d) => d.fp.length),
      parents: Array.from({ length: n }, (_, i) => this.find(i)),
    };
    const json = new TextEncoder().encode(JSON.stringify(meta));
    let words = 1 + n * bands;
    for (const d of this.docs) words += 2 + d.fp.sequence.length + d.fp.shingles.length;
    const body = new Uint32Array(words);
    body[0] = BYTE_ORDER_MARK;
    body.set(this.bandKeys.subarray(0, n * bands), 1);
    let off = 1 + n * bands;
    for (const d of this.docs) {
      for (const a of [d.fp.sequence, d.fp.shingles]) {
        body[off++] = a.length;
        body.set(a, off);
        off += a.length;
      }
    }
    const head = 16 + ((json.length + 3) & ~3);
    const bytes = new Uint8Array(head + body.byteLength);
    for (let i = 0; i < 8; i++) bytes[i] = MAGIC.charCodeAt(i);
    const view = new DataView(bytes.buffer);
    view.setUint32(8, DEDUP_FORMAT_VERSION, true);
    view.setUint32(12, json.length, true);
    bytes.set(json, 16);
    bytes.set(new Uint8Array(body.buffer), head);
    return bytes;
  }

  /** An index from {@link serialize}'s bytes. Throws on other bytes or another format version. */
  static restore(bytes: Uint8Array): DedupIndex {
    if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) throw new Error('ISNAD_DEDUP_FORMAT: not a serialized DedupIndex (bad header)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(8, true);
    if (version !== DEDUP_FORMAT_VERSION) throw new Error(`ISNAD_DEDUP_VERSION: format version ${version}; this isnad reads version ${DEDUP_FORMAT_VERSION}`);
    const jsonLength = view.getUint32(12, true);
    const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength))) as {
      options: typeof DEFAULTS;
      thresholds: Thresholds;
      ids: string[];
      outlets: Array<string | null>;
      times: Array<number | null>;
      lengths: number[];
      parents: number[];
    };
    const index = new DedupIndex({ ...meta.options, thresholds: meta.thresholds });
    const head = 16 + ((jsonLength + 3) & ~3);
    // copy into an aligned buffer, swapping bytes when the file was written on the other byte order
    const body = new Uint32Array(bytes.slice(head).buffer);
    if (body[0] !== BYTE_ORDER_MARK) {
      const swapped = (BYTE_ORDER_MARK >>> 24) | ((BYTE_ORDER_MARK >>> 8) & 0xff00) | ((BYTE_ORDER_MARK << 8) & 0xff0000) | ((BYTE_ORDER_MARK << 24) >>> 0);
      if (body[0] !== swapped >>> 0) throw new Error('ISNAD_DEDUP_FORMAT: bad byte-order mark');
      for (let i = 0; i < body.length; i++) {
        const v = body[i]!;
        body[i] = ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24)) >>> 0;
      }
    }
    const n = meta.ids.length;
    const bands = index.options.bands;
    index.grow(n);
    index.bandKeys.set(body.subarray(1, 1 + n * bands));
    let off = 1 + n * bands;
    const take = (): Uint32Array => {
      const len = body[off++]!;
      const a = body.subarray(off, off + len);
      off += len;
      return a;
    };
    for (let i = 0; i < n; i++) {
      const sequence = take();
      const shingles = take();
      const fp: Fingerprint = { length: meta.lengths[i]!, sequence, shingles, vector: EMPTY_VECTOR, time: meta.times[i] ?? NaN };
      index.docs.push({ id: meta.ids[i]!, outlet: meta.outlets[i] ?? undefined, fp: index.pool.keep(fp) });
      index.byId.set(meta.ids[i]!, i);
      index.parent[i] = meta.parents[i]!;
      index.next[i] = i;
      if (fp.length > 0) index.post(i, fp, index.bandKeys.subarray(i * bands, (i + 1) * bands));
    }
    for (let i = 0; i < n; i++) {
      const r = index.parent[i]!;
      if (r === i) continue;
      index.next[i] = index.next[r]!;
      index.next[r] = i;
    }
    return index;
  }
}

const EMPTY_VECTOR = Object.freeze({ terms: new Uint32Array(0), weights: new Float32Array(0) });

/**
 * A fingerprint as the index keeps it: the shingle sequence only. Its set of shingles (the same
 * hashes, sorted and distinct) is sorted out of the sequence when asked for — a few microseconds per
 * candidate compared, against half the index's memory (about 130 MB for the 72,000 shared articles).
 */
class KeptFingerprint implements Fingerprint {
  readonly vector = EMPTY_VECTOR;
  constructor(
    readonly length: number,
    readonly sequence: Uint32Array,
    readonly time: number,
  ) {}

  get shingles(): Uint32Array {
    return dedupeSorted(this.sequence.slice().sort());
  }
}

/** A fingerprint whose shingle set is computed once, for the comparisons of one candidate. */
const withShingles = (fp: Fingerprint): Fingerprint => ({ length: fp.length, sequence: fp.sequence, shingles: fp.shingles, vector: fp.vector, time: fp.time });

/** Fingerprint sequences kept in chunks (pool.ts). */
class FingerprintPool {
  private readonly pool = new ChunkPool((n) => new Uint32Array(n));

  /** The fingerprint with its sequence in the pool, without its shingle set and term vector. */
  keep(fp: Fingerprint): Fingerprint {
    return new KeptFingerprint(fp.length, this.pool.copy(fp.sequence), fp.time);
  }
}
