/* test-store.c: conformance of a store backend (store/store.h).
 *
 * Every backend must pass these. The SQLite file is opened directly only
 * to do what the API must never allow (tampering, a newer schema) and to
 * read the ingest log, which has no reading call. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "crypto/digest.h"
#include "ingest/neardup.h"
#include "store/store.h"
#include "unit.h"

#define AT "2024-01-02T03:04:05Z"

struct fixture {
	char *dir;   /* temporary folder */
	char *data;  /* the store's data folder */
	char *db;    /* data/refuge.db */
	struct rw_store *store;
};

/* A source to insert, with the storage its pointers use. */
struct made {
	struct rw_source src;
	struct rw_attempt attempt;
	uint64_t minhash[RW_MINHASH_SIZE];
	uint64_t bands[RW_MINHASH_BANDS];
};

static int
group_setup(void **state)
{
	return rw_crypto_init();
}

static struct fixture *
fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = unit_tmpdir();
	f->data = unit_path(f->dir, "data");
	f->db = unit_path(f->data, "refuge.db");
	return f;
}

static void
fixture_free(struct fixture *f)
{
	rw_store_close(f->store);
	unit_rmtree(f->dir);
	free(f->db);
	free(f->data);
	free(f->dir);
	free(f);
}

static int
setup_empty(void **state)
{
	*state = fixture_new();
	return 0;
}

