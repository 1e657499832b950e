/* test-digest.c: SHA-256 of evidence bytes (crypto/digest.h), against the
 * FIPS 180-2 test vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/digest.h"
#include "unit.h"

static int
setup(void **state)
{
	return rw_crypto_init();
}

static void
check_sha(const void *data, size_t len, const char *want)
{
	char hex[65];

	memset(hex, 'X', sizeof(hex));
	rw_sha256_hex(data, len, hex);
	assert_int_equal(hex[64], '\0');
	assert_string_equal(hex, want);
}

static void
test_init_again(void **state)
{
	assert_int_equal(rw_crypto_init(), 0);
	assert_int_equal(rw_crypto_init(), 0);
}

static void
test_empty(void **state)
{
	check_sha("", 0,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_abc(void **state)
{
	check_sha("abc", 3,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_two_blocks(void **state)
{
	const char *s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	check_sha(s, strlen(s),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_million_a(void **state)
{
	char *a = malloc(1000000);

	assert_non_null(a);
	memset(a, 'a', 1000000);
	check_sha(a, 1000000,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

static void
test_binary_bytes(void **state)
{
	/* Length, not NUL, ends the input. */
	check_sha("\0", 1,
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
	check_sha("\0\xff\x01" "evidence\0", 12,
	    "a8c9c70adc07217eba768b264255ff0d9919909575311e092bd964a79e9706b0");
}

static void
test_lower_case_hex(void **state)
{
	char hex[65];

	rw_sha256_hex("abc", 3, hex);
	for (int i = 0; i < 64; i++)
		assert_true((hex[i] >= '0' && hex[i] <= '9') ||
		    (hex[i] >= 'a' && hex[i] <= 'f'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_again),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_two_blocks),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_binary_bytes),
		cmocka_unit_test(test_lower_case_hex),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("digest", tests, setup, NULL);
}
