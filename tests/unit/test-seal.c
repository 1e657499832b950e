/* test-seal.c: sealed fields, key files and blind indexes (crypto/seal.h):
 * round trips, every way a sealed value can fail to open, key file modes
 * and contents, passphrases, which names share a blind index, and the
 * pseudonyms of public exports. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "crypto/digest.h"
#include "crypto/seal.h"
#include "unit.h"

/* Two keyrings from two key files, shared by the group. */
struct fixture {
	char *dir;
	struct rw_keyring *a, *b;
};

static struct rw_keyring *
load_new_key(const char *dir, const char *name)
{
	struct rw_keyring *k = NULL;
	struct rw_error err;
	char *path = unit_path(dir, name);

	assert_int_equal(rw_key_file_create(path, &err), RW_OK);
	assert_int_equal(rw_keyring_from_file(path, &k, &err), RW_OK);
	free(path);
	return k;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || rw_crypto_init() != RW_OK)
		return -1;
	f->dir = unit_tmpdir();
	f->a = load_new_key(f->dir, "a.key");
	f->b = load_new_key(f->dir, "b.key");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	rw_keyring_free(f->a);
	rw_keyring_free(f->b);
	unit_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Seals plain for context under k; the result must succeed. */
static char *
seal_ok(const struct rw_keyring *k, const char *context, const void *plain,
    size_t len)
{
	struct rw_error err;
	char *sealed = NULL;

	assert_int_equal(rw_seal(k, context, plain, len, &sealed, &err),
	    RW_OK);
	assert_non_null(sealed);
	return sealed;
}

/* Asserts that sealed does not open under k for context, that the
 * output arguments were left alone, and that the message says so
 * without giving away secret (NULL: nothing to look for). */
static void
assert_unseal_fails(const struct rw_keyring *k, const char *context,
    const char *sealed, const char *secret)
{
	struct rw_error err;
	char *out = (char *)"untouched";
	size_t len = 12345;

	assert_int_equal(rw_unseal(k, context, sealed, &out, &len, &err),
	    RW_ECORRUPT);
	assert_int_equal(err.code, RW_ECORRUPT);
	assert_string_equal(out, "untouched");
	assert_int_equal(len, 12345);
	assert_non_null(strstr(err.message, "cannot be opened"));
	if (secret != NULL)
		assert_null(strstr(err.message, secret));
}

static void
round_trip(const struct rw_keyring *k, const void *plain, size_t len)
{
	struct rw_error err;
	char *sealed = seal_ok(k, "case:1:note", plain, len), *out = NULL;
	size_t out_len = 0;

	assert_int_equal(rw_unseal(k, "case:1:note", sealed, &out, &out_len,
	    &err), RW_OK);
	assert_int_equal(out_len, len);
	assert_memory_equal(out, plain, len);
	assert_int_equal(out[len], '\0');
	free(out);
	free(sealed);
}

static void
test_round_trips(void **state)
{
	struct fixture *f = *state;
	const char binary[] = "\0\x01\xff\0contact\0\x80";
	const char *utf8 = "Гүлмира, 桂民海, ئىلھام — +66 2 123 4567";
	size_t big_len = 1024 * 1024;
	unsigned char *big = malloc(big_len);

	round_trip(f->a, "", 0);
	round_trip(f->a, binary, sizeof(binary));
	round_trip(f->a, utf8, strlen(utf8));
	assert_non_null(big);
	randombytes_buf(big, big_len);
	round_trip(f->b, big, big_len);
	free(big);
}

