/* cmd-key.c: `refuge key show|rotate`: the fingerprint of the store's
 * key, and a new key for every sealed value in one transaction. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cases/case-store.h"
#include "cli/cli.h"

static int
show(struct cli *cli, struct rw_keyring *k)
{
	char id[RW_KEY_ID_HEX];

	(void)cli;
	rw_keyring_id(k, id);
	printf("key fingerprint %s\n", id);
	return 0;
}

/* A new key: from REFUGE_NEW_PASSPHRASE when the store uses a
 * passphrase, else a new key file at path.new. */
static struct rw_keyring *
next_key(struct cli *cli, const char *path, char salt_hex[RW_SALT_BYTES * 2
    + 1], int *ret_file)
{
	const char *pass = getenv("REFUGE_NEW_PASSPHRASE");
	unsigned char salt[RW_SALT_BYTES];
	struct rw_keyring *k = NULL;
	struct rw_error err;
	char next[4096];

	rw_error_clear(&err);
	*ret_file = getenv("REFUGE_PASSPHRASE") == NULL;
	if (!*ret_file) {
		if (pass == NULL) {
			cli_error(cli, "set REFUGE_NEW_PASSPHRASE to the new "
			    "passphrase");
			return NULL;
		}
		rw_salt_new(salt);
		sodium_bin2hex(salt_hex, RW_SALT_BYTES * 2 + 1, salt,
		    sizeof(salt));
		if (rw_keyring_from_passphrase(pass, salt, &k, &err) < 0)
			cli_error(cli, "%s", err.message);
		return k;
	}
	salt_hex[0] = '\0';
	snprintf(next, sizeof(next), "%s.new", path);
	if (rw_key_file_create(next, &err) < 0 ||
	    rw_keyring_from_file(next, &k, &err) < 0) {
		cli_error(cli, "%s%s", err.message, err.code == RW_EEXIST ?
		    " (a rotation was interrupted: see `refuge key --help`)" : "");
		return NULL;
	}
	return k;
}

/* After the store took the new key file: path.new becomes path, and the
 * old key is kept as path.old until its owner destroys it. */
static int
swap_files(struct cli *cli, const char *path)
{
	char next[4096], old[4096];

	snprintf(next, sizeof(next), "%s.new", path);
	snprintf(old, sizeof(old), "%s.old", path);
	if (rename(path, old) != 0 || rename(next, path) != 0) {
		cli_error(cli, "the store now uses the key in %s, but moving it "
		    "to %s failed: move it by hand", next, path);
		return 1;
	}
	printf("the old key is in %s: destroy it once backups made with it "
	    "are gone\n", old);
	return 0;
}

static int
rotate(struct cli *cli, struct rw_store *store, struct rw_keyring *old)
{
	char salt[RW_SALT_BYTES * 2 + 1], id[RW_KEY_ID_HEX];
	struct rw_keyring *next;
	struct rw_error err;
	char *path = cli_key_path(cli);
	int file = 0, r = 1;

	if (path == NULL)
		return 1;
	if ((next = next_key(cli, path, salt, &file)) == NULL) {
		free(path);
		return 1;
	}
	rw_error_clear(&err);
	if (rw_case_rekey(store, old, next, salt[0] ? salt : NULL, &err) < 0) {
		cli_error(cli, "%s", err.message);
		if (file) {
			char next_path[4096];
			snprintf(next_path, sizeof(next_path), "%s.new", path);
			remove(next_path);
		}
	} else {
		rw_keyring_id(next, id);
		printf("every sealed value now uses key %s\n", id);
		r = file ? swap_files(cli, path) : 0;
	}
	rw_keyring_free(next);
	free(path);
	return r;
}

int
cmd_key(struct cli *cli, int argc, char **argv)
{
	struct rw_store *store;
	struct rw_keyring *k;
	int r;

	if (argc != 2 || (strcmp(argv[1], "show") != 0 &&
	    strcmp(argv[1], "rotate") != 0))
		return argc == 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) ? cli_help("key") :
		    cli_usage(cli, "give show or rotate");
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	if ((k = cli_open_key(cli, store, 0)) == NULL) {
		rw_store_close(store);
		return 1;
	}
	r = strcmp(argv[1], "show") == 0 ? show(cli, k) :
	    rotate(cli, store, k);
	rw_keyring_free(k);
	rw_store_close(store);
	return r;
}
