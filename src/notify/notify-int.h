/* notify-int.h: what the webhook and SMTP senders share (curl set-up, error
 * classes, checks on addresses and ids). Internal to src/notify. */
#ifndef RW_NOTIFY_INT_H
#define RW_NOTIFY_INT_H

#include <stdbool.h>
#include <curl/curl.h>

#include "notify/notify.h"

/* A curl handle for url with the settings every delivery uses: no signals,
 * the configured timeouts, only the listed protocols ("http,https"), no
 * redirects, no proxy from the environment, messages into errbuf. NULL
 * (RW_ENOMEM in err) when curl cannot make one. */
CURL *rw_notify_curl(const struct rw_notify_config *c, const char *url,
    const char *protocols, char errbuf[CURL_ERROR_SIZE], struct rw_error *err);

/* Turns a failed curl_easy_perform into RW_EIO (worth retrying) or
 * RW_EINVAL (not), with "what: reason". */
int rw_notify_curl_error(CURLcode rc, const char *what, const char *errbuf,
    struct rw_error *err);

/* Checks url starts with one of the two schemes and holds no spaces or
 * control characters; key names the setting in messages. */
int rw_notify_check_url(const char *key, const char *url, const char *scheme1,
    const char *scheme2, struct rw_error *err);

/* Checks id is 1 to 128 bytes of letters, digits and the bytes in extra. */
int rw_notify_check_id(const char *what, const char *id, const char *extra,
    struct rw_error *err);

/* Checks one address (local@domain) of len bytes. */
int rw_notify_check_address(const char *key, const char *addr, size_t len,
    struct rw_error *err);

/* Parses a comma-separated address list into "<addr>" entries (for
 * CURLOPT_MAIL_RCPT and the To header); caller frees with
 * curl_slist_free_all. */
int rw_notify_addresses(const char *key, const char *list,
    struct curl_slist **ret, struct rw_error *err);

/* The domain of an address checked by rw_notify_check_address. */
const char *rw_notify_domain(const char *addr);

#endif
