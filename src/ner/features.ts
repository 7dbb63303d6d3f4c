/**
 * Feature extraction for the NER model: each token of a sentence becomes a list of 32-bit feature
 * hashes (a template number mixed with a value), computed from our own token analysis (doc.tokens:
 * `norm`, clitics, `base`, `stem`, `kind`), never from a string built per token at run time.
 *
 * Per word form (cached):
 *   w       the `match` form                      b      the base: `match` form without clitics
 *   stem    the light stem (search key)           cl     its clitics (و ف ب ل ك س ال, pronoun)
 *   affixes first 1–4 and last 1–4 letters of the base
 *   shape   token kind, length, digits, Latin case
 *   c1..c3  word clusters (coarse, middle, fine) of the form, else of the base
 *   flags   lexicon memberships: title (الرئيس، وزير), organization head (وزارة، حركة), place head
 *           (مدينة، محافظة), nisba adjective (السوري ← سوريا), first name, country, place,
 *           organization (single-word gazetteer entries)
 *   freq    log₂ of the form's corpus frequency; art: how often the base takes the article
 *           (names seldom do)
 * A one-word hashtag (#ترامب) gets the features of its word and a hashtag mark.
 * Per position i in the sentence: the word's own features; w, b, clusters, shape and flags of the
 * words at i−2 … i+2; base bigrams (i−1, i) and (i, i+1); multi-word gazetteer matches (B-/I- of
 * LOC or ORG) at i−1, i, i+1; sentence start and end.
 *
 * The extractor is pure (lexicons come compiled into the library; clusters are passed in).
 */
import type { Lexeme, Token } from '../text/index.js';
import { defaultVocabulary, lexicon, normalize, tokens as analyzeText, type Vocabulary } from '../text/index.js';
import { WordClusters } from './clusters.js';
import { hashString, mix, mix3 } from './hash.js';

/** Version of the feature set; a model records it and is refused by an extractor of another version. */
export const FEATURE_VERSION = 1;

/** Lexicon flags, one bit each. */
export const FLAG = {
  TITLE: 0,
  ORG_HEAD: 1,
  LOC_HEAD: 2,
  NISBA: 3,
  FIRST_NAME: 4,
  COUNTRY: 5,
  PLACE: 6,
  ORG: 7,
} as const;
const FLAG_COUNT = 8;

/** Feature templates. A template number is mixed with a value hash into a feature hash. */
const T = {
  BIAS: 1,
  W: 2,
  B: 3,
  STEM: 4,
  CLITICS: 5,
  PREFIX: 6, // + length (1..4) → 6..9
  SUFFIX: 10, // + length → 10..13
  SHAPE: 14,
  C1: 15,
  C2: 16,
  C3: 17,
  FLAG: 18,
  FREQ: 19,
  ART: 20,
  GAZ: 21,
  BOS: 22,
  EOS: 23,
  // neighbours: base + 16 * (offset index 0..3 for −2, −1, +1, +2)
  NW: 32,
  NB: 33,
  NC2: 34,
  NC3: 35,
  NSHAPE: 36,
  NFLAG: 37,
  NGAZ: 38,
  BIGRAM_L: 100,
  BIGRAM_R: 101,
  CBIGRAM_L: 102,
  CBIGRAM_R: 103,
  FLAG_W: 104,
} as const;

/** Offsets of the neighbours whose words are features of a position. */
export const NEIGHBOURS = [-2, -1, 1, 2] as const;
const NONE = hashString('\u0000none');
const OUTSIDE = hashString('\u0000outside');
const HASHTAG = hashString('\u0000hashtag');

/** What the extractor knows about one word form. */
export interface WordInfo {
  /** value hashes */
  w: number;
  b: number;
  shape: number;
  c2: number;
  c3: number;
  flags: number;
  /** the word's own features (templates already mixed) */
  own: Uint32Array;

