/**
 * What the collection commands (ingest, search, quotes, export) share: their I/O, argument parsing,
 * opening the database, CSV, and streamed output that waits for a slow reader.
 */
import { once } from 'node:events';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { QueryError } from '../search/query.js';
import { DEFAULT_DB, StoreError, openStore, type Store } from '../store/store.js';
import { CliError } from './errors.js';

/** The command's output: `out` raw (stdout), `err` one message (stderr), `isTTY` when stdout is a terminal. */
export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

/** `--db` help line, shared. */
export const DB_HELP = `  --db PATH|URL         the collection: a SQLite file (default ${DEFAULT_DB}, or $ISNAD_DB)
                        or a PostgreSQL URL (postgres://user:password@host/database)`;

export function parseCommand(args: string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError('ISNAD_USAGE', (e as Error).message.replace(/\. To specify.*$/s, '').trim());
  }
}

/** A positive integer option, or the default. */
export function intOption(value: unknown, name: string, fallback: number | undefined, min = 1): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError('ISNAD_USAGE', `--${name} must be a whole number ≥ ${min}, got "${String(value)}"`);
  return n;
}

/** One of `choices`, or the default. */
export function choiceOption<T extends string>(value: unknown, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) throw new CliError('ISNAD_USAGE', `unknown --${name} "${String(value)}"; choose ${choices.join(', ')}`);
  return value as T;
}

/** SQLite bytes memory-mapped by the reading commands (quicker index reads than through the page cache). */
export const READ_MMAP = 1 << 30;

/** Opens the collection for reading: a missing SQLite file is an error, not a new database. */
export async function openForReading(db: unknown): Promise<Store> {
  try {
    return await openStore(db as string | undefined, { mustExist: true, mmap: READ_MMAP });
  } catch (e) {
    throw asCliError(e);
  }
}

/** Store and query errors as one-line CLI errors with their codes. */
export function asCliError(e: unknown, query?: string): unknown {
  if (e instanceof StoreError) return new CliError(e.code, e.message);
  if (e instanceof QueryError) {
    const where = query !== undefined ? ` (at ${e.start + 1}–${Math.max(e.start + 1, e.end)} in "${query}")` : '';
    return new CliError(e.code, `${e.message}${where}`);
  }
  return e;
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: readonly unknown[]): string => fields.map(csvField).join(',') + '\r\n';

/**
 * Writes through `io.out`, and when that is the process's stdout and its buffer is full, waits for
 * it to drain: a streamed export into a slow pipe does not pile up in memory.
 */
export class Output {
  private pending = '';
  constructor(private readonly io: CommandIo) {}

  async write(s: string): Promise<void> {
    this.pending += s;
    if (this.pending.length >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    this.io.out(this.pending);
    this.pending = '';
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  }
}

/** Folds line breaks and runs of space so one-line displays stay on one line. */
export const oneLine = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Cuts a display string to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const t = oneLine(s);
  return t.length <= max ? t : t.slice(0, Math.max(1, max - 1)) + '…';
}
