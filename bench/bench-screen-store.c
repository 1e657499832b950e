/* bench-screen-store.c: screening every case of a real store, as `refuge
 * screen --all` does, at two store sizes, to show that the cost per case
 * does not grow with the store (issue 5: at 100,000 cases within 1.5
 * times the cost at 10,000).
 *
 * Usage: bench-screen-store DIR N [N...]
 *
 * For each N, DIR/N holds a generated store (gen-cases.h: made once,
 * kept for later runs; its key file is DIR/N.key). Then every
 * case is read, opened with the key, screened with the built-in rules
 * (the host's record counted from the incidents) and its level recorded,
 * timed in CPU seconds. One JSON line per store:
 *   {"cases":N,"incidents":M,"seconds":S,"us_per_case":U,
 *    "levels":[low,elevated,high,critical]}
 * then {"ratio":R}: the cost per case at the largest N over the smallest. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "cases/case-screen.h"
#include "cases/case-store.h"
#include "crypto/digest.h"
#include "crypto/seal.h"
#include "gen-cases.h"

static int
fail(const char *what, const struct rw_error *err)
{
	fprintf(stderr, "bench-screen-store: %s: %s\n", what, err->message);
	return 1;
}

struct run {
	struct rw_case_screener *screener;
	struct rw_date today;
	long levels[4];
	size_t cases;
};

static int
screen_one(const struct rw_case *c, const char *level, int score, void *ctx)
{
	struct run *run = ctx;
	struct rw_screening s;
	int r;

	(void)level;
	(void)score;
	if ((r = rw_case_screen(run->screener, c, &run->today, &s, NULL)) < 0)
		return r;
	run->levels[s.level]++;
	run->cases++;
	rw_screening_free(&s);
	return RW_OK;
}

/* Screens every case of the store in dir; -1 on failure. */
static double
measure(const char *dir, const char *key_path, struct run *run)
{
	struct rw_store *store = NULL;
	struct rw_keyring *k = NULL;
	struct rw_screen_rules *rules = NULL;
	struct rw_error err;
	double start, seconds = -1;

	rw_error_clear(&err);
	rw_date_parse("2026-11-23", &run->today);
	if (rw_store_open(dir, 0, &store, &err) == RW_OK &&
	    rw_keyring_from_file(key_path, &k, &err) == RW_OK &&
	    rw_screen_rules_default(&rules, &err) == RW_OK &&
	    rw_case_screener_new(store, rules, &run->screener, &err) == RW_OK) {
		start = cpu_seconds();
		if (rw_case_each(store, k, NULL, screen_one, run, &err) == RW_OK)
			seconds = cpu_seconds() - start;
	}
	if (seconds < 0)
		fail("screening", &err);
	rw_case_screener_free(run->screener);
	rw_screen_rules_free(rules);
	rw_keyring_free(k);
	rw_store_close(store);
	return seconds;
}

int
main(int argc, char **argv)
{
	double first = 0, last = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: bench-screen-store DIR N [N...]\n");
		return 2;
	}
	if (rw_crypto_init() < 0)
		return 1;
	for (int a = 2; a < argc; a++) {
		size_t n = gen_cases_count("bench-screen-store", argv[a]);
		char dir[4000], key[4000];
		struct run run;
		double s;

		if (n == 0)
			return 2;
		if (gen_cases_store(argv[1], n, dir, sizeof(dir), key,
		    sizeof(key)))
			return 1;
		memset(&run, 0, sizeof(run));
		if ((s = measure(dir, key, &run)) < 0)
			return 1;
		printf("{\"cases\":%zu,\"incidents\":%zu,\"seconds\":%.3f,"
		    "\"us_per_case\":%.2f,\"levels\":[%ld,%ld,%ld,%ld]}\n",
		    run.cases, run.cases * GEN_INCIDENTS_PER_CASE, s,
		    s * 1e6 / (double)run.cases, run.levels[0], run.levels[1],
		    run.levels[2], run.levels[3]);
		if (a == 2)
			first = s * 1e6 / (double)run.cases;
		last = s * 1e6 / (double)run.cases;
	}
	printf("{\"ratio\":%.2f}\n", first > 0 ? last / first : 0.0);
	return 0;
}