  /** key for multi-word gazetteer matching: the `match` form without conjunction and preposition */
  gazKey: string;
  /** the same in `key` form, '' for punctuation, quotes and symbols (propagate.ts compares words by it) */
  key: string;
  /**
   * The summed weights per label of `own` and of {@link contextFeatures} at each neighbour offset
   * (5 vectors of L, end to end), filled in by the model that owns this extractor the first time it
   * scores the word: none of these features depends on the sentence.
   */
  scores?: Float32Array;
}

/**
 * A word's features as the neighbour of another word at NEIGHBOURS[o] (i−2, i−1, i+1, i+2): its
 * base, clusters, shape and flags, and at ±1 its form and fine cluster.
 */
export function contextFeatures(info: WordInfo, o: number): Uint32Array {
  const d = NEIGHBOURS[o]!;
  const base = 16 * o;
  const out = [mix(T.NB + base, info.b), mix(T.NC2 + base, info.c2), mix(T.NSHAPE + base, info.shape)];
  if (d === -1 || d === 1) out.push(mix(T.NW + base, info.w), mix(T.NC3 + base, info.c3));
  for (let b = 0; b < FLAG_COUNT; b++) if (info.flags & (1 << b)) out.push(mix(T.NFLAG + base, b + 1));
  return Uint32Array.from(out);
}

/** The analyzed tokens of one sentence with their features, in compressed-row form. */
export interface SentenceFeatures {
  /** features of token k are feats[offsets[k] .. offsets[k + 1]) */
  offsets: Int32Array;
  feats: Uint32Array;
  /** what is known about each token's word; its `own` features are in `feats` only when asked for */
  infos: WordInfo[];
}

const GAZ_LOC = 1;
const GAZ_ORG = 2;

interface GazEntry {
  keys: string[];
  type: number;
}

/** Lexicons and gazetteers in the forms the extractor matches, built once. */
class Lexicons {
  readonly titles: Set<string>;
  readonly orgHeads: Set<string>;
  readonly locHeads: Set<string>;
  readonly firstNames: Set<string>;
  readonly countries: Set<string>;
  readonly places: Set<string>;
  readonly orgs: Set<string>;
  /** key-normalized, article-less single-word place names (for nisba adjectives) */
  readonly placeKeys: Set<string>;
  readonly nisba: Set<string>;
  /** multi-word gazetteer entries by their first key, longest first */
  readonly multi = new Map<string, GazEntry[]>();

  constructor() {
    const words = (name: string): Set<string> => {
      const out = new Set<string>();
      for (const e of lexicon(name)) {
        const m = normalize(e, 'match');
        out.add(m);
        if (m.startsWith('ال') && m.length > 4) out.add(m.slice(2));
      }
      return out;
    };
    this.titles = words('ner/titles');
    this.orgHeads = words('ner/org-heads');
    this.locHeads = words('ner/loc-heads');
    this.nisba = words('ner/nisba');
    const single = (name: string, type: number): Set<string> => {
      const out = new Set<string>();
      for (const e of lexicon(name)) {
        const keys = analyzeText(e).map(gazKeyOf);
        if (keys.length === 1) out.add(keys[0]!);
        else if (type !== 0 && keys.length > 1) {
          const list = this.multi.get(keys[0]!) ?? [];
          list.push({ keys, type });
          this.multi.set(keys[0]!, list);
        }
      }
      return out;
    };
    this.firstNames = single('ner/first-names', 0);
    this.countries = single('ner/countries', GAZ_LOC);
    this.places = single('ner/places', GAZ_LOC);
    this.orgs = single('ner/organizations', GAZ_ORG);
    for (const list of this.multi.values()) list.sort((a, b) => b.keys.length - a.keys.length);
    this.placeKeys = new Set<string>();
    for (const s of [this.countries, this.places]) for (const k of s) this.placeKeys.add(normalize(k.startsWith('ال') ? k.slice(2) : k, 'key'));
  }
}

let shared: Lexicons | undefined;
const lexicons = (): Lexicons => (shared ??= new Lexicons());

/** The `match` form of a token's base (without clitics). */
export function baseNorm(t: Token): string {
  return t.base ? normalize(t.base.text, 'match') : t.norm;
}

