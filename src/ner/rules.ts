/**
 * News conventions applied to the model's labels for one sentence, after decoding. The model learns
 * ANERcorp's convention, which leaves ministries, armies and the heads of most names outside the
 * entity (وزارة الخارجية الألمانية is all O there); isnad's entities layer names institutions
 * whole. Four rules, in this order, each only rewriting what the model left as O around a name:
 *
 *   C  a trailing nisba adjective after a proper name is not part of it:
 *      [ديلي بيست الأمريكي] → [ديلي بيست] الأمريكي (kept after a definite word: الحزب الشيوعي الصيني);
 *   D  a person's name goes on with a rare definite word (corpus count < 60) that is neither a nisba
 *      adjective nor a title: [محمد بن عبد الكريم] الخطابي → [محمد بن عبد الكريم الخطابي] (on
 *      ANERcorp's held-out blocks +0.4 F1, no change on the dev split);
 *   A  a name head (name-heads.txt) right before an entity makes one organization of both:
 *      حركة [نور الدين الزنكي]PER → [حركة نور الدين الزنكي]ORG; جامعة [القاهرة]LOC → ORG;
 *      a media or company head (media-heads.txt) makes the entity an organization and stays out:
 *      موقع [ديلي بيست]MISC → موقع [ديلي بيست]ORG. The head carries no pronoun (موقعه بحلب is not
 *      a name) and the entity's first word no preposition;
 *   B  an institution (institutions.txt) with its definite complement is an organization:
 *      construct head + definite noun + definite nisba adjectives (وزارة الخارجية الروسية، مجلس الأمن
 *      الدولي), or definite head + definite nisba adjectives (الجيش السوري، المرصد السوري), either
 *      optionally followed by a ل complement: ل + definite noun, or ل + noun + definite noun
 *      (لحقوق الإنسان، للدراسات الاستراتيجية).
 *   E  a radio station: a word before "أف أم" / "إف إم" / FM names it with them, one organization
 *      (الجوهرة أف أم، موزاييك إف إم، الجوهرة "أف أم"): the tail alone is a fragment, never an entity by itself. This
 *      one rewrites the model's labels too (it tags the tail alone as MISC).
 *
 * `applyRules` works on BIO label names and can be switched off (`isnad ner --no-rules`,
 * `eval:ner --no-rules`) to score the model alone against ANERcorp.
 */
import type { Token } from '../text/index.js';
import { defaultVocabulary, isFunctionWord, lexicon, normalize } from '../text/index.js';
import { chunks } from './conll.js';
import { baseNorm, FLAG } from './features.js';

interface Heads {
  name: Set<string>;
  media: Set<string>;
  institution: Set<string>;
}
let heads: Heads | undefined;
function lists(): Heads {
  const words = (name: string): Set<string> => new Set(lexicon(name).map((w) => normalize(w, 'match')));
  return (heads ??= { name: words('ner/name-heads'), media: words('ner/media-heads'), institution: words('ner/institutions') });
}

/** Below this corpus frequency, a definite word after a person's name is taken as a family name. */
const RARE = 60;
/** Flags of words that do not continue a name: nisba adjectives (السوري) and titles. */
const NOT_A_NAME = (1 << FLAG.NISBA) | (1 << FLAG.TITLE);

/** The lexicon flags of a token (features.ts FLAG bits). */
export type FlagsOf = (t: Token) => number;

const isWord = (t: Token): boolean => t.kind === 'word';
/** The word with the article and no other proclitic (الروسية, not والروسية). */
const definite = (t: Token): boolean => isWord(t) && t.pre !== undefined && t.pre.length === 1 && t.pre[0] === 'ال' && !t.suf;
const indefinite = (t: Token): boolean => isWord(t) && !(t.pre ?? []).includes('ال') && !t.norm.startsWith('ال');

