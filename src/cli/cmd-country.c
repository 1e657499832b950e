/* cmd-country.c: `refuge country ISO [--json]`: what the country table
 * says of a state (treaties, domestic law, extradition treaties, security
 * pacts, who decides refugee status, documented returns, sources), then
 * its record computed from the store (incidents hosted there, not
 * rejected, by type and year; returns from it by destination), then the
 * people currently at risk there: the open cases held there whose status
 * is at risk, detained, deportation ordered or disappeared (by id and
 * status, which need no key: names stay sealed).
 *
 * The code is checked before anything is opened: a malformed one is a
 * usage error (exit 2), one the table lacks is an error (exit 1). */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/array.h"
#include "core/country.h"
#include "countries/country-profile.h"

/* A row of the record: a type and year, or a destination of returns. */
struct tally {
	enum rw_incident_type type;
	int year;
	char dest[3];
	int64_t incidents, accepted, people;
};

struct tallies {
	struct tally *v;
	size_t n, cap;
};

/* An open case of someone at risk in the country. */
struct at_risk {
	int64_t id;
	char status[24], level[12];
	long count;
};

struct record {
	struct tallies by_year;   /* by type, then year */
	struct tallies returns;   /* returns by destination */
	int64_t incidents, accepted;
	const char *iso;
	struct at_risk *at_risk;
	size_t n_at_risk;
};

static int
note_at_risk(const struct rw_case_row *row, void *ctx)
{
	static const char *const open[] = {"at-risk", "detained",
	    "deportation-ordered", "disappeared", NULL};
	struct record *r = ctx;
	struct at_risk *more;
	int risk = 0;

	for (size_t k = 0; open[k]; k++)
		risk |= strcmp(row->status, open[k]) == 0;
	if (row->closed || !risk || row->host == NULL ||
	    strcmp(row->host, r->iso) != 0)
		return 0;
	if ((more = realloc(r->at_risk, (r->n_at_risk + 1) *
	    sizeof(*more))) == NULL)
		return RW_ENOMEM;
	r->at_risk = more;
	more += r->n_at_risk++;
	more->id = row->id;
	snprintf(more->status, sizeof(more->status), "%s", row->status);
	snprintf(more->level, sizeof(more->level), "%s", row->level ?
	    row->level : "");
	more->count = row->count;
	return 0;
}

static int
add_to(struct tallies *t, const struct rw_incident_count *c, int by_dest)
{
	struct tally *last = t->n > 0 ? &t->v[t->n - 1] : NULL;

	for (size_t i = 0; by_dest && i < t->n; i++)
		if (strcmp(t->v[i].dest, c->dest) == 0)
			last = &t->v[i];
	if (last == NULL || (by_dest ? strcmp(last->dest, c->dest) != 0 :
	    last->type != c->type || last->year != c->year)) {
		if (rw_array_room(t->v, t->n, t->cap, 8) < 0)
			return RW_ENOMEM;
		last = &t->v[t->n++];
		memset(last, 0, sizeof(*last));
		last->type = c->type;
		last->year = c->year;
		memcpy(last->dest, c->dest, sizeof(last->dest));
	}
	last->incidents += c->incidents;
	last->accepted += c->accepted;
	last->people += c->people;
	return RW_OK;
}

/* Counts arrive ordered by type, year and destination. */
static int
collect(const struct rw_incident_count *c, void *ctx)
{
	struct record *r = ctx;

	r->incidents += c->incidents;
	r->accepted += c->accepted;
	if (add_to(&r->by_year, c, 0) < 0 ||
	    (c->type == RW_INCIDENT_RETURN && add_to(&r->returns, c, 1) < 0))
		return 1;
	return 0;
}

/* ---------- text ---------- */

static void
field(const char *label, const char *value)
{
	printf("  %-20s ", label);
	cli_print_safe(stdout, value != NULL ? value : "unknown", 0);
	putchar('\n');
}

static void
print_extradition(const struct rw_country *c)
{
	printf("  %-20s %s", "extradition", c->n_extradition ? "" :
	    "none recorded");
	for (size_t i = 0; i < c->n_extradition; i++) {
		const struct rw_country_link *l = &c->extradition[i];

		printf("%s%s %s", i > 0 ? "; " : "", l->state, l->status);
		if (l->note != NULL) {
			fputs(" (", stdout);
			cli_print_safe(stdout, l->note, 0);
			putchar(')');
		}
	}
	putchar('\n');
}

