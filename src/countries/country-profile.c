/* country-profile.c: the country table (data/countries.tsv, described in
 * data/countries.md): parsing with line-numbered errors, and lookups.
 *
 * A table is one copy of the file's text, cut into NUL-terminated cells
 * that the rows point into. Parsing runs in two passes: every row alone,
 * then what joins rows: extradition treaties made symmetric (checked for
 * agreement) and pact blocs turned into links between members. */
#include "countries/country-profile.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/country.h"
#include "core/embedded.h"
#include "core/utf8.h"

#define TABLE_MAX (1u << 20)
#define BLOC_MAX 15

extern const struct rw_embedded rw_country_data[];

enum column {
	COL_ISO, COL_NAME, COL_REFUGEE, COL_CAT, COL_CAT22, COL_ICCPR, COL_CED,
	COL_LAW, COL_EXTRADITION, COL_PACTS, COL_HK, COL_INTERPOL, COL_RSD,
	COL_RETURNS, COL_SOURCES, N_COLUMNS
};

/* NULL-terminated, as list_names walks it */
static const char *const column_names[N_COLUMNS + 1] = {
	"iso", "name", "refugee_convention", "cat", "cat_article22", "iccpr",
	"ced", "domestic_law", "extradition", "pacts", "hk_surrender_suspended",
	"interpol", "rsd", "returns_note", "sources", NULL,
};

/* Indexed by enum rw_treaty_status and enum rw_rsd. */
static const char *const treaty_names[] = {
	"unknown", "party", "signatory", "not party", NULL,
};
static const char *const rsd_names[] = {
	"unknown", "state", "unhcr", "mixed", "none", NULL,
};
static const char *const link_statuses[] = {
	"in force", "signed not in force", "none", NULL,
};
static const char *const hk_values[] = {"no", "yes", "n/a", NULL};
static const char *const yes_no[] = {"no", "yes", NULL};
static const char *const empty_lists[] = {"unknown", "none", NULL};

struct links {
	struct rw_country_link *v;
	size_t n, cap, own;     /* own: those the row itself states */
};

struct blocs {
	const char **v;
	size_t n, cap;
};

/* What a row needs besides its struct rw_country. */
struct extra {
	int line;
	struct links extradition;
	struct links pacts;
	struct blocs blocs;
};

struct rw_country_table {
	char *text;
	struct rw_country *rows;
	size_t n_rows, cap_rows;
	struct extra *extra;    /* one per row */
	size_t cap_extra;
};

struct parser {
	const char *file;
	int line;
	struct rw_country_table *t;
	struct rw_error *err;
};

static int
bad(const struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(const struct parser *p, const char *fmt, ...)
{
	char what[RW_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rw_error_set(p->err, RW_EFORMAT, "%s:%d: %s", p->file, p->line,
	    what);
}

static int
oom(const struct parser *p)
{
	return rw_error_set(p->err, RW_ENOMEM, "out of memory reading %s",
	    p->file);
}

/* Index of v in a NULL-terminated list, or -1. */
static int
lookup(const char *const *names, const char *v)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return -1;
}

static void
list_names(char *out, size_t cap, const char *const *names)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; names[i] != NULL && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    i > 0 ? ", " : "", names[i]);
}

static char *
trim(char *s)
{
	size_t len;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	return s;
}

/* Cuts "value (note)" into value and note (NULL when there is none). */
static int
split_note(const struct parser *p, enum column col, char *cell,
    char **ret_note)
{
	char *open = strstr(cell, " (");
	size_t len = strlen(cell);

	*ret_note = NULL;
	if (open == NULL) {
		if (strchr(cell, '(') != NULL || strchr(cell, ')') != NULL)
			return bad(p, "column %s: a note goes in \" (...)\" at the "
			    "end of the value", column_names[col]);
		return RW_OK;
	}
	if (len == 0 || cell[len - 1] != ')')
		return bad(p, "column %s: the note \"%s\" must end with ')'",
		    column_names[col], open + 1);
	cell[len - 1] = '\0';
	*open = '\0';
	*ret_note = open + 2;
	return RW_OK;
}

