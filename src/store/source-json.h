/* source-json.h: sources and search hits as JSON objects (jansson), the one
 * shape the CLI, exports and the HTTP API share. */
#ifndef RW_STORE_SOURCE_JSON_H
#define RW_STORE_SOURCE_JSON_H

#include <jansson.h>

#include "store/store.h"

/* A new object with the source's metadata (and its text when src->text is
 * set). Caller owns the reference. NULL when out of memory. */
json_t *rw_source_to_json(const struct rw_source *src);

/* A new object for a search hit: the source's metadata, "score",
 * "snippet" (plain text) and "highlights" ([start, length] pairs in code
 * points of the snippet). */
json_t *rw_hit_to_json(const struct rw_search_hit *hit);

#endif