static void
test_null_plain_with_zero_length(void **state)
{
	struct fixture *f = *state;
	char *sealed = seal_ok(f->a, "case:1:note", NULL, 0), *out = NULL;
	size_t len = 99;
	struct rw_error err;

	assert_int_equal(rw_unseal(f->a, "case:1:note", sealed, &out, &len,
	    &err), RW_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	free(out);
	free(sealed);
}

static void
test_sealed_text_hides_plaintext(void **state)
{
	struct fixture *f = *state;
	const char *plain = "Safe house: 14 Soi Ari, Bangkok";
	char *sealed = seal_ok(f->a, "case:7:location", plain, strlen(plain));
	char *again = seal_ok(f->a, "case:7:location", plain, strlen(plain));

	assert_null(strstr(sealed, plain));
	assert_null(strstr(sealed, "Bangkok"));
	/* Only the URL-safe base64 alphabet, no padding. */
	assert_int_equal(strspn(sealed, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_"), strlen(sealed));
	/* Random nonces: equal plaintexts give different texts. */
	assert_int_equal(strlen(sealed), strlen(again));
	assert_string_not_equal(sealed, again);
	free(sealed);
	free(again);
}

static size_t
sealed_length(const struct rw_keyring *k, size_t len)
{
	char *plain = calloc(1, len + 1), *sealed;
	size_t n;

	assert_non_null(plain);
	sealed = seal_ok(k, "case:1:name", plain, len);
	n = strlen(sealed);
	free(sealed);
	free(plain);
	return n;
}

/* Padding to 32 bytes: lengths show in steps of 32 only. */
static void
test_sealed_length_in_steps(void **state)
{
	struct fixture *f = *state;
	size_t step = sealed_length(f->a, 0);

	assert_int_equal(sealed_length(f->a, 1), step);
	assert_int_equal(sealed_length(f->a, 31), step);
	assert_true(sealed_length(f->a, 32) > step);
	assert_int_equal(sealed_length(f->a, 32), sealed_length(f->a, 63));
	/* base64 of version, nonce, 32 padded bytes and tag */
	assert_int_equal(step, (1 + 24 + 32 + 16) * 4 / 3 + 1);
}

static void
test_wrong_key_and_context(void **state)
{
	struct fixture *f = *state;
	const char *plain = "+86 138 0000 0000";
	char *sealed = seal_ok(f->a, "case:12:contact", plain, strlen(plain));
	struct rw_error err;
	char *out = NULL;
	size_t len;

	assert_unseal_fails(f->b, "case:12:contact", sealed, plain);
	assert_unseal_fails(f->a, "case:13:contact", sealed, plain);
	assert_unseal_fails(f->a, "case:12:location", sealed, plain);
	assert_unseal_fails(f->a, "case:12:contact ", sealed, plain);
	rw_unseal(f->b, "case:12:contact", sealed, &out, &len, &err);
	assert_non_null(strstr(err.message, "wrong key or damaged value"));
	assert_non_null(strstr(err.message, "case:12:contact"));
	free(sealed);
}

static void
test_every_bit_flip_fails(void **state)
{
	struct fixture *f = *state;
	char *sealed = seal_ok(f->a, "case:3:note", "ok", 2);
	size_t n = strlen(sealed);
	char *copy = malloc(n + 1);

	assert_non_null(copy);
	for (size_t i = 0; i < n; i++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(copy, sealed, n + 1);
			copy[i] = (char)(copy[i] ^ (1 << bit));
			assert_unseal_fails(f->a, "case:3:note", copy, NULL);
		}
	}
	free(copy);
	free(sealed);
}

static void
test_every_truncation_fails(void **state)
{
	struct fixture *f = *state;
	char *sealed = seal_ok(f->a, "case:3:note", "a note", 6);
	size_t n = strlen(sealed);

	for (size_t len = 0; len < n; len++) {
		char *cut = strndup(sealed, len);

		assert_non_null(cut);
		assert_unseal_fails(f->a, "case:3:note", cut, "a note");
		free(cut);
	}
	free(sealed);
}

static void
test_garbage_fails(void **state)
{
	struct fixture *f = *state;
	const char *garbage[] = {
		"", "=", "====", "AAAA", "!!!!", "not sealed at all",
		"'; DROP TABLE cases; --", "<script>alert(1)</script>",
		"\xff\xfe\xfd", "\xc3\x28", "AQ==",
		/* Standard alphabet and padding are not ours. */
		"ab+/cd+/ab+/cd+/ab+/cd+/ab+/cd+/ab+/cd+/ab+/cd+/ab+/cd+/ab==",
		/* Valid base64, long enough, version 1, but random. */
		"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};
	size_t huge_len = 32 * 1024 * 1024;
	char *huge = malloc(huge_len + 1);

	for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++)
		assert_unseal_fails(f->a, "case:1:note", garbage[i], NULL);
	assert_non_null(huge);
	memset(huge, 'A', huge_len);
	huge[huge_len] = '\0';
	assert_unseal_fails(f->a, "case:1:note", huge, NULL);
	free(huge);
}

/* libsodium's decoder reads 0xDF as '_' and 0xAD as '-': such texts
 * must not open (found by the bit-flip test). */
static void
test_high_bit_aliases_fail(void **state)
{
	struct fixture *f = *state;
	int aliased = 0;

	while (aliased < 2) {
		char *sealed = seal_ok(f->a, "case:4:note", "n", 1);

		for (char *p = sealed; *p != '\0'; p++) {
			char keep = *p;

			if (keep != '_' && keep != '-')
				continue;
			*p = (char)(keep | 0x80);
			assert_unseal_fails(f->a, "case:4:note", sealed, NULL);
			*p = keep;
			aliased++;
		}
		free(sealed);
	}
}

/* A sealed value whose version byte is changed, base64 kept valid. */
static void
test_other_version_fails(void **state)
{
	struct fixture *f = *state;
	char *sealed = seal_ok(f->a, "case:1:note", "text", 4);
	unsigned char bin[128];
	size_t bin_len;
	char text[256];

	assert_int_equal(sodium_base642bin(bin, sizeof(bin), sealed,
	    strlen(sealed), NULL, &bin_len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(bin[0], 1);
	bin[0] = 2;
	sodium_bin2base64(text, sizeof(text), bin, bin_len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	assert_unseal_fails(f->a, "case:1:note", text, NULL);
	free(sealed);
}

static void
test_bad_arguments(void **state)
{
	struct fixture *f = *state;
	char long_context[300], *out = NULL;
	char *sealed = seal_ok(f->a, "case:1:note", "x", 1);
	struct rw_error err;
	size_t len;

	memset(long_context, 'c', sizeof(long_context) - 1);
	long_context[sizeof(long_context) - 1] = '\0';
	assert_int_equal(rw_seal(NULL, "c", "x", 1, &out, &err), RW_EINVAL);
	assert_int_equal(rw_seal(f->a, NULL, "x", 1, &out, &err), RW_EINVAL);
	assert_int_equal(rw_seal(f->a, "", "x", 1, &out, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "context"));
	assert_int_equal(rw_seal(f->a, long_context, "x", 1, &out, &err),
	    RW_EINVAL);
	assert_int_equal(rw_seal(f->a, "c", NULL, 1, &out, &err), RW_EINVAL);
	assert_int_equal(rw_seal(f->a, "c", "x", 1, NULL, &err), RW_EINVAL);
	/* Refused before a byte is read. */
	assert_int_equal(rw_seal(f->a, "c", "x", RW_SEAL_PLAIN_MAX + 1, &out,
	    &err), RW_ETOOBIG);
	assert_null(out);
	assert_int_equal(rw_unseal(f->a, "", sealed, &out, &len, &err),
	    RW_EINVAL);
	assert_int_equal(rw_unseal(NULL, "case:1:note", sealed, &out, &len,
	    &err), RW_EINVAL);
	assert_int_equal(rw_unseal(f->a, "case:1:note", NULL, &out, &len,
	    &err), RW_EINVAL);
	assert_int_equal(rw_unseal(f->a, "case:1:note", sealed, NULL, &len,
	    &err), RW_EINVAL);
	assert_null(out);
	free(sealed);
}

static void
test_reseal(void **state)
{
	struct fixture *f = *state;
	const char *plain = "met the lawyer on 3 May";
	char *old = seal_ok(f->a, "case:5:note", plain, strlen(plain));
	char *moved = NULL, *out = NULL;
	struct rw_error err;
	size_t len;

	assert_int_equal(rw_reseal(f->a, f->b, "case:5:note", old, &moved,
	    &err), RW_OK);
	assert_unseal_fails(f->a, "case:5:note", moved, plain);
	assert_int_equal(rw_unseal(f->b, "case:5:note", moved, &out, &len,
	    &err), RW_OK);
	assert_string_equal(out, plain);
	free(out);
	free(moved);
	moved = NULL;
	/* Wrong "from" key: nothing produced. */
	assert_int_equal(rw_reseal(f->b, f->a, "case:5:note", old, &moved,
	    &err), RW_ECORRUPT);
	assert_null(moved);
	free(old);
}

/* ---- key files ---- */

static void
test_key_file_contents(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "a.key");
	size_t len;
	char *bytes = unit_read_file(path, &len);
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(len, 40);
	assert_memory_equal(bytes, "RWKEY01\n", 8);
	free(bytes);
	free(path);
}

static void
test_key_file_reload_opens_values(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "a.key"), *out = NULL;
	char *sealed = seal_ok(f->a, "case:9:contact", "Signal: @x", 10);
	char id_a[RW_KEY_ID_HEX], id_again[RW_KEY_ID_HEX], id_b[RW_KEY_ID_HEX];
	struct rw_keyring *again = NULL;
	struct rw_error err;
	size_t len;

	assert_int_equal(rw_keyring_from_file(path, &again, &err), RW_OK);
	assert_int_equal(rw_unseal(again, "case:9:contact", sealed, &out,
	    &len, &err), RW_OK);
	assert_string_equal(out, "Signal: @x");
	rw_keyring_id(f->a, id_a);
	rw_keyring_id(again, id_again);
	rw_keyring_id(f->b, id_b);
	assert_int_equal(strlen(id_a), 16);
	assert_int_equal(strspn(id_a, "0123456789abcdef"), 16);
	assert_string_equal(id_a, id_again);
	assert_string_not_equal(id_a, id_b);
	rw_keyring_free(again);
	rw_keyring_free(NULL);
	free(out);
	free(sealed);
	free(path);
}

static void
test_key_file_never_overwritten(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "precious");
	char *key_path = unit_path(f->dir, "a.key");
	size_t len, key_len;
	char *before = unit_read_file(key_path, &key_len), *after;
	struct rw_error err;

	unit_write_file(path, "do not lose me", 14);
	assert_int_equal(rw_key_file_create(path, &err), RW_EEXIST);
	assert_non_null(strstr(err.message, "already exists"));
	after = unit_read_file(path, &len);
	assert_int_equal(len, 14);
	assert_memory_equal(after, "do not lose me", 14);
	free(after);
	assert_int_equal(rw_key_file_create(key_path, &err), RW_EEXIST);
	after = unit_read_file(key_path, &len);
	assert_int_equal(len, key_len);
	assert_memory_equal(after, before, len);
	free(after);
	free(before);
	free(key_path);
	free(path);
}

static void
test_key_file_missing(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "none.key");
	char *nodir = unit_path(f->dir, "no/such/dir.key");
	struct rw_keyring *k = NULL;
	struct rw_error err;

	assert_int_equal(rw_keyring_from_file(path, &k, &err), RW_ENOTFOUND);
	assert_non_null(strstr(err.message, path));
	assert_null(k);
	assert_int_equal(rw_key_file_create(nodir, &err), RW_EIO);
	assert_int_equal(rw_key_file_create("", &err), RW_EINVAL);
	assert_int_equal(rw_key_file_create(NULL, &err), RW_EINVAL);
	assert_int_equal(rw_keyring_from_file(NULL, &k, &err), RW_EINVAL);
	assert_int_equal(rw_keyring_from_file("", &k, &err), RW_EINVAL);
	free(nodir);
	free(path);
}

/* Loads path after chmod to mode; returns the code. */
static int
load_with_mode(const char *path, mode_t mode, struct rw_error *err)
{
	struct rw_keyring *k = NULL;
	int rc;

	assert_int_equal(chmod(path, mode), 0);
	rc = rw_keyring_from_file(path, &k, err);
	assert_true((rc == RW_OK) == (k != NULL));
	rw_keyring_free(k);
	return rc;
}

static void
test_key_file_modes(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "modes.key");
	const mode_t refused[] = {0644, 0640, 0604, 0660, 0606, 0610, 0601,
	    0666};
	struct rw_error err;

	assert_int_equal(rw_key_file_create(path, &err), RW_OK);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(load_with_mode(path, refused[i], &err),
		    RW_EINVAL);
		assert_non_null(strstr(err.message, "chmod 600"));
		assert_non_null(strstr(err.message, path));
	}
	assert_int_equal(load_with_mode(path, 0644, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "mode 0644"));
	assert_int_equal(load_with_mode(path, 0400, &err), RW_OK);
	assert_int_equal(load_with_mode(path, 0600, &err), RW_OK);
	free(path);
}

