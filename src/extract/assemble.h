/* assemble.h: what the modules that assemble incidents share (private to
 * src/extract).
 *
 * Assembly reads one sentence at a time. triggers.c decides whether a
 * trigger states an incident and of what type; subjects.c finds who it
 * happened to, places.c where, and incident-date.c when; incidents.c
 * puts these together, merges repeats and keeps the document's context
 * (who "he" is, the last place and date named). span.c holds the small
 * tests over one sentence's mentions that all of them use. */
#ifndef REFUGE_EXTRACT_ASSEMBLE_H
#define REFUGE_EXTRACT_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "extract/extract-int.h"

/* how far before a trigger its cues may stand, in tokens */
#define CUE_WINDOW_NEGATION 4
#define CUE_WINDOW_THREAT 6
#define CUE_WINDOW_CALL 12
/* how many sentences back "he", "they" and "there" may reach */
#define REFERENCE_SENTENCES 4
/* a count of people this large is a tally, not one incident */
#define AGGREGATE_COUNT 1000

enum place_role {
	ROLE_NONE, ROLE_FROM, ROLE_TO, ROLE_IN, ROLE_AGENT,
	ROLE_REQUESTER, /* asks for a return: "China's request", "Russia asked" */
	ROLE_ASKED,     /* is asked: "asked Kazakhstan to extradite him" */
	ROLE_LEFT,      /* came back from: "returning from India" */
	ROLE_BOUND,     /* on the way to: "on his way to a meeting in Oslo" */
	ROLE_ASIDE,     /* in a clause after the trigger that tells why or
			 * when: "released after British officials
			 * intervened" (places.c only) */
};

struct subjects {
	/* the names of person mentions (which outlive assembly): a
	 * subjects is copied often, and names are long */
	const char *persons[RW_INCIDENT_PERSONS];
	size_t n_persons;
	char group[RW_GROUP_NAME_MAX];
	char origin[3];
	long count;
	bool singular_noun; /* "the man", "a woman" */
	bool partitive;     /* "eleven of them": some of people told before */
};

/* How many people introduced as officials a document remembers. */
#define OFFICIALS_MAX 8

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
	/* the last place a sentence without an incident puts things in
	 * ("grew up in Hotan in Xinjiang") */
	char scene_place[3];
	size_t scene_sentence;
	bool have_scene;
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
	/* people introduced as acting for someone ("his lawyer, X"): no
	 * later "he" means them */
	char officials[OFFICIALS_MAX][RW_PERSON_NAME_MAX];
	size_t n_officials;
	/* the role of each place mention (by index in ms), read once; -1
	 * until then */
	signed char *place_roles;
};

/* The mentions of one sentence: [first, last). */
struct span {
	const struct mention *first, *last;
};

/* ---- incidents.c ---- */

/* The last incident of a type found so far, or NULL. */
const struct rw_incident *last_of_type(const struct rw_extraction *out,
    enum rw_incident_type type);
/* The last threatened return, when it names one of inc's people; else
 * NULL. */
const struct rw_incident *threat_to_same_people(
    const struct rw_extraction *out, const struct rw_incident *inc);

/* ---- span.c ---- */

/* The mentions of sentence s, which start at index *k; moves *k past
 * them. Mentions are grouped by sentence, in order. */
struct span next_span(const struct mentions *ms, size_t s, size_t *k);
/* The sentence has a mention of this kind. */
bool span_has(struct span sp, enum mention_kind kind);
/* A cue c (shared by the small tests below, inline for speed). */
static inline bool cue_at(const struct mention *m, enum cue c)
{
	return m->kind == M_CUE && m->cue == (int)c;
}
/* A cue c ending at most window tokens before token pos, with no
 * sentence-internal boundary (";") in between. */
bool cue_before(const struct assembler *a, struct span sp, size_t pos,
    enum cue c, size_t window);
/* The mention's rule is a trigger of this type (any mechanism of a
 * return): an integer compare, the value read when the rules loaded. */
static inline bool trigger_is(const struct mention *m,
    enum rw_incident_type type)
{
	return m->entry && m->entry->trigger == (int)type;
}
/* The cue's rule value is value ("refusal", "modal", ...). */
static inline bool cue_value(const struct mention *m, const char *value)
{
	return m && m->entry && strcmp(m->entry->value, value) == 0;
}
/* The type a mention triggers: a trigger phrase's, or a split
 * trigger's ("handed the two men over"); NULL for other mentions. */
const char *trigger_value(const struct assembler *a, struct span sp,
    const struct mention *m);
/* A word of cue c at most back tokens before pos, with only "the",
 * "back" and capitalised words between. */
bool word_before(const struct assembler *a, size_t pos, enum cue c,
    size_t back);
/* Tokens between mention m and token pos, either side. */
static inline size_t distance(const struct mention *m, size_t pos)
{
	return m->first >= pos ? m->first - pos : pos - m->last + 1;
}
/* The person at p speaks or acts for a state ("said X", "X, the Prime
 * Minister"): not the subject of an incident. */
bool is_speaker(const struct assembler *a, struct span sp,
    const struct mention *p);
/* The person at p is introduced by an office ("his lawyer, X", "X, the
 * Prime Minister"). */
bool is_official(const struct text *t, struct span sp,
    const struct mention *p);
