/* appeal.c: the urgent-appeal letter builder (appeal.h). The facts of the
 * case become one JSON object of values; the rules below choose the
 * grounds, requests and UN mandates as codes; the sentences for the codes
 * come from the .tsv tables of data/appeals, the letters from its .txt
 * files. */
#include "appeal/appeal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/json-value.h"

extern const struct rw_embedded rw_appeal_data[];

static const char *const recipient_names[] = {"host", "unhcr", "un"};

bool
rw_appeal_to_parse(const char *name, enum rw_appeal_to *ret)
{
	for (size_t k = 0; k < 3; k++)
		if (strcmp(name, recipient_names[k]) == 0) {
			*ret = (enum rw_appeal_to)k;
			return true;
		}
	return false;
}

const char *
rw_appeal_to_name(enum rw_appeal_to to)
{
	return recipient_names[to];
}

/* ---- the data: templates and sentence tables ---- */

/* A row of a sentence table: its cells (the last also parsed as a
 * one-line template). */
struct row {
	char *cells[4];
	struct rw_tpl *tpl;
};

struct table {
	struct row *rows;
	size_t n;
};

struct named_tpl {
	char name[32];
	struct rw_tpl *tpl;
};

struct data {
	struct named_tpl tpls[16];
	size_t n_tpls;
	struct table requests;  /* recipient, code, text */
	struct table grounds;   /* code, instrument, article, text */
};

static void
table_free(struct table *t)
{
	for (size_t k = 0; k < t->n; k++) {
		for (size_t c = 0; c < 4; c++)
			free(t->rows[k].cells[c]);
		rw_tpl_free(t->rows[k].tpl);
	}
	free(t->rows);
}

static void
data_free(struct data *d)
{
	for (size_t k = 0; k < d->n_tpls; k++)
		rw_tpl_free(d->tpls[k].tpl);
	table_free(&d->requests);
	table_free(&d->grounds);
}

/* One table line of cols cells separated by tabs into t. */
static int
table_row(struct table *t, const char *name, int line, const char *s,
    size_t len, size_t cols, struct rw_error *err)
{
	struct row row = {{NULL}, NULL}, *more;
	char where[64];
	size_t c = 0;

	snprintf(where, sizeof(where), "%s:%d", name, line);
	while (c + 1 < cols) {
		const char *tab = memchr(s, '\t', len);
		if (tab == NULL)
			break;
		row.cells[c++] = strndup(s, (size_t)(tab - s));
		len -= (size_t)(tab + 1 - s);
		s = tab + 1;
	}
	if (c + 1 < cols || memchr(s, '\t', len) != NULL) {
		for (size_t k = 0; k < c; k++)
			free(row.cells[k]);
		return rw_error_set(err, RW_EFORMAT, "%s: a row has %zu cells "
		    "separated by tabs", where, cols);
	}
	row.cells[c++] = strndup(s, len);
	more = realloc(t->rows, (t->n + 1) * sizeof(*more));
	if (more != NULL)
		t->rows = more;
	if (more == NULL || rw_tpl_parse(where, s, len, &row.tpl, err) < 0) {
		for (size_t k = 0; k < c; k++)
			free(row.cells[k]);
		return more ? err->code : rw_error_set(err, RW_ENOMEM,
		    "out of memory");
	}
	t->rows[t->n++] = row;
	return 0;
}

/* A table: comment lines start with '#', blank lines are skipped. */
static int
table_parse(struct table *t, const struct rw_embedded *e, size_t cols,
    struct rw_error *err)
{
	const char *s = e->data, *end = e->data + e->size;
	int line = 0, r = 0;

	while (r == 0 && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		line++;
		if (n > 0 && s[0] != '#')
			r = table_row(t, e->name, line, s, n, cols, err);
		s += n + (nl != NULL);
	}
	return r;
}

