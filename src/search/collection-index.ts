/**
 * A collection's search index in memory: what a query needs from the store — the articles'
 * full-text index, their outlet, day, month, attribution types and near-duplicate group, which
 * articles mention which entities and quote which speakers, and the full-text indexes of entity and
 * speaker names — read once into typed arrays (src/store: scanSearchData), so that a query costs
 * loops over postings instead of SQL. A long-running server keeps one (src/server/live-index.ts).
 *
 * It answers a {@link SearchPlan} exactly as the stores do: the same matches, the same BM25 doubles
 * (src/search/bm25.ts), the same order (score, then id; unranked: newest day, then id), the same
 * collapsing of near-duplicates and the same facet counts. The stores' SQL stays the reference:
 * tests compare the two on random plans.
 *
 *   const b = new CollectionIndexBuilder();
 *   await store.scanSearchData(b);
 *   const index = b.build();
 *   index.search(plan, { limit: 10, collapse: true }, ln)   // { total, hits: [{ id, score, group }] }
 *
 * Pure: no I/O. Article, entity and speaker ids index the arrays directly (stores hand them out
 * densely from 1).
 */
import type { EntityType } from '../doc/index.js';
import type { DupMember } from '../store/store.js';
import { bm25, idf, lengthNorm, type Ln } from './bm25.js';
import type { AttributionType, SearchPlan } from './query.js';
import { MAX_TERMS } from './keys.js';
import type { PhrasePositions } from './snippets.js';
import { TermIndex, TermIndexBuilder, advance, phraseMatches, phraseStartsIn, type Matches, type SizeHint } from './term-index.js';

/** Which full-text index a posting belongs to. */
export type IndexField = 'article' | 'entity' | 'speaker';

/** What a store feeds the builder while it reads its tables (any order within each kind, see each method). */
export interface SearchDataSink {
  /** one stored article */
  article(a: IndexedArticle): void;
  /** how many postings and positions a full-text index will bring (optional: storage is then allocated once) */
  expect?(field: IndexField, hint: SizeHint): void;
  /** positions of a term in one document of a full-text index; per term, documents in ascending order */
  term(field: IndexField, term: string, doc: number, positions: ArrayLike<number>): void;
  /** one attribution */
  attribution(article: number, speaker: number | null, type: AttributionType): void;
  /** an article mentions an entity (one call per pair) */
  articleEntity(article: number, entity: number): void;
  entity(id: number, type: EntityType, key: string, text: string): void;
  speaker(id: number, key: string, text: string): void;
  /** an article's near-duplicate group (the original's id), with what a listing of the group shows of it */
  dupMember(article: number, group: number, member: DupMember): void;
}

/** What the index keeps of an article: what filters, ranks and shows it in a list of hits. */
export interface IndexedArticle {
  id: number;
  /** terms in its full-text keys */
  nKeys: number;
  outletKey: string | null;
  outlet: string | null;
  day: string | null;
  month: string | null;
  docId: string;
  title: string | null;
  date: string | null;
  url: string | null;
  /** it has a source whose outlet or URL is not its own (an exact duplicate published elsewhere) */
  otherSources: boolean;
}

export interface IndexPage {
  limit?: number;
  offset?: number;
  collapse?: boolean;
}

export interface IndexHit {
  id: number;
  /** BM25 (lower is better); 0 for unranked plans */
  score: number;
  /** near-duplicate group, null when in none */
  group: number | null;
}

export interface IndexFacetCount {
  value: string;
  count: number;
}

export interface IndexNamedFacetCount extends IndexFacetCount {
  key: string;
  type?: EntityType;
}

export interface IndexFacets {
  outlet: IndexFacetCount[];
  month: IndexFacetCount[];
  speaker: IndexNamedFacetCount[];
  entity: IndexNamedFacetCount[];
}

const TYPE_BIT: Record<AttributionType, number> = { direct: 1, indirect: 2, mixed: 4 };

/** Order of SQLite's BINARY collation (UTF-8 bytes, i.e. code points), which JS's `<` on UTF-16 misses above U+D7FF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** `YYYY-MM-DD` → YYYYMMDD (0 for none): the same order as the strings. */
function dayNumber(day: string | null | undefined): number {
  if (!day) return 0;
  const n = Number(day.slice(0, 4)) * 10000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
  return Number.isFinite(n) ? n : 0;
}

/** Compressed rows: the values of row r are data[start[r], start[r + 1]). */
interface Rows {
  start: Uint32Array;
  data: Int32Array;
}

