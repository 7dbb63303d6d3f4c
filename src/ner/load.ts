/**
 * Node-only: reads the shipped NER model and word clusters from `models/` (next to `dist/`):
 *
 *   models/ner.bin.gz            the model (format in model.ts), gzipped
 *   models/ner-clusters.tsv.gz   the word clusters (format in clusters.ts), gzipped
 *
 * The core never does I/O: node.ts registers {@link loadNerModel} as the default model provider.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { WordClusters } from './clusters.js';
import { NerModel, NerModelError } from './model.js';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
export const MODEL_PATH = MODELS_DIR + 'ner.bin.gz';
export const CLUSTERS_PATH = MODELS_DIR + 'ner-clusters.tsv.gz';

/** Digest of a cluster file's text: the model records the one it was trained with. */
export function clustersDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export interface LoadedClusters {
  clusters: WordClusters;
  digest: string;
}

const gunzipText = (path: string): string => gunzipSync(readFileSync(path)).toString('utf8');

/** Reads a cluster file (gzipped or not). */
export function loadClusters(path = CLUSTERS_PATH): LoadedClusters {
  if (!existsSync(path)) throw new NerModelError('ISNAD_NER_NO_CLUSTERS', `no cluster file at ${path}; build it with npm run build:clusters`);
  const text = path.endsWith('.gz') ? gunzipText(path) : readFileSync(path, 'utf8');
  return { clusters: WordClusters.parse(text), digest: clustersDigest(text) };
}

/** Reads a model file and its clusters. Throws a {@link NerModelError} (ISNAD_NER_NO_MODEL, …_VERSION, …_CLUSTERS_MISMATCH). */
export function loadNerModel(path = MODEL_PATH, clustersPath = CLUSTERS_PATH): NerModel {
  if (!existsSync(path)) throw new NerModelError('ISNAD_NER_NO_MODEL', `no NER model at ${path}; train one with npm run train:ner`);
  const raw = readFileSync(path);
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const { clusters, digest } = loadClusters(clustersPath);
  return NerModel.fromBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), clusters, digest);
}

/** True when the shipped model file exists. */
export function hasNerModel(path = MODEL_PATH): boolean {
  return existsSync(path);
}
