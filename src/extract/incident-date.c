/* incident-date.c: which date of a sentence belongs to which trigger.
 * A date belongs to its clause ("In March, ...", "..., who was detained
 * in 2019"); datelines, bullet dates and "said on Monday" date the
 * report, not the incident. */
#include <string.h>

#include "extract/assemble.h"

/* A date that opens a clause: at the start of the sentence or after a
 * comma, semicolon, "and" or "but", maybe behind a preposition ("In
 * March, ...", "..., and in April ..."). Such a date belongs to the
 * trigger that follows it. */
static bool date_opens_clause(const struct assembler *a,
    const struct sentence *sent, const struct mention *d)
{
	const struct text *t = a->t;
	size_t i = d->first;

	for (size_t back = 0; back < 3; back++) {
		if (i <= sent->first)
			return true;
		i--;
		/* "between 2001 and 2004" is one span, not two clauses */
		if (token_is(t, i, "and") && i > 0 &&
		    (t->tokens[i - 1].flags & TOKEN_NUMBER))
			return false;
		if (token_punct(t, i, ',') || token_punct(t, i, ';') ||
		    token_is(t, i, "and") || token_is(t, i, "but") ||
		    token_is(t, i, "then"))
			return true;
		if (!(token_is(t, i, "in") || token_is(t, i, "on") ||
		    token_is(t, i, "by") || token_is(t, i, "early") ||
		    token_is(t, i, "late") || token_is(t, i, "mid") ||
		    token_is(t, i, "at") || token_is(t, i, "the") ||
		    token_is(t, i, "end") || token_is(t, i, "of") ||
		    token_is(t, i, "start")))
			return false;
	}
	return false;
}

/* A word that opens a subordinate clause: a date behind it ("kept
 * incommunicado after he took part in a protest in 1989") tells when
 * that clause happened, not the trigger before it. */
static bool subordinator(const struct text *t, size_t i)
{
	static const char *const words[] = {"after", "before", "when",
		"while", "because", "who", "which", "whose", "where", "until",
		"although", "whereas", NULL};

	return token_in(t, i, words);
}

/* "BERLIN, Aug 6, 2018 (AFP) -", "Taipei, July 2 (CNA)": a dateline
 * dates the report, not the events of its sentence. */
static bool dateline(const struct assembler *a, const struct sentence *sent,
    const struct mention *d)
{
	const struct text *t = a->t;
	bool comma = false;

	if (d->first > sent->first + 6 || d->last >= t->n_tokens ||
	    !(token_punct(t, d->last, '(') || token_punct(t, d->last, '-')))
		return false;
	for (size_t k = sent->first; k < d->first; k++) {
		if (token_punct(t, k, ','))
			comma = true;
		else if (!(t->tokens[k].flags & TOKEN_CAPITAL))
			return false;
	}
	return comma;
}

/* "local media said Monday", "told RFA on Tuesday": the date of a
 * statement, not of what it reports; so is "learned in March 2020
 * that ...", a month or year with "in" right before a
 * "that" clause. */
static bool said_on(struct span sp, const struct mention *d, const struct
    text *t)
{
	size_t at = d->first;

	if (at > 0 && token_is(t, at - 1, "on"))
		at--;
	else if (at > 0 && token_is(t, at - 1, "in") && d->last < t->n_tokens
	    && token_is(t, d->last, "that"))
		at--;
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (cue_at(m, CUE_SPEECH) && m->last == at)
			return true;
	return false;
}

/* How far a date may follow the speech verb whose clause it dates. */
#define ATTRIBUTION_WINDOW 16

/* "..., said Ana Ruiz, a researcher at the institute, in May 2020",
 * "according to letters the family received on 3 June": a date after a
 * speech verb with no trigger between them dates the statement ("said
 * that in May police arrested him" is the arrest's). */
static bool attribution_date(struct span sp, const struct mention *d,
    const struct text *t)
{
	const struct mention *speech = NULL;

	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->first >= d->first)
			break;
		if (cue_at(m, CUE_SPEECH))
			speech = m;
		else if (m->kind == M_TRIGGER)
			speech = NULL;
	}
	if (!speech || speech->last + ATTRIBUTION_WINDOW < d->first)
		return false;
	for (size_t k = d->first; k > speech->last && k + 3 > d->first; k--)
		if (token_is(t, k - 1, "that"))
			return false;
	return true;
}

