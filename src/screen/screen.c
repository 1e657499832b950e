/* screen.c: the screening evaluator. Given compiled rules (rules.c), a
 * case, the host and destination profiles, the host's record and today's
 * date, it finds the factors that apply, sums their weights into a score
 * and a level, and fills in each explanation and each fitting advice with
 * the evidence. No I/O: everything comes in through the arguments. */
#include "screen/screen-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"

#define SENTENCE_MAX 4096

/* What every rule looks at, worked out once per case. */
struct eval {
	const struct rw_screen_rules *rules;
	const struct rw_screen_input *in;
	const struct rw_case *c;
	const struct rw_country *host, *dest_profile;
	const char *dest;                   /* ISO code, "" when unknown */
	const struct rw_deadline *deadline; /* nearest one not past */
	long days_left;
	int score;
	enum rw_level level;
};

/* ---- looking things up ---- */

static const struct persecution *find_persecution(const struct eval *ev,
    bool is_tag, const char *name)
{
	const struct rw_screen_rules *r = ev->rules;

	if (name == NULL || name[0] == '\0')
		return NULL;
	for (size_t k = 0; k < r->n_persecution; k++)
		if (r->persecution[k].is_tag == is_tag &&
		    strcmp(r->persecution[k].dest, ev->dest) == 0 &&
		    rw_screen_names_match(r->persecution[k].names, name))
			return &r->persecution[k];
	return NULL;
}

static const struct persecution *targeted_tag(const struct eval *ev,
    size_t k)
{
	return find_persecution(ev, true, ev->c->tags.items[k]);
}

static bool any_tag_targeted(const struct eval *ev)
{
	for (size_t k = 0; k < ev->c->tags.n; k++)
		if (targeted_tag(ev, k) != NULL)
			return true;
	return false;
}

static const struct rw_country_link *find_link(
    const struct rw_country_link *links, size_t n, const char *state)
{
	for (size_t k = 0; state[0] != '\0' && k < n; k++)
		if (strcmp(links[k].state, state) == 0 &&
		    (links[k].status == NULL ||
		    strcmp(links[k].status, "none") != 0))
			return &links[k];
	return NULL;
}

/* An extradition treaty in force between the host and the destination. */
static const struct rw_country_link *extradition(const struct eval *ev)
{
	const struct rw_country_link *l;

	if (ev->host == NULL)
		return NULL;
	l = find_link(ev->host->extradition, ev->host->n_extradition,
	    ev->dest);
	return l != NULL && l->status != NULL &&
	    strncmp(l->status, "in force", 8) == 0 ? l : NULL;
}

/* A security pact: listed by either side with the other, or by both
 * under the same name (the link's note, such as "SCO"). */
static const struct rw_country_link *pact(const struct eval *ev)
{
	const struct rw_country *h = ev->host, *d = ev->dest_profile;
	const struct rw_country_link *l;

	if (h == NULL)
		return NULL;
	if ((l = find_link(h->pacts, h->n_pacts, ev->dest)) != NULL)
		return l;
	if (d == NULL)
		return NULL;
	if ((l = find_link(d->pacts, d->n_pacts, h->iso)) != NULL)
		return l;
	for (size_t k = 0; k < h->n_pacts; k++)
		for (size_t j = 0; h->pacts[k].note != NULL && j < d->n_pacts;
		    j++)
			if (d->pacts[j].note != NULL &&
			    strcmp(h->pacts[k].note, d->pacts[j].note) == 0)
				return &h->pacts[k];
	return NULL;
}

static bool pretext_in(const char *pretext, const struct rw_case *c)
{
	for (size_t k = 0; k < c->n_requests; k++)
		if (c->requests[k].charges != NULL &&
		    strcasestr(c->requests[k].charges, pretext) != NULL)
			return true;
	return false;
}

static bool any_pretext(const struct eval *ev)
{
	for (size_t k = 0; k < ev->rules->n_pretexts; k++)
		if (pretext_in(ev->rules->pretexts[k], ev->c))
			return true;
	return false;
}

/* ---- conditions ---- */

static enum rw_treaty_status treaty(const struct rw_country *h, unsigned k)
{
	const enum rw_treaty_status v[] = {h->refugee_convention, h->cat,
		h->iccpr, h->ced};

	return v[k];
}

/* The host's status for one of the treaties in set is one of want. */
static bool host_treaty(const struct eval *ev, unsigned set, bool party)
{
	for (unsigned k = 0; ev->host != NULL && k < 4; k++) {
		enum rw_treaty_status s = treaty(ev->host, k);

		if (!(set & (1u << k)))
			continue;
		if (party ? s == RW_TREATY_PARTY : (s == RW_TREATY_NOT_PARTY ||
		    s == RW_TREATY_SIGNATORY))
			return true;
	}
	return false;
}

