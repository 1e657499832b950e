/* store.h: the one interface to persistence.
 *
 * A store is an opaque handle over a backend. Each backend (SQLite in
 * sqlite/, PostgreSQL later) fills in a versioned `struct rw_store_ops`, in
 * the manner of SQLite's sqlite3_io_methods, and passes the same
 * conformance tests (tests/unit/test-store.c). Callers never see SQL.
 *
 * Invariants every backend keeps:
 *  1. A source is written whole or not at all: its row, bytes, text and the
 *     ingest attempt that produced it commit in one transaction, together
 *     with its place in the index queue.
 *  1a. The derived indexes (full text, near-duplicate bands) are written
 *     from the queue in batches by index_pending; a source leaves the queue
 *     in the same transaction that indexes it. Search and check bring the
 *     indexes up to date first, so callers never see a queued source
 *     missing; near-duplicate lookup also compares queued sources.
 *  2. Two sources never share a SHA-256; inserting one that exists fails
 *     with RW_EEXIST and reports the existing id.
 *  3. Evidence is immutable: nothing here changes a stored source's bytes.
 *  4. A store whose schema is newer than this build is refused (RW_EVERSION)
 *     and left untouched. */
#ifndef RW_STORE_STORE_H
#define RW_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "extract/extract.h"

#define RW_SHA256_HEX 65    /* 64 hex digits and NUL */
#define RW_MINHASH_SIZE 64  /* values in a near-duplicate signature */
#define RW_MINHASH_BANDS 16 /* bands used to find candidates */

struct rw_store;

/* A stored document: evidence plus what was read from it. When a source is
 * handed to a callback or returned by rw_store_source_get, every pointer is
 * owned by the store (or by the struct, for _get) and strings may be NULL
 * when unknown. */
struct rw_source {
	int64_t id;
	char sha256[RW_SHA256_HEX];
	const char *path;       /* path it was ingested from, as given */
	const char *format;     /* "text", "html" or "pdf" */
	const char *title;
	const char *url;
	const char *publisher;
	const char *published;  /* YYYY, YYYY-MM or YYYY-MM-DD */
	const char *ingested_by;
	const char *ingested_at; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	const char *meta_json;  /* other metadata, a JSON object, or NULL */
	int64_t near_duplicate_of; /* id of the first copy, or 0 */
	int64_t byte_size;      /* size of the original bytes */
	const unsigned char *bytes; /* original bytes (insert, or _get with bytes) */
	const char *text;       /* extracted text, UTF-8; pages split by \f */
	size_t text_len;
	const uint64_t *minhash; /* RW_MINHASH_SIZE values (insert only) */
	const uint64_t *bands;   /* RW_MINHASH_BANDS values (insert only) */
	int64_t page_count;     /* pages, for PDF; 0 otherwise */
};

enum rw_attempt_status {
	RW_ATTEMPT_NEW,            /* stored as a new source */
	RW_ATTEMPT_DUPLICATE,      /* same bytes already stored */
	RW_ATTEMPT_NEAR_DUPLICATE, /* stored, and linked to an earlier copy */
	RW_ATTEMPT_FAILED,         /* not stored; reason says why */
};

/* One try at ingesting one path: the ingest log. */
struct rw_attempt {
	int64_t id;
	const char *path;
	const char *sha256;     /* NULL when the file could not be read */
	enum rw_attempt_status status;
	const char *reason;     /* why it failed, or NULL */
	int64_t source_id;      /* stored or matching source, or 0 */
	const char *by;
	const char *at;
};

struct rw_search_query {
	const char *match;     /* full-text query: words, "phrases", pre*, AND/OR/NOT */
	const char *since;     /* published on or after (YYYY[-MM[-DD]]), or NULL */
	const char *until;     /* published on or before, or NULL */
	const char *publisher; /* exact publisher, case-insensitive, or NULL */
	int limit;             /* at most this many hits (1..1000) */
	int all;               /* rank every match, however many (see below) */
	int window;            /* window size; 0 means RW_SEARCH_WINDOW */
};

/* A query without filters that matches more than RW_SEARCH_WINDOW sources
 * is ranked among the RW_SEARCH_WINDOW most recently ingested matches,
 * unless `all` is set, so that broad queries answer in bounded time; the
 * hits then say `windowed`. Filtered queries always rank every match. */
#define RW_SEARCH_WINDOW 10000

/* Snippet highlight markers: the matched words sit between these bytes.
 * Front ends turn them into bold, brackets or <mark> after escaping. */
#define RW_MARK_START "\x02"
#define RW_MARK_END "\x03"

