/* cmd-ingest.c: `refuge ingest`, files and folders into the store.
 *
 * The paths are walked first, so the progress bar knows the total; paths
 * that cannot be walked are recorded as failed attempts. Each file is then
 * ingested in its own transaction (see src/ingest/ingest.h) and read for
 * incidents, which wait for review as `proposed`; a summary counts what
 * became of every file. Exit status 0 only when nothing failed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "core/array.h"
#include "ingest/ingest.h"
#include "ingest/walk.h"

/* Sources stored between two index updates, and between two compactions
 * of the near-duplicate index during a long run; a run that stored at
 * least OPTIMIZE_AFTER sources compacts both indexes at its end. */
#define INDEX_EVERY 500
#define OPTIMIZE_NEAR_EVERY 10000
#define OPTIMIZE_AFTER 1000

struct file_list {
	char **paths;
	size_t count, cap;
};

struct failure {
	char *path;
	char *reason;
};

struct batch {
	struct cli *cli;
	struct rw_store *store;
	struct rw_ingest_options opt;
	struct progress progress;
	struct file_list files;
	struct failure *failures;
	size_t failure_count, failure_cap;
	size_t counts[RW_ATTEMPT_FAILED + 1];
	size_t warnings;
	struct rw_extractor *extractor; /* made once per run, or NULL */
	size_t incidents_new, incidents_merged;
	size_t next_near_optimize; /* stored count that compacts the band index */
	int store_broken;
};

static int
add_file(const char *path, void *ctx)
{
	struct file_list *fl = &((struct batch *)ctx)->files;

	if (rw_array_room(fl->paths, fl->count, fl->cap, 256) < 0)
		return 1;
	fl->paths[fl->count] = strdup(path);
	if (fl->paths[fl->count] == NULL)
		return 1;
	fl->count++;
	return 0;
}

static void
note_failure(struct batch *b, const char *path, const char *reason)
{
	char line[2 * RW_ERROR_MESSAGE_MAX];

	b->counts[RW_ATTEMPT_FAILED]++;
	snprintf(line, sizeof(line), "refuge ingest: %s: %s", path, reason);
	progress_note(&b->progress, line);
	if (rw_array_room(b->failures, b->failure_count, b->failure_cap,
	    16) < 0)
		return;
	b->failures[b->failure_count].path = strdup(path);
	b->failures[b->failure_count].reason = strdup(reason);
	b->failure_count++;
}

static int
walk_problem(const char *path, const char *problem, void *ctx)
{
	struct batch *b = ctx;
	struct rw_ingest_result res;
	struct rw_error err;

	note_failure(b, path, problem);
	rw_error_clear(&err);
	if (rw_ingest_record_failure(b->store, path, problem, &b->opt, &res,
	    &err) < 0) {
		cli_error(b->cli, "%s", err.message);
		b->store_broken = 1;
		return 1;
	}
	return 0;
}

static const char *
status_label(const struct rw_ingest_result *res, char *buf, size_t len)
{
	switch (res->status) {
	case RW_ATTEMPT_NEW:
		snprintf(buf, len, "new #%lld", (long long)res->source_id);
		break;
	case RW_ATTEMPT_DUPLICATE:
		snprintf(buf, len, "duplicate #%lld", (long long)res->source_id);
		break;
	case RW_ATTEMPT_NEAR_DUPLICATE:
		snprintf(buf, len, "near-dup of #%lld",
		    (long long)res->near_duplicate_of);
		break;
	case RW_ATTEMPT_FAILED:
		snprintf(buf, len, "failed");
		break;
	}
	return buf;
}

static void
ingest_one(struct batch *b, const char *path)
{
	struct rw_ingest_result res;
	struct rw_error err;
	char label[48], line[2 * RW_ERROR_MESSAGE_MAX];

	rw_error_clear(&err);
	if (rw_ingest_file(b->store, path, &b->opt, &res, &err) < 0) {
		cli_error(b->cli, "%s: %s", path, err.message);
		b->store_broken = 1;
		return;
	}
	if (res.status == RW_ATTEMPT_FAILED)
		note_failure(b, path, res.reason);
	else
		b->counts[res.status]++;
	if (res.extracted) {
		b->incidents_new += res.extraction.created;
		b->incidents_merged += res.extraction.merged;
	}
	if (res.warning[0] != '\0') {
		b->warnings++;
		snprintf(line, sizeof(line), "refuge ingest: %s: warning: %s", path,
		    res.warning);
		progress_note(&b->progress, line);
	}
	progress_step(&b->progress, path, status_label(&res, label,
	    sizeof(label)), res.bytes);
}

/* Writes the search and near-duplicate indexes of what was stored, and
 * compacts those named in optimize. */
static void
index_now(struct batch *b, int optimize)
{
	struct rw_error err;

	rw_error_clear(&err);
	if (b->store_broken)
		return;
	if (rw_store_index_pending(b->store, 0, NULL, &err) < 0 ||
	    (optimize != 0 && rw_store_optimize(b->store, optimize, &err) < 0)) {
		cli_error(b->cli, "%s", err.message);
		b->store_broken = 1;
	}
}

static size_t
stored_count(const struct batch *b)
{
	return b->counts[RW_ATTEMPT_NEW] + b->counts[RW_ATTEMPT_NEAR_DUPLICATE];
}

