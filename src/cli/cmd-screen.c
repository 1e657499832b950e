/* cmd-screen.c: `refuge screen CASE|--all`: a case's risk level and
 * score, every factor with its weight and the evidence it cites, and the
 * interventions that fit, each with why. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases/case-screen.h"
#include "cases/case-store.h"
#include "cli/cli.h"

/* Largest rule file read, in bytes. */
#define RULES_MAX (1024 * 1024)

enum { OPT_JSON = 256, OPT_ALL, OPT_RULES, OPT_TODAY };

static const struct option screen_options[] = {
	{"help", no_argument, NULL, 'h'},
	{"json", no_argument, NULL, OPT_JSON},
	{"all", no_argument, NULL, OPT_ALL},
	{"rules", required_argument, NULL, OPT_RULES},
	{"today", required_argument, NULL, OPT_TODAY},
	{NULL, 0, NULL, 0},
};

struct screen_run {
	struct cli *cli;
	struct rw_store *store;
	struct rw_keyring *key;
	struct rw_screen_rules *rules;
	struct rw_case_screener *screener;
	struct rw_date today;
	int json, all, quiet;
	long screened;
};

/* The rules of --rules FILE, else those built in; NULL after a message. */
static struct rw_screen_rules *
load_rules(struct cli *cli, const char *path)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_error err;
	char *text;
	size_t len;
	FILE *f;

	rw_error_clear(&err);
	if (path == NULL) {
		if (rw_screen_rules_default(&rules, &err) < 0)
			cli_error(cli, "%s", err.message);
		return rules;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		cli_error(cli, "cannot read the rule file %s", path);
		return NULL;
	}
	text = malloc(RULES_MAX + 1);
	len = text ? fread(text, 1, RULES_MAX + 1, f) : 0;
	fclose(f);
	if (text == NULL || len > RULES_MAX) {
		cli_error(cli, "the rule file %s is over %d bytes", path,
		    RULES_MAX);
		free(text);
		return NULL;
	}
	if (rw_screen_rules_parse(path, text, len, &rules, &err) < 0)
		cli_error(cli, "%s", err.message);
	free(text);
	return rules;
}

static json_t *
screening_json(const struct rw_case *c, const struct rw_screening *s)
{
	json_t *factors = json_array(), *advice = json_array();

	for (size_t k = 0; k < s->n_factors; k++)
		json_array_append_new(factors, json_pack("{s:s s:i s:s}", "id",
		    s->factors[k].id, "weight", s->factors[k].weight,
		    "explanation", s->factors[k].explanation));
	for (size_t k = 0; k < s->n_advice; k++)
		json_array_append_new(advice, json_pack("{s:s s:s s:s}", "id",
		    s->advice[k].id, "action", s->advice[k].action, "why",
		    s->advice[k].why));
	return json_pack("{s:I s:s s:i s:o s:o}", "case", (json_int_t)c->id,
	    "level", rw_level_name(s->level), "score", s->score,
	    "factors", factors, "advice", advice);
}

static void
print_screening(const struct rw_case *c, const struct rw_screening *s)
{
	printf("case %lld: %s (score %d)\n", (long long)c->id,
	    rw_level_name(s->level), s->score);
	for (size_t k = 0; k < s->n_factors; k++) {
		printf("  %+4d  %s: ", s->factors[k].weight, s->factors[k].id);
		cli_print_safe(stdout, s->factors[k].explanation, 0);
		fputc('\n', stdout);
	}
	if (s->n_advice > 0)
		fputs("advice:\n", stdout);
	for (size_t k = 0; k < s->n_advice; k++) {
		const char *action = s->advice[k].action;
		size_t len = strlen(action);
		fputs("  - ", stdout);
		/* "Do this. Because ..." reads better than "Do this.: ..." */
		fwrite(action, 1, len && action[len - 1] == '.' ? len - 1 : len,
		    stdout);
		fputs(": ", stdout);
		cli_print_safe(stdout, s->advice[k].why, 0);
		fputc('\n', stdout);
	}
}

static int
screen_one(const struct rw_case *c, const char *level, int score, void *ctx)
{
	struct screen_run *run = ctx;
	struct rw_screening s;
	struct rw_error err;

	(void)level;
	(void)score;
	if (run->all && c->closed)
		return 0;
	rw_error_clear(&err);
	if (rw_case_screen(run->screener, c, &run->today, &s, &err) < 0) {
		cli_error(run->cli, "case %lld: %s", (long long)c->id,
		    err.message);
		return RW_EINVAL;
	}
	if (run->json)
		cli_print_json(screening_json(c, &s));
	else if (!run->quiet)
		print_screening(c, &s);
	rw_screening_free(&s);
	run->screened++;
	return 0;
}

