/* test-html.c: HTML pages to article text, boilerplate removed, metadata
 * from the page itself (ingest/document.h: rw_html_read). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "ingest/document.h"
#include "unit.h"

#define FFFD "\xEF\xBF\xBD"

/* Reads an HTML page through rw_document_read, which must succeed. */
static void
html_ok(const char *data, size_t len, struct rw_document *doc)
{
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_document_read(data, len, doc, &err) != RW_OK)
		fail_msg("read failed: %s", err.message);
	assert_int_equal(doc->format, RW_FORMAT_HTML);
	assert_int_equal(doc->page_count, 0);
	assert_true(rw_utf8_valid(doc->text.data, doc->text.len));
}

#define HTML_OK(lit, doc) html_ok(lit, sizeof(lit) - 1, doc)

/* Reads a page and compares its text with want. */
static void
check_text(const char *page, const char *want)
{
	struct rw_document doc;

	html_ok(page, strlen(page), &doc);
	assert_string_equal(doc.text.data, want);
	rw_document_free(&doc);
}

/* Calls rw_html_read directly on a document prepared as
 * rw_document_read prepares it. */
static int
html_direct(const char *data, size_t len, struct rw_document *doc,
    struct rw_error *err)
{
	rw_document_init(doc);
	rw_error_clear(err);
	return rw_html_read(data, len, doc, err);
}

/* ---- text ---- */

static void
test_paragraphs_and_headings(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><body><h1>Report</h1><p>One two.</p><p>Three.</p>"
	    "</body></html>", &doc);
	assert_string_equal(doc.text.data, "Report\n\nOne two.\n\nThree.");
	assert_null(doc.warning);
	assert_int_equal(doc.replaced, 0);
	rw_document_free(&doc);
}

static void
test_white_space_folded(void **state)
{
	check_text("<html><body><p>  a \n\t b   c\n</p>\n\n<p>\td</p></body></html>",
	    "a b c\n\nd");
	check_text("<html><body><p>in<b>line</b> <i>words</i> stay</p></body></html>",
	    "inline words stay");
	/* runs of words copied whole, up to white space that folds */
	check_text("<p>one two  three \tfour five <b>six</b> seven </p>"
	    "<p>x y</p>", "one two three four five six seven\n\nx y");
	/* a carriage return and a tab end a run (the parser drops form
	 * feeds and vertical tabs); a no-break space is no white space */
	check_text("<p>a\rb\fc\vd\te \xC2\xA0 f\xC2\xA0g</p>",
	    "a bcd e \xC2\xA0 f\xC2\xA0g");
}

static void
test_entities_and_comments(void **state)
{
	check_text("<p>a<!-- hidden comment -->b &amp; &lt;x&gt; &eacute; &#x263A; "
	    "&#233;</p>", "ab & <x> \xC3\xA9 \xE2\x98\xBA \xC3\xA9");
}

static void
test_lists_and_tables(void **state)
{
	check_text("<html><body><p>Intro</p><ul><li>first item</li><li>second "
	    "item</li></ul><p>After</p></body></html>",
	    "Intro\n\nfirst item\nsecond item\n\nAfter");
	check_text("<html><body><table><tr><th>H</th></tr><tr><td>1</td><td>2</td>"
	    "</tr></table></body></html>", "H\n\n1\n\n2");
}

static void
test_line_break_is_one_newline(void **state)
{
	/* Regression test for a bug found when this test was written. */
	check_text("<html><body><p>line one<br>line two</p></body></html>",
	    "line one\nline two");
}

static void
test_unclosed_tags(void **state)
{
	check_text("<p>a<p>b<div>c", "a\n\nb\n\nc");
	check_text("<html><body><p>unclosed <b>bold", "unclosed bold");
}

static void
test_script_and_style_never_text(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><head><script>var headEvil = 1;</script></head><body>"
	    "<script>document.write('<p>injected</p>'); evil();</script>"
	    "<p>Visible</p><style>p { color: red }</style>"
	    "<noscript>Enable JavaScript</noscript>"
	    "<script type=\"application/ld+json\">{\"headline\":\"json\"}</script>"
	    "<template><p>template text</p></template>"
	    "<p>text</p></body></html>", &doc);
	assert_string_equal(doc.text.data, "Visible\n\ntext");
	assert_null(strstr(doc.text.data, "evil"));
	assert_null(strstr(doc.text.data, "injected"));
	assert_null(strstr(doc.text.data, "color"));
	rw_document_free(&doc);
}