/**
 * The key a token is matched on against gazetteers: its `match` form without a conjunction or
 * preposition but with its article (وبالعراق → العراق، للأمم → الامم); Latin lower-cased.
 */
export function gazKeyOf(t: Token): string {
  if (t.kind !== 'word') return t.stem;
  if (!t.pre && !t.suf) return t.norm;
  const b = baseNorm(t);
  return t.pre?.includes('ال') ? 'ال' + b : b;
}

function shapeOf(t: Token): string {
  const len = t.norm.length;
  const lb = len <= 2 ? 's' : len <= 4 ? 'm' : len <= 7 ? 'l' : 'x';
  switch (t.kind) {
    case 'word':
      return 'w' + lb;
    case 'latin': {
      const upper = /^[A-Z0-9]+$/.test(t.text) ? 'U' : /^[A-Z]/.test(t.text) ? 'C' : 'l';
      return 'L' + upper + lb;
    }
    case 'number':
      return 'n' + (/^\d{4}$/.test(t.norm) ? '4' : lb);
    case 'punct':
      return 'p' + t.norm;
    case 'quote':
      return 'q';
    default:
      return t.kind;
  }
}

/** True when a base (key form) is a nisba adjective of a known place: سوري ← سوريا, مصرية ← مصر. */
function isNisba(baseKey: string, lex: Lexicons): boolean {
  let r: string | undefined;
  for (const suf of ['يين', 'يون', 'يات', 'يه', 'ي']) {
    if (baseKey.length - suf.length >= 2 && baseKey.endsWith(suf)) {
      r = baseKey.slice(0, -suf.length);
      break;
    }
  }
  if (r === undefined) return false;
  return lex.placeKeys.has(r) || lex.placeKeys.has(r + 'ا') || lex.placeKeys.has(r + 'يا') || lex.placeKeys.has(r + 'يه') || lex.placeKeys.has(r + 'ه');
}

export interface FeatureOptions {
  clusters?: WordClusters;
  /** corpus frequencies (default: the shipped vocabulary); `null` for none */
  vocab?: Vocabulary | null;
}

/**
 * Word forms per cache generation (about 0.65 KB each with the model's sums). When the current
 * generation is full it becomes the old one and the one before is dropped; a form found in the old
 * generation moves to the current one. So at most 2 × this many forms, and frequent ones stay.
 */
const CACHE_LIMIT = 65_536;

/** Turns sentences of tokens into feature hashes. Keeps a cache of word forms. */
export class FeatureExtractor {
  private readonly clusters: WordClusters;
  private readonly vocab: Vocabulary | undefined;
  private readonly lex = lexicons();
  private cache = new Map<string, WordInfo>();
  private old = new Map<string, WordInfo>();

  constructor(options: FeatureOptions = {}) {
    this.clusters = options.clusters ?? WordClusters.empty;
    this.vocab = options.vocab === null ? undefined : (options.vocab ?? defaultVocabulary());
  }

  /**
   * What the extractor knows about token `t` (cached by its text). With the token's `lex` (its
   * word form's shared record, text/words.ts), kept there rather than in this extractor's own
   * cache: no second look-up by string for the words of the text.
   */
  word(t: Token, lex?: Lexeme): WordInfo {
    if (lex !== undefined) {
      if (lex.owner === this) return lex.slot as WordInfo;
      const info = this.cache.get(t.text) ?? this.old.get(t.text) ?? this.analyze(t);
      lex.owner = this;
      lex.slot = info;
      return info;
    }
    let info = this.cache.get(t.text);
    if (info === undefined) {
      info = this.old.get(t.text) ?? this.analyze(t);
      if (this.cache.size >= CACHE_LIMIT) {
        this.old = this.cache;
        this.cache = new Map();
      }
      this.cache.set(t.text, info);
    }
    return info;
  }