/** Rows from (row, value) pairs, values in the order given within each row. */
function rowsOf(rowOf: Int32Array, value: Int32Array, n: number, rowCount: number): Rows {
  const start = new Uint32Array(rowCount + 1);
  for (let i = 0; i < n; i++) start[rowOf[i]! + 1]!++;
  for (let r = 0; r < rowCount; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, rowCount);
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[next[rowOf[i]!]!++] = value[i]!;
  return { start, data };
}

class Pairs {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  length = 0;
  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      const a = new Int32Array(this.a.length * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.b.length * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

/** Strings by id, kept as one long string and offsets: a few objects for the collector, not one per value. */
class StringColumn {
  private readonly parts: string[] = [];
  private readonly ids: number[] = [];
  private readonly nulls: boolean[] = [];
  private data = '';
  private start = new Int32Array(0);
  private length = new Int32Array(0);

  add(id: number, value: string | null): void {
    this.ids.push(id);
    this.parts.push(value ?? '');
    this.nulls.push(value === null);
  }

  /** Lays the values out for ids up to `size` − 1 (null where none was given). */
  seal(size: number): this {
    this.start = new Int32Array(size);
    this.length = new Int32Array(size).fill(-1);
    let at = 0;
    this.parts.forEach((v, i) => {
      const id = this.ids[i]!;
      this.start[id] = at;
      this.length[id] = this.nulls[i] ? -1 : v.length;
      at += v.length;
    });
    this.data = this.parts.join('');
    this.parts.length = 0;
    this.ids.length = 0;
    this.nulls.length = 0;
    return this;
  }

  get(id: number): string | null {
    const n = id >= 0 && id < this.length.length ? this.length[id]! : -1;
    return n < 0 ? null : this.data.slice(this.start[id]!, this.start[id]! + n);
  }

  get bytes(): number {
    return this.start.byteLength + this.length.byteLength + this.data.length * 2;
  }
}

/** Interned strings: a code per distinct value. */
class Codes {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  code(v: string | null): number {
    if (v === null) return -1;
    let c = this.map.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.map.set(v, c);
    }
    return c;
  }
  get(v: string): number | undefined {
    return this.map.get(v);
  }
}

/** Ids index arrays directly: refuses ids so sparse that the arrays would dwarf what they hold. */
function dense(what: string, maxId: number, count: number): void {
  if (maxId > 4 * count + 1_000_000) throw new Error(`ISNAD_INDEX_SPARSE: ${what} ids run to ${maxId} for ${count} rows; the in-memory index needs ids handed out densely`);
}

export class CollectionIndexBuilder implements SearchDataSink {
  private readonly articles: Array<[number, number, number, number, number, number]> = [];
  private readonly outletKeys = new Codes();
  private readonly outlets = new Codes();
  private readonly months = new Codes();
  private readonly text: Record<IndexField, TermIndexBuilder> = { article: new TermIndexBuilder(), entity: new TermIndexBuilder(), speaker: new TermIndexBuilder() };
  private readonly attributions = { article: new Pairs(), speakerType: new Pairs() };
  private readonly articleEntities = new Pairs();
  private readonly entityInfo: Array<[number, EntityType, string, string]> = [];
  private readonly speakerInfo: Array<[number, string, string]> = [];
  private readonly groups = new Pairs();
  private readonly members = new Map<number, DupMember[]>();
  private readonly docIds = new StringColumn();
  private readonly titles = new StringColumn();
  private readonly dates = new StringColumn();
  private readonly urls = new StringColumn();
  private readonly otherSources: number[] = [];

  article(a: IndexedArticle): void {
    this.articles.push([a.id, a.nKeys, this.outletKeys.code(a.outletKey), this.outlets.code(a.outlet), dayNumber(a.day), this.months.code(a.month)]);
    this.docIds.add(a.id, a.docId);
    this.titles.add(a.id, a.title);
    this.dates.add(a.id, a.date);
    this.urls.add(a.id, a.url);
    if (a.otherSources) this.otherSources.push(a.id);
  }
  expect(field: IndexField, hint: SizeHint): void {
    this.text[field].expect(hint);
  }
  term(field: IndexField, term: string, doc: number, positions: ArrayLike<number>): void {
    this.text[field].add(term, doc, positions);
  }
  attribution(article: number, speaker: number | null, type: AttributionType): void {
    this.attributions.article.push(article, speaker ?? -1);
    this.attributions.speakerType.push(speaker ?? -1, TYPE_BIT[type]);
  }
  articleEntity(article: number, entity: number): void {
    this.articleEntities.push(article, entity);
  }
  entity(id: number, type: EntityType, key: string, text: string): void {
    this.entityInfo.push([id, type, key, text]);
  }
  speaker(id: number, key: string, text: string): void {
    this.speakerInfo.push([id, key, text]);
  }
  dupMember(article: number, group: number, member: DupMember): void {
    this.groups.push(article, group);
    let list = this.members.get(group);
    if (!list) this.members.set(group, (list = []));
    list.push(member);
  }

