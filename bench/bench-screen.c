/* bench-screen.c: the cost of screening one case, measured at two sizes
 * to show that it does not grow with the number of cases (issue 5: the
 * per-case cost at 100,000 within 1.5 times that at 10,000).
 *
 * Usage: bench-screen [N...]   (default: 10000 100000)
 *
 * Cases come from a `struct case_source`: today only `memory`, which
 * generates N varied cases up front (groups, tags, hosts, destinations,
 * requests with charges and assurances, deadlines) with a fixed seed. A
 * store-backed source (cases read from a generated store, 10 incidents
 * each, the host record computed from them) plugs in as another source
 * with the same three calls. Only the screening loop is timed, in CPU
 * seconds (CLOCK_PROCESS_CPUTIME_ID). One JSON line per run:
 *   {"source":"memory","cases":N,"seconds":S,"us_per_case":U,
 *    "levels":[low,elevated,high,critical]}
 * then {"ratio":R} = us_per_case at the largest N / at the smallest. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/case.h"
#include "screen/screen.h"

#include "bench-util.h"
/* One case ready to screen. */
struct bench_item {
	struct rw_screen_input in;
};

/* Where cases come from: open prepares n cases, get returns the i-th
 * (valid until close). */
struct case_source {
	const char *name;
	int (*open)(void **ret_state, size_t n);
	const struct bench_item *(*get)(void *state, size_t i);
	void (*close)(void *state);
};

/* ---- the in-memory source ---- */

static const struct rw_country_link cn_treaty[] = {
	{"CN", "in force", NULL},
};
static const struct rw_country_link sco[] = {
	{"CN", "member", "SCO"}, {"RU", "member", "SCO"},
	{"TJ", "member", "SCO"},
};

