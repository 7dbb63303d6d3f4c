import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { tokenize } from './tokenize.js';

const kinds = (s: string): Array<[string, string]> => tokenize(s).map((t) => [s.slice(t.start, t.end), t.kind]);

describe('tokenize', () => {
  it('splits Arabic words and punctuation', () => {
    expect(kinds('قال الوزير، إن الوضع خطير؛ أليس كذلك؟')).toEqual([
      ['قال', 'word'], ['الوزير', 'word'], ['،', 'punct'], ['إن', 'word'], ['الوضع', 'word'], ['خطير', 'word'], ['؛', 'punct'],
      ['أليس', 'word'], ['كذلك', 'word'], ['؟', 'punct'],
    ]);
  });
  it('keeps vowels, shadda and tatweel inside the word', () => {
    expect(kinds('كَتَبَ مُحَمَّدٌ بـالـتأكيد')).toEqual([['كَتَبَ', 'word'], ['مُحَمَّدٌ', 'word'], ['بـالـتأكيد', 'word']]);
  });
  it('numbers: integers, decimals, thousands, Arabic-Indic digits', () => {
    expect(kinds('8 و8.5 و1,000 و٢٠١٦ و٨٫٥')).toEqual([
      ['8', 'number'], ['و', 'word'], ['8.5', 'number'], ['و', 'word'], ['1,000', 'number'], ['و', 'word'], ['٢٠١٦', 'number'], ['و', 'word'], ['٨٫٥', 'number'],
    ]);
  });
  it('a comma after a number that is not a thousands separator is punctuation', () => {
    expect(kinds('عام 2016, ثم 12,5')).toEqual([['عام', 'word'], ['2016', 'number'], [',', 'punct'], ['ثم', 'word'], ['12', 'number'], [',', 'punct'], ['5', 'number']]);
  });
  it('a sentence-final dot after a number is punctuation', () => {
    expect(kinds('عام 2016.')).toEqual([['عام', 'word'], ['2016', 'number'], ['.', 'punct']]);
  });
  it('times and dates stay whole', () => {
    expect(kinds('الساعة 10:30 يوم 12/5/2018')).toEqual([['الساعة', 'word'], ['10:30', 'number'], ['يوم', 'word'], ['12/5/2018', 'number']]);
  });
  it('a prefix glued to a number splits from it (بـ5.1، الـ32)', () => {
    expect(kinds('بـ5.1 الـ32')).toEqual([['بـ', 'word'], ['5.1', 'number'], ['الـ', 'word'], ['32', 'number']]);
  });
  it('ellipses and runs of ?! are one token', () => {
    expect(kinds('بسرعة.. وهذه… هل؟! نعم...')).toEqual([
      ['بسرعة', 'word'], ['..', 'punct'], ['وهذه', 'word'], ['…', 'punct'], ['هل', 'word'], ['؟!', 'punct'], ['نعم', 'word'], ['...', 'punct'],
    ]);
  });
  it('every kind of quotation mark is its own token', () => {
    const s = '"أ" “ب” «ج» \'د\' ‘هـ’';
    expect(tokenize(s).filter((t) => t.kind === 'quote').map((t) => s.slice(t.start, t.end))).toEqual(['"', '"', '“', '”', '«', '»', "'", "'", '‘', '’']);
  });
  it('an opening quote glued to a prefix: بـ"المعارضة"', () => {
    expect(kinds('بـ"المعارضة"')).toEqual([['بـ', 'word'], ['"', 'quote'], ['المعارضة', 'word'], ['"', 'quote']]);
  });
  it('URLs, emails, hashtags and mentions', () => {
    expect(kinds('زوروا https://example.com/ar/news?id=5، أو www.example.org. راسلونا info@example.com #مجلس_الأعمال @isnad_news')).toEqual([
      ['زوروا', 'word'], ['https://example.com/ar/news?id=5', 'url'], ['،', 'punct'], ['أو', 'word'], ['www.example.org', 'url'], ['.', 'punct'],
      ['راسلونا', 'word'], ['info@example.com', 'email'], ['#مجلس_الأعمال', 'hashtag'], ['@isnad_news', 'mention'],
    ]);
  });
  it('Latin words, with digits and inner apostrophes; Latin abbreviations', () => {
    expect(kinds('قمة G20 في U.S. وقال don\'t بشبكة CNN')).toEqual([
      ['قمة', 'word'], ['G20', 'latin'], ['في', 'word'], ['U.S.', 'latin'], ['وقال', 'word'], ["don't", 'latin'], ['بشبكة', 'word'], ['CNN', 'latin'],
    ]);
  });
  it('dotted Arabic abbreviations and domains stay whole', () => {
    expect(kinds('قناة بي.بي.سي وموقع العربية.نت')).toEqual([['قناة', 'word'], ['بي.بي.سي', 'word'], ['وموقع', 'word'], ['العربية.نت', 'word']]);
  });
  it('a missing space after a sentence dot still splits', () => {
    expect(kinds('انتهى الاجتماع.وقال')).toEqual([['انتهى', 'word'], ['الاجتماع', 'word'], ['.', 'punct'], ['وقال', 'word']]);
  });
  it('bidi and zero-width marks between words are not tokens; a joiner inside a word stays', () => {
    const s = 'قال\u200F الوزير\u200E م\u200Cن';
    expect(kinds(s)).toEqual([['قال', 'word'], ['الوزير', 'word'], ['م\u200Cن', 'word']]);
  });
  it('separator lines of repeated dashes are one token', () => {
    expect(kinds('-------- ***')).toEqual([['--------', 'punct'], ['***', 'punct']]);
  });
  it('emoji are symbols', () => {
    expect(kinds('رائع 👍🏽')).toEqual([['رائع', 'word'], ['👍🏽', 'symbol']]);
  });

  it('tokens are non-empty, ordered, non-overlapping slices, with no blank inside a non-URL token (property)', () => {
    fc.assert(
      fc.property(fc.oneof(arabicish(), fc.string({ unit: 'binary' })), (s) => {
        let prev = 0;
        for (const t of tokenize(s)) {
          expect(t.start).toBeGreaterThanOrEqual(prev);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(s.length);
          expect(/[\s]/u.test(s.slice(t.start, t.end))).toBe(false);
          prev = t.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('every visible character belongs to a token (property)', () => {
    fc.assert(
      fc.property(arabicish(), (s) => {
        const covered = new Uint8Array(s.length);
        for (const t of tokenize(s)) covered.fill(1, t.start, t.end);
        for (let i = 0; i < s.length; i++) {
          if (!covered[i]) expect(/[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/u.test(s[i]!)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
