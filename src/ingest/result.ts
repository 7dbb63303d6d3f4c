/**
 * What the readers of `readSource` yield: a record, or a per-document failure that names the
 * document and says what was wrong. A failure never stops the run; the caller counts and shows it.
 *
 *   for await (const r of readSource('pages/')) {
 *     if (r.ok) analyze(r.record);
 *     else console.warn(`${r.origin}: ${r.code}: ${r.reason}`);
 *   }
 */
import type { IngestCode, SourceRecord } from './record.js';

export interface ReadOk {
  ok: true;
  record: SourceRecord;
  /** What was odd about this document but did not stop it being read (a truncated character, a wrong declared charset). */
  warnings?: string[];
}

export interface ReadFailure {
  ok: false;
  /** The document: a file, `<archive>!<member>`, `<file>:<line>`, `<file>#<n>`, or a URL. */
  origin: string;
  code: IngestCode;
  reason: string;
}

export type ReadResult = ReadOk | ReadFailure;

/** Counts a read fills in when the caller passes it as `stats`. */
export interface ReadStats {
  /** Records yielded. */
  records: number;
  /** Failures yielded. */
  failed: number;
  /** Documents left out on purpose (not yielded): empty texts, non-HTML WARC records, … */
  skipped: number;
  /** `skipped` by reason (`empty`, `warc-non-html`, `warc-request`, …). */
  skippedBy: Record<string, number>;
}

/** Options every reader takes. */
export interface ReaderOptions {
  /** Stop after this many records (failures do not count). */
  limit?: number;
  /** Also yield records whose text is empty or blank (default: skipped, counted as `empty`). */
  includeEmpty?: boolean;
  /** Decode every document with this encoding instead of detecting it. */
  encoding?: string;
  /** Documents larger than this many bytes are failures (`ISNAD_INGEST_TOO_LARGE`). Default 64 MiB. */
  maxBytes?: number;
  /** Filled in while reading. */
  stats?: ReadStats;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export function newStats(): ReadStats {
  return { records: 0, failed: 0, skipped: 0, skippedBy: {} };
}

/** Counts a document left out for `why`. */
export function countSkip(stats: ReadStats | undefined, why: string): void {
  if (!stats) return;
  stats.skipped++;
  stats.skippedBy[why] = (stats.skippedBy[why] ?? 0) + 1;
}

export const failure = (origin: string, code: IngestCode, reason: string): ReadFailure => ({ ok: false, origin, code, reason });

export function success(record: SourceRecord, warnings?: readonly string[]): ReadOk {
  return warnings && warnings.length > 0 ? { ok: true, record, warnings: [...warnings] } : { ok: true, record };
}

/**
 * Applies `limit` and counts into `stats`: every reader's public generator goes through this, so
 * stopping early closes the reader (and the files or streams it holds) at once.
 */
export async function* finish(results: AsyncIterable<ReadResult>, opts: ReaderOptions): AsyncGenerator<ReadResult> {
  const { limit, stats } = opts;
  if (limit !== undefined && limit <= 0) return;
  let n = 0;
  for await (const r of results) {
    if (stats) {
      if (r.ok) stats.records++;
      else stats.failed++;
    }
    if (r.ok) withoutBidiControls(r.record.meta);
    yield r;
    if (r.ok && limit !== undefined && ++n >= limit) return;
  }
}

/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Removes bidi controls from the fields shown as one line (title, author, outlet, category): an
 * override there (U+202E) reorders how the title is displayed, so a title could spoof another.
 * The text keeps them: spans are offsets into it as it is.
 */
export function withoutBidiControls(meta: { title?: string; author?: string; outlet?: string; category?: string }): void {
  for (const k of ['title', 'author', 'outlet', 'category'] as const) {
    const v = meta[k];
    if (v !== undefined && HAS_BIDI_CONTROL.test(v)) meta[k] = v.replace(BIDI_CONTROLS, '');
  }
}

/** A letter or a digit: a text without one says nothing (white space, zero-width and no-break spaces, punctuation). */
const CONTENT = /[\p{L}\p{N}]/u;

/** False (and counted as skipped `empty`) for a text without a letter or digit that `opts` does not ask for. */
export function keepDocument(text: string, opts: ReaderOptions): boolean {
  if (opts.includeEmpty === true || CONTENT.test(text)) return true;
  countSkip(opts.stats, 'empty');
  return false;
}

/** The message of an error value. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
