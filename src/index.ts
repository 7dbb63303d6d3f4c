// isnad: who said what, through whom, about whom, in Arabic news.
export * from './text/index.js';
export * from './doc/index.js';
export * from './analyze/index.js';
export * from './ner/index.js';
