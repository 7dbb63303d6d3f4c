import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureStore } from '../../test/server/fixture.js';
import { CliError } from './errors.js';
import { SERVE_HELP, serveCommand } from './serve.js';

let dir: string;
let db: string;
let web: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isnad-serve-'));
  db = join(dir, 'fixture.db');
  await (await buildFixtureStore(dir, db)).close();
  web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="ar" dir="rtl"><title>إسناد</title></html>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
};

describe('isnad serve', () => {
  it('serves the API and the web app on loopback until stopped, read-only', async () => {
    const { err, io: sink } = io();
    const stop = new AbortController();
    let base = '';
    const done = serveCommand(['--db', db, '--port', '0', '--web', web], sink, {
      signal: stop.signal,
      onListening: (url) => (base = url),
    });
    await expect.poll(() => base, { timeout: 20_000 }).not.toBe('');
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const stats = (await (await fetch(`${base}api/stats`)).json()) as { counts: { articles: number }; store: { readOnly: boolean } };
    expect(stats.counts.articles).toBe(8);
    expect(stats.store.readOnly).toBe(true);
    // by default the server listens once its in-memory search index is read
    expect(((await (await fetch(`${base}api/stats`)).json()) as { searchIndex: { state: string } }).searchIndex.state).toBe('ready');
    expect(err.join('\n')).toMatch(/reading the search index[^]*search index ready: 8 articles[^]*serving/);
    const page = await fetch(base);
    expect(await page.text()).toContain('dir="rtl"');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${base}api/articles`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
    stop.abort();
    expect(await done).toBe(0);
    expect(err.join('\n')).toMatch(/read-only/);
    expect(err.join('\n')).toMatch(/server stopped/);
  });

  it('searches the store alone with --index off, and listens at once with --index on', async () => {
    for (const mode of ['off', 'on']) {
      const { err, io: sink } = io();
      const stop = new AbortController();
      let base = '';
      const done = serveCommand(['--db', db, '--port', '0', '--web', web, '--index', mode], sink, { signal: stop.signal, onListening: (url) => (base = url) });
      await expect.poll(() => base, { timeout: 20_000 }).not.toBe('');
      const stats = (await (await fetch(`${base}api/stats`)).json()) as { searchIndex: { state: string } };
      if (mode === 'off') expect(stats.searchIndex.state).toBe('off');
      else await expect.poll(async () => ((await (await fetch(`${base}api/stats`)).json()) as { searchIndex: { state: string } }).searchIndex.state, { timeout: 10_000 }).toBe('ready');
      const r = (await (await fetch(`${base}api/search?q=${encodeURIComponent('الزراعة')}`)).json()) as { total: number };
      expect(r.total).toBeGreaterThan(0);
      stop.abort();
      expect(await done).toBe(0);
      expect(/search index ready/.test(err.join('\n'))).toBe(mode === 'on');
    }
  });

  it('adds the write route with --allow-write', async () => {
    const { io: sink } = io();
    const stop = new AbortController();
    let base = '';
    const done = serveCommand(['--db', db, '--port', '0', '--web', web, '--allow-write'], sink, { signal: stop.signal, onListening: (url) => (base = url) });
    await expect.poll(() => base, { timeout: 20_000 }).not.toBe('');
    const res = await fetch(`${base}api/articles`, { method: 'POST', body: JSON.stringify({ id: 'cli-1', text: 'قال المتحدث إن الاجتماع تأجل.' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    stop.abort();
    expect(await done).toBe(0);
  });

  it('prints its help, and refuses bad options and a missing database', async () => {
    const { out, io: sink } = io();
    expect(await serveCommand(['--help'], sink)).toBe(0);
    expect(out.join('')).toBe(SERVE_HELP);
    await expect(serveCommand(['--port', '70000'], sink)).rejects.toMatchObject({ code: 'ISNAD_USAGE' });
    await expect(serveCommand(['--cache-mb', '-1'], sink)).rejects.toMatchObject({ code: 'ISNAD_USAGE' });
    await expect(serveCommand(['--index', 'maybe'], sink)).rejects.toMatchObject({ code: 'ISNAD_USAGE' });
    await expect(serveCommand(['--bogus'], sink)).rejects.toBeInstanceOf(CliError);
    await expect(serveCommand(['--db', join(dir, 'none.db'), '--web', web], sink)).rejects.toMatchObject({ code: 'ISNAD_STORE_NOT_FOUND' });
  });
  it('serves from several processes with --workers, and stops them all on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../../bin/isnad.js', import.meta.url));
    if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) return; // needs the built CLI
    const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--web', web, '--workers', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await expect.poll(() => / at (http:\/\/\S+)/.exec(err)?.[1], { timeout: 30_000 }).toBeTruthy();
    expect(err).toMatch(/2 worker processes/);
    const base = / at (http:\/\/\S+)/.exec(err)![1]!;
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${base}api/stats`, { headers: { connection: 'close' } });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
    }
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toMatch(/server stopped/);
  }, 40_000);
});
