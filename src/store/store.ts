/**
 * The collection store: one interface, two implementations with the same behaviour and the same
 * test suite — SQLite (embedded, one file, src/store/sqlite.ts) and PostgreSQL (shared,
 * src/store/postgres.ts). Open one with {@link openStore}.
 *
 * ## Schema (both engines; versioned, see migrations/)
 *
 *   articles      one row per distinct text: id (integer, rowid of the index), doc_id (the first
 *                 record's id, unique: a clash gets ~2, ~3 …), hash (sha-256 of the match-normalized,
 *                 white-space-collapsed text: exact duplicates share it), text (the original, every
 *                 offset points into it; in SQLite in its own table `article_texts`, so the articles
 *                 table stays small to filter and join), title, url, outlet, outlet_key, date (as the source gave
 *                 it, ISO when it could be read), day (YYYY-MM-DD) and month (YYYY-MM) cut from it,
 *                 author, meta (the record's metadata as JSON), n_keys (terms in the index)
 *   sources       one row per ingested record: key (source + record id: what makes a re-run skip it),
 *                 article, record_id, origin, url, outlet, date. Exact duplicates add a row here and
 *                 nothing else, so every source URL is kept
 *   blocks        article, idx, span_start, span_end, type (headline, body, caption …)
 *   entities      the collection's entities: id, type, key (entity key of src/ner/mentions.ts), text
 *                 (the first mention seen)
 *   mentions      article, idx, entity, doc_entity (the document-level id: 3 for "e3"), span_start,
 *                 span_end
 *   article_entities  article, entity, mentions: one row per entity an article mentions (what the
 *                 entity: filter and the entity facet read)
 *   speakers      the collection's speakers: id, key (entity-style key of the speaker's words, or
 *                 the key of the entity the speaker is), text (first seen)
 *   attributions  article, idx, type, speaker, and every part as [start, end) offsets: cue, source,
 *                 speaker, content, medium, hedge (NULL when absent), via (JSON [[start, end], …])
 *   article_fingerprints  article, words: the body-word hashes the near-duplicate index compares
 *                 (src/dedup/shingles.ts bodyWords, 32-bit little-endian). An article has a row once
 *                 it went through the index; one without (stored by another path, or before
 *                 schema 2) is compared and given its row at the next ingest
 *   dup_members   article, grp, kind: one row per article in a near-duplicate group of two or more
 *                 (src/dedup): grp = the id of the group's original (its earliest copy by date, then
 *                 id), kind = original, cross-outlet (the first copy of another outlet: republished)
 *                 or within-outlet (a further copy of an outlet that already had one: rewritten or
 *                 filed again). An article in no row is a group of one
 *   full-text     the articles' search keys (src/search/keys.ts): SQLite FTS5 `article_fts`
 *                 (contentless, unicode61), PostgreSQL `articles.tsv` (to_tsvector('simple', keys),
 *                 GIN); the same for entity and speaker names (entity_fts, speaker_fts / tsv columns)
 *
 * Token and sentence layers are not stored (they are the bulk of a Doc and cheap to recompute);
 * {@link StoredDoc} gives text, meta, blocks, entities and attributions.
 *
 * ## Ranking
 *
 * BM25 exactly as SQLite FTS5's bm25() computes it (k1 = 1.2, b = 0.75, one column):
 *
 *   score(d) = − Σ_i idf_i · f_i·(k1+1) / (f_i + k1·(1 − b + b·|d|/avgdl)),  summed in query order
 *   idf_i    = ln((N − n_i + 0.5) / (n_i + 0.5)), and 1e−6 when that is ≤ 0
 *
 * over the plan's positive phrases i: f_i the occurrences of the phrase in d, n_i the articles that
 * contain it, N the articles, |d| the article's terms, avgdl the mean. SQLite takes FTS5's bm25();
 * PostgreSQL computes the same expression in SQL, in the same order of operations on float8 (tf from
 * the tsvector's positions, df by counting, N and Σ|d| from the stats row), so both produce the
 * same doubles. Lower is better; ties go to the smaller id (the order articles were stored in,
 * which the same input gives in both engines). A query without positive words is not ranked:
 * newest day first, then id.
 */
