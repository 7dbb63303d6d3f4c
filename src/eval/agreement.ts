/**
 * eval:agreement — how far two independent annotations of the same articles agree.
 *
 *   npm run eval:agreement
 *
 * The second annotations (`data/gold/attribution-agreement/*.jsonl`) are scored against the first
 * (`data/gold/attribution/*.jsonl`) with the attribution scorer: F1 is symmetric for spans paired
 * one-to-one, so it reads as agreement; speaker and type agreement are over records paired by cue.
 */
import { fileURLToPath } from 'node:url';
import { score, type ScoredDoc } from './attribution-score.js';
import { loadStoredGold, storedGoldFiles } from './gold-store.js';
import { formatScores } from './attribution.js';

async function main(): Promise<void> {
  const second = await loadStoredGold(storedGoldFiles(fileURLToPath(new URL('../../data/gold/attribution-agreement/', import.meta.url))));
  const first = await loadStoredGold(storedGoldFiles());
  for (const p of [...first.problems, ...second.problems]) console.error(`gold: ${p}`);
  const byId = new Map(first.docs.map((d) => [d.id, d]));
  const pairs: ScoredDoc[] = [];
  for (const d of second.docs) {
    const f = byId.get(d.id);
    if (f) pairs.push({ id: d.id, text: d.text, gold: f.attributions, pred: d.attributions });
  }
  if (pairs.length === 0) {
    console.error('eval:agreement: no article annotated twice (set ISNAD_DATA to the shared folder)');
    process.exit(2);
  }
  console.log(formatScores(score(pairs), `agreement of two independent annotations on ${pairs.length} articles (first as reference)`));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
