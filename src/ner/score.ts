/**
 * Entity-level scores as conlleval and seqeval count them: a predicted entity is correct when a
 * gold entity has exactly the same span and type. Precision, recall and F1, overall and per type.
 */
import { chunks } from './conll.js';
import { mapTag } from './split.js';

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  predicted: number;
  gold: number;
}

export interface NerScores {
  overall: Prf;
  byType: Record<string, Prf>;
  sentences: number;
  tokens: number;
}

export function prf(tp: number, predicted: number, gold: number): Prf {
  const p = predicted === 0 ? 0 : tp / predicted;
  const r = gold === 0 ? 0 : tp / gold;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), tp, predicted, gold };
}

/** Scores predicted label sequences against gold ones (same lengths, sentence by sentence). */
export function scoreLabels(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): NerScores {
  if (gold.length !== pred.length) throw new Error(`ISNAD_NER_SCORE: ${gold.length} gold sentences but ${pred.length} predicted`);
  const counts = new Map<string, { tp: number; predicted: number; gold: number }>();
  const at = (t: string): { tp: number; predicted: number; gold: number } => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { tp: 0, predicted: 0, gold: 0 }));
    return c;
  };
  let tokens = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s]!;
    const p = pred[s]!;
    if (g.length !== p.length) throw new Error(`ISNAD_NER_SCORE: sentence ${s + 1} has ${g.length} gold labels but ${p.length} predicted`);
    tokens += g.length;
    const gc = chunks(g);
    const pc = chunks(p);
    const goldKeys = new Set(gc.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of gc) at(c.type).gold++;
    for (const c of pc) {
      const x = at(c.type);
      x.predicted++;
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) x.tp++;
    }
  }
  const byType: Record<string, Prf> = {};
  let tp = 0;
  let predicted = 0;
  let goldN = 0;
  for (const t of [...counts.keys()].sort()) {
    const c = counts.get(t)!;
    byType[t] = prf(c.tp, c.predicted, c.gold);
    tp += c.tp;
    predicted += c.predicted;
    goldN += c.gold;
  }
  return { overall: prf(tp, predicted, goldN), byType, sentences: gold.length, tokens };
}

/** A table of scores, in percent. */
export function formatScores(s: NerScores, title: string): string {
  const pct = (x: number): string => (x * 100).toFixed(2).padStart(6);
  const row = (name: string, m: Prf): string => `| ${name.padEnd(7)} | ${pct(m.p)} | ${pct(m.r)} | ${pct(m.f1)} | ${String(m.tp).padStart(5)} | ${String(m.predicted).padStart(5)} | ${String(m.gold).padStart(5)} |`;
  return [
    `${title}: ${s.sentences} sentences, ${s.tokens} tokens`,
    '| type    |   P    |   R    |   F1   |   tp  |  pred |  gold |',
    '|---------|--------|--------|--------|-------|-------|-------|',
    row('overall', s.overall),
    ...Object.entries(s.byType).map(([t, m]) => row(t, m)),
  ].join('\n');
}

/** Sentences of `word gold predicted` lines, or undefined when the lines have only two fields. */
export function parseScored(source: string): { gold: string[][]; pred: string[][] } | undefined {
  const gold: string[][] = [];
  const pred: string[][] = [];
  let g: string[] = [];
  let p: string[] = [];
  let three = false;
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      if (g.length > 0) {
        gold.push(g);
        pred.push(p);
      }
      g = [];
      p = [];
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts.length < 3) return undefined;
    three = true;
    g.push(mapTag(parts[parts.length - 2]!));
    p.push(mapTag(parts[parts.length - 1]!));
  }
  if (g.length > 0) {
    gold.push(g);
    pred.push(p);
  }
  return three ? { gold, pred } : undefined;
}