static void
test_forms_and_widgets_dropped(void **state)
{
	check_text("<html><body><textarea>ta</textarea><select><option>o</option>"
	    "</select><button>btn</button><form><p>in form</p></form>"
	    "<iframe>if</iframe><svg><text>svgt</text></svg><p>ok</p></body></html>",
	    "ok");
}

static void
test_only_script_is_no_text(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	rw_error_clear(&err);
	assert_int_equal(rw_document_read("<html><body><script>only()</script>"
	    "</body></html>", 49, &doc, &err), RW_EFORMAT);
	assert_int_equal(doc.format, RW_FORMAT_HTML);
	assert_int_equal(err.code, RW_EFORMAT);
	assert_string_equal(err.message, "the page has no article text once "
	    "scripts, menus and other page furniture are removed");
	rw_document_free(&doc);
}

/* ---- boilerplate ---- */

static void
test_boilerplate_blocks_removed(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><body>"
	    "<a href=\"#main\" class=\"skip-link\">Skip to content</a>"
	    "<header>Site header</header>"
	    "<nav><a href=\"/\">Home</a> Menu</nav>"
	    "<div class=\"share-buttons\">Share on X</div>"
	    "<div id=\"donate\">Donate now</div>"
	    "<div class=\"cookie-banner\">We use cookies</div>"
	    "<div class=\"newsletter_signup\">Subscribe</div>"
	    "<aside>Aside</aside>"
	    "<div class=\"related-links\"><a href=\"a\">Related story</a></div>"
	    "<div role=\"navigation\">Role nav</div>"
	    "<div role=\"complementary\">Role aside</div>"
	    "<div hidden>Hidden</div>"
	    "<div aria-hidden=\"true\">Aria hidden</div>"
	    "<ul><li><a href=\"x\">Link one here</a></li>"
	    "<li><a href=\"y\">Link two here</a></li></ul>"
	    "<main><p>Real article text.</p></main>"
	    "<footer>Foot</footer>"
	    "</body></html>", &doc);
	assert_string_equal(doc.text.data, "Real article text.");
	rw_document_free(&doc);
}

static void
test_boilerplate_inside_body_without_main(void **state)
{
	check_text("<html><body><div class=\"menu\">Menu</div>"
	    "<p>First paragraph.</p>"
	    "<div class=\"social share\">Tweet</div>"
	    "<div id=\"gdpr-consent\">Accept</div>"
	    "<p>Second paragraph.</p>"
	    "<div class=\"DONATE\">Give</div>"
	    "<section class=\"related\"><h2>Related</h2><p>Other story</p></section>"
	    "</body></html>", "First paragraph.\n\nSecond paragraph.");
}

static void
test_class_tokens_are_whole_words(void **state)
{
	/* "sharepoint" is not "share", "navy" is not "nav". */
	check_text("<html><body><p>Keep <span class=\"sharepoint\">this</span> and "
	    "<span class=\"navy\">that</span>.</p></body></html>",
	    "Keep this and that.");
}

static void
test_text_lists_kept(void **state)
{
	/* Lists that are mostly text stay, even with a link in them. */
	check_text("<html><body><ul><li><a href=a>one</a> with some plain text "
	    "here</li><li>two plain</li></ul></body></html>",
	    "one with some plain text here\ntwo plain");
}

static void
test_single_article_is_root(void **state)
{
	/* Outside text goes; the article's own header and footer stay. */
	check_text("<html><body><p>Outside teaser</p><article><header>By Jane"
	    "</header><p>Inside.</p><footer>Filed under asylum</footer></article>"
	    "<p>More outside</p></body></html>",
	    "By Jane\n\nInside.\n\nFiled under asylum");
}

static void
test_two_articles_use_body(void **state)
{
	check_text("<html><body><header>Site</header><article><p>One</p></article>"
	    "<article><p>Two</p></article></body></html>", "One\n\nTwo");
}

static void
test_main_is_root_without_article(void **state)
{
	check_text("<html><body><p>Out</p><main><p>In</p></main><p>Out too</p>"
	    "</body></html>", "In");
}

/* ---- metadata ---- */

