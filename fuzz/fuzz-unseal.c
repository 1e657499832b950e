/* fuzz-unseal: rw_unseal on a NUL-terminated copy of the input, under a
 * fixed key (passphrase "fuzz", zero salt, derived once per process) and
 * the context "case:1:note", so sealed values in the corpus really open.
 * Any input gives RW_OK or RW_ECORRUPT. A value that opens was written
 * by rw_seal: its text has exactly the length rw_seal gives that many
 * bytes (padded to 32), and it seals and opens again to the same bytes. */
#include "fuzz.h"

#include <sodium.h>

#include "crypto/seal.h"

#define CONTEXT "case:1:note"
/* version, nonce and tag around the ciphertext; padding to 32 bytes */
#define SEAL_OVERHEAD (1 + 24 + 16)
#define SEAL_PADDED(len) (((len) / 32 + 1) * 32)

static const struct rw_keyring *
fuzz_key(void)
{
	static struct rw_keyring *k;
	static const unsigned char salt[RW_SALT_BYTES];

	if (k == NULL)
		FUZZ_CHECK(rw_keyring_from_passphrase("fuzz", salt, &k,
		    NULL) == RW_OK);
	return k;
}

/* plain opened from text: it must survive another round trip. */
static void
check_opened(const char *text, const char *plain, size_t len)
{
	const struct rw_keyring *k = fuzz_key();
	char *again = NULL, *back = NULL;
	size_t back_len = 0;

	FUZZ_CHECK(plain[len] == '\0');
	FUZZ_CHECK(strlen(text) == sodium_base64_ENCODED_LEN(SEAL_OVERHEAD +
	    SEAL_PADDED(len), sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1);
	FUZZ_CHECK(rw_seal(k, CONTEXT, plain, len, &again, NULL) == RW_OK);
	FUZZ_CHECK(strcmp(again, text) != 0);
	FUZZ_CHECK(rw_unseal(k, CONTEXT, again, &back, &back_len, NULL) ==
	    RW_OK);
	FUZZ_CHECK(back_len == len && memcmp(back, plain, len) == 0);
	free(again);
	free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *plain = NULL;
	size_t len = 0;
	struct rw_error err;
	int r;

	FUZZ_CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	r = rw_unseal(fuzz_key(), CONTEXT, text, &plain, &len, &err);
	FUZZ_CHECK(r == RW_OK || r == RW_ECORRUPT);
	if (r == RW_OK) {
		check_opened(text, plain, len);
		free(plain);
	} else {
		FUZZ_CHECK(err.code == r && err.message[0] != '\0');
		FUZZ_CHECK(plain == NULL);
	}
	free(text);
	return 0;
}
