/**
 * Six Egyptian articles (Youm7, Masrawy, El Watan News, 2025-04-22) in two same-story clusters,
 * a small gold set for near-duplicate detection and boilerplate stripping: one JSON array of
 *
 *   { "cluster": "…", "title": "…", "date": "04:00 م | الثلاثاء 22 أبريل 2025" | "No date found",
 *     "content": "…", "url": "…", "source": "Youm7", "scrape_date": "2025-04-22 16:58:42" }
 *
 * `id` is `egy-<outlet>-<article number from the URL>` (`egy-youm7-6962678`); the text is the
 * content as given (El Watan's copyright line keeps its CRLF).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isoDate,
  keepText,
  nonBlank,
  outletSlug,
  parseJsonArray,
  shortHash,
  stringField as str,
  urlArticleNumber,
  type ReadOptions,
  type SourceRecord,
} from '../record.js';

export const EGYPTIAN_FORMAT = 'egyptian-json';

/** What the scraper writes when a page had no date. */
const NO_DATE = 'No date found';

/** The record for one element of the array; undefined when it is not an object. */
export function egyptianRecord(item: unknown, origin: string): SourceRecord | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const source = nonBlank(str(o.source));
  const url = nonBlank(str(o.url));
  const text = str(o.content) ?? '';
  const meta: SourceRecord['meta'] = { format: EGYPTIAN_FORMAT, origin };
  if (source !== undefined) meta.outlet = source;
  if (url !== undefined) meta.url = url;
  const title = nonBlank(str(o.title));
  if (title !== undefined) meta.title = title;
  const rawDate = str(o.date);
  const date = rawDate === undefined || rawDate.trim() === NO_DATE ? undefined : isoDate(rawDate);
  if (date !== undefined) meta.date = date;
  const cluster = nonBlank(str(o.cluster));
  if (cluster !== undefined) meta.cluster = cluster;
  const key = (url !== undefined ? urlArticleNumber(url) : undefined) ?? shortHash(url ?? text);
  return { id: `egy-${outletSlug(source ?? '') || 'unknown'}-${key}`, text, meta };
}

/** Parses one JSON file (UTF-8 bytes) into records. */
export function parseEgyptianJson(bytes: Uint8Array, origin: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  for (const item of parseJsonArray(bytes, origin)) {
    const r = egyptianRecord(item, origin);
    if (r) out.push(r);
  }
  return out;
}

/** Reads one JSON file, or every `.json` file of a folder in name order. */
export async function* readEgyptian(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const { limit } = opts;
  if (limit !== undefined && limit <= 0) return;
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.json')).sort().map((f) => join(path, f))
    : [path];
  let n = 0;
  for (const file of files) {
    for (const r of parseEgyptianJson(await readFile(file), file)) {
      if (!keepText(r.text, opts)) continue;
      yield r;
      if (limit !== undefined && ++n >= limit) return;
    }
  }
}