static void
test_page_metadata(void **state)
{
	struct rw_document doc;

	HTML_OK("<!DOCTYPE html><html><head>"
	    "<meta charset=\"utf-8\">"
	    "<title>Site | A long page title</title>"
	    "<meta property=\"og:title\" content=\"Deportations resume\">"
	    "<meta property=\"article:published_time\" "
	    "content=\"2019-10-25T08:30:00+03:00\">"
	    "<link rel=\"canonical\" href=\"https://news.example.org/2019/10/deport\">"
	    "<meta property=\"og:site_name\" content=\"Example News\">"
	    "<meta name=\"description\" content=\"Summary &amp; more\">"
	    "</head><body><article><h1>Deportations resume</h1>"
	    "<p>Body text.</p></article></body></html>", &doc);
	assert_string_equal(doc.title, "Deportations resume");
	assert_string_equal(doc.published, "2019-10-25");
	assert_string_equal(doc.url, "https://news.example.org/2019/10/deport");
	assert_string_equal(doc.publisher, "Example News");
	assert_string_equal(doc.meta_json, "{\"description\":\"Summary & more\"}");
	assert_string_equal(doc.text.data, "Deportations resume\n\nBody text.");
	rw_document_free(&doc);
}

static void
test_title_element_when_no_og_title(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><head><title>\n  Page   title \n</title></head><body><p>x</p>"
	    "</body></html>", &doc);
	assert_string_equal(doc.title, "Page title");
	assert_null(doc.url);
	assert_null(doc.publisher);
	assert_null(doc.published);
	assert_string_equal(doc.text.data, "x");
	rw_document_free(&doc);
}

static void
test_other_meta_names(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><head><meta name=\"DC.date\" content=\"July 2015\">"
	    "<meta name=\"dc.publisher\" content=\"UNHCR\">"
	    "<meta itemprop=\"headline\" content=\"Itemprop title\">"
	    "<meta name=\"keywords\" content=\"asylum, border\">"
	    "</head><body><p>x</p></body></html>", &doc);
	assert_string_equal(doc.published, "2015-07");
	assert_string_equal(doc.publisher, "UNHCR");
	assert_string_equal(doc.title, "Itemprop title");
	assert_string_equal(doc.meta_json, "{\"keywords\":\"asylum, border\"}");
	rw_document_free(&doc);
}

static void
test_time_element_date(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><body><article><p>Posted <time datetime=\"2018-03-04T10:00Z\">"
	    "4 March</time></p></article></body></html>", &doc);
	assert_string_equal(doc.published, "2018-03-04");
	assert_string_equal(doc.text.data, "Posted 4 March");
	rw_document_free(&doc);

	/* The head's date wins over a <time> in the body. */
	HTML_OK("<html><head><meta name=\"date\" content=\"2017-01-02\"></head>"
	    "<body><p><time datetime=\"2018-03-04\">then</time></p></body></html>",
	    &doc);
	assert_string_equal(doc.published, "2017-01-02");
	rw_document_free(&doc);
}

static void
test_unreadable_meta_date(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><head><meta property=\"article:published_time\" "
	    "content=\"2019-02-30\"></head><body><p>x y</p></body></html>", &doc);
	assert_null(doc.published);
	assert_string_equal(doc.meta_json, "{\"unreadable date\":\"2019-02-30\"}");
	rw_document_free(&doc);
}

static void
test_declared_latin1_page(void **state)
{
	struct rw_document doc;

	HTML_OK("<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf\xE9"
	    "</p></body></html>", &doc);
	assert_string_equal(doc.text.data, "caf\xC3\xA9");
	assert_int_equal(doc.replaced, 0);
	rw_document_free(&doc);
}

/* ---- hostile input ---- */

static void
test_empty_and_blank_direct(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	assert_int_equal(html_direct("", 0, &doc, &err), RW_EFORMAT);
	assert_int_equal(err.code, RW_EFORMAT);
	assert_string_equal(err.message, "not a readable HTML page");
	rw_document_free(&doc);
	assert_int_equal(html_direct(" \n\t ", 4, &doc, &err), RW_EFORMAT);
	assert_int_equal(doc.text.len, 0);
	rw_document_free(&doc);
	/* Through rw_document_read these never reach the HTML reader. */
	assert_int_equal(rw_document_read("", 0, &doc, &err), RW_EFORMAT);
	assert_int_equal(doc.format, RW_FORMAT_EMPTY);
	rw_document_free(&doc);
}

static void
test_binary_direct(void **state)
{
	struct rw_document doc;
	struct rw_error err;

	assert_int_equal(html_direct("\0\0\0\0", 4, &doc, &err), RW_EFORMAT);
	assert_int_equal(doc.text.len, 0);
	rw_document_free(&doc);
	/* NUL bytes inside a page are dropped; the text around them stays. */
	assert_int_equal(html_direct("<html><body><p>a\0b</p><p>after nul</p>"
	    "</body></html>", 52, &doc, &err), RW_OK);
	assert_string_equal(doc.text.data, "a b\n\nafter nul");
	rw_document_free(&doc);
}

