/**
 * Node-only: registers the shipped NER model as the default pipeline's model, read from
 * models/ner.bin.gz on first use (lazily: importing this module costs nothing). Node entry points
 * (the CLI, evaluations, benchmarks) import it for this side effect; the core never does.
 * When the model file is absent the entities layer stays empty; a model that cannot be read
 * (wrong version, clusters that do not match) throws its coded error on first use.
 */
import { setDefaultNerModelProvider } from '../analyze/ner-provider.js';
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
