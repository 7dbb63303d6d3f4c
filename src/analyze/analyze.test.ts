import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../../test/arbitraries.js';
import { Doc, DocSchema, SCHEMA_VERSION } from '../doc/index.js';
import { isSpanOf, type Span } from '../text/index.js';
import { analyze } from './analyze.js';
import { Pipeline, type Stage } from './pipeline.js';

function allSpans(doc: Doc): Span[] {
  const spans: Span[] = [...(doc.blocks ?? []), ...(doc.sentences ?? []), ...(doc.tokens ?? [])];
  for (const t of doc.tokens ?? []) if (t.base) spans.push(t.base);
  return spans;
}

describe('analyze', () => {
  it('fills blocks, tokens and sentences; output validates against the schema', () => {
    const doc = analyze('عنوان الخبر\nقال الوزير: "الوضع مستقر". وأضاف أن الحكومة تعمل.\nصورة الوزير', { id: 'x', meta: { outlet: 'test' } });
    const json = JSON.parse(JSON.stringify(doc));
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    expect(DocSchema.parse(json)).toBeTruthy();
    expect(doc.blocks!.map((b) => b.type)).toEqual(['headline', 'body', 'caption']);
    expect(doc.sentences!.filter((s) => doc.blocks![s.block]!.type === 'body').map((s) => s.text)).toEqual(['قال الوزير: "الوضع مستقر".', 'وأضاف أن الحكومة تعمل.']);
  });

  it('for arbitrary input: never throws, every span is an exact slice, offsets are monotonic (property)', () => {
    fc.assert(
      fc.property(fc.oneof(arabicish(), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(arabicish(), { maxLength: 8 }).map((a) => a.join('\n'))), (text) => {
        const doc = analyze(text);
        for (const s of allSpans(doc)) expect(isSpanOf(text, s)).toBe(true);
        for (const layer of [doc.blocks!, doc.sentences!, doc.tokens!]) {
          for (let i = 1; i < layer.length; i++) expect(layer[i]!.start).toBeGreaterThanOrEqual(layer[i - 1]!.end);
        }
        for (const s of doc.sentences!) {
          const b = doc.blocks![s.block]!;
          expect(s.start).toBeGreaterThanOrEqual(b.start);
          expect(s.end).toBeLessThanOrEqual(b.end);
        }
        expect(DocSchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('Pipeline', () => {
  const noop = (name: string, requires: Stage['requires'], assigns: Stage['assigns']): Stage => ({
    name,
    requires,
    assigns,
    run(doc) {
      for (const l of assigns) (doc as unknown as Record<string, unknown>)[l] = [];
    },
  });
  it('refuses a stage whose requirements no earlier stage assigns', () => {
    expect(() => new Pipeline([noop('sentences', ['tokens'], ['sentences'])])).toThrow(/ISNAD_PIPELINE_ORDER.*requires tokens/);
  });
  it('wraps a failing stage with its name', () => {
    const bad: Stage = { name: 'bad', requires: [], assigns: [], run: () => { throw new Error('boom'); } };
    expect(() => new Pipeline([bad]).run(new Doc('x'))).toThrow(/ISNAD_STAGE_FAILED: stage "bad".*boom/);
  });
  it('checks a stage assigns what it declares', () => {
    const lazy: Stage = { name: 'lazy', requires: [], assigns: ['tokens'], run: () => {} };
    expect(() => new Pipeline([lazy]).run(new Doc('x'))).toThrow(/ISNAD_STAGE_CONTRACT/);
  });
});

describe('analyze: linear in its input, output bounded by it', () => {
  // issue 13: unclosed quotations after cue words made attribution cubic and its JSON quadratic
  // (16 KB gave 14 MB); a single line without sentence punctuation made one sentence of it all
  it('unclosed quotations after cue words: the output grows with the text, not with its square', () => {
    const size = (n: number): number => {
      const text = 'قال "ا '.repeat(n);
      return JSON.stringify(analyze(text)).length / text.length;
    };
    const small = size(500);
    const large = size(4000);
    expect(large).toBeLessThan(200);
    expect(large).toBeLessThan(small * 1.5);
  });
  it('a long single line with many cues is cut into bounded sentences', () => {
    const words = 'قال الوزير إن الحكومة ستعمل وأكد المدير أن المشروع سيكتمل قريبا في المدينة'.split(' ');
    const text = Array.from({ length: 12000 }, (_, i) => words[i % words.length]).join(' ');
    const doc = analyze(text);
    for (const s of doc.sentences!) expect(s.tokenEnd - s.tokenStart).toBeLessThanOrEqual(300);
    expect(JSON.stringify(doc).length / text.length).toBeLessThan(60);
  });
});
