/**
 * The search query language, parsed into an AST whose nodes keep their offsets in the query (so an
 * error can point at the bad part), then compiled into a {@link SearchPlan} of index terms.
 *
 *   سوريا حلب                   words: every one must occur (by its search key: السورى finds السوري)
 *   "الجيش السوري"               an exact phrase: consecutive words, compared by their search keys
 *   -روسيا  -"وقف إطلاق النار"    exclusion of a word or a phrase
 *   speaker:أوباما  speaker:"وزارة الخارجية"
 *                               an attribution whose speaker's name contains these words, in order
 *   entity:حلب                  an article mentioning an entity whose name contains these words
 *   outlet:bbc                  the outlet, compared without case, spaces or punctuation
 *   type:direct                 an attribution of this type (direct, indirect, mixed)
 *   date:2018-01..2018-03       the article's date: a year, month or day, or a range of them
 *                               (inclusive; either side may be left open: date:2018-02.. ..2018)
 *
 * Field names are case-insensitive. Repeated speaker: and entity: filters must all hold; repeated
 * outlet: and type: filters are alternatives; date: may appear once. speaker: and type: in one query
 * must hold for the same attribution. A word with a colon whose prefix is not a field name (10:30,
 * http://…) is an ordinary word. Fields cannot be negated.
 *
 * Offsets are UTF-16 code units into the query string, end exclusive.
 */
import { nameTerms, outletKey, queryTerms } from './keys.js';

export const QUERY_FIELDS = ['speaker', 'entity', 'outlet', 'type', 'date'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export const ATTRIBUTION_TYPES = ['direct', 'indirect', 'mixed'] as const;
export type AttributionType = (typeof ATTRIBUTION_TYPES)[number];

export type QueryErrorCode =
  | 'ISNAD_QUERY_UNCLOSED_QUOTE'
  | 'ISNAD_QUERY_EMPTY_VALUE'
  | 'ISNAD_QUERY_BAD_DATE'
  | 'ISNAD_QUERY_BAD_TYPE'
  | 'ISNAD_QUERY_NEGATED_FIELD'
  | 'ISNAD_QUERY_REPEATED_DATE'
  | 'ISNAD_QUERY_EMPTY';

/** A query that cannot be parsed: what was wrong and where ([start, end) in the query). */
export class QueryError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

export interface TextNode {
  kind: 'word' | 'phrase';
  /** the word, or the phrase without its quotes */
  text: string;
  negated: boolean;
  start: number;
  end: number;
}

export interface FieldNode {
  kind: 'field';
  field: QueryField;
  value: string;
  quoted: boolean;
  start: number;
  end: number;
  /** where the value starts (after the colon, inside the quote) */
  valueStart: number;
}

export type QueryNode = TextNode | FieldNode;

export interface QueryAst {
  query: string;
  nodes: QueryNode[];
}

const SPACE = /\s/u;
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.test(c);
/** Quotation marks that open or close a phrase. */
const QUOTES = new Set(['"', '“', '”', '«', '»']);

/** Parses a query into nodes. Throws {@link QueryError}. */
export function parseQuery(query: string): QueryAst {
  const nodes: QueryNode[] = [];
  const n = query.length;
  let i = 0;
  while (i < n) {
    if (isSpace(query[i])) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !isSpace(query[i + 1])) {
      negated = true;
      i++;
    }
    if (QUOTES.has(query[i]!)) {
      const close = closingQuote(query, i);
      nodes.push({ kind: 'phrase', text: query.slice(i + 1, close), negated, start, end: close + 1 });
      i = close + 1;
      continue;
    }
    // a word, or field:value
    let j = i;
    while (j < n && !isSpace(query[j]) && !QUOTES.has(query[j]!)) {
      if (query[j] === ':' && isField(query.slice(i, j))) break;
      j++;
    }
    if (j < n && query[j] === ':') {
      const field = query.slice(i, j).toLowerCase() as QueryField;
      if (negated) throw new QueryError('ISNAD_QUERY_NEGATED_FIELD', `${field}: cannot be negated; only words and "phrases" take a -`, start, j + 1);
      let k = j + 1;
      if (k < n && QUOTES.has(query[k]!)) {
        const close = closingQuote(query, k);
        const value = query.slice(k + 1, close).trim();
        if (value === '') throw new QueryError('ISNAD_QUERY_EMPTY_VALUE', `${field}: has an empty value`, start, close + 1);
        nodes.push({ kind: 'field', field, value, quoted: true, start, end: close + 1, valueStart: k + 1 });
        i = close + 1;
        continue;
      }
      while (k < n && !isSpace(query[k])) k++;
      const value = query.slice(j + 1, k);
      if (value === '') throw new QueryError('ISNAD_QUERY_EMPTY_VALUE', `${field}: needs a value, e.g. ${EXAMPLES[field]}`, start, k);
      nodes.push({ kind: 'field', field, value, quoted: false, start, end: k, valueStart: j + 1 });
      i = k;
      continue;
    }
    // a word runs up to white space (a quote inside a word is part of it)
    while (j < n && !isSpace(query[j])) j++;
    nodes.push({ kind: 'word', text: query.slice(i, j), negated, start, end: j });
    i = j;
  }
  return { query, nodes };
}

