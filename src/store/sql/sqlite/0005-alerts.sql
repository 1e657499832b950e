-- 0005-alerts.sql: early warning (issue 6). Alerts raised by `alerts
-- run`, what each run saw of every case (so the next one can tell what
-- changed), and the deliveries still owed. See docs/internals/alerts.md.
--
-- Nothing here names anyone: an alert's summary speaks of a case by its
-- number, its host and its screening level.

-- key says what the alert is about ("deadline:12:hearing:2026-12-01");
-- it is unique, so an alert is raised once however many runs race.
CREATE TABLE alert (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	rule TEXT NOT NULL,
	case_id INTEGER REFERENCES case_file(id),
	host TEXT CHECK (host GLOB '[A-Z][A-Z]'),
	level TEXT,
	due TEXT CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	summary TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
	state TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open', 'acked', 'resolved')),
	raised_at TEXT NOT NULL,
	acked_by TEXT,
	acked_at TEXT,
	resolved_by TEXT,
	resolved_at TEXT
);
CREATE INDEX alert_state ON alert(state, case_id);
CREATE INDEX alert_case ON alert(case_id, state);

-- One delivery owed per alert and channel, or per day for the digest
-- (alert_id NULL). A run claims a delivery for a while (claimed_by,
-- claimed_until) before sending, so two runs never send the same one.
CREATE TABLE alert_delivery (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	alert_id INTEGER REFERENCES alert(id),
	channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
	state TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_at TEXT NOT NULL,
	claimed_by TEXT,
	claimed_until TEXT,
	last_error TEXT,
	sent_at TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX alert_delivery_due ON alert_delivery(state, next_at);

-- What the last run saw of each case: its status and screening level,
-- whether it was closed, how many incidents and sources were linked to
-- it, and how many changes it has been alerted for.
CREATE TABLE alert_watch (
	case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
	status TEXT NOT NULL,
	level TEXT,
	closed INTEGER NOT NULL,
	links INTEGER NOT NULL,
	changes INTEGER NOT NULL DEFAULT 0
);

-- The highest incident id a run has looked at ('incident').
CREATE TABLE alert_mark (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
