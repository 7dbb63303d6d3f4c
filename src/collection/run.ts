/**
 * Ingesting into a collection by its location, as the CLI and the benchmark do: the whole run —
 * reading, the write transactions, the analysis pool it starts — goes in a thread of its own with a
 * bounded heap, so V8 collects the run's garbage (decoded archives, analysis results) early instead
 * of letting the heap grow: the process stays well under 1 GB on the full corpora. The calling
 * thread only relays progress and Ctrl-C. Without the compiled thread module (running from src/
 * under a test runner) the run happens in the calling thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreError, openStore } from '../store/store.js';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';
import type { IngestJob, IngestMessage } from './ingest-worker.js';

/** SQLite page cache of the ingest's connection, in MB: it mostly appends, and its memory counts. */
export const INGEST_CACHE_MB = 16;

/** Heap limits of the ingest thread: the run's live data is small (batches in flight, statements). */
export const RUN_HEAP_MB = 128;

export interface RunOptions extends IngestOptions {
  /** run in the calling thread even when the ingest thread is available */
  inThread?: boolean;
  /** told the collection's printable location once it is open */
  onOpen?: (location: string) => void;
}

function runnerFile(): string | undefined {
  const here = fileURLToPath(new URL('./ingest-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const dist = here.replace(/([\\/])src([\\/])collection([\\/])/, '$1dist$2collection$3');
  return existsSync(dist) ? dist : undefined;
}

/** Ingests `sources` into the collection at `location` (a SQLite path or a PostgreSQL URL; default isnad.db). */
export async function ingestInto(location: string | undefined, sources: readonly string[], options: RunOptions = {}): Promise<IngestSummary> {
  const file = options.inThread ? undefined : runnerFile();
  if (!file) {
    const store = await openStore(location, { cacheMb: INGEST_CACHE_MB });
    options.onOpen?.(store.location);
    try {
      return await ingest(sources, store, options);
    } finally {
      await store.close();
    }
  }
  const { signal, onProgress, onOpen, inThread: _inThread, ...rest } = options;
  const job: IngestJob = { sources: [...sources], location, options: rest };
  const worker = new Worker(file, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: RUN_HEAP_MB, maxYoungGenerationSizeMb: 8 } });
  const abort = (): void => worker.postMessage('abort');
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted) abort();
  try {
    return await new Promise<IngestSummary>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: IngestMessage) => {
        if (m.kind === 'open') onOpen?.(m.location);
        else if (m.kind === 'progress') onProgress?.(m.progress);
        else if (m.kind === 'done') {
          settled = true;
          resolve(m.summary);
        } else {
          settled = true;
          const e = m.name === 'StoreError' && m.code ? new StoreError(m.code, m.message) : Object.assign(new Error(m.message), { code: m.code });
          reject(e);
        }
      });
      worker.on('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`the ingest thread stopped (exit ${code}) before it finished`));
      });
    });
  } finally {
    signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}
