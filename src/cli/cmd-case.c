/* cmd-case.c: `refuge case add|show|list|update|link|close|history`: the
 * registry of people at risk, with names and sensitive fields sealed
 * (cases/case-store.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case-store.h"
#include "cli/cli.h"
#include "core/country.h"

enum {
	OPT_NAME = 256, OPT_ALIAS, OPT_DESCRIPTION, OPT_GROUP, OPT_COUNT,
	OPT_NATIONALITY, OPT_TAG, OPT_HOST, OPT_DEST, OPT_CUSTODY,
	OPT_LEGAL, OPT_STATUS, OPT_DEADLINE, OPT_REQUEST, OPT_ASSURANCES,
	OPT_CONTACT, OPT_LOCATION, OPT_NOTE, OPT_JSON, OPT_SENSITIVE,
	OPT_INCIDENT, OPT_SOURCE, OPT_FROM_INCIDENT,
};

static const struct option case_options[] = {
	{"help", no_argument, NULL, 'h'},
	{"name", required_argument, NULL, OPT_NAME},
	{"alias", required_argument, NULL, OPT_ALIAS},
	{"description", required_argument, NULL, OPT_DESCRIPTION},
	{"group", required_argument, NULL, OPT_GROUP},
	{"count", required_argument, NULL, OPT_COUNT},
	{"nationality", required_argument, NULL, OPT_NATIONALITY},
	{"tag", required_argument, NULL, OPT_TAG},
	{"host", required_argument, NULL, OPT_HOST},
	{"dest", required_argument, NULL, OPT_DEST},
	{"custody", required_argument, NULL, OPT_CUSTODY},
	{"legal-status", required_argument, NULL, OPT_LEGAL},
	{"status", required_argument, NULL, OPT_STATUS},
	{"deadline", required_argument, NULL, OPT_DEADLINE},
	{"request", required_argument, NULL, OPT_REQUEST},
	{"assurances", no_argument, NULL, OPT_ASSURANCES},
	{"contact", required_argument, NULL, OPT_CONTACT},
	{"location", required_argument, NULL, OPT_LOCATION},
	{"note", required_argument, NULL, OPT_NOTE},
	{"json", no_argument, NULL, OPT_JSON},
	{"sensitive", no_argument, NULL, OPT_SENSITIVE},
	{"incident", required_argument, NULL, OPT_INCIDENT},
	{"source", required_argument, NULL, OPT_SOURCE},
	{"from-incident", required_argument, NULL, OPT_FROM_INCIDENT},
	{NULL, 0, NULL, 0},
};

/* What the options asked for besides the case's fields. */
struct wants {
	int json, sensitive;
	long incident, source, from_incident;
	const char *name;       /* for list: find by name */
};

/* Longest value a case field takes, in bytes. */
#define FIELD_MAX 4096

static int
text_option(const struct cli *cli, const char *option, const char *value)
{
	if (value[0] == '\0' || strlen(value) > FIELD_MAX ||
	    !cli_text_ok(value))
		return cli_usage(cli, "--%s needs printable UTF-8 text of 1 to "
		    "%d bytes", option, FIELD_MAX);
	return 0;
}

static int
replace(char **field, const char *value)
{
	free(*field);
	*field = strdup(value);
	return *field == NULL ? 1 : 0;
}

static int
iso_option(const struct cli *cli, const char *option, const char *value,
    char out[3])
{
	if (strlen(value) != 2 || !rw_country_code_valid(value))
		return cli_usage(cli, "--%s takes an ISO 3166-1 code such as TH",
		    option);
	memcpy(out, value, 3);
	return 0;
}

static int
add_request(const struct cli *cli, struct rw_case *c, const char *value)
{
	struct rw_request r, *more;
	struct rw_error err;

	if (rw_request_parse(value, &r, &err) < 0)
		return cli_usage(cli, "--request: %s", err.message);
	more = realloc(c->requests, (c->n_requests + 1) * sizeof(*more));
	if (more == NULL) {
		free(r.charges);
		return 1;
	}
	c->requests = more;
	c->requests[c->n_requests++] = r;
	return 0;
}

