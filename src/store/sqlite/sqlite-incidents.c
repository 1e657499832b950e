/* sqlite-incidents.c: the SQLite backend's extraction results, incidents
 * and reviews (store.h, schema 2; the SQL is in sqlite-store.c).
 *
 * Saving a source's extraction, in one transaction:
 *
 *   entities    replaced whole;
 *   each report (an incident the extractor found in the source)
 *               1. is the source's earlier report of an incident already
 *                  stored (same type, and the same sentence or the same
 *                  incident by the matching rules)? keep that link; if the
 *                  incident is unreviewed, refresh the link (and the
 *                  incident's fields, when they came from this link);
 *               2. else, does another source report the same incident
 *                  (not rejected)? add this source to it;
 *               3. else store a new proposed incident;
 *   the source's earlier reports no report claimed: removed from
 *               unreviewed incidents (an incident left without a source
 *               goes; one whose fields came from the removed report takes
 *               those of its next source); reviewed incidents keep them;
 *   person names no entity or incident holds any more are forgotten.
 *
 * So saving the same extraction twice changes nothing, and incident ids
 * stay put while the rules keep finding the same incidents. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/utf8.h"
#include "store/incident-record.h"
#include "store/sqlite/sqlite-int.h"

/* One of the source's reports stored before this save. */
struct old_link {
	int64_t id, incident_id;
	struct rw_incident proposal;
	int64_t quote_start, quote_end;
	char *proposal_json;
	bool reviewed, origin, parsed, claimed;
};

/* A report of this save, rendered for the store. */
struct report {
	const struct rw_incident *inc;
	char *proposal; /* JSON text */
	char *quote;
	int64_t quote_start, quote_end;
};

struct save {
	struct rw_store_backend *b;
	int64_t source_id;
	const char *rules;
	const char *text;
	size_t text_len;
	char now[21];
	struct old_link *old;
	size_t n_old;
	struct rw_extraction_saved *ret;
};

static char *
col_dup(sqlite3_stmt *st, int col)
{
	const char *s = sq_column_text(st, col);

	return s != NULL ? strdup(s) : NULL;
}

static void
bind_copy(sqlite3_stmt *st, int col, const char *s)
{
	if (s == NULL || s[0] == '\0')
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
}

static bool
same_person(const char *a, const char *c, void *ctx)
{
	return sq_same_person(ctx, a, c) > 0;
}

/* Binds the seven field columns (type .. count) from column first on. */
static void
bind_fields(sqlite3_stmt *st, int first, const struct rw_incident *f)
{
	char date[RW_DATE_TEXT_MAX] = "";

	if (f->date.year != 0)
		rw_date_format(&f->date, date);
	bind_copy(st, first, rw_incident_type_name(f->type));
	bind_copy(st, first + 1, rw_mechanism_name(f->mechanism));
	bind_copy(st, first + 2, date);
	bind_copy(st, first + 3, f->host);
	bind_copy(st, first + 4, f->dest);
	bind_copy(st, first + 5, f->group);
	if (f->count > 0)
		sqlite3_bind_int64(st, first + 6, f->count);
	else
		sqlite3_bind_null(st, first + 6);
}

static void
copy_text(char *out, size_t cap, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;

	if (len >= cap)
		len = cap - 1;
	memcpy(out, s != NULL ? s : "", len);
	out[len] = '\0';
}

/* Reads the incident columns type .. confidence (from column 3 of
 * ST_INCIDENT_GET) and the incident's persons into f. */
static int
read_fields(struct rw_store_backend *b, sqlite3_stmt *st, int64_t id,
    struct rw_incident *f)
{
	const char *v;
	sqlite3_stmt *ps;
	int rc;

	memset(f, 0, sizeof(*f));
	f->count = -1;
	if (rw_incident_type_parse(sq_column_text(st, 3) != NULL ?
	    sq_column_text(st, 3) : "", &f->type) < 0)
		return RW_ECORRUPT;
	if ((v = sq_column_text(st, 4)) != NULL &&
	    rw_mechanism_parse(v, &f->mechanism) < 0)
		return RW_ECORRUPT;
	if ((v = sq_column_text(st, 5)) != NULL && rw_date_parse(v, &f->date) < 0)
		return RW_ECORRUPT;
	copy_text(f->host, sizeof(f->host), sq_column_text(st, 6));
	copy_text(f->dest, sizeof(f->dest), sq_column_text(st, 7));
	copy_text(f->group, sizeof(f->group), sq_column_text(st, 8));
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		f->count = (long)sqlite3_column_int64(st, 9);
	f->confidence = sqlite3_column_double(st, 10);
	ps = sq_use(b, ST_INCIDENT_PERSONS);
	sqlite3_bind_int64(ps, 1, id);
	while ((rc = sqlite3_step(ps)) == SQLITE_ROW &&
	    f->n_persons < RW_INCIDENT_PERSONS)
		copy_text(f->persons[f->n_persons++], RW_PERSON_NAME_MAX,
		    sq_column_text(ps, 0));
	sqlite3_reset(ps);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? RW_OK : RW_ESTORE;
}

