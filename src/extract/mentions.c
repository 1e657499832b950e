/* mentions.c: what the spans of a text mean.
 *
 * Sentence by sentence, each token position is tried in this order: a
 * date, a phrase of the lexicon (countries, groups, triggers, cues...), a
 * number, and a run of capitalised words that may be a person's name.
 * Numbers next to a people noun or group become counts ("five Uyghur
 * men", "nearly three dozen refugees", "eleven of them"). A single
 * capitalised word that repeats part of a name seen earlier ("Rozi" after
 * "Nurmemet Rozi") is that person. Each step looks at a bounded number of
 * tokens, so the pass is linear. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/utf8.h"
#include "extract/extract-int.h"

#define NAME_MAX_WORDS 5
#define COUNT_LOOKAHEAD 5
/* No count of people is larger (and composing stays far from overflow). */
#define COUNT_MAX 1000000000L

struct finder {
	const struct lexicon *lx;
	struct text *t;
	const struct rw_date *pub;
	struct mentions *ms;
	struct name_words name_words;
	struct rw_error *err;
	/* the date the text gave last: what "the following day" and "a year
	 * earlier" are told from */
	struct rw_date last_date;
	size_t last_date_sentence;
	bool have_date;
	/* the last date that gave a day: what "that evening" is told from */
	struct rw_date last_day;
	size_t last_day_sentence;
	bool have_day;
};

/* How many sentences back "the following day" looks for its date. */
#define ANCHOR_SENTENCES 3

static void note_date(struct finder *f, const struct rw_date *d, size_t s)
{
	f->last_date = *d;
	f->last_date_sentence = s;
	f->have_date = true;
	if (d->day) {
		f->last_day = *d;
		f->last_day_sentence = s;
		f->have_day = true;
	}
}

/* The date "then-..." relation rel is told from, or NULL: "that
 * evening", "two days later" from the last date that gave a day ("was
 * held on 28 May ... put on a list in February ... released the same
 * evening"), else like the others from the last date given. */
static const struct rw_date *anchor_date(const struct finder *f,
    const char *rel, size_t s)
{
	if (strstr(rel, "day") && f->have_day &&
	    s - f->last_day_sentence <= ANCHOR_SENTENCES)
		return &f->last_day;
	return f->have_date && s - f->last_date_sentence <= ANCHOR_SENTENCES ?
	    &f->last_date : NULL;
}

static struct mention *push(struct finder *f, enum mention_kind kind,
    size_t first, size_t last, size_t sentence)
{
	struct mentions *ms = f->ms;
	struct mention *m;

	if (rw_array_room(ms->items, ms->n, ms->cap, 256) < 0) {
		rw_error_set(f->err, RW_ENOMEM, "out of memory");
		return NULL;
	}
	m = &ms->items[ms->n++];
	/* all but the name, which most mentions have none of */
	memset(m, 0, offsetof(struct mention, name));
	m->kind = kind;
	m->first = first;
	m->last = last;
	m->sentence = sentence;
	return m;
}

static bool is_word_cue(const struct finder *f, size_t i, enum cue c)
{
	return i < f->t->n_tokens && (f->t->tokens[i].flags & TOKEN_WORD) &&
	    lexicon_word_is(f->lx, f->t, i, c);
}

/* True when the phrase starting at token i has the meaning cue c. */
static bool phrase_is_cue(const struct finder *f, size_t i, enum cue c)
{
	const struct lex_entry *e;

	if (i >= f->t->n_tokens || !lexicon_match(f->lx, f->t, i, &e))
		return false;
	for (; e; e = lexicon_next(f->lx, e))
		if (e->kind == LEX_CUE && e->cue == (int)c)
			return true;
	return false;
}

static bool any_capital(const struct text *t, size_t first, size_t last)
{
	for (size_t k = first; k < last; k++)
		if (t->tokens[k].flags & TOKEN_CAPITAL)
			return true;
	return false;
}

