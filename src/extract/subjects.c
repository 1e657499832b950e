/* subjects.c: who an incident happened to. The people named in the
 * sentence who are not speakers or officials, relatives named through
 * someone else ("his brother, X"), a counted or named group, or, when the
 * sentence names no one, whoever "he" or "they" refers to in the
 * sentences before. */
#include <stdlib.h>
#include <string.h>

#include "extract/assemble.h"

void add_name(char persons[][RW_PERSON_NAME_MAX], size_t *n,
    const char *name)
{
	for (size_t k = 0; k < *n; k++)
		if (strcmp(persons[k], name) == 0)
			return;
	if (*n < RW_INCIDENT_PERSONS)
		memcpy(persons[(*n)++], name, RW_PERSON_NAME_MAX);
}

void add_person(struct subjects *s, const char *name)
{
	for (size_t k = 0; k < s->n_persons; k++)
		if (strcmp(s->persons[k], name) == 0)
			return;
	if (s->n_persons < RW_INCIDENT_PERSONS)
		s->persons[s->n_persons++] = name;
}

bool has_subject(const struct subjects *s)
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

/* "LIMA, May 3 (Andes Post) -": a name in brackets right after the date
 * of a dateline is the agency that filed the report, not a person. */
static bool dateline_agency(const struct assembler *a, struct span sp,
    const struct mention *p)
{
	size_t open = p->first;

	/* "(Pacific Coast Wire)": other capitalised words may open it */
	while (open > 0 && open + 3 > p->first &&
	    (a->t->tokens[open - 1].flags & TOKEN_CAPITAL))
		open--;
	if (open < 2 || !token_punct(a->t, open - 1, '(') ||
	    !token_punct(a->t, p->last, ')'))
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++)
		if (q->kind == M_DATE && q->last + 1 == open)
			return true;
	return false;
}

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

/* Relatives named through someone: "Ho's cousin", "X's sister,
 * brother-in-law and niece", "Lee's ageing parents", "the father and
 * two cousins of X". */
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

/* "Dubai police told his wife, Chen Xiaoyu, by telephone that he was
 * being held": a relative named after "his wife", with "he" or "she"
 * between her and the trigger at pos, is not who it happened to. */
static bool kin_apposition(const struct assembler *a, struct span sp,
    const struct mention *p, size_t pos)
{
	const struct text *t = a->t;
	size_t k = p->first;
	bool kin = false, pronoun = false;

	if (k > 0 && token_punct(t, k - 1, ','))
		k--;
	for (const struct mention *m = sp.first; m < p && !kin; m++)
		if (kin_size(m) == 1 && m->last == k && m->first > 0 &&
		    (token_is(t, m->first - 1, "his") ||
		    token_is(t, m->first - 1, "her") ||
		    token_is(t, m->first - 1, "their")))
			kin = true;
	if (!kin || pos <= p->last)
		return false;
	for (const struct mention *m = p + 1; m < sp.last && m->first < pos;
	    m++)
		if (cue_at(m, CUE_HE) && m->first >= p->last &&
		    !token_is(t, m->first, "his") && !token_is(t, m->first,
		    "her"))
			pronoun = true;
	return pronoun;
}

bool relative_of_other_sex(const struct assembler *a, struct span sp,
    const struct mention *p)
{
	static const char *const female[] = {"wife", "mother", "daughter",
	    "sister", "grandmother", "granddaughter", "niece", "aunt",
	    "stepmother", "fiancee", "widow", NULL};
	static const char *const male[] = {"husband", "father", "son",
	    "brother", "grandfather", "grandson", "nephew", "uncle",
	    "stepfather", "fiance", "widower", NULL};
	const struct text *t = a->t;
	size_t k = p->first;
	size_t first = sp.first < sp.last ?
	    t->sentences[sp.first->sentence].first : k;

	if (k > 0 && token_punct(t, k - 1, ','))
		k--;
	if (k < 2 || k < first + 2)
		return false;
	/* ... in a sentence about him ("He lived there with his wife") */
	return (token_is(t, first, "he") && token_is(t, k - 2, "his") &&
	    token_in(t, k - 1, female)) || (token_is(t, first, "she") &&
	    token_is(t, k - 2, "her") && token_in(t, k - 1, male));
}

/* How many words may stand between a relative's noun and the trigger
 * ("his niece had been detained"). */
#define KIN_TRIGGER_GAP 3

/* Tokens [from, to) are auxiliaries of a passive ("had been", "was"):
 * auxiliaries only, one of them a form of "be". */
static bool passive_auxiliaries(const struct text *t, size_t from,
    size_t to)
{
	bool be = false;

	for (size_t k = from; k < to; k++) {
		if (!auxiliary(t, k))
			return false;
		if (!token_is(t, k, "has") && !token_is(t, k, "have") &&
		    !token_is(t, k, "had"))
			be = true;
	}
	return be;
}

/* "She told the court that her nephew had been detained in Kumasi": a
 * relative told of through "his", "her" or "their" right before a
 * passive trigger at pos is who it happened to, not the one whose
 * relative it is ("her parents have not been told where she is" tell
 * of her). */
