/* store-int.h: what backends share with the dispatch layer, not callers. */
#ifndef RW_STORE_STORE_INT_H
#define RW_STORE_STORE_INT_H

#include "store/store.h"

/* The SQLite backend (sqlite/sqlite-store.c). */
extern const struct rw_store_ops rw_sqlite_ops;

#endif
