/* test-alerts.c: the early-warning rules (alerts/alert-rules.h) with a
 * sink that records what they raise, urgency, and the store's side
 * (store/store.h): a sweep raises each alert once, owes its deliveries,
 * resolves a closed case's alerts, and a delivery claimed by one run is
 * not claimed, or recorded, by another. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alerts/alerts.h"
#include "unit-store.h"

/* ---------- rules, with a recording sink ---------- */

struct recorder {
	struct rw_alert_sink sink;
	char rules[8][32];
	char keys[8][96];
	char summaries[8][256];
	size_t n;
	int64_t resolved_case;
};

static int
record_raise(struct rw_alert_sink *s, const struct rw_alert_new *a,
    int *ret_new, struct rw_error *err)
{
	struct recorder *r = (struct recorder *)s;

	(void)err;
	assert_true(r->n < 8);
	snprintf(r->rules[r->n], sizeof(r->rules[0]), "%s", a->rule);
	snprintf(r->keys[r->n], sizeof(r->keys[0]), "%s", a->key);
	snprintf(r->summaries[r->n], sizeof(r->summaries[0]), "%s", a->summary);
	r->n++;
	*ret_new = 1;
	return RW_OK;
}

static int
record_resolve(struct rw_alert_sink *s, int64_t case_id, const char *who,
    struct rw_error *err)
{
	(void)who;
	(void)err;
	((struct recorder *)s)->resolved_case = case_id;
	return RW_OK;
}

static void
recorder_init(struct recorder *r)
{
	memset(r, 0, sizeof(*r));
	r->sink.raise = record_raise;
	r->sink.resolve_case = record_resolve;
}

static const struct rw_alert_policy policy = {
	.today = { 2030, 6, 15 }, .within_days = 14,
};

static struct rw_case_row
row_with(const char *deadlines)
{
	struct rw_case_row row = {
		.id = 7, .status = "detained", .host = "TH", .level = "high",
		.deadlines_json = deadlines,
	};
	return row;
}

static int
rules(struct recorder *rec, const struct rw_alert_case *c)
{
	struct rw_error err;

	recorder_init(rec);
	rw_error_clear(&err);
	return rw_alert_case_rules(&policy, c, &rec->sink, &err);
}

static void
deadline_today_is_raised_and_most_urgent(void **state)
{
	struct rw_case_row row = row_with(
	    "[{\"kind\":\"deportation\",\"date\":\"2030-06-15\"}]");
	struct rw_alert_case c = { .row = &row };
	struct recorder rec;

	(void)state;
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.rules[0], "deadline");
	assert_string_equal(rec.keys[0], "deadline:7:deportation:2030-06-15");
	assert_non_null(strstr(rec.summaries[0], "today"));
	assert_non_null(strstr(rec.summaries[0], "Case 7 (in TH)"));
	assert_int_equal(rw_alert_urgency("high", "2030-06-15", &policy.today),
	    24);
}

static void
deadline_passed_without_alert_is_its_own_rule(void **state)
{
	struct rw_case_row row = row_with(
	    "[{\"kind\":\"hearing\",\"date\":\"2030-06-12\"}]");
	struct rw_alert_case c = { .row = &row };
	struct recorder rec;

	(void)state;
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.rules[0], "deadline-passed");
	/* the same key as the warning it would have had: raised once */
	assert_string_equal(rec.keys[0], "deadline:7:hearing:2030-06-12");
	assert_non_null(strstr(rec.summaries[0], "3 days ago"));
}

static void
deadline_beyond_the_window_waits(void **state)
{
	struct rw_case_row row = row_with(
	    "[{\"kind\":\"hearing\",\"date\":\"2030-06-30\"},"
	    "{\"kind\":\"appeal\",\"date\":\"2030-06-29\"}]");
	struct rw_alert_case c = { .row = &row };
	struct recorder rec;

	(void)state;
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 1);  /* 14 days: in; 15 days: not yet */
	assert_string_equal(rec.keys[0], "deadline:7:appeal:2030-06-29");
}

