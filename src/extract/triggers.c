/* triggers.c: whether a trigger states an incident, and of what type.
 * A trigger gives the type. Cues close before it can cancel it (negation,
 * a condition, a call for action, a denial), make a return only
 * threatened, or make it a state's request (a warrant); a refusal turns
 * it into a release. Some triggers belong to another incident ("a
 * warrant for the arrest of", "sentenced to ten years in prison") or
 * are no incident at all (accusations, systems, what a state does in
 * general, patterns and tallies). */
#include <string.h>

#include "extract/assemble.h"

bool parse_trigger(const char *value, enum rw_incident_type *type,
    enum rw_mechanism *mech)
{
	char name[40];
	const char *slash = strchr(value, '/');
	size_t len = slash ? (size_t)(slash - value) : strlen(value);

	if (len >= sizeof(name))
		return false;
	memcpy(name, value, len);
	name[len] = '\0';
	if (rw_incident_type_parse(name, type) < 0)
		return false;
	*mech = RW_MECHANISM_NONE;
	if (slash && rw_mechanism_parse(slash + 1, mech) < 0)
		return false;
	if (*type == RW_INCIDENT_RETURN && !slash)
		*mech = RW_MECHANISM_UNKNOWN;
	return true;
}

/* The nearest cue c ending at most window tokens before pos in the same
 * clause; NULL when none. */
static const struct mention *cue_find(const struct assembler *a,
    struct span sp, size_t pos, enum cue c, size_t window)
{
	const struct mention *best = NULL;

	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, c) || m->last > pos || m->last + window < pos ||
		    clause_break(a->t, m->last, pos))
			continue;
		if (!best || m->last > best->last)
			best = m;
	}
	return best;
}

/* A request cue before pos: "asked" counts only when "to" or "for"
 * follows it ("asked Kazakhstan to extradite him"). */
static const struct mention *request_before(const struct assembler *a,
    struct span sp, size_t pos)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_REQUEST) || m->last > pos ||
		    m->last + CUE_WINDOW_CALL < pos ||
		    clause_break(a->t, m->last, pos))
			continue;
		if (!cue_value(m, "ask"))
			return m;
		for (size_t k = m->last; k < pos; k++)
			if (token_is(a->t, k, "to") || token_is(a->t, k, "for"))
				return m;
	}
	return NULL;
}

/* "after a short call on 16 April", "called on Monday": "on" before a
 * date tells when the call was, not whom it asks; it is a call for action
 * only with "for" or "to" between the date and pos ("called on Monday
 * for his release"). */
static bool call_on_date(const struct assembler *a, struct span sp,
    const struct mention *m, size_t pos)
{
	const struct mention *date = NULL;

	if (!token_is(a->t, m->last - 1, "on"))
		return false;
	for (const struct mention *q = m + 1; q < sp.last && !date; q++)
		if (q->kind == M_DATE && q->first == m->last)
			date = q;
	if (!date)
		return false;
	for (size_t k = date->last; k < pos; k++)
		if (token_is(a->t, k, "for") || token_is(a->t, k, "to"))
			return false;
	return true;
}

/* "to protect Uyghurs at imminent risk of refoulement": a call to
 * protect people named right after it (maybe behind "the"), with no
 * comma between it and pos ("who moved to Bangkok to protect his
 * family, was detained" is someone's purpose). */
static bool protects_people(const struct assembler *a, struct span sp,
    const struct mention *m, size_t pos)
{
	size_t k = m->last;
	bool people = false;

	for (size_t j = m->last; j < pos; j++)
		if (token_punct(a->t, j, ','))
			return false;
	if (token_is(a->t, k, "the"))
		k++;
	for (const struct mention *q = m + 1; q < sp.last && !people; q++)
		if (q->first == k && (q->kind == M_GROUP ||
		    cue_at(q, CUE_PEOPLE) || q->kind == M_COUNT))
			people = true;
	return people;
}

/* A call for action before pos; a modal ("should", "must") right after a
 * decision ("ruled that he should be extradited") is none, nor a call on
 * a date. */
static bool call_before(const struct assembler *a, struct span sp, size_t pos,
    bool *decided)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_CALL) || m->last > pos ||
		    m->last + CUE_WINDOW_CALL < pos ||
		    call_on_date(a, sp, m, pos) || (cue_value(m, "protect") &&
		    !protects_people(a, sp, m, pos)))
			continue;
		bool broken = false;
		for (size_t k = m->last; k < pos; k++)
			if (token_punct(a->t, k, ';'))
				broken = true;
		if (broken)
			continue;
		if (cue_value(m, "modal") &&
		    cue_find(a, sp, m->first, CUE_THREAT, CUE_WINDOW_CALL)) {
			*decided = true;
			continue;
		}
		return true;
	}
	return false;
}

/* "his extradition was refused", "the deportation order has been
 * quashed": a return, threatened return or request refused in the
 * passive after it. Not what an appeal against it asked for ("his appeal
 * against deportation was rejected": the return goes ahead). */
