/**
 * One API route as data: its method and path, the zod schemas of its inputs and outputs, and its
 * handler. The same table registers the fastify routes (src/server/app.ts) and writes the OpenAPI
 * document (src/server/openapi.ts), so the document describes exactly what is served.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Searcher } from '../search/search.js';
import type { Store } from '../store/store.js';
import type { LiveIndex } from './live-index.js';

export interface RouteContext {
  store: Store;
  readOnly: boolean;
  /** what ranks and counts searches: the in-memory index when it is ready, else the store */
  searcher: () => Searcher;
  /** the in-memory search index, when the server keeps one */
  index?: LiveIndex;
}

export interface ResponseSpec {
  description: string;
  /** the JSON body's schema */
  schema?: z.ZodType;
  /** the route can also answer text/csv */
  csv?: boolean;
}

export interface BodySpec {
  /** a JSON body of this shape */
  json?: z.ZodType;
  /** a text/plain body is accepted too */
  text?: boolean;
  /** largest body accepted, in bytes (413 above) */
  maxBytes: number;
}

export interface Input<P extends z.ZodType, Q extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: unknown;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** fastify syntax: /api/articles/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: BodySpec;
  /** success and route-specific error responses; 400 and 500 are added to every route */
  responses: Record<number, ResponseSpec>;
  /** writes to the store: registered only when the server allows writing */
  write?: boolean;
  /** a 200 JSON answer may be kept in the response cache (src/server/cache.ts) */
  cache?: boolean;
  handle(input: Input<P, Q>, ctx: RouteContext): Promise<unknown>;
}

/** Types a route's handler by its schemas. */
export function defineRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType>(route: ApiRoute<P, Q>): ApiRoute {
  return route as unknown as ApiRoute;
}
