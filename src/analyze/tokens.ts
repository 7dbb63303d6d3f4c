/** The tokens stage: every token of the text (all blocks), with norm, clitics and stem. */
import type { Doc } from '../doc/index.js';
import { tokens, type TokenOptions } from '../text/index.js';
import type { Stage } from './pipeline.js';

export function tokensStage(options: TokenOptions = {}): Stage {
  return {
    name: 'tokens',
    requires: [],
    assigns: ['tokens'],
    run(doc: Doc) {
      doc.tokens = tokens(doc.text, options);
    },
  };
}
