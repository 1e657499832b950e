/* ingest.c: the ingest pipeline for one input (see ingest.h). */
#include "ingest/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "crypto/digest.h"
#include "ingest/neardup.h"

static void
result_reset(struct rw_ingest_result *res)
{
	memset(res, 0, sizeof(*res));
	res->status = RW_ATTEMPT_FAILED;
	res->format = RW_FORMAT_BINARY;
}

static void
attempt_fill(struct rw_attempt *a, const char *path,
    const struct rw_ingest_result *res, const struct rw_ingest_options *opt,
    const char *at)
{
	memset(a, 0, sizeof(*a));
	a->path = path;
	a->sha256 = res->sha256[0] != '\0' ? res->sha256 : NULL;
	a->status = res->status;
	a->reason = res->reason[0] != '\0' ? res->reason : NULL;
	a->source_id = res->source_id;
	a->by = opt->user;
	a->at = at;
}

static int
record(struct rw_store *store, const char *path,
    const struct rw_ingest_result *res, const struct rw_ingest_options *opt,
    struct rw_error *err)
{
	struct rw_attempt a;
	char at[21];

	rw_date_now_utc(at);
	attempt_fill(&a, path, res, opt, at);
	return rw_store_attempt_record(store, &a, err);
}

int
rw_ingest_record_failure(struct rw_store *store, const char *path,
    const char *reason, const struct rw_ingest_options *opt,
    struct rw_ingest_result *res, struct rw_error *err)
{
	result_reset(res);
	snprintf(res->reason, sizeof(res->reason), "%s", reason);
	return record(store, path, res, opt, err);
}

