/**
 * Ingesting sources into a store: read (src/ingest), skip what is already stored, analyze in a pool
 * of worker threads, write batch by batch.
 *
 *   reader ─▶ batch of records ─▶ lookup (source key stored? text stored?) ─▶ piscina workers
 *          ─▶ results awaited IN ORDER ─▶ store.writeBatch (one transaction per batch)
 *
 * - A record is identified across runs by its source and its id ({@link sourceKey}); one already in
 *   the store is skipped before analysis, so re-running a command adds nothing, and re-running it
 *   after a crash or Ctrl-C analyzes only what was not committed.
 * - Exact duplicates (src/collection/hash.ts) are analyzed once: a record whose text is stored, or
 *   is on its way in an earlier batch, becomes one more source row of that article.
 * - Batches are written in the order they were read, so the same input gives the same ids.
 * - The abort signal stops reading; batches already sent to the workers are still written.
 *
 * Texts are kept as read, except NUL and unpaired surrogates, which become U+FFFD (storable.ts).
 */
import '../ner/node.js'; // the in-thread path (workers: 0) analyzes here
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { corpusForPath, corpusPath, isCorpusName, type CorpusName } from '../ingest/corpus/index.js';
import { readSource, type SourceFormat } from '../ingest/index.js';
import type { RecordMeta, SourceRecord } from '../ingest/index.js';
import type { BatchItem, Store } from '../store/store.js';
import { analyzeBatch, type AnalysisResult, type AnalysisTask } from './analysis.js';
import { CollectionDups, type DupsStats } from './dups.js';
import { contentHash, storableText } from './hash.js';

export interface IngestOptions {
  /** reader format (default auto) */
  format?: SourceFormat;
  encoding?: string;
  /** stop after this many records in all (failures do not count) */
  limit?: number;
  /** analysis threads; 0 analyzes in this thread (default: one per core) */
  workers?: number;
  /** records per batch (analysis task and write transaction); default 64 */
  batchSize?: number;
  /** stop reading when aborted; what was read is still written */
  signal?: AbortSignal;
  /** called after every batch written and when the total is known */
  onProgress?: (p: IngestProgress) => void;
  /** count the records first in a thread of its own, for an ETA (default true with workers) */
  count?: boolean;
  /** merge the index after the run when at least this many articles were added (default 1000) */
  optimizeAfter?: number;
  /** old-generation heap limit of each analysis worker, in MB (default {@link WORKER_HEAP_MB}) */
  workerHeapMb?: number;
  /** group near-duplicates as articles are stored (src/collection/dups.ts; default true) */
  dedup?: boolean;
}

/** Default heap limit per analysis worker: the NER model, and room for the bounded word caches. */
// A worker's heap grows to its limit before V8 collects much: the limit is what it costs in memory
// (two workers at 256 MB put the ingest of the 72k shared articles at 1.2 GB; at 160 MB it stays under 1 GB).
export const WORKER_HEAP_MB = 192;

export interface IngestProgress {
  /** records read and dealt with (ingested, duplicate, already stored or failed) */
  done: number;
  /** all records, once counted */
  total?: number;
  ingested: number;
  duplicates: number;
  already: number;
  failed: number;
  elapsed: number;
}

export interface IngestFailure {
  origin: string;
  code: string;
  reason: string;
}

export interface IngestSummary extends IngestProgress {
  /** failures by code */
  failedBy: Record<string, number>;
  /** the first failures, with their document and reason */
  failures: IngestFailure[];
  /** documents the readers left out on purpose (empty texts, unsupported files …) */
  skippedBy: Record<string, number>;
  interrupted: boolean;
  workers: number;
  /** the near-duplicate index: what was rebuilt, added and how long each addition took */
  dups?: DupsStats;
}

const MAX_LISTED_FAILURES = 50;

/** What a record's source key starts with: a shared corpus by name, a URL, or an absolute path. */
export function sourcePrefix(source: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  const corpus = isCorpusName(source) && !existsSync(source) ? source : corpusForPath(source);
  return corpus !== undefined ? `corpus:${corpus}` : `file:${resolve(source)}`;
}

/** The key a record is stored under in `sources`: what makes a re-run skip it. */
export const sourceKey = (prefix: string, recordId: string): string => `${prefix}#${recordId}`;

/** The path to read for a source argument: a shared corpus name stands for its files. */
export function sourcePath(source: string): string {
  if (isCorpusName(source) && !existsSync(source)) return corpusPath(source as CorpusName) ?? source;
  return source;
}

