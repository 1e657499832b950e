/* name-match.c: deciding whether two person names written differently name
 * the same person (case, diacritics, script, order, ethnonym spellings).
 *
 * Two keys per name, both from ICU transliterators built once from the rule
 * sets below and cloned once per thread (ICU transliterators must not be
 * shared between threads unsynchronised):
 *
 *   fold key  case, compatibility forms, Latin diacritics and punctuation
 *             folded, but every script left as it is (RW_NAME_CASE);
 *   full key  the fold plus transliteration to Latin (RW_NAME_TRANSLIT and
 *             the rules after it).
 *
 * Keys are compared as token lists. Two lists match "in order" when one
 * list is the other with some neighbouring tokens joined ("guang ping" /
 * "guangping", and the syllable-per-token pinyin ICU gives for Han against
 * "Xi Jinping"); merely equal letters are not enough ("Lin A" is not
 * "Li Na"). They match "in any order" when some order of one list matches
 * the other in order ("Xinyan Zhang" / "zhang xin yan").
 *
 * Transliteration choices (ICU's own Any-Latin covers Han, Greek, Serbian
 * Cyrillic, Arabic and the rest; we put two rule blocks in front of it):
 *
 *   Cyrillic  ICU follows ISO 9 (ж ž, х h, ю û, я â), which after
 *             Latin-ASCII gives "Kenzebaev", "Ulia". We use the
 *             English-language (BGN/PCGN-like) spelling names are written
 *             in: ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya, й y,
 *             ы y, ё e, е e (also word-initially: "Erlan", not "Yerlan"),
 *             ь ъ dropped; Kazakh/Kyrgyz ә a, ғ g, қ k, ң ng, ө o, ұ u,
 *             ү u, һ h, і i; җ j; Ukrainian ї yi, є ye, ґ g.
 *   Uyghur    ICU's Arabic-Latin does not know the Uyghur letters (ۇ ې ھ ە
 *             come out unchanged) and turns the hamza seat ئ into "ỷ". We
 *             use the Uyghur Latin alphabet (ULY) with two changes towards
 *             the spellings used in English-language reporting: خ is h
 *             (ULY x; "Tohti", not "Toxti") and the hamza seat ئ is
 *             dropped. So ج j, چ ch, ژ zh, ش sh, غ gh, ق q, ڭ ng, ۋ w,
 *             ې é and ە e (both e), ۆ ö, ۈ ü (o, u), ى i, ي y.
 *             Arabic vowel marks (harakat) are dropped, so vocalised and
 *             bare spellings agree.
 *   Han       ICU Han-Latin: Mandarin pinyin, one token per syllable, tones
 *             removed by Latin-ASCII ("xi jin ping"); ü becomes u ("lu").
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "core/utf8.h"
#include "people/name-match.h"

/* Orders tried exhaustively for RW_NAME_ORDER: up to 7 tokens (5040
 * orders) on the side being reordered; longer names only match as the
 * same multiset of tokens. */
#define NAME_PERMUTE_MAX 7

/* Transliteration may lengthen text a lot (NFKC of U+FDFA alone gives 18
 * letters): room per UTF-16 unit of input. */
#define NAME_GROWTH 64

/* Marks (accents) after a Latin letter go; marks in other scripts stay,
 * so Cyrillic й keeps its breve in the fold key. */
#define RULES_LATIN_MARKS \
	"::NFD;\n" \
	"[:Latin:] { [:Mn:]+ > ;\n" \
	"::NFC;\n"

/* The fold key: same script, no case, no Latin diacritics. Spacing
 * modifier letters (Uzbek oʻ, ayn ʿ) are dropped like punctuation inside a
 * word; other modifier letters (Japanese ー) are part of their script. */
static const char rw_name_fold_rules[] =
	"::NFKC;\n"
	"::Latin-ASCII;\n"
	"::Lower;\n"
	"[\\u02B0-\\u02FF] > ;\n"
	RULES_LATIN_MARKS;

