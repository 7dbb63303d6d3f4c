import { describe, expect, it } from 'vitest';
import { FOOTBALL, HOSPITALS, HOSPITALS_SAME } from '../../test/dedup-fixtures.js';
import { bodyKeys, bodySpans, bodyWords, dedupeSorted, hashClass, intersectionSize, jaccard, keyHash, shingleSet, titleWords } from './shingles.js';
import { ownString } from './hash.js';

describe('bodySpans', () => {
  it('drops the byline and the related-links trailer', () => {
    const spans = bodySpans(HOSPITALS_SAME);
    const text = spans.map((s) => s.text).join('\n');
    expect(text).not.toContain('كتب- سامر يوسف');
    expect(text).not.toContain('اقرأ أيضا');
    expect(text).not.toContain('ارتفاع أسعار الأدوية');
    expect(spans).toHaveLength(4);
  });
  it('falls back to all non-boilerplate blocks for a one-line brief', () => {
    expect(bodySpans('الرئيس يستقبل وفدا برلمانيا').map((s) => s.text)).toEqual(['الرئيس يستقبل وفدا برلمانيا']);
  });
});

describe('bodyWords / bodyKeys', () => {
  it('the same copy with byline, punctuation and Egyptian spelling gives the same words', () => {
    expect(Array.from(bodyWords(HOSPITALS_SAME))).toEqual(Array.from(bodyWords(HOSPITALS)));
  });
  it('light stems join clitic and suffix variants', () => {
    const keys = bodyKeys('قتل المسلحين. وقتل المسلحون. للمسلحين.');
    expect(new Set(keys.filter((k) => k.startsWith('مسلح')))).toEqual(new Set(['مسلح']));
  });
  it('numbers are words, written in any digits', () => {
    expect(bodyKeys('بلغ العدد ٢٠١٨ شخصا.')).toContain('2018');
    expect(Array.from(bodyWords('بلغ العدد ٢٠١٨ شخصا.'))).toEqual(Array.from(bodyWords('بلغ العدد 2018 شخصا.')));
  });
  it('punctuation and quotation marks are not words', () => {
    expect(bodyKeys('قال: «نعم»، وانتهى.')).toEqual(bodyKeys('قال نعم وانتهى'));
  });
  it('titleWords takes the whole title', () => {
    expect(titleWords('الصحة تفتتح ثلاثة مستشفيات')).toHaveLength(4);
  });
});

describe('keyHash classes', () => {
  it('words, weak numbers and other tokens are told apart by the top bits', () => {
    expect(hashClass(keyHash('مستشفى'))).toBe('word');
    expect(hashClass(keyHash('2018', 'number'))).toBe('weak');
    expect(hashClass(keyHash('12', 'number'))).toBe('weak');
    expect(hashClass(keyHash('1436', 'number'))).toBe('weak');
    expect(hashClass(keyHash('250', 'number'))).toBe('token');
    expect(hashClass(keyHash('cnn', 'latin'))).toBe('token');
    expect(hashClass(keyHash('x', 'latin'))).toBe('weak');
  });
});

describe('shingleSet, jaccard', () => {
  it('sorted distinct shingles; one shingle for a text shorter than w', () => {
    const w = bodyWords(HOSPITALS);
    const s = shingleSet(w, 4);
    expect(s.length).toBeLessThanOrEqual(w.length - 3);
    for (let i = 1; i < s.length; i++) expect(s[i]! > s[i - 1]!).toBe(true);
    expect(shingleSet(bodyWords('خبر قصير'), 4)).toHaveLength(1);
    expect(shingleSet(new Uint32Array(0), 4)).toHaveLength(0);
  });
  it('identical texts have Jaccard 1, unrelated ones 0', () => {
    const a = shingleSet(bodyWords(HOSPITALS), 4);
    expect(jaccard(a, shingleSet(bodyWords(HOSPITALS_SAME), 4))).toBe(1);
    expect(jaccard(a, shingleSet(bodyWords(FOOTBALL), 4))).toBe(0);
  });
  it('dedupeSorted and intersectionSize', () => {
    expect(Array.from(dedupeSorted(Uint32Array.from([1, 1, 2, 5, 5, 5, 9])))).toEqual([1, 2, 5, 9]);
    expect(intersectionSize(Uint32Array.from([1, 2, 5, 9]), Uint32Array.from([2, 3, 9, 10]))).toBe(2);
  });
});

describe('ownString', () => {
  it('keeps the value', () => {
    const big = 'ا'.repeat(1000) + 'مستشفياتالصعيدالجديدة';
    expect(ownString(big.slice(1000))).toBe('مستشفياتالصعيدالجديدة');
    expect(ownString('قصير')).toBe('قصير');
  });
});
