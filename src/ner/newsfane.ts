/**
 * NewsFANE Gold (Alotaibi & Lee, COLING 2014; CC BY-SA 3.0): 168k newswire tokens annotated with 50
 * fine-grained classes, read as more training data for the NER model. Two bridges make it look like
 * ANERcorp, which the model is trained and judged on:
 *
 * - **classes**: each fine class maps to PER / LOC / ORG / MISC or to nothing, by what ANERcorp's
 *   annotators do with the same names (measured: for every NewsFANE entity whose words also occur in
 *   ANERcorp, the tag ANERcorp gives them most). Nations and cities are LOC there; politicians,
 *   athletes, artists PER; parties, clubs, media, companies ORG; books, films, weapons MISC. Two
 *   classes are left untagged because ANERcorp leaves them so: Group (العرب، المسلمين،
 *   الإسرائيليين: O in 524 of 601 cases) and Government (الجيش الإسرائيلي، الحكومة اللبنانية: ANERcorp
 *   does not tag ministries and armies; the entities layer's news conventions name them, rules.ts).
 * - **MISC it does not annotate**: ANERcorp's MISC is mostly currencies (دولار 107 of 107 times),
 *   religions and their books (الإسلام، الله، القرآن), prizes (نوبل) and the World Cup; NewsFANE has
 *   no class for them and leaves them O, which would teach the model they are not names. The bridge
 *   tags those words (untagged in NewsFANE, from the list below) MISC, as ANERcorp does.
 * - **form**: NewsFANE splits many clitics off as tokens ("و قال", "ان ه", "ب ما") and writes ل + ال
 *   as "لال"; our tokens never split a word, so a lone proclitic joins the next word and a lone
 *   pronoun the word before (an untagged clitic only: "د ب ا", the agency, is three tagged letters).
 *   Its hamzas are mostly stripped (اعلن): the model reads `match` forms, where they are one anyway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../ingest/corpus/index.js';
import { parseConll, type ConllSentence } from './conll.js';

export const NEWSFANE_FILE = 'ner/newsfane/NewsFANE_Gold_2014_170K.txt';

/** Fine class → the coarse type ANERcorp would give it (absent: untagged). */
export const NEWSFANE_CLASSES: Readonly<Record<string, 'PER' | 'LOC' | 'ORG' | 'MISC'>> = {
  // people
  Politician: 'PER', Athlete: 'PER', Artist: 'PER', Other_PER: 'PER', Religious_PER: 'PER', Scientist: 'PER',
  Police: 'PER', Businessperson: 'PER', Lawyer: 'PER', Engineer: 'PER',
  // places
  Nation: 'LOC', 'Population-Center': 'LOC', 'State-or-Province': 'LOC', 'GPE-Cluster': 'LOC', Continent: 'LOC',
  'Water-Body': 'LOC', 'County-or-District': 'LOC', 'Land-Region-Natural': 'LOC', Airport: 'LOC', Path: 'LOC',
  // organizations
  'Non-Governmental': 'ORG', Sports: 'ORG', Media: 'ORG', Commercial: 'ORG', Educational: 'ORG',
  'Medical-Science': 'ORG', Entertainment: 'ORG', Religious_ORG: 'ORG',
  // other names
  'Building-Grounds': 'MISC', Book: 'MISC', Movie: 'MISC', Land: 'MISC', Air: 'MISC', Water: 'MISC',
  Projectile: 'MISC', Shooting: 'MISC', Drug: 'MISC', Food: 'MISC', Software: 'MISC', Hardware: 'MISC',
};

