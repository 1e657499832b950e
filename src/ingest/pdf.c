/* pdf.c: PDF documents to text, page by page (poppler-glib).
 *
 * Pages are separated by a form feed in the text, so a quote can be cited
 * by page. Poppler writes parser complaints about damaged files to
 * standard error; they are silenced while a document is read, because the
 * reader reports its own one-line error. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <poppler.h>

#include "core/date.h"
#include "core/utf8.h"
#include "ingest/document.h"

/* Redirects standard error to /dev/null; returns the saved descriptor. */
static int
mute_stderr(void)
{
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);

	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	if (null >= 0)
		close(null);
	return saved;
}

static void
restore_stderr(int saved)
{
	if (saved < 0)
		return;
	dup2(saved, STDERR_FILENO);
	close(saved);
}

static void
read_info(PopplerDocument *pdf, struct rw_document *doc)
{
	gchar *title = poppler_document_get_title(pdf);
	gchar *author = poppler_document_get_author(pdf);
	GDateTime *created = poppler_document_get_creation_date_time(pdf);

	if (title != NULL)
		rw_document_set_meta(doc, "title", title);
	if (author != NULL)
		rw_document_set_meta(doc, "author", author);
	if (created != NULL) {
		gchar *day = g_date_time_format(created, "%Y-%m-%d");

		if (day != NULL)
			rw_document_set_meta(doc, "published", day);
		g_free(day);
		g_date_time_unref(created);
	}
	g_free(title);
	g_free(author);
}

static int
read_pages(PopplerDocument *pdf, struct rw_document *doc)
{
	int pages = poppler_document_get_n_pages(pdf), r = RW_OK;

	for (int i = 0; i < pages && r == RW_OK; i++) {
		PopplerPage *page = poppler_document_get_page(pdf, i);
		char *text = page != NULL ? poppler_page_get_text(page) : NULL;

		if (i > 0)
			r = rw_buf_append_char(&doc->text, '\f');
		if (r == RW_OK && text != NULL)
			r = rw_utf8_clean(&doc->text, text, strlen(text), &doc->replaced);
		g_free(text);
		if (page != NULL)
			g_object_unref(page);
	}
	doc->page_count = pages;
	return r;
}

static int
has_text(const struct rw_buf *text)
{
	for (size_t i = 0; i < text->len; i++)
		if (text->data[i] != '\f' && text->data[i] != ' ' &&
		    text->data[i] != '\n' && text->data[i] != '\t')
			return 1;
	return 0;
}

int
rw_pdf_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *pdf;
	GError *gerr = NULL;
	int saved, r;

	saved = mute_stderr();
	pdf = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (pdf == NULL) {
		restore_stderr(saved);
		g_bytes_unref(bytes);
		if (gerr != NULL && gerr->code == POPPLER_ERROR_ENCRYPTED) {
			g_error_free(gerr);
			return rw_error_set(err, RW_EENCRYPTED,
			    "the PDF is encrypted: save an unlocked copy and ingest "
			    "that");
		}
		r = rw_error_set(err, RW_EFORMAT, "not a readable PDF (%s)",
		    gerr != NULL ? gerr->message : "damaged or truncated");
		if (gerr != NULL)
			g_error_free(gerr);
		return r;
	}
	read_info(pdf, doc);
	r = read_pages(pdf, doc);
	restore_stderr(saved);
	g_object_unref(pdf);
	g_bytes_unref(bytes);
	if (r < 0)
		return rw_error_set(err, r, r == RW_ETOOBIG ?
		    "PDF text is larger than the %zu MB limit" : "out of memory",
		    RW_DOCUMENT_TEXT_MAX >> 20);
	rw_buf_trim_end(&doc->text);
	if (!has_text(&doc->text))
		return rw_error_set(err, RW_EFORMAT,
		    "the PDF has no text layer (a scan?): run OCR on it first");
	return RW_OK;
}
