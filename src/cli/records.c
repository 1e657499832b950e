/* records.c: export records as CSV or JSON Lines (cli/records.h). */
#include "cli/records.h"

#include <string.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/json-write.h"

#define RECORD_MAX (64 * 1024 * 1024) /* bytes of one record */
#define LIST_SEPARATOR "; "
#define ITEM_SEPARATOR ":"

void
records_init(struct records *w, enum records_format format, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->format = format;
	w->out = out;
	rw_buf_init(&w->line, RECORD_MAX);
	rw_buf_init(&w->item, RECORD_MAX);
}

void
records_free(struct records *w)
{
	rw_buf_free(&w->line);
	rw_buf_free(&w->item);
}

static void
check(struct records *w, int r)
{
	if (r != RW_OK)
		w->failed = 1;
}

void
records_begin(struct records *w)
{
	rw_buf_reset(&w->line);
	if (w->format == RECORDS_JSONL)
		check(w, rw_json_begin(&w->line));
}

int
records_end(struct records *w)
{
	if (w->format == RECORDS_JSONL) {
		check(w, rw_json_end(&w->line));
		check(w, rw_buf_append_char(&w->line, '\n'));
	} else {
		check(w, rw_csv_end(&w->line));
	}
	if (!w->failed && fwrite(w->line.data, 1, w->line.len, w->out) !=
	    w->line.len)
		w->failed = 1;
	rw_buf_reset(&w->line);
	return w->failed;
}

/* The part of a CSV item or list being joined: a separator unless it
 * is the first. */
static void
join(struct records *w, const char *separator, const char *s)
{
	if (w->item.len > 0)
		check(w, rw_buf_append_str(&w->item, separator));
	check(w, rw_buf_append_str(&w->item, s));
}

/* Starts a field; 1 when its value is to be written (in CSV header mode
 * the name is written instead). */
static int
field(struct records *w, const char *name)
{
	if (w->failed)
		return 0;
	if (w->format == RECORDS_JSONL) {
		check(w, rw_json_key(&w->line, name));
		return 1;
	}
	if (w->header) {
		check(w, rw_csv_field(&w->line, name));
		return 0;
	}
	return 1;
}

void
rec_text(struct records *w, const char *name, const char *s)
{
	int known = s != NULL && s[0] != '\0';

	if (w->in_item && w->format == RECORDS_CSV) {
		if (known)
			join(w, ITEM_SEPARATOR, s);
	} else if (field(w, name)) {
		check(w, w->format == RECORDS_JSONL ?
		    rw_json_string_or_null(&w->line, s) :
		    rw_csv_field(&w->line, s));
	}
}

void
rec_int_or_null(struct records *w, const char *name, int64_t v, int known)
{
	if (!field(w, name))
		return;
	if (w->format == RECORDS_CSV)
		check(w, known ? rw_csv_int(&w->line, v) :
		    rw_csv_field(&w->line, NULL));
	else
		check(w, known ? rw_json_int(&w->line, v) :
		    rw_json_null(&w->line));
}

void
rec_int(struct records *w, const char *name, int64_t v)
{
	rec_int_or_null(w, name, v, 1);
}

void
rec_bool(struct records *w, const char *name, int v)
{
	if (w->in_item && w->format == RECORDS_CSV) {
		if (v)
			join(w, ITEM_SEPARATOR, name);
	} else if (field(w, name)) {
		check(w, w->format == RECORDS_JSONL ? rw_json_bool(&w->line, v) :
		    rw_csv_field(&w->line, v ? "true" : "false"));
	}
}

/* A list field: a JSON array, or in CSV one field of items joined in
 * w->item. */
static void
list_open(struct records *w)
{
	rw_buf_reset(&w->item);
	if (w->format == RECORDS_JSONL)
		check(w, rw_json_begin_array(&w->line));
}

static void
list_close(struct records *w)
{
	check(w, w->format == RECORDS_JSONL ? rw_json_end_array(&w->line) :
	    rw_csv_field(&w->line, w->item.data));
}

void
rec_texts(struct records *w, const char *name, const char *const *items,
    size_t n)
{
	if (!field(w, name))
		return;
	list_open(w);
	for (size_t k = 0; k < n; k++)
		if (w->format == RECORDS_JSONL)
			check(w, rw_json_string(&w->line, items[k],
			    strlen(items[k])));
		else
			join(w, LIST_SEPARATOR, items[k]);
	list_close(w);
}

void
rec_ids(struct records *w, const char *name, const int64_t *ids, size_t n)
{
	if (!field(w, name))
		return;
	list_open(w);
	for (size_t k = 0; k < n; k++)
		if (w->format == RECORDS_JSONL)
			check(w, rw_json_int(&w->line, ids[k]));
		else
			check(w, rw_buf_appendf(&w->item, "%s%lld",
			    k > 0 ? LIST_SEPARATOR : "", (long long)ids[k]));
	list_close(w);
}

/* CSV: the items joined in w->item, each first built in a buffer of its
 * own so that its ":" parts and the "; " between items do not mix. */
static void
csv_items(struct records *w, size_t n, rec_item_fn item, const void *ctx)
{
	struct rw_buf all = w->item;

	rw_buf_init(&w->item, RECORD_MAX);
	for (size_t k = 0; k < n && !w->failed; k++) {
		rw_buf_reset(&w->item);
		item(w, k, ctx);
		if (k > 0)
			check(w, rw_buf_append_str(&all, LIST_SEPARATOR));
		check(w, rw_buf_append(&all, w->item.data, w->item.len));
	}
	rw_buf_free(&w->item);
	w->item = all;
	check(w, rw_csv_field(&w->line, w->item.data));
}

void
rec_items(struct records *w, const char *name, size_t n, rec_item_fn item,
    const void *ctx)
{
	if (!field(w, name))
		return;
	w->in_item = 1;
	rw_buf_reset(&w->item);
	if (w->format == RECORDS_CSV) {
		csv_items(w, n, item, ctx);
	} else {
		check(w, rw_json_begin_array(&w->line));
		for (size_t k = 0; k < n; k++) {
			check(w, rw_json_begin(&w->line));
			item(w, k, ctx);
			check(w, rw_json_end(&w->line));
		}
		check(w, rw_json_end_array(&w->line));
	}
	w->in_item = 0;
}
