/* cli.c: helpers shared by the verbs: messages, option values, the store. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/embedded.h"
#include "core/utf8.h"

extern const struct rw_embedded rw_cli_docs[];

void
cli_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "refuge %s: ", cli->verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "refuge %s: ", cli->verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see `refuge %s --help`)\n", cli->verb);
	return EXIT_USAGE;
}

int
cli_bad_option(const struct cli *cli, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (!cli_text_ok(arg))
		arg = "(unprintable)";
	if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		return cli_usage(cli, "unknown option -%c, or it lacks its value",
		    optopt);
	return cli_usage(cli, "unknown option %s, or it lacks its value", arg);
}

int
cli_help(const char *verb)
{
	char name[64];
	const struct rw_embedded *page;

	snprintf(name, sizeof(name), "%s.md", verb);
	page = rw_embedded_find(rw_cli_docs, name);
	if (page == NULL)
		page = rw_embedded_find(rw_cli_docs, "refuge.md");
	if (page != NULL)
		fwrite(page->data, 1, page->size, stdout);
	return 0;
}

struct rw_store *
cli_open_store(const struct cli *cli, int create)
{
	struct rw_store *store = NULL;
	struct rw_error err;

	if (cli->data_dir == NULL) {
		cli_error(cli, "no data directory: give --data DIR or set "
		    "REFUGE_DATA");
		return NULL;
	}
	rw_error_clear(&err);
	if (rw_store_open(cli->data_dir, create, &store, &err) < 0) {
		cli_error(cli, "%s", err.message);
		return NULL;
	}
	return store;
}

const char *
cli_user(void)
{
	const char *user = getenv("REFUGE_USER");
	struct passwd *pw;

	if (user != NULL && user[0] != '\0' && cli_text_ok(user))
		return user;
	pw = getpwuid(geteuid());
	return pw != NULL ? pw->pw_name : "unknown";
}

void
cli_print_json(json_t *obj)
{
	if (obj == NULL) {
		fputs("null\n", stdout);
		return;
	}
	json_dumpf(obj, stdout, JSON_COMPACT | JSON_ENSURE_ASCII);
	fputc('\n', stdout);
	json_decref(obj);
}

int
cli_text_ok(const char *s)
{
	size_t len = strlen(s);

	if (!rw_utf8_valid(s, len))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return 0;
	return 1;
}

int
cli_date_option(const struct cli *cli, const char *option, const char *value,
    char out[11])
{
	struct rw_date d;

	if (rw_date_parse(value, &d) < 0)
		return cli_usage(cli, "%s: cannot read the date \"%s\": write "
		    "YYYY, YYYY-MM or YYYY-MM-DD", option,
		    cli_text_ok(value) ? value : "(unprintable)");
	rw_date_format(&d, out);
	return 0;
}

int
cli_int_option(const struct cli *cli, const char *option, const char *value,
    long min, long max, long *ret)
{
	char *end;
	long n;

	/* digits only: no sign, no leading space (strtol would take both) */
	if (value[0] >= '0' && value[0] <= '9') {
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno == 0 && *end == '\0' && n >= min && n <= max) {
			*ret = n;
			return 0;
		}
	}
	return cli_usage(cli, "%s wants a whole number from %ld to %ld",
	    option, min, max);
}

void
cli_print_safe(FILE *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	if (max > 0 && len > max)
		len = rw_utf8_prefix(s, len, max);
	while (i < len) {
		uint32_t cp;
		size_t n = rw_utf8_decode(p + i, len - i, &cp);

		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			fputc(' ', out);
		else if (cp == RW_UTF8_REPLACEMENT)
			fputs("\xEF\xBF\xBD", out);
		else
			fwrite(p + i, 1, n, out);
		i += n;
	}
	if (len < strlen(s))
		fputs("…", out);
}

void
cli_print_marked(FILE *out, const char *text, int tty)
{
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == RW_MARK_START[0])
			fputs(tty ? "\033[1m" : "«", out);
		else if (*p == RW_MARK_END[0])
			fputs(tty ? "\033[0m" : "»", out);
		else if (*p == '\n' || *p == '\f')
			fputc(' ', out);
		else
			fputc(*p, out);
	}
}
