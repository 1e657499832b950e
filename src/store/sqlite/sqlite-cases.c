/* sqlite-cases.c: cases in SQLite: sealed values, blind indexes, links,
 * history, the key's fingerprint, and re-sealing under a new key. The
 * backend stores sealed text as given: it never sees a key or a name. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/sqlite/sqlite-int.h"

static char *
col_dup(sqlite3_stmt *st, int col)
{
	const char *s = sq_column_text(st, col);

	return s != NULL ? strdup(s) : NULL;
}

int
sq_key_get(struct rw_store_backend *b, char **ret_key_id, char **ret_salt,
    struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_KEY_GET);
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return rw_error_set(err, RW_ENOTFOUND, "%s has no key yet", b->path);
	if (rc != SQLITE_ROW)
		return sq_error(b, err, "reading the store's key fingerprint");
	*ret_key_id = col_dup(st, 0);
	*ret_salt = col_dup(st, 1);
	sqlite3_reset(st);
	if (*ret_key_id == NULL) {
		free(*ret_salt);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	return RW_OK;
}

int
sq_key_set(struct rw_store_backend *b, const char *key_id, const char *salt,
    struct rw_error *err)
{
	char *old_id = NULL, *old_salt = NULL;
	int r = sq_key_get(b, &old_id, &old_salt, NULL);
	sqlite3_stmt *st;

	free(old_id);
	free(old_salt);
	if (r == RW_OK)
		return rw_error_set(err, RW_EEXIST, "%s already has a key; "
		    "change it with `refuge key rotate`", b->path);
	st = sq_use(b, ST_KEY_SET);
	sq_bind_text(st, 1, key_id);
	sq_bind_text(st, 2, salt);
	return sq_run(b, ST_KEY_SET) < 0 ?
	    sq_error(b, err, "recording the store's key fingerprint") : RW_OK;
}

static int exists(struct rw_store_backend *b, enum stmt which, int64_t id);

/* Binds the row's fields to an insert or update (same numbering). */
static void
bind_row(sqlite3_stmt *st, const struct rw_case_row *row, const char *now)
{
	sq_bind_text(st, 1, row->uid);
	sq_bind_text(st, 2, row->sealed);
	sq_bind_text(st, 3, row->status);
	sq_bind_text(st, 4, row->legal_status);
	sq_bind_text(st, 5, row->host);
	sq_bind_text(st, 6, row->dest);
	sq_bind_text(st, 7, row->nationality);
	sq_bind_text(st, 8, row->group);
	sqlite3_bind_int64(st, 9, row->count);
	sq_bind_text(st, 10, row->tags_json ? row->tags_json : "[]");
	sq_bind_text(st, 11, row->deadlines_json ? row->deadlines_json : "[]");
	sq_bind_text(st, 12, row->requests_json ? row->requests_json : "[]");
	sqlite3_bind_int(st, 13, row->closed != 0);
	sq_bind_text(st, 14, now);
}

static int
write_names(struct rw_store_backend *b, int64_t id, const char *const *blinds,
    size_t n)
{
	sqlite3_stmt *st = sq_use(b, ST_CASE_NAMES_DELETE);

	sqlite3_bind_int64(st, 1, id);
	if (sq_run(b, ST_CASE_NAMES_DELETE) < 0)
		return RW_ESTORE;
	for (size_t k = 0; k < n; k++) {
		st = sq_use(b, ST_CASE_NAME_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, blinds[k]);
		if (sq_run(b, ST_CASE_NAME_INSERT) < 0)
			return RW_ESTORE;
	}
	return RW_OK;
}

