/* alerts.c: an alert run, ranking and the JSON form of an alert (see
 * alerts.h). */
#include "alerts/alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run_ctx {
	const struct rw_alerts_run *run;
	struct rw_error *err;
};

static int
on_case(const struct rw_alert_case *c, struct rw_alert_sink *sink, void *ctx)
{
	struct run_ctx *rc = ctx;

	return rw_alert_case_rules(&rc->run->policy, c, sink, rc->err);
}

static int
on_returns(const struct rw_alert_returns *r, struct rw_alert_sink *sink,
    void *ctx)
{
	struct run_ctx *rc = ctx;

	return rw_alert_return_rules(&rc->run->policy, r, sink, rc->err);
}

int
rw_alerts_run(struct rw_store *store, const struct rw_alerts_run *run,
    struct rw_alert_swept *ret, struct rw_error *err)
{
	struct run_ctx rc = { .run = run, .err = err };
	char digest[32];
	struct rw_alert_sweep s = {
		.now = run->now, .channels = run->channels,
		.n_channels = run->n_channels, .on_case = on_case,
		.on_returns = on_returns, .ctx = &rc,
	};

	if (run->digest) {
		snprintf(digest, sizeof(digest), "digest:%.10s", run->now);
		s.digest_key = digest;
	}
	return rw_store_alert_sweep(store, &s, ret, err);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
rw_alert_json(const struct rw_alert *a, const struct rw_date *today)
{
	json_t *o = json_object(), *detail;

	if (o == NULL)
		return NULL;
	detail = json_loads(a->detail_json ? a->detail_json : "{}", 0, NULL);
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "rule", json_string(a->rule));
	json_object_set_new(o, "urgency",
	    json_integer(rw_alert_urgency(a->level, a->due, today)));
	json_object_set_new(o, "case", a->case_id > 0 ?
	    json_integer(a->case_id) : json_null());
	json_object_set_new(o, "host", text_or_null(a->host));
	json_object_set_new(o, "level", text_or_null(a->level));
	json_object_set_new(o, "due", text_or_null(a->due));
	json_object_set_new(o, "summary", json_string(a->summary));
	json_object_set_new(o, "detail", detail != NULL ? detail :
	    json_object());
	json_object_set_new(o, "state", json_string(rw_alert_state_name(
	    a->state)));
	json_object_set_new(o, "key", json_string(a->key));
	json_object_set_new(o, "raised_at", text_or_null(a->raised_at));
	json_object_set_new(o, "acked_by", text_or_null(a->acked_by));
	json_object_set_new(o, "acked_at", text_or_null(a->acked_at));
	json_object_set_new(o, "resolved_by", text_or_null(a->resolved_by));
	json_object_set_new(o, "resolved_at", text_or_null(a->resolved_at));
	return o;
}

struct collect {
	json_t *list;
	const struct rw_date *today;
	int unresolved_only;
};

static int
collect_one(const struct rw_alert *a, void *ctx)
{
	struct collect *c = ctx;

	if (c->unresolved_only && a->state == RW_ALERT_RESOLVED)
		return RW_OK;
	return json_array_append_new(c->list, rw_alert_json(a, c->today)) == 0 ?
	    RW_OK : RW_ENOMEM;
}

static const char *
field_text(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Most urgent first, then the nearest date (undated last), then the
 * oldest. */
static int
by_urgency(const void *pa, const void *pb)
{
	const json_t *a = *(const json_t *const *)pa;
	const json_t *b = *(const json_t *const *)pb;
	json_int_t ua = json_integer_value(json_object_get(a, "urgency"));
	json_int_t ub = json_integer_value(json_object_get(b, "urgency"));
	const char *da = field_text(a, "due"), *db = field_text(b, "due");
	json_int_t ia = json_integer_value(json_object_get(a, "id"));
	json_int_t ib = json_integer_value(json_object_get(b, "id"));
	int d;

	if (ua != ub)
		return ua > ub ? -1 : 1;
	if (da != NULL && db != NULL && (d = strcmp(da, db)) != 0)
		return d;
	if ((da == NULL) != (db == NULL))
		return da == NULL ? 1 : -1;
	return (ia > ib) - (ia < ib);
}

int
rw_alerts_ranked(struct rw_store *store, int state, int unresolved_only,
    const struct rw_date *today, json_t **ret, struct rw_error *err)
{
	struct collect c = {
		.list = json_array(), .today = today,
		.unresolved_only = unresolved_only,
	};
	size_t n, k;
	json_t **items, *sorted;
	int r;

	if (c.list == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	r = rw_store_alert_list(store, unresolved_only ? -1 : state, 0,
	    collect_one, &c, err);
	n = json_array_size(c.list);
	items = r == RW_OK ? calloc(n + 1, sizeof(*items)) : NULL;
	sorted = items != NULL ? json_array() : NULL;
	if (sorted == NULL) {
		json_decref(c.list);
		free(items);
		return r < 0 ? (r == RW_ENOMEM ? rw_error_set(err, r,
		    "out of memory") : r) : rw_error_set(err, RW_ENOMEM,
		    "out of memory");
	}
	for (k = 0; k < n; k++)
		items[k] = json_array_get(c.list, k);
	qsort(items, n, sizeof(*items), by_urgency);
	for (k = 0; k < n; k++)
		json_array_append(sorted, items[k]);
	free(items);
	json_decref(c.list);
	*ret = sorted;
	return RW_OK;
}