static int
data_load(struct data *d, struct rw_error *err)
{
	int r = 0;

	memset(d, 0, sizeof(*d));
	for (const struct rw_embedded *e = rw_appeal_data; e->name && r == 0;
	    e++) {
		size_t len = strlen(e->name);
		struct named_tpl *t = &d->tpls[d->n_tpls];

		if (strcmp(e->name, "requests.tsv") == 0)
			r = table_parse(&d->requests, e, 3, err);
		else if (strcmp(e->name, "grounds.tsv") == 0)
			r = table_parse(&d->grounds, e, 4, err);
		else if (len > 4 && strcmp(e->name + len - 4, ".txt") == 0 &&
		    d->n_tpls < sizeof(d->tpls) / sizeof(d->tpls[0])) {
			snprintf(t->name, sizeof(t->name), "%.*s", (int)len - 4,
			    e->name);
			if ((r = rw_tpl_parse(e->name, e->data, e->size, &t->tpl,
			    err)) == 0)
				d->n_tpls++;
		}
	}
	if (r < 0)
		data_free(d);
	return r;
}

static const struct rw_tpl *
find_tpl(const char *name, void *arg)
{
	const struct data *d = arg;

	for (size_t k = 0; k < d->n_tpls; k++)
		if (strcmp(d->tpls[k].name, name) == 0)
			return d->tpls[k].tpl;
	return NULL;
}

static const struct row *
find_row(const struct table *t, const char *key0, const char *key1)
{
	for (size_t k = 0; k < t->n; k++)
		if (strcmp(t->rows[k].cells[0], key0) == 0 && (key1 == NULL ||
		    strcmp(t->rows[k].cells[1], key1) == 0))
			return &t->rows[k];
	return NULL;
}

/* ---- the values ---- */


/* The words for an enum's name: the row ("term", name) of the request
 * table when there is one, else the name with spaces for hyphens
 * ("deportation-ordered" -> "deportation ordered"). */
static json_t *
words(const struct data *d, const char *name)
{
	const struct row *row = find_row(&d->requests, "term", name);

	char text[64];

	if (row != NULL)
		return json_string(row->cells[2]);
	snprintf(text, sizeof(text), "%s", name);
	for (char *p = text; *p; p++)
		*p = *p == '-' ? ' ' : *p;
	return json_string(text);
}

/* The items of list separated by "; ", or null for an empty list. */
static json_t *
joined(const struct rw_strings *list)
{
	struct rw_buf text;
	json_t *out = NULL;
	int r = 0;

	if (list->n == 0)
		return json_null();
	rw_buf_init(&text, RW_APPEAL_MAX);
	for (size_t k = 0; k < list->n && r == 0; k++)
		if ((r = rw_buf_append_str(&text, k ? "; " : "")) == 0)
			r = rw_buf_append_str(&text, list->items[k]);
	if (r == 0)
		out = json_string(text.data);
	rw_buf_free(&text);
	return out;
}

static json_t *
string_list(const struct rw_strings *list)
{
	json_t *a = json_array();

	for (size_t k = 0; k < list->n; k++)
		json_array_append_new(a, json_string(list->items[k]));
	return a;
}

/* A state's name from its profile, else its code; null when unknown. */
static json_t *
state_name(const char *iso)
{
	const struct rw_country *c;

	if (iso == NULL || iso[0] == '\0')
		return json_null();
	c = rw_country_find(iso, NULL);
	return json_string(c ? c->name : iso);
}

static bool
deadline_ahead(const struct rw_deadline *d, const struct rw_date *today)
{
	char now[RW_DATE_TEXT_MAX];

	rw_date_format(today, now);
	return strcmp(d->date, now) >= 0;
}

static json_t *
deadline_json(const struct data *d, const struct rw_deadline *dl)
{
	return json_pack("{s:o s:s}", "kind_text", words(d,
	    rw_deadline_kind_name(dl->kind)), "date", dl->date);
}

/* Deadlines still ahead, in the case's order, and the soonest of them
 * on its own. */
