/* seal.h: sealed fields and blind indexes (libsodium).
 *
 * A store's sensitive values (case names, aliases, contacts, locations,
 * notes, and the change history of all of them) are sealed with
 * XChaCha20-Poly1305 (IETF) under a key that is never stored in the
 * database: a 32-byte key file created by `refuge init` with mode 0600
 * beside the data directory (DIR.key), or a key derived from a passphrase
 * with argon2id (the salt, which is not secret, is kept in the store).
 *
 * Subkeys are derived from the master key for sealing and for the blind
 * index, so neither reveals the other. Every sealed value is bound to its
 * place by associated data (the context, e.g. "case:12:contact"), so a
 * value copied to another row or field does not open. A value sealed
 * under another key, tampered with or truncated fails to open with
 * RW_ECORRUPT ("wrong key or damaged value"), never with garbage.
 *
 * Names stay findable through a keyed blind index: the BLAKE2b MAC of
 * the name's comparison key (people/name-match.h: case, diacritics,
 * hyphens and spacing folded, other scripts transliterated), so equal
 * normalised names give equal indexes and nothing else can be learnt
 * from them without the key.
 *
 * Public exports show a pseudonym in place of each name: a MAC of the
 * same comparison key under a subkey of its own, so the same person is
 * the same pseudonym in every record and every export made with the key,
 * while no pseudonym can be matched against the store's blind indexes. */
#ifndef RW_CRYPTO_SEAL_H
#define RW_CRYPTO_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define RW_KEY_BYTES 32
#define RW_SALT_BYTES 16
#define RW_BLIND_INDEX_HEX 33   /* 16-byte MAC as hex, and a NUL */
#define RW_KEY_ID_HEX 17        /* 8-byte fingerprint as hex, and a NUL */
#define RW_PSEUDONYM_PREFIX "person-"
#define RW_PSEUDONYM_MAX 18     /* "person-", 5 bytes as hex, a NUL */

struct rw_keyring;

/* Creates a new random key file at path with mode 0600 (O_EXCL: refuses
 * to overwrite; RW_EEXIST). */
int rw_key_file_create(const char *path, struct rw_error *err);

/* Reads a key file: RW_ENOTFOUND when missing, RW_EINVAL when it is not a
 * key file or is readable by others than its owner (mode not 0600 or
 * 0400: say so, and how to fix it). */
int rw_keyring_from_file(const char *path, struct rw_keyring **ret,
    struct rw_error *err);

/* Longest passphrase accepted, in bytes of UTF-8. */
#define RW_PASSPHRASE_MAX 1024

/* Largest value rw_seal accepts, in bytes (RW_ETOOBIG above). */
#define RW_SEAL_PLAIN_MAX (16 * 1024 * 1024)

/* Derives the key from a passphrase and a salt with argon2id (libsodium's
 * interactive limits: docs/internals/sealing.md says why); RW_EINVAL for
 * an empty passphrase or one that is not UTF-8, RW_ETOOBIG over
 * RW_PASSPHRASE_MAX bytes. */
int rw_keyring_from_passphrase(const char *passphrase,
    const unsigned char salt[RW_SALT_BYTES], struct rw_keyring **ret,
    struct rw_error *err);

/* A new random salt for rw_keyring_from_passphrase. */
void rw_salt_new(unsigned char salt[RW_SALT_BYTES]);

/* Wipes and frees the keyring; NULL is fine. */
void rw_keyring_free(struct rw_keyring *k);

/* A fingerprint of the key (not the key): lets a store tell "wrong key"
 * from "damaged value". */
void rw_keyring_id(const struct rw_keyring *k, char hex[RW_KEY_ID_HEX]);

/* Seals len bytes of plain for context into a new NUL-terminated text
 * (base64 of version, nonce, ciphertext and tag) in *ret (free()). */
int rw_seal(const struct rw_keyring *k, const char *context,
    const void *plain, size_t len, char **ret, struct rw_error *err);

/* Opens a sealed text made by rw_seal for the same context: *ret is a
 * new NUL-terminated buffer (free(), wiped by the caller if it wishes)
 * and *ret_len its length. When the key, the context or the
 * bytes differ: RW_ECORRUPT. */
int rw_unseal(const struct rw_keyring *k, const char *context,
    const char *sealed, char **ret, size_t *ret_len, struct rw_error *err);

/* Opens sealed (a value for context under from) and seals it again
 * under to, for key rotation: *ret as for rw_seal; the plaintext is
 * wiped before this returns. Errors as for rw_unseal and rw_seal. */
int rw_reseal(const struct rw_keyring *from, const struct rw_keyring *to,
    const char *context, const char *sealed, char **ret,
    struct rw_error *err);

/* The blind index of a name (see above) as hex; RW_EINVAL when the name
 * has no letter or digit (it could not be found anyway). */
int rw_blind_index(const struct rw_keyring *k, const char *name,
    char hex[RW_BLIND_INDEX_HEX], struct rw_error *err);

/* The published pseudonym of a name, "person-" and 10 hex digits (40
 * bits: two of 10,000 names share one with odds of about 1 in 20,000).
 * Names equal after folding give the same pseudonym; errors as for
 * rw_blind_index. */
int rw_pseudonym(const struct rw_keyring *k, const char *name,
    char out[RW_PSEUDONYM_MAX], struct rw_error *err);

#endif
