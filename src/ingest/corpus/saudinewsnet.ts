/**
 * SaudiNewsNet (Alshaabi et al., 2015): 31,030 articles from 14 Saudi outlets, one JSON array per
 * day inside `YYYY-MM-DD.zip`:
 *
 *   [{ "source": "alriyadh", "url": "http://www.alriyadh.com/1066713",
 *      "date_extracted": "2015-07-21 09:30:12", "title": "…", "author": "…", "content": "…" }, …]
 *
 * One zip (~3 MB, ~12 MB of JSON) is inflated and parsed at a time. `id` is
 * `snn-<source>-<article number from the URL>` (see {@link urlArticleNumber}), or
 * `snn-<source>-<12 hex of the URL's SHA-1>` for URLs without one; the source is part of the id
 * because outlets number their articles independently. 459 articles were crawled twice under
 * URLs with the same number (`…/620219/….html` and `…?weekly`); in reading order (zips by name,
 * then array order) the repeats get `-2`, `-3`, so ids are unique and stable for a whole read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import {
  isoDate,
  keepText,
  memberOrigin,
  nonBlank,
  outletSlug,
  parseJsonArray,
  shortHash,
  stringField as str,
  uniqueIds,
  urlArticleNumber,
  type ReadOptions,
  type SourceRecord,
} from '../record.js';

export const SAUDINEWSNET_FORMAT = 'saudinewsnet-json';

/** The id of an article from its outlet and URL. */
export function saudiNewsNetId(source: string, url: string): string {
  return `snn-${outletSlug(source) || 'unknown'}-${urlArticleNumber(url) ?? shortHash(url)}`;
}


/** The record for one element of a day's JSON array; undefined when it is not an object. */
export function saudiNewsNetRecord(item: unknown, origin: string): SourceRecord | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const source = nonBlank(str(o.source));
  const url = nonBlank(str(o.url));
  const meta: SourceRecord['meta'] = { format: SAUDINEWSNET_FORMAT, origin };
  if (source !== undefined) meta.outlet = source;
  if (url !== undefined) meta.url = url;
  const title = nonBlank(str(o.title));
  if (title !== undefined) meta.title = title;
  const date = isoDate(str(o.date_extracted));
  if (date !== undefined) meta.date = date;
  const author = nonBlank(str(o.author));
  if (author !== undefined) meta.author = author;
  const text = str(o.content) ?? '';
  // Without a URL (not seen in the corpus) the text is the only stable key.
  const id = url !== undefined ? saudiNewsNetId(source ?? '', url) : `snn-${outletSlug(source ?? '') || 'unknown'}-${shortHash(text)}`;
  return { id, text, meta };
}

/** Parses a day's JSON (UTF-8 bytes) into records. */
export function parseSaudiNewsNetJson(bytes: Uint8Array, origin: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  for (const item of parseJsonArray(bytes, origin)) {
    const r = saudiNewsNetRecord(item, origin);
    if (r) out.push(r);
  }
  return out;
}

/** The records of one zip: every `.json` member, in the zip's order. */
function readZip(bytes: Uint8Array, path: string): SourceRecord[] {
  const files = unzipSync(bytes, { filter: (f) => f.name.toLowerCase().endsWith('.json') });
  const out: SourceRecord[] = [];
  for (const [name, data] of Object.entries(files)) {
    for (const r of parseSaudiNewsNetJson(data, memberOrigin(path, name))) out.push(r);
  }
  return out;
}

/**
 * Reads SaudiNewsNet from a folder of daily zips (in name order, i.e. by date), one `.zip`, or
 * one extracted `.json`.
 */
export async function* readSaudiNewsNet(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const { limit } = opts;
  if (limit !== undefined && limit <= 0) return;
  let files: string[];
  if ((await stat(path)).isDirectory()) {
    files = (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.zip')).sort().map((f) => join(path, f));
  } else {
    files = [path];
  }
  const unique = uniqueIds();
  let n = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    const records = file.toLowerCase().endsWith('.json') ? parseSaudiNewsNetJson(bytes, file) : readZip(bytes, file);
    for (const r of records) {
      r.id = unique(r.id); // before the empty check, so ids do not depend on includeEmpty
      if (!keepText(r.text, opts)) continue;
      yield r;
      if (limit !== undefined && ++n >= limit) return;
    }
  }
}
