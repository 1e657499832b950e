/* fuzz-config: the configuration file parser on arbitrary bytes, then
 * what alerts read from it. A file that parses must answer for every
 * setting; reading the delivery settings from it either works or fails
 * with a message that names the file, and never repeats the secret. */
#include "fuzz.h"

#include "core/config.h"
#include "notify/notify.h"

#define FUZZ_SECRET_MARK "fuzz-secret-"

/* How many times s occurs in the input. */
static size_t
occurrences(const uint8_t *data, size_t size, const char *s)
{
	size_t n = 0, len = strlen(s);
	const uint8_t *p = data, *end = data + size, *hit;

	while (len > 0 && (hit = memmem(p, (size_t)(end - p), s, len)) != NULL) {
		n++;
		p = hit + 1;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"webhook.url", "webhook.secret", "smtp.url", "smtp.from",
		"smtp.to", "delivery.timeout_ms", "alerts.within_days",
	};
	struct rw_config *c = NULL;
	struct rw_notify_config nc;
	struct rw_error err = {0};
	long value;
	int rc;

	rc = rw_config_parse("fuzz.conf", (const char *)data, size, &c, &err);
	if (rc < 0) {
		FUZZ_CHECK(err.code == rc && c == NULL);
		FUZZ_CHECK(strncmp(err.message, "fuzz.conf", 9) == 0 ||
		    rc == RW_ENOMEM);
		return 0;
	}
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const char *v = rw_config_get(c, keys[k]);

		FUZZ_CHECK(v == NULL || rw_utf8_valid(v, strlen(v)));
		FUZZ_CHECK((v == NULL) == (rw_config_line(c, keys[k]) == 0));
	}
	rc = rw_config_get_long(c, "alerts.within_days", 0, 3650, 14, &value,
	    &err);
	FUZZ_CHECK(rc < 0 || (value >= 0 && value <= 3650));
	rw_error_clear(&err);
	if (rw_notify_config_from(c, &nc, &err) < 0) {
		const char *secret = rw_config_get(c, "webhook.secret");

		FUZZ_CHECK(err.message[0] != '\0');
		/* a secret that is not also in another setting (the message
		 * may quote that one) nor made of the message's own words */
		FUZZ_CHECK(secret == NULL || strncmp(secret, FUZZ_SECRET_MARK,
		    strlen(FUZZ_SECRET_MARK)) != 0 ||
		    occurrences(data, size, secret) > 1 ||
		    strstr(err.message, secret) == NULL);
	}
	rw_config_free(c);
	return 0;
}
