/* test-notify.c: alert delivery (notify/notify.h) against a tiny HTTP
 * receiver and a tiny SMTP receiver that each test starts on 127.0.0.1. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "notify/notify.h"
#include "unit.h"

#define SECRET "0123456789abcdef-secret"
#define MAX_REQ 8

/* One receiver: serves `expect` connections, one script letter each. */
struct recv {
	int lfd, port, expect, served, smtp;
	const char *script;
	pthread_t th;
	char head[MAX_REQ][4096]; /* HTTP request heads */
	char body[MAX_REQ][1024]; /* HTTP request bodies */
	char mail_from[256], rcpt[512];
	char data[16384];          /* SMTP DATA, dot-stuffing undone */
};

struct conn {
	int fd;
	char buf[8192];
	size_t len;
};

static void
say(int fd, const char *s)
{
	(void)send(fd, s, strlen(s), MSG_NOSIGNAL);
}

/* One CRLF-ended line (without it) into out; false at end of stream. */
static int
read_line(struct conn *c, char *out, size_t cap)
{
	char *nl;
	ssize_t n;
	size_t len;

	while (!(nl = memmem(c->buf, c->len, "\r\n", 2))) {
		if (c->len == sizeof(c->buf))
			return 0;
		n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, 0);
		if (n <= 0)
			return 0;
		c->len += (size_t)n;
	}
	len = (size_t)(nl - c->buf);
	snprintf(out, cap, "%.*s", (int)len, c->buf);
	memmove(c->buf, nl + 2, c->len - len - 2);
	c->len -= len + 2;
	return 1;
}

static void
header_value(const char *head, const char *name, char *out, size_t cap)
{
	const char *p = head;
	size_t n = strlen(name);

	out[0] = '\0';
	while ((p = strstr(p, "\r\n"))) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			snprintf(out, cap, "%.*s", (int)strcspn(p, "\r"), p);
			return;
		}
	}
}

static void
serve_http(struct recv *r, int fd, char action)
{
	struct conn c = {.fd = fd};
	char line[2048], value[32];
	size_t used = 0, want;
	ssize_t n;
	int i = r->served;

	while (read_line(&c, line, sizeof(line)) && line[0] && used < 4000)
		used += (size_t)snprintf(r->head[i] + used,
		    sizeof(r->head[i]) - used, "%s\r\n", line);
	header_value(r->head[i], "Content-Length", value, sizeof(value));
	want = strtoul(value, NULL, 10);
	while (c.len < want && c.len < sizeof(c.buf) &&
	    (n = recv(fd, c.buf + c.len, sizeof(c.buf) - c.len, 0)) > 0)
		c.len += (size_t)n;
	snprintf(r->body[i], sizeof(r->body[i]), "%.*s", (int)c.len, c.buf);
	if (action == 's')
		sleep(1); /* longer than the client's timeout */
	say(fd, action == '5' ? "HTTP/1.1 500 Oops\r\n" :
	    action == '4' ? "HTTP/1.1 400 Bad\r\n" :
	    action == 'r' ? "HTTP/1.1 429 Slow down\r\n" :
	    action == '3' ? "HTTP/1.1 301 Moved\r\nLocation: http://x/\r\n" :
	    "HTTP/1.1 204 Stored\r\n");
	say(fd, "Content-Length: 0\r\nConnection: close\r\n\r\n");
}

static void
serve_data(struct recv *r, struct conn *c)
{
	char line[2048];
	size_t used = 0;

	while (read_line(c, line, sizeof(line)) && strcmp(line, ".") != 0)
		used += (size_t)snprintf(r->data + used, sizeof(r->data) - used,
		    "%s\r\n", line[0] == '.' ? line + 1 : line);
}

/* SMTP: 'o' accepts, 'p' refuses MAIL with 550, 't' with 451. */
static void
serve_smtp(struct recv *r, int fd, char action)
{
	struct conn c = {.fd = fd};
	char line[2048];

	say(fd, "220 test ESMTP\r\n");
	while (read_line(&c, line, sizeof(line))) {
		if (strncasecmp(line, "EHLO", 4) == 0)
			say(fd, "250-test\r\n250 8BITMIME\r\n");
		else if (strncasecmp(line, "MAIL FROM:", 10) == 0) {
			snprintf(r->mail_from, sizeof(r->mail_from), "%.200s",
			    line + 10);
			say(fd, action == 'p' ? "550 no\r\n" :
			    action == 't' ? "451 later\r\n" : "250 ok\r\n");
		} else if (strncasecmp(line, "RCPT TO:", 8) == 0) {
			size_t n = strlen(r->rcpt);
			snprintf(r->rcpt + n, sizeof(r->rcpt) - n, "%s;", line + 8);
			say(fd, "250 ok\r\n");
		} else if (strcasecmp(line, "DATA") == 0) {
			say(fd, "354 go\r\n");
			serve_data(r, &c);
			say(fd, "250 queued\r\n");
		} else if (strcasecmp(line, "QUIT") == 0) {
			say(fd, "221 bye\r\n");
			return;
		} else
			say(fd, "250 ok\r\n");
	}
}

