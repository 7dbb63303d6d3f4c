/**
 * The attribution stage: drafts from every body sentence (extract.ts), then what needs more than
 * one cue: follow-up and participle cues inherit the sentence's speaker, "according to" tails become
 * relays of the record they qualify, speech reported inside another record gets that speaker as
 * `via`, writer's hedges inside the content, and the speaker of every record resolved (speaker.ts).
 */
import type { Attribution, Doc } from '../../doc/index.js';
import type { Token } from '../../text/index.js';
import type { Stage } from '../pipeline.js';
import { PHRASE_SLOTS, bareForm, hedgeAt, sentenceCtx, tok, type SentenceCtx } from './context.js';
import { analyzeCue, findCues, looseDraft, type Draft, type Span } from './extract.js';
import { attributionLexicons, isTrigger } from './lexicon.js';
import { normalize } from '../../text/normalize.js';
import { firstIndexOf, firstOccurrence, previousSpeakerFeatures, resolveSpeakers, speakerCandidates, type SpeakerCandidate } from './speaker.js';
import { cueFeatures, defaultAttributionModel, linear, type AttributionModel, type Feature } from './learned.js';
import { chooseSourceEnd } from './source-end.js';
import { chooseContentEnd } from './content-end.js';
import { enforceInvariants, isValidMention } from './invariants.js';