  /** Postings read so far (for progress). */
  get postings(): number {
    return this.text.article.postings;
  }

  build(): CollectionIndex {
    let maxId = 0;
    for (const a of this.articles) maxId = Math.max(maxId, a[0]);
    dense('article', maxId, this.articles.length);
    const size = maxId + 1;
    const exists = new Uint8Array(size);
    const nKeys = new Uint16Array(size);
    const outletKey = new Int32Array(size).fill(-1);
    const outlet = new Int32Array(size).fill(-1);
    const day = new Int32Array(size);
    const month = new Int32Array(size).fill(-1);
    let totalKeys = 0;
    for (const [id, n, ok, o, d, m] of this.articles) {
      exists[id] = 1;
      nKeys[id] = n;
      totalKeys += n;
      outletKey[id] = ok;
      outlet[id] = o;
      day[id] = d;
      month[id] = m;
    }
    // an article whose keys were cut (a term past 255 occurrences, or past the term cap) has index
    // positions that no longer count its terms one by one: its snippets are found by analysis
    const articles = this.text.article.build();
    const capped = new Uint8Array(size);
    for (let j = 0; j < articles.freqs.length; j++) if (articles.freqs[j]! >= 255 && articles.docs[j]! < size) capped[articles.docs[j]!] = 1;
    for (let id = 0; id < size; id++) if (nKeys[id]! >= MAX_TERMS) capped[id] = 1;
    const otherSources = new Uint8Array(size);
    for (const id of this.otherSources) otherSources[id] = 1;
    const group = new Int32Array(size).fill(-1);
    for (let i = 0; i < this.groups.length; i++) if (this.groups.a[i]! < size) group[this.groups.a[i]!] = this.groups.b[i]!;

    // attributions: types per article; per speaker the articles (ascending) with the types it has there; per article its speakers
    const types = new Uint8Array(size);
    const at = this.attributions;
    let maxSpeaker = 0;
    for (const [id] of this.speakerInfo) maxSpeaker = Math.max(maxSpeaker, id);
    for (let i = 0; i < at.article.length; i++) maxSpeaker = Math.max(maxSpeaker, at.speakerType.a[i]!);
    dense('speaker', maxSpeaker, this.speakerInfo.length);
    for (let i = 0; i < at.article.length; i++) {
      const a = at.article.a[i]!;
      if (a < size) types[a]! |= at.speakerType.b[i]!;
    }
    const withSpeaker: number[] = [];
    for (let i = 0; i < at.article.length; i++) if (at.article.b[i]! >= 0 && at.article.a[i]! < size) withSpeaker.push(i);
    const spkRow = new Int32Array(withSpeaker.length);
    const spkVal = new Int32Array(withSpeaker.length);
    withSpeaker.forEach((i, k) => {
      spkRow[k] = at.article.b[i]!;
      spkVal[k] = i; // the attribution's ordinal, resolved below
    });
    // per speaker: attributions by article ascending (the pairs arrive in any order: sort each row)
    const bySpeaker = rowsOf(spkRow, spkVal, withSpeaker.length, maxSpeaker + 1);
    const speakerArticles = new Int32Array(bySpeaker.data.length);
    const speakerTypes = new Uint8Array(bySpeaker.data.length);
    const speakerStart = new Uint32Array(maxSpeaker + 2);
    let w = 0;
    for (let s = 0; s <= maxSpeaker; s++) {
      speakerStart[s] = w;
      const from = bySpeaker.start[s]!;
      const to = bySpeaker.start[s + 1]!;
      const row = Array.from(bySpeaker.data.subarray(from, to)).sort((x, y) => at.article.a[x]! - at.article.a[y]!);
      for (const i of row) {
        const a = at.article.a[i]!;
        if (w > speakerStart[s]! && speakerArticles[w - 1] === a) speakerTypes[w - 1]! |= at.speakerType.b[i]!;
        else {
          speakerArticles[w] = a;
          speakerTypes[w++] = at.speakerType.b[i]!;
        }
      }
    }
    speakerStart[maxSpeaker + 1] = w;
    const articleSpeakerRows = rowsOf(
      Int32Array.from(withSpeaker, (i) => at.article.a[i]!),
      Int32Array.from(withSpeaker, (i) => at.article.b[i]!),
      withSpeaker.length,
      size,
    );

    // entities: per entity its articles (ascending), per article its entities
    let maxEntity = 0;
    for (const [id] of this.entityInfo) maxEntity = Math.max(maxEntity, id);
    const ae = this.articleEntities;
    for (let i = 0; i < ae.length; i++) maxEntity = Math.max(maxEntity, ae.b[i]!);
    dense('entity', maxEntity, this.entityInfo.length);
    const keep: number[] = [];
    for (let i = 0; i < ae.length; i++) if (ae.a[i]! < size) keep.push(i);
    const aeArticle = Int32Array.from(keep, (i) => ae.a[i]!);
    const aeEntity = Int32Array.from(keep, (i) => ae.b[i]!);
    const entityRows = rowsOf(aeEntity, aeArticle, keep.length, maxEntity + 1);
    for (let e = 0; e <= maxEntity; e++) entityRows.data.subarray(entityRows.start[e]!, entityRows.start[e + 1]!).sort();
    const articleEntityRows = rowsOf(aeArticle, aeEntity, keep.length, size);

    const entityType: EntityType[] = new Array<EntityType>(maxEntity + 1);
    const entityKey: string[] = new Array<string>(maxEntity + 1);
    const entityText: string[] = new Array<string>(maxEntity + 1);
    for (const [id, type, key, text] of this.entityInfo) {
      entityType[id] = type;
      entityKey[id] = key;
      entityText[id] = text;
    }
    const speakerKey: string[] = new Array<string>(maxSpeaker + 1);
    const speakerText: string[] = new Array<string>(maxSpeaker + 1);
    for (const [id, key, text] of this.speakerInfo) {
      speakerKey[id] = key;
      speakerText[id] = text;
    }

    return new CollectionIndex({
      count: this.articles.length,
      totalKeys,
      maxId,
      exists,
      nKeys,
      outletKey,
      outletKeyCodes: this.outletKeys,
      outlet,
      outletNames: this.outlets.values,
      day,
      month,
      monthNames: this.months.values,
      types,
      group,
      articles,
      capped,
      members: this.members,
      docIds: this.docIds.seal(size),
      titles: this.titles.seal(size),
      dates: this.dates.seal(size),
      urls: this.urls.seal(size),
      otherSources,
      entityNames: this.text.entity.build(),
      speakerNames: this.text.speaker.build(),
      speakerStart,
      speakerArticles,
      speakerTypes,
      articleSpeakers: articleSpeakerRows,
      entityArticles: entityRows,
      articleEntities: articleEntityRows,
      entityType,
      entityKey,
      entityText,
      speakerKey,
      speakerText,
    });
  }
}

interface Parts {
  count: number;
  totalKeys: number;
  maxId: number;
  exists: Uint8Array;
  nKeys: Uint16Array;
  outletKey: Int32Array;
  outletKeyCodes: Codes;
  outlet: Int32Array;
  outletNames: string[];
  day: Int32Array;
  month: Int32Array;
  monthNames: string[];
  types: Uint8Array;
  group: Int32Array;
  articles: TermIndex;
  capped: Uint8Array;
  members: Map<number, DupMember[]>;
  docIds: StringColumn;
  titles: StringColumn;
  dates: StringColumn;
  urls: StringColumn;
  otherSources: Uint8Array;
  entityNames: TermIndex;
  speakerNames: TermIndex;
  speakerStart: Uint32Array;
  speakerArticles: Int32Array;
  speakerTypes: Uint8Array;
  articleSpeakers: Rows;
  entityArticles: Rows;
  articleEntities: Rows;
  entityType: EntityType[];
  entityKey: string[];
  entityText: string[];
  speakerKey: string[];
  speakerText: string[];
}

/** A bounded heap of the best (lowest key, then lowest id) entries seen. */
class TopK {
  readonly keys: Float64Array;
  readonly ids: Int32Array;
  size = 0;
  constructor(readonly k: number) {
    this.keys = new Float64Array(Math.max(1, k));
    this.ids = new Int32Array(Math.max(1, k));
  }
  /** a worse than b: higher key, then higher id */
  private worse(i: number, j: number): boolean {
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    return a > b || (a === b && this.ids[i]! > this.ids[j]!);
  }
  offer(key: number, id: number): void {
    const k = this.k;
    if (k === 0) return;
    if (this.size < k) {
      let i = this.size++;
      this.keys[i] = key;
      this.ids[i] = id;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const topKey = this.keys[0]!;
    if (key > topKey || (key === topKey && id > this.ids[0]!)) return;
    this.keys[0] = key;
    this.ids[0] = id;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const d = this.ids[i]!;
    this.ids[i] = this.ids[j]!;
    this.ids[j] = d;
  }
  /** Entries best first. */
  sorted(): Array<{ key: number; id: number }> {
    const out: Array<{ key: number; id: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ key: this.keys[i]!, id: this.ids[i]! });
    return out.sort((a, b) => a.key - b.key || a.id - b.id);
  }
}

/** The per-query test of every filter but the text: outlet, date, types, speakers, entities, exclusions. */
interface Filter {
  outlets: Uint8Array | null;
  dayFrom: number;
  dayTo: number;
  typeMask: number;
  /** articles each speaker:/entity: filter allows (all must) */
  sets: Uint8Array[];
  /** the smallest set's members, ascending: candidates for unranked plans */
  smallest: Int32Array | null;
  excluded: Uint8Array | null;
  /** nothing to check */
  trivial: boolean;
}

export class CollectionIndex {
  /** articles */
  readonly count: number;
  readonly maxId: number;
  readonly avgdl: number;
  private readonly p: Parts;
  // scratch for collapsing, reused between queries
  private stamp: Uint32Array;
  private generation = 0;
  private bestKey: Float64Array;
  private bestId: Int32Array;
  /** the matches of the query being answered (ids ascending) and their sort keys */
  private readonly matchIds: Int32Array;
  private readonly matchKeys: Float64Array;
  /** each article's BM25 length part (bm25.ts lengthNorm) */
  private readonly norm: Float64Array;
  /** facet counting scratch, all zero between calls */
  private speakerCounts: Int32Array | undefined;
  private entityCounts: Int32Array | undefined;