static int
write_case(struct rw_store_backend *b, const struct rw_case_write *w,
    const char *now, int64_t *id)
{
	sqlite3_stmt *st;

	if (w->row->id == 0) {
		st = sq_use(b, ST_CASE_INSERT);
		bind_row(st, w->row, now);
		if (sq_run(b, ST_CASE_INSERT) < 0)
			return RW_ESTORE;
		*id = sqlite3_last_insert_rowid(b->db);
	} else {
		st = sq_use(b, ST_CASE_UPDATE);
		bind_row(st, w->row, now);
		sqlite3_bind_int64(st, 15, w->row->id);
		sqlite3_bind_int64(st, 16, w->row->version);
		if (sq_run(b, ST_CASE_UPDATE) < 0)
			return RW_ESTORE;
		if (sqlite3_changes(b->db) == 0)
			return exists(b, ST_CASE_GET, w->row->id) == 1 ?
			    RW_EEXIST : RW_ENOTFOUND;
		*id = w->row->id;
	}
	if (write_names(b, *id, w->blinds, w->n_blinds) < 0)
		return RW_ESTORE;
	st = sq_use(b, ST_CASE_CHANGE_INSERT);
	sqlite3_bind_int64(st, 1, *id);
	sq_bind_text(st, 2, now);
	sq_bind_text(st, 3, w->who);
	sq_bind_text(st, 4, w->change_sealed);
	return sq_run(b, ST_CASE_CHANGE_INSERT);
}

int
sq_case_write(struct rw_store_backend *b, const struct rw_case_write *w,
    int64_t *ret_id, struct rw_error *err)
{
	char now[21];
	int64_t id = 0;
	int r;

	rw_date_now_utc(now);
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	r = write_case(b, w, now, &id);
	if (r == RW_ENOTFOUND || r == RW_EEXIST) {
		sq_rollback(b);
		return r == RW_ENOTFOUND ? rw_error_set(err, r, "no case %lld",
		    (long long)w->row->id) : rw_error_set(err, r, "case %lld "
		    "was saved by someone else meanwhile: show it again and "
		    "repeat the change", (long long)w->row->id);
	}
	if (r < 0) {
		r = sq_error(b, err, "saving a case");
		sq_rollback(b);
		return r;
	}
	if (sq_commit(b, err) < 0)
		return RW_ESTORE;
	if (ret_id != NULL)
		*ret_id = id;
	return RW_OK;
}

void
sq_case_row_read(sqlite3_stmt *st, struct rw_case_row *row)
{
	row->id = sqlite3_column_int64(st, 0);
	row->uid = sq_column_text(st, 1);
	row->sealed = sq_column_text(st, 2);
	row->status = sq_column_text(st, 3);
	row->legal_status = sq_column_text(st, 4);
	row->host = sq_column_text(st, 5);
	row->dest = sq_column_text(st, 6);
	row->nationality = sq_column_text(st, 7);
	row->group = sq_column_text(st, 8);
	row->count = (long)sqlite3_column_int64(st, 9);
	row->tags_json = sq_column_text(st, 10);
	row->deadlines_json = sq_column_text(st, 11);
	row->requests_json = sq_column_text(st, 12);
	row->closed = sqlite3_column_int(st, 13);
	row->level = sq_column_text(st, 14);
	row->score = sqlite3_column_int(st, 15);
	row->created_at = sq_column_text(st, 16);
	row->updated_at = sq_column_text(st, 17);
	row->version = sqlite3_column_int64(st, 18);
}

/* Calls cb for each row of a prepared case query; returns how many rows
 * or a negative code (cb's, or RW_ESTORE). */
static int
each_row(struct rw_store_backend *b, sqlite3_stmt *st, rw_case_row_cb cb,
    void *ctx, struct rw_error *err, long *ret_rows)
{
	struct rw_case_row row;
	int rc, r = RW_OK;

	*ret_rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_case_row_read(st, &row);
		(*ret_rows)++;
		if ((r = cb(&row, ctx)) < 0)
			break;
	}
	if (r == RW_OK && rc != SQLITE_DONE)
		r = sq_error(b, err, "reading cases");
	sqlite3_reset(st);
	return r;
}

int
sq_case_get(struct rw_store_backend *b, int64_t id, rw_case_row_cb cb,
    void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_CASE_GET);
	long rows;
	int r;

	sqlite3_bind_int64(st, 1, id);
	if ((r = each_row(b, st, cb, ctx, err, &rows)) < 0)
		return r;
	return rows == 0 ? rw_error_set(err, RW_ENOTFOUND, "no case %lld",
	    (long long)id) : RW_OK;
}

