/* swar.h: tests on eight bytes at once (SIMD within a register).
 *
 * For loops that scan text for the rare byte that needs care (a control
 * character, a non-ASCII byte): they step eight bytes at a time while
 * none is there, and fall back to one byte at a time around it. */
#ifndef RW_CORE_SWAR_H
#define RW_CORE_SWAR_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define RW_SWAR_ONES 0x0101010101010101ULL

/* The eight bytes at p, in any alignment. */
static inline uint64_t rw_swar_load(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
	return x;
}

/* Non-zero when a byte of x is below n (0 < n <= 128); bytes of 0x80 and
 * above never count. */
static inline uint64_t rw_swar_below(uint64_t x, unsigned n)
{
	return (x - RW_SWAR_ONES * n) & ~x & (RW_SWAR_ONES * 0x80);
}

/* 0x80 in each byte of x that is below n (0 < n <= 128), 0 in the
 * others: exact, unlike rw_swar_below, as nothing carries between the
 * bytes. */
static inline uint64_t rw_swar_below_each(uint64_t x, unsigned n)
{
	uint64_t low7 = x & (RW_SWAR_ONES * 0x7F);
	uint64_t at_least_n = low7 + RW_SWAR_ONES * (0x80 - n);

	return ~(at_least_n | x) & (RW_SWAR_ONES * 0x80);
}

/* 0x80 in each byte of x from lo to hi (0 < lo <= hi < 128), 0 in the
 * others. */
static inline uint64_t rw_swar_between_each(uint64_t x, unsigned lo,
    unsigned hi)
{
	return rw_swar_below_each(x, hi + 1) & ~rw_swar_below_each(x, lo);
}

/* True when all eight bytes are printable ASCII (0x20 to 0x7E). A byte
 * below 0x20 sets its top bit in x - 0x20 (the borrows it makes past
 * itself only add to a result that is already false), one of 0x7F to
 * 0xFE in x + 1, and one of 0x80 and above in x. */
static inline bool rw_swar_printable(uint64_t x)
{
	return !((x | (x - RW_SWAR_ONES * 0x20) | (x + RW_SWAR_ONES)) &
	    (RW_SWAR_ONES * 0x80));
}

#endif
