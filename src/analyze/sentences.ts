/** The sentences stage: sentences inside each block (a sentence never crosses a block). */
import type { Doc, Sentence } from '../doc/index.js';
import { splitSentences } from '../text/index.js';
import type { Stage } from './pipeline.js';

export const sentencesStage: Stage = {
  name: 'sentences',
  requires: ['blocks', 'tokens'],
  assigns: ['sentences'],
  run(doc: Doc) {
    const toks = doc.tokens!;
    const out: Sentence[] = [];
    const quotes = new Int32Array(toks.length).fill(-1);
    let t = 0;
    doc.blocks!.forEach((b, bi) => {
      while (t < toks.length && toks[t]!.start < b.start) t++;
      let e = t;
      while (e < toks.length && toks[e]!.end <= b.end) e++;
      for (const [from, to] of splitSentences(toks, t, e, quotes)) {
        const start = toks[from]!.start;
        const end = toks[to - 1]!.end;
        out.push({ start, end, text: doc.text.slice(start, end), block: bi, tokenStart: from, tokenEnd: to });
      }
      t = e;
    });
    doc.sentences = out;
    doc.quotePartners = quotes;
  },
};
