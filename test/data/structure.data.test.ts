// Data-driven checks of article structure on the shared corpora (skipped without ../shared).
import { describe, expect, it } from 'vitest';
import { dataDir } from '../../src/ingest/corpus/index.js';
import { checkStructure } from '../../src/tools/check-structure.js';

const data = dataDir();
if (!data) console.warn('structure data tests skipped: no shared data at ISNAD_DATA or ../shared');

describe.skipIf(!data)('structure on real articles', () => {
  it('seed: all 5 paragraphs are body, at least 32 of 34 caption lines are captions; Egyptian trailers are not body', async () => {
    const r = await checkStructure(data!);
    expect(r.seed.paragraphs).toBe(5);
    expect(r.seed.paragraphsBody).toBe(5);
    expect(r.seed.shortLines).toBe(34);
    expect(r.seed.captions).toBeGreaterThanOrEqual(32);
    expect(r.egyptian.articles).toBe(6);
    expect(r.egyptian.paragraphsBody).toBe(r.egyptian.paragraphs);
    expect(r.egyptian.trailing).toBeGreaterThan(0);
    expect(r.egyptian.trailingNotBody).toBe(r.egyptian.trailing);
    expect(r.egyptian.leadingNotBody).toBe(r.egyptian.leading);
  });
});
