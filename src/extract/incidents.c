/* incidents.c: assembling incidents from the mentions of each sentence.
 *
 * For each trigger that states an incident (triggers.c), the subjects
 * (subjects.c), places (places.c) and date (incident-date.c) are read and
 * put together; what the sentence leaves open falls back to the
 * document: its main country and group, and its date of writing. One
 * incident stated twice is kept once, with what the second mention adds.
 * Rosters give the names of an earlier counted incident, and the people
 * and places each sentence names are kept for "he", "they" and "there"
 * later.
 *
 * Each step looks at one sentence (bounded in length) and a bounded number
 * of earlier incidents, so assembly is linear in the text. */
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "extract/assemble.h"

#define DEDUP_LOOKBACK 64
/* how far a name may follow "a man" it names */
#define UNNAMED_SENTENCES 2
/* how many incidents back a roster ("the list also includes") looks */
#define ROSTER_LOOKBACK 16

/* The first of the last lookback incidents of out. */
static size_t recent_from(const struct rw_extraction *out, size_t lookback)
{
	return out->n_incidents > lookback ? out->n_incidents - lookback : 0;
}

const struct rw_incident *last_of_type(const struct rw_extraction *out,
    enum rw_incident_type type)
{
	for (size_t k = out->n_incidents; k-- > 0;)
		if (out->incidents[k].type == type)
			return &out->incidents[k];
	return NULL;
}

const struct rw_incident *threat_to_same_people(
    const struct rw_extraction *out, const struct rw_incident *inc)
{
	const struct rw_incident *threat = last_of_type(out,
	    RW_INCIDENT_THREATENED_RETURN);

	if (threat)
		for (size_t i = 0; i < inc->n_persons; i++)
			for (size_t j = 0; j < threat->n_persons; j++)
				if (strcmp(inc->persons[i],
				    threat->persons[j]) == 0)
					return threat;
	return NULL;
}

/* Keeps what the second mention adds: a finer date, a count, a place. */
static void merge_into(struct rw_incident *keep, const struct rw_incident *dup)
{
	if ((dup->date.month && !keep->date.month) ||
	    (dup->date.day && !keep->date.day && dup->date.month ==
	    keep->date.month))
		keep->date = dup->date;
	if (keep->count < 0)
		keep->count = dup->count;
	if (!keep->dest[0])
		memcpy(keep->dest, dup->dest, 3);
	if (!keep->group[0])
		memcpy(keep->group, dup->group, sizeof(keep->group));
	for (size_t k = 0; k < dup->n_persons; k++)
		add_name(keep->persons, &keep->n_persons, dup->persons[k]);
	if (dup->confidence > keep->confidence)
		keep->confidence = dup->confidence;
}

/* prev and inc are one incident but for their dates: rw_incidents_same
 * without the dates. */
static bool same_but_date(const struct rw_incident *prev,
    const struct rw_incident *inc)
{
	return prev->type == inc->type && strcmp(prev->host, inc->host) == 0 &&
	    rw_incidents_same_subjects(prev, inc, NULL, NULL);
}

/* "ignoring Ankara's request that it hand over the group" and "Turkey
 * had asked in May for the return of the group": one request for the
 * same counted group, no one named. */
static bool same_group_request(const struct rw_incident *x,
    const struct rw_incident *y)
{
	return x->type == RW_INCIDENT_WARRANT && !x->n_persons &&
	    !y->n_persons && x->group[0] && strcmp(x->group, y->group) == 0 &&
	    x->count > 0 && x->count == y->count;
}

/* "Ilham Sadiq was sentenced on 2 March to 15 years. Relatives say he
 * was convicted behind closed doors.": an undated incident of
 * named people, of a type already stated for them, is that one again
 * (either way round). */
static bool repeats_undated(const struct rw_incident *prev,
    const struct rw_incident *inc)
{
	if (inc->date.year && prev->date.year)
		return false;
	if ((!inc->n_persons || !prev->n_persons) &&
	    !same_group_request(prev, inc))
		return false;
	return same_but_date(prev, inc);
}