static int
setup_open(void **state)
{
	struct fixture *f = fixture_new();
	struct rw_error err;

	if (rw_store_open(f->data, 1, &f->store, &err) != RW_OK) {
		fprintf(stderr, "%s\n", err.message);
		fixture_free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture_free(*state);
	return 0;
}

/* Fills m: bytes are the text itself unless bytes is given. */
static void
make(struct made *m, const char *path, const char *text, const char *title,
    const char *publisher, const char *published)
{
	memset(m, 0, sizeof(*m));
	m->src.path = path;
	m->src.format = "text";
	m->src.title = title;
	m->src.publisher = publisher;
	m->src.published = published;
	m->src.ingested_by = "tester";
	m->src.ingested_at = AT;
	m->src.bytes = (const unsigned char *)text;
	m->src.byte_size = (int64_t)strlen(text);
	m->src.text = text;
	m->src.text_len = strlen(text);
	rw_minhash_compute(text, strlen(text), m->minhash, m->bands);
	m->src.minhash = m->minhash;
	m->src.bands = m->bands;
	rw_sha256_hex(text, strlen(text), m->src.sha256);
	m->attempt.path = path;
	m->attempt.sha256 = m->src.sha256;
	m->attempt.status = RW_ATTEMPT_NEW;
	m->attempt.by = "tester";
	m->attempt.at = AT;
}

static int64_t
insert(struct fixture *f, struct made *m)
{
	struct rw_error err;
	int64_t id = -1;

	rw_error_clear(&err);
	if (rw_store_source_insert(f->store, &m->src, &m->attempt, &id, &err) !=
	    RW_OK)
		fail_msg("insert %s: %s", m->src.path, err.message);
	return id;
}

static int64_t
count(struct fixture *f)
{
	int64_t n = -1;

	assert_int_equal(rw_store_source_count(f->store, &n), RW_OK);
	return n;
}

/* Runs one SQL statement on the database file directly; returns the first
 * column of the first row as an integer (0 without rows). */
static int64_t
db_int(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = 0;
	int rc;

	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL),
	    SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The ingest log as "status|path|sha or -|reason or -|source or 0|by". */
static char *
attempt_log(struct fixture *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t cap = 8192, len = 0;
	char *out = calloc(1, cap);

	assert_non_null(out);
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT status, path, "
	    "coalesce(sha256, '-'), coalesce(reason, '-'), "
	    "coalesce(source_id, 0), by_user, at FROM ingest_attempt ORDER BY id",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		len += (size_t)snprintf(out + len, cap - len,
		    "%s|%s|%s|%s|%lld|%s|%s\n", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		    sqlite3_column_text(st, 3),
		    (long long)sqlite3_column_int64(st, 4),
		    sqlite3_column_text(st, 5), sqlite3_column_text(st, 6));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static void
file_sha(const char *path, char hex[RW_SHA256_HEX])
{
	size_t len;
	char *data = unit_read_file(path, &len);

	rw_sha256_hex(data, len, hex);
	free(data);
}

/* ---- opening ---- */

static void
test_open_missing_folder(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = (struct rw_store *)f; /* sentinel */
	struct rw_error err;
	char want[1024];
	struct stat st;

	rw_error_clear(&err);
	assert_int_equal(rw_store_open(f->data, 0, &store, &err), RW_ENOTFOUND);
	assert_ptr_equal(store, (struct rw_store *)f);
	assert_int_equal(err.code, RW_ENOTFOUND);
	snprintf(want, sizeof(want), "no data directory at %s: create one with "
	    "`refuge --data %s init`", f->data, f->data);
	assert_string_equal(err.message, want);
	assert_int_not_equal(stat(f->data, &st), 0); /* nothing created */
}

static void
test_open_folder_without_store(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;
	char want[1024];
	struct stat st;

	assert_int_equal(mkdir(f->data, 0700), 0);
	assert_int_equal(rw_store_open(f->data, 0, &store, &err), RW_ENOTFOUND);
	assert_null(store);
	snprintf(want, sizeof(want), "no store in %s: create one with "
	    "`refuge --data %s init`", f->data, f->data);
	assert_string_equal(err.message, want);
	assert_int_not_equal(stat(f->db, &st), 0);
}

static void
test_open_path_is_a_file(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;

	unit_write_file(f->data, "x", 1);
	assert_int_equal(rw_store_open(f->data, 1, &store, &err), RW_ENOTFOUND);
	assert_null(store);
	assert_int_equal(rw_store_open(f->data, 0, &store, &err), RW_ENOTFOUND);
}

static void
test_create_needs_parent(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;
	char *deep = unit_path(f->dir, "no/such/parent");

	assert_int_equal(rw_store_open(deep, 1, &store, &err), RW_EIO);
	assert_int_equal(err.code, RW_EIO);
	assert_true(strncmp(err.message, "cannot create data directory ", 29) == 0);
	assert_null(store);
	free(deep);
}

static void
test_create_then_reopen(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct made m;
	struct stat st;
	int version = -1;
	int64_t id;

	assert_int_equal(rw_store_open(f->data, 1, &f->store, &err), RW_OK);
	assert_string_equal(rw_store_backend_name(f->store), "sqlite");
	assert_int_equal(stat(f->data, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(f->db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(rw_store_schema_version(f->store, &version), RW_OK);
	assert_true(version >= 1);
	assert_int_equal(version, db_int(f, "PRAGMA user_version"));
	assert_int_equal(count(f), 0);
	make(&m, "kept.txt", "kept across reopening", NULL, NULL, NULL);
	id = insert(f, &m);
	f->store = rw_store_close(f->store);
	assert_null(f->store);

	/* Opening again, with or without create, finds it as it was. */
	assert_int_equal(rw_store_open(f->data, 0, &f->store, &err), RW_OK);
	assert_int_equal(count(f), 1);
	f->store = rw_store_close(f->store);
	assert_int_equal(rw_store_open(f->data, 1, &f->store, &err), RW_OK);
	assert_int_equal(count(f), 1);
	assert_int_equal(rw_store_source_find_sha(f->store, m.src.sha256, &id),
	    RW_OK);
	assert_int_equal(id, 1);
}

static void
test_refuses_non_database(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;
	char before[RW_SHA256_HEX], after[RW_SHA256_HEX];

	assert_int_equal(mkdir(f->data, 0700), 0);
	unit_write_file(f->db, "this is not an SQLite database, just text\n", 42);
	file_sha(f->db, before);
	assert_int_equal(rw_store_open(f->data, 0, &store, &err), RW_ESTORE);
	assert_int_equal(err.code, RW_ESTORE);
	assert_null(store);
	file_sha(f->db, after);
	assert_string_equal(before, after);
}

static void
test_refuses_other_programs_database(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;
	char want[1024];
	sqlite3 *db;

	assert_int_equal(mkdir(f->data, 0700), 0);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 42; "
	    "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(rw_store_open(f->data, 1, &store, &err), RW_EFORMAT);
	snprintf(want, sizeof(want), "%s is an SQLite database of another program, "
	    "not a Refuge Watch store", f->db);
	assert_string_equal(err.message, want);
	assert_null(store);
	assert_int_equal(db_int(f, "SELECT count(*) FROM t"), 1);
	assert_int_equal(db_int(f, "PRAGMA user_version"), 0);
}

static void
test_refuses_newer_schema_unchanged(void **state)
{
	struct fixture *f = *state;
	struct rw_store *store = NULL;
	struct rw_error err;
	char before[RW_SHA256_HEX], after[RW_SHA256_HEX];
	struct made m;
	sqlite3 *db;

	assert_int_equal(rw_store_open(f->data, 1, &f->store, &err), RW_OK);
	make(&m, "a.txt", "evidence written before the upgrade", NULL, NULL, NULL);
	insert(f, &m);
	f->store = rw_store_close(f->store);

	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	file_sha(f->db, before);

	for (int create = 0; create <= 1; create++) {
		rw_error_clear(&err);
		assert_int_equal(rw_store_open(f->data, create, &store, &err),
		    RW_EVERSION);
		assert_null(store);
		assert_int_equal(err.code, RW_EVERSION);
		assert_non_null(strstr(err.message, "schema 999"));
		assert_non_null(strstr(err.message, "left unchanged"));
	}
	file_sha(f->db, after);
	assert_string_equal(before, after);
	assert_int_equal(db_int(f, "PRAGMA user_version"), 999);
	assert_int_equal(db_int(f, "SELECT count(*) FROM source"), 1);
}

static void
test_two_handles_share_a_store(void **state)
{
	struct fixture *f = *state;
	struct rw_store *other = NULL;
	struct rw_error err;
	struct made m;

	assert_int_equal(rw_store_open(f->data, 0, &other, &err), RW_OK);
	make(&m, "a.txt", "written through the first handle", NULL, NULL, NULL);
	insert(f, &m);
	{
		int64_t n = 0;

		assert_int_equal(rw_store_source_count(other, &n), RW_OK);
		assert_int_equal(n, 1);
	}
	assert_null(rw_store_close(other));
}

/* ---- sources ---- */

static void
test_insert_and_get_round_trip(void **state)
{
	static const unsigned char bytes[] = "\0\xFF\x01%PDF binary\0evidence";
	struct fixture *f = *state;
	struct rw_source *got = NULL;
	struct rw_error err;
	struct made m;
	int64_t id;

	make(&m, "cases/2019/report.pdf", "Extracted text\fpage two", "Title",
	    "Publisher", "2019-10");
	m.src.format = "pdf";
	m.src.url = "https://example.org/r.pdf";
	m.src.meta_json = "{\"author\":\"Jane\"}";
	m.src.bytes = bytes;
	m.src.byte_size = sizeof(bytes) - 1;
	m.src.page_count = 2;
	rw_sha256_hex(bytes, sizeof(bytes) - 1, m.src.sha256);
	id = insert(f, &m);
	assert_int_equal(id, 1);
	assert_int_equal(count(f), 1);

	/* Metadata only. */
	assert_int_equal(rw_store_source_get(f->store, id, 0, &got, &err), RW_OK);
	assert_int_equal(got->id, id);
	assert_string_equal(got->sha256, m.src.sha256);
	assert_string_equal(got->path, "cases/2019/report.pdf");
	assert_string_equal(got->format, "pdf");
	assert_string_equal(got->title, "Title");
	assert_string_equal(got->url, "https://example.org/r.pdf");
	assert_string_equal(got->publisher, "Publisher");
	assert_string_equal(got->published, "2019-10");
	assert_string_equal(got->ingested_by, "tester");
	assert_string_equal(got->ingested_at, AT);
	assert_string_equal(got->meta_json, "{\"author\":\"Jane\"}");
	assert_int_equal(got->near_duplicate_of, 0);
	assert_int_equal(got->byte_size, sizeof(bytes) - 1);
	assert_int_equal(got->page_count, 2);
	assert_null(got->text);
	assert_null(got->bytes);
	rw_source_free(got);

	/* With text and the original bytes, NUL bytes included. */
	assert_int_equal(rw_store_source_get(f->store, id,
	    RW_SOURCE_WITH_TEXT | RW_SOURCE_WITH_BYTES, &got, &err), RW_OK);
	assert_string_equal(got->text, "Extracted text\fpage two");
	assert_int_equal(got->text_len, strlen("Extracted text\fpage two"));
	assert_non_null(got->bytes);
	assert_memory_equal(got->bytes, bytes, sizeof(bytes) - 1);
	rw_source_free(got);
}

static void
test_null_metadata_stays_null(void **state)
{
	struct fixture *f = *state;
	struct rw_source *got = NULL;
	struct made m;

	make(&m, "bare.txt", "bare", NULL, NULL, NULL);
	insert(f, &m);
	assert_int_equal(rw_store_source_get(f->store, 1, 0, &got, NULL), RW_OK);
	assert_null(got->title);
	assert_null(got->url);
	assert_null(got->publisher);
	assert_null(got->published);
	assert_null(got->meta_json);
	rw_source_free(got);
}

static void
test_get_missing(void **state)
{
	struct fixture *f = *state;
	struct rw_source *got = (struct rw_source *)f; /* sentinel */
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_store_source_get(f->store, 42, 0, &got, &err),
	    RW_ENOTFOUND);
	assert_ptr_equal(got, (struct rw_source *)f);
	assert_int_equal(err.code, RW_ENOTFOUND);
	assert_string_equal(err.message, "no source with id 42");
	assert_int_equal(rw_store_source_get(f->store, 0, 0, &got, NULL),
	    RW_ENOTFOUND);
	assert_int_equal(rw_store_source_get(f->store, -1, 0, &got, NULL),
	    RW_ENOTFOUND);
}

static void
test_same_sha_refused_with_existing_id(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct made a, b;
	int64_t first, again = -1;
	char *log;

	make(&a, "a.txt", "the same bytes", NULL, NULL, NULL);
	first = insert(f, &a);
	make(&b, "elsewhere/a-copy.txt", "the same bytes", "Other title", NULL, NULL);
	assert_int_equal(rw_store_source_insert(f->store, &b.src, &b.attempt,
	    &again, &err), RW_EEXIST);
	assert_int_equal(again, first);
	assert_int_equal(count(f), 1);
	/* Nothing of the refused insert was written, its attempt included. */
	log = attempt_log(f);
	assert_non_null(strstr(log, "|a.txt|"));
	assert_null(strstr(log, "a-copy"));
	free(log);
	/* The store still works normally afterwards. */
	make(&b, "b.txt", "different bytes", NULL, NULL, NULL);
	assert_int_equal(insert(f, &b), first + 1);
}

static void
test_find_sha(void **state)
{
	struct fixture *f = *state;
	struct made a, b;
	int64_t id = -1;

	make(&a, "a.txt", "alpha", NULL, NULL, NULL);
	make(&b, "b.txt", "beta", NULL, NULL, NULL);
	insert(f, &a);
	insert(f, &b);
	assert_int_equal(rw_store_source_find_sha(f->store, b.src.sha256, &id),
	    RW_OK);
	assert_int_equal(id, 2);
	id = -1;
	assert_int_equal(rw_store_source_find_sha(f->store,
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    &id), RW_ENOTFOUND);
	assert_int_equal(id, -1);
	assert_int_equal(rw_store_source_find_sha(f->store, "", &id), RW_ENOTFOUND);
}

struct listed {
	int n;
	int64_t ids[16];
	char paths[16][64];
	char texts[16][64];
	int stop_at;
};

static int
on_source(const struct rw_source *src, void *ctx)
{
	struct listed *l = ctx;

	assert_true(l->n < 16);
	l->ids[l->n] = src->id;
	snprintf(l->paths[l->n], 64, "%s", src->path);
	if (src->text != NULL)
		snprintf(l->texts[l->n], 64, "%.*s", (int)src->text_len, src->text);
	assert_null(src->bytes);
	l->n++;
	return l->stop_at != 0 && l->n == l->stop_at ? 5 : 0;
}

static void
test_list(void **state)
{
	struct fixture *f = *state;
	struct listed l;
	struct made a, b, c;

	memset(&l, 0, sizeof(l));
	assert_int_equal(rw_store_source_list(f->store, 0, on_source, &l, NULL),
	    RW_OK);
	assert_int_equal(l.n, 0);

	make(&a, "a.txt", "first text", NULL, NULL, NULL);
	make(&b, "b.txt", "second text", NULL, NULL, NULL);
	make(&c, "c.txt", "third text", NULL, NULL, NULL);
	insert(f, &a);
	insert(f, &b);
	insert(f, &c);

	memset(&l, 0, sizeof(l));
	assert_int_equal(rw_store_source_list(f->store, 0, on_source, &l, NULL),
	    RW_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.ids[0], 1);
	assert_int_equal(l.ids[1], 2);
	assert_int_equal(l.ids[2], 3);
	assert_string_equal(l.paths[1], "b.txt");
	assert_string_equal(l.texts[0], "");  /* no text unless asked */

	memset(&l, 0, sizeof(l));
	assert_int_equal(rw_store_source_list(f->store, RW_SOURCE_WITH_TEXT,
	    on_source, &l, NULL), RW_OK);
	assert_string_equal(l.texts[0], "first text");
	assert_string_equal(l.texts[2], "third text");

	memset(&l, 0, sizeof(l));
	l.stop_at = 2;
	assert_int_equal(rw_store_source_list(f->store, 0, on_source, &l, NULL), 5);
	assert_int_equal(l.n, 2);
	assert_int_equal(count(f), 3);
}

/* ---- near-duplicate candidates ---- */

struct candidates {
	int calls;
	int64_t ids[64];
	uint64_t minhash[RW_MINHASH_SIZE];
	int stop;
};

static int
on_candidate(int64_t id, const uint64_t *minhash, void *ctx)
{
	struct candidates *c = ctx;

	if (c->calls < 64)
		c->ids[c->calls] = id;
	c->calls++;
	memcpy(c->minhash, minhash, sizeof(c->minhash));
	return c->stop;
}

static const char story[] = "Authorities carried out mass deportations of "
    "Syrian refugees across the border in October, according to lawyers "
    "who collected testimonies from those returned.";

static void
test_near_candidates_indexed(void **state)
{
	struct fixture *f = *state;
	struct candidates c;
	struct rw_error err;
	struct made a, b;
	int64_t ida, indexed = -1;

	make(&a, "a.txt", story, NULL, NULL, NULL);
	make(&b, "b.txt", "An unrelated note on airport transit zones where "
	    "families were held for nine days.", NULL, NULL, NULL);
	ida = insert(f, &a);
	insert(f, &b);
	assert_int_equal(rw_store_index_pending(f->store, 0, &indexed, &err),
	    RW_OK);
	assert_int_equal(indexed, 2);

	/* Once per matching source, with its signature. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(rw_store_near_candidates(f->store, a.bands, on_candidate,
	    &c), RW_OK);
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.ids[0], ida);
	assert_memory_equal(c.minhash, a.minhash, sizeof(a.minhash));

	/* Bands nobody has: no candidates. */
	{
		uint64_t none[RW_MINHASH_BANDS];

		for (int i = 0; i < RW_MINHASH_BANDS; i++)
			none[i] = 0x1234567890ULL + (uint64_t)i;
		memset(&c, 0, sizeof(c));
		assert_int_equal(rw_store_near_candidates(f->store, none,
		    on_candidate, &c), RW_OK);
		assert_int_equal(c.calls, 0);
	}

	/* A non-zero return stops and is passed back. */
	memset(&c, 0, sizeof(c));
	c.stop = 4;
	assert_int_equal(rw_store_near_candidates(f->store, a.bands, on_candidate,
	    &c), 4);
	assert_int_equal(c.calls, 1);
}

static void
test_near_candidates_sees_queued_sources(void **state)
{
	struct fixture *f = *state;
	struct candidates c;
	struct made a;
	int64_t ida;
	int found = 0;

	/* Not yet indexed: still compared (store.h invariant 1a). */
	make(&a, "a.txt", story, NULL, NULL, NULL);
	ida = insert(f, &a);
	memset(&c, 0, sizeof(c));
	assert_int_equal(rw_store_near_candidates(f->store, a.bands, on_candidate,
	    &c), RW_OK);
	for (int i = 0; i < c.calls && i < 64; i++)
		found += c.ids[i] == ida;
	assert_int_equal(found, 1);
	assert_memory_equal(c.minhash, a.minhash, sizeof(a.minhash));
}

/* ---- attempts ---- */

static void
test_attempts_recorded(void **state)
{
	struct fixture *f = *state;
	struct rw_attempt dup = {0}, failed = {0};
	struct rw_error err;
	struct made m;
	char want[2048];
	char *log;
	int64_t id;

	make(&m, "in/a.txt", "stored once", NULL, NULL, NULL);
	id = insert(f, &m);
	dup.path = "in/a-again.txt";
	dup.sha256 = m.src.sha256;
	dup.status = RW_ATTEMPT_DUPLICATE;
	dup.source_id = id;
	dup.by = "second user";
	dup.at = "2024-02-03T04:05:06Z";
	assert_int_equal(rw_store_attempt_record(f->store, &dup, &err), RW_OK);
	failed.path = "in/broken.pdf";
	failed.status = RW_ATTEMPT_FAILED;
	failed.reason = "not a readable PDF (damaged)";
	failed.by = "tester";
	failed.at = AT;
	assert_int_equal(rw_store_attempt_record(f->store, &failed, &err), RW_OK);
	assert_int_equal(count(f), 1);

	log = attempt_log(f);
	snprintf(want, sizeof(want),
	    "new|in/a.txt|%s|-|1|tester|" AT "\n"
	    "duplicate|in/a-again.txt|%s|-|1|second user|2024-02-03T04:05:06Z\n"
	    "failed|in/broken.pdf|-|not a readable PDF (damaged)|0|tester|" AT "\n",
	    m.src.sha256, m.src.sha256);
	assert_string_equal(log, want);
	free(log);
}

static void
test_status_names(void **state)
{
	assert_string_equal(rw_attempt_status_name(RW_ATTEMPT_NEW), "new");
	assert_string_equal(rw_attempt_status_name(RW_ATTEMPT_DUPLICATE),
	    "duplicate");
	assert_string_equal(rw_attempt_status_name(RW_ATTEMPT_NEAR_DUPLICATE),
	    "near-duplicate");
	assert_string_equal(rw_attempt_status_name(RW_ATTEMPT_FAILED), "failed");
	assert_string_equal(rw_attempt_status_name((enum rw_attempt_status)9),
	    "failed");
	assert_null(rw_store_close(NULL));
	rw_source_free(NULL);
}

/* ---- search ---- */

struct hits {
	int n;
	int64_t ids[64];
	double scores[64];
	char snippets[64][512];
	char publishers[64][64];
	int stop_at;
};

static int
on_hit(const struct rw_search_hit *hit, void *ctx)
{
	struct hits *h = ctx;

	assert_true(h->n < 64);
	h->ids[h->n] = hit->source->id;
	h->scores[h->n] = hit->score;
	snprintf(h->snippets[h->n], 512, "%s", hit->snippet ? hit->snippet : "");
	snprintf(h->publishers[h->n], 64, "%s",
	    hit->source->publisher ? hit->source->publisher : "");
	assert_null(hit->source->bytes);
	assert_null(hit->source->text);
	h->n++;
	return h->stop_at != 0 && h->n == h->stop_at ? 9 : 0;
}

/* Runs a search; returns its code, fills h. */
static int
run_search(struct fixture *f, const char *match, const char *since,
    const char *until, const char *publisher, int limit, struct hits *h,
    struct rw_error *err)
{
	struct rw_search_query q = {match, since, until, publisher, limit};

	memset(h, 0, sizeof(*h));
	rw_error_clear(err);
	return rw_store_search(f->store, &q, on_hit, h, err);
}

struct window_hits {
	int n, windowed;
	int64_t ids[8];
};

static int
on_window_hit(const struct rw_search_hit *hit, void *ctx)
{
	struct window_hits *w = ctx;

	if (w->n < 8)
		w->ids[w->n++] = hit->source->id;
	w->windowed |= hit->windowed;
	return 0;
}

/* A broad query ranks only the newest matches, unless `all` is set or a
 * filter is given. */
static void
test_search_window(void **state)
{
	struct fixture *f = *state;
	struct rw_search_query q = {"refugees", NULL, NULL, NULL, 10, 0, 2};
	struct window_hits w = {0};
	struct rw_error err;

	assert_int_equal(rw_store_search(f->store, &q, on_window_hit, &w, &err), 0);
	assert_int_equal(w.n, 2);
	assert_true(w.windowed);
	assert_true(w.ids[0] >= 3 && w.ids[1] >= 3);
	memset(&w, 0, sizeof(w));
	q.all = 1;
	assert_int_equal(rw_store_search(f->store, &q, on_window_hit, &w, &err), 0);
	assert_int_equal(w.n, 3);
	assert_false(w.windowed);
	memset(&w, 0, sizeof(w));
	q.all = 0;
	q.since = "2000";
	assert_int_equal(rw_store_search(f->store, &q, on_window_hit, &w, &err), 0);
	assert_int_equal(w.n, 2); /* 1 and 3 are dated; 5 is not */
	assert_false(w.windowed);
	memset(&w, 0, sizeof(w));
	q.since = NULL;
	q.window = 3;
	assert_int_equal(rw_store_search(f->store, &q, on_window_hit, &w, &err), 0);
	assert_int_equal(w.n, 3);
	assert_false(w.windowed);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The ids a search finds, sorted, as "1 3 5" ("" for none). */
static char *
ids(struct fixture *f, const char *match, const char *since,
    const char *until, const char *publisher)
{
	static char out[256];
	struct rw_error err;
	struct hits h;
	size_t len = 0;

	if (run_search(f, match, since, until, publisher, 100, &h, &err) != RW_OK)
		fail_msg("search %s: %s", match, err.message);
	qsort(h.ids, (size_t)h.n, sizeof(h.ids[0]), cmp_id);
	out[0] = '\0';
	for (int i = 0; i < h.n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%lld",
		    i ? " " : "", (long long)h.ids[i]);
	return out;
}

static int
setup_corpus(void **state)
{
	static const struct {
		const char *path, *title, *publisher, *published, *text;
	} docs[] = {
		{"1.txt", "Mass returns", "Human Rights Watch", "2019-10-25",
		    "Authorities carried out mass deportations of Syrian refugees "
		    "across the border in October."},
		{"2.txt", "Evros", "Border Violence Monitoring Network", "2020-03-02",
		    "Pushbacks at the Evros river were documented by the border "
		    "monitoring network."},
		{"3.txt", "Airport", "Amnesty International", "2021",
		    "Refoulement of asylum seekers at the airport: the refugees were "
		    "returned without an interview."},
		{"4.txt", "S\xC3\xBCrg\xC3\xBCn", "bianet", "2019-07",
		    "S\xC3\xBCrg\xC3\xBCn edilen m\xC3\xBClteciler g\xC3\xB6zalt\xC4\xB1"
		    "na al\xC4\xB1nd\xC4\xB1."},
		{"5.txt", NULL, NULL, NULL,
		    "Caf\xC3\xA9 owners helped refugees near the station."},
	};
	struct fixture *f;
	struct made m;

	if (setup_open(state) != 0)
		return -1;
	f = *state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		make(&m, docs[i].path, docs[i].text, docs[i].title,
		    docs[i].publisher, docs[i].published);
		if (insert(f, &m) != (int64_t)i + 1) {
			fixture_free(f);
			return -1;
		}
	}
	return 0;
}

static void
test_search_words(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ids(f, "refugees", NULL, NULL, NULL), "1 3 5");
	assert_string_equal(ids(f, "REFUGEES", NULL, NULL, NULL), "1 3 5");
	assert_string_equal(ids(f, "refugees border", NULL, NULL, NULL), "1");
	assert_string_equal(ids(f, "refugees AND border", NULL, NULL, NULL), "1");
	assert_string_equal(ids(f, "zebra", NULL, NULL, NULL), "");
	/* The title is indexed too. */
	assert_string_equal(ids(f, "returns", NULL, NULL, NULL), "1");
}

static void
test_search_phrase(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ids(f, "\"border monitoring\"", NULL, NULL, NULL), "2");
	assert_string_equal(ids(f, "\"monitoring border\"", NULL, NULL, NULL), "");
	assert_string_equal(ids(f, "\"Syrian refugees across\"", NULL, NULL, NULL),
	    "1");
}

static void
test_search_prefix(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ids(f, "deport*", NULL, NULL, NULL), "1");
	assert_string_equal(ids(f, "refu*", NULL, NULL, NULL), "1 3 5");
	assert_string_equal(ids(f, "deportation", NULL, NULL, NULL), "");
}

static void
test_search_or_not(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ids(f, "pushbacks OR refoulement", NULL, NULL, NULL),
	    "2 3");
	assert_string_equal(ids(f, "refugees NOT airport", NULL, NULL, NULL), "1 5");
	assert_string_equal(ids(f, "(pushbacks OR deportations) NOT october", NULL,
	    NULL, NULL), "2");
}

