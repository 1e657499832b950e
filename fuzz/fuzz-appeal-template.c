/* fuzz-appeal-template: the appeal template parser (appeal/template.h) on
 * arbitrary bytes. A template that parses is rendered in every format
 * with fixed values, some of them hostile, and must hold its promises:
 * a failure names the template, the output is valid UTF-8, and in HTML
 * every '<' opens a tag the renderer writes itself, so neither the
 * template's text nor a value can add markup. */
#include "fuzz.h"

#include "appeal/template.h"

static const char *const own_tags[] = {"<p>", "</p>", "<ul>", "</ul>",
	"<li>", "</li>", "<h1>", "</h1>", "<h2>", "</h2>", NULL};

static void
check_html(const char *s)
{
	for (const char *lt = strchr(s, '<'); lt; lt = strchr(lt + 1, '<')) {
		size_t k = 0;
		while (own_tags[k] && strncmp(lt, own_tags[k],
		    strlen(own_tags[k])) != 0)
			k++;
		FUZZ_CHECK(own_tags[k] != NULL);
	}
}

static json_t *
values(void)
{
	return json_pack("{s:s s:s s:i s:n s:b s:[{s:s},{s:s}] s:{s:s}}",
	    "who", "<script>alert(1)</script>", "link",
	    "[x](javascript:alert(1))", "count", 3, "none", "flag", 1,
	    "list", "name", "Robert'); DROP TABLE cases;--", "name",
	    "\xe2\x80\xae\"quoted\"", "obj", "name", "- 1. # item");
}

static const struct rw_tpl *
no_parts(const char *name, void *arg)
{
	(void)name;
	return arg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum rw_tpl_format formats[] = {RW_TPL_TEXT, RW_TPL_MD,
		RW_TPL_HTML};
	struct rw_tpl *t = NULL;
	struct rw_error err = {0};
	json_t *ctx;
	int rc = rw_tpl_parse("fuzz", (const char *)data, size, &t, &err);

	if (rc < 0) {
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(strncmp(err.message, "fuzz", 4) == 0 ||
		    rc == RW_ENOMEM);
		FUZZ_CHECK(t == NULL);
		return 0;
	}
	ctx = values();
	for (size_t f = 0; f < 3; f++) {
		struct rw_buf out;

		rw_buf_init(&out, 1024 * 1024);
		/* every part is this template again: recursion must stop */
		rc = rw_tpl_render(t, formats[f], ctx, no_parts, t, &out, &err);
		FUZZ_CHECK(rc == 0 || (err.code == rc && err.message[0]));
		if (rc == 0 && out.len > 0) {
			FUZZ_CHECK(rw_utf8_valid(out.data, out.len));
			if (formats[f] == RW_TPL_HTML)
				check_html(out.data);
		}
		rw_buf_free(&out);
	}
	json_decref(ctx);
	rw_tpl_free(t);
	return 0;
}
