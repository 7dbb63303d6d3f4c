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

const known = new Map<string, boolean>();

/** Is a `match`-form word (with or without article or conjunction) a title? (Remembered: asked for most words near a cue.) */
export function isTitleWord(norm: string): boolean {
  let yes = known.get(norm);
  if (yes === undefined) {
    const w = norm.replace(/^[وف]?(ال|لل)/, '').replace(/ة$/, '');
    yes = titleWords().has(w) || titleWords().has(norm.replace(/ة$/, ''));
    if (known.size >= 100_000) known.clear(); // bounded in a long-running process
    known.set(norm, yes);
  }
  return yes;
}