static void
test_search_diacritics_and_case(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ids(f, "surgun", NULL, NULL, NULL), "4");
	assert_string_equal(ids(f, "SURGUN", NULL, NULL, NULL), "4");
	assert_string_equal(ids(f, "S\xC3\xBCrg\xC3\xBCn", NULL, NULL, NULL), "4");
	assert_string_equal(ids(f, "multeciler", NULL, NULL, NULL), "4");
	/* Folding removes diacritics only: the Turkish dotless i (U+0131) is
	 * a letter of its own, so "gozaltina" does not find "gözaltına";
	 * "gozaltına" does. */
	assert_string_equal(ids(f, "gozalt\xC4\xB1na", NULL, NULL, NULL), "4");
	assert_string_equal(ids(f, "cafe", NULL, NULL, NULL), "5");
	assert_string_equal(ids(f, "CAF\xC3\x89", NULL, NULL, NULL), "5");
	assert_string_equal(ids(f, "r\xC3\xA9" "fugees", NULL, NULL, NULL), "1 3 5");
}

static void
test_search_date_filters(void **state)
{
	struct fixture *f = *state;
	const char *all = "refugees OR pushbacks OR surgun";

	assert_string_equal(ids(f, all, NULL, NULL, NULL), "1 2 3 4 5");
	/* Sources without a date are left out once a date filter is set. */
	assert_string_equal(ids(f, all, "2020", NULL, NULL), "2 3");
	assert_string_equal(ids(f, all, NULL, "2019", NULL), "1 4");
	assert_string_equal(ids(f, all, "2019-08", "2020-12", NULL), "1 2");
	assert_string_equal(ids(f, all, "2019-10-25", "2019-10-25", NULL), "1");
	assert_string_equal(ids(f, all, NULL, "2019-10-24", NULL), "4");
	assert_string_equal(ids(f, all, "2019-07", "2019-07", NULL), "4");
	assert_string_equal(ids(f, all, "2022", NULL, NULL), "");
}

