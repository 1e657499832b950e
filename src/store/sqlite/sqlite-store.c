/* sqlite-store.c: the SQLite backend of the store (WAL, FTS5).
 *
 * The data directory holds one database, refuge.db. Every statement the
 * backend runs is declared once in `statements[]` below and prepared when
 * the store opens; values are always bound, never pasted into SQL. Writes
 * take the write lock up front (BEGIN IMMEDIATE) and a busy timeout lets two
 * refuge processes share one store. Schema changes are the numbered .sql
 * files of src/store/sql/sqlite/, applied in order, one transaction each.
 * Incidents and people are in sqlite-incidents.c and sqlite-people.c
 * (see sqlite-int.h); their SQL is here too. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "core/array.h"
#include "core/buf.h"
#include "core/embedded.h"
#include "store/sqlite/sqlite-int.h"

#define DB_FILE "refuge.db"
#define BUSY_TIMEOUT_MS 15000
#define APPLICATION_ID 0x52574154 /* "RWAT" */

extern const struct rw_embedded rw_sqlite_migrations[];


#define SOURCE_COLUMNS \
	"s.id, s.sha256, s.path, s.format, s.title, s.url, s.publisher, " \
	"s.published, s.ingested_by, s.ingested_at, s.meta_json, " \
	"s.near_duplicate_of, s.byte_size, s.page_count"
#define SOURCE_COLUMN_COUNT 14

static const char *const statements[ST__MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_FIND_SHA] = "SELECT id FROM source WHERE sha256 = ?1",
	[ST_INSERT_SOURCE] =
	    "INSERT INTO source (sha256, path, format, title, url, publisher, "
	    "published, ingested_by, ingested_at, meta_json, near_duplicate_of, "
	    "byte_size, page_count, minhash, bands) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[ST_INSERT_BYTES] =
	    "INSERT INTO source_bytes (source_id, bytes) VALUES (?1, ?2)",
	[ST_INSERT_TEXT] =
	    "INSERT INTO source_text (source_id, title, body) VALUES (?1, ?2, ?3)",
	[ST_QUEUE_INSERT] = "INSERT INTO index_queue (source_id) VALUES (?1)",
	[ST_INSERT_ATTEMPT] =
	    "INSERT INTO ingest_attempt (path, sha256, status, reason, source_id, "
	    "by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_QUEUE_BATCH] =
	    "SELECT q.source_id, s.bands FROM index_queue q "
	    "JOIN source s ON s.id = q.source_id ORDER BY q.source_id LIMIT ?1",
	[ST_INDEX_TEXT] =
	    "INSERT INTO source_fts (rowid, title, body) "
	    "SELECT source_id, title, body FROM source_text WHERE source_id = ?1",
	[ST_INDEX_BANDS] =
	    "INSERT INTO source_band_fts (rowid, bands) VALUES (?1, ?2)",
	[ST_QUEUE_DELETE] = "DELETE FROM index_queue WHERE source_id = ?1",
	[ST_QUEUE_CANDIDATES] =
	    "SELECT s.id, s.minhash FROM index_queue q "
	    "JOIN source s ON s.id = q.source_id",
	[ST_GET_SOURCE] = "SELECT " SOURCE_COLUMNS " FROM source s WHERE s.id = ?1",
	[ST_GET_TEXT] = "SELECT body FROM source_text WHERE source_id = ?1",
	[ST_GET_BYTES] = "SELECT bytes FROM source_bytes WHERE source_id = ?1",
	[ST_LIST_SOURCES] = "SELECT " SOURCE_COLUMNS " FROM source s ORDER BY s.id",
	[ST_LIST_WITH_TEXT] =
	    "SELECT " SOURCE_COLUMNS ", t.body FROM source s "
	    "JOIN source_text t ON t.source_id = s.id ORDER BY s.id",
	[ST_LIST_WITH_BYTES] =
	    "SELECT " SOURCE_COLUMNS ", b.bytes FROM source s "
	    "JOIN source_bytes b ON b.source_id = s.id ORDER BY s.id",
	[ST_COUNT_SOURCES] = "SELECT count(*) FROM source",
	[ST_BAND_CANDIDATES] =
	    "SELECT s.id, s.minhash FROM source_band_fts f "
	    "JOIN source s ON s.id = f.rowid WHERE source_band_fts MATCH ?1",
	/* bm25 with the title weighted 4:1; snippets are made afterwards, for
	 * the hits only. ?3 is the lowest rowid ranked (the window). */
	[ST_SEARCH_TOP] =
	    "SELECT rowid, -bm25(source_fts, 4.0, 1.0) FROM source_fts "
	    "WHERE source_fts MATCH ?1 AND rowid >= ?3 "
	    "ORDER BY bm25(source_fts, 4.0, 1.0) LIMIT ?2",
	[ST_SEARCH_WINDOW] =
	    "SELECT rowid FROM source_fts WHERE source_fts MATCH ?1 "
	    "ORDER BY rowid DESC LIMIT 2 OFFSET ?2",
	[ST_SEARCH_FILTERED] =
	    "SELECT s.id, -bm25(source_fts, 4.0, 1.0) FROM source_fts "
	    "JOIN source s ON s.id = source_fts.rowid WHERE source_fts MATCH ?1 "
	    "AND (?2 IS NULL OR s.published >= ?2) "
	    "AND (?3 IS NULL OR s.published <= ?3 || '-99') "
	    "AND (?4 IS NULL OR s.publisher = ?4 COLLATE NOCASE) "
	    "ORDER BY bm25(source_fts, 4.0, 1.0) LIMIT ?5",
	/* Snippets of the hits (ids in the JSON array ?2) in one pass over the
	 * range of their ids: a prefix query merges its doclists once, not
	 * once per hit. */
	[ST_SNIPPETS] =
	    "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) "
	    "THEN snippet(source_fts, -1, char(2), char(3), '…', 24) END "
	    "FROM source_fts WHERE source_fts MATCH ?1 "
	    "AND rowid BETWEEN ?3 AND ?4",
	[ST_CHECK_INTEGRITY] = "PRAGMA integrity_check",
	[ST_CHECK_FTS] =
	    "INSERT INTO source_fts (source_fts, rank) VALUES ('integrity-check', 1)",
	[ST_OPTIMIZE_NEAR] =
	    "INSERT INTO source_band_fts (source_band_fts) VALUES ('optimize')",
	[ST_OPTIMIZE_SEARCH] =
	    "INSERT INTO source_fts (source_fts) VALUES ('optimize')",
	[ST_QUEUE_COUNT] = "SELECT count(*) FROM index_queue",
	[ST_CHECK_ORPHANS] =
	    "SELECT id FROM source s WHERE NOT EXISTS "
	    "(SELECT 1 FROM source_text t WHERE t.source_id = s.id) OR NOT EXISTS "
	    "(SELECT 1 FROM source_bytes b WHERE b.source_id = s.id)",
	/* Extraction and incidents (sqlite-incidents.c). */
	[ST_SOURCE_EXISTS] = "SELECT 1 FROM source WHERE id = ?1",
	[ST_EXTRACTION_SET] =
	    "INSERT INTO extraction (source_id, rules, at) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (source_id) DO UPDATE SET rules = excluded.rules, "
	    "at = excluded.at",
	[ST_ENTITY_DELETE] = "DELETE FROM entity WHERE source_id = ?1",
	[ST_ENTITY_INSERT] =
	    "INSERT INTO entity (source_id, kind, start, end, text, value) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ENTITY_LIST] =
	    "SELECT kind, start, end, text, value FROM entity "
	    "WHERE source_id = ?1 ORDER BY start, id",
	/* Person names a source's entities and incidents hold. */
	[ST_SOURCE_PERSON_NAMES] =
	    "SELECT value FROM entity WHERE source_id = ?1 AND kind = 'person' "
	    "AND value IS NOT NULL UNION "
	    "SELECT p.name FROM incident_source l JOIN incident_person p "
	    "ON p.incident_id = l.incident_id WHERE l.source_id = ?1",
	/* A source's reports, with whether each is its incident's first. */
	[ST_SOURCE_LINKS] =
	    "SELECT l.id, l.incident_id, l.proposal, i.reviewed, "
	    "l.id = (SELECT min(m.id) FROM incident_source m "
	    "WHERE m.incident_id = l.incident_id) "
	    "FROM incident_source l JOIN incident i ON i.id = l.incident_id "
	    "WHERE l.source_id = ?1 ORDER BY l.id",
	[ST_LINK_INSERT] =
	    "INSERT INTO incident_source (incident_id, source_id, quote, "
	    "quote_start, quote_end, rules, proposal, added_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_LINK_UPDATE] =
	    "UPDATE incident_source SET quote = ?2, quote_start = ?3, "
	    "quote_end = ?4, rules = ?5, proposal = ?6 WHERE id = ?1",
	[ST_LINK_DELETE] = "DELETE FROM incident_source WHERE id = ?1",
	[ST_LINK_MOVE] = "UPDATE incident_source SET incident_id = ?2 WHERE id = ?1",
	[ST_LINK_FIRST] =
	    "SELECT id, proposal, rules FROM incident_source "
	    "WHERE incident_id = ?1 ORDER BY id LIMIT 1",
	[ST_LINK_FIND] =
	    "SELECT l.id, l.proposal, l.rules, l.id = (SELECT min(m.id) FROM "
	    "incident_source m WHERE m.incident_id = ?1) FROM incident_source l "
	    "WHERE l.incident_id = ?1 AND l.source_id = ?2",
	[ST_LINK_COUNT] =
	    "SELECT count(*) FROM incident_source WHERE incident_id = ?1",
	[ST_INCIDENT_INSERT] =
	    "INSERT INTO incident (status, reviewed, type, mechanism, date, host, "
	    "dest, grp, count, confidence, rules, proposal, created_at, "
	    "updated_at) VALUES ('proposed', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?12)",
	[ST_INCIDENT_FIELDS] =
	    "UPDATE incident SET type = ?2, mechanism = ?3, date = ?4, host = ?5, "
	    "dest = ?6, grp = ?7, count = ?8, updated_at = ?9 WHERE id = ?1",
	[ST_INCIDENT_PROPOSAL] =
	    "UPDATE incident SET confidence = ?2, rules = ?3, proposal = ?4 "
	    "WHERE id = ?1",
	[ST_INCIDENT_STATUS] =
	    "UPDATE incident SET status = ?2, reviewed = 1, updated_at = ?3 "
	    "WHERE id = ?1",
	[ST_INCIDENT_REVIEWED] =
	    "UPDATE incident SET reviewed = 1, updated_at = ?2 WHERE id = ?1",
	[ST_INCIDENT_DELETE] = "DELETE FROM incident WHERE id = ?1 AND reviewed = 0",
	[ST_INCIDENT_GET] =
	    "SELECT id, status, reviewed, type, mechanism, date, host, dest, grp, "
	    "count, confidence, rules, proposal, created_at, updated_at "
	    "FROM incident WHERE id = ?1",
	[ST_INCIDENT_IDS] =
	    "SELECT id FROM incident WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
	[ST_INCIDENT_LINKS] =
	    "SELECT source_id, quote, quote_start, quote_end, rules, proposal, "
	    "added_at FROM incident_source WHERE incident_id = ?1 ORDER BY id",
	[ST_INCIDENT_REVIEWS] =
	    "SELECT id, who, at, action, changes FROM review "
	    "WHERE incident_id = ?1 ORDER BY id",
	[ST_INCIDENT_PERSONS] =
	    "SELECT name FROM incident_person WHERE incident_id = ?1 ORDER BY pos",
	[ST_PERSONS_DELETE] = "DELETE FROM incident_person WHERE incident_id = ?1",
	[ST_PERSONS_INSERT] =
	    "INSERT INTO incident_person (incident_id, pos, name) "
	    "VALUES (?1, ?2, ?3)",
	/* Incidents another source's report may join: same type and host, not
	 * rejected, not already reported by this source (?5), a date in the
	 * same year (?3 <= date < ?4) and month (?6, when both give one) or
	 * both undated, and, as far as SQL can tell, the same subjects: a
	 * person of one of the persons ?7 (a JSON array of person ids) or,
	 * when ?7 is NULL, no person at all. rw_incidents_same decides. */
