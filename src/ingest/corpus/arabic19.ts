/**
 * The "Arabic Newspapers Corpus" of 19 countries (c. 2011): `<category-in-Arabic>/<CC><X><n>.txt`,
 * Windows-1256 encoded with CRLF line ends, no title/date/URL.
 *
 *   …/اقتصاديه/AEE1.txt   → id AEE1, country AE, category اقتصاديه
 *
 * The country is the first two letters of the file name as the corpus writes them (TM is Tunisia).
 * The letter after it is not a reliable category (some sports files use P), so the category is the
 * folder name; {@link ARABIC19_CATEGORIES} gives English names for it.
 */
import { keepText, type ReadOptions, type SourceRecord } from '../record.js';
import { readFiles } from '../tar.js';

export const ARABIC19_FORMAT = 'arabic19-cp1256';

/** English names of the category folders. */
export const ARABIC19_CATEGORIES: Readonly<Record<string, string>> = {
  'اقتصاديه': 'economy',
  'ثقافية': 'culture',
  'دينيه': 'religion',
  'رياضية': 'sports',
  'سياسيه': 'politics',
  'علمية وتقنية': 'science-tech',
};

const cp1256 = new TextDecoder('windows-1256');

/** Decodes Windows-1256 bytes and turns CRLF into LF (a lone CR is kept). */
export function decodeCp1256(bytes: Uint8Array): string {
  // every file of the corpus ends with one NUL byte: not text
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const s = cp1256.decode(bytes.subarray(0, end));
  return s.indexOf('\r\n') >= 0 ? s.replace(/\r\n/g, '\n') : s;
}

/** The record for the file at `name` (`…/<category>/<CC><X><n>.txt`) with its raw bytes. */
export function arabic19Record(name: string, bytes: Uint8Array, origin: string): SourceRecord {
  const slash = name.lastIndexOf('/');
  const id = name.slice(slash + 1).replace(/\.txt$/i, '');
  const meta: SourceRecord['meta'] = { format: ARABIC19_FORMAT, origin };
  if (/^[A-Za-z]{2}/.test(id)) meta.country = id.slice(0, 2).toUpperCase();
  if (slash > 0) meta.category = name.slice(name.lastIndexOf('/', slash - 1) + 1, slash);
  return { id, text: decodeCp1256(bytes), meta };
}

const isTxt = (name: string): boolean => name.length > 4 && name.slice(-4).toLowerCase() === '.txt';

/** Reads the corpus from its `.tar.gz` (or `.tar`) or an extracted folder. */
export async function* readArabic19(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const { limit } = opts;
  if (limit !== undefined && limit <= 0) return;
  let n = 0;
  for await (const file of readFiles(path, { filter: isTxt })) {
    const record = arabic19Record(file.name, file.data, file.origin);
    if (!keepText(record.text, opts)) continue;
    yield record;
    if (limit !== undefined && ++n >= limit) return;
  }
}
