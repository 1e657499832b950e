/* html.c: HTML pages to article text (libxml2), boilerplate removed.
 *
 * The page is parsed leniently, then:
 *  1. metadata comes from the page's own <head>: og:title or <title>,
 *     article:published_time and similar, <link rel=canonical>, og:site_name;
 *  2. the content root is the page's single <article>, else its <main>,
 *     else <body>;
 *  3. the root is walked without recursion (a page of 10,000 nested
 *     elements costs no stack), skipping scripts, styles, forms, navigation,
 *     headers and footers outside the article, elements whose class, id or
 *     role names a menu, share, donation, cookie, newsletter or related-links
 *     block, and lists that are mostly links;
 *  4. block elements become paragraph breaks and white space is folded.
 *
 * libxml2 gives up on a page nested more than 256 levels deep or holding
 * a text run over 10 MB (lifting those limits with XML_PARSE_HUGE lets its
 * recursion overflow the stack). Such a page is read instead by a linear
 * tag stripper (scripts, styles and comments dropped, tags turned into
 * spaces, entities decoded), with a warning, because no boilerplate can be
 * removed without the tree. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/utf8.h"
#include "ingest/document.h"

/* A list is dropped as a link list when this share of its text is links. */
#define LINK_LIST_PERCENT 70
/* Link density is measured over at most this many nodes of a list. */
#define LINK_SCAN_MAX 4000

/* name is a lower-case tag name; its first letter settles most. */
static int
name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    (n->name[0] | 0x20) == name[0] &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
name_in(const xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (name_is(n, *names))
			return 1;
	return 0;
}

/* Copies attribute name of n into a malloc'd string, or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
	char *copy;

	if (v == NULL)
		return NULL;
	copy = strdup((const char *)v);
	xmlFree(v);
	return copy;
}

/* True when a class or id token (split on space, '-' and '_') names a
 * boilerplate block. */
static int
tokens_boilerplate(const char *value)
{
	static const char *const words[] = {"nav", "navbar", "navigation",
	    "menu", "share", "sharing", "social", "donate", "donation",
	    "donations", "cookie", "cookies", "consent", "gdpr", "related",
	    "newsletter", "subscribe", "subscription", "banner", "breadcrumb",
	    "breadcrumbs", "sidebar", "footer", "comments", "advert",
	    "advertisement", "ads", "promo", "popup", "modal", "skip",
	    "masthead", "signup", NULL};
	const char *p = value;

	while (*p != '\0') {
		size_t len;

		while (*p == ' ' || *p == '-' || *p == '_' || *p == '\t')
			p++;
		len = strcspn(p, " -_\t");
		for (size_t i = 0; words[i] != NULL && len > 0; i++)
			if (strlen(words[i]) == len && strncasecmp(p, words[i], len) == 0)
				return 1;
		p += len;
	}
	return 0;
}

static int
attr_matches(const xmlNode *n, const char *name, int (*match)(const char *))
{
	char *v = attr(n, name);
	int hit = v != NULL && match(v);

	free(v);
	return hit;
}

