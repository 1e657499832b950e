/* extract-int.h: what the extractor's stages share (not a public API).
 *
 * The stages run in order over one text: tokens.c splits it into tokens
 * and sentences, lexicon.c matches the rule data against the tokens,
 * mentions.c turns matches, numbers, dates and capitalised names into
 * mentions, and incidents.c assembles incidents sentence by sentence. */
#ifndef RW_EXTRACT_INT_H
#define RW_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "extract/extract.h"

/* ---- tokens ---- */

enum token_flag {
	TOKEN_WORD = 1 << 0,    /* letters or digits */
	TOKEN_NUMBER = 1 << 1,  /* digits, maybe with , or . inside */
	TOKEN_CAPITAL = 1 << 2, /* starts with an upper-case letter */
	TOKEN_UPPER = 1 << 3,   /* every letter upper case (UNHCR, DAWN) */
	TOKEN_SPACE = 1 << 4,   /* white space before it */
	TOKEN_NEWLINE = 1 << 5, /* a line break before it */
	TOKEN_PARAGRAPH = 1 << 6, /* a blank line before it */
	TOKEN_POSSESSIVE = 1 << 7, /* the 's split off a word */
};

/* 28 bytes: texts are at most RW_EXTRACT_TEXT_MAX bytes, so offsets
 * fit 32 bits. */
struct token {
	uint32_t start, end;  /* bytes in the text */
	uint32_t norm;        /* offset of the normalised form in norm pool */
	uint32_t hash;        /* word_hash of the normalised form */
	uint16_t norm_len;
	uint16_t flags;
	char punct;           /* a one-character punctuation token's normal
	                       * form (. , " -), else 0 */
	/* the single-word cues it is (bit c for cue c), filled in by
	 * lexicon_word_is as rules ask; 0 until then */
	uint32_t cue_bits;
};
_Static_assert(RW_EXTRACT_TEXT_MAX <= UINT32_MAX,
    "token offsets are 32 bits");

/* The hash of a normalised word: computed once per token by the
 * tokeniser, and the key of the lexicon's trie edges. It takes the word
 * eight bytes at a time (read in memory order into a little-endian
 * word, the last chunk zero-padded), so that the tokeniser hashes the
 * chunks it folds: word_hash_step per chunk from WORD_HASH_SEED, then
 * word_hash_end. */
#define WORD_HASH_SEED 0x243F6A8885A308D3u

static inline uint64_t word_hash_step(uint64_t h, uint64_t chunk)
{
	return (h ^ chunk) * 0x9E3779B97F4A7C15u;
}

/* Mixes the high bits down: the lexicon and the name table index by
 * the low ones. */
static inline uint32_t word_hash_end(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xD6E8FEB86659FD93u;
	return (uint32_t)(h ^ h >> 32);
}

static inline uint32_t word_hash(const char *w, size_t len)
{
	uint64_t h = WORD_HASH_SEED, chunk;

	for (; len >= 8; w += 8, len -= 8) {
		memcpy(&chunk, w, 8);
		h = word_hash_step(h, chunk);
	}
	if (len) {
		chunk = 0;
		for (size_t i = 0; i < len; i++)
			chunk |= (uint64_t)(unsigned char)w[i] << (8 * i);
		h = word_hash_step(h, chunk);
	}
	return word_hash_end(h);
}

/* Longest sentence, in tokens: longer runs are cut, so the work per
 * sentence is bounded and extraction stays linear in the text. */
#define SENTENCE_MAX_TOKENS 160

struct sentence {
	size_t first, last;   /* tokens [first, last) */
	bool paragraph;       /* starts a paragraph, heading or list item */
	bool title_case;      /* most long words capitalised (a headline) */
};

struct text {
	const char *data;
	size_t len;
	struct token *tokens;
	size_t n_tokens, cap_tokens;
	struct sentence *sentences;
	size_t n_sentences, cap_sentences;
	struct rw_buf norm;   /* normalised token forms, NUL-separated */
	size_t work;
};

struct lexicon;

int text_tokenize(struct text *t, const char *data, size_t len,
    struct rw_error *err);
/* Splits the tokens into sentences: at . ! ? (not after an abbreviation),
 * at blank lines, and before list items and headings. */
int text_split(struct text *t, const struct lexicon *lx,
    struct rw_error *err);
void text_free(struct text *t);

/* A headline or a short line without a full stop (a title, a caption):
 * such lines repeat what the text says and state no incident. */
bool sentence_is_heading(const struct text *t, const struct sentence *s);

static inline const char *token_norm(const struct text *t, size_t i)
{
	return t->norm.data + t->tokens[i].norm;
}