int
rw_read_file_capped(const char *path, size_t max, char **ret_data, size_t *ret_len,
    char *reason, size_t reason_len)
{
	struct stat st;
	size_t len = 0, cap;
	char *data;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(reason, reason_len, "cannot read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return RW_EIO;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		if (S_ISREG(st.st_mode))
			snprintf(reason, reason_len,
			    "file is %.1f MB, over the %.1f MB limit (raise it with "
			    "--max-size)", st.st_size / 1048576.0, max / 1048576.0);
		else
			snprintf(reason, reason_len, "not a regular file");
		close(fd);
		return RW_ETOOBIG;
	}
	cap = (size_t)st.st_size + 1;
	data = malloc(cap);
	if (data == NULL) {
		snprintf(reason, reason_len, "out of memory reading the file");
		close(fd);
		return RW_ENOMEM;
	}
	while (len < cap && (n = read(fd, data + len, cap - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(reason, reason_len, "read failed: %s", strerror(errno));
			free(data);
			close(fd);
			return RW_EIO;
		}
		len += (size_t)n;
	}
	close(fd);
	if (len == cap) {
		snprintf(reason, reason_len,
		    "file grew while it was being read: try again");
		free(data);
		return RW_EIO;
	}
	*ret_data = data;
	*ret_len = len;
	return RW_OK;
}

int
rw_ingest_file(struct rw_store *store, const char *path,
    const struct rw_ingest_options *opt, struct rw_ingest_result *res,
    struct rw_error *err)
{
	char reason[RW_ERROR_MESSAGE_MAX];
	char *data = NULL;
	size_t len = 0;
	int r;

	size_t max = opt->max_bytes != 0 ? opt->max_bytes :
	    RW_INGEST_MAX_BYTES_DEFAULT;

	if (rw_read_file_capped(path, max, &data, &len, reason, sizeof(reason)) < 0)
		return rw_ingest_record_failure(store, path, reason, opt, res, err);
	r = rw_ingest_bytes(store, path, data, len, opt, res, err);
	free(data);
	return r;
}

struct near_search {
	const uint64_t *minhash;
	int64_t best_id;
	double best;
};

static int
consider_candidate(int64_t id, const uint64_t *minhash, void *ctx)
{
	struct near_search *ns = ctx;
	double sim = rw_minhash_similarity(ns->minhash, minhash);

	if (sim >= RW_NEAR_DUPLICATE_SIMILARITY &&
	    (sim > ns->best || (sim == ns->best && id < ns->best_id))) {
		ns->best = sim;
		ns->best_id = id;
	}
	return 0;
}

static const char *
override(const char *given, const char *found)
{
	return given != NULL ? given : found;
}

/* Appends a warning to res (after any already there). */
static void
add_warning(struct rw_ingest_result *res, const char *what, const char *why)
{
	size_t used = strlen(res->warning);

	snprintf(res->warning + used, sizeof(res->warning) - used, "%s%s: %s",
	    used > 0 ? "; " : "", what, why);
}

/* Reads the stored source for incidents and saves them. A failure leaves
 * the source stored and becomes a warning. */
static void
extract_stored(struct rw_store *store, const struct rw_document *doc,
    const char *published, const struct rw_ingest_options *opt,
    struct rw_ingest_result *res)
{
	struct rw_extraction found;
	struct rw_date date = {0, 0, 0};
	struct rw_error why;

	rw_error_clear(&why);
	if (published != NULL && rw_date_parse(published, &date) < 0)
		memset(&date, 0, sizeof(date));
	if (rw_extract(opt->extractor, doc->text.data != NULL ? doc->text.data :
	    "", doc->text.len, &date, &found, &why) == RW_OK &&
	    rw_store_extraction_save(store, res->source_id,
	    rw_extractor_version(opt->extractor), doc->text.data, doc->text.len,
	    &found, &res->extraction, &why) == RW_OK)
		res->extracted = 1;
	else
		add_warning(res, "incident extraction failed (the source is "
		    "stored; `refuge extract --all` retries)", why.message);
	rw_extraction_free(&found);
}

/* Inserts doc as a new source; fills res. */
static int
store_document(struct rw_store *store, const char *path, const char *data,
    size_t len, const struct rw_document *doc,
    const struct rw_ingest_options *opt, struct rw_ingest_result *res,
    struct rw_error *err)
{
	uint64_t minhash[RW_MINHASH_SIZE], bands[RW_MINHASH_BANDS];
	struct near_search ns = {minhash, 0, 0.0};
	struct rw_source src;
	struct rw_attempt a;
	char at[21];
	int r;

	rw_minhash_compute(doc->text.data, doc->text.len, minhash, bands);
	r = rw_store_near_candidates(store, bands, consider_candidate, &ns);
	if (r < 0)
		return rw_error_set(err, r, "looking for near-duplicates of %s "
		    "failed", path);
	rw_date_now_utc(at);
	memset(&src, 0, sizeof(src));
	memcpy(src.sha256, res->sha256, sizeof(src.sha256));
	src.path = path;
	src.format = rw_format_name(doc->format);
	src.title = override(opt->title, doc->title);
	src.url = override(opt->url, doc->url);
	src.publisher = override(opt->publisher, doc->publisher);
	src.published = override(opt->published, doc->published);
	src.ingested_by = opt->user;
	src.ingested_at = at;
	src.meta_json = doc->meta_json;
	src.near_duplicate_of = ns.best_id;
	src.byte_size = (int64_t)len;
	src.bytes = (const unsigned char *)data;
	src.text = doc->text.data;
	src.text_len = doc->text.len;
	src.minhash = minhash;
	src.bands = bands;
	src.page_count = doc->page_count;

	res->status = ns.best_id != 0 ? RW_ATTEMPT_NEAR_DUPLICATE :
	    RW_ATTEMPT_NEW;
	res->near_duplicate_of = ns.best_id;
	attempt_fill(&a, path, res, opt, at);
	r = rw_store_source_insert(store, &src, &a, &res->source_id, err);
	if (r == RW_EEXIST) {
		/* Another process stored the same bytes meanwhile. */
		res->status = RW_ATTEMPT_DUPLICATE;
		res->near_duplicate_of = 0;
		return record(store, path, res, opt, err);
	}
	if (r == RW_OK && opt->extractor != NULL)
		extract_stored(store, doc, src.published, opt, res);
	return r;
}

int
rw_ingest_bytes(struct rw_store *store, const char *path, const char *data,
    size_t len, const struct rw_ingest_options *opt,
    struct rw_ingest_result *res, struct rw_error *err)
{
	struct rw_document doc;
	struct rw_error why;
	int r;

	result_reset(res);
	res->bytes = len;
	rw_sha256_hex(data, len, res->sha256);
	r = rw_store_source_find_sha(store, res->sha256, &res->source_id);
	if (r == RW_OK) {
		res->status = RW_ATTEMPT_DUPLICATE;
		return record(store, path, res, opt, err);
	}
	if (r != RW_ENOTFOUND)
		return rw_error_set(err, r, "looking up %s in the store failed",
		    path);
	rw_error_clear(&why);
	r = rw_document_read(data, len, &doc, &why);
	res->format = doc.format;
	if (r < 0) {
		rw_document_free(&doc);
		snprintf(res->reason, sizeof(res->reason), "%s", why.message);
		return record(store, path, res, opt, err);
	}
	if (doc.replaced > 0)
		snprintf(res->warning, sizeof(res->warning),
		    "%zu invalid UTF-8 sequence%s replaced by U+FFFD", doc.replaced,
		    doc.replaced == 1 ? "" : "s");
	else if (doc.warning != NULL)
		snprintf(res->warning, sizeof(res->warning), "%s", doc.warning);
	r = store_document(store, path, data, len, &doc, opt, res, err);
	rw_document_free(&doc);
	return r;
}