static int
add_deadline(const struct cli *cli, struct rw_case *c, const char *value)
{
	struct rw_deadline d, *more;
	struct rw_error err;

	if (rw_deadline_parse(value, &d, &err) < 0)
		return cli_usage(cli, "--deadline: %s", err.message);
	more = realloc(c->deadlines, (c->n_deadlines + 1) * sizeof(*more));
	if (more == NULL)
		return 1;
	c->deadlines = more;
	c->deadlines[c->n_deadlines++] = d;
	return 0;
}

static int
add_text(const struct cli *cli, const char *option, struct rw_strings *list,
    const char *value)
{
	struct rw_error err;

	if (text_option(cli, option, value))
		return EXIT_USAGE;
	return rw_strings_add(list, value, &err) < 0 ? 1 : 0;
}

/* Applies one option to c (or w); returns 0, or an exit status. */
static int
apply(const struct cli *cli, int opt, const char *v, struct rw_case *c,
    struct wants *w)
{
	long n;

	switch (opt) {
	case OPT_NAME: return add_text(cli, "name", &c->names, v);
	case OPT_ALIAS: return add_text(cli, "alias", &c->aliases, v);
	case OPT_TAG: return add_text(cli, "tag", &c->tags, v);
	case OPT_CONTACT: return add_text(cli, "contact", &c->contacts, v);
	case OPT_LOCATION: return add_text(cli, "location", &c->locations, v);
	case OPT_NOTE: return add_text(cli, "note", &c->notes, v);
	case OPT_DESCRIPTION:
		return text_option(cli, "description", v) ? EXIT_USAGE :
		    replace(&c->description, v);
	case OPT_GROUP:
		return text_option(cli, "group", v) ? EXIT_USAGE :
		    replace(&c->group, v);
	case OPT_CUSTODY:
		return text_option(cli, "custody", v) ? EXIT_USAGE :
		    replace(&c->custody, v);
	case OPT_COUNT:
		if (cli_int_option(cli, "--count", v, 1, 1000000, &n))
			return EXIT_USAGE;
		c->count = n;
		return 0;
	case OPT_NATIONALITY:
		return iso_option(cli, "nationality", v, c->nationality);
	case OPT_HOST: return iso_option(cli, "host", v, c->host);
	case OPT_DEST: return iso_option(cli, "dest", v, c->dest);
	case OPT_LEGAL:
		return rw_legal_status_parse(v, &c->legal_status) ? 0 :
		    cli_usage(cli, "--legal-status is one of unhcr-refugee, "
		    "asylum-seeker, undocumented, host-citizen, other, unknown");
	case OPT_STATUS:
		return rw_case_status_parse(v, &c->status) ? 0 :
		    cli_usage(cli, "--status is one of at-risk, detained, "
		    "deportation-ordered, returned, disappeared, released, "
		    "resettled, protected");
	case OPT_DEADLINE: return add_deadline(cli, c, v);
	case OPT_REQUEST: return add_request(cli, c, v);
	case OPT_ASSURANCES:
		if (c->n_requests == 0)
			return cli_usage(cli, "--assurances follows the --request "
			    "they came with");
		c->requests[c->n_requests - 1].assurances = true;
		return 0;
	case OPT_JSON: w->json = 1; return 0;
	case OPT_SENSITIVE: w->sensitive = 1; return 0;
	case OPT_INCIDENT:
		return cli_int_option(cli, "--incident", v, 1, INT64_MAX / 2,
		    &w->incident) ? EXIT_USAGE : 0;
	case OPT_SOURCE:
		return cli_int_option(cli, "--source", v, 1, INT64_MAX / 2,
		    &w->source) ? EXIT_USAGE : 0;
	case OPT_FROM_INCIDENT:
		return cli_int_option(cli, "--from-incident", v, 1,
		    INT64_MAX / 2, &w->from_incident) ? EXIT_USAGE : 0;
	}
	return EXIT_USAGE;
}

