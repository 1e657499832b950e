/* incidents.c: assembling incidents from the mentions of each sentence.
 *
 * A trigger gives the type. Cues close before it can cancel it (negation,
 * a condition, a call for action), make a return only threatened, or make
 * it a state's request (a warrant). The subjects are the people named in
 * the sentence, else a counted or named group, else whoever "he" or "they"
 * refers to in the sentences before. Places are read by the word before
 * them: "from" gives the host of a return, "to" its destination, "in" the
 * place of a detention, and a country next to "authorities" or "police"
 * the state that acted. What the sentence leaves open falls back to the
 * document: its main country and group, and its date of writing.
 *
 * Each step looks at one sentence (bounded in length) and a bounded number
 * of earlier incidents, so assembly is linear in the text. */
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "extract/extract-int.h"

#define CUE_WINDOW_NEGATION 4
#define CUE_WINDOW_THREAT 6
#define CUE_WINDOW_CALL 12
#define DEDUP_LOOKBACK 64
#define REFERENCE_SENTENCES 4
/* how far back a return tells where its people went missing */
#define RETURN_SENTENCES 6
/* how far a name may follow "a man" it names */
#define UNNAMED_SENTENCES 2
/* how many incidents back a roster ("the list also includes") looks */
#define ROSTER_LOOKBACK 16
/* a count of people this large is a tally, not one incident */
#define AGGREGATE_COUNT 1000

enum place_role {
	ROLE_NONE, ROLE_FROM, ROLE_TO, ROLE_IN, ROLE_AGENT,
	ROLE_REQUESTER, /* asks for a return: "China's request", "Russia asked" */
	ROLE_ASKED,     /* is asked: "asked Kazakhstan to extradite him" */
	ROLE_LEFT,      /* came back from: "returning from India" */
	ROLE_BOUND,     /* on the way to: "on his way to a meeting in Oslo" */
};

struct place {
	const struct mention *m;
	enum place_role role;
	bool after_where; /* a "where" between it and the trigger */
};

struct subjects {
	char persons[RW_INCIDENT_PERSONS][RW_PERSON_NAME_MAX];
	size_t n_persons;
	char group[RW_GROUP_NAME_MAX];
	char origin[3];
	long count;
	bool singular_noun; /* "the man", "a woman" */
};

struct assembler {
	const struct lexicon *lx;
	struct text *t;
	const struct mentions *ms;
	const struct rw_date *pub;
	struct rw_extraction *out;
	struct rw_error *err;
	/* document context */
	char main_host[3];
	char main_group[RW_GROUP_NAME_MAX];
	char main_origin[3];
	/* what "he" and "they" refer to */
	struct subjects last_person;
	size_t last_person_sentence;
	struct subjects last_subjects;
	size_t last_subjects_sentence;
	char last_host[3];
	char person_host[3];      /* where the last incident of last_person was */
	char last_place[3];       /* the last place named ("to Uzbekistan") */
	size_t last_place_sentence;
	bool have_place;
	char last_return_dest[3]; /* where the last return sent people */
	size_t last_return_sentence;
	struct rw_date last_date;
	size_t last_date_sentence;
	bool have_person, have_subjects, have_date;
	/* incidents of "a Kazakh man" waiting for the name the next
	 * sentence gives */
	bool have_unnamed;
	size_t unnamed_sentence, unnamed_from, unnamed_quote;
	/* "We ask governments to:" and the list items after it are calls
	 * for action */
	bool call_list;
};

/* ---- helpers over one sentence's mentions ---- */

struct span {
	const struct mention *first, *last; /* [first, last) */
};

/* The mentions of sentence s, which start at index *k; moves *k past
 * them. Mentions are grouped by sentence, in order. */
static struct span next_span(const struct mentions *ms, size_t s, size_t *k)
{
	struct span sp = {&ms->items[*k], NULL};

	while (*k < ms->n && ms->items[*k].sentence == s)
		(*k)++;
	sp.last = &ms->items[*k];
	return sp;
}

static bool cue_at(const struct mention *m, enum cue c)
{
	return m->kind == M_CUE && m->cue == (int)c;
}

/* A cue c ending at most window tokens before token pos, with no
 * sentence-internal boundary (";") in between. */
static bool cue_before(const struct assembler *a, struct span sp, size_t pos,
    enum cue c, size_t window)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, c) || m->last > pos || m->last + window < pos)
			continue;
		bool broken = false;
		for (size_t k = m->last; k < pos; k++)
			if (token_punct(a->t, k, ';'))
				broken = true;
		if (!broken)
			return true;
	}
	return false;
}

static bool cue_value(const struct mention *m, const char *value)
{
	return m && m->entry && strcmp(m->entry->value, value) == 0;
}

/* How far a split trigger's particle may follow its verb ("led all three
 * of them away"). */
#define SPLIT_WINDOW 8

/* A subject between a split trigger's verb and its particle: a name, a
 * count, a group, a people noun or a pronoun. */
static bool subject_mention(const struct mention *m)
{
	return m->kind == M_PERSON || m->kind == M_COUNT ||
	    m->kind == M_GROUP || m->kind == M_NUMBER ||
	    cue_at(m, CUE_PEOPLE) || cue_at(m, CUE_PERSON) ||
	    cue_at(m, CUE_HE) || cue_at(m, CUE_THEY);
}

/* A trigger with its object inside (triggers.tsv `block
 * split:PARTICLES:TYPE`): the verb at m, a subject and one of the
 * particles within a few words ("handed the two men over", "led all
 * three away", "returned 109 Uyghurs to China"). Returns the type, or
 * NULL; ends the phrase at *end. */
