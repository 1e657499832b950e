/* test-array.c: growing arrays (core/array.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/array.h"
#include "core/error.h"
#include "unit.h"

struct pair {
	int a, b;
};

static void
test_first_room_takes_first_size(void **state)
{
	struct pair *items = NULL;
	size_t cap = 0;

	assert_int_equal(rw_array_room(items, 0, cap, 4), 0);
	assert_non_null(items);
	assert_int_equal(cap, 4);
	items[3].b = 7; /* all four are usable */
	free(items);
}

static void
test_doubles_only_when_full(void **state)
{
	int *items = NULL;
	size_t cap = 0, n;

	for (n = 0; n < 100; n++) {
		assert_int_equal(rw_array_room(items, n, cap, 8), 0);
		items[n] = (int)n;
		assert_true(n < cap);
	}
	assert_int_equal(cap, 128);
	for (n = 0; n < 100; n++)
		assert_int_equal(items[n], (int)n);
	assert_int_equal(rw_array_room(items, 100, cap, 8), 0);
	assert_int_equal(cap, 128);
	free(items);
}

static void
test_overflow_refused_and_array_kept(void **state)
{
	struct pair *items = NULL;
	size_t cap = 0;

	assert_int_equal(rw_array_room(items, 0, cap, 2), 0);
	items[0].a = 5;
	cap = SIZE_MAX / 4; /* pretend: doubling would overflow */
	assert_int_equal(rw_array_grow((void **)&items, &cap, cap,
	    sizeof(*items), 2), RW_ENOMEM);
	assert_int_equal(cap, SIZE_MAX / 4);
	assert_int_equal(items[0].a, 5);
	free(items);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_room_takes_first_size),
		cmocka_unit_test(test_doubles_only_when_full),
		cmocka_unit_test(test_overflow_refused_and_array_kept),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("array", tests, NULL, NULL);
}
