/* test-neardup.c: MinHash signatures for republished stories
 * (ingest/neardup.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/neardup.h"
#include "unit.h"

struct sig {
	uint64_t minhash[RW_MINHASH_SIZE];
	uint64_t bands[RW_MINHASH_BANDS];
};

static void
sign(const char *text, struct sig *s)
{
	rw_minhash_compute(text, strlen(text), s->minhash, s->bands);
}

static int
shared_bands(const struct sig *a, const struct sig *b)
{
	int n = 0;

	for (int i = 0; i < RW_MINHASH_BANDS; i++)
		n += a->bands[i] == b->bands[i];
	return n;
}

/* A text of n words "w<seed>_<i>", all distinct; caller frees. */
static char *
words(int seed, int n)
{
	size_t cap = (size_t)n * 16 + 1, len = 0;
	char *t = malloc(cap);

	assert_non_null(t);
	t[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(t + len, cap - len, "%sw%dx%d", i ? " " : "",
		    seed, i);
	return t;
}

static const char story[] =
    "Authorities carried out mass deportations of Syrian refugees across "
    "the border in October, according to testimonies collected by lawyers. "
    "Those deported said they had been forced to sign voluntary return "
    "forms, beaten, and driven to the frontier at night without access to "
    "an interpreter or the chance to claim asylum. Families were separated "
    "and several minors were among those returned, the report says.";

static void
test_deterministic(void **state)
{
	struct sig a, b;

	sign(story, &a);
	sign(story, &b);
	assert_memory_equal(a.minhash, b.minhash, sizeof(a.minhash));
	assert_memory_equal(a.bands, b.bands, sizeof(a.bands));
	assert_true(rw_minhash_similarity(a.minhash, b.minhash) == 1.0);
	assert_int_equal(shared_bands(&a, &b), RW_MINHASH_BANDS);
}

static void
test_case_and_punctuation_ignored(void **state)
{
	struct sig a, b;

	sign("The quick, brown fox -- jumps over; the LAZY dog!", &a);
	sign("the quick brown fox jumps over the lazy dog", &b);
	assert_memory_equal(a.minhash, b.minhash, sizeof(a.minhash));
	assert_memory_equal(a.bands, b.bands, sizeof(a.bands));
}

static void
test_only_length_given_is_read(void **state)
{
	uint64_t a[RW_MINHASH_SIZE], b[RW_MINHASH_SIZE];
	uint64_t ba[RW_MINHASH_BANDS], bb[RW_MINHASH_BANDS];
	const char *t = "one two three four five six";

	rw_minhash_compute(t, 13, a, ba);           /* "one two three" */
	rw_minhash_compute("one two three", 13, b, bb);
	assert_memory_equal(a, b, sizeof(a));
	assert_memory_equal(ba, bb, sizeof(ba));
}

static void
test_unrelated_texts_differ(void **state)
{
	char *t1 = words(1, 300), *t2 = words(2, 300);
	struct sig a, b;
	double sim;

	sign(t1, &a);
	sign(t2, &b);
	sim = rw_minhash_similarity(a.minhash, b.minhash);
	assert_true(sim < 0.1);
	assert_true(sim < RW_NEAR_DUPLICATE_SIMILARITY);
	free(t1);
	free(t2);
}

static void
test_small_edit_is_near_duplicate(void **state)
{
	char *t1 = words(3, 400), *t2 = strdup(t1);
	struct sig a, b;
	char *w;

	/* Republished with one word changed near the middle. */
	assert_non_null(t2);
	w = strstr(t2, " w3x200 ");
	assert_non_null(w);
	memcpy(w + 1, "edited", 6);
	sign(t1, &a);
	sign(t2, &b);
	assert_true(rw_minhash_similarity(a.minhash, b.minhash) >=
	    RW_NEAR_DUPLICATE_SIMILARITY);
	assert_true(shared_bands(&a, &b) >= 1);
	free(t1);
	free(t2);
}

static void
test_republished_with_boilerplate(void **state)
{
	char text[2048];
	struct sig a, b;

	snprintf(text, sizeof(text), "BREAKING: %s Share this story. Donate "
	    "today.", story);
	sign(story, &a);
	sign(text, &b);
	assert_true(rw_minhash_similarity(a.minhash, b.minhash) >=
	    RW_NEAR_DUPLICATE_SIMILARITY);
	assert_true(shared_bands(&a, &b) >= 1);
}

static void
test_similarity_range_and_symmetry(void **state)
{
	char *t1 = words(4, 100), *t2 = words(4, 150);
	struct sig a, b;
	double ab, ba;

	sign(t1, &a);
	sign(t2, &b);
	ab = rw_minhash_similarity(a.minhash, b.minhash);
	ba = rw_minhash_similarity(b.minhash, a.minhash);
	assert_true(ab == ba);
	assert_true(ab >= 0.0 && ab <= 1.0);
	/* Jaccard of the shingle sets is 98/148, about 0.66. */
	assert_true(ab > 0.4 && ab < 0.9);
	free(t1);
	free(t2);
}

static void
test_empty_text(void **state)
{
	struct sig a;

	sign("", &a);
	for (int i = 0; i < RW_MINHASH_SIZE; i++)
		assert_true(a.minhash[i] == UINT64_MAX);
	sign(" ,.;!? \n\t", &a);
	for (int i = 0; i < RW_MINHASH_SIZE; i++)
		assert_true(a.minhash[i] == UINT64_MAX);
}

static void
test_non_ascii_words(void **state)
{
	struct sig a, b, c;

	/* Bytes of UTF-8 letters are part of words. */
	sign("Sürgün edilen mülteciler gözaltına alındı", &a);
	sign("Sürgün edilen mülteciler gözaltına alındı", &b);
	sign("Surgun edilen multeciler gozaltina alindi", &c);
	assert_memory_equal(a.minhash, b.minhash, sizeof(a.minhash));
	assert_true(rw_minhash_similarity(a.minhash, c.minhash) < 0.5);
}

static void
test_short_texts_use_every_word(void **state)
{
	struct sig a, b;

	/* Regression test for a bug found when this test was written. */
	sign("Granted asylum", &a);
	sign("Denied asylum", &b);
	assert_true(rw_minhash_similarity(a.minhash, b.minhash) <
	    RW_NEAR_DUPLICATE_SIMILARITY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_case_and_punctuation_ignored),
		cmocka_unit_test(test_only_length_given_is_read),
		cmocka_unit_test(test_unrelated_texts_differ),
		cmocka_unit_test(test_small_edit_is_near_duplicate),
		cmocka_unit_test(test_republished_with_boilerplate),
		cmocka_unit_test(test_similarity_range_and_symmetry),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_non_ascii_words),
		cmocka_unit_test(test_short_texts_use_every_word),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("neardup", tests, NULL, NULL);
}
