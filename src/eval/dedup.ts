/**
 * eval:dedup — the near-duplicate, syndication and story layer against the labeled pairs of
 * data/eval/dedup-pairs.tsv, and the Egyptian same-day clusters.
 *
 *   npm run eval:dedup [-- --split all|tune|test] [--tune] [--errors] [--json]
 *                      [--options '{"dedup":{"anchorEvery":8}}']   (GroupingOptions, for experiments)
 *                      [--dump scores.json]   (ids, labels, scores and predictions; no text)
 *
 * 1. Every SaudiNewsNet and ANT multi-source article is added to a NewsGrouper (as at ingest: the
 *    story similarity counts words over the articles of the surrounding days).
 * 2. Pairs: each labeled pair is classified (grouper.relation) and scored per relation, strict and
 *    at the nested levels (copy = same text or near-duplicate; story = any of the three); also
 *    whether the index put copies in one group and stories in one story.
 * 3. The Egyptian articles (../shared/corpus/egyptian-3outlets-sameday) go through a fresh grouper:
 *    their stories must be the corpus's two clusters; the boilerplate the structure stage drops is
 *    counted.
 * --tune prints precision/recall over a grid of thresholds on the tune split (how the defaults were
 * chosen); --errors lists the misclassified pairs (ids and the labeler's note, never text).
 * Needs ISNAD_DATA (or ../shared); exits 1 without it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataDir, readCorpus, type CorpusName, type SourceRecord } from '../ingest/corpus/index.js';
import { NewsGrouper, type GroupingOptions } from '../dedup/grouping.js';
import { bodySpans, bodyWords } from '../dedup/shingles.js';
import { classify, DEFAULT_THRESHOLDS, RELATIONS, type PairScores, type Relation, type Thresholds } from '../dedup/relation.js';
import { confusion, parsePairs, prf, type LabeledPair, type Level, type Prf } from './dedup-score.js';

const CORPORA: CorpusName[] = ['saudinewsnet', 'ant-multisource'];

export interface ScoredPair extends LabeledPair {
  scores: PairScores;
  pred: Relation;
  sameGroup: boolean;
  sameStory: boolean;
}

export interface EgyptianReport {
  articles: number;
  clusters: Record<string, string[]>;
  stories: string[][];
  groups: string[][];
  ok: boolean;
  /** words of the whole texts and of their bodies */
  words: number;
  bodyWords: number;
}

export function pairsPath(): URL {
  return new URL('../../data/eval/dedup-pairs.tsv', import.meta.url);
}

