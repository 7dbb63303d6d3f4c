/** Tagging with the model: a sentence of our tokens, or a CoNLL sentence of words through our tokens. */
import type { Token } from '../text/index.js';
import { align, wordLabels } from './conll.js';
import type { NerModel } from './model.js';
import { applyRules } from './rules.js';

export interface TagOptions {
  /** apply the news conventions of rules.ts after decoding (default true) */
  rules?: boolean;
}

/** BIO labels (PER, LOC, ORG, MISC) for tokens[from, to) taken as one sentence. */
export function tagSentence(model: NerModel, tokens: readonly Token[], from = 0, to = tokens.length, options: TagOptions = {}): string[] {
  const labels = model.tagNames(tokens, from, to);
  if (options.rules === false) return labels;
  return applyRules(tokens, from, to, labels, (t) => model.extractor.word(t).flags);
}

/** BIO labels for one sentence of words (CoNLL), tagged through our own tokens. */
export function tagWords(model: NerModel, words: readonly string[], options: TagOptions = {}): string[] {
  const a = align(words);
  return wordLabels(a, tagSentence(model, a.tokens, 0, a.tokens.length, options));
}
