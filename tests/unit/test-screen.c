/* test-screen.c: the screening rules and evaluator (screen/screen.h).
 *
 * The scenarios are data: every JSON file in tests/screening (the folder
 * is the first argument) holds a case, the host and destination facts,
 * the host's record, today's date and the level, factors and advice
 * expected. The other cases feed the rule parser broken files and the
 * evaluator hostile cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case.h"
#include "core/utf8.h"
#include "screen/screen.h"
#include "unit.h"

static const char *scenario_dir = "tests/screening";

/* ---- scenarios from JSON ---- */

struct scenario {
	json_t *root;
	struct rw_case c;
	struct rw_country host, dest;
	struct rw_country_link *links[4];
	struct rw_screen_input in;
};

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static void copy_iso(char out[3], json_t *obj, const char *key)
{
	const char *s = str(obj, key);

	if (s != NULL) {
		assert_int_equal(strlen(s), 2);
		memcpy(out, s, 3);
	}
}

static enum rw_treaty_status treaty_of(json_t *obj, const char *key)
{
	const char *s = str(obj, key);

	if (s == NULL || strcmp(s, "unknown") == 0)
		return RW_TREATY_UNKNOWN;
	if (strcmp(s, "party") == 0)
		return RW_TREATY_PARTY;
	if (strcmp(s, "signatory") == 0)
		return RW_TREATY_SIGNATORY;
	if (strcmp(s, "not-party") != 0)
		fail_msg("unknown treaty status '%s' for %s", s, key);
	return RW_TREATY_NOT_PARTY;
}

static enum rw_rsd rsd_of(json_t *obj)
{
	static const char *const names[] = {"unknown", "state", "unhcr",
		"mixed", "none"};
	const char *s = str(obj, "rsd");

	for (size_t k = 0; s != NULL && k < 5; k++)
		if (strcmp(s, names[k]) == 0)
			return (enum rw_rsd)k;
	return RW_RSD_UNKNOWN;
}

static struct rw_country_link *links_of(json_t *arr, size_t *ret_n)
{
	size_t n = json_array_size(arr), k;
	struct rw_country_link *l = calloc(n + 1, sizeof(*l));
	json_t *v;

	assert_non_null(l);
	json_array_foreach(arr, k, v) {
		copy_iso(l[k].state, v, "state");
		l[k].status = str(v, "status");
		l[k].note = str(v, "note");
	}
	*ret_n = n;
	return l;
}

