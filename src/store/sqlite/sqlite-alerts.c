/* sqlite-alerts.c: early warning in SQLite: the sweep an alert run makes
 * over every case and the new return incidents, in one transaction; the
 * alerts it raises and the deliveries they owe; claiming deliveries so
 * that two runs never send the same one. What to raise is decided by the
 * caller's rules (src/alerts/); this file only keeps it. */
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "store/sqlite/sqlite-int.h"

/* The sink a sweep hands to the rules: raising writes at once, inside
 * the sweep's transaction. */
struct sweep_sink {
	struct rw_alert_sink sink;   /* first: the rules see this */
	struct rw_store_backend *b;
	const struct rw_alert_sweep *s;
	struct rw_alert_swept *done;
};

static int
owe(struct rw_store_backend *b, const char *key, int64_t alert_id,
    const char *channel, const char *now)
{
	sqlite3_stmt *st = sq_use(b, ST_DELIVERY_OWE);

	sq_bind_text(st, 1, key);
	if (alert_id > 0)
		sqlite3_bind_int64(st, 2, alert_id);
	sq_bind_text(st, 3, channel);
	sq_bind_text(st, 4, now);
	if (sq_run(b, ST_DELIVERY_OWE) < 0)
		return RW_ESTORE;
	return sqlite3_changes(b->db);
}

static int
sink_raise(struct rw_alert_sink *sink, const struct rw_alert_new *a,
    int *ret_new, struct rw_error *err)
{
	struct sweep_sink *ss = (struct sweep_sink *)sink;
	struct rw_store_backend *b = ss->b;
	sqlite3_stmt *st = sq_use(b, ST_ALERT_INSERT);
	int64_t id;

	sq_bind_text(st, 1, a->key);
	sq_bind_text(st, 2, a->rule);
	if (a->case_id > 0)
		sqlite3_bind_int64(st, 3, a->case_id);
	sq_bind_text(st, 4, a->host);
	sq_bind_text(st, 5, a->level);
	sq_bind_text(st, 6, a->due);
	sq_bind_text(st, 7, a->summary);
	sq_bind_text(st, 8, a->detail_json != NULL ? a->detail_json : "{}");
	sq_bind_text(st, 9, ss->s->now);
	if (sq_run(b, ST_ALERT_INSERT) < 0)
		return sq_error(b, err, "raising an alert");
	*ret_new = sqlite3_changes(b->db) == 1;
	if (!*ret_new)
		return RW_OK;
	id = sqlite3_last_insert_rowid(b->db);
	ss->done->raised++;
	for (size_t k = 0; k < ss->s->n_channels; k++) {
		char key[64];
		int n;

		snprintf(key, sizeof(key), "alert:%lld:%s", (long long)id,
		    ss->s->channels[k]);
		if ((n = owe(b, key, id, ss->s->channels[k], ss->s->now)) < 0)
			return sq_error(b, err, "queueing an alert's delivery");
		ss->done->owed += n;
	}
	return RW_OK;
}

static int
sink_resolve_case(struct rw_alert_sink *sink, int64_t case_id,
    const char *who, struct rw_error *err)
{
	struct sweep_sink *ss = (struct sweep_sink *)sink;
	sqlite3_stmt *st = sq_use(ss->b, ST_ALERT_RESOLVE_CASE);

	sq_bind_text(st, 1, who);
	sq_bind_text(st, 2, ss->s->now);
	sqlite3_bind_int64(st, 3, case_id);
	if (sq_run(ss->b, ST_ALERT_RESOLVE_CASE) < 0)
		return sq_error(ss->b, err, "resolving a closed case's alerts");
	ss->done->resolved += sqlite3_changes(ss->b->db);
	return RW_OK;
}

/* What the last sweep saw of case id; strings borrowed from the
 * statement, valid until it is used again. */
static int
watch_get(struct rw_store_backend *b, int64_t id, struct rw_alert_watch *w)
{
	sqlite3_stmt *st = sq_use(b, ST_WATCH_GET);
	int rc;

	memset(w, 0, sizeof(*w));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return RW_OK;
	if (rc != SQLITE_ROW)
		return RW_ESTORE;
	w->known = 1;
	w->status = sq_column_text(st, 0);
	w->level = sq_column_text(st, 1);
	w->closed = sqlite3_column_int(st, 2);
	w->links = sqlite3_column_int64(st, 3);
	w->changes = sqlite3_column_int64(st, 4);
	return RW_OK;
}

