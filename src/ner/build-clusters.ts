/**
 * build:clusters — learns the word clusters the NER model uses (models/ner-clusters.tsv.gz) from the
 * unlabeled news corpora in ISNAD_DATA (SaudiNewsNet, ANT multisource, ANT Jawhara FM).
 *
 * A cheap stand-in for Brown clusters, deterministic and a few minutes on one core:
 *   1. every token of every article, `match`-normalized (numbers → <num>, Latin lower-cased, a line
 *      break → <s>), as one stream of ids;
 *   2. for the V most frequent Arabic forms, counts of the word just before and just after them,
 *      among the C most frequent forms (a 2C-dimensional context vector, left and right kept apart,
 *      which is what makes the classes syntactic-and-semantic like Brown's);
 *   3. positive PMI with context-distribution smoothing (α = 0.75);
 *   4. a rank-K truncated SVD by randomized subspace iteration (seeded), rows U·Σ^½, L2-normalized;
 *   5. a three-level hierarchy by spherical k-means (k-means++ seeding, seeded): 16 coarse classes,
 *      each split into middle classes and those into fine ones, in proportion to their size
 *      (about 128 and 1024 in all).
 *
 * Usage: npm run build:clusters [-- --vocab 100000 --contexts 2000 --dims 100 --limit N --out FILE]
 *        (--vectors FILE also writes the word vectors, FILE.forms their forms: for experiments)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { dataDir, readCorpora, type CorpusName } from '../ingest/corpus/index.js';
import { normalize, tokenize } from '../text/index.js';
import { gaussian, rng } from './hash.js';

const CORPORA: CorpusName[] = ['saudinewsnet', 'ant-multisource', 'ant-jawharafm'];
const SEED = 20240611;
const BOUNDARY = '<s>';
const NUM = '<num>';
const ARABIC = /^\p{Script=Arabic}+$/u;

const log = (msg: string): void => console.error(`build-clusters: ${msg}`);

/** The token stream of the corpora as ids, and each id's form and count. */
async function readStream(limit: number | undefined): Promise<{ seq: Int32Array; forms: string[]; counts: number[]; docs: number }> {
  const ids = new Map<string, number>();
  const forms: string[] = [];
  const counts: number[] = [];
  let seq = new Int32Array(1 << 22);
  let len = 0;
  const push = (form: string): void => {
    let id = ids.get(form);
    if (id === undefined) {
      id = forms.length;
      ids.set(form, id);
      forms.push(form);
      counts.push(0);
    }
    counts[id]!++;
    if (len === seq.length) {
      const next = new Int32Array(seq.length * 2);
      next.set(seq);
      seq = next;
    }
    seq[len++] = id;
  };
  let docs = 0;
  for await (const rec of readCorpora(CORPORA, limit ? { limit } : {})) {
    const text = rec.text;
    push(BOUNDARY);
    let nextNl = text.indexOf('\n');
    for (const t of tokenize(text)) {
      if (nextNl >= 0 && nextNl < t.start) {
        push(BOUNDARY);
        nextNl = text.indexOf('\n', t.start);
      }
      const raw = text.slice(t.start, t.end);
      push(t.kind === 'number' ? NUM : t.kind === 'word' ? normalize(raw, 'match') : normalize(raw, 'key'));
    }
    if (++docs % 20000 === 0) log(`${docs} documents, ${len} tokens, ${forms.length} forms`);
  }
  push(BOUNDARY);
  return { seq: seq.subarray(0, len), forms, counts, docs };
}

/** Sparse matrix in compressed-row form. */
interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