static bool entity_kind(enum lex_kind k)
{
	return k == LEX_COUNTRY || k == LEX_PLACE || k == LEX_GROUP ||
	    k == LEX_ORG || k == LEX_LAW;
}

/* A word that is both a nationality and a group ("Saudi", "Taiwanese")
 * names people only next to a people noun or a number, or after "the"
 * or "ethnic"; "Saudi authorities" is the state. */
static bool names_people(const struct finder *f, size_t i, size_t len,
    const struct lex_entry *meanings)
{
	bool country = false;

	for (const struct lex_entry *e = meanings; e; e = lexicon_next(f->lx, e))
		if (e->kind == LEX_COUNTRY)
			country = true;
	if (!country)
		return true;
	if (phrase_is_cue(f, i + len, CUE_AUTHORITY))
		return false; /* "Saudi authorities", "Egyptian security forces" */
	if (is_word_cue(f, i + len, CUE_ORGWORD))
		return false; /* "the Kyrgyz capital", "the Kazakh government" */
	if (is_word_cue(f, i + len, CUE_PEOPLE) ||
	    is_word_cue(f, i + len, CUE_PERSON))
		return true;
	if (i == 0)
		return false;
	return (f->t->tokens[i - 1].flags & TOKEN_NUMBER) ||
	    token_is(f->t, i - 1, "the") || token_is(f->t, i - 1, "ethnic") ||
	    token_is(f->t, i - 1, "and");
}

/* Pushes one mention per meaning of the phrase at i; returns false only
 * when memory runs out. */
static bool push_phrase(struct finder *f, size_t i, size_t len,
    const struct lex_entry *e, size_t s)
{
	bool capital = any_capital(f->t, i, i + len);
	const struct lex_entry *meanings = e;

	for (; e; e = lexicon_next(f->lx, e)) {
		static const enum mention_kind kinds[LEX_KIND_COUNT] = {
			[LEX_COUNTRY] = M_COUNTRY, [LEX_PLACE] = M_PLACE,
			[LEX_GROUP] = M_GROUP, [LEX_ORG] = M_ORG,
			[LEX_LAW] = M_LAW, [LEX_TRIGGER] = M_TRIGGER,
			[LEX_CUE] = M_CUE, [LEX_NUMBER] = M_NUMBER,
			[LEX_RELDATE] = M_DATE,
		};
		struct rw_date d;
		struct mention *m;

		if (entity_kind(e->kind) && !capital)
			continue;
		if (e->kind == LEX_GROUP && !names_people(f, i, len, meanings))
			continue;
		/* "yesterday" in a text dated 1000-01-01 is no date either;
		 * "then-..." rules ("the following day") are told from the
		 * date the text gave last, and are none without one */
		if (e->kind == LEX_RELDATE) {
			const struct rw_date *from = f->pub;
			const char *word = token_norm(f->t, i + len - 1);
			long count = -1;
			if (strncmp(e->value, "then-", 5) == 0)
				from = anchor_date(f, e->value, s);
			/* "six weeks ago", "11 days later": the count */
			if (f->ms->n && f->ms->items[f->ms->n - 1].kind ==
			    M_NUMBER && f->ms->items[f->ms->n - 1].last == i &&
			    f->ms->items[f->ms->n - 1].sentence == s)
				count = f->ms->items[f->ms->n - 1].number;
			if (!from || !reldate_resolve(e->relation, word, count,
			    from, &d) || !rw_date_valid(d.year, d.month, d.day))
				continue;
		}
		if (!(m = push(f, kinds[e->kind], i, i + len, s)))
			return false;
		m->entry = e;
		m->cue = e->cue;
		m->number = e->number;
		if (e->kind == LEX_RELDATE) {
			m->date = d;
			note_date(f, &d, s);
		}
		if (e->kind == LEX_COUNTRY || e->kind == LEX_PLACE)
			memcpy(m->iso, e->value, 2);
	}
	return true;
}

