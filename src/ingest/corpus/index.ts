/**
 * The news corpora beside the project, by name.
 *
 * They live in the shared data folder, `$ISNAD_DATA` or else `../shared`, resolved against the
 * working directory, under `corpus/`. Nothing from there is copied into the project; when the
 * folder is absent {@link dataDir} returns undefined and callers skip.
 *
 *   for await (const r of readCorpus('ant-jawharafm', { limit: 100 })) …
 */
import { withoutBidiControls } from '../result.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { IngestError, type ReadOptions, type SourceRecord } from '../record.js';
import { isTarName } from '../tar.js';
import { readAnt } from './ant.js';
import { readArabic19 } from './arabic19.js';
import { readEgyptian } from './egyptian.js';
import { readSaudiNewsNet } from './saudinewsnet.js';

export type CorpusName = 'saudinewsnet' | 'ant-multisource' | 'ant-jawharafm' | 'arabic19' | 'egyptian';

export const CORPUS_NAMES: readonly CorpusName[] = ['saudinewsnet', 'ant-multisource', 'ant-jawharafm', 'arabic19', 'egyptian'];

export type { ReadOptions, RecordMeta, SourceRecord } from '../record.js';

type Reader = (path: string, opts?: ReadOptions) => AsyncGenerator<SourceRecord>;

interface CorpusLayout {
  /** Folder under `<data>/corpus/`. */
  folder: string;
  /** The file inside it to read when present (an archive, or the JSON file). */
  file?: string;
  read: Reader;
}

const LAYOUT: Record<CorpusName, CorpusLayout> = {
  saudinewsnet: { folder: 'saudinewsnet', read: readSaudiNewsNet },
  'ant-multisource': { folder: 'ant-multisource', file: 'ant-multisource-v2.1.tar.gz', read: readAnt },
  'ant-jawharafm': { folder: 'ant-jawharafm', file: 'ant-jawharafm-v1.1.tar.gz', read: readAnt },
  arabic19: { folder: 'arabic-newspapers-19countries', file: 'arabic-newspapers-corpus-cp1256.tar.gz', read: readArabic19 },
  egyptian: { folder: 'egyptian-3outlets-sameday', file: 'cluster_ras_elhekma_and_supply.json', read: readEgyptian },
};

export function isCorpusName(name: string): name is CorpusName {
  return Object.hasOwn(LAYOUT, name);
}

function layout(name: string): CorpusLayout {
  if (!isCorpusName(name)) {
    throw new IngestError('UNKNOWN_CORPUS', `no corpus named "${name}"; known: ${CORPUS_NAMES.join(', ')}`);
  }
  return LAYOUT[name];
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The shared data folder (`$ISNAD_DATA`, else `../shared`, from the working directory), or undefined when absent. */
export function dataDir(): string | undefined {
  const dir = resolve(process.cwd(), process.env.ISNAD_DATA || '../shared');
  return isDir(dir) ? dir : undefined;
}

/**
 * Where a corpus is read from: its known file (archive or JSON) when present, else another tar
 * archive in its folder, else the folder itself (extracted files). Undefined when neither the data
 * folder nor the corpus folder exists.
 */
export function corpusPath(name: CorpusName): string | undefined {
  const { folder, file } = layout(name);
  const data = dataDir();
  if (data === undefined) return undefined;
  const dir = join(data, 'corpus', folder);
  if (file !== undefined && existsSync(join(dir, file))) return join(dir, file);
  if (!isDir(dir)) return undefined;
  if (file !== undefined && isTarName(file)) {
    const tar = readdirSync(dir).filter(isTarName).sort()[0];
    if (tar !== undefined) return join(dir, tar);
  }
  return dir;
}

/**
 * The corpus a path holds, when it is one of the shared corpora: its folder in the data folder, its
 * known file (wherever it lies, by name: `ant-jawharafm-v1.1.tar.gz`), or a daily zip of
 * SaudiNewsNet in its folder. Undefined for any other path.
 */
export function corpusForPath(path: string): CorpusName | undefined {
  const abs = resolve(path);
  const base = basename(abs);
  const data = dataDir();
  for (const name of CORPUS_NAMES) {
    const { folder, file } = LAYOUT[name];
    if (file !== undefined && base === file) return name;
    if (data === undefined) continue;
    const dir = join(data, 'corpus', folder);
    if (abs === dir) return name;
    if (name === 'saudinewsnet' && dirname(abs) === dir && /\.zip$/i.test(base)) return name;
  }
  return undefined;
}

/** Reads a corpus from an explicit path (an archive, a file, or a folder) with that corpus's reader. */
export function readCorpusAt(name: CorpusName, path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  return displayClean(layout(name).read(path, opts));
}

/** The records with their one-line fields cleaned as every reader cleans them (result.ts withoutBidiControls). */
async function* displayClean(records: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord> {
  for await (const r of records) {
    withoutBidiControls(r.meta);
    yield r;
  }
}

/**
 * Reads a corpus from the data folder, one record at a time. Throws `NO_DATA` (on the first
 * `next()`) when it is not there, `UNKNOWN_CORPUS` for a name not in {@link CORPUS_NAMES}.
 */
export async function* readCorpus(name: CorpusName, opts: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const { read } = layout(name);
  const path = corpusPath(name);
  if (path === undefined) {
    const where = dataDir() ?? resolve(process.cwd(), process.env.ISNAD_DATA || '../shared');
    throw new IngestError('NO_DATA', `corpus "${name}" not found under ${where}; set ISNAD_DATA to the folder holding corpus/`);
  }
  yield* displayClean(read(path, opts));
}

export interface ReadCorporaOptions extends ReadOptions {
  /** At most this many records from each corpus (`limit` caps the total). */
  perCorpus?: number;
}

/** Reads several corpora one after another. */
export async function* readCorpora(names: readonly CorpusName[], opts: ReadCorporaOptions = {}): AsyncGenerator<SourceRecord> {
  const { limit, perCorpus, includeEmpty } = opts;
  let n = 0;
  for (const name of names) {
    if (limit !== undefined && n >= limit) return;
    const cap = Math.min(perCorpus ?? Infinity, limit === undefined ? Infinity : limit - n);
    const sub: ReadOptions = { includeEmpty: includeEmpty === true };
    if (cap !== Infinity) sub.limit = cap;
    for await (const r of readCorpus(name, sub)) {
      n++;
      yield r;
    }
  }
}
