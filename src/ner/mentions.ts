/**
 * Entity mentions of one document: their spans in the original text, their normalized keys, and
 * their grouping into document-level entities.
 *
 * Span: the tokens of a chunk without punctuation at either edge; the first token without its
 * conjunction or preposition (وحلب → حلب; the article stays: والجيش → الجيش, but لل keeps only
 * what follows it: للأمم → أمم), a hashtag without its # (#ترامب → ترامب); the last token without
 * a pronoun enclitic.
 *
 * Key, comparable across documents: per word, the `key` form of its base, without clitics and
 * article (السورى، السوري، والسوري → سوري; ة → ه, hamza seats merged, Latin lower-cased), words
 * joined by one space, punctuation dropped: الجيش السورى → "جيش سوري", وزارة الخارجية → "وزاره
 * خارجيه"; spelling variants folded (foldSpelling: قائد / قايد، سورية / سوريا). Not light-stemmed: stems conflate names (لبنان and لبن, عثمان and عثم), and the
 * variants of one name differ in spelling and clitics, not in inflection.
 *
 * Grouping: mentions of one type with the same key are one entity. A mention whose words are the
 * start or the end of exactly one longer entity of the same type joins it (PER: "باراك أوباما" …
 * "أوباما"; ORG, MISC: "المرصد السوري لحقوق الإنسان" … "المرصد السوري"); LOC only by equal keys
 * (شرق حلب is not حلب). Each entity gets an id e1, e2 … in order of first mention, and every
 * mention the key of the entity's longest mention.
 */
import type { Token } from '../text/index.js';
import { normalize } from '../text/index.js';

export interface MentionSpan {
  start: number;
  end: number;
}

const EDGE_KINDS = new Set(['punct', 'quote', 'symbol']);

/** Start of a token without conjunction/preposition proclitics (the article kept when it is written whole). */
function startWithoutProclitics(text: string, t: Token): number {
  if (t.kind === 'hashtag') return t.start + 1;
  if (!t.base || !t.pre || t.pre.length === 0) return t.start;
  if (t.pre[t.pre.length - 1] !== 'ال') return t.base.start;
  // the article: the written ال right before the base (a ل+ال merged as لل leaves no whole article)
  for (let k = t.base.start - 1; k >= t.start; k--) {
    const m = normalize(text.slice(k, t.base.start), 'match');
    if (m === 'ال') {
      const before = normalize(text.slice(t.start, k), 'match');
      return before.endsWith('ل') && t.pre.includes('ل') ? t.base.start : k;
    }
    if (m.length > 2) break;
  }
  return t.base.start;
}

/** Conjunctions and prepositions that never open or close a name (not أم: الجوهرة أف أم). */
const EDGE_WORDS = new Set(['و', 'ف', 'في', 'من', 'الي', 'علي', 'عن', 'مع', 'او', 'ثم', 'حتي', 'منذ', 'عند', 'لدي', 'بين']);

/** tokens[from, to) without function words standing alone at either edge ("السبسي و"، "في حلب"): [from, to]. */
export function trimFunctionWords(tokens: readonly Token[], from: number, to: number): [number, number] {
  const fw = (t: Token): boolean => t.kind === 'word' && EDGE_WORDS.has(t.norm);
  while (from < to && fw(tokens[from]!)) from++;
  while (to > from && fw(tokens[to - 1]!)) to--;
  return [from, to];
}

/** The span of tokens[from, to) as an entity mention, or undefined when nothing is left. */
export function mentionSpan(text: string, tokens: readonly Token[], from: number, to: number): MentionSpan | undefined {
  while (from < to && EDGE_KINDS.has(tokens[from]!.kind)) from++;
  while (to > from && EDGE_KINDS.has(tokens[to - 1]!.kind)) to--;
  if (from >= to) return undefined;
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  const start = startWithoutProclitics(text, first);
  const end = last.suf && last.base ? last.base.end : last.end;
  return start < end ? { start, end } : undefined;
}

/** The key of one word of a mention ('' for punctuation). */
export function wordKey(t: Token): string {
  if (EDGE_KINDS.has(t.kind)) return '';
  if (t.kind !== 'word') return t.stem;
  return foldSpelling(normalize(t.base ? t.base.text : t.text, 'key'));
}