static long parse_number(const char *w)
{
	long v = 0;

	for (; *w; w++) {
		if (*w == ',')
			continue;
		if (*w < '0' || *w > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*w - '0');
	}
	return v;
}

/* A capitalised word that may be part of a name, before the lexicon is
 * asked whether a phrase starts there. */
static bool capitalised_word(const struct finder *f, size_t i)
{
	const struct token *tok = &f->t->tokens[i];

	if (!(tok->flags & TOKEN_WORD) || !(tok->flags & TOKEN_CAPITAL) ||
	    (tok->flags & (TOKEN_NUMBER | TOKEN_UPPER | TOKEN_POSSESSIVE)))
		return false;
	return !is_word_cue(f, i, CUE_NONNAME);
}

static bool name_word(const struct finder *f, size_t i)
{
	const struct lex_entry *e;

	return capitalised_word(f, i) && lexicon_match(f->lx, f->t, i, &e) == 0;
}

/* A one-word group or place inside a name ("Ted Hui", "Nathan Law"). */
static bool name_like_entity(const struct finder *f, size_t i)
{
	const struct lex_entry *e;

	if (!capitalised_word(f, i))
		return false;
	if (lexicon_match(f->lx, f->t, i, &e) != 1)
		return false;
	for (; e; e = lexicon_next(f->lx, e))
		if (e->kind != LEX_GROUP && e->kind != LEX_PLACE &&
		    e->kind != LEX_COUNTRY)
			return false;
	return i + 1 >= f->t->n_tokens ||
	    !is_word_cue(f, i + 1, CUE_PEOPLE);
}

/* Token i is a word of a person's name given in full before, and would
 * otherwise be read as a one-word group or place ("Hui" after "Ted
 * Hui"). */
static bool surname_seen(const struct finder *f, size_t i)
{
	size_t person;

	return (f->t->tokens[i].flags & TOKEN_CAPITAL) &&
	    name_words_get(&f->name_words, token_norm(f->t, i),
	    f->t->tokens[i].hash, &person) && name_like_entity(f, i) &&
	    !(i + 1 < f->t->n_tokens &&
	    (f->t->tokens[i + 1].flags & TOKEN_CAPITAL));
}

static bool name_particle(const struct text *t, size_t i)
{
	static const char *const particles[] = {"bin", "binti", "ibn", "al",
		"el", "ul", "van", "von", "de", "der", "da", NULL};

	if (i >= t->n_tokens || (t->tokens[i].flags & TOKEN_CAPITAL) ||
	    t->tokens[i].norm_len > 5)
		return false;
	return token_in(t, i, particles);
}

/* "Al-Rashidi", "el-Sayed": an article particle joined by a hyphen to
 * the rest of a family name, at i. */
static bool hyphened_particle(const struct text *t, size_t i, size_t last)
{
	if (i + 2 >= last || !(token_is(t, i, "al") || token_is(t, i, "el") ||
	    token_is(t, i, "ul")))
		return false;
	return token_punct(t, i + 1, '-') &&
	    !(t->tokens[i + 1].flags & TOKEN_SPACE) &&
	    !(t->tokens[i + 2].flags & TOKEN_SPACE) &&
	    (t->tokens[i + 2].flags & TOKEN_CAPITAL);
}

/* An organisation word that is also a family name ("Law", "Church"):
 * cues.tsv `orgword surname`. */
static bool surname_orgword(const struct finder *f, size_t i)
{
	const struct lex_entry *e;

	if (i >= f->t->n_tokens || !(f->t->tokens[i].flags & TOKEN_CAPITAL) ||
	    (f->t->tokens[i].flags & TOKEN_UPPER) ||
	    lexicon_match(f->lx, f->t, i, &e) != 1)
		return false;
	for (; e; e = lexicon_next(f->lx, e))
		if (e->kind == LEX_CUE && e->cue == CUE_ORGWORD &&
		    strcmp(e->value, "surname") == 0)
			return true;
	return false;
}

