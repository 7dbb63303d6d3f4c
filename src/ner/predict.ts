/** Tagging CoNLL words with the model, through our own tokens (see conll.ts for the alignment). */
import { align, wordLabels } from './conll.js';
import type { NerModel } from './model.js';

/** BIO labels (PER, LOC, ORG, MISC) for one sentence of words. */
export function tagWords(model: NerModel, words: readonly string[]): string[] {
  const a = align(words);
  return wordLabels(a, model.tagNames(a.tokens));
}
