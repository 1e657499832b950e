/* test-extract-tokens.c: the extractor's tokeniser (extract/tokens.c).
 * Words take one of two paths, a one-pass path for plain ASCII words and
 * a general one for the rest; these tests pin what both must give: spans,
 * normal forms, flags and the hash the lexicon is keyed by. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "extract/extract-int.h"
#include "unit.h"

struct expect {
	const char *text; /* the token's bytes in the input */
	const char *norm;
	uint16_t flags;   /* flags that must be set */
	uint16_t absent;  /* flags that must not be */
};

static void
tokenize(struct text *t, const char *input)
{
	struct rw_error err = {0};

	assert_int_equal(text_tokenize(t, input, strlen(input), &err), 0);
}

/* Every token is what the table says, and hashed as the lexicon hashes
 * its phrases' words. */
static void
check(const char *input, const struct expect *want, size_t n)
{
	struct text t;

	tokenize(&t, input);
	assert_int_equal(t.n_tokens, n);
	for (size_t i = 0; i < n; i++) {
		const struct token *tok = &t.tokens[i];
		size_t len = tok->end - tok->start;
		assert_int_equal(len, strlen(want[i].text));
		assert_memory_equal(input + tok->start, want[i].text, len);
		assert_string_equal(token_norm(&t, i), want[i].norm);
		assert_int_equal(tok->norm_len, strlen(want[i].norm));
		assert_int_equal(tok->flags & want[i].flags, want[i].flags);
		assert_int_equal(tok->flags & want[i].absent, 0);
		assert_int_equal(tok->hash, word_hash(want[i].norm,
		    strlen(want[i].norm)));
	}
	text_free(&t);
}

static void
test_plain_words_and_their_case(void **state)
{
	static const struct expect want[] = {
		{"Police", "police", TOKEN_WORD | TOKEN_CAPITAL, TOKEN_UPPER},
		{"in", "in", TOKEN_WORD | TOKEN_SPACE, TOKEN_CAPITAL},
		{"UNHCR", "unhcr", TOKEN_WORD | TOKEN_CAPITAL | TOKEN_UPPER, 0},
		{"office", "office", TOKEN_WORD, TOKEN_CAPITAL | TOKEN_UPPER},
		{"X", "x", TOKEN_WORD | TOKEN_CAPITAL, TOKEN_UPPER},
		{"3Com", "3com", TOKEN_WORD | TOKEN_NUMBER | TOKEN_CAPITAL,
		    TOKEN_UPPER},
		{"iPhone", "iphone", TOKEN_WORD, TOKEN_CAPITAL | TOKEN_UPPER},
		{".", ".", 0, TOKEN_WORD | TOKEN_SPACE},
	};

	check("Police in UNHCR office X 3Com iPhone.", want,
	    sizeof(want) / sizeof(want[0]));
}

static void
test_words_that_need_the_general_path(void **state)
{
	static const struct expect want[] = {
		{"Ay\xC5\x9F" "e", "ayse", TOKEN_WORD | TOKEN_CAPITAL, 0},
		/* the last dot of an initialism stays a token: stop_ends
		 * decides whether it ends the sentence */
		{"U.S", "u.s", TOKEN_WORD | TOKEN_CAPITAL | TOKEN_UPPER, 0},
		{".", ".", 0, TOKEN_WORD | TOKEN_SPACE},
		{"1,500", "1,500", TOKEN_WORD | TOKEN_NUMBER, 0},
		{"don't", "don't", TOKEN_WORD, TOKEN_CAPITAL},
		{"Tohti", "tohti", TOKEN_WORD | TOKEN_CAPITAL, 0},
		{"'s", "'s", TOKEN_WORD | TOKEN_POSSESSIVE, TOKEN_SPACE},
		{"G\xC3\x9CL", "gul", TOKEN_WORD | TOKEN_UPPER, 0}, /* GÜL */
	};

	check("Ay\xC5\x9F" "e U.S. 1,500 don't Tohti's G\xC3\x9CL", want,
	    sizeof(want) / sizeof(want[0]));
}

static void
test_stops_and_commas_end_plain_words(void **state)
{
	static const struct expect want[] = {
		{"held", "held", TOKEN_WORD, 0},
		{",", ",", 0, TOKEN_SPACE},
		{"then", "then", TOKEN_WORD | TOKEN_SPACE, 0},
		{"freed", "freed", TOKEN_WORD | TOKEN_SPACE, 0},
		{".", ".", 0, TOKEN_SPACE},
		{"Next", "next", TOKEN_WORD | TOKEN_CAPITAL | TOKEN_NEWLINE |
		    TOKEN_PARAGRAPH, 0},
		{"2019", "2019", TOKEN_WORD | TOKEN_NUMBER | TOKEN_SPACE, 0},
	};

	check("held, then freed.\n\nNext\t2019", want,
	    sizeof(want) / sizeof(want[0]));
}