struct rw_search_hit {
	const struct rw_source *source; /* metadata only: no bytes, no text */
	double score;                   /* higher is more relevant (BM25) */
	const char *snippet;            /* text around the matches, marked */
	int windowed;                   /* ranked within RW_SEARCH_WINDOW */
};

/* Callbacks return 0 to go on, or a positive value to stop; that value is
 * passed back to the caller of the iterating function (library errors are
 * negative, so the two never mix). */
typedef int (*rw_source_cb)(const struct rw_source *src, void *ctx);
typedef int (*rw_hit_cb)(const struct rw_search_hit *hit, void *ctx);
typedef int (*rw_candidate_cb)(int64_t source_id, const uint64_t *minhash,
    void *ctx);
typedef int (*rw_problem_cb)(const char *problem, void *ctx);

/* Flags for rw_store_source_get. */
#define RW_SOURCE_WITH_TEXT 0x1
#define RW_SOURCE_WITH_BYTES 0x2

/* ---- Extraction, incidents, review and people (schema 2) ----
 *
 * Extraction's output for a source is saved whole (rw_store_extraction_save):
 * its entities, and its incidents, each either linked to an incident
 * already stored (the same incident told by another source: same type and
 * host, compatible dates, the same people, or the same group and a close
 * count) or stored as a new `proposed` incident. A person then accepts,
 * rejects, edits or splits it; each review is logged with what changed.
 *
 * Invariants every backend keeps, besides 1-4 above:
 *  5. Reviewed incidents (accepted, rejected, edited or split) are never
 *     changed or deleted by extraction; extraction may only add a source
 *     to an accepted or proposed one.
 *  6. The machine's proposal is kept: each source's reading of an incident
 *     (rw_incident_link.proposal) and the one the incident was made from
 *     (rw_incident_record.proposal) are never edited.
 *  7. A person name belongs to one person at a time; a recorded decision
 *     that two names are (not) the same person holds over the rules, and
 *     is keyed by the names' comparison keys, so it outlives
 *     re-extraction. */

enum rw_incident_status {
	RW_STATUS_PROPOSED,
	RW_STATUS_ACCEPTED,
	RW_STATUS_REJECTED,
	RW_STATUS_COUNT
};

/* One source's report of an incident. */
struct rw_incident_link {
	int64_t source_id;
	const char *quote;          /* the sentence, from the source's text */
	int64_t quote_start, quote_end; /* in characters of the source's text */
	const char *rules;          /* extraction rules that read it */
	const char *proposal;       /* JSON: the machine's incident, as read here */
	const char *added_at;
};

/* One thing a person did to an incident. */
struct rw_review {
	int64_t id;
	const char *who;
	const char *at;
	const char *action;  /* "accept", "reject", "edit", "split" */
	const char *changes; /* JSON object: field -> {"before":..,"after":..} */
};

/* A stored incident with its sources and review history. Returned by
 * rw_store_incident_get (free with rw_incident_record_free) or lent to a
 * listing callback. fields.quote_start/quote_end are not used. */
struct rw_incident_record {
	int64_t id;
	enum rw_incident_status status;
	int reviewed;               /* a person reviewed it */
	struct rw_incident fields;
	const char *rules;          /* rules of the proposal it was made from */
	const char *proposal;       /* JSON: that original proposal */
	const char *created_at;
	const char *updated_at;
	struct rw_incident_link *links; /* in the order they were added */
	size_t n_links;
	struct rw_review *reviews;  /* oldest first */
	size_t n_reviews;
};

/* What rw_store_extraction_save did. */
struct rw_extraction_saved {
	size_t entities;  /* entities stored */
	size_t created;   /* new incidents */
	size_t merged;    /* incidents added to one another source reported */
	size_t kept;      /* already stored from this source (maybe updated) */
	size_t removed;   /* unreviewed reports the rules no longer make */
};

/* An edit: the fields named in `fields` take their values from `values`
 * (an empty string, count -1, year 0 or RW_MECHANISM_NONE clear them). */
#define RW_FIELD_TYPE 0x01
#define RW_FIELD_MECHANISM 0x02
#define RW_FIELD_DATE 0x04
#define RW_FIELD_HOST 0x08
#define RW_FIELD_DEST 0x10
#define RW_FIELD_PERSONS 0x20
#define RW_FIELD_GROUP 0x40
#define RW_FIELD_COUNT 0x80
#define RW_FIELD_ALL 0xFF

struct rw_incident_edit {
	unsigned fields;
	struct rw_incident values;
};

enum rw_review_action {
	RW_REVIEW_ACCEPT,
	RW_REVIEW_REJECT,
	RW_REVIEW_EDIT,
	RW_REVIEW_SPLIT,
};

