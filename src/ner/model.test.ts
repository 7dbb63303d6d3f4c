import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { WordClusters } from './clusters.js';
import { parseConll } from './conll.js';
import { rng } from './hash.js';
import { allowedTransition, MODEL_VERSION, NerModel, NerModelError, viterbi, type ModelParameters } from './model.js';
import { evaluate, labelSet, train } from './perceptron.js';

/** Score of a label path, and the best path by trying them all (the slow reference). */
function pathScore(path: number[], emit: number[], L: number, trans: number[], start: number[], end: number[]): number {
  let s = start[path[0]!]! + end[path[path.length - 1]!]!;
  path.forEach((y, i) => {
    s += emit[i * L + y]!;
    if (i > 0) s += trans[path[i - 1]! * L + y]!;
  });
  return s;
}

function bruteForce(emit: number[], n: number, L: number, trans: number[], start: number[], end: number[]): number {
  let best = -Infinity;
  const path = new Array<number>(n).fill(0);
  const visit = (i: number): void => {
    if (i === n) {
      best = Math.max(best, pathScore(path, emit, L, trans, start, end));
      return;
    }
    for (let y = 0; y < L; y++) {
      path[i] = y;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

describe('viterbi', () => {
  it('finds a path as good as the best of all paths (property, against brute force)', () => {
    const problem = fc
      .record({ n: fc.integer({ min: 1, max: 6 }), L: fc.integer({ min: 1, max: 4 }) })
      .chain(({ n, L }) =>
        fc.record({
          n: fc.constant(n),
          L: fc.constant(L),
          emit: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n * L, maxLength: n * L }),
          trans: fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(-1e30)), { minLength: L * L, maxLength: L * L }),
          start: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: L, maxLength: L }),
          end: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: L, maxLength: L }),
        }),
      );
    fc.assert(
      fc.property(problem, ({ n, L, emit, trans, start, end }) => {
        const path = Array.from(viterbi(emit, n, L, trans, start, end));
        expect(path).toHaveLength(n);
        expect(path.every((y) => y >= 0 && y < L)).toBe(true);
        expect(pathScore(path, emit, L, trans, start, end)).toBe(bruteForce(emit, n, L, trans, start, end));
      }),
      { numRuns: 500 },
    );
  });

  it('returns an empty path for an empty sentence', () => {
    expect(viterbi([], 0, 3, new Array(9).fill(0), [0, 0, 0], [0, 0, 0])).toEqual(new Int32Array(0));
  });
});

describe('allowedTransition', () => {
  it('BIO: I-X continues B-X or I-X only', () => {
    expect(allowedTransition('B-PER', 'I-PER')).toBe(true);
    expect(allowedTransition('I-PER', 'I-PER')).toBe(true);
    expect(allowedTransition('O', 'I-PER')).toBe(false);
    expect(allowedTransition('B-LOC', 'I-PER')).toBe(false);
    expect(allowedTransition(undefined, 'I-PER')).toBe(false);
    expect(allowedTransition('B-PER', undefined)).toBe(true);
    expect(allowedTransition('B-PER', 'O')).toBe(true);
  });
  it('BILOU: B-X and I-X must be continued, L-X and U-X end', () => {
    expect(allowedTransition('B-PER', 'L-PER', true)).toBe(true);
    expect(allowedTransition('B-PER', 'O', true)).toBe(false);
    expect(allowedTransition('I-PER', undefined, true)).toBe(false);
    expect(allowedTransition('L-PER', 'I-PER', true)).toBe(false);
    expect(allowedTransition('U-LOC', 'B-PER', true)).toBe(true);
    expect(allowedTransition(undefined, 'L-LOC', true)).toBe(false);
  });
});

/** A small random model over the labels of `scheme`, deterministic. */
function randomModel(rows: number, scheme: 'bio' | 'bilou' = 'bio'): ModelParameters {
  const next = rng(7);
  const labels = labelSet(scheme);
  const L = labels.length;
  const keys = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = Math.floor(next() * 2 ** 32);
  keys.sort();
  return {
    labels,
    keys,
    weights: Float32Array.from({ length: rows * L }, () => next() * 4 - 2),
    trans: Float32Array.from({ length: L * L }, () => next() - 0.5),
    start: Float32Array.from({ length: L }, () => next() - 0.5),
    end: Float32Array.from({ length: L }, () => next() - 0.5),
    clustersDigest: 'abc',
  };
}