static void
test_search_publisher_filter(void **state)
{
	struct fixture *f = *state;
	const char *all = "refugees OR pushbacks OR surgun";

	assert_string_equal(ids(f, all, NULL, NULL, "Amnesty International"), "3");
	assert_string_equal(ids(f, all, NULL, NULL, "amnesty INTERNATIONAL"), "3");
	assert_string_equal(ids(f, all, NULL, NULL, "Amnesty"), "");
	assert_string_equal(ids(f, all, "2019", "2019", "human rights watch"), "1");
	assert_string_equal(ids(f, all, "2020", NULL, "human rights watch"), "");
}

static void
test_search_limit(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct hits h;

	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, 1, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, 2, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, 1000, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 3);
	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, 0, &h, &err),
	    RW_EINVAL);
	assert_string_equal(err.message, "search limit 0 is outside 1..1000");
	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, 1001, &h, &err),
	    RW_EINVAL);
	assert_int_equal(run_search(f, "refugees", NULL, NULL, NULL, -5, &h, &err),
	    RW_EINVAL);
	assert_int_equal(h.n, 0);
}

static void
test_search_ranked_and_stoppable(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct hits h;

	assert_int_equal(run_search(f, "refugees OR border OR october", NULL, NULL,
	    NULL, 10, &h, &err), RW_OK);
	assert_int_equal(h.n, 4);
	/* Document 1 has all three words: it comes first. */
	assert_int_equal(h.ids[0], 1);
	for (int i = 0; i < h.n; i++) {
		assert_true(h.scores[i] > 0.0);
		if (i > 0)
			assert_true(h.scores[i] <= h.scores[i - 1]);
	}

	memset(&h, 0, sizeof(h));
	{
		struct rw_search_query q = {"refugees", NULL, NULL, NULL, 10};

		h.stop_at = 1;
		assert_int_equal(rw_store_search(f->store, &q, on_hit, &h, &err), 9);
		assert_int_equal(h.n, 1);
	}
}

