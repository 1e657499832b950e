/* store.c: the store handle, backend choice and calls every backend shares.
 *
 * Each public call checks its arguments and forwards to the backend's ops;
 * work that is the same for every backend (verifying source hashes in
 * rw_store_check) lives here once. */
#include "store/store.h"

#include <assert.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/country.h"
#include "crypto/digest.h"
#include "store/incident-record.h"
#include "store/stats-query.h"
#include "store/store-int.h"

struct rw_store {
	const struct rw_store_ops *ops;
	struct rw_store_backend *backend;
};

int
rw_store_open(const char *location, int create, struct rw_store **ret,
    struct rw_error *err)
{
	const struct rw_store_ops *ops = &rw_sqlite_ops;
	struct rw_store *store;
	int r;

	assert(location != NULL && ret != NULL);
	if (ops->version != RW_STORE_OPS_VERSION)
		return rw_error_set(err, RW_EINVAL,
		    "store backend %s implements interface version %d, not %d",
		    ops->name, ops->version, RW_STORE_OPS_VERSION);
	store = calloc(1, sizeof(*store));
	if (store == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory opening %s",
		    location);
	store->ops = ops;
	r = ops->open(location, create, &store->backend, err);
	if (r < 0) {
		free(store);
		return r;
	}
	*ret = store;
	return RW_OK;
}

struct rw_store *
rw_store_close(struct rw_store *store)
{
	if (store == NULL)
		return NULL;
	store->ops->close(store->backend);
	free(store);
	return NULL;
}

const char *
rw_store_backend_name(const struct rw_store *store)
{
	return store->ops->name;
}

int
rw_store_schema_version(struct rw_store *store, int *ret_version)
{
	return store->ops->schema_version(store->backend, ret_version);
}

int
rw_store_source_find_sha(struct rw_store *store, const char *sha256,
    int64_t *ret_id)
{
	assert(sha256 != NULL && ret_id != NULL);
	return store->ops->source_find_sha(store->backend, sha256, ret_id);
}

int
rw_store_source_insert(struct rw_store *store, const struct rw_source *src,
    const struct rw_attempt *attempt, int64_t *ret_id, struct rw_error *err)
{
	assert(src != NULL && attempt != NULL && ret_id != NULL);
	assert(src->bytes != NULL || src->byte_size == 0);
	assert(src->text != NULL && src->minhash != NULL && src->bands != NULL);
	return store->ops->source_insert(store->backend, src, attempt, ret_id,
	    err);
}

int
rw_store_source_get(struct rw_store *store, int64_t id, int flags,
    struct rw_source **ret, struct rw_error *err)
{
	assert(ret != NULL);
	return store->ops->source_get(store->backend, id, flags, ret, err);
}

int
rw_store_source_list(struct rw_store *store, int flags, rw_source_cb cb,
    void *ctx, struct rw_error *err)
{
	assert(cb != NULL);
	return store->ops->source_list(store->backend, flags, cb, ctx, err);
}

int
rw_store_source_count(struct rw_store *store, int64_t *ret_count)
{
	return store->ops->source_count(store->backend, ret_count);
}

int
rw_store_near_candidates(struct rw_store *store, const uint64_t *bands,
    rw_candidate_cb cb, void *ctx)
{
	assert(bands != NULL && cb != NULL);
	return store->ops->near_candidates(store->backend, bands, cb, ctx);
}

int
rw_store_attempt_record(struct rw_store *store,
    const struct rw_attempt *attempt, struct rw_error *err)
{
	assert(attempt != NULL && attempt->path != NULL);
	return store->ops->attempt_record(store->backend, attempt, err);
}

int
rw_store_index_pending(struct rw_store *store, int max_sources,
    int64_t *ret_indexed, struct rw_error *err)
{
	int64_t indexed = 0;
	int r;

	assert(max_sources >= 0);
	r = store->ops->index_pending(store->backend, max_sources, &indexed, err);
	if (r == RW_OK && ret_indexed != NULL)
		*ret_indexed = indexed;
	return r;
}

int
rw_store_optimize(struct rw_store *store, int what, struct rw_error *err)
{
	assert((what & ~(RW_OPTIMIZE_NEAR | RW_OPTIMIZE_SEARCH)) == 0);
	return store->ops->optimize(store->backend, what, err);
}

