/** Tagging with the model: a sentence of our tokens, or a CoNLL sentence of words through our tokens. */
import type { Lexeme, Token } from '../text/index.js';
import { align, wordLabels } from './conll.js';
import type { NerModel } from './model.js';
import type { WordInfo } from './features.js';
import { applyRules } from './rules.js';
import { documentSteps, type LabelledSentence } from './propagate.js';

export interface TagOptions {
  /** apply the news conventions of rules.ts after decoding (default true) */
  rules?: boolean;
}

/** BIO labels (PER, LOC, ORG, MISC) for tokens[from, to) taken as one sentence. */
export function tagSentence(model: NerModel, tokens: readonly Token[], from = 0, to = tokens.length, options: TagOptions = {}, infos?: WordInfo[], lexemes?: ReadonlyArray<Lexeme | undefined>): string[] {
  const labels = model.tagNames(tokens, from, to, infos, lexemes);
  if (options.rules === false) return labels;
  return applyRules(tokens, from, to, labels, (t) => model.extractor.word(t).flags);
}

/** BIO labels for one sentence of words (CoNLL), tagged through our own tokens. */
export function tagWords(model: NerModel, words: readonly string[], options: TagOptions = {}): string[] {
  const a = align(words);
  return wordLabels(a, tagSentence(model, a.tokens, 0, a.tokens.length, options));
}

/**
 * BIO labels for the sentences of one document (CoNLL words): each tagged through our tokens, then
 * the document-level steps the entities stage takes (propagation and one type per name, propagate.ts).
 */
export function tagDocument(model: NerModel, sentences: ReadonlyArray<readonly string[]>, options: TagOptions = {}): string[][] {
  const aligned = sentences.map((w) => align(w));
  const tagged: LabelledSentence[] = aligned.map((a) => ({ tokens: a.tokens, from: 0, to: a.tokens.length, labels: tagSentence(model, a.tokens, 0, a.tokens.length, options) }));
  documentSteps(tagged, (t) => model.extractor.word(t).key);
  return tagged.map((t, i) => wordLabels(aligned[i]!, t.labels));
}