static void
test_search_title_weighs_more(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct hits h;
	struct made a, b;

	make(&a, "t.txt", "Families waited in the cold facility through the "
	    "winter months.", "Detention", NULL, NULL);
	make(&b, "b.txt", "Detention of families continued through the winter "
	    "despite appeals.", "Winter report", NULL, NULL);
	insert(f, &a);
	insert(f, &b);
	assert_int_equal(run_search(f, "detention", NULL, NULL, NULL, 10, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.ids[0], 6);
	assert_int_equal(h.ids[1], 7);
}

static void
test_search_snippet_markers(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct hits h;

	assert_int_equal(run_search(f, "october", NULL, NULL, NULL, 10, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.snippets[0], "Authorities carried out mass "
	    "deportations of Syrian refugees across the border in "
	    RW_MARK_START "October" RW_MARK_END ".");
	assert_string_equal(h.publishers[0], "Human Rights Watch");

	/* Diacritics folded in the query, marked as written in the text. */
	assert_int_equal(run_search(f, "multeciler", NULL, NULL, NULL, 10, &h, &err),
	    RW_OK);
	assert_int_equal(h.n, 1);
	assert_non_null(strstr(h.snippets[0],
	    RW_MARK_START "m\xC3\xBClteciler" RW_MARK_END));

	/* A prefix marks the whole word. */
	assert_int_equal(run_search(f, "deport*", NULL, NULL, NULL, 10, &h, &err),
	    RW_OK);
	assert_non_null(strstr(h.snippets[0],
	    RW_MARK_START "deportations" RW_MARK_END));
}

static void
test_search_empty_query(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct hits h;

	assert_int_equal(run_search(f, "", NULL, NULL, NULL, 10, &h, &err),
	    RW_EQUERY);
	assert_int_equal(err.code, RW_EQUERY);
	assert_string_equal(err.message, "the search query is empty");
	assert_int_equal(run_search(f, NULL, NULL, NULL, NULL, 10, &h, &err),
	    RW_EQUERY);
}

static void
test_search_malformed_queries(void **state)
{
	static const char *const bad[] = {"\"unbalanced", "AND", "refugees NOT",
	    "OR refugees", "(", "refugees AND (border", "nosuchcolumn:refugees",
	    "refugees; DROP TABLE source", "NEAR(", "*", "-refugees"};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rw_error err;
		struct hits h;
		int r = run_search(f, bad[i], NULL, NULL, NULL, 10, &h, &err);

		if (r != RW_EQUERY)
			fail_msg("query %s gave %d (%s)", bad[i], r, err.message);
		assert_int_equal(err.code, RW_EQUERY);
		/* The message names the query that failed. */
		assert_true(strncmp(err.message, "cannot run the search ", 22) == 0);
		assert_non_null(strstr(err.message, bad[i]));
		assert_int_equal(h.n, 0);
	}
	/* Nothing was harmed, and searching still works. */
	assert_int_equal(count(f), 5);
	assert_string_equal(ids(f, "refugees", NULL, NULL, NULL), "1 3 5");
}

/* ---- all or nothing ---- */

static void
test_insert_is_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct candidates c;
	struct rw_error err;
	struct made m;
	int64_t id = -7, indexed = -1;

	/* Fails on the source row itself (format not allowed). */
	make(&m, "a.docx", "unsupported format", NULL, NULL, NULL);
	m.src.format = "docx";
	assert_int_equal(rw_store_source_insert(f->store, &m.src, &m.attempt, &id,
	    &err), RW_ESTORE);
	assert_int_equal(err.code, RW_ESTORE);
	assert_int_equal(id, -7);

	/* Fails on the last write, the attempt (no user): by then the source
	 * row, bytes, text and queue entry were written, and must be rolled
	 * back. */
	make(&m, "b.txt", "rolled back entirely zebra", NULL, NULL, NULL);
	m.attempt.by = NULL;
	assert_int_equal(rw_store_source_insert(f->store, &m.src, &m.attempt, &id,
	    &err), RW_ESTORE);
	assert_int_equal(id, -7);

	assert_int_equal(count(f), 0);
	assert_int_equal(rw_store_source_find_sha(f->store, m.src.sha256, &id),
	    RW_ENOTFOUND);
	assert_int_equal(rw_store_index_pending(f->store, 0, &indexed, &err), RW_OK);
	assert_int_equal(indexed, 0);
	assert_string_equal(ids(f, "zebra", NULL, NULL, NULL), "");
	memset(&c, 0, sizeof(c));
	assert_int_equal(rw_store_near_candidates(f->store, m.bands, on_candidate,
	    &c), RW_OK);
	assert_int_equal(c.calls, 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM source"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM source_bytes"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM source_text"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM ingest_attempt"), 0);

	/* And a good insert works after the failures. */
	m.attempt.by = "tester";
	assert_int_equal(insert(f, &m), 1);
}

