/**
 * Speaker resolution: for each record, the best full mention of its speaker in the article.
 *
 * - A record with a source: among the mentions that refer to the same speaker — the sources and
 *   relays of all records, and the source's first occurrence in the text widened to its apposition
 *   ("الدكتور مصطفى مدبولي، رئيس مجلس الوزراء") — the fullest one (most words, then earliest).
 *   Two mentions refer to the same speaker when every distinctive word of the shorter one (by light
 *   stem, titles and particles aside) appears in the longer one, or they share a name word.
 * - A record without a source (وأضاف، وتابعت): the speaker of the nearest earlier record whose cue
 *   agrees in gender and number (قال / قالت / قالوا).
 * - Passive records (قيل) have no speaker.
 */
import type { Doc } from '../../doc/index.js';
import { lightStem, normalize } from '../../text/index.js';
import type { Draft, Span } from './extract.js';
import { isSpace } from './context.js';
import { isTitle } from './titles.js';
import { attributionLexicons, isTrigger } from './lexicon.js';
import { feat, type Feature } from './learned.js';
import { isValidMention } from './invariants.js';

/** Words that do not identify a speaker on their own. */
const GENERIC = new Set(
  [
    'ال', 'في', 'من', 'علي', 'الي', 'عن', 'و', 'ب', 'ل', 'مع', 'باسم', 'الذي', 'التي',
  ].map((w) => normalize(w, 'match')),
);
/** Titles and roles: they identify only together with other words. */
const TITLES = new Set(
  ['رئيس', 'الرئيس', 'وزير', 'الوزير', 'وزيرة', 'الدكتور', 'د', 'الشيخ', 'الامير', 'الملك', 'السيد', 'السيدة', 'المهندس', 'اللواء', 'العميد', 'الجنرال', 'المتحدث', 'المتحدثة', 'متحدث', 'متحدثة', 'مدير', 'المدير', 'الامين', 'العام', 'نائب', 'عضو', 'العضو', 'زعيم', 'سفير', 'مستشار', 'قائد', 'امين', 'مبعوث', 'ممثل']
    .flatMap((w) => [w, lightStem(w)])
    .map((w) => normalize(w, 'match')),
);

interface Mention {
  span: Span;
  keys: string[];
  names: string[];
  /** coordinated mentions ("الولايات المتحدة والأمم المتحدة") */
  compound: boolean;
  /** only titles and their adjectives (الوزير، الرئيس الفرنسي، المتحدثة باسم الوزارة …) */
  titleish: boolean;
  /** for an entity widened with its titles: the keys of the name itself (adjectives aside) */
  core?: string[];
  heads: string[];
}

/**
 * Mentions of the document's people and organizations widened with their titles: a title phrase
 * before a person's name (الرئيس الأمريكي، وزير الخارجية الروسي، مستشار البيت الأبيض،), and a title
 * phrase after it, with or without a comma (، رئيس مجلس الوزراء / وزير التموين والتجارة الداخلية).
 */
const entityMentionsMemo = new WeakMap<Doc, Array<{ span: Span; core: Span }>>();

function entityMentions(doc: Doc): Array<{ span: Span; core: Span }> {
  let m = entityMentionsMemo.get(doc);
  if (!m) entityMentionsMemo.set(doc, (m = findEntityMentions(doc)));
  return m;
}

function findEntityMentions(doc: Doc): Array<{ span: Span; core: Span }> {
  const toks = doc.tokens ?? [];
  const out: Array<{ span: Span; core: Span }> = [];
  const isWord = (i: number): boolean => !!toks[i] && toks[i]!.kind === 'word';
  const comma = (i: number): boolean => !!toks[i] && (toks[i]!.text === '،' || toks[i]!.text === ',');
  for (const e of doc.entities ?? []) {
    if (e.type !== 'PER' && e.type !== 'ORG') continue;
    const coreFirst = doc.tokenAt(e.start);
    let first = coreFirst;
    let last = first;
    while (last + 1 < toks.length && toks[last + 1]!.end <= e.end) last++;
    if (e.type === 'PER') {
      // left: a title within four words (crossing one comma), with nothing but words in between
      for (let k = first - 1, commas = 0; k >= 0 && first - k <= 5; k--) {
        if (comma(k)) {
          if (++commas > 1 || k !== first - 1) break;
          continue;
        }
        if (!isWord(k) || /^(في|من|الي|علي|عن|ان|إن|أن|قال|و)$/.test(toks[k]!.norm)) break;
        if (isTitle(toks[k]!)) first = k;
      }
    }
    // right: a title phrase, after a comma or directly
    let r = last + 1;
    if (comma(r)) r++;
    if (toks[r] && isWord(r) && isTitle(toks[r]!) && !toks[r]!.pre?.includes('و')) {
      let k = r;
      while (k + 1 < toks.length && k - r < 7 && isWord(k + 1) && !comma(k + 1) && !/^(في|من|ان|إن|أن|الذي|التي)$/.test(toks[k + 1]!.norm)) k++;
      last = k;
    }
    // a mention behind a preposition ("للأمم المتحدة") is governed, not a full mention of its own
    if (first === coreFirst && e.start > toks[first]!.start) continue;
    const start = toks[first]!.start;
    const end = Math.max(toks[last]!.end, e.end);
    out.push({ span: { start, end, text: doc.text.slice(start, end) }, core: e });
  }
  return out;
}

