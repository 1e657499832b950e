/* fuzz-document: the whole ingest path, rw_document_read, which sniffs the
 * format and hands the bytes to the text, HTML or PDF reader. On success
 * the text must be non-empty valid UTF-8 and the metadata clean. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_document doc;
	struct rw_error err = {0};
	int r;

	r = rw_document_read((const char *)data, size, &doc, &err);
	fuzz_check_document(r, &doc, &err);
	if (r == RW_OK)
		FUZZ_CHECK(doc.format == RW_FORMAT_TEXT ||
		    doc.format == RW_FORMAT_HTML || doc.format == RW_FORMAT_PDF);
	FUZZ_CHECK(doc.format == rw_format_sniff((const char *)data, size));
	rw_document_free(&doc);
	return 0;
}
