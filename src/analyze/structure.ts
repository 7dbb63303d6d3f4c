/**
 * Article structure from plain text: every non-blank line becomes a block (or two, when a line
 * opens with a dateline or byline), typed as headline, dateline, byline, body, subhead, caption,
 * related or boilerplate.
 *
 * The rules, in order:
 * 1. boilerplate: separator lines (----, ***), and short lines with a boilerplate phrase
 *    (copyright, share buttons, app prompts, disclaimers; data/lexicons/structure/boilerplate.txt);
 * 2. related: a line opening with a related-links header (اقرأ أيضا، للمزيد …) and the short lines
 *    after it;
 * 3. byline ("كتب- محمد سامي:", "بقلم: …", "*نقلا عن …", an agency credit) and dateline (a date or
 *    time line; "القاهرة (أ ش أ) -" or "الرياض - واس:" opening a paragraph, split off as its own block);
 * 4. body: long lines, and lines that end like a sentence (. ! ؟) — list items too;
 * 5. the remaining short lines without closing punctuation are grouped in runs and typed by where
 *    they stand and how they read: before the first paragraph they are the headline (the one matching
 *    `meta.title` when given, else the last), the others related; after the last paragraph a run of
 *    headline-like lines (a "speaker:" prefix, "..", «», ؟, duplicates) is a related list, other runs
 *    are captions; between paragraphs a question or a line ending in ":" is a subhead, and other
 *    lines are captions when the article has caption runs or caption words, else subheads.
 */
import type { Block, Doc } from '../doc/index.js';
import type { BlockType } from '../doc/index.js';
import { lexicon } from '../text/lexicon.js';
import { normalize, normalizeWithOffsets } from '../text/normalize.js';
import { analyzeClitics } from '../text/clitics.js';
import { lightStem } from '../text/stem.js';
import { verbLike } from '../text/wordclass.js';
import { defaultVocabulary } from '../text/vocab.js';
import { tokenize } from '../text/tokenize.js';
import { span } from '../text/span.js';
import type { Stage } from './pipeline.js';

/** Lines with more words than this are never captions, headlines or boilerplate. */
const SHORT_WORDS = 24;
/** Captions, subheads and related links after the first paragraph have at most this many words. */
const CAPTION_WORDS = 16;
/** A line this long is body whatever its punctuation. */
const LONG_WORDS = 30;

interface Line {
  start: number;
  end: number;
  words: number;
  /** match form of the first 160 characters (all of a short line) */
  head: string;
  terminal: boolean;
  type?: BlockType;
  /** a dateline/byline prefix split off the start of the line */
  prefixEnd?: number;
  prefixType?: BlockType;
  /** where a site footer appended to the line starts ("… رابط الخبر بصحيفة …"): the rest is boilerplate */
  footerStart?: number;
}

const AR_LETTER = /\p{L}/u;

let lists:
  | {
      boilerplate: string[];
      boilerplateShort: string[];
      footerTails: string[];
      related: string[];
      byline: string[];
      agencies: string[];
      caption: string[];
      functionWords: Set<string>;
    }
  | undefined;

function lexicons(): NonNullable<typeof lists> {
  const m = (name: string): string[] => lexicon(name).map((w) => normalize(w, 'match').toLowerCase());
  lists ??= {
    boilerplate: m('structure/boilerplate'),
    boilerplateShort: m('structure/boilerplate-short'),
    footerTails: m('structure/footer-tails'),
    related: m('structure/related-headers'),
    byline: m('structure/byline-cues'),
    agencies: m('structure/agencies'),
    caption: m('structure/caption-markers'),
    functionWords: new Set(m('function-words')),
  };
  return lists;
}

