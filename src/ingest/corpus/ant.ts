/**
 * The ANT corpus (Chouigui et al.): v2.1 multisource (Al Arabiya, BBC, CNN, France24, Sky News
 * Arabia, 2018) and v1.1 Jawhara FM (Tunisia, 2014–2017).
 *
 * One article per `.txt` file, in TREC-like pseudo-XML that is not well-formed (no escaping, some
 * tags missing or unclosed), so it is cut with `indexOf`, never an XML parser:
 *
 *   <DOC>
 *   <DOCNO>AL-culture-1-20180218</DOCNO>
 *   <URL>…</URL> <SRC>alarabia</SRC> <CAT>culture</CAT> <TITLE>…</TITLE>
 *   <TIME>Sun, 18 Feb 2018 21:35:43 +0400</TIME>     (Jawhara: ISO, 2017-01-22T171800 or 01/07/2016)
 *   <AUTHOR>…</AUTHOR>
 *   <ABSTRACT>\n…\n</ABSTRACT>
 *   <TEXT>\n…one paragraph a line…\n</TEXT>
 *   </DOC>
 *
 * Header tags are one line each: a value ends at its closing tag or, when that is missing, at the
 * end of the line. They are looked for only before `<TEXT>`, so a stray tag in a body is ignored.
 * The body runs to the last `</TEXT>` (else `</DOC>`, else the end of the file).
 */
import { keepText, isoDate, nonBlank, type ReadOptions, type SourceRecord } from '../record.js';
import { readFiles } from '../tar.js';

export const ANT_FORMAT = 'ant-trec';

/** The fields of one `<DOC>`; header values are trimmed, blank ones undefined. */
export interface AntDoc {
  docno?: string;
  url?: string;
  src?: string;
  cat?: string;
  title?: string;
  time?: string;
  author?: string;
  abstract?: string;
  /** The `<TEXT>` content without the newline after `<TEXT>` and the one before `</TEXT>`. */
  text: string;
}

/** Outlets by DOCNO / file-name prefix, for the odd file without `<SRC>`. */
const OUTLET_BY_PREFIX: Record<string, string> = {
  AL: 'alarabia',
  BB: 'BBC',
  CN: 'CNN',
  FR: 'france24',
  SK: 'skynews',
  JA: 'Jawhara FM',
};

/** Parses one ANT document; undefined when the string has neither `<DOCNO>` nor `<TEXT>`. */
export function parseAntDoc(s: string): AntDoc | undefined {
  const textTag = s.indexOf('<TEXT>');
  const headEnd = textTag >= 0 ? textTag : s.length;

  const line = (tag: string): string | undefined => {
    const open = `<${tag}>`;
    const i = s.indexOf(open);
    if (i < 0 || i >= headEnd) return undefined;
    const start = i + open.length;
    let end = s.indexOf('\n', start);
    if (end < 0 || end > headEnd) end = headEnd;
    const close = s.indexOf(`</${tag}>`, start);
    if (close >= 0 && close < end) end = close;
    return nonBlank(s.slice(start, end));
  };

  const docno = line('DOCNO');
  if (docno === undefined && textTag < 0) return undefined;

  let abstract: string | undefined;
  const a = s.indexOf('<ABSTRACT>');
  if (a >= 0 && a < headEnd) {
    const start = a + '<ABSTRACT>'.length;
    const close = s.indexOf('</ABSTRACT>', start);
    abstract = nonBlank(s.slice(start, close >= 0 && close < headEnd ? close : headEnd));
  }

  let text = '';
  if (textTag >= 0) {
    let start = textTag + '<TEXT>'.length;
    let end = s.lastIndexOf('</TEXT>');
    if (end < start) end = s.lastIndexOf('</DOC>');
    if (end < start) end = s.length;
    if (s.charCodeAt(start) === 0x0d && s.charCodeAt(start + 1) === 0x0a) start += 2;
    else if (s.charCodeAt(start) === 0x0a) start += 1;
    if (end > start && s.charCodeAt(end - 1) === 0x0a) {
      end -= 1;
      if (end > start && s.charCodeAt(end - 1) === 0x0d) end -= 1;
    }
    text = s.slice(start, end);
  }

  const doc: AntDoc = { text };
  if (docno !== undefined) doc.docno = docno;
  const fields = [
    ['url', 'URL'],
    ['src', 'SRC'],
    ['cat', 'CAT'],
    ['title', 'TITLE'],
    ['time', 'TIME'],
    ['author', 'AUTHOR'],
  ] as const;
  for (const [key, tag] of fields) {
    const v = line(tag);
    if (v !== undefined) doc[key] = v;
  }
  if (abstract !== undefined) doc.abstract = abstract;
  return doc;
}

/** The record for a parsed document read from `name` (its path inside the archive or folder). */
export function antRecord(doc: AntDoc, name: string, origin: string): SourceRecord {
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1).replace(/\.txt$/i, '');
  const id = doc.docno ?? base;
  const parent = slash > 0 ? name.slice(name.lastIndexOf('/', slash - 1) + 1, slash) : undefined;
  const meta: SourceRecord['meta'] = { format: ANT_FORMAT, origin };
  const outlet = doc.src ?? OUTLET_BY_PREFIX[base.slice(0, 2)];
  if (outlet !== undefined) meta.outlet = outlet;
  if (doc.url !== undefined) meta.url = doc.url;
  if (doc.title !== undefined) meta.title = doc.title;
  const date = isoDate(doc.time);
  if (date !== undefined) meta.date = date;
  if (doc.author !== undefined) meta.author = doc.author;
  const category = doc.cat ?? nonBlank(parent);
  if (category !== undefined) meta.category = category;
  return { id, text: doc.text, meta };
}

const isTxt = (name: string): boolean => name.length > 4 && name.slice(-4).toLowerCase() === '.txt';

/**
 * Reads an ANT corpus from its `.tar.gz` (or `.tar`) or an extracted folder. Files other than
 * `*.txt` (README.md, LICENSE) and `.txt` files with neither `<DOCNO>` nor `<TEXT>` are skipped. `id` is the DOCNO
 * (the file name when it is missing), `outlet` the SRC, `category` the CAT (else the folder).
 */
export async function* readAnt(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const { limit } = opts;
  if (limit !== undefined && limit <= 0) return;
  let n = 0;
  for await (const file of readFiles(path, { filter: isTxt })) {
    const doc = parseAntDoc(file.data.toString('utf8'));
    if (doc === undefined || !keepText(doc.text, opts)) continue;
    yield antRecord(doc, file.name, file.origin);
    if (limit !== undefined && ++n >= limit) return;
  }
}
