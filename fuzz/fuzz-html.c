/* fuzz-html: rw_html_read (libxml2 parse, metadata from <head>, content
 * root selection, boilerplate removal) on any bytes, sniffed or not. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_document doc;
	struct rw_error err = {0};
	int r;

	rw_document_init(&doc);
	r = rw_html_read((const char *)data, size, &doc, &err);
	fuzz_check_document(r, &doc, &err);
	rw_document_free(&doc);
	return 0;
}
