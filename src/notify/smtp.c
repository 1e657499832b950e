/* smtp.c: one alert e-mail through the configured SMTP relay.
 *
 * The message is built here (headers, RFC 2047 subject, 8bit or
 * quoted-printable body with CRLF line ends) and handed to curl, which
 * speaks SMTP and dot-stuffs the body. Every header value is checked
 * before it is written, so a subject or address cannot add a header. */
#include "notify/notify-int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/utf8.h"

#define SUBJECT_MAX 512
#define TEXT_MAX (1024 * 1024)
#define MESSAGE_MAX (4 * TEXT_MAX)
#define LINE_8BIT_MAX 998   /* RFC 5322 line limit, CRLF excluded */
#define QP_LINE_MAX 76      /* RFC 2045, the soft break's '=' included */
#define WORD_BYTES 45       /* raw bytes per encoded word: 60 base64 */

struct upload {
	const char *data;
	size_t len, pos;
};

static bool
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (s[0] == '=' && s[1] == '?'))
			return false;
	return true;
}

static int
check_subject(const char *subject, struct rw_error *err)
{
	size_t i, len = strlen(subject);

	if (len > SUBJECT_MAX)
		return rw_error_set(err, RW_EINVAL, "e-mail subject over %d bytes",
		    SUBJECT_MAX);
	if (!rw_utf8_valid(subject, len))
		return rw_error_set(err, RW_EINVAL, "e-mail subject is not valid "
		    "UTF-8");
	for (i = 0; i < len; i++)
		if ((unsigned char)subject[i] < 0x20 || subject[i] == 0x7f)
			return rw_error_set(err, RW_EINVAL, "e-mail subject holds a "
			    "line break or control character");
	return 0;
}

/* Subject: as it is when plain ASCII, else RFC 2047 B encoded words that
 * never split a UTF-8 character, folded one word per line. */
