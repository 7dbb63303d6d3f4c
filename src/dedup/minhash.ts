/**
 * MinHash signatures (Broder 1997) over 32-bit shingle hashes.
 *
 * For each of `k` hash functions h_i, the signature keeps min over the set of h_i(x). Two sets
 * agree at position i with probability equal to their Jaccard similarity, so the share of equal
 * positions estimates it with standard error sqrt(J(1 − J)/k) (0.044 at J = 0.5, k = 128).
 *
 * The family: h_i(x) = xorshift(imul(x ⊕ b_i, a_i)) with a_i odd, so each h_i is a bijection on
 * 32-bit values (no two shingles collide inside one function). The inputs are already well mixed
 * (shingle hashes end in fmix32), which is what makes such a cheap family behave like random
 * permutations; the property tests check the estimate against exact Jaccard. Seeds are fixed
 * (SplitMix32 from `seed`): signatures are comparable across runs and machines.
 */
import { seeds } from './hash.js';

export const DEFAULT_NUM_HASHES = 128;
export const DEFAULT_SEED = 0x15ad0001;
/** The value of every position of an empty set's signature. */
export const EMPTY = 0xffffffff;

export class MinHasher {
  readonly numHashes: number;
  readonly seed: number;
  private readonly a: Int32Array;
  private readonly b: Int32Array;

  constructor(numHashes = DEFAULT_NUM_HASHES, seed = DEFAULT_SEED) {
    if (!Number.isInteger(numHashes) || numHashes < 1 || numHashes > 4096) {
      throw new RangeError(`ISNAD_MINHASH_SIZE: numHashes must be an integer in 1..4096, got ${numHashes}`);
    }
    this.numHashes = numHashes;
    this.seed = seed >>> 0;
    const s = seeds(2 * numHashes, this.seed);
    this.a = new Int32Array(numHashes);
    this.b = new Int32Array(numHashes);
    for (let i = 0; i < numHashes; i++) {
      this.a[i] = s[2 * i]! | 1;
      this.b[i] = s[2 * i + 1]! | 0;
    }
  }

  /** The signature of a set of 32-bit shingle hashes (repeats are harmless). */
  signature(shingles: ArrayLike<number>, out: Uint32Array = new Uint32Array(this.numHashes)): Uint32Array {
    const k = this.numHashes;
    const n = shingles.length;
    const x = toInt32(shingles);
    for (let i = 0; i < k; i++) {
      const ai = this.a[i]!;
      const bi = this.b[i]!;
      // the minimum as a signed int of (v ^ 2^31), so one int comparison orders values as unsigned
      let min = 0x7fffffff;
      for (let j = 0; j < n; j++) {
        let v = Math.imul(x[j]! ^ bi, ai);
        v = v ^ (v >>> 15) ^ 0x80000000;
        if (v < min) min = v;
      }
      out[i] = (min ^ 0x80000000) >>> 0;
    }
    return out;
  }
}

function toInt32(a: ArrayLike<number>): Int32Array {
  if (a instanceof Int32Array) return a;
  if (a instanceof Uint32Array) return new Int32Array(a.buffer, a.byteOffset, a.length);
  return Int32Array.from(a as ArrayLike<number>, (v) => v | 0);
}

/** The share of equal positions of two signatures of the same length: the Jaccard estimate. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`ISNAD_MINHASH_LENGTH: signatures of ${a.length} and ${b.length} positions`);
  if (a.length === 0) return 0;
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}
