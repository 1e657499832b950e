/* cmd-search.c: `refuge search`, ranked full-text search of sources.
 *
 * The query uses the full-text syntax (words, "phrases", prefix*, AND, OR,
 * NOT). A query that does not parse, such as one with an unbalanced quote,
 * is searched again as plain words, with a note saying so. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "store/source-json.h"

#define QUERY_MAX 4096

struct hits {
	int json, tty, count, windowed;
};

static int
print_hit(const struct rw_search_hit *hit, void *ctx)
{
	struct hits *h = ctx;
	const struct rw_source *s = hit->source;

	h->count++;
	h->windowed |= hit->windowed;
	if (h->json) {
		cli_print_json(rw_hit_to_json(hit));
		return 0;
	}
	printf("%d. %s\n   source %lld, %s, %s, score %.3g%s\n   %s\n   ",
	    h->count, s->title != NULL ? s->title : "(untitled)",
	    (long long)s->id, s->publisher != NULL ? s->publisher : "unknown publisher",
	    s->published != NULL ? s->published : "undated", hit->score,
	    s->near_duplicate_of != 0 ? ", near-duplicate" : "", s->path);
	cli_print_marked(stdout, hit->snippet != NULL ? hit->snippet : "", h->tty);
	fputs("\n\n", stdout);
	return 0;
}

/* Rewrites query as plain words: each word becomes a quoted phrase. */
static int
plain_words(const char *query, struct rw_buf *out)
{
	const char *p = query;
	int r = RW_OK;

	while (*p != '\0' && r == RW_OK) {
		size_t len;

		while (*p == ' ' || *p == '"')
			p++;
		len = strcspn(p, " \"");
		if (len == 0)
			break;
		if (out->len > 0)
			r = rw_buf_append_char(out, ' ');
		if (r == RW_OK)
			r = rw_buf_appendf(out, "\"%.*s\"", (int)len, p);
		p += len;
	}
	return r;
}

static int
join_words(int argc, char **argv, struct rw_buf *query)
{
	for (int i = 0; i < argc; i++) {
		if (i > 0 && rw_buf_append_char(query, ' ') < 0)
			return RW_ETOOBIG;
		if (rw_buf_append_str(query, argv[i]) < 0)
			return RW_ETOOBIG;
	}
	return RW_OK;
}

static int
run_search(struct cli *cli, struct rw_store *store, struct rw_search_query *q,
    struct hits *h)
{
	struct rw_buf plain;
	struct rw_error err;
	int r;

	rw_error_clear(&err);
	r = rw_store_search(store, q, print_hit, h, &err);
	if (r != RW_EQUERY || h->count > 0)
		goto done;
	rw_buf_init(&plain, 2 * QUERY_MAX);
	if (plain_words(q->match, &plain) == RW_OK && plain.len > 0) {
		fprintf(stderr, "refuge search: the query is not valid search "
		    "syntax; searching for the words as written\n");
		q->match = plain.data;
		rw_error_clear(&err);
		r = rw_store_search(store, q, print_hit, h, &err);
	}
	rw_buf_free(&plain);
done:
	if (r < 0)
		cli_error(cli, "%s", err.message);
	return r;
}

int
cmd_search(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"limit", required_argument, NULL, 'l'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"publisher", required_argument, NULL, 'p'},
		{"all", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct rw_search_query q = {NULL, NULL, NULL, NULL, 20, 0, 0};
	struct hits h = {0, isatty(STDOUT_FILENO), 0, 0};
	char since[11], until[11];
	struct rw_store *store;
	struct rw_buf query;
	long limit;
	int c, r;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'j': h.json = 1; break;
		case 'a': q.all = 1; break;
		case 'l':
			if (cli_int_option(cli, "--limit", optarg, 1, 1000, &limit))
				return EXIT_USAGE;
			q.limit = (int)limit;
			break;
		case 's':
			if (cli_date_option(cli, "--since", optarg, since))
				return EXIT_USAGE;
			q.since = since;
			break;
		case 'u':
			if (cli_date_option(cli, "--until", optarg, until))
				return EXIT_USAGE;
			q.until = until;
			break;
		case 'p':
			if (!cli_text_ok(optarg))
				return cli_usage(cli, "--publisher must be printable UTF-8");
			q.publisher = optarg;
			break;
		case 'h': return cli_help("search");
		default: return cli_bad_option(cli, argv);
		}
	}
	if (optind == argc)
		return cli_usage(cli, "give the words to search for");
	rw_buf_init(&query, QUERY_MAX);
	if (join_words(argc - optind, argv + optind, &query) < 0 ||
	    !cli_text_ok(query.data)) {
		rw_buf_free(&query);
		return cli_usage(cli, "the query must be printable UTF-8 of at most "
		    "%d bytes", QUERY_MAX);
	}
	q.match = query.data;
	store = cli_open_store(cli, 0);
	if (store == NULL) {
		rw_buf_free(&query);
		return 1;
	}
	r = run_search(cli, store, &q, &h);
	if (r == 0 && h.count == 0 && !h.json)
		fprintf(stderr, "refuge search: no source matches\n");
	if (h.windowed)
		fprintf(stderr, "refuge search: more than %d sources match; these "
		    "are the best among the %d most recently ingested (narrow the "
		    "query, or give --all to rank every match)\n", RW_SEARCH_WINDOW,
		    RW_SEARCH_WINDOW);
	rw_store_close(store);
	rw_buf_free(&query);
	return r < 0 ? 1 : 0;
}