/* How many words may stand between the article of an apposition and
 * its noun ("X, a small Hong Kong publishing house"). */
#define APPOSITION_WORDS 5

/* A noun phrase ends before token k: punctuation, or a word that opens
 * what follows it ("a publishing house known for", "a firm based in"). */
static bool phrase_ends(const struct text *t, size_t k)
{
	static const char *const openers[] = {"known", "based", "that",
	    "which", "whose", "in", "run", "owned", "founded", "with", "and",
	    "for", "from", "selling", NULL};

	return k >= t->n_tokens || !(t->tokens[k].flags & TOKEN_WORD) ||
	    token_in(t, k, openers);
}

/* "Mighty Current, a Hong Kong publishing house": the name run ending
 * before token end has a firm's noun (cues.tsv `orgword firm`) in
 * apposition, before any "of" ("a member of the party" is a person). */
static bool firm_apposition(struct finder *f, size_t end)
{
	const struct text *t = f->t;
	const struct lex_entry *e;

	if (!token_punct(t, end, ',') || !(token_is(t, end + 1, "a") ||
	    token_is(t, end + 1, "an") || token_is(t, end + 1, "the")))
		return false;
	for (size_t k = end + 2; k < t->n_tokens && k <= end + 2 +
	    APPOSITION_WORDS; k++) {
		if (!(t->tokens[k].flags & TOKEN_WORD) || token_is(t, k, "of"))
			return false;
		size_t n = lexicon_match(f->lx, f->t, k, &e);
		if (n > 0 && phrase_ends(t, k + n))
			for (; e; e = lexicon_next(f->lx, e))
				if (e->kind == LEX_CUE &&
				    e->cue == CUE_ORGWORD &&
				    strcmp(e->value, "firm") == 0)
					return true;
	}
	return false;
}

/* "Nathan Law": an organisation word that is also a family name ends a
 * two-word name after a given name, unless the run sits where an
 * organisation would: after "the" or a place preposition, before "of" or
 * another capitalised word ("Faculty of Law", "Law Society", "Columbia Law
 * School", "at Grace Church"). */
static bool surname_after_given(const struct finder *f, size_t i, size_t k,
    size_t last)
{
	const struct text *t = f->t;

	if (k != i + 1 || k >= last || !(t->tokens[k].flags & TOKEN_SPACE) ||
	    (t->tokens[k].flags & TOKEN_NEWLINE) || !surname_orgword(f, k))
		return false;
	if (k + 1 < last && ((t->tokens[k + 1].flags & TOKEN_CAPITAL) ||
	    token_is(t, k + 1, "of") || token_is(t, k + 1, "'s")))
		return false;
	if (i > 0 && ((t->tokens[i - 1].flags & TOKEN_CAPITAL) ||
	    token_is(t, i - 1, "the") || token_is(t, i - 1, "a") ||
	    is_word_cue(f, i - 1, CUE_IN) || is_word_cue(f, i - 1, CUE_FROM) ||
	    is_word_cue(f, i - 1, CUE_TO)))
		return false;
	return true;
}

/* End of the capitalised run starting at i (exclusive), counting words. */
static size_t name_run(const struct finder *f, size_t i, size_t last,
    size_t *ret_words)
{
	const struct text *t = f->t;
	size_t k = i + 1, words = 1;

	while (k < last && words < NAME_MAX_WORDS) {
		const struct token *tok = &t->tokens[k];
		if (token_punct(t, k, '-') && !(tok->flags & TOKEN_SPACE) &&
		    k + 1 < last && !(t->tokens[k + 1].flags & TOKEN_SPACE) &&
		    (t->tokens[k + 1].flags & TOKEN_WORD)) {
			k += 2; /* Siu-tat, Abdul-Rahman */
			continue;
		}
		if (!(tok->flags & TOKEN_SPACE) || (tok->flags & TOKEN_NEWLINE))
			break;
		if (hyphened_particle(t, k, last)) {
			k += 3;
			words++;
			continue;
		}
		if (name_particle(t, k) && k + 1 < last && name_word(f, k + 1)) {
			k += 2;
			words += 2;
			continue;
		}
		if (surname_after_given(f, i, k, last)) {
			k++;
			words++;
			break;
		}
		if (!name_word(f, k) && !name_like_entity(f, k))
			break;
		k++;
		words++;
	}
	*ret_words = words;
	return k;
}

