/* test-utf8.c: decoding and cleaning untrusted UTF-8 (core/utf8.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "unit.h"

#define FFFD "\xEF\xBF\xBD"

static void
check_decode(const char *bytes, size_t len, uint32_t want_cp,
    size_t want_used)
{
	uint32_t cp = 0x12345;
	size_t used = rw_utf8_decode((const unsigned char *)bytes, len, &cp);

	assert_int_equal(cp, want_cp);
	assert_int_equal(used, want_used);
}

static void
test_decode_valid(void **state)
{
	check_decode("A", 1, 'A', 1);
	check_decode("\0", 1, 0, 1);
	check_decode("\x7F", 1, 0x7F, 1);
	check_decode("\xC2\x80", 2, 0x80, 2);
	check_decode("\xC3\xA9", 2, 0xE9, 2);          /* é */
	check_decode("\xDF\xBF", 2, 0x7FF, 2);
	check_decode("\xE0\xA0\x80", 3, 0x800, 3);
	check_decode("\xE2\x82\xAC", 3, 0x20AC, 3);    /* € */
	check_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);    /* just below surrogates */
	check_decode("\xEE\x80\x80", 3, 0xE000, 3);    /* just above them */
	check_decode(FFFD, 3, 0xFFFD, 3);
	check_decode("\xEF\xBF\xBF", 3, 0xFFFF, 3);
	check_decode("\xF0\x90\x80\x80", 4, 0x10000, 4);
	check_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4); /* emoji */
	check_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
	/* Only the first code point is read. */
	check_decode("\xC3\xA9xyz", 5, 0xE9, 2);
}

static void
test_decode_invalid_consumes_one_byte(void **state)
{
	check_decode("\x80", 1, RW_UTF8_REPLACEMENT, 1);      /* continuation */
	check_decode("\xBF\x80", 2, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xC0\xAF", 2, RW_UTF8_REPLACEMENT, 1);  /* overlong '/' */
	check_decode("\xC1\xBF", 2, RW_UTF8_REPLACEMENT, 1);  /* overlong */
	check_decode("\xE0\x80\xAF", 3, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xE0\x9F\xBF", 3, RW_UTF8_REPLACEMENT, 1); /* overlong 0x7FF */
	check_decode("\xF0\x80\x80\xAF", 4, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xF0\x8F\xBF\xBF", 4, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xED\xA0\x80", 3, RW_UTF8_REPLACEMENT, 1); /* U+D800 */
	check_decode("\xED\xBF\xBF", 3, RW_UTF8_REPLACEMENT, 1); /* U+DFFF */
	check_decode("\xF4\x90\x80\x80", 4, RW_UTF8_REPLACEMENT, 1); /* > U+10FFFF */
	check_decode("\xF7\xBF\xBF\xBF", 4, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xF8\x88\x80\x80\x80", 5, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xFC\x84\x80\x80\x80\x80", 6, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xFE", 1, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xFF", 1, RW_UTF8_REPLACEMENT, 1);
	/* Truncated: the length given ends inside the sequence. */
	check_decode("\xE2\x82\xAC", 2, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xF0\x9F\x98\x80", 3, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xC3", 1, RW_UTF8_REPLACEMENT, 1);
	/* A lead byte followed by a non-continuation. */
	check_decode("\xC3(", 2, RW_UTF8_REPLACEMENT, 1);
	check_decode("\xE2\x82(", 3, RW_UTF8_REPLACEMENT, 1);
}

static void
check_encode(uint32_t cp, const char *want)
{
	struct rw_buf b;

	rw_buf_init(&b, 16);
	assert_int_equal(rw_utf8_encode(&b, cp), RW_OK);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.data, want, b.len);
	rw_buf_free(&b);
}

static void
test_encode(void **state)
{
	check_encode('A', "A");
	check_encode(0x7F, "\x7F");
	check_encode(0x80, "\xC2\x80");
	check_encode(0xE9, "\xC3\xA9");
	check_encode(0x7FF, "\xDF\xBF");
	check_encode(0x800, "\xE0\xA0\x80");
	check_encode(0x20AC, "\xE2\x82\xAC");
	check_encode(0xFFFF, "\xEF\xBF\xBF");
	check_encode(0x10000, "\xF0\x90\x80\x80");
	check_encode(0x10FFFF, "\xF4\x8F\xBF\xBF");
	/* Not encodable: surrogates and values past U+10FFFF. */
	check_encode(0xD800, FFFD);
	check_encode(0xDFFF, FFFD);
	check_encode(0x110000, FFFD);
	check_encode(0xFFFFFFFFu, FFFD);
}

static void
test_encode_decode_round_trip(void **state)
{
	static const uint32_t cps[] = {0x1, 0x41, 0x7F, 0x80, 0x3B1, 0x7FF,
	    0x800, 0x4E2D, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600,
	    0x10FFFF};
	struct rw_buf b;

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		uint32_t cp;
		size_t used;

		rw_buf_init(&b, 8);
		assert_int_equal(rw_utf8_encode(&b, cps[i]), RW_OK);
		used = rw_utf8_decode((const unsigned char *)b.data, b.len, &cp);
		assert_int_equal(used, b.len);
		assert_int_equal(cp, cps[i]);
		rw_buf_free(&b);
	}
}

