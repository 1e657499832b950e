/* places.c: where an incident happened and where people were sent.
 * Places are read by the words before them: "from" gives the host of a
 * return, "to" its destination, "in" the place of a detention, and a
 * country next to "authorities" or "police" the state that acted; a
 * state asking for a return is its destination. What the sentence leaves
 * open falls back to "there", the last incident's host, or the
 * document's main country. */
#include <string.h>

#include "extract/assemble.h"

/* how far back a return tells where its people went missing */
#define RETURN_SENTENCES 6

struct place {
	const struct mention *m;
	enum place_role role;
	bool after_where; /* a "where" between it and the trigger */
};

static bool request_word(const struct assembler *a, size_t i)
{
	const struct token *tok;

	if (i >= a->t->n_tokens)
		return false;
	tok = &a->t->tokens[i];
	return (tok->flags & TOKEN_WORD) &&
	    lexicon_word_is(a->lx, a->t, i, CUE_REQUEST);
}

/* A state that asks for a return ("China's request", "Türkiye asked",
 * "at the request of Bahrain", "a request from Beijing"), or the state
 * asked ("asked Kazakhstan to extradite him"); a capital may stand for
 * its state ("Baku asked Tbilisi"). */
static enum place_role request_role(const struct assembler *a,
    const struct mention *m)
{
	const struct text *t = a->t;
	size_t k = m->last;

	if (m->kind != M_COUNTRY && m->kind != M_PLACE)
		return ROLE_NONE;
	if (k < t->n_tokens && token_is(t, k, "'s"))
		k++;
	for (size_t n = 0; n < 2 && k < t->n_tokens && (token_is(t, k, "had")
	    || token_is(t, k, "has") || token_is(t, k, "have") ||
	    token_is(t, k, "formally") || token_is(t, k, "also") ||
	    token_is(t, k, "then") || token_is(t, k, "officially")); n++)
		k++;
	if (request_word(a, k))
		return ROLE_REQUESTER;
	k = m->first;
	if (k >= 1 && token_is(t, k - 1, "the"))
		k--;
	if (k >= 2 && (token_is(t, k - 1, "of") || token_is(t, k - 1, "from")
	    || token_is(t, k - 1, "by")) && request_word(a, k - 2))
		return ROLE_REQUESTER;
	if (k >= 1 && request_word(a, k - 1) && !token_is(t, k - 1, "request")
	    && !token_is(t, k - 1, "requests"))
		return ROLE_ASKED;
	return ROLE_NONE;
}

/* How far a place may follow "on the way to" it is bound for. */
#define BOUND_WINDOW 6

/* "on her way to a wedding in France", "en route to Istanbul": a
 * place someone was travelling to, within a few words and no
 * punctuation after "way to" or "route to"; what happened on the way
 * did not happen there. */
static bool on_the_way(const struct text *t, size_t at)
{
	for (size_t k = at; k-- > 0 && k + BOUND_WINDOW >= at;) {
		if (!(t->tokens[k].flags & TOKEN_WORD))
			return false;
		if (k >= 2 && token_is(t, k, "to") && (token_is(t, k - 1, "way")
		    || token_is(t, k - 1, "route")))
			return true;
	}
	return false;
}

static enum place_role read_role(const struct assembler *a,
    struct span sp, const struct mention *m)
{
	const struct text *t = a->t;
	enum place_role r = request_role(a, m);
	size_t at = m->first;

	/* "an arrest warrant issued in Cairo", "he is wanted in Peru": the
	 * state that asks */
	if (at >= 2 && token_is(t, at - 2, "issued") && (token_is(t, at - 1,
	    "in") || token_is(t, at - 1, "by") || token_is(t, at - 1, "from")))
		return ROLE_REQUESTER;
	if (at >= 2 && token_is(t, at - 2, "wanted") && (token_is(t, at - 1,
	    "in") || token_is(t, at - 1, "by")))
		return ROLE_REQUESTER;

