/* test-extract-linear.c: the extractor's work grows linearly with the
 * text (extract/extract.h), checked with the steps it counts
 * (struct rw_extraction.work) and the tokens it reads, never the clock.
 *
 * Each case builds an input of about n bytes and one of about 4n from the
 * same pattern and expects work(4n) <= 4.5 work(n), tokens likewise, and
 * work per byte under a fixed bound. The patterns are the ones that make
 * rule-based readers go quadratic: no sentence ends, endless capitalised
 * "names", one trigger over and over, deep brackets, titles without
 * names, long digit runs, one huge token, and a new person per sentence. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "extract/extract.h"
#include "unit.h"

/* Steps per byte the extractor may take on any text. Today's rules take
 * under 5 on every pattern here and on the development set. */
#define WORK_PER_BYTE_MAX 16

#define SMALL ((size_t)256 << 10)
#define LARGE (SMALL * 4)

static struct rw_extractor *ex;

/* Builds about size bytes of a pattern into b. */
typedef void (*pattern_fn)(struct rw_buf *b, size_t size);

/* A pseudo-random syllable word (deterministic: a small LCG). */
static void
word(struct rw_buf *b, uint32_t *seed, int capital)
{
	static const char cons[] = "bcdfghjklmnprstvz", vow[] = "aeiou";
	int syllables = 2 + (int)(*seed >> 16) % 3;

	for (int k = 0; k < syllables; k++) {
		*seed = *seed * 1103515245u + 12345u;
		char c = cons[(*seed >> 16) % (sizeof(cons) - 1)];
		if (k == 0 && capital)
			c = (char)(c - 'a' + 'A');
		rw_buf_append_char(b, c);
		*seed = *seed * 1103515245u + 12345u;
		rw_buf_append_char(b, vow[(*seed >> 16) % (sizeof(vow) - 1)]);
	}
}

static void
repeat(struct rw_buf *b, size_t size, const char *unit)
{
	size_t len = strlen(unit);

	while (b->len + len <= size)
		rw_buf_append(b, unit, len);
}

static void
lower_words(struct rw_buf *b, size_t size)
{
	uint32_t seed = 1;

	while (b->len < size) {
		word(b, &seed, 0);
		rw_buf_append_char(b, ' ');
	}
}

static void
capital_words(struct rw_buf *b, size_t size)
{
	uint32_t seed = 2;

	while (b->len < size) {
		word(b, &seed, 1);
		rw_buf_append_char(b, ' ');
	}
}

static void
deported(struct rw_buf *b, size_t size)
{
	repeat(b, size, "was deported to China ");
}

static void
arrested(struct rw_buf *b, size_t size)
{
	repeat(b, size, "arrested ");
}

static void
brackets(struct rw_buf *b, size_t size)
{
	repeat(b, size, "( ");
}

static void
brackets_tight(struct rw_buf *b, size_t size)
{
	repeat(b, size, "(");
}

static void
titles(struct rw_buf *b, size_t size)
{
	repeat(b, size, "Mr ");
}

static void
digits(struct rw_buf *b, size_t size)
{
	char n[16];

	for (unsigned i = 1; b->len < size; i++) {
		int len = snprintf(n, sizeof(n), "%u ", i % 100000);
		rw_buf_append(b, n, (size_t)len);
	}
}

static void
one_token(struct rw_buf *b, size_t size)
{
	repeat(b, size, "a");
}

static void
new_people(struct rw_buf *b, size_t size)
{
	uint32_t seed = 3;

	while (b->len < size) {
		rw_buf_appendf(b, "Police in Bangkok detained the teacher ");
		word(b, &seed, 1);
		rw_buf_append_char(b, ' ');
		word(b, &seed, 1);
		rw_buf_appendf(b, " on 2 March. ");
	}
}

static void
pronouns(struct rw_buf *b, size_t size)
{
	uint32_t seed = 4;

	while (b->len < size) {
		word(b, &seed, 1);
		rw_buf_append_char(b, ' ');
		word(b, &seed, 1);
		rw_buf_appendf(b, " was arrested in Bangkok in May. He was "
		    "deported to China a week later. ");
	}
}

