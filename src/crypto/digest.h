/* digest.h: SHA-256 of evidence bytes (libsodium). */
#ifndef RW_CRYPTO_DIGEST_H
#define RW_CRYPTO_DIGEST_H

#include <stddef.h>

/* Initialises libsodium; call once before any other crypto call. Returns 0
 * or RW_EINVAL when the library cannot start. Safe to call again. */
int rw_crypto_init(void);

/* Writes the SHA-256 of data as 64 lower-case hex digits and a NUL. */
void rw_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
