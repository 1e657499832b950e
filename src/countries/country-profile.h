/* country-profile.h: what Refuge Watch knows of a country's law and
 * treaties, from data/countries.tsv (compiled into the binary; every row
 * records its sources). Screening weighs these facts; `refuge country`
 * shows them beside the record computed from the store.
 *
 * A treaty cell is one of the values below; UNKNOWN means not verified
 * in the sources, never "no". */
#ifndef RW_COUNTRIES_COUNTRY_PROFILE_H
#define RW_COUNTRIES_COUNTRY_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum rw_treaty_status {
	RW_TREATY_UNKNOWN,
	RW_TREATY_PARTY,
	RW_TREATY_SIGNATORY,   /* signed, not ratified */
	RW_TREATY_NOT_PARTY,
};

enum rw_rsd {              /* who decides refugee status */
	RW_RSD_UNKNOWN,
	RW_RSD_STATE,
	RW_RSD_UNHCR,
	RW_RSD_MIXED,
	RW_RSD_NONE,
};

/* An extradition treaty, or a security pact, with another state. For a
 * pact, status is "in force" and note is the pact's name ("SCO"): a bloc
 * in the table becomes one link to each other member. */
struct rw_country_link {
	char state[3];
	const char *status;    /* "in force", "signed not in force", "none" */
	const char *note;      /* as given in the table, or NULL */
};

struct rw_country {
	char iso[3];
	const char *name;
	enum rw_treaty_status refugee_convention; /* 1951 Convention/1967 Protocol */
	enum rw_treaty_status cat;                /* Convention against Torture */
	enum rw_treaty_status cat_article22;      /* PARTY: accepts individual
	                                           * complaints to the CAT */
	enum rw_treaty_status iccpr;
	enum rw_treaty_status ced;                /* enforced disappearance */
	const char *domestic_law;   /* the domestic non-refoulement law by
	                             * name, or NULL when none is known */
	const struct rw_country_link *extradition; /* treaties, by state */
	size_t n_extradition;
	const struct rw_country_link *pacts;  /* security pacts (SCO ...) */
	size_t n_pacts;
	bool hk_surrender_suspended;
	bool interpol_member;
	enum rw_rsd rsd;
	const char *returns_note;   /* documented returns, as in the table */
	const char *sources;        /* where each fact came from */
};

/* The table compiled into the binary, loaded on first use; NULL with
 * err set when it does not parse (which the tests rule out). */
const struct rw_country *rw_country_find(const char *iso,
    struct rw_error *err);

/* Every row, in table order: *ret_n rows. */
const struct rw_country *rw_country_all(size_t *ret_n, struct rw_error *err);

/* The extradition treaty between c and state, or NULL when none is
 * recorded. */
const struct rw_country_link *rw_country_extradition(
    const struct rw_country *c, const char *state);
/* A security pact both c and state belong to, or NULL. */
const struct rw_country_link *rw_country_pact(const struct rw_country *c,
    const char *state);

/* A parsed country table. The built-in one (above) is parsed once, on
 * first use; these calls parse any text, for tests and for a table an
 * expert is editing. */
struct rw_country_table;

/* Parses text (len bytes; `name` is used in messages) in the format of
 * data/countries.md. On a malformed table returns RW_EFORMAT (RW_ETOOBIG
 * over 1 MiB) with a message naming the file, the line and the problem
 * ("countries.tsv:12: column cat: 'partly' is not one of ..."). Extradition
 * treaties are bilateral: a treaty one row records is added to the other
 * state's row, and two rows that disagree are an error. Security pacts
 * are named blocs in the table and become a link to each other member. */
int rw_country_table_parse(const char *name, const char *text, size_t len,
    struct rw_country_table **ret, struct rw_error *err);

/* Frees a table (NULL is accepted); its rows go with it. Returns NULL. */
struct rw_country_table *rw_country_table_free(struct rw_country_table *t);

/* The row for iso, or NULL. */
const struct rw_country *rw_country_table_find(
    const struct rw_country_table *t, const char *iso);

/* Every row, in table order: *ret_n rows. */
const struct rw_country *rw_country_table_rows(
    const struct rw_country_table *t, size_t *ret_n);

const char *rw_treaty_status_name(enum rw_treaty_status s);
const char *rw_rsd_name(enum rw_rsd r);

#endif
