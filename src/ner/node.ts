/**
 * Node-only: registers the shipped NER model (and the attribution models, below) as the default pipeline's model, read from
 * models/ner.bin.gz on first use (lazily: importing this module costs nothing). Node entry points
 * (the CLI, evaluations, benchmarks) import it for this side effect; the core never does.
 * When the model file is absent the entities layer stays empty; a model that cannot be read
 * (wrong version, clusters that do not match) throws its coded error on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setDefaultNerModelProvider } from '../analyze/ner-provider.js';
import { loadModel, setAttributionModelProvider, type AttributionModel, type StoredAttributionModel } from '../analyze/attribution/learned.js';
import { hasNerModel, loadNerModel } from './load.js';
import type { NerModel } from './model.js';

let model: NerModel | undefined;
let loaded = false;

/** The shipped model, loaded once; undefined when the file is absent. */
export function nodeNerModel(): NerModel | undefined {
  if (!loaded) {
    loaded = true;
    model = hasNerModel() ? loadNerModel() : undefined;
  }
  return model;
}

setDefaultNerModelProvider(nodeNerModel);

// the attribution models (models/attribution.json, trained by npm run train:attribution): read
// once on first use; without the file the rules decide alone
const ATTRIBUTION_MODEL = fileURLToPath(new URL('../../models/attribution.json', import.meta.url));
let attribution: AttributionModel | undefined;
let attributionLoaded = false;
export function nodeAttributionModel(): AttributionModel | undefined {
  if (!attributionLoaded) {
    attributionLoaded = true;
    // ISNAD_ATTRIBUTION_MODEL=off: the rules alone (for comparison)
    if (process.env.ISNAD_ATTRIBUTION_MODEL !== 'off' && existsSync(ATTRIBUTION_MODEL)) {
      try {
        attribution = loadModel(JSON.parse(readFileSync(ATTRIBUTION_MODEL, 'utf8')) as StoredAttributionModel);
      } catch (e) {
        throw new Error(`ISNAD_ATTRIBUTION_MODEL: ${ATTRIBUTION_MODEL}: ${(e as Error).message}`);
      }
    }
  }
  return attribution;
}
setAttributionModelProvider(nodeAttributionModel);