/* True when token i's normalised form is word (inline: rules ask this of
 * most tokens, and the first byte usually settles it; for a word written
 * out, strlen is a constant and memcmp a compare or two). */
static inline bool token_is(const struct text *t, size_t i, const char *word)
{
	const char *n;
	size_t len;

	if (i >= t->n_tokens)
		return false;
	n = token_norm(t, i);
	if (n[0] != word[0])
		return false;
	len = strlen(word);
	return t->tokens[i].norm_len == len && memcmp(n, word, len) == 0;
}
/* True when token i is the single punctuation character c (not 0). */
/* Token i is one of words (a NULL-terminated list). */
static inline bool token_in(const struct text *t, size_t i,
    const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		if (token_is(t, i, *w))
			return true;
	return false;
}

static inline bool token_punct(const struct text *t, size_t i, char c)
{
	return i < t->n_tokens && t->tokens[i].punct == c;
}

/* ---- lexicon: the rule data in a token trie ---- */

enum lex_kind {
	LEX_COUNTRY,   /* value: ISO code */
	LEX_PLACE,     /* value: ISO code of its country */
	LEX_GROUP,     /* value: canonical name, ":" and the origin's ISO */
	LEX_ORG,
	LEX_LAW,
	LEX_TRIGGER,   /* value: type, or type/mechanism */
	LEX_CUE,       /* value: a cue name (enum cue) */
	LEX_NUMBER,    /* value: the number */
	LEX_RELDATE,   /* value: a relative date rule (dates.c) */
	LEX_KIND_COUNT
};

enum cue {
	CUE_NEGATION,    /* not, never */
	CUE_DENIAL,      /* denied, refused, turned down */
	CUE_THREAT,      /* at risk of, facing, could be */
	CUE_REQUEST,     /* requested, demanded: a state asks for a return */
	CUE_CALL,        /* urge, calls on, must */
	CUE_CONDITIONAL, /* if, unless, would */
	CUE_AUTHORITY,   /* authorities, police, government */
	CUE_PEOPLE,      /* plural people nouns: men, asylum seekers */
	CUE_PERSON,      /* singular people nouns: man, activist */
	CUE_SPEECH,      /* said, told, according to */
	CUE_PATTERN,     /* since, every year, in recent years */
	CUE_HE,          /* he, she, him, her */
	CUE_THEY,        /* they, them */
	CUE_BLOCK,       /* a phrase that is no trigger: deportation centre */
	CUE_NONNAME,     /* capitalised words that are not names */
	CUE_ORGWORD,     /* words that make a name an organisation */
	CUE_TITLE,       /* Mr, Ms, Dr */
	CUE_ABBREV,      /* abbreviations whose dot ends no sentence */
	CUE_APPROX_MORE, /* more than, over, at least */
	CUE_APPROX,      /* around, about, nearly */
	CUE_PRESENT,     /* currently, remains, still */
	CUE_FROM,        /* from, out of */
	CUE_TO,          /* to, into, back to */
	CUE_IN,          /* in, at, inside */
	CUE_BY,          /* by */
	CUE_OFFICE,      /* President, Minister, spokesman */
	CUE_COUNT
};

struct lex_entry {
	enum lex_kind kind;
	int cue;               /* enum cue for LEX_CUE */
	long number;           /* LEX_NUMBER */
	char value[40];
	char origin[3];        /* LEX_GROUP: the group's country of origin */
	int relation;          /* LEX_RELDATE: which relative date */
	int trigger;           /* LEX_TRIGGER: the type its value names (enum
	                        * rw_incident_type), read once; else -1 */
	uint32_t next;         /* next entry of the same phrase, or 0 */
};

struct lexicon;

struct rw_embedded;

/* Loads the embedded rule files (data/extract/). */
int lexicon_load(struct lexicon **ret, struct rw_error *err);
/* Loads the given rule files (an array ended by a NULL name); a bad line
 * fails the load with "FILE:LINE: what is wrong". */
int lexicon_load_files(struct lexicon **ret, const struct rw_embedded *files,
    struct rw_error *err);
void lexicon_free(struct lexicon *lx);
const char *lexicon_version(const struct lexicon *lx);

/* The lexicon's first-word filter: a bit per LEXICON_FILTER_BITS-bit
 * slice of word_hash, set for every word that starts a phrase. */
#define LEXICON_FILTER_BITS 16
const uint64_t *lexicon_first_words(const struct lexicon *lx);

/* False when no phrase can start at a token with this hash: one bit test,
 * for loops that try every token. */
static inline bool lexicon_may_start(const uint64_t *first_words,
    uint32_t hash)
{
	uint32_t bit = hash & ((1u << LEXICON_FILTER_BITS) - 1);

	return (first_words[bit / 64] >> (bit % 64)) & 1;
}

