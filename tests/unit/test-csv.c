/* test-csv.c: CSV fields and records (core/csv.h): quoting, doubled
 * quotes, line breaks kept inside a field, formulas neutralised, invalid
 * UTF-8 replaced, numbers, and the cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/error.h"
#include "unit.h"

/* One record of the given fields, as written. */
static void
assert_record(const char *const *fields, size_t n, const char *expected)
{
	struct rw_buf b;

	rw_buf_init(&b, 4096);
	for (size_t k = 0; k < n; k++)
		assert_int_equal(rw_csv_field(&b, fields[k]), RW_OK);
	assert_int_equal(rw_csv_end(&b), RW_OK);
	assert_string_equal(b.data, expected);
	rw_buf_free(&b);
}

#define RECORD(expected, ...) do { \
	const char *f_[] = {__VA_ARGS__}; \
	assert_record(f_, sizeof(f_) / sizeof(f_[0]), expected); \
} while (0)

static void
test_plain_fields(void **state)
{
	(void)state;
	RECORD("a,b,c\r\n", "a", "b", "c");
	RECORD("Ayşe,桂民海\r\n", "Ayşe", "桂民海");
	RECORD("\"\",,x\r\n", NULL, "", "x");
	RECORD("\"\"\r\n", "");
	RECORD("it's\r\n", "it's");
}

static void
test_quoting(void **state)
{
	(void)state;
	RECORD("\"Tohti, Ilham\",x\r\n", "Tohti, Ilham", "x");
	RECORD("\"say \"\"no\"\"\"\r\n", "say \"no\"");
	RECORD("\"two\nlines\",\"cr\rhere\"\r\n", "two\nlines", "cr\rhere");
	RECORD("\"\"\"\"\r\n", "\"");
}

static void
test_formulas_neutralised(void **state)
{
	(void)state;
	RECORD("'=1+2\r\n", "=1+2");
	RECORD("'+cmd,'-2,'@SUM(A1)\r\n", "+cmd", "-2", "@SUM(A1)");
	RECORD("'\tx\r\n", "\tx");
	RECORD("\"'=HYPERLINK(\"\"http://e.invalid\"\")\"\r\n",
	    "=HYPERLINK(\"http://e.invalid\")");
	RECORD("\"'\rx\"\r\n", "\rx");
	/* only at the start */
	RECORD("a=b,1-2\r\n", "a=b", "1-2");
}

static void
test_invalid_utf8_replaced(void **state)
{
	(void)state;
	RECORD("a\xef\xbf\xbd" "b\r\n", "a\xff" "b");
	/* an overlong sequence: one replacement per byte */
	RECORD("\xef\xbf\xbd\xef\xbf\xbd\r\n", "\xc0\xaf");
}

static void
test_numbers_and_records(void **state)
{
	struct rw_buf b;

	(void)state;
	rw_buf_init(&b, 4096);
	assert_int_equal(rw_csv_int(&b, -42), RW_OK);
	assert_int_equal(rw_csv_int(&b, INT64_MAX), RW_OK);
	assert_int_equal(rw_csv_end(&b), RW_OK);
	assert_int_equal(rw_csv_field(&b, "next"), RW_OK);
	assert_int_equal(rw_csv_int(&b, 0), RW_OK);
	assert_int_equal(rw_csv_end(&b), RW_OK);
	/* a number is not text: its sign stays */
	assert_string_equal(b.data,
	    "-42,9223372036854775807\r\nnext,0\r\n");
	rw_buf_free(&b);
}

static void
test_cap_leaves_no_half_field(void **state)
{
	struct rw_buf b;

	(void)state;
	rw_buf_init(&b, 8);
	assert_int_equal(rw_csv_field(&b, "abc"), RW_OK);
	assert_int_equal(rw_csv_field(&b, "a,\"long\" field"), RW_ETOOBIG);
	assert_string_equal(b.data, "abc");
	assert_int_equal(rw_csv_field(&b, "de"), RW_OK);
	assert_string_equal(b.data, "abc,de");
	rw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fields),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_formulas_neutralised),
		cmocka_unit_test(test_invalid_utf8_replaced),
		cmocka_unit_test(test_numbers_and_records),
		cmocka_unit_test(test_cap_leaves_no_half_field),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
