/**
 * Title and role words (الرئيس، المتحدثة، الخبير …): they head a mention of a speaker. The list is
 * the NER person triggers (data/lexicons/ner/titles.txt) with a few roles that speak in news but do
 * not stand before names (data/lexicons/attribution/roles.txt).
 */
import type { Token } from '../../text/index.js';
import { lexicon } from '../../text/lexicon.js';
import { normalize } from '../../text/normalize.js';

let titles: Set<string> | undefined;

/** The title words, in `match` form without the article and without a final ة. */
export function titleWords(): Set<string> {
  titles ??= new Set(
    [...lexicon('ner/titles'), ...lexicon('attribution/roles')].map((w) => normalize(w, 'match').replace(/^ال/, '').replace(/ة$/, '')),
  );
  return titles;
}

/** Is the token a title or role word (الرئيس، المتحدثة، الخبير …)? */
export function isTitle(t: Token): boolean {
  return isTitleWord(t.norm);
}

/** Is a `match`-form word (with or without article or conjunction) a title? */
export function isTitleWord(norm: string): boolean {
  // the word without ^[وف]?(ال|لل) and without a final ة, by char codes (asked for most words near a cue)
  const end = norm.endsWith('ة') ? norm.length - 1 : norm.length;
  const whole = end === norm.length ? norm : norm.slice(0, end);
  const at = articleAt(norm, 1) ? 3 : articleAt(norm, 0) ? 2 : 0;
  const w = at === 0 ? whole : norm.slice(at, Math.max(at, end));
  return titleWords().has(w) || titleWords().has(whole);
}

/** Does ال or لل stand at i, after nothing or (i = 1) after و/ف? */
function articleAt(norm: string, i: number): boolean {
  if (i === 1 && norm.charCodeAt(0) !== 0x648 && norm.charCodeAt(0) !== 0x641) return false;
  const a = norm.charCodeAt(i);
  return (a === 0x627 || a === 0x644) && norm.charCodeAt(i + 1) === 0x644; // ال، لل
}
