/* cmd-appeal.c: `refuge appeal CASE --to host|unhcr|un`: an urgent-appeal
 * letter for a stored case (appeal/appeal.h), screened as of today, in
 * Markdown or HTML, or as JSON with its requests and legal grounds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal/appeal.h"
#include "cases/case-store.h"
#include "cli/cli.h"

enum { OPT_TO = 256, OPT_FORMAT, OPT_SENSITIVE, OPT_JSON, OPT_FORCE };

static const struct option appeal_options[] = {
	{"help", no_argument, NULL, 'h'},
	{"to", required_argument, NULL, OPT_TO},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"sensitive", no_argument, NULL, OPT_SENSITIVE},
	{"json", no_argument, NULL, OPT_JSON},
	{"force", no_argument, NULL, OPT_FORCE},
	{NULL, 0, NULL, 0},
};

struct appeal_run {
	struct cli *cli;
	struct rw_appeal_input in;
	int has_to, json, force;
	long id;
};

static int
parse(struct appeal_run *run, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "h", appeal_options, NULL)) != -1)
		switch (c) {
		case 'h': return cli_help("appeal") == 0 ? -2 : 1;
		case OPT_TO:
			if (!rw_appeal_to_parse(optarg, &run->in.to))
				return cli_usage(run->cli, "--to is one of "
				    "host, unhcr, un");
			run->has_to = 1;
			break;
		case OPT_FORMAT:
			if (!rw_tpl_format_parse(optarg, &run->in.format))
				return cli_usage(run->cli, "--format is md "
				    "or html");
			break;
		case OPT_SENSITIVE: run->in.sensitive = true; break;
		case OPT_JSON: run->json = 1; break;
		case OPT_FORCE: run->force = 1; break;
		default: return cli_bad_option(run->cli, argv);
		}
	if (optind + 1 != argc)
		return cli_usage(run->cli, "give one case id");
	if (cli_int_option(run->cli, "case id", argv[optind], 1, INT64_MAX / 2,
	    &run->id))
		return EXIT_USAGE;
	if (!run->has_to)
		return cli_usage(run->cli, "say who the letter is for: --to "
		    "host, --to unhcr or --to un");
	return 0;
}

static void
print_appeal(const struct appeal_run *run, struct rw_appeal *a)
{
	json_t *warning;
	size_t k;

	json_array_foreach(a->warnings, k, warning)
		cli_error(run->cli, "warning: %s", json_string_value(warning));
	if (!run->json) {
		fputs(a->body, stdout);
		return;
	}
	cli_print_json(json_pack("{s:I s:s s:s s:s s:s s:O s:O s:O s:b}",
	    "case", (json_int_t)run->in.c->id, "recipient",
	    rw_appeal_to_name(run->in.to), "format",
	    run->in.format == RW_TPL_HTML ? "html" : "md", "subject",
	    a->subject, "body", a->body, "requests", a->requests, "grounds",
	    a->grounds, "warnings", a->warnings, "sensitive",
	    run->in.sensitive));
}

/* The letter for a loaded case: refused for a closed one without
 * --force, screened first so the risk it states is today's. */
static int
write_appeal(struct appeal_run *run, struct rw_store *store,
    const struct rw_case *c)
{
	struct rw_screening s;
	struct rw_appeal a;
	struct rw_error err;

	if (c->closed && !run->force) {
		cli_error(run->cli, "case %lld is closed; an appeal for a "
		    "closed case needs --force", (long long)c->id);
		return 1;
	}
	rw_error_clear(&err);
	if (cli_screen_case_result(store, c, &s, &err) < 0) {
		cli_error(run->cli, "screening case %lld: %s", (long long)c->id,
		    err.message);
		return 1;
	}
	run->in.c = c;
	run->in.screening = &s;
	run->in.host = c->host[0] ? rw_country_find(c->host, NULL) : NULL;
	run->in.dest = c->dest[0] ? rw_country_find(c->dest, NULL) : NULL;
	rw_date_today_utc(&run->in.today);
	if (rw_appeal_build(&run->in, &a, &err) < 0) {
		cli_error(run->cli, "case %lld: %s", (long long)c->id,
		    err.message);
		rw_screening_free(&s);
		return 1;
	}
	print_appeal(run, &a);
	rw_appeal_free(&a);
	rw_screening_free(&s);
	return 0;
}

int
cmd_appeal(struct cli *cli, int argc, char **argv)
{
	struct appeal_run run = {.cli = cli, .in = {.format = RW_TPL_MD}};
	struct rw_store *store = NULL;
	struct rw_keyring *key = NULL;
	struct rw_error err;
	struct rw_case c;
	int r;

	if ((r = parse(&run, argc, argv)) != 0)
		return r == -2 ? 0 : r;
	rw_error_clear(&err);
	rw_case_init(&c);
	r = 1;
	if ((store = cli_open_store(cli, 0)) != NULL &&
	    (key = cli_open_key(cli, store, 0)) != NULL) {
		if (rw_case_load(store, key, run.id, &c, &err) < 0)
			cli_error(cli, "%s", err.message);
		else
			r = write_appeal(&run, store, &c);
	}
	rw_case_free(&c);
	rw_keyring_free(key);
	rw_store_close(store);
	return r;
}
