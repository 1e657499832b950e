/* unit-store.c: store fixtures shared by the unit tests (see unit-store.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "crypto/digest.h"
#include "ingest/neardup.h"
#include "unit.h"
#include "unit-store.h"

int
unit_crypto_setup(void **state)
{
	(void)state;
	return rw_crypto_init();
}

struct unit_store *
unit_store_new(void)
{
	struct unit_store *s = calloc(1, sizeof(*s));
	struct rw_error err;

	if (s == NULL)
		return NULL;
	s->dir = unit_tmpdir();
	s->data = unit_path(s->dir, "data");
	s->db = unit_path(s->data, "refuge.db");
	if (rw_store_open(s->data, 1, &s->store, &err) != RW_OK) {
		fprintf(stderr, "%s\n", err.message);
		unit_store_free(s);
		return NULL;
	}
	return s;
}

void
unit_store_free(struct unit_store *s)
{
	if (s == NULL)
		return;
	rw_store_close(s->store);
	unit_rmtree(s->dir);
	free(s->db);
	free(s->data);
	free(s->dir);
	free(s);
}

int64_t
unit_add_source(struct rw_store *store, const char *path, const char *text)
{
	uint64_t minhash[RW_MINHASH_SIZE], bands[RW_MINHASH_BANDS];
	struct rw_source src;
	struct rw_attempt a;
	struct rw_error err;
	int64_t id = 0;

	memset(&src, 0, sizeof(src));
	memset(&a, 0, sizeof(a));
	src.path = path;
	src.format = "text";
	src.ingested_by = "tester";
	src.ingested_at = "2024-01-02T03:04:05Z";
	src.bytes = (const unsigned char *)text;
	src.byte_size = (int64_t)strlen(text);
	src.text = text;
	src.text_len = strlen(text);
	rw_minhash_compute(text, strlen(text), minhash, bands);
	src.minhash = minhash;
	src.bands = bands;
	rw_sha256_hex(text, strlen(text), src.sha256);
	a.path = path;
	a.sha256 = src.sha256;
	a.status = RW_ATTEMPT_NEW;
	a.by = "tester";
	a.at = src.ingested_at;
	if (rw_store_source_insert(store, &src, &a, &id, &err) != RW_OK)
		fail_msg("insert %s: %s", path, err.message);
	return id;
}

static int
count_problem(const char *problem, void *ctx)
{
	fprintf(stderr, "# store check: %s\n", problem);
	(*(int *)ctx)++;
	return 0;
}

int
unit_store_problems(struct rw_store *store)
{
	struct rw_error err;
	int problems = 0;
	int r = rw_store_check(store, count_problem, &problems, &err);

	if (r != RW_OK && problems == 0)
		fail_msg("check: %s", err.message);
	return problems;
}

/* Prepares sql on db; the caller finalizes the statement and closes db. */
static sqlite3_stmt *
db_query(const char *path, const char *sql, sqlite3 **db)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(*db));
	if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(*db));
	return st;
}

int64_t
unit_db_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st = db_query(path, sql, &db);
	int64_t v = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

char *
unit_db_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st = db_query(path, sql, &db);
	char *v = NULL;

	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void
unit_db_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(db));
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}