int
rw_store_search(struct rw_store *store, const struct rw_search_query *q,
    rw_hit_cb cb, void *ctx, struct rw_error *err)
{
	int r;

	assert(q != NULL && cb != NULL);
	if (q->match == NULL || q->match[0] == '\0')
		return rw_error_set(err, RW_EQUERY, "the search query is empty");
	if (q->limit < 1 || q->limit > 1000)
		return rw_error_set(err, RW_EINVAL,
		    "search limit %d is outside 1..1000", q->limit);
	r = rw_store_index_pending(store, 0, NULL, err);
	if (r < 0)
		return r;
	return store->ops->search(store->backend, q, cb, ctx, err);
}

struct hash_check {
	rw_problem_cb cb;
	void *ctx;
	int problems;
};

static int
check_source_hash(const struct rw_source *src, void *ctx)
{
	struct hash_check *hc = ctx;
	char hex[RW_SHA256_HEX];
	char problem[160];

	rw_sha256_hex(src->bytes, (size_t)src->byte_size, hex);
	if (strcmp(hex, src->sha256) == 0)
		return 0;
	hc->problems++;
	snprintf(problem, sizeof(problem),
	    "source %lld: stored bytes no longer match their SHA-256",
	    (long long)src->id);
	return hc->cb(problem, hc->ctx);
}

int
rw_store_check(struct rw_store *store, rw_problem_cb cb, void *ctx,
    struct rw_error *err)
{
	struct hash_check hc = {cb, ctx, 0};
	int r, backend_r;

	assert(cb != NULL);
	r = rw_store_index_pending(store, 0, NULL, err);
	if (r < 0)
		return r;
	backend_r = store->ops->check(store->backend, cb, ctx, err);
	if (backend_r < 0 && backend_r != RW_ECORRUPT)
		return backend_r;
	r = store->ops->source_list(store->backend, RW_SOURCE_WITH_BYTES,
	    check_source_hash, &hc, err);
	if (r < 0)
		return r;
	if (backend_r == RW_ECORRUPT || hc.problems > 0)
		return rw_error_set(err, RW_ECORRUPT,
		    "the store failed its integrity check");
	return RW_OK;
}

int
rw_store_extraction_save(struct rw_store *store, int64_t source_id,
    const char *rules, const char *text, size_t text_len,
    const struct rw_extraction *found, struct rw_extraction_saved *ret,
    struct rw_error *err)
{
	struct rw_extraction_saved ignored;

	assert(rules != NULL && found != NULL);
	assert(text != NULL || text_len == 0);
	if (text == NULL)
		text = "";
	return store->ops->extraction_save(store->backend, source_id, rules,
	    text, text_len, found, ret != NULL ? ret : &ignored, err);
}

int
rw_store_entity_list(struct rw_store *store, int64_t source_id,
    rw_entity_cb cb, void *ctx, struct rw_error *err)
{
	assert(cb != NULL);
	return store->ops->entity_list(store->backend, source_id, cb, ctx, err);
}

int
rw_store_incident_list(struct rw_store *store, int status, rw_incident_cb cb,
    void *ctx, struct rw_error *err)
{
	assert(cb != NULL && status >= -1 && status < RW_STATUS_COUNT);
	return store->ops->incident_list(store->backend, status, cb, ctx, err);
}

int
rw_store_incident_counts(struct rw_store *store, const char *host,
    rw_count_cb cb, void *ctx, struct rw_error *err)
{
	assert(cb != NULL);
	if (!rw_country_code_valid(host))
		return rw_error_set(err, RW_EINVAL, "a host country must be an "
		    "ISO 3166-1 alpha-2 code, such as TH");
	return store->ops->incident_counts(store->backend, host, cb, ctx, err);
}

int
rw_store_incident_stats(struct rw_store *store, const struct rw_stats_query *q,
    rw_stats_cb cb, void *ctx, struct rw_error *err)
{
	int r;

	assert(q != NULL && cb != NULL);
	if ((r = rw_stats_query_check(q, err)) < 0)
		return r;
	return store->ops->incident_stats(store->backend, q, cb, ctx, err);
}

int
rw_store_incident_get(struct rw_store *store, int64_t id,
    struct rw_incident_record **ret, struct rw_error *err)
{
	assert(ret != NULL);
	return store->ops->incident_get(store->backend, id, ret, err);
}

int
rw_store_incident_review(struct rw_store *store, int64_t id,
    enum rw_review_action action, const char *who,
    const struct rw_incident_edit *edit, int *ret_changed,
    struct rw_error *err)
{
	int changed = 0, r;

