/**
 * GET /api/facets: facet counts (outlet, month, speaker, entity) over every article matching a
 * query. Apart from /api/search because counting a broad query's matches takes far longer than
 * ranking its first page: the web app shows the hits first and the facets when they come.
 */
import { compileQuery } from '../search/query.js';
import { defineRoute } from './route.js';
import { FacetsQuery, FacetsSchema } from './schemas.js';

export const facetsRoute = defineRoute({
  method: 'GET',
  path: '/api/facets',
  operationId: 'facets',
  tag: 'search',
  summary: 'Facet counts of a search',
  description: 'Articles per outlet and per month, attributions per speaker and articles per entity, over every article matching the query (the same query language as /api/search).',
  query: FacetsQuery,
  cache: true,
  responses: { 200: { description: 'the counts, most first (months in order)', schema: FacetsSchema } },
  async handle({ query }, { searcher }) {
    return searcher().facets(compileQuery(query.q), query.top);
  },
});
