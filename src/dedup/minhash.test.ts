import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32, hashString, seeds } from './hash.js';
import { candidateProbability, LshIndex } from './lsh.js';
import { EMPTY, estimateJaccard, MinHasher } from './minhash.js';
import { IntCounter, IntMultiMap } from './multimap.js';
import { dedupeSorted, jaccard } from './shingles.js';

const set = (xs: number[]): Uint32Array => dedupeSorted(Uint32Array.from(xs.map((x) => fmix32(x))).sort());

describe('hash', () => {
  it('is deterministic across runs', () => {
    expect(hashString('مستشفى')).toBe(hashString('مستشفى'));
    expect(Array.from(seeds(3, 7))).toEqual(Array.from(seeds(3, 7)));
    expect(new Set(seeds(1000)).size).toBe(1000);
  });
});

describe('MinHasher', () => {
  const mh = new MinHasher(128);
  it('identical sets have equal signatures; the empty set is all EMPTY', () => {
    const a = set([1, 2, 3, 4, 5]);
    expect(estimateJaccard(mh.signature(a), mh.signature(a.slice()))).toBe(1);
    expect(Array.from(mh.signature(new Uint32Array(0))).every((v) => v === EMPTY)).toBe(true);
  });
  it('the same seed gives the same signature; another seed another', () => {
    const a = set([10, 20, 30, 40]);
    expect(Array.from(new MinHasher(64, 5).signature(a))).toEqual(Array.from(new MinHasher(64, 5).signature(a)));
    expect(Array.from(new MinHasher(64, 6).signature(a))).not.toEqual(Array.from(new MinHasher(64, 5).signature(a)));
  });
  it('rejects a bad size with a code', () => {
    expect(() => new MinHasher(0)).toThrow(/ISNAD_MINHASH_SIZE/);
    expect(() => estimateJaccard([1], [1, 2])).toThrow(/ISNAD_MINHASH_LENGTH/);
  });
  it('estimates Jaccard within 4 standard errors (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1_000_000 }), (shared, onlyA, onlyB, base) => {
        const common = Array.from({ length: shared }, (_, i) => base + i);
        const a = set([...common, ...Array.from({ length: onlyA }, (_, i) => base + 10_000 + i)]);
        const b = set([...common, ...Array.from({ length: onlyB }, (_, i) => base + 20_000 + i)]);
        const j = jaccard(a, b);
        const est = estimateJaccard(mh.signature(a), mh.signature(b));
        const se = Math.sqrt((j * (1 - j)) / 128);
        expect(Math.abs(est - j)).toBeLessThanOrEqual(4 * se + 0.02);
      }),
      { numRuns: 60 },
    );
  });
});

describe('LSH banding', () => {
  it('candidate probability follows 1 − (1 − J^r)^b', () => {
    expect(candidateProbability(0.5, { bands: 32, rows: 2 })).toBeCloseTo(1 - Math.pow(0.75, 32), 10);
    expect(candidateProbability(0.3, { bands: 32, rows: 2 })).toBeGreaterThan(0.95);
    expect(candidateProbability(0.05, { bands: 32, rows: 2 })).toBeLessThan(0.1);
  });
  it('identical signatures share every band; the index finds them', () => {
    const mh = new MinHasher(64);
    const lsh = new LshIndex({ bands: 32, rows: 2 });
    const a = mh.signature(set([1, 2, 3, 4, 5, 6]));
    lsh.add(0, a);
    lsh.add(1, mh.signature(set([100, 200, 300])));
    const found = new Set<number>();
    lsh.forEachCandidate(a, (d) => found.add(d));
    expect(found).toEqual(new Set([0]));
    expect(() => new LshIndex({ bands: 0, rows: 2 })).toThrow(/ISNAD_LSH_BANDING/);
  });
});

describe('IntMultiMap / IntCounter', () => {
  it('files values under keys, newest first, and stops a key at its cap', () => {
    const m = new IntMultiMap(4, 4);
    for (let i = 0; i < 50; i++) m.add(i % 7, i);
    const seen: number[] = [];
    m.forEach(3, (v) => seen.push(v));
    expect(seen).toEqual([45, 38, 31, 24, 17, 10, 3]);
    expect(m.count(3)).toBe(7);
    expect(m.add(3, 99, 7)).toBe(false);
    expect(m.count(123)).toBe(0);
    expect(m.entries).toBe(50);
  });
  it('counts survive growth', () => {
    const c = new IntCounter(4);
    for (let i = 0; i < 1000; i++) c.increment(i % 300, 2);
    expect(c.get(7)).toBe(8);
    expect(c.get(299)).toBe(6);
    expect(c.get(5000)).toBe(0);
    expect(c.size).toBe(300);
  });
});
