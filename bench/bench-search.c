/* bench-search.c: measures rw_store_search latency (p50/p90/p99/max) for a file of queries against an existing store. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "store/store.h"

#define DEFAULT_LIMIT 10
#define DEFAULT_SHOW_ERRORS 10
#define DEFAULT_SLOWEST 0

struct queries {
	char **q;
	size_t count;
	size_t cap;
};

struct hit_count {
	size_t hits;
};

/* Timing of one successful query. */
struct timing {
	double ms;
	size_t query; /* index in the query file */
	size_t hits;
};

static void
complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
complain(const char *fmt, ...)
{
	va_list ap;

	fputs("bench-search: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static double
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		complain("clock_gettime: %s", strerror(errno));
		exit(1);
	}
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
queries_free(struct queries *qs)
{
	size_t i;

	for (i = 0; i < qs->count; i++)
		free(qs->q[i]);
	free(qs->q);
	qs->q = NULL;
	qs->count = qs->cap = 0;
}

/* Reads one query per line; empty lines are skipped, \r\n accepted. */
static int
queries_read(const char *path, struct queries *qs)
{
	FILE *f;
	char *line = NULL;
	size_t linecap = 0;
	ssize_t n;
	int rc = -1;

	f = fopen(path, "r");
	if (f == NULL) {
		complain("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &linecap, f)) >= 0) {
		size_t len = (size_t)n;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (qs->count == qs->cap) {
			size_t cap = qs->cap ? qs->cap * 2 : 256;
			char **p = realloc(qs->q, cap * sizeof(*p));

			if (p == NULL)
				goto nomem;
			qs->q = p;
			qs->cap = cap;
		}
		qs->q[qs->count] = malloc(len + 1);
		if (qs->q[qs->count] == NULL)
			goto nomem;
		memcpy(qs->q[qs->count], line, len + 1);
		qs->count++;
	}
	if (ferror(f)) {
		complain("cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
nomem:
	complain("out of memory reading %s", path);
out:
	free(line);
	if (fclose(f) != 0 && rc == 0) {
		complain("cannot close %s: %s", path, strerror(errno));
		rc = -1;
	}
	return rc;
}

static int
count_hit(const struct rw_search_hit *hit, void *ctx)
{
	struct hit_count *hc = ctx;

	(void)hit;
	hc->hits++;
	return 0;
}

/* Runs one query; returns what rw_store_search returned. */
static int
run_query(struct rw_store *store, const char *match, int limit, int all,
    size_t *hits, struct rw_error *err)
{
	struct rw_search_query q;
	struct hit_count hc = { 0 };
	int rc;

	memset(&q, 0, sizeof(q));
	q.match = match;
	q.since = NULL;
	q.until = NULL;
	q.publisher = NULL;
	q.limit = limit;
	q.all = all;
	rw_error_clear(err);
	rc = rw_store_search(store, &q, count_hit, &hc, err);
	*hits = hc.hits;
	return rc;
}

static int
cmp_timing(const void *a, const void *b)
{
	double x = ((const struct timing *)a)->ms;
	double y = ((const struct timing *)b)->ms;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of timings sorted by ms, pct in 1..100. */
static double
percentile(const struct timing *sorted, size_t n, unsigned pct)
{
	size_t rank = (n * pct + 99) / 100; /* ceil(n * pct / 100) */

	if (rank == 0)
		rank = 1;
	return sorted[rank - 1].ms;
}

static int
parse_int(const char *s, int lo, int hi, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	*ret = (int)v;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-search [--limit N] [--show-errors N] "
	    "[--slowest N] [--all] STORE_DIR QUERIES_FILE\n"
	    "Runs every query once untimed, then once timed with "
	    "rw_store_search (limit %d),\nand prints latency percentiles in "
	    "milliseconds. --show-errors N prints the first N\nfailed queries "
	    "(default %d); --slowest N lists the N slowest queries; --all ranks\n"
	    "every match instead of the newest window (see store.h).\n",
	    DEFAULT_LIMIT, DEFAULT_SHOW_ERRORS);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct queries qs = { NULL, 0, 0 };
	struct rw_store *store = NULL;
	struct rw_error err;
	const char *dir = NULL, *qpath = NULL;
	struct timing *tm = NULL;
	double t0, sum = 0;
	size_t i, hits, total_hits = 0, no_hits = 0, errors = 0, ok = 0;
	int a, rc, limit = DEFAULT_LIMIT, show_errors = DEFAULT_SHOW_ERRORS;
	int slowest = DEFAULT_SLOWEST;
	int all = 0;
	int status = 1;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--limit") == 0 && a + 1 < argc) {
			if (parse_int(argv[++a], 1, 1000, &limit) != 0)
				usage();
		} else if (strcmp(argv[a], "--show-errors") == 0 && a + 1 < argc) {
			if (parse_int(argv[++a], 0, 1000000, &show_errors) != 0)
				usage();
		} else if (strcmp(argv[a], "--all") == 0) {
			all = 1;
		} else if (strcmp(argv[a], "--slowest") == 0 && a + 1 < argc) {
			if (parse_int(argv[++a], 0, 1000000, &slowest) != 0)
				usage();
		} else if (argv[a][0] == '-') {
			usage();
		} else if (dir == NULL) {
			dir = argv[a];
		} else if (qpath == NULL) {
			qpath = argv[a];
		} else {
			usage();
		}
	}
	if (dir == NULL || qpath == NULL)
		usage();

	if (queries_read(qpath, &qs) != 0)
		goto out;
	if (qs.count == 0) {
		complain("no queries in %s", qpath);
		goto out;
	}
	tm = calloc(qs.count, sizeof(*tm));
	if (tm == NULL) {
		complain("out of memory");
		goto out;
	}

	rw_error_clear(&err);
	rc = rw_store_open(dir, 0, &store, &err);
	if (rc != 0) {
		complain("cannot open store %s: %s", dir,
		    err.message[0] ? err.message : rw_strerror(rc));
		goto out;
	}

	/* Warm-up: every query once, untimed. */
	for (i = 0; i < qs.count; i++)
		(void)run_query(store, qs.q[i], limit, all, &hits, &err);

	for (i = 0; i < qs.count; i++) {
		t0 = now_ms();
		rc = run_query(store, qs.q[i], limit, all, &hits, &err);
		if (rc != 0) {
			if (errors < (size_t)show_errors)
				fprintf(stderr, "bench-search: query %zu failed: "
				    "%s: %s\n", i + 1, qs.q[i],
				    err.message[0] ? err.message :
				    rw_strerror(rc));
			errors++;
			continue;
		}
		tm[ok].ms = now_ms() - t0;
		tm[ok].query = i;
		tm[ok].hits = hits;
		sum += tm[ok].ms;
		ok++;
		total_hits += hits;
		if (hits == 0)
			no_hits++;
	}
	if (errors > (size_t)show_errors)
		fprintf(stderr, "bench-search: %zu more failed queries not shown\n",
		    errors - (size_t)show_errors);

	printf("store: %s (backend %s), queries from %s, limit %d\n", dir,
	    rw_store_backend_name(store), qpath, limit);
	printf("queries: %zu, errors %zu, without hits %zu, hits returned %zu\n",
	    qs.count, errors, no_hits, total_hits);
	if (ok > 0) {
		qsort(tm, ok, sizeof(*tm), cmp_timing);
		printf("latency ms (%zu successful queries): p50 %.3f, p90 %.3f, "
		    "p99 %.3f, max %.3f, mean %.3f\n", ok,
		    percentile(tm, ok, 50), percentile(tm, ok, 90),
		    percentile(tm, ok, 99), tm[ok - 1].ms, sum / (double)ok);
		for (i = 0; i < ok && i < (size_t)slowest; i++)
			printf("slow: %.3f ms, %zu hits, query %zu: %s\n",
			    tm[ok - 1 - i].ms, tm[ok - 1 - i].hits,
			    tm[ok - 1 - i].query + 1, qs.q[tm[ok - 1 - i].query]);
	} else {
		printf("latency ms (0 successful queries): p50 n/a, p90 n/a, "
		    "p99 n/a, max n/a, mean n/a\n");
	}
	status = 0;
out:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		complain("cannot write to standard output");
		status = 1;
	}
	store = rw_store_close(store);
	free(tm);
	queries_free(&qs);
	return status;
}
