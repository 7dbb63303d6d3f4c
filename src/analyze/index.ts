// The `analyze` layer: stages over a Doc and the default pipeline. No I/O.
export * from './pipeline.js';
export * from './structure.js';
export * from './tokens.js';
export * from './sentences.js';
export * from './entities.js';
export * from './ner-provider.js';
export * from './analyze.js';
export * from './attribution/index.js';
