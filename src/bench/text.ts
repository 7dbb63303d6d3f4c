/**
 * bench:text — throughput of the foundation pipeline on real news, on one core.
 *
 *   normalize+tokenize   tokenize() + `match` normalization of every token
 *   tokens layer         + clitic analysis and stems (tokens())
 *   foundation           analyze(): structure + tokens + sentences
 *
 * Usage: npm run bench:text [-- --limit 10000 --corpus saudinewsnet --rounds 2]
 */
import '../ner/node.js'; // registers the shipped NER model for analyze()
import { parseArgs } from 'node:util';
import { analyze, attributionStage, sentencesStage, structureStage, tokensStage, defaultStages, type Stage } from '../analyze/index.js';
import type { CorpusName } from '../ingest/corpus/index.js';
import { normalize, tokenize, tokens } from '../text/index.js';
import { fmt, gc, heapMB, loadArticles, peakRssMB, table, utf8Bytes, type Article } from './util.js';

const { values } = parseArgs({ options: { limit: { type: 'string' }, corpus: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } } });
const limit = Number(values.limit ?? 10_000);
const corpus = (values.corpus ?? 'saudinewsnet') as CorpusName;
const rounds = Number(values.rounds ?? 2);

function normalizeTokenize(a: Article): number {
  const toks = tokenize(a.text);
  let sink = 0;
  for (const t of toks) sink += normalize(a.text.slice(t.start, t.end), 'match').length;
  if (sink < 0) throw new Error('unreachable');
  return toks.length;
}

function tokenLayer(a: Article): number {
  return tokens(a.text).length;
}

const FOUNDATION: Stage[] = [structureStage, tokensStage(), sentencesStage];
const WITH_ATTRIBUTION: Stage[] = [...FOUNDATION, attributionStage];

function foundation(a: Article): number {
  return analyze(a.text, { id: a.id, stages: FOUNDATION }).tokens!.length;
}

function withAttribution(a: Article): number {
  return analyze(a.text, { id: a.id, stages: WITH_ATTRIBUTION }).tokens!.length;
}

function fullPipeline(a: Article): number {
  return analyze(a.text, { id: a.id }).tokens!.length;
}

function measure(name: string, articles: Article[], fn: (a: Article) => number, bytes: number): Record<string, string | number> {
  // warm up the JIT (and the per-word cache, as a long-running process would be)
  for (let i = 0; i < Math.min(500, articles.length); i++) fn(articles[i]!);
  gc();
  let best = Infinity;
  let bestCpu = Infinity;
  let toks = 0;
  for (let r = 0; r < rounds; r++) {
    toks = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const a of articles) toks += fn(a);
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, (performance.now() - t0) / 1000);
    // CPU time of this (single-threaded) run: steadier than the wall clock on a shared machine
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  return {
    stage: name,
    'tokens/s': Math.round(toks / best),
    'MB/s': fmt(bytes / 1024 / 1024 / best, 1),
    'docs/s': Math.round(articles.length / best),
    seconds: fmt(best, 2),
    'cpu s': fmt(bestCpu, 2),
  };
}

const t0 = performance.now();
const articles = await loadArticles(corpus, limit);
const bytes = utf8Bytes(articles);
const loadS = (performance.now() - t0) / 1000;
gc();
const heapAfterLoad = heapMB();
const totalTokens = articles.reduce((n, a) => n + tokenize(a.text).length, 0);
console.log(`bench:text — ${fmt(articles.length)} ${corpus} articles, ${fmt(bytes / 1024 / 1024, 1)} MB UTF-8, ${fmt(totalTokens)} tokens (loaded in ${fmt(loadS, 1)} s); one core, best of ${rounds}`);
const rows = [
  measure('normalize+tokenize', articles, normalizeTokenize, bytes),
  measure('tokens layer (+clitics, stems)', articles, tokenLayer, bytes),
  measure('foundation (structure+tokens+sentences)', articles, foundation, bytes),
  measure('foundation + attribution', articles, withAttribution, bytes),
  measure(`default pipeline (${defaultStages().map((s) => s.name).join('+')})`, articles, fullPipeline, bytes),
];
console.log(table(rows));
const seconds = (r: Record<string, string | number>, k: string): number => Number(r[k]);
const share = (k: string): string => fmt(((seconds(rows[3]!, k) - seconds(rows[2]!, k)) / seconds(rows[2]!, k)) * 100, 0);
console.log(`attribution adds ${share('cpu s')}% of CPU time to the foundation pipeline (${share('seconds')}% of wall time)`);
console.log(`memory: heap after loading ${fmt(heapAfterLoad)} MB; peak RSS ${fmt(peakRssMB())} MB (texts held in memory included)`);
if (values.json) console.log(JSON.stringify({ articles: articles.length, bytes, tokens: totalTokens, rows, peakRssMB: peakRssMB() }));