	if (r != ROLE_NONE)
		return r;
	/* "on the Belarusian wanted list", "a Chinese arrest warrant": the
	 * state that wants the person */
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->first == m->last &&
		    strncmp(q->entry->value, "warrant", 7) == 0)
			return ROLE_REQUESTER;

	/* "came home from a festival in Nepal": the place people left */
	for (const struct mention *q = sp.first; q < sp.last &&
	    q->first < m->first; q++) {
		if (!cue_at(q, CUE_FROM) || !cue_value(q, "left") ||
		    q->last > m->first || q->last + 4 < m->first)
			continue;
		bool punct = false;
		for (size_t k = q->last; k < m->first; k++)
			if (!(t->tokens[k].flags & TOKEN_WORD))
				punct = true;
		if (!punct)
			return ROLE_LEFT;
	}
	if (word_before(a, m->first, CUE_FROM, 3))
		return ROLE_FROM;
	if (on_the_way(t, m->first))
		return ROLE_BOUND;
	if (word_before(a, m->first, CUE_TO, 2) &&
	    !token_is(t, m->first - 1, "for"))
		return ROLE_TO;
	/* "handed over to officers of Russia's Federal Security Service",
	 * "to the custody of Chinese police" */
	if (at >= 3 && token_is(t, at - 1, "of") && (token_is(t, at - 2,
	    "custody") || token_is(t, at - 2, "hands") ||
	    lexicon_word_is(a->lx, t, at - 2, CUE_AUTHORITY)))
		for (size_t k = at - 2; k + 4 >= at && k > 0; k--) {
			if (!(t->tokens[k].flags & TOKEN_WORD))
				break;
			if (token_is(t, k - 1, "to") || token_is(t, k - 1,
			    "into"))
				return ROLE_TO;
		}
	if (word_before(a, m->first, CUE_BY, 3))
		return ROLE_AGENT;
	/* "Chinese custody", "into the custody of Chinese police" */
	if (m->last < t->n_tokens && (token_is(t, m->last, "custody") ||
	    (token_is(t, m->last, "police") && token_is(t, m->last + 1,
	    "custody"))))
		return ROLE_TO;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (cue_at(q, CUE_AUTHORITY) && q->first >= m->last &&
		    q->first <= m->last + 2)
			return ROLE_AGENT;
	/* "the Minsk City Court", "the People's Court of Gia Lai": an
	 * authority named with its place acts there */
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_ORG && (q->first == m->last ||
		    (q->last + 1 == m->first && token_is(t, q->last, "of"))))
			return ROLE_AGENT;
	if (word_before(a, m->first, CUE_IN, 3)) {
		/* "police in Hong Kong" acted; "detained in Hanoi" is a place */
		for (const struct mention *q = sp.first; q < sp.last; q++)
			if (cue_at(q, CUE_AUTHORITY) && q->last + 1 == m->first)
				return ROLE_AGENT;
		return ROLE_IN;
	}
	/* a country as the subject: "Malaysia has deported" */
	if (m->kind == M_COUNTRY && m->last < t->n_tokens &&
	    (token_is(t, m->last, "has") || token_is(t, m->last, "have") ||
	    token_is(t, m->last, "had") || token_is(t, m->last, "was") ||
	    token_is(t, m->last, "returns") || token_is(t, m->last, "deports") ||
	    token_is(t, m->last, "deported") ||
	    token_is(t, m->last, "expels") || token_is(t, m->last, "sends") ||
	    token_is(t, m->last, "'s")))
		return ROLE_AGENT;
	return ROLE_NONE;
}

enum place_role role_of(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	signed char *role = &a->place_roles[m - a->ms->items];

	if (*role < 0)
		*role = (signed char)read_role(a, sp, m);
	return (enum place_role)*role;
}

/* "released on Tuesday after their lawyer proved that they held
 * Turkish residence permits", "after British consular officials
 * intervened": the place at at stands in a clause, opened after the
 * trigger at pos and closed by no comma, that tells why or when; a
 * place someone entered is where they were, though. */
static bool after_subordinator(const struct text *t, size_t pos, size_t at)
{
	static const char *const words[] = {"after", "because", "once",
		"when", "until", "before", "although", "while", NULL};
	bool inside = false;
	size_t b = at;

	/* "after he illegally entered Viet Nam": where he went is where
	 * the trigger happened */
	if (b > 0 && token_is(t, b - 1, "the"))
		b--;
	if (b > 0 && !(t->tokens[b - 1].flags & TOKEN_WORD))
		b--; /* entered ”Viet Nam */
	if (b > 0 && (token_is(t, b - 1, "entered") || token_is(t, b - 1,
	    "entering") || token_is(t, b - 1, "reached") ||
	    token_is(t, b - 1, "into")))
		return false;
	for (size_t k = pos + 1; k < at; k++) {
		if (token_punct(t, k, ';') || token_punct(t, k, ','))
			inside = false;
		if (token_in(t, k, words))
			inside = true;
	}
	return inside;
}

/* "Once friends had lobbied Dutch officials ..., Li was released":
 * the place at at stands in a clause that opens the sentence with a
 * word telling when or why, and a comma closes it before the trigger at
 * pos; or the other way round ("Following a ruling to hand them over to
 * China, Taiwan protested": the trigger in that clause, the place
 * after it). */
static bool fronted_clause(const struct text *t, struct span sp, size_t at,
    size_t pos)
{
	static const char *const words[] = {"once", "after", "when",
		"because", "although", "while", "before", "as", "since",
		"following", NULL};
	size_t first = sp.first < sp.last ? after_dateline(t,
	    &t->sentences[sp.first->sentence]) : at;
	size_t lo = at < pos ? at : pos, hi = at < pos ? pos : at;

	if (!token_in(t, first, words))
		return false;
	for (size_t k = first; k < lo; k++)
		if (token_punct(t, k, ',') || token_punct(t, k, ';'))
			return false;
	for (size_t k = lo; k < hi; k++)
		if (token_punct(t, k, ','))
			return true;
	return false;
}

/* How far back "having" may open the clause of a place. */
#define PARTICIPLE_WINDOW 8

/* A place in a perfect participle clause: "having" before it, with no
 * comma between. */
