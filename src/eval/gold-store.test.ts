import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebuildRecord, sha1, storeRecord } from './gold-store.js';
import { occurrences, resolveDoc } from '../tools/annotate.js';
import type { AttributionRecord } from './attribution-score.js';

const TEXT = 'قال وزير الخارجية سامي العلي إن الحكومة ستواصل العمل. وأضاف الوزير أن المشروع سينتهي قريبا، مشيرا إلى أن الوزير سيزور المدينة.';

describe('gold kept as offsets', () => {
  it('a record survives storing and rebuilding from the text, and keeps no text', () => {
    const { records, problems } = resolveDoc(TEXT, {
      key: 'x:1',
      attributions: [
        { cue: 'قال', source: 'وزير الخارجية سامي العلي', speaker: 'وزير الخارجية سامي العلي', content: 'الحكومة ستواصل العمل', type: 'indirect', medium: null, via: [], hedge: null },
        { cue: 'أضاف', source: 'الوزير', speaker: 'وزير الخارجية سامي العلي', content: 'المشروع سينتهي قريبا', type: 'indirect' },
      ],
    });
    expect(problems).toEqual([]);
    const stored = records.map(storeRecord);
    expect(JSON.stringify(stored)).not.toMatch(/[\u0600-\u06ff]/);
    expect(stored.map((r) => rebuildRecord(TEXT, r))).toEqual(records);
    // the source is found nearest the cue: the second record's الوزير, not an earlier word
    expect(records[1]!.source!.start).toBe(TEXT.indexOf('الوزير أن'));
    expect(sha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('an ambiguous cue needs "at", and a snippet not in the text is reported', () => {
    const { problems } = resolveDoc(TEXT, { key: 'x:1', attributions: [{ cue: 'الوزير', content: 'المشروع سينتهي قريبا', type: 'indirect' }, { cue: 'قال', content: 'نص غير موجود', type: 'indirect' }] });
    expect(problems[0]).toMatch(/found 2 times/);
    expect(problems[1]).toMatch(/content not found/);
    const ok = resolveDoc(TEXT, { key: 'x:1', attributions: [{ cue: 'مشيرا إلى', at: 'قريبا، مشيرا إلى', source: 'الوزير', source_at: 'الوزير سيزور', content: 'الوزير سيزور المدينة', type: 'indirect' } as never] });
    expect(ok.problems).toEqual([]);
    expect(ok.records[0]!.source!.start).toBe(TEXT.indexOf('الوزير سيزور'));
  });

  it('occurrences are exact substrings, whitespace runs matching any whitespace', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (s, a, b) => {
        const text = a + s + b;
        for (const o of occurrences(text, s)) expect(text.slice(o.start, o.end)).toBe(o.text);
        if (s.trim()) expect(occurrences(text, s).length).toBeGreaterThan(0);
      }),
    );
    expect(occurrences('قال  الوزير', 'قال الوزير')).toEqual([{ start: 0, end: 11, text: 'قال  الوزير' }]);
  });
});

describe('stored record shape', () => {
  it('null parts stay null', () => {
    const r: AttributionRecord = { cue: { start: 0, end: 3, text: 'قال' }, source: null, speaker: null, content: { start: 4, end: 10, text: TEXT.slice(4, 10) }, type: 'indirect', medium: null, via: [], hedge: null };
    expect(storeRecord(r)).toEqual({ cue: [0, 3], source: null, speaker: null, content: [4, 10], type: 'indirect', medium: null, via: [], hedge: null });
  });
});
