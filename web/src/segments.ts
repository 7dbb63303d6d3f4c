/**
 * Cutting a stretch of text into runs that carry the same marks, for the reader view: the entity
 * mention a run belongs to, and every part of every attribution that covers it (an attribution's
 * content may hold entities, a speaker span may be the source of several attributions).
 *
 *   text:     وقال  منصور  في بيان  :  "لن نترك المزارع"
 *   cue       [ ]
 *   source         [    ]
 *   entity         [    ]
 *   medium                [      ]
 *   content                              [              ]
 *   runs:     [ ][ ][    ][ ][      ][...][              ][.]
 *
 * Offsets are the document's ([start, end), UTF-16 code units). Pure: no DOM.
 */
export const ROLES = ['cue', 'source', 'speaker', 'content', 'medium', 'via', 'hedge'] as const;
export type Role = (typeof ROLES)[number];

export interface SpanLike {
  start: number;
  end: number;
}

export interface EntityLike extends SpanLike {
  type: string;
  id?: string;
  key?: string;
}

export interface AttributionLike {
  cue: SpanLike;
  source: SpanLike | null;
  speaker: SpanLike | null;
  content: SpanLike;
  medium: SpanLike | null;
  via: readonly SpanLike[];
  hedge: SpanLike | null;
}

export interface Mark {
  /** index of the attribution in the document */
  attr: number;
  role: Role;
}

export interface Run {
  start: number;
  end: number;
  /** index of the entity mention covering the run */
  entity?: number;
  marks: Mark[];
}

/** Every part of an attribution with its role. */
export function parts(a: AttributionLike): Array<{ role: Role; span: SpanLike }> {
  const out: Array<{ role: Role; span: SpanLike }> = [{ role: 'cue', span: a.cue }, { role: 'content', span: a.content }];
  if (a.source) out.push({ role: 'source', span: a.source });
  if (a.speaker && !(a.source && a.speaker.start === a.source.start && a.speaker.end === a.source.end)) out.push({ role: 'speaker', span: a.speaker });
  if (a.medium) out.push({ role: 'medium', span: a.medium });
  for (const v of a.via) out.push({ role: 'via', span: v });
  if (a.hedge) out.push({ role: 'hedge', span: a.hedge });
  return out;
}

/** The runs of [start, end): consecutive, covering it exactly, each with its entity and marks. */
export function runs(start: number, end: number, entities: readonly EntityLike[], attributions: readonly AttributionLike[]): Run[] {
  if (end <= start) return [];
  const cuts = new Set<number>([start, end]);
  const inside = (s: SpanLike): boolean => s.end > start && s.start < end && s.end > s.start;
  const ents = entities.map((e, i) => ({ e, i })).filter(({ e }) => inside(e));
  const marks: Array<Mark & { span: SpanLike }> = [];
  attributions.forEach((a, attr) => {
    for (const p of parts(a)) if (inside(p.span)) marks.push({ attr, role: p.role, span: p.span });
  });
  for (const s of [...ents.map((x) => x.e), ...marks.map((m) => m.span)]) {
    cuts.add(Math.max(start, s.start));
    cuts.add(Math.min(end, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!;
    const b = points[k + 1]!;
    const covers = (s: SpanLike): boolean => s.start <= a && s.end >= b;
    const run: Run = { start: a, end: b, marks: marks.filter((m) => covers(m.span)).map(({ attr, role }) => ({ attr, role })) };
    const ent = ents.find(({ e }) => covers(e));
    if (ent) run.entity = ent.i;
    out.push(run);
  }
  return out;
}