static bool perfect_participle(const struct text *t, const struct mention *m)
{
	for (size_t k = m->first; k-- > 0 && k + PARTICIPLE_WINDOW >=
	    m->first;) {
		if (!(t->tokens[k].flags & TOKEN_WORD))
			return false;
		if (token_is(t, k, "having"))
			return true;
	}
	return false;
}

/* ", also from Oaxaca,": a place set off by commas after "from" (and
 * at most one word such as "also" or "originally"), or between a group's
 * name and "who" ("a Chechen from Strasbourg who"), tells where someone
 * comes from, not where anything happened to them. */
static bool origin_aside(const struct text *t, const struct mention *m)
{
	size_t k = m->first;

	if (k > 0 && token_is(t, k - 1, "the"))
		k--;
	if (k < 2 || !token_is(t, k - 1, "from") || m->last >= t->n_tokens)
		return false;
	/* "a Chechen from Strasbourg who was travelling with him" */
	if (token_is(t, m->last, "who") && (t->tokens[k - 2].flags &
	    TOKEN_CAPITAL) && (t->tokens[k - 2].flags & TOKEN_WORD))
		return true;
	if (!token_punct(t, m->last, ','))
		return false;
	k--;
	if (k >= 2 && (t->tokens[k - 1].flags & TOKEN_WORD) &&
	    !(t->tokens[k - 1].flags & TOKEN_CAPITAL))
		k--;
	return token_punct(t, k - 1, ',');
}

/* how many words may stand between a nationality and its person noun */
#define NATIONALITY_GAP 4

/* Tokens [from, to) are lower-case words and hyphens joining them
 * ("pro-democracy"): modifiers of the noun after them. */
static bool modifiers_only(const struct text *t, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		const struct token *tok = &t->tokens[k];
		if (token_punct(t, k, '-') && !(tok->flags & TOKEN_SPACE))
			continue;
		if (!(tok->flags & TOKEN_WORD) || (tok->flags &
		    (TOKEN_CAPITAL | TOKEN_NUMBER)))
			return false;
	}
	return true;
}

static void set_iso(char out[3], const char *iso);

/* "His wife, who is still in Lima with their sons, has not heard from
 * him", "..., leading his family, who are in Canada, to appeal": a place
 * in a relative clause on a relative's noun, which the trigger at pos
 * is not in, is where the relative is. */
static bool relative_of_kin(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *m, size_t pos)
{
	const struct text *t = a->t;
	size_t k = m->first;

	if (!in_relative(t, sent, m->first) || in_relative(t, sent, pos))
		return false;
	while (k > sent->first && !token_is(t, k - 1, "who"))
		k--;
	if (k <= sent->first + 1)
		return false;
	k--; /* "who" */
	if (token_punct(t, k - 1, ','))
		k--;
	if (token_is(t, k - 1, "family"))
		return true;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->last == k && (cue_at(q, CUE_PERSON) ||
		    cue_at(q, CUE_PEOPLE)) && (cue_value(q, "kin") ||
		    cue_value(q, "kin2")))
			return true;
	return false;
}

/* An article or a number before the place mention m ("a Czech", "the
 * Taiwanese", "eight Taiwanese"): a determiner of a noun phrase. */
static bool determined(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	static const char *const article[] = {"a", "an", "the", NULL};

	if (m->first == 0)
		return false;
	if (token_in(a->t, m->first - 1, article) ||
	    (a->t->tokens[m->first - 1].flags & TOKEN_NUMBER))
		return true;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_NUMBER && q->last == m->first)
			return true;
	return false;
}