static void
add_deadlines(json_t *ctx, const struct data *d,
    const struct rw_appeal_input *in)
{
	const struct rw_case *c = in->c;
	json_t *list = json_array();
	const struct rw_deadline *next = NULL;

	for (size_t k = 0; k < c->n_deadlines; k++) {
		const struct rw_deadline *dl = &c->deadlines[k];
		if (!deadline_ahead(dl, &in->today))
			continue;
		json_array_append_new(list, deadline_json(d, dl));
		if (next == NULL || strcmp(dl->date, next->date) < 0)
			next = dl;
	}
	json_object_set_new(ctx, "deadlines", list);
	json_object_set_new(ctx, "next_deadline", next ?
	    deadline_json(d, next) : json_null());
}

static void
add_claims(json_t *ctx, const struct data *d, const struct rw_case *c)
{
	json_t *list = json_array();

	for (size_t k = 0; k < c->n_requests; k++) {
		const struct rw_request *q = &c->requests[k];
		json_array_append_new(list, json_pack("{s:s s:o s:s s:o s:o s:o "
		    "s:b}", "kind", rw_request_kind_name(q->kind), "kind_text",
		    words(d, rw_request_kind_name(q->kind)), "state", q->state,
		    "state_name", state_name(q->state), "charges",
		    rw_json_text_or_null(q->charges), "issuer", rw_json_text_or_null(q->issuer),
		    "assurances", q->assurances));
	}
	json_object_set_new(ctx, "claims", list);
}

/* The screening's own reasons, when it found the risk high or worse. */
static void
add_risk(json_t *ctx, const struct rw_screening *s)
{
	json_t *list = json_array();

	for (size_t k = 0; s && s->level >= RW_LEVEL_HIGH && k < s->n_factors;
	    k++)
		if (s->factors[k].weight > 0)
			json_array_append_new(list, json_pack("{s:s}", "text",
			    s->factors[k].explanation));
	json_object_set_new(ctx, "level", s ? json_string(rw_level_name(
	    s->level)) : json_null());
	/* set only when the list below is not empty: it heads the list */
	json_object_set_new(ctx, "risk_level", json_array_size(list) ?
	    json_string(rw_level_name(s->level)) : json_null());
	json_object_set_new(ctx, "risk", list);
}

static void
add_sensitive(json_t *ctx, const struct rw_case *c, bool sensitive)
{
	json_object_set_new(ctx, "sensitive", sensitive ? json_pack(
	    "{s:o s:o s:o s:o}", "custody", rw_json_text_or_null(c->custody),
	    "contacts", string_list(&c->contacts), "locations",
	    string_list(&c->locations), "notes", string_list(&c->notes)) :
	    json_null());
}

static json_t *
case_values(const struct data *d, const struct rw_appeal_input *in)
{
	const struct rw_case *c = in->c;
	char date[RW_DATE_TEXT_MAX];
	json_t *ctx;

	rw_date_format(&in->today, date);
	ctx = json_pack("{s:s s:s s:o s:o s:o s:o s:o s:o s:o s:o s:o s:o "
	    "s:b s:b s:b s:b s:b}",
	    "date", date, "recipient", rw_appeal_to_name(in->to),
	    "who", rw_json_text_or_null(c->names.n ? c->names.items[0] :
	    c->description), "aliases", joined(&c->aliases),
	    "group", rw_json_text_or_null(c->group),
	    "count", c->count > 1 ? json_integer(c->count) : json_null(),
	    "nationality_name", state_name(c->nationality),
	    "tags", joined(&c->tags),
	    "host_name", state_name(c->host), "dest_name", state_name(c->dest),
	    "status_text", words(d, rw_case_status_name(c->status)),
	    "legal_text", c->legal_status == RW_LEGAL_UNKNOWN ? json_null() :
	    words(d, rw_legal_status_name(c->legal_status)),
	    "detained", c->status == RW_CASE_DETAINED,
	    "ordered", c->status == RW_CASE_DEPORTATION_ORDERED,
	    "disappeared", c->status == RW_CASE_DISAPPEARED,
	    "no_profile", in->host == NULL, "named", c->names.n > 0);
	if (ctx == NULL)
		return NULL;
	json_object_set_new(ctx, "host", rw_json_text_or_null(c->host));
	add_deadlines(ctx, d, in);
	add_claims(ctx, d, c);
	add_risk(ctx, in->screening);
	add_sensitive(ctx, c, in->sensitive);
	return ctx;
}

