-- 0001-sources.sql: sources (evidence), their text and full-text index,
-- near-duplicate bands, PDF page offsets, and the ingest log.

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
	minhash BLOB NOT NULL
);

CREATE INDEX source_published ON source(published);
CREATE INDEX source_publisher ON source(publisher COLLATE NOCASE);

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
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);

-- Near-duplicate candidates: one row per MinHash band.
CREATE TABLE source_band (
	band INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES source(id),
	PRIMARY KEY (band, source_id)
) WITHOUT ROWID;

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

CREATE INDEX ingest_attempt_path ON ingest_attempt(path);
