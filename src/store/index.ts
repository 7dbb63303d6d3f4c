// The store layer: articles, their layers and the full-text index, in SQLite or PostgreSQL.
export * from './store.js';
export { SqliteStore, ftsExpression } from './sqlite.js';
export type { SqliteOpenOptions } from './sqlite.js';
