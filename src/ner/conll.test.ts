import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, chunks, parseConll, tokenTags, toBilou, toBio, wordLabels } from './conll.js';
import { parseScored, scoreLabels } from './score.js';
import { devBlockStart, isDevSentence, mapTag, selectSplit } from './split.js';

describe('parseConll', () => {
  it('reads word TAG lines with blank lines between sentences; a missing tag is O', () => {
    const s = parseConll('زار B-PERS\nسعيد I-PERS\n\n\nالقاهرة B-LOC\nأمس\n');
    expect(s).toEqual([
      { words: ['زار', 'سعيد'], tags: ['B-PERS', 'I-PERS'] },
      { words: ['القاهرة', 'أمس'], tags: ['B-LOC', 'O'] },
    ]);
  });
  it('takes the last field as the tag and tolerates CRLF', () => {
    expect(parseConll('. x O\r\nعمان B-LOC\r\n')).toEqual([{ words: ['.', 'عمان'], tags: ['O', 'B-LOC'] }]);
  });
});

describe('chunks', () => {
  it('reads BIO as conlleval does: an I- after O or another type starts a chunk', () => {
    expect(chunks(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'B-ORG', 'B-ORG'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'ORG' },
      { start: 6, end: 7, type: 'ORG' },
    ]);
  });
  it('reads BILOU: L- and U- end a chunk', () => {
    expect(chunks(['U-LOC', 'B-PER', 'L-PER', 'I-PER', 'O'])).toEqual([
      { start: 0, end: 1, type: 'LOC' },
      { start: 1, end: 3, type: 'PER' },
      { start: 3, end: 4, type: 'PER' },
    ]);
  });
  it('BIO → BILOU → BIO keeps the chunks (property)', () => {
    const label = fc.constantFrom('O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC');
    fc.assert(
      fc.property(fc.array(label, { maxLength: 12 }), (labels) => {
        const bilou = toBilou(labels);
        expect(chunks(bilou)).toEqual(chunks(labels));
        expect(chunks(toBio(bilou))).toEqual(chunks(labels));
      }),
    );
  });
});

describe('align, tokenTags, wordLabels', () => {
  it('splits words our way and keeps every token inside its word', () => {
    const a = align(['(د', 'ب', 'أ)', 'وزار', 'الرئيس', 'بي.', 'بي.', 'سي']);
    expect(a.tokens.map((t) => t.text)).toEqual(['(', 'د', 'ب', 'أ', ')', 'وزار', 'الرئيس', 'بي', '.', 'بي', '.', 'سي']);
    expect(Array.from(a.wordOf)).toEqual([0, 0, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7]);
    expect(Array.from(a.head)).toEqual([1, 2, 3, 5, 6, 7, 9, 11]);
  });
  it('gives a word tag to its first content token and continues the chunk over the rest', () => {
    const a = align(['زار', '–صنعاء', 'وفد', 'بي.', 'بي.', 'سي']);
    const t = tokenTags(a, ['O', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'I-ORG']);
    expect(a.tokens.map((x, i) => `${x.text}/${t[i]}`)).toEqual(['زار/O', '–/O', 'صنعاء/B-LOC', 'وفد/O', 'بي/B-ORG', './I-ORG', 'بي/I-ORG', './I-ORG', 'سي/I-ORG']);
    expect(wordLabels(a, t)).toEqual(['O', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'I-ORG']);
  });
  it('word tags survive the trip through tokens (property)', () => {
    const word = fc.constantFrom('محمد', 'وزير', '(د', 'أ)', 'بي.', '2016', 'G20', '–صنعاء', '«قال»', '.', 'الجيش', 'والسورى');
    const tag = fc.constantFrom('O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, tag), { minLength: 1, maxLength: 10 }), (pairs) => {
        const words = pairs.map((p) => p[0]);
        const tags = toBio(pairs.map((p) => p[1]));
        const a = align(words);
        expect(wordLabels(a, tokenTags(a, tags))).toEqual(tags);
      }),
    );
  });
});

describe('scoreLabels', () => {
  it('counts exact span and type matches, overall and per type', () => {
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG', 'I-ORG', 'O']];
    const pred = [['B-PER', 'I-PER', 'O', 'B-ORG'], ['B-ORG', 'O', 'O']];
    const s = scoreLabels(gold, pred);
    expect(s.overall).toMatchObject({ tp: 1, predicted: 3, gold: 3 });
    expect(s.overall.f1).toBeCloseTo(1 / 3);
    expect(s.byType.PER).toMatchObject({ tp: 1, predicted: 1, gold: 1, f1: 1 });
    expect(s.byType.LOC).toMatchObject({ tp: 0, predicted: 0, gold: 1 });
    expect(s.byType.ORG).toMatchObject({ tp: 0, predicted: 2, gold: 1 });
  });
  it('refuses sentences of different lengths', () => {
    expect(() => scoreLabels([['O']], [['O', 'O']])).toThrow(/ISNAD_NER_SCORE/);
  });
});

describe('parseScored', () => {
  it('reads word gold predicted lines, PERS as PER', () => {
    expect(parseScored('سعيد B-PERS B-PER\nقال O O\n\nعمان B-LOC O\n')).toEqual({ gold: [['B-PER', 'O'], ['B-LOC']], pred: [['B-PER', 'O'], ['O']] });
  });
  it('returns undefined for two-column (gold only) input', () => {
    expect(parseScored('سعيد B-PERS\n')).toBeUndefined();
  });
});

describe('split', () => {
  it('holds out every tenth sentence, the same every time', () => {
    const ids = Array.from({ length: 30 }, (_, i) => i);
    expect(selectSplit(ids, 'sentences')).toEqual([9, 19, 29]);
    expect(selectSplit(ids, 'train-sentences')).toHaveLength(27);
    expect(isDevSentence(3959)).toBe(true);
    expect(isDevSentence(3961)).toBe(false);
  });
  it('holds out the last 15% as one block, the rest for training', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    expect(devBlockStart(100)).toBe(85);
    expect(selectSplit(ids, 'block')).toEqual(ids.slice(85));
    expect(selectSplit(ids, 'train')).toEqual(ids.slice(0, 85));
    expect(selectSplit(ids, 'all')).toEqual(ids);
  });
  it('maps PERS to PER and leaves other tags alone', () => {
    expect(['B-PERS', 'I-PERS', 'B-LOC', 'O'].map(mapTag)).toEqual(['B-PER', 'I-PER', 'B-LOC', 'O']);
  });
});
