/* test-document.c: format recognition, metadata fields and plain-text
 * documents (ingest/document.h: rw_format_sniff, rw_document_read,
 * rw_document_set_meta, rw_text_read). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/utf8.h"
#include "ingest/document.h"
#include "unit.h"

#define FFFD "\xEF\xBF\xBD"
#define SNIFF(lit) rw_format_sniff(lit, sizeof(lit) - 1)

/* ---- sniffing ---- */

static void
test_format_names(void **state)
{
	assert_string_equal(rw_format_name(RW_FORMAT_EMPTY), "empty");
	assert_string_equal(rw_format_name(RW_FORMAT_BINARY), "binary");
	assert_string_equal(rw_format_name(RW_FORMAT_TEXT), "text");
	assert_string_equal(rw_format_name(RW_FORMAT_HTML), "html");
	assert_string_equal(rw_format_name(RW_FORMAT_PDF), "pdf");
	assert_string_equal(rw_format_name(RW_FORMAT_FEED), "feed");
	assert_string_equal(rw_format_name((enum rw_format)99), "binary");
}

static void
test_sniff_empty_and_blank(void **state)
{
	assert_int_equal(rw_format_sniff("", 0), RW_FORMAT_EMPTY);
	assert_int_equal(rw_format_sniff(NULL, 0), RW_FORMAT_EMPTY);
	assert_int_equal(SNIFF(" "), RW_FORMAT_EMPTY);
	assert_int_equal(SNIFF("  \n\t\r\f\v  \r\n"), RW_FORMAT_EMPTY);
	assert_int_equal(SNIFF("\xEF\xBB\xBF"), RW_FORMAT_EMPTY);
	assert_int_equal(SNIFF("\xEF\xBB\xBF \n"), RW_FORMAT_EMPTY);
}

static void
test_sniff_binary(void **state)
{
	char controls[200];

	assert_int_equal(SNIFF("abc\0def"), RW_FORMAT_BINARY);
	assert_int_equal(SNIFF("\0"), RW_FORMAT_BINARY);
	assert_int_equal(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), RW_FORMAT_BINARY);
	assert_int_equal(SNIFF("PK\x03\x04\x14\0\x06\0"), RW_FORMAT_BINARY);
	/* UTF-16 text has NUL bytes: not readable as text. */
	assert_int_equal(SNIFF("\xFF\xFEh\0i\0"), RW_FORMAT_BINARY);
	/* Mostly control characters, no NUL. */
	for (size_t i = 0; i < sizeof(controls); i++)
		controls[i] = (char)(1 + i % 8);
	assert_int_equal(rw_format_sniff(controls, sizeof(controls)),
	    RW_FORMAT_BINARY);
}

static void
test_sniff_few_controls_still_text(void **state)
{
	char text[400];

	memset(text, 'a', sizeof(text));
	for (size_t i = 0; i < 10; i++)  /* 2.5 %: under the 5 % threshold */
		text[i * 40] = '\x1B';
	assert_int_equal(rw_format_sniff(text, sizeof(text)), RW_FORMAT_TEXT);
}

static void
test_sniff_nul_past_window_is_text(void **state)
{
	size_t len = 5000;
	char *data = malloc(len);

	assert_non_null(data);
	memset(data, 'a', len);
	data[4500] = '\0';
	assert_int_equal(rw_format_sniff(data, len), RW_FORMAT_TEXT);
	free(data);
}