/* Cyrillic to Latin as names are spelt in English-language documents (see
 * the top of this file); applied to lower-case text. */
#define RULES_CYRILLIC \
	"\\u0430 > a;\n"    /* а */ \
	"\\u0431 > b;\n"    /* б */ \
	"\\u0432 > v;\n"    /* в */ \
	"\\u0433 > g;\n"    /* г */ \
	"\\u0434 > d;\n"    /* д */ \
	"\\u0435 > e;\n"    /* е */ \
	"\\u0451 > e;\n"    /* ё */ \
	"\\u0436 > zh;\n"   /* ж */ \
	"\\u0437 > z;\n"    /* з */ \
	"\\u0438 > i;\n"    /* и */ \
	"\\u0439 > y;\n"    /* й */ \
	"\\u043A > k;\n"    /* к */ \
	"\\u043B > l;\n"    /* л */ \
	"\\u043C > m;\n"    /* м */ \
	"\\u043D > n;\n"    /* н */ \
	"\\u043E > o;\n"    /* о */ \
	"\\u043F > p;\n"    /* п */ \
	"\\u0440 > r;\n"    /* р */ \
	"\\u0441 > s;\n"    /* с */ \
	"\\u0442 > t;\n"    /* т */ \
	"\\u0443 > u;\n"    /* у */ \
	"\\u0444 > f;\n"    /* ф */ \
	"\\u0445 > kh;\n"   /* х */ \
	"\\u0446 > ts;\n"   /* ц */ \
	"\\u0447 > ch;\n"   /* ч */ \
	"\\u0448 > sh;\n"   /* ш */ \
	"\\u0449 > shch;\n" /* щ */ \
	"\\u044A > ;\n"     /* ъ */ \
	"\\u044B > y;\n"    /* ы */ \
	"\\u044C > ;\n"     /* ь */ \
	"\\u044D > e;\n"    /* э */ \
	"\\u044E > yu;\n"   /* ю */ \
	"\\u044F > ya;\n"   /* я */ \
	"\\u04D9 > a;\n"    /* ә Kazakh, Uyghur */ \
	"\\u0493 > g;\n"    /* ғ */ \
	"\\u049B > k;\n"    /* қ */ \
	"\\u04A3 > ng;\n"   /* ң */ \
	"\\u04E9 > o;\n"    /* ө */ \
	"\\u04B1 > u;\n"    /* ұ */ \
	"\\u04AF > u;\n"    /* ү */ \
	"\\u04BB > h;\n"    /* һ */ \
	"\\u0456 > i;\n"    /* і */ \
	"\\u0497 > j;\n"    /* җ Uyghur */ \
	"\\u0457 > yi;\n"   /* ї Ukrainian */ \
	"\\u0454 > ye;\n"   /* є */ \
	"\\u0491 > g;\n"    /* ґ */

/* Arabic-script Uyghur to Latin (ULY, خ as h, hamza seat dropped). */
#define RULES_UYGHUR \
	"\\u0626 > ;\n"     /* ئ hamza seat */ \
	"\\u0640 > ;\n"     /* tatweel */ \
	"[\\u064B-\\u065F\\u0670] > ;\n" /* harakat */ \
	"\\u0627 > a;\n"    /* ا */ \
	"\\u06D5 > e;\n"    /* ە */ \
	"\\u0628 > b;\n"    /* ب */ \
	"\\u067E > p;\n"    /* پ */ \
	"\\u062A > t;\n"    /* ت */ \
	"\\u062C > j;\n"    /* ج */ \
	"\\u0686 > ch;\n"   /* چ */ \
	"\\u062E > h;\n"    /* خ */ \
	"\\u062F > d;\n"    /* د */ \
	"\\u0631 > r;\n"    /* ر */ \
	"\\u0632 > z;\n"    /* ز */ \
	"\\u0698 > zh;\n"   /* ژ */ \
	"\\u0633 > s;\n"    /* س */ \
	"\\u0634 > sh;\n"   /* ش */ \
	"\\u063A > gh;\n"   /* غ */ \
	"\\u0641 > f;\n"    /* ف */ \
	"\\u0642 > q;\n"    /* ق */ \
	"\\u0643 > k;\n"    /* ك */ \
	"\\u06A9 > k;\n"    /* ک */ \
	"\\u06AF > g;\n"    /* گ */ \
	"\\u06AD > ng;\n"   /* ڭ */ \
	"\\u0644 > l;\n"    /* ل */ \
	"\\u0645 > m;\n"    /* م */ \
	"\\u0646 > n;\n"    /* ن */ \
	"\\u06BE > h;\n"    /* ھ */ \
	"\\u0648 > o;\n"    /* و */ \
	"\\u06C7 > u;\n"    /* ۇ */ \
	"\\u06C6 > o;\n"    /* ۆ */ \
	"\\u06C8 > u;\n"    /* ۈ */ \
	"\\u06CB > w;\n"    /* ۋ */ \
	"\\u06D0 > e;\n"    /* ې */ \
	"\\u0649 > i;\n"    /* ى */ \
	"\\u064A > y;\n"    /* ي */