/** Left/right context counts of the target words, as PPMI. */
function ppmiMatrix(seq: Int32Array, targetRank: Int32Array, ctxRank: Int32Array, V: number, C: number): Csr {
  const D = 2 * C;
  // every (target, context) pair as one uint32 key, sorted, then run-length counted
  let pairs = new Uint32Array(1 << 22);
  let n = 0;
  const add = (k: number): void => {
    if (n === pairs.length) {
      const next = new Uint32Array(pairs.length * 2);
      next.set(pairs);
      pairs = next;
    }
    pairs[n++] = k;
  };
  for (let i = 1; i + 1 < seq.length; i++) {
    const r = targetRank[seq[i]!]!;
    if (r < 0) continue;
    const l = ctxRank[seq[i - 1]!]!;
    const rr = ctxRank[seq[i + 1]!]!;
    if (l >= 0) add(r * D + l);
    if (rr >= 0) add(r * D + C + rr);
  }
  const sorted = pairs.subarray(0, n).sort();
  const ptr = new Int32Array(V + 1);
  const idxs: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; ) {
    const k = sorted[i]!;
    let j = i + 1;
    while (j < n && sorted[j] === k) j++;
    const row = Math.floor(k / D);
    idxs.push(k - row * D);
    vals.push(j - i);
    ptr[row + 1]!++;
    i = j;
  }
  for (let r = 0; r < V; r++) ptr[r + 1]! += ptr[r]!;
  const idx = Int32Array.from(idxs);
  const val = Float64Array.from(vals);
  // PPMI with context-distribution smoothing
  const rowSum = new Float64Array(V);
  const colSum = new Float64Array(D);
  let total = 0;
  for (let r = 0; r < V; r++) {
    for (let p = ptr[r]!; p < ptr[r + 1]!; p++) {
      rowSum[r]! += val[p]!;
      colSum[idx[p]!]! += val[p]!;
      total += val[p]!;
    }
  }
  let colAlphaTotal = 0;
  const colAlpha = new Float64Array(D);
  for (let c = 0; c < D; c++) {
    colAlpha[c] = Math.pow(colSum[c]!, 0.75);
    colAlphaTotal += colAlpha[c]!;
  }
  for (let r = 0; r < V; r++) {
    for (let p = ptr[r]!; p < ptr[r + 1]!; p++) {
      const pmi = Math.log((val[p]! / total) / ((rowSum[r]! / total) * (colAlpha[idx[p]!]! / colAlphaTotal)));
      val[p] = pmi > 0 ? pmi : 0;
    }
  }
  return { rows: V, cols: D, ptr, idx, val };
}

/** Dense row-major matrix. */
interface Dense {
  rows: number;
  cols: number;
  a: Float64Array;
}

const dense = (rows: number, cols: number): Dense => ({ rows, cols, a: new Float64Array(rows * cols) });

/** X · M (X sparse rows × cols, M dense cols × l). */
function mulXM(x: Csr, m: Dense): Dense {
  const l = m.cols;
  const out = dense(x.rows, l);
  const o = out.a;
  const ma = m.a;
  for (let r = 0; r < x.rows; r++) {
    const ro = r * l;
    for (let p = x.ptr[r]!; p < x.ptr[r + 1]!; p++) {
      const mc = x.idx[p]! * l;
      const v = x.val[p]!;
      for (let j = 0; j < l; j++) o[ro + j]! += v * ma[mc + j]!;
    }
  }
  return out;
}

/** Xᵀ · Q (X sparse rows × cols, Q dense rows × l). */
function mulXtQ(x: Csr, q: Dense): Dense {
  const l = q.cols;
  const out = dense(x.cols, l);
  const o = out.a;
  const qa = q.a;
  for (let r = 0; r < x.rows; r++) {
    const qr = r * l;
    for (let p = x.ptr[r]!; p < x.ptr[r + 1]!; p++) {
      const oc = x.idx[p]! * l;
      const v = x.val[p]!;
      for (let j = 0; j < l; j++) o[oc + j]! += v * qa[qr + j]!;
    }
  }
  return out;
}

/** Aᵀ · B for dense A (n × k) and B (n × m): a k × m matrix. */
function gram(a: Dense, b: Dense): Dense {
  const k = a.cols;
  const m = b.cols;
  const out = dense(k, m);
  const o = out.a;
  for (let r = 0; r < a.rows; r++) {
    const ar = r * k;
    const br = r * m;
    for (let i = 0; i < k; i++) {
      const v = a.a[ar + i]!;
      if (v === 0) continue;
      const oi = i * m;
      for (let j = 0; j < m; j++) o[oi + j]! += v * b.a[br + j]!;
    }
  }
  return out;
}

/**
 * Orthonormalizes the columns of `y` in place by Cholesky QR, twice (CholeskyQR2): G = YᵀY = RᵀR,
 * Y ← Y R⁻¹. Cache-friendly on row-major matrices; a tiny ridge keeps R invertible.
 */