static bool compare(long v, const struct cond *c)
{
	switch (c->op) {
	case CMP_GE: return v >= c->n;
	case CMP_GT: return v > c->n;
	case CMP_LE: return v <= c->n;
	case CMP_LT: return v < c->n;
	default: return v == c->n;
	}
}

static bool in_set(unsigned v, unsigned set)
{
	return v < 32 && (set & (1u << v));
}

static bool any_request(const struct eval *ev, const struct cond *c,
    bool from_dest)
{
	for (size_t k = 0; k < ev->c->n_requests; k++) {
		const struct rw_request *r = &ev->c->requests[k];

		if (c->kind == COND_ASSURANCES ? r->assurances : from_dest ?
		    strcmp(r->state, ev->dest) == 0 && ev->dest[0] != '\0' :
		    in_set(r->kind, c->set))
			return true;
	}
	return false;
}

static bool any_deadline(const struct eval *ev, unsigned set)
{
	for (size_t k = 0; k < ev->c->n_deadlines; k++)
		if (in_set(ev->c->deadlines[k].kind, set))
			return true;
	return false;
}

static bool has_tag(const struct rw_case *c, const char *tag)
{
	for (size_t k = 0; k < c->tags.n; k++)
		if (strcasecmp(c->tags.items[k], tag) == 0)
			return true;
	return false;
}

static bool host_fact(const struct eval *ev, const struct cond *c)
{
	const struct rw_country *h = ev->host;

	if (h == NULL)
		return false;
	switch (c->kind) {
	case COND_HOST_ACCEPTS:
		return h->cat_article22 == RW_TREATY_PARTY;
	case COND_HOST_DOMESTIC_LAW:
		return h->domestic_law != NULL && h->domestic_law[0] != '\0';
	case COND_HOST_NO_DOMESTIC_LAW:
		return h->domestic_law == NULL || h->domestic_law[0] == '\0';
	case COND_HOST_RSD:
		return in_set(h->rsd, c->set);
	case COND_EXTRADITION_TREATY:
		return extradition(ev) != NULL;
	default:
		return pact(ev) != NULL;
	}
}

static bool holds(const struct eval *ev, const struct cond *c)
{
	const struct rw_case *cs = ev->c;
	const struct rw_host_record *rec = &ev->in->record;

	switch (c->kind) {
	case COND_DEST_PERSECUTES_GROUP:
		return find_persecution(ev, false, cs->group) != NULL;
	case COND_TAG_TARGETED_BY_DEST: return any_tag_targeted(ev);
	case COND_TAG: return has_tag(cs, c->text);
	case COND_HOST_PARTY: return host_treaty(ev, c->set, true);
	case COND_HOST_NOT_PARTY: return host_treaty(ev, c->set, false);
	case COND_RECORD_RETURNS: return compare(rec->returns_to_dest, c);
	case COND_RECORD_RETURNS_TOTAL: return compare(rec->returns_total, c);
	case COND_RECORD_THREATENED:
		return compare(rec->threatened_to_dest, c);
	case COND_DEADLINE_WITHIN:
		return ev->deadline != NULL && ev->days_left <= c->n;
	case COND_DEADLINE_KIND: return any_deadline(ev, c->set);
	case COND_REQUEST_KIND:
	case COND_ASSURANCES: return any_request(ev, c, false);
	case COND_REQUEST_FROM_DEST: return any_request(ev, c, true);
	case COND_NO_REQUEST: return cs->n_requests == 0;
	case COND_CHARGE_PRETEXT: return any_pretext(ev);
	case COND_LEGAL_STATUS: return in_set(cs->legal_status, c->set);
	case COND_STATUS: return in_set(cs->status, c->set);
	case COND_COUNT: return compare(cs->count > 0 ? cs->count : 1, c);
	case COND_LEVEL_AT_LEAST:
		/* the lowest level named is the bar */
		return (c->set & ((2u << ev->level) - 1)) != 0;
	default: return host_fact(ev, c);
	}
}

/* Disjunctive normal form: true when every condition of one alternative
 * holds. */
static bool rule_holds(const struct eval *ev, const struct rule *r)
{
	bool alt = true;

	for (size_t k = 0; k < r->n_conds; k++) {
		const struct cond *c = &r->conds[k];

		if (c->starts_alt) {
			if (alt)
				return true;
			alt = true;
		}
		if (alt && holds(ev, c) == c->negate)
			alt = false;
	}
	return alt;
}

