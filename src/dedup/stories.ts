/**
 * Story clustering: articles about the same event within a time window, whatever their wording.
 * A coarser grouping than near-duplicates: every near-duplicate group lies inside one story.
 *
 * Similarity of two articles: the cosine of their term vectors, where a term (a body stem, title
 * stems counted `titleWeight` extra times) weighs
 *
 *   (1 + ln tf) × idf(t) × ln((N + 1) / (df(t) + 1))
 *
 * `idf` is the fixed prior of terms.ts (how rare the word is in news at large); N and df count the
 * articles indexed within `dfDays` days of the article (how rare it is in the news of those days),
 * a near-duplicate counted once with its copies.
 * The second factor is what tells events apart: in a week of Yemen coverage الحوثي، الساحل، الحديدة
 * are in most articles and weigh little, while the names, places and numbers of one attack are in a
 * few. An article's weights use the counts of the days around its own day, as they are when it is
 * compared (refreshed as that window fills), so a pair scores nearly the same whichever came first.
 *
 * Linking: an article joins the story of every earlier article within `windowHours` whose
 * similarity is at least `threshold` + `perHour` × the hours between them (single link,
 * union-find), and the story of any article it is a near-duplicate of (`copyOf`). Candidates come from postings of each article's `topTerms`
 * heaviest terms by day: articles sharing two of them are compared, a few dozen, not all.
 * Defaults are tuned on the tune half of the labeled pairs (docs/dedup.md). Pure; no I/O.
 */
import { IntCounter, IntMultiMap } from './multimap.js';
import { ChunkPool } from './pool.js';
import { findRoot } from './union-find.js';
import { combine, fmix32, ownString } from './hash.js';
import { DEFAULT_MIN_IDF, defaultIdf, type IdfTable } from './terms.js';
import { DEFAULT_THRESHOLDS } from './relation.js';

export interface StoryOptions {
  /** link articles at most this many hours apart (default relation.ts sameStoryHours) */
  windowHours?: number;
  /** minimum similarity to link articles published together (default relation.ts sameStory) */
  threshold?: number;
  /** added to `threshold` per hour between the articles (default relation.ts sameStoryPerHour) */
  perHour?: number;
  /** days on each side counted for the local document frequency (default 2) */
  dfDays?: number;
  /** heaviest terms posted for candidate search (default 10) */
  topTerms?: number;
  /** heaviest terms kept per article (default 60) */
  maxTerms?: number;
  /** extra occurrences credited to each title stem (default 2) */
  titleWeight?: number;
  /** terms whose prior idf is below this are ignored (default terms.ts DEFAULT_MIN_IDF) */
  minIdf?: number;
  idf?: IdfTable;
}

const DEFAULTS = {
  windowHours: DEFAULT_THRESHOLDS.sameStoryHours,
  threshold: DEFAULT_THRESHOLDS.sameStory,
  perHour: DEFAULT_THRESHOLDS.sameStoryPerHour,
  dfDays: 2,
  topTerms: 10,
  maxTerms: 60,
  titleWeight: 2,
  minIdf: DEFAULT_MIN_IDF,
};

export interface StoryInput {
  id: string;
  /** epoch milliseconds (an article without a time is never linked by similarity) */
  time: number;
  /** body word hashes (shingles.ts bodyWords) */
  words: Uint32Array;
  /** title word hashes */
  titleWords?: Uint32Array;
  /** ids of articles this one is a near-duplicate or same text of */
  copyOf?: readonly string[];
}

export interface StoryLink {
  id: string;
  similarity: number;
}

export interface StoryAddResult {
  id: string;
  /** the story's id: the id of its earliest-added article */
  story: string;
  /** earlier articles this one was linked to by similarity */
  links: StoryLink[];
}

interface Entry {
  id: string;
  time: number;
  day: number;
  /** distinct terms (ascending) and their (1 + ln tf) × prior idf */
  terms: Uint32Array;
  base: Float32Array;
  /** weights last computed, when the window around the entry's day held `cacheN` articles */
  cache?: Float32Array;
  cacheN?: number;
}

const DAY_MS = 86_400_000;
/** A (term, day) posting list stops growing at this many articles: the term is then too common that day to find candidates. */
const POSTING_CAP = 300;

/** Incremental story clustering (see the file comment). */
export class StoryIndex {
  readonly options: Readonly<typeof DEFAULTS>;
  private readonly idf: IdfTable;
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly parent: number[] = [];
  /** document frequencies by (term, day) */
  private readonly dayDf = new IntCounter(1 << 16);
  private readonly dayCount = new Map<number, number>();
  private readonly termPool = new ChunkPool((n) => new Uint32Array(n), 1 << 20);
  private readonly weightPool = new ChunkPool((n) => new Float32Array(n), 1 << 20);
  /** postings of top terms by (term, day) */
  private readonly postings = new IntMultiMap(1024, 1024);

  constructor(options: StoryOptions = {}) {
    for (const k of Object.keys(options)) {
      if (k !== 'idf' && !Object.hasOwn(DEFAULTS, k)) throw new TypeError(`ISNAD_STORY_OPTION: unknown option "${k}"; known: ${Object.keys(DEFAULTS).join(', ')}, idf`);
    }
    const { idf, ...rest } = options;
    this.options = Object.freeze({ ...DEFAULTS, ...rest });
    this.idf = idf ?? defaultIdf();
  }

