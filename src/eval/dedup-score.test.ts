import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atLevel, confusion, parsePairs, prf } from './dedup-score.js';

describe('parsePairs', () => {
  const pairs = parsePairs(readFileSync(new URL('../../data/eval/dedup-pairs.tsv', import.meta.url), 'utf8'));
  it('the labeled file: 300+ pairs, 60+ near-duplicates and same-story pairs, both splits', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.filter((p) => p.label === 'near-duplicate').length).toBeGreaterThanOrEqual(60);
    expect(pairs.filter((p) => p.label === 'same-story').length).toBeGreaterThanOrEqual(60);
    expect(new Set(pairs.map((p) => p.split))).toEqual(new Set(['tune', 'test']));
    expect(new Set(pairs.map((p) => `${p.a}|${p.b}`)).size).toBe(pairs.length);
  });
  it('keeps ids, labels and short notes only (no article text)', () => {
    for (const p of pairs) {
      expect(p.a).toMatch(/^(snn-|AL-|BB-|CN-|FR-|SK-)/);
      expect(p.note.length).toBeLessThan(120);
    }
  });
  it('rejects unknown labels and splits with a code', () => {
    expect(() => parsePairs('a\tb\tstratum\tsplit\tlabel\tnote\nx\ty\ts\ttune\tcopy\tn')).toThrow(/ISNAD_PAIRS_LABEL/);
    expect(() => parsePairs('a\tb\tstratum\tsplit\tlabel\tnote\nx\ty\ts\tdev\tdifferent\tn')).toThrow(/ISNAD_PAIRS_SPLIT/);
    expect(() => parsePairs('a\tb\nx\ty')).toThrow(/ISNAD_PAIRS_HEADER/);
  });
});

describe('scores', () => {
  const rows = [
    { gold: 'same-text', pred: 'near-duplicate' },
    { gold: 'near-duplicate', pred: 'near-duplicate' },
    { gold: 'same-story', pred: 'different' },
    { gold: 'different', pred: 'same-story' },
  ] as const;
  it('levels nest: copy ⊂ story', () => {
    expect(atLevel('same-text', 'copy')).toBe(true);
    expect(atLevel('same-story', 'copy')).toBe(false);
    expect(atLevel('same-story', 'story')).toBe(true);
    expect(atLevel('different', 'story')).toBe(false);
  });
  it('strict and nested precision/recall', () => {
    expect(prf(rows, 'near-duplicate')).toMatchObject({ tp: 1, predicted: 2, gold: 1, p: 0.5, r: 1 });
    expect(prf(rows, 'copy')).toMatchObject({ tp: 2, predicted: 2, gold: 2, p: 1, r: 1 });
    expect(prf(rows, 'same-story')).toMatchObject({ tp: 0, predicted: 1, gold: 1 });
    expect(confusion(rows)['same-text']['near-duplicate']).toBe(1);
  });
});
