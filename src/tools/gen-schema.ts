/** Writes docs/schema.json, the JSON Schema of isnad's output (npm run gen:schema). */
import { writeFileSync } from 'node:fs';
import { docJsonSchema, SCHEMA_VERSION } from '../doc/index.js';

export function schemaText(): string {
  const schema = { $id: `https://isnad.dev/schema/doc-${SCHEMA_VERSION}.json`, title: `isnad document ${SCHEMA_VERSION}`, ...(docJsonSchema() as object) };
  return JSON.stringify(schema, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL('../../docs/schema.json', import.meta.url).pathname;
  writeFileSync(out, schemaText());
  console.log(`wrote ${out}`);
}
