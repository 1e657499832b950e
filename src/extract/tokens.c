/* tokens.c: splitting a text into tokens and sentences for the extractor.
 *
 * One pass over the bytes. Words keep their byte span and get a normalised
 * form (lower case, diacritics removed) that the lexicon matches against.
 * Invalid UTF-8 separates tokens and is otherwise skipped, so the valid
 * text around it is still read. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/array.h"
#include "core/swar.h"
#include "core/utf8.h"
#include "extract/extract-int.h"

/* The word paths read eight bytes at a time, first byte lowest. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
    "the tokeniser reads text in little-endian words");

/* Bytes of text whose tokens are allocated before reading them. */
#define TOKENIZE_UPFRONT_MAX ((size_t)4 << 20)

enum char_class {
	C_SPACE, C_NEWLINE, C_PAGE, C_LETTER, C_DIGIT, C_APOSTROPHE, C_PUNCT,
	C_SKIP,
};

struct cursor {
	const unsigned char *s;
	size_t len, pos;
};

static enum char_class classify(uint32_t cp, size_t used)
{
	if (cp == RW_UTF8_REPLACEMENT && used == 1)
		return C_SKIP;
	if (cp == '\n')
		return C_NEWLINE;
	if (cp == '\f')
		return C_PAGE;
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' ||
	    cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	    cp == 0x3000)
		return C_SPACE;
	if (cp == 0x200B || cp == 0xAD || cp == 0xFEFF || cp < 0x20 ||
	    cp == RW_UTF8_REPLACEMENT)
		return C_SKIP;
	if (cp == '\'' || cp == 0x2019)
		return C_APOSTROPHE;
	if (cp < 0x80) {
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return C_LETTER;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return C_PUNCT;
	}
	if (g_unichar_isdigit(cp))
		return C_DIGIT;
	if (g_unichar_isalpha(cp) || g_unichar_ismark(cp))
		return C_LETTER;
	return C_PUNCT;
}

static enum char_class ascii_class(unsigned char b)
{
	if ((unsigned)((b | 0x20) - 'a') < 26)
		return C_LETTER;
	if ((unsigned)(b - '0') < 10)
		return C_DIGIT;
	if (b == ' ' || b == '\t' || b == '\r' || b == '\v')
		return C_SPACE;
	if (b == '\n')
		return C_NEWLINE;
	if (b == '\f')
		return C_PAGE;
	if (b == '\'')
		return C_APOSTROPHE;
	return b < 0x20 || b == 0x7F ? C_SKIP : C_PUNCT;
}

static uint32_t peek(const struct cursor *c, size_t at, size_t *used)
{
	uint32_t cp;

	if (at >= c->len) {
		*used = 0;
		return 0;
	}
	*used = rw_utf8_decode(c->s + at, c->len - at, &cp);
	return cp;
}

static enum char_class class_at(const struct cursor *c, size_t at,
    uint32_t *ret_cp, size_t *used)
{
	uint32_t cp;

	if (at < c->len && c->s[at] < 0x80) {
		/* ASCII: the common case, without decoding */
		cp = c->s[at];
		*used = 1;
		if (ret_cp)
			*ret_cp = cp;
		return ascii_class((unsigned char)cp);
	}
	cp = peek(c, at, used);

	if (ret_cp)
		*ret_cp = cp;
	return *used ? classify(cp, *used) : C_SKIP;
}

/* Letters some scripts write as one base letter plus nothing ICU-free
 * decomposition can strip. */
static uint32_t fold_special(uint32_t cp)
{
	switch (cp) {
	case 0x131: return 'i'; /* dotless i */
	case 0xF8: case 0xD8: return 'o';
	case 0x142: case 0x141: return 'l';
	case 0x111: case 0x110: return 'd';
	case 0xDF: return 's';
	default: return cp;
	}
}