/* "Ilham Sadiq was sentenced in March 2021. ... his conviction rests on
 * posts he wrote in 2019": a trigger noun behind "his", "her"
 * or "their" whose subjects are those of an earlier sentence names an
 * incident already stated for them, whatever date the sentence gives.
 * So does an incident of named people whose sentence gives no date
 * ("Relatives say X was held in a detention centre for three weeks"),
 * dated only by the year of writing. True when it found that incident
 * and merged into it. */
static bool merge_reference(struct assembler *a, const struct rw_incident *inc)
{
	struct rw_extraction *out = a->out;
	size_t from = recent_from(out, DEDUP_LOOKBACK);

	for (size_t k = out->n_incidents; k-- > from;) {
		struct rw_incident *prev = &out->incidents[k];
		a->t->work++;
		if (same_but_date(prev, inc)) {
			/* the date told first stays */
			struct rw_incident redated = *inc;
			redated.date = prev->date;
			merge_into(prev, &redated);
			return true;
		}
	}
	return false;
}

/* An incident of this type among the last ones. */
static bool type_among_last(struct assembler *a, enum rw_incident_type type)
{
	struct rw_extraction *out = a->out;
	size_t from = recent_from(out, DEDUP_LOOKBACK);

	for (size_t k = from; k < out->n_incidents; k++) {
		a->t->work++;
		if (out->incidents[k].type == type)
			return true;
	}
	return false;
}

/* "flown to Kyrgyzstan, from where they were handed to Uzbekistan":
 * a return of the same people onward from where the sentence's last one
 * ended is one journey, to the last destination. */
static bool onward_return(const struct rw_incident *prev,
    const struct rw_incident *inc)
{
	struct rw_incident from_start;

	if (prev->quote_start != inc->quote_start ||
	    prev->type != RW_INCIDENT_RETURN || !prev->dest[0] ||
	    !inc->dest[0] || strcmp(prev->dest, inc->host) != 0 ||
	    strcmp(prev->host, inc->dest) == 0)
		return false;
	from_start = *inc; /* copied only now: the tests above mostly fail */
	memcpy(from_start.host, prev->host, 3);
	return same_but_date(prev, &from_start);
}

static int add_incident(struct assembler *a, const struct rw_incident *inc)
{
	struct rw_extraction *out = a->out;
	size_t from = recent_from(out, DEDUP_LOOKBACK);

	for (size_t k = from; k < out->n_incidents; k++) {
		struct rw_incident *prev = &out->incidents[k];
		a->t->work++;
		/* two triggers of one type in one sentence state one incident
		 * ("put out warrants ... and placed bounties"), even when
		 * only one of them is dated */
		if (prev->quote_start == inc->quote_start &&
		    prev->type == inc->type && strcmp(prev->host, inc->host) == 0
		    && (!prev->date.year || !inc->date.year)) {
			if (!prev->date.year)
				prev->date = inc->date;
			merge_into(prev, inc);
			return 0;
		}
		if (onward_return(prev, inc)) {
			memcpy(prev->dest, inc->dest, 3);
			merge_into(prev, inc);
			return 0;
		}
		if (rw_incidents_same(prev, inc, NULL, NULL) ||
		    repeats_undated(prev, inc)) {
			if (!prev->date.year)
				prev->date = inc->date;
			merge_into(prev, inc);
			return 0;
		}
	}
	if (rw_array_room(out->incidents, out->n_incidents,
	    out->cap_incidents, 16) < 0)
		return rw_error_set(a->err, RW_ENOMEM, "out of memory");
	out->incidents[out->n_incidents++] = *inc;
	return 0;
}

/* The sentence names a country or a place. */
static bool names_a_place(struct span sp)
{
	return span_has(sp, M_COUNTRY) || span_has(sp, M_PLACE);
}

/* ---- rosters ---- */

static void add_persons_to(struct rw_incident *inc, const struct subjects *named)
{
	for (size_t k = 0; k < named->n_persons &&
	    (long)inc->n_persons < inc->count; k++)
		add_name(inc->persons, &inc->n_persons, named->persons[k]);
}

/* Rosters: a sentence that names the people of an earlier counted
 * incident. "Eight activists were charged. They include A, B and C.":
 * a list cue and names right after a counted incident without names;
 * "The four - A, B, C and D - were ...": as many names as the count;
 * "The wanted list also includes E": a list cue and a trigger of the
 * type of a recent counted incident whose names are not all given. The
 * names go to that incident; in the last case the sentence's triggers of
 * its type state it again: returns a bit set of those types. */