/* Writes content to a new 0600 file and expects it refused as not a
 * key file. */
static void
assert_not_key_file(const char *dir, const void *content, size_t len)
{
	char *path = unit_path(dir, "odd.key");
	struct rw_keyring *k = NULL;
	struct rw_error err;

	unit_write_file(path, content, len);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(rw_keyring_from_file(path, &k, &err), RW_EINVAL);
	assert_null(k);
	assert_non_null(strstr(err.message, "not a Refuge Watch key file"));
	free(path);
}

static void
test_not_a_key_file(void **state)
{
	struct fixture *f = *state;
	char junk[41];
	struct rw_keyring *k = NULL;
	struct rw_error err;

	memset(junk, 'k', sizeof(junk));
	assert_not_key_file(f->dir, "", 0);
	assert_not_key_file(f->dir, junk, 40);
	assert_not_key_file(f->dir, junk, 41);
	memcpy(junk, "RWKEY01\n", 8);
	assert_not_key_file(f->dir, junk, 39);
	assert_not_key_file(f->dir, junk, 41);
	memcpy(junk, "RWKEY02\n", 8);
	assert_not_key_file(f->dir, junk, 40);
	assert_int_equal(chmod(f->dir, 0700), 0);
	assert_int_equal(rw_keyring_from_file(f->dir, &k, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "not a regular file"));
}

