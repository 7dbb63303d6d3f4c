/**
 * LSH banding over MinHash signatures (Indyk & Motwani; Leskovec, Rajaraman & Ullman ch. 3):
 * the k positions are cut into `bands` bands of `rows` positions; two documents become candidates
 * when all rows of at least one band agree. For Jaccard J the chance is
 *
 *   P(J) = 1 − (1 − J^rows)^bands
 *
 * an S-curve whose steep part sits near (1/bands)^(1/rows). {@link candidateProbability} computes
 * it; docs/dedup.md tabulates the chosen setting. Pure; no I/O.
 */
import { combine, fmix32 } from './hash.js';
import { IntMultiMap } from './multimap.js';

export interface Banding {
  bands: number;
  rows: number;
}

/** Chance that two sets of Jaccard similarity `j` share at least one band. */
export function candidateProbability(j: number, { bands, rows }: Banding): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}

/** The bucket key of band `band` of a signature (the band number is mixed in: one table serves all bands). */
export function bandKey(sig: ArrayLike<number>, band: number, rows: number): number {
  let h = combine(0x5bd1e995, band);
  const start = band * rows;
  for (let i = start; i < start + rows; i++) h = combine(h, sig[i]!);
  return fmix32(h);
}

/** Buckets of documents (numbered 0, 1, …) by band key. */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private readonly table: IntMultiMap;

  constructor({ bands, rows }: Banding, expectedDocs = 1024) {
    if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) {
      throw new RangeError(`ISNAD_LSH_BANDING: bands and rows must be positive integers, got ${bands}×${rows}`);
    }
    this.bands = bands;
    this.rows = rows;
    this.table = new IntMultiMap(expectedDocs * bands, expectedDocs * bands);
  }

  /** Files document `doc` under each band of `sig` (which has at least bands × rows positions). */
  add(doc: number, sig: ArrayLike<number>): void {
    for (let b = 0; b < this.bands; b++) this.table.add(bandKey(sig, b, this.rows), doc);
  }

  /** The bucket keys of a signature, one per band (what {@link addKeys} files). */
  keys(sig: ArrayLike<number>, out: Uint32Array = new Uint32Array(this.bands)): Uint32Array {
    for (let b = 0; b < this.bands; b++) out[b] = bandKey(sig, b, this.rows);
    return out;
  }

  /** Files document `doc` under bucket keys already computed ({@link keys}). */
  addKeys(doc: number, keys: ArrayLike<number>): void {
    for (let b = 0; b < this.bands; b++) this.table.add(keys[b]!, doc);
  }

  /** Calls `fn` for every document filed under one of `keys`. */
  forEachKey(keys: ArrayLike<number>, fn: (doc: number) => void): void {
    for (let b = 0; b < this.bands; b++) this.table.forEach(keys[b]!, fn);
  }

  /** Bytes held by the buckets. */
  get bytes(): number {
    return this.table.bytes;
  }

  /** Calls `fn` for every document sharing a band with `sig` (a document once per shared band). */
  forEachCandidate(sig: ArrayLike<number>, fn: (doc: number) => void): void {
    for (let b = 0; b < this.bands; b++) this.table.forEach(bandKey(sig, b, this.rows), fn);
  }

  get entries(): number {
    return this.table.entries;
  }
}
