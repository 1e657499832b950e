/* main.c: the `refuge` command: global options and the table of verbs. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/digest.h"

struct verb {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct verb verbs[] = {
	{"init", cmd_init, "create a store in the data directory"},
	{"ingest", cmd_ingest, "take files and folders into the store"},
	{"search", cmd_search, "ranked full-text search of the sources"},
	{"sources", cmd_sources, "list stored sources"},
	{"show", cmd_show, "show one source: metadata and text"},
	{"export", cmd_export, "export cases, incidents or sources (CSV, JSONL)"},
	{"check", cmd_check, "verify the store's integrity"},
	{"extract", cmd_extract, "find incidents in files (no store needed)"},
	{"incidents", cmd_incidents, "list incidents: the review queue"},
	{"incident", cmd_incident, "accept, reject, edit, show or split one"},
	{"entities", cmd_entities, "what extraction found in one source"},
	{"people", cmd_people, "people named across spellings; same/different"},
	{"case", cmd_case, "people at risk: add, show, list, update, link, close, history"},
	{"key", cmd_key, "the store's key: show its fingerprint, rotate it"},
	{"country", cmd_country, "a country's law, treaties and record"},
	{"screen", cmd_screen, "a case's risk level, its factors and advice"},
	{"stats", cmd_stats, "accepted incidents and persons by host, year, type, group"},
	{"alerts", cmd_alerts, "early warning: deadlines and changes, delivered"},
	{"appeal", cmd_appeal, "an urgent-appeal letter for a case, to host|unhcr|un"},
};

static void
print_usage(FILE *out)
{
	fputs("usage: refuge [--data DIR] VERB [OPTIONS] [ARGS]\n\n"
	    "Refuge Watch: monitoring and case documentation for people at risk "
	    "of refoulement.\n\nverbs:\n", out);
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(out, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
	fputs("\n`refuge VERB --help` describes a verb. The data directory comes "
	    "from --data,\nor from REFUGE_DATA when --data is absent.\n", out);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{"data", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {getenv("REFUGE_DATA"), "refuge"};
	int c;

	setlocale(LC_CTYPE, "C.UTF-8");
	opterr = 0; /* verbs report bad options themselves, in one line */
	if (cli.data_dir != NULL && cli.data_dir[0] == '\0')
		cli.data_dir = NULL;
	while ((c = getopt_long(argc, argv, "+d:hV", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.data_dir = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		case 'V':
			printf("refuge %s\n", REFUGE_VERSION);
			return 0;
		default:
			print_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (rw_crypto_init() < 0) {
		fputs("refuge: the cryptography library failed to start\n", stderr);
		return 1;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(argv[optind], verbs[i].name) != 0)
			continue;
		cli.verb = verbs[i].name;
		argc -= optind;
		argv += optind;
		optind = 0;
		return verbs[i].run(&cli, argc, argv);
	}
	fprintf(stderr, "refuge: unknown verb \"%s\"; `refuge --help` lists "
	    "them\n", cli_text_ok(argv[optind]) ? argv[optind] : "?");
	return EXIT_USAGE;
}
