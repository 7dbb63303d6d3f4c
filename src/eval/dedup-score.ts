/**
 * Scoring of the dedup evaluation (docs/dedup.md): reading the labeled pairs, per-relation
 * precision and recall, and the nested levels. Pure; the runner is dedup.ts.
 *
 * Relations nest: same text ⊂ near-duplicate ⊂ same story (a copy reports the same event), so
 * besides the strict four-way scores there are two levels: `copy` (same text or near-duplicate:
 * what a near-duplicate group must hold) and `story` (any of the three: what a story must hold).
 */
import { RELATIONS, type Relation } from '../dedup/relation.js';

export interface LabeledPair {
  a: string;
  b: string;
  stratum: string;
  split: 'tune' | 'test';
  label: Relation;
  note: string;
}

/** Parses data/eval/dedup-pairs.tsv (comment lines start with #, then a header line). */
export function parsePairs(source: string): LabeledPair[] {
  const lines = source.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = lines.shift()?.split('\t') ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`ISNAD_PAIRS_HEADER: no "${name}" column in the pairs file (columns: ${header.join(', ')})`);
    return i;
  };
  const [ia, ib, is, isp, il, inote] = ['a', 'b', 'stratum', 'split', 'label', 'note'].map(col) as [number, number, number, number, number, number];
  return lines.map((l, n) => {
    const f = l.split('\t');
    const label = f[il] as Relation;
    const split = f[isp];
    if (!RELATIONS.includes(label)) throw new Error(`ISNAD_PAIRS_LABEL: line ${n + 1}: "${label}" is not one of ${RELATIONS.join(', ')}`);
    if (split !== 'tune' && split !== 'test') throw new Error(`ISNAD_PAIRS_SPLIT: line ${n + 1}: split "${split}" is not tune or test`);
    return { a: f[ia]!, b: f[ib]!, stratum: f[is] ?? '', split, label, note: f[inote] ?? '' };
  });
}

export type Level = Relation | 'copy' | 'story';

/** Whether a relation counts at a level. */
export function atLevel(r: Relation, level: Level): boolean {
  if (level === 'copy') return r === 'same-text' || r === 'near-duplicate';
  if (level === 'story') return r !== 'different';
  return r === level;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  predicted: number;
  gold: number;
}

/** Precision and recall of one level over (gold, predicted) pairs. */
export function prf(rows: ReadonlyArray<{ gold: Relation; pred: Relation }>, level: Level): Prf {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const { gold: g, pred: p } of rows) {
    const pg = atLevel(g, level);
    const pp = atLevel(p, level);
    if (pg) gold++;
    if (pp) predicted++;
    if (pg && pp) tp++;
  }
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, predicted, gold };
}

/** Confusion counts: gold → predicted → n. */
export function confusion(rows: ReadonlyArray<{ gold: Relation; pred: Relation }>): Record<Relation, Record<Relation, number>> {
  const m = Object.fromEntries(RELATIONS.map((g) => [g, Object.fromEntries(RELATIONS.map((p) => [p, 0]))])) as Record<Relation, Record<Relation, number>>;
  for (const { gold, pred } of rows) m[gold][pred]++;
  return m;
}