/* An entity as stored: offsets in characters of the source's text. */
struct rw_entity_record {
	int64_t source_id;
	const char *kind;  /* "person", "country", ... */
	int64_t start, end;
	const char *text;  /* the span as written */
	const char *value; /* normalised value, or NULL */
};

/* A name of a person and why it belongs there. */
struct rw_person_name {
	const char *name;
	const char *rule; /* "canonical", a rw_name_rule_name(), or "alias"
	                   * (a person recorded that it is the same person) */
	const char *via;  /* the name it was matched with, or NULL */
};

struct rw_person {
	int64_t id;
	const char *name;             /* canonical name */
	struct rw_person_name *names; /* the canonical name first */
	size_t n_names;
	int64_t *sources;             /* sources naming any of the names */
	size_t n_sources;
	int64_t *incidents;           /* incidents naming any of the names */
	size_t n_incidents;
};

/* Incidents hosted in one country that share a type, a year and a
 * destination (rw_store_incident_counts): a country's record. */
struct rw_incident_count {
	enum rw_incident_type type;
	int year;           /* of the incident's date; 0 when undated */
	char dest[3];       /* destination country, "" when none */
	int64_t incidents;  /* incidents not rejected */
	int64_t accepted;   /* of which a person accepted */
	int64_t people;     /* their count, or their named persons when no
	                     * count is given, at least one each
	                     * (per-person totals, as `stats` counts) */
};

/* Statistics over accepted incidents (rw_store_incident_stats): the
 * dimensions rows may be grouped by. */
enum rw_stats_dim {
	RW_STATS_HOST,  /* host country code */
	RW_STATS_YEAR,  /* first four characters of the date */
	RW_STATS_TYPE,  /* incident type name */
	RW_STATS_GROUP, /* the group the people belong to */
	RW_STATS_DIMS
};

/* Which dimensions to group by, in the order rows are sorted by:
 * by[0..n_by), each at most once, 1 <= n_by <= RW_STATS_DIMS. */
struct rw_stats_query {
	enum rw_stats_dim by[RW_STATS_DIMS];
	size_t n_by;
};

/* One group of accepted incidents. value[d] is the group's value of
 * dimension d (indexed by enum rw_stats_dim, not by the query's order),
 * NULL when the incidents do not state it or d is not grouped by. */
struct rw_stats_row {
	const char *value[RW_STATS_DIMS];
	int64_t incidents;  /* each incident once */
	int64_t persons;    /* per incident: its count, else its named
	                     * persons, else 1 */
};

typedef int (*rw_incident_cb)(const struct rw_incident_record *inc,
    void *ctx);
typedef int (*rw_stats_cb)(const struct rw_stats_row *row, void *ctx);
typedef int (*rw_count_cb)(const struct rw_incident_count *c, void *ctx);
typedef int (*rw_entity_cb)(const struct rw_entity_record *e, void *ctx);
typedef int (*rw_person_cb)(const struct rw_person *p, void *ctx);

/* A case as the store holds it: the sealed part (crypto/seal.h; the
 * store never sees a key or a plaintext name) and the plain fields
 * screening and statistics use. Strings NULL when none; JSON fields are
 * arrays. See cases/case-store.h for the case in plaintext. */
struct rw_case_row {
	int64_t id;
	const char *uid;           /* random; the sealing context's id */
	const char *sealed;
	const char *status, *legal_status;
	const char *host, *dest, *nationality, *group;
	long count;
	const char *tags_json, *deadlines_json, *requests_json;
	int closed;
	const char *level;         /* last screening, or NULL */
	int score;
	const char *created_at, *updated_at;
	int64_t version;           /* read: the case's; written: the version
	                            * an update was made from */
};

/* A case's blind indexes (one per name and alias) and, for a change, the
 * sealed record of what changed and who made it. */
struct rw_case_write {
	const struct rw_case_row *row;
	const char *const *blinds;
	size_t n_blinds;
	const char *who;
	const char *change_sealed; /* the change record, sealed */
};

/* One change of a case's history. */
struct rw_case_change {
	int64_t id, case_id;
	const char *at, *who, *sealed;
};

typedef int (*rw_case_row_cb)(const struct rw_case_row *row, void *ctx);
typedef int (*rw_case_change_cb)(const struct rw_case_change *c, void *ctx);

/* Re-sealing for a new key: given a case's row, the new sealed value
 * and its new blind indexes (allocated, freed by the caller); given a
 * change, its new sealed value. */
