/* ingest.h: taking one file or buffer into the store.
 *
 * The pipeline, for each input:
 *
 *   read (capped) -> SHA-256 -> stored already? --yes--> duplicate
 *                                   | no
 *                                   v
 *   recognise format -> extract text + metadata --fails--> failed
 *                                   |
 *                                   v
 *   MinHash -> similar source stored? -> insert (one transaction)
 *                                          -> new | near-duplicate
 *                                   |
 *                                   v
 *   extract incidents (when an extractor is given) -> save (a second
 *   transaction; a failure there is a warning: the source stays stored)
 *
 * Every outcome, failures included, is recorded as an ingest attempt, so
 * the store holds an auditable log and re-runs skip what is stored. */
#ifndef RW_INGEST_INGEST_H
#define RW_INGEST_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "extract/extract.h"
#include "ingest/document.h"
#include "store/store.h"

/* Default cap on the size of one input file. */
#define RW_INGEST_MAX_BYTES_DEFAULT ((size_t)64 << 20)

struct rw_ingest_options {
	const char *title;      /* overrides the document's own, or NULL */
	const char *url;
	const char *publisher;
	const char *published;  /* YYYY[-MM[-DD]], already checked */
	const char *user;       /* who ingests: recorded with each attempt */
	size_t max_bytes;       /* files larger than this fail */
	/* Reads each stored source for incidents (rw_store_extraction_save),
	 * or NULL not to; made once per batch with rw_extractor_new. */
	const struct rw_extractor *extractor;
};

struct rw_ingest_result {
	enum rw_attempt_status status;
	enum rw_format format;
	int64_t source_id;          /* new, matching or linked source */
	int64_t near_duplicate_of;  /* first copy, for near-duplicates */
	size_t bytes;               /* size of the input */
	char sha256[RW_SHA256_HEX]; /* empty when the file was not read */
	char reason[RW_ERROR_MESSAGE_MAX]; /* why it failed */
	char warning[RW_ERROR_MESSAGE_MAX]; /* stored, but with a caveat */
	int extracted;              /* extraction ran and was saved */
	struct rw_extraction_saved extraction; /* what it saved */
};

/* Ingests the file at path. Returns 0 when the attempt was recorded
 * (whatever its status: see res), or a negative code when the store itself
 * failed, in which case err says why and the batch should stop. */
int rw_ingest_file(struct rw_store *store, const char *path,
    const struct rw_ingest_options *opt, struct rw_ingest_result *res,
    struct rw_error *err);

/* As rw_ingest_file, for bytes already in memory; path is recorded. */
int rw_ingest_bytes(struct rw_store *store, const char *path,
    const char *data, size_t len, const struct rw_ingest_options *opt,
    struct rw_ingest_result *res, struct rw_error *err);

/* Reads at most max bytes of path into *ret_data (caller frees); on
 * failure writes why into reason (a regular file is required). */
int rw_read_file_capped(const char *path, size_t max, char **ret_data,
    size_t *ret_len, char *reason, size_t reason_len);

/* Records a path that could not even be opened (from the folder walk). */
int rw_ingest_record_failure(struct rw_store *store, const char *path,
    const char *reason, const struct rw_ingest_options *opt,
    struct rw_ingest_result *res, struct rw_error *err);

#endif
