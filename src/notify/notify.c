/* notify.c: delivery settings, retries with back-off, and the curl set-up
 * and checks the webhook and SMTP senders share. */
#include "notify/notify-int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define URL_MAX 2048
#define ADDRESS_MAX 254
#define RECIPIENTS_MAX 50
#define BACKOFF_CAP_MS 60000L
#define SECRET_MIN 16

const char *const rw_notify_config_keys[] = {
	"webhook.url", "webhook.secret", "smtp.url", "smtp.from", "smtp.to",
	"smtp.user", "smtp.password", "delivery.timeout_ms",
	"delivery.attempts", "delivery.backoff_ms", NULL,
};

int
rw_notify_global_init(struct rw_error *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return rw_error_set(err, RW_EIO, "cannot initialise libcurl");
	return 0;
}

static bool
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

int
rw_notify_check_url(const char *key, const char *url, const char *scheme1,
    const char *scheme2, struct rw_error *err)
{
	size_t n1 = strlen(scheme1), n2 = strlen(scheme2);
	size_t len = strlen(url);

	if (strncmp(url, scheme1, n1) != 0 && strncmp(url, scheme2, n2) != 0)
		return rw_error_set(err, RW_EINVAL, "%s must start with %s or %s",
		    key, scheme1, scheme2);
	if (len > URL_MAX || has_control(url) || strchr(url, ' '))
		return rw_error_set(err, RW_EINVAL, "%s must be one address of at "
		    "most %d bytes, without spaces or control characters", key,
		    URL_MAX);
	if (url[strncmp(url, scheme1, n1) == 0 ? n1 : n2] == '\0')
		return rw_error_set(err, RW_EINVAL, "%s has no host", key);
	return 0;
}

int
rw_notify_check_id(const char *what, const char *id, const char *extra,
    struct rw_error *err)
{
	size_t i, len = id ? strlen(id) : 0;

	if (len == 0 || len > 128)
		return rw_error_set(err, RW_EINVAL, "%s must be 1 to 128 bytes",
		    what);
	for (i = 0; i < len; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= 'A' && id[i] <= 'Z') ||
		    (id[i] >= '0' && id[i] <= '9') || strchr(extra, id[i])))
			return rw_error_set(err, RW_EINVAL, "%s may hold only "
			    "letters, digits and '%s'", what, extra);
	return 0;
}

static bool
local_char(char ch)
{
	return ch > 0x20 && ch < 0x7f && !strchr("<>,\"()[]\\;:@", ch);
}

static bool
domain_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
}

int
rw_notify_check_address(const char *key, const char *addr, size_t len,
    struct rw_error *err)
{
	const char *at = memchr(addr, '@', len);
	size_t i;
	bool good = at && at > addr && at < addr + len - 1 &&
	    len <= ADDRESS_MAX;

	for (i = 0; good && addr + i < at; i++)
		good = local_char(addr[i]);
	for (i = at ? (size_t)(at - addr) + 1 : 0; good && i < len; i++)
		good = domain_char(addr[i]);
	if (!good)
		return rw_error_set(err, RW_EINVAL, "%s: '%.*s' is not an address "
		    "of the form name@domain (ASCII, no spaces, no display name)",
		    key, (int)(len > 80 ? 80 : len), has_control(addr) ? "?" : addr);
	return 0;
}

const char *
rw_notify_domain(const char *addr)
{
	return strchr(addr, '@') + 1;
}

static int
add_recipient(struct curl_slist **list, const char *key, const char *addr,
    size_t len, struct rw_error *err)
{
	struct curl_slist *grown;
	char angle[ADDRESS_MAX + 3];
	int rc = rw_notify_check_address(key, addr, len, err);

	if (rc < 0)
		return rc;
	snprintf(angle, sizeof(angle), "<%.*s>", (int)len, addr);
	grown = curl_slist_append(*list, angle);
	if (!grown)
		return rw_error_set(err, RW_ENOMEM, "%s: out of memory", key);
	*list = grown;
	return 0;
}

int
rw_notify_addresses(const char *key, const char *list,
    struct curl_slist **ret, struct rw_error *err)
{
	struct curl_slist *out = NULL;
	const char *p = list, *end;
	int rc = 0, n = 0;

	while (rc == 0 && p && *p) {
		const char *next = strchr(p, ',');
		end = next ? next : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (++n > RECIPIENTS_MAX)
			rc = rw_error_set(err, RW_EINVAL, "%s: more than %d "
			    "addresses", key, RECIPIENTS_MAX);
		else
			rc = add_recipient(&out, key, p, end - p, err);
		p = next ? next + 1 : NULL;
	}
	if (rc == 0 && !out)
		rc = rw_error_set(err, RW_EINVAL, "%s: no address", key);
	if (rc < 0) {
		curl_slist_free_all(out);
		return rc;
	}
	*ret = out;
	return 0;
}

static size_t
discard(char *data, size_t size, size_t n, void *ctx)
{
	return size * n;
}

CURL *
rw_notify_curl(const struct rw_notify_config *c, const char *url,
    const char *protocols, char errbuf[CURL_ERROR_SIZE], struct rw_error *err)
{
	CURL *h = curl_easy_init();
	long timeout = c->timeout_ms > 0 ? c->timeout_ms : 10000; /* never none */

	if (!h) {
		rw_error_set(err, RW_ENOMEM, "cannot start a libcurl transfer");
		return NULL;
	}
	errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	return h;
}

