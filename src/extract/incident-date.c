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

	for (const char *const *w = words; *w; w++)
		if (token_is(t, i, *w))
			return true;
	return false;
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

/* A date that tells when nothing of the sentence's events happened. */
static bool report_date(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *d)
{
	return dateline(a, sent, d) || said_on(sp, d, a->t);
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

