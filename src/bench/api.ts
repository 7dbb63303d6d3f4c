/**
 * bench:api — latency of the HTTP API under load. The server runs in a child process (`isnad
 * serve`); this process generates the load with autocannon over loopback: 50 connections by
 * default, each sending its next request as soon as the last is answered (closed loop), for a
 * fixed time per scenario:
 *
 *   articles   GET /api/articles/{id}, ids drawn at random from a pool of stored articles
 *   search     GET /api/search?q=…, queries drawn from a pool of words, names, speakers and filters
 *   drawn      GET /api/search?q=…, 1,000 queries drawn from the collection itself (src/bench/queries.ts,
 *              the mix bench:search times: words, common words, pairs, phrases, exclusions, filters)
 *   facets     GET /api/facets?q=…, the first pool
 *
 * each with the server's response cache off (every request reaches the store or the in-memory
 * index) and on. One pass over the pool (it fills the cache when it is on) and --warmup seconds of
 * the same load, not measured (default 3: the JIT optimizes the server's code in its first seconds
 * under load; --warmup 0 measures a cold server), precede each measured load. Latency percentiles
 * are computed from every response's time.
 *
 * Bar: p95 < 50 ms for search and article requests with 50 concurrent clients, no errors.
 *
 * The server keeps its in-memory search index (isnad serve --index): the load starts once it is
 * read (--index wait); --index off measures the store's SQL alone.
 *
 * With --rate R the load is open: requests arrive at R a second in all, at random moments (Poisson
 * arrivals, like people who read between requests), over at most --connections kept-alive
 * connections, whatever the server's answers take; each latency is counted from the moment its
 * request was due, so a server falling behind shows in it (no coordinated omission). autocannon's
 * own rate limit is not used: it sends each second's requests in a burst at the start of the second.
 *
 * Usage: npm run bench:api -- --db artifacts/bench.db [--connections 50] [--duration 10] [--warmup 3] [--rate R] [--workers N] [--index wait|off]
 *        [--cache off|on|both] [--scenarios articles,search,facets] [--json artifacts/bench-api.json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { isPostgresUrl } from '../store/store.js';
import { queryGenerator } from './queries.js';
import { fmt, table } from './util.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    cache: { type: 'string' },
    scenarios: { type: 'string' },
    json: { type: 'string' },
    rate: { type: 'string' },
    workers: { type: 'string' },
    index: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const warmup = Number(values.warmup ?? 3);
const indexMode = values.index ?? 'wait';
if (indexMode !== 'wait' && indexMode !== 'off') {
  console.error(`bench:api: --index must be wait or off, got "${indexMode}"`);
  process.exit(1);
}
const db = values.db ?? 'artifacts/bench.db';
const connections = Number(values.connections ?? 50);
const duration = Number(values.duration ?? 10);
const cacheModes = values.cache === 'both' || values.cache === undefined ? ['off', 'on'] : [values.cache];
const scenarios = (values.scenarios ?? 'articles,search,drawn,facets').split(',');
// --rate R: an open load of R requests a second in all (see the header)
const rate = values.rate !== undefined ? Number(values.rate) : undefined;
const loop = rate !== undefined ? `open loop, ${rate} requests/s in all` : 'closed loop';
const BIN = fileURLToPath(new URL('../../bin/isnad.js', import.meta.url));

if (!isPostgresUrl(db) && !existsSync(db)) {
  console.error(`bench:api: no database at ${db}; build one with npm run bench:ingest (or pass --db)`);
  process.exit(1);
}

/** Words of Arabic news, common and less common: the search pool's plain queries. */
const WORDS = [
  'الحكومة', 'الرئيس', 'وزير', 'الأمن', 'النفط', 'الاقتصاد', 'الانتخابات', 'البرلمان', 'الجيش', 'المعارضة',
  'اللاجئين', 'التعليم', 'الصحة', 'المستشفى', 'الطاقة', 'الاستثمار', 'البنك', 'الأسعار', 'التضخم', 'الميزانية',
  'المياه', 'الزراعة', 'الكهرباء', 'السياحة', 'الإرهاب', 'المفاوضات', 'الاتفاق', 'الحدود', 'الشرطة', 'المحكمة',
  'الرياض', 'القاهرة', 'تونس', 'بغداد', 'دمشق', 'بيروت', 'عمان', 'الجزائر', 'صنعاء', 'طرابلس',
  'السعودية', 'مصر', 'العراق', 'سوريا', 'اليمن', 'ليبيا', 'إيران', 'تركيا', 'روسيا', 'أمريكا',
  'كرة القدم', 'المنتخب', 'الدوري', 'المهرجان', 'الثقافة', 'الجامعة', 'الطلاب', 'الشباب', 'المرأة', 'الأطفال',
];
const PHRASES = ['"ولي العهد"', '"الأمم المتحدة"', '"مجلس الأمن"', '"وزارة الخارجية"', '"رئيس الوزراء"', '"البنك المركزي"', '"حقوق الإنسان"', '"وقف إطلاق النار"'];

