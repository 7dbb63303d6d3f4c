/**
 * bench:search — on the collection bench:ingest built (artifacts/bench.db):
 *
 * 1. Latency of 1,000 varied queries (seeded, drawn from the collection itself): single words
 *    drawn from a random article's distinct words, minus the collection's 150 most frequent keys —
 *    function words — which make a class of their own, 3% of the queries, reported apart as the
 *    worst case), two words, phrases of 2–3 consecutive words of running text, a word with an
 *    exclusion, words with outlet:/date: filters, entity:, speaker:, and filter-only queries.
 *    Each is a full `search()`: ranked ids, then snippets for the top 10. p50/p95/p99 overall and
 *    by kind, then the same with facets. Target: p95 < 30 ms.
 *
 * 2. Recall on orthographic-variant queries, side by side: our index (stems of normalized words)
 *    against SQLite FTS5 `unicode61` on the raw text and PostgreSQL's built-in `arabic`
 *    configuration on the raw text, over exactly the same articles.
 *
 *    Ground truth, independent of our analysis: a query word stands for a GROUP of surface forms,
 *    and the relevant articles are those containing any form of the group as a whole token, by
 *    exact string match (tokens from our tokenizer, which only splits on spaces and punctuation).
 *      - orthographic groups: words whose forms differ only in spelling — vowels, tatweel, alef
 *        forms أ إ آ ا, final ى/ي, ة/ه, hamza seats ؤ ئ ء — i.e. equal once `key`-normalized;
 *        groups with at least two forms in the collection;
 *      - clitic groups: a definite word (ال…) and its forms with the proclitics و ف ب ك ل (وال، بال،
 *        فال، كال، لل، وبال، وللـ …), each in any spelling as above.
 *    Each form of a group that occurs in the collection is issued as a query; recall is the share
 *    of the group's articles an engine returns, averaged over queries. We also report the share of
 *    returned articles outside the group ("extra"): a stemmer that also conflates inflections
 *    (السوري with السورية) returns more than the group, which this measure counts, not hides.
 *
 * 3. The same queries answered from the in-memory index `isnad serve` keeps
 *    (src/search/collection-index.ts): the time to read it, its size, its latency, and whether every
 *    answer — hits, scores, snippets, totals, facets — is the store's own.
 *
 * Usage: npm run bench:search [-- --db artifacts/bench.db --queries 1000 --no-recall --pg URL]
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { compileQuery } from '../search/query.js';
import { CollectionIndexBuilder } from '../search/collection-index.js';
import { IndexedSearcher } from '../search/indexed.js';
import { search, type Searcher } from '../search/search.js';
import { libmLn } from '../store/libm.js';
import { SqliteStore } from '../store/sqlite.js';
import { normalize, tokenize } from '../text/index.js';
import { rng } from '../ner/hash.js';
import { MIX, queryGenerator, type Kind } from './queries.js';
import { fmt, peakRssMB, table } from './util.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    queries: { type: 'string' },
    'no-recall': { type: 'boolean' },
    pg: { type: 'string' },
    seed: { type: 'string' },
    'recall-queries': { type: 'string' },
  },
});
const DB = values.db ?? 'artifacts/bench.db';
const N = Number(values.queries ?? 1000);
if (!existsSync(DB)) {
  console.error(`bench:search: no collection at ${DB}; run npm run bench:ingest first`);
  process.exit(1);
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const raw = new Database(DB, { readonly: true });
const maxId = raw.prepare('SELECT max(id) FROM articles').pluck().get() as number;
const { makeQueries } = queryGenerator(raw, Number(values.seed ?? 2018));
const words = (text: string): string[] => tokenize(text).filter((t) => t.kind === 'word').map((t) => text.slice(t.start, t.end));
const quoted = (s: string): string => `"${s.replace(/"/g, '')}"`;

const store = await SqliteStore.open(DB, { mustExist: true });
const queries = makeQueries(N);
const warm = makeQueries(50);
for (const { q } of warm) await search(store, q, { limit: 10, facets: true });

interface Timed {
  all: number[];
  byKind: Map<Kind, number[]>;
  totals: number[];
  /** each query's answer, to compare the two searchers */
  answers: string[];
}

