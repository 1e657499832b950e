/* buf.c: capped growable byte buffer. */
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

void
rw_buf_init(struct rw_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
rw_buf_free(struct rw_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
rw_buf_reset(struct rw_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
rw_buf_grow(struct rw_buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if (extra > b->max - b->len)
		return RW_ETOOBIG;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return RW_OK;
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	data = realloc(b->data, cap);
	if (data == NULL)
		return RW_ENOMEM;
	b->data = data;
	b->cap = cap;
	return RW_OK;
}

int
rw_buf_append(struct rw_buf *b, const void *data, size_t len)
{
	int r = rw_buf_reserve(b, len);

	if (r < 0)
		return r;
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return RW_OK;
}

int
rw_buf_append_str(struct rw_buf *b, const char *s)
{
	return rw_buf_append(b, s, strlen(s));
}

int
rw_buf_appendf(struct rw_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return RW_EINVAL;
	r = rw_buf_reserve(b, (size_t)n);
	if (r < 0)
		return r;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return RW_OK;
}

char *
rw_buf_steal(struct rw_buf *b)
{
	char *data;

	if (b->data == NULL) {
		if (rw_buf_reserve(b, 0) < 0)
			return NULL;
		b->data[0] = '\0';
	}
	data = b->data;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return data;
}

void
rw_buf_trim_end(struct rw_buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] != '\0' &&
	    strchr(" \t\r\n", b->data[b->len - 1]) != NULL)
		b->len--;
	if (b->data != NULL)
		b->data[b->len] = '\0';
}
