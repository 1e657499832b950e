/* test-case.c: the case model (cases/case.h): enum names both ways and
 * the `KIND:DATE` / `KIND:STATE[:CHARGES]` arguments, good and hostile. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cases/case.h"
#include "core/error.h"
#include "unit.h"

static void
test_enum_names_round_trip(void **state)
{
	for (int k = 0; k < RW_CASE_STATUS_COUNT; k++) {
		enum rw_case_status s;
		assert_true(rw_case_status_parse(rw_case_status_name(k), &s));
		assert_int_equal(s, k);
	}
	for (int k = 0; k < RW_LEGAL_COUNT; k++) {
		enum rw_legal_status s;
		assert_true(rw_legal_status_parse(rw_legal_status_name(k), &s));
		assert_int_equal(s, k);
	}
	for (int k = 0; k < RW_REQUEST_KIND_COUNT; k++) {
		enum rw_request_kind s;
		assert_true(rw_request_kind_parse(rw_request_kind_name(k), &s));
		assert_int_equal(s, k);
	}
	assert_string_equal(rw_case_status_name(RW_CASE_DEPORTATION_ORDERED),
	    "deportation-ordered");
	assert_null(rw_case_status_name(RW_CASE_STATUS_COUNT));
}

static void
test_unknown_names_refused(void **state)
{
	enum rw_case_status s = RW_CASE_RELEASED;
	enum rw_deadline_kind d;

	assert_false(rw_case_status_parse("AT-RISK", &s));
	assert_false(rw_case_status_parse("", &s));
	assert_false(rw_case_status_parse(NULL, &s));
	assert_false(rw_case_status_parse("at-risk'; DROP TABLE c;--", &s));
	assert_int_equal(s, RW_CASE_RELEASED);
	assert_false(rw_deadline_kind_parse("\xff\xfe", &d));
}

static void
test_deadline_parse(void **state)
{
	struct rw_deadline d;
	struct rw_error err;

	assert_int_equal(rw_deadline_parse("hearing:2026-12-01", &d, &err),
	    RW_OK);
	assert_int_equal(d.kind, RW_DEADLINE_HEARING);
	assert_string_equal(d.date, "2026-12-01");
	assert_int_equal(rw_deadline_parse("sentence-end:2027-01-31", &d,
	    &err), RW_OK);
	assert_int_equal(d.kind, RW_DEADLINE_SENTENCE_END);
	const char *bad[] = {"hearing", "hearing:", "hearing:2026-12",
	    "hearing:2026-02-30", "meeting:2026-12-01", ":2026-12-01",
	    "hearing:2026-12-01x", "hearing:2026-12-01:more",
	    "a-very-long-kind-name-that-goes-on-and-on:2026-12-01", ""};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (rw_deadline_parse(bad[k], &d, &err) != RW_EINVAL)
			fail_msg("\"%s\" was accepted", bad[k]);
		assert_non_null(strstr(err.message, "deadline"));
	}
}

static void
test_request_parse(void **state)
{
	struct rw_request r;
	struct rw_error err;

	assert_int_equal(rw_request_parse("warrant:CN", &r, &err), RW_OK);
	assert_int_equal(r.kind, RW_REQUEST_WARRANT);
	assert_string_equal(r.state, "CN");
	assert_null(r.charges);
	assert_int_equal(rw_request_parse("extradition:RU:terrorism, fraud",
	    &r, &err), RW_OK);
	assert_int_equal(r.kind, RW_REQUEST_EXTRADITION);
	assert_string_equal(r.state, "RU");
	assert_string_equal(r.charges, "terrorism, fraud");
	free(r.charges);
	/* charges may hold colons */
	assert_int_equal(rw_request_parse("bounty:HK:article 22: secession",
	    &r, &err), RW_OK);
	assert_string_equal(r.charges, "article 22: secession");
	free(r.charges);
	const char *bad[] = {"warrant", "warrant:", "warrant:China",
	    "warrant:cn", "warrant:ZZ", "summons:CN", "warrant:C", ""};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (rw_request_parse(bad[k], &r, &err) != RW_EINVAL)
			fail_msg("\"%s\" was accepted", bad[k]);
		assert_non_null(strstr(err.message, "request"));
	}
}

static void
test_identity_and_free(void **state)
{
	struct rw_case c;
	struct rw_error err;

	rw_case_init(&c);
	assert_false(rw_case_has_identity(&c));
	c.description = strdup("");
	assert_false(rw_case_has_identity(&c));
	free(c.description);
	c.description = strdup("five men held in Bangkok");
	assert_true(rw_case_has_identity(&c));
	assert_int_equal(rw_strings_add(&c.names, "Ilham Tohti", &err), RW_OK);
	assert_int_equal(rw_strings_add(&c.aliases, "伊力哈木·土赫提", &err),
	    RW_OK);
	assert_int_equal(c.names.n, 1);
	assert_string_equal(c.aliases.items[0], "伊力哈木·土赫提");
	rw_case_free(&c);
	assert_null(c.names.items);
	assert_null(c.description);
}

/* rw_case_check: what the store would drop or refuse is invalid here,
 * and the message never repeats a name. */
static void
test_check(void **state)
{
	struct rw_case c;
	struct rw_error err;

	(void)state;
	rw_case_init(&c);
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	assert_int_equal(rw_strings_add(&c.names, "Aynur Tursun", &err), RW_OK);
	memcpy(c.host, "TH", 3);
	assert_int_equal(rw_case_check(&c, &err), RW_OK);
	c.status = RW_CASE_STATUS_COUNT;
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	c.status = RW_CASE_AT_RISK;
	c.group = strdup("Uy\xffghur");
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "UTF-8"));
	free(c.group);
	c.group = NULL;
	assert_int_equal(rw_strings_add(&c.aliases, "Aynur \xe2\x28", &err),
	    RW_OK);
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "alias"));
	assert_null(strstr(err.message, "Aynur"));
	rw_case_free(&c);

	assert_int_equal(rw_strings_add(&c.names, "Aynur Tursun", &err), RW_OK);
	c.deadlines = calloc(1, sizeof(*c.deadlines));
	assert_non_null(c.deadlines);
	c.n_deadlines = 1;
	memcpy(c.deadlines[0].date, "2026-02-30", 11);
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "2026-02-30"));
	memset(c.deadlines[0].date, '9', sizeof(c.deadlines[0].date));
	assert_int_equal(rw_case_check(&c, &err), RW_EINVAL);
	memcpy(c.deadlines[0].date, "2026-02-28", 11);
	assert_int_equal(rw_case_check(&c, &err), RW_OK);
	rw_case_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enum_names_round_trip),
		cmocka_unit_test(test_unknown_names_refused),
		cmocka_unit_test(test_deadline_parse),
		cmocka_unit_test(test_request_parse),
		cmocka_unit_test(test_identity_and_free),
		cmocka_unit_test(test_check),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
