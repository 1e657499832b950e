/* test-config.c: the configuration file (core/config.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/config.h"
#include "unit.h"

static struct rw_config *
parse_ok(const char *text)
{
	struct rw_config *c = NULL;
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_config_parse("t.conf", text, strlen(text), &c, &err),
	    0);
	assert_non_null(c);
	return c;
}

/* Parses len bytes that must be refused with code; returns the message. */
static const char *
parse_bad(const char *text, size_t len, int code)
{
	static struct rw_error err;
	struct rw_config *c = NULL;

	rw_error_clear(&err);
	assert_int_equal(rw_config_parse("t.conf", text, len, &c, &err), code);
	assert_null(c);
	assert_int_equal(err.code, code);
	return err.message;
}

static void
test_good_file(void **state)
{
	struct rw_config *c = parse_ok(
	    "# delivery\n"
	    "\n"
	    "webhook.url = https://example.org/hook?a=b  \n"
	    "\twebhook.secret=s3cr=t with spaces\r\n"
	    "smtp.to = a@example.org, b@example.org\n"
	    "delivery.attempts =\n"
	    "   # indented comment\n"
	    "name_x-1 = Ürümqi");

	assert_string_equal(rw_config_get(c, "webhook.url"),
	    "https://example.org/hook?a=b");
	assert_string_equal(rw_config_get(c, "webhook.secret"),
	    "s3cr=t with spaces");
	assert_string_equal(rw_config_get(c, "smtp.to"),
	    "a@example.org, b@example.org");
	assert_string_equal(rw_config_get(c, "delivery.attempts"), "");
	assert_string_equal(rw_config_get(c, "name_x-1"), "Ürümqi");
	assert_null(rw_config_get(c, "smtp.url"));
	assert_null(rw_config_get(NULL, "smtp.url"));
	assert_int_equal(rw_config_line(c, "webhook.url"), 3);
	assert_int_equal(rw_config_line(c, "name_x-1"), 8);
	assert_int_equal(rw_config_line(c, "nope"), 0);
	assert_string_equal(rw_config_name(c), "t.conf");
	rw_config_free(c);
	rw_config_free(NULL);
}

static void
test_empty_file(void **state)
{
	struct rw_config *c = parse_ok("");

	assert_null(rw_config_get(c, "a"));
	rw_config_free(c);
}

static void
test_malformed_lines(void **state)
{
	assert_string_equal(parse_bad("a = 1\njust words\n", 17, RW_EFORMAT),
	    "t.conf:2: no '=' (lines are 'key = value')");
	assert_string_equal(parse_bad("= 1\n", 4, RW_EFORMAT),
	    "t.conf:1: bad key '' (use only a-z, 0-9, '_', '.' and '-')");
	assert_string_equal(parse_bad("Web.URL = x\n", 12, RW_EFORMAT),
	    "t.conf:1: bad key 'Web.URL' (use only a-z, 0-9, '_', '.' and '-')");
	assert_string_equal(parse_bad("a b = x\n", 8, RW_EFORMAT),
	    "t.conf:1: bad key 'a b' (use only a-z, 0-9, '_', '.' and '-')");
	assert_string_equal(parse_bad("a;rm -rf = x\n", 13, RW_EFORMAT),
	    "t.conf:1: bad key 'a;rm -rf' (use only a-z, 0-9, '_', '.' and '-')");
}

static void
test_key_twice(void **state)
{
	const char *t = "a = 1\n# c\nb = 2\na = 3\n";

	assert_string_equal(parse_bad(t, strlen(t), RW_EFORMAT),
	    "t.conf:4: 'a' given twice (first on line 1)");
}

static void
test_huge_line(void **state)
{
	size_t len = RW_CONFIG_LINE_MAX + 10;
	char *t = malloc(len);

	assert_non_null(t);
	memcpy(t, "k = ", 4);
	memset(t + 4, 'v', len - 4);
	assert_string_equal(parse_bad(t, len, RW_EFORMAT),
	    "t.conf:1: line over 4096 bytes");
	/* exactly at the limit is fine */
	{
		struct rw_config *c = NULL;
		assert_int_equal(rw_config_parse("t", t, RW_CONFIG_LINE_MAX, &c,
		    NULL), 0);
		assert_int_equal(strlen(rw_config_get(c, "k")),
		    RW_CONFIG_LINE_MAX - 4);
		rw_config_free(c);
	}
	free(t);
}

static void
test_huge_file(void **state)
{
	size_t len = RW_CONFIG_FILE_MAX + 1;
	char *t = calloc(1, len);

	assert_non_null(t);
	memset(t, '\n', len);
	assert_string_equal(parse_bad(t, len, RW_ETOOBIG),
	    "t.conf: over 1048576 bytes");
	free(t);
}

