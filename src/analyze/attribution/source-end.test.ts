import { describe, expect, it } from 'vitest';
import { analyze } from '../index.js';
import { attributionCandidates } from './stage.js';
import { chooseSourceEnd, sourceEnds } from './source-end.js';
import { denseWeights, feat, WEIGHT_BITS, type Weights } from './learned.js';

const weights = (...fw: Array<[number, number]>): Weights => denseWeights(new Map(fw.map(([f, w]) => [f & ((1 << WEIGHT_BITS) - 1), w])));

const draftsOf = (text: string) => attributionCandidates(analyze(text, { id: 't' }), true).drafts;

describe('source end', () => {
  it('offers every word end from the source start up to the complementizer, the rules’ end among them', () => {
    const [d] = draftsOf('وقال الخبير ردا على سؤال إن الأسواق ستبقى هادئة.');
    const e = sourceEnds(d!)!;
    const ends = e.cands.map((c) => d!.sentence.tokens[c.last]!.text);
    expect(ends[0]).toBe('الخبير');
    expect(ends).not.toContain('إن');
    expect(ends).toContain(d!.sentence.tokens[e.rule]!.text);
  });

  it('moves the end where the weights say, keeping the start, and the subject with it', () => {
    const [d] = draftsOf('وقال الخبير ردا على سؤال إن الأسواق ستبقى هادئة.');
    const before = d!.source!;
    // weights that prefer the shortest source
    const w = weights([feat('nw=', 0), 5]);
    chooseSourceEnd(d!, w);
    expect(d!.source!.start).toBe(before.start);
    expect(d!.source!.text).toBe('الخبير');
    expect(d!.subject?.text).toBe('الخبير');
  });

  it('never reaches into the cue or the content, whatever the weights', () => {
    const texts = ['وأكد وزير الخارجية، سامي فريد، أن بلاده لن تتراجع.', 'الوزير قال إن الحوار مستمر.', 'وبحسب مصادر مطلعة في العاصمة فإن الاتفاق قريب.'];
    for (const t of texts) for (const w of [weights([feat('nw=', 6), 9]), weights([feat('nw=', 0), 9]), weights([feat('rel=', 'longer'), 9])]) {
      for (const d of draftsOf(t)) {
        chooseSourceEnd(d, w);
        if (!d.source) continue;
        const s = d.source;
        expect(s.end <= d.content.start || s.start >= d.content.end).toBe(true);
        expect(s.end <= d.cue.span.start || s.start >= d.cue.span.end).toBe(true);
      }
    }
  });
});
