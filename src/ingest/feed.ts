/**
 * RSS 2.0, Atom and RDF feeds, from a file or an http(s) URL, parsed by feedparser: one record per
 * item.
 *
 *   id      the item's guid, else its link, else `<feed file name>-<n>` (unique within the feed)
 *   text    the item's content (content:encoded, atom:content), else its description or summary,
 *           as plain text, one paragraph a line (see `htmlToText`)
 *   meta    title, url (link), author, category (the first), outlet (the feed's title), format
 *           (`rss`, `atom` or `rdf`), date
 *
 * Dates: the item's raw date string is read by `parseIsoDate` first, which keeps the zone the feed
 * wrote and reads Arabic dates feedparser cannot ("الثلاثاء، 5 مارس 2024", "5 مارس 2024 - 10:30 ص",
 * Levantine month names); else feedparser's own date (as UTC); else the raw string as given.
 *
 * The bytes are decoded by `charset.ts`: the HTTP charset, then the XML prolog's encoding, else
 * detection (feedparser itself reads only strings). A feed feedparser reads despite XML errors
 * yields its items, each with a warning; a document that is not a feed is one failure,
 * `ISNAD_INGEST_BAD_FEED`.
 */
import { basename } from 'node:path';
import FeedParser from 'feedparser';
import { charsetFromContentType, decodeText } from './charset.js';
import { fetchBytes, isHttpUrl, type FetchOptions } from './fetch.js';
import { htmlToText } from './html.js';
import { pathKind, readDocumentBytes, walkFolder, type FolderFile } from './plain.js';
import { nonBlank, parseIsoDate, uniqueIds, type RecordMeta, type SourceRecord } from './record.js';
import { failure, finish, keepDocument, messageOf, success, type ReadResult, type ReaderOptions } from './result.js';

export const FEED_FORMATS = ['rss', 'atom', 'rdf'] as const;

export interface FeedOptions extends ReaderOptions, FetchOptions {}

interface ParsedFeed {
  meta?: FeedParser.Meta;
  items: FeedParser.Item[];
  errors: string[];
}

/** Runs feedparser over a whole feed text, collecting items and errors (it recovers from most). */
export function parseFeedText(xml: string, feedurl?: string): Promise<ParsedFeed> {
  return new Promise((resolve) => {
    const out: ParsedFeed = { items: [], errors: [] };
    let fp: FeedParser;
    try {
      fp = new FeedParser(feedurl === undefined ? { addmeta: false } : { addmeta: false, feedurl });
    } catch (e) {
      out.errors.push(messageOf(e));
      resolve(out);
      return;
    }
    fp.on('error', (e: Error) => out.errors.push(e.message));
    fp.on('meta', (m: FeedParser.Meta) => (out.meta = m));
    fp.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = fp.read()) !== null) out.items.push(item);
    });
    fp.on('end', () => resolve(out));
    fp.end(xml);
  });
}

/** The text of a raw namespaced field of a feedparser item (`{ '#': '…' }`). */
function raw(item: FeedParser.Item, key: string): string | undefined {
  const v: unknown = item[key];
  if (typeof v === 'string') return nonBlank(v);
  if (v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)['#'] === 'string') return nonBlank((v as Record<string, string>)['#']);
  return undefined;
}

const RAW_DATES = ['rss:pubdate', 'atom:published', 'atom:updated', 'dc:date', 'rss:date', 'atom:issued', 'atom:modified'];

/** The item's date: see the module comment. */
export function itemDate(item: FeedParser.Item): string | undefined {
  const rawDate = RAW_DATES.map((k) => raw(item, k)).find((d) => d !== undefined);
  const ours = parseIsoDate(rawDate);
  if (ours !== undefined) return ours;
  const theirs = item.pubdate ?? item.date;
  if (theirs instanceof Date && !Number.isNaN(theirs.getTime())) return theirs.toISOString();
  return rawDate;
}

