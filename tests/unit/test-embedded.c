/* test-embedded.c: files compiled into the binary (core/embedded.h), with
 * the real table of SQLite migrations that tools/embed.py generates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/embedded.h"
#include "unit.h"

/* Generated into sqlite-migrations.c; declared there only. */
extern const struct rw_embedded rw_sqlite_migrations[];

static const struct rw_embedded table[] = {
	{"a.txt", "alpha", 5},
	{"b.sql", "", 0},
	{"a.txt", "shadowed", 8},
	{NULL, NULL, 0},
};

static void
test_find_in_table(void **state)
{
	const struct rw_embedded *e = rw_embedded_find(table, "a.txt");

	assert_ptr_equal(e, &table[0]); /* the first of two with that name */
	assert_string_equal(e->data, "alpha");
	e = rw_embedded_find(table, "b.sql");
	assert_ptr_equal(e, &table[1]);
	assert_int_equal(e->size, 0);
}

static void
test_find_missing(void **state)
{
	static const struct rw_embedded empty[] = {{NULL, NULL, 0}};

	assert_null(rw_embedded_find(table, "c.txt"));
	assert_null(rw_embedded_find(table, "a.tx"));
	assert_null(rw_embedded_find(table, "A.TXT"));
	assert_null(rw_embedded_find(table, ""));
	assert_null(rw_embedded_find(empty, "a.txt"));
}

static void
test_generated_migrations(void **state)
{
	const struct rw_embedded *e =
	    rw_embedded_find(rw_sqlite_migrations, "0001-sources.sql");
	size_t n = 0;

	assert_non_null(e);
	assert_int_equal(e->size, strlen(e->data));
	assert_true(strncmp(e->data, "-- 0001-sources.sql", 19) == 0);
	assert_non_null(strstr(e->data, "CREATE TABLE source ("));
	assert_non_null(strstr(e->data, "USING fts5("));
	/* Every entry is named in order, NUL-terminated and sized. */
	for (const struct rw_embedded *m = rw_sqlite_migrations; m->name != NULL;
	    m++, n++) {
		assert_int_equal(m->size, strlen(m->data));
		if (n > 0)
			assert_true(strcmp(m[-1].name, m->name) < 0);
	}
	assert_true(n >= 1);
	assert_ptr_equal(&rw_sqlite_migrations[0], e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_in_table),
		cmocka_unit_test(test_find_missing),
		cmocka_unit_test(test_generated_migrations),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("embedded", tests, NULL, NULL);
}
