/* test-pdf.c: PDF documents to text, page by page (ingest/document.h:
 * rw_pdf_read). The PDFs are written here by hand; the encrypted one is
 * made at test time with qpdf. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"
#include "ingest/document.h"
#include "fixture-pdf.h"
#include "unit.h"

#define QPDF "/usr/bin/qpdf"

/* one.pdf, 731 bytes, made by hand: the xref offsets are
 * checked by test_fixture_xref_offsets. */
static const char pdf_one_page[] =
	"%PDF-1.4\n"
	"1 0 obj\n"
	"<< /Type /Catalog /Pages 2 0 R >>\n"
	"endobj\n"
	"2 0 obj\n"
	"<< /Type /Pages /Kids [4 0 R] /Count 1 >>\n"
	"endobj\n"
	"3 0 obj\n"
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\n"
	"4 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>\n"
	"endobj\n"
	"5 0 obj\n"
	"<< /Length 58 >>\n"
	"stream\n"
	"BT /F1 24 Tf 72 700 Td (Refoulement report page one) Tj ET\n"
	"endstream\n"
	"endobj\n"
	"6 0 obj\n"
	"<< /Title (Border Report) /Author (Jane Doe) /CreationDate (D:20190312120000Z) >>\n"
	"endobj\n"
	"xref\n"
	"0 7\n"
	"0000000000 65535 f \n"
	"0000000009 00000 n \n"
	"0000000058 00000 n \n"
	"0000000115 00000 n \n"
	"0000000185 00000 n \n"
	"0000000311 00000 n \n"
	"0000000419 00000 n \n"
	"trailer\n"
	"<< /Size 7 /Root 1 0 R /Info 6 0 R >>\n"
	"startxref\n"
	"516\n"
	"%%EOF\n";


/* empty.pdf, 575 bytes, made by hand: the xref offsets are
 * checked by test_fixture_xref_offsets. */
static const char pdf_no_text[] =
	"%PDF-1.4\n"
	"1 0 obj\n"
	"<< /Type /Catalog /Pages 2 0 R >>\n"
	"endobj\n"
	"2 0 obj\n"
	"<< /Type /Pages /Kids [4 0 R] /Count 1 >>\n"
	"endobj\n"
	"3 0 obj\n"
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\n"
	"4 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>\n"
	"endobj\n"
	"5 0 obj\n"
	"<< /Length 31 >>\n"
	"stream\n"
	"BT /F1 24 Tf 72 700 Td () Tj ET\n"
	"endstream\n"
	"endobj\n"
	"xref\n"
	"0 6\n"
	"0000000000 65535 f \n"
	"0000000009 00000 n \n"
	"0000000058 00000 n \n"
	"0000000115 00000 n \n"
	"0000000185 00000 n \n"
	"0000000311 00000 n \n"
	"trailer\n"
	"<< /Size 6 /Root 1 0 R >>\n"
	"startxref\n"
	"392\n"
	"%%EOF\n";

/* Reads data with rw_pdf_read on a document prepared as rw_document_read
 * prepares it. */
static int
pdf_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	rw_document_init(doc);
	doc->format = RW_FORMAT_PDF;
	rw_error_clear(err);
	return rw_pdf_read(data, len, doc, err);
}

static void
test_fixture_xref_offsets(void **state)
{
	const char *const pdfs[] = {pdf_one_page, pdf_two_pages, pdf_no_text};

	for (size_t k = 0; k < 3; k++) {
		const char *pdf = pdfs[k], *xref = strstr(pdf, "\nxref\n");
		const char *startxref = strstr(pdf, "startxref\n");
		int count, first;
		const char *entry;

		assert_non_null(xref);
		assert_non_null(startxref);
		assert_int_equal(atol(startxref + 10), xref + 1 - pdf);
		assert_int_equal(sscanf(xref + 6, "%d %d", &first, &count), 2);
		entry = strchr(xref + 6, '\n') + 1;
		for (int i = 1; i < count; i++) {
			char want[32];
			long off = atol(entry + 20 * i);

			snprintf(want, sizeof(want), "%d 0 obj\n", i);
			assert_memory_equal(pdf + off, want, strlen(want));
		}
	}
}