static void *
run_receiver(void *arg)
{
	struct recv *r = arg;
	struct pollfd p = {.fd = r->lfd, .events = POLLIN};

	while (r->served < r->expect && poll(&p, 1, 5000) == 1) {
		int fd = accept(r->lfd, NULL, NULL);
		char action = r->served < (int)strlen(r->script) ?
		    r->script[r->served] : 'o';
		if (fd < 0)
			break;
		if (r->smtp)
			serve_smtp(r, fd, action);
		else
			serve_http(r, fd, action);
		close(fd);
		r->served++;
	}
	return NULL;
}

static int
listen_local(int *ret_port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 8), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*ret_port = ntohs(a.sin_port);
	return fd;
}

static struct recv *
start(const char *script, int expect, int smtp)
{
	struct recv *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	r->script = script;
	r->expect = expect;
	r->smtp = smtp;
	r->lfd = listen_local(&r->port);
	assert_int_equal(pthread_create(&r->th, NULL, run_receiver, r), 0);
	return r;
}

/* Waits until the receiver has served all it expected (or timed out). */
static void
wait_served(struct recv *r)
{
	pthread_join(r->th, NULL);
}

static void
release(struct recv *r)
{
	close(r->lfd);
	free(r);
}

static void
stop(struct recv *r)
{
	wait_served(r);
	release(r);
}

static struct rw_notify_config
webhook_config(struct recv *r, char *url, size_t cap)
{
	struct rw_notify_config c = {
		.webhook_secret = SECRET, .timeout_ms = 2000, .attempts = 3,
		.backoff_ms = 1,
	};

	snprintf(url, cap, "http://127.0.0.1:%d/hook", r ? r->port : 1);
	c.webhook_url = url;
	return c;
}

static void
test_hmac_known_vector(void **state)
{
	char out[65];

	/* RFC 4231, test case 2 */
	rw_hmac_sha256_hex("Jefe", "what do ya want for nothing?", 28, out);
	assert_string_equal(out, "5bdcc146bf60754e6a042426089575c7"
	    "5a003f089d2739839dec58b964ec3843");
}

static void
test_webhook_headers_and_signature(void **state)
{
	const char *body = "{\"alert\":1,\"case\":\"Ürümqi\"}";
	struct recv *r = start("o", 1, 0);
	char url[64], ts[32], sig[128], mine[65], expect[160], v[160];
	struct rw_notify_config c = webhook_config(r, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_webhook_post(&c, "alert-7.webhook", body,
	    strlen(body), &err), 0);
	wait_served(r);
	assert_true(strncmp(r->head[0], "POST /hook HTTP/1.1\r\n", 21) == 0);
	header_value(r->head[0], "Content-Type", v, sizeof(v));
	assert_string_equal(v, "application/json");
	header_value(r->head[0], "User-Agent", v, sizeof(v));
	assert_true(strncmp(v, "refuge-watch/", 13) == 0);
	header_value(r->head[0], "X-Refuge-Delivery", v, sizeof(v));
	assert_string_equal(v, "alert-7.webhook");
	assert_string_equal(r->body[0], body);
	header_value(r->head[0], "X-Refuge-Timestamp", ts, sizeof(ts));
	assert_true(strlen(ts) >= 10 && strspn(ts, "0123456789") == strlen(ts));
	header_value(r->head[0], "X-Refuge-Signature", sig, sizeof(sig));
	snprintf(expect, sizeof(expect), "%s.%s", ts, body);
	rw_hmac_sha256_hex(SECRET, expect, strlen(expect), mine);
	snprintf(expect, sizeof(expect), "sha256=%s", mine);
	assert_string_equal(sig, expect);
	/* a receiver holding another secret does not verify it */
	snprintf(expect, sizeof(expect), "%s.%s", ts, body);
	rw_hmac_sha256_hex(SECRET "x", expect, strlen(expect), mine);
	assert_null(strstr(sig, mine));
	release(r);
}