static const struct rw_country *country_of(json_t *obj, struct rw_country *p, struct rw_country_link **links)
{
	if (!json_is_object(obj))
		return NULL;
	copy_iso(p->iso, obj, "iso");
	p->name = str(obj, "name");
	p->refugee_convention = treaty_of(obj, "refugee_convention");
	p->cat = treaty_of(obj, "cat");
	p->cat_article22 = treaty_of(obj, "cat_article22");
	p->iccpr = treaty_of(obj, "iccpr");
	p->ced = treaty_of(obj, "ced");
	p->domestic_law = str(obj, "domestic_law");
	p->rsd = rsd_of(obj);
	p->extradition = links[0] = links_of(json_object_get(obj,
	    "extradition"), &p->n_extradition);
	p->pacts = links[1] = links_of(json_object_get(obj, "pacts"),
	    &p->n_pacts);
	return p;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static void strings_of(struct rw_strings *list, json_t *arr)
{
	size_t k;
	json_t *v;

	json_array_foreach(arr, k, v)
		assert_int_equal(rw_strings_add(list, json_string_value(v),
		    NULL), RW_OK);
}

static void requests_of(struct rw_case *c, json_t *arr)
{
	size_t k;
	json_t *v;

	c->requests = calloc(json_array_size(arr) + 1, sizeof(*c->requests));
	assert_non_null(c->requests);
	json_array_foreach(arr, k, v) {
		struct rw_request *r = &c->requests[c->n_requests];
		struct rw_error err = {0};
		char arg[512];

		snprintf(arg, sizeof(arg), "%s:%s%s%s", str(v, "kind"),
		    str(v, "state"), str(v, "charges") ? ":" : "",
		    str(v, "charges") ? str(v, "charges") : "");
		if (rw_request_parse(arg, r, &err) != RW_OK)
			fail_msg("request '%s': %s", arg, err.message);
		r->issuer = dup_or_null(str(v, "issuer"));
		r->assurances = json_is_true(json_object_get(v, "assurances"));
		c->n_requests++;
	}
}

static void deadlines_of(struct rw_case *c, json_t *arr)
{
	size_t k;
	json_t *v;

	c->deadlines = calloc(json_array_size(arr) + 1, sizeof(*c->deadlines));
	assert_non_null(c->deadlines);
	json_array_foreach(arr, k, v) {
		struct rw_error err = {0};

		if (rw_deadline_parse(json_string_value(v), &c->deadlines[k],
		    &err) != RW_OK)
			fail_msg("deadline: %s", err.message);
		c->n_deadlines++;
	}
}

static void case_of(struct rw_case *c, json_t *obj)
{
	const char *legal = str(obj, "legal_status");
	const char *status = str(obj, "status");

	rw_case_init(c);
	strings_of(&c->names, json_object_get(obj, "names"));
	strings_of(&c->tags, json_object_get(obj, "tags"));
	c->description = dup_or_null(str(obj, "description"));
	c->group = dup_or_null(str(obj, "group"));
	c->custody = dup_or_null(str(obj, "custody"));
	c->count = (long)json_integer_value(json_object_get(obj, "count"));
	copy_iso(c->nationality, obj, "nationality");
	copy_iso(c->host, obj, "host");
	copy_iso(c->dest, obj, "dest");
	if (legal != NULL)
		assert_true(rw_legal_status_parse(legal, &c->legal_status));
	if (status != NULL)
		assert_true(rw_case_status_parse(status, &c->status));
	deadlines_of(c, json_object_get(obj, "deadlines"));
	requests_of(c, json_object_get(obj, "requests"));
	assert_true(rw_case_has_identity(c));
}

static void record_of(struct rw_host_record *r, json_t *obj)
{
	r->returns_to_dest = (long)json_integer_value(json_object_get(obj,
	    "returns_to_dest"));
	r->returns_total = (long)json_integer_value(json_object_get(obj,
	    "returns_total"));
	r->threatened_to_dest = (long)json_integer_value(json_object_get(obj,
	    "threatened_to_dest"));
	r->last_return_year = (int)json_integer_value(json_object_get(obj,
	    "last_return_year"));
}

static void scenario_load(struct scenario *s, const char *path)
{
	json_error_t jerr;

	memset(s, 0, sizeof(*s));
	if ((s->root = json_load_file(path, 0, &jerr)) == NULL)
		fail_msg("%s:%d: %s", path, jerr.line, jerr.text);
	case_of(&s->c, json_object_get(s->root, "case"));
	s->in.c = &s->c;
	s->in.host = country_of(json_object_get(s->root, "host"), &s->host,
	    &s->links[0]);
	s->in.dest = country_of(json_object_get(s->root, "dest"), &s->dest,
	    &s->links[2]);
	record_of(&s->in.record, json_object_get(s->root, "record"));
	assert_int_equal(rw_date_parse(str(s->root, "today"), &s->in.today),
	    RW_OK);
}

static void scenario_free(struct scenario *s)
{
	rw_case_free(&s->c);
	for (int k = 0; k < 4; k++)
		free(s->links[k]);
	json_decref(s->root);
}

/* ---- checks ---- */

static struct rw_screen_rules *default_rules(void)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_error err = {0};

	if (rw_screen_rules_default(&rules, &err) != RW_OK)
		fail_msg("default rules: %s", err.message);
	return rules;
}

static void screen_ok(const struct rw_screen_rules *rules,
    const struct rw_screen_input *in, struct rw_screening *out)
{
	struct rw_error err = {0};

	if (rw_screen(rules, in, out, &err) != RW_OK)
		fail_msg("screening failed: %s", err.message);
}

