/**
 * 32-bit hashing for the dedup layer: FNV-1a over UTF-16 code units for strings, the MurmurHash3
 * finalizer (`fmix32`) to spread bits, and a fixed seed sequence (SplitMix32) so every run and
 * every machine hashes alike. Pure; no I/O.
 */

import { fmix } from '../ner/hash.js';

/** FNV-1a (32-bit) over the UTF-16 code units of `s`, finished with {@link fmix32}. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's finalizer: a bijection on 32-bit integers with full avalanche (the NER layer's kernel). */
export const fmix32: (h: number) => number = fmix;

/** Mixes one more 32-bit value into a running hash (order matters: ab ≠ ba). */
export function combine(h: number, v: number): number {
  h ^= Math.imul(v, 0xcc9e2d51);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** `n` deterministic 32-bit seeds from `seed` (SplitMix32). */
export function seeds(n: number, seed = 0x9e3779b9): Uint32Array {
  const out = new Uint32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
}

/**
 * A copy of `s` that keeps no larger string alive. V8 makes a slice of 13 or more characters a view
 * into its parent, so an id or a cached word cut out of an article would keep the whole article
 * in memory for as long as the index lives.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