#define CANDIDATE_FILTER \
	"AND status != 'rejected' AND NOT EXISTS (SELECT 1 FROM incident_source l " \
	"WHERE l.incident_id = i.id AND l.source_id = ?5) AND CASE WHEN ?7 IS NULL " \
	"THEN NOT EXISTS (SELECT 1 FROM incident_person p WHERE p.incident_id = i.id) " \
	"ELSE EXISTS (SELECT 1 FROM incident_person p JOIN person_name n " \
	"ON n.name = p.name WHERE p.incident_id = i.id AND n.person_id IN " \
	"(SELECT value FROM json_each(?7))) END"
	[ST_CANDIDATES_DATED] =
	    "SELECT id FROM incident i WHERE type = ?1 AND host IS ?2 "
	    "AND date >= ?3 AND date < ?4 AND (?6 IS NULL OR length(date) < 7 OR "
	    "substr(date, 6, 2) = ?6) " CANDIDATE_FILTER,
	[ST_CANDIDATES_UNDATED] =
	    "SELECT id FROM incident i WHERE type = ?1 AND host IS ?2 "
	    "AND date IS NULL " CANDIDATE_FILTER,
	[ST_REVIEW_INSERT] =
	    "INSERT INTO review (incident_id, who, at, action, changes) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_CHECK_INCIDENTS] =
	    "SELECT id FROM incident i WHERE NOT EXISTS "
	    "(SELECT 1 FROM incident_source l WHERE l.incident_id = i.id)",
	/* The people an incident concerns: its count, else the persons it
	 * names (kept in `named` by 0004-stats.sql's triggers), and at least
	 * one: someone it happened to, even unnamed. One rule for a
	 * country's record and for statistics. */
