/* name-match.h: deciding whether two differently written person names
 * name the same person, and which rule says so.
 *
 * Names are compared through a key: the name transliterated to Latin (ICU
 * Any-Latin, with our own rules for Cyrillic and Arabic-script Uyghur, see
 * name-match.c), folded to lower-case ASCII where the script allows, with
 * punctuation and hyphens as spaces and single spaces between tokens.
 * Functions are thread-safe (each thread keeps its own ICU
 * transliterators). */
#ifndef RW_PEOPLE_NAME_MATCH_H
#define RW_PEOPLE_NAME_MATCH_H

#include <stddef.h>

#include "core/error.h"

/* Longest name accepted, in bytes of UTF-8. */
#define RW_NAME_MAX 256

enum rw_name_rule {
	RW_NAME_NONE = 0,      /* not the same name */
	RW_NAME_EXACT,         /* byte-identical */
	RW_NAME_CASE,          /* differs only in case, diacritics, hyphens, spacing or punctuation */
	RW_NAME_TRANSLIT,      /* same after transliteration to Latin (Han to pinyin without tones, Cyrillic, Arabic-script Uyghur) */
	RW_NAME_ORDER,         /* same tokens in another order (family name first/last), or a Chinese given name written joined vs split ("Xinyan" / "Xin Yan") */
	RW_NAME_ETHNONYM,      /* same after treating ethnonym spelling variants as one (Uighur/Uyghur, Kazak/Kazakh, Tibetian/Tibetan ...) */
};

/* Fills out (NUL-terminated, capped) with the comparison key of name:
 * Latin, lower case, no diacritics, hyphens/punctuation as spaces, single
 * spaces. Returns length or a negative RW_E* code: RW_EINVAL for NULL
 * arguments, cap 0 or invalid UTF-8, RW_ETOOBIG for a name over RW_NAME_MAX
 * bytes or a key that does not fit in cap (out then holds as much of the
 * key as fits, cut between characters), RW_ENOMEM, or RW_EFORMAT when ICU
 * cannot open its transliterator. Letters of scripts ICU cannot
 * transliterate are kept as they are; an empty or all-punctuation name
 * gives an empty key (length 0). */
int rw_name_key(const char *name, char *out, size_t cap, struct rw_error *err);

/* The strongest rule under which a and b name the same person (first
 * matching in the enum order above), or RW_NAME_NONE. Names that are NULL,
 * empty, not valid UTF-8, over RW_NAME_MAX bytes or without a single letter
 * or digit match nothing, not even themselves. */
enum rw_name_rule rw_name_match(const char *a, const char *b);

/* "exact", "case", "transliteration", "name order", "ethnonym", "none" */
const char *rw_name_rule_name(enum rw_name_rule rule);

#endif
