/* cli-alerts.h: what `refuge alerts run` needs besides the rules: the
 * settings in DIR/refuge.conf (or --config FILE), the channels they
 * open, and the delivery of what is owed. */
#ifndef RW_CLI_CLI_ALERTS_H
#define RW_CLI_CLI_ALERTS_H

#include "alerts/alert-deliver.h"
#include "alerts/alerts.h"
#include "cli/cli.h"
#include "core/config.h"
#include "notify/notify.h"

struct cli_alerts_setup {
	struct rw_alerts_run run;
	struct rw_config *config;       /* NULL without a file */
	struct rw_notify_config notify;
	const char *channels[2];
};

/* Reads the settings (config_path, else DIR/refuge.conf, which may be
 * absent); within (-1: from the file, else 14) is how many days ahead
 * deadlines are alerted. 0, or 1 after printing why. */
int cli_alerts_setup(struct cli *cli, const char *config_path, long within,
    struct cli_alerts_setup *ret);
void cli_alerts_setup_free(struct cli_alerts_setup *s);

/* Sends what is owed (with retry_now, also what waits to be retried);
 * 0, or -1 after printing why. */
int cli_alerts_deliver(struct cli *cli, struct rw_store *store,
    const struct cli_alerts_setup *s, int retry_now,
    const struct rw_date *today, struct rw_delivered *ret);

#endif
