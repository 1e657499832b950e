/* appeal.h: urgent-appeal letters built from a case, its screening and
 * the host state's obligations.
 *
 * The builder does no I/O: it is given the case, its screening (or
 * NULL), the host and destination profiles (NULL when unknown) and
 * today's date. It decides, from the case's facts, which legal grounds
 * to cite and which requests to make of the recipient; the words are
 * data (data/appeals/, compiled into the binary): one template per
 * recipient, shared parts, and tables of request and ground sentences,
 * all in the language of appeal/template.h.
 *
 * Names, aliases, the group and the description are used: an appeal
 * names the person. The place of custody, contacts, locations and notes
 * appear only when `sensitive` is set. */
#ifndef RW_APPEAL_APPEAL_H
#define RW_APPEAL_APPEAL_H

#include <stdbool.h>

#include <jansson.h>

#include "appeal/template.h"
#include "cases/case.h"
#include "core/date.h"
#include "countries/country-profile.h"
#include "screen/screen.h"

/* Largest letter built, in bytes. */
#define RW_APPEAL_MAX (1024 * 1024)

enum rw_appeal_to {
	RW_APPEAL_HOST,   /* "host": the host state's government */
	RW_APPEAL_UNHCR,  /* "unhcr": UNHCR's office for the host state */
	RW_APPEAL_UN,     /* "un": UN special procedures */
};

bool rw_appeal_to_parse(const char *name, enum rw_appeal_to *ret);
const char *rw_appeal_to_name(enum rw_appeal_to to);

struct rw_appeal_input {
	const struct rw_case *c;
	const struct rw_screening *screening; /* NULL: not screened */
	const struct rw_country *host;        /* NULL when unknown */
	const struct rw_country *dest;        /* NULL when unknown */
	struct rw_date today;                 /* the letter's date */
	enum rw_appeal_to to;
	enum rw_tpl_format format;            /* md or html */
	bool sensitive;                       /* custody, contacts, ... */
};

struct rw_appeal {
	char *subject;     /* one line of plain text */
	char *body;        /* the letter in the input's format; in HTML a
	                    * whole document */
	json_t *requests;  /* [{"code", "text"}], text plain */
	json_t *grounds;   /* [{"code", "instrument", "article", "text"}] */
	json_t *warnings;  /* [string]: what the letter had to do without */
};

/* Builds the letter into *ret (rw_appeal_free it). RW_EINVAL when the
 * case has no identity; a broken template (ruled out by the tests) is
 * RW_EFORMAT naming its file and line. */
int rw_appeal_build(const struct rw_appeal_input *in, struct rw_appeal *ret,
    struct rw_error *err);
void rw_appeal_free(struct rw_appeal *a);

#endif
