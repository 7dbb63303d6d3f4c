import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndexBuilder, advance, phraseMatches, phraseStartsIn, type TermIndex } from './term-index.js';

const TERMS = ['a', 'b', 'c', 'd'];

/** Documents as term sequences; the index over them, fed document by document or term by term. */
function build(docs: readonly string[][], termMajor: boolean): TermIndex {
  const b = new TermIndexBuilder();
  const posting = (doc: number, term: string): number[] => docs[doc]!.flatMap((t, p) => (t === term ? [p] : []));
  if (termMajor) {
    for (const term of TERMS) for (let d = 0; d < docs.length; d++) b.add(term, d + 1, posting(d, term));
  } else {
    for (let d = 0; d < docs.length; d++) for (const term of new Set(docs[d])) b.add(term, d + 1, posting(d, term));
  }
  return b.build();
}

/** Brute force: start positions of the phrase in each document. */
function starts(doc: readonly string[], phrase: readonly string[]): number[] {
  const out: number[] = [];
  for (let p = 0; p + phrase.length <= doc.length; p++) if (phrase.every((t, k) => doc[p + k] === t)) out.push(p);
  return out;
}

const docsArb = fc.array(fc.array(fc.constantFrom(...TERMS), { maxLength: 30 }), { minLength: 1, maxLength: 25 });
const phraseArb = fc.array(fc.constantFrom(...TERMS, 'z'), { minLength: 1, maxLength: 3 });

describe('TermIndex', () => {
  it('finds every document holding a phrase, with its overlapping occurrences, whatever order it was fed in', () => {
    fc.assert(
      fc.property(docsArb, phraseArb, fc.boolean(), (docs, phrase, termMajor) => {
        const index = build(docs, termMajor);
        const m = phraseMatches(index, phrase);
        const expected = docs.flatMap((d, i) => {
          const s = starts(d, phrase);
          return s.length > 0 ? [[i + 1, s.length]] : [];
        });
        expect(Array.from(m.docs, (d, i) => [d, m.freqs[i]])).toEqual(expected);
        for (let i = 0; i < docs.length; i++) expect(Array.from(phraseStartsIn(index, i + 1, phrase))).toEqual(starts(docs[i]!, phrase));
      }),
      { numRuns: 300 },
    );
  });

  it('lays out the same arrays from document-major and term-major input', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const a = build(docs, false);
        const b = build(docs, true);
        for (const t of TERMS) {
          const x = a.postingsOf(t);
          const y = b.postingsOf(t);
          expect([Array.from(x.docs), Array.from(x.freqs)]).toEqual([Array.from(y.docs), Array.from(y.freqs)]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('finds positions across position blocks (postings after the 32nd)', () => {
    const docs = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? ['a', 'b', 'a', 'b', 'c'] : ['c', 'a', 'd']));
    const index = build(docs, false);
    for (let i = 0; i < docs.length; i++) expect(Array.from(phraseStartsIn(index, i + 1, ['a', 'b']))).toEqual(starts(docs[i]!, ['a', 'b']));
  });

  it('refuses documents out of order and positions out of range', () => {
    const b = new TermIndexBuilder();
    b.add('a', 5, [0]);
    expect(() => b.add('a', 3, [0])).toThrow(/ISNAD_INDEX_ORDER/);
    expect(() => b.add('b', 1, [70_000])).toThrow(/ISNAD_INDEX_POSITION/);
  });

  it('gallops to the first element not below a target', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 })), fc.integer({ min: -5, max: 1005 }), (xs, target) => {
        const a = Int32Array.from(new Set(xs)).sort();
        const from = Math.floor(a.length / 3);
        let expected = from;
        while (expected < a.length && a[expected]! < target) expected++;
        expect(advance(a, from, a.length, target)).toBe(expected);
      }),
    );
  });
});
