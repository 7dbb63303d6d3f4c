/**
 * Where reported content ends. The guideline stops it "at the end of the reported material: before
 * the next independent clause, before a following cue, or at the sentence end"; the rules
 * (extract.ts contentEnd) stop at a following cue and otherwise run to the sentence end, so a
 * writer's clause after a comma ("…، كما خرج المئات في كربلاء") or a time clause ("… بعدما كان …")
 * is taken as said.
 *
 * A learned ranker chooses the end of indirect and mixed content among: the rules' end, the end of
 * the sentence, and every clause boundary in between (before a comma or semicolon, before a word
 * opening with و/ف, before a conjunction such as كما، بينما، حيث، بعدما), never inside a quotation.
 * Features: the words at the cut (the first word after it, its conjunction, whether a cue starts
 * there), the punctuation, the length kept and dropped, and how the cut compares with the rules'.
 * Trained on the gold by `npm run train:attribution`.
 */
import { bareForm, hasConj, isComma, isQuote, isStopPunct, isWordish, kindOf, partnerOf, tok, tokenAtOffset } from './context.js';
import { cueAt, type Draft, type Span } from './extract.js';
import { bucket, feat, linear, type Feature, type Weights } from './learned.js';

const OPENERS = new Set(['كما', 'بينما', 'فيما', 'حيث', 'بعد', 'بعدما', 'عندما', 'حين', 'حينما', 'اذ', 'الا', 'لكن', 'لكنه', 'لكنها', 'غير', 'مما', 'وذلك', 'وهو', 'وهي', 'الذي', 'التي', 'رغم', 'بسبب', 'منذ', 'قبل', 'خلال', 'في', 'من', 'علي', 'الي']);

export interface ContentEnds {
  /** token index of the content's last token by the rules */
  rule: number;
  cands: Array<{ last: number; feats: Feature[] }>;
}

/** Candidate ends of a draft's content, with features; undefined when it is not for this model. */
export function contentEnds(d: Draft): ContentEnds | undefined {
  // a quotation ends where it closes; content before its cue ("…، بحسب X") is the rules' alone
  if (d.type === 'direct' || !d.forward || d.content.start < d.cue.span.end) return undefined;
  const c = d.sentence;
  const first = tokenAtOffset(c, d.content.start);
  const rule = tokenAtOffset(c, d.content.end) - 1;
  if (first >= c.to || rule < first || c.tokens[rule]!.end !== d.content.end) return undefined;
  // the content may not run into the medium or a relay named after it
  let hi = c.to;
  for (const s of [d.medium, ...d.via] as Array<Span | null>) if (s && s.start >= d.content.end) hi = Math.min(hi, tokenAtOffset(c, s.start));
  if (rule >= hi) return undefined;
  // the quotation pairs open at each token: no cut inside one
  let quoteEnd = -1;
  const cands: ContentEnds['cands'] = [];
  const lem = d.cue.form?.lemma ?? bareForm(tok(c, d.cue.first)!);
  // words before each token from `first` (a prefix count: the cuts are compared in words, in constant time)
  const before = new Int32Array(hi - first + 1);
  for (let k = first; k < hi; k++) before[k - first + 1] = before[k - first]! + (isWordish(c.tokens[k]!) ? 1 : 0);
  /** words in tokens[a..b] (inclusive; empty when b < a) */
  const wordsIn = (a: number, b: number): number => (b < a ? 0 : before[Math.min(b, hi - 1) - first + 1]! - before[a - first]!);
  const total = wordsIn(first, hi - 1);
  let words = 0;
  let lastWord = -1;
  for (let k = first; k < hi; k++) {
    const t = c.tokens[k]!;
    if (isQuote(t) && partnerOf(c, k) > k) quoteEnd = Math.max(quoteEnd, partnerOf(c, k));
    if (isWordish(t) || (isQuote(t) && partnerOf(c, k) >= first && partnerOf(c, k) < k) || (t.kind === 'punct' && t.text === ')')) {
      if (isWordish(t)) words++;
      lastWord = k;
    }
    if (k < quoteEnd || lastWord !== k) continue;
    // a cut after token k: at a boundary (punctuation or an opener next), the rules' end, or the last word
    let n = k + 1;
    const next = n < hi ? c.tokens[n] : undefined;
    let punct = '-';
    if (next && (isStopPunct(next) || isComma(next))) {
      punct = kindOf(next);
      n++;
    }
    const w = n < hi ? c.tokens[n] : undefined;
    // nothing but punctuation after: the end of the material
    const isLast = wordsIn(k + 1, hi - 1) === 0;
    const opener = !!w && w.kind === 'word' && (hasConj(w) || OPENERS.has(bareForm(w)));
    if (k !== rule && !isLast && punct === '-' && !opener) continue;
    const ww = w && w.kind === 'word' ? bareForm(w) : kindOf(w);
    const cue = w ? cueAt(c, n) : undefined;
    const rel = k === rule ? 'rule' : k < rule ? 'shorter' : 'longer';
    const f: Feature[] = [
      feat('rel=', rel),
      feat('rel=', rel, '|d=', bucket(wordsIn(Math.min(k, rule) + 1, Math.max(k, rule)), [0, 2, 5, 10])),
      feat('nw=', bucket(words, [1, 3, 6, 10, 16, 25])),
      feat('left=', bucket(total - words, [0, 2, 5, 10, 20])),
      feat('p=', punct, '|last=', isLast),
      feat('w=', ww),
      feat('p=', punct, '|w=', ww),
      feat('conj=', w ? hasConj(w) : false, '|p=', punct),
      feat('cue=', cue ? cue.cls : '-', '|p=', punct),
      feat('lem=', lem, '|p=', punct),
      feat('type=', d.type, '|p=', punct),
      feat('L=', bareForm(t)),
      feat('Lk=', kindOf(t), '|p=', punct),
    ];
    if (w && hasConj(w)) f.push(feat('wbare=', w.norm.slice(1)));
    if (w && w.pre?.includes('ال')) f.push(feat('wal|p=', punct));
    cands.push({ last: k, feats: f });
    if (isLast && k >= rule) break;
  }
  if (cands.length < 2) return undefined;
  return { rule, cands };
}

/** Moves the end of a draft's content to the best-scored candidate (its type read again). */
export function chooseContentEnd(d: Draft, w: Weights): void {
  const e = contentEnds(d);
  if (!e) return;
  let best = e.rule;
  let bestScore = -Infinity;
  for (const cand of e.cands) {
    const s = linear(w, cand.feats);
    if (s > bestScore) [best, bestScore] = [cand.last, s];
  }
  if (best === e.rule) return;
  const c = d.sentence;
  const end = c.tokens[best]!.end;
  d.content = { start: d.content.start, end, text: c.text.slice(d.content.start, end) };
  d.type = /["«»“”]/.test(d.content.text) ? 'mixed' : 'indirect';
}
