/** `isnad quotes`: the attributions of a collection, filtered, as a table, JSON lines or CSV. */
import { nameTerms, outletKey } from '../search/keys.js';
import { ATTRIBUTION_TYPES, QueryError, parseDateRange, type AttributionType } from '../search/query.js';
import { statements, type Statement } from '../collection/statements.js';
import type { QuoteFilter, QuoteRow } from '../store/store.js';
import { CliError } from './errors.js';
import { DB_HELP, Output, asCliError, choiceOption, clip, csvLine, intOption, openForReading, parseCommand, type CommandIo } from './collection.js';

export const QUOTES_HELP = `Usage: isnad quotes [options]

Lists who said what: the attributions stored in the collection, newest first,
filtered by speaker, by an entity mentioned in what was said, by outlet, type
and date.

A statement reprinted by several outlets (the same speaker saying near-identical
words in articles of one near-duplicate group) is listed once, with how many
copies carry it and where they ran (×3 · outlets in the table; copies and
appearances in JSON lines; copies, appeared_in and outlets columns in CSV).
--all lists every copy on its own.

Filters (each may be repeated; see below how they combine):
  --speaker NAME        the speaker's name holds these words (لافروف، "وزارة الخارجية")
  --entity NAME         what was said mentions an entity whose name holds these words
  --outlet NAME         the article's outlet (case, spaces and punctuation ignored)
  --type TYPE           direct, indirect or mixed
  --date RANGE          2018, 2018-01, 2018-01-05, or a range 2018-01..2018-03
                        (either end may be open)
Repeated --speaker and --entity must all hold; repeated --outlet and --type are
alternatives.

Options:
${DB_HELP}
  --format table|jsonl|csv
                        a table (default), one JSON object per line, or CSV
  --all                 every copy of a statement on its own line (no counting once)
  --limit N             at most N statements (default 50 for the table, all otherwise)
  --offset N            skip the first N
  -h, --help            show this help

JSON lines and CSV give every part of the attribution (cue, speaker, source,
content, medium, relays, hedge) with its offsets in the article text.

Examples:
  isnad quotes --speaker لافروف --date 2018-01..2018-03
  isnad quotes --entity حلب --type direct --format csv > aleppo-quotes.csv
  isnad quotes --outlet bbc --format jsonl | head
  isnad quotes --speaker لافروف --all
`;

const OPTIONS = {
  db: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  entity: { type: 'string', multiple: true },
  outlet: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  date: { type: 'string' },
  format: { type: 'string', short: 'f' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** CSV columns of a quote (shared with `isnad export attributions`). */
export const QUOTE_CSV_HEADER = [
  'doc_id', 'idx', 'date', 'outlet', 'url', 'type', 'speaker', 'speaker_key', 'speaker_start', 'speaker_end', 'source', 'cue',
  'content', 'content_start', 'content_end', 'medium', 'via', 'hedge',
];

export function quoteCsvFields(q: QuoteRow): unknown[] {
  return [
    q.docId, q.idx, q.date, q.outlet, q.url, q.type, q.speaker?.text, q.speakerKey, q.speaker?.start, q.speaker?.end, q.source?.text, q.cue.text,
    q.content.text, q.content.start, q.content.end, q.medium?.text, q.via.map((v) => v.text).join(' | '), q.hedge?.text,
  ];
}

function names(values: unknown, option: string): string[][] {
  return ((values as string[] | undefined) ?? []).map((v) => {
    const terms = nameTerms(v);
    if (terms.length === 0) throw new CliError('ISNAD_USAGE', `--${option} "${v}" has no words to look for`);
    return terms;
  });
}

export function quoteFilter(values: Record<string, unknown>): QuoteFilter {
  const filter: QuoteFilter = { speakers: names(values.speaker, 'speaker'), entities: names(values.entity, 'entity') };
  filter.outlets = ((values.outlet as string[] | undefined) ?? []).map((o) => {
    const k = outletKey(o);
    if (k === '') throw new CliError('ISNAD_USAGE', `--outlet "${o}" has no letters or digits`);
    return k;
  });
  filter.types = ((values.type as string[] | undefined) ?? []).map((t) => choiceOption(t.toLowerCase(), 'type', ATTRIBUTION_TYPES, 'direct') as AttributionType);
  if (values.date !== undefined) {
    try {
      filter.date = parseDateRange(values.date as string);
    } catch (e) {
      if (e instanceof QueryError) throw new CliError('ISNAD_USAGE', `--date: ${e.message}`);
      throw e;
    }
  }
  return filter;
}

/** CSV columns a statement adds: its copies, the articles (doc ids) and the outlets where it ran. */
export const STATEMENT_CSV_HEADER = [...QUOTE_CSV_HEADER, 'copies', 'appeared_in', 'outlets'];

const outletsOf = (s: Statement): string[] => [...new Set(s.appearances.map((a) => a.outlet).filter((o): o is string => o !== null))];

export function statementCsvFields(s: Statement): unknown[] {
  return [...quoteCsvFields(s), s.copies, s.appearances.map((a) => a.docId).join(' | '), outletsOf(s).join(' | ')];
}

function tableRow(q: QuoteRow | Statement): string {
  const who = q.speaker?.text ?? q.source?.text ?? '—';
  const copies = 'copies' in q && q.copies > 1 ? `  ×${q.copies} · ${clip(outletsOf(q).join('، '), 60)}` : '';
  return `${(q.date ?? '').slice(0, 10).padEnd(10)}  ${clip(q.outlet ?? '', 14).padEnd(14)}  ${q.type.padEnd(8)}  ${clip(who, 30).padEnd(30)}  ${clip(q.content.text, 90)}  (${q.docId})${copies}\n`;
}

export async function quotesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(QUOTES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError('ISNAD_USAGE', `quotes takes options only, got "${positionals.join(' ')}"; filter with --speaker, --entity, --outlet, --type, --date`);
  const format = choiceOption(values.format, 'format', ['table', 'jsonl', 'csv'] as const, 'table');
  const limit = intOption(values.limit, 'limit', format === 'table' ? 50 : undefined);
  const offset = intOption(values.offset, 'offset', 0, 0);
  const filter = quoteFilter(values);
  const store = await openForReading(values.db);
  const out = new Output(io);
  try {
    const all = values.all === true;
    if (format === 'csv') await out.write(csvLine(all ? QUOTE_CSV_HEADER : STATEMENT_CSV_HEADER));
    let n = 0;
    const rows: AsyncIterable<QuoteRow | Statement> = all ? store.quotes(filter, { limit, offset }) : statements(store, filter, { limit, offset });
    for await (const q of rows) {
      n++;
      if (format === 'jsonl') await out.write(JSON.stringify(q) + '\n');
      else if (format === 'csv') await out.write(csvLine('copies' in q ? statementCsvFields(q) : quoteCsvFields(q)));
      else await out.write(tableRow(q));
    }
    if (format === 'table' && n === 0) await out.write('no quotes match\n');
    await out.flush();
    return 0;
  } catch (e) {
    throw asCliError(e);
  } finally {
    await store.close();
  }
}