static void
stops(struct rw_buf *b, size_t size)
{
	repeat(b, size, "Mr. Dr. U.S. ");
}

static void
line_items(struct rw_buf *b, size_t size)
{
	repeat(b, size, "\n- 6 December 2019 - arrested - ");
}

/* Two runs of the extractor, at size and 4 * size. */
static void
check_linear(pattern_fn fn, size_t size, const char *what)
{
	struct rw_date pub = {2021, 3, 10};
	size_t work[2], tokens[2], bytes[2];

	for (int k = 0; k < 2; k++) {
		struct rw_buf b;
		struct rw_extraction x;
		struct rw_error err = {0};

		rw_buf_init(&b, (size_t)1 << 26);
		fn(&b, k ? size * 4 : size);
		if (rw_extract(ex, b.data ? b.data : "", b.len, &pub, &x,
		    &err) < 0)
			fail_msg("%s: %s", what, err.message);
		work[k] = x.work;
		tokens[k] = x.tokens;
		bytes[k] = b.len;
		rw_extraction_free(&x);
		rw_buf_free(&b);
		printf("# %s: %zu bytes, %zu tokens, %zu steps\n", what,
		    bytes[k], tokens[k], work[k]);
		if (work[k] > WORK_PER_BYTE_MAX * bytes[k])
			fail_msg("%s: %zu steps for %zu bytes", what, work[k],
			    bytes[k]);
	}
	assert_true(work[0] > 0);
	if (work[1] * 2 > work[0] * 9)
		fail_msg("%s: %zu steps for %zu bytes but %zu for %zu", what,
		    work[0], bytes[0], work[1], bytes[1]);
	if (tokens[1] * 2 > tokens[0] * 9)
		fail_msg("%s: %zu tokens for %zu bytes but %zu for %zu", what,
		    tokens[0], bytes[0], tokens[1], bytes[1]);
}

static int
setup(void **state)
{
	struct rw_error err = {0};

	return rw_extractor_new(&ex, &err) < 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	rw_extractor_free(ex);
	return 0;
}

static void
test_one_line_without_punctuation(void **state)
{
	check_linear(lower_words, SMALL, "one line of words");
}

static void
test_capitalised_words(void **state)
{
	/* about 25,000 and 100,000 capitalised words in a row */
	check_linear(capital_words, 180000, "capitalised words");
}

static void
test_repeated_trigger_phrase(void **state)
{
	check_linear(deported, SMALL, "was deported to China");
	check_linear(arrested, SMALL, "arrested");
}

static void
test_brackets(void **state)
{
	check_linear(brackets, SMALL, "( ( (");
	check_linear(brackets_tight, SMALL, "(((");
}

static void
test_titles(void **state)
{
	check_linear(titles, SMALL, "Mr Mr Mr");
	check_linear(stops, SMALL, "Mr. Dr. U.S.");
}

static void
test_digit_runs(void **state)
{
	check_linear(digits, SMALL, "1 2 3");
}

static void
test_one_long_token(void **state)
{
	struct rw_buf b;
	struct rw_extraction x;
	struct rw_error err = {0};

	check_linear(one_token, SMALL, "one token");
	rw_buf_init(&b, (size_t)1 << 26);
	one_token(&b, LARGE);
	assert_int_equal(rw_extract(ex, b.data, b.len, NULL, &x, &err), 0);
	assert_int_equal(x.tokens, 1);
	rw_extraction_free(&x);
	rw_buf_free(&b);
}

static void
test_new_people_every_sentence(void **state)
{
	check_linear(new_people, SMALL, "a new person per sentence");
	check_linear(pronouns, SMALL, "a person, then he");
}

static void
test_list_items(void **state)
{
	check_linear(line_items, SMALL, "list items with dates");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line_without_punctuation),
		cmocka_unit_test(test_capitalised_words),
		cmocka_unit_test(test_repeated_trigger_phrase),
		cmocka_unit_test(test_brackets),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_digit_runs),
		cmocka_unit_test(test_one_long_token),
		cmocka_unit_test(test_new_people_every_sentence),
		cmocka_unit_test(test_list_items),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("extract-linear", tests, setup,
	    teardown);
}
