/* test-appeal.c: the appeal letter builder (appeal/appeal.h): the
 * grounds each host profile gives, the requests each recipient gets from
 * the case's facts, sensitive fields only when asked, hostile names
 * escaped, and letters that degrade when facts are missing. The people
 * are made up for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "appeal/appeal.h"
#include "unit.h"

static const struct rw_date today = {2026, 3, 2};

/* A detained Uyghur activist in Thailand, wanted by China. */
static void
detained_case(struct rw_case *c)
{
	struct rw_error err;

	rw_case_init(c);
	c->id = 7;
	assert_int_equal(rw_strings_add(&c->names, "Memet Tursun", &err), 0);
	assert_int_equal(rw_strings_add(&c->tags, "activist", &err), 0);
	assert_int_equal(rw_strings_add(&c->contacts, "wechat mt-2291", &err),
	    0);
	assert_int_equal(rw_strings_add(&c->locations, "cell block C", &err),
	    0);
	assert_int_equal(rw_strings_add(&c->notes, "brother in Almaty",
	    &err), 0);
	c->group = strdup("Uyghur");
	c->custody = strdup("Suan Phlu immigration centre");
	memcpy(c->host, "TH", 3);
	memcpy(c->dest, "CN", 3);
	memcpy(c->nationality, "CN", 3);
	c->status = RW_CASE_DETAINED;
	c->legal_status = RW_LEGAL_ASYLUM_SEEKER;
	c->deadlines = calloc(2, sizeof(*c->deadlines));
	c->deadlines[0] = (struct rw_deadline){RW_DEADLINE_HEARING,
	    "2020-01-01"};
	c->deadlines[1] = (struct rw_deadline){RW_DEADLINE_DEPORTATION,
	    "2026-03-20"};
	c->n_deadlines = 2;
	c->requests = calloc(1, sizeof(*c->requests));
	assert_int_equal(rw_request_parse("extradition:CN:separatism",
	    &c->requests[0], &err), 0);
	c->requests[0].assurances = true;
	c->n_requests = 1;
}

struct built {
	struct rw_appeal a;
	struct rw_case c;
	struct rw_appeal_input in;
};

static void
input(struct built *b, enum rw_appeal_to to, enum rw_tpl_format format)
{
	b->in = (struct rw_appeal_input){.c = &b->c, .today = today,
	    .to = to, .format = format, .host = rw_country_find(b->c.host,
	    NULL), .dest = rw_country_find(b->c.dest, NULL)};
}

static void
build(struct built *b)
{
	struct rw_error err;

	if (rw_appeal_build(&b->in, &b->a, &err) != 0)
		fail_msg("%s", err.message);
}

static void
done(struct built *b)
{
	rw_appeal_free(&b->a);
	rw_case_free(&b->c);
}

/* The codes of a list of {"code": ...}, joined by spaces. */
static char *
codes(json_t *list)
{
	static char text[512];
	json_t *item;
	size_t k;

	text[0] = '\0';
	json_array_foreach(list, k, item) {
		if (k > 0)
			strcat(text, " ");
		strcat(text, json_string_value(json_object_get(item, "code")));
	}
	return text;
}

static bool
has(const char *body, const char *s)
{
	return strstr(body, s) != NULL;
}

/* ---- grounds ---- */

static void
test_grounds_follow_the_host_profile(void **state)
{
	struct built b;

	(void)state;
	detained_case(&b.c);
	input(&b, RW_APPEAL_HOST, RW_TPL_MD);
	build(&b);
	/* Thailand: CAT, ICCPR and CED party, outside the Refugee
	 * Convention, with a named domestic law (data/countries.tsv) */
	assert_string_equal(codes(b.a.grounds),
	    "custom cat iccpr ced domestic-law");
	assert_true(has(b.a.body, "article 3"));
	assert_true(has(b.a.body, "Anti-Torture and Enforced Disappearance "
	    "Act"));
	assert_false(has(b.a.body, "article 33"));
	assert_int_equal(json_array_size(b.a.warnings), 0);
	done(&b);
	/* Turkey is a party to the Refugee Convention */
	detained_case(&b.c);
	memcpy(b.c.host, "TR", 3);
	input(&b, RW_APPEAL_HOST, RW_TPL_MD);
	build(&b);
	assert_true(has(codes(b.a.grounds), "refugee-convention"));
	assert_true(has(b.a.body, "article 33"));
	done(&b);
}

