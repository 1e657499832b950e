/* test-ingest.c: the ingest pipeline (ingest/ingest.h): new, duplicate,
 * near-duplicate and failed inputs, each recorded as an attempt. The
 * attempt log has no reading API, so it is read from refuge.db. */
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
#include "ingest/ingest.h"
#include "fixture-pdf.h"
#include "unit.h"

struct fixture {
	char *dir;   /* temporary folder */
	char *data;  /* store folder inside it */
	struct rw_store *store;
	struct rw_ingest_options opt;
};

static int
group_setup(void **state)
{
	return rw_crypto_init();
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rw_error err;

	if (f == NULL)
		return -1;
	f->dir = unit_tmpdir();
	f->data = unit_path(f->dir, "store");
	if (rw_store_open(f->data, 1, &f->store, &err) != RW_OK) {
		fprintf(stderr, "store: %s\n", err.message);
		unit_rmtree(f->dir);
		free(f->data);
		free(f->dir);
		free(f);
		return -1;
	}
	f->opt.user = "tester";
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	rw_store_close(f->store);
	unit_rmtree(f->dir);
	free(f->data);
	free(f->dir);
	free(f);
	return 0;
}

/* The attempt log, one line per attempt:
 * "status|path|sha256 or -|reason or -|source id or 0|by". */
static char *
attempt_log(struct fixture *f)
{
	char *db_path = unit_path(f->data, "refuge.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t cap = 8192, len = 0;
	char *out = calloc(1, cap);

	assert_non_null(out);
	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT status, path, "
	    "coalesce(sha256, '-'), coalesce(reason, '-'), "
	    "coalesce(source_id, 0), by_user FROM ingest_attempt ORDER BY id",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		len += (size_t)snprintf(out + len, cap - len, "%s|%s|%s|%s|%lld|%s\n",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2), sqlite3_column_text(st, 3),
		    (long long)sqlite3_column_int64(st, 4),
		    sqlite3_column_text(st, 5));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(db_path);
	return out;
}

static int64_t
count(struct fixture *f)
{
	int64_t n = -1;

	assert_int_equal(rw_store_source_count(f->store, &n), RW_OK);
	return n;
}

static void
ingest(struct fixture *f, const char *path, const char *data,
    struct rw_ingest_result *res)
{
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_ingest_bytes(f->store, path, data, strlen(data), &f->opt, res,
	    &err) != RW_OK)
		fail_msg("ingest of %s failed: %s", path, err.message);
}

static const char report[] =
    "Title: Pushbacks on the Evros\n"
    "Published: 2020-03-02\n"
    "Source: Border Monitoring Network\n"
    "\n"
    "Groups of people who had crossed the river were detained, stripped of "
    "their phones and pushed back to the other bank at night. Witnesses "
    "described men in black uniforms without insignia. Several people said "
    "they had asked for asylum and were ignored. The network recorded "
    "forty-two testimonies between January and March, including those of "
    "eleven children, and shared them with the national ombudsman.\n";

/* report with one sentence changed: a republication. */
static const char report_copy[] =
    "Groups of people who had crossed the river were detained, stripped of "
    "their phones and pushed back to the other bank at night. Witnesses "
    "described men in black uniforms without insignia. Several people said "
    "they had asked for asylum and were ignored. The network recorded "
    "forty-two testimonies between January and March, including those of "
    "eleven children, and shared them with the national ombudsman. "
    "Read more on our website.\n";