static bool run_has_orgword(const struct finder *f, size_t first, size_t last)
{
	for (size_t k = first; k <= last && k < f->t->n_tokens; k++)
		if (is_word_cue(f, k, CUE_ORGWORD) && !(k == first + 1 &&
		    k + 1 == last && surname_orgword(f, k)))
			return true;
	return false;
}

/* The words of tokens [first, last) into out, zero-padded to cap. */
static void copy_span(const struct text *t, size_t first, size_t last,
    char *out, size_t cap)
{
	size_t o = 0;

	/* token by token, one space where the text has any white space or
	 * skipped bytes: on one line, and valid UTF-8 even when the text
	 * between the words is not */
	for (size_t k = first; k < last; k++) {
		const struct token *tok = &t->tokens[k];
		size_t len = tok->end - tok->start;

		if (k > first && (tok->flags & TOKEN_SPACE)) {
			if (o + 1 >= cap)
				break;
			out[o++] = ' ';
		}
		if (o + len >= cap) {
			/* cut at a character boundary */
			len = rw_utf8_prefix(t->data + tok->start, len,
			    cap - 1 - o);
			memcpy(out + o, t->data + tok->start, len);
			o += len;
			break;
		}
		memcpy(out + o, t->data + tok->start, len);
		o += len;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	memset(out + o, 0, cap - o);
}

/* Slots of a new name_words table; it doubles before half of them are
 * used, so that probes stay short. */
#define NAME_WORDS_FIRST 64

static struct name_word *name_slot(const struct name_words *nw,
    const char *word, uint32_t hash)
{
	size_t mask = nw->cap - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct name_word *slot = &nw->slots[i];
		if (!slot->word || (slot->hash == hash &&
		    strcmp(slot->word, word) == 0))
			return slot;
	}
}

static int name_words_grow(struct name_words *nw)
{
	struct name_words bigger = {NULL, nw->n, nw->cap ? nw->cap * 2 :
	    NAME_WORDS_FIRST};

	if (!(bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots))))
		return RW_ENOMEM;
	for (size_t i = 0; i < nw->cap; i++)
		if (nw->slots[i].word)
			*name_slot(&bigger, nw->slots[i].word,
			    nw->slots[i].hash) = nw->slots[i];
	free(nw->slots);
	*nw = bigger;
	return 0;
}

int name_words_put(struct name_words *nw, const char *word, uint32_t hash,
    size_t person)
{
	struct name_word *slot;

	if ((nw->n + 1) * 2 > nw->cap && name_words_grow(nw) < 0)
		return RW_ENOMEM;
	slot = name_slot(nw, word, hash);
	if (!slot->word)
		nw->n++;
	*slot = (struct name_word){word, hash, person};
	return 0;
}

bool name_words_get(const struct name_words *nw, const char *word,
    uint32_t hash, size_t *ret)
{
	const struct name_word *slot;

	if (nw->cap == 0 || !(slot = name_slot(nw, word, hash))->word)
		return false;
	*ret = slot->person;
	return true;
}

void name_words_free(struct name_words *nw)
{
	free(nw->slots);
	memset(nw, 0, sizeof(*nw));
}