/* What every screening promises, whatever the case. */
static void check_consistent(const struct rw_screening *s)
{
	int sum = 0;

	for (size_t k = 0; k < s->n_factors; k++) {
		const char *e = s->factors[k].explanation;

		sum += s->factors[k].weight;
		assert_non_null(e);
		assert_true(e[0] != '\0' && strchr(e, '{') == NULL);
		assert_true(rw_utf8_valid(e, strlen(e)));
	}
	for (size_t k = 0; k < s->n_advice; k++) {
		assert_non_null(s->advice[k].action);
		assert_true(s->advice[k].why[0] != '\0');
		assert_null(strchr(s->advice[k].why, '{'));
	}
	assert_int_equal(s->score, sum);
}

static bool level_expected(json_t *want, enum rw_level got)
{
	size_t k;
	json_t *v;

	if (json_is_string(want))
		return strcmp(json_string_value(want), rw_level_name(got)) == 0;
	json_array_foreach(want, k, v)
		if (strcmp(json_string_value(v), rw_level_name(got)) == 0)
			return true;
	return false;
}

/* ids listed in the order the rules give them. */
static void check_ids(const char *file, const char *what, json_t *want,
    const char *(*id)(const struct rw_screening *, size_t), size_t n,
    const struct rw_screening *s)
{
	size_t k;
	json_t *v;

	json_array_foreach(want, k, v)
		if (k >= n || strcmp(json_string_value(v), id(s, k)) != 0)
			fail_msg("%s: %s %zu is %s, expected %s", file, what, k,
			    k < n ? id(s, k) : "missing", json_string_value(v));
	if (json_array_size(want) != n)
		fail_msg("%s: %zu %s, expected %zu (extra: %s)", file, n, what,
		    json_array_size(want), id(s, json_array_size(want)));
}

static const char *factor_id(const struct rw_screening *s, size_t k)
{
	return s->factors[k].id;
}

static const char *advice_id(const struct rw_screening *s, size_t k)
{
	return s->advice[k].id;
}

static bool cited(const struct rw_screening *s, const char *text)
{
	for (size_t k = 0; k < s->n_factors; k++)
		if (strstr(s->factors[k].explanation, text) != NULL)
			return true;
	for (size_t k = 0; k < s->n_advice; k++)
		if (strstr(s->advice[k].why, text) != NULL)
			return true;
	return false;
}

/* Screens with every request's assurances set to `on`. */
static struct rw_screening with_assurances(
    const struct rw_screen_rules *rules, struct scenario *sc, bool on)
{
	struct rw_screening s;
	bool saved[64];

	for (size_t k = 0; k < sc->c.n_requests && k < 64; k++) {
		saved[k] = sc->c.requests[k].assurances;
		sc->c.requests[k].assurances = on;
	}
	screen_ok(rules, &sc->in, &s);
	for (size_t k = 0; k < sc->c.n_requests && k < 64; k++)
		sc->c.requests[k].assurances = saved[k];
	return s;
}

static void check_assurances_never_lower(const char *file,
    const struct rw_screen_rules *rules, struct scenario *sc)
{
	struct rw_screening with = with_assurances(rules, sc, true);
	struct rw_screening without = with_assurances(rules, sc, false);

	if (with.score < without.score || with.level < without.level)
		fail_msg("%s: assurances lowered the score from %d to %d",
		    file, without.score, with.score);
	rw_screening_free(&with);
	rw_screening_free(&without);
}

static void run_scenario(const struct rw_screen_rules *rules,
    const char *file, const char *path)
{
	struct scenario sc;
	struct rw_screening s;
	json_t *expect, *v;
	size_t k;

	scenario_load(&sc, path);
	expect = json_object_get(sc.root, "expect");
	screen_ok(rules, &sc.in, &s);
	check_consistent(&s);
	if (!level_expected(json_object_get(expect, "level"), s.level))
		fail_msg("%s: level %s (score %d) is not the one expected",
		    file, rw_level_name(s.level), s.score);
	check_ids(file, "factors", json_object_get(expect, "factors"),
	    factor_id, s.n_factors, &s);
	check_ids(file, "advice", json_object_get(expect, "advice"),
	    advice_id, s.n_advice, &s);
	json_array_foreach(json_object_get(expect, "explanations"), k, v)
		if (!cited(&s, json_string_value(v)))
			fail_msg("%s: no explanation cites \"%s\"", file,
			    json_string_value(v));
	check_assurances_never_lower(file, rules, &sc);
	rw_screening_free(&s);
	scenario_free(&sc);
}

