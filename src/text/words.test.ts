import { describe, expect, it } from 'vitest';
import { analyzeClitics } from './clitics.js';
import { lightStem } from './stem.js';
import { tokens } from './words.js';

const word = (s: string) => tokens(s)[0]!;

describe('clitic analysis (with the shipped vocabulary)', () => {
  const cases: Array<[string, string[], string, string]> = [
    // word, proclitics, base, enclitic
    ['وقال', ['و'], 'قال', ''],
    ['وأضاف', ['و'], 'أضاف', ''],
    ['فأكد', ['ف'], 'أكد', ''],
    ['والمسلحين', ['و', 'ال'], 'مسلحين', ''],
    ['للمسلحين', ['ل', 'ال'], 'مسلحين', ''],
    ['وبالتالي', ['و', 'ب', 'ال'], 'تالي', ''],
    ['السورى', ['ال'], 'سورى', ''],
    ['سيعلن', ['س'], 'يعلن', ''],
    ['قوله', [], 'قول', 'ه'],
    ['وسيطرتها', ['و'], 'سيطرت', 'ها'],
    ['بلاده', [], 'بلاد', 'ه'],
  ];
  for (const [w, pre, base, suf] of cases) {
    it(`${w} = ${[...pre, base].join(' + ')}${suf ? ' + ' + suf : ''}`, () => {
      const t = word(w);
      expect(t.pre ?? []).toEqual(pre);
      expect(t.base?.text ?? w).toBe(base);
      expect(t.suf ?? '').toBe(suf);
    });
  }
  const whole = ['وزير', 'وكالة', 'ولي', 'بيان', 'لبنان', 'فرنسا', 'ألمانيا', 'المانيا', 'سياسة', 'سيارة', 'كبير', 'واشنطن', 'اتجاه', 'محاكم', 'في', 'التي', 'إلى'];
  for (const w of whole) it(`${w} stays whole`, () => expect(word(w).base).toBeUndefined());

  it('the base span skips vowels and tatweel correctly', () => {
    const t = word('وَالمُسَلَّحِين');
    expect(t.pre).toEqual(['و', 'ال']);
    expect(t.base!.text).toBe('مُسَلَّحِين');
  });
  it('without a vocabulary, rules with length guards decide', () => {
    expect(analyzeClitics('والمسلحين').pre).toEqual(['و', 'ال']);
    expect(analyzeClitics('في').pre).toEqual([]);
  });
});

describe('lightStem', () => {
  it('conflates clitic and inflection variants', () => {
    const key = lightStem('المسلحين');
    for (const w of ['والمسلحين', 'للمسلحين', 'مسلحون', 'مسلحة', 'المسلحون']) expect(lightStem(w)).toBe(key);
  });
  it('conflates Egyptian and standard spelling', () => {
    expect(lightStem('السورى')).toBe(lightStem('السوري'));
    expect(lightStem('السورية')).toBe(lightStem('السوري'));
    expect(lightStem('مسئول')).toBe(lightStem('مسؤول'));
  });
  it('a suffixed ta marbuta is keyed like the word itself', () => {
    expect(lightStem('حكومته')).toBe(lightStem('الحكومة'));
  });
  it('keeps distinct words apart', () => {
    expect(lightStem('وزير')).not.toBe(lightStem('زير'));
    expect(lightStem('قال')).not.toBe(lightStem('قول'));
  });
});

describe('tokens', () => {
  it('norm and stem for non-words', () => {
    expect(word('٢٠١٦').norm).toBe('2016');
    expect(word('CNN').stem).toBe('cnn');
  });
});