/* Loads one incident's fields (and its status and reviewed flag). */
static int
load_fields(struct rw_store_backend *b, int64_t id, struct rw_incident *f,
    enum rw_incident_status *ret_status, int *ret_reviewed)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_GET);
	int rc, r;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? RW_ENOTFOUND : RW_ESTORE;
	}
	if (ret_status != NULL &&
	    rw_incident_status_parse(sq_column_text(st, 1), ret_status) < 0) {
		sqlite3_reset(st);
		return RW_ECORRUPT;
	}
	if (ret_reviewed != NULL)
		*ret_reviewed = sqlite3_column_int(st, 2);
	/* read_fields uses another statement; this row stays readable. */
	r = read_fields(b, st, id, f);
	sqlite3_reset(st);
	return r;
}

static int
write_persons(struct rw_store_backend *b, int64_t id,
    const struct rw_incident *f)
{
	sqlite3_stmt *st = sq_use(b, ST_PERSONS_DELETE);

	sqlite3_bind_int64(st, 1, id);
	if (sq_run(b, ST_PERSONS_DELETE) < 0)
		return RW_ESTORE;
	for (size_t k = 0; k < f->n_persons; k++) {
		st = sq_use(b, ST_PERSONS_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
		sqlite3_bind_text(st, 3, f->persons[k], -1, SQLITE_TRANSIENT);
		if (sq_run(b, ST_PERSONS_INSERT) < 0 ||
		    sq_person_name_add(b, f->persons[k]) < 0)
			return RW_ESTORE;
	}
	return RW_OK;
}

static int
write_fields(struct rw_store_backend *b, int64_t id,
    const struct rw_incident *f, const char *now)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_FIELDS);

	sqlite3_bind_int64(st, 1, id);
	bind_fields(st, 2, f);
	sq_bind_text(st, 9, now);
	if (sq_run(b, ST_INCIDENT_FIELDS) < 0)
		return RW_ESTORE;
	return write_persons(b, id, f);
}

static int
write_proposal(struct rw_store_backend *b, int64_t id, double confidence,
    const char *rules, const char *proposal)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_PROPOSAL);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_double(st, 2, confidence);
	sq_bind_text(st, 3, rules);
	sq_bind_text(st, 4, proposal);
	return sq_run(b, ST_INCIDENT_PROPOSAL);
}

static int
insert_incident(struct rw_store_backend *b, const struct rw_incident *f,
    int reviewed, const char *rules, const char *proposal, const char *now,
    int64_t *ret_id)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_INSERT);

	sqlite3_bind_int(st, 1, reviewed);
	bind_fields(st, 2, f);
	sqlite3_bind_double(st, 9, f->confidence);
	sq_bind_text(st, 10, rules);
	sq_bind_text(st, 11, proposal);
	sq_bind_text(st, 12, now);
	if (sq_run(b, ST_INCIDENT_INSERT) < 0)
		return RW_ESTORE;
	*ret_id = sqlite3_last_insert_rowid(b->db);
	return write_persons(b, *ret_id, f);
}

static int
insert_link(struct save *s, int64_t incident_id, const struct report *rep)
{
	sqlite3_stmt *st = sq_use(s->b, ST_LINK_INSERT);

	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, s->source_id);
	sq_bind_text(st, 3, rep->quote);
	sqlite3_bind_int64(st, 4, rep->quote_start);
	sqlite3_bind_int64(st, 5, rep->quote_end);
	sq_bind_text(st, 6, s->rules);
	sq_bind_text(st, 7, rep->proposal);
	sq_bind_text(st, 8, s->now);
	return sq_run(s->b, ST_LINK_INSERT);
}

