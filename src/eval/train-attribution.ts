/**
 * Trains the attribution models (src/analyze/attribution/learned.ts) on all the attribution gold,
 * and measures them honestly: k-fold cross-validation by article and leave-one-outlet-out, each
 * fold trained without the articles it is scored on.
 *
 *   npm run train:attribution                 # trains on all gold, writes models/attribution.json
 *   npm run eval:attribution                  # cross-validated figures (see attribution.ts)
 *
 * Gold: `$ISNAD_DATA/gold/attribution-dev.jsonl`, `attribution-dev2.jsonl`, and the annotations kept
 * in this repository (`data/gold/attribution/*.jsonl`, rebuilt from the corpora, see gold-store.ts).
 * A sealed slice of the stored annotations (by a hash of the article key) is never trained on,
 * never listed in details, and scored apart.
 */
import '../ner/node.js';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, defaultStages, type Stage } from '../analyze/index.js';
import { attributionCandidates, decideAttributions, type AttributionCandidates } from '../analyze/attribution/stage.js';
import { previousSpeakerFeatures } from '../analyze/attribution/speaker.js';
import type { Draft } from '../analyze/attribution/extract.js';
import { denseWeights, storeModel, trainBinary, trainRanker, type AttributionModel, type Feature, type SparseWeights } from '../analyze/attribution/learned.js';
import { endFeatures, sourceEnds } from '../analyze/attribution/source-end.js';
import { contentEnds } from '../analyze/attribution/content-end.js';
import type { Doc } from '../doc/index.js';
import { headWord, type AttributionRecord, type GoldSpan, type ScoredDoc } from './attribution-score.js';
import { loadStoredGold, storedGoldFiles, type GoldDoc } from './gold-store.js';
import { hashString } from '../dedup/hash.js';
import { readJsonl } from './read-jsonl.js';

export interface Prepared {
  gold: GoldDoc;
  doc: Doc;
  cands: AttributionCandidates;
  group: string;
  sealed: boolean;
}

const overlaps = (a: GoldSpan, b: GoldSpan): boolean => a.start < b.end && b.start < a.end;

/** The outlet an article comes from, as one group name for leave-one-outlet-out. */
export function outletGroup(outlet: string): string {
  const o = outlet.toLowerCase().replace(/^saudinewsnet:/, 'snn:').replace(/^ant-multisource:/, '').replace(/^ant-jawharafm:/, '');
  if (/youm7|watan news|masrawy|egyptian/.test(o)) return 'egyptian';
  if (/jawhara/.test(o)) return 'jawhara';
  if (/arabia/.test(o)) return 'alarabia';
  if (/sky/.test(o)) return 'skynews';
  if (/france/.test(o)) return 'france24';
  if (/^bbc/.test(o)) return 'bbc';
  if (/^cnn/.test(o)) return 'cnn';
  return o;
}

/** One stored article in seven is sealed: scored apart, never trained on, never shown. */
export const isSealed = (id: string): boolean => hashString(`sealed:${id}`) % 7 === 0;

/** Reads every gold source there is; stored annotations with a problem are reported and skipped. */
export async function loadAllGold(data = process.env.ISNAD_DATA || '../shared'): Promise<{ docs: GoldDoc[]; problems: string[] }> {
  const docs: GoldDoc[] = [];
  for (const f of ['attribution-dev.jsonl', 'attribution-dev2.jsonl']) {
    const p = join(data, 'gold', f);
    if (!existsSync(p)) continue;
    for (const g of readJsonl<GoldDoc>(p)) docs.push({ ...g, outlet: String(g.outlet ?? ''), origin: f });
  }
  const stored = await loadStoredGold(storedGoldFiles());
  // an article annotated twice (the agreement set) is trained and scored once: the first annotation
  const seen = new Set(docs.map((d) => d.id));
  for (const d of stored.docs) if (!seen.has(d.id)) {
    seen.add(d.id);
    docs.push(d);
  }
  return { docs, problems: stored.problems };
}

const BEFORE_ATTRIBUTION = (): Stage[] => defaultStages().filter((s) => s.name !== 'attribution');