static void
test_one_page(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_document_read(pdf_one_page, sizeof(pdf_one_page) - 1,
	    &doc, &err), RW_OK);
	assert_int_equal(doc.format, RW_FORMAT_PDF);
	assert_int_equal(doc.page_count, 1);
	assert_string_equal(doc.text.data, "Refoulement report page one");
	assert_string_equal(doc.title, "Border Report");
	assert_string_equal(doc.published, "2019-03-12");
	assert_string_equal(doc.meta_json, "{\"author\":\"Jane Doe\"}");
	assert_null(doc.url);
	assert_null(doc.publisher);
	assert_int_equal(doc.replaced, 0);
	assert_int_equal(err.code, 0);
	rw_document_free(&doc);
}

static void
test_pages_split_by_form_feed(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	assert_int_equal(pdf_read(pdf_two_pages, sizeof(pdf_two_pages) - 1, &doc,
	    &err), RW_OK);
	assert_int_equal(doc.page_count, 2);
	assert_string_equal(doc.text.data, "First page text\fSecond page text");
	assert_null(doc.title);
	assert_null(doc.published);
	assert_null(doc.meta_json);
	rw_document_free(&doc);
}

static void
test_no_text_layer(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	assert_int_equal(pdf_read(pdf_no_text, sizeof(pdf_no_text) - 1, &doc, &err),
	    RW_EFORMAT);
	assert_int_equal(err.code, RW_EFORMAT);
	assert_string_equal(err.message,
	    "the PDF has no text layer (a scan?): run OCR on it first");
	assert_int_equal(doc.page_count, 1);
	rw_document_free(&doc);
}

#define CASE(lit) {lit, sizeof(lit) - 1}

static void
test_not_a_pdf(void **state)
{
	static const struct {
		const char *data;
		size_t len;
	} cases[] = {
		CASE(""),
		CASE("   \n"),
		CASE("\0\0\0\0\0\0"),
		CASE("%PDF-"),
		CASE("%PDF-1.4\ngarbage that is not a PDF body\n%%EOF\n"),
		CASE("<html><body>x</body></html>"),
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rw_document doc;
		struct rw_error err;

		assert_int_equal(pdf_read(cases[i].data, cases[i].len, &doc, &err),
		    RW_EFORMAT);
		assert_int_equal(err.code, RW_EFORMAT);
		assert_true(strncmp(err.message, "not a readable PDF (", 20) == 0);
		assert_int_equal(doc.text.len, 0);
		assert_int_equal(doc.page_count, 0);
		rw_document_free(&doc);
	}
}

static void
test_truncated(void **state)
{
	size_t len = (sizeof(pdf_one_page) - 1) * 60 / 100;
	char *copy = malloc(len);
	struct rw_document doc;
	struct rw_error err;
	int r;

	assert_non_null(copy);
	memcpy(copy, pdf_one_page, len);
	r = pdf_read(copy, len, &doc, &err);
	if (r == RW_OK) {
		/* A clean result: readable text and no error. */
		assert_int_equal(err.code, 0);
		assert_true(rw_utf8_valid(doc.text.data, doc.text.len));
	} else {
		assert_int_equal(r, RW_EFORMAT);
		assert_int_equal(err.code, RW_EFORMAT);
		assert_int_equal(doc.text.len, 0);
	}
	rw_document_free(&doc);
	free(copy);
}