static int
same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Records what this sweep saw of a case, when it differs from what the
 * last one saw. */
static int
watch_set(struct rw_store_backend *b, const struct rw_alert_case *c,
    int64_t changes)
{
	const struct rw_case_row *row = c->row;
	sqlite3_stmt *st;

	if (c->seen.known && same_text(c->seen.status, row->status) &&
	    same_text(c->seen.level, row->level) &&
	    c->seen.closed == row->closed && c->seen.links == c->links &&
	    c->seen.changes == changes)
		return RW_OK;
	st = sq_use(b, ST_WATCH_SET);
	sqlite3_bind_int64(st, 1, row->id);
	sq_bind_text(st, 2, row->status);
	sq_bind_text(st, 3, row->level);
	sqlite3_bind_int(st, 4, row->closed);
	sqlite3_bind_int64(st, 5, c->links);
	sqlite3_bind_int64(st, 6, changes);
	return sq_run(b, ST_WATCH_SET);
}

static int
sweep_cases(struct sweep_sink *ss, struct rw_error *err)
{
	struct rw_store_backend *b = ss->b;
	sqlite3_stmt *st = sq_use(b, ST_ALERT_CASES);
	struct rw_case_row row;
	struct rw_alert_case c;
	int rc, r = RW_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sq_case_row_read(st, &row);
		memset(&c, 0, sizeof(c));
		c.row = &row;
		c.links = sqlite3_column_int64(st, 19);
		if (watch_get(b, row.id, &c.seen) < 0) {
			r = sq_error(b, err, "reading what alerts saw of a case");
			break;
		}
		if ((r = ss->s->on_case(&c, &ss->sink, ss->s->ctx)) < 0)
			break;
		if (watch_set(b, &c, c.seen.changes + r) < 0) {
			r = sq_error(b, err, "recording what alerts saw of a case");
			break;
		}
		sqlite3_reset(b->stmt[ST_WATCH_GET]);
		ss->done->cases++;
		r = RW_OK;
	}
	if (r == RW_OK && rc != SQLITE_DONE)
		r = sq_error(b, err, "reading cases");
	sqlite3_reset(st);
	return r;
}

static int
mark_get(struct rw_store_backend *b, const char *name, int64_t *ret)
{
	sqlite3_stmt *st = sq_use(b, ST_MARK_GET);
	int rc;

	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	*ret = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

static int
mark_set(struct rw_store_backend *b, const char *name, int64_t value)
{
	sqlite3_stmt *st = sq_use(b, ST_MARK_SET);

	sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, value);
	return sq_run(b, ST_MARK_SET);
}

static int64_t
incident_max(struct rw_store_backend *b)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_MAX);
	int64_t max = sqlite3_step(st) == SQLITE_ROW ?
	    sqlite3_column_int64(st, 0) : -1;

	sqlite3_reset(st);
	return max;
}

/* The open cases held in a host, as r->open_cases, and their screening
 * levels, as r->levels (sq_texts_free *ret_levels). */
static int
host_cases(struct rw_store_backend *b, struct rw_alert_returns *r,
    char ***ret_levels)
{
	sqlite3_stmt *st = sq_use(b, ST_HOST_OPEN);
	int rc;

	sq_bind_text(st, 1, r->host);
	rc = sqlite3_step(st);
	r->open_cases = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	st = sq_use(b, ST_HOST_LEVELS);
	sq_bind_text(st, 1, r->host);
	rc = sq_texts(st, ret_levels, &r->n_levels);
	r->levels = (const char *const *)*ret_levels;
	return rc;
}

/* Hands one host's new returns to the rules, when cases are open there. */
static int
report_host(struct sweep_sink *ss, const char *host, const int64_t *ids,
    size_t n, struct rw_error *err)
{
	struct rw_alert_returns r = {
		.host = host, .incidents = ids, .n_incidents = n,
	};
	char **levels;
	int rc;

	rc = host_cases(ss->b, &r, &levels);
	if (rc == RW_OK && r.open_cases > 0)
		rc = ss->s->on_returns(&r, &ss->sink, ss->s->ctx);
	else if (rc < 0)
		rc = sq_error(ss->b, err, "counting the open cases of a host");
	sq_texts_free(levels, r.n_levels);
	return rc;
}