bool name_is_alias(const struct text *t, size_t first)
{
	size_t k = first;

	if (k > 0 && token_punct(t, k - 1, ','))
		k--;
	return (k >= 2 && token_is(t, k - 1, "as") && token_is(t, k - 2,
	    "known")) || (k >= 1 && (token_is(t, k - 1, "alias") ||
	    token_is(t, k - 1, "aka")));
}

static int remember_name(struct finder *f, size_t first, size_t last,
    size_t index)
{
	for (size_t k = first; k < last; k++) {
		if (!(f->t->tokens[k].flags & TOKEN_WORD))
			continue;
		if (name_words_put(&f->name_words, token_norm(f->t, k),
		    f->t->tokens[k].hash, index) < 0)
			return rw_error_set(f->err, RW_ENOMEM, "out of memory");
	}
	return 0;
}

/* A country or place mention ends right before token i (a cue for a
 * word such as "and" may have been pushed after it). */
static bool place_ends(const struct finder *f, size_t i)
{
	for (size_t k = f->ms->n; k > 0 && k + 3 > f->ms->n; k--) {
		const struct mention *m = &f->ms->items[k - 1];
		if (m->last == i && (m->kind == M_PLACE || m->kind == M_COUNTRY))
			return true;
		if (m->last < i)
			break;
	}
	return false;
}

/* How far back an organisation's name may continue over "and". */
#define ORG_CONTINUES 5

/* "the Center for Radicalism and Deradicalization Studies": a run after
 * "and", "for" or "of" in an organisation's name, whose words before it
 * are capitalised or small joining words back to an organisation word. */
static bool org_continues(const struct finder *f, size_t i)
{
	const struct text *t = f->t;

	if (i < 2 || !(token_is(t, i - 1, "and") || token_is(t, i - 1, "for")
	    || token_is(t, i - 1, "of")))
		return false;
	for (size_t k = i - 1; k-- > 0 && k + ORG_CONTINUES >= i;) {
		if (!(t->tokens[k].flags & TOKEN_WORD))
			return false;
		if (!(t->tokens[k].flags & TOKEN_CAPITAL) && !token_is(t, k,
		    "and") && !token_is(t, k, "for") && !token_is(t, k, "of"))
			return false;
		if (is_word_cue(f, k, CUE_ORGWORD))
			return true;
	}
	return false;
}

/* Tries a person's name at i; returns the tokens used (0 when none). */
static size_t find_person(struct finder *f, size_t i, size_t last, size_t s,
    bool *failed)
{
	const struct text *t = f->t;
	size_t words, end = name_run(f, i, last, &words);
	bool titled = i > 0 && is_word_cue(f, i - 1, CUE_TITLE);
	struct mention *m;

	if (words >= 2 || titled) {
		if (run_has_orgword(f, i, end) ||
		    (i > 0 && token_is(t, i - 1, "the") && !titled) ||
		    org_continues(f, i) || firm_apposition(f, end))
			return end - i;
		/* "held in Abu Simbel", "in Aswan and Abu Simbel", "near
		 * Raja Bazaar": a place the gazetteer lacks, not a person
		 * ("in Xu Zhiyong's case" is one) */
		if (!titled && i > 0 && (is_word_cue(f, i - 1, CUE_IN) ||
		    token_is(t, i - 1, "near") ||
		    (token_is(t, i - 1, "and") && place_ends(f, i - 1))) &&
		    !(end < t->n_tokens &&
		    (t->tokens[end].flags & TOKEN_POSSESSIVE)))
			return end - i;
		if (!(m = push(f, M_PERSON, i, end, s))) {
			*failed = true;
			return 0;
		}
		copy_span(t, i, end, m->name, sizeof(m->name));
		m->possessive = end < t->n_tokens &&
		    (t->tokens[end].flags & TOKEN_POSSESSIVE);
		/* a later "Celil" is the one named first, not his alias */
		if (!name_is_alias(t, i) &&
		    remember_name(f, i, end, f->ms->n - 1) < 0) {
			*failed = true;
			return 0;
		}
		return end - i;
	}
	/* one word: a later mention of someone named in full before */
	size_t person;
	if (!name_words_get(&f->name_words, token_norm(t, i),
	    t->tokens[i].hash, &person))
		return 1;
	const struct mention *earlier = &f->ms->items[person];
	char name[RW_PERSON_NAME_MAX];
	memcpy(name, earlier->name, sizeof(name));
	if (!(m = push(f, M_PERSON, i, i + 1, s))) {
		*failed = true;
		return 0;
	}
	memcpy(m->name, name, sizeof(m->name));
	m->possessive = i + 1 < t->n_tokens &&
	    (t->tokens[i + 1].flags & TOKEN_POSSESSIVE);
	return 1;
}