static void
closed_case_raises_nothing_and_resolves(void **state)
{
	struct rw_case_row row = row_with(
	    "[{\"kind\":\"deportation\",\"date\":\"2030-06-16\"}]");
	struct rw_alert_case c = { .row = &row };
	struct recorder rec;

	(void)state;
	row.closed = 1;
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 0);
	assert_int_equal(rec.resolved_case, 7);
	/* already closed when last seen: nothing to do again */
	c.seen = (struct rw_alert_watch){ .known = 1, .status = "detained",
	    .closed = 1 };
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.resolved_case, 0);
}

static void
changes_are_alerted_only_once_seen(void **state)
{
	struct rw_case_row row = row_with("[]");
	struct rw_alert_case c = { .row = &row, .links = 3 };
	struct recorder rec;

	(void)state;
	/* first sight: taking stock, no change */
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 0);
	c.seen = (struct rw_alert_watch){ .known = 1, .status = "at-risk",
	    .level = "elevated", .links = 1, .changes = 4 };
	assert_int_equal(rules(&rec, &c), 2);
	assert_int_equal(rec.n, 3);
	assert_string_equal(rec.rules[0], "named");
	assert_non_null(strstr(rec.summaries[0], "2 new incidents"));
	assert_string_equal(rec.rules[1], "status");
	assert_string_equal(rec.keys[1], "status:7:5");
	assert_non_null(strstr(rec.summaries[1], "from at-risk to detained"));
	assert_string_equal(rec.rules[2], "level");
	assert_string_equal(rec.keys[2], "level:7:6");
}

static void
falling_level_is_not_alerted(void **state)
{
	struct rw_case_row row = row_with("[]");
	struct rw_alert_case c = { .row = &row };
	struct recorder rec;

	(void)state;
	row.level = "low";
	c.seen = (struct rw_alert_watch){ .known = 1, .status = "detained",
	    .level = "critical" };
	assert_int_equal(rules(&rec, &c), 0);
	assert_int_equal(rec.n, 0);
}

static void
urgency_weighs_level_by_nearness(void **state)
{
	const struct rw_date *t = &policy.today;

	(void)state;
	assert_int_equal(rw_alert_urgency("critical", "2030-06-01", t), 32);
	assert_int_equal(rw_alert_urgency("low", "2030-06-17", t), 6);
	assert_int_equal(rw_alert_urgency("elevated", "2030-06-22", t), 8);
	assert_int_equal(rw_alert_urgency("high", "2030-06-29", t), 6);
	assert_int_equal(rw_alert_urgency("high", "2030-07-30", t), 3);
	assert_int_equal(rw_alert_urgency(NULL, NULL, t), 1);
	assert_int_equal(rw_alert_urgency("bogus", "2030-06-15", t), 8);
}

static void
returns_alert_names_the_highest_level(void **state)
{
	static const int64_t ids[] = { 40, 41, 45 };
	static const char *const levels[] = { "elevated", "critical", "low" };
	struct rw_alert_returns r = {
		.host = "TR", .incidents = ids, .n_incidents = 3,
		.open_cases = 5, .levels = levels, .n_levels = 3,
	};
	struct recorder rec;
	struct rw_error err;

	(void)state;
	recorder_init(&rec);
	assert_int_equal(rw_alert_return_rules(&policy, &r, &rec.sink, &err), 0);
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.keys[0], "returns:TR:45");
	assert_string_equal(rec.summaries[0], "TR: 3 new returns recorded; "
	    "5 open cases are held there");
}

/* ---------- the store's side ---------- */

/* Writes a case row as the case store would (the backend never opens
 * the sealed value); id 0 adds one. */
static int64_t
put_case(struct rw_store *store, int64_t id, int64_t version,
    const char *uid, const char *status, const char *deadlines, int closed)
{
	struct rw_case_row row = {
		.id = id, .uid = uid, .sealed = "sealed", .status = status,
		.legal_status = "unknown", .host = "TH", .tags_json = "[]",
		.deadlines_json = deadlines, .requests_json = "[]",
		.closed = closed, .version = version,
	};
	struct rw_case_write w = { .row = &row, .who = "test",
	    .change_sealed = "change" };
	struct rw_error err;
	int64_t got = 0;

	if (rw_store_case_write(store, &w, &got, &err) < 0)
		fail_msg("case_write: %s", err.message);
	return id ? id : got;
}

