/* bench-stats.c: how long `refuge stats` takes to count a large store
 * (issue 6: 1,000,000 accepted incidents in under a second).
 *
 * Usage: bench-stats DIR [N]
 *
 * DIR holds a generated store (made once, kept for later runs): N
 * accepted incidents (default 1,000,000) written straight into the
 * database after rw_store_open created it, with hosts, years, types and
 * groups varied by a fixed seed; a tenth undated, a quarter with no group,
 * a third with a stated count, and of the others every second names two
 * persons. Then rw_store_incident_stats runs three times for each
 * grouping below and the median wall-clock time is kept. One JSON line
 * per grouping:
 *   {"incidents":N,"by":"host,year,type","rows":R,"persons":P,
 *    "seconds":[s1,s2,s3],"median":M} */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "store/store.h"

#define RUNS 3

static const char *const hosts[] = {"TH", "KZ", "TR", "EG", "MY", "AE",
    "KG", "PK", "RU", "SA", "VN", "RS", "GB", "DE", "LA", "KH"};
static const char *const groups[] = {"Uyghur", "Kazakh", "Tibetan",
    "Hong Kong", "Falun Gong", "Chechen"};
static const char *const types[] = {"detention", "return",
    "threatened_return", "warrant", "disappearance", "conviction",
    "release"};
static const char *const groupings[] = {"host,year,type",
    "host,year,type,group", "year", "group,host"};

/* Binds the fields of one generated incident to ins. */
static void
bind_incident(sqlite3_stmt *ins, unsigned long *seed, int *ret_named)
{
	char date[12];
	unsigned long r = next_rand(seed);

	snprintf(date, sizeof(date), "%lu-%02lu-%02lu", 2010 + r % 16,
	    1 + (r >> 4) % 12, 1 + (r >> 8) % 28);
	sqlite3_bind_text(ins, 1, types[next_rand(seed) % COUNT(types)], -1,
	    SQLITE_STATIC);
	if (r % 10 != 0)
		sqlite3_bind_text(ins, 2, date, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(ins, 2);
	sqlite3_bind_text(ins, 3, hosts[next_rand(seed) % COUNT(hosts)], -1,
	    SQLITE_STATIC);
	if (next_rand(seed) % 4 != 0)
		sqlite3_bind_text(ins, 4, groups[next_rand(seed) %
		    COUNT(groups)], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(ins, 4);
	*ret_named = 0;
	if (next_rand(seed) % 3 == 0)
		sqlite3_bind_int64(ins, 5, 1 + (sqlite3_int64)(next_rand(seed) % 40));
	else {
		sqlite3_bind_null(ins, 5);
		*ret_named = next_rand(seed) % 2 == 0;
	}
}

/* Writes n accepted incidents into the database at db_path, in one
 * transaction. */
static int
add_incidents(const char *db_path, size_t n)
{
	unsigned long seed = 20261124;
	sqlite3 *db;
	sqlite3_stmt *ins = NULL, *person = NULL;
	int rc, named;

	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		return 1;
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO incident (status, reviewed, "
	    "type, date, host, grp, count, confidence, rules, proposal, "
	    "created_at, updated_at) VALUES ('accepted', 1, ?1, ?2, ?3, ?4, ?5, "
	    "0.8, 'bench', '{}', '2026-01-01T00:00:00Z', "
	    "'2026-01-01T00:00:00Z')", -1, &ins, NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO incident_person (incident_id, "
	    "pos, name) VALUES (?1, ?2, ?3)", -1, &person, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		bind_incident(ins, &seed, &named);
		rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : 1;
		sqlite3_reset(ins);
		for (int pos = 0; named && pos < 2 && rc == SQLITE_OK; pos++) {
			char name[48];

			snprintf(name, sizeof(name), "Generated Person %zu-%d", i, pos);
			sqlite3_bind_int64(person, 1, sqlite3_last_insert_rowid(db));
			sqlite3_bind_int(person, 2, pos);
			sqlite3_bind_text(person, 3, name, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(person) == SQLITE_DONE ? SQLITE_OK : 1;
			sqlite3_reset(person);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(person);
	rc |= sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc != SQLITE_OK;
}

/* Makes the store in dir unless it is there already. */
static int
prepare(const char *dir, size_t n)
{
	struct rw_store *store = NULL;
	struct rw_error err;
	struct stat st;
	char db[4200];

	snprintf(db, sizeof(db), "%s/refuge.db", dir);
	if (stat(db, &st) == 0)
		return 0;
	fprintf(stderr, "generating %zu accepted incidents in %s ...\n", n, dir);
	rw_error_clear(&err);
	if (rw_store_open(dir, 1, &store, &err) < 0) {
		fprintf(stderr, "bench-stats: %s\n", err.message);
		return 1;
	}
	rw_store_close(store);
	if (add_incidents(db, n)) {
		fprintf(stderr, "bench-stats: writing incidents failed\n");
		return 1;
	}
	return 0;
}

struct totals {
	int64_t rows, incidents, persons;
};

static int
add_row(const struct rw_stats_row *row, void *ctx)
{
	struct totals *t = ctx;

	t->rows++;
	t->incidents += row->incidents;
	t->persons += row->persons;
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Times one grouping RUNS times and prints its line; 1 on failure. */
static int
measure(struct rw_store *store, const char *by)
{
	struct rw_stats_query q;
	struct rw_error err;
	struct totals t;
	double s[RUNS], sorted[RUNS];

	rw_error_clear(&err);
	if (rw_stats_by_parse(by, &q, &err) < 0)
		return fprintf(stderr, "bench-stats: %s\n", err.message), 1;
	for (int k = 0; k < RUNS; k++) {
		double start = wall_seconds();

		memset(&t, 0, sizeof(t));
		if (rw_store_incident_stats(store, &q, add_row, &t, &err) != 0)
			return fprintf(stderr, "bench-stats: %s\n", err.message), 1;
		s[k] = sorted[k] = wall_seconds() - start;
	}
	qsort(sorted, RUNS, sizeof(sorted[0]), cmp_double);
	printf("{\"incidents\":%lld,\"by\":\"%s\",\"rows\":%lld,\"persons\":%lld,"
	    "\"seconds\":[%.3f,%.3f,%.3f],\"median\":%.3f}\n",
	    (long long)t.incidents, by, (long long)t.rows, (long long)t.persons,
	    s[0], s[1], s[2], sorted[RUNS / 2]);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rw_store *store = NULL;
	struct rw_error err;
	size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	int rc = 0;

	if (argc < 2 || argc > 3 || n == 0) {
		fprintf(stderr, "usage: bench-stats DIR [N]\n");
		return 2;
	}
	if (prepare(argv[1], n))
		return 1;
	rw_error_clear(&err);
	if (rw_store_open(argv[1], 0, &store, &err) < 0) {
		fprintf(stderr, "bench-stats: %s\n", err.message);
		return 1;
	}
	for (size_t i = 0; i < COUNT(groupings) && rc == 0; i++)
		rc = measure(store, groupings[i]);
	rw_store_close(store);
	return rc;
}
