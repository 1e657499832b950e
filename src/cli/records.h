/* records.h: the records of `refuge export`, written one field at a time
 * as CSV (core/csv.h) or JSON Lines (core/json-write.h), one record in
 * memory at a time.
 *
 * A verb writes each record with one function that calls records_begin,
 * one rec_* per field, then records_end. For CSV, running that same
 * function once with w->header set writes the header row: every rec_*
 * then writes its field's name, so header and rows cannot disagree.
 *
 * Errors stick: after a failed append (a record over the cap, no
 * memory) the writer ignores further fields and records_end reports it. */
#ifndef RW_CLI_RECORDS_H
#define RW_CLI_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"

enum records_format { RECORDS_CSV, RECORDS_JSONL };

struct records {
	enum records_format format;
	int header;            /* CSV: write field names, not values */
	FILE *out;
	struct rw_buf line;    /* the record being written */
	struct rw_buf item;    /* CSV: the list or item being joined */
	int in_item;           /* inside an item of rec_items */
	int failed;            /* an append failed: see records_end */
};

void records_init(struct records *w, enum records_format format, FILE *out);
void records_free(struct records *w);

void records_begin(struct records *w);
/* Writes the record to w->out; 0, or 1 when it could not be written
 * (too big, no memory, output closed). */
int records_end(struct records *w);

/* Fields. Text NULL or "" is null in JSON, empty in CSV. */
void rec_text(struct records *w, const char *name, const char *s);
void rec_int(struct records *w, const char *name, int64_t v);
/* v when known, else null (empty in CSV). */
void rec_int_or_null(struct records *w, const char *name, int64_t v,
    int known);
/* JSON true or false; CSV "true" or "false" (inside an item: the name
 * when true, nothing when false). */
void rec_bool(struct records *w, const char *name, int v);

/* Lists: JSON arrays; in CSV one field, items joined with "; ". */
void rec_texts(struct records *w, const char *name,
    const char *const *items, size_t n);
void rec_ids(struct records *w, const char *name, const int64_t *ids,
    size_t n);

/* A list of n items with fields of their own: item(w, i, ctx) writes item
 * i with rec_text and rec_bool. JSON: an array of objects; CSV: each
 * item's values joined with ":" (nulls left out), items with "; ". */
typedef void (*rec_item_fn)(struct records *w, size_t i, const void *ctx);
void rec_items(struct records *w, const char *name, size_t n,
    rec_item_fn item, const void *ctx);

#endif
