/**
 * The attribution lexicons (data/lexicons/attribution/*.txt), parsed once into lookup tables keyed
 * by `match` forms. See cues.txt for the verb format and how forms are inflected.
 */
import { lexicon } from '../../text/lexicon.js';
import { normalize } from '../../text/normalize.js';

export type Gender = 'm' | 'f' | 'p' | '1' | 'u';
export type CueKind = 'verb' | 'participle';

export interface CueForm {
  lemma: string;
  kind: CueKind;
  gender: Gender;
  /** content frames: that, quote, np, obj, hedge, relay */
  frames: ReadonlySet<string>;
  /** prepositions that introduce the content (match forms: الي، علي، عن، من، ب) */
  preps: readonly string[];
}

export interface Lexicons {
  cues: Map<string, CueForm>;
  complementizers: Set<string>;
  prepositional: string[][];
  speechNouns: Set<string>;
  hedges: string[][];
  /** the hedges of two words or more (ما يسمى), looked for inside content */
  hedgePhrases: string[][];
  mediumHeads: Set<string>;
  timeWords: string[][];
  speakerNouns: string[];
  /** the speaker nouns without the article, in the same order */
  speakerNounStems: string[];
  adjectives: Set<string>;
  /** first words of the prepositional cues: a quick test before matching phrases */
  prepositionalFirst: Set<string>;
  /** every word that can start a cue (verb forms, first words of prepositional cues, قيل …) */
  triggers: Set<string>;
  /** two bits per trigger word in one 32-bit word chosen by its hash (see isTrigger) */
  triggerBits: Uint32Array;
}

/** 8,192 words of 32 bits (32 KB): it stays in cache between documents, where the 14,000-word set does not. */
const TRIGGER_WORDS = 1 << 13;

function wordHash(w: string): number {
  let h = w.length;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return h ^ (h >>> 15);
}

/** The two bits of a hash inside its word (from bits the word index does not use). */
const bitsOf = (h: number): number => (1 << ((h >>> 20) & 31)) | (1 << ((h >>> 25) & 31));

/**
 * Can a word (its `match` form) start a cue? Asked of every body word: a test of two bits (a
 * blocked Bloom filter) answers for all but one or two percent of the others without probing the
 * set, whose lookups miss the cache.
 */
export function isTrigger(L: Lexicons, norm: string): boolean {
  const h = wordHash(norm);
  const bits = bitsOf(h);
  return (L.triggerBits[h & (TRIGGER_WORDS - 1)]! & bits) === bits && L.triggers.has(norm);
}

const m = (s: string): string => normalize(s, 'match');

function inflect(past: string | undefined, present: string | undefined, participle: string | undefined): Array<[string, Gender, CueKind]> {
  const out: Array<[string, Gender, CueKind]> = [];
  if (past) out.push([past, 'm', 'verb'], [past + 'ت', 'f', 'verb'], [past + 'وا', 'p', 'verb'], [past + 'ا', 'p', 'verb']);
  if (present) {
    const stem = present.slice(1);
    out.push([present, 'm', 'verb'], ['ت' + stem, 'f', 'verb'], [present + 'ون', 'p', 'verb'], [present + 'ان', 'p', 'verb'], ['ت' + stem + 'ان', 'p', 'verb']);
  }
  if (participle) {
    out.push([participle + 'ا', 'm', 'participle'], [participle + 'ة', 'f', 'participle'], [participle + 'ين', 'p', 'participle'], [participle + 'تين', 'p', 'participle']);
  }
  return out;
}

let cached: Lexicons | undefined;

