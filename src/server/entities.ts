/**
 * GET /api/entities and GET /api/entities/{id}: the collection's entities, most articles first;
 * one entity with its articles per month, the entities most often in the same articles, and the
 * statements by it (its mention lies within the speaker) and about it (within the content).
 */
import { nameTerms } from '../search/keys.js';
import type { QuoteRow } from '../store/store.js';
import { ApiError } from './errors.js';
import { defineRoute } from './route.js';
import { EntitiesQuery, EntitiesResponse, EntityParams, EntityResponse } from './schemas.js';

const STATEMENTS = 50;
const CO_MENTIONED = 15;

async function collect(rows: AsyncGenerator<QuoteRow>): Promise<QuoteRow[]> {
  const out: QuoteRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

export const entitiesRoute = defineRoute({
  method: 'GET',
  path: '/api/entities',
  operationId: 'listEntities',
  tag: 'entities',
  summary: 'Entities of the collection',
  description: 'People, organizations, places and other names, most articles first; filtered by words of the name, type, or an exact key.',
  query: EntitiesQuery,
  cache: true,
  responses: { 200: { description: 'a page of entities', schema: EntitiesResponse } },
  async handle({ query }, { store }) {
    let terms: string[] | undefined;
    if (query.q !== undefined) {
      terms = nameTerms(query.q);
      if (terms.length === 0) throw new ApiError(400, 'ISNAD_BAD_PARAMETER', `q="${query.q}" has no words to look for`, { parameter: 'q' });
    }
    const r = await store.entities({ terms, type: query.type, key: query.key }, { limit: query.size, offset: (query.page - 1) * query.size });
    return { total: r.total, page: query.page, size: query.size, entities: r.entities } satisfies EntitiesResponse;
  },
});

export const entityRoute = defineRoute({
  method: 'GET',
  path: '/api/entities/:id',
  operationId: 'getEntity',
  tag: 'entities',
  summary: 'One entity: mentions over time, co-mentioned entities, statements by and about it',
  params: EntityParams,
  cache: true,
  responses: {
    200: { description: `the entity, its articles per month, the ${CO_MENTIONED} entities most often in the same articles, and up to ${STATEMENTS} statements by and about it (newest first)`, schema: EntityResponse },
    404: { description: 'no entity with this id' },
  },
  async handle({ params }, { store }) {
    const entity = await store.entity(params.id);
    if (!entity) throw new ApiError(404, 'ISNAD_ENTITY_NOT_FOUND', `no entity with id ${params.id}; list them with GET /api/entities`);
    const [timeline, coMentioned, statementsBy, statementsAbout] = await Promise.all([
      store.entityTimeline(params.id),
      store.coMentioned(params.id, CO_MENTIONED),
      collect(store.quotes({ speakerEntity: params.id }, { limit: STATEMENTS })),
      collect(store.quotes({ aboutEntity: params.id }, { limit: STATEMENTS })),
    ]);
    return { entity, timeline, coMentioned, statementsBy, statementsAbout } satisfies EntityResponse;
  },
});
