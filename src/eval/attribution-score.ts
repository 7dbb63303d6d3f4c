/**
 * Scoring attributions against gold (the format of ../shared/gold/attribution-dev.jsonl).
 *
 * Records are paired per document by cue: a predicted record matches a gold record when their cue
 * spans overlap (one-to-one, best overlap first). Over all records:
 * - cue: exact span P/R/F1;
 * - content: exact span P/R/F1, and overlap P/R/F1 where a content counts when its word-token
 *   overlap F1 with the gold content is ≥ 0.5 (paired one-to-one, independently of cues).
 * Over matched records (gold and prediction paired by cue):
 * - source: P/R/F1, a match when the predicted span overlaps the gold span's head word (its first
 *   word: Arabic noun phrases are head-initial), and exact;
 * - speaker: accuracy (both null, or head-word overlap; and exact);
 * - type: accuracy; medium and hedge: P/R/F1 (overlap and exact);
 * - via: of the gold relay chains, the share found exactly (same length, every span exact), and
 *   found by head word; P/R/F1 of non-empty chains.
 */
import { tokenize } from '../text/index.js';

export interface GoldSpan {
  start: number;
  end: number;
  text: string;
}

export interface AttributionRecord {
  cue: GoldSpan;
  source: GoldSpan | null;
  speaker: GoldSpan | null;
  content: GoldSpan;
  type: 'direct' | 'indirect' | 'mixed';
  medium: GoldSpan | null;
  via: GoldSpan[];
  hedge: GoldSpan | null;
}

export interface ScoredDoc {
  id: string;
  text: string;
  gold: AttributionRecord[];
  pred: AttributionRecord[];
}

export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  p: number;
  r: number;
  f1: number;
}

export interface Scores {
  records: { gold: number; predicted: number; matched: number };
  cue: Prf;
  contentExact: Prf;
  contentOverlap: Prf;
  sourceHead: Prf;
  sourceExact: Prf;
  speakerHeadAccuracy: number;
  speakerExactAccuracy: number;
  typeAccuracy: number;
  mediumOverlap: Prf;
  mediumExact: Prf;
  hedgeOverlap: Prf;
  hedgeExact: Prf;
  via: Prf & { chainsExact: number; chainsHead: number; goldChains: number };
  perDoc: Array<{ id: string; missed: AttributionRecord[]; falseAlarms: AttributionRecord[]; wrong: Array<{ gold: AttributionRecord; pred: AttributionRecord; fields: string[] }> }>;
}

function prf(tp: number, predicted: number, gold: number, tpGold = tp): Prf {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tpGold / gold : 0;
  return { tp, predicted, gold, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const overlaps = (a: GoldSpan, b: GoldSpan): boolean => a.start < b.end && b.start < a.end;
const same = (a: GoldSpan | null, b: GoldSpan | null): boolean => !!a && !!b && a.start === b.start && a.end === b.end;

/** Word tokens (no punctuation or quotes) of a span, as `start:end` keys. */
function wordKeys(text: string, s: GoldSpan): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text.slice(s.start, s.end))) {
    if (t.kind === 'punct' || t.kind === 'quote' || t.kind === 'symbol') continue;
    out.add(`${s.start + t.start}:${s.start + t.end}`);
  }
  return out;
}

export function overlapF1(text: string, a: GoldSpan, b: GoldSpan): number {
  const ka = wordKeys(text, a);
  const kb = wordKeys(text, b);
  if (ka.size === 0 || kb.size === 0) return 0;
  let inter = 0;
  for (const k of ka) if (kb.has(k)) inter++;
  return (2 * inter) / (ka.size + kb.size);
}

/** The head word of a span: its first word token. */
export function headWord(text: string, s: GoldSpan): GoldSpan {
  for (const t of tokenize(text.slice(s.start, s.end))) {
    if (t.kind === 'word' || t.kind === 'latin' || t.kind === 'hashtag' || t.kind === 'number') {
      return { start: s.start + t.start, end: s.start + t.end, text: text.slice(s.start + t.start, s.start + t.end) };
    }
  }
  return s;
}

const headMatch = (text: string, gold: GoldSpan | null, pred: GoldSpan | null): boolean => !!gold && !!pred && overlaps(headWord(text, gold), pred);

/** Pairs items one-to-one by descending score (score ≤ 0 never pairs). */
function pairUp<G, P>(gold: G[], pred: P[], score: (g: G, p: P) => number): Array<[number, number]> {
  const cand: Array<[number, number, number]> = [];
  gold.forEach((g, i) => pred.forEach((p, j) => {
    const s = score(g, p);
    if (s > 0) cand.push([s, i, j]);
  }));
  cand.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const gi = new Set<number>();
  const pj = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [, i, j] of cand) {
    if (gi.has(i) || pj.has(j)) continue;
    gi.add(i);
    pj.add(j);
    out.push([i, j]);
  }
  return out;
}