static int64_t
link_count(struct rw_store_backend *b, int64_t incident_id)
{
	sqlite3_stmt *st = sq_use(b, ST_LINK_COUNT);
	int64_t n = -1;

	sqlite3_bind_int64(st, 1, incident_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* An unreviewed incident whose fields came from a report now gone takes
 * those of its first remaining report. */
static int
reset_from_first_link(struct rw_store_backend *b, int64_t incident_id,
    const char *now)
{
	sqlite3_stmt *st = sq_use(b, ST_LINK_FIRST);
	struct rw_incident f;
	char *proposal = NULL, *rules = NULL;
	int64_t qs, qe;
	int r = RW_ESTORE;

	sqlite3_bind_int64(st, 1, incident_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		proposal = col_dup(st, 1);
		rules = col_dup(st, 2);
	}
	sqlite3_reset(st);
	if (proposal == NULL || rules == NULL)
		goto done;
	r = rw_incident_from_json(proposal, &f, &qs, &qe);
	if (r == RW_OK)
		r = write_fields(b, incident_id, &f, now);
	if (r == RW_OK)
		r = write_proposal(b, incident_id, f.confidence, rules, proposal);
done:
	free(proposal);
	free(rules);
	return r;
}

static void
old_links_free(struct save *s)
{
	for (size_t k = 0; k < s->n_old; k++)
		free(s->old[k].proposal_json);
	free(s->old);
	s->old = NULL;
	s->n_old = 0;
}

static int
load_old_links(struct save *s)
{
	sqlite3_stmt *st = sq_use(s->b, ST_SOURCE_LINKS);
	size_t cap = 0;
	int rc;

	sqlite3_bind_int64(st, 1, s->source_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct old_link *l;

		if (rw_array_room(s->old, s->n_old, cap, 16) < 0) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
		l = &s->old[s->n_old++];
		memset(l, 0, sizeof(*l));
		l->id = sqlite3_column_int64(st, 0);
		l->incident_id = sqlite3_column_int64(st, 1);
		l->proposal_json = col_dup(st, 2);
		l->reviewed = sqlite3_column_int(st, 3) != 0;
		l->origin = sqlite3_column_int(st, 4) != 0;
		l->parsed = l->proposal_json != NULL &&
		    rw_incident_from_json(l->proposal_json, &l->proposal,
		    &l->quote_start, &l->quote_end) == RW_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

static void
report_free(struct report *rep)
{
	free(rep->proposal);
	free(rep->quote);
}

/* Renders one incident of the extraction as the store keeps it. */
static int
report_make(struct save *s, const struct rw_incident *inc,
    struct rw_char_counter *cc, struct report *rep)
{
	json_t *obj, *v;

	memset(rep, 0, sizeof(*rep));
	rep->inc = inc;
	if (inc->quote_start > inc->quote_end || inc->quote_end > s->text_len)
		return RW_EINVAL;
	obj = rw_incident_to_json(inc, NULL, s->text, cc, s->rules);
	if (obj == NULL)
		return RW_ENOMEM;
	json_object_del(obj, "doc");
	json_object_set_new(obj, "source_id", json_integer(s->source_id));
	v = json_object_get(obj, "quote");
	rep->quote = strdup(json_is_string(v) ? json_string_value(v) : "");
	rep->quote_start = json_integer_value(json_object_get(obj, "quote_start"));
	rep->quote_end = json_integer_value(json_object_get(obj, "quote_end"));
	rep->proposal = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (rep->quote == NULL || rep->proposal == NULL) {
		report_free(rep);
		return RW_ENOMEM;
	}
	return RW_OK;
}

static int merge_target(struct save *s, const struct report *rep,
    int64_t *ret_id);

/* Does rep retell what the source's earlier report l said? */
static bool
report_matches_old(struct save *s, const struct report *rep,
    const struct old_link *l)
{
	if (!l->parsed || l->proposal.type != rep->inc->type)
		return false;
	if (l->quote_start == rep->quote_start && l->quote_end == rep->quote_end)
		return true;
	return rw_incidents_same(rep->inc, &l->proposal, same_person, s->b);
}

/* Step 1: the source's earlier report of the same incident. Returns 1
 * when one was found (and refreshed), 0 when none, or an error. */
static int
claim_old(struct save *s, const struct report *rep)
{
	struct rw_store_backend *b = s->b;
	struct old_link *l = NULL;
	sqlite3_stmt *st;
	int r;

	for (size_t k = 0; k < s->n_old && l == NULL; k++) {
		struct old_link *o = &s->old[k];
		struct rw_incident now;

		if (o->claimed || !report_matches_old(s, rep, o))
			continue;
		/* An unreviewed incident whose fields another source gave keeps
		 * this report only while it still agrees with them (a decision
		 * about a name, or new rules, may have parted them). */
		if (!o->reviewed && !o->origin) {
			r = load_fields(b, o->incident_id, &now, NULL, NULL);
			if (r < 0)
				return r;
			if (!rw_incidents_same(rep->inc, &now, same_person, b))
				continue;
		}
		/* An unreviewed incident this source alone reports gives way
		 * to an older one another source reports, once they agree (a
		 * decision that two names are one person, new rules). */
		if (!o->reviewed && o->origin && link_count(b, o->incident_id) == 1) {
			int64_t older;

			r = merge_target(s, rep, &older);
			if (r < 0)
				return r;
			if (r > 0 && older < o->incident_id)
				continue;
		}
		l = o;
	}
	if (l == NULL)
		return 0;
	l->claimed = true;
	s->ret->kept++;
	if (l->reviewed || (l->proposal_json != NULL &&
	    strcmp(l->proposal_json, rep->proposal) == 0))
		return 1;
	st = sq_use(b, ST_LINK_UPDATE);
	sqlite3_bind_int64(st, 1, l->id);
	sq_bind_text(st, 2, rep->quote);
	sqlite3_bind_int64(st, 3, rep->quote_start);
	sqlite3_bind_int64(st, 4, rep->quote_end);
	sq_bind_text(st, 5, s->rules);
	sq_bind_text(st, 6, rep->proposal);
	if (sq_run(b, ST_LINK_UPDATE) < 0)
		return RW_ESTORE;
	if (!l->origin)
		return 1;
	r = write_fields(b, l->incident_id, rep->inc, s->now);
	if (r == RW_OK)
		r = write_proposal(b, l->incident_id, rep->inc->confidence, s->rules,
		    rep->proposal);
	return r < 0 ? r : 1;
}

static int
id_order(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The persons (ids, as a JSON array) the names of inc belong to, or NULL
 * when it names nobody. */
static int
person_ids_json(struct rw_store_backend *b, const struct rw_incident *inc,
    char **ret)
{
	json_t *ids;
	sqlite3_stmt *st;

	*ret = NULL;
	if (inc->n_persons == 0)
		return RW_OK;
	if ((ids = json_array()) == NULL)
		return RW_ENOMEM;
	for (size_t k = 0; k < inc->n_persons; k++) {
		st = sq_use(b, ST_NAME_PERSON);
		sq_bind_text(st, 1, inc->persons[k]);
		if (sqlite3_step(st) == SQLITE_ROW)
			json_array_append_new(ids,
			    json_integer(sqlite3_column_int64(st, 0)));
		sqlite3_reset(st);
	}
	*ret = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	return *ret != NULL ? RW_OK : RW_ENOMEM;
}

/* Ids of the incidents rep may join (step 2), lowest first. */
static int
merge_candidates(struct save *s, const struct rw_incident *inc,
    int64_t **ret_ids, size_t *ret_n)
{
	sqlite3_stmt *st;
	char year[12], next[12], month[4], *persons = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if ((rc = person_ids_json(s->b, inc, &persons)) < 0)
		return rc;
	if (inc->date.year != 0) {
		snprintf(year, sizeof(year), "%04d", inc->date.year);
		snprintf(next, sizeof(next), "%04d", inc->date.year + 1);
		snprintf(month, sizeof(month), "%02d", inc->date.month);
		st = sq_use(s->b, ST_CANDIDATES_DATED);
		sq_bind_text(st, 3, year);
		sq_bind_text(st, 4, next);
		if (inc->date.month != 0)
			sq_bind_text(st, 6, month);
	} else {
		st = sq_use(s->b, ST_CANDIDATES_UNDATED);
	}
	sq_bind_text(st, 1, rw_incident_type_name(inc->type));
	bind_copy(st, 2, inc->host);
	sqlite3_bind_int64(st, 5, s->source_id);
	sq_bind_text(st, 7, persons);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rw_array_room(ids, n, cap, 16) < 0) {
			sqlite3_reset(st);
			free(ids);
			free(persons);
			return RW_ENOMEM;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	free(persons);
	if (rc != SQLITE_DONE) {
		free(ids);
		return RW_ESTORE;
	}
	if (n > 1)
		qsort(ids, n, sizeof(*ids), id_order);
	*ret_ids = ids;
	*ret_n = n;
	return RW_OK;
}

/* The first incident another source reported that rep tells too: 1 and
 * its id, 0 when there is none, or an error. */
static int
merge_target(struct save *s, const struct report *rep, int64_t *ret_id)
{
	struct rw_incident cand;
	int64_t *ids = NULL;
	size_t n = 0;
	int r, found = 0;

	r = merge_candidates(s, rep->inc, &ids, &n);
	for (size_t k = 0; r == RW_OK && k < n && !found; k++) {
		r = load_fields(s->b, ids[k], &cand, NULL, NULL);
		if (r == RW_OK && rw_incidents_same(rep->inc, &cand, same_person,
		    s->b)) {
			*ret_id = ids[k];
			found = 1;
		}
	}
	free(ids);
	return r < 0 ? r : found;
}

/* Steps 2 and 3 for one report. */
static int
merge_or_create(struct save *s, const struct report *rep)
{
	int64_t id;
	int r = merge_target(s, rep, &id);

	if (r > 0) {
		s->ret->merged++;
		return insert_link(s, id, rep);
	}
	if (r < 0)
		return r;
	r = insert_incident(s->b, rep->inc, 0, s->rules, rep->proposal, s->now,
	    &id);
	if (r == RW_OK)
		r = insert_link(s, id, rep);
	if (r == RW_OK)
		s->ret->created++;
	return r;
}

/* The source's earlier reports no report of this save retold. */
static int
drop_unclaimed(struct save *s)
{
	struct rw_store_backend *b = s->b;
	sqlite3_stmt *st;

	for (size_t k = 0; k < s->n_old; k++) {
		struct old_link *l = &s->old[k];
		int64_t left;

		if (l->claimed || l->reviewed)
			continue;
		st = sq_use(b, ST_LINK_DELETE);
		sqlite3_bind_int64(st, 1, l->id);
		if (sq_run(b, ST_LINK_DELETE) < 0)
			return RW_ESTORE;
		s->ret->removed++;
		left = link_count(b, l->incident_id);
		if (left < 0)
			return RW_ESTORE;
		if (left == 0) {
			st = sq_use(b, ST_PERSONS_DELETE);
			sqlite3_bind_int64(st, 1, l->incident_id);
			if (sq_run(b, ST_PERSONS_DELETE) < 0)
				return RW_ESTORE;
			st = sq_use(b, ST_INCIDENT_DELETE);
			sqlite3_bind_int64(st, 1, l->incident_id);
			if (sq_run(b, ST_INCIDENT_DELETE) < 0)
				return RW_ESTORE;
		} else if (l->origin &&
		    reset_from_first_link(b, l->incident_id, s->now) < 0) {
			return RW_ESTORE;
		}
	}
	return RW_OK;
}

/* Binds text[start, end) as column col; invalid UTF-8 in it becomes
 * U+FFFD rather than losing the span. */
static int
bind_span(sqlite3_stmt *st, int col, const char *text, size_t start,
    size_t end)
{
	struct rw_buf clean;
	int r;

	if (rw_utf8_valid(text + start, end - start)) {
		sqlite3_bind_text(st, col, text + start, (int)(end - start),
		    SQLITE_TRANSIENT);
		return RW_OK;
	}
	rw_buf_init(&clean, (end - start) * 3 + 16);
	if ((r = rw_utf8_clean(&clean, text + start, end - start, NULL)) == 0)
		sqlite3_bind_text(st, col, clean.data ? clean.data : "",
		    (int)clean.len, SQLITE_TRANSIENT);
	rw_buf_free(&clean);
	return r;
}

static int
save_entities(struct save *s, const struct rw_extraction *found)
{
	struct rw_store_backend *b = s->b;
	struct rw_char_counter cc = {s->text, 0, 0};
	sqlite3_stmt *st = sq_use(b, ST_ENTITY_DELETE);
	int r = RW_OK;

	sqlite3_bind_int64(st, 1, s->source_id);
	if (sq_run(b, ST_ENTITY_DELETE) < 0)
		return RW_ESTORE;
	for (size_t k = 0; k < found->n_entities && r == RW_OK; k++) {
		const struct rw_entity *e = &found->entities[k];

		if (e->start > e->end || e->end > s->text_len)
			return RW_EINVAL;
		/* bound straight from the entity: ingest stores dozens a
		 * source, so no JSON object in between */
		st = sq_use(b, ST_ENTITY_INSERT);
		sqlite3_bind_int64(st, 1, s->source_id);
		bind_copy(st, 2, rw_entity_kind_name(e->kind));
		sqlite3_bind_int64(st, 3, (int64_t)rw_char_offset(&cc, e->start));
		sqlite3_bind_int64(st, 4, (int64_t)rw_char_offset(&cc, e->end));
		if ((r = bind_span(st, 5, s->text, e->start, e->end)) < 0) {
			sqlite3_reset(st);
			return r;
		}
		bind_copy(st, 6, e->value);
		r = sq_run(b, ST_ENTITY_INSERT);
		if (r == RW_OK && e->kind == RW_ENTITY_PERSON && e->value[0] != '\0')
			r = sq_person_name_add(b, e->value);
		if (r == RW_OK)
			s->ret->entities++;
	}
	return r;
}

static int
source_exists(struct rw_store_backend *b, int64_t id)
{
	sqlite3_stmt *st = sq_use(b, ST_SOURCE_EXISTS);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return RW_OK;
	return rc == SQLITE_DONE ? RW_ENOTFOUND : RW_ESTORE;
}

static int
save_all(struct save *s, const struct rw_extraction *found)
{
	struct rw_char_counter cc = {s->text, 0, 0};
	sqlite3_stmt *st;
	int r;

	r = save_entities(s, found);
	if (r < 0)
		return r;
	st = sq_use(s->b, ST_EXTRACTION_SET);
	sqlite3_bind_int64(st, 1, s->source_id);
	sq_bind_text(st, 2, s->rules);
	sq_bind_text(st, 3, s->now);
	if (sq_run(s->b, ST_EXTRACTION_SET) < 0)
		return RW_ESTORE;
	for (size_t k = 0; k < found->n_incidents; k++)
		for (size_t p = 0; p < found->incidents[k].n_persons; p++)
			if (sq_person_name_add(s->b,
			    found->incidents[k].persons[p]) < 0)
				return RW_ESTORE;
	if ((r = load_old_links(s)) < 0)
		return r;
	for (size_t k = 0; k < found->n_incidents && r == RW_OK; k++) {
		struct report rep;

		r = report_make(s, &found->incidents[k], &cc, &rep);
		if (r < 0)
			break;
		r = claim_old(s, &rep);
		if (r == 0)
			r = merge_or_create(s, &rep);
		report_free(&rep);
		if (r > 0)
			r = RW_OK;
	}
	if (r == RW_OK)
		r = drop_unclaimed(s);
	return r;
}

int
sq_extraction_save(struct rw_store_backend *b, int64_t source_id,
    const char *rules, const char *text, size_t text_len,
    const struct rw_extraction *found, struct rw_extraction_saved *ret,
    struct rw_error *err)
{
	struct save s = {b, source_id, rules, text, text_len, "", NULL, 0, ret};
	char **names = NULL;
	size_t n_names = 0;
	sqlite3_stmt *st;
	int r;

	memset(ret, 0, sizeof(*ret));
	r = source_exists(b, source_id);
	if (r == RW_ENOTFOUND)
		return rw_error_set(err, r, "no source with id %lld",
		    (long long)source_id);
	if (r < 0)
		return sq_error(b, err, "looking up a source");
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	rw_date_now_utc(s.now);
	st = sq_use(b, ST_SOURCE_PERSON_NAMES);
	sqlite3_bind_int64(st, 1, source_id);
	r = sq_texts(st, &names, &n_names);
	if (r == RW_OK)
		r = save_all(&s, found);
	if (r == RW_OK)
		r = sq_person_names_forget(b, names, n_names);
	old_links_free(&s);
	sq_texts_free(names, n_names);
	if (r < 0) {
		if (r == RW_EINVAL)
			rw_error_set(err, r, "extraction of source %lld gave spans "
			    "outside its text", (long long)source_id);
		else if (r == RW_ENOMEM)
			rw_error_set(err, r, "out of memory saving the extraction of "
			    "source %lld", (long long)source_id);
		else
			sq_error(b, err, "saving an extraction");
		sq_rollback(b);
		memset(ret, 0, sizeof(*ret));
		return r;
	}
	if (sq_commit(b, err) < 0) {
		memset(ret, 0, sizeof(*ret));
		return RW_ESTORE;
	}
	return RW_OK;
}

int
sq_entity_list(struct rw_store_backend *b, int64_t source_id,
    rw_entity_cb cb, void *ctx, struct rw_error *err)
{
	struct rw_entity_record e;
	sqlite3_stmt *st;
	int rc, stop = 0, r;

	r = source_exists(b, source_id);
	if (r == RW_ENOTFOUND)
		return rw_error_set(err, r, "no source with id %lld",
		    (long long)source_id);
	if (r < 0)
		return sq_error(b, err, "looking up a source");
	st = sq_use(b, ST_ENTITY_LIST);
	sqlite3_bind_int64(st, 1, source_id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.source_id = source_id;
		e.kind = sq_column_text(st, 0);
		e.start = sqlite3_column_int64(st, 1);
		e.end = sqlite3_column_int64(st, 2);
		e.text = sq_column_text(st, 3);
		e.value = sq_column_text(st, 4);
		stop = cb(&e, ctx);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return sq_error(b, err, "listing entities");
	return RW_OK;
}

static int
load_links(struct rw_store_backend *b, struct rw_incident_record *inc)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_LINKS);
	size_t cap = 0;
	int rc;

	sqlite3_bind_int64(st, 1, inc->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rw_incident_link *l;

		if (rw_array_room(inc->links, inc->n_links, cap, 4) < 0) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
		l = &inc->links[inc->n_links++];
		l->source_id = sqlite3_column_int64(st, 0);
		l->quote = col_dup(st, 1);
		l->quote_start = sqlite3_column_int64(st, 2);
		l->quote_end = sqlite3_column_int64(st, 3);
		l->rules = col_dup(st, 4);
		l->proposal = col_dup(st, 5);
		l->added_at = col_dup(st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

static int
load_reviews(struct rw_store_backend *b, struct rw_incident_record *inc)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_REVIEWS);
	size_t cap = 0;
	int rc;

	sqlite3_bind_int64(st, 1, inc->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rw_review *r;

		if (rw_array_room(inc->reviews, inc->n_reviews, cap, 4) < 0) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
		r = &inc->reviews[inc->n_reviews++];
		r->id = sqlite3_column_int64(st, 0);
		r->who = col_dup(st, 1);
		r->at = col_dup(st, 2);
		r->action = col_dup(st, 3);
		r->changes = col_dup(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

static int
load_record(struct rw_store_backend *b, int64_t id,
    struct rw_incident_record **ret, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_GET);
	struct rw_incident_record *inc;
	int rc, r;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return rw_error_set(err, RW_ENOTFOUND,
			    "no incident with id %lld", (long long)id);
		return sq_error(b, err, "reading an incident");
	}
	inc = calloc(1, sizeof(*inc));
	if (inc == NULL) {
		sqlite3_reset(st);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	inc->id = id;
	r = rw_incident_status_parse(sq_column_text(st, 1), &inc->status);
	inc->reviewed = sqlite3_column_int(st, 2);
	inc->rules = col_dup(st, 11);
	inc->proposal = col_dup(st, 12);
	inc->created_at = col_dup(st, 13);
	inc->updated_at = col_dup(st, 14);
	if (r == RW_OK)
		r = read_fields(b, st, id, &inc->fields);
	sqlite3_reset(st);
	if (r == RW_OK)
		r = load_links(b, inc);
	if (r == RW_OK)
		r = load_reviews(b, inc);
	if (r < 0) {
		rw_incident_record_free(inc);
		if (r == RW_ECORRUPT)
			return rw_error_set(err, r, "incident %lld holds values this "
			    "build does not know", (long long)id);
		if (r == RW_ENOMEM)
			return rw_error_set(err, r, "out of memory");
		return sq_error(b, err, "reading an incident");
	}
	*ret = inc;
	return RW_OK;
}

int
sq_incident_get(struct rw_store_backend *b, int64_t id,
    struct rw_incident_record **ret, struct rw_error *err)
{
	return load_record(b, id, ret, err);
}

int
sq_incident_list(struct rw_store_backend *b, int status, rw_incident_cb cb,
    void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_IDS);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc, stop = 0;

	if (status >= 0)
		sq_bind_text(st, 1, rw_incident_status_name(status));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rw_array_room(ids, n, cap, 64) < 0) {
			sqlite3_reset(st);
			free(ids);
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return sq_error(b, err, "listing incidents");
	}
	for (size_t k = 0; k < n && stop == 0; k++) {
		struct rw_incident_record *inc;

		stop = load_record(b, ids[k], &inc, err);
		if (stop == RW_ENOTFOUND) { /* deleted meanwhile */
			stop = 0;
			continue;
		}
		if (stop < 0)
			break;
		stop = cb(inc, ctx);
		rw_incident_record_free(inc);
	}
	free(ids);
	return stop;
}

int
sq_incident_counts(struct rw_store_backend *b, const char *host,
    rw_count_cb cb, void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_COUNTS);
	int rc, stop = 0;

	sq_bind_text(st, 1, host);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rw_incident_count c;

		memset(&c, 0, sizeof(c));
		if (rw_incident_type_parse(sq_column_text(st, 0), &c.type) < 0) {
			sqlite3_reset(st);
			return rw_error_set(err, RW_ECORRUPT, "an incident hosted in "
			    "%s has a type this build does not know", host);
		}
		c.year = sqlite3_column_int(st, 1);
		copy_text(c.dest, sizeof(c.dest), sq_column_text(st, 2));
		c.incidents = sqlite3_column_int64(st, 3);
		c.accepted = sqlite3_column_int64(st, 4);
		c.people = sqlite3_column_int64(st, 5);
		stop = cb(&c, ctx);
	}
	sqlite3_reset(st);
	if (stop == 0 && rc != SQLITE_DONE)
		return sq_error(b, err, "counting incidents");
	return stop;
}

int
sq_incident_stats(struct rw_store_backend *b, const struct rw_stats_query *q,
    rw_stats_cb cb, void *ctx, struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_INCIDENT_STATS);
	int rc, stop = 0;

	for (size_t k = 0; k < q->n_by; k++) {
		sqlite3_bind_int(st, 1 + (int)q->by[k], 1);
		sqlite3_bind_int(st, 5 + (int)k, (int)q->by[k]);
	}
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rw_stats_row row;

		for (int d = 0; d < RW_STATS_DIMS; d++)
			row.value[d] = sq_column_text(st, d);
		row.incidents = sqlite3_column_int64(st, RW_STATS_DIMS);
		row.persons = sqlite3_column_int64(st, RW_STATS_DIMS + 1);
		stop = cb(&row, ctx);
	}
	sqlite3_reset(st);
	if (stop == 0 && rc != SQLITE_DONE)
		return sq_error(b, err, "counting accepted incidents");
	return stop;
}

static int
add_review(struct rw_store_backend *b, int64_t id, const char *who,
    const char *at, const char *action, json_t *changes)
{
	char *text = json_dumps(changes, JSON_COMPACT);
	sqlite3_stmt *st;
	int r;

	json_decref(changes);
	if (text == NULL)
		return RW_ENOMEM;
	st = sq_use(b, ST_REVIEW_INSERT);
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, who);
	sq_bind_text(st, 3, at);
	sq_bind_text(st, 4, action);
	sq_bind_text(st, 5, text);
	r = sq_run(b, ST_REVIEW_INSERT);
	free(text);
	return r;
}