/* A controlled cell: "value" or "value (note)"; the note is for readers. */
static int
controlled(const struct parser *p, enum column col, char *cell,
    const char *const *names, int *ret)
{
	char *note, expected[256];
	int r = split_note(p, col, cell, &note);

	if (r < 0)
		return r;
	*ret = lookup(names, cell);
	if (*ret >= 0)
		return RW_OK;
	list_names(expected, sizeof(expected), names);
	return bad(p, "column %s: \"%s\" is not one of: %s", column_names[col],
	    cell, expected);
}

/* Splits a list cell at the ';' outside parentheses; calls each(entry). */
static int
each_entry(const struct parser *p, enum column col, char *cell,
    int (*each)(const struct parser *, size_t, char *), size_t row)
{
	char *start = cell;
	int depth = 0, r;

	for (char *s = cell;; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth < 0)
			return bad(p, "column %s: a ')' without its '('",
			    column_names[col]);
		if (*s != '\0' && (*s != ';' || depth > 0))
			continue;
		if (depth > 0)
			return bad(p, "column %s: a '(' is not closed",
			    column_names[col]);
		if (*s == '\0')
			return each(p, row, trim(start));
		*s = '\0';
		if ((r = each(p, row, trim(start))) < 0)
			return r;
		start = s + 1;
	}
}

static int
add_link(struct links *l, const char *state, const char *status,
    const char *note)
{
	struct rw_country_link *k;

	if (rw_array_room(l->v, l->n, l->cap, 4) < 0)
		return RW_ENOMEM;
	k = &l->v[l->n++];
	memcpy(k->state, state, 3);
	k->status = status;
	k->note = note;
	return RW_OK;
}

static const struct rw_country_link *
find_link(const struct rw_country_link *v, size_t n, const char *state)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].state, state) == 0)
			return &v[i];
	return NULL;
}

/* "CN=in force (signed 1993)" */
static int
extradition_entry(const struct parser *p, size_t row, char *entry)
{
	struct links *l = &p->t->extra[row].extradition;
	char *eq = strchr(entry, '='), *note;
	int status, r;

	if (eq == NULL || eq - entry != 2)
		return bad(p, "column extradition: \"%s\" is not STATE=STATUS, "
		    "such as CN=in force", entry);
	*eq = '\0';
	if (!rw_country_code_valid(entry))
		return bad(p, "column extradition: \"%s\" is not an ISO 3166-1 "
		    "alpha-2 code", entry);
	if (strcmp(entry, p->t->rows[row].iso) == 0)
		return bad(p, "column extradition: a treaty of %s with itself",
		    entry);
	if (find_link(l->v, l->n, entry) != NULL)
		return bad(p, "column extradition: %s is listed twice", entry);
	if ((r = split_note(p, COL_EXTRADITION, eq + 1, &note)) < 0)
		return r;
	if ((status = lookup(link_statuses, trim(eq + 1))) < 0)
		return bad(p, "column extradition: \"%s\" is not one of: in force, "
		    "signed not in force, none", eq + 1);
	if (add_link(l, entry, link_statuses[status], note) < 0)
		return oom(p);
	l->own = l->n;
	return RW_OK;
}

/* "SCO (founding member)": a bloc's name, capitals only. */
static int
pact_entry(const struct parser *p, size_t row, char *entry)
{
	struct blocs *b = &p->t->extra[row].blocs;
	char *note;
	size_t len;
	int r;

	if ((r = split_note(p, COL_PACTS, entry, &note)) < 0)
		return r;
	len = strlen(entry);
	if (len < 2 || len > BLOC_MAX || strspn(entry,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != len)
		return bad(p, "column pacts: \"%s\" is not a bloc's name (2 to %d "
		    "capital letters, such as SCO)", entry, BLOC_MAX);
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i], entry) == 0)
			return bad(p, "column pacts: %s is listed twice", entry);
	if (rw_array_room(b->v, b->n, b->cap, 2) < 0)
		return oom(p);
	b->v[b->n++] = entry;
	return RW_OK;
}

/* A list cell: "unknown" or "none" (either with a note), or entries. */
static int
list_cell(const struct parser *p, enum column col, char *cell, size_t row,
    int (*each)(const struct parser *, size_t, char *))
{
	char *note;

	for (int i = 0; empty_lists[i] != NULL; i++) {
		size_t len = strlen(empty_lists[i]);

		if (strncmp(cell, empty_lists[i], len) == 0 &&
		    (cell[len] == '\0' || strncmp(cell + len, " (", 2) == 0))
			return split_note(p, col, cell, &note);
	}
	return each_entry(p, col, cell, each, row);
}

