import { describe, expect, it } from 'vitest';
import { linear, trainBinary, trainRanker } from './learned.js';

describe('averaged perceptron', () => {
  it('learns a separable binary problem and generalizes to unseen combinations', () => {
    const ex = [] as Array<{ feats: string[]; label: boolean }>;
    for (let i = 0; i < 200; i++) {
      const good = i % 3 !== 0;
      ex.push({ feats: ['bias', good ? 'cue=قال' : 'cue=بين', `noise=${i % 7}`], label: good });
    }
    const w = trainBinary(ex, 5);
    expect(linear(w, ['bias', 'cue=قال', 'noise=99'])).toBeGreaterThan(0);
    expect(linear(w, ['bias', 'cue=بين', 'noise=99'])).toBeLessThan(0);
  });

  it('a ranker puts the correct candidate first', () => {
    const ex = Array.from({ length: 50 }, (_, i) => [
      { feats: ['null'], ok: false },
      { feats: ['rel=src', `w=${i % 3}`], ok: true },
      { feats: ['rel=other', `w=${(i + 1) % 3}`], ok: false },
    ]);
    const w = trainRanker(ex, 5);
    expect(linear(w, ['rel=src', 'w=0'])).toBeGreaterThan(linear(w, ['rel=other', 'w=0']));
    expect(linear(w, ['rel=src', 'w=1'])).toBeGreaterThan(linear(w, ['null']));
  });
});
