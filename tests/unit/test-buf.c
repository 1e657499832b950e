/* test-buf.c: the capped byte buffer (core/buf.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "unit.h"

static void
test_init_is_empty(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 100);
	rw_buf_free(&b);
	assert_null(b.data);
}

static void
test_append_kinds(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 1024);
	assert_int_equal(rw_buf_append(&b, "ab", 2), RW_OK);
	assert_int_equal(rw_buf_append_str(&b, "cd"), RW_OK);
	assert_int_equal(rw_buf_append_char(&b, 'e'), RW_OK);
	assert_int_equal(rw_buf_appendf(&b, "-%d-%s-%03u", 42, "x", 7u), RW_OK);
	assert_string_equal(b.data, "abcde-42-x-007");
	assert_int_equal(b.len, strlen("abcde-42-x-007"));
	assert_int_equal(b.data[b.len], '\0');
	assert_true(b.cap > b.len);
	rw_buf_free(&b);
}

static void
test_append_binary_keeps_nul_bytes(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 64);
	assert_int_equal(rw_buf_append(&b, "a\0b\0", 4), RW_OK);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "a\0b\0", 5);
	rw_buf_free(&b);
}

static void
test_append_nothing_gives_empty_string(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 16);
	assert_int_equal(rw_buf_append(&b, "", 0), RW_OK);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	rw_buf_free(&b);
}

static void
test_grows_past_first_allocation(void **state)
{
	struct rw_buf b;
	char chunk[1000];

	memset(chunk, 'x', sizeof(chunk));
	rw_buf_init(&b, 100000);
	for (int i = 0; i < 50; i++)
		assert_int_equal(rw_buf_append(&b, chunk, sizeof(chunk)), RW_OK);
	assert_int_equal(b.len, 50000);
	assert_int_equal(strlen(b.data), 50000);
	assert_true(b.cap >= 50001);
	assert_true(b.cap <= b.max + 1);
	rw_buf_free(&b);
}

static void
test_cap_exact_fits(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 8);
	assert_int_equal(rw_buf_append_str(&b, "12345678"), RW_OK);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(b.len, 8);
	assert_true(b.cap <= 9);
	rw_buf_free(&b);
}

static void
test_cap_refuses_and_leaves_buffer_unchanged(void **state)
{
	struct rw_buf b;
	char *before;

	rw_buf_init(&b, 8);
	assert_int_equal(rw_buf_append_str(&b, "1234567"), RW_OK);
	before = b.data;
	assert_int_equal(rw_buf_append_str(&b, "89"), RW_ETOOBIG);
	assert_int_equal(rw_buf_append(&b, "xyzxyzxyz", 9), RW_ETOOBIG);
	assert_int_equal(rw_buf_appendf(&b, "%s", "toolong"), RW_ETOOBIG);
	assert_ptr_equal(b.data, before);
	assert_string_equal(b.data, "1234567");
	assert_int_equal(b.len, 7);
	/* One more byte still fits exactly. */
	assert_int_equal(rw_buf_append_char(&b, '8'), RW_OK);
	assert_int_equal(rw_buf_append_char(&b, '9'), RW_ETOOBIG);
	assert_string_equal(b.data, "12345678");
	rw_buf_free(&b);
}

static void
test_cap_huge_length_does_not_overflow(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 16);
	assert_int_equal(rw_buf_append_str(&b, "keep"), RW_OK);
	/* The length alone must be refused: the data is never read. */
	assert_int_equal(rw_buf_append(&b, "x", SIZE_MAX), RW_ETOOBIG);
	assert_int_equal(rw_buf_append(&b, "x", SIZE_MAX - 2), RW_ETOOBIG);
	assert_string_equal(b.data, "keep");
	assert_int_equal(b.len, 4);
	rw_buf_free(&b);
}

