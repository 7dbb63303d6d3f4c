/**
 * PostgreSQL for tests: the server at $ISNAD_TEST_PG (default postgres://isnad:isnad@localhost:5432/isnad_test),
 * a fresh schema per test file (dropped afterwards), and a clear skip message when no server answers.
 */
import pg from 'pg';

export const PG_URL = process.env.ISNAD_TEST_PG || 'postgres://isnad:isnad@localhost:5432/isnad_test';

/** Whether the test server answers (2 s time-out); the reason when it does not. */
export async function pgAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    await c.end().catch(() => {});
  }
}

/** Creates a fresh schema and returns a URL whose connections use it, and a function dropping it. */
export async function freshSchema(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await d.end();
    },
  };
}

/** Top-level await in a test file: skip message once. */
export async function pgOrSkipReason(): Promise<string | undefined> {
  const a = await pgAvailable();
  if (a.ok) return undefined;
  const msg = `PostgreSQL tests skipped: no server at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${a.reason}); start one and set ISNAD_TEST_PG`;
  console.warn(msg);
  return msg;
}
