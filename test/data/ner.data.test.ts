// Data-driven checks of the NER model and the entities stage on the shared data (skipped without ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { dataDir, readCorpus } from '../../src/ingest/corpus/index.js';
import { readAnercorp, ANERCORP_FILE } from '../../src/ner/anercorp.js';
import { hasNerModel, loadNerModel } from '../../src/ner/load.js';
import '../../src/ner/node.js';
import { tagWords } from '../../src/ner/predict.js';
import { scoreLabels } from '../../src/ner/score.js';
import { mapTag, selectSplit } from '../../src/ner/split.js';

const data = dataDir();
const ready = data !== undefined && existsSync(join(data, ANERCORP_FILE)) && hasNerModel();
if (!ready) console.warn('NER data tests skipped: no shared data at ISNAD_DATA or ../shared (or no models/ner.bin.gz)');

describe.skipIf(!ready)('NER on the shared data', () => {
  it('entity F1 on the dev block of anercorp-train (never trained on) is at least 0.80, with and without the news conventions', () => {
    const model = loadNerModel();
    const dev = selectSplit(readAnercorp(), 'block');
    expect(dev).toHaveLength(595);
    const gold = dev.map((s) => s.tags.map(mapTag));
    const alone = scoreLabels(gold, dev.map((s) => tagWords(model, s.words, { rules: false })));
    const withRules = scoreLabels(gold, dev.map((s) => tagWords(model, s.words)));
    expect(alone.overall.f1).toBeGreaterThanOrEqual(0.8);
    expect(withRules.overall.f1).toBeGreaterThanOrEqual(0.8);
    expect(alone.byType.LOC!.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('seed article: its places and organizations, in body text only', () => {
    const text = readFileSync(join(data!, 'corpus/seed/aleppo-2016.txt'), 'utf8');
    const doc = analyze(text, { id: 'seed' });
    const ents = doc.entities!;
    const has = (type: string, t: string): boolean => ents.some((e) => e.type === type && e.text === t);
    for (const place of ['حلب', 'سوريا', 'تركيا']) expect(has('LOC', place), place).toBe(true);
    // (دايلى بيست, a foreign outlet after موقع, is missed since the model learned from NewsFANE too: a known miss, docs/ner.md)
    for (const org of ['الجيش السورى', 'وزارة الخارجية الروسية', 'المرصد السورى لحقوق الإنسان', 'حركة نور الدين الزنكى', 'داعش']) {
      expect(has('ORG', org), org).toBe(true);
    }
    const army = ents.filter((e) => e.text === 'الجيش السورى');
    expect(army.length).toBeGreaterThanOrEqual(4);
    expect(new Set(army.map((e) => e.id)).size).toBe(1);
    expect(ents.filter((e) => e.text === 'حلب').length).toBeGreaterThanOrEqual(6);
    for (const e of ents) expect(doc.blocks!.some((b) => b.type === 'body' && e.start >= b.start && e.end <= b.end)).toBe(true);
  });

  it('Egyptian same-day articles: the people named', async () => {
    const people = new Set<string>();
    for await (const r of readCorpus('egyptian')) for (const e of analyze(r.text, { id: r.id }).entities!) if (e.type === 'PER') people.add(e.text.replace(/[أإ]/g, 'ا'));
    for (const name of ['مصطفى مدبولي', 'جاسم الزعابي', 'شريف فاروق', 'احمد فتحي', 'احمد كمال']) expect(people.has(name), name).toBe(true);
  });
});
