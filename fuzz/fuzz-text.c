/* fuzz-text: rw_text_read, the plain-text reader and its leading
 * "Key: value" metadata header. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_document doc;
	struct rw_error err = {0};
	int r;

	rw_document_init(&doc);
	r = rw_text_read((const char *)data, size, &doc, &err);
	fuzz_check_document(r, &doc, &err);
	rw_document_free(&doc);
	return 0;
}