static bool scan_sentence(struct finder *f, size_t s)
{
	struct text *t = f->t;
	const struct sentence *sent = &t->sentences[s];
	bool names = !sent->title_case;
	const uint64_t *first_words = lexicon_first_words(f->lx);
	bool failed = false;

	for (size_t i = sent->first; i < sent->last;) {
		const struct lex_entry *e;
		struct rw_date d;
		size_t n;

		t->work++;
		/* dates start with a number or a month's name */
		if ((t->tokens[i].flags & (TOKEN_NUMBER | TOKEN_CAPITAL)) &&
		    (n = date_at(t, i, f->pub, &d)) > 0) {
			struct mention *m = push(f, M_DATE, i, i + n, s);
			if (!m)
				return false;
			m->date = d;
			note_date(f, &d, s);
			i += n;
			continue;
		}
		if (lexicon_may_start(first_words, t->tokens[i].hash) &&
		    names && surname_seen(f, i)) {
			/* "Hui said" after "Ted Hui": him, not the Hui */
			n = find_person(f, i, sent->last, s, &failed);
			if (failed)
				return false;
			i += n ? n : 1;
			continue;
		}
		if (lexicon_may_start(first_words, t->tokens[i].hash) &&
		    (n = lexicon_match(f->lx, t, i, &e)) > 0) {
			if (!push_phrase(f, i, n, e, s))
				return false;
			i += n;
			continue;
		}
		if (t->tokens[i].flags & TOKEN_NUMBER) {
			long v = parse_number(token_norm(t, i));
			if (v >= 0) {
				struct mention *m = push(f, M_NUMBER, i, i + 1, s);
				if (!m)
					return false;
				m->number = v;
			}
			i++;
			continue;
		}
		/* no phrase starts at i (tried above) */
		if (names && capitalised_word(f, i)) {
			n = find_person(f, i, sent->last, s, &failed);
			if (failed)
				return false;
			i += n ? n : 1;
			continue;
		}
		i++;
	}
	return true;
}

static bool people_word(const struct mention *m)
{
	return m->kind == M_GROUP || (m->kind == M_CUE &&
	    (m->cue == CUE_PEOPLE || m->cue == CUE_PERSON));
}

/* "58 Cameroonians", "three Syrians": a plural nationality right after
 * a number names people. */
static bool plural_demonym(const struct text *t, const struct mention *m,
    size_t number_end)
{
	const char *w;
	size_t len;

	if (m->kind != M_COUNTRY || m->first != number_end ||
	    m->last != m->first + 1)
		return false;
	w = token_norm(t, m->first);
	len = t->tokens[m->first].norm_len;
	return len > 3 && w[len - 1] == 's' && w[len - 2] != 's';
}

/* Folds "three dozen", "twenty-five", "two hundred", "one million" into
 * one number. */