import type { AttributionType, DateRange, SearchPlan } from '../search/query.js';
import type { EntityFilter, EntitySummary } from './entity-stats.js';
export type { EntityFilter, EntitySummary } from './entity-stats.js';
import type { SearchDataSink } from '../search/collection-index.js';
import type { AttributionJSON, BlockType, DocJSON, EntityType, SpanJSON } from '../doc/index.js';
import type { Fingerprint } from '../dedup/relation.js';

/** [start, end) offsets into the article text. */
export type Offsets = [number, number];

export interface AttributionRow {
  type: AttributionType;
  cue: Offsets;
  source: Offsets | null;
  speaker: Offsets | null;
  content: Offsets;
  medium: Offsets | null;
  via: Offsets[];
  hedge: Offsets | null;
  /** the speaker's key (entity-style), null without a speaker */
  speakerKey: string | null;
}

export interface MentionRow {
  start: number;
  end: number;
  type: EntityType;
  /** document-level entity number (e3 → 3) */
  docEntity: number;
  key: string;
}

/** What the analysis of one article contributes to the store (compact, from a worker). */
export interface ArticleAnalysis {
  /** the search keys (src/search/keys.ts): terms separated by single spaces */
  keys: string;
  /** number of terms in `keys` */
  nKeys: number;
  blocks: Array<[number, number, BlockType]>;
  mentions: MentionRow[];
  attributions: AttributionRow[];
  /** the near-duplicate fingerprint (src/collection/dups.ts), when computed with the analysis */
  dedup?: DedupPrint;
}

/** What the near-duplicate index needs of an article, computed on the analysis worker. */
export interface DedupPrint {
  /** body-word hashes (src/dedup/shingles.ts): what is stored and what everything else derives from */
  words: Uint32Array;
  /** the fingerprint of those words (time not set: the ingest thread takes it from the date) */
  fingerprint: Fingerprint;
  /** its LSH bucket keys */
  keys: Uint32Array;
}

/** How a copy relates to its group (src/dedup/syndication.ts). */
export type DupKind = 'original' | 'cross-outlet' | 'within-outlet';
export const DUP_KINDS: readonly DupKind[] = ['original', 'cross-outlet', 'within-outlet'];

/** An article's place among near-duplicates: its group (the original's id) and kind; null for a group of one. */
export interface DupAssignment {
  article: number;
  group: number | null;
  kind: DupKind | null;
}

/** A new article of a batch, once written: its position in the batch and its id. */
export interface IngestedArticle {
  item: number;
  id: number;
}

/**
 * Called inside a batch's transaction once its new articles have ids: returns the group changes
 * they cause (theirs and older articles'), which are written in the same transaction together with
 * the new articles' fingerprints.
 */
export type DedupHook = (ingested: readonly IngestedArticle[]) => DupAssignment[];

export interface WriteOptions {
  /** group the new articles (src/collection/dups.ts); without it they get no fingerprint row */
  dedup?: DedupHook;
}

/** One stored article as the near-duplicate index is rebuilt from it ({@link Store.dedupState}). */
export interface DedupStateRow {
  id: number;
  outletKey: string | null;
  date: string | null;
  group: number | null;
  kind: DupKind | null;
  /** null when the article has no fingerprint row yet */
  words: Uint32Array | null;
}

/** A member of a near-duplicate group, for listings. */
export interface DupMember {
  id: number;
  docId: string;
  title: string | null;
  outlet: string | null;
  date: string | null;
  url: string | null;
  kind: DupKind;
}

export interface DupGroup {
  /** the group's id: its original's numeric id */
  group: number;
  size: number;
  /** the original first, then by date (undated last), then id */
  members: DupMember[];
}

