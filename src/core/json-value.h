/* json-value.h: small jansson values the modules that build JSON trees
 * share. */
#ifndef RW_CORE_JSON_VALUE_H
#define RW_CORE_JSON_VALUE_H

#include <jansson.h>

/* s as a JSON string, or null when s is NULL or empty (unknown). */
json_t *rw_json_text_or_null(const char *s);

#endif