/* The return incidents added since the mark, host by host. */
static int
sweep_returns(struct sweep_sink *ss, struct rw_error *err)
{
	struct rw_store_backend *b = ss->b;
	int64_t mark, max = incident_max(b), *ids = NULL;
	size_t n = 0, cap = 0;
	char host[3] = "";
	sqlite3_stmt *st;
	int rc, r = RW_OK;

	if (max < 0 || mark_get(b, "incident", &mark) < 0)
		return sq_error(b, err, "reading where alerts stand");
	if (mark < 0)  /* the first sweep takes stock */
		return mark_set(b, "incident", max) < 0 ?
		    sq_error(b, err, "recording where alerts stand") : RW_OK;
	st = sq_use(b, ST_NEW_RETURNS);
	sqlite3_bind_int64(st, 1, mark);
	while (r == RW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *h = sq_column_text(st, 1);

		if (n > 0 && strcmp(h, host) != 0) {
			r = report_host(ss, host, ids, n, err);
			n = 0;
		}
		if (rw_array_room(ids, n, cap, 16) < 0) {
			r = rw_error_set(err, RW_ENOMEM, "out of memory");
			break;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
		memcpy(host, h, 2);
	}
	if (r == RW_OK && rc != SQLITE_DONE)
		r = sq_error(b, err, "reading new return incidents");
	sqlite3_reset(st);
	if (r == RW_OK && n > 0)
		r = report_host(ss, host, ids, n, err);
	free(ids);
	if (r == RW_OK && mark_set(b, "incident", max) < 0)
		r = sq_error(b, err, "recording where alerts stand");
	return r;
}

int
sq_alert_sweep(struct rw_store_backend *b, const struct rw_alert_sweep *s,
    struct rw_alert_swept *ret, struct rw_error *err)
{
	struct sweep_sink ss = {
		.sink = { .raise = sink_raise, .resolve_case = sink_resolve_case },
		.b = b, .s = s, .done = ret,
	};
	int r;

	memset(ret, 0, sizeof(*ret));
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	r = sweep_cases(&ss, err);
	if (r == RW_OK)
		r = sweep_returns(&ss, err);
	if (r == RW_OK && s->digest_key != NULL) {
		int n = owe(b, s->digest_key, 0, "email", s->now);
		if (n < 0)
			r = sq_error(b, err, "queueing the digest");
		else
			ret->owed += n;
	}
	if (r < 0) {
		sq_rollback(b);
		memset(ret, 0, sizeof(*ret));
		return r;
	}
	return sq_commit(b, err) < 0 ? RW_ESTORE : RW_OK;
}

static void
read_alert(sqlite3_stmt *st, struct rw_alert *a)
{
	enum rw_alert_state state = RW_ALERT_OPEN;

	a->id = sqlite3_column_int64(st, 0);
	a->key = sq_column_text(st, 1);
	a->rule = sq_column_text(st, 2);
	a->case_id = sqlite3_column_int64(st, 3);
	a->host = sq_column_text(st, 4);
	a->level = sq_column_text(st, 5);
	a->due = sq_column_text(st, 6);
	a->summary = sq_column_text(st, 7);
	a->detail_json = sq_column_text(st, 8);
	rw_alert_state_parse(sq_column_text(st, 9), &state);
	a->state = state;
	a->raised_at = sq_column_text(st, 10);
	a->acked_by = sq_column_text(st, 11);
	a->acked_at = sq_column_text(st, 12);
	a->resolved_by = sq_column_text(st, 13);
	a->resolved_at = sq_column_text(st, 14);
}

int
sq_alert_list(struct rw_store_backend *b, int state, int64_t id,
    rw_alert_cb cb, void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_ALERT_LIST);
	struct rw_alert a;
	long rows = 0;
	int rc, r = RW_OK;

	if (state >= 0)
		sq_bind_text(st, 1, rw_alert_state_name(state));
	sqlite3_bind_int64(st, 2, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_alert(st, &a);
		rows++;
		if ((r = cb(&a, ctx)) < 0)
			break;
	}
	if (r == RW_OK && rc != SQLITE_DONE)
		r = sq_error(b, err, "reading alerts");
	sqlite3_reset(st);
	if (r == RW_OK && id != 0 && rows == 0)
		r = rw_error_set(err, RW_ENOTFOUND, "no alert %lld",
		    (long long)id);
	return r;
}