struct rw_reseal {
	int (*reseal_case)(const struct rw_case_row *row, char **ret_sealed,
	    char ***ret_blinds, size_t *ret_n, void *ctx);
	int (*reseal_change)(const struct rw_case_row *row,
	    const struct rw_case_change *c, char **ret_sealed, void *ctx);
	void *ctx;
	const char *key_id, *salt;  /* the new key's fingerprint and salt */
};

/* Early warning (issue 6; cases/alerts in src/alerts/ decide what to
 * raise, the store keeps it). */
enum rw_alert_state {
	RW_ALERT_OPEN,
	RW_ALERT_ACKED,     /* someone has seen it and is acting */
	RW_ALERT_RESOLVED,
	RW_ALERT_STATES
};

/* An alert as stored. Strings borrowed for the callback; NULL when
 * none. The summary and detail name no one. */
struct rw_alert {
	int64_t id;
	const char *key;            /* what it is about; unique */
	const char *rule;           /* "deadline", "status", ... */
	int64_t case_id;            /* 0 when about a country */
	const char *host, *level;
	const char *due;            /* YYYY-MM-DD: the deadline it is about */
	const char *summary;
	const char *detail_json;    /* a JSON object */
	enum rw_alert_state state;
	const char *raised_at, *acked_by, *acked_at, *resolved_by,
	    *resolved_at;
};

/* An alert to raise; strings borrowed for the call. */
struct rw_alert_new {
	const char *key, *rule;
	int64_t case_id;
	const char *host, *level, *due, *summary, *detail_json;
};

/* What the last alert run saw of a case (known 0: none has). */
struct rw_alert_watch {
	int known;
	const char *status, *level;
	int closed;
	int64_t links;              /* incidents and sources linked */
	int64_t changes;            /* status and level changes alerted */
};

/* A case as an alert run sees it now, and as the last run saw it. */
struct rw_alert_case {
	const struct rw_case_row *row;
	int64_t links;
	struct rw_alert_watch seen;
};

/* Return incidents (not rejected) new since the last run, from one
 * host, and the open cases held there. */
struct rw_alert_returns {
	const char *host;
	const int64_t *incidents;
	size_t n_incidents;
	int64_t open_cases;
	const char *const *levels;  /* the screening levels among them */
	size_t n_levels;
};

/* Where the rules put what they find, during a sweep. raise writes the
 * alert unless one with its key exists (then *ret_new is 0), and owes
 * its deliveries; resolve_case resolves every unresolved alert of a
 * case. */
struct rw_alert_sink {
	int (*raise)(struct rw_alert_sink *s, const struct rw_alert_new *a,
	    int *ret_new, struct rw_error *err);
	int (*resolve_case)(struct rw_alert_sink *s, int64_t case_id,
	    const char *who, struct rw_error *err);
};

/* One alert run's pass over the store (rw_store_alert_sweep). on_case
 * returns how many changes it alerted for (added to the case's watch),
 * or a negative code. */
struct rw_alert_sweep {
	const char *now;            /* UTC: raised_at, when deliveries fall due */
	const char *const *channels; /* "webhook", "email": owed per alert */
	size_t n_channels;
	const char *digest_key;     /* owe this digest e-mail once, or NULL */
	int (*on_case)(const struct rw_alert_case *c, struct rw_alert_sink *s,
	    void *ctx);
	int (*on_returns)(const struct rw_alert_returns *r,
	    struct rw_alert_sink *s, void *ctx);
	void *ctx;
};

/* What a sweep did. */
struct rw_alert_swept {
	int64_t cases, raised, resolved, owed;
};

/* A delivery claimed for sending. */
struct rw_alert_delivery {
	int64_t id;
	char key[64];
	int64_t alert_id;           /* 0: the digest */
	char channel[8];            /* "webhook" or "email" */
	int64_t attempts;           /* tries made before this claim */
};

/* What became of a claimed delivery. */
enum rw_delivery_outcome {
	RW_DELIVERY_SENT,
	RW_DELIVERY_RETRY,          /* try again from next_at */
	RW_DELIVERY_FAILED          /* for good */
};

typedef int (*rw_alert_cb)(const struct rw_alert *a, void *ctx);

#define RW_STORE_OPS_VERSION 4

struct rw_store_backend;

/* What a backend implements. Every function receives the backend's own
 * state. Strings passed in are borrowed for the duration of the call. */
