import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dupsSuite } from '../../test/dups-suite.js';
import { storeSuite } from '../../test/store-suite.js';
import { SqliteStore, ftsExpression } from './sqlite.js';
import { StoreError } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'isnad-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('SQLite', () => SqliteStore.open(join(dir, 'suite.db')));
let fresh = 0;
dupsSuite('SQLite', () => SqliteStore.open(join(dir, `dups-${++fresh}.db`)));

describe('SqliteStore', () => {
  it('uses WAL and records its migrations', async () => {
    const s = await SqliteStore.open(join(dir, 'wal.db'));
    expect(await s.schemaVersion()).toBe(2);
    await s.close();
    const again = await SqliteStore.open(join(dir, 'wal.db')); // opening again applies nothing
    expect(await again.schemaVersion()).toBe(2);
    expect((again as unknown as { db: { pragma(s: string, o: object): unknown } }).db.pragma('journal_mode', { simple: true })).toBe('wal');
    await again.close();
  });

  it('refuses a missing file when it must exist, and a file that is not SQLite', async () => {
    await expect(SqliteStore.open(join(dir, 'none.db'), { mustExist: true })).rejects.toMatchObject({ code: 'ISNAD_STORE_NOT_FOUND' });
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just some text long enough to look like a header'.repeat(20));
    await expect(SqliteStore.open(junk)).rejects.toBeInstanceOf(StoreError);
  });

  it('refuses a database from a newer isnad', async () => {
    const s = await SqliteStore.open(join(dir, 'newer.db'));
    (s as unknown as { db: { exec(s: string): void } }).db.exec("INSERT INTO schema_migrations VALUES (99, 'future', '')");
    await s.close();
    await expect(SqliteStore.open(join(dir, 'newer.db'))).rejects.toMatchObject({ code: 'ISNAD_STORE_NEWER_SCHEMA' });
  });

  it('writes FTS5 expressions with the positive phrases first', () => {
    const plan = { phrases: [['سور'], ['جيش', 'سور']], exclude: [['روس']], speakers: [], entities: [], outlets: [], types: [] };
    expect(ftsExpression(plan)).toBe('("سور" AND "جيش سور") NOT ("روس")');
  });
});

describe('SqliteStore schema 2', () => {
  it('migrates a schema-1 database in place: near-duplicate tables added, articles kept', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { SQLITE_MIGRATIONS } = await import('./migrations/sqlite.js');
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    raw.exec(SQLITE_MIGRATIONS[0]!.sql);
    raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(SQLITE_MIGRATIONS[0]!.name, '');
    raw.close();
    const s = await SqliteStore.open(path);
    expect(await s.schemaVersion()).toBe(2);
    expect((await s.dupGroups()).groups).toEqual([]);
    await s.close();
  });
});
