/* template.h: the small template language of the appeal letters
 * (data/appeals/README.md describes it for template authors).
 *
 * A template is format-neutral text, read line by line:
 *
 *   # Heading          a heading (## for a second level)
 *   - item             a list item; consecutive items make one list
 *   text               paragraph text; a blank line ends the paragraph
 *
 * and, anywhere in a line, tags between double braces:
 *
 *   {{name}}           a value, escaped for the output format
 *   {{#name}}..{{/name}}  a section: shown once for a value that is set,
 *                      once per element for a list (the element's members
 *                      become visible inside), never when unset or empty
 *   {{^name}}..{{/name}}  shown only when name is unset or empty
 *   {{>part}}          another template, on a line of its own
 *   {{! comment}}      nothing
 *
 * A section opened on a line of its own spans lines and closes on a line
 * of its own; one opened inside a line closes on that line. A line whose
 * content renders empty disappears, so optional sentences need no care.
 *
 * Values come from a JSON object (jansson): strings and integers print,
 * null prints nothing, and a name that is in no visible object is an
 * error (a typo in a template is found, not printed blank). Escaping is
 * by construction: in HTML every value and all template text is
 * HTML-escaped and only the renderer writes tags; in Markdown every value
 * is escaped so it cannot start a link, an image, HTML, emphasis or a
 * block; plain text is written as it is. Line breaks and control
 * characters in values become spaces, invalid UTF-8 becomes U+FFFD. */
#ifndef RW_APPEAL_TEMPLATE_H
#define RW_APPEAL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

/* Largest template accepted, in bytes. */
#define RW_TPL_MAX (256 * 1024)
/* Deepest nesting of sections, and of parts including parts. */
#define RW_TPL_DEPTH_MAX 16
#define RW_TPL_PART_DEPTH_MAX 4

enum rw_tpl_format {
	RW_TPL_TEXT,      /* "text": no escaping, for one-line templates */
	RW_TPL_MD,        /* "md": Markdown */
	RW_TPL_HTML,      /* "html": an HTML fragment */
};

/* "md" and "html" (the formats a person may ask for); false otherwise. */
bool rw_tpl_format_parse(const char *name, enum rw_tpl_format *ret);

struct rw_tpl;

/* Parses text (len bytes; name is used in messages). On a malformed
 * template RW_EFORMAT (RW_ETOOBIG over RW_TPL_MAX) with a message naming
 * it, the line and the problem: "host.txt:12: {{/deadline}} closes
 * {{#requests}} opened on line 9". */
int rw_tpl_parse(const char *name, const char *text, size_t len,
    struct rw_tpl **ret, struct rw_error *err);

/* Frees t (NULL is accepted); returns NULL. */
struct rw_tpl *rw_tpl_free(struct rw_tpl *t);

/* The template named by a {{>part}} tag, or NULL when there is none. */
typedef const struct rw_tpl *(*rw_tpl_part_fn)(const char *name, void *arg);

/* Appends t rendered in format with the values of ctx (a JSON object) to
 * out (whose cap bounds the output: RW_ETOOBIG past it). parts (may be
 * NULL) resolves {{>part}} tags. On a missing value or part RW_EINVAL
 * with "NAME:LINE: ..."; out then holds a partial result. */
int rw_tpl_render(const struct rw_tpl *t, enum rw_tpl_format format,
    json_t *ctx, rw_tpl_part_fn parts, void *arg, struct rw_buf *out,
    struct rw_error *err);

/* Appends s escaped for format, as a value is (for text the renderer
 * does not write, such as an HTML title). */
int rw_tpl_escape(struct rw_buf *out, enum rw_tpl_format format,
    const char *s);

#endif
