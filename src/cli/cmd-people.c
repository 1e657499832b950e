/* cmd-people.c: `refuge people`: the people sources and incidents name,
 * grouped across spellings, scripts and name orders, with the rule that
 * matched each name; `refuge people same|different NAME NAME` records a
 * person's decision, which holds over the rules and outlives
 * re-extraction. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "people/name-match.h"
#include "store/incident-record.h"

static void
print_ids(const char *label, const int64_t *ids, size_t n)
{
	printf("  %-10s", label);
	for (size_t k = 0; k < n; k++)
		printf("%s%lld", k > 0 ? ", " : "", (long long)ids[k]);
	if (n == 0)
		fputs("none", stdout);
	putchar('\n');
}

static int
print_person(const struct rw_person *p, void *ctx)
{
	struct cli_listing *l = ctx;

	l->count++;
	if (l->json) {
		cli_print_json(rw_person_to_json(p));
		return ferror(stdout) ? 1 : 0;
	}
	printf("person %lld: ", (long long)p->id);
	cli_print_safe(stdout, p->name, 0);
	putchar('\n');
	for (size_t k = 0; k < p->n_names; k++) {
		const struct rw_person_name *n = &p->names[k];

		if (strcmp(n->rule, "canonical") == 0)
			continue;
		fputs("  also      ", stdout);
		cli_print_safe(stdout, n->name, 0);
		printf("  (%s", strcmp(n->rule, "alias") == 0 ?
		    "alias: a person recorded it is the same person as" : n->rule);
		if (n->via != NULL) {
			fputs(strcmp(n->rule, "alias") == 0 ? " \"" : ", matched with \"",
			    stdout);
			cli_print_safe(stdout, n->via, 0);
			putchar('"');
		}
		fputs(")\n", stdout);
	}
	print_ids("sources", p->sources, p->n_sources);
	print_ids("incidents", p->incidents, p->n_incidents);
	return ferror(stdout) ? 1 : 0;
}

static int
decide(struct cli *cli, int argc, char **argv, int same)
{
	struct rw_store *store;
	struct rw_error err;
	int r;

	if (argc != 3)
		return cli_usage(cli, "give two names: `refuge people %s \"NAME\" "
		    "\"NAME\"`", same ? "same" : "different");
	for (int k = 1; k < 3; k++)
		if (!cli_text_ok(argv[k]) || argv[k][0] == '\0' ||
		    strlen(argv[k]) > RW_NAME_MAX)
			return cli_usage(cli, "a name must be printable UTF-8 of 1 to "
			    "%d bytes", RW_NAME_MAX);
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_person_decide(store, argv[1], argv[2], same, cli_user(),
	    &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return r == RW_EINVAL ? EXIT_USAGE : 1;
	}
	fputs("recorded: \"", stdout);
	cli_print_safe(stdout, argv[1], 0);
	fputs("\" and \"", stdout);
	cli_print_safe(stdout, argv[2], 0);
	printf("\" %s the same person (by ", same ? "are" : "are not");
	cli_print_safe(stdout, cli_user(), 0);
	printf(")\n");
	if (!same)
		printf("incidents merged on the strength of these names part at "
		    "their sources' next extraction (`refuge extract --all`)\n");
	return 0;
}

int
cmd_people(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct cli_listing l = {0, 0};
	struct rw_store *store;
	struct rw_error err;
	int c, r;

	if (argc > 1 && strcmp(argv[1], "same") == 0) {
		cli->verb = "people same";
		return decide(cli, argc - 1, argv + 1, 1);
	}
	if (argc > 1 && strcmp(argv[1], "different") == 0) {
		cli->verb = "people different";
		return decide(cli, argc - 1, argv + 1, 0);
	}
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'j')
			l.json = 1;
		else if (c == 'h')
			return cli_help("people");
		else
			return cli_bad_option(cli, argv);
	}
	if (optind != argc)
		return cli_usage(cli, "takes no arguments but `same NAME NAME` or "
		    "`different NAME NAME`");
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_people_list(store, print_person, &l, &err);
	rw_store_close(store);
	if (r < 0)
		cli_error(cli, "%s", err.message);
	if (r != 0)
		return 1;
	if (!l.json)
		printf("%zu %s\n", l.count, l.count == 1 ? "person" : "people");
	return fflush(stdout) == 0 ? 0 : 1;
}