static void
test_invalid_utf8_inside_page(void **state)
{
	struct rw_document doc;

	/* Regression test for a bug found when this test was written. */
	HTML_OK("<html><body><p>caf\xC3\xA9 \xFF na\xC3\xAFve</p></body></html>",
	    &doc);
	assert_string_equal(doc.text.data, "caf\xC3\xA9 " FFFD " na\xC3\xAFve");
	assert_int_equal(doc.replaced, 1);
	rw_document_free(&doc);
}

static void
test_overlong_and_surrogates_in_page(void **state)
{
	struct rw_document doc;

	/* Regression test for a bug found when this test was written. */
	HTML_OK("<p>over \xC0\xAF long \xED\xA0\x80 sur \xE2\x82\xAC</p>", &doc);
	assert_string_equal(doc.text.data, "over " FFFD FFFD " long " FFFD FFFD
	    FFFD " sur \xE2\x82\xAC");
	assert_int_equal(doc.replaced, 5);
	rw_document_free(&doc);
}

static void
test_invalid_utf8_does_not_break_reading(void **state)
{
	struct rw_document doc;

	/* What does hold today: the page is read, the ASCII around the bad
	 * byte survives, and the text is valid UTF-8. */
	HTML_OK("<p>only ascii \xFF here</p>", &doc);
	assert_non_null(strstr(doc.text.data, "only ascii "));
	assert_non_null(strstr(doc.text.data, " here"));
	rw_document_free(&doc);
}

