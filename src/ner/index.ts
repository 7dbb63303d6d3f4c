// The NER layer's core: features, the model (Viterbi, model file format), CoNLL alignment,
// scoring, mentions and clusters. No I/O; Node loading lives in load.ts and node.ts.
export * from './clusters.js';
export * from './conll.js';
export * from './features.js';
export * from './mentions.js';
export * from './model.js';
export * from './predict.js';
export * from './propagate.js';
export * from './rules.js';
export * from './score.js';
export * from './split.js';
