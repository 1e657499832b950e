/* cmd-incidents.c: the review queue: `refuge incidents` (list),
 * `refuge incident accept|reject|edit|show|split`, `refuge entities` and
 * `refuge extract --all` (read every stored source again).
 *
 * Values from the command line are checked before the store is opened;
 * a wrong one is a usage error (exit 2) and changes nothing. Text from
 * documents is printed through cli_print_safe. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "core/array.h"
#include "core/country.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "store/incident-record.h"

#define QUOTE_COLUMN 160
#define ID_MAX INT64_MAX

/* ---------- printing ---------- */

/* One line: type, mechanism, date, host -> dest, persons, group, count. */
static void
print_fields(const struct rw_incident *f)
{
	char date[RW_DATE_TEXT_MAX] = "-";
	const char *mech = rw_mechanism_name(f->mechanism);

	if (f->date.year != 0)
		rw_date_format(&f->date, date);
	printf("%s", rw_incident_type_name(f->type));
	if (mech != NULL)
		printf(" (%s)", mech);
	printf("  %s  %s", date, f->host[0] ? f->host : "?");
	if (f->dest[0])
		printf(" -> %s", f->dest);
	for (size_t k = 0; k < f->n_persons; k++) {
		fputs(k > 0 ? ", " : "  ", stdout);
		cli_print_safe(stdout, f->persons[k], 0);
	}
	if (f->group[0]) {
		fputs("  [", stdout);
		cli_print_safe(stdout, f->group, 0);
		putchar(']');
	}
	if (f->count > 0)
		printf("  x%ld", f->count);
}

static int
print_incident_line(const struct rw_incident_record *inc, void *ctx)
{
	struct cli_listing *l = ctx;

	l->count++;
	if (l->json) {
		cli_print_json(rw_incident_record_to_json(inc));
		return ferror(stdout) ? 1 : 0;
	}
	printf("#%lld  %s%s  ", (long long)inc->id,
	    rw_incident_status_name(inc->status),
	    inc->reviewed && inc->status == RW_STATUS_PROPOSED ? " (reviewed)" : "");
	print_fields(&inc->fields);
	fputs("  sources ", stdout);
	for (size_t k = 0; k < inc->n_links; k++)
		printf("%s%lld", k > 0 ? ", " : "", (long long)inc->links[k].source_id);
	putchar('\n');
	if (inc->n_links > 0) {
		fputs("    \"", stdout);
		cli_print_safe(stdout, inc->links[0].quote, QUOTE_COLUMN);
		fputs("\"\n", stdout);
	}
	return ferror(stdout) ? 1 : 0;
}

/* Prints a stored JSON text (changes of a review) compactly. */
static void
print_changes(const char *action, const char *changes)
{
	json_t *obj = json_loads(changes != NULL ? changes : "{}", 0, NULL);
	const char *key;
	json_t *v;
	int first = 1;

	if (!json_is_object(obj)) {
		json_decref(obj);
		return;
	}
	json_object_foreach(obj, key, v) {
		char *before = json_dumps(json_object_get(v, "before"),
		    JSON_ENCODE_ANY | JSON_COMPACT);
		char *after = json_dumps(json_object_get(v, "after"),
		    JSON_ENCODE_ANY | JSON_COMPACT);
		char *whole = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

		fputs(first ? ": " : "; ", stdout);
		first = 0;
		cli_print_safe(stdout, key, 0);
		putchar(' ');
		if (strcmp(action, "split") != 0 && before != NULL && after != NULL) {
			cli_print_safe(stdout, before, 0);
			fputs(" -> ", stdout);
			cli_print_safe(stdout, after, 0);
		} else if (whole != NULL) {
			cli_print_safe(stdout, whole, 0);
		}
		free(before);
		free(after);
		free(whole);
	}
	json_decref(obj);
}

