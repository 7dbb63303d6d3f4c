/** Headers, the Host check, read-only by default, the write route, and the static files of the web app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureStore } from '../../test/server/fixture.js';
import type { Store } from '../store/store.js';
import { createServer } from './app.js';
import { ArticleResponse, ErrorResponse, StoreArticleResponse } from './schemas.js';
import { CONTENT_SECURITY_POLICY, hostAllowed, hostName } from './security.js';

let dir: string;
let store: Store;
let readOnly: FastifyInstance;
let writable: FastifyInstance;
const web = { root: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isnad-security-'));
  store = await buildFixtureStore(dir);
  web.root = join(dir, 'web');
  mkdirSync(join(web.root, 'assets'), { recursive: true });
  writeFileSync(join(web.root, 'index.html'), '<!doctype html><html lang="ar" dir="rtl"><script type="module" src="/assets/app-1.js"></script></html>');
  writeFileSync(join(web.root, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(web.root, 'assets', 'app-1.js.map'), '{}');
  readOnly = await createServer({ store, webRoot: web.root });
  writable = await createServer({ store, webRoot: null, allowWrite: true });
});

afterAll(async () => {
  await readOnly?.close();
  await writable?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('headers', () => {
  it('sends a strict policy on pages, API answers and errors alike', async () => {
    for (const url of ['/', '/assets/app-1.js', '/api/stats', '/api/articles/none', '/nothing', '/openapi.json']) {
      const res = await readOnly.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
  });

  it('never lets API answers be cached', async () => {
    expect((await readOnly.inject({ method: 'GET', url: '/api/stats' })).headers['cache-control']).toBe('no-store');
    expect((await readOnly.inject({ method: 'GET', url: '/api/search' })).headers['cache-control']).toBe('no-store');
  });
});

describe('Host check (DNS rebinding)', () => {
  it('answers to loopback names and the bound address only', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost', 'localhost:3000', '[::1]:8080']) {
      expect((await readOnly.inject({ method: 'GET', url: '/api/stats', headers: { host } })).statusCode, host).toBe(200);
    }
    const res = await readOnly.inject({ method: 'GET', url: '/api/stats', headers: { host: 'attacker.example:8080' } });
    expect(res.statusCode).toBe(421);
    expect(ErrorResponse.parse(res.json()).error.code).toBe('ISNAD_BAD_HOST');
  });

  it('reads host names with and without ports', () => {
    expect(hostName('LocalHost:80')).toBe('localhost');
    expect(hostName('[::1]:8080')).toBe('[::1]');
    expect(hostAllowed('news.internal:80', 'news.internal')).toBe(true);
    expect(hostAllowed('other.internal', 'news.internal')).toBe(false);
    expect(hostAllowed('anything', '0.0.0.0')).toBe(true);
    expect(hostAllowed(undefined, '127.0.0.1')).toBe(false);
  });
});

describe('read-only by default', () => {
  it('has no route that writes', async () => {
    const res = await readOnly.inject({ method: 'POST', url: '/api/articles', payload: { id: 'x', text: 'نص' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /api/articles (--allow-write)', () => {
  const post = (payload: unknown, contentType = 'application/json') =>
    writable.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const TEXT = 'قالت وزيرة الصحة رنا عادل إن "اللقاحات متوفرة في كل المحافظات".';

  it('analyzes and stores an article, then serves it', async () => {
    const before = await store.counts();
    const res = await post({ id: 'posted-1', text: TEXT, outlet: 'الأهرام', date: '2024-06-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(StoreArticleResponse.parse(res.json())).toEqual({ id: 'posted-1', outcome: 'ingested' });
    expect((await store.counts()).articles).toBe(before.articles + 1);
    const doc = ArticleResponse.parse((await writable.inject({ method: 'GET', url: '/api/articles/posted-1' })).json());
    expect(doc.attributions![0]).toMatchObject({ type: 'direct', content: { text: 'اللقاحات متوفرة في كل المحافظات' } });
  });

  it('keeps a known id and a known text apart', async () => {
    expect((await post({ id: 'posted-1', text: 'نص آخر تماما عن الطقس.' })).json()).toEqual({ id: 'posted-1', outcome: 'already' });
    expect((await post({ id: 'posted-2', text: TEXT })).json()).toEqual({ id: 'posted-2', outcome: 'duplicate' });
  });

  it('takes JSON only, with a valid id and text', async () => {
    expect((await post(TEXT, 'text/plain')).statusCode).toBe(415);
    expect(ErrorResponse.parse((await post({ id: '../x', text: TEXT })).json()).error.code).toBe('ISNAD_BAD_BODY');
    expect(ErrorResponse.parse((await post({ id: 'x' })).json()).error.code).toBe('ISNAD_BAD_BODY');
  });
});

describe('the web app files', () => {
  it('serves index.html at / and the assets, revalidating the page and caching the hashed files', async () => {
    const page = await readOnly.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await readOnly.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(page.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const js = await readOnly.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('serves nothing else from the folder or above it', async () => {
    for (const url of ['/assets/app-1.js.map', '/assets/../../fixture.db', '/%2e%2e/fixture.db', '/fixture.jsonl']) {
      expect((await readOnly.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
