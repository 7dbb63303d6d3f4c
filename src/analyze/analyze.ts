/** The default pipeline and the one-call entry point. */
import { Doc, type Meta } from '../doc/index.js';
import { Pipeline, type Stage } from './pipeline.js';
import { sentencesStage } from './sentences.js';
import { structureStage } from './structure.js';
import { tokensStage } from './tokens.js';
import { attributionStage } from './attribution/index.js';
import { entitiesStage } from './entities.js';
import { defaultNerModel } from './ner-provider.js';

export interface AnalyzeOptions {
  id?: string;
  meta?: Meta;
  /** stages to run instead of the default pipeline */
  stages?: readonly Stage[];
}

/** structure → tokens → sentences → entities (the registered NER model, see ner-provider.ts) → attributions */
export function defaultStages(): Stage[] {
  return [structureStage, tokensStage(), sentencesStage, entitiesStage(defaultNerModel), attributionStage];
}

let defaultPipeline: Pipeline | undefined;

/** Analyzes one article's plain text. */
export function analyze(text: string, options: AnalyzeOptions = {}): Doc {
  const pipeline = options.stages ? new Pipeline(options.stages) : (defaultPipeline ??= new Pipeline(defaultStages()));
  return pipeline.run(new Doc(text, options.id, options.meta ?? {}));
}
