/* test-country-profile.c: the country table (countries/country-profile.h):
 * the built-in table parses whole and holds the facts screening relies
 * on; bilateral treaties and pact blocs join rows; every kind of
 * malformed table is refused with its line and problem. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/country.h"
#include "countries/country-profile.h"
#include "unit.h"

#define HEADER "iso\tname\trefugee_convention\tcat\tcat_article22\ticcpr\t" \
	"ced\tdomestic_law\textradition\tpacts\thk_surrender_suspended\t" \
	"interpol\trsd\treturns_note\tsources\n"

/* A well-formed row for iso with the given extradition and pacts. */
#define ROW(iso, ex, pacts) iso "\tLand " iso "\tparty (1990)\tparty\t" \
	"unknown\tsignatory\tnot party\tAsylum Act\t" ex "\t" pacts \
	"\tn/a\tyes\tstate\t-\tinvented for a test\n"

static const struct rw_country *
must_find(const char *iso)
{
	struct rw_error err;
	const struct rw_country *c;

	rw_error_clear(&err);
	c = rw_country_find(iso, &err);
	if (c == NULL)
		fail_msg("%s: %s", iso, err.message);
	return c;
}

static void
test_every_row_parses(void **state)
{
	struct rw_error err;
	size_t n = 0;
	const struct rw_country *all = rw_country_all(&n, &err);

	assert_non_null(all);
	assert_int_equal(n, 61);
	for (size_t i = 0; i < n; i++) {
		assert_true(rw_country_code_valid(all[i].iso));
		assert_non_null(all[i].name);
		assert_true(all[i].sources != NULL && all[i].sources[0] != '\0');
		assert_ptr_equal(must_find(all[i].iso), &all[i]);
	}
}

static void
test_known_facts(void **state)
{
	const struct rw_country *th = must_find("TH"), *kz = must_find("KZ");
	const struct rw_country *cn = must_find("CN");
	const struct rw_country_link *l;

	assert_int_equal(th->refugee_convention, RW_TREATY_NOT_PARTY);
	assert_int_equal(th->cat, RW_TREATY_PARTY);
	assert_int_equal(th->rsd, RW_RSD_MIXED);
	assert_true(th->interpol_member);
	assert_non_null(th->returns_note);
	l = rw_country_extradition(th, "CN");
	assert_non_null(l);
	assert_string_equal(l->status, "in force");
	/* Bilateral: China's row holds the treaty Thailand's row states. */
	l = rw_country_extradition(cn, "TH");
	assert_non_null(l);
	assert_string_equal(l->status, "in force");
	assert_int_equal(kz->cat_article22, RW_TREATY_PARTY);
	assert_non_null(kz->domestic_law);
	l = rw_country_pact(kz, "CN");
	assert_non_null(l);
	assert_string_equal(l->note, "SCO");
	assert_non_null(rw_country_pact(cn, "KZ"));
	assert_null(rw_country_pact(th, "CN"));
	assert_null(rw_country_pact(kz, "TH"));
	assert_true(must_find("US")->hk_surrender_suspended);
	assert_false(must_find("TW")->interpol_member);
	assert_null(must_find("PH")->returns_note);
	assert_null(must_find("MY")->domestic_law);
	assert_string_equal(rw_country_extradition(must_find("TR"), "CN")->status,
	    "signed not in force");
}

static void
test_find_refuses_bad_codes(void **state)
{
	struct rw_error err;

	assert_null(rw_country_find("ZZ", &err));
	assert_int_equal(err.code, RW_EINVAL);
	assert_null(rw_country_find("XK", &err));
	assert_int_equal(err.code, RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "XK"));
	assert_null(rw_country_find("th", &err));
	assert_int_equal(err.code, RW_EINVAL);
	assert_null(rw_country_find("THA", &err));
	assert_null(rw_country_find("", &err));
	assert_null(rw_country_find("'; DROP TABLE", &err));
	assert_int_equal(err.code, RW_EINVAL);
}