async function timeAll(facets: boolean, searcher?: Searcher): Promise<Timed> {
  const all: number[] = [];
  const totals: number[] = [];
  const answers: string[] = [];
  const byKind = new Map<Kind, number[]>();
  for (const { kind, q } of queries) {
    const t0 = performance.now();
    const r = await search(store, q, { limit: 10, facets, ...(searcher ? { searcher } : {}) });
    const ms = performance.now() - t0;
    all.push(ms);
    totals.push(r.total);
    answers.push(JSON.stringify(r));
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push(ms);
  }
  return { all, byKind, totals, answers };
}

console.error(`bench:search — ${N} queries on ${DB} (${fmt(statSync(DB).size / 1024 / 1024, 1)} MB, ${fmt(maxId)} articles)`);
const plain = await timeAll(false);
const withFacets = await timeAll(true);
const rows: Array<Record<string, string | number>> = [];
const row = (name: string, a: number[], b: number[], totals?: number[]): void => {
  rows.push({
    queries: name,
    n: a.length,
    'median hits': totals ? fmt(pct(totals, 50)) : '',
    'p50 ms': fmt(pct(a, 50), 1),
    'p95 ms': fmt(pct(a, 95), 1),
    'p99 ms': fmt(pct(a, 99), 1),
    'max ms': fmt(Math.max(...a), 1),
    'p50 ms +facets': fmt(pct(b, 50), 1),
    'p95 ms +facets': fmt(pct(b, 95), 1),
  });
};
row('all', plain.all, withFacets.all, plain.totals);
for (const [kind] of MIX) {
  const idx = queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
  row(kind, idx.map((i) => plain.all[i]!), idx.map((i) => withFacets.all[i]!), idx.map((i) => plain.totals[i]!));
}
console.log('Latency (search: ranked ids + snippets of the top 10; +facets: outlet, month, top speakers and entities over all matches)');
console.log(table(rows));
const p95 = pct(plain.all, 95);
console.log(`bar: p95 < 30 ms ${p95 < 30 ? 'PASS' : 'FAIL'} (${fmt(p95, 1)} ms); with facets p95 ${fmt(pct(withFacets.all, 95), 1)} ms`);
console.log('examples:', queries.slice(0, 8).map((q) => q.q).join(' | '));

// The same queries answered from the in-memory index a server keeps (src/search/collection-index.ts):
// read from the store, then every answer compared with the store's, whole (hits, scores, snippets, facets)
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
collect();
const heapBefore = process.memoryUsage();
const t0 = performance.now();
const index = await (async () => {
  const builder = new CollectionIndexBuilder(); // dropped once built: what stays is the index
  await store.scanSearchData(builder);
  return builder.build();
})();
const readSeconds = (performance.now() - t0) / 1000;
collect();
const heapAfter = process.memoryUsage();
const indexed = new IndexedSearcher(index, store, libmLn);
for (const { q } of warm) await search(store, q, { limit: 10, facets: true, searcher: indexed });
const plainIx = await timeAll(false, indexed);
const facetsIx = await timeAll(true, indexed);
const differ = queries.filter((_, i) => plainIx.answers[i] !== plain.answers[i] || facetsIx.answers[i] !== withFacets.answers[i]).map((q) => q.q);
const ixRows: Array<Record<string, string | number>> = [];
const ixRow = (name: string, sql: number[], ix: number[], sqlF: number[], ixF: number[]): void => {
  ixRows.push({
    queries: name,
    n: sql.length,
    'SQL p50': fmt(pct(sql, 50), 2),
    'SQL p95': fmt(pct(sql, 95), 2),
    'index p50': fmt(pct(ix, 50), 2),
    'index p95': fmt(pct(ix, 95), 2),
    'index p99': fmt(pct(ix, 99), 2),
    'SQL p95 +facets': fmt(pct(sqlF, 95), 2),
    'index p95 +facets': fmt(pct(ixF, 95), 2),
  });
};
ixRow('all', plain.all, plainIx.all, withFacets.all, facetsIx.all);
for (const [kind] of MIX) {
  const idx = queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
  const at = (xs: number[]): number[] => idx.map((i) => xs[i]!);
  ixRow(kind, at(plain.all), at(plainIx.all), at(withFacets.all), at(facetsIx.all));
}
console.log(
  `\nIn-memory index (isnad serve keeps one): read from the store in ${fmt(readSeconds, 1)} s, ${fmt(index.postings)} postings, ${fmt(index.terms)} terms, ` +
    `typed arrays and packed strings ${fmt(index.bytes / 1e6)} MB, heap objects +${fmt((heapAfter.heapUsed - heapBefore.heapUsed) / 1e6)} MB after collection; latency in ms, same queries`,
);
console.log(table(ixRows));
console.log(`answers identical to the store's (hits, scores, snippets, totals, facets): ${queries.length - differ.length} of ${queries.length}${differ.length > 0 ? ` — differ: ${differ.slice(0, 5).join(' | ')}` : ''}`);

