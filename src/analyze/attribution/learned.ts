/**
 * The learned half of attribution: the rules (extract.ts, stage.ts, speaker.ts) propose, linear
 * models trained on the gold decide.
 *
 * - cue model: keeps or drops each record the rules draft (is this cue reported speech by the
 *   guideline?), from the cue's word, class, frame, what starts its content, its source, its place
 *   in the sentence and the words around it;
 * - speaker model: ranks the candidate speakers of each record (speaker.ts speakerCandidates) and
 *   keeps the best.
 *
 * Both are averaged perceptrons over string features (trained by `npm run train:attribution`,
 * src/eval/train-attribution.ts). The core does no I/O: a host registers the model (Node:
 * src/ner/node.ts reads models/attribution.json); without one, the rules decide alone.
 */
import type { Draft } from './extract.js';
import { bareForm, isQuote, partnerOf, tok } from './context.js';
import { rng, shuffle } from '../../ner/hash.js';

/**
 * Features are hashed (the "hashing trick"): a feature is a 32-bit hash of its parts, and a model is
 * a dense array of 2^WEIGHT_BITS weights indexed by the hash's low bits. Nothing is built or looked
 * up by string when a record is scored: the stage scores every draft and candidate of every article.
 */
export type Feature = number;
/** A model's weights, indexed by feature & WEIGHT_MASK. */
export type Weights = Float32Array;
/** Weights as trained and stored: feature slot → weight, without the zeros. */
export type SparseWeights = Map<number, number>;

export const WEIGHT_BITS = 18;
const WEIGHT_MASK = (1 << WEIGHT_BITS) - 1;

export interface AttributionModel {
  version: 2;
  cue: Weights;
  speaker: Weights;
  /** where a source ends (source-end.ts); without it, where the rules end it */
  sourceEnd?: Weights;
  /** where indirect content ends (content-end.ts); without it, where the rules end it */
  contentEnd?: Weights;
  /** what the model was trained on, for the record */
  trainedOn?: string;
}

/** The stored form of a model (models/attribution.json): each weight array as slot → weight. */
export interface StoredAttributionModel {
  version: 2;
  bits: number;
  cue: Record<string, number>;
  speaker: Record<string, number>;
  sourceEnd?: Record<string, number>;
  contentEnd?: Record<string, number>;
  trainedOn?: string;
}

export function denseWeights(w: SparseWeights | Record<string, number>): Weights {
  const out = new Float32Array(1 << WEIGHT_BITS);
  for (const [k, v] of w instanceof Map ? w : Object.entries(w)) out[Number(k) & WEIGHT_MASK] = v;
  return out;
}

function sparseRecord(w: Weights): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) out[i] = Math.round(w[i]! * 1000) / 1000;
  return out;
}

export function storeModel(m: AttributionModel): StoredAttributionModel {
  return { version: 2, bits: WEIGHT_BITS, cue: sparseRecord(m.cue), speaker: sparseRecord(m.speaker), ...(m.sourceEnd ? { sourceEnd: sparseRecord(m.sourceEnd) } : {}), ...(m.contentEnd ? { contentEnd: sparseRecord(m.contentEnd) } : {}), ...(m.trainedOn ? { trainedOn: m.trainedOn } : {}) };
}

/** A model from its stored form; throws on a version or hash width this code does not read. */
export function loadModel(x: StoredAttributionModel): AttributionModel {
  if (x.version !== 2 || x.bits !== WEIGHT_BITS) throw new Error(`attribution model version ${String(x.version)} with ${String(x.bits)}-bit features: expected version 2 with ${WEIGHT_BITS} (retrain with npm run train:attribution)`);
  return { version: 2, cue: denseWeights(x.cue), speaker: denseWeights(x.speaker), ...(x.sourceEnd ? { sourceEnd: denseWeights(x.sourceEnd) } : {}), ...(x.contentEnd ? { contentEnd: denseWeights(x.contentEnd) } : {}), ...(x.trainedOn ? { trainedOn: x.trainedOn } : {}) };
}

let provider: (() => AttributionModel | undefined) | undefined;