static int norm_append(struct rw_buf *b, uint32_t cp)
{
	gunichar decomposed[8];
	gsize n;

	if (cp < 0x80)
		return rw_buf_append_char(b, (char)g_ascii_tolower((gchar)cp));
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
		return rw_buf_append_char(b, '\'');
	case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
		return rw_buf_append_char(b, '"');
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return rw_buf_append_char(b, '-');
	case 0x2022: case 0x25CF: case 0x25AA:
		return rw_buf_append_char(b, '*');
	default:
		break;
	}
	if (g_unichar_ismark(cp))
		return 0;
	cp = fold_special(cp);
	n = g_unichar_fully_decompose(cp, FALSE, decomposed, 8);
	if (n > 0)
		cp = decomposed[0];
	cp = g_unichar_tolower(cp);
	if (cp < 0x80)
		return rw_buf_append_char(b, (char)cp);
	return rw_utf8_encode(b, cp);
}

static int push_token(struct text *t, size_t start, size_t end,
    uint16_t flags, struct rw_error *err)
{
	struct cursor c = {(const unsigned char *)t->data, end, start};
	struct token *tok;
	size_t norm_start = t->norm.len;
	int letters = 0, upper = 0, first = 1;

	if (rw_array_room(t->tokens, t->n_tokens, t->cap_tokens, 256) < 0)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	/* A folded character never takes more than twice its bytes, so the
	 * ASCII loop below writes without further checks. */
	if (rw_buf_reserve(&t->norm, 2 * (end - start) + 1) < 0)
		return rw_error_set(err, RW_ETOOBIG, "text too large to read");
	while (c.pos < end) {
		size_t used;
		uint32_t cp;
		unsigned char byte = c.s[c.pos];
		if (byte < 0x80) {
			/* ASCII: no tables needed */
			bool upper_case = byte >= 'A' && byte <= 'Z';
			if (upper_case || (byte >= 'a' && byte <= 'z')) {
				letters++;
				if (upper_case) {
					upper++;
					if (first)
						flags |= TOKEN_CAPITAL;
				}
				first = 0;
			}
			t->norm.data[t->norm.len++] = (char)(upper_case ?
			    byte + 32 : byte);
			c.pos++;
			continue;
		}
		cp = peek(&c, c.pos, &used);
		if (classify(cp, used) != C_SKIP) {
			if (g_unichar_isalpha(cp)) {
				letters++;
				if (g_unichar_isupper(cp) || g_unichar_istitle(cp)) {
					upper++;
					if (first)
						flags |= TOKEN_CAPITAL;
				}
				first = 0;
			}
			if (norm_append(&t->norm, cp) < 0)
				return rw_error_set(err, RW_ETOOBIG,
				    "text too large to read");
		}
		c.pos += used;
	}
	if (rw_buf_append_char(&t->norm, '\0') < 0)
		return rw_error_set(err, RW_ETOOBIG, "text too large to read");
	if (letters >= 2 && upper == letters)
		flags |= TOKEN_UPPER;
	tok = &t->tokens[t->n_tokens++];
	tok->start = (uint32_t)start;
	tok->end = (uint32_t)end;
	tok->norm = (uint32_t)norm_start;
	tok->norm_len = (uint16_t)(t->norm.len - 1 - norm_start > 0xFFFF ?
	    0xFFFF : t->norm.len - 1 - norm_start);
	tok->hash = word_hash(t->norm.data + norm_start, tok->norm_len);
	tok->flags = flags;
	tok->punct = !(flags & TOKEN_WORD) && tok->norm_len == 1 ?
	    t->norm.data[norm_start] : 0;
	tok->cue_bits = 0;
	return 0;
}

/* ASCII letters and digits for the word paths, one table load per byte:
 * the byte lower-cased; 0 for every other byte. Letters fold above '9'. */