#define INCIDENT_PERSONS "max(1, coalesce(count, named))"
	[ST_INCIDENT_COUNTS] =
	    "SELECT type, CAST(substr(date, 1, 4) AS INTEGER), "
	    "coalesce(dest, ''), count(*), sum(status = 'accepted'), "
	    "sum(" INCIDENT_PERSONS ") FROM incident "
	    "WHERE host = ?1 AND status <> 'rejected' "
	    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
	/* Accepted incidents counted by host, year, type and group in the
	 * order of the incident_stats index (no sort; statistics count an
	 * incident that states nobody as one person), then summed over the
	 * dimensions whose flag is set (?1 host, ?2 year, ?3 type, ?4 group;
	 * the others are NULL in every row) and sorted by the dimensions ?5..?8
	 * name (0 host .. 3 group, NULL for none), unknown values last. */
#define STATS_KEY(k) \
	"CASE " k " WHEN 0 THEN h WHEN 1 THEN y WHEN 2 THEN t WHEN 3 THEN g END"
#define STATS_ORDER(k) STATS_KEY(k) " IS NULL, " STATS_KEY(k)
	[ST_INCIDENT_STATS] =
	    "SELECT h, y, t, g, sum(c), sum(n) FROM (SELECT "
	    "CASE WHEN ?1 THEN host END AS h, CASE WHEN ?2 THEN y END AS y, "
	    "CASE WHEN ?3 THEN type END AS t, CASE WHEN ?4 THEN grp END AS g, "
	    "c, n FROM (SELECT host, substr(date, 1, 4) AS y, type, grp, "
	    "count(*) AS c, sum(" INCIDENT_PERSONS ") AS n "
	    "FROM incident WHERE status = 'accepted' "
	    "GROUP BY host, substr(date, 1, 4), type, grp)) "
	    "GROUP BY h, y, t, g ORDER BY " STATS_ORDER("?5") ", "
	    STATS_ORDER("?6") ", " STATS_ORDER("?7") ", " STATS_ORDER("?8"),
#undef STATS_ORDER
#undef STATS_KEY
#undef INCIDENT_PERSONS
	/* People (sqlite-people.c). */
	[ST_NAME_PERSON] = "SELECT person_id FROM person_name WHERE name = ?1",
	[ST_NAMES_BY_BAG] =
	    "SELECT name, person_id FROM person_name WHERE bag = ?1 ORDER BY id",
	[ST_NAMES_BY_KEY] =
	    "SELECT name, person_id FROM person_name WHERE key = ?1 ORDER BY id",
	[ST_NAME_INSERT] =
	    "INSERT INTO person_name (name, person_id, key, bag, rule, via) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_NAME_DELETE] = "DELETE FROM person_name WHERE name = ?1",
	[ST_NAMES_OF_PERSON] =
	    "SELECT id, name, key, rule, via FROM person_name "
	    "WHERE person_id = ?1 ORDER BY id",
	[ST_NAME_MENTIONED] =
	    "SELECT EXISTS (SELECT 1 FROM entity WHERE kind = 'person' "
	    "AND value = ?1) OR EXISTS (SELECT 1 FROM incident_person "
	    "WHERE name = ?1)",
	[ST_PERSON_INSERT] = "INSERT INTO person (name) VALUES (?1)",
	[ST_PERSON_DELETE] = "DELETE FROM person WHERE id = ?1",
	[ST_PERSON_LIST] = "SELECT id, name FROM person ORDER BY id",
	[ST_PERSON_SOURCES] =
	    "SELECT e.source_id FROM person_name n JOIN entity e "
	    "ON e.kind = 'person' AND e.value = n.name WHERE n.person_id = ?1 "
	    "UNION SELECT l.source_id FROM person_name n JOIN incident_person p "
	    "ON p.name = n.name JOIN incident_source l "
	    "ON l.incident_id = p.incident_id WHERE n.person_id = ?1 ORDER BY 1",
	[ST_PERSON_INCIDENTS] =
	    "SELECT DISTINCT p.incident_id FROM person_name n "
	    "JOIN incident_person p ON p.name = n.name WHERE n.person_id = ?1 "
	    "ORDER BY 1",
	[ST_DECISION_INSERT] =
	    "INSERT INTO person_decision (key_a, key_b, name_a, name_b, same, "
	    "who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_DECISION_GET] =
	    "SELECT same FROM person_decision WHERE key_a = ?1 AND key_b = ?2 "
	    "ORDER BY id DESC LIMIT 1",
	/* Keys ?1 is the same person as, by the latest decision on each pair. */
	[ST_DECISIONS_SAME] =
	    "SELECT other FROM (SELECT CASE WHEN key_a = ?1 THEN key_b "
	    "ELSE key_a END AS other, same, row_number() OVER "
	    "(PARTITION BY key_a, key_b ORDER BY id DESC) AS latest "
	    "FROM person_decision WHERE key_a = ?1 OR key_b = ?1) "
	    "WHERE latest = 1 AND same = 1",
	/* cases */
	[ST_KEY_GET] = "SELECT key_id, salt FROM store_key WHERE id = 1",
	[ST_KEY_SET] = "INSERT INTO store_key (id, key_id, salt) VALUES (1, ?, ?) "
	    "ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, "
	    "salt = excluded.salt",
	[ST_CASE_INSERT] =
	    "INSERT INTO case_file (uid, sealed, status, legal_status, host, "
	    "dest, nationality, grp, count, tags, deadlines, requests, closed, "
	    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13, ?14, ?14)",
	[ST_CASE_UPDATE] =
	    "UPDATE case_file SET sealed = ?2, status = ?3, legal_status = ?4, "
	    "host = ?5, dest = ?6, nationality = ?7, grp = ?8, count = ?9, "
	    "tags = ?10, deadlines = ?11, requests = ?12, closed = ?13, "
	    "updated_at = ?14, version = version + 1 "
	    "WHERE id = ?15 AND uid = ?1 AND version = ?16",
#define CASE_COLUMNS "id, uid, sealed, status, legal_status, host, dest, " \
	"nationality, grp, count, tags, deadlines, requests, closed, level, " \
	"score, created_at, updated_at, version"
	[ST_CASE_GET] = "SELECT " CASE_COLUMNS " FROM case_file WHERE id = ?",
	[ST_CASE_LIST] = "SELECT " CASE_COLUMNS " FROM case_file ORDER BY id",
	[ST_CASE_BY_BLIND] = "SELECT " CASE_COLUMNS " FROM case_file WHERE id IN "
	    "(SELECT case_id FROM case_name WHERE blind = ?) ORDER BY id",
	[ST_CASE_NAMES_DELETE] = "DELETE FROM case_name WHERE case_id = ?",
	[ST_CASE_NAME_INSERT] =
	    "INSERT OR IGNORE INTO case_name (case_id, blind) VALUES (?, ?)",
	[ST_CASE_CHANGE_INSERT] =
	    "INSERT INTO case_change (case_id, at, who, sealed) "
	    "VALUES (?, ?, ?, ?)",
	[ST_CASE_CHANGES] = "SELECT id, case_id, at, who, sealed FROM "
	    "case_change WHERE case_id = ? ORDER BY id",
	[ST_CASE_CHANGE_RESEAL] = "UPDATE case_change SET sealed = ? WHERE id = ?",
	[ST_CASE_RESEAL] = "UPDATE case_file SET sealed = ? WHERE id = ?",
	[ST_CASE_LINK_INCIDENT] = "INSERT OR IGNORE INTO case_incident "
	    "(case_id, incident_id) VALUES (?, ?)",
	[ST_CASE_LINK_SOURCE] = "INSERT OR IGNORE INTO case_source "
	    "(case_id, source_id) VALUES (?, ?)",
	[ST_CASE_INCIDENTS] = "SELECT incident_id FROM case_incident "
	    "WHERE case_id = ? ORDER BY incident_id",
	[ST_CASE_SOURCES] = "SELECT source_id FROM case_source "
	    "WHERE case_id = ? ORDER BY source_id",
	[ST_CASE_SCREENED] = "UPDATE case_file SET level = ?, score = ? "
	    "WHERE id = ?",
	[ST_INCIDENT_EXISTS] = "SELECT 1 FROM incident WHERE id = ?",
	/* early warning (sqlite-alerts.c) */
	[ST_ALERT_CASES] = "SELECT " CASE_COLUMNS ", (SELECT count(*) FROM "
	    "case_incident i WHERE i.case_id = case_file.id) + (SELECT count(*) "
	    "FROM case_source s WHERE s.case_id = case_file.id) "
	    "FROM case_file ORDER BY id",
