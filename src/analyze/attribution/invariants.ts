/**
 * What a user may rely on in every attribution, whatever the rules or models proposed:
 *
 * - a source or speaker is a span of whole words inside one sentence (it may start after a
 *   proclitic conjunction: "والوزير" → "الوزير"), never overlapping its record's cue or content;
 * - it is never a bare preposition, pronoun or function word, and never opens with one
 *   ("إلى"، "ذلك"، "من جانبه"، "لـ«الشروق»");
 * - an anaphoric source (المصدر نفسه، ذات المصدر، المصدر ذاته …) has as speaker what it repeats:
 *   the speaker of the nearest earlier record with a source of its own, or none;
 * - a writer's note ("يذكر أن"، "والجدير بالذكر أن"، "تجدر الإشارة إلى أن") is not an attribution.
 *
 * A part that breaks these is dropped (null), never kept wrong; a record is dropped only for a
 * writer's note. Offsets are never changed here.
 */
import { indexAt, type Attribution, type Doc } from '../../doc/index.js';
import type { Span } from '../../text/index.js';
import type { Token } from '../../text/index.js';
import { isFunctionWord as isLexiconFunctionWord, normalize } from '../../text/index.js';

let notSpeakers: Set<string> | undefined;
/** A function word (the tokenizer's list), or a word that never names a speaker on its own. */
function isFunctionWord(norm: string): boolean {
  if (isLexiconFunctionWord(norm)) return true;
  notSpeakers ??= new Set(['قوله', 'قولها', 'جانبه', 'جانبها', 'جهته', 'جهتها', 'اثر', 'عقب', 'اضافة', 'بدوره', 'بدورها', 'ايضا', 'حسب', 'بحسب', 'وفق', 'وفقا', 'نقلا', 'الينا', 'الي', 'علي', 'لدي', 'بخصوص', 'بشان', 'حول', 'ازاء', 'تجاه', 'ضمن', 'خلال', 'اثناء', 'انه', 'انها', 'انهم', 'بانه', 'بانها', 'فانه'].map((w) => normalize(w, 'match')));
  return notSpeakers.has(norm);
}

const ANAPHOR = /^(?:[وف]?(?:ال)?(?:مصدر|مصادر|مسؤول|مسؤولة|متحدث|متحدثة)\s+(?:نفسه|نفسها|ذاته|ذاتها|نفسهم|ذاتهم|عينه)|[وف]?(?:نفس|ذات)\s+(?:ال)?(?:مصدر|مصادر|مسؤول|المتحدث|المتحدثة)|[وف]?ال(?:مصدر|مصادر))$/;