/**
 * Spellings of one name that the `key` form keeps apart: a hamza inside the word written on a seat
 * or as ي (قائد / قايد السبسي: both → ي), and a final ية / يا (سورية / سوريا,
 * تركية / تركيا: both → يه, as the key writes ة, in words of five letters or more). Applied to every word of every key,
 * so what it also merges (a feminine nisba and its country) is merged the same way everywhere.
 */
export function foldSpelling(k: string): string {
  let out = k;
  if (out.length > 2 && out.includes('ء')) out = out.slice(0, -1).replace(/ء/g, 'ي') + out.slice(-1);
  if (out.length >= 5 && out.endsWith('يا')) out = out.slice(0, -1) + 'ه';
  return out;
}

/** Generic heads a name is written with or without (تنظيم داعش / داعش، حركة حماس / حماس). */
const GENERIC_HEADS = new Set(['تنظيم', 'جماعه', 'حركه', 'ميليشيا', 'ميليشيات', 'مليشيا', 'مليشيات', 'ميليشيه', 'مليشيه']);

/**
 * The key of a mention made of `tokens`. A generic head before a bare name is left out of it
 * (تنظيم داعش → داعش), not before a definite phrase (حركة المقاومة الإسلامية keeps it).
 */
export function mentionKey(tokens: readonly Token[]): string {
  const keys: string[] = [];
  const words: Token[] = [];
  for (const t of tokens) {
    const k = wordKey(t);
    if (k === '') continue;
    keys.push(k);
    words.push(t);
  }
  if (keys.length >= 2 && GENERIC_HEADS.has(keys[0]!) && !words[0]!.suf && words[1]!.kind === 'word' && !(words[1]!.pre ?? []).includes('ال') && !words[1]!.norm.startsWith('ال')) keys.shift();
  return keys.join(' ');
}

export interface Mention {
  type: string;
  key: string;
}

export interface Grouping {
  /** entity id of each mention (e1, e2 … in order of first mention) */
  ids: string[];
  /** key of each mention's entity (the key of its longest mention) */
  keys: string[];
}

const isPart = (short: string[], long: string[]): boolean => {
  if (short.length >= long.length) return false;
  let prefix = true;
  let suffix = true;
  for (let i = 0; i < short.length; i++) {
    if (short[i] !== long[i]) prefix = false;
    if (short[i] !== long[long.length - short.length + i]) suffix = false;
  }
  return prefix || suffix;
};

/** Groups a document's mentions (in text order) into entities. */
export function groupMentions(mentions: readonly Mention[]): Grouping {
  // 1. equal type and key
  const groupOf = new Map<string, number>();
  const groups: { type: string; key: string; words: string[]; first: number }[] = [];
  const g = mentions.map((m, i) => {
    const k = `${m.type}\u0000${m.key}`;
    let id = groupOf.get(k);
    if (id === undefined) {
      id = groups.length;
      groupOf.set(k, id);
      groups.push({ type: m.type, key: m.key, words: m.key.split(' '), first: i });
    }
    return id;
  });
  // 2. a shorter entity that is the start or end of exactly one longer one joins it
  const parent = groups.map((_, i) => i);
  for (let i = 0; i < groups.length; i++) {
    const a = groups[i]!;
    if (a.type === 'LOC' || a.key === '') continue;
    const hosts = groups.filter((b, j) => j !== i && b.type === a.type && isPart(a.words, b.words));
    if (hosts.length === 0) continue;
    // the longest hosts must all be one entity: take the longest, require the others to be parts of it
    const longest = hosts.reduce((x, y) => (y.words.length > x.words.length ? y : x));
    if (hosts.every((h) => h === longest || isPart(h.words, longest.words))) parent[i] = groups.indexOf(longest);
  }
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  // canonical key and first mention of each root
  const rootKey = new Map<number, string>();
  const rootFirst = new Map<number, number>();
  for (let i = 0; i < groups.length; i++) {
    const r = root(i);
    const cur = rootKey.get(r);
    if (cur === undefined || groups[i]!.words.length > cur.split(' ').length) rootKey.set(r, groups[i]!.key);
    rootFirst.set(r, Math.min(rootFirst.get(r) ?? Infinity, groups[i]!.first));
  }
  const order = [...rootFirst.entries()].sort((x, y) => x[1] - y[1]).map(([r]) => r);
  const idOf = new Map(order.map((r, i) => [r, `e${i + 1}`]));
  return {
    ids: g.map((gi) => idOf.get(root(gi))!),
    keys: g.map((gi) => rootKey.get(root(gi))!),
  };
}