function orthonormalize(y: Dense): void {
  const l = y.cols;
  for (let pass = 0; pass < 2; pass++) {
    const g = gram(y, y).a;
    let trace = 0;
    for (let i = 0; i < l; i++) trace += g[i * l + i]!;
    for (let i = 0; i < l; i++) g[i * l + i]! += 1e-12 * trace + 1e-300;
    // Cholesky: G = Rᵀ R, R upper triangular
    const rm = new Float64Array(l * l);
    for (let j = 0; j < l; j++) {
      let s = g[j * l + j]!;
      for (let k = 0; k < j; k++) s -= rm[k * l + j]! ** 2;
      const d = Math.sqrt(Math.max(s, 1e-300));
      rm[j * l + j] = d;
      for (let i = j + 1; i < l; i++) {
        let t = g[j * l + i]!;
        for (let k = 0; k < j; k++) t -= rm[k * l + j]! * rm[k * l + i]!;
        rm[j * l + i] = t / d;
      }
    }
    // each row y ← y R⁻¹ (forward substitution on the row)
    const row = new Float64Array(l);
    for (let r = 0; r < y.rows; r++) {
      const o = r * l;
      for (let j = 0; j < l; j++) {
        let t = y.a[o + j]!;
        for (let k = 0; k < j; k++) t -= row[k]! * rm[k * l + j]!;
        row[j] = t / rm[j * l + j]!;
      }
      for (let j = 0; j < l; j++) y.a[o + j] = row[j]!;
    }
  }
}

/** Eigen-decomposition of a symmetric matrix (cyclic Jacobi); eigenvalues and column eigenvectors (n × n, row-major). */
function symmetricEigen(a: Dense): { values: Float64Array; vectors: Dense } {
  const n = a.rows;
  const m = Float64Array.from(a.a);
  const v = dense(n, n);
  for (let i = 0; i < n; i++) v.a[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += m[p * n + p]! ** 2;
      for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    }
    if (off <= 1e-24 * diag) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.a[k * n + p]!;
          const vkq = v.a[k * n + q]!;
          v.a[k * n + p] = c * vkp - s * vkq;
          v.a[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => m[i * n + i]!), vectors: v };
}

/** Row vectors U·Σ^½ of a rank-`k` randomized SVD of `x`, L2-normalized, row-major (rows × k). */
function embed(x: Csr, k: number, oversample: number, powerIters: number): Float64Array {
  const l = k + oversample;
  const g = gaussian(rng(SEED));
  const omega = dense(x.cols, l);
  for (let i = 0; i < omega.a.length; i++) omega.a[i] = g();
  let y = mulXM(x, omega);
  orthonormalize(y);
  for (let it = 0; it < powerIters; it++) {
    const z = mulXtQ(x, y);
    orthonormalize(z);
    y = mulXM(x, z);
    orthonormalize(y);
  }
  // Bᵀ = Xᵀ Q (cols × l); B Bᵀ = W Λ Wᵀ; U = Q W; σ = √λ
  const bt = mulXtQ(x, y);
  const { values, vectors } = symmetricEigen(gram(bt, bt));
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const out = new Float64Array(x.rows * k);
  for (let r = 0; r < x.rows; r++) {
    const yr = r * l;
    for (let j = 0; j < k; j++) {
      const e = order[j]!;
      let u = 0;
      for (let i = 0; i < l; i++) u += y.a[yr + i]! * vectors.a[i * l + e]!;
      out[r * k + j] = u * Math.pow(Math.max(values[e]!, 0), 0.25); // U·√σ
    }
    let n = 0;
    for (let j = 0; j < k; j++) n += out[r * k + j]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let j = 0; j < k; j++) out[r * k + j]! /= n;
  }
  return out;
}

/** Spherical k-means of the rows `members` of `vecs` (dim `d`); returns each member's cluster. */
function kmeans(vecs: Float64Array, d: number, members: Int32Array, k: number, next: () => number, iters = 20): Int32Array {
  const n = members.length;
  const assign = new Int32Array(n);
  if (k <= 1 || n <= k) {
    for (let i = 0; i < n; i++) assign[i] = k <= 1 ? 0 : i;
    return assign;
  }
  const cent = new Float64Array(k * d);
  // k-means++ seeding on cosine distance
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(next() * n);
  for (let c = 0; c < k; c++) {
    const row = members[pick]! * d;
    for (let j = 0; j < d; j++) cent[c * d + j] = vecs[row + j]!;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const ri = members[i]! * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += vecs[ri + j]! * cent[c * d + j]!;
      const dd = Math.max(0, 1 - dot);
      if (dd < dist[i]!) dist[i] = dd;
      sum += dist[i]! * dist[i]!;
    }
    let target = next() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= dist[i]! * dist[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  for (let it = 0; it < iters; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const ri = members[i]! * d;
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const rc = c * d;
        for (let j = 0; j < d; j++) dot += vecs[ri + j]! * cent[rc + j]!;
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      if (assign[i] !== best || it === 0) changed++;
      assign[i] = best;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const ri = members[i]! * d;
      const rc = assign[i]! * d;
      for (let j = 0; j < d; j++) cent[rc + j]! += vecs[ri + j]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += cent[c * d + j]! ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) {
        // an empty cluster takes a random member
        const row = members[Math.floor(next() * n)]! * d;
        for (let j = 0; j < d; j++) cent[c * d + j] = vecs[row + j]!;
      } else for (let j = 0; j < d; j++) cent[c * d + j]! /= norm;
    }
    if (changed === 0) break;
  }
  return assign;
}