static void
print_record(const struct rw_incident_record *inc)
{
	printf("%-12s %lld\n", "incident", (long long)inc->id);
	printf("%-12s %s%s\n", "status", rw_incident_status_name(inc->status),
	    inc->reviewed ? " (reviewed)" : " (not yet reviewed)");
	printf("%-12s ", "fields");
	print_fields(&inc->fields);
	putchar('\n');
	printf("%-12s %.2f\n", "confidence", inc->fields.confidence);
	printf("%-12s %s\n", "rules", inc->rules ? inc->rules : "-");
	printf("%-12s %s\n", "created", inc->created_at ? inc->created_at : "-");
	printf("%-12s %s\n", "updated", inc->updated_at ? inc->updated_at : "-");
	printf("\nsources (%zu):\n", inc->n_links);
	for (size_t k = 0; k < inc->n_links; k++) {
		const struct rw_incident_link *l = &inc->links[k];

		printf("  source %lld, characters %lld-%lld:\n    \"",
		    (long long)l->source_id, (long long)l->quote_start,
		    (long long)l->quote_end);
		cli_print_safe(stdout, l->quote ? l->quote : "", 0);
		fputs("\"\n", stdout);
	}
	printf("\nreviews (%zu):\n", inc->n_reviews);
	for (size_t k = 0; k < inc->n_reviews; k++) {
		const struct rw_review *r = &inc->reviews[k];

		printf("  %s  ", r->at ? r->at : "-");
		cli_print_safe(stdout, r->who ? r->who : "-", 0);
		printf("  %s", r->action ? r->action : "-");
		print_changes(r->action ? r->action : "", r->changes);
		putchar('\n');
	}
	fputs("\nmachine proposal: ", stdout);
	cli_print_safe(stdout, inc->proposal ? inc->proposal : "-", 0);
	putchar('\n');
}

/* ---------- option values ---------- */

static const char *
shown(const char *s)
{
	return cli_text_ok(s) && strlen(s) < 200 ? s : "(unprintable or too long)";
}

static int
id_argument(struct cli *cli, const char *what, const char *value,
    int64_t *ret)
{
	long n;
	int r = cli_int_option(cli, what, value, 1, ID_MAX, &n);

	if (r == 0)
		*ret = (int64_t)n;
	return r;
}

/* The one incident id left after the options; 0, or a usage error's exit
 * status. */
static int
incident_operand(struct cli *cli, int argc, char **argv, int64_t *ret)
{
	if (optind != argc - 1)
		return cli_usage(cli, "give one incident id");
	if (id_argument(cli, "the incident id", argv[optind], ret) != 0)
		return EXIT_USAGE;
	return 0;
}

static int
country_option(struct cli *cli, const char *option, const char *value,
    char out[3])
{
	if (strcmp(value, "none") == 0 || value[0] == '\0') {
		out[0] = '\0';
		return 0;
	}
	if (!rw_country_code_valid(value))
		return cli_usage(cli, "%s: \"%s\" is not an ISO 3166-1 alpha-2 "
		    "country code (two capital letters, such as TH or CN; none "
		    "clears it)", option, shown(value));
	memcpy(out, value, 3);
	return 0;
}

/* Splits "A; B" into the persons of f. */
static int
persons_option(struct cli *cli, const char *value, struct rw_incident *f)
{
	const char *p = value;

	if (!cli_text_ok(value))
		return cli_usage(cli, "--persons must be printable UTF-8");
	f->n_persons = 0;
	while (*p != '\0') {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0) {
			if (f->n_persons == RW_INCIDENT_PERSONS)
				return cli_usage(cli, "--persons: at most %d names",
				    RW_INCIDENT_PERSONS);
			if (len >= RW_PERSON_NAME_MAX)
				return cli_usage(cli, "--persons: a name may have at "
				    "most %d bytes", RW_PERSON_NAME_MAX - 1);
			memcpy(f->persons[f->n_persons], p, len);
			f->persons[f->n_persons][len] = '\0';
			f->n_persons++;
		}
		p = end ? end + 1 : p + strlen(p);
	}
	return 0;
}

