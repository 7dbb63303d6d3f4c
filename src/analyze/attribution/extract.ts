/**
 * Attribution extraction, sentence by sentence (see docs/attribution.md for the rules in prose).
 *
 * 1. cues: reporting verbs and participles from the lexicon (after a leading و/ف, with an object
 *    pronoun allowed: وصفته، نفاه), prepositional cues (بحسب، وفقا لـ، نقلا عن …, with the verb
 *    after ما: بحسب ما أعلن), passive قيل / يقال, the hedge noun مزاعم, and documents that speak
 *    (جاء في، ورد في);
 * 2. for each cue, the content anchor after it: a complementizer (أن، إن، بأنه …), a quotation
 *    (with or without a colon), the cue's own preposition (أشار إلى، أعرب عن، اتهم … بـ), or, for
 *    verbs that report a noun phrase (أعلن، نفى، أبدى …), the phrase itself;
 * 3. between the cue and the anchor: the source (VSO) with its appositions, medium phrases and time
 *    words; with nothing there, the subject before the verb (SVO: "روسيا نفت", "X الذي طالب"), or none
 *    (a dropped subject: وأضاف);
 * 4. the content: inside the quotation for direct speech; else from the anchor to the end of the
 *    reported material (the sentence end, or a comma before the next cue or a relay tail);
 * 5. relays: نقل X عن Y (source Y, via X), X نقلا عن Y, and "بحسب X" tails that name someone other
 *    than the speaker; speech reported inside another record's content gets that speaker as via.
 */
import type { Token } from '../../text/index.js';
import {
  bare,
  isSpace,
  bareForm,
  hasConj,
  isColon,
  isComma,
  isComplementizer,
  isQuote,
  isStopPunct,
  isWordish,
  mediumAt,
  partnerOf,
  phraseAt,
  timeAt,
  tok,
  wordsInside,
  type SentenceCtx,
} from './context.js';
import { isTrigger, type CueForm, type Gender, type Lexicons } from './lexicon.js';
import { isTitle } from './titles.js';
import { defaultVocabulary } from '../../text/vocab.js';
import { commonNounLike, verbLike } from '../../text/wordclass.js';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export type CueClass = 'verb' | 'participle' | 'prep' | 'passive' | 'noun' | 'document';

export interface Cue {
  /** first and end token index of the cue words */
  first: number;
  end: number;
  span: Span;
  cls: CueClass;
  form?: CueForm;
  gender: Gender;
  /** the cue's preposition was found right after it and is part of the cue */
  prepIncluded?: string;
  /** "X ذكر على لسان Y": X puts the words in Y's mouth (Y the source, X the relay) */
  onTongue?: boolean;
}

export interface Draft {
  cue: Cue;
  source: Span | null;
  content: Span;
  type: 'direct' | 'indirect' | 'mixed';
  medium: Span | null;
  via: Span[];
  hedge: Span | null;
  /** the grammatical subject of the cue (the relay for نقل X عن Y), for follow-up cues */
  subject: Span | null;
  sentence: SentenceCtx;
  /** content found after the cue (false: content before a prepositional cue) */
  forward: boolean;
  /** the record whose content holds this one, when its speaker is not named in its sentence */
  outer?: Draft;
  /** reported inside another record's content (not an antecedent for later dropped subjects) */
  nested?: boolean;
  /** read by the looser fallback (looseDraft), not by the rules */
  loose?: boolean;
}

const PARTICLES = new Set([
  'و', 'ف', 'ثم', 'او', 'لكن', 'لكنه', 'لكنها', 'ولكن', 'بيد', 'غير', 'كما', 'اذ', 'حيث', 'فيما', 'بينما', 'ان', 'فان', 'وان', 'بعدما', 'عندما', 'حين',
  'كان', 'كانت', 'كانوا', 'قد', 'لقد', 'وقد', 'فقد', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللذان', 'ما', 'لم', 'لن', 'لا', 'هو', 'هي', 'هم', 'اما', 'بل',
  'اذا', 'لو', 'منذ', 'بعد', 'قبل', 'ايضا', 'وهو', 'وهي', 'وهم', 'يذكر', 'يشار', 'كذلك',
]);
const RELATIVES = new Set(['الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي', 'اللاتي']);
const PREP_WORDS = new Set(['الي', 'علي', 'عن', 'من', 'ب', 'ل', 'في']);
const VIA_SPEECH_NOUNS_RE = /^(قول|تاكيد|تصريح|اشار|مزاعم|ادعاء|رواي|معلومات|نفي|اعلان)/;

const span = (c: SentenceCtx, start: number, end: number): Span => ({ start, end, text: c.text.slice(start, end) });

/** A medium phrase of tokens [a, b), without a leading conjunction (وفي رسالة → في رسالة). */
function mediumSpan(c: SentenceCtx, a: number, b: number): Span {
  const first = c.tokens[a]!;
  const start = hasConj(first) ? first.start + 1 : first.start;
  return span(c, start, c.tokens[b - 1]!.end);
}
const tokSpan = (c: SentenceCtx, a: number, b: number): Span => span(c, c.tokens[a]!.start, c.tokens[b - 1]!.end);

/** Trims tokens that cannot begin or end a mention (punctuation, particles) from [a, b), and a relative clause. */
function trimMention(c: SentenceCtx, a: number, b: number): [number, number] {
  for (let k = a + 1; k < b; k++) {
    const n = tok(c, k)!.norm;
    // a relative clause, or a clause opened by "في حين" / "في الوقت الذي"
    if (RELATIVES.has(n) || (n === 'في' && /^(حين|وقت|الوقت)$/.test(tok(c, k + 1)?.norm ?? ''))) {
      b = k;
      break;
    }
  }
  while (a < b && !isWordish(tok(c, a)) && !(isQuote(tok(c, a)) && partnerOf(c, a) > a && partnerOf(c, a) < b)) a++;
  while (b > a) {
    const t = tok(c, b - 1)!;
    if (isWordish(t)) break;
    if (isQuote(t) && partnerOf(c, b - 1) >= a && partnerOf(c, b - 1) < b - 1) break;
    b--;
  }
  return [a, b];
}

/** The cue at token i, if any (memoized per sentence: the rules ask often). */
export function cueAt(c: SentenceCtx, i: number): Cue | undefined {
  if (i < c.from || i >= c.to) return undefined;
  const k = i - c.from;
  const t = c.tokens[i]!;
  const onTongue = t.norm.length === 3 && t.norm === 'علي' && tok(c, i + 1)?.norm === 'لسان';
  const candidate = c.candidates ? c.candidates[i] === 1 : mayStartCue(c.L, t);
  if (!onTongue && !candidate) return undefined; // most tokens: nothing to look up or remember
  const m = c.memo[k];
  if (m !== undefined) return (m as Cue | null) ?? undefined;
  const cue = findCueAt(c, i);
  c.memo[k] = cue ?? null;
  return cue;
}

