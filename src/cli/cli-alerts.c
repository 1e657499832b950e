/* cli-alerts.c: the settings and delivery of `refuge alerts run` (see
 * cli-alerts.h). */
#include "cli/cli-alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

/* The settings alerts read besides rw_notify_config_keys. */
static const char *const alert_keys[] = {
	"alerts.within_days", "alerts.digest",
};

#define N_ALERT_KEYS (sizeof(alert_keys) / sizeof(alert_keys[0]))

/* Refuses a setting no one reads (a misspelt key would otherwise be a
 * silent default). */
static int
check_keys(const struct rw_config *c, struct rw_error *err)
{
	const char *known[64];
	size_t n = 0;
	int r;

	for (size_t k = 0; rw_notify_config_keys[k] != NULL && n < 60; k++)
		known[n++] = rw_notify_config_keys[k];
	for (size_t k = 0; k < N_ALERT_KEYS; k++)
		known[n++] = alert_keys[k];
	known[n] = NULL;
	r = rw_config_check_keys(c, known, err);
	return r;
}

static int
load(struct cli *cli, const char *config_path, struct rw_config **ret)
{
	struct rw_error err;
	char path[4096];
	int r;

	*ret = NULL;
	rw_error_clear(&err);
	if (config_path == NULL) {
		if (cli->data_dir == NULL)
			return 0;  /* cli_open_store has said what is missing */
		snprintf(path, sizeof(path), "%s/refuge.conf", cli->data_dir);
	}
	r = rw_config_load(config_path ? config_path : path, ret, &err);
	if (r == RW_ENOTFOUND && config_path == NULL)
		return 0;
	if (r == RW_OK && (r = check_keys(*ret, &err)) < 0) {
		rw_config_free(*ret);
		*ret = NULL;
	}
	if (r < 0)
		cli_error(cli, "%s", err.message);
	return r < 0 ? 1 : 0;
}

int
cli_alerts_setup(struct cli *cli, const char *config_path, long within,
    struct cli_alerts_setup *ret)
{
	struct rw_error err;
	const char *digest;
	size_t n = 0;

	memset(ret, 0, sizeof(*ret));
	if (load(cli, config_path, &ret->config) != 0)
		return 1;
	rw_error_clear(&err);
	if (rw_notify_config_from(ret->config, &ret->notify, &err) < 0 ||
	    rw_config_get_long(ret->config, "alerts.within_days", 0, 3650,
	    RW_ALERT_DAYS_DEFAULT, &ret->run.policy.within_days, &err) < 0) {
		cli_error(cli, "%s", err.message);
		cli_alerts_setup_free(ret);
		return 1;
	}
	if (within >= 0)
		ret->run.policy.within_days = within;
	digest = rw_config_get(ret->config, "alerts.digest");
	if (digest != NULL && strcmp(digest, "yes") != 0 &&
	    strcmp(digest, "no") != 0) {
		cli_error(cli, "%s:%u: alerts.digest is yes or no",
		    rw_config_name(ret->config), rw_config_line(ret->config,
		    "alerts.digest"));
		cli_alerts_setup_free(ret);
		return 1;
	}
	if (ret->notify.webhook_url != NULL)
		ret->channels[n++] = "webhook";
	if (ret->notify.smtp_url != NULL)
		ret->channels[n++] = "email";
	ret->run.channels = ret->channels;
	ret->run.n_channels = n;
	ret->run.digest = ret->notify.smtp_url != NULL &&
	    (digest == NULL || strcmp(digest, "yes") == 0);
	return 0;
}

void
cli_alerts_setup_free(struct cli_alerts_setup *s)
{
	rw_config_free(s->config);
	s->config = NULL;
}

int
cli_alerts_deliver(struct cli *cli, struct rw_store *store,
    const struct cli_alerts_setup *s, int retry_now,
    const struct rw_date *today, struct rw_delivered *ret)
{
	unsigned char nonce[6];
	char who[64], hex[sizeof(nonce) * 2 + 1];
	struct rw_error err;

	memset(ret, 0, sizeof(*ret));
	if (s->run.n_channels == 0 && !s->run.digest)
		return 0;
	rw_error_clear(&err);
	if (rw_notify_global_init(&err) < 0) {
		cli_error(cli, "%s", err.message);
		return -1;
	}
	randombytes_buf(nonce, sizeof(nonce));
	sodium_bin2hex(hex, sizeof(hex), nonce, sizeof(nonce));
	snprintf(who, sizeof(who), "run-%ld-%s", (long)getpid(), hex);
	if (rw_alerts_deliver(store, &s->notify, who, retry_now, today, ret,
	    &err) < 0) {
		cli_error(cli, "%s", err.message);
		return -1;
	}
	return 0;
}