/* ---- passphrases ---- */

static void
test_passphrase_refusals(void **state)
{
	unsigned char salt[RW_SALT_BYTES] = {0};
	char long_phrase[RW_PASSPHRASE_MAX + 2];
	struct rw_keyring *k = NULL;
	struct rw_error err;

	assert_int_equal(rw_keyring_from_passphrase("", salt, &k, &err),
	    RW_EINVAL);
	assert_non_null(strstr(err.message, "empty"));
	assert_int_equal(rw_keyring_from_passphrase(NULL, salt, &k, &err),
	    RW_EINVAL);
	assert_int_equal(rw_keyring_from_passphrase("x", NULL, &k, &err),
	    RW_EINVAL);
	assert_int_equal(rw_keyring_from_passphrase("caf\xe9", salt, &k,
	    &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "UTF-8"));
	memset(long_phrase, 'p', sizeof(long_phrase) - 1);
	long_phrase[sizeof(long_phrase) - 1] = '\0';
	assert_int_equal(rw_keyring_from_passphrase(long_phrase, salt, &k,
	    &err), RW_ETOOBIG);
	assert_null(k);
}

static void
key_id_of_passphrase(const char *phrase, const unsigned char *salt,
    char id[RW_KEY_ID_HEX], struct rw_keyring **ret)
{
	struct rw_error err;

	assert_int_equal(rw_keyring_from_passphrase(phrase, salt, ret, &err),
	    RW_OK);
	rw_keyring_id(*ret, id);
}