static bool refused_after(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const nouns[] = {"order", "orders", "request",
		"requests", "proceedings", "case", "decision", NULL};
	static const char *const appeal[] = {"appeal", "appeals",
		"application", "challenge", "bid", "petition", "plea",
		"complaint", "lawsuit", "against", NULL};
	const struct text *t = a->t;
	size_t k = m->last;

	if (token_in(t, k, nouns))
		k++;
	if (token_is(t, k, "has") || token_is(t, k, "had") ||
	    token_is(t, k, "have")) {
		if (!token_is(t, k + 1, "been"))
			return false;
		k += 2;
	} else if (token_is(t, k, "was") || token_is(t, k, "were") ||
	    token_is(t, k, "is") || token_is(t, k, "are")) {
		k++;
	} else {
		return false;
	}
	if (token_is(t, k, "later") || token_is(t, k, "eventually") ||
	    token_is(t, k, "finally") || token_is(t, k, "then") ||
	    token_is(t, k, "also"))
		k++;
	bool refused = false;
	for (const struct mention *q = m + 1; q < sp.last && !refused; q++)
		if (cue_at(q, CUE_DENIAL) && cue_value(q, "refusal") &&
		    q->first == k)
			refused = true;
	if (!refused)
		return false;
	for (size_t back = 1; back <= 4 && back <= m->first; back++)
		if (token_in(t, m->first - back, appeal))
			return false;
	return true;
}

/* "seeking to clarify his fate or whereabouts", "tried to learn where
 * he is held": a verb of finding out right before the trigger (maybe
 * behind "his", "her", "their" or "the") asks after someone whose fate
 * is hidden; the trying is the news, not a threat. */
static bool asks_after(const struct text *t, size_t pos)
{
	static const char *const inquiry[] = {"clarify", "establish",
	    "ascertain", "learn", "know", "find", "determine", "disclose",
	    "reveal", "confirm", NULL};
	static const char *const owner[] = {"his", "her", "their", "the",
	    NULL};
	size_t k = pos;

	if (k > 0 && token_in(t, k - 1, owner))
		k--;
	return k > 0 && token_in(t, k - 1, inquiry);
}

/* A modal verb right before the trigger, maybe behind an adverb ("may
 * soon deport him", "could extradite them", "will return her"): what
 * may happen, not what did. Not the month ("deported in May"), which
 * is capitalised. */
static bool modal_before(const struct text *t, size_t pos)
{
	static const char *const modal[] = {"may", "might", "could", "will",
	    "shall", "can", NULL};
	static const char *const adverb[] = {"soon", "now", "yet", "still",
	    "also", "then", "likely", "shortly", "quickly", "eventually",
	    "easily", "even", NULL};
	size_t k = pos;

	if (k > 0 && token_in(t, k - 1, adverb))
		k--;
	return k > 0 && token_in(t, k - 1, modal) &&
	    !(t->tokens[k - 1].flags & TOKEN_CAPITAL);
}

/* A relative clause with a past verb of its own ("people on whom
 * bounties had been placed", "those who were deported") opening between
 * tokens from and to: what it tells happened, whatever the main clause
 * says. (The verb may follow the trigger.) */
static bool past_relative_between(const struct text *t, size_t from,
    size_t to)
{
	static const char *const relative[] = {"who", "whom", "which",
	    "whose", NULL};
	static const char *const past[] = {"had", "was", "were", NULL};

	for (size_t k = from; k < to; k++)
		if (token_in(t, k, relative))
			for (size_t v = k + 1; v <= k + 4; v++)
				if (token_in(t, v, past))
					return true;
	return false;
}

/* "if he is deported", "they would revoke the passports": a conditional
 * before the trigger, unless a past relative clause stands between. */
static bool conditional_before(const struct assembler *a, struct span sp,
    size_t pos)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (cue_at(m, CUE_CONDITIONAL) && m->last <= pos &&
		    m->last + CUE_WINDOW_CALL >= pos &&
		    !semicolon_between(a->t, m->last, pos) &&
		    !past_relative_between(a->t, m->last, pos))
			return true;
	return false;
}

/* "all Kazakh students deported to China would face torture": a
 * conditional a few words after the trigger, in its clause, makes the
 * trigger a reduced relative of a hypothetical. */
static bool conditional_after(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;

	for (const struct mention *q = m + 1; q < sp.last; q++) {
		if (q->first < m->last)
			continue;
		if (q->first > m->last + 4)
			break;
		/* ("would be" is read as a threat cue) */
		if (!cue_at(q, CUE_CONDITIONAL) && !(cue_at(q, CUE_THREAT) &&
		    token_is(t, q->first, "would")))
			continue;
		for (size_t k = m->last; k < q->first; k++)
			if (!(t->tokens[k].flags & TOKEN_WORD) ||
			    token_is(t, k, "and") || token_is(t, k, "but") ||
			    token_is(t, k, "who") || token_is(t, k, "which") ||
			    token_is(t, k, "where"))
				return false;
		return true;
	}
	return false;
}

/* "accused in many reports of torture and of arbitrary detention": the
 * trigger is what someone is accused of (the noun after "of", maybe
 * behind one word); "the red notice system", "an extradition treaty":
 * the trigger names a system. Neither is an incident. */
static bool accused_or_compound(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;

	for (const struct mention *q = m + 1; q < sp.last &&
	    q->first <= m->last; q++)
		if (q->first == m->last && cue_at(q, CUE_BLOCK) &&
		    cue_value(q, "compound"))
			return true;
	if (!((m->first >= 1 && token_is(t, m->first - 1, "of")) ||
	    (m->first >= 2 && token_is(t, m->first - 2, "of") &&
	    (t->tokens[m->first - 1].flags & TOKEN_WORD))))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (cue_at(q, CUE_BLOCK) && cue_value(q, "accusation") &&
		    q->last <= m->first && q->last + CUE_WINDOW_CALL >=
		    m->first && !clause_break(t, q->last, m->first))
			return true;
	return false;
}

/* "the ruling by the district court on expelling X", "a decision on
 * the deportation of": a return that a decision is about (the trigger
 * right after "on", maybe behind "the") is threatened, however long the
 * court's name between them. */