static int
post_once(void *ctx, struct rw_error *err)
{
	const struct rw_notify_config *c = ctx;

	return rw_webhook_post(c, "d-1", "{}", 2, err);
}

/* A sender that fails with the codes in a 0-terminated list, then works. */
struct scripted {
	const int *codes;
	int calls;
};

static int
scripted_send(void *ctx, struct rw_error *err)
{
	struct scripted *s = ctx;
	int rc = s->codes[s->calls++]; /* retries stop at the final 0 */

	return rc ? rw_error_set(err, rc, "attempt %d", s->calls) : 0;
}

static void
test_retries_only_temporary_failures(void **state)
{
	static const int eio_twice[] = {RW_EIO, RW_EIO, 0};
	static const int eio_always[] = {RW_EIO, RW_EIO, RW_EIO, RW_EIO, RW_EIO,
	    RW_EIO, 0};
	static const int einval[] = {RW_EINVAL, 0};
	struct rw_notify_config c = {.attempts = 5, .backoff_ms = 0};
	struct scripted s = {eio_twice, 0};
	struct rw_error err;
	int tries = 0;

	assert_int_equal(rw_notify_with_retries(&c, scripted_send, &s, &tries,
	    &err), 0);
	assert_int_equal(tries, 3);
	assert_string_equal(err.message, "");
	s = (struct scripted){eio_always, 0};
	c.attempts = 4;
	assert_int_equal(rw_notify_with_retries(&c, scripted_send, &s, &tries,
	    &err), RW_EIO);
	assert_int_equal(tries, 4);
	assert_string_equal(err.message, "attempt 4");
	s = (struct scripted){einval, 0};
	assert_int_equal(rw_notify_with_retries(&c, scripted_send, &s, &tries,
	    &err), RW_EINVAL);
	assert_int_equal(tries, 1);
	s = (struct scripted){eio_always, 0};
	c.attempts = 0; /* at least one attempt, whatever the caller set */
	assert_int_equal(rw_notify_with_retries(&c, scripted_send, &s, NULL,
	    &err), RW_EIO);
	assert_int_equal(s.calls, 1);
}

static void
test_webhook_retries_500_then_delivers(void **state)
{
	struct recv *r = start("55o", 3, 0);
	char url[64], id[3][64];
	struct rw_notify_config c = webhook_config(r, url, sizeof(url));
	struct rw_error err;
	int tries = 0, i;

	assert_int_equal(rw_notify_with_retries(&c, post_once, &c, &tries, &err),
	    0);
	assert_int_equal(tries, 3);
	wait_served(r);
	assert_int_equal(r->served, 3);
	for (i = 0; i < 3; i++) {
		header_value(r->head[i], "X-Refuge-Delivery", id[i], sizeof(id[i]));
		assert_string_equal(id[i], "d-1");
	}
	release(r);
}

static void
test_webhook_gives_up_after_attempts(void **state)
{
	struct recv *r = start("55r", 3, 0);
	char url[64];
	struct rw_notify_config c = webhook_config(r, url, sizeof(url));
	struct rw_error err;
	int tries = 0;

	assert_int_equal(rw_notify_with_retries(&c, post_once, &c, &tries, &err),
	    RW_EIO);
	assert_int_equal(tries, 3);
	assert_string_equal(err.message,
	    "webhook answered HTTP 429 (temporary: will retry)");
	stop(r);
}

static void
test_webhook_no_retry_on_400_or_redirect(void **state)
{
	struct recv *r = start("4", 1, 0);
	char url[64];
	struct rw_notify_config c = webhook_config(r, url, sizeof(url));
	struct rw_error err;
	int tries = 0;

	assert_int_equal(rw_notify_with_retries(&c, post_once, &c, &tries, &err),
	    RW_EINVAL);
	assert_int_equal(tries, 1);
	assert_string_equal(err.message,
	    "webhook answered HTTP 400 (refused: not retried)");
	stop(r);
	r = start("3", 1, 0);
	c = webhook_config(r, url, sizeof(url));
	assert_int_equal(rw_notify_with_retries(&c, post_once, &c, &tries, &err),
	    RW_EINVAL);
	assert_int_equal(tries, 1);
	assert_non_null(strstr(err.message, "redirect"));
	stop(r);
}