/* Builds depth nested <div>s around "deep text"; caller frees. */
static char *
nested_page(size_t depth, size_t *ret_len)
{
	size_t cap = depth * 11 + 100, len = 0;
	char *p = malloc(cap);

	assert_non_null(p);
	len += (size_t)snprintf(p, cap, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		len += (size_t)snprintf(p + len, cap - len, "<div>");
	len += (size_t)snprintf(p + len, cap - len, "deep text");
	for (size_t i = 0; i < depth; i++)
		len += (size_t)snprintf(p + len, cap - len, "</div>");
	len += (size_t)snprintf(p + len, cap - len, "</body></html>");
	*ret_len = len;
	return p;
}

static void
test_nested_200_divs(void **state)
{
	struct rw_document doc;
	size_t len;
	char *page = nested_page(200, &len);

	html_ok(page, len, &doc);
	assert_string_equal(doc.text.data, "deep text");
	rw_document_free(&doc);
	free(page);
}

static void
test_nested_10000_divs_no_crash(void **state)
{
	struct rw_document doc;
	struct rw_error err;
	size_t len;
	char *page = nested_page(10000, &len);
	int r;

	/* Must return, cleanly, whatever libxml2 makes of it. */
	rw_error_clear(&err);
	r = rw_document_read(page, len, &doc, &err);
	assert_true(r == RW_OK || r == RW_EFORMAT);
	assert_int_equal(err.code, r);
	assert_true(rw_utf8_valid(doc.text.data, doc.text.len));
	rw_document_free(&doc);
	free(page);
}

static void
test_nested_10000_divs_text_kept(void **state)
{
	struct rw_document doc;
	size_t len;
	char *page = nested_page(10000, &len);

	/* Too deep for libxml2's tree (256 levels): read by the tag
	 * stripper instead, with a warning. */
	html_ok(page, len, &doc);
	assert_string_equal(doc.text.data, "deep text");
	assert_string_equal(doc.warning, "page too deeply nested or with too "
	    "long a text run to parse; text read without removing page "
	    "furniture");
	rw_document_free(&doc);
	free(page);
}

static void
test_deep_page_drops_scripts_and_comments(void **state)
{
	static const char tail[] = "<script>evil('</div>')</script>"
	    "<!-- a comment --><style>p { color: red }</style>"
	    "<p>Caf&#233; &amp; &lt;b&gt; &#x263A; &bogus; text</p>";
	size_t depth = 300, cap = depth * 11 + sizeof(tail) + 64, len = 0;
	char *page = malloc(cap);
	struct rw_document doc;

	assert_non_null(page);
	for (size_t i = 0; i < depth; i++)
		len += (size_t)snprintf(page + len, cap - len, "<div>");
	len += (size_t)snprintf(page + len, cap - len, "%s", tail);
	for (size_t i = 0; i < depth; i++)
		len += (size_t)snprintf(page + len, cap - len, "</div>");
	html_ok(page, len, &doc);
	assert_non_null(doc.warning);
	assert_string_equal(doc.text.data,
	    "Caf\xC3\xA9 & <b> \xE2\x98\xBA &bogus; text");
	rw_document_free(&doc);
	free(page);
}

static void
test_deep_page_invalid_utf8_replaced(void **state)
{
	struct rw_document doc;
	size_t len;
	char *page = nested_page(400, &len);
	char *bad = strstr(page, "deep text");

	bad[4] = '\xFF'; /* "deep\xFFtext" */
	html_ok(page, len, &doc);
	assert_string_equal(doc.text.data, "deep\xEF\xBF\xBDtext");
	assert_int_equal(doc.replaced, 1);
	rw_document_free(&doc);
	free(page);
}

static void
test_text_past_cap(void **state)
{
	size_t para = 1000000, count = 70, cap = count * (para + 8) + 64, len = 0;
	char *page = malloc(cap);
	struct rw_document doc;
	struct rw_error err;

	assert_non_null(page);
	len += (size_t)snprintf(page, cap, "<html><body>");
	for (size_t k = 0; k < count; k++) {
		memcpy(page + len, "<p>", 3);
		len += 3;
		memset(page + len, 'w', para);
		for (size_t i = len; i < len + para; i += 8)
			page[i] = ' ';
		len += para;
		memcpy(page + len, "</p>", 4);
		len += 4;
	}
	len += (size_t)snprintf(page + len, cap - len, "</body></html>");
	rw_error_clear(&err);
	assert_int_equal(rw_document_read(page, len, &doc, &err), RW_ETOOBIG);
	assert_int_equal(err.code, RW_ETOOBIG);
	assert_string_equal(err.message, "page text is larger than the 64 MB limit");
	assert_int_equal(doc.text.len, 0);
	rw_document_free(&doc);
	free(page);
}

static void
test_huge_text_node_not_cut(void **state)
{
	size_t n = 11000000, cap = n + 100, len = 0;
	struct rw_document doc;
	char *page;

	/* Regression test for a bug found when this test was written. */
	page = malloc(cap);
	assert_non_null(page);
	len += (size_t)snprintf(page, cap, "<html><body><p>");
	memset(page + len, 'w', n);
	for (size_t i = len; i < len + n; i += 8)
		page[i] = ' ';
	len += n;
	len += (size_t)snprintf(page + len, cap - len, " end</p><p>after</p>"
	    "</body></html>");
	html_ok(page, len, &doc);
	/* Read whole by the linear reader, with a warning, never cut. */
	assert_true(doc.text.len > n);
	assert_string_equal(doc.text.data + doc.text.len - strlen("end after"),
	    "end after");
	assert_non_null(doc.warning);
	rw_document_free(&doc);
	free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_and_headings),
		cmocka_unit_test(test_white_space_folded),
		cmocka_unit_test(test_entities_and_comments),
		cmocka_unit_test(test_lists_and_tables),
		cmocka_unit_test(test_line_break_is_one_newline),
		cmocka_unit_test(test_unclosed_tags),
		cmocka_unit_test(test_script_and_style_never_text),
		cmocka_unit_test(test_forms_and_widgets_dropped),
		cmocka_unit_test(test_only_script_is_no_text),
		cmocka_unit_test(test_boilerplate_blocks_removed),
		cmocka_unit_test(test_boilerplate_inside_body_without_main),
		cmocka_unit_test(test_class_tokens_are_whole_words),
		cmocka_unit_test(test_text_lists_kept),
		cmocka_unit_test(test_single_article_is_root),
		cmocka_unit_test(test_two_articles_use_body),
		cmocka_unit_test(test_main_is_root_without_article),
		cmocka_unit_test(test_page_metadata),
		cmocka_unit_test(test_title_element_when_no_og_title),
		cmocka_unit_test(test_other_meta_names),
		cmocka_unit_test(test_time_element_date),
		cmocka_unit_test(test_unreadable_meta_date),
		cmocka_unit_test(test_declared_latin1_page),
		cmocka_unit_test(test_empty_and_blank_direct),
		cmocka_unit_test(test_binary_direct),
		cmocka_unit_test(test_invalid_utf8_inside_page),
		cmocka_unit_test(test_overlong_and_surrogates_in_page),
		cmocka_unit_test(test_invalid_utf8_does_not_break_reading),
		cmocka_unit_test(test_nested_200_divs),
		cmocka_unit_test(test_nested_10000_divs_no_crash),
		cmocka_unit_test(test_nested_10000_divs_text_kept),
		cmocka_unit_test(test_deep_page_drops_scripts_and_comments),
		cmocka_unit_test(test_deep_page_invalid_utf8_replaced),
		cmocka_unit_test(test_text_past_cap),
		cmocka_unit_test(test_huge_text_node_not_cut),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