  constructor(parts: Parts) {
    this.p = parts;
    this.count = parts.count;
    this.maxId = parts.maxId;
    this.avgdl = parts.totalKeys / parts.count;
    this.stamp = new Uint32Array(parts.maxId + 1);
    this.bestKey = new Float64Array(parts.maxId + 1);
    this.bestId = new Int32Array(parts.maxId + 1);
    this.matchIds = new Int32Array(parts.maxId + 1);
    this.matchKeys = new Float64Array(parts.maxId + 1);
    this.norm = new Float64Array(parts.maxId + 1);
    for (let id = 0; id <= parts.maxId; id++) this.norm[id] = lengthNorm(parts.nKeys[id]!, this.avgdl);
  }

  /** Postings of the articles' full-text index. */
  get postings(): number {
    return this.p.articles.postings;
  }

  /** Distinct terms of the articles' full-text index. */
  get terms(): number {
    return this.p.articles.size;
  }

  /** Bytes held by typed arrays (strings and maps not counted). */
  get bytes(): number {
    const p = this.p;
    let n = p.articles.bytes + p.entityNames.bytes + p.speakerNames.bytes;
    n += p.docIds.bytes + p.titles.bytes + p.dates.bytes + p.urls.bytes;
    for (const a of [p.exists, p.capped, p.otherSources, p.nKeys, p.outletKey, p.outlet, p.day, p.month, p.types, p.group, p.speakerStart, p.speakerArticles, p.speakerTypes]) n += a.byteLength;
    for (const r of [p.articleSpeakers, p.entityArticles, p.articleEntities]) n += r.start.byteLength + r.data.byteLength;
    return n + this.stamp.byteLength + this.bestKey.byteLength + this.bestId.byteLength + this.matchIds.byteLength + this.matchKeys.byteLength + this.norm.byteLength;
  }