/* The full key: everything to Latin, then the fold. Modifier letters
 * ICU leaves behind (ʿ for ayn) are dropped, not turned into spaces, so
 * they do not split a word. */
static const char rw_name_full_rules[] =
	"::NFKC;\n"
	"::Lower;\n"
	RULES_CYRILLIC
	RULES_UYGHUR
	"::Any-Latin;\n"
	"::Latin-ASCII;\n"
	"::Lower;\n"
	"[:Lm:] > ;\n"
	RULES_LATIN_MARKS;

enum key_kind {
	KEY_FOLD,
	KEY_FULL,
	KEY_KINDS
};

static const char *const rw_name_rules[KEY_KINDS] = {
	[KEY_FOLD] = rw_name_fold_rules,
	[KEY_FULL] = rw_name_full_rules,
};

/* Spelling variants of ethnonyms, in key form (lower-case ASCII), and the
 * one spelling each stands for under RW_NAME_ETHNONYM. */
static const struct {
	const char *variant;
	const char *canonical;
} rw_name_ethnonym_variants[] = {
	{"uighur", "uyghur"}, {"uigur", "uyghur"}, {"uygur", "uyghur"},
	{"uighurs", "uyghurs"}, {"uigurs", "uyghurs"}, {"uygurs", "uyghurs"},
	{"kazak", "kazakh"}, {"qazaq", "kazakh"},
	{"kazaks", "kazakhs"}, {"qazaqs", "kazakhs"},
	{"tibetian", "tibetan"}, {"tibetians", "tibetans"},
	{"kirghiz", "kyrgyz"}, {"kirgiz", "kyrgyz"}, {"qirghiz", "kyrgyz"},
	{"ozbek", "uzbek"}, {"usbek", "uzbek"}, {"uzbeck", "uzbek"},
	{"tadjik", "tajik"}, {"tadzhik", "tajik"}, {"tojik", "tajik"},
	{"turkoman", "turkmen"}, {"turcoman", "turkmen"},
	{"rohinga", "rohingya"}, {"ruaingga", "rohingya"},
	{"hazarah", "hazara"},
};

/* ---- transliterators: built once, cloned per thread ---- */

struct name_thread {
	UTransliterator *trans[KEY_KINDS];
};

static pthread_once_t rw_name_once = PTHREAD_ONCE_INIT;
static pthread_key_t rw_name_tls;
static UTransliterator *rw_name_masters[KEY_KINDS];
static int rw_name_init_code;          /* RW_OK or why init failed */
static UErrorCode rw_name_init_status; /* ICU's reason, if ICU failed */

static void
name_thread_free(void *p)
{
	struct name_thread *th = p;

	for (int k = 0; k < KEY_KINDS; k++)
		if (th->trans[k])
			utrans_close(th->trans[k]);
	free(th);
}