#undef CASE_COLUMNS
	[ST_WATCH_GET] = "SELECT status, level, closed, links, changes "
	    "FROM alert_watch WHERE case_id = ?",
	[ST_WATCH_SET] = "INSERT INTO alert_watch (case_id, status, level, "
	    "closed, links, changes) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, "
	    "level = excluded.level, closed = excluded.closed, "
	    "links = excluded.links, changes = excluded.changes",
	[ST_ALERT_INSERT] = "INSERT OR IGNORE INTO alert (key, rule, case_id, "
	    "host, level, due, summary, detail, raised_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ST_DELIVERY_OWE] = "INSERT OR IGNORE INTO alert_delivery (key, "
	    "alert_id, channel, next_at, created_at) VALUES (?, ?, ?, ?4, ?4)",
	[ST_ALERT_RESOLVE_CASE] = "UPDATE alert SET state = 'resolved', "
	    "resolved_by = ?, resolved_at = ? "
	    "WHERE case_id = ? AND state != 'resolved'",
	[ST_MARK_GET] = "SELECT value FROM alert_mark WHERE name = ?",
	[ST_MARK_SET] = "INSERT INTO alert_mark (name, value) VALUES (?, ?) "
	    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
	[ST_INCIDENT_MAX] = "SELECT coalesce(max(id), 0) FROM incident",
	[ST_NEW_RETURNS] = "SELECT id, host FROM incident WHERE id > ? AND "
	    "type = 'return' AND status != 'rejected' AND host IS NOT NULL "
	    "ORDER BY host, id",
	[ST_HOST_OPEN] = "SELECT count(*) FROM case_file "
	    "WHERE host = ? AND closed = 0",
	[ST_HOST_LEVELS] = "SELECT DISTINCT level FROM case_file "
	    "WHERE host = ? AND closed = 0 AND level IS NOT NULL",
	[ST_ALERT_LIST] = "SELECT id, key, rule, case_id, host, level, due, "
	    "summary, detail, state, raised_at, acked_by, acked_at, "
	    "resolved_by, resolved_at FROM alert "
	    "WHERE (?1 IS NULL OR state = ?1) AND (?2 = 0 OR id = ?2) "
	    "ORDER BY id",
	[ST_ALERT_ACK] = "UPDATE alert SET state = 'acked', acked_by = ?, "
	    "acked_at = ? WHERE id = ? AND state = 'open'",
	[ST_ALERT_RESOLVE] = "UPDATE alert SET state = 'resolved', "
	    "resolved_by = ?, resolved_at = ? "
	    "WHERE id = ? AND state != 'resolved'",
	[ST_ALERT_EXISTS] = "SELECT 1 FROM alert WHERE id = ?",
	[ST_DELIVERY_CLAIM] = "UPDATE alert_delivery SET claimed_by = ?1, "
	    "claimed_until = ?3 WHERE id IN (SELECT id FROM alert_delivery "
	    "WHERE state = 'pending' AND next_at <= ?2 AND "
	    "(claimed_until IS NULL OR claimed_until <= ?2) "
	    "ORDER BY id LIMIT ?4) "
	    "RETURNING id, key, coalesce(alert_id, 0), channel, attempts",
	[ST_DELIVERY_HURRY] = "UPDATE alert_delivery SET next_at = ?1 "
	    "WHERE state = 'pending' AND next_at > ?1",
	[ST_DELIVERY_DONE] = "UPDATE alert_delivery SET state = ?3, "
	    "attempts = attempts + ?4, last_error = ?5, "
	    "next_at = coalesce(?6, next_at), "
	    "sent_at = CASE WHEN ?3 = 'sent' THEN ?7 END, "
	    "claimed_by = NULL, claimed_until = NULL "
	    "WHERE id = ?1 AND claimed_by = ?2 AND state = 'pending'",
};


int
sq_error(struct rw_store_backend *b, struct rw_error *err, const char *what)
{
	return rw_error_set(err, RW_ESTORE, "%s failed in %s: %s", what,
	    b->path, sqlite3_errmsg(b->db));
}

/* Resets st after use; returns its statement for chaining. */
sqlite3_stmt *
sq_use(struct rw_store_backend *b, enum stmt id)
{
	sqlite3_stmt *st = b->stmt[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
sq_bind_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
}

/* Runs a statement that returns no rows. */
int
sq_run(struct rw_store_backend *b, enum stmt id)
{
	int rc = sqlite3_step(b->stmt[id]);

	sqlite3_reset(b->stmt[id]);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

int
sq_begin(struct rw_store_backend *b, struct rw_error *err)
{
	if (sq_run(b, ST_BEGIN) < 0)
		return sq_error(b, err, "starting a transaction");
	return RW_OK;
}

int
sq_commit(struct rw_store_backend *b, struct rw_error *err)
{
	if (sq_run(b, ST_COMMIT) < 0) {
		int r = sq_error(b, err, "committing");

		sq_run(b, ST_ROLLBACK);
		return r;
	}
	return RW_OK;
}

void
sq_rollback(struct rw_store_backend *b)
{
	if (!sqlite3_get_autocommit(b->db))
		sq_run(b, ST_ROLLBACK);
}

static int
exec_sql(struct rw_store_backend *b, const char *sql, struct rw_error *err,
    const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rw_error_set(err, RW_ESTORE, "%s failed in %s: %s", what, b->path,
		    msg != NULL ? msg : sqlite3_errmsg(b->db));
		sqlite3_free(msg);
		return RW_ESTORE;
	}
	return RW_OK;
}

static int
pragma_int(struct rw_store_backend *b, const char *sql, int *ret)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return RW_ESTORE;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? RW_OK : RW_ESTORE;
}

static int
migration_count(void)
{
	int n = 0;

	while (rw_sqlite_migrations[n].name != NULL)
		n++;
	return n;
}