/* Free text, or NULL for the given placeholder. */
static const char *
text_or_null(const char *cell, const char *placeholder)
{
	return strcmp(cell, placeholder) == 0 ? NULL : cell;
}

static int
treaties(const struct parser *p, char **cells, struct rw_country *c)
{
	static const enum column cols[] = {COL_REFUGEE, COL_CAT, COL_CAT22,
		COL_ICCPR, COL_CED};
	enum rw_treaty_status *fields[] = {&c->refugee_convention, &c->cat,
		&c->cat_article22, &c->iccpr, &c->ced};
	int v, r;

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		if ((r = controlled(p, cols[i], cells[cols[i]], treaty_names,
		    &v)) < 0)
			return r;
		*fields[i] = (enum rw_treaty_status)v;
	}
	return RW_OK;
}

static int
row_values(const struct parser *p, char **cells, size_t row)
{
	struct rw_country *c = &p->t->rows[row];
	int v, r;

	if ((r = treaties(p, cells, c)) < 0)
		return r;
	c->domestic_law = text_or_null(cells[COL_LAW], "unknown");
	if ((r = list_cell(p, COL_EXTRADITION, cells[COL_EXTRADITION], row,
	    extradition_entry)) < 0 ||
	    (r = list_cell(p, COL_PACTS, cells[COL_PACTS], row, pact_entry)) < 0)
		return r;
	if ((r = controlled(p, COL_HK, cells[COL_HK], hk_values, &v)) < 0)
		return r;
	c->hk_surrender_suspended = v == 1;
	if ((r = controlled(p, COL_INTERPOL, cells[COL_INTERPOL], yes_no,
	    &v)) < 0)
		return r;
	c->interpol_member = v == 1;
	if ((r = controlled(p, COL_RSD, cells[COL_RSD], rsd_names, &v)) < 0)
		return r;
	c->rsd = (enum rw_rsd)v;
	c->returns_note = text_or_null(cells[COL_RETURNS], "-");
	c->sources = cells[COL_SOURCES];
	return RW_OK;
}

/* Adds an empty row. */
static int
new_row(struct rw_country_table *t, int line)
{
	if (rw_array_room(t->rows, t->n_rows, t->cap_rows, 64) < 0 ||
	    rw_array_room(t->extra, t->n_rows, t->cap_extra, 64) < 0)
		return RW_ENOMEM;
	memset(&t->rows[t->n_rows], 0, sizeof(t->rows[0]));
	memset(&t->extra[t->n_rows], 0, sizeof(t->extra[0]));
	t->extra[t->n_rows].line = line;
	t->n_rows++;
	return RW_OK;
}

static int
row_key(const struct parser *p, char **cells)
{
	const struct rw_country *other;

	if (!rw_country_code_valid(cells[COL_ISO]))
		return bad(p, "column iso: \"%s\" is not an ISO 3166-1 alpha-2 "
		    "code (two capital letters, such as TH)", cells[COL_ISO]);
	other = rw_country_table_find(p->t, cells[COL_ISO]);
	if (other != NULL)
		return bad(p, "%s is already described on line %d",
		    cells[COL_ISO], p->t->extra[other - p->t->rows].line);
	if (new_row(p->t, p->line) < 0)
		return oom(p);
	memcpy(p->t->rows[p->t->n_rows - 1].iso, cells[COL_ISO], 3);
	p->t->rows[p->t->n_rows - 1].name = cells[COL_NAME];
	return RW_OK;
}

/* Splits line at tabs into cells; returns how many (at most max + 1). */
static size_t
split_cells(char *line, char **cells, size_t max)
{
	size_t n = 0;

	for (;;) {
		cells[n++] = line;
		line = strchr(line, '\t');
		if (line == NULL || n > max)
			return n;
		*line++ = '\0';
	}
}

static int
header(const struct parser *p, char *line)
{
	char *cells[N_COLUMNS + 1], expected[512];
	size_t n = split_cells(line, cells, N_COLUMNS);

	for (size_t i = 0; i < N_COLUMNS; i++)
		if (n != N_COLUMNS || strcmp(cells[i], column_names[i]) != 0) {
			list_names(expected, sizeof(expected), column_names);
			return bad(p, "the header row must name the columns, "
			    "tab-separated, in this order: %s", expected);
		}
	return RW_OK;
}