/** The compiled worker next to this module, or (running from src/ under a test runner) in dist/. */
function workerFile(name: string): string | undefined {
  const here = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here.href;
  const dist = fileURLToPath(here).replace(/([\\/])src([\\/])collection([\\/])/, '$1dist$2collection$3');
  return existsSync(dist) ? new URL(`file://${dist}`).href : undefined;
}

interface Candidate {
  key: string;
  hash: string;
  text: string;
  record: SourceRecord;
}

interface Planned {
  items: Array<{ kind: 'article'; c: Candidate; slot: number } | { kind: 'source'; c: Candidate }>;
  analysis: Promise<AnalysisResult[]>;
}

function cleanMeta(meta: RecordMeta): RecordMeta {
  const out: RecordMeta = { ...meta };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = storableText(v);
  return out;
}

/** Reads, analyzes and stores `sources`; see the module comment. */
export async function ingest(sources: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? 64);
  const wantWorkers = options.workers ?? availableParallelism();
  const file = wantWorkers > 0 ? workerFile('worker') : undefined;
  const workers = file ? wantWorkers : 0;
  const pool = file
    ? new Piscina({
        filename: file,
        minThreads: workers,
        maxThreads: workers,
        idleTimeout: 30_000,
        // the workers' caches (word analyses, NER word features) are bounded; a bounded heap makes V8
        // collect before it grows, which keeps the ingest's resident memory well under 1 GB
        resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
      })
    : undefined;
  const maxInflight = Math.max(2, workers * 2);
  // the collection's near-duplicate index, rebuilt from what is stored while the first batches are
  // read and analyzed; the first write waits for it
  const dupsReady = options.dedup !== false ? CollectionDups.open(store) : undefined;
  dupsReady?.catch(() => {}); // awaited below
  let dups: CollectionDups | undefined;

  const s: IngestSummary = {
    done: 0,
    ingested: 0,
    duplicates: 0,
    already: 0,
    failed: 0,
    elapsed: 0,
    failedBy: {},
    failures: [],
    skippedBy: {},
    interrupted: false,
    workers,
  };
  const progress = (): void => {
    s.elapsed = (performance.now() - t0) / 1000;
    options.onProgress?.({ done: s.done, total: s.total, ingested: s.ingested, duplicates: s.duplicates, already: s.already, failed: s.failed, elapsed: s.elapsed });
  };
  const fail = (f: IngestFailure): void => {
    s.failed++;
    s.done++;
    s.failedBy[f.code] = (s.failedBy[f.code] ?? 0) + 1;
    if (s.failures.length < MAX_LISTED_FAILURES) s.failures.push(f);
  };

  // the total, counted in a thread of its own
  let counter: Worker | undefined;
  const countFile = options.count !== false && workers > 0 ? workerFile('count-worker') : undefined;
  if (countFile) {
    counter = new Worker(new URL(countFile), {
      workerData: { sources: sources.map(sourcePath), format: options.format, encoding: options.encoding, limit: options.limit },
      // it only reads: a small heap, collected early, keeps its decoded archives from adding up
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 },
    });
    counter.on('message', (m: { total?: number }) => {
      if (m.total !== undefined) {
        s.total = m.total;
        progress();
      }
    });
    counter.on('error', () => {});
    counter.unref();
  }

  const pendingSources = new Set<string>();
  const pendingHashes = new Set<string>();
  const inflight: Planned[] = [];
  let buffer: Candidate[] = [];

  const analyzeTasks = (cands: Candidate[]): Promise<AnalysisResult[]> => {
    const dedup = dupsReady !== undefined;
    const tasks: AnalysisTask[] = cands.map((c) => ({ id: c.record.id, text: c.text, meta: c.record.meta as AnalysisTask['meta'], dedup }));
    if (pool) return pool.run({ items: tasks }) as Promise<AnalysisResult[]>;
    return Promise.resolve(analyzeBatch(tasks));
  };

  const commitHead = async (): Promise<void> => {
    const head = inflight.shift()!;
    let results: AnalysisResult[];
    try {
      results = await head.analysis;
    } catch (e) {
      results = head.items.map(() => ({ error: `analysis worker failed: ${(e as Error)?.message ?? e}` }));
    }
    const batch: BatchItem[] = [];
    const kept: Candidate[] = [];
    for (const it of head.items) {
      const c = it.c;
      const source = {
        key: c.key,
        recordId: c.record.id,
        hash: c.hash,
        origin: c.record.meta.origin,
        url: c.record.meta.url,
        outlet: c.record.meta.outlet,
        date: c.record.meta.date,
      };
      if (it.kind === 'source') {
        batch.push({ kind: 'source', source });
        kept.push(c);
        continue;
      }
      const r = results[it.slot];
      if (!r || 'error' in r) {
        fail({ origin: c.record.meta.origin, code: 'ISNAD_ANALYSIS_FAILED', reason: r && 'error' in r ? r.error : 'no result' });
        pendingSources.delete(c.key);
        pendingHashes.delete(c.hash);
        continue;
      }
      batch.push({ kind: 'article', source, text: c.text, meta: c.record.meta, analysis: r });
      kept.push(c);
    }
    dups ??= await dupsReady;
    const outcomes = batch.length > 0 ? await store.writeBatch(batch, dups ? { dedup: dups.hook(batch) } : {}) : [];
    outcomes.forEach((o, i) => {
      const c = kept[i]!;
      pendingSources.delete(c.key);
      pendingHashes.delete(c.hash);
      if (o === 'ingested') s.ingested++;
      else if (o === 'duplicate') s.duplicates++;
      else if (o === 'already') s.already++;
      else {
        fail({ origin: c.record.meta.origin, code: 'ISNAD_STORE_SKIPPED', reason: o.failed });
        return;
      }
      s.done++;
    });
    progress();
  };

  const dispatch = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const found = await store.lookup(
      batch.map((c) => c.key),
      batch.map((c) => c.hash),
    );
    const planned: Planned = { items: [], analysis: Promise.resolve([]) };
    const toAnalyze: Candidate[] = [];
    for (const c of batch) {
      if (found.sources.has(c.key) || pendingSources.has(c.key)) {
        s.already++;
        s.done++;
        continue;
      }
      pendingSources.add(c.key);
      if (found.hashes.has(c.hash) || pendingHashes.has(c.hash)) {
        planned.items.push({ kind: 'source', c });
        continue;
      }
      pendingHashes.add(c.hash);
      planned.items.push({ kind: 'article', c, slot: toAnalyze.length });
      toAnalyze.push(c);
    }
    if (planned.items.length === 0) {
      progress();
      return;
    }
    if (toAnalyze.length > 0) planned.analysis = analyzeTasks(toAnalyze);
    planned.analysis.catch(() => {}); // handled in commitHead
    inflight.push(planned);
    while (inflight.length >= maxInflight) await commitHead();
  };

  let read = 0;
  try {
    outer: for (const source of sources) {
      const prefix = sourcePrefix(source);
      const stats = { records: 0, failed: 0, skipped: 0, skippedBy: {} as Record<string, number> };
      const opts: Parameters<typeof readSource>[1] = { stats };
      if (options.format !== undefined) opts.format = options.format;
      if (options.encoding !== undefined) opts.encoding = options.encoding;
      const reader = readSource(sourcePath(source), opts);
      try {
        for (;;) {
          let next: IteratorResult<Awaited<ReturnType<typeof reader.next>>['value']>;
          try {
            next = await reader.next();
          } catch (e) {
            // the source itself cannot be read (not found, fetch failed): report it, go on with the next
            const err = e as { code?: string; message?: string };
            fail({ origin: source, code: err.code ?? 'ISNAD_INGEST_READ', reason: err.message ?? String(e) });
            break;
          }
          if (next.done) break;
          const r = next.value;
          if (options.signal?.aborted) {
            s.interrupted = true;
            break outer;
          }
          if (!r.ok) {
            fail({ origin: r.origin, code: r.code, reason: r.reason });
            continue;
          }
          const text = storableText(r.record.text);
          const record: SourceRecord = { ...r.record, text, meta: cleanMeta(r.record.meta) };
          buffer.push({ key: sourceKey(prefix, r.record.id), hash: contentHash(text), text, record });
          if (buffer.length >= batchSize) await dispatch();
          if (options.limit !== undefined && ++read >= options.limit) break outer;
        }
      } finally {
        await reader.return(undefined).catch(() => {});
        for (const [k, v] of Object.entries(stats.skippedBy)) s.skippedBy[k] = (s.skippedBy[k] ?? 0) + v;
      }
    }
    if (options.signal?.aborted) s.interrupted = true;
    await dispatch();
    while (inflight.length > 0) await commitHead();
    dups ??= await dupsReady;
    if (!s.interrupted && s.ingested >= (options.optimizeAfter ?? 1000)) await store.optimize();
  } finally {
    // never leave analysis running behind a failed write
    inflight.length = 0;
    await counter?.terminate();
    await pool?.destroy();
  }
  if (dups) s.dups = dups.stats();
  progress();
  return s;
}
