/**
 * Where a source ends: the rules find where a source starts well (the subject after a verb cue, the
 * noun phrase before it) but not where it stops — "روبان ردا على هذا السؤال", "الحكومة في عدة
 * تصريحات", "وزارة الخارجية الأمريكية الحوثيين" run on, "الأمين العام" stops inside the title phrase.
 *
 * A learned ranker chooses the end among the token ends from the source's first word up to the
 * nearest of: the cue (a source before it), the content, the medium or a relay after the source,
 * the sentence end, or 16 tokens. Its features are the words on either side of the cut (their form,
 * clitics, article, title word, entity marks: a cut inside a name is unlikely), the length and how
 * it compares with the rules' end. Trained on the gold by `npm run train:attribution`.
 */
import type { Token } from '../../text/index.js';
import { bareForm, isComma, isQuote, isStopPunct, kindOf, partnerOf, tok, tokenAtOffset, type SentenceCtx } from './context.js';
import type { Draft, Span } from './extract.js';
import { bucket, feat, linear, type Feature, type Weights } from './learned.js';
import { isTitle } from './titles.js';

const COMPLEMENTIZER = /^(ان|انه|انها|انهم|انهما|بان|بانه|بانها|بانهم)$/;

/** The most tokens a source may span. */
const MAX_TOKENS = 16;

export interface SourceEnds {
  /** token index of the source's first token */
  first: number;
  /** token index of the rules' last token */
  rule: number;
  /** candidate last tokens, in order, with their features: those of the two tokens at the cut (shared, scored once) and of the cut itself */
  cands: Array<{ last: number; left: readonly Feature[]; right: readonly Feature[]; feats: Feature[] }>;
}

/** All the features of a candidate end, as training reads them. */
export const endFeatures = (c: SourceEnds['cands'][number]): Feature[] => [...c.left, ...c.right, ...c.feats];

const isWordish = (t: Token): boolean => t.kind === 'word' || t.kind === 'latin' || t.kind === 'number' || t.kind === 'hashtag';

/** Candidate ends of a draft's source, with features; undefined when there is nothing to choose. */
export function sourceEnds(d: Draft): SourceEnds | undefined {
  const s = d.source;
  if (!s) return undefined;
  const c = d.sentence;
  const first = tokenAtOffset(c, s.start);
  const rule = tokenAtOffset(c, s.end) - 1;
  if (first >= c.to || rule < first || c.tokens[first]!.start !== s.start || c.tokens[rule]!.end !== s.end) return undefined;
  let hi = Math.min(c.to, first + MAX_TOKENS);
  let limit = 'cap';
  const bound = (at: number, why: string): void => {
    if (at <= s.start) return;
    const k = tokenAtOffset(c, at);
    if (k < hi) [hi, limit] = [k, why];
  };
  if (c.to < hi) [hi, limit] = [c.to, 'sent'];
  bound(d.cue.span.start, 'cue');
  bound(d.content.start, 'content');
  if (d.medium) bound(d.medium.start, 'medium');
  for (const v of d.via) bound(v.start, 'via');
  if (rule >= hi) hi = rule + 1; // the rules' end is always a candidate
  const cands: SourceEnds['cands'] = [];
  const cls = d.cue.cls;
  const pos = first > d.cue.first ? 'after' : 'before';
  const ruleWords = wordsBetween(c, first, rule);
  const firstWord = bareForm(c.tokens[first]!);
  let words = 0;
  let quoteEnd = -1; // no cut inside a quotation the source opens: مراسل "الجوهرة | أف أم"
  for (let k = first; k < hi; k++) {
    const t = c.tokens[k]!;
    if (isWordish(t)) words++;
    if (isQuote(t) && partnerOf(c, k) > k) quoteEnd = Math.max(quoteEnd, partnerOf(c, k));
    // a full stop, colon or the like ends the source, and so does a complementizer (قال X إن …)
    if ((isStopPunct(t) && !isComma(t)) || (t.kind === 'word' && k > first && COMPLEMENTIZER.test(bareForm(t)))) break;
    const closing = isQuote(t) ? partnerOf(c, k) >= 0 && partnerOf(c, k) < k : t.text === ')';
    if ((!isWordish(t) && !closing) || k < quoteEnd) continue;
    const n = k + 1 < hi ? c.tokens[k + 1] : undefined;
    const diff = words - ruleWords;
    const rel = k === rule ? 'rule' : k < rule ? 'shorter' : 'longer';
    const f: Feature[] = [
      feat('rel=', rel),
      feat('rel=', rel, '|d=', bucket(Math.abs(diff), [1, 2, 4])),
      feat('nw=', bucket(words, [1, 2, 3, 4, 6, 9])),
      feat('pos=', pos, '|nw=', bucket(words, [1, 2, 4])),
      feat('lim=', n ? '-' : limit),
      feat('LN=', bareForm(t), n ? (isWordish(n) ? bareForm(n) : kindOf(n)) : limit),
      feat('Lk=', kindOf(t), '|Nk=', n ? kindOf(n) : limit),
      feat('names=', c.names?.[k] ?? 0, '|', n && c.names ? c.names[k + 1] ?? 0 : 'x'),
      feat('cls=', cls, '|Nk=', n ? kindOf(n) : limit),
      feat('pos=', pos, '|Nk=', n ? kindOf(n) : limit),
      feat('F=', firstWord, '|nw=', bucket(words, [1, 2, 3])),
    ];
    if (n && isWordish(n)) f.push(feat('pos=', pos, '|N=', bareForm(n)));
    cands.push({ last: k, left: sideFeatures('L', t, c, k), right: n ? sideFeatures('N', n, c, k + 1) : NO_NEXT, feats: f });
  }
  if (cands.length < 2) return undefined;
  return { first, rule, cands };
}

