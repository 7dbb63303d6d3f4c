/** The OpenAPI document describes exactly the routes served: each served route is in it, and each operation in it is answered. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureStore } from '../../test/server/fixture.js';
import type { Store } from '../store/store.js';
import { createServer } from './app.js';
import { openApiPath } from './openapi.js';

interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let dir: string;
let store: Store;
const servers: Record<'readOnly' | 'write', { app: FastifyInstance; routes: Array<{ method: string; url: string }> }> = {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isnad-openapi-'));
  store = await buildFixtureStore(dir);
  for (const [name, allowWrite] of [['readOnly', false], ['write', true]] as const) {
    const app = await createServer({ store, allowWrite, webRoot: null });
    await app.ready();
    servers[name] = { app, routes: registeredRoutes(app) };
  }
});

/**
 * What the router really holds, read from fastify's route tree:
 *
 *   └── / (GET, HEAD)
 *       ├── api/articles (POST)
 *       │   └── /:id (GET, HEAD)
 */
function registeredRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const out: Array<{ method: string; url: string }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[└├]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const parent = stack[depth - 1] ?? '';
    const seg = m[2]!;
    const path = depth === 0 ? seg : parent.endsWith('/') || seg.startsWith('/') ? parent + seg : `${parent}/${seg}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push({ method, url: path });
  }
  return out;
}

afterAll(async () => {
  for (const s of Object.values(servers)) await s.app.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const docOf = async (app: FastifyInstance): Promise<Doc> => {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json() as Doc;
};

/** A request that exercises an operation: path parameters filled in, required query parameters given. */
function sample(path: string, op: Operation): { url: string; payload?: string; headers?: Record<string, string> } {
  let url = path.replace(/\{id\}/g, path.startsWith('/api/entities') ? '1' : 'wheat-1');
  const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  if (required.length > 0) url += '?' + required.map((p) => `${p.name}=${encodeURIComponent(p.name === 'q' ? 'القمح' : 'x')}`).join('&');
  if (!op.requestBody) return { url };
  if ('text/plain' in op.requestBody.content) return { url, payload: 'قال الوزير إن الوضع مستقر.', headers: { 'content-type': 'text/plain; charset=utf-8' } };
  return { url, payload: JSON.stringify({ id: 'openapi-probe', text: 'قال الوزير إن الوضع مستقر.' }), headers: { 'content-type': 'application/json' } };
}

describe('GET /openapi.json', () => {
  for (const name of ['readOnly', 'write'] as const) {
    it(`describes every route the ${name} server serves, and nothing else`, async () => {
      const { app, routes } = servers[name];
      const doc = await docOf(app);
      expect(doc.openapi).toBe('3.1.0');
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      const served = routes.map((r) => `${r.method} ${openApiPath(r.url)}`);
      expect(served).toContain('GET /api/search');
      expect(documented.sort()).toEqual(served.sort());
      // every documented operation is answered (not the router's 404)
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const s = sample(path, op);
          const res = await app.inject({ method: method.toUpperCase() as 'GET', ...s });
          const code = res.headers['content-type']?.toString().startsWith('application/json') ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
          expect(code, `${method} ${path}`).not.toBe('ISNAD_NOT_FOUND');
          expect(res.statusCode, `${method} ${path}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    });
  }

  it('lists the write route only on a server that allows writing', async () => {
    expect((await docOf(servers.readOnly.app)).paths['/api/articles']).toBeUndefined();
    expect((await docOf(servers.write.app)).paths['/api/articles']?.post?.operationId).toBe('storeArticle');
  });

  it('gives each operation a unique id, its parameters with schemas, and error responses', async () => {
    const doc = await docOf(servers.write.app);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const search = doc.paths['/api/search']!.get!;
    expect(search.parameters.map((p) => [p.name, p.required])).toEqual([
      ['q', true],
      ['page', false],
      ['size', false],
      ['facets', false],
      ['all', false],
    ]);
    expect(doc.paths['/api/facets']!.get!.parameters.map((p) => p.name)).toEqual(['q', 'top']);
    expect(search.parameters.find((p) => p.name === 'size')!.schema).toMatchObject({ type: 'integer', maximum: 100 });
    const article = doc.paths['/api/articles/{id}']!.get!;
    expect(article.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(Object.keys(article.responses).sort()).toEqual(['200', '400', '404', '500']);
    expect(Object.keys(doc.paths['/api/attributions']!.get!.responses['200']!.content!)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/api/analyze']!.post!.requestBody!.content)).toEqual(['application/json', 'text/plain']);
  });
});