  /** The `n` terms found in the most articles, most first. */
  frequentTerms(n: number): string[] {
    const ix = this.p.articles;
    const all = [...ix.terms.entries()];
    all.sort((a, b) => ix.postStart[b[1] + 1]! - ix.postStart[b[1]]! - (ix.postStart[a[1] + 1]! - ix.postStart[a[1]]!));
    return all.slice(0, n).map(([t]) => t);
  }

  /** The near-duplicate group of an article, null when in none. */
  groupOf(id: number): number | null {
    const g = id >= 0 && id <= this.maxId ? this.p.group[id]! : -1;
    return g >= 0 ? g : null;
  }

  /**
   * Where each positive phrase of the plan occurs in article `id`, by index positions: what its
   * snippet is cut from (src/search/snippets.ts snippetAt). Undefined when the article's positions
   * cannot be trusted for that (its keys were cut), or it is not in the index.
   */
  phrasePositions(id: number, plan: SearchPlan): PhrasePositions[] | undefined {
    if (id < 0 || id > this.maxId || this.p.exists[id] !== 1 || this.p.capped[id] === 1) return undefined;
    return plan.phrases.map((terms) => ({ starts: phraseStartsIn(this.p.articles, id, terms), length: terms.length }));
  }

  /** What a list of hits shows of an article (undefined when it is not in the index). */
  summary(id: number): { docId: string; title: string | null; outlet: string | null; date: string | null; url: string | null } | undefined {
    const p = this.p;
    if (id < 0 || id > this.maxId || p.exists[id] !== 1) return undefined;
    const o = p.outlet[id]!;
    return { docId: p.docIds.get(id)!, title: p.titles.get(id), outlet: o >= 0 ? p.outletNames[o]! : null, date: p.dates.get(id), url: p.urls.get(id) };
  }