static int
parse(struct screen_run *run, int argc, char **argv, const char **rules,
    long *id)
{
	char today[11];
	int c;

	while ((c = getopt_long(argc, argv, "h", screen_options, NULL)) != -1)
		switch (c) {
		case 'h': return cli_help("screen") == 0 ? -2 : 1;
		case OPT_JSON: run->json = 1; break;
		case OPT_ALL: run->all = 1; break;
		case OPT_RULES: *rules = optarg; break;
		case OPT_TODAY:
			if (cli_date_option(run->cli, "--today", optarg, today))
				return EXIT_USAGE;
			if (rw_date_parse(today, &run->today) < 0 ||
			    run->today.day == 0)
				return cli_usage(run->cli, "--today takes a full "
				    "date, YYYY-MM-DD");
			break;
		default: return cli_bad_option(run->cli, argv);
		}
	if (run->all != (optind == argc))
		return cli_usage(run->cli, "give one case id, or --all");
	if (!run->all && optind + 1 != argc)
		return cli_usage(run->cli, "give one case id");
	if (!run->all && cli_int_option(run->cli, "case id", argv[optind], 1,
	    INT64_MAX / 2, id))
		return EXIT_USAGE;
	return 0;
}

int
cmd_screen(struct cli *cli, int argc, char **argv)
{
	struct screen_run run = {.cli = cli};
	const char *rules_path = NULL;
	struct rw_error err;
	struct rw_case c;
	long id = 0;
	int r;

	rw_date_today_utc(&run.today);
	if ((r = parse(&run, argc, argv, &rules_path, &id)) != 0)
		return r == -2 ? 0 : r;
	if ((run.rules = load_rules(cli, rules_path)) == NULL)
		return 1;
	r = 1;
	rw_error_clear(&err);
	if ((run.store = cli_open_store(cli, 0)) != NULL &&
	    (run.key = cli_open_key(cli, run.store, 0)) != NULL &&
	    rw_case_screener_new(run.store, run.rules, &run.screener,
	    &err) == RW_OK) {
		if (run.all)
			r = rw_case_each(run.store, run.key, NULL, screen_one,
			    &run, &err) < 0;
		else if (rw_case_load(run.store, run.key, id, &c, &err) < 0)
			cli_error(cli, "%s", err.message);
		else {
			r = screen_one(&c, NULL, 0, &run) < 0;
			rw_case_free(&c);
		}
		if (r && err.code != 0 && run.all)
			cli_error(cli, "%s", err.message);
	}
	rw_case_screener_free(run.screener);
	rw_keyring_free(run.key);
	rw_store_close(run.store);
	rw_screen_rules_free(run.rules);
	return r;
}

/* ---- after a case or incidents change ---- */

int
cli_screen_case_result(struct rw_store *store, const struct rw_case *c,
    struct rw_screening *ret, struct rw_error *err)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_case_screener *screener = NULL;
	struct rw_date today;
	int r;

	rw_date_today_utc(&today);
	r = rw_screen_rules_default(&rules, err);
	if (r == RW_OK)
		r = rw_case_screener_new(store, rules, &screener, err);
	if (r == RW_OK)
		r = rw_case_screen(screener, c, &today, ret, err);
	rw_case_screener_free(screener);
	rw_screen_rules_free(rules);
	return r;
}

int
cli_screen_case(struct rw_store *store, const struct rw_case *c,
    struct rw_error *err)
{
	struct rw_screening result;
	int r = cli_screen_case_result(store, c, &result, err);

	if (r == RW_OK)
		rw_screening_free(&result);
	return r;
}

int
cli_cases_refresh(struct cli *cli, struct rw_store *store)
{
	struct screen_run run = {.cli = cli, .store = store, .all = 1,
	    .quiet = 1};
	struct rw_error err;
	char *path = cli_key_path(cli);
	int r = 0;

	/* a store whose key is not at hand has no cases to refresh here */
	if (path == NULL || (getenv("REFUGE_PASSPHRASE") == NULL &&
	    access(path, F_OK) != 0)) {
		free(path);
		return 0;
	}
	free(path);
	rw_date_today_utc(&run.today);
	rw_error_clear(&err);
	if ((run.key = cli_open_key(cli, store, 0)) == NULL)
		return 1;
	if (rw_screen_rules_default(&run.rules, &err) < 0 ||
	    rw_case_screener_new(store, run.rules, &run.screener, &err) < 0 ||
	    rw_case_link_named(store, run.key, NULL, &err) < 0 ||
	    rw_case_each(store, run.key, NULL, screen_one, &run, &err) < 0) {
		cli_error(cli, "updating the cases: %s", err.message);
		r = 1;
	}
	rw_case_screener_free(run.screener);
	rw_screen_rules_free(run.rules);
	rw_keyring_free(run.key);
	return r;
}