static void
test_sniff_pdf(void **state)
{
	char junk[2000];

	assert_int_equal(SNIFF("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"), RW_FORMAT_PDF);
	assert_int_equal(SNIFF("%PDF-"), RW_FORMAT_PDF);
	assert_int_equal(SNIFF("%PDF"), RW_FORMAT_TEXT);
	/* Junk before the header, as readers tolerate: within the first
	 * 1024 bytes, at the start of a line, in a file with PDF objects. */
	assert_int_equal(SNIFF("HTTP/1.1 200 OK\r\nContent-Type: application/pdf"
	    "\r\n\r\n%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), RW_FORMAT_PDF);
	assert_int_equal(SNIFF("junk line\n%PDF-1.7\nno objects here\n"),
	    RW_FORMAT_TEXT);
	/* Past 1024 bytes it is not a PDF header. */
	memset(junk, 'x', sizeof(junk));
	junk[1499] = '\n';
	memcpy(junk + 1500, "%PDF-1.7\nendobj\n", 16);
	assert_int_equal(rw_format_sniff(junk, sizeof(junk)), RW_FORMAT_TEXT);
}

static void
test_sniff_text_mentioning_pdf_header(void **state)
{
	/* A note or a page that quotes a PDF header is not a PDF. */
	assert_int_equal(SNIFF("Analyst notes: the leaked file starts with "
	    "%PDF-1.7 and was altered.\n"), RW_FORMAT_TEXT);
	assert_int_equal(SNIFF("<html><body><p>Header: %PDF-1.4</p></body>"
	    "</html>"), RW_FORMAT_HTML);
}

static void
test_sniff_html(void **state)
{
	assert_int_equal(SNIFF("<!DOCTYPE html><title>x</title>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<!doctype HTML>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<HTML><BODY>x</BODY></HTML>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("\n  <html lang=\"en\">"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("\xEF\xBB\xBF<html>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<p>fragment</p>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<div class=x>y</div>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<article>y</article>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<head><meta charset=utf-8></head>"), RW_FORMAT_HTML);
	assert_int_equal(SNIFF("<!-- c --><body>"), RW_FORMAT_HTML);
}

static void
test_sniff_feed(void **state)
{
	assert_int_equal(SNIFF("<?xml version=\"1.0\"?><rss version=\"2.0\">"),
	    RW_FORMAT_FEED);
	assert_int_equal(SNIFF("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"), RW_FORMAT_FEED);
	assert_int_equal(SNIFF("<RSS>"), RW_FORMAT_FEED);
}

static void
test_sniff_text(void **state)
{
	assert_int_equal(SNIFF("Hello"), RW_FORMAT_TEXT);
	assert_int_equal(SNIFF("  Indented text"), RW_FORMAT_TEXT);
	assert_int_equal(SNIFF("<note>not html</note>"), RW_FORMAT_TEXT);
	assert_int_equal(SNIFF("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"),
	    RW_FORMAT_TEXT);
	/* Invalid UTF-8 is still text: it is cleaned, not refused. */
	assert_int_equal(SNIFF("caf\xE9 cr\xE8me"), RW_FORMAT_TEXT);
	assert_int_equal(SNIFF("1 < 2 and <p> comes later"), RW_FORMAT_TEXT);
}

/* ---- rw_document_read dispatch ---- */

/* Reads data, expecting failure with code and message. */
static void
check_refused(const char *data, size_t len, enum rw_format format, int code,
    const char *message)
{
	struct rw_document doc;
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_document_read(data, len, &doc, &err), code);
	assert_int_equal(doc.format, format);
	assert_int_equal(err.code, code);
	assert_string_equal(err.message, message);
	assert_int_equal(doc.text.len, 0);
	assert_null(doc.title);
	rw_document_free(&doc);
	assert_null(doc.text.data);
}

static void
test_read_refuses_empty_blank_binary_feed(void **state)
{
	check_refused("", 0, RW_FORMAT_EMPTY, RW_EFORMAT, "empty file");
	check_refused(" \n\t\r\n ", 6, RW_FORMAT_EMPTY, RW_EFORMAT,
	    "file holds only white space");
	check_refused("\x7F" "ELF\x02\x01\x01\0\0\0", 10, RW_FORMAT_BINARY,
	    RW_EFORMAT, "binary file: not text, HTML or PDF");
	check_refused("<rss version=\"2.0\"><channel/></rss>", 35, RW_FORMAT_FEED,
	    RW_EFORMAT, "RSS/Atom feeds cannot be ingested yet: save the "
	    "linked articles and ingest those");
}

static void
test_read_null_error_is_allowed(void **state)
{
	struct rw_document doc;

	assert_int_equal(rw_document_read("", 0, &doc, NULL), RW_EFORMAT);
	rw_document_free(&doc);
	assert_int_equal(rw_document_read("text", 4, &doc, NULL), RW_OK);
	assert_string_equal(doc.text.data, "text");
	rw_document_free(&doc);
}

/* ---- plain text ---- */

/* Reads a text document that must succeed. */
static void
read_ok(const char *data, size_t len, struct rw_document *doc)
{
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_document_read(data, len, doc, &err) != RW_OK)
		fail_msg("read failed: %s", err.message);
	assert_int_equal(doc->format, RW_FORMAT_TEXT);
	assert_int_equal(doc->page_count, 0);
	assert_int_equal(doc->text.data[doc->text.len], '\0');
}

#define READ_OK(lit, doc) read_ok(lit, sizeof(lit) - 1, doc)

static void
test_text_plain(void **state)
{
	struct rw_document doc;

	READ_OK("\n\n  First line.\nSecond line.\n\nNew paragraph.  \n\n\n", &doc);
	/* Leading blank lines go, leading spaces of the first line too;
	 * trailing white space goes; the rest is kept as written. */
	assert_string_equal(doc.text.data,
	    "First line.\nSecond line.\n\nNew paragraph.");
	assert_null(doc.title);
	assert_null(doc.url);
	assert_null(doc.publisher);
	assert_null(doc.published);
	assert_null(doc.meta_json);
	assert_int_equal(doc.replaced, 0);
	rw_document_free(&doc);
}

static void
test_text_header_block(void **state)
{
	struct rw_document doc;

	READ_OK("Title: Pushbacks at the border\n"
	    "Published: 12 December 2019\n"
	    "Source: Border Monitoring Network\n"
	    "URL: https://example.org/report?id=7\n"
	    "Author: Jane Doe\n"
	    "\n\n"
	    "Body starts here.\nSecond line.\n", &doc);
	assert_string_equal(doc.title, "Pushbacks at the border");
	assert_string_equal(doc.published, "2019-12-12");
	assert_string_equal(doc.publisher, "Border Monitoring Network");
	assert_string_equal(doc.url, "https://example.org/report?id=7");
	assert_string_equal(doc.meta_json, "{\"Author\":\"Jane Doe\"}");
	assert_string_equal(doc.text.data, "Body starts here.\nSecond line.");
	rw_document_free(&doc);
}

static void
test_text_header_keys_any_case_and_aliases(void **state)
{
	struct rw_document doc;

	READ_OK("TITLE:   Spaced   title  \n"
	    "date: 2020-03\n"
	    "publisher : UNHCR\n"
	    "link: https://example.org/x\n"
	    "\nBody.", &doc);
	assert_string_equal(doc.title, "Spaced title");
	assert_string_equal(doc.published, "2020-03");
	assert_string_equal(doc.publisher, "UNHCR");
	assert_string_equal(doc.url, "https://example.org/x");
	assert_null(doc.meta_json);
	assert_string_equal(doc.text.data, "Body.");
	rw_document_free(&doc);
}

static void
test_text_header_crlf(void **state)
{
	struct rw_document doc;

	READ_OK("Title: Windows file\r\nPublished: 2018-05-06\r\n\r\nBody\r\nline",
	    &doc);
	assert_string_equal(doc.title, "Windows file");
	assert_string_equal(doc.published, "2018-05-06");
	assert_string_equal(doc.text.data, "Body\nline");
	rw_document_free(&doc);
}

static void
test_text_header_first_value_wins(void **state)
{
	struct rw_document doc;

	READ_OK("Title: First\nTitle: Second\nSource: A\nPublisher: B\n\nBody",
	    &doc);
	assert_string_equal(doc.title, "First");
	assert_string_equal(doc.publisher, "A");
	rw_document_free(&doc);
}

static void
test_text_header_unknown_keys_kept_as_body(void **state)
{
	struct rw_document doc;

	/* Looks like a header, but no key is a known one. */
	READ_OK("Note: call back tomorrow\nRoom: 4B\n\nThe interview follows.",
	    &doc);
	assert_string_equal(doc.text.data,
	    "Note: call back tomorrow\nRoom: 4B\n\nThe interview follows.");
	assert_null(doc.title);
	assert_null(doc.meta_json);
	rw_document_free(&doc);
}

static void
test_text_header_needs_blank_line(void **state)
{
	struct rw_document doc;

	READ_OK("Title: No blank line\nBody right after.", &doc);
	assert_string_equal(doc.text.data, "Title: No blank line\nBody right after.");
	assert_null(doc.title);
	rw_document_free(&doc);

	/* A header alone, no newline at the end: text, not metadata. */
	READ_OK("Title: Only this", &doc);
	assert_string_equal(doc.text.data, "Title: Only this");
	assert_null(doc.title);
	rw_document_free(&doc);
}

static void
test_text_header_broken_by_other_line(void **state)
{
	struct rw_document doc;

	READ_OK("Title: A title\nthis line is prose\n\nBody.", &doc);
	assert_string_equal(doc.text.data,
	    "Title: A title\nthis line is prose\n\nBody.");
	assert_null(doc.title);
	rw_document_free(&doc);

	/* A key must start with a letter. */
	READ_OK("1. Title: x\n\nBody.", &doc);
	assert_null(doc.title);
	assert_string_equal(doc.text.data, "1. Title: x\n\nBody.");
	rw_document_free(&doc);
}

static void
test_text_header_unknown_key_with_known_goes_to_meta(void **state)
{
	struct rw_document doc;

	READ_OK("Source: HRW\nCase number: 2019/44\nLanguage: en\n\nBody.", &doc);
	assert_string_equal(doc.publisher, "HRW");
	assert_string_equal(doc.meta_json,
	    "{\"Case number\":\"2019/44\",\"Language\":\"en\"}");
	assert_string_equal(doc.text.data, "Body.");
	rw_document_free(&doc);
}

static void
test_text_header_unreadable_date(void **state)
{
	struct rw_document doc;

	READ_OK("Published: 2019-02-30\nTitle: T\n\nBody", &doc);
	assert_null(doc.published);
	assert_string_equal(doc.title, "T");
	assert_string_equal(doc.meta_json, "{\"unreadable date\":\"2019-02-30\"}");
	assert_string_equal(doc.text.data, "Body");
	rw_document_free(&doc);

	READ_OK("Date: Smarch 5, 2019\n\nBody", &doc);
	assert_null(doc.published);
	assert_string_equal(doc.meta_json, "{\"unreadable date\":\"Smarch 5, 2019\"}");
	rw_document_free(&doc);
}

static void
test_text_header_date_formats(void **state)
{
	static const struct {
		const char *line, *want;
	} cases[] = {
		{"Published: 2019\n", "2019"},
		{"Published: 2019-07\n", "2019-07"},
		{"Published: 2019-07-04T10:00:00Z\n", "2019-07-04"},
		{"Published: December 12, 2019\n", "2019-12-12"},
		{"Published: Dec. 12 2019\n", "2019-12-12"},
		{"Published: Tue, 10 Aug 2011 14:00:00 +0000\n", "2011-08-10"},
		{"Published: July 2015\n", "2015-07"},
		{"Date: 12 December 2019\n", "2019-12-12"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rw_document doc;
		char data[200];

		snprintf(data, sizeof(data), "%s\nBody", cases[i].line);
		read_ok(data, strlen(data), &doc);
		if (doc.published == NULL || strcmp(doc.published, cases[i].want) != 0)
			fail_msg("%s read as %s", cases[i].line, doc.published);
		assert_string_equal(doc.text.data, "Body");
		rw_document_free(&doc);
	}
}

static void
test_text_only_header_no_body(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_document_read("Title: Only a header\n\n\n", 23, &doc,
	    &err), RW_EFORMAT);
	assert_int_equal(err.code, RW_EFORMAT);
	assert_string_equal(err.message, "no text after the metadata header");
	rw_document_free(&doc);
}

static void
test_text_invalid_utf8_survives(void **state)
{
	struct rw_document doc;

	READ_OK("caf\xC3\xA9 \xFF na\xC3\xAFve", &doc);
	assert_string_equal(doc.text.data, "caf\xC3\xA9 " FFFD " na\xC3\xAFve");
	assert_int_equal(doc.replaced, 1);
	rw_document_free(&doc);

	/* Latin-1 text: each high byte becomes U+FFFD, ASCII survives. */
	READ_OK("Caf\xE9 cr\xE8me", &doc);
	assert_string_equal(doc.text.data, "Caf" FFFD " cr" FFFD "me");
	assert_int_equal(doc.replaced, 2);
	rw_document_free(&doc);
}

static void
test_text_overlong_and_surrogates(void **state)
{
	struct rw_document doc;

	READ_OK("path \xC0\xAF" "etc \xED\xA0\x80 end", &doc);
	assert_string_equal(doc.text.data,
	    "path " FFFD FFFD "etc " FFFD FFFD FFFD " end");
	assert_int_equal(doc.replaced, 5);
	assert_null(strchr(doc.text.data, '/'));
	rw_document_free(&doc);
}

static void
test_text_invalid_utf8_in_header_value(void **state)
{
	struct rw_document doc;

	READ_OK("Title: Caf\xE9\nSource: A\x01" "B\n\nBody", &doc);
	assert_string_equal(doc.title, "Caf" FFFD);
	assert_string_equal(doc.publisher, "AB");
	rw_document_free(&doc);
}

static void
test_text_controls_and_bom(void **state)
{
	struct rw_document doc;

	READ_OK("\xEF\xBB\xBFTitle: BOM first\n\nA\x07" "B\x1B" "C\tD\fE and enough "
	    "words to keep control characters rare", &doc);
	assert_string_equal(doc.title, "BOM first");
	assert_string_equal(doc.text.data, "ABC\tD\fE and enough words to keep "
	    "control characters rare");
	rw_document_free(&doc);
}

static void
test_text_nul_after_sniff_window_dropped(void **state)
{
	struct rw_document doc;
	size_t len = 5000;
	char *data = malloc(len);

	assert_non_null(data);
	memset(data, 'a', len);
	data[4999] = 'z';
	data[4500] = '\0';
	read_ok(data, len, &doc);
	assert_int_equal(doc.text.len, len - 1);
	assert_null(memchr(doc.text.data, '\0', doc.text.len));
	assert_int_equal(doc.text.data[doc.text.len - 1], 'z');
	rw_document_free(&doc);
	free(data);
}

static void
test_text_only_controls_fails(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	/* Readable as text, but nothing is left once controls go. */
	rw_error_clear(&err);
	assert_int_equal(rw_document_read("x", 1, &doc, &err), RW_OK);
	rw_document_free(&doc);
	assert_int_equal(rw_document_read("\xC2\x85\xC2\x85 ", 5, &doc, &err),
	    RW_EFORMAT);
	assert_int_equal(err.code, RW_EFORMAT);
	rw_document_free(&doc);
}

static void
test_text_past_cap(void **state)
{
	size_t len = RW_DOCUMENT_TEXT_MAX + 1;
	char *data = malloc(len);
	struct rw_document doc;
	struct rw_error err;

	assert_non_null(data);
	memset(data, 'a', len);
	rw_error_clear(&err);
	assert_int_equal(rw_document_read(data, len, &doc, &err), RW_ETOOBIG);
	assert_int_equal(err.code, RW_ETOOBIG);
	assert_string_equal(err.message, "text is larger than the 64 MB limit");
	/* Nothing was kept of it. */
	assert_int_equal(doc.text.len, 0);
	assert_null(doc.title);
	rw_document_free(&doc);
	free(data);
}

static void
test_text_exactly_at_cap(void **state)
{
	size_t len = RW_DOCUMENT_TEXT_MAX;
	char *data = malloc(len);
	struct rw_document doc;

	assert_non_null(data);
	memset(data, 'b', len);
	read_ok(data, len, &doc);
	assert_int_equal(doc.text.len, len);
	rw_document_free(&doc);
	free(data);
}

static void
test_text_read_directly_appends(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	/* The reader fills a document the caller prepared. */
	memset(&doc, 0, sizeof(doc));
	rw_buf_init(&doc.text, 32);
	rw_error_clear(&err);
	assert_int_equal(rw_text_read("Title: T\n\nshort", 15, &doc, &err), RW_OK);
	assert_string_equal(doc.text.data, "short");
	assert_string_equal(doc.title, "T");
	rw_document_free(&doc);

	/* Its own cap still applies: over the caller's 8 bytes is refused
	 * and the text stays as it was. */
	memset(&doc, 0, sizeof(doc));
	rw_buf_init(&doc.text, 8);
	assert_int_equal(rw_text_read("0123456789", 10, &doc, &err), RW_ETOOBIG);
	assert_int_equal(err.code, RW_ETOOBIG);
	assert_int_equal(doc.text.len, 0);
	rw_document_free(&doc);
}

/* ---- rw_document_set_meta ---- */

static void
blank_doc(struct rw_document *doc)
{
	memset(doc, 0, sizeof(*doc));
	rw_buf_init(&doc->text, 1024);
}

static void
test_set_meta_known_keys(void **state)
{
	struct rw_document doc;

	blank_doc(&doc);
	assert_int_equal(rw_document_set_meta(&doc, "og:title", "OG"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "Title", "Later"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "og:site_name", "Site"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "DC.Publisher", "Other"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "canonical", "https://a/"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "og:url", "https://b/"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "article:published_time",
	    "2019-03-04T05:06:07+01:00"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "DC.date", "2001"), RW_OK);
	assert_string_equal(doc.title, "OG");
	assert_string_equal(doc.publisher, "Site");
	assert_string_equal(doc.url, "https://a/");
	assert_string_equal(doc.published, "2019-03-04");
	assert_null(doc.meta_json);
	rw_document_free(&doc);
}

static void
test_set_meta_date_aliases(void **state)
{
	static const char *const keys[] = {"published", "date",
	    "publication date", "pubdate", "publishdate", "publish-date",
	    "article:published_time", "dc.date", "dc.date.issued",
	    "dcterms.created", "dcterms.issued", "citation_publication_date",
	    "datePublished"};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct rw_document doc;

		blank_doc(&doc);
		rw_document_set_meta(&doc, keys[i], "July 2015");
		if (doc.published == NULL || strcmp(doc.published, "2015-07") != 0)
			fail_msg("key %s gave %s", keys[i], doc.published);
		assert_null(doc.meta_json);
		rw_document_free(&doc);
	}
}