describe('NerModel serialization', () => {
  const sentence = tokens('قال الرئيس السوري بشار الأسد في دمشق إن الأمم المتحدة لم تتحرك.');

  it('round-trips: the model read back has the same labels, rows and predictions', () => {
    // a model whose rows are the features of this very sentence, so every score matters
    const f = new NerModel(randomModel(1), WordClusters.empty).extractor.sentence(sentence);
    const params = randomModel(0);
    params.keys = Uint32Array.from(new Set(f.feats)).sort();
    const next = rng(11);
    params.weights = Float32Array.from({ length: params.keys.length * params.labels.length }, () => next() * 2 - 1);
    const model = new NerModel(params);
    const bytes = model.toBytes();
    const back = NerModel.fromBytes(bytes, WordClusters.empty, 'abc');
    expect(back.labels).toEqual(model.labels);
    expect(back.rows).toBe(model.rows);
    expect(back.header.clusters).toBe('abc');
    expect(back.tagNames(sentence)).toEqual(model.tagNames(sentence));
    // emissions agree within the int16 quantization step
    const e1 = model.emissions(f);
    const e2 = back.emissions(f);
    for (let i = 0; i < e1.length; i++) expect(Math.abs(e1[i]! - e2[i]!)).toBeLessThan(0.01);
    // and writing it again gives the same bytes
    expect(Buffer.from(back.toBytes()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('decodes only label sequences its scheme allows', () => {
    for (const scheme of ['bio', 'bilou'] as const) {
      const m = new NerModel(randomModel(50, scheme));
      const labels = m.tagNames(sentence);
      for (let i = 0; i <= labels.length; i++) expect(allowedTransition(labels[i - 1], labels[i], scheme === 'bilou')).toBe(true);
    }
  });

  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      return e instanceof NerModelError ? e.code : 'other';
    }
    return undefined;
  };

  it('refuses what it cannot read, with a code', () => {
    const bytes = new NerModel(randomModel(10)).toBytes();
    expect(code(() => NerModel.fromBytes(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])))).toBe('ISNAD_NER_MODEL_FORMAT');
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(8, MODEL_VERSION + 1, true);
    expect(code(() => NerModel.fromBytes(future))).toBe('ISNAD_NER_MODEL_VERSION');
    expect(() => NerModel.fromBytes(future)).toThrow(/version 2 is not supported; this isnad reads version 1/);
    expect(code(() => NerModel.fromBytes(bytes.subarray(0, bytes.length - 4)))).toBe('ISNAD_NER_MODEL_CORRUPT');
    expect(code(() => NerModel.fromBytes(bytes, WordClusters.empty, 'other-digest'))).toBe('ISNAD_NER_CLUSTERS_MISMATCH');
    expect(code(() => NerModel.fromBytes(bytes, WordClusters.empty, 'abc'))).toBeUndefined();
  });
});

describe('train (averaged perceptron)', () => {
  // a tiny corpus of our own sentences
  const corpus = parseConll(
    [
      'قال O\nالرئيس O\nسامي B-PERS\nنور I-PERS\nفي O\nطرابلس B-LOC\n. O',
      'زار O\nسامي B-PERS\nنور I-PERS\nمدينة O\nصفاقس B-LOC\nأمس O\n. O',
      'أعلنت O\nشركة O\nنفطكو B-ORG\nأرباحها O\nفي O\nطرابلس B-LOC\n. O',
      'وصل O\nالوزير O\nكريم B-PERS\nعادل I-PERS\nإلى O\nصفاقس B-LOC\n. O',
    ].join('\n\n'),
  );
  const options = { epochs: 8, scheme: 'bio' as const, clusters: WordClusters.empty, clustersDigest: '' };

  it('learns its training sentences', () => {
    const model = new NerModel(train(corpus, options));
    expect(evaluate(model, corpus).overall.f1).toBe(1);
  });

  it('is deterministic: the same data give the same bytes', () => {
    const a = new NerModel(train(corpus, options)).toBytes();
    const b = new NerModel(train(corpus, options)).toBytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('trains BILOU models as well', () => {
    const model = new NerModel(train(corpus, { ...options, scheme: 'bilou' }));
    expect(model.labels).toContain('U-LOC');
    expect(evaluate(model, corpus).overall.f1).toBe(1);
  });
});
