/**
 * A standalone entry for the collection commands, `node dist/cli/collection-main.js ingest …`:
 * what the crash test and the benchmarks spawn. `isnad ingest|search|quotes|dups|export` route to the same
 * functions through main.ts.
 */
import '../ner/node.js'; // registers the shipped NER model (read lazily, by the analysis workers)
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.js';
import type { CommandIo } from './collection.js';
import { dupsCommand, DUPS_HELP } from './dups.js';
import { exportCommand, EXPORT_HELP } from './export.js';
import { ingestCommand, INGEST_HELP } from './ingest.js';
import { quotesCommand, QUOTES_HELP } from './quotes.js';
import { searchCommand, SEARCH_HELP } from './search.js';

export const COLLECTION_COMMANDS: Record<string, { run: (args: string[], io: CommandIo) => Promise<number>; help: string }> = {
  ingest: { run: ingestCommand, help: INGEST_HELP },
  search: { run: searchCommand, help: SEARCH_HELP },
  quotes: { run: quotesCommand, help: QUOTES_HELP },
  dups: { run: dupsCommand, help: DUPS_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
};

export async function runCollectionCommand(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? COLLECTION_COMMANDS[name] : undefined;
  try {
    if (!cmd) throw new CliError('ISNAD_USAGE', `expected one of ${Object.keys(COLLECTION_COMMANDS).join(', ')}${name ? `, got "${name}"` : ''}`);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`isnad: ${e.message} [${e.code}]`);
      return e.exitCode;
    }
    io.err(`isnad: internal error: ${(e as Error)?.message ?? String(e)} [ISNAD_INTERNAL]`);
    if (process.env.ISNAD_DEBUG) io.err(String((e as Error)?.stack ?? e));
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const io: CommandIo = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    isTTY: Boolean(process.stdout.isTTY),
  };
  process.exitCode = await runCollectionCommand(process.argv.slice(2), io);
}
