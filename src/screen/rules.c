/* rules.c: reads the screening rule file (data/screening/rules.txt) and
 * the persecution table (persecution.tsv) into struct rw_screen_rules,
 * rejecting anything malformed with the file, the line and the problem.
 * The format is documented in data/screening/README.md. */
#include "screen/screen-int.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "core/buf.h"
#include "core/country.h"
#include "core/embedded.h"
#include "core/utf8.h"

#define RULES_FILE_MAX (1024 * 1024)
#define RULES_LINE_MAX 4096
#define RULES_WORDS_MAX 512   /* words in one statement */
#define RULES_ID_MAX 64
#define RULES_WEIGHT_MAX 1000

extern const struct rw_embedded rw_screening_data[];

/* ---- errors and lines ---- */

static int vline_error(struct rw_error *err, const char *name, size_t line,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static int vline_error(struct rw_error *err, const char *name, size_t line,
    const char *fmt, va_list ap)
{
	char msg[RW_ERROR_MESSAGE_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return rw_error_set(err, RW_EFORMAT, "%s:%zu: %s", name, line, msg);
}

/* RW_EFORMAT with "NAME:LINE: " before the message. */
static int line_error(struct rw_error *err, const char *name, size_t line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int line_error(struct rw_error *err, const char *name, size_t line,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vline_error(err, name, line, fmt, ap);
	va_end(ap);
	return rc;
}

struct reader {
	const char *name;
	const char *p, *end;
	size_t line;          /* of the line last returned */
};

/* Checks the whole file before reading it line by line. */
static int reader_init(struct reader *r, const char *name, const char *text,
    size_t len, struct rw_error *err)
{
	r->name = name;
	r->p = text;
	r->end = text + len;
	r->line = 0;
	if (text == NULL || len == 0)
		return rw_error_set(err, RW_EFORMAT, "%s: the file is empty",
		    name);
	if (len > RULES_FILE_MAX)
		return rw_error_set(err, RW_ETOOBIG, "%s: the file is %zu "
		    "bytes, over the limit of %d", name, len, RULES_FILE_MAX);
	return RW_OK;
}

/* The next line, without its line end: 1, or 0 at the end of the file,
 * or RW_EFORMAT for a line that is too long, binary or not UTF-8. */
static int next_line(struct reader *r, const char **ret_s, size_t *ret_len,
    struct rw_error *err)
{
	const char *s = r->p, *nl;
	size_t len;

	if (s >= r->end)
		return 0;
	nl = memchr(s, '\n', (size_t)(r->end - s));
	len = (size_t)((nl != NULL ? nl : r->end) - s);
	r->p = nl != NULL ? nl + 1 : r->end;
	r->line++;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len > RULES_LINE_MAX)
		return line_error(err, r->name, r->line, "the line is %zu "
		    "bytes long, over the limit of %d", len, RULES_LINE_MAX);
	if (memchr(s, '\0', len) != NULL)
		return line_error(err, r->name, r->line, "the line holds a "
		    "NUL byte: this is not a text file");
	if (!rw_utf8_valid(s, len))
		return line_error(err, r->name, r->line, "the line is not "
		    "valid UTF-8");
	*ret_s = s;
	*ret_len = len;
	return 1;
}

static bool blank_or_comment(const char *s, size_t len)
{
	size_t k = 0;

	while (k < len && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k == len || s[k] == '#';
}

/* ---- words of a statement ---- */

struct token {
	char *text;
	bool quoted;
	size_t line;
};

struct stmt {
	struct token *tok;
	size_t n, cap;
};

static void stmt_clear(struct stmt *st)
{
	for (size_t k = 0; k < st->n; k++)
		free(st->tok[k].text);
	st->n = 0;
}

static int stmt_add(struct stmt *st, const struct reader *r, char *text,
    bool quoted, struct rw_error *err)
{
	if (text == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	if (st->n == RULES_WORDS_MAX || rw_array_room(st->tok, st->n, st->cap,
	    16) < 0) {
		free(text);
		return st->n == RULES_WORDS_MAX ? line_error(err, r->name,
		    r->line, "too many words in one statement (the limit is "
		    "%d)", RULES_WORDS_MAX) : rw_error_set(err, RW_ENOMEM,
		    "out of memory");
	}
	st->tok[st->n++] = (struct token){text, quoted, r->line};
	return RW_OK;
}

/* A quoted string starting after its opening quote at s[*k]; \" and \\
 * are the only escapes. */
static int read_quoted(const struct reader *r, const char *s, size_t len,
    size_t *k, struct stmt *st, struct rw_error *err)
{
	struct rw_buf b;
	int rc;

	rw_buf_init(&b, RULES_LINE_MAX);
	for (; *k < len && s[*k] != '"'; (*k)++) {
		char c = s[*k];

		if (c == '\\' && *k + 1 < len && (s[*k + 1] == '"' ||
		    s[*k + 1] == '\\'))
			c = s[++*k];
		else if (c == '\\') {
			rw_buf_free(&b);
			return line_error(err, r->name, r->line, "unknown "
			    "escape in a quoted text: only \\\" and \\\\ are "
			    "allowed");
		}
		if (rw_buf_append_char(&b, c) < 0) {
			rw_buf_free(&b);
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		}
	}
	if (*k == len) {
		rw_buf_free(&b);
		return line_error(err, r->name, r->line, "unterminated "
		    "quote: a quoted text must end on the line it starts");
	}
	(*k)++;
	if (*k < len && s[*k] != ' ' && s[*k] != '\t') {
		rw_buf_free(&b);
		return line_error(err, r->name, r->line, "a closing quote "
		    "must be followed by a space or the end of the line");
	}
	rc = stmt_add(st, r, rw_buf_steal(&b), true, err);
	rw_buf_free(&b);
	return rc;
}

/* Splits a line into words and quoted texts; `#` starts a comment. */
static int tokenize(const struct reader *r, const char *s, size_t len,
    struct stmt *st, struct rw_error *err)
{
	size_t k = 0;
	int rc;

	while (k < len) {
		size_t start;

		if (s[k] == ' ' || s[k] == '\t') {
			k++;
			continue;
		}
		if (s[k] == '#')
			break;
		if (s[k] == '"') {
			k++;
			if ((rc = read_quoted(r, s, len, &k, st, err)) < 0)
				return rc;
			continue;
		}
		for (start = k; k < len && s[k] != ' ' && s[k] != '\t'; k++)
			if (s[k] == '"')
				return line_error(err, r->name, r->line, "a "
				    "quote inside a word: put a space before "
				    "quoted text");
		if ((rc = stmt_add(st, r, strndup(s + start, k - start), false,
		    err)) < 0)
			return rc;
	}
	return RW_OK;
}

/* ---- vocabularies ---- */

static const char *const level_names[] = {"low", "elevated", "high",
	"critical"};
static const char *const treaty_names[] = {"refugee-convention", "cat",
	"iccpr", "ced"};
static const char *const accepts_names[] = {"cat-article22"};
static const char *const rsd_names[] = {"unknown", "state", "unhcr",
	"mixed", "none"};  /* in the order of enum rw_rsd */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *rw_level_name(enum rw_level level)
{
	return (unsigned)level < COUNT(level_names) ? level_names[level] :
	    "unknown";
}

bool rw_level_parse(const char *name, enum rw_level *ret)
{
	for (unsigned k = 0; k < COUNT(level_names); k++)
		if (name != NULL && strcmp(name, level_names[k]) == 0) {
			*ret = (enum rw_level)k;
			return true;
		}
	return false;
}

static const char *legal_name(unsigned v)
{
	return rw_legal_status_name((enum rw_legal_status)v);
}
static const char *status_name(unsigned v)
{
	return rw_case_status_name((enum rw_case_status)v);
}
static const char *request_name(unsigned v)
{
	return rw_request_kind_name((enum rw_request_kind)v);
}
static const char *deadline_name(unsigned v)
{
	return rw_deadline_kind_name((enum rw_deadline_kind)v);
}

/* The values of an enum-valued argument: from a table or a function. */
struct values {
	const char *const *names;
	const char *(*name)(unsigned v);
	unsigned n;
};

static const char *value_name(const struct values *v, unsigned k)
{
	return v->names != NULL ? v->names[k] : v->name(k);
}

#define TABLE(a) {a, NULL, COUNT(a)}
static const struct values levels = TABLE(level_names);
static const struct values treaties = TABLE(treaty_names);
static const struct values accepts = TABLE(accepts_names);
static const struct values rsds = TABLE(rsd_names);
static const struct values legal = {NULL, legal_name, RW_LEGAL_COUNT};
static const struct values statuses = {NULL, status_name,
	RW_CASE_STATUS_COUNT};
static const struct values requests = {NULL, request_name,
	RW_REQUEST_KIND_COUNT};
static const struct values deadlines = {NULL, deadline_name,
	RW_DEADLINE_KIND_COUNT};

enum arg_type { ARG_NONE, ARG_SET, ARG_CMP, ARG_DAYS, ARG_WORD };

struct cond_spec {
	const char *name;
	enum arg_type arg;
	const struct values *values;  /* ARG_SET */
	bool advice_only;
};

/* Indexed by enum cond_kind; documented in data/screening/README.md. */
static const struct cond_spec cond_specs[COND_KIND_COUNT] = {
	[COND_DEST_PERSECUTES_GROUP] = {"dest-persecutes-group", ARG_NONE},
	[COND_TAG_TARGETED_BY_DEST] = {"tag-targeted-by-dest", ARG_NONE},
	[COND_TAG] = {"tag", ARG_WORD},
	[COND_HOST_PARTY] = {"host-party", ARG_SET, &treaties},
	[COND_HOST_NOT_PARTY] = {"host-not-party", ARG_SET, &treaties},
	[COND_HOST_ACCEPTS] = {"host-accepts", ARG_SET, &accepts},
	[COND_HOST_DOMESTIC_LAW] = {"host-domestic-law", ARG_NONE},
	[COND_HOST_NO_DOMESTIC_LAW] = {"host-no-domestic-law", ARG_NONE},
	[COND_HOST_RSD] = {"host-rsd", ARG_SET, &rsds},
	[COND_EXTRADITION_TREATY] = {"extradition-treaty-with-dest",
	    ARG_NONE},
	[COND_PACT] = {"pact-with-dest", ARG_NONE},
	[COND_RECORD_RETURNS] = {"host-record-returns", ARG_CMP},
	[COND_RECORD_RETURNS_TOTAL] = {"host-record-returns-total", ARG_CMP},
	[COND_RECORD_THREATENED] = {"host-record-threatened", ARG_CMP},
	[COND_DEADLINE_WITHIN] = {"deadline-within", ARG_DAYS},
	[COND_DEADLINE_KIND] = {"deadline-kind", ARG_SET, &deadlines},
	[COND_REQUEST_KIND] = {"request-kind", ARG_SET, &requests},
	[COND_REQUEST_FROM_DEST] = {"request-from-dest", ARG_NONE},
	[COND_NO_REQUEST] = {"no-request", ARG_NONE},
	[COND_CHARGE_PRETEXT] = {"charge-pretext", ARG_NONE},
	[COND_ASSURANCES] = {"assurances", ARG_NONE},
	[COND_LEGAL_STATUS] = {"legal-status", ARG_SET, &legal},
	[COND_STATUS] = {"status", ARG_SET, &statuses},
	[COND_COUNT] = {"count", ARG_CMP},
	[COND_LEVEL_AT_LEAST] = {"level-at-least", ARG_SET, &levels, true},
};

static const char *const placeholder_names[PH_COUNT_OF] = {
	"group", "group_source", "targeted_tags", "tag_source", "tags",
	"count", "host", "host_name", "dest", "dest_name", "domestic_law",
	"extradition", "pact", "host_rsd", "returns_to_dest",
	"returns_total", "threatened_to_dest", "last_return_year",
	"deadline_kind", "deadline_date", "days_left", "requests", "charges",
	"pretexts", "legal_status", "status", "score", "level",
};

/* ---- the parser ---- */

struct parser {
	const char *name;
	struct rw_screen_rules *rules;
	size_t cap_factors, cap_advice, cap_pretexts;
	struct rw_error *err;
};

static int tok_error(const struct parser *ps, const struct token *t,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int tok_error(const struct parser *ps, const struct token *t,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vline_error(ps->err, ps->name, t->line, fmt, ap);
	va_end(ap);
	return rc;
}

static bool is_word(const struct token *t, const char *word)
{
	return !t->quoted && strcmp(t->text, word) == 0;
}

/* The words that end a rule's conditions. */
static bool is_clause(const struct token *t)
{
	return is_word(t, "explain") || is_word(t, "action") ||
	    is_word(t, "why");
}

/* An integer in [min, max], the whole token. */
static bool parse_long(const char *s, long min, long max, long *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return false;
	*ret = v;
	return true;
}

static void list_values(const struct values *v, struct rw_buf *out)
{
	for (unsigned k = 0; k < v->n; k++)
		rw_buf_appendf(out, "%s%s", k ? ", " : "", value_name(v, k));
}

/* "a|b|c" -> bits of the values named. */
static int parse_set(const struct parser *ps, const struct token *t,
    const struct cond_spec *spec, unsigned *ret)
{
	const char *p = t->text;

	*ret = 0;
	for (;;) {
		size_t len = strcspn(p, "|");
		unsigned k;

		for (k = 0; k < spec->values->n; k++) {
			const char *name = value_name(spec->values, k);
			if (strlen(name) == len && strncmp(name, p, len) == 0)
				break;
		}
		if (k == spec->values->n) {
			struct rw_buf known;
			int rc;

			rw_buf_init(&known, 1024);
			list_values(spec->values, &known);
			rc = tok_error(ps, t, "unknown value '%.*s' for %s "
			    "(one of: %s)", (int)len, p, spec->name,
			    known.data != NULL ? known.data : "");
			rw_buf_free(&known);
			return rc;
		}
		*ret |= 1u << k;
		if (p[len] == '\0')
			return RW_OK;
		p += len + 1;
	}
}

static int parse_cmp(const struct parser *ps, const struct token *op,
    const struct token *num, struct cond *c, const char *name)
{
	static const char *const ops[] = {">=", ">", "<=", "<", "="};

	for (size_t k = 0; num != NULL && k < COUNT(ops); k++)
		if (is_word(op, ops[k]) && parse_long(num->text, 0, LONG_MAX,
		    &c->n)) {
			c->op = (enum cmp_op)k;
			return RW_OK;
		}
	return tok_error(ps, op, "%s needs a comparison and a number, such "
	    "as '>= 1'", name);
}

/* The argument(s) of condition spec at st->tok[*pos]. */
static int parse_args(const struct parser *ps, const struct stmt *st,
    size_t *pos, const struct cond_spec *spec, struct cond *c)
{
	const struct token *t = *pos < st->n ? &st->tok[*pos] : NULL;
	const struct token *at = &st->tok[*pos - 1];

	if (spec->arg == ARG_NONE)
		return RW_OK;
	if (t == NULL || t->quoted || is_clause(t))
		return tok_error(ps, at, "%s needs an argument", spec->name);
	(*pos)++;
	switch (spec->arg) {
	case ARG_SET:
		return parse_set(ps, t, spec, &c->set);
	case ARG_CMP:
		(*pos)++;
		return parse_cmp(ps, t, *pos - 1 < st->n ? &st->tok[*pos - 1] :
		    NULL, c, spec->name);
	case ARG_DAYS:
		if (!parse_long(t->text, 0, 36500, &c->n))
			return tok_error(ps, t, "%s needs a number of days "
			    "(0 to 36500), not '%s'", spec->name, t->text);
		return RW_OK;
	default:
		return (c->text = strdup(t->text)) != NULL ? RW_OK :
		    rw_error_set(ps->err, RW_ENOMEM, "out of memory");
	}
}

static const struct cond_spec *find_cond(const char *name, size_t *ret)
{
	for (size_t k = 0; k < COND_KIND_COUNT; k++)
		if (strcmp(cond_specs[k].name, name) == 0) {
			*ret = k;
			return &cond_specs[k];
		}
	return NULL;
}

/* One condition, with `or` and `not` before it. */
static int parse_cond(const struct parser *ps, const struct stmt *st,
    size_t *pos, bool advice, struct cond *c)
{
	const struct cond_spec *spec;
	const struct token *t = &st->tok[*pos];
	size_t kind;

	if (is_word(t, "or") && *pos + 1 < st->n) {
		c->starts_alt = true;
		t = &st->tok[++*pos];
	}
	if (is_word(t, "not") && *pos + 1 < st->n) {
		c->negate = true;
		t = &st->tok[++*pos];
	}
	(*pos)++;
	if (t->quoted || (spec = find_cond(t->text, &kind)) == NULL)
		return tok_error(ps, t, "unknown condition '%s' (the "
		    "conditions are listed in data/screening/README.md)",
		    t->text);
	if (spec->advice_only && !advice)
		return tok_error(ps, t, "%s can only be used in advice: a "
		    "factor cannot depend on the level it helps compute",
		    spec->name);
	c->kind = (enum cond_kind)kind;
	return parse_args(ps, st, pos, spec, c);
}

/* `when COND ... ` up to explain, action or why. */
static int parse_conds(const struct parser *ps, const struct stmt *st,
    size_t *pos, bool advice, struct rule *rule)
{
	size_t cap = 0;
	int rc;

	if (*pos >= st->n || !is_word(&st->tok[*pos], "when"))
		return tok_error(ps, &st->tok[*pos - 1], "'%s' needs 'when' "
		    "and its conditions after %s", rule->id,
		    advice ? "its id" : "its weight");
	for ((*pos)++; *pos < st->n && !is_clause(&st->tok[*pos]);) {
		if (rw_array_room(rule->conds, rule->n_conds, cap, 4) < 0)
			return rw_error_set(ps->err, RW_ENOMEM, "out of memory");
		memset(&rule->conds[rule->n_conds], 0, sizeof(struct cond));
		rc = parse_cond(ps, st, pos, advice,
		    &rule->conds[rule->n_conds++]);
		if (rc < 0)
			return rc;
		if (rule->n_conds == 1 && rule->conds[0].starts_alt)
			return tok_error(ps, &st->tok[*pos - 1], "'or' needs "
			    "conditions before it");
	}
	if (rule->n_conds == 0)
		return tok_error(ps, &st->tok[*pos - 1], "'%s' has no "
		    "conditions after 'when'", rule->id);
	return RW_OK;
}

/* `KEYWORD "text"` at st->tok[*pos]. */
static int clause(const struct parser *ps, const struct stmt *st,
    size_t *pos, const char *keyword, const struct rule *rule,
    const char **ret)
{
	const struct token *last = &st->tok[*pos < st->n ? *pos : st->n - 1];

	if (*pos + 1 >= st->n || !is_word(&st->tok[*pos], keyword) ||
	    !st->tok[*pos + 1].quoted)
		return tok_error(ps, last, "'%s' needs %s \"...\" here",
		    rule->id, keyword);
	if (st->tok[*pos + 1].text[0] == '\0')
		return tok_error(ps, last, "the %s text of '%s' is empty",
		    keyword, rule->id);
	*ret = st->tok[*pos + 1].text;
	*pos += 2;
	return RW_OK;
}

static int tpl_add(struct tpl *t, size_t *cap, int ph, const char *s,
    size_t len, struct rw_error *err)
{
	char *text = ph < 0 && s != NULL ? strndup(s, len) : NULL;

	if ((ph < 0 && text == NULL) || rw_array_room(t->parts, t->n, *cap,
	    4) < 0) {
		free(text);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	t->parts[t->n++] = (struct tpl_part){ph, text};
	return RW_OK;
}

static int find_placeholder(const char *s, size_t len)
{
	for (int k = 0; k < PH_COUNT_OF; k++)
		if (strlen(placeholder_names[k]) == len &&
		    memcmp(placeholder_names[k], s, len) == 0)
			return k;
	return -1;
}

/* Splits text into literal parts and {placeholders}. */
static int compile_tpl(const struct parser *ps, const struct token *at,
    const char *text, struct tpl *t)
{
	size_t cap = 0;
	const char *p = text;
	int rc;

	while (*p != '\0') {
		const char *open = strchr(p, '{'), *close;
		int ph;

		if (open == NULL)
			return tpl_add(t, &cap, -1, p, strlen(p), ps->err);
		if (open > p && (rc = tpl_add(t, &cap, -1, p, (size_t)(open -
		    p), ps->err)) < 0)
			return rc;
		if ((close = strchr(open, '}')) == NULL)
			return tok_error(ps, at, "unterminated placeholder "
			    "'%s': a '{' needs its '}'", open);
		if ((ph = find_placeholder(open + 1, (size_t)(close - open -
		    1))) < 0)
			return tok_error(ps, at, "unknown placeholder "
			    "'%.*s' (the placeholders are listed in "
			    "data/screening/README.md)", (int)(close - open +
			    1), open);
		if ((rc = tpl_add(t, &cap, ph, NULL, 0, ps->err)) < 0)
			return rc;
		p = close + 1;
	}
	return RW_OK;
}

static bool valid_id(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > RULES_ID_MAX)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == len;
}

static int check_id(const struct parser *ps, const struct token *t,
    const struct rule *list, size_t n, const char *what)
{
	if (t->quoted || !valid_id(t->text))
		return tok_error(ps, t, "%s id '%s' must be 1 to %d lower-case "
		    "letters, digits and '-'", what, t->text, RULES_ID_MAX);
	for (size_t k = 0; k < n; k++)
		if (strcmp(list[k].id, t->text) == 0)
			return tok_error(ps, t, "%s '%s' is defined twice",
			    what, t->text);
	return RW_OK;
}

/* Diplomatic assurances never lower the risk: a factor on `assurances`
 * must not subtract, and one on `not assurances` must not add. */
static int check_assurances(const struct parser *ps, const struct token *t,
    const struct rule *rule)
{
	for (size_t k = 0; k < rule->n_conds; k++) {
		const struct cond *c = &rule->conds[k];

		if (c->kind != COND_ASSURANCES)
			continue;
		if (!c->negate && rule->weight < 0)
			return tok_error(ps, t, "factor '%s' would lower the "
			    "score when assurances are given: diplomatic "
			    "assurances never lower the risk", rule->id);
		if (c->negate && rule->weight > 0)
			return tok_error(ps, t, "factor '%s' adds only when no "
			    "assurances are given, so assurances would lower "
			    "the score: they never lower the risk", rule->id);
	}
	return RW_OK;
}

static void rule_free(struct rule *r)
{
	for (size_t k = 0; k < r->n_conds; k++)
		free(r->conds[k].text);
	free(r->conds);
	for (size_t k = 0; k < r->text.n; k++)
		free(r->text.parts[k].text);
	free(r->text.parts);
	free(r->id);
	free(r->action);
}

/* The tail of a factor or advice statement, from `when` on. */
static int parse_rule_body(const struct parser *ps, const struct stmt *st,
    size_t pos, bool advice, struct rule *r)
{
	const char *text, *action = NULL;
	int rc;

	if ((rc = parse_conds(ps, st, &pos, advice, r)) < 0)
		return rc;
	if (advice && (rc = clause(ps, st, &pos, "action", r, &action)) < 0)
		return rc;
	if ((rc = clause(ps, st, &pos, advice ? "why" : "explain", r,
	    &text)) < 0)
		return rc;
	if (pos < st->n)
		return tok_error(ps, &st->tok[pos], "unexpected '%s' at the "
		    "end of '%s'", st->tok[pos].text, r->id);
	if (action != NULL && (r->action = strdup(action)) == NULL)
		return rw_error_set(ps->err, RW_ENOMEM, "out of memory");
	return compile_tpl(ps, &st->tok[pos - 1], text, &r->text);
}

static int parse_weight(const struct parser *ps, const struct stmt *st,
    int *ret)
{
	long weight;

	if (st->n < 3 || st->tok[2].quoted || !parse_long(st->tok[2].text,
	    -RULES_WEIGHT_MAX, RULES_WEIGHT_MAX, &weight))
		return tok_error(ps, &st->tok[st->n < 3 ? 1 : 2], "factor "
		    "'%s' needs a weight after its id: a whole number from "
		    "%d to %d", st->tok[1].text, -RULES_WEIGHT_MAX,
		    RULES_WEIGHT_MAX);
	*ret = (int)weight;
	return RW_OK;
}

/* factor ID WEIGHT when COND... explain "TEXT"
 * advice ID when COND... action "TEXT" why "TEXT" */
static int parse_rule(struct parser *ps, const struct stmt *st, bool advice)
{
	struct rw_screen_rules *rules = ps->rules;
	struct rule **list = advice ? &rules->advice : &rules->factors;
	size_t *n = advice ? &rules->n_advice : &rules->n_factors;
	size_t *cap = advice ? &ps->cap_advice : &ps->cap_factors;
	const char *what = advice ? "advice" : "factor";
	struct rule r = {0};
	int rc;

	if (st->n < 2)
		return tok_error(ps, &st->tok[0], "%s needs an id", what);
	if ((rc = check_id(ps, &st->tok[1], *list, *n, what)) < 0 ||
	    (!advice && (rc = parse_weight(ps, st, &r.weight)) < 0))
		return rc;
	if ((r.id = strdup(st->tok[1].text)) == NULL)
		return rw_error_set(ps->err, RW_ENOMEM, "out of memory");
	if ((rc = parse_rule_body(ps, st, advice ? 2 : 3, advice, &r)) < 0 ||
	    (rc = check_assurances(ps, &st->tok[1], &r)) < 0 ||
	    (rc = rw_array_room(*list, *n, *cap, 8)) < 0) {
		rule_free(&r);
		return rc == RW_ENOMEM ? rw_error_set(ps->err, rc, "out of "
		    "memory") : rc;
	}
	(*list)[(*n)++] = r;
	return RW_OK;
}

static int st_factor(struct parser *ps, const struct stmt *st)
{
	return parse_rule(ps, st, false);
}

static int st_advice(struct parser *ps, const struct stmt *st)
{
	return parse_rule(ps, st, true);
}

/* level NAME SCORE */
static int st_level(struct parser *ps, const struct stmt *st)
{
	long score;
	unsigned k;

	if (st->n != 3)
		return tok_error(ps, &st->tok[0], "a level is 'level NAME "
		    "SCORE', such as 'level high 45'");
	for (k = RW_LEVEL_ELEVATED; k <= RW_LEVEL_CRITICAL; k++)
		if (is_word(&st->tok[1], level_names[k]))
			break;
	if (k > RW_LEVEL_CRITICAL)
		return tok_error(ps, &st->tok[1], "unknown level '%s' (one of: "
		    "elevated, high, critical; below them is low)",
		    st->tok[1].text);
	if (ps->rules->threshold[k] != 0)
		return tok_error(ps, &st->tok[1], "level %s is set twice",
		    level_names[k]);
	if (!parse_long(st->tok[2].text, 1, 1000000, &score))
		return tok_error(ps, &st->tok[2], "the score of level %s must "
		    "be a whole number from 1 to 1000000", level_names[k]);
	ps->rules->threshold[k] = (int)score;
	return RW_OK;
}

/* pretext WORD|"TEXT"... */
static int st_pretext(struct parser *ps, const struct stmt *st)
{
	struct rw_screen_rules *rules = ps->rules;

	if (st->n < 2)
		return tok_error(ps, &st->tok[0], "pretext needs one or more "
		    "charges, such as: pretext separatism \"illegal border "
		    "crossing\"");
	for (size_t k = 1; k < st->n; k++) {
		char *copy;

		if (st->tok[k].text[0] == '\0')
			return tok_error(ps, &st->tok[k], "a pretext charge "
			    "is empty");
		if (rw_array_room(rules->pretexts, rules->n_pretexts,
		    ps->cap_pretexts, 16) < 0 ||
		    (copy = strdup(st->tok[k].text)) == NULL)
			return rw_error_set(ps->err, RW_ENOMEM, "out of memory");
		rules->pretexts[rules->n_pretexts++] = copy;
	}
	return RW_OK;
}

static int run_stmt(struct parser *ps, const struct stmt *st)
{
	static const struct {
		const char *word;
		int (*fn)(struct parser *, const struct stmt *);
	} kinds[] = {
		{"factor", st_factor}, {"advice", st_advice},
		{"level", st_level}, {"pretext", st_pretext},
	};

	for (size_t k = 0; k < COUNT(kinds); k++)
		if (is_word(&st->tok[0], kinds[k].word))
			return kinds[k].fn(ps, st);
	return tok_error(ps, &st->tok[0], "unknown keyword '%s' (a statement "
	    "starts with factor, advice, level or pretext)", st->tok[0].text);
}

/* What the whole file must hold once read. */
static int check_complete(const struct parser *ps, size_t last_line)
{
	const int *t = ps->rules->threshold;

	if (ps->rules->n_factors == 0)
		return line_error(ps->err, ps->name, last_line, "the file has "
		    "no factor: nothing to score");
	for (unsigned k = RW_LEVEL_ELEVATED; k <= RW_LEVEL_CRITICAL; k++)
		if (t[k] == 0)
			return line_error(ps->err, ps->name, last_line, "no "
			    "threshold for level %s: add 'level %s SCORE'",
			    level_names[k], level_names[k]);
	if (!(t[RW_LEVEL_ELEVATED] < t[RW_LEVEL_HIGH] &&
	    t[RW_LEVEL_HIGH] < t[RW_LEVEL_CRITICAL]))
		return line_error(ps->err, ps->name, last_line, "the level "
		    "thresholds must rise: elevated < high < critical");
	return RW_OK;
}

/* Reads statements: an unindented line starts one, indented lines
 * continue it. */
static int parse_statements(struct parser *ps, struct reader *r)
{
	struct stmt st = {0};
	const char *s = NULL;
	size_t len = 0;
	int more, rc = RW_OK;

	do {
		if ((more = next_line(r, &s, &len, ps->err)) < 0) {
			rc = more;
			break;
		}
		if (more && blank_or_comment(s, len))
			continue;
		if (more && (s[0] == ' ' || s[0] == '\t') && st.n == 0) {
			rc = line_error(ps->err, r->name, r->line, "an indented "
			    "line continues a statement, but none comes "
			    "before it");
			break;
		}
		if ((!more || (s[0] != ' ' && s[0] != '\t')) && st.n > 0) {
			rc = run_stmt(ps, &st);
			stmt_clear(&st);
		}
		if (rc == RW_OK && more)
			rc = tokenize(r, s, len, &st, ps->err);
	} while (more && rc == RW_OK);
	stmt_clear(&st);
	free(st.tok);
	return rc < 0 ? rc : check_complete(ps, r->line);
}

int rw_screen_rules_parse(const char *name, const char *text, size_t len,
    struct rw_screen_rules **ret, struct rw_error *err)
{
	struct rw_screen_rules *rules;
	struct parser ps = {name, NULL, 0, 0, 0, err};
	struct reader r;
	int rc;

	if ((rc = reader_init(&r, name, text, len, err)) < 0)
		return rc;
	if ((rules = calloc(1, sizeof(*rules))) == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	ps.rules = rules;
	if ((rc = parse_statements(&ps, &r)) < 0) {
		rw_screen_rules_free(rules);
		return rc;
	}
	*ret = rules;
	return RW_OK;
}

/* ---- the persecution table ---- */

#define PERSECUTION_HEADER "dest\tkind\tnames\tsource"

/* Splits a row into its four cells (copies in cells[]). */
static int split_row(const struct reader *r, const char *s, size_t len,
    char *cells[4], struct rw_error *err)
{
	const char *p = s, *end = s + len;

	for (int k = 0; k < 4; k++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *stop = tab != NULL && k < 3 ? tab : end;

		if (stop == p || (k < 3 && tab == NULL) ||
		    (k == 3 && tab != NULL))
			return line_error(err, r->name, r->line, "a row is "
			    "four non-empty cells separated by tabs: dest, "
			    "kind, names, source");
		if ((cells[k] = strndup(p, (size_t)(stop - p))) == NULL)
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		p = stop + 1;
	}
	return RW_OK;
}

static int check_row(const struct reader *r, char *cells[4],
    struct persecution *row, struct rw_error *err)
{
	const char *names = cells[2];

	if (strlen(cells[0]) != 2 || !rw_country_code_valid(cells[0]))
		return line_error(err, r->name, r->line, "'%s' is not an ISO "
		    "3166-1 country code such as CN", cells[0]);
	if (strcmp(cells[1], "group") != 0 && strcmp(cells[1], "tag") != 0)
		return line_error(err, r->name, r->line, "the kind is 'group' "
		    "or 'tag', not '%s'", cells[1]);
	if (names[0] == '|' || names[strlen(names) - 1] == '|' ||
	    strstr(names, "||") != NULL)
		return line_error(err, r->name, r->line, "an empty spelling "
		    "in '%s': spellings are separated by one '|'", names);
	memcpy(row->dest, cells[0], 3);
	row->is_tag = cells[1][0] == 't';
	row->names = cells[2];
	row->source = cells[3];
	cells[2] = cells[3] = NULL;
	return RW_OK;
}

static int parse_row(struct reader *r, const char *s, size_t len,
    struct persecution *row, struct rw_error *err)
{
	char *cells[4] = {NULL, NULL, NULL, NULL};
	int rc = split_row(r, s, len, cells, err);

	if (rc == RW_OK)
		rc = check_row(r, cells, row, err);
	for (int k = 0; k < 4; k++)
		free(cells[k]);
	return rc;
}

static void persecution_free(struct persecution *rows, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		free(rows[k].names);
		free(rows[k].source);
	}
	free(rows);
}

static int read_rows(struct reader *r, struct persecution **rows,
    size_t *n, struct rw_error *err)
{
	size_t cap = 0;
	bool header = false;
	const char *s;
	size_t len;
	int more;

	while ((more = next_line(r, &s, &len, err)) > 0) {
		if (blank_or_comment(s, len))
			continue;
		if (!header) {
			if (len != strlen(PERSECUTION_HEADER) ||
			    memcmp(s, PERSECUTION_HEADER, len) != 0)
				return line_error(err, r->name, r->line, "the "
				    "first row must be the header: dest, kind, "
				    "names, source (tab-separated)");
			header = true;
			continue;
		}
		if (rw_array_room(*rows, *n, cap, 32) < 0)
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		if ((more = parse_row(r, s, len, &(*rows)[*n], err)) < 0)
			return more;
		(*n)++;
	}
	if (more == 0 && !header)
		return line_error(err, r->name, r->line, "no header row: the "
		    "table holds only comments");
	return more;
}

int rw_screen_persecution_parse(struct rw_screen_rules *rules,
    const char *name, const char *text, size_t len, struct rw_error *err)
{
	struct persecution *rows = NULL, *all;
	size_t n = 0;
	struct reader r;
	int rc;

	if ((rc = reader_init(&r, name, text, len, err)) < 0)
		return rc;
	if ((rc = read_rows(&r, &rows, &n, err)) < 0) {
		persecution_free(rows, n);
		return rc;
	}
	all = realloc(rules->persecution, (rules->n_persecution + n) *
	    sizeof(*all) + 1);
	if (all == NULL) {
		persecution_free(rows, n);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	if (n > 0)
		memcpy(all + rules->n_persecution, rows, n * sizeof(*rows));
	rules->persecution = all;
	rules->n_persecution += n;
	free(rows);
	return RW_OK;
}

bool rw_screen_names_match(const char *names, const char *s)
{
	size_t len = strlen(s);

	for (const char *p = names;; p++) {
		size_t n = strcspn(p, "|");

		if (n == len && strncasecmp(p, s, len) == 0)
			return true;
		p += n;
		if (*p == '\0')
			return false;
	}
}

/* ---- the compiled-in rules ---- */

static int embedded_parse(const char *file, struct rw_screen_rules *rules,
    struct rw_screen_rules **ret, struct rw_error *err)
{
	const struct rw_embedded *e = rw_embedded_find(rw_screening_data,
	    file);

	if (e == NULL)
		return rw_error_set(err, RW_ENOTFOUND, "%s is not compiled in",
		    file);
	return rules == NULL ? rw_screen_rules_parse(file, e->data, e->size,
	    ret, err) : rw_screen_persecution_parse(rules, file, e->data,
	    e->size, err);
}

int rw_screen_rules_default(struct rw_screen_rules **ret,
    struct rw_error *err)
{
	struct rw_screen_rules *rules = NULL;
	int rc;

	if ((rc = embedded_parse("rules.txt", NULL, &rules, err)) < 0)
		return rc;
	if ((rc = embedded_parse("persecution.tsv", rules, NULL, err)) < 0) {
		rw_screen_rules_free(rules);
		return rc;
	}
	*ret = rules;
	return RW_OK;
}

void rw_screen_rules_free(struct rw_screen_rules *rules)
{
	if (rules == NULL)
		return;
	for (size_t k = 0; k < rules->n_factors; k++)
		rule_free(&rules->factors[k]);
	free(rules->factors);
	for (size_t k = 0; k < rules->n_advice; k++)
		rule_free(&rules->advice[k]);
	free(rules->advice);
	for (size_t k = 0; k < rules->n_pretexts; k++)
		free(rules->pretexts[k]);
	free(rules->pretexts);
	persecution_free(rules->persecution, rules->n_persecution);
	free(rules);
}
