/* embedded.c: lookup in tables of files compiled into the binary. */
#include "core/embedded.h"

#include <string.h>

const struct rw_embedded *
rw_embedded_find(const struct rw_embedded *table, const char *name)
{
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