/** Splits every group into sub-clusters in proportion to its size; returns the new global labels. */
function refine(vecs: Float64Array, d: number, labels: Int32Array, groups: number, total: number, next: () => number): { labels: Int32Array; count: number } {
  const out = new Int32Array(labels.length);
  let count = 0;
  for (let g = 0; g < groups; g++) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === g) members.push(i);
    if (members.length === 0) continue;
    const k = Math.max(1, Math.round((total * members.length) / labels.length));
    const sub = kmeans(vecs, d, Int32Array.from(members), k, next);
    const used = new Map<number, number>();
    for (let i = 0; i < members.length; i++) {
      let id = used.get(sub[i]!);
      if (id === undefined) {
        id = count++;
        used.set(sub[i]!, id);
      }
      out[members[i]!] = id;
    }
  }
  return { labels: out, count };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vocab: { type: 'string' },
      contexts: { type: 'string' },
      dims: { type: 'string' },
      min: { type: 'string' },
      middle: { type: 'string' },
      fine: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      vectors: { type: 'string' },
    },
  });
  if (!dataDir()) {
    console.error('build-clusters: no shared data (set ISNAD_DATA or put it at ../shared)');
    process.exit(1);
  }
  const V = Number(values.vocab ?? 100_000);
  const C = Number(values.contexts ?? 2000);
  const K = Number(values.dims ?? 100);
  const minCount = Number(values.min ?? 10);
  const out = values.out ?? new URL('../../models/ner-clusters.tsv.gz', import.meta.url).pathname;
  const t0 = performance.now();
  const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

  const { seq, forms, counts, docs } = await readStream(values.limit ? Number(values.limit) : undefined);
  log(`${docs} documents, ${seq.length} tokens, ${forms.length} forms (${secs()})`);

  const byFreq = forms.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]! || (forms[a]! < forms[b]! ? -1 : forms[a]! > forms[b]! ? 1 : 0));
  const ctxRank = new Int32Array(forms.length).fill(-1);
  byFreq.slice(0, C).forEach((id, r) => (ctxRank[id] = r));
  const targetRank = new Int32Array(forms.length).fill(-1);
  const targets: number[] = [];
  for (const id of byFreq) {
    if (targets.length >= V || counts[id]! < minCount) break;
    if (!ARABIC.test(forms[id]!)) continue;
    targetRank[id] = targets.length;
    targets.push(id);
  }
  const x = ppmiMatrix(seq, targetRank, ctxRank, targets.length, C);
  log(`${targets.length} target forms × ${2 * C} contexts, ${x.val.length} non-zero PPMI cells (${secs()})`);

  const vecs = embed(x, K, 20, 2);
  log(`rank-${K} SVD (${secs()})`);

  const next = rng(SEED + 1);
  const coarse = kmeans(vecs, K, Int32Array.from({ length: targets.length }, (_, i) => i), 16, next);
  const middle = refine(vecs, K, coarse, 16, Number(values.middle ?? 128), next);
  const fine = refine(vecs, K, middle.labels, middle.count, Number(values.fine ?? 1024), next);
  log(`16 → ${middle.count} → ${fine.count} classes (${secs()})`);

  const lines = [
    '# isnad NER word clusters v1: form<TAB>coarse<TAB>middle<TAB>fine',
    `# built by src/ner/build-clusters.ts from ${CORPORA.join(', ')} (${docs} documents, ${seq.length} tokens);`,
    `# ${targets.length} most frequent Arabic match forms (count >= ${minCount}), ${2 * C} left/right contexts, PPMI, rank-${K} SVD, spherical k-means. Do not edit.`,
  ];
  for (let r = 0; r < targets.length; r++) lines.push(`${forms[targets[r]!]}\t${coarse[r]}\t${middle.labels[r]}\t${fine.labels[r]}`);
  if (values.vectors) {
    // the word vectors, for experiments: forms (one per line), then K float32 per form
    writeFileSync(values.vectors + '.forms', targets.map((id) => forms[id]!).join('\n') + '\n');
    writeFileSync(values.vectors, Buffer.from(Float32Array.from(vecs).buffer));
  }
  mkdirSync(dirname(out), { recursive: true });
  const gz = gzipSync(lines.join('\n') + '\n', { level: 9 });
  writeFileSync(out, gz);
  log(`wrote ${out} (${(gz.length / 1024).toFixed(0)} KB) in ${secs()}`);
}

await main();
