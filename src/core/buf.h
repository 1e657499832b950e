/* buf.h: a growable byte buffer with a hard cap.
 *
 * Every buffer that holds untrusted input has a cap (like curl's dynbuf
 * `toobig`): appending past it fails with RW_ETOOBIG and leaves the buffer
 * as it was, so a hostile document cannot exhaust memory. The contents are
 * always NUL-terminated. */
#ifndef RW_CORE_BUF_H
#define RW_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct rw_buf {
	char *data;  /* NUL-terminated contents, or NULL while empty */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* hard cap on len */
};

/* Prepares an empty buffer that may grow to max bytes. */
void rw_buf_init(struct rw_buf *b, size_t max);

/* Frees the contents; the buffer may be reused after rw_buf_init. */
void rw_buf_free(struct rw_buf *b);

/* Empties the buffer, keeping its allocation. */
void rw_buf_reset(struct rw_buf *b);

int rw_buf_append(struct rw_buf *b, const void *data, size_t len);
int rw_buf_append_str(struct rw_buf *b, const char *s);

/* Makes room for extra more bytes: up to extra bytes may then be written
 * at data + len (and len raised) without another check. rw_buf_grow does
 * it by reallocating (or fails with RW_ETOOBIG past max, or RW_ENOMEM). */
int rw_buf_grow(struct rw_buf *b, size_t extra);
static inline int rw_buf_reserve(struct rw_buf *b, size_t extra)
{
	/* inline when there is room: cap never exceeds max + 1 */
	return extra < b->cap - b->len ? 0 : rw_buf_grow(b, extra);
}

/* One byte; inline, as tokenisers and escapers call it per character. */
static inline int rw_buf_append_char(struct rw_buf *b, char c)
{
	if (b->len + 1 < b->cap) { /* cap never exceeds max + 1 */
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return rw_buf_append(b, &c, 1);
}
int rw_buf_appendf(struct rw_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Returns the contents (caller owns them, free()) and empties the buffer.
 * Never NULL unless out of memory. */
char *rw_buf_steal(struct rw_buf *b);

/* Drops trailing spaces, tabs and newlines. */
void rw_buf_trim_end(struct rw_buf *b);

#endif
