/* fuzz-pdf: rw_pdf_read (poppler-glib) on any bytes. Poppler itself is not
 * instrumented; this finds crashes and broken promises in the reader and
 * the way it drives poppler, and crashes poppler cannot survive. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_document doc;
	struct rw_error err = {0};
	int r;

	rw_document_init(&doc);
	r = rw_pdf_read((const char *)data, size, &doc, &err);
	fuzz_check_document(r, &doc, &err);
	if (r == RW_OK)
		FUZZ_CHECK(doc.page_count > 0);
	rw_document_free(&doc);
	return 0;
}
