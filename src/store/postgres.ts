/**
 * The PostgreSQL store (`pg`), for a collection shared by several users. Same behaviour as the
 * SQLite store (the same test suite runs on both): the search keys go into a tsvector with the
 * `simple` configuration (articles.tsv, GIN-indexed), and BM25 is computed in SQL with FTS5's
 * formula and order of operations, so both stores rank identically (see store.ts).
 *
 * Writers take a transaction-level advisory lock, so concurrent ingests into one database are
 * serialized batch by batch and never store a text twice.
 */
import pg from 'pg';
import type { BlockType, EntityType } from '../doc/index.js';
import { isRanked, type SearchPlan } from '../search/query.js';
import { EntityCounts, type EntityFilter, type EntitySummary } from './entity-stats.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import {
  ATTRIBUTION_SELECT,
  articleColumns,
  attributionFromDb,
  attributionOffsets,
  checkTerms,
  docEntityId,
  nameIndexText,
  quoteRow,
  type AttributionDbRow,
  type QuoteDbRow,
} from './rows.js';
import {
  StoreError,
  attributionJSON,
  sortMembers,
  wordsFromBytes,
  wordsToBytes,
  type BatchItem,
  type DedupStateRow,
  type DupAssignment,
  type DupGroup,
  type DupKind,
  type DupMember,
  type FacetCount,
  type Facets,
  type StoredSource,
  type HitPage,
  type ItemOutcome,
  type MentionExportRow,
  type PageOptions,
  type QuoteFilter,
  type SearchPageOptions,
  type WriteOptions,
  type QuoteRow,
  type RankedHit,
  type Store,
  type StoreCounts,
  type StoredDoc,
  scanPause,
  type ScanOptions,
} from './store.js';
import type { IndexField, SearchDataSink } from '../search/collection-index.js';
import type { AttributionType } from '../search/query.js';

/** Rows fetched per query while scanning for the search index. */
const SCAN_SLICE = 20_000;
/** Articles (their tsvectors) fetched per query while scanning. */
const TSV_SLICE = 1_000;

/**
 * The lexemes and positions of a tsvector's text form: 'term':1,5 'other':3A … (weights dropped).
 * Our lexemes are letters or digits, but quotes and backslashes are undone all the same.
 */
export function parseTsvector(text: string, each: (lexeme: string, positions: number[]) => void): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    if (text[i] !== "'") throw new Error(`ISNAD_TSVECTOR: unexpected "${text[i]}" at ${i}`);
    i++;
    let lexeme = '';
    for (;;) {
      if (i >= n) throw new Error('ISNAD_TSVECTOR: unclosed lexeme');
      const c = text[i]!;
      if (c === '\\' && i + 1 < n) {
        lexeme += text[i + 1];
        i += 2;
      } else if (c === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else {
          i++;
          break;
        }
      } else {
        lexeme += c;
        i++;
      }
    }
    const positions: number[] = [];
    if (text[i] === ':') {
      i++;
      for (;;) {
        let v = 0;
        let digits = 0;
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
          v = v * 10 + text.charCodeAt(i) - 48;
          i++;
          digits++;
        }
        if (digits === 0) throw new Error(`ISNAD_TSVECTOR: no position at ${i}`);
        positions.push(v);
        while (i < n && /[A-D]/.test(text[i]!)) i++;
        if (text[i] === ',') i++;
        else break;
      }
    }
    each(lexeme, positions);
  }
}

