/**
 * The ingest run in a thread of its own (see run.ts): opens the store, ingests, reports progress
 * and the summary to the thread that started it, and stops reading when told to abort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/store.js';
import { INGEST_CACHE_MB } from './run.js';
import { ingest, type IngestOptions } from './ingest.js';

export interface IngestJob {
  sources: string[];
  location: string | undefined;
  options: Omit<IngestOptions, 'signal' | 'onProgress'>;
}

export type IngestMessage =
  | { kind: 'open'; location: string }
  | { kind: 'progress'; progress: Parameters<NonNullable<IngestOptions['onProgress']>>[0] }
  | { kind: 'done'; summary: Awaited<ReturnType<typeof ingest>> }
  | { kind: 'error'; name: string; message: string; code?: string };

const port = parentPort!;
const job = workerData as IngestJob;
const ac = new AbortController();
port.on('message', (m) => {
  if (m === 'abort') ac.abort();
});
const post = (m: IngestMessage): void => port.postMessage(m);

try {
  const store = await openStore(job.location, { cacheMb: INGEST_CACHE_MB });
  post({ kind: 'open', location: store.location });
  try {
    const summary = await ingest(job.sources, store, { ...job.options, signal: ac.signal, onProgress: (progress) => post({ kind: 'progress', progress }) });
    post({ kind: 'done', summary });
  } finally {
    await store.close();
  }
} catch (e) {
  const err = e as { name?: string; message?: string; code?: string };
  post({ kind: 'error', name: err.name ?? 'Error', message: err.message ?? String(e), code: err.code });
} finally {
  port.close();
}
