import { afterAll, describe, expect, it } from 'vitest';
import { freshSchema, pgOrSkipReason } from '../../test/pg.js';
import { dupsSuite } from '../../test/dups-suite.js';
import { storeSuite } from '../../test/store-suite.js';
import { PostgresStore, parseTsvector } from './postgres.js';

const skip = await pgOrSkipReason();
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function open(): Promise<PostgresStore> {
  const s = await freshSchema('isnad_suite');
  drops.push(s.drop);
  return PostgresStore.open(s.url);
}

storeSuite('PostgreSQL', open, skip);
dupsSuite('PostgreSQL', open, skip);

describe.skipIf(skip !== undefined)('PostgresStore', () => {
  it('migrates once, under a lock, and reports its version', async () => {
    const s = await freshSchema('isnad_mig');
    drops.push(s.drop);
    const [a, b] = await Promise.all([PostgresStore.open(s.url), PostgresStore.open(s.url)]);
    expect(await a.schemaVersion()).toBe(2);
    expect(await b.schemaVersion()).toBe(2);
    await a.close();
    await b.close();
  });

  it('indexes keys with the simple configuration exactly as given (terms, positions)', async () => {
    const s = await freshSchema('isnad_tsv');
    drops.push(s.drop);
    const store = await PostgresStore.open(s.url);
    const pool = (store as unknown as { pool: { query(q: string, v?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> } }).pool;
    const keys = 'سور مسلح g 20 000 مسءول abc ءامن سور';
    const r = await pool.query("SELECT lexeme, positions FROM unnest(to_tsvector('simple', $1)) ORDER BY lexeme", [keys]);
    const expected = new Map<string, number[]>();
    keys.split(' ').forEach((t, i) => expected.set(t, [...(expected.get(t) ?? []), i + 1]));
    expect(new Map(r.rows.map((x) => [x.lexeme as string, x.positions as number[]]))).toEqual(expected);
    await store.close();
  });
});

describe('parseTsvector', () => {
  it('reads lexemes and positions of the text form, weights dropped, quotes undone', () => {
    const seen: Array<[string, number[]]> = [];
    parseTsvector("'2018':4 'g':2,7B 'سور':1,3A 'it''s':5 'a\\\\b':6 'bare'", (l, p) => seen.push([l, [...p]]));
    expect(seen).toEqual([
      ['2018', [4]],
      ['g', [2, 7]],
      ['سور', [1, 3]],
      ["it's", [5]],
      ['a\\b', [6]],
      ['bare', []],
    ]);
    expect(() => parseTsvector("'open", () => {})).toThrow(/ISNAD_TSVECTOR/);
  });
});
