/* seal.c: sealed fields, key files and blind indexes (crypto/seal.h) on
 * libsodium. docs/internals/sealing.md explains the choices.
 *
 * Key file, 40 bytes: the magic "RWKEY01\n" (so a wrong file is named as
 * such) and the 32-byte master key. The master key, read from the file or
 * stretched from a passphrase by argon2id, only lives long enough to
 * derive four subkeys with crypto_kdf (context "RWseal01"):
 *
 *   1  seal       XChaCha20-Poly1305 key for sealed values
 *   2  index      BLAKE2b key for blind indexes
 *   3  id         fingerprint, of which rw_keyring_id shows 8 bytes
 *   4  pseudonym  BLAKE2b key for the pseudonyms of public exports
 *
 * A sealed text is the URL-safe base64 (no padding) of
 *
 *   version (1 byte, = 1) | nonce (24 random bytes) | ciphertext | tag (16)
 *
 * sealed with associated data version | context, so neither can be changed
 * without the value failing to open. The plaintext is padded (ISO/IEC
 * 7816-4, sodium_pad) to a multiple of 32 bytes first, so a sealed name
 * shows its length in steps of 32 bytes only. */
#include "crypto/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/utf8.h"
#include "crypto/digest.h"
#include "people/name-match.h"

#define KEY_MAGIC "RWKEY01\n"
#define KEY_MAGIC_LEN (sizeof(KEY_MAGIC) - 1)
#define KEY_FILE_BYTES (KEY_MAGIC_LEN + RW_KEY_BYTES)

#define KDF_CONTEXT "RWseal01"
enum { SUBKEY_SEAL = 1, SUBKEY_INDEX = 2, SUBKEY_ID = 3, SUBKEY_PSEUDONYM = 4 };

#define SEAL_VERSION 1
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEAL_OVERHEAD (1 + NONCE_BYTES + TAG_BYTES)
#define SEAL_PAD_BLOCK 32
#define SEAL_B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
/* The longest text rw_seal can produce; anything longer is not ours. */
#define SEALED_TEXT_MAX \
	(sodium_base64_ENCODED_LEN(SEAL_OVERHEAD + RW_SEAL_PLAIN_MAX + \
	    SEAL_PAD_BLOCK, \
	    SEAL_B64) - 1)

/* libsodium 1.0.18 compares characters on their low 8 bits only after
 * sign extension, so its URL-safe decoder reads byte 0xDF as '_' and two
 * texts would open to one value: we check the alphabet first. */
#define SEAL_B64_ALPHABET \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* Contexts are short labels such as "case:12:contact". */
#define CONTEXT_MAX 256

#define INDEX_BYTES 16
#define ID_BYTES 8
#define PSEUDONYM_BYTES 5
/* Same room for a name key as the people store gives it. */
#define NAME_KEY_MAX (4 * RW_NAME_MAX + 1)

_Static_assert(RW_KEY_BYTES == crypto_kdf_KEYBYTES, "master key size");
_Static_assert(RW_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
    "seal key size");
_Static_assert(RW_SALT_BYTES == crypto_pwhash_SALTBYTES, "salt size");
_Static_assert(RW_BLIND_INDEX_HEX == 2 * INDEX_BYTES + 1, "index size");
_Static_assert(RW_KEY_ID_HEX == 2 * ID_BYTES + 1, "key id size");
_Static_assert(RW_PSEUDONYM_MAX ==
    sizeof(RW_PSEUDONYM_PREFIX) + 2 * PSEUDONYM_BYTES, "pseudonym size");

/* Lives in sodium_malloc'd memory (guard pages, locked, wiped on free),
 * read-only once filled. */
struct rw_keyring {
	unsigned char seal[RW_KEY_BYTES];
	unsigned char index[crypto_generichash_KEYBYTES];
	unsigned char id[crypto_kdf_BYTES_MIN];
	unsigned char pseudonym[crypto_generichash_KEYBYTES];
};

static int
crypto_ready(struct rw_error *err)
{
	if (rw_crypto_init() != RW_OK)
		return rw_error_set(err, RW_EINVAL,
		    "libsodium could not start, so no key can be used");
	return RW_OK;
}

/* The keyring of a master key, in *ret. */
static int
keyring_derive(const unsigned char master[RW_KEY_BYTES],
    struct rw_keyring **ret, struct rw_error *err)
{
	struct rw_keyring *k = sodium_malloc(sizeof(*k));

