// The `doc` layer: the document model and its JSON schema. No I/O.
export * from './doc.js';
export * from './schema.js';
