/**
 * eval:ner — entity-level precision, recall and F1 (exact span and type, as conlleval and seqeval
 * count them), overall and per type.
 *
 *   npm run eval:ner -- FILE              FILE holds `word gold predicted` lines (the output of
 *                                         `isnad ner --conll`): scored as they are
 *   npm run eval:ner -- FILE              FILE holds `word TAG` lines (gold CoNLL): isnad tags it
 *   npm run eval:ner -- --split block     the dev block of ANERcorp's training file (its last 15%,
 *                                         whole documents; ner/split.ts), tagged by isnad; the
 *                                         shipped model never trained on it. `--split sentences`:
 *                                         the old every-10th-sentence split (a model trained with
 *                                         `train:ner -- --holdout sentences`)
 *   options: --no-rules   the model alone, without the news conventions of ner/rules.ts
 *            --docs N     with --split: N consecutive sentences read as one document, with the
 *                         entities stage's document-level steps (propagation)
 *            --json       the scores as JSON too
 *
 * Gold PERS is read as PER (ANERcorp's name for it).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readAnercorp } from '../ner/anercorp.js';
import { parseConll, type ConllSentence } from '../ner/conll.js';
import { loadNerModel } from '../ner/load.js';
import { tagDocument, tagWords } from '../ner/predict.js';
import { formatScores, parseScored, scoreLabels, type NerScores } from '../ner/score.js';
import { mapTag, selectSplit, SPLIT_NAMES, type SplitName } from '../ner/split.js';

/** Tags gold sentences with the shipped model and scores them. */
export function evaluateSentences(sentences: readonly ConllSentence[], rules = true, docs = 0): NerScores {
  const model = loadNerModel();
  const gold = sentences.map((s) => s.tags.map(mapTag));
  let pred: string[][];
  if (docs > 0) {
    // consecutive sentences taken as documents of `docs` sentences (ANERcorp marks no documents)
    pred = [];
    for (let i = 0; i < sentences.length; i += docs) pred.push(...tagDocument(model, sentences.slice(i, i + docs).map((s) => s.words), { rules }));
  } else pred = sentences.map((s) => tagWords(model, s.words, { rules }));
  return scoreLabels(gold, pred);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { split: { type: 'string' }, 'no-rules': { type: 'boolean' }, json: { type: 'boolean' }, docs: { type: 'string' } },
  });
  const rules = !values['no-rules'];
  let scores: NerScores;
  let title: string;
  if (values.split) {
    const split = values.split as SplitName;
    if (!SPLIT_NAMES.includes(split)) throw new Error(`ISNAD_USAGE: unknown --split "${split}"; use ${SPLIT_NAMES.join(', ')}`);
    const sentences = selectSplit(readAnercorp(), split);
    const docs = Number(values.docs ?? 0);
    scores = evaluateSentences(sentences, rules, docs);
    const what = split === 'block' ? ' (the dev block: the last 15%, whole documents)' : split === 'sentences' ? ' (every 10th sentence)' : '';
    title = `anercorp-train, ${split} split${what}, ${rules ? 'model + news conventions' : 'model alone'}${docs > 0 ? `, read ${docs} sentences at a time as documents` : ''}`;
  } else {
    const file = positionals[0];
    if (!file) {
      console.error('usage: npm run eval:ner -- FILE | --split block|sentences   [--no-rules] [--json]');
      process.exit(2);
    }
    const source = readFileSync(file === '-' ? 0 : file, 'utf8');
    const scored = parseScored(source);
    if (scored) {
      scores = scoreLabels(scored.gold, scored.pred);
      title = `${file} (word gold predicted)`;
    } else {
      scores = evaluateSentences(parseConll(source), rules);
      title = `${file} (gold CoNLL, tagged by isnad, ${rules ? 'model + news conventions' : 'model alone'})`;
    }
  }
  console.log(formatScores(scores, title));
  if (values.json) console.log(JSON.stringify(scores));
}

await main();
