/* cmd-stats.c: `refuge stats [--by host,year,type,group] [--format
 * table|csv|json]`: accepted incidents counted twice over, once per
 * incident and once per person, grouped by the dimensions asked for (the
 * store does the counting: rw_store_incident_stats), then written as an
 * aligned table with a total line, as RFC 4180 CSV safe to open in a
 * spreadsheet, or as one JSON object.
 *
 * Every option is checked before the store is opened: a wrong one is a
 * usage error (exit 2). */
#define _POSIX_C_SOURCE 200809L

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/array.h"
#include "core/csv.h"

#define DEFAULT_BY "host,year,type"
#define CELL_MAX 60 /* bytes of a value shown in a table cell */
#define CSV_RECORD_MAX (64 * 1024) /* bytes of one CSV line */

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

static const char *const format_names[] = {"table", "csv", "json"};

/* One group: its values (indexed by enum rw_stats_dim, NULL when unknown
 * or not grouped by) and counts. Strings are owned. */
struct row {
	char *value[RW_STATS_DIMS];
	int64_t incidents, persons;
};

struct result {
	struct rw_stats_query q;
	struct row *v;
	size_t n, cap;
	int64_t incidents, persons; /* the total */
};

static int
collect(const struct rw_stats_row *r, void *ctx)
{
	struct result *res = ctx;
	struct row *row;

	if (rw_array_room(res->v, res->n, res->cap, 32) < 0)
		return 1;
	row = &res->v[res->n++];
	memset(row, 0, sizeof(*row));
	for (int d = 0; d < RW_STATS_DIMS; d++)
		if (r->value[d] != NULL &&
		    (row->value[d] = strdup(r->value[d])) == NULL)
			return 1;
	row->incidents = r->incidents;
	row->persons = r->persons;
	res->incidents += r->incidents;
	res->persons += r->persons;
	return 0;
}

static void
result_free(struct result *res)
{
	for (size_t i = 0; i < res->n; i++)
		for (int d = 0; d < RW_STATS_DIMS; d++)
			free(res->v[i].value[d]);
	free(res->v);
}

/* ---------- table ---------- */

/* What a table cell shows of s: unknown as "(unknown)", and text that
 * cannot steer the terminal (cli_print_safe); malloc'd, or NULL. */
