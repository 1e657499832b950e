/* csv.h: CSV records (RFC 4180) written into a buffer, safe to open in a
 * spreadsheet.
 *
 * Fields are separated by commas and records end with CRLF. A field is
 * quoted when it holds a comma, a quote or a line break (quotes doubled
 * inside), and so is an empty first field (so that a record of one empty
 * field is no blank line). A text field a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) gets a leading apostrophe,
 * which spreadsheets show as text. Invalid UTF-8 becomes U+FFFD, so the
 * output always decodes. Numbers written with rw_csv_int are not text and
 * keep their sign. */
#ifndef RW_CORE_CSV_H
#define RW_CORE_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Appends one text field (NULL is an empty field), with the comma before
 * it unless it starts a record. Returns 0, or RW_ETOOBIG / RW_ENOMEM
 * from the buffer. */
int rw_csv_field(struct rw_buf *b, const char *s);

/* Appends a whole number as a field. */
int rw_csv_int(struct rw_buf *b, int64_t v);

/* Ends the record (CRLF); the next field starts a new one. */
int rw_csv_end(struct rw_buf *b);

#endif
