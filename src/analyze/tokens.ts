/** The tokens stage: every token of the text (all blocks), with norm, clitics and stem. */
import type { Doc } from '../doc/index.js';
import { tokens, type Lexeme, type TokenOptions } from '../text/index.js';
import type { Stage } from './pipeline.js';

export function tokensStage(options: TokenOptions = {}): Stage {
  return {
    name: 'tokens',
    requires: [],
    assigns: ['tokens'],
    run(doc: Doc) {
      const lexemes: Array<Lexeme | undefined> = [];
      doc.tokens = tokens(doc.text, options, lexemes);
      doc.lexemes = lexemes;
    },
  };
}
