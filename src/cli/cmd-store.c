/* cmd-store.c: `refuge init` and `refuge check`, the store's life cycle. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "crypto/seal.h"

static const struct option help_only[] = {
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Parses a verb that takes only --help; returns -1 to go on. */
static int
parse_help_only(struct cli *cli, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "h", help_only, NULL)) != -1)
		return c == 'h' ? cli_help(cli->verb) :
		    cli_bad_option(cli, argv);
	if (optind != argc)
		return cli_usage(cli, "takes no arguments");
	return -1;
}

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	struct rw_store *store;
	struct rw_keyring *key;
	int64_t count = 0;
	int version = 0, r = parse_help_only(cli, argc, argv);

	if (r >= 0)
		return r;
	store = cli_open_store(cli, 1);
	if (store == NULL)
		return 1;
	/* the key that seals case names and sensitive fields: a key file
	 * beside the data directory, made once (or a passphrase) */
	if ((key = cli_open_key(cli, store, 1)) == NULL) {
		rw_store_close(store);
		return 1;
	}
	rw_keyring_free(key);
	rw_store_schema_version(store, &version);
	rw_store_source_count(store, &count);
	printf("store ready in %s (%s, schema %d, %lld sources)\n", cli->data_dir,
	    rw_store_backend_name(store), version, (long long)count);
	rw_store_close(store);
	return 0;
}

static int
print_problem(const char *problem, void *ctx)
{
	(void)ctx;
	printf("problem: %s\n", problem);
	return 0;
}

int
cmd_check(struct cli *cli, int argc, char **argv)
{
	struct rw_store *store;
	struct rw_error err;
	int64_t count = 0;
	int r = parse_help_only(cli, argc, argv);

	if (r >= 0)
		return r;
	store = cli_open_store(cli, 0);
	if (store == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_check(store, print_problem, NULL, &err);
	rw_store_source_count(store, &count);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	printf("ok: %s is consistent; %lld sources verified against their "
	    "SHA-256\n", cli->data_dir, (long long)count);
	return 0;
}
