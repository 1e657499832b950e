/* stats-query.h: checking statistics queries, shared by the dispatch
 * layer and backends (the public parts are declared in store.h). */
#ifndef RW_STORE_STATS_QUERY_H
#define RW_STORE_STATS_QUERY_H

#include "store/store.h"

/* RW_OK when q groups by 1..RW_STATS_DIMS known dimensions, each once;
 * otherwise RW_EINVAL, saying why. */
int rw_stats_query_check(const struct rw_stats_query *q,
    struct rw_error *err);

#endif