static void
test_names(void **state)
{
	assert_string_equal(rw_treaty_status_name(RW_TREATY_NOT_PARTY),
	    "not party");
	assert_string_equal(rw_treaty_status_name(RW_TREATY_SIGNATORY),
	    "signatory");
	assert_string_equal(rw_rsd_name(RW_RSD_UNHCR), "unhcr");
	assert_string_equal(rw_rsd_name((enum rw_rsd)99), "unknown");
}

static struct rw_country_table *
parse_ok(const char *text)
{
	struct rw_country_table *t = NULL;
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_country_table_parse("t.tsv", text, strlen(text), &t, &err) < 0)
		fail_msg("%s", err.message);
	return t;
}

static void
test_joins(void **state)
{
	struct rw_country_table *t = parse_ok("# comments and blank lines\n\n# CR LF too\r\n" HEADER
	    ROW("FR", "CN=in force (signed 2007; in force 2015)", "none")
	    ROW("CN", "unknown (see partners)", "SCO (founding member)")
	    ROW("RU", "CN=in force", "SCO")
	    ROW("KZ", "CN=in force; RU=none", "SCO; CSTO (since 1994)"));
	const struct rw_country *cn = rw_country_table_find(t, "CN");
	const struct rw_country *ru = rw_country_table_find(t, "RU");
	const struct rw_country *fr = rw_country_table_find(t, "FR");
	size_t n;

	assert_non_null(rw_country_table_rows(t, &n));
	assert_int_equal(n, 4);
	assert_int_equal(cn->n_extradition, 3);
	assert_string_equal(rw_country_extradition(cn, "FR")->note,
	    "signed 2007; in force 2015");
	assert_string_equal(rw_country_extradition(ru, "KZ")->status, "none");
	assert_int_equal(fr->n_pacts, 0);
	assert_int_equal(cn->n_pacts, 2);
	assert_string_equal(rw_country_pact(ru, "KZ")->note, "SCO");
	assert_null(rw_country_pact(fr, "CN"));
	assert_null(rw_country_table_find(t, "DE"));
	assert_int_equal(fr->cat, RW_TREATY_PARTY);
	assert_int_equal(fr->iccpr, RW_TREATY_SIGNATORY);
	assert_int_equal(fr->cat_article22, RW_TREATY_UNKNOWN);
	assert_string_equal(fr->domestic_law, "Asylum Act");
	assert_null(rw_country_table_free(t));
}