static void test_scenarios(void **state)
{
	struct rw_screen_rules *rules = default_rules();
	struct dirent **names;
	int n = scandir(scenario_dir, &names, NULL, alphasort), ran = 0;

	if (n < 0)
		fail_msg("cannot read %s", scenario_dir);
	for (int k = 0; k < n; k++) {
		const char *f = names[k]->d_name;
		size_t len = strlen(f);

		if (len > 5 && strcmp(f + len - 5, ".json") == 0) {
			char *path = unit_path(scenario_dir, f);

			run_scenario(rules, f, path);
			free(path);
			ran++;
		}
		free(names[k]);
	}
	free(names);
	rw_screen_rules_free(rules);
	/* the five and ours */
	assert_true(ran >= 10);
}

/* The fifth scenario, spelled out: removing the assurances from
 * the request never raises the level, and adding them never lowers it. */
static void test_assurances_scenario(void **state)
{
	struct rw_screen_rules *rules = default_rules();
	struct scenario sc;
	char *path = unit_path(scenario_dir,
	    "tr-uyghur-extradition-with-assurances.json");
	struct rw_screening with, without;

	scenario_load(&sc, path);
	with = with_assurances(rules, &sc, true);
	without = with_assurances(rules, &sc, false);
	assert_true(with.score >= without.score);
	assert_true(with.level >= without.level);
	assert_true(cited(&with, "never lower the risk"));
	assert_false(cited(&without, "diplomatic assurances"));
	rw_screening_free(&with);
	rw_screening_free(&without);
	scenario_free(&sc);
	free(path);
	rw_screen_rules_free(rules);
}

/* ---- the rule file ---- */

static const char *const minimal =
    "level critical 30\nlevel high 20\nlevel elevated 10\n";

/* Parses minimal + body; returns the code, the message in err. */
static int parse_with(const char *body, struct rw_error *err)
{
	struct rw_screen_rules *rules = NULL;
	char text[8192];
	int rc;

	snprintf(text, sizeof(text), "%s%s", minimal, body);
	rc = rw_screen_rules_parse("t.txt", text, strlen(text), &rules, err);
	assert_true(rc == RW_OK ? rules != NULL : rules == NULL);
	rw_screen_rules_free(rules);
	return rc;
}

static void test_rules_file_parses(void **state)
{
	struct rw_screen_rules *rules = default_rules();
	struct rw_error err = {0};
	char *path = unit_path(scenario_dir, "../../data/screening/rules.txt");
	size_t len;
	char *text = unit_read_file(path, &len);
	struct rw_screen_rules *again = NULL;

	if (rw_screen_rules_parse("rules.txt", text, len, &again, &err) !=
	    RW_OK)
		fail_msg("%s", err.message);
	rw_screen_rules_free(again);
	rw_screen_rules_free(rules);
	free(text);
	free(path);
	assert_int_equal(parse_with("factor a 1 when no-request explain \"x\"\n",
	    &err), RW_OK);
}

struct broken {
	const char *body;
	const char *message;   /* part of the message expected */
};

