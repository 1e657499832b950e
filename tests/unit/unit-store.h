/* unit-store.h: store fixtures the unit test files share: a source stored
 * from a text, and direct reads and writes of the SQLite file (to look
 * at what the store wrote, or to damage it on purpose).
 *
 * Include after <cmocka.h>'s prerequisites. Every helper fails the current
 * test (cmocka fail_msg) rather than returning an error, except
 * unit_store_new, which setup functions call. */
#ifndef RW_TESTS_UNIT_STORE_H
#define RW_TESTS_UNIT_STORE_H

#include <stdint.h>

#include "store/store.h"

/* A cmocka group setup for files whose stores hash and seal: starts
 * libsodium (rw_crypto_init). */
int unit_crypto_setup(void **state);

/* A new store in a temporary folder: dir/data, its database file
 * dir/data/refuge.db. */
struct unit_store {
	char *dir, *data, *db;
	struct rw_store *store;
};

/* Makes one (NULL, and the error printed, when the store does not
 * open); unit_store_free closes the store and removes the folder. */
struct unit_store *unit_store_new(void);
void unit_store_free(struct unit_store *s);

/* Stores text as a plain-text source at path; returns its id. */
int64_t unit_add_source(struct rw_store *store, const char *path,
    const char *text);

/* How many problems rw_store_check finds in store (each printed). */
int unit_store_problems(struct rw_store *store);

/* The first column of the first row sql gives on the database file db
 * (opened read-only), or 0 when there is no row. */
int64_t unit_db_int(const char *db, const char *sql);

/* The same, as text (malloc'd; NULL when no row or a NULL value). */
char *unit_db_text(const char *db, const char *sql);

/* Runs sql on the database file db, behind the store's back. */
void unit_db_exec(const char *db, const char *sql);

#endif