/* Reads the edit options into e; returns -1 to go on, or an exit code. */
static int
edit_options(struct cli *cli, int argc, char **argv,
    struct rw_incident_edit *e)
{
	static const struct option options[] = {
		{"type", required_argument, NULL, 't'},
		{"mechanism", required_argument, NULL, 'm'},
		{"date", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'H'},
		{"dest", required_argument, NULL, 'D'},
		{"persons", required_argument, NULL, 'p'},
		{"group", required_argument, NULL, 'g'},
		{"count", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct rw_incident *v = &e->values;
	long count;
	int c;

	memset(e, 0, sizeof(*e));
	v->count = -1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int none = optarg != NULL && (strcmp(optarg, "none") == 0 ||
		    optarg[0] == '\0');

		switch (c) {
		case 't':
			if (rw_incident_type_parse(optarg, &v->type) < 0)
				return cli_usage(cli, "--type: \"%s\" is not an incident "
				    "type (detention, return, threatened_return, "
				    "warrant, disappearance, conviction, release)",
				    shown(optarg));
			e->fields |= RW_FIELD_TYPE;
			break;
		case 'm':
			v->mechanism = RW_MECHANISM_NONE;
			if (!none && rw_mechanism_parse(optarg, &v->mechanism) < 0)
				return cli_usage(cli, "--mechanism: \"%s\" is not a "
				    "mechanism (deportation, extradition, rendition, "
				    "unknown, or none)", shown(optarg));
			e->fields |= RW_FIELD_MECHANISM;
			break;
		case 'd':
			memset(&v->date, 0, sizeof(v->date));
			if (!none && rw_date_parse(optarg, &v->date) < 0)
				return cli_usage(cli, "--date: cannot read the date "
				    "\"%s\": write YYYY, YYYY-MM or YYYY-MM-DD (none "
				    "clears it)", shown(optarg));
			e->fields |= RW_FIELD_DATE;
			break;
		case 'H':
			if (country_option(cli, "--host", optarg, v->host) != 0)
				return EXIT_USAGE;
			e->fields |= RW_FIELD_HOST;
			break;
		case 'D':
			if (country_option(cli, "--dest", optarg, v->dest) != 0)
				return EXIT_USAGE;
			e->fields |= RW_FIELD_DEST;
			break;
		case 'p':
			if (persons_option(cli, optarg, v) != 0)
				return EXIT_USAGE;
			e->fields |= RW_FIELD_PERSONS;
			break;
		case 'g':
			if (!cli_text_ok(optarg) || strlen(optarg) >= RW_GROUP_NAME_MAX)
				return cli_usage(cli, "--group must be printable UTF-8 "
				    "of at most %d bytes", RW_GROUP_NAME_MAX - 1);
			if (!none)
				memcpy(v->group, optarg, strlen(optarg) + 1);
			e->fields |= RW_FIELD_GROUP;
			break;
		case 'c':
			count = -1;
			if (!none && cli_int_option(cli, "--count", optarg, 1,
			    1000000000L, &count) != 0)
				return EXIT_USAGE;
			v->count = count;
			e->fields |= RW_FIELD_COUNT;
			break;
		case 'h':
			return cli_help("incident");
		default:
			return cli_bad_option(cli, argv);
		}
	}
	if (e->fields == 0)
		return cli_usage(cli, "say what to change: --type, --mechanism, "
		    "--date, --host, --dest, --persons, --group or --count");
	return -1;
}

/* ---------- verbs ---------- */

/* Parses --json and --help; returns -1 to go on. */
static int
json_option(struct cli *cli, int argc, char **argv, int *json,
    const char *page)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'j')
			*json = 1;
		else if (c == 'h')
			return cli_help(page);
		else
			return cli_bad_option(cli, argv);
	}
	return -1;
}

