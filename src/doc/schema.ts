/**
 * The JSON output of an analyzed document, versioned. Every span is `{ start, end, text }` with
 * offsets into `text` (UTF-16 code units, end exclusive; see text/span.ts).
 *
 * Layers appear only when the stage that computes them ran. `docs/schema.json` is generated from
 * these definitions (npm run gen:schema).
 */
import { z } from 'zod';

export const SCHEMA_VERSION = '1.0.0';

export const SpanSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
  })
  .describe('A span of the original text: [start, end) in UTF-16 code units; text === doc.text.slice(start, end)');

export const BLOCK_TYPES = ['headline', 'dateline', 'byline', 'body', 'subhead', 'caption', 'related', 'boilerplate'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export const BlockSchema = SpanSchema.extend({
  type: z.enum(BLOCK_TYPES),
}).describe('A structural block: a line, or the dateline/byline prefix of a line');

export const SentenceSchema = SpanSchema.extend({
  block: z.number().int().nonnegative().describe('index of the block holding the sentence'),
  tokens: z.tuple([z.number().int(), z.number().int()]).describe('[first, end) token indices'),
});

export const TOKEN_KINDS = ['word', 'latin', 'number', 'punct', 'quote', 'url', 'email', 'hashtag', 'mention', 'symbol'] as const;

export const TokenSchema = SpanSchema.extend({
  kind: z.enum(TOKEN_KINDS),
  norm: z.string().describe('match-level form: no vowels or tatweel, merged alef/ya variants, ASCII digits'),
  stem: z.string().describe('search key: light stem of an Arabic word, lower case for Latin'),
  pre: z.array(z.string()).optional().describe('proclitics, outermost first (و ف ب ل ك س ال)'),
  suf: z.string().optional().describe('pronoun enclitic'),
  base: SpanSchema.optional().describe('the word without its clitics'),
});

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const EntitySchema = SpanSchema.extend({
  type: z.enum(ENTITY_TYPES),
  id: z.string().optional().describe('document-level entity id shared by the mentions of one entity'),
  key: z.string().optional().describe('normalized key of the entity, comparable across documents'),
});

export const ATTRIBUTION_TYPES = ['direct', 'indirect', 'mixed'] as const;

export const AttributionSchema = z.object({
  cue: SpanSchema.describe('the reporting expression (قال، أعلنت، بحسب …)'),
  source: SpanSchema.nullable().describe('the speaker as written nearest the cue'),
  speaker: SpanSchema.nullable().describe('the best full mention of the speaker in the document'),
  content: SpanSchema.describe('what was said'),
  type: z.enum(ATTRIBUTION_TYPES),
  medium: SpanSchema.nullable().describe('where or how it was said (في بيان …)'),
  via: z.array(SpanSchema).describe('relays between the outlet and the source, outermost first'),
  hedge: SpanSchema.nullable().describe("the writer's distancing word (مزاعم، ما يسمى …)"),
});

export const MetaSchema = z
  .object({
    title: z.string().optional(),
    url: z.string().optional(),
    outlet: z.string().optional(),
    date: z.string().optional(),
    author: z.string().optional(),
  })
  .catchall(z.unknown())
  .describe('what is known about the document besides its text');

export const DocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string(),
  text: z.string().describe('the original text; every offset points into it'),
  meta: MetaSchema,
  blocks: z.array(BlockSchema).optional(),
  sentences: z.array(SentenceSchema).optional(),
  tokens: z.array(TokenSchema).optional(),
  entities: z.array(EntitySchema).optional(),
  attributions: z.array(AttributionSchema).optional(),
});

export type SpanJSON = z.infer<typeof SpanSchema>;
export type BlockJSON = z.infer<typeof BlockSchema>;
export type SentenceJSON = z.infer<typeof SentenceSchema>;
export type TokenJSON = z.infer<typeof TokenSchema>;
export type EntityJSON = z.infer<typeof EntitySchema>;
export type AttributionJSON = z.infer<typeof AttributionSchema>;
export type Meta = z.infer<typeof MetaSchema>;
export type DocJSON = z.infer<typeof DocSchema>;

/** The JSON Schema (draft 2020-12) of the output. */
export function docJsonSchema(): unknown {
  return z.toJSONSchema(DocSchema, { target: 'draft-2020-12' });
}