const result: Record<string, unknown> = {
  db: DB,
  queries: N,
  latency: { p50: pct(plain.all, 50), p95, p99: pct(plain.all, 99), facets: { p50: pct(withFacets.all, 50), p95: pct(withFacets.all, 95) } },
  index: {
    readSeconds,
    postings: index.postings,
    terms: index.terms,
    typedArrayMB: index.bytes / 1e6,
    latency: { p50: pct(plainIx.all, 50), p95: pct(plainIx.all, 95), p99: pct(plainIx.all, 99), facets: { p50: pct(facetsIx.all, 50), p95: pct(facetsIx.all, 95) } },
    identical: queries.length - differ.length,
    differ,
  },
};

/** Orthographic key: vowels, tatweel, alef forms, ى/ي, ة/ه, hamza seats merged (our `key` level). */
const ortho = (w: string): string => normalize(w, 'key');
const PROCLITICS = ['و', 'ف', 'ب', 'ك', 'وب', 'فب', 'وك', 'فك'];

if (!values['no-recall']) result.recall = await recallComparison();
await store.close();
const out = 'artifacts/bench-search.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.error(`peak RSS ${fmt(peakRssMB())} MB`);

// ————————————————————————————————————————————————————————————————— recall on variants

interface Group {
  kind: 'orthographic' | 'clitic';
  forms: string[];
}


