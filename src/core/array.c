/* array.c: growing arrays by doubling (see array.h). */
#include <stdint.h>
#include <stdlib.h>

#include "core/array.h"
#include "core/error.h"

int rw_array_grow(void **items, size_t *cap, size_t n, size_t elem_size,
    size_t first)
{
	size_t want;
	void *grown;

	if (n < *cap)
		return 0;
	want = *cap ? *cap * 2 : first;
	if (want <= n)
		want = n + 1;
	if (want > SIZE_MAX / elem_size)
		return RW_ENOMEM;
	grown = realloc(*items, want * elem_size);
	if (!grown)
		return RW_ENOMEM;
	*items = grown;
	*cap = want;
	return 0;
}