const contains = (outer: Span, inner: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

// (loops rather than closures in sentenceDrafts: it runs for every sentence with a cue)
function hasStart(spans: readonly Span[], start: number): boolean {
  for (const s of spans) if (s.start === start) return true;
  return false;
}

const isPrep = (d: Draft): boolean => d.cue.cls === 'prep';

/** The first draft other than d whose content holds span. */
function holder(drafts: readonly Draft[], span: Span, d?: Draft): Draft | undefined {
  for (const o of drafts) if (o !== d && contains(o.content, span)) return o;
  return undefined;
}

/** Where the learned models end sources and contents (without them, where the rules do). */
export type Enders = Pick<AttributionModel, 'sourceEnd' | 'contentEnd'>;

/** Drafts of one sentence; with `ends`, each source's and content's end chosen by those models (source-end.ts, content-end.ts). */
export function sentenceDrafts(c: SentenceCtx, loose = false, ends?: Enders): Draft[] {
  const cues = findCues(c);
  const drafts: Draft[] = [];
  for (const cue of cues) {
    const d = analyzeCue(c, cue, cues) ?? (loose ? looseDraft(c, cue, cues) : undefined);
    if (!d) continue;
    // where the source and the content stop, by the learned models (before follow-up cues inherit the source)
    if (ends?.sourceEnd) chooseSourceEnd(d, ends.sourceEnd);
    if (ends?.contentEnd) chooseContentEnd(d, ends.contentEnd);
    drafts.push(d);
  }
  if (drafts.length === 0) return drafts;
  // a cue inside another record's preamble (between its cue and its content) is part of that
  // record: "قال المصدر الذي طلب عدم …", "في تصريح نقلته الوكالة"
  if (drafts.length > 1) {
    const inside = (d: Draft): boolean => drafts.some((o) => o !== d && o.forward && o.cue.span.end <= d.cue.span.start && d.cue.span.end <= o.content.start && o.content.start === d.content.start);
    const kept = drafts.filter((d) => !inside(d));
    if (kept.length < drafts.length) drafts.splice(0, drafts.length, ...kept);
  }

  // "according to" tails: a relay of the record they qualify, or folded into it
  const main = drafts.some(isPrep) ? drafts.filter((d) => !isPrep(d)) : drafts;
  const out: Draft[] = [];
  for (const d of drafts) {
    // an "according to" inside another record's content belongs to that content ("قالت: "طبقا لتعهد …")
    if (d.cue.cls === 'prep' && holder(main, d.cue.span)) continue;
    // a prep cue right after a quotation reports that quotation: a record of its own
    if (d.cue.cls === 'prep' && main.length > 0 && !(d.type === 'direct' && d.content.end <= d.cue.span.start)) {
      // the relay qualifies every record before it in the sentence (or the first one after it)
      const selfRef = !d.source || /^(قول|تعبير)/.test(bareForm(tok(c, d.cue.end - 1)!));
      const anyBefore = main[0]!.cue.first < d.cue.first;
      for (const host of main) {
        if (anyBefore ? host.cue.first >= d.cue.first : host !== main[0]) continue;
        if (!selfRef && d.source && !(host.source && sameMention(host.source, d.source))) {
          if (!hasStart(host.via, d.source.start)) host.via.push(d.source);
        }
      }
      continue;
    }
    if (d.cue.cls === 'prep' && d.content.start === d.cue.span.start) continue; // a tail with no host
    out.push(d);
  }

  // follow-up and participle cues take the speaker named earlier in the sentence
  for (let k = 0; k < out.length; k++) {
    const d = out[k]!;
    if (d.source || d.cue.cls === 'passive') continue;
    let prev: Draft | undefined;
    for (let j = k - 1; j >= 0 && !prev; j--) if (out[j]!.subject && !contains(out[j]!.content, d.cue.span)) prev = out[j];
    if (prev && d.cue.cls === 'participle' && prev.via.length > 0 && prev.source && prev.cue.form?.frames.has('relay')) {
      // "نقلت X عن Y قوله …، مشيرا إلى …": Y goes on speaking, still relayed by X
      d.source = prev.source;
      d.subject = prev.source;
      for (const v of prev.via) if (!hasStart(d.via, v.start)) d.via.push(v);
    } else if (prev && (d.cue.cls === 'participle' || !startsSentence(c, d))) {
      d.source = prev.subject;
      d.subject = prev.subject;
    } else if (d.cue.cls === 'participle') {
      const subj = mainClauseSubject(c, d);
      if (subj) {
        d.source = subj;
        d.subject = subj;
      }
    }
  }

  // speech reported inside another record's content: its own record, relayed by that speaker;
  // without a named speaker of its own it is part of the outer content (إنه "اعتقد أن …")
  let nested: Set<Draft> | undefined;
  for (const d of out) {
    // participles go with their own clause; a claim denied (نفى … مزاعم X) is not relayed by the denier
    if (d.cue.cls === 'participle' || d.cue.cls === 'noun') continue;
    const outer = holder(out, d.cue.span, d);
    if (!outer) continue;
    // inside a direct quotation a past verb in ت with no subject is the speaker's own "I" (أوضحتُ له)
    const firstPerson = outer.type !== 'indirect' && d.cue.cls === 'verb' && /ت$/.test(bareForm(tok(c, d.cue.first)!)) && !d.cue.form?.frames.has('relay');
    if (!d.source && d.cue.gender !== '1' && !firstPerson) {
      (nested ??= new Set()).add(d);
      continue;
    }
    const relay = outer.source ?? outer.subject;
    if (relay && !hasStart(d.via, relay.start)) d.via.unshift(relay);
    if (!relay) d.outer = outer; // relayed by whoever the outer speaker turns out to be
    d.nested = true;
  }
  // a performative or belief in the first person inside a quotation is not a report ("أؤكد لكم")
  const dropped = (d: Draft): boolean => !!nested?.has(d) || (d.cue.gender === '1' && d.via.length > 0 && /^[ان]/.test(bareForm(tok(c, d.cue.first)!)));
  return out.some(dropped) ? out.filter((d) => !dropped(d)) : out;
}

/** Do two mentions name the same speaker: one holds the other, or they open with the same noun? */
function sameMention(a: Span, b: Span): boolean {
  const norm = (s: string): string => normalize(s, 'match').replace(/["«»“”]/g, '').trim();
  const na = norm(a.text);
  const nb = norm(b.text);
  // one holds the other, word for word (الملك is not in "… الديوان الملكي")
  const wa = na.split(/\s+/);
  const wb = nb.split(/\s+/);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.every((w) => long.includes(w))) return true;
  const head = (s: string): string => (s.split(/\s+/)[0] ?? '').replace(/^(وال|ال|و)/, '');
  return head(na).length > 2 && head(na) === head(nb);
}

function startsSentence(c: SentenceCtx, d: Draft): boolean {
  for (let i = c.from; i < d.cue.first; i++) {
    const t = tok(c, i)!;
    if (t.kind === 'word') return false;
  }
  return true;
}

/** The subject of the sentence's first verb: "وأصدر الرئيس البرازيلي مرسوما …، قائلا". */
function mainClauseSubject(c: SentenceCtx, d: Draft): Span | null {
  const first = tok(c, c.from);
  if (!first || first.kind !== 'word') return null;
  const second = tok(c, c.from + 1);
  if (!second || second.kind !== 'word') return null;
  let end = c.from + 2;
  const third = tok(c, end);
  if (third && third.kind === 'word' && third.norm.startsWith('ال') && end < d.cue.first) end++;
  if (!second.norm.startsWith('ال')) return null;
  return { start: second.start, end: tok(c, end - 1)!.end, text: c.text.slice(second.start, tok(c, end - 1)!.end) };
}

/** Hedges the writer puts inside reported content: ما يسمى، المزعوم … (two-word phrases from the lexicon). */
function contentHedge(c: SentenceCtx, d: Draft): Span | null {
  // the first token of the content, by binary search
  let lo = c.from;
  let hi = c.to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.tokens[mid]!.end <= d.content.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < c.to; i++) {
    const t = tok(c, i)!;
    if (t.start >= d.content.end) break;
    const n = hedgeAt(c, i);
    if (n > 0) {
      // "ما يسمى بـ…": the hedge is the words, without the preposition
      const last = tok(c, i + n - 1)!;
      return { start: t.start, end: last.end, text: c.text.slice(t.start, last.end) };
    }
  }
  return null;
}

/** What the rules propose for a document, with the features the learned models decide by. */
export interface AttributionCandidates {
  drafts: Draft[];
  /** the records as the rules alone would give them */
  records: Attribution[];
  cueFeats: Feature[][];
  /** the candidate speakers of record i, with their features (gathered on first use) */
  speakers: (i: number) => SpeakerCandidate[];
}

/**
 * The rules' drafts of a document's attributions (body sentences only); with `learned`, also the
 * loose drafts and the features the learned models decide by (without, the rules alone decide);
 * with `ends`, the sources' and contents' ends chosen by those models.
 */
export function attributionCandidates(doc: Doc, learned = true, ends?: Enders): AttributionCandidates {
  const loose = learned;
  const drafts: Draft[] = [];
  const tokens = doc.tokens!;
  const L = attributionLexicons();
  const candidates = new Uint8Array(tokens.length);
  const names = nameMarks(doc);
  let phrases: Uint8Array | undefined; // the sentences' phrase memo (see SentenceCtx.phrases)
  for (const s of doc.sentences!) {
    if (doc.blocks![s.block]!.type !== 'body') continue;
    // most sentences have no word that could start a cue: skip them before building anything
    let any = false;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = tokens[i]!;
      if (t.kind === 'word' && isTrigger(L, t.norm) && !(t.norm.length <= 4 && isBetween(tokens, i, s.tokenEnd))) {
        candidates[i] = 1;
        any = true;
      } else if (t.norm.length === 3 && t.norm === 'علي' && tokens[i + 1]?.norm === 'لسان') any = true;
    }
    if (!any) continue;
    phrases ??= new Uint8Array(PHRASE_SLOTS * tokens.length);
    const c = sentenceCtx(doc.text, tokens, s.tokenStart, s.tokenEnd, candidates, doc.quotePartners, names, phrases);
    for (const d of sentenceDrafts(c, loose, ends)) {
      if (!d.hedge) d.hedge = contentHedge(c, d);
      drafts.push(d);
    }
  }
  const resolution = resolveSpeakers(doc, drafts);
  const { speakers, antecedents } = resolution;
  // speech inside the words of a speaker whose sentence did not name him ("وتابع … أن ترامب قال"):
  // relayed by that speaker, as last named
  drafts.forEach((d) => {
    if (!d.outer || d.via.length > 0) return;
    const o = drafts.indexOf(d.outer);
    if (o < 0) return;
    const named = drafts[antecedents[o]!]!;
    const relay = named.source ?? speakers[o];
    if (relay) d.via.push(relay);
  });
  const records = drafts.map((d, i) => ({
    cue: plain(d.cue.span),
    source: d.source ? plain(d.source) : null,
    speaker: speakers[i] ? plain(speakers[i]!) : null,
    content: plain(d.content),
    type: d.type,
    medium: d.medium ? plain(d.medium) : null,
    via: d.via.map(plain),
    hedge: d.hedge ? plain(d.hedge) : null,
  }));
  if (!learned) return { drafts, records, cueFeats: [], speakers: () => [] };
  return { drafts, records, cueFeats: drafts.map((d, i) => cueFeatures(d, drafts[i - 1])), speakers: speakerCandidates(doc, drafts, resolution) };
}

