import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { tokens } from '../text/index.js';
import { tokenTerms } from './keys.js';
import { termTokenSpans } from './term-spans.js';

/** The reference: the token of every index term, numbering the terms of the whole analysis. */
function reference(text: string): number[] {
  const out: number[] = [];
  for (const t of tokens(text)) for (const _ of tokenTerms(t)) out.push(t.start, t.end);
  return out;
}

const PIECES = [
  'والمسلحين', 'للحكومة', 'بيانه', 'السورى', 'فى', 'و', 'ء', 'ءامن', 'مسؤول', 'مسئول', 'حكومته', 'مستواه', 'كَتَبَ', 'بـ', 'الـ', 'ـــ',
  'بي.بي.سي', 'العربية.نت', 'G20', "don't", 'U.S.', '1,000', '8.5', '٢٠١٦', '10:30', '12/5/2018', '4G', '#مجلس_الأعمال', '#', '@isnad', '@',
  'أيضاً', 'شدّة', 'الـ', 'بـ2015', 'ـالعرب', 'ً', 'مً', 'اٰ', 'بٔ', 'سؤال\u0654', 'ا\u0654', 'و\u0654', 'لا\u0653', 'ي\u0655', 'حَلَب،', '«قالَ»',
  '2015', '(2015)', '50%', '2015.', '1' + '0'.repeat(120), '٢٠١٥', 'ب2015', '2015ب', '2015-2016', '$100',
  'https://example.com/a?b=1', 'www.example.org', 'a.b@example.com', '،', '.', '..', ':', '؛', '!', '؟', '«', '»', '"', "'", '(', ')', '-', '—', '_', '%',
  '\u200C', '\u200D', '\u200F', '😀', '👍🏽', 'پ', 'ک', 'ی', 'ﻻ', 'ﷲ', 'ﷺ', '\u064B', 'ا'.repeat(101), 'ب'.repeat(100), 'x'.repeat(120),
];
const SEPARATORS = ['', ' ', ' ', '  ', '\n', '\t', '\u00A0', '\u2009'];

const textArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('termTokenSpans', () => {
  it('places every index term in the token the whole analysis gives it', () => {
    fc.assert(
      fc.property(fc.oneof(textArb, arabicish()), (text) => {
        const expected = reference(text);
        const count = expected.length / 2;
        const all = Array.from({ length: count + 2 }, (_, i) => i);
        expect(Array.from(termTokenSpans(text, all))).toEqual([...expected, -1, -1, -1, -1]);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers for a few positions only', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(60)), (text, raw) => {
        const expected = reference(text);
        const positions = [...new Set(raw)].sort((a, b) => a - b);
        const got = termTokenSpans(text, positions);
        positions.forEach((p, k) => {
          expect([got[2 * k], got[2 * k + 1]]).toEqual(2 * p < expected.length ? [expected[2 * p], expected[2 * p + 1]] : [-1, -1]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reads a plain news sentence without the tokenizer and still gives exact slices', () => {
    const text = 'قال الرئيس السورى، فى بيان: «الوضع مستقر» (مصادر).';
    const spans = termTokenSpans(text, [0, 1, 2, 3, 4, 5, 6, 7]);
    const words = [];
    for (let k = 0; k < 8; k++) words.push(text.slice(spans[2 * k], spans[2 * k + 1]));
    expect(words).toEqual(['قال', 'الرئيس', 'السورى', 'فى', 'بيان', 'الوضع', 'مستقر', 'مصادر']);
  });
});
