/* sqlite-int.h: what the files of the SQLite backend share: the backend's
 * state, the ids of its statements (the SQL itself is in `statements[]`
 * of sqlite-store.c, the one place SQL is written) and small helpers.
 *
 * sqlite-store.c: opening, migrations, sources, search, check;
 * sqlite-incidents.c: extraction results, incidents and their review;
 * sqlite-people.c: person names grouped into people, and decisions;
 * sqlite-cases.c: cases; sqlite-alerts.c: early warning. */
#ifndef RW_STORE_SQLITE_INT_H
#define RW_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store-int.h"

enum stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_FIND_SHA,
	ST_INSERT_SOURCE,
	ST_INSERT_BYTES,
	ST_INSERT_TEXT,
	ST_QUEUE_INSERT,
	ST_INSERT_ATTEMPT,
	ST_QUEUE_BATCH,
	ST_INDEX_TEXT,
	ST_INDEX_BANDS,
	ST_QUEUE_DELETE,
	ST_QUEUE_CANDIDATES,
	ST_GET_SOURCE,
	ST_GET_TEXT,
	ST_GET_BYTES,
	ST_LIST_SOURCES,
	ST_LIST_WITH_TEXT,
	ST_LIST_WITH_BYTES,
	ST_COUNT_SOURCES,
	ST_BAND_CANDIDATES,
	ST_SEARCH_TOP,
	ST_SEARCH_WINDOW,
	ST_SEARCH_FILTERED,
	ST_SNIPPETS,
	ST_CHECK_INTEGRITY,
	ST_CHECK_FTS,
	ST_OPTIMIZE_NEAR,
	ST_OPTIMIZE_SEARCH,
	ST_QUEUE_COUNT,
	ST_CHECK_ORPHANS,
	/* extraction and incidents (sqlite-incidents.c) */
	ST_SOURCE_EXISTS,
	ST_EXTRACTION_SET,
	ST_ENTITY_DELETE,
	ST_ENTITY_INSERT,
	ST_ENTITY_LIST,
	ST_SOURCE_PERSON_NAMES,
	ST_SOURCE_LINKS,
	ST_LINK_INSERT,
	ST_LINK_UPDATE,
	ST_LINK_DELETE,
	ST_LINK_MOVE,
	ST_LINK_FIRST,
	ST_LINK_FIND,
	ST_LINK_COUNT,
	ST_INCIDENT_INSERT,
	ST_INCIDENT_FIELDS,
	ST_INCIDENT_PROPOSAL,
	ST_INCIDENT_STATUS,
	ST_INCIDENT_REVIEWED,
	ST_INCIDENT_DELETE,
	ST_INCIDENT_GET,
	ST_INCIDENT_IDS,
	ST_INCIDENT_LINKS,
	ST_INCIDENT_REVIEWS,
	ST_INCIDENT_PERSONS,
	ST_PERSONS_DELETE,
	ST_PERSONS_INSERT,
	ST_CANDIDATES_DATED,
	ST_CANDIDATES_UNDATED,
	ST_REVIEW_INSERT,
	ST_CHECK_INCIDENTS,
	ST_INCIDENT_COUNTS,
	ST_INCIDENT_STATS,
	/* people (sqlite-people.c) */
	ST_NAME_PERSON,
	ST_NAMES_BY_BAG,
	ST_NAMES_BY_KEY,
	ST_NAME_INSERT,
	ST_NAME_DELETE,
	ST_NAMES_OF_PERSON,
	ST_NAME_MENTIONED,
	ST_PERSON_INSERT,
	ST_PERSON_DELETE,
	ST_PERSON_LIST,
	ST_PERSON_SOURCES,
	ST_PERSON_INCIDENTS,
	ST_DECISION_INSERT,
	ST_DECISION_GET,
	ST_DECISIONS_SAME,
	/* cases (sqlite-cases.c) */
	ST_KEY_GET,
	ST_KEY_SET,
	ST_CASE_INSERT,
	ST_CASE_UPDATE,
	ST_CASE_GET,
	ST_CASE_LIST,
	ST_CASE_BY_BLIND,
	ST_CASE_NAMES_DELETE,
	ST_CASE_NAME_INSERT,
	ST_CASE_CHANGE_INSERT,
	ST_CASE_CHANGES,
	ST_CASE_CHANGE_RESEAL,
	ST_CASE_RESEAL,
	ST_CASE_LINK_INCIDENT,
	ST_CASE_LINK_SOURCE,
	ST_CASE_INCIDENTS,
	ST_CASE_SOURCES,
	ST_CASE_SCREENED,
	ST_INCIDENT_EXISTS,
	/* early warning (sqlite-alerts.c) */
	ST_ALERT_CASES,
	ST_WATCH_GET,
	ST_WATCH_SET,
	ST_ALERT_INSERT,
	ST_DELIVERY_OWE,
	ST_ALERT_RESOLVE_CASE,
	ST_MARK_GET,
	ST_MARK_SET,
	ST_INCIDENT_MAX,
	ST_NEW_RETURNS,
	ST_HOST_OPEN,
	ST_HOST_LEVELS,
	ST_ALERT_LIST,
	ST_ALERT_ACK,
	ST_ALERT_RESOLVE,
	ST_ALERT_EXISTS,
	ST_DELIVERY_CLAIM,
	ST_DELIVERY_DONE,
	ST_DELIVERY_HURRY,
	ST__MAX
};