function findCueAt(c: SentenceCtx, i: number): Cue | undefined {
  const t = tok(c, i);
  if (!t || t.kind !== 'word') return undefined;
  const L = c.L;
  const b = bareForm(t);
  // prepositional cues (longest first), with "ما + verb" joined
  const n = L.prepositionalFirst.has(t.norm) || L.prepositionalFirst.has(b) ? phraseAt(c, i, L.prepositional) : 0;
  if (n > 0) {
    let end = i + n;
    const next = tok(c, end);
    const nn = tok(c, end + 1);
    const last = tok(c, end - 1)!;
    // بحسب ما أعلن / وفقا لما نقلته / حسب قوله
    if (next && (next.norm === 'ما' || next.norm === 'لما') && nn && lookupVerb(c, nn)) end += 2;
    else if (next && (next.norm === 'لما' || next.norm === 'ما') && nn) end += 2;
    else if (last.norm === 'حسبما' && next && lookupVerb(c, next)) end += 1;
    else if (next && /^(قول|تعبير)(ه|ها|هم)$/.test(next.norm)) end += 1;
    const first = hasConj(t) && t.base ? t.base.start : t.start;
    return { first: i, end, span: span(c, first, c.tokens[end - 1]!.end), cls: 'prep', gender: 'u' };
  }
  if (b === 'قيل' || b === 'يقال') return { first: i, end: i + 1, span: baseSpan(c, t), cls: 'passive', gender: 'u' };
  if ((b === 'جاء' || b === 'ورد') && tok(c, i + 1)?.norm === 'في') {
    return { first: i, end: i + 2, span: span(c, baseSpan(c, t).start, tok(c, i + 1)!.end), cls: 'document', gender: 'm' };
  }
  if (b === 'مزاعم' || b === 'المزاعم') return { first: i, end: i + 1, span: baseSpan(c, t), cls: 'noun', gender: 'u' };
  const form = lookupVerb(c, t);
  if (!form) return undefined;
  // "وهو ما نفاه اللاعب": the content is something said before the relative ما; not read
  if (tok(c, i - 1)?.norm === 'ما' && /^(وهو|وهي|هو|هي|وهذا|هذا)$/.test(tok(c, i - 2)?.norm ?? '')) return undefined;
  // "لم يتم ذكر …", "تم الإعلان": a verbal noun after a passive light verb is not a report
  const prevTok = tok(c, i - 1);
  if (prevTok && /^(يتم|تم|سيتم|يجري|جري)$/.test(bareForm(prevTok))) return undefined;
  const cls: CueClass = form.kind === 'participle' ? 'participle' : 'verb';
  // a verb that reports only through its preposition (عبّر عن، أعرب عن) is a cue only when the
  // preposition follows: عبر الحدود is "across the border"
  if (form.frames.size === 0 && !prepFollows(c, i + 1, form.preps)) return undefined;
  // "المضيق الذي يعتبر …": right after a relative pronoun, يعتبر is the passive "is considered"
  if (form.lemma === 'اعتبر' && !t.suf && /^(الذي|التي|الذين)$/.test(tok(c, i - 1)?.norm ?? '')) return undefined;
  let end = i + 1;
  let cueEnd = t.end;
  let prepIncluded: string | undefined;
  const next = tok(c, i + 1);
  if (next && form.preps.length > 0) {
    const p = next.norm;
    if (form.preps.includes(p) && p !== 'ب') {
      end = i + 2;
      cueEnd = next.end;
      prepIncluded = p;
    }
  }
  // "ذكر على لسان" / "تابع بالقول"
  if (next && next.norm === 'بالقول') {
    end = i + 2;
    cueEnd = next.end;
  } else if (next && next.norm === 'علي' && tok(c, i + 2)?.norm === 'لسان') {
    end = i + 3;
    cueEnd = tok(c, i + 2)!.end;
    return { first: i, end, span: span(c, baseSpan(c, t).start, cueEnd), cls: 'verb', form, gender: form.gender, onTongue: true };
  }
  return { first: i, end, span: span(c, baseSpan(c, t).start, cueEnd), cls, form, gender: form.gender, prepIncluded };
}

/** Is one of the cue's prepositions among the next few tokens (as a word, or a proclitic ب)? */
function prepFollows(c: SentenceCtx, from: number, preps: readonly string[]): boolean {
  for (let k = from; k < Math.min(c.to, from + 14); k++) {
    const t = tok(c, k)!;
    if (isStopPunct(t) && !isComma(t)) return false;
    if (t.kind !== 'word') continue;
    if (preps.includes(normalizeMatch(bare(t))) && bare(t) !== 'علي') return true;
    if (preps.includes('ب') && afterBi(c, t) >= 0) return true;
  }
  return false;
}

/** The token without a leading conjunction. */
function baseSpan(c: SentenceCtx, t: Token): Span {
  // وصفته، وعد: the و is the verb's own first letter when the whole word is a cue form
  if (c.L.cues.has(t.norm)) return t;
  if (hasConj(t) && t.base && t.pre!.length === 1 && !t.suf) return t.base;
  if (hasConj(t)) return span(c, t.start + 1, t.end);
  return t;
}

/** Can token t start a cue at all? The cheap test every token goes through. */
export function mayStartCue(L: Lexicons, t: Token): boolean {
  return t.kind === 'word' && isTrigger(L, t.norm); // conjunction forms are listed too
}

/** Looks a token up among the reporting-verb forms (object-pronoun forms included), after a و/ف. */
function lookupVerb(c: SentenceCtx, t: Token): CueForm | undefined {
  if (t.kind !== 'word') return undefined;
  const cues = c.L.cues;
  const hit = cues.get(t.norm);
  if (hit) return hit;
  const c0 = t.norm.charCodeAt(0);
  return c0 === 0x648 || c0 === 0x641 ? cues.get(t.norm.slice(1)) : undefined; // و ف
}

/** Every cue of the sentence, left to right, not overlapping. */
export function findCues(c: SentenceCtx): Cue[] {
  const out: Cue[] = [];
  for (let i = c.from; i < c.to; i++) {
    const cue = cueAt(c, i);
    if (!cue) continue;
    out.push(cue);
    i = cue.end - 1;
  }
  return out;
}

interface Anchor {
  /** token index where the content starts */
  at: number;
  /** char offset where the content starts (may be inside a word: بـ + content) */
  charStart: number;
  kind: 'that' | 'quote' | 'prep' | 'np' | 'colon';
  /** index of the anchor word (complementizer / preposition) */
  word: number;
}

/** Is token i the start of another cue (so a clause boundary)? */
function cueStartsAt(c: SentenceCtx, i: number): boolean {
  return cueAt(c, i) !== undefined;
}

/** The char offset just after a proclitic ب on token t (بالدور → الدور, بما → ما), or -1. */
function afterBi(c: SentenceCtx, t: Token): number {
  const b = bare(t);
  const conj = hasConj(t) ? 1 : 0;
  if (b.length < conj + 2 || b[conj] !== 'ب') return -1;
  const hasBi = (t.pre && t.pre.includes('ب')) || /^(ما|من|هذا|هذه|ذلك|ان|انه|انها|انهم)$/.test(normalizeMatch(b.slice(conj + 1)));
  if (!hasBi) return -1;
  // skip the letters of the conjunction and ب, with any vowels or tatweel after them
  let k = t.start;
  let letters = 0;
  while (k < t.end && letters < conj + 1) {
    if (!/[\u064B-\u065F\u0670\u0640]/.test(c.text[k]!)) letters++;
    k++;
  }
  while (k < t.end && /[\u064B-\u065F\u0670\u0640]/.test(c.text[k]!)) k++;
  return k < t.end ? k : -1;
}

function normalizeMatch(s: string): string {
  // most words have none of these letters: look before building new strings
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x623 || ch === 0x625 || ch === 0x622 || ch === 0x671 || ch === 0x649) return s.replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي');
  }
  return s;
}

/** Is the quote at token i speech (an anchor) rather than a quoted name inside the preamble? */
function speechQuote(c: SentenceCtx, i: number, cueEnd: number): boolean {
  const p = partnerOf(c, i);
  if (p < 0) return true;
  if (p < i) return false;
  const prev = tok(c, i - 1);
  if (i === cueEnd || isColon(prev) || (prev && isComplementizer(c, i - 1, false))) return true;
  return wordsInside(c, i, p) > 3;
}

/**
 * A cue word that belongs to the preamble of the cue before it, not a new statement: a speech noun
 * after a preposition (قال في إفادته إن، في تصريح لـ), a verb in a relative clause (المصدر الذي طلب
 * عدم الكشف عن اسمه، في تصريح نقلته الوكالة).
 */
function inPreamble(c: SentenceCtx, i: number): boolean {
  const cue = cueAt(c, i)!;
  const p = tok(c, i - 1);
  if (p && p.kind === 'number' && cue.cls === 'verb') return true;
  if (!p || p.kind !== 'word') return false;
  // after a preposition a "verb" is its verbal noun: في إفادته (not أفادته)
  if (/^(في|خلال|عبر|ضمن)$/.test(p.norm)) return cue.cls === 'noun' || cue.cls === 'verb';
  // a circumstantial participle follows a comma or the content, or opens its own (قائلا: …،
  // مؤكدا أن …); otherwise it is an adverb or a noun: "شدد الرئيس مجددا على"، "تتخذ في لاهاي مقرا لها"
  if (cue.cls === 'participle') {
    const n = tok(c, cue.end);
    return !(n && (isColon(n) || isQuote(n) || isComplementizer(c, cue.end, false)));
  }
  if (cue.cls !== 'verb') return false;
  // a verb does not follow a number: "20 ألف طالب" is students
  if (/^(الف|الاف|مليون|ملايين|مئات|عشرات|الاف)$/.test(p.norm)) return true;
  if (RELATIVES.has(bareForm(p))) return true;
  // a verb with an object pronoun right after an indefinite noun: "تصريح نقلته"، "بيان أصدرته"
  const t = tok(c, i)!;
  return !!t.suf && /^(ه|ها)$/.test(t.suf) && !hasConj(t) && !p.norm.startsWith('ال') && !PARTICLES.has(p.norm) && !PREP_WORDS.has(p.norm);
}

