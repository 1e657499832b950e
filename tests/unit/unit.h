/* unit.h: what the unit test files share (temporary folders, files, TAP).
 *
 * Include after <cmocka.h>'s prerequisites. Every helper fails the current
 * test (cmocka fail_msg) rather than returning an error. */
#ifndef RW_TESTS_UNIT_H
#define RW_TESTS_UNIT_H

#include <stddef.h>

/* Makes cmocka 1.1.5's TAP output valid for meson: it prints a skipped case
 * as "not ok N # SKIP", which meson counts as a failure, so the process
 * forks and the parent rewrites those lines to "ok N # SKIP" while the
 * child runs the tests. Call first in main(). */
void unit_tap_filter(void);

/* A new empty folder under $TMPDIR (or /tmp); caller frees the name and
 * removes the folder with unit_rmtree. */
char *unit_tmpdir(void);

/* Removes path and everything below it, without following links. */
void unit_rmtree(const char *path);

/* dir + "/" + name, malloc'd. */
char *unit_path(const char *dir, const char *name);

/* Writes len bytes to path (created or truncated). */
void unit_write_file(const char *path, const void *data, size_t len);

/* Reads the whole file; *ret_len receives its size. Caller frees. */
char *unit_read_file(const char *path, size_t *ret_len);

#endif