const EXAMPLES: Record<QueryField, string> = {
  speaker: 'speaker:أوباما',
  entity: 'entity:حلب',
  outlet: 'outlet:bbc',
  type: 'type:direct',
  date: 'date:2018-01..2018-03',
};

function isField(name: string): boolean {
  return (QUERY_FIELDS as readonly string[]).includes(name.toLowerCase());
}

function closingQuote(query: string, open: number): number {
  for (let k = open + 1; k < query.length; k++) if (QUOTES.has(query[k]!)) return k;
  throw new QueryError('ISNAD_QUERY_UNCLOSED_QUOTE', 'a quotation mark is not closed; add the closing "', open, query.length);
}

/** A date range over articles' days, `from` inclusive and `to` exclusive (YYYY-MM-DD). */
export interface DateRange {
  from?: string;
  to?: string;
}

/** What the stores execute: every part already in index terms or normalized keys. */
export interface SearchPlan {
  /** Phrases that must occur (a word is a phrase of its terms), deduplicated, in query order. */
  phrases: string[][];
  /** Phrases that must not occur. */
  exclude: string[][];
  /** Each a phrase that some attribution's speaker name must contain (all must hold). */
  speakers: string[][];
  /** Each a phrase that some entity mentioned in the article must contain (all must hold). */
  entities: string[][];
  /** Outlet keys (any). */
  outlets: string[];
  /** Attribution types (any); with speakers, the same attribution must have the type. */
  types: AttributionType[];
  date?: DateRange;
}

/** True when the plan has text to rank by (otherwise results are ordered by date). */
export const isRanked = (p: SearchPlan): boolean => p.phrases.length > 0;

/** Parses and compiles a query. Throws {@link QueryError}. */
export function compileQuery(query: string): SearchPlan {
  return planOf(parseQuery(query));
}

