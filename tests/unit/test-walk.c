/* test-walk.c: expanding ingest paths into files (ingest/walk.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/walk.h"
#include "unit.h"

#define MAX_SEEN 256

/* What a walk reported, paths made relative to the temporary folder. */
struct seen {
	const char *root;
	char *files[MAX_SEEN];
	char *problems[MAX_SEEN]; /* "path: problem" */
	int nfiles, nproblems;
	int stop_after; /* stop (return 7) after this many files, or 0 */
};

static const char *
relative(const struct seen *s, const char *path)
{
	size_t n = strlen(s->root);

	if (strncmp(path, s->root, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static int
on_file(const char *path, void *ctx)
{
	struct seen *s = ctx;

	assert_true(s->nfiles < MAX_SEEN);
	s->files[s->nfiles++] = strdup(relative(s, path));
	if (s->stop_after != 0 && s->nfiles == s->stop_after)
		return 7;
	return 0;
}

static int
on_problem(const char *path, const char *problem, void *ctx)
{
	struct seen *s = ctx;
	char line[1024];

	assert_true(s->nproblems < MAX_SEEN);
	snprintf(line, sizeof(line), "%s: %s", relative(s, path), problem);
	s->problems[s->nproblems++] = strdup(line);
	return 0;
}

static void
seen_free(struct seen *s)
{
	for (int i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	for (int i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	memset(s, 0, sizeof(*s));
}

/* Checks the files reported, in order, against a NULL-terminated list. */
static void
check_list(char *const *got, int n, const char *const *want)
{
	int i;

	for (i = 0; want[i] != NULL; i++) {
		if (i >= n)
			fail_msg("missing \"%s\" (only %d reported)", want[i], n);
		if (strcmp(got[i], want[i]) != 0)
			fail_msg("entry %d is \"%s\", not \"%s\"", i, got[i], want[i]);
	}
	if (i != n)
		fail_msg("%d reported, %d expected; extra \"%s\"", n, i, got[i]);
}

struct fixture {
	char *dir;
};

static void
mk(const char *dir, const char *name)
{
	char *path = unit_path(dir, name);

	if (mkdir(path, 0700) != 0)
		fail_msg("mkdir %s", path);
	free(path);
}

static void
put(const char *dir, const char *name)
{
	char *path = unit_path(dir, name);

	unit_write_file(path, name, strlen(name));
	free(path);
}

static void
link_to(const char *dir, const char *target, const char *name)
{
	char *path = unit_path(dir, name);

	if (symlink(target, path) != 0)
		fail_msg("symlink %s -> %s", path, target);
	free(path);
}

/* Builds:
 *   b.txt a.txt A.txt 10.txt 9.txt .hidden.txt
 *   c/z.txt c/.secret c/d/deep.txt
 *   .git/config
 *   empty/ */
static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	f->dir = unit_tmpdir();
	put(f->dir, "b.txt");
	put(f->dir, "a.txt");
	put(f->dir, "A.txt");
	put(f->dir, "10.txt");
	put(f->dir, "9.txt");
	put(f->dir, ".hidden.txt");
	mk(f->dir, "c");
	put(f->dir, "c/z.txt");
	put(f->dir, "c/.secret");
	mk(f->dir, "c/d");
	put(f->dir, "c/d/deep.txt");
	mk(f->dir, ".git");
	put(f->dir, ".git/config");
	mk(f->dir, "empty");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unit_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void
test_name_order_and_hidden_skipped(void **state)
{
	struct fixture *f = *state;
	struct seen s = {f->dir};
	static const char *const want[] = {"10.txt", "9.txt", "A.txt", "a.txt",
	    "b.txt", "c/d/deep.txt", "c/z.txt", NULL};

	assert_int_equal(rw_walk(f->dir, on_file, on_problem, &s), 0);
	check_list(s.files, s.nfiles, want);
	assert_int_equal(s.nproblems, 0);
	seen_free(&s);
}

static void
test_trailing_slash(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "c/");
	struct seen s = {f->dir};
	static const char *const want[] = {"c/d/deep.txt", "c/z.txt", NULL};

	assert_int_equal(rw_walk(path, on_file, on_problem, &s), 0);
	check_list(s.files, s.nfiles, want);
	free(path);
	seen_free(&s);
}

static void
test_single_file(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "a.txt");
	struct seen s = {f->dir};
	static const char *const want[] = {"a.txt", NULL};

	assert_int_equal(rw_walk(path, on_file, on_problem, &s), 0);
	check_list(s.files, s.nfiles, want);
	free(path);
	seen_free(&s);
}

static void
test_hidden_path_given_explicitly(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, ".git");
	struct seen s = {f->dir};
	static const char *const want[] = {".git/config", NULL};

	/* Hidden entries are skipped inside folders, not when named. */
	assert_int_equal(rw_walk(path, on_file, on_problem, &s), 0);
	check_list(s.files, s.nfiles, want);
	free(path);
	seen_free(&s);
}

static void
test_missing_path(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "no-such-thing");
	struct seen s = {f->dir};
	static const char *const want[] = {"no-such-thing: no such file or folder",
	    NULL};

	assert_int_equal(rw_walk(path, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 0);
	check_list(s.problems, s.nproblems, want);
	free(path);
	seen_free(&s);
}

static void
test_empty_folder(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "empty");
	struct seen s = {f->dir};

	assert_int_equal(rw_walk(path, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 0);
	assert_int_equal(s.nproblems, 0);
	free(path);
	seen_free(&s);
}

static void
test_callback_stops_walk(void **state)
{
	struct fixture *f = *state;
	struct seen s = {f->dir};
	static const char *const want[] = {"10.txt", "9.txt", NULL};

	s.stop_after = 2;
	assert_int_equal(rw_walk(f->dir, on_file, on_problem, &s), 7);
	check_list(s.files, s.nfiles, want);
	seen_free(&s);
}

static int
stop_on_problem(const char *path, const char *problem, void *ctx)
{
	(*(int *)ctx)++;
	return 3;
}

static int
count_file(const char *path, void *ctx)
{
	(*(int *)ctx) += 100;
	return 0;
}

static void
test_problem_callback_stops_walk(void **state)
{
	char *dir = unit_tmpdir();
	int calls = 0;

	/* a-missing sorts first and is a dangling link: the walk stops. */
	link_to(dir, "nowhere", "a-missing");
	put(dir, "b.txt");
	assert_int_equal(rw_walk(dir, count_file, stop_on_problem, &calls), 3);
	assert_int_equal(calls, 1);
	unit_rmtree(dir);
	free(dir);
}

static void
test_symlink_loop(void **state)
{
	char *dir = unit_tmpdir();
	struct seen s = {dir};
	static const char *const files[] = {"sub/file.txt", NULL};
	static const char *const problems[] = {
	    "sub/loop-abs: symbolic link loop: leads back to a folder above it",
	    "sub/loop-up: symbolic link loop: leads back to a folder above it",
	    NULL};
	char *abs = strdup(dir);

	mk(dir, "sub");
	put(dir, "sub/file.txt");
	link_to(dir, "..", "sub/loop-up");
	link_to(dir, abs, "sub/loop-abs");
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	check_list(s.files, s.nfiles, files);
	check_list(s.problems, s.nproblems, problems);
	seen_free(&s);
	unit_rmtree(dir);
	free(abs);
	free(dir);
}

static void
test_self_link_and_dangling_link(void **state)
{
	char *dir = unit_tmpdir();
	struct seen s = {dir};
	static const char *const problems[] = {
	    "dangling: symbolic link to a path that does not exist",
	    "ping: symbolic link loop",
	    "pong: symbolic link loop",
	    "self: symbolic link loop",
	    NULL};

	link_to(dir, "self", "self");
	link_to(dir, "pong", "ping");
	link_to(dir, "ping", "pong");
	link_to(dir, "missing-target", "dangling");
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 0);
	check_list(s.problems, s.nproblems, problems);
	seen_free(&s);
	unit_rmtree(dir);
	free(dir);
}

static void
test_links_to_files_and_sibling_folders_followed(void **state)
{
	char *dir = unit_tmpdir();
	struct seen s = {dir};
	static const char *const files[] = {"data/r.txt", "link-file.txt",
	    "link-folder/r.txt", NULL};

	mk(dir, "data");
	put(dir, "data/r.txt");
	link_to(dir, "data/r.txt", "link-file.txt");
	link_to(dir, "data", "link-folder");
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	/* A folder reached twice by links is not a loop: both are walked. */
	check_list(s.files, s.nfiles, files);
	assert_int_equal(s.nproblems, 0);
	seen_free(&s);
	unit_rmtree(dir);
	free(dir);
}

static void
test_fifo_not_regular(void **state)
{
	char *dir = unit_tmpdir();
	char *fifo = unit_path(dir, "pipe");
	struct seen s = {dir};
	static const char *const problems[] = {
	    "pipe: not a regular file (device, socket or pipe)", NULL};

	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 0);
	check_list(s.problems, s.nproblems, problems);
	seen_free(&s);
	unit_rmtree(dir);
	free(fifo);
	free(dir);
}

