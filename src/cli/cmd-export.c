/* cmd-export.c: `refuge export [cases|incidents|sources] --format
 * csv|jsonl [--redact]`: the store's records, streamed one at a time, in
 * full for the organisation's own use or, with --redact, for publication:
 * every person's name replaced by a keyed pseudonym (crypto/seal.h) and
 * every field that could identify or locate someone left out. What stays
 * is an allow-list, written out in docs/cli/export.md.
 *
 * Every option is checked before the store is opened: a wrong one is a
 * usage error (exit 2). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case-store.h"
#include "cli/cli.h"
#include "cli/records.h"
#include "core/date.h"
#include "extract/incident.h"
#include "store/source-json.h"

enum noun { NOUN_CASES, NOUN_INCIDENTS, NOUN_SOURCES, NOUN_COUNT };

static const char *const noun_names[NOUN_COUNT] = {"cases", "incidents",
    "sources"};

/* Shown for a "name" with no letter or digit (rw_pseudonym refuses it). */
#define UNNAMED "person-unnamed"

/* A callback's reasons to stop (store callbacks stop on a positive
 * value): the output failed, or the store did (message in err). */
enum { STOP_WRITE = 1, STOP_STORE = 2 };

struct export {
	const struct cli *cli;
	enum noun noun;
	int redact;
	struct rw_store *store;
	struct rw_keyring *key; /* for cases, and to redact */
	struct records w;
	struct rw_error err;
};

/* ---------- names ---------- */

/* Writes a list of names: as they are, or with --redact as pseudonyms
 * (UNNAMED for a name with no letter or digit). 0, or STOP_STORE when a
 * name could not be folded or memory ran out (why in ex->err). */
static int
rec_names(struct export *ex, const char *field, const char *const *names,
    size_t n)
{
	char (*pseudo)[RW_PSEUDONYM_MAX] = NULL;
	const char **shown = NULL;
	int r = 0;

	if (!ex->redact || n == 0) {
		rec_texts(&ex->w, field, names, n);
		return 0;
	}
	pseudo = calloc(n, sizeof(*pseudo));
	shown = calloc(n, sizeof(*shown));
	if (pseudo == NULL || shown == NULL) {
		free(pseudo);
		free(shown);
		rw_error_set(&ex->err, RW_ENOMEM, "out of memory");
		return STOP_STORE;
	}
	for (size_t k = 0; r == 0 && k < n; k++) {
		int p = rw_pseudonym(ex->key, names[k], pseudo[k], &ex->err);

		shown[k] = p == RW_OK ? pseudo[k] : UNNAMED;
		if (p < 0 && p != RW_EINVAL)
			r = STOP_STORE; /* the folding failed: say so */
	}
	if (r == 0)
		rec_texts(&ex->w, field, shown, n);
	free(pseudo);
	free(shown);
	return r;
}

static void
rec_strings(struct records *w, const char *field, const struct rw_strings *l)
{
	rec_texts(w, field, (const char *const *)l->items, l->n);
}

/* ---------- cases ---------- */

static void
deadline_item(struct records *w, size_t i, const void *ctx)
{
	const struct rw_deadline *d = &((const struct rw_case *)ctx)->deadlines[i];

	rec_text(w, "kind", rw_deadline_kind_name(d->kind));
	rec_text(w, "date", d->date);
}

/* A request; charges and issuer are free text a person wrote, which may
 * name someone, so --redact leaves them out (see export.md). */
static void
request_item(struct records *w, size_t i, const void *ctx, int with_text)
{
	const struct rw_request *r = &((const struct rw_case *)ctx)->requests[i];

	rec_text(w, "kind", rw_request_kind_name(r->kind));
	rec_text(w, "state", r->state);
	if (with_text) {
		rec_text(w, "charges", r->charges);
		rec_text(w, "issuer", r->issuer);
	}
	rec_bool(w, "assurances", r->assurances);
}

static void
request_full(struct records *w, size_t i, const void *ctx)
{
	request_item(w, i, ctx, 1);
}

static void
request_redacted(struct records *w, size_t i, const void *ctx)
{
	request_item(w, i, ctx, 0);
}

/* Writes one case (c with its links); also writes the CSV header when
 * ex->w.header is set. */