static void
name_init(void)
{
	if (pthread_key_create(&rw_name_tls, name_thread_free) != 0) {
		rw_name_init_code = RW_ENOMEM;
		return;
	}
	for (int k = 0; k < KEY_KINDS; k++) {
		UErrorCode st = U_ZERO_ERROR;
		UParseError pe;
		int32_t n = (int32_t)strlen(rw_name_rules[k]);
		UChar *rules = malloc(((size_t)n + 1) * sizeof(UChar));
		static const UChar id[] = {'r', 'w', '-', 'n', 'a', 'm', 'e', 0};

		if (!rules) {
			rw_name_init_code = RW_ENOMEM;
			return;
		}
		/* The rules are ASCII (\u escapes), so invariant conversion
		 * is exact. */
		u_charsToUChars(rw_name_rules[k], rules, n + 1);
		rw_name_masters[k] = utrans_openU(id, -1, UTRANS_FORWARD,
		    rules, n, &pe, &st);
		free(rules);
		if (U_FAILURE(st)) {
			rw_name_masters[k] = NULL;
			rw_name_init_code = RW_EFORMAT;
			rw_name_init_status = st;
			return;
		}
	}
}

/* This thread's transliterator of the given kind, in *ret. */
static int
name_trans(enum key_kind kind, UTransliterator **ret, struct rw_error *err)
{
	struct name_thread *th;

	pthread_once(&rw_name_once, name_init);
	if (rw_name_init_code == RW_ENOMEM)
		return rw_error_set(err, RW_ENOMEM,
		    "no memory to set up name transliteration");
	if (rw_name_init_code != RW_OK)
		return rw_error_set(err, rw_name_init_code,
		    "ICU could not build the name transliterator (%s); "
		    "is the ICU data library installed?",
		    u_errorName(rw_name_init_status));
	th = pthread_getspecific(rw_name_tls);
	if (!th) {
		th = calloc(1, sizeof(*th));
		if (!th || pthread_setspecific(rw_name_tls, th) != 0) {
			free(th);
			return rw_error_set(err, RW_ENOMEM,
			    "no memory for this thread's name transliterator");
		}
	}
	if (!th->trans[kind]) {
		UErrorCode st = U_ZERO_ERROR;

		th->trans[kind] = utrans_clone(rw_name_masters[kind], &st);
		if (U_FAILURE(st)) {
			if (th->trans[kind])
				utrans_close(th->trans[kind]);
			th->trans[kind] = NULL;
			return rw_error_set(err, RW_ENOMEM,
			    "ICU could not copy the name transliterator (%s)",
			    u_errorName(st));
		}
	}
	*ret = th->trans[kind];
	return RW_OK;
}

/* ---- keys ---- */

/* True for what stays in a key: letters, digits, and marks on them. */
static bool
key_char(UChar32 c)
{
	return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

static bool
is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* The key of ASCII text, without ICU: every rule set above reduces to
 * lower-casing and punctuation to spaces for ASCII. */
static char *
ascii_key(const char *name, size_t len)
{
	char *key = malloc(len + 1);
	size_t n = 0;
	bool space = false;

	if (!key)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		} else if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		} else {
			space = n > 0;
			continue;
		}
		if (space)
			key[n++] = ' ';
		space = false;
		key[n++] = (char)c;
	}
	key[n] = '\0';
	return key;
}

/* Checks name and sets *ret_len; RW_OK or an error code. */
static int
check_name(const char *name, size_t *ret_len, struct rw_error *err)
{
	size_t len;

	if (!name)
		return rw_error_set(err, RW_EINVAL, "no name given");
	len = strnlen(name, RW_NAME_MAX + 1);
	if (len > RW_NAME_MAX)
		return rw_error_set(err, RW_ETOOBIG,
		    "name longer than %d bytes", RW_NAME_MAX);
	if (!rw_utf8_valid(name, len))
		return rw_error_set(err, RW_EINVAL,
		    "name is not valid UTF-8");
	*ret_len = len;
	return RW_OK;
}