static json_t *
before_after(json_t *before, json_t *after)
{
	return json_pack("{so so}", "before", before, "after", after);
}

/* Applies the edit to *f; fills changes with what differs. */
static void
apply_edit(struct rw_incident *f, const struct rw_incident_edit *edit,
    json_t *changes)
{
	struct rw_incident before = *f;
	const struct rw_incident *v = &edit->values;

	if (edit->fields & RW_FIELD_TYPE)
		f->type = v->type;
	if (edit->fields & RW_FIELD_MECHANISM)
		f->mechanism = v->mechanism;
	if (edit->fields & RW_FIELD_DATE)
		f->date = v->date;
	if (edit->fields & RW_FIELD_HOST)
		memcpy(f->host, v->host, sizeof(f->host));
	if (edit->fields & RW_FIELD_DEST)
		memcpy(f->dest, v->dest, sizeof(f->dest));
	if (edit->fields & RW_FIELD_PERSONS) {
		memcpy(f->persons, v->persons, sizeof(f->persons));
		f->n_persons = v->n_persons;
	}
	if (edit->fields & RW_FIELD_GROUP)
		memcpy(f->group, v->group, sizeof(f->group));
	if (edit->fields & RW_FIELD_COUNT)
		f->count = v->count > 0 ? v->count : -1;
	for (unsigned bit = RW_FIELD_TYPE; bit <= RW_FIELD_COUNT; bit <<= 1) {
		json_t *was = rw_incident_field_json(&before, bit);
		json_t *now = rw_incident_field_json(f, bit);

		if (!json_equal(was, now))
			json_object_set_new(changes, rw_incident_field_name(bit),
			    before_after(was, now));
		else {
			json_decref(was);
			json_decref(now);
		}
	}
}