/** One ingested record, as the sources table keeps it. */
export interface SourceRef {
  /** what identifies the record across runs: its source and its id */
  key: string;
  recordId: string;
  /** content hash of the text (see src/collection/hash.ts) */
  hash: string;
  origin?: string;
  url?: string;
  outlet?: string;
  date?: string;
}

export interface ArticleMetaInput {
  title?: string;
  url?: string;
  outlet?: string;
  date?: string;
  author?: string;
  [field: string]: unknown;
}

export type BatchItem =
  /** a record whose text is not yet stored */
  | { kind: 'article'; source: SourceRef; text: string; meta: ArticleMetaInput; analysis: ArticleAnalysis }
  /** a record whose text is (or, earlier in the same batch, will be) stored: only its source is added */
  | { kind: 'source'; source: SourceRef };

/** What happened to each item of a batch. */
export type ItemOutcome = 'ingested' | 'duplicate' | 'already' | { failed: string };

export interface StoreCounts {
  articles: number;
  sources: number;
  blocks: number;
  entities: number;
  mentions: number;
  speakers: number;
  attributions: number;
}

export interface RankedHit {
  /** the store's numeric id */
  id: number;
  docId: string;
  /** the near-duplicate group (its original's id), null when the article is in none */
  dupGroup: number | null;
  /** BM25 as FTS5 gives it (negative, lower is better); 0 for unranked queries */
  score: number;
  title: string | null;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

export interface HitPage {
  /** all articles matching (collapsed: all groups with a matching member) */
  total: number;
  hits: RankedHit[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface NamedFacetCount extends FacetCount {
  /** the key counted by; `value` is a surface form seen for it */
  key: string;
  type?: EntityType;
}

export interface Facets {
  /** articles per outlet, most first */
  outlet: FacetCount[];
  /** articles per month (YYYY-MM), in order */
  month: FacetCount[];
  /** attributions per speaker in the matching articles, most first */
  speaker: NamedFacetCount[];
  /** matching articles mentioning each entity, most first */
  entity: NamedFacetCount[];
}

export interface QuoteFilter {
  /** phrases the speaker's name must contain (all) */
  speakers?: string[][];
  /** phrases an entity mentioned inside the quoted content must contain (all) */
  entities?: string[][];
  /** outlet keys (any) */
  outlets?: string[];
  types?: AttributionType[];
  date?: DateRange;
  /** only in these articles (doc ids) */
  docIds?: string[];
  /** statements whose speaker (else source) holds a mention of this entity (id) */
  speakerEntity?: number;
  /** statements whose content holds a mention of this entity (id) */
  aboutEntity?: number;
}

export interface QuoteRow {
  docId: string;
  idx: number;
  date: string | null;
  outlet: string | null;
  url: string | null;
  title: string | null;
  type: AttributionType;
  speakerKey: string | null;
  cue: SpanJSON;
  source: SpanJSON | null;
  speaker: SpanJSON | null;
  content: SpanJSON;
  medium: SpanJSON | null;
  via: SpanJSON[];
  hedge: SpanJSON | null;
}

export interface MentionExportRow {
  docId: string;
  idx: number;
  entity: string;
  type: EntityType;
  key: string;
  start: number;
  end: number;
  text: string;
}

export interface StoredSource {
  key: string;
  recordId: string;
  origin: string | null;
  url: string | null;
  outlet: string | null;
  date: string | null;
}

/** An article as stored: a Doc without tokens and sentences, plus its sources. */
export interface StoredDoc extends DocJSON {
  sources: StoredSource[];
}

export interface PageOptions {
  limit?: number;
  offset?: number;
}

export interface ScanOptions {
  /** called now and then with the rows read so far */
  progress?: (rows: number) => void;
  /** stops the scan (it rejects with the signal's reason) */
  signal?: AbortSignal;
}

export interface SearchPageOptions extends PageOptions {
  /**
   * one hit per near-duplicate group: its best-ranked matching member (ranked: lowest score, then
   * id; unranked: newest day, then id); the total counts groups. Default false (every copy).
   */
  collapse?: boolean;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** where it is: a file path or a URL without its password */
  readonly location: string;

  /** Which of these source keys are stored, and which of these hashes belong to a stored article. */
  lookup(sourceKeys: readonly string[], hashes: readonly string[]): Promise<{ sources: Set<string>; hashes: Set<string> }>;
  /**
   * Writes a batch in one transaction: articles with their layers, index rows and sources; items
   * whose source is already stored are `already`; an article whose hash is stored becomes a
   * `duplicate` (its source is added). Nothing of the batch is stored when it throws.
   */
  writeBatch(items: readonly BatchItem[], options?: WriteOptions): Promise<ItemOutcome[]>;
  /** Merges the full-text index segments after a large ingest (quicker queries). */
  optimize(): Promise<void>;

  counts(): Promise<StoreCounts>;
  /** The schema version of the open database. */
  schemaVersion(): Promise<number>;

  /** Ranked (or, without positive phrases, date-ordered) matching articles. */
  search(plan: SearchPlan, page?: SearchPageOptions): Promise<HitPage>;
  /** Facet counts over every matching article; `top` caps speakers and entities (default 10). */
  facets(plan: SearchPlan, top?: number): Promise<Facets>;
  /** The texts of articles by numeric id. */
  texts(ids: readonly number[]): Promise<Map<number, string>>;
  /**
   * Reads everything an in-memory search index needs (src/search/collection-index.ts) into `sink`:
   * articles, the postings of the three full-text indexes, attributions, entity mentions per
   * article, names and near-duplicate groups. Runs in slices, giving the event loop back between
   * them, so that a server keeps answering while it reads.
   */
  scanSearchData(sink: SearchDataSink, options?: ScanOptions): Promise<void>;
  /**
   * A value that changes whenever what {@link scanSearchData} reads changes (articles written, groups
   * changed), here or by another process; cheap enough to ask every second.
   */
  searchVersion(): Promise<string>;
  /** An article by doc id, or undefined. */
  getDoc(docId: string): Promise<StoredDoc | undefined>;

  /** Attributions matching the filter: newest day first, then article id and position; streamed. */
  quotes(filter: QuoteFilter, page?: PageOptions): AsyncGenerator<QuoteRow>;
  /** Every article in id order, streamed. */
  exportArticles(): AsyncGenerator<StoredDoc>;
  /** Every entity mention in article order, streamed. */
  exportMentions(): AsyncGenerator<MentionExportRow>;
  /** Every attribution in article order, streamed. */
  exportAttributions(): AsyncGenerator<QuoteRow>;

  /** Every article's near-duplicate state in id order, streamed (to rebuild the index). */
  dedupState(): AsyncGenerator<DedupStateRow>;
  /** Texts and block layers of articles by id (to fingerprint articles stored without one). */
  articleBlocks(ids: readonly number[]): Promise<Map<number, { text: string; blocks: Array<[number, number, BlockType]> }>>;
  /** Writes fingerprints and group changes in one transaction. */
  writeDedup(fingerprints: ReadonlyArray<{ article: number; words: Uint32Array }>, assignments: readonly DupAssignment[]): Promise<void>;
  /** Near-duplicate groups of at least `minSize` (default 2), largest first (ties: group id), with their members. */
  dupGroups(options?: { minSize?: number; limit?: number; offset?: number }): Promise<{ total: number; groups: DupGroup[] }>;
  /** The members of these groups, each list the original first, then by date, then id. */
  dupMembers(groups: readonly number[]): Promise<Map<number, DupMember[]>>;
  /** The group of each of these articles (doc ids) that is in one. */
  dupGroupsOf(docIds: readonly string[]): Promise<Map<string, number>>;

  /** The sources of these articles (by id), each list ordered by key as in getDoc. */
  sources(ids: readonly number[]): Promise<Map<number, StoredSource[]>>;
  /** Entities matching the filter, most articles first (ties: id), with how many match in all. */
  entities(filter: EntityFilter, page?: PageOptions): Promise<{ total: number; entities: EntitySummary[] }>;
  /** One entity by id, or undefined. */
  entity(id: number): Promise<EntitySummary | undefined>;
  /** Articles mentioning the entity per month (YYYY-MM), in order. */
  entityTimeline(id: number): Promise<FacetCount[]>;
  /** The entities most often mentioned in the same articles as this one: articles in common, most first (ties: id). */
  coMentioned(id: number, limit: number): Promise<Array<Omit<EntitySummary, 'mentions'>>>;

  close(): Promise<void>;
}

/** Errors of the store layer: a code and what to do. */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * Between two slices of a long scan (scanSearchData): gives the event loop back, and stops the scan
 * (rejects) when its signal was aborted.
 */
export function scanPause(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      if (signal?.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('ISNAD_SCAN_ABORTED: the scan was stopped'));
      else resolve();
    }),
  );
}

