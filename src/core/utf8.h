/* utf8.h: decoding and cleaning UTF-8 text from untrusted documents. */
#ifndef RW_CORE_UTF8_H
#define RW_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define RW_UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point from s (len > 0 bytes). Returns the bytes used; an
 * invalid, overlong, surrogate or truncated sequence yields
 * RW_UTF8_REPLACEMENT and consumes one byte. */
size_t rw_utf8_decode(const unsigned char *s, size_t len, uint32_t *ret_cp);

/* Appends the UTF-8 encoding of cp to out. */
int rw_utf8_encode(struct rw_buf *out, uint32_t cp);

/* True when s holds only well-formed UTF-8. */
bool rw_utf8_valid(const char *s, size_t len);

/* Appends a cleaned copy of in to out: invalid sequences become U+FFFD,
 * CR LF and lone CR become LF, a leading byte-order mark is dropped, and
 * control characters other than tab, LF and form feed are dropped.
 * *ret_replaced (if not NULL) receives the number of invalid sequences. */
int rw_utf8_clean(struct rw_buf *out, const char *in, size_t len,
    size_t *ret_replaced);

/* Length in bytes of the longest prefix of s[0..len) that does not split a
 * UTF-8 sequence and is at most max bytes. */
size_t rw_utf8_prefix(const char *s, size_t len, size_t max);

/* Copies the NUL-terminated src into dst of cap > 0 bytes, cut at a
 * character boundary when it does not fit; dst is always terminated. */
void rw_utf8_copy(char *dst, size_t cap, const char *src);

#endif
