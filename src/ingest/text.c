/* text.c: plain-text documents and their leading `Key: value` header.
 *
 * A text document may open with a block of metadata lines such as
 * "Published: 2019-12-12" or "Source: ..." followed by a blank line. The
 * block is read as metadata only when every line in it has that shape and
 * at least one key is a known one; the stored text is what follows. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "ingest/document.h"

#define HEADER_MAX_LINES 40
#define KEY_MAX 40
#define VALUE_MAX 2000

struct header_line {
	const char *key, *value;
	size_t key_len, value_len;
};

/* Splits one "Key: value" line; returns 0 when the line has another shape. */
static int
split_line(const char *line, size_t len, struct header_line *out)
{
	size_t i = 0;

	if (len == 0 || !isalpha((unsigned char)line[0]))
		return 0;
	while (i < len && i <= KEY_MAX && (isalnum((unsigned char)line[i]) ||
	    line[i] == ' ' || line[i] == '-' || line[i] == '_' || line[i] == '.'))
		i++;
	if (i >= len || line[i] != ':' || i > KEY_MAX)
		return 0;
	out->key = line;
	out->key_len = i;
	while (out->key_len > 0 && line[out->key_len - 1] == ' ')
		out->key_len--;
	i++;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	out->value = line + i;
	out->value_len = len - i;
	while (out->value_len > 0 && isspace((unsigned char)out->value[out->value_len - 1]))
		out->value_len--;
	return out->value_len <= VALUE_MAX;
}

static int
is_known_key(const char *key, size_t len)
{
	static const char *const known[] = {"title", "published", "date",
	    "source", "publisher", "url", "link", "author", NULL};

	for (size_t i = 0; known[i] != NULL; i++)
		if (strlen(known[i]) == len && strncasecmp(key, known[i], len) == 0)
			return 1;
	return 0;
}

/* Finds the header block of text; returns the offset where the body
 * starts (0 when there is no header) and the lines in lines[]. */
static size_t
find_header(const char *text, size_t len, struct header_line *lines,
    size_t *ret_count)
{
	size_t pos = 0, count = 0;
	int known = 0;

	while (pos < len && count < HEADER_MAX_LINES) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t line_len = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;

		if (line_len == 0) {
			if (count == 0 || !known)
				return 0;
			*ret_count = count;
			return pos + 1;
		}
		if (!split_line(text + pos, line_len, &lines[count]))
			return 0;
		known |= is_known_key(lines[count].key, lines[count].key_len);
		count++;
		if (nl == NULL)
			return 0;
		pos += line_len + 1;
	}
	return 0;
}

static int
apply_header(struct rw_document *doc, const struct header_line *lines,
    size_t count)
{
	char key[KEY_MAX + 1], *value;
	int r = RW_OK;

	for (size_t i = 0; i < count && r == RW_OK; i++) {
		memcpy(key, lines[i].key, lines[i].key_len);
		key[lines[i].key_len] = '\0';
		value = strndup(lines[i].value, lines[i].value_len);
		if (value == NULL)
			return RW_ENOMEM;
		r = rw_document_set_meta(doc, key, value);
		free(value);
	}
	return r;
}

int
rw_text_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	struct header_line lines[HEADER_MAX_LINES];
	struct rw_buf clean;
	size_t body, count = 0;
	int r;

	rw_buf_init(&clean, RW_DOCUMENT_TEXT_MAX);
	r = rw_utf8_clean(&clean, data, len, &doc->replaced);
	if (r < 0) {
		rw_buf_free(&clean);
		return rw_error_set(err, r, r == RW_ETOOBIG ?
		    "text is larger than the %zu MB limit" : "out of memory",
		    doc->text.max >> 20);
	}
	if (clean.len == 0) {
		rw_buf_free(&clean);
		return rw_error_set(err, RW_EFORMAT,
		    "no readable text: only control characters");
	}
	body = find_header(clean.data, clean.len, lines, &count);
	r = apply_header(doc, lines, count);
	while (r == RW_OK && body < clean.len &&
	    isspace((unsigned char)clean.data[body]))
		body++;
	if (r == RW_OK)
		r = rw_buf_append(&doc->text, clean.data + body, clean.len - body);
	rw_buf_free(&clean);
	if (r < 0)
		return rw_error_set(err, r, r == RW_ETOOBIG ?
		    "text is larger than the %zu MB limit" : "out of memory",
		    doc->text.max >> 20);
	rw_buf_trim_end(&doc->text);
	if (doc->text.len == 0)
		return rw_error_set(err, RW_EFORMAT, count > 0 ?
		    "no text after the metadata header" : "file holds no text");
	return RW_OK;
}