int
cmd_incidents(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"status", required_argument, NULL, 's'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct cli_listing l = {0, 0};
	enum rw_incident_status status;
	struct rw_store *store;
	struct rw_error err;
	int c, want = -1, r;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 's':
			if (rw_incident_status_parse(optarg, &status) < 0)
				return cli_usage(cli, "--status must be proposed, "
				    "accepted or rejected, not \"%s\"", shown(optarg));
			want = (int)status;
			break;
		case 'j':
			l.json = 1;
			break;
		case 'h':
			return cli_help("incidents");
		default:
			return cli_bad_option(cli, argv);
		}
	}
	if (optind != argc)
		return cli_usage(cli, "takes no arguments");
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_incident_list(store, want, print_incident_line, &l, &err);
	rw_store_close(store);
	if (r < 0)
		cli_error(cli, "%s", err.message);
	if (r != 0)
		return 1;
	if (!l.json)
		printf("%zu %s%sincident%s\n", l.count,
		    want >= 0 ? rw_incident_status_name(want) : "",
		    want >= 0 ? " " : "", l.count == 1 ? "" : "s");
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
incident_show(struct cli *cli, int argc, char **argv)
{
	struct rw_incident_record *inc = NULL;
	struct rw_store *store;
	struct rw_error err;
	int json = 0, r = json_option(cli, argc, argv, &json, "incident");
	int64_t id;

	if (r >= 0)
		return r;
	if ((r = incident_operand(cli, argc, argv, &id)) != 0)
		return r;
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_incident_get(store, id, &inc, &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (json)
		cli_print_json(rw_incident_record_to_json(inc));
	else
		print_record(inc);
	rw_incident_record_free(inc);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
incident_decide(struct cli *cli, int argc, char **argv,
    enum rw_review_action action)
{
	struct rw_store *store;
	struct rw_error err;
	int changed = 0, json = 0, r;
	int64_t id;
	const char *word = action == RW_REVIEW_ACCEPT ? "accepted" : "rejected";

	r = json_option(cli, argc, argv, &json, "incident");
	if (r >= 0)
		return r;
	if (json)
		return cli_usage(cli, "takes no --json");
	if ((r = incident_operand(cli, argc, argv, &id)) != 0)
		return r;
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_incident_review(store, id, action, cli_user(), NULL,
	    &changed, &err);
	if (r == RW_OK && changed && cli_cases_refresh(cli, store))
		r = rw_error_set(&err, RW_EIO, "the cases were not updated");
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	if (changed) {
		printf("incident %lld: %s by ", (long long)id, word);
		cli_print_safe(stdout, cli_user(), 0);
		putchar('\n');
	} else {
		printf("incident %lld was already %s; nothing recorded\n",
		    (long long)id, word);
	}
	return 0;
}

static int
incident_edit(struct cli *cli, int argc, char **argv)
{
	struct rw_incident_record *inc = NULL;
	struct rw_incident_edit e;
	struct rw_store *store;
	struct rw_error err;
	enum rw_incident_type type;
	enum rw_mechanism mech;
	int changed = 0, r = edit_options(cli, argc, argv, &e);
	int64_t id;

	if (r >= 0)
		return r;
	if ((r = incident_operand(cli, argc, argv, &id)) != 0)
		return r;
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_incident_get(store, id, &inc, &err);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		rw_store_close(store);
		return 1;
	}
	/* A mechanism belongs to returns: an edit that makes the incident
	 * another type drops it, and one cannot be given to a non-return. */
	type = e.fields & RW_FIELD_TYPE ? e.values.type : inc->fields.type;
	mech = e.fields & RW_FIELD_MECHANISM ? e.values.mechanism :
	    inc->fields.mechanism;
	rw_incident_record_free(inc);
	if (type != RW_INCIDENT_RETURN && mech != RW_MECHANISM_NONE) {
		if (e.fields & RW_FIELD_MECHANISM) {
			rw_store_close(store);
			return cli_usage(cli, "--mechanism is for returns only; "
			    "incident %lld is a %s", (long long)id,
			    rw_incident_type_name(type));
		}
		e.values.mechanism = RW_MECHANISM_NONE;
		e.fields |= RW_FIELD_MECHANISM;
	}
	r = rw_store_incident_review(store, id, RW_REVIEW_EDIT, cli_user(), &e,
	    &changed, &err);
	if (r == RW_OK && changed && cli_cases_refresh(cli, store))
		r = rw_error_set(&err, RW_EIO, "the cases were not updated");
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return r == RW_EINVAL ? EXIT_USAGE : 1;
	}
	if (changed) {
		printf("incident %lld: edited by ", (long long)id);
		cli_print_safe(stdout, cli_user(), 0);
		printf("; the machine's proposal is kept (`refuge incident show "
		    "%lld`)\n", (long long)id);
	} else {
		printf("incident %lld already holds these values; nothing "
		    "recorded\n", (long long)id);
	}
	return 0;
}

