import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { Doc, DocSchema } from '../doc/index.js';
import { NerModel } from '../ner/model.js';
import { hasNerModel, loadNerModel } from '../ner/load.js';
import { labelSet } from '../ner/perceptron.js';
import { rng } from '../ner/hash.js';
import { isSpanOf } from '../text/index.js';
import { analyze } from './analyze.js';
import { entitiesStage } from './entities.js';
import { setDefaultNerModelProvider } from './ner-provider.js';
import { Pipeline } from './pipeline.js';
import { sentencesStage } from './sentences.js';
import { structureStage } from './structure.js';
import { tokensStage } from './tokens.js';

/** The bias feature's hash (features.ts T.BIAS): a model with only this row scores every token alike. */
const BIAS = 1;

/** A model that labels tokens from the bias row and the transitions only, deterministic per seed. */
function toyModel(seed: number): NerModel {
  const labels = labelSet('bio');
  const L = labels.length;
  const next = rng(seed);
  return new NerModel({
    labels,
    keys: Uint32Array.from([BIAS]),
    weights: Float32Array.from({ length: L }, (_, y) => (y === 0 ? 0 : next() * 2)),
    trans: Float32Array.from({ length: L * L }, () => next() * 2 - 1),
    start: new Float32Array(L),
    end: new Float32Array(L),
  });
}

const run = (text: string, model: NerModel | undefined): Doc =>
  new Pipeline([structureStage, tokensStage(), sentencesStage, entitiesStage(() => model)]).run(new Doc(text));

describe('entitiesStage', () => {
  it('assigns an empty layer without a model', () => {
    const doc = run('زار سامي نور مدينة طرابلس أمس.', undefined);
    expect(doc.entities).toEqual([]);
  });

  it('for arbitrary text: every entity is an exact slice of the text inside a body block, in order, with an id and key (property)', () => {
    const models = [toyModel(1), toyModel(2), toyModel(3)];
    fc.assert(
      fc.property(
        fc.oneof(arabicish(), fc.string({ maxLength: 120 }), fc.array(arabicish(), { maxLength: 6 }).map((a) => a.join('\n'))),
        fc.integer({ min: 0, max: models.length - 1 }),
        (text, m) => {
          const doc = run(text, models[m]);
          const bodies = doc.blocks!.filter((b) => b.type === 'body');
          let last = 0;
          for (const e of doc.entities!) {
            expect(isSpanOf(text, e)).toBe(true);
            expect(e.end).toBeGreaterThan(e.start);
            expect(['PER', 'ORG', 'LOC', 'MISC']).toContain(e.type);
            expect(bodies.some((b) => e.start >= b.start && e.end <= b.end)).toBe(true);
            expect(e.start).toBeGreaterThanOrEqual(last);
            last = e.end;
            expect(e.id).toMatch(/^e\d+$/);
            expect(typeof e.key).toBe('string');
          }
          expect(DocSchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('tags body sentences only', () => {
    // a model that makes every word a one-word PER: the headline and the caption stay untagged
    const labels = labelSet('bio');
    const model = new NerModel({
      labels,
      keys: Uint32Array.from([BIAS]),
      weights: Float32Array.from(labels, (l) => (l === 'B-PER' ? 5 : 0)),
      trans: new Float32Array(labels.length ** 2),
      start: new Float32Array(labels.length),
      end: new Float32Array(labels.length),
    });
    const text = 'عنوان الخبر\nقال سامي إن الوضع مستقر في المدينة وأضاف أن الحكومة تعمل.\nصورة الوزير';
    const doc = run(text, model);
    const body = doc.blocks!.find((b) => b.type === 'body')!;
    expect(doc.entities!.length).toBeGreaterThan(5);
    for (const e of doc.entities!) expect(e.start >= body.start && e.end <= body.end).toBe(true);
  });
});

describe('the default pipeline and its model provider', () => {
  afterEach(() => setDefaultNerModelProvider(undefined));

  it('uses the registered provider lazily, and an empty layer without one', () => {
    let calls = 0;
    const model = toyModel(5);
    setDefaultNerModelProvider(() => {
      calls++;
      return model;
    });
    const text = 'قال سامي نور في طرابلس إن الوضع مستقر.';
    expect(analyze(text).entities!.length).toBeGreaterThan(0);
    expect(calls).toBe(1);
    setDefaultNerModelProvider(undefined);
    expect(analyze(text).entities).toEqual([]);
  });
});

describe.skipIf(!hasNerModel())('the shipped model in the stage (our own sentences)', () => {
  const model = loadNerModel();
  const doc = run(
    'قال الرئيس السوري بشار الأسد في دمشق يوم الأحد إن الجيش السورى سيواصل عملياته في ريف حلب، وأضاف الأسد أن وزارة الخارجية الروسية أبلغت الأمم المتحدة بذلك.',
    model,
  );
  const found = (type: string, text: string): boolean => doc.entities!.some((e) => e.type === type && e.text === text);

  it('finds people, places and organizations, named whole', () => {
    expect(found('PER', 'بشار الأسد')).toBe(true);
    expect(found('LOC', 'دمشق')).toBe(true);
    expect(found('LOC', 'حلب')).toBe(true);
    expect(found('ORG', 'الجيش السورى')).toBe(true);
    expect(found('ORG', 'وزارة الخارجية الروسية')).toBe(true);
    expect(doc.entities!.some((e) => e.type === 'ORG' && e.text.endsWith('الأمم المتحدة'))).toBe(true);
  });

  it('groups the full name and the surname under one id and key', () => {
    const full = doc.entities!.find((e) => e.text === 'بشار الأسد')!;
    const surname = doc.entities!.find((e) => e.text === 'الأسد')!;
    expect(surname.id).toBe(full.id);
    expect(surname.key).toBe('بشار اسد');
  });
});