static void
test_encode_respects_cap(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 3);
	assert_int_equal(rw_utf8_encode(&b, 'a'), RW_OK);
	assert_int_equal(rw_utf8_encode(&b, 0x20AC), RW_ETOOBIG);
	assert_string_equal(b.data, "a");
	assert_int_equal(rw_utf8_encode(&b, 0xE9), RW_OK);
	assert_string_equal(b.data, "a\xC3\xA9");
	rw_buf_free(&b);
}

static void
test_valid(void **state)
{
	assert_true(rw_utf8_valid("", 0));
	assert_true(rw_utf8_valid("plain ASCII", 11));
	assert_true(rw_utf8_valid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14));
	assert_true(rw_utf8_valid("a\0b", 3));  /* NUL is well-formed */
	assert_true(rw_utf8_valid(FFFD, 3));    /* a real U+FFFD is fine */
	assert_false(rw_utf8_valid("caf\xC3", 4));
	assert_false(rw_utf8_valid("a\xFF" "b", 3));
	assert_false(rw_utf8_valid("\xC0\xAF", 2));
	assert_false(rw_utf8_valid("\xE0\x80\xAF", 3));
	assert_false(rw_utf8_valid("\xED\xA0\x80", 3));
	assert_false(rw_utf8_valid("\xED\xB0\x80", 3));
	assert_false(rw_utf8_valid("\xF4\x90\x80\x80", 4));
	/* The length is honoured: the bad byte sits past it. */
	assert_true(rw_utf8_valid("ok\xFF", 2));
}

/* Cleans in[0..len) into a fresh buffer and checks the result. */
static void
check_clean(const char *in, size_t len, const char *want, size_t want_replaced)
{
	struct rw_buf b;
	size_t replaced = 999;

	rw_buf_init(&b, 4096);
	assert_int_equal(rw_utf8_clean(&b, in, len, &replaced), RW_OK);
	assert_string_equal(b.data != NULL ? b.data : "", want);
	assert_int_equal(b.len, strlen(want));
	assert_int_equal(replaced, want_replaced);
	assert_true(b.len == 0 || rw_utf8_valid(b.data, b.len));
	rw_buf_free(&b);
}

#define CLEAN(in, want, n) check_clean(in, sizeof(in) - 1, want, n)

static void
test_clean_valid_text_unchanged(void **state)
{
	CLEAN("Plain text, with punctuation!", "Plain text, with punctuation!", 0);
	CLEAN("caf\xC3\xA9 na\xC3\xAFve \xE2\x82\xAC \xF0\x9F\x98\x80",
	    "caf\xC3\xA9 na\xC3\xAFve \xE2\x82\xAC \xF0\x9F\x98\x80", 0);
	CLEAN("tab\there\nnew line\fpage", "tab\there\nnew line\fpage", 0);
	CLEAN("a real " FFFD " stays", "a real " FFFD " stays", 0);
}

static void
test_clean_invalid_inside_valid_text(void **state)
{
	/* The valid text on both sides survives; the bad byte is U+FFFD. */
	CLEAN("caf\xC3\xA9 \xFF na\xC3\xAFve", "caf\xC3\xA9 " FFFD " na\xC3\xAFve", 1);
	CLEAN("\xFF" "start", FFFD "start", 1);
	CLEAN("end\xC3", "end" FFFD, 1);
	CLEAN("lone \x80 continuation", "lone " FFFD " continuation", 1);
	CLEAN("cut \xE2\x82 euro", "cut " FFFD FFFD " euro", 2);
}