function cueScore(g: AttributionRecord, p: AttributionRecord): number {
  if (!overlaps(g.cue, p.cue)) return 0;
  const inter = Math.min(g.cue.end, p.cue.end) - Math.max(g.cue.start, p.cue.start);
  return 1 + inter / Math.max(g.cue.end - g.cue.start, p.cue.end - p.cue.start) + (overlaps(g.content, p.content) ? 1 : 0);
}

export function score(docs: ScoredDoc[]): Scores {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let cueTp = 0;
  let contentExactTp = 0;
  let contentOverlapTp = 0;
  const src = { head: 0, exact: 0, pred: 0, gold: 0 };
  let spkHead = 0;
  let spkExact = 0;
  let typeOk = 0;
  const med = { overlap: 0, exact: 0, pred: 0, gold: 0 };
  const hedge = { overlap: 0, exact: 0, pred: 0, gold: 0 };
  const via = { tp: 0, pred: 0, gold: 0, chainsExact: 0, chainsHead: 0, goldChains: 0 };
  const perDoc: Scores['perDoc'] = [];

  for (const d of docs) {
    gold += d.gold.length;
    predicted += d.pred.length;
    via.goldChains += d.gold.filter((g) => g.via.length > 0).length;
    const pairs = pairUp(d.gold, d.pred, cueScore);
    matched += pairs.length;
    const contentPairs = pairUp(d.gold, d.pred, (g, p) => {
      const f = overlapF1(d.text, g.content, p.content);
      return f >= 0.5 ? f : 0;
    });
    contentOverlapTp += contentPairs.length;
    contentExactTp += pairUp(d.gold, d.pred, (g, p) => (same(g.content, p.content) ? 1 : 0)).length;
    const wrong: Scores['perDoc'][number]['wrong'] = [];
    for (const [i, j] of pairs) {
      const g = d.gold[i]!;
      const p = d.pred[j]!;
      const fields: string[] = [];
      if (same(g.cue, p.cue)) cueTp++;
      else fields.push('cue');
      if (g.source) src.gold++;
      if (p.source) src.pred++;
      if (headMatch(d.text, g.source, p.source)) src.head++;
      else if (g.source || p.source) fields.push('source');
      if (same(g.source, p.source)) src.exact++;
      const spkOk = (!g.speaker && !p.speaker) || headMatch(d.text, g.speaker, p.speaker);
      if (spkOk) spkHead++;
      else fields.push('speaker');
      if ((!g.speaker && !p.speaker) || same(g.speaker, p.speaker)) spkExact++;
      if (g.type === p.type) typeOk++;
      else fields.push('type');
      if (!same(g.content, p.content)) fields.push('content');
      for (const [acc, gs, ps, name] of [
        [med, g.medium, p.medium, 'medium'],
        [hedge, g.hedge, p.hedge, 'hedge'],
      ] as const) {
        if (gs) acc.gold++;
        if (ps) acc.pred++;
        if (gs && ps && overlaps(gs, ps)) acc.overlap++;
        else if (gs || ps) fields.push(name);
        if (same(gs, ps)) acc.exact++;
      }
      if (g.via.length) via.gold++;
      if (p.via.length) via.pred++;
      const chainExact = g.via.length > 0 && g.via.length === p.via.length && g.via.every((v, k) => same(v, p.via[k]!));
      const chainHead = g.via.length > 0 && g.via.length === p.via.length && g.via.every((v, k) => headMatch(d.text, v, p.via[k]!));
      if (chainExact) via.chainsExact++;
      if (chainHead) {
        via.chainsHead++;
        via.tp++;
      } else if (g.via.length || p.via.length) fields.push('via');
      if (fields.length) wrong.push({ gold: g, pred: p, fields });
    }
    const gi = new Set(pairs.map((x) => x[0]));
    const pj = new Set(pairs.map((x) => x[1]));
    perDoc.push({ id: d.id, missed: d.gold.filter((_, i) => !gi.has(i)), falseAlarms: d.pred.filter((_, j) => !pj.has(j)), wrong });
  }

  return {
    records: { gold, predicted, matched },
    cue: prf(cueTp, predicted, gold),
    contentExact: prf(contentExactTp, predicted, gold),
    contentOverlap: prf(contentOverlapTp, predicted, gold),
    sourceHead: prf(src.head, src.pred, src.gold),
    sourceExact: prf(src.exact, src.pred, src.gold),
    speakerHeadAccuracy: matched ? spkHead / matched : 0,
    speakerExactAccuracy: matched ? spkExact / matched : 0,
    typeAccuracy: matched ? typeOk / matched : 0,
    mediumOverlap: prf(med.overlap, med.pred, med.gold),
    mediumExact: prf(med.exact, med.pred, med.gold),
    hedgeOverlap: prf(hedge.overlap, hedge.pred, hedge.gold),
    hedgeExact: prf(hedge.exact, hedge.pred, hedge.gold),
    via: { ...prf(via.tp, via.pred, via.gold), chainsExact: via.goldChains ? via.chainsExact / via.goldChains : 0, chainsHead: via.goldChains ? via.chainsHead / via.goldChains : 0, goldChains: via.goldChains },
    perDoc,
  };
}