/** The results of one feed's bytes; `origin` names it, results are `<origin>#<n>`. */
export async function* feedResults(
  bytes: Uint8Array,
  origin: string,
  opts: ReaderOptions & { contentType?: string; url?: string } = {},
): AsyncGenerator<ReadResult> {
  const decoded = decodeText(bytes, opts.encoding !== undefined ? { encoding: opts.encoding } : { declared: [charsetFromContentType(opts.contentType)], sniff: true });
  if (!decoded.ok) {
    yield failure(origin, decoded.code, decoded.reason);
    return;
  }
  const feed = await parseFeedText(decoded.text, opts.url);
  if (feed.items.length === 0) {
    if (feed.errors.length > 0 || !feed.meta) yield failure(origin, 'ISNAD_INGEST_BAD_FEED', `not an RSS, Atom or RDF feed (${feed.errors[0] ?? 'no feed element'})`);
    return;
  }
  const warnings = [...decoded.warnings];
  if (feed.errors.length > 0) warnings.push(`the feed has XML errors (${feed.errors.join('; ')}); its items were read as far as they could be`);
  const type = feed.meta?.['#type'];
  const format = type === 'atom' || type === 'rdf' ? type : 'rss';
  const outlet = nonBlank(feed.meta?.title);
  const unique = uniqueIds();
  const base = basename(origin.replace(/[?#].*$/, '')).replace(/\.(?:xml|rss|atom)$/i, '') || 'feed';
  for (let i = 0; i < feed.items.length; i++) {
    const item = feed.items[i]!;
    const at = `${origin}#${i + 1}`;
    const link = nonBlank(item.link) ?? nonBlank(item.origlink);
    const id = unique(nonBlank(item.guid) ?? link ?? `${base}-${i + 1}`);
    const html = nonBlank(item.description) ?? nonBlank(item.summary) ?? '';
    const text = htmlToText(html);
    if (!keepDocument(text, opts)) continue;
    const meta: RecordMeta = { format, origin: at, encoding: decoded.encoding };
    if (outlet !== undefined) meta.outlet = outlet;
    if (link !== undefined) meta.url = link;
    const title = nonBlank(item.title);
    if (title !== undefined) meta.title = htmlToText(title).replace(/\n/g, ' ');
    const date = itemDate(item);
    if (date !== undefined) meta.date = date;
    const author = nonBlank(item.author);
    if (author !== undefined) meta.author = author;
    const category = item.categories?.map((c) => nonBlank(c)).find((c) => c !== undefined);
    if (category !== undefined) meta.category = category;
    const record: SourceRecord = { id, text, meta };
    yield success(record, warnings);
  }
}

async function* feedSource(source: string, opts: FeedOptions): AsyncGenerator<ReadResult> {
  if (isHttpUrl(source)) {
    const got = await fetchBytes(source, opts);
    const extra: { contentType?: string; url: string } = { url: got.url };
    if (got.contentType !== undefined) extra.contentType = got.contentType;
    yield* feedResults(got.bytes, source, { ...opts, ...extra });
    return;
  }
  const files: AsyncIterable<FolderFile> | Iterable<FolderFile> = (await pathKind(source)) === 'folder' ? walkFolder(source) : [{ path: source, name: basename(source) }];
  for await (const f of files) yield* feedFileResults(f.path, opts);
}

/** The results of one feed file. */
export async function* feedFileResults(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  const bytes = await readDocumentBytes(path, path, opts.maxBytes);
  if (Buffer.isBuffer(bytes)) yield* feedResults(bytes, path, opts);
  else yield bytes;
}

/**
 * Reads a feed from a file, every file of a folder, or an http(s) URL. A URL that cannot be
 * fetched throws `ISNAD_INGEST_FETCH`, a missing path `ISNAD_INGEST_NOT_FOUND` (on the first `next()`).
 */
export function readFeed(source: string, opts: FeedOptions = {}): AsyncGenerator<ReadResult> {
  return finish(feedSource(source, opts), opts);
}