  /** Whether an article has a source whose outlet or URL is not its own. */
  hasOtherSources(id: number): boolean {
    return id >= 0 && id <= this.maxId && this.p.otherSources[id] === 1;
  }

  /** The members of a near-duplicate group, in the order the store gave them (undefined for no such group). */
  groupMembers(group: number): readonly DupMember[] | undefined {
    return this.p.members.get(group);
  }

  /** Every near-duplicate group. */
  get groups(): IterableIterator<number> {
    return this.p.members.keys();
  }


  private filter(plan: SearchPlan): Filter {
    const p = this.p;
    const size = this.maxId + 1;
    let outlets: Uint8Array | null = null;
    if (plan.outlets.length > 0) {
      outlets = new Uint8Array(p.outletKeyCodes.values.length + 1);
      for (const o of plan.outlets) {
        const c = p.outletKeyCodes.get(o);
        if (c !== undefined) outlets[c] = 1;
      }
    }
    const dayFrom = plan.date?.from !== undefined ? dayNumber(plan.date.from) : 0;
    const dayTo = plan.date?.to !== undefined ? dayNumber(plan.date.to) : 0;
    let typeMask = 0;
    for (const t of plan.types) typeMask |= TYPE_BIT[t];
    const sets: Uint8Array[] = [];
    let smallest: Int32Array | null = null;
    const consider = (members: Int32Array): void => {
      if (smallest === null || members.length < smallest.length) smallest = members;
    };
    // the articles of every entity (speaker) whose name holds the phrase; for speakers, only where
    // an attribution of the asked types is theirs
    const articlesOf = (owners: Int32Array, start: Uint32Array, articles: Int32Array, types: Uint8Array | null): void => {
      const set = new Uint8Array(size);
      const list: number[] = [];
      for (const o of owners) {
        if (o + 1 >= start.length) continue;
        for (let i = start[o]!; i < start[o + 1]!; i++) {
          if (types !== null && (types[i]! & typeMask) === 0) continue;
          const a = articles[i]!;
          if (set[a] === 0) {
            set[a] = 1;
            list.push(a);
          }
        }
      }
      sets.push(set);
      consider(Int32Array.from(list).sort());
    };
    for (const e of plan.entities) articlesOf(phraseMatches(p.entityNames, e).docs, p.entityArticles.start, p.entityArticles.data, null);
    for (const s of plan.speakers) articlesOf(phraseMatches(p.speakerNames, s).docs, p.speakerStart, p.speakerArticles, typeMask !== 0 ? p.speakerTypes : null);
    let excluded: Uint8Array | null = null;
    if (plan.exclude.length > 0) {
      excluded = new Uint8Array(size);
      for (const x of plan.exclude) {
        const m = phraseMatches(p.articles, x);
        for (let i = 0; i < m.docs.length; i++) excluded[m.docs[i]!] = 1;
      }
    }
    // speaker: with type: holds for one attribution (checked above); type: alone, for any
    const checkTypes = plan.speakers.length > 0 ? 0 : typeMask;
    const trivial = outlets === null && dayFrom === 0 && dayTo === 0 && checkTypes === 0 && sets.length === 0 && excluded === null;
    return { outlets, dayFrom, dayTo, typeMask: checkTypes, sets, smallest, excluded, trivial };
  }

  private allowed(f: Filter, id: number): boolean {
    const p = this.p;
    if (f.outlets !== null) {
      const c = p.outletKey[id]!;
      if (c < 0 || f.outlets[c] === 0) return false;
    }
    if (f.dayFrom !== 0 || f.dayTo !== 0) {
      const d = p.day[id]!;
      if (d === 0) return false;
      if (f.dayFrom !== 0 && d < f.dayFrom) return false;
      if (f.dayTo !== 0 && d >= f.dayTo) return false;
    }
    if (f.typeMask !== 0 && (p.types[id]! & f.typeMask) === 0) return false;
    for (let i = 0; i < f.sets.length; i++) if (f.sets[i]![id] === 0) return false;
    if (f.excluded !== null && f.excluded[id] === 1) return false;
    return true;
  }

