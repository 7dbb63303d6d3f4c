/**
 * bench:ingest — ingests SaudiNewsNet, ANT multi-source and ANT Jawhara FM (about 72,000 articles)
 * into a fresh SQLite file with the full current pipeline (structure, tokens, sentences, entities,
 * attributions) on a pool of worker threads, and reports throughput, peak memory and database size.
 *
 * Bars: ≥ 300 articles/s on a 2-core machine; peak RSS < 1 GB (the process's maxRSS, which counts
 * the worker threads: they live in this process).
 *
 * Usage: npm run bench:ingest [-- --db artifacts/bench.db --workers 2 --batch 64 --limit N --corpora a,b --worker-heap MB --no-dedup]
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestInto } from '../collection/run.js';
import { CORPUS_NAMES, corpusPath, dataDir, type CorpusName } from '../ingest/corpus/index.js';
import { SqliteStore } from '../store/sqlite.js';
import { fmt, peakRssMB, table } from './util.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    workers: { type: 'string' },
    batch: { type: 'string' },
    limit: { type: 'string' },
    corpora: { type: 'string' },
    json: { type: 'string' },
    'worker-heap': { type: 'string' },
    'no-dedup': { type: 'boolean' },
    'no-count': { type: 'boolean' },
  },
});
const db = values.db ?? 'artifacts/bench.db';
const corpora = (values.corpora ?? 'saudinewsnet,ant-multisource,ant-jawharafm').split(',') as CorpusName[];
const workers = values.workers !== undefined ? Number(values.workers) : availableParallelism();

if (!dataDir()) {
  console.error('bench:ingest: no shared data (set ISNAD_DATA or put it at ../shared); nothing to measure');
  process.exit(1);
}
for (const c of corpora) {
  if (!CORPUS_NAMES.includes(c) || !corpusPath(c)) {
    console.error(`bench:ingest: corpus "${c}" not found`);
    process.exit(1);
  }
}

mkdirSync(dirname(db), { recursive: true });
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

console.error(`bench:ingest — ${corpora.join(' + ')} → ${db} (fresh), ${workers} worker thread(s) on ${availableParallelism()} core(s)`);
let lastLog = 0;
// the CLI's path: the run in its own bounded thread, analysis on the worker pool
const summary = await ingestInto(db, corpora, {
  workers,
  batchSize: values.batch !== undefined ? Number(values.batch) : undefined,
  limit: values.limit !== undefined ? Number(values.limit) : undefined,
  workerHeapMb: values['worker-heap'] !== undefined ? Number(values['worker-heap']) : undefined,
  dedup: !values['no-dedup'],
  count: !values['no-count'],
  onProgress: (p) => {
    if (p.elapsed - lastLog < 10) return;
    lastLog = p.elapsed;
    const rate = p.done / p.elapsed;
    const eta = p.total !== undefined && rate > 0 ? ` · ETA ${Math.round((p.total - p.done) / rate)} s` : '';
    console.error(`  ${fmt(p.done)}${p.total !== undefined ? ` / ${fmt(p.total)}` : ''} records · ${fmt(rate)}/s${eta} · RSS peak ${fmt(peakRssMB())} MB`);
  },
});
const store = await SqliteStore.open(db, { mustExist: true });
const counts = await store.counts();
await store.close();
const size = (f: string): number => (existsSync(f) ? statSync(f).size : 0);
const dbBytes = size(db) + size(`${db}-wal`);
const seconds = summary.elapsed;
const result = {
  corpora,
  workers: summary.workers,
  records: summary.done,
  ingested: summary.ingested,
  duplicates: summary.duplicates,
  failed: summary.failed,
  seconds: Number(seconds.toFixed(1)),
  recordsPerSecond: Number((summary.done / seconds).toFixed(1)),
  articlesPerSecond: Number((summary.ingested / seconds).toFixed(1)),
  peakRssMB: Number(peakRssMB().toFixed(0)),
  dbMB: Number((dbBytes / 1024 / 1024).toFixed(1)),
  counts,
};
console.log(
  table([
    { measure: 'records read (ingested + duplicates + failed)', value: fmt(result.records) },
    { measure: 'articles stored', value: fmt(result.ingested) },
    { measure: 'exact duplicates (stored once, source kept)', value: fmt(result.duplicates) },
    { measure: 'failed', value: fmt(result.failed) },
    { measure: 'wall time, s (incl. index optimize)', value: fmt(seconds, 1) },
    { measure: 'records/s', value: fmt(result.recordsPerSecond, 1) },
    { measure: 'articles stored/s', value: fmt(result.articlesPerSecond, 1) },
    { measure: 'peak RSS, MB (process incl. worker threads)', value: fmt(result.peakRssMB) },
    { measure: 'database size, MB', value: fmt(result.dbMB, 1) },
    { measure: 'entity mentions / attributions', value: `${fmt(counts.mentions)} / ${fmt(counts.attributions)}` },
  ]),
);
console.log(`bars: ≥ 300 records/s ${result.recordsPerSecond >= 300 ? 'PASS' : 'FAIL'}; peak RSS < 1 GB ${result.peakRssMB < 1024 ? 'PASS' : 'FAIL'}`);
if (summary.failed > 0) console.log('failures by code:', JSON.stringify(summary.failedBy));
const out = values.json ?? 'artifacts/bench-ingest.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