static int
review_edit(struct rw_store_backend *b, int64_t id, struct rw_incident *f,
    const struct rw_incident_edit *edit, const char *who, const char *now,
    int *ret_changed, struct rw_error *err)
{
	json_t *changes = json_object();
	char *old_names[RW_INCIDENT_PERSONS];
	size_t n_old = f->n_persons;
	int r;

	if (changes == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	for (size_t k = 0; k < n_old; k++)
		if ((old_names[k] = strdup(f->persons[k])) == NULL) {
			n_old = k;
			r = rw_error_set(err, RW_ENOMEM, "out of memory");
			goto done;
		}
	apply_edit(f, edit, changes);
	if (f->type != RW_INCIDENT_RETURN && f->mechanism != RW_MECHANISM_NONE) {
		r = rw_error_set(err, RW_EINVAL, "a mechanism is for returns only: "
		    "incident %lld would be a %s", (long long)id,
		    rw_incident_type_name(f->type));
		goto done;
	}
	if (json_object_size(changes) == 0) {
		*ret_changed = 0;
		r = RW_OK;
		goto done;
	}
	r = write_fields(b, id, f, now);
	if (r == RW_OK) {
		sqlite3_stmt *st = sq_use(b, ST_INCIDENT_REVIEWED);

		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, now);
		r = sq_run(b, ST_INCIDENT_REVIEWED);
	}
	if (r == RW_OK) {
		r = add_review(b, id, who, now, "edit", changes);
		changes = NULL;
	}
	if (r == RW_OK)
		r = sq_person_names_forget(b, old_names, n_old);
	if (r < 0)
		r = r == RW_ENOMEM ? rw_error_set(err, r, "out of memory") :
		    sq_error(b, err, "recording an edit");
	else
		*ret_changed = 1;
done:
	json_decref(changes);
	for (size_t k = 0; k < n_old; k++)
		free(old_names[k]);
	return r;
}

