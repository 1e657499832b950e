/* case.c: the case model: freeing, enum names, and the parsers for the
 * `KIND:DATE` and `KIND:STATE[:CHARGES]` arguments of `refuge case`. */
#include "cases/case.h"

#include <stdlib.h>
#include <string.h>

#include "core/country.h"
#include "core/date.h"
#include "core/utf8.h"

static const char *const legal_names[RW_LEGAL_COUNT] = {
	"unknown", "unhcr-refugee", "asylum-seeker", "undocumented",
	"host-citizen", "other",
};
static const char *const status_names[RW_CASE_STATUS_COUNT] = {
	"at-risk", "detained", "deportation-ordered", "returned",
	"disappeared", "released", "resettled", "protected",
};
static const char *const deadline_names[RW_DEADLINE_KIND_COUNT] = {
	"sentence-end", "hearing", "deportation", "appeal",
};
static const char *const request_names[RW_REQUEST_KIND_COUNT] = {
	"extradition", "warrant", "bounty", "interpol-notice",
	"interpol-diffusion",
};

void rw_case_init(struct rw_case *c)
{
	memset(c, 0, sizeof(*c));
}

static void strings_free(struct rw_strings *list)
{
	for (size_t k = 0; k < list->n; k++)
		free(list->items[k]);
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

void rw_case_free(struct rw_case *c)
{
	strings_free(&c->names);
	strings_free(&c->aliases);
	strings_free(&c->tags);
	strings_free(&c->contacts);
	strings_free(&c->locations);
	strings_free(&c->notes);
	free(c->description);
	free(c->group);
	free(c->custody);
	for (size_t k = 0; k < c->n_requests; k++) {
		free(c->requests[k].charges);
		free(c->requests[k].issuer);
	}
	free(c->requests);
	free(c->deadlines);
	free(c->incidents);
	free(c->sources);
	free(c->created_at);
	free(c->updated_at);
	rw_case_init(c);
}

int rw_strings_add(struct rw_strings *list, const char *s,
    struct rw_error *err)
{
	char **items = realloc(list->items, (list->n + 1) * sizeof(*items));
	char *copy;

	if (items == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	list->items = items;
	if ((copy = strdup(s)) == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	list->items[list->n++] = copy;
	return RW_OK;
}

static const char *name_of(const char *const *names, size_t n, unsigned v)
{
	return v < n ? names[v] : NULL;
}

static bool parse_name(const char *const *names, size_t n, const char *s,
    unsigned *ret)
{
	for (size_t k = 0; s != NULL && k < n; k++)
		if (strcmp(names[k], s) == 0) {
			*ret = (unsigned)k;
			return true;
		}
	return false;
}

#define ENUM_NAMES(type, fn_name, fn_parse, table, count) \
	const char *fn_name(enum type v) \
	{ \
		return name_of(table, count, (unsigned)v); \
	} \
	bool fn_parse(const char *name, enum type *ret) \
	{ \
		unsigned v; \
		if (!parse_name(table, count, name, &v)) \
			return false; \
		*ret = (enum type)v; \
		return true; \
	}

ENUM_NAMES(rw_legal_status, rw_legal_status_name, rw_legal_status_parse,
    legal_names, RW_LEGAL_COUNT)
ENUM_NAMES(rw_case_status, rw_case_status_name, rw_case_status_parse,
    status_names, RW_CASE_STATUS_COUNT)
ENUM_NAMES(rw_deadline_kind, rw_deadline_kind_name, rw_deadline_kind_parse,
    deadline_names, RW_DEADLINE_KIND_COUNT)
ENUM_NAMES(rw_request_kind, rw_request_kind_name, rw_request_kind_parse,
    request_names, RW_REQUEST_KIND_COUNT)

/* Copies the part of arg before the first ':' into out (cap bytes);
 * returns a pointer after the ':' or NULL when there is none or the part
 * does not fit. */
static const char *field(const char *arg, char *out, size_t cap)
{
	const char *colon = strchr(arg, ':');
	size_t len;

	if (colon == NULL || (len = (size_t)(colon - arg)) >= cap)
		return NULL;
	memcpy(out, arg, len);
	out[len] = '\0';
	return colon + 1;
}

/* True for a real day written YYYY-MM-DD. */
static bool full_date(const char *date)
{
	struct rw_date d;

	return strlen(date) == 10 && rw_date_parse(date, &d) == RW_OK &&
	    d.day != 0;
}

int rw_deadline_parse(const char *arg, struct rw_deadline *ret,
    struct rw_error *err)
{
	char kind[32];
	const char *date = field(arg, kind, sizeof(kind));

	if (date == NULL || !rw_deadline_kind_parse(kind, &ret->kind))
		return rw_error_set(err, RW_EINVAL, "a deadline is KIND:YYYY-MM-DD "
		    "with KIND one of sentence-end, hearing, deportation, "
		    "appeal");
	if (!full_date(date))
		return rw_error_set(err, RW_EINVAL, "a deadline's date must be "
		    "a full date, YYYY-MM-DD");
	memcpy(ret->date, date, 11);
	return RW_OK;
}

int rw_request_parse(const char *arg, struct rw_request *ret,
    struct rw_error *err)
{
	char kind[32], state[8];
	const char *rest = field(arg, kind, sizeof(kind));
	const char *charges = NULL;

	memset(ret, 0, sizeof(*ret));
	if (rest == NULL || !rw_request_kind_parse(kind, &ret->kind))
		return rw_error_set(err, RW_EINVAL, "a request is "
		    "KIND:STATE[:CHARGES] with KIND one of extradition, warrant, "
		    "bounty, interpol-notice, interpol-diffusion");
	if ((charges = field(rest, state, sizeof(state))) == NULL) {
		if (strlen(rest) >= sizeof(state))
			return rw_error_set(err, RW_EINVAL, "a request's state "
			    "is an ISO 3166-1 code such as CN");
		memcpy(state, rest, strlen(rest) + 1);
	}
	if (strlen(state) != 2 || !rw_country_code_valid(state))
		return rw_error_set(err, RW_EINVAL, "a request's state is an "
		    "ISO 3166-1 code such as CN");
	memcpy(ret->state, state, 3);
	if (charges != NULL && charges[0] != '\0' &&
	    (ret->charges = strdup(charges)) == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	return RW_OK;
}

bool rw_case_has_identity(const struct rw_case *c)
{
	return (c->names.n > 0 && c->names.items[0][0] != '\0') ||
	    (c->description != NULL && c->description[0] != '\0');
}

/* ---- checking a whole case before it is stored ---- */

static bool utf8(const char *s)
{
	return s == NULL || rw_utf8_valid(s, strlen(s));
}

/* Every string of list is UTF-8; what names the list in the message
 * (the values are not repeated: they may be sensitive). */
static int check_strings(const struct rw_strings *list, const char *what,
    struct rw_error *err)
{
	for (size_t k = 0; k < list->n; k++)
		if (list->items[k] == NULL || !utf8(list->items[k]))
			return rw_error_set(err, RW_EINVAL, "a case's %s is not "
			    "valid UTF-8 text", what);
	return RW_OK;
}

/* An empty code (unknown) or an ISO 3166-1 code. */
static int check_country(const char *code, const char *what,
    struct rw_error *err)
{
	if (code[0] == '\0' || rw_country_code_valid(code))
		return RW_OK;
	return rw_error_set(err, RW_EINVAL, "a case's %s \"%.2s\" is not an "
	    "ISO 3166-1 code such as CN", what, utf8(code) ? code : "??");
}

static int check_deadlines(const struct rw_case *c, struct rw_error *err)
{
	for (size_t k = 0; k < c->n_deadlines; k++) {
		const struct rw_deadline *d = &c->deadlines[k];
		if (rw_deadline_kind_name(d->kind) == NULL)
			return rw_error_set(err, RW_EINVAL, "a deadline has no "
			    "known kind");
		bool text = memchr(d->date, '\0', sizeof(d->date)) != NULL &&
		    utf8(d->date);
		if (!text || !full_date(d->date))
			return rw_error_set(err, RW_EINVAL, "a deadline's date "
			    "\"%s\" is not a full date, YYYY-MM-DD",
			    text ? d->date : "?");
	}
	return RW_OK;
}

static int check_requests(const struct rw_case *c, struct rw_error *err)
{
	for (size_t k = 0; k < c->n_requests; k++) {
		const struct rw_request *q = &c->requests[k];
		if (rw_request_kind_name(q->kind) == NULL)
			return rw_error_set(err, RW_EINVAL, "a request has no "
			    "known kind");
		if (!rw_country_code_valid(q->state))
			return rw_error_set(err, RW_EINVAL, "a request's state "
			    "\"%.2s\" is not an ISO 3166-1 code such as CN",
			    utf8(q->state) ? q->state : "??");
		if (!utf8(q->charges) || !utf8(q->issuer))
			return rw_error_set(err, RW_EINVAL, "a request's charges "
			    "or issuer are not valid UTF-8 text");
	}
	return RW_OK;
}

int rw_case_check(const struct rw_case *c, struct rw_error *err)
{
	int r;

	if (!rw_case_has_identity(c))
		return rw_error_set(err, RW_EINVAL, "a case needs a name or a "
		    "description");
	if (!utf8(c->description) || !utf8(c->group) || !utf8(c->custody))
		return rw_error_set(err, RW_EINVAL, "a case's description, "
		    "group or place of custody is not valid UTF-8 text");
	if (c->count < 0)
		return rw_error_set(err, RW_EINVAL, "a case's count (%ld) "
		    "cannot be negative", c->count);
	if (rw_case_status_name(c->status) == NULL ||
	    rw_legal_status_name(c->legal_status) == NULL)
		return rw_error_set(err, RW_EINVAL, "a case's status or legal "
		    "status is not one of the known ones");
	r = check_strings(&c->names, "name", err);
	if (r == RW_OK)
		r = check_strings(&c->aliases, "alias", err);
	if (r == RW_OK)
		r = check_strings(&c->tags, "tag", err);
	if (r == RW_OK)
		r = check_strings(&c->contacts, "contact", err);
	if (r == RW_OK)
		r = check_strings(&c->locations, "location", err);
	if (r == RW_OK)
		r = check_strings(&c->notes, "note", err);
	if (r == RW_OK)
		r = check_country(c->nationality, "nationality", err);
	if (r == RW_OK)
		r = check_country(c->host, "host", err);
	if (r == RW_OK)
		r = check_country(c->dest, "destination", err);
	if (r == RW_OK)
		r = check_deadlines(c, err);
	if (r == RW_OK)
		r = check_requests(c, err);
	return r;
}