async function recallComparison(): Promise<unknown> {
  const t0 = performance.now();
  // 1. surface forms of every article, by exact string
  const ids = raw.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
  const textById = raw.prepare('SELECT text FROM article_texts WHERE id = ?').pluck();
  const formsByOrtho = new Map<string, Map<string, number>>(); // ortho key → surface form → article count
  const docForms: string[][] = [];
  for (const id of ids) {
    const text = textById.get(id) as string;
    const fs = new Set(words(text));
    docForms.push([...fs]);
    for (const f of fs) {
      const k = ortho(f);
      let m = formsByOrtho.get(k);
      if (!m) formsByOrtho.set(k, (m = new Map()));
      m.set(f, (m.get(f) ?? 0) + 1);
    }
  }
  // 2. groups, drawn across frequencies (3 to 5,000 articles)
  const groups: Group[] = [];
  const orthoKeys = [...formsByOrtho.entries()].filter(([, m]) => m.size >= 2 && [...m.values()].reduce((a, b) => a + b, 0) >= 3);
  const R = Number(values['recall-queries'] ?? 200);
  const r2 = rng(99);
  const sample = <T>(xs: T[], n: number): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(r2() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, n);
  };
  const size = (forms: Iterable<string>): number => [...forms].reduce((n, f) => n + (formsByOrtho.get(ortho(f))?.get(f) ?? 0), 0);
  for (const [, m] of sample(orthoKeys, R * 3)) {
    if (groups.filter((g) => g.kind === 'orthographic').length >= R) break;
    const forms = [...m.keys()];
    if (size(forms) <= 5000) groups.push({ kind: 'orthographic', forms });
  }
  const definite = [...formsByOrtho.keys()].filter((k) => k.startsWith('ال') && k.length >= 5);
  for (const k of sample(definite, R * 20)) {
    if (groups.filter((g) => g.kind === 'clitic').length >= R) break;
    const bare = k.slice(2);
    const keys = [k, ...PROCLITICS.map((p) => p + k), 'لل' + bare, 'ولل' + bare, 'فلل' + bare];
    const forms = keys.flatMap((kk) => [...(formsByOrtho.get(kk)?.keys() ?? [])]);
    const withClitic = keys.slice(1).some((kk) => formsByOrtho.has(kk));
    if (withClitic && forms.length >= 2 && size(forms) <= 5000) groups.push({ kind: 'clitic', forms });
  }
  // 3. ground truth per group: articles holding any form
  const wanted = new Set(groups.flatMap((g) => g.forms));
  const docsOf = new Map<string, number[]>();
  docForms.forEach((fs, i) => {
    for (const f of fs) if (wanted.has(f)) (docsOf.get(f) ?? docsOf.set(f, []).get(f)!).push(ids[i]!);
  });
  console.error(`recall: ${groups.length} groups, ${[...wanted].length} query forms (ground truth built in ${fmt((performance.now() - t0) / 1000, 1)} s)`);

  // 4. the engines
  const ours = (q: string): number[] => {
    const plan = compileQuery(quoted(q));
    if (plan.phrases.length === 0) return [];
    return raw.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').pluck().all(`"${plan.phrases[0]!.join(' ')}"`) as number[];
  };
  // the comparison indexes are kept between runs, keyed by the collection's ids and hashes: a
  // collection ingested again gives its articles other ids, and a stale index would score nonsense
  const signature = createHash('sha256');
  for (const r of raw.prepare('SELECT id, hash FROM articles ORDER BY id').iterate() as Iterable<{ id: number; hash: string }>) signature.update(`${r.id}:${r.hash};`);
  const sig = signature.digest('hex').slice(0, 32);
  const rawPath = DB.replace(/\.db$/, '') + '-raw-unicode61.db';
  if (existsSync(rawPath)) {
    const r = new Database(rawPath, { readonly: true });
    const stale = (() => {
      try {
        return r.prepare('SELECT sig FROM collection').pluck().get() !== sig;
      } catch {
        return true;
      }
    })();
    r.close();
    if (stale) rmSync(rawPath, { force: true });
  }
  if (!existsSync(rawPath)) {
    const t1 = performance.now();
    for (const f of [rawPath, `${rawPath}-wal`]) rmSync(f, { force: true });
    const r = new Database(rawPath);
    r.exec("CREATE VIRTUAL TABLE raw_fts USING fts5 (text, content='', tokenize='unicode61')");
    const ins = r.prepare('INSERT INTO raw_fts (rowid, text) VALUES (?, ?)');
    r.transaction(() => {
      for (const id of ids) ins.run(id, textById.get(id));
    })();
    r.exec("INSERT INTO raw_fts (raw_fts) VALUES ('optimize')");
    r.exec('CREATE TABLE collection (sig TEXT)');
    r.prepare('INSERT INTO collection (sig) VALUES (?)').run(sig);
    r.close();
    console.error(`recall: FTS5 unicode61 index of the raw texts built in ${fmt((performance.now() - t1) / 1000, 1)} s`);
  }
  const rawDb = new Database(rawPath, { readonly: true });
  const unicode61 = (q: string): number[] => rawDb.prepare('SELECT rowid FROM raw_fts WHERE raw_fts MATCH ?').pluck().all(quoted(q)) as number[];

  let arabic: ((q: string) => Promise<number[]>) | undefined;
  let pgClient: pg.Client | undefined;
  const pgUrl = values.pg ?? process.env.ISNAD_BENCH_PG ?? process.env.ISNAD_TEST_PG ?? 'postgres://isnad:isnad@localhost:5432/isnad_test';
  try {
    pgClient = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
    await pgClient.connect();
    await pgClient.query('SET jit = off');
    const have = await pgClient.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'isnad_bench_arabic'");
    const kept = have.rows[0].n ? (await pgClient.query("SELECT obj_description('isnad_bench_arabic'::regclass, 'pg_class') AS sig")).rows[0].sig : null;
    if (kept !== sig) {
      const t1 = performance.now();
      await pgClient.query('DROP TABLE IF EXISTS isnad_bench_arabic; CREATE TABLE isnad_bench_arabic (id bigint PRIMARY KEY, tsv tsvector NOT NULL)');
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await pgClient.query("INSERT INTO isnad_bench_arabic SELECT id, to_tsvector('arabic', t) FROM unnest($1::bigint[], $2::text[]) AS x(id, t)", [chunk, chunk.map((id) => textById.get(id) as string)]);
      }
      await pgClient.query('CREATE INDEX ON isnad_bench_arabic USING gin (tsv); ANALYZE isnad_bench_arabic');
      await pgClient.query(`COMMENT ON TABLE isnad_bench_arabic IS '${sig}'`);
      console.error(`recall: PostgreSQL 'arabic' tsvectors of the raw texts built in ${fmt((performance.now() - t1) / 1000, 1)} s`);
    }
    const c = pgClient;
    arabic = async (q) => (await c.query("SELECT id FROM isnad_bench_arabic WHERE tsv @@ plainto_tsquery('arabic', $1)", [q])).rows.map((r) => Number(r.id));
  } catch (e) {
    console.error(`recall: PostgreSQL 'arabic' skipped (${(e as Error).message}); pass --pg URL`);
    await pgClient?.end().catch(() => {});
    pgClient = undefined;
  }

  // 5. measure
  type Acc = { recall: number[]; extra: number[]; perfect: number };
  const acc = (): Acc => ({ recall: [], extra: [], perfect: 0 });
  const engines = ['isnad keys (FTS5)', 'FTS5 unicode61, raw text', ...(arabic ? ["PostgreSQL 'arabic'"] : [])];
  const res = new Map<string, Map<string, Acc>>(); // kind → engine → acc
  const examples: Array<Record<string, string | number>> = [];
  for (const g of groups) {
    const truth = new Set(g.forms.flatMap((f) => docsOf.get(f) ?? []));
    for (const form of g.forms) {
      const got: number[][] = [ours(form), unicode61(form)];
      if (arabic) got.push(await arabic(form));
      const byKind = res.get(g.kind) ?? res.set(g.kind, new Map()).get(g.kind)!;
      got.forEach((ids2, e) => {
        const a = byKind.get(engines[e]!) ?? byKind.set(engines[e]!, acc()).get(engines[e]!)!;
        const hit = ids2.filter((id) => truth.has(id)).length;
        a.recall.push(hit / truth.size);
        a.extra.push(ids2.length === 0 ? 0 : (ids2.length - hit) / ids2.length);
        if (hit === truth.size) a.perfect++;
      });
      if (examples.length < 6 && g.forms.length >= 2 && truth.size >= 5) {
        examples.push({ kind: g.kind, query: form, forms: g.forms.slice(0, 5).join(' '), relevant: truth.size, ...Object.fromEntries(engines.map((e, i) => [e, got[i]!.filter((id) => truth.has(id)).length])) });
      }
    }
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const out: Array<Record<string, string | number>> = [];
  const summary: Record<string, unknown> = {};
  for (const [kind, byEngine] of res) {
    for (const [engine, a] of byEngine) {
      out.push({
        groups: kind,
        engine,
        queries: a.recall.length,
        'mean recall': fmt(mean(a.recall) * 100, 1) + '%',
        'all found': fmt((a.perfect / a.recall.length) * 100, 1) + '%',
        'extra (outside group)': fmt(mean(a.extra) * 100, 1) + '%',
      });
      summary[`${kind} / ${engine}`] = { queries: a.recall.length, recall: mean(a.recall), allFound: a.perfect / a.recall.length, extra: mean(a.extra) };
    }
  }
  console.log('\nRecall on spelling-variant queries (ground truth: articles holding any form of the group, exact token match)');
  console.log(table(out));
  console.log('\nexamples (relevant articles found):');
  console.log(table(examples));
  rawDb.close();
  await pgClient?.end();
  return summary;
}
