/* cmd-extract.c: `refuge extract`: incidents found in files, printed one
 * per line, without a store. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "ingest/document.h"
#include "ingest/ingest.h"

enum extract_format { FORMAT_TEXT, FORMAT_JSONL };

struct extract_run {
	struct cli *cli;
	struct rw_extractor *ex;
	enum extract_format format;
	const char *published; /* --published, or NULL */
	size_t files, failed, incidents;
	struct rw_buf lines;   /* JSON lines of the current file */
};

/* The document id: the file name without folders or extension. */
static void doc_id(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t len;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (len >= cap)
		len = cap - 1;
	memcpy(out, base, len);
	out[len] = '\0';
}

static void print_text(const struct rw_incident *inc, const char *doc,
    const char *text)
{
	char date[RW_DATE_TEXT_MAX] = "-";
	const char *mech = rw_mechanism_name(inc->mechanism);
	size_t qlen = inc->quote_end - inc->quote_start;

	if (inc->date.year)
		rw_date_format(&inc->date, date);
	printf("%s  %s%s%s%s  %s  %s%s%s", doc, rw_incident_type_name(inc->type),
	    mech ? " (" : "", mech ? mech : "", mech ? ")" : "", date,
	    inc->host[0] ? inc->host : "?", inc->dest[0] ? " -> " : "",
	    inc->dest);
	for (size_t k = 0; k < inc->n_persons; k++)
		printf("%s%s", k ? ", " : "  ", inc->persons[k]);
	if (inc->group[0])
		printf("  [%s]", inc->group);
	if (inc->count > 0)
		printf("  x%ld", inc->count);
	putchar('\n');
	fputs("    \"", stdout);
	for (size_t b = 0; b < qlen; b++) {
		char c = text[inc->quote_start + b];
		putchar(c == '\n' || c == '\t' ? ' ' : c);
	}
	fputs("\"\n", stdout);
}

static int extract_file(struct extract_run *run, const char *path)
{
	struct rw_document doc;
	struct rw_extraction found;
	struct rw_error err = {0};
	struct rw_date published = {0};
	struct rw_char_counter cc;
	char reason[RW_ERROR_MESSAGE_MAX], id[256];
	char *data = NULL;
	size_t len = 0;
	const char *date_text;

	run->files++;
	if (rw_read_file_capped(path, RW_INGEST_MAX_BYTES_DEFAULT, &data, &len,
	    reason, sizeof(reason)) < 0) {
		cli_error(run->cli, "%s: %s", path, reason);
		run->failed++;
		return 0;
	}
	rw_document_init(&doc);
	if (rw_document_read(data, len, &doc, &err) < 0) {
		cli_error(run->cli, "%s: %s", path, err.message);
		run->failed++;
		rw_document_free(&doc);
		free(data);
		return 0;
	}
	free(data);
	date_text = run->published ? run->published : doc.published;
	if (date_text)
		rw_date_parse(date_text, &published);
	if (rw_extract(run->ex, doc.text.data ? doc.text.data : "", doc.text.len,
	    &published, &found, &err) < 0) {
		cli_error(run->cli, "%s: %s", path, err.message);
		run->failed++;
		rw_extraction_free(&found);
		rw_document_free(&doc);
		return 0;
	}
	doc_id(path, id, sizeof(id));
	cc = (struct rw_char_counter){doc.text.data, 0, 0};
	rw_buf_reset(&run->lines);
	for (size_t k = 0; k < found.n_incidents; k++) {
		if (run->format == FORMAT_TEXT) {
			print_text(&found.incidents[k], id, doc.text.data);
		} else if (rw_incident_write_json(&run->lines,
		    &found.incidents[k], id, doc.text.data, &cc,
		    rw_extractor_version(run->ex)) < 0 ||
		    rw_buf_append_char(&run->lines, '\n') < 0) {
			cli_error(run->cli, "%s: out of memory", path);
			run->failed++;
			break;
		}
	}
	if (run->lines.len > 0)
		fwrite(run->lines.data, 1, run->lines.len, stdout);
	run->incidents += found.n_incidents;
	rw_extraction_free(&found);
	rw_document_free(&doc);
	return 0;
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"published", required_argument, NULL, 'p'},
		{"all", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct extract_run run = {cli, NULL, FORMAT_TEXT, NULL, 0, 0, 0,
	    {NULL, 0, 0, SIZE_MAX / 2}};
	struct rw_error err = {0};
	char published[11];
	int c, rc, all = 0;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'a': /* stored sources: cmd-incidents.c */
			all = 1;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				run.format = FORMAT_JSONL;
			else if (strcmp(optarg, "text") == 0)
				run.format = FORMAT_TEXT;
			else
				return cli_usage(cli, "--format must be jsonl or "
				    "text, not \"%s\"", cli_text_ok(optarg) ?
				    optarg : "(unprintable)");
			break;
		case 'p':
			if ((rc = cli_date_option(cli, "--published", optarg,
			    published)) != 0)
				return rc;
			run.published = published;
			break;
		case 'h':
			return cli_help("extract");
		default:
			return cli_bad_option(cli, argv);
		}
	}
	if (all)
		return cmd_extract_all(cli, argc - optind, argv + optind,
		    run.published);
	if (optind >= argc)
		return cli_usage(cli, "name at least one file to read");
	if (rw_extractor_new(&run.ex, &err) < 0) {
		cli_error(cli, "cannot load the extraction rules: %s", err.message);
		return 1;
	}
	for (int i = optind; i < argc; i++)
		extract_file(&run, argv[i]);
	rw_extractor_free(run.ex);
	rw_buf_free(&run.lines);
	fflush(stdout);
	if (run.format == FORMAT_TEXT)
		fprintf(stderr, "%zu incident%s in %zu file%s%s\n", run.incidents,
		    run.incidents == 1 ? "" : "s", run.files,
		    run.files == 1 ? "" : "s", run.failed ? " (some failed)" : "");
	return run.failed ? 1 : 0;
}