/* ---- grounds, requests and mandates, chosen by the facts ---- */

/* Largest sentence rendered from a table row, in bytes. */
#define SENTENCE_MAX (16 * 1024)

/* Appends chosen rows, rendered as plain text, to a list. */
struct picker {
	struct data *d;
	const struct table *t;
	json_t *ctx, *list;
	struct rw_error *err;
	int rc;
};

static int
render_text(struct picker *p, const struct rw_tpl *tpl, json_t *extra,
    char **ret)
{
	json_t *scope = json_copy(p->ctx);
	struct rw_buf out;
	int rc;

	rw_buf_init(&out, SENTENCE_MAX);
	if (scope == NULL || (extra && json_object_update(scope, extra) < 0))
		rc = rw_error_set(p->err, RW_ENOMEM, "out of memory");
	else
		rc = rw_tpl_render(tpl, RW_TPL_TEXT, scope, find_tpl, p->d, &out,
		    p->err);
	json_decref(scope);
	rw_buf_trim_end(&out);
	*ret = rc == 0 ? rw_buf_steal(&out) : NULL;
	rw_buf_free(&out);
	return rc == 0 && *ret == NULL ? RW_ENOMEM : rc;
}

/* The row (key0, key1) of p's table with extra's values visible. */
static void
pick(struct picker *p, const char *key0, const char *key1, json_t *extra)
{
	const struct row *row;
	char *text = NULL;
	json_t *o;

	if (p->rc != 0)
		return;
	if ((row = find_row(p->t, key0, key1)) == NULL) {
		p->rc = rw_error_set(p->err, RW_EFORMAT, "data/appeals has no "
		    "sentence for %s %s", key0, key1 ? key1 : "");
		return;
	}
	if ((p->rc = render_text(p, row->tpl, extra, &text)) < 0)
		return;
	o = key1 ? json_pack("{s:s s:s}", "code", key1, "text", text) :
	    json_pack("{s:s s:s s:s s:s}", "code", key0, "instrument",
	    row->cells[1], "article", row->cells[2], "text", text);
	free(text);
	if (o == NULL || json_array_append_new(p->list, o) < 0)
		p->rc = rw_error_set(p->err, RW_ENOMEM, "out of memory");
}

static void
choose_grounds(struct picker *p, const struct rw_country *h)
{
	static const struct {
		const char *code;
		size_t offset;
	} treaties[] = {
		{"refugee-convention", offsetof(struct rw_country,
		    refugee_convention)},
		{"cat", offsetof(struct rw_country, cat)},
		{"cat-22", offsetof(struct rw_country, cat_article22)},
		{"iccpr", offsetof(struct rw_country, iccpr)},
		{"ced", offsetof(struct rw_country, ced)},
	};
	json_t *law;

	pick(p, "custom", NULL, NULL);
	if (h == NULL)
		return;
	for (size_t k = 0; k < sizeof(treaties) / sizeof(treaties[0]); k++)
		if (*(const enum rw_treaty_status *)((const char *)h +
		    treaties[k].offset) == RW_TREATY_PARTY)
			pick(p, treaties[k].code, NULL, NULL);
	if (h->domestic_law == NULL)
		return;
	law = json_pack("{s:s}", "law", h->domestic_law);
	pick(p, "domestic-law", NULL, law);
	json_decref(law);
}

static bool
has_tag(const struct rw_case *c, const char *const *tags)
{
	for (size_t k = 0; k < c->tags.n; k++)
		for (size_t t = 0; tags[t]; t++)
			if (strcmp(c->tags.items[k], tags[t]) == 0)
				return true;
	return false;
}

static void
choose_mandates(struct picker *p, const struct rw_case *c)
{
	static const char *const defenders[] = {"activist", "defender",
	    "human-rights-defender", "journalist", "lawyer", NULL};
	static const char *const religion[] = {"religious", "imam",
	    "religious-practitioner", "falun-gong", NULL};

	pick(p, "mandate", "torture", NULL);
	if (c->status == RW_CASE_DETAINED)
		pick(p, "mandate", "arbitrary-detention", NULL);
	if (c->status == RW_CASE_DISAPPEARED)
		pick(p, "mandate", "disappearances", NULL);
	if (has_tag(c, defenders))
		pick(p, "mandate", "defenders", NULL);
	if (has_tag(c, religion))
		pick(p, "mandate", "religion", NULL);
}

