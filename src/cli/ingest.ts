/** `isnad ingest`: read sources, analyze them on worker threads, store them in a collection. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { IngestSummary } from '../collection/ingest.js';
import { ingestInto } from '../collection/run.js';
import { CORPUS_NAMES, isCorpusName } from '../ingest/corpus/index.js';
import { SOURCE_FORMATS, type SourceFormat } from '../ingest/index.js';
import { CliError } from './errors.js';
import { DB_HELP, asCliError, choiceOption, intOption, parseCommand, type CommandIo } from './collection.js';
import { Progress, formatCount, formatDuration } from './progress.js';

export const INGEST_HELP = `Usage: isnad ingest SOURCE… [options]

Reads articles, analyzes them (structure, sentences, entities, attributions) on
worker threads and stores them in a collection with a full-text index.

SOURCE is a file, a folder, a tar archive, a feed, a WARC file, a URL, or one of
the shared corpora by name (${CORPUS_NAMES.join(', ')}).

Ingest is idempotent and resumable: a record already stored (same source and
id) is skipped before analysis, so re-running a command adds nothing new, and
re-running it after a crash or Ctrl-C finishes the job. Every batch is one
transaction: what was committed is never lost. An exact duplicate (the same text
once normalized) is stored once; each of its sources and URLs is kept.

Near-duplicates (copies edited, trimmed or republished by other outlets) are
grouped as they arrive: each new article is compared with the collection's
index (rebuilt from the collection when the run starts) and its group, the
group's first copy and which copies are other outlets' or the same outlet's are
stored with it. isnad dups lists the groups; search and quotes collapse them.

Options:
${DB_HELP}
  --format NAME         how to read the sources (default auto): ${SOURCE_FORMATS.join(', ')}
  --encoding NAME       decode every document as NAME (e.g. windows-1256)
  --limit N             stop after N records in all
  --workers N           analysis threads (default: one per core, here ${availableParallelism()})
  --batch N             records per batch and transaction (default 64)
  --no-dedup            do not group near-duplicates in this run (the next run
                        that does will compare what this one stored)
  --quiet               no progress display
  -h, --help            show this help

Progress goes to the terminal as one updating line (count, rate, ETA), or as a
plain line every 10 seconds when the output is not a terminal. The summary lists
what was ingested, the exact duplicates, what was already stored, and failures
with their reasons.

Exit status: 0 when done (documents that failed are listed, not fatal), 1 when
the collection cannot be used, 2 on a usage error, 130 when interrupted.

Examples:
  isnad ingest ../shared/corpus/ant-jawharafm --db jawhara.db
  isnad ingest saudinewsnet ant-multisource ant-jawharafm
  isnad ingest articles.jsonl pages/ --db postgres://isnad@localhost/isnad
`;

const OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
  limit: { type: 'string' },
  workers: { type: 'string' },
  batch: { type: 'string' },
  'no-dedup': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Every SOURCE must be a URL, an existing path, or a shared corpus name. */
function checkSources(sources: readonly string[]): void {
  for (const s of sources) {
    if (/^https?:\/\//i.test(s) || existsSync(s) || isCorpusName(s)) continue;
    throw new CliError('ISNAD_INPUT_NOT_FOUND', `cannot read "${s}": no such file or folder, and not a corpus name (${CORPUS_NAMES.join(', ')})`);
  }
}

export function formatSummary(s: IngestSummary, where: string): string {
  const lines: string[] = [];
  const rate = s.elapsed > 0 ? s.done / s.elapsed : 0;
  lines.push(
    `${s.interrupted ? 'interrupted: ' : ''}ingested ${formatCount(s.ingested)} article${s.ingested === 1 ? '' : 's'} · ` +
      `${formatCount(s.duplicates)} exact duplicate${s.duplicates === 1 ? '' : 's'} (stored once, source kept) · ` +
      `${formatCount(s.already)} already in the collection · ${formatCount(s.failed)} failed · ` +
      `${formatDuration(s.elapsed)} (${formatCount(Math.round(rate))} records/s, ${s.workers} worker${s.workers === 1 ? '' : 's'})`,
  );
  if (s.failed > 0) {
    lines.push(`failed, by reason: ${Object.entries(s.failedBy).map(([code, n]) => `${code} ${formatCount(n)}`).join(', ')}`);
    for (const f of s.failures.slice(0, 10)) lines.push(`  ${f.origin}: ${f.reason} [${f.code}]`);
    if (s.failed > 10) lines.push(`  … and ${formatCount(s.failed - Math.min(10, s.failures.length))} more`);
  }
  const skipped = Object.entries(s.skippedBy);
  if (skipped.length > 0) lines.push(`left out by the readers: ${skipped.map(([why, n]) => `${why} ${formatCount(n)}`).join(', ')}`);
  if (s.dups) {
    const d = s.dups;
    lines.push(
      `near-duplicates: ${formatCount(d.joined)} of the new article${d.added === 1 ? '' : 's'} joined a group · index of ${formatCount(d.indexed)} ` +
        `(rebuilt in ${d.loadMs < 1000 ? `${Math.round(d.loadMs)} ms` : formatDuration(d.loadMs / 1000)}${d.backfilled > 0 ? `, ${formatCount(d.backfilled)} stored articles fingerprinted` : ''}) · ` +
        `adding one: p50 ${d.addMs.p50.toFixed(2)} ms, p95 ${d.addMs.p95.toFixed(2)} ms`,
    );
  }
  if (s.interrupted) lines.push(`what was committed is kept; run the same command again to finish`);
  lines.push(`collection: ${where}`);
  return lines.join('\n') + '\n';
}

export async function ingestCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(INGEST_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new CliError('ISNAD_USAGE', 'ingest needs at least one SOURCE (see isnad ingest --help)');
  const format = choiceOption<SourceFormat>(values.format, 'format', SOURCE_FORMATS, 'auto');
  const limit = intOption(values.limit, 'limit', undefined);
  const workers = intOption(values.workers, 'workers', availableParallelism(), 0);
  const batchSize = intOption(values.batch, 'batch', 64);
  checkSources(positionals);

  const ac = new AbortController();
  const onSignal = (): void => {
    if (ac.signal.aborted) process.exit(130); // a second Ctrl-C: committed batches are safe
    ac.abort();
    io.err('isnad: stopping after the batches in progress (Ctrl-C again to quit at once; committed batches are kept)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = values.quiet
    ? undefined
    : new Progress({ isTTY: io.isTTY, write: io.out, log: (l) => io.err(`isnad: ${l}`), label: 'ingest' });
  try {
    let location = (values.db as string | undefined) ?? '';
    const summary = await ingestInto(values.db as string | undefined, positionals, {
      onOpen: (where) => (location = where),
      format,
      encoding: values.encoding as string | undefined,
      limit,
      workers,
      batchSize,
      dedup: !values['no-dedup'],
      signal: ac.signal,
      onProgress: (p) =>
        progress?.update({
          done: p.done,
          total: p.total,
          extra: `${formatCount(p.ingested)} new · ${formatCount(p.duplicates)} duplicates${p.already ? ` · ${formatCount(p.already)} already stored` : ''}${p.failed ? ` · ${formatCount(p.failed)} failed` : ''}`,
        }),
    });
    progress?.finish();
    io.out(formatSummary(summary, location));
    return summary.interrupted ? 130 : 0;
  } catch (e) {
    progress?.finish();
    throw asCliError(e);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