/* ---- check ---- */

struct problems {
	int n;
	char lines[16][RW_ERROR_MESSAGE_MAX];
};

static int
on_problem(const char *problem, void *ctx)
{
	struct problems *p = ctx;

	if (p->n < 16)
		snprintf(p->lines[p->n], RW_ERROR_MESSAGE_MAX, "%s", problem);
	p->n++;
	return 0;
}

static int
has_problem(const struct problems *p, const char *line)
{
	for (int i = 0; i < p->n && i < 16; i++)
		if (strcmp(p->lines[i], line) == 0)
			return 1;
	return 0;
}

static void
test_check_healthy(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_store_check(f->store, on_problem, &p, &err), RW_OK);
	assert_int_equal(p.n, 0);
	assert_int_equal(err.code, 0);
}

static void
test_check_empty_store(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};

	assert_int_equal(rw_store_check(f->store, on_problem, &p, NULL), RW_OK);
	assert_int_equal(p.n, 0);
}

static void
test_check_detects_tampered_bytes(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};
	struct rw_error err;
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned char *bytes;
	int len;

	/* Flip one bit of source 3's evidence, behind the store's back. */
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT bytes FROM source_bytes "
	    "WHERE source_id = 3", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	len = sqlite3_column_bytes(st, 0);
	bytes = malloc((size_t)len);
	assert_non_null(bytes);
	memcpy(bytes, sqlite3_column_blob(st, 0), (size_t)len);
	sqlite3_finalize(st);
	bytes[len / 2] ^= 0x01;
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE source_bytes SET bytes = ?1 "
	    "WHERE source_id = 3", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, bytes, len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(bytes);

	rw_error_clear(&err);
	assert_int_equal(rw_store_check(f->store, on_problem, &p, &err),
	    RW_ECORRUPT);
	assert_int_equal(err.code, RW_ECORRUPT);
	assert_string_equal(err.message, "the store failed its integrity check");
	assert_int_equal(p.n, 1);
	assert_string_equal(p.lines[0],
	    "source 3: stored bytes no longer match their SHA-256");
}

