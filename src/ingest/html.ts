/**
 * HTML article pages: the article's text, one block a line, and what the page says about it.
 *
 * The article is found by Mozilla's Readability (on a linkedom DOM); when Readability finds
 * nothing, or less than {@link MIN_ARTICLE_CHARS} characters, a simple density extractor takes
 * over (the element whose paragraphs hold the most text outside links). The text is written a
 * block a line, so the structure stage sees the page's own blocks:
 *
 *   <title line>                           the article's title, first, so a headline is found
 *   <paragraph>                            p, headings, list items, quotes, table cells, div text
 *   <caption>                              figcaption, an element of class "caption", or the alt
 *                                          (else title) of an image inside a figure without one:
 *                                          each its own short line, typed `caption` downstream
 *
 * `<br>` ends a line too; white space inside a line collapses to one space.
 *
 * Metadata, first found wins:
 *   title   Readability's title (JSON-LD headline, else the <title> without the site's suffix), og:title
 *   author  Readability's byline, JSON-LD author, meta author / article:author (not a URL)
 *   date    JSON-LD datePublished, article:published_time, itemprop/meta publication dates,
 *           <time datetime>, else a date line among the article's first lines (ISO 8601 via isoDate)
 *   url     <link rel=canonical>, og:url (relative ones resolved against the page's own URL)
 *   outlet  og:site_name, JSON-LD publisher name, application-name
 */
import { Readability } from '@mozilla/readability';
import { decodeText } from './charset.js';
import { all, isElement, parseDocument, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './dom.js';
import { pathKind, readDocumentBytes, walkFolder, type FolderFile } from './plain.js';
import { isoDate, nonBlank, parseIsoDate, type RecordMeta, type SourceRecord } from './record.js';
import { failure, finish, keepDocument, success, type ReadResult, type ReaderOptions } from './result.js';
import { basename } from 'node:path';

export const HTML_FORMAT = 'html';

/** Below this many characters of text, Readability's result is not trusted and the density extractor runs. */
export const MIN_ARTICLE_CHARS = 100;

export interface ArticleMeta {
  title?: string;
  author?: string;
  /** ISO 8601 when readable. */
  date?: string;
  url?: string;
  outlet?: string;
  lang?: string;
}

export interface Article {
  /** One block a line; the title line first when `includeTitle`. */
  text: string;
  meta: ArticleMeta;
  /** Which extractor found the text. */
  method: 'readability' | 'density';
}

export interface ExtractOptions {
  /** The page's own URL: resolves a relative canonical link, and is the URL when the page gives none. */
  url?: string;
  /** Put the title on the first line (default true). */
  includeTitle?: boolean;
}

// ---------------------------------------------------------------------------------------------
// DOM → lines

/** Elements that start and end a line. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Elements whose content is never article text. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'OBJECT',
  'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'MAP', 'HEAD', 'TITLE', 'LINK', 'META',
]);
/** Class names of photo captions: `caption`, `wp-caption-text`, `photo-caption`, `img_caption`, … */
const CAPTION_CLASS = /(?:^|[\s_-])(?:wp-)?caption(?:-text)?(?=$|[\s_-])|(?:photo|image|img|pic)[_-]?caption/i;
const SPACES = /[\s\u00a0]+/g;

const collapse = (s: string): string => s.replace(SPACES, ' ').trim();

/** A figcaption, or an element of a caption class that is not part of a paragraph's text. */
function isCaptionElement(el: DomElement): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'FIGCAPTION') return true;
  const cls = el.getAttribute('class');
  if (cls === null || !CAPTION_CLASS.test(cls)) return false;
  const parent = el.parentNode;
  return !(parent && isElement(parent) && parent.tagName.toUpperCase() === 'P');
}

/** An image's alt or title when it reads as a caption (words, not a file name or a URL). */
function imageCaption(img: DomElement): string | undefined {
  for (const attr of ['alt', 'title']) {
    const v = collapse(img.getAttribute(attr) ?? '');
    if (v === '' || !/\p{L}/u.test(v) || /^\S+\.(?:jpe?g|png|gif|webp|svg)$/i.test(v) || /^https?:/i.test(v)) continue;
    if (v.split(' ').length < 2) continue;
    return v;
  }
  return undefined;
}