/** A source made of an indefinite common noun and its adjectives, with no name: "مصدر مطلع", "تقارير". */
function genericIndefinite(doc: Doc, s: Span): boolean {
  const toks = doc.tokens ?? [];
  const first = toks[doc.tokenAt(s.start)];
  if (!first || first.kind !== 'word' || first.pre?.includes('ال') || first.norm.startsWith('ال')) return false;
  return GENERIC_SPEAKERS.has(first.stem) || GENERIC_SPEAKERS.has(first.norm);
}

const GENERIC_SPEAKERS = new Set(
  ['مصدر', 'مصادر', 'مصدران', 'مسؤول', 'مسؤولون', 'مسؤولين', 'تقارير', 'تقرير', 'شاهد', 'شهود', 'خبير', 'خبراء', 'محلل', 'محللون', 'ناشط', 'نشطاء', 'مراقب', 'مراقبون', 'سكان', 'متحدث', 'متحدثة', 'مسءول', 'مسءولون']
    .flatMap((w) => [normalize(w, 'match'), lightStem(w)]),
);

/** The identifying words of a mention, from the document's tokens (their light stems). */
function mention(doc: Doc, span: Span): Mention {
  const keys: string[] = [];
  const names: string[] = [];
  let compound = false;
  let titleish = true;
  const heads: string[] = []; // keys without the nisba adjectives (السوري، الروسية)
  const toks = doc.tokens ?? [];
  for (let i = doc.tokenAt(span.start); i < toks.length && toks[i]!.end <= span.end; i++) {
    const t = toks[i]!;
    if (t.start < span.start) continue;
    if (t.kind !== 'word' && t.kind !== 'latin' && t.kind !== 'hashtag') continue;
    if (t.kind === 'hashtag') {
      // #مجلس_الأعمال: the words of a hashtag
      for (const part of t.norm.replace(/^#/, '').split('_')) if (part && !GENERIC.has(part)) keys.push(lightStem(part));
      continue;
    }
    const w = t.norm;
    // a coordinated mention: "… والأمم المتحدة", "… وسوريا" (a word right after a comma, like the
    // name in "الجنرال، وولتر …", does not coordinate)
    const prevTok = toks[i - 1];
    if ((w === 'و' || t.pre?.[0] === 'و') && keys.length > 0 && prevTok && prevTok.kind !== 'punct') compound = true;
    if (GENERIC.has(w)) continue;
    const k = t.stem;
    if (!k) continue;
    // titles only: the mention opens with a title (الوزير، رئيس مجلس الوزراء، المتحدثة باسم …)
    if (keys.length === 0 && !isTitle(t)) titleish = false;
    keys.push(k);
    if (!(w.startsWith('ال') && (w.endsWith('ي') || w.endsWith('ية') || w.endsWith('يه')))) heads.push(k);
    if (!TITLES.has(w) && !TITLES.has(k) && !(t.pre && t.pre.includes('ال'))) names.push(k);
  }
  return { span, keys, names, compound, titleish: titleish && keys.length > 0, heads };
}

function corefers(a: Mention, b: Mention): boolean {
  if (a.keys.length === 0 || b.keys.length === 0) return false;
  const byCore = coreMatch(a, b) ?? coreMatch(b, a);
  if (byCore !== undefined) return byCore;
  // (no arrays or closures here: this runs for every pair of a record and a mention)
  const short = a.keys.length <= b.keys.length ? a : b;
  const long = short === a ? b : a;
  // nouns must match nouns: الملك is not in "بيان صادر عن الديوان الملكي" (الملكي is an adjective)
  if (allIn(short.heads, long.heads)) {
    // every distinctive (non-title) word, when there is one; else every word
    let distinctive = 0;
    let missing = false;
    for (const k of short.keys) {
      if (TITLES.has(k)) continue;
      distinctive++;
      if (!long.keys.includes(k)) missing = true;
    }
    if (distinctive > 0 && !missing) return true;
    if (allIn(short.keys, long.keys)) return true;
  }
  // a shared name word (سيمونز ↔ بارونيس إليزابيث سيمونز)
  if (short.names.length === 0 || short.keys.length > 2) return false;
  for (const k of short.names) if (k.length >= 3 && long.names.includes(k)) return true;
  return false;
}

function allIn(xs: readonly string[], ys: readonly string[]): boolean {
  for (const x of xs) if (!ys.includes(x)) return false;
  return true;
}

/**
 * A person or body widened with titles (y): the source (x) must share its name, or be titles only
 * ("الأمم المتحدة" is not "الأمين العام للأمم المتحدة أنطونيو غوتيريش"; "الوزير" may be).
 * Undefined when y is not such a mention or x is one too.
 */
function coreMatch(x: Mention, y: Mention): boolean | undefined {
  if (!y.core || x.core) return undefined;
  for (const k of x.keys) if (y.core.includes(k)) return !nameClash(x.keys, y.core);
  return x.titleish && allIn(x.keys, y.keys);
}

/**
 * Two names that share a word but go on differently: "نايف الحربي" is not "نايف الشريف", "مجلس
 * الأمن" is not "مجلس النواب". A title after the shared word ("نايف، رئيس …") is no clash.
 */
function nameClash(keys: readonly string[], core: readonly string[]): boolean {
  for (let i = 0; i + 1 < keys.length; i++) {
    const j = core.indexOf(keys[i]!);
    if (j < 0 || j + 1 >= core.length) continue;
    const next = keys[i + 1]!;
    if (!core.includes(next) && !TITLES.has(next)) return true;
  }
  return false;
}

/** Number of words (runs of non-space characters, as split(/\s+/) would give) of a span's text. */
function words(s: Span): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.text.length; i++) {
    const space = isSpace(s.text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}


/** The first occurrence (`at`: its offset) of a mention in the text, widened to an apposition next to it. */
function widen(doc: Doc, s: Span, at: number): Span | undefined {
  const text = doc.text;
  if (at < 0 || at >= s.start) return undefined;
  let start = at;
  let end = at + s.text.length;
  // "NAME، TITLE …،": a following apposition of a few words, up to the next comma or full stop
  // (the comma looked for first: most mentions have none after them)
  let k = end;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  const comma = text[k] === '،' || text[k] === ',';
  const right = comma ? /^\s*[،,]\s*([^،,.:"«»\n]{3,80}?)\s*[،,]/u.exec(text.slice(end)) : null;
  if (right && /^(رئيس|وزير|مدير|نائب|المتحدث|الأمين|أمين|سفير|قائد|مستشار|عضو|رئيسة|وزيرة|مديرة)/.test(right[1]!)) end += right[0].replace(/\s*[،,]\s*$/, '').length;
  // "…، NAME، TITLE": a preceding name of a few words (only a title is widened so: test that first)
  if (/^(رئيس|وزير|مدير|نائب|المتحدث|رئيسة|وزيرة)/.test(s.text)) {
    const left = /(?:^|[\s])((?:الدكتور|الدكتورة|المهندس|الشيخ|السيد|السيدة|اللواء|الأمير)?\s?[^\s،,.:"«»]+\s[^\s،,.:"«»]+(?:\s[^\s،,.:"«»]+)?)\s*[،,]\s*$/u.exec(text.slice(Math.max(0, start - 60), start));
    if (left && /^(الدكتور|المهندس|الشيخ|السيد|اللواء|الأمير)/.test(left[1]!)) start -= left[0].length - (left[0].length - left[0].trimStart().length);
  }
  if (start === at && end === at + s.text.length) return undefined;
  return { start, end, text: text.slice(start, end) };
}

/**
 * The earliest place in the text where the same words stand as a mention of their own (the first
 * full mention): not governed by a title or noun before them ("زعيم كوريا الشمالية" is not a
 * mention of كوريا الشمالية).
 */
export function firstOccurrence(doc: Doc, s: Span, first: number): Span {
  let at = first;
  while (at >= 0 && at < s.start) {
    const wordStart = at === 0 || /[\s،,.:"«»()]/.test(doc.text[at - 1]!);
    // (the word before is read only where it matters: at the start of a word, after a space)
    const before = wordStart ? doc.text.slice(Math.max(0, at - 30), at) : '';
    let governed = false;
    if (wordStart && /\s$/.test(before)) {
      const prevWord = /([^\s،,.:"«»()]+)\s*$/u.exec(before)?.[1] ?? '';
      const pw = normalize(prevWord, 'match');
      governed = TITLES.has(pw) || /^(في|من|الي|علي|عن|مع|بين|حول|ضد|نحو|لدي|عند)$/.test(pw);
    }
    if (!governed && wordStart) return { start: at, end: at + s.text.length, text: s.text };
    at = doc.text.indexOf(s.text, at + 1);
  }
  return s;
}

const firstIndexMemo = new WeakMap<Doc, Map<string, number>>();

/** Where a text first occurs in the document (searched once per document and text: mentions repeat). */
export function firstIndexOf(doc: Doc, text: string): number {
  let m = firstIndexMemo.get(doc);
  if (!m) firstIndexMemo.set(doc, (m = new Map()));
  let at = m.get(text);
  if (at === undefined) m.set(text, (at = doc.text.indexOf(text)));
  return at;
}

export interface Resolution {
  speakers: Array<Span | null>;
  /** for each record, the record whose source names its speaker (itself when it has a source) */
  antecedents: number[];
}

export function resolveSpeakers(doc: Doc, drafts: readonly Draft[]): Resolution {
  // spans by their offsets, as one number
  const key = (s: Span): number => s.start * (doc.text.length + 1) + s.end;
  // the words of a span: sources and relays repeat, and each is also a record's own mention
  const analyzed = new Map<number, Mention>();
  const mentionOf = (s: Span): Mention => {
    const k = key(s);
    let m = analyzed.get(k);
    if (!m) analyzed.set(k, (m = mention(doc, s)));
    return m.span === s ? m : { ...m, span: s };
  };
  const mentions: Mention[] = [];
  const mentionWords: number[] = [];
  const seen = new Set<number>();
  const addMention = (s: Span, core?: string[]): void => {
    const k = key(s);
    if (seen.has(k)) return;
    seen.add(k);
    // one entity, whatever coordination its title holds (وزير التموين والتجارة)
    const m = core ? { ...mentionOf(s), core, compound: false } : mentionOf(s);
    mentions.push(m);
    mentionWords.push(words(s));
  };
  // the people and bodies the entity layer found, with their titles: "الرئيس الأمريكي دونالد ترامب",
  // "الدكتور شريف فاروق وزير التموين والتجارة الداخلية" — often the best full mention of a speaker
  for (const m of entityMentions(doc)) addMention(m.span, mentionOf(m.core).heads);
  // where a mention's words first occur in the text (searched once per text: widen and firstOccurrence both ask)
  const indexOf = (text: string): number => firstIndexOf(doc, text);
  const widened = new Map<string, Span | undefined>(); // by text: the same source is often repeated
  for (const d of drafts) {
    if (d.source) {
      addMention(d.source);
      if (!widened.has(d.source.text)) widened.set(d.source.text, widen(doc, d.source, indexOf(d.source.text)));
      const w = widened.get(d.source.text);
      if (w) addMention(w);
    }
    for (const v of d.via) addMention(v);
  }
  const out: Array<Span | null> = [];
  const antecedents: number[] = [];
  const firsts = new Map<string, Span>();
  // the mentions by their words (keys and a name's core): two mentions co-refer only when they share one
  const byWord = new Map<string, number[]>();
  mentions.forEach((m, j) => {
    for (const k of m.core ? [...m.keys, ...m.core] : m.keys) {
      const l = byWord.get(k);
      if (!l) byWord.set(k, [j]);
      else if (l[l.length - 1] !== j) l.push(j);
    }
  });
  /** The mentions sharing a word with m, in their order. */
  const sharingAWord = (m: Mention): number[] => {
    const set = new Set<number>();
    for (const k of m.core ? [...m.keys, ...m.core] : m.keys) for (const j of byWord.get(k) ?? []) set.add(j);
    return [...set].sort((a, b) => a - b);
  };
  const bestByText = new Map<string, Span>();
  drafts.forEach((d, i) => {
    antecedents.push(i);
    if (d.cue.cls === 'passive') {
      out.push(null);
      return;
    }
    if (d.source) {
      // an indefinite generic source (مسؤول، مصدران، تقارير، شهود) is a new speaker, not an earlier one
      if (genericIndefinite(doc, d.source)) {
        out.push(d.source);
        return;
      }
      const me = mentionOf(d.source);
      // the fullest co-referring mention: the same for every source of the same words (each is
      // itself one of the mentions), so found once per text, among the mentions sharing a word
      let best = me.keys.length > 0 ? bestByText.get(d.source.text) : undefined;
      if (!best) {
        best = d.source;
        let bestWords = words(best);
        for (const j of sharingAWord(me)) {
          const m = mentions[j]!;
          if (m.compound && !me.compound) continue;
          if (!corefers(me, m)) continue;
          const w = mentionWords[j]!;
          if (w > bestWords || (w === bestWords && m.span.start < best.start)) {
            best = m.span;
            bestWords = w;
          }
        }
        if (me.keys.length > 0) bestByText.set(d.source.text, best);
      }
      let first = firsts.get(best.text);
      if (!first || first.start > best.start) firsts.set(best.text, (first = firstOccurrence(doc, best, indexOf(best.text))));
      out.push(first);
      return;
    }
    // no source: the nearest earlier record whose cue agrees in gender
    for (let k = i - 1; k >= 0; k--) {
      const p = drafts[k]!;
      // speech reported inside someone's words, or a first-person verb inside a quotation, is not
      // who a later "وأضاف" refers to
      if (p.nested || p.cue.gender === '1') continue;
      const g1 = d.cue.gender;
      const g2 = p.cue.gender;
      if (g1 !== 'u' && g2 !== 'u' && g1 !== g2 && g1 !== '1') continue;
      if (out[k]) {
        out.push(out[k]!);
        antecedents[i] = antecedents[k]!;
        return;
      }
    }
    out.push(d.via[0] ?? null);
  });
  return { speakers: out, antecedents };
}

/** The identifying words of a mention, loosely: light stems without the article or a final ة/ه, titles kept. */
const looseMemo = new WeakMap<Mention, string[]>();
function looseKeys(m: Mention): string[] {
  let k = looseMemo.get(m);
  if (!k) looseMemo.set(m, (k = computeLooseKeys(m)));
  return k;
}

function computeLooseKeys(m: Mention): string[] {
  return m.keys.map((k) => k.replace(/^(ال|لل)/, '').replace(/[ةه]$/, '')).filter((k) => k.length >= 2);
}

/** How many of the nearest mentions before the cue are ranked, with and without a source of its own. */
const RECENT_WITH_SOURCE = 3;
/** How a candidate relates to the record's anchor (~: the record has no source of its own). */
const REL = ['src', 'coref', 'other', 'src~', 'coref~', 'other~'];
const RECENT_WITHOUT = 6;
/** Characters before and after a cue within which its candidate speakers are read (see documentSpeakerCandidates). */
const WINDOW_BEFORE = 30_000;
const WINDOW_AFTER = 30_000;

/** Words a mention never extends left over: prepositions, particles, verbs of being. */
const EXT_STOP = new Set(['في', 'من', 'الي', 'علي', 'عن', 'مع', 'ان', 'انه', 'انها', 'بان', 'كان', 'كانت', 'قد', 'لقد', 'و', 'ف', 'ثم', 'الذي', 'التي', 'الذين', 'كما', 'حيث', 'بعد', 'قبل', 'خلال', 'عند', 'ذلك', 'هذا', 'هذه', 'او', 'اما', 'لكن', 'بل', 'حسب', 'بحسب', 'وفق', 'وفقا', 'لم', 'لا', 'ما', 'اليوم', 'امس']);

/** The first index in [0, n) for which `before` is false, `before` holding on a prefix (binary search). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let a = 0;
  let b = n;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (before(m)) a = m + 1;
    else b = m;
  }
  return a;
}

/** A candidate speaker of a record, with the features the learned ranker scores it by. */
export interface SpeakerCandidate {
  span: Span | null;
  /** features of the mention itself and its relation to the record (shared between records: scored once) */
  fixed: readonly Feature[];
  /** features of this record alone */
  feats: Feature[];
}

const NO_FEATS: readonly Feature[] = [];

const bucket = (n: number, edges: readonly number[]): string => {
  let k = 0;
  while (k < edges.length && n > edges[k]!) k++;
  return String(k);
};

/**
 * The candidate speakers of every record, for the learned ranker (learned.ts): no speaker; the
 * rules' choice; the record's source and its first occurrence; every mention of a person or body
 * in the article (entity mentions widened with titles, sources, relays, appositions) and the first
 * occurrence of each; the speakers the rules gave earlier records. Features say how each relates
 * to the record: co-reference with its source, length, titles, names, position, recency.
 */
export function speakerCandidates(doc: Doc, drafts: readonly Draft[], res: Resolution): (i: number) => SpeakerCandidate[] {
  let forRecord: ((i: number) => SpeakerCandidate[]) | undefined;
  // the document's mentions are gathered on the first call: records the cue model drops cost nothing
  return (i) => (forRecord ??= documentSpeakerCandidates(doc, drafts, res))(i);
}

function documentSpeakerCandidates(doc: Doc, drafts: readonly Draft[], res: Resolution): (i: number) => SpeakerCandidate[] {
  const toks = doc.tokens ?? [];
  // spans by their offsets, as one number
  const key = (s: Span): number => s.start * (doc.text.length + 1) + s.end;
  const pool = new Map<number, Span>();
  const add = (s: Span | null | undefined): void => {
    if (s && s.end > s.start && !pool.has(key(s))) pool.set(key(s), s);
  };
  const indexOf = (text: string): number => firstIndexOf(doc, text);
  const firstOf = (s: Span): Span => firstOccurrence(doc, s, indexOf(s.text));
  for (const m of entityMentions(doc)) {
    add(m.span);
    add(m.core.start === m.span.start && m.core.end === m.span.end ? null : { start: m.core.start, end: m.core.end, text: doc.text.slice(m.core.start, m.core.end) });
  }
  for (const d of drafts) {
    if (d.source) {
      add(d.source);
      add(firstOf(d.source));
      add(widen(doc, d.source, indexOf(d.source.text)));
    }
    for (const v of d.via) add(v);
  }
  for (const s of res.speakers) add(s);
  // the same mentions widened to the left over the words of their noun phrase ("المتحدث الرسمي
  // لمبادرة … السيدة فاتن"), as far as it goes (ten words): not across a cue, a function word or
  // punctuation (a comma only after a title)
  const extended = new Map<number, number>();
  const L = attributionLexicons();
  for (const s of [...pool.values()]) {
    let i = doc.tokenAt(s.start);
    if (i < 0 || toks[i]!.start !== s.start) continue;
    let at = -1;
    let k = 0;
    while (k < 10 && i - 1 >= 0) {
      const t = toks[i - 1]!;
      if (t.text === '،' || t.text === ',') {
        // a comma is crossed only after a title phrase ("الجنرال، وولتر …"، "والي المهدية، محمد
        // بودن"): a title at most two words before it, with only words between; not after another phrase
        let titled = false;
        for (let b = i - 2; b >= Math.max(0, i - 4); b--) {
          const w = toks[b]!;
          if (w.kind !== 'word' || EXT_STOP.has(w.norm) || isTrigger(L, w.norm)) break;
          if (isTitle(w)) {
            titled = true;
            break;
          }
        }
        if (!titled) break;
        i--;
        continue;
      }
      if (t.kind !== 'word' && t.kind !== 'latin') break;
      if (isTrigger(L, t.norm) || EXT_STOP.has(t.norm)) break;
      // a word governed by ب (برئاسة، بحضور) is not inside the name's phrase; باسم is (المتحدث باسم)
      if (t.pre?.includes('ب') && !/^[وف]?باسم$/.test(t.norm)) break;
      i--;
      k++;
      at = i;
    }
    if (at < 0) continue;
    const span = { start: toks[at]!.start, end: s.end, text: doc.text.slice(toks[at]!.start, s.end) };
    if (!pool.has(key(span))) {
      extended.set(key(span), k);
      pool.set(key(span), span);
    }
  }
  for (const s of [...pool.values()]) add(firstOf(s));
  // only mentions the invariants keep (whole words in one sentence …): a candidate they would drop
  // is no choice at all, and would leave the record with a worse fallback
  const spans = [...pool.values()].filter((s) => isValidMention(doc, s)).sort((a, b) => a.start - b.start || b.end - a.end);
  const mentionMemo = new Map<number, Mention>();
  const mentionAt = (sp: Span): Mention => {
    let m = mentionMemo.get(key(sp));
    if (!m) mentionMemo.set(key(sp), (m = mention(doc, sp)));
    return m;
  };
  const ms = spans.map(mentionAt);
  const people = (doc.entities ?? []).filter((e) => e.type === 'PER' || e.type === 'ORG');
  const entityType = spans.map((s) => {
    let t = '';
    for (const e of people) {
      if (e.start >= s.end) break;
      if (s.start < e.end) t = t === '' || t === e.type ? e.type : 'BOTH';
    }
    return t;
  });
  const titled = spans.map((s) => {
    const t = toks[doc.tokenAt(s.start)];
    return !!t && isTitle(t);
  });
  const nWords = spans.map(words);
  const cKeys = ms.map(looseKeys);
  // what stands just before each mention: a full mention starts at a boundary, not inside a phrase
  const leftBoundary = spans.map((s) => {
    const i = doc.tokenAt(s.start);
    if (i < 0) return 'none';
    if (toks[i]!.start < s.start) return 'inword';
    const p = toks[i - 1];
    if (!p || /\n/.test(doc.text.slice(p.end, s.start))) return 'start';
    if (p.kind === 'quote') return 'quote';
    if (p.kind !== 'word' && p.kind !== 'latin') return p.text === '،' || p.text === ',' ? 'comma' : 'punct';
    if (isTrigger(L, p.norm)) return 'cue';
    if (EXT_STOP.has(p.norm)) return 'stop';
    return isTitle(p) ? 'title' : 'word';
  });
  // the mentions nearest first from the end of the text (recency before a cue follows this order)
  const byEnd = spans.map((_, j) => j).sort((x, y) => spans[y]!.end - spans[x]!.end || spans[x]!.start - spans[y]!.start);
  const index = new Map<number, number>();
  spans.forEach((sp, j) => index.set(key(sp), j));
  const cKeySets = cKeys.map((k) => new Set(k));
  // the features of a mention that depend only on it and on how it relates to the record (6 kinds)
  const fixedCache = new Map<number, readonly Feature[]>();
  const fixedFeats = (j: number, rel: string): readonly Feature[] => {
    const k = j * REL.length + REL.indexOf(rel);
    let f = fixedCache.get(k);
    if (f) return f;
    const s = spans[j]!;
    const w = bucket(nWords[j]!, [1, 2, 4, 7]);
    const lb = leftBoundary[j];
    const et = entityType[j]!;
    const arr = [feat('lb=', lb!), feat('lb=', lb!, '|', rel), feat('rel=', rel), feat('rel=', rel, '|w=', w), feat('rel=', rel, '|ent=', et), feat('rel=', rel, '|title=', titled[j] ? 1 : 0)];
    const ext = extended.get(key(s));
    if (ext !== undefined) arr.push(feat('ext=', Math.min(ext, 4), '|', rel));
    if (rel.endsWith('~')) arr.push(feat('nosrc|w=', w), feat('nosrc|ent=', et));
    fixedCache.set(k, (f = arr));
    return f;
  };
  // the people and bodies of the article, each text once: where it first stands as a mention
  const namedFirsts: number[] = [];
  {
    const seenText = new Set<string>();
    for (let j = 0; j < spans.length; j++) {
      if (entityType[j] === '' || leftBoundary[j] === 'word' || leftBoundary[j] === 'inword' || seenText.has(spans[j]!.text)) continue;
      seenText.add(spans[j]!.text);
      namedFirsts.push(j);
    }
  }
  // per-record scratch, one set for the document (every entry is written before it is read)
  const ratioA = new Float64Array(spans.length);
  const ratioC = new Float64Array(spans.length);
  const lastRatio = new Float64Array(spans.length);
  const coref = new Uint32Array(spans.length); // the record (index + 1) a mention co-refers with the anchor of
  const read = new Uint32Array(spans.length); // the record (index + 1) a mention's overlaps were computed for
  // the mentions by their loose words, in order
  const byLoose = new Map<string, number[]>();
  cKeys.forEach((ks, j) => {
    for (const k of ks) {
      const l = byLoose.get(k);
      if (!l) byLoose.set(k, [j]);
      else if (l[l.length - 1] !== j) l.push(j);
    }
  });
  // spans[lo, hi): the mentions that start within the window around a cue (spans are sorted by start)
  const firstStartingAt = (at: number): number => lowerBound(spans.length, (m) => spans[m]!.start < at);
  const windowOf = (cueStart: number, cueEnd: number): [number, number] => [firstStartingAt(cueStart - WINDOW_BEFORE), firstStartingAt(cueEnd + WINDOW_AFTER)];
  return (i: number): SpeakerCandidate[] => {
    const d = drafts[i]!;
    const rule = res.speakers[i] ?? null;
    const cls = d.cue.cls;
    const cands: SpeakerCandidate[] = [];
    const nullFeats = [feat('null|cls=', cls), feat('null|src=', d.source ? 1 : 0, '|rule=', rule ? 0 : 1), feat('null|via=', d.via.length > 0 ? 1 : 0), feat('null|g=', d.cue.gender)];
    cands.push({ span: null, fixed: NO_FEATS, feats: nullFeats });
    // the anchor: the record's own source, or (a dropped subject) who the rules say speaks
    const anchor = d.source ?? rule;
    const me = anchor ? mentionAt(anchor) : undefined;
    const aKeys = me ? looseKeys(me) : [];
    // an anchor that only points back (المصادر ذاتها) or names a new generic speaker (مصدر تركي)
    const anchorKind = d.source ? (/(نفسه|نفسها|ذاته|ذاتها|ذاتهم|نفسهم)$|^[وف]?(ذات|نفس) /.test(normalize(d.source.text, 'match')) ? 'anaphor' : genericIndefinite(doc, d.source) ? 'generic' : '') : '';
    // the nearest earlier record not nested, and its speaker by the rules
    let prev = -1;
    for (let k = i - 1; k >= 0; k--) if (!drafts[k]!.nested) {
      prev = k;
      break;
    }
    const prevSpk = prev >= 0 ? res.speakers[prev] ?? null : null;
    const genderAgree = prev >= 0 && (d.cue.gender === drafts[prev]!.cue.gender || d.cue.gender === 'u' || drafts[prev]!.cue.gender === 'u');
    // the source of the nearest earlier record that names one
    let lastSrc: Span | null = null;
    for (let k = i - 1; k >= 0 && !lastSrc; k--) if (!drafts[k]!.nested && drafts[k]!.source) lastSrc = drafts[k]!.source;
    const lKeys = lastSrc ? looseKeys(mentionAt(lastSrc)) : [];
    // which mentions to rank: the rules' choice, the anchor and what co-refers with it, the last
    // named source's mentions, and for a dropped subject the nearest mentions before the cue
    const pick = new Set<number>();
    const jOf = (x: Span | null): number => (x ? index.get(key(x)) ?? -1 : -1);
    // the mentions read for this record: those within WINDOW_BEFORE characters before its cue and
    // WINDOW_AFTER after (all of them in any article of ordinary length: a document of thousands
    // of records stays linear), and the rules' choice, the anchor and the previous speaker wherever they are
    // wherever they are. Only mentions sharing a word with the anchor or the last source can co-refer
    // or overlap with them: the others are not read (their overlaps are 0)
    const [lo, hi] = windowOf(d.cue.span.start, d.cue.span.end);
    const inScan = new Set<number>();
    for (const k of aKeys.length || lKeys.length ? [...aKeys, ...lKeys] : []) {
      const l = byLoose.get(k);
      if (!l) continue;
      for (let x = lowerBound(l.length, (m) => l[m]! < lo); x < l.length && l[x]! < hi; x++) inScan.add(l[x]!);
    }
    for (const x of [rule, anchor, prevSpk]) if (jOf(x) >= 0) inScan.add(jOf(x));
    const scan = [...inScan].sort((a, b) => a - b);
    const stamp = i + 1;
    for (const j of scan) {
      read[j] = stamp;
      const ck = cKeySets[j]!;
      let shared = 0;
      for (const k of aKeys) if (ck.has(k)) shared++;
      ratioA[j] = aKeys.length ? shared / aKeys.length : 0;
      ratioC[j] = ck.size ? shared / ck.size : 0;
      if (lKeys.length) {
        let sh = 0;
        for (const k of lKeys) if (ck.has(k)) sh++;
        lastRatio[j] = sh / lKeys.length;
        if (lastRatio[j]! >= 0.5) pick.add(j);
      }
      if (shared > 0 && me && me.keys.length > 0 && ms[j]!.keys.length > 0 && (ratioA[j]! >= 0.5 || spans[j]!.text === anchor!.text || corefers(me, ms[j]!))) {
        coref[j] = stamp;
        pick.add(j);
      }
    }
    for (const x of [rule, anchor, prevSpk]) if (jOf(x) >= 0) pick.add(jOf(x));
    // recency: the mentions that end before the cue, nearest first
    // (ranks past 5 read as 5: only the nearest six are looked up, from the first ending before the cue)
    const recency = new Map<number, number>();
    {
      const keep = d.source ? RECENT_WITH_SOURCE : RECENT_WITHOUT;
      const a = lowerBound(byEnd.length, (m) => spans[byEnd[m]!]!.end > d.cue.span.start);
      for (let r = 0; r < Math.max(keep, 6) && a + r < byEnd.length; r++) {
        const j = byEnd[a + r]!;
        recency.set(j, r);
        if (r < keep) pick.add(j);
      }
    }
    // named people and bodies of the article (their first full mention is often the speaker)
    for (const j of namedFirsts) if (j >= lo && j < hi) pick.add(j);
    let earliest = -1;
    let fullest = -1;
    for (const j of scan) {
      if (coref[j] !== stamp) continue;
      if (earliest < 0 || spans[j]!.start < spans[earliest]!.start) earliest = j;
      if (fullest < 0 || nWords[j]! > nWords[fullest]! || (nWords[j] === nWords[fullest] && spans[j]!.start < spans[fullest]!.start)) fullest = j;
    }
    // the anchor's shape: how much it says by itself (a bare "الوزير" or "سموه" points back to a fuller mention)
    const ja = jOf(anchor);
    let shape = 'none';
    if (anchor && ja >= 0) {
      const t0 = toks[doc.tokenAt(anchor.start)];
      shape = `${Math.min(nWords[ja]!, 3)}${entityType[ja] || '-'}${me?.titleish ? 't' : ''}${t0?.suf ? 's' : ''}`;
    }
    cands[0]!.feats.push(feat('ash=', shape, '|null'));
    for (const j of [...pick].sort((x, y) => x - y)) {
      const s = spans[j]!;
      const f: Feature[] = [];
      f.push(feat('ash=', shape, '|', j === ja ? 'src' : j === earliest ? 'e' : coref[j] === stamp ? 'c' : 'o'));
      const isRule = !!rule && rule.start === s.start && rule.end === s.end;
      const isSrc = !!anchor && anchor.start === s.start && anchor.end === s.end;
      const isCoref = coref[j] === stamp;
      const rel = REL[(isSrc ? 0 : isCoref ? 1 : 2) + (d.source ? 0 : 3)]!;
      const w = bucket(nWords[j]!, [1, 2, 4, 7]);
      const oa = read[j] === stamp ? Math.round(ratioA[j]! * 4) : 0;
      const oc = read[j] === stamp ? Math.round(ratioC[j]! * 4) : 0;
      f.push(feat('ovA=', oa, '|ovC=', oc));
      if (anchorKind) f.push(feat('anchor=', anchorKind, '|', rel));
      if (isRule) f.push(feat('rule|rel=', rel), feat('rule|cls=', cls));
      if (j === earliest) f.push(feat('earliest'), feat('earliest|w=', w));
      if (j === earliest && j === fullest) f.push(feat('earliest+fullest'));
      const before = s.end <= d.cue.span.start;
      const dist = before ? d.cue.span.start - s.end : s.start - d.cue.span.end;
      f.push(feat('dist=', before ? '' : '-', bucket(Math.max(0, dist), [2, 40, 200, 800]), '|', rel));
      if (lKeys.length) f.push(feat('lastSrc=', read[j] === stamp ? Math.round(lastRatio[j]! * 2) : 0, '|src=', d.source ? 1 : 0));
      if (!d.source) {
        const rec = recency.get(j);
        const r = rec !== undefined ? Math.min(rec, 5) : s.end <= d.cue.span.start ? 5 : 'after';
        f.push(feat('recent=', r), feat('recent=', r, '|ent=', entityType[j]!));
        if (prevSpk && prevSpk.start === s.start && prevSpk.end === s.end) f.push(feat('prevSpk|g=', genderAgree ? 1 : 0), feat('prevSpk|cls=', cls));
      }
      cands.push({ span: s, fixed: fixedFeats(j, rel), feats: f });
    }
    return cands;
  };
}

/**
 * Features of a candidate that is the speaker decided for the previous record (a dropped subject
 * "وأضاف" usually continues it): same words, or overlapping. Decoding passes the model's own
 * previous decision; training passes the gold's.
 */
export function previousSpeakerFeatures(d: Draft, prev: Draft | undefined, prevSpeaker: Span | null, cand: Span | null): Feature[] {
  if (!prev || !prevSpeaker || !cand) return NO_PREV;
  if (cand.text !== prevSpeaker.text && !(cand.start < prevSpeaker.end && prevSpeaker.start < cand.end)) return NO_PREV;
  const g1 = d.cue.gender;
  const g2 = prev.cue.gender;
  const agree = g1 === g2 || g1 === 'u' || g2 === 'u' ? 1 : 0;
  return [feat('prevDec|src=', d.source ? 1 : 0, '|g=', agree), feat('prevDec|cls=', d.cue.cls, '|sent=', prev.sentence === d.sentence ? 1 : 0)];
}

const NO_PREV: Feature[] = [];