/* A date that tells when nothing of the sentence's events happened. */
static bool report_date(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *d)
{
	return dateline(a, sent, d) || said_on(sp, d, a->t) ||
	    attribution_date(sp, d, a->t);
}

/* "• 2 November — X, sentenced in 2018, was deported": a date that opens
 * a list item or line and is followed by a dash dates the item's events
 * that own no date of their own, not only the first trigger after it. */
static bool bullet_date(const struct assembler *a,
    const struct sentence *sent, const struct mention *d)
{
	const struct text *t = a->t;
	size_t k = sent->first;

	while (k < d->first && k < sent->first + 2 &&
	    !(t->tokens[k].flags & TOKEN_WORD))
		k++;
	return k == d->first && d->last < t->n_tokens &&
	    (token_punct(t, d->last, '-') || token_punct(t, d->last, ':'));
}

/* How far back from a date the word opening its subordinate clause may
 * stand. */
#define SUBORDINATE_WINDOW 24

/* "three Kazakhs who had crossed ... on 4 May 2020 could be sent back",
 * "12 Uyghurs who fled ... after the unrest in August were deported":
 * a date in a relative clause ("who", "which", "where")
 * that no trigger or comma comes between tells when that clause
 * happened, not the trigger after it. ("after the police in
 * March 2011 deported": the clause is the trigger's own.) */
static bool subordinate_date(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *d)
{
	const struct text *t = a->t;
	size_t k = d->first;

	while (k-- > sent->first && k + SUBORDINATE_WINDOW >= d->first) {
		if (token_punct(t, k, ',') || token_punct(t, k, ';'))
			return false;
		if (token_is(t, k, "who") || token_is(t, k, "which") ||
		    token_is(t, k, "whose") || token_is(t, k, "whom") ||
		    token_is(t, k, "where"))
			break;
		if (k == sent->first)
			return false;
	}
	if (k + SUBORDINATE_WINDOW < d->first || k < sent->first ||
	    k >= d->first)
		return false;
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->first > k && m->last <= d->first &&
		    trigger_value(a, sp, m))
			return false;
	return true;
}

/* The trigger a date belongs to: the nearest trigger before it in the
 * sentence ("arrested on 4 June", "a notice issued in 2016"), or the next
 * trigger when the date opens a clause or no trigger comes before it.
 * None when a subordinate clause without a trigger holds it. */
static const struct mention *date_owner(const struct assembler *a,
    struct span sp, const struct sentence *sent, const struct mention *d)
{
	const struct mention *before = NULL, *after = NULL;

	if (report_date(a, sp, sent, d) || bullet_date(a, sent, d))
		return NULL;
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!trigger_value(a, sp, m))
			continue;
		if (m->last <= d->first) {
			if (!before || m->first > before->first)
				before = m;
		} else if (m->first >= d->last) {
			if (!after || m->first < after->first)
				after = m;
		}
	}
	if (after && date_opens_clause(a, sent, d))
		return after;
	if (after && !before)
		return subordinate_date(a, sp, sent, d) ? NULL : after;
	if (before && clause_break(a->t, before->last, d->first))
		return NULL; /* "deported in 2015, and since 2020 he has..." */
	if (before && d->first > 0) {
		/* inside a subordinate clause that no comma has closed */
		bool inside = false;
		for (size_t k = before->last; k + 1 < d->first; k++) {
			if (subordinator(a->t, k))
				inside = true;
			else if (token_punct(a->t, k, ','))
				inside = false;
		}
		if (inside)
			return NULL;
	}
	return before;
}

/* "the 2020 protests", "her 2018 trial": a year that names an earlier
 * event by its date rather than dating the sentence's event. */
static bool attributive_year(const struct assembler *a,
    const struct mention *d)
{
	const struct text *t = a->t;

	if (d->date.month || d->last - d->first != 1 || d->first == 0 ||
	    d->last >= t->n_tokens)
		return false;
	if (!(token_is(t, d->first - 1, "the") || token_is(t, d->first - 1,
	    "his") || token_is(t, d->first - 1, "her") ||
	    token_is(t, d->first - 1, "their") || token_is(t, d->first - 1,
	    "its") || token_is(t, d->first - 1, "'s")))
		return false;
	return (t->tokens[d->last].flags & TOKEN_WORD) &&
	    !(t->tokens[d->last].flags & TOKEN_NUMBER);
}

