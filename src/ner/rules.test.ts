import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { FeatureExtractor } from './features.js';
import { applyRules } from './rules.js';

const fx = new FeatureExtractor({ vocab: null });

/** Applies the rules to `text` whose tokens the model labelled `labels` (space-separated, . for O). */
function rules(text: string, labels: string): string {
  const toks = tokens(text);
  const given = labels.split(' ').map((l) => (l === '.' ? 'O' : l));
  expect(given).toHaveLength(toks.length);
  return applyRules(toks, 0, toks.length, given, (t) => fx.word(t).flags)
    .map((l) => (l === 'O' ? '.' : l))
    .join(' ');
}

describe('applyRules', () => {
  it('B: a ministry with its definite complement and nisba adjectives is one organization', () => {
    expect(rules('أعلنت وزارة الخارجية الروسية انحصار المناطق', '. . . . . .')).toBe('. B-ORG I-ORG I-ORG . .');
    expect(rules('قال مجلس الأمن الدولي أمس', '. . . . .')).toBe('. B-ORG I-ORG I-ORG .');
  });
  it('B: a definite institution with nisba adjectives and a ل complement', () => {
    expect(rules('تقدم الجيش السورى في المدينة', '. . . . .')).toBe('. B-ORG I-ORG . .');
    expect(rules('وأقر المرصد السوري لحقوق الإنسان ، بانهيار', '. . . . . . .')).toBe('. B-ORG I-ORG I-ORG I-ORG . .');
  });
  it('B: not a definite head with a following definite object, nor an institution alone', () => {
    expect(rules('قصف الجيش المدينة ليلا', '. . . .')).toBe('. . . .');
    expect(rules('وصل الجيش أمس', '. . .')).toBe('. . .');
    expect(rules('حركة المرور كثيفة', '. . .')).toBe('. . .');
  });
  it('A: a name head before an entity makes one organization; a media head only retypes it', () => {
    expect(rules('أقرت حركة نور الدين الزنكي بخسائرها', '. . B-PER I-PER I-PER .')).toBe('. B-ORG I-ORG I-ORG I-ORG .');
    expect(rules('درس في جامعة القاهرة', '. . . B-LOC')).toBe('. . B-ORG I-ORG');
    expect(rules('نقل موقع ديلي بيست عن المعارضة', '. . B-MISC I-MISC . .')).toBe('. . B-ORG I-ORG . .');
  });
  it('E: a radio station is one organization with the word before "أف أم"; the tail alone never is', () => {
    expect(rules('أكد مراسل الريحانة أف أم ذلك', '. . . B-MISC I-MISC .')).toBe('. . B-ORG I-ORG I-ORG .');
    expect(rules('قال لإذاعة "النخلة إف إم" أمس', '. . . B-LOC . . . .')).toBe('. . . B-ORG I-ORG I-ORG . .');
    expect(rules('بث راديو نجمة FM الخبر', '. . B-PER . .')).toBe('. . B-ORG I-ORG .');
    expect(rules('من أف أم', '. B-MISC I-MISC')).toBe('. B-MISC I-MISC');
    expect(rules('قال للريحانة "أف أم" إن', '. . . B-MISC I-MISC . .')).toBe('. B-ORG I-ORG I-ORG I-ORG . .');
  });
  it('A: not through a pronoun or a preposition', () => {
    expect(rules('من موقعه بحلب', '. . B-LOC')).toBe('. . B-LOC');
  });
  it('C: a nisba adjective after a proper name leaves the name, but not after a definite word', () => {
    expect(rules('نقل موقع ديلي بيست الأمريكي عن', '. . B-ORG I-ORG I-ORG .')).toBe('. . B-ORG I-ORG . .');
    expect(rules('قال الحزب الشيوعي الصيني إن', '. B-ORG I-ORG I-ORG .')).toBe('. B-ORG I-ORG I-ORG .');
  });
  it('D: a person’s name goes on with a rare definite word, not with a nisba adjective or a common word', () => {
    expect(rules('أقرت حركة نور الدين الزنكي المسلحة', '. . B-PER I-PER . .')).toBe('. B-ORG I-ORG I-ORG I-ORG .');
    expect(rules('قال بشار الأسد السوري', '. B-PER I-PER .')).toBe('. B-PER I-PER .');
    expect(rules('قال سامي نور الجديد', '. B-PER I-PER .')).toBe('. B-PER I-PER .');
  });
  it('leaves labels it has nothing to say about alone', () => {
    expect(rules('قال سامي نور في طرابلس', '. B-PER I-PER . B-LOC')).toBe('. B-PER I-PER . B-LOC');
  });
});
