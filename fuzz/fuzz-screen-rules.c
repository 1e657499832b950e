/* fuzz-screen-rules: the screening rule parser and the persecution table
 * parser on arbitrary bytes. The first byte chooses: even, the rest is a
 * rule file (rw_screen_rules_parse); odd, a persecution table added to
 * the compiled-in rules (rw_screen_persecution_parse). Whatever parses is
 * then used to screen one fixed case, and the result must hold together:
 * the score is the sum of the weights listed, every sentence is
 * non-empty valid UTF-8 within the cap, and every advice has an action. */
#include "fuzz.h"

#include "screen/screen.h"

static const struct rw_country_link fuzz_treaty[] = {
	{"CN", "in force", "signed 1993"},
};

static const struct rw_country fuzz_host = {
	.iso = "TH", .name = "Thailand",
	.refugee_convention = RW_TREATY_NOT_PARTY, .cat = RW_TREATY_PARTY,
	.cat_article22 = RW_TREATY_PARTY, .domestic_law = "a law",
	.extradition = fuzz_treaty, .n_extradition = 1,
	.pacts = fuzz_treaty, .n_pacts = 1, .rsd = RW_RSD_MIXED,
};

/* A case that makes most conditions hold, so most placeholders print. */
static void fuzz_case(struct rw_case *c)
{
	static struct rw_deadline deadline = {RW_DEADLINE_DEPORTATION,
		"2026-03-10"};
	static struct rw_request request = {RW_REQUEST_EXTRADITION, "CN",
		"separatism and fraud", true, "a ministry"};
	static char *tags[] = {"activist", "lawyer"};

	rw_case_init(c);
	c->group = "Uyghur";
	c->count = 3;
	memcpy(c->host, "TH", 3);
	memcpy(c->dest, "CN", 3);
	c->tags.items = tags;
	c->tags.n = 2;
	c->status = RW_CASE_DETAINED;
	c->deadlines = &deadline;
	c->n_deadlines = 1;
	c->requests = &request;
	c->n_requests = 1;
}

static void check_screening(const struct rw_screen_rules *rules)
{
	struct rw_case c;
	struct rw_screen_input in = {.host = &fuzz_host,
		.record = {3, 5, 1, 2025}, .today = {2026, 3, 2}};
	struct rw_screening s;
	struct rw_error err = {0};
	long sum = 0;

	fuzz_case(&c);
	in.c = &c;
	FUZZ_CHECK(rw_screen(rules, &in, &s, &err) == RW_OK);
	for (size_t k = 0; k < s.n_factors; k++) {
		const char *e = s.factors[k].explanation;

		sum += s.factors[k].weight;
		FUZZ_CHECK(e != NULL && e[0] != '\0' && strlen(e) <= 4096);
		FUZZ_CHECK(rw_utf8_valid(e, strlen(e)));
	}
	FUZZ_CHECK(sum == s.score);
	FUZZ_CHECK(s.level >= RW_LEVEL_LOW && s.level <= RW_LEVEL_CRITICAL);
	for (size_t k = 0; k < s.n_advice; k++) {
		FUZZ_CHECK(s.advice[k].action != NULL && s.advice[k].id != NULL);
		FUZZ_CHECK(rw_utf8_valid(s.advice[k].why,
		    strlen(s.advice[k].why)));
	}
	rw_screening_free(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_screen_rules *rules = NULL;
	struct rw_error err = {0};
	const char *text = (const char *)data + 1;
	int rc;

	if (size == 0)
		return 0;
	if (data[0] % 2 == 0)
		rc = rw_screen_rules_parse("fuzz", text, size - 1, &rules, &err);
	else {
		FUZZ_CHECK(rw_screen_rules_default(&rules, &err) == RW_OK);
		rc = rw_screen_persecution_parse(rules, "fuzz", text, size - 1,
		    &err);
	}
	if (rc < 0) {
		/* Failures say why, and where. */
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(strncmp(err.message, "fuzz", 4) == 0 ||
		    rc == RW_ENOMEM);
		FUZZ_CHECK(data[0] % 2 == 1 || rules == NULL);
	} else
		check_screening(rules);
	rw_screen_rules_free(rules);
	return 0;
}
