import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { MAX_OCCURRENCES, MAX_TERMS, capTerms, indexKeys, nameTerms, outletKey, queryTerms, termsOf, tokenTerms } from './keys.js';
import { arabicish } from '../../test/arbitraries.js';

describe('termsOf', () => {
  it('cuts keys into runs of letters or of ASCII digits, lower-cased', () => {
    expect(termsOf('g20')).toEqual(['g', '20']);
    expect(termsOf('1,000')).toEqual(['1', '000']);
    expect(termsOf('بي.بي.س')).toEqual(['بي', 'بي', 'س']);
    expect(termsOf('U.S.')).toEqual(['u', 's']);
    expect(termsOf('سور')).toEqual(['سور']);
  });

  it('gives only terms both engines split the same way (property)', () => {
    fc.assert(
      fc.property(arabicish(), (s) => {
        for (const t of termsOf(s)) expect(t).toMatch(/^(?:\p{L}+|[0-9]+)$/u);
      }),
    );
  });
});

describe('tokenTerms and queryTerms', () => {
  it('key words by their light stem: variants and clitics meet', () => {
    expect(queryTerms('السورى')).toEqual(queryTerms('السوري'));
    expect(queryTerms('والمسلحين')).toEqual(queryTerms('المسلحين'));
    expect(queryTerms('مسؤول')).toEqual(queryTerms('مسئول'));
  });

  it('leave out punctuation, URLs and e-mail addresses; split hashtags', () => {
    expect(queryTerms('، . " https://example.org a@b.com')).toEqual([]);
    expect(tokens('#مجلس_الأعمال').flatMap(tokenTerms)).toEqual(['مجلس', 'اعمال']);
  });
});

describe('indexKeys and capTerms', () => {
  it('joins the terms of a text in order', () => {
    const { keys, count } = indexKeys(tokens('قال الوزير السورى، إن المسلحين انسحبوا.'));
    expect(keys.split(' ')).toEqual(queryTerms('قال الوزير السورى، إن المسلحين انسحبوا.'));
    expect(count).toBe(keys.split(' ').length);
  });

  it('keeps at most MAX_OCCURRENCES of a term and MAX_TERMS in all', () => {
    const many = capTerms(Array.from({ length: 700 }, (_, i) => (i % 2 ? 'حلب' : 'سور')));
    expect(many.keys.split(' ').filter((t) => t === 'حلب')).toHaveLength(MAX_OCCURRENCES);
    const long = capTerms(Array.from({ length: MAX_TERMS + 50 }, (_, i) => `t${i}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)));
    expect(long.count).toBe(MAX_TERMS);
    expect(capTerms([]).keys).toBe('');
  });
});

describe('names and outlets', () => {
  it('key names like entity mentions: no clitics or article, not stemmed', () => {
    expect(nameTerms('الجيش السورى')).toEqual(['جيش', 'سوري']);
    expect(nameTerms('لافروف')).toEqual(['لافروف']);
  });

  it('compare outlets without case, spaces or punctuation', () => {
    expect(outletKey('Jawhara FM')).toBe('jawharafm');
    expect(outletKey('BBC')).toBe(outletKey('bbc'));
    expect(outletKey('الأهرام اليوم')).toBe('الاهراماليوم');
  });
});
