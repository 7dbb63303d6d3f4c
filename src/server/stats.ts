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

const cache = new WeakMap<Store, { at: number; value: Promise<StatsResponse> }>();

async function compute({ store, readOnly }: RouteContext): Promise<StatsResponse> {
  const [counts, facets, schemaVersion] = await Promise.all([store.counts(), store.facets(EVERYTHING, TOP), store.schemaVersion()]);
  return { store: { kind: store.kind, schemaVersion, readOnly }, counts, facets };
}

export const statsRoute = defineRoute({
  method: 'GET',
  path: '/api/stats',
  operationId: 'stats',
  tag: 'stats',
  summary: 'Collection statistics',
  description: `Row counts; articles per outlet and per month; the ${TOP} most quoted speakers and most mentioned entities. Cached for ${TTL_MS / 1000} s.`,
  responses: { 200: { description: 'statistics of the whole collection', schema: StatsResponse } },
  async handle(_input, ctx) {
    const hit = cache.get(ctx.store);
    if (hit && performance.now() - hit.at < TTL_MS) return hit.value;
    const value = compute(ctx);
    cache.set(ctx.store, { at: performance.now(), value });
    value.catch(() => cache.delete(ctx.store));
    return value;
  },
});
