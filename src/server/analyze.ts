/**
 * POST /api/analyze: analyzes posted text and returns the document; nothing is stored. The body is
 * the text itself (text/plain; charset=utf-8) or JSON {"text", "title"?}; its size is capped
 * (413 above), since analysis runs on the server's thread.
 */
import { analyze } from '../analyze/index.js';
import type { DocJSON } from '../doc/index.js';
import { ApiError } from './errors.js';
import { defineRoute } from './route.js';
import { AnalyzeJsonBody, AnalyzeQuery, AnalyzeResponse, LIMITS } from './schemas.js';

const DEFAULT_LAYERS = ['blocks', 'sentences', 'entities', 'attributions'] as const;
type OutLayer = 'blocks' | 'sentences' | 'tokens' | 'entities' | 'attributions';

/** The text and title of a body: a string (text/plain) or {text, title?} (JSON). */
function textOf(body: unknown): { text: string; title?: string } {
  if (typeof body === 'string') {
    if (body.trim() === '') throw new ApiError(400, 'ISNAD_EMPTY_TEXT', 'the body is empty; send the article as text/plain or JSON {"text": …}');
    return { text: body };
  }
  const parsed = AnalyzeJsonBody.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(400, 'ISNAD_BAD_BODY', `the JSON body must be {"text": string, "title"?: string}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.text.trim() === '') throw new ApiError(400, 'ISNAD_EMPTY_TEXT', 'text is empty');
  return parsed.data;
}

export const analyzeRoute = defineRoute({
  method: 'POST',
  path: '/api/analyze',
  operationId: 'analyze',
  tag: 'analyze',
  summary: 'Analyze posted text (nothing is stored)',
  description: `The article as text/plain (UTF-8) or JSON {"text", "title"?}, at most ${LIMITS.analyzeBytes} bytes. Returns the Doc (docs/schema.json) with blocks, sentences, entities and attributions by default.`,
  query: AnalyzeQuery,
  body: { json: AnalyzeJsonBody, text: true, maxBytes: LIMITS.analyzeBytes },
  responses: {
    200: { description: 'the analyzed document', schema: AnalyzeResponse },
    413: { description: 'the body is too large' },
    415: { description: 'the body is neither text/plain nor application/json' },
  },
  async handle({ body, query }) {
    const { text, title } = textOf(body);
    const doc = analyze(text, { id: 'posted', meta: title ? { title } : {} }).toJSON();
    const layers = new Set<OutLayer>(query.layers ? (query.layers.split(',') as OutLayer[]) : DEFAULT_LAYERS);
    const out: DocJSON = { schemaVersion: doc.schemaVersion, id: doc.id, text: doc.text, meta: doc.meta };
    for (const l of layers) if (doc[l] !== undefined) Object.assign(out, { [l]: doc[l] });
    return out;
  },
});