/** Applies rules C, D, A, B and E to the labels of tokens[from, to); returns new BIO labels. */
export function applyRules(tokens: readonly Token[], from: number, to: number, labels: readonly string[], flagsOf: FlagsOf): string[] {
  const out = labels.slice();
  const n = to - from;
  const tok = (i: number): Token => tokens[from + i]!;
  const nisba = (i: number): boolean => definite(tok(i)) && (flagsOf(tok(i)) & (1 << FLAG.NISBA)) !== 0;
  const setChunk = (s: number, e: number, type: string): void => {
    for (let i = s; i < e; i++) out[i] = (i === s ? 'B-' : 'I-') + type;
  };
  const { name, media, institution } = lists();

  // C: trailing nisba adjectives after a proper name
  for (const c of chunks(out)) {
    let e = c.end;
    while (e - c.start >= 2 && nisba(e - 1)) e--;
    if (e < c.end && indefinite(tok(e - 1)) && !institution.has(baseNorm(tok(e - 1)))) {
      for (let i = e; i < c.end; i++) out[i] = 'O';
    }
  }
  // D: a person's name goes on with a rare definite word (الخطابي، الزنكي)
  const vocab = defaultVocabulary();
  for (const c of chunks(out)) {
    if (c.type !== 'PER') continue;
    let j = c.end;
    while (j < n && out[j] === 'O' && definite(tok(j)) && !(flagsOf(tok(j)) & NOT_A_NAME) && vocab.count(tok(j).norm) < RARE) j++;
    if (j > c.end) setChunk(c.start, j, 'PER');
  }
  // A: name head + entity
  for (const c of chunks(out)) {
    const h = c.start - 1;
    if (h < 0 || out[h] !== 'O' || !isWord(tok(h)) || tok(h).suf) continue;
    if ((tok(c.start).pre ?? []).some((p) => p === 'ب' || p === 'ل' || p === 'ك' || p === 'و' || p === 'ف')) continue;
    const b = baseNorm(tok(h));
    if (name.has(b)) setChunk(h, c.end, 'ORG');
    else if (media.has(b)) setChunk(c.start, c.end, 'ORG');
  }
  // B: institution + definite complement
  for (let i = 0; i < n; i++) {
    const t = tok(i);
    if (out[i] !== 'O' || !isWord(t) || t.suf || !institution.has(baseNorm(t))) continue;
    const headDefinite = (t.pre ?? []).includes('ال');
    let j = i + 1;
    if (!headDefinite) {
      if (j < n && out[j] === 'O' && definite(tok(j))) j++;
      else continue;
    }
    while (j < n && out[j] === 'O' && nisba(j)) j++;
    if (j === i + 1) continue;
    // a ل complement: ل + definite noun (+ definite adjective), or ل + noun + definite noun
    if (j < n && out[j] === 'O' && isWord(tok(j)) && !tok(j).suf) {
      const p = tok(j).pre ?? [];
      const next = j + 1 < n && out[j + 1] === 'O' && definite(tok(j + 1));
      if (p.length === 2 && p[0] === 'ل' && p[1] === 'ال') j += next ? 2 : 1;
      else if (p.length === 1 && p[0] === 'ل' && next) j += 2;
    }
    setChunk(i, j, 'ORG');
    i = j - 1;
  }
  // E: radio stations, "X أف أم"
  for (let i = 1; i < n; i++) {
    const len = tok(i).norm === 'اف' && i + 1 < n && tok(i + 1).norm === 'ام' ? 2 : tok(i).kind === 'latin' && tok(i).stem === 'fm' ? 1 : 0;
    if (len === 0) continue;
    // the name, maybe with the tail in quotation marks: الجوهرة "أف أم"
    let s = tok(i - 1).kind === 'quote' && i >= 2 ? i - 2 : i - 1;
    if (!isWord(tok(s))) continue;
    while (s > 0 && out[s]!.startsWith('I-')) s--;
    if (out[s] === 'O' && isFunctionWord(tok(s).norm)) continue;
    setChunk(s, i + len, 'ORG');
    if (i + len < n && out[i + len]!.startsWith('I-')) out[i + len] = 'B-' + out[i + len]!.slice(2);
    i += len - 1;
  }
  return out;
}
