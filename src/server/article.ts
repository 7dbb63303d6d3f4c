/**
 * GET /api/articles/{id}: an article with every stored layer (blocks, entities, attributions) and
 * its sources. Tokens and sentences are not stored (src/store/store.ts); asked for, they are
 * recomputed here over the stored blocks, with the same stages the ingest ran.
 */
import { Doc, type DocJSON } from '../doc/index.js';
import { Pipeline, type Stage } from '../analyze/pipeline.js';
import { sentencesStage } from '../analyze/sentences.js';
import { tokensStage } from '../analyze/tokens.js';
import { ApiError } from './errors.js';
import { defineRoute } from './route.js';
import { ArticleParams, ArticleQuery, ArticleResponse } from './schemas.js';

/** A stage that puts back the stored blocks, so that sentences are cut exactly as at ingest. */
function storedBlocks(blocks: NonNullable<DocJSON['blocks']>): Stage {
  return {
    name: 'stored-blocks',
    requires: [],
    assigns: ['blocks'],
    run(doc) {
      doc.blocks = blocks.map((b) => ({ ...b }));
    },
  };
}

/** Tokens and/or sentences of a stored text. */
export function textLayers(text: string, blocks: NonNullable<DocJSON['blocks']>, want: ReadonlySet<string>): Pick<DocJSON, 'tokens' | 'sentences'> {
  const stages: Stage[] = [storedBlocks(blocks), tokensStage()];
  if (want.has('sentences')) stages.push(sentencesStage);
  const doc = new Pipeline(stages).run(new Doc(text)).toJSON();
  const out: Pick<DocJSON, 'tokens' | 'sentences'> = {};
  if (want.has('tokens')) out.tokens = doc.tokens;
  if (want.has('sentences')) out.sentences = doc.sentences;
  return out;
}

export const articleRoute = defineRoute({
  method: 'GET',
  path: '/api/articles/:id',
  operationId: 'getArticle',
  cache: true,
  tag: 'articles',
  summary: 'One article with all its layers',
  description: 'The text, metadata, blocks, entities, attributions and sources of a stored article; tokens and sentences on request (recomputed).',
  params: ArticleParams,
  query: ArticleQuery,
  responses: {
    200: { description: 'the article as a Doc (docs/schema.json) plus its sources', schema: ArticleResponse },
    404: { description: 'no article with this id' },
  },
  async handle({ params, query }, { store }) {
    const doc = await store.getDoc(params.id);
    if (!doc) throw new ApiError(404, 'ISNAD_ARTICLE_NOT_FOUND', `no article with id "${params.id}"`);
    if (query.layers.size === 0) return doc;
    return { ...doc, ...textLayers(doc.text, doc.blocks ?? [], query.layers) };
  },
});