int
sq_incident_review(struct rw_store_backend *b, int64_t id,
    enum rw_review_action action, const char *who,
    const struct rw_incident_edit *edit, int *ret_changed,
    struct rw_error *err)
{
	enum rw_incident_status status, want;
	struct rw_incident f;
	char now[21];
	int reviewed, r;

	*ret_changed = 0;
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	rw_date_now_utc(now);
	r = load_fields(b, id, &f, &status, &reviewed);
	if (r < 0) {
		sq_rollback(b);
		if (r == RW_ENOTFOUND)
			return rw_error_set(err, r, "no incident with id %lld",
			    (long long)id);
		return sq_error(b, err, "reading an incident");
	}
	if (action == RW_REVIEW_EDIT) {
		r = review_edit(b, id, &f, edit, who, now, ret_changed, err);
	} else {
		want = action == RW_REVIEW_ACCEPT ? RW_STATUS_ACCEPTED :
		    RW_STATUS_REJECTED;
		if (want != status) {
			sqlite3_stmt *st = sq_use(b, ST_INCIDENT_STATUS);

			sqlite3_bind_int64(st, 1, id);
			sq_bind_text(st, 2, rw_incident_status_name(want));
			sq_bind_text(st, 3, now);
			r = sq_run(b, ST_INCIDENT_STATUS);
			if (r == RW_OK)
				r = add_review(b, id, who, now,
				    action == RW_REVIEW_ACCEPT ? "accept" : "reject",
				    json_pack("{so}", "status", before_after(
				    json_string(rw_incident_status_name(status)),
				    json_string(rw_incident_status_name(want)))));
			if (r < 0)
				r = sq_error(b, err, "recording a review");
			else
				*ret_changed = 1;
		}
	}
	if (r < 0 || *ret_changed == 0) {
		sq_rollback(b);
		return r;
	}
	return sq_commit(b, err);
}