/* "SCO with BY, CN, IN": a pact's links come together, one per member. */
static void
print_pacts(const struct rw_country *c)
{
	printf("  %-20s %s", "security pacts", c->n_pacts ? "" :
	    "none recorded");
	for (size_t i = 0; i < c->n_pacts; i++) {
		const struct rw_country_link *l = &c->pacts[i];

		if (i > 0 && strcmp(c->pacts[i - 1].note, l->note) == 0)
			printf(", %s", l->state);
		else
			printf("%s%s with %s", i > 0 ? "; " : "", l->note, l->state);
	}
	putchar('\n');
}

static void
print_profile(const struct rw_country *c)
{
	cli_print_safe(stdout, c->name, 0);
	printf(" (%s)\n", c->iso);
	field("refugee convention", rw_treaty_status_name(c->refugee_convention));
	field("CAT", rw_treaty_status_name(c->cat));
	field("CAT article 22", c->cat_article22 == RW_TREATY_PARTY ?
	    "accepts individual complaints" : c->cat_article22 ==
	    RW_TREATY_UNKNOWN ? "unknown" : "does not accept individual "
	    "complaints");
	field("ICCPR", rw_treaty_status_name(c->iccpr));
	field("CED", rw_treaty_status_name(c->ced));
	field("domestic law", c->domestic_law);
	print_extradition(c);
	print_pacts(c);
	field("HK surrender", c->hk_surrender_suspended ? "suspended" :
	    "not suspended");
	field("Interpol", c->interpol_member ? "member" : "not a member");
	field("refugee status by", rw_rsd_name(c->rsd));
	field("documented returns", c->returns_note != NULL ? c->returns_note :
	    "none in the table");
	field("sources", c->sources);
	puts("  (re-check these facts against primary sources before advising)");
}

static void
print_tally(const struct tally *t, int by_dest)
{
	if (by_dest)
		printf("    %-20s", t->dest[0] ? t->dest : "(not stated)");
	else if (t->year != 0)
		printf("    %-17s %4d", rw_incident_type_name(t->type), t->year);
	else
		printf("    %-17s    -", rw_incident_type_name(t->type));
	printf("  %lld incident%s (%lld accepted), %lld %s\n",
	    (long long)t->incidents, t->incidents == 1 ? "" : "s",
	    (long long)t->accepted, (long long)t->people,
	    t->people == 1 ? "person" : "people");
}

static void
print_record(const struct rw_country *c, const struct record *r)
{
	printf("\nrecord in this store: %lld incident%s hosted in %s, not "
	    "rejected (%lld accepted by a person)\n", (long long)r->incidents,
	    r->incidents == 1 ? "" : "s", c->iso, (long long)r->accepted);
	if (r->by_year.n > 0)
		puts("  by type and year:");
	for (size_t i = 0; i < r->by_year.n; i++)
		print_tally(&r->by_year.v[i], 0);
	printf("  returns from %s by destination:%s\n", c->iso,
	    r->returns.n == 0 ? " none" : "");
	for (size_t i = 0; i < r->returns.n; i++)
		print_tally(&r->returns.v[i], 1);
	printf("\npeople currently at risk there:%s\n", r->n_at_risk ? "" :
	    " none recorded");
	for (size_t i = 0; i < r->n_at_risk; i++)
		printf("  case %lld  %s%s%s%s\n", (long long)r->at_risk[i].id,
		    r->at_risk[i].status, r->at_risk[i].level[0] ? ", " : "",
		    r->at_risk[i].level, r->at_risk[i].count > 1 ?
		    " (a group)" : "");
}

/* ---------- JSON ---------- */

static json_t *
links_json(const struct rw_country_link *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s?}", "state",
		    v[i].state, "status", v[i].status, "note", v[i].note));
	return a;
}