/** The content anchor after a cue: search from `from` up to `limit`. */
function findAnchor(c: SentenceCtx, cue: Cue, from: number, limit: number): Anchor | undefined {
  const form = cue.form;
  const preps = form?.preps ?? [];
  if (cue.prepIncluded) {
    // أشار إلى أن … / أشار إلى + NP
    const t = tok(c, from);
    if (t && isComplementizer(c, from, false)) return { at: from + 1, charStart: tok(c, from + 1)?.start ?? t.end, kind: 'that', word: from };
    if (t && isQuote(t)) return { at: from, charStart: t.start, kind: 'quote', word: from };
    if (t) return { at: from, charStart: t.start, kind: 'prep', word: from - 1 };
    return undefined;
  }
  let shortQuote = -1;
  for (let i = from; i < limit; i++) {
    const t = tok(c, i)!;
    if (isComplementizer(c, i)) return { at: i + 1, charStart: tok(c, i + 1)?.start ?? t.end, kind: 'that', word: i };
    if (isQuote(t) && speechQuote(c, i, from)) {
      if (!form || form.frames.has('quote') || form.frames.has('that') || cue.cls !== 'verb') return { at: i, charStart: t.start, kind: 'quote', word: i };
    }
    if (isQuote(t) && partnerOf(c, i) > i) {
      if (shortQuote < 0) shortQuote = i;
      i = partnerOf(c, i); // a quoted name: part of the preamble
      continue;
    }
    if (isColon(t)) {
      const n = tok(c, i + 1);
      if (n && isQuote(n)) return { at: i + 1, charStart: n.start, kind: 'quote', word: i + 1 };
      if (n && (!form || form.frames.has('quote'))) return { at: i + 1, charStart: n.start, kind: 'colon', word: i };
    }
    if (t.kind === 'word' && preps.length > 0) {
      const p = bare(t);
      const pm = normalizeMatch(p);
      // إلى / على / عن / من as written (علي is a name, إلي is "to me")
      if (preps.includes(pm) && pm !== 'ب' && p !== 'علي' && p !== 'إلي' && p !== 'الي' && tok(c, i - 1)?.norm !== 'نقلا') {
        const n = tok(c, i + 1);
        // the preamble ends before the preposition (مشيرة في بيان لها إلى أن …)
        if (n && isComplementizer(c, i + 1, false)) return { at: i + 2, charStart: tok(c, i + 2)?.start ?? n.end, kind: 'that', word: i };
        if (n && isQuote(n)) return { at: i + 1, charStart: n.start, kind: 'quote', word: i };
        if (n) return { at: i + 1, charStart: n.start, kind: 'prep', word: i };
      }
      if (preps.includes('ب')) {
        // a proclitic ب: بانهيار، بخسائرها، بما; or a separate بـ before a quotation
        if (t.text === 'بـ' || t.text === 'ب') {
          const n = tok(c, i + 1);
          if (n) return { at: i + 1, charStart: n.start, kind: isQuote(n) ? 'quote' : 'prep', word: i };
        }
        const at = afterBi(c, t);
        // "المتحدث باسم الوزارة": باسم belongs to the speaker's title, not to the cue
        if (at >= 0 && !isComplementizer(c, i) && !/^[وف]?باسم$/.test(t.norm)) return { at: i, charStart: at, kind: 'prep', word: i };
      }
    }
    if (i > from && cueStartsAt(c, i) && cueAt(c, i)!.cls !== 'prep' && !inPreamble(c, i)) break;
  }
  // no complementizer or long quotation: a short quotation is the speech ("قال الرئيس "الأمن أولا"")
  if (shortQuote >= 0 && (!form || form.frames.has('quote'))) return { at: shortQuote, charStart: tok(c, shortQuote)!.start, kind: 'quote', word: shortQuote };
  return undefined;
}

const TEMPORAL = new Set(['بعد', 'بعدما', 'عندما', 'حين', 'حينما', 'فيما', 'بينما', 'حيث']);

/** Where the reported material ends (exclusive char offset), scanning from token `at`. */
function contentEnd(c: SentenceCtx, at: number, cueClass: CueClass): number {
  let last = at - 1;
  let lastBreak = -1; // the last comma or temporal conjunction seen: where a later cue cuts the content
  for (let i = at; i < c.to; i++) {
    const t = tok(c, i)!;
    const p = partnerOf(c, i);
    if (isQuote(t) && p > i) {
      last = p;
      i = p;
      continue;
    }
    if (isComma(t) || (t.kind === 'punct' && t.text === '؛')) {
      const n = tok(c, i + 1);
      // a following cue (participle, و + verb, or an "according to" tail) starts new material
      if (n && (cueStartsAt(c, i + 1) || (n.norm === 'و' && cueStartsAt(c, i + 2)))) break;
      if (n && /^(وذلك|وهو|وهي)$/.test(n.norm) && cueClass === 'prep') break;
      lastBreak = i;
    }
    if (t.kind === 'word' && i > at && TEMPORAL.has(t.norm)) lastBreak = i;
    if (t.kind === 'word' && i > at && cueStartsAt(c, i)) {
      const cue = cueAt(c, i)!;
      if (cue.cls === 'participle' && !isInsideQuote(c, i, at)) break;
      if (cue.cls === 'prep') {
        // "…، بحسب بيان صادر عن الإليزيه": an "according to" outside quotation marks ends the content
        // (not "وفقا للتوقيتات": in accordance with something that does not speak)
        if (!isInsideQuote(c, i, at) && realPrepCue(c, cue)) break;
      } else if (hasConj(t) && !isInsideQuote(c, i, at)) {
        break;
      } else if (lastBreak >= at && !isInsideQuote(c, i, at)) {
        // another speaker's cue later in the sentence: the content ends at the clause boundary
        last = lastBreak - 1;
        break;
      }
    }
    last = i;
  }
  // drop trailing punctuation (but keep a closing quote paired inside)
  while (last >= at) {
    const t = tok(c, last)!;
    if (isWordish(t) || (isQuote(t) && partnerOf(c, last) >= at && partnerOf(c, last) < last) || (t.kind === 'punct' && /^[)\]%]$/.test(t.text)) || t.kind === 'symbol' || t.kind === 'url') break;
    last--;
  }
  return last >= at ? tok(c, last)!.end : (tok(c, at)?.start ?? 0);
}

function isInsideQuote(c: SentenceCtx, i: number, from: number): boolean {
  for (let k = from; k < i; k++) {
    const p = partnerOf(c, k);
    if (isQuote(tok(c, k)) && p > i) return true;
  }
  return false;
}