/* Brings the schema up to date, or refuses a store from a newer build. */
static int
migrate(struct rw_store_backend *b, struct rw_error *err)
{
	int known = migration_count(), version, app_id, i, r;
	char sql[96];

	if (pragma_int(b, "PRAGMA application_id", &app_id) < 0 ||
	    pragma_int(b, "PRAGMA user_version", &version) < 0)
		return rw_error_set(err, RW_ESTORE,
		    "%s is not a readable SQLite database: %s", b->path,
		    sqlite3_errmsg(b->db));
	if (app_id != 0 && app_id != APPLICATION_ID)
		return rw_error_set(err, RW_EFORMAT,
		    "%s is an SQLite database of another program, not a Refuge "
		    "Watch store", b->path);
	if (version > known)
		return rw_error_set(err, RW_EVERSION,
		    "%s was written by a newer Refuge Watch (schema %d; this build "
		    "knows up to %d): upgrade refuge before using this store; it "
		    "was left unchanged", b->path, version, known);
	/* Statements are prepared after migration, so plain SQL here. */
	for (i = version; i < known; i++) {
		if (exec_sql(b, "BEGIN IMMEDIATE", err, "starting a migration") < 0)
			return RW_ESTORE;
		r = exec_sql(b, rw_sqlite_migrations[i].data, err,
		    rw_sqlite_migrations[i].name);
		snprintf(sql, sizeof(sql),
		    "PRAGMA user_version = %d; PRAGMA application_id = %d; COMMIT",
		    i + 1, APPLICATION_ID);
		if (r == RW_OK)
			r = exec_sql(b, sql, err, "recording the schema version");
		if (r < 0) {
			sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
			return r;
		}
	}
	return RW_OK;
}

static void
sqlite_close(struct rw_store_backend *b)
{
	int i;

	if (b == NULL)
		return;
	for (i = 0; i < ST__MAX; i++)
		sqlite3_finalize(b->stmt[i]);
	sqlite3_close(b->db);
	free(b->path);
	free(b);
}

static int
prepare_all(struct rw_store_backend *b, struct rw_error *err)
{
	int i;

	for (i = 0; i < ST__MAX; i++)
		if (sqlite3_prepare_v3(b->db, statements[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &b->stmt[i], NULL) != SQLITE_OK)
			return rw_error_set(err, RW_ESTORE,
			    "preparing statement %d failed in %s: %s", i, b->path,
			    sqlite3_errmsg(b->db));
	return RW_OK;
}

static int
sqlite_open(const char *dir, int create, struct rw_store_backend **ret,
    struct rw_error *err)
{
	struct rw_store_backend *b;
	struct stat st;
	size_t len;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int r;

	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST)
		return rw_error_set(err, RW_EIO, "cannot create data directory %s: %s",
		    dir, strerror(errno));
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return rw_error_set(err, RW_ENOTFOUND,
		    "no data directory at %s: create one with `refuge --data %s init`",
		    dir, dir);
	b = calloc(1, sizeof(*b));
	len = strlen(dir) + sizeof("/" DB_FILE);
	if (b == NULL || (b->path = malloc(len)) == NULL) {
		free(b);
		return rw_error_set(err, RW_ENOMEM, "out of memory opening %s", dir);
	}
	snprintf(b->path, len, "%s/%s", dir, DB_FILE);
	if (!create && stat(b->path, &st) < 0) {
		r = rw_error_set(err, RW_ENOTFOUND,
		    "no store in %s: create one with `refuge --data %s init`", dir,
		    dir);
		sqlite_close(b);
		return r;
	}
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(b->path, &b->db, flags, NULL) != SQLITE_OK) {
		r = rw_error_set(err, RW_ESTORE, "cannot open %s: %s", b->path,
		    b->db != NULL ? sqlite3_errmsg(b->db) : "out of memory");
		sqlite_close(b);
		return r;
	}
	chmod(b->path, 0600);
	sqlite3_busy_timeout(b->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(b->db, 1);
	r = exec_sql(b, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	    "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", err,
	    "configuring the database");
	if (r == RW_OK)
		r = migrate(b, err);
	if (r == RW_OK)
		r = prepare_all(b, err);
	if (r < 0) {
		sqlite_close(b);
		return r;
	}
	*ret = b;
	return RW_OK;
}

static int
sqlite_schema_version(struct rw_store_backend *b, int *ret_version)
{
	return pragma_int(b, "PRAGMA user_version", ret_version);
}

static int
sqlite_find_sha(struct rw_store_backend *b, const char *sha256,
    int64_t *ret_id)
{
	sqlite3_stmt *st = sq_use(b, ST_FIND_SHA);
	int rc;

	sq_bind_text(st, 1, sha256);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return RW_OK;
	return rc == SQLITE_DONE ? RW_ENOTFOUND : RW_ESTORE;
}

static int
insert_attempt(struct rw_store_backend *b, const struct rw_attempt *a,
    int64_t source_id)
{
	sqlite3_stmt *st = sq_use(b, ST_INSERT_ATTEMPT);

	sq_bind_text(st, 1, a->path);
	sq_bind_text(st, 2, a->sha256);
	sq_bind_text(st, 3, rw_attempt_status_name(a->status));
	sq_bind_text(st, 4, a->reason);
	if (source_id != 0)
		sqlite3_bind_int64(st, 5, source_id);
	sq_bind_text(st, 6, a->by);
	sq_bind_text(st, 7, a->at);
	return sq_run(b, ST_INSERT_ATTEMPT);
}

static int
insert_source_row(struct rw_store_backend *b, const struct rw_source *s)
{
	sqlite3_stmt *st = sq_use(b, ST_INSERT_SOURCE);

	sq_bind_text(st, 1, s->sha256);
	sq_bind_text(st, 2, s->path);
	sq_bind_text(st, 3, s->format);
	sq_bind_text(st, 4, s->title);
	sq_bind_text(st, 5, s->url);
	sq_bind_text(st, 6, s->publisher);
	sq_bind_text(st, 7, s->published);
	sq_bind_text(st, 8, s->ingested_by);
	sq_bind_text(st, 9, s->ingested_at);
	sq_bind_text(st, 10, s->meta_json);
	if (s->near_duplicate_of != 0)
		sqlite3_bind_int64(st, 11, s->near_duplicate_of);
	sqlite3_bind_int64(st, 12, s->byte_size);
	sqlite3_bind_int64(st, 13, s->page_count);
	sqlite3_bind_blob(st, 14, s->minhash, RW_MINHASH_SIZE * sizeof(uint64_t),
	    SQLITE_STATIC);
	sqlite3_bind_blob(st, 15, s->bands, RW_MINHASH_BANDS * sizeof(uint64_t),
	    SQLITE_STATIC);
	return sqlite3_step(st);
}

