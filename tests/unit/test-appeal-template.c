/* test-appeal-template.c: the appeal template language
 * (appeal/template.h): layout in each format, sections and parts,
 * escaping of hostile values, and the parser's errors, each with its
 * line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "appeal/template.h"
#include "unit.h"

/* ---- helpers ---- */

static struct rw_tpl *
parse_ok(const char *text)
{
	struct rw_tpl *t = NULL;
	struct rw_error err = {0};

	if (rw_tpl_parse("t.txt", text, strlen(text), &t, &err) != 0)
		fail_msg("%s", err.message);
	return t;
}

/* The error message of a template that must not parse. */
static char *
parse_error(const char *text, size_t len, int code)
{
	static struct rw_error err;
	struct rw_tpl *t = NULL;

	rw_error_clear(&err);
	assert_int_equal(rw_tpl_parse("t.txt", text, len, &t, &err), code);
	assert_null(t);
	assert_int_equal(err.code, code);
	return err.message;
}

static const struct rw_tpl *parts_tpl;

static const struct rw_tpl *
find_part(const char *name, void *arg)
{
	(void)arg;
	return strcmp(name, "part") == 0 ? parts_tpl : NULL;
}

/* text rendered in format with the values of json (malloc'd), or NULL
 * with *ret_err set. */
static char *
render(const char *text, enum rw_tpl_format format, const char *json,
    struct rw_error *ret_err)
{
	struct rw_tpl *t = parse_ok(text);
	json_t *ctx = json_loads(json, 0, NULL);
	struct rw_buf out;
	char *s = NULL;

	assert_non_null(ctx);
	rw_buf_init(&out, 1 << 20);
	rw_error_clear(ret_err);
	if (rw_tpl_render(t, format, ctx, find_part, NULL, &out, ret_err) == 0)
		s = strdup(out.data ? out.data : "");
	rw_buf_free(&out);
	json_decref(ctx);
	rw_tpl_free(t);
	return s;
}

static void
assert_renders(const char *text, enum rw_tpl_format format,
    const char *json, const char *expect)
{
	struct rw_error err;
	char *s = render(text, format, json, &err);

	if (s == NULL)
		fail_msg("%s", err.message);
	assert_string_equal(s, expect);
	free(s);
}

static void
assert_render_fails(const char *text, const char *json, const char *expect)
{
	struct rw_error err;
	char *s = render(text, RW_TPL_MD, json, &err);

	assert_null(s);
	assert_int_equal(err.code, RW_EINVAL);
	assert_string_equal(err.message, expect);
}

/* ---- layout ---- */

static const char layout[] =
	"# Title {{x}}\n"
	"\n"
	"First line\n"
	"second line.\n"
	"\n"
	"- one\n"
	"- {{x}}\n"
	"## Part\n"
	"End.\n";

static void
test_layout_md(void **state)
{
	(void)state;
	assert_renders(layout, RW_TPL_MD, "{\"x\": \"X\"}",
	    "# Title X\n\nFirst line\nsecond line.\n\n- one\n- X\n\n"
	    "## Part\n\nEnd.\n\n");
}

static void
test_layout_html(void **state)
{
	(void)state;
	assert_renders(layout, RW_TPL_HTML, "{\"x\": \"X\"}",
	    "<h1>Title X</h1>\n<p>First line\nsecond line.</p>\n"
	    "<ul>\n<li>one</li>\n<li>X</li>\n</ul>\n<h2>Part</h2>\n"
	    "<p>End.</p>\n");
}

static void
test_empty_lines_vanish(void **state)
{
	(void)state;
	/* an item and a paragraph line that render empty leave nothing */
	assert_renders("- a\n- {{#no}}b{{/no}}\n- c\n{{^yes}}gone{{/yes}}\n",
	    RW_TPL_HTML, "{\"no\": null, \"yes\": true}",
	    "<ul>\n<li>a</li>\n<li>c</li>\n</ul>\n");
	assert_renders("", RW_TPL_MD, "{}", "");
}

static void
test_sections(void **state)
{
	const char *values = "{\"people\": [{\"name\": \"A\"}, {\"name\": "
	    "\"B\"}], \"none\": [], \"obj\": {\"name\": \"O\"}, \"n\": 3, "
	    "\"zero\": 0, \"empty\": \"\", \"tags\": [\"t1\", \"t2\"], "
	    "\"name\": \"outer\"}";

	(void)state;
	assert_renders("{{#people}}\n- {{name}}\n{{/people}}\n", RW_TPL_MD,
	    values, "- A\n- B\n\n");
	assert_renders("{{#obj}}{{name}}{{/obj}} {{name}}\n", RW_TPL_TEXT,
	    values, "O outer\n\n");
	assert_renders("{{#none}}x{{/none}}{{^none}}no one{{/none}}\n",
	    RW_TPL_TEXT, values, "no one\n\n");
	assert_renders("{{#n}}{{n}} people{{/n}}{{#zero}}z{{/zero}}"
	    "{{#empty}}e{{/empty}}\n", RW_TPL_TEXT, values, "3 people\n\n");
	assert_renders("{{#tags}}[{{.}}]{{/tags}}\n", RW_TPL_TEXT, values,
	    "[t1][t2]\n\n");
	/* a list section spanning lines feeds one list */
	assert_renders("- first\n{{#people}}\n- {{name}}\n{{/people}}\n- last\n",
	    RW_TPL_HTML, values, "<ul>\n<li>first</li>\n<li>A</li>\n"
	    "<li>B</li>\n<li>last</li>\n</ul>\n");
}

