/* cli-key.c: finding the store's key for the verbs that read or write
 * sealed fields: a passphrase in REFUGE_PASSPHRASE (with the salt the
 * store keeps), else the key file in REFUGE_KEY, else DIR.key beside the
 * data directory DIR. `refuge init` makes the key file. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cases/case-store.h"
#include "cli/cli.h"

char *
cli_key_path(const struct cli *cli)
{
	const char *env = getenv("REFUGE_KEY");
	size_t len;
	char *path;

	if (env != NULL && env[0] != '\0')
		return strdup(env);
	len = strlen(cli->data_dir);
	while (len > 1 && cli->data_dir[len - 1] == '/')
		len--;
	if ((path = malloc(len + 5)) == NULL)
		return NULL;
	memcpy(path, cli->data_dir, len);
	memcpy(path + len, ".key", 5);
	return path;
}

static struct rw_keyring *
from_passphrase(const struct cli *cli, struct rw_store *store,
    const char *passphrase, int create)
{
	unsigned char salt[RW_SALT_BYTES];
	char hex[RW_SALT_BYTES * 2 + 1], *key_id = NULL, *stored = NULL;
	struct rw_keyring *k = NULL;
	struct rw_error err;
	int r = rw_store_key_get(store, &key_id, &stored, &err);

	rw_error_clear(&err);
	if (r == RW_OK && (stored == NULL || sodium_hex2bin(salt, sizeof(salt),
	    stored, strlen(stored), NULL, NULL, NULL) != 0)) {
		cli_error(cli, "this store's key is a key file, not a passphrase: "
		    "unset REFUGE_PASSPHRASE");
		r = RW_EINVAL;
	} else if (r == RW_ENOTFOUND && create) {
		rw_salt_new(salt);
		r = RW_OK;
	} else if (r < 0) {
		cli_error(cli, "%s", r == RW_ENOTFOUND ? "this store has no key "
		    "yet: run `refuge init` on it" : err.message);
	}
	free(key_id);
	free(stored);
	if (r < 0)
		return NULL;
	sodium_bin2hex(hex, sizeof(hex), salt, sizeof(salt));
	if (rw_keyring_from_passphrase(passphrase, salt, &k, &err) < 0 ||
	    rw_case_key_check(store, k, hex, &err) < 0) {
		cli_error(cli, "%s", err.message);
		rw_keyring_free(k);
		return NULL;
	}
	return k;
}

struct rw_keyring *
cli_open_key(const struct cli *cli, struct rw_store *store, int create)
{
	const char *passphrase = getenv("REFUGE_PASSPHRASE");
	struct rw_keyring *k = NULL;
	struct rw_error err;
	char *path;
	int r;

	if (passphrase != NULL)
		return from_passphrase(cli, store, passphrase, create);
	if ((path = cli_key_path(cli)) == NULL) {
		cli_error(cli, "out of memory");
		return NULL;
	}
	rw_error_clear(&err);
	r = rw_keyring_from_file(path, &k, &err);
	if (r == RW_ENOTFOUND && create && rw_key_file_create(path, &err) == 0)
		r = rw_keyring_from_file(path, &k, &err);
	if (r == RW_ENOTFOUND)
		cli_error(cli, "no key file at %s: give the store's key with "
		    "REFUGE_KEY=FILE or REFUGE_PASSPHRASE, or run `refuge init` "
		    "to make one for a store that has none", path);
	else if (r < 0)
		cli_error(cli, "%s", err.message);
	else if (rw_case_key_check(store, k, NULL, &err) < 0) {
		cli_error(cli, "%s (key file %s)", err.message, path);
		rw_keyring_free(k);
		k = NULL;
	}
	free(path);
	return r < 0 ? NULL : k;
}