static void
test_passphrase_keys(void **state)
{
	unsigned char salt[RW_SALT_BYTES], other[RW_SALT_BYTES];
	char id1[RW_KEY_ID_HEX], id2[RW_KEY_ID_HEX], id3[RW_KEY_ID_HEX];
	char id4[RW_KEY_ID_HEX], *sealed, *out = NULL;
	struct rw_keyring *k1, *k2, *k3, *k4;
	struct rw_error err;
	size_t len;

	rw_salt_new(salt);
	rw_salt_new(other);
	assert_memory_not_equal(salt, other, RW_SALT_BYTES);
	key_id_of_passphrase("correct horse ☂ battery", salt, id1, &k1);
	key_id_of_passphrase("correct horse ☂ battery", salt, id2, &k2);
	key_id_of_passphrase("correct horse ☂ battery", other, id3, &k3);
	key_id_of_passphrase("correct horse ☂ batterY", salt, id4, &k4);
	assert_string_equal(id1, id2);
	assert_string_not_equal(id1, id3);
	assert_string_not_equal(id1, id4);
	sealed = seal_ok(k1, "case:2:contact", "phone", 5);
	assert_int_equal(rw_unseal(k2, "case:2:contact", sealed, &out, &len,
	    &err), RW_OK);
	assert_string_equal(out, "phone");
	assert_unseal_fails(k3, "case:2:contact", sealed, "phone");
	assert_unseal_fails(k4, "case:2:contact", sealed, "phone");
	free(out);
	free(sealed);
	rw_keyring_free(k1);
	rw_keyring_free(k2);
	rw_keyring_free(k3);
	rw_keyring_free(k4);
}

