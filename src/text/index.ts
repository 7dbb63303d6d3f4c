// The `text` layer: pure functions over strings. No I/O; runs in a browser.
export * from './chars.js';
export * from './normalize.js';
export * from './offsets.js';
export * from './span.js';
export * from './tokenize.js';
export * from './words.js';
export * from './clitics.js';
export * from './stem.js';
export * from './quotes.js';
export * from './sentences.js';
export * from './lexicon.js';
export * from './vocab.js';
export * from './wordclass.js';
