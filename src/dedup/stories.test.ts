import { describe, expect, it } from 'vitest';
import { FILLER, FOOTBALL, HOSPITALS, HOSPITALS_EDITED, HOSPITALS_SAME, HOSPITALS_STORY, SCHOOLS } from '../../test/dedup-fixtures.js';
import { NewsGrouper } from './grouping.js';
import { bodyWords, titleWords } from './shingles.js';
import { StoryIndex } from './stories.js';
import { syndication } from './syndication.js';

const T0 = Date.parse('2024-03-01T08:00:00Z');
const at = (hours: number): number => T0 + hours * 3_600_000;

function withFiller(): StoryIndex {
  const s = new StoryIndex();
  FILLER.forEach((t, i) => s.add({ id: `f${i}`, time: at(-1), words: bodyWords(t) }));
  s.add({ id: 'schools', time: at(0), words: bodyWords(SCHOOLS) });
  s.add({ id: 'football', time: at(0), words: bodyWords(FOOTBALL) });
  return s;
}

describe('StoryIndex', () => {
  it('the same event written anew joins the story; an event of the same kind does not', () => {
    const s = withFiller();
    s.add({ id: 'h', time: at(0), words: bodyWords(HOSPITALS), titleWords: titleWords('الصحة تفتتح ثلاثة مستشفيات في الصعيد') });
    const r = s.add({ id: 'story', time: at(2), words: bodyWords(HOSPITALS_STORY), titleWords: titleWords('وزير الصحة يدشن ثلاثة مستشفيات بالصعيد') });
    expect(r.story).toBe('h');
    expect(r.links.map((l) => l.id)).toEqual(['h']);
    expect(s.storyOf('schools')).toBe('schools');
    expect(s.similarity('h', 'story')).toBe(s.similarity('story', 'h'));
    expect(s.similarity('h', 'schools')).toBeLessThan(0.1);
  });

  it('too far apart in time, the same event is not linked; undated articles are linked only as copies', () => {
    const s = withFiller();
    s.add({ id: 'h', time: at(0), words: bodyWords(HOSPITALS) });
    expect(s.add({ id: 'late', time: at(24 * 5), words: bodyWords(HOSPITALS_STORY) }).story).toBe('late');
    expect(s.add({ id: 'undated', time: NaN, words: bodyWords(HOSPITALS_STORY) }).story).toBe('undated');
    expect(s.add({ id: 'copy', time: NaN, words: bodyWords(HOSPITALS_EDITED), copyOf: ['h'] }).story).toBe('h');
  });

  it('stories() lists members; errors carry codes', () => {
    const s = withFiller();
    expect(s.stories()).toHaveLength(s.size);
    expect(() => s.add({ id: 'schools', time: at(0), words: bodyWords(SCHOOLS) })).toThrow(/ISNAD_STORY_DUPLICATE/);
    expect(() => s.similarity('schools', 'nope')).toThrow(/ISNAD_STORY_UNKNOWN/);
    expect(() => new StoryIndex({ nope: 1 } as never)).toThrow(/ISNAD_STORY_OPTION/);
  });
});

describe('syndication', () => {
  it('the earliest copy is the original; first copies of other outlets are cross-outlet, repeats within-outlet', () => {
    const s = syndication([
      { id: 'b1', outlet: 'B', time: at(2) },
      { id: 'a1', outlet: 'A', time: at(0) },
      { id: 'a2', outlet: 'A', time: at(5) },
      { id: 'c1', outlet: 'C', time: at(1) },
      { id: 'x', time: NaN },
    ]);
    expect(s.original).toBe('a1');
    expect(s.copies.map((c) => [c.id, c.kind])).toEqual([
      ['a1', 'original'],
      ['c1', 'cross-outlet'],
      ['b1', 'cross-outlet'],
      ['a2', 'within-outlet'],
      ['x', 'cross-outlet'],
    ]);
    expect(s.outlets.map((o) => [o.outlet, o.first, o.copies])).toEqual([
      ['A', 'a1', 2],
      ['C', 'c1', 1],
      ['B', 'b1', 1],
      ['', 'x', 1],
    ]);
    expect([s.crossOutlet, s.withinOutlet]).toEqual([3, 1]);
  });
  it('ties in time go by id; an empty group is an error', () => {
    expect(syndication([{ id: 'b', time: 5 }, { id: 'a', time: 5 }]).original).toBe('a');
    expect(() => syndication([])).toThrow(/ISNAD_SYNDICATION_EMPTY/);
  });
});

describe('NewsGrouper', () => {
  it('one call per article: copies in a group, the group in a story, relations for any pair', () => {
    const g = new NewsGrouper();
    FILLER.forEach((t, i) => g.add({ id: `f${i}`, text: t, date: at(-1) }));
    g.add({ id: 'h', text: HOSPITALS, title: 'الصحة تفتتح ثلاثة مستشفيات في الصعيد', outlet: 'A', date: at(0) });
    const same = g.add({ id: 'same', text: HOSPITALS_SAME, outlet: 'B', date: at(1) });
    expect(same).toMatchObject({ group: 'h', relation: 'same-text', story: 'h' });
    g.add({ id: 'edited', text: HOSPITALS_EDITED, outlet: 'A', date: at(3) });
    g.add({ id: 'story', text: HOSPITALS_STORY, title: 'وزير الصحة يدشن ثلاثة مستشفيات بالصعيد', outlet: 'C', date: at(2) });
    g.add({ id: 'schools', text: SCHOOLS, outlet: 'C', date: at(1) });
    g.add({ id: 'football', text: FOOTBALL, date: at(1) });
    expect(g.relation('h', 'same')).toBe('same-text');
    expect(g.relation('h', 'edited')).toBe('near-duplicate');
    expect(g.relation('h', 'story')).toBe('same-story');
    expect(g.relation('h', 'schools')).toBe('different');
    expect(g.relation('h', 'football')).toBe('different');
    expect(g.storyOf('story')).toBe('h');
    expect(g.groupOf('story')).toBe('story');
    const syn = g.syndication('h');
    expect(syn.original).toBe('h');
    expect(syn.copies.map((c) => c.kind)).toEqual(['original', 'cross-outlet', 'within-outlet']);
    expect(() => g.syndication('nope')).toThrow(/ISNAD_GROUP_UNKNOWN/);
  });
});