  private analyze(t: Token): WordInfo {
    // a one-word hashtag (#ترامب) is read as its word, marked as a hashtag
    if (t.kind === 'hashtag' && !t.text.includes('_')) {
      const inner = analyzeText(t.text.slice(1));
      if (inner.length === 1 && inner[0]!.kind === 'word') {
        const info = this.analyze(inner[0]!);
        const own = new Uint32Array(info.own.length + 1);
        own.set(info.own);
        own[info.own.length] = mix(T.SHAPE, HASHTAG);
        return { ...info, own };
      }
    }
    const lex = this.lex;
    const isWord = t.kind === 'word';
    const b = isWord ? baseNorm(t) : t.kind === 'latin' ? t.stem : t.norm;
    const gazKey = gazKeyOf(t);
    const own: number[] = [];
    const w = hashString(t.kind === 'number' ? '<num>' : t.norm);
    const hb = hashString(t.kind === 'number' ? '<num>' : b);
    own.push(mix(T.W, w), mix(T.B, hb));
    const shape = hashString(shapeOf(t));
    own.push(mix(T.SHAPE, shape));
    let c2 = NONE;
    let c3 = NONE;
    let flags = 0;
    if (isWord || t.kind === 'latin') {
      own.push(mix(T.STEM, hashString(t.stem)));
      own.push(mix(T.CLITICS, hashString((t.pre ?? []).join('+') + '|' + (t.suf ?? ''))));
      for (let n = 1; n <= 4 && n < b.length; n++) {
        own.push(mix(T.PREFIX + n - 1, hashString(b.slice(0, n))));
        own.push(mix(T.SUFFIX + n - 1, hashString(b.slice(-n))));
      }
      let packed = this.clusters.packed(t.norm);
      if (packed < 0) packed = this.clusters.packed(b);
      if (packed < 0 && t.pre?.includes('ال')) packed = this.clusters.packed('ال' + b);
      if (packed >= 0) {
        const c1 = packed & 0xff;
        c2 = hashString('m' + ((packed >>> 8) & 0x3ff));
        c3 = hashString('f' + (packed >>> 18));
        own.push(mix(T.C1, c1 + 1), mix(T.C2, c2), mix(T.C3, c3));
      } else own.push(mix(T.C3, NONE));
      const baseKey = normalize(b, 'key');
      if (lex.titles.has(b)) flags |= 1 << FLAG.TITLE;
      if (lex.orgHeads.has(b)) flags |= 1 << FLAG.ORG_HEAD;
      if (lex.locHeads.has(b)) flags |= 1 << FLAG.LOC_HEAD;
      if (lex.nisba.has(b) || isNisba(baseKey, lex)) flags |= 1 << FLAG.NISBA;
      if (lex.firstNames.has(gazKey) || lex.firstNames.has(b)) flags |= 1 << FLAG.FIRST_NAME;
      if (lex.countries.has(gazKey)) flags |= 1 << FLAG.COUNTRY;
      if (lex.places.has(gazKey)) flags |= 1 << FLAG.PLACE;
      if (lex.orgs.has(gazKey)) flags |= 1 << FLAG.ORG;
      for (let f = 0; f < FLAG_COUNT; f++) if (flags & (1 << f)) own.push(mix(T.FLAG, f + 1), mix3(T.FLAG_W, f + 1, hb));
      if (this.vocab && isWord) {
        const c = this.vocab.count(t.norm);
        own.push(mix(T.FREQ, c === 0 ? 0 : 1 + Math.min(20, Math.floor(Math.log2(c)))));
        const withArt = this.vocab.count('ال' + b);
        const without = this.vocab.count(b);
        if (withArt + without >= 5) own.push(mix(T.ART, Math.min(4, Math.floor((5 * withArt) / (withArt + without)))));
        else own.push(mix(T.ART, 9));
      }
    }
    const key = t.kind === 'punct' || t.kind === 'quote' || t.kind === 'symbol' ? '' : normalize(gazKey, 'key');
    return { w, b: hb, shape, c2, c3, flags, own: Uint32Array.from(own), gazKey, key };
  }

