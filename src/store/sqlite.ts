/**
 * The SQLite store (better-sqlite3, one file, WAL). Writes go through prepared statements in one
 * IMMEDIATE transaction per batch; a crash loses at most the batch being written (WAL with
 * synchronous=NORMAL survives a killed process; only a power cut can drop the last commits).
 * Search uses FTS5 with its own bm25() (see store.ts for the formula the PostgreSQL store repeats).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { BlockType, EntityType } from '../doc/index.js';
import { isRanked, type SearchPlan } from '../search/query.js';
import { EntityCounts, type EntityFilter, type EntitySummary } from './entity-stats.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.js';
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
  type NamedFacetCount,
  type PageOptions,
  type QuoteFilter,
  type SearchPageOptions,
  type WriteOptions,
  type QuoteRow,
  type RankedHit,
  type Store,
  type StoreCounts,
  type StoredDoc,
  type SourceRef,
  scanPause,
  type ScanOptions,
} from './store.js';
import type { IndexField, SearchDataSink } from '../search/collection-index.js';
import type { AttributionType } from '../search/query.js';

type Db = Database.Database;
type Params = unknown[];

const CHUNK = 500;
/** Rows read between two returns to the event loop while scanning for the search index (~20 ms each). */
const SCAN_SLICE = 20_000;
/** A term's offset within a document is below this (keys stop at 16,000 terms): document · PACK + offset is one exact double. */
const PACK = 2 ** 20;

/** An FTS5 phrase: terms are letters or digits only (checked), so they need no escaping. */
function ftsPhrase(terms: readonly string[]): string {
  checkTerms(terms);
  return `"${terms.join(' ')}"`;
}

/** The MATCH expression of a plan's phrases: positives first (their order is bm25's), then NOT the excluded. */
export function ftsExpression(plan: SearchPlan): string {
  const pos = plan.phrases.map(ftsPhrase).join(' AND ');
  if (plan.exclude.length === 0) return pos;
  return `(${pos}) NOT (${plan.exclude.map(ftsPhrase).join(' OR ')})`;
}

export interface SqliteOpenOptions {
  /** fail with ISNAD_STORE_NOT_FOUND instead of creating the file */
  mustExist?: boolean;
  /**
   * bytes of the file to memory-map for reading (default 0: off). Mapped pages count in the
   * process's resident memory, which an ingest keeps low.
   */
  mmap?: number;
  /** SQLite's page cache in MB (default 32); an ingest, which mostly appends, does with less */
  cacheMb?: number;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly stmts = new Map<string, Database.Statement>();
  /** commits made through this connection (PRAGMA data_version counts only other connections') */
  private writes = 0;

  private constructor(
    private readonly db: Db,
    readonly location: string,
  ) {}

