import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../../test/store-suite.js';
import type { CommandIo } from './collection.js';
import { csvField } from './collection.js';
import { runCollectionCommand } from './collection-main.js';
import { DUPS_HELP } from './dups.js';
import { EXPORT_HELP } from './export.js';
import { INGEST_HELP } from './ingest.js';
import { QUOTES_HELP } from './quotes.js';
import { SEARCH_HELP } from './search.js';

const dir = mkdtempSync(join(tmpdir(), 'isnad-cli-col-'));
const db = join(dir, 'c.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (s) => (out += s), err: (s) => (err += s + '\n'), isTTY: false };
  const code = await runCollectionCommand(args, io);
  return { code, out, err };
}

describe('isnad ingest', () => {
  beforeAll(async () => {
    const r = await run('ingest', FIXTURE, '--db', db, '--workers', '0');
    expect(r.code).toBe(0);
  });

  it('summarizes what it stored', async () => {
    const r = await run('ingest', FIXTURE, '--db', db, '--workers', '0', '--quiet');
    expect(r.out).toMatch(/ingested 0 articles · 0 exact duplicates .* 14 already in the collection · 0 failed/);
  });

  it('reports failures with their reasons and goes on', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"x1","text":"قال الوزير إن الوضع مستقر."}\nnot json\n');
    const r = await run('ingest', bad, '--db', join(dir, 'bad.db'), '--workers', '0');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ingested 1 article · .* 1 failed/);
    expect(r.out).toMatch(/failed, by reason: ISNAD_INGEST_\w+ 1/);
  });

  it('refuses a missing source and bad options before starting', async () => {
    expect((await run('ingest', join(dir, 'nope.txt'), '--db', db)).err).toMatch(/ISNAD_INPUT_NOT_FOUND/);
    expect((await run('ingest', '--db', db)).code).toBe(2);
    expect((await run('ingest', FIXTURE, '--workers', 'x')).code).toBe(2);
    expect((await run('ingest', FIXTURE, '--format', 'pdf')).err).toMatch(/unknown --format "pdf"/);
  });
});

describe('isnad search', () => {
  it('prints ranked hits with highlighted snippets and facets', async () => {
    const r = await run('search', 'السورى المسلحين', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/articles? match السورى المسلحين/);
    expect(r.out).toMatch(/\[(?:ال|وال)?مسلحين\]/);
    expect(r.out).toMatch(/^outlets /m);
    expect(r.out).toMatch(/^entities /m);
  });

  it('writes JSON with offsets into the article text', async () => {
    const r = await run('search', '"وزارة الخارجية"', '--db', db, '--format', 'json', '--limit', '3');
    const j = JSON.parse(r.out);
    expect(j.hits.length).toBeGreaterThan(0);
    for (const h of j.hits) for (const x of h.snippet.highlights) expect(h.snippet.text.slice(x.start - h.snippet.start, x.end - h.snippet.start)).toBe(x.text);
    expect(j.facets).toBeUndefined();
    const lines = (await run('search', 'سوريا', '--db', db, '--format', 'jsonl')).out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(JSON.parse(lines[0]!).docId).toBeTruthy();
  });

  it('shows where a query is wrong', async () => {
    const r = await run('search', 'حلب "الجيش', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not closed.*at 5–.*\[ISNAD_QUERY_UNCLOSED_QUOTE\]/);
  });

  it('needs an existing collection', async () => {
    expect((await run('search', 'حلب', '--db', join(dir, 'missing.db'))).err).toMatch(/ISNAD_STORE_NOT_FOUND/);
  });

  it('collapses near-duplicates (col-05 copies col-03) and shows every copy with --all', async () => {
    const one = JSON.parse((await run('search', 'هدنة', '--db', db, '--format', 'json')).out);
    expect(one.total).toBe(1);
    expect(one.hits[0].alsoPublishedBy.count).toBe(1);
    const t = await run('search', 'هدنة', '--db', db, '--no-facets');
    expect(t.out).toMatch(/^1 article match/);
    expect(t.out).toMatch(/also published by: (الأهرام اليوم|وكالة الأنباء) \(1 other copy\)/);
    const all = JSON.parse((await run('search', 'هدنة', '--db', db, '--format', 'json', '--all')).out);
    expect(all.total).toBe(2);
    expect(all.hits.map((h: { docId: string }) => h.docId).sort()).toEqual(['col-03', 'col-05']);
  });
});