/* The key of a checked name of len bytes, malloc'd, in *ret_key. */
static int
make_key(enum key_kind kind, const char *name, size_t len, char **ret_key,
    struct rw_error *err)
{
	UTransliterator *t;
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL, *k = NULL;
	int32_t ulen, cap, limit, klen = 0, i = 0, outlen;
	char *key = NULL;
	int rc;

	*ret_key = NULL;
	if (is_ascii(name, len)) {
		*ret_key = ascii_key(name, len);
		return *ret_key ? RW_OK : rw_error_set(err, RW_ENOMEM,
		    "no memory for a name key");
	}
	rc = name_trans(kind, &t, err);
	if (rc != RW_OK)
		return rc;

	/* UTF-16 needs at most one unit per byte of UTF-8. */
	cap = (int32_t)len * NAME_GROWTH + 64;
	u = malloc((size_t)cap * sizeof(UChar));
	k = malloc((size_t)cap * sizeof(UChar));
	if (!u || !k) {
		rc = rw_error_set(err, RW_ENOMEM, "no memory for a name key");
		goto out;
	}
	u_strFromUTF8(u, cap, &ulen, name, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		rc = rw_error_set(err, RW_EINVAL,
		    "name is not valid UTF-8 (%s)", u_errorName(st));
		goto out;
	}
	limit = ulen;
	utrans_transUChars(t, u, &ulen, cap, 0, &limit, &st);
	if (U_FAILURE(st)) {
		rc = rw_error_set(err, st == U_BUFFER_OVERFLOW_ERROR ?
		    RW_ETOOBIG : RW_EINVAL,
		    "name could not be transliterated (%s)", u_errorName(st));
		goto out;
	}

	/* Keep letters, digits and marks; anything else separates tokens. */
	while (i < ulen) {
		int32_t start = i;
		UChar32 c;

		U16_NEXT(u, i, ulen, c);
		if (!key_char(c)) {
			if (klen > 0 && k[klen - 1] != ' ')
				k[klen++] = ' ';
			continue;
		}
		while (start < i)
			k[klen++] = u[start++];
	}
	if (klen > 0 && k[klen - 1] == ' ')
		klen--;

	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &outlen, k, klen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
		rc = rw_error_set(err, RW_EINVAL,
		    "name key could not be encoded (%s)", u_errorName(st));
		goto out;
	}
	key = malloc((size_t)outlen + 1);
	if (!key) {
		rc = rw_error_set(err, RW_ENOMEM, "no memory for a name key");
		goto out;
	}
	st = U_ZERO_ERROR;
	u_strToUTF8(key, outlen + 1, NULL, k, klen, &st);
	if (U_FAILURE(st)) {
		free(key);
		rc = rw_error_set(err, RW_EINVAL,
		    "name key could not be encoded (%s)", u_errorName(st));
		goto out;
	}
	*ret_key = key;
	rc = RW_OK;
out:
	free(u);
	free(k);
	return rc;
}

int
rw_name_key(const char *name, char *out, size_t cap, struct rw_error *err)
{
	size_t len = 0, klen;
	char *key;
	int rc;

	rw_error_clear(err);
	if (!out || cap == 0)
		return rw_error_set(err, RW_EINVAL, "no room for a name key");
	out[0] = '\0';
	rc = check_name(name, &len, err);
	if (rc != RW_OK)
		return rc;
	rc = make_key(KEY_FULL, name, len, &key, err);
	if (rc != RW_OK)
		return rc;
	klen = strlen(key);
	if (klen >= cap) {
		size_t keep = rw_utf8_prefix(key, klen, cap - 1);

		memcpy(out, key, keep);
		out[keep] = '\0';
		free(key);
		return rw_error_set(err, RW_ETOOBIG,
		    "name key of %zu bytes does not fit in %zu", klen, cap);
	}
	memcpy(out, key, klen + 1);
	free(key);
	return (int)klen;
}

/* ---- comparing token lists ---- */

struct token {
	const char *s;
	size_t len;
};

struct tokens {
	struct token *t;
	size_t n;
};