static bool decision_on(const struct assembler *a, struct span sp,
    size_t pos)
{
	const struct text *t = a->t;
	const struct mention *d;
	size_t at = pos;

	if (at > 0 && token_is(t, at - 1, "the"))
		at--;
	if (at == 0 || !token_is(t, at - 1, "on"))
		return false;
	d = cue_find(a, sp, at - 1, CUE_THREAT, CUE_WINDOW_CALL);
	return d && cue_value(d, "decision");
}

/* "no Uyghur is known to have been extradited": a subject denied by
 * "no" is no one, however far its verb stands, with no comma between
 * ("with no lawyers present, police detained him" is an arrest). */
static bool no_subject(const struct assembler *a, struct span sp, size_t pos)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		bool comma = false;
		if (!cue_at(m, CUE_NEGATION) || m->last > pos ||
		    m->last + CUE_WINDOW_CALL < pos ||
		    !token_is(a->t, m->last - 1, "no"))
			continue;
		for (size_t k = m->last; k < pos; k++)
			if (token_punct(a->t, k, ',') || token_punct(a->t, k, ';'))
				comma = true;
		if (comma)
			continue;
		for (const struct mention *q = m + 1; q < sp.last &&
		    q->first <= m->last; q++)
			if (q->first == m->last && (q->kind == M_GROUP ||
			    cue_at(q, CUE_PEOPLE) || cue_at(q, CUE_PERSON)))
				return true;
	}
	return false;
}

/* "used in China against detained lawyers and activists": a trigger
 * used as an adjective before a plural people noun, with no article,
 * possessive or count before it, speaks of such people in general. */
static bool general_adjective(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const general_before[] = {"against", "on", "of",
	    "for", "with", "about", "to", "including", "like", "as", NULL};
	const struct mention *q;

	if (m->last != m->first + 1 || m->first == 0 ||
	    !token_in(a->t, m->first - 1, general_before))
		return false;
	for (q = m + 1; q < sp.last && q->first < m->last; q++)
		;
	return q < sp.last && q->first == m->last && cue_at(q, CUE_PEOPLE);
}

/* A negation within a few words before the trigger at pos, in its
 * clause: no comma between ("sentenced for spreading false news, was
 * put on a flight" is no denial of the flight). */
static bool negated(const struct assembler *a, struct span sp, size_t pos)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		bool broken = false;
		if (!cue_at(m, CUE_NEGATION) || m->last > pos ||
		    m->last + CUE_WINDOW_NEGATION < pos)
			continue;
		for (size_t k = m->last; k < pos && !broken; k++)
			broken = token_punct(a->t, k, ',') ||
			    token_punct(a->t, k, ';');
		if (!broken)
			return true;
	}
	return false;
}

/* "the court ruled that he cannot be extradited", "decided they may
 * not be deported": a decision that a return must not happen halts it,
 * a release. (Only a negated passive: "ordered Ukraine not to extradite
 * him until ..." halts it for a while.) */
static bool decided_against(const struct assembler *a, struct span sp,
    const struct mention *negation, enum rw_incident_type type)
{
	const struct mention *d;

	if ((type != RW_INCIDENT_RETURN &&
	    type != RW_INCIDENT_THREATENED_RETURN) ||
	    !token_is(a->t, negation->last, "be"))
		return false;
	d = cue_find(a, sp, negation->first, CUE_THREAT, CUE_WINDOW_CALL);
	return d && cue_value(d, "decision");
}

/* "friends fear that she was sent back last week", "lawyers fear that
 * the case could be used to seek her extradition": a fear
 * followed by "that" reaches the whole clause it opens. */
static bool feared_clause(const struct assembler *a, struct span sp,
    size_t pos)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_THREAT) || !cue_value(m, "fear") ||
		    m->last > pos || m->last + CUE_WINDOW_CALL < pos ||
		    clause_break(a->t, m->last, pos))
			continue;
		for (size_t k = m->last; k < pos && k <= m->last + 3; k++)
			if (token_is(a->t, k, "that"))
				return true;
	}
	return false;
}

/* "was abducted on 27 May by Dubai officials and held there": an
 * abduction by a state's officers ("by" and an authority within a few
 * words) that takes no one anywhere ("to", "into", "back", "across" do
 * not follow in its clause) is an arrest where they are. */
static bool seized_in_place(const struct assembler *a,
    const struct mention *m)
{
	const struct text *t = a->t;
	bool by_state = false;
	size_t end = m->last;

	while (end < t->n_tokens && end < t->sentences[m->sentence].last &&
	    !token_punct(t, end, ';') && !token_punct(t, end, ','))
		end++;
	for (size_t k = m->last; k < end; k++)
		if (token_is(t, k, "to") || token_is(t, k, "into") ||
		    token_is(t, k, "back") || token_is(t, k, "across"))
			return false;
	for (size_t k = m->last; k < end; k++)
		if (token_is(t, k, "by"))
			for (size_t j = k + 1; j < end && j <= k + 3; j++)
				if (lexicon_word_is(a->lx, t, j, CUE_AUTHORITY))
					by_state = true;
	return by_state;
}

/* Reads the trigger at m, with the cues before it, into a type; false when
 * the sentence does not state that it happened. */
/* "rejected his asylum claim and ordered him removed": a refusal with
 * an object of its own (no "to" after it), and the trigger the next verb
 * after "and", refuses that object, not the trigger ("refused to arrest
 * and extradite him" still refuses both). */
static bool refused_something_else(const struct assembler *a,
    const struct mention *denial, size_t pos)
{
	return cue_value(denial, "refusal") && pos > denial->last &&
	    !token_is(a->t, denial->last, "to") &&
	    token_is(a->t, pos - 1, "and");
}

