/* walk.c: recursive folder walk with loop detection. */
#include "ingest/walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct walk {
	rw_walk_file_cb on_file;
	rw_walk_problem_cb on_problem;
	void *ctx;
	struct stat trail[RW_WALK_DEPTH_MAX]; /* folders on the current path */
	int depth;
};

static int walk_path(struct walk *w, const char *path);

static int
not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static int
walk_dir(struct walk *w, const char *path, const struct stat *st)
{
	struct dirent **entries;
	char problem[128];
	int n, stop = 0;

	for (int i = 0; i < w->depth; i++)
		if (w->trail[i].st_dev == st->st_dev &&
		    w->trail[i].st_ino == st->st_ino)
			return w->on_problem(path,
			    "symbolic link loop: leads back to a folder above it",
			    w->ctx);
	if (w->depth == RW_WALK_DEPTH_MAX) {
		snprintf(problem, sizeof(problem),
		    "folders nested deeper than %d levels are not walked",
		    RW_WALK_DEPTH_MAX);
		return w->on_problem(path, problem, w->ctx);
	}
	n = scandir(path, &entries, not_hidden, alphasort);
	if (n < 0) {
		snprintf(problem, sizeof(problem), "cannot open folder: %s",
		    strerror(errno));
		return w->on_problem(path, problem, w->ctx);
	}
	w->trail[w->depth++] = *st;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(entries[i]->d_name) + 2;
		char *child = malloc(len);

		if (!stop && child != NULL) {
			snprintf(child, len, "%s%s%s", path,
			    path[strlen(path) - 1] == '/' ? "" : "/",
			    entries[i]->d_name);
			stop = walk_path(w, child);
		} else if (!stop) {
			stop = w->on_problem(path, "out of memory", w->ctx);
		}
		free(child);
		free(entries[i]);
	}
	free(entries);
	w->depth--;
	return stop;
}

static int
walk_path(struct walk *w, const char *path)
{
	struct stat st;
	char problem[128];

	if (stat(path, &st) < 0) {
		if (errno == ELOOP)
			return w->on_problem(path, "symbolic link loop", w->ctx);
		if (errno == ENOENT && lstat(path, &st) == 0)
			return w->on_problem(path,
			    "symbolic link to a path that does not exist", w->ctx);
		snprintf(problem, sizeof(problem), "%s",
		    errno == ENOENT ? "no such file or folder" : strerror(errno));
		return w->on_problem(path, problem, w->ctx);
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, path, &st);
	if (!S_ISREG(st.st_mode))
		return w->on_problem(path,
		    "not a regular file (device, socket or pipe)", w->ctx);
	return w->on_file(path, w->ctx);
}

int
rw_walk(const char *path, rw_walk_file_cb on_file,
    rw_walk_problem_cb on_problem, void *ctx)
{
	struct walk w = {on_file, on_problem, ctx, {{0}}, 0};

	return walk_path(&w, path);
}