#define W_LETTERS(c) [c] = (c) + 32, [(c) + 32] = (c) + 32
static const unsigned char ascii_word[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	W_LETTERS('A'), W_LETTERS('B'), W_LETTERS('C'), W_LETTERS('D'),
	W_LETTERS('E'), W_LETTERS('F'), W_LETTERS('G'), W_LETTERS('H'),
	W_LETTERS('I'), W_LETTERS('J'), W_LETTERS('K'), W_LETTERS('L'),
	W_LETTERS('M'), W_LETTERS('N'), W_LETTERS('O'), W_LETTERS('P'),
	W_LETTERS('Q'), W_LETTERS('R'), W_LETTERS('S'), W_LETTERS('T'),
	W_LETTERS('U'), W_LETTERS('V'), W_LETTERS('W'), W_LETTERS('X'),
	W_LETTERS('Y'), W_LETTERS('Z'),
};
#undef W_LETTERS

static bool ascii_is_letter(unsigned char b)
{
	return ascii_word[b] > '9';
}

static bool ascii_is_upper(unsigned char b)
{
	return b >= 'A' && b <= 'Z';
}

static bool ascii_is_lower(unsigned char b)
{
	return b >= 'a' && b <= 'z';
}

/* Does the byte that ends an ASCII word hand the word to word_end
 * instead: a non-ASCII letter, an apostrophe, or "." or "," inside an
 * initialism or a number? */
static bool ascii_word_continues(const unsigned char *s, size_t len,
    size_t pos)
{
	unsigned char b = s[pos];

	if (b == ' ')
		return false; /* the most common end, first */
	return b >= 0x80 || b == '\'' || ((b == '.' || b == ',') &&
	    pos + 1 < len && ascii_word[s[pos + 1]] != 0);
}

/* TOKEN_CAPITAL and TOKEN_UPPER for the ASCII word w of n bytes. A
 * lower-case first letter, or one after it, settles both at once. */
static uint16_t ascii_case_flags(const unsigned char *w, size_t n)
{
	size_t i = 0, letters = 1;

	if (ascii_is_lower(w[0]))
		return 0; /* the most common word */
	while (i < n && !ascii_is_letter(w[i]))
		i++;
	if (i == n || !ascii_is_upper(w[i]))
		return 0;
	for (i++; i < n; i++) {
		if (ascii_is_letter(w[i]) && !ascii_is_upper(w[i]))
			return TOKEN_CAPITAL;
		letters += ascii_is_letter(w[i]);
	}
	/* every letter upper case: an acronym when there are two */
	return letters >= 2 ? TOKEN_CAPITAL | TOKEN_UPPER : TOKEN_CAPITAL;
}

/* The ASCII letters and digits of the eight bytes x (0x80 in each such
 * byte, 0 in the others), and x with its letters lower-cased in
 * *folded: the case bit 0x20 is the letter mark shifted down by two. */
static inline uint64_t fold_chunk(uint64_t x, uint64_t *folded)
{
	uint64_t letters = rw_swar_between_each(x | RW_SWAR_ONES * 0x20,
	    'a', 'z');

	*folded = x | letters >> 2;
	return letters | rw_swar_between_each(x, '0', '9');
}

/* Lower-cases the run of ASCII letters and digits at pos into out
 * (indexed like s, with room for eight bytes past the run) and hashes
 * it (word_hash) into *ret_hash, eight bytes at a time; returns where
 * the run ends. The text's last bytes are read from a zero-padded copy,
 * and a zero ends the run. */
static size_t fold_ascii_run(const unsigned char *s, size_t len, size_t pos,
    unsigned char *restrict out, uint32_t *ret_hash)
{
	uint64_t h = WORD_HASH_SEED;

	for (;;) {
		uint64_t x, folded, ends;
		size_t n;

		if (pos + 8 <= len) {
			x = rw_swar_load(s + pos);
		} else {
			unsigned char last[8] = {0};
			memcpy(last, s + pos, len - pos);
			x = rw_swar_load(last);
		}
		ends = ~fold_chunk(x, &folded) & RW_SWAR_ONES * 0x80;
		memcpy(out + pos, &folded, 8);
		if (!ends) {
			h = word_hash_step(h, folded);
			pos += 8;
			continue;
		}
		n = (size_t)__builtin_ctzll(ends) / 8; /* bytes before the end */
		if (n)
			h = word_hash_step(h, folded &
			    (~(uint64_t)0 >> (64 - 8 * n)));
		*ret_hash = word_hash_end(h);
		return pos + n;
	}
}