/* How far before an arrest a reward for it may be offered. */
#define REWARD_WINDOW 10

/* "a reward for information leading to the arrest of each of them",
 * "bounties for tips resulting in their capture": an arrest a reward
 * is offered for has not happened. */
static bool arrest_rewarded(const struct text *t, size_t pos)
{
	static const char *const reward[] = {"reward", "rewards", "bounty",
	    "bounties", NULL};
	static const char *const leading[] = {"leading", "resulting",
	    "leads", "lead", NULL};
	bool led = false;

	for (size_t k = pos; k-- > 0 && k + REWARD_WINDOW >= pos;) {
		if (token_punct(t, k, ';') || token_punct(t, k, '.'))
			return false;
		/* not "information about their arrest" */
		if (token_in(t, k, leading))
			led = true;
		if (token_in(t, k, reward) || (led && (token_is(t, k,
		    "information") || token_is(t, k, "tips"))))
			return true;
	}
	return false;
}

/* "Kenya had sought his arrest", "Peru requested the arrest of two
 * journalists": a detention a state asks for (a request cue followed
 * by nothing but "the" or a possessive before the trigger) has not
 * happened; the request is a warrant. "Police sought and arrested him"
 * is an arrest. */
static bool arrest_sought(const struct assembler *a, struct span sp,
    size_t pos)
{
	static const char *const fillers[] = {"the", "his", "her", "their",
		"its", NULL};

	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_REQUEST) || m->last > pos ||
		    m->last + 1 < pos)
			continue;
		if (m->last == pos || token_in(a->t, m->last, fillers))
			return true;
	}
	return arrest_rewarded(a->t, pos);
}

static bool trigger_type(const struct assembler *a, struct span sp,
    const struct mention *m, enum rw_incident_type *type,
    enum rw_mechanism *mech, bool *granted)
{
	size_t pos = m->first;
	const struct mention *negation, *denial, *request, *threat;
	bool decided = false;

	*granted = false;
	if (!parse_trigger(trigger_value(a, sp, m), type, mech))
		return false;
	if (no_subject(a, sp, pos) || general_adjective(a, sp, m))
		return false;
	if (negated(a, sp, pos)) {
		negation = cue_find(a, sp, pos, CUE_NEGATION,
		    CUE_WINDOW_NEGATION);
		if (!negation || !decided_against(a, sp, negation, *type))
			return false;
		*type = RW_INCIDENT_RELEASE;
		*mech = RW_MECHANISM_NONE;
		return true;
	}
	if ((denial = cue_find(a, sp, pos, CUE_DENIAL, CUE_WINDOW_CALL)) &&
	    !refused_something_else(a, denial, pos)) {
		/* a court or state refusing a return or a request for one
		 * halts it: "refused China's request to extradite him"; a
		 * denied or refused release ("declined to order the release
		 * of the detainees") did not happen */
		if (cue_value(denial, "refusal") &&
		    denial->last + CUE_WINDOW_THREAT >= pos &&
		    (*type == RW_INCIDENT_RETURN ||
		    *type == RW_INCIDENT_THREATENED_RETURN ||
		    *type == RW_INCIDENT_WARRANT)) {
			*type = RW_INCIDENT_RELEASE;
			*mech = RW_MECHANISM_NONE;
			return true;
		}
		return false;
	}
	if (conditional_before(a, sp, pos) ||
	    conditional_after(a, sp, m) ||
	    call_before(a, sp, pos, &decided))
		return false;
	if ((*type == RW_INCIDENT_RETURN ||
	    *type == RW_INCIDENT_THREATENED_RETURN ||
	    *type == RW_INCIDENT_WARRANT) && refused_after(a, sp, m)) {
		*type = RW_INCIDENT_RELEASE;
		*mech = RW_MECHANISM_NONE;
		return true;
	}
	/* "faces a real risk of arbitrary detention", "could be jailed",
	 * "will be offered resettlement": a feared detention,
	 * disappearance or conviction, or a promised release, did not
	 * happen */
	if ((*type == RW_INCIDENT_DETENTION ||
	    (*type == RW_INCIDENT_DISAPPEARANCE && !asks_after(a->t, pos)) ||
	    *type == RW_INCIDENT_CONVICTION ||
	    *type == RW_INCIDENT_RELEASE) &&
	    (threat = cue_find(a, sp, pos, CUE_THREAT, CUE_WINDOW_THREAT)) &&
	    !cue_value(threat, "decision") && !(threat->last ==
	    threat->first + 2 && token_is(a->t, threat->first, "to") &&
	    token_is(a->t, threat->first + 1, "be")))
		/* ("was reported to be held" is no threat) */
		return false;
	/* (a disappearance is often told with a modal: "his family could
	 * learn nothing of his fate") */
	if (*type != RW_INCIDENT_DISAPPEARANCE && modal_before(a->t, pos)) {
		if (*type != RW_INCIDENT_RETURN)
			return false;
		*type = RW_INCIDENT_THREATENED_RETURN;
	}
	if (*type == RW_INCIDENT_DETENTION && arrest_sought(a, sp, pos))
		*type = RW_INCIDENT_WARRANT;
	if (*type == RW_INCIDENT_RETURN || *type == RW_INCIDENT_THREATENED_RETURN) {
		if ((request = request_before(a, sp, pos))) {
			/* a feared request was not made */
			if (feared_clause(a, sp, request->first))
				return false;
			*type = RW_INCIDENT_WARRANT;
			*mech = RW_MECHANISM_NONE;
			/* "a court approved China's request to extradite
			 * them", "he faces a request for his extradition":
			 * the request, and a return now threatened */
			const struct mention *d = cue_find(a, sp,
			    request->first, CUE_THREAT, CUE_WINDOW_THREAT);
			*granted = d && cue_value(d, "decision");
		} else if (*type == RW_INCIDENT_RETURN && (decided ||
		    cue_before(a, sp, pos, CUE_THREAT, CUE_WINDOW_THREAT) ||
		    feared_clause(a, sp, pos) || decision_on(a, sp, pos))) {
			*type = RW_INCIDENT_THREATENED_RETURN;
		}
	}
	if (*type == RW_INCIDENT_RETURN && *mech == RW_MECHANISM_RENDITION &&
	    seized_in_place(a, m))
		*type = RW_INCIDENT_DETENTION;
	if (*type != RW_INCIDENT_RETURN)
		*mech = RW_MECHANISM_NONE;
	return true;
}