static void
test_clean_overlong_and_surrogates(void **state)
{
	/* One U+FFFD per byte of a bad sequence (rw_utf8_decode consumes
	 * one byte on error), so nothing of the sequence leaks through:
	 * an overlong '/' must not become '/'. */
	CLEAN("a\xC0\xAFz", "a" FFFD FFFD "z", 2);
	CLEAN("a\xE0\x80\xAFz", "a" FFFD FFFD FFFD "z", 3);
	CLEAN("a\xF0\x80\x80\xAFz", "a" FFFD FFFD FFFD FFFD "z", 4);
	CLEAN("x\xED\xA0\x80y", "x" FFFD FFFD FFFD "y", 3);
	CLEAN("x\xED\xA0\xBD\xED\xB8\x80y",  /* CESU-8 surrogate pair */
	    "x" FFFD FFFD FFFD FFFD FFFD FFFD "y", 6);
	CLEAN("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4);
	CLEAN("\xC0\x80", FFFD FFFD, 2); /* overlong NUL */
}

static void
test_clean_line_endings(void **state)
{
	CLEAN("one\r\ntwo\rthree\nfour\r\n\r\n", "one\ntwo\nthree\nfour\n\n", 0);
	CLEAN("\r\r\n", "\n\n", 0);
}

static void
test_clean_bom_and_controls(void **state)
{
	/* A leading byte-order mark goes; one in the middle is text. */
	CLEAN("\xEF\xBB\xBFHello", "Hello", 0);
	CLEAN("a\xEF\xBB\xBF" "b", "a\xEF\xBB\xBF" "b", 0);
	CLEAN("\xEF\xBB\xBF", "", 0);
	/* C0 controls other than tab, LF and FF; DEL; C1 controls. */
	CLEAN("\x01\x02" "a\x7F" "b\x1B[0mc\x08" "d", "ab[0mcd", 0);
	CLEAN("x\xC2\x85y\xC2\x9Fz\xC2\xA0w", "xyz\xC2\xA0w", 0);
}

static void
test_clean_nul_bytes(void **state)
{
	check_clean("a\0b\0\0c", 6, "abc", 0);
	check_clean("\0\0\0", 3, "", 0);
}

static void
test_clean_appends_and_allows_null_count(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 64);
	rw_buf_append_str(&b, "kept:");
	assert_int_equal(rw_utf8_clean(&b, "x\xFFy", 3, NULL), RW_OK);
	assert_string_equal(b.data, "kept:x" FFFD "y");
	rw_buf_free(&b);
}

static void
test_clean_empty(void **state)
{
	struct rw_buf b;
	size_t replaced = 5;

	rw_buf_init(&b, 64);
	assert_int_equal(rw_utf8_clean(&b, "", 0, &replaced), RW_OK);
	assert_int_equal(b.len, 0);
	assert_int_equal(replaced, 0);
	rw_buf_free(&b);
}

static void
test_clean_past_cap(void **state)
{
	struct rw_buf b;

	rw_buf_init(&b, 8);
	rw_buf_append_str(&b, "ab");
	assert_int_equal(rw_utf8_clean(&b, "0123456789", 10, NULL), RW_ETOOBIG);
	/* A run of plain ASCII is appended whole or not at all. */
	assert_string_equal(b.data, "ab");
	assert_int_equal(rw_utf8_clean(&b, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
	    8, NULL), RW_ETOOBIG);
	assert_true(b.len <= 8);
	assert_true(rw_utf8_valid(b.data, b.len));
	rw_buf_free(&b);
}

static void
test_prefix(void **state)
{
	const char *s = "h\xC3\xA9llo";       /* h é l l o: 6 bytes */
	const char *emoji = "\xF0\x9F\x98\x80x";

	assert_int_equal(rw_utf8_prefix(s, 6, 10), 6);
	assert_int_equal(rw_utf8_prefix(s, 6, 6), 6);
	assert_int_equal(rw_utf8_prefix(s, 6, 5), 5);
	assert_int_equal(rw_utf8_prefix(s, 6, 3), 3);
	assert_int_equal(rw_utf8_prefix(s, 6, 2), 1); /* would split é */
	assert_int_equal(rw_utf8_prefix(s, 6, 1), 1);
	assert_int_equal(rw_utf8_prefix(s, 6, 0), 0);
	assert_int_equal(rw_utf8_prefix(emoji, 5, 4), 4);
	assert_int_equal(rw_utf8_prefix(emoji, 5, 3), 0);
	assert_int_equal(rw_utf8_prefix(emoji, 5, 1), 0);
	assert_int_equal(rw_utf8_prefix("", 0, 5), 0);
}

static void
test_copy_cuts_at_a_character(void **state)
{
	char out[4];

	rw_utf8_copy(out, sizeof(out), "abc");
	assert_string_equal(out, "abc");
	rw_utf8_copy(out, sizeof(out), "abcdef");
	assert_string_equal(out, "abc");
	rw_utf8_copy(out, sizeof(out), "a\xC3\xA9\xC3\xA9"); /* a é é */
	assert_string_equal(out, "a\xC3\xA9");            /* not half an é */
	rw_utf8_copy(out, sizeof(out), "\xF0\x9F\x98\x80");  /* 4 bytes */
	assert_string_equal(out, "");
	rw_utf8_copy(out, 1, "x");
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid_consumes_one_byte),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_encode_decode_round_trip),
		cmocka_unit_test(test_encode_respects_cap),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_clean_valid_text_unchanged),
		cmocka_unit_test(test_clean_invalid_inside_valid_text),
		cmocka_unit_test(test_clean_overlong_and_surrogates),
		cmocka_unit_test(test_clean_line_endings),
		cmocka_unit_test(test_clean_bom_and_controls),
		cmocka_unit_test(test_clean_nul_bytes),
		cmocka_unit_test(test_clean_appends_and_allows_null_count),
		cmocka_unit_test(test_clean_empty),
		cmocka_unit_test(test_clean_past_cap),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_copy_cuts_at_a_character),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
