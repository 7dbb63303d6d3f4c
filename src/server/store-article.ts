/**
 * POST /api/articles: analyzes one article and stores it. The route exists only on a server
 * started with --allow-write; it takes JSON alone (a cross-site form cannot send JSON without a
 * CORS preflight, which this server never grants).
 */
import { analyzeForStore } from '../collection/analysis.js';
import { contentHash, storableText } from '../collection/hash.js';
import { ApiError } from './errors.js';
import { defineRoute } from './route.js';
import { LIMITS, StoreArticleBody, StoreArticleResponse } from './schemas.js';

export const storeArticleRoute = defineRoute({
  method: 'POST',
  path: '/api/articles',
  operationId: 'storeArticle',
  tag: 'articles',
  summary: 'Analyze and store an article (only with --allow-write)',
  description: 'JSON {"id", "text", "title"?, "outlet"?, "date"?, "url"?}. A text already stored under another id becomes one more source of that article (outcome "duplicate"); an id already stored is left alone ("already").',
  body: { json: StoreArticleBody, maxBytes: LIMITS.analyzeBytes },
  write: true,
  responses: {
    201: { description: 'what happened to the article', schema: StoreArticleResponse },
    409: { description: 'the store refused the article' },
    413: { description: 'the body is too large' },
    415: { description: 'the body is not application/json' },
  },
  async handle({ body, reply }, { store }) {
    if (typeof body === 'string') throw new ApiError(415, 'ISNAD_UNSUPPORTED_MEDIA_TYPE', 'send the article as application/json');
    const parsed = StoreArticleBody.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(400, 'ISNAD_BAD_BODY', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    }
    const { id, text: raw, ...meta } = parsed.data;
    const text = storableText(raw);
    const analysis = analyzeForStore({ id, text, meta });
    const [outcome] = await store.writeBatch([
      {
        kind: 'article',
        source: { key: `api#${id}`, recordId: id, hash: contentHash(text), origin: 'api', url: meta.url, outlet: meta.outlet, date: meta.date },
        text,
        meta,
        analysis,
      },
    ]);
    if (typeof outcome === 'object') throw new ApiError(409, 'ISNAD_NOT_STORED', outcome.failed);
    reply.status(201);
    return { id, outcome: outcome! };
  },
});