/* "turned down the request that he be deported", "halted the
 * deportation of": a return right after a release in its clause is what
 * the release stopped. */
static bool object_of_release(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (!trigger_is(m, RW_INCIDENT_RETURN) &&
	    !trigger_is(m, RW_INCIDENT_THREATENED_RETURN))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    q->last + CUE_WINDOW_THREAT >= m->first &&
		    trigger_is(q, RW_INCIDENT_RELEASE) &&
		    !clause_break(a->t, q->last, m->first))
			return true;
	return false;
}

static size_t distinct_countries(struct span sp)
{
	char seen[8][3];
	size_t n = 0;

	for (const struct mention *m = sp.first; m < sp.last; m++) {
		bool have = false;
		if (m->kind != M_COUNTRY)
			continue;
		for (size_t k = 0; k < n; k++)
			if (memcmp(seen[k], m->iso, 2) == 0)
				have = true;
		if (!have && n < 8)
			memcpy(seen[n++], m->iso, 3);
	}
	return n;
}

/* "a warrant for the arrest of": the arrest is the warrant's. */
static bool after_warrant(struct span sp, const struct mention *m)
{
	if (!trigger_is(m, RW_INCIDENT_DETENTION))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    q->last + 4 >= m->first &&
		    trigger_is(q, RW_INCIDENT_WARRANT))
			return true;
	return false;
}

/* "deported 40 Uyghur men from detention in Bangkok", "had escaped
 * from immigration detention": the detention people leave (maybe behind one
 * word) is where they were before what the sentence tells, not an
 * incident of its own. */
static bool left_detention(const struct assembler *a, const struct mention *m)
{
	const struct text *t = a->t;
	size_t k = m->first;

	if (!trigger_is(m, RW_INCIDENT_DETENTION))
		return false;
	if (k >= 2 && (t->tokens[k - 1].flags & TOKEN_WORD) &&
	    !token_is(t, k - 1, "from") && !token_is(t, k - 1, "of"))
		k--;
	return k >= 2 && (token_is(t, k - 1, "from") ||
	    (token_is(t, k - 1, "of") && token_is(t, k - 2, "out")));
}

/* A mention of whom something happens to: a name, count, group,
 * people noun or pronoun. */
static bool names_someone(const struct mention *m)
{
	return m->kind == M_PERSON || m->kind == M_COUNT ||
	    m->kind == M_GROUP || cue_at(m, CUE_PEOPLE) ||
	    cue_at(m, CUE_PERSON) || cue_at(m, CUE_HE) || cue_at(m, CUE_THEY);
}

/* "vanished from Laos and afterwards re-emerged in Chinese custody",
 * "the disappearance and forcible return from Laos of X": a
 * disappearance that a return follows in its sentence (before any ";")
 * is how that return began, not an incident of its own; not one dated
 * by a return ("has heard nothing from him since the deportation"). */
static bool vanished_into_return(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (!trigger_is(m, RW_INCIDENT_DISAPPEARANCE))
		return false;
	for (const struct mention *q = m + 1; q < sp.last; q++) {
		/* someone else between them ("she disappeared in 2019, and
		 * her husband was deported") starts another story */
		if (names_someone(q))
			return false;
		if (q->kind == M_TRIGGER && q->first >= m->last &&
		    trigger_is(q, RW_INCIDENT_RETURN) &&
		    !trigger_recalls_event(a, q)) {
			for (size_t k = m->last; k < q->first; k++)
				if (token_punct(a->t, k, ';'))
					return false;
			return true;
		}
	}
	return false;
}

/* "deported 23 Uyghur men who had been held in an immigration
 * lock-up": a detention in a relative clause ("who" at most six
 * words before it) of a sentence that tells a return, with no date in
 * the clause, is where the returned people were, not an incident of its
 * own ("the two men, who had been arrested in March, were deported"
 * dates one). */
static bool held_before_return(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;
	size_t who = m->first, end = m->last;
	bool returned = false;

	if (!trigger_is(m, RW_INCIDENT_DETENTION))
		return false;
	for (size_t back = 1; back <= 6 && back <= m->first &&
	    (t->tokens[m->first - back].flags & TOKEN_WORD); back++)
		if (token_is(t, m->first - back, "who"))
			who = m->first - back;
	if (who == m->first)
		return false;
	/* the clause ends at a comma or the return ("men who had been held
	 * for a year were deported in March") */
	while (end < t->sentences[m->sentence].last &&
	    !token_punct(t, end, ',') && !token_punct(t, end, ';'))
		end++;
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->first >= m->last &&
		    q->first < end)
			end = q->first;
	for (const struct mention *q = sp.first; q < sp.last; q++) {
		if (q->kind == M_DATE && q->first > who && q->first < end)
			return false;
		if (q->kind == M_TRIGGER && q != m &&
		    trigger_is(q, RW_INCIDENT_RETURN))
			returned = true;
	}
	return returned;
}