static unsigned roster(struct assembler *a, size_t s, struct span sp)
{
	struct rw_extraction *out = a->out;
	struct subjects named;
	const struct mention *count = NULL, *list_at = NULL;
	unsigned filled = 0;
	bool list, listed = false, before = false, trigger_since_list = false;

	/* a roster names someone (checked first: most sentences name no
	 * one, and named is large to clear) */
	if (!out->n_incidents || !span_has(sp, M_PERSON))
		return 0;
	memset(&named, 0, sizeof(named));
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (cue_at(m, CUE_BLOCK) && cue_value(m, "list")) {
			list_at = m;
			trigger_since_list = false;
		} else if (m->kind == M_TRIGGER) {
			trigger_since_list = true;
		}
		if (m->kind == M_PERSON && !m->possessive &&
		    !is_speaker(a, sp, m)) {
			add_person(&named, m->name);
			/* the list names them: "includes A", "among them
			 * were two officers, A and B"; not "children among
			 * them, were deported with A" */
			if (list_at && !trigger_since_list && m->first >=
			    list_at->last && m->first <= list_at->last + 12)
				listed = true;
		}
	}
	/* the sentence's own count ("seven other people, among them A and
	 * B"), not an age ("A, 52,") nor one in the list (counts come after
	 * the other mentions of their sentence) */
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_COUNT && (!list_at || m->first < list_at->first)
		    && !(m->first > 0 && token_punct(a->t, m->first - 1, ','))
		    && (!count || m->first < count->first))
			count = m;
	/* "named X as one among the five": "the" before a bare number */
	for (const struct mention *m = sp.first; m < sp.last && !count; m++)
		if (m->kind == M_NUMBER && m->number >= 2 && m->number <
		    AGGREGATE_COUNT && m->first > 0 && token_is(a->t,
		    m->first - 1, "the") && m->first >= 2 && token_is(a->t,
		    m->first - 2, "among"))
			count = m;
	if (!named.n_persons)
		return 0;
	list = listed;
	/* the incidents of the sentence before; "the four" also those of
	 * the few sentences before it that counted four */
	bool the_count = count && count->first > 0 &&
	    token_is(a->t, count->first - 1, "the");
	size_t near_start = a->t->tokens[a->t->sentences[
	    s > REFERENCE_SENTENCES ? s - REFERENCE_SENTENCES : 0].first].start;
	if (a->have_subjects && a->last_subjects_sentence < s &&
	    (s - a->last_subjects_sentence <= 2 || (the_count &&
	    s - a->last_subjects_sentence <= REFERENCE_SENTENCES))) {
		size_t quote = out->incidents[out->n_incidents - 1].quote_start;
		size_t from = recent_from(out, ROSTER_LOOKBACK);
		for (size_t k = out->n_incidents; k-- > from;) {
			struct rw_incident *inc = &out->incidents[k];
			if (inc->quote_start != quote && !the_count)
				break;
			/* "the five": the incidents of those five, also
			 * told before the last few sentences once one of
			 * them is within them */
			if (inc->quote_start != quote &&
			    inc->quote_start < near_start && !before)
				break;
			if (inc->n_persons || inc->count < 2 ||
			    (count && count->number != inc->count))
				continue;
			if ((inc->quote_start == quote && (inc->count ==
			    (long)named.n_persons || (list && inc->count >
			    (long)named.n_persons))) ||
			    (count && count->number == inc->count)) {
				add_persons_to(inc, &named);
				before = true;
			}
		}
	}
	/* "they" later means the people named now */
	if (before && a->have_subjects && !a->last_subjects.n_persons &&
	    a->last_subjects.count >= (long)named.n_persons)
		for (size_t k = 0; k < named.n_persons; k++)
			add_person(&a->last_subjects, named.persons[k]);
	if (!list || before)
		return 0;
	/* "the wanted list further includes": a recent incident of the
	 * trigger's type */
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		enum rw_incident_type type;
		enum rw_mechanism mech;
		if (m->kind != M_TRIGGER ||
		    !parse_trigger(m->entry->value, &type, &mech))
			continue;
		size_t from = recent_from(out, ROSTER_LOOKBACK);
		for (size_t k = out->n_incidents; k-- > from;) {
			struct rw_incident *inc = &out->incidents[k];
			/* "seven other people ..., among them A and B": the
			 * sentence's own count is of other people */
			if (inc->type != type || inc->count < 2 ||
			    inc->n_persons + named.n_persons > (size_t)inc->count
			    || (count && count->number != inc->count))
				continue;
			add_persons_to(inc, &named);
			filled |= 1u << type;
			break;
		}
	}
	return filled;
}