static void
test_check_detects_missing_text(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};
	struct rw_error err;

	db_int(f, "DELETE FROM source_text WHERE source_id = 2");
	assert_int_equal(rw_store_check(f->store, on_problem, &p, &err),
	    RW_ECORRUPT);
	assert_int_equal(err.code, RW_ECORRUPT);
	assert_true(has_problem(&p, "source 2: text or bytes missing"));
}

static void
test_check_detects_truncated_bytes(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};

	db_int(f, "UPDATE source_bytes SET bytes = substr(bytes, 1, 10) "
	    "WHERE source_id = 1");
	assert_int_equal(rw_store_check(f->store, on_problem, &p, NULL),
	    RW_ECORRUPT);
	assert_true(has_problem(&p,
	    "source 1: stored bytes no longer match their SHA-256"));
}

/* ---- deferred indexing ---- */

static void
test_index_pending(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct made m[3];
	static const char *const texts[] = {"first queued text",
	    "second queued text", "third queued text"};
	int64_t n = -1;

	assert_int_equal(rw_store_index_pending(f->store, 0, &n, &err), RW_OK);
	assert_int_equal(n, 0);
	for (int i = 0; i < 3; i++) {
		make(&m[i], texts[i], texts[i], NULL, NULL, NULL);
		insert(f, &m[i]);
	}
	/* In batches of at most max_sources, until none is left. */
	assert_int_equal(rw_store_index_pending(f->store, 2, &n, &err), RW_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rw_store_index_pending(f->store, 2, &n, &err), RW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rw_store_index_pending(f->store, 0, &n, &err), RW_OK);
	assert_int_equal(n, 0);
	assert_int_equal(rw_store_index_pending(f->store, 0, NULL, &err), RW_OK);
	assert_string_equal(ids(f, "queued", NULL, NULL, NULL), "1 2 3");
	assert_int_equal(count(f), 3);
}

