/**
 * Near-duplicate groups and stories together: one call per article at ingest.
 *
 *   const g = new NewsGrouper();
 *   for (const r of records) g.add({ id: r.id, text: r.text, title: r.meta.title, outlet: r.meta.outlet, date: r.meta.date });
 *   g.relation(a, b);            // 'same-text' | 'near-duplicate' | 'same-story' | 'different'
 *   g.syndication(g.groupOf(a)!) // earliest copy, outlets, cross- and within-outlet copies
 *
 * The text is analysed once (structure stage → body words); the dedup index gets the shingles,
 * the story index the words and title words, and an article's copies are put in its story.
 * Pure; no I/O.
 */
import { DedupIndex, type CopyMatch, type CopyRelation, type DedupOptions } from './dedup-index.js';
import { fingerprint, timeOf } from './fingerprint.js';
import { bodySpans, bodyWords, titleWords } from './shingles.js';
import { classify, type Relation } from './relation.js';
import { StoryIndex, type StoryLink, type StoryOptions } from './stories.js';
import { syndication, type Syndication } from './syndication.js';

export interface GroupingOptions {
  dedup?: DedupOptions;
  stories?: StoryOptions;
}

export interface Article {
  id: string;
  text?: string;
  title?: string;
  /** body word hashes already computed (then `text` is not read) */
  words?: Uint32Array;
  outlet?: string;
  /** ISO 8601 string, epoch milliseconds or a Date */
  date?: string | number | Date;
}

export interface GroupResult {
  id: string;
  /** near-duplicate group (id of its earliest-added member) */
  group: string;
  relation: 'new' | CopyRelation;
  matches: CopyMatch[];
  merged: string[];
  /** story (id of its earliest-added member) */
  story: string;
  storyLinks: StoryLink[];
}

export class NewsGrouper {
  readonly dedup: DedupIndex;
  readonly stories: StoryIndex;

  constructor(options: GroupingOptions = {}) {
    this.dedup = new DedupIndex(options.dedup);
    this.stories = new StoryIndex(options.stories);
  }

  get size(): number {
    return this.dedup.size;
  }

  add(article: Article): GroupResult {
    const words = article.words ?? (article.text !== undefined ? bodyWords(article.text, bodySpans(article.text, article.title)) : new Uint32Array(0));
    const time = timeOf(article.date);
    const fp = fingerprint({ words, date: time }, { shingleSize: this.dedup.options.shingleSize, maxTerms: 0 });
    const d = this.dedup.add({ id: article.id, outlet: article.outlet, fingerprint: fp });
    const input: Parameters<StoryIndex['add']>[0] = { id: article.id, time, words, copyOf: d.matches.map((m) => m.id) };
    if (article.title) input.titleWords = titleWords(article.title);
    const s = this.stories.add(input);
    return { id: d.id, group: d.group, relation: d.relation, matches: d.matches, merged: d.merged, story: s.story, storyLinks: s.links };
  }

  groupOf(id: string): string | undefined {
    return this.dedup.groupOf(id);
  }

  storyOf(id: string): string | undefined {
    return this.stories.storyOf(id);
  }

  /** How two indexed articles relate (relation.ts rules; story similarity from the story index). */
  relation(a: string, b: string): Relation {
    const scores = { ...this.dedup.scores(a, b), cosine: this.stories.similarity(a, b) };
    const o = this.stories.options;
    const t = { ...this.dedup.thresholds, sameStory: o.threshold, sameStoryPerHour: o.perHour, sameStoryHours: o.windowHours };
    return classify(scores, t);
  }

  /** The syndication of a near-duplicate group (see syndication.ts). */
  syndication(group: string): Syndication {
    const members = this.dedup.members(group);
    if (members.length === 0) throw new Error(`ISNAD_GROUP_UNKNOWN: no group "${group}"`);
    return syndication(members.map((id) => ({ id, outlet: this.dedup.outletOf(id), time: this.dedup.timeOf(id) })));
  }
}
