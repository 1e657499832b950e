/* cmd-sources.c: `refuge sources` and `refuge show`: reading back the
 * sources the store holds (`refuge export` is in cmd-export.c). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "store/source-json.h"

#define TITLE_COLUMN 60

static int
print_source_line(const struct rw_source *s, void *ctx)
{
	struct cli_listing *l = ctx;
	const char *title = s->title != NULL ? s->title : s->path;
	size_t cut = rw_utf8_prefix(title, strlen(title), TITLE_COLUMN);

	l->count++;
	if (l->json) {
		cli_print_json(rw_source_to_json(s));
		return 0;
	}
	printf("%6lld  %-10s  %-4s  %.*s%s", (long long)s->id,
	    s->published != NULL ? s->published : "-", s->format, (int)cut, title,
	    cut < strlen(title) ? "…" : "");
	if (s->publisher != NULL)
		printf("  (%s)", s->publisher);
	if (s->near_duplicate_of != 0)
		printf("  [near-duplicate of %lld]", (long long)s->near_duplicate_of);
	putchar('\n');
	return 0;
}

/* Parses the options of the read verbs: --json, --help. Returns -1 to
 * go on. */
static int
parse_read_options(struct cli *cli, int argc, char **argv, int *ret_json)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'j')
			*ret_json = 1;
		else if (c == 'h')
			return cli_help(cli->verb);
		else
			return cli_bad_option(cli, argv);
	}
	return -1;
}

int
cmd_sources(struct cli *cli, int argc, char **argv)
{
	struct cli_listing l = {0, 0};
	struct rw_store *store;
	struct rw_error err;
	int r = parse_read_options(cli, argc, argv, &l.json);

	if (r >= 0)
		return r;
	if (optind != argc)
		return cli_usage(cli, "takes no arguments");
	store = cli_open_store(cli, 0);
	if (store == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_source_list(store, 0, print_source_line, &l, &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (!l.json)
		printf("%zu source%s\n", l.count, l.count == 1 ? "" : "s");
	return 0;
}

static void
print_field(const char *name, const char *value)
{
	if (value != NULL)
		printf("%-12s %s\n", name, value);
}

static void
print_source(const struct rw_source *s)
{
	int page = 1;

	printf("%-12s %lld\n", "source", (long long)s->id);
	print_field("title", s->title);
	print_field("publisher", s->publisher);
	print_field("published", s->published);
	print_field("url", s->url);
	print_field("file", s->path);
	print_field("format", s->format);
	print_field("sha256", s->sha256);
	printf("%-12s %lld\n", "bytes", (long long)s->byte_size);
	print_field("ingested by", s->ingested_by);
	print_field("ingested at", s->ingested_at);
	if (s->near_duplicate_of != 0)
		printf("%-12s %lld\n", "near-dup of", (long long)s->near_duplicate_of);
	print_field("metadata", s->meta_json);
	putchar('\n');
	if (s->page_count > 0)
		printf("--- page %d ---\n", page);
	for (size_t i = 0; i < s->text_len; i++) {
		if (s->text[i] == '\f')
			printf("\n--- page %d ---\n", ++page);
		else
			putchar(s->text[i]);
	}
	putchar('\n');
}

int
cmd_show(struct cli *cli, int argc, char **argv)
{
	struct rw_source *src = NULL;
	struct rw_store *store;
	struct rw_error err;
	int json = 0, r = parse_read_options(cli, argc, argv, &json);
	long id;

	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return cli_usage(cli, "give one source id");
	if (cli_int_option(cli, "SOURCE_ID", argv[optind], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	store = cli_open_store(cli, 0);
	if (store == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_source_get(store, id, RW_SOURCE_WITH_TEXT, &src, &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (json)
		cli_print_json(rw_source_to_json(src));
	else
		print_source(src);
	rw_source_free(src);
	return 0;
}