static void
test_webhook_slow_receiver_times_out(void **state)
{
	struct recv *r = start("s", 1, 0);
	char url[64];
	struct rw_notify_config c = webhook_config(r, url, sizeof(url));
	struct rw_error err;

	c.timeout_ms = 300;
	assert_int_equal(rw_webhook_post(&c, "d-2", "{\"k\":\"body-text\"}", 17,
	    &err), RW_EIO);
	assert_true(strncmp(err.message, "webhook: ", 9) == 0);
	assert_null(strstr(err.message, SECRET));
	assert_null(strstr(err.message, "body-text"));
	stop(r);
}

static void
test_webhook_connection_refused(void **state)
{
	char url[64];
	int port, fd = listen_local(&port);
	struct rw_notify_config c = webhook_config(NULL, url, sizeof(url));
	struct rw_error err;

	close(fd); /* nothing listens on port now */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
	assert_int_equal(rw_webhook_post(&c, "d-3", "{}", 2, &err), RW_EIO);
	assert_null(strstr(err.message, SECRET));
}

static void
test_webhook_bad_input(void **state)
{
	char url[64];
	struct rw_notify_config c = webhook_config(NULL, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_webhook_post(&c, "a\r\nX-Evil: 1", "{}", 2, &err),
	    RW_EINVAL);
	assert_string_equal(err.message, "webhook delivery id may hold only "
	    "letters, digits and '._:-'");
	assert_int_equal(rw_webhook_post(&c, "", "{}", 2, &err), RW_EINVAL);
	c.webhook_url = "ftp://127.0.0.1/";
	assert_int_equal(rw_webhook_post(&c, "d", "{}", 2, &err), RW_EINVAL);
	c.webhook_url = "file:///etc/passwd";
	assert_int_equal(rw_webhook_post(&c, "d", "{}", 2, &err), RW_EINVAL);
	c.webhook_url = "http://127.0.0.1/\r\nHost: x";
	assert_int_equal(rw_webhook_post(&c, "d", "{}", 2, &err), RW_EINVAL);
	c.webhook_url = url;
	c.webhook_secret = NULL;
	assert_int_equal(rw_webhook_post(&c, "d", "{}", 2, &err), RW_EINVAL);
}

static struct rw_config *
config(const char *text)
{
	struct rw_config *c = NULL;

	assert_int_equal(rw_config_parse("r.conf", text, strlen(text), &c, NULL),
	    0);
	return c;
}

static int
config_from(const char *text, struct rw_notify_config *n,
    struct rw_error *err)
{
	struct rw_config *c = config(text);
	int rc = rw_notify_config_from(c, n, err);

	rw_config_free(c);
	return rc;
}

static void
test_config_from(void **state)
{
	struct rw_config *c = config("webhook.url = https://h.example/x\n"
	    "webhook.secret = " SECRET "\nsmtp.url = smtps://m.example:465\n"
	    "smtp.from = rw@example.org\nsmtp.to = a@example.org, b@x.org\n"
	    "delivery.attempts = 5\n");
	struct rw_notify_config n;
	struct rw_error err;

	assert_int_equal(rw_notify_config_from(c, &n, &err), 0);
	assert_string_equal(n.webhook_url, "https://h.example/x");
	assert_string_equal(n.smtp_to, "a@example.org, b@x.org");
	assert_int_equal(n.attempts, 5);
	assert_int_equal(n.timeout_ms, 10000);
	assert_int_equal(n.backoff_ms, 1000);
	assert_null(n.smtp_user);
	assert_int_equal(rw_config_check_keys(c, rw_notify_config_keys, &err), 0);
	rw_config_free(c);
	assert_int_equal(rw_notify_config_from(NULL, &n, &err), 0);
	assert_null(n.webhook_url);
	assert_null(n.smtp_url);
}