  get size(): number {
    return this.entries.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds an article and links it into a story. Adding an id twice throws. */
  add(input: StoryInput): StoryAddResult {
    if (this.byId.has(input.id)) throw new Error(`ISNAD_STORY_DUPLICATE: article "${input.id}" is already indexed`);
    const o = this.options;
    const tfMap = new Map<number, number>();
    for (const t of input.words) tfMap.set(t, (tfMap.get(t) ?? 0) + 1);
    if (input.titleWords) for (const t of input.titleWords) tfMap.set(t, (tfMap.get(t) ?? 0) + o.titleWeight);
    // the heaviest `maxTerms` terms by (1 + ln tf) × prior idf
    const weighted: Array<[number, number]> = [];
    for (const [t, n] of tfMap) {
      const g = this.idf.idf(t);
      if (g >= o.minIdf) weighted.push([t, (1 + Math.log(n)) * g]);
    }
    weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = weighted.slice(0, o.topTerms).map(([t]) => t);
    const kept = weighted.slice(0, o.maxTerms).sort((a, b) => a[0] - b[0]);
    const terms = this.termPool.copy(kept.map(([t]) => t));
    const base = this.weightPool.copy(kept.map(([, w]) => w));
    const dated = Number.isFinite(input.time);
    const day = dated ? Math.floor(input.time / DAY_MS) : NaN;
    const index = this.entries.length;
    const entry: Entry = { id: ownString(input.id), time: input.time, day, terms, base };
    this.entries.push(entry);
    this.byId.set(entry.id, index);
    this.parent.push(index);

    // a copy of an indexed article is not counted again: syndication would otherwise make a big
    // story's own words look common that day
    const isCopy = (input.copyOf ?? []).some((c) => this.byId.has(c));
    if (dated && !isCopy) {
      for (const t of terms) this.dayDf.increment(postKey(t, day));
      this.dayCount.set(day, (this.dayCount.get(day) ?? 0) + 1);
    }

    const links: StoryLink[] = [];
    if (dated) {
      // candidates: earlier articles sharing at least two posted terms (one when few are posted)
      const shared = new Map<number, number>();
      const span = Math.ceil(o.windowHours / 24);
      for (const t of top) {
        for (let d = day - span; d <= day + span; d++) {
          this.postings.forEach(postKey(t, d), (j) => shared.set(j, (shared.get(j) ?? 0) + 1));
        }
      }
      const need = Math.min(2, top.length);
      for (const [j, n] of shared) {
        if (n < need) continue;
        const other = this.entries[j]!;
        const hours = Math.abs(other.time - input.time) / 3_600_000;
        if (hours > o.windowHours) continue;
        const sim = this.similarityOf(entry, other);
        if (sim >= o.threshold + o.perHour * hours) links.push({ id: other.id, similarity: sim });
      }
      for (const t of top) this.postings.add(postKey(t, day), index, POSTING_CAP);
    }
    links.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
    for (const l of links) this.union(index, this.byId.get(l.id)!);
    for (const c of input.copyOf ?? []) {
      const j = this.byId.get(c);
      if (j !== undefined) this.union(index, j);
    }
    return { id: input.id, story: this.entries[this.find(index)]!.id, links };
  }

  /** The story id of an article (undefined when unknown). */
  storyOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[this.find(i)]!.id;
  }

  /** Every story as its member ids (in adding order), stories by their first member. */
  stories(): string[][] {
    const groups = new Map<number, string[]>();
    this.entries.forEach((e, i) => {
      const r = this.find(i);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(e.id);
    });
    return [...groups.values()];
  }

  /** The similarity of two indexed articles, with the document counts as they are now. */
  similarity(a: string, b: string): number {
    const i = this.byId.get(a);
    const j = this.byId.get(b);
    if (i === undefined || j === undefined) throw new Error(`ISNAD_STORY_UNKNOWN: "${i === undefined ? a : b}" is not indexed`);
    return this.similarityOf(this.entries[i]!, this.entries[j]!);
  }

  /** Articles indexed within `dfDays` of `day`. */
  private windowCount(day: number): number {
    let n = 0;
    for (let d = day - this.options.dfDays; d <= day + this.options.dfDays; d++) n += this.dayCount.get(d) ?? 0;
    return n;
  }

  /**
   * The normalized weights of an entry's terms with the counts around its own day. Cached, and
   * recomputed when that window has grown by more than a quarter since (the counts of a window
   * that already holds many articles move slowly).
   */
  private weights(e: Entry): Float32Array {
    const day = e.day;
    const n = Number.isFinite(day) ? this.windowCount(day) : 0;
    if (e.cache && n <= e.cacheN! * 1.25) return e.cache;
    const w = e.cache ?? this.weightPool.alloc(e.terms.length);
    let norm = 0;
    for (let k = 0; k < e.terms.length; k++) {
      let df = 0;
      if (Number.isFinite(day)) for (let d = day - this.options.dfDays; d <= day + this.options.dfDays; d++) df += this.dayDf.get(postKey(e.terms[k]!, d));
      const local = Number.isFinite(day) ? Math.max(0, Math.log((n + 1) / (df + 1))) : 1;
      const v = e.base[k]! * local;
      w[k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k]! /= norm;
    e.cache = w;
    e.cacheN = n;
    return w;
  }

  private similarityOf(a: Entry, b: Entry): number {
    const wa = this.weights(a);
    const wb = this.weights(b);
    let i = 0;
    let j = 0;
    let dot = 0;
    while (i < a.terms.length && j < b.terms.length) {
      const x = a.terms[i]!;
      const y = b.terms[j]!;
      if (x === y) dot += wa[i++]! * wb[j++]!;
      else if (x < y) i++;
      else j++;
    }
    return Math.min(1, dot);
  }

  private find(i: number): number {
    return findRoot(this.parent, i);
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // the earlier-added root stays the story's id
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

function postKey(term: number, day: number): number {
  return fmix32(combine(term, day));
}