struct rw_store_backend {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[ST__MAX];
};

/* Sets err to "WHAT failed in PATH: sqlite's message"; returns RW_ESTORE. */
int sq_error(struct rw_store_backend *b, struct rw_error *err,
    const char *what);

/* The prepared statement id, reset and with its bindings cleared. */
sqlite3_stmt *sq_use(struct rw_store_backend *b, enum stmt id);

/* Binds s, or NULL; the string must outlive the statement's run. */
int sq_bind_text(sqlite3_stmt *st, int col, const char *s);

/* Runs a statement that returns no rows: RW_OK or RW_ESTORE. */
int sq_run(struct rw_store_backend *b, enum stmt id);

/* BEGIN IMMEDIATE, COMMIT (rolling back when it fails), ROLLBACK if a
 * transaction is open. */
int sq_begin(struct rw_store_backend *b, struct rw_error *err);
int sq_commit(struct rw_store_backend *b, struct rw_error *err);
void sq_rollback(struct rw_store_backend *b);

const char *sq_column_text(sqlite3_stmt *st, int col);

/* Steps st to the end, collecting the first column's texts (NULLs
 * skipped) into *ret (sq_texts_free them, also after a failure). */
int sq_texts(sqlite3_stmt *st, char ***ret, size_t *ret_n);
void sq_texts_free(char **texts, size_t n);

/* Version 2 operations, in sqlite-incidents.c and sqlite-people.c. */
int sq_extraction_save(struct rw_store_backend *b, int64_t source_id,
    const char *rules, const char *text, size_t text_len,
    const struct rw_extraction *found, struct rw_extraction_saved *ret,
    struct rw_error *err);
int sq_entity_list(struct rw_store_backend *b, int64_t source_id,
    rw_entity_cb cb, void *ctx, struct rw_error *err);
int sq_incident_list(struct rw_store_backend *b, int status,
    rw_incident_cb cb, void *ctx, struct rw_error *err);
int sq_incident_get(struct rw_store_backend *b, int64_t id,
    struct rw_incident_record **ret, struct rw_error *err);
int sq_incident_review(struct rw_store_backend *b, int64_t id,
    enum rw_review_action action, const char *who,
    const struct rw_incident_edit *edit, int *ret_changed,
    struct rw_error *err);
int sq_incident_split(struct rw_store_backend *b, int64_t id,
    int64_t source_id, const char *who, int64_t *ret_new_id,
    struct rw_error *err);
int sq_incident_counts(struct rw_store_backend *b, const char *host,
    rw_count_cb cb, void *ctx, struct rw_error *err);