static void
test_set_meta_other_keys_to_json(void **state)
{
	struct rw_document doc;

	blank_doc(&doc);
	rw_document_set_meta(&doc, "description", "A \"quoted\" summary");
	rw_document_set_meta(&doc, "author", "Jane");
	rw_document_set_meta(&doc, "author", "Second");   /* first kept */
	rw_document_set_meta(&doc, "date", "not a date");
	rw_document_set_meta(&doc, "pubdate", "2019-13-01"); /* first kept */
	assert_string_equal(doc.meta_json,
	    "{\"author\":\"Jane\",\"description\":\"A \\\"quoted\\\" summary\","
	    "\"unreadable date\":\"not a date\"}");
	assert_null(doc.published);
	rw_document_free(&doc);
}

static void
test_set_meta_cleans_values(void **state)
{
	struct rw_document doc;

	blank_doc(&doc);
	rw_document_set_meta(&doc, "title", "  Many \n\t spaces\r\n here  ");
	rw_document_set_meta(&doc, "publisher", "Bad\xFF" "byte\x01");
	rw_document_set_meta(&doc, "url", "   ");         /* blank: ignored */
	rw_document_set_meta(&doc, "url", "");
	rw_document_set_meta(&doc, "date", "\x01\x02");   /* nothing left */
	assert_string_equal(doc.title, "Many spaces here");
	assert_string_equal(doc.publisher, "Bad" FFFD "byte");
	assert_null(doc.url);
	assert_null(doc.published);
	assert_null(doc.meta_json);
	rw_document_set_meta(&doc, "url", "https://later/");
	assert_string_equal(doc.url, "https://later/");
	rw_document_free(&doc);
}