/**
 * The records kept, with their speakers: the learned models decide where there is a model (the cue
 * model drops drafts it scores below zero, the speaker model picks the best candidate), the rules
 * alone otherwise; then the invariants (invariants.ts) hold either way.
 */
export function decideAttributions(doc: Doc, c: AttributionCandidates, use: AttributionModel | null | undefined = undefined): Attribution[] {
  // undefined: the registered model; null: the rules alone
  const model = use === undefined ? defaultAttributionModel() : use ?? undefined;
  const out: Attribution[] = [];
  // the last record kept that is not reported inside another, and its decided speaker
  let prev: Draft | undefined;
  let prevSpeaker: Span | null = null;
  c.records.forEach((r, i) => {
    // a loose draft is kept only when the cue model says so; the rules' drafts unless it says no
    if (model ? linear(model.cue, c.cueFeats[i]!) < 0 : c.drafts[i]!.loose) return;
    let speaker = r.speaker;
    const d = c.drafts[i]!;
    if (model) {
      let best = -Infinity;
      for (const cand of c.speakers(i)) {
        const s = linear(model.speaker, cand.fixed) + linear(model.speaker, cand.feats) + linear(model.speaker, previousSpeakerFeatures(d, prev, prevSpeaker, cand.span));
        if (s > best) {
          best = s;
          speaker = cand.span ? plain(cand.span) : null;
        }
      }
    }
    // the same words earlier in the article, standing as a mention of their own: its first full mention
    if (model && speaker) {
      const first = firstOccurrence(doc, speaker, firstIndexOf(doc, speaker.text));
      if (first.start !== speaker.start && isValidMention(doc, first)) speaker = plain(first);
    }
    out.push({ ...r, speaker });
    if (!d.nested) [prev, prevSpeaker] = [d, speaker];
  });
  return enforceInvariants(doc, out);
}

