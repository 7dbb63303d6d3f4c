/**
 * The NER model at run time: a linear-chain sequence model (trained as an averaged structured
 * perceptron by train.ts) over the feature hashes of features.ts, decoded by Viterbi under the
 * constraints of its tagging scheme (BIO or BILOU). Pure: no I/O; the Node loader (load.ts) or a
 * browser hands it the bytes of the model file.
 *
 * Model file, version 1 (little-endian; the loader gunzips it first):
 *
 *   bytes 0–7    "ISNADNER"
 *   uint32       format version (1)
 *   uint32       length H of the header
 *   H bytes      header, JSON (UTF-8): labels, feature version, row count, weight scale,
 *                the digest of the cluster file it was trained with, training figures
 *   padding      zero bytes up to a multiple of 4
 *   uint32[R]    feature hashes, ascending
 *   int16[R×L]   weights of each feature for each label, quantized (w = q × scale)
 *   padding      to a multiple of 4
 *   float32[L×L] transition weights (from × to), float32[L] start, float32[L] end
 */
import type { Lexeme, Token } from '../text/index.js';
import { contextFeatures, FEATURE_VERSION, FeatureExtractor, NEIGHBOURS, type SentenceFeatures, type WordInfo } from './features.js';
import { WordClusters } from './clusters.js';

export const MODEL_MAGIC = 'ISNADNER';
export const MODEL_VERSION = 1;

export class NerModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'NerModelError';
  }
}

export interface ModelHeader {
  labels: string[];
  featureVersion: number;
  rows: number;
  scale: number;
  /** digest of the cluster file the model was trained with ('' for none) */
  clusters: string;
  /** free-form training figures (data, split, epochs, dev scores) */
  training?: Record<string, unknown>;
}

export interface ModelParameters {
  labels: readonly string[];
  /** feature hashes, ascending */
  keys: Uint32Array;
  /** rows × labels */
  weights: Float32Array;
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
  clustersDigest?: string;
  training?: Record<string, unknown>;
}

const NEG = -1e30;

/**
 * Whether label `to` may follow label `from` (undefined: the sentence start or end). BIO: an I-X
 * continues a B-X or I-X. BILOU (`bilou`): also an L-X ends such a chunk, and a B-X or I-X must be
 * continued by an I-X or L-X.
 */
export function allowedTransition(from: string | undefined, to: string | undefined, bilou = false): boolean {
  const fp = from === undefined ? 'O' : from[0]!;
  const ft = from?.slice(2);
  const tp = to === undefined ? 'O' : to[0]!;
  const tt = to?.slice(2);
  if ((tp === 'I' || tp === 'L') && !((fp === 'B' || fp === 'I') && ft === tt)) return false;
  if (bilou && (fp === 'B' || fp === 'I') && !((tp === 'I' || tp === 'L') && tt === ft)) return false;
  return true;
}

/**
 * Viterbi decoding: the label sequence maximizing start[y0] + Σ emit[i][yi] + Σ trans[yi−1][yi] + end[yn−1].
 * `emit` is n × L row-major. Ties go to the lower label index. Returns label indices.
 */
