/**
 * The entities stage: named entities (PER, ORG, LOC, MISC) in the body text, found by the NER
 * model sentence by sentence over our own tokens, as spans of the original text (mentions.ts says
 * how clitics and punctuation at the edges are left out), each with its document-level entity id
 * and cross-document key. The model's labels pass through the news conventions of ner/rules.ts
 * (institutions named whole: وزارة الخارجية الروسية، الجيش السوري), then people and places found
 * once are found at their other untagged mentions in the body, and each name keeps one type in the
 * document (ner/propagate.ts). Without a model (`getModel()` returns undefined) the layer is empty.
 */
import type { Doc, Entity } from '../doc/index.js';
import type { EntityType } from '../doc/index.js';
import { chunks } from '../ner/conll.js';
import { groupMentions, mentionKey, mentionSpan, trimFunctionWords } from '../ner/mentions.js';
import type { NerModel } from '../ner/model.js';
import type { WordInfo } from '../ner/features.js';
import { tagSentence } from '../ner/predict.js';
import { documentSteps, type LabelledSentence } from '../ner/propagate.js';
import type { Token } from '../text/index.js';
import type { Stage } from './pipeline.js';

const TYPES = new Set<string>(['PER', 'ORG', 'LOC', 'MISC']);

export function entitiesStage(getModel: () => NerModel | undefined): Stage {
  return {
    name: 'entities',
    requires: ['blocks', 'tokens', 'sentences'],
    assigns: ['entities'],
    run(doc: Doc) {
      const model = getModel();
      const out: Entity[] = [];
      if (model) {
        const toks = doc.tokens!;
        const keys: string[] = [];
        const tagged: LabelledSentence[] = [];
        // what the extractor knows of each token, as tagging read it: propagation compares words by it
        const infos: WordInfo[] = new Array(toks.length);
        for (const s of doc.sentences!) {
          if (doc.blocks![s.block]!.type !== 'body') continue;
          tagged.push({ tokens: toks, from: s.tokenStart, to: s.tokenEnd, labels: tagSentence(model, toks, s.tokenStart, s.tokenEnd, {}, infos, doc.lexemes) });
        }
        const keyOf = (t: Token, i: number): string => (infos[i] ?? model.extractor.word(t)).key;
        documentSteps(tagged, keyOf);
        for (const s of tagged) {
          for (const c of chunks(s.labels)) {
            if (!TYPES.has(c.type)) continue;
            const [from, to] = trimFunctionWords(toks, s.from + c.start, s.from + c.end);
            if (from >= to) continue;
            const sp = mentionSpan(doc.text, toks, from, to);
            if (!sp) continue;
            out.push({ start: sp.start, end: sp.end, text: doc.text.slice(sp.start, sp.end), type: c.type as EntityType });
            keys.push(mentionKey(toks.slice(from, to)));
          }
        }
        const g = groupMentions(out.map((e, i) => ({ type: e.type, key: keys[i]! })));
        out.forEach((e, i) => {
          e.id = g.ids[i]!;
          e.key = g.keys[i]!;
        });
      }
      doc.entities = out;
    },
  };
}