static size_t collect_places(const struct assembler *a, struct span sp,
    size_t pos, struct place *out, size_t cap, char *nationality_iso)
{
	const struct sentence *sentence = sp.first < sp.last ?
	    &a->t->sentences[sp.first->sentence] : NULL;
	size_t n = 0;

	for (const struct mention *m = sp.first; m < sp.last && n < cap; m++) {
		if (m->kind != M_COUNTRY && m->kind != M_PLACE)
			continue;
		/* "X was freed; Y is wanted in Peru": the other clause's */
		if (semicolon_between(a->t, m->first, pos))
			continue;
		/* "a Chinese national", "the Chinese dissident", "a Chinese
		 * pro-democracy campaigner": nationality */
		if (m->last < a->t->n_tokens && m->kind == M_COUNTRY) {
			bool nationality = false;
			for (const struct mention *q = sp.first; q < sp.last; q++)
				if (q->first >= m->last && q->first <=
				    m->last + NATIONALITY_GAP && (cue_at(q,
				    CUE_PERSON) || cue_at(q, CUE_PEOPLE)) &&
				    (q->first == m->last || ((determined(a, sp,
				    m)) && modifiers_only(a->t, m->last,
				    q->first))))
					nationality = true;
			if (nationality) {
				if (nationality_iso && !nationality_iso[0])
					set_iso(nationality_iso, m->iso);
				continue;
			}
		}
		out[n].m = m;
		out[n].role = role_of(a, sp, m);
		out[n].after_where = false;
		if (m->last <= pos)
			for (size_t k = m->last; k < pos; k++)
				if (token_is(a->t, k, "where"))
					out[n].after_where = true;
		/* "released 11 Uyghurs who had broken out of detention in
		 * Thailand": a place in a relative clause after the trigger
		 * is where that clause happened (within a bounded window) */
		if (m->first > pos && out[n].role == ROLE_IN &&
		    m->first <= pos + 16)
			for (size_t k = pos + 1; k < m->first; k++)
				if (token_is(a->t, k, "who") ||
				    token_is(a->t, k, "which") ||
				    token_is(a->t, k, "whose"))
					out[n].role = ROLE_NONE;
		if (m->first > pos && (out[n].role == ROLE_NONE ||
		    out[n].role == ROLE_AGENT || out[n].role == ROLE_FROM) &&
		    after_subordinator(a->t, pos, m->first))
			out[n].role = ROLE_ASIDE;
		if ((out[n].role == ROLE_NONE || out[n].role == ROLE_AGENT)
		    && fronted_clause(a->t, sp, m->first, pos))
			out[n].role = ROLE_ASIDE;
		/* "a campaigner who was deported by Cambodian authorities
		 * last year has been sentenced": the state that acted in a
		 * relative clause before the trigger acted there ("who had
		 * left China ..., served three years" was still there) */
		if (m->first < pos && out[n].role == ROLE_AGENT && sentence &&
		    in_relative(a->t, sentence, m->first) &&
		    !in_relative(a->t, sentence, pos))
			out[n].role = ROLE_ASIDE;
		if (sentence && relative_of_kin(a, sp, sentence, m, pos))
			out[n].role = ROLE_ASIDE;
		if (origin_aside(a->t, m))
			out[n].role = ROLE_ASIDE;
		/* ", having joined the festival in Bodhgaya,": what
		 * they had done before, elsewhere */
		if ((out[n].role == ROLE_NONE || out[n].role == ROLE_AGENT ||
		    out[n].role == ROLE_IN) && perfect_participle(a->t, m))
			out[n].role = ROLE_ASIDE;
		/* "friends based in the Netherlands": where someone is based */
		size_t b = m->first;
		if (b > 0 && token_is(a->t, b - 1, "the"))
			b--;
		if (b >= 2 && token_is(a->t, b - 1, "in") &&
		    token_is(a->t, b - 2, "based"))
			out[n].role = ROLE_ASIDE;
		n++;
	}
	return n;
}

static const char *nearest_from(const struct place *pl, size_t n, size_t pos,
    enum place_role role, const char *skip, bool after_only)
{
	const struct place *best = NULL;

	for (size_t k = 0; k < n; k++) {
		if (pl[k].role != role || (skip && skip[0] &&
		    memcmp(pl[k].m->iso, skip, 2) == 0) ||
		    (after_only && pl[k].m->first < pos))
			continue;
		if (!best || distance(pl[k].m, pos) < distance(best->m, pos))
			best = &pl[k];
	}
	return best ? best->m->iso : NULL;
}

static const char *nearest(const struct place *pl, size_t n, size_t pos,
    enum place_role role, const char *skip)
{
	return nearest_from(pl, n, pos, role, skip, false);
}

/* A host candidate that is not the destination dest (NULL: none yet). */
static bool not_dest(const char *iso, const char *dest)
{
	return !dest || memcmp(iso, dest, 2) != 0;
}

/* The nearest place of the first of roles[0..n_roles) that has one. */
static const char *nearest_by_roles(const struct place *pl, size_t n,
    size_t pos, const char *skip, const enum place_role *roles,
    size_t n_roles)
{
	const char *iso = NULL;

	for (size_t r = 0; r < n_roles && !iso; r++)
		iso = nearest(pl, n, pos, roles[r], skip);
	return iso;
}

/* nearest_by_roles with the roles in order: nearest_of(pl, n, pos, skip,
 * ROLE_ASKED, ROLE_AGENT) */
#define nearest_of(pl, n, pos, skip, ...) \
	nearest_by_roles(pl, n, pos, skip, (const enum place_role[]){ \
	    __VA_ARGS__}, sizeof((enum place_role[]){__VA_ARGS__}) / \
	    sizeof(enum place_role))

/* How far after a trigger "from" a place may stand. */
#define VANISHED_WINDOW 8

/* "disappeared from a street in central Lima", "vanished from his home
 * in Quito": the place a disappearance took someone from, in the
 * trigger's clause, is where it happened. */
static const char *vanished_from(const struct assembler *a,
    const struct place *pl, size_t n, size_t pos)
{
	for (size_t k = 0; k < n; k++) {
		const struct mention *m = pl[k].m;
		if (m->first <= pos || m->first > pos + VANISHED_WINDOW ||
		    (pl[k].role != ROLE_FROM && pl[k].role != ROLE_IN &&
		    pl[k].role != ROLE_NONE))
			continue;
		for (size_t i = pos + 1; i < m->first; i++) {
			if (token_punct(a->t, i, ',') || token_punct(a->t, i, ';'))
				break;
			if (token_is(a->t, i, "from"))
				return m->iso;
		}
	}
	return NULL;
}

static void set_iso(char out[3], const char *iso)
{
	if (iso) {
		memcpy(out, iso, 2);
		out[2] = '\0';
	} else {
		out[0] = '\0';
	}
}

