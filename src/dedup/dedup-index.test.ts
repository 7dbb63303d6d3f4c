import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILLER, FOOTBALL, HOSPITALS, HOSPITALS_EDITED, HOSPITALS_SAME, HOSPITALS_STORY, SCHOOLS } from '../../test/dedup-fixtures.js';
import { copyRelation, DedupIndex, mayBeCopy, ORIGINAL_COVER } from './dedup-index.js';
import { fingerprint } from './fingerprint.js';
import { classify, compare, coverage, DEFAULT_THRESHOLDS, relate, shingleSequence, storyThreshold } from './relation.js';
import { dedupeSorted } from './shingles.js';

const T0 = Date.parse('2024-03-01T08:00:00Z');
const at = (hours: number): number => T0 + hours * 3_600_000;

describe('relation', () => {
  const h = fingerprint({ text: HOSPITALS, date: at(0) });
  it('same text: a byline, punctuation, spelling and a related-links trailer are trivial', () => {
    const s = compare(h, fingerprint({ text: HOSPITALS_SAME, date: at(1) }));
    expect(s.coverShort).toBe(1);
    expect(s.coverLong).toBe(1);
    expect(classify(s)).toBe('same-text');
  });
  it('near-duplicate: a rewritten lead and an added paragraph', () => {
    expect(relate(h, fingerprint({ text: HOSPITALS_EDITED, date: at(4) }))).toBe('near-duplicate');
  });
  it('a near-duplicate needs the time window; same text does not', () => {
    expect(relate(h, fingerprint({ text: HOSPITALS_EDITED, date: at(24 * 30) }))).not.toBe('near-duplicate');
    expect(relate(h, fingerprint({ text: HOSPITALS_SAME, date: at(24 * 30) }))).toBe('same-text');
    expect(relate(h, fingerprint({ text: HOSPITALS_EDITED }))).toBe('near-duplicate'); // undated
  });
  it('an independent rewrite and unrelated articles share no copy', () => {
    for (const t of [HOSPITALS_STORY, SCHOOLS, FOOTBALL]) {
      const s = compare(h, fingerprint({ text: t, date: at(1) }));
      expect(s.coverShort).toBeLessThan(0.2);
      expect(copyRelation(s)).toBeUndefined();
    }
  });
  it('the story threshold rises with the hours between the articles', () => {
    expect(storyThreshold(0)).toBe(DEFAULT_THRESHOLDS.sameStory);
    expect(storyThreshold(24)).toBeCloseTo(DEFAULT_THRESHOLDS.sameStory + 24 * DEFAULT_THRESHOLDS.sameStoryPerHour);
    const s = { jaccard: 0, coverShort: 0, coverLong: 0, cosine: 0.5, hours: 10 };
    expect(classify(s)).toBe('same-story');
    expect(classify({ ...s, hours: 30 })).toBe('different');
    expect(classify({ ...s, hours: NaN })).toBe('different');
  });
  it('coverage counts each covered word once', () => {
    const words = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const seq = shingleSequence(words, 4);
    const all = dedupeSorted(seq.slice().sort());
    expect(coverage(seq, words.length, all)).toBe(1);
    expect(coverage(seq, words.length, Uint32Array.of(seq[0]!))).toBe(0.5);
    expect(coverage(seq, words.length, new Uint32Array(0))).toBe(0);
  });
  it('mayBeCopy never rejects a pair that verifies', () => {
    const pairs = [HOSPITALS_SAME, HOSPITALS_EDITED, HOSPITALS_STORY, FOOTBALL].map((t) => fingerprint({ text: t, date: at(2) }));
    for (const p of pairs) if (copyRelation(compare(h, p))) expect(mayBeCopy(h, p, 4)).toBe(true);
  });
});