static const char *split_type(const struct assembler *a, struct span sp,
    const struct mention *m, size_t *end)
{
	const struct text *t = a->t;
	const char *v, *type;
	bool subject = false;

	if (!cue_at(m, CUE_BLOCK) || !m->entry ||
	    strncmp(m->entry->value, "split:", 6) != 0)
		return NULL;
	v = m->entry->value + 6;
	if (!(type = strchr(v, ':')))
		return NULL;
	type++;
	/* another reading of the same words ("handed over"), or the act a
	 * trigger before it states ("deported nine men, handing them to
	 * Taliban officials") */
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->first <= m->first &&
		    (q->last > m->first || strncmp(q->entry->value, type,
		    strcspn(type, "/")) == 0))
			return NULL;
	for (size_t k = m->last; k < t->n_tokens && k <= m->last + SPLIT_WINDOW;
	    k++) {
		if (token_punct(t, k, ';') || token_punct(t, k, '.'))
			return NULL;
		for (const struct mention *q = m + 1; q < sp.last; q++) {
			if (q->first != k)
				continue;
			if (q->kind == M_TRIGGER)
				return NULL;
			if (subject_mention(q))
				subject = true;
		}
		if (!subject || k == m->last)
			continue;
		/* the particle: one of the comma-separated words of v */
		const char *n = token_norm(t, k);
		size_t len = strlen(n);
		for (const char *p = v; p < type - 1;) {
			const char *stop = memchr(p, ',', (size_t)(type - 1 - p));
			if (!stop)
				stop = type - 1;
			if ((size_t)(stop - p) == len && memcmp(p, n, len) == 0) {
				if (end)
					*end = k + 1;
				return type;
			}
			p = stop + 1;
		}
	}
	return NULL;
}

/* The type a mention triggers: a trigger phrase's, or a split
 * trigger's; NULL for other mentions. */
static const char *trigger_value(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (m->kind == M_TRIGGER)
		return m->entry->value;
	return split_type(a, sp, m, NULL);
}

static bool word_before(const struct assembler *a, size_t pos, enum cue c,
    size_t back)
{
	for (size_t k = 1; k <= back && k <= pos; k++) {
		size_t i = pos - k;
		const struct token *tok = &a->t->tokens[i];
		if (tok->flags & TOKEN_WORD) {
			if (lexicon_word_is(a->lx, a->t, i, c))
				return true;
			if (!token_is(a->t, i, "the") && !token_is(a->t, i, "back")
			    && !(tok->flags & TOKEN_CAPITAL))
				return false;
		}
	}
	return false;
}

static size_t distance(const struct mention *m, size_t pos)
{
	return m->first >= pos ? m->first - pos : pos - m->last + 1;
}

static bool quote_mark(const struct text *t, size_t i)
{
	return token_punct(t, i, '*') || token_punct(t, i, '"') ||
	    token_punct(t, i, '[') || token_punct(t, i, ']') ||
	    token_punct(t, i, '(') || token_punct(t, i, ')');
}

/* "said Omer Khan, who ..." or "told Ms Lee.": a speech verb right before
 * a name that ends its clause names the speaker; "said Zhang was
 * arrested" does not. */
static bool speech_names(const struct assembler *a, size_t from,
    const struct mention *p)
{
	const struct text *t = a->t;
	size_t k = p->last;

	for (size_t i = from; i < p->first; i++)
		if (!quote_mark(t, i))
			return false;
	while (k < t->n_tokens && quote_mark(t, k))
		k++;
	return k >= t->n_tokens || token_punct(t, k, ',') ||
	    token_punct(t, k, '.') || token_punct(t, k, ';');
}

/* "US President Joe Biden", "Mahathir Mohamad, the Prime Minister":
 * someone acting for a state, not the subject of an incident. */
static bool is_official(const struct text *t, struct span sp,
    const struct mention *p)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_OFFICE))
			continue;
		if (m->last <= p->first && m->last + 1 >= p->first)
			return true;
		if (m->first < p->last || m->first > p->last + 4)
			continue;
		/* an apposition ("X, the Prime Minister", "X, his
		 * lawyer"), not "X on 2 March, his lawyer said" */
		bool apposition = true;
		for (size_t k = p->last; k < m->first &&
		    !token_punct(t, p->last, ','); k++)
			if (t->tokens[k].flags & TOKEN_WORD &&
			    !(t->tokens[k].flags & TOKEN_CAPITAL) &&
			    !token_is(t, k, "the") && !token_is(t, k, "a") &&
			    !token_is(t, k, "an") && !token_is(t, k, "its") &&
			    !token_is(t, k, "former") && !token_is(t, k, "then"))
				apposition = false;
		if (apposition)
			return true;
	}
	return false;
}

static bool is_speaker(const struct assembler *a, struct span sp,
    const struct mention *p)
{
	if (is_official(a->t, sp, p))
		return true;
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_SPEECH))
			continue;
		/* "X was reported to be held": no one speaks */
		if (m->first > 0 && (token_is(a->t, m->first - 1, "was") ||
		    token_is(a->t, m->first - 1, "were") ||
		    token_is(a->t, m->first - 1, "is") ||
		    token_is(a->t, m->first - 1, "are") ||
		    token_is(a->t, m->first - 1, "been")))
			continue;
		size_t reach = token_punct(a->t, p->last, ',') ? 24 : 3;
		if (m->first >= p->last && m->first <= p->last + reach) {
			bool trigger_between = false;
			for (const struct mention *q = sp.first; q < sp.last; q++)
				if (q->kind == M_TRIGGER && q->first >= p->last &&
				    q->first < m->first)
					trigger_between = true;
			if (!trigger_between)
				return true;
		}
		if (m->last <= p->first && speech_names(a, m->last, p))
			return true;
	}
	return false;
}

/* ---- subjects ---- */

static void add_person(struct subjects *s, const char *name)
{
	for (size_t k = 0; k < s->n_persons; k++)
		if (strcmp(s->persons[k], name) == 0)
			return;
	if (s->n_persons < RW_INCIDENT_PERSONS)
		memcpy(s->persons[s->n_persons++], name, RW_PERSON_NAME_MAX);
}

static bool has_subject(const struct subjects *s)
{
	return s->n_persons || s->count > 0 || s->group[0];
}

/* "a man", "the activist", "a 24-year-old Rohingya woman": a person noun
 * behind an article and at most three modifiers. */
static bool singular_noun(const struct text *t, const struct mention *m)
{
	for (size_t k = 1; k <= 8 && k <= m->first; k++) {
		size_t i = m->first - k;
		if (token_is(t, i, "a") || token_is(t, i, "an") ||
		    token_is(t, i, "the") || token_is(t, i, "one") ||
		    token_is(t, i, "this"))
			return true;
		if (!(t->tokens[i].flags & TOKEN_WORD) && !token_punct(t, i, '-'))
			return false;
		if (k > 1 && (token_is(t, i, "of") || token_is(t, i, "and") ||
		    token_is(t, i, "who") || token_is(t, i, "to")))
			return false;
	}
	return false;
}

