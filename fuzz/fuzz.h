/* fuzz.h: shared by the fuzz targets in this directory.
 *
 * Each fuzz-<name>.c defines LLVMFuzzerTestOneInput and nothing else that is
 * visible; it is linked either with libFuzzer (-Dfuzzers=true, clang) or with
 * fuzz-main.c, which replays files from the corpus. Invariant checks call
 * abort() so that both drivers report them as crashes. */
#ifndef RW_FUZZ_H
#define RW_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/error.h"
#include "core/utf8.h"
#include "ingest/document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when cond is false. Not assert(): it must also
 * fire in builds with NDEBUG. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant violated: %s\n", \
		    __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* An optional metadata string: NULL, or non-empty valid UTF-8. */
static inline void
fuzz_check_string(const char *s)
{
	if (s == NULL)
		return;
	FUZZ_CHECK(s[0] != '\0');
	FUZZ_CHECK(rw_utf8_valid(s, strlen(s)));
}

/* What every reader promises about a document it read (r == RW_OK) or
 * failed to read (r < 0). */
static inline void
fuzz_check_document(int r, const struct rw_document *doc,
    const struct rw_error *err)
{
	if (r < 0) {
		/* Failures say why. */
		FUZZ_CHECK(err->code == r);
		FUZZ_CHECK(err->message[0] != '\0');
		return;
	}
	FUZZ_CHECK(r == RW_OK);
	/* Non-empty, NUL-terminated, valid UTF-8, within the cap. */
	FUZZ_CHECK(doc->text.data != NULL);
	FUZZ_CHECK(doc->text.len > 0);
	FUZZ_CHECK(doc->text.len <= RW_DOCUMENT_TEXT_MAX);
	FUZZ_CHECK(doc->text.data[doc->text.len] == '\0');
	FUZZ_CHECK(rw_utf8_valid(doc->text.data, doc->text.len));

	fuzz_check_string(doc->title);
	fuzz_check_string(doc->url);
	fuzz_check_string(doc->publisher);
	fuzz_check_string(doc->meta_json);
	/* published is normalised: YYYY, YYYY-MM or YYYY-MM-DD. */
	if (doc->published != NULL) {
		struct rw_date d;
		char text[RW_DATE_TEXT_MAX];

		FUZZ_CHECK(rw_date_parse(doc->published, &d) == RW_OK);
		rw_date_format(&d, text);
		FUZZ_CHECK(strcmp(text, doc->published) == 0);
	}
}

#endif