static int
put_subject(struct rw_buf *m, const char *subject)
{
	char b64[sodium_base64_ENCODED_LEN(WORD_BYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t len = strlen(subject), at = 0, n;
	int rc = rw_buf_append_str(m, "Subject:");

	if (plain_ascii(subject))
		return rc ? rc : rw_buf_appendf(m, " %s\r\n", subject);
	while (rc == 0 && at < len) {
		n = rw_utf8_prefix(subject + at, len - at, WORD_BYTES);
		sodium_bin2base64(b64, sizeof(b64),
		    (const unsigned char *)subject + at, n,
		    sodium_base64_VARIANT_ORIGINAL);
		rc = rw_buf_appendf(m, "%s=?UTF-8?B?%s?=", at ? "\r\n " : " ", b64);
		at += n;
	}
	return rc ? rc : rw_buf_append_str(m, "\r\n");
}

static int
put_date(struct rw_buf *m)
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return rw_buf_appendf(m, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The next line of s[*at..len): LF, CRLF and lone CR all end one. */
static bool
next_line(const char *s, size_t len, size_t *at, const char **ret,
    size_t *ret_len)
{
	size_t i = *at;

	if (i >= len)
		return false;
	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	*ret = s + *at;
	*ret_len = i - *at;
	if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
		i++;
	*at = i + 1;
	return true;
}

static bool
needs_qp(const char *text, size_t len)
{
	const char *line;
	size_t at = 0, n;

	while (next_line(text, len, &at, &line, &n))
		if (n > LINE_8BIT_MAX)
			return true;
	return false;
}

static int
put_qp_line(struct rw_buf *m, const char *line, size_t n)
{
	size_t i, col = 0, w;
	char tok[4];
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		unsigned char ch = (unsigned char)line[i];
		bool literal = (ch >= 33 && ch <= 126 && ch != '=') ||
		    ((ch == ' ' || ch == '\t') && i + 1 < n);

		if (literal)
			snprintf(tok, sizeof(tok), "%c", ch);
		else
			snprintf(tok, sizeof(tok), "=%02X", ch);
		w = strlen(tok);
		if (col + w > QP_LINE_MAX - 1) {
			rc = rw_buf_append_str(m, "=\r\n");
			col = 0;
		}
		if (rc == 0)
			rc = rw_buf_append(m, tok, w);
		col += w;
	}
	return rc ? rc : rw_buf_append_str(m, "\r\n");
}

static int
put_body(struct rw_buf *m, const char *text)
{
	size_t len = strlen(text), at = 0, n;
	bool qp = needs_qp(text, len);
	const char *line;
	int rc;

	rc = rw_buf_appendf(m, "Content-Transfer-Encoding: %s\r\n\r\n",
	    qp ? "quoted-printable" : "8bit");
	while (rc == 0 && next_line(text, len, &at, &line, &n)) {
		if (qp)
			rc = put_qp_line(m, line, n);
		else if ((rc = rw_buf_append(m, line, n)) == 0)
			rc = rw_buf_append_str(m, "\r\n");
	}
	return rc;
}

/* To header value: the recipients as "<a>, <b>". */
static int
put_to(struct rw_buf *m, const struct curl_slist *to)
{
	int rc = rw_buf_append_str(m, "To: ");

	for (; rc == 0 && to; to = to->next)
		rc = rw_buf_appendf(m, "%s%s", to->data, to->next ? ", " : "\r\n");
	return rc;
}

static int
build(struct rw_buf *m, const struct rw_notify_config *c,
    const struct curl_slist *to, const char *message_id, const char *subject,
    const char *text)
{
	int rc;

	if ((rc = put_date(m)) < 0 ||
	    (rc = rw_buf_appendf(m, "From: <%s>\r\n", c->smtp_from)) < 0 ||
	    (rc = put_to(m, to)) < 0 ||
	    (rc = put_subject(m, subject)) < 0 ||
	    (rc = rw_buf_appendf(m, "Message-ID: <%s@%s>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n", message_id,
	    rw_notify_domain(c->smtp_from))) < 0)
		return rc;
	return put_body(m, text);
}

static int
check(const struct rw_notify_config *c, const char *message_id,
    const char *subject, const char *text, struct curl_slist **ret_to,
    struct rw_error *err)
{
	int rc;

	if (!c->smtp_url || !c->smtp_from || !c->smtp_to)
		return rw_error_set(err, RW_EINVAL, "e-mail: smtp.url, smtp.from "
		    "and smtp.to must be set");
	if ((rc = rw_notify_check_url("smtp.url", c->smtp_url, "smtp://",
	    "smtps://", err)) < 0 ||
	    (rc = rw_notify_check_address("smtp.from", c->smtp_from,
	    strlen(c->smtp_from), err)) < 0 ||
	    (rc = rw_notify_check_id("e-mail message id", message_id, "._-",
	    err)) < 0 ||
	    (rc = check_subject(subject, err)) < 0)
		return rc;
	if (strlen(text) > TEXT_MAX || !rw_utf8_valid(text, strlen(text)))
		return rw_error_set(err, RW_EINVAL, "e-mail text is over %d bytes "
		    "or not valid UTF-8", TEXT_MAX);
	return rw_notify_addresses("smtp.to", c->smtp_to, ret_to, err);
}

static size_t
read_upload(char *buf, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t left = u->len - u->pos, want = size * n;

	if (want > left)
		want = left;
	memcpy(buf, u->data + u->pos, want);
	u->pos += want;
	return want;
}

static int
relay_error(CURL *curl, CURLcode res, const char *errbuf,
    struct rw_error *err)
{
	long code = 0;

	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 500)
		return rw_error_set(err, RW_EINVAL, "e-mail: the relay answered "
		    "%ld (permanent: not retried)", code);
	if (code >= 400)
		return rw_error_set(err, RW_EIO, "e-mail: the relay answered %ld "
		    "(temporary: will retry)", code);
	return rw_notify_curl_error(res, "e-mail", errbuf, err);
}

static int
transfer(const struct rw_notify_config *c, struct curl_slist *to,
    struct upload *u, struct rw_error *err)
{
	char errbuf[CURL_ERROR_SIZE], from[260];
	CURLcode res;
	CURL *curl = rw_notify_curl(c, c->smtp_url, "smtp,smtps", errbuf, err);
	int rc = 0;

	if (!curl)
		return RW_ENOMEM;
	snprintf(from, sizeof(from), "<%s>", c->smtp_from);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(curl, CURLOPT_READDATA, u);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->len);
	/* a password never crosses the network in the clear */
	curl_easy_setopt(curl, CURLOPT_USE_SSL,
	    c->smtp_user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (c->smtp_user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD,
		    c->smtp_password ? c->smtp_password : "");
	}
	res = curl_easy_perform(curl);
	if (res != CURLE_OK)
		rc = relay_error(curl, res, errbuf, err);
	curl_easy_cleanup(curl);
	return rc;
}

int
rw_smtp_send(const struct rw_notify_config *c, const char *message_id,
    const char *subject, const char *text, struct rw_error *err)
{
	struct curl_slist *to = NULL;
	struct upload u = {0};
	struct rw_buf m;
	int rc = check(c, message_id, subject, text, &to, err);

	if (rc < 0)
		return rc;
	rw_buf_init(&m, MESSAGE_MAX);
	if (build(&m, c, to, message_id, subject, text) < 0)
		rc = rw_error_set(err, RW_ENOMEM, "e-mail: out of memory");
	else {
		u.data = m.data;
		u.len = m.len;
		rc = transfer(c, to, &u, err);
	}
	rw_buf_free(&m);
	curl_slist_free_all(to);
	return rc;
}
