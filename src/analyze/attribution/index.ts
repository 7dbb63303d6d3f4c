// Attribution: who said what, through whom.
export { attributionStage, extractAttributions } from './stage.js';
export { attributionLexicons } from './lexicon.js';