/* How many incidents back "before the arrests" may refer. */
#define TOLD_BEFORE_LOOKBACK 16

/* "Turkish police detained some forty Uyghur students ... Two men, A
 * and B, were freed on Friday": the
 * people released by name were among those of the last detention of a
 * counted group without names, in the same country. */
static void released_were_held(struct assembler *a,
    const struct rw_incident *rel)
{
	struct rw_extraction *out = a->out;
	size_t from = recent_from(out, ROSTER_LOOKBACK);

	for (size_t k = out->n_incidents; k-- > from;) {
		struct rw_incident *inc = &out->incidents[k];
		if (inc->type != RW_INCIDENT_DETENTION)
			continue;
		if (inc->n_persons || strcmp(inc->host, rel->host) != 0 ||
		    inc->count <= (long)rel->n_persons)
			return;
		for (size_t i = 0; i < rel->n_persons &&
		    inc->n_persons < RW_INCIDENT_PERSONS; i++)
			memcpy(inc->persons[inc->n_persons++], rel->persons[i],
			    RW_PERSON_NAME_MAX);
		return;
	}
}

/* "had been separated from the others at the border before the
 * arrests": a trigger noun behind "before the" or "after the", without a
 * date of its own, names the last incident of its type, which it
 * becomes again (merged with it), whoever else the sentence names. */
static void the_trigger_before(const struct assembler *a,
    const struct mention *m, struct rw_incident *inc)
{
	const struct rw_extraction *out = a->out;
	size_t from = recent_from(out, TOLD_BEFORE_LOOKBACK);

	if (m->first < 2 || !token_is(a->t, m->first - 1, "the") ||
	    !(token_is(a->t, m->first - 2, "before") ||
	    token_is(a->t, m->first - 2, "after")))
		return;
	for (size_t k = out->n_incidents; k-- > from;) {
		const struct rw_incident *prev = &out->incidents[k];
		if (prev->type != inc->type)
			continue;
		inc->date = prev->date;
		memcpy(inc->host, prev->host, 3);
		memcpy(inc->persons, prev->persons, sizeof(inc->persons));
		inc->n_persons = prev->n_persons;
		memcpy(inc->group, prev->group, sizeof(inc->group));
		inc->count = prev->count;
		return;
	}
}

/* Where the whole sentence is quoted from. */
static void set_quote(const struct assembler *a, const struct sentence *sent,
    struct rw_incident *inc)
{
	inc->quote_start = a->t->tokens[sent->first].start;
	inc->quote_end = a->t->tokens[sent->last - 1].end;
}

/* A granted request for a return: the return it now threatens, added
 * before the request. The threat takes the date; the request was made
 * before, so inc loses it. */
static int add_granted_threat(struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *m,
    struct rw_incident *inc, const struct subjects *subj, bool inherited,
    enum date_source src, const struct rw_date *near)
{
	struct rw_incident threat = *inc;

	threat.type = RW_INCIDENT_THREATENED_RETURN;
	if (src != DATE_TOLD)
		threat.date = near->year ? *near : (a->pub ?
		    (struct rw_date){a->pub->year, 0, 0} : *near);
	find_places(a, sp, m->first, &threat, subj, inherited);
	if (threat.host[0] && strcmp(threat.host, threat.dest) == 0)
		threat.dest[0] = '\0';
	set_quote(a, sent, &threat);
	threat.confidence = 0.6;
	memset(&inc->date, 0, sizeof(inc->date));
	return add_incident(a, &threat);
}

/* The incident inc of the trigger at m repeats one told before: its
 * noun refers back ("his conviction") or its sentence gives it no date
 * and it names people or a group ("the Uyghurs who were deported"),
 * and it merged into that incident; or
 * its noun recalls an event of a type already told ("since the
 * deportation"). */
