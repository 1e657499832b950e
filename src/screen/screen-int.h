/* screen-int.h: the compiled form of the screening rules, shared by the
 * parser (rules.c) and the evaluator (screen.c). Not part of the API.
 *
 * A rule's condition is in disjunctive normal form: conditions are
 * anded, and a condition whose `starts_alt` is set opens another
 * alternative (the word `or` in the file). Explanations are templates:
 * literal text and placeholders, split once at parse time. */
#ifndef RW_SCREEN_SCREEN_INT_H
#define RW_SCREEN_SCREEN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "screen/screen.h"

enum cond_kind {
	COND_DEST_PERSECUTES_GROUP,
	COND_TAG_TARGETED_BY_DEST,
	COND_TAG,
	COND_HOST_PARTY,
	COND_HOST_NOT_PARTY,
	COND_HOST_ACCEPTS,
	COND_HOST_DOMESTIC_LAW,
	COND_HOST_NO_DOMESTIC_LAW,
	COND_HOST_RSD,
	COND_EXTRADITION_TREATY,
	COND_PACT,
	COND_RECORD_RETURNS,
	COND_RECORD_RETURNS_TOTAL,
	COND_RECORD_THREATENED,
	COND_DEADLINE_WITHIN,
	COND_DEADLINE_KIND,
	COND_REQUEST_KIND,
	COND_REQUEST_FROM_DEST,
	COND_NO_REQUEST,
	COND_CHARGE_PRETEXT,
	COND_ASSURANCES,
	COND_LEGAL_STATUS,
	COND_STATUS,
	COND_COUNT,
	COND_LEVEL_AT_LEAST,
	COND_KIND_COUNT
};

enum cmp_op { CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_EQ };

struct cond {
	enum cond_kind kind;
	bool negate;       /* `not` before it */
	bool starts_alt;   /* `or` before it */
	unsigned set;      /* enum values allowed, as bits (a|b|c) */
	enum cmp_op op;    /* comparisons */
	long n;            /* comparisons, days */
	char *text;        /* `tag WORD` */
};

/* What a placeholder stands for; names in rules.c, values in screen.c. */
enum placeholder {
	PH_GROUP, PH_GROUP_SOURCE, PH_TARGETED_TAGS, PH_TAG_SOURCE,
	PH_TAGS, PH_COUNT, PH_HOST, PH_HOST_NAME, PH_DEST, PH_DEST_NAME,
	PH_DOMESTIC_LAW, PH_EXTRADITION, PH_PACT, PH_HOST_RSD,
	PH_RETURNS_TO_DEST, PH_RETURNS_TOTAL, PH_THREATENED_TO_DEST,
	PH_LAST_RETURN_YEAR, PH_DEADLINE_KIND, PH_DEADLINE_DATE,
	PH_DAYS_LEFT, PH_REQUESTS, PH_CHARGES, PH_PRETEXTS,
	PH_LEGAL_STATUS, PH_STATUS, PH_SCORE, PH_LEVEL,
	PH_COUNT_OF
};

struct tpl_part {
	int ph;            /* an enum placeholder, or -1 for literal text */
	char *text;        /* the literal text */
};

struct tpl {
	struct tpl_part *parts;
	size_t n;
};

struct rule {
	char *id;
	int weight;        /* factors only */
	struct cond *conds;
	size_t n_conds;
	char *action;      /* advice only: plain text */
	struct tpl text;   /* a factor's explanation, an advice's why */
};

/* A row of persecution.tsv: dest persecutes the people named (a group,
 * or a profile tag; `|` separates spellings), per source. */
struct persecution {
	char dest[3];
	bool is_tag;
	char *names;
	char *source;
};

struct rw_screen_rules {
	int threshold[RW_LEVEL_CRITICAL + 1]; /* [LOW] unused */
	char **pretexts;
	size_t n_pretexts;
	struct rule *factors;
	size_t n_factors;
	struct rule *advice;
	size_t n_advice;
	struct persecution *persecution;
	size_t n_persecution;
};

/* True when one of the `|`-separated spellings in names equals s
 * (ASCII letters compared without case). */
bool rw_screen_names_match(const char *names, const char *s);

#endif
