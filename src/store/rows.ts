/**
 * Row shapes shared by both stores: what an article row holds besides its layers, and the
 * conversions between attribution rows and their columns. No SQL here.
 */
import type { EntityType } from '../doc/index.js';
import { outletKey, termsOf } from '../search/keys.js';
import type { AttributionType } from '../search/query.js';
import { attributionJSON, dayOf, type ArticleMetaInput, type AttributionRow, type Offsets, type QuoteRow } from './store.js';

export interface ArticleColumns {
  title: string | null;
  url: string | null;
  outlet: string | null;
  outlet_key: string | null;
  date: string | null;
  day: string | null;
  month: string | null;
  author: string | null;
  meta: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function articleColumns(meta: ArticleMetaInput): ArticleColumns {
  const outlet = str(meta.outlet);
  const date = str(meta.date);
  const day = dayOf(date);
  return {
    title: str(meta.title),
    url: str(meta.url),
    outlet,
    outlet_key: outlet === null ? null : outletKey(outlet),
    date,
    day,
    month: day === null ? null : day.slice(0, 7),
    author: str(meta.author),
    meta: JSON.stringify(meta),
  };
}

/** Columns of an attribution after `article, idx, type, speaker`: 12 offsets and via. */
export function attributionOffsets(a: AttributionRow): Array<number | string | null> {
  const pair = (o: Offsets | null): [number | null, number | null] => (o ? [o[0], o[1]] : [null, null]);
  return [
    ...pair(a.cue),
    ...pair(a.source),
    ...pair(a.speaker),
    ...pair(a.content),
    ...pair(a.medium),
    ...pair(a.hedge),
    a.via.length > 0 ? JSON.stringify(a.via) : null,
  ];
}

/** The attribution columns as a SELECT list (alias `t`), in {@link attributionOffsets} order. */
export const ATTRIBUTION_SELECT =
  't.type, t.cue_start, t.cue_end, t.source_start, t.source_end, t.speaker_start, t.speaker_end, t.content_start, t.content_end, t.medium_start, t.medium_end, t.hedge_start, t.hedge_end, t.via';

export interface AttributionDbRow {
  type: string;
  cue_start: number;
  cue_end: number;
  source_start: number | null;
  source_end: number | null;
  speaker_start: number | null;
  speaker_end: number | null;
  content_start: number;
  content_end: number;
  medium_start: number | null;
  medium_end: number | null;
  hedge_start: number | null;
  hedge_end: number | null;
  via: string | null;
  speaker_key: string | null;
}

const off = (s: number | null, e: number | null): Offsets | null => (s === null || e === null ? null : [Number(s), Number(e)]);

export function attributionFromDb(r: AttributionDbRow): AttributionRow {
  return {
    type: r.type as AttributionType,
    cue: [Number(r.cue_start), Number(r.cue_end)],
    source: off(r.source_start, r.source_end),
    speaker: off(r.speaker_start, r.speaker_end),
    content: [Number(r.content_start), Number(r.content_end)],
    medium: off(r.medium_start, r.medium_end),
    hedge: off(r.hedge_start, r.hedge_end),
    via: r.via ? (JSON.parse(r.via) as Offsets[]) : [],
    speakerKey: r.speaker_key,
  };
}

export interface QuoteDbRow extends AttributionDbRow {
  doc_id: string;
  idx: number;
  date: string | null;
  outlet: string | null;
  url: string | null;
  title: string | null;
}

export function quoteRow(r: QuoteDbRow, text: string): QuoteRow {
  const a = attributionFromDb(r);
  const j = attributionJSON(text, a);
  return {
    docId: r.doc_id,
    idx: Number(r.idx),
    date: r.date,
    outlet: r.outlet,
    url: r.url,
    title: r.title,
    type: a.type,
    speakerKey: a.speakerKey,
    cue: j.cue,
    source: j.source,
    speaker: j.speaker,
    content: j.content,
    medium: j.medium,
    via: j.via,
    hedge: j.hedge,
  };
}

/** The full-text form of a name key (entity or speaker): its terms joined by spaces. */
export const nameIndexText = (key: string): string => termsOf(key).join(' ');

/** An FTS5 / tsquery phrase is a list of letter-or-digit terms: checked, since they are spliced into query text. */
export function checkTerms(terms: readonly string[]): void {
  for (const t of terms) if (!/^(?:\p{L}+|[0-9]+)$/u.test(t)) throw new Error(`ISNAD_STORE_BAD_TERM: "${t}" is not an index term`);
}

/** A text-keyed cache of the last article's text, for streams that slice spans out of it. */
export class TextCache {
  private id = -1;
  private text = '';
  constructor(private readonly load: (id: number) => string | Promise<string>) {}
  async get(id: number): Promise<string> {
    if (id !== this.id) {
      this.text = await this.load(id);
      this.id = id;
    }
    return this.text;
  }
}

export const docEntityId = (n: number): string => `e${n}`;
export const asEntityType = (s: string): EntityType => s as EntityType;
