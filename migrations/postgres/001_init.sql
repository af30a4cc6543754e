-- factlint's shared corpus on PostgreSQL: schema and roles (migration 1).
-- Applied by `factlint corpus init --to postgres://…` as the database's owner (or a superuser),
-- inside one transaction; `factlint.migrations` records it. Every object lives in the schema
-- `factlint`, so the database can hold other things too.
--
-- Roles (cluster-wide, created when missing; NOLOGIN groups: grant them to login roles):
--   factlint_writer  ingests (`factlint corpus ingest`): reads and writes every table;
--   factlint_reader  reporters' factlint (`corpus = ["postgres://…"]`): reads only.
-- e.g.  CREATE ROLE wire_ingest LOGIN PASSWORD '…' IN ROLE factlint_writer;
--       CREATE ROLE reporter LOGIN PASSWORD '…' IN ROLE factlint_reader;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'factlint_reader') THEN
    CREATE ROLE factlint_reader NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'factlint_writer') THEN
    CREATE ROLE factlint_writer NOLOGIN;
  END IF;
END
$$;

-- A collection: one corpus (e.g. "wire", "archive"). Its records are analyses in one factlint
-- format and language setting; `sentences` and `total_len` are the BM25 statistics.
CREATE TABLE factlint.collections (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  format      text NOT NULL,
  lang        text NOT NULL,
  sentences   bigint NOT NULL DEFAULT 0,
  total_len   bigint NOT NULL DEFAULT 0,
  generation  bigint NOT NULL DEFAULT 0,
  updated     timestamptz NOT NULL DEFAULT now()
);

-- A source file as ingested: its path (as given to `ingest`), size and modification time
-- (unchanged files are not read again) and why any of it was skipped.
CREATE TABLE factlint.files (
  collection  integer NOT NULL,
  path        text NOT NULL,
  size        bigint NOT NULL,
  mtime       bigint NOT NULL,
  skipped     text[] NOT NULL DEFAULT '{}',
  ingested    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, path)
);

-- A document (a file, or one item of a feed or NewsML message): what a check reads without
-- fetching it (path, item, date window in days since 1970, language), and its analysis
-- (`record`: the bincode `cache::Entry` the disk store keeps too), fetched by id.
CREATE TABLE factlint.documents (
  id          bigint PRIMARY KEY,
  collection  integer NOT NULL,
  path        text NOT NULL,
  item        integer,
  day_lo      bigint,
  day_hi      bigint,
  lang        text NOT NULL,
  sentences   integer NOT NULL,
  total_len   bigint NOT NULL,
  key         text NOT NULL,
  record      bytea NOT NULL
);
CREATE SEQUENCE factlint.document_ids OWNED BY factlint.documents.id;
CREATE INDEX documents_path ON factlint.documents (collection, path);

-- The sentence index: per term (factlint's stemmed comparison terms) and document, the packed
-- postings of its sentences containing the term: (sentence, tf, len) as little-endian u32s.
CREATE TABLE factlint.postings (
  collection  integer NOT NULL,
  term        text NOT NULL,
  doc         bigint NOT NULL,
  data        bytea NOT NULL,
  PRIMARY KEY (collection, term, doc)
);
CREATE INDEX postings_doc ON factlint.postings (doc);

-- Per term, the number of sentences containing it (BM25's document frequency).
CREATE TABLE factlint.df (
  collection  integer NOT NULL,
  term        text NOT NULL,
  n           bigint NOT NULL,
  PRIMARY KEY (collection, term)
);

GRANT USAGE ON SCHEMA factlint TO factlint_reader, factlint_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA factlint TO factlint_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA factlint TO factlint_writer;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA factlint TO factlint_writer;
