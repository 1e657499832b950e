/* bench-extract.c: the extraction side of run-extract-bench measured the
 * way the peer (bench/peer/ner.js) measures itself: CPU time of the
 * processing loop only (reading each file, decoding it, extracting its
 * incidents), without process start, rule loading or printing.
 *
 * Usage: bench-extract --list FILE
 * Prints one JSON line:
 *   {"files":N,"bytes":B,"incidents":I,"failed":F,"seconds":S}
 * bytes are the files' sizes; seconds are user + system CPU seconds of
 * the loop (CLOCK_PROCESS_CPUTIME_ID). */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "core/date.h"
#include "core/error.h"
#include "extract/extract.h"
#include "ingest/document.h"
#include "ingest/ingest.h"

struct totals {
	size_t files, bytes, incidents, failed;
};

/* One file through the steps `refuge extract` takes, minus printing. */
static void extract_one(struct rw_extractor *ex, const char *path,
    struct totals *sum)
{
	struct rw_document doc;
	struct rw_extraction found;
	struct rw_error err = {0};
	struct rw_date published = {0};
	char reason[RW_ERROR_MESSAGE_MAX];
	char *data = NULL;
	size_t len = 0;

	sum->files++;
	if (rw_read_file_capped(path, RW_INGEST_MAX_BYTES_DEFAULT, &data, &len,
	    reason, sizeof(reason)) < 0) {
		fprintf(stderr, "bench-extract: %s: %s\n", path, reason);
		sum->failed++;
		return;
	}
	sum->bytes += len;
	rw_document_init(&doc);
	if (rw_document_read(data, len, &doc, &err) == 0) {
		if (doc.published)
			rw_date_parse(doc.published, &published);
		if (rw_extract(ex, doc.text.data ? doc.text.data : "",
		    doc.text.len, &published, &found, &err) == 0) {
			sum->incidents += found.n_incidents;
			rw_extraction_free(&found);
		} else {
			sum->failed++;
		}
	} else {
		sum->failed++;
	}
	rw_document_free(&doc);
	free(data);
}

int main(int argc, char **argv)
{
	struct rw_extractor *ex = NULL;
	struct rw_error err = {0};
	struct totals sum = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *list;
	double start, seconds;

	if (argc != 3 || strcmp(argv[1], "--list") != 0) {
		fprintf(stderr, "usage: bench-extract --list FILE\n");
		return 2;
	}
	if ((list = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	if (rw_extractor_new(&ex, &err) < 0) {
		fprintf(stderr, "bench-extract: rules: %s\n", err.message);
		fclose(list);
		return 1;
	}
	start = cpu_seconds();
	while ((n = getline(&line, &cap, list)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0)
			extract_one(ex, line, &sum);
	}
	seconds = cpu_seconds() - start;
	free(line);
	fclose(list);
	rw_extractor_free(ex);
	printf("{\"files\":%zu,\"bytes\":%zu,\"incidents\":%zu,\"failed\":%zu,"
	    "\"seconds\":%.3f}\n", sum.files, sum.bytes, sum.incidents,
	    sum.failed, seconds);
	return sum.files > 0 && sum.failed == 0 ? 0 : 1;
}