static void
test_cap_zero(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 0);
	assert_int_equal(rw_buf_append_char(&b, 'a'), RW_ETOOBIG);
	assert_int_equal(b.len, 0);
	assert_int_equal(rw_buf_append(&b, "", 0), RW_OK);
	assert_string_equal(b.data, "");
	rw_buf_free(&b);
}

static void
test_reset_keeps_allocation(void **state)
{
	struct rw_buf b;
	char *data;

	rw_buf_init(&b, 64);
	rw_buf_append_str(&b, "hello");
	data = b.data;
	rw_buf_reset(&b);
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(rw_buf_append_str(&b, "again"), RW_OK);
	assert_string_equal(b.data, "again");
	rw_buf_free(&b);

	rw_buf_init(&b, 64);
	rw_buf_reset(&b); /* never allocated */
	assert_null(b.data);
	rw_buf_free(&b);
}

static void
test_steal(void **state)
{
	struct rw_buf b;
	char *s;

	rw_buf_init(&b, 64);
	rw_buf_append_str(&b, "owned");
	s = rw_buf_steal(&b);
	assert_string_equal(s, "owned");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	/* The buffer is usable again, with the same cap. */
	assert_int_equal(rw_buf_append_str(&b, "next"), RW_OK);
	assert_string_equal(b.data, "next");
	rw_buf_free(&b);
}

static void
test_steal_never_written_gives_empty_string(void **state)
{
	struct rw_buf b;
	char *s;

	/* Regression test for a bug found when this test was written. */
	rw_buf_init(&b, 64);
	s = rw_buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	rw_buf_free(&b);
}

static void
test_trim_end(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 64);
	rw_buf_append_str(&b, "  text \t\r\n \n");
	rw_buf_trim_end(&b);
	assert_string_equal(b.data, "  text");
	assert_int_equal(b.len, 6);
	rw_buf_reset(&b);
	rw_buf_append_str(&b, " \n\t ");
	rw_buf_trim_end(&b);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	rw_buf_reset(&b);
	rw_buf_append_str(&b, "a.\f");
	rw_buf_trim_end(&b); /* form feed is not in the list */
	assert_string_equal(b.data, "a.\f");
	rw_buf_free(&b);

	rw_buf_init(&b, 64);
	rw_buf_trim_end(&b); /* never allocated: no crash */
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	rw_buf_free(&b);
}

static void
test_trim_end_keeps_trailing_nul_bytes(void **state)
{
	struct rw_buf b;

	/* Regression test for a bug found when this test was written. */
	rw_buf_init(&b, 64);
	rw_buf_append(&b, "ab\0\0", 4);
	rw_buf_trim_end(&b);
	assert_int_equal(b.len, 4);
	rw_buf_free(&b);
}

static void
test_free_then_reinit(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 4);
	rw_buf_append_str(&b, "abcd");
	rw_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	rw_buf_free(&b); /* twice is harmless */
	rw_buf_init(&b, 10);
	assert_int_equal(rw_buf_append_str(&b, "abcdefghij"), RW_OK);
	assert_string_equal(b.data, "abcdefghij");
	rw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_append_kinds),
		cmocka_unit_test(test_append_binary_keeps_nul_bytes),
		cmocka_unit_test(test_append_nothing_gives_empty_string),
		cmocka_unit_test(test_grows_past_first_allocation),
		cmocka_unit_test(test_cap_exact_fits),
		cmocka_unit_test(test_cap_refuses_and_leaves_buffer_unchanged),
		cmocka_unit_test(test_cap_huge_length_does_not_overflow),
		cmocka_unit_test(test_cap_zero),
		cmocka_unit_test(test_reset_keeps_allocation),
		cmocka_unit_test(test_steal),
		cmocka_unit_test(test_steal_never_written_gives_empty_string),
		cmocka_unit_test(test_trim_end),
		cmocka_unit_test(test_trim_end_keeps_trailing_nul_bytes),
		cmocka_unit_test(test_free_then_reinit),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