static void
test_a_word_at_the_very_end(void **state)
{
	static const struct expect want[] = {
		{"end", "end", TOKEN_WORD, 0},
	};

	check("end", want, 1);
}

static void
test_token_in_a_word_list(void **state)
{
	static const char *const words[] = {"after", "before", NULL};
	static const char *const none[] = {NULL};
	struct text t;

	tokenize(&t, "Freed BEFORE dawn, afterwards");
	assert_false(token_in(&t, 0, words));
	assert_true(token_in(&t, 1, words)); /* by its normal form */
	assert_false(token_in(&t, 2, words));
	assert_false(token_in(&t, 4, words)); /* whole words only */
	assert_false(token_in(&t, 1, none));
	assert_false(token_in(&t, t.n_tokens, words)); /* past the end */
	text_free(&t);
}

static void
test_the_case_of_plain_words(void **state)
{
	static const struct expect want[] = {
		{"NGOs", "ngos", TOKEN_WORD | TOKEN_CAPITAL, TOKEN_UPPER},
		{"7UP", "7up", TOKEN_WORD | TOKEN_CAPITAL | TOKEN_UPPER, 0},
		{"A1", "a1", TOKEN_WORD | TOKEN_CAPITAL, TOKEN_UPPER},
		{"x9Y", "x9y", TOKEN_WORD, TOKEN_CAPITAL | TOKEN_UPPER},
		{"2019", "2019", TOKEN_WORD | TOKEN_NUMBER,
		    TOKEN_CAPITAL | TOKEN_UPPER},
		{"UNHCR", "unhcr", TOKEN_WORD | TOKEN_CAPITAL | TOKEN_UPPER, 0},
	};

	check("NGOs 7UP A1 x9Y 2019 UNHCR", want,
	    sizeof(want) / sizeof(want[0]));
}

/* The last word is read within the text's length: no byte ends it. */
static void
test_a_last_word_without_a_terminating_byte(void **state)
{
	static const char words[] = "said UNHCR";
	size_t len = sizeof(words) - 1;
	char *input = malloc(len);
	struct rw_error err = {0};
	struct text t;

	assert_non_null(input);
	memcpy(input, words, len);
	assert_int_equal(text_tokenize(&t, input, len, &err), 0);
	assert_int_equal(t.n_tokens, 2);
	assert_int_equal(t.tokens[1].end, len);
	assert_string_equal(token_norm(&t, 1), "unhcr");
	assert_true(t.tokens[1].flags & TOKEN_UPPER);
	text_free(&t);
	free(input);
}

static void
test_a_huge_word_is_kept_with_a_capped_normal_form(void **state)
{
	size_t n = 70000;
	char *input = malloc(n + 3);
	struct text t;

	assert_non_null(input);
	memset(input, 'A', n);
	memcpy(input + n, " b", 3);
	tokenize(&t, input);
	assert_int_equal(t.n_tokens, 2);
	assert_int_equal(t.tokens[0].end, n);
	assert_int_equal(t.tokens[0].norm_len, 0xFFFF);
	assert_int_equal(t.tokens[0].hash,
	    word_hash(token_norm(&t, 0), 0xFFFF));
	assert_string_equal(token_norm(&t, 1), "b");
	text_free(&t);
	free(input);
}

static void
test_invalid_utf8_separates_words_and_keeps_them(void **state)
{
	static const struct expect want[] = {
		{"ab", "ab", TOKEN_WORD, 0},
		{"cd", "cd", TOKEN_WORD | TOKEN_SPACE, 0},
	};

	check("ab\xFF" "cd", want, sizeof(want) / sizeof(want[0]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_words_and_their_case),
		cmocka_unit_test(test_words_that_need_the_general_path),
		cmocka_unit_test(test_stops_and_commas_end_plain_words),
		cmocka_unit_test(test_a_word_at_the_very_end),
		cmocka_unit_test(test_token_in_a_word_list),
		cmocka_unit_test(test_the_case_of_plain_words),
		cmocka_unit_test(test_a_last_word_without_a_terminating_byte),
		cmocka_unit_test(test_a_huge_word_is_kept_with_a_capped_normal_form),
		cmocka_unit_test(test_invalid_utf8_separates_words_and_keeps_them),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("extract-tokens", tests, NULL, NULL);
}