/* "Liu's whereabouts", "Rahimov's deportation": a name whose possessive
 * stands right before a trigger is the subject of that event. */
static bool possessive_subject(struct span sp, const struct mention *p)
{
	if (!p->possessive)
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->first == p->last + 1 && (q->kind == M_TRIGGER ||
		    (cue_at(q, CUE_BLOCK) && cue_value(q, "whereabouts"))))
			return true;
	return false;
}

/* ---- relatives ---- */

/* People a relative's noun stands for: 1 ("brother"), 2 ("parents"), -1
 * for a plural without a number ("relatives"), 0 for no relative. */
static int kin_size(const struct mention *m)
{
	if (m->kind != M_CUE || (m->cue != CUE_PERSON && m->cue != CUE_PEOPLE))
		return 0;
	if (cue_value(m, "kin2"))
		return 2;
	if (cue_value(m, "kin"))
		return m->cue == CUE_PERSON ? 1 : -1;
	return 0;
}

/* Relatives named through someone: "Kwok's brother", "X's brother,
 * brother-in-law and nephew", "Tsang's elderly parents", "the mother,
 * father and brother of X". */
struct kin {
	const struct mention *first, *last; /* the relatives' nouns */
	const struct mention *of;           /* the person after "of" */
	long count;                         /* -1: not told */
};

/* The list of relatives' nouns starting at m (joined by commas and
 * "and"), when a person names them; false otherwise. */
static bool kin_list(const struct assembler *a, struct span sp,
    const struct mention *m, struct kin *k)
{
	const struct text *t = a->t;
	const struct mention *last = m, *q;
	long count = kin_size(m);
	bool named = false;

	if (!count)
		return false;
	for (q = m + 1; q < sp.last; q++) {
		int n = kin_size(q);
		if (q->first < last->last)
			continue; /* another meaning of the same words */
		if (!n && q + 1 < sp.last && q[1].first == q->first)
			continue; /* "Brother" the title; its kin meaning next */
		if (!n && q->last == q->first + 1 && token_is(t, q->first, "and"))
			continue; /* "and" is also a cue ("And" opens no name) */
		if (!n)
			break;
		bool joined = true;
		for (size_t i = last->last; i < q->first; i++)
			if (!token_punct(t, i, ',') && !token_is(t, i, "and"))
				joined = false;
		if (!joined || q->first > last->last + 2)
			break;
		count = count < 0 || n < 0 ? -1 : count + n;
		last = q;
	}
	k->first = m;
	k->last = last;
	k->of = NULL;
	k->count = count;
	/* "X's brother", "X's elderly parents" */
	for (q = sp.first; q < m; q++)
		if (q->kind == M_PERSON && q->possessive &&
		    m->first > q->last && m->first <= q->last + 2)
			named = true;
	/* "the mother and father of X", "the sister of the exiled writer
	 * X": a name a few words after "of" */
	if (last->last + 1 < t->n_tokens && token_is(t, last->last, "of"))
		for (q = last + 1; q < sp.last && !k->of; q++) {
			if (q->kind != M_PERSON || q->first <= last->last ||
			    q->first > last->last + 6)
				continue;
			bool plain = true;
			for (size_t i = last->last + 1; i < q->first; i++)
				if (!(t->tokens[i].flags & TOKEN_WORD))
					plain = false;
			if (plain) {
				k->of = q;
				named = true;
			}
		}
	if (!named)
		return false;
	/* "Kwok's brother said ...": a speaker, not a subject */
	for (q = last + 1; q < sp.last; q++)
		if (cue_at(q, CUE_SPEECH) && q->first <= last->last + 1)
			return false;
	return true;
}

/* The person after "of" in a list of relatives ("the brother of X"). */
static bool named_by_kin(const struct assembler *a, struct span sp,
    const struct mention *p)
{
	struct kin k;

	for (const struct mention *m = sp.first; m < p; m++)
		if (m->last < p->first && kin_list(a, sp, m, &k) && k.of == p)
			return true;
	return false;
}

/* Count y follows count x, joined by "and" after x's people word: "two
 * women and two men". */
static bool counts_joined(const struct assembler *a, struct span sp,
    const struct mention *x, const struct mention *y)
{
	if (y->first <= x->last || y->first > x->last + 4 ||
	    !token_is(a->t, y->first - 1, "and"))
		return false;
	for (size_t k = x->last; k + 1 < y->first; k++)
		if (!(a->t->tokens[k].flags & TOKEN_WORD))
			return false;
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_TRIGGER && m->first >= x->last &&
		    m->first < y->first)
			return false;
	return true;
}

/* The people of the counts joined one after another to count c, going
 * forwards ("two women and two men") or backwards from it. */
static long counts_along(const struct assembler *a, struct span sp,
    const struct mention *c, bool forwards)
{
	long total = 0;

	for (const struct mention *x = c, *next; x; x = next) {
		next = NULL;
		for (const struct mention *m = sp.first; m < sp.last; m++)
			if (m->kind == M_COUNT && (forwards ?
			    counts_joined(a, sp, x, m) :
			    counts_joined(a, sp, m, x))) {
				next = m;
				total += m->number;
				break;
			}
	}
	return total;
}

/* The number of people of count c and of the counts joined to it ("two
 * women and two men" are four). */
static long joined_counts(const struct assembler *a, struct span sp,
    const struct mention *c)
{
	return c->number + counts_along(a, sp, c, false) +
	    counts_along(a, sp, c, true);
}

/* "a woman together with her two children", "a man and his three sons":
 * the count right after "and/with his/her" leaves out the one person
 * named by the noun just before. */
static bool with_companion(const struct assembler *a, struct span sp,
    const struct mention *c)
{
	const struct text *t = a->t;
	size_t k = c->first;

	if (k < 3 || !(token_is(t, k - 1, "her") || token_is(t, k - 1, "his")))
		return false;
	k--;
	if (token_is(t, k - 1, "with")) {
		k--;
		if (k >= 1 && token_is(t, k - 1, "together"))
			k--;
	} else if (token_is(t, k - 1, "and")) {
		k--;
	} else {
		return false;
	}
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (cue_at(q, CUE_PERSON) && q->last == k &&
		    singular_noun(t, q))
			return true;
	return false;
}