static bool told_again(struct assembler *a, struct span sp,
    const struct mention *m, const struct rw_incident *inc, bool inherited,
    enum date_source src, const struct rw_date *near)
{
	bool refers = (inherited && trigger_noun_refers(a, m)) ||
	    (src != DATE_TOLD && !near->year &&
	    (inc->n_persons || inc->group[0]));

	if (refers && !trigger_again(a, sp, m) && merge_reference(a, inc))
		return true;
	return trigger_recalls_event(a, m) && type_among_last(a, inc->type);
}

/* Keeps what later sentences refer to: the people ("he", "they"), the
 * host, the last return's destination and the last date the text gave
 * (not one carried over), and an incident of "a man" waiting for the
 * name a later sentence gives. */
static void remember_incident(struct assembler *a, size_t s,
    const struct subjects *subj, const struct rw_incident *inc,
    bool inherited, size_t before_add, enum date_source src)
{
	if (subj->singular_noun && !inherited &&
	    a->out->n_incidents > before_add &&
	    (!a->have_unnamed || a->unnamed_sentence != s)) {
		a->have_unnamed = true;
		a->unnamed_sentence = s;
		a->unnamed_from = before_add;
		a->unnamed_quote = inc->quote_start;
	}
	if (subj->n_persons) {
		a->last_person = *subj;
		a->last_person_sentence = s;
		a->have_person = true;
		memcpy(a->person_host, inc->host, 3);
	}
	a->last_subjects = *subj;
	a->last_subjects_sentence = s;
	memcpy(a->last_host, inc->host, 3);
	if (inc->type == RW_INCIDENT_RETURN && inc->dest[0]) {
		memcpy(a->last_return_dest, inc->dest, 3);
		a->last_return_sentence = s;
	}
	a->have_subjects = true;
	if (inc->date.year && src != DATE_CARRIED) {
		a->last_date = inc->date;
		a->last_date_sentence = s;
		a->have_date = true;
	}
}

/* "The two youngest were not put on trial. Police handed them over":
 * a counted group of people named as the subject of a trigger that
 * states no incident is still whom "they" means next. */
static void counted_without_incident(struct assembler *a, struct span sp,
    size_t s, const struct mention *m)
{
	struct subjects subj;
	bool inherited;

	if (m->kind != M_TRIGGER)
		return;
	find_subjects(a, sp, m->first, s, &subj, &inherited);
	if (inherited || subj.n_persons || subj.count < 2 ||
	    subj.count >= AGGREGATE_COUNT)
		return;
	a->last_subjects = subj;
	a->last_subjects_sentence = s;
	a->have_subjects = true;
}

