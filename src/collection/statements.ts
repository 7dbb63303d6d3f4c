/**
 * Statements: quotes counted once across near-duplicate copies. Twenty outlets reprinting one wire
 * story carry one statement twenty times; here it is one row with its copies and where each ran.
 *
 * Two attributions are one statement when their articles are in the same near-duplicate group
 * (src/collection/dups.ts), they have the same speaker (the speaker's key; without a speaker, the
 * source as written, key-normalized) and their contents are near-identical: of the content words
 * (light-stem keys, as the dedup layer compares them) the smaller set shares at least
 * {@link CONTAINED} with the other, and the two share at least {@link SHARED} of their union (a
 * copy that trims or retouches a quote keeps it; a different sentence of the same speaker does not
 * qualify). An article in no group has statements of its own.
 *
 * Order and paging follow the store's quote order (newest day first, then article, then position):
 * a statement stands where its first appearance in that order stands; later appearances join it.
 * Its row is its earliest appearance (by date, undated last, then doc id).
 */
import { bodyWords } from '../dedup/shingles.js';
import { normalize } from '../text/index.js';
import type { PageOptions, QuoteFilter, QuoteRow, Store } from '../store/store.js';

/** Share of the smaller content's words the other must have. */
export const CONTAINED = 0.8;
/** Share of the union both must have. */
export const SHARED = 0.5;

export interface Appearance {
  docId: string;
  idx: number;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

export interface Statement extends QuoteRow {
  /** how many attributions (copies) carry it */
  copies: number;
  /** every copy: its article, position, outlet and date, the earliest first */
  appearances: Appearance[];
}

/** The content's words as a set of key hashes. */
export function contentWords(text: string): Set<number> {
  return new Set(bodyWords(text, [{ start: 0, end: text.length, text }]));
}

/** Whether two contents are near-identical (see the module comment). */
export function sameContent(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const w of small) if (big.has(w)) inter++;
  return inter >= CONTAINED * small.size && inter >= SHARED * (a.size + b.size - inter);
}

const time = (d: string | null): number => {
  const t = d === null ? NaN : Date.parse(d);
  return Number.isFinite(t) ? t : Infinity;
};
const earlier = (a: { date: string | null; docId: string }, b: { date: string | null; docId: string }): boolean =>
  time(a.date) < time(b.date) || (time(a.date) === time(b.date) && a.docId < b.docId);

interface Building {
  row: QuoteRow;
  words: Set<number>;
  appearances: Appearance[];
}

const appearance = (q: QuoteRow): Appearance => ({ docId: q.docId, idx: q.idx, outlet: q.outlet, date: q.date, url: q.url });

/** Who said it, for grouping: the speaker's key, else the source as written. */
const whoKey = (q: QuoteRow): string => q.speakerKey ?? (q.source ? `\u0000${normalize(q.source.text, 'key')}` : '\u0001');

/** Statements matching the filter, each once, paged by statement (see the module comment). */
export async function* statements(store: Store, filter: QuoteFilter, page: PageOptions = {}): AsyncGenerator<Statement> {
  const offset = page.offset ?? 0;
  const want = page.limit === undefined || page.limit < 0 ? Infinity : offset + page.limit;
  if (want <= offset) return;
  const list: Building[] = [];
  const buckets = new Map<string, Building[]>();
  const groupOf = new Map<string, number | null>();
  const seen = new Set<string>();

  /** Files a quote: joins a statement of its group and speaker, or (when allowed) starts one. */
  const file = (q: QuoteRow, create: boolean): void => {
    const id = `${q.docId}\u0000${q.idx}`;
    if (seen.has(id)) return;
    seen.add(id);
    const g = groupOf.get(q.docId) ?? null;
    const words = contentWords(q.content.text);
    const key = g === null ? `a${q.docId}\u0000${whoKey(q)}` : `g${g}\u0000${whoKey(q)}`;
    if (g !== null) {
      for (const s of buckets.get(key) ?? []) {
        if (s.appearances.some((a) => a.docId === q.docId)) continue; // one copy per article
        if (!sameContent(s.words, words)) continue;
        s.appearances.push(appearance(q));
        if (earlier(q, s.row)) s.row = q;
        return;
      }
    }
    if (!create) return;
    const s: Building = { row: q, words, appearances: [appearance(q)] };
    list.push(s);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(s);
  };

  // the quotes in order, a chunk at a time with their articles' groups, until `want` statements stand
  let chunk: QuoteRow[] = [];
  const flush = async (): Promise<void> => {
    const ids = [...new Set(chunk.map((q) => q.docId))].filter((d) => !groupOf.has(d));
    const groups = await store.dupGroupsOf(ids);
    for (const d of ids) groupOf.set(d, groups.get(d) ?? null);
    for (const q of chunk) file(q, list.length < want);
    chunk = [];
  };
  for await (const q of store.quotes(filter)) {
    chunk.push(q);
    if (chunk.length >= 200) await flush();
    if (list.length >= want) break;
  }
  if (chunk.length > 0) await flush();

  // the copies of those statements further down the order: the rest of their groups' quotes
  const groups = [...new Set(list.slice(offset, want).flatMap((s) => s.appearances.map((a) => groupOf.get(a.docId) ?? null)))].filter((g): g is number => g !== null);
  if (list.length >= want && groups.length > 0) {
    const members = await store.dupMembers(groups);
    const docIds: string[] = [];
    for (const [g, ms] of members) {
      for (const m of ms) {
        groupOf.set(m.docId, g);
        docIds.push(m.docId);
      }
    }
    for await (const q of store.quotes({ ...filter, docIds })) file(q, false);
  }

  for (const s of list.slice(offset, want)) {
    const appearances = s.appearances.sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : a.idx - b.idx));
    yield { ...s.row, copies: appearances.length, appearances };
  }
}