/** Is this mention one that only points back to an earlier source (المصدر نفسه، ذات المصدر، المصادر)? */
export function isAnaphoric(text: string): boolean {
  return ANAPHOR.test(normalize(text, 'match').replace(/["«»“”]/g, '').trim());
}

/** The noun an anaphor repeats (مصدر for المصدر نفسه، ذات المصادر), as a light key. */
function anaphorHead(text: string): string {
  const m = /(مصدر|مصادر|مسؤول|متحدث)/.exec(normalize(text, 'match'));
  return m ? (m[1] === 'مصادر' ? 'مصدر' : m[1]!) : '';
}

const WRITER_NOTE = /(?:^|\s)[وف]?(?:يذكر|يشار|الجدير\s+بالذكر|تجدر\s+الاشارة|من\s+الجدير\s+بالذكر|جدير\s+بالذكر|يجدر\s+الذكر)\s*$/;
// the passive-looking present of a writer's note, when nothing names a speaker (يذكر أن، يشار إلى أن)
const WRITER_CUE = new Set(['يذكر', 'يشار', 'يشار الي', 'يجدر']);

const isWord = (t: Token): boolean => t.kind === 'word' || t.kind === 'latin' || t.kind === 'hashtag' || t.kind === 'number';
const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

function sentenceOf(doc: Doc, offset: number): Span | undefined {
  const ss = doc.sentences ?? [];
  const s = ss[indexAt(ss, offset)];
  return s && s.start <= offset ? s : undefined;
}

/** Is `s` an acceptable mention of a speaker (see the module comment)? */
export function isValidMention(doc: Doc, s: Span): boolean {
  const toks = doc.tokens ?? [];
  if (s.end <= s.start) return false;
  const sent = sentenceOf(doc, s.start);
  if (!sent || s.end > sent.end || /\n/.test(doc.text.slice(s.start, s.end))) return false;
  let i = doc.tokenAt(s.start);
  const first = toks[i];
  if (!first) return false;
  // whole words: the start is a token's start, or right after its conjunction (و/ف)
  if (first.start !== s.start) {
    const pre = doc.text.slice(first.start, s.start);
    if (!/^[وف]$/.test(pre)) return false;
  }
  const lastTok = toks[doc.tokenAt(s.end - 1)];
  if (!lastTok || lastTok.end !== s.end) return false;
  // the first word: not a function word, not governed by a preposition
  let firstWord: Token | undefined;
  for (; i < toks.length && toks[i]!.start < s.end; i++) {
    if (isWord(toks[i]!)) {
      firstWord = toks[i];
      break;
    }
  }
  if (!firstWord) return false;
  const bare = firstWord.norm.replace(/^[وف](?=..)/, '');
  if (isFunctionWord(firstWord.norm) || isFunctionWord(bare)) return false;
  // a preposition with a pronoun (خلالها، بشأنه، حوله): not a mention of anyone
  if (firstWord.suf && firstWord.base && isFunctionWord(normalize(doc.text.slice(firstWord.base.start, firstWord.base.end), 'match'))) return false;
  const pre = firstWord.pre ?? [];
  if (pre.includes('ب') || pre.includes('ل') || pre.includes('ك')) return false;
  // at least one word that is not a function word
  for (let k = i; k < toks.length && toks[k]!.start < s.end; k++) {
    const t = toks[k]!;
    if (isWord(t) && !isFunctionWord(t.norm)) return true;
  }
  return false;
}

// an addressee or channel inside a mention ends it: "مصدر أمني لمراسل الجوهرة"، "الوزارة في بلاغ لها"
const ADDRESSEE = /^[وف]?ل(?:ل)?(?:مراسل|مندوب|وكال|صحيف|جريد|قنا|موقع|اذاع|تلفزيون|الجوهر|جوهر|شبك|مجل|الصحف|لصحف|وسائل|راديو)/;
const CHANNEL = new Set(['بيان', 'بلاغ', 'تصريح', 'تصريحات', 'مؤتمر', 'مقابلة', 'حوار', 'حديث', 'تغريدة', 'تدوينة', 'منشور', 'رسالة', 'كلمة', 'خطاب', 'اتصال', 'افتتاحية', 'مداخلة'].map((w) => normalize(w, 'match')));

/**
 * The mention without an addressee or channel phrase inside it (the phrase and what follows are
 * the medium's, not the speaker's), or the mention itself.
 */
export function withoutAddressee(doc: Doc, s: Span): Span {
  const toks = doc.tokens ?? [];
  const first = doc.tokenAt(s.start);
  for (let k = first + 1; k < toks.length && toks[k]!.end <= s.end; k++) {
    const t = toks[k]!;
    if (t.kind !== 'word') continue;
    const next = toks[k + 1];
    const cut =
      ADDRESSEE.test(t.norm) ||
      ((t.text === 'لـ' || t.text === 'ل') && next?.kind === 'quote') ||
      (t.norm === 'في' && !!next && CHANNEL.has(next.norm.replace(/^ال/, '')));
    if (!cut) continue;
    let e = k - 1;
    while (e >= first && toks[e]!.kind !== 'word' && toks[e]!.kind !== 'latin' && toks[e]!.kind !== 'quote') e--;
    if (e < first || toks[e]!.end <= s.start) return s;
    const end = toks[e]!.end;
    return { start: s.start, end, text: doc.text.slice(s.start, end) };
  }
  return s;
}

/** Applies the invariants to a document's records (in text order of their cues). */
export function enforceInvariants(doc: Doc, records: Attribution[]): Attribution[] {
  const out: Attribution[] = [];
  for (const r of records) {
    // a writer's note: "يذكر أن …"، "والجدير بالذكر أن …" with no speaker of its own
    if (!r.source) {
      const sent = sentenceOf(doc, r.cue.start);
      const before = normalize(doc.text.slice(sent ? sent.start : Math.max(0, r.cue.start - 40), r.cue.start), 'match');
      const cue = normalize(r.cue.text, 'match').replace(/^[وف](?=..)/, '');
      if (WRITER_NOTE.test(before) || WRITER_CUE.has(cue)) continue;
    }
    const ok = (s: Span | null): boolean => !!s && isValidMention(doc, s) && !overlaps(s, r.cue) && !overlaps(s, r.content);
    const src = r.source && withoutAddressee(doc, r.source);
    const spk = r.speaker && withoutAddressee(doc, r.speaker);
    const source = ok(src) ? src : null;
    let speaker = ok(spk) ? spk : null;
    if (!speaker && source && r.speaker) speaker = source;
    // an anaphoric mention speaks for the earlier source it repeats
    if (speaker && isAnaphoric(speaker.text)) speaker = source && !isAnaphoric(source.text) ? source : null;
    if (source && isAnaphoric(source.text)) {
      // the nearest earlier record whose source names the same kind of speaker (مصدر … مصادر)
      speaker = null;
      const head = anaphorHead(source.text);
      for (let k = out.length - 1; k >= 0; k--) {
        const p = out[k]!;
        if (p.source && !isAnaphoric(p.source.text) && p.speaker && normalize(p.source.text, 'match').replace('مصادر', 'مصدر').includes(head)) {
          speaker = p.speaker;
          break;
        }
      }
    }
    if (speaker && !ok(speaker)) speaker = null;
    out.push({ ...r, source, speaker, via: r.via.filter((v) => isValidMention(doc, v)) });
  }
  return out;
}
