/** Shared helpers for the benchmarks: corpus loading, timing, memory and table output. */
import { dataDir, readCorpus, type CorpusName } from '../ingest/corpus/index.js';

export interface Article {
  id: string;
  text: string;
}

export async function loadArticles(corpus: CorpusName, limit: number): Promise<Article[]> {
  if (!dataDir()) {
    console.error('bench: no shared data (set ISNAD_DATA or put it at ../shared); nothing to measure');
    process.exit(1);
  }
  const out: Article[] = [];
  for await (const r of readCorpus(corpus, { limit })) out.push({ id: r.id, text: r.text });
  return out;
}

export function utf8Bytes(articles: readonly Article[]): number {
  let n = 0;
  for (const a of articles) n += Buffer.byteLength(a.text, 'utf8');
  return n;
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function heapMB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: string | number): string => (typeof v === 'number' ? fmt(v) : v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]!).length)));
  const line = (vals: string[]): string => '| ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(cols), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map((r) => line(cols.map((c) => cell(r[c]!))))].join('\n');
}
