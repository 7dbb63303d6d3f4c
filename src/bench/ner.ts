/**
 * bench:ner — the entities stage on real news, on one core.
 *
 *   model load   cold load of models/ner.bin.gz and the cluster file (time, heap and RSS growth)
 *   entities     the stage alone over documents already through structure, tokens and sentences:
 *                tokens/s counting every token of the documents, and counting only the tokens of
 *                body sentences (the ones the model decodes); the first pass (cold word cache) and
 *                the best of --rounds passes
 *   analyze      the whole default pipeline, for scale
 *
 * Usage: npm run bench:ner [-- --limit 3000 --corpus saudinewsnet --rounds 3]
 */
import '../ner/node.js';
import { parseArgs } from 'node:util';
import { analyze, entitiesStage, Pipeline, sentencesStage, structureStage, tokensStage } from '../analyze/index.js';
import { Doc } from '../doc/index.js';
import type { CorpusName } from '../ingest/corpus/index.js';
import { loadNerModel } from '../ner/load.js';
import { fmt, gc, heapMB, loadArticles, peakRssMB, table } from './util.js';

const { values } = parseArgs({ options: { limit: { type: 'string' }, corpus: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } } });
const limit = Number(values.limit ?? 3000);
const corpus = (values.corpus ?? 'saudinewsnet') as CorpusName;
const rounds = Number(values.rounds ?? 3);

const rssMB = (): number => process.memoryUsage().rss / 1024 / 1024;
const externalMB = (): number => (process.memoryUsage().external + process.memoryUsage().arrayBuffers) / 1024 / 1024;

// 1. model load, before anything else is in memory
gc();
const heap0 = heapMB();
const rss0 = rssMB();
const ext0 = externalMB();
const t0 = performance.now();
const model = loadNerModel();
const loadMs = performance.now() - t0;
gc();
const modelHeap = heapMB() - heap0;
const modelRss = rssMB() - rss0;
const modelExt = externalMB() - ext0;
console.log(`bench:ner — model: ${fmt(model.rows)} feature rows × ${model.labels.length} labels; loaded in ${fmt(loadMs)} ms; memory +${fmt(modelHeap, 1)} MB heap, +${fmt(modelExt, 1)} MB array buffers, +${fmt(modelRss, 1)} MB RSS`);

// 2. documents through the stages before entities
const articles = await loadArticles(corpus, limit);
const before = new Pipeline([structureStage, tokensStage(), sentencesStage]);
const docs = articles.map((a) => before.run(new Doc(a.text, a.id)));
let allTokens = 0;
let bodyTokens = 0;
for (const d of docs) {
  allTokens += d.tokens!.length;
  for (const s of d.sentences!) if (d.blocks![s.block]!.type === 'body') bodyTokens += s.tokenEnd - s.tokenStart;
}
console.log(`${fmt(docs.length)} ${corpus} articles, ${fmt(allTokens)} tokens, ${fmt(bodyTokens)} in body sentences; one core, best of ${rounds}`);

const stage = entitiesStage(() => model);
const pass = (): { seconds: number; entities: number } => {
  let entities = 0;
  const t = performance.now();
  for (const d of docs) {
    stage.run(d);
    entities += d.entities!.length;
  }
  return { seconds: (performance.now() - t) / 1000, entities };
};
gc();
const heapBefore = heapMB();
const first = pass();
gc();
const stageHeap = heapMB() - heapBefore;
let best = first.seconds;
for (let r = 1; r < rounds; r++) best = Math.min(best, pass().seconds);
const row = (name: string, s: number): Record<string, string | number> => ({
  measure: name,
  'tokens/s': Math.round(allTokens / s),
  'body tokens/s': Math.round(bodyTokens / s),
  'docs/s': Math.round(docs.length / s),
  seconds: fmt(s, 2),
});
// 3. the whole pipeline, for scale (on a slice)
const slice = articles.slice(0, Math.min(1000, articles.length));
const sliceTokens = docs.slice(0, slice.length).reduce((n, d) => n + d.tokens!.length, 0);
for (const a of slice.slice(0, 100)) analyze(a.text);
const ta = performance.now();
for (const a of slice) analyze(a.text, { id: a.id });
const analyzeS = (performance.now() - ta) / 1000;
const rows = [row('entities stage, first pass (cold word cache)', first.seconds), row('entities stage, best pass', best)];
rows.push({ measure: `analyze() whole pipeline (${slice.length} docs)`, 'tokens/s': Math.round(sliceTokens / analyzeS), 'body tokens/s': '', 'docs/s': Math.round(slice.length / analyzeS), seconds: fmt(analyzeS, 2) });
console.log(table(rows));
console.log(`${fmt(first.entities)} entities (${fmt((1000 * first.entities) / allTokens, 1)} per 1,000 tokens); heap growth over the first pass (word-feature cache + entities layers) ${fmt(stageHeap, 1)} MB; peak RSS ${fmt(peakRssMB())} MB (documents held in memory included)`);
if (values.json) {
  console.log(JSON.stringify({ loadMs, modelHeapMB: modelHeap, modelExternalMB: modelExt, modelRssMB: modelRss, docs: docs.length, tokens: allTokens, bodyTokens, firstSeconds: first.seconds, stageHeapMB: stageHeap, bestSeconds: best, entities: first.entities }));
}
