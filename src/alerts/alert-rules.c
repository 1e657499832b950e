/* alert-rules.c: the early-warning rules (see alert-rules.h). */
#include "alerts/alert-rules.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case-store.h"
#include "screen/screen.h"

#define SUMMARY_MAX 256

/* Days from today to a YYYY-MM-DD date (negative when passed). */
static long
days_until(const struct rw_date *today, const char *date)
{
	struct rw_date d;

	if (rw_date_parse(date, &d) < 0 || d.day == 0)
		return 0;
	return rw_date_day_number(d.year, d.month, d.day) -
	    rw_date_day_number(today->year, today->month, today->day);
}

int
rw_alert_urgency(const char *level, const char *due,
    const struct rw_date *today)
{
	enum rw_level l;
	int weight = rw_level_parse(level, &l) ? (int)l + 1 : 1;
	long days;
	int near;

	if (due == NULL)
		return weight;
	days = days_until(today, due);
	near = days <= 0 ? 8 : days <= 2 ? 6 : days <= 7 ? 4 : days <= 14 ?
	    2 : 1;
	return weight * near;
}

/* How a deadline reads in a sentence. */
static const char *
deadline_words(enum rw_deadline_kind kind)
{
	switch (kind) {
	case RW_DEADLINE_SENTENCE_END: return "sentence ends";
	case RW_DEADLINE_HEARING: return "hearing";
	case RW_DEADLINE_DEPORTATION: return "deportation scheduled";
	case RW_DEADLINE_APPEAL: return "appeal window closes";
	default: return "deadline";
	}
}

/* "Case 12 (in TH)", the country the person is in, or "Case 12". */
static void
case_words(const struct rw_case_row *row, char *out, size_t size)
{
	if (row->host != NULL)
		snprintf(out, size, "Case %lld (in %s)",
		    (long long)row->id, row->host);
	else
		snprintf(out, size, "Case %lld", (long long)row->id);
}

/* Raises a with detail (a JSON value, taken). */
static int
raise_with(struct rw_alert_sink *sink, struct rw_alert_new *a, json_t *detail,
    struct rw_error *err)
{
	char *text = detail != NULL ? json_dumps(detail, JSON_COMPACT |
	    JSON_SORT_KEYS) : NULL;
	int fresh, r;

	json_decref(detail);
	if (text == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	a->detail_json = text;
	r = sink->raise(sink, a, &fresh, err);
	free(text);
	return r;
}

/* The case's first deadline from today on, as due date for alerts about
 * it, or NULL. */
static const char *
next_deadline(const struct rw_case *dl, const struct rw_date *today)
{
	const char *next = NULL;

	for (size_t k = 0; k < dl->n_deadlines; k++) {
		const char *date = dl->deadlines[k].date;

		if (days_until(today, date) >= 0 &&
		    (next == NULL || strcmp(date, next) < 0))
			next = date;
	}
	return next;
}

static int
deadline_alert(const struct rw_alert_policy *p, const struct rw_case_row *row,
    const struct rw_deadline *d, struct rw_alert_sink *sink,
    struct rw_error *err)
{
	long days = days_until(&p->today, d->date);
	const char *kind = rw_deadline_kind_name(d->kind);
	char key[96], who[64], summary[SUMMARY_MAX], when[48];
	struct rw_alert_new a = {
		.key = key, .case_id = row->id, .host = row->host,
		.level = row->level, .due = d->date, .summary = summary,
	};

	if (days > p->within_days)
		return RW_OK;
	snprintf(key, sizeof(key), "deadline:%lld:%s:%s", (long long)row->id,
	    kind, d->date);
	case_words(row, who, sizeof(who));
	if (days < 0) {
		a.rule = "deadline-passed";
		snprintf(when, sizeof(when), "%ld day%s ago", -days,
		    days == -1 ? "" : "s");
		snprintf(summary, sizeof(summary), "%s: %s on %s passed "
		    "without an alert, %s", who, deadline_words(d->kind),
		    d->date, when);
	} else {
		a.rule = "deadline";
		if (days == 0)
			snprintf(when, sizeof(when), "today");
		else
			snprintf(when, sizeof(when), "in %ld day%s", days,
			    days == 1 ? "" : "s");
		snprintf(summary, sizeof(summary), "%s: %s on %s, %s", who,
		    deadline_words(d->kind), d->date, when);
	}
	return raise_with(sink, &a, json_pack("{s:s s:s s:I}", "kind", kind,
	    "date", d->date, "days", (json_int_t)days), err);
}

/* A change alert: rule "status" or "level", from one value to another,
 * numbered by the case's count of changes. */
static int
change_alert(const struct rw_case_row *row, const char *rule,
    const char *from, const char *to, int64_t number, const char *due,
    struct rw_alert_sink *sink, struct rw_error *err)
{
	char key[64], who[64], summary[SUMMARY_MAX];
	struct rw_alert_new a = {
		.key = key, .rule = rule, .case_id = row->id, .host = row->host,
		.level = row->level, .due = due, .summary = summary,
	};

