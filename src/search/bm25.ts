/**
 * BM25 exactly as SQLite FTS5's bm25() computes it (sqlite3.c, fts5Bm25Function; see
 * src/store/store.ts): k1 = 1.2, b = 0.75, one column, the same operations in the same order on
 * doubles, so that a score computed here is the very double the stores give.
 *
 * The one operation JavaScript does not share with C is the logarithm: V8's Math.log and the C
 * library's log() differ in the last bit for about one argument in fifteen, which would reorder
 * ties. The natural log is therefore a parameter: callers on Node pass the C library's
 * (src/store/libm.ts), the same function both stores use.
 */

export const K1 = 1.2;
export const B = 0.75;

/** A natural logarithm. */
export type Ln = (x: number) => number;

/** idf of a phrase found in `n` of `N` documents: ln((N − n + 0.5) / (n + 0.5)), and 1e−6 when that is ≤ 0. */
export function idf(N: number, n: number, ln: Ln): number {
  const x = ln((N - n + 0.5) / (n + 0.5));
  return x <= 0 ? 1e-6 : x;
}

/** The length part of a document's score, k1·(1 − b + b·|d|/avgdl): the same for every query, so computed once. */
export function lengthNorm(length: number, avgdl: number): number {
  return K1 * (1 - B + (B * length) / avgdl);
}

/**
 * The score of one document: − Σ_i idf_i · f_i·(k1+1) / (f_i + k1·(1 − b + b·|d|/avgdl)), summed in
 * phrase order; `freqs[i]` is phrase i's frequency in the document, `norm` its {@link lengthNorm}.
 */
export function bm25(idfs: Float64Array, freqs: Float64Array, norm: number): number {
  let score = 0.0;
  for (let i = 0; i < idfs.length; i++) {
    const f = freqs[i]!;
    score += idfs[i]! * ((f * (K1 + 1.0)) / (f + norm));
  }
  return -1.0 * score;
}