static void test_broken_rules_rejected(void **state)
{
	static const struct broken cases[] = {
		{"frobnicate x\n", "t.txt:4: unknown keyword 'frobnicate'"},
		{"factor a 1 when dest-persecutes explain \"x\"\n",
		    "t.txt:4: unknown condition 'dest-persecutes'"},
		{"factor a when no-request explain \"x\"\n",
		    "t.txt:4: factor 'a' needs a weight"},
		{"factor a 1.5 when no-request explain \"x\"\n", "weight"},
		{"factor a 99999 when no-request explain \"x\"\n", "weight"},
		{"factor a 1 when no-request explain \"x\n", "t.txt:4: "
		    "unterminated quote"},
		{"factor a 1 when no-request explain \"{nope}\"\n",
		    "unknown placeholder '{nope}'"},
		{"factor a 1 when no-request explain \"{group\"\n",
		    "unterminated placeholder"},
		{"factor a 1 when no-request\n", "needs explain"},
		{"factor a 1 no-request explain \"x\"\n", "needs 'when'"},
		{"factor a 1 when explain \"x\"\n", "no conditions"},
		{"factor a 1 when no-request explain x\n", "needs explain"},
		{"factor a 1 when no-request explain \"\"\n", "is empty"},
		{"factor a 1 when no-request explain \"x\" extra\n",
		    "unexpected 'extra'"},
		{"factor A 1 when no-request explain \"x\"\n", "factor id 'A'"},
		{"factor a 1 when no-request explain \"x\"\n"
		    "factor a 2 when no-request explain \"y\"\n",
		    "t.txt:5: factor 'a' is defined twice"},
		{"factor a 1 when host-party explain \"x\"\n",
		    "host-party needs an argument"},
		{"factor a 1 when host-party cat|icj explain \"x\"\n",
		    "unknown value 'icj' for host-party"},
		{"factor a 1 when count 2 explain \"x\"\n", "count needs a "
		    "comparison"},
		{"factor a 1 when count >= many explain \"x\"\n", "count needs"},
		{"factor a 1 when deadline-within -3 explain \"x\"\n",
		    "number of days"},
		{"factor a 1 when level-at-least high explain \"x\"\n",
		    "only be used in advice"},
		{"factor a 1 when or no-request explain \"x\"\n",
		    "'or' needs conditions before it"},
		{"factor a -5 when assurances explain \"x\"\n",
		    "assurances never lower the risk"},
		{"factor a 5 when not assurances explain \"x\"\n",
		    "assurances would lower the score"},
		{"factor a 5 when no-request or not assurances explain \"x\"\n",
		    "assurances would lower"},
		{"factor a 1 when no-request explain \"a\\q\"\n",
		    "unknown escape"},
		{"factor a 1 when no-request explain \"x\"y\n",
		    "closing quote"},
		{"factor a 1 when no-req\"uest explain \"x\"\n",
		    "quote inside a word"},
		{"  factor a 1 when no-request explain \"x\"\n", "t.txt:3: a "
		    "level is 'level NAME SCORE'"},
		{"advice b when no-request why \"x\"\n", "needs action"},
		{"advice b when no-request action \"x\"\n", "needs why"},
		{"advice b when no-request action \"x\" why \"{bad}\"\n",
		    "unknown placeholder"},
		{"level high 5\n", "level high is set twice"},
		{"level severe 5\n", "unknown level 'severe'"},
		{"pretext\n", "pretext needs"},
		{"pretext \"\"\n", "empty"},
		{"factor a 1 when tag explain \"x\"\n",
		    "tag needs an argument"},
		{"factor a 1 when host-rsd unhcr|nobody explain \"x\"\n",
		    "one of: unknown, state, unhcr, mixed, none"},
		{"factor a 1 when \"no-request\" explain \"x\"\n",
		    "unknown condition 'no-request'"},
		{"factor a 1 when no-request explain \"x\"\n"
		    "factor b 1 when no-request or explain \"x\"\n",
		    "t.txt:5: unknown condition 'explain'"},
		{"factor a 1 when no-request\n\n# comment\n  explain \"x' OR "
		    "1=1; --\"\n  '; DROP TABLE rules; --\n", "t.txt:8: "
		    "unexpected"},
	};
	struct rw_error err;

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		memset(&err, 0, sizeof(err));
		if (parse_with(cases[k].body, &err) != RW_EFORMAT)
			fail_msg("accepted: %s", cases[k].body);
		if (strstr(err.message, cases[k].message) == NULL)
			fail_msg("for %s\nthe message is: %s\nexpected: %s",
			    cases[k].body, err.message, cases[k].message);
	}
}