/* The nearest date that trigger trig owns, one after it first; a year
 * naming an earlier event ("refused on Thursday ... over the 2020
 * protests") only when the trigger owns no other date. */
static const struct mention *owned_date(const struct assembler *a,
    struct span sp, const struct sentence *sent, const struct mention *trig)
{
	const struct mention *best_after = NULL, *best_before = NULL;

	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->kind != M_DATE || date_owner(a, sp, sent, m) != trig)
			continue;
		if (m->first >= trig->last) {
			if (!best_after || m->first < best_after->first)
				best_after = m;
		} else if (!best_before || m->first > best_before->first) {
			best_before = m;
		}
	}
	if (best_after && best_before && attributive_year(a, best_after))
		return best_before;
	return best_after ? best_after : best_before;
}

/* "spent three years in jail between 2003 and 2006 and later
 * disappeared, ... in secret detention in 2013": a trigger behind "later"
 * happened after the trigger before it, so does not share its date. */
static bool told_later(const struct text *t, const struct mention *trig)
{
	size_t k = trig->first;

	for (size_t n = 0; n < 2 && k > 0 && !(t->tokens[k - 1].flags &
	    TOKEN_WORD); n++)
		k--;
	for (size_t n = 0; n < 2 && k > 0; n++, k--)
		if (token_is(t, k - 1, "later") || token_is(t, k - 1,
		    "subsequently") || token_is(t, k - 1, "afterwards"))
			return true;
	return false;
}

/* "had been handed over to China, where officials are believed to
 * have locked up ... since early 2017": a relative clause between tokens
 * from and to tells of something else. */
static bool relative_between(const struct text *t, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (token_is(t, k, "where") || token_is(t, k, "which") ||
		    token_is(t, k, "who") || token_is(t, k, "whose"))
			return true;
	return false;
}

bool find_date(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *trig,
    struct rw_date *ret, struct rw_date *near)
{
	const struct mention *d = owned_date(a, sp, sent, trig), *nearest = NULL;

	memset(near, 0, sizeof(*near));
	if (!d)
		for (const struct mention *m = sp.first; m < sp.last && !d; m++)
			if (m->kind == M_DATE && m->first < trig->first &&
			    bullet_date(a, sent, m))
				d = m;
	if (d) {
		*ret = d->date;
		return true;
	}
	bool own_clause = in_relative(a->t, sent, trig->first);
	for (const struct mention *m = trig; m-- > sp.first && !d &&
	    !told_later(a->t, trig);)
		if (trigger_value(a, sp, m) && m->last <= trig->first &&
		    (own_clause || !in_relative(a->t, sent, m->first)))
			d = owned_date(a, sp, sent, m);
	for (const struct mention *m = trig + 1; m < sp.last && !d; m++)
		if (trigger_value(a, sp, m) && m->first >= trig->last &&
		    !relative_between(a->t, trig->last, m->first))
			d = owned_date(a, sp, sent, m);
	if (!d)
		for (const struct mention *m = sp.first; m < sp.last; m++)
			if (m->kind == M_DATE && !report_date(a, sp, sent, m) &&
			    !subordinate_date(a, sp, sent, m) &&
			    !(m->first >= trig->last && relative_between(a->t,
			    trig->last, m->first)) && (own_clause ||
			    !in_relative(a->t, sent, m->first)) && (!nearest ||
			    distance(m, trig->first) < distance(nearest,
			    trig->first)))
				nearest = m;
	if (d || nearest)
		*near = (d ? d : nearest)->date;
	return false;
}

/* ---- dates the clause does not give ---- */

/* "In the wake of the unrest", "after the protests": the sentence is
 * timed by an event told before it. */