/* "since" right before a trigger, or before "the" and a trigger: an
 * earlier event named as a point in time ("ever since the deportation"). */
static bool since_trigger(const struct assembler *a, const struct mention *m)
{
	size_t i = m->first;

	if (i >= 1 && token_is(a->t, i - 1, "the"))
		i--;
	return i >= 1 && token_is(a->t, i - 1, "since");
}

/* "heard nothing from him since the deportation": where that return
 * sent its people. */
static const char *since_return_dest(const struct assembler *a,
    struct span sp, const struct subjects *s)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->kind != M_TRIGGER || !since_trigger(a, m) ||
		    strncmp(m->entry->value, "return", 6) != 0)
			continue;
		for (const struct mention *q = m + 1; q < sp.last; q++)
			if ((q->kind == M_COUNTRY || q->kind == M_PLACE) &&
			    role_of(a, sp, q) == ROLE_TO)
				return q->iso;
		if (s->origin[0])
			return s->origin;
		return a->main_origin[0] ? a->main_origin : NULL;
	}
	return NULL;
}

static size_t pl_sentence(struct span sp)
{
	return sp.first < sp.last ? sp.first->sentence : 0;
}

/* "handed the men over to Tashkent, which jailed them": a place a return
 * sends people to, before the trigger at pos, is where what follows
 * happens. */
static bool after_return(const struct assembler *a, struct span sp,
    const struct mention *place, size_t pos)
{
	enum rw_incident_type type;
	enum rw_mechanism mech;
	bool granted;

	if (place->first >= pos)
		return false;
	/* "deported ... to Myanmar on 22 March, a year after she was
	 * detained in Jammu": what came before the return */
	for (size_t k = place->last; k < pos; k++)
		if (token_is(a->t, k, "after") || token_is(a->t, k, "before"))
			return false;
	/* a return that happened: not "to head off his being repatriated
	 * to China" */
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->last <= place->first &&
		    strncmp(q->entry->value, "return", 6) == 0 &&
		    read_trigger(a, sp, q, &type, &mech, &granted) &&
		    type == RW_INCIDENT_RETURN)
			return true;
	return false;
}

/* "returning to X", "travelled back to the X": a place someone went to
 * (cues.tsv `to arrival`). */
static bool arrived(const struct assembler *a, struct span sp,
    const struct mention *place)
{
	size_t at = place->first;

	if (at > 0 && token_is(a->t, at - 1, "the"))
		at--;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (cue_at(q, CUE_TO) && cue_value(q, "arrival") && q->last == at)
			/* "to be returned to Tibet" is a return, passive */
			return !(q->first > 0 && (token_is(a->t, q->first - 1,
			    "be") || token_is(a->t, q->first - 1, "been") ||
			    token_is(a->t, q->first - 1, "being") ||
			    token_is(a->t, q->first - 1, "was") ||
			    token_is(a->t, q->first - 1, "were")));
	return false;
}

/* Incident x names one of the people of y. */
static bool incident_names(const struct rw_incident *x,
    const struct subjects *y)
{
	for (size_t i = 0; i < x->n_persons; i++)
		for (size_t j = 0; j < y->n_persons; j++)
			if (strcmp(x->persons[i], y->persons[j]) == 0)
				return true;
	return false;
}

/* The last incident names one of the people of y. */
static bool last_incident_names(const struct assembler *a,
    const struct subjects *y)
{
	return a->out->n_incidents && incident_names(
	    &a->out->incidents[a->out->n_incidents - 1], y);
}

/* when is on or after the day of d, as far as both tell: a return
 * told after what happened before it ("detained on 2 May ... deported
 * on 9 May") sent no one anywhere yet. An unknown d is never passed. */
static bool not_before(const struct rw_date *when, const struct rw_date *d)
{
	if (!d->year || !when->year || when->year != d->year)
		return d->year && when->year >= d->year;
	if (!when->month || !d->month || when->month != d->month)
		return !when->month || !d->month || when->month > d->month;
	return !when->day || !d->day || when->day >= d->day;
}

/* "had been held", "had earlier been arrested": the trigger at pos is
 * in the past perfect, told back from the events around it. */
static bool past_perfect(const struct text *t, size_t pos)
{
	for (size_t k = pos; k > 0 && k + 4 > pos; k--)
		if (token_is(t, k - 1, "had"))
			return true;
	return false;
}

/* "Lina Sato was deported to Peru on 2 May. Sato was arrested as she
 * left the plane": the people of a return that happened, told of next
 * with no place named, are where it sent them ("had been arrested" was
 * before it). NULL when the last incident is no such return. */
static const char *returned_to(const struct assembler *a, size_t pos,
    const struct subjects *s, bool inherited, const struct rw_date *when)
{
	const struct rw_incident *x;

	if (!a->out->n_incidents || past_perfect(a->t, pos))
		return NULL;
	x = &a->out->incidents[a->out->n_incidents - 1];
	/* "detained 30 and sent ten of them back": what follows may be
	 * about either */
	if (a->out->n_incidents >= 2 &&
	    x[-1].quote_start == x->quote_start)
		return NULL;
	if (x->type != RW_INCIDENT_RETURN || !x->dest[0] ||
	    !(inherited || last_incident_names(a, s)) ||
	    !not_before(when, &x->date))
		return NULL;
	return x->dest;
}

