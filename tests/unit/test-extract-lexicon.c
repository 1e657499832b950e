/* test-extract-lexicon.c: loading rule files into the lexicon
 * (extract/lexicon.c): matching, and a clear "FILE:LINE: why" for every
 * kind of malformed rule line, so that an expert editing data/extract/
 * sees what to fix. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/embedded.h"
#include "core/error.h"
#include "extract/extract-int.h"
#include "unit.h"

/* Loads one rule file holding text; returns the load's result. */
static int
load_one(const char *text, struct lexicon **ret, struct rw_error *err)
{
	const struct rw_embedded files[] = {
		{"rules.tsv", text, strlen(text)},
		{NULL, NULL, 0},
	};

	*ret = NULL;
	return lexicon_load_files(ret, files, err);
}

static void
expect_refused(const char *text, const char *message_part)
{
	struct lexicon *lx;
	struct rw_error err = {0};

	assert_int_equal(load_one(text, &lx, &err), RW_EINVAL);
	assert_null(lx);
	if (strstr(err.message, message_part) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err.message, message_part);
}

static void
test_bad_lines_are_refused_with_file_line_and_reason(void **state)
{
	expect_refused("# ok\ncountry\tCN\tChina\nno tabs here\n",
	    "rules.tsv:3: not a rule line");
	expect_refused("colour\tred\tcrimson\n",
	    "rules.tsv:1: no rule kind or cue is called \"colour\"");
	expect_refused("trigger\tdetention/with/a/value/far/too/long/to/keep"
	    "\tdetained\n", "longer than 39 bytes");
	expect_refused("number\ttwelve\tdozen\n", "wants a whole number");
	expect_refused("group\tUyghur\tUyghurs\n", "wants NAME:ISO");
	expect_refused("reldate\tsomeday\tone day\n",
	    "no relative date rule is called \"someday\"");
}

static void
test_good_rules_match_longest_phrase(void **state)
{
	struct lexicon *lx;
	struct rw_error err = {0};
	struct text t;
	const struct lex_entry *e;
	const char *input = "They were deported to China.";

	assert_int_equal(load_one("# comment\n\ntrigger\treturn/deportation\t"
	    "deported|were deported\ncountry\tCN\tChina\n", &lx, &err), 0);
	assert_int_equal(text_tokenize(&t, input, strlen(input), &err), 0);
	assert_int_equal(lexicon_match(lx, &t, 0, &e), 0);    /* They */
	assert_int_equal(lexicon_match(lx, &t, 1, &e), 2);    /* were deported */
	assert_int_equal(e->kind, LEX_TRIGGER);
	assert_string_equal(e->value, "return/deportation");
	assert_int_equal(lexicon_match(lx, &t, 4, &e), 1);    /* China */
	assert_string_equal(e->value, "CN");
	assert_false(lexicon_word_is(lx, &t, 4, CUE_AUTHORITY));
	text_free(&t);
	lexicon_free(lx);
}

static void
test_embedded_rules_load(void **state)
{
	struct lexicon *lx;
	struct rw_error err = {0};

	assert_int_equal(lexicon_load(&lx, &err), 0);
	assert_int_equal(strncmp(lexicon_version(lx), "1-", 2), 0);
	lexicon_free(lx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_lines_are_refused_with_file_line_and_reason),
		cmocka_unit_test(test_good_rules_match_longest_phrase),
		cmocka_unit_test(test_embedded_rules_load),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("extract-lexicon", tests, NULL, NULL);
}
