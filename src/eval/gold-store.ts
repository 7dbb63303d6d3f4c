/**
 * Attribution gold annotated here, kept without its text.
 *
 * The repository may not hold the shared articles' text, so each annotated article is stored as
 * its corpus key, the SHA-1 of its text, and offsets only (`data/gold/attribution/*.jsonl`):
 *
 *   {"corpus":"ant-multisource","id":"AL-economy-12-20180301","sha1":"…","annotator":"a3",
 *    "attributions":[{"cue":[120,123],"source":[124,140],"speaker":[10,40],"content":[147,300],
 *                     "type":"indirect","medium":null,"via":[],"hedge":null}]}
 *
 * {@link loadStoredGold} reads the corpora under `$ISNAD_DATA`, finds each article by id, checks the
 * hash and rebuilds the spans with their text, in the form of `../shared/gold/attribution-dev.jsonl`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus, isCorpusName, type CorpusName } from '../ingest/corpus/index.js';
import type { AttributionRecord, GoldSpan } from './attribution-score.js';

export type Offsets = [number, number];

export interface StoredRecord {
  cue: Offsets;
  source: Offsets | null;
  speaker: Offsets | null;
  content: Offsets;
  type: 'direct' | 'indirect' | 'mixed';
  medium: Offsets | null;
  via: Offsets[];
  hedge: Offsets | null;
}

export interface StoredDoc {
  corpus: CorpusName;
  id: string;
  sha1: string;
  annotator: string;
  outlet?: string;
  attributions: StoredRecord[];
}

export interface GoldDoc {
  id: string;
  outlet: string;
  text: string;
  attributions: AttributionRecord[];
  /** Where the document comes from: the shared gold file's name, or `stored:<file>`. */
  origin: string;
  [k: string]: unknown;
}

export const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

export const STORED_GOLD_DIR = new URL('../../data/gold/attribution/', import.meta.url);

const span = (text: string, o: Offsets | null): GoldSpan | null => (o ? { start: o[0], end: o[1], text: text.slice(o[0], o[1]) } : null);

export function toOffsets(s: GoldSpan | null): Offsets | null {
  return s ? [s.start, s.end] : null;
}

export function storeRecord(r: AttributionRecord): StoredRecord {
  return {
    cue: [r.cue.start, r.cue.end],
    source: toOffsets(r.source),
    speaker: toOffsets(r.speaker),
    content: [r.content.start, r.content.end],
    type: r.type,
    medium: toOffsets(r.medium),
    via: r.via.map((v) => [v.start, v.end] as Offsets),
    hedge: toOffsets(r.hedge),
  };
}

export function rebuildRecord(text: string, r: StoredRecord): AttributionRecord {
  return {
    cue: span(text, r.cue)!,
    source: span(text, r.source),
    speaker: span(text, r.speaker),
    content: span(text, r.content)!,
    type: r.type,
    medium: span(text, r.medium),
    via: r.via.map((v) => span(text, v)!),
    hedge: span(text, r.hedge),
  };
}

export function parseStored(path: string): StoredDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const d = JSON.parse(l) as StoredDoc;
      if (!isCorpusName(d.corpus) || typeof d.id !== 'string' || !/^[0-9a-f]{40}$/.test(d.sha1)) throw new Error(`${path}:${i + 1}: not a stored gold document`);
      return d;
    });
}

/** The stored gold files in a folder (default: the project's `data/gold/attribution/`). */
export function storedGoldFiles(dir: string | URL = STORED_GOLD_DIR): string[] {
  const path = dir instanceof URL ? dir.pathname : dir;
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(path, f));
}

/** Finds the texts of corpus articles by id, reading each needed corpus once. */
export async function corpusTexts(wanted: Array<{ corpus: CorpusName; id: string }>): Promise<Map<string, { text: string; outlet: string; title?: string }>> {
  const byCorpus = new Map<CorpusName, Set<string>>();
  for (const w of wanted) {
    let s = byCorpus.get(w.corpus);
    if (!s) byCorpus.set(w.corpus, (s = new Set()));
    s.add(w.id);
  }
  const out = new Map<string, { text: string; outlet: string; title?: string }>();
  for (const [corpus, ids] of byCorpus) {
    let left = ids.size;
    for await (const r of readCorpus(corpus)) {
      if (!ids.has(r.id)) continue;
      const v: { text: string; outlet: string; title?: string } = { text: r.text, outlet: `${corpus}:${r.meta.outlet ?? ''}` };
      if (r.meta.title !== undefined) v.title = r.meta.title;
      out.set(`${corpus}:${r.id}`, v);
      if (--left === 0) break;
    }
  }
  return out;
}

/**
 * Rebuilds stored gold documents from the corpora. A document whose article is missing or whose
 * text no longer hashes the same is reported in `problems` and left out.
 */
export async function loadStoredGold(files: string[]): Promise<{ docs: GoldDoc[]; problems: string[] }> {
  const stored = files.flatMap((f) => parseStored(f).map((d) => ({ d, f })));
  const texts = await corpusTexts(stored.map(({ d }) => d));
  const docs: GoldDoc[] = [];
  const problems: string[] = [];
  for (const { d, f } of stored) {
    const key = `${d.corpus}:${d.id}`;
    const t = texts.get(key);
    if (!t) {
      problems.push(`${key}: not found in the corpus`);
      continue;
    }
    if (sha1(t.text) !== d.sha1) {
      problems.push(`${key}: text differs from the annotated one (SHA-1)`);
      continue;
    }
    const doc: GoldDoc = { id: key, outlet: t.outlet, text: t.text, attributions: d.attributions.map((r) => rebuildRecord(t.text, r)), origin: `stored:${f.split('/').pop()}`, annotator: d.annotator };
    if (t.title !== undefined) doc.title = t.title;
    docs.push(doc);
  }
  return { docs, problems };
}