/* "detained on arrival", "arrested upon their arrival": the trigger at
 * pos happened where the people had just gone. */
static bool on_arrival(const struct text *t, size_t pos)
{
	for (size_t k = pos + 1; k < t->n_tokens && k <= pos + 5; k++) {
		if (!(t->tokens[k].flags & TOKEN_WORD))
			return false;
		if ((token_is(t, k, "arrival") || token_is(t, k, "landing")) &&
		    (token_is(t, k - 1, "on") || token_is(t, k - 1, "upon") ||
		    (k >= 2 && (token_is(t, k - 2, "on") ||
		    token_is(t, k - 2, "upon")))))
			return true;
	}
	return false;
}

/* "He was flown to Lima. He was detained on arrival": the place named
 * last, in this sentence or the one before, for a trigger told as
 * happening on arrival; NULL otherwise. */
static const char *arrival_place(const struct assembler *a, struct span sp,
    size_t pos)
{
	if (!on_arrival(a->t, pos) || !a->have_place ||
	    pl_sentence(sp) - a->last_place_sentence > 1)
		return NULL;
	return a->last_place;
}

/* How far back the incidents are searched for the last return. */
#define RETURN_LOOKBACK 8

/* The last return with a destination among the last few incidents, or
 * NULL. */
static const struct rw_incident *last_return(const struct assembler *a)
{
	const struct rw_incident *inc = a->out->incidents;

	for (size_t k = a->out->n_incidents; k-- > 0 &&
	    k + RETURN_LOOKBACK >= a->out->n_incidents;)
		if (inc[k].type == RW_INCIDENT_RETURN && inc[k].dest[0])
			return &inc[k];
	return NULL;
}

/* The last return names none of the people of y, who are named: "X was
 * deported. His cousin was detained in Dubai. His whereabouts are
 * unknown" is about the cousin, not X. */
static bool return_of_others(const struct assembler *a,
    const struct subjects *y)
{
	const struct rw_incident *r = last_return(a);

	return y->n_persons && r && !incident_names(r, y);
}

/* "A blogger hiding in Chile was handed over to Peru ... Peruvian
 * prosecutors had issued a warrant for him": where the last return of
 * the people of y took them from is where the state that wants them
 * (dest) found them; NULL when no such return is told. */
static const char *returned_from(const struct assembler *a,
    const struct subjects *y, const char *dest)
{
	const struct rw_incident *r = last_return(a);

	if (!r || !r->host[0] || !incident_names(r, y) ||
	    (dest && memcmp(r->host, dest, 2) == 0))
		return NULL;
	return r->host;
}

/* "He was arrested there": "there" a few words after the trigger, in
 * its clause, is the last place named before it (in the sentence, else
 * in the last few sentences), not the document's main country. "there
 * is/are/was" is no place. */
static const char *there_place(const struct assembler *a, struct span sp,
    size_t pos, const struct place *pl, size_t n)
{
	const struct text *t = a->t;
	bool there = false;

	for (size_t k = pos + 1; k <= pos + 4 && k < t->n_tokens; k++) {
		if (!(t->tokens[k].flags & TOKEN_WORD) || token_is(t, k, "and") ||
		    token_is(t, k, "but"))
			break;
		if (token_is(t, k, "there")) {
			there = !(token_is(t, k + 1, "is") ||
			    token_is(t, k + 1, "are") ||
			    token_is(t, k + 1, "was") ||
			    token_is(t, k + 1, "were"));
			break;
		}
	}
	if (!there)
		return NULL;
	const struct place *best = NULL;
	for (size_t k = 0; k < n; k++)
		if (pl[k].m->last <= pos && (pl[k].role == ROLE_IN ||
		    pl[k].role == ROLE_TO || pl[k].role == ROLE_FROM) &&
		    (!best || pl[k].m->first > best->m->first))
			best = &pl[k];
	if (best)
		return best->m->iso;
	if (a->have_place && pl_sentence(sp) - a->last_place_sentence <=
	    REFERENCE_SENTENCES)
		return a->last_place;
	return NULL;
}

/* How far a trigger may follow the "where" after a place. */
#define WHERE_WINDOW 8

/* A place right before ", where" whose clause holds the trigger at pos,
 * within a few words and no comma. */
static bool where_clause(const struct text *t, const struct mention *m,
    size_t pos)
{
	size_t k = m->last;

	if (k < t->n_tokens && token_punct(t, k, ','))
		k++;
	if (k >= pos || !token_is(t, k, "where") || pos > k + WHERE_WINDOW)
		return false;
	for (size_t i = k + 1; i < pos; i++)
		if (token_punct(t, i, ',') || token_punct(t, i, ';'))
			return false;
	return true;
}

/* The date after the place left at m, in its clause ("who fled Minsk
 * in November 2020"), or NULL. */
