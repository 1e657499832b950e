/* alert-deliver.c: sending what alert runs owe (see alert-deliver.h):
 * the webhook's JSON body, the e-mail of one alert, the daily digest. */
#include "alerts/alert-deliver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "core/buf.h"

#define LATER_MAX_SECONDS 3600   /* the longest wait before a retry */
#define LEASE_SPARE_SECONDS 60
#define MESSAGE_MAX (16u << 20) /* a digest of every open alert fits */

struct alert_copy {
	json_t *json;
	const struct rw_date *today;
};

static int
copy_alert(const struct rw_alert *a, void *ctx)
{
	struct alert_copy *c = ctx;

	c->json = rw_alert_json(a, c->today);
	return c->json != NULL ? RW_OK : RW_ENOMEM;
}

/* What one delivery sends: a subject (e-mail) and a body. */
struct message {
	char subject[300];
	struct rw_buf body;
};

static const char *
field(const json_t *o, const char *key, char buf[32])
{
	const json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return "-";
}

/* An alert in the words of an e-mail. */
static int
alert_mail(const json_t *a, struct message *m)
{
	static const char *const lines[] = {
		"id", "rule", "urgency", "case", "host", "level", "due",
		"raised_at",
	};
	char buf[32];
	int r;

	snprintf(m->subject, sizeof(m->subject), "[Refuge Watch] %s",
	    field(a, "summary", buf));
	r = rw_buf_appendf(&m->body, "%s\n\n", field(a, "summary", buf));
	for (size_t k = 0; r == RW_OK && k < sizeof(lines) / sizeof(*lines); k++)
		r = rw_buf_appendf(&m->body, "%-10s %s\n", lines[k], field(a, lines[k],
		    buf));
	if (r == RW_OK)
		r = rw_buf_appendf(&m->body, "\nAcknowledge it with `refuge alerts ack "
		    "%s`.\n", field(a, "id", buf));
	return r;
}

/* Today's digest: every unresolved alert, most urgent first. */
static int
digest_mail(struct rw_store *store, const struct rw_date *today,
    struct message *m, struct rw_error *err)
{
	char day[RW_DATE_TEXT_MAX], buf[32], head[48];
	json_t *ranked, *a;
	size_t k;
	int r = rw_alerts_ranked(store, 0, today, &ranked, err);

	if (r < 0)
		return r;
	rw_date_format(today, day);
	snprintf(m->subject, sizeof(m->subject), "[Refuge Watch] digest for "
	    "%s: %zu open alert%s", day, json_array_size(ranked),
	    json_array_size(ranked) == 1 ? "" : "s");
	r = rw_buf_appendf(&m->body, "%s\n\n", m->subject + strlen("[Refuge Watch] "));
	json_array_foreach(ranked, k, a) {
		if (r < 0)
			break;
		snprintf(head, sizeof(head), "#%s ", field(a, "id", buf));
		snprintf(head + strlen(head), sizeof(head) - strlen(head),
		    "urgency %s", field(a, "urgency", buf));
		r = rw_buf_appendf(&m->body, "%-22s %s\n", head, field(a, "summary",
		    buf));
	}
	if (r == RW_OK)
		r = rw_buf_appendf(&m->body, "\n`refuge alerts` lists them.\n");
	json_decref(ranked);
	return r < 0 ? rw_error_set(err, RW_ENOMEM, "out of memory") : RW_OK;
}

/* The message a delivery sends. */
static int
compose(struct rw_store *store, const struct rw_alert_delivery *d,
    const struct rw_date *today, struct message *m, struct rw_error *err)
{
	struct alert_copy copy = { .today = today };
	int email = strcmp(d->channel, "email") == 0, r;

	memset(m, 0, sizeof(*m));
	rw_buf_init(&m->body, MESSAGE_MAX);
	if (d->alert_id == 0)
		return digest_mail(store, today, m, err);
	if ((r = rw_store_alert_list(store, -1, d->alert_id, copy_alert, &copy,
	    err)) < 0) {
		json_decref(copy.json);
		return r;
	}
	json_object_set_new(copy.json, "delivery", json_string(d->key));
	if (email)
		r = alert_mail(copy.json, m);
	else {
		char *text = json_dumps(copy.json, JSON_COMPACT);
		r = text != NULL ? rw_buf_append_str(&m->body, text) : RW_ENOMEM;
		free(text);
	}
	json_decref(copy.json);
	return r < 0 ? rw_error_set(err, RW_ENOMEM, "out of memory") : RW_OK;
}

struct send_ctx {
	const struct rw_notify_config *c;
	const struct rw_alert_delivery *d;
	const struct message *m;
	char id[64];
};

