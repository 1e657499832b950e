/* gen-cases.c: generates the case stores the store benchmarks measure
 * (see gen-cases.h): cases saved through the case store (sealed names,
 * blind indexes, history), and their incidents written straight into the
 * database and linked, all from one fixed seed, so a store of N cases is
 * the same on every machine. */
#define _POSIX_C_SOURCE 200809L

#include "gen-cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "cases/case-store.h"
#include "crypto/digest.h"
#include "crypto/seal.h"

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
	fprintf(stderr, "gen-cases: %s: %s\n", what, err->message);
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
		    "%.8s%02lu", GEN_DEADLINE_FIRST, 1 + next_rand(seed) %
		    GEN_DEADLINE_DAYS);
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

/* Writes GEN_INCIDENTS_PER_CASE incidents per case straight into the
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
		for (int k = 0; k < GEN_INCIDENTS_PER_CASE && rc == SQLITE_OK; k++) {
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

/* Makes the store of n cases in dir (its key in key_path). */
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
		fprintf(stderr, "gen-cases: writing incidents failed\n");
		return 1;
	}
	return 0;
}

int
gen_cases_store(const char *root, size_t n, char *ret_dir, size_t dir_size,
    char *ret_key, size_t key_size)
{
	struct stat st;

	mkdir(root, 0700);
	snprintf(ret_dir, dir_size, "%s/%zu", root, n);
	snprintf(ret_key, key_size, "%s/%zu.key", root, n);
	if (stat(ret_dir, &st) == 0)
		return 0;
	return generate(ret_dir, ret_key, n);
}

size_t
gen_cases_count(const char *prog, const char *arg)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (arg[0] < '1' || arg[0] > '9' || *end != '\0') {
		fprintf(stderr, "%s: %s is no count of cases\n", prog, arg);
		return 0;
	}
	return (size_t)n;
}