export function viterbi(emit: ArrayLike<number>, n: number, L: number, trans: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>): Int32Array {
  const path = new Int32Array(n);
  if (n === 0) return path;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) score[y] = start[y]! + emit[y]!;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = score[prev + p]! + trans[p * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[cur + y] = best + emit[cur + y]!;
      back[cur + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    const s = score[last + y]! + end[y]!;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  path[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + path[i]!]!;
  return path;
}

/** A trained model: feature weights, transitions and the feature extractor they were trained with. */
export class NerModel {
  readonly labels: readonly string[];
  readonly L: number;
  readonly header: ModelHeader;
  readonly extractor: FeatureExtractor;
  private readonly keys: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** scratch for a sentence's emission scores */
  private emit = new Float64Array(0);
  private readonly weights: Float32Array;
  /** transitions with the scheme's constraints applied (forbidden = −1e30) */
  private readonly trans: Float32Array;
  private readonly start: Float32Array;
  private readonly end: Float32Array;
  private readonly raw: { trans: Float32Array; start: Float32Array; end: Float32Array };

  constructor(p: ModelParameters, clusters: WordClusters = WordClusters.empty) {
    const L = p.labels.length;
    this.labels = [...p.labels];
    this.L = L;
    if (p.weights.length !== p.keys.length * L) throw new NerModelError('ISNAD_NER_MODEL_CORRUPT', `weights hold ${p.weights.length} values, expected ${p.keys.length} rows × ${L} labels`);
    const bilou = this.labels.some((l) => l.startsWith('L-') || l.startsWith('U-'));
    this.header = {
      labels: this.labels.slice(),
      featureVersion: FEATURE_VERSION,
      rows: p.keys.length,
      scale: 0,
      clusters: p.clustersDigest ?? '',
      ...(p.training ? { training: p.training } : {}),
    };
    this.extractor = new FeatureExtractor({ clusters });
    this.weights = p.weights;
    this.raw = { trans: p.trans, start: p.start, end: p.end };
    // open-addressing table: feature hash → row
    let cap = 16;
    while (cap < p.keys.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.slots = new Int32Array(cap).fill(-1);
    for (let r = 0; r < p.keys.length; r++) {
      const h = p.keys[r]!;
      let s = h & this.mask;
      while (this.slots[s] !== -1) s = (s + 1) & this.mask;
      this.keys[s] = h;
      this.slots[s] = r;
    }
    this.trans = new Float32Array(L * L);
    this.start = new Float32Array(L);
    this.end = new Float32Array(L);
    for (let a = 0; a < L; a++) {
      this.start[a] = allowedTransition(undefined, this.labels[a], bilou) ? p.start[a]! : NEG;
      this.end[a] = allowedTransition(this.labels[a], undefined, bilou) ? p.end[a]! : NEG;
      for (let b = 0; b < L; b++) this.trans[a * L + b] = allowedTransition(this.labels[a], this.labels[b], bilou) ? p.trans[a * L + b]! : NEG;
    }
  }

  /** Number of feature rows. */
  get rows(): number {
    return this.header.rows;
  }

  /** The row of feature hash `h`, or -1. */
  row(h: number): number {
    let s = h & this.mask;
    for (;;) {
      const r = this.slots[s]!;
      if (r === -1) return -1;
      if (this.keys[s] === h) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** Emission scores (n × L) for a sentence's features. */
  emissions(f: SentenceFeatures): Float64Array {
    const n = f.offsets.length - 1;
    const out = new Float64Array(n * this.L);
    for (let i = 0; i < n; i++) this.addRows(f.feats, f.offsets[i]!, f.offsets[i + 1]!, out, i * this.L);
    return out;
  }

  /** Adds the weight rows of feats[from, to) to out[o, o + L). */
  private addRows(feats: Uint32Array, from: number, to: number, out: Float64Array, o: number): void {
    const L = this.L;
    const w = this.weights;
    for (let k = from; k < to; k++) {
      const r = this.row(feats[k]!);
      if (r < 0) continue;
      const wr = r * L;
      for (let y = 0; y < L; y++) out[o + y]! += w[wr + y]!;
    }
  }

  /** A word's cached sums: own features, then its features as each neighbour (computed on first use). */
  private wordScores(info: WordInfo): Float32Array {
    if (info.scores === undefined) {
      const L = this.L;
      const acc = new Float64Array((NEIGHBOURS.length + 1) * L);
      this.addRows(info.own, 0, info.own.length, acc, 0);
      for (let o = 0; o < NEIGHBOURS.length; o++) {
        const c = contextFeatures(info, o);
        this.addRows(c, 0, c.length, acc, (o + 1) * L);
      }
      info.scores = Float32Array.from(acc);
    }
    return info.scores;
  }

  /**
   * Label indices for tokens[from, to) taken as one sentence; with `infos`, what the extractor knows
   * of each token goes to infos[from + i]; with `lexemes` (the tokens' word-form records, Doc.lexemes),
   * the extractor keeps what it knows of each form there.
   */
  tag(tokens: readonly Token[], from = 0, to = tokens.length, infos?: WordInfo[], lexemes?: ReadonlyArray<Lexeme | undefined>): Int32Array {
    const n = to - from;
    if (n <= 0) return new Int32Array(0);
    const L = this.L;
    // features that depend on the sentence, then each word's cached own and neighbour sums
    const f = this.extractor.sentence(tokens, from, to, false, lexemes);
    if (infos) for (let i = 0; i < n; i++) infos[from + i] = f.infos[i]!;
    // one buffer for every sentence's emissions (the tagger runs on every body sentence of every article)
    if (this.emit.length < n * L) this.emit = new Float64Array(Math.max(n * L, 2 * this.emit.length));
    const emit = this.emit;
    emit.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) this.addRows(f.feats, f.offsets[i]!, f.offsets[i + 1]!, emit, i * L);
    // each word adds its own sums to its place and its neighbour sums to the words it neighbours:
    // word j is neighbour NEIGHBOURS[k] of word j − NEIGHBOURS[k]
    for (let j = 0; j < n; j++) {
      const s = this.wordScores(f.infos[j]!);
      let o = j * L;
      for (let y = 0; y < L; y++) emit[o + y]! += s[y]!;
      for (let k = 0; k < NEIGHBOURS.length; k++) {
        const i = j - NEIGHBOURS[k]!;
        if (i < 0 || i >= n) continue;
        o = i * L;
        const c = (k + 1) * L;
        for (let y = 0; y < L; y++) emit[o + y]! += s[c + y]!;
      }
    }
    return viterbi(emit, n, L, this.trans, this.start, this.end);
  }

  /** Label names for tokens[from, to). */
  tagNames(tokens: readonly Token[], from = 0, to = tokens.length, infos?: WordInfo[], lexemes?: ReadonlyArray<Lexeme | undefined>): string[] {
    return Array.from(this.tag(tokens, from, to, infos, lexemes), (y) => this.labels[y]!);
  }

  /** Serializes the model (format version 1, uncompressed; the Node side gzips it). */
  toBytes(): Uint8Array {
    const L = this.L;
    const rows = this.header.rows;
    // rows in ascending hash order
    const order: number[] = [];
    const hashOf = new Uint32Array(rows);
    for (let s = 0; s <= this.mask; s++) {
      const r = this.slots[s]!;
      if (r >= 0) hashOf[r] = this.keys[s]!;
    }
    for (let r = 0; r < rows; r++) order.push(r);
    order.sort((a, b) => hashOf[a]! - hashOf[b]!);
    let max = 0;
    for (let i = 0; i < this.weights.length; i++) max = Math.max(max, Math.abs(this.weights[i]!));
    const scale = max > 0 ? max / 32767 : 1;
    const header: ModelHeader = { ...this.header, scale };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const pad4 = (x: number): number => (x + 3) & ~3;
    const hEnd = pad4(16 + headerBytes.length);
    const keysEnd = hEnd + rows * 4;
    const wEnd = pad4(keysEnd + rows * L * 2);
    const total = wEnd + (L * L + 2 * L) * 4;
    const buf = new ArrayBuffer(total);
    const bytes = new Uint8Array(buf);
    const view = new DataView(buf);
    for (let i = 0; i < 8; i++) bytes[i] = MODEL_MAGIC.charCodeAt(i);
    view.setUint32(8, MODEL_VERSION, true);
    view.setUint32(12, headerBytes.length, true);
    bytes.set(headerBytes, 16);
    for (let i = 0; i < rows; i++) view.setUint32(hEnd + i * 4, hashOf[order[i]!]!, true);
    for (let i = 0; i < rows; i++) {
      const r = order[i]!;
      for (let y = 0; y < L; y++) view.setInt16(keysEnd + (i * L + y) * 2, Math.round(this.weights[r * L + y]! / scale), true);
    }
    let o = wEnd;
    for (const arr of [this.raw.trans, this.raw.start, this.raw.end]) {
      for (let i = 0; i < arr.length; i++, o += 4) view.setFloat32(o, arr[i]!, true);
    }
    return bytes;
  }

  /** Reads a model file (uncompressed). Throws a {@link NerModelError} with a code when it is not one this version reads. */
  static fromBytes(bytes: Uint8Array, clusters: WordClusters = WordClusters.empty, clustersDigest = ''): NerModel {
    if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 8)) !== MODEL_MAGIC) {
      throw new NerModelError('ISNAD_NER_MODEL_FORMAT', 'not an isnad NER model file (no "ISNADNER" signature); was it gunzipped?');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(8, true);
    if (version !== MODEL_VERSION) {
      throw new NerModelError('ISNAD_NER_MODEL_VERSION', `model format version ${version} is not supported; this isnad reads version ${MODEL_VERSION} (retrain with npm run train:ner)`);
    }
    const hLen = view.getUint32(12, true);
    let header: ModelHeader;
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + hLen))) as ModelHeader;
    } catch {
      throw new NerModelError('ISNAD_NER_MODEL_CORRUPT', 'the model header is not valid JSON');
    }
    if (header.featureVersion !== FEATURE_VERSION) {
      throw new NerModelError('ISNAD_NER_MODEL_VERSION', `model uses feature set ${header.featureVersion}; this isnad extracts feature set ${FEATURE_VERSION} (retrain with npm run train:ner)`);
    }
    if (header.clusters && clustersDigest && header.clusters !== clustersDigest) {
      throw new NerModelError('ISNAD_NER_CLUSTERS_MISMATCH', `model was trained with clusters ${header.clusters}, but the cluster file has digest ${clustersDigest} (retrain with npm run train:ner)`);
    }
    const L = header.labels.length;
    const rows = header.rows;
    const pad4 = (x: number): number => (x + 3) & ~3;
    const hEnd = pad4(16 + hLen);
    const keysEnd = hEnd + rows * 4;
    const wEnd = pad4(keysEnd + rows * L * 2);
    if (bytes.length !== wEnd + (L * L + 2 * L) * 4) throw new NerModelError('ISNAD_NER_MODEL_CORRUPT', `model file has ${bytes.length} bytes, expected ${wEnd + (L * L + 2 * L) * 4}`);
    const keys = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) keys[i] = view.getUint32(hEnd + i * 4, true);
    const weights = new Float32Array(rows * L);
    for (let i = 0; i < rows * L; i++) weights[i] = view.getInt16(keysEnd + i * 2, true) * header.scale;
    let o = wEnd;
    const read = (len: number): Float32Array => {
      const a = new Float32Array(len);
      for (let i = 0; i < len; i++, o += 4) a[i] = view.getFloat32(o, true);
      return a;
    };
    const trans = read(L * L);
    const start = read(L);
    const end = read(L);
    const p: ModelParameters = { labels: header.labels, keys, weights, trans, start, end, clustersDigest: header.clusters };
    if (header.training) p.training = header.training;
    return new NerModel(p, clusters);
  }
}
