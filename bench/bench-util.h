/* bench-util.h: what the benchmarks share: clocks, a reproducible
 * pseudo-random sequence, and the length of a static array. */
#ifndef RW_BENCH_UTIL_H
#define RW_BENCH_UTIL_H

#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* CPU seconds of this process (user and system). */
static inline double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds on the monotonic clock. */
static inline double
wall_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A linear congruential sequence: reproducible from its seed, not
 * secret. */
static inline unsigned long
next_rand(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

#endif
