/**
 * The averaged structured perceptron (Collins 2002) that trains the NER model, and scoring on
 * gold sentences. Pure: sentences in, model parameters out (train.ts reads and writes the files).
 *
 * Training runs over our own tokens (conll.ts aligns the words), decodes with Viterbi under the
 * scheme's constraints, and visits the sentences in a seeded shuffled order each epoch, so it is
 * deterministic. Features with no weight left after averaging are dropped.
 */
import { align, tokenTags, toBilou, wordLabels, type ConllSentence } from './conll.js';
import { FeatureExtractor } from './features.js';
import { rng, shuffle } from './hash.js';
import { allowedTransition, NerModel, viterbi, type ModelParameters } from './model.js';
import { scoreLabels, type NerScores } from './score.js';
import { mapTag } from './split.js';
import type { WordClusters } from './clusters.js';

export const SEED = 4242;
const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];

export function labelSet(scheme: 'bio' | 'bilou'): string[] {
  const prefixes = scheme === 'bio' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  return ['O', ...TYPES.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

interface Example {
  n: number;
  /** feature rows of token k: rows[offsets[k] .. offsets[k+1]) */
  offsets: Int32Array;
  rows: Int32Array;
  gold: Int32Array;
}

export interface TrainOptions {
  epochs: number;
  scheme: 'bio' | 'bilou';
  clusters: WordClusters;
  clustersDigest: string;
  log?: (msg: string) => void;
  /** evaluate on these sentences after every epoch */
  trace?: ConllSentence[];
  /** the seed of the sentence order (default SEED) */
  seed?: number;
}

/** Trains a model on sentences of words with BIO tags. */
export function train(sentences: readonly ConllSentence[], o: TrainOptions): ModelParameters {
  const log = o.log ?? (() => {});
  const labels = labelSet(o.scheme);
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const extractor = new FeatureExtractor({ clusters: o.clusters });
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  const examples: Example[] = [];
  for (const s of sentences) {
    const a = align(s.words);
    if (a.tokens.length === 0) continue;
    let tags = tokenTags(a, s.tags.map(mapTag));
    if (o.scheme === 'bilou') tags = toBilou(tags);
    const f = extractor.sentence(a.tokens);
    const rows = new Int32Array(f.feats.length);
    for (let k = 0; k < f.feats.length; k++) {
      const h = f.feats[k]!;
      let r = rowOf.get(h);
      if (r === undefined) {
        r = keys.length;
        rowOf.set(h, r);
        keys.push(h);
      }
      rows[k] = r;
    }
    const gold = Int32Array.from(tags, (t) => {
      const y = labelIndex.get(t);
      if (y === undefined) throw new Error(`unknown tag ${t}`);
      return y;
    });
    examples.push({ n: a.tokens.length, offsets: f.offsets, rows, gold });
  }
  const R = keys.length;
  log(`${examples.length} sentences, ${examples.reduce((n, e) => n + e.n, 0)} tokens, ${R} features, ${L} labels (${o.scheme})`);

  const bilou = o.scheme === 'bilou';
  const mask = new Float64Array(L * L);
  const startMask = new Float64Array(L);
  const endMask = new Float64Array(L);
  for (let a = 0; a < L; a++) {
    startMask[a] = allowedTransition(undefined, labels[a], bilou) ? 0 : -1e30;
    endMask[a] = allowedTransition(labels[a], undefined, bilou) ? 0 : -1e30;
    for (let b = 0; b < L; b++) mask[a * L + b] = allowedTransition(labels[a], labels[b], bilou) ? 0 : -1e30;
  }
  // weights and their running sums for averaging: avg = w − u / c
  const w = new Float64Array(R * L);
  const u = new Float64Array(R * L);
  const tw = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const sw = new Float64Array(L);
  const su = new Float64Array(L);
  const ew = new Float64Array(L);
  const eu = new Float64Array(L);
  let c = 1;
  const transEff = new Float64Array(L * L);
  const startEff = new Float64Array(L);
  const endEff = new Float64Array(L);

  const averaged = (): ModelParameters => {
    const avg = (x: Float64Array, acc: Float64Array): Float64Array => x.map((v, i) => v - acc[i]! / c);
    const wa = avg(w, u);
    // keep rows with any weight left
    const keep: number[] = [];
    for (let r = 0; r < R; r++) {
      for (let y = 0; y < L; y++) {
        if (Math.abs(wa[r * L + y]!) > 1e-9) {
          keep.push(r);
          break;
        }
      }
    }
    keep.sort((a, b) => keys[a]! - keys[b]!);
    const outKeys = new Uint32Array(keep.length);
    const outW = new Float32Array(keep.length * L);
    keep.forEach((r, i) => {
      outKeys[i] = keys[r]!;
      for (let y = 0; y < L; y++) outW[i * L + y] = wa[r * L + y]!;
    });
    return {
      labels,
      keys: outKeys,
      weights: outW,
      trans: Float32Array.from(avg(tw, tu)),
      start: Float32Array.from(avg(sw, su)),
      end: Float32Array.from(avg(ew, eu)),
      clustersDigest: o.clustersDigest,
    };
  };

  const order = examples.map((_, i) => i);
  const next = rng(o.seed ?? SEED);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const t0 = performance.now();
    shuffle(order, next);
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      const ex = examples[idx]!;
      const n = ex.n;
      const emit = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let k = ex.offsets[i]!; k < ex.offsets[i + 1]!; k++) {
          const wr = ex.rows[k]! * L;
          for (let y = 0; y < L; y++) emit[i * L + y]! += w[wr + y]!;
        }
      }
      for (let i = 0; i < L * L; i++) transEff[i] = tw[i]! + mask[i]!;
      for (let i = 0; i < L; i++) {
        startEff[i] = sw[i]! + startMask[i]!;
        endEff[i] = ew[i]! + endMask[i]!;
      }
      const pred = viterbi(emit, n, L, transEff, startEff, endEff);
      tokens += n;
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i]!;
        const p = pred[i]!;
        if (g !== p) {
          wrong = true;
          errors++;
          for (let k = ex.offsets[i]!; k < ex.offsets[i + 1]!; k++) {
            const wr = ex.rows[k]! * L;
            w[wr + g]! += 1;
            u[wr + g]! += c;
            w[wr + p]! -= 1;
            u[wr + p]! -= c;
          }
        }
      }
      if (wrong) {
        const upd = (arr: Float64Array, acc: Float64Array, i: number, d: number): void => {
          arr[i]! += d;
          acc[i]! += c * d;
        };
        if (ex.gold[0] !== pred[0]) {
          upd(sw, su, ex.gold[0]!, 1);
          upd(sw, su, pred[0]!, -1);
        }
        if (ex.gold[n - 1] !== pred[n - 1]) {
          upd(ew, eu, ex.gold[n - 1]!, 1);
          upd(ew, eu, pred[n - 1]!, -1);
        }
        for (let i = 1; i < n; i++) {
          const gi = ex.gold[i - 1]! * L + ex.gold[i]!;
          const pi = pred[i - 1]! * L + pred[i]!;
          if (gi !== pi) {
            upd(tw, tu, gi, 1);
            upd(tw, tu, pi, -1);
          }
        }
      }
      c++;
    }
    let msg = `epoch ${epoch}: ${errors} token errors of ${tokens} (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
    if (o.trace && o.trace.length > 0) {
      const s = evaluate(new NerModel(averaged(), o.clusters), o.trace);
      msg += `; dev F1 ${(s.overall.f1 * 100).toFixed(2)} (P ${(s.overall.p * 100).toFixed(2)}, R ${(s.overall.r * 100).toFixed(2)})`;
    }
    log(msg);
  }
  return averaged();
}

/** Scores a model on gold sentences (word level, PERS → PER). */
export function evaluate(model: NerModel, sentences: readonly ConllSentence[]): NerScores {
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (const s of sentences) {
    const a = align(s.words);
    gold.push(s.tags.map(mapTag));
    pred.push(wordLabels(a, model.tagNames(a.tokens)));
  }
  return scoreLabels(gold, pred);
}

