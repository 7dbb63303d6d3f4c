/**
 * `isnad ner --conll FILE|-`: tags CoNLL-style input and writes conlleval's input.
 *
 * Reads `word TAG` lines (the tag is ignored; a line with only a word is fine), a blank line between
 * sentences; writes `word gold predicted` lines in the same layout, with ANERcorp's PERS written
 * PER so that gold and predicted types compare. Tagging goes through isnad's own tokens (see
 * src/ner/conll.ts) and, unless `rules: false`, the news conventions of src/ner/rules.ts.
 */
import { NerModelError } from '../ner/model.js';
import { parseConll } from '../ner/conll.js';
import { nodeNerModel } from '../ner/node.js';
import { tagWords } from '../ner/predict.js';
import { mapTag } from '../ner/split.js';
import { CliError } from './errors.js';
import { decode, readBytes } from './input.js';

export const HELP = `Usage: isnad ner --conll FILE|- [--no-rules]

Tags named entities (PER, ORG, LOC, MISC) in CoNLL-style input with isnad's
NER model, for scoring with conlleval or npm run eval:ner.

Input:
  --conll FILE          "word TAG" lines, a blank line between sentences (the
                        tag is the gold one, or anything: it is copied, not
                        used); - reads standard input
  --no-rules            the model alone, without isnad's news conventions
                        (institutions named whole: وزارة الخارجية الروسية)

Output: "word gold predicted" lines in the same layout (conlleval input);
gold PERS is written PER.

Examples:
  isnad ner --conll ../shared/ner/anercorp-train.txt > tagged.txt
  npm run eval:ner -- tagged.txt
`;

export interface NerCliOptions {
  /** apply the news conventions (default true) */
  rules?: boolean;
  maxBytes?: number;
}

/** Runs `isnad ner --conll input`; returns the exit status. */
export async function nerCommand(input: string, write: (s: string) => void, warn: (s: string) => void, options: NerCliOptions = {}): Promise<number> {
  const name = input === '-' ? 'standard input' : `"${input}"`;
  const text = decode(await readBytes(input, options.maxBytes ?? 100 * 1024 * 1024), name);
  let model;
  try {
    model = nodeNerModel();
  } catch (e) {
    if (e instanceof NerModelError) throw new CliError(e.code, e.message.replace(/^[A-Z_]+: /, ''));
    throw e;
  }
  if (!model) throw new CliError('ISNAD_NER_NO_MODEL', 'no NER model in models/ner.bin.gz; train one with npm run train:ner');
  const sentences = parseConll(text);
  let words = 0;
  for (const s of sentences) {
    const pred = tagWords(model, s.words, { rules: options.rules !== false });
    let out = '';
    for (let i = 0; i < s.words.length; i++) out += `${s.words[i]} ${mapTag(s.tags[i]!)} ${pred[i]}\n`;
    write(out + '\n');
    words += s.words.length;
  }
  warn(`isnad: tagged ${sentences.length} sentence${sentences.length === 1 ? '' : 's'}, ${words} words`);
  return 0;
}
