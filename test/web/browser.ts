/**
 * Browser tests' setup: Debian's chromium driven by playwright-core, the web app built fresh into a
 * temporary folder, and a server over the fixture store. Without /usr/bin/chromium (or
 * $ISNAD_CHROMIUM) the browser tests are skipped with a message; .ci/run installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { createServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';

export const CHROMIUM = process.env.ISNAD_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots land here (gitignored; CI keeps artifacts/). */
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

if (!HAVE_CHROMIUM) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set ISNAD_CHROMIUM)`);

/** Builds the web app from web/ into `outDir`. */
export async function buildWeb(outDir: string): Promise<void> {
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A listening server on a free loopback port; returns it with its base URL. */
export async function serve(store: Store, webRoot: string, allowWrite = false): Promise<{ app: FastifyInstance; base: string }> {
  const app = await createServer({ store, webRoot, allowWrite });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('server has no address');
  return { app, base: `http://127.0.0.1:${addr.port}/` };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