  static async open(path: string, options: SqliteOpenOptions = {}): Promise<SqliteStore> {
    if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
      throw new StoreError('ISNAD_STORE_NOT_FOUND', `no database at ${path}; create one with isnad ingest SOURCE --db ${path}`);
    }
    let db: Db;
    try {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
    } catch (e) {
      throw new StoreError('ISNAD_STORE_OPEN', `cannot open ${path} as a SQLite database: ${(e as Error).message}`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    db.pragma(`cache_size = -${Math.max(1, Math.floor((options.cacheMb ?? 32) * 1024))}`);
    db.pragma('temp_store = MEMORY');
    db.pragma(`mmap_size = ${Math.max(0, Math.floor(options.mmap ?? 0))}`);
    const store = new SqliteStore(db, path);
    store.migrate();
    return store;
  }

  private migrate(): void {
    const db = this.db;
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const latest = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;
    const current = this.version();
    if (current > latest) {
      throw new StoreError('ISNAD_STORE_NEWER_SCHEMA', `${this.location} has schema version ${current}, newer than this isnad knows (${latest}); upgrade isnad`);
    }
    for (const m of SQLITE_MIGRATIONS) {
      if (m.version <= current) continue;
      db.transaction(() => {
        if (this.version() >= m.version) return; // another process got there first
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  private version(): number {
    const row = this.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  async schemaVersion(): Promise<number> {
    return this.version();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  async lookup(sourceKeys: readonly string[], hashes: readonly string[]): Promise<{ sources: Set<string>; hashes: Set<string> }> {
    const src = this.stmt('SELECT 1 FROM sources WHERE key = ?').pluck();
    const hash = this.stmt('SELECT 1 FROM articles WHERE hash = ?').pluck();
    const sources = new Set<string>();
    const found = new Set<string>();
    for (const k of sourceKeys) if (src.get(k) !== undefined) sources.add(k);
    for (const h of hashes) if (hash.get(h) !== undefined) found.add(h);
    return { sources, hashes: found };
  }

  async writeBatch(items: readonly BatchItem[], options: WriteOptions = {}): Promise<ItemOutcome[]> {
    const tx = this.db.transaction((list: readonly BatchItem[]) => {
      const ids: number[] = [];
      const outcomes = list.map((it, i) => this.writeItem(it, (id) => (ids[i] = id)));
      const hook = options.dedup;
      if (hook) {
        // the new articles (in batch order) get their groups inside this transaction
        const fresh = list.flatMap((it, item) => (outcomes[item] === 'ingested' && it.kind === 'article' && it.analysis.dedup ? [{ item, id: ids[item]! }] : []));
        if (fresh.length > 0) {
          const prints = fresh.map((f) => ({ article: f.id, words: (list[f.item] as Extract<BatchItem, { kind: 'article' }>).analysis.dedup!.words }));
          this.writeDedupRows(prints, hook(fresh));
        }
      }
      return outcomes;
    });
    try {
      return tx.immediate(items);
    } finally {
      this.writes++;
    }
  }

  private writeDedupRows(fingerprints: ReadonlyArray<{ article: number; words: Uint32Array }>, assignments: readonly DupAssignment[]): void {
    const fp = this.stmt('INSERT INTO article_fingerprints (article, words) VALUES (?, ?) ON CONFLICT (article) DO UPDATE SET words = excluded.words');
    for (const f of fingerprints) fp.run(f.article, wordsToBytes(f.words));
    const set = this.stmt('INSERT INTO dup_members (article, grp, kind) VALUES (?, ?, ?) ON CONFLICT (article) DO UPDATE SET grp = excluded.grp, kind = excluded.kind');
    const del = this.stmt('DELETE FROM dup_members WHERE article = ?');
    for (const a of assignments) {
      if (a.group === null || a.kind === null) del.run(a.article);
      else set.run(a.article, a.group, a.kind);
    }
  }

  async writeDedup(fingerprints: ReadonlyArray<{ article: number; words: Uint32Array }>, assignments: readonly DupAssignment[]): Promise<void> {
    try {
      this.db.transaction(() => this.writeDedupRows(fingerprints, assignments)).immediate();
    } finally {
      this.writes++;
    }
  }

  async *dedupState(): AsyncGenerator<DedupStateRow> {
    let after = 0;
    for (;;) {
      const rows = this.stmt(
        `SELECT a.id, a.outlet_key, a.date, d.grp, d.kind, f.words FROM articles a
         LEFT JOIN dup_members d ON d.article = a.id LEFT JOIN article_fingerprints f ON f.article = a.id
         WHERE a.id > ? ORDER BY a.id LIMIT ?`,
      ).all(after, CHUNK * 4) as Array<{ id: number; outlet_key: string | null; date: string | null; grp: number | null; kind: DupKind | null; words: Buffer | null }>;
      if (rows.length === 0) return;
      for (const r of rows) yield { id: r.id, outletKey: r.outlet_key, date: r.date, group: r.grp, kind: r.kind, words: r.words ? wordsFromBytes(r.words) : null };
      after = rows[rows.length - 1]!.id;
    }
  }

  async articleBlocks(ids: readonly number[]): Promise<Map<number, { text: string; blocks: Array<[number, number, BlockType]> }>> {
    const texts = await this.texts(ids);
    const blk = this.stmt('SELECT span_start, span_end, type FROM blocks WHERE article = ? ORDER BY idx');
    const out = new Map<number, { text: string; blocks: Array<[number, number, BlockType]> }>();
    for (const [id, text] of texts) {
      const blocks = (blk.all(id) as Array<{ span_start: number; span_end: number; type: BlockType }>).map((b): [number, number, BlockType] => [b.span_start, b.span_end, b.type]);
      out.set(id, { text, blocks });
    }
    return out;
  }

  async dupMembers(groups: readonly number[]): Promise<Map<number, DupMember[]>> {
    const out = new Map<number, DupMember[]>();
    if (groups.length === 0) return out;
    const rows = this.stmt(
      `SELECT d.grp, a.id, a.doc_id, a.title, a.outlet, a.date, a.url, d.kind FROM dup_members d JOIN articles a ON a.id = d.article
       WHERE d.grp IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify([...new Set(groups)])) as Array<{ grp: number; id: number; doc_id: string; title: string | null; outlet: string | null; date: string | null; url: string | null; kind: DupKind }>;
    for (const r of rows) {
      let list = out.get(r.grp);
      if (!list) out.set(r.grp, (list = []));
      list.push({ id: r.id, docId: r.doc_id, title: r.title, outlet: r.outlet, date: r.date, url: r.url, kind: r.kind });
    }
    for (const list of out.values()) sortMembers(list);
    return out;
  }

  async dupGroups(options: { minSize?: number; limit?: number; offset?: number } = {}): Promise<{ total: number; groups: DupGroup[] }> {
    const min = Math.max(2, options.minSize ?? 2);
    const rows = this.stmt(
      `SELECT grp, n, count(*) OVER () AS total FROM (SELECT grp, count(*) AS n FROM dup_members GROUP BY grp) WHERE n >= ?
       ORDER BY n DESC, grp LIMIT ? OFFSET ?`,
    ).all(min, options.limit ?? -1, options.offset ?? 0) as Array<{ grp: number; n: number; total: number }>;
    const total = rows[0]?.total ?? (options.offset ? (this.stmt('SELECT count(*) FROM (SELECT grp FROM dup_members GROUP BY grp HAVING count(*) >= ?)').pluck().get(min) as number) : 0);
    const members = await this.dupMembers(rows.map((r) => r.grp));
    return { total, groups: rows.map((r) => ({ group: r.grp, size: r.n, members: members.get(r.grp) ?? [] })) };
  }

  async dupGroupsOf(docIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < docIds.length; i += CHUNK) {
      const rows = this.stmt(
        `SELECT a.doc_id, d.grp FROM articles a JOIN dup_members d ON d.article = a.id WHERE a.doc_id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(docIds.slice(i, i + CHUNK))) as Array<{ doc_id: string; grp: number }>;
      for (const r of rows) out.set(r.doc_id, r.grp);
    }
    return out;
  }

  private writeItem(it: BatchItem, stored?: (id: number) => void): ItemOutcome {
    const src = it.source;
    if (this.stmt('SELECT 1 FROM sources WHERE key = ?').pluck().get(src.key) !== undefined) return 'already';
    const existing = this.stmt('SELECT id FROM articles WHERE hash = ?').pluck().get(src.hash) as number | undefined;
    if (existing !== undefined) {
      this.insertSource(src, existing);
      return 'duplicate';
    }
    if (it.kind === 'source') return { failed: 'the first record with the same text was not stored' };
    const now = new Date().toISOString();
    const c = articleColumns(it.meta);
    const docId = this.freeDocId(src.recordId);
    const a = it.analysis;
    const info = this.stmt(
      `INSERT INTO articles (doc_id, hash, title, url, outlet, outlet_key, date, day, month, author, meta, n_keys, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(docId, src.hash, c.title, c.url, c.outlet, c.outlet_key, c.date, c.day, c.month, c.author, c.meta, a.nKeys, now);
    const id = Number(info.lastInsertRowid);
    this.stmt('INSERT INTO article_texts (id, text) VALUES (?, ?)').run(id, it.text);
    this.stmt('INSERT INTO article_fts (rowid, keys) VALUES (?, ?)').run(id, a.keys);
    const blk = this.stmt('INSERT INTO blocks (article, idx, span_start, span_end, type) VALUES (?, ?, ?, ?, ?)');
    a.blocks.forEach((b, i) => blk.run(id, i, b[0], b[1], b[2]));
    const men = this.stmt('INSERT INTO mentions (article, idx, entity, doc_entity, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)');
    const perEntity = new Map<number, number>();
    a.mentions.forEach((m, i) => {
      const entity = this.entityId(m.type, m.key, it.text.slice(m.start, m.end));
      men.run(id, i, entity, m.docEntity, m.start, m.end);
      perEntity.set(entity, (perEntity.get(entity) ?? 0) + 1);
    });
    const ae = this.stmt('INSERT INTO article_entities (article, entity, mentions) VALUES (?, ?, ?)');
    for (const [entity, n] of perEntity) ae.run(id, entity, n);
    const att = this.stmt(
      `INSERT INTO attributions (article, idx, type, speaker, cue_start, cue_end, source_start, source_end, speaker_start, speaker_end,
         content_start, content_end, medium_start, medium_end, hedge_start, hedge_end, via)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    a.attributions.forEach((t, i) => {
      const speaker = t.speakerKey && t.speaker ? this.speakerId(t.speakerKey, it.text.slice(t.speaker[0], t.speaker[1])) : null;
      att.run(id, i, t.type, speaker, ...attributionOffsets(t));
    });
    this.insertSource(src, id, now);
    stored?.(id);
    return 'ingested';
  }

  private insertSource(src: SourceRef, article: number, now = new Date().toISOString()): void {
    this.stmt('INSERT INTO sources (key, article, record_id, origin, url, outlet, date, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      src.key,
      article,
      src.recordId,
      src.origin ?? null,
      src.url ?? null,
      src.outlet ?? null,
      src.date ?? null,
      now,
    );
  }

  private freeDocId(recordId: string): string {
    const taken = this.stmt('SELECT 1 FROM articles WHERE doc_id = ?').pluck();
    if (taken.get(recordId) === undefined) return recordId;
    for (let n = 2; ; n++) {
      const candidate = `${recordId}~${n}`;
      if (taken.get(candidate) === undefined) return candidate;
    }
  }

  /** The id of an entity (type, key), created with this first text when new. */
  private entityId(type: EntityType, key: string, text: string): number {
    const id = this.stmt('SELECT id FROM entities WHERE type = ? AND key = ?').pluck().get(type, key) as number | undefined;
    if (id !== undefined) return id;
    const created = Number(this.stmt('INSERT INTO entities (type, key, text) VALUES (?, ?, ?)').run(type, key, text).lastInsertRowid);
    this.stmt('INSERT INTO entity_fts (rowid, key) VALUES (?, ?)').run(created, nameIndexText(key));
    return created;
  }

  /** The id of a speaker key, created with this first text when new. */
  private speakerId(key: string, text: string): number {
    const id = this.stmt('SELECT id FROM speakers WHERE key = ?').pluck().get(key) as number | undefined;
    if (id !== undefined) return id;
    const created = Number(this.stmt('INSERT INTO speakers (key, text) VALUES (?, ?)').run(key, text).lastInsertRowid);
    this.stmt('INSERT INTO speaker_fts (rowid, key) VALUES (?, ?)').run(created, nameIndexText(key));
    return created;
  }

  async optimize(): Promise<void> {
    this.db.exec(`INSERT INTO article_fts (article_fts) VALUES ('optimize')`);
    this.db.exec(`INSERT INTO entity_fts (entity_fts) VALUES ('optimize')`);
    this.db.exec(`INSERT INTO speaker_fts (speaker_fts) VALUES ('optimize')`);
    this.db.pragma('optimize');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async counts(): Promise<StoreCounts> {
    const n = (table: string): number => this.stmt(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      articles: n('articles'),
      sources: n('sources'),
      blocks: n('blocks'),
      entities: n('entities'),
      mentions: n('mentions'),
      speakers: n('speakers'),
      attributions: n('attributions'),
    };
  }

  /** WHERE conditions on `a` (articles) for the plan's filters, and, when unranked, its exclusions. */
  private filters(plan: SearchPlan): { where: string[]; params: Params } {
    const where: string[] = [];
    const params: Params = [];
    if (plan.outlets.length > 0) {
      where.push(`a.outlet_key IN (${plan.outlets.map(() => '?').join(', ')})`);
      params.push(...plan.outlets);
    }
    if (plan.date?.from !== undefined) {
      where.push('a.day >= ?');
      params.push(plan.date.from);
    }
    if (plan.date?.to !== undefined) {
      where.push('a.day < ?');
      params.push(plan.date.to);
    }
    for (const e of plan.entities) {
      where.push('a.id IN (SELECT ae.article FROM article_entities ae WHERE ae.entity IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?))');
      params.push(ftsPhrase(e));
    }
    // `+t.type`: the type is checked on the speaker's attributions, not used to find them
    const types = plan.types.length > 0 ? ` AND +t.type IN (${plan.types.map(() => '?').join(', ')})` : '';
    for (const s of plan.speakers) {
      where.push(`a.id IN (SELECT t.article FROM attributions t WHERE t.speaker IN (SELECT rowid FROM speaker_fts WHERE speaker_fts MATCH ?)${types})`);
      params.push(ftsPhrase(s), ...plan.types);
    }
    if (plan.speakers.length === 0 && plan.types.length > 0) {
      where.push(`EXISTS (SELECT 1 FROM attributions t WHERE t.article = a.id${types})`);
      params.push(...plan.types);
    }
    if (!isRanked(plan) && plan.exclude.length > 0) {
      where.push('a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)');
      params.push(plan.exclude.map(ftsPhrase).join(' OR '));
    }
    return { where, params };
  }

  async search(plan: SearchPlan, page: SearchPageOptions = {}): Promise<HitPage> {
    const limit = page.limit ?? 10;
    const offset = page.offset ?? 0;
    const collapse = page.collapse === true;
    const f = this.filters(plan);
    const cols = 'a.id, a.doc_id, a.title, a.outlet, a.date, a.url';
    let sql: string;
    let params: Params;
    if (isRanked(plan)) {
      // rank on the index (joined to the small articles table only when a filter needs it), then
      // read the page's metadata
      const ranked =
        f.where.length === 0
          ? `SELECT rowid AS id, rank AS score, count(*) OVER () AS total FROM article_fts WHERE article_fts MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?`
          : `SELECT a.id, article_fts.rank AS score, count(*) OVER () AS total FROM article_fts JOIN articles a ON a.id = article_fts.rowid
             WHERE ${['article_fts MATCH ?', ...f.where].join(' AND ')} ORDER BY article_fts.rank, a.id LIMIT ? OFFSET ?`;
      sql = collapse
        ? SqliteStore.collapsed(
            f.where.length === 0
              ? 'SELECT rowid AS id, rank AS score FROM article_fts WHERE article_fts MATCH ?'
              : `SELECT a.id, article_fts.rank AS score FROM article_fts JOIN articles a ON a.id = article_fts.rowid WHERE ${['article_fts MATCH ?', ...f.where].join(' AND ')}`,
            cols,
          )
        : `WITH top AS MATERIALIZED (${ranked}) SELECT ${cols}, top.score, top.total FROM top JOIN articles a ON a.id = top.id ORDER BY top.score, top.id`;
      params = [ftsExpression(plan), ...f.params, limit, offset];
    } else {
      const where = f.where.length > 0 ? f.where.join(' AND ') : '1';
      sql = collapse
        ? // one row per group: its newest member (then the smallest id); as collapsed() does for ranked
          `WITH m AS MATERIALIZED (SELECT a.id, a.day, d.grp FROM articles a LEFT JOIN dup_members d ON d.article = a.id WHERE ${where}),
           b AS (SELECT id, day FROM m WHERE grp IS NULL
                 UNION ALL SELECT id, day FROM (SELECT id, day, row_number() OVER (PARTITION BY grp ORDER BY day DESC NULLS LAST, id) AS rn FROM m WHERE grp IS NOT NULL) WHERE rn = 1),
           p AS MATERIALIZED (SELECT id, day FROM b ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?)
           SELECT ${cols}, 0.0 AS score, (SELECT count(*) FROM m WHERE grp IS NULL) + (SELECT count(DISTINCT grp) FROM m) AS total
           FROM p CROSS JOIN articles a ON a.id = p.id ORDER BY p.day DESC NULLS LAST, p.id`
        : `SELECT ${cols}, 0.0 AS score, count(*) OVER () AS total FROM articles a
             WHERE ${where} ORDER BY a.day DESC NULLS LAST, a.id LIMIT ? OFFSET ?`;
      params = [...f.params, limit, offset];
    }
    const rows = this.stmt(sql).all(...params) as Array<{
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
    if (rows.length === 0 && offset > 0) total = this.count(plan, collapse);
    const groups = this.groupsOfIds(rows.map((r) => r.id));
    const hits: RankedHit[] = rows.map((r) => ({ id: r.id, docId: r.doc_id, dupGroup: groups.get(r.id) ?? null, score: r.score, title: r.title, outlet: r.outlet, date: r.date, url: r.url }));
    return { total, hits };
  }

  /**
   * The ranked match set `inner` (id, score) cut to one row per near-duplicate group — its best
   * member: lowest score, then smallest id — ranked, counted and paged; an article in no group is
   * its own group (partition −id).
   */
  private static collapsed(inner: string, cols: string): string {
    // the window sorts only the grouped matches; the page is a bounded sort, the total two counts;
    // the page's rows are read last (CROSS JOIN: the page drives, not a scan of articles)
    return `WITH m AS MATERIALIZED (SELECT x.id, x.score, d.grp FROM (${inner}) x LEFT JOIN dup_members d ON d.article = x.id),
      b AS (SELECT id, score FROM m WHERE grp IS NULL
            UNION ALL SELECT id, score FROM (SELECT id, score, row_number() OVER (PARTITION BY grp ORDER BY score, id) AS rn FROM m WHERE grp IS NOT NULL) WHERE rn = 1),
      p AS MATERIALIZED (SELECT id, score FROM b ORDER BY score, id LIMIT ? OFFSET ?)
      SELECT ${cols}, p.score, (SELECT count(*) FROM m WHERE grp IS NULL) + (SELECT count(DISTINCT grp) FROM m) AS total
      FROM p CROSS JOIN articles a ON a.id = p.id ORDER BY p.score, p.id`;
  }

  /** The near-duplicate group of each of these articles that is in one. */
  private groupsOfIds(ids: readonly number[]): Map<number, number> {
    if (ids.length === 0) return new Map();
    const rows = this.stmt('SELECT article, grp FROM dup_members WHERE article IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{ article: number; grp: number }>;
    return new Map(rows.map((r) => [r.article, r.grp]));
  }

  /** SQL selecting the ids of matching articles (as `id`), with its parameters. */
  private matchSet(plan: SearchPlan): { sql: string; params: Params } {
    const f = this.filters(plan);
    if (isRanked(plan)) {
      if (f.where.length === 0) return { sql: 'SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ?', params: [ftsExpression(plan)] };
      return {
        sql: `SELECT a.id FROM article_fts JOIN articles a ON a.id = article_fts.rowid WHERE ${['article_fts MATCH ?', ...f.where].join(' AND ')}`,
        params: [ftsExpression(plan), ...f.params],
      };
    }
    return { sql: `SELECT a.id FROM articles a WHERE ${f.where.length > 0 ? f.where.join(' AND ') : '1'}`, params: f.params };
  }

  private count(plan: SearchPlan, collapse = false): number {
    const m = this.matchSet(plan);
    if (collapse) return this.stmt(`SELECT count(DISTINCT coalesce(d.grp, -m.id)) FROM (${m.sql}) m LEFT JOIN dup_members d ON d.article = m.id`).pluck().get(...m.params) as number;
    return this.stmt(`SELECT count(*) FROM (${m.sql})`).pluck().get(...m.params) as number;
  }

  async facets(plan: SearchPlan, top = 10): Promise<Facets> {
    const m = this.matchSet(plan);
    // the match set once, in a temporary table, then each facet from it
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS facet_hits (id INTEGER PRIMARY KEY)');
    return this.db.transaction((): Facets => {
      this.stmt('DELETE FROM temp.facet_hits').run();
      this.stmt(`INSERT INTO temp.facet_hits (id) ${m.sql}`).run(...m.params);
      const outlet = this.stmt(
        `SELECT a.outlet AS value, count(*) AS count FROM temp.facet_hits h CROSS JOIN articles a ON a.id = h.id
         WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY count DESC, value`,
      ).all() as Facets['outlet'];
      const month = this.stmt(
        `SELECT a.month AS value, count(*) AS count FROM temp.facet_hits h CROSS JOIN articles a ON a.id = h.id
         WHERE a.month IS NOT NULL GROUP BY a.month ORDER BY value`,
      ).all() as Facets['month'];
      const speaker = this.stmt(
        `SELECT s.key AS key, s.text AS value, c.count FROM
           (SELECT t.speaker, count(*) AS count FROM temp.facet_hits h CROSS JOIN attributions t ON t.article = h.id
            WHERE t.speaker IS NOT NULL GROUP BY t.speaker) c
         CROSS JOIN speakers s ON s.id = c.speaker ORDER BY c.count DESC, s.key LIMIT ?`,
      ).all(top) as NamedFacetCount[];
      const entity = this.stmt(
        `SELECT e.key AS key, e.type AS type, e.text AS value, c.count FROM
           (SELECT ae.entity, count(*) AS count FROM temp.facet_hits h CROSS JOIN article_entities ae ON ae.article = h.id GROUP BY ae.entity) c
         CROSS JOIN entities e ON e.id = c.entity ORDER BY c.count DESC, e.key, e.type LIMIT ?`,
      ).all(top) as NamedFacetCount[];
      this.stmt('DELETE FROM temp.facet_hits').run();
      return { outlet, month, speaker, entity };
    })();
  }

  async texts(ids: readonly number[]): Promise<Map<number, string>> {
    const get = this.stmt('SELECT text FROM article_texts WHERE id = ?').pluck();
    const out = new Map<number, string>();
    for (const id of ids) {
      const t = get.get(id) as string | undefined;
      if (t !== undefined) out.set(id, t);
    }
    return out;
  }


  async searchVersion(): Promise<string> {
    return `${this.db.pragma('data_version', { simple: true }) as number}.${this.writes}`;
  }

  async scanSearchData(sink: SearchDataSink, options: ScanOptions = {}): Promise<void> {
    const { signal, progress } = options;
    let rows = 0;
    const step = async (n: number): Promise<void> => {
      rows += n;
      progress?.(rows);
      await scanPause(signal);
    };
    // small tables in keyset pages
    const pages = async <R extends { k: number }>(sql: string, each: (r: R) => void): Promise<void> => {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const list = this.stmt(sql).all(after, SCAN_SLICE) as R[];
        if (list.length === 0) return;
        for (const r of list) each(r);
        after = list[list.length - 1]!.k;
        await step(list.length);
      }
    };
    type ArticleRow = { k: number; n_keys: number; outlet_key: string | null; outlet: string | null; day: string | null; month: string | null; doc_id: string; title: string | null; date: string | null; url: string | null; other: number };
    await pages<ArticleRow>(
      `SELECT a.id AS k, a.n_keys, a.outlet_key, a.outlet, a.day, a.month, a.doc_id, a.title, a.date, a.url,
         EXISTS (SELECT 1 FROM sources s WHERE s.article = a.id AND (s.outlet IS NOT a.outlet OR s.url IS NOT a.url)) AS other
       FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT ?`,
      (r) =>
        sink.article({ id: r.k, nKeys: r.n_keys, outletKey: r.outlet_key, outlet: r.outlet, day: r.day, month: r.month, docId: r.doc_id, title: r.title, date: r.date, url: r.url, otherSources: r.other === 1 }),
    );
    await pages<{ k: number; grp: number; kind: DupKind; doc_id: string; title: string | null; outlet: string | null; date: string | null; url: string | null }>(
      `SELECT d.article AS k, d.grp, d.kind, a.doc_id, a.title, a.outlet, a.date, a.url FROM dup_members d JOIN articles a ON a.id = d.article
       WHERE d.article > ? ORDER BY d.article LIMIT ?`,
      (r) => sink.dupMember(r.k, r.grp, { id: r.k, docId: r.doc_id, title: r.title, outlet: r.outlet, date: r.date, url: r.url, kind: r.kind }),
    );
    await pages<{ k: number; article: number; speaker: number | null; type: AttributionType }>(
      'SELECT id AS k, article, speaker, type FROM attributions WHERE id > ? ORDER BY id LIMIT ?',
      (r) => sink.attribution(r.article, r.speaker, r.type),
    );
    await pages<{ k: number; type: EntityType; key: string; text: string }>('SELECT id AS k, type, key, text FROM entities WHERE id > ? ORDER BY id LIMIT ?', (r) =>
      sink.entity(r.k, r.type, r.key, r.text),
    );
    await pages<{ k: number; key: string; text: string }>('SELECT id AS k, key, text FROM speakers WHERE id > ? ORDER BY id LIMIT ?', (r) => sink.speaker(r.k, r.key, r.text));
    // article_entities is keyed (article, entity)
    let after: [number, number] = [Number.MIN_SAFE_INTEGER, 0];
    for (;;) {
      const list = this.stmt('SELECT article, entity FROM article_entities WHERE (article, entity) > (?, ?) ORDER BY article, entity LIMIT ?')
        .raw(true)
        .all(after[0], after[1], SCAN_SLICE) as Array<[number, number]>;
      if (list.length === 0) break;
      for (const [a, e] of list) sink.articleEntity(a, e);
      after = list[list.length - 1]!;
      await step(list.length);
    }
    await this.scanInstances('article_fts', 'article', sink, step);
    await this.scanInstances('entity_fts', 'entity', sink, step);
    await this.scanInstances('speaker_fts', 'speaker', sink, step);
  }

  /**
   * Every (term, document, positions) of an FTS5 table: its vocabulary from an fts5vocab 'row'
   * table, then each term's instances from an fts5vocab 'instance' table, document and offset
   * packed into one number (one value per row instead of an array: four times quicker to read).
   * Each term's documents and offsets come in ascending order.
   */
  private async scanInstances(table: string, field: IndexField, sink: SearchDataSink, step: (n: number) => Promise<void>): Promise<void> {
    const instances = `temp.isnad_${table}_instances`;
    const vocabulary = `temp.isnad_${table}_rows`;
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${instances} USING fts5vocab(main, ${table}, instance)`);
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${vocabulary} USING fts5vocab(main, ${table}, row)`);
    const terms = this.db.prepare(`SELECT term, doc, cnt FROM ${vocabulary}`).raw(true).all() as Array<[string, number, number]>;
    let postings = 0;
    let positions = 0;
    for (const [, d, c] of terms) {
      postings += d;
      positions += c;
    }
    sink.expect?.(field, { postings, positions });
    const read = this.db.prepare(`SELECT doc * ${PACK} + offset FROM ${instances} WHERE term = ?`).pluck(true);
    const at: number[] = [];
    let n = 0;
    for (const [term] of terms) {
      const packed = read.all(term) as number[];
      let doc = -1;
      for (const v of packed) {
        const d = Math.floor(v / PACK);
        if (d !== doc) {
          if (at.length > 0) sink.term(field, term, doc, at);
          at.length = 0;
          doc = d;
        }
        at.push(v - d * PACK);
      }
      if (at.length > 0) sink.term(field, term, doc, at);
      at.length = 0;
      n += packed.length;
      if (n >= SCAN_SLICE) {
        await step(n);
        n = 0;
      }
    }
    await step(n);
  }

  async getDoc(docId: string): Promise<StoredDoc | undefined> {
    const row = this.stmt('SELECT id, meta FROM articles WHERE doc_id = ?').get(docId) as { id: number; meta: string } | undefined;
    return row ? this.docOf(row.id) : undefined;
  }

  private docOf(id: number): StoredDoc {
    const a = this.stmt('SELECT a.doc_id, t.text, a.meta FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.id = ?').get(id) as { doc_id: string; text: string; meta: string };
    const text = a.text;
    const blocks = (this.stmt('SELECT span_start, span_end, type FROM blocks WHERE article = ? ORDER BY idx').all(id) as Array<{ span_start: number; span_end: number; type: BlockType }>).map(
      (b) => ({ start: b.span_start, end: b.span_end, text: text.slice(b.span_start, b.span_end), type: b.type }),
    );
    const entities = (
      this.stmt('SELECT m.span_start, m.span_end, m.doc_entity, e.type, e.key FROM mentions m JOIN entities e ON e.id = m.entity WHERE m.article = ? ORDER BY m.idx').all(id) as Array<{
        span_start: number;
        span_end: number;
        doc_entity: number;
        type: EntityType;
        key: string;
      }>
    ).map((m) => ({ start: m.span_start, end: m.span_end, text: text.slice(m.span_start, m.span_end), type: m.type, id: docEntityId(m.doc_entity), key: m.key }));
    const attributions = (
      this.stmt(`SELECT ${ATTRIBUTION_SELECT}, s.key AS speaker_key FROM attributions t LEFT JOIN speakers s ON s.id = t.speaker WHERE t.article = ? ORDER BY t.idx`).all(id) as AttributionDbRow[]
    ).map((r) => attributionJSON(text, attributionFromDb(r)));
    const sources = (
      this.stmt('SELECT key, record_id, origin, url, outlet, date FROM sources WHERE article = ? ORDER BY key').all(id) as Array<{
        key: string;
        record_id: string;
        origin: string | null;
        url: string | null;
        outlet: string | null;
        date: string | null;
      }>
    ).map((s) => ({ key: s.key, recordId: s.record_id, origin: s.origin, url: s.url, outlet: s.outlet, date: s.date }));
    return { schemaVersion: '1.0.0', id: a.doc_id, text, meta: JSON.parse(a.meta) as StoredDoc['meta'], blocks, entities, attributions, sources };
  }

  private quoteWhere(filter: QuoteFilter): { where: string[]; params: Params } {
    const where: string[] = [];
    const params: Params = [];
    for (const s of filter.speakers ?? []) {
      where.push('t.speaker IN (SELECT rowid FROM speaker_fts WHERE speaker_fts MATCH ?)');
      params.push(ftsPhrase(s));
    }
    for (const e of filter.entities ?? []) {
      where.push(
        `EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.span_start >= t.content_start AND m.span_end <= t.content_end
           AND m.entity IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?))`,
      );
      params.push(ftsPhrase(e));
    }
    if (filter.outlets && filter.outlets.length > 0) {
      where.push(`a.outlet_key IN (${filter.outlets.map(() => '?').join(', ')})`);
      params.push(...filter.outlets);
    }
    if (filter.types && filter.types.length > 0) {
      where.push(`t.type IN (${filter.types.map(() => '?').join(', ')})`);
      params.push(...filter.types);
    }
    if (filter.date?.from !== undefined) {
      where.push('a.day >= ?');
      params.push(filter.date.from);
    }
    if (filter.date?.to !== undefined) {
      where.push('a.day < ?');
      params.push(filter.date.to);
    }
    if (filter.docIds) {
      where.push('a.doc_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.docIds));
    }
    if (filter.speakerEntity !== undefined) {
      where.push(
        `t.article IN (SELECT article FROM article_entities WHERE entity = ?) AND EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.entity = ?
           AND (m.span_start >= t.speaker_start AND m.span_end <= t.speaker_end OR t.speaker_start IS NULL AND m.span_start >= t.source_start AND m.span_end <= t.source_end))`,
      );
      params.push(filter.speakerEntity, filter.speakerEntity);
    }
    if (filter.aboutEntity !== undefined) {
      where.push(
        `t.article IN (SELECT article FROM article_entities WHERE entity = ?) AND EXISTS (SELECT 1 FROM mentions m WHERE m.article = t.article AND m.entity = ?
           AND m.span_start >= t.content_start AND m.span_end <= t.content_end)`,
      );
      params.push(filter.aboutEntity, filter.aboutEntity);
    }
    return { where, params };
  }

  async *quotes(filter: QuoteFilter, page: PageOptions = {}): AsyncGenerator<QuoteRow> {
    const w = this.quoteWhere(filter);
    const ids = this.stmt(
      `SELECT t.id FROM attributions t JOIN articles a ON a.id = t.article WHERE ${w.where.length > 0 ? w.where.join(' AND ') : '1'}
       ORDER BY a.day DESC NULLS LAST, a.id, t.idx LIMIT ? OFFSET ?`,
    )
      .pluck()
      .all(...w.params, page.limit ?? -1, page.offset ?? 0) as number[];
    yield* this.quoteRows(ids);
  }

  private async *quoteRows(ids: readonly number[]): AsyncGenerator<QuoteRow> {
    const text = this.stmt('SELECT text FROM article_texts WHERE id = ?').pluck();
    let lastId = -1;
    let lastText = '';
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = this.stmt(
        `SELECT t.id AS tid, a.id AS article, a.doc_id, a.date, a.outlet, a.url, a.title, t.idx, ${ATTRIBUTION_SELECT}, s.key AS speaker_key
         FROM attributions t JOIN articles a ON a.id = t.article LEFT JOIN speakers s ON s.id = t.speaker
         WHERE t.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(chunk)) as Array<QuoteDbRow & { tid: number; article: number }>;
      const byId = new Map(rows.map((r) => [r.tid, r]));
      for (const id of chunk) {
        const r = byId.get(id);
        if (!r) continue;
        if (r.article !== lastId) {
          lastText = text.get(r.article) as string;
          lastId = r.article;
        }
        yield quoteRow(r, lastText);
      }
    }
  }

  async *exportArticles(): AsyncGenerator<StoredDoc> {
    for (const ids of this.idChunks()) for (const id of ids) yield this.docOf(id);
  }

  /** Article ids in order, a chunk at a time (keyset pagination: other statements may run between chunks). */
  private *idChunks(): Generator<number[]> {
    let after = 0;
    for (;;) {
      const ids = this.stmt('SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?').pluck().all(after, CHUNK) as number[];
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1]!;
    }
  }

  async *exportMentions(): AsyncGenerator<MentionExportRow> {
    for (const ids of this.idChunks()) {
      const texts = await this.texts(ids);
      const rows = this.stmt(
        `SELECT a.id AS article, a.doc_id, m.idx, m.doc_entity, e.type, e.key, m.span_start, m.span_end
         FROM mentions m JOIN articles a ON a.id = m.article JOIN entities e ON e.id = m.entity
         WHERE m.article >= ? AND m.article <= ? ORDER BY m.article, m.idx`,
      ).all(ids[0], ids[ids.length - 1]) as Array<{ article: number; doc_id: string; idx: number; doc_entity: number; type: EntityType; key: string; span_start: number; span_end: number }>;
      for (const r of rows) {
        const text = texts.get(r.article) ?? '';
        yield { docId: r.doc_id, idx: r.idx, entity: docEntityId(r.doc_entity), type: r.type, key: r.key, start: r.span_start, end: r.span_end, text: text.slice(r.span_start, r.span_end) };
      }
    }
  }

  async *exportAttributions(): AsyncGenerator<QuoteRow> {
    for (const ids of this.idChunks()) {
      const tids = this.stmt('SELECT id FROM attributions WHERE article >= ? AND article <= ? ORDER BY article, idx')
        .pluck()
        .all(ids[0], ids[ids.length - 1]) as number[];
      yield* this.quoteRows(tids);
    }
  }

  async sources(ids: readonly number[]): Promise<Map<number, StoredSource[]>> {
    const rows = this.stmt(
      'SELECT article, key, record_id, origin, url, outlet, date FROM sources WHERE article IN (SELECT value FROM json_each(?)) ORDER BY article, key',
    ).all(JSON.stringify(ids)) as Array<{ article: number; key: string; record_id: string; origin: string | null; url: string | null; outlet: string | null; date: string | null }>;
    const out = new Map<number, StoredSource[]>();
    for (const s of rows) {
      let list = out.get(s.article);
      if (!list) out.set(s.article, (list = []));
      list.push({ key: s.key, recordId: s.record_id, origin: s.origin, url: s.url, outlet: s.outlet, date: s.date });
    }
    return out;
  }

  private readonly entityCounts = new EntityCounts({
    version: async () => this.stmt('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number,
    count: async () =>
      this.stmt('SELECT entity AS id, count(*) AS articles, sum(mentions) AS mentions FROM article_entities GROUP BY entity').all() as Array<{
        id: number;
        articles: number;
        mentions: number;
      }>,
  });

  private entityRows(ids: readonly number[]): Map<number, { id: number; type: EntityType; key: string; text: string }> {
    const rows = this.stmt('SELECT id, type, key, text FROM entities WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{
      id: number;
      type: EntityType;
      key: string;
      text: string;
    }>;
    return new Map(rows.map((r) => [r.id, r]));
  }

  async entities(filter: EntityFilter, page: PageOptions = {}): Promise<{ total: number; entities: EntitySummary[] }> {
    const counts = await this.entityCounts.fresh();
    let allowed: Set<number> | undefined;
    const where: string[] = [];
    const params: Params = [];
    if (filter.terms && filter.terms.length > 0) {
      where.push('id IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)');
      params.push(ftsPhrase(filter.terms));
    }
    if (filter.type !== undefined) {
      where.push('type = ?');
      params.push(filter.type);
    }
    if (filter.key !== undefined) {
      where.push('key = ?');
      params.push(filter.key);
    }
    if (where.length > 0) allowed = new Set(this.stmt(`SELECT id FROM entities WHERE ${where.join(' AND ')}`).pluck().all(...params) as number[]);
    const { total, ids } = counts.page(allowed, page.offset ?? 0, page.limit ?? 50);
    const rows = this.entityRows(ids);
    return { total, entities: ids.flatMap((id) => (rows.has(id) ? [{ ...rows.get(id)!, articles: counts.articlesOf(id), mentions: counts.mentionsOf(id) }] : [])) };
  }

  async entity(id: number): Promise<EntitySummary | undefined> {
    const r = this.entityRows([id]).get(id);
    if (!r) return undefined;
    const counts = await this.entityCounts.fresh();
    return { ...r, articles: counts.articlesOf(id), mentions: counts.mentionsOf(id) };
  }

  async entityTimeline(id: number): Promise<FacetCount[]> {
    return this.stmt(
      `SELECT a.month AS value, count(*) AS count FROM article_entities ae JOIN articles a ON a.id = ae.article
       WHERE ae.entity = ? AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month`,
    ).all(id) as FacetCount[];
  }

  async coMentioned(id: number, limit: number): Promise<Array<Omit<EntitySummary, 'mentions'>>> {
    const top = this.stmt(
      `SELECT o.entity AS id, count(*) AS articles FROM article_entities e JOIN article_entities o ON o.article = e.article
       WHERE e.entity = ? AND o.entity <> ? GROUP BY o.entity ORDER BY articles DESC, o.entity LIMIT ?`,
    ).all(id, id, limit) as Array<{ id: number; articles: number }>;
    const rows = this.entityRows(top.map((t) => t.id));
    return top.flatMap((t) => (rows.has(t.id) ? [{ ...rows.get(t.id)!, articles: t.articles }] : []));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