	assert(who != NULL);
	if (action != RW_REVIEW_ACCEPT && action != RW_REVIEW_REJECT &&
	    action != RW_REVIEW_EDIT)
		return rw_error_set(err, RW_EINVAL, "not a review action: %d",
		    (int)action);
	if (action == RW_REVIEW_EDIT) {
		if (edit == NULL || edit->fields == 0 ||
		    (edit->fields & ~(unsigned)RW_FIELD_ALL) != 0)
			return rw_error_set(err, RW_EINVAL,
			    "an edit must name the fields it changes");
		r = rw_incident_fields_check(&edit->values, edit->fields, err);
		if (r < 0)
			return r;
	}
	r = store->ops->incident_review(store->backend, id, action, who, edit,
	    &changed, err);
	if (r == RW_OK && ret_changed != NULL)
		*ret_changed = changed;
	return r;
}

int
rw_store_incident_split(struct rw_store *store, int64_t id, int64_t source_id,
    const char *who, int64_t *ret_new_id, struct rw_error *err)
{
	int64_t new_id = 0;
	int r;

	assert(who != NULL);
	r = store->ops->incident_split(store->backend, id, source_id, who,
	    &new_id, err);
	if (r == RW_OK && ret_new_id != NULL)
		*ret_new_id = new_id;
	return r;
}

int
rw_store_people_list(struct rw_store *store, rw_person_cb cb, void *ctx,
    struct rw_error *err)
{
	assert(cb != NULL);
	return store->ops->people_list(store->backend, cb, ctx, err);
}

int
rw_store_person_decide(struct rw_store *store, const char *name_a,
    const char *name_b, int same, const char *who, struct rw_error *err)
{
	assert(name_a != NULL && name_b != NULL && who != NULL);
	return store->ops->person_decide(store->backend, name_a, name_b,
	    same != 0, who, err);
}

int
rw_store_key_get(struct rw_store *store, char **ret_key_id, char **ret_salt,
    struct rw_error *err)
{
	assert(ret_key_id != NULL && ret_salt != NULL);
	return store->ops->key_get(store->backend, ret_key_id, ret_salt, err);
}

int
rw_store_key_set(struct rw_store *store, const char *key_id,
    const char *salt, struct rw_error *err)
{
	assert(key_id != NULL);
	return store->ops->key_set(store->backend, key_id, salt, err);
}

int
rw_store_case_write(struct rw_store *store, const struct rw_case_write *w,
    int64_t *ret_id, struct rw_error *err)
{
	assert(w != NULL && w->row != NULL && w->who != NULL &&
	    w->change_sealed != NULL && w->row->uid != NULL &&
	    w->row->sealed != NULL);
	return store->ops->case_write(store->backend, w, ret_id, err);
}

int
rw_store_case_get(struct rw_store *store, int64_t id, rw_case_row_cb cb,
    void *ctx, struct rw_error *err)
{
	return store->ops->case_get(store->backend, id, cb, ctx, err);
}

int
rw_store_case_list(struct rw_store *store, const char *blind,
    rw_case_row_cb cb, void *ctx, struct rw_error *err)
{
	return store->ops->case_list(store->backend, blind, cb, ctx, err);
}

int
rw_store_case_links(struct rw_store *store, int64_t id,
    int64_t **ret_incidents, size_t *ret_n_incidents, int64_t **ret_sources,
    size_t *ret_n_sources, struct rw_error *err)
{
	return store->ops->case_links(store->backend, id, ret_incidents,
	    ret_n_incidents, ret_sources, ret_n_sources, err);
}

int
rw_store_case_link(struct rw_store *store, int64_t id, int64_t incident_id,
    int64_t source_id, struct rw_error *err)
{
	/* checked here, for every backend: a link to nothing is a mistake
	 * of the caller's, not a success */
	if (incident_id < 0 || source_id < 0 ||
	    (incident_id == 0 && source_id == 0))
		return rw_error_set(err, RW_EINVAL, "a link to case %lld needs "
		    "an incident or a source", (long long)id);
	return store->ops->case_link(store->backend, id, incident_id,
	    source_id, err);
}

int
rw_store_case_history(struct rw_store *store, int64_t id,
    rw_case_change_cb cb, void *ctx, struct rw_error *err)
{
	return store->ops->case_history(store->backend, id, cb, ctx, err);
}

int
rw_store_case_screened(struct rw_store *store, int64_t id, const char *level,
    int score, struct rw_error *err)
{
	return store->ops->case_screened(store->backend, id, level, score, err);
}