int sq_incident_stats(struct rw_store_backend *b,
    const struct rw_stats_query *q, rw_stats_cb cb, void *ctx,
    struct rw_error *err);
int sq_people_list(struct rw_store_backend *b, rw_person_cb cb, void *ctx,
    struct rw_error *err);
int sq_person_decide(struct rw_store_backend *b, const char *name_a,
    const char *name_b, int same, const char *who, struct rw_error *err);

/* Version 3 operations, in sqlite-cases.c. */
int sq_key_get(struct rw_store_backend *b, char **ret_key_id,
    char **ret_salt, struct rw_error *err);
int sq_key_set(struct rw_store_backend *b, const char *key_id,
    const char *salt, struct rw_error *err);
int sq_case_write(struct rw_store_backend *b, const struct rw_case_write *w,
    int64_t *ret_id, struct rw_error *err);
int sq_case_get(struct rw_store_backend *b, int64_t id, rw_case_row_cb cb,
    void *ctx, struct rw_error *err);
int sq_case_list(struct rw_store_backend *b, const char *blind,
    rw_case_row_cb cb, void *ctx, struct rw_error *err);
int sq_case_links(struct rw_store_backend *b, int64_t id,
    int64_t **ret_incidents, size_t *ret_n_incidents, int64_t **ret_sources,
    size_t *ret_n_sources, struct rw_error *err);
int sq_case_link(struct rw_store_backend *b, int64_t id, int64_t incident_id,
    int64_t source_id, struct rw_error *err);
int sq_case_history(struct rw_store_backend *b, int64_t id,
    rw_case_change_cb cb, void *ctx, struct rw_error *err);
int sq_case_screened(struct rw_store_backend *b, int64_t id,
    const char *level, int score, struct rw_error *err);
int sq_reseal(struct rw_store_backend *b, const struct rw_reseal *r,
    struct rw_error *err);
/* Reads the case row st stands on (the columns of ST_CASE_LIST, first);
 * strings borrowed from st. */
void sq_case_row_read(sqlite3_stmt *st, struct rw_case_row *row);

/* Version 4 operations, in sqlite-alerts.c. */
int sq_alert_sweep(struct rw_store_backend *b, const struct rw_alert_sweep *s,
    struct rw_alert_swept *ret, struct rw_error *err);
int sq_alert_list(struct rw_store_backend *b, int state, int64_t id,
    rw_alert_cb cb, void *ctx, struct rw_error *err);
int sq_alert_set_state(struct rw_store_backend *b, int64_t id,
    enum rw_alert_state state, const char *who, const char *now,
    int *ret_changed, struct rw_error *err);
int sq_delivery_claim(struct rw_store_backend *b, const char *who,
    const char *now, const char *until, size_t max,
    struct rw_alert_delivery **ret, size_t *ret_n, struct rw_error *err);
int sq_delivery_hurry(struct rw_store_backend *b, const char *now,
    int64_t *ret_n, struct rw_error *err);
int sq_delivery_done(struct rw_store_backend *b, int64_t id, const char *who,
    int tries, enum rw_delivery_outcome outcome, const char *error,
    const char *now, const char *next_at, struct rw_error *err);

/* Reports incidents without a source to cb (for check); returns how many. */
int sq_check_incidents(struct rw_store_backend *b, rw_problem_cb cb,
    void *ctx);

/* People, for sqlite-incidents.c; all run inside the caller's transaction.
 *
 * sq_person_name_add registers a name (an entity's or an incident's) if it
 * is new, placing it with the person its decisions or rules give.
 * sq_person_names_forget drops the names no entity or incident holds any
 * longer, regrouping the people they belonged to. sq_same_person says
 * whether two names are taken for one person. */
int sq_person_name_add(struct rw_store_backend *b, const char *name);
int sq_person_names_forget(struct rw_store_backend *b, char **names,
    size_t n);
int sq_same_person(struct rw_store_backend *b, const char *a, const char *c);

#endif