static void
test_search_sees_queued_sources(void **state)
{
	struct fixture *f = *state;
	struct problems p = {0};
	struct made m;
	int64_t n = -1;

	/* Search and check index what is queued first. */
	make(&m, "a.txt", "freshly inserted walrus", NULL, NULL, NULL);
	insert(f, &m);
	assert_string_equal(ids(f, "walrus", NULL, NULL, NULL), "1");
	assert_int_equal(rw_store_index_pending(f->store, 0, &n, NULL), RW_OK);
	assert_int_equal(n, 0);
	make(&m, "b.txt", "another walrus arrives", NULL, NULL, NULL);
	insert(f, &m);
	assert_int_equal(rw_store_check(f->store, on_problem, &p, NULL), RW_OK);
	assert_int_equal(p.n, 0);
	assert_int_equal(rw_store_index_pending(f->store, 0, &n, NULL), RW_OK);
	assert_int_equal(n, 0);
	assert_string_equal(ids(f, "walrus", NULL, NULL, NULL), "1 2");
}

#define T(fn, set) cmocka_unit_test_setup_teardown(fn, set, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_missing_folder, setup_empty),
		T(test_open_folder_without_store, setup_empty),
		T(test_open_path_is_a_file, setup_empty),
		T(test_create_needs_parent, setup_empty),
		T(test_create_then_reopen, setup_empty),
		T(test_refuses_non_database, setup_empty),
		T(test_refuses_other_programs_database, setup_empty),
		T(test_refuses_newer_schema_unchanged, setup_empty),
		T(test_two_handles_share_a_store, setup_open),
		T(test_insert_and_get_round_trip, setup_open),
		T(test_null_metadata_stays_null, setup_open),
		T(test_get_missing, setup_open),
		T(test_same_sha_refused_with_existing_id, setup_open),
		T(test_insert_is_all_or_nothing, setup_open),
		T(test_find_sha, setup_open),
		T(test_list, setup_open),
		T(test_near_candidates_indexed, setup_open),
		T(test_near_candidates_sees_queued_sources, setup_open),
		T(test_index_pending, setup_open),
		T(test_search_sees_queued_sources, setup_open),
		T(test_attempts_recorded, setup_open),
		cmocka_unit_test(test_status_names),
		T(test_search_words, setup_corpus),
		T(test_search_phrase, setup_corpus),
		T(test_search_prefix, setup_corpus),
		T(test_search_or_not, setup_corpus),
		T(test_search_diacritics_and_case, setup_corpus),
		T(test_search_date_filters, setup_corpus),
		T(test_search_publisher_filter, setup_corpus),
		T(test_search_limit, setup_corpus),
		T(test_search_window, setup_corpus),
		T(test_search_ranked_and_stoppable, setup_corpus),
		T(test_search_title_weighs_more, setup_corpus),
		T(test_search_snippet_markers, setup_corpus),
		T(test_search_empty_query, setup_corpus),
		T(test_search_malformed_queries, setup_corpus),
		T(test_check_healthy, setup_corpus),
		T(test_check_empty_store, setup_open),
		T(test_check_detects_tampered_bytes, setup_corpus),
		T(test_check_detects_missing_text, setup_corpus),
		T(test_check_detects_truncated_bytes, setup_corpus),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("store", tests, group_setup, NULL);
}