static int
incident_split(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"source", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct rw_store *store;
	struct rw_error err;
	int64_t id, source = 0, new_id = 0;
	int c, r;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 's') {
			if (id_argument(cli, "--source", optarg, &source) != 0)
				return EXIT_USAGE;
		} else if (c == 'h') {
			return cli_help("incident");
		} else {
			return cli_bad_option(cli, argv);
		}
	}
	if ((r = incident_operand(cli, argc, argv, &id)) != 0)
		return r;
	if (source == 0)
		return cli_usage(cli, "give --source SOURCE_ID: the source whose "
		    "report moves to a new incident");
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_incident_split(store, id, source, cli_user(), &new_id, &err);
	rw_store_close(store);
	if (r < 0) {
		cli_error(cli, "%s", err.message);
		return 1;
	}
	printf("incident %lld: the report of source %lld is now incident %lld "
	    "(split by ", (long long)id, (long long)source, (long long)new_id);
	cli_print_safe(stdout, cli_user(), 0);
	puts(")");
	return 0;
}

int
cmd_incident(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		const char *verb;
	} subs[] = {
		{"accept", "incident accept"}, {"reject", "incident reject"},
		{"edit", "incident edit"}, {"show", "incident show"},
		{"split", "incident split"},
	};
	const char *sub = argc > 1 ? argv[1] : "";

	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)
		return cli_help("incident");
	for (size_t k = 0; k < sizeof(subs) / sizeof(subs[0]); k++) {
		if (strcmp(sub, subs[k].name) != 0)
			continue;
		cli->verb = subs[k].verb;
		optind = 0;
		argc--;
		argv++;
		switch (k) {
		case 0: return incident_decide(cli, argc, argv, RW_REVIEW_ACCEPT);
		case 1: return incident_decide(cli, argc, argv, RW_REVIEW_REJECT);
		case 2: return incident_edit(cli, argc, argv);
		case 3: return incident_show(cli, argc, argv);
		default: return incident_split(cli, argc, argv);
		}
	}
	return cli_usage(cli, "say what to do: accept, reject, edit, show or "
	    "split, then the incident id");
}

static int
print_entity(const struct rw_entity_record *e, void *ctx)
{
	size_t *count = ctx;

	(*count)++;
	if (count[1]) {
		cli_print_json(rw_entity_record_to_json(e));
		return ferror(stdout) ? 1 : 0;
	}
	printf("%7lld-%-7lld %-12s ", (long long)e->start, (long long)e->end,
	    e->kind ? e->kind : "-");
	cli_print_safe(stdout, e->text ? e->text : "", 120);
	if (e->value != NULL && (e->text == NULL || strcmp(e->value, e->text))) {
		fputs("  = ", stdout);
		cli_print_safe(stdout, e->value, 120);
	}
	putchar('\n');
	return ferror(stdout) ? 1 : 0;
}