/* "he handed over 'intelligence'", "handed over his passport to
 * police": what is handed over is a thing (a quoted word, or a noun of
 * cues.tsv `block thing`, maybe behind a determiner), not a person
 * returned. */
static bool thing_handed_over(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const determiners[] = {"the", "a", "an", "his",
		"her", "their", "its", NULL};
	const struct text *t = a->t;
	size_t k = m->last;

	if (!trigger_is(m, RW_INCIDENT_RETURN) ||
	    !token_is(t, k - 1, "over"))
		return false;
	if (token_punct(t, k, '"') || token_punct(t, k, '\''))
		return true;
	if (token_in(t, k, determiners))
		k++;
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (q->first == k && cue_at(q, CUE_BLOCK) &&
		    cue_value(q, "thing"))
			return true;
	return false;
}

/* "Chechens returned there face beatings, arbitrary detention, torture
 * and ill-treatment in custody": a detention noun listed
 * with kinds of abuse (cues.tsv `block abuse`, at most three words away
 * with only ",", "and", "or", "while", "in" between) names a practice,
 * not an incident. */
static bool listed_with_abuse(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const joins[] = {"and", "or", "while", "in",
		NULL};
	const struct text *t = a->t;

	if (!trigger_is(m, RW_INCIDENT_DETENTION))
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++) {
		size_t from, to;
		bool joined = true;
		if (!cue_at(q, CUE_BLOCK) || !cue_value(q, "abuse"))
			continue;
		from = q->last <= m->first ? q->last : m->last;
		to = q->last <= m->first ? m->first : q->first;
		if (to < from || to - from > 3)
			continue;
		for (size_t k = from; k < to; k++)
			if (!token_punct(t, k, ',') && !token_in(t, k, joins))
				joined = false;
		if (joined)
			return true;
	}
	return false;
}

/* "sentenced to ten years in prison": the prison term of a conviction
 * is no separate detention. */
static bool prison_term(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (!trigger_is(m, RW_INCIDENT_DETENTION) || m->first == 0 ||
	    !(token_is(a->t, m->first - 1, "years") ||
	    token_is(a->t, m->first - 1, "months")))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    trigger_is(q, RW_INCIDENT_CONVICTION))
			return true;
	return false;
}

/* "a former political prisoner who was handed jail terms in 2008 and
 * 2014": a detention whose "who" clause tells a conviction is that
 * conviction's term. */
static bool held_for_conviction(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;

	if (!trigger_is(m, RW_INCIDENT_DETENTION) ||
	    !token_is(t, m->last, "who"))
		return false;
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->first > m->last &&
		    q->first <= m->last + 4 &&
		    trigger_is(q, RW_INCIDENT_CONVICTION))
			return true;
	return false;
}

/* "having served a two-year jail term", "completed a prison term": the
 * end of an earlier conviction's term, not a conviction. */
static bool served_term(const struct assembler *a, const struct mention *m)
{
	static const char *const words[] = {"served", "serving", "serve",
		"completed", "completing", "finished", "finishing", NULL};

	if (!trigger_is(m, RW_INCIDENT_CONVICTION))
		return false;
	for (size_t back = 1; back <= 5 && back <= m->first; back++) {
		size_t k = m->first - back;
		if (token_punct(a->t, k, ',') || token_punct(a->t, k, ';'))
			return false;
		if (token_in(a->t, k, words))
			return true;
	}
	return false;
}

/* "during the festival held in Bodhgaya", "a conference held in
 * Geneva": "held" right after a noun phrase opened by an article that
 * names no one (no person or people noun, group, count or name) is an
 * event taking place, not people kept ("the two men held in Bangkok"). */
static bool event_held(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;
	size_t article = m->first;

	if (!token_is(t, m->first, "held"))
		return false;
	for (size_t back = 1; back <= 4 && back <= m->first; back++) {
		size_t k = m->first - back;
		if (token_is(t, k, "the") || token_is(t, k, "a") ||
		    token_is(t, k, "an")) {
			article = k;
			break;
		}
		if (!(t->tokens[k].flags & TOKEN_WORD))
			return false;
	}
	if (article == m->first || article + 1 == m->first)
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->first > article && (q->kind == M_PERSON ||
		    q->kind == M_GROUP || q->kind == M_COUNT ||
		    q->kind == M_NUMBER || cue_at(q, CUE_PEOPLE) ||
		    cue_at(q, CUE_PERSON)))
			return false;
	return true;
}

/* "fled China, which has locked up a million people": a relative clause
 * on a state tells what the state does, not an incident of the
 * sentence's people. */
static bool state_relative(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;

	for (size_t back = 1; back <= 6 && back + 1 < m->first; back++) {
		size_t k = m->first - back;
		if (token_punct(t, k, ',') || token_punct(t, k, ';'))
			return false;
		if (!token_is(t, k, "which") || !token_punct(t, k - 1, ','))
			continue;
		for (const struct mention *q = sp.first; q < sp.last; q++)
			if (q->kind == M_COUNTRY && q->last == k - 1)
				return true;
		return false;
	}
	return false;
}

/* Inside quotation marks: an odd number of them before token pos in
 * its sentence. */