int
rw_store_reseal(struct rw_store *store, const struct rw_reseal *r,
    struct rw_error *err)
{
	assert(r != NULL && r->reseal_case != NULL && r->reseal_change != NULL
	    && r->key_id != NULL);
	return store->ops->reseal(store->backend, r, err);
}

void
rw_source_free(struct rw_source *src)
{
	if (src == NULL)
		return;
	free((void *)src->path);
	free((void *)src->format);
	free((void *)src->title);
	free((void *)src->url);
	free((void *)src->publisher);
	free((void *)src->published);
	free((void *)src->ingested_by);
	free((void *)src->ingested_at);
	free((void *)src->meta_json);
	free((void *)src->bytes);
	free((void *)src->text);
	free(src);
}

const char *
rw_attempt_status_name(enum rw_attempt_status status)
{
	switch (status) {
	case RW_ATTEMPT_NEW: return "new";
	case RW_ATTEMPT_DUPLICATE: return "duplicate";
	case RW_ATTEMPT_NEAR_DUPLICATE: return "near-duplicate";
	case RW_ATTEMPT_FAILED: return "failed";
	}
	return "failed";
}

static const char *const alert_state_names[RW_ALERT_STATES] = {
	"open", "acked", "resolved",
};

const char *
rw_alert_state_name(enum rw_alert_state state)
{
	return (unsigned)state < RW_ALERT_STATES ?
	    alert_state_names[state] : NULL;
}

int
rw_alert_state_parse(const char *name, enum rw_alert_state *ret)
{
	for (int k = 0; k < RW_ALERT_STATES; k++)
		if (name != NULL && strcmp(alert_state_names[k], name) == 0) {
			*ret = (enum rw_alert_state)k;
			return RW_OK;
		}
	return RW_EINVAL;
}

int
rw_store_alert_sweep(struct rw_store *store, const struct rw_alert_sweep *s,
    struct rw_alert_swept *ret, struct rw_error *err)
{
	struct rw_alert_swept ignored;

	assert(s != NULL && s->now != NULL && s->on_case != NULL &&
	    s->on_returns != NULL);
	return store->ops->alert_sweep(store->backend, s,
	    ret != NULL ? ret : &ignored, err);
}

int
rw_store_alert_list(struct rw_store *store, int state, int64_t id,
    rw_alert_cb cb, void *ctx, struct rw_error *err)
{
	assert(cb != NULL && state >= -1 && state < RW_ALERT_STATES);
	return store->ops->alert_list(store->backend, state, id, cb, ctx, err);
}

int
rw_store_alert_set_state(struct rw_store *store, int64_t id,
    enum rw_alert_state state, const char *who, const char *now,
    int *ret_changed, struct rw_error *err)
{
	int ignored;

	assert(who != NULL && now != NULL);
	if (state != RW_ALERT_ACKED && state != RW_ALERT_RESOLVED)
		return rw_error_set(err, RW_EINVAL, "an alert can be "
		    "acknowledged or resolved, not reopened");
	return store->ops->alert_set_state(store->backend, id, state, who, now,
	    ret_changed != NULL ? ret_changed : &ignored, err);
}

int
rw_store_delivery_claim(struct rw_store *store, const char *who,
    const char *now, const char *until, size_t max,
    struct rw_alert_delivery **ret, size_t *ret_n, struct rw_error *err)
{
	assert(who != NULL && now != NULL && until != NULL && ret != NULL &&
	    ret_n != NULL);
	*ret = NULL;
	*ret_n = 0;
	return store->ops->delivery_claim(store->backend, who, now, until, max,
	    ret, ret_n, err);
}

int
rw_store_delivery_hurry(struct rw_store *store, const char *now,
    int64_t *ret_n, struct rw_error *err)
{
	int64_t ignored;

	assert(now != NULL);
	return store->ops->delivery_hurry(store->backend, now,
	    ret_n != NULL ? ret_n : &ignored, err);
}

int
rw_store_delivery_done(struct rw_store *store, int64_t id, const char *who,
    int tries, enum rw_delivery_outcome outcome, const char *error,
    const char *now, const char *next_at, struct rw_error *err)
{
	assert(who != NULL && now != NULL);
	assert(outcome != RW_DELIVERY_RETRY || next_at != NULL);
	return store->ops->delivery_done(store->backend, id, who, tries,
	    outcome, error, now, next_at, err);
}
