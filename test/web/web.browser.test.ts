/**
 * The web app in a real browser (chromium, headless): search → open an article → select an
 * attribution → its speaker and chain; who said what; the analyze page on the seed article; and
 * article text full of markup that must stay text. Screenshots go to artifacts/screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureStore, fixtureAttributionCount, INJECTION_STRINGS, PWNED_FLAG } from '../server/fixture.js';
import { ingest } from '../../src/collection/ingest.js';
import { openStore, type Store } from '../../src/store/store.js';
import { RUN1, RUN2 } from '../dups-suite.js';
import { buildWeb, HAVE_CHROMIUM, launch, screenshotPath, serve } from './browser.js';

const SEED = readFileSync(new URL('../../examples/article.txt', import.meta.url), 'utf8');

describe.skipIf(!HAVE_CHROMIUM)('web app in chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isnad-web-'));
    const webRoot = join(dir, 'web');
    [store] = await Promise.all([buildFixtureStore(dir), buildWeb(webRoot)]);
    ({ app, base } = await serve(store, webRoot));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) problems.push(`outside request: ${r.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const chain = (p: Page) => p.locator('.attr-detail .chain .chain-text').allTextContents();

  it('is a right-to-left Arabic page that loads only from its own server', async () => {
    await page.goto(base);
    await page.waitForSelector('.overview .counts');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.locator('.counts li').first().textContent()).toContain('٨');
    // the self-hosted Arabic face is loaded
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'قال'))).toBe(true);
    await page.screenshot({ path: screenshotPath('home'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('searches, opens an article, and shows the speaker and chain of a selected attribution', async () => {
    await page.fill('#q', 'القمح');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.hit');
    expect(await page.locator('.summary').textContent()).toContain('٢');
    expect(await page.locator('.hit mark').first().textContent()).toBe('القمح');
    const wheat = page.locator('.hit', { hasText: 'وزير الزراعة يعلن خطة' });
    expect(await wheat.locator('.also').textContent()).toContain('الشروق');
    // facets come on their own request; a facet refines the query
    await page.waitForSelector('.facets .facet');
    const outlet = page.locator('.facets .facet a', { hasText: 'الشروق' });
    expect(decodeURIComponent((await outlet.getAttribute('href'))!.replace(/\+/g, ' '))).toContain('q=القمح outlet:"الشروق"');
    await page.screenshot({ path: screenshotPath('search'), fullPage: true });

    await wheat.locator('h3 a').click();
    await page.waitForSelector('.reader');
    expect(page.url()).toContain('#/article/wheat-1');
    expect(await page.locator('.attr-list button').count()).toBe(3);
    // every attribution's cue and content are marked in the text
    const cues = await page.locator('[data-cue]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-cue')))].sort());
    expect(cues).toEqual(['0', '1', '2']);
    expect(await page.locator('.m-content').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.ent-PER', { hasText: 'كريم منصور' }).count()).toBeGreaterThan(0);
    // captions and boilerplate stand apart from the story
    expect(await page.locator('.apart [data-block="caption"]').textContent()).toContain('وزير الزراعة خلال المؤتمر الصحفي');
    expect(await page.locator('.apart [data-block="boilerplate"]').textContent()).toContain('جميع الحقوق محفوظة');
    expect(await page.locator('article.doc').textContent()).not.toContain('جميع الحقوق محفوظة');
    await page.screenshot({ path: screenshotPath('article'), fullPage: true });

    // keyboard: the relayed attribution's cue, Enter
    const cue = page.locator('[data-cue="2"][tabindex="0"]');
    await cue.focus();
    await page.keyboard.press('Enter');
    expect(await chain(page)).toEqual(['الأهرام', 'وكالة رويترز', 'مسؤول في الوزارة']);
    expect(await page.locator('.attr-detail .chain li[data-role="speaker"] .chain-text').textContent()).toBe('مسؤول في الوزارة');
    expect(await page.locator('.sel-content').allTextContents()).toEqual(['الدعم سيبدأ الشهر المقبل']);
    expect(await page.locator('.attr-list button[aria-pressed="true"]').getAttribute('data-attr')).toBe('2');
    await page.screenshot({ path: screenshotPath('article-selected'), fullPage: true });

    // a click on the first one in the list: its medium; Escape clears the selection
    await page.locator('.attr-list button[data-attr="0"]').click();
    expect(await chain(page)).toEqual(['الأهرام', 'وزير الزراعة كريم منصور']);
    expect(await page.locator('.attr-detail dd.medium').textContent()).toBe('في بيان');
    await page.keyboard.press('Escape');
    expect(await page.locator('.sel').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows a hedge, and a click on quoted content selects its attribution', async () => {
    await page.goto(`${base}#/article/bread-1`);
    await page.waitForSelector('.reader');
    await page.locator('.m-content', { hasText: 'الزيادة ستطبق في يوليو' }).click();
    expect(await page.locator('.attr-detail dd.hedge').textContent()).toBe('زعم');
    expect(await page.locator('.attr-detail .chain li[data-role="speaker"]').textContent()).toContain('ناشطون على مواقع التواصل');
  });

  it('lists who said what in a table that sorts, filters and downloads', async () => {
    await page.goto(`${base}#/quotes`);
    await page.waitForSelector('table.quotes');
    expect(await page.locator('table.quotes tbody tr').count()).toBe(fixtureAttributionCount());
    await page.fill('#f-speaker', 'منصور');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('table.quotes tbody tr').length === 4);
    const sort = page.locator('button[data-sort="cue"]');
    await sort.click();
    const cues = await page.locator('td.col-cue').allTextContents();
    expect(cues).toEqual([...cues].sort(new Intl.Collator('ar').compare));
    expect(await page.locator('th:has(button[data-sort="cue"])').getAttribute('aria-sort')).toBe('ascending');
    await sort.click();
    expect(await page.locator('th:has(button[data-sort="cue"])').getAttribute('aria-sort')).toBe('descending');
    const href = await page.locator('a[download]').getAttribute('href');
    expect(href).toContain('format=csv');
    const csv = await page.request.get(new URL(href!, base).href);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(5);
    await page.screenshot({ path: screenshotPath('quotes'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('lists entities and shows one: mentions over time, co-mentioned entities, what it said and what was said about it', async () => {
    await page.goto(`${base}#/entities`);
    await page.waitForSelector('table.entities tbody tr');
    const rows = await page.locator('table.entities tbody tr').count();
    expect(rows).toBeGreaterThan(3);
    await page.screenshot({ path: screenshotPath('entities'), fullPage: true });
    // the person quoted most in the fixture: his page has statements by him
    await page.selectOption('#e-type', 'PER');
    await page.locator('form.filters button[type="submit"]').click();
    await page.waitForFunction(() => [...document.querySelectorAll('table.entities tbody td .mk')].every((m) => m.classList.contains('ent-PER')));
    const first = page.locator('table.entities tbody tr td a').first();
    const name = (await first.textContent())!;
    await first.click();
    await page.waitForSelector('.page-entity');
    expect(await page.locator('.page-entity h1').textContent()).toContain(name);
    expect(await page.locator('.page-entity svg.chart .bar').count()).toBeGreaterThan(0);
    expect(await page.locator('.page-entity .co-list li').count()).toBeGreaterThan(0);
    expect(await page.locator('.page-entity section.by table tbody tr').count() + (await page.locator('.page-entity section.about table tbody tr').count())).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('entity'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('analyzes pasted text into the reader view, every attribution of the seed article marked', async () => {
    await page.goto(`${base}#/analyze`);
    await page.fill('#text', SEED);
    await page.click('.analyze-form button[type="submit"]');
    await page.waitForSelector('.analyze-out .reader');
    const res = await page.request.post(`${base}api/analyze`, { headers: { 'content-type': 'text/plain; charset=utf-8' }, data: SEED });
    const doc = (await res.json()) as { attributions: Array<{ content: { text: string } }> };
    expect(doc.attributions.length).toBeGreaterThan(3);
    const cues = await page.locator('.analyze-out [data-cue]').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-cue'))).size);
    expect(cues).toBe(doc.attributions.length);
    expect(await page.locator('.analyze-out .attr-list button').count()).toBe(doc.attributions.length);
    // each content is marked: the marked runs of attribution i spell its content
    for (let i = 0; i < doc.attributions.length; i++) {
      await page.locator(`.analyze-out .attr-list button[data-attr="${i}"]`).click();
      expect((await page.locator('.analyze-out .sel-content').allTextContents()).join('')).toBe(doc.attributions[i]!.content.text);
    }
    await page.screenshot({ path: screenshotPath('analyze'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows stored markup and script as literal text, and runs none of it', async () => {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const pages: Array<[string, readonly string[]]> = [
      ['#/article/inject-1', INJECTION_STRINGS],
      [`#/search?q=${encodeURIComponent('رسائل مزيفة')}`, [INJECTION_STRINGS[0], INJECTION_STRINGS[1]]],
      [`#/quotes?speaker=${encodeURIComponent('سامر خليل')}`, [INJECTION_STRINGS[1]]],
    ];
    for (const [hash, shown] of pages) {
      await page.goto(base + hash);
      await page.waitForSelector('.reader, .hit, table.quotes');
      // move over every marked span, as a reader would
      for (const el of await page.locator('main span, main td, main mark').all()) await el.hover({ force: true }).catch(() => {});
      const text = (await page.locator('main').textContent()) ?? '';
      for (const s of shown) expect(text, hash).toContain(s);
      expect(await page.locator('main img, main script, main [onerror], main [onmouseover]').count(), hash).toBe(0);
      expect(await page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], PWNED_FLAG), hash).toBeUndefined();
    }
    await page.goto(`${base}#/article/inject-1`);
    await page.waitForSelector('.reader');
    await page.screenshot({ path: screenshotPath('injection'), fullPage: true });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    // Trusted Types: even the app itself could not parse markup from a string
    const blocked = await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
    expect(problems.splice(0)).toEqual(["console: This document requires 'TrustedHTML' assignment. The action has been blocked."]);
  });

  it('shows near-duplicates collapsed, "also published in" under the hit, and every copy on request', async () => {
    // another collection: a bulletin in four copies, a story in two, one article alone
    const file = join(dir, 'dups.jsonl');
    writeFileSync(file, [...RUN1, ...RUN2].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const dupStore = await openStore(join(dir, 'dups.db'));
    await ingest([file], dupStore, { workers: 0, count: false });
    const dups = await serve(dupStore, join(dir, 'web'));
    try {
      await page.goto(`${dups.base}#/search?q=${encodeURIComponent('الأرصاد الأمطار')}`);
      await page.waitForSelector('.hit');
      expect(await page.locator('.hit').count()).toBe(1);
      expect(await page.locator('.summary').textContent()).toContain('النسخ المتشابهة مجمّعة');
      const also = (await page.locator('.hit .also').textContent())!;
      expect(also).toMatch(/^نُشر أيضًا في: /);
      const own = await page.locator('.hit .outlet').textContent();
      for (const outlet of ['وكالة الأنباء', 'صحيفة الشمال', 'موقع الجنوب']) if (outlet !== own) expect(also).toContain(outlet);
      expect(await page.locator('.hit .also a').count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('search-collapsed'), fullPage: true });
      await page.click('.collapse-toggle');
      await page.waitForFunction(() => document.querySelectorAll('.hit').length === 4);
      expect(await page.locator('.summary').textContent()).toContain('كل النسخ');
      expect(await page.locator('.hit .also').count()).toBe(0);
      await page.click('.collapse-toggle');
      await page.waitForFunction(() => document.querySelectorAll('.hit').length === 1);
      expect(problems.filter((p) => !p.startsWith(`outside request: ${dups.base}`))).toEqual([]);
      problems.length = 0;
    } finally {
      await dups.app.close();
      await dupStore.close();
    }
  });

  it('control: the same strings parsed as markup in a page without the policy do run', async () => {
    const bare = await browser.newPage();
    await bare.setContent('<body></body>');
    await bare.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), INJECTION_STRINGS[1]);
    await bare.waitForFunction((flag) => (window as unknown as Record<string, unknown>)[flag] === 2, PWNED_FLAG, { timeout: 5000 });
    await bare.close();
  });
});
