/**
 * `isnad serve`: the HTTP API and the web app over a store (src/server). Parses the options,
 * opens the store, listens, and closes both on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createServer } from '../server/app.js';
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
  --cache-mb N          memory for repeated GET answers, kept 60 s (default 64; 0: off)
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
}

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
  const host = v.host ?? '127.0.0.1';
  const allowWrite = Boolean(v['allow-write']);
  const webRoot = v.web ?? defaultWebRoot();
  if (loadWebFiles(webRoot).size === 0) io.err(`isnad: no web app in ${webRoot} (build it with npm run build); serving the API alone`);

  const store = await openStore(v.db, { mustExist: true }).catch((e: { code?: string; message?: string }) => {
    throw new CliError(e.code ?? 'ISNAD_STORE_OPEN', e.message ?? String(e));
  });
  const app = await createServer({ store, allowWrite, webRoot, host, logger: { level: 'warn' }, cacheBytes: Math.round(cacheMb * 1024 * 1024) });
  // the collection statistics take a while to count on a large store: count them now, not on the first visit
  await app.inject({ method: 'GET', url: '/api/stats', headers: { host: 'localhost' } }).catch(() => {});
  try {
    await app.listen({ host, port });
  } catch (e) {
    await store.close();
    const err = e as { code?: string; message?: string };
    if (err.code === 'EADDRINUSE') throw new CliError('ISNAD_SERVE_PORT', `port ${port} is in use; choose another with --port`);
    throw new CliError('ISNAD_SERVE_LISTEN', `cannot listen on ${host}:${port}: ${err.message}`);
  }
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  io.err(`isnad: serving ${store.location} (${store.kind}, ${allowWrite ? 'writes allowed' : 'read-only'}) at ${url}`);
  if (!LOOPBACK.has(host)) io.err(`isnad: listening on ${host}: other machines can reach this server`);
  control.onListening?.(url);

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
  await app.close();
  await store.close();
  io.err('isnad: server stopped');
  return 0;
}