static bool the_event_before(const struct assembler *a, struct span sp)
{
	const struct text *t = a->t;
	size_t first = sp.first < sp.last ?
	    t->sentences[sp.first->sentence].first : 0;

	for (size_t k = first; k + 2 < t->n_tokens && k < first + 6; k++)
		if ((token_is(t, k, "wake") && token_is(t, k + 1, "of") &&
		    token_is(t, k + 2, "the")) || ((token_is(t, k, "after") ||
		    token_is(t, k, "following")) && token_is(t, k + 1, "the")))
			return true;
	return false;
}

/* "has been sentenced", "has now been sentenced", "have sentenced": a
 * present perfect right before the trigger at pos. */
static bool present_perfect(const struct text *t, size_t pos)
{
	for (size_t k = pos; k-- > 0 && k + 4 > pos;) {
		if (token_is(t, k, "has") || token_is(t, k, "have"))
			return true;
		if (!(token_is(t, k, "been") || token_is(t, k, "now") ||
		    token_is(t, k, "also") || token_is(t, k, "just") ||
		    token_is(t, k, "recently")))
			return false;
	}
	return false;
}

/* A date after the trigger m in its sentence. */
static bool date_after(struct span sp, const struct mention *m)
{
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (q->kind == M_DATE && q->first >= m->last)
			return true;
	return false;
}

/* A length of time ending at token k ("two nights", "a year"): its
 * relative date ("then-days-later", or "-earlier" when !later), NULL
 * when k names no unit of time; *count is how many (1 for "a" or "one"),
 * -1 when no count is told. */
static const char *time_span(const struct text *t, struct span sp, size_t k,
    bool later, long *count)
{
	static const struct {
		const char *one, *many, *later, *earlier;
	} units[] = {
		{"day", "days", "then-days-later", "then-days-earlier"},
		{"night", "nights", "then-days-later", "then-days-earlier"},
		{"week", "weeks", "then-weeks-later", "then-weeks-earlier"},
		{"month", "months", "then-months-later", "then-months-earlier"},
		{"year", "years", "then-years-later", "then-years-earlier"},
	};

	*count = -1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (!token_is(t, k, units[u].one) &&
		    !token_is(t, k, units[u].many))
			continue;
		if (k > 0 && (token_is(t, k - 1, "a") ||
		    token_is(t, k - 1, "one")))
			*count = 1;
		for (const struct mention *q = sp.first; q < sp.last; q++)
			if (q->kind == M_NUMBER && q->last == k)
				*count = q->number;
		return later ? units[u].later : units[u].earlier;
	}
	return NULL;
}

/* How far before a trigger "before" and the stay before it may stand. */
#define STAY_WINDOW 8

/* "detained on 9 June and held for a month before a judge freed him",
 * "She spent three nights in a cell before a court released her": the
 * trigger at m is that long after the date told just before (in its
 * sentence, else the sentence before). */
static bool after_a_stay(const struct assembler *a, struct span sp, size_t s,
    const struct mention *m, const struct rw_date *near, struct rw_date *ret)
{
	const struct text *t = a->t;
	const struct rw_date *from = near->year ? near : (a->have_date &&
	    s - a->last_date_sentence <= 1 ? &a->last_date : NULL);
	size_t before = 0;
	const char *rel = NULL;
	long count;

	for (size_t k = m->first; k-- > 0 && k + STAY_WINDOW > m->first;)
		if (token_is(t, k, "before")) {
			before = k;
			break;
		}
	if (!before || !from || !from->month)
		return false;
	for (size_t k = before; k-- > 0 && k + STAY_WINDOW > before && !rel;)
		rel = time_span(t, sp, k, true, &count);
	return rel && count > 0 && reldate_resolve(reldate_parse(rel), "",
	    count, from, ret) && ret->year;
}

/* "deported ... on 14 May, a year after she was detained": "N units
 * after" a few words before the trigger at m puts it that long before the
 * date near (of the trigger before it). */
static bool time_before(const struct assembler *a, struct span sp,
    const struct mention *m, const struct rw_date *near, struct rw_date *ret)
{
	const struct text *t = a->t;
	const char *rel;
	long count;
	size_t after = 0;

	for (size_t k = m->first; k-- > 0 && k + 5 > m->first;)
		if (token_is(t, k, "after")) {
			after = k;
			break;
		}
	if (after < 2 || !(rel = time_span(t, sp, after - 1, false, &count)) ||
	    count < 1)
		return false;
	return reldate_resolve(reldate_parse(rel), "", count, near, ret) &&
	    ret->year;
}

