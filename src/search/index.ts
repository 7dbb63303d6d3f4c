// The search layer: the query language, search keys, snippets, the in-memory index and the search entry point.
export * from './keys.js';
export * from './query.js';
export * from './snippets.js';
export * from './search.js';
export * from './bm25.js';
export * from './term-index.js';
export * from './term-spans.js';
export * from './collection-index.js';
