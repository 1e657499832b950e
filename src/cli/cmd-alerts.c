/* cmd-alerts.c: `refuge alerts [run|ack|resolve]`: the open alerts,
 * most urgent first; an alert run (the rules over every case, then the
 * deliveries owed); and acknowledging or resolving one alert. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "cli/cli.h"
#include "cli/cli-alerts.h"

struct options {
	int json, all, no_deliver, retry_now;
	long within;
	const char *config;
	struct rw_date today;
};

/* Parses the options every form takes; returns 0, or an exit status. */
static int
parse_options(struct cli *cli, int argc, char **argv, struct options *o)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"all", no_argument, NULL, 'a'},
		{"within", required_argument, NULL, 'w'},
		{"as-of", required_argument, NULL, 't'},
		{"no-deliver", no_argument, NULL, 'n'},
		{"retry-now", no_argument, NULL, 'r'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char date[11];
	int ch, rc;

	memset(o, 0, sizeof(*o));
	o->within = -1;
	rw_date_today_utc(&o->today);
	while ((ch = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (ch) {
		case 'j': o->json = 1; break;
		case 'a': o->all = 1; break;
		case 'n': o->no_deliver = 1; break;
		case 'r': o->retry_now = 1; break;
		case 'c': o->config = optarg; break;
		case 'w':
			if ((rc = cli_int_option(cli, "--within", optarg, 0, 3650,
			    &o->within)) != 0)
				return rc;
			break;
		case 't':
			if ((rc = cli_date_option(cli, "--as-of", optarg, date)) != 0)
				return rc;
			if (strlen(date) != 10 || rw_date_parse(date, &o->today) < 0)
				return cli_usage(cli, "--as-of needs a whole day, "
				    "YYYY-MM-DD");
			break;
		case 'h': cli_help("alerts"); return -1;
		default: return cli_bad_option(cli, argv);
		}
	}
	return 0;
}

static void
print_alert_line(const json_t *a)
{
	const char *due = json_string_value(json_object_get(a, "due"));
	const char *level = json_string_value(json_object_get(a, "level"));
	json_t *c = json_object_get(a, "case");

	printf("%6lld %3lld  %-8s %-15s ",
	    (long long)json_integer_value(json_object_get(a, "id")),
	    (long long)json_integer_value(json_object_get(a, "urgency")),
	    json_string_value(json_object_get(a, "state")),
	    json_string_value(json_object_get(a, "rule")));
	if (json_is_integer(c))
		printf("%6lld ", (long long)json_integer_value(c));
	else
		printf("%6s ", "-");
	printf("%-9s %-10s ", level ? level : "-", due ? due : "-");
	cli_print_safe(stdout, json_string_value(json_object_get(a,
	    "summary")), 0);
	putchar('\n');
}

static int
list(struct cli *cli, const struct options *o)
{
	struct rw_store *store = cli_open_store(cli, 0);
	struct rw_error err;
	json_t *ranked, *a;
	size_t k;
	int r;

	if (store == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_alerts_ranked(store, o->all, &o->today, &ranked, &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (o->json) {
		cli_print_json(json_pack("{s:o}", "alerts", ranked));
		return 0;
	}
	if (json_array_size(ranked) == 0)
		printf("no %salerts\n", o->all ? "" : "open ");
	else
		printf("%6s %3s  %-8s %-15s %6s %-9s %-10s %s\n", "ID", "URG",
		    "STATE", "RULE", "CASE", "LEVEL", "DUE", "SUMMARY");
	json_array_foreach(ranked, k, a)
		print_alert_line(a);
	json_decref(ranked);
	return 0;
}

static int
set_state(struct cli *cli, const struct options *o, enum rw_alert_state state,
    const char *id_text)
{
	struct rw_store *store;
	struct rw_error err;
	char now[21];
	long id;
	int changed = 0, r;

	if ((r = cli_int_option(cli, "the alert id", id_text, 1, LONG_MAX,
	    &id)) != 0)
		return r;
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	rw_date_now_utc(now);
	r = rw_store_alert_set_state(store, id, state, cli_user(), now, &changed,
	    &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (o->json)
		cli_print_json(json_pack("{s:I s:s s:b}", "id", (json_int_t)id,
		    "state", rw_alert_state_name(state), "changed", changed));
	else
		printf("alert %ld %s%s\n", id, changed ? "" : "was already ",
		    state == RW_ALERT_ACKED ? "acknowledged" : "resolved");
	return 0;
}

static int
run(struct cli *cli, const struct options *o)
{
	struct rw_store *store = cli_open_store(cli, 0);
	struct cli_alerts_setup setup;
	struct rw_alert_swept swept;
	struct rw_delivered sent = {0};
	struct rw_error err;
	char now[21];
	int r;

	if (store == NULL)
		return 1;
	if (cli_alerts_setup(cli, o->config, o->within, &setup) != 0) {
		rw_store_close(store);
		return 1;
	}
	rw_error_clear(&err);
	rw_date_now_utc(now);
	setup.run.now = now;
	setup.run.policy.today = o->today;
	r = rw_alerts_run(store, &setup.run, &swept, &err);
	if (r < 0)
		cli_error(cli, "%s", err.message);
	else if (!o->no_deliver)
		r = cli_alerts_deliver(cli, store, &setup, o->retry_now,
		    &o->today, &sent);
	rw_store_close(store);
	cli_alerts_setup_free(&setup);
	if (r < 0)
		return 1;
	if (o->json)
		cli_print_json(json_pack("{s:I s:I s:I s:I s:I s:I s:I}",
		    "cases", (json_int_t)swept.cases,
		    "raised", (json_int_t)swept.raised,
		    "resolved", (json_int_t)swept.resolved,
		    "owed", (json_int_t)swept.owed,
		    "sent", (json_int_t)sent.sent,
		    "retrying", (json_int_t)sent.retrying,
		    "failed", (json_int_t)sent.failed));
	else
		printf("%lld cases checked: %lld alerts raised, %lld resolved "
		    "(case closed); deliveries: %lld sent, %lld to retry, "
		    "%lld failed\n", (long long)swept.cases,
		    (long long)swept.raised, (long long)swept.resolved,
		    (long long)sent.sent, (long long)sent.retrying,
		    (long long)sent.failed);
	return sent.retrying + sent.failed > 0 ? 1 : 0;
}

int
cmd_alerts(struct cli *cli, int argc, char **argv)
{
	struct options o;
	const char *what;
	int rc = parse_options(cli, argc, argv, &o);

	if (rc != 0)
		return rc < 0 ? 0 : rc;
	what = optind < argc ? argv[optind] : NULL;
	if (what == NULL)
		return list(cli, &o);
	if (strcmp(what, "run") == 0 && optind + 1 == argc)
		return run(cli, &o);
	if ((strcmp(what, "ack") == 0 || strcmp(what, "resolve") == 0) &&
	    optind + 2 == argc)
		return set_state(cli, &o, what[0] == 'a' ? RW_ALERT_ACKED :
		    RW_ALERT_RESOLVED, argv[optind + 1]);
	if (strcmp(what, "ack") == 0 || strcmp(what, "resolve") == 0)
		return cli_usage(cli, "alerts %s takes one alert id", what);
	return cli_usage(cli, "alerts takes run, ack ID or resolve ID, "
	    "or nothing to list the open alerts");
}
