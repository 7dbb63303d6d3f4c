/**
 * bench:dedup — near-duplicate groups and stories over every shared news article, as at ingest.
 *
 *   npm run bench:dedup [-- --corpora saudinewsnet,ant-multisource,ant-jawharafm] [--held 1000]
 *                       [--json]
 *
 * Articles stream from the corpora one at a time (the texts are not kept), and the time is split:
 *   read       reading the corpora (unzip, untar, parse)
 *   analysis   the structure stage (body blocks) and the body/title words (tokenizer + light stems)
 *   dedup      fingerprints (shingles) and DedupIndex.add (MinHash, LSH, anchors, verification)
 *   stories    StoryIndex.add
 * "grouping" is dedup + stories: the issue's < 60 s bar. Memory is the process's peak RSS (texts
 * are dropped once added, so it is the indexes'), and the heap after a full GC.
 * Then `--held` articles (every article whose id hashes to 0 mod ⌊n/held⌋, left out of the first
 * pass) are added one by one to the full index: per-article latency p50/p95/max, for the whole
 * path (text → groups) and for the index calls alone (words given). Last, the DedupIndex is
 * serialized and restored.
 */
import { parseArgs } from 'node:util';
import { readCorpus, dataDir, type CorpusName, type SourceRecord } from '../ingest/corpus/index.js';
import { bodySpans, bodyWords, titleWords } from '../dedup/shingles.js';
import { fingerprint, timeOf } from '../dedup/fingerprint.js';
import { hashString } from '../dedup/hash.js';
import { DedupIndex } from '../dedup/dedup-index.js';
import { StoryIndex } from '../dedup/stories.js';
import { defaultIdf } from '../dedup/terms.js';
import { fmt, gc, heapMB, peakRssMB, table } from './util.js';

const { values } = parseArgs({ options: { corpora: { type: 'string' }, held: { type: 'string' }, json: { type: 'boolean' } } });
const corpora = (values.corpora ?? 'saudinewsnet,ant-multisource,ant-jawharafm').split(',') as CorpusName[];
const heldWanted = Number(values.held ?? 1000);
if (!dataDir()) {
  console.error('bench:dedup: no shared data (set ISNAD_DATA or put it at ../shared); nothing to measure');
  process.exit(1);
}

// counts first (cheap), to pick the held-out articles by id hash
let total = 0;
for (const c of corpora) for await (const _ of readCorpus(c)) total++;
const every = Math.max(1, Math.floor(total / heldWanted));
const isHeld = (id: string): boolean => hashString(id) % every === 0;

const t = { read: 0, analysis: 0, dedup: 0, stories: 0 };
/** CPU time (user + system) per phase, ms: the machine may be shared, and wall time then counts the waiting */
const cpu = { read: 0, analysis: 0, dedup: 0, stories: 0 };
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
defaultIdf(); // the idf prior is built once per process (~0.5 s), outside the timings
const dedup = new DedupIndex();
const stories = new StoryIndex();
const held: SourceRecord[] = [];
let n = 0;
let words = 0;
let candidates = 0;
const wall0 = performance.now();

interface Prepared {
  words: Uint32Array;
  title?: Uint32Array;
}

function analyse(r: SourceRecord): Prepared {
  const w = bodyWords(r.text, bodySpans(r.text, r.meta.title));
  const p: Prepared = { words: w };
  if (r.meta.title) p.title = titleWords(r.meta.title);
  return p;
}

function index(r: SourceRecord, p: Prepared): { dedupMs: number; storiesMs: number; dedupCpu: number; storiesCpu: number } {
  const c0 = process.cpuUsage();
  const a = performance.now();
  const fp = fingerprint({ words: p.words, date: r.meta.date }, { maxTerms: 0 });
  const d = dedup.add({ id: r.id, outlet: r.meta.outlet, fingerprint: fp });
  candidates += d.candidates;
  const b = performance.now();
  const c1 = process.cpuUsage();
  const input: Parameters<StoryIndex['add']>[0] = { id: r.id, time: timeOf(r.meta.date), words: p.words, copyOf: d.matches.map((m) => m.id) };
  if (p.title) input.titleWords = p.title;
  stories.add(input);
  const c2 = process.cpuUsage();
  return { dedupMs: b - a, storiesMs: performance.now() - b, dedupCpu: cpuMs(process.cpuUsage(c0)) - cpuMs(process.cpuUsage(c1)), storiesCpu: cpuMs(process.cpuUsage(c1)) - cpuMs(process.cpuUsage(c2)) };
}

for (const c of corpora) {
  const it = readCorpus(c)[Symbol.asyncIterator]();
  for (;;) {
    const r0 = performance.now();
    const rc = process.cpuUsage();
    const next = await it.next();
    t.read += performance.now() - r0;
    cpu.read += cpuMs(process.cpuUsage(rc));
    if (next.done) break;
    const r = next.value;
    if (isHeld(r.id)) {
      held.push(r);
      continue;
    }
    const a0 = performance.now();
    const ac = process.cpuUsage();
    const p = analyse(r);
    t.analysis += performance.now() - a0;
    cpu.analysis += cpuMs(process.cpuUsage(ac));
    const ms = index(r, p);
    t.dedup += ms.dedupMs;
    t.stories += ms.storiesMs;
    cpu.dedup += ms.dedupCpu;
    cpu.stories += ms.storiesCpu;
    n++;
    words += p.words.length;
  }
}
const wall = (performance.now() - wall0) / 1000;
const peak1 = peakRssMB();
gc();
const heap1 = heapMB();
const rss1 = process.memoryUsage().rss / 1024 / 1024;
const buffers1 = process.memoryUsage().arrayBuffers / 1024 / 1024;

