/* json-write.h: JSON text written straight into a buffer.
 *
 * For output paths that print many small objects (one incident per line),
 * where building a jansson tree and dumping it costs more than the work
 * that found them. Strings are escaped by construction: every byte outside
 * printable ASCII is written as \uXXXX, and invalid UTF-8 becomes U+FFFD,
 * so the output is plain ASCII whatever the input holds. */
#ifndef RW_CORE_JSON_WRITE_H
#define RW_CORE_JSON_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Starts an object; rw_json_end closes it. */
int rw_json_begin(struct rw_buf *b);
int rw_json_end(struct rw_buf *b);
/* Starts an array; rw_json_end_array closes it. */
int rw_json_begin_array(struct rw_buf *b);
int rw_json_end_array(struct rw_buf *b);

/* A member name, with the comma before it when the object has members.
 * Names are the program's own ASCII constants and are not escaped. */
int rw_json_key(struct rw_buf *b, const char *key);

/* Values. An array element gets its comma from the writer too. */
int rw_json_string(struct rw_buf *b, const char *s, size_t len);
/* s as a string, or null when s is NULL or empty. */
int rw_json_string_or_null(struct rw_buf *b, const char *s);
int rw_json_int(struct rw_buf *b, int64_t v);
/* A number rounded to at most three decimals (confidences, ratios);
 * null for NaN, infinities and magnitudes over 1e15. */
int rw_json_real(struct rw_buf *b, double v);
int rw_json_null(struct rw_buf *b);
/* true when v is not 0, else false. */
int rw_json_bool(struct rw_buf *b, int v);

#endif
