/* array.h: making room in a growable array of any element type.
 *
 * Arrays here are a pointer, a count and a capacity. rw_array_room(items,
 * n, cap, first) makes sure there is room for element n: when n == cap
 * the array doubles (starting at `first` elements). On failure it
 * returns RW_ENOMEM and leaves the array as it was. */
#ifndef RW_CORE_ARRAY_H
#define RW_CORE_ARRAY_H

#include <stddef.h>

int rw_array_grow(void **items, size_t *cap, size_t n, size_t elem_size,
    size_t first);

/* The test for room is inline: callers add elements one at a time in
 * loops, and only a full array needs the call. */
#define rw_array_room(items, n, cap, first) \
	((n) < (cap) ? 0 : \
	    rw_array_grow((void **)&(items), &(cap), (n), sizeof(*(items)), \
	    (first)))

#endif
