/* embedded.h: files compiled into the binary (migrations, help pages).
 *
 * Tables are generated at build time by tools/embed.py and end with an
 * entry whose name is NULL. */
#ifndef RW_CORE_EMBEDDED_H
#define RW_CORE_EMBEDDED_H

#include <stddef.h>

struct rw_embedded {
	const char *name; /* base file name, e.g. "0001-sources.sql" */
	const char *data; /* contents, NUL-terminated */
	size_t size;      /* bytes, not counting the NUL */
};

/* Finds name in table, or NULL. */
const struct rw_embedded *rw_embedded_find(const struct rw_embedded *table,
    const char *name);

#endif
