/* error.c: error codes and the messages that go with them. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

const char *
rw_strerror(int code)
{
	switch (code) {
	case RW_OK: return "success";
	case RW_ENOMEM: return "out of memory";
	case RW_EIO: return "input/output error";
	case RW_EINVAL: return "invalid input";
	case RW_ENOTFOUND: return "not found";
	case RW_EEXIST: return "already exists";
	case RW_ETOOBIG: return "too large";
	case RW_EFORMAT: return "unrecognised format";
	case RW_ESTORE: return "store error";
	case RW_EVERSION: return "store written by a newer version";
	case RW_EQUERY: return "malformed query";
	case RW_EENCRYPTED: return "encrypted document";
	case RW_ECORRUPT: return "integrity check failed";
	default: return "unknown error";
	}
}

int
rw_error_set(struct rw_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void
rw_error_clear(struct rw_error *err)
{
	if (err == NULL)
		return;
	err->code = RW_OK;
	err->message[0] = '\0';
}