/* ---- placeholders ---- */

static const char *const deadline_phrase[RW_DEADLINE_KIND_COUNT] = {
	"the end of the sentence", "a hearing", "a scheduled deportation",
	"the close of the appeal window",
};
static const char *const request_phrase[RW_REQUEST_KIND_COUNT] = {
	"an extradition request", "an arrest warrant", "a bounty",
	"an Interpol red notice", "an Interpol diffusion",
};
static const char *const rsd_phrase[] = {
	"unknown", "the state", "UNHCR", "the state and UNHCR", "nobody",
};

static int put(struct rw_buf *b, const char *s)
{
	return rw_buf_append_str(b, s != NULL && s[0] != '\0' ? s : "unknown");
}

/* An enum name with its hyphens read as spaces: "deportation ordered". */
static int put_name(struct rw_buf *b, const char *name)
{
	size_t start = b->len;
	int rc = put(b, name);

	for (size_t k = start; rc == RW_OK && k < b->len; k++)
		if (b->data[k] == '-')
			b->data[k] = ' ';
	return rc;
}

static int put_country(struct rw_buf *b, const struct rw_country *p,
    const char *iso)
{
	return put(b, p != NULL && p->name != NULL ? p->name : iso);
}

static int put_link(struct rw_buf *b, const struct rw_country_link *l)
{
	if (l == NULL)
		return put(b, NULL);
	if (l->note != NULL && l->note[0] != '\0')
		return rw_buf_appendf(b, "%s (%s)", l->status != NULL ?
		    l->status : "listed", l->note);
	return put(b, l->status);
}

/* The profile tags dest targets, or their sources. */
static int put_tags(struct rw_buf *b, const struct eval *ev, bool sources)
{
	size_t n = 0;
	int rc = RW_OK;

	for (size_t k = 0; rc == RW_OK && k < ev->c->tags.n; k++) {
		const struct persecution *p = targeted_tag(ev, k);

		if (p == NULL)
			continue;
		rc = rw_buf_appendf(b, "%s%s", n++ ? (sources ? "; " : ", ") :
		    "", sources ? p->source : ev->c->tags.items[k]);
	}
	return rc == RW_OK && n == 0 ? put(b, NULL) : rc;
}

static int put_list(struct rw_buf *b, const struct rw_strings *list)
{
	int rc = RW_OK;

	for (size_t k = 0; rc == RW_OK && k < list->n; k++)
		rc = rw_buf_appendf(b, "%s%s", k ? ", " : "", list->items[k]);
	return rc == RW_OK && list->n == 0 ? put(b, NULL) : rc;
}

static int put_requests(struct rw_buf *b, const struct rw_case *c)
{
	int rc = RW_OK;

	for (size_t k = 0; rc == RW_OK && k < c->n_requests; k++) {
		const struct rw_request *r = &c->requests[k];

		rc = rw_buf_appendf(b, "%s%s from %s", k ? "; " : "",
		    r->kind < RW_REQUEST_KIND_COUNT ? request_phrase[r->kind] :
		    "a request", r->state[0] ? r->state : "an unknown state");
		if (rc == RW_OK && r->issuer != NULL)
			rc = rw_buf_appendf(b, " issued by %s", r->issuer);
		if (rc == RW_OK && r->charges != NULL)
			rc = rw_buf_appendf(b, " on charges of %s", r->charges);
	}
	return rc == RW_OK && c->n_requests == 0 ? put(b, "none") : rc;
}

static int put_charges(struct rw_buf *b, const struct rw_case *c)
{
	size_t n = 0;
	int rc = RW_OK;

	for (size_t k = 0; rc == RW_OK && k < c->n_requests; k++)
		if (c->requests[k].charges != NULL)
			rc = rw_buf_appendf(b, "%s%s", n++ ? "; " : "",
			    c->requests[k].charges);
	return rc == RW_OK && n == 0 ? put(b, "none stated") : rc;
}

static int put_pretexts(struct rw_buf *b, const struct eval *ev)
{
	size_t n = 0;
	int rc = RW_OK;

	for (size_t k = 0; rc == RW_OK && k < ev->rules->n_pretexts; k++)
		if (pretext_in(ev->rules->pretexts[k], ev->c))
			rc = rw_buf_appendf(b, "%s\"%s\"", n++ ? ", " : "",
			    ev->rules->pretexts[k]);
	return rc == RW_OK && n == 0 ? put(b, "none") : rc;
}

static int put_long(struct rw_buf *b, long v)
{
	return rw_buf_appendf(b, "%ld", v);
}