/** Indexes the corpora and scores every labeled pair. */
export async function scorePairs(pairs: LabeledPair[], log: (s: string) => void = () => {}, options: GroupingOptions = {}): Promise<{ scored: ScoredPair[]; grouper: NewsGrouper; seconds: number }> {
  const grouper = new NewsGrouper(options);
  const t0 = performance.now();
  for (const c of CORPORA) {
    for await (const r of readCorpus(c)) add(grouper, r);
    log(`  ${c}: ${grouper.size} articles indexed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const scored = pairs.map((p) => {
    if (!grouper.dedup.has(p.a) || !grouper.dedup.has(p.b)) throw new Error(`ISNAD_PAIRS_MISSING: pair ${p.a} × ${p.b}: an id is not in the corpora (ids changed?)`);
    const scores = { ...grouper.dedup.scores(p.a, p.b), cosine: grouper.stories.similarity(p.a, p.b) };
    return {
      ...p,
      scores,
      pred: grouper.relation(p.a, p.b),
      sameGroup: grouper.groupOf(p.a) === grouper.groupOf(p.b),
      sameStory: grouper.storyOf(p.a) === grouper.storyOf(p.b),
    };
  });
  return { scored, grouper, seconds };
}

function add(grouper: NewsGrouper, r: SourceRecord): void {
  const a: Parameters<NewsGrouper['add']>[0] = { id: r.id, text: r.text };
  if (r.meta.title) a.title = r.meta.title;
  if (r.meta.outlet) a.outlet = r.meta.outlet;
  if (r.meta.date) a.date = r.meta.date;
  grouper.add(a);
}

/** The Egyptian same-day clusters through a fresh grouper. */
export async function egyptianCheck(): Promise<EgyptianReport> {
  const grouper = new NewsGrouper();
  const clusters: Record<string, string[]> = {};
  let words = 0;
  let body = 0;
  for await (const r of readCorpus('egyptian')) {
    add(grouper, r);
    (clusters[r.meta.cluster ?? '?'] ??= []).push(r.id);
    words += bodyWords(r.text, [{ start: 0, end: r.text.length, text: r.text }]).length;
    body += bodyWords(r.text, bodySpans(r.text, r.meta.title)).length;
  }
  const stories = grouper.stories.stories().map((s) => [...s].sort());
  const expected = Object.values(clusters).map((c) => [...c].sort());
  const key = (g: string[][]): string => g.map((s) => s.join(',')).sort().join(' | ');
  return {
    articles: grouper.size,
    clusters,
    stories,
    groups: grouper.dedup.groups(),
    ok: key(stories) === key(expected),
    words,
    bodyWords: body,
  };
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const line = (name: string, m: Prf): string => `| ${name.padEnd(34)} | ${pct(m.p)} | ${pct(m.r)} | ${String(m.tp).padStart(4)} | ${String(m.predicted).padStart(4)} | ${String(m.gold).padStart(4)} |`;

function report(rows: ScoredPair[], title: string): string {
  const out = [`\n${title} (${rows.length} pairs)`, '| relation                           |  P %  |  R %  |   tp | pred | gold |', '|------------------------------------|-------|-------|------|------|------|'];
  const levels: Array<[Level, string]> = [
    ['same-text', 'same text'],
    ['near-duplicate', 'near-duplicate (strict)'],
    ['copy', 'near-duplicate incl. same text'],
    ['same-story', 'same story (strict)'],
    ['story', 'same story incl. copies'],
    ['different', 'different'],
  ];
  const rel = rows.map((r) => ({ gold: r.label, pred: r.pred }));
  for (const [lv, name] of levels) out.push(line(name, prf(rel, lv)));
  const grouped = rows.map((r) => ({ gold: r.label, pred: (r.sameGroup ? 'near-duplicate' : 'different') as Relation }));
  const storied = rows.map((r) => ({ gold: r.label, pred: (r.sameStory ? 'same-story' : 'different') as Relation }));
  out.push(line('index: same group (copy level)', prf(grouped, 'copy')));
  out.push(line('index: same story (story level)', prf(storied, 'story')));
  return out.join('\n');
}

function confusionTable(rows: ScoredPair[]): string {
  const m = confusion(rows.map((r) => ({ gold: r.label, pred: r.pred })));
  const head = `| gold \\ predicted | ${RELATIONS.map((r) => r.padStart(14)).join(' | ')} |`;
  return ['\nconfusion (all pairs)', head, ...RELATIONS.map((g) => `| ${g.padEnd(16)} | ${RELATIONS.map((p) => String(m[g][p]).padStart(14)).join(' | ')} |`)].join('\n');
}

/** Grid of thresholds on a split: the rows the defaults were chosen from (docs/dedup.md). */
export function tuneGrid(rows: ScoredPair[]): string[] {
  const out: string[] = [];
  const at = (t: Thresholds, level: Level): Prf => prf(rows.map((r) => ({ gold: r.label, pred: classify(r.scores, t) })), level);
  out.push('copy level (same text or near-duplicate): nearDuplicate coverage × hours');
  for (const nd of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
    const cells = [24, 36, 48, 72, 1e9].map((h) => {
      const m = at({ ...DEFAULT_THRESHOLDS, nearDuplicate: nd, nearDuplicateHours: h }, 'copy');
      return `${h === 1e9 ? '∞' : h}h ${pct(m.p)}/${pct(m.r)}`;
    });
    out.push(`  ${nd.toFixed(2)}  ${cells.join('  ')}`);
  }
  out.push('same text: sameText coverage (P/R of same-text; near-duplicate strict P/R)');
  for (const st of [0.8, 0.85, 0.9, 0.93, 0.95]) {
    const t = { ...DEFAULT_THRESHOLDS, sameText: st };
    const a = at(t, 'same-text');
    const b = at(t, 'near-duplicate');
    out.push(`  ${st.toFixed(2)}  same-text ${pct(a.p)}/${pct(a.r)}  near-duplicate ${pct(b.p)}/${pct(b.r)}`);
  }
  out.push('same story (strict): story similarity at 0 h × added per hour (window 36 h)');
  for (const ss of [0.2, 0.25, 0.3, 0.32, 0.35, 0.4, 0.45, 0.5]) {
    const cells = [0, 0.005, 0.0075, 0.01, 0.015, 0.02].map((k) => {
      const m = at({ ...DEFAULT_THRESHOLDS, sameStory: ss, sameStoryPerHour: k, sameStoryHours: 36 }, 'same-story');
      return `+${k.toFixed(4)}/h ${pct(m.p)}/${pct(m.r)}`;
    });
    out.push(`  ${ss.toFixed(2)}  ${cells.join('  ')}`);
  }
  out.push('same story (strict): window hours at the defaults');
  out.push('  ' + [12, 24, 36, 48, 72].map((h) => { const m = at({ ...DEFAULT_THRESHOLDS, sameStoryHours: h }, 'same-story'); return `${h}h ${pct(m.p)}/${pct(m.r)}`; }).join('  '));
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { split: { type: 'string' }, tune: { type: 'boolean' }, errors: { type: 'boolean' }, json: { type: 'boolean' }, options: { type: 'string' }, dump: { type: 'string' } } });
  if (!dataDir()) {
    console.error('eval:dedup: no shared data (set ISNAD_DATA or put it at ../shared); nothing to evaluate');
    process.exit(1);
  }
  const pairs = parsePairs(readFileSync(pairsPath(), 'utf8'));
  const count = (f: (p: LabeledPair) => boolean): number => pairs.filter(f).length;
  console.log(`eval:dedup — ${pairs.length} labeled pairs: ${RELATIONS.map((r) => `${r} ${count((p) => p.label === r)}`).join(', ')}; tune ${count((p) => p.split === 'tune')}, test ${count((p) => p.split === 'test')}`);
  console.log('indexing SaudiNewsNet and ANT multi-source …');
  const options = values.options ? (JSON.parse(values.options) as GroupingOptions) : {};
  const { scored, grouper, seconds } = await scorePairs(pairs, (s) => console.log(s), options);
  console.log(`  ${grouper.size} articles in ${seconds.toFixed(0)} s: ${grouper.dedup.groups().length} near-duplicate groups, ${grouper.stories.stories().filter((s) => s.length > 1).length} stories of 2+`);
  if (values.dump) writeFileSync(values.dump, JSON.stringify(scored.map(({ a, b, split, label, scores, pred, sameGroup, sameStory }) => ({ a, b, split, label, scores, pred, sameGroup, sameStory }))));
  const split = values.split ?? 'all';
  const sel = (s: string): ScoredPair[] => (s === 'all' ? scored : scored.filter((p) => p.split === s));
  if (values.json) {
    const egy = await egyptianCheck();
    const levels: Level[] = ['same-text', 'near-duplicate', 'copy', 'same-story', 'story', 'different'];
    const by = (rows: ScoredPair[]): Record<string, Prf> => Object.fromEntries(levels.map((l) => [l, prf(rows.map((r) => ({ gold: r.label, pred: r.pred })), l)]));
    console.log(JSON.stringify({ all: by(sel('all')), tune: by(sel('tune')), test: by(sel('test')), egyptian: egy }, null, 1));
    return;
  }
  for (const s of split === 'all' ? ['all', 'tune', 'test'] : [split]) console.log(report(sel(s), `pairs: ${s}`));
  console.log(confusionTable(sel(split)));
  if (values.errors) {
    console.log('\nmisclassified pairs');
    for (const p of sel(split).filter((r) => r.pred !== r.label)) {
      const s = p.scores;
      console.log(`  ${p.split} ${p.label} → ${p.pred}  cover ${s.coverShort.toFixed(2)}/${s.coverLong.toFixed(2)} J ${s.jaccard.toFixed(2)} sim ${s.cosine.toFixed(2)} ${Number.isNaN(s.hours) ? '' : `${s.hours.toFixed(0)}h`}  ${p.a} × ${p.b}  (${p.note})`);
    }
  }
  if (values.tune) {
    console.log('\nthreshold grid on the tune split (P/R %)');
    for (const l of tuneGrid(sel('tune'))) console.log(l);
  }
  const egy = await egyptianCheck();
  console.log(`\nEgyptian same-day clusters: ${egy.articles} articles, ${egy.ok ? 'OK' : 'MISMATCH'}`);
  for (const [c, ids] of Object.entries(egy.clusters)) console.log(`  expected ${c}: ${ids.join(', ')}`);
  for (const s of egy.stories) console.log(`  story: ${s.join(', ')}`);
  for (const g of egy.groups) console.log(`  near-duplicate group: ${g.join(', ')}`);
  console.log(`  boilerplate: ${egy.words - egy.bodyWords} of ${egy.words} words left out of the bodies`);
  if (!egy.ok) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