/* Longest phrase starting at token i; returns its length in tokens (0 when
 * none) and its first entry in *ret. */
size_t lexicon_match(const struct lexicon *lx, struct text *t, size_t i,
    const struct lex_entry **ret);
const struct lex_entry *lexicon_next(const struct lexicon *lx,
    const struct lex_entry *e);
/* In a token's cue_bits: its cues have been looked up. */
#define CUE_BITS_KNOWN ((uint32_t)1 << 31)
_Static_assert(CUE_COUNT <= 31, "cue_bits has a bit per cue and one more");

/* Looks up the cues token i is as a single word (bit c for cue c, and
 * CUE_BITS_KNOWN), and keeps them in the token's cue_bits. */
uint32_t lexicon_cue_bits(const struct lexicon *lx, const struct text *t,
    size_t i);

/* True when token i, as a single word, is in the lexicon as cue c (inline:
 * rules ask the same words again and again, and the answer is kept). */
static inline bool lexicon_word_is(const struct lexicon *lx,
    const struct text *t, size_t i, enum cue c)
{
	uint32_t bits;

	if (i >= t->n_tokens)
		return false;
	if (!((bits = t->tokens[i].cue_bits) & CUE_BITS_KNOWN))
		bits = lexicon_cue_bits(lx, t, i);
	return (bits >> c) & 1;
}

/* ---- mentions: what each token span means ---- */

enum mention_kind {
	M_COUNTRY, M_PLACE, M_GROUP, M_ORG, M_LAW, M_TRIGGER, M_CUE,
	M_NUMBER, M_COUNT, M_DATE, M_PERSON,
};

struct mention {
	enum mention_kind kind;
	size_t first, last;     /* tokens [first, last) */
	const struct lex_entry *entry; /* lexicon entry, or NULL */
	int cue;                /* M_CUE */
	long number;            /* M_NUMBER, M_COUNT */
	struct rw_date date;    /* M_DATE */
	char iso[3];            /* M_COUNTRY, M_PLACE */
	bool possessive;        /* M_PERSON followed by 's: a relation */
	size_t sentence;        /* index of its sentence */
	/* M_PERSON: full name as written, zero-padded; last, as only
	 * person mentions write it (the others leave it unset) */
	char name[RW_PERSON_NAME_MAX];
};

struct mentions {
	struct mention *items;
	size_t n, cap;
};

/* The words of the names of people found so far, each with the person
 * mention that used it last: a single word repeating one ("Rozi" after
 * "Nurmemet Rozi") is that person. Open addressing on the tokens'
 * word_hash, so a lookup costs one probe and a compare. */
struct name_words {
	struct name_word {
		const char *word; /* normalised; NULL in an empty slot */
		uint32_t hash;    /* word_hash of word */
		size_t person;    /* index of the person mention */
	} *slots;
	size_t n, cap;            /* cap: 0 or a power of two */
};

/* Word (with its hash) now belongs to person; RW_ENOMEM when it cannot
 * be kept. The word must outlive the table. */
int name_words_put(struct name_words *nw, const char *word, uint32_t hash,
    size_t person);
/* The person word belongs to, in *ret; false when it names no one. */
bool name_words_get(const struct name_words *nw, const char *word,
    uint32_t hash, size_t *ret);
void name_words_free(struct name_words *nw);

/* "X, also known as Y", "alias Y", "aka Y": the name starting at token
 * first is another name of someone already named. */
bool name_is_alias(const struct text *t, size_t first);
int mentions_find(const struct lexicon *lx, struct text *t,
    const struct rw_date *published, struct mentions *ms,
    struct rw_error *err);
void mentions_free(struct mentions *ms);

/* ---- incidents ---- */

int incidents_assemble(const struct lexicon *lx, struct text *t,
    const struct mentions *ms, const struct rw_date *published,
    struct rw_extraction *out, struct rw_error *err);

/* ---- dates ---- */

/* Names a relative date rule of dates.tsv; -1 when unknown. */
int reldate_parse(const char *name);
/* Resolves a relative date against from (the published date, or the date
 * the text gave last for "then-" rules); word is the phrase's last
 * normalised word (the weekday or month it names), count the number
 * written before it ("six weeks ago") or -1 when there is none. */
bool reldate_resolve(int relation, const char *word, long count,
    const struct rw_date *from, struct rw_date *ret);
/* An absolute or partial date starting at token i: its length in tokens,
 * or 0. A day and month without a year take the year from published. */
size_t date_at(const struct text *t, size_t i, const struct rw_date *published,
    struct rw_date *ret);

#endif
