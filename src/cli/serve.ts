/**
 * `isnad serve`: the HTTP API and the web app over a store (src/server). Parses the options,
 * opens the store, listens, and closes both on SIGINT or SIGTERM.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../server/app.js';
import { LiveIndex } from '../server/live-index.js';
import { defaultWebRoot, loadWebFiles } from '../server/static.js';
import { DEFAULT_DB, openStore } from '../store/store.js';
import { CliError } from './errors.js';

export const SERVE_HELP = `Usage: isnad serve [--db PATH|postgres://…] [--port 8080] [--host 127.0.0.1] [--allow-write]

Serves the HTTP API (described at /openapi.json) and the web app over a
collection: search, the reader view, who said what, entities, analysis of
pasted text.

Options:
  --db PATH|URL         the store: a SQLite file or a postgres:// URL
                        (default $ISNAD_DB, else ${DEFAULT_DB}); the file must exist
  --port N              TCP port (default 8080; 0 picks a free one)
  --host ADDR           address to listen on (default 127.0.0.1: this machine only)
  --allow-write         add the routes that write (POST /api/articles); without
                        it the server only reads
  --cache-mb N          memory for repeated GET answers, kept 60 s (default 64; 0: off),
                        in each worker
  --workers N           server processes sharing the port, each with its own
                        connection to the store (default: one per core, up to 4;
                        1 with --allow-write)
  --index wait|on|off   an in-memory search index, read from the store: the same
                        answers as the store's SQL, many times faster (default
                        wait: listen once it is read, ~10 s for 70,000 articles;
                        on: listen at once, the store searches until it is
                        read; off: the store always searches). It takes about
                        2.5 KB of memory per article in each worker and is read
                        again in the background when the collection changes
  --web DIR             the built web app (default: the one built with isnad)
  -h, --help            show this help

The server fetches nothing on a client's behalf, sends a strict
Content-Security-Policy, and caps bodies (POST /api/analyze: 256 KB), queries
and URLs. Stop it with Ctrl-C.

Examples:
  isnad serve --db news.db
  isnad serve --db postgres://isnad@localhost/isnad --port 9000
`;

export interface ServeIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface ServeControl {
  /** stops the server (tests); SIGINT and SIGTERM do the same */
  signal?: AbortSignal;
  /** called with the address once listening */
  onListening?: (url: string) => void;
  /**
   * may start worker processes (node:cluster re-runs this process's command line): the isnad
   * command does; an embedding program, such as a test runner, does not, and serves from one process
   */
  allowFork?: boolean;
}