/* The common word: ASCII letters and digits up to a byte that cannot
 * continue it (word_end's apostrophes, initialisms and digit groups, and
 * every non-ASCII letter, go the general way). Lower-cases and hashes it
 * in one pass. Returns its end, or 0 when the word needs word_end and
 * push_token. */
static size_t push_ascii_word(struct text *t, size_t start, uint16_t flags,
    int *rc, struct rw_error *err)
{
	const unsigned char *s = (const unsigned char *)t->data;
	size_t pos, n;
	uint32_t hash;
	unsigned char *out;

	if (rw_array_room(t->tokens, t->n_tokens, t->cap_tokens, 256) < 0) {
		*rc = rw_error_set(err, RW_ENOMEM, "out of memory");
		return 0;
	}
	/* the rest of the text, eight bytes of overrun and the NUL */
	if (rw_buf_reserve(&t->norm, t->len - start + 9) < 0) {
		*rc = rw_error_set(err, RW_ETOOBIG, "text too large to read");
		return 0;
	}
	out = (unsigned char *)t->norm.data + t->norm.len - start;
	pos = fold_ascii_run(s, t->len, start, out, &hash);
	n = pos - start;
	if (n >= 0xFFFF || (pos < t->len &&
	    ascii_word_continues(s, t->len, pos))) {
		t->norm.data[t->norm.len] = '\0'; /* what was written is dropped */
		return 0;
	}
	out[pos] = '\0';
	flags |= ascii_case_flags(s + start, n);
	t->tokens[t->n_tokens++] = (struct token){(uint32_t)start,
	    (uint32_t)pos, (uint32_t)t->norm.len, hash, (uint16_t)n, flags};
	t->norm.len += n + 1;
	t->norm.data[t->norm.len] = '\0';
	return pos;
}

/* A one-byte ASCII punctuation token: its normal form is itself. */
static int push_ascii_mark(struct text *t, size_t pos, uint16_t flags,
    struct rw_error *err)
{
	char mark = t->data[pos];

	if (rw_array_room(t->tokens, t->n_tokens, t->cap_tokens, 256) < 0)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	if (rw_buf_reserve(&t->norm, 2) < 0)
		return rw_error_set(err, RW_ETOOBIG, "text too large to read");
	t->tokens[t->n_tokens++] = (struct token){(uint32_t)pos,
	    (uint32_t)pos + 1, (uint32_t)t->norm.len, word_hash(&mark, 1), 1,
	    flags, mark};
	t->norm.data[t->norm.len++] = mark;
	t->norm.data[t->norm.len++] = '\0';
	t->norm.data[t->norm.len] = '\0';
	return 0;
}

/* End of the word starting at pos: letters and digits, joined by an
 * apostrophe inside a word, by "." in initialisms (U.S.) and by "," or "."
 * between digits (1,500). A final 's is left for its own token. */
static size_t word_end(const struct cursor *c, size_t pos, int *possessive_at)
{
	size_t used, u2, u3;
	enum char_class prev = C_SKIP;
	size_t segment = 0;

	*possessive_at = -1;
	for (;;) {
		uint32_t cp, next_cp;
		enum char_class k;
		/* the common case: a run of ASCII letters and digits */
		while (pos < c->len && ascii_word[c->s[pos]]) {
			prev = ascii_is_letter(c->s[pos]) ? C_LETTER : C_DIGIT;
			pos++;
			segment++;
		}
		k = class_at(c, pos, &cp, &used);
		if (k == C_LETTER || k == C_DIGIT) {
			pos += used;
			prev = k;
			segment++;
		} else if (k == C_APOSTROPHE && prev == C_LETTER &&
		    class_at(c, pos + used, &next_cp, &u2) == C_LETTER) {
			enum char_class after = class_at(c, pos + used + u2,
			    NULL, &u3);
			if ((next_cp == 's' || next_cp == 'S') &&
			    after != C_LETTER && after != C_DIGIT) {
				*possessive_at = (int)pos;
				return pos;
			}
			pos += used;
			segment = 0;
		} else if ((cp == ',' || cp == '.') && prev == C_DIGIT &&
		    class_at(c, pos + 1, NULL, &u2) == C_DIGIT) {
			pos += 1;
		} else if (cp == '.' && prev == C_LETTER && segment == 1 &&
		    class_at(c, pos + 1, NULL, &u2) == C_LETTER &&
		    pos + 2 < c->len && c->s[pos + 2] == '.') {
			pos += 1;
			segment = 0;
		} else {
			return pos;
		}
	}
}

