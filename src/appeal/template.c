/* template.c: parser and renderer of the appeal template language
 * (template.h). A template is parsed once into a flat list of nodes: one
 * LINE node opens each rendered line, followed by its text and tags;
 * sections know the index of their closing tag, so rendering is a walk
 * over index ranges with a stack of visible JSON objects. */
#include "appeal/template.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* Longest name inside a tag. */
#define NAME_MAX_LEN 64
/* Nodes visited in one rendering: lists nested in lists inside parts
 * could otherwise repeat an empty body for ever. */
#define STEPS_MAX (10 * 1000 * 1000)
/* Objects visible at once: sections and parts each push at most one. */
#define SCOPES_MAX (RW_TPL_DEPTH_MAX * (RW_TPL_PART_DEPTH_MAX + 1) + 1)

enum node_kind { N_LINE, N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_CLOSE,
	N_PART };
enum line_kind { L_TEXT, L_ITEM, L_H1, L_H2, L_BLANK };

struct node {
	enum node_kind kind;
	enum line_kind line_kind; /* N_LINE */
	int line;                 /* in the template, from 1 */
	char *text;               /* text, or the tag's name */
	size_t len;
	size_t close;             /* sections: index of their N_CLOSE */
	int block;                /* sections: on a line of their own */
};

struct rw_tpl {
	char *name;
	struct node *nodes;
	size_t n, cap;
};

bool
rw_tpl_format_parse(const char *name, enum rw_tpl_format *ret)
{
	if (strcmp(name, "md") == 0)
		*ret = RW_TPL_MD;
	else if (strcmp(name, "html") == 0)
		*ret = RW_TPL_HTML;
	else
		return false;
	return true;
}

struct rw_tpl *
rw_tpl_free(struct rw_tpl *t)
{
	if (t == NULL)
		return NULL;
	for (size_t k = 0; k < t->n; k++)
		free(t->nodes[k].text);
	free(t->nodes);
	free(t->name);
	free(t);
	return NULL;
}

/* ---- parsing ---- */

struct open_section {
	size_t node;
	int line, block;
};

struct parser {
	struct rw_tpl *t;
	struct open_section open[RW_TPL_DEPTH_MAX];
	size_t depth;
	int line;
	struct rw_error *err;
};

/* Records "NAME:LINE: message" as a format error. */
static int __attribute__((format(printf, 2, 3)))
fail(struct parser *p, const char *fmt, ...)
{
	char message[RW_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return rw_error_set(p->err, RW_EFORMAT, "%s:%d: %s", p->t->name,
	    p->line, message);
}

static int
add_node(struct parser *p, enum node_kind kind, const char *text,
    size_t len)
{
	struct node *n;

	if (p->t->n == p->t->cap) {
		size_t cap = p->t->cap ? p->t->cap * 2 : 64;
		struct node *more = realloc(p->t->nodes, cap * sizeof(*more));
		if (more == NULL)
			return rw_error_set(p->err, RW_ENOMEM, "out of memory");
		p->t->nodes = more;
		p->t->cap = cap;
	}
	n = &p->t->nodes[p->t->n];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = p->line;
	if (text != NULL) {
		if ((n->text = malloc(len + 1)) == NULL)
			return rw_error_set(p->err, RW_ENOMEM, "out of memory");
		memcpy(n->text, text, len);
		n->text[len] = '\0';
		n->len = len;
	}
	p->t->n++;
	return 0;
}

static bool
name_ok(const char *s, size_t len, enum node_kind kind)
{
	if (len == 1 && s[0] == '.')
		return kind == N_VAR;
	if (len == 0 || len > NAME_MAX_LEN)
		return false;
	for (size_t k = 0; k < len; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' &&
		    s[k] <= '9') || s[k] == '_'))
			return false;
	return true;
}

static int
open_section(struct parser *p, int block)
{
	if (p->depth == RW_TPL_DEPTH_MAX)
		return fail(p, "sections nest deeper than %d",
		    RW_TPL_DEPTH_MAX);
	p->open[p->depth++] = (struct open_section){p->t->n - 1, p->line,
	    block};
	p->t->nodes[p->t->n - 1].block = block;
	return 0;
}