static void
test_new_source(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_source *src = NULL;
	char sha[RW_SHA256_HEX], want_log[512];
	char *log;

	rw_sha256_hex(report, strlen(report), sha);
	ingest(f, "in/report.txt", report, &res);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(res.format, RW_FORMAT_TEXT);
	assert_true(res.source_id > 0);
	assert_int_equal(res.near_duplicate_of, 0);
	assert_int_equal(res.bytes, strlen(report));
	assert_string_equal(res.sha256, sha);
	assert_string_equal(res.reason, "");
	assert_string_equal(res.warning, "");
	assert_int_equal(count(f), 1);

	assert_int_equal(rw_store_source_get(f->store, res.source_id,
	    RW_SOURCE_WITH_TEXT | RW_SOURCE_WITH_BYTES, &src, NULL), RW_OK);
	assert_string_equal(src->sha256, sha);
	assert_string_equal(src->path, "in/report.txt");
	assert_string_equal(src->format, "text");
	assert_string_equal(src->title, "Pushbacks on the Evros");
	assert_string_equal(src->published, "2020-03-02");
	assert_string_equal(src->publisher, "Border Monitoring Network");
	assert_null(src->url);
	assert_string_equal(src->ingested_by, "tester");
	assert_int_equal(strlen(src->ingested_at), 20);
	assert_int_equal(src->byte_size, strlen(report));
	assert_memory_equal(src->bytes, report, strlen(report));
	assert_true(strncmp(src->text, "Groups of people who had crossed", 32) == 0);
	assert_int_equal(src->near_duplicate_of, 0);
	assert_int_equal(src->page_count, 0);
	rw_source_free(src);

	log = attempt_log(f);
	snprintf(want_log, sizeof(want_log), "new|in/report.txt|%s|-|%lld|tester\n",
	    sha, (long long)res.source_id);
	assert_string_equal(log, want_log);
	free(log);
}

static void
test_duplicate(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result first, again;
	char want_log[512];
	char *log;

	ingest(f, "a.txt", report, &first);
	ingest(f, "copy-of-a.txt", report, &again);
	assert_int_equal(again.status, RW_ATTEMPT_DUPLICATE);
	assert_int_equal(again.source_id, first.source_id);
	assert_string_equal(again.sha256, first.sha256);
	assert_int_equal(count(f), 1);

	log = attempt_log(f);
	snprintf(want_log, sizeof(want_log),
	    "new|a.txt|%s|-|%lld|tester\n"
	    "duplicate|copy-of-a.txt|%s|-|%lld|tester\n",
	    first.sha256, (long long)first.source_id, first.sha256,
	    (long long)first.source_id);
	assert_string_equal(log, want_log);
	free(log);
}

static void
test_near_duplicate(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result first, copy;
	struct rw_source *src = NULL;
	char want_log[512];
	char *log;

	ingest(f, "original.txt", report, &first);
	ingest(f, "republished.txt", report_copy, &copy);
	assert_int_equal(copy.status, RW_ATTEMPT_NEAR_DUPLICATE);
	assert_int_equal(copy.near_duplicate_of, first.source_id);
	assert_true(copy.source_id > first.source_id);
	assert_int_equal(count(f), 2);

	assert_int_equal(rw_store_source_get(f->store, copy.source_id, 0, &src,
	    NULL), RW_OK);
	assert_int_equal(src->near_duplicate_of, first.source_id);
	assert_null(src->title);  /* the copy had no header */
	rw_source_free(src);

	log = attempt_log(f);
	snprintf(want_log, sizeof(want_log),
	    "new|original.txt|%s|-|%lld|tester\n"
	    "near-duplicate|republished.txt|%s|-|%lld|tester\n",
	    first.sha256, (long long)first.source_id, copy.sha256,
	    (long long)copy.source_id);
	assert_string_equal(log, want_log);
	free(log);
}

static void
test_unrelated_is_new(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result a, b;

	ingest(f, "a.txt", report, &a);
	ingest(f, "b.txt", "A completely different note about an airport "
	    "transit zone where three families were held for nine days without "
	    "access to lawyers before being flown back.", &b);
	assert_int_equal(b.status, RW_ATTEMPT_NEW);
	assert_int_equal(b.near_duplicate_of, 0);
	assert_int_equal(count(f), 2);
}