static void test_whole_file_problems(void **state)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_error err = {0};
	char *huge = malloc(2 * 1024 * 1024);
	static const char utf8[] = "level high 5\nfactor \xc3\x28 1\n";
	static const char binary[] = "level high 5\n\0\x01\x02\n";
	static const char order[] = "level critical 10\nlevel high 20\n"
	    "level elevated 5\nfactor a 1 when no-request explain \"x\"\n";

	assert_int_equal(rw_screen_rules_parse("e.txt", "", 0, &rules, &err),
	    RW_EFORMAT);
	assert_string_equal(err.message, "e.txt: the file is empty");
	assert_int_equal(rw_screen_rules_parse("c.txt", "# only\n\n", 8,
	    &rules, &err), RW_EFORMAT);
	assert_non_null(strstr(err.message, "no factor"));
	assert_int_equal(rw_screen_rules_parse("i.txt", " level high 5\n", 14,
	    &rules, &err), RW_EFORMAT);
	assert_string_equal(err.message, "i.txt:1: an indented line "
	    "continues a statement, but none comes before it");
	assert_int_equal(rw_screen_rules_parse("u.txt", utf8, sizeof(utf8) -
	    1, &rules, &err), RW_EFORMAT);
	assert_string_equal(err.message, "u.txt:2: the line is not valid "
	    "UTF-8");
	assert_int_equal(rw_screen_rules_parse("b.txt", binary,
	    sizeof(binary) - 1, &rules, &err), RW_EFORMAT);
	assert_non_null(strstr(err.message, "b.txt:2: the line holds a NUL"));
	assert_int_equal(rw_screen_rules_parse("o.txt", order, sizeof(order) -
	    1, &rules, &err), RW_EFORMAT);
	assert_non_null(strstr(err.message, "must rise"));
	assert_int_equal(rw_screen_rules_parse("m.txt", order + 18,
	    sizeof(order) - 19, &rules, &err), RW_EFORMAT);
	assert_non_null(strstr(err.message, "no threshold for level critical"));

	assert_non_null(huge);
	memset(huge, 'a', 2 * 1024 * 1024);
	assert_int_equal(rw_screen_rules_parse("h.txt", huge, 5000, &rules,
	    &err), RW_EFORMAT);
	assert_non_null(strstr(err.message, "h.txt:1: the line is 5000 bytes"));
	assert_int_equal(rw_screen_rules_parse("h.txt", huge, 2 * 1024 * 1024,
	    &rules, &err), RW_ETOOBIG);
	assert_null(rules);
	free(huge);
}

/* ---- the persecution table ---- */

static void test_persecution_table(void **state)
{
	static const struct broken cases[] = {
		{"CN\tgroup\tUyghur\tsrc\n", "p.tsv:1: the first row must be "
		    "the header"},
		{"dest\tkind\tnames\tsource\nCN\tgroup\tUyghur\n", "p.tsv:2: "
		    "a row is four"},
		{"dest\tkind\tnames\tsource\nCN\tgroup\tUyghur\ts\textra\n",
		    "four"},
		{"dest\tkind\tnames\tsource\nCN\tgroup\t\tsource\n", "four"},
		{"dest\tkind\tnames\tsource\nZZ\tgroup\tUyghur\tsrc\n",
		    "'ZZ' is not an ISO"},
		{"dest\tkind\tnames\tsource\nChina\tgroup\tUyghur\tsrc\n",
		    "not an ISO"},
		{"dest\tkind\tnames\tsource\nCN\tpeople\tUyghur\tsrc\n",
		    "the kind is 'group' or 'tag'"},
		{"dest\tkind\tnames\tsource\nCN\tgroup\tUyghur||Uighur\tsrc\n",
		    "an empty spelling"},
		{"# nothing but comments\n", "no header row"},
		{"dest\tkind\tnames\tsource\nCN\tgroup\t\xff\tsrc\n",
		    "p.tsv:2: the line is not valid UTF-8"},
	};
	struct rw_screen_rules *rules = NULL;
	struct rw_error err = {0};
	static const char extra[] = "dest\tkind\tnames\tsource\n"
	    "RU\tgroup\tIngush\tour test source\n";

	assert_int_equal(rw_screen_rules_parse("t.txt", minimal,
	    strlen(minimal), &rules, &err), RW_EFORMAT);
	rules = default_rules();
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		memset(&err, 0, sizeof(err));
		if (rw_screen_persecution_parse(rules, "p.tsv", cases[k].body,
		    strlen(cases[k].body), &err) != RW_EFORMAT)
			fail_msg("accepted: %s", cases[k].body);
		if (strstr(err.message, cases[k].message) == NULL)
			fail_msg("for %s\nthe message is: %s", cases[k].body,
			    err.message);
	}
	assert_int_equal(rw_screen_persecution_parse(rules, "p.tsv", "", 0,
	    &err), RW_EFORMAT);
	assert_int_equal(rw_screen_persecution_parse(rules, "p.tsv", extra,
	    sizeof(extra) - 1, &err), RW_OK);
	rw_screen_rules_free(rules);
}