static int
row(const struct parser *p, char *line)
{
	char *cells[N_COLUMNS + 1];
	size_t n = split_cells(line, cells, N_COLUMNS);
	int r;

	if (n != N_COLUMNS)
		return bad(p, "%s%zu columns where %d are expected (separate "
		    "them with one tab)", n > N_COLUMNS ? "more than " : "",
		    n > N_COLUMNS ? (size_t)N_COLUMNS : n, N_COLUMNS);
	for (size_t i = 0; i < N_COLUMNS; i++)
		if (cells[i][0] == '\0')
			return bad(p, "column %s is empty (write unknown, or - "
			    "where the column allows it)", column_names[i]);
	if ((r = row_key(p, cells)) < 0)
		return r;
	return row_values(p, cells, p->t->n_rows - 1);
}

/* Checks a line's bytes: UTF-8, no control characters but tabs. */
static int
line_ok(const struct parser *p, const char *line, size_t len)
{
	if (!rw_utf8_valid(line, len))
		return bad(p, "not valid UTF-8");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
			return bad(p, "a control character (byte 0x%02x) in column "
			    "%zu of the line", (unsigned char)line[i], i + 1);
	return RW_OK;
}

static int
parse_lines(struct parser *p, char *text, size_t len)
{
	char *end = text + len, *line = text;
	int seen_header = 0, r;

	for (p->line = 1; line < end; p->line++) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = (nl != NULL ? nl : end) - line;

		if (n > 0 && line[n - 1] == '\r')
			n--;
		if ((r = line_ok(p, line, n)) < 0)
			return r;
		line[n] = '\0';
		if (n > 0 && line[0] != '#') {
			r = seen_header ? row(p, line) : header(p, line);
			if (r < 0)
				return r;
			seen_header = 1;
		}
		line = nl != NULL ? nl + 1 : end;
	}
	if (p->t->n_rows == 0)
		return bad(p, "no country rows (after the header row, one row "
		    "per country)");
	return RW_OK;
}

/* Adds to the partner's row each treaty a row states and the partner's
 * row does not; a treaty both state must agree. */
static int
join_extradition(struct parser *p)
{
	struct rw_country_table *t = p->t;

	for (size_t i = 0; i < t->n_rows; i++) {
		struct links *mine = &t->extra[i].extradition;

		for (size_t k = 0; k < mine->own; k++) {
			const struct rw_country_link *l = &mine->v[k], *back;
			const struct rw_country *other =
			    rw_country_table_find(t, l->state);
			struct links *theirs;

			if (other == NULL)
				continue;
			theirs = &t->extra[other - t->rows].extradition;
			back = find_link(theirs->v, theirs->own, t->rows[i].iso);
			p->line = t->extra[i].line;
			if (back != NULL && strcmp(back->status, l->status) != 0)
				return bad(p, "%s=%s disagrees with line %d, which says "
				    "%s=%s", l->state, l->status,
				    t->extra[other - t->rows].line, back->state,
				    back->status);
			if (back == NULL && add_link(theirs, t->rows[i].iso,
			    l->status, l->note) < 0)
				return oom(p);
		}
	}
	return RW_OK;
}

static bool
has_bloc(const struct blocs *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i], name) == 0)
			return true;
	return false;
}

/* Links each row to every other member of each of its blocs. */
static int
join_pacts(struct parser *p)
{
	struct rw_country_table *t = p->t;

	for (size_t i = 0; i < t->n_rows; i++) {
		const struct blocs *b = &t->extra[i].blocs;

		for (size_t k = 0; k < b->n; k++)
			for (size_t j = 0; j < t->n_rows; j++)
				if (j != i && has_bloc(&t->extra[j].blocs, b->v[k]) &&
				    add_link(&t->extra[i].pacts, t->rows[j].iso,
				    "in force", b->v[k]) < 0)
					return oom(p);
	}
	return RW_OK;
}