/* Ingests bytes that must fail, and checks the result and its log line. */
static void
check_failed(struct fixture *f, const char *path, const char *data,
    size_t len, enum rw_format format, const char *reason)
{
	struct rw_ingest_result res;
	struct rw_error err;
	char sha[RW_SHA256_HEX], want_log[1024];
	char *log;
	int64_t before = count(f);

	rw_sha256_hex(data, len, sha);
	assert_int_equal(rw_ingest_bytes(f->store, path, data, len, &f->opt, &res,
	    &err), RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	assert_int_equal(res.format, format);
	assert_int_equal(res.source_id, 0);
	assert_string_equal(res.sha256, sha);
	assert_string_equal(res.reason, reason);
	assert_int_equal(count(f), before);
	log = attempt_log(f);
	snprintf(want_log, sizeof(want_log), "failed|%s|%s|%s|0|tester\n", path,
	    sha, reason);
	assert_string_equal(log, want_log);
	free(log);
}

static void
test_failed_empty(void **state)
{
	check_failed(*state, "empty.txt", "", 0, RW_FORMAT_EMPTY, "empty file");
}

static void
test_failed_blank(void **state)
{
	check_failed(*state, "blank.txt", " \n\n\t", 4, RW_FORMAT_EMPTY,
	    "file holds only white space");
}

static void
test_failed_binary(void **state)
{
	check_failed(*state, "photo.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11,
	    RW_FORMAT_BINARY, "binary file: not text, HTML or PDF");
}

static void
test_failed_feed(void **state)
{
	check_failed(*state, "feed.xml", "<?xml version=\"1.0\"?><rss></rss>", 32,
	    RW_FORMAT_FEED, "RSS/Atom feeds cannot be ingested yet: save the "
	    "linked articles and ingest those");
}

static void
test_failed_html_without_text(void **state)
{
	check_failed(*state, "page.html", "<html><body><nav>Menu</nav><script>x()"
	    "</script></body></html>", 61, RW_FORMAT_HTML,
	    "the page has no article text once scripts, menus and other page "
	    "furniture are removed");
}

static void
test_failed_twice_recorded_twice(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	char *log;

	/* A failure stores nothing, so trying again fails again. */
	ingest(f, "x.bin", "", &res);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	ingest(f, "x.bin", "", &res);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	log = attempt_log(f);
	assert_string_equal(log,
	    "failed|x.bin|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	    "7852b855|empty file|0|tester\n"
	    "failed|x.bin|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	    "7852b855|empty file|0|tester\n");
	free(log);
}

static void
test_options_override_document(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_source *src = NULL;

	f->opt.title = "Given title";
	f->opt.publisher = "Given publisher";
	f->opt.published = "2021-05";
	f->opt.url = "https://given.example/";
	ingest(f, "r.txt", report, &res);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(rw_store_source_get(f->store, res.source_id, 0, &src,
	    NULL), RW_OK);
	assert_string_equal(src->title, "Given title");
	assert_string_equal(src->publisher, "Given publisher");
	assert_string_equal(src->published, "2021-05");
	assert_string_equal(src->url, "https://given.example/");
	rw_source_free(src);
}

static void
test_invalid_utf8_warning(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_source *src = NULL;

	ingest(f, "one.txt", "Caf\xE9 owners sheltered the families overnight.",
	    &res);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_string_equal(res.warning,
	    "1 invalid UTF-8 sequence replaced by U+FFFD");
	assert_int_equal(rw_store_source_get(f->store, res.source_id,
	    RW_SOURCE_WITH_TEXT, &src, NULL), RW_OK);
	assert_string_equal(src->text,
	    "Caf\xEF\xBF\xBD owners sheltered the families overnight.");
	rw_source_free(src);

	ingest(f, "two.txt", "Cr\xE8me and caf\xE9 were closed by the police.",
	    &res);
	assert_string_equal(res.warning,
	    "2 invalid UTF-8 sequences replaced by U+FFFD");
}

static void
test_lossy_read_warning(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	size_t cap = 300 * 11 + 64, len = 0;
	char *page = malloc(cap);

	/* A page too deep for the HTML tree is stored, with a caveat. */
	assert_non_null(page);
	for (int i = 0; i < 300; i++)
		len += (size_t)snprintf(page + len, cap - len, "<div>");
	len += (size_t)snprintf(page + len, cap - len, "deep words");
	for (int i = 0; i < 300; i++)
		len += (size_t)snprintf(page + len, cap - len, "</div>");
	assert_int_equal(rw_ingest_bytes(f->store, "deep.html", page, len, &f->opt,
	    &res, NULL), RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(res.format, RW_FORMAT_HTML);
	assert_string_equal(res.warning, "page too deeply nested or with too "
	    "long a text run to parse; text read without removing page "
	    "furniture");
	free(page);
}

static void
test_file_new_and_missing(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_error err;
	char *path = unit_path(f->dir, "report.txt");
	char *missing = unit_path(f->dir, "missing.txt");
	char *log, want_log[2048], sha[RW_SHA256_HEX];

	unit_write_file(path, report, strlen(report));
	assert_int_equal(rw_ingest_file(f->store, path, &f->opt, &res, &err),
	    RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(res.bytes, strlen(report));

	assert_int_equal(rw_ingest_file(f->store, missing, &f->opt, &res, &err),
	    RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	assert_string_equal(res.sha256, "");
	assert_string_equal(res.reason, "cannot read: No such file or directory");
	assert_int_equal(res.source_id, 0);
	assert_int_equal(count(f), 1);

	rw_sha256_hex(report, strlen(report), sha);
	log = attempt_log(f);
	snprintf(want_log, sizeof(want_log),
	    "new|%s|%s|-|1|tester\n"
	    "failed|%s|-|cannot read: No such file or directory|0|tester\n",
	    path, sha, missing);
	assert_string_equal(log, want_log);
	free(log);
	free(path);
	free(missing);
}

static void
test_file_over_max_bytes(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_error err;
	char *path = unit_path(f->dir, "big.txt");

	unit_write_file(path, report, strlen(report));
	f->opt.max_bytes = 100;
	assert_int_equal(rw_ingest_file(f->store, path, &f->opt, &res, &err),
	    RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	assert_string_equal(res.reason, "file is 0.0 MB, over the 0.0 MB limit "
	    "(raise it with --max-size)");
	assert_string_equal(res.sha256, "");
	assert_int_equal(count(f), 0);
	free(path);
}

static void
test_file_is_folder(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_error err;

	assert_int_equal(rw_ingest_file(f->store, f->dir, &f->opt, &res, &err),
	    RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	assert_string_equal(res.reason, "not a regular file");
}

static void
test_record_failure(void **state)
{
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_error err;
	char *log;

	assert_int_equal(rw_ingest_record_failure(f->store, "docs/loop",
	    "symbolic link loop", &f->opt, &res, &err), RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_FAILED);
	assert_string_equal(res.reason, "symbolic link loop");
	assert_string_equal(res.sha256, "");
	log = attempt_log(f);
	assert_string_equal(log, "failed|docs/loop|-|symbolic link loop|0|tester\n");
	free(log);
}


static void
test_html_and_pdf_formats(void **state)
{
	static const char page[] = "<html><head><meta property=\"og:title\" "
	    "content=\"Airport detentions\"><meta property=\"og:site_name\" "
	    "content=\"Watch\"></head><body><article><p>Nine people were held in "
	    "the transit zone.</p></article></body></html>";
	struct fixture *f = *state;
	struct rw_ingest_result res;
	struct rw_source *src = NULL;

	ingest(f, "page.html", page, &res);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(res.format, RW_FORMAT_HTML);
	assert_int_equal(rw_store_source_get(f->store, res.source_id,
	    RW_SOURCE_WITH_TEXT, &src, NULL), RW_OK);
	assert_string_equal(src->format, "html");
	assert_string_equal(src->title, "Airport detentions");
	assert_string_equal(src->publisher, "Watch");
	assert_string_equal(src->text, "Nine people were held in the transit zone.");
	assert_int_equal(src->page_count, 0);
	rw_source_free(src);

	assert_int_equal(rw_ingest_bytes(f->store, "two.pdf", pdf_two_pages,
	    sizeof(pdf_two_pages) - 1, &f->opt, &res, NULL), RW_OK);
	assert_int_equal(res.status, RW_ATTEMPT_NEW);
	assert_int_equal(res.format, RW_FORMAT_PDF);
	assert_int_equal(rw_store_source_get(f->store, res.source_id,
	    RW_SOURCE_WITH_TEXT | RW_SOURCE_WITH_BYTES, &src, NULL), RW_OK);
	assert_string_equal(src->format, "pdf");
	assert_int_equal(src->page_count, 2);
	assert_string_equal(src->text, "First page text\fSecond page text");
	assert_int_equal(src->byte_size, sizeof(pdf_two_pages) - 1);
	assert_memory_equal(src->bytes, pdf_two_pages, sizeof(pdf_two_pages) - 1);
	rw_source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_source, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unrelated_is_new, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_blank, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_binary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_html_without_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_failed_twice_recorded_twice, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_options_override_document, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8_warning, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lossy_read_warning, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_new_and_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_over_max_bytes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_is_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_and_pdf_formats, setup,
		    teardown),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("ingest", tests, group_setup, NULL);
}