static char *
cell_text(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (f == NULL)
		return NULL;
	cli_print_safe(f, s != NULL ? s : "(unknown)", CELL_MAX);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Characters (not bytes) of UTF-8 text. */
static size_t
text_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
print_padded(const char *s, size_t width)
{
	fputs(s, stdout);
	for (size_t w = text_width(s); w < width; w++)
		putchar(' ');
	fputs("  ", stdout);
}

static void
cells_free(char **cells, size_t n)
{
	for (size_t i = 0; cells != NULL && i < n; i++)
		free(cells[i]);
	free(cells);
}

/* The shown text of every cell, row by row (n_by per row); widths get
 * each column's width. NULL when out of memory. */
static char **
table_cells(const struct result *res, size_t *widths)
{
	size_t n_by = res->q.n_by, n = res->n * n_by;
	char **cells = calloc(n + 1, sizeof(*cells));

	for (size_t k = 0; k < n_by; k++)
		widths[k] = strlen(rw_stats_dim_name(res->q.by[k]));
	if (widths[0] < strlen("total"))
		widths[0] = strlen("total");
	for (size_t j = 0; cells != NULL && j < n; j++) {
		size_t k = j % n_by;

		if ((cells[j] = cell_text(res->v[j / n_by].value[res->q.by[k]])) ==
		    NULL) {
			cells_free(cells, j);
			return NULL;
		}
		if (text_width(cells[j]) > widths[k])
			widths[k] = text_width(cells[j]);
	}
	return cells;
}

/* Writes a line: the n_by cells at cells, then two counts. */
static void
table_line(const char *const *cells, size_t n_by, const size_t *widths,
    int64_t incidents, int64_t persons)
{
	for (size_t k = 0; k < n_by; k++)
		print_padded(cells[k], widths[k]);
	printf("%12lld %12lld\n", (long long)incidents, (long long)persons);
}

static int
print_table(const struct result *res)
{
	size_t widths[RW_STATS_DIMS] = {0}, n_by = res->q.n_by;
	const char *line[RW_STATS_DIMS] = {"total", "", "", ""};
	char **cells = table_cells(res, widths);

	if (cells == NULL)
		return 1;
	for (size_t k = 0; k < n_by; k++)
		print_padded(rw_stats_dim_name(res->q.by[k]), widths[k]);
	printf("%12s %12s\n", "incidents", "persons");
	for (size_t i = 0; i < res->n; i++)
		table_line((const char *const *)cells + i * n_by, n_by, widths,
		    res->v[i].incidents, res->v[i].persons);
	table_line(line, n_by, widths, res->incidents, res->persons);
	cells_free(cells, res->n * n_by);
	return 0;
}

/* ---------- CSV (RFC 4180, core/csv.h) ---------- */

/* Writes and empties the record in b. */
static int
flush_record(struct rw_buf *b)
{
	int r = rw_csv_end(b);

	if (r == 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		r = 1;
	rw_buf_reset(b);
	return r;
}

static int
print_csv(const struct result *res)
{
	struct rw_buf b;
	int r = 0;

	rw_buf_init(&b, CSV_RECORD_MAX);
	for (size_t k = 0; r == 0 && k < res->q.n_by; k++)
		r = rw_csv_field(&b, rw_stats_dim_name(res->q.by[k]));
	if (r == 0 && (r = rw_csv_field(&b, "incidents")) == 0 &&
	    (r = rw_csv_field(&b, "persons")) == 0)
		r = flush_record(&b);
	for (size_t i = 0; r == 0 && i < res->n; i++) {
		for (size_t k = 0; r == 0 && k < res->q.n_by; k++)
			r = rw_csv_field(&b, res->v[i].value[res->q.by[k]]);
		if (r == 0 && (r = rw_csv_int(&b, res->v[i].incidents)) == 0 &&
		    (r = rw_csv_int(&b, res->v[i].persons)) == 0)
			r = flush_record(&b);
	}
	rw_buf_free(&b);
	return r;
}

/* ---------- JSON ---------- */

/* A dimension's value: null when unknown, the year as a number. */
static json_t *
value_json(enum rw_stats_dim d, const char *v)
{
	if (v == NULL)
		return json_null();
	if (d == RW_STATS_YEAR)
		return json_integer(strtol(v, NULL, 10));
	return json_string(v);
}

static int
print_json(const struct result *res)
{
	json_t *by = json_array(), *rows = json_array(), *o;

	for (size_t k = 0; k < res->q.n_by; k++)
		json_array_append_new(by,
		    json_string(rw_stats_dim_name(res->q.by[k])));
	for (size_t i = 0; i < res->n; i++) {
		const struct row *r = &res->v[i];

		o = json_object();
		for (size_t k = 0; k < res->q.n_by; k++)
			json_object_set_new(o, rw_stats_dim_name(res->q.by[k]),
			    value_json(res->q.by[k], r->value[res->q.by[k]]));
		json_object_set_new(o, "incidents", json_integer(r->incidents));
		json_object_set_new(o, "persons", json_integer(r->persons));
		json_array_append_new(rows, o);
	}
	o = json_pack("{s:o, s:o, s:{s:I, s:I}}", "by", by, "rows", rows,
	    "total", "incidents", (json_int_t)res->incidents, "persons",
	    (json_int_t)res->persons);
	if (o == NULL)
		return 1;
	cli_print_json(o);
	return 0;
}

/* ---------- the verb ---------- */

static int
parse_format(const struct cli *cli, const char *value, enum format *ret)
{
	for (size_t k = 0; k < sizeof(format_names) / sizeof(format_names[0]);
	    k++)
		if (strcmp(value, format_names[k]) == 0) {
			*ret = (enum format)k;
			return 0;
		}
	return cli_usage(cli, "--format is table, csv or json, not %s",
	    cli_text_ok(value) && strlen(value) <= 32 ? value : "that");
}

static int
run(const struct cli *cli, struct result *res, enum format format)
{
	static int (*const print[])(const struct result *) = {
		[FORMAT_TABLE] = print_table,
		[FORMAT_CSV] = print_csv,
		[FORMAT_JSON] = print_json,
	};
	struct rw_store *store;
	struct rw_error err;
	int rc;

	if ((store = cli_open_store(cli, 0)) == NULL)
		return 1;
	rw_error_clear(&err);
	rc = rw_store_incident_stats(store, &res->q, collect, res, &err);
	rw_store_close(store);
	if (rc != 0) {
		cli_error(cli, "%s", rc < 0 ? err.message :
		    "out of memory counting incidents");
		return 1;
	}
	if (print[format](res) != 0) {
		cli_error(cli, "writing the statistics failed (out of memory, or the "
		    "output was closed)");
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"by", required_argument, NULL, 'b'},
		{"format", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *by = DEFAULT_BY;
	enum format format = FORMAT_TABLE;
	struct result res;
	struct rw_error err;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (ch == 'b')
			by = optarg;
		else if (ch == 'f' && (rc = parse_format(cli, optarg, &format)) != 0)
			return rc;
		else if (ch == 'j')
			format = FORMAT_JSON;
		else if (ch == 'h')
			return cli_help("stats");
		else if (ch != 'f')
			return cli_bad_option(cli, argv);
	}
	if (optind < argc)
		return cli_usage(cli, "stats takes no arguments, only --by and "
		    "--format");
	memset(&res, 0, sizeof(res));
	rw_error_clear(&err);
	if (rw_stats_by_parse(by, &res.q, &err) < 0)
		return cli_usage(cli, "--by: %s", err.message);
	rc = run(cli, &res, format);
	result_free(&res);
	return rc;
}