static void
test_every_prefix_and_flipped_byte(void **state)
{
	const size_t len = sizeof(pdf_two_pages) - 1;
	char *copy = malloc(len);

	assert_non_null(copy);
	for (size_t cut = 0; cut <= len; cut += 3) {
		struct rw_document doc;
		struct rw_error err;
		int r;

		memcpy(copy, pdf_two_pages, cut);
		r = pdf_read(copy, cut, &doc, &err);
		assert_true(r == RW_OK || r == RW_EFORMAT);
		assert_int_equal(err.code, r);
		assert_true(rw_utf8_valid(doc.text.data, doc.text.len));
		rw_document_free(&doc);
	}
	for (size_t at = 0; at < len; at += 7) {
		struct rw_document doc;
		struct rw_error err;
		int r;

		memcpy(copy, pdf_two_pages, len);
		copy[at] = (char)(copy[at] ^ 0x5A);
		r = pdf_read(copy, len, &doc, &err);
		assert_true(r == RW_OK || r == RW_EFORMAT);
		assert_true(rw_utf8_valid(doc.text.data, doc.text.len));
		rw_document_free(&doc);
	}
	free(copy);
}

static void
test_stderr_restored(void **state)
{
	struct stat before, after;
	struct rw_document doc;
	struct rw_error err;

	/* Poppler's complaints are muted while reading, then stderr is back. */
	assert_int_equal(fstat(STDERR_FILENO, &before), 0);
	pdf_read("%PDF-1.4\nbroken", 15, &doc, &err);
	rw_document_free(&doc);
	pdf_read(pdf_one_page, sizeof(pdf_one_page) - 1, &doc, &err);
	rw_document_free(&doc);
	assert_int_equal(fstat(STDERR_FILENO, &after), 0);
	assert_int_equal(before.st_dev, after.st_dev);
	assert_int_equal(before.st_ino, after.st_ino);
}

/* Encrypts pdf_one_page with qpdf (user password user_pw) and returns the
 * bytes; skips the test when qpdf is not installed. */
static char *
encrypted_copy(const char *user_pw, size_t *ret_len)
{
	char *dir, *in, *out, *data, command[1024];

	if (access(QPDF, X_OK) != 0)
		skip();
	dir = unit_tmpdir();
	in = unit_path(dir, "in.pdf");
	out = unit_path(dir, "out.pdf");
	unit_write_file(in, pdf_one_page, sizeof(pdf_one_page) - 1);
	snprintf(command, sizeof(command),
	    QPDF " --encrypt '%s' owner-secret 256 -- '%s' '%s'", user_pw, in, out);
	assert_int_equal(system(command), 0);
	data = unit_read_file(out, ret_len);
	unit_rmtree(dir);
	free(in);
	free(out);
	free(dir);
	return data;
}

static void
test_encrypted(void **state)
{
	struct rw_document doc;
	struct rw_error err;
	size_t len;
	char *data = encrypted_copy("user", &len);

	rw_error_clear(&err);
	assert_int_equal(rw_document_read(data, len, &doc, &err), RW_EENCRYPTED);
	assert_int_equal(doc.format, RW_FORMAT_PDF);
	assert_int_equal(err.code, RW_EENCRYPTED);
	assert_string_equal(err.message, "the PDF is encrypted: save an unlocked "
	    "copy and ingest that");
	assert_int_equal(doc.text.len, 0);
	assert_null(doc.title);
	rw_document_free(&doc);
	free(data);
}

static void
test_encrypted_empty_user_password_opens(void **state)
{
	struct rw_document doc;
	struct rw_error err;
	size_t len;
	char *data = encrypted_copy("", &len);

	/* Restrictions only (no password to open): readable like any PDF. */
	assert_int_equal(pdf_read(data, len, &doc, &err), RW_OK);
	assert_string_equal(doc.text.data, "Refoulement report page one");
	assert_string_equal(doc.title, "Border Report");
	rw_document_free(&doc);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_xref_offsets),
		cmocka_unit_test(test_one_page),
		cmocka_unit_test(test_pages_split_by_form_feed),
		cmocka_unit_test(test_no_text_layer),
		cmocka_unit_test(test_not_a_pdf),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_every_prefix_and_flipped_byte),
		cmocka_unit_test(test_stderr_restored),
		cmocka_unit_test(test_encrypted),
		cmocka_unit_test(test_encrypted_empty_user_password_opens),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
