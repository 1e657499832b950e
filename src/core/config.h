/* config.h: the configuration file, DIR/refuge.conf or --config FILE.
 *
 * A file of `key = value` lines: `#` starts a comment line, blank lines are
 * skipped, keys are [a-z0-9_.-]+, values are trimmed and taken as they are
 * (no quoting). The whole file must be UTF-8 without NUL bytes or control
 * characters other than tab; a line over 4 KiB, a key given twice or a line
 * without `=` is refused with RW_EFORMAT and "FILE:LINE: problem".
 * Documented for users in docs/config.md. */
#ifndef RW_CORE_CONFIG_H
#define RW_CORE_CONFIG_H

#include <stddef.h>

#include "core/error.h"

#define RW_CONFIG_LINE_MAX 4096
#define RW_CONFIG_FILE_MAX (1024 * 1024)

struct rw_config;

/* Reads and parses path. RW_ENOTFOUND when it does not exist. Refuses
 * (RW_EINVAL) a file that holds a key ending in `secret` or `password` while
 * group or others have any access to it: secrets stay mode 0600. */
int rw_config_load(const char *path, struct rw_config **ret,
    struct rw_error *err);

/* Parses len bytes of text; name is the file name used in messages. */
int rw_config_parse(const char *name, const char *text, size_t len,
    struct rw_config **ret, struct rw_error *err);

/* Frees c (NULL is allowed). */
void rw_config_free(struct rw_config *c);

/* The value of key, owned by c, or NULL when unset. c may be NULL. */
const char *rw_config_get(const struct rw_config *c, const char *key);

/* The line key was set on, or 0 when unset. */
unsigned rw_config_line(const struct rw_config *c, const char *key);

/* The file name given to load or parse. */
const char *rw_config_name(const struct rw_config *c);

/* The value of key as a whole number in [min, max], dflt when unset.
 * RW_EINVAL naming the file, line and key otherwise. */
int rw_config_get_long(const struct rw_config *c, const char *key, long min,
    long max, long dflt, long *ret, struct rw_error *err);

/* Checks every key is one of known (NULL-terminated); RW_EINVAL
 * "FILE:LINE: unknown setting 'x'" for the first that is not. */
int rw_config_check_keys(const struct rw_config *c, const char *const *known,
    struct rw_error *err);

#endif
