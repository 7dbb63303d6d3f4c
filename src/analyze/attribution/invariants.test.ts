import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { defaultStages } from '../analyze.js';
import type { Attribution, Doc } from '../../doc/index.js';
import { attributionCandidates, decideAttributions } from './stage.js';
import { isAnaphoric, isValidMention } from './invariants.js';
import { WEIGHT_BITS, type AttributionModel } from './learned.js';
import { rng } from '../../ner/hash.js';

// Sentences assembled from pieces that make the rules fire: speakers (names, titles, prepositional
// phrases, pronouns, anaphors), cues, complementizers, quotations, writer's notes, and noise.
const PIECES = [
  'قال', 'وقال', 'أكد', 'وأضاف', 'أوضحت', 'مشيرا إلى', 'وذكرت', 'بحسب', 'وفقا لـ', 'نقلت', 'عن', 'يذكر', 'والجدير بالذكر', 'تجدر الإشارة إلى',
  'الوزير', 'وزير الخارجية سامي العلي', 'المتحدث باسم الوزارة', 'المصدر نفسه', 'ذات المصدر', 'وكالة الأنباء', 'إلى', 'ذلك', 'من جانبه', 'لـ«الشروق»', 'الينا', 'هو',
  'أن', 'إن', 'بأن', 'أنه', '«', '»', '"', ':', '،', '.', '\n', 'في بيان', 'اليوم', 'الحكومة', 'ستواصل', 'العمل', 'على', 'المشروع', 'قوله', 'مزاعم',
];

const sentence = fc.array(fc.constantFrom(...PIECES), { minLength: 3, maxLength: 30 }).map((a) => a.join(' '));
const text = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((a) => a.join(' '));

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function checkRecord(doc: Doc, r: Attribution): void {
  for (const s of [r.cue, r.content, r.source, r.speaker, r.medium, r.hedge, ...r.via]) {
    if (!s) continue;
    expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  }
  for (const s of [r.source, r.speaker]) {
    if (!s) continue;
    expect(isValidMention(doc, s)).toBe(true);
    expect(overlaps(s, r.cue)).toBe(false);
    expect(overlaps(s, r.content)).toBe(false);
  }
  if (r.speaker) expect(isAnaphoric(r.speaker.text)).toBe(false);
}

// models with arbitrary weights (a few, made once: each is three arrays of 2^18): whatever they decide, the invariants hold
const randomWeights = (seed: number): Float32Array => {
  const next = rng(seed);
  const w = new Float32Array(1 << WEIGHT_BITS);
  for (let i = 0; i < w.length; i++) w[i] = (next() - 0.5) * 8;
  return w;
};
const MODELS: AttributionModel[] = [11, 22, 33, 44].map((seed) => ({ version: 2, cue: randomWeights(seed), speaker: randomWeights(seed + 1), sourceEnd: randomWeights(seed + 2), contentEnd: randomWeights(seed + 3) }));
const randomModel = fc.constantFrom(...MODELS);

describe('attribution invariants (property tests)', () => {
  it('sources and speakers are whole-word mentions in one sentence, off the cue and content, never a function word or an unresolved anaphor: rules alone', () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = analyze(t);
        for (const r of doc.attributions!) checkRecord(doc, r);
      }),
      { numRuns: 1000 },
    );
  });

  it('the same under a learned model with any weights', () => {
    const stages = defaultStages().filter((s) => s.name !== 'attribution');
    fc.assert(
      fc.property(text, randomModel, (t, model) => {
        const doc = analyze(t, { stages });
        const recs = decideAttributions(doc, attributionCandidates(doc, true, model), model);
        for (const r of recs) checkRecord(doc, r);
      }),
      { numRuns: 600 },
    );
  });
});

describe('attribution invariants (examples)', () => {
  const one = (t: string): Attribution[] => analyze(t).attributions!;

  it('a writer’s note is not an attribution', () => {
    expect(one('وقال الوزير إن الحكومة ستواصل العمل. ويذكر أن الوزارة أطلقت المشروع العام الماضي.').map((a) => a.cue.text)).toEqual(['قال']);
    expect(one('والجدير بالذكر أن الوزارة أطلقت المشروع العام الماضي.')).toEqual([]);
  });

  it('an anaphoric source speaks for the source it repeats', () => {
    const recs = one('وقال مصدر أمني مطلع إن الهجوم وقع فجرا. وأضاف المصدر نفسه أن التحقيق مستمر.');
    const last = recs.find((r) => r.source && isAnaphoric(r.source.text));
    if (last) expect(last.speaker?.text).toBe('مصدر أمني مطلع');
    for (const r of recs) expect(r.speaker && isAnaphoric(r.speaker.text)).toBeFalsy();
  });

  it('a mention that opens with a preposition or is a function word is not a speaker', () => {
    const doc = analyze('قال الوزير إن العمل مستمر.');
    const at = (s: string): { start: number; end: number; text: string } => ({ start: doc.text.indexOf(s), end: doc.text.indexOf(s) + s.length, text: s });
    expect(isValidMention(doc, at('الوزير'))).toBe(true);
    expect(isValidMention(doc, at('إن'))).toBe(false);
    expect(isValidMention(doc, at('قال الوزير'))).toBe(true);
    expect(isValidMention(doc, at('لوزير'))).toBe(false); // not a whole word
  });
});
