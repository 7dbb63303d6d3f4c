/**
 * Light stemmer for search keys.
 *
 * key = `key`-normalized word, without clitics (see clitics.ts), then without at most two
 * inflectional suffixes, longest first: ات ون ين ان يه (ية) ه (ة) ي, each only when at least
 * three letters remain. So المسلحين، والمسلحين، مسلحون، مسلحة → مسلح, and السوري، السورى، السورية،
 * السوريين → سور. It conflates more than a dictionary lemmatizer would (لبنان → لبن): for
 * search, a shared key for the same word matters more than a linguistically exact one.
 */
import { analyzeClitics, type Vocabulary } from './clitics.js';
import { normalize } from './normalize.js';
import { defaultVocabulary } from './vocab.js';

const SUFFIXES = ['ات', 'ون', 'ين', 'ان', 'يه', 'ه', 'ي'];

/** Strips inflectional suffixes from a `key`-level base (no clitics). */
export function stripSuffixes(base: string): string {
  let s = base;
  for (let round = 0; round < 2; round++) {
    let stripped = false;
    for (const suf of SUFFIXES) {
      if (s.length - suf.length >= 3 && s.endsWith(suf)) {
        s = s.slice(0, s.length - suf.length);
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return s;
}

/**
 * The search key of one Arabic word given its bare and match forms and clitic lengths.
 * A base that lost an enclitic writes its ta marbuta as ت (حكومته) and its alef maqsura as ا
 * (مستواه): they are keyed as ة and ى.
 */
export function keyOfBase(m: string, preLen: number, sufLen: number): string {
  let base = m.slice(preLen, m.length - sufLen);
  if (sufLen > 0 && base.endsWith('ت')) base = base.slice(0, -1) + 'ة';
  else if (sufLen > 0 && base.endsWith('ا') && base.length >= 3) base = base.slice(0, -1) + 'ي'; // مستواه → مستوى
  return stripSuffixes(normalize(base, 'key'));
}

/**
 * Light stem of a single word, in any spelling (diacritics, tatweel, Egyptian ى are fine).
 * `vocab` decides clitics: the shipped vocabulary by default, `null` for rules only.
 */
export function lightStem(word: string, vocab: Vocabulary | null = defaultVocabulary()): string {
  const bare = normalize(word, 'bare');
  const m = normalize(bare, 'match');
  if (!/^\p{Script=Arabic}+$/u.test(m)) return normalize(m, 'key');
  const a = analyzeClitics(bare, m, vocab ?? undefined);
  return keyOfBase(m, a.preLen, a.sufLen);
}
