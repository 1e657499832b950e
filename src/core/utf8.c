/* utf8.c: UTF-8 decoding, encoding and cleaning. */
#include "core/utf8.h"

#include <string.h>

#include "core/error.h"
#include "core/swar.h"

size_t
rw_utf8_decode(const unsigned char *s, size_t len, uint32_t *ret_cp)
{
	uint32_t cp, min;
	size_t need, i;

	if (s[0] < 0x80) {
		*ret_cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		need = 1;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		need = 2;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07;
		need = 3;
		min = 0x10000;
	} else {
		*ret_cp = RW_UTF8_REPLACEMENT;
		return 1;
	}
	if (len <= need) {
		*ret_cp = RW_UTF8_REPLACEMENT;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*ret_cp = RW_UTF8_REPLACEMENT;
			return 1;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*ret_cp = RW_UTF8_REPLACEMENT;
		return 1;
	}
	*ret_cp = cp;
	return need + 1;
}

int
rw_utf8_encode(struct rw_buf *out, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = RW_UTF8_REPLACEMENT;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return rw_buf_append(out, b, n);
}

/* True for a sequence that decoded to U+FFFD without spelling it. */
static bool
is_invalid(const unsigned char *s, size_t used, uint32_t cp)
{
	return cp == RW_UTF8_REPLACEMENT && !(used == 3 && s[0] == 0xEF &&
	    s[1] == 0xBF && s[2] == 0xBD);
}

bool
rw_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, used;
	uint32_t cp;

	while (i < len) {
		/* eight bytes at a time while they are ASCII */
		if (i + 8 <= len &&
		    !(rw_swar_load(p + i) & (RW_SWAR_ONES * 0x80))) {
			i += 8;
			continue;
		}
		used = rw_utf8_decode(p + i, len - i, &cp);
		if (is_invalid(p + i, used, cp))
			return false;
		i += used;
	}
	return true;
}

int
rw_utf8_clean(struct rw_buf *out, const char *in, size_t len,
    size_t *ret_replaced)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, used, replaced = 0, run, room = out->max - out->len;
	uint32_t cp;
	int r;

	/* The output is about as long as the input: room for it at once,
	 * as far as the cap allows, instead of growing run by run (and
	 * NUL-terminated, should nothing be appended). */
	if (len > 0) {
		if ((r = rw_buf_reserve(out, len < room ? len : room)) < 0)
			return r;
		if (out->data != NULL)
			out->data[out->len] = '\0';
	}
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len) {
		/* Copy runs of printable ASCII, tabs and LFs in one call,
		 * scanning eight bytes at a time between the LFs. */
		for (run = i; run < len;) {
			if (run + 8 <= len &&
			    rw_swar_printable(rw_swar_load(p + run)))
				run += 8;
			else if ((p[run] >= 0x20 && p[run] < 0x7F) ||
			    p[run] == '\n' || p[run] == '\t')
				run++;
			else
				break;
		}
		if (run > i) {
			r = rw_buf_append(out, p + i, run - i);
			if (r < 0)
				return r;
			i = run;
			continue;
		}
		used = rw_utf8_decode(p + i, len - i, &cp);
		if (is_invalid(p + i, used, cp))
			replaced++;
		i += used;
		if (cp == '\r') {
			if (i < len && p[i] == '\n')
				i++;
			cp = '\n';
		}
		if ((cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\f') ||
		    cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			continue;
		r = rw_utf8_encode(out, cp);
		if (r < 0)
			return r;
	}
	if (ret_replaced != NULL)
		*ret_replaced = replaced;
	return RW_OK;
}

size_t
rw_utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n;

	if (len <= max)
		return len;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void
rw_utf8_copy(char *dst, size_t cap, const char *src)
{
	size_t n = rw_utf8_prefix(src, strlen(src), cap - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}
