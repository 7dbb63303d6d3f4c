// Data-driven checks of attribution on the shared dev gold (skipped without ../shared).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../../src/ingest/corpus/index.js';
import { score } from '../../src/eval/attribution-score.js';
import { predict, readJsonl } from '../../src/eval/attribution.js';

const data = dataDir();
const goldPath = data ? join(data, 'gold/attribution-dev.jsonl') : '';
const ok = !!data && existsSync(goldPath);
if (!ok) console.warn('attribution data tests skipped: no ../shared/gold/attribution-dev.jsonl (set ISNAD_DATA)');

describe.skipIf(!ok)('attribution on the dev gold', () => {
  const docs = ok ? predict(readJsonl(goldPath)) : [];

  it('the seed article: every attribution found, with the Daily Beast relay, its hedge, and the video message medium', () => {
    const seed = docs.find((d) => d.id.startsWith('seed'))!;
    const s = score([seed]);
    expect(s.perDoc[0]!.missed).toEqual([]);
    const relay = seed.pred.find((p) => p.via.length > 0 && p.hedge);
    expect(relay).toBeDefined();
    const relayGold = seed.gold.find((g) => g.via.length > 0)!;
    expect(relay!.via[0]!.start).toBeLessThanOrEqual(relayGold.via[0]!.start + 5);
    expect(relay!.hedge!.start).toBe(relayGold.hedge!.start);
    const videoGold = seed.gold.find((g) => g.type === 'direct' && g.medium && g.medium.text.length > 40)!;
    const video = seed.pred.find((p) => p.cue.start === videoGold.cue.start)!;
    expect(video.medium).not.toBeNull();
    expect(video.medium!.start < videoGold.medium!.end && videoGold.medium!.start < video.medium!.end).toBe(true);
  });

  it('whole dev gold stays above its measured level (a regression guard, not the bar)', () => {
    const s = score(docs);
    expect(s.cue.f1).toBeGreaterThan(0.85);
    expect(s.contentOverlap.f1).toBeGreaterThan(0.85);
    expect(s.contentExact.f1).toBeGreaterThan(0.65);
    expect(s.speakerHeadAccuracy).toBeGreaterThan(0.65);
  });
});

describe.skipIf(!ok)('attribution gold annotated here, and the learned models', () => {
  it('every stored annotation rebuilds from the corpora: article found, same SHA-1, spans inside the text', async () => {
    const { loadStoredGold, storedGoldFiles } = await import('../../src/eval/gold-store.js');
    const files = storedGoldFiles();
    expect(files.length).toBeGreaterThan(0);
    const { docs, problems } = await loadStoredGold(files);
    expect(problems).toEqual([]);
    expect(docs.length).toBeGreaterThanOrEqual(200);
    for (const d of docs) for (const r of d.attributions) for (const s of [r.cue, r.content, r.source, r.speaker, r.medium, r.hedge, ...r.via]) {
      if (s) expect(d.text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('cross-validated by article, the learned models beat the rules alone on speakers and do not lose cues', async () => {
    const { loadAllGold, prepare, crossValidate, kFolds, predictWith } = await import('../../src/eval/train-attribution.js');
    const { docs } = await loadAllGold();
    const prepared = prepare(docs).filter((p) => !p.sealed);
    const learned = score(crossValidate(prepared, kFolds(prepared, 3)));
    const rules = score(prepared.map((p) => predictWith(p, null)));
    expect(learned.speakerHeadAccuracy).toBeGreaterThan(rules.speakerHeadAccuracy);
    expect(learned.cue.f1).toBeGreaterThanOrEqual(rules.cue.f1 - 0.005);
  });
});
