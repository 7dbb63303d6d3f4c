/**
 * Clitic analysis of one Arabic word: proclitics, base and pronoun enclitic.
 *
 * Works on the word's `bare` form (no vowels, spelling kept) and returns lengths in it, so callers
 * map pieces back to original offsets. Proclitics, outermost first:
 *   conjunction و ف → preposition ب ل ك, or future س before an imperfect verb → article ال
 *   (ل + ال is written لل: للمسلحين = ل + ال + مسلحين).
 * Enclitics (only on words without the article): ه ها هم هما هن كم كما نا.
 * First-person ي/ني are not split: in news they are far more often part of a nisba adjective
 * (سوري، وطني) than a pronoun.
 *
 * Ambiguity (وزير is not و + زير; بيان is not ب + يان) is settled by a word-frequency vocabulary
 * built from news corpora: a clitic is split off when what remains is itself a common word,
 * relative to the whole form. Without a vocabulary, length guards and the function-word list decide.
 */
import { normalize } from './normalize.js';
import { lexicon } from './lexicon.js';

export interface Vocabulary {
  /** How often the `match`-normalized form occurs (0 when unknown). */
  count(form: string): number;
}

export interface CliticAnalysis {
  /** proclitics outermost first, in their dictionary form: و ف ب ل ك س ال */
  pre: string[];
  /** length, in the bare form, of the proclitics (لل counts 2 for ل + ال) */
  preLen: number;
  /** the enclitic pronoun ('' when none) */
  suf: string;
  sufLen: number;
}

const NONE: CliticAnalysis = Object.freeze({ pre: [], preLen: 0, suf: '', sufLen: 0 }) as CliticAnalysis;

// ك and كن are left out: far more often a word's own letters (يشارك، أماكن، تمكن) than "you"
const ENCLITICS = ['هما', 'كما', 'هم', 'هن', 'كم', 'ها', 'نا', 'ه'];
/** Enclitics safe to split without a vocabulary when the stem keeps ≥ 3 letters. */
const SAFE_ENCLITICS = new Set(['هما', 'هم', 'ها', 'هن']);

/** Minimum count for a remainder to count as a known word. */
const MIN_COUNT = 5;
/**
 * How common a remainder must be relative to the form it came from, per clitic. Definite and
 * conjoined forms are often far more frequent than their bare remainder (السوري ≫ سوري,
 * وأضاف ≫ أضاف), while a false split leaves a remainder that is almost never a word on its own
 * (وزير → زير, ألمانيا → لمانيا): small ratios separate the two.
 */
const RATIO = { wa: 0.03, fa: 1, bi: 0.05, li: 0.05, ka: 1, fut: 0.05, art: 0.01, enc: 0.1, enc2: 0.5 } as const;
/** The ratio for a one-letter proclitic: ف and ك are rarer as clitics than as first letters (فكرة، كامل). */
function letterRatio(c: number): number {
  switch (c) {
    case 0x648: return RATIO.wa; // و
    case 0x641: return RATIO.fa; // ف
    case 0x628: return RATIO.bi; // ب
    case 0x644: return RATIO.li; // ل
    default: return RATIO.ka; // ك
  }
}
/** Second-person enclitics: rare in reporting, and often a word's own letters (محاكم). */
const SECOND_PERSON = new Set(['كم', 'كما']);

let functionWords: Set<string> | undefined;
let noSplit: Set<string> | undefined;
/** Is a `match`-form word in the function-word lexicon (prepositions, particles, pronouns …)? */
export function isFunctionWord(m: string): boolean {
  functionWords ??= new Set(lexicon('function-words').map((w) => normalize(w, 'match')));
  return functionWords.has(m);
}
function isNoSplit(m: string): boolean {
  noSplit ??= new Set(lexicon('clitics/no-split').map((w) => normalize(w, 'match')));
  return noSplit.has(m);
}

/**
 * Analyzes `bare` (a word in `bare` form) whose `match` form is `m` (same length).
 * Returns a frozen empty analysis when nothing is split.
 */
