/* document.c: format recognition, metadata fields and dispatch to the
 * per-format readers. */
#include "ingest/document.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/date.h"
#include "core/swar.h"
#include "core/utf8.h"

#define SNIFF_WINDOW 4096
#define META_VALUE_MAX 2000

static int set_meta_clean(struct rw_document *doc, const char *key,
    const char *value);

/* A PDF starts with "%PDF-"; readers also accept it later in the first
 * kilobyte (after junk such as saved HTTP headers), so that is accepted
 * when the file also holds PDF objects, and a text that merely mentions
 * "%PDF-1.4" stays text. */
static int
is_pdf(const char *data, size_t len)
{
	size_t window = len < 1024 ? len : 1024;
	const char *mark;

	if (len < 5)
		return 0;
	if (memcmp(data, "%PDF-", 5) == 0)
		return 1;
	/* most texts have no '%' that early: memchr says so cheaper than
	 * memmem */
	mark = memchr(data, '%', window) != NULL ?
	    memmem(data, window, "%PDF-", 5) : NULL;
	return mark != NULL && (mark == data || mark[-1] == '\n' ||
	    mark[-1] == '\r') && memmem(data, len, "endobj", 6) != NULL;
}

/* Counts c if it is a NUL or a control character that text does not
 * hold (any below 0x20 but \n, \r, \t and \f). */
static void
count_control(unsigned char c, size_t *nuls, size_t *controls)
{
	*nuls += c == 0;
	*controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' &&
	    c != '\f';
}

enum rw_format
rw_format_sniff(const char *data, size_t len)
{
	size_t i = 0, window = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
	size_t controls = 0, nuls = 0;
	const char *head;

	if (is_pdf(data, len))
		return RW_FORMAT_PDF;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len)
		return RW_FORMAT_EMPTY;
	for (size_t j = 0; j < window;) {
		/* eight bytes at a time, looking only at the control
		 * characters among them */
		if (j + 8 <= window) {
			uint64_t x = rw_swar_load((const unsigned char *)data +
			    j);
			uint64_t below = rw_swar_below_each(x, 0x20);
			for (; below; below &= below - 1)
				count_control((unsigned char)(x >>
				    (__builtin_ctzll(below) & ~7)), &nuls,
				    &controls);
			j += 8;
			continue;
		}
		count_control((unsigned char)data[j++], &nuls, &controls);
	}
	if (nuls > 0 || controls * 20 > window)
		return RW_FORMAT_BINARY;
	if (data[i] != '<')
		return RW_FORMAT_TEXT;
	head = data + i;
	window = len - i < SNIFF_WINDOW ? len - i : SNIFF_WINDOW;
	{
		char lower[SNIFF_WINDOW + 1];

		for (size_t j = 0; j < window; j++) /* ASCII: tags are */
			lower[j] = (char)(head[j] >= 'A' && head[j] <= 'Z' ?
			    head[j] + 32 : head[j]);
		lower[window] = '\0';
		if (strstr(lower, "<rss") != NULL || strstr(lower, "<feed") != NULL)
			return RW_FORMAT_FEED;
		if (strstr(lower, "<!doctype html") != NULL ||
		    strstr(lower, "<html") != NULL || strstr(lower, "<body") != NULL ||
		    strstr(lower, "<head") != NULL || strstr(lower, "<p>") != NULL ||
		    strstr(lower, "<div") != NULL || strstr(lower, "<article") != NULL)
			return RW_FORMAT_HTML;
	}
	return RW_FORMAT_TEXT;
}

const char *
rw_format_name(enum rw_format format)
{
	switch (format) {
	case RW_FORMAT_EMPTY: return "empty";
	case RW_FORMAT_BINARY: return "binary";
	case RW_FORMAT_TEXT: return "text";
	case RW_FORMAT_HTML: return "html";
	case RW_FORMAT_PDF: return "pdf";
	case RW_FORMAT_FEED: return "feed";
	}
	return "binary";
}

static const char *const title_keys[] = {"title", "og:title",
    "headline", NULL};
static const char *const date_keys[] = {"published", "date",
    "publication date", "pubdate", "publishdate", "publish-date",
    "article:published_time", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "citation_publication_date",
    "datepublished", NULL};
static const char *const publisher_keys[] = {"publisher", "source",
    "og:site_name", "site", "dc.publisher", NULL};
static const char *const url_keys[] = {"url", "link", "canonical",
    "og:url", "source url", NULL};

/* True when key (case-insensitive) is one of the NULL-terminated names. */
static int
key_is(const char *key, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcasecmp(key, *names) == 0)
			return 1;
	return 0;
}