static struct rw_alert_swept
sweep(struct rw_store *store, const char *now, int digest)
{
	static const char *const channels[] = { "webhook", "email" };
	struct rw_alerts_run run = {
		.policy = policy, .now = now, .channels = channels,
		.n_channels = 2, .digest = digest,
	};
	struct rw_alert_swept swept;
	struct rw_error err;

	if (rw_alerts_run(store, &run, &swept, &err) < 0)
		fail_msg("sweep: %s", err.message);
	return swept;
}

static void
sweep_raises_once_and_owes_deliveries(void **state)
{
	struct unit_store *s = unit_store_new();
	struct rw_alert_swept a, b;

	(void)state;
	put_case(s->store, 0, 0, "u1", "detained",
	    "[{\"kind\":\"hearing\",\"date\":\"2030-06-20\"}]", 0);
	put_case(s->store, 0, 0, "u2", "at-risk", "[]", 0);
	a = sweep(s->store, "2030-06-15T08:00:00Z", 1);
	assert_int_equal(a.cases, 2);
	assert_int_equal(a.raised, 1);
	assert_int_equal(a.owed, 3);  /* webhook, e-mail, the digest */
	b = sweep(s->store, "2030-06-15T08:05:00Z", 1);
	assert_int_equal(b.raised, 0);
	assert_int_equal(b.owed, 0);
	assert_int_equal(unit_db_int(s->db, "SELECT count(*) FROM alert"), 1);
	assert_int_equal(unit_db_int(s->db,
	    "SELECT count(*) FROM alert_delivery"), 3);
	unit_store_free(s);
}

static void
status_change_and_closing_through_the_store(void **state)
{
	struct unit_store *s = unit_store_new();
	struct rw_alert_swept w;
	int64_t id;

	(void)state;
	id = put_case(s->store, 0, 0, "u1", "detained",
	    "[{\"kind\":\"deportation\",\"date\":\"2030-06-18\"}]", 0);
	sweep(s->store, "2030-06-15T08:00:00Z", 0);
	put_case(s->store, id, 0, "u1", "deportation-ordered",
	    "[{\"kind\":\"deportation\",\"date\":\"2030-06-18\"}]", 0);
	w = sweep(s->store, "2030-06-15T09:00:00Z", 0);
	assert_int_equal(w.raised, 1);
	assert_int_equal(unit_db_int(s->db, "SELECT count(*) FROM alert "
	    "WHERE rule = 'status' AND key = 'status:1:1'"), 1);
	put_case(s->store, id, 1, "u1", "deportation-ordered",
	    "[{\"kind\":\"deportation\",\"date\":\"2030-06-18\"}]", 1);
	w = sweep(s->store, "2030-06-15T10:00:00Z", 0);
	assert_int_equal(w.raised, 0);
	assert_int_equal(w.resolved, 2);
	assert_int_equal(unit_db_int(s->db, "SELECT count(*) FROM alert "
	    "WHERE state != 'resolved'"), 0);
	unit_store_free(s);
}

static struct rw_alert_delivery *
claim(struct rw_store *store, const char *who, const char *now,
    size_t *ret_n)
{
	struct rw_alert_delivery *d;
	struct rw_error err;

	if (rw_store_delivery_claim(store, who, now, "2030-06-15T09:00:00Z", 10,
	    &d, ret_n, &err) < 0)
		fail_msg("claim: %s", err.message);
	return d;
}

