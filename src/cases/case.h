/* case.h: a case in memory, in plaintext: a person (or a group, with a
 * count) at risk of being sent back, with what is known of them, the
 * deadlines they face and the requests made against them.
 *
 * Only a name or a description is required: people without documents
 * must be registrable. Strings are owned by the case (rw_case_free);
 * NULL or 0 means unknown. The store keeps every name and the sensitive
 * fields sealed (crypto/seal.h); here they are plain. */
#ifndef RW_CASES_CASE_H
#define RW_CASES_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum rw_legal_status {
	RW_LEGAL_UNKNOWN,
	RW_LEGAL_UNHCR_REFUGEE,   /* "unhcr-refugee": recognised by UNHCR */
	RW_LEGAL_ASYLUM_SEEKER,   /* "asylum-seeker" */
	RW_LEGAL_UNDOCUMENTED,    /* "undocumented" */
	RW_LEGAL_HOST_CITIZEN,    /* "host-citizen": a citizen of the host */
	RW_LEGAL_OTHER,           /* "other" */
	RW_LEGAL_COUNT
};

enum rw_case_status {
	RW_CASE_AT_RISK,          /* "at-risk" (the default) */
	RW_CASE_DETAINED,         /* "detained" */
	RW_CASE_DEPORTATION_ORDERED, /* "deportation-ordered" */
	RW_CASE_RETURNED,         /* "returned" */
	RW_CASE_DISAPPEARED,      /* "disappeared" */
	RW_CASE_RELEASED,         /* "released" */
	RW_CASE_RESETTLED,        /* "resettled" */
	RW_CASE_PROTECTED,        /* "protected" */
	RW_CASE_STATUS_COUNT
};

enum rw_deadline_kind {
	RW_DEADLINE_SENTENCE_END,  /* "sentence-end" */
	RW_DEADLINE_HEARING,       /* "hearing" */
	RW_DEADLINE_DEPORTATION,   /* "deportation": a scheduled deportation */
	RW_DEADLINE_APPEAL,        /* "appeal": an appeal window closes */
	RW_DEADLINE_KIND_COUNT
};

enum rw_request_kind {
	RW_REQUEST_EXTRADITION,    /* "extradition" request */
	RW_REQUEST_WARRANT,        /* "warrant": an arrest warrant */
	RW_REQUEST_BOUNTY,         /* "bounty" */
	RW_REQUEST_INTERPOL_NOTICE,   /* "interpol-notice": a red notice */
	RW_REQUEST_INTERPOL_DIFFUSION, /* "interpol-diffusion" */
	RW_REQUEST_KIND_COUNT
};

struct rw_deadline {
	enum rw_deadline_kind kind;
	char date[11];             /* YYYY-MM-DD */
};

struct rw_request {
	enum rw_request_kind kind;
	char state[3];             /* the requesting state, ISO alpha-2 */
	char *charges;             /* as stated, or NULL */
	bool assurances;           /* diplomatic assurances came with it */
	char *issuer;              /* who issued it ("Ministry of State
	                            * Security"), or NULL */
};

/* A list of strings owned by the case. */
struct rw_strings {
	char **items;
	size_t n;
};

struct rw_case {
	int64_t id;                /* 0 until stored */
	struct rw_strings names;   /* names[0] is the main one; any script */
	struct rw_strings aliases;
	char *description;         /* "five Uyghur men held in Bangkok" */
	char *group;               /* "Uyghur", or NULL */
	long count;                /* people the case stands for; 0: one */
	char nationality[3];
	struct rw_strings tags;    /* "activist", "journalist", ... */
	char host[3];              /* where they are now */
	char dest[3];              /* where they would be sent */
	char *custody;             /* place of custody, or NULL */
	enum rw_legal_status legal_status;
	enum rw_case_status status;
	bool closed;
	struct rw_deadline *deadlines;
	size_t n_deadlines;
	struct rw_request *requests;
	size_t n_requests;
	/* sensitive: sealed at rest, shown only when asked for */
	struct rw_strings contacts;
	struct rw_strings locations;
	struct rw_strings notes;
	int64_t *incidents;        /* linked incident ids */
	size_t n_incidents;
	int64_t *sources;          /* linked source ids */
	size_t n_sources;
	char *created_at, *updated_at; /* UTC, set by the store */
};

void rw_case_init(struct rw_case *c);
void rw_case_free(struct rw_case *c);

/* Adds a copy of s to list; RW_ENOMEM on failure. */
int rw_strings_add(struct rw_strings *list, const char *s,
    struct rw_error *err);

/* Names and parsing of the enums: "at-risk", "unhcr-refugee",
 * "sentence-end", "interpol-notice" ... Parsers return false for an
 * unknown name. */
const char *rw_legal_status_name(enum rw_legal_status s);
bool rw_legal_status_parse(const char *name, enum rw_legal_status *ret);
const char *rw_case_status_name(enum rw_case_status s);
bool rw_case_status_parse(const char *name, enum rw_case_status *ret);
const char *rw_deadline_kind_name(enum rw_deadline_kind k);
bool rw_deadline_kind_parse(const char *name, enum rw_deadline_kind *ret);
const char *rw_request_kind_name(enum rw_request_kind k);
bool rw_request_kind_parse(const char *name, enum rw_request_kind *ret);

/* "hearing:2026-12-01" -> a deadline; RW_EINVAL with a message naming
 * the problem otherwise. */
int rw_deadline_parse(const char *arg, struct rw_deadline *ret,
    struct rw_error *err);
/* "warrant:CN", "extradition:CN:separatism, terrorism" -> a request
 * (charges copied); RW_EINVAL with a message otherwise. */
int rw_request_parse(const char *arg, struct rw_request *ret,
    struct rw_error *err);

/* A case needs one name or a description. */
bool rw_case_has_identity(const struct rw_case *c);

/* Whether c can be stored: an identity, text in UTF-8 everywhere,
 * countries empty or ISO 3166-1 codes, a count not negative, known
 * enums, deadlines on real days, requests with a requesting state.
 * RW_EINVAL with a message naming the field (never a sensitive value)
 * otherwise. */
int rw_case_check(const struct rw_case *c, struct rw_error *err);

#endif