static int put_deadline(struct rw_buf *b, const struct eval *ev, int ph)
{
	const struct rw_deadline *d = ev->deadline;

	if (d == NULL)
		return put(b, NULL);
	if (ph == PH_DAYS_LEFT)
		return put_long(b, ev->days_left);
	if (ph == PH_DEADLINE_DATE)
		return put(b, d->date);
	return put(b, d->kind < RW_DEADLINE_KIND_COUNT ?
	    deadline_phrase[d->kind] : NULL);
}

static int put_country_fact(struct rw_buf *b, const struct eval *ev, int ph)
{
	const struct rw_country *h = ev->host;

	switch (ph) {
	case PH_HOST: return put(b, ev->c->host);
	case PH_HOST_NAME: return put_country(b, h, ev->c->host);
	case PH_DEST: return put(b, ev->dest);
	case PH_DEST_NAME: return put_country(b, ev->dest_profile, ev->dest);
	case PH_DOMESTIC_LAW: return put(b, h ? h->domestic_law : NULL);
	case PH_EXTRADITION: return put_link(b, extradition(ev));
	case PH_PACT: return put_link(b, pact(ev));
	default:
		return put(b, h != NULL && h->rsd < sizeof(rsd_phrase) /
		    sizeof(rsd_phrase[0]) ? rsd_phrase[h->rsd] : NULL);
	}
}

static int put_placeholder(struct rw_buf *b, const struct eval *ev, int ph)
{
	const struct rw_case *c = ev->c;
	const struct rw_host_record *rec = &ev->in->record;
	const struct persecution *g;

	switch (ph) {
	case PH_GROUP: return put(b, c->group);
	case PH_GROUP_SOURCE:
		g = find_persecution(ev, false, c->group);
		return put(b, g != NULL ? g->source : NULL);
	case PH_TARGETED_TAGS: return put_tags(b, ev, false);
	case PH_TAG_SOURCE: return put_tags(b, ev, true);
	case PH_TAGS: return put_list(b, &c->tags);
	case PH_COUNT: return put_long(b, c->count > 0 ? c->count : 1);
	case PH_RETURNS_TO_DEST: return put_long(b, rec->returns_to_dest);
	case PH_RETURNS_TOTAL: return put_long(b, rec->returns_total);
	case PH_THREATENED_TO_DEST:
		return put_long(b, rec->threatened_to_dest);
	case PH_LAST_RETURN_YEAR:
		return rec->last_return_year > 0 ? put_long(b,
		    rec->last_return_year) : put(b, NULL);
	case PH_DEADLINE_KIND:
	case PH_DEADLINE_DATE:
	case PH_DAYS_LEFT: return put_deadline(b, ev, ph);
	case PH_REQUESTS: return put_requests(b, c);
	case PH_CHARGES: return put_charges(b, c);
	case PH_PRETEXTS: return put_pretexts(b, ev);
	case PH_LEGAL_STATUS:
		return put_name(b, rw_legal_status_name(c->legal_status));
	case PH_STATUS: return put_name(b, rw_case_status_name(c->status));
	case PH_SCORE: return put_long(b, ev->score);
	case PH_LEVEL: return put(b, rw_level_name(ev->level));
	default: return put_country_fact(b, ev, ph);
	}
}

/* The template with the evidence filled in; NULL when out of memory. */
static char *render(const struct eval *ev, const struct tpl *t)
{
	struct rw_buf b;
	int rc = RW_OK;
	char *s;

	rw_buf_init(&b, SENTENCE_MAX);
	for (size_t k = 0; rc == RW_OK && k < t->n; k++)
		rc = t->parts[k].ph < 0 ? rw_buf_append_str(&b,
		    t->parts[k].text) : put_placeholder(&b, ev, t->parts[k].ph);
	if (rc == RW_ETOOBIG) {
		/* a sentence over the cap is cut, never dropped */
		if (b.data != NULL) {
			b.len = rw_utf8_prefix(b.data, b.len, b.max - 3);
			b.data[b.len] = '\0';
		}
		rc = rw_buf_append_str(&b, "...");
	}
	s = rc == RW_OK ? rw_buf_steal(&b) : NULL;
	rw_buf_free(&b);
	return s;
}

/* ---- dates ---- */