static void
test_parts(void **state)
{
	(void)state;
	parts_tpl = parse_ok("- from the part: {{x}}\n");
	assert_renders("Before.\n{{>part}}\nAfter.\n", RW_TPL_MD,
	    "{\"x\": \"X\"}", "Before.\n\n- from the part: X\n\nAfter.\n\n");
	rw_tpl_free((struct rw_tpl *)parts_tpl);
	/* a part that includes itself stops, with an error */
	parts_tpl = parse_ok("{{>part}}\n");
	assert_render_fails("{{>part}}\n", "{}", "t.txt:1: 'part' includes "
	    "parts too deep (a part that includes itself?)");
	rw_tpl_free((struct rw_tpl *)parts_tpl);
	parts_tpl = NULL;
	assert_render_fails("x\n{{>nothing}}\n", "{}",
	    "t.txt:2: 'nothing' is not a template part");
}

/* ---- escaping ---- */

static const char hostile[] = "{\"v\": \"<script>alert('x')</script> & "
    "\\\"q\\\"\", \"link\": \"[click](javascript:alert(1))\", "
    "\"sql\": \"Robert'); DROP TABLE cases;--\", "
    "\"lines\": \"a\\nb\\r\\u202e c\\u0007\", \"list\": \"- 1. # x\", "
    "\"num\": \"1986. A year\", \"img\": \"![i](x.png)\"}";

static void
test_escape_html(void **state)
{
	(void)state;
	assert_renders("{{v}} | {{sql}} | {{lines}}\n", RW_TPL_HTML, hostile,
	    "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	    "&quot;q&quot; | Robert&#39;); DROP TABLE cases;-- | "
	    "a b   c</p>\n");
	/* template text is escaped too: only the renderer writes tags */
	assert_renders("a <b> & c\n", RW_TPL_HTML, "{}",
	    "<p>a &lt;b&gt; &amp; c</p>\n");
}

static void
test_escape_md(void **state)
{
	(void)state;
	assert_renders("{{link}} {{img}}\n", RW_TPL_MD, hostile,
	    "\\[click\\](javascript:alert(1)) !\\[i\\](x.png)\n\n");
	assert_renders("{{v}}\n", RW_TPL_MD, hostile,
	    "\\<script\\>alert('x')\\</script\\> \\& \"q\"\n\n");
	/* a value cannot start a block: list, heading, numbered item */
	assert_renders("{{list}}\n{{num}}\n", RW_TPL_MD, hostile,
	    "\\- 1. # x\n1986\\. A year\n\n");
	assert_renders("{{a}}\n{{b}}\n", RW_TPL_MD, "{\"a\": \"# h\", "
	    "\"b\": \"+ i\"}", "\\# h\n\\+ i\n\n");
	/* nor break the line it is on */
	assert_renders("- {{lines}}\n", RW_TPL_MD, hostile, "- a b   c\n\n");
	/* plain text is left as it is, but for control characters */
	assert_renders("{{link}}\n", RW_TPL_TEXT, hostile,
	    "[click](javascript:alert(1))\n\n");
}

static void
test_escape_invalid_utf8(void **state)
{
	struct rw_buf out;

	(void)state;
	rw_buf_init(&out, 1024);
	assert_int_equal(rw_tpl_escape(&out, RW_TPL_HTML, "a\xff<"), 0);
	assert_string_equal(out.data, "a\xef\xbf\xbd&lt;");
	rw_buf_free(&out);
}

/* ---- rendering errors ---- */

static void
test_render_errors(void **state)
{
	struct rw_tpl *t = parse_ok("{{big}}{{big}}\n");
	json_t *ctx = json_pack("{s:s}", "big", "0123456789");
	struct rw_error err;
	struct rw_buf out;

	(void)state;
	assert_render_fails("ok\n{{missing}}\n", "{}",
	    "t.txt:2: 'missing' has no value here");
	assert_render_fails("{{#gone}}x{{/gone}}\n", "{}",
	    "t.txt:1: 'gone' has no value here");
	assert_render_fails("{{list}}\n", "{\"list\": [1]}",
	    "t.txt:1: 'list' is a list or a flag: use it as a section");
	/* the output cap holds */
	rw_buf_init(&out, 12);
	assert_int_equal(rw_tpl_render(t, RW_TPL_TEXT, ctx, NULL, NULL, &out,
	    &err), RW_ETOOBIG);
	assert_non_null(strstr(err.message, "over 12 bytes"));
	rw_buf_free(&out);
	/* values must be an object */
	rw_buf_init(&out, 1024);
	assert_int_equal(rw_tpl_render(t, RW_TPL_TEXT, json_object_get(ctx,
	    "big"), NULL, NULL, &out, &err), RW_EINVAL);
	rw_buf_free(&out);
	json_decref(ctx);
	rw_tpl_free(t);
}