static int
close_section(struct parser *p, const char *name, int block)
{
	struct open_section *o;
	struct node *n;

	if (p->depth == 0)
		return fail(p, "{{/%s}} closes no section", name);
	o = &p->open[p->depth - 1];
	n = &p->t->nodes[o->node];
	if (strcmp(n->text, name) != 0)
		return fail(p, "{{/%s}} closes {{#%s}} opened on line %d",
		    name, n->text, o->line);
	if (o->block != block)
		return fail(p, "{{/%s}} must be %s, as {{#%s}} is (line %d)",
		    name, o->block ? "on a line of its own" : "inside the line",
		    name, o->line);
	n->close = p->t->n - 1;
	p->depth--;
	return 0;
}

/* One tag: s[0..len) is what lies between the braces. */
static int
parse_tag(struct parser *p, const char *s, size_t len, int block)
{
	enum node_kind kind = N_VAR;
	char name[NAME_MAX_LEN + 1];
	int r;

	if (len > 0 && s[0] == '!')
		return 0;
	if (len > 0 && s[0] != '\0' && strchr("#^/>", s[0]) != NULL) {
		kind = s[0] == '#' ? N_SECTION : s[0] == '^' ? N_INVERTED :
		    s[0] == '/' ? N_CLOSE : N_PART;
		s++;
		len--;
	}
	while (len > 0 && s[0] == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (!name_ok(s, len, kind))
		return fail(p, "a tag's name is lower-case letters, digits "
		    "and _ (1 to %d)", NAME_MAX_LEN);
	memcpy(name, s, len);
	name[len] = '\0';
	if (kind == N_PART && !block)
		return fail(p, "{{>%s}} must be on a line of its own", name);
	if ((r = add_node(p, kind, name, len)) < 0)
		return r;
	if (kind == N_SECTION || kind == N_INVERTED)
		return open_section(p, block);
	if (kind == N_CLOSE)
		return close_section(p, name, block);
	return 0;
}

/* A line holding one section, close, part or comment tag and nothing
 * else is a directive: it renders no line of its own. */
static bool
directive_line(const char *s, size_t len, const char **ret_tag,
    size_t *ret_len)
{
	const char *end;

	while (len > 0 && (s[0] == ' ' || s[0] == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < 5 || memcmp(s, "{{", 2) != 0 || memcmp(s + len - 2, "}}",
	    2) != 0 || s[2] == '\0' || strchr("#^/>!", s[2]) == NULL)
		return false;
	end = memmem(s + 2, len - 2, "}}", 2);
	if (end != s + len - 2)
		return false;
	*ret_tag = s + 2;
	*ret_len = len - 4;
	return true;
}

static enum line_kind
line_kind_of(const char **s, size_t *len)
{
	static const struct {
		const char *mark;
		enum line_kind kind;
	} marks[] = {{"# ", L_H1}, {"## ", L_H2}, {"- ", L_ITEM}};
	size_t k;

	for (k = 0; k < *len; k++)
		if ((*s)[k] != ' ' && (*s)[k] != '\t')
			break;
	if (k == *len)
		return L_BLANK;
	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		size_t m = strlen(marks[k].mark);
		if (*len >= m && memcmp(*s, marks[k].mark, m) == 0) {
			*s += m;
			*len -= m;
			return marks[k].kind;
		}
	}
	return L_TEXT;
}

/* The text and tags of one rendered line. */
static int
parse_inline(struct parser *p, const char *s, size_t len)
{
	size_t depth = p->depth;
	int r;

	while (len > 0) {
		const char *tag = memmem(s, len, "{{", 2), *end;
		size_t text = tag ? (size_t)(tag - s) : len;

		if (text > 0 && (r = add_node(p, N_TEXT, s, text)) < 0)
			return r;
		if (tag == NULL)
			break;
		end = memmem(tag + 2, len - text - 2, "}}", 2);
		if (end == NULL)
			return fail(p, "'{{' without '}}'");
		if ((r = parse_tag(p, tag + 2, (size_t)(end - tag - 2), 0)) < 0)
			return r;
		len -= (size_t)(end + 2 - s);
		s = end + 2;
	}
	if (p->depth > depth)
		return fail(p, "{{#%s}} opened inside a line must close on it",
		    p->t->nodes[p->open[p->depth - 1].node].text);
	return 0;
}

static int
check_line(struct parser *p, const char *s, size_t len)
{
	if (!rw_utf8_valid(s, len))
		return fail(p, "invalid UTF-8");
	for (size_t k = 0; k < len; k++)
		if (((unsigned char)s[k] < 0x20 && s[k] != '\t') || s[k] == 0x7f)
			return fail(p, "control character (only tabs may "
			    "appear)");
	return 0;
}

static int
parse_line(struct parser *p, const char *s, size_t len)
{
	const char *tag;
	size_t tag_len;
	int r;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if ((r = check_line(p, s, len)) < 0)
		return r;
	if (directive_line(s, len, &tag, &tag_len))
		return parse_tag(p, tag, tag_len, 1);
	if ((r = add_node(p, N_LINE, NULL, 0)) < 0)
		return r;
	p->t->nodes[p->t->n - 1].line_kind = line_kind_of(&s, &len);
	return parse_inline(p, s, len);
}

int
rw_tpl_parse(const char *name, const char *text, size_t len,
    struct rw_tpl **ret, struct rw_error *err)
{
	struct parser p = {.err = err};
	const char *s = text, *end = text + len;
	int r = 0;

	if (len > RW_TPL_MAX)
		return rw_error_set(err, RW_ETOOBIG, "%s: a template is at most "
		    "%d bytes", name, RW_TPL_MAX);
	if ((p.t = calloc(1, sizeof(*p.t))) == NULL ||
	    (p.t->name = strdup(name)) == NULL) {
		free(p.t);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	while (r == 0 && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		p.line++;
		r = parse_line(&p, s, n);
		s += n + (nl != NULL);
	}
	if (r == 0 && p.depth > 0)
		r = rw_error_set(err, RW_EFORMAT, "%s:%d: {{#%s}} opened on "
		    "line %d is never closed", name, p.line,
		    p.t->nodes[p.open[p.depth - 1].node].text,
		    p.open[p.depth - 1].line);
	if (r < 0) {
		rw_tpl_free(p.t);
		return r;
	}
	*ret = p.t;
	return 0;
}

/* ---- escaping ---- */

/* Markdown punctuation escaped wherever it appears in a value: enough
 * that a value cannot open a link, an image, HTML, an entity, code,
 * emphasis or a table cell. */
static const char md_special[] = "\\`*_[]<>|~&";

/* Whether cp would change the text's direction or is a control
 * character: written as a space. */
static bool
unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static int
escape_html_cp(struct rw_buf *out, uint32_t cp)
{
	switch (cp) {
	case '&': return rw_buf_append_str(out, "&amp;");
	case '<': return rw_buf_append_str(out, "&lt;");
	case '>': return rw_buf_append_str(out, "&gt;");
	case '"': return rw_buf_append_str(out, "&quot;");
	case '\'': return rw_buf_append_str(out, "&#39;");
	}
	return rw_utf8_encode(out, cp);
}

/* In Markdown a value must not start a block either: "- x", "+ x",
 * "# x", "1. x" and "===" at the start of a line do; so a leading '-',
 * '+', '#' or '=', and the '.' or ')' after leading digits, are escaped
 * too. */
static bool
md_escapes(uint32_t cp, size_t at, bool digits_so_far)
{
	if (cp < 0x80 && cp != 0 && strchr(md_special, (int)cp) != NULL)
		return true;
	if (at == 0 && cp < 0x80 && cp != 0 && strchr("-+#=", (int)cp))
		return true;
	return digits_so_far && at > 0 && (cp == '.' || cp == ')');
}

int
rw_tpl_escape(struct rw_buf *out, enum rw_tpl_format format, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), at = 0;
	bool digits = true;
	int r = 0;

	while (r == 0 && at < len) {
		uint32_t cp;
		size_t n = rw_utf8_decode(p + at, len - at, &cp);

		if (unsafe_cp(cp))
			cp = ' ';
		if (format == RW_TPL_HTML)
			r = escape_html_cp(out, cp);
		else if (format == RW_TPL_MD && md_escapes(cp, at, digits) &&
		    (r = rw_buf_append_char(out, '\\')) == 0)
			r = rw_buf_append_char(out, (char)cp);
		else if (r == 0)
			r = rw_utf8_encode(out, cp);
		digits = digits && cp >= '0' && cp <= '9';
		at += n;
	}
	return r;
}

/* ---- rendering ---- */

struct render {
	enum rw_tpl_format format;
	rw_tpl_part_fn parts;
	void *arg;
	struct rw_buf *out;
	struct rw_buf line;        /* the line being built */
	enum line_kind line_kind;
	bool pending, in_para, in_list;
	json_t *scopes[SCOPES_MAX];
	size_t n_scopes;
	int part_depth;
	size_t steps;
	struct rw_error *err;
};

static int
emit(struct render *r, const char *md, const char *html)
{
	return rw_buf_append_str(r->out, r->format == RW_TPL_HTML ? html : md);
}

static int
close_blocks(struct render *r, bool para, bool list)
{
	int rc = 0;

	if (para && r->in_para)
		rc = emit(r, "\n\n", "</p>\n");
	if (rc == 0 && list && r->in_list)
		rc = emit(r, "\n", "</ul>\n");
	r->in_para = r->in_para && !para;
	r->in_list = r->in_list && !list;
	return rc;
}

/* Writes the pending line as the block its kind says; a line that
 * rendered empty (or blank) writes nothing. */
static int
flush(struct render *r)
{
	static const char *const open_md[] = {"", "- ", "# ", "## "};
	static const char *const open_html[] = {"", "<li>", "<h1>", "<h2>"};
	static const char *const close_md[] = {"", "\n", "\n\n", "\n\n"};
	static const char *const close_html[] = {"", "</li>\n", "</h1>\n",
	    "</h2>\n"};
	enum line_kind k = r->line_kind;
	int rc;

	if (!r->pending)
		return 0;
	r->pending = false;
	rw_buf_trim_end(&r->line);
	if (k == L_BLANK)
		return close_blocks(r, true, true);
	if (r->line.len == 0 || strspn(r->line.data, " \t") == r->line.len)
		return 0;
	if ((rc = close_blocks(r, k != L_TEXT, k != L_ITEM)) < 0)
		return rc;
	if (k == L_TEXT)
		rc = emit(r, r->in_para ? "\n" : "", r->in_para ? "\n" : "<p>");
	else if (k == L_ITEM && !r->in_list)
		rc = emit(r, "", "<ul>\n");
	r->in_para = k == L_TEXT;
	r->in_list = k == L_ITEM;
	if (rc == 0)
		rc = emit(r, open_md[k], open_html[k]);
	if (rc == 0)
		rc = rw_buf_append(r->out, r->line.data, r->line.len);
	if (rc == 0)
		rc = emit(r, close_md[k], close_html[k]);
	return rc;
}

static int
render_fail(struct render *r, const struct rw_tpl *t, const struct node *n,
    const char *problem)
{
	return rw_error_set(r->err, RW_EINVAL, "%s:%d: '%s' %s", t->name,
	    n->line, n->text, problem);
}

/* The value name refers to in the innermost object that has it; NULL
 * when none has it (a JSON null is a value). */
static json_t *
lookup(const struct render *r, const char *name)
{
	if (strcmp(name, ".") == 0)
		return r->scopes[r->n_scopes - 1];
	for (size_t k = r->n_scopes; k-- > 0;) {
		json_t *v = json_is_object(r->scopes[k]) ?
		    json_object_get(r->scopes[k], name) : NULL;
		if (v != NULL)
			return v;
	}
	return NULL;
}

static bool
truthy(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_OBJECT: return json_object_size(v) > 0;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_TRUE: return true;
	default: return false;
	}
}

