import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../../test/store-suite.js';
import { SqliteStore } from '../store/sqlite.js';
import { contentHash, storableText } from './hash.js';
import { ingest, sourceKey, sourcePrefix } from './ingest.js';

const dir = mkdtempSync(join(tmpdir(), 'isnad-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open = (name: string): Promise<SqliteStore> => SqliteStore.open(join(dir, name));

describe('contentHash', () => {
  it('is the same for texts that differ only in white space, vowels, tatweel or ى/ي', () => {
    const a = contentHash('قال الوزير فى بيان:  "الوضع مستقر".\n');
    expect(contentHash('قَالَ  الوزيـــر في بيان: "الوضع مستقر".')).toBe(a);
    expect(contentHash('قال الوزير في بيان: "الوضع مستقر جدا".')).not.toBe(a);
  });
});

describe('storableText', () => {
  it('replaces NUL and lone surrogates one for one', () => {
    const t = 'a\u0000b\uD800c\uDC00d😀';
    const s = storableText(t);
    expect(s).toBe('a\uFFFDb\uFFFDc\uFFFDd😀');
    expect(s.length).toBe(t.length);
  });
});

describe('sourceKey', () => {
  it('names a record by its source (corpus, URL or absolute path) and id', () => {
    expect(sourcePrefix('https://example.org/feed.xml')).toBe('https://example.org/feed.xml');
    expect(sourcePrefix('test/fixtures/collection.jsonl')).toBe(`file:${resolve('test/fixtures/collection.jsonl')}`);
    expect(sourceKey('corpus:saudinewsnet', 'snn-1')).toBe('corpus:saudinewsnet#snn-1');
  });
});

describe('ingest', () => {
  it('stores exact duplicates once and near variants apart', async () => {
    const store = await open('a.db');
    const s = await ingest([FIXTURE], store, { workers: 0 });
    expect(s).toMatchObject({ done: 14, ingested: 12, duplicates: 2, already: 0, failed: 0, interrupted: false });
    expect((await store.getDoc('col-05'))!.text).not.toBe((await store.getDoc('col-03'))!.text);
    await store.close();
  });

  it('stops at the limit and resumes where it stopped', async () => {
    const store = await open('b.db');
    const first = await ingest([FIXTURE], store, { workers: 0, limit: 6, batchSize: 4 });
    expect(first.done).toBe(6);
    const rest = await ingest([FIXTURE], store, { workers: 0, batchSize: 4 });
    expect(rest.already).toBe(6);
    expect(rest.ingested + rest.duplicates).toBe(8);
    expect((await store.counts()).articles).toBe(12);
    await store.close();
  });

  it('stops reading when aborted and keeps what was written', async () => {
    const store = await open('c.db');
    const ac = new AbortController();
    const s = await ingest([FIXTURE], store, {
      workers: 0,
      batchSize: 2,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 4) ac.abort();
      },
    });
    expect(s.interrupted).toBe(true);
    expect(s.done).toBeLessThan(14);
    expect((await store.counts()).sources).toBe(s.done);
    const again = await ingest([FIXTURE], store, { workers: 0 });
    expect(again.already).toBe(s.done);
    expect((await store.counts()).articles).toBe(12);
    await store.close();
  });

  it('reports unreadable sources and documents as failures and goes on', async () => {
    const store = await open('d.db');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"ok","text":"قال الوزير إن الوضع مستقر."}\n{"id":"no-text"}\n');
    const s = await ingest([join(dir, 'missing.jsonl'), bad], store, { workers: 0 });
    expect(s.ingested).toBe(1);
    expect(s.failed).toBe(2);
    expect(s.failedBy).toEqual({ ISNAD_INGEST_NOT_FOUND: 1, ISNAD_INGEST_BAD_RECORD: 1 });
    expect(s.failures.map((f) => f.origin)).toEqual([join(dir, 'missing.jsonl'), `${bad}:2`]);
    await store.close();
  });

  const worker = resolve('dist/collection/worker.js');
  it.skipIf(!existsSync(worker))('analyzes on a pool of worker threads (the compiled worker in dist/)', async () => {
    const store = await open('e.db');
    const s = await ingest([FIXTURE], store, { workers: 2, batchSize: 3, count: true });
    expect(s.workers).toBe(2);
    expect(s).toMatchObject({ ingested: 12, duplicates: 2, failed: 0 });
    const inThread = await open('f.db');
    await ingest([FIXTURE], inThread, { workers: 0 });
    expect(await store.getDoc('col-01')).toEqual(await inThread.getDoc('col-01'));
    await store.close();
    await inThread.close();
  });
});