static void
test_render_runaway(void **state)
{
	char loops[12 * 12 + 2] = "";
	struct rw_error err;

	(void)state;
	/* lists in lists, 10^12 times over: stopped, not waited for */
	for (int k = 0; k < 12; k++)
		strcat(loops, "{{#l}}");
	for (int k = 0; k < 12; k++)
		strcat(loops, "{{/l}}");
	strcat(loops, "\n");
	assert_null(render(loops, RW_TPL_TEXT, "{\"l\": [1, 2, 3, 4, 5, 6, 7, "
	    "8, 9, 10]}", &err));
	assert_int_equal(err.code, RW_ETOOBIG);
	assert_string_equal(err.message, "t.txt:1: the sections repeat too "
	    "often (over ten million steps)");
}

/* ---- parsing errors ---- */

static void
test_parse_errors(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"a\nb {{x\n", "t.txt:2: '{{' without '}}'"},
		{"{{X}}\n", "t.txt:1: a tag's name is lower-case letters, digits "
		    "and _ (1 to 64)"},
		{"{{}}\n", "t.txt:1: a tag's name is lower-case letters, digits "
		    "and _ (1 to 64)"},
		{"{{#.}}x{{/.}}\n", "t.txt:1: a tag's name is lower-case "
		    "letters, digits and _ (1 to 64)"},
		{"{{na-me}}\n", "t.txt:1: a tag's name is lower-case letters, "
		    "digits and _ (1 to 64)"},
		{"x\n{{/a}}\n", "t.txt:2: {{/a}} closes no section"},
		{"{{#a}}\n{{#b}}\n{{/a}}\n", "t.txt:3: {{/a}} closes {{#b}} "
		    "opened on line 2"},
		{"1\n{{#a}}\n2\n", "t.txt:3: {{#a}} opened on line 2 is never "
		    "closed"},
		{"x {{#a}} y\n{{/a}}\n", "t.txt:1: {{#a}} opened inside a line "
		    "must close on it"},
		{"{{#a}}\nx {{/a}}\n", "t.txt:2: {{/a}} must be on a line of its "
		    "own, as {{#a}} is (line 1)"},
		{"see {{>part}}\n", "t.txt:1: {{>part}} must be on a line of its "
		    "own"},
		{"ok\nbell \a\n", "t.txt:2: control character (only tabs may "
		    "appear)"},
		{"ok\n\xc3\x28\n", "t.txt:2: invalid UTF-8"},
		{"'); DROP TABLE x; {{<script>}}\n", "t.txt:1: a tag's name is "
		    "lower-case letters, digits and _ (1 to 64)"},
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		assert_string_equal(parse_error(cases[k].text,
		    strlen(cases[k].text), RW_EFORMAT), cases[k].message);
	assert_string_equal(parse_error("a\n\0b\n", 5, RW_EFORMAT),
	    "t.txt:2: control character (only tabs may appear)");
}

static void
test_parse_limits(void **state)
{
	char deep[RW_TPL_DEPTH_MAX * 16 + 64] = "";
	char *big = malloc(RW_TPL_MAX + 1);

	(void)state;
	for (int k = 0; k <= RW_TPL_DEPTH_MAX; k++)
		strcat(deep, "{{#a}}\n");
	assert_string_equal(parse_error(deep, strlen(deep), RW_EFORMAT),
	    "t.txt:17: sections nest deeper than 16");
	assert_non_null(big);
	memset(big, 'a', RW_TPL_MAX + 1);
	assert_non_null(strstr(parse_error(big, RW_TPL_MAX + 1, RW_ETOOBIG),
	    "at most"));
	free(big);
	/* CR LF line ends and a missing final newline are fine */
	assert_renders("a\r\n\r\n- {{x}}", RW_TPL_TEXT, "{\"x\": \"y\"}",
	    "a\n\n- y\n\n");
}

static void
test_format_names(void **state)
{
	enum rw_tpl_format f = RW_TPL_TEXT;

	(void)state;
	assert_true(rw_tpl_format_parse("html", &f));
	assert_int_equal(f, RW_TPL_HTML);
	assert_true(rw_tpl_format_parse("md", &f));
	assert_int_equal(f, RW_TPL_MD);
	assert_false(rw_tpl_format_parse("text", &f));
	assert_false(rw_tpl_format_parse("", &f));
	assert_false(rw_tpl_format_parse("HTML", &f));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_md),
		cmocka_unit_test(test_layout_html),
		cmocka_unit_test(test_empty_lines_vanish),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_escape_md),
		cmocka_unit_test(test_escape_invalid_utf8),
		cmocka_unit_test(test_render_errors),
		cmocka_unit_test(test_render_runaway),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_format_names),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("appeal-template", tests, NULL,
	    NULL);
}