/* The year of writing, or no date when the document has none. */
static struct rw_date year_of_writing(const struct assembler *a)
{
	return (struct rw_date){a->pub ? a->pub->year : 0, 0, 0};
}

/* "Officials had demanded that he be surrendered" in a report that he
 * now faces return: a request for the return of someone whose return
 * the document threatens is news of that threat's year. (A warrant or
 * a bounty issued at home is older news, and stays undated.) */
static void request_behind_threat(const struct assembler *a,
    struct span sp, const struct mention *m, struct rw_incident *inc)
{
	const struct rw_incident *threat = threat_to_same_people(a->out, inc);
	enum rw_incident_type asked;
	enum rw_mechanism mech;

	if (threat && threat->date.year &&
	    parse_trigger(trigger_value(a, sp, m), &asked, &mech) &&
	    asked != RW_INCIDENT_WARRANT)
		inc->date = (struct rw_date){threat->date.year, 0, 0};
}

/* "..., said a researcher in January 2019" in a report of 2020: what
 * the statement tells happened before it, so the year of writing is not
 * its date. */
static bool stated_before_writing(const struct assembler *a,
    struct span sp, const struct sentence *sent)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_DATE && m->date.year &&
		    m->date.year < a->pub->year &&
		    (said_on(sp, m, a->t) || attribution_date(sp, m, a->t)))
			return true;
	return false;
}

enum date_source date_incident(const struct assembler *a, struct span sp,
    size_t s, const struct mention *m, bool inherited, bool partitive,
    struct rw_incident *inc, struct rw_date *near)
{
	const struct sentence *sent = &a->t->sentences[s];
	bool have_pub = a->pub && a->pub->year;

	memset(near, 0, sizeof(*near));
	/* "is still missing", "now faces deportation": news */
	if ((inc->type == RW_INCIDENT_THREATENED_RETURN ||
	    inc->type == RW_INCIDENT_DISAPPEARANCE) &&
	    cue_before(a, sp, m->first, CUE_PRESENT, CUE_WINDOW_CALL) &&
	    have_pub) {
		inc->date = year_of_writing(a);
		return DATE_TOLD;
	}
	if (find_date(a, sp, sent, m, &inc->date, near))
		return DATE_TOLD;
	if (inc->type == RW_INCIDENT_WARRANT) {
		/* dated only by its own clause, or by the return it
		 * threatens */
		request_behind_threat(a, sp, m, inc);
		return DATE_INFERRED;
	}
	if (after_a_stay(a, sp, s, m, near, &inc->date) || (near->year &&
	    time_before(a, sp, m, near, &inc->date)))
		return DATE_TOLD;
	if (inc->type == RW_INCIDENT_DETENTION && cue_before(a, sp, m->first,
	    CUE_PRESENT, CUE_WINDOW_THREAT) && !date_after(sp, m) &&
	    have_pub) {
		/* "..., and he is now being held": a present situation, not
		 * dated by the clause before ("are still in prison, after
		 * they were arrested in 2016" is) */
		inc->date = year_of_writing(a);
		return DATE_INFERRED;
	}
	if (near->year) {
		inc->date = *near;
		return DATE_INFERRED;
	}
	if (inc->type == RW_INCIDENT_CONVICTION) {
		/* a sentence is dated only by its text: "In the wake of the
		 * unrest" the unrest's year, "has been sentenced" news */
		if (the_event_before(a, sp) && a->have_date &&
		    s - a->last_date_sentence <= REFERENCE_SENTENCES)
			inc->date = (struct rw_date){a->last_date.year, 0, 0};
		else if (present_perfect(a->t, m->first) && have_pub)
			inc->date = year_of_writing(a);
		return DATE_INFERRED;
	}
	if ((inherited || partitive) && a->have_date &&
	    s - a->last_date_sentence <= REFERENCE_SENTENCES) {
		inc->date = (struct rw_date){a->last_date.year, 0, 0};
		return DATE_CARRIED;
	}
	if (have_pub && !stated_before_writing(a, sp, sent)) {
		inc->date = year_of_writing(a);
		return DATE_CARRIED;
	}
	return DATE_INFERRED;
}