static void
a_claimed_delivery_belongs_to_its_run(void **state)
{
	struct unit_store *s = unit_store_new();
	struct rw_alert_delivery *mine, *theirs;
	struct rw_error err;
	size_t n_mine, n_theirs;
	int64_t hurried = 0;

	(void)state;
	put_case(s->store, 0, 0, "u1", "detained",
	    "[{\"kind\":\"hearing\",\"date\":\"2030-06-20\"}]", 0);
	sweep(s->store, "2030-06-15T08:00:00Z", 0);
	mine = claim(s->store, "run-a", "2030-06-15T08:00:01Z", &n_mine);
	theirs = claim(s->store, "run-b", "2030-06-15T08:00:01Z", &n_theirs);
	assert_int_equal(n_mine, 2);
	assert_int_equal(n_theirs, 0);
	assert_string_equal(mine[0].channel, "webhook");
	assert_string_equal(mine[0].key, "alert:1:webhook");
	assert_int_equal(rw_store_delivery_done(s->store, mine[0].id, "run-b", 1,
	    RW_DELIVERY_SENT, NULL, "2030-06-15T08:00:02Z", NULL, &err),
	    RW_EEXIST);
	assert_int_equal(rw_store_delivery_done(s->store, mine[0].id, "run-a", 1,
	    RW_DELIVERY_SENT, NULL, "2030-06-15T08:00:02Z", NULL, &err), RW_OK);
	assert_int_equal(rw_store_delivery_done(s->store, mine[1].id, "run-a", 3,
	    RW_DELIVERY_RETRY, "HTTP 500", "2030-06-15T08:00:02Z",
	    "2030-06-15T08:10:00Z", &err), RW_OK);
	free(mine);
	free(theirs);
	/* the retry is not due yet, then it is; the sent one never again */
	theirs = claim(s->store, "run-b", "2030-06-15T08:05:00Z", &n_theirs);
	assert_int_equal(n_theirs, 0);
	free(theirs);
	assert_int_equal(rw_store_delivery_hurry(s->store,
	    "2030-06-15T08:06:00Z", &hurried, &err), RW_OK);
	assert_int_equal(hurried, 1);
	theirs = claim(s->store, "run-b", "2030-06-15T08:06:00Z", &n_theirs);
	assert_int_equal(n_theirs, 1);
	assert_string_equal(theirs[0].channel, "email");
	assert_int_equal(theirs[0].attempts, 3);
	free(theirs);
	/* a claim that ran out (its run died) passes to another run */
	theirs = claim(s->store, "run-c", "2030-06-15T09:00:00Z", &n_theirs);
	assert_int_equal(n_theirs, 1);
	free(theirs);
	unit_store_free(s);
}

static int
count_state(const struct rw_alert *a, void *ctx)
{
	(*(int *)ctx) += a->state == RW_ALERT_ACKED ? 10 : 1;
	return RW_OK;
}

static void
ack_and_resolve(void **state)
{
	struct unit_store *s = unit_store_new();
	struct rw_error err;
	int changed = -1, seen = 0;

	(void)state;
	put_case(s->store, 0, 0, "u1", "detained",
	    "[{\"kind\":\"hearing\",\"date\":\"2030-06-20\"}]", 0);
	sweep(s->store, "2030-06-15T08:00:00Z", 0);
	assert_int_equal(rw_store_alert_set_state(s->store, 1, RW_ALERT_ACKED,
	    "amina", "2030-06-15T08:01:00Z", &changed, &err), RW_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(rw_store_alert_set_state(s->store, 1, RW_ALERT_ACKED,
	    "amina", "2030-06-15T08:02:00Z", &changed, &err), RW_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(rw_store_alert_list(s->store, RW_ALERT_ACKED, 0,
	    count_state, &seen, &err), RW_OK);
	assert_int_equal(seen, 10);
	assert_int_equal(rw_store_alert_set_state(s->store, 1,
	    RW_ALERT_RESOLVED, "amina", "2030-06-15T08:03:00Z", &changed, &err),
	    RW_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(rw_store_alert_set_state(s->store, 99,
	    RW_ALERT_RESOLVED, "amina", "2030-06-15T08:03:00Z", &changed, &err),
	    RW_ENOTFOUND);
	assert_int_equal(rw_store_alert_set_state(s->store, 1, RW_ALERT_OPEN,
	    "amina", "2030-06-15T08:03:00Z", &changed, &err), RW_EINVAL);
	unit_store_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deadline_today_is_raised_and_most_urgent),
		cmocka_unit_test(deadline_passed_without_alert_is_its_own_rule),
		cmocka_unit_test(deadline_beyond_the_window_waits),
		cmocka_unit_test(closed_case_raises_nothing_and_resolves),
		cmocka_unit_test(changes_are_alerted_only_once_seen),
		cmocka_unit_test(falling_level_is_not_alerted),
		cmocka_unit_test(urgency_weighs_level_by_nearness),
		cmocka_unit_test(returns_alert_names_the_highest_level),
		cmocka_unit_test(sweep_raises_once_and_owes_deliveries),
		cmocka_unit_test(status_change_and_closing_through_the_store),
		cmocka_unit_test(a_claimed_delivery_belongs_to_its_run),
		cmocka_unit_test(ack_and_resolve),
	};

	return cmocka_run_group_tests(tests, unit_crypto_setup, NULL);
}
