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

export type Weights = Record<string, number>;

export interface AttributionModel {
  version: 1;
  cue: Weights;
  speaker: Weights;
  /** where a source ends (source-end.ts); without it, where the rules end it */
  sourceEnd?: Weights;
  /** what the model was trained on, for the record */
  trainedOn?: string;
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
interface FeatNode {
  s?: string;
  next?: Map<Part, FeatNode>;
}
const featRoot: FeatNode = {};

/**
 * A feature name from parts drawn from small closed sets (template words, buckets, relation names):
 * the same string object every time, so it is neither built again nor hashed again when looked up.
 * Never for open-class values such as words (the table would grow without end).
 */
export function feat(a: Part, b?: Part, c?: Part, d?: Part, e?: Part): string {
  // unrolled: this runs for every feature of every candidate, and must not allocate
  let n = step(featRoot, a);
  if (b !== undefined) n = step(n, b);
  if (c !== undefined) n = step(n, c);
  if (d !== undefined) n = step(n, d);
  if (e !== undefined) n = step(n, e);
  return (n.s ??= [a, b, c, d, e].filter((x) => x !== undefined).join(''));
}

function step(n: FeatNode, p: Part): FeatNode {
  const next = (n.next ??= new Map());
  let m = next.get(p);
  if (!m) next.set(p, (m = {}));
  return m;
}

const compiled = new WeakMap<Weights, Map<string, number>>();
const partial = new WeakMap<Weights, WeakMap<readonly string[], number>>();

/** {@link linear} of a feature list shared between many scorings: summed once per list and weights. */
export function linearShared(w: Weights, feats: readonly string[]): number {
  if (feats.length === 0) return 0;
  let m = partial.get(w);
  if (!m) partial.set(w, (m = new WeakMap()));
  let s = m.get(feats);
  if (s === undefined) m.set(feats, (s = linear(w, feats)));
  return s;
}

/** The score of a feature list: the sum of its weights (the weights read into a Map once). */
export function linear(w: Weights, feats: readonly string[]): number {
  let m = compiled.get(w);
  if (!m) compiled.set(w, (m = new Map(Object.entries(w))));
  let s = 0;
  for (const f of feats) s += m.get(f) ?? 0;
  return s;
}

const bucket = (n: number, edges: readonly number[]): number => {
  let k = 0;
  while (k < edges.length && n > edges[k]!) k++;
  return k;
};

/** Features of a drafted record for the cue model. */
export function cueFeatures(d: Draft, prev: Draft | undefined): string[] {
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
  // names from closed sets are interned (feat); words around the cue are open: built
  const f = [
    'bias',
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
    `p1=${p1w}`,
    `p2p1=${p2 ? bareForm(p2) : '^'} ${p1w}`,
    `n1=${n1w}`,
    `lem=${lem}|n1=${n1w}`,
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
  if (d.loose) f.push('loose', feat('loose|lem=', lem), feat('loose|open=', open), feat('loose|src=', src));
  if (first.suf) f.push(feat('suf=', first.suf), feat('lem=', lem, '|suf'));
  if (d.source) f.push(`sw=${d.source.text.split(/\s+/)[0]}`);
  return f;
}

/** An averaged perceptron over string features (Collins 2002; averaging by the lazy-update trick). */
export class AveragedPerceptron {
  private w = new Map<string, number>();
  private acc = new Map<string, number>();
  private stamp = new Map<string, number>();
  private t = 0;

  score(feats: readonly string[]): number {
    let s = 0;
    for (const f of feats) s += this.w.get(f) ?? 0;
    return s;
  }

  tick(): void {
    this.t++;
  }

  update(feats: readonly string[], delta: number): void {
    for (const f of feats) {
      const w = this.w.get(f) ?? 0;
      const since = this.t - (this.stamp.get(f) ?? 0);
      this.acc.set(f, (this.acc.get(f) ?? 0) + since * w);
      this.stamp.set(f, this.t);
      this.w.set(f, w + delta);
    }
  }

  /** The averaged weights, rounded, without the zeros. */
  averaged(): Weights {
    const out: Weights = {};
    for (const [f, w] of this.w) {
      const since = this.t - (this.stamp.get(f) ?? 0);
      const avg = ((this.acc.get(f) ?? 0) + since * w) / Math.max(1, this.t);
      const r = Math.round(avg * 1000) / 1000;
      if (r !== 0) out[f] = r;
    }
    return out;
  }
}

/** Trains a binary classifier: examples are (features, label); returns averaged weights. */
export function trainBinary(examples: ReadonlyArray<{ feats: string[]; label: boolean }>, epochs = 10, seed = 1): Weights {
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
export function trainRanker(examples: ReadonlyArray<Array<{ feats: string[]; ok: boolean }>>, epochs = 10, seed = 1): Weights {
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
