/**
 * The OpenAPI 3.1 document, written from the route table (src/server/route.ts): paths, parameters,
 * bodies and responses come from the same zod schemas that validate the requests, so the document
 * cannot describe a route that is not served, or miss one that is (a test checks both ways).
 */
import { z } from 'zod';
import type { ApiRoute } from './route.js';
import { ErrorResponse } from './schemas.js';

type Json = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const STATUS_TEXT: Record<number, string> = {
  400: 'bad parameters, body or query (the code says which)',
  500: 'internal error',
};

/** JSON Schema of a zod schema, without the $schema line (OpenAPI 3.1 uses 2020-12 already). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** /api/articles/:id → /api/articles/{id} */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => {
    const { description, ...rest } = p;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function operation(r: ApiRoute): Json {
  const responses: Json = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    const code = Number(status);
    const content: Json = {};
    if (code >= 400) content['application/json'] = { schema: ERROR_REF };
    else if (spec.schema) content['application/json'] = { schema: jsonSchema(spec.schema, 'output') };
    if (spec.csv) content['text/csv'] = { schema: { type: 'string' } };
    responses[status] = { description: spec.description, ...(Object.keys(content).length > 0 ? { content } : {}) };
  }
  for (const code of [400, 500]) responses[code] ??= { description: STATUS_TEXT[code], content: { 'application/json': { schema: ERROR_REF } } };
  const op: Json = {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
    responses,
  };
  if (r.body) {
    const content: Json = {};
    if (r.body.json) content['application/json'] = { schema: jsonSchema(r.body.json, 'input') };
    if (r.body.text) content['text/plain'] = { schema: { type: 'string', maxLength: r.body.maxBytes } };
    op.requestBody = { required: true, content };
  }
  return op;
}

export interface OpenApiInfo {
  version: string;
  /** the routes that write exist only on a server started with --allow-write */
  readOnly: boolean;
}

/** The OpenAPI document for these routes, plus GET /openapi.json itself. */
export function openApiDocument(routes: readonly ApiRoute[], info: OpenApiInfo): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const p = (paths[openApiPath(r.path)] ??= {});
    p[r.method.toLowerCase()] = operation(r);
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      tags: ['meta'],
      responses: { 200: { description: 'the OpenAPI 3.1 description of the API', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'isnad',
      version: info.version,
      description:
        'Who said what, through whom, about whom, in Arabic news. Every span is {start, end, text}: offsets into the article text (UTF-16 code units, end exclusive). ' +
        (info.readOnly ? 'This server is read-only.' : 'This server allows writing (started with --allow-write).'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Error: jsonSchema(ErrorResponse, 'output') } },
  };
}
