/* json-write.c: JSON text written straight into a buffer (json-write.h). */
#include "core/json-write.h"

#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"

/* A value in an array follows a comma unless it opens the array; a value
 * after a key follows the colon; a new line starts afresh. */
static int separate(struct rw_buf *b)
{
	if (b->len == 0)
		return RW_OK;
	switch (b->data[b->len - 1]) {
	case '[': case '{': case ':': case ',': case '\n':
		return RW_OK;
	default:
		return rw_buf_append_char(b, ',');
	}
}

int rw_json_begin(struct rw_buf *b)
{
	int r = separate(b);

	return r < 0 ? r : rw_buf_append_char(b, '{');
}

int rw_json_end(struct rw_buf *b)
{
	return rw_buf_append_char(b, '}');
}

int rw_json_begin_array(struct rw_buf *b)
{
	int r = separate(b);

	return r < 0 ? r : rw_buf_append_char(b, '[');
}

int rw_json_end_array(struct rw_buf *b)
{
	return rw_buf_append_char(b, ']');
}

static int escape_unit(struct rw_buf *b, uint32_t unit)
{
	static const char hex[] = "0123456789abcdef";
	char out[6] = {'\\', 'u', hex[(unit >> 12) & 15], hex[(unit >> 8) & 15],
	    hex[(unit >> 4) & 15], hex[unit & 15]};

	return rw_buf_append(b, out, sizeof(out));
}

static int escape_code_point(struct rw_buf *b, uint32_t cp)
{
	int r;

	if (cp < 0x10000)
		return escape_unit(b, cp);
	cp -= 0x10000;
	if ((r = escape_unit(b, 0xD800 | (cp >> 10))) < 0)
		return r;
	return escape_unit(b, 0xDC00 | (cp & 0x3FF));
}

static int write_quoted(struct rw_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int r;

	if ((r = rw_buf_append_char(b, '"')) < 0)
		return r;
	while (i < len) {
		size_t run = i;
		/* copy runs of printable ASCII in one go */
		while (run < len && p[run] >= 0x20 && p[run] < 0x7F &&
		    p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i && (r = rw_buf_append(b, p + i, run - i)) < 0)
			return r;
		i = run;
		if (i >= len)
			break;
		if (p[i] == '"' || p[i] == '\\') {
			char esc[2] = {'\\', (char)p[i]};
			r = rw_buf_append(b, esc, 2);
			i++;
		} else if (p[i] == '\n') {
			r = rw_buf_append(b, "\\n", 2);
			i++;
		} else if (p[i] == '\t') {
			r = rw_buf_append(b, "\\t", 2);
			i++;
		} else {
			uint32_t cp;
			i += rw_utf8_decode(p + i, len - i, &cp);
			r = escape_code_point(b, cp);
		}
		if (r < 0)
			return r;
	}
	return rw_buf_append_char(b, '"');
}

int rw_json_key(struct rw_buf *b, const char *key)
{
	size_t len = strlen(key);
	int r = separate(b);

	if (r < 0 || (r = rw_buf_reserve(b, len + 3)) < 0)
		return r;
	b->data[b->len++] = '"';
	memcpy(b->data + b->len, key, len);
	b->len += len;
	b->data[b->len++] = '"';
	b->data[b->len++] = ':';
	b->data[b->len] = '\0';
	return RW_OK;
}

int rw_json_string(struct rw_buf *b, const char *s, size_t len)
{
	int r = separate(b);

	return r < 0 ? r : write_quoted(b, s, len);
}

int rw_json_string_or_null(struct rw_buf *b, const char *s)
{
	return s && s[0] ? rw_json_string(b, s, strlen(s)) : rw_json_null(b);
}

/* Decimal digits of v, without printf: output paths write many numbers. */
static int write_integer(struct rw_buf *b, int64_t v)
{
	char digits[24];
	size_t n = sizeof(digits);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		digits[--n] = '-';
	return rw_buf_append(b, digits + n, sizeof(digits) - n);
}

int rw_json_int(struct rw_buf *b, int64_t v)
{
	int r = separate(b);

	return r < 0 ? r : write_integer(b, v);
}

int rw_json_real(struct rw_buf *b, double v)
{
	int64_t thousandths;
	char fraction[5] = {'.', '0', '0', '0', '\0'};
	size_t n = 4;
	int r = separate(b);

	if (r < 0)
		return r;
	if (!isfinite(v) || fabs(v) > 1e15) /* JSON has no NaN or infinity */
		return rw_buf_append(b, "null", 4);
	thousandths = (int64_t)(fabs(v) * 1000.0 + 0.5);
	if (v < 0 && thousandths > 0 && (r = rw_buf_append_char(b, '-')) < 0)
		return r;
	if ((r = write_integer(b, thousandths / 1000)) < 0)
		return r;
	for (int64_t rest = thousandths % 1000, k = 3; k > 0; k--, rest /= 10)
		fraction[k] = (char)('0' + rest % 10);
	while (n > 2 && fraction[n - 1] == '0') /* keep ".0": still a real */
		n--;
	return rw_buf_append(b, fraction, n);
}

int rw_json_bool(struct rw_buf *b, int v)
{
	int r = separate(b);

	return r < 0 ? r : rw_buf_append_str(b, v ? "true" : "false");
}

int rw_json_null(struct rw_buf *b)
{
	int r = separate(b);

	return r < 0 ? r : rw_buf_append(b, "null", 4);
}