static void
test_set_meta_extra_keys_capped(void **state)
{
	struct rw_document doc;
	json_t *obj;
	char key[32];

	/* A hostile page with thousands of <meta> tags keeps only the first
	 * RW_DOCUMENT_META_MAX other keys. */
	blank_doc(&doc);
	for (int i = 0; i < RW_DOCUMENT_META_MAX + 50; i++) {
		snprintf(key, sizeof(key), "key%03d", i);
		assert_int_equal(rw_document_set_meta(&doc, key, "v"), RW_OK);
	}
	assert_int_equal(doc.meta_extra, RW_DOCUMENT_META_MAX);
	obj = json_loads(doc.meta_json, 0, NULL);
	assert_non_null(obj);
	assert_int_equal(json_object_size(obj), RW_DOCUMENT_META_MAX);
	assert_non_null(json_object_get(obj, "key000"));
	snprintf(key, sizeof(key), "key%03d", RW_DOCUMENT_META_MAX - 1);
	assert_non_null(json_object_get(obj, key));
	snprintf(key, sizeof(key), "key%03d", RW_DOCUMENT_META_MAX);
	assert_null(json_object_get(obj, key));
	json_decref(obj);
	/* Known keys still fill their fields. */
	rw_document_set_meta(&doc, "title", "Still read");
	assert_string_equal(doc.title, "Still read");
	rw_document_free(&doc);
}