int
sq_incident_split(struct rw_store_backend *b, int64_t id, int64_t source_id,
    const char *who, int64_t *ret_new_id, struct rw_error *err)
{
	enum rw_incident_status status;
	struct rw_incident f, moved;
	sqlite3_stmt *st;
	char now[21], *proposal = NULL, *rules = NULL;
	int64_t link_id = 0, qs, qe, new_id = 0;
	int reviewed, origin = 0, rc, r;

	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	rw_date_now_utc(now);
	r = load_fields(b, id, &f, &status, &reviewed);
	if (r == RW_ENOTFOUND) {
		r = rw_error_set(err, r, "no incident with id %lld", (long long)id);
		goto fail;
	}
	if (r < 0)
		goto store_fail;
	st = sq_use(b, ST_LINK_FIND);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, source_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		link_id = sqlite3_column_int64(st, 0);
		proposal = col_dup(st, 1);
		rules = col_dup(st, 2);
		origin = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		r = rw_error_set(err, RW_ENOTFOUND, "source %lld does not report "
		    "incident %lld", (long long)source_id, (long long)id);
		goto fail;
	}
	if (rc != SQLITE_ROW || proposal == NULL || rules == NULL)
		goto store_fail;
	if (link_count(b, id) < 2) {
		r = rw_error_set(err, RW_EINVAL, "source %lld is the only source of "
		    "incident %lld: there is nothing to split", (long long)source_id,
		    (long long)id);
		goto fail;
	}
	if (rw_incident_from_json(proposal, &moved, &qs, &qe) < 0) {
		r = rw_error_set(err, RW_ECORRUPT, "the proposal of source %lld in "
		    "incident %lld cannot be read", (long long)source_id,
		    (long long)id);
		goto fail;
	}
	r = insert_incident(b, &moved, 1, rules, proposal, now, &new_id);
	if (r == RW_OK) {
		st = sq_use(b, ST_LINK_MOVE);
		sqlite3_bind_int64(st, 1, link_id);
		sqlite3_bind_int64(st, 2, new_id);
		r = sq_run(b, ST_LINK_MOVE);
	}
	if (r == RW_OK && !reviewed && origin)
		r = reset_from_first_link(b, id, now);
	if (r == RW_OK) {
		st = sq_use(b, ST_INCIDENT_REVIEWED);
		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, now);
		r = sq_run(b, ST_INCIDENT_REVIEWED);
	}
	if (r == RW_OK)
		r = add_review(b, id, who, now, "split", json_pack("{s{sIsI}}",
		    "split", "source_id", (json_int_t)source_id, "into",
		    (json_int_t)new_id));
	if (r == RW_OK)
		r = add_review(b, new_id, who, now, "split", json_pack("{s{sIsI}}",
		    "split", "source_id", (json_int_t)source_id, "from",
		    (json_int_t)id));
	if (r < 0)
		goto store_fail;
	free(proposal);
	free(rules);
	*ret_new_id = new_id;
	return sq_commit(b, err);
store_fail:
	r = sq_error(b, err, "splitting an incident");
fail:
	free(proposal);
	free(rules);
	sq_rollback(b);
	return r;
}

int
sq_check_incidents(struct rw_store_backend *b, rw_problem_cb cb, void *ctx)
{
	sqlite3_stmt *st = sq_use(b, ST_CHECK_INCIDENTS);
	char msg[96];
	int problems = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(msg, sizeof(msg), "incident %lld: no source reports it",
		    (long long)sqlite3_column_int64(st, 0));
		problems++;
		cb(msg, ctx);
	}
	sqlite3_reset(st);
	return problems;
}
