/**
 * Hash routes (#/path?query): the server serves one page, so every view is reachable by a link,
 * the back button works, and nothing needs a server-side fallback. A new route aborts the
 * requests of the one before.
 */
import { h, replace } from './dom.js';
import { ApiFailure } from './api.js';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  signal: AbortSignal;
}

export interface PageResult {
  title: string;
  node: Node;
  /** which item of the navigation this page belongs to */
  nav: string;
}

export type Page = (ctx: PageContext) => Promise<PageResult>;

interface Entry {
  pattern: RegExp;
  names: string[];
  page: Page;
}

/** A page for a path like /article/:id. */
function entry(path: string, p: Page): Entry {
  const names: string[] = [];
  const pattern = new RegExp('^' + path.replace(/:([a-z]+)/g, (_m, n: string) => (names.push(n), '([^/]+)')) + '$');
  return { pattern, names, page: p };
}

export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  return { path: q >= 0 ? raw.slice(0, q) : raw, query: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '') };
}

export function errorBox(e: unknown): HTMLElement {
  const f = e instanceof ApiFailure ? e : undefined;
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, f ? f.message : 'حدث خطأ غير متوقع.'), f ? h('p', { class: 'code' }, f.code) : null);
}

let controller: AbortController | undefined;

async function render(main: HTMLElement, entries: readonly Entry[], first: boolean): Promise<void> {
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  const { path, query } = parseHash(location.hash);
  let found: { entry: Entry; params: Record<string, string> } | undefined;
  for (const entry of entries) {
    const m = entry.pattern.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      entry.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      found = { entry, params };
      break;
    }
  }
  main.setAttribute('aria-busy', 'true');
  let result: PageResult;
  try {
    if (!found) result = { title: 'غير موجود', nav: '', node: h('p', { class: 'error' }, 'لا توجد صفحة بهذا العنوان.') };
    else result = await found.entry.page({ params: found.params, query, signal: ctl.signal });
  } catch (e) {
    if (ctl.signal.aborted) return;
    result = { title: 'خطأ', nav: '', node: errorBox(e) };
  }
  if (ctl.signal.aborted) return;
  replace(main, result.node);
  main.removeAttribute('aria-busy');
  document.title = `${result.title} — إسناد`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (a.dataset.nav === result.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // after a navigation, keyboard and screen-reader users land on the new content
  if (!first) main.focus({ preventScroll: false });
}

/** Renders the page of the current hash into `main`, and again on every change. */
export function start(main: HTMLElement, pages: ReadonlyArray<readonly [string, Page]>): void {
  const entries = pages.map(([path, p]) => entry(path, p));
  window.addEventListener('hashchange', () => void render(main, entries, false));
  void render(main, entries, true);
}

/** Goes to a route (a link's href: #/…). */
export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
