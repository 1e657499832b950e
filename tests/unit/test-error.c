/* test-error.c: the one error convention (core/error.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/error.h"
#include "unit.h"

static void
test_strerror_every_code(void **state)
{
	assert_string_equal(rw_strerror(RW_OK), "success");
	assert_string_equal(rw_strerror(RW_ENOMEM), "out of memory");
	assert_string_equal(rw_strerror(RW_EIO), "input/output error");
	assert_string_equal(rw_strerror(RW_EINVAL), "invalid input");
	assert_string_equal(rw_strerror(RW_ENOTFOUND), "not found");
	assert_string_equal(rw_strerror(RW_EEXIST), "already exists");
	assert_string_equal(rw_strerror(RW_ETOOBIG), "too large");
	assert_string_equal(rw_strerror(RW_EFORMAT), "unrecognised format");
	assert_string_equal(rw_strerror(RW_ESTORE), "store error");
	assert_string_equal(rw_strerror(RW_EVERSION),
	    "store written by a newer version");
	assert_string_equal(rw_strerror(RW_EQUERY), "malformed query");
	assert_string_equal(rw_strerror(RW_EENCRYPTED), "encrypted document");
	assert_string_equal(rw_strerror(RW_ECORRUPT), "integrity check failed");
}

static void
test_strerror_unknown_never_null(void **state)
{
	assert_string_equal(rw_strerror(-13), "unknown error");
	assert_string_equal(rw_strerror(1), "unknown error");
	assert_string_equal(rw_strerror(-2147483647 - 1), "unknown error");
}

static void
test_error_set_returns_code_and_formats(void **state)
{
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.message, "");
	assert_int_equal(rw_error_set(&err, RW_EIO, "cannot read %s: %d", "a.pdf",
	    5), RW_EIO);
	assert_int_equal(err.code, RW_EIO);
	assert_string_equal(err.message, "cannot read a.pdf: 5");
	rw_error_clear(&err);
	assert_int_equal(err.code, RW_OK);
	assert_string_equal(err.message, "");
}

static void
test_error_set_null_is_allowed(void **state)
{
	assert_int_equal(rw_error_set(NULL, RW_EFORMAT, "x %s", "y"), RW_EFORMAT);
	rw_error_clear(NULL);
}

static void
test_error_set_truncates_long_messages(void **state)
{
	char longer[RW_ERROR_MESSAGE_MAX * 2];
	struct rw_error err;

	memset(longer, 'm', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	rw_error_set(&err, RW_EINVAL, "%s", longer);
	assert_int_equal(strlen(err.message), RW_ERROR_MESSAGE_MAX - 1);
	assert_int_equal(err.message[0], 'm');
	assert_int_equal(err.code, RW_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerror_every_code),
		cmocka_unit_test(test_strerror_unknown_never_null),
		cmocka_unit_test(test_error_set_returns_code_and_formats),
		cmocka_unit_test(test_error_set_null_is_allowed),
		cmocka_unit_test(test_error_set_truncates_long_messages),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