function wordsBetween(c: SentenceCtx, a: number, b: number): number {
  let n = 0;
  for (let k = a; k <= b; k++) if (isWordish(c.tokens[k]!)) n++;
  return n;
}

const NO_NEXT: readonly Feature[] = [feat('N=$')];

function sideMemo(c: SentenceCtx): NonNullable<SentenceCtx['sides']> {
  const n = 2 * (c.to - c.from);
  return (c.sides ??= { feats: new Array(n), scores: new Float64Array(n).fill(NaN), weights: undefined });
}

/** Features of the token on one side of a cut ('L' the last kept, 'N' the first left out), built once per token. */
function sideFeatures(side: 'L' | 'N', t: Token, c: SentenceCtx, k: number): readonly Feature[] {
  const m = sideMemo(c);
  const at = 2 * (k - c.from) + (side === 'L' ? 0 : 1);
  return (m.feats[at] ??= buildSide(side, t, c, k));
}

/** The score of a side's features under w, once per token and side. */
function sideScore(side: 'L' | 'N', c: SentenceCtx, k: number, w: Weights): number {
  if (side === 'N' && k >= c.to) return linear(w, NO_NEXT);
  const m = sideMemo(c);
  if (m.weights !== w) {
    m.weights = w;
    m.scores.fill(NaN);
  }
  const at = 2 * (k - c.from) + (side === 'L' ? 0 : 1);
  let s = m.scores[at]!;
  if (Number.isNaN(s)) m.scores[at] = s = linear(w, sideFeatures(side, c.tokens[k]!, c, k));
  return s;
}

function buildSide(side: 'L' | 'N', t: Token, c: SentenceCtx, k: number): Feature[] {
  if (!isWordish(t)) return [feat(side, 'k=', kindOf(t))];
  const w = bareForm(t);
  const pre = t.pre ? t.pre.join('+') : '';
  return [
    feat(side, '=', w),
    feat(side, 'k=', t.kind),
    feat(side, 'pre=', pre),
    feat(side, 'suf=', t.suf ? 1 : 0),
    feat(side, 'al=', /^(ال|لل)/.test(w) ? 1 : 0),
    feat(side, 'title=', isTitle(t) ? 1 : 0),
    feat(side, 'name=', c.names?.[k] ?? 0),
    feat(side, 'z=', w.slice(-1)),
    feat(side, 'len=', bucket(w.length, [2, 3, 5])),
  ];
}

/** Moves the end of a draft's source to the best-scored candidate (and its subject with it). */
export function chooseSourceEnd(d: Draft, w: Weights): void {
  const e = sourceEnds(d);
  if (!e) return;
  const c = d.sentence;
  let best = e.rule;
  let bestScore = -Infinity;
  for (const cand of e.cands) {
    const s = sideScore('L', c, cand.last, w) + (cand.right === NO_NEXT ? linear(w, NO_NEXT) : sideScore('N', c, cand.last + 1, w)) + linear(w, cand.feats);
    if (s > bestScore) [best, bestScore] = [cand.last, s];
  }
  if (best === e.rule) return;
  const old = d.source!;
  const end = tok(c, best)!.end;
  const source: Span = { start: old.start, end, text: c.text.slice(old.start, end) };
  if (d.subject && d.subject.start === old.start && d.subject.end === old.end) d.subject = source;
  d.source = source;
}