  /**
   * Every matching article, in ascending id order, into the scratch arrays `matchIds` and
   * `matchKeys` (its sort key: BM25 for ranked plans, computed with `ln`; else the day turned into
   * an ascending key, newest first and undated last); returns how many.
   */
  private match(plan: SearchPlan, ln: Ln): number {
    const p = this.p;
    const f = this.filter(plan);
    const ids = this.matchIds;
    const keys = this.matchKeys;
    let n = 0;
    if (plan.phrases.length === 0) {
      const day = p.day;
      const take = (id: number): void => {
        if (f.trivial || this.allowed(f, id)) {
          const d = day[id]!;
          ids[n] = id;
          keys[n++] = d === 0 ? Infinity : -d;
        }
      };
      if (f.smallest !== null) for (let i = 0; i < f.smallest.length; i++) take(f.smallest[i]!);
      else for (let id = 0; id <= this.maxId; id++) if (p.exists[id] === 1) take(id);
      return n;
    }
    // every phrase's matches (their count over the whole collection is its document frequency)
    const m = plan.phrases.length;
    const matches: Matches[] = plan.phrases.map((ph) => phraseMatches(p.articles, ph));
    const idfs = new Float64Array(m);
    for (let i = 0; i < m; i++) idfs[i] = idf(this.count, matches[i]!.docs.length, ln);
    if (matches.some((x) => x.docs.length === 0)) return 0;
    const norm = this.norm;
    let driver = 0;
    for (let i = 1; i < m; i++) if (matches[i]!.docs.length < matches[driver]!.docs.length) driver = i;
    const cur = new Int32Array(m);
    const freqs = new Float64Array(m);
    const { docs: dd, freqs: df } = matches[driver]!;
    for (let j = 0; j < dd.length; j++) {
      const d = dd[j]!;
      let all = true;
      for (let i = 0; i < m; i++) {
        if (i === driver) {
          freqs[i] = df[j]!;
          continue;
        }
        const x = matches[i]!;
        const c = advance(x.docs, cur[i]!, x.docs.length, d);
        cur[i] = c;
        if (c >= x.docs.length || x.docs[c] !== d) {
          all = false;
          break;
        }
        freqs[i] = x.freqs[c]!;
      }
      if (!all || (!f.trivial && !this.allowed(f, d))) continue;
      ids[n] = d;
      keys[n++] = bm25(idfs, freqs, norm[d]!);
    }
    return n;
  }

