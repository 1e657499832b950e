/* unit.c: helpers shared by the unit tests (see unit.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

/* True for "not ok <digits> # SKIP...", cmocka 1.1.5's skipped case. */
static int
is_cmocka_skip(const char *line)
{
	const char *p = line + strlen("not ok ");

	if (strncmp(line, "not ok ", 7) != 0 || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return strncmp(p, " # SKIP", 7) == 0;
}

void
unit_tap_filter(void)
{
	char *line = NULL;
	size_t cap = 0;
	int fds[2], status;
	FILE *in;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0)
		return; /* unfiltered, but the tests still run */
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		setvbuf(stdout, NULL, _IOLBF, 0);
		return;
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	if (in == NULL)
		_exit(99);
	while (getline(&line, &cap, in) > 0) {
		fputs(is_cmocka_skip(line) ? line + strlen("not ") : line, stdout);
		fflush(stdout);
	}
	free(line);
	fclose(in);
	if (waitpid(pid, &status, 0) < 0)
		exit(99);
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	fprintf(stderr, "unit test process killed by signal %d\n",
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	exit(99);
}

char *
unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	dir = unit_path(base, "rw-unit-XXXXXX");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp in %s failed", base);
	return dir;
}

static int
remove_entry(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	if (type == FTW_DP || type == FTW_D)
		chmod(path, 0700);
	remove(path);
	return 0;
}

void
unit_rmtree(const char *path)
{
	if (path == NULL)
		return;
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *
unit_path(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	if (path == NULL)
		fail_msg("out of memory");
	snprintf(path, len, "%s/%s", dir, name);
	return path;
}

void
unit_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		fail_msg("cannot create %s", path);
	if (len > 0 && fwrite(data, 1, len, f) != len)
		fail_msg("cannot write %s", path);
	if (fclose(f) != 0)
		fail_msg("cannot close %s", path);
}

char *
unit_read_file(const char *path, size_t *ret_len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	do {
		if (len == cap) {
			cap = cap != 0 ? cap * 2 : 4096;
			data = realloc(data, cap + 1);
			if (data == NULL)
				fail_msg("out of memory");
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	data[len] = '\0';
	*ret_len = len;
	return data;
}
