/* error.h: the one error convention of Refuge Watch.
 *
 * Library calls return 0 on success or a negative RW_E* code. Calls that can
 * fail on a particular input also take a `struct rw_error *` (may be NULL)
 * that receives a sentence saying what failed, on which input and, where it
 * helps, what to do. Library code never prints: front ends do. */
#ifndef RW_CORE_ERROR_H
#define RW_CORE_ERROR_H

#include <stddef.h>

enum rw_err {
	RW_OK = 0,
	RW_ENOMEM = -1,     /* out of memory */
	RW_EIO = -2,        /* read or write failed */
	RW_EINVAL = -3,     /* invalid argument or input */
	RW_ENOTFOUND = -4,  /* no such item */
	RW_EEXIST = -5,     /* item already present */
	RW_ETOOBIG = -6,    /* input over a configured cap */
	RW_EFORMAT = -7,    /* input not in a recognised format */
	RW_ESTORE = -8,     /* the store reported an error */
	RW_EVERSION = -9,   /* store written by a newer version */
	RW_EQUERY = -10,    /* malformed search query */
	RW_EENCRYPTED = -11, /* document is encrypted */
	RW_ECORRUPT = -12,  /* integrity check failed */
};

#define RW_ERROR_MESSAGE_MAX 512

struct rw_error {
	int code;                          /* an RW_E* code, or 0 */
	char message[RW_ERROR_MESSAGE_MAX]; /* one sentence, no trailing newline */
};

/* Short description of an RW_E* code; never NULL. */
const char *rw_strerror(int code);

/* Records code and a printf-style message in err (if not NULL) and returns
 * code, so callers can write `return rw_error_set(err, RW_EIO, ...)`. */
int rw_error_set(struct rw_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Empties err (if not NULL). */
void rw_error_clear(struct rw_error *err);

#endif
