/**
 * Draws the article pairs of the dedup evaluation (docs/dedup.md) from SaudiNewsNet and ANT
 * multi-source, stratified by similarity, and prints pairs for a person to read and label.
 *
 *   node dist/tools/sample-pairs.js draw [--out FILE] [--seed N]
 *       writes `a  b  stratum  split` (tab-separated) for every drawn pair
 *   node dist/tools/sample-pairs.js show FILE [--from N] [--count N] [--chars N]
 *       prints pairs N… of FILE: both articles' metadata and text, and for pairs that share
 *       wording a word-level diff (what only one side has), to read and label by the rules of
 *       docs/dedup.md
 *
 * The strata are measured on exact quantities computed here, not on the dedup index's output:
 * shingle Jaccard J and containment C (|A ∩ B| / min(|A|, |B|), over 4-word shingles of body
 * stems, every pair sharing at least 3 shingles found through a full inverted index), TF-IDF cosine
 * between pairs of the same corpus within 2 days, and random pairs of the same corpus and day.
 * Pairs are drawn with a seeded generator; the split (tune / test) is a hash of the pair's ids.
 * Prints and writes ids, numbers and article text to the console only: no text goes to a file.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { dataDir, readCorpus, type CorpusName } from '../ingest/corpus/index.js';
import { bodySpans, bodyWords, intersectionSize, shingleSet } from '../dedup/shingles.js';
import { cosine, termVector, topTerms, type TermVector } from '../dedup/terms.js';
import { hashString } from '../dedup/hash.js';
import { findBlocks } from '../analyze/structure.js';
import { tokenize } from '../text/index.js';

const CORPORA: CorpusName[] = ['saudinewsnet', 'ant-multisource'];
const DAY = 86_400_000;
const SHINGLE = 4;

interface Item {
  id: string;
  corpus: number;
  outlet: string;
  time: number;
  day: number;
  category: string;
  shingles: Uint32Array;
  vec: TermVector;
}

export interface Stratum {
  name: string;
  want: number;
  test(p: PairStats): boolean;
}

export interface PairStats {
  a: number;
  b: number;
  jaccard: number;
  containment: number;
  cosine: number;
  random?: boolean;
}

/** The strata and how many pairs each contributes (docs/dedup.md explains the choice). */
export const STRATA: Stratum[] = [
  { name: 'J>=0.9', want: 30, test: (p) => p.jaccard >= 0.9 },
  { name: 'J.6-.9', want: 35, test: (p) => p.jaccard >= 0.6 && p.jaccard < 0.9 },
  { name: 'J.3-.6', want: 40, test: (p) => p.jaccard >= 0.3 && p.jaccard < 0.6 },
  { name: 'C>=.5', want: 40, test: (p) => p.jaccard < 0.3 && p.containment >= 0.5 },
  { name: 'C.15-.5', want: 35, test: (p) => p.jaccard < 0.3 && p.containment >= 0.15 && p.containment < 0.5 },
  { name: 'cos>=.5', want: 40, test: (p) => p.containment < 0.15 && p.cosine >= 0.5 },
  { name: 'cos.35-.5', want: 40, test: (p) => p.containment < 0.15 && p.cosine >= 0.35 && p.cosine < 0.5 },
  { name: 'cos.2-.35', want: 35, test: (p) => p.containment < 0.15 && p.cosine >= 0.2 && p.cosine < 0.35 },
  { name: 'cos.1-.2', want: 20, test: (p) => p.containment < 0.15 && p.cosine >= 0.1 && p.cosine < 0.2 },
  { name: 'random', want: 25, test: (p) => p.random === true },
];