/** Turns the AST into index terms and keys. Throws {@link QueryError}. */
export function planOf(ast: QueryAst): SearchPlan {
  const plan: SearchPlan = { phrases: [], exclude: [], speakers: [], entities: [], outlets: [], types: [] };
  const seen = new Set<string>();
  let dateNode: FieldNode | undefined;
  for (const node of ast.nodes) {
    if (node.kind !== 'field') {
      const terms = queryTerms(node.text);
      if (terms.length === 0) continue; // punctuation only: nothing to look for
      const k = (node.negated ? '-' : '+') + terms.join(' ');
      if (seen.has(k)) continue;
      seen.add(k);
      (node.negated ? plan.exclude : plan.phrases).push(terms);
      continue;
    }
    switch (node.field) {
      case 'speaker':
      case 'entity': {
        const terms = nameTerms(node.value);
        if (terms.length === 0) throw new QueryError('ISNAD_QUERY_EMPTY_VALUE', `${node.field}: "${node.value}" has no words to look for`, node.start, node.end);
        (node.field === 'speaker' ? plan.speakers : plan.entities).push(terms);
        break;
      }
      case 'outlet': {
        const key = outletKey(node.value);
        if (key === '') throw new QueryError('ISNAD_QUERY_EMPTY_VALUE', `outlet: "${node.value}" has no letters or digits`, node.start, node.end);
        if (!plan.outlets.includes(key)) plan.outlets.push(key);
        break;
      }
      case 'type': {
        const t = node.value.toLowerCase();
        if (!(ATTRIBUTION_TYPES as readonly string[]).includes(t)) {
          throw new QueryError('ISNAD_QUERY_BAD_TYPE', `type: "${node.value}" is not a type of attribution; use ${ATTRIBUTION_TYPES.join(', ')}`, node.valueStart, node.end);
        }
        if (!plan.types.includes(t as AttributionType)) plan.types.push(t as AttributionType);
        break;
      }
      case 'date': {
        if (dateNode) throw new QueryError('ISNAD_QUERY_REPEATED_DATE', 'date: may appear once; give a range instead (date:2018-01..2018-03)', node.start, node.end);
        dateNode = node;
        plan.date = parseDateRange(node.value, node.valueStart);
        break;
      }
    }
  }
  const empty = plan.phrases.length + plan.exclude.length + plan.speakers.length + plan.entities.length + plan.outlets.length + plan.types.length === 0 && !plan.date;
  if (empty) throw new QueryError('ISNAD_QUERY_EMPTY', 'nothing to search for: give a word, a "phrase" or a filter (speaker:, entity:, outlet:, type:, date:)', 0, ast.query.length);
  return plan;
}

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const pad = (n: number): string => String(n).padStart(2, '0');

/** The first day of a year, month or day, and the day after its end. */
function dateBounds(s: string, at: number, end: number): { first: string; after: string } {
  const m = DATE.exec(s);
  const bad = (why: string): never => {
    throw new QueryError('ISNAD_QUERY_BAD_DATE', `date "${s}" ${why}; write YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2018-01..2018-03`, at, end);
  };
  if (!m) return bad('is not a date');
  const y = Number(m[1]);
  if (m[2] === undefined) return { first: `${y}-01-01`, after: `${y + 1}-01-01` };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return bad('has no such month');
  if (m[3] === undefined) return { first: `${y}-${pad(mo)}-01`, after: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (d < 1 || dt.getUTCMonth() !== mo - 1) return bad('has no such day');
  const next = new Date(dt.getTime() + 86_400_000);
  return { first: `${y}-${pad(mo)}-${pad(d)}`, after: next.toISOString().slice(0, 10) };
}

/** Parses `2018`, `2018-01`, `2018-01-05`, `A..B`, `A..`, `..B`. `at` is the value's offset in the query. */
export function parseDateRange(value: string, at = 0): DateRange {
  const dots = value.indexOf('..');
  if (dots < 0) {
    const b = dateBounds(value, at, at + value.length);
    return { from: b.first, to: b.after };
  }
  const left = value.slice(0, dots);
  const right = value.slice(dots + 2);
  if (left === '' && right === '') throw new QueryError('ISNAD_QUERY_BAD_DATE', 'date: ".." needs a date on at least one side', at, at + value.length);
  const range: DateRange = {};
  if (left !== '') range.from = dateBounds(left, at, at + dots).first;
  if (right !== '') range.to = dateBounds(right, at + dots + 2, at + value.length).after;
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    throw new QueryError('ISNAD_QUERY_BAD_DATE', `date range "${value}" ends before it starts`, at, at + value.length);
  }
  return range;
}