describe('isnad quotes', () => {
  it('lists quotes as a table, JSON lines or CSV', async () => {
    const t = await run('quotes', '--db', db, '--speaker', 'لافروف');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/لافروف/);
    const j = (await run('quotes', '--db', db, '--format', 'jsonl', '--type', 'direct')).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(j.length).toBeGreaterThan(0);
    for (const q of j) expect(q.type).toBe('direct');
    const c = (await run('quotes', '--db', db, '--format', 'csv', '--date', '2018-02')).out;
    expect(c.split('\r\n')[0]).toMatch(/^doc_id,idx,date,outlet,url,type,speaker/);
  });

  it('counts a statement once across near-duplicate copies and lists where it ran; --all lists every copy', async () => {
    // دي ميستورا's words in col-03 (وكالة الأنباء) and its near copy col-05 (الأهرام اليوم)
    const every = (await run('quotes', '--db', db, '--format', 'jsonl', '--speaker', 'ميستورا', '--all')).out.trim().split('\n').map((l) => JSON.parse(l));
    const once = (await run('quotes', '--db', db, '--format', 'jsonl', '--speaker', 'ميستورا')).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(every.map((q) => q.docId).sort()).toEqual(expect.arrayContaining(['col-03', 'col-05']));
    expect(once.length).toBeLessThan(every.length);
    expect(once.reduce((n, s) => n + s.copies, 0)).toBe(every.length);
    const shared = once.find((s) => s.copies === 2)!;
    expect(shared.docId).toBe('col-03'); // the earliest copy
    expect(shared.appearances.map((a: { docId: string; outlet: string }) => [a.docId, a.outlet])).toEqual([
      ['col-03', 'وكالة الأنباء'],
      ['col-05', 'الأهرام اليوم'],
    ]);
    const t = await run('quotes', '--db', db, '--speaker', 'ميستورا');
    expect(t.out).toMatch(/×2 · وكالة الأنباء، الأهرام اليوم/);
    const c = (await run('quotes', '--db', db, '--speaker', 'ميستورا', '--format', 'csv')).out.split('\r\n');
    expect(c[0]).toMatch(/,copies,appeared_in,outlets$/);
    expect(c.some((l) => /,2,col-03 \| col-05,وكالة الأنباء \| الأهرام اليوم$/.test(l))).toBe(true);
    // paging counts statements
    const all = (await run('quotes', '--db', db, '--format', 'jsonl')).out.trim().split('\n').map((l) => JSON.parse(l));
    const paged = (await run('quotes', '--db', db, '--format', 'jsonl', '--limit', '3', '--offset', '2')).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(paged).toEqual(all.slice(2, 5));
  });

  it('checks its filters', async () => {
    expect((await run('quotes', '--db', db, '--date', '2018-13')).err).toMatch(/--date: .*no such month/);
    expect((await run('quotes', '--db', db, '--type', 'loud')).code).toBe(2);
    expect((await run('quotes', 'لافروف', '--db', db)).code).toBe(2);
  });
});

describe('isnad dups', () => {
  it('lists groups largest first with the original, outlets and kinds', async () => {
    const t = await run('dups', '--db', db, '--members');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^1 near-duplicate group of 2 or more articles/);
    expect(t.out).toMatch(/1\. 2 copies · 2 outlets \(1 cross-outlet, 0 within-outlet\)/);
    expect(t.out).toMatch(/original {2}col-03 {2}وكالة الأنباء/);
    expect(t.out).toMatch(/cross-outlet .* col-05/);
    const j = (await run('dups', '--db', db, '--format', 'jsonl')).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(j).toHaveLength(1);
    expect(j[0]).toMatchObject({ id: 'col-03', size: 2, crossOutlet: 1, withinOutlet: 0, outlets: [{ outlet: 'وكالة الأنباء', copies: 1 }, { outlet: 'الأهرام اليوم', copies: 1 }] });
    expect(j[0].members.map((m: { docId: string; kind: string }) => `${m.docId}:${m.kind}`)).toEqual(['col-03:original', 'col-05:cross-outlet']);
    expect((await run('dups', '--db', db, '--min-size', '3')).out).toMatch(/no near-duplicate groups of 3 or more/);
    expect((await run('dups', '--db', db, '--min-size', '1')).code).toBe(2);
    expect((await run('dups', 'x', '--db', db)).code).toBe(2);
  });
});

describe('isnad export', () => {
  it('streams articles, entities and attributions with no cap', async () => {
    const a = (await run('export', 'articles', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(a).toHaveLength(12);
    expect(a.find((d) => d.id === 'col-03').sources).toHaveLength(2);
    const e = (await run('export', 'entities', '--db', db, '--format', 'csv')).out.split('\r\n');
    expect(e[0]).toBe('doc_id,idx,entity,type,key,start,end,text');
    const out = join(dir, 'att.csv');
    expect((await run('export', 'attributions', '--db', db, '--format', 'csv', '--out', out)).code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\r\n');
    const jl = (await run('export', 'attributions', '--db', db)).out.trim().split('\n');
    expect(rows.length - 1).toBeGreaterThanOrEqual(jl.length); // CSV rows may hold quoted line breaks, never fewer
  });

  it('needs to know what to export', async () => {
    expect((await run('export', '--db', db)).code).toBe(2);
    expect((await run('export', 'tokens', '--db', db)).err).toMatch(/articles, entities, attributions/);
  });
});

describe('help and CSV', () => {
  it('every command explains itself', async () => {
    for (const [cmd, help] of [['ingest', INGEST_HELP], ['search', SEARCH_HELP], ['quotes', QUOTES_HELP], ['dups', DUPS_HELP], ['export', EXPORT_HELP]] as const) {
      const r = await run(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toBe(help);
      expect(help).toMatch(/Examples:/);
    }
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('قال "لا"')).toBe('"قال ""لا"""');
    expect(csvField('سطر\nسطر')).toBe('"سطر\nسطر"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });
});