static void
test_unreadable_folder(void **state)
{
	char *dir, *locked;
	struct seen s = {NULL};
	static const char *const problems[] = {
	    "locked: cannot open folder: Permission denied", NULL};

	if (geteuid() == 0)
		skip(); /* root reads any folder: nothing to test */
	dir = unit_tmpdir();
	s.root = dir;
	mk(dir, "locked");
	put(dir, "locked/x.txt");
	locked = unit_path(dir, "locked");
	assert_int_equal(chmod(locked, 0), 0);
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 0);
	check_list(s.problems, s.nproblems, problems);
	chmod(locked, 0700);
	seen_free(&s);
	unit_rmtree(dir);
	free(locked);
	free(dir);
}

static void
test_depth_limit(void **state)
{
	char *dir = unit_tmpdir();
	char path[4096], want_problem[4096];
	struct seen s = {dir};
	size_t len = 0;

	/* 70 nested folders, a file in the 60th and one in the 70th. */
	path[0] = '\0';
	for (int i = 0; i < 70; i++) {
		len += (size_t)snprintf(path + len, sizeof(path) - len, "%sd",
		    i ? "/" : "");
		mk(dir, path);
		if (i == 59) {
			char name[4096];

			snprintf(name, sizeof(name), "%s/f60.txt", path);
			put(dir, name);
		}
	}
	assert_int_equal(rw_walk(dir, on_file, on_problem, &s), 0);
	assert_int_equal(s.nfiles, 1);
	assert_non_null(strstr(s.files[0], "/f60.txt"));
	/* The root is level 1: the 64th folder below it is not walked. */
	assert_int_equal(s.nproblems, 1);
	len = 0;
	for (int i = 0; i < 64; i++)
		len += (size_t)snprintf(want_problem + len, sizeof(want_problem) - len,
		    "%sd", i ? "/" : "");
	snprintf(want_problem + len, sizeof(want_problem) - len,
	    ": folders nested deeper than %d levels are not walked",
	    RW_WALK_DEPTH_MAX);
	assert_string_equal(s.problems[0], want_problem);
	seen_free(&s);
	unit_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_order_and_hidden_skipped),
		cmocka_unit_test(test_trailing_slash),
		cmocka_unit_test(test_single_file),
		cmocka_unit_test(test_hidden_path_given_explicitly),
		cmocka_unit_test(test_missing_path),
		cmocka_unit_test(test_empty_folder),
		cmocka_unit_test(test_callback_stops_walk),
		cmocka_unit_test(test_problem_callback_stops_walk),
		cmocka_unit_test(test_symlink_loop),
		cmocka_unit_test(test_self_link_and_dangling_link),
		cmocka_unit_test(test_links_to_files_and_sibling_folders_followed),
		cmocka_unit_test(test_fifo_not_regular),
		cmocka_unit_test(test_unreadable_folder),
		cmocka_unit_test(test_depth_limit),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("walk", tests, setup, teardown);
}