static int sentence_incidents(struct assembler *a, size_t s, struct span sp)
{
	const struct sentence *sent = &a->t->sentences[s];
	unsigned rostered;
	int rc;

	if (sentence_is_heading(a->t, sent))
		return 0;
	rostered = roster(a, s, sp);
	if (pattern_sentence(a, sp, sent))
		return 0;
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		struct rw_incident inc;
		struct subjects subj;
		struct rw_date near;
		enum date_source src;
		enum rw_incident_type type;
		enum rw_mechanism mech;
		bool inherited, granted;

		if (!read_trigger(a, sp, m, &type, &mech, &granted)) {
			counted_without_incident(a, sp, s, m);
			continue;
		}
		if (rostered & (1u << type))
			continue;
		find_subjects(a, sp, m->first, s, &subj, &inherited);
		if (!has_subject(&subj))
			continue;
		/* "one million Uyghurs have been detained": a count of a
		 * thousand or more without a named person is an aggregate */
		if (subj.count >= AGGREGATE_COUNT && !subj.n_persons) {
			/* "Most of them" after it refers to the tally too */
			a->last_subjects = subj;
			a->last_subjects_sentence = s;
			a->have_subjects = true;
			continue;
		}
		/* cleared only here: most mentions are no incident */
		memset(&inc, 0, sizeof(inc));
		inc.type = type;
		inc.mechanism = mech;
		for (size_t k = 0; k < subj.n_persons; k++)
			add_name(inc.persons, &inc.n_persons, subj.persons[k]);
		inc.count = subj.count;
		if (subj.group[0])
			memcpy(inc.group, subj.group, sizeof(inc.group));
		else if (a->main_group[0] && !subj.singular_noun &&
		    !subj.n_persons)
			memcpy(inc.group, a->main_group, sizeof(inc.group));
		src = date_incident(a, sp, s, m, inherited, subj.partitive,
		    &inc, &near);
		if (granted && (rc = add_granted_threat(a, sp, sent, m, &inc,
		    &subj, inherited, src, &near)) < 0)
			return rc;
		find_places(a, sp, m->first, &inc, &subj, inherited);
		if (src != DATE_TOLD && !inherited)
			the_trigger_before(a, m, &inc);
		if (inc.host[0] && inc.dest[0] && strcmp(inc.host, inc.dest) == 0)
			inc.dest[0] = '\0';
		/* "unable to reach their relatives who were sent back": a
		 * return whose sentence names no place and whose host is
		 * nowhere to be found crosses no border anyone told of */
		if (inc.type == RW_INCIDENT_RETURN && !inc.host[0] &&
		    !names_a_place(sp))
			continue;
		set_quote(a, sent, &inc);
		inc.confidence = 0.5 + (inherited ? 0.0 : 0.2) +
		    (inc.n_persons ? 0.1 : 0.0) + (inc.date.month ? 0.1 : 0.0);
		size_t before_add = a->out->n_incidents;
		/* an incident told before is not added again, but is still
		 * what "he" and "they" refer to next */
		if (!told_again(a, sp, m, &inc, inherited, src, &near) &&
		    (rc = add_incident(a, &inc)) < 0)
			return rc;
		if (inc.type == RW_INCIDENT_RELEASE && inc.n_persons &&
		    !inherited)
			released_were_held(a, &inc);
		remember_incident(a, s, &subj, &inc, inherited, before_add, src);
	}
	return 0;
}

/* "A Chechen man deported from Germany in December ... Zelimkhan
 * Dadayev, 31, was deported on 10 December": once the lede's incident k
 * has the name, a later incident that tells it again with that name is
 * merged into it. */
static void merge_later(struct assembler *a, size_t k)
{
	struct rw_extraction *out = a->out;
	struct rw_incident *inc = &out->incidents[k];

	for (size_t j = k + 1; j < out->n_incidents; j++) {
		struct rw_incident *later = &out->incidents[j];
		if (!rw_incidents_same(inc, later, NULL, NULL))
			continue;
		if (later->date.month && (!inc->date.month ||
		    (later->date.day && !inc->date.day)))
			inc->date = later->date;
		merge_into(inc, later);
		memmove(later, later + 1,
		    (out->n_incidents - j - 1) * sizeof(*later));
		out->n_incidents--;
		return;
	}
}

/* How many words a name given in apposition may have. */
#define APPOSITION_WORDS 3

/* "Returning the Tibetan, Tashi, violated the protocol": "the" and a
 * group's word, then a name between commas, names the one person of
 * that group the last few sentences told of without a name. */
static void named_in_apposition(struct assembler *a, size_t s,
    struct span sp)
{
	const struct text *t = a->t;
	struct rw_extraction *out = a->out;
	size_t near_start = t->tokens[t->sentences[s > REFERENCE_SENTENCES ?
	    s - REFERENCE_SENTENCES : 0].first].start;

	for (const struct mention *g = sp.first; g < sp.last; g++) {
		size_t k = g->last, n = 0;
		char name[RW_PERSON_NAME_MAX];
		if (g->kind != M_GROUP || g->first == 0 ||
		    !token_is(t, g->first - 1, "the") ||
		    !token_punct(t, k, ','))
			continue;
		for (k++; k < t->n_tokens && n < APPOSITION_WORDS &&
		    (t->tokens[k].flags & TOKEN_WORD) &&
		    (t->tokens[k].flags & TOKEN_CAPITAL) &&
		    !(t->tokens[k].flags & TOKEN_NUMBER); k++)
			n++;
		if (!n || !token_punct(t, k, ','))
			continue;
		size_t from = t->tokens[g->last + 1].start;
		size_t len = t->tokens[k - 1].end - from;
		if (len >= sizeof(name))
			continue;
		memcpy(name, t->data + from, len);
		name[len] = '\0';
		for (size_t j = recent_from(out, ROSTER_LOOKBACK);
		    j < out->n_incidents; j++) {
			struct rw_incident *inc = &out->incidents[j];
			if (inc->quote_start < near_start || inc->n_persons ||
			    inc->count > 1 ||
			    strcmp(inc->group, g->entry->value) != 0)
				continue;
			memcpy(inc->persons[inc->n_persons++], name,
			    sizeof(name));
		}
		return;
	}
}