/* The code of the request a claim against the person calls for. */
static const char *
claim_request(enum rw_appeal_to to, enum rw_request_kind kind)
{
	if (to == RW_APPEAL_UNHCR)
		return "raise-claim";
	if (to == RW_APPEAL_UN)
		return NULL;
	return kind == RW_REQUEST_EXTRADITION ? "reject-extradition" :
	    kind == RW_REQUEST_INTERPOL_NOTICE ||
	    kind == RW_REQUEST_INTERPOL_DIFFUSION ? "interpol" :
	    "no-effect-warrant";
}

/* One request per claim, and one about assurances if any came. */
static void
choose_claims(struct picker *p, const struct rw_appeal_input *in)
{
	const char *to = rw_appeal_to_name(in->to);
	json_t *claims = json_object_get(p->ctx, "claims"), *assured = NULL;

	for (size_t k = 0; k < in->c->n_requests; k++) {
		const char *code = claim_request(in->to,
		    in->c->requests[k].kind);
		if (code != NULL)
			pick(p, to, code, json_array_get(claims, k));
		if (in->c->requests[k].assurances && assured == NULL)
			assured = json_array_get(claims, k);
	}
	if (in->c->n_requests > 0 && in->to == RW_APPEAL_UN &&
	    in->c->dest[0] != '\0')
		pick(p, to, "communicate-dest", NULL);
	if (assured != NULL)
		pick(p, to, "no-assurances", assured);
}

static void
choose_requests(struct picker *p, const struct rw_appeal_input *in)
{
	const struct rw_case *c = in->c;
	const char *to = rw_appeal_to_name(in->to);
	bool detained = c->status == RW_CASE_DETAINED;
	bool urgent = detained || c->status == RW_CASE_DEPORTATION_ORDERED ||
	    (in->screening && in->screening->level >= RW_LEVEL_HIGH);

	pick(p, to, in->to == RW_APPEAL_HOST ? "no-return" :
	    in->to == RW_APPEAL_UNHCR ? "intervene" : "urgent-action", NULL);
	if (!json_is_null(json_object_get(p->ctx, "next_deadline")))
		pick(p, to, "deadline", NULL);
	if (detained)
		pick(p, to, in->to == RW_APPEAL_HOST ? "release" :
		    in->to == RW_APPEAL_UNHCR ? "seek-access" : "detention",
		    NULL);
	if (detained && in->to == RW_APPEAL_HOST)
		pick(p, to, "counsel", NULL);
	if (c->status == RW_CASE_DISAPPEARED)
		pick(p, to, "disappearance", NULL);
	if (in->to == RW_APPEAL_HOST && c->legal_status != RW_LEGAL_HOST_CITIZEN)
		pick(p, to, "asylum-access", NULL);
	if (in->to == RW_APPEAL_UNHCR)
		pick(p, to, c->legal_status == RW_LEGAL_UNHCR_REFUGEE ?
		    "confirm-mandate" : "register", NULL);
	if (in->to == RW_APPEAL_UNHCR && urgent)
		pick(p, to, "resettlement", NULL);
	choose_claims(p, in);
}

/* ---- the letter ---- */

static void
warn_missing(json_t *warnings, const struct rw_appeal_input *in)
{
	if (in->c->host[0] == '\0')
		json_array_append_new(warnings, json_string("the case records "
		    "no host state: the letter cites only the customary rule "
		    "against refoulement"));
	else if (in->host == NULL)
		json_array_append_new(warnings, json_sprintf("no country "
		    "profile for %s: the letter cites only the customary rule against "
		    "refoulement", in->c->host));
}

/* Runs one chooser into a new list stored in ctx under key (and, when
 * ret is not NULL, kept for the caller too). */
