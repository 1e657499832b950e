/* config.c: parsing and reading the `key = value` configuration file. */
#include "core/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"

struct rw_config_entry {
	char *key;
	char *value;
	unsigned line;
};

struct rw_config {
	char *name;
	struct rw_config_entry *items;
	size_t n, cap;
};

static const char *
trim(const char *s, const char *end, const char **ret_end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*ret_end = end;
	return s;
}

static bool
key_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '.' || s[i] == '-'))
			return false;
	return true;
}

static const struct rw_config_entry *
find(const struct rw_config *c, const char *key)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (strcmp(c->items[i].key, key) == 0)
			return &c->items[i];
	return NULL;
}

static int
add(struct rw_config *c, const char *key, size_t klen, const char *value,
    size_t vlen, unsigned line)
{
	struct rw_config_entry *e;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		e = realloc(c->items, cap * sizeof(*e));
		if (!e)
			return RW_ENOMEM;
		c->items = e;
		c->cap = cap;
	}
	e = &c->items[c->n];
	e->key = strndup(key, klen);
	e->value = strndup(value, vlen);
	e->line = line;
	if (!e->key || !e->value) {
		free(e->key);
		free(e->value);
		return RW_ENOMEM;
	}
	c->n++;
	return 0;
}

/* Checks the bytes of one line: the reason it is refused, or NULL. */
static const char *
line_problem(const char *s, size_t len)
{
	size_t i;

	if (len > RW_CONFIG_LINE_MAX)
		return "line over 4096 bytes";
	if (memchr(s, '\0', len))
		return "NUL byte (the file looks binary)";
	if (!rw_utf8_valid(s, len))
		return "not valid UTF-8";
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return "control character";
	return NULL;
}

static int
parse_line(struct rw_config *c, const char *s, const char *end, unsigned line,
    struct rw_error *err)
{
	const char *eq, *kend, *vend, *problem;
	const struct rw_config_entry *first;

	if (end > s && end[-1] == '\r')
		end--;
	if ((problem = line_problem(s, end - s)))
		return rw_error_set(err, RW_EFORMAT, "%s:%u: %s", c->name, line,
		    problem);
	s = trim(s, end, &end);
	if (s == end || *s == '#')
		return 0;
	eq = memchr(s, '=', end - s);
	if (!eq)
		return rw_error_set(err, RW_EFORMAT,
		    "%s:%u: no '=' (lines are 'key = value')", c->name, line);
	s = trim(s, eq, &kend);
	if (!key_valid(s, kend - s))
		return rw_error_set(err, RW_EFORMAT,
		    "%s:%u: bad key '%.*s' (use only a-z, 0-9, '_', '.' and '-')",
		    c->name, line, (int)(kend - s), s);
	eq = trim(eq + 1, end, &vend);
	for (size_t k = 0; k < c->n; k++) {
		first = &c->items[k];
		if (strlen(first->key) == (size_t)(kend - s) &&
		    memcmp(first->key, s, kend - s) == 0)
			return rw_error_set(err, RW_EFORMAT,
			    "%s:%u: '%s' given twice (first on line %u)", c->name,
			    line, first->key, first->line);
	}
	if (add(c, s, kend - s, eq, vend - eq, line) < 0)
		return rw_error_set(err, RW_ENOMEM, "%s: out of memory", c->name);
	return 0;
}

int
rw_config_parse(const char *name, const char *text, size_t len,
    struct rw_config **ret, struct rw_error *err)
{
	struct rw_config *c;
	const char *p = text, *end = text + len, *nl;
	unsigned line = 1;
	int rc = 0;

	if (!name)
		name = "config";
	if (len > RW_CONFIG_FILE_MAX)
		return rw_error_set(err, RW_ETOOBIG, "%s: over %d bytes", name,
		    RW_CONFIG_FILE_MAX);
	c = calloc(1, sizeof(*c));
	if (!c || !(c->name = strdup(name))) {
		free(c);
		return rw_error_set(err, RW_ENOMEM, "%s: out of memory", name);
	}
	for (; p < end && rc == 0; p = nl + 1, line++) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		rc = parse_line(c, p, nl, line, err);
	}
	if (rc < 0) {
		rw_config_free(c);
		return rc;
	}
	*ret = c;
	return 0;
}

