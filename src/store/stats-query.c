/* stats-query.c: the dimensions statistics group accepted incidents by
 * (host, year, type, group), parsed from a `--by` list and checked before
 * any backend sees a query (store.h, rw_store_incident_stats). */
#include <stdio.h>
#include <string.h>

#include "store/stats-query.h"

/* Longer than "host,year,type,group" with room to spare: anything longer
 * cannot be valid, and is refused without being echoed. */
#define BY_LIST_MAX 64

static const char *const dim_names[RW_STATS_DIMS] = {
	[RW_STATS_HOST] = "host",
	[RW_STATS_YEAR] = "year",
	[RW_STATS_TYPE] = "type",
	[RW_STATS_GROUP] = "group",
};

const char *
rw_stats_dim_name(enum rw_stats_dim d)
{
	return (unsigned)d < RW_STATS_DIMS ? dim_names[d] : NULL;
}

/* The dimension named by the len bytes at s, or -1. */
static int
dim_find(const char *s, size_t len)
{
	for (int d = 0; d < RW_STATS_DIMS; d++)
		if (strlen(dim_names[d]) == len && memcmp(dim_names[d], s, len) == 0)
			return d;
	return -1;
}

/* True when the len bytes at s are printable ASCII, safe to quote back. */
static int
printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

static int
unknown_dim(const char *s, size_t len, struct rw_error *err)
{
	if (printable(s, len))
		return rw_error_set(err, RW_EINVAL, "\"%.*s\" is not a statistics "
		    "dimension: use host, year, type or group", (int)len, s);
	return rw_error_set(err, RW_EINVAL, "a statistics dimension holds "
	    "characters no dimension has: use host, year, type or group");
}

int
rw_stats_by_parse(const char *list, struct rw_stats_query *ret,
    struct rw_error *err)
{
	struct rw_stats_query q;
	const char *p = list, *end;
	size_t len;
	int d;

	if (list == NULL || list[0] == '\0')
		return rw_error_set(err, RW_EINVAL, "group statistics by at least "
		    "one of host, year, type, group");
	if (strlen(list) > BY_LIST_MAX)
		return rw_error_set(err, RW_EINVAL, "the list of statistics "
		    "dimensions is too long: name each of host, year, type, group "
		    "at most once");
	memset(&q, 0, sizeof(q));
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len == 0)
			return rw_error_set(err, RW_EINVAL, "an empty item in the "
			    "list of statistics dimensions: separate names with one "
			    "comma, such as host,year");
		if ((d = dim_find(p, len)) < 0)
			return unknown_dim(p, len, err);
		for (size_t k = 0; k < q.n_by; k++)
			if (q.by[k] == (enum rw_stats_dim)d)
				return rw_error_set(err, RW_EINVAL, "%s is named twice "
				    "in the list of statistics dimensions", dim_names[d]);
		q.by[q.n_by++] = (enum rw_stats_dim)d;
		if (end == NULL)
			break;
		p = end + 1;
	}
	*ret = q;
	return RW_OK;
}

int
rw_stats_query_check(const struct rw_stats_query *q, struct rw_error *err)
{
	unsigned seen = 0;

	if (q->n_by == 0 || q->n_by > RW_STATS_DIMS)
		return rw_error_set(err, RW_EINVAL, "statistics are grouped by "
		    "one to %d dimensions, not %zu", RW_STATS_DIMS, q->n_by);
	for (size_t k = 0; k < q->n_by; k++) {
		if ((unsigned)q->by[k] >= RW_STATS_DIMS ||
		    (seen & (1u << q->by[k])) != 0)
			return rw_error_set(err, RW_EINVAL, "a statistics query names "
			    "an unknown dimension, or one twice");
		seen |= 1u << q->by[k];
	}
	return RW_OK;
}