static int
parse(const struct cli *cli, int argc, char **argv, struct rw_case *c,
    struct wants *w)
{
	int opt, r;

	while ((opt = getopt_long(argc, argv, "h", case_options, NULL)) != -1) {
		if (opt == 'h')
			return cli_help("case") == 0 ? -2 : 1;
		if (opt == '?')
			return cli_bad_option(cli, argv);
		if ((r = apply(cli, opt, optarg, c, w)) != 0)
			return r;
	}
	return 0;
}

/* ---- opening a case from an incident ---- */

/* Fills c's empty fields from incident id: its people (or its group and
 * count), host, destination and a status its type implies; links it. */
static int
from_incident(const struct cli *cli, struct rw_store *store, long id,
    struct rw_case *c)
{
	struct rw_incident_record *inc = NULL;
	struct rw_error err;
	const struct rw_incident *f;
	int r = 0;

	rw_error_clear(&err);
	if (rw_store_incident_get(store, id, &inc, &err) < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	f = &inc->fields;
	for (size_t k = 0; k < f->n_persons && c->names.n == 0 && r == 0; k++)
		r = rw_strings_add(&c->names, f->persons[k], &err) < 0;
	for (size_t k = 1; k < f->n_persons && r == 0; k++)
		r = rw_strings_add(&c->aliases, f->persons[k], &err) < 0;
	if (r == 0 && c->group == NULL && f->group[0] != '\0')
		r = replace(&c->group, f->group);
	if (c->count == 0 && f->count > 1)
		c->count = f->count;
	if (c->host[0] == '\0' && f->type != RW_INCIDENT_RETURN)
		memcpy(c->host, f->host, 3);
	if (c->dest[0] == '\0')
		memcpy(c->dest, f->dest, 3);
	if (c->status == RW_CASE_AT_RISK)
		c->status = f->type == RW_INCIDENT_DETENTION ?
		    RW_CASE_DETAINED : f->type == RW_INCIDENT_RETURN ?
		    RW_CASE_RETURNED : f->type == RW_INCIDENT_DISAPPEARANCE ?
		    RW_CASE_DISAPPEARED : RW_CASE_AT_RISK;
	if (r == 0 && !rw_case_has_identity(c)) {
		char text[160];
		snprintf(text, sizeof(text), "people of incident %ld", id);
		r = replace(&c->description, text);
	}
	rw_incident_record_free(inc);
	return r;
}

/* ---- showing ---- */

static json_t *
strings_json(const struct rw_strings *list)
{
	json_t *a = json_array();

	for (size_t k = 0; k < list->n; k++)
		json_array_append_new(a, json_string(list->items[k]));
	return a;
}

static json_t *
ids_json(const int64_t *ids, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, json_integer(ids[k]));
	return a;
}

