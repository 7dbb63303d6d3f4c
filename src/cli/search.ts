/** `isnad search QUERY`: ranked articles with highlighted snippets and facet counts. */
import { search, type SearchResult } from '../search/search.js';
import type { Snippet } from '../search/snippets.js';
import { CliError } from './errors.js';
import { DB_HELP, asCliError, choiceOption, clip, intOption, oneLine, openForReading, parseCommand, type CommandIo } from './collection.js';
import { formatCount } from './progress.js';

export const QUERY_HELP = `Query language:
  سوريا حلب               every word must occur, in any spelling and with any clitics:
                          السورى finds السوري, والمسلحين finds المسلحين
  "الجيش السوري"           an exact phrase (consecutive words)
  -روسيا -"وقف النار"      leave out articles with a word or phrase
  speaker:أوباما           an attribution whose speaker's name holds these words
  speaker:"وزارة الخارجية"
  entity:حلب               an article mentioning an entity whose name holds these words
  outlet:bbc               the outlet (case, spaces and punctuation ignored)
  type:direct              an attribution of this type: direct, indirect, mixed
  date:2018-01..2018-03    a year, month or day, or a range (either end may be open)
Repeated speaker: and entity: must all hold; repeated outlet: and type: are
alternatives. speaker: and type: together must hold for the same attribution.`;

export const SEARCH_HELP = `Usage: isnad search QUERY [options]

Searches the collection. Words are matched by their search keys (normalized
spelling, without clitics, light-stemmed); results are ranked by BM25, with a
snippet of each article whose matches are highlighted.

Near-duplicates are collapsed: copies of one text (edited, trimmed or
republished by other outlets; see isnad dups) show as one hit, the best-ranked
copy, with the outlets that also published it. The count is of such hits.
--all shows every copy.

${QUERY_HELP}

Options:
${DB_HELP}
  --limit N             results to show (default 10)
  --offset N            skip the first N results
  --format text|json|jsonl
                        text (default), one JSON object, or one hit per line
  --all                 every copy of a near-duplicate on its own (no collapsing)
  --facets / --no-facets
                        counts by outlet, month, speaker and entity (default:
                        on for text, off for json and jsonl)
  --top N               speakers and entities in the facets (default 10)
  --snippet-size N      snippet length in characters (default 220)
  --color / --no-color  highlight with colors (default on a terminal; NO_COLOR is honored)
  -h, --help            show this help

Offsets in json output (snippet.start/end, highlights) are UTF-16 code units into
the article text, end exclusive.

Examples:
  isnad search 'السورى حلب'
  isnad search '"وزارة الخارجية" speaker:لافروف date:2018-01..2018-03' --format json
  isnad search 'entity:ترامب -روسيا outlet:bbc' --limit 20
`;

const OPTIONS = {
  db: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  format: { type: 'string', short: 'f' },
  all: { type: 'boolean' },
  facets: { type: 'boolean' },
  'no-facets': { type: 'boolean' },
  top: { type: 'string' },
  'snippet-size': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BOLD = '\x1b[1m';
const MARK = '\x1b[1;33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** The snippet on one line, its highlights marked with colors or [brackets]. */
export function renderSnippet(sn: Snippet, color: boolean): string {
  let out = '';
  let at = sn.start;
  for (const h of sn.highlights) {
    out += sn.text.slice(at - sn.start, h.start - sn.start);
    out += color ? `${MARK}${h.text}${RESET}` : `[${h.text}]`;
    at = h.end;
  }
  out += sn.text.slice(at - sn.start);
  return oneLine(out);
}

export function renderText(r: SearchResult, query: string, offset: number, color: boolean, ms: number): string {
  const lines: string[] = [];
  const b = (s: string): string => (color ? `${BOLD}${s}${RESET}` : s);
  const d = (s: string): string => (color ? `${DIM}${s}${RESET}` : s);
  lines.push(`${formatCount(r.total)} article${r.total === 1 ? '' : 's'} match ${query} ${d(`(${ms.toFixed(0)} ms)`)}`);
  r.hits.forEach((h, i) => {
    const meta = [h.outlet, h.date?.slice(0, 10), r.plan.phrases.length > 0 ? `score ${(-h.score).toFixed(2)}` : undefined].filter(Boolean).join(' · ');
    lines.push('');
    lines.push(`${String(offset + i + 1).padStart(3)}. ${b(h.docId)}  ${d(meta)}`);
    if (h.title) lines.push(`     ${clip(h.title, 110)}`);
    if (h.snippet && h.snippet.text) lines.push(`     ${h.snippet.start > 0 ? '…' : ''}${renderSnippet(h.snippet, color)}…`);
    const also = h.alsoPublishedBy;
    if (also) {
      const outlets = also.outlets.length > 0 ? clip(also.outlets.join('، '), 90) : 'the same outlet';
      lines.push(`     ${d(`also published by: ${outlets} (${also.count} other cop${also.count === 1 ? 'y' : 'ies'})`)}`);
    }
  });
  const f = r.facets;
  if (f) {
    const list = (xs: Array<{ value: string; count: number }>, n = 12): string =>
      xs.length === 0 ? '—' : xs.slice(0, n).map((x) => `${oneLine(x.value)} ${formatCount(x.count)}`).join(' · ') + (xs.length > n ? ` · …${xs.length - n} more` : '');
    lines.push('');
    lines.push(`${b('outlets')}   ${list(f.outlet)}`);
    lines.push(`${b('months')}    ${list(f.month, 24)}`);
    lines.push(`${b('speakers')}  ${list(f.speaker)}`);
    lines.push(`${b('entities')}  ${list(f.entity.map((e) => ({ value: `${e.value} (${e.type})`, count: e.count })))}`);
  }
  return lines.join('\n') + '\n';
}

export async function searchCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(SEARCH_HELP);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (query === '') throw new CliError('ISNAD_USAGE', 'search needs a QUERY (see isnad search --help)');
  const format = choiceOption(values.format, 'format', ['text', 'json', 'jsonl'] as const, 'text');
  const limit = intOption(values.limit, 'limit', 10)!;
  const offset = intOption(values.offset, 'offset', 0, 0)!;
  const top = intOption(values.top, 'top', 10)!;
  const size = intOption(values['snippet-size'], 'snippet-size', 220, 20)!;
  const facets = values['no-facets'] ? false : values.facets ? true : format === 'text';
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !process.env.NO_COLOR;
  const store = await openForReading(values.db);
  try {
    const t0 = performance.now();
    let r: SearchResult;
    try {
      r = await search(store, query, { limit, offset, facets, top, snippets: { size }, collapse: values.all !== true });
    } catch (e) {
      throw asCliError(e, query);
    }
    const ms = performance.now() - t0;
    if (format === 'json') io.out(JSON.stringify({ query, ...r }, null, 2) + '\n');
    else if (format === 'jsonl') for (const h of r.hits) io.out(JSON.stringify(h) + '\n');
    else io.out(renderText(r, query, offset, color, ms));
    return 0;
  } finally {
    await store.close();
  }
}
