import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { tokens } from '../text/index.js';
import { queryTerms, tokenTerms } from './keys.js';
import { findMatches, snippet, snippetAt } from './snippets.js';

const TEXT = 'قال المتحدث العسكرى إن المسلحين انسحبوا من ريف حلب، وأضاف أن الجيش السوري سيطر على القرى. وقال مسؤول: "المسلحون خرجوا".';

describe('findMatches', () => {
  it('finds every form of a word by its key, as whole tokens', () => {
    const hits = findMatches(TEXT, [queryTerms('والمسلحين')]);
    expect(hits.map((h) => TEXT.slice(h.start, h.end))).toEqual(['المسلحين', 'المسلحون']);
  });

  it('finds a phrase only where its words follow each other', () => {
    const hits = findMatches(TEXT, [queryTerms('الجيش السورى')]);
    expect(hits.map((h) => TEXT.slice(h.start, h.end))).toEqual(['الجيش السوري']);
    expect(findMatches(TEXT, [queryTerms('السوري الجيش')])).toEqual([]);
  });
});

describe('snippet', () => {
  it('cuts a passage around the matches, at token boundaries', () => {
    const sn = snippet(TEXT, [queryTerms('حلب')], { size: 40 });
    expect(TEXT.slice(sn.start, sn.end)).toBe(sn.text);
    expect(sn.highlights.map((h) => h.text)).toEqual(['حلب']);
    expect(sn.text.length).toBeLessThanOrEqual(60);
    expect(/\s/.test(TEXT[sn.start - 1] ?? ' ')).toBe(true); // starts at a word
  });

  it('prefers the window with the most distinct phrases', () => {
    const text = 'حلب '.repeat(50) + 'نص '.repeat(40) + 'حلب دمشق';
    const sn = snippet(text, [queryTerms('حلب'), queryTerms('دمشق')], { size: 60 });
    expect(sn.highlights.map((h) => h.text)).toContain('دمشق');
  });

  it('without matches, starts at the beginning', () => {
    const sn = snippet(TEXT, [], { size: 30 });
    expect(sn.start).toBe(0);
    expect(sn.highlights).toEqual([]);
  });

  it('every highlight is an exact slice of the text, inside the passage, in order (property)', () => {
    const words = ['حلب', 'السورى', 'والمسلحين', 'قال', 'G20', '"الجيش السوري"'];
    fc.assert(
      fc.property(arabicish(), fc.array(fc.constantFrom(...words), { maxLength: 6 }), arabicish(), fc.integer({ min: 20, max: 300 }), (a, inserted, b, size) => {
        const text = a + ' ' + inserted.join(' ') + ' ' + b;
        const phrases = words.map((w) => queryTerms(w.replace(/"/g, '')));
        const sn = snippet(text, phrases, { size });
        expect(text.slice(sn.start, sn.end)).toBe(sn.text);
        let last = sn.start;
        for (const h of sn.highlights) {
          expect(text.slice(h.start, h.end)).toBe(h.text);
          expect(h.start).toBeGreaterThanOrEqual(last);
          expect(h.end).toBeLessThanOrEqual(sn.end);
          expect(h.end).toBeGreaterThan(h.start);
          last = h.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('snippetAt', () => {
  const WORDS = ['المسلحين', 'والمسلحين', 'السورى', 'السوري', 'الجيش', 'حلب،', '«الوضع', 'مستقر»', 'G20', '2018', 'قال:', 'بي.بي.سي', 'و', 'كَتَبَ', 'في', 'فى'];
  const textArb = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '\n', ' - ', '', '، ')), { minLength: 1, maxLength: 60 }).map((a) => a.map(([w, s]) => w + s).join(''));

  it('cuts the snippet that analysis cuts, from the index positions of the matches', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 20, max: 120 }), (text, words, size) => {
        const phrases = words.map((w) => queryTerms(w.join(' '))).filter((p) => p.length > 0);
        const seq = tokens(text).flatMap(tokenTerms);
        // the positions an index of this text holds for each phrase
        const at = phrases.map((ph) => {
          const starts: number[] = [];
          for (let p = 0; p + ph.length <= seq.length; p++) if (ph.every((t, k) => seq[p + k] === t)) starts.push(p);
          return { starts, length: ph.length };
        });
        expect(snippetAt(text, at, { size })).toEqual(snippet(text, phrases, { size }));
      }),
      { numRuns: 400 },
    );
  });
});