static int
insert_contents(struct rw_store_backend *b, const struct rw_source *s,
    int64_t id)
{
	sqlite3_stmt *st = sq_use(b, ST_INSERT_BYTES);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob64(st, 2, s->bytes != NULL ? (const void *)s->bytes : "",
	    (sqlite3_uint64)s->byte_size, SQLITE_STATIC);
	if (sq_run(b, ST_INSERT_BYTES) < 0)
		return RW_ESTORE;
	st = sq_use(b, ST_INSERT_TEXT);
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, s->title != NULL ? s->title : "");
	sqlite3_bind_text64(st, 3, s->text, s->text_len, SQLITE_STATIC,
	    SQLITE_UTF8);
	if (sq_run(b, ST_INSERT_TEXT) < 0)
		return RW_ESTORE;
	st = sq_use(b, ST_QUEUE_INSERT);
	sqlite3_bind_int64(st, 1, id);
	return sq_run(b, ST_QUEUE_INSERT);
}

static int
sqlite_source_insert(struct rw_store_backend *b, const struct rw_source *s,
    const struct rw_attempt *attempt, int64_t *ret_id, struct rw_error *err)
{
	int64_t id;
	int rc;

	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	rc = insert_source_row(b, s);
	sqlite3_reset(b->stmt[ST_INSERT_SOURCE]);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		sq_rollback(b);
		if (sqlite_find_sha(b, s->sha256, ret_id) < 0)
			return sq_error(b, err, "looking up a duplicate");
		return RW_EEXIST;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	id = sqlite3_last_insert_rowid(b->db);
	if (insert_contents(b, s, id) < 0 || insert_attempt(b, attempt, id) < 0)
		goto fail;
	if (sq_commit(b, err) < 0)
		return RW_ESTORE;
	*ret_id = id;
	return RW_OK;
fail:
	rc = sq_error(b, err, "storing a source");
	sq_rollback(b);
	return rc;
}

static int
sqlite_attempt_record(struct rw_store_backend *b, const struct rw_attempt *a,
    struct rw_error *err)
{
	if (insert_attempt(b, a, a->source_id) < 0)
		return sq_error(b, err, "recording an ingest attempt");
	return RW_OK;
}

const char *
sq_column_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int
sq_texts(sqlite3_stmt *st, char ***ret, size_t *ret_n)
{
	char **texts = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = sq_column_text(st, 0);

		if (s == NULL)
			continue;
		if (rw_array_room(texts, n, cap, 16) < 0 ||
		    (texts[n] = strdup(s)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	sqlite3_reset(st);
	*ret = texts;
	*ret_n = n;
	return rc == SQLITE_DONE ? RW_OK : rc == SQLITE_NOMEM ? RW_ENOMEM :
	    RW_ESTORE;
}

void
sq_texts_free(char **texts, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(texts[k]);
	free(texts);
}

/* Fills src from the SOURCE_COLUMNS of the current row; the pointers stay
 * valid until the statement steps again. */
static void
row_to_source(sqlite3_stmt *st, struct rw_source *src)
{
	const char *sha = sq_column_text(st, 1);

	memset(src, 0, sizeof(*src));
	src->id = sqlite3_column_int64(st, 0);
	snprintf(src->sha256, sizeof(src->sha256), "%s", sha != NULL ? sha : "");
	src->path = sq_column_text(st, 2);
	src->format = sq_column_text(st, 3);
	src->title = sq_column_text(st, 4);
	src->url = sq_column_text(st, 5);
	src->publisher = sq_column_text(st, 6);
	src->published = sq_column_text(st, 7);
	src->ingested_by = sq_column_text(st, 8);
	src->ingested_at = sq_column_text(st, 9);
	src->meta_json = sq_column_text(st, 10);
	src->near_duplicate_of = sqlite3_column_int64(st, 11);
	src->byte_size = sqlite3_column_int64(st, 12);
	src->page_count = sqlite3_column_int64(st, 13);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

/* Copies a column (text or blob) into a new allocation, or NULL. */
static void *
dup_column(sqlite3_stmt *st, int col, size_t *ret_len)
{
	const void *data = sqlite3_column_blob(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col);
	char *copy = malloc(len + 1);

	if (copy == NULL)
		return NULL;
	if (len > 0)
		memcpy(copy, data, len);
	copy[len] = '\0';
	*ret_len = len;
	return copy;
}

static int
load_extra(struct rw_store_backend *b, enum stmt id, struct rw_source *src,
    int flags)
{
	sqlite3_stmt *st = sq_use(b, id);
	size_t len = 0;
	void *data;

	sqlite3_bind_int64(st, 1, src->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return RW_ESTORE;
	}
	data = dup_column(st, 0, &len);
	sqlite3_reset(st);
	if (data == NULL)
		return RW_ENOMEM;
	if (flags == RW_SOURCE_WITH_TEXT) {
		src->text = data;
		src->text_len = len;
	} else {
		src->bytes = data;
	}
	return RW_OK;
}

static int
sqlite_source_get(struct rw_store_backend *b, int64_t id, int flags,
    struct rw_source **ret, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_GET_SOURCE);
	struct rw_source row, *src;
	int rc, r = RW_OK;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return rw_error_set(err, RW_ENOTFOUND, "no source with id %lld",
		    (long long)id);
	}
	if (rc != SQLITE_ROW) {
		r = sq_error(b, err, "reading a source");
		sqlite3_reset(st);
		return r;
	}
	row_to_source(st, &row);
	src = calloc(1, sizeof(*src));
	if (src == NULL) {
		sqlite3_reset(st);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	*src = row;
	src->path = dup_or_null(row.path);
	src->format = dup_or_null(row.format);
	src->title = dup_or_null(row.title);
	src->url = dup_or_null(row.url);
	src->publisher = dup_or_null(row.publisher);
	src->published = dup_or_null(row.published);
	src->ingested_by = dup_or_null(row.ingested_by);
	src->ingested_at = dup_or_null(row.ingested_at);
	src->meta_json = dup_or_null(row.meta_json);
	sqlite3_reset(st);
	if (flags & RW_SOURCE_WITH_TEXT)
		r = load_extra(b, ST_GET_TEXT, src, RW_SOURCE_WITH_TEXT);
	if (r == RW_OK && (flags & RW_SOURCE_WITH_BYTES))
		r = load_extra(b, ST_GET_BYTES, src, RW_SOURCE_WITH_BYTES);
	if (r < 0) {
		rw_source_free(src);
		return rw_error_set(err, r, "reading source %lld failed: %s",
		    (long long)id, rw_strerror(r));
	}
	*ret = src;
	return RW_OK;
}

static int
sqlite_source_list(struct rw_store_backend *b, int flags, rw_source_cb cb,
    void *ctx, struct rw_error *err)
{
	enum stmt id = ST_LIST_SOURCES;
	struct rw_source src;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (flags & RW_SOURCE_WITH_TEXT)
		id = ST_LIST_WITH_TEXT;
	else if (flags & RW_SOURCE_WITH_BYTES)
		id = ST_LIST_WITH_BYTES;
	st = sq_use(b, id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_to_source(st, &src);
		if (id == ST_LIST_WITH_TEXT) {
			src.text = sq_column_text(st, SOURCE_COLUMN_COUNT);
			src.text_len = (size_t)sqlite3_column_bytes(st,
			    SOURCE_COLUMN_COUNT);
		} else if (id == ST_LIST_WITH_BYTES) {
			src.bytes = sqlite3_column_blob(st, SOURCE_COLUMN_COUNT);
			src.byte_size = sqlite3_column_bytes(st, SOURCE_COLUMN_COUNT);
		}
		stop = cb(&src, ctx);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return sq_error(b, err, "listing sources");
	return RW_OK;
}

static int
sqlite_source_count(struct rw_store_backend *b, int64_t *ret_count)
{
	sqlite3_stmt *st = sq_use(b, ST_COUNT_SOURCES);
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*ret_count = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? RW_OK : RW_ESTORE;
}

/* The band keys as words for source_band_fts, joined by sep. */
static void
band_words(const uint64_t *bands, const char *sep, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < RW_MINHASH_BANDS && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%016llx",
		    i > 0 ? sep : "", (unsigned long long)bands[i]);
}

#define BAND_QUERY_MAX (RW_MINHASH_BANDS * 21)

/* Passes each (id, minhash) row of st to cb; returns cb's stop value. */
static int
each_candidate(sqlite3_stmt *st, rw_candidate_cb cb, void *ctx)
{
	uint64_t minhash[RW_MINHASH_SIZE];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 1) != sizeof(minhash))
			continue;
		memcpy(minhash, sqlite3_column_blob(st, 1), sizeof(minhash));
		stop = cb(sqlite3_column_int64(st, 0), minhash, ctx);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return RW_ESTORE;
	return stop;
}