static void
test_binary_and_bad_utf8(void **state)
{
	assert_string_equal(parse_bad("a = 1\nb = x\0y\n", 14, RW_EFORMAT),
	    "t.conf:2: NUL byte (the file looks binary)");
	assert_string_equal(parse_bad("a = \xff\xfe\n", 7, RW_EFORMAT),
	    "t.conf:1: not valid UTF-8");
	assert_string_equal(parse_bad("a = \xc3\n", 6, RW_EFORMAT),
	    "t.conf:1: not valid UTF-8");
	assert_string_equal(parse_bad("a = \xed\xa0\x80\n", 8, RW_EFORMAT),
	    "t.conf:1: not valid UTF-8");
	assert_string_equal(parse_bad("a = x\ry\n", 8, RW_EFORMAT),
	    "t.conf:1: control character");
	assert_string_equal(parse_bad("a = x\x1b[31m\n", 11, RW_EFORMAT),
	    "t.conf:1: control character");
}

static void
test_numbers(void **state)
{
	struct rw_config *c = parse_ok("n = 42\nneg = -3\nbig = 99999999999999999999"
	    "\nword = ten\nhalf = 1.5\nempty =\nhigh = 61\n");
	struct rw_error err;
	long v = 7;

	assert_int_equal(rw_config_get_long(c, "n", 0, 100, 1, &v, &err), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rw_config_get_long(c, "unset", 0, 100, 5, &v, &err), 0);
	assert_int_equal(v, 5);
	assert_int_equal(rw_config_get_long(c, "neg", -5, 5, 0, &v, &err), 0);
	assert_int_equal(v, -3);
	v = 7;
	assert_int_equal(rw_config_get_long(c, "neg", 0, 5, 0, &v, &err),
	    RW_EINVAL);
	assert_string_equal(err.message,
	    "t.conf:2: 'neg' must be a whole number from 0 to 5, not '-3'");
	assert_int_equal(v, 7);
	assert_int_equal(rw_config_get_long(c, "big", 0, 5, 0, &v, &err),
	    RW_EINVAL);
	assert_int_equal(rw_config_get_long(c, "word", 0, 5, 0, &v, &err),
	    RW_EINVAL);
	assert_string_equal(err.message,
	    "t.conf:4: 'word' must be a whole number from 0 to 5, not 'ten'");
	assert_int_equal(rw_config_get_long(c, "half", 0, 5, 0, &v, &err),
	    RW_EINVAL);
	assert_int_equal(rw_config_get_long(c, "empty", 0, 5, 0, &v, &err),
	    RW_EINVAL);
	assert_int_equal(rw_config_get_long(c, "high", 0, 60, 0, &v, &err),
	    RW_EINVAL);
	assert_string_equal(err.message,
	    "t.conf:7: 'high' must be a whole number from 0 to 60, not '61'");
	assert_int_equal(v, 7);
	rw_config_free(c);
}

static void
test_unknown_keys(void **state)
{
	static const char *const known[] = {"a", "b.c", NULL};
	struct rw_config *c = parse_ok("a = 1\nb.c = 2\n");
	struct rw_error err;

	assert_int_equal(rw_config_check_keys(c, known, &err), 0);
	rw_config_free(c);
	c = parse_ok("a = 1\n\nb.cc = 2\n");
	assert_int_equal(rw_config_check_keys(c, known, &err), RW_EINVAL);
	assert_string_equal(err.message, "t.conf:3: unknown setting 'b.cc'");
	rw_config_free(c);
}

static void
test_load_and_permissions(void **state)
{
	char *dir = unit_tmpdir();
	char *path = unit_path(dir, "refuge.conf");
	const char *text = "webhook.url = http://127.0.0.1/\n"
	    "webhook.secret = abc\n";
	struct rw_config *c = NULL;
	struct rw_error err;
	char *expect;

	assert_int_equal(rw_config_load(path, &c, &err), RW_ENOTFOUND);
	unit_write_file(path, text, strlen(text));
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(rw_config_load(path, &c, &err), RW_EINVAL);
	assert_null(c);
	assert_int_equal(asprintf(&expect, "%s:2: 'webhook.secret' is a secret "
	    "but group or others can access the file (mode 0640); run: chmod "
	    "600 %s", path, path) > 0, 1);
	assert_string_equal(err.message, expect);
	free(expect);
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(rw_config_load(path, &c, &err), RW_EINVAL);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(rw_config_load(path, &c, &err), 0);
	assert_string_equal(rw_config_get(c, "webhook.secret"), "abc");
	rw_config_free(c);

	/* a file without secrets may be readable by others */
	unit_write_file(path, "smtp.password_hint = x\na = 1\n", 29);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(rw_config_load(path, &c, &err), 0);
	rw_config_free(c);
	unit_write_file(path, "smtp.password = x\n", 18);
	assert_int_equal(rw_config_load(path, &c, &err), RW_EINVAL);

	/* a folder is not a configuration file */
	assert_int_equal(rw_config_load(dir, &c, &err), RW_EINVAL);
	unit_rmtree(dir);
	free(path);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_key_twice),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_huge_file),
		cmocka_unit_test(test_binary_and_bad_utf8),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_load_and_permissions),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