int text_tokenize(struct text *t, const char *data, size_t len,
    struct rw_error *err)
{
	struct cursor c = {(const unsigned char *)data, len, 0};
	uint16_t pending = 0;
	int newlines = 0;
	size_t upfront;
	int rc;

	memset(t, 0, sizeof(*t));
	t->data = data;
	t->len = len;
	rw_buf_init(&t->norm, (size_t)UINT32_MAX);
	/* Room for a typical text up front (a token per five bytes, normal
	 * forms about as long as the text), so that growing is rare; huge
	 * texts start at a cap and grow as they go. */
	upfront = len < TOKENIZE_UPFRONT_MAX ? len : TOKENIZE_UPFRONT_MAX;
	t->cap_tokens = upfront / 5 + 16;
	t->tokens = malloc(t->cap_tokens * sizeof(*t->tokens));
	if (t->tokens == NULL ||
	    rw_buf_reserve(&t->norm, upfront + upfront / 4 + 16) < 0)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	while (c.pos < len) {
		size_t used;
		uint32_t cp;
		enum char_class k;

		t->work++;
		if (data[c.pos] == ' ') { /* the most common byte, first */
			pending |= TOKEN_SPACE;
			c.pos++;
			continue;
		}
		/* then the most common token: a plain ASCII word */
		if (ascii_word[(unsigned char)data[c.pos]]) {
			size_t end;
			rc = 0;
			end = push_ascii_word(t, c.pos, pending | TOKEN_WORD |
			    (ascii_is_letter((unsigned char)data[c.pos]) ?
			    0 : TOKEN_NUMBER), &rc, err);
			if (rc < 0)
				return rc;
			if (end != 0) {
				t->work += end - c.pos;
				c.pos = end;
				pending = 0;
				newlines = 0;
				/* most often a space follows: taken here, it
				 * saves a turn of the loop */
				if (c.pos < len && data[c.pos] == ' ') {
					t->work++;
					pending = TOKEN_SPACE;
					c.pos++;
				}
				continue;
			}
		}
		k = class_at(&c, c.pos, &cp, &used);
		switch (k) {
		case C_SPACE:
			pending |= TOKEN_SPACE;
			c.pos += used;
			continue;
		case C_NEWLINE:
		case C_PAGE:
			pending |= TOKEN_SPACE | TOKEN_NEWLINE;
			if (++newlines >= 2 || k == C_PAGE)
				pending |= TOKEN_PARAGRAPH;
			c.pos += used;
			continue;
		case C_SKIP:
			pending |= TOKEN_SPACE;
			c.pos += used ? used : 1;
			continue;
		case C_LETTER:
		case C_DIGIT: {
			int possessive_at = -1;
			uint16_t flags = pending | TOKEN_WORD;
			size_t end;
			if (k == C_DIGIT)
				flags |= TOKEN_NUMBER;
			/* plain ASCII words were taken above: this one needs
			 * the general path */
			end = word_end(&c, c.pos, &possessive_at);
			if ((rc = push_token(t, c.pos, end, flags, err)) < 0)
				return rc;
			t->work += end - c.pos;
			c.pos = end;
			if (possessive_at >= 0) {
				size_t u1, u2;
				peek(&c, c.pos, &u1);
				peek(&c, c.pos + u1, &u2);
				if ((rc = push_token(t, c.pos, c.pos + u1 + u2,
				    TOKEN_WORD | TOKEN_POSSESSIVE, err)) < 0)
					return rc;
				c.pos += u1 + u2;
			}
			break;
		}
		case C_APOSTROPHE:
		case C_PUNCT:
			if ((rc = cp < 0x80 ?
			    push_ascii_mark(t, c.pos, pending, err) :
			    push_token(t, c.pos, c.pos + used, pending, err)) < 0)
				return rc;
			c.pos += used;
			break;
		}
		pending = 0;
		newlines = 0;
	}
	return 0;
}