static int
role_boilerplate(const char *role)
{
	static const char *const roles[] = {"navigation", "banner",
	    "contentinfo", "complementary", "search", "menu", "menubar",
	    "dialog", "alert", NULL};

	for (size_t i = 0; roles[i] != NULL; i++)
		if (strcasecmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

static int
is_true(const char *v)
{
	return strcasecmp(v, "true") == 0;
}

/* Counts text and link text under a list, up to LINK_SCAN_MAX nodes. */
static int
is_link_list(const xmlNode *list)
{
	size_t text = 0, link = 0, nodes = 0, items = 0;
	const xmlNode *n = list->children;
	int in_link = 0;
	const xmlNode *link_node = NULL;

	while (n != NULL && n != list && nodes++ < LINK_SCAN_MAX) {
		if (name_is(n, "li"))
			items++;
		if (name_is(n, "a") && !in_link) {
			in_link = 1;
			link_node = n;
		}
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			size_t len = 0;

			for (const xmlChar *c = n->content; *c != '\0'; c++)
				len += !isspace(*c);
			text += len;
			if (in_link)
				link += len;
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != list && n->next == NULL) {
			n = n->parent;
			if (n == link_node)
				in_link = 0;
		}
		if (n == list)
			break;
		if (n == link_node)
			in_link = 0;
		n = n->next;
	}
	return items >= 2 && text > 0 && link * 100 >= text * LINK_LIST_PERCENT;
}

static int
skip_element(const xmlNode *n, int root_is_article)
{
	static const char *const never[] = {"script", "style", "noscript",
	    "template", "nav", "aside", "form", "button", "iframe", "svg",
	    "canvas", "select", "input", "textarea", "object", "embed", "menu",
	    "dialog", "head", "title", "meta", "link", NULL};

	if (name_in(n, never))
		return 1;
	if ((name_is(n, "header") || name_is(n, "footer")) && !root_is_article)
		return 1;
	if (xmlHasProp((xmlNode *)n, (const xmlChar *)"hidden") != NULL ||
	    attr_matches(n, "aria-hidden", is_true) ||
	    attr_matches(n, "role", role_boilerplate) ||
	    attr_matches(n, "class", tokens_boilerplate) ||
	    attr_matches(n, "id", tokens_boilerplate))
		return 1;
	if ((name_is(n, "ul") || name_is(n, "ol")) && is_link_list(n))
		return 1;
	return 0;
}

static int
is_block(const xmlNode *n)
{
	static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4",
	    "h5", "h6", "li", "ul", "ol", "tr", "table", "blockquote", "pre",
	    "section", "article", "main", "header", "footer", "dd", "dt", "dl",
	    "figcaption", "figure", "address", "hr", "br", "body", "td", "th",
	    NULL};

	return name_in(n, blocks);
}

struct text_out {
	struct rw_buf *buf;
	int space;  /* a space is owed before the next word */
	int breaks; /* newlines owed before the next word (0..2) */
	int r;
};

static void
owe_break(struct text_out *o, int n)
{
	if (o->buf->len > 0 && o->breaks < n)
		o->breaks = n;
}

/* The bytes that end a word in emit_text: white space (isspace in the
 * locales the tools set, where no byte above 0x7F is a space) and NUL.
 * One load per byte for the loop that copies most of the text. */
static const bool ends_word[256] = {
	['\0'] = true, [' '] = true, ['\t'] = true, ['\n'] = true,
	['\v'] = true, ['\f'] = true, ['\r'] = true,
};

/* Length of the words at s, up to white space that is more than one
 * plain space between two words: what emit_text copies as it is. */
static size_t
words_run(const char *s)
{
	size_t run = 0;

	for (;;) {
		while (!ends_word[(unsigned char)s[run]])
			run++;
		if (s[run] != ' ' || s[run + 1] == '\0' ||
		    isspace((unsigned char)s[run + 1]))
			return run;
		run++;
	}
}

static void
emit_text(struct text_out *o, const char *s)
{
	while (*s != '\0' && o->r == RW_OK) {
		size_t run;

		if (isspace((unsigned char)*s)) {
			o->space = o->buf->len > 0;
			s++;
			continue;
		}
		if (o->breaks > 0) {
			o->r = rw_buf_append(o->buf, "\n\n", (size_t)o->breaks);
			o->breaks = 0;
			o->space = 0;
		} else if (o->space) {
			o->r = rw_buf_append_char(o->buf, ' ');
			o->space = 0;
		}
		/* the words up to the next white space to fold, in one
		 * append */
		run = words_run(s);
		if (o->r == RW_OK)
			o->r = rw_buf_append(o->buf, s, run);
		s += run;
	}
}