/* ---- blind indexes ---- */

static void
index_of(const struct rw_keyring *k, const char *name,
    char hex[RW_BLIND_INDEX_HEX])
{
	struct rw_error err;

	if (rw_blind_index(k, name, hex, &err) != RW_OK)
		fail_msg("no index for \"%s\": %s", name, err.message);
	assert_int_equal(strlen(hex), 32);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 32);
}

static void
assert_same_index(const struct rw_keyring *k, const char *x, const char *y)
{
	char hx[RW_BLIND_INDEX_HEX], hy[RW_BLIND_INDEX_HEX];

	index_of(k, x, hx);
	index_of(k, y, hy);
	if (strcmp(hx, hy) != 0)
		fail_msg("\"%s\" and \"%s\" should share an index", x, y);
}

static void
assert_other_index(const struct rw_keyring *k, const char *x, const char *y)
{
	char hx[RW_BLIND_INDEX_HEX], hy[RW_BLIND_INDEX_HEX];

	index_of(k, x, hx);
	index_of(k, y, hy);
	if (strcmp(hx, hy) == 0)
		fail_msg("\"%s\" and \"%s\" should not share an index", x, y);
}

static void
test_blind_index_equal_forms(void **state)
{
	struct fixture *f = *state;

	assert_same_index(f->a, "Gui Minhai", "GUI  MINHAI");
	assert_same_index(f->a, "Gui Minhai", "Guì Mínhǎi");
	assert_same_index(f->a, "Gui Minhai", " gui-minhai. ");
	/* Han becomes one pinyin token per syllable. */
	assert_same_index(f->a, "桂民海", "Gui Min Hai");
	assert_same_index(f->a, "Ілля Бурлаков", "Illya Burlakov");
	assert_same_index(f->a, "ئىلھام توختى", "Ilham Tohti");
}