struct rw_store_ops {
	int version;       /* RW_STORE_OPS_VERSION */
	const char *name;  /* "sqlite", ... */
	int (*open)(const char *location, int create,
	    struct rw_store_backend **ret, struct rw_error *err);
	void (*close)(struct rw_store_backend *b);
	int (*schema_version)(struct rw_store_backend *b, int *ret_version);
	int (*source_find_sha)(struct rw_store_backend *b, const char *sha256,
	    int64_t *ret_id);
	int (*source_insert)(struct rw_store_backend *b,
	    const struct rw_source *src, const struct rw_attempt *attempt,
	    int64_t *ret_id, struct rw_error *err);
	int (*source_get)(struct rw_store_backend *b, int64_t id, int flags,
	    struct rw_source **ret, struct rw_error *err);
	int (*source_list)(struct rw_store_backend *b, int flags,
	    rw_source_cb cb, void *ctx, struct rw_error *err);
	int (*source_count)(struct rw_store_backend *b, int64_t *ret_count);
	int (*near_candidates)(struct rw_store_backend *b,
	    const uint64_t *bands, rw_candidate_cb cb, void *ctx);
	int (*attempt_record)(struct rw_store_backend *b,
	    const struct rw_attempt *attempt, struct rw_error *err);
	int (*index_pending)(struct rw_store_backend *b, int max_sources,
	    int64_t *ret_indexed, struct rw_error *err);
	int (*optimize)(struct rw_store_backend *b, int what,
	    struct rw_error *err);
	int (*search)(struct rw_store_backend *b, const struct rw_search_query *q,
	    rw_hit_cb cb, void *ctx, struct rw_error *err);
	int (*check)(struct rw_store_backend *b, rw_problem_cb cb, void *ctx,
	    struct rw_error *err);
	/* Version 2: extraction, incidents, review, people. */
	int (*extraction_save)(struct rw_store_backend *b, int64_t source_id,
	    const char *rules, const char *text, size_t text_len,
	    const struct rw_extraction *found, struct rw_extraction_saved *ret,
	    struct rw_error *err);
	int (*entity_list)(struct rw_store_backend *b, int64_t source_id,
	    rw_entity_cb cb, void *ctx, struct rw_error *err);
	int (*incident_list)(struct rw_store_backend *b, int status,
	    rw_incident_cb cb, void *ctx, struct rw_error *err);
	int (*incident_get)(struct rw_store_backend *b, int64_t id,
	    struct rw_incident_record **ret, struct rw_error *err);
	int (*incident_review)(struct rw_store_backend *b, int64_t id,
	    enum rw_review_action action, const char *who,
	    const struct rw_incident_edit *edit, int *ret_changed,
	    struct rw_error *err);
	int (*incident_split)(struct rw_store_backend *b, int64_t id,
	    int64_t source_id, const char *who, int64_t *ret_new_id,
	    struct rw_error *err);
	int (*people_list)(struct rw_store_backend *b, rw_person_cb cb,
	    void *ctx, struct rw_error *err);
	int (*person_decide)(struct rw_store_backend *b, const char *name_a,
	    const char *name_b, int same, const char *who,
	    struct rw_error *err);
	/* Version 3: cases, the key's fingerprint, re-sealing, a country's
	 * record. */
	int (*key_get)(struct rw_store_backend *b, char **ret_key_id,
	    char **ret_salt, struct rw_error *err);
	int (*key_set)(struct rw_store_backend *b, const char *key_id,
	    const char *salt, struct rw_error *err);
	int (*case_write)(struct rw_store_backend *b,
	    const struct rw_case_write *w, int64_t *ret_id,
	    struct rw_error *err);
	int (*case_get)(struct rw_store_backend *b, int64_t id,
	    rw_case_row_cb cb, void *ctx, struct rw_error *err);
	int (*case_list)(struct rw_store_backend *b, const char *blind,
	    rw_case_row_cb cb, void *ctx, struct rw_error *err);
	int (*case_links)(struct rw_store_backend *b, int64_t id,
	    int64_t **ret_incidents, size_t *ret_n_incidents,
	    int64_t **ret_sources, size_t *ret_n_sources,
	    struct rw_error *err);
	int (*case_link)(struct rw_store_backend *b, int64_t id,
	    int64_t incident_id, int64_t source_id, struct rw_error *err);
	int (*case_history)(struct rw_store_backend *b, int64_t id,
	    rw_case_change_cb cb, void *ctx, struct rw_error *err);
	int (*case_screened)(struct rw_store_backend *b, int64_t id,
	    const char *level, int score, struct rw_error *err);
	int (*reseal)(struct rw_store_backend *b, const struct rw_reseal *r,
	    struct rw_error *err);
	/* a country's record */
	int (*incident_counts)(struct rw_store_backend *b, const char *host,
	    rw_count_cb cb, void *ctx, struct rw_error *err);
	/* statistics (added in version 3, at the end) */
	int (*incident_stats)(struct rw_store_backend *b,
	    const struct rw_stats_query *q, rw_stats_cb cb, void *ctx,
	    struct rw_error *err);
	/* Version 4: early warning. */
	int (*alert_sweep)(struct rw_store_backend *b,
	    const struct rw_alert_sweep *s, struct rw_alert_swept *ret,
	    struct rw_error *err);
	int (*alert_list)(struct rw_store_backend *b, int state, int64_t id,
	    rw_alert_cb cb, void *ctx, struct rw_error *err);
	int (*alert_set_state)(struct rw_store_backend *b, int64_t id,
	    enum rw_alert_state state, const char *who, const char *now,
	    int *ret_changed, struct rw_error *err);
	int (*delivery_claim)(struct rw_store_backend *b, const char *who,
	    const char *now, const char *until, size_t max,
	    struct rw_alert_delivery **ret, size_t *ret_n,
	    struct rw_error *err);
	int (*delivery_hurry)(struct rw_store_backend *b, const char *now,
	    int64_t *ret_n, struct rw_error *err);
	int (*delivery_done)(struct rw_store_backend *b, int64_t id,
	    const char *who, int tries, enum rw_delivery_outcome outcome,
	    const char *error, const char *now, const char *next_at,
	    struct rw_error *err);
};