/** Content, and its type, from an anchor. */
function contentFrom(c: SentenceCtx, a: Anchor, cueClass: CueClass): { content: Span; type: Draft['type'] } | undefined {
  const t = tok(c, a.at);
  if (!t) return undefined;
  if (isQuote(t)) {
    const p = partnerOf(c, a.at);
    const end = contentEnd(c, a.at, cueClass);
    // a quotation that follows the cue (or its colon) directly is the whole content; words after the
    // closing mark are the writer's. After a complementizer (إنه "…" خلال زيارته) they are reported too
    let strict = a.kind === 'quote' && !isComplementizer(c, a.at - 1, false);
    if (p > a.at) {
      const close = tok(c, p)!;
      // after a complementizer too, a quotation closed by a comma is all the content (أنه "…"، وهو …)
      const after = tok(c, p + 1);
      if (!after || isComma(after) || isStopPunct(after)) strict = true;
      // the whole content is the quotation: direct
      if (end <= close.end || strict) {
        const trimmed = trim(c, t.end, close.start);
        return trimmed ? { content: trimmed, type: 'direct' } : undefined;
      }
      const s = span(c, t.start, end);
      return { content: s, type: 'mixed' };
    }
    // an unbalanced quotation mark: direct to the end of the material
    const s = trim(c, t.end, end);
    return s ? { content: s, type: 'direct' } : undefined;
  }
  const end = contentEnd(c, a.at, cueClass);
  if (end <= a.charStart) return undefined;
  const s = trim(c, a.charStart, end);
  if (!s) return undefined;
  // content that is exactly one quotation after a complementizer is direct: إن "…"
  const first = tok(c, a.at)!;
  if (isQuote(first) || /^["«“]/.test(s.text)) return { content: s, type: 'mixed' };
  return { content: s, type: /["«»“”]/.test(s.text) ? 'mixed' : 'indirect' };
}

/** The span of the text [start, end) without the spaces and punctuation around it, or undefined when nothing is left. */
function trim(c: SentenceCtx, start: number, end: number): Span | undefined {
  const text = c.text;
  while (start < end && (trimmedEnd(text.charCodeAt(start)) || text.charCodeAt(start) === 0x2e || text.charCodeAt(start) === 0x22)) start++;
  while (end > start && trimmedEnd(text.charCodeAt(end - 1))) end--;
  while (end > start && text.charCodeAt(end - 1) === 0x2e && text.charCodeAt(end - 2) !== 0x2e) end--;
  return end > start ? span(c, start, end) : undefined;
}

/** A character trimmed from both ends of content: white space (as \s) or ، , : ; ؛ - – — (char codes: this runs per character). */
function trimmedEnd(ch: number): boolean {
  switch (ch) {
    case 0x60c: // ،
    case 0x2c:
    case 0x3a:
    case 0x3b:
    case 0x61b: // ؛
    case 0x2d:
    case 0x2013:
    case 0x2014:
      return true;
  }
  return isSpace(ch);
}

interface Preamble {
  source: Span | null;
  medium: Span | null;
  /** token range of the object (obj-frame verbs), if split off */
  objectEnd?: number;
  via: Span[];
}

/**
 * Reads the stretch between a cue and its anchor: the source (with appositions), medium phrases,
 * time words, and a relay "لـ X" (قال Y لـ X).
 */
function readPreamble(c: SentenceCtx, from: number, to: number, cue: Cue, splitObject = false): Preamble {
  const out: Preamble = { source: null, medium: null, via: [] };
  // the stretches of words between the phrases and punctuation: start, end, start, end …
  const segments: number[] = [];
  let segStart = -1;
  for (let i = from; i < to; i++) {
    const t = tok(c, i)!;
    const med = mediumAt(c, i, to);
    if (med > 0) {
      segStart = closeSegment(segments, segStart, i);
      const ms = mediumSpan(c, i, i + med);
      if (!out.medium) out.medium = ms;
      i += med - 1;
      continue;
    }
    const tw = timeAt(c, i);
    if (tw > 0) {
      segStart = closeSegment(segments, segStart, i);
      i += tw - 1;
      continue;
    }
    if (isComma(t) || (t.kind === 'punct' && t.text !== '-' && t.text !== '(' && t.text !== ')' && t.text !== '.') ) {
      segStart = closeSegment(segments, segStart, i);
      continue;
    }
    if (segStart < 0) segStart = i;
  }
  closeSegment(segments, segStart, to);
  // temporal phrases (إثر محادثات، خلال وجوده، عقب زيارته) and addressees (للرئيس ترامب) are not
  // the source
  let s0 = 0;
  while (s0 < segments.length && notSource(c, segments[s0]!)) s0 += 2;
  if (s0 >= segments.length) return out;
  // the first segment is the source; later ones are appositions when they read like a mention
  let a = segments[s0]!;
  let b = segments[s0 + 1]!;
  // a resumptive pronoun ("الذي حذر فيه خبير") is not part of the source
  while (a < b && RESUMPTIVES.has(tok(c, a)!.norm)) a++;
  for (let k = s0 + 2; k < segments.length; k += 2) {
    const sa = segments[k]!;
    const sb = segments[k + 1]!;
    const first = tok(c, sa)!;
    const gap = c.text.slice(tok(c, b - 1)!.end, first.start);
    if (!/^\s*[،,]\s*$/.test(gap)) break;
    const fb = normalizeMatch(bare(first));
    if ((PREP_WORDS.has(fb) && bare(first) !== 'علي') || PARTICLES.has(first.norm) || cueStartsAt(c, sa) || notSource(c, sa)) break;
    // an apposition is a title or role (الرئيس المشارك …، المسؤولة الإعلامية …) or a name; a
    // definite noun phrase that is neither is an object (اتهم الوزير، المملكة العربية السعودية …)
    if (first.norm.startsWith('ال') && !isTitle(first)) {
      if (cue.form?.frames.has('obj')) out.objectEnd = sb; // "اتهم الوزير، المملكة … بمحاولة": the object
      break;
    }
    b = sb;
  }
  [a, b] = trimMention(c, a, b);
  if (b <= a) return out;
  // "أعلن X نقلا عن Y": X relays Y
  for (let i = a + 1; i + 1 < b; i++) {
    if (tok(c, i)!.norm === 'نقلا' && tok(c, i + 1)!.norm === 'عن') {
      const [xa, xb] = trimMention(c, a, i);
      const [ya, yb] = trimMention(c, i + 2, b);
      if (xb > xa && yb > ya) {
        out.via.push(tokSpan(c, xa, xb));
        out.source = tokSpan(c, ya, yb);
        return out;
      }
    }
  }
  // "قال Y لـ X": a relay to an outlet after the source
  for (let i = a + 1; i < b; i++) {
    const t = tok(c, i)!;
    if ((t.text === 'لـ' || t.text === 'ل') && i + 1 < b) {
      out.via.push(tokSpan(c, i + 1, b));
      b = i;
      break;
    }
  }
  // obj-frame verbs: the object follows the source; split at a noun with a pronoun suffix, or (for
  // verbs that take a person before the content) at a definite noun after a definite word that is
  // neither an adjective nor a title: "وصف الوزير | الاتفاق بأنه"، "اتهم الجيش | المسلحين بـ"
  if (cue.form?.frames.has('obj') || splitObject) {
    for (let i = a + 1; i < b; i++) {
      const t = tok(c, i)!;
      const prev = tok(c, i - 1)!;
      const suffixed = !!t.suf && !(t.pre && t.pre.length > 0);
      // "عارض المسؤول | توصيف صحيفة …": an indefinite common noun after a definite word (a name like
      // إيمانويل is indefinite too, but never takes the article)
      const vocab = defaultVocabulary();
      const prevMark = c.names?.[i - 1] ?? 0;
      const prevIsName =
        prevMark > 0 || (prev.kind === 'word' && !prev.norm.startsWith('ال') && !isTitle(prev) && !commonNounLike(prev.norm, vocab));
      const objectHead =
        splitObject &&
        t.kind === 'word' &&
        !t.norm.startsWith('ال') &&
        !isTitle(t) &&
        (QUANTIFIERS.has(t.norm) || ((prev.norm.startsWith('ال') || prevIsName) && commonNounLike(t.norm, vocab)));
      const prevAdjective = !prev.norm.startsWith('ال') && /(ي|ية|يه|يين|ية)$/.test(prev.norm) && i - 1 > a;
      const newNoun =
        !!cue.form?.frames.has('obj') &&
        t.norm.startsWith('ال') &&
        (prev.norm.startsWith('ال') || prevAdjective || prevMark > 0) &&
        !isTitle(t) &&
        !c.L.adjectives.has(t.norm) &&
        !/(ي|يه|ية|يين|يون|يان|يتين|يات)$/.test(t.norm);
      // never inside a name, nor at a person's name after a title ("أكد الدكتور | شريف …" is one source)
      const mark = c.names?.[i] ?? 0;
      if (mark === 2 || (mark === 1 && (isTitle(prev) || prevMark > 0))) continue;
      // "اتهم الوزير | إسرائيل بـ": a named place or body after a complete source is the object
      const namedObject = mark === 3 && !!cue.form?.frames.has('obj') && (prev.norm.startsWith('ال') || prevMark > 0);
      if (suffixed || newNoun || objectHead || namedObject) {
        out.objectEnd = b;
        b = i;
        break;
      }
    }
  }
  // "رئيس الوزراء أمام البرلمان": a place phrase after the source is not part of it
  for (let i = a + 1; i < b; i++) {
    if (PLACE_WORDS.has(tok(c, i)!.norm)) {
      b = i;
      break;
    }
  }
  // a trailing "من موقعه" style phrase is where, not who
  for (let i = a + 1; i < b; i++) {
    const t = tok(c, i)!;
    if (t.norm === 'من' && /^(موقع|مكان|مقر)/.test(tok(c, i + 1)?.norm ?? '')) {
      b = i;
      break;
    }
  }
  [a, b] = trimMention(c, a, b);
  if (b > a) out.source = tokSpan(c, a, b);
  return out;
}

/** Ends the open segment (if any) at token i; returns the new open start (none: -1). */
function closeSegment(segments: number[], segStart: number, i: number): number {
  if (segStart >= 0) segments.push(segStart, i);
  return -1;
}

/** Words that open a new noun phrase: "نفت سوريا | أي تدخل"، "انتقدت الصحف | بعض التفاصيل". */
const QUANTIFIERS = new Set(['اي', 'بعض', 'كل', 'جميع', 'كافة', 'عدد', 'مزيد', 'عدة']);

// (word lists the per-token loops test are sets: a probe, where an alternation is a regex run)
const TEMPORAL_HEADS = new Set(['اثر', 'عقب', 'خلال', 'بعد', 'قبل', 'اثناء', 'لدي', 'عند', 'وسط', 'منذ', 'حتي', 'فور', 'بعيد', 'قبيل', 'ابان', 'حيث', 'بينما', 'فيما']);
const SOURCE_PREPS = new Set(['في', 'من', 'علي', 'عن', 'الي', 'مع', 'منذ']);
const GOVERNING_PREPS = new Set(['في', 'من', 'علي', 'عن', 'الي', 'مع', 'ب', 'ل']);
const RESUMPTIVES = new Set(['فيه', 'فيها', 'منه', 'منها', 'عنه', 'عنها', 'له', 'لها', 'به', 'بها']);
const PLACE_WORDS = new Set(['امام', 'خلف', 'داخل', 'خارج', 'قرب', 'لدي', 'عند', 'وسط']);
const BEFORE_VERB = new Set(['قد', 'لقد', 'وقد', 'فقد', 'بدوره', 'بدورها', 'ايضا', 'كذلك']);
const KANA = new Set(['كان', 'كانت', 'كانوا']);
const CLAUSE_OPENERS = new Set(['ان', 'فان', 'وان', 'لكن']);

/** Does the segment starting at token a begin with a temporal preposition or an addressee (لـ)? */
function notSource(c: SentenceCtx, a: number): boolean {
  const t = tok(c, a);
  if (!t || t.kind !== 'word') return false;
  if (TEMPORAL_HEADS.has(t.norm) || TEMPORAL_HEADS.has(bareForm(t))) return true;
  // a source never opens with a preposition: في الوقت نفسه، من جانبه، على هامش
  if (SOURCE_PREPS.has(bareForm(t)) && bare(t) !== 'علي') return true;
  if (t.norm === 'علي' && tok(c, a + 1)?.norm === 'هامش') return true;
  // an addressee: للرئيس ترامب، لنظيره
  return !!t.pre && t.pre[0] === 'ل' && t.pre.length <= 2 && !/^(لوكال|لصحيف|لقنا|لموقع)/.test(t.norm);
}

/** The subject before a verb (SVO), back to a clause boundary; undefined when there is none. */
function subjectBefore(c: SentenceCtx, cueIndex: number): Span | undefined {
  const cueTok = tok(c, cueIndex)!;
  if (hasConj(cueTok)) {
    // "أما وكالة تسنيم فنقلت …": the subject stands between أما and the ف of the verb
    if (cueTok.pre?.[0] !== 'ف') return undefined;
    for (let k = cueIndex - 1; k >= c.from && cueIndex - k <= 10; k--) {
      if (bareForm(tok(c, k)!) === 'اما') {
        const [a, b] = trimMention(c, k + 1, cueIndex);
        return b > a ? tokSpan(c, a, b) : undefined;
      }
      if (isStopPunct(tok(c, k))) break;
    }
    return undefined;
  }
  let i = cueIndex - 1;
  // skip "قد" / "لقد" / time words right before the verb, and كان after its subject (X كانت قد طالبت)
  while (i >= c.from && BEFORE_VERB.has(tok(c, i)!.norm)) i--;
  if (i > c.from && KANA.has(tok(c, i)!.norm) && isWordish(tok(c, i - 1)) && !PARTICLES.has(tok(c, i - 1)!.norm)) i--;
  if (i < c.from) return undefined;
  // "X، Y، أعلن": a subject with an apposition, closed by a comma
  if (isComma(tok(c, i)) && i > c.from) {
    let k = i - 1;
    let commas = 0;
    while (k >= c.from) {
      const u = tok(c, k)!;
      if (isComma(u)) {
        if (++commas > 2) return undefined;
      } else if (isStopPunct(u)) break;
      else if (u.kind === 'word' && (PARTICLES.has(u.norm) || (hasConj(u) && PARTICLES.has(bareForm(u))) || cueStartsAt(c, k))) break;
      k--;
      if (i - k > 16) return undefined;
    }
    const boundary = tok(c, k);
    // only after كان / بعدما كان / the sentence start is this a subject, not a clause of its own
    if (k >= c.from && !(boundary && /^(كان|كانت|وكان|وكانت|بعدما|ان|وان|فان|لكن)$/.test(boundary.norm))) return undefined;
    // "ومن جانبها، أعلنت" / "وفي ختام اللقاء، أبدى": an adverbial opening, not a subject
    if (notSource(c, k + 1) || PREP_WORDS.has(bareForm(tok(c, k + 1)!))) return undefined;
    const [a, b] = trimMention(c, k + 1, i);
    return b > a ? tokSpan(c, a, b) : undefined;
  }
  let end = i + 1;
  const t = tok(c, i)!;
  // "X الذي طالب": the antecedent of a relative pronoun
  if (RELATIVES.has(t.norm)) {
    end = i;
    i--;
    while (i >= c.from && isComma(tok(c, i))) {
      end = i;
      i--;
    }
  }
  let start = end;
  const vocab = defaultVocabulary();
  for (let k = end - 1; k >= c.from; k--) {
    const u = tok(c, k)!;
    if (isStopPunct(u) || (u.kind === 'punct' && /^[-–—]+$/.test(u.text))) break;
    // a quotation opened before the verb: the subject is inside it ("لقد طالب مجلس الأمن …"); a
    // quotation opening right at the verb leaves the subject before it (ترامب "أعرب عن …")
    if (isQuote(u) && partnerOf(c, k) > k) {
      if (k === end - 1 && end === cueIndex) {
        end = k;
        start = k;
        continue;
      }
      break;
    }
    // another verb before the subject ends it: "عرضت سوريا على المفتشين … 22 شاهد عيان قالوا"
    if (u.kind === 'word' && k < end - 1 && !u.pre?.includes('ال') && verbLike(bareForm(u), vocab)) break;
    if (u.kind === 'word' && (PARTICLES.has(u.norm) || (hasConj(u) && PARTICLES.has(bareForm(u))))) break;
    if (u.kind === 'word' && cueStartsAt(c, k)) break;
    if (u.kind === 'word' && (CLAUSE_OPENERS.has(u.norm) || isComplementizer(c, k, false) || TEMPORAL_HEADS.has(u.norm))) break;
    start = k;
    if (end - start > 12) return undefined;
  }
  if (start >= end) return undefined;
  // "خلال لقائنا الزعيم …": the object of a preposition before the subject is not part of it
  const head = tok(c, start - 1);
  if (head && head.kind === 'word' && (TEMPORAL_HEADS.has(head.norm) || GOVERNING_PREPS.has(bareForm(head))) && end - start > 1) {
    start++;
  }
  // a conjunction on the first word of the subject belongs to the clause, not the mention
  const [a, b] = trimMention(c, start, end);
  if (b <= a) return undefined;
  const first = tok(c, a)!;
  // a verb-initial clause before the subject means this is not a plain subject
  if (first.kind === 'word' && PREP_WORDS.has(first.norm)) return undefined;
  let s = tokSpan(c, a, b);
  if (hasConj(first) && first.base) s = span(c, first.start + 1, s.end);
  return s;
}

/** Builds the record for one cue. */
export function analyzeCue(c: SentenceCtx, cue: Cue, cues: Cue[]): Draft | undefined {
  // "نقلا عن" and other prepositional cues inside the preamble do not end it, nor a noun cue that is
  // the verb's object ("نفت بشدة مزاعم …")
  let limit = c.to;
  for (const x of cues) {
    if (x.first > cue.first && x.cls !== 'prep' && x.cls !== 'noun' && !inPreamble(c, x.first)) {
      limit = x.first;
      break;
    }
  }
  if (cue.cls === 'prep') return analyzePrepCue(c, cue, cues);
  if (cue.cls === 'document') {
    // جاء في البيان أن … / ورد في التقرير "…"
    const anchor = findAnchor(c, { ...cue, form: undefined }, cue.end, c.to);
    const srcEnd = anchor ? anchor.word : Math.min(c.to, cue.end + 4);
    const [a, b] = trimMention(c, cue.end, srcEnd);
    if (!anchor || b <= a) return undefined;
    const got = contentFrom(c, anchor, cue.cls);
    if (!got) return undefined;
    const source = tokSpan(c, a, b);
    return { cue, source, ...got, medium: null, via: [], hedge: null, subject: source, sentence: c, forward: true };
  }
  // a quotation that opens right before the cue: "قال صحفي …، <content>"
  const before = tok(c, cue.first - 1);
  if (before && isQuote(before) && partnerOf(c, cue.first - 1) > cue.first && cue.cls === 'verb') {
    const close = partnerOf(c, cue.first - 1);
    let k = cue.end;
    while (k < close && !isComma(tok(c, k)) && !isColon(tok(c, k))) k++;
    if (k < close - 1) {
      const pq = readPreamble(c, cue.end, k, cue);
      const inner = trim(c, tok(c, k + 1)!.start, tok(c, close)!.start);
      if (inner) {
        let medium = pq.medium;
        for (let i = c.from; i < cue.first - 1 && !medium; i++) {
          const md = mediumAt(c, i, cue.first - 1);
          if (md > 0) medium = mediumSpan(c, i, i + md);
        }
        return { cue, source: pq.source, content: inner, type: 'direct', medium, via: pq.via, hedge: null, subject: pq.source, sentence: c, forward: true };
      }
    }
  }
  let anchor = findAnchor(c, cue, cue.end, limit);
  // "«لن نتراجع»، قال رئيس الوزراء": a quotation that ends just before the cue is its content
  if (!anchor && cue.cls === 'verb' && cue.form?.frames.has('quote')) {
    let q = cue.first - 1;
    if (isComma(tok(c, q))) q--;
    const open = q >= c.from && isQuote(tok(c, q)) ? partnerOf(c, q) : -1;
    if (open >= c.from && open < q) {
      const inner = trim(c, tok(c, open)!.end, tok(c, q)!.start);
      const pq = readPreamble(c, cue.end, limit, cue);
      if (inner) return { cue, source: pq.source, content: inner, type: 'direct', medium: pq.medium, via: pq.via, hedge: null, subject: pq.source, sentence: c, forward: false };
    }
  }
  let pre: Preamble;
  let content: { content: Span; type: Draft['type'] } | undefined;
  const via: Span[] = [];
  let hedge: Span | null = null;
  let subject: Span | null = null;

  if (cue.cls === 'verb' && cue.form?.frames.has('relay')) return analyzeRelay(c, cue, limit);
  if (cue.onTongue && anchor) {
    // "وكان المنشور قد ذكر على لسان محرز أنه …": source after لسان, the subject is the relay
    const [ya, yb] = trimMention(c, cue.end, anchor.word);
    const got = contentFrom(c, anchor, cue.cls);
    const relay = subjectBefore(c, cue.first) ?? readPreamble(c, cue.end, cue.end, cue).source;
    if (got && yb > ya) {
      const source = tokSpan(c, ya, yb);
      return { cue, source, ...got, medium: null, via: relay ? [relay] : [], hedge: null, subject: relay ?? source, sentence: c, forward: true };
    }
  }
  if (cue.cls === 'verb' && cue.form?.lemma === 'نقل') return analyzeRelay(c, cue, limit);

  // "أعلن فيه توقفه عن مزاولة …": a noun with a pronoun right after the cue is what was announced,
  // and the preposition after it is that noun's
  if (anchor && anchor.kind === 'prep' && cue.form?.frames.has('np')) {
    let j = cue.end;
    while (j < anchor.word && /^(فيه|فيها|له|لها)$/.test(tok(c, j)!.norm)) j++;
    const t = tok(c, j);
    if (t && j < anchor.word && t.suf && !(t.pre && t.pre.length > 0) && !t.norm.startsWith('ال')) anchor = { at: j, charStart: t.start, kind: 'np', word: j };
  }
  if (anchor) {
    // a verb that reports a noun phrase but not a clause ("عارض المسؤول توصيف الصحيفة … بأنه"): the
    // words before the complementizer hold its object too
    const npOnly = !!cue.form && cue.form.frames.has('np') && !cue.form.frames.has('that') && anchor.kind === 'that';
    pre = readPreamble(c, cue.end, anchor.word, cue, npOnly);
    content = contentFrom(c, anchor, cue.cls);
    // اتهم X بـ Y / دعا X إلى Y: the content starts with the object X
    if (content && anchor.kind === 'prep' && pre.objectEnd !== undefined && pre.source) {
      const objStart = c.tokens[firstWordFrom(c, cue.end, pre.source.end)];
      if (objStart && objStart.start < content.content.start) content = { ...content, content: span(c, objStart.start, content.content.end) };
    }
  } else {
    if (!cue.form?.frames.has('np') && cue.cls !== 'noun') return undefined;
    // a reported noun phrase: "روسيا نفت أي تدخل", "مؤكدا اهتمام الدولة", "أعلنت الوزارة، انحصار …"
    let j = cue.end;
    let skippedComma = false;
    while (j < limit) {
      const tw = timeAt(c, j);
      const md = mediumAt(c, j, limit);
      if (tw) j += tw;
      else if (md) j += md;
      else if (isComma(tok(c, j))) {
        j++;
        skippedComma = true;
      } else break;
    }
    if (j >= limit) return undefined;
    const svo = cue.cls === 'verb' ? subjectBefore(c, cue.first) : undefined;
    // "لكنها نفت …", "وهو ما نفاه": the subject is a pronoun before the verb
    const prevNorm = tok(c, cue.first - 1)?.norm ?? '';
    const pronoun = /^(لكنه|لكنها|لكنهم|انه|انها|انهم|وهو|وهي|وهم|هو|هي|هم|فانه|فانها|ولكنه|ولكنها)$/.test(prevNorm);
    // "وأوضح في بيان، سقوط …": a comma right after the cue (and its medium) leaves no room for a subject
    if (cue.cls === 'participle' || cue.cls === 'noun' || svo || skippedComma || pronoun) {
      // the subject is elsewhere: the phrase starts right after the cue
      pre = readPreamble(c, cue.end, j, cue);
      content = contentFrom(c, { at: j, charStart: tok(c, j)!.start, kind: 'np', word: j }, cue.cls);
    } else {
      // VSO: the source, then the object: at a noun with a pronoun suffix (أبدى رئيس الوزراء تقديره),
      // or after a comma (أعلنت الوزارة، انحصار …)
      let k = j;
      while (k < limit && !isComma(tok(c, k)) && !isStopPunct(tok(c, k))) k++;
      let m = -1;
      pre = readPreamble(c, cue.end, k, cue, true);
      if (pre.objectEnd !== undefined && pre.source) {
        m = firstWordFrom(c, j, pre.source.end);
      } else if (k < limit && isComma(tok(c, k)) && k - j <= 12) {
        m = k + 1;
        while (m < limit) {
          const tw = timeAt(c, m);
          if (tw) m += tw;
          else if (isComma(tok(c, m))) m++;
          else break;
        }
        pre = readPreamble(c, cue.end, k, cue);
      } else {
        // a time phrase between subject and object: "نفى الإعلامي زياد الهاني اليوم الثلاثاء أي أزمة"،
        // "أدانت إسرائيل الاثنين الهجوم"
        for (let t = j + 1; t < k; t++) {
          const tw = timeAt(c, t);
          if (!tw) continue;
          let e = t + tw;
          while (e < k && timeAt(c, e)) e += timeAt(c, e);
          if (e < k && isWordish(tok(c, e))) {
            m = e;
            pre = readPreamble(c, cue.end, t, cue);
          }
          break;
        }
      }
      if (m < 0 || m >= limit) return undefined;
      content = contentFrom(c, { at: m, charStart: tok(c, m)!.start, kind: 'np', word: m }, cue.cls);
    }
  }
  if (!content) return undefined;
  if (content.content.end - content.content.start < 2) return undefined;

  let source = pre.source;
  via.push(...pre.via);
  // "حيث وصف سليماني بأنه …": after حيث / إذ the subject is the one already speaking; the NP is the object
  if (cue.cls === 'verb' && cue.form?.frames.has('obj') && pre.objectEnd === undefined && /^(حيث|اذ)$/.test(tok(c, cue.first - 1)?.norm ?? '')) source = null;
  if (cue.cls === 'verb' && (!source || cue.form?.frames.has('obj'))) {
    // "روسيا نفت …", "X الذي طالب المملكة بـ…": with a subject before the verb, what follows is the object
    const svo = subjectBefore(c, cue.first);
    if (svo) source = svo;
  }
  subject = source;
  if (cue.form?.frames.has('hedge')) hedge = cue.span;
  if (cue.cls === 'noun') hedge = cue.span;
  if (cue.cls === 'passive' || cue.gender === '1') source = null;
  // a medium before the cue at the start of the sentence: "وفي رسالة مصورة على صفحته …، قال"
  let medium = pre.medium;
  if (!medium) {
    for (let i = c.from; i < cue.first; i++) {
      const md = mediumAt(c, i, cue.first);
      if (md > 0 && (i === c.from || isQuote(tok(c, i - 1)) || hasConj(tok(c, i)!))) {
        medium = mediumSpan(c, i, i + md);
        break;
      }
      if (!isQuote(tok(c, i)) && i > c.from + 1) break;
    }
  }
  return { cue, source, content: content.content, type: content.type, medium, via, hedge, subject, sentence: c, forward: true };
}

/** Index of the first wordish token from token `from` on (to the end of the document) that starts at or after char `at`, or -1. */
function firstWordFrom(c: SentenceCtx, from: number, at: number): number {
  for (let i = from; i < c.tokens.length; i++) {
    const t = c.tokens[i]!;
    if (t.start >= at && isWordish(t)) return i;
  }
  return -1;
}

/** نقل/نقلت X عن Y [قوله] إن …: source Y, via X. */
function analyzeRelay(c: SentenceCtx, cue: Cue, limit: number): Draft | undefined {
  let an = -1;
  for (let i = cue.end; i < limit; i++) {
    if (tok(c, i)!.norm === 'عن') {
      an = i;
      break;
    }
    // a quoted name in the relay ("منها صحيفة "الإندبندنت"") is part of it
    if (isQuote(tok(c, i)) && partnerOf(c, i) > i && wordsInside(c, i, partnerOf(c, i)) <= 3) {
      i = partnerOf(c, i);
      continue;
    }
    if (isComplementizer(c, i) || isQuote(tok(c, i))) break;
  }
  if (an < 0) return undefined;
  const svo = cue.end === an ? subjectBefore(c, cue.first) : undefined;
  const relayPre = readPreamble(c, cue.end, an, cue);
  const relay = relayPre.source ?? svo ?? null;
  // after عن: Y, then a speech noun (قوله، تأكيده، مزاعمها) and the content
  let j = an + 1;
  let yEnd = j;
  let hedge: Span | null = null;
  let anchor: Anchor | undefined;
  for (; j < limit; j++) {
    const t = tok(c, j)!;
    if (isComplementizer(c, j)) {
      anchor = { at: j + 1, charStart: tok(c, j + 1)?.start ?? t.end, kind: 'that', word: j };
      break;
    }
    if (isQuote(t) && partnerOf(c, j) > j && j > an + 1 && !isNameQuote(c, j)) {
      anchor = { at: j, charStart: t.start, kind: 'quote', word: j };
      break;
    }
    if (isColon(t)) {
      const n = tok(c, j + 1);
      if (n) anchor = { at: j + 1, charStart: n.start, kind: isQuote(n) ? 'quote' : 'colon', word: j };
      break;
    }
    if (t.kind === 'word' && (c.L.speechNouns.has(t.norm) || VIA_SPEECH_NOUNS_RE.test(t.base ? bareForm(t).replace(/^ال/, '') : t.norm))) {
      if (/^مزاعم|^ادعاء/.test(t.norm)) hedge = t;
      const n = tok(c, j + 1);
      const bi = n ? afterBi(c, n) : -1;
      if (n && isComplementizer(c, j + 1, false)) {
        anchor = { at: j + 2, charStart: tok(c, j + 2)?.start ?? n.end, kind: 'that', word: j + 1 };
      } else if (n && isQuote(n)) {
        anchor = { at: j + 1, charStart: n.start, kind: 'quote', word: j + 1 };
      } else if (n && bi >= 0) {
        anchor = { at: j + 1, charStart: bi, kind: 'prep', word: j + 1 };
      } else {
        // "قوله في بداية محادثاته مع مون: "…"": look further for the content
        for (let q = j + 1; q < limit; q++) {
          const u = tok(c, q)!;
          if (isComplementizer(c, q)) {
            anchor = { at: q + 1, charStart: tok(c, q + 1)?.start ?? u.end, kind: 'that', word: q };
            break;
          }
          if (isColon(u) && tok(c, q + 1)) {
            anchor = { at: q + 1, charStart: tok(c, q + 1)!.start, kind: isQuote(tok(c, q + 1)) ? 'quote' : 'colon', word: q };
            break;
          }
          if (isQuote(u) && speechQuote(c, q, j + 1)) {
            anchor = { at: q, charStart: u.start, kind: 'quote', word: q };
            break;
          }
        }
        if (!anchor && n && !isStopPunct(n)) anchor = { at: j + 1, charStart: n.start, kind: 'np', word: j + 1 };
      }
      break;
    }
    yEnd = j + 1;
  }
  if (!anchor) return undefined;
  const [ya, yb] = trimMention(c, an + 1, Math.min(yEnd, anchor.word));
  const got = contentFrom(c, anchor, cue.cls);
  if (!got) return undefined;
  const source = yb > ya ? tokSpan(c, ya, yb) : null;
  return {
    cue,
    source,
    content: got.content,
    type: got.type,
    medium: relayPre.medium,
    via: relay ? [relay] : [],
    hedge,
    subject: relay,
    sentence: c,
    forward: true,
  };
}

/** A quotation that wraps a name ("المعارضة" السورية) rather than speech: short, inside a mention. */
function isNameQuote(c: SentenceCtx, i: number): boolean {
  const p = partnerOf(c, i);
  return p > i && p - i <= 4;
}

/** Is a prepositional cue an attribution: a verb joined after it, or a source that can speak? */
function realPrepCue(c: SentenceCtx, cue: Cue): boolean {
  if (cue.end - cue.first > phraseAt(c, cue.first, c.L.prepositional)) return true;
  let j = cue.end;
  while (j < c.to && timeAt(c, j)) j += timeAt(c, j);
  return j < c.to && speakerLike(c, j);
}

/** Can the mention starting at token a speak: a speaker noun (مصدر، وكالة، بيان …), a title, or a name? */
function speakerLike(c: SentenceCtx, a: number): boolean {
  const t = tok(c, a);
  if (!t) return false;
  if (t.kind === 'latin' || t.kind === 'hashtag') return true;
  if (t.kind !== 'word') return false;
  let w = bareForm(t);
  if (t.pre && t.pre.includes('ل')) w = w.replace(/^ل/, '');
  const noArt = w.replace(/^ال/, '').replace(/^ل/, '');
  if (c.L.speakerNounStems.some((n) => noArt.startsWith(n))) return true;
  if (isTitle(t)) return true;
  // a name: not definite
  return !w.startsWith('ال') && !/^لل/.test(t.norm);
}

/** Prepositional cues: بحسب X / وفقا لـ X / حسبما قال X, with content before, after or around. */
function analyzePrepCue(c: SentenceCtx, cue: Cue, cues: Cue[], anySource = false): Draft | undefined {
  // the source: the words after the cue up to a comma or the end of the sentence
  let j = cue.end;
  while (j < c.to && timeAt(c, j)) j += timeAt(c, j);
  let k = j;
  while (k < c.to && !isComma(tok(c, k)) && !isStopPunct(tok(c, k)) && !isComplementizer(c, k)) k++;
  let [a, b] = trimMention(c, j, k);
  // "ما ورد في صحيفة X": the source is what follows في
  for (let i = a; i < b; i++) if (tok(c, i)!.norm === 'في' && i + 1 < b && i - a <= 2) {
    a = i + 1;
    break;
  }
  [a, b] = trimMention(c, a, b);
  // "بحسب ما قاله أحمد أوزومجو، المدير العام للمنظمة": an apposition after a comma
  if (b > a && isComma(tok(c, b)) && tok(c, b + 1) && isTitle(tok(c, b + 1)!)) {
    let e = b + 1;
    while (e < c.to && !isComma(tok(c, e)) && !isStopPunct(tok(c, e))) e++;
    const [, b2] = trimMention(c, a, e);
    if (b2 > b) b = b2;
  }
  let source = b > a ? tokSpan(c, a, b) : null;
  // "وفقا لبيان صادر عن …": the ل is the cue's, the source starts after it
  const firstSrc = tok(c, a);
  if (source && firstSrc && firstSrc.pre?.[0] === 'ل' && /^(وفقا|طبقا|تبعا)$/.test(bareForm(tok(c, cue.end - 1)!))) {
    const cut = firstSrc.pre[1] === 'ال' ? firstSrc.start + 1 : (firstSrc.base?.start ?? firstSrc.start + 1);
    source = span(c, cut, source.end);
  }
  // "وفقا للقانون", "حسب الخطة": in accordance with something that does not speak
  const verbJoined = cue.end - cue.first > phraseAt(c, cue.first, c.L.prepositional);
  if (!verbJoined && (!source || (!anySource && !speakerLike(c, a)))) return undefined;
  const sentStart = tok(c, c.from)!;
  const other = cues.filter((x) => x !== cue && x.cls !== 'prep');
  const cueTok = tok(c, cue.first)!;
  const atStart = cue.first === c.from || (cue.first === c.from + 1 && isQuote(sentStart) === false && hasConj(sentStart) === false && false);
  let content: { content: Span; type: Draft['type'] } | undefined;
  // "… "أهم نقطة عبور للنفط" وفقا لإدارة الطاقة": the quotation just before the cue is the content
  const before = tok(c, cue.first - 1);
  const openIdx = before && isQuote(before) ? partnerOf(c, cue.first - 1) : -1;
  // only a quoted name given by someone ("الذي يعتبر "أهم نقطة عبور" وفقا لـ…"): a quotation inside a
  // longer report is that report's, and the cue is its relay
  if (openIdx >= 0 && openIdx < cue.first - 1 && /^(يعتبر|تعتبر|يعد|تعد|يوصف|توصف|يسمي|تسمي|يعرف|تعرف)$/.test(tok(c, openIdx - 1)?.norm ?? '')) {
    const open = tok(c, openIdx)!;
    const inner = trim(c, open.end, before!.start);
    if (inner) return { cue, source, content: inner, type: 'direct', medium: null, via: [], hedge: null, subject: source, sentence: c, forward: false };
  }
  if (cue.first === c.from || (hasConj(cueTok) && cue.first === c.from)) {
    // "بحسب X، content"
    if (k >= c.to) return undefined;
    content = contentFrom(c, { at: k + 1, charStart: tok(c, k + 1)?.start ?? 0, kind: 'np', word: k }, 'prep');
  } else {
    // content before: from the sentence start (or the last clause boundary) to the cue
    let s = c.from;
    for (const o of other) if (o.first < cue.first) s = Math.max(s, o.first);
    // a tail of another record ("…، بحسب ما ذكرته رويترز"): kept for the relay step, which folds it
    if (other.some((o) => o.first < cue.first)) return { cue, source, content: cue.span, type: 'indirect', medium: null, via: [], hedge: null, subject: source, sentence: c, forward: false };
    let e = cue.first;
    while (e > s && (isComma(tok(c, e - 1)) || isStopPunct(tok(c, e - 1)))) e--;
    if (e <= s) return undefined;
    let startChar = tok(c, s)!.start;
    const first = tok(c, s)!;
    if (first.norm === 'و' || first.norm === 'ف') startChar = tok(c, s + 1)?.start ?? startChar;
    else if (hasConj(first) && first.base) startChar = first.start + 1;
    // a parenthetical cue between commas: the content runs around it to the clause end
    let endChar = tok(c, e - 1)!.end;
    if (isComma(tok(c, k)) && k + 1 < c.to && !atStart && isComma(tok(c, cue.first - 1))) {
      const beforeWords = cue.first - s;
      if (beforeWords <= 4) endChar = contentEnd(c, k + 1, 'prep');
    }
    const raw = trim(c, startChar, endChar);
    if (!raw) return undefined;
    content = { content: raw, type: /["«»“”]/.test(raw.text) ? (/^["«“]/.test(raw.text) && /["»”]$/.test(raw.text) ? 'direct' : 'mixed') : 'indirect' };
  }
  if (!content) return undefined;
  return { cue, source, content: content.content, type: content.type, medium: null, via: [], hedge: null, subject: source, sentence: c, forward: false };
}

export { cueStartsAt };

/**
 * A looser reading of a verb cue the rules could not read (a relative clause or a phrase between
 * the subject and إن, a medium the preamble does not know): the first complementizer, quotation or
 * colon within a few words, before the next cue, starts the content; the words between are the
 * source when they are few; a prepositional cue whose source the rules do not know can speak
 * ("بحسب الخارجية الفلسطينية") is read as one that can. Marked `loose`, for the cue model to weigh.
 */
export function looseDraft(c: SentenceCtx, cue: Cue, cues: Cue[]): Draft | undefined {
  // "بحسب الخارجية الفلسطينية"، "وفقا لمدير المدرسة": a source the rules do not know can speak
  if (cue.cls === 'prep') {
    const d = analyzePrepCue(c, cue, cues, true);
    return d ? { ...d, loose: true } : undefined;
  }
  if (cue.cls !== 'verb' && cue.cls !== 'participle') return undefined;
  let limit = c.to;
  for (const x of cues) {
    if (x.first > cue.first && x.cls !== 'prep' && x.cls !== 'noun' && !inPreamble(c, x.first)) {
      limit = x.first;
      break;
    }
  }
  const max = Math.min(limit, cue.end + 14);
  for (let i = cue.end; i < max; i++) {
    const t = tok(c, i)!;
    let anchor: Anchor | undefined;
    if (isComplementizer(c, i) && i + 1 < c.to) anchor = { at: i + 1, charStart: tok(c, i + 1)!.start, kind: 'that', word: i };
    else if (isQuote(t) && partnerOf(c, i) > i + 1) anchor = { at: i, charStart: t.start, kind: 'quote', word: i };
    else if (isColon(t) && i + 1 < c.to) anchor = { at: i + 1, charStart: tok(c, i + 1)!.start, kind: isQuote(tok(c, i + 1)) ? 'quote' : 'colon', word: i };
    if (!anchor) continue;
    const got = contentFrom(c, anchor, cue.cls);
    if (!got) return undefined;
    const [a, b] = trimMention(c, cue.end, i);
    let words = 0;
    for (let k = a; k < b; k++) if (isWordish(tok(c, k))) words++;
    const source = b > a && words <= 8 ? tokSpan(c, a, b) : null;
    return { cue, source, ...got, medium: null, via: [], hedge: null, subject: source, sentence: c, forward: true, loose: true };
  }
  return undefined;
}