export function attributionLexicons(): Lexicons {
  if (cached) return cached;
  const cues = new Map<string, CueForm>();
  for (const line of lexicon('attribution/cues')) {
    const [head, frameField = '', extra = ''] = line.split('|').map((s) => s.trim());
    const [past, present, participle] = head!.split(/\s+/).map((w) => (w === '-' ? undefined : m(w)));
    const lemma = past ?? present ?? participle;
    if (!lemma) throw new Error(`ISNAD_LEXICON_FORMAT: attribution/cues: a line needs at least one form: "${line}"`);
    const frames = new Set<string>();
    const preps: string[] = [];
    for (const f of frameField.split(/\s+/).filter(Boolean)) {
      if (f.startsWith('p:')) preps.push(m(f.slice(2)));
      else frames.add(f);
    }
    const add = (form: string, gender: Gender, kind: CueKind): void => {
      if (!cues.has(form)) cues.set(form, { lemma, kind, gender, frames, preps });
    };
    for (const [form, g, k] of inflect(past, present, participle)) add(form, g, k);
    for (const x of extra.split(/\s+/).filter(Boolean)) {
      const [g, form] = x.includes(':') ? (x.split(':') as [string, string]) : ['m', x];
      const f = m(form);
      // listed participles end in the accusative alef or ta marbuta (نافيا، داعية) or start with م
      const kind: CueKind = f.endsWith('ة') || (f.endsWith('ا') && !f.endsWith('وا')) || f.startsWith('م') ? 'participle' : 'verb';
      add(f, (g === 'f' || g === 'p' || g === '1' ? g : 'm') as Gender, kind);
    }
  }
  // verbs with an object pronoun (وصفته، نفاه، أبلغنا، تعتبرها) are listed whole, so a lookup is one
  // hash probe; a final ي (ى) is written ا before the pronoun (نفى → نفاه)
  for (const [form, cue] of [...cues]) {
    if (cue.kind !== 'verb') continue;
    const stems = form.endsWith('ي') ? [form, form.slice(0, -1) + 'ا'] : [form];
    for (const stem of stems) for (const suf of ['ه', 'ها', 'هم', 'هما', 'نا']) if (!cues.has(stem + suf)) cues.set(stem + suf, cue);
  }
  const words = (name: string): string[][] => lexicon(name).map((l) => l.split(/\s+/).map(m));
  const prepositionalFirst = new Set(words('attribution/prepositional').map((w) => w[0]!));
  // على (of على لسان) is far too common to be a trigger: cueAt looks for على لسان itself
  const triggers = new Set<string>([...cues.keys(), ...prepositionalFirst, 'قيل', 'يقال', 'جاء', 'ورد', 'مزاعم', 'المزاعم']);
  triggers.delete('علي');
  // the same with a conjunction (وقال، فأكد): one hash probe per token, no string slicing
  for (const w of [...triggers]) {
    triggers.add('و' + w);
    triggers.add('ف' + w);
  }
  const triggerBits = new Uint32Array(TRIGGER_WORDS);
  for (const w of triggers) {
    const h = wordHash(w);
    triggerBits[h & (TRIGGER_WORDS - 1)]! |= bitsOf(h);
  }
  const speakerNouns = lexicon('attribution/speaker-nouns').map(m).sort((a, b) => b.length - a.length);
  cached = {
    cues,
    complementizers: new Set(lexicon('attribution/complementizers').map(m)),
    prepositional: words('attribution/prepositional').sort((a, b) => b.length - a.length),
    speechNouns: new Set(lexicon('attribution/speech-nouns').map(m)),
    hedges: words('attribution/hedges').sort((a, b) => b.length - a.length),
    hedgePhrases: words('attribution/hedges').filter((w) => w.length >= 2).sort((a, b) => b.length - a.length),
    mediumHeads: new Set(lexicon('attribution/medium-heads').map(m)),
    timeWords: words('attribution/time-words').sort((a, b) => b.length - a.length),
    speakerNouns,
    speakerNounStems: speakerNouns.map((n) => n.replace(/^ال/, '')),
    adjectives: new Set(lexicon('attribution/adjectives').map(m)),
    prepositionalFirst,
    triggers,
    triggerBits,
  };
  return cached;
}
