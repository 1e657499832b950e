/* webhook.c: one signed HTTP POST of an alert to the configured webhook. */
#include "notify/notify-int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#ifndef REFUGE_VERSION
#define REFUGE_VERSION "unknown"
#endif

#define BODY_MAX (1024 * 1024)

static void
hmac_hex(crypto_auth_hmacsha256_state *st, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_final(st, mac);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
	sodium_memzero(st, sizeof(*st));
}

void
rw_hmac_sha256_hex(const char *key, const void *msg, size_t len, char out[65])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
	crypto_auth_hmacsha256_update(&st, msg, len);
	hmac_hex(&st, out);
}

/* HMAC-SHA256 of timestamp "." body, as receivers recompute it. */
static void
sign(const char *secret, const char *timestamp, const char *body, size_t len,
    char out[65])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)timestamp,
	    strlen(timestamp));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	hmac_hex(&st, out);
}

static int
check(const struct rw_notify_config *c, const char *delivery_id, size_t len,
    struct rw_error *err)
{
	int rc;

	if (!c->webhook_url || !c->webhook_secret || !c->webhook_secret[0])
		return rw_error_set(err, RW_EINVAL, "webhook: webhook.url and "
		    "webhook.secret must both be set");
	rc = rw_notify_check_url("webhook.url", c->webhook_url, "http://",
	    "https://", err);
	if (rc == 0)
		rc = rw_notify_check_id("webhook delivery id", delivery_id, "._:-",
		    err);
	if (rc == 0 && len > BODY_MAX)
		rc = rw_error_set(err, RW_EINVAL, "webhook: body over %d bytes",
		    BODY_MAX);
	return rc;
}

static struct curl_slist *
headers(const char *delivery_id, const char *timestamp, const char *mac)
{
	char id[160], ts[64], sig[96];
	const char *lines[] = {"Content-Type: application/json",
	    "User-Agent: refuge-watch/" REFUGE_VERSION,
	    "Expect:", /* no 100-continue round trip */
	    id, ts, sig};
	struct curl_slist *h = NULL, *next;
	size_t i;

	snprintf(id, sizeof(id), "X-Refuge-Delivery: %s", delivery_id);
	snprintf(ts, sizeof(ts), "X-Refuge-Timestamp: %s", timestamp);
	snprintf(sig, sizeof(sig), "X-Refuge-Signature: sha256=%s", mac);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (!(next = curl_slist_append(h, lines[i]))) {
			curl_slist_free_all(h);
			return NULL;
		}
		h = next;
	}
	return h;
}

static int
answer(long status, struct rw_error *err)
{
	if (status >= 200 && status < 300)
		return 0;
	if (status == 429 || status >= 500)
		return rw_error_set(err, RW_EIO, "webhook answered HTTP %ld "
		    "(temporary: will retry)", status);
	if (status >= 300 && status < 400)
		return rw_error_set(err, RW_EINVAL, "webhook answered HTTP %ld, a "
		    "redirect, which is not followed: set webhook.url to the "
		    "final address", status);
	return rw_error_set(err, RW_EINVAL, "webhook answered HTTP %ld "
	    "(refused: not retried)", status);
}

int
rw_webhook_post(const struct rw_notify_config *c, const char *delivery_id,
    const char *body, size_t len, struct rw_error *err)
{
	char timestamp[32], mac[65], errbuf[CURL_ERROR_SIZE];
	struct curl_slist *h;
	CURLcode res;
	CURL *curl;
	long status = 0;
	int rc = check(c, delivery_id, len, err);

	if (rc < 0)
		return rc;
	snprintf(timestamp, sizeof(timestamp), "%lld", (long long)time(NULL));
	sign(c->webhook_secret, timestamp, body, len, mac);
	if (!(h = headers(delivery_id, timestamp, mac)))
		return rw_error_set(err, RW_ENOMEM, "webhook: out of memory");
	if (!(curl = rw_notify_curl(c, c->webhook_url, "http,https", errbuf,
	    err))) {
		curl_slist_free_all(h);
		return RW_ENOMEM;
	}
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	res = curl_easy_perform(curl);
	if (res == CURLE_OK) {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
		rc = answer(status, err);
	} else {
		rc = rw_notify_curl_error(res, "webhook", errbuf, err);
	}
	curl_easy_cleanup(curl);
	curl_slist_free_all(h);
	return rc;
}
