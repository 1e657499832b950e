/* span.c: small tests over the mentions of one sentence that every step
 * of incident assembly uses: cues before a token, split triggers ("handed
 * the two men over"), clause boundaries, and whether a named person is
 * only the one who speaks or acts for a state. */
#include <string.h>

#include "extract/assemble.h"

struct span next_span(const struct mentions *ms, size_t s, size_t *k)
{
	struct span sp = {&ms->items[*k], NULL};

	while (*k < ms->n && ms->items[*k].sentence == s)
		(*k)++;
	sp.last = &ms->items[*k];
	return sp;
}

bool span_has(struct span sp, enum mention_kind kind)
{
	for (const struct mention *m = sp.first; m < sp.last; m++)
		if (m->kind == kind)
			return true;
	return false;
}

bool cue_before(const struct assembler *a, struct span sp, size_t pos,
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

const char *trigger_value(const struct assembler *a, struct span sp,
    const struct mention *m)
{
	if (m->kind == M_TRIGGER)
		return m->entry->value;
	return split_type(a, sp, m, NULL);
}

bool word_before(const struct assembler *a, size_t pos, enum cue c,
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

static bool quote_mark(const struct text *t, size_t i)
{
	return token_punct(t, i, '*') || token_punct(t, i, '"') ||
	    token_punct(t, i, '[') || token_punct(t, i, ']') ||
	    token_punct(t, i, '(') || token_punct(t, i, ')');
}

/* "said Omer Khan, who ..." or "told Ms Lee.": a speech verb right before
 * a name that ends its clause names the speaker; "said Zhang was
 * arrested" does not. */
/* How many tokens "according to" may stand before the name it cites
 * ("according to his partner, X"). */
#define ACCORDING_REACH 6

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

/* "... on 21 September, according to his partner, Alina Voronova.": the
 * person named a few words after "according to", ending the sentence,
 * is the source ("According to reports, X, a refugee, is at risk"
 * goes on: X is spoken of). */
static bool according_to_names(const struct assembler *a,
    const struct mention *speech, const struct mention *p)
{
	const struct text *t = a->t;
	size_t k = p->last;

	if (!token_is(t, speech->first, "according") ||
	    p->first > speech->last + ACCORDING_REACH)
		return false;
	for (size_t i = speech->last; i < p->first; i++)
		if (token_punct(t, i, '.') || token_punct(t, i, ';') ||
		    (t->tokens[i].flags & TOKEN_NUMBER))
			return false;
	while (k < t->n_tokens && quote_mark(t, k))
		k++;
	return k >= t->n_tokens || token_punct(t, k, '.') ||
	    token_punct(t, k, ';');
}

/* "US President Joe Biden", "Mahathir Mohamad, the Prime Minister":
 * someone acting for a state, not the subject of an incident. */
bool is_official(const struct text *t, struct span sp,
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

/* "Tomas Ruiz, a miner who fled in May, his brother said": the speech
 * verb has a subject of its own, a possessive pronoun and a noun after
 * the last comma, so the person named before is spoken of, not the
 * speaker. */
static bool own_speaker(const struct assembler *a, size_t person_end,
    const struct mention *speech)
{
	for (size_t k = speech->first; k > person_end && k + 4 > speech->first;
	    k--) {
		if (!(a->t->tokens[k - 1].flags & TOKEN_WORD))
			return false;
		if (lexicon_word_is(a->lx, a->t, k - 1, CUE_HE) ||
		    lexicon_word_is(a->lx, a->t, k - 1, CUE_THEY))
			return k - 1 > person_end &&
			    token_punct(a->t, k - 2, ',') && k < speech->first;
	}
	return false;
}

bool is_speaker(const struct assembler *a, struct span sp,
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
		/* "X, a woman who says she was beaten": X speaks of
		 * herself */
		if (m->first > 0 && token_is(a->t, m->first - 1, "who") &&
		    m->first >= p->last)
			continue;
		size_t reach = token_punct(a->t, p->last, ',') ? 24 : 3;
		/* "X was deported, according to Y": Y speaks */
		if (m->first >= p->last && m->first <= p->last + reach &&
		    !own_speaker(a, p->last, m) &&
		    !token_is(a->t, m->first, "according")) {
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
		if (m->last <= p->first && according_to_names(a, m, p))
			return true;
	}
	return false;
}

bool clause_break(const struct text *t, size_t from, size_t to)
{
	/* ", and", ", but", and a clause of what followed (", leading
	 * his family to appeal") */
	static const char *const opener[] = {"and", "but", "leading",
	    "prompting", "forcing", "causing", "sparking", "triggering",
	    NULL};

	for (size_t k = from; k < to; k++) {
		if (token_punct(t, k, ';'))
			return true;
		if (token_punct(t, k, ',') && k + 1 < to &&
		    token_in(t, k + 1, opener))
			return true;
	}
	return false;
}

/* How far apart two tokens may be for semicolon_between to look. */
#define SEMICOLON_WINDOW 48

bool semicolon_between(const struct text *t, size_t i, size_t j)
{
	size_t from = i < j ? i : j, to = i < j ? j : i;

	if (to - from > SEMICOLON_WINDOW)
		return false;
	for (size_t k = from; k < to; k++)
		if (token_punct(t, k, ';'))
			return true;
	return false;
}

bool auxiliary(const struct text *t, size_t k)
{
	return token_is(t, k, "was") || token_is(t, k, "were") ||
	    token_is(t, k, "is") || token_is(t, k, "are") ||
	    token_is(t, k, "has") || token_is(t, k, "have") ||
	    token_is(t, k, "had") || token_is(t, k, "been");
}

/* The clause ends where a second verb group begins ("who was deported
 * ... last year has been sentenced"): token i is in it while at most one
 * verb group (a run of auxiliaries, or the verb right after the pronoun)
 * stands between the pronoun and i. */
bool in_relative(const struct text *t, const struct sentence *sent,
    size_t i)
{
	size_t groups = 0;

	for (size_t k = i; k-- > sent->first;) {
		if (token_punct(t, k, ',') || token_punct(t, k, ';'))
			return false;
		if (auxiliary(t, k) && !(k + 1 < i && auxiliary(t, k + 1)))
			groups++;
		if (token_is(t, k, "who") || token_is(t, k, "which") ||
		    token_is(t, k, "whose") || token_is(t, k, "whom"))
			/* "who took part in ...": the clause's own verb
			 * needs no auxiliary, so the first one is the main
			 * clause's */
			return groups + (k + 1 < i && !auxiliary(t, k + 1) ?
			    1 : 0) <= 1;
	}
	return false;
}

/* How far into a sentence a dateline's closing bracket may come. */
#define DATELINE_TOKENS 10

size_t after_dateline(const struct text *t, const struct sentence *sent)
{
	for (size_t k = sent->first; k < sent->last &&
	    k < sent->first + DATELINE_TOKENS; k++) {
		if (token_punct(t, k, ')')) {
			k++;
			while (k < sent->last && token_punct(t, k, '-'))
				k++;
			return k;
		}
		if (!(t->tokens[k].flags & (TOKEN_CAPITAL | TOKEN_NUMBER)) &&
		    !token_punct(t, k, ',') && !token_punct(t, k, '('))
			break;
	}
	return sent->first;
}