static bool pronoun_kin(const struct text *t, const struct mention *m,
    size_t pos)
{
	if (!kin_size(m) || m->first == 0 || m->last > pos ||
	    pos > m->last + KIN_TRIGGER_GAP ||
	    !passive_auxiliaries(t, m->last, pos))
		return false;
	return token_is(t, m->first - 1, "his") ||
	    token_is(t, m->first - 1, "her") ||
	    token_is(t, m->first - 1, "their");
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

/* "a man together with his three daughters", "a woman and her two sons":
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

/* "Ana Ruiz was freed at once; Tomas Ruiz is still held": a person named
 * across a semicolon from the trigger at pos is of the other clause
 * when the trigger's own clause names someone. "... deported 109
 * Uyghurs, and in November it sent back two dissidents, A and B": so is
 * one across a clause break with a trigger of its own on that side. */
static bool other_clause_person(const struct assembler *a, struct span sp,
    const struct mention *p, size_t pos)
{
	if (semicolon_between(a->t, p->first, pos)) {
		for (const struct mention *m = sp.first; m < sp.last; m++)
			if (m->kind == M_PERSON && !semicolon_between(a->t,
			    m->first, pos))
				return true;
		return false;
	}
	bool after = p->first > pos, own = false;
	size_t from = after ? pos : p->last, to = after ? p->first : pos;

	if (!clause_break(a->t, from, to))
		return false;
	/* the trigger's clause has a subject of its own (not "..., and
	 * later re-emerged in custody") */
	for (const struct mention *q = sp.first; q < sp.last && !own; q++)
		if ((q->kind == M_PERSON || q->kind == M_COUNT ||
		    cue_at(q, CUE_HE) || cue_at(q, CUE_THEY)) &&
		    q->first != p->first && !clause_break(a->t,
		    q->first < pos ? q->last : pos,
		    q->first < pos ? pos : q->first))
			own = true;
	if (!own)
		return false;
	for (const struct mention *q = sp.first; q < sp.last; q++) {
		if (q->first == pos || !trigger_value(a, sp, q) ||
		    (q->first > pos) != after)
			continue;
		/* q is across the break from pos, in p's clause */
		size_t lo = q->first < p->first ? q->last : p->last;
		size_t hi = q->first < p->first ? p->first : q->first;
		if ((after ? clause_break(a->t, pos, q->first) :
		    clause_break(a->t, q->last, pos)) &&
		    !clause_break(a->t, lo, hi))
			return true;
	}
	return false;
}

/* "His wife, who is still in Lima with their two sons, has not heard
 * from him": a count in a relative clause before the trigger at pos, or
 * in one that a comma opens after it, counts other people. */
static bool relative_count(const struct assembler *a,
    const struct mention *m, size_t pos)
{
	static const char *const opener[] = {"where", "which", "who", "whom",
	    "whose", NULL};
	const struct sentence *sent = &a->t->sentences[m->sentence];

	if (m->first < pos)
		return in_relative(a->t, sent, m->first) &&
		    !in_relative(a->t, sent, pos);
	/* "..., where the war has forced millions of people to flee":
	 * after the trigger, behind a comma and a relative word */
	for (size_t k = pos + 1; k + 1 < m->first; k++)
		if (token_punct(a->t, k, ',') && token_in(a->t, k + 1, opener))
			return true;
	return false;
}

void find_subjects(struct assembler *a, struct span sp, size_t pos,
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
		    !named_by_kin(a, sp, m) && !kin_apposition(a, sp, m, pos) &&
		    !dateline_agency(a, sp, m) &&
		    !other_clause_person(a, sp, m, pos))
			add_person(s, m->name);
		else if (m->kind == M_COUNT && !relative_count(a, m, pos) &&
		    (!count || distance(m, pos) < distance(count, pos)) &&
		    !(m->first > 0 && (token_is(a->t, m->first - 1, "every")
		    || token_is(a->t, m->first - 1, "each"))))
			/* "nine of them, every one a woman": no count */
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
	if (count) {
		s->count = joined_counts(a, sp, count) +
		    (with_companion(a, sp, count) ? 1 : 0);
		s->partitive = count->last + 1 < a->t->n_tokens &&
		    token_is(a->t, count->last, "of") &&
		    (token_is(a->t, count->last + 1, "them") ||
		    token_is(a->t, count->last + 1, "those") ||
		    token_is(a->t, count->last + 1, "these") ||
		    token_is(a->t, count->last + 1, "the"));
	}
	if (group) {
		snprintf(s->group, sizeof(s->group), "%s", group->entry->value);
		memcpy(s->origin, group->entry->origin, 3);
	}
	/* "She was among 168 Rohingya detained": she and the count */
	if (count && !s->n_persons && a->have_person &&
	    sentence - a->last_person_sentence <= REFERENCE_SENTENCES)
		for (const struct mention *m = sp.first; m < sp.last; m++)
			if (cue_at(m, CUE_HE) && m->last + 1 < count->first &&
			    m->last + 3 >= count->first &&
			    token_is(a->t, count->first - 1, "among") &&
			    (token_is(a->t, m->last, "was") ||
			    token_is(a->t, m->last, "is"))) {
				memcpy(s->persons, a->last_person.persons,
				    sizeof(s->persons));
				s->n_persons = a->last_person.n_persons;
				break;
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
		if (pronoun_kin(a->t, m, pos))
			k.count = kin_size(m);
		else if (!kin_list(a, sp, m, &k))
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