  /** Multi-word gazetteer matches over `infos`: a value hash per token (or NONE). */
  private gazetteer(infos: readonly WordInfo[]): Uint32Array {
    const out = new Uint32Array(infos.length).fill(NONE);
    for (let i = 0; i < infos.length; ) {
      const list = this.lex.multi.get(infos[i]!.gazKey);
      let len = 0;
      let type = 0;
      if (list) {
        for (const e of list) {
          if (i + e.keys.length > infos.length) continue;
          let ok = true;
          for (let k = 1; k < e.keys.length && ok; k++) ok = infos[i + k]!.gazKey === e.keys[k];
          if (ok) {
            len = e.keys.length;
            type = e.type;
            break;
          }
        }
      }
      if (len === 0) {
        const f = infos[i]!.flags;
        if (f & ((1 << FLAG.COUNTRY) | (1 << FLAG.PLACE))) out[i] = GAZ_VALUES.B_LOC;
        else if (f & (1 << FLAG.ORG)) out[i] = GAZ_VALUES.B_ORG;
        i++;
        continue;
      }
      for (let k = 0; k < len; k++) out[i + k] = type === GAZ_LOC ? (k === 0 ? GAZ_VALUES.B_LOC : GAZ_VALUES.I_LOC) : k === 0 ? GAZ_VALUES.B_ORG : GAZ_VALUES.I_ORG;
      i += len;
    }
    return out;
  }

  /**
   * Features of tokens[from, to) (one sentence). With `words = false` the features that depend on
   * one word only (its `own`, and its {@link contextFeatures} as a neighbour) are left out of `feats`:
   * the model adds their cached sums instead (see {@link WordInfo.scores}); what remains depends on the sentence
   * (bias, sentence edges, gazetteer matches, bigrams).
   */
  sentence(tokens: readonly Token[], from = 0, to = tokens.length, words = true, lexemes?: ReadonlyArray<Lexeme | undefined>): SentenceFeatures {
    const n = to - from;
    const infos: WordInfo[] = new Array(n);
    for (let k = 0; k < n; k++) infos[k] = this.word(tokens[from + k]!, lexemes?.[from + k]);
    const gaz = this.gazetteer(infos);
    const offsets = new Int32Array(n + 1);
    let feats = new Uint32Array(n * (words ? 64 : 12));
    let m = 0;
    const push = (h: number): void => {
      if (m === feats.length) {
        const next = new Uint32Array(feats.length * 2);
        next.set(feats);
        feats = next;
      }
      feats[m++] = h;
    };
    for (let i = 0; i < n; i++) {
      offsets[i] = m;
      const me = infos[i]!;
      push(T.BIAS);
      if (words) for (let k = 0; k < me.own.length; k++) push(me.own[k]!);
      if (i === 0) push(T.BOS);
      if (i === n - 1) push(T.EOS);
      push(mix(T.GAZ, gaz[i]!));
      for (let o = 0; o < NEIGHBOURS.length; o++) {
        const d = NEIGHBOURS[o]!;
        const j = i + d;
        if (j < 0 || j >= n) {
          push(mix(T.NB + 16 * o, OUTSIDE));
          continue;
        }
        if (words) {
          const c = contextFeatures(infos[j]!, o);
          for (let k = 0; k < c.length; k++) push(c[k]!);
        }
        if (d === -1 || d === 1) push(mix(T.NGAZ + 16 * o, gaz[j]!));
      }
      const prev = i > 0 ? infos[i - 1]! : undefined;
      const next = i + 1 < n ? infos[i + 1]! : undefined;
      push(mix3(T.BIGRAM_L, prev ? prev.b : OUTSIDE, me.b));
      push(mix3(T.BIGRAM_R, me.b, next ? next.b : OUTSIDE));
      push(mix3(T.CBIGRAM_L, prev ? prev.c2 : OUTSIDE, me.c2));
      push(mix3(T.CBIGRAM_R, me.c2, next ? next.c2 : OUTSIDE));
    }
    offsets[n] = m;
    return { offsets, feats: feats.subarray(0, m), infos };
  }
}

const GAZ_VALUES = {
  B_LOC: hashString('gaz:B-LOC'),
  I_LOC: hashString('gaz:I-LOC'),
  B_ORG: hashString('gaz:B-ORG'),
  I_ORG: hashString('gaz:I-ORG'),
} as const;
