/* bench-alerts.c: the cost of an alert run (`refuge alerts run`, the
 * sweep without delivery) per case, at several store sizes, to show that
 * it does not grow with the store (issue 6: at 100,000 cases within 1.5
 * times the cost at 10,000, and a few seconds for the whole run).
 *
 * Usage: bench-alerts DIR N [N...]
 *
 * For each N, DIR/N is the generated store of gen-cases.h (made once,
 * kept). Opening it brings it to the current schema; then the alert
 * state is emptied straight in the database and three runs of
 * rw_alerts_run are timed in CPU seconds:
 *   first:   every case seen for the first time; the deadlines within
 *            14 days of TODAY (a quarter of the generated ones) raise
 *            alerts;
 *   steady:  right after, nothing changed (a cron run every 15 minutes);
 *   changed: after the status of every hundredth case was changed in
 *            the database, which raises one status alert each.
 * Wall seconds of the first run are printed too (first_wall_s): they
 * include waiting for the disk, which CPU time leaves out.
 * One JSON line per store, then {"ratio_first":R1,"ratio_steady":R2}:
 * the cost per case at the last N over the first. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "alerts/alerts.h"
#include "bench-util.h"
#include "crypto/digest.h"
#include "gen-cases.h"

#define TODAY "2026-11-23"
#define NOW TODAY "T06:00:00Z"

static const char reset_sql[] =
    "DELETE FROM alert_delivery; DELETE FROM alert; "
    "DELETE FROM alert_watch; DELETE FROM alert_mark; "
    "PRAGMA wal_checkpoint(TRUNCATE);";

/* Every hundredth case changes status, back and forth across runs. */
static const char change_sql[] =
    "UPDATE case_file SET status = CASE status WHEN 'detained' "
    "THEN 'at-risk' ELSE 'detained' END WHERE id % 100 = 0";

/* What one run cost and raised. */
struct sample {
	double seconds, wall;
	int64_t cases, raised;
};

struct result {
	struct sample first, steady, changed;
	int64_t changed_cases;
};

static int
fail(const char *what, const char *why)
{
	fprintf(stderr, "bench-alerts: %s: %s\n", what, why);
	return -1;
}

/* Runs sql on the store's database through a connection of its own;
 * *ret_changes gets the rows it changed. */
static int
run_sql(const char *dir, const char *sql, int64_t *ret_changes)
{
	char path[4200];
	sqlite3 *db = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/refuge.db", dir);
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fail(path, db != NULL ? sqlite3_errmsg(db) : "cannot open");
	*ret_changes = sqlite3_total_changes64(db);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* One alert run, timed; no channels, so nothing is owed or sent. */
static int
timed_run(struct rw_store *store, struct sample *ret)
{
	struct rw_alerts_run run = {
		.policy = { .within_days = RW_ALERT_DAYS_DEFAULT },
		.now = NOW,
	};
	struct rw_alert_swept swept;
	struct rw_error err;
	double start, wall;

	rw_error_clear(&err);
	rw_date_parse(TODAY, &run.policy.today);
	start = cpu_seconds();
	wall = wall_seconds();
	if (rw_alerts_run(store, &run, &swept, &err) < 0)
		return fail("alert run", err.message);
	ret->seconds = cpu_seconds() - start;
	ret->wall = wall_seconds() - wall;
	ret->cases = swept.cases;
	ret->raised = swept.raised;
	return 0;
}

static int
open_store(const char *dir, struct rw_store **ret)
{
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_store_open(dir, 0, ret, &err) < 0)
		return fail(dir, err.message);
	return 0;
}

/* The three runs over the store in dir. */
static int
measure(const char *dir, struct result *res)
{
	struct rw_store *store = NULL;
	int64_t changes;
	int r;

	if (open_store(dir, &store) < 0)  /* brings the schema up to date */
		return -1;
	rw_store_close(store);
	if (run_sql(dir, reset_sql, &changes) < 0 ||
	    open_store(dir, &store) < 0)
		return -1;
	r = timed_run(store, &res->first);
	if (r == 0)
		r = timed_run(store, &res->steady);
	if (r == 0)
		r = run_sql(dir, change_sql, &res->changed_cases);
	if (r == 0)
		r = timed_run(store, &res->changed);
	rw_store_close(store);
	return r;
}

static double
us_per_case(const struct sample *s)
{
	return s->cases > 0 ? s->seconds * 1e6 / (double)s->cases : 0;
}

static void
print_result(const struct result *res)
{
	printf("{\"cases\":%lld,\"first_s\":%.3f,\"first_us_per_case\":%.2f,"
	    "\"first_wall_s\":%.3f,\"steady_us_per_case\":%.2f,\"changed_us_per_case\":%.2f,"
	    "\"raised_first\":%lld,\"raised_steady\":%lld,"
	    "\"changed_cases\":%lld,\"raised_changed\":%lld}\n",
	    (long long)res->first.cases, res->first.seconds,
	    us_per_case(&res->first), res->first.wall,
	    us_per_case(&res->steady),
	    us_per_case(&res->changed), (long long)res->first.raised,
	    (long long)res->steady.raised, (long long)res->changed_cases,
	    (long long)res->changed.raised);
}

int
main(int argc, char **argv)
{
	struct result first = {0}, last = {0};

	if (argc < 3) {
		fprintf(stderr, "usage: bench-alerts DIR N [N...]\n");
		return 2;
	}
	if (rw_crypto_init() < 0)
		return 1;
	for (int a = 2; a < argc; a++) {
		size_t n = gen_cases_count("bench-alerts", argv[a]);
		char dir[4000], key[4000];

		if (n == 0)
			return 2;
		if (gen_cases_store(argv[1], n, dir, sizeof(dir), key,
		    sizeof(key)) || measure(dir, &last) < 0)
			return 1;
		print_result(&last);
		if (a == 2)
			first = last;
	}
	printf("{\"ratio_first\":%.2f,\"ratio_steady\":%.2f}\n",
	    us_per_case(&first.first) > 0 ? us_per_case(&last.first) /
	    us_per_case(&first.first) : 0.0,
	    us_per_case(&first.steady) > 0 ? us_per_case(&last.steady) /
	    us_per_case(&first.steady) : 0.0);
	return 0;
}
