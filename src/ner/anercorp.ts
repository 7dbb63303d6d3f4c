/** Node-only: reads ANERcorp's training file from the shared data folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../ingest/corpus/index.js';
import { parseConll, type ConllSentence } from './conll.js';

export const ANERCORP_FILE = 'ner/anercorp-train.txt';

/** The path of ANERcorp's training file, or undefined when the shared data is absent. */
export function anercorpPath(): string | undefined {
  const d = dataDir();
  return d ? join(d, ANERCORP_FILE) : undefined;
}

/** Reads ANERcorp's training file from the data folder. */
export function readAnercorp(path?: string): ConllSentence[] {
  const p = path ?? anercorpPath();
  if (!p) throw new Error('ISNAD_NO_DATA: no shared data folder (set ISNAD_DATA or put it at ../shared)');
  return parseConll(readFileSync(p, 'utf8'));
}