int
sq_case_list(struct rw_store_backend *b, const char *blind,
    rw_case_row_cb cb, void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, blind ? ST_CASE_BY_BLIND : ST_CASE_LIST);
	long rows;

	if (blind != NULL)
		sq_bind_text(st, 1, blind);
	return each_row(b, st, cb, ctx, err, &rows);
}

/* The ids a one-column query gives for case id, in a malloc'd array. */
static int
ids_of(struct rw_store_backend *b, enum stmt which, int64_t id,
    int64_t **ret, size_t *ret_n, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, which);
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *more = realloc(ids, (n + 1) * sizeof(*ids));
		if (more == NULL) {
			free(ids);
			sqlite3_reset(st);
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		}
		ids = more;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return sq_error(b, err, "reading a case's links");
	}
	*ret = ids;
	*ret_n = n;
	return RW_OK;
}

int
sq_case_links(struct rw_store_backend *b, int64_t id,
    int64_t **ret_incidents, size_t *ret_n_incidents, int64_t **ret_sources,
    size_t *ret_n_sources, struct rw_error *err)
{
	int r = ids_of(b, ST_CASE_INCIDENTS, id, ret_incidents,
	    ret_n_incidents, err);

	if (r < 0)
		return r;
	if ((r = ids_of(b, ST_CASE_SOURCES, id, ret_sources, ret_n_sources,
	    err)) < 0) {
		free(*ret_incidents);
		*ret_incidents = NULL;
	}
	return r;
}

/* Whether a one-parameter existence query finds id. */
static int
exists(struct rw_store_backend *b, enum stmt which, int64_t id)
{
	sqlite3_stmt *st = sq_use(b, which);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : RW_ESTORE;
}

static int
link_one(struct rw_store_backend *b, enum stmt which, int64_t id,
    int64_t other)
{
	sqlite3_stmt *st = sq_use(b, which);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, other);
	return sq_run(b, which);
}

int
sq_case_link(struct rw_store_backend *b, int64_t id, int64_t incident_id,
    int64_t source_id, struct rw_error *err)
{
	int r;

	if (exists(b, ST_CASE_GET, id) != 1)
		return rw_error_set(err, RW_ENOTFOUND, "no case %lld",
		    (long long)id);
	if (incident_id != 0 && exists(b, ST_INCIDENT_EXISTS, incident_id) != 1)
		return rw_error_set(err, RW_ENOTFOUND, "no incident %lld",
		    (long long)incident_id);
	if (source_id != 0 && exists(b, ST_SOURCE_EXISTS, source_id) != 1)
		return rw_error_set(err, RW_ENOTFOUND, "no source %lld",
		    (long long)source_id);
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	r = RW_OK;
	if (incident_id != 0)
		r = link_one(b, ST_CASE_LINK_INCIDENT, id, incident_id);
	if (r == RW_OK && source_id != 0)
		r = link_one(b, ST_CASE_LINK_SOURCE, id, source_id);
	if (r < 0) {
		r = sq_error(b, err, "linking a case");
		sq_rollback(b);
		return r;
	}
	return sq_commit(b, err);
}

int
sq_case_history(struct rw_store_backend *b, int64_t id,
    rw_case_change_cb cb, void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_CASE_CHANGES);
	struct rw_case_change c;
	int rc, r = RW_OK;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		c.case_id = sqlite3_column_int64(st, 1);
		c.at = sq_column_text(st, 2);
		c.who = sq_column_text(st, 3);
		c.sealed = sq_column_text(st, 4);
		if ((r = cb(&c, ctx)) < 0)
			break;
	}
	if (r == RW_OK && rc != SQLITE_DONE)
		r = sq_error(b, err, "reading a case's history");
	sqlite3_reset(st);
	return r;
}