static void
test_unknown_host_cites_custom_only(void **state)
{
	struct built b;

	(void)state;
	detained_case(&b.c);
	memcpy(b.c.host, "IS", 3); /* no profile for Iceland */
	input(&b, RW_APPEAL_UNHCR, RW_TPL_MD);
	assert_null(b.in.host);
	build(&b);
	assert_string_equal(codes(b.a.grounds), "custom");
	assert_int_equal(json_array_size(b.a.warnings), 1);
	assert_true(has(json_string_value(json_array_get(b.a.warnings, 0)),
	    "no country profile for IS"));
	assert_true(has(b.a.body, "no verified record"));
	done(&b);
	/* no host state at all */
	detained_case(&b.c);
	b.c.host[0] = '\0';
	b.c.dest[0] = '\0';
	input(&b, RW_APPEAL_HOST, RW_TPL_HTML);
	build(&b);
	assert_true(has(json_string_value(json_array_get(b.a.warnings, 0)),
	    "records no host state"));
	assert_true(has(b.a.body, "the state concerned"));
	assert_true(has(b.a.body, "any state where they would be at risk"));
	done(&b);
}

/* ---- requests ---- */

static void
test_requests_by_recipient(void **state)
{
	static const struct {
		enum rw_appeal_to to;
		const char *codes;
	} expect[] = {
		{RW_APPEAL_HOST, "no-return deadline release counsel "
		    "asylum-access reject-extradition no-assurances"},
		{RW_APPEAL_UNHCR, "intervene deadline seek-access register "
		    "resettlement raise-claim no-assurances"},
		{RW_APPEAL_UN, "urgent-action deadline detention "
		    "communicate-dest no-assurances"},
	};
	struct built b;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		detained_case(&b.c);
		input(&b, expect[k].to, RW_TPL_MD);
		build(&b);
		assert_string_equal(codes(b.a.requests), expect[k].codes);
		/* the deadline still ahead, not the one passed */
		assert_true(has(b.a.body, "2026-03-20"));
		assert_false(has(b.a.body, "2020-01-01"));
		assert_true(has(b.a.subject, "Memet Tursun"));
		done(&b);
	}
}

static void
test_requests_follow_the_facts(void **state)
{
	struct built b;
	struct rw_error err;

	(void)state;
	detained_case(&b.c);
	b.c.status = RW_CASE_DISAPPEARED;
	b.c.legal_status = RW_LEGAL_UNHCR_REFUGEE;
	b.c.n_deadlines = 1; /* only the passed one */
	b.c.requests[0].assurances = false;
	b.c.requests[0].kind = RW_REQUEST_INTERPOL_NOTICE;
	input(&b, RW_APPEAL_UNHCR, RW_TPL_MD);
	build(&b);
	assert_string_equal(codes(b.a.requests),
	    "intervene disappearance confirm-mandate raise-claim");
	assert_true(has(b.a.body, "Interpol red notice from China"));
	rw_appeal_free(&b.a);
	input(&b, RW_APPEAL_HOST, RW_TPL_MD);
	build(&b);
	assert_string_equal(codes(b.a.requests),
	    "no-return disappearance asylum-access interpol");
	rw_appeal_free(&b.a);
	/* the UN letter goes to the mandates the facts call for */
	input(&b, RW_APPEAL_UN, RW_TPL_MD);
	build(&b);
	assert_true(has(b.a.body, "Working Group on Enforced or Involuntary "
	    "Disappearances"));
	assert_true(has(b.a.body, "human rights defenders"));
	assert_false(has(b.a.body, "Working Group on Arbitrary Detention"));
	rw_appeal_free(&b.a);
	/* a warrant from a third state is named with its state */
	free(b.c.requests[0].charges);
	assert_int_equal(rw_request_parse("warrant:RU", &b.c.requests[0],
	    &err), 0);
	input(&b, RW_APPEAL_HOST, RW_TPL_MD);
	build(&b);
	assert_true(has(codes(b.a.requests), "no-effect-warrant"));
	assert_true(has(b.a.body, "arrest warrant from Russian Federation"));
	done(&b);
}

/* ---- the screening ---- */

