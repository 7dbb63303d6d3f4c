/**
 * eval:attribution — how well attribution works on articles it was not trained on.
 *
 *   npm run eval:attribution [-- --folds 5] [--details] [--json]
 *       the headline: k-fold cross-validation by article over all the gold (the shared dev files
 *       and the annotations in data/gold/attribution/), then leave-one-outlet-out, the sealed slice,
 *       and the rules alone; every learned figure comes from a model that never saw the article
 *   npm run eval:attribution -- --gold FILE [--pred predicted.jsonl]
 *       scores isnad as it ships (the shipped model, trained on that gold: a fit, not a measure),
 *       or predictions written by `isnad analyze --jsonl`, against one gold file
 */
import '../ner/node.js'; // registers the shipped NER model for analyze()
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../analyze/index.js';
import { score, type AttributionRecord, type Prf, type ScoredDoc, type Scores } from './attribution-score.js';
import { readJsonl } from './read-jsonl.js';
import { crossValidate, kFolds, loadAllGold, outletFolds, predictWith, prepare, train, type Prepared } from './train-attribution.js';

export { readJsonl };

interface GoldDoc {
  id: string;
  text: string;
  attributions: AttributionRecord[];
  [k: string]: unknown;
}

export function splitIds(): Set<string> {
  const split = JSON.parse(readFileSync(new URL('../../data/eval/attribution-split.json', import.meta.url), 'utf8')) as { check: string[] };
  return new Set(split.check);
}

export function selectSplit<T extends { id: string }>(docs: T[], split: string): T[] {
  const check = splitIds();
  if (split === 'all') return docs;
  if (split === 'check') return docs.filter((d) => check.has(d.id));
  if (split === 'tune') return docs.filter((d) => !check.has(d.id));
  throw new Error(`unknown --split "${split}": use tune, check or all`);
}

