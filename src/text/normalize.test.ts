import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { LEVELS, normalize, normalizeWithOffsets, type Level } from './normalize.js';

describe('normalize', () => {
  const cases: Array<[string, Level, string, string]> = [
    ['harakat, shadda, sukun and tanwin are removed at bare', 'bare', 'كَتَبَ مُحَمَّدٌ رِسَالَةً', 'كتب محمد رسالة'],
    ['superscript alef is removed at bare', 'bare', 'هٰذا', 'هذا'],
    ['vowels are kept at display', 'display', 'كَتَبَ', 'كَتَبَ'],
    ['tatweel is removed', 'display', 'بـالـتـأكـيـد', 'بالتأكيد'],
    ['alef variants become bare alef at match', 'match', 'أحمد إبراهيم آمال ٱلله', 'احمد ابراهيم امال الله'],
    ['alef variants are kept at bare', 'bare', 'أحمد إبراهيم', 'أحمد إبراهيم'],
    ['Egyptian alef maksura: فى → في at match', 'match', 'فى الجيش السورى الذى', 'في الجيش السوري الذي'],
    ['alef maksura is kept at display', 'display', 'فى', 'فى'],
    ['ta marbuta becomes ha at key only', 'key', 'الحكومة السورية', 'الحكومه السوريه'],
    ['ta marbuta is kept at match', 'match', 'الحكومة', 'الحكومة'],
    ['hamza seats merge at key: مسؤول = مسئول', 'key', 'مسؤول مسئول', 'مسءول مسءول'],
    ['Arabic-Indic digits', 'match', 'عام ٢٠١٦', 'عام 2016'],
    ['Persian digits', 'match', '۱۲۳۴۵', '12345'],
    ['Arabic decimal and thousands separators', 'match', '٨٫٥ و١٬٠٠٠ و٥٪', '8.5 و1,000 و5%'],
    ['Persian keheh and farsi yeh', 'display', 'کرامی', 'كرامي'],
    ['lam-alef ligature expands', 'display', 'ﻻ ﻷ ﻹ ﻵ', 'لا لأ لإ لآ'],
    ['presentation forms become letters', 'display', 'ﺍﻟﺴﻼﻡ', 'السلام'],
    ['allah ligature', 'display', 'ﷲ', 'الله'],
    ['zero-width and bidi marks are removed', 'display', 'قال\u200F \u200Eالوزير\u200C\u200D', 'قال الوزير'],
    ['odd spaces become plain spaces', 'display', 'قال\u00A0الوزير\u2009أمس', 'قال الوزير أمس'],
    ['combining hamza composes with its letter', 'display', 'ا\u0654حمد', 'أحمد'],
    ['Latin is lower-cased at key', 'key', 'CNN BBC', 'cnn bbc'],
    ['mixed Latin is kept at match', 'match', 'موقع CNN بالعربية', 'موقع CNN بالعربية'],
    ['full-width Latin becomes ASCII', 'display', 'ＣＮＮ', 'CNN'],
  ];
  for (const [name, level, input, expected] of cases) {
    it(name, () => expect(normalize(input, level)).toBe(expected));
  }

  it('returns the same string when nothing changes', () => {
    const s = 'قال الوزير';
    expect(normalize(s, 'match')).toBe(s);
  });

  it('is idempotent at every level (property)', () => {
    fc.assert(
      fc.property(arabicish(), fc.constantFrom(...LEVELS), (s, level) => {
        const once = normalize(s, level);
        expect(normalize(once, level)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('levels nest: normalizing at a lower level first changes nothing (property)', () => {
    fc.assert(
      fc.property(arabicish(), (s) => {
        for (let a = 0; a < LEVELS.length; a++) {
          for (let b = a; b < LEVELS.length; b++) {
            expect(normalize(normalize(s, LEVELS[a]!), LEVELS[b]!)).toBe(normalize(s, LEVELS[b]!));
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary Unicode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(...LEVELS), (s, level) => {
        normalize(s, level);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeWithOffsets', () => {
  it('maps a vowelled word back to the whole original word, last vowel included', () => {
    const s = 'قال كَتَبَ';
    const { text, offsets } = normalizeWithOffsets(s, 'bare');
    expect(text).toBe('قال كتب');
    //  original  ق ا ل _ ك َ ت َ ب َ
    //  index     0 1 2 3 4 5 6 7 8 9
    expect(offsets.toOriginal(4, 7)).toEqual([4, 10]);
    expect(s.slice(...offsets.toOriginal(4, 7))).toBe('كَتَبَ');
  });

  it('maps both letters of an expanded ligature to the ligature', () => {
    const s = 'ﻻ شيء';
    const { text, offsets } = normalizeWithOffsets(s, 'display');
    expect(text).toBe('لا شيء');
    expect(offsets.toOriginal(0, 1)).toEqual([0, 1]);
    expect(offsets.toOriginal(0, 2)).toEqual([0, 1]);
    expect(offsets.toOriginal(3, 6)).toEqual([2, 5]);
  });

  it('is the identity map when nothing changes', () => {
    const { offsets } = normalizeWithOffsets('قال', 'match');
    expect(offsets.isIdentity).toBe(true);
    expect(offsets.toOriginal(1, 2)).toEqual([1, 2]);
  });

  it('keeps offsets in range and monotonic, and spans round-trip (property)', () => {
    fc.assert(
      fc.property(arabicish(), fc.constantFrom(...LEVELS), (s, level) => {
        const { text, offsets } = normalizeWithOffsets(s, level);
        expect(text).toBe(normalize(s, level));
        let prevStart = 0;
        let prevEnd = 0;
        for (let i = 0; i < text.length; i++) {
          const [a, b] = offsets.toOriginal(i, i + 1);
          expect(a).toBeGreaterThanOrEqual(prevStart);
          expect(b).toBeGreaterThanOrEqual(prevEnd);
          expect(a).toBeLessThan(b);
          expect(b).toBeLessThanOrEqual(s.length);
          // the normalized character comes from that original slice
          expect(normalize(s.slice(a, b), level)).toContain(text[i]);
          prevStart = a;
          prevEnd = b;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

