/**
 * The API's shapes, once: zod schemas that validate requests, describe responses in the OpenAPI
 * document (src/server/openapi.ts) and check responses in the tests. The web app imports the
 * inferred types (type-only), so server and client cannot drift apart silently.
 */
import { z } from 'zod';
import { DocSchema, ENTITY_TYPES, SpanSchema } from '../doc/schema.js';
import { ATTRIBUTION_TYPES } from '../search/query.js';

/** Limits on what a request may ask for. */
export const LIMITS = {
  /** characters of a query or a filter value */
  query: 500,
  /** results per page (JSON) */
  pageSize: 100,
  /** pages deep: offset = (page − 1) × size stays below 100 × 1000 */
  page: 1000,
  /** rows of one CSV download */
  csvRows: 100_000,
  /** bytes of a POST /api/analyze body */
  analyzeBytes: 256 * 1024,
  /** bytes of the whole URL */
  url: 4096,
} as const;

const text = (what: string) => z.string().trim().min(1).max(LIMITS.query).describe(what);
const page = z.coerce.number().int().min(1).max(LIMITS.page).default(1).describe('page number, from 1');
const size = (dflt: number) => z.coerce.number().int().min(1).max(LIMITS.pageSize).default(dflt).describe(`results per page (at most ${LIMITS.pageSize})`);
const flag = (dflt: boolean, what: string) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(dflt ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1')
    .describe(what);
const typeList = z
  .string()
  .max(LIMITS.query)
  .regex(new RegExp(`^(?:${ATTRIBUTION_TYPES.join('|')})(?:,(?:${ATTRIBUTION_TYPES.join('|')}))*$`), `a comma-separated list of ${ATTRIBUTION_TYPES.join(', ')}`)
  .transform((v) => [...new Set(v.split(','))] as Array<(typeof ATTRIBUTION_TYPES)[number]>)
  .describe(`attribution types, comma-separated: ${ATTRIBUTION_TYPES.join(', ')}`);
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

// ---- requests

export const SearchQuery = z.object({
  q: text('the query, in the query language (docs/search.md): words, "phrases", -exclusions, speaker:, entity:, outlet:, type:, date:'),
  page,
  size: size(10),
  facets: flag(false, 'include facet counts (outlet, month, speaker, entity); slower on broad queries, see /api/facets'),
  all: flag(false, 'every copy of a near-duplicate as a hit of its own; by default a near-duplicate group is one hit (its best-ranked copy) and total counts groups'),
});

export const FacetsQuery = z.object({
  q: SearchQuery.shape.q,
  top: z.coerce.number().int().min(1).max(100).default(10).describe('how many speakers and entities to list'),
});

export const ArticleParams = z.object({ id: z.string().min(1).max(LIMITS.query).describe('the article id (doc id)') });

export const ARTICLE_EXTRA_LAYERS = ['tokens', 'sentences'] as const;
export const ArticleQuery = z.object({
  layers: z
    .string()
    .max(100)
    .regex(/^(?:tokens|sentences)(?:,(?:tokens|sentences))*$/, 'a comma-separated list of tokens, sentences')
    .optional()
    .transform((v) => new Set(v ? v.split(',') : []))
    .describe('layers to recompute besides the stored ones: tokens, sentences (comma-separated)'),
});

export const AttributionsQuery = z.object({
  speaker: text("words the speaker's name must contain, in order").optional(),
  entity: text('words of an entity mentioned inside the quoted content').optional(),
  speakerEntity: id.optional().describe('an entity id (GET /api/entities): statements whose speaker mentions it'),
  aboutEntity: id.optional().describe('an entity id: statements whose content mentions it'),
  outlet: text('the outlet, compared without case, spaces or punctuation').optional(),
  type: typeList.optional(),
  date: z.string().max(50).optional().describe('a year, month or day, or a range: 2024, 2024-03, 2024-03-05, 2024-01..2024-03, 2024-02..'),
  page,
  size: size(50),
  format: z.enum(['json', 'csv']).optional().describe('csv for a download of every matching row (also chosen by Accept: text/csv)'),
});

export const EntitiesQuery = z.object({
  q: text('words the entity name must contain').optional(),
  type: z.enum(ENTITY_TYPES).optional().describe('entity type'),
  key: z.string().min(1).max(LIMITS.query).optional().describe("the entity's key exactly (as in an article's entities layer)"),
  page,
  size: size(50),
});

export const EntityParams = z.object({ id: id.describe('the entity id') });

export const AnalyzeJsonBody = z.object({
  text: z.string().min(1).describe('the article, plain text'),
  title: z.string().max(LIMITS.query).optional().describe('the headline, when known'),
});

export const AnalyzeQuery = z.object({
  layers: z
    .string()
    .max(100)
    .regex(/^(?:tokens|sentences|entities|attributions|blocks)(?:,(?:tokens|sentences|entities|attributions|blocks))*$/, 'a comma-separated list of blocks, sentences, tokens, entities, attributions')
    .optional()
    .describe('layers to return (default: blocks, sentences, entities, attributions)'),
});

export const StoreArticleBody = z.object({
  id: z.string().min(1).max(200).regex(/^[\p{L}\p{N}._~-]+$/u, 'letters, digits and . _ ~ - only').describe('the article id'),
  text: z.string().min(1),
  title: z.string().max(LIMITS.query).optional(),
  outlet: z.string().max(200).optional(),
  date: z.string().max(50).optional(),
  url: z.string().max(2000).optional(),
});

// ---- responses

export const ErrorResponse = z.object({
  error: z.object({ code: z.string().describe('stable error code, e.g. ISNAD_QUERY_BAD_DATE'), message: z.string() }).catchall(z.unknown()),
});

const Snippet = SpanSchema.extend({ highlights: z.array(SpanSchema) });
const FacetCount = z.object({ value: z.string(), count: z.number().int() });
const NamedFacetCount = FacetCount.extend({ key: z.string(), type: z.enum(ENTITY_TYPES).optional() });
export const FacetsSchema = z.object({
  outlet: z.array(FacetCount),
  month: z.array(FacetCount),
  speaker: z.array(NamedFacetCount),
  entity: z.array(NamedFacetCount),
});

const Source = z.object({
  key: z.string(),
  recordId: z.string(),
  origin: z.string().nullable(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
});

const AlsoPublished = z.object({
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  /** the stored article, when it is a near-duplicate stored on its own */
  id: z.string().nullable().describe('the near-duplicate copy (for GET /api/articles/{id}); null for another source of the same stored text'),
  kind: z
    .enum(['source', 'original', 'cross-outlet', 'within-outlet'])
    .describe(
      "source: another record of exactly this text; otherwise a near-duplicate copy in the hit's group: the group's original (earliest copy), another outlet's copy, or a further copy of an outlet that already had one",
    ),
});

export const SearchHitSchema = z.object({
  id: z.string().describe('the article id (for GET /api/articles/{id})'),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  url: z.string().nullable(),
  score: z.number().describe('BM25 as SQLite FTS5 computes it (lower is better); 0 for unranked queries'),
  snippet: Snippet.optional(),
  also: z.array(AlsoPublished).describe('other outlets that published the same text: its other sources, and (collapsed searches) the other copies of its near-duplicate group'),
  copies: z.number().int().describe('collapsed searches: how many other near-duplicate copies the group has (also lists at most 50); 0 otherwise'),
});

export const SearchResponse = z.object({
  q: z.string(),
  total: z.number().int().describe('matching articles; collapsed (the default), matching near-duplicate groups'),
  collapsed: z.boolean().describe('whether near-duplicate copies were collapsed into one hit (all=false)'),
  page: z.number().int(),
  size: z.number().int(),
  hits: z.array(SearchHitSchema),
  facets: FacetsSchema.optional(),
});

export const ArticleResponse = DocSchema.extend({ sources: z.array(Source) });

export const QuoteSchema = z.object({
  docId: z.string(),
  idx: z.number().int(),
  date: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  type: z.enum(ATTRIBUTION_TYPES),
  speakerKey: z.string().nullable(),
  cue: SpanSchema,
  source: SpanSchema.nullable(),
  speaker: SpanSchema.nullable(),
  content: SpanSchema,
  medium: SpanSchema.nullable(),
  via: z.array(SpanSchema),
  hedge: SpanSchema.nullable(),
});

export const AttributionsResponse = z.object({
  page: z.number().int(),
  size: z.number().int(),
  /** true when a next page exists */
  more: z.boolean(),
  rows: z.array(QuoteSchema),
});

export const EntitySummarySchema = z.object({
  id: z.number().int(),
  type: z.enum(ENTITY_TYPES),
  key: z.string(),
  text: z.string().describe('the first mention seen'),
  articles: z.number().int().describe('articles mentioning it'),
  mentions: z.number().int(),
});

export const EntitiesResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  entities: z.array(EntitySummarySchema),
});