static int
choose(struct picker *p, const char *key, json_t **ret)
{
	if (p->rc == 0 && json_object_set_new(p->ctx, key, p->list) < 0)
		p->rc = rw_error_set(p->err, RW_ENOMEM, "out of memory");
	else if (p->rc == 0 && ret != NULL)
		*ret = json_incref(p->list);
	else if (p->rc != 0)
		json_decref(p->list);
	p->list = json_array();
	return p->rc;
}

static int
render_letter(struct data *d, const struct rw_appeal_input *in,
    json_t *ctx, struct rw_appeal *a, struct rw_error *err)
{
	const struct rw_tpl *subject = find_tpl("subject", d);
	const struct rw_tpl *letter = find_tpl(rw_appeal_to_name(in->to), d);
	struct picker p = {.d = d, .ctx = ctx, .err = err};
	struct rw_buf out;
	int rc;

	if (subject == NULL || letter == NULL)
		return rw_error_set(err, RW_EFORMAT, "data/appeals lacks the "
		    "subject or the %s letter", rw_appeal_to_name(in->to));
	if ((rc = render_text(&p, subject, NULL, &a->subject)) < 0)
		return rc;
	json_object_set_new(ctx, "subject", json_string(a->subject));
	rw_buf_init(&out, RW_APPEAL_MAX);
	if (in->format == RW_TPL_HTML) {
		rc = rw_buf_append_str(&out, "<!DOCTYPE html>\n<html "
		    "lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<title>");
		if (rc == 0)
			rc = rw_tpl_escape(&out, RW_TPL_HTML, a->subject);
		if (rc == 0)
			rc = rw_buf_append_str(&out,
			    "</title>\n</head>\n<body>\n");
	}
	if (rc == 0)
		rc = rw_tpl_render(letter, in->format, ctx, find_tpl, d, &out,
		    err);
	if (rc == 0 && in->format == RW_TPL_HTML)
		rc = rw_buf_append_str(&out, "</body>\n</html>\n");
	if (rc == 0 && (a->body = rw_buf_steal(&out)) == NULL)
		rc = RW_ENOMEM;
	rw_buf_free(&out);
	if (rc < 0 && err != NULL && err->code == 0)
		rw_error_set(err, rc, "the letter is over %d bytes",
		    RW_APPEAL_MAX);
	return rc;
}

int
rw_appeal_build(const struct rw_appeal_input *in, struct rw_appeal *ret,
    struct rw_error *err)
{
	struct rw_appeal a = {NULL, NULL, NULL, NULL, NULL};
	struct picker p = {.err = err};
	struct data d;
	int rc;

	rw_error_clear(err);
	if (!rw_case_has_identity(in->c))
		return rw_error_set(err, RW_EINVAL, "case %lld has neither a "
		    "name nor a description to address", (long long)in->c->id);
	if ((rc = data_load(&d, err)) < 0)
		return rc;
	p.d = &d;
	a.warnings = json_array();
	if ((p.ctx = case_values(&d, in)) == NULL || a.warnings == NULL)
		rc = rw_error_set(err, RW_ENOMEM, "out of memory");
	warn_missing(a.warnings, in);
	p.rc = rc;
	p.t = &d.grounds;
	p.list = json_array();
	choose_grounds(&p, in->host);
	choose(&p, "grounds", &a.grounds);
	p.t = &d.requests;
	if (in->to == RW_APPEAL_UN)
		choose_mandates(&p, in->c);
	choose(&p, "mandates", NULL);
	choose_requests(&p, in);
	if ((rc = choose(&p, "requests", &a.requests)) == 0)
		rc = render_letter(&d, in, p.ctx, &a, err);
	json_decref(p.list);
	json_decref(p.ctx);
	data_free(&d);
	if (rc < 0)
		rw_appeal_free(&a);
	else
		*ret = a;
	return rc;
}

void
rw_appeal_free(struct rw_appeal *a)
{
	free(a->subject);
	free(a->body);
	json_decref(a->requests);
	json_decref(a->grounds);
	json_decref(a->warnings);
	memset(a, 0, sizeof(*a));
}
