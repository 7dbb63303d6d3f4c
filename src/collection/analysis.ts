/**
 * One article analyzed for the store: the full pipeline (src/analyze), reduced to what the store
 * keeps — search keys, blocks, entity mentions with their keys, attributions with their speaker's
 * key. The token layer itself is not kept. Runs in the ingest workers (worker.ts) or, with no
 * workers, in the calling thread.
 */
import { analyze } from '../analyze/index.js';
import type { Doc, Meta } from '../doc/index.js';
import { indexKeys, nameKeyOfTokens } from '../search/keys.js';
import type { AttributionType } from '../search/query.js';
import type { ArticleAnalysis, AttributionRow, Offsets } from '../store/store.js';
import type { SpanJSON } from '../doc/index.js';
import { dedupPrint } from './dups.js';

export interface AnalysisTask {
  id: string;
  text: string;
  meta: Meta;
  /** compute the near-duplicate fingerprint too (src/collection/dups.ts) */
  dedup?: boolean;
}

export type AnalysisResult = ArticleAnalysis | { error: string };

const off = (s: SpanJSON): Offsets => [s.start, s.end];
const opt = (s: SpanJSON | null): Offsets | null => (s ? off(s) : null);

/** The speaker's key: the key of the entity mentioned exactly there, else the entity-style key of its words. */
function speakerKey(doc: Doc, sp: SpanJSON | null): string | null {
  if (!sp) return null;
  const ent = doc.entities?.find((e) => e.start === sp.start && e.end === sp.end && e.key);
  if (ent?.key) return ent.key;
  const toks = (doc.tokens ?? []).filter((t) => t.start >= sp.start && t.end <= sp.end);
  const key = nameKeyOfTokens(toks);
  return key === '' ? null : key;
}

/** Analyzes one article and keeps what the store needs. */
export function analyzeForStore(task: AnalysisTask): ArticleAnalysis {
  const doc = analyze(task.text, { id: task.id, meta: task.meta });
  const { keys, count } = indexKeys(doc.tokens ?? []);
  const attributions: AttributionRow[] = (doc.attributions ?? []).map((a) => ({
    type: a.type as AttributionType,
    cue: off(a.cue),
    source: opt(a.source),
    speaker: opt(a.speaker),
    content: off(a.content),
    medium: opt(a.medium),
    via: a.via.map(off),
    hedge: opt(a.hedge),
    speakerKey: speakerKey(doc, a.speaker),
  }));
  return {
    keys,
    nKeys: count,
    blocks: (doc.blocks ?? []).map((b) => [b.start, b.end, b.type]),
    mentions: (doc.entities ?? []).map((e) => ({ start: e.start, end: e.end, type: e.type, docEntity: Number((e.id ?? 'e0').slice(1)) || 0, key: e.key ?? '' })),
    attributions,
    ...(task.dedup ? { dedup: dedupPrint(task.text, doc.blocks ?? []) } : {}),
  };
}

/** Analyzes a batch; a failure is reported for its article and does not stop the others. */
export function analyzeBatch(tasks: readonly AnalysisTask[]): AnalysisResult[] {
  return tasks.map((t) => {
    try {
      return analyzeForStore(t);
    } catch (e) {
      return { error: (e as Error)?.message ?? String(e) };
    }
  });
}