static void
test_set_meta_null_ignored(void **state)
{
	struct rw_document doc;

	blank_doc(&doc);
	assert_int_equal(rw_document_set_meta(&doc, NULL, "x"), RW_OK);
	assert_int_equal(rw_document_set_meta(&doc, "title", NULL), RW_OK);
	assert_null(doc.title);
	assert_null(doc.meta_json);
	rw_document_free(&doc);
}

static void
test_set_meta_long_value_truncated(void **state)
{
	struct rw_document doc;
	char *value = malloc(5001);

	assert_non_null(value);
	memset(value, 'v', 5000);
	value[5000] = '\0';
	blank_doc(&doc);
	rw_document_set_meta(&doc, "title", value);
	assert_int_equal(strlen(doc.title), 2000);
	rw_document_free(&doc);
	free(value);
}

static void
test_set_meta_truncation_keeps_characters_whole(void **state)
{
	struct rw_document doc;
	char value[2100];

	/* Regression test for a bug found when this test was written. */
	memset(value, 'a', 1999);
	memcpy(value + 1999, "\xC3\xA9 tail", 7);  /* é straddles byte 2000 */
	value[2006] = '\0';
	blank_doc(&doc);
	rw_document_set_meta(&doc, "title", value);
	assert_null(strstr(doc.title, FFFD));
	assert_int_equal(strlen(doc.title), 1999);
	rw_document_free(&doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_sniff_empty_and_blank),
		cmocka_unit_test(test_sniff_binary),
		cmocka_unit_test(test_sniff_few_controls_still_text),
		cmocka_unit_test(test_sniff_nul_past_window_is_text),
		cmocka_unit_test(test_sniff_pdf),
		cmocka_unit_test(test_sniff_text_mentioning_pdf_header),
		cmocka_unit_test(test_sniff_html),
		cmocka_unit_test(test_sniff_feed),
		cmocka_unit_test(test_sniff_text),
		cmocka_unit_test(test_read_refuses_empty_blank_binary_feed),
		cmocka_unit_test(test_read_null_error_is_allowed),
		cmocka_unit_test(test_text_plain),
		cmocka_unit_test(test_text_header_block),
		cmocka_unit_test(test_text_header_keys_any_case_and_aliases),
		cmocka_unit_test(test_text_header_crlf),
		cmocka_unit_test(test_text_header_first_value_wins),
		cmocka_unit_test(test_text_header_unknown_keys_kept_as_body),
		cmocka_unit_test(test_text_header_needs_blank_line),
		cmocka_unit_test(test_text_header_broken_by_other_line),
		cmocka_unit_test(test_text_header_unknown_key_with_known_goes_to_meta),
		cmocka_unit_test(test_text_header_unreadable_date),
		cmocka_unit_test(test_text_header_date_formats),
		cmocka_unit_test(test_text_only_header_no_body),
		cmocka_unit_test(test_text_invalid_utf8_survives),
		cmocka_unit_test(test_text_overlong_and_surrogates),
		cmocka_unit_test(test_text_invalid_utf8_in_header_value),
		cmocka_unit_test(test_text_controls_and_bom),
		cmocka_unit_test(test_text_nul_after_sniff_window_dropped),
		cmocka_unit_test(test_text_only_controls_fails),
		cmocka_unit_test(test_text_past_cap),
		cmocka_unit_test(test_text_exactly_at_cap),
		cmocka_unit_test(test_text_read_directly_appends),
		cmocka_unit_test(test_set_meta_known_keys),
		cmocka_unit_test(test_set_meta_date_aliases),
		cmocka_unit_test(test_set_meta_other_keys_to_json),
		cmocka_unit_test(test_set_meta_cleans_values),
		cmocka_unit_test(test_set_meta_extra_keys_capped),
		cmocka_unit_test(test_set_meta_null_ignored),
		cmocka_unit_test(test_set_meta_long_value_truncated),
		cmocka_unit_test(test_set_meta_truncation_keeps_characters_whole),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("document", tests, NULL, NULL);
}
