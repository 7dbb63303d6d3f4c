/**
 * Attributions as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled), with a UTF-8 byte-order mark so that spreadsheet programs
 * read Arabic as UTF-8. A field starting with = + - @ or a tab is prefixed with ' so that a
 * spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
import type { QuoteRow } from '../store/store.js';

export const CSV_BOM = '\uFEFF';

export const CSV_COLUMNS = ['doc_id', 'idx', 'date', 'outlet', 'type', 'speaker', 'source', 'cue', 'content', 'medium', 'via', 'hedge', 'title', 'url'] as const;

/** One CSV field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: ReadonlyArray<string | number | null | undefined>): string => fields.map(csvField).join(',') + '\r\n';

export const csvHeader = (): string => CSV_BOM + csvLine(CSV_COLUMNS);

/** One attribution as a CSV line; relays are joined with " ← " (outermost first). */
export function quoteCsvLine(q: QuoteRow): string {
  return csvLine([
    q.docId,
    q.idx,
    q.date,
    q.outlet,
    q.type,
    q.speaker?.text,
    q.source?.text,
    q.cue.text,
    q.content.text,
    q.medium?.text,
    q.via.map((v) => v.text).join(' ← '),
    q.hedge?.text,
    q.title,
    q.url,
  ]);
}