/* Opens the store at location (a data directory for SQLite). With create,
 * makes it if absent; without, a missing store is RW_ENOTFOUND. Opening
 * brings an older schema up to date (a write); a newer one is refused. */
int rw_store_open(const char *location, int create, struct rw_store **ret,
    struct rw_error *err);

/* Closes the store; NULL is accepted. Returns NULL. */
struct rw_store *rw_store_close(struct rw_store *store);

/* Name of the backend in use ("sqlite"). */
const char *rw_store_backend_name(const struct rw_store *store);

/* Schema version the store is at. */
int rw_store_schema_version(struct rw_store *store, int *ret_version);

/* Id of the source with this SHA-256 (lower-case hex), or RW_ENOTFOUND. */
int rw_store_source_find_sha(struct rw_store *store, const char *sha256,
    int64_t *ret_id);

/* Inserts src and records attempt with it, in one transaction. On RW_EEXIST
 * (same SHA-256 stored meanwhile) *ret_id is the existing source. */
int rw_store_source_insert(struct rw_store *store, const struct rw_source *src,
    const struct rw_attempt *attempt, int64_t *ret_id, struct rw_error *err);

/* Loads one source; free it with rw_source_free. */
int rw_store_source_get(struct rw_store *store, int64_t id, int flags,
    struct rw_source **ret, struct rw_error *err);

/* Calls cb for every source in id order (flags: RW_SOURCE_WITH_TEXT). */
int rw_store_source_list(struct rw_store *store, int flags, rw_source_cb cb,
    void *ctx, struct rw_error *err);

int rw_store_source_count(struct rw_store *store, int64_t *ret_count);

/* Calls cb for each indexed source sharing at least one band with bands,
 * and for every source still in the index queue (a source may come more
 * than once). */
int rw_store_near_candidates(struct rw_store *store, const uint64_t *bands,
    rw_candidate_cb cb, void *ctx);

/* Records an attempt that stored nothing (duplicate or failure). */
int rw_store_attempt_record(struct rw_store *store,
    const struct rw_attempt *attempt, struct rw_error *err);

/* Writes the derived indexes of up to max_sources queued sources (all when
 * max_sources is 0), in one transaction; *ret_indexed (if not NULL) gets
 * how many. Ingest calls it every few hundred sources and at the end. */
int rw_store_index_pending(struct rw_store *store, int max_sources,
    int64_t *ret_indexed, struct rw_error *err);

/* What rw_store_optimize compacts. */
#define RW_OPTIMIZE_NEAR 0x1   /* the near-duplicate band index */
#define RW_OPTIMIZE_SEARCH 0x2 /* the full-text index */

/* Merges an index's segments into one, so lookups touch fewer of them.
 * Costs time in proportion to the index (seconds at 100,000 sources):
 * ingest calls it after large batches, not after every file. */
int rw_store_optimize(struct rw_store *store, int what, struct rw_error *err);

/* Runs a ranked full-text search, best first (indexing queued sources
 * first). */
int rw_store_search(struct rw_store *store, const struct rw_search_query *q,
    rw_hit_cb cb, void *ctx, struct rw_error *err);

/* Verifies the store: database integrity, index consistency, and that each
 * source's bytes still hash to its SHA-256. Each problem goes to cb;
 * returns RW_ECORRUPT if any was found. */
int rw_store_check(struct rw_store *store, rw_problem_cb cb, void *ctx,
    struct rw_error *err);