/* ---- the evaluator ---- */

static struct rw_screen_rules *rules_from(const char *body)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_error err = {0};
	char text[4096];

	snprintf(text, sizeof(text), "%s%s", minimal, body);
	if (rw_screen_rules_parse("t.txt", text, strlen(text), &rules, &err) !=
	    RW_OK)
		fail_msg("%s", err.message);
	return rules;
}

static void test_or_not_and_sets(void **state)
{
	struct rw_screen_rules *rules = rules_from(
	    "factor a 1 when status detained|released not tag student\n"
	    "  explain \"a\"\n"
	    "factor b 2 when tag student or count > 3\n"
	    "  explain \"b {count}\"\n"
	    "factor c 40 when count = 10 explain \"c\"\n"
	    "advice x when level-at-least high action \"do\" why \"{level} "
	    "{score}\"\n");
	struct rw_case c;
	struct rw_screen_input in = {.c = &c, .today = {2026, 3, 2}};
	struct rw_screening s;

	rw_case_init(&c);
	c.description = strdup("someone");
	c.status = RW_CASE_RELEASED;
	screen_ok(rules, &in, &s);
	assert_int_equal(s.score, 1);
	assert_int_equal(s.n_advice, 0);
	rw_screening_free(&s);

	c.count = 10;
	screen_ok(rules, &in, &s);
	assert_int_equal(s.score, 43);
	assert_string_equal(s.factors[1].explanation, "b 10");
	assert_int_equal(s.level, RW_LEVEL_CRITICAL);
	assert_string_equal(s.advice[0].why, "critical 43");
	rw_screening_free(&s);

	c.count = 0;
	rw_strings_add(&c.tags, "Student", NULL);
	screen_ok(rules, &in, &s);
	assert_int_equal(s.score, 2);
	assert_int_equal(s.level, RW_LEVEL_LOW);
	rw_screening_free(&s);
	rw_case_free(&c);
	rw_screen_rules_free(rules);
}

static void test_deadlines(void **state)
{
	struct rw_screen_rules *rules = rules_from(
	    "factor near 1 when deadline-within 10\n"
	    "  explain \"{deadline_kind} {deadline_date} {days_left}\"\n");
	struct rw_case c;
	struct rw_screen_input in = {.c = &c, .today = {2024, 2, 25}};
	struct rw_screening s;

	rw_case_init(&c);
	c.description = strdup("someone");
	c.deadlines = calloc(3, sizeof(*c.deadlines));
	c.n_deadlines = 3;
	rw_deadline_parse("hearing:2024-02-20", &c.deadlines[0], NULL);
	rw_deadline_parse("deportation:2024-03-06", &c.deadlines[1], NULL);
	rw_deadline_parse("appeal:2024-03-04", &c.deadlines[2], NULL);
	screen_ok(rules, &in, &s);
	/* the past hearing is ignored; 2024 is a leap year */
	assert_string_equal(s.factors[0].explanation,
	    "the close of the appeal window 2024-03-04 8");
	rw_screening_free(&s);
	in.today = (struct rw_date){2024, 3, 5};
	screen_ok(rules, &in, &s);
	assert_string_equal(s.factors[0].explanation,
	    "a scheduled deportation 2024-03-06 1");
	rw_screening_free(&s);
	in.today = (struct rw_date){2024, 3, 7};
	screen_ok(rules, &in, &s);
	assert_int_equal(s.n_factors, 0);
	rw_screening_free(&s);
	rw_case_free(&c);
	rw_screen_rules_free(rules);
}