/** Advisory lock keys: migrations, and writes. */
const MIGRATION_LOCK = 0x15_4a_d0_01;
const WRITE_LOCK = 0x15_4a_d0_02;
const CHUNK = 500;

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and count(*) as JS numbers (ids and counts stay far below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A tsquery phrase of index terms ('a' <-> 'b'); the terms are letters or digits only (checked). */
function tsPhrase(terms: readonly string[]): string {
  checkTerms(terms);
  return terms.map((t) => `'${t}'`).join(' <-> ');
}

/** Collects parameters and returns their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

// The BM25 constants and operations of FTS5's bm25() (sqlite3.c, fts5Bm25Function), as float8.
const K1 = `float8 '1.2'`;
const B = `float8 '0.75'`;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  static async open(url: string): Promise<PostgresStore> {
    // JIT compiling costs more than these queries take (and their row estimates invite it)
    const pool = new pg.Pool({ connectionString: url, max: 4, types });
    pool.on('connect', (client) => void client.query('SET jit = off').catch(() => {})); // queued before any other query
    pool.on('error', () => {}); // an idle client's error surfaces on the next query
    const store = new PostgresStore(pool, redact(url));
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => {});
      if (e instanceof StoreError) throw e;
      throw new StoreError('ISNAD_STORE_OPEN', `cannot use PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const current = Number((await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0].v);
      const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;
      if (current > latest) {
        throw new StoreError('ISNAD_STORE_NEWER_SCHEMA', `${this.location} has schema version ${current}, newer than this isnad knows (${latest}); upgrade isnad`);
      }
      for (const m of POSTGRES_MIGRATIONS) {
        if (m.version <= current) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  async schemaVersion(): Promise<number> {
    return Number((await this.pool.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0].v);
  }

  async lookup(sourceKeys: readonly string[], hashes: readonly string[]): Promise<{ sources: Set<string>; hashes: Set<string> }> {
    const s = await this.pool.query('SELECT key FROM sources WHERE key = ANY($1::text[])', [sourceKeys]);
    const h = await this.pool.query('SELECT hash FROM articles WHERE hash = ANY($1::text[])', [hashes]);
    return { sources: new Set(s.rows.map((r) => r.key as string)), hashes: new Set(h.rows.map((r) => r.hash as string)) };
  }

  async writeBatch(items: readonly BatchItem[], options: WriteOptions = {}): Promise<ItemOutcome[]> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const { outcomes: out, hashIds } = await this.writeItems(c, items);
      const hook = options.dedup;
      if (hook) {
        // the new articles (in batch order) get their groups inside this transaction
        const fresh = items.flatMap((it, item) => (out[item] === 'ingested' && it.kind === 'article' && it.analysis.dedup ? [{ item, id: hashIds.get(it.source.hash)! }] : []));
        if (fresh.length > 0) {
          const prints = fresh.map((f) => ({ article: f.id, words: (items[f.item] as Extract<BatchItem, { kind: 'article' }>).analysis.dedup!.words }));
          await this.writeDedupRows(c, prints, hook(fresh));
        }
      }
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async writeItems(c: pg.PoolClient, items: readonly BatchItem[]): Promise<{ outcomes: ItemOutcome[]; hashIds: Map<string, number> }> {
    const keys = items.map((i) => i.source.key);
    const storedSources = new Set((await c.query('SELECT key FROM sources WHERE key = ANY($1::text[])', [keys])).rows.map((r) => r.key as string));
    const hashIds = new Map<string, number>(
      (await c.query('SELECT id, hash FROM articles WHERE hash = ANY($1::text[])', [items.map((i) => i.source.hash)])).rows.map((r) => [r.hash as string, r.id as number]),
    );
    const wanted = items.filter((i) => i.kind === 'article').map((i) => i.source.recordId);
    const takenIds = new Set(
      (await c.query(`SELECT doc_id FROM articles WHERE doc_id = ANY($1::text[]) OR doc_id LIKE ANY($2::text[])`, [wanted, wanted.map((w) => likePrefix(w) + '~%')])).rows.map(
        (r) => r.doc_id as string,
      ),
    );
    // decide each item in order, as the SQLite store does one by one
    const outcomes: ItemOutcome[] = [];
    const seenKeys = new Set<string>();
    const newByHash = new Map<string, number>(); // hash → index in `fresh`
    const fresh: Array<Extract<BatchItem, { kind: 'article' }> & { docId: string }> = [];
    const sourceRows: Array<{ item: BatchItem; hash: string }> = [];
    for (const it of items) {
      const k = it.source.key;
      if (storedSources.has(k) || seenKeys.has(k)) {
        outcomes.push('already');
        continue;
      }
      seenKeys.add(k);
      if (hashIds.has(it.source.hash) || newByHash.has(it.source.hash)) {
        sourceRows.push({ item: it, hash: it.source.hash });
        outcomes.push('duplicate');
        continue;
      }
      if (it.kind === 'source') {
        outcomes.push({ failed: 'the first record with the same text was not stored' });
        continue;
      }
      let docId = it.source.recordId;
      for (let n = 2; takenIds.has(docId); n++) docId = `${it.source.recordId}~${n}`;
      takenIds.add(docId);
      newByHash.set(it.source.hash, fresh.length);
      fresh.push({ ...it, docId });
      sourceRows.push({ item: it, hash: it.source.hash });
      outcomes.push('ingested');
    }
    if (fresh.length > 0) {
      const cols = fresh.map((f) => articleColumns(f.meta));
      const pick = <K extends keyof (typeof cols)[number]>(k: K) => cols.map((x) => x[k]);
      const inserted = await c.query(
        `INSERT INTO articles (doc_id, hash, text, title, url, outlet, outlet_key, date, day, month, author, meta, n_keys, tsv)
         SELECT d, h, t, ti, u, o, ok, dt, dy, mo, au, me::jsonb, n, to_tsvector('simple', k)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::int[], $14::text[]) WITH ORDINALITY AS x(d, h, t, ti, u, o, ok, dt, dy, mo, au, me, n, k, ord)
         ORDER BY ord
         RETURNING id, hash`,
        [
          fresh.map((f) => f.docId),
          fresh.map((f) => f.source.hash),
          fresh.map((f) => f.text),
          pick('title'),
          pick('url'),
          pick('outlet'),
          pick('outlet_key'),
          pick('date'),
          pick('day'),
          pick('month'),
          pick('author'),
          pick('meta'),
          fresh.map((f) => f.analysis.nKeys),
          fresh.map((f) => f.analysis.keys),
        ],
      );
      for (const r of inserted.rows) hashIds.set(r.hash as string, r.id as number);
      await c.query('UPDATE stats SET n_articles = n_articles + $1, n_keys = n_keys + $2', [fresh.length, fresh.reduce((s, f) => s + f.analysis.nKeys, 0)]);
      await this.writeLayers(c, fresh, hashIds);
    }
    if (sourceRows.length > 0) {
      const s = sourceRows.map((r) => r.item.source);
      await c.query(
        `INSERT INTO sources (key, article, record_id, origin, url, outlet, date)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          s.map((x) => x.key),
          sourceRows.map((r) => hashIds.get(r.hash)!),
          s.map((x) => x.recordId),
          s.map((x) => x.origin ?? null),
          s.map((x) => x.url ?? null),
          s.map((x) => x.outlet ?? null),
          s.map((x) => x.date ?? null),
        ],
      );
    }
    return { outcomes, hashIds };
  }

  private async writeDedupRows(c: pg.PoolClient, fingerprints: ReadonlyArray<{ article: number; words: Uint32Array }>, assignments: readonly DupAssignment[]): Promise<void> {
    if (fingerprints.length > 0) {
      await c.query(
        `INSERT INTO article_fingerprints (article, words) SELECT * FROM unnest($1::bigint[], $2::bytea[])
         ON CONFLICT (article) DO UPDATE SET words = excluded.words`,
        [fingerprints.map((f) => f.article), fingerprints.map((f) => wordsToBytes(f.words))],
      );
    }
    // the last assignment of an article wins
    const last = new Map<number, DupAssignment>();
    for (const a of assignments) last.set(a.article, a);
    const set = [...last.values()].filter((a) => a.group !== null && a.kind !== null);
    const del = [...last.values()].filter((a) => a.group === null || a.kind === null).map((a) => a.article);
    if (del.length > 0) await c.query('DELETE FROM dup_members WHERE article = ANY($1::bigint[])', [del]);
    if (set.length > 0) {
      await c.query(
        `INSERT INTO dup_members (article, grp, kind) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])
         ON CONFLICT (article) DO UPDATE SET grp = excluded.grp, kind = excluded.kind`,
        [set.map((a) => a.article), set.map((a) => a.group), set.map((a) => a.kind)],
      );
    }
  }

  async writeDedup(fingerprints: ReadonlyArray<{ article: number; words: Uint32Array }>, assignments: readonly DupAssignment[]): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      await this.writeDedupRows(c, fingerprints, assignments);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  async *dedupState(): AsyncGenerator<DedupStateRow> {
    let after = 0;
    for (;;) {
      const r = await this.pool.query(
        `SELECT a.id, a.outlet_key, a.date, d.grp, d.kind, f.words FROM articles a
         LEFT JOIN dup_members d ON d.article = a.id LEFT JOIN article_fingerprints f ON f.article = a.id
         WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
        [after, CHUNK * 4],
      );
      if (r.rows.length === 0) return;
      for (const x of r.rows) {
        yield {
          id: x.id as number,
          outletKey: x.outlet_key as string | null,
          date: x.date as string | null,
          group: x.grp as number | null,
          kind: x.kind as DupKind | null,
          words: x.words ? wordsFromBytes(x.words as Buffer) : null,
        };
      }
      after = r.rows[r.rows.length - 1].id as number;
    }
  }

  async articleBlocks(ids: readonly number[]): Promise<Map<number, { text: string; blocks: Array<[number, number, BlockType]> }>> {
    const texts = await this.texts(ids);
    const r = await this.pool.query('SELECT article, span_start, span_end, type FROM blocks WHERE article = ANY($1::bigint[]) ORDER BY article, idx', [ids]);
    const out = new Map<number, { text: string; blocks: Array<[number, number, BlockType]> }>();
    for (const [id, text] of texts) out.set(id, { text, blocks: [] });
    for (const b of r.rows) out.get(b.article as number)?.blocks.push([b.span_start as number, b.span_end as number, b.type as BlockType]);
    return out;
  }

  async dupMembers(groups: readonly number[]): Promise<Map<number, DupMember[]>> {
    const out = new Map<number, DupMember[]>();
    if (groups.length === 0) return out;
    const r = await this.pool.query(
      `SELECT d.grp, a.id, a.doc_id, a.title, a.outlet, a.date, a.url, d.kind FROM dup_members d JOIN articles a ON a.id = d.article
       WHERE d.grp = ANY($1::bigint[])`,
      [[...new Set(groups)]],
    );
    for (const x of r.rows) {
      let list = out.get(x.grp as number);
      if (!list) out.set(x.grp as number, (list = []));
      list.push({ id: x.id, docId: x.doc_id, title: x.title, outlet: x.outlet, date: x.date, url: x.url, kind: x.kind as DupKind });
    }
    for (const list of out.values()) sortMembers(list);
    return out;
  }

  async dupGroups(options: { minSize?: number; limit?: number; offset?: number } = {}): Promise<{ total: number; groups: DupGroup[] }> {
    const min = Math.max(2, options.minSize ?? 2);
    const p = new Params();
    const limit = options.limit !== undefined && options.limit >= 0 ? ` LIMIT ${p.add(options.limit)}` : '';
    const sql = `SELECT grp, n, count(*) OVER () AS total FROM (SELECT grp, count(*) AS n FROM dup_members GROUP BY grp) g WHERE n >= ${p.add(min)}
       ORDER BY n DESC, grp${limit} OFFSET ${p.add(options.offset ?? 0)}`;
    const rows = (await this.pool.query(sql, p.values)).rows as Array<{ grp: number; n: number; total: number }>;
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && options.offset) {
      total = Number((await this.pool.query('SELECT count(*) AS n FROM (SELECT grp FROM dup_members GROUP BY grp HAVING count(*) >= $1) g', [min])).rows[0].n);
    }
    const members = await this.dupMembers(rows.map((r) => r.grp));
    return { total, groups: rows.map((r) => ({ group: r.grp, size: r.n, members: members.get(r.grp) ?? [] })) };
  }

  async dupGroupsOf(docIds: readonly string[]): Promise<Map<string, number>> {
    const r = await this.pool.query('SELECT a.doc_id, d.grp FROM articles a JOIN dup_members d ON d.article = a.id WHERE a.doc_id = ANY($1::text[])', [docIds]);
    return new Map(r.rows.map((x) => [x.doc_id as string, x.grp as number]));
  }

  private async writeLayers(c: pg.PoolClient, fresh: ReadonlyArray<Extract<BatchItem, { kind: 'article' }>>, hashIds: Map<string, number>): Promise<void> {
    // entities and speakers: create the missing ones (first text seen), then read all their ids
    const entText = new Map<string, { type: string; key: string; text: string }>();
    const spkText = new Map<string, string>();
    for (const f of fresh) {
      for (const m of f.analysis.mentions) {
        const k = `${m.type}\u0000${m.key}`;
        if (!entText.has(k)) entText.set(k, { type: m.type, key: m.key, text: f.text.slice(m.start, m.end) });
      }
      for (const t of f.analysis.attributions) if (t.speakerKey && t.speaker && !spkText.has(t.speakerKey)) spkText.set(t.speakerKey, f.text.slice(t.speaker[0], t.speaker[1]));
    }
    const ents = [...entText.values()];
    const entityIds = new Map<string, number>();
    if (ents.length > 0) {
      await c.query(
        `INSERT INTO entities (type, key, text, tsv)
         SELECT ty, k, tx, to_tsvector('simple', ix) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(ty, k, tx, ix, ord)
         ORDER BY ord ON CONFLICT (type, key) DO NOTHING`,
        [ents.map((e) => e.type), ents.map((e) => e.key), ents.map((e) => e.text), ents.map((e) => nameIndexText(e.key))],
      );
      const r = await c.query(
        `SELECT e.id, e.type, e.key FROM entities e JOIN unnest($1::text[], $2::text[]) AS x(ty, k) ON e.type = x.ty AND e.key = x.k`,
        [ents.map((e) => e.type), ents.map((e) => e.key)],
      );
      for (const row of r.rows) entityIds.set(`${row.type}\u0000${row.key}`, row.id as number);
    }
    const spks = [...spkText.entries()];
    const speakerIds = new Map<string, number>();
    if (spks.length > 0) {
      await c.query(
        `INSERT INTO speakers (key, text, tsv)
         SELECT k, tx, to_tsvector('simple', ix) FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(k, tx, ix, ord)
         ORDER BY ord ON CONFLICT (key) DO NOTHING`,
        [spks.map((s) => s[0]), spks.map((s) => s[1]), spks.map((s) => nameIndexText(s[0]))],
      );
      const r = await c.query('SELECT id, key FROM speakers WHERE key = ANY($1::text[])', [spks.map((s) => s[0])]);
      for (const row of r.rows) speakerIds.set(row.key as string, row.id as number);
    }
    const blocks: unknown[][] = [[], [], [], [], []];
    const mentions: unknown[][] = [[], [], [], [], [], []];
    const perEntity: unknown[][] = [[], [], []];
    const atts: unknown[][] = Array.from({ length: 17 }, () => []);
    for (const f of fresh) {
      const id = hashIds.get(f.source.hash)!;
      f.analysis.blocks.forEach((b, i) => [id, i, b[0], b[1], b[2]].forEach((v, k) => blocks[k]!.push(v)));
      const counts = new Map<number, number>();
      f.analysis.mentions.forEach((m, i) => {
        const entity = entityIds.get(`${m.type}\u0000${m.key}`)!;
        counts.set(entity, (counts.get(entity) ?? 0) + 1);
        [id, i, entity, m.docEntity, m.start, m.end].forEach((v, k) => mentions[k]!.push(v));
      });
      for (const [entity, n] of counts) [id, entity, n].forEach((v, k) => perEntity[k]!.push(v));
      f.analysis.attributions.forEach((t, i) => {
        const speaker = t.speakerKey && t.speaker ? speakerIds.get(t.speakerKey)! : null;
        [id, i, t.type, speaker, ...attributionOffsets(t)].forEach((v, k) => atts[k]!.push(v));
      });
    }
    if (blocks[0]!.length > 0) {
      await c.query(
        'INSERT INTO blocks (article, idx, span_start, span_end, type) SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[])',
        blocks,
      );
    }
    if (mentions[0]!.length > 0) {
      await c.query(
        'INSERT INTO mentions (article, idx, entity, doc_entity, span_start, span_end) SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::int[])',
        mentions,
      );
    }
    if (perEntity[0]!.length > 0) {
      await c.query('INSERT INTO article_entities (article, entity, mentions) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[])', perEntity);
    }
    if (atts[0]!.length > 0) {
      await c.query(
        `INSERT INTO attributions (article, idx, type, speaker, cue_start, cue_end, source_start, source_end, speaker_start, speaker_end,
           content_start, content_end, medium_start, medium_end, hedge_start, hedge_end, via)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
           $11::int[], $12::int[], $13::int[], $14::int[], $15::int[], $16::int[], $17::text[])`,
        atts,
      );
    }
  }

  async optimize(): Promise<void> {
    await this.pool.query('ANALYZE articles, mentions, attributions, entities, speakers, sources, blocks');
  }

  async counts(): Promise<StoreCounts> {
    const r = await this.pool.query(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM blocks) AS blocks,
              (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM speakers) AS speakers,
              (SELECT count(*) FROM attributions) AS attributions`,
    );
    return r.rows[0] as StoreCounts;
  }

  /** WHERE conditions on `a` for the plan's filters (and, unranked, its exclusions). */
  private filters(plan: SearchPlan, p: Params): string[] {
    const where: string[] = [];
    if (plan.outlets.length > 0) where.push(`a.outlet_key = ANY(${p.add(plan.outlets)}::text[])`);
    if (plan.date?.from !== undefined) where.push(`a.day >= ${p.add(plan.date.from)}`);
    if (plan.date?.to !== undefined) where.push(`a.day < ${p.add(plan.date.to)}`);
    for (const e of plan.entities) {
      where.push(`a.id IN (SELECT ae.article FROM article_entities ae WHERE ae.entity IN (SELECT id FROM entities WHERE tsv @@ to_tsquery('simple', ${p.add(tsPhrase(e))})))`);
    }
    const types = (): string => (plan.types.length > 0 ? ` AND t.type = ANY(${p.add(plan.types)}::text[])` : '');
    for (const s of plan.speakers) {
      const sp = p.add(tsPhrase(s));
      where.push(`a.id IN (SELECT t.article FROM attributions t WHERE t.speaker IN (SELECT id FROM speakers WHERE tsv @@ to_tsquery('simple', ${sp}))${types()})`);
    }
    if (plan.speakers.length === 0 && plan.types.length > 0) where.push(`a.id IN (SELECT t.article FROM attributions t WHERE true${types()})`);
    if (!isRanked(plan) && plan.exclude.length > 0) {
      where.push(`NOT (a.tsv @@ to_tsquery('simple', ${p.add(plan.exclude.map((x) => `(${tsPhrase(x)})`).join(' | '))}))`);
    }
    return where;
  }

  /** The tsquery text of the whole plan: every positive phrase, and none of the excluded. */
  private static matchQuery(plan: SearchPlan): string {
    return [...plan.phrases.map((x) => `(${tsPhrase(x)})`), ...plan.exclude.map((x) => `!(${tsPhrase(x)})`)].join(' & ');
  }

  async search(plan: SearchPlan, page: SearchPageOptions = {}): Promise<HitPage> {
    const limit = page.limit ?? 10;
    const offset = page.offset ?? 0;
    const collapse = page.collapse === true;
    const p = new Params();
    const cols = 'a.id, a.doc_id, a.title, a.outlet, a.date, a.url';
    let sql: string;
    if (isRanked(plan)) {
      const where = [`a.tsv @@ to_tsquery('simple', ${p.add(PostgresStore.matchQuery(plan))})`, ...this.filters(plan, p)].join(' AND ');
      const terms = [...new Set(plan.phrases.flat())];
      const termsParam = p.add(terms);
      // per phrase: its document frequency → idf, and its frequency in each hit (from the positions of the hit's tsvector)
      const idfs: string[] = [];
      const tfs: string[] = [];
      plan.phrases.forEach((ph, i) => {
        const q = p.add(tsPhrase(ph));
        idfs.push(
          `(SELECT CASE WHEN x <= 0 THEN float8 '1e-6' ELSE x END FROM
             (SELECT ln(((st.n_articles - c.n)::float8 + float8 '0.5') / (c.n::float8 + float8 '0.5')) AS x
              FROM (SELECT count(*) AS n FROM articles WHERE tsv @@ to_tsquery('simple', ${q})) c) z) AS idf${i}`,
        );
        const pos = (t: string): string => `coalesce((SELECT positions FROM unnest(h.v) WHERE lexeme = ${p.add(t)}), '{}'::smallint[])`;
        if (ph.length === 1) tfs.push(`cardinality(${pos(ph[0]!)})::float8 AS f${i}`);
        else {
          const follow = ph
            .slice(1)
            .map((t, k) => `(p0.p + ${k + 1}) = ANY(${pos(t)})`)
            .join(' AND ');
          tfs.push(`(SELECT count(*) FROM unnest(${pos(ph[0]!)}) AS p0(p) WHERE ${follow})::float8 AS f${i}`);
        }
      });
      // score += idf_i * ((f_i * (k1 + 1.0)) / (f_i + k1 * (1 - b + b * D / avgdl))), then −1.0 * score — FTS5's expression
      let score = `float8 '0'`;
      plan.phrases.forEach((_, i) => {
        score = `(${score} + idf.idf${i} * ((t.f${i} * (${K1} + float8 '1.0')) / (t.f${i} + ${K1} * ((float8 '1' - ${B}) + (${B} * t.n_keys::float8) / g.avgdl))))`;
      });
      // collapsed: one row per near-duplicate group, its best member (lowest score, then id)
      const scored = collapse
        ? `SELECT s.id, s.doc_id, s.title, s.outlet, s.date, s.url, s.score, count(*) OVER () AS total FROM
             (SELECT u.*, row_number() OVER (PARTITION BY u.pk ORDER BY u.score, u.id) AS rn FROM
               (SELECT t.id, t.doc_id, t.title, t.outlet, t.date, t.url, float8 '-1.0' * ${score} AS score, coalesce(d.grp, -t.id) AS pk
                FROM t CROSS JOIN idf CROSS JOIN g LEFT JOIN dup_members d ON d.article = t.id) u) s
           WHERE s.rn = 1
           ORDER BY s.score, s.id`
        : `SELECT t.id, t.doc_id, t.title, t.outlet, t.date, t.url, float8 '-1.0' * ${score} AS score, count(*) OVER () AS total
        FROM t, idf, g
        ORDER BY score, t.id`;
      sql = `
        WITH st AS (SELECT n_articles, n_keys FROM stats),
        g AS (SELECT st.n_keys::float8 / st.n_articles::float8 AS avgdl FROM st),
        idf AS MATERIALIZED (SELECT ${idfs.join(', ')} FROM st),
        h AS (SELECT ${cols}, a.n_keys, ts_filter(setweight(a.tsv, 'A', ${termsParam}::text[]), '{a}') AS v FROM articles a WHERE ${where}),
        t AS MATERIALIZED (SELECT h.*, ${tfs.join(', ')} FROM h)
        ${scored} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
    } else {
      const where = this.filters(plan, p);
      const w = where.length > 0 ? where.join(' AND ') : 'true';
      sql = collapse
        ? // one row per group: its newest member (then the smallest id)
          `SELECT ${cols}, float8 '0' AS score, count(*) OVER () AS total FROM
             (SELECT ${cols}, a.day, row_number() OVER (PARTITION BY coalesce(d.grp, -a.id) ORDER BY a.day DESC NULLS LAST, a.id) AS rn
              FROM articles a LEFT JOIN dup_members d ON d.article = a.id WHERE ${w}) a
           WHERE a.rn = 1 ORDER BY a.day DESC NULLS LAST, a.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`
        : `SELECT ${cols}, float8 '0' AS score, count(*) OVER () AS total FROM articles a WHERE ${w}
             ORDER BY a.day DESC NULLS LAST, a.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
    }
    const rows = (await this.pool.query(sql, p.values)).rows as Array<{
      id: number;
      doc_id: string;
      title: string | null;
      outlet: string | null;
      date: string | null;
      url: string | null;
      score: number;
      total: number;
    }>;
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && offset > 0) {
      const q = new Params();
      const m = this.matchSet(plan, q);
      const count = collapse ? `SELECT count(DISTINCT coalesce(d.grp, -s.id)) AS n FROM (${m}) s LEFT JOIN dup_members d ON d.article = s.id` : `SELECT count(*) AS n FROM (${m}) s`;
      total = Number((await this.pool.query(count, q.values)).rows[0].n);
    }
    const groups = new Map<number, number>();
    if (rows.length > 0) {
      const g = await this.pool.query('SELECT article, grp FROM dup_members WHERE article = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      for (const x of g.rows) groups.set(x.article as number, x.grp as number);
    }
    const hits: RankedHit[] = rows.map((r) => ({ id: r.id, docId: r.doc_id, dupGroup: groups.get(r.id) ?? null, score: r.score, title: r.title, outlet: r.outlet, date: r.date, url: r.url }));
    return { total, hits };
  }

  private matchSet(plan: SearchPlan, p: Params): string {
    const where = this.filters(plan, p);
    if (isRanked(plan)) where.unshift(`a.tsv @@ to_tsquery('simple', ${p.add(PostgresStore.matchQuery(plan))})`);
    return `SELECT a.id FROM articles a WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}`;
  }

  async facets(plan: SearchPlan, top = 10): Promise<Facets> {
    const p = new Params();
    const m = this.matchSet(plan, p);
    const n = p.add(top);
    const r = await this.pool.query(
      `WITH h AS MATERIALIZED (${m})
       SELECT
         (SELECT coalesce(json_agg(json_build_object('value', x.value, 'count', x.count) ORDER BY x.count DESC, x.value), '[]')
            FROM (SELECT a.outlet AS value, count(*) AS count FROM h JOIN articles a ON a.id = h.id WHERE a.outlet IS NOT NULL GROUP BY a.outlet) x) AS outlet,
         (SELECT coalesce(json_agg(json_build_object('value', x.value, 'count', x.count) ORDER BY x.value), '[]')
            FROM (SELECT a.month AS value, count(*) AS count FROM h JOIN articles a ON a.id = h.id WHERE a.month IS NOT NULL GROUP BY a.month) x) AS month,
         (SELECT coalesce(json_agg(json_build_object('key', x.key, 'value', x.value, 'count', x.count) ORDER BY x.count DESC, x.key), '[]')
            FROM (SELECT s.key, s.text AS value, count(*) AS count FROM h JOIN attributions t ON t.article = h.id JOIN speakers s ON s.id = t.speaker
                  GROUP BY s.id ORDER BY count DESC, s.key LIMIT ${n}) x) AS speaker,
         (SELECT coalesce(json_agg(json_build_object('key', x.key, 'type', x.type, 'value', x.value, 'count', x.count) ORDER BY x.count DESC, x.key, x.type), '[]')
            FROM (SELECT e.key, e.type, e.text AS value, count(*) AS count FROM h JOIN article_entities ae ON ae.article = h.id JOIN entities e ON e.id = ae.entity
                  GROUP BY e.id ORDER BY count DESC, e.key, e.type LIMIT ${n}) x) AS entity`,
      p.values,
    );
    return r.rows[0] as Facets;
  }

  async texts(ids: readonly number[]): Promise<Map<number, string>> {
    const r = await this.pool.query('SELECT id, text FROM articles WHERE id = ANY($1::bigint[])', [ids]);
    return new Map(r.rows.map((x) => [x.id as number, x.text as string]));
  }


  async searchVersion(): Promise<string> {
    const r = await this.pool.query(
      `SELECT (SELECT n_articles FROM stats) AS a, (SELECT n_keys FROM stats) AS k,
              (SELECT count(*) FROM dup_members) AS d, (SELECT coalesce(sum(grp), 0) FROM dup_members) AS g`,
    );
    const x = r.rows[0] as { a: number; k: number; d: number; g: number };
    return `${x.a}.${x.k}.${x.d}.${x.g}`;
  }

  async scanSearchData(sink: SearchDataSink, options: ScanOptions = {}): Promise<void> {
    const { signal, progress } = options;
    let count = 0;
    const step = async (n: number): Promise<void> => {
      count += n;
      progress?.(count);
      await scanPause(signal);
    };
    // every table in keyset pages on its key (k)
    const pages = async (sql: string, slice: number, each: (r: Record<string, unknown>) => void): Promise<void> => {
      let after = -1;
      for (;;) {
        const rows = (await this.pool.query(sql, [after, slice])).rows as Array<Record<string, unknown>>;
        if (rows.length === 0) return;
        for (const r of rows) each(r);
        after = rows[rows.length - 1]!.k as number;
        await step(rows.length);
      }
    };
    const positionsOf = (field: IndexField, doc: number, tsv: string): void =>
      // tsvector positions count from 1, FTS5's (and the snippets') from 0
      parseTsvector(tsv, (lexeme, positions) => {
        for (let i = 0; i < positions.length; i++) positions[i]!--;
        sink.term(field, lexeme, doc, positions);
      });
    const hint = (await this.pool.query('SELECT coalesce(sum(length(tsv)), 0) AS postings, coalesce(sum(n_keys), 0) AS positions FROM articles')).rows[0] as { postings: number; positions: number };
    sink.expect?.('article', hint);
    await pages(
      `SELECT a.id AS k, a.n_keys, a.outlet_key, a.outlet, a.day, a.month, a.doc_id, a.title, a.date, a.url, a.tsv::text AS tsv,
         EXISTS (SELECT 1 FROM sources s WHERE s.article = a.id AND (s.outlet IS DISTINCT FROM a.outlet OR s.url IS DISTINCT FROM a.url)) AS other
       FROM articles a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
      TSV_SLICE,
      (r) => {
        const id = r.k as number;
        sink.article({
          id,
          nKeys: r.n_keys as number,
          outletKey: r.outlet_key as string | null,
          outlet: r.outlet as string | null,
          day: r.day as string | null,
          month: r.month as string | null,
          docId: r.doc_id as string,
          title: r.title as string | null,
          date: r.date as string | null,
          url: r.url as string | null,
          otherSources: r.other === true,
        });
        positionsOf('article', id, r.tsv as string);
      },
    );
    await pages(
      `SELECT d.article AS k, d.grp, d.kind, a.doc_id, a.title, a.outlet, a.date, a.url FROM dup_members d JOIN articles a ON a.id = d.article
       WHERE d.article > $1 ORDER BY d.article LIMIT $2`,
      SCAN_SLICE,
      (r) =>
        sink.dupMember(r.k as number, r.grp as number, {
          id: r.k as number,
          docId: r.doc_id as string,
          title: r.title as string | null,
          outlet: r.outlet as string | null,
          date: r.date as string | null,
          url: r.url as string | null,
          kind: r.kind as DupKind,
        }),
    );
    await pages('SELECT id AS k, article, speaker, type FROM attributions WHERE id > $1 ORDER BY id LIMIT $2', SCAN_SLICE, (r) =>
      sink.attribution(r.article as number, r.speaker as number | null, r.type as AttributionType),
    );
    await pages('SELECT id AS k, type, key, text, tsv::text AS tsv FROM entities WHERE id > $1 ORDER BY id LIMIT $2', SCAN_SLICE, (r) => {
      sink.entity(r.k as number, r.type as EntityType, r.key as string, r.text as string);
      positionsOf('entity', r.k as number, r.tsv as string);
    });
    await pages('SELECT id AS k, key, text, tsv::text AS tsv FROM speakers WHERE id > $1 ORDER BY id LIMIT $2', SCAN_SLICE, (r) => {
      sink.speaker(r.k as number, r.key as string, r.text as string);
      positionsOf('speaker', r.k as number, r.tsv as string);
    });
    let after: [number, number] = [-1, 0];
    for (;;) {
      const rows = (await this.pool.query('SELECT article, entity FROM article_entities WHERE (article, entity) > ($1, $2) ORDER BY article, entity LIMIT $3', [...after, SCAN_SLICE]))
        .rows as Array<{ article: number; entity: number }>;
      if (rows.length === 0) break;
      for (const r of rows) sink.articleEntity(r.article, r.entity);
      const last = rows[rows.length - 1]!;
      after = [last.article, last.entity];
      await step(rows.length);
    }
  }

  async getDoc(docId: string): Promise<StoredDoc | undefined> {
    return this.docBy('doc_id', docId);
  }

  private async docOf(id: number): Promise<StoredDoc> {
    const d = await this.docBy('id', id);
    if (!d) throw new StoreError('ISNAD_STORE_MISSING', `article ${id} is gone`);
    return d;
  }

  /** An article with all its layers in one round trip: each layer a JSON array built by the server. */
  private async docBy(column: 'id' | 'doc_id', value: number | string): Promise<StoredDoc | undefined> {
    const r = await this.pool.query(
      `SELECT a.doc_id, a.text, a.meta,
         (SELECT coalesce(json_agg(json_build_array(b.span_start, b.span_end, b.type) ORDER BY b.idx), '[]') FROM blocks b WHERE b.article = a.id) AS blocks,
         (SELECT coalesce(json_agg(json_build_array(m.span_start, m.span_end, m.doc_entity, e.type, e.key) ORDER BY m.idx), '[]')
            FROM mentions m JOIN entities e ON e.id = m.entity WHERE m.article = a.id) AS mentions,
         (SELECT coalesce(json_agg(row_to_json(x) ORDER BY x.idx), '[]')
            FROM (SELECT t.idx, ${ATTRIBUTION_SELECT}, s.key AS speaker_key FROM attributions t LEFT JOIN speakers s ON s.id = t.speaker WHERE t.article = a.id) x) AS attributions,
         (SELECT coalesce(json_agg(json_build_array(o.key, o.record_id, o.origin, o.url, o.outlet, o.date) ORDER BY o.key), '[]') FROM sources o WHERE o.article = a.id) AS sources
       FROM articles a WHERE a.${column} = $1`,
      [value],
    );
    if (r.rows.length === 0) return undefined;
    const a = r.rows[0] as {
      doc_id: string;
      text: string;
      meta: StoredDoc['meta'];
      blocks: Array<[number, number, BlockType]>;
      mentions: Array<[number, number, number, EntityType, string]>;
      attributions: AttributionDbRow[];
      sources: Array<[string, string, string | null, string | null, string | null, string | null]>;
    };
    const text = a.text;
    return {
      schemaVersion: '1.0.0',
      id: a.doc_id,
      text,
      meta: a.meta,
      blocks: a.blocks.map(([start, end, type]) => ({ start, end, text: text.slice(start, end), type })),
      entities: a.mentions.map(([start, end, docEntity, type, key]) => ({ start, end, text: text.slice(start, end), type, id: docEntityId(docEntity), key })),
      attributions: a.attributions.map((row) => attributionJSON(text, attributionFromDb(row))),
      sources: a.sources.map(([key, recordId, origin, url, outlet, date]) => ({ key, recordId, origin, url, outlet, date })),
    };
  }

  private quoteWhere(filter: QuoteFilter, p: Params): string[] {
    const where: string[] = [];
    for (const s of filter.speakers ?? []) where.push(`t.speaker IN (SELECT id FROM speakers WHERE tsv @@ to_tsquery('simple', ${p.add(tsPhrase(s))}))`);
    for (const e of filter.entities ?? []) {
      where.push(
        `EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.span_start >= t.content_start AND m.span_end <= t.content_end
           AND m.entity IN (SELECT id FROM entities WHERE tsv @@ to_tsquery('simple', ${p.add(tsPhrase(e))})))`,
      );
    }
    if (filter.outlets && filter.outlets.length > 0) where.push(`a.outlet_key = ANY(${p.add(filter.outlets)}::text[])`);
    if (filter.types && filter.types.length > 0) where.push(`t.type = ANY(${p.add(filter.types)}::text[])`);
    if (filter.date?.from !== undefined) where.push(`a.day >= ${p.add(filter.date.from)}`);
    if (filter.date?.to !== undefined) where.push(`a.day < ${p.add(filter.date.to)}`);
    if (filter.docIds) where.push(`a.doc_id = ANY(${p.add(filter.docIds)}::text[])`);
    if (filter.speakerEntity !== undefined) {
      const e = p.add(filter.speakerEntity);
      where.push(
        `t.article IN (SELECT article FROM article_entities WHERE entity = ${e}) AND EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.entity = ${e}
           AND (m.span_start >= t.speaker_start AND m.span_end <= t.speaker_end OR t.speaker_start IS NULL AND m.span_start >= t.source_start AND m.span_end <= t.source_end))`,
      );
    }
    if (filter.aboutEntity !== undefined) {
      const e = p.add(filter.aboutEntity);
      where.push(
        `t.article IN (SELECT article FROM article_entities WHERE entity = ${e}) AND EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.entity = ${e}
           AND m.span_start >= t.content_start AND m.span_end <= t.content_end)`,
      );
    }
    return where;
  }

  async *quotes(filter: QuoteFilter, page: PageOptions = {}): AsyncGenerator<QuoteRow> {
    const p = new Params();
    const where = this.quoteWhere(filter, p);
    const limit = page.limit !== undefined && page.limit >= 0 ? ` LIMIT ${p.add(page.limit)}` : '';
    const r = await this.pool.query(
      `SELECT t.id FROM attributions t JOIN articles a ON a.id = t.article WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}
       ORDER BY a.day DESC NULLS LAST, a.id, t.idx${limit} OFFSET ${p.add(page.offset ?? 0)}`,
      p.values,
    );
    yield* this.quoteRows(r.rows.map((x) => x.id as number));
  }

  private async *quoteRows(ids: readonly number[]): AsyncGenerator<QuoteRow> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = (
        await this.pool.query(
          `SELECT t.id AS tid, a.id AS article, a.doc_id, a.date, a.outlet, a.url, a.title, t.idx, ${ATTRIBUTION_SELECT}, s.key AS speaker_key
           FROM attributions t JOIN articles a ON a.id = t.article LEFT JOIN speakers s ON s.id = t.speaker WHERE t.id = ANY($1::bigint[])`,
          [chunk],
        )
      ).rows as Array<QuoteDbRow & { tid: number; article: number }>;
      const texts = await this.texts([...new Set(rows.map((r) => r.article))]);
      const byId = new Map(rows.map((r) => [r.tid, r]));
      for (const id of chunk) {
        const r = byId.get(id);
        if (r) yield quoteRow(r, texts.get(r.article) ?? '');
      }
    }
  }

  private async *idChunks(): AsyncGenerator<number[]> {
    let after = 0;
    for (;;) {
      const r = await this.pool.query('SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2', [after, CHUNK]);
      if (r.rows.length === 0) return;
      const ids = r.rows.map((x) => x.id as number);
      yield ids;
      after = ids[ids.length - 1]!;
    }
  }

  async *exportArticles(): AsyncGenerator<StoredDoc> {
    for await (const ids of this.idChunks()) for (const id of ids) yield await this.docOf(id);
  }

  async *exportMentions(): AsyncGenerator<MentionExportRow> {
    for await (const ids of this.idChunks()) {
      const texts = await this.texts(ids);
      const rows = (
        await this.pool.query(
          `SELECT m.article, a.doc_id, m.idx, m.doc_entity, e.type, e.key, m.span_start, m.span_end
           FROM mentions m JOIN articles a ON a.id = m.article JOIN entities e ON e.id = m.entity
           WHERE m.article >= $1 AND m.article <= $2 ORDER BY m.article, m.idx`,
          [ids[0], ids[ids.length - 1]],
        )
      ).rows;
      for (const r of rows) {
        const text = texts.get(r.article as number) ?? '';
        yield {
          docId: r.doc_id as string,
          idx: r.idx as number,
          entity: docEntityId(r.doc_entity as number),
          type: r.type as EntityType,
          key: r.key as string,
          start: r.span_start as number,
          end: r.span_end as number,
          text: text.slice(r.span_start, r.span_end),
        };
      }
    }
  }

  async *exportAttributions(): AsyncGenerator<QuoteRow> {
    for await (const ids of this.idChunks()) {
      const r = await this.pool.query('SELECT id FROM attributions WHERE article >= $1 AND article <= $2 ORDER BY article, idx', [ids[0], ids[ids.length - 1]]);
      yield* this.quoteRows(r.rows.map((x) => x.id as number));
    }
  }

  async sources(ids: readonly number[]): Promise<Map<number, StoredSource[]>> {
    const r = await this.pool.query('SELECT article, key, record_id, origin, url, outlet, date FROM sources WHERE article = ANY($1::bigint[]) ORDER BY article, key', [ids]);
    const out = new Map<number, StoredSource[]>();
    for (const s of r.rows as Array<{ article: string | number; key: string; record_id: string; origin: string | null; url: string | null; outlet: string | null; date: string | null }>) {
      const id = Number(s.article);
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ key: s.key, recordId: s.record_id, origin: s.origin, url: s.url, outlet: s.outlet, date: s.date });
    }
    return out;
  }

  private readonly entityCounts = new EntityCounts({
    version: async () => Number((await this.pool.query('SELECT coalesce(max(id), 0) AS v FROM articles')).rows[0].v),
    count: async () =>
      (await this.pool.query('SELECT entity AS id, count(*) AS articles, sum(mentions) AS mentions FROM article_entities GROUP BY entity')).rows.map(
        (r: { id: string | number; articles: string | number; mentions: string | number }) => ({ id: Number(r.id), articles: Number(r.articles), mentions: Number(r.mentions) }),
      ),
  });

  private async entityRows(ids: readonly number[]): Promise<Map<number, { id: number; type: EntityType; key: string; text: string }>> {
    const r = await this.pool.query('SELECT id, type, key, text FROM entities WHERE id = ANY($1::bigint[])', [ids]);
    return new Map(
      r.rows.map((x: { id: string | number; type: EntityType; key: string; text: string }) => [Number(x.id), { id: Number(x.id), type: x.type, key: x.key, text: x.text }]),
    );
  }

  async entities(filter: EntityFilter, page: PageOptions = {}): Promise<{ total: number; entities: EntitySummary[] }> {
    const counts = await this.entityCounts.fresh();
    let allowed: Set<number> | undefined;
    const p = new Params();
    const where: string[] = [];
    if (filter.terms && filter.terms.length > 0) where.push(`tsv @@ to_tsquery('simple', ${p.add(tsPhrase(filter.terms))})`);
    if (filter.type !== undefined) where.push(`type = ${p.add(filter.type)}`);
    if (filter.key !== undefined) where.push(`key = ${p.add(filter.key)}`);
    if (where.length > 0) {
      const r = await this.pool.query(`SELECT id FROM entities WHERE ${where.join(' AND ')}`, p.values);
      allowed = new Set(r.rows.map((x: { id: string | number }) => Number(x.id)));
    }
    const { total, ids } = counts.page(allowed, page.offset ?? 0, page.limit ?? 50);
    const rows = await this.entityRows(ids);
    return { total, entities: ids.flatMap((id) => (rows.has(id) ? [{ ...rows.get(id)!, articles: counts.articlesOf(id), mentions: counts.mentionsOf(id) }] : [])) };
  }

  async entity(id: number): Promise<EntitySummary | undefined> {
    const r = (await this.entityRows([id])).get(id);
    if (!r) return undefined;
    const counts = await this.entityCounts.fresh();
    return { ...r, articles: counts.articlesOf(id), mentions: counts.mentionsOf(id) };
  }

  async entityTimeline(id: number): Promise<FacetCount[]> {
    const r = await this.pool.query(
      `SELECT a.month AS value, count(*)::int AS count FROM article_entities ae JOIN articles a ON a.id = ae.article
       WHERE ae.entity = $1 AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month COLLATE "C"`,
      [id],
    );
    return r.rows as FacetCount[];
  }

  async coMentioned(id: number, limit: number): Promise<Array<Omit<EntitySummary, 'mentions'>>> {
    const top = (
      await this.pool.query(
        `SELECT o.entity AS id, count(*)::int AS articles FROM article_entities e JOIN article_entities o ON o.article = e.article
         WHERE e.entity = $1 AND o.entity <> $1 GROUP BY o.entity ORDER BY articles DESC, o.entity LIMIT $2`,
        [id, limit],
      )
    ).rows.map((x: { id: string | number; articles: number }) => ({ id: Number(x.id), articles: x.articles }));
    const rows = await this.entityRows(top.map((t: { id: number }) => t.id));
    return top.flatMap((t: { id: number; articles: number }) => (rows.has(t.id) ? [{ ...rows.get(t.id)!, articles: t.articles }] : []));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A LIKE pattern matching `s` literally. */
function likePrefix(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