int
cmd_entities(struct cli *cli, int argc, char **argv)
{
	struct rw_store *store;
	struct rw_error err;
	size_t counts[2] = {0, 0}; /* entities, json */
	int json = 0, r = json_option(cli, argc, argv, &json, "entities");
	int64_t id;

	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return cli_usage(cli, "give one source id");
	if (id_argument(cli, "the source id", argv[optind], &id) != 0)
		return EXIT_USAGE;
	counts[1] = (size_t)json;
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	r = rw_store_entity_list(store, id, print_entity, counts, &err);
	rw_store_close(store);
	if (r < 0)
		cli_error(cli, "%s", err.message);
	if (r != 0)
		return 1;
	if (!json)
		printf("%zu entit%s in source %lld\n", counts[0],
		    counts[0] == 1 ? "y" : "ies", (long long)id);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* ---------- extract --all ---------- */

struct id_list {
	int64_t *ids;
	size_t n, cap;
};

static int
collect_id(const struct rw_source *src, void *ctx)
{
	struct id_list *l = ctx;

	if (rw_array_room(l->ids, l->n, l->cap, 256) < 0)
		return 1;
	l->ids[l->n++] = src->id;
	return 0;
}

struct totals {
	struct rw_extraction_saved sum;
	size_t failed;
};

static void
extract_one(struct cli *cli, struct rw_store *store,
    const struct rw_extractor *ex, int64_t id, struct progress *p,
    struct totals *t)
{
	struct rw_extraction_saved saved;
	struct rw_extraction found;
	struct rw_source *src = NULL;
	struct rw_date date = {0, 0, 0};
	struct rw_error err;
	char what[32], label[64], line[RW_ERROR_MESSAGE_MAX + 64];
	int r;

	snprintf(what, sizeof(what), "source %lld", (long long)id);
	rw_error_clear(&err);
	memset(&found, 0, sizeof(found));
	r = rw_store_source_get(store, id, RW_SOURCE_WITH_TEXT, &src, &err);
	if (r == RW_OK) {
		if (src->published != NULL &&
		    rw_date_parse(src->published, &date) < 0)
			memset(&date, 0, sizeof(date));
		r = rw_extract(ex, src->text, src->text_len, &date, &found, &err);
	}
	if (r == RW_OK)
		r = rw_store_extraction_save(store, id, rw_extractor_version(ex),
		    src->text, src->text_len, &found, &saved, &err);
	rw_extraction_free(&found);
	rw_source_free(src);
	if (r < 0) {
		t->failed++;
		snprintf(line, sizeof(line), "refuge %s: %s: %s", cli->verb, what,
		    err.message);
		progress_note(p, line);
		progress_step(p, what, "failed", 0);
		return;
	}
	t->sum.entities += saved.entities;
	t->sum.created += saved.created;
	t->sum.merged += saved.merged;
	t->sum.kept += saved.kept;
	t->sum.removed += saved.removed;
	snprintf(label, sizeof(label), "%zu new, %zu kept", saved.created +
	    saved.merged, saved.kept);
	progress_step(p, what, label, 0);
}

int
cmd_extract_all(struct cli *cli, int argc, char **argv,
    const char *published)
{
	struct rw_extractor *ex = NULL;
	struct id_list ids = {NULL, 0, 0};
	struct totals t;
	struct progress p;
	struct rw_store *store;
	struct rw_error err;
	int r;

	(void)argv;
	if (argc > 0)
		return cli_usage(cli, "--all reads the stored sources: name no "
		    "files");
	if (published != NULL)
		return cli_usage(cli, "--all reads each source's own published "
		    "date: leave out --published");
	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	if (rw_extractor_new(&ex, &err) < 0) {
		cli_error(cli, "cannot load the extraction rules: %s", err.message);
		rw_store_close(store);
		return 1;
	}
	r = rw_store_source_list(store, 0, collect_id, &ids, &err);
	if (r != 0) {
		cli_error(cli, "%s", r < 0 ? err.message : "out of memory");
		free(ids.ids);
		rw_extractor_free(ex);
		rw_store_close(store);
		return 1;
	}
	memset(&t, 0, sizeof(t));
	progress_start(&p, ids.n);
	for (size_t k = 0; k < ids.n; k++)
		extract_one(cli, store, ex, ids.ids[k], &p, &t);
	progress_end(&p);
	printf("%zu source%s read with rules %s: %zu incident%s new, %zu "
	    "report%s added to incidents of other sources, %zu kept, %zu "
	    "withdrawn; reviewed incidents left as they were", ids.n,
	    ids.n == 1 ? "" : "s", rw_extractor_version(ex), t.sum.created,
	    t.sum.created == 1 ? "" : "s", t.sum.merged,
	    t.sum.merged == 1 ? "" : "s", t.sum.kept, t.sum.removed);
	if (t.failed > 0)
		printf("; %zu failed", t.failed);
	putchar('\n');
	free(ids.ids);
	rw_extractor_free(ex);
	if (cli_cases_refresh(cli, store))
		t.failed++;
	rw_store_close(store);
	return t.failed > 0 ? 1 : 0;
}