static const struct mention *left_date(const struct assembler *a,
    struct span sp, const struct mention *m)
{
	for (const struct mention *q = m + 1; q < sp.last; q++) {
		if (q->first > m->last + 3)
			break;
		if (q->kind == M_DATE && q->date.year) {
			for (size_t k = m->last; k < q->first; k++)
				if (!(a->t->tokens[k].flags & TOKEN_WORD))
					return NULL;
			return q;
		}
	}
	return NULL;
}

/* "Orlov, who fled Minsk in May 2021, was arrested ... on 2 June": a
 * place someone fled or left on a date is not where what happened to
 * them after that date happened ("who had left Iran in May, spent two
 * years in jail between 2010 and 2012" was before, so there); "a
 * border crossing with Germany" and "near the Latvian border" are on
 * this side. */
static bool left_before(const struct assembler *a, struct span sp,
    const struct mention *m, const struct rw_date *when)
{
	const struct text *t = a->t;
	size_t at = m->first;
	const struct mention *d;

	if (at > 0 && token_is(t, at - 1, "the"))
		at--;
	if (at >= 2 && token_is(t, at - 1, "with") && (token_is(t, at - 2,
	    "border") || token_is(t, at - 2, "crossing")))
		return true;
	/* "near the Latvian border", "a town on the Chinese border": the
	 * neighbour's edge, seen from this side */
	if (at >= 1 && m->last < t->n_tokens && (token_is(t, m->last,
	    "border") || token_is(t, m->last, "frontier")) &&
	    (token_is(t, at - 1, "near") || token_is(t, at - 1, "on") ||
	    token_is(t, at - 1, "along") || token_is(t, at - 1, "to")))
		return true;
	if (at > 0 && token_is(t, at - 1, "from"))
		at--;
	if (!when->year || at == 0 || !(token_is(t, at - 1, "fled") ||
	    token_is(t, at - 1, "left") || token_is(t, at - 1, "escaped")) ||
	    !(d = left_date(a, sp, m)))
		return false;
	return when->year > d->date.year || (when->year == d->date.year &&
	    when->month && d->date.month && when->month > d->date.month);
}

/* How far back from a place charged_with looks for the charge. */
#define CHARGE_REACH 14

/* "accuses him of joining an armed group in Syria", "on charges of
 * fighting in Syria": a place inside what someone is accused of is not
 * where anything happened to them. */
static bool charged_with(const struct text *t, const struct mention *m)
{
	static const char *const charge[] = {"accuses", "accused",
	    "accusing", "charges", "charged", "suspected", "suspicion", NULL};
	size_t from = m->first > CHARGE_REACH ? m->first - CHARGE_REACH : 0;

	for (size_t k = m->first; k-- > from;) {
		if (token_punct(t, k, '.') || token_punct(t, k, ';') ||
		    token_punct(t, k, ','))
			return false;
		if (token_in(t, k, charge))
			return true;
	}
	return false;
}

/* "sentenced in absentia", "jailed in absentia": within a few words
 * after the trigger at pos. */
static bool in_absentia(const struct text *t, size_t pos)
{
	for (size_t k = pos + 1; k <= pos + 3; k++)
		if (token_is(t, k, "absentia"))
			return true;
	return false;
}

