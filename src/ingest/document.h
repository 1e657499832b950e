/* document.h: a document read from untrusted bytes, before it is stored.
 *
 * rw_document_read recognises the format from the content (never the file
 * name), extracts UTF-8 text and whatever metadata the document carries
 * about itself. Text of a PDF keeps its pages apart with form feeds. */
#ifndef RW_INGEST_DOCUMENT_H
#define RW_INGEST_DOCUMENT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* Cap on the other metadata fields kept per document: a page with
 * thousands of <meta> tags keeps the first ones. */
#define RW_DOCUMENT_META_MAX 64

/* Cap on extracted text: a document whose text would be larger fails. */
#define RW_DOCUMENT_TEXT_MAX ((size_t)64 << 20)

enum rw_format {
	RW_FORMAT_EMPTY,   /* no bytes, or only white space */
	RW_FORMAT_BINARY,  /* none of the formats below */
	RW_FORMAT_TEXT,
	RW_FORMAT_HTML,
	RW_FORMAT_PDF,
	RW_FORMAT_FEED,    /* RSS or Atom: recognised, not yet read */
};

struct rw_document {
	enum rw_format format;
	char *title;      /* owned strings; NULL when the document gives none */
	char *url;
	char *publisher;
	char *published;  /* normalised: YYYY, YYYY-MM or YYYY-MM-DD */
	char *meta_json;  /* other metadata as a JSON object, or NULL */
	int meta_extra;   /* keys in meta_json (at most RW_DOCUMENT_META_MAX) */
	struct rw_buf text;
	int page_count;   /* PDF pages; 0 for other formats */
	size_t replaced;  /* invalid UTF-8 sequences replaced by U+FFFD */
	const char *warning; /* static note on a lossy read, or NULL */
};

/* Recognises the format of data from its content. */
enum rw_format rw_format_sniff(const char *data, size_t len);

/* "text", "html", "pdf", ... */
const char *rw_format_name(enum rw_format format);

/* Prepares an empty document for a reader: zeroed, with its text buffer
 * capped at RW_DOCUMENT_TEXT_MAX. */
void rw_document_init(struct rw_document *doc);

/* Reads data into doc (which the caller frees with rw_document_free, also
 * on failure). Fails with RW_EFORMAT for empty, binary or textless input,
 * RW_EENCRYPTED for a locked PDF and RW_ETOOBIG past the text cap. */
int rw_document_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err);

void rw_document_free(struct rw_document *doc);

/* Records one metadata field found in the document: known keys (title,
 * published or date, publisher or source, url or link) fill their field if
 * still empty; others go to meta_json. Dates that cannot be read are kept
 * in meta_json only. */
int rw_document_set_meta(struct rw_document *doc, const char *key,
    const char *value);

/* True when key names a field rw_document_set_meta fills (title, date,
 * publisher or URL, under any of their usual names). */
int rw_document_meta_known(const char *key);

/* Format readers, called by rw_document_read after sniffing. Each expects
 * doc prepared by rw_document_init. */
int rw_text_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err);
int rw_html_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err);
int rw_pdf_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err);

#endif