// per-article latency on the full index
const full: number[] = [];
const indexOnly: number[] = [];
for (const r of held) {
  const a = performance.now();
  const p = analyse(r);
  const ms = index(r, p);
  full.push(performance.now() - a);
  indexOnly.push(ms.dedupMs + ms.storiesMs);
}
const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};

const s0 = performance.now();
const bytes = dedup.serialize();
const serializeMs = performance.now() - s0;
const r0 = performance.now();
const restored = DedupIndex.restore(bytes);
const restoreMs = performance.now() - r0;
const sameGroups = restored.groups().length === dedup.groups().length;

const groups = dedup.groups();
const inGroups = groups.reduce((s, g) => s + g.length, 0);
const storyList = stories.stories().filter((s) => s.length > 1);
const biggestStory = Math.max(0, ...storyList.map((s) => s.length));
const biggestGroup = Math.max(0, ...groups.map((g) => g.length));

const result = {
  articles: n,
  heldOut: held.length,
  bodyWords: words,
  seconds: { read: t.read / 1000, analysis: t.analysis / 1000, dedup: t.dedup / 1000, stories: t.stories / 1000, grouping: (t.dedup + t.stories) / 1000, wall },
  cpuSeconds: { read: cpu.read / 1000, analysis: cpu.analysis / 1000, dedup: cpu.dedup / 1000, stories: cpu.stories / 1000, grouping: (cpu.dedup + cpu.stories) / 1000 },
  memoryMB: { peakRssFirstPass: peak1, rssAfterGc: rss1, heapAfterGc: heap1, arrayBuffersAfterGc: buffers1, peakRssWithSerialize: peakRssMB() },
  groups: { count: groups.length, articles: inGroups, biggest: biggestGroup, candidatesVerified: candidates },
  stories: { count: storyList.length, biggest: biggestStory },
  addLatencyMs: {
    full: { p50: q(full, 0.5), p95: q(full, 0.95), max: q(full, 1) },
    indexOnly: { p50: q(indexOnly, 0.5), p95: q(indexOnly, 0.95), max: q(indexOnly, 1) },
  },
  serialized: { MB: bytes.length / 1024 / 1024, serializeMs, restoreMs, sameGroups },
};

if (values.json) console.log(JSON.stringify(result, null, 1));
else {
  console.log(`bench:dedup — ${fmt(n)} articles from ${corpora.join(', ')} (${fmt(words)} body words), then ${held.length} added to the full index\n`);
  const row = (phase: string, k: keyof typeof result.seconds & keyof typeof result.cpuSeconds, note: string): Record<string, string> => ({
    phase,
    'wall s': fmt(result.seconds[k], 1),
    'CPU s': fmt(result.cpuSeconds[k], 1),
    note,
  });
  console.log(
    table([
      row('read corpora', 'read', 'unzip / untar / parse'),
      row('analysis', 'analysis', 'structure stage + body and title words (tokens, light stems)'),
      row('dedup', 'dedup', `shingles + DedupIndex.add: ${fmt(groups.length)} groups of ${fmt(inGroups)} articles (largest ${biggestGroup})`),
      row('stories', 'stories', `StoryIndex.add: ${fmt(storyList.length)} stories of 2+ (largest ${biggestStory})`),
      row('grouping = dedup + stories', 'grouping', 'the < 60 s bar'),
      { phase: 'wall, first pass', 'wall s': fmt(wall, 1), 'CPU s': '', note: 'all of the above' },
    ]),
  );
  console.log(`\nmemory: peak RSS ${fmt(peak1)} MB over the first pass; after a GC: RSS ${fmt(rss1)} MB, heap ${fmt(heap1)} MB, typed arrays ${fmt(buffers1)} MB (peak with serialize/restore ${fmt(result.memoryMB.peakRssWithSerialize)} MB)`);
  console.log(
    `add one article to the full index (${held.length} articles): whole path p50 ${fmt(result.addLatencyMs.full.p50, 2)} ms, p95 ${fmt(result.addLatencyMs.full.p95, 2)} ms, max ${fmt(result.addLatencyMs.full.max, 1)} ms; ` +
      `index calls alone p50 ${fmt(result.addLatencyMs.indexOnly.p50, 2)} ms, p95 ${fmt(result.addLatencyMs.indexOnly.p95, 2)} ms`,
  );
  console.log(`serialized DedupIndex: ${fmt(result.serialized.MB, 1)} MB in ${fmt(serializeMs)} ms, restored in ${fmt(restoreMs)} ms (${sameGroups ? 'same groups' : 'GROUPS DIFFER'})`);
}
