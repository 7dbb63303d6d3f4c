import { describe, expect, it } from 'vitest';
import { tokens } from '../text/index.js';
import { WordClusters, pack } from './clusters.js';
import { FeatureExtractor, FLAG, gazKeyOf, type WordInfo } from './features.js';

const fx = new FeatureExtractor({ vocab: null });
const word = (w: string, x: FeatureExtractor = fx): WordInfo => x.word(tokens(w)[0]!);
const has = (info: WordInfo, flag: number): boolean => (info.flags & (1 << flag)) !== 0;

describe('FeatureExtractor.word', () => {
  it('gives Egyptian and standard spellings the same features (السورى = السوري)', () => {
    expect(Array.from(word('السورى').own)).toEqual(Array.from(word('السوري').own));
    expect(word('فى').w).toBe(word('في').w);
  });

  it('strips clitics for the base: وحلب and حلب share the base, not the form', () => {
    const a = word('وبحلب');
    const b = word('حلب');
    expect(a.b).toBe(b.b);
    expect(a.w).not.toBe(b.w);
  });

  it('flags titles, organization and place heads, with or without clitics and article', () => {
    expect(has(word('الرئيس'), FLAG.TITLE)).toBe(true);
    expect(has(word('ووزير'), FLAG.TITLE)).toBe(true);
    expect(has(word('الشيخ'), FLAG.TITLE)).toBe(true);
    expect(has(word('وزارة'), FLAG.ORG_HEAD)).toBe(true);
    expect(has(word('لحركة'), FLAG.ORG_HEAD)).toBe(true);
    expect(has(word('مدينة'), FLAG.LOC_HEAD)).toBe(true);
    expect(has(word('بمحافظة'), FLAG.LOC_HEAD)).toBe(true);
    expect(word('الكتاب').flags).toBe(0);
  });

  it('recognizes nisba adjectives of listed places, and not the places themselves', () => {
    for (const w of ['السوري', 'السورية', 'المصري', 'الروسية', 'الأمريكيين', 'السعودي', 'الإماراتية', 'اللبنانيون']) {
      expect(has(word(w), FLAG.NISBA), w).toBe(true);
    }
    for (const w of ['سوريا', 'القاهرة', 'الكرسي', 'الوزير']) expect(has(word(w), FLAG.NISBA), w).toBe(false);
  });

  it('looks up gazetteers through clitics: بالعراق is a country, محمد a first name', () => {
    expect(has(word('بالعراق'), FLAG.COUNTRY)).toBe(true);
    expect(has(word('وسوريا'), FLAG.COUNTRY)).toBe(true);
    expect(has(word('دمشق'), FLAG.PLACE)).toBe(true);
    expect(has(word('ومحمد'), FLAG.FIRST_NAME)).toBe(true);
    expect(has(word('حماس'), FLAG.ORG)).toBe(true);
  });

  it('adds cluster features only for clustered forms', () => {
    const clusters = new WordClusters(new Map([['عمان', pack(3, 40, 700)]]));
    const x = new FeatureExtractor({ clusters, vocab: null });
    expect(word('عمان', x).own.length).toBe(word('عمان').own.length + 2);
    expect(word('عمان', x).c3).not.toBe(word('عمان').c3);
  });
});

describe('gazKeyOf', () => {
  it('keeps the article, drops conjunctions and prepositions', () => {
    const keys = tokens('وبالعراق للأمم المتحدة والسورى').map(gazKeyOf);
    expect(keys).toEqual(['العراق', 'الامم', 'المتحدة', 'السوري']);
  });
});

describe('FeatureExtractor.sentence', () => {
  const sentence = 'قال الرئيس السوري بشار الأسد في دمشق إن الأمم المتحدة لم تتحرك.';
  const toks = tokens(sentence);

  it('gives every token its features, in order, the same every time', () => {
    const f = fx.sentence(toks);
    expect(f.offsets.length).toBe(toks.length + 1);
    for (let i = 0; i < toks.length; i++) expect(f.offsets[i + 1]!).toBeGreaterThan(f.offsets[i]!);
    const g = new FeatureExtractor({ vocab: null }).sentence(toks);
    expect(Array.from(g.feats)).toEqual(Array.from(f.feats));
  });

  it('depends on the neighbours: the same word in another context has other features', () => {
    const a = fx.sentence(tokens('وصل الرئيس أمس'));
    const b = fx.sentence(tokens('غادر الرئيس أمس'));
    const at = (f: ReturnType<typeof fx.sentence>, i: number): number[] => Array.from(f.feats.subarray(f.offsets[i]!, f.offsets[i + 1]!));
    expect(at(a, 1)).not.toEqual(at(b, 1));
    // the word's own features are shared
    const own = Array.from(word('الرئيس').own);
    for (const h of own) expect(at(a, 1)).toContain(h);
    for (const h of own) expect(at(b, 1)).toContain(h);
  });

  it('marks multi-word gazetteer matches (الأمم المتحدة) on each of their tokens', () => {
    const f = fx.sentence(toks);
    const g = fx.sentence(tokens('قال الأمم إن المتحدة لم تتحرك.'));
    const feats = (x: ReturnType<typeof fx.sentence>, i: number): Set<number> => new Set(x.feats.subarray(x.offsets[i]!, x.offsets[i + 1]!));
    const iAmam = toks.findIndex((t) => t.text === 'الأمم');
    // the same word outside the phrase lacks the gazetteer feature
    const inPhrase = feats(f, iAmam);
    const alone = feats(g, 1);
    expect([...inPhrase].filter((h) => !alone.has(h)).length).toBeGreaterThan(0);
  });

  it('handles empty and one-token sentences', () => {
    expect(fx.sentence([]).offsets).toEqual(new Int32Array([0]));
    expect(fx.sentence(tokens('حلب')).offsets.length).toBe(2);
  });
});
