// The `dedup` layer: near-duplicates, syndication and stories. No I/O; runs in a browser.
export * from './hash.js';
export * from './shingles.js';
export * from './terms.js';
export * from './minhash.js';
export * from './lsh.js';
export * from './multimap.js';
export * from './pool.js';
export * from './relation.js';
export * from './fingerprint.js';
export * from './dedup-index.js';
export * from './stories.js';
export * from './syndication.js';
export * from './grouping.js';