/** Predicts attributions for gold documents with isnad's own pipeline. */
export function predict(gold: GoldDoc[]): ScoredDoc[] {
  return gold.map((g) => {
    const meta: Record<string, unknown> = {};
    for (const k of ['outlet', 'title', 'url', 'date']) if (typeof g[k] === 'string') meta[k] = g[k];
    const doc = analyze(g.text, { id: g.id, meta });
    return { id: g.id, text: g.text, gold: g.attributions, pred: (doc.attributions ?? []) as AttributionRecord[] };
  });
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const row = (name: string, m: Prf): string => `| ${name.padEnd(30)} | ${pct(m.p)} | ${pct(m.r)} | ${pct(m.f1)} | ${String(m.tp).padStart(4)} | ${String(m.predicted).padStart(4)} | ${String(m.gold).padStart(4)} |`;

export function formatScores(s: Scores, title: string): string {
  const lines = [
    `${title}: ${s.records.gold} gold records, ${s.records.predicted} predicted, ${s.records.matched} matched by cue`,
    '| measure                        |   P   |   R   |  F1   |  tp  | pred | gold |',
    '|--------------------------------|-------|-------|-------|------|------|------|',
    row('cue (exact)', s.cue),
    row('content (overlap ≥ 50%)', s.contentOverlap),
    row('content (exact)', s.contentExact),
    row('source (head word), matched', s.sourceHead),
    row('source (exact), matched', s.sourceExact),
    row('medium (overlap), matched', s.mediumOverlap),
    row('medium (exact), matched', s.mediumExact),
    row('via chains (head), matched', s.via),
    row('hedge (overlap), matched', s.hedgeOverlap),
    row('hedge (exact), matched', s.hedgeExact),
    '',
    `speaker accuracy on matched records: ${pct(s.speakerHeadAccuracy)}% (head word), ${pct(s.speakerExactAccuracy)}% (exact)`,
    `type accuracy on matched records:    ${pct(s.typeAccuracy)}%`,
    `relay chains found exactly: ${pct(s.via.chainsExact)}% of ${s.via.goldChains} gold chains (by head word: ${pct(s.via.chainsHead)}%)`,
  ];
  return lines.join('\n');
}

function show(r: AttributionRecord): string {
  const who = (r.source?.text ?? '∅') + (r.speaker && r.speaker.text !== r.source?.text ? ` →${r.speaker.text}` : r.speaker ? '' : ' →∅');
  return `[${r.cue.text}] ${who} :: ${r.content.text.slice(0, 90)}`;
}

export function formatDetails(s: Scores): string {
  const out: string[] = [];
  for (const d of s.perDoc) {
    if (!d.missed.length && !d.falseAlarms.length && !d.wrong.length) continue;
    out.push(`## ${d.id}`);
    for (const m of d.missed) out.push(`  MISS  ${show(m)}`);
    for (const f of d.falseAlarms) out.push(`  FALSE ${show(f)}`);
    for (const w of d.wrong) {
      out.push(`  WRONG ${w.fields.join(',')}`);
      out.push(`     gold ${show(w.gold)}${w.gold.via.length ? ' via ' + w.gold.via.map((v) => v.text).join('|') : ''}${w.gold.medium ? ' med ' + w.gold.medium.text : ''} ${w.gold.type}`);
      out.push(`     pred ${show(w.pred)}${w.pred.via.length ? ' via ' + w.pred.via.map((v) => v.text).join('|') : ''}${w.pred.medium ? ' med ' + w.pred.medium.text : ''} ${w.pred.type}`);
    }
  }
  return out.join('\n');
}

const USAGE = `usage: npm run eval:attribution -- [--folds K] [--details] [--json]
       npm run eval:attribution -- --gold FILE [--split tune|check|all] [--pred FILE] [--json] [--details]

Without --gold: the honest figures. All the attribution gold ($ISNAD_DATA/gold/attribution-dev*.jsonl
and the annotations in data/gold/attribution/) is cross-validated by article (K folds, default 5: each
article predicted by models trained without it), then by outlet (each outlet predicted by models
trained on the others); the sealed slice is scored by a model trained on everything else; the
rules alone (no learned model) are shown beside.
  --folds K     folds of the cross-validation (default 5)
  --details     misses, false alarms and wrong fields per article, cross-validated (sealed slice never shown)
  --json        scores as JSON

With --gold: isnad as it ships (the shipped model: trained on this gold, so a fit, not a measure).
  --gold FILE   gold JSONL
  --split S     tune, check or all for the first dev file (data/eval/attribution-split.json)
  --pred FILE   score predictions written by \`isnad analyze --jsonl\` instead of analyzing the gold texts`;

export function summaryRow(name: string, s: Scores): string {
  return `| ${name.padEnd(26)} | ${String(s.records.gold).padStart(5)} | ${pct(s.cue.f1)} | ${pct(s.contentOverlap.f1)} | ${pct(s.contentExact.f1)} | ${pct(s.sourceHead.f1)} | ${pct(s.speakerHeadAccuracy)} | ${pct(s.typeAccuracy)} | ${pct(s.mediumOverlap.f1)} | ${pct(s.via.chainsHead)} |`;
}
export const SUMMARY_HEAD = [
  '| set                        | gold  |  cue  | cont≥50 | cont= | source | speaker | type  | medium | via   |',
  '|----------------------------|-------|-------|-------|-------|-------|-------|-------|-------|-------|',
].join('\n');

async function honest(folds: number, json: boolean, details: boolean): Promise<void> {
  const t0 = performance.now();
  const { docs, problems } = await loadAllGold();
  for (const p of problems) console.error(`gold: ${p}`);
  if (docs.length === 0) {
    console.error(`eval:attribution: no gold found under ${process.env.ISNAD_DATA ?? '../shared'} (set ISNAD_DATA)\n\n${USAGE}`);
    process.exit(2);
  }
  const prepared = prepare(docs);
  const open = prepared.filter((p) => !p.sealed);
  const sealed = prepared.filter((p) => p.sealed);
  const cv = crossValidate(open, kFolds(open, folds));
  const rules = open.map((p) => predictWith(p, null));
  const byOutlet = outletFolds(open);
  const looo: ScoredDoc[] = [];
  const perOutlet: Array<[string, Scores, Scores]> = [];
  for (const [group, test] of [...byOutlet].sort()) {
    const held = new Set<Prepared>(test);
    const model = train(open.filter((p) => !held.has(p)));
    const preds = test.map((p) => predictWith(p, model));
    looo.push(...preds);
    perOutlet.push([group, score(preds), score(test.map((p) => predictWith(p, null)))]);
  }
  const full = sealed.length ? train(open) : null;
  const sealedLearned = sealed.map((p) => predictWith(p, full));
  const sealedRules = sealed.map((p) => predictWith(p, null));
  const cvById = new Map(cv.map((d) => [d.id, d]));
  const byOrigin = new Map<string, ScoredDoc[]>();
  for (const p of open) {
    const o = p.gold.origin.startsWith('stored:') ? 'annotated here' : p.gold.origin.replace('.jsonl', '');
    let l = byOrigin.get(o);
    if (!l) byOrigin.set(o, (l = []));
    l.push(cvById.get(p.gold.id)!);
  }
  const results = {
    crossValidated: score(cv),
    rulesAlone: score(rules),
    leaveOneOutletOut: score(looo),
    sealedLearned: score(sealedLearned),
    sealedRules: score(sealedRules),
  };
  if (json) {
    const strip = (x: Scores): Scores => ({ ...x, perDoc: [] });
    console.log(JSON.stringify({ articles: open.length, sealed: sealed.length, ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, strip(v)])), perOutlet: perOutlet.map(([g, l, r]) => ({ outlet: g, learned: strip(l), rules: strip(r) })) }, null, 1));
    return;
  }
  console.log(formatScores(results.crossValidated, `${folds}-fold cross-validation by article, learned models (${open.length} articles; the headline)`));
  console.log('');
  console.log(formatScores(results.leaveOneOutletOut, `leave-one-outlet-out, learned models (${byOutlet.size} outlets)`));
  console.log('');
  console.log(SUMMARY_HEAD);
  console.log(summaryRow('cross-validated, learned', results.crossValidated));
  console.log(summaryRow('leave-one-outlet-out', results.leaveOneOutletOut));
  console.log(summaryRow('rules alone (no model)', results.rulesAlone));
  for (const [o, l] of [...byOrigin].sort()) console.log(summaryRow(`  cv: ${o}`, score(l)));
  if (sealed.length) {
    console.log(summaryRow(`sealed (${sealed.length}), learned`, results.sealedLearned));
    console.log(summaryRow(`sealed (${sealed.length}), rules`, results.sealedRules));
  }
  console.log('');
  console.log('leave-one-outlet-out, per outlet (learned / rules alone):');
  console.log(SUMMARY_HEAD);
  for (const [g, l, r] of perOutlet) {
    console.log(summaryRow(`${g} (${byOutlet.get(g)!.length})`, l));
    console.log(summaryRow(`  rules`, r));
  }
  console.log(`\n(${prepared.length} articles analyzed, ${folds + byOutlet.size + 1} models trained, in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (details) console.log(formatDetails(results.crossValidated));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gold: { type: 'string' },
      pred: { type: 'string' },
      split: { type: 'string' },
      folds: { type: 'string' },
      json: { type: 'boolean' },
      details: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.gold) {
    const k = Number(values.folds ?? 5);
    if (!Number.isInteger(k) || k < 2) {
      console.error(`eval:attribution: --folds must be an integer ≥ 2\n\n${USAGE}`);
      process.exit(2);
    }
    await honest(k, !!values.json, !!values.details);
    return;
  }
  if (!existsSync(values.gold)) {
    console.error(`eval:attribution: no gold file at ${values.gold}\n\n${USAGE}`);
    process.exit(2);
  }
  const gold = readJsonl<GoldDoc>(values.gold);
  const splits = values.split ? [values.split] : values.gold.includes('attribution-dev.jsonl') ? ['tune', 'check', 'all'] : ['all'];
  let predDocs: ScoredDoc[];
  const t0 = performance.now();
  if (values.pred) {
    const preds = new Map(readJsonl<{ id: string; attributions?: AttributionRecord[] }>(values.pred).map((d) => [String(d.id), d]));
    predDocs = gold.map((g) => ({ id: g.id, text: g.text, gold: g.attributions, pred: preds.get(g.id)?.attributions ?? [] }));
  } else predDocs = predict(gold);
  const ms = performance.now() - t0;
  const results: Record<string, Scores> = {};
  for (const split of splits) results[split] = score(selectSplit(predDocs, split));
  if (values.json) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, perDoc: undefined }])), null, 1));
    return;
  }
  for (const [split, s] of Object.entries(results)) {
    console.log(formatScores(s, `${split} (${selectSplit(predDocs, split).length} articles)`));
    console.log('');
  }
  if (!values.pred) console.log(`(analyzed ${gold.length} articles in ${ms.toFixed(0)} ms)`);
  if (values.details) console.log(formatDetails(results[splits[0]!]!));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