/* Case data is evidence, never template: braces, format directives and
 * SQL in a case come out as written. */
static void test_hostile_case_text(void **state)
{
	struct rw_screen_rules *rules = rules_from(
	    "factor g 1 when count >= 1 explain \"[{group}] [{charges}]\"\n");
	struct rw_case c;
	struct rw_screen_input in = {.c = &c, .today = {2026, 3, 2}};
	struct rw_screening s;
	char *big = malloc(10000);

	rw_case_init(&c);
	c.group = strdup("{dest_name} %s%n'); DROP TABLE cases; --");
	c.requests = calloc(1, sizeof(*c.requests));
	c.n_requests = 1;
	rw_request_parse("warrant:CN:{score} \xe2\x80\x94 %x", c.requests,
	    NULL);
	c.description = strdup("x");
	screen_ok(rules, &in, &s);
	assert_string_equal(s.factors[0].explanation, "[{dest_name} %s%n'); "
	    "DROP TABLE cases; --] [{score} \xe2\x80\x94 %x]");
	rw_screening_free(&s);

	/* an enormous group name is cut at a character boundary */
	assert_non_null(big);
	for (size_t k = 0; k + 3 < 10000; k += 3)
		memcpy(big + k, "\xe2\x80\x94", 3);
	big[9999] = '\0';
	free(c.group);
	c.group = big;
	screen_ok(rules, &in, &s);
	assert_true(strlen(s.factors[0].explanation) <= 4096);
	assert_true(rw_utf8_valid(s.factors[0].explanation,
	    strlen(s.factors[0].explanation)));
	rw_screening_free(&s);
	rw_case_free(&c);
	rw_screen_rules_free(rules);
}

static void test_bad_input(void **state)
{
	struct rw_screen_rules *rules = default_rules();
	struct rw_case c;
	struct rw_screen_input in = {.c = &c, .today = {2026, 2, 30}};
	struct rw_screening s = {.score = 12345};
	struct rw_error err = {0};

	rw_case_init(&c);
	assert_int_equal(rw_screen(rules, &in, &s, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "today"));
	in.today = (struct rw_date){2026, 2, 0};
	assert_int_equal(rw_screen(rules, &in, &s, &err), RW_EINVAL);
	in.c = NULL;
	in.today = (struct rw_date){2026, 2, 1};
	assert_int_equal(rw_screen(rules, &in, &s, &err), RW_EINVAL);
	assert_int_equal(rw_screen(NULL, &in, &s, &err), RW_EINVAL);
	assert_int_equal(s.score, 12345);
	assert_string_equal(rw_level_name(RW_LEVEL_ELEVATED), "elevated");
	assert_string_equal(rw_level_name((enum rw_level)9), "unknown");
	rw_screen_rules_free(NULL);
	rw_screening_free(NULL);
	rw_screen_rules_free(rules);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_assurances_scenario),
		cmocka_unit_test(test_rules_file_parses),
		cmocka_unit_test(test_broken_rules_rejected),
		cmocka_unit_test(test_whole_file_problems),
		cmocka_unit_test(test_persecution_table),
		cmocka_unit_test(test_or_not_and_sets),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_hostile_case_text),
		cmocka_unit_test(test_bad_input),
	};

	if (argc > 1)
		scenario_dir = argv[1];
	unit_tap_filter();
	return cmocka_run_group_tests_name("screen", tests, NULL, NULL);
}