static int
write_case(struct export *ex, const struct rw_case *c, const char *level,
    int score, const int64_t *incidents, size_t n_incidents,
    const int64_t *sources, size_t n_sources)
{
	struct records *w = &ex->w;

	records_begin(w);
	rec_int(w, "id", c->id);
	if (rec_names(ex, "names", (const char *const *)c->names.items,
	    c->names.n) || rec_names(ex, "aliases",
	    (const char *const *)c->aliases.items, c->aliases.n))
		return STOP_STORE;
	rec_text(w, "group", c->group);
	rec_int(w, "count", c->count > 0 ? c->count : 1);
	rec_text(w, "nationality", c->nationality);
	rec_text(w, "host", c->host);
	rec_text(w, "dest", c->dest);
	rec_text(w, "status", rw_case_status_name(c->status));
	rec_text(w, "legal_status", rw_legal_status_name(c->legal_status));
	rec_bool(w, "closed", c->closed);
	rec_strings(w, "tags", &c->tags);
	rec_items(w, "deadlines", c->n_deadlines, deadline_item, c);
	rec_items(w, "requests", c->n_requests,
	    ex->redact ? request_redacted : request_full, c);
	rec_text(w, "level", level);
	rec_int_or_null(w, "score", score, level != NULL);
	rec_ids(w, "incidents", incidents, n_incidents);
	rec_ids(w, "sources", sources, n_sources);
	if (!ex->redact) {
		rec_text(w, "description", c->description);
		rec_text(w, "custody", c->custody);
		rec_strings(w, "contacts", &c->contacts);
		rec_strings(w, "locations", &c->locations);
		rec_strings(w, "notes", &c->notes);
		rec_text(w, "created_at", c->created_at);
		rec_text(w, "updated_at", c->updated_at);
	}
	return records_end(w) ? STOP_WRITE : 0;
}

static int
export_case(const struct rw_case *c, const char *level, int score, void *ctx)
{
	struct export *ex = ctx;
	int64_t *incidents = NULL, *sources = NULL;
	size_t n_incidents = 0, n_sources = 0;
	int r;

	if (rw_store_case_links(ex->store, c->id, &incidents, &n_incidents,
	    &sources, &n_sources, &ex->err) < 0)
		return STOP_STORE;
	r = write_case(ex, c, level, score, incidents, n_incidents, sources,
	    n_sources);
	free(incidents);
	free(sources);
	return r;
}

static int
export_cases(struct export *ex)
{
	struct rw_case empty;
	int r = 0;

	if (ex->w.format == RECORDS_CSV) {
		rw_case_init(&empty);
		ex->w.header = 1;
		r = write_case(ex, &empty, NULL, 0, NULL, 0, NULL, 0);
		ex->w.header = 0;
		rw_case_free(&empty);
	}
	return r != 0 ? r : rw_case_each(ex->store, ex->key, NULL, export_case,
	    ex, &ex->err);
}

/* ---------- incidents ---------- */

