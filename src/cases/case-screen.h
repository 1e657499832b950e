/* case-screen.h: screening stored cases: each case, the profiles of its
 * host and destination states, the returns the store records from its
 * host, and today's date go to the rules (screen/screen.h); the level and
 * score are recorded on the case, so lists and alerts can rank cases
 * without screening them again.
 *
 * A screener keeps, for the length of one run, what the store counted
 * for each host, so screening every case of a large store costs the same
 * per case as screening a few. */
#ifndef RW_CASES_CASE_SCREEN_H
#define RW_CASES_CASE_SCREEN_H

#include "cases/case.h"
#include "core/date.h"
#include "screen/screen.h"
#include "store/store.h"

struct rw_case_screener;

/* A screener over store with rules (both borrowed, and must outlive
 * it). */
int rw_case_screener_new(struct rw_store *store,
    const struct rw_screen_rules *rules, struct rw_case_screener **ret,
    struct rw_error *err);
void rw_case_screener_free(struct rw_case_screener *s);

/* Screens c (a stored case: c->id set) as of today into *ret
 * (rw_screening_free it) and records the result on the case. */
int rw_case_screen(struct rw_case_screener *s, const struct rw_case *c,
    const struct rw_date *today, struct rw_screening *ret,
    struct rw_error *err);

#endif