static bool quoted(const struct assembler *a, const struct sentence *sent,
    size_t pos)
{
	bool inside = false;

	for (size_t k = sent->first; k < pos; k++)
		if (token_punct(a->t, k, '"'))
			inside = !inside;
	return inside;
}

/* A pattern cue at m; "since" counts only before a year ("since
 * 2009", not "held since March"). */
static bool pattern_word(const struct assembler *a, const struct mention *m)
{
	return cue_at(m, CUE_PATTERN) && (!cue_value(m, "since") ||
	    (m->last < a->t->n_tokens &&
	    (a->t->tokens[m->last].flags & TOKEN_NUMBER)));
}

/* Token i stands in a relative clause a comma opens (", where the war
 * has forced millions to flee"): background to the sentence. */
static bool comma_relative(const struct text *t, const struct sentence *sent,
    size_t i)
{
	static const char *const opener[] = {"where", "which", "who",
	    "whose", NULL};

	for (size_t k = i; k-- > sent->first;)
		if (token_punct(t, k, ',') || token_punct(t, k, ';'))
			return token_in(t, k + 1, opener);
	return false;
}

/* "..., where officials have locked up many Uyghurs": a trigger in a
 * relative clause a comma opens, with a pattern cue in that clause,
 * tells the background in general. */
static bool general_background(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;
	const struct sentence *sent = &t->sentences[m->sentence];

	if (!comma_relative(t, sent, m->first))
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++) {
		size_t lo = q->first < m->first ? q->first : m->first;
		size_t hi = q->first < m->first ? m->first : q->first;
		bool comma = false;
		if (!pattern_word(a, q))
			continue;
		for (size_t k = lo; k < hi && !comma; k++)
			comma = token_punct(t, k, ',') || token_punct(t, k, ';');
		if (!comma)
			return true;
	}
	return false;
}

/* A pattern cue in the sentence, none inside quotation marks (the name
 * of a charge: "undermining national unity policy") or in a relative
 * clause a comma opens. */
static bool pattern_cue(const struct assembler *a, struct span sp,
    const struct sentence *sent)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (pattern_word(a, m) && !quoted(a, sent, m->first) &&
		    !comma_relative(a->t, sent, m->first))
			return true;
	return false;
}

/* "the whereabouts of X remain unknown": "whereabouts" and a later
 * "unknown" in its clause. */
static bool whereabouts_unknown(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (!cue_at(m, CUE_BLOCK) || !cue_value(m, "whereabouts"))
		return false;
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (cue_at(q, CUE_BLOCK) && cue_value(q, "unknown") &&
		    q->first <= m->last + 10 && !clause_break(a->t, m->last,
		    q->first))
			return true;
	return false;
}

/* "more than forty Tamil writers are now in prison", "rights groups
 * count over a dozen reporters currently jailed": a count given as at
 * least so many (cues.tsv `more`: more than, over, at least) of people
 * held now (a `present` cue just before the detention), with no one
 * named, tallies a situation; it tells no one incident. */
static bool present_tally(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const floor_words[] = {"more", "over", "at",
		"upwards", "as", NULL};
	const char *value = trigger_value(a, sp, m);
	const struct mention *more;

	if (!value || strcmp(value, "detention") != 0 ||
	    span_has(sp, M_PERSON) ||
	    !cue_before(a, sp, m->first, CUE_PRESENT, CUE_WINDOW_THREAT))
		return false;
	more = cue_find(a, sp, m->first, CUE_APPROX_MORE, CUE_WINDOW_CALL);
	if (!more)
		return false;
	return token_in(a->t, more->first, floor_words);
}

/* A person named within four words after the trigger: its object
 * ("arrested the Kenyan activist X"). */
static bool names_object(struct span sp, const struct mention *m)
{
	for (const struct mention *q = m + 1; q < sp.last; q++)
		if (q->kind == M_PERSON && q->first >= m->last &&
		    q->first <= m->last + 4)
			return true;
	return false;
}

/* A speech verb, "he" or "they" between mentions from and to. */
static bool speaks_or_refers(const struct mention *from,
    const struct mention *to)
{
	for (const struct mention *q = from + 1; q < to; q++)
		if (cue_at(q, CUE_SPEECH) || cue_at(q, CUE_HE) ||
		    cue_at(q, CUE_THEY))
			return true;
	return false;
}

/* "exiles say family members have been detained": relatives that
 * belong to no one (no owner, article, number or name before the kin
 * noun, which stands at most four words before the trigger with no one
 * speaking or referred to between: "relatives say he was held" is about
 * him), in a sentence that names no one, are relatives in general. */
static bool unowned_kin(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const owners[] = {"his", "her", "their", "its",
		"our", "my", "your", "the", "these", "those", "of", "and",
		"whose", NULL};
	const struct text *t = a->t;

	if (span_has(sp, M_PERSON))
		return false;
	for (const struct mention *q = sp.first; q < m; q++) {
		if (!cue_at(q, CUE_PEOPLE) || !cue_value(q, "kin") ||
		    q->last > m->first || q->last + 4 < m->first ||
		    q->first == 0)
			continue;
		size_t k = q->first - 1;
		if ((t->tokens[k].flags & (TOKEN_POSSESSIVE | TOKEN_NUMBER |
		    TOKEN_CAPITAL)) || speaks_or_refers(q, m))
			continue;
		if (!token_in(t, k, owners))
			return true;
	}
	return false;
}

/* "many Uyghurs, women among them, had been sent back": a
 * pattern cue that counts the people shortly before the trigger in its
 * clause (a group or people noun right after it) makes it general even
 * where the sentence names someone (the speaker: "X told RFA that ...");
 * not when someone is named, speaks or acts between them ("many
 * observers say police detained X", "despite a campaign by rights
 * groups, police deported X"). */
