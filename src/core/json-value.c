/* json-value.c: small jansson values the modules share (json-value.h). */
#include "core/json-value.h"

json_t *
rw_json_text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}