/* "was", "has", "been": an auxiliary verb at token k. */
bool auxiliary(const struct text *t, size_t k);
/* A clause boundary between tokens from and to: a semicolon, or a comma
 * followed by "and", "but" or a participle of what followed ("leading",
 * "prompting"). */
bool clause_break(const struct text *t, size_t from, size_t to);
/* A semicolon between tokens i and j (either order), looked for within
 * a bounded window. */
bool semicolon_between(const struct text *t, size_t i, size_t j);

/* The first token of sent after its dateline ("Taipei, July 2 (CNA)",
 * "BERLIN, Aug 6, 2018 (AFP) -"), or its first token when it has none. */
size_t after_dateline(const struct text *t, const struct sentence *sent);

/* Token i stands in a relative clause ("who was deported ... last year
 * has been sentenced": "deported", not "sentenced") that no comma has
 * closed. */
bool in_relative(const struct text *t, const struct sentence *sent,
    size_t i);

/* ---- triggers.c ---- */

/* Splits a trigger's rule value ("return/deportation") into type and
 * mechanism; false when it names neither. */
bool parse_trigger(const char *value, enum rw_incident_type *type,
    enum rw_mechanism *mech);
/* A sentence that states a pattern or a tally, not incidents. */
bool pattern_sentence(const struct assembler *a, struct span sp,
    const struct sentence *sent);
/* Reads the mention at m, with the cues around it, into an incident
 * type and mechanism; false when it is no trigger or the sentence does
 * not state that the incident happened. *granted: a request for a
 * return was granted, so a threatened return follows it. */
bool read_trigger(const struct assembler *a, struct span sp,
    const struct mention *m, enum rw_incident_type *type,
    enum rw_mechanism *mech, bool *granted);

/* The trigger at m is a noun behind a possessive pronoun ("his
 * conviction", "their arrest"): it may name an incident told before. */
bool trigger_noun_refers(const struct assembler *a, const struct mention *m);

/* The trigger at m tells its incident as happening once more ("was
 * detained again", "re-arrested"): a new incident, never a repeat. */
bool trigger_again(const struct assembler *a, struct span sp,
    const struct mention *m);
/* The trigger at m is a noun that recalls an event rather than telling
 * it: it dates something else ("since the deportation", "before the
 * arrests", "prior to his extradition"; not "after the arrest of X",
 * which says whose), is what something else is about ("information
 * about their arrest", "a criminal case into the abduction") or ranks
 * it ("the first deportation of a Tibetan since 2010", "these latest
 * arrests"). When an incident of its type was told before, it is that
 * one. */
bool trigger_recalls_event(const struct assembler *a,
    const struct mention *m);

/* ---- subjects.c ---- */

/* Adds name (RW_PERSON_NAME_MAX bytes, zero-padded) to the list
 * persons[0..*n) of an incident unless it is there or full. */
void add_name(char persons[][RW_PERSON_NAME_MAX], size_t *n,
    const char *name);
/* The same for a struct subjects, keeping name itself (a mention's). */
void add_person(struct subjects *s, const char *name);
/* "He lived in Ontario with his wife, X": in a sentence about "he", a
 * woman named as his wife, mother, daughter or sister (or, about "she",
 * a man as her husband, father, son or brother) is not whom the next
 * "he" (or "she") means. */
bool relative_of_other_sex(const struct assembler *a, struct span sp,
    const struct mention *p);
bool has_subject(const struct subjects *s);
/* Who the trigger at token pos of sentence happened to: the people
 * named, else a counted or named group, else whoever "he" or "they"
 * refers to (then *inherited is set). */
void find_subjects(struct assembler *a, struct span sp, size_t pos,
    size_t sentence, struct subjects *s, bool *inherited);

/* ---- places.c ---- */

/* What the place mention m is to the sentence's incidents, read from
 * the words around it (once per mention; sp is m's sentence). */
enum place_role role_of(const struct assembler *a, struct span sp,
    const struct mention *m);
/* The host and destination of inc, whose trigger is at token pos. */
void find_places(const struct assembler *a, struct span sp,
    size_t pos, struct rw_incident *inc, const struct subjects *s,
    bool inherited);

/* ---- incident-date.c ---- */

/* The date of the trigger at trig: the date it owns. When it owns none,
 * near is set to the date of the nearest trigger before it that owns one
 * ("arrested in May 2018 and held incommunicado"), else after it, else
 * to the nearest date of the sentence. */
bool find_date(const struct assembler *a, struct span sp,
    const struct sentence *sent, const struct mention *trig,
    struct rw_date *ret, struct rw_date *near);

/* How an incident's date was found: told by the text for it; inferred
 * from the sentence (another trigger's date, a present tense); or
 * carried over from the sentences before or the year of writing. */
enum date_source { DATE_TOLD, DATE_INFERRED, DATE_CARRIED };

/* Dates the incident inc (its type set) of the trigger at m in sentence
 * s: the date its clause gives, else what the sentence or the sentences
 * before tell, else the year of writing. inherited: its subjects come
 * from an earlier sentence; partitive: "eleven of them". near is set as
 * by find_date. */
enum date_source date_incident(const struct assembler *a, struct span sp,
    size_t s, const struct mention *m, bool inherited, bool partitive,
    struct rw_incident *inc, struct rw_date *near);

#endif
