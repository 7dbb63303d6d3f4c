import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { groupMentions, mentionKey, mentionSpan, trimFunctionWords } from './mentions.js';

/** The mention text of the words at [from, to) of `text`. */
function spanText(text: string, from: number, to: number): string | undefined {
  const toks = tokens(text);
  const s = mentionSpan(text, toks, from, to);
  return s && text.slice(s.start, s.end);
}

describe('mentionSpan', () => {
  it('drops a conjunction or preposition but keeps the article', () => {
    expect(spanText('وحلب', 0, 1)).toBe('حلب');
    expect(spanText('بدمشق', 0, 1)).toBe('دمشق');
    expect(spanText('والجيش السورى', 0, 2)).toBe('الجيش السورى');
    expect(spanText('بالعراق', 0, 1)).toBe('العراق');
  });
  it('cannot keep an article merged with ل (للأمم): the span starts at the base', () => {
    expect(spanText('للأمم المتحدة', 0, 2)).toBe('أمم المتحدة');
  });
  it('keeps vowels and tatweel inside the span', () => {
    expect(spanText('وَالْجَيْشُ', 0, 1)).toBe('الْجَيْشُ');
  });
  it('drops punctuation and quotes at the edges, and a pronoun enclitic at the end', () => {
    expect(spanText('« حلب »', 0, 3)).toBe('حلب');
    expect(spanText('بي. بي. سي', 0, 5)).toBe('بي. بي. سي');
    expect(spanText('، .', 0, 2)).toBeUndefined();
  });
});

describe('trimFunctionWords', () => {
  it('drops function words standing alone at the edges, not names holding them', () => {
    const t = tokens('الرئيس السبسي و رئيس الحكومة');
    expect(trimFunctionWords(t, 1, 3)).toEqual([1, 2]);
    const u = tokens('في حلب وإدلب');
    expect(trimFunctionWords(u, 0, 3)).toEqual([1, 3]);
    const v = tokens('من من');
    expect(trimFunctionWords(v, 0, 2)).toEqual([2, 2]);
    const w = tokens('الجوهرة أف أم');
    expect(trimFunctionWords(w, 0, 3)).toEqual([0, 3]);
  });
});

describe('mentionKey', () => {
  const key = (s: string): string => mentionKey(tokens(s));
  it('is the same for spelling variants and clitics', () => {
    expect(key('الجيش السورى')).toBe('جيش سوري');
    expect(key('الجيش السوري')).toBe(key('الجيش السورى'));
    expect(key('وللجيش السوري')).toBe(key('الجيش السوري'));
    expect(key('الحكومة السورية')).toBe(key('الحكومه السوريه'));
    expect(key('المسؤول')).toBe(key('المسئول'));
    expect(key('الباجي قائد السبسي')).toBe(key('الباجي قايد السبسي'));
    expect(key('سورية')).toBe(key('سوريا'));
    expect(key('تركية')).toBe(key('تركيا'));
    // a final hamza and short words stay as they are
    expect(key('العلماء')).toBe('علماء');
    expect(key('قرية')).toBe('قريه');
    expect(key('وزارة الداخلية')).toBe('وزاره داخليه');
  });
  it('leaves a generic head out before a bare name, not before a definite phrase', () => {
    expect(key('تنظيم داعش')).toBe(key('داعش'));
    expect(key('وحركة حماس')).toBe('حماس');
    expect(key('حركة المقاومة الإسلامية')).toBe('حركه مقاومه اسلاميه');
  });
  it('drops punctuation and lower-cases Latin', () => {
    expect(key('بي. بي. سي')).toBe('بي بي سي');
    expect(key('CNN')).toBe('cnn');
  });
});

describe('groupMentions', () => {
  const group = (ms: Array<[string, string]>): string[] => groupMentions(ms.map(([type, key]) => ({ type, key }))).ids;

  it('gives equal keys of one type one id, in order of first mention', () => {
    expect(group([['ORG', 'جيش سوري'], ['LOC', 'حلب'], ['ORG', 'جيش سوري'], ['LOC', 'حلب']])).toEqual(['e1', 'e2', 'e1', 'e2']);
  });
  it('keeps one key of two types apart', () => {
    expect(group([['LOC', 'قطر'], ['ORG', 'قطر']])).toEqual(['e1', 'e2']);
  });
  it('joins a surname (or first name) to the one full name holding it, either order', () => {
    expect(group([['PER', 'سامي نور'], ['PER', 'نور']])).toEqual(['e1', 'e1']);
    expect(group([['PER', 'نور'], ['PER', 'سامي نور']])).toEqual(['e1', 'e1']);
    expect(group([['PER', 'سامي نور'], ['PER', 'سامي']])).toEqual(['e1', 'e1']);
  });
  it('does not join a surname two full names share', () => {
    expect(group([['PER', 'سامي نور'], ['PER', 'هدي نور'], ['PER', 'نور']])).toEqual(['e1', 'e2', 'e3']);
  });
  it('joins a short form of an organization, but never a part of a place', () => {
    expect(group([['ORG', 'مرصد سوري حقوق انسان'], ['ORG', 'مرصد سوري']])).toEqual(['e1', 'e1']);
    expect(group([['LOC', 'شرق حلب'], ['LOC', 'حلب']])).toEqual(['e1', 'e2']);
  });
  it('gives every mention its entity’s longest key', () => {
    const g = groupMentions([
      { type: 'PER', key: 'نور' },
      { type: 'PER', key: 'سامي نور' },
    ]);
    expect(g.keys).toEqual(['سامي نور', 'سامي نور']);
  });
});
