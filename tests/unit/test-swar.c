/* test-swar.c: eight-byte tests (core/swar.h) against a byte-by-byte
 * reference, for every byte value in every position. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/swar.h"
#include "unit.h"

static bool
any_below(const unsigned char *p, unsigned n)
{
	for (int i = 0; i < 8; i++)
		if (p[i] < n)
			return true;
	return false;
}

static bool
all_printable(const unsigned char *p)
{
	for (int i = 0; i < 8; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			return false;
	return true;
}

static void
test_every_byte_in_every_position(void **state)
{
	static const unsigned limits[] = {1, 0x20, 0x7F, 0x80};
	/* a plain background, and one with bytes that sit near the edges */
	static const unsigned char backgrounds[][8] = {
		{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'},
		{0x20, 0x7E, 0x21, 0x7D, 0x20, 0x7E, 0x40, 0x60},
	};

	for (size_t b = 0; b < 2; b++)
		for (int pos = 0; pos < 8; pos++)
			for (unsigned v = 0; v < 256; v++) {
				unsigned char bytes[8];
				memcpy(bytes, backgrounds[b], 8);
				bytes[pos] = (unsigned char)v;
				uint64_t x = rw_swar_load(bytes);
				for (size_t k = 0; k < 4; k++) {
					uint64_t each = rw_swar_below_each(x,
					    limits[k]);
					unsigned char flags[8];
					assert_int_equal(rw_swar_below(x,
					    limits[k]) != 0, any_below(bytes,
					    limits[k]));
					memcpy(flags, &each, 8);
					for (int i = 0; i < 8; i++)
						assert_int_equal(flags[i],
						    bytes[i] < limits[k] ?
						    0x80 : 0);
				}
				assert_int_equal(rw_swar_printable(x),
				    all_printable(bytes));
			}
}

static void
test_unaligned_load_reads_the_bytes_given(void **state)
{
	unsigned char buf[16];

	for (int i = 0; i < 16; i++)
		buf[i] = (unsigned char)(i + 1);
	for (int off = 0; off < 8; off++) {
		uint64_t x = rw_swar_load(buf + off);
		unsigned char back[8];
		memcpy(back, &x, 8);
		assert_memory_equal(back, buf + off, 8);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_in_every_position),
		cmocka_unit_test(test_unaligned_load_reads_the_bytes_given),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("swar", tests, NULL, NULL);
}
