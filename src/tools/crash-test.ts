/**
 * The ingest crash test (npm run test:crash; run by CI): a child process ingesting is killed with
 * SIGKILL mid-run — twice —, then the same command is run again. It must complete; the collection
 * must hold exactly one article per distinct text of the source (source records minus exact
 * duplicates) and one source row per record; no text may be stored twice; SQLite's and FTS5's
 * integrity checks must pass; and a further run must add nothing.
 *
 * Source: the first N records of ANT Jawhara FM when the shared data is there (default 3,000), else
 * a collection generated from the composed test articles (test/fixtures), with exact duplicates.
 * With --pg (or $ISNAD_TEST_PG set and reachable) the same test runs against PostgreSQL too.
 *
 * Usage: node dist/tools/crash-test.js [--limit 3000] [--pg] [--keep]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { contentHash, storableText } from '../collection/hash.js';
import { corpusPath, dataDir } from '../ingest/corpus/index.js';
import { readSource } from '../ingest/index.js';

const { values } = parseArgs({ options: { limit: { type: 'string' }, pg: { type: 'boolean' }, keep: { type: 'boolean' } } });
const LIMIT = Number(values.limit ?? 3000);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/collection-main.js');
const work = mkdtempSync(join(tmpdir(), 'isnad-crash-'));

function log(s: string): void {
  process.stdout.write(`crash-test: ${s}\n`);
}

/** A source: the shared corpus, or a generated JSON-lines file with exact duplicates. */
function source(): { path: string; what: string } {
  const jawhara = dataDir() ? corpusPath('ant-jawharafm') : undefined;
  if (jawhara) return { path: jawhara, what: `ANT Jawhara FM, first ${LIMIT} records` };
  const fixture = readFileSync(join(ROOT, 'test/fixtures/collection.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string });
  const sentences = fixture.flatMap((r) => r.text.split(/(?<=\.)\s+|\n/).filter((s) => s.trim().length > 10));
  let seed = 12345;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines: string[] = [];
  for (let i = 0; i < LIMIT; i++) {
    const dup = i > 10 && next() < 0.05;
    const text = dup
      ? (JSON.parse(lines[Math.floor(next() * lines.length)]!) as { text: string }).text
      : Array.from({ length: 3 + Math.floor(next() * 5) }, () => sentences[Math.floor(next() * sentences.length)]).join(' ') + ` (${i})`;
    lines.push(JSON.stringify({ id: `gen-${i}`, text, outlet: ['أ', 'ب', 'ج'][i % 3], date: `2018-0${1 + (i % 9)}-1${i % 10}` }));
  }
  const path = join(work, 'generated.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, what: `${LIMIT} generated records (no shared data)` };
}

/** What the collection must hold: one article per distinct text, one source per record. */
async function expected(path: string): Promise<{ records: number; distinct: number }> {
  const hashes = new Set<string>();
  let records = 0;
  for await (const r of readSource(path, { limit: LIMIT })) {
    if (!r.ok) continue;
    records++;
    hashes.add(contentHash(storableText(r.record.text)));
  }
  return { records, distinct: hashes.size };
}

interface Target {
  name: string;
  db: string;
  counts(): Promise<{ articles: number; sources: number; duplicateHashes: number; duplicateDocIds: number }>;
  integrity(): Promise<string>;
  close(): Promise<void>;
}

function sqliteTarget(): Target {
  const db = join(work, 'crash.db');
  return {
    name: 'SQLite',
    db,
    async counts() {
      try {
        const d = new Database(db, { readonly: true, fileMustExist: true });
        try {
          const one = (sql: string): number => (d.prepare(sql).pluck().get() as number | undefined) ?? 0;
          return {
            articles: one('SELECT count(*) FROM articles'),
            sources: one('SELECT count(*) FROM sources'),
            duplicateHashes: one('SELECT count(*) FROM (SELECT hash FROM articles GROUP BY hash HAVING count(*) > 1)'),
            duplicateDocIds: one('SELECT count(*) FROM (SELECT doc_id FROM articles GROUP BY doc_id HAVING count(*) > 1)'),
          };
        } finally {
          d.close();
        }
      } catch {
        return { articles: 0, sources: 0, duplicateHashes: 0, duplicateDocIds: 0 }; // not created yet
      }
    },
    async integrity() {
      const d = new Database(db);
      try {
        const ok = d.pragma('integrity_check', { simple: true }) as string;
        d.exec(`INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 0)`);
        const fts = d.prepare('SELECT count(*) FROM article_fts').pluck().get() as number;
        const articles = d.prepare('SELECT count(*) FROM articles').pluck().get() as number;
        return ok === 'ok' && fts === articles ? 'ok' : `integrity_check ${ok}, ${fts} index rows for ${articles} articles`;
      } finally {
        d.close();
      }
    },
    async close() {},
  };
}

async function pgTarget(): Promise<Target | undefined> {
  const base = process.env.ISNAD_TEST_PG || 'postgres://isnad:isnad@localhost:5432/isnad_test';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (e) {
    log(`PostgreSQL skipped: no server at ${base.replace(/:[^:@/]*@/, ':***@')} (${(e as Error).message})`);
    return undefined;
  }
  const schema = `isnad_crash_${process.pid}`;
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const q = async (sql: string): Promise<number> => {
    try {
      return Number((await admin.query(sql.replace(/\b(articles|sources)\b/g, `${schema}.$1`))).rows[0]?.n ?? 0);
    } catch {
      return 0; // tables not created yet
    }
  };
  return {
    name: 'PostgreSQL',
    db: u.toString(),
    async counts() {
      return {
        articles: await q('SELECT count(*) AS n FROM articles'),
        sources: await q('SELECT count(*) AS n FROM sources'),
        duplicateHashes: await q('SELECT count(*) AS n FROM (SELECT hash FROM articles GROUP BY hash HAVING count(*) > 1) x'),
        duplicateDocIds: await q('SELECT count(*) AS n FROM (SELECT doc_id FROM articles GROUP BY doc_id HAVING count(*) > 1) x'),
      };
    },
    async integrity() {
      const r = await admin.query(`SELECT (SELECT n_articles FROM ${schema}.stats) AS s, (SELECT count(*) FROM ${schema}.articles) AS a`);
      const { s, a } = r.rows[0] as { s: string; a: string };
      return s === a ? 'ok' : `stats row says ${s} articles, the table holds ${a}`;
    },
    async close() {
      if (!values.keep) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Runs the ingest command; with `killAt`, SIGKILLs it once that many sources are stored. */
function runIngest(t: Target, path: string, killAt?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'ingest', path, '--db', t.db, '--limit', String(LIMIT), '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killAt !== undefined) {
      const poll = async (): Promise<void> => {
        if (child.exitCode !== null) return;
        const c = await t.counts();
        if (c.sources >= killAt) {
          // a little later, so the kill may land inside a batch's transaction as well as between two
          timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 250));
          return;
        }
        timer = setTimeout(() => void poll(), 100);
      };
      timer = setTimeout(() => void poll(), 100);
    }
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

async function crashTest(t: Target, path: string, want: { records: number; distinct: number }): Promise<string[]> {
  const failures: string[] = [];
  const check = (ok: boolean, what: string): void => {
    log(`${t.name}: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(`${t.name}: ${what}`);
  };
  const kills = [Math.floor(want.records * 0.3), Math.floor(want.records * 0.65)];
  let last = 0;
  for (const at of kills) {
    const r = await runIngest(t, path, at);
    const c = await t.counts();
    check(r.signal === 'SIGKILL', `killed with SIGKILL mid-run (at ${c.sources.toLocaleString('en-US')} of ${want.records.toLocaleString('en-US')} records stored)`);
    check(c.sources > last && c.sources < want.records, `the killed run committed some of the work, not all (${last} → ${c.sources})`);
    check(c.duplicateHashes === 0 && c.duplicateDocIds === 0, 'no text stored twice after the kill');
    last = c.sources;
  }
  const done = await runIngest(t, path);
  check(done.code === 0, `the re-run completes (exit ${done.code}): ${done.output.trim().split('\n')[0]}`);
  const c = await t.counts();
  check(c.articles === want.distinct, `articles = source records − exact duplicates: ${c.articles} = ${want.records} − ${want.records - want.distinct}`);
  check(c.sources === want.records, `one source row per record: ${c.sources} = ${want.records}`);
  check(c.duplicateHashes === 0 && c.duplicateDocIds === 0, 'no document stored twice (hashes and doc ids unique)');
  check((await t.integrity()) === 'ok', `integrity: ${await t.integrity()}`);
  const again = await runIngest(t, path);
  check(again.code === 0 && /ingested 0 articles · 0 exact duplicates/.test(again.output) && (await t.counts()).articles === want.distinct, 'a further run adds nothing');
  return failures;
}

const src = source();
log(`source: ${src.what}`);
const want = await expected(src.path);
log(`expected: ${want.records} records, ${want.distinct} distinct texts (${want.records - want.distinct} exact duplicates)`);
const targets: Target[] = [sqliteTarget()];
if (values.pg || process.env.ISNAD_TEST_PG) {
  const p = await pgTarget();
  if (p) targets.push(p);
}
const failures: string[] = [];
const report: Record<string, unknown> = { source: src.what, ...want, targets: [] as unknown[] };
for (const t of targets) {
  const t0 = performance.now();
  const f = await crashTest(t, src.path, want);
  failures.push(...f);
  (report.targets as unknown[]).push({ name: t.name, ok: f.length === 0, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)), failures: f });
  await t.close();
}
mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
writeFileSync(join(ROOT, 'artifacts/crash-test.json'), JSON.stringify(report, null, 2) + '\n');
if (!values.keep) rmSync(work, { recursive: true, force: true });
log(failures.length === 0 ? `PASS (${targets.map((t) => t.name).join(', ')})` : `FAIL: ${failures.length} check(s) failed`);
process.exitCode = failures.length === 0 ? 0 : 1;