/** Words ANERcorp tags MISC and NewsFANE leaves untagged (compared with hamzas, ى and ة folded). */
const UNANNOTATED_MISC = new Set(
  [
    'دولار', 'دولارا', 'دولارات', 'الدولار', 'والدولار', 'بالدولار', 'درهم', 'دراهم', 'درهما', 'جنيه', 'جنيها', 'الجنيه',
    'يورو', 'اليورو', 'شيكل', 'فرنك', 'روبل', 'ريالا', 'الإسلام', 'والإسلام', 'للإسلام', 'بالإسلام', 'الله', 'لله', 'القرآن',
    'الإنجيل', 'التوراة', 'نوبل', 'أوسكار', 'المونديال',
  ].map(fold),
);
/** Follows a currency inside its name: جنيه إسترليني. */
const CURRENCY_TAIL = fold('إسترليني');

function fold(w: string): string {
  return w.replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
}

const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'س']);
const ENCLITICS = new Set(['ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كما', 'كن', 'نا', 'ي', 'ني']);
const ARABIC_WORD = /^[\u0621-\u064a\u0660-\u0669\u066e-\u06d3]+$/;
// direction marks and the byte-order mark NewsFANE puts before its words
const INVISIBLE = /[\u200e\u200f\ufeff]/g;

/** A coarse BIO tag from a NewsFANE tag (O for the classes ANERcorp leaves untagged). */
export function coarseTag(tag: string): string {
  const m = /^([BI])-(.+)$/.exec(tag);
  if (!m) return 'O';
  const t = NEWSFANE_CLASSES[m[2]!];
  return t ? `${m[1]}-${t}` : 'O';
}

/** NewsFANE sentences in ANERcorp's form: coarse tags, clitics joined to their words. */
export function bridgeNewsfane(sentences: readonly ConllSentence[]): ConllSentence[] {
  const out: ConllSentence[] = [];
  for (const s of sentences) {
    const words: string[] = [];
    const tags: string[] = [];
    let pending = ''; // a lone proclitic waiting for its word
    for (let i = 0; i < s.words.length; i++) {
      let w = s.words[i]!.replace(INVISIBLE, '');
      let tag = coarseTag(s.tags[i]!);
      if (tag === 'O' && s.tags[i] === 'O') {
        if (UNANNOTATED_MISC.has(fold(w))) tag = 'B-MISC';
        else if (fold(w) === CURRENCY_TAIL && tags[tags.length - 1]?.endsWith('-MISC')) tag = 'I-MISC';
      }
      if (w === '') continue;
      const next = s.words[i + 1]?.replace(INVISIBLE, '');
      if (tag === 'O' && PROCLITICS.has(w) && next !== undefined && ARABIC_WORD.test(next) && !PROCLITICS.has(next)) {
        pending += w;
        continue;
      }
      if (tag === 'O' && ENCLITICS.has(w) && pending === '' && words.length > 0 && ARABIC_WORD.test(words[words.length - 1]!)) {
        words[words.length - 1] += w;
        continue;
      }
      if (pending) {
        w = pending + w;
        pending = '';
      }
      // ل + ال is written لل (لالاتحاد → للاتحاد)
      w = w.replace(/^([وف]?)لال(?=..)/, '$1لل');
      words.push(w);
      tags.push(tag);
    }
    if (words.length > 0) out.push({ words, tags: repairBio(tags) });
  }
  return out;
}

/** An I- tag whose chunk was dropped (an untagged class before it) starts its own chunk. */
function repairBio(tags: string[]): string[] {
  return tags.map((t, i) => (t.startsWith('I-') && tags[i - 1]?.slice(2) !== t.slice(2) ? `B-${t.slice(2)}` : t));
}

/** The path of NewsFANE Gold in the shared data folder, or undefined when the folder is absent. */
export function newsfanePath(): string | undefined {
  const d = dataDir();
  return d ? join(d, NEWSFANE_FILE) : undefined;
}

/** Reads NewsFANE Gold from the data folder, bridged to ANERcorp's form. */
export function readNewsfane(path?: string): ConllSentence[] {
  const p = path ?? newsfanePath();
  if (!p) throw new Error('ISNAD_NO_DATA: no shared data folder (set ISNAD_DATA or put it at ../shared)');
  return bridgeNewsfane(parseConll(readFileSync(p, 'utf8').replace(INVISIBLE, '')));
}