export const EntityResponse = z.object({
  entity: EntitySummarySchema,
  timeline: z.array(FacetCount).describe('articles mentioning it per month (YYYY-MM), in order'),
  coMentioned: z.array(EntitySummarySchema.omit({ mentions: true }).extend({ articles: z.number().int().describe('articles mentioning both') })),
  statementsBy: z.array(QuoteSchema).describe('attributions whose speaker is (or names) this entity'),
  statementsAbout: z.array(QuoteSchema).describe('attributions whose content mentions this entity'),
});

export const StatsResponse = z.object({
  store: z.object({ kind: z.enum(['sqlite', 'postgres']), schemaVersion: z.number().int(), readOnly: z.boolean() }),
  counts: z.object({
    articles: z.number().int(),
    sources: z.number().int(),
    blocks: z.number().int(),
    entities: z.number().int(),
    mentions: z.number().int(),
    speakers: z.number().int(),
    attributions: z.number().int(),
  }),
  facets: FacetsSchema,
  searchIndex: z
    .object({
      state: z.enum(['off', 'building', 'ready', 'stale', 'failed']).describe('ready: searches use the in-memory index; otherwise the store searches (same answers, slower)'),
      articles: z.number().int().optional(),
      postings: z.number().int().optional(),
      mb: z.number().optional().describe('typed-array memory of the index'),
      seconds: z.number().optional().describe('how long the last read from the store took'),
      error: z.string().optional(),
    })
    .describe("the server's in-memory search index (isnad serve --index)"),
});

/** POST /api/analyze answers a Doc (docs/schema.json) with the layers asked for. */
export const AnalyzeResponse = DocSchema;

export const StoreArticleResponse = z.object({
  id: z.string(),
  outcome: z.enum(['ingested', 'duplicate', 'already']),
});

export type SearchResponse = z.infer<typeof SearchResponse>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type ArticleResponse = z.infer<typeof ArticleResponse>;
export type Quote = z.infer<typeof QuoteSchema>;
export type AttributionsResponse = z.infer<typeof AttributionsResponse>;
export type EntitySummary = z.infer<typeof EntitySummarySchema>;
export type EntitiesResponse = z.infer<typeof EntitiesResponse>;
export type EntityResponse = z.infer<typeof EntityResponse>;
export type StatsResponse = z.infer<typeof StatsResponse>;
export type AnalyzeResponse = z.infer<typeof AnalyzeResponse>;
export type ErrorResponse = z.infer<typeof ErrorResponse>;
export type Facets = z.infer<typeof FacetsSchema>;