int
rw_document_meta_known(const char *key)
{
	return key_is(key, title_keys) || key_is(key, date_keys) ||
	    key_is(key, publisher_keys) || key_is(key, url_keys);
}

static int
set_once(char **field, const char *value)
{
	if (*field != NULL)
		return RW_OK;
	*field = strdup(value);
	return *field != NULL ? RW_OK : RW_ENOMEM;
}

static int
add_extra(struct rw_document *doc, const char *key, const char *value)
{
	json_t *obj = NULL;
	char *dump;

	if (doc->meta_extra >= RW_DOCUMENT_META_MAX)
		return RW_OK;
	if (doc->meta_json != NULL)
		obj = json_loads(doc->meta_json, 0, NULL);
	if (obj == NULL)
		obj = json_object();
	if (obj == NULL)
		return RW_ENOMEM;
	if (json_object_get(obj, key) == NULL &&
	    json_object_set_new(obj, key, json_string(value)) == 0)
		doc->meta_extra++;
	dump = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(obj);
	if (dump == NULL)
		return RW_ENOMEM;
	free(doc->meta_json);
	doc->meta_json = dump;
	return RW_OK;
}

/* Cleans a metadata value: valid UTF-8, no control characters, white
 * space folded to single spaces, read from at most META_VALUE_MAX bytes. */
static char *
clean_value(const char *value)
{
	struct rw_buf raw, out;
	char *result = NULL;
	int space = 0;

	rw_buf_init(&raw, 4 * META_VALUE_MAX);
	rw_buf_init(&out, 4 * META_VALUE_MAX);
	if (rw_utf8_clean(&raw, value, rw_utf8_prefix(value,
	    strnlen(value, META_VALUE_MAX + 1), META_VALUE_MAX), NULL) < 0)
		goto done;
	for (size_t i = 0; i < raw.len; i++) {
		if (isspace((unsigned char)raw.data[i])) {
			space = out.len > 0;
			continue;
		}
		if ((space && rw_buf_append_char(&out, ' ') < 0) ||
		    rw_buf_append_char(&out, raw.data[i]) < 0)
			break;
		space = 0;
	}
	if (out.len > 0)
		result = rw_buf_steal(&out);
done:
	rw_buf_free(&raw);
	rw_buf_free(&out);
	return result;
}

int
rw_document_set_meta(struct rw_document *doc, const char *key,
    const char *raw_value)
{
	char *value;
	int r;

	if (raw_value == NULL || key == NULL)
		return RW_OK;
	value = clean_value(raw_value);
	if (value == NULL)
		return RW_OK;
	r = set_meta_clean(doc, key, value);
	free(value);
	return r;
}

static int
set_meta_clean(struct rw_document *doc, const char *key, const char *value)
{
	struct rw_date date;
	char text[RW_DATE_TEXT_MAX];

	if (key_is(key, title_keys))
		return set_once(&doc->title, value);
	if (key_is(key, publisher_keys))
		return set_once(&doc->publisher, value);
	if (key_is(key, url_keys))
		return set_once(&doc->url, value);
	if (key_is(key, date_keys)) {
		if (rw_date_parse(value, &date) < 0)
			return add_extra(doc, "unreadable date", value);
		rw_date_format(&date, text);
		return set_once(&doc->published, text);
	}
	return add_extra(doc, key, value);
}

void
rw_document_init(struct rw_document *doc)
{
	memset(doc, 0, sizeof(*doc));
	rw_buf_init(&doc->text, RW_DOCUMENT_TEXT_MAX);
}

int
rw_document_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	rw_document_init(doc);
	doc->format = rw_format_sniff(data, len);
	switch (doc->format) {
	case RW_FORMAT_EMPTY:
		return rw_error_set(err, RW_EFORMAT,
		    len == 0 ? "empty file" : "file holds only white space");
	case RW_FORMAT_BINARY:
		return rw_error_set(err, RW_EFORMAT,
		    "binary file: not text, HTML or PDF");
	case RW_FORMAT_FEED:
		return rw_error_set(err, RW_EFORMAT,
		    "RSS/Atom feeds cannot be ingested yet: save the linked "
		    "articles and ingest those");
	case RW_FORMAT_TEXT:
		return rw_text_read(data, len, doc, err);
	case RW_FORMAT_HTML:
		return rw_html_read(data, len, doc, err);
	case RW_FORMAT_PDF:
		return rw_pdf_read(data, len, doc, err);
	}
	return rw_error_set(err, RW_EFORMAT, "unrecognised format");
}

void
rw_document_free(struct rw_document *doc)
{
	free(doc->title);
	free(doc->url);
	free(doc->publisher);
	free(doc->published);
	free(doc->meta_json);
	rw_buf_free(&doc->text);
	memset(doc, 0, sizeof(*doc));
}
