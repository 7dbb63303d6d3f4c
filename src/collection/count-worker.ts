/**
 * Counts the records of the ingest's sources in a thread of its own, so the progress bar can show
 * an ETA while the main thread feeds the analysis workers. Reads with the same readers; posts the
 * total when done (or an error message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSource, type SourceFormat } from '../ingest/index.js';

interface CountJob {
  sources: string[];
  format?: SourceFormat;
  encoding?: string;
  limit?: number;
}

async function count(job: CountJob): Promise<number> {
  let n = 0;
  for (const source of job.sources) {
    const opts: Parameters<typeof readSource>[1] = {};
    if (job.format !== undefined) opts.format = job.format;
    if (job.encoding !== undefined) opts.encoding = job.encoding;
    try {
      for await (const r of readSource(source, opts)) {
        if (r.ok) n++;
        if (job.limit !== undefined && n >= job.limit) return n;
      }
    } catch {
      // the main thread reports unreadable sources
    }
  }
  return n;
}

count(workerData as CountJob).then(
  (total) => parentPort?.postMessage({ total }),
  (e: unknown) => parentPort?.postMessage({ error: String(e) }),
);