static void find_subjects(struct assembler *a, struct span sp, size_t pos,
    size_t sentence, struct subjects *s, bool *inherited)
{
	const struct mention *count = NULL, *group = NULL;
	bool he = false, they = false, singular = false;

	memset(s, 0, sizeof(*s));
	s->count = -1;
	*inherited = false;
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->kind == M_PERSON && (!m->possessive ||
		    possessive_subject(sp, m)) && !is_speaker(a, sp, m) &&
		    !named_by_kin(a, sp, m))
			add_person(s, m->name);
		else if (m->kind == M_COUNT &&
		    (!count || distance(m, pos) < distance(count, pos)))
			count = m;
		else if (m->kind == M_GROUP && !group)
			group = m;
		else if (cue_at(m, CUE_HE))
			he = true;
		else if (cue_at(m, CUE_THEY))
			they = true;
		else if (m->kind == M_NUMBER && m->number >= 2 &&
		    m->number < AGGREGATE_COUNT && m->first > 0 &&
		    (token_is(a->t, m->first - 1, "all") ||
		    token_is(a->t, m->first - 1, "the")) &&
		    !(m->last < a->t->n_tokens && (a->t->tokens[m->last].flags
		    & TOKEN_WORD) && !lexicon_word_is(a->lx, a->t, m->last,
		    CUE_IN) && !token_is(a->t, m->last, "away") &&
		    !token_is(a->t, m->last, "were") &&
		    !token_is(a->t, m->last, "had") &&
		    !token_is(a->t, m->last, "have") &&
		    !token_is(a->t, m->last, "are")))
			/* "led all three away", "the four were": the people
			 * counted before */
			they = true;
		else if (cue_at(m, CUE_PERSON) && singular_noun(a->t, m))
			singular = true;
		else if (m->kind == M_TRIGGER || cue_at(m, CUE_OFFICE))
			/* "sent him back", "approved her extradition", "his
			 * lawyer": a pronoun inside a trigger's or an office's
			 * phrase */
			for (size_t i = m->first; i < m->last; i++) {
				if (lexicon_word_is(a->lx, a->t, i, CUE_HE))
					he = true;
				else if (lexicon_word_is(a->lx, a->t, i, CUE_THEY))
					they = true;
			}
	}
	if (count)
		s->count = joined_counts(a, sp, count) +
		    (with_companion(a, sp, count) ? 1 : 0);
	if (group) {
		snprintf(s->group, sizeof(s->group), "%s", group->entry->value);
		memcpy(s->origin, group->entry->origin, 3);
	}
	if (s->n_persons >= 2 && s->count < 0)
		s->count = (long)s->n_persons;
	if (!s->n_persons && s->count >= 2 && a->have_person &&
	    a->last_person.n_persons == (size_t)s->count) {
		/* "two ethnic Kazakhs" after two Kazakhs were named */
		memcpy(s->persons, a->last_person.persons, sizeof(s->persons));
		s->n_persons = a->last_person.n_persons;
	}
	if (s->n_persons || s->count > 0)
		return;
	/* relatives of someone named: "X's brother and nephew were taken",
	 * the relatives (counted when the text tells how many), not X */
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		struct kin k;
		if (!kin_list(a, sp, m, &k))
			continue;
		if (k.count > 0)
			s->count = k.count;
		if (!s->group[0] && a->main_group[0]) {
			memcpy(s->group, a->main_group, sizeof(s->group));
			memcpy(s->origin, a->main_origin, 3);
		}
		return;
	}
	/* no one named or counted: follow the reference back */
	if (he && a->have_person &&
	    sentence - a->last_person_sentence <= REFERENCE_SENTENCES) {
		char group_name[RW_GROUP_NAME_MAX];
		memcpy(group_name, s->group, sizeof(group_name));
		*s = a->last_person;
		if (group_name[0])
			memcpy(s->group, group_name, sizeof(group_name));
		*inherited = true;
		return;
	}
	/* "The arrests followed a request ...", "after the deportation": a
	 * trigger noun behind a definite article refers back like "they",
	 * and so does the whole sentence that opens with one */
	for (const struct mention *m = sp.first; m < sp.last && !they; m++)
		if (m->kind == M_TRIGGER && m->first > 0 &&
		    (m->first == pos || m->first <= a->t->sentences[
		    sentence].first + 1) &&
		    (token_is(a->t, m->first - 1, "the") ||
		    token_is(a->t, m->first - 1, "these") ||
		    token_is(a->t, m->first - 1, "this")))
			they = true;
	/* "relatives who were sent back have vanished": people told of in
	 * general, not those of an earlier sentence */
	for (const struct mention *m = sp.first; m < sp.last && they; m++)
		if (cue_at(m, CUE_PEOPLE) && m->last < a->t->n_tokens &&
		    token_is(a->t, m->last, "who") && !(m->first > 0 &&
		    (token_is(a->t, m->first - 1, "the") ||
		    token_is(a->t, m->first - 1, "these") ||
		    token_is(a->t, m->first - 1, "those") ||
		    token_is(a->t, m->first - 1, "both") ||
		    token_is(a->t, m->first - 1, "all") ||
		    (a->t->tokens[m->first - 1].flags & TOKEN_POSSESSIVE) ||
		    lexicon_word_is(a->lx, a->t, m->first - 1, CUE_HE) ||
		    lexicon_word_is(a->lx, a->t, m->first - 1, CUE_THEY))))
			return;
	if ((they || (singular && !group)) && a->have_subjects &&
	    sentence - a->last_subjects_sentence <= REFERENCE_SENTENCES) {
		*s = a->last_subjects;
		*inherited = true;
		return;
	}
	if (singular) {
		s->count = 1;
		s->singular_noun = true;
	}
}

/* ---- places ---- */

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
 * asked ("asked Kazakhstan to extradite him"). */