static int
write_value(struct render *r, const struct rw_tpl *t, const struct node *n)
{
	json_t *v = lookup(r, n->text);

	if (v == NULL)
		return render_fail(r, t, n, "has no value here");
	if (json_is_string(v))
		return rw_tpl_escape(&r->line, r->format, json_string_value(v));
	if (json_is_integer(v))
		return rw_buf_appendf(&r->line, "%lld",
		    (long long)json_integer_value(v));
	if (json_is_null(v))
		return 0;
	return render_fail(r, t, n, "is a list or a flag: use it as a "
	    "section");
}

static int render_range(struct render *r, const struct rw_tpl *t,
    size_t from, size_t to);

/* Renders the body of section n (at index i) once per element, once, or
 * not at all, as its value says. */
static int
render_section(struct render *r, const struct rw_tpl *t, size_t i)
{
	const struct node *n = &t->nodes[i];
	json_t *v = lookup(r, n->text);
	size_t times, k;
	int rc = 0;

	if (v == NULL)
		return render_fail(r, t, n, "has no value here");
	if (n->kind == N_INVERTED)
		return truthy(v) ? 0 : render_range(r, t, i + 1, n->close);
	if (!truthy(v))
		return 0;
	times = json_is_array(v) ? json_array_size(v) : 1;
	for (k = 0; k < times && rc == 0; k++) {
		json_t *scope = json_is_array(v) ? json_array_get(v, k) : v;
		bool push = json_is_array(v) || json_is_object(v);

		if (push && r->n_scopes == SCOPES_MAX)
			return render_fail(r, t, n, "nests too deep");
		if (push)
			r->scopes[r->n_scopes++] = scope;
		rc = render_range(r, t, i + 1, n->close);
		if (push)
			r->n_scopes--;
	}
	return rc;
}

