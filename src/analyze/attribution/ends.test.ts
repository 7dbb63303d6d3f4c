import { describe, expect, it } from 'vitest';
import { analyze } from '../index.js';
import { attributionCandidates } from './stage.js';
import { chooseSourceEnd, sourceEnds } from './source-end.js';
import { chooseContentEnd, contentEnds } from './content-end.js';
import { previousSpeakerFeatures } from './speaker.js';
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

describe('content end', () => {
  it('offers the clause boundaries of indirect content, the rules’ end and the sentence end, never inside a quotation', () => {
    const [d] = draftsOf('وقال الوزير إن الحكومة ستواصل العمل "بلا توقف، ولا تردد"، كما خرج المئات في المدينة رافعين المطالب.');
    const e = contentEnds(d!)!;
    expect(e).toBeDefined();
    const ends = e.cands.map((c) => d!.sentence.tokens[c.last]!.text);
    expect(ends).toContain('"'); // before "، كما"
    expect(ends).not.toContain('توقف'); // inside the quotation
    expect(ends[ends.length - 1]).toBe('المطالب');
  });

  it('moves the end where the weights say, and reads the type again', () => {
    const [d] = draftsOf('وقال الوزير إن الحكومة ستواصل العمل، كما خرج المئات في المدينة رافعين المطالب.');
    chooseContentEnd(d!, weights([feat('p=', ',', '|w=', 'كما'), 9]));
    expect(d!.content.text).toBe('الحكومة ستواصل العمل');
    expect(d!.type).toBe('indirect');
  });

  it('leaves direct quotations alone', () => {
    const [d] = draftsOf('وقال الوزير: "الحكومة ستواصل العمل، ولن تتراجع".');
    expect(d!.type).toBe('direct');
    expect(contentEnds(d!)).toBeUndefined();
  });
});

describe('previous speaker features', () => {
  it('mark the candidate that is the previous record’s speaker, by its words or its place', () => {
    const [a, b] = draftsOf('وقال الوزير سامي فريد إن الحوار مستمر. وأضاف أن الحكومة لن تتراجع.');
    const spk = { start: a!.source!.start, end: a!.source!.end, text: a!.source!.text };
    expect(previousSpeakerFeatures(b!, a, spk, spk).length).toBeGreaterThan(0);
    expect(previousSpeakerFeatures(b!, a, spk, { ...spk, start: spk.start + 100, end: spk.end + 100 }).length).toBeGreaterThan(0); // the same words elsewhere
    expect(previousSpeakerFeatures(b!, a, spk, null)).toEqual([]);
    expect(previousSpeakerFeatures(b!, undefined, null, spk)).toEqual([]);
    expect(previousSpeakerFeatures(b!, a, spk, { start: 0, end: 2, text: 'وق' })).toEqual([]);
  });
});