/* "An appeal by his lawyer, Ana Ruiz, failed. Ruiz learned of it a day
 * later. A court ordered him held": the lawyer, introduced by her
 * office, stays one when named again, and is not whom "him" means. */
static void note_officials(struct assembler *a, struct span sp)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_PERSON && a->n_officials < OFFICIALS_MAX &&
		    is_official(a->t, sp, m))
			memcpy(a->officials[a->n_officials++], m->name,
			    RW_PERSON_NAME_MAX);
}

static bool known_official(const struct assembler *a, const char *name)
{
	for (size_t k = 0; k < a->n_officials; k++)
		if (strcmp(a->officials[k], name) == 0)
			return true;
	return false;
}

/* People named in a sentence without an incident are still who a later
 * "he" means, unless they were introduced as officials. */
static void note_people(struct assembler *a, size_t s, struct span sp)
{
	struct subjects subj;
	bool any = false;

	if (!span_has(sp, M_PERSON))
		return; /* most sentences: subj is large to clear */
	memset(&subj, 0, sizeof(subj));
	subj.count = -1;
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_PERSON && !m->possessive &&
		    !is_speaker(a, sp, m) && !known_official(a, m->name) &&
		    !relative_of_other_sex(a, sp, m) && !name_is_alias(a->t, m->first)) {
			add_person(&subj, m->name);
			any = true;
		}
	if (any && (!a->have_person || a->last_person_sentence != s)) {
		a->person_host[0] = '\0';
		a->last_person = subj;
		a->last_person_sentence = s;
		a->have_person = true;
	}
}

/* "... an ethnic Kazakh man ... . Erlan Bekov, a trader, ...": the next
 * sentences name who the lede left unnamed. */
static void name_the_unnamed(struct assembler *a, size_t s, struct span sp)
{
	const struct mention *first = NULL;

	if (!a->have_unnamed || s <= a->unnamed_sentence)
		return;
	for (const struct mention *m = sp.first; m < sp.last && !first; m++)
		if (m->kind == M_PERSON && !m->possessive &&
		    m->last - m->first >= 2 && !is_speaker(a, sp, m))
			first = m;
	if (first) {
		for (size_t k = a->unnamed_from; k < a->out->n_incidents; k++) {
			struct rw_incident *inc = &a->out->incidents[k];
			if (inc->quote_start == a->unnamed_quote &&
			    !inc->n_persons && inc->count == 1) {
				memcpy(inc->persons[inc->n_persons++],
				    first->name, RW_PERSON_NAME_MAX);
				merge_later(a, k);
			}
		}
		a->have_unnamed = false;
	} else if (s - a->unnamed_sentence >= UNNAMED_SENTENCES) {
		a->have_unnamed = false;
	}
}

/* The last date a sentence gives. */
static void note_date(struct assembler *a, size_t s, struct span sp)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_DATE && m->date.year) {
			a->last_date = m->date;
			a->last_date_sentence = s;
			a->have_date = true;
		}
}

static size_t place_weight(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	switch (role_of(a, sp, m)) {
	case ROLE_TO:
	case ROLE_REQUESTER:
		return 0; /* where people are sent, not where things happen */
	case ROLE_NONE:
		return 1;
	default:
		return 2;
	}
}

/* The country and group the document is mostly about: places weighted by
 * how they are mentioned, groups by how often. */