/** Sets (or with undefined removes) where the attribution stage gets its model. */
export function setAttributionModelProvider(fn: (() => AttributionModel | undefined) | undefined): void {
  provider = fn;
}

export function defaultAttributionModel(): AttributionModel | undefined {
  return provider?.();
}

type Part = string | number | boolean;

const FNV_PRIME = 16777619;

function mixPart(h: number, p: Part): number {
  if (typeof p === 'string') {
    for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), FNV_PRIME);
  } else {
    // numbers and booleans: their own code space (a number 1 is not the string "1")
    h = Math.imul(h ^ 0x10000, FNV_PRIME);
    h = Math.imul(h ^ (typeof p === 'boolean' ? (p ? 1 : 0) : p | 0), FNV_PRIME);
  }
  // a separator after every part: ("ab", "c") is not ("a", "bc")
  return Math.imul(h ^ 0x1f, FNV_PRIME);
}

/** A feature from its parts (template words, buckets, words): FNV-1a over them, with no string built. */
export function feat(a: Part, b?: Part, c?: Part, d?: Part, e?: Part): Feature {
  let h = mixPart(0x811c9dc5, a);
  if (b !== undefined) h = mixPart(h, b);
  if (c !== undefined) h = mixPart(h, c);
  if (d !== undefined) h = mixPart(h, d);
  if (e !== undefined) h = mixPart(h, e);
  // a final avalanche: the low bits index the weights
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** The score of a feature list: the sum of its weights. */
export function linear(w: Weights, feats: ArrayLike<Feature>): number {
  let s = 0;
  for (let i = 0; i < feats.length; i++) s += w[feats[i]! & WEIGHT_MASK]!;
  return s;
}

/** The index of the first edge n does not exceed (edges.length when it exceeds them all). */
export const bucket = (n: number, edges: readonly number[]): number => {
  let k = 0;
  while (k < edges.length && n > edges[k]!) k++;
  return k;
};

/** Features of a drafted record for the cue model. */
export function cueFeatures(d: Draft, prev: Draft | undefined): Feature[] {
  const c = d.sentence;
  const first = tok(c, d.cue.first)!;
  const lem = d.cue.form?.lemma ?? bareForm(first);
  const word = bareForm(first);
  const cls = d.cue.cls;
  const text = c.text;
  // what opens the content: quote, colon, complementizer, preposition, or nothing
  let k = d.content.start - 1;
  while (k >= 0 && /\s/.test(text[k]!)) k--;
  const before = text.slice(Math.max(0, k - 5), k + 1);
  const open = /["«“”»]$/.test(before) ? 'quote' : /[:：]$/.test(before) ? 'colon' : /(^|\s)[وف]?(ب?[أإا]ن[هها]*|بأن)$/.test(before) ? 'that' : d.content.start < d.cue.span.start ? 'back' : 'other';
  const words = d.content.text.split(/\s+/).filter(Boolean).length;
  const p1 = tok(c, d.cue.first - 1);
  const p2 = tok(c, d.cue.first - 2);
  const n1 = tok(c, d.cue.end);
  const startsSentence = (() => {
    for (let i = c.from; i < d.cue.first; i++) if (tok(c, i)!.kind === 'word') return false;
    return true;
  })();
  let inQuote = false;
  for (let i = c.from; i < d.cue.first; i++) {
    const t = tok(c, i)!;
    if (isQuote(t)) {
      if (partnerOf(c, i) > d.cue.first) inQuote = true;
    }
  }
  const src = d.source ? 1 : 0;
  const clen = bucket(words, [1, 3, 7, 15, 40]);
  const p1w = p1 ? bareForm(p1) : '^';
  const n1w = n1 ? n1.norm : '$';
  const inq = inQuote ? 1 : 0;
  const f = [
    feat('bias'),
    feat('lem=', lem),
    feat('word=', word),
    feat('cls=', cls),
    feat('open=', open),
    feat('cls=', cls, '|open=', open),
    feat('lem=', lem, '|open=', open),
    feat('src=', src),
    feat('lem=', lem, '|src=', src),
    feat('cls=', cls, '|src=', src),
    feat('type=', d.type),
    feat('clen=', clen),
    feat('lem=', lem, '|clen=', bucket(words, [1, 3, 7])),
    feat('p1=', p1w),
    feat('p2p1=', p2 ? bareForm(p2) : '^', p1w),
    feat('n1=', n1w),
    feat('lem=', lem, '|n1=', n1w),
    feat('start=', startsSentence ? 1 : 0),
    feat('inq=', inq),
    feat('nested=', d.nested ? 1 : 0),
    feat('via=', d.via.length > 0 ? 1 : 0),
    feat('medium=', d.medium ? 1 : 0),
    feat('gender=', d.cue.gender),
    feat('inq=', inq, '|g=', d.cue.gender),
    feat('fwd=', d.forward ? 1 : 0),
    feat('prevSameSent=', prev && prev.sentence === d.sentence ? 1 : 0),
  ];
  if (d.loose) f.push(feat('loose'), feat('loose|lem=', lem), feat('loose|open=', open), feat('loose|src=', src));
  if (first.suf) f.push(feat('suf=', first.suf), feat('lem=', lem, '|suf'));
  if (d.source) f.push(feat('sw=', d.source.text.split(/\s+/)[0]!));
  return f;
}

/** An averaged perceptron over hashed features (Collins 2002; averaging by the lazy-update trick). */
export class AveragedPerceptron {
  private w = new Map<number, number>();
  private acc = new Map<number, number>();
  private stamp = new Map<number, number>();
  private t = 0;

  score(feats: readonly Feature[]): number {
    let s = 0;
    for (const f of feats) s += this.w.get(f & WEIGHT_MASK) ?? 0;
    return s;
  }

  tick(): void {
    this.t++;
  }

  update(feats: readonly Feature[], delta: number): void {
    for (const f0 of feats) {
      const f = f0 & WEIGHT_MASK;
      const w = this.w.get(f) ?? 0;
      const since = this.t - (this.stamp.get(f) ?? 0);
      this.acc.set(f, (this.acc.get(f) ?? 0) + since * w);
      this.stamp.set(f, this.t);
      this.w.set(f, w + delta);
    }
  }

  /** The averaged weights (by slot), without the zeros. */
  averaged(): SparseWeights {
    const out: SparseWeights = new Map();
    for (const [f, w] of this.w) {
      const since = this.t - (this.stamp.get(f) ?? 0);
      const avg = ((this.acc.get(f) ?? 0) + since * w) / Math.max(1, this.t);
      if (avg !== 0) out.set(f, avg);
    }
    return out;
  }
}

/** Trains a binary classifier: examples are (features, label); returns averaged weights. */
export function trainBinary(examples: ReadonlyArray<{ feats: readonly Feature[]; label: boolean }>, epochs = 10, seed = 1): SparseWeights {
  const p = new AveragedPerceptron();
  for (let e = 0; e < epochs; e++) {
    for (const x of shuffle(examples.slice(), rng(seed + e))) {
      p.tick();
      const y = x.label ? 1 : -1;
      if (y * p.score(x.feats) <= 0) p.update(x.feats, y);
    }
  }
  return p.averaged();
}

/** Trains a ranker: each example is a list of candidates, some correct; returns averaged weights. */
export function trainRanker(examples: ReadonlyArray<ReadonlyArray<{ feats: readonly Feature[]; ok: boolean }>>, epochs = 10, seed = 1): SparseWeights {
  const p = new AveragedPerceptron();
  for (let e = 0; e < epochs; e++) {
    for (const cands of shuffle(examples.slice(), rng(seed + e))) {
      if (!cands.some((c) => c.ok)) continue;
      p.tick();
      let best = 0;
      let bestScore = -Infinity;
      let bestOk = 0;
      let bestOkScore = -Infinity;
      cands.forEach((c, i) => {
        const s = p.score(c.feats);
        if (s > bestScore) [best, bestScore] = [i, s];
        if (c.ok && s > bestOkScore) [bestOk, bestOkScore] = [i, s];
      });
      if (!cands[best]!.ok) {
        p.update(cands[bestOk]!.feats, 1);
        p.update(cands[best]!.feats, -1);
      }
    }
  }
  return p.averaged();
}
