/* bench-screen-store.c: screening every case of a real store, as `refuge
 * screen --all` does, at two store sizes, to show that the cost per case
 * does not grow with the store (issue 5: at 100,000 cases within 1.5
 * times the cost at 10,000).
 *
 * Usage: bench-screen-store DIR N [N...]
 *
 * For each N, DIR/N holds a generated store (made once, kept for later
 * runs; its key file is DIR/N.key): N cases saved through the case store
 * (sealed names, blind indexes, history), and 10 incidents per case
 * written straight into the database (hosts, destinations, types and
 * years varied with a fixed seed) and linked to their case. Then every
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
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "cases/case-screen.h"
#include "cases/case-store.h"
#include "crypto/digest.h"
#include "crypto/seal.h"

#define INCIDENTS_PER_CASE 10

static const char *const hosts[] = {"TH", "KZ", "TR", "EG", "MY", "AE",
    "KG", "PK", "RU", "SA", "VN", "RS", "GB", "DE"};
static const char *const dests[] = {"CN", "TJ", "UZ", "RU", "EG", "BY"};
static const char *const groups[] = {"Uyghur", "Kazakh", "Tibetan",
    "Hong Kong", "Chechen", NULL};
static const char *const tags[] = {"activist", "journalist", "student",
    "lawyer", "religious practitioner"};
static const char *const types[] = {"detention", "return",
    "threatened_return", "warrant", "release"};

static int
fail(const char *what, const struct rw_error *err)
{
	fprintf(stderr, "bench-screen-store: %s: %s\n", what, err->message);
	return 1;
}

/* Case i of the generated store, with a fixed seed. */
static int
make_case(struct rw_case *c, size_t i, unsigned long *seed,
    struct rw_error *err)
{
	char name[64];
	int r;

	rw_case_init(c);
	snprintf(name, sizeof(name), "Generated Person %zu", i);
	if ((r = rw_strings_add(&c->names, name, err)) < 0)
		return r;
	snprintf(name, sizeof(name), "Person %zu Generated", i);
	if ((r = rw_strings_add(&c->aliases, name, err)) < 0 ||
	    (r = rw_strings_add(&c->tags, tags[next_rand(seed) % COUNT(tags)],
	    err)) < 0 || (r = rw_strings_add(&c->contacts, "+00 000 0000",
	    err)) < 0)
		return r;
	const char *group = groups[next_rand(seed) % COUNT(groups)];
	c->group = group ? strdup(group) : NULL;
	memcpy(c->host, hosts[next_rand(seed) % COUNT(hosts)], 3);
	memcpy(c->dest, dests[next_rand(seed) % COUNT(dests)], 3);
	c->status = (enum rw_case_status)(next_rand(seed) % 4);
	c->legal_status = (enum rw_legal_status)(next_rand(seed) %
	    RW_LEGAL_COUNT);
	if (next_rand(seed) % 2) {
		c->deadlines = calloc(1, sizeof(*c->deadlines));
		if (c->deadlines == NULL)
			return RW_ENOMEM;
		c->deadlines[0].kind = RW_DEADLINE_HEARING;
		snprintf(c->deadlines[0].date, sizeof(c->deadlines[0].date),
		    "2026-12-%02lu", 1 + next_rand(seed) % 28);
		c->n_deadlines = 1;
	}
	if (next_rand(seed) % 3 == 0) {
		if ((r = rw_request_parse("extradition:CN:separatism",
		    c->requests = calloc(1, sizeof(*c->requests)), err)) < 0)
			return r;
		memcpy(c->requests[0].state, c->dest, 3);
		c->requests[0].assurances = next_rand(seed) % 2;
		c->n_requests = 1;
	}
	return RW_OK;
}

/* Writes INCIDENTS_PER_CASE incidents per case straight into the
 * database, linked to their case, in one transaction. */
