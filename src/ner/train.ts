/**
 * train:ner — trains the NER model from ANERcorp's training file and writes models/ner.bin.gz.
 *
 *   npm run train:ner [-- --epochs 10 --scheme bio --trace --out FILE --data FILE]
 *
 * Data: $ISNAD_DATA/ner/anercorp-train.txt (`word TAG`, BIO tags PERS/LOC/ORG/MISC; PERS → PER).
 * Every tenth sentence is the fixed dev split (split.ts) and is never trained on; the model is
 * evaluated on it at the end and its scores go into the model header.
 *
 * Learning: averaged structured perceptron (Collins 2002) over our own tokens (conll.ts aligns the
 * words), Viterbi decoding under the scheme's constraints, the sentences visited in a seeded
 * shuffled order each epoch. Everything is deterministic: the same data and code give the same
 * bytes. Features with no weight left after averaging are dropped; weights are stored as int16.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readAnercorp } from './anercorp.js';
import { WordClusters } from './clusters.js';
import { CLUSTERS_PATH, loadClusters, MODEL_PATH } from './load.js';
import { NerModel } from './model.js';
import { evaluate, SEED, train } from './perceptron.js';
import { formatScores } from './score.js';
import { readNewsfane } from './newsfane.js';
import { selectSplit, type SplitName } from './split.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string' },
      scheme: { type: 'string' },
      trace: { type: 'boolean' },
      out: { type: 'string' },
      data: { type: 'string' },
      clusters: { type: 'string' },
      'no-clusters': { type: 'boolean' },
      holdout: { type: 'string' },
      'no-newsfane': { type: 'boolean' },
    },
  });
  const log = (msg: string): void => console.error(`train:ner: ${msg}`);
  const t0 = performance.now();
  const all = readAnercorp(values.data);
  // held out: the dev block (default; what tuning decisions use) or the old every-10th-sentence split
  const holdout = (values.holdout ?? 'block') as 'block' | 'sentences';
  if (holdout !== 'block' && holdout !== 'sentences') throw new Error(`ISNAD_USAGE: unknown --holdout "${String(holdout)}"; use block or sentences`);
  const trainSplit: SplitName = holdout === 'block' ? 'train' : 'train-sentences';
  const anerTrain = selectSplit(all, trainSplit);
  const dev = selectSplit(all, holdout);
  // NewsFANE Gold, bridged to ANERcorp's classes and form (newsfane.ts): more news to learn from
  const extra = values['no-newsfane'] ? [] : readNewsfane();
  const trainSet = [...anerTrain, ...extra];
  log(`${all.length} ANERcorp sentences: ${anerTrain.length} train, ${dev.length} held out (${holdout === 'block' ? 'the dev block: the last 15%' : 'every 10th'}); ${extra.length} NewsFANE sentences`);
  const { clusters, digest } = values['no-clusters'] ? { clusters: WordClusters.empty, digest: '' } : loadClusters(values.clusters ?? CLUSTERS_PATH);
  const epochs = Number(values.epochs ?? 10);
  const scheme = (values.scheme ?? 'bio') as 'bio' | 'bilou';
  const params = train(trainSet, { epochs, scheme, clusters, clustersDigest: digest, log, ...(values.trace ? { trace: dev } : {}) });
  const trainSeconds = (performance.now() - t0) / 1000;
  // score the model as it will be read back (int16 weights)
  const shipped = NerModel.fromBytes(new NerModel(params, clusters).toBytes(), clusters, digest);
  const scores = evaluate(shipped, dev);
  console.log(formatScores(scores, holdout === 'block' ? 'dev block (the last 15% of anercorp-train, whole documents)' : 'dev sentences (every 10th sentence of anercorp-train)'));
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  params.training = {
    data: `anercorp-train.txt without ${holdout === 'block' ? 'the dev block (last 15%)' : 'sentences i % 10 = 9'}${extra.length ? ' + NewsFANE Gold' : ''}`,
    holdout,
    sentences: trainSet.length,
    scheme,
    epochs,
    seed: SEED,
    dev: { p: r4(scores.overall.p), r: r4(scores.overall.r), f1: r4(scores.overall.f1), byType: Object.fromEntries(Object.entries(scores.byType).map(([t, m]) => [t, r4(m.f1)])) },
  };
  const bytes = gzipSync(new NerModel(params, clusters).toBytes(), { level: 9 });
  const out = values.out ?? MODEL_PATH;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  log(`wrote ${out}: ${params.keys.length} features, ${(bytes.length / 1024 / 1024).toFixed(2)} MB; trained in ${trainSeconds.toFixed(1)} s`);
}

await main();
