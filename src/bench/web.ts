/**
 * bench:web — first page load of the web app in chromium over loopback: a fresh browser context
 * each time (nothing cached), the server in a child process. Reports the navigation timing
 * (response end, DOMContentLoaded, load) and the time until the page shows its content, for the
 * home page, a search and an article.
 *
 * Bar: first page load under 1 s on loopback.
 *
 * Usage: npm run bench:web -- --db artifacts/bench.db [--runs 5] [--json artifacts/bench-web.json]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { fmt, table } from './util.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string' }, json: { type: 'string' }, chromium: { type: 'string' }, index: { type: 'string' } } });
const db = values.db ?? 'artifacts/bench.db';
const runs = Number(values.runs ?? 5);
const CHROMIUM = values.chromium ?? process.env.ISNAD_CHROMIUM ?? '/usr/bin/chromium';
const BIN = fileURLToPath(new URL('../../bin/isnad.js', import.meta.url));

for (const [what, path] of [['database', db], ['chromium', CHROMIUM]] as const) {
  if (!existsSync(path)) {
    console.error(`bench:web: no ${what} at ${path}`);
    process.exit(1);
  }
}

// --index wait: the server listens once its search index is read, so the loads measure pages, not the seconds after a start
const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--index', values.index ?? 'wait'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    const m = / at (http:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]!);
  });
  child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

// an article id and a query from the collection itself
const firstHit = (await (await fetch(`${base}api/search?q=${encodeURIComponent('الحكومة')}`)).json()) as { hits: Array<{ id: string }> };
const pages: Array<[string, string, string]> = [
  ['home', '#/', '.overview .counts'],
  ['search', `#/search?q=${encodeURIComponent('الحكومة')}`, '.hit'],
  ['article', `#/article/${encodeURIComponent(firstHit.hits[0]?.id ?? 'none')}`, '.reader .attr-panel'],
];

const rows: Array<Record<string, string | number>> = [];
const report: Record<string, unknown>[] = [];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  for (const [name, hash, ready] of pages) {
    const m: Record<'responseEnd' | 'domContentLoaded' | 'load' | 'content', number[]> = { responseEnd: [], domContentLoaded: [], load: [], content: [] };
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + hash, { waitUntil: 'load' });
      await page.waitForSelector(ready);
      const t = await page.evaluate(() => {
        // runs in the page: the browser's navigation entry (typed here by hand: this file compiles with Node's types)
        const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as { responseEnd: number; domContentLoadedEventEnd: number; loadEventEnd: number };
        return { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, content: performance.now() };
      });
      for (const k of Object.keys(m) as Array<keyof typeof m>) m[k].push(t[k]);
      await context.close();
    }
    const r = {
      page: name,
      runs,
      responseEnd: +median(m.responseEnd).toFixed(1),
      domContentLoaded: +median(m.domContentLoaded).toFixed(1),
      load: +median(m.load).toFixed(1),
      content: +median(m.content).toFixed(1),
      contentMax: +Math.max(...m.content).toFixed(1),
    };
    report.push(r);
    rows.push({ page: name, runs, 'response end': `${fmt(r.responseEnd, 1)} ms`, DOMContentLoaded: `${fmt(r.domContentLoaded, 1)} ms`, load: `${fmt(r.load, 1)} ms`, 'content shown (median)': `${fmt(r.content, 1)} ms`, 'content shown (max)': `${fmt(r.contentMax, 1)} ms` });
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
console.log(`\nbench:web on ${db}: first load in a fresh context, loopback (times from navigation start)\n`);
console.log(table(rows));
const out = values.json ?? 'artifacts/bench-web.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ db, runs, results: report }, null, 2) + '\n');
console.log(`\nwritten to ${out}`);