static void
publish_links(struct rw_country_table *t)
{
	for (size_t i = 0; i < t->n_rows; i++) {
		t->rows[i].extradition = t->extra[i].extradition.v;
		t->rows[i].n_extradition = t->extra[i].extradition.n;
		t->rows[i].pacts = t->extra[i].pacts.v;
		t->rows[i].n_pacts = t->extra[i].pacts.n;
	}
}

int
rw_country_table_parse(const char *name, const char *text, size_t len,
    struct rw_country_table **ret, struct rw_error *err)
{
	struct parser p = {name, 0, NULL, err};
	int r;

	if (len > TABLE_MAX)
		return rw_error_set(err, RW_ETOOBIG, "%s: %zu bytes, over the "
		    "limit of %u for a country table", name, len, TABLE_MAX);
	p.t = calloc(1, sizeof(*p.t));
	if (p.t == NULL || (p.t->text = malloc(len + 1)) == NULL) {
		free(p.t);
		return oom(&p);
	}
	memcpy(p.t->text, text, len);
	p.t->text[len] = '\0';
	r = parse_lines(&p, p.t->text, len);
	if (r == RW_OK)
		r = join_extradition(&p);
	if (r == RW_OK)
		r = join_pacts(&p);
	if (r < 0) {
		rw_country_table_free(p.t);
		return r;
	}
	publish_links(p.t);
	*ret = p.t;
	return RW_OK;
}

struct rw_country_table *
rw_country_table_free(struct rw_country_table *t)
{
	if (t == NULL)
		return NULL;
	for (size_t i = 0; i < t->n_rows; i++) {
		free(t->extra[i].extradition.v);
		free(t->extra[i].pacts.v);
		free(t->extra[i].blocs.v);
	}
	free(t->extra);
	free(t->rows);
	free(t->text);
	free(t);
	return NULL;
}

const struct rw_country *
rw_country_table_find(const struct rw_country_table *t, const char *iso)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].iso, iso) == 0)
			return &t->rows[i];
	return NULL;
}

const struct rw_country *
rw_country_table_rows(const struct rw_country_table *t, size_t *ret_n)
{
	*ret_n = t->n_rows;
	return t->rows;
}

/* ---------- the table compiled into the binary ---------- */

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static struct rw_country_table *builtin;
static struct rw_error builtin_err;

static void
load_builtin(void)
{
	const struct rw_embedded *f =
	    rw_embedded_find(rw_country_data, "countries.tsv");

	if (f == NULL) {
		rw_error_set(&builtin_err, RW_ENOTFOUND, "this build holds no "
		    "country table");
		return;
	}
	rw_country_table_parse(f->name, f->data, f->size, &builtin,
	    &builtin_err);
}

static const struct rw_country_table *
builtin_table(struct rw_error *err)
{
	pthread_once(&builtin_once, load_builtin);
	if (builtin == NULL && err != NULL)
		*err = builtin_err;
	return builtin;
}

const struct rw_country *
rw_country_find(const char *iso, struct rw_error *err)
{
	const struct rw_country_table *t = builtin_table(err);
	const struct rw_country *c;

	if (t == NULL)
		return NULL;
	if (iso == NULL || !rw_country_code_valid(iso)) {
		rw_error_set(err, RW_EINVAL, "a country is named by its ISO "
		    "3166-1 alpha-2 code, two capital letters such as TH");
		return NULL;
	}
	c = rw_country_table_find(t, iso);
	if (c == NULL)
		rw_error_set(err, RW_ENOTFOUND, "the country table has no row "
		    "for %s", iso);
	return c;
}

const struct rw_country *
rw_country_all(size_t *ret_n, struct rw_error *err)
{
	const struct rw_country_table *t = builtin_table(err);

	if (t == NULL) {
		*ret_n = 0;
		return NULL;
	}
	return rw_country_table_rows(t, ret_n);
}

const struct rw_country_link *
rw_country_extradition(const struct rw_country *c, const char *state)
{
	return find_link(c->extradition, c->n_extradition, state);
}

const struct rw_country_link *
rw_country_pact(const struct rw_country *c, const char *state)
{
	return find_link(c->pacts, c->n_pacts, state);
}

const char *
rw_treaty_status_name(enum rw_treaty_status s)
{
	return (unsigned)s < 4 ? treaty_names[s] : "unknown";
}

const char *
rw_rsd_name(enum rw_rsd r)
{
	return (unsigned)r < 5 ? rsd_names[r] : "unknown";
}