static int
render_part(struct render *r, const struct rw_tpl *t, const struct node *n)
{
	const struct rw_tpl *part = r->parts ? r->parts(n->text, r->arg) :
	    NULL;
	int rc;

	if (part == NULL)
		return render_fail(r, t, n, "is not a template part");
	if (r->part_depth == RW_TPL_PART_DEPTH_MAX)
		return render_fail(r, t, n, "includes parts too deep (a part "
		    "that includes itself?)");
	r->part_depth++;
	rc = render_range(r, part, 0, part->n);
	r->part_depth--;
	return rc;
}

static int
render_range(struct render *r, const struct rw_tpl *t, size_t from,
    size_t to)
{
	int rc = 0;

	for (size_t i = from; i < to && rc == 0; i++) {
		const struct node *n = &t->nodes[i];

		if (++r->steps > STEPS_MAX)
			return rw_error_set(r->err, RW_ETOOBIG, "%s:%d: the "
			    "sections repeat too often (over ten million steps)",
			    t->name, n->line);
		switch (n->kind) {
		case N_LINE:
			if ((rc = flush(r)) == 0) {
				rw_buf_reset(&r->line);
				r->pending = true;
				r->line_kind = n->line_kind;
			}
			break;
		case N_TEXT:
			rc = r->format == RW_TPL_HTML ?
			    rw_tpl_escape(&r->line, RW_TPL_HTML, n->text) :
			    rw_buf_append(&r->line, n->text, n->len);
			break;
		case N_VAR:
			rc = write_value(r, t, n);
			break;
		case N_SECTION:
		case N_INVERTED:
			if (!n->block || (rc = flush(r)) == 0)
				rc = render_section(r, t, i);
			i = n->close;
			break;
		case N_PART:
			if ((rc = flush(r)) == 0)
				rc = render_part(r, t, n);
			break;
		case N_CLOSE:
			break;
		}
	}
	return rc;
}

int
rw_tpl_render(const struct rw_tpl *t, enum rw_tpl_format format,
    json_t *ctx, rw_tpl_part_fn parts, void *arg, struct rw_buf *out,
    struct rw_error *err)
{
	struct render r = {.format = format, .parts = parts, .arg = arg,
	    .out = out, .err = err};
	int rc;

	if (!json_is_object(ctx))
		return rw_error_set(err, RW_EINVAL, "%s: the values to render "
		    "are not a JSON object", t->name);
	rw_buf_init(&r.line, out->max);
	r.scopes[r.n_scopes++] = ctx;
	rc = render_range(&r, t, 0, t->n);
	if (rc == 0)
		rc = flush(&r);
	if (rc == 0)
		rc = close_blocks(&r, true, true);
	rw_buf_free(&r.line);
	if (rc == RW_ENOMEM)
		rw_error_set(err, rc, "out of memory");
	else if (rc == RW_ETOOBIG && r.steps <= STEPS_MAX)
		rw_error_set(err, rc, "%s: the rendered text is over %zu bytes",
		    t->name, out->max);
	return rc;
}