	snprintf(key, sizeof(key), "%s:%lld:%lld", rule, (long long)row->id,
	    (long long)number);
	case_words(row, who, sizeof(who));
	snprintf(summary, sizeof(summary), "%s: %s from %s to %s", who,
	    strcmp(rule, "level") == 0 ? "screening level rose" :
	    "status changed", from, to);
	return raise_with(sink, &a, json_pack("{s:s s:s}", "from", from, "to",
	    to), err);
}

static int
links_alert(const struct rw_alert_case *c, const char *due,
    struct rw_alert_sink *sink, struct rw_error *err)
{
	const struct rw_case_row *row = c->row;
	int64_t more = c->links - c->seen.links;
	char key[64], who[64], summary[SUMMARY_MAX];
	struct rw_alert_new a = {
		.key = key, .rule = "named", .case_id = row->id,
		.host = row->host, .level = row->level, .due = due,
		.summary = summary,
	};

	snprintf(key, sizeof(key), "named:%lld:%lld", (long long)row->id,
	    (long long)c->links);
	case_words(row, who, sizeof(who));
	snprintf(summary, sizeof(summary), "%s: %lld new incident%s or "
	    "source%s name%s this person", who, (long long)more,
	    more == 1 ? "" : "s", more == 1 ? "" : "s", more == 1 ? "s" : "");
	return raise_with(sink, &a, json_pack("{s:I s:I}", "links_before",
	    (json_int_t)c->seen.links, "links_now", (json_int_t)c->links), err);
}

static int
level_rank(const char *level)
{
	enum rw_level l;

	return rw_level_parse(level, &l) ? (int)l : -1;
}

/* The alerts about what changed since the last run saw the case (a case
 * seen has a status then and now); returns how many changes were
 * alerted for. */
static int
change_alerts(const struct rw_alert_case *c, const char *due,
    struct rw_alert_sink *sink, struct rw_error *err)
{
	const struct rw_case_row *row = c->row;
	int changes = 0, r = RW_OK;

	if (c->links > c->seen.links)
		r = links_alert(c, due, sink, err);
	if (r == RW_OK && strcmp(c->seen.status, row->status) != 0) {
		changes++;
		r = change_alert(row, "status", c->seen.status, row->status,
		    c->seen.changes + changes, due, sink, err);
	}
	if (r == RW_OK && level_rank(c->seen.level) >= 0 &&
	    level_rank(row->level) > level_rank(c->seen.level)) {
		changes++;
		r = change_alert(row, "level", c->seen.level, row->level,
		    c->seen.changes + changes, due, sink, err);
	}
	return r < 0 ? r : changes;
}

int
rw_alert_case_rules(const struct rw_alert_policy *p,
    const struct rw_alert_case *c, struct rw_alert_sink *sink,
    struct rw_error *err)
{
	const struct rw_case_row *row = c->row;
	struct rw_case dl;
	int r = RW_OK;

	if (row->closed)
		return c->seen.known && c->seen.closed ? 0 :
		    sink->resolve_case(sink, row->id, "refuge (case closed)", err);
	rw_case_init(&dl);
	if ((r = rw_case_deadlines_read(row->deadlines_json, &dl, err)) < 0)
		return r;
	for (size_t k = 0; k < dl.n_deadlines && r == RW_OK; k++)
		r = deadline_alert(p, row, &dl.deadlines[k], sink, err);
	if (r == RW_OK && c->seen.known)
		r = change_alerts(c, next_deadline(&dl, &p->today), sink, err);
	rw_case_free(&dl);
	return r;
}

int
rw_alert_return_rules(const struct rw_alert_policy *p,
    const struct rw_alert_returns *r, struct rw_alert_sink *sink,
    struct rw_error *err)
{
	const char *top = NULL;
	char key[64], summary[SUMMARY_MAX];
	struct rw_alert_new a = {
		.key = key, .rule = "returns", .host = r->host,
		.summary = summary,
	};
	json_t *ids = json_array();

	(void)p;
	for (size_t k = 0; k < r->n_levels; k++)
		if (level_rank(r->levels[k]) > level_rank(top))
			top = r->levels[k];
	a.level = top;
	snprintf(key, sizeof(key), "returns:%s:%lld", r->host,
	    (long long)r->incidents[r->n_incidents - 1]);
	snprintf(summary, sizeof(summary), "%s: %zu new return%s recorded; "
	    "%lld open case%s held there", r->host, r->n_incidents,
	    r->n_incidents == 1 ? "" : "s", (long long)r->open_cases,
	    r->open_cases == 1 ? " is" : "s are");
	for (size_t k = 0; ids != NULL && k < r->n_incidents; k++)
		json_array_append_new(ids, json_integer(r->incidents[k]));
	return raise_with(sink, &a, json_pack("{s:o s:I}", "incidents", ids,
	    "open_cases", (json_int_t)r->open_cases), err);
}
