/**
 * Hand-written word lists, kept as commented text files in data/lexicons and compiled into
 * src/generated/lexicons.ts (no file I/O at run time).
 *
 * Format: one entry per line; `#` starts a comment (whole line, or after white space);
 * blank lines are ignored; entries are trimmed.
 */
import { LEXICON_SOURCES } from '../generated/lexicons.js';

const cache = new Map<string, readonly string[]>();

/** Parses lexicon text: entries without comments and blank lines. */
export function parseLexicon(source: string): string[] {
  const out: string[] = [];
  for (const raw of source.split('\n')) {
    const hash = raw.search(/(^|\s)#/);
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line) out.push(line);
  }
  return out;
}

/** The entries of lexicon `name` (a path under data/lexicons without `.txt`). Throws on an unknown name. */
export function lexicon(name: string): readonly string[] {
  let entries = cache.get(name);
  if (entries) return entries;
  const source = LEXICON_SOURCES[name];
  if (source === undefined) {
    throw new Error(`ISNAD_LEXICON_UNKNOWN: no lexicon "${name}"; known: ${Object.keys(LEXICON_SOURCES).join(', ')}`);
  }
  entries = Object.freeze(parseLexicon(source));
  cache.set(name, entries);
  return entries;
}

export function lexiconNames(): string[] {
  return Object.keys(LEXICON_SOURCES);
}