export function analyzeClitics(bare: string, m: string = normalize(bare, 'match'), vocab?: Vocabulary): CliticAnalysis {
  const n = m.length;
  if (n < 3 || isFunctionWord(m) || isNoSplit(m)) return NONE;
  // Does stripping `parent` to `rest` leave a word that stands on its own? Both are match forms.
  const ok = (parent: string, rest: string, minLen: number, ratio: number): boolean => {
    if (rest.length < minLen) return false;
    if (isFunctionWord(rest)) return true;
    if (!vocab) return rest.length >= 3;
    const c = vocab.count(rest);
    const whole = vocab.count(parent);
    if (c >= MIN_COUNT && c >= ratio * whole) return true;
    // an unknown form: trust the rule when the remainder is known, or long
    return whole === 0 && (c > 0 || rest.length >= 4);
  };

  const pre: string[] = [];
  let p = 0;
  const c0 = m.charCodeAt(0);
  // conjunction
  if ((c0 === 0x648 || c0 === 0x641) && ok(m, m.slice(1), 2, letterRatio(c0))) {
    pre.push(m[0]!);
    p = 1;
  }
  let hasArticle = false;
  const rest = m.slice(p);
  if (p > 0 && (isFunctionWord(rest) || isNoSplit(rest))) return { pre, preLen: p, suf: '', sufLen: 0 };
  const r0 = rest.charCodeAt(0);
  if (rest.startsWith('لل') && rest.length >= 4 && ok(rest, 'ال' + rest.slice(2), 4, RATIO.li)) {
    // ل + ال with the alef dropped
    pre.push('ل', 'ال');
    p += 2;
    hasArticle = true;
  } else if ((r0 === 0x628 || r0 === 0x644 || r0 === 0x643) && bare.startsWith('ال', p + 1) && rest.length >= 5 && ok(rest, 'ال' + rest.slice(3), 4, RATIO.li)) {
    pre.push(rest[0]!, 'ال');
    p += 3;
    hasArticle = true;
  } else if ((r0 === 0x628 || r0 === 0x644 || r0 === 0x643) && rest.length >= 4 && ok(rest, rest.slice(1), 3, letterRatio(r0))) {
    pre.push(rest[0]!);
    p += 1;
  } else if (r0 === 0x633 && vocab && rest.length >= 5 && 'يتنا'.includes(rest[1]!) && ok(rest, rest.slice(1), 4, RATIO.fut)) {
    // future سـ: سيعلن، ستكون (سيارة and سياسة stay whole: their remainders are not words)
    pre.push('س');
    p += 1;
  }
  // article, written with a bare alef (ألمانيا and ألقى are not ال + …)
  if (!hasArticle && bare.startsWith('ال', p) && m.length - p >= 4 && ok(m.slice(p), m.slice(p + 2), 2, RATIO.art)) {
    pre.push('ال');
    p += 2;
    hasArticle = true;
  }
  let suf = '';
  if (!hasArticle) {
    for (const e of ENCLITICS) {
      if (!m.endsWith(e)) continue;
      const form = m.slice(p);
      const r = SECOND_PERSON.has(e) ? RATIO.enc2 : RATIO.enc;
      const stem = m.slice(p, n - e.length);
      if (stem.length < 2) continue;
      if (!vocab && !(SAFE_ENCLITICS.has(e) && stem.length >= 3)) continue;
      // a suffixed noun writes its ta marbuta as ت and its alef maqsura as ا: حكومته، مستواه
      if (stem.length >= 2 && (ok(form, stem, 2, r) || (stem.endsWith('ت') && ok(form, stem.slice(0, -1) + 'ة', 3, r)) || (stem.endsWith('ا') && ok(form, stem.slice(0, -1) + 'ي', 3, r)))) {
        suf = e;
        break;
      }
    }
  }
  if (p === 0 && suf === '') return NONE;
  return { pre, preLen: p, suf, sufLen: suf.length };
}