export function prepare(golds: GoldDoc[]): Prepared[] {
  return golds.map((g) => {
    const meta: Record<string, unknown> = {};
    for (const k of ['outlet', 'title', 'url', 'date']) if (typeof g[k] === 'string') meta[k] = g[k];
    // the attribution stage itself is not run: its drafts are gathered below, and models decide per fold
    const doc = analyze(g.text, { id: g.id, meta, stages: BEFORE_ATTRIBUTION() });
    return { gold: g, doc, cands: attributionCandidates(doc), group: outletGroup(g.outlet), sealed: g.origin.startsWith('stored:') && isSealed(g.id) };
  });
}

/** The training examples of one article: a cue example per draft, a speaker ranking per draft paired with gold. */
function examples(p: Prepared): { cue: Array<{ feats: Feature[]; label: boolean }>; speaker: Array<Array<{ feats: Feature[]; ok: boolean }>> } {
  const text = p.gold.text;
  const cue: Array<{ feats: Feature[]; label: boolean }> = [];
  const speaker: Array<Array<{ feats: Feature[]; ok: boolean }>> = [];
  // the previous real record and its gold speaker (decoding uses its own previous decision)
  let prev: Draft | undefined;
  let prevSpeaker: GoldSpan | null = null;
  p.cands.records.forEach((r, i) => {
    const g = p.gold.attributions.find((x) => overlaps(x.cue, r.cue));
    cue.push({ feats: p.cands.cueFeats[i]!, label: !!g });
    if (!g) return;
    const d = p.cands.drafts[i]!;
    const gh = g.speaker ? headWord(text, g.speaker) : null;
    speaker.push(p.cands.speakers(i).map((c) => ({ feats: [...c.fixed, ...c.feats, ...previousSpeakerFeatures(d, prev, prevSpeaker, c.span)], ok: gh ? !!c.span && overlaps(gh, c.span) : !c.span })));
    if (!d.nested) [prev, prevSpeaker] = [d, g.speaker];
  });
  return { cue, speaker };
}

/** Each model is the mean of this many perceptrons trained in different orders (steadier than one). */
const BAG = 4;

/** The mean of several models' weights, each trained in its own order (rounded: stored as text). */
function bagged(n: number, fit: (seed: number) => SparseWeights): Float32Array {
  const sum: SparseWeights = new Map();
  for (let k = 0; k < n; k++) for (const [f, w] of fit(1 + 100 * k)) sum.set(f, (sum.get(f) ?? 0) + w / n);
  for (const [f, w] of sum) sum.set(f, Math.round(w * 1000) / 1000);
  return denseWeights(sum);
}

/** Source-end rankings: each draft whose source starts where the gold's does, the gold's end among its candidates. */
function sourceEndExamples(p: Prepared): Array<Array<{ feats: Feature[]; ok: boolean }>> {
  const out: Array<Array<{ feats: Feature[]; ok: boolean }>> = [];
  for (const d of p.cands.drafts) {
    const g = d.source && p.gold.attributions.find((x) => overlaps(x.cue, d.cue.span));
    if (!g || !g.source || g.source.start !== d.source!.start) continue;
    const e = sourceEnds(d);
    if (!e) continue;
    const cands = e.cands.map((c) => ({ feats: endFeatures(c), ok: d.sentence.tokens[c.last]!.end === g.source!.end }));
    if (cands.some((c) => c.ok)) out.push(cands);
  }
  return out;
}

/** Content-end rankings: each draft whose content starts where the gold's does, the gold's end among its candidates. */
function contentEndExamples(p: Prepared): Array<Array<{ feats: Feature[]; ok: boolean }>> {
  const out: Array<Array<{ feats: Feature[]; ok: boolean }>> = [];
  for (const d of p.cands.drafts) {
    const g = p.gold.attributions.find((x) => overlaps(x.cue, d.cue.span));
    if (!g || g.content.start !== d.content.start) continue;
    const e = contentEnds(d);
    if (!e) continue;
    const cands = e.cands.map((c) => ({ feats: c.feats, ok: d.sentence.tokens[c.last]!.end === g.content.end }));
    if (cands.some((c) => c.ok)) out.push(cands);
  }
  return out;
}

