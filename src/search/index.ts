// The search layer: the query language, search keys, snippets and the search entry point.
export * from './keys.js';
export * from './query.js';
export * from './snippets.js';
export * from './search.js';