/* text must be refused with a message holding want. */
static void
refused(const char *text, size_t len, const char *want)
{
	struct rw_country_table *t = NULL;
	struct rw_error err;
	int r;

	rw_error_clear(&err);
	r = rw_country_table_parse("t.tsv", text, len, &t, &err);
	if (r >= 0)
		fail_msg("accepted, expected \"%s\"", want);
	assert_null(t);
	if (strstr(err.message, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err.message, want);
}

#define REFUSED(text, want) refused(text, sizeof(text) - 1, want)

static void
test_malformed_tables(void **state)
{
	REFUSED("", "t.tsv:1: no country rows");
	REFUSED("# only a comment\n", "no country rows");
	REFUSED(HEADER, "t.tsv:2: no country rows");
	REFUSED("iso\tname\n" ROW("TH", "none", "none"),
	    "t.tsv:1: the header row must name the columns");
	REFUSED(HEADER "TH\tThailand\tparty\n", "t.tsv:2: 3 columns where 15");
	REFUSED(HEADER "TH\tThailand\tparty\tparty\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tno\tyes\tstate\t-\tsrc\textra\n",
	    "t.tsv:2: more than 15 columns");
	REFUSED(HEADER ROW("TH", "none", "none") ROW("TH", "none", "none"),
	    "t.tsv:3: TH is already described on line 2");
	REFUSED(HEADER ROW("ZZ", "none", "none"), "t.tsv:2: column iso: \"ZZ\"");
	REFUSED(HEADER ROW("tha", "none", "none"), "column iso: \"tha\"");
	REFUSED(HEADER "TH\tThailand\tpartly\tparty\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tno\tyes\tstate\t-\tsrc\n",
	    "t.tsv:2: column refugee_convention: \"partly\" is not one of: "
	    "unknown, party, signatory, not party");
	REFUSED(HEADER "TH\tThailand\tparty\tparty\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tmaybe\tyes\tstate\t-\tsrc\n",
	    "column hk_surrender_suspended: \"maybe\"");
	REFUSED(HEADER "TH\tThailand\tparty\tparty\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tno\tyes\tcourts\t-\tsrc\n", "column rsd: \"courts\"");
	REFUSED(HEADER "TH\tThailand\tparty\t\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tno\tyes\tstate\t-\tsrc\n", "t.tsv:2: column cat is empty");
	REFUSED(HEADER ROW("TH", "CN=perhaps", "none"),
	    "column extradition: \"perhaps\" is not one of");
	REFUSED(HEADER ROW("TH", "CHN=in force", "none"),
	    "\"CHN=in force\" is not STATE=STATUS");
	REFUSED(HEADER ROW("TH", "ZZ=in force", "none"), "\"ZZ\" is not an ISO");
	REFUSED(HEADER ROW("TH", "TH=in force", "none"), "with itself");
	REFUSED(HEADER ROW("TH", "CN=none; CN=in force", "none"),
	    "CN is listed twice");
	REFUSED(HEADER ROW("TH", "CN=in force (signed 1993", "none"),
	    "column extradition: a '(' is not closed");
	REFUSED(HEADER ROW("TH", "CN=in force) x", "none"), "without its '('");
	REFUSED(HEADER ROW("TH", "none", "S"), "column pacts: \"S\" is not a bloc");
	REFUSED(HEADER ROW("TH", "none", "sco"), "\"sco\" is not a bloc");
	REFUSED(HEADER ROW("TH", "none", "SCO; SCO"), "SCO is listed twice");
	REFUSED(HEADER ROW("TH", "none", "DROP TABLE"), "is not a bloc");
	REFUSED(HEADER ROW("TH", "CN=in force", "none")
	    ROW("CN", "TH=none", "none"),
	    "t.tsv:2: CN=in force disagrees with line 3, which says TH=none");
	REFUSED(HEADER "TH\tThailand\tparty (1990\tparty\tunknown\tparty\t"
	    "party\tx\tnone\tnone\tno\tyes\tstate\t-\tsrc\n", "must end with ')'");
	REFUSED(HEADER "TH\tThai)land\tparty\tparty\tunknown\tparty\tparty\tx\t"
	    "none\tnone\tno\tyes\tsta)te\t-\tsrc\n", "column rsd: a note");
	/* Invalid UTF-8, binary, control characters. */
	REFUSED(HEADER "TH\tTha\xffland\tparty\tparty\tunknown\tparty\tparty\tx"
	    "\tnone\tnone\tno\tyes\tstate\t-\tsrc\n", "t.tsv:2: not valid UTF-8");
	REFUSED(HEADER "TH\tThai\x1b[31mland\n", "t.tsv:2: a control character "
	    "(byte 0x1b)");
	REFUSED("\x7f" "ELF\x02\x01\x01\x00\x00\x00", "t.tsv:1: a control "
	    "character (byte 0x02)");
}

static void
test_huge_table_refused(void **state)
{
	size_t len = (1u << 20) + 1;
	char *big = malloc(len);
	struct rw_country_table *t = NULL;
	struct rw_error err;

	assert_non_null(big);
	memset(big, '#', len);
	assert_int_equal(rw_country_table_parse("big.tsv", big, len, &t, &err),
	    RW_ETOOBIG);
	assert_null(t);
	assert_non_null(strstr(err.message, "big.tsv"));
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_parses),
		cmocka_unit_test(test_known_facts),
		cmocka_unit_test(test_find_refuses_bad_codes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_joins),
		cmocka_unit_test(test_malformed_tables),
		cmocka_unit_test(test_huge_table_refused),
	};

	unit_tap_filter();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