interface Sample {
  latencies: number[];
  errors: number;
  non2xx: number;
  requests: number;
  seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

let serverWorkers = 'one process';

async function startServer(cacheMb: number): Promise<{ child: ChildProcess; base: string }> {
  const args = [BIN, 'serve', '--db', db, '--port', '0', '--cache-mb', String(cacheMb), '--index', indexMode, ...(values.workers ? ['--workers', values.workers] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = / at (http:\/\/\S+)/.exec(err);
      if (m) {
        serverWorkers = / — (\d+ worker processes)/.exec(err)?.[1] ?? 'one process';
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { child, base };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Queries and article ids for the load, taken from the collection itself. */
async function pools(base: string): Promise<{ queries: string[]; ids: string[] }> {
  const stats = await getJson<{ facets: { outlet: Array<{ value: string }>; month: Array<{ value: string }>; speaker: Array<{ value: string }>; entity: Array<{ value: string }> } }>(`${base}api/stats`);
  const quote = (s: string) => `"${s.replace(/["“”«»]/g, ' ').trim()}"`;
  const queries = [
    ...WORDS,
    ...PHRASES,
    ...WORDS.slice(0, 20).map((w, i) => `${w} ${WORDS[(i * 7 + 3) % WORDS.length]}`),
    ...stats.facets.entity.slice(0, 15).map((e) => `entity:${quote(e.value)}`),
    ...stats.facets.speaker.slice(0, 15).map((s) => `speaker:${quote(s.value)}`),
    ...stats.facets.outlet.slice(0, 5).map((o, i) => `${WORDS[i]} outlet:${quote(o.value)}`),
    ...stats.facets.month.slice(0, 5).map((m, i) => `${WORDS[i + 10]} date:${m.value}`),
    ...WORDS.slice(0, 10).map((w) => `${w} type:direct`),
  ];
  const ids = new Set<string>();
  for (const q of queries.slice(0, 60)) {
    const r = await getJson<{ hits: Array<{ id: string }> }>(`${base}api/search?${new URLSearchParams({ q, size: '20' })}`);
    for (const h of r.hits) ids.add(h.id);
  }
  return { queries, ids: [...ids] };
}

/** Queries drawn from the collection (a SQLite file), as bench:search draws them. */
function drawnQueries(n: number): string[] {
  const raw = new Database(db, { readonly: true });
  try {
    return queryGenerator(raw, 2018)
      .makeQueries(n)
      .map((x) => x.q);
  } finally {
    raw.close();
  }
}

/** The open load: Poisson arrivals at `perSecond`, each request on a pooled keep-alive connection. */
async function openLoad(base: string, paths: readonly string[], perSecond: number, duration: number): Promise<Sample> {
  // fifo: free connections are used in turn, as many clients would, not the last one again (the cluster spreads connections, not requests, over its processes)
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const t0 = performance.now();
  const end = t0 + duration * 1000;
  const pending = new Set<Promise<void>>();
  let due = t0;
  while (due < end) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const at = due;
    const path = paths[Math.floor(Math.random() * paths.length)]!;
    const p = new Promise<void>((resolve) => {
      const req = http.get(base + path.slice(1), { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          latencies.push(performance.now() - at);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
    pending.add(p);
    void p.then(() => pending.delete(p));
    due += (-Math.log(1 - Math.random()) / perSecond) * 1000;
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, errors, non2xx, requests: latencies.length, seconds };
}

async function load(base: string, paths: readonly string[], duration: number): Promise<Sample> {
  if (rate !== undefined) return openLoad(base, paths, rate, duration);
  const latencies: number[] = [];
  const pick = (): string => paths[Math.floor(Math.random() * paths.length)]!;
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration, requests: [{ setupRequest: (req) => ({ ...req, path: pick() }) }] },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, errors: result.errors + result.timeouts, non2xx: result.non2xx, requests: latencies.length, seconds };
}

const rows: Array<Record<string, string | number>> = [];
const report: Record<string, unknown>[] = [];
for (const mode of cacheModes) {
  const { child, base } = await startServer(mode === 'on' ? 64 : 0);
  try {
    const { queries, ids } = await pools(base);
    const paths: Record<string, string[]> = {
      articles: ids.map((id) => `/api/articles/${encodeURIComponent(id)}`),
      search: queries.flatMap((q) => [`/api/search?${new URLSearchParams({ q })}`, `/api/search?${new URLSearchParams({ q, page: '2' })}`]),
      facets: queries.map((q) => `/api/facets?${new URLSearchParams({ q })}`),
      drawn: scenarios.includes('drawn') && !isPostgresUrl(db) ? drawnQueries(1000).map((q) => `/api/search?${new URLSearchParams({ q })}`) : [],
    };
    for (const name of scenarios) {
      const list = paths[name];
      if (!list) throw new Error(`unknown scenario "${name}"; use articles, search, drawn, facets`);
      if (list.length === 0) {
        console.error(`bench:api: ${name} skipped: queries are drawn from a SQLite collection, not from ${db}`);
        continue;
      }
      // one pass over the pool first (with the cache on, it fills the cache), then --warmup seconds of
      // the same load, not measured: a server just started runs its code unoptimized until the JIT has
      // seen it, which is a start-up cost, not the steady state this measures
      for (const p of list) await fetch(base + p.slice(1)).then((r) => r.arrayBuffer());
      if (warmup > 0) await load(base, list, warmup);
      console.error(`bench:api: ${name}, cache ${mode}: ${list.length} distinct requests, ${connections} connections, ${duration} s …`);
      const s = await load(base, list, duration);
      const r = {
        scenario: name,
        cache: mode,
        distinct: list.length,
        requests: s.requests,
        rps: Math.round(s.requests / s.seconds),
        p50: +percentile(s.latencies, 50).toFixed(1),
        p95: +percentile(s.latencies, 95).toFixed(1),
        p99: +percentile(s.latencies, 99).toFixed(1),
        max: +(s.latencies[s.latencies.length - 1] ?? NaN).toFixed(1),
        errors: s.errors,
        non2xx: s.non2xx,
      };
      report.push(r);
      rows.push({ ...r, p50: `${fmt(r.p50, 1)} ms`, p95: `${fmt(r.p95, 1)} ms`, p99: `${fmt(r.p99, 1)} ms`, max: `${fmt(r.max, 1)} ms` });
    }
  } finally {
    child.kill('SIGTERM');
  }
}
console.log(`\nbench:api on ${db}, ${connections} connections, ${duration} s per scenario after ${warmup} s of warm-up (${loop}, loopback, server: ${serverWorkers}, search index ${indexMode === 'off' ? 'off: SQL' : 'in memory'})\n`);
console.log(table(rows));
const out = values.json ?? 'artifacts/bench-api.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ db, connections, duration, warmup, rate: rate ?? null, server: serverWorkers, index: indexMode, results: report }, null, 2) + '\n');
console.log(`\nwritten to ${out}`);