/** The default database file. */
export const DEFAULT_DB = 'isnad.db';

export const isPostgresUrl = (s: string): boolean => /^postgres(?:ql)?:\/\//i.test(s);

/**
 * Opens (creating and migrating as needed) the store at `location`: a postgres:// or postgresql://
 * URL, else a SQLite file path (default {@link DEFAULT_DB}, or $ISNAD_DB). `mustExist`: a missing
 * SQLite file is an error (ISNAD_STORE_NOT_FOUND) instead of a new database.
 */
export async function openStore(location?: string, options: { mustExist?: boolean; mmap?: number; cacheMb?: number } = {}): Promise<Store> {
  const where = location ?? process.env.ISNAD_DB ?? DEFAULT_DB;
  if (isPostgresUrl(where)) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(where);
  }
  const { SqliteStore } = await import('./sqlite.js');
  return SqliteStore.open(where, options);
}

/** Rebuilds the span objects of a stored attribution against its article text. */
export function attributionJSON(text: string, a: AttributionRow): AttributionJSON {
  const sp = (o: Offsets): SpanJSON => ({ start: o[0], end: o[1], text: text.slice(o[0], o[1]) });
  const opt = (o: Offsets | null): SpanJSON | null => (o ? sp(o) : null);
  return {
    cue: sp(a.cue),
    source: opt(a.source),
    speaker: opt(a.speaker),
    content: sp(a.content),
    type: a.type,
    medium: opt(a.medium),
    via: a.via.map(sp),
    hedge: opt(a.hedge),
  };
}

/** Body-word hashes as stored: 32-bit little-endian. */
export function wordsToBytes(words: Uint32Array): Buffer {
  const b = Buffer.allocUnsafe(words.length * 4);
  for (let i = 0; i < words.length; i++) b.writeUInt32LE(words[i]!, i * 4);
  return b;
}

export function wordsFromBytes(bytes: Uint8Array): Uint32Array {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(b.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

/** Members of a group in listing order: the original, then by date (undated last), then id. */
export function sortMembers(members: DupMember[]): DupMember[] {
  // each date parsed once, not at every comparison (groups of syndicated copies run to 100 and more)
  const time = new Map<DupMember, number>();
  for (const m of members) {
    const x = m.date === null ? NaN : Date.parse(m.date);
    time.set(m, Number.isFinite(x) ? x : Infinity);
  }
  return members.sort((a, b) => (a.kind === 'original' ? -1 : b.kind === 'original' ? 1 : time.get(a)! - time.get(b)! || a.id - b.id));
}

/** The day (YYYY-MM-DD) of a date string as the source gave it, when it starts with one. */
export function dayOf(date: string | undefined | null): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