class LineWriter {
  readonly lines: string[] = [];
  private cur = '';

  text(s: string): void {
    this.cur += s;
  }

  flush(): void {
    const line = collapse(this.cur);
    this.cur = '';
    if (line !== '' && this.lines[this.lines.length - 1] !== line) this.lines.push(line);
  }

  /** A line of its own. */
  line(s: string): void {
    this.flush();
    this.text(s);
    this.flush();
  }
}

function walk(node: DomNode, w: LineWriter, figureHasCaption: boolean | undefined): void {
  if (node.nodeType === TEXT_NODE) {
    w.text(node.textContent ?? '');
    return;
  }
  if (!isElement(node)) return;
  const tag = node.tagName.toUpperCase();
  if (SKIP.has(tag)) return;
  if (tag === 'BR') {
    w.flush();
    return;
  }
  if (tag === 'IMG') {
    if (figureHasCaption === false) {
      const cap = imageCaption(node);
      if (cap !== undefined) w.line(cap);
    }
    return;
  }
  if (isCaptionElement(node)) {
    w.line(node.textContent ?? '');
    return;
  }
  let inFigure = figureHasCaption;
  if (tag === 'FIGURE') {
    inFigure = all(node.querySelectorAll('*')).some(isCaptionElement);
  }
  const block = BLOCK.has(tag);
  if (block) w.flush();
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) walk(kids[i]!, w, inFigure);
  if (block) w.flush();
}

/** The text of an element (or a whole document body), one block a line. */
export function elementLines(root: DomNode): string[] {
  const w = new LineWriter();
  walk(root, w, undefined);
  w.flush();
  return w.lines;
}

/**
 * HTML (a fragment, as in a feed item, or a page) as plain text, one block a line: paragraphs,
 * headings, list items and captions on lines of their own.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.split(/\r?\n/).map(collapse).filter((l) => l !== '').join('\n');
  const doc = parseDocument(html);
  return elementLines(doc.body ?? doc.documentElement).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Metadata

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|WebPage)$/;

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return nonBlank(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => x !== undefined);
    return names.length > 0 ? names.join('، ') : undefined;
  }
  if (v !== null && typeof v === 'object') return nameOf((v as Record<string, unknown>).name);
  return undefined;
}

/** The first article-like object of the page's JSON-LD scripts (arrays and `@graph` looked into). */
function jsonLd(doc: DomDocument): JsonLdArticle {
  for (const script of all(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let value: unknown;
    try {
      value = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const queue: unknown[] = [value];
    while (queue.length > 0) {
      const v = queue.shift();
      if (Array.isArray(v)) queue.push(...v);
      else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (Array.isArray(o['@graph'])) queue.push(...o['@graph']);
        const types = Array.isArray(o['@type']) ? o['@type'] : [o['@type']];
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) {
          const out: JsonLdArticle = {};
          const headline = nameOf(o.headline) ?? nameOf(o.name);
          if (headline !== undefined) out.headline = headline;
          if (typeof o.datePublished === 'string') out.datePublished = o.datePublished;
          const author = nameOf(o.author);
          if (author !== undefined) out.author = author;
          const publisher = nameOf(o.publisher);
          if (publisher !== undefined) out.publisher = publisher;
          if (Object.keys(out).length > 0 && types.some((t) => t !== 'WebPage')) return out;
        }
      }
    }
  }
  return {};
}

/** `<meta>` values by lower-cased property, name or itemprop (first one wins). */
function metaTags(doc: DomDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of all(doc.querySelectorAll('meta'))) {
    const content = nonBlank(m.getAttribute('content'));
    if (content === undefined) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = m.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

const DATE_METAS = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date',
  'publication_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.issued', 'sailthru.date',
  'parsely-pub-date', 'article.published', 'og:updated_time', 'article:modified_time',
];