static enum place_role request_role(const struct assembler *a,
    const struct mention *m)
{
	const struct text *t = a->t;
	size_t k = m->last;

	if (m->kind != M_COUNTRY)
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

/* "on his way to a conference in Germany", "en route to Istanbul": a
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

static enum place_role role_of(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	const struct text *t = a->t;
	enum place_role r = request_role(a, m);

	if (r != ROLE_NONE)
		return r;

	/* "came back from a gathering in India": the place people left */
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

static size_t collect_places(const struct assembler *a, struct span sp,
    size_t pos, struct place *out, size_t cap)
{
	size_t n = 0;

	for (const struct mention *m = sp.first; m < sp.last && n < cap; m++) {
		if (m->kind != M_COUNTRY && m->kind != M_PLACE)
			continue;
		/* "a Chinese national", "the Chinese dissident": nationality */
		if (m->last < a->t->n_tokens && m->kind == M_COUNTRY) {
			bool nationality = false;
			for (const struct mention *q = sp.first; q < sp.last; q++)
				if (q->first == m->last && (cue_at(q, CUE_PERSON)
				    || cue_at(q, CUE_PEOPLE)))
					nationality = true;
			if (nationality)
				continue;
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

/* "turned them over to Beijing, which arrested them": a place a return
 * sends people to, before the trigger at pos, is where what follows
 * happens. */
static bool after_return(struct span sp, const struct mention *place,
    size_t pos)
{
	if (place->first >= pos)
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_TRIGGER && q->last <= place->first &&
		    strncmp(q->entry->value, "return", 6) == 0)
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
			/* "to be returned to the PRC" is a return, passive */
			return !(q->first > 0 && (token_is(a->t, q->first - 1,
			    "be") || token_is(a->t, q->first - 1, "been") ||
			    token_is(a->t, q->first - 1, "being") ||
			    token_is(a->t, q->first - 1, "was") ||
			    token_is(a->t, q->first - 1, "were")));
	return false;
}

/* The last incident names one of the people of y. */
static bool last_incident_names(const struct assembler *a,
    const struct subjects *y)
{
	const struct rw_incident *x;

	if (!a->out->n_incidents)
		return false;
	x = &a->out->incidents[a->out->n_incidents - 1];
	for (size_t i = 0; i < x->n_persons; i++)
		for (size_t j = 0; j < y->n_persons; j++)
			if (strcmp(x->persons[i], y->persons[j]) == 0)
				return true;
	return false;
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

static void find_places(const struct assembler *a, struct span sp,
    size_t pos, struct rw_incident *inc, const struct subjects *s,
    bool inherited)
{
	const char *fallback = inherited && a->last_host[0] ? a->last_host :
	    (a->main_host[0] ? a->main_host : NULL);
	/* "He was detained on May 30" after a sentence about other people:
	 * he is where his own last incident was, else in the main country */
	if (inherited && s->n_persons && !last_incident_names(a, s))
		fallback = a->person_host[0] ? a->person_host :
		    (a->main_host[0] ? a->main_host : NULL);
	struct place pl[32];
	size_t n = collect_places(a, sp, pos, pl, 32);
	const char *host = NULL, *dest = NULL;
	const char *there = there_place(a, sp, pos, pl, n);

	switch (inc->type) {
	case RW_INCIDENT_RETURN:
	case RW_INCIDENT_THREATENED_RETURN:
		dest = nearest_from(pl, n, pos, ROLE_TO, NULL, true);
		if (!dest)
			dest = s->origin[0] ? s->origin : (a->main_origin[0] ?
			    a->main_origin : NULL);
		host = nearest(pl, n, pos, ROLE_FROM, dest);
		if (!host && there && (!dest || memcmp(there, dest, 2) != 0))
			host = there;
		if (!host)
			host = nearest(pl, n, pos, ROLE_ASKED, dest);
		if (!host)
			host = nearest(pl, n, pos, ROLE_AGENT, dest);
		if (!host)
			host = nearest(pl, n, pos, ROLE_IN, dest);
		if (!host && !inherited)
			host = nearest(pl, n, pos, ROLE_NONE, dest);
		if (!host && fallback && (!dest || memcmp(fallback, dest, 2) != 0))
			host = fallback;
		break;
	case RW_INCIDENT_WARRANT:
		dest = nearest(pl, n, pos, ROLE_REQUESTER, NULL);
		if (!dest)
			dest = nearest(pl, n, pos, ROLE_AGENT, NULL);
		if (!dest)
			dest = nearest(pl, n, pos, ROLE_NONE, NULL);
		if (!dest)
			dest = s->origin[0] ? s->origin : NULL;
		/* where the person is: the state asked, the state or court
		 * that acts on the request ("a Spanish court approved a
		 * request from China"), the place named, else where the last
		 * incident of the same people happened */
		host = nearest(pl, n, pos, ROLE_ASKED, dest);
		if (!host && there && (!dest || memcmp(there, dest, 2) != 0))
			host = there;
		if (!host)
			host = nearest(pl, n, pos, ROLE_AGENT, dest);
		if (!host)
			host = nearest(pl, n, pos, ROLE_IN, dest);
		if (!host && a->last_host[0] && (inherited || s->singular_noun
		    || last_incident_names(a, s)) && (!dest ||
		    memcmp(a->last_host, dest, 2) != 0))
			host = a->last_host;
		if (!host && a->main_host[0] && (!dest ||
		    memcmp(a->main_host, dest, 2) != 0))
			host = a->main_host;
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
			    after_return(sp, pl[k].m, pos)))
				host = pl[k].m->iso;
		if (!host)
			host = nearest(pl, n, pos, ROLE_IN, NULL);
		/* "after returning to Xinjiang from the USA": where the
		 * person went, not where they came from */
		for (size_t k = 0; k < n && !host; k++)
			if (pl[k].role == ROLE_TO && arrived(a, sp, pl[k].m))
				host = pl[k].m->iso;
		if (!host)
			host = nearest(pl, n, pos, ROLE_ASKED, NULL);
		if (!host)
			host = nearest(pl, n, pos, ROLE_AGENT, NULL);
		if (!host)
			host = nearest(pl, n, pos, ROLE_FROM, NULL);
		if (!host && !inherited)
			host = nearest(pl, n, pos, ROLE_NONE, NULL);
		/* "has not been heard from since": after a return, people go
		 * missing where they were sent */
		if (!host && inc->type == RW_INCIDENT_DISAPPEARANCE)
			host = since_return_dest(a, sp, s);
		if (!host && inc->type == RW_INCIDENT_DISAPPEARANCE &&
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

/* ---- dates ---- */

/* A clause boundary between tokens from and to: a semicolon, or a comma
 * followed by "and" or "but". */
static bool clause_break(const struct text *t, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		if (token_punct(t, k, ';'))
			return true;
		if (token_punct(t, k, ',') && k + 1 < to &&
		    (token_is(t, k + 1, "and") || token_is(t, k + 1, "but")))
			return true;
	}
	return false;
}

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
 * statement, not of what it reports; so is "received reports in
 * September 2019 that ...", a month or year with "in" right before a
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

/* "two Kazakhs who had fled ... on 6 October 2019 would be returned",
 * "20 Uighurs who sought refuge ... following the rioting in July have
 * been deported": a date in a relative clause ("who", "which", "where")
 * that no trigger or comma comes between tells when that clause
 * happened, not the trigger after it. ("after the authorities in
 * December 2009 deported": the clause is the trigger's own.) */
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

/* The date of the trigger at trig: the date it owns. When it owns none,
 * near is set to the date of the nearest trigger before it that owns one
 * ("detained in July 2014 and kept incommunicado"), else after it, else
 * to the nearest date of the sentence. */
static bool find_date(const struct assembler *a, struct span sp,
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
	for (const struct mention *m = trig; m-- > sp.first && !d;)
		if (trigger_value(a, sp, m) && m->last <= trig->first)
			d = owned_date(a, sp, sent, m);
	for (const struct mention *m = trig + 1; m < sp.last && !d; m++)
		if (trigger_value(a, sp, m) && m->first >= trig->last)
			d = owned_date(a, sp, sent, m);
	if (!d)
		for (const struct mention *m = sp.first; m < sp.last; m++)
			if (m->kind == M_DATE && !report_date(a, sp, sent, m) &&
			    !subordinate_date(a, sp, sent, m) && (!nearest ||
			    distance(m, trig->first) < distance(nearest,
			    trig->first)))
				nearest = m;
	if (d || nearest)
		*near = (d ? d : nearest)->date;
	return false;
}

/* ---- assembly ---- */

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
	for (size_t k = 0; k < dup->n_persons; k++) {
		bool have = false;
		for (size_t j = 0; j < keep->n_persons; j++)
			if (strcmp(keep->persons[j], dup->persons[k]) == 0)
				have = true;
		if (!have && keep->n_persons < RW_INCIDENT_PERSONS)
			memcpy(keep->persons[keep->n_persons++], dup->persons[k],
			    RW_PERSON_NAME_MAX);
	}
	if (dup->confidence > keep->confidence)
		keep->confidence = dup->confidence;
}

static int add_incident(struct assembler *a, const struct rw_incident *inc)
{
	struct rw_extraction *out = a->out;
	size_t from = out->n_incidents > DEDUP_LOOKBACK ?
	    out->n_incidents - DEDUP_LOOKBACK : 0;

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
		if (rw_incidents_same(prev, inc, NULL, NULL)) {
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

static bool parse_trigger(const char *value, enum rw_incident_type *type,
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

/* A call for action before pos; a modal ("should", "must") right after a
 * decision ("ruled that he should be extradited") is none. */
static bool call_before(const struct assembler *a, struct span sp, size_t pos,
    bool *decided)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_CALL) || m->last > pos ||
		    m->last + CUE_WINDOW_CALL < pos)
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

	for (const char *const *w = nouns; *w; w++)
		if (token_is(t, k, *w)) {
			k++;
			break;
		}
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
		for (const char *const *w = appeal; *w; w++)
			if (token_is(t, m->first - back, *w))
				return false;
	return true;
}

/* "all Uyghurs forcibly returned to China would be at risk": a
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

/* "accused in numerous cases of torture and of arbitrary arrest": the
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

/* Reads the trigger at m, with the cues before it, into a type; false when
 * the sentence does not state that it happened. */
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

static bool trigger_type(const struct assembler *a, struct span sp,
    const struct mention *m, enum rw_incident_type *type,
    enum rw_mechanism *mech, bool *granted)
{
	size_t pos = m->first;
	const struct mention *denial, *request, *threat;
	bool decided = false;

	*granted = false;
	if (!parse_trigger(trigger_value(a, sp, m), type, mech))
		return false;
	if (cue_before(a, sp, pos, CUE_NEGATION, CUE_WINDOW_NEGATION))
		return false;
	if (*type != RW_INCIDENT_RELEASE &&
	    (denial = cue_find(a, sp, pos, CUE_DENIAL, CUE_WINDOW_CALL))) {
		/* a court or state refusing a return or a request for one
		 * halts it: "refused China's request to extradite him" */
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
	if (cue_before(a, sp, pos, CUE_CONDITIONAL, CUE_WINDOW_CALL) ||
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
	/* "faces a real risk of arbitrary detention", "could be jailed":
	 * a feared detention, disappearance or conviction did not happen */
	if ((*type == RW_INCIDENT_DETENTION ||
	    *type == RW_INCIDENT_DISAPPEARANCE ||
	    *type == RW_INCIDENT_CONVICTION) &&
	    (threat = cue_find(a, sp, pos, CUE_THREAT, CUE_WINDOW_THREAT)) &&
	    !cue_value(threat, "decision") && !(threat->last ==
	    threat->first + 2 && token_is(a->t, threat->first, "to") &&
	    token_is(a->t, threat->first + 1, "be")))
		/* ("was reported to be held" is no threat) */
		return false;
	if (*type == RW_INCIDENT_RETURN || *type == RW_INCIDENT_THREATENED_RETURN) {
		if ((request = request_before(a, sp, pos))) {
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
		    decision_on(a, sp, pos))) {
			*type = RW_INCIDENT_THREATENED_RETURN;
		}
	}
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
	const char *v = m->entry->value;

	if (strncmp(v, "return", 6) != 0 && strcmp(v, "threatened_return") != 0)
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    q->last + CUE_WINDOW_THREAT >= m->first &&
		    strcmp(q->entry->value, "release") == 0 &&
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

static bool has_kind(struct span sp, enum mention_kind kind)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == kind)
			return true;
	return false;
}

/* "a warrant for the arrest of": the arrest is the warrant's. */
static bool after_warrant(struct span sp, const struct mention *m)
{
	if (strcmp(m->entry->value, "detention") != 0)
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    q->last + 4 >= m->first &&
		    strcmp(q->entry->value, "warrant") == 0)
			return true;
	return false;
}

/* "sentenced to ten years in prison": the prison term of a conviction
 * is no separate detention. */
static bool prison_term(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (strcmp(m->entry->value, "detention") != 0 || m->first == 0 ||
	    !(token_is(a->t, m->first - 1, "years") ||
	    token_is(a->t, m->first - 1, "months")))
		return false;
	for (const struct mention *q = sp.first; q < m; q++)
		if (q->kind == M_TRIGGER && q->last <= m->first &&
		    strcmp(q->entry->value, "conviction") == 0)
			return true;
	return false;
}

/* "having served an 11-month jail term", "completed a prison term": the
 * end of an earlier conviction's term, not a conviction. */
static bool served_term(const struct assembler *a, const struct mention *m)
{
	static const char *const words[] = {"served", "serving", "serve",
		"completed", "completing", "finished", "finishing", NULL};

	if (strcmp(m->entry->value, "conviction") != 0)
		return false;
	for (size_t back = 1; back <= 5 && back <= m->first; back++) {
		size_t k = m->first - back;
		if (token_punct(a->t, k, ',') || token_punct(a->t, k, ';'))
			return false;
		for (const char *const *w = words; *w; w++)
			if (token_is(a->t, k, *w))
				return true;
	}
	return false;
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

/* A pattern cue; "since" counts only before a year ("since 2009"), and
 * none inside quotation marks (the name of a charge: "undermining
 * national unity policy"). */
static bool pattern_cue(const struct assembler *a, struct span sp,
    const struct sentence *sent)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (!cue_at(m, CUE_PATTERN) || quoted(a, sent, m->first))
			continue;
		if (!cue_value(m, "since") || (m->last < a->t->n_tokens &&
		    (a->t->tokens[m->last].flags & TOKEN_NUMBER)))
			return true;
	}
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

/* ---- rosters ---- */

static void add_persons_to(struct rw_incident *inc, const struct subjects *named)
{
	for (size_t k = 0; k < named->n_persons &&
	    inc->n_persons < RW_INCIDENT_PERSONS &&
	    (long)inc->n_persons < inc->count; k++) {
		bool have = false;
		for (size_t j = 0; j < inc->n_persons; j++)
			if (strcmp(inc->persons[j], named->persons[k]) == 0)
				have = true;
		if (!have)
			memcpy(inc->persons[inc->n_persons++], named->persons[k],
			    RW_PERSON_NAME_MAX);
	}
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

	if (!out->n_incidents)
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
	    s - a->last_subjects_sentence <= 2) {
		size_t quote = out->incidents[out->n_incidents - 1].quote_start;
		size_t from = out->n_incidents > ROSTER_LOOKBACK ?
		    out->n_incidents - ROSTER_LOOKBACK : 0;
		for (size_t k = out->n_incidents; k-- > from;) {
			struct rw_incident *inc = &out->incidents[k];
			if (inc->quote_start != quote && (!the_count ||
			    inc->quote_start < near_start))
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
		size_t from = out->n_incidents > ROSTER_LOOKBACK ?
		    out->n_incidents - ROSTER_LOOKBACK : 0;
		for (size_t k = out->n_incidents; k-- > from;) {
			struct rw_incident *inc = &out->incidents[k];
			if (inc->type != type || inc->count < 2 ||
			    inc->n_persons + named.n_persons > (size_t)inc->count)
				continue;
			add_persons_to(inc, &named);
			filled |= 1u << type;
			break;
		}
	}
	return filled;
}

static int sentence_incidents(struct assembler *a, size_t s, struct span sp)
{
	const struct sentence *sent = &a->t->sentences[s];
	bool pattern = pattern_cue(a, sp, sent) && !has_kind(sp, M_PERSON);
	unsigned rostered;
	int rc;

	if (sentence_is_heading(a->t, sent))
		return 0;
	rostered = roster(a, s, sp);
	if (distinct_countries(sp) >= 4 || pattern)
		return 0;
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		struct rw_incident inc;
		struct subjects subj;
		bool inherited;
		struct rw_date near;
		bool granted = false, dated = true;

		memset(&inc, 0, sizeof(inc));
		if (whereabouts_unknown(a, sp, m)) {
			if (cue_before(a, sp, m->first, CUE_NEGATION,
			    CUE_WINDOW_NEGATION))
				continue;
			inc.type = RW_INCIDENT_DISAPPEARANCE;
		} else {
			if (!trigger_value(a, sp, m))
				continue;
			if (after_warrant(sp, m) || prison_term(a, sp, m) ||
			    served_term(a, m) ||
			    object_of_release(a, sp, m) ||
			    accused_or_compound(a, sp, m) ||
			    state_relative(a, sp, m))
				continue;
			if (!trigger_type(a, sp, m, &inc.type, &inc.mechanism,
			    &granted))
				continue;
		}
		if (rostered & (1u << inc.type))
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
		memcpy(inc.persons, subj.persons, sizeof(inc.persons));
		inc.n_persons = subj.n_persons;
		inc.count = subj.count;
		if (subj.group[0])
			memcpy(inc.group, subj.group, sizeof(inc.group));
		else if (a->main_group[0] && !subj.singular_noun &&
		    !subj.n_persons)
			memcpy(inc.group, a->main_group, sizeof(inc.group));
		if ((inc.type == RW_INCIDENT_THREATENED_RETURN ||
		    inc.type == RW_INCIDENT_DISAPPEARANCE) &&
		    cue_before(a, sp, m->first, CUE_PRESENT, CUE_WINDOW_CALL) &&
		    a->pub && a->pub->year)
			inc.date = (struct rw_date){a->pub->year, 0, 0};
		else if (!(dated = find_date(a, sp, sent, m, &inc.date,
		    &near))) {
			if (inc.type == RW_INCIDENT_WARRANT)
				; /* a warrant is dated only by its own clause */
			else if (near.year)
				inc.date = near;
			else if (inc.type == RW_INCIDENT_CONVICTION)
				; /* a sentence is dated only by its text */
			else if (inherited && a->have_date &&
			    s - a->last_date_sentence <= REFERENCE_SENTENCES)
				inc.date = (struct rw_date){a->last_date.year, 0, 0};
			else if (a->pub && a->pub->year)
				inc.date = (struct rw_date){a->pub->year, 0, 0};
		}
		if (granted) {
			/* the return now threatened takes the date; the
			 * request was made before */
			struct rw_incident threat = inc;
			threat.type = RW_INCIDENT_THREATENED_RETURN;
			if (!dated)
				threat.date = near.year ? near : (a->pub ?
				    (struct rw_date){a->pub->year, 0, 0} :
				    near);
			find_places(a, sp, m->first, &threat, &subj, inherited);
			if (threat.host[0] && strcmp(threat.host,
			    threat.dest) == 0)
				threat.dest[0] = '\0';
			threat.quote_start = a->t->tokens[sent->first].start;
			threat.quote_end = a->t->tokens[sent->last - 1].end;
			threat.confidence = 0.6;
			if ((rc = add_incident(a, &threat)) < 0)
				return rc;
			memset(&inc.date, 0, sizeof(inc.date));
		}
		find_places(a, sp, m->first, &inc, &subj, inherited);
		if (inc.host[0] && inc.dest[0] && strcmp(inc.host, inc.dest) == 0)
			inc.dest[0] = '\0';
		inc.quote_start = a->t->tokens[sent->first].start;
		inc.quote_end = a->t->tokens[sent->last - 1].end;
		inc.confidence = 0.5 + (inherited ? 0.0 : 0.2) +
		    (inc.n_persons ? 0.1 : 0.0) + (inc.date.month ? 0.1 : 0.0);
		size_t before_add = a->out->n_incidents;
		if ((rc = add_incident(a, &inc)) < 0)
			return rc;
		if (subj.singular_noun && !inherited &&
		    a->out->n_incidents > before_add &&
		    (!a->have_unnamed || a->unnamed_sentence != s)) {
			a->have_unnamed = true;
			a->unnamed_sentence = s;
			a->unnamed_from = before_add;
			a->unnamed_quote = inc.quote_start;
		}
		if (subj.n_persons) {
			a->last_person = subj;
			a->last_person_sentence = s;
			a->have_person = true;
			memcpy(a->person_host, inc.host, 3);
		}
		a->last_subjects = subj;
		a->last_subjects_sentence = s;
		memcpy(a->last_host, inc.host, 3);
		if (inc.type == RW_INCIDENT_RETURN && inc.dest[0]) {
			memcpy(a->last_return_dest, inc.dest, 3);
			a->last_return_sentence = s;
		}
		a->have_subjects = true;
		if (inc.date.year) {
			a->last_date = inc.date;
			a->last_date_sentence = s;
			a->have_date = true;
		}
	}
	return 0;
}

/* People named in a sentence without an incident are still who a later
 * "he" means. */
static void note_people(struct assembler *a, size_t s, struct span sp)
{
	struct subjects subj;
	bool any = false;

	memset(&subj, 0, sizeof(subj));
	subj.count = -1;
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == M_PERSON && !m->possessive &&
		    !is_speaker(a, sp, m)) {
			add_person(&subj, m->name);
			any = true;
		}
	if (a->have_unnamed && s > a->unnamed_sentence) {
		/* "... an ethnic Kazakh man ... . Erlan Bekov, a trader, ..."
		 * the next sentences name who the lede left unnamed */
		const struct mention *first = NULL;
		for (const struct mention *m = sp.first; m < sp.last && !first;
		    m++)
			if (m->kind == M_PERSON && !m->possessive &&
			    m->last - m->first >= 2 && !is_speaker(a, sp, m))
				first = m;
		if (first) {
			for (size_t k = a->unnamed_from; k < a->out->n_incidents;
			    k++) {
				struct rw_incident *inc = &a->out->incidents[k];
				if (inc->quote_start == a->unnamed_quote &&
				    !inc->n_persons && inc->count == 1)
					memcpy(inc->persons[inc->n_persons++],
					    first->name, RW_PERSON_NAME_MAX);
			}
			a->have_unnamed = false;
		} else if (s - a->unnamed_sentence >= UNNAMED_SENTENCES) {
			a->have_unnamed = false;
		}
	}
	if (any && (!a->have_person || a->last_person_sentence != s)) {
		a->person_host[0] = '\0';
		a->last_person = subj;
		a->last_person_sentence = s;
		a->have_person = true;
	}
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
static void note_place(struct assembler *a, size_t s, struct span sp)
{
	for (const struct mention *m = sp.first; m < sp.last; m++) {
		if (m->kind != M_COUNTRY && m->kind != M_PLACE)
			continue;
		enum place_role r = role_of(a, sp, m);
		if (r != ROLE_IN && r != ROLE_TO && r != ROLE_FROM)
			continue;
		memcpy(a->last_place, m->iso, 3);
		a->last_place_sentence = s;
		a->have_place = true;
	}
}

int incidents_assemble(const struct lexicon *lx, struct text *t,
    const struct mentions *ms, const struct rw_date *published,
    struct rw_extraction *out, struct rw_error *err)
{
	struct assembler a;
	size_t k = 0;
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
	document_context(&a);
	for (size_t s = 0; s < t->n_sentences; s++) {
		struct span sp = next_span(ms, s, &k);
		const struct sentence *sent = &t->sentences[s];
		bool item = sent->last > sent->first &&
		    !(t->tokens[sent->first].flags & TOKEN_WORD);
		if (!item)
			a.call_list = false;
		if (sp.first == sp.last)
			continue;
		if (!(a.call_list && item) &&
		    (rc = sentence_incidents(&a, s, sp)) < 0)
			return rc;
		note_people(&a, s, sp);
		note_place(&a, s, sp);
		if (sent->last > sent->first &&
		    token_punct(t, sent->last - 1, ':'))
			for (const struct mention *m = sp.first; m < sp.last;
			    m++)
				if (cue_at(m, CUE_CALL) || (cue_at(m,
				    CUE_REQUEST) && cue_value(m, "ask")))
					a.call_list = true;
	}
	return 0;
}