int
sq_case_screened(struct rw_store_backend *b, int64_t id, const char *level,
    int score, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_CASE_SCREENED);

	sq_bind_text(st, 1, level);
	sqlite3_bind_int(st, 2, score);
	sqlite3_bind_int64(st, 3, id);
	if (sq_run(b, ST_CASE_SCREENED) < 0)
		return sq_error(b, err, "recording a screening");
	return sqlite3_changes(b->db) == 0 ? rw_error_set(err, RW_ENOTFOUND,
	    "no case %lld", (long long)id) : RW_OK;
}

/* ---- re-sealing under a new key, in one transaction ---- */

struct reseal_walk {
	struct rw_store_backend *b;
	const struct rw_reseal *r;
	const struct rw_case_row *row;
	int64_t *ids;            /* the cases, read before any is changed */
	size_t n;
};

static int
reseal_change(const struct rw_case_change *c, void *ctx)
{
	struct reseal_walk *w = ctx;
	char *sealed = NULL;
	sqlite3_stmt *st;
	int r = w->r->reseal_change(w->row, c, &sealed, w->r->ctx);

	if (r < 0)
		return r;
	st = sq_use(w->b, ST_CASE_CHANGE_RESEAL);
	sq_bind_text(st, 1, sealed);
	sqlite3_bind_int64(st, 2, c->id);
	r = sq_run(w->b, ST_CASE_CHANGE_RESEAL);
	free(sealed);
	return r;
}

static int
reseal_case(const struct rw_case_row *row, void *ctx)
{
	struct reseal_walk *w = ctx;
	char *sealed = NULL, **blinds = NULL;
	size_t n = 0;
	sqlite3_stmt *st;
	int r = w->r->reseal_case(row, &sealed, &blinds, &n, w->r->ctx);

	if (r == RW_OK) {
		st = sq_use(w->b, ST_CASE_RESEAL);
		sq_bind_text(st, 1, sealed);
		sqlite3_bind_int64(st, 2, row->id);
		r = sq_run(w->b, ST_CASE_RESEAL);
	}
	if (r == RW_OK)
		r = write_names(w->b, row->id, (const char *const *)blinds, n);
	free(sealed);
	for (size_t k = 0; k < n; k++)
		free(blinds[k]);
	free(blinds);
	if (r == RW_OK) {
		w->row = row;
		r = sq_case_history(w->b, row->id, reseal_change, w, NULL);
	}
	return r;
}

static int
note_id(const struct rw_case_row *row, void *ctx)
{
	struct reseal_walk *w = ctx;
	int64_t *more = realloc(w->ids, (w->n + 1) * sizeof(*more));

	if (more == NULL)
		return RW_ENOMEM;
	w->ids = more;
	w->ids[w->n++] = row->id;
	return RW_OK;
}

int
sq_reseal(struct rw_store_backend *b, const struct rw_reseal *r,
    struct rw_error *err)
{
	struct reseal_walk w = {b, r, NULL, NULL, 0};
	sqlite3_stmt *st;
	int rc;

	rw_error_clear(err);
	/* the old values are overwritten with zeros, not left in free
	 * pages, and the write-ahead log is emptied after the commit: what
	 * the old key sealed does not outlive the rotation on disk */
	sqlite3_exec(b->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	/* the ids first: a statement that walks case_file must not run
	 * while its rows change */
	rc = sq_case_list(b, NULL, note_id, &w, err);
	for (size_t k = 0; rc == RW_OK && k < w.n; k++)
		rc = sq_case_get(b, w.ids[k], reseal_case, &w, err);
	if (rc == RW_OK) {
		st = sq_use(b, ST_KEY_SET);
		sq_bind_text(st, 1, r->key_id);
		sq_bind_text(st, 2, r->salt);
		rc = sq_run(b, ST_KEY_SET);
	}
	free(w.ids);
	if (rc < 0) {
		if (err != NULL && err->code == 0)
			rw_error_set(err, rc, "re-sealing the store's cases "
			    "failed: nothing was changed");
		sq_rollback(b);
		return rc;
	}
	if ((rc = sq_commit(b, err)) == RW_OK)
		sqlite3_exec(b->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
		    NULL);
	sqlite3_exec(b->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	return rc;
}