/* RW_OPTIMIZE_NEAR once every OPTIMIZE_NEAR_EVERY stored sources. */
static int
near_optimize_due(struct batch *b)
{
	if (stored_count(b) < b->next_near_optimize)
		return 0;
	b->next_near_optimize += OPTIMIZE_NEAR_EVERY;
	return RW_OPTIMIZE_NEAR;
}

static void
print_summary(const struct batch *b)
{
	size_t total = 0;

	for (size_t i = 0; i <= RW_ATTEMPT_FAILED; i++)
		total += b->counts[i];
	printf("%zu file%s: %zu new, %zu duplicate, %zu near-duplicate, "
	    "%zu failed", total, total == 1 ? "" : "s",
	    b->counts[RW_ATTEMPT_NEW], b->counts[RW_ATTEMPT_DUPLICATE],
	    b->counts[RW_ATTEMPT_NEAR_DUPLICATE], b->counts[RW_ATTEMPT_FAILED]);
	if (b->warnings > 0)
		printf(" (%zu with warnings)", b->warnings);
	putchar('\n');
	if (b->extractor != NULL)
		printf("incidents: %zu new, awaiting review; %zu more report%s of "
		    "incidents already stored\n", b->incidents_new,
		    b->incidents_merged, b->incidents_merged == 1 ? "" : "s");
	for (size_t i = 0; i < b->failure_count; i++)
		printf("  failed: %s: %s\n", b->failures[i].path,
		    b->failures[i].reason);
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->files.count; i++)
		free(b->files.paths[i]);
	free(b->files.paths);
	for (size_t i = 0; i < b->failure_count; i++) {
		free(b->failures[i].path);
		free(b->failures[i].reason);
	}
	free(b->failures);
	rw_extractor_free(b->extractor);
	rw_store_close(b->store);
}

static int
parse_options(struct batch *b, int argc, char **argv, char published[11])
{
	static const struct option options[] = {
		{"title", required_argument, NULL, 't'},
		{"url", required_argument, NULL, 'u'},
		{"publisher", required_argument, NULL, 'p'},
		{"published", required_argument, NULL, 'P'},
		{"max-size", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char **target;
	long mb;
	int c;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 't': target = &b->opt.title; break;
		case 'u': target = &b->opt.url; break;
		case 'p': target = &b->opt.publisher; break;
		case 'P':
			if (cli_date_option(b->cli, "--published", optarg,
			    published) != 0)
				return EXIT_USAGE;
			b->opt.published = published;
			continue;
		case 'm':
			if (cli_int_option(b->cli, "--max-size", optarg, 1, 4096,
			    &mb) != 0)
				return EXIT_USAGE;
			b->opt.max_bytes = (size_t)mb << 20;
			continue;
		case 'h':
			cli_help("ingest");
			return 0;
		default:
			return cli_bad_option(b->cli, argv);
		}
		if (!cli_text_ok(optarg) || strlen(optarg) > 2000)
			return cli_usage(b->cli, "--%s must be printable UTF-8 of "
			    "at most 2000 bytes", c == 't' ? "title" :
			    c == 'u' ? "url" : "publisher");
		*target = optarg;
	}
	if (optind == argc)
		return cli_usage(b->cli, "name at least one file or folder");
	return -1;
}

int
cmd_ingest(struct cli *cli, int argc, char **argv)
{
	struct batch b;
	struct rw_error err;
	char published[11];
	int r, first, finish;

	memset(&b, 0, sizeof(b));
	b.cli = cli;
	b.opt.user = cli_user();
	b.opt.max_bytes = RW_INGEST_MAX_BYTES_DEFAULT;
	r = parse_options(&b, argc, argv, published);
	if (r >= 0)
		return r;
	first = optind;
	b.store = cli_open_store(cli, 0);
	if (b.store == NULL)
		return 1;
	rw_error_clear(&err);
	if (rw_extractor_new(&b.extractor, &err) < 0) {
		cli_error(cli, "cannot load the extraction rules (%s): sources are "
		    "stored without incidents; `refuge extract --all` reads them "
		    "later", err.message);
		b.extractor = NULL;
	}
	b.opt.extractor = b.extractor;
	progress_start(&b.progress, 0);
	for (int i = first; i < argc && !b.store_broken; i++)
		if (rw_walk(argv[i], add_file, walk_problem, &b) != 0 &&
		    !b.store_broken) {
			cli_error(cli, "out of memory listing %s", argv[i]);
			b.store_broken = 1;
		}
	b.progress.total = b.files.count;
	index_now(&b, 0);
	b.next_near_optimize = OPTIMIZE_NEAR_EVERY;
	for (size_t i = 0; i < b.files.count && !b.store_broken; i++) {
		ingest_one(&b, b.files.paths[i]);
		if ((i + 1) % INDEX_EVERY == 0)
			index_now(&b, near_optimize_due(&b));
	}
	finish = stored_count(&b) >= OPTIMIZE_AFTER ?
	    RW_OPTIMIZE_NEAR | RW_OPTIMIZE_SEARCH : 0;
	if (finish != 0)
		progress_note(&b.progress, "compacting the search indexes after "
		    "a large batch");
	index_now(&b, finish);
	progress_end(&b.progress);
	print_summary(&b);
	r = b.store_broken || b.counts[RW_ATTEMPT_FAILED] > 0;
	if (!b.store_broken && cli_cases_refresh(cli, b.store))
		r = 1;
	batch_free(&b);
	return r;
}