static json_t *
opt(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
case_json(const struct rw_case *c, const char *level, int score,
    int sensitive)
{
	json_t *o = json_pack("{s:I s:o s:o s:o s:o s:I s:o s:o s:o s:o s:o "
	    "s:s s:s s:b s:o s:o}",
	    "id", (json_int_t)c->id, "names", strings_json(&c->names),
	    "aliases", strings_json(&c->aliases),
	    "description", opt(c->description), "group", opt(c->group),
	    "count", (json_int_t)c->count, "nationality", opt(c->nationality),
	    "tags", strings_json(&c->tags), "host", opt(c->host),
	    "dest", opt(c->dest), "custody", opt(c->custody),
	    "legal_status", rw_legal_status_name(c->legal_status),
	    "status", rw_case_status_name(c->status), "closed", c->closed,
	    "level", opt(level), "score", level ? json_integer(score) :
	    json_null());
	json_t *dl = json_array(), *rq = json_array();

	for (size_t k = 0; k < c->n_deadlines; k++)
		json_array_append_new(dl, json_pack("{s:s s:s}", "kind",
		    rw_deadline_kind_name(c->deadlines[k].kind), "date",
		    c->deadlines[k].date));
	for (size_t k = 0; k < c->n_requests; k++)
		json_array_append_new(rq, json_pack("{s:s s:s s:o s:b}", "kind",
		    rw_request_kind_name(c->requests[k].kind), "state",
		    c->requests[k].state, "charges", opt(c->requests[k].charges),
		    "assurances", c->requests[k].assurances));
	json_object_set_new(o, "deadlines", dl);
	json_object_set_new(o, "requests", rq);
	json_object_set_new(o, "created_at", opt(c->created_at));
	json_object_set_new(o, "updated_at", opt(c->updated_at));
	if (sensitive) {
		json_object_set_new(o, "contacts", strings_json(&c->contacts));
		json_object_set_new(o, "locations", strings_json(&c->locations));
		json_object_set_new(o, "notes", strings_json(&c->notes));
	}
	return o;
}

static void
print_list(const char *label, const struct rw_strings *list)
{
	if (list->n == 0)
		return;
	printf("  %-14s", label);
	for (size_t k = 0; k < list->n; k++) {
		fputs(k ? "; " : "", stdout);
		cli_print_safe(stdout, list->items[k], 0);
	}
	fputc('\n', stdout);
}

static void
print_case(const struct rw_case *c, const char *level, int score,
    int sensitive)
{
	printf("case %lld  %s%s", (long long)c->id,
	    rw_case_status_name(c->status), c->closed ? " (closed)" : "");
	if (level != NULL)
		printf("  %s (%d)", level, score);
	fputs("\n  ", stdout);
	cli_print_safe(stdout, c->names.n ? c->names.items[0] :
	    c->description, 0);
	if (c->count > 1)
		printf(" (%ld people)", c->count);
	fputc('\n', stdout);
	print_list("aliases", &c->aliases);
	if (c->names.n && c->description) {
		printf("  %-14s", "description");
		cli_print_safe(stdout, c->description, 0);
		fputc('\n', stdout);
	}
	printf("  %-14s%s -> %s, %s\n", "where", c->host[0] ? c->host : "?",
	    c->dest[0] ? c->dest : "?", rw_legal_status_name(c->legal_status));
	if (c->group) {
		printf("  %-14s", "group");
		cli_print_safe(stdout, c->group, 0);
		fputc('\n', stdout);
	}
	print_list("tags", &c->tags);
	for (size_t k = 0; k < c->n_deadlines; k++)
		printf("  %-14s%s %s\n", "deadline",
		    rw_deadline_kind_name(c->deadlines[k].kind),
		    c->deadlines[k].date);
	for (size_t k = 0; k < c->n_requests; k++) {
		printf("  %-14s%s from %s%s", "request",
		    rw_request_kind_name(c->requests[k].kind),
		    c->requests[k].state, c->requests[k].assurances ?
		    " with assurances" : "");
		if (c->requests[k].charges) {
			fputs(": ", stdout);
			cli_print_safe(stdout, c->requests[k].charges, 0);
		}
		fputc('\n', stdout);
	}
	if (sensitive) {
		print_list("contacts", &c->contacts);
		print_list("locations", &c->locations);
		print_list("notes", &c->notes);
	} else if (c->contacts.n + c->locations.n + c->notes.n > 0) {
		printf("  (%zu sensitive field(s) hidden: --sensitive shows "
		    "them)\n", c->contacts.n + c->locations.n + c->notes.n);
	}
}

/* ---- the subcommands ---- */

struct session {
	struct cli *cli;
	struct rw_store *store;
	struct rw_keyring *key;
	struct rw_case c;
	struct wants w;
};

static int
show_one(struct session *s, int64_t id)
{
	int64_t *incidents = NULL, *sources = NULL;
	size_t n_incidents = 0, n_sources = 0;
	struct rw_error err;
	json_t *o;

	rw_error_clear(&err);
	if (rw_case_load(s->store, s->key, id, &s->c, &err) < 0 ||
	    rw_store_case_links(s->store, id, &incidents, &n_incidents,
	    &sources, &n_sources, &err) < 0) {
		cli_error(s->cli, "%s", err.message);
		return 1;
	}
	if (s->w.json) {
		o = case_json(&s->c, NULL, 0, s->w.sensitive);
		json_object_set_new(o, "incidents", ids_json(incidents,
		    n_incidents));
		json_object_set_new(o, "sources", ids_json(sources, n_sources));
		cli_print_json(o);
	} else {
		print_case(&s->c, NULL, 0, s->w.sensitive);
		for (size_t k = 0; k < n_incidents; k++)
			printf("  %-14s%lld\n", "incident",
			    (long long)incidents[k]);
		for (size_t k = 0; k < n_sources; k++)
			printf("  %-14s%lld\n", "source", (long long)sources[k]);
	}
	free(incidents);
	free(sources);
	return 0;
}

static int
print_listed(const struct rw_case *c, const char *level, int score, void *ctx)
{
	struct session *s = ctx;

	if (s->w.json)
		cli_print_json(case_json(c, level, score, 0));
	else
		print_case(c, level, score, 0);
	return 0;
}

static int
print_change(const char *at, const char *who, const char *changes, void *ctx)
{
	struct session *s = ctx;

	if (s->w.json) {
		cli_print_json(json_pack("{s:s s:s s:o}", "at", at, "who", who,
		    "changes", json_loads(changes, 0, NULL)));
		return 0;
	}
	printf("%s  ", at);
	cli_print_safe(stdout, who, 0);
	fputs("  ", stdout);
	cli_print_safe(stdout, changes, 0);
	fputc('\n', stdout);
	return 0;
}

static int
save(struct session *s, int report_id)
{
	struct rw_error err;
	int changed = 0;

	rw_error_clear(&err);
	if (rw_case_save(s->store, s->key, &s->c, cli_user(), &changed,
	    &err) < 0) {
		cli_error(s->cli, "%s", err.message);
		return 1;
	}
	/* the incident it came from, and every incident naming its people */
	if ((s->w.from_incident && rw_store_case_link(s->store, s->c.id,
	    s->w.from_incident, 0, &err) < 0) ||
	    rw_case_link_named(s->store, s->key, NULL, &err) < 0 ||
	    cli_screen_case(s->store, &s->c, &err) < 0) {
		cli_error(s->cli, "%s", err.message);
		return 1;
	}
	if (report_id && s->w.json)
		cli_print_json(json_pack("{s:I}", "id", (json_int_t)s->c.id));
	else if (report_id)
		printf("%lld\n", (long long)s->c.id);
	else if (!s->w.json)
		printf("case %lld %s\n", (long long)s->c.id, changed ?
		    "updated" : "unchanged");
	else
		cli_print_json(json_pack("{s:I s:b}", "id", (json_int_t)s->c.id,
		    "changed", changed));
	return 0;
}

/* The case id of argv[optind], or -1 after a usage message. */
static long
case_id(struct cli *cli, int argc, char **argv)
{
	long id;

	if (optind >= argc)
		return cli_usage(cli, "give the case's id"), -1;
	if (cli_int_option(cli, "case id", argv[optind], 1, INT64_MAX / 2,
	    &id))
		return -1;
	return id;
}

static int
run(struct session *s, const char *sub, int argc, char **argv)
{
	struct rw_error err;
	long id;

	rw_error_clear(&err);
	if (strcmp(sub, "add") == 0) {
		if (optind != argc)
			return cli_usage(s->cli, "case add takes options only");
		if (s->w.from_incident && from_incident(s->cli, s->store,
		    s->w.from_incident, &s->c))
			return 1;
		if (!rw_case_has_identity(&s->c))
			return cli_usage(s->cli, "a case needs --name or "
			    "--description (or --from-incident)");
		return save(s, 1);
	}
	if (strcmp(sub, "list") == 0) {
		const char *name = s->c.names.n ? s->c.names.items[0] : NULL;
		if (rw_case_each(s->store, s->key, name, print_listed, s,
		    &err) < 0) {
			cli_error(s->cli, "%s", err.message);
			return 1;
		}
		return 0;
	}
	if ((id = case_id(s->cli, argc, argv)) < 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(s->cli, "case %s takes one case id", sub);
	if (strcmp(sub, "show") == 0)
		return show_one(s, id);
	if (strcmp(sub, "history") == 0) {
		if (rw_case_history(s->store, s->key, id, print_change, s,
		    &err) < 0) {
			cli_error(s->cli, "%s", err.message);
			return 1;
		}
		return 0;
	}
	if (strcmp(sub, "link") == 0) {
		if (!s->w.incident && !s->w.source)
			return cli_usage(s->cli, "case link needs --incident ID "
			    "or --source ID");
		if (rw_store_case_link(s->store, id, s->w.incident,
		    s->w.source, &err) < 0) {
			cli_error(s->cli, "%s", err.message);
			return 1;
		}
		if (s->w.json)
			cli_print_json(json_pack("{s:I s:b}", "id",
			    (json_int_t)id, "linked", 1));
		else
			printf("case %ld linked\n", id);
		return 0;
	}
	return EXIT_USAGE;
}

/* update and close: the stored case with the options' changes. Scalar
 * options replace a field; repeatable ones add to it. */
static int
update(struct session *s, const char *sub, int argc, char **argv)
{
	struct rw_case changes = s->c;
	struct rw_error err;
	long id;
	int r;

	if ((id = case_id(s->cli, argc, argv)) < 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(s->cli, "case %s takes one case id", sub);
	rw_error_clear(&err);
	rw_case_init(&s->c);
	if (rw_case_load(s->store, s->key, id, &s->c, &err) < 0) {
		cli_error(s->cli, "%s", err.message);
		s->c = changes;
		return 1;
	}
	/* re-read the options onto the stored case (0: getopt starts over) */
	optind = 0;
	r = parse(s->cli, argc, argv, &s->c, &s->w);
	if (strcmp(sub, "close") == 0)
		s->c.closed = true;
	rw_case_free(&changes);
	return r != 0 ? r : save(s, 0);
}

int
cmd_case(struct cli *cli, int argc, char **argv)
{
	static const char *const subs[] = {"add", "show", "list", "update",
	    "link", "close", "history", NULL};
	struct session s = {.cli = cli};
	const char *sub;
	int r, known = 0;

	if (argc < 2 || argv[1][0] == '-')
		return argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) ? cli_help("case") :
		    cli_usage(cli, "give one of add, show, list, update, link, "
		    "close, history");
	sub = argv[1];
	for (size_t k = 0; subs[k]; k++)
		known |= strcmp(subs[k], sub) == 0;
	if (!known)
		return cli_usage(cli, "unknown subcommand (one of add, show, "
		    "list, update, link, close, history)");
	argc--;
	argv++;
	rw_case_init(&s.c);
	r = parse(cli, argc, argv, &s.c, &s.w);
	if (r == -2 || r != 0) {
		rw_case_free(&s.c);
		return r == -2 ? 0 : r;
	}
	if ((s.store = cli_open_store(cli, 0)) == NULL ||
	    (s.key = cli_open_key(cli, s.store, 0)) == NULL) {
		rw_store_close(s.store);
		rw_case_free(&s.c);
		return 1;
	}
	if (strcmp(sub, "update") == 0 || strcmp(sub, "close") == 0)
		r = update(&s, sub, argc, argv);
	else
		r = run(&s, sub, argc, argv);
	rw_case_free(&s.c);
	rw_keyring_free(s.key);
	rw_store_close(s.store);
	return r;
}