static int
add_incidents(const char *db_path, size_t n, unsigned long *seed)
{
	sqlite3 *db;
	sqlite3_stmt *inc, *link;
	int rc;

	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		return 1;
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO incident (status, type, "
	    "date, host, dest, count, confidence, rules, proposal, created_at, "
	    "updated_at) VALUES ('proposed', ?, ?, ?, ?, 1, 0.8, 'bench', "
	    "'{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", -1, &inc,
	    NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO case_incident (case_id, "
	    "incident_id) VALUES (?, ?)", -1, &link, NULL);
	for (size_t c = 1; rc == SQLITE_OK && c <= n; c++)
		for (int k = 0; k < INCIDENTS_PER_CASE && rc == SQLITE_OK; k++) {
			char date[8];
			snprintf(date, sizeof(date), "%lu",
			    2010 + next_rand(seed) % 16);
			sqlite3_bind_text(inc, 1, types[next_rand(seed) %
			    COUNT(types)], -1, SQLITE_STATIC);
			sqlite3_bind_text(inc, 2, date, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(inc, 3, hosts[next_rand(seed) %
			    COUNT(hosts)], -1, SQLITE_STATIC);
			sqlite3_bind_text(inc, 4, dests[next_rand(seed) %
			    COUNT(dests)], -1, SQLITE_STATIC);
			rc = sqlite3_step(inc) == SQLITE_DONE ? SQLITE_OK : 1;
			sqlite3_reset(inc);
			sqlite3_bind_int64(link, 1, (sqlite3_int64)c);
			sqlite3_bind_int64(link, 2, sqlite3_last_insert_rowid(db));
			rc |= sqlite3_step(link) == SQLITE_DONE ? SQLITE_OK : 1;
			sqlite3_reset(link);
		}
	sqlite3_finalize(inc);
	sqlite3_finalize(link);
	rc |= sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc != SQLITE_OK;
}

/* Makes the store of n cases in dir (its key in dir.key). */
static int
generate(const char *dir, const char *key_path, size_t n)
{
	struct rw_store *store = NULL;
	struct rw_keyring *k = NULL;
	struct rw_error err;
	unsigned long seed = 20261123;
	char db[4200];
	int r;

	rw_error_clear(&err);
	fprintf(stderr, "generating %zu cases in %s ...\n", n, dir);
	if (rw_store_open(dir, 1, &store, &err) < 0 ||
	    rw_key_file_create(key_path, &err) < 0 ||
	    rw_keyring_from_file(key_path, &k, &err) < 0 ||
	    rw_case_key_check(store, k, NULL, &err) < 0)
		return fail("making the store", &err);
	for (size_t i = 0; i < n; i++) {
		struct rw_case c;
		r = make_case(&c, i, &seed, &err);
		if (r == RW_OK)
			r = rw_case_save(store, k, &c, "bench", NULL, &err);
		rw_case_free(&c);
		if (r < 0)
			return fail("saving a case", &err);
	}
	rw_keyring_free(k);
	rw_store_close(store);
	snprintf(db, sizeof(db), "%s/refuge.db", dir);
	if (add_incidents(db, n, &seed)) {
		fprintf(stderr, "bench-screen-store: writing incidents failed\n");
		return 1;
	}
	return 0;
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
	mkdir(argv[1], 0700);
	for (int a = 2; a < argc; a++) {
		size_t n = (size_t)strtoul(argv[a], NULL, 10);
		char dir[4000], key[4000];
		struct stat st;
		struct run run;
		double s;

		if (n == 0) {
			fprintf(stderr, "bench-screen-store: %s is no count\n",
			    argv[a]);
			return 2;
		}
		snprintf(dir, sizeof(dir), "%s/%zu", argv[1], n);
		snprintf(key, sizeof(key), "%s/%zu.key", argv[1], n);
		if (stat(dir, &st) != 0 && generate(dir, key, n))
			return 1;
		memset(&run, 0, sizeof(run));
		if ((s = measure(dir, key, &run)) < 0)
			return 1;
		printf("{\"cases\":%zu,\"incidents\":%zu,\"seconds\":%.3f,"
		    "\"us_per_case\":%.2f,\"levels\":[%ld,%ld,%ld,%ld]}\n",
		    run.cases, run.cases * INCIDENTS_PER_CASE, s,
		    s * 1e6 / (double)run.cases, run.levels[0], run.levels[1],
		    run.levels[2], run.levels[3]);
		if (a == 2)
			first = s * 1e6 / (double)run.cases;
		last = s * 1e6 / (double)run.cases;
	}
	printf("{\"ratio\":%.2f}\n", first > 0 ? last / first : 0.0);
	return 0;
}