/* Splits key (single spaces, none at the ends) into tokens. */
static int
tokenize(const char *key, struct tokens *ret)
{
	size_t n = 1;

	for (const char *p = key; *p; p++)
		n += *p == ' ';
	ret->n = 0;
	ret->t = malloc(n * sizeof(*ret->t));
	if (!ret->t)
		return RW_ENOMEM;
	while (*key) {
		const char *sp = strchr(key, ' ');
		size_t len = sp ? (size_t)(sp - key) : strlen(key);

		ret->t[ret->n].s = key;
		ret->t[ret->n].len = len;
		ret->n++;
		key += len + (sp != NULL);
	}
	return RW_OK;
}

/* True when coarse is fine (taken in the order given by order, or as is
 * when order is NULL) with some neighbouring tokens joined. */
static bool
coarsens(const struct tokens *fine, const size_t *order,
    const struct tokens *coarse)
{
	size_t i = 0;

	for (size_t j = 0; j < coarse->n; j++) {
		const struct token *c = &coarse->t[j];
		size_t pos = 0;

		while (pos < c->len) {
			const struct token *f;

			if (i >= fine->n)
				return false;
			f = &fine->t[order ? order[i] : i];
			if (f->len > c->len - pos ||
			    memcmp(c->s + pos, f->s, f->len) != 0)
				return false;
			pos += f->len;
			i++;
		}
	}
	return i == fine->n;
}

static bool
same_order(const struct tokens *a, const struct tokens *b)
{
	if (a->n == 0 || b->n == 0)
		return false;
	return a->n >= b->n ? coarsens(a, NULL, b) : coarsens(b, NULL, a);
}

/* True when some order of fine's tokens coarsens to coarse (Heap's
 * algorithm over fine->n <= NAME_PERMUTE_MAX tokens). */
static bool
any_order_coarsens(const struct tokens *fine, const struct tokens *coarse)
{
	size_t order[NAME_PERMUTE_MAX] = {0}, count[NAME_PERMUTE_MAX] = {0};
	size_t n = fine->n, i = 1;

	for (size_t k = 0; k < n; k++)
		order[k] = k;
	if (coarsens(fine, order, coarse))
		return true;
	while (i < n) {
		if (count[i] < i) {
			size_t j = i % 2 ? count[i] : 0, tmp = order[j];

			order[j] = order[i];
			order[i] = tmp;
			if (coarsens(fine, order, coarse))
				return true;
			count[i]++;
			i = 1;
		} else {
			count[i] = 0;
			i++;
		}
	}
	return false;
}

static int
token_cmp(const void *pa, const void *pb)
{
	const struct token *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* True when a and b hold the same bytes in total, ignoring order. */
static bool
same_letters(const struct tokens *a, const struct tokens *b)
{
	size_t count[256] = {0};

	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < a->t[i].len; j++)
			count[(unsigned char)a->t[i].s[j]]++;
	for (size_t i = 0; i < b->n; i++)
		for (size_t j = 0; j < b->t[i].len; j++)
			if (count[(unsigned char)b->t[i].s[j]]-- == 0)
				return false;
	for (size_t c = 0; c < 256; c++)
		if (count[c])
			return false;
	return true;
}

static bool
any_order(const struct tokens *a, const struct tokens *b)
{
	if (a->n == 0 || b->n == 0 || !same_letters(a, b))
		return false;
	if (a->n >= b->n && a->n <= NAME_PERMUTE_MAX &&
	    any_order_coarsens(a, b))
		return true;
	if (b->n >= a->n && b->n <= NAME_PERMUTE_MAX &&
	    any_order_coarsens(b, a))
		return true;
	if (a->n == b->n && (a->n > NAME_PERMUTE_MAX)) {
		/* Too many orders to try: the same tokens, sorted. */
		struct token *sa = malloc(a->n * sizeof(*sa));
		struct token *sb = malloc(b->n * sizeof(*sb));
		bool same = sa && sb;

		if (same) {
			memcpy(sa, a->t, a->n * sizeof(*sa));
			memcpy(sb, b->t, b->n * sizeof(*sb));
			qsort(sa, a->n, sizeof(*sa), token_cmp);
			qsort(sb, b->n, sizeof(*sb), token_cmp);
			for (size_t i = 0; same && i < a->n; i++)
				same = token_cmp(&sa[i], &sb[i]) == 0;
		}
		free(sa);
		free(sb);
		return same;
	}
	return false;
}