/* Writes one incident (also the CSV header when ex->w.header is set). */
static int
write_incident(struct export *ex, const struct rw_incident_record *inc)
{
	const struct rw_incident *f = &inc->fields;
	const char *persons[RW_INCIDENT_PERSONS];
	const char **quotes = calloc(inc->n_links + 1, sizeof(*quotes));
	int64_t *sources = calloc(inc->n_links + 1, sizeof(*sources));
	char date[RW_DATE_TEXT_MAX] = "";
	struct records *w = &ex->w;
	int r = STOP_STORE;

	if (quotes == NULL || sources == NULL) {
		rw_error_set(&ex->err, RW_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < f->n_persons; k++)
		persons[k] = f->persons[k];
	for (size_t k = 0; k < inc->n_links; k++) {
		quotes[k] = inc->links[k].quote != NULL ? inc->links[k].quote : "";
		sources[k] = inc->links[k].source_id;
	}
	if (f->date.year != 0)
		rw_date_format(&f->date, date);
	records_begin(w);
	rec_int(w, "id", inc->id);
	rec_text(w, "status", rw_incident_status_name(inc->status));
	rec_bool(w, "reviewed", inc->reviewed);
	rec_text(w, "type", rw_incident_type_name(f->type));
	rec_text(w, "mechanism", rw_mechanism_name(f->mechanism));
	rec_text(w, "date", date);
	rec_text(w, "host", f->host);
	rec_text(w, "dest", f->dest);
	rec_text(w, "group", f->group);
	rec_int_or_null(w, "count", f->count, f->count > 0);
	if (rec_names(ex, "persons", persons, f->n_persons) != 0)
		goto out;
	rec_ids(w, "sources", sources, inc->n_links);
	if (!ex->redact)
		rec_texts(w, "quotes", quotes, inc->n_links);
	r = records_end(w) ? STOP_WRITE : 0;
out:
	free(quotes);
	free(sources);
	return r;
}

static int
export_incident(const struct rw_incident_record *inc, void *ctx)
{
	return inc->status == RW_STATUS_REJECTED ? 0 : write_incident(ctx, inc);
}

static int
export_incidents(struct export *ex)
{
	struct rw_incident_record empty;
	int r = 0;

	if (ex->w.format == RECORDS_CSV) {
		memset(&empty, 0, sizeof(empty));
		ex->w.header = 1;
		r = write_incident(ex, &empty);
		ex->w.header = 0;
	}
	return r != 0 ? r : rw_store_incident_list(ex->store, -1,
	    export_incident, ex, &ex->err);
}

/* ---------- sources ---------- */

/* One source in CSV (the header when ex->w.header is set); JSON Lines
 * keep the object of `refuge show --json`. */
static int
write_source(struct export *ex, const struct rw_source *s)
{
	struct records *w = &ex->w;

	records_begin(w);
	rec_int(w, "id", s->id);
	rec_text(w, "title", s->title);
	rec_text(w, "file", s->path);
	rec_text(w, "url", s->url);
	rec_text(w, "publisher", s->publisher);
	rec_text(w, "published", s->published);
	rec_text(w, "sha256", s->sha256);
	rec_text(w, "format", s->format);
	rec_int(w, "bytes", s->byte_size);
	rec_int(w, "pages", s->page_count);
	rec_text(w, "ingested_by", s->ingested_by);
	rec_text(w, "ingested_at", s->ingested_at);
	rec_int_or_null(w, "near_duplicate_of", s->near_duplicate_of,
	    s->near_duplicate_of != 0);
	rec_text(w, "metadata", s->meta_json);
	rec_text(w, "text", s->text);
	return records_end(w) ? STOP_WRITE : 0;
}

static int
export_source(const struct rw_source *s, void *ctx)
{
	struct export *ex = ctx;

	if (ex->w.format == RECORDS_CSV)
		return write_source(ex, s);
	cli_print_json(rw_source_to_json(s));
	return ferror(stdout) ? STOP_WRITE : 0;
}

static int
export_sources(struct export *ex)
{
	struct rw_source empty;
	int r = 0;

	if (ex->w.format == RECORDS_CSV) {
		memset(&empty, 0, sizeof(empty));
		ex->w.header = 1;
		r = write_source(ex, &empty);
		ex->w.header = 0;
	}
	return r != 0 ? r : rw_store_source_list(ex->store,
	    RW_SOURCE_WITH_TEXT, export_source, ex, &ex->err);
}

/* ---------- the verb ---------- */

static int
parse_format(const struct cli *cli, const char *value,
    enum records_format *ret)
{
	if (strcmp(value, "csv") == 0)
		*ret = RECORDS_CSV;
	else if (strcmp(value, "jsonl") == 0)
		*ret = RECORDS_JSONL;
	else
		return cli_usage(cli, "--format is csv or jsonl, not %s",
		    cli_text_ok(value) && strlen(value) <= 32 ? value : "that");
	return 0;
}

/* Reads the command line into ex; -1 to go on, else an exit status. */
static int
parse(struct export *ex, int argc, char **argv, enum records_format *ret)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{"redact", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c, format_given = 0;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'f' && parse_format(ex->cli, optarg, ret) != 0)
			return EXIT_USAGE;
		else if (c == 'j')
			*ret = RECORDS_JSONL;
		else if (c == 'r')
			ex->redact = 1;
		else if (c == 'h')
			return cli_help("export");
		else if (c != 'f')
			return cli_bad_option(ex->cli, argv);
		format_given |= c == 'f' || c == 'j';
	}
	if (!format_given)
		return cli_usage(ex->cli, "give --format csv or --format jsonl");
	if (argc - optind > 1)
		return cli_usage(ex->cli, "export one of cases, incidents or "
		    "sources at a time");
	ex->noun = NOUN_CASES;
	if (argc - optind == 1) {
		for (ex->noun = 0; ex->noun < NOUN_COUNT &&
		    strcmp(argv[optind], noun_names[ex->noun]) != 0; ex->noun++)
			continue;
		if (ex->noun == NOUN_COUNT)
			return cli_usage(ex->cli, "cannot export %s: give cases, "
			    "incidents or sources", cli_text_ok(argv[optind]) &&
			    strlen(argv[optind]) <= 32 ? argv[optind] : "that");
	}
	if (ex->noun == NOUN_SOURCES && ex->redact)
		return cli_usage(ex->cli, "sources cannot be redacted (their "
		    "text names people): export cases or incidents with --redact");
	return -1;
}

static int
run(struct export *ex)
{
	static int (*const each[NOUN_COUNT])(struct export *) = {
		[NOUN_CASES] = export_cases,
		[NOUN_INCIDENTS] = export_incidents,
		[NOUN_SOURCES] = export_sources,
	};
	int r;

	if ((ex->store = cli_open_store(ex->cli, 0)) == NULL)
		return 1;
	if ((ex->noun == NOUN_CASES || ex->redact) &&
	    (ex->key = cli_open_key(ex->cli, ex->store, 0)) == NULL)
		return 1;
	rw_error_clear(&ex->err);
	r = each[ex->noun](ex);
	if (r != 0) {
		cli_error(ex->cli, "%s", r == STOP_WRITE ? "writing the export "
		    "failed (a record too big, out of memory, or the output was "
		    "closed)" : ex->err.message);
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	struct export ex = {.cli = cli};
	enum records_format format = RECORDS_JSONL;
	int r = parse(&ex, argc, argv, &format);

	if (r >= 0)
		return r;
	records_init(&ex.w, format, stdout);
	r = run(&ex);
	records_free(&ex.w);
	rw_keyring_free(ex.key);
	rw_store_close(ex.store);
	return r;
}