void
rw_config_free(struct rw_config *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->items[i].key);
		free(c->items[i].value);
	}
	free(c->items);
	free(c->name);
	free(c);
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* Secrets must not be readable by anyone but the owner (as ssh requires of
 * private keys). */
static int
check_secret_mode(const struct rw_config *c, mode_t mode, struct rw_error *err)
{
	size_t i;

	if ((mode & 077) == 0)
		return 0;
	for (i = 0; i < c->n; i++)
		if (ends_with(c->items[i].key, "secret") ||
		    ends_with(c->items[i].key, "password"))
			return rw_error_set(err, RW_EINVAL,
			    "%s:%u: '%s' is a secret but group or others can "
			    "access the file (mode %04o); run: chmod 600 %s",
			    c->name, c->items[i].line, c->items[i].key,
			    (unsigned)(mode & 07777), c->name);
	return 0;
}

static int
read_all(int fd, const char *path, size_t size, char **ret,
    struct rw_error *err)
{
	char *text = malloc(size + 1);
	size_t got = 0;
	ssize_t n;

	if (!text)
		return rw_error_set(err, RW_ENOMEM, "%s: out of memory", path);
	while (got < size) {
		n = read(fd, text + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(text);
			return rw_error_set(err, RW_EIO, "%s: cannot read: %s", path,
			    strerror(errno));
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	text[got] = '\0';
	*ret = text;
	return (int)got;
}

int
rw_config_load(const char *path, struct rw_config **ret, struct rw_error *err)
{
	struct rw_config *c;
	struct stat st;
	char *text = NULL;
	int fd, n, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return rw_error_set(err, RW_ENOTFOUND, "%s: no such file", path);
	if (fd < 0)
		return rw_error_set(err, RW_EIO, "%s: cannot open: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return rw_error_set(err, RW_EINVAL, "%s: not a regular file", path);
	}
	if (st.st_size > RW_CONFIG_FILE_MAX) {
		close(fd);
		return rw_error_set(err, RW_ETOOBIG, "%s: over %d bytes", path,
		    RW_CONFIG_FILE_MAX);
	}
	n = read_all(fd, path, (size_t)st.st_size, &text, err);
	close(fd);
	if (n < 0)
		return n;
	rc = rw_config_parse(path, text, (size_t)n, &c, err);
	free(text);
	if (rc == 0 && (rc = check_secret_mode(c, st.st_mode, err)) < 0)
		rw_config_free(c);
	if (rc == 0)
		*ret = c;
	return rc;
}

const char *
rw_config_get(const struct rw_config *c, const char *key)
{
	const struct rw_config_entry *e = find(c, key);

	return e ? e->value : NULL;
}

unsigned
rw_config_line(const struct rw_config *c, const char *key)
{
	const struct rw_config_entry *e = find(c, key);

	return e ? e->line : 0;
}

const char *
rw_config_name(const struct rw_config *c)
{
	return c ? c->name : "config";
}

int
rw_config_get_long(const struct rw_config *c, const char *key, long min,
    long max, long dflt, long *ret, struct rw_error *err)
{
	const struct rw_config_entry *e = find(c, key);
	char *end;
	long v;

	if (!e) {
		*ret = dflt;
		return 0;
	}
	errno = 0;
	v = strtol(e->value, &end, 10);
	if (errno || end == e->value || *end || v < min || v > max)
		return rw_error_set(err, RW_EINVAL,
		    "%s:%u: '%s' must be a whole number from %ld to %ld, not "
		    "'%.40s'", c->name, e->line, key, min, max, e->value);
	*ret = v;
	return 0;
}

int
rw_config_check_keys(const struct rw_config *c, const char *const *known,
    struct rw_error *err)
{
	const char *const *k;
	size_t i;

	for (i = 0; c && i < c->n; i++) {
		for (k = known; *k && strcmp(*k, c->items[i].key) != 0; k++)
			;
		if (!*k)
			return rw_error_set(err, RW_EINVAL,
			    "%s:%u: unknown setting '%s'", c->name,
			    c->items[i].line, c->items[i].key);
	}
	return 0;
}