int
sq_alert_set_state(struct rw_store_backend *b, int64_t id,
    enum rw_alert_state state, const char *who, const char *now,
    int *ret_changed, struct rw_error *err)
{
	enum stmt which = state == RW_ALERT_ACKED ? ST_ALERT_ACK :
	    ST_ALERT_RESOLVE;
	sqlite3_stmt *st = sq_use(b, which);
	int found;

	sq_bind_text(st, 1, who);
	sq_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if (sq_run(b, which) < 0)
		return sq_error(b, err, "changing an alert");
	*ret_changed = sqlite3_changes(b->db) > 0;
	if (*ret_changed)
		return RW_OK;
	st = sq_use(b, ST_ALERT_EXISTS);
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st);
	sqlite3_reset(st);
	if (found == SQLITE_DONE)
		return rw_error_set(err, RW_ENOTFOUND, "no alert %lld",
		    (long long)id);
	return found == SQLITE_ROW ? RW_OK : sq_error(b, err, "reading alerts");
}

static int
by_id(const void *a, const void *b)
{
	const struct rw_alert_delivery *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int
sq_delivery_claim(struct rw_store_backend *b, const char *who,
    const char *now, const char *until, size_t max,
    struct rw_alert_delivery **ret, size_t *ret_n, struct rw_error *err)
{
	struct rw_alert_delivery *list = NULL;
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	st = sq_use(b, ST_DELIVERY_CLAIM);
	sq_bind_text(st, 1, who);
	sq_bind_text(st, 2, now);
	sq_bind_text(st, 3, until);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rw_alert_delivery *more = realloc(list,
		    (n + 1) * sizeof(*list)), *d;
		if (more == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		list = more;
		d = &list[n++];
		memset(d, 0, sizeof(*d));
		d->id = sqlite3_column_int64(st, 0);
		snprintf(d->key, sizeof(d->key), "%s", sq_column_text(st, 1));
		d->alert_id = sqlite3_column_int64(st, 2);
		snprintf(d->channel, sizeof(d->channel), "%s",
		    sq_column_text(st, 3));
		d->attempts = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = sq_error(b, err, "claiming deliveries");
		sq_rollback(b);
		free(list);
		return rc;
	}
	if (sq_commit(b, err) < 0) {
		free(list);
		return RW_ESTORE;
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), by_id);
	*ret = list;
	*ret_n = n;
	return RW_OK;
}

int
sq_delivery_hurry(struct rw_store_backend *b, const char *now,
    int64_t *ret_n, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_DELIVERY_HURRY);

	sq_bind_text(st, 1, now);
	if (sq_run(b, ST_DELIVERY_HURRY) < 0)
		return sq_error(b, err, "making deliveries due");
	*ret_n = sqlite3_changes(b->db);
	return RW_OK;
}

int
sq_delivery_done(struct rw_store_backend *b, int64_t id, const char *who,
    int tries, enum rw_delivery_outcome outcome, const char *error,
    const char *now, const char *next_at, struct rw_error *err)
{
	static const char *const states[] = {
		[RW_DELIVERY_SENT] = "sent",
		[RW_DELIVERY_RETRY] = "pending",
		[RW_DELIVERY_FAILED] = "failed",
	};
	sqlite3_stmt *st = sq_use(b, ST_DELIVERY_DONE);

	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, who);
	sq_bind_text(st, 3, states[outcome]);
	sqlite3_bind_int(st, 4, tries);
	sq_bind_text(st, 5, error);
	sq_bind_text(st, 6, outcome == RW_DELIVERY_RETRY ? next_at : NULL);
	sq_bind_text(st, 7, now);
	if (sq_run(b, ST_DELIVERY_DONE) < 0)
		return sq_error(b, err, "recording a delivery");
	if (sqlite3_changes(b->db) == 0)
		return rw_error_set(err, RW_EEXIST, "delivery %lld is no longer "
		    "held by this run", (long long)id);
	return RW_OK;
}