export function extractAttributions(doc: Doc): Attribution[] {
  const model = defaultAttributionModel();
  return decideAttributions(doc, attributionCandidates(doc, !!model, model), model ?? null);
}

/**
 * بين / وبين is the preposition "between" unless a complementizer follows within a few words
 * (وبيّن الوزير أن …): tested before a sentence is read, since the word is everywhere.
 */
function isBetween(tokens: readonly Token[], i: number, end: number): boolean {
  const n = tokens[i]!.norm;
  if (n !== 'بين' && n !== 'وبين' && n !== 'فبين') return false;
  for (let k = i + 1; k < Math.min(end, i + 7); k++) if (/^[وف]?(ان|انه|انها|انهم|بان)$/.test(tokens[k]!.norm)) return false;
  return true;
}

/** Marks of entity mentions per token (see SentenceCtx.names); undefined without an entities layer. */
function nameMarks(doc: Doc): Uint8Array | undefined {
  if (!doc.entities || doc.entities.length === 0) return undefined;
  const tokens = doc.tokens!;
  const marks = new Uint8Array(tokens.length);
  for (const e of doc.entities) {
    let i = doc.tokenAt(e.start);
    if (i < 0) continue;
    marks[i] = e.type === 'PER' ? 1 : 3;
    for (i++; i < tokens.length && tokens[i]!.end <= e.end; i++) marks[i] = 2;
  }
  return marks;
}

const plain = (s: Span): Span => ({ start: s.start, end: s.end, text: s.text });

export const attributionStage: Stage = {
  name: 'attribution',
  requires: ['blocks', 'tokens', 'sentences'],
  assigns: ['attributions'],
  run(doc: Doc) {
    doc.attributions = extractAttributions(doc);
  },
};