/** Splits text into trimmed non-blank lines. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let i = 0;
  while (i <= n) {
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85) break;
      j++;
    }
    let s = i;
    let e = j;
    while (s < e && isBlankChar(text.charCodeAt(s))) s++;
    while (e > s && isBlankChar(text.charCodeAt(e - 1))) e--;
    if (e > s) lines.push(describe(text, s, e));
    if (j < n && text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a) j++;
    i = j + 1;
  }
  return lines;
}

function isBlankChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || (c >= 0x2000 && c <= 0x200f) || c === 0x202f || c === 0x3000 || c === 0xfeff || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x061c;
}

function describe(text: string, start: number, end: number): Line {
  let words = 0;
  let inWord = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    const blank = c === 0x20 || c === 0x09 || c === 0xa0;
    if (!blank && !inWord) words++;
    inWord = !blank;
  }
  const head = normalize(text.slice(start, Math.min(end, start + 160)), 'match').toLowerCase();
  // the last character that is not a closing quote or bracket
  let k = end - 1;
  while (k > start && /["'»”’)\]\s]/.test(text[k]!)) k--;
  const last = text[k]!;
  const terminal = last === '.' || last === '!' || last === '؟' || last === '?' || last === '۔';
  return { start, end, words, head, terminal };
}

const SEPARATOR = /^[\s\p{P}\p{S}×]+$/u;
const DATE_WORDS =
  /(?<![\p{L}\p{M}])(يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعة)(?![\p{L}\p{M}])/gu;
const TIME_OR_DATE = /(\d{1,2}:\d{2})|(\d{4}[-/]\d{1,2}[-/]\d{1,2})|(\d{1,2}[-/]\d{1,2}[-/]\d{2,4})/;
const DATE_PREFIX = /^(نشر في|نشر بتاريخ|تاريخ النشر|اخر تحديث|تم النشر|محدث|updated|published)\s*[:：-]?/;

function isDateLine(line: Line): boolean {
  if (line.words > 10) return false;
  const h = line.head;
  if (DATE_PREFIX.test(h)) return true;
  DATE_WORDS.lastIndex = 0;
  const dateish = TIME_OR_DATE.test(h) || (DATE_WORDS.test(h) && /\d/.test(h));
  if (!dateish) return false;
  // mostly date material: few letters outside date words
  const rest = h.replace(DATE_WORDS, '').replace(/[\d:/|.,،\-–—\s]+/g, ' ').replace(/\b(م|ص|ه|هـ|gmt|am|pm)\b/g, ' ').trim();
  return rest.split(/\s+/).filter((w) => w.length > 1).length <= 2;
}

function startsWithPhrase(h: string, phrases: readonly string[]): string | undefined {
  for (const p of phrases) {
    if (h.startsWith(p)) {
      const next = h.charCodeAt(p.length);
      if (Number.isNaN(next) || !AR_LETTER.test(String.fromCharCode(next))) return p;
    }
  }
  return undefined;
}

function containsPhrase(h: string, phrases: readonly string[]): boolean {
  for (const p of phrases) if (h.includes(p)) return true;
  return false;
}

/** The end offset of a byline that opens `line` ("كتب- محمد سامي:" …), or undefined. */
function bylineEnd(text: string, line: Line): number | undefined {
  const L = lexicons();
  const cue = startsWithPhrase(line.head.replace(/^[*\s]+/, ''), L.byline);
  if (!cue) {
    // an agency credit line: "فرانس24/ أ ف ب"
    if (line.words <= 6 && !line.terminal && L.agencies.some((a) => line.head.includes(a)) && /[/|]/.test(line.head)) return line.end;
    return undefined;
  }
  const raw = text.slice(line.start, line.end);
  // the byline runs to a colon (or the line end when the line is short)
  const colon = raw.search(/[:：]/);
  if (colon >= 0 && colon <= 50) {
    const wordsBefore = raw.slice(0, colon).trim().split(/\s+/).length;
    if (wordsBefore <= 7) return line.start + colon + 1;
  }
  if (line.words <= 8 && !line.terminal) return line.end;
  const dash = raw.match(/^\S+\s*[-–—]\s*\S+(\s\S+){0,3}$/);
  if (dash) return line.end;
  return undefined;
}

