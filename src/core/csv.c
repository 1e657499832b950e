/* csv.c: CSV fields and records (core/csv.h). */
#include "core/csv.h"

#include <string.h>

#include "core/error.h"
#include "core/utf8.h"

/* A record starts at the start of the buffer or after a CRLF: a field
 * never ends with a bare line feed, because one holding a line break is
 * quoted. */
static int
record_start(const struct rw_buf *b)
{
	return b->len == 0 || b->data[b->len - 1] == '\n';
}

static int
separator(struct rw_buf *b)
{
	return record_start(b) ? RW_OK : rw_buf_append_char(b, ',');
}

/* Appends s, valid UTF-8 or not, with every quote doubled. */
static int
escaped(struct rw_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;
	int r = RW_OK;

	while (r == RW_OK && i < len) {
		uint32_t cp;
		size_t n = rw_utf8_decode(p + i, len - i, &cp);

		if (cp == '"')
			r = rw_buf_append(b, "\"\"", 2);
		else if (cp == RW_UTF8_REPLACEMENT)
			r = rw_utf8_encode(b, cp);
		else
			r = rw_buf_append(b, p + i, n);
		i += n;
	}
	return r;
}

int
rw_csv_field(struct rw_buf *b, const char *s)
{
	size_t start = b->len;
	int formula, quote, r;

	if (s == NULL)
		s = "";
	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	/* an empty first field is quoted, so that the buffer shows a field
	 * has started (and a record of one empty field is no blank line) */
	quote = strpbrk(s, ",\"\r\n") != NULL ||
	    (s[0] == '\0' && record_start(b));
	r = separator(b);
	if (r == RW_OK && quote)
		r = rw_buf_append_char(b, '"');
	if (r == RW_OK && formula)
		r = rw_buf_append_char(b, '\'');
	if (r == RW_OK)
		r = escaped(b, s);
	if (r == RW_OK && quote)
		r = rw_buf_append_char(b, '"');
	if (r != RW_OK) {
		/* leave no half field behind */
		b->len = start;
		if (b->data != NULL)
			b->data[start] = '\0';
	}
	return r;
}

int
rw_csv_int(struct rw_buf *b, int64_t v)
{
	int r = separator(b);

	return r != RW_OK ? r : rw_buf_appendf(b, "%lld", (long long)v);
}

int
rw_csv_end(struct rw_buf *b)
{
	return rw_buf_append(b, "\r\n", 2);
}
