/**
 * The document: the original text (never edited) and standoff layers over it.
 * Stages fill layers; `toJSON()` emits only the layers that were computed.
 */
import type { Lexeme, Span, Token } from '../text/index.js';
import { span } from '../text/index.js';
import { SCHEMA_VERSION, type AttributionJSON, type BlockType, type DocJSON, type EntityType, type Meta } from './schema.js';

export type Layer = 'blocks' | 'tokens' | 'sentences' | 'entities' | 'attributions';

export interface Block extends Span {
  type: BlockType;
}

export interface Sentence extends Span {
  /** index into `doc.blocks` */
  block: number;
  /** first token index */
  tokenStart: number;
  /** end token index (exclusive) */
  tokenEnd: number;
}

export interface Entity extends Span {
  type: EntityType;
  id?: string;
  key?: string;
}

export type Attribution = AttributionJSON;

/** Index of the first of `spans` (sorted, not overlapping) whose end is after `offset`, or spans.length. */
export function indexAt(spans: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Doc {
  blocks?: Block[];
  tokens?: Token[];
  sentences?: Sentence[];
  entities?: Entity[];
  attributions?: Attribution[];
  /** the partner token of each quotation mark (or -1), paired per block by the sentences stage; not part of the JSON */
  quotePartners?: Int32Array;
  /** the shared record of each token's word form (text/words.ts Lexeme; undefined for non-words), set by the tokens stage; not part of the JSON */
  lexemes?: Array<Lexeme | undefined>;

  constructor(
    readonly text: string,
    readonly id: string = 'doc',
    readonly meta: Meta = {},
  ) {}

  has(layer: Layer): boolean {
    return this[layer] !== undefined;
  }

  /** The span `[start, end)` of this document's text (throws outside the text). */
  span(start: number, end: number): Span {
    return span(this.text, start, end);
  }

  /** Tokens of a sentence. */
  sentenceTokens(s: Sentence): Token[] {
    return (this.tokens ?? []).slice(s.tokenStart, s.tokenEnd);
  }

  /** Index of the first token whose end is after `offset` (binary search), or tokens.length. */
  tokenAt(offset: number): number {
    return indexAt(this.tokens ?? [], offset);
  }

  toJSON(): DocJSON {
    const out: DocJSON = { schemaVersion: SCHEMA_VERSION, id: this.id, text: this.text, meta: this.meta };
    if (this.blocks) out.blocks = this.blocks.map((b) => ({ start: b.start, end: b.end, text: b.text, type: b.type }));
    if (this.sentences) {
      out.sentences = this.sentences.map((s) => ({ start: s.start, end: s.end, text: s.text, block: s.block, tokens: [s.tokenStart, s.tokenEnd] }));
    }
    if (this.tokens) out.tokens = this.tokens;
    if (this.entities) out.entities = this.entities;
    if (this.attributions) out.attributions = this.attributions;
    return out;
  }
}
