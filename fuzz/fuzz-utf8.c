/* fuzz-utf8: rw_utf8_clean, rw_utf8_valid, rw_utf8_prefix and the
 * decoder/encoder pair on arbitrary bytes. */
#include "fuzz.h"

static int
is_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* rw_utf8_prefix(s, len, max) for one max. */
static void
check_prefix(const char *s, size_t len, size_t max, int valid)
{
	size_t n = rw_utf8_prefix(s, len, max);

	FUZZ_CHECK(n <= len);
	if (len <= max) {
		FUZZ_CHECK(n == len);
		return;
	}
	FUZZ_CHECK(n <= max);
	if (!valid)
		return;
	/* On valid text: the cut falls on a sequence boundary, the prefix is
	 * itself valid, and it is the longest such prefix (a sequence is at
	 * most 4 bytes). */
	FUZZ_CHECK(!is_continuation(s[n]));
	FUZZ_CHECK(rw_utf8_valid(s, n));
	FUZZ_CHECK(max - n <= 3);
	for (size_t k = n + 1; k <= max; k++)
		FUZZ_CHECK(is_continuation(s[k]));
}

static void
check_prefixes(const char *s, size_t len, int valid)
{
	/* Every cut for short strings, a spread of cuts for long ones. */
	size_t step = len <= 256 ? 1 : len / 32;

	for (size_t max = 0; max <= len + 1; max += step)
		check_prefix(s, len, max, valid);
	check_prefix(s, len, len, valid);
	check_prefix(s, len, (size_t)-1, valid);
}

/* Output of rw_utf8_clean: valid UTF-8 without CR or the control
 * characters it drops. */
static void
check_clean_output(const struct rw_buf *out)
{
	const unsigned char *p = (const unsigned char *)out->data;
	size_t i = 0;

	if (out->len == 0)
		return;
	FUZZ_CHECK(out->data != NULL);
	FUZZ_CHECK(out->data[out->len] == '\0');
	FUZZ_CHECK(rw_utf8_valid(out->data, out->len));
	while (i < out->len) {
		uint32_t cp;
		size_t used = rw_utf8_decode(p + i, out->len - i, &cp);

		FUZZ_CHECK(used >= 1 && used <= 4 && used <= out->len - i);
		FUZZ_CHECK(cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\f');
		FUZZ_CHECK(cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		i += used;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct rw_buf full, capped, again;
	size_t replaced = (size_t)-1, replaced_again = (size_t)-1;
	int valid = rw_utf8_valid(in, size), r;

	/* Each input byte yields at most 3 output bytes (U+FFFD), so this cap
	 * is never reached. */
	rw_buf_init(&full, 3 * size + 1);
	r = rw_utf8_clean(&full, in, size, &replaced);
	FUZZ_CHECK(r == RW_OK);
	FUZZ_CHECK(replaced <= size);
	FUZZ_CHECK((replaced == 0) == valid);
	check_clean_output(&full);

	/* Cleaning clean text replaces nothing. */
	rw_buf_init(&again, 3 * full.len + 1);
	FUZZ_CHECK(rw_utf8_clean(&again, full.data != NULL ? full.data : "",
	    full.len, &replaced_again) == RW_OK);
	FUZZ_CHECK(replaced_again == 0);
	check_clean_output(&again);
	rw_buf_free(&again);

	/* A capped buffer either gets everything or fails with RW_ETOOBIG
	 * holding a valid prefix of the full result. */
	rw_buf_init(&capped, size / 2);
	r = rw_utf8_clean(&capped, in, size, NULL);
	FUZZ_CHECK(r == RW_OK || r == RW_ETOOBIG);
	FUZZ_CHECK(capped.len <= size / 2);
	check_clean_output(&capped);
	if (r == RW_OK) {
		FUZZ_CHECK(capped.len == full.len);
	} else {
		FUZZ_CHECK(capped.len < full.len);
	}
	FUZZ_CHECK(capped.len == 0 ||
	    memcmp(capped.data, full.data, capped.len) == 0);
	rw_buf_free(&capped);

	/* Decoding then encoding a well-formed sequence gives it back. */
	for (size_t i = 0; i < size;) {
		uint32_t cp;
		size_t used = rw_utf8_decode(data + i, size - i, &cp);
		struct rw_buf enc;

		FUZZ_CHECK(used >= 1 && used <= 4 && used <= size - i);
		FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
		rw_buf_init(&enc, 4);
		FUZZ_CHECK(rw_utf8_encode(&enc, cp) == RW_OK);
		if (cp != RW_UTF8_REPLACEMENT || used == 3)
			FUZZ_CHECK(enc.len == used &&
			    memcmp(enc.data, data + i, used) == 0);
		rw_buf_free(&enc);
		i += used;
	}

	check_prefixes(in, size, valid);
	if (full.len > 0)
		check_prefixes(full.data, full.len, 1);
	rw_buf_free(&full);
	return 0;
}