/** The candidates of an article with its sources and contents ended by the model (the rules' own without one). */
export function candidatesFor(p: Prepared, model: AttributionModel | null): AttributionCandidates {
  return model?.sourceEnd || model?.contentEnd ? attributionCandidates(p.doc, true, model) : p.cands;
}

export function train(prepared: Prepared[], epochs = 12): AttributionModel {
  // first where sources and contents end (from the rules' drafts), then the cue and speaker models on drafts so ended
  const sourceEnd = bagged(BAG, (seed) => trainRanker(prepared.flatMap(sourceEndExamples), epochs, seed));
  const contentEnd = bagged(BAG, (seed) => trainRanker(prepared.flatMap(contentEndExamples), epochs, seed));
  const cue: Array<{ feats: Feature[]; label: boolean }> = [];
  const speaker: Array<Array<{ feats: Feature[]; ok: boolean }>> = [];
  for (const p0 of prepared) {
    const p = { ...p0, cands: attributionCandidates(p0.doc, true, { sourceEnd, contentEnd }) };
    const e = examples(p);
    cue.push(...e.cue);
    speaker.push(...e.speaker);
  }
  return {
    version: 2,
    cue: bagged(BAG, (seed) => trainBinary(cue, epochs, seed)),
    speaker: bagged(BAG, (seed) => trainRanker(speaker, epochs, seed)),
    sourceEnd,
    contentEnd,
    trainedOn: `${prepared.length} articles, ${cue.length} drafted records`,
  };
}

export function predictWith(p: Prepared, model: AttributionModel | null): ScoredDoc {
  const pred = decideAttributions(p.doc, candidatesFor(p, model), model) as AttributionRecord[];
  return { id: p.gold.id, text: p.gold.text, gold: p.gold.attributions, pred };
}

/** Folds by article: k groups of whole articles, dealt in a hash order so that outlets mix. */
export function kFolds(prepared: Prepared[], k: number): Prepared[][] {
  const order = prepared.slice().sort((a, b) => hashString(`fold:${a.gold.id}`) - hashString(`fold:${b.gold.id}`));
  const folds: Prepared[][] = Array.from({ length: k }, () => []);
  order.forEach((p, i) => folds[i % k]!.push(p));
  return folds;
}

/** Cross-validated predictions: every article predicted by a model trained on the other folds. */
export function crossValidate(prepared: Prepared[], folds: Prepared[][]): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (const test of folds) {
    const held = new Set(test);
    const model = train(prepared.filter((p) => !held.has(p)));
    for (const p of test) out.push(predictWith(p, model));
  }
  return out;
}

export function outletFolds(prepared: Prepared[]): Map<string, Prepared[]> {
  const m = new Map<string, Prepared[]>();
  for (const p of prepared) {
    let l = m.get(p.group);
    if (!l) m.set(p.group, (l = []));
    l.push(p);
  }
  return m;
}

export const MODEL_PATH = new URL('../../models/attribution.json', import.meta.url);

async function main(): Promise<void> {
  const { docs, problems } = await loadAllGold();
  for (const p of problems) console.error(`gold: ${p}`);
  if (docs.length === 0) {
    console.error('train:attribution: no gold found (set ISNAD_DATA to the shared folder)');
    process.exit(2);
  }
  const prepared = prepare(docs);
  const open = prepared.filter((p) => !p.sealed);
  const model = train(open);
  const stored = storeModel(model);
  writeFileSync(MODEL_PATH, JSON.stringify(stored) + '\n');
  const n = (w: Record<string, number> | undefined): number => Object.keys(w ?? {}).length;
  console.log(`trained on ${open.length} articles (${prepared.length - open.length} sealed left out): ${n(stored.cue)} cue, ${n(stored.speaker)} speaker, ${n(stored.sourceEnd)} source-end and ${n(stored.contentEnd)} content-end weights → models/attribution.json`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
