/** `isnad export`: the whole collection as JSON lines or CSV, streamed, with no row cap. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { StoredDoc } from '../store/store.js';
import { CliError } from './errors.js';
import { DB_HELP, Output, asCliError, choiceOption, csvLine, openForReading, parseCommand, type CommandIo } from './collection.js';
import { QUOTE_CSV_HEADER, quoteCsvFields } from './quotes.js';

export const EXPORT_HELP = `Usage: isnad export articles|entities|attributions [options]

Writes the whole collection, streamed (no row cap, constant memory):
  articles       one article per line: text, metadata, blocks, entities,
                 attributions and sources (JSON lines: a document as isnad
                 analyze writes it, without tokens and sentences)
  entities       one entity mention per line: article, document entity id
                 (e1 …), type, key, offsets and text
  attributions   one attribution per line: every part with its offsets

Options:
${DB_HELP}
  --format jsonl|csv    JSON lines (default) or CSV (RFC 4180, UTF-8)
  --out FILE            write to FILE instead of standard output
  -h, --help            show this help

Examples:
  isnad export articles > collection.jsonl
  isnad export attributions --format csv --out quotes.csv
  isnad export entities --db postgres://isnad@localhost/isnad --format csv
`;

const OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WHAT = ['articles', 'entities', 'attributions'] as const;

const ARTICLE_CSV_HEADER = ['doc_id', 'date', 'outlet', 'title', 'url', 'author', 'sources', 'source_urls', 'entities', 'attributions', 'text'];

function articleCsvFields(d: StoredDoc): unknown[] {
  const m = d.meta;
  const urls = [...new Set(d.sources.map((s) => s.url).filter((u): u is string => !!u))];
  return [d.id, m.date, m.outlet, m.title, m.url, m.author, d.sources.length, urls.join(' '), d.entities?.length ?? 0, d.attributions?.length ?? 0, d.text];
}

const MENTION_CSV_HEADER = ['doc_id', 'idx', 'entity', 'type', 'key', 'start', 'end', 'text'];

export async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1 || !(WHAT as readonly string[]).includes(positionals[0]!)) {
    throw new CliError('ISNAD_USAGE', `export needs one of ${WHAT.join(', ')}${positionals.length ? `, got "${positionals.join(' ')}"` : ''} (see isnad export --help)`);
  }
  const what = positionals[0] as (typeof WHAT)[number];
  const format = choiceOption(values.format, 'format', ['jsonl', 'csv'] as const, 'jsonl');
  const store = await openForReading(values.db);
  const file = values.out !== undefined ? createWriteStream(values.out as string) : undefined;
  const sink: CommandIo = file
    ? { out: (s) => void file.write(s), err: io.err, isTTY: false }
    : io;
  const out = new Output(sink);
  const write = async (s: string): Promise<void> => {
    await out.write(s);
    if (file?.writableNeedDrain) await once(file, 'drain');
  };
  try {
    if (what === 'articles') {
      if (format === 'csv') await write(csvLine(ARTICLE_CSV_HEADER));
      for await (const d of store.exportArticles()) await write(format === 'csv' ? csvLine(articleCsvFields(d)) : JSON.stringify(d) + '\n');
    } else if (what === 'entities') {
      if (format === 'csv') await write(csvLine(MENTION_CSV_HEADER));
      for await (const m of store.exportMentions()) {
        await write(format === 'csv' ? csvLine([m.docId, m.idx, m.entity, m.type, m.key, m.start, m.end, m.text]) : JSON.stringify(m) + '\n');
      }
    } else {
      if (format === 'csv') await write(csvLine(QUOTE_CSV_HEADER));
      for await (const q of store.exportAttributions()) await write(format === 'csv' ? csvLine(quoteCsvFields(q)) : JSON.stringify(q) + '\n');
    }
    await out.flush();
    if (file) {
      file.end();
      await once(file, 'finish');
    }
    return 0;
  } catch (e) {
    file?.destroy();
    throw asCliError(e);
  } finally {
    await store.close();
  }
}