void find_places(const struct assembler *a, struct span sp,
    size_t pos, struct rw_incident *inc, const struct subjects *s,
    bool inherited)
{
	/* a sentence that names no place goes on where the last incident
	 * happened ("In November last year, 140 suspects were arrested"
	 * after a Spanish court's ruling), unless that incident followed
	 * a return: other people than "they" stayed behind */
	bool went_on = a->last_host[0] && (inherited ||
	    memcmp(a->last_host, a->last_return_dest, 3) != 0);
	const char *fallback = went_on ? a->last_host :
	    (a->main_host[0] ? a->main_host : NULL);
	/* "X grew up in Hotan in Xinjiang. He had served time in prison
	 * before": the scene the sentence before set, after the last
	 * incident */
	if (inherited && s->n_persons && a->have_scene &&
	    a->last_person_sentence == a->scene_sentence &&
	    pl_sentence(sp) > a->scene_sentence
	    && pl_sentence(sp) - a->scene_sentence <= 1 &&
	    (!a->have_subjects || a->last_subjects_sentence <
	    a->scene_sentence))
		fallback = a->scene_place;
	/* "She was arrested on 12 June" after a sentence about others:
	 * he is where his own last incident was, else in the main country */
	if (inherited && s->n_persons && !last_incident_names(a, s))
		fallback = a->person_host[0] ? a->person_host :
		    (a->main_host[0] ? a->main_host : NULL);
	struct place pl[32];
	char nationality[3] = "";
	size_t n = collect_places(a, sp, pos, pl, 32, nationality);
	for (size_t k = 0; k < n; k++)
		if ((pl[k].role == ROLE_NONE && left_before(a, sp, pl[k].m,
		    &inc->date)) || charged_with(a->t, pl[k].m))
			pl[k].role = ROLE_LEFT;
	const char *host = NULL, *dest = NULL;
	const char *there = there_place(a, sp, pos, pl, n);
	const struct rw_incident *earlier;

	switch (inc->type) {
	case RW_INCIDENT_RETURN:
	case RW_INCIDENT_THREATENED_RETURN:
		dest = nearest_from(pl, n, pos, ROLE_TO, NULL, true);
		/* "a Chinese pro-democracy writer who could be deported to
		 * his home country" */
		if (!dest && !s->origin[0] && nationality[0])
			dest = nationality;
		if (!dest)
			dest = s->origin[0] ? s->origin : (a->main_origin[0] ?
			    a->main_origin : NULL);
		host = nearest(pl, n, pos, ROLE_FROM, dest);
		if (!host && there && not_dest(there, dest))
			host = there;
		if (!host)
			host = nearest_of(pl, n, pos, dest, ROLE_ASKED,
			    ROLE_AGENT, ROLE_IN);
		if (!host && !inherited)
			host = nearest(pl, n, pos, ROLE_NONE, dest);
		if (!host && fallback && not_dest(fallback, dest))
			host = fallback;
		break;
	case RW_INCIDENT_WARRANT:
		dest = nearest_of(pl, n, pos, NULL, ROLE_REQUESTER, ROLE_AGENT,
		    ROLE_NONE);
		if (!dest)
			dest = s->origin[0] ? s->origin : NULL;
		/* a request for people whose return is threatened asks for
		 * them to be sent where that return would take them */
		if (!dest && (earlier = threat_to_same_people(a->out, inc)) &&
		    earlier->dest[0])
			dest = earlier->dest;
		/* "bounties had been placed on seven others" in a sentence
		 * that names no place: the state of the last warrant asks
		 * again, and the people are where that one left them */
		if (!dest && !n && (earlier = last_of_type(a->out,
		    RW_INCIDENT_WARRANT))) {
			host = earlier->host[0] ? earlier->host : NULL;
			dest = earlier->dest[0] ? earlier->dest : NULL;
			break;
		}
		/* where the person is: the state asked, the state or court
		 * that acts on the request ("a Madrid court granted a Chinese
		 * request"), the place named, else where the last
		 * incident of the same people happened */
		host = nearest(pl, n, pos, ROLE_ASKED, dest);
		if (!host && there && not_dest(there, dest))
			host = there;
		/* ... and "a request for his arrest that Peru sent to
		 * Quito": the state a request went to is the state asked */
		if (!host)
			host = nearest_of(pl, n, pos, dest, ROLE_AGENT, ROLE_IN,
			    ROLE_TO);
		if (!host && a->last_host[0] && (inherited ||
		    s->singular_noun || last_incident_names(a, s)) &&
		    not_dest(a->last_host, dest))
			host = a->last_host;
		if (!host && a->main_host[0] && not_dest(a->main_host, dest))
			host = a->main_host;
		if (!host)
			host = returned_from(a, s, dest);
		break;
	default:
		host = there;
		/* "made their way into neighbouring Malaysia, where they
		 * were captured": the place the clause of the trigger is
		 * about, whatever word comes before it */
		for (size_t k = 0; k < n && !host; k++)
			if (where_clause(a->t, pl[k].m, pos))
				host = pl[k].m->iso;
		for (size_t k = 0; k < n && !host; k++)
			if (pl[k].role == ROLE_TO && (pl[k].after_where ||
			    after_return(a, sp, pl[k].m, pos)))
				host = pl[k].m->iso;
		/* "the Saudi blogger, sentenced in absentia": by the state
		 * of the nationality named (a group, "Kurdish", names none) */
		if (!host && inc->type == RW_INCIDENT_CONVICTION &&
		    nationality[0] && in_absentia(a->t, pos))
			host = nationality;
		if (!host && inc->type == RW_INCIDENT_DISAPPEARANCE)
			host = vanished_from(a, pl, n, pos);
		if (!host)
			host = nearest(pl, n, pos, ROLE_IN, NULL);
		/* "after travelling back to Tibet from India": where the
		 * person went, not where they came from */
		for (size_t k = 0; k < n && !host; k++)
			if (pl[k].role == ROLE_TO && arrived(a, sp, pl[k].m))
				host = pl[k].m->iso;
		if (!host)
			host = nearest_of(pl, n, pos, NULL, ROLE_ASKED,
			    ROLE_AGENT, ROLE_FROM);
		if (!host && !inherited)
			host = nearest(pl, n, pos, ROLE_NONE, NULL);
		if (!host)
			host = arrival_place(a, sp, pos);
		if (!host)
			host = returned_to(a, pos, s, inherited,
			    &inc->date);
		/* "has not been heard from since": after a return, people go
		 * missing where they were sent */
		if (!host && inc->type == RW_INCIDENT_DISAPPEARANCE)
			host = since_return_dest(a, sp, s);
		/* ... not other people named since */
		if (!host && inc->type == RW_INCIDENT_DISAPPEARANCE &&
		    !return_of_others(a, s) &&
		    a->last_return_dest[0] && a->t->n_sentences &&
		    pl_sentence(sp) - a->last_return_sentence <=
		    RETURN_SENTENCES)
			host = a->last_return_dest;
		if (!host)
			host = fallback;
		break;
	}
	set_iso(inc->host, host);
	set_iso(inc->dest, dest);
}

