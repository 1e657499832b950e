-- 0003-cases.sql: cases (people and groups at risk), how to find them by
-- name without storing names, their links to incidents and sources, and
-- the history of every change. See docs/internals/cases.md.
--
-- Nothing here is readable without the store's key, which is never in
-- the database: names, aliases, the description, the place of custody,
-- contacts, locations and notes are one sealed value per case
-- (case_file.sealed); names are found through keyed blind indexes
-- (case_name.blind); the history holds sealed values only. What stays
-- plain is what screening and statistics need and reveals no one:
-- status, legal status, countries, group, count, profile tags, deadlines
-- and requests.

-- The key the sealed values were made with: its fingerprint (not the
-- key), and the salt of a passphrase-derived key.
CREATE TABLE store_key (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	key_id TEXT NOT NULL,
	salt TEXT
);

-- uid: random, the context every sealed value of the case is bound to.
CREATE TABLE case_file (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE,
	sealed TEXT NOT NULL,
	status TEXT NOT NULL,
	legal_status TEXT NOT NULL,
	host TEXT CHECK (host GLOB '[A-Z][A-Z]'),
	dest TEXT CHECK (dest GLOB '[A-Z][A-Z]'),
	nationality TEXT CHECK (nationality GLOB '[A-Z][A-Z]'),
	grp TEXT,
	count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
	tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
	deadlines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(deadlines)),
	requests TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(requests)),
	closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
	level TEXT,
	score INTEGER,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- one more on every save: an update made from an older version is
	-- refused, so the history's "before" is always what was replaced
	version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_file_host ON case_file(host, closed);

-- One row per name or alias: the keyed blind index of its normalised
-- form.
CREATE TABLE case_name (
	case_id INTEGER NOT NULL REFERENCES case_file(id),
	blind TEXT NOT NULL,
	PRIMARY KEY (case_id, blind)
) WITHOUT ROWID;
CREATE INDEX case_name_blind ON case_name(blind);

CREATE TABLE case_incident (
	case_id INTEGER NOT NULL REFERENCES case_file(id),
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	PRIMARY KEY (case_id, incident_id)
) WITHOUT ROWID;
CREATE INDEX case_incident_by_incident ON case_incident(incident_id);

CREATE TABLE case_source (
	case_id INTEGER NOT NULL REFERENCES case_file(id),
	source_id INTEGER NOT NULL REFERENCES source(id),
	PRIMARY KEY (case_id, source_id)
) WITHOUT ROWID;

-- Every change: who, when, and, sealed, which fields went from what to
-- what.
CREATE TABLE case_change (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file(id),
	at TEXT NOT NULL,
	who TEXT NOT NULL,
	sealed TEXT NOT NULL
);
CREATE INDEX case_change_case ON case_change(case_id, id);

-- A country's record, and screening, count incidents by host.
CREATE INDEX incident_host ON incident(host, type, dest);
