import { describe, expect, it } from 'vitest';
import { bridgeNewsfane, coarseTag } from './newsfane.js';

const s = (pairs: Array<[string, string]>) => ({ words: pairs.map((p) => p[0]), tags: pairs.map((p) => p[1]) });

describe('NewsFANE bridge', () => {
  it('maps fine classes to ANERcorp types, and the classes ANERcorp leaves untagged to O', () => {
    expect(['B-Politician', 'I-Athlete', 'B-Nation', 'B-Media', 'B-Book', 'B-Group', 'B-Government', 'O', 'B-Unknown'].map(coarseTag)).toEqual([
      'B-PER', 'I-PER', 'B-LOC', 'B-ORG', 'B-MISC', 'O', 'O', 'O', 'O',
    ]);
  });

  it('joins lone proclitics to the next word and lone pronouns to the word before, keeping the word\'s tag', () => {
    const out = bridgeNewsfane([s([['و', 'O'], ['قال', 'O'], ['ان', 'O'], ['ه', 'O'], ['سيزور', 'O'], ['و', 'O'], ['دمشق', 'B-Population-Center']])]);
    expect(out[0]!.words).toEqual(['وقال', 'انه', 'سيزور', 'ودمشق']);
    expect(out[0]!.tags).toEqual(['O', 'O', 'O', 'B-LOC']);
  });

  it('leaves tagged letters alone (an agency written as letters) and writes ل + ال as لل', () => {
    const out = bridgeNewsfane([s([['(', 'O'], ['ك', 'B-Media'], ['ب', 'I-Media'], ['ا', 'I-Media'], [')', 'O'], ['لالمجلس', 'O']])]);
    expect(out[0]!.words).toEqual(['(', 'ك', 'ب', 'ا', ')', 'للمجلس']);
    expect(out[0]!.tags).toEqual(['O', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'O']);
  });

  it('tags currencies and the like MISC, as ANERcorp does, and strips direction marks', () => {
    const out = bridgeNewsfane([s([['\u200eبلغ', 'O'], ['مليون', 'O'], ['جنيه', 'O'], ['استرليني', 'O']])]);
    expect(out[0]!.words[0]).toBe('بلغ');
    expect(out[0]!.tags).toEqual(['O', 'O', 'B-MISC', 'I-MISC']);
  });

  it('starts a new chunk where an untagged class cut one', () => {
    const out = bridgeNewsfane([s([['الجيش', 'B-Government'], ['زيد', 'I-Politician']])]);
    expect(out[0]!.tags).toEqual(['O', 'B-PER']);
  });
});
