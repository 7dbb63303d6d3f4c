/**
 * Where the default pipeline gets its NER model. The core does no I/O, so it cannot read the model
 * file itself: a host registers a provider once (in Node, `src/ner/node.ts` does, lazily reading
 * models/ner.bin.gz on first use; in a browser, the page can fetch the file and register
 * `() => model`). Without a provider, the entities stage assigns an empty layer.
 */
import type { NerModel } from '../ner/model.js';

/** Returns the model to use, or undefined when there is none. Called on every document: memoize. */
export type NerModelProvider = () => NerModel | undefined;

let provider: NerModelProvider | undefined;

/** Sets (or, with undefined, removes) the provider the default pipeline's entities stage uses. */
export function setDefaultNerModelProvider(fn: NerModelProvider | undefined): void {
  provider = fn;
}

/** The default model: the provider's answer, or undefined when no provider is registered. */
export function defaultNerModel(): NerModel | undefined {
  return provider?.();
}
