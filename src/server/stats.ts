/**
 * GET /api/stats: what the collection holds — row counts, and articles per outlet and month, top
 * speakers and entities over every article. Counting everything takes a while on a large
 * collection, so the answer is kept for a minute (an ingest running beside the server shows up
 * within that time).
 */
import type { SearchPlan } from '../search/query.js';
import type { Store } from '../store/store.js';
import { defineRoute, type RouteContext } from './route.js';
import { StatsResponse } from './schemas.js';

const TTL_MS = 60_000;
const TOP = 20;
const EVERYTHING: SearchPlan = { phrases: [], exclude: [], speakers: [], entities: [], outlets: [], types: [] };

type Counted = Omit<StatsResponse, 'searchIndex'>;
const cache = new WeakMap<Store, { at: number; value: Promise<Counted> }>();

async function compute({ store, readOnly, searcher }: RouteContext): Promise<Counted> {
  const [counts, facets, schemaVersion] = await Promise.all([store.counts(), searcher().facets(EVERYTHING, TOP), store.schemaVersion()]);
  return { store: { kind: store.kind, schemaVersion, readOnly }, counts, facets };
}

export const statsRoute = defineRoute({
  method: 'GET',
  path: '/api/stats',
  operationId: 'stats',
  tag: 'stats',
  summary: 'Collection statistics',
  description: `Row counts; articles per outlet and per month; the ${TOP} most quoted speakers and most mentioned entities (cached for ${TTL_MS / 1000} s); the state of the in-memory search index.`,
  responses: { 200: { description: 'statistics of the whole collection', schema: StatsResponse } },
  async handle(_input, ctx) {
    const searchIndex = ctx.index?.status() ?? { state: 'off' as const };
    const hit = cache.get(ctx.store);
    if (hit && performance.now() - hit.at < TTL_MS) return { ...(await hit.value), searchIndex };
    const value = compute(ctx);
    cache.set(ctx.store, { at: performance.now(), value });
    value.catch(() => cache.delete(ctx.store));
    return { ...(await value), searchIndex };
  },
});