void text_free(struct text *t)
{
	free(t->tokens);
	free(t->sentences);
	rw_buf_free(&t->norm);
	memset(t, 0, sizeof(*t));
}

static bool sentence_opens(const struct text *t, size_t i)
{
	const struct token *tok = &t->tokens[i];

	if (tok->flags & TOKEN_PARAGRAPH)
		return true;
	if (!(tok->flags & TOKEN_NEWLINE))
		return false;
	/* a list item or a heading on its own line */
	return token_punct(t, i, '-') || token_punct(t, i, '*') ||
	    token_punct(t, i, '#') || token_punct(t, i, '>');
}

static bool is_closer(const struct text *t, size_t i)
{
	return token_punct(t, i, '"') || token_punct(t, i, '\'') ||
	    token_punct(t, i, ')') || token_punct(t, i, ']') ||
	    token_punct(t, i, '*');
}

/* Does the full stop at token i end a sentence? Not after an
 * abbreviation or an initial, nor before a lower-case word. */
static bool stop_ends(const struct text *t, const struct lexicon *lx,
    size_t i)
{
	size_t next = i + 1;

	if (i > 0 && token_punct(t, i, '.') && !(t->tokens[i].flags &
	    TOKEN_SPACE) && (t->tokens[i - 1].flags & TOKEN_WORD)) {
		if ((t->tokens[i - 1].norm_len == 1 &&
		    (t->tokens[i - 1].flags & TOKEN_CAPITAL)) ||
		    lexicon_word_is(lx, t, i - 1, CUE_ABBREV))
			return false;
	}
	while (next < t->n_tokens && is_closer(t, next) &&
	    !(t->tokens[next].flags & TOKEN_SPACE))
		next++;
	if (next >= t->n_tokens)
		return true;
	if (t->tokens[next].flags & TOKEN_PARAGRAPH)
		return true;
	if ((t->tokens[next].flags & TOKEN_WORD) &&
	    !(t->tokens[next].flags & (TOKEN_CAPITAL | TOKEN_NUMBER)))
		return false;
	return (t->tokens[next].flags & TOKEN_SPACE) != 0;
}

/* Long words seen in a sentence so far, and how many are capitalised:
 * a headline has most of them capitalised. */
struct headline {
	size_t long_words, capital;
};

/* A headline has no full stop; a sentence that ends with one and has a
 * long word in lower case ("• 3 January — Police in Rawalpindi arrest
 * three Uyghur men, Abdusalam Tohti, ... at a guesthouse near Raja
 * Bazaar.", "Police in Bangkok released Somchai Wongsa on 8 March.") is
 * body text full of names. */
static bool ends_as_prose(const struct text *t, size_t first, size_t last,
    const struct headline *h)
{
	size_t k = last;

	while (k > first && is_closer(t, k - 1))
		k--;
	return k > first && token_punct(t, k - 1, '.') &&
	    h->long_words - h->capital >= 1;
}

static void headline_count(struct headline *h, const struct token *tok)
{
	/* without branches: long words and short ones alternate at random */
	bool long_word = (tok->flags & (TOKEN_WORD | TOKEN_NUMBER)) ==
	    TOKEN_WORD && tok->norm_len >= 4;

	h->long_words += long_word;
	h->capital += long_word & ((tok->flags & TOKEN_CAPITAL) != 0);
}