/* The nearest deadline on or after today. */
static void nearest_deadline(struct eval *ev)
{
	const struct rw_date *t = &ev->in->today;
	long today = rw_date_day_number(t->year, t->month, t->day);

	for (size_t k = 0; k < ev->c->n_deadlines; k++) {
		struct rw_date d;
		long left;

		if (rw_date_parse(ev->c->deadlines[k].date, &d) != RW_OK ||
		    d.day == 0)
			continue;
		left = rw_date_day_number(d.year, d.month, d.day) - today;
		if (left >= 0 && (ev->deadline == NULL || left < ev->days_left)) {
			ev->deadline = &ev->c->deadlines[k];
			ev->days_left = left;
		}
	}
}

/* ---- screening ---- */

static enum rw_level level_of(const struct rw_screen_rules *r, int score)
{
	for (int l = RW_LEVEL_CRITICAL; l > RW_LEVEL_LOW; l--)
		if (score >= r->threshold[l])
			return (enum rw_level)l;
	return RW_LEVEL_LOW;
}

static int check_input(const struct rw_screen_rules *rules,
    const struct rw_screen_input *in, struct rw_error *err)
{
	if (rules == NULL || in == NULL || in->c == NULL)
		return rw_error_set(err, RW_EINVAL, "screening needs rules and "
		    "a case");
	if (!rw_date_valid(in->today.year, in->today.month, in->today.day) ||
	    in->today.day == 0)
		return rw_error_set(err, RW_EINVAL, "screening needs today's "
		    "date as a full calendar date");
	return RW_OK;
}

static void eval_init(struct eval *ev, const struct rw_screen_rules *rules,
    const struct rw_screen_input *in)
{
	memset(ev, 0, sizeof(*ev));
	ev->rules = rules;
	ev->in = in;
	ev->c = in->c;
	ev->host = in->host;
	ev->dest_profile = in->dest;
	ev->dest = in->c->dest[0] != '\0' ? in->c->dest : in->c->nationality;
	nearest_deadline(ev);
}

/* Scores the factors that hold and lists them, explained. */
static int score_factors(struct eval *ev, struct rw_screening *s)
{
	const struct rw_screen_rules *r = ev->rules;
	bool *on = calloc(r->n_factors, sizeof(*on));
	size_t n = 0;

	if (on == NULL)
		return RW_ENOMEM;
	for (size_t k = 0; k < r->n_factors; k++)
		if ((on[k] = rule_holds(ev, &r->factors[k]))) {
			ev->score += r->factors[k].weight;
			n++;
		}
	ev->level = level_of(r, ev->score);
	s->factors = calloc(n + 1, sizeof(*s->factors));
	for (size_t k = 0; s->factors != NULL && k < r->n_factors; k++) {
		struct rw_factor *f = &s->factors[s->n_factors];

		if (!on[k])
			continue;
		f->id = r->factors[k].id;
		f->weight = r->factors[k].weight;
		if ((f->explanation = render(ev, &r->factors[k].text)) == NULL)
			break;
		s->n_factors++;
	}
	free(on);
	return s->factors != NULL && s->n_factors == n ? RW_OK : RW_ENOMEM;
}

static int list_advice(const struct eval *ev, struct rw_screening *s)
{
	const struct rw_screen_rules *r = ev->rules;

	if ((s->advice = calloc(r->n_advice + 1, sizeof(*s->advice))) == NULL)
		return RW_ENOMEM;
	for (size_t k = 0; k < r->n_advice; k++) {
		struct rw_advice *a = &s->advice[s->n_advice];

		if (!rule_holds(ev, &r->advice[k]))
			continue;
		a->id = r->advice[k].id;
		a->action = r->advice[k].action;
		if ((a->why = render(ev, &r->advice[k].text)) == NULL)
			return RW_ENOMEM;
		s->n_advice++;
	}
	return RW_OK;
}

int rw_screen(const struct rw_screen_rules *rules,
    const struct rw_screen_input *in, struct rw_screening *out,
    struct rw_error *err)
{
	struct rw_screening s = {0};
	struct eval ev;
	int rc;

	if ((rc = check_input(rules, in, err)) < 0)
		return rc;
	eval_init(&ev, rules, in);
	if (score_factors(&ev, &s) < 0 || list_advice(&ev, &s) < 0) {
		rw_screening_free(&s);
		return rw_error_set(err, RW_ENOMEM, "out of memory while "
		    "screening");
	}
	s.score = ev.score;
	s.level = ev.level;
	*out = s;
	return RW_OK;
}

void rw_screening_free(struct rw_screening *s)
{
	if (s == NULL)
		return;
	for (size_t k = 0; k < s->n_factors; k++)
		free(s->factors[k].explanation);
	free(s->factors);
	for (size_t k = 0; k < s->n_advice; k++)
		free(s->advice[k].why);
	free(s->advice);
	memset(s, 0, sizeof(*s));
}