static void
test_risk_in_the_screening_words(void **state)
{
	struct rw_factor factors[] = {
		{"dest-persecutes-group", 30, "China persecutes Uyghur people."},
		{"protected-now", -20, "A lowering factor."},
	};
	struct rw_screening s = {.score = 50, .level = RW_LEVEL_HIGH,
	    .factors = factors, .n_factors = 2};
	struct built b;

	(void)state;
	detained_case(&b.c);
	input(&b, RW_APPEAL_HOST, RW_TPL_HTML);
	b.in.screening = &s;
	build(&b);
	assert_true(has(b.a.body, "rates the risk as high"));
	assert_true(has(b.a.body, "<li>China persecutes Uyghur people.</li>"));
	assert_false(has(b.a.body, "A lowering factor"));
	rw_appeal_free(&b.a);
	s.level = RW_LEVEL_ELEVATED;
	build(&b);
	assert_false(has(b.a.body, "rates the risk"));
	done(&b);
}

/* ---- what the letter shows ---- */

static void
test_sensitive_only_when_asked(void **state)
{
	static const char *const secret[] = {"wechat mt-2291", "cell block C",
	    "brother in Almaty", "Suan Phlu"};
	struct built b;

	(void)state;
	for (int sensitive = 0; sensitive < 2; sensitive++)
		for (int f = 0; f < 2; f++) {
			detained_case(&b.c);
			input(&b, RW_APPEAL_UN, f ? RW_TPL_HTML : RW_TPL_MD);
			b.in.sensitive = sensitive;
			build(&b);
			for (size_t k = 0; k < 4; k++)
				assert_int_equal(has(b.a.body, secret[k]),
				    sensitive);
			assert_true(has(b.a.body, "Memet Tursun"));
			assert_true(has(b.a.body, "Uyghur"));
			done(&b);
		}
}

static void
test_hostile_names_escaped(void **state)
{
	struct built b;

	(void)state;
	detained_case(&b.c);
	free(b.c.names.items[0]);
	b.c.names.items[0] = strdup("<script>alert(1)</script>");
	rw_strings_add(&b.c.aliases, "[x](javascript:alert(1))", NULL);
	free(b.c.group);
	b.c.group = strdup("\"'); DROP TABLE case_file;--");
	input(&b, RW_APPEAL_HOST, RW_TPL_HTML);
	build(&b);
	assert_false(has(b.a.body, "<script>"));
	assert_true(has(b.a.body, "<title>Urgent appeal for &lt;script&gt;"));
	assert_true(has(b.a.body, "&quot;&#39;); DROP TABLE case_file;--"));
	rw_appeal_free(&b.a);
	b.in.format = RW_TPL_MD;
	build(&b);
	assert_false(has(b.a.body, "<script>"));
	assert_false(has(b.a.body, " [x](javascript"));
	assert_true(has(b.a.body, "\\[x\\](javascript:alert(1))"));
	/* the plain subject and requests keep the name as it is */
	assert_true(has(b.a.subject, "<script>alert(1)</script>"));
	done(&b);
}

static void
test_description_stands_for_a_name(void **state)
{
	struct rw_case c;
	struct rw_appeal a;
	struct rw_appeal_input in = {.c = &c, .today = today,
	    .to = RW_APPEAL_HOST, .format = RW_TPL_MD};
	struct rw_error err;

	(void)state;
	rw_case_init(&c);
	assert_int_equal(rw_appeal_build(&in, &a, &err), RW_EINVAL);
	assert_true(has(err.message, "neither a name nor a description"));
	c.description = strdup("four men held at the border");
	c.count = 4;
	assert_int_equal(rw_appeal_build(&in, &a, &err), 0);
	assert_true(has(a.body, "Who: four men held at the border"));
	assert_true(has(a.body, "Number of people concerned: 4"));
	rw_appeal_free(&a);
	rw_case_free(&c);
}

static void
test_recipient_names(void **state)
{
	enum rw_appeal_to to;

	(void)state;
	assert_true(rw_appeal_to_parse("unhcr", &to));
	assert_int_equal(to, RW_APPEAL_UNHCR);
	assert_string_equal(rw_appeal_to_name(RW_APPEAL_UN), "un");
	assert_false(rw_appeal_to_parse("UN", &to));
	assert_false(rw_appeal_to_parse("", &to));
	assert_false(rw_appeal_to_parse("host; rm -rf /", &to));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grounds_follow_the_host_profile),
		cmocka_unit_test(test_unknown_host_cites_custom_only),
		cmocka_unit_test(test_requests_by_recipient),
		cmocka_unit_test(test_requests_follow_the_facts),
		cmocka_unit_test(test_risk_in_the_screening_words),
		cmocka_unit_test(test_sensitive_only_when_asked),
		cmocka_unit_test(test_hostile_names_escaped),
		cmocka_unit_test(test_description_stands_for_a_name),
		cmocka_unit_test(test_recipient_names),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("appeal", tests, NULL, NULL);
}
