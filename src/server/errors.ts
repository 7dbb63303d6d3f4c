/**
 * API errors: every failure leaves the server as `{ "error": { "code", "message" } }` with the
 * status that says whose fault it is. Codes are stable (clients branch on them); messages say
 * what was wrong and what would be right.
 */
import { QueryError } from '../search/query.js';
import { StoreError } from '../store/store.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** extra fields for the client, e.g. where in the query the error is */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; [field: string]: unknown };
}

/** Fastify's own error codes that are the client's fault, with ours. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'ISNAD_BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'ISNAD_UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'ISNAD_BAD_BODY'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'ISNAD_BAD_BODY'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'ISNAD_BAD_BODY'],
  FST_ERR_BAD_URL: [400, 'ISNAD_BAD_URL'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'ISNAD_BAD_REQUEST'],
};

/** The status and body for anything a handler threw. Unknown errors become a 500 without internals. */
export function toErrorResponse(e: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (e instanceof ApiError) return { status: e.status, body: { error: { code: e.code, message: e.message, ...e.detail } }, internal: false };
  if (e instanceof QueryError) {
    return { status: 400, body: { error: { code: e.code, message: e.message, start: e.start, end: e.end } }, internal: false };
  }
  if (e instanceof StoreError && e.code === 'ISNAD_STORE_NOT_FOUND') return { status: 404, body: { error: { code: e.code, message: e.message } }, internal: false };
  const err = e as { code?: string; statusCode?: number; message?: string };
  const mapped = err?.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return { status: mapped[0], body: { error: { code: mapped[1], message: fastifyMessage(err.code!, err.message ?? '') } }, internal: false };
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, body: { error: { code: 'ISNAD_BAD_REQUEST', message: err.message ?? 'bad request' } }, internal: false };
  }
  return { status: 500, body: { error: { code: 'ISNAD_INTERNAL', message: 'internal error; the server log has the details' } }, internal: true };
}

function fastifyMessage(code: string, message: string): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is larger than this endpoint accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported Content-Type; send application/json or text/plain; charset=utf-8';
    default:
      return message;
  }
}
