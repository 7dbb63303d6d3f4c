/**
 * SQLite schema, as numbered migrations applied in order inside a transaction each; the applied
 * ones are listed in `schema_migrations`. Never edit a released migration: add the next one.
 * See src/store/store.ts for what each table holds.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** FTS5 tokenizer for our search keys: the keys are already normalized, so nothing is removed. */
const KEYS_TOKENIZER = `tokenize='unicode61 remove_diacritics 0'`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, sources, blocks, entities, mentions, speakers, attributions, full-text index',
    sql: `
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT,
  outlet TEXT,
  outlet_key TEXT,
  date TEXT,
  day TEXT,
  month TEXT,
  author TEXT,
  meta TEXT NOT NULL,
  n_keys INTEGER NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (outlet_key);
CREATE INDEX articles_day ON articles (day);

-- the texts apart, so that filtering, joining and sorting articles reads a small table
CREATE TABLE article_texts (
  id INTEGER PRIMARY KEY REFERENCES articles (id),
  text TEXT NOT NULL
);

CREATE TABLE sources (
  key TEXT PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles (id),
  record_id TEXT NOT NULL,
  origin TEXT,
  url TEXT,
  outlet TEXT,
  date TEXT,
  added_at TEXT NOT NULL
);
CREATE INDEX sources_article ON sources (article);

CREATE TABLE blocks (
  article INTEGER NOT NULL REFERENCES articles (id),
  idx INTEGER NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (type, key)
);

CREATE TABLE mentions (
  article INTEGER NOT NULL REFERENCES articles (id),
  idx INTEGER NOT NULL,
  entity INTEGER NOT NULL REFERENCES entities (id),
  doc_entity INTEGER NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;

-- one row per entity an article mentions: the entity: filter and the entity facet read this, not mentions
CREATE TABLE article_entities (
  article INTEGER NOT NULL REFERENCES articles (id),
  entity INTEGER NOT NULL REFERENCES entities (id),
  mentions INTEGER NOT NULL,
  PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities (entity, article);

CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL
);

CREATE TABLE attributions (
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles (id),
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  speaker INTEGER REFERENCES speakers (id),
  cue_start INTEGER NOT NULL,
  cue_end INTEGER NOT NULL,
  source_start INTEGER,
  source_end INTEGER,
  speaker_start INTEGER,
  speaker_end INTEGER,
  content_start INTEGER NOT NULL,
  content_end INTEGER NOT NULL,
  medium_start INTEGER,
  medium_end INTEGER,
  hedge_start INTEGER,
  hedge_end INTEGER,
  via TEXT,
  UNIQUE (article, idx)
);
CREATE INDEX attributions_speaker ON attributions (speaker, article);

CREATE VIRTUAL TABLE article_fts USING fts5 (keys, content='', contentless_delete=1, ${KEYS_TOKENIZER});
CREATE VIRTUAL TABLE entity_fts USING fts5 (key, content='', contentless_delete=1, ${KEYS_TOKENIZER});
CREATE VIRTUAL TABLE speaker_fts USING fts5 (key, content='', contentless_delete=1, ${KEYS_TOKENIZER});

CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'near-duplicates: article fingerprints, group members',
    sql: `
-- the body-word hashes the near-duplicate index compares (src/dedup), 32-bit little-endian
CREATE TABLE article_fingerprints (
  article INTEGER PRIMARY KEY REFERENCES articles (id),
  words BLOB NOT NULL
);

-- articles in a near-duplicate group of two or more: grp is the id of the group's original
CREATE TABLE dup_members (
  article INTEGER PRIMARY KEY REFERENCES articles (id),
  grp INTEGER NOT NULL REFERENCES articles (id),
  kind TEXT NOT NULL CHECK (kind IN ('original', 'cross-outlet', 'within-outlet'))
);
CREATE INDEX dup_members_grp ON dup_members (grp, article);
`,
  },
];