int
rw_notify_curl_error(CURLcode rc, const char *what, const char *errbuf,
    struct rw_error *err)
{
	const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);

	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_LOGIN_DENIED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
		return rw_error_set(err, RW_EINVAL, "%s: %s (not retried: check "
		    "the settings)", what, why);
	default:
		return rw_error_set(err, RW_EIO, "%s: %s", what, why);
	}
}

/* Prefixes the message with "FILE:LINE: " of the setting key. */
static int
at_line(const struct rw_config *c, const char *key, int rc,
    struct rw_error *err)
{
	char msg[RW_ERROR_MESSAGE_MAX];

	if (rc == 0 || !err)
		return rc;
	memcpy(msg, err->message, sizeof(msg));
	if (rw_config_line(c, key))
		return rw_error_set(err, rc, "%s:%u: %s", rw_config_name(c),
		    rw_config_line(c, key), msg);
	return rw_error_set(err, rc, "%s: %s", rw_config_name(c), msg);
}

static int
check_webhook(const struct rw_config *c, const struct rw_notify_config *n,
    struct rw_error *err)
{
	int rc;

	if (!n->webhook_url) {
		if (n->webhook_secret)
			return at_line(c, "webhook.secret", rw_error_set(err,
			    RW_EINVAL, "webhook.secret is set but webhook.url is "
			    "not"), err);
		return 0;
	}
	rc = rw_notify_check_url("webhook.url", n->webhook_url, "http://",
	    "https://", err);
	if (rc < 0)
		return at_line(c, "webhook.url", rc, err);
	if (!n->webhook_secret || strlen(n->webhook_secret) < SECRET_MIN)
		return at_line(c, "webhook.url", rw_error_set(err, RW_EINVAL,
		    "webhook.url needs webhook.secret, of %d characters or more "
		    "(the receiver checks each request's signature with it)",
		    SECRET_MIN), err);
	return 0;
}

static int
check_smtp(const struct rw_config *c, const struct rw_notify_config *n,
    struct rw_error *err)
{
	struct curl_slist *to = NULL;
	int rc;

	if (!n->smtp_url)
		return 0;
	rc = rw_notify_check_url("smtp.url", n->smtp_url, "smtp://", "smtps://",
	    err);
	if (rc < 0)
		return at_line(c, "smtp.url", rc, err);
	if (!n->smtp_from || !n->smtp_to)
		return at_line(c, "smtp.url", rw_error_set(err, RW_EINVAL,
		    "smtp.url needs smtp.from and smtp.to"), err);
	rc = rw_notify_check_address("smtp.from", n->smtp_from,
	    strlen(n->smtp_from), err);
	if (rc < 0)
		return at_line(c, "smtp.from", rc, err);
	rc = rw_notify_addresses("smtp.to", n->smtp_to, &to, err);
	curl_slist_free_all(to);
	if (rc < 0)
		return at_line(c, "smtp.to", rc, err);
	if (n->smtp_password && !n->smtp_user)
		return at_line(c, "smtp.password", rw_error_set(err, RW_EINVAL,
		    "smtp.password is set but smtp.user is not"), err);
	if (n->smtp_user && has_control(n->smtp_user))
		return at_line(c, "smtp.user", rw_error_set(err, RW_EINVAL,
		    "smtp.user holds a control character"), err);
	return 0;
}

int
rw_notify_config_from(const struct rw_config *c,
    struct rw_notify_config *ret, struct rw_error *err)
{
	struct rw_notify_config n = {
		.webhook_url = rw_config_get(c, "webhook.url"),
		.webhook_secret = rw_config_get(c, "webhook.secret"),
		.smtp_url = rw_config_get(c, "smtp.url"),
		.smtp_from = rw_config_get(c, "smtp.from"),
		.smtp_to = rw_config_get(c, "smtp.to"),
		.smtp_user = rw_config_get(c, "smtp.user"),
		.smtp_password = rw_config_get(c, "smtp.password"),
	};
	int rc;

	if ((rc = rw_config_get_long(c, "delivery.timeout_ms", 100, 600000,
	    10000, &n.timeout_ms, err)) < 0 ||
	    (rc = rw_config_get_long(c, "delivery.attempts", 1, 20, 3,
	    &n.attempts, err)) < 0 ||
	    (rc = rw_config_get_long(c, "delivery.backoff_ms", 0, BACKOFF_CAP_MS,
	    1000, &n.backoff_ms, err)) < 0 ||
	    (rc = check_webhook(c, &n, err)) < 0 ||
	    (rc = check_smtp(c, &n, err)) < 0)
		return rc;
	*ret = n;
	return 0;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int
rw_notify_with_retries(const struct rw_notify_config *c,
    rw_notify_send_fn send, void *ctx, int *ret_tries, struct rw_error *err)
{
	long wait = c->backoff_ms, attempts = c->attempts < 1 ? 1 : c->attempts;
	int tries = 0, rc;

	for (;;) {
		rc = send(ctx, err);
		tries++;
		if (rc != RW_EIO || tries >= attempts)
			break;
		sleep_ms(wait > BACKOFF_CAP_MS ? BACKOFF_CAP_MS : wait);
		wait = wait > BACKOFF_CAP_MS / 2 ? BACKOFF_CAP_MS : wait * 2;
	}
	if (rc == 0)
		rw_error_clear(err); /* no stale message from a failed try */
	if (ret_tries)
		*ret_tries = tries;
	return rc;
}
