import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { propagate, propagationKey, type LabelledSentence } from './propagate.js';

/** Sentences of `text` split on ' | ', each with labels (space-separated, . for O). */
function run(text: string, labels: string[]): string[] {
  const toks = tokens(text);
  const sentences: LabelledSentence[] = [];
  let from = 0;
  for (const l of labels) {
    const ls = l.split(' ').map((x) => (x === '.' ? 'O' : x));
    sentences.push({ tokens: toks, from, to: from + ls.length, labels: ls });
    from += ls.length + 1; // the | between sentences
  }
  expect(from - 1).toBe(toks.length);
  propagate(sentences);
  return sentences.map((s) => s.labels.map((x) => (x === 'O' ? '.' : x)).join(' '));
}

describe('propagate', () => {
  it('finds a person and a place again where the model left them untagged, through clitics', () => {
    expect(run('زار سامي نور طرابلس | وقال سامي نور إن وطرابلس آمنة', ['. B-PER I-PER B-LOC', '. . . . . .'])).toEqual([
      '. B-PER I-PER B-LOC',
      '. B-PER I-PER . B-LOC .',
    ]);
  });
  it('compares with the article: السعودية is not سعودية', () => {
    expect(run('زار السعودية | وقع عقدا مع شركة سعودية', ['. B-LOC', '. . . . .'])).toEqual(['. B-LOC', '. . . . .']);
  });
  it('does not propagate MISC, nor into words the model tagged', () => {
    expect(run('دفع مئة دولار | وقال إن الدولار ارتفع', ['. . B-MISC', '. . . .'])).toEqual(['. . B-MISC', '. . . .']);
    expect(run('زار حلب | قال حلب', ['. B-LOC', '. B-PER'])).toEqual(['. B-LOC', '. B-PER']);
  });
  it('prefers the longest name', () => {
    expect(run('زار الأمم المتحدة | وانتقد الأمم والأمم المتحدة', ['. B-ORG I-ORG', '. . . .'])).toEqual(['. B-ORG I-ORG', '. . B-ORG I-ORG']);
  });
});

describe('propagationKey', () => {
  it('drops conjunctions and prepositions, keeps the article, merges spellings', () => {
    expect(tokens('وبالعراق العراق السعودية سعودية والسورى ،').map(propagationKey)).toEqual(['العراق', 'العراق', 'السعوديه', 'سعوديه', 'السوري', '']);
  });
});
