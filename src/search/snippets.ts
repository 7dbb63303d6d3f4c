/**
 * Snippets: a short passage of a hit with its matches highlighted, as offsets into the article's
 * ORIGINAL text (the index holds only keys, so the text is tokenized again — with the same analysis
 * the index used — and the query's phrases are found among the tokens' terms).
 *
 *   text:   … قال المتحدث إن المسلحين السوريين انسحبوا …
 *   query:  والمسلحين السورى      → terms مسلح · سور
 *   highlights:        [المسلحين] [السوريين]      (whole tokens, clitics included)
 *
 * A phrase is highlighted where its terms occur consecutively (punctuation between words does not
 * count, as in the index); a token holding several terms (G20 → g · 20) is highlighted once. The
 * passage is the window of about `size` characters, cut at token boundaries, that holds the most
 * distinct phrases (then the most highlights, then the earliest); without matches, the start of the
 * text. Every span satisfies `text.slice(start, end) === span.text`.
 *
 * When the index positions of the matches are known (the in-memory index knows them), the matches
 * are placed from those positions ({@link snippetAt}) instead of analyzing the whole text: the same
 * snippet, found many times faster.
 */
import { tokens, type Span } from '../text/index.js';
import { tokenTerms } from './keys.js';
import { termTokenSpans } from './term-spans.js';

export interface Snippet extends Span {
  /** matches inside the passage, in text order, not overlapping */
  highlights: Span[];
}

export interface SnippetOptions {
  /** passage length in characters, roughly (default 220) */
  size?: number;
}

interface Hit {
  start: number;
  end: number;
  phrase: number;
}

/** All matches of `phrases` (lists of terms) in `text`, as token-aligned spans, merged where they overlap. */
export function findMatches(text: string, phrases: readonly (readonly string[])[]): Hit[] {
  const toks = tokens(text);
  const seq: string[] = [];
  const tokOf: number[] = [];
  toks.forEach((t, i) => {
    for (const term of tokenTerms(t)) {
      seq.push(term);
      tokOf.push(i);
    }
  });
  const hits: Hit[] = [];
  phrases.forEach((ph, pi) => {
    if (ph.length === 0) return;
    for (let p = 0; p + ph.length <= seq.length; p++) {
      let ok = true;
      for (let k = 0; k < ph.length && ok; k++) ok = seq[p + k] === ph[k];
      if (ok) hits.push({ start: toks[tokOf[p]!]!.start, end: toks[tokOf[p + ph.length - 1]!]!.end, phrase: pi });
    }
  });
  return merge(hits);
}

/** Hits in text order, those that overlap merged into one. */
function merge(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Hit[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged;
}

/** Token-boundary-respecting bounds: the passage [from, to) never cuts a word. */
function snap(text: string, from: number, to: number): [number, number] {
  const isWordChar = (i: number): boolean => i >= 0 && i < text.length && !/\s/u.test(text[i]!);
  let s = Math.max(0, from);
  while (s > 0 && isWordChar(s) && isWordChar(s - 1)) s--;
  let e = Math.min(text.length, to);
  while (e < text.length && isWordChar(e) && isWordChar(e - 1)) e++;
  // trim white space at the edges
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  return [s, e];
}

/** An occurrence of a phrase known by index positions: where each occurrence starts, and the phrase's length in terms. */
export interface PhrasePositions {
  starts: ArrayLike<number>;
  length: number;
}

/**
 * The matches of phrases whose occurrences are given as index term positions (ascending within
 * each phrase): what {@link findMatches} finds, placed without analyzing the text.
 */
export function matchesAt(text: string, phrases: readonly PhrasePositions[]): Hit[] {
  const wanted = new Set<number>();
  for (const ph of phrases) {
    if (ph.length === 0) continue;
    for (let i = 0; i < ph.starts.length; i++) {
      wanted.add(ph.starts[i]!);
      wanted.add(ph.starts[i]! + ph.length - 1);
    }
  }
  const positions = Int32Array.from(wanted).sort();
  const spans = termTokenSpans(text, positions);
  const at = new Map<number, number>();
  positions.forEach((p, k) => at.set(p, k));
  const hits: Hit[] = [];
  phrases.forEach((ph, pi) => {
    if (ph.length === 0) return;
    for (let i = 0; i < ph.starts.length; i++) {
      const first = at.get(ph.starts[i]!)!;
      const last = at.get(ph.starts[i]! + ph.length - 1)!;
      const start = spans[2 * first]!;
      const end = spans[2 * last + 1]!;
      if (start >= 0 && end >= 0) hits.push({ start, end, phrase: pi });
    }
  });
  return merge(hits);
}

/** The snippet of `text` for `phrases` (the plan's positive phrases). */
export function snippet(text: string, phrases: readonly (readonly string[])[], options: SnippetOptions = {}): Snippet {
  return snippetOf(text, findMatches(text, phrases), options);
}

/** The snippet of `text` for phrases found at these index positions: the same as {@link snippet} for them. */
export function snippetAt(text: string, phrases: readonly PhrasePositions[], options: SnippetOptions = {}): Snippet {
  return snippetOf(text, matchesAt(text, phrases), options);
}

function snippetOf(text: string, hits: readonly Hit[], options: SnippetOptions): Snippet {
  const size = Math.max(20, options.size ?? 220);
  let from = 0;
  let to = size;
  if (hits.length > 0) {
    let best = -1;
    let bestPhrases = -1;
    let bestCount = -1;
    for (let i = 0; i < hits.length; i++) {
      const lead = Math.min(40, Math.floor(size / 5));
      const ws = Math.max(0, hits[i]!.start - lead);
      const we = ws + size;
      const covered = new Set<number>();
      let count = 0;
      for (let j = i; j < hits.length && hits[j]!.end <= we; j++) {
        covered.add(hits[j]!.phrase);
        count++;
      }
      if (covered.size > bestPhrases || (covered.size === bestPhrases && count > bestCount)) {
        best = ws;
        to = Math.max(we, hits[i]!.end);
        bestPhrases = covered.size;
        bestCount = count;
      }
    }
    from = best;
  }
  const [start, end] = snap(text, from, to);
  const highlights = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start, end: h.end, text: text.slice(h.start, h.end) }));
  return { start, end, text: text.slice(start, end), highlights };
}
