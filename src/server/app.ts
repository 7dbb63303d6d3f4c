/**
 * The HTTP server: fastify with the API routes of the route table, the OpenAPI document, the
 * built web app, strict headers and limits. Nothing here reads the network on a client's behalf:
 * no route takes a URL to fetch.
 *
 *   const app = await createServer({ store });
 *   await app.listen({ host: '127.0.0.1', port: 8080 });
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Store } from '../store/store.js';
import type { LiveIndex } from './live-index.js';
import { analyzeRoute } from './analyze.js';
import { articleRoute } from './article.js';
import { attributionsRoute } from './attributions.js';
import { entitiesRoute, entityRoute } from './entities.js';
import { ResponseCache } from './cache.js';
import { ApiError, toErrorResponse } from './errors.js';
import { facetsRoute } from './facets.js';
import { openApiDocument } from './openapi.js';
import type { ApiRoute, RouteContext } from './route.js';
import { LIMITS } from './schemas.js';
import { searchRoute } from './search.js';
import { SECURITY_HEADERS, hostAllowed } from './security.js';
import { defaultWebRoot, loadWebFiles } from './static.js';
import { statsRoute } from './stats.js';
import { storeArticleRoute } from './store-article.js';

/** Every API route; those marked `write` are registered only when writing is allowed. */
export const API_ROUTES: readonly ApiRoute[] = [searchRoute, facetsRoute, articleRoute, attributionsRoute, entitiesRoute, entityRoute, statsRoute, analyzeRoute, storeArticleRoute];

export const SERVER_VERSION = '0.1.0';

export interface ServerOptions {
  store: Store;
  /** register the routes that write to the store (default false: read-only) */
  allowWrite?: boolean;
  /** the built web app's folder (default dist/web); null serves the API alone */
  webRoot?: string | null;
  /** the address the server is bound to, for the Host check (default 127.0.0.1) */
  host?: string;
  /** fastify's logger options (default off) */
  logger?: boolean | { level: string };
  /** bytes of JSON answers to keep for repeated GETs (default 64 MB; 0 turns the cache off) */
  cacheBytes?: number;
  /** how long a kept answer is served, in ms (default 60 s) */
  cacheTtlMs?: number;
  /** an in-memory search index over the store (src/server/live-index.ts), started by the caller; without it the store searches */
  index?: LiveIndex;
}

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** The routes a server with these options serves. */
export const servedRoutes = (allowWrite: boolean): ApiRoute[] => API_ROUTES.filter((r) => allowWrite || !r.write);

function parseInput<T extends z.ZodType | undefined>(schema: T, value: unknown, where: 'path' | 'query'): unknown {
  if (!schema) return {};
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = issue.path.join('.') || where;
  const shown = typeof value === 'object' && value !== null && name in value ? JSON.stringify((value as Record<string, unknown>)[name]) : undefined;
  throw new ApiError(400, 'ISNAD_BAD_PARAMETER', `${where} parameter "${name}"${shown ? ` = ${shown}` : ''}: ${issue.message}`, { parameter: name });
}

function handler(route: ApiRoute, ctx: RouteContext) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const params = parseInput(route.params, req.params, 'path');
    const query = parseInput(route.query, req.query, 'query');
    return route.handle({ params, query, body: req.body, req, reply }, ctx);
  };
}

/** Builds the server (not yet listening). */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const readOnly = !options.allowWrite;
  const boundHost = options.host ?? '127.0.0.1';
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 16 * 1024,
    routerOptions: { maxParamLength: LIMITS.query },
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
  });
  const index = options.index;
  const ctx: RouteContext = { store: options.store, readOnly, searcher: index ? () => index.searcher() : () => options.store, ...(index ? { index } : {}) };
  const routes = servedRoutes(!readOnly);
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new ResponseCache(cacheBytes, options.cacheTtlMs ?? 60_000) : undefined;

  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (!hostAllowed(req.headers.host, boundHost)) {
      throw new ApiError(421, 'ISNAD_BAD_HOST', `this server answers to ${boundHost} and localhost, not to "${req.headers.host ?? ''}"`);
    }
    if (req.url.length > LIMITS.url) throw new ApiError(414, 'ISNAD_URL_TOO_LONG', `the URL is longer than ${LIMITS.url} characters`);
  });

  app.setErrorHandler((err, req, reply) => {
    const r = toErrorResponse(err);
    if (r.internal) req.log.error(err);
    reply.header('cache-control', 'no-store').status(r.status).send(r.body);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    reply
      .status(404)
      .header('cache-control', 'no-store')
      .send({ error: { code: 'ISNAD_NOT_FOUND', message: `nothing at ${req.method} ${path.slice(0, 200)}; the API is described at /openapi.json` } });
  });

  for (const route of routes) {
    const cached = cache && route.cache && route.method === 'GET' ? cache : undefined;
    app.route({
      method: route.method,
      url: route.path,
      ...(route.body ? { bodyLimit: route.body.maxBytes } : {}),
      preHandler: cached
        ? async (req, reply) => {
            const hit = cached.get(req.url);
            if (hit) return reply.header('cache-control', 'no-store').header('x-isnad-cache', 'hit').type(hit.type).send(hit.body);
          }
        : undefined,
      onSend: async (req, reply, payload) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        const type = String(reply.getHeader('content-type') ?? '');
        if (cached && reply.statusCode === 200 && typeof payload === 'string' && type.startsWith('application/json') && !reply.hasHeader('x-isnad-cache')) {
          cached.set(req.url, payload, type);
        }
        // a write makes every kept answer, and the index, stale
        if (route.write && cache) cache.clear();
        if (route.write) index?.invalidate();
        return payload;
      },
      handler: handler(route, ctx),
    });
  }

  const doc = JSON.stringify(openApiDocument(routes, { version: SERVER_VERSION, readOnly }));
  app.get('/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(doc));

  const web = options.webRoot === null ? new Map() : loadWebFiles(options.webRoot ?? defaultWebRoot());
  for (const [url, file] of web) {
    app.get(url, async (req, reply) => {
      reply.header('etag', file.etag).header('cache-control', file.cacheControl).type(file.type);
      if (req.headers['if-none-match'] === file.etag) return reply.status(304).send();
      return reply.send(file.body);
    });
  }
  return app;
}