/* Replaces ethnonym variants in t by their canonical spelling; returns
 * how many it replaced. */
static size_t
fold_ethnonyms(struct tokens *t)
{
	size_t n = sizeof(rw_name_ethnonym_variants) /
	    sizeof(rw_name_ethnonym_variants[0]), changed = 0;

	for (size_t i = 0; i < t->n; i++) {
		for (size_t v = 0; v < n; v++) {
			const char *var = rw_name_ethnonym_variants[v].variant;

			if (strlen(var) == t->t[i].len &&
			    memcmp(var, t->t[i].s, t->t[i].len) == 0) {
				t->t[i].s = rw_name_ethnonym_variants[v].canonical;
				t->t[i].len = strlen(t->t[i].s);
				changed++;
				break;
			}
		}
	}
	return changed;
}

/* Keys and token lists of both names under one kind of key. */
struct pair {
	char *key[2];
	struct tokens tok[2];
};

static int
make_pair(enum key_kind kind, const char *const name[2],
    const size_t len[2], struct pair *p)
{
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < 2; i++) {
		if (make_key(kind, name[i], len[i], &p->key[i], NULL) != RW_OK)
			return RW_EINVAL;
		if (tokenize(p->key[i], &p->tok[i]) != RW_OK)
			return RW_ENOMEM;
	}
	return RW_OK;
}

static void
free_pair(struct pair *p)
{
	for (int i = 0; i < 2; i++) {
		free(p->key[i]);
		free(p->tok[i].t);
	}
}

enum rw_name_rule
rw_name_match(const char *a, const char *b)
{
	const char *name[2] = {a, b};
	size_t len[2];
	struct pair fold, full;
	enum rw_name_rule rule = RW_NAME_NONE;

	for (int i = 0; i < 2; i++)
		if (check_name(name[i], &len[i], NULL) != RW_OK ||
		    len[i] == 0)
			return RW_NAME_NONE;

	if (make_pair(KEY_FOLD, name, len, &fold) != RW_OK ||
	    fold.tok[0].n == 0 || fold.tok[1].n == 0)
		goto out_fold;
	if (strcmp(a, b) == 0) {
		rule = RW_NAME_EXACT;
		goto out_fold;
	}
	if (same_order(&fold.tok[0], &fold.tok[1])) {
		rule = RW_NAME_CASE;
		goto out_fold;
	}

	if (make_pair(KEY_FULL, name, len, &full) != RW_OK)
		goto out_full;
	if (same_order(&full.tok[0], &full.tok[1]))
		rule = RW_NAME_TRANSLIT;
	else if (any_order(&full.tok[0], &full.tok[1]))
		rule = RW_NAME_ORDER;
	else if (fold_ethnonyms(&full.tok[0]) +
	    fold_ethnonyms(&full.tok[1]) > 0 &&
	    (same_order(&full.tok[0], &full.tok[1]) ||
	    any_order(&full.tok[0], &full.tok[1])))
		rule = RW_NAME_ETHNONYM;
out_full:
	free_pair(&full);
out_fold:
	free_pair(&fold);
	return rule;
}

const char *
rw_name_rule_name(enum rw_name_rule rule)
{
	switch (rule) {
	case RW_NAME_EXACT:
		return "exact";
	case RW_NAME_CASE:
		return "case";
	case RW_NAME_TRANSLIT:
		return "transliteration";
	case RW_NAME_ORDER:
		return "name order";
	case RW_NAME_ETHNONYM:
		return "ethnonym";
	case RW_NAME_NONE:
		break;
	}
	return "none";
}
