/* fuzz-main.c: replays inputs through LLVMFuzzerTestOneInput without
 * libFuzzer, so every compiler can run the stored corpus as a test.
 *
 *   fuzz-<name> FILE|DIRECTORY...
 *
 * Directories are read recursively (entries sorted, dot files skipped).
 * The output is TAP: the plan "1..N" first, after listing every input,
 * then "ok N - FILE" for each input fed to the target. An input that
 * cannot be read is "not ok". A crash or failed invariant aborts the
 * whole program, which fails the test. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

struct file_list {
	char **paths;
	size_t count, cap;
};

static int
list_add(struct file_list *l, const char *path)
{
	char *copy;

	if (l->count == l->cap) {
		size_t cap = l->cap != 0 ? l->cap * 2 : 64;
		char **paths = realloc(l->paths, cap * sizeof(*paths));

		if (paths == NULL)
			return -ENOMEM;
		l->paths = paths;
		l->cap = cap;
	}
	copy = strdup(path);
	if (copy == NULL)
		return -ENOMEM;
	l->paths[l->count++] = copy;
	return 0;
}

static int
skip_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Adds path, or every file under it when it is a directory. */
static int
list_collect(struct file_list *l, const char *path)
{
	struct dirent **entries;
	struct stat st;
	int n, r = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "fuzz-main: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	if (!S_ISDIR(st.st_mode))
		return list_add(l, path);
	n = scandir(path, &entries, skip_dot, alphasort);
	if (n < 0) {
		fprintf(stderr, "fuzz-main: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(entries[i]->d_name) + 2;
		char *child = malloc(len);

		if (child == NULL)
			r = -ENOMEM;
		else {
			snprintf(child, len, "%s/%s", path, entries[i]->d_name);
			if (r == 0)
				r = list_collect(l, child);
			free(child);
		}
		free(entries[i]);
	}
	free(entries);
	return r;
}

/* Reads path into a buffer of exactly its size, so that a sanitizer sees
 * any read past the end. */
static int
read_file(const char *path, uint8_t **ret_data, size_t *ret_size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL, *grown;
	size_t size = 0, cap = 0, n;

	if (f == NULL)
		return -errno;
	for (;;) {
		if (size == cap) {
			cap = cap != 0 ? cap * 2 : 4096;
			grown = realloc(data, cap);
			if (grown == NULL) {
				free(data);
				fclose(f);
				return -ENOMEM;
			}
			data = grown;
		}
		n = fread(data + size, 1, cap - size, f);
		size += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	/* Shrink to the exact size (at least one byte, so never NULL). */
	grown = malloc(size != 0 ? size : 1);
	if (grown == NULL) {
		free(data);
		return -ENOMEM;
	}
	memcpy(grown, data, size);
	free(data);
	*ret_data = grown;
	*ret_size = size;
	return 0;
}

int
main(int argc, char **argv)
{
	struct file_list list = {NULL, 0, 0};
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (list_collect(&list, argv[i]) < 0)
			failed = 1;

	printf("1..%zu\n", list.count);
	fflush(stdout);
	for (size_t i = 0; i < list.count; i++) {
		uint8_t *data = NULL;
		size_t size = 0;
		int r = read_file(list.paths[i], &data, &size);

		if (r < 0) {
			printf("not ok %zu - %s # cannot read: %s\n", i + 1,
			    list.paths[i], strerror(-r));
			failed = 1;
		} else {
			LLVMFuzzerTestOneInput(data, size);
			free(data);
			printf("ok %zu - %s\n", i + 1, list.paths[i]);
		}
		fflush(stdout);
		free(list.paths[i]);
	}
	free(list.paths);
	return failed ? 1 : 0;
}