static int
sqlite_near_candidates(struct rw_store_backend *b, const uint64_t *bands,
    rw_candidate_cb cb, void *ctx)
{
	char query[BAND_QUERY_MAX];
	sqlite3_stmt *st;
	int r;

	band_words(bands, " OR ", query, sizeof(query));
	st = sq_use(b, ST_BAND_CANDIDATES);
	sq_bind_text(st, 1, query);
	r = each_candidate(st, cb, ctx);
	if (r != 0)
		return r;
	/* Queued sources are not in the band index yet: compare them all. */
	return each_candidate(sq_use(b, ST_QUEUE_CANDIDATES), cb, ctx);
}

#define INDEX_BATCH 1000

struct queued {
	int64_t id;
	uint64_t bands[RW_MINHASH_BANDS];
};

/* Indexes one batch of at most want queued sources; *ret_count is how
 * many were indexed (0 when the queue is empty). */
static int
index_batch(struct rw_store_backend *b, int want, int64_t *ret_count,
    struct rw_error *err)
{
	struct queued *batch = malloc(INDEX_BATCH * sizeof(*batch));
	char words[BAND_QUERY_MAX];
	sqlite3_stmt *st;
	int n = 0, rc;

	if (batch == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory indexing");
	if (sq_begin(b, err) < 0) {
		free(batch);
		return RW_ESTORE;
	}
	st = sq_use(b, ST_QUEUE_BATCH);
	sqlite3_bind_int(st, 1, want);
	while (n < want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		batch[n].id = sqlite3_column_int64(st, 0);
		memset(batch[n].bands, 0, sizeof(batch[n].bands));
		if (sqlite3_column_bytes(st, 1) == sizeof(batch[n].bands))
			memcpy(batch[n].bands, sqlite3_column_blob(st, 1),
			    sizeof(batch[n].bands));
		n++;
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++) {
		enum stmt steps[] = {ST_INDEX_TEXT, ST_INDEX_BANDS, ST_QUEUE_DELETE};

		band_words(batch[i].bands, " ", words, sizeof(words));
		for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
			st = sq_use(b, steps[k]);
			sqlite3_bind_int64(st, 1, batch[i].id);
			if (steps[k] == ST_INDEX_BANDS)
				sq_bind_text(st, 2, words);
			if (sq_run(b, steps[k]) < 0) {
				rc = sq_error(b, err, "indexing a source");
				sq_rollback(b);
				free(batch);
				return rc;
			}
		}
	}
	free(batch);
	if (sq_commit(b, err) < 0)
		return RW_ESTORE;
	*ret_count = n;
	return RW_OK;
}

/* Sources waiting in the index queue (a read: no write lock taken). */
static int64_t
queue_length(struct rw_store_backend *b)
{
	sqlite3_stmt *st = sq_use(b, ST_QUEUE_COUNT);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

	sqlite3_reset(st);
	return n;
}

static int
sqlite_index_pending(struct rw_store_backend *b, int max_sources,
    int64_t *ret_indexed, struct rw_error *err)
{
	int64_t done = 0, n;
	int want, r;

	/* Search and check call this every time: an empty queue must cost a
	 * read, not a write transaction. */
	if (queue_length(b) == 0) {
		*ret_indexed = 0;
		return RW_OK;
	}
	do {
		want = INDEX_BATCH;
		if (max_sources > 0 && max_sources - done < want)
			want = (int)(max_sources - done);
		r = index_batch(b, want, &n, err);
		if (r < 0)
			return r;
		done += n;
	} while (n == INDEX_BATCH && (max_sources == 0 || done < max_sources));
	*ret_indexed = done;
	return RW_OK;
}

static int
sqlite_optimize(struct rw_store_backend *b, int what, struct rw_error *err)
{
	enum stmt steps[] = {ST_OPTIMIZE_NEAR, ST_OPTIMIZE_SEARCH};
	int flags[] = {RW_OPTIMIZE_NEAR, RW_OPTIMIZE_SEARCH};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (!(what & flags[i]))
			continue;
		if (sq_begin(b, err) < 0)
			return RW_ESTORE;
		if (sq_run(b, steps[i]) < 0) {
			int r = sq_error(b, err, "optimising an index");

			sq_rollback(b);
			return r;
		}
		if (sq_commit(b, err) < 0)
			return RW_ESTORE;
	}
	return RW_OK;
}

struct ranked {
	int64_t id;
	double score;
	char *snippet; /* owned, or NULL */
};

static int
search_error(struct rw_store_backend *b, const struct rw_search_query *q,
    int rc, struct rw_error *err)
{
	const char *msg = sqlite3_errmsg(b->db);
	int code = rc == SQLITE_ERROR ? RW_EQUERY : RW_ESTORE;

	return rw_error_set(err, code, "cannot run the search [%s]: %s",
	    q->match, msg);
}

/* Fills the snippet of each of the n hits in top. */
static int
load_snippets(struct rw_store_backend *b, const struct rw_search_query *q,
    struct ranked *top, int n)
{
	int64_t lo = top[0].id, hi = top[0].id;
	struct rw_buf ids;
	sqlite3_stmt *st;
	int rc, found = 0;

	rw_buf_init(&ids, (size_t)n * 24 + 4);
	rw_buf_append_char(&ids, '[');
	for (int i = 0; i < n; i++) {
		lo = top[i].id < lo ? top[i].id : lo;
		hi = top[i].id > hi ? top[i].id : hi;
		rw_buf_appendf(&ids, "%s%lld", i > 0 ? "," : "", (long long)top[i].id);
	}
	rw_buf_append_char(&ids, ']');
	st = sq_use(b, ST_SNIPPETS);
	sq_bind_text(st, 1, q->match);
	sq_bind_text(st, 2, ids.data);
	sqlite3_bind_int64(st, 3, lo);
	sqlite3_bind_int64(st, 4, hi);
	while (found < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *snippet = sq_column_text(st, 1);

		for (int i = 0; i < n && snippet != NULL; i++)
			if (top[i].id == id && top[i].snippet == NULL) {
				top[i].snippet = strdup(snippet);
				found++;
			}
	}
	sqlite3_reset(st);
	rw_buf_free(&ids);
	return found == n || rc == SQLITE_DONE || rc == SQLITE_ROW ? RW_OK :
	    RW_ESTORE;
}