static void
test_blind_index_different(void **state)
{
	struct fixture *f = *state;
	char ha[RW_BLIND_INDEX_HEX], hb[RW_BLIND_INDEX_HEX];

	/* Exact match on the key only: no joining, no reordering. */
	assert_other_index(f->a, "桂民海", "Gui Minhai");
	assert_other_index(f->a, "Gui Minhai", "Minhai Gui");
	assert_other_index(f->a, "Gui Minhai", "Gui Minha");
	assert_other_index(f->a, "Ilham Tohti", "Ilham Toxti");
	/* Another key, another index. */
	index_of(f->a, "Gui Minhai", ha);
	index_of(f->b, "Gui Minhai", hb);
	assert_string_not_equal(ha, hb);
	/* The index is not an unkeyed hash of the name's key. */
	index_of(f->a, "Ilham Tohti", ha);
	assert_null(strstr(ha, "ilham"));
}

static void
test_blind_index_refusals(void **state)
{
	struct fixture *f = *state;
	char hex[RW_BLIND_INDEX_HEX] = "untouched", long_name[300];
	const char *refused[] = {"", "   ", "!!!", "★ ☆", "\xff\xfe",
	    "Gui \xc3\x28 Minhai"};
	struct rw_error err;

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(rw_blind_index(f->a, refused[i], hex, &err),
		    RW_EINVAL);
		assert_string_equal(hex, "untouched");
		assert_true(err.message[0] != '\0');
	}
	assert_int_equal(rw_blind_index(f->a, NULL, hex, &err), RW_EINVAL);
	assert_int_equal(rw_blind_index(NULL, "Gui", hex, &err), RW_EINVAL);
	assert_int_equal(rw_blind_index(f->a, "Gui", NULL, &err), RW_EINVAL);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(rw_blind_index(f->a, long_name, hex, &err),
	    RW_ETOOBIG);
	assert_string_equal(hex, "untouched");
	/* Injection text is just a name. */
	assert_same_index(f->a, "Robert'); DROP TABLE cases;--",
	    "robert drop table cases");
}

/* ---- pseudonyms ---- */

static void
pseudonym_of(const struct rw_keyring *k, const char *name,
    char out[RW_PSEUDONYM_MAX])
{
	struct rw_error err;

	if (rw_pseudonym(k, name, out, &err) != RW_OK)
		fail_msg("no pseudonym for \"%s\": %s", name, err.message);
	assert_int_equal(strlen(out), RW_PSEUDONYM_MAX - 1);
	assert_memory_equal(out, "person-", 7);
	assert_int_equal(strspn(out + 7, "0123456789abcdef"), 10);
}

static void
test_pseudonym_follows_the_name(void **state)
{
	struct fixture *f = *state;
	const char *same[][2] = {
		{"Gui Minhai", "GUI  MINHAI"}, {"Gui Minhai", "Guì Mínhǎi"},
		{"桂民海", "Gui Min Hai"}, {"ئىلھام توختى", "Ilham Tohti"},
		{"=Zarina \"Q\"", "zarina q"},
	};
	const char *other[][2] = {
		{"Gui Minhai", "Minhai Gui"}, {"Ilham Tohti", "Ilham Toxti"},
		{"桂民海", "Gui Minhai"},
	};
	char x[RW_PSEUDONYM_MAX], y[RW_PSEUDONYM_MAX];

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		pseudonym_of(f->a, same[i][0], x);
		pseudonym_of(f->a, same[i][1], y);
		assert_string_equal(x, y);
	}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		pseudonym_of(f->a, other[i][0], x);
		pseudonym_of(f->a, other[i][1], y);
		assert_string_not_equal(x, y);
	}
	/* another key, another pseudonym */
	pseudonym_of(f->a, "Gui Minhai", x);
	pseudonym_of(f->b, "Gui Minhai", y);
	assert_string_not_equal(x, y);
}