/* Counts into h the words inside a line from token i on, while the
 * sentence that starts at first is shorter than its longest: most tokens,
 * with nothing to decide. Returns the first token that is no such word. */
static size_t count_plain_words(const struct text *t, size_t i, size_t first,
    struct headline *h)
{
	size_t end = t->n_tokens - first > SENTENCE_MAX_TOKENS ?
	    first + SENTENCE_MAX_TOKENS : t->n_tokens;

	for (; i < end; i++) {
		const struct token *tok = &t->tokens[i];
		if ((tok->flags & (TOKEN_WORD | TOKEN_NEWLINE |
		    TOKEN_PARAGRAPH)) != TOKEN_WORD)
			break;
		headline_count(h, tok);
	}
	return i;
}

/* Adds the sentence [first, last) and starts counting the next one. */
static int push_sentence(struct text *t, size_t first, size_t last,
    bool paragraph, struct headline *h, struct rw_error *err)
{
	/* (a headline is a line of its own: a sentence with another one
	 * before or after it on its line is prose, "They include A, B and
	 * C.") */
	bool title = h->long_words >= 3 && h->capital * 4 >= h->long_words * 3 &&
	    !ends_as_prose(t, first, last, h) && (first == 0 ||
	    (first < t->n_tokens && (t->tokens[first].flags &
	    (TOKEN_NEWLINE | TOKEN_PARAGRAPH)))) && (last >= t->n_tokens ||
	    (t->tokens[last].flags & (TOKEN_NEWLINE | TOKEN_PARAGRAPH)));

	*h = (struct headline){0, 0};
	if (last <= first)
		return 0;
	if (rw_array_room(t->sentences, t->n_sentences, t->cap_sentences,
	    64) < 0)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	t->sentences[t->n_sentences++] = (struct sentence){first, last,
	    paragraph, title};
	return 0;
}

int text_split(struct text *t, const struct lexicon *lx, struct rw_error *err)
{
	struct headline h = {0, 0};
	size_t first = 0;
	bool paragraph = true;
	int rc;

	for (size_t i = 0; i < t->n_tokens; i++) {
		size_t next = count_plain_words(t, i, first, &h);
		const struct token *tok;
		t->work += next - i;
		if ((i = next) == t->n_tokens)
			break;
		tok = &t->tokens[i];
		t->work++;
		if (i > first && (sentence_opens(t, i) ||
		    i - first >= SENTENCE_MAX_TOKENS)) {
			if ((rc = push_sentence(t, first, i, paragraph, &h,
			    err)) < 0)
				return rc;
			first = i;
			paragraph = true;
		}
		headline_count(&h, tok);
		if ((token_punct(t, i, '.') || token_punct(t, i, '!') ||
		    token_punct(t, i, '?')) && stop_ends(t, lx, i)) {
			size_t end = i + 1;
			while (end < t->n_tokens && is_closer(t, end) &&
			    !(t->tokens[end].flags & TOKEN_SPACE))
				end++;
			if ((rc = push_sentence(t, first, end, paragraph, &h,
			    err)) < 0)
				return rc;
			first = end;
			i = end - 1;
			paragraph = false;
		}
	}
	return push_sentence(t, first, t->n_tokens, paragraph, &h, err);
}

bool sentence_is_heading(const struct text *t, const struct sentence *s)
{
	size_t words = 0;
	size_t last = s->last - 1;

	if (s->title_case)
		return true;
	while (last > s->first && is_closer(t, last))
		last--;
	if (token_punct(t, last, '.') || token_punct(t, last, '!') ||
	    token_punct(t, last, '?') || token_punct(t, last, ':') ||
	    token_punct(t, last, ';') || token_punct(t, last, ','))
		return false;
	if (s->last < t->n_tokens &&
	    !(t->tokens[s->last].flags & TOKEN_NEWLINE))
		return false;
	for (size_t k = s->first; k < s->last; k++)
		words += (t->tokens[k].flags & TOKEN_WORD) != 0;
	return words < 20;
}
