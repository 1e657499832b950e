/* alerts.c: an alert run, ranking and the JSON form of an alert (see
 * alerts.h). */
#include "alerts/alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/json-value.h"

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
	json_object_set_new(o, "host", rw_json_text_or_null(a->host));
	json_object_set_new(o, "level", rw_json_text_or_null(a->level));
	json_object_set_new(o, "due", rw_json_text_or_null(a->due));
	json_object_set_new(o, "summary", json_string(a->summary));
	json_object_set_new(o, "detail", detail != NULL ? detail :
	    json_object());
	json_object_set_new(o, "state", json_string(rw_alert_state_name(
	    a->state)));
	json_object_set_new(o, "key", json_string(a->key));
	json_object_set_new(o, "raised_at", rw_json_text_or_null(a->raised_at));
	json_object_set_new(o, "acked_by", rw_json_text_or_null(a->acked_by));
	json_object_set_new(o, "acked_at", rw_json_text_or_null(a->acked_at));
	json_object_set_new(o, "resolved_by", rw_json_text_or_null(a->resolved_by));
	json_object_set_new(o, "resolved_at", rw_json_text_or_null(a->resolved_at));
	return o;
}

/* The alerts listed, as rw_alert_json objects, before ranking. */
struct collect {
	json_t **items;
	size_t n, cap;
	const struct rw_date *today;
	int resolved;
};

static int
collect_one(const struct rw_alert *a, void *ctx)
{
	struct collect *c = ctx;

	if (!c->resolved && a->state == RW_ALERT_RESOLVED)
		return RW_OK;
	if (rw_array_room(c->items, c->n, c->cap, 16) < 0 ||
	    (c->items[c->n] = rw_alert_json(a, c->today)) == NULL)
		return RW_ENOMEM;
	c->n++;
	return RW_OK;
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
rw_alerts_ranked(struct rw_store *store, int resolved,
    const struct rw_date *today, json_t **ret, struct rw_error *err)
{
	struct collect c = { .today = today, .resolved = resolved };
	json_t *ranked = NULL;
	int r = rw_store_alert_list(store, -1, 0, collect_one, &c, err);

	if (r == RW_OK) {
		if (c.n > 1)  /* none listed: no array to sort */
			qsort(c.items, c.n, sizeof(*c.items), by_urgency);
		ranked = json_array();
	}
	for (size_t k = 0; k < c.n; k++)
		if (ranked == NULL || json_array_append_new(ranked, c.items[k]))
			json_decref(c.items[k]);
	free(c.items);
	if (r == RW_ENOMEM || (r == RW_OK && ranked == NULL))
		return rw_error_set(err, RW_ENOMEM, "out of memory ranking alerts");
	if (r < 0)
		return r;
	*ret = ranked;
	return RW_OK;
}
