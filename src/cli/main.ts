/**
 * The `isnad` command line. This file parses arguments and calls the library; no logic lives here.
 */
import '../ner/node.js'; // registers the shipped NER model for analyze() (read lazily on first use)
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { analyzeCommand, parseLayers, DEFAULT_MAX_BYTES } from './analyze.js';
import { CliError } from './errors.js';
import { HELP as NER_HELP, nerCommand } from './ner.js';
import { COLLECTION_COMMANDS } from './collection-main.js';
import { serveCommand, SERVE_HELP } from './serve.js';

export const VERSION = '0.1.0';

const MAIN_HELP = `isnad — who said what, through whom, about whom, in Arabic news

Usage: isnad <command> [options]

Commands:
  analyze FILE|-        analyze one article (plain text) and print its JSON document
  analyze --jsonl FILE  analyze JSON lines ({"id", "text", …} per line), one document per line
  ner --conll FILE|-    tag "word TAG" lines with named entities (conlleval layout)
  ingest SOURCE…        analyze files, folders, corpora, feeds, WARC into a collection
                        (SQLite file isnad.db by default, or a postgres:// URL)
  search QUERY          search a collection: ranked hits, snippets, facets
  quotes                list a collection's attributions (who said what), filtered
  dups                  list a collection's near-duplicate groups, largest first
  export KIND           stream articles, entities or attributions as JSONL or CSV
  serve                 the HTTP API and the web app over a collection
  help [COMMAND]        show help for a command

Options:
  -h, --help            show help
  -v, --version         show the version

Examples:
  isnad analyze examples/article.txt --format pretty
  cat article.txt | isnad analyze - > article.json
  isnad analyze --jsonl articles.jsonl > analyzed.jsonl
  isnad ingest saudinewsnet ant-multisource --db news.db
  isnad search 'السوري -روسيا date:2016' --db news.db
  isnad quotes --speaker 'لافروف' --format csv --db news.db > lavrov.csv
  isnad serve --db news.db          (then open http://127.0.0.1:8080)

Every span in the output is {start, end, text}: offsets into the original text
(UTF-16 code units, end exclusive), so text.slice(start, end) === span.text.
`;

const ANALYZE_HELP = `Usage: isnad analyze [options] FILE|-
       isnad analyze --jsonl [options] [FILE|-]

Analyzes Arabic news text: structure (headline, dateline, byline, body, subhead,
caption, related links, boilerplate), sentences and tokens (normalized form,
clitics, light stem), with every span pointing into the original text.

Input:
  FILE                  a UTF-8 text file; - reads standard input
  --jsonl               read JSON lines instead, each with "id" and "text"; other
                        string fields (title, url, outlet, date …) go to "meta".
                        Writes one JSON document per line; bad lines are reported
                        on stderr and skipped
  --encoding NAME       decode the input as NAME (e.g. windows-1256, utf-16le)
  --max-bytes N         refuse input larger than N bytes (default ${DEFAULT_MAX_BYTES})
  --force               analyze even when the text does not look Arabic

Output:
  --format json|compact|pretty
                        json (indented, default), compact (one line), or a
                        readable colored view of blocks and sentences
  --layers LIST         only these layers, comma-separated: blocks, sentences,
                        tokens, entities, attributions
  --id ID               document id (default: the file name)
  --title TITLE         the headline, when known (helps find it in the text)
  --color / --no-color  force colors on or off in the pretty view (NO_COLOR is honored)

Exit status: 0 on success, 1 on bad input, 2 on a usage error.

Examples:
  isnad analyze examples/article.txt --format pretty
  isnad analyze article.txt --layers blocks,sentences
  isnad analyze --jsonl ../shared/gold/attribution-dev.jsonl > predicted.jsonl
`;

const HELP: Record<string, string> = {
  analyze: ANALYZE_HELP,
  ner: NER_HELP,
  ...Object.fromEntries(Object.entries(COLLECTION_COMMANDS).map(([k, c]) => [k, c.help])),
  serve: SERVE_HELP,
};

const ANALYZE_OPTIONS: ParseArgsConfig['options'] = {
  jsonl: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  layers: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  encoding: { type: 'string' },
  'max-bytes': { type: 'string' },
  force: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  isTTY: Boolean(process.stdout.isTTY),
};

function parse(args: string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError('ISNAD_USAGE', (e as Error).message.replace(/\. To specify.*$/s, '').trim());
  }
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help') {
      io.out(MAIN_HELP);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.out(`isnad ${VERSION}\n`);
      return 0;
    }
    if (command === 'help') {
      const topic = rest[0];
      if (topic && !HELP[topic]) throw new CliError('ISNAD_USAGE', `no command "${topic}"; commands: ${Object.keys(HELP).join(', ')}`);
      io.out(topic ? HELP[topic]! : MAIN_HELP);
      return 0;
    }
    if (command === 'analyze') {
      const { values, positionals } = parse(rest, ANALYZE_OPTIONS);
      if (values.help) {
        io.out(ANALYZE_HELP);
        return 0;
      }
      const format = (values.format as string | undefined) ?? 'json';
      if (!['json', 'pretty', 'compact'].includes(format)) throw new CliError('ISNAD_USAGE', `unknown --format "${format}"; choose json, compact or pretty`);
      if (positionals.length > 1) throw new CliError('ISNAD_USAGE', `analyze takes one input, got ${positionals.length}: ${positionals.join(' ')}`);
      const input = positionals[0] ?? (values.jsonl ? '-' : undefined);
      if (!input) throw new CliError('ISNAD_USAGE', 'analyze needs a FILE, or - to read standard input (see isnad analyze --help)');
      const maxBytes = values['max-bytes'] !== undefined ? Number(values['max-bytes']) : DEFAULT_MAX_BYTES;
      if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new CliError('ISNAD_USAGE', `--max-bytes must be a positive number, got "${values['max-bytes']}"`);
      const color = values['no-color'] ? false : values.color ? true : io.isTTY && !process.env.NO_COLOR;
      return await analyzeCommand(
        input,
        {
          format: format as 'json' | 'pretty' | 'compact',
          jsonl: Boolean(values.jsonl),
          id: values.id as string | undefined,
          title: values.title as string | undefined,
          encoding: values.encoding as string | undefined,
          maxBytes,
          force: Boolean(values.force),
          layers: parseLayers(values.layers as string | undefined),
          color,
        },
        io.out,
        io.err,
      );
    }
    if (command === 'ner') {
      const { values, positionals } = parse(rest, { conll: { type: 'string' }, 'no-rules': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
      if (values.help) {
        io.out(NER_HELP);
        return 0;
      }
      const input = (values.conll as string | undefined) ?? positionals[0];
      if (!input) throw new CliError('ISNAD_USAGE', 'ner needs --conll FILE (or - for standard input); see isnad ner --help');
      return await nerCommand(input, io.out, io.err, { rules: !values['no-rules'] });
    }
    const collection = COLLECTION_COMMANDS[command];
    if (collection) return await collection.run(rest, io);
    if (command === 'serve') return await serveCommand(rest, io, { allowFork: true });
    throw new CliError('ISNAD_USAGE', `unknown command "${command}"; run isnad --help for the list`);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`isnad: ${e.message} [${e.code}]`);
      return e.exitCode;
    }
    const err = e as Error;
    io.err(`isnad: internal error: ${err?.message ?? String(e)} [ISNAD_INTERNAL] (set ISNAD_DEBUG=1 for details)`);
    if (process.env.ISNAD_DEBUG) io.err(String(err?.stack ?? e));
    return 1;
  }
}