static void
test_config_from_refusals(void **state)
{
	struct rw_notify_config n;
	struct rw_error err;

	assert_int_equal(config_from("webhook.url = ftp://h/\nwebhook.secret = "
	    SECRET "\n", &n, &err), RW_EINVAL);
	assert_string_equal(err.message,
	    "r.conf:1: webhook.url must start with http:// or https://");
	assert_int_equal(config_from("webhook.url = http://h/\n", &n, &err),
	    RW_EINVAL);
	assert_non_null(strstr(err.message, "r.conf:1: webhook.url needs "
	    "webhook.secret"));
	assert_int_equal(config_from("webhook.url = http://h/\nwebhook.secret = "
	    "short\n", &n, &err), RW_EINVAL);
	assert_null(strstr(err.message, "short"));
	assert_int_equal(config_from("webhook.secret = " SECRET "\n", &n, &err),
	    RW_EINVAL);
	assert_int_equal(config_from("webhook.url = http://h/a b\n"
	    "webhook.secret = " SECRET "\n", &n, &err), RW_EINVAL);
	assert_int_equal(config_from("smtp.url = smtp://m\nsmtp.from = a@b.c\n",
	    &n, &err), RW_EINVAL);
	assert_string_equal(err.message,
	    "r.conf:1: smtp.url needs smtp.from and smtp.to");
	assert_int_equal(config_from("smtp.url = http://m\nsmtp.from = a@b.c\n"
	    "smtp.to = d@e.f\n", &n, &err), RW_EINVAL);
	assert_int_equal(config_from("smtp.url = smtp://m\nsmtp.from = a@b.c\n"
	    "smtp.to = d@e.f>, <evil@x.org\n", &n, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "r.conf:3: smtp.to: 'd@e.f>' is "
	    "not an address"));
	assert_int_equal(config_from("smtp.url = smtp://m\nsmtp.from = Me "
	    "<a@b.c>\nsmtp.to = d@e.f\n", &n, &err), RW_EINVAL);
	assert_int_equal(config_from("smtp.url = smtp://m\nsmtp.from = a@b.c\n"
	    "smtp.to = ,\n", &n, &err), RW_EINVAL);
	assert_int_equal(config_from("smtp.url = smtp://m\nsmtp.from = a@b.c\n"
	    "smtp.to = d@e.f\nsmtp.password = p\n", &n, &err), RW_EINVAL);
	assert_int_equal(config_from("delivery.attempts = 0\n", &n, &err),
	    RW_EINVAL);
	assert_int_equal(config_from("delivery.timeout_ms = 99999999999\n", &n,
	    &err), RW_EINVAL);
	assert_int_equal(config_from("delivery.backoff_ms = -1\n", &n, &err),
	    RW_EINVAL);
}

static struct rw_notify_config
smtp_config(struct recv *r, char *url, size_t cap)
{
	struct rw_notify_config c = {
		.smtp_from = "watch@refuge.example",
		.smtp_to = "duty@ngo.example, legal@ngo.example",
		.timeout_ms = 2000, .attempts = 1,
	};

	snprintf(url, cap, "smtp://127.0.0.1:%d", r ? r->port : 1);
	c.smtp_url = url;
	return c;
}

