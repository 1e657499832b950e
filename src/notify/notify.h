/* notify.h: delivering alerts by signed webhook and by e-mail (libcurl).
 *
 * The calls here make one delivery attempt each and never keep state: the
 * alert outbox (src/alert) decides what to send and records the outcome.
 * Errors come in two classes the caller acts on: RW_EIO is temporary (retry
 * later), RW_EINVAL is permanent (fix the configuration or the alert).
 * Messages never hold the webhook secret, the SMTP password or the body. */
#ifndef RW_NOTIFY_NOTIFY_H
#define RW_NOTIFY_NOTIFY_H

#include <stddef.h>

#include "core/config.h"
#include "core/error.h"

struct rw_notify_config {
	const char *webhook_url;     /* webhook.url, http:// or https:// */
	const char *webhook_secret;  /* webhook.secret (required with a url) */
	const char *smtp_url;        /* smtp.url: smtp://host:port or smtps:// */
	const char *smtp_from;       /* smtp.from */
	const char *smtp_to;         /* smtp.to: comma-separated addresses */
	const char *smtp_user, *smtp_password; /* optional */
	long timeout_ms;             /* delivery.timeout_ms, default 10000 */
	long attempts;               /* delivery.attempts in one run, default 3 */
	long backoff_ms;             /* delivery.backoff_ms, first wait, doubles, default 1000 */
};

/* The keys rw_notify_config_from reads (NULL-terminated), for the caller's
 * rw_config_check_keys list. */
extern const char *const rw_notify_config_keys[];

/* Once per process, before any other call here (curl_global_init). */
int rw_notify_global_init(struct rw_error *err);

/* Fills ret from c (strings borrowed from c; c may be NULL for "nothing
 * configured"). Checks the urls (scheme allowed, no control characters),
 * the addresses, that a webhook url has a secret of 16 bytes or more and an
 * smtp url a sender and recipients, and the numbers' ranges. */
int rw_notify_config_from(const struct rw_config *c,
    struct rw_notify_config *ret, struct rw_error *err);

/* One HTTP POST of body (JSON) to the webhook with headers
 *   Content-Type: application/json
 *   User-Agent: refuge-watch/VERSION
 *   X-Refuge-Delivery: delivery_id   (same on every retry: receivers dedupe on it)
 *   X-Refuge-Timestamp: unix seconds
 *   X-Refuge-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp "." body))
 * 0 on 2xx. RW_EIO for a failure worth retrying (connection refused,
 * timeout, 5xx, 429) and RW_EINVAL for one that is not (other 4xx, 3xx,
 * bad url or delivery id). Never follows redirects, ignores proxies from
 * the environment. delivery_id: 1 to 128 bytes of [A-Za-z0-9._:-]. */
int rw_webhook_post(const struct rw_notify_config *c, const char *delivery_id,
    const char *body, size_t len, struct rw_error *err);

/* One e-mail through the SMTP relay: From, To, Subject (RFC 2047-encoded
 * if not ASCII), Date, Message-ID <message_id@sender's domain>, text/plain
 * UTF-8 in 8bit (quoted-printable when a line is over 998 bytes), CRLF line
 * ends, dot-stuffed by curl. 4xx replies -> RW_EIO, 5xx -> RW_EINVAL.
 * Subject and text must be UTF-8; a subject or address holding CR, LF or
 * any control character is refused, so no header can be injected.
 * message_id: 1 to 128 bytes of [A-Za-z0-9._-]. */
int rw_smtp_send(const struct rw_notify_config *c, const char *message_id,
    const char *subject, const char *text, struct rw_error *err);

/* Calls send up to c->attempts times while it returns RW_EIO, waiting
 * backoff_ms, 2x, 4x ... (capped at 60 s) between tries; returns the last
 * result and the number of calls made in *ret_tries (if not NULL); err is
 * emptied on success and holds the last failure otherwise. */
typedef int (*rw_notify_send_fn)(void *ctx, struct rw_error *err);
int rw_notify_with_retries(const struct rw_notify_config *c,
    rw_notify_send_fn send, void *ctx, int *ret_tries, struct rw_error *err);

/* Hex HMAC-SHA256 of msg under key (NUL-terminated, any length). */
void rw_hmac_sha256_hex(const char *key, const void *msg, size_t len,
    char out[65]);

#endif
