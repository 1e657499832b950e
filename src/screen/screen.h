/* screen.h: explained risk screening of a case, with advice.
 *
 * The rules are data (data/screening/, documented there, compiled into
 * the binary and loadable from a file an expert edits): each rule names
 * a factor, the condition under which it applies, its weight and the
 * sentence that explains it, with the evidence filled in. The score is
 * the sum of the weights of the factors that apply; thresholds in the
 * same file turn it into a level. Diplomatic assurances never lower the
 * risk. The same file lists the interventions and when each fits.
 *
 * The evaluator does no I/O: it is given the case, the host and
 * destination profiles and the host's record computed from incidents, so
 * scenarios are plain data and screening 100,000 cases costs only the
 * rules. */
#ifndef RW_SCREEN_SCREEN_H
#define RW_SCREEN_SCREEN_H

#include <stddef.h>

#include "cases/case.h"
#include "core/date.h"
#include "core/error.h"
#include "countries/country-profile.h"

enum rw_level {
	RW_LEVEL_LOW,
	RW_LEVEL_ELEVATED,
	RW_LEVEL_HIGH,
	RW_LEVEL_CRITICAL,
};

struct rw_screen_rules;

/* Parses a rule file; on a malformed rule RW_EFORMAT with a message that
 * names the line and the problem ("rules.txt:12: unknown condition
 * 'dest-persecutes'"). */
int rw_screen_rules_parse(const char *name, const char *text, size_t len,
    struct rw_screen_rules **ret, struct rw_error *err);
/* Adds the rows of a persecution table (the format of
 * data/screening/persecution.tsv) to rules; on a malformed row
 * RW_EFORMAT naming the line, and rules are left as they were. */
int rw_screen_persecution_parse(struct rw_screen_rules *rules,
    const char *name, const char *text, size_t len, struct rw_error *err);
/* The rules compiled into the binary, with their persecution table. */
int rw_screen_rules_default(struct rw_screen_rules **ret,
    struct rw_error *err);
void rw_screen_rules_free(struct rw_screen_rules *rules);

/* What the store knows of the host state's conduct: incidents (not
 * rejected) with the host as host country. */
struct rw_host_record {
	long returns_to_dest;     /* returns and renditions to the case's dest */
	long returns_total;       /* returns to anywhere */
	long threatened_to_dest;  /* threatened returns to dest */
	int last_return_year;     /* of a return to dest; 0 when none */
};

struct rw_screen_input {
	const struct rw_case *c;
	const struct rw_country *host;  /* NULL when unknown */
	const struct rw_country *dest;  /* NULL when unknown */
	struct rw_host_record record;
	struct rw_date today;           /* for deadlines */
};

struct rw_factor {
	const char *id;            /* the rule's name, e.g. "deadline-near" */
	int weight;
	char *explanation;         /* one sentence citing its evidence */
};

struct rw_advice {
	const char *id;            /* e.g. "cat-interim-measures" */
	const char *action;        /* what to do */
	char *why;                 /* why it fits this case */
};

struct rw_screening {
	int score;
	enum rw_level level;
	struct rw_factor *factors; /* in the order the rules list them */
	size_t n_factors;
	struct rw_advice *advice;
	size_t n_advice;
};

int rw_screen(const struct rw_screen_rules *rules,
    const struct rw_screen_input *in, struct rw_screening *out,
    struct rw_error *err);
void rw_screening_free(struct rw_screening *s);

const char *rw_level_name(enum rw_level level);
/* "low", "elevated", "high", "critical"; false for anything else. */
bool rw_level_parse(const char *name, enum rw_level *ret);

#endif
