-- 0002-incidents.sql: what extraction found in each source (entities and
-- proposed incidents), which sources report each incident, the reviews
-- people made of them, and people: person names grouped across spellings,
-- with the decisions people recorded about them.
--
-- Machine output is a suggestion until a person reviews it. Each source's
-- reading of an incident is kept as JSON (incident_source.proposal) and the
-- incident keeps the proposal it was made from (incident.proposal); edits
-- change the incident's columns and are logged in review with the value
-- before and after. Re-extraction never changes or deletes a reviewed
-- incident (reviewed = 1). See docs/internals/store.md.

-- Sources extraction has read, and with which rules.
CREATE TABLE extraction (
	source_id INTEGER PRIMARY KEY REFERENCES source(id),
	rules TEXT NOT NULL,
	at TEXT NOT NULL
);

-- Spans of a source's text recognised as people, places, dates...;
-- replaced whole each time the source is extracted. Offsets in characters.
CREATE TABLE entity (
	id INTEGER PRIMARY KEY,
	source_id INTEGER NOT NULL REFERENCES source(id),
	kind TEXT NOT NULL CHECK (kind IN ('person', 'country', 'place', 'group',
		'organisation', 'law', 'date', 'count')),
	start INTEGER NOT NULL CHECK (start >= 0),
	end INTEGER NOT NULL CHECK (end >= start),
	text TEXT NOT NULL,
	value TEXT
);
CREATE INDEX entity_source ON entity(source_id, start);
CREATE INDEX entity_person ON entity(value) WHERE kind = 'person';

-- One incident, in the shape of the annotation schema. `group` is an SQL
-- keyword, hence grp. reviewed: a person accepted, rejected, edited or
-- split it; extraction then leaves it alone.
CREATE TABLE incident (
	id INTEGER PRIMARY KEY,
	status TEXT NOT NULL DEFAULT 'proposed'
		CHECK (status IN ('proposed', 'accepted', 'rejected')),
	reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
	type TEXT NOT NULL CHECK (type IN ('detention', 'return',
		'threatened_return', 'warrant', 'disappearance', 'conviction',
		'release')),
	mechanism TEXT CHECK (mechanism IN ('deportation', 'extradition',
		'rendition', 'unknown')),
	date TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]*'),
	host TEXT CHECK (host GLOB '[A-Z][A-Z]'),
	dest TEXT CHECK (dest GLOB '[A-Z][A-Z]'),
	grp TEXT,
	count INTEGER CHECK (count > 0),
	confidence REAL NOT NULL,
	rules TEXT NOT NULL,
	proposal TEXT NOT NULL CHECK (json_valid(proposal)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX incident_match ON incident(type, host, date);
CREATE INDEX incident_status ON incident(status, id);

-- The named people of an incident, in order.
CREATE TABLE incident_person (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	pos INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (incident_id, pos)
) WITHOUT ROWID;
CREATE INDEX incident_person_name ON incident_person(name);

-- Each source reporting an incident, with its quote and the machine's
-- reading of the incident from that source. The link with the lowest id
-- is the one an unreviewed incident's fields come from.
CREATE TABLE incident_source (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	source_id INTEGER NOT NULL REFERENCES source(id),
	quote TEXT NOT NULL,
	quote_start INTEGER NOT NULL,
	quote_end INTEGER NOT NULL,
	rules TEXT NOT NULL,
	proposal TEXT NOT NULL CHECK (json_valid(proposal)),
	added_at TEXT NOT NULL,
	UNIQUE (incident_id, source_id)
);
CREATE INDEX incident_source_source ON incident_source(source_id);

-- What people did to incidents: an append-only log.
CREATE TABLE review (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	who TEXT NOT NULL,
	at TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'split')),
	changes TEXT NOT NULL CHECK (json_valid(changes))
);
CREATE INDEX review_incident ON review(incident_id, id);

-- A person: the names (from entities and incidents) taken to name one
-- human being. Derived from the names and the decisions below, and
-- rebuilt in part when either changes.
CREATE TABLE person (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL -- canonical: the first name of the group
);

-- Every person name a stored entity or incident holds. key: the name's
-- comparison key (rw_name_key); bag: the key's letters sorted, which finds
-- the candidates rw_name_match then decides on. rule: how it joined its
-- person (via: the name it matched).
CREATE TABLE person_name (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	person_id INTEGER NOT NULL REFERENCES person(id),
	key TEXT NOT NULL,
	bag TEXT NOT NULL,
	rule TEXT NOT NULL CHECK (rule IN ('canonical', 'exact', 'case',
		'transliteration', 'name order', 'ethnonym', 'alias')),
	via TEXT
);
CREATE INDEX person_name_person ON person_name(person_id, id);
CREATE INDEX person_name_bag ON person_name(bag);
CREATE INDEX person_name_key ON person_name(key);

-- "These two names are / are not the same person", keyed by the names'
-- comparison keys (key_a < key_b) so a decision outlives re-extraction and
-- covers every spelling with the same key. Append-only: the latest
-- decision on a pair holds.
CREATE TABLE person_decision (
	id INTEGER PRIMARY KEY,
	key_a TEXT NOT NULL,
	key_b TEXT NOT NULL CHECK (key_a < key_b),
	name_a TEXT NOT NULL,
	name_b TEXT NOT NULL,
	same INTEGER NOT NULL CHECK (same IN (0, 1)),
	who TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX person_decision_a ON person_decision(key_a, key_b, id);
CREATE INDEX person_decision_b ON person_decision(key_b, id);
