import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parts, runs, type AttributionLike, type EntityLike } from './segments.js';

const text = 'وقال منصور في بيان: "لن نترك المزارع"';
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`not in text: ${s}`);
  return { start, end: start + s.length };
};

const attribution: AttributionLike = {
  cue: at('قال'),
  source: at('منصور'),
  speaker: at('منصور'),
  content: at('لن نترك المزارع'),
  medium: at('في بيان'),
  via: [],
  hedge: null,
};
const entities: EntityLike[] = [{ ...at('منصور'), type: 'PER', id: 'e1' }];

describe('parts', () => {
  it('does not repeat a speaker that is the source itself', () => {
    expect(parts(attribution).map((p) => p.role)).toEqual(['cue', 'content', 'source', 'medium']);
  });
  it('keeps a speaker found elsewhere, and every relay', () => {
    const a = { ...attribution, speaker: { start: 0, end: 2 }, via: [at('بيان')] };
    expect(parts(a).map((p) => p.role)).toEqual(['cue', 'content', 'source', 'speaker', 'medium', 'via']);
  });
});

describe('runs', () => {
  it('cuts at every mark and keeps what covers each run', () => {
    const r = runs(0, text.length, entities, [attribution]);
    const shown = r.map((x) => [text.slice(x.start, x.end), x.entity ?? null, x.marks.map((m) => m.role).join('+')]);
    expect(shown).toEqual([
      ['و', null, ''],
      ['قال', null, 'cue'],
      [' ', null, ''],
      ['منصور', 0, 'source'],
      [' ', null, ''],
      ['في بيان', null, 'medium'],
      [': "', null, ''],
      ['لن نترك المزارع', null, 'content'],
      ['"', null, ''],
    ]);
  });

  it('clips spans to the stretch asked for', () => {
    const from = at('منصور').start + 2;
    const r = runs(from, from + 5, entities, [attribution]);
    expect(r[0]).toMatchObject({ start: from, entity: 0, marks: [{ attr: 0, role: 'source' }] });
    expect(r[r.length - 1]!.end).toBe(from + 5);
  });

  it('always covers the stretch exactly with consecutive runs', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(20)).map(([s, l]) => ({ start: s, end: s + l }));
    const attr = fc.record({
      cue: span,
      source: fc.option(span, { nil: null }),
      speaker: fc.option(span, { nil: null }),
      content: span,
      medium: fc.option(span, { nil: null }),
      via: fc.array(span, { maxLength: 2 }),
      hedge: fc.option(span, { nil: null }),
    });
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.array(span.map((s) => ({ ...s, type: 'PER' })), { maxLength: 4 }), fc.array(attr, { maxLength: 4 }), (s, len, ents, attrs) => {
        const r = runs(s, s + len, ents, attrs);
        if (len === 0) return r.length === 0;
        if (r[0]!.start !== s || r[r.length - 1]!.end !== s + len) return false;
        for (let i = 0; i < r.length; i++) {
          if (r[i]!.end <= r[i]!.start) return false;
          if (i > 0 && r[i]!.start !== r[i - 1]!.end) return false;
          // a mark is present exactly when its span covers the run
          for (const [ai, a] of attrs.entries()) {
            for (const role of new Set(parts(a).map((p) => p.role))) {
              const covers = parts(a).some((p) => p.role === role && p.span.end > p.span.start && p.span.start <= r[i]!.start && p.span.end >= r[i]!.end);
              const marked = r[i]!.marks.some((m) => m.attr === ai && m.role === role);
              if (covers !== marked) return false;
            }
          }
        }
        return true;
      }),
    );
  });
});