describe('DedupIndex', () => {
  const fill = (index: DedupIndex): void => FILLER.forEach((t, i) => index.add({ id: `f${i}`, text: t, date: at(-1), outlet: 'other' }));

  it('prepare + add with precomputed keys = add; insert + link rebuild known groups; members and sizes by list', () => {
    const texts = { h: HOSPITALS, same: HOSPITALS_SAME, edited: HOSPITALS_EDITED, s: SCHOOLS, f: FOOTBALL };
    const a = new DedupIndex();
    const b = new DedupIndex();
    const worker = new DedupIndex(); // another thread's index with the same options
    for (const [id, text] of Object.entries(texts)) {
      const r1 = a.add({ id, text, date: at(1) });
      const p = worker.prepare({ text, date: at(1) });
      const r2 = b.add({ id, fingerprint: p.fingerprint, keys: p.keys });
      expect({ ...r2, candidates: 0 }).toEqual({ ...r1, candidates: 0 });
    }
    expect(b.members('edited')).toEqual(['h', 'same', 'edited']);
    expect(b.groupSize('same')).toBe(3);
    expect(b.groupSize('s')).toBe(1);
    expect(b.groupSize('nope')).toBe(0);
    // rebuilt without comparing: the same groups once linked, and later additions find the copies
    const c = new DedupIndex();
    for (const [id, text] of Object.entries(texts)) c.insert({ id, text, date: at(1) });
    expect(c.groups()).toEqual([]);
    c.link('edited', 'h');
    c.link('same', 'edited');
    expect(c.groups()).toEqual(b.groups());
    expect(c.add({ id: 'again', text: HOSPITALS_SAME, date: at(2) }).group).toBe('h');
    expect(() => c.link('h', 'nope')).toThrow(/ISNAD_DEDUP_UNKNOWN/);
    expect(() => c.insert({ id: 'h', text: HOSPITALS })).toThrow(/ISNAD_DEDUP_DUPLICATE/);
    expect(() => c.add({ id: 'k', text: SCHOOLS, keys: new Uint32Array(3) })).toThrow(/ISNAD_DEDUP_KEYS/);
    // restored indexes keep their member lists
    const back = DedupIndex.restore(c.serialize());
    expect(back.members('again')).toEqual(c.members('h'));
  });

  it('add: new, same text, near-duplicate; unrelated articles stay alone', () => {
    const index = new DedupIndex();
    fill(index);
    expect(index.add({ id: 'h', text: HOSPITALS, date: at(0), outlet: 'A' })).toMatchObject({ group: 'h', relation: 'new', matches: [] });
    const same = index.add({ id: 'same', text: HOSPITALS_SAME, date: at(1), outlet: 'B' });
    expect(same).toMatchObject({ group: 'h', relation: 'same-text' });
    expect(same.matches.map((m) => m.id)).toEqual(['h']);
    expect(index.add({ id: 'edited', text: HOSPITALS_EDITED, date: at(3), outlet: 'A' })).toMatchObject({ group: 'h', relation: 'near-duplicate' });
    expect(index.add({ id: 'story', text: HOSPITALS_STORY, date: at(2), outlet: 'C' })).toMatchObject({ group: 'story', relation: 'new' });
    expect(index.add({ id: 'football', text: FOOTBALL, date: at(2) }).relation).toBe('new');
    expect(index.members('h')).toEqual(['h', 'same', 'edited']);
    expect(index.groups()).toEqual([['h', 'same', 'edited']]);
    expect(index.groupOf('edited')).toBe('h');
    expect(index.relation('same', 'edited')).toBe('near-duplicate');
    expect(index.outletOf('same')).toBe('B');
    expect(index.timeOf('h')).toBe(at(0));
  });

  it('a page holding two articles bridges nothing: it joins one group (or none), and the two stay apart', () => {
    const index = new DedupIndex({ groupCover: 0 });
    const half = (t: string, from: number, to: number): string => t.split('\n').slice(from, to).join('\n');
    index.add({ id: 'first', text: half(HOSPITALS, 0, 2) });
    index.add({ id: 'second', text: half(HOSPITALS, 2, 4) });
    expect(index.groups()).toEqual([]);
    const whole = index.add({ id: 'whole', text: HOSPITALS });
    expect(whole.matches.map((m) => m.id).sort()).toEqual(['first', 'second']); // both copies are still reported
    expect(whole.merged).toEqual([]);
    expect(index.groupOf('first')).not.toBe(index.groupOf('second'));
    expect(['first', 'second']).toContain(whole.group);
    // with the default groupCover a page that is mostly other text does not join at all
    const strict = new DedupIndex();
    strict.add({ id: 'first', text: half(HOSPITALS, 0, 2) });
    strict.add({ id: 'second', text: half(HOSPITALS, 2, 4) });
    strict.add({ id: 'page', text: `${HOSPITALS}\n${half(HOSPITALS, 0, 4).split('').reverse().join('')}` });
    expect(strict.groupOf('first')).not.toBe(strict.groupOf('second'));
  });

  it('a member joins through another only when it is still close to the group\'s original', () => {
    // a copy of a copy that kept only what the original did not have is a group of its own
    const index = new DedupIndex({ groupCover: 0 });
    const lines = HOSPITALS.split('\n');
    index.add({ id: 'orig', text: lines.slice(0, 2).join('\n') });
    index.add({ id: 'copy', text: lines.join('\n') });
    expect(index.groupOf('copy')).toBe('orig');
    // the last two paragraphs: a verified copy of 'copy', nothing of 'orig'
    const far = index.add({ id: 'far', text: lines.slice(2, 4).join('\n') });
    expect(far.matches.map((m) => m.id)).toEqual(['copy']);
    expect(index.scores('far', 'orig').coverShort).toBeLessThan(ORIGINAL_COVER);
    expect(index.groupOf('far')).toBe('far');
    // a copy of 'copy' that is also close to 'orig' joins
    index.add({ id: 'near', text: lines.slice(0, 3).join('\n') });
    expect(index.groupOf('near')).toBe('orig');
  });

  it('an article without body words is indexed alone', () => {
    const index = new DedupIndex();
    expect(index.add({ id: 'empty', text: '' })).toMatchObject({ group: 'empty', relation: 'new' });
    expect(index.add({ id: 'empty2', text: '...' })).toMatchObject({ group: 'empty2', relation: 'new' });
  });

  it('errors carry codes', () => {
    const index = new DedupIndex();
    index.add({ id: 'a', text: HOSPITALS });
    expect(() => index.add({ id: 'a', text: HOSPITALS })).toThrow(/ISNAD_DEDUP_DUPLICATE/);
    expect(() => index.scores('a', 'zz')).toThrow(/ISNAD_DEDUP_UNKNOWN/);
    expect(() => new DedupIndex({ bogus: 1 } as never)).toThrow(/ISNAD_DEDUP_OPTION/);
    expect(() => new DedupIndex({ bands: 40, rows: 2, numHashes: 64 })).toThrow(/ISNAD_DEDUP_BANDING/);
  });

  it('serialize / restore: same groups, and new articles still find their copies', () => {
    const index = new DedupIndex();
    fill(index);
    index.add({ id: 'h', text: HOSPITALS, date: at(0), outlet: 'A' });
    index.add({ id: 'same', text: HOSPITALS_SAME, date: at(1), outlet: 'B' });
    const bytes = index.serialize();
    const back = DedupIndex.restore(bytes);
    expect(back.size).toBe(index.size);
    expect(back.groups()).toEqual(index.groups());
    expect(back.outletOf('same')).toBe('B');
    expect(back.add({ id: 'edited', text: HOSPITALS_EDITED, date: at(3) })).toMatchObject({ group: 'h', relation: 'near-duplicate' });
    expect(Array.from(DedupIndex.restore(back.serialize()).serialize().subarray(0, 8))).toEqual(Array.from(bytes.subarray(0, 8)));
  });

  it('restore refuses other bytes and other versions', () => {
    expect(() => DedupIndex.restore(new TextEncoder().encode('not an index at all'))).toThrow(/ISNAD_DEDUP_FORMAT/);
    const bytes = new DedupIndex().serialize();
    new DataView(bytes.buffer).setUint32(8, 99, true);
    expect(() => DedupIndex.restore(bytes)).toThrow(/ISNAD_DEDUP_VERSION/);
  });

  it('grouping of exact duplicates does not depend on the order of adding (property)', () => {
    const texts = [HOSPITALS, SCHOOLS, FOOTBALL, ...FILLER.slice(0, 4)];
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: texts.length - 1 }), { minLength: 2, maxLength: 14 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (picks, seed) => {
          const docs = picks.map((k, i) => ({ id: `d${i}`, text: texts[k]!, date: at(i) }));
          const shuffled = [...docs].sort((x, y) => ((hash(x.id, seed) - hash(y.id, seed)) | 0) || (x.id < y.id ? -1 : 1));
          const partition = (order: typeof docs): string[] => {
            const index = new DedupIndex();
            for (const d of order) index.add(d);
            return index
              .groups()
              .map((g) => [...g].sort().join(','))
              .sort();
          };
          expect(partition(shuffled)).toEqual(partition(docs));
          const expected = new Map<number, string[]>();
          picks.forEach((k, i) => expected.set(k, [...(expected.get(k) ?? []), `d${i}`]));
          expect(partition(docs)).toEqual([...expected.values()].filter((g) => g.length > 1).map((g) => [...g].sort().join(',')).sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x9e3779b1);
  return h;
}