/* Loads the metadata of one hit and passes it to cb. */
static int
deliver_hit(struct rw_store_backend *b, const struct ranked *r, int windowed,
    rw_hit_cb cb, void *ctx)
{
	sqlite3_stmt *meta = sq_use(b, ST_GET_SOURCE);
	struct rw_search_hit hit;
	struct rw_source src;
	int stop = 0;

	sqlite3_bind_int64(meta, 1, r->id);
	if (sqlite3_step(meta) == SQLITE_ROW) {
		row_to_source(meta, &src);
		hit.source = &src;
		hit.score = r->score;
		hit.windowed = windowed;
		hit.snippet = r->snippet;
		stop = cb(&hit, ctx);
	}
	sqlite3_reset(meta);
	return stop;
}

/* The lowest rowid to rank so that at most the window's size of the newest
 * matches are ranked, or 0 when fewer match. */
static int
window_floor(struct rw_store_backend *b, const struct rw_search_query *q,
    int64_t *ret_floor)
{
	sqlite3_stmt *st = sq_use(b, ST_SEARCH_WINDOW);
	int rc;

	sq_bind_text(st, 1, q->match);
	sqlite3_bind_int(st, 2, (q->window > 0 ? q->window : RW_SEARCH_WINDOW) - 1);
	*ret_floor = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t floor = sqlite3_column_int64(st, 0);

		/* A window only when a match lies beyond it. */
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*ret_floor = floor;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
sqlite_search(struct rw_store_backend *b, const struct rw_search_query *q,
    rw_hit_cb cb, void *ctx, struct rw_error *err)
{
	struct ranked *top = malloc((size_t)q->limit * sizeof(*top));
	int filtered = q->since != NULL || q->until != NULL || q->publisher != NULL;
	int64_t floor = 0;
	sqlite3_stmt *st;
	int n = 0, rc = SQLITE_OK, stop = 0;

	if (top == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory searching");
	if (!filtered && !q->all)
		rc = window_floor(b, q, &floor);
	if (rc != SQLITE_OK) {
		free(top);
		return search_error(b, q, rc, err);
	}
	st = sq_use(b, filtered ? ST_SEARCH_FILTERED : ST_SEARCH_TOP);
	sq_bind_text(st, 1, q->match);
	if (filtered) {
		sq_bind_text(st, 2, q->since);
		sq_bind_text(st, 3, q->until);
		sq_bind_text(st, 4, q->publisher);
		sqlite3_bind_int(st, 5, q->limit);
	} else {
		sqlite3_bind_int(st, 2, q->limit);
		sqlite3_bind_int64(st, 3, floor);
	}
	while (n < q->limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		top[n].id = sqlite3_column_int64(st, 0);
		top[n].score = sqlite3_column_double(st, 1);
		top[n].snippet = NULL;
		n++;
	}
	if (n < q->limit && rc != SQLITE_DONE)
		stop = search_error(b, q, rc, err);
	sqlite3_reset(st);
	if (stop == 0 && n > 0 && load_snippets(b, q, top, n) < 0)
		stop = sq_error(b, err, "making search snippets");
	for (int i = 0; i < n && stop == 0; i++)
		stop = deliver_hit(b, &top[i], floor > 0, cb, ctx);
	for (int i = 0; i < n; i++)
		free(top[i].snippet);
	free(top);
	return stop;
}

/* Passes "what: detail" to cb and counts it. */
static int
report(rw_problem_cb cb, void *ctx, int *problems, const char *what,
    const char *detail)
{
	char msg[RW_ERROR_MESSAGE_MAX];

	(*problems)++;
	snprintf(msg, sizeof(msg), "%s: %s", what, detail);
	return cb(msg, ctx);
}

static int
sqlite_check(struct rw_store_backend *b, rw_problem_cb cb, void *ctx,
    struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_CHECK_INTEGRITY);
	int64_t queued;
	int problems = 0, rc;
	char id[32];

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = sq_column_text(st, 0);

		if (line != NULL && strcmp(line, "ok") != 0)
			report(cb, ctx, &problems, "database", line);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		report(cb, ctx, &problems, "database", sqlite3_errmsg(b->db));
	if (sq_run(b, ST_CHECK_FTS) < 0)
		report(cb, ctx, &problems, "full-text index",
		    sqlite3_errmsg(b->db));
	if ((queued = queue_length(b)) > 0) {
		snprintf(id, sizeof(id), "%lld sources", (long long)queued);
		report(cb, ctx, &problems, id, "not yet in the search index");
	}
	st = sq_use(b, ST_CHECK_ORPHANS);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(id, sizeof(id), "source %lld",
		    (long long)sqlite3_column_int64(st, 0));
		report(cb, ctx, &problems, id, "text or bytes missing");
	}
	sqlite3_reset(st);
	problems += sq_check_incidents(b, cb, ctx);
	if (problems > 0)
		return rw_error_set(err, RW_ECORRUPT, "%d problem(s) in %s",
		    problems, b->path);
	return RW_OK;
}

const struct rw_store_ops rw_sqlite_ops = {
	.version = RW_STORE_OPS_VERSION,
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.schema_version = sqlite_schema_version,
	.source_find_sha = sqlite_find_sha,
	.source_insert = sqlite_source_insert,
	.source_get = sqlite_source_get,
	.source_list = sqlite_source_list,
	.source_count = sqlite_source_count,
	.near_candidates = sqlite_near_candidates,
	.attempt_record = sqlite_attempt_record,
	.index_pending = sqlite_index_pending,
	.optimize = sqlite_optimize,
	.search = sqlite_search,
	.check = sqlite_check,
	.extraction_save = sq_extraction_save,
	.entity_list = sq_entity_list,
	.incident_list = sq_incident_list,
	.incident_get = sq_incident_get,
	.incident_review = sq_incident_review,
	.incident_split = sq_incident_split,
	.people_list = sq_people_list,
	.person_decide = sq_person_decide,
	.key_get = sq_key_get,
	.key_set = sq_key_set,
	.case_write = sq_case_write,
	.case_get = sq_case_get,
	.case_list = sq_case_list,
	.case_links = sq_case_links,
	.case_link = sq_case_link,
	.case_history = sq_case_history,
	.case_screened = sq_case_screened,
	.reseal = sq_reseal,
	.incident_counts = sq_incident_counts,
	.incident_stats = sq_incident_stats,
	.alert_sweep = sq_alert_sweep,
	.alert_list = sq_alert_list,
	.alert_set_state = sq_alert_set_state,
	.delivery_claim = sq_delivery_claim,
	.delivery_hurry = sq_delivery_hurry,
	.delivery_done = sq_delivery_done,
};
