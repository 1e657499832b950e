/* digest.c: SHA-256 of evidence bytes through libsodium. */
#include "crypto/digest.h"

#include <sodium.h>

#include "core/error.h"

int
rw_crypto_init(void)
{
	return sodium_init() < 0 ? RW_EINVAL : RW_OK;
}

void
rw_sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}
