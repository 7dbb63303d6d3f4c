/**
 * GET /api/attributions: who said what, filtered by speaker, entity, outlet, date and type; a page
 * as JSON, or every matching row as a CSV download (?format=csv or Accept: text/csv).
 */
import { Readable } from 'node:stream';
import { nameTerms, outletKey } from '../search/keys.js';
import { parseDateRange } from '../search/query.js';
import type { QuoteFilter, QuoteRow } from '../store/store.js';
import { quoteCsvLine, csvHeader } from './csv.js';
import { ApiError } from './errors.js';
import { defineRoute } from './route.js';
import { AttributionsQuery, AttributionsResponse, LIMITS } from './schemas.js';
import type { z } from 'zod';

type Query = z.output<typeof AttributionsQuery>;

function terms(field: string, value: string): string[] {
  const t = nameTerms(value);
  if (t.length === 0) throw new ApiError(400, 'ISNAD_BAD_PARAMETER', `${field}="${value}" has no words to look for`, { parameter: field });
  return t;
}

/** The store's filter for the query's parameters. */
export function quoteFilter(q: Query): QuoteFilter {
  const f: QuoteFilter = {};
  if (q.speaker !== undefined) f.speakers = [terms('speaker', q.speaker)];
  if (q.entity !== undefined) f.entities = [terms('entity', q.entity)];
  if (q.outlet !== undefined) {
    const key = outletKey(q.outlet);
    if (key === '') throw new ApiError(400, 'ISNAD_BAD_PARAMETER', `outlet="${q.outlet}" has no letters or digits`, { parameter: 'outlet' });
    f.outlets = [key];
  }
  if (q.type !== undefined) f.types = q.type;
  if (q.date !== undefined) f.date = parseDateRange(q.date);
  if (q.speakerEntity !== undefined) f.speakerEntity = q.speakerEntity;
  if (q.aboutEntity !== undefined) f.aboutEntity = q.aboutEntity;
  return f;
}

/** CSV when asked by ?format=csv, or by an Accept header that names text/csv and not JSON. */
function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  const a = (accept ?? '').toLowerCase();
  return a.includes('text/csv') && !a.includes('application/json');
}

async function* csvStream(rows: AsyncGenerator<QuoteRow>): AsyncGenerator<string> {
  yield csvHeader();
  let buf = '';
  for await (const r of rows) {
    buf += quoteCsvLine(r);
    if (buf.length > 64 * 1024) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

export const attributionsRoute = defineRoute({
  method: 'GET',
  path: '/api/attributions',
  operationId: 'listAttributions',
  cache: true,
  tag: 'attributions',
  summary: 'Who said what',
  description:
    `Attributions (cue, source, speaker, content, medium, relays, hedge) newest first, filtered by speaker, an entity in the content, outlet, date and type. As CSV (?format=csv or Accept: text/csv): every matching row, at most ${LIMITS.csvRows}, columns doc_id, idx, date, outlet, type, speaker, source, cue, content, medium, via, hedge, title, url.`,
  query: AttributionsQuery,
  responses: {
    200: { description: 'a page of attributions, or a CSV file of every match', schema: AttributionsResponse, csv: true },
  },
  async handle({ query, req, reply }, { store }) {
    const filter = quoteFilter(query);
    if (wantsCsv(query.format, req.headers.accept)) {
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="isnad-attributions.csv"');
      return Readable.from(csvStream(store.quotes(filter, { limit: LIMITS.csvRows })));
    }
    const rows: QuoteRow[] = [];
    for await (const r of store.quotes(filter, { limit: query.size + 1, offset: (query.page - 1) * query.size })) rows.push(r);
    const more = rows.length > query.size;
    return { page: query.page, size: query.size, more, rows: rows.slice(0, query.size) } satisfies AttributionsResponse;
  },
});
