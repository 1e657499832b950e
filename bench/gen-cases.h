/* gen-cases.h: the generated case stores the store benchmarks share
 * (bench-screen-store, bench-alerts): N cases with 10 incidents each,
 * from a fixed seed, made once under a folder and kept. */
#ifndef RW_BENCH_GEN_CASES_H
#define RW_BENCH_GEN_CASES_H

#include <stddef.h>

#define GEN_INCIDENTS_PER_CASE 10

/* Half the cases have one hearing, on a day of December 2026 from the
 * 1st to the 28th, evenly spread. */
#define GEN_DEADLINE_FIRST "2026-12-01"
#define GEN_DEADLINE_DAYS 28

/* The store of n cases: ret_dir gets root/n and ret_key root/n.key.
 * The store is generated (and root made) unless root/n exists already.
 * Returns 0, or 1 after saying on stderr what failed. */
int gen_cases_store(const char *root, size_t n, char *ret_dir,
    size_t dir_size, char *ret_key, size_t key_size);

/* N parsed from a command-line argument; 0 (after saying so on stderr)
 * when it is not a positive count. */
size_t gen_cases_count(const char *prog, const char *arg);

#endif
