/**
 * CoNLL-style NER data (`word TAG` per line, a blank line between sentences) and its alignment with
 * our tokens. ANERcorp's tokenization is not ours ("(د" "أ)" are single words there, "بي." keeps
 * its dot), so a sentence's words are joined with spaces and tokenized by the text layer; every
 * token then lies inside one word (our tokens never cross white space).
 *
 * Tags move between the two in one documented way:
 *   words → tokens: a word's tag goes to its first content token (word, Latin or number); the
 *     tokens after it continue the word's chunk (I-X), and so do the tokens before it when the word
 *     continues a chunk (I-X), else they are O;
 *   tokens → words: a word takes the label of its first content token (else of its first token,
 *     else O).
 * Chunks are read as conlleval reads them (B-/I-/L-/U-/E-/S- and IOB1 I- starts).
 */
import { tokens as analyzeText, type Token } from '../text/index.js';

export interface ConllSentence {
  words: string[];
  tags: string[];
}

/** Parses `word TAG` lines (fields split on white space; the tag is the last field, O when absent). */
export function parseConll(source: string): ConllSentence[] {
  const out: ConllSentence[] = [];
  let cur: ConllSentence = { words: [], tags: [] };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      if (cur.words.length > 0) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const parts = line.split(/\s+/);
    cur.words.push(parts[0]!);
    cur.tags.push(parts.length > 1 ? parts[parts.length - 1]! : 'O');
  }
  if (cur.words.length > 0) out.push(cur);
  return out;
}

/** A chunk: token (or word) indices [start, end) and its type. */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

/** Chunks of a label sequence, as conlleval counts them. */
export function chunks(labels: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | undefined;
  let closed = true;
  const close = (end: number): void => {
    if (cur) {
      cur.end = end;
      out.push(cur);
      cur = undefined;
    }
  };
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const p = l === 'O' || l.length < 3 || l[1] !== '-' ? 'O' : l[0]!;
    const type = p === 'O' ? '' : l.slice(2);
    if (p === 'O') {
      close(i);
      closed = true;
      continue;
    }
    const continues = (p === 'I' || p === 'L' || p === 'E') && cur !== undefined && cur.type === type && !closed;
    if (!continues) {
      close(i);
      cur = { start: i, end: i + 1, type };
    }
    closed = p === 'L' || p === 'E' || p === 'U' || p === 'S';
  }
  close(labels.length);
  return out;
}

/** BIO (or IOB1) labels → BILOU. */
export function toBilou(labels: readonly string[]): string[] {
  const out = labels.map(() => 'O');
  for (const c of chunks(labels)) {
    if (c.end - c.start === 1) out[c.start] = 'U-' + c.type;
    else {
      out[c.start] = 'B-' + c.type;
      for (let i = c.start + 1; i < c.end - 1; i++) out[i] = 'I-' + c.type;
      out[c.end - 1] = 'L-' + c.type;
    }
  }
  return out;
}

/** Any chunk labels → BIO. */
export function toBio(labels: readonly string[]): string[] {
  const out = labels.map(() => 'O');
  for (const c of chunks(labels)) {
    out[c.start] = 'B-' + c.type;
    for (let i = c.start + 1; i < c.end; i++) out[i] = 'I-' + c.type;
  }
  return out;
}

/** A sentence's words, tokenized our way. */
export interface Alignment {
  text: string;
  tokens: Token[];
  /** word index of each token */
  wordOf: Int32Array;
  /** each word's first token and end token (exclusive); equal when the word has no token */
  wordStart: Int32Array;
  wordEnd: Int32Array;
  /** each word's first content token (word, Latin, number), else its first token, else -1 */
  head: Int32Array;
}

const CONTENT = new Set(['word', 'latin', 'number']);

export function align(words: readonly string[]): Alignment {
  const starts: number[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w;
  }
  const toks = analyzeText(text);
  const wordOf = new Int32Array(toks.length);
  const wordStart = new Int32Array(words.length);
  const wordEnd = new Int32Array(words.length);
  const head = new Int32Array(words.length).fill(-1);
  let t = 0;
  for (let w = 0; w < words.length; w++) {
    const end = starts[w]! + words[w]!.length;
    wordStart[w] = t;
    while (t < toks.length && toks[t]!.start < end) {
      wordOf[t] = w;
      if (head[w] === -1 && CONTENT.has(toks[t]!.kind)) head[w] = t;
      t++;
    }
    wordEnd[w] = t;
    if (head[w] === -1 && wordEnd[w]! > wordStart[w]!) head[w] = wordStart[w]!;
  }
  return { text, tokens: toks, wordOf, wordStart, wordEnd, head };
}

/** Word tags (BIO) → token tags (BIO), as described above. */
export function tokenTags(a: Alignment, wordTags: readonly string[]): string[] {
  const out = a.tokens.map(() => 'O');
  const bio = toBio(wordTags);
  for (let w = 0; w < bio.length; w++) {
    const h = a.head[w]!;
    if (h < 0) continue;
    const tag = bio[w]!;
    if (tag === 'O') continue;
    const inside = 'I-' + tag.slice(2);
    // a chunk that goes on through this word covers the tokens before its head too
    if (tag.startsWith('I-')) for (let t = a.wordStart[w]!; t < h; t++) out[t] = inside;
    out[h] = tag;
    for (let t = h + 1; t < a.wordEnd[w]!; t++) out[t] = inside;
  }
  return out;
}

/** Token labels → word labels (BIO), as described above. */
export function wordLabels(a: Alignment, tokenLabels: readonly string[]): string[] {
  const bio = toBio(tokenLabels);
  const out: string[] = [];
  for (let w = 0; w < a.head.length; w++) {
    const h = a.head[w]!;
    out.push(h < 0 ? 'O' : bio[h]!);
  }
  // a word whose head token continues a chunk whose earlier tokens fell in no word's head
  return toBio(out.map((l, w) => (l.startsWith('I-') && (w === 0 || out[w - 1] === 'O' || out[w - 1]!.slice(2) !== l.slice(2)) ? 'B-' + l.slice(2) : l)));
}
