/* alert-deliver.h: sending what alert runs owe. Each delivery (an alert
 * to the webhook, an alert or the day's digest by e-mail) is claimed
 * from the store before it is sent, so two runs at once never send the
 * same one; a failure worth retrying is tried again within the run with
 * growing waits, then left for a later run with a later due time; a
 * failure that will not mend is recorded and not tried again. */
#ifndef RW_ALERTS_ALERT_DELIVER_H
#define RW_ALERTS_ALERT_DELIVER_H

#include "core/date.h"
#include "notify/notify.h"
#include "store/store.h"

/* A delivery is given up after this many tries in all its runs. */
#define RW_DELIVERY_TRIES_MAX 20

struct rw_delivered {
	int64_t sent, retrying, failed;
};

/* Sends every delivery due (with retry_now, also those waiting to be
 * retried), as who (a name unique to this run), with
 * the channels of c; today dates the digest's ranking. Per-delivery
 * failures are counted in *ret, not returned; the return is negative
 * only when the store fails. */
int rw_alerts_deliver(struct rw_store *store, const struct rw_notify_config *c,
    const char *who, int retry_now, const struct rw_date *today,
    struct rw_delivered *ret,
    struct rw_error *err);

#endif
