/**
 * The C library's natural logarithm, as SQLite's ln() and PostgreSQL's ln() compute it: the
 * logarithm inside FTS5's bm25() (src/search/bm25.ts). V8's Math.log differs from it in the last
 * bit for some arguments, which is enough to swap two hits with nearly equal scores. One SQLite
 * statement on an in-memory database answers in a few microseconds; answers are remembered.
 */
import Database from 'better-sqlite3';

let statement: Database.Statement | undefined;
const memo = new Map<number, number>();
const MEMO_LIMIT = 200_000;

export function libmLn(x: number): number {
  const known = memo.get(x);
  if (known !== undefined) return known;
  statement ??= new Database(':memory:').prepare('SELECT ln(?)').pluck();
  const v = statement.get(x) as number | null;
  // ln() is NULL for x ≤ 0 in SQLite; log() is −inf or NaN there, and bm25's idf is then 1e−6 either way
  const y = v === null ? (x === 0 ? -Infinity : NaN) : v;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(x, y);
  return y;
}