  /** A page of matching articles, best first, and how many match (collapsed: how many groups). */
  search(plan: SearchPlan, page: IndexPage, ln: Ln): { total: number; hits: IndexHit[] } {
    const limit = Math.max(0, page.limit ?? 10);
    const offset = Math.max(0, page.offset ?? 0);
    const top = new TopK(limit + offset);
    const n = this.match(plan, ln);
    const ids = this.matchIds;
    const keys = this.matchKeys;
    let total = 0;
    if (page.collapse !== true) {
      total = n;
      for (let i = 0; i < n; i++) top.offer(keys[i]!, ids[i]!);
    } else {
      // the best member of each group (lowest key, then id); an article in no group stands alone
      const group = this.p.group;
      const gen = this.nextGeneration();
      const stamp = this.stamp;
      const bestKey = this.bestKey;
      const bestId = this.bestId;
      const seen: number[] = [];
      for (let i = 0; i < n; i++) {
        const id = ids[i]!;
        const key = keys[i]!;
        const g = group[id]!;
        if (g < 0 || g > this.maxId) {
          total++;
          top.offer(key, id);
        } else if (stamp[g] !== gen) {
          stamp[g] = gen;
          bestKey[g] = key;
          bestId[g] = id;
          seen.push(g);
        } else if (key < bestKey[g]! || (key === bestKey[g]! && id < bestId[g]!)) {
          bestKey[g] = key;
          bestId[g] = id;
        }
      }
      total += seen.length;
      for (const g of seen) top.offer(bestKey[g]!, bestId[g]!);
    }
    const ranked = plan.phrases.length > 0;
    const hits = top
      .sorted()
      .slice(offset)
      .map((h) => ({ id: h.id, score: ranked ? h.key : 0.0, group: this.groupOf(h.id) }));
    return { total, hits };
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** Facet counts over every matching article (never collapsed); `top` caps speakers and entities. */
  facets(plan: SearchPlan, top: number, ln: Ln): IndexFacets {
    const p = this.p;
    // counts per speaker and entity in scratch arrays kept zero between calls (only what was counted is reset)
    const speakerCounts = (this.speakerCounts ??= new Int32Array(p.speakerKey.length));
    const entityCounts = (this.entityCounts ??= new Int32Array(p.entityKey.length));
    const speakers: number[] = [];
    const entities: number[] = [];
    try {
      return this.countFacets(plan, top, ln, speakerCounts, entityCounts, speakers, entities);
    } finally {
      for (const s of speakers) speakerCounts[s] = 0;
      for (const e of entities) entityCounts[e] = 0;
    }
  }

  private countFacets(plan: SearchPlan, top: number, ln: Ln, speakerCounts: Int32Array, entityCounts: Int32Array, speakers: number[], entities: number[]): IndexFacets {
    const p = this.p;
    const outletCounts = new Int32Array(p.outletNames.length);
    const monthCounts = new Int32Array(p.monthNames.length);
    const as = p.articleSpeakers;
    const ae = p.articleEntities;
    const n = this.match(plan, ln);
    const ids = this.matchIds;
    for (let k = 0; k < n; k++) {
      const id = ids[k]!;
      const o = p.outlet[id]!;
      if (o >= 0) outletCounts[o]!++;
      const mo = p.month[id]!;
      if (mo >= 0) monthCounts[mo]!++;
      for (let i = as.start[id]!; i < as.start[id + 1]!; i++) {
        const s = as.data[i]!;
        if (speakerCounts[s]!++ === 0) speakers.push(s);
      }
      for (let i = ae.start[id]!; i < ae.start[id + 1]!; i++) {
        const e = ae.data[i]!;
        if (entityCounts[e]!++ === 0) entities.push(e);
      }
    }
    const outlet: IndexFacetCount[] = [];
    outletCounts.forEach((count, c) => count > 0 && outlet.push({ value: p.outletNames[c]!, count }));
    outlet.sort((a, b) => b.count - a.count || compareCodePoints(a.value, b.value));
    const month: IndexFacetCount[] = [];
    monthCounts.forEach((count, c) => count > 0 && month.push({ value: p.monthNames[c]!, count }));
    month.sort((a, b) => compareCodePoints(a.value, b.value));
    const speaker = topNamed(
      speakers,
      speakerCounts,
      top,
      (a, b) => compareCodePoints(p.speakerKey[a] ?? '', p.speakerKey[b] ?? ''),
    ).map((s) => ({ key: p.speakerKey[s] ?? '', value: p.speakerText[s] ?? '', count: speakerCounts[s]! }));
    const entity = topNamed(
      entities,
      entityCounts,
      top,
      (a, b) => compareCodePoints(p.entityKey[a] ?? '', p.entityKey[b] ?? '') || compareCodePoints(p.entityType[a] ?? '', p.entityType[b] ?? ''),
    ).map((e) => ({ key: p.entityKey[e] ?? '', type: p.entityType[e]!, value: p.entityText[e] ?? '', count: entityCounts[e]! }));
    return { outlet, month, speaker, entity };
  }
}

/** The `top` ids by count (most first), ties by `tie`: a selection, not a sort of every id. */
function topNamed(ids: readonly number[], counts: Int32Array, top: number, tie: (a: number, b: number) => number): number[] {
  if (top <= 0 || ids.length === 0) return [];
  const better = (a: number, b: number): boolean => counts[a]! > counts[b]! || (counts[a] === counts[b] && tie(a, b) < 0);
  // the top-th highest count bounds the candidates (a min-heap of counts); only those at or above it are compared by name
  const heap = new Int32Array(Math.min(top, ids.length));
  let n = 0;
  for (const i of ids) {
    const c = counts[i]!;
    if (n < heap.length) {
      let k = n++;
      heap[k] = c;
      while (k > 0 && heap[(k - 1) >> 1]! > heap[k]!) {
        const q = (k - 1) >> 1;
        [heap[q], heap[k]] = [heap[k]!, heap[q]!];
        k = q;
      }
    } else if (c > heap[0]!) {
      heap[0] = c;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < n && heap[l]! < heap[m]!) m = l;
        if (r < n && heap[r]! < heap[m]!) m = r;
        if (m === k) break;
        [heap[m], heap[k]] = [heap[k]!, heap[m]!];
        k = m;
      }
    }
  }
  const kth = heap[0]!;
  const candidates = ids.filter((i) => counts[i]! >= kth);
  candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return candidates.slice(0, top);
}