/** The end of a dateline that opens a paragraph ("القاهرة (أ ش أ) -", "الرياض - واس:"), or undefined. */
function datelineEnd(text: string, line: Line): number | undefined {
  const raw = text.slice(line.start, Math.min(line.end, line.start + 120));
  // PLACE (AGENCY) -   /   PLACE، COUNTRY (CNN)-   /   (AGENCY) -
  const a = /^((?:[^\s()،,.:؛"«]+[\s،,]+){0,5}[^\s()،,.:؛"«]*)\s*\(([^()\n]{1,30})\)\s*[-–—:]/u.exec(raw);
  if (a && (a[1]!.trim().length === 0 || a[1]!.trim().split(/\s+/).length <= 6)) return line.start + a[0].length;
  // PLACE - AGENCY:   (the agency must be a known one)
  const b = /^([^\s()،,.:؛"«-]+(?:\s[^\s()،,.:؛"«-]+){0,2})\s*[-–—]\s*([^-–—:\n]{1,30}?)\s*[-–—:]/u.exec(raw);
  if (b) {
    const agency = normalize(b[2]!, 'match').toLowerCase().replace(/["«»]/g, '').trim();
    if (lexicons().agencies.includes(agency)) return line.start + b[0].length;
  }
  return undefined;
}

/** How much a short line reads like a headline of another story (a related link). */
function headlineLike(text: string, line: Line): boolean {
  const raw = text.slice(line.start, line.end);
  const colon = raw.indexOf(':');
  if (colon > 0 && colon < raw.length / 2) return true; // "مدبولي: …"
  if (raw.includes('..') || raw.includes('…')) return true;
  if (/[«»"“”]/.test(raw)) return true;
  if (/[؟?]\s*$/.test(raw) || /[؟?]\s*\.\./.test(raw)) return true;
  if (/^(هل|فيديو|بالفيديو|شاهد|بالصور|تعرف|اعرف|عاجل)/.test(line.head)) return true;
  return false;
}

function captionLike(line: Line): boolean {
  return containsPhrase(line.head, lexicons().caption) || /\((رويترز|ا ف ب|أ ف ب|ارشيف|أرشيف|getty|afp|ap|epa)\)/i.test(line.head);
}

/** Finds the blocks of `text`; `title` (when known) identifies the headline. */
export function findBlocks(text: string, title?: string): Block[] {
  const L = lexicons();
  const lines = splitLines(text);
  const titleKey = title ? normalize(title, 'match').replace(/\s+/g, ' ').trim() : '';

  // 1–4: rules that look at one line
  let inRelated = false;
  for (const line of lines) {
    const short = line.words <= SHORT_WORDS;
    if (inRelated && !(short && !line.terminal)) inRelated = false;
    if (SEPARATOR.test(text.slice(line.start, line.end))) line.type = 'boilerplate';
    else if (line.words <= 40 && containsPhrase(line.head, L.boilerplate)) line.type = 'boilerplate';
    else if (line.words <= 10 && containsPhrase(line.head, L.boilerplateShort)) line.type = 'boilerplate';
    else if (startsWithPhrase(line.head, L.related)) {
      line.type = 'related';
      inRelated = true;
    } else if (inRelated) line.type = 'related';
    else if (isDateLine(line)) line.type = 'dateline';
    else {
      const by = bylineEnd(text, line);
      if (by !== undefined) {
        if (by >= line.end || text.slice(by, line.end).trim() === '') line.type = 'byline';
        else {
          line.prefixEnd = by;
          line.prefixType = 'byline';
        }
      } else {
        const dl = datelineEnd(text, line);
        if (dl !== undefined && dl < line.end) {
          line.prefixEnd = dl;
          line.prefixType = 'dateline';
        }
      }
      // a short question reads like a subhead or a teaser headline, not a paragraph
      const question = line.words <= 12 && /[؟?]["'»”)]*$/.test(text.slice(line.start, line.end));
      if (!line.type && (line.words > LONG_WORDS || (line.terminal && line.words >= 3 && !question) || /^\s*(\d{1,2}\s*[-.)]|[-•*▪●]\s)/.test(text.slice(line.start, line.end)))) {
        line.type = 'body';
      }
      if (!line.type && line.prefixEnd !== undefined) line.type = 'body';
      if (!line.type && !short) line.type = 'body';
    }
  }

  // a sentence ending in ":" introduces what follows (a list, a letter): its short lines are body
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if ((l.type === 'body' || !l.type) && l.words >= 5 && /:\s*$/.test(text.slice(l.start, l.end)) && lines[i + 1] && !lines[i + 1]!.type) {
      l.type = 'body';
      for (let j = i + 1; j < lines.length && !lines[j]!.type; j++) lines[j]!.type = 'body';
    }
  }

  // 5: runs of short untyped lines, by position
  let firstBody = lines.findIndex((l) => l.type === 'body');
  // after the first paragraph, a line too long for a caption is a paragraph that lacks its full stop
  if (firstBody >= 0) for (let i = firstBody + 1; i < lines.length; i++) if (!lines[i]!.type && lines[i]!.words > CAPTION_WORDS) lines[i]!.type = 'body';
  firstBody = lines.findIndex((l) => l.type === 'body');
  let lastBody = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.type === 'body') {
      lastBody = i;
      break;
    }
  }
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.type) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !lines[j]!.type) j++;
    runs.push([i, j]);
    i = j;
  }
  const captionStyle = runs.some(([a, b]) => a > firstBody && firstBody >= 0 && b - a >= 2 && !runIsRelated(text, lines, a, b)) || lines.some((l) => !l.type && captionLike(l));
  for (const [a, b] of runs) {
    if (firstBody < 0) {
      // no paragraph at all (a short text): a first line over others is its headline, the rest body
      for (let i = a; i < b; i++) lines[i]!.type = i === a && b - a >= 2 ? 'headline' : 'body';
    } else if (b <= firstBody) {
      // before the article: its headline (matching the title when known, else the last line), then teasers
      let headline = titleKey ? lines.slice(a, b).findIndex((l) => sameTitle(text, l, titleKey)) : -1;
      headline = headline >= 0 ? a + headline : titleKey ? -1 : b - 1;
      for (let i = a; i < b; i++) lines[i]!.type = i === headline ? 'headline' : 'related';
    } else if (a > lastBody) {
      const related = runIsRelated(text, lines, a, b);
      for (let i = a; i < b; i++) lines[i]!.type = related ? 'related' : 'caption';
    } else {
      for (let i = a; i < b; i++) {
        const l = lines[i]!;
        const raw = text.slice(l.start, l.end);
        if (b - a === 1 && (/[؟?:]\s*$/.test(raw) || (!captionStyle && !captionLike(l)))) l.type = 'subhead';
        else if (b - a >= 2 && runIsRelated(text, lines, a, b)) l.type = 'related';
        else l.type = 'caption';
      }
    }
  }

  markTeasers(text, lines);

  // a site footer appended to the article's last paragraph, on the same line
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.type !== 'body') continue;
    const at = footerStart(text, lines[i]!);
    if (at !== undefined) lines[i]!.footerStart = at;
    break;
  }

  const blocks: Block[] = [];
  for (const l of lines) {
    const end = l.footerStart ?? l.end;
    if (l.prefixEnd !== undefined && l.prefixType) {
      const pre = trimmedBlock(text, l.start, l.prefixEnd, l.prefixType);
      if (pre) blocks.push(pre);
      const rest = trimmedBlock(text, l.prefixEnd, end, l.type ?? 'body');
      if (rest) blocks.push(rest);
    } else if (l.footerStart !== undefined) {
      const rest = trimmedBlock(text, l.start, end, l.type ?? 'body');
      if (rest) blocks.push(rest);
    } else {
      blocks.push({ ...span(text, l.start, l.end), type: l.type ?? 'body' });
    }
    if (l.footerStart !== undefined) {
      const footer = trimmedBlock(text, l.footerStart, l.end, 'boilerplate');
      if (footer) blocks.push(footer);
    }
  }
  return blocks;
}

