/* test-extract-mentions.c: the table of name words (extract/mentions.c)
 * that ties a later single word to the person named in full before. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "extract/extract-int.h"
#include "unit.h"

static void
put(struct name_words *nw, const char *word, size_t person)
{
	assert_int_equal(name_words_put(nw, word, word_hash(word,
	    strlen(word)), person), 0);
}

static bool
get(const struct name_words *nw, const char *word, size_t *person)
{
	return name_words_get(nw, word, word_hash(word, strlen(word)), person);
}

static void
test_empty_table_names_no_one(void **state)
{
	struct name_words nw = {0};
	size_t person = 99;

	assert_false(get(&nw, "rozi", &person));
	assert_int_equal(person, 99);
	name_words_free(&nw);
}

static void
test_a_later_name_takes_the_word_over(void **state)
{
	struct name_words nw = {0};
	size_t person;

	put(&nw, "abdulla", 3);
	put(&nw, "rozi", 3);
	put(&nw, "rozi", 7);
	assert_true(get(&nw, "abdulla", &person));
	assert_int_equal(person, 3);
	assert_true(get(&nw, "rozi", &person));
	assert_int_equal(person, 7);
	assert_false(get(&nw, "roz", &person));
	assert_int_equal(nw.n, 2);
	name_words_free(&nw);
}

static void
test_words_survive_the_table_growing(void **state)
{
	static char words[1000][8];
	struct name_words nw = {0};
	size_t person;

	for (size_t i = 0; i < 1000; i++) {
		snprintf(words[i], sizeof(words[i]), "w%zu", i);
		put(&nw, words[i], i);
	}
	assert_true(nw.cap >= 2 * nw.n);
	for (size_t i = 0; i < 1000; i++) {
		assert_true(get(&nw, words[i], &person));
		assert_int_equal(person, i);
	}
	/* the same hash with another word is no match */
	assert_false(name_words_get(&nw, "other", word_hash("w5", 2), &person));
	name_words_free(&nw);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table_names_no_one),
		cmocka_unit_test(test_a_later_name_takes_the_word_over),
		cmocka_unit_test(test_words_survive_the_table_growing),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("extract-mentions", tests, NULL,
	    NULL);
}