static void
test_smtp_message_arrives(void **state)
{
	struct recv *r = start("o", 1, 1);
	char url[64];
	struct rw_notify_config c = smtp_config(r, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_smtp_send(&c, "alert-9", "Deadline in 2 days",
	    "Hearing on Friday.\n.hidden line\n.\nlast line\n", &err), 0);
	wait_served(r);
	assert_string_equal(r->mail_from, "<watch@refuge.example>");
	assert_string_equal(r->rcpt, "<duty@ngo.example>;<legal@ngo.example>;");
	assert_non_null(strstr(r->data, "\r\nFrom: <watch@refuge.example>\r\n"));
	assert_non_null(strstr(r->data,
	    "\r\nTo: <duty@ngo.example>, <legal@ngo.example>\r\n"));
	assert_non_null(strstr(r->data, "\r\nSubject: Deadline in 2 days\r\n"));
	assert_non_null(strstr(r->data,
	    "\r\nMessage-ID: <alert-9@refuge.example>\r\n"));
	assert_non_null(strstr(r->data,
	    "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
	assert_true(strncmp(r->data, "Date: ", 6) == 0);
	/* dot-stuffed on the wire, so the lone "." did not end the message */
	assert_non_null(strstr(r->data, "\r\n\r\nHearing on Friday.\r\n"
	    ".hidden line\r\n.\r\nlast line\r\n"));
	release(r);
}

static void
test_smtp_utf8_subject_encoded(void **state)
{
	const char *subject = "Ürümqi: deportation ordered for 维吾尔 "
	    "activist, scheduled Friday";
	struct recv *r = start("o", 1, 1);
	char url[64], decoded[256], *p, *q;
	size_t used = 0, n;
	struct rw_notify_config c = smtp_config(r, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_smtp_send(&c, "a1", subject, "Käthe\n", &err), 0);
	wait_served(r);
	p = strstr(r->data, "\r\nSubject: =?UTF-8?B?");
	assert_non_null(p);
	/* every encoded word decodes to a whole piece of the subject */
	while ((p = strstr(p, "=?UTF-8?B?")) && (q = strstr(p, "?="))) {
		p += 10;
		assert_int_equal(sodium_base642bin((unsigned char *)decoded + used,
		    sizeof(decoded) - used, p, (size_t)(q - p), NULL, &n, NULL,
		    sodium_base64_VARIANT_ORIGINAL), 0);
		used += n;
		p = q + 2;
	}
	decoded[used] = '\0';
	assert_string_equal(decoded, subject);
	assert_non_null(strstr(r->data, "\r\n\r\nKäthe\r\n"));
	release(r);
}

static void
test_smtp_long_line_quoted_printable(void **state)
{
	struct recv *r = start("o", 1, 1);
	char url[64], text[1200];
	struct rw_notify_config c = smtp_config(r, url, sizeof(url));
	struct rw_error err;

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	text[0] = '=';
	assert_int_equal(rw_smtp_send(&c, "a2", "long", text, &err), 0);
	wait_served(r);
	assert_non_null(strstr(r->data,
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n=3Dxxx"));
	assert_non_null(strstr(r->data, "=\r\nxxx"));
	release(r);
}

static void
test_smtp_injection_refused(void **state)
{
	char url[64];
	struct rw_notify_config c = smtp_config(NULL, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_smtp_send(&c, "a3", "Hi\r\nBcc: spy@evil.example",
	    "x", &err), RW_EINVAL);
	assert_string_equal(err.message,
	    "e-mail subject holds a line break or control character");
	assert_int_equal(rw_smtp_send(&c, "a3", "Hi\nBcc: x@y.z", "x", &err),
	    RW_EINVAL);
	assert_int_equal(rw_smtp_send(&c, "a3", "\xff\xfe", "x", &err),
	    RW_EINVAL);
	assert_int_equal(rw_smtp_send(&c, "a3", "ok", "bad \xc3", &err),
	    RW_EINVAL);
	assert_int_equal(rw_smtp_send(&c, "a3>\r\nBcc: x", "ok", "x", &err),
	    RW_EINVAL);
	c.smtp_to = "duty@ngo.example\r\nBcc: spy@evil.example";
	assert_int_equal(rw_smtp_send(&c, "a3", "ok", "x", &err), RW_EINVAL);
	c.smtp_to = "duty@ngo.example";
	c.smtp_from = "a@b.example\nBcc: spy@evil.example";
	assert_int_equal(rw_smtp_send(&c, "a3", "ok", "x", &err), RW_EINVAL);
}

static void
test_smtp_relay_refusals(void **state)
{
	struct recv *r = start("p", 1, 1);
	char url[64];
	struct rw_notify_config c = smtp_config(r, url, sizeof(url));
	struct rw_error err;

	assert_int_equal(rw_smtp_send(&c, "a4", "s", "t", &err), RW_EINVAL);
	assert_string_equal(err.message,
	    "e-mail: the relay answered 550 (permanent: not retried)");
	stop(r);
	r = start("t", 1, 1);
	c = smtp_config(r, url, sizeof(url));
	assert_int_equal(rw_smtp_send(&c, "a4", "s", "t", &err), RW_EIO);
	assert_string_equal(err.message,
	    "e-mail: the relay answered 451 (temporary: will retry)");
	stop(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hmac_known_vector),
		cmocka_unit_test(test_webhook_headers_and_signature),
		cmocka_unit_test(test_retries_only_temporary_failures),
		cmocka_unit_test(test_webhook_retries_500_then_delivers),
		cmocka_unit_test(test_webhook_gives_up_after_attempts),
		cmocka_unit_test(test_webhook_no_retry_on_400_or_redirect),
		cmocka_unit_test(test_webhook_slow_receiver_times_out),
		cmocka_unit_test(test_webhook_connection_refused),
		cmocka_unit_test(test_webhook_bad_input),
		cmocka_unit_test(test_config_from),
		cmocka_unit_test(test_config_from_refusals),
		cmocka_unit_test(test_smtp_message_arrives),
		cmocka_unit_test(test_smtp_utf8_subject_encoded),
		cmocka_unit_test(test_smtp_long_line_quoted_printable),
		cmocka_unit_test(test_smtp_injection_refused),
		cmocka_unit_test(test_smtp_relay_refusals),
	};

	unit_tap_filter();
	if (rw_notify_global_init(NULL) < 0 || sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("notify", tests, NULL, NULL);
}
