/**
 * eval:attribution — scores attributions against a gold JSONL file.
 *
 *   npm run eval:attribution -- --gold ../shared/gold/attribution-dev.jsonl [--split tune|check|all]
 *                               [--pred predicted.jsonl] [--json] [--details]
 *
 * Without --pred, isnad analyzes the gold texts itself. With --pred, the file holds documents as
 * `isnad analyze --jsonl` writes them (`id`, `attributions`), matched to the gold by id.
 */
import '../ner/node.js'; // registers the shipped NER model for analyze()
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../analyze/index.js';
import { score, type AttributionRecord, type Prf, type ScoredDoc, type Scores } from './attribution-score.js';

interface GoldDoc {
  id: string;
  text: string;
  attributions: AttributionRecord[];
  [k: string]: unknown;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
    });
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

const USAGE = `usage: npm run eval:attribution -- [--gold FILE] [--split tune|check|all] [--pred FILE] [--json] [--details]

Scores attributions against gold records (cue, content, source, speaker, type, medium, relay chain, hedge).
  --gold FILE   gold JSONL (default: $ISNAD_DATA/gold/attribution-dev.jsonl, ISNAD_DATA defaulting to ../shared)
  --split S     tune, check or all (default: all three); the check split is data/eval/attribution-split.json
  --pred FILE   score predictions written by \`isnad analyze --jsonl\` instead of analyzing the gold texts
  --json        scores as JSON
  --details     list misses, false alarms and wrong fields per article`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gold: { type: 'string' },
      pred: { type: 'string' },
      split: { type: 'string' },
      json: { type: 'boolean' },
      details: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  values.gold ??= join(process.env.ISNAD_DATA ?? '../shared', 'gold', 'attribution-dev.jsonl');
  if (!existsSync(values.gold)) {
    console.error(`eval:attribution: no gold file at ${values.gold} (set ISNAD_DATA or pass --gold FILE)\n\n${USAGE}`);
    process.exit(2);
  }
  const gold = readJsonl<GoldDoc>(values.gold);
  const splits = values.split ? [values.split] : ['tune', 'check', 'all'];
  let predDocs: ScoredDoc[];
  const t0 = performance.now();
  if (values.pred) {
    const preds = new Map(readJsonl<{ id: string; attributions?: AttributionRecord[] }>(values.pred).map((d) => [String(d.id), d]));
    predDocs = gold.map((g) => ({ id: g.id, text: g.text, gold: g.attributions, pred: preds.get(g.id)?.attributions ?? [] }));
  } else predDocs = predict(gold);
  const ms = performance.now() - t0;
  const results: Record<string, Scores> = {};
  for (const split of splits) {
    const docs = values.gold.includes('attribution-dev') || split !== 'all' ? selectSplit(predDocs, split) : predDocs;
    results[split] = score(docs);
  }
  if (values.json) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, perDoc: undefined }])), null, 1));
    return;
  }
  for (const [split, s] of Object.entries(results)) {
    console.log(formatScores(s, `${split} (${split === 'all' ? predDocs.length : selectSplit(predDocs, split).length} articles)`));
    console.log('');
  }
  if (!values.pred) console.log(`(analyzed ${gold.length} articles in ${ms.toFixed(0)} ms)`);
  if (values.details) console.log(formatDetails(results[splits[0]!]!));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