static int
send_once(void *ctx, struct rw_error *err)
{
	struct send_ctx *s = ctx;

	if (strcmp(s->d->channel, "email") == 0)
		return rw_smtp_send(s->c, s->id, s->m->subject, s->m->body.data,
		    err);
	return rw_webhook_post(s->c, s->id, s->m->body.data, s->m->body.len,
	    err);
}

/* Whether c can send on channel now (its settings may have been taken
 * out since the delivery was owed). */
static int
channel_ready(const struct rw_notify_config *c, const char *channel)
{
	return strcmp(channel, "email") == 0 ? c->smtp_url != NULL :
	    c->webhook_url != NULL;
}

/* One delivery run: who runs it, and the channels found down in it. A
 * receiver that is down is tried once per run, not once per alert, so a
 * run over many alerts ends in seconds however long it stays down. */
struct run {
	struct rw_store *store;
	const struct rw_notify_config *c;
	const char *who;
	const struct rw_date *today;
	int webhook_down, email_down;
};

static int *
down_flag(struct run *run, const char *channel)
{
	return strcmp(channel, "email") == 0 ? &run->email_down :
	    &run->webhook_down;
}

/* Sends one claimed delivery and records what became of it. */
static int
deliver_one(struct run *run, const struct rw_alert_delivery *d,
    struct rw_delivered *ret, struct rw_error *err)
{
	const struct rw_notify_config *c = run->c;
	struct send_ctx s = { .c = c, .d = d };
	struct message m;
	struct rw_error why;
	enum rw_delivery_outcome outcome;
	char now[21], later[21];
	long wait;
	int tries = 0, r;

	rw_error_clear(&why);
	snprintf(s.id, sizeof(s.id), "%s", d->key);
	for (char *p = s.id; *p != '\0'; p++)
		if (*p == ':')
			*p = '.';
	if (!channel_ready(c, d->channel))
		r = rw_error_set(&why, RW_EIO, "no %s is configured",
		    strcmp(d->channel, "email") == 0 ? "smtp.url" : "webhook.url");
	else if (*down_flag(run, d->channel))
		r = rw_error_set(&why, RW_EIO, "the %s failed earlier in this "
		    "run; left for a later one", d->channel);
	else if ((r = compose(run->store, d, run->today, &m, &why)) == RW_OK) {
		s.m = &m;
		r = rw_notify_with_retries(c, send_once, &s, &tries, &why);
		rw_buf_free(&m.body);
	}
	if (r == RW_OK)
		outcome = RW_DELIVERY_SENT;
	else if (r == RW_EIO && d->attempts + tries < RW_DELIVERY_TRIES_MAX)
		outcome = RW_DELIVERY_RETRY;
	else
		outcome = RW_DELIVERY_FAILED;
	if (r == RW_EIO && tries > 0)
		*down_flag(run, d->channel) = 1;
	wait = c->backoff_ms / 1000 + 1;
	for (int64_t k = 0; k < d->attempts + tries && wait < LATER_MAX_SECONDS;
	    k++)
		wait = wait * 2 < LATER_MAX_SECONDS ? wait * 2 : LATER_MAX_SECONDS;
	rw_date_now_utc(now);
	rw_date_utc_after(wait, later);
	r = rw_store_delivery_done(run->store, d->id, run->who, tries, outcome,
	    outcome == RW_DELIVERY_SENT ? NULL : why.message, now, later, err);
	if (r < 0)
		return r;
	ret->sent += outcome == RW_DELIVERY_SENT;
	ret->retrying += outcome == RW_DELIVERY_RETRY;
	ret->failed += outcome == RW_DELIVERY_FAILED;
	return RW_OK;
}

int
rw_alerts_deliver(struct rw_store *store, const struct rw_notify_config *c,
    const char *who, int retry_now, const struct rw_date *today,
    struct rw_delivered *ret, struct rw_error *err)
{
	long lease = c->attempts * (c->timeout_ms / 1000 + 60) +
	    LEASE_SPARE_SECONDS;
	struct run run = {
		.store = store, .c = c, .who = who, .today = today,
	};
	struct rw_alert_delivery *d;
	size_t n;
	int r;

	memset(ret, 0, sizeof(*ret));
	if (retry_now) {
		char now[21];

		rw_date_now_utc(now);
		if ((r = rw_store_delivery_hurry(store, now, NULL, err)) < 0)
			return r;
	}
	for (;;) {
		char now[21], until[21];

		rw_date_now_utc(now);
		rw_date_utc_after(lease, until);
		if ((r = rw_store_delivery_claim(store, who, now, until, 1, &d, &n,
		    err)) < 0)
			return r;
		if (n == 0)
			return RW_OK;
		r = deliver_one(&run, d, ret, err);
		free(d);
		if (r < 0)
			return r;
	}
}