static json_t *
tallies_json(const struct tallies *t, int by_dest)
{
	json_t *a = json_array();

	for (size_t i = 0; i < t->n; i++) {
		const struct tally *x = &t->v[i];
		json_t *o = json_pack("{s:I, s:I, s:I}", "incidents",
		    (json_int_t)x->incidents, "accepted", (json_int_t)x->accepted,
		    "people", (json_int_t)x->people);

		if (by_dest) {
			json_object_set_new(o, "dest", x->dest[0] ?
			    json_string(x->dest) : json_null());
		} else {
			json_object_set_new(o, "type",
			    json_string(rw_incident_type_name(x->type)));
			json_object_set_new(o, "year", x->year != 0 ?
			    json_integer(x->year) : json_null());
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
country_json(const struct rw_country *c, const struct record *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?}",
	    "iso", c->iso, "name", c->name,
	    "refugee_convention", rw_treaty_status_name(c->refugee_convention),
	    "cat", rw_treaty_status_name(c->cat),
	    "cat_article22", rw_treaty_status_name(c->cat_article22),
	    "iccpr", rw_treaty_status_name(c->iccpr),
	    "ced", rw_treaty_status_name(c->ced),
	    "domestic_law", c->domestic_law);

	json_object_set_new(o, "extradition",
	    links_json(c->extradition, c->n_extradition));
	json_object_set_new(o, "pacts", links_json(c->pacts, c->n_pacts));
	json_object_update_new(o, json_pack("{s:b, s:b, s:s, s:s?, s:s}",
	    "hk_surrender_suspended", c->hk_surrender_suspended,
	    "interpol_member", c->interpol_member, "rsd", rw_rsd_name(c->rsd),
	    "returns_note", c->returns_note, "sources", c->sources));
	json_object_set_new(o, "record", json_pack("{s:I, s:I, s:o, s:o}",
	    "incidents", (json_int_t)r->incidents,
	    "accepted", (json_int_t)r->accepted,
	    "by_type_year", tallies_json(&r->by_year, 0),
	    "returns_by_destination", tallies_json(&r->returns, 1)));
	json_t *at_risk = json_array();
	for (size_t i = 0; i < r->n_at_risk; i++)
		json_array_append_new(at_risk, json_pack("{s:I s:s s:s? s:I}",
		    "case", (json_int_t)r->at_risk[i].id, "status",
		    r->at_risk[i].status, "level", r->at_risk[i].level[0] ?
		    r->at_risk[i].level : NULL, "count",
		    (json_int_t)r->at_risk[i].count));
	json_object_set_new(o, "at_risk", at_risk);
	return o;
}

/* ---------- the verb ---------- */

/* Checks the argument and upper-cases it into iso; EXIT_USAGE if bad. */
static int
country_code(const struct cli *cli, const char *arg, char iso[3])
{
	if (!cli_text_ok(arg) || strlen(arg) != 2 ||
	    !isalpha((unsigned char)arg[0]) || !isalpha((unsigned char)arg[1]))
		return cli_usage(cli, "give a country as its ISO 3166-1 alpha-2 "
		    "code, two letters such as TH");
	iso[0] = (char)toupper((unsigned char)arg[0]);
	iso[1] = (char)toupper((unsigned char)arg[1]);
	iso[2] = '\0';
	if (!rw_country_code_valid(iso))
		return cli_usage(cli, "%s is not an assigned ISO 3166-1 alpha-2 "
		    "code", iso);
	return 0;
}

static int
show(const struct cli *cli, const struct rw_country *c, int json)
{
	struct record r;
	struct rw_store *store;
	struct rw_error err;
	int rc;

	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	memset(&r, 0, sizeof(r));
	r.iso = c->iso;
	rw_error_clear(&err);
	rc = rw_store_incident_counts(store, c->iso, collect, &r, &err);
	if (rc == 0)
		rc = rw_store_case_list(store, NULL, note_at_risk, &r, &err);
	rw_store_close(store);
	if (rc != 0)
		cli_error(cli, "%s", rc < 0 ? err.message :
		    "out of memory counting incidents");
	else if (json)
		cli_print_json(country_json(c, &r));
	else {
		print_profile(c);
		print_record(c, &r);
	}
	free(r.by_year.v);
	free(r.returns.v);
	free(r.at_risk);
	if (rc != 0)
		return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_country(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct rw_country *c;
	struct rw_error err;
	char iso[3];
	int ch, json = 0, r;

	while ((ch = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (ch == 'j')
			json = 1;
		else if (ch == 'h')
			return cli_help("country");
		else
			return cli_bad_option(cli, argv);
	}
	if (argc - optind != 1)
		return cli_usage(cli, "give one country code, such as "
		    "`refuge country TH`");
	if ((r = country_code(cli, argv[optind], iso)) != 0)
		return r;
	rw_error_clear(&err);
	if ((c = rw_country_find(iso, &err)) == NULL) {
		cli_error(cli, "%s; `refuge country --help` says how to add a "
		    "row", err.message);
		return 1;
	}
	return show(cli, c, json);
}