static const struct rw_country hosts[] = {
	{.iso = "TH", .name = "Thailand", .refugee_convention =
	    RW_TREATY_NOT_PARTY, .cat = RW_TREATY_PARTY, .domestic_law =
	    "an act of 2022", .extradition = cn_treaty, .n_extradition = 1,
	    .rsd = RW_RSD_MIXED},
	{.iso = "KZ", .name = "Kazakhstan", .refugee_convention =
	    RW_TREATY_PARTY, .cat = RW_TREATY_PARTY, .cat_article22 =
	    RW_TREATY_PARTY, .extradition = cn_treaty, .n_extradition = 1,
	    .pacts = sco, .n_pacts = 3, .rsd = RW_RSD_STATE},
	{.iso = "TR", .name = "Turkey", .refugee_convention = RW_TREATY_PARTY,
	    .cat = RW_TREATY_PARTY, .cat_article22 = RW_TREATY_PARTY,
	    .domestic_law = "Law No. 6458", .rsd = RW_RSD_STATE},
	{.iso = "EG", .name = "Egypt", .refugee_convention = RW_TREATY_PARTY,
	    .cat = RW_TREATY_PARTY, .rsd = RW_RSD_UNHCR},
	{.iso = "MY", .name = "Malaysia", .refugee_convention =
	    RW_TREATY_NOT_PARTY, .cat = RW_TREATY_NOT_PARTY, .rsd =
	    RW_RSD_UNHCR},
	{.iso = "DE", .name = "Germany", .refugee_convention = RW_TREATY_PARTY,
	    .cat = RW_TREATY_PARTY, .cat_article22 = RW_TREATY_PARTY,
	    .domestic_law = "Residence Act", .rsd = RW_RSD_STATE},
};
static const struct rw_country dests[] = {
	{.iso = "CN", .name = "China", .pacts = sco, .n_pacts = 3},
	{.iso = "RU", .name = "Russia", .pacts = sco, .n_pacts = 3},
	{.iso = "TJ", .name = "Tajikistan", .pacts = sco, .n_pacts = 3},
	{.iso = "HK", .name = "Hong Kong"},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const groups[] = {"Uyghur", "Kazakh", "Tibetan",
	"Chechen", NULL, NULL};
static const char *const tag_words[] = {"activist", "journalist",
	"student", "lawyer", "opposition", "falun-gong"};
static const char *const charges[] = {"separatism", "fraud",
	"membership of a banned organisation", "theft", NULL};

struct memory {
	struct rw_case *cases;
	struct bench_item *items;
	size_t n;
};

static unsigned long xorshift64(unsigned long *s)
{
	/* xorshift64: reproducible, not secret */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void add_request(struct rw_case *c, unsigned long *seed,
    const char *state)
{
	struct rw_request *r = &c->requests[c->n_requests++];
	const char *charge = charges[xorshift64(seed) % N_OF(charges)];

	r->kind = (enum rw_request_kind)(xorshift64(seed) %
	    RW_REQUEST_KIND_COUNT);
	memcpy(r->state, state, 3);
	r->charges = charge != NULL ? strdup(charge) : NULL;
	r->assurances = xorshift64(seed) % 4 == 0;
}

static void make_case(struct rw_case *c, struct bench_item *item,
    unsigned long *seed)
{
	const struct rw_country *h = &hosts[xorshift64(seed) % N_OF(hosts)];
	const struct rw_country *d = &dests[xorshift64(seed) % N_OF(dests)];
	const char *group = groups[xorshift64(seed) % N_OF(groups)];
	size_t n_req = xorshift64(seed) % 3;

	rw_case_init(c);
	c->description = strdup("a generated case");
	c->group = group != NULL ? strdup(group) : NULL;
	c->count = (long)(xorshift64(seed) % 6);
	memcpy(c->host, h->iso, 3);
	memcpy(c->dest, d->iso, 3);
	rw_strings_add(&c->tags, tag_words[xorshift64(seed) % N_OF(tag_words)],
	    NULL);
	c->legal_status = (enum rw_legal_status)(xorshift64(seed) %
	    RW_LEGAL_COUNT);
	c->status = (enum rw_case_status)(xorshift64(seed) % 3);
	c->requests = calloc(2, sizeof(*c->requests));
	for (size_t k = 0; c->requests != NULL && k < n_req; k++)
		add_request(c, seed, d->iso);
	if ((c->deadlines = calloc(1, sizeof(*c->deadlines))) != NULL &&
	    xorshift64(seed) % 2 == 0) {
		snprintf(c->deadlines[0].date, sizeof(c->deadlines[0].date),
		    "2026-%02lu-%02lu", 3 + xorshift64(seed) % 9,
		    1 + xorshift64(seed) % 28);
		c->n_deadlines = 1;
	}
	item->in = (struct rw_screen_input){.c = c, .host = h, .dest = d,
		.record = {(long)(xorshift64(seed) % 30), 40, (long)(xorshift64(
		seed) % 2), 2024}, .today = {2026, 3, 2}};
}

static int memory_open(void **ret_state, size_t n)
{
	struct memory *m = calloc(1, sizeof(*m));
	unsigned long seed = 0x5eed5eedUL;

	if (m == NULL || (m->cases = calloc(n, sizeof(*m->cases))) == NULL ||
	    (m->items = calloc(n, sizeof(*m->items))) == NULL) {
		if (m != NULL)
			free(m->cases);
		free(m);
		return -1;
	}
	for (m->n = 0; m->n < n; m->n++)
		make_case(&m->cases[m->n], &m->items[m->n], &seed);
	*ret_state = m;
	return 0;
}

static const struct bench_item *memory_get(void *state, size_t i)
{
	return &((struct memory *)state)->items[i];
}

static void memory_close(void *state)
{
	struct memory *m = state;

	for (size_t k = 0; k < m->n; k++)
		rw_case_free(&m->cases[k]);
	free(m->cases);
	free(m->items);
	free(m);
}

static const struct case_source sources[] = {
	{"memory", memory_open, memory_get, memory_close},
};

/* ---- the measurement ---- */

/* Screens n cases from src; returns microseconds per case, or -1. */
static double run(const struct rw_screen_rules *rules,
    const struct case_source *src, size_t n)
{
	long levels[RW_LEVEL_CRITICAL + 1] = {0};
	struct rw_error err = {0};
	void *state;
	double start, seconds;

	if (src->open(&state, n) < 0) {
		fprintf(stderr, "bench-screen: cannot prepare %zu cases\n", n);
		return -1;
	}
	start = cpu_seconds();
	for (size_t i = 0; i < n; i++) {
		struct rw_screening s;

		if (rw_screen(rules, &src->get(state, i)->in, &s, &err) < 0) {
			fprintf(stderr, "bench-screen: %s\n", err.message);
			src->close(state);
			return -1;
		}
		levels[s.level]++;
		rw_screening_free(&s);
	}
	seconds = cpu_seconds() - start;
	src->close(state);
	printf("{\"source\":\"%s\",\"cases\":%zu,\"seconds\":%.3f,"
	    "\"us_per_case\":%.3f,\"levels\":[%ld,%ld,%ld,%ld]}\n", src->name,
	    n, seconds, seconds * 1e6 / (double)n, levels[0], levels[1],
	    levels[2], levels[3]);
	return seconds * 1e6 / (double)n;
}

int main(int argc, char **argv)
{
	size_t sizes[16] = {10000, 100000}, n_sizes = argc > 1 ? 0 : 2;
	struct rw_screen_rules *rules;
	struct rw_error err = {0};
	double first = 0, last = 0;

	for (int k = 1; k < argc && n_sizes < 16; k++) {
		char *end;
		unsigned long v = strtoul(argv[k], &end, 10);

		if (*end != '\0' || v == 0 || v > 10000000) {
			fprintf(stderr, "usage: bench-screen [N...] (1 to "
			    "10,000,000 cases)\n");
			return 2;
		}
		sizes[n_sizes++] = v;
	}
	if (rw_screen_rules_default(&rules, &err) < 0) {
		fprintf(stderr, "bench-screen: %s\n", err.message);
		return 1;
	}
	for (size_t s = 0; s < N_OF(sources); s++)
		for (size_t k = 0; k < n_sizes; k++) {
			double us = run(rules, &sources[s], sizes[k]);

			if (us < 0) {
				rw_screen_rules_free(rules);
				return 1;
			}
			first = k == 0 ? us : first;
			last = us;
		}
	if (n_sizes > 1 && first > 0)
		printf("{\"ratio\":%.3f}\n", last / first);
	rw_screen_rules_free(rules);
	return 0;
}
