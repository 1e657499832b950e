-- 0001-sources.sql: sources (evidence), their text, the derived indexes
-- (full text and near-duplicate bands), and the ingest log.
--
-- A source's evidence (row, bytes, text, attempt) commits in one
-- transaction with an index_queue row; the derived indexes are brought up
-- to date from the queue in batches, which FTS5 writes far more cheaply.

CREATE TABLE source (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
	path TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
	title TEXT,
	url TEXT,
	publisher TEXT,
	published TEXT,
	ingested_by TEXT NOT NULL,
	ingested_at TEXT NOT NULL,
	meta_json TEXT,
	near_duplicate_of INTEGER REFERENCES source(id),
	byte_size INTEGER NOT NULL,
	page_count INTEGER NOT NULL DEFAULT 0,
	minhash BLOB NOT NULL,   -- near-duplicate signature
	bands BLOB NOT NULL      -- its band keys, indexed in source_band_fts
);

-- Original bytes, kept apart so listing sources never reads them.
CREATE TABLE source_bytes (
	source_id INTEGER PRIMARY KEY REFERENCES source(id),
	bytes BLOB NOT NULL
);

-- Extracted text; the full-text index reads it as external content.
CREATE TABLE source_text (
	source_id INTEGER PRIMARY KEY REFERENCES source(id),
	title TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL
);

CREATE VIRTUAL TABLE source_fts USING fts5(
	title, body,
	content = 'source_text', content_rowid = 'source_id',
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Near-duplicate candidates: each source's band keys as hex words, so a
-- lookup is one OR query. FTS5 is log-structured: random keys stay cheap.
CREATE VIRTUAL TABLE source_band_fts USING fts5(
	bands, content = '', detail = 'none', tokenize = 'ascii'
);

-- Sources whose derived indexes are not yet written.
CREATE TABLE index_queue (
	source_id INTEGER PRIMARY KEY REFERENCES source(id)
);

CREATE TABLE ingest_attempt (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL,
	sha256 TEXT,
	status TEXT NOT NULL CHECK (status IN ('new', 'duplicate', 'near-duplicate', 'failed')),
	reason TEXT,
	source_id INTEGER REFERENCES source(id),
	by_user TEXT NOT NULL,
	at TEXT NOT NULL
);