static size_t compose_number(const struct mentions *ms, size_t k, long *ret)
{
	long v = ms->items[k].number;
	size_t used = 1;

	while (k + used < ms->n && ms->items[k + used].kind == M_NUMBER &&
	    ms->items[k + used].sentence == ms->items[k].sentence &&
	    ms->items[k + used].first <= ms->items[k + used - 1].last + 1) {
		long next = ms->items[k + used].number;
		if (next == 12 || next == 100 || next == 1000 ||
		    next == 1000000 || next == 1000000000) {
			if (v > COUNT_MAX / next)
				break; /* "thousand thousand ...": no such crowd */
			v *= next;
		} else if (v % 10 == 0 && v >= 20 && v < 100 && next < 10)
			v += next;
		else
			break;
		used++;
	}
	*ret = v;
	return used;
}

/* "a group of around 40 who were held", "a party of some 12": a
 * number after "group of" or "party of" (and one word such as "around"
 * or "some") counts people even with no people word after it. */
static bool group_of(const struct text *t, size_t i)
{
	if (i >= 1 && (t->tokens[i - 1].flags & TOKEN_WORD) &&
	    !token_is(t, i - 1, "of") && !(t->tokens[i - 1].flags &
	    (TOKEN_CAPITAL | TOKEN_NUMBER)))
		i--;
	return i >= 2 && token_is(t, i - 1, "of") && (token_is(t, i - 2,
	    "group") || token_is(t, i - 2, "party"));
}

/* Turns numbers followed closely by a people word into counts. */
static bool find_counts(struct finder *f, size_t from)
{
	const struct text *t = f->t;
	size_t n = f->ms->n;

	for (size_t k = from; k < n; k++) {
		struct mention *num = &f->ms->items[k];
		long v;
		size_t used, j;
		bool counted = false;

		if (num->kind != M_NUMBER)
			continue;
		used = compose_number(f->ms, k, &v);
		size_t end_tok = f->ms->items[k + used - 1].last;
		if (end_tok + 1 < t->n_tokens && token_punct(t, end_tok, '-') &&
		    (token_is(t, end_tok + 1, "year") ||
		    token_is(t, end_tok + 1, "years"))) {
			k += used - 1;
			continue; /* "a 30-year-old farmer": an age */
		}
		for (j = k + used; j < n && j < k + used + COUNT_LOOKAHEAD; j++) {
			const struct mention *m = &f->ms->items[j];
			if (m->sentence != num->sentence ||
			    m->first > end_tok + COUNT_LOOKAHEAD)
				break;
			if (people_word(m) || (m->kind == M_CUE &&
			    m->cue == CUE_THEY && token_is(t, m->first - 1, "of"))
			    || plural_demonym(t, m, end_tok))
				counted = true;
			if (counted || m->kind == M_TRIGGER || m->kind == M_NUMBER)
				break;
		}
		if (!counted && v > 1 && group_of(t, num->first))
			counted = true; /* "a group of around 40" */
		if (!counted && num->first > 0 && token_is(t, num->first - 1,
		    "the") && (v > 1 && v < 1000))
			counted = true; /* "the four" */
		if (counted) {
			struct mention *c = push(f, M_COUNT, num->first, end_tok,
			    num->sentence);
			if (!c)
				return false;
			c->number = v;
		}
		k += used - 1;
	}
	return true;
}

int mentions_find(const struct lexicon *lx, struct text *t,
    const struct rw_date *published, struct mentions *ms,
    struct rw_error *err)
{
	struct finder f = {lx, t, published, ms, {NULL, 0, 0}, err,
	    {0, 0, 0}, 0, false};

	memset(ms, 0, sizeof(*ms));
	for (size_t s = 0; s < t->n_sentences; s++) {
		size_t from = ms->n;
		if (!scan_sentence(&f, s) || !find_counts(&f, from)) {
			name_words_free(&f.name_words);
			return err && err->code ? err->code : RW_ENOMEM;
		}
	}
	name_words_free(&f.name_words);
	return 0;
}

void mentions_free(struct mentions *ms)
{
	free(ms->items);
	memset(ms, 0, sizeof(*ms));
}