/* Saves what extraction found in a source's text (the text the source
 * holds: offsets are checked against it) in one transaction: replaces the
 * source's entities and its unreviewed incidents, merges each incident
 * into one another source reported when they agree (see above), and
 * leaves reviewed incidents as they are. rules is the extractor's version.
 * Saving the same output twice changes nothing. *ret may be NULL. */
int rw_store_extraction_save(struct rw_store *store, int64_t source_id,
    const char *rules, const char *text, size_t text_len,
    const struct rw_extraction *found, struct rw_extraction_saved *ret,
    struct rw_error *err);

/* Calls cb for each entity of a source, in text order; RW_ENOTFOUND when
 * there is no such source. */
int rw_store_entity_list(struct rw_store *store, int64_t source_id,
    rw_entity_cb cb, void *ctx, struct rw_error *err);

/* Calls cb for each incident (with its links and reviews) in id order;
 * status is an enum rw_incident_status, or -1 for all. */
int rw_store_incident_list(struct rw_store *store, int status,
    rw_incident_cb cb, void *ctx, struct rw_error *err);

/* Loads one incident; RW_ENOTFOUND when there is none with that id. */
int rw_store_incident_get(struct rw_store *store, int64_t id,
    struct rw_incident_record **ret, struct rw_error *err);
void rw_incident_record_free(struct rw_incident_record *inc);

/* Records a person's review (RW_REVIEW_ACCEPT, _REJECT or _EDIT; edit
 * is used for _EDIT only) with who and when, and what changed. A review
 * that changes nothing (accepting an accepted incident, an edit to the
 * values already there) is not recorded: *ret_changed (if not NULL) says
 * which. Values are checked (RW_EINVAL). */
int rw_store_incident_review(struct rw_store *store, int64_t id,
    enum rw_review_action action, const char *who,
    const struct rw_incident_edit *edit, int *ret_changed,
    struct rw_error *err);

/* Moves one source's report out of an incident into a new incident made
 * from that report's proposal (a wrong merge undone); both incidents log
 * the split. RW_EINVAL when it is the incident's only source. */
int rw_store_incident_split(struct rw_store *store, int64_t id,
    int64_t source_id, const char *who, int64_t *ret_new_id,
    struct rw_error *err);

/* Calls cb for each person, in id order. */
int rw_store_people_list(struct rw_store *store, rw_person_cb cb, void *ctx,
    struct rw_error *err);

/* Records that two names are (same = 1) or are not (same = 0) the same
 * person, and regroups the names concerned at once. Incidents merged on
 * the strength of a name follow at their sources' next extraction.
 * RW_EINVAL when the names cannot be compared or have the same key. */
int rw_store_person_decide(struct rw_store *store, const char *name_a,
    const char *name_b, int same, const char *who, struct rw_error *err);

/* The store's key fingerprint and passphrase salt (NULL when the key is
 * a file); RW_ENOTFOUND before one is set. Strings are malloc'd. */
int rw_store_key_get(struct rw_store *store, char **ret_key_id,
    char **ret_salt, struct rw_error *err);
/* Records the key's fingerprint and salt; once only (RW_EEXIST). */
int rw_store_key_set(struct rw_store *store, const char *key_id,
    const char *salt, struct rw_error *err);

/* Saves a case in one transaction: a new one (row->id 0; *ret_id gets its
 * id) or an update of every field of an existing one (RW_ENOTFOUND when
 * there is none; RW_EEXIST when it was saved since row->version was
 * read), its blind indexes replaced and the change record appended to its
 * history. */
int rw_store_case_write(struct rw_store *store, const struct rw_case_write *w,
    int64_t *ret_id, struct rw_error *err);
/* Calls cb with case id; RW_ENOTFOUND when there is none. */
int rw_store_case_get(struct rw_store *store, int64_t id, rw_case_row_cb cb,
    void *ctx, struct rw_error *err);
/* Calls cb for each case in id order, or, with blind, each case with a
 * name or alias of that blind index. */
int rw_store_case_list(struct rw_store *store, const char *blind,
    rw_case_row_cb cb, void *ctx, struct rw_error *err);
/* The incidents and sources linked to a case (malloc'd arrays). */
int rw_store_case_links(struct rw_store *store, int64_t id,
    int64_t **ret_incidents, size_t *ret_n_incidents, int64_t **ret_sources,
    size_t *ret_n_sources, struct rw_error *err);
/* Links an incident (and/or a source: 0 for none) to a case; linking
 * twice changes nothing; RW_ENOTFOUND for an unknown case, incident or
 * source; RW_EINVAL when both are 0. */
int rw_store_case_link(struct rw_store *store, int64_t id,
    int64_t incident_id, int64_t source_id, struct rw_error *err);
