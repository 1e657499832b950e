/* alerts.h: early warning as the commands use it: an alert run (the
 * rules over every case and the new returns, in one sweep of the store),
 * the alerts ranked by urgency, and an alert as JSON, the form it is
 * listed, posted to a webhook and summed up in a digest in. */
#ifndef RW_ALERTS_ALERTS_H
#define RW_ALERTS_ALERTS_H

#include <jansson.h>

#include "alerts/alert-rules.h"
#include "store/store.h"

struct rw_alerts_run {
	struct rw_alert_policy policy;
	const char *now;                 /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	const char *const *channels;     /* deliveries owed for new alerts */
	size_t n_channels;
	int digest;                      /* owe today's digest e-mail */
};

/* Evaluates the rules over the store and records what they raise, in
 * one transaction (see rw_store_alert_sweep). */
int rw_alerts_run(struct rw_store *store, const struct rw_alerts_run *run,
    struct rw_alert_swept *ret, struct rw_error *err);

/* a as a JSON object, with its urgency as of today. */
json_t *rw_alert_json(const struct rw_alert *a, const struct rw_date *today);

/* The alerts not yet resolved (open or acknowledged; with resolved, all
 * of them), as a JSON array of rw_alert_json objects, most urgent first
 * (then the nearest date, then the oldest). */
int rw_alerts_ranked(struct rw_store *store, int resolved,
    const struct rw_date *today, json_t **ret, struct rw_error *err);

#endif
