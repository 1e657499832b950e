/* case-screen.c: stored cases through the screening rules, with what the
 * country table and the store know of their host and destination states
 * (the store's counts kept per host for the run). */
#include "cases/case-screen.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "countries/country-profile.h"

/* A host's incidents as the store counts them (by type, year and
 * destination), kept for the run. */
struct host_counts {
	char host[3];
	struct rw_incident_count *counts;
	size_t n;
};

struct rw_case_screener {
	struct rw_store *store;
	const struct rw_screen_rules *rules;
	struct host_counts *hosts;   /* a few dozen at most */
	size_t n_hosts;
};

int
rw_case_screener_new(struct rw_store *store,
    const struct rw_screen_rules *rules, struct rw_case_screener **ret,
    struct rw_error *err)
{
	struct rw_case_screener *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	s->store = store;
	s->rules = rules;
	*ret = s;
	return RW_OK;
}

void
rw_case_screener_free(struct rw_case_screener *s)
{
	if (s == NULL)
		return;
	for (size_t k = 0; k < s->n_hosts; k++)
		free(s->hosts[k].counts);
	free(s->hosts);
	free(s);
}

static int
keep_count(const struct rw_incident_count *c, void *ctx)
{
	struct host_counts *h = ctx;
	struct rw_incident_count *more = realloc(h->counts, (h->n + 1) *
	    sizeof(*more));

	if (more == NULL)
		return RW_ENOMEM;
	h->counts = more;
	h->counts[h->n++] = *c;
	return RW_OK;
}

/* The store's counts for host, asked once per run. */
static int
counts_of(struct rw_case_screener *s, const char *host,
    const struct host_counts **ret, struct rw_error *err)
{
	struct host_counts *more;
	int r;

	for (size_t k = 0; k < s->n_hosts; k++)
		if (strcmp(s->hosts[k].host, host) == 0) {
			*ret = &s->hosts[k];
			return RW_OK;
		}
	more = realloc(s->hosts, (s->n_hosts + 1) * sizeof(*more));
	if (more == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	s->hosts = more;
	memset(&more[s->n_hosts], 0, sizeof(*more));
	memcpy(more[s->n_hosts].host, host, 3);
	if ((r = rw_store_incident_counts(s->store, host, keep_count,
	    &more[s->n_hosts], err)) < 0) {
		free(more[s->n_hosts].counts);
		return r == RW_ENOMEM ? rw_error_set(err, r, "out of memory") : r;
	}
	*ret = &s->hosts[s->n_hosts++];
	return RW_OK;
}

/* The host's record toward dest, from its counts. */
static void
record_of(const struct host_counts *h, const char *dest,
    struct rw_host_record *rec)
{
	for (size_t k = 0; k < h->n; k++) {
		const struct rw_incident_count *c = &h->counts[k];
		bool to_dest = dest[0] != '\0' && strcmp(c->dest, dest) == 0;
		if (c->type == RW_INCIDENT_RETURN) {
			rec->returns_total += (long)c->incidents;
			if (to_dest) {
				rec->returns_to_dest += (long)c->incidents;
				if (c->year > rec->last_return_year)
					rec->last_return_year = c->year;
			}
		} else if (c->type == RW_INCIDENT_THREATENED_RETURN && to_dest) {
			rec->threatened_to_dest += (long)c->incidents;
		}
	}
}

int
rw_case_screen(struct rw_case_screener *s, const struct rw_case *c,
    const struct rw_date *today, struct rw_screening *ret,
    struct rw_error *err)
{
	struct rw_screen_input in;
	const struct host_counts *h = NULL;
	int r;

	memset(&in, 0, sizeof(in));
	memset(ret, 0, sizeof(*ret));
	in.c = c;
	in.today = *today;
	/* a state the table does not list is unknown, not safe */
	in.host = c->host[0] ? rw_country_find(c->host, NULL) : NULL;
	in.dest = c->dest[0] ? rw_country_find(c->dest, NULL) : NULL;
	if (c->host[0] != '\0') {
		if ((r = counts_of(s, c->host, &h, err)) < 0)
			return r;
		record_of(h, c->dest, &in.record);
	}
	if ((r = rw_screen(s->rules, &in, ret, err)) < 0)
		return r;
	if ((r = rw_store_case_screened(s->store, c->id,
	    rw_level_name(ret->level), ret->score, err)) < 0)
		rw_screening_free(ret);
	return r;
}