static void
leave(struct text_out *o, const xmlNode *n)
{
	if (name_is(n, "br") || name_is(n, "li") || name_is(n, "tr"))
		owe_break(o, 1);
	else if (is_block(n))
		owe_break(o, 2);
}

/* Walks root's subtree in document order without recursion. */
static int
walk_text(const xmlNode *root, int root_is_article, struct rw_buf *buf)
{
	struct text_out o = {buf, 0, 0, RW_OK};
	const xmlNode *n = root->children;

	while (n != NULL && o.r == RW_OK) {
		int descend = 0;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				emit_text(&o, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE &&
		    !skip_element(n, root_is_article)) {
			if (is_block(n))
				owe_break(&o, name_is(n, "li") || name_is(n, "br") ||
				    name_is(n, "tr") ? 1 : 2);
			descend = n->children != NULL;
			if (!descend)
				leave(&o, n);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n != root)
				leave(&o, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
	return o.r;
}

/* Finds the first element named name in document order, and counts them. */
static const xmlNode *
find_element(const xmlNode *top, const char *name, size_t *ret_count)
{
	const xmlNode *n = top, *first = NULL;
	size_t count = 0;

	while (n != NULL) {
		if (name_is(n, name)) {
			if (first == NULL)
				first = n;
			count++;
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	if (ret_count != NULL)
		*ret_count = count;
	return first;
}

/* Meta names kept besides the fields of the document itself; the rest
 * (viewport, robots, verification tokens ...) is page plumbing. */
static int
meta_wanted(const char *key)
{
	static const char *const kept[] = {"author", "description", "keywords",
	    "news_keywords", "og:description", "og:type", "og:locale",
	    "article:author", "article:section", "article:tag",
	    "article:modified_time", "dc.creator", "dc.subject", "dc.language",
	    "language", "byline", NULL};

	if (rw_document_meta_known(key))
		return 1;
	for (size_t i = 0; kept[i] != NULL; i++)
		if (strcasecmp(key, kept[i]) == 0)
			return 1;
	return 0;
}

static void
meta_from_head(const xmlNode *head, struct rw_document *doc)
{
	/* The canonical link first: it wins over og:url. */
	for (const xmlNode *n = head->children; n != NULL; n = n->next) {
		if (name_is(n, "link")) {
			char *rel = attr(n, "rel");
			char *href = attr(n, "href");

			if (rel != NULL && href != NULL && strcasecmp(rel, "canonical") == 0)
				rw_document_set_meta(doc, "canonical", href);
			free(rel);
			free(href);
		}
	}
	for (const xmlNode *n = head->children; n != NULL; n = n->next) {
		if (name_is(n, "meta")) {
			char *key = attr(n, "property");
			char *content = attr(n, "content");

			if (key == NULL)
				key = attr(n, "name");
			if (key == NULL)
				key = attr(n, "itemprop");
			if (key != NULL && content != NULL && meta_wanted(key))
				rw_document_set_meta(doc, key, content);
			free(key);
			free(content);
		}
	}
	/* <title> last: og:title, when present, is usually cleaner. */
	for (const xmlNode *n = head->children; n != NULL; n = n->next) {
		if (name_is(n, "title")) {
			xmlChar *t = xmlNodeGetContent(n);
			struct rw_buf title;

			rw_buf_init(&title, 4096);
			if (t != NULL) {
				struct text_out o = {&title, 0, 0, RW_OK};

				emit_text(&o, (const char *)t);
				if (title.len > 0)
					rw_document_set_meta(doc, "title", title.data);
			}
			rw_buf_free(&title);
			xmlFree(t);
		}
	}
}

static void
meta_from_time(const xmlNode *root, struct rw_document *doc)
{
	const xmlNode *t = find_element(root, "time", NULL);
	char *when;

	if (t == NULL || doc->published != NULL)
		return;
	when = attr(t, "datetime");
	if (when != NULL)
		rw_document_set_meta(doc, "date", when);
	free(when);
}

static const xmlNode *
content_root(const xmlNode *html, int *ret_is_article)
{
	const xmlNode *body = find_element(html, "body", NULL), *n;
	size_t count;

	if (body == NULL)
		body = html;
	n = find_element(body, "article", &count);
	*ret_is_article = n != NULL && count == 1;
	if (*ret_is_article)
		return n;
	n = find_element(body, "main", NULL);
	return n != NULL ? n : body;
}

/* Skips past the first case-insensitive occurrence of end in s[i..len). */
static size_t
skip_past(const char *s, size_t len, size_t i, const char *end)
{
	size_t n = strlen(end);

	for (; i + n <= len; i++)
		if (strncasecmp(s + i, end, n) == 0)
			return i + n;
	return len;
}

/* Decodes the character reference at s[i] ('&'); returns bytes used, or 0
 * when it is not one. */
static size_t
decode_entity(const char *s, size_t len, size_t i, struct rw_buf *out)
{
	static const struct { const char *name; uint32_t cp; } named[] = {
		{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'},
		{"apos;", '\''}, {"nbsp;", ' '},
	};
	size_t j = i + 1;
	uint32_t cp = 0;

	for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++)
		if (len - j >= strlen(named[k].name) &&
		    strncmp(s + j, named[k].name, strlen(named[k].name)) == 0)
			return rw_utf8_encode(out, named[k].cp) == RW_OK ?
			    strlen(named[k].name) + 1 : 0;
	if (j >= len || s[j] != '#')
		return 0;
	j++;
	if (j < len && (s[j] == 'x' || s[j] == 'X')) {
		for (j++; j < len && isxdigit((unsigned char)s[j]) && cp < 0x110000; j++)
			cp = cp * 16 + (uint32_t)(isdigit((unsigned char)s[j]) ?
			    s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10));
	} else {
		for (; j < len && isdigit((unsigned char)s[j]) && cp < 0x110000; j++)
			cp = cp * 10 + (uint32_t)(s[j] - '0');
	}
	if (j >= len || s[j] != ';' || cp < 0x20)
		return 0;
	return rw_utf8_encode(out, cp) == RW_OK ? j + 1 - i : 0;
}

/* Reads text from a page without a tree, in one linear pass. */
static int
strip_tags(const char *s, size_t len, struct rw_buf *out)
{
	size_t i = 0, used;
	int r = RW_OK;

	while (i < len && r == RW_OK) {
		if (s[i] == '<') {
			if (len - i >= 4 && strncmp(s + i, "<!--", 4) == 0)
				i = skip_past(s, len, i + 4, "-->");
			else if (len - i >= 7 && strncasecmp(s + i, "<script", 7) == 0)
				i = skip_past(s, len, i + 7, "</script>");
			else if (len - i >= 6 && strncasecmp(s + i, "<style", 6) == 0)
				i = skip_past(s, len, i + 6, "</style>");
			else
				i = skip_past(s, len, i + 1, ">");
			r = rw_buf_append_char(out, ' ');
		} else if (s[i] == '&' && (used = decode_entity(s, len, i, out)) > 0) {
			i += used;
		} else {
			r = rw_buf_append_char(out, s[i++]);
		}
	}
	return r;
}

/* Folds the white space of raw into doc's text. */
static int
fold_into(struct rw_document *doc, const char *raw, size_t len)
{
	struct rw_buf folded;
	struct text_out o = {&folded, 0, 0, RW_OK};
	size_t replaced = 0;
	int r;

	rw_buf_init(&folded, RW_DOCUMENT_TEXT_MAX);
	r = rw_utf8_clean(&folded, raw, len, &replaced);
	doc->replaced += replaced;
	if (r == RW_OK) {
		o.buf = &doc->text;
		emit_text(&o, folded.data != NULL ? folded.data : "");
		r = o.r;
	}
	rw_buf_free(&folded);
	return r;
}

/* True when the page declares a charset other than UTF-8 in its first
 * bytes (<meta charset=...> or http-equiv content="...; charset=..."). */
static int
declares_other_charset(const char *data, size_t len)
{
	size_t window = len < 4096 ? len : 4096, i, n;
	const char *p;

	for (i = 0; i + 8 <= window; i++) {
		if (strncasecmp(data + i, "charset=", 8) != 0)
			continue;
		p = data + i + 8;
		while (p < data + window && (*p == '"' || *p == '\'' || *p == ' '))
			p++;
		for (n = 0; p + n < data + window && (isalnum((unsigned char)p[n]) ||
		    p[n] == '-' || p[n] == '_'); n++)
			;
		return !((n == 5 && strncasecmp(p, "utf-8", 5) == 0) ||
		    (n == 4 && strncasecmp(p, "utf8", 4) == 0));
	}
	return 0;
}

/* True when libxml2 stopped at one of its hard limits. */
static int
parser_gave_up(htmlParserCtxtPtr ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);

	return e != NULL && e->message != NULL &&
	    (strstr(e->message, "depth") != NULL ||
	    strstr(e->message, "huge") != NULL);
}

int
rw_html_read(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	const xmlNode *html, *head, *root;
	const char *encoding = "UTF-8";
	htmlParserCtxtPtr ctxt;
	struct rw_buf raw, input;
	htmlDocPtr tree;
	size_t replaced = 0;
	int is_article = 0, gave_up, r;

	if (len > (size_t)INT32_MAX)
		return rw_error_set(err, RW_ETOOBIG, "HTML page too large");
	/* Bytes that are not UTF-8 are read in the charset the page declares;
	 * undeclared, invalid sequences become U+FFFD like in text files. */
	rw_buf_init(&input, RW_DOCUMENT_TEXT_MAX + len);
	if (!rw_utf8_valid(data, len)) {
		if (declares_other_charset(data, len)) {
			encoding = NULL;
		} else if (rw_utf8_clean(&input, data, len, &doc->replaced) == RW_OK) {
			data = input.data != NULL ? input.data : "";
			len = input.len;
		}
	}
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL) {
		rw_buf_free(&input);
		return rw_error_set(err, RW_ENOMEM, "out of memory reading HTML");
	}
	tree = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, encoding, options);
	gave_up = parser_gave_up(ctxt);
	htmlFreeParserCtxt(ctxt);
	if (tree == NULL || (html = xmlDocGetRootElement(tree)) == NULL) {
		xmlFreeDoc(tree);
		rw_buf_free(&input);
		return rw_error_set(err, RW_EFORMAT, "not a readable HTML page");
	}
	head = find_element(html, "head", NULL);
	if (head != NULL)
		meta_from_head(head, doc);
	rw_buf_init(&raw, RW_DOCUMENT_TEXT_MAX);
	if (gave_up) {
		doc->warning = "page too deeply nested or with too long a text "
		    "run to parse; text read without removing page furniture";
		r = strip_tags(data, len, &raw);
		if (r == RW_OK)
			r = fold_into(doc, raw.data != NULL ? raw.data : "", raw.len);
	} else {
		root = content_root(html, &is_article);
		meta_from_time(root, doc);
		r = walk_text(root, is_article, &raw);
		if (r == RW_OK)
			r = rw_utf8_clean(&doc->text, raw.data != NULL ? raw.data : "",
			    raw.len, &replaced);
		doc->replaced += replaced;
	}
	xmlFreeDoc(tree);
	rw_buf_free(&raw);
	rw_buf_free(&input);
	if (r < 0)
		return rw_error_set(err, r, r == RW_ETOOBIG ?
		    "page text is larger than the %zu MB limit" : "out of memory",
		    RW_DOCUMENT_TEXT_MAX >> 20);
	if (doc->text.len == 0)
		return rw_error_set(err, RW_EFORMAT,
		    "the page has no article text once scripts, menus and other "
		    "page furniture are removed");
	return RW_OK;
}