	if (k == NULL)
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to hold the store key");
	crypto_kdf_derive_from_key(k->seal, sizeof(k->seal), SUBKEY_SEAL,
	    KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->index, sizeof(k->index), SUBKEY_INDEX,
	    KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->id, sizeof(k->id), SUBKEY_ID,
	    KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->pseudonym, sizeof(k->pseudonym),
	    SUBKEY_PSEUDONYM, KDF_CONTEXT, master);
	/* Best effort: the keyring works writable too. */
	(void)sodium_mprotect_readonly(k);
	*ret = k;
	return RW_OK;
}

void
rw_keyring_free(struct rw_keyring *k)
{
	/* sodium_free makes the pages writable, wipes and unlocks them. */
	sodium_free(k);
}

void
rw_keyring_id(const struct rw_keyring *k, char hex[RW_KEY_ID_HEX])
{
	sodium_bin2hex(hex, RW_KEY_ID_HEX, k->id, ID_BYTES);
}

void
rw_salt_new(unsigned char salt[RW_SALT_BYTES])
{
	/* randombytes initialises itself if sodium_init was not called. */
	randombytes_buf(salt, RW_SALT_BYTES);
}

/* ---- key files ---- */

static int
write_full(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads up to len bytes; returns how many, or -1. */
static ssize_t
read_full(int fd, unsigned char *p, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Makes the new directory entry of path durable: a key file lost in a
 * power cut after values were sealed with it would lose them all. */
static int
sync_parent(const char *path, struct rw_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? strdup(".") :
	    strndup(path, slash == path ? 1 : (size_t)(slash - path));
	int fd, rc = RW_OK;

	if (dir == NULL)
		return rw_error_set(err, RW_ENOMEM, "no memory for a path");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0)
		rc = rw_error_set(err, RW_EIO,
		    "cannot save the folder entry of key file %s: %s", path,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

/* Writes the magic and key to a new file at path (mode 0600, synced). */
static int
key_file_write(const char *path, const unsigned char *content,
    struct rw_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int rc;

	if (fd < 0 && errno == EEXIST)
		return rw_error_set(err, RW_EEXIST,
		    "key file %s already exists and was left untouched "
		    "(a key is never overwritten)", path);
	if (fd < 0)
		return rw_error_set(err, RW_EIO,
		    "cannot create key file %s: %s", path, strerror(errno));
	/* The umask may only have removed bits; make the mode exact. */
	if (fchmod(fd, 0600) != 0 ||
	    write_full(fd, content, KEY_FILE_BYTES) != 0 || fsync(fd) != 0) {
		rc = rw_error_set(err, RW_EIO, "cannot write key file %s: %s",
		    path, strerror(errno));
		close(fd);
	} else if (close(fd) != 0) {
		rc = rw_error_set(err, RW_EIO, "cannot write key file %s: %s",
		    path, strerror(errno));
	} else {
		rc = sync_parent(path, err);
	}
	/* A half-written file is no key: remove the one this call made. */
	if (rc != RW_OK)
		unlink(path);
	return rc;
}

int
rw_key_file_create(const char *path, struct rw_error *err)
{
	unsigned char *content;
	int rc;

	rw_error_clear(err);
	if (path == NULL || path[0] == '\0')
		return rw_error_set(err, RW_EINVAL, "no key file path given");
	rc = crypto_ready(err);
	if (rc != RW_OK)
		return rc;
	content = sodium_malloc(KEY_FILE_BYTES);
	if (content == NULL)
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to make a key");
	memcpy(content, KEY_MAGIC, KEY_MAGIC_LEN);
	randombytes_buf(content + KEY_MAGIC_LEN, RW_KEY_BYTES);
	rc = key_file_write(path, content, err);
	sodium_free(content);
	return rc;
}

/* Refuses what is not a regular file of the right size readable by its
 * owner only. */
static int
key_file_check(int fd, const char *path, struct rw_error *err)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return rw_error_set(err, RW_EIO, "cannot examine key file "
		    "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return rw_error_set(err, RW_EINVAL,
		    "key file %s is not a regular file", path);
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		return rw_error_set(err, RW_EINVAL,
		    "key file %s has mode %04o, so others than its owner may "
		    "read it; run `chmod 600 %s`, and rotate the key if "
		    "someone else may have copied it", path,
		    (unsigned)(st.st_mode & 07777), path);
	if (st.st_size != (off_t)KEY_FILE_BYTES)
		return rw_error_set(err, RW_EINVAL,
		    "%s is not a Refuge Watch key file (%lld bytes, a key "
		    "file has %zu)", path, (long long)st.st_size,
		    KEY_FILE_BYTES);
	return RW_OK;
}

/* Reads the checked file into content (KEY_FILE_BYTES). */
static int
key_file_read(int fd, const char *path, unsigned char *content,
    struct rw_error *err)
{
	ssize_t n = read_full(fd, content, KEY_FILE_BYTES);

	if (n < 0)
		return rw_error_set(err, RW_EIO, "cannot read key file %s: %s",
		    path, strerror(errno));
	if ((size_t)n != KEY_FILE_BYTES)
		return rw_error_set(err, RW_EINVAL,
		    "key file %s was cut short while being read", path);
	if (memcmp(content, KEY_MAGIC, KEY_MAGIC_LEN) != 0)
		return rw_error_set(err, RW_EINVAL,
		    "%s is not a Refuge Watch key file (it does not begin "
		    "with RWKEY01)", path);
	return RW_OK;
}

int
rw_keyring_from_file(const char *path, struct rw_keyring **ret,
    struct rw_error *err)
{
	unsigned char *content;
	int fd, rc;

	rw_error_clear(err);
	if (path == NULL || path[0] == '\0' || ret == NULL)
		return rw_error_set(err, RW_EINVAL, "no key file path given");
	rc = crypto_ready(err);
	if (rc != RW_OK)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return rw_error_set(err, RW_ENOTFOUND, "no key file at %s "
		    "(`refuge init` makes one; restore it from its backup if "
		    "it was lost)", path);
	if (fd < 0)
		return rw_error_set(err, RW_EIO, "cannot open key file %s: %s",
		    path, strerror(errno));
	content = sodium_malloc(KEY_FILE_BYTES);
	if (content == NULL)
		rc = rw_error_set(err, RW_ENOMEM, "no memory to read a key");
	else
		rc = key_file_check(fd, path, err);
	if (rc == RW_OK)
		rc = key_file_read(fd, path, content, err);
	if (rc == RW_OK)
		rc = keyring_derive(content + KEY_MAGIC_LEN, ret, err);
	close(fd);
	sodium_free(content);
	return rc;
}

/* ---- passphrases ---- */

int
rw_keyring_from_passphrase(const char *passphrase,
    const unsigned char salt[RW_SALT_BYTES], struct rw_keyring **ret,
    struct rw_error *err)
{
	unsigned char *master;
	size_t len;
	int rc;

	rw_error_clear(err);
	if (passphrase == NULL || salt == NULL || ret == NULL)
		return rw_error_set(err, RW_EINVAL, "no passphrase given");
	len = strnlen(passphrase, RW_PASSPHRASE_MAX + 1);
	if (len == 0)
		return rw_error_set(err, RW_EINVAL, "the passphrase is empty; "
		    "a store key needs a real one");
	if (len > RW_PASSPHRASE_MAX)
		return rw_error_set(err, RW_ETOOBIG, "the passphrase is longer "
		    "than %d bytes", RW_PASSPHRASE_MAX);
	if (!rw_utf8_valid(passphrase, len))
		return rw_error_set(err, RW_EINVAL, "the passphrase is not "
		    "valid UTF-8 (check the terminal's character set)");
	rc = crypto_ready(err);
	if (rc != RW_OK)
		return rc;
	master = sodium_malloc(RW_KEY_BYTES);
	if (master == NULL)
		return rw_error_set(err, RW_ENOMEM, "no memory for a key");
	if (crypto_pwhash(master, RW_KEY_BYTES, passphrase, len, salt,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		rc = rw_error_set(err, RW_ENOMEM, "argon2id could not get the "
		    "%zu MiB it needs to derive the key",
		    (size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20);
	else
		rc = keyring_derive(master, ret, err);
	sodium_free(master);
	return rc;
}

/* ---- sealing ---- */

/* Checks the arguments sealing and opening share, and writes the
 * associated data (version | context) into ad. */
static int
seal_prepare(const struct rw_keyring *k, const char *context,
    unsigned char ad[1 + CONTEXT_MAX], size_t *ret_ad_len,
    struct rw_error *err)
{
	size_t len;

	if (k == NULL)
		return rw_error_set(err, RW_EINVAL, "no key given");
	if (context == NULL || context[0] == '\0')
		return rw_error_set(err, RW_EINVAL,
		    "no context given for a sealed value");
	len = strnlen(context, CONTEXT_MAX + 1);
	if (len > CONTEXT_MAX)
		return rw_error_set(err, RW_EINVAL,
		    "sealing context longer than %d bytes", CONTEXT_MAX);
	ad[0] = SEAL_VERSION;
	memcpy(ad + 1, context, len);
	*ret_ad_len = 1 + len;
	return RW_OK;
}

int
rw_seal(const struct rw_keyring *k, const char *context, const void *plain,
    size_t len, char **ret, struct rw_error *err)
{
	unsigned char ad[1 + CONTEXT_MAX], *bin, *body;
	size_t ad_len = 0, bin_len, text_len, padded;
	char *text;
	int rc;

	rw_error_clear(err);
	rc = seal_prepare(k, context, ad, &ad_len, err);
	if (rc != RW_OK)
		return rc;
	if (ret == NULL || (plain == NULL && len > 0))
		return rw_error_set(err, RW_EINVAL, "nothing to seal");
	if (len > RW_SEAL_PLAIN_MAX)
		return rw_error_set(err, RW_ETOOBIG, "value for %s is %zu "
		    "bytes, over the %d bytes a sealed value may hold",
		    context, len, RW_SEAL_PLAIN_MAX);
	padded = (len / SEAL_PAD_BLOCK + 1) * SEAL_PAD_BLOCK;
	bin_len = SEAL_OVERHEAD + padded;
	text_len = sodium_base64_ENCODED_LEN(bin_len, SEAL_B64);
	bin = malloc(bin_len);
	text = malloc(text_len);
	if (bin == NULL || text == NULL) {
		free(bin);
		free(text);
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to seal a value for %s", context);
	}
	bin[0] = SEAL_VERSION;
	randombytes_buf(bin + 1, NONCE_BYTES);
	/* Padded in place, then encrypted in place. */
	body = bin + 1 + NONCE_BYTES;
	if (len > 0)
		memcpy(body, plain, len);
	sodium_pad(NULL, body, len, SEAL_PAD_BLOCK, padded);
	crypto_aead_xchacha20poly1305_ietf_encrypt(body, NULL, body, padded,
	    ad, ad_len, NULL, bin + 1, k->seal);
	sodium_bin2base64(text, text_len, bin, bin_len, SEAL_B64);
	free(bin);
	*ret = text;
	return RW_OK;
}

static int
unseal_failed(struct rw_error *err, const char *context, const char *why)
{
	return rw_error_set(err, RW_ECORRUPT,
	    "sealed value for %s cannot be opened: %s", context, why);
}

/* Opens bin (version | nonce | ciphertext | tag) into a new buffer. */
static int
unseal_bin(const struct rw_keyring *k, const char *context,
    const unsigned char *ad, size_t ad_len, const unsigned char *bin,
    size_t bin_len, char **ret, size_t *ret_len, struct rw_error *err)
{
	unsigned long long padded_len;
	size_t plain_len;
	char *plain;

	if (bin_len < SEAL_OVERHEAD)
		return unseal_failed(err, context, "too short");
	if (bin[0] != SEAL_VERSION)
		return unseal_failed(err, context, "unknown format version");
	plain = malloc(bin_len - SEAL_OVERHEAD + 1);
	if (plain == NULL)
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to open a sealed value for %s", context);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain,
	    &padded_len, NULL, bin + 1 + NONCE_BYTES,
	    bin_len - 1 - NONCE_BYTES, ad, ad_len, bin + 1, k->seal) != 0) {
		free(plain);
		return unseal_failed(err, context, "wrong key or damaged "
		    "value (is this the store's key file or passphrase?)");
	}
	/* Authentic, so padded by rw_seal: a bad pad means another writer. */
	if (sodium_unpad(&plain_len, (unsigned char *)plain,
	    (size_t)padded_len, SEAL_PAD_BLOCK) != 0) {
		sodium_memzero(plain, (size_t)padded_len);
		free(plain);
		return unseal_failed(err, context, "bad padding");
	}
	plain[plain_len] = '\0';
	*ret = plain;
	*ret_len = plain_len;
	return RW_OK;
}

int
rw_unseal(const struct rw_keyring *k, const char *context,
    const char *sealed, char **ret, size_t *ret_len, struct rw_error *err)
{
	unsigned char ad[1 + CONTEXT_MAX], *bin;
	size_t ad_len = 0, text_len, bin_len;
	int rc;

	rw_error_clear(err);
	rc = seal_prepare(k, context, ad, &ad_len, err);
	if (rc != RW_OK)
		return rc;
	if (sealed == NULL || ret == NULL || ret_len == NULL)
		return rw_error_set(err, RW_EINVAL, "no sealed value given");
	text_len = strnlen(sealed, SEALED_TEXT_MAX + 1);
	if (text_len > SEALED_TEXT_MAX)
		return unseal_failed(err, context,
		    "longer than any sealed value");
	if (strspn(sealed, SEAL_B64_ALPHABET) != text_len)
		return unseal_failed(err, context, "not a sealed text");
	bin = malloc(text_len / 4 * 3 + 3);
	if (bin == NULL)
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to open a sealed value for %s", context);
	if (sodium_base642bin(bin, text_len / 4 * 3 + 3, sealed, text_len,
	    NULL, &bin_len, NULL, SEAL_B64) != 0)
		rc = unseal_failed(err, context, "not a sealed text");
	else
		rc = unseal_bin(k, context, ad, ad_len, bin, bin_len, ret,
		    ret_len, err);
	free(bin);
	return rc;
}

int
rw_reseal(const struct rw_keyring *from, const struct rw_keyring *to,
    const char *context, const char *sealed, char **ret,
    struct rw_error *err)
{
	char *plain;
	size_t len;
	int rc = rw_unseal(from, context, sealed, &plain, &len, err);

	if (rc != RW_OK)
		return rc;
	rc = rw_seal(to, context, plain, len, ret, err);
	sodium_memzero(plain, len);
	free(plain);
	return rc;
}

/* ---- blind indexes and pseudonyms ---- */

/* The BLAKE2b MAC under key of name's comparison key (the folding
 * people/name-match.h does), in mac (INDEX_BYTES). */
static int
name_mac(const struct rw_keyring *k, const unsigned char *key,
    const char *name, unsigned char mac[INDEX_BYTES], struct rw_error *err)
{
	char folded[NAME_KEY_MAX];
	int n;

	rw_error_clear(err);
	if (k == NULL || name == NULL)
		return rw_error_set(err, RW_EINVAL, "no key or no name given");
	n = rw_name_key(name, folded, sizeof(folded), err);
	if (n == 0)
		n = rw_error_set(err, RW_EINVAL,
		    "a name without a letter or digit cannot be indexed");
	if (n > 0)
		crypto_generichash(mac, INDEX_BYTES, (unsigned char *)folded,
		    (size_t)n, key, crypto_generichash_KEYBYTES);
	sodium_memzero(folded, sizeof(folded));
	return n > 0 ? RW_OK : n;
}

int
rw_blind_index(const struct rw_keyring *k, const char *name,
    char hex[RW_BLIND_INDEX_HEX], struct rw_error *err)
{
	unsigned char mac[INDEX_BYTES];
	int r = k != NULL && hex != NULL ?
	    name_mac(k, k->index, name, mac, err) :
	    rw_error_set(err, RW_EINVAL, "no key given");

	if (r == RW_OK)
		sodium_bin2hex(hex, RW_BLIND_INDEX_HEX, mac, sizeof(mac));
	return r;
}

int
rw_pseudonym(const struct rw_keyring *k, const char *name,
    char out[RW_PSEUDONYM_MAX], struct rw_error *err)
{
	unsigned char mac[INDEX_BYTES];
	int r = k != NULL && out != NULL ?
	    name_mac(k, k->pseudonym, name, mac, err) :
	    rw_error_set(err, RW_EINVAL, "no key given");

	if (r == RW_OK) {
		memcpy(out, RW_PSEUDONYM_PREFIX, sizeof(RW_PSEUDONYM_PREFIX));
		sodium_bin2hex(out + sizeof(RW_PSEUDONYM_PREFIX) - 1,
		    RW_PSEUDONYM_MAX - (sizeof(RW_PSEUDONYM_PREFIX) - 1), mac,
		    PSEUDONYM_BYTES);
	}
	return r;
}