let firstWords: string[] | undefined;
const footerFirstWords = (): string[] => (firstWords ??= [...new Set(lexicons().footerTails.map((p) => p.split(' ')[0]!))]);

/** Where a footer phrase (footer-tails.txt) opens after a sentence's end inside the line, or undefined. */
function footerStart(text: string, line: Line): number | undefined {
  const raw = text.slice(line.start, line.end);
  // most lines hold no footer's first word (as written in its match form): no need to normalize them
  if (!footerFirstWords().some((w) => raw.includes(w))) return undefined;
  const { text: m, offsets } = normalizeWithOffsets(raw, 'match');
  for (const phrase of lexicons().footerTails) {
    for (let k = m.indexOf(phrase); k > 0; k = m.indexOf(phrase, k + 1)) {
      if (!/[.!؟?"»”]\s*$/.test(m.slice(Math.max(0, k - 4), k))) continue;
      return line.start + offsets.toOriginal(k, k + phrase.length)[0];
    }
  }
  return undefined;
}

/** Words that start a paragraph continuing the article (not a teaser of another story). */
const CONTINUATION_WORDS = /^(كما|من جهته|من جهتها|من جانبه|من جانبها|بدوره|بدورها|يذكر|يشار|إلى ذلك|الى ذلك|في غضون ذلك|في المقابل|لكن|غير أن|بيد أن|هذا|هذه|أما|اما|كذلك|أيضا)/;
const CONTINUATION = {
  test(opening: string): boolean {
    if (CONTINUATION_WORDS.test(opening)) return true;
    // a conjunction on the first word (وقال، فقد), by clitic analysis: فرنسا and في do not count
    const first = opening.split(/\s+/)[0] ?? '';
    const bare = normalize(first, 'bare').replace(/[^\p{L}]/gu, '');
    const a = analyzeClitics(bare, normalize(bare, 'match'), defaultVocabulary());
    return a.pre[0] === 'و' || a.pre[0] === 'ف';
  },
};

/** A numbered list item (1. / 2.3 / 4-): a trailing list is the article's own, not teasers. */
const LIST_ITEM = /^(\d+(\.\d+)*\s*[.)\-–]\s|\d+\.\d+\s)/;

/**
 * Teasers of other stories at the end of an article (CNN Arabic and others append the lead
 * paragraphs of related stories): a trailing run of at least three one-sentence paragraphs that each
 * start a new story (no continuing conjunction) and share almost no words with the article's opening
 * or with each other.
 * They become `related`.
 */
function markTeasers(text: string, lines: Line[]): void {
  const body = lines.map((l, i) => [l, i] as const).filter(([l]) => l.type === 'body');
  if (body.length < 4) return;
  // cheap test first: most articles end with a paragraph that goes on (و…، كما …)
  const lastLine = body[body.length - 1]![0];
  const opening = (l: Line): string => text.slice(l.start, Math.min(l.end, l.start + 40)).trim();
  if (CONTINUATION.test(opening(lastLine))) return;
  // CNN Arabic pages (an "(CNN)" dateline) append the lead paragraphs of other stories, and the
  // article's own paragraphs after the first go on with و: every trailing paragraph that does not
  // is a teaser (a teaser may keep the "- " its story's lead opens with; numbered items are a list)
  const cnn = lines.slice(0, 4).some((l) => l.prefixType === 'dateline' && /\(CNN\)/i.test(text.slice(l.start, l.prefixEnd)));
  if (cnn) {
    let run = 0;
    for (let k = body.length - 1; k >= 1; k--) {
      const o = opening(body[k]![0]);
      if (CONTINUATION.test(o)) break;
      if (LIST_ITEM.test(o) || (/^[-–—]/.test(o) && body[k]![0].words <= 12)) {
        if (run > 0) run--; // the paragraph under the last list item is the article's own
        break;
      }
      run++;
    }
    if (run >= 2 && run < body.length - 1) for (let k = body.length - run; k < body.length; k++) body[k]![0].type = 'related';
    return;
  }
  const vocab = defaultVocabulary();
  const stems = (l: Line): Set<string> => {
    const out = new Set<string>();
    const s = text.slice(l.start, l.end);
    for (const t of tokenize(s)) {
      if (t.kind !== 'word' || t.end - t.start < 3) continue;
      const w = normalize(s.slice(t.start, t.end), 'match');
      // only words that can tell stories apart: not function words, not the most frequent words
      if (lexicons().functionWords.has(w) || vocab.count(w) > 15000) continue;
      const k = lightStem(s.slice(t.start, t.end));
      if (k.length >= 3) out.add(k);
    }
    return out;
  };
  const core = new Set<string>();
  for (const [l] of body.slice(0, 3)) for (const k of stems(l)) core.add(k);
  const cache = new Map<number, Set<string>>();
  const setAt = (k: number): Set<string> => {
    let st = cache.get(k);
    if (!st) cache.set(k, (st = stems(body[k]![0])));
    return st;
  };
  const share = (a: Set<string>, b: Set<string>): number => {
    if (a.size === 0) return 1;
    let n = 0;
    for (const x of a) if (b.has(x)) n++;
    return n / a.size;
  };
  // each teaser is a different story: it shares almost nothing with the article's opening, nor
  // with the paragraphs around it (a long feature's closing paragraphs still share its names)
  let run = 0;
  for (let k = body.length - 1; k >= 3; k--) {
    const [l] = body[k]!;
    const first = text.slice(l.start, Math.min(l.end, l.start + 40)).trim();
    if (CONTINUATION.test(first)) break;
    // a lead sentence opens with a verb and names its subject after it ("أعلنت المتحدثة …"); a
    // paragraph going on about the same person goes straight on ("أشارت إلى أن …", "ختمت قائلة")
    const [w1 = '', second = ''] = first.split(/\s+/);
    if (!verbLike(normalize(w1.replace(/[^\p{L}\p{M}]/gu, ''), 'match'), vocab)) break;
    if (/^(إلى|الى|عن|على|من|في|أن|إن|بأن|قائل|مضيف|مشير|مؤكد)/.test(second)) break;
    const st = setAt(k);
    if (st.size === 0 || share(st, core) >= 0.2) break;
    // different stories share hardly a telling word with their neighbours
    const near = (a: Set<string>, b: Set<string>): number => [...a].filter((x) => b.has(x)).length;
    if (near(st, setAt(k - 1)) > 1 || (k + 1 < body.length && near(st, setAt(k + 1)) > 1)) break;
    // a teaser is one lead sentence
    const inner = text.slice(l.start, l.end).replace(/[.!؟?…"»”]+\s*$/, '');
    if (l.words > 60 || /[.!؟?]\s+\S/.test(inner)) break;
    run++;
  }
  if (run < 3) return;
  for (let k = body.length - run; k < body.length; k++) body[k]![0].type = 'related';
}

function runIsRelated(text: string, lines: Line[], a: number, b: number): boolean {
  let hits = 0;
  const seen = new Set<string>();
  for (let i = a; i < b; i++) {
    const l = lines[i]!;
    if (headlineLike(text, l) || seen.has(l.head)) hits++;
    seen.add(l.head);
  }
  return hits / (b - a) >= 0.3;
}

function sameTitle(text: string, l: Line, titleKey: string): boolean {
  const key = normalize(text.slice(l.start, l.end), 'match').replace(/\s+/g, ' ').trim();
  return key === titleKey || (key.length > 10 && (titleKey.includes(key) || key.includes(titleKey)));
}

function trimmedBlock(text: string, start: number, end: number, type: BlockType): Block | undefined {
  while (start < end && isBlankChar(text.charCodeAt(start))) start++;
  while (end > start && isBlankChar(text.charCodeAt(end - 1))) end--;
  return start < end ? { ...span(text, start, end), type } : undefined;
}

/** The structure stage: assigns `blocks`. */
export const structureStage: Stage = {
  name: 'structure',
  requires: [],
  assigns: ['blocks'],
  run(doc: Doc) {
    doc.blocks = findBlocks(doc.text, typeof doc.meta.title === 'string' ? doc.meta.title : undefined);
  },
};
