/* test-json-write.c: JSON text written into a buffer (core/json-write.h).
 * Every output is read back with jansson, so a test fails on JSON that a
 * real parser rejects, not only on a different spelling. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json-write.h"
#include "unit.h"

/* Parses b as one JSON value, failing the test when it is not JSON. */
static json_t *
parse(const struct rw_buf *b)
{
	json_error_t error;
	json_t *v = json_loadb(b->data, b->len, JSON_DECODE_ANY, &error);

	if (v == NULL)
		fail_msg("not JSON (%s): %s", error.text, b->data);
	return v;
}

static void
test_object_with_every_kind_of_value(void **state)
{
	struct rw_buf b;
	json_t *v;

	rw_buf_init(&b, 4096);
	assert_int_equal(rw_json_begin(&b), RW_OK);
	rw_json_key(&b, "name");
	rw_json_string(&b, "Ayşe", strlen("Ayşe"));
	rw_json_key(&b, "none");
	rw_json_string_or_null(&b, "");
	rw_json_key(&b, "count");
	rw_json_int(&b, -1234567890123LL);
	rw_json_key(&b, "list");
	rw_json_begin_array(&b);
	rw_json_string(&b, "a", 1);
	rw_json_int(&b, 0);
	rw_json_null(&b);
	rw_json_bool(&b, 1);
	rw_json_bool(&b, 0);
	rw_json_end_array(&b);
	rw_json_key(&b, "nested");
	rw_json_begin(&b);
	rw_json_key(&b, "x");
	rw_json_int(&b, 1);
	rw_json_end(&b);
	assert_int_equal(rw_json_end(&b), RW_OK);

	v = parse(&b);
	assert_string_equal(json_string_value(json_object_get(v, "name")),
	    "Ayşe");
	assert_true(json_is_null(json_object_get(v, "none")));
	assert_true(json_integer_value(json_object_get(v, "count")) ==
	    -1234567890123LL);
	assert_int_equal(json_array_size(json_object_get(v, "list")), 5);
	assert_true(json_is_true(json_array_get(json_object_get(v, "list"), 3)));
	assert_true(json_is_false(json_array_get(json_object_get(v, "list"),
	    4)));
	assert_int_equal(json_integer_value(json_object_get(
	    json_object_get(v, "nested"), "x")), 1);
	/* plain ASCII out, whatever went in */
	for (size_t i = 0; i < b.len; i++)
		assert_true((unsigned char)b.data[i] < 0x80);
	json_decref(v);
	rw_buf_free(&b);
}

static void
test_hostile_strings_round_trip(void **state)
{
	static const char *const inputs[] = {
		"quote \" backslash \\ slash /",
		"<script>alert('x')</script>",
		"line\nbreak\ttab\rreturn\x01\x1f\x7f",
		"'; DROP TABLE incidents; --",
		"../../etc/passwd",
		"emoji \xF0\x9F\x98\x80 and CJK \xE7\x8E\x8B",
	};
	struct rw_buf b;

	rw_buf_init(&b, 4096);
	for (size_t k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
		json_t *v;
		rw_buf_reset(&b);
		rw_json_string(&b, inputs[k], strlen(inputs[k]));
		v = parse(&b);
		assert_string_equal(json_string_value(v), inputs[k]);
		json_decref(v);
	}
	rw_buf_free(&b);
}

static void
test_invalid_utf8_becomes_replacement_and_keeps_the_rest(void **state)
{
	const char in[] = "ok \xC3 cut \xFF\xFE end \xE2\x82";
	struct rw_buf b;
	json_t *v;

	rw_buf_init(&b, 4096);
	rw_json_string(&b, in, sizeof(in) - 1);
	v = parse(&b);
	assert_string_equal(json_string_value(v),
	    "ok \xEF\xBF\xBD cut \xEF\xBF\xBD\xEF\xBF\xBD end "
	    "\xEF\xBF\xBD\xEF\xBF\xBD");
	json_decref(v);
	rw_buf_free(&b);
}

static void
test_embedded_nul_is_escaped_not_a_terminator(void **state)
{
	const char in[] = {'a', '\0', 'b'};
	struct rw_buf b;
	json_t *v;

	rw_buf_init(&b, 64);
	rw_json_string(&b, in, sizeof(in));
	assert_string_equal(b.data, "\"a\\u0000b\"");
	v = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	assert_non_null(v);
	assert_int_equal(json_string_length(v), 3);
	json_decref(v);
	rw_buf_free(&b);
}

static void
test_reals_are_rounded_and_stay_reals(void **state)
{
	static const struct {
		double in;
		const char *out;
	} cases[] = {
		{0.8, "0.8"}, {0.79999999999999993, "0.8"}, {1.0, "1.0"},
		{0.0, "0.0"}, {0.125, "0.125"}, {0.1234, "0.123"},
		{-2.5, "-2.5"}, {-0.0001, "0.0"}, {12.0005, "12.001"},
	};
	struct rw_buf b;

	rw_buf_init(&b, 64);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		rw_buf_reset(&b);
		rw_json_real(&b, cases[k].in);
		assert_string_equal(b.data, cases[k].out);
	}
	rw_buf_reset(&b);
	rw_json_real(&b, 1.0 / 0.0);
	assert_string_equal(b.data, "null");
	rw_buf_free(&b);
}

static void
test_lines_do_not_get_a_comma_between_them(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 64);
	rw_json_begin(&b);
	rw_json_end(&b);
	rw_buf_append_char(&b, '\n');
	rw_json_begin(&b);
	rw_json_end(&b);
	assert_string_equal(b.data, "{}\n{}");
	rw_buf_free(&b);
}

static void
test_full_buffer_reports_too_big_and_keeps_contents(void **state)
{
	struct rw_buf b;
	char big[200];

	memset(big, 'x', sizeof(big));
	rw_buf_init(&b, 16);
	assert_int_equal(rw_json_begin(&b), RW_OK);
	assert_int_equal(rw_json_string(&b, big, sizeof(big)), RW_ETOOBIG);
	assert_true(b.len <= 16);
	assert_int_equal(b.data[0], '{');
	rw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_object_with_every_kind_of_value),
		cmocka_unit_test(test_hostile_strings_round_trip),
		cmocka_unit_test(test_invalid_utf8_becomes_replacement_and_keeps_the_rest),
		cmocka_unit_test(test_embedded_nul_is_escaped_not_a_terminator),
		cmocka_unit_test(test_reals_are_rounded_and_stay_reals),
		cmocka_unit_test(test_lines_do_not_get_a_comma_between_them),
		cmocka_unit_test(test_full_buffer_reports_too_big_and_keeps_contents),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("json-write", tests, NULL, NULL);
}
