/**
 * Fetching one document over HTTP(S), for feeds and pages given by URL: a time-out, a size cap,
 * and one clear `ISNAD_INGEST_FETCH` error for whatever goes wrong (DNS, refused connection, HTTP
 * status, time-out, too large).
 */
import { IngestError } from './record.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, messageOf } from './result.js';

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export interface FetchOptions {
  /** Give up after this many milliseconds, from the request to the last byte (default 30 s). */
  timeoutMs?: number;
  /** Refuse bodies larger than this (default 64 MiB). */
  maxBytes?: number;
}

export interface Fetched {
  bytes: Buffer;
  /** The `Content-Type` header, when sent. */
  contentType?: string;
  /** The URL after redirects. */
  url: string;
}

export const isHttpUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** GETs `url` and reads its body whole. Throws {@link IngestError} `ISNAD_INGEST_FETCH` on any failure. */
export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (why: string, cause?: unknown): IngestError =>
    new IngestError('ISNAD_INGEST_FETCH', `cannot fetch ${url}: ${why}`, cause === undefined ? undefined : { cause });
  const timedOut = (): boolean => signal.aborted;

  let res: Response;
  try {
    res = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5', 'user-agent': 'isnad' },
    });
  } catch (e) {
    if (timedOut()) throw fail(`no answer within ${timeoutMs} ms`, e);
    const cause = (e as { cause?: unknown }).cause;
    throw fail(cause !== undefined ? messageOf(cause) : messageOf(e), e);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw fail(`${declared} bytes, more than the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) throw fail(`more than the limit of ${maxBytes} bytes`);
        chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    if (timedOut()) throw fail(`the body did not arrive within ${timeoutMs} ms`, e);
    throw fail(messageOf(e), e);
  }
  const out: Fetched = { bytes: Buffer.concat(chunks, size), url: res.url || url };
  const type = res.headers.get('content-type');
  if (type !== null) out.contentType = type;
  return out;
}
