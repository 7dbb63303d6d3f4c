import { describe, expect, it } from 'vitest';
import { denseWeights, feat, linear, loadModel, storeModel, trainBinary, trainRanker, WEIGHT_BITS, type AttributionModel } from './learned.js';

describe('hashed features', () => {
  it('are the same number for the same parts, and differ when the parts are split differently or typed differently', () => {
    expect(feat('lem=', 'قال')).toBe(feat('lem=', 'قال'));
    expect(feat('ab', 'c')).not.toBe(feat('a', 'bc'));
    expect(feat('nw=', 1)).not.toBe(feat('nw=', '1'));
    expect(feat('x', true)).toBe(feat('x', 1));
    // no collisions among a few thousand features of the kinds the models use
    const seen = new Set<number>();
    for (let i = 0; i < 3000; i++) seen.add(feat('w=', `كلمة${i}`) & ((1 << WEIGHT_BITS) - 1));
    expect(seen.size).toBeGreaterThan(2980);
  });

  it('a model survives being stored and loaded', () => {
    const m: AttributionModel = { version: 2, cue: denseWeights(new Map([[feat('bias') & 0x3ffff, 0.5]])), speaker: denseWeights(new Map()), trainedOn: 't' };
    const back = loadModel(JSON.parse(JSON.stringify(storeModel(m))));
    expect(linear(back.cue, [feat('bias')])).toBeCloseTo(0.5);
    expect(back.sourceEnd).toBeUndefined();
    expect(() => loadModel({ ...storeModel(m), bits: 12 })).toThrow(/retrain/);
  });
});

describe('averaged perceptron', () => {
  it('learns a separable binary problem and generalizes to unseen combinations', () => {
    const ex = [] as Array<{ feats: number[]; label: boolean }>;
    for (let i = 0; i < 200; i++) {
      const good = i % 3 !== 0;
      ex.push({ feats: [feat('bias'), feat('cue=', good ? 'قال' : 'بين'), feat('noise=', i % 7)], label: good });
    }
    const w = denseWeights(trainBinary(ex, 5));
    expect(linear(w, [feat('bias'), feat('cue=', 'قال'), feat('noise=', 99)])).toBeGreaterThan(0);
    expect(linear(w, [feat('bias'), feat('cue=', 'بين'), feat('noise=', 99)])).toBeLessThan(0);
  });

  it('a ranker puts the correct candidate first', () => {
    const ex = Array.from({ length: 50 }, (_, i) => [
      { feats: [feat('null')], ok: false },
      { feats: [feat('rel=src'), feat('w=', i % 3)], ok: true },
      { feats: [feat('rel=other'), feat('w=', (i + 1) % 3)], ok: false },
    ]);
    const w = denseWeights(trainRanker(ex, 5));
    expect(linear(w, [feat('rel=src'), feat('w=', 0)])).toBeGreaterThan(linear(w, [feat('rel=other'), feat('w=', 0)]));
    expect(linear(w, [feat('rel=src'), feat('w=', 1)])).toBeGreaterThan(linear(w, [feat('null')]));
  });
});