static void
test_pseudonym_distinct_over_many_names(void **state)
{
	struct fixture *f = *state;
	enum { N = 1000 };
	char (*seen)[RW_PSEUDONYM_MAX] = calloc(N, sizeof(*seen)), name[32];

	assert_non_null(seen);
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "Person Number %d", i);
		pseudonym_of(f->a, name, seen[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(seen[i], seen[j]) == 0)
				fail_msg("names %d and %d share %s", i, j, seen[i]);
	}
	free(seen);
}

static void
test_pseudonym_is_not_the_blind_index(void **state)
{
	struct fixture *f = *state;
	char p[RW_PSEUDONYM_MAX], hex[RW_BLIND_INDEX_HEX];

	pseudonym_of(f->a, "Ilham Tohti", p);
	index_of(f->a, "Ilham Tohti", hex);
	/* the published digits are no part of the index (not a piece of
	 * it cut short) */
	assert_null(strstr(hex, p + 7));
}

static void
test_pseudonym_same_after_reloading_the_key(void **state)
{
	struct fixture *f = *state;
	char *path = unit_path(f->dir, "a.key");
	struct rw_keyring *again = NULL;
	char x[RW_PSEUDONYM_MAX], y[RW_PSEUDONYM_MAX];
	struct rw_error err;

	assert_int_equal(rw_keyring_from_file(path, &again, &err), RW_OK);
	pseudonym_of(f->a, "Dilnoza Rahimova", x);
	pseudonym_of(again, "Dilnoza Rahimova", y);
	assert_string_equal(x, y);
	rw_keyring_free(again);
	free(path);
}

static void
test_pseudonym_refusals(void **state)
{
	struct fixture *f = *state;
	char out[RW_PSEUDONYM_MAX] = "untouched", long_name[300];
	const char *refused[] = {"", "   ", "!!!", "\xff\xfe",
	    "Gui \xc3\x28 Minhai"};
	struct rw_error err;

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(rw_pseudonym(f->a, refused[i], out, &err),
		    RW_EINVAL);
		assert_string_equal(out, "untouched");
		assert_true(err.message[0] != '\0');
	}
	assert_int_equal(rw_pseudonym(f->a, NULL, out, &err), RW_EINVAL);
	assert_int_equal(rw_pseudonym(NULL, "Gui", out, &err), RW_EINVAL);
	assert_int_equal(rw_pseudonym(f->a, "Gui", NULL, &err), RW_EINVAL);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(rw_pseudonym(f->a, long_name, out, &err), RW_ETOOBIG);
	assert_string_equal(out, "untouched");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_null_plain_with_zero_length),
		cmocka_unit_test(test_sealed_text_hides_plaintext),
		cmocka_unit_test(test_sealed_length_in_steps),
		cmocka_unit_test(test_wrong_key_and_context),
		cmocka_unit_test(test_every_bit_flip_fails),
		cmocka_unit_test(test_every_truncation_fails),
		cmocka_unit_test(test_garbage_fails),
		cmocka_unit_test(test_high_bit_aliases_fail),
		cmocka_unit_test(test_other_version_fails),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_reseal),
		cmocka_unit_test(test_key_file_contents),
		cmocka_unit_test(test_key_file_reload_opens_values),
		cmocka_unit_test(test_key_file_never_overwritten),
		cmocka_unit_test(test_key_file_missing),
		cmocka_unit_test(test_key_file_modes),
		cmocka_unit_test(test_not_a_key_file),
		cmocka_unit_test(test_passphrase_refusals),
		cmocka_unit_test(test_passphrase_keys),
		cmocka_unit_test(test_blind_index_equal_forms),
		cmocka_unit_test(test_blind_index_different),
		cmocka_unit_test(test_blind_index_refusals),
		cmocka_unit_test(test_pseudonym_follows_the_name),
		cmocka_unit_test(test_pseudonym_distinct_over_many_names),
		cmocka_unit_test(test_pseudonym_is_not_the_blind_index),
		cmocka_unit_test(test_pseudonym_same_after_reloading_the_key),
		cmocka_unit_test(test_pseudonym_refusals),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("seal", tests, setup, teardown);
}