static bool general_subject(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;
	const struct mention *cue = cue_find(a, sp, m->first, CUE_PATTERN,
	    CUE_WINDOW_CALL);
	bool counts;

	if (!cue)
		return false;
	/* "we know anyone can be sent back", X said: no one in particular,
	 * quoted or not, unless the trigger names whom it took */
	counts = cue_value(cue, "anyone") && !names_object(sp, m);
	if (!counts && quoted(a, &t->sentences[m->sentence], cue->first))
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->first >= cue->last && q->first <= cue->last + 1 &&
		    (q->kind == M_GROUP || cue_at(q, CUE_PEOPLE)))
			counts = true;
	if (!counts)
		return false;
	for (size_t k = cue->last; k < m->first; k++)
		if (lexicon_word_is(a->lx, t, k, CUE_AUTHORITY))
			return false;
	for (const struct mention *q = cue + 1; q < m; q++)
		if (q->kind == M_PERSON || cue_at(q, CUE_SPEECH))
			return false;
	return true;
}

bool pattern_sentence(const struct assembler *a, struct span sp,
    const struct sentence *sent)
{
	if (distinct_countries(sp) >= 4)
		return true;
	return pattern_cue(a, sp, sent) && !span_has(sp, M_PERSON);
}

/* "These latest expulsions show a pattern", "recent arrests of
 * Tamils have alarmed exiles": a plural trigger noun right behind a
 * word that recalls (cues.tsv `block told`) names incidents told
 * elsewhere or in general, none of its own; "the recent arrests of X
 * and Y on 4 May" names and dates its own. */
static bool recalled_events(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const char *last = token_norm(a->t, m->last - 1);
	size_t n = strlen(last);

	if (n < 4 || last[n - 1] != 's' || m->last != m->first + 1 ||
	    span_has(sp, M_PERSON) || span_has(sp, M_DATE))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->last == m->first && cue_at(q, CUE_BLOCK) &&
		    cue_value(q, "told"))
			return true;
	return false;
}

bool read_trigger(const struct assembler *a, struct span sp,
    const struct mention *m, enum rw_incident_type *type,
    enum rw_mechanism *mech, bool *granted)
{
	*granted = false;
	if (whereabouts_unknown(a, sp, m)) {
		*type = RW_INCIDENT_DISAPPEARANCE;
		*mech = RW_MECHANISM_NONE;
		return !cue_before(a, sp, m->first, CUE_NEGATION,
		    CUE_WINDOW_NEGATION);
	}
	if (!trigger_value(a, sp, m))
		return false;
	if (after_warrant(sp, m) || prison_term(a, sp, m) ||
	    held_for_conviction(a, sp, m) || listed_with_abuse(a, sp, m) ||
	    left_detention(a, m) || vanished_into_return(a, sp, m) ||
	    held_before_return(a, sp, m) || thing_handed_over(a, sp, m) ||
	    served_term(a, m) || object_of_release(a, sp, m) ||
	    accused_or_compound(a, sp, m) || state_relative(a, sp, m) ||
	    event_held(a, sp, m) || general_subject(a, sp, m) ||
	    present_tally(a, sp, m) || unowned_kin(a, sp, m) ||
	    recalled_events(a, sp, m) || general_background(a, sp, m))
		return false;
	return trigger_type(a, sp, m, type, mech, granted);
}

/* "was detained again", "once more arrested" (see assemble.h) */
bool trigger_again(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	for (const struct mention *q = sp.first; q < sp.last; q++) {
		bool before = q->first < m->first;
		if (!cue_at(q, CUE_BLOCK) || !cue_value(q, "again") ||
		    q->last + 2 < m->first || q->first > m->last + 3)
			continue;
		if (!clause_break(a->t, before ? q->last : m->last,
		    before ? m->first : q->first))
			return true;
	}
	return false;
}

/* "his conviction", "their arrest" (see assemble.h) */
bool trigger_noun_refers(const struct assembler *a, const struct mention *m)
{
	static const char *const words[] = {"his", "her", "their", NULL};

	if (m->first == 0)
		return false;
	return token_in(a->t, m->first - 1, words);
}

/* "the first deportation of a Tibetan since 2010", "these latest
 * arrests": a trigger noun ranked behind "the", "this" or "these". */
static bool ranked_noun(const struct assembler *a, const struct mention *m)
{
	static const char *const order[] = {"first", "latest", "second",
		"third", "last", NULL};
	size_t k = m->first;

	if (k < 2 || !(token_is(a->t, k - 2, "the") ||
	    token_is(a->t, k - 2, "this") || token_is(a->t, k - 2, "these")))
		return false;
	return token_in(a->t, k - 1, order);
}

/* "ever since the deportation", "before the arrests", "prior to his
 * extradition", "an investigation into the abduction", and ranked
 * nouns (see assemble.h) */
bool trigger_recalls_event(const struct assembler *a,
    const struct mention *m)
{
	static const char *const around[] = {"after", "before", "since",
		"following", "until", "about", "into", "over", NULL};
	size_t k = m->first;

	if (ranked_noun(a, m))
		return true;
	/* ("after the arrest of X" names whom it happened to) */
	if (k < 2 || !(token_is(a->t, k - 1, "the") ||
	    trigger_noun_refers(a, m)) || token_is(a->t, m->last, "of"))
		return false;
	if (k >= 3 && token_is(a->t, k - 3, "prior") &&
	    token_is(a->t, k - 2, "to"))
		return true;
	return token_in(a->t, k - 2, around);
}