/** Set in the worker processes of a multi-process server. */
const WORKER_ENV = 'ISNAD_SERVE_WORKER';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Runs `isnad serve`; resolves with the exit status once the server has stopped. */
export async function serveCommand(args: string[], io: ServeIo, control: ServeControl = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-write': { type: 'boolean' },
        web: { type: 'string' },
        'cache-mb': { type: 'string' },
        workers: { type: 'string' },
        index: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CliError('ISNAD_USAGE', (e as Error).message.replace(/\. To specify.*$/s, '').trim());
  }
  const v = parsed.values;
  if (v.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const port = v.port === undefined ? 8080 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('ISNAD_USAGE', `--port must be a whole number from 0 to 65535, got "${v.port}"`);
  const cacheMb = v['cache-mb'] === undefined ? 64 : Number(v['cache-mb']);
  if (!Number.isFinite(cacheMb) || cacheMb < 0) throw new CliError('ISNAD_USAGE', `--cache-mb must be a number of megabytes, 0 or more, got "${v['cache-mb']}"`);
  const indexMode = v.index ?? 'wait';
  if (indexMode !== 'on' && indexMode !== 'wait' && indexMode !== 'off') throw new CliError('ISNAD_USAGE', `--index must be on, wait or off, got "${v.index}"`);
  const host = v.host ?? '127.0.0.1';
  const allowWrite = Boolean(v['allow-write']);
  const workers = v.workers === undefined ? (allowWrite || !control.allowFork ? 1 : Math.min(4, availableParallelism())) : Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliError('ISNAD_USAGE', `--workers must be a whole number from 1 to 64, got "${v.workers}"`);
  if (workers > 1 && !control.allowFork) throw new CliError('ISNAD_USAGE', '--workers above 1 needs the isnad command (it starts processes)');
  if (workers > 1 && cluster.isPrimary) {
    if (indexMode === 'wait') io.err('isnad: reading the search index … (--index on listens at once)');
    return await primary(workers, io, control);
  }
  const worker = process.env[WORKER_ENV] === '1' && !cluster.isPrimary;
  const webRoot = v.web ?? defaultWebRoot();
  if (loadWebFiles(webRoot).size === 0 && !worker) io.err(`isnad: no web app in ${webRoot} (build it with npm run build); serving the API alone`);

  const store = await openStore(v.db, { mustExist: true }).catch((e: { code?: string; message?: string }) => {
    throw new CliError(e.code ?? 'ISNAD_STORE_OPEN', e.message ?? String(e));
  });
  const index = indexMode === 'off' ? undefined : new LiveIndex(store, { log: (line) => io.err(`isnad: ${worker ? `[worker ${process.pid}] ` : ''}${line}`) });
  if (indexMode === 'wait' && !worker) io.err('isnad: reading the search index … (--index on listens at once)');
  const started = index?.start();
  if (indexMode === 'wait') await started;
  const app: FastifyInstance = await createServer({ store, allowWrite, webRoot, host, logger: { level: 'warn' }, cacheBytes: Math.round(cacheMb * 1024 * 1024), ...(index ? { index } : {}) });
  // once the index is read, a few hundred searches through the app: the JIT then has the search code
  // optimized before the first visitors, instead of during their first seconds
  const warmed = index ? started!.then(() => (index.index ? warmUp(app, index.index.frequentTerms(40)) : undefined)).catch(() => {}) : undefined;
  if (indexMode === 'wait') await warmed;
  // the collection statistics take a while to count on a large store: count them now, not on the first visit
  await app.inject({ method: 'GET', url: '/api/stats', headers: { host: 'localhost' } }).catch(() => {});
  // and the entity counts behind GET /api/entities (one pass over the collection)
  await app.inject({ method: 'GET', url: '/api/entities?size=1', headers: { host: 'localhost' } }).catch(() => {});
  try {
    await app.listen({ host, port });
  } catch (e) {
    await index?.close();
    await store.close();
    const err = e as { code?: string; message?: string };
    if (err.code === 'EADDRINUSE') throw new CliError('ISNAD_SERVE_PORT', `port ${port} is in use; choose another with --port`);
    throw new CliError('ISNAD_SERVE_LISTEN', `cannot listen on ${host}:${port}: ${err.message}`);
  }
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  const ready = `serving ${store.location} (${store.kind}, ${allowWrite ? 'writes allowed' : 'read-only'}) at ${url}`;
  if (worker) process.send?.({ isnad: 'listening', ready, url });
  else {
    io.err(`isnad: ${ready}`);
    if (!LOOPBACK.has(host)) io.err(`isnad: listening on ${host}: other machines can reach this server`);
    control.onListening?.(url);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    control.signal?.addEventListener('abort', stop, { once: true });
    if (control.signal?.aborted) stop();
  });
  if (worker) {
    // a worker's close waits on the primary's shared handle, which is going away: close what it
    // can within a moment, then leave
    await Promise.race([app.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
    await index?.close();
    await store.close();
    process.exit(0);
  }
  await app.close();
  await index?.close();
  await store.close();
  io.err('isnad: server stopped');
  return 0;
}

/** Searches (pages 1 and 2, facets) for these words through the app, answers discarded. */
async function warmUp(app: FastifyInstance, words: readonly string[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < words.length; i++) {
      const q = i % 3 === 2 ? `${words[i]} ${words[(i * 7) % words.length]}` : words[i]!;
      for (const url of [`/api/search?q=${encodeURIComponent(q)}`, `/api/search?q=${encodeURIComponent(q)}&page=2`, `/api/facets?q=${encodeURIComponent(q)}`]) {
        await app.inject({ method: 'GET', url, headers: { host: 'localhost' } });
      }
    }
  }
}

/**
 * The primary of a multi-process server: starts `n` workers (each runs this same command and
 * listens on the shared port), reports once they all listen, restarts none (a crash is reported
 * and stops the server: a half-sized server would hide it), and stops them on SIGINT/SIGTERM.
 */
async function primary(n: number, io: ServeIo, control: ServeControl): Promise<number> {
  const procs = Array.from({ length: n }, () => cluster.fork({ [WORKER_ENV]: '1' }));
  let listening = 0;
  let failed = false;
  return await new Promise<number>((resolve) => {
    let alive = n;
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      for (const p of procs) if (!p.isDead()) p.process.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    control.signal?.addEventListener('abort', stop, { once: true });
    for (const p of procs) {
      p.on('message', (m: { isnad?: string; ready?: string; url?: string }) => {
        if (m?.isnad !== 'listening' || ++listening !== n) return;
        io.err(`isnad: ${m.ready} — ${n} worker processes`);
        control.onListening?.(m.url!);
      });
      p.on('exit', (code, signal) => {
        alive--;
        if (!stopping) {
          failed = true;
          io.err(`isnad: a server process stopped (${signal ?? `exit ${code}`}); stopping the others`);
          stop();
        }
        if (alive === 0) {
          io.err('isnad: server stopped');
          resolve(failed ? 1 : 0);
        }
      });
    }
  });
}
