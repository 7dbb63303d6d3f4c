// Data checks of the dedup layer on the shared corpora (skipped without ../shared): the Egyptian
// same-day clusters, boilerplate kept out of the comparison, and the labeled pairs' ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataDir, readCorpus, type SourceRecord } from '../../src/ingest/corpus/index.js';
import { bodyWords, compare, fingerprint } from '../../src/dedup/index.js';
import { egyptianCheck, pairsPath } from '../../src/eval/dedup.js';
import { parsePairs } from '../../src/eval/dedup-score.js';

const data = dataDir();
if (!data) console.warn('dedup data tests skipped: no shared data at ISNAD_DATA or ../shared');

describe.skipIf(!data)('dedup on real articles', () => {
  it('the six Egyptian articles come out as their two same-day clusters', async () => {
    const r = await egyptianCheck();
    expect(r.articles).toBe(6);
    expect(r.ok).toBe(true);
    expect(r.stories).toHaveLength(2);
    // the four Ras El Hekma copies and the two supply-minister copies are near-duplicate groups too
    expect(r.groups.map((g) => g.length).sort()).toEqual([2, 4]);
    expect(r.bodyWords).toBeLessThan(r.words);
  });

  it('site boilerplate is ignored: El Watan’s two articles share its trailer, not their bodies', async () => {
    const recs: SourceRecord[] = [];
    for await (const r of readCorpus('egyptian')) recs.push(r);
    const byId = new Map(recs.map((r) => [r.id, r]));
    const whole = (r: SourceRecord) => fingerprint({ words: bodyWords(r.text, [{ start: 0, end: r.text.length, text: r.text }]), date: r.meta.date });
    const body = (r: SourceRecord) => fingerprint({ text: r.text, title: r.meta.title, date: r.meta.date });
    const a = byId.get('egy-elwatannews-8067548')!;
    const b = byId.get('egy-elwatannews-8067553')!;
    expect(compare(whole(a), whole(b)).coverShort).toBeGreaterThan(0.3);
    expect(compare(body(a), body(b)).coverShort).toBeLessThan(0.05);
    // with the trailer left out, El Watan's copy of the Youm7 release is the same text
    const y = byId.get('egy-youm7-6962678')!;
    expect(compare(whole(a), whole(y)).coverLong).toBeLessThan(0.6);
    expect(compare(body(a), body(y)).coverLong).toBeGreaterThan(0.9);
  });

  it('every labeled pair names two articles of SaudiNewsNet or ANT multi-source', async () => {
    const pairs = parsePairs(readFileSync(pairsPath(), 'utf8'));
    const want = new Set(pairs.flatMap((p) => [p.a, p.b]));
    for (const c of ['saudinewsnet', 'ant-multisource'] as const) for await (const r of readCorpus(c)) want.delete(r.id);
    expect([...want]).toEqual([]);
  });
});