const isUrl = (s: string): boolean => /^(?:https?:)?\/\//i.test(s);

/** An absolute URL as the page wrote it; a relative one resolved against `base` (as given when it cannot be). */
function resolveUrl(href: string, base: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

/** What the page says about itself, before any extraction changes the DOM. */
export function pageMeta(doc: DomDocument, opts: ExtractOptions = {}): ArticleMeta & { ld: JsonLdArticle; metas: Map<string, string> } {
  const metas = metaTags(doc);
  const ld = jsonLd(doc);
  const out: ArticleMeta & { ld: JsonLdArticle; metas: Map<string, string> } = { ld, metas };

  const title = ld.headline ?? metas.get('og:title') ?? metas.get('twitter:title') ?? nonBlank(doc.querySelector('title')?.textContent);
  if (title !== undefined) out.title = collapse(title);

  const author = ld.author ?? [metas.get('author'), metas.get('article:author'), metas.get('dc.creator'), metas.get('byl')].find((a) => a !== undefined && !isUrl(a));
  if (author !== undefined) out.author = collapse(author);

  let date = ld.datePublished;
  for (const k of DATE_METAS) if (date === undefined) date = metas.get(k);
  if (date === undefined) {
    const time = doc.querySelector('time[pubdate], time[itemprop="datePublished"]') ?? doc.querySelector('time[datetime]');
    date = nonBlank(time?.getAttribute('datetime')) ?? nonBlank(time?.textContent);
  }
  const iso = isoDate(date);
  if (iso !== undefined) out.date = iso;

  const canonical = nonBlank(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ?? metas.get('og:url');
  const url = canonical !== undefined ? resolveUrl(canonical, opts.url) : opts.url;
  if (url !== undefined) out.url = url;

  const outlet = metas.get('og:site_name') ?? ld.publisher ?? metas.get('application-name');
  if (outlet !== undefined) out.outlet = collapse(outlet);

  const lang = nonBlank(doc.documentElement.getAttribute('lang'));
  if (lang !== undefined) out.lang = lang;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extraction

const letters = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length, 0);

function linkChars(el: DomElement): number {
  let n = 0;
  for (const a of all(el.querySelectorAll('a'))) n += collapse(a.textContent ?? '').length;
  return n;
}

const NOISE = /comment|footer|sidebar|menu|navbar|share|social|related|breadcrumb|advert|promo|cookie|subscribe|newsletter|widget|banner|popup|tags/i;
const CONTENT = /article|content|story|entry|post|body|main|text|news-details|detail/i;

/**
 * The density extractor: drops page chrome, scores each element by the text of the paragraphs
 * (and bare text) it holds outside links, its parent getting half, and returns the lines of the
 * best element with its link lists removed.
 */
export function densityLines(doc: DomDocument): string[] {
  const body = doc.body ?? doc.documentElement;
  for (const el of all(body.querySelectorAll('script, style, noscript, template, iframe, nav, header, footer, aside, form, select, button'))) el.remove();
  for (const el of all(body.querySelectorAll('[class], [id]'))) {
    const key = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (NOISE.test(key) && !CONTENT.test(key) && el.parentNode) el.remove();
  }
  const scores = new Map<DomElement, number>();
  const add = (el: DomNode | null, n: number): void => {
    if (el && isElement(el)) scores.set(el, (scores.get(el) ?? 0) + n);
  };
  for (const el of all(body.querySelectorAll('p, pre, blockquote, td, div, li, h2, h3'))) {
    // the element's own text: text nodes directly inside it (paragraph text, or text between <br>s)
    let own = 0;
    for (let i = 0; i < el.childNodes.length; i++) {
      const c = el.childNodes[i]!;
      if (c.nodeType === TEXT_NODE || (isElement(c) && !BLOCK.has(c.tagName.toUpperCase()) && c.tagName.toUpperCase() !== 'A')) own += collapse(c.textContent ?? '').length;
    }
    if (own < 25) continue;
    const total = collapse(el.textContent ?? '').length;
    if (total > 0 && linkChars(el) / total > 0.5) continue;
    const tag = el.tagName.toUpperCase();
    if (tag === 'P' || tag === 'PRE' || tag === 'BLOCKQUOTE' || tag === 'LI' || tag === 'H2' || tag === 'H3') {
      add(el.parentNode, own);
      add(el.parentNode?.parentNode ?? null, own / 2);
    } else {
      add(el, own);
      add(el.parentNode, own / 2);
    }
  }
  let best: DomElement | undefined;
  let top = 0;
  for (const [el, s] of scores) {
    if (s > top) {
      top = s;
      best = el;
    }
  }
  if (!best) return [];
  for (const el of all(best.querySelectorAll('ul, ol, div, p, table'))) {
    const total = collapse(el.textContent ?? '').length;
    if (total > 0 && total < 400 && linkChars(el) / total > 0.5 && el.parentNode) el.remove();
  }
  return elementLines(best);
}

/** Letters and digits of a line, for comparing a title with a heading. */
const key = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '');

const TITLE_SEPARATOR = /\s+[-|–—:·»«/]\s+/;

/**
 * A page title without the site's name: `افتتاح مستشفيات جديدة - موقع الأخبار` → the part that is
 * the page's h1/h2, else the title without a trailing or leading part equal to the outlet's name.
 */
function cleanTitle(title: string | undefined, outlet: string | undefined, doc: DomDocument): string | undefined {
  if (title === undefined || !TITLE_SEPARATOR.test(title)) return title;
  const parts = title.split(TITLE_SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  const headings = new Set(all(doc.querySelectorAll('h1, h2')).map((h) => key(h.textContent ?? '')));
  const part = parts.find((p) => headings.has(key(p)));
  if (part !== undefined) return part;
  if (outlet !== undefined && parts.length > 1) {
    const o = key(outlet);
    if (key(parts[parts.length - 1]!) === o) return title.slice(0, title.lastIndexOf(parts[parts.length - 1]!)).replace(/\s*[-|–—:·»«/]\s*$/, '');
    if (key(parts[0]!) === o) return title.slice(title.indexOf(parts[0]!) + parts[0]!.length).replace(/^\s*[-|–—:·»«/]\s*/, '');
  }
  return title;
}

/** A date line among the first lines of an article (`الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00`). */
function dateFromLines(lines: readonly string[]): string | undefined {
  for (const line of lines.slice(0, 6)) {
    if (line.split(' ').length > 15) continue;
    const d = parseIsoDate(line);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Readability's article as lines, with its metadata; undefined when it finds none. */
function readabilityArticle(doc: DomDocument): { lines: string[]; title?: string; byline?: string; publishedTime?: string } | undefined {
  let parsed;
  try {
    parsed = new Readability<DomNode>(doc as never, { keepClasses: true, serializer: (el) => el as unknown as DomNode }).parse();
  } catch {
    return undefined;
  }
  if (!parsed || !parsed.content) return undefined;
  const out: { lines: string[]; title?: string; byline?: string; publishedTime?: string } = { lines: elementLines(parsed.content) };
  const title = nonBlank(parsed.title);
  if (title !== undefined) out.title = collapse(title);
  const byline = nonBlank(parsed.byline);
  if (byline !== undefined && !isUrl(byline)) out.byline = collapse(byline);
  const published = nonBlank(parsed.publishedTime);
  if (published !== undefined) out.publishedTime = published;
  return out;
}

/**
 * Extracts the article of an HTML page; undefined when neither extractor finds any text.
 */
export function extractArticle(html: string, opts: ExtractOptions = {}): Article | undefined {
  const doc = parseDocument(html);
  const page = pageMeta(doc, opts);
  const meta: ArticleMeta = {};

  const r = readabilityArticle(doc);
  let lines = r?.lines ?? [];
  let method: Article['method'] = 'readability';
  if (letters(lines) < MIN_ARTICLE_CHARS) {
    const dense = densityLines(parseDocument(html));
    if (letters(dense) > letters(lines)) {
      lines = dense;
      method = 'density';
    }
  }
  if (lines.length === 0) return undefined;

  const title = cleanTitle(r?.title ?? page.title, page.outlet, doc);
  if (title !== undefined) meta.title = title;
  const author = r?.byline ?? page.author;
  if (author !== undefined) meta.author = author;
  const date = page.date ?? isoDate(r?.publishedTime) ?? dateFromLines(lines);
  if (date !== undefined) meta.date = date;
  for (const k of ['url', 'outlet', 'lang'] as const) if (page[k] !== undefined) meta[k] = page[k];

  // the title line first, unless the article already opens with it
  if (title !== undefined && opts.includeTitle !== false) {
    const t = key(title);
    const i = lines.slice(0, 3).findIndex((l) => key(l) === t);
    if (i > 0) lines.splice(i, 1);
    if (i !== 0) lines.unshift(title);
  }
  return { text: lines.join('\n'), meta, method };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface HtmlDocument {
  id: string;
  /** Where the bytes came from (file, `<archive>!<member>`, URL). */
  origin: string;
  /** The page's own URL, when known (a WARC target URI, a fetched URL). */
  url?: string;
  /** Charsets declared outside the page (an HTTP `Content-Type`), strongest first. */
  declared?: ReadonlyArray<string | undefined>;
  /** `meta.format` of the record (default `html`). */
  format?: string;
}

/**
 * The record of one HTML page's bytes: decoded (declared charset, else the page's own meta tag,
 * else detection), then extracted. A failure when the bytes do not decode or the page has no text;
 * undefined for a blank article that `opts` does not want.
 */
export function htmlResult(bytes: Uint8Array, page: HtmlDocument, opts: ReaderOptions = {}): ReadResult | undefined {
  const decoded = decodeText(bytes, opts.encoding !== undefined ? { encoding: opts.encoding } : { declared: page.declared ?? [], sniff: true });
  if (!decoded.ok) return failure(page.origin, decoded.code, decoded.reason);
  const article = extractArticle(decoded.text, page.url === undefined ? {} : { url: page.url });
  if (!article) return failure(page.origin, 'ISNAD_INGEST_NO_CONTENT', 'no article text found in the page');
  if (!keepDocument(article.text, opts)) return undefined;
  const meta: RecordMeta = { format: page.format ?? HTML_FORMAT, origin: page.origin, encoding: decoded.encoding };
  const m = article.meta;
  if (m.outlet !== undefined) meta.outlet = m.outlet;
  if (m.url !== undefined) meta.url = m.url;
  if (m.title !== undefined) meta.title = m.title;
  if (m.date !== undefined) meta.date = m.date;
  if (m.author !== undefined) meta.author = m.author;
  if (m.lang !== undefined) meta.lang = m.lang;
  meta.extractor = article.method;
  const record: SourceRecord = { id: page.id, text: article.text, meta };
  return success(record, decoded.warnings);
}

/** `eg/page.html` → `eg/page`. */
export const htmlId = (name: string): string => name.replace(/\.(?:html?|xhtml)$/i, '') || name;

/** One HTML file as a result. */
export async function htmlFileResult(file: FolderFile, opts: ReaderOptions = {}): Promise<ReadResult | undefined> {
  const bytes = await readDocumentBytes(file.path, file.path, opts.maxBytes);
  if (!Buffer.isBuffer(bytes)) return bytes;
  return htmlResult(bytes, { id: htmlId(file.name), origin: file.path }, opts);
}

async function* htmlResults(path: string, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  const files: AsyncIterable<FolderFile> | Iterable<FolderFile> = (await pathKind(path)) === 'folder' ? walkFolder(path) : [{ path, name: basename(path) }];
  for await (const f of files) {
    const r = await htmlFileResult(f, opts);
    if (r) yield r;
  }
}

/** Reads an HTML page, or every file of a folder as an HTML page. */
export function readHtml(path: string, opts: ReaderOptions = {}): AsyncGenerator<ReadResult> {
  return finish(htmlResults(path, opts), opts);
}
