/* source-json.c: JSON form of sources and search hits. */
#include "store/source-json.h"

#include <string.h>

#include "core/buf.h"

static json_t *
string_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
rw_source_to_json(const struct rw_source *src)
{
	json_t *obj = json_object(), *meta = NULL;

	if (obj == NULL)
		return NULL;
	if (src->meta_json != NULL)
		meta = json_loads(src->meta_json, 0, NULL);
	json_object_set_new(obj, "id", json_integer(src->id));
	json_object_set_new(obj, "title", string_or_null(src->title));
	json_object_set_new(obj, "file", string_or_null(src->path));
	json_object_set_new(obj, "url", string_or_null(src->url));
	json_object_set_new(obj, "publisher", string_or_null(src->publisher));
	json_object_set_new(obj, "published", string_or_null(src->published));
	json_object_set_new(obj, "sha256", json_string(src->sha256));
	json_object_set_new(obj, "format", string_or_null(src->format));
	json_object_set_new(obj, "bytes", json_integer(src->byte_size));
	json_object_set_new(obj, "pages", json_integer(src->page_count));
	json_object_set_new(obj, "ingested_by", string_or_null(src->ingested_by));
	json_object_set_new(obj, "ingested_at", string_or_null(src->ingested_at));
	json_object_set_new(obj, "near_duplicate_of", src->near_duplicate_of != 0 ?
	    json_integer(src->near_duplicate_of) : json_null());
	json_object_set_new(obj, "metadata", meta != NULL ? meta : json_object());
	if (src->text != NULL)
		json_object_set_new(obj, "text",
		    json_stringn(src->text, src->text_len));
	return obj;
}

/* Splits a marked snippet into plain text and highlight spans. */
static json_t *
unmark(const char *marked, json_t *spans)
{
	struct rw_buf plain;
	size_t points = 0, start = 0;
	json_t *text;

	rw_buf_init(&plain, strlen(marked) + 1);
	for (const char *p = marked; *p != '\0'; p++) {
		if (*p == RW_MARK_START[0]) {
			start = points;
			continue;
		}
		if (*p == RW_MARK_END[0]) {
			json_array_append_new(spans, json_pack("[II]",
			    (json_int_t)start, (json_int_t)(points - start)));
			continue;
		}
		rw_buf_append_char(&plain, *p);
		if (((unsigned char)*p & 0xC0) != 0x80)
			points++;
	}
	text = json_string(plain.data != NULL ? plain.data : "");
	rw_buf_free(&plain);
	return text;
}

json_t *
rw_hit_to_json(const struct rw_search_hit *hit)
{
	json_t *obj = rw_source_to_json(hit->source), *spans = json_array();

	if (obj == NULL || spans == NULL) {
		json_decref(obj);
		json_decref(spans);
		return NULL;
	}
	json_object_set_new(obj, "score", json_real(hit->score));
	json_object_set_new(obj, "snippet",
	    unmark(hit->snippet != NULL ? hit->snippet : "", spans));
	json_object_set_new(obj, "highlights", spans);
	json_object_set_new(obj, "windowed", json_boolean(hit->windowed));
	return obj;
}
