/** The API client: typed GETs and the analyze POST; a failed call throws {@link ApiFailure} with the server's code and message. */
import type {
  AnalyzeResponse,
  ArticleResponse,
  AttributionsResponse,
  EntitiesResponse,
  EntityResponse,
  Facets,
  SearchResponse,
  StatsResponse,
} from '../../src/server/schemas.js';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

type Params = Record<string, string | number | boolean | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) }, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiFailure(0, 'ISNAD_NETWORK', 'تعذّر الاتصال بالخادم');
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiFailure(res.status, err?.code ?? 'ISNAD_HTTP', err?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export const api = {
  search: (q: string, page = 1, signal?: AbortSignal, all = false) => call<SearchResponse>(apiUrl('/api/search', { q, page, all: all ? 'true' : undefined }), { signal }),
  facets: (q: string, signal?: AbortSignal) => call<Facets>(apiUrl('/api/facets', { q }), { signal }),
  article: (id: string, signal?: AbortSignal) => call<ArticleResponse>(apiUrl(`/api/articles/${encodeURIComponent(id)}`), { signal }),
  attributions: (params: Params, signal?: AbortSignal) => call<AttributionsResponse>(apiUrl('/api/attributions', params), { signal }),
  entities: (params: Params, signal?: AbortSignal) => call<EntitiesResponse>(apiUrl('/api/entities', params), { signal }),
  entity: (id: number, signal?: AbortSignal) => call<EntityResponse>(apiUrl(`/api/entities/${id}`), { signal }),
  stats: (signal?: AbortSignal) => call<StatsResponse>('/api/stats', { signal }),
  analyze: (text: string, signal?: AbortSignal) =>
    call<AnalyzeResponse>('/api/analyze', { method: 'POST', body: text, headers: { 'content-type': 'text/plain; charset=utf-8' }, signal }),
};