/* Calls cb for each change of a case, oldest first. */
int rw_store_case_history(struct rw_store *store, int64_t id,
    rw_case_change_cb cb, void *ctx, struct rw_error *err);
/* Records a case's latest screening. */
int rw_store_case_screened(struct rw_store *store, int64_t id,
    const char *level, int score, struct rw_error *err);
/* Re-seals every case, blind index and change under a new key, and
 * records its fingerprint, in one transaction: all or nothing. */
int rw_store_reseal(struct rw_store *store, const struct rw_reseal *r,
    struct rw_error *err);

/* Calls cb for each group of incidents (not rejected) whose host is
 * host (an ISO 3166-1 alpha-2 code), grouped by type, year and
 * destination, ordered by type name, year and destination. RW_EINVAL when
 * host is not a valid code. */
int rw_store_incident_counts(struct rw_store *store, const char *host,
    rw_count_cb cb, void *ctx, struct rw_error *err);

/* Calls cb for each group of accepted incidents, grouped by q's
 * dimensions and ordered by them in q's order (unknown values last).
 * RW_EINVAL when q is not a valid query (see rw_stats_by_parse). */
int rw_store_incident_stats(struct rw_store *store,
    const struct rw_stats_query *q, rw_stats_cb cb, void *ctx,
    struct rw_error *err);

/* Parses a comma-separated list of dimension names ("host,year") into
 * ret; RW_EINVAL, saying why, for an empty list or item, an unknown name
 * or one given twice. */
int rw_stats_by_parse(const char *list, struct rw_stats_query *ret,
    struct rw_error *err);
/* "host", "year", "type", "group"; NULL when out of range. */
const char *rw_stats_dim_name(enum rw_stats_dim d);

/* Runs s over every case, in id order, and over the return incidents
 * new since the last sweep, in one transaction: alerts raised, the
 * deliveries they owe, and what was seen of each case are written
 * together, or none is. Two sweeps at once run one after the other. The
 * first sweep of a store marks where the incidents stand and raises
 * nothing for them. */
int rw_store_alert_sweep(struct rw_store *store, const struct rw_alert_sweep *s,
    struct rw_alert_swept *ret, struct rw_error *err);
/* Calls cb for each alert in state (or every state: -1), in id order;
 * with id not 0, for that alert only (RW_ENOTFOUND when none). */
int rw_store_alert_list(struct rw_store *store, int state, int64_t id,
    rw_alert_cb cb, void *ctx, struct rw_error *err);
/* Acknowledges or resolves an alert, recording who and when; an alert
 * already in that state (or resolved) is left alone (*ret_changed 0).
 * RW_ENOTFOUND when there is none; RW_EINVAL for RW_ALERT_OPEN. */
int rw_store_alert_set_state(struct rw_store *store, int64_t id,
    enum rw_alert_state state, const char *who, const char *now,
    int *ret_changed, struct rw_error *err);
/* Claims, in one transaction, up to max deliveries pending and due at
 * now that no one holds (or whose holder's claim ran out), for who until
 * the time until; *ret (malloc'd) lists them, oldest first. */
int rw_store_delivery_claim(struct rw_store *store, const char *who,
    const char *now, const char *until, size_t max,
    struct rw_alert_delivery **ret, size_t *ret_n, struct rw_error *err);
/* Makes every delivery waiting to be retried due at now (*ret_n: how
 * many), for when its receiver is known to be back. */
int rw_store_delivery_hurry(struct rw_store *store, const char *now,
    int64_t *ret_n, struct rw_error *err);
/* Records the outcome of tries made on a delivery who claimed (a
 * delivery whose claim passed to someone else is RW_EEXIST). error is
 * the last failure, NULL when sent. */
int rw_store_delivery_done(struct rw_store *store, int64_t id,
    const char *who, int tries, enum rw_delivery_outcome outcome,
    const char *error, const char *now, const char *next_at,
    struct rw_error *err);
/* "open", "acked", "resolved"; NULL when out of range. */
const char *rw_alert_state_name(enum rw_alert_state state);
int rw_alert_state_parse(const char *name, enum rw_alert_state *ret);

/* "proposed", "accepted", "rejected"; NULL when out of range. */
const char *rw_incident_status_name(enum rw_incident_status status);
int rw_incident_status_parse(const char *name, enum rw_incident_status *ret);

/* Frees a source returned by rw_store_source_get; NULL is accepted. */
void rw_source_free(struct rw_source *src);

/* Name of an attempt status ("new", "duplicate", "near-duplicate",
 * "failed"). */
const char *rw_attempt_status_name(enum rw_attempt_status status);

#endif