static void document_context(struct assembler *a)
{
	struct { char iso[3]; size_t score; } hosts[64];
	struct { const struct lex_entry *e; size_t n; } groups[32];
	size_t n_hosts = 0, n_groups = 0, best, k = 0;

	for (size_t s = 0; s < a->t->n_sentences; s++) {
		struct span sp = next_span(a->ms, s, &k);
		for (const struct mention *m = sp.first; m < sp.last; m++) {
			size_t j;
			if (m->kind == M_COUNTRY || m->kind == M_PLACE) {
				for (j = 0; j < n_hosts; j++)
					if (memcmp(hosts[j].iso, m->iso, 2) == 0)
						break;
				if (j == n_hosts) {
					if (n_hosts == 64)
						continue;
					memcpy(hosts[n_hosts].iso, m->iso, 3);
					hosts[n_hosts++].score = 0;
				}
				hosts[j].score += place_weight(a, sp, m);
			} else if (m->kind == M_GROUP) {
				for (j = 0; j < n_groups; j++)
					if (strcmp(groups[j].e->value,
					    m->entry->value) == 0)
						break;
				if (j == n_groups) {
					if (n_groups == 32)
						continue;
					groups[n_groups].e = m->entry;
					groups[n_groups++].n = 0;
				}
				groups[j].n++;
			}
		}
	}
	best = 0;
	for (size_t j = 0; j < n_hosts; j++)
		if (hosts[j].score > best) {
			best = hosts[j].score;
			memcpy(a->main_host, hosts[j].iso, 3);
		}
	best = 0;
	for (size_t j = 0; j < n_groups; j++)
		if (groups[j].n > best) {
			best = groups[j].n;
			snprintf(a->main_group, sizeof(a->main_group), "%s",
			    groups[j].e->value);
			memcpy(a->main_origin, groups[j].e->origin, 3);
		}
}

/* The last place named with a preposition ("travelled to Uzbekistan"),
 * for a later "there". */
static void note_place(struct assembler *a, size_t s, struct span sp,
    bool incidents)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->kind != M_COUNTRY && m->kind != M_PLACE)
			continue;
		enum place_role r = role_of(a, sp, m);
		if (r != ROLE_IN && r != ROLE_TO && r != ROLE_FROM)
			continue;
		/* "X grew up in Hotan in Xinjiang": a
		 * person named in a sentence without an incident */
		if (r == ROLE_IN && !incidents && a->have_person &&
		    a->last_person_sentence == s) {
			memcpy(a->scene_place, m->iso, 3);
			a->scene_sentence = s;
			a->have_scene = true;
		}
		memcpy(a->last_place, m->iso, 3);
		a->last_place_sentence = s;
		a->have_place = true;
	}
}

/* Reads the sentences in order, each with what the ones before left in
 * a's context. */
static int assemble_sentences(struct assembler *a)
{
	const struct text *t = a->t;
	size_t k = 0;
	int rc;

	document_context(a);
	for (size_t s = 0; s < t->n_sentences; s++) {
		struct span sp = next_span(a->ms, s, &k);
		const struct sentence *sent = &t->sentences[s];
		bool item = sent->last > sent->first &&
		    !(t->tokens[sent->first].flags & TOKEN_WORD);
		if (!item)
			a->call_list = false;
		if (sp.first == sp.last)
			continue;
		size_t before = a->out->n_incidents;
		if (!(a->call_list && item) &&
		    (rc = sentence_incidents(a, s, sp)) < 0)
			return rc;
		named_in_apposition(a, s, sp);
		note_officials(a, sp);
		note_people(a, s, sp);
		name_the_unnamed(a, s, sp);
		note_date(a, s, sp);
		note_place(a, s, sp, a->out->n_incidents > before ||
		    (a->have_subjects && a->last_subjects_sentence == s));
		if (sent->last > sent->first &&
		    token_punct(t, sent->last - 1, ':'))
			for (const struct mention *m = sp.first; m < sp.last;
			    m++)
				if (cue_at(m, CUE_CALL) || (cue_at(m,
				    CUE_REQUEST) && cue_value(m, "ask")))
					a->call_list = true;
	}
	return 0;
}

int incidents_assemble(const struct lexicon *lx, struct text *t,
    const struct mentions *ms, const struct rw_date *published,
    struct rw_extraction *out, struct rw_error *err)
{
	struct assembler a;
	int rc;

	if (ms->n == 0)
		return 0;
	memset(&a, 0, sizeof(a));
	a.lx = lx;
	a.t = t;
	a.ms = ms;
	a.pub = published;
	a.out = out;
	a.err = err;
	if (!(a.place_roles = malloc(ms->n)))
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	memset(a.place_roles, -1, ms->n);
	rc = assemble_sentences(&a);
	free(a.place_roles);
	return rc;
}

