import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../tools/gen-schema.js';
import { DocSchema, SCHEMA_VERSION } from './schema.js';

describe('output schema', () => {
  it('docs/schema.json is up to date (npm run gen:schema)', () => {
    expect(readFileSync(new URL('../../docs/schema.json', import.meta.url), 'utf8')).toBe(schemaText());
  });
  it('rejects a document of another schema version', () => {
    expect(DocSchema.safeParse({ schemaVersion: '0.0.1', id: 'x', text: '', meta: {} }).success).toBe(false);
    expect(DocSchema.safeParse({ schemaVersion: SCHEMA_VERSION, id: 'x', text: '', meta: {} }).success).toBe(true);
  });
  it('rejects an attribution without its required parts', () => {
    const doc = { schemaVersion: SCHEMA_VERSION, id: 'x', text: 'قال', meta: {}, attributions: [{ cue: { start: 0, end: 3, text: 'قال' } }] };
    expect(DocSchema.safeParse(doc).success).toBe(false);
  });
});