/** tune or test, from the pair's ids (stable, independent of the drawing order). */
export function splitOf(a: string, b: string): 'tune' | 'test' {
  return hashString(a < b ? `${a}|${b}` : `${b}|${a}`) % 2 === 0 ? 'tune' : 'test';
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function load(): Promise<Item[]> {
  const items: Item[] = [];
  for (const [ci, c] of CORPORA.entries()) {
    for await (const r of readCorpus(c)) {
      const time = Date.parse(r.meta.date ?? '');
      if (Number.isNaN(time)) continue;
      const words = bodyWords(r.text, bodySpans(r.text, r.meta.title));
      if (words.length === 0) continue;
      items.push({
        id: r.id,
        corpus: ci,
        outlet: r.meta.outlet ?? '',
        time,
        day: Math.floor(time / DAY),
        category: r.meta.category ?? '',
        shingles: shingleSet(words, SHINGLE),
        vec: termVector(words),
      });
    }
  }
  return items;
}

function overlapPairs(items: Item[]): PairStats[] {
  const inv = new Map<number, number[]>();
  items.forEach((d, i) => {
    for (const s of d.shingles) {
      let l = inv.get(s);
      if (!l) inv.set(s, (l = []));
      l.push(i);
    }
  });
  const count = new Int32Array(items.length);
  const touched: number[] = [];
  const out: PairStats[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    for (const s of a.shingles) {
      const l = inv.get(s)!;
      if (l.length > 300) continue; // a stock phrase, not copy
      for (const j of l) {
        if (j <= i || items[j]!.corpus !== a.corpus) continue;
        if (count[j] === 0) touched.push(j);
        count[j]!++;
      }
    }
    for (const j of touched) {
      const c = count[j]!;
      count[j] = 0;
      if (c < 3) continue;
      const b = items[j]!;
      const inter = intersectionSize(a.shingles, b.shingles);
      const jac = inter / (a.shingles.length + b.shingles.length - inter);
      const con = inter / Math.min(a.shingles.length, b.shingles.length);
      if (jac >= 0.1 || con >= 0.15) out.push({ a: i, b: j, jaccard: jac, containment: con, cosine: cosine(a.vec, b.vec) });
    }
    touched.length = 0;
  }
  return out;
}

function cosinePairs(items: Item[]): PairStats[] {
  // postings of each document's 10 heaviest terms, by (term, day)
  const post = new Map<string, number[]>();
  const tops = items.map((d) => topTerms(d.vec, 10));
  items.forEach((d, i) => {
    for (const t of tops[i]!) {
      const k = `${d.corpus}:${t}:${d.day}`;
      let l = post.get(k);
      if (!l) post.set(k, (l = []));
      l.push(i);
    }
  });
  const out: PairStats[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    seen.clear();
    for (const t of tops[i]!) {
      for (let d = a.day - 2; d <= a.day + 2; d++) {
        for (const j of post.get(`${a.corpus}:${t}:${d}`) ?? []) {
          if (j <= i || seen.has(j)) continue;
          seen.add(j);
          const b = items[j]!;
          if (Math.abs(a.time - b.time) > 2 * DAY) continue;
          const cos = cosine(a.vec, b.vec);
          if (cos < 0.1) continue;
          const inter = intersectionSize(a.shingles, b.shingles);
          const con = inter / Math.max(1, Math.min(a.shingles.length, b.shingles.length));
          if (con >= 0.15) continue; // in the overlap strata
          out.push({ a: i, b: j, jaccard: inter / (a.shingles.length + b.shingles.length - inter), containment: con, cosine: cos });
        }
      }
    }
  }
  return out;
}

function randomPairs(items: Item[], rnd: () => number, n: number): PairStats[] {
  const byDay = new Map<string, number[]>();
  items.forEach((d, i) => {
    const k = `${d.corpus}:${d.day}`;
    let l = byDay.get(k);
    if (!l) byDay.set(k, (l = []));
    l.push(i);
  });
  const out: PairStats[] = [];
  while (out.length < n) {
    const i = Math.floor(rnd() * items.length);
    const a = items[i]!;
    const same = byDay.get(`${a.corpus}:${a.day}`)!;
    const j = same[Math.floor(rnd() * same.length)]!;
    if (j === i) continue;
    const b = items[j]!;
    const inter = intersectionSize(a.shingles, b.shingles);
    out.push({ a: Math.min(i, j), b: Math.max(i, j), jaccard: inter / (a.shingles.length + b.shingles.length - inter), containment: inter / Math.min(a.shingles.length, b.shingles.length), cosine: cosine(a.vec, b.vec), random: true });
  }
  return out;
}

async function draw(out: string, seed: number): Promise<void> {
  const t0 = performance.now();
  const items = await load();
  console.error(`sample-pairs: ${items.length} articles with a body and a date (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const rnd = mulberry32(seed);
  const overlap = overlapPairs(items);
  const cos = cosinePairs(items);
  const random = randomPairs(items, rnd, 200);
  console.error(`sample-pairs: ${overlap.length} overlapping pairs, ${cos.length} cosine pairs (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const pool = [...overlap, ...cos, ...random];
  const taken = new Set<string>();
  const rows: string[] = ['a\tb\tstratum\tsplit'];
  for (const s of STRATA) {
    // half from each corpus where both have enough, in a seeded shuffle
    const cands = pool.filter((p) => s.test(p));
    const byCorpus = CORPORA.map((_, c) => shuffle(cands.filter((p) => items[p.a]!.corpus === c), rnd));
    const picked: PairStats[] = [];
    let k = 0;
    while (picked.length < s.want && byCorpus.some((l) => l.length > 0)) {
      const l = byCorpus[k++ % byCorpus.length]!;
      const p = l.shift();
      if (!p) continue;
      const key = `${p.a}:${p.b}`;
      if (taken.has(key)) continue;
      taken.add(key);
      picked.push(p);
    }
    console.error(`  ${s.name}: ${cands.length} candidates, ${picked.length} drawn`);
    for (const p of picked) {
      const a = items[p.a]!.id;
      const b = items[p.b]!.id;
      rows.push([a, b, s.name, splitOf(a, b)].join('\t'));
    }
  }
  writeFileSync(out, rows.join('\n') + '\n');
  console.error(`sample-pairs: ${rows.length - 1} pairs written to ${out}`);
}

function shuffle<T>(a: T[], rnd: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Reads a pairs file (`a  b  …` after `#` comment lines and a header line). */
export function readPairs(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
}

/** Word-level diff (LCS) of two word lists, as runs: [op, words] with op '=', '-' (only a) or '+' (only b). */
export function wordDiff(a: string[], b: string[]): Array<['=' | '-' | '+', string[]]> {
  const n = a.length;
  const m = b.length;
  const dp = new Int32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = a[i] === b[j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const out: Array<['=' | '-' | '+', string[]]> = [];
  const push = (op: '=' | '-' | '+', w: string): void => {
    const last = out[out.length - 1];
    if (last && last[0] === op) last[1].push(w);
    else out.push([op, [w]]);
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push('=', a[i++]!);
      j++;
    } else if (j < m && (i === n || dp[i * (m + 1) + j + 1]! >= dp[(i + 1) * (m + 1) + j]!)) push('+', b[j++]!);
    else push('-', a[i++]!);
  }
  return out;
}

async function show(path: string, from: number, count: number, chars: number): Promise<void> {
  const pairs = readPairs(path).slice(from, from + count);
  const want = new Set(pairs.flatMap((p) => [p[0]!, p[1]!]));
  const docs = new Map<string, { text: string; outlet: string; date: string; title: string }>();
  for (const c of CORPORA) {
    for await (const r of readCorpus(c)) {
      if (want.has(r.id)) docs.set(r.id, { text: r.text, outlet: r.meta.outlet ?? '', date: r.meta.date ?? '', title: r.meta.title ?? '' });
    }
  }
  const flat = (t: string): string => t.replace(/\s*\n\s*/g, ' ¶ ').replace(/[ \t]+/g, ' ').trim();
  const clip = (t: string): string => (t.length <= chars ? t : `${t.slice(0, Math.round(chars * 0.7))} […${t.length - chars} chars…] ${t.slice(t.length - Math.round(chars * 0.3))}`);
  const words = (t: string): string[] => tokenize(t).filter((k) => k.kind !== 'punct' && k.kind !== 'quote').map((k) => t.slice(k.start, k.end));
  pairs.forEach((p, k) => {
    const a = docs.get(p[0]!);
    const b = docs.get(p[1]!);
    console.log(`\n=== #${from + k} ${p[0]} × ${p[1]}`);
    if (!a || !b) {
      console.log('  (missing)');
      return;
    }
    const wa = words(a.text);
    const wb = words(b.text);
    console.log(`A ${a.outlet} ${a.date} | ${a.title} | ${wa.length} words`);
    console.log(`B ${b.outlet} ${b.date} | ${b.title} | ${wb.length} words`);
    const body = (t: string): string => findBlocks(t).map((bl) => (bl.type === 'body' ? '' : `[${bl.type}] `) + bl.text).join(' ¶ ');
    const d = wa.length * wb.length <= 9e6 ? wordDiff(wa, wb) : [];
    const same = d.filter((r) => r[0] === '=').reduce((s, r) => s + r[1].length, 0);
    if (same >= 0.3 * Math.min(wa.length, wb.length) && d.length > 0) {
      // the diff carries the comparison: only the opening of A for context
      console.log(`A: ${flat(body(a.text)).slice(0, 250)} …`);
      console.log(`DIFF (${same} words in common, in order; = kept, -A only, +B only):`);
      const parts = d.map(([op, w]) => (op === '=' ? (w.length > 12 ? `=[${w.slice(0, 4).join(' ')} …${w.length}… ${w.slice(-4).join(' ')}]` : `=[${w.join(' ')}]`) : `${op}{${w.join(' ')}}`));
      console.log(clip(parts.join(' ')));
    } else {
      console.log(`A: ${clip(flat(body(a.text)))}`);
      console.log(`B: ${clip(flat(body(b.text)))}`);
    }
  });
}

export async function main(argv: string[]): Promise<void> {
  if (!dataDir()) {
    console.error('sample-pairs: no shared data (set ISNAD_DATA or put it at ../shared)');
    process.exit(1);
  }
  const opt = (name: string, def: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : def;
  };
  const cmd = argv[0];
  if (cmd === 'draw') await draw(opt('--out', 'dedup-candidates.tsv'), Number(opt('--seed', '20240606')));
  else if (cmd === 'show' && argv[1]) await show(argv[1], Number(opt('--from', '0')), Number(opt('--count', '10')), Number(opt('--chars', '900')));
  else {
    console.error('usage: sample-pairs draw [--out FILE] [--seed N] | sample-pairs show FILE [--from N] [--count N] [--chars N]');
    process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
