/* case-store.c: cases in a store, sealed with the store's key: the case
 * turned into the store's row (the sensitive part as one sealed JSON
 * object, the rest plain), blind indexes of its names, and a sealed
 * history record of each change. */
#include "cases/case-store.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/utf8.h"

/* ---- the case as JSON ---- */

static json_t *
strings_json(const struct rw_strings *list)
{
	json_t *a = json_array();

	for (size_t k = 0; a != NULL && k < list->n; k++)
		json_array_append_new(a, json_string(list->items[k]));
	return a;
}

static json_t *
opt_string(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
opt_iso(const char *iso)
{
	return iso[0] != '\0' ? json_string(iso) : json_null();
}

/* The sealed part: everything that names or locates someone. */
static json_t *
sealed_json(const struct rw_case *c)
{
	return json_pack("{s:o s:o s:o s:o s:o s:o s:o}",
	    "names", strings_json(&c->names),
	    "aliases", strings_json(&c->aliases),
	    "description", opt_string(c->description),
	    "custody", opt_string(c->custody),
	    "contacts", strings_json(&c->contacts),
	    "locations", strings_json(&c->locations),
	    "notes", strings_json(&c->notes));
}

static json_t *
deadlines_json(const struct rw_case *c)
{
	json_t *a = json_array();

	for (size_t k = 0; a != NULL && k < c->n_deadlines; k++)
		json_array_append_new(a, json_pack("{s:s s:s}", "kind",
		    rw_deadline_kind_name(c->deadlines[k].kind), "date",
		    c->deadlines[k].date));
	return a;
}

static json_t *
requests_json(const struct rw_case *c)
{
	json_t *a = json_array();

	for (size_t k = 0; a != NULL && k < c->n_requests; k++) {
		const struct rw_request *r = &c->requests[k];
		json_array_append_new(a, json_pack("{s:s s:s s:o s:b s:o}",
		    "kind", rw_request_kind_name(r->kind), "state", r->state,
		    "charges", opt_string(r->charges), "assurances",
		    r->assurances, "issuer", opt_string(r->issuer)));
	}
	return a;
}

/* Every field, for comparing two versions of a case. */
static json_t *
whole_json(const struct rw_case *c)
{
	json_t *o = sealed_json(c);

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "status", json_string(
	    rw_case_status_name(c->status)));
	json_object_set_new(o, "legal_status", json_string(
	    rw_legal_status_name(c->legal_status)));
	json_object_set_new(o, "group", opt_string(c->group));
	json_object_set_new(o, "count", json_integer(c->count));
	json_object_set_new(o, "nationality", opt_iso(c->nationality));
	json_object_set_new(o, "host", opt_iso(c->host));
	json_object_set_new(o, "dest", opt_iso(c->dest));
	json_object_set_new(o, "tags", strings_json(&c->tags));
	json_object_set_new(o, "deadlines", deadlines_json(c));
	json_object_set_new(o, "requests", requests_json(c));
	json_object_set_new(o, "closed", json_boolean(c->closed));
	return o;
}

/* {"field": [before, after]} for the fields that differ; before may be
 * NULL (a new case). */
static json_t *
changes_json(json_t *before, json_t *after)
{
	json_t *out = json_object(), *value;
	const char *key;

	json_object_foreach(after, key, value) {
		json_t *old = before ? json_object_get(before, key) : NULL;
		if (old != NULL && json_equal(old, value))
			continue;
		json_object_set_new(out, key, json_pack("[OO]",
		    old ? old : json_null(), value));
	}
	return out;
}

/* ---- JSON back to the case ---- */

static int
strings_from(json_t *a, struct rw_strings *list, struct rw_error *err)
{
	size_t k;
	json_t *v;

	json_array_foreach(a, k, v)
		if (json_is_string(v) && rw_strings_add(list,
		    json_string_value(v), err) < 0)
			return RW_ENOMEM;
	return RW_OK;
}

static char *
string_from(json_t *v)
{
	return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

static void
iso_from(const char *s, char out[3])
{
	out[0] = '\0';
	if (s != NULL && strlen(s) == 2)
		memcpy(out, s, 3);
}

int
rw_case_deadlines_read(const char *text, struct rw_case *c,
    struct rw_error *err)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL), *v;
	size_t k;

	if (!json_is_array(a)) {
		json_decref(a);
		return rw_error_set(err, RW_ECORRUPT, "a case's deadlines are "
		    "not a JSON array");
	}
	c->deadlines = calloc(json_array_size(a) + 1, sizeof(*c->deadlines));
	if (c->deadlines == NULL) {
		json_decref(a);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	json_array_foreach(a, k, v) {
		struct rw_deadline *d = &c->deadlines[c->n_deadlines];
		const char *date = json_string_value(json_object_get(v, "date"));
		if (rw_deadline_kind_parse(json_string_value(json_object_get(v,
		    "kind")), &d->kind) && date != NULL && strlen(date) == 10) {
			memcpy(d->date, date, 11);
			c->n_deadlines++;
		}
	}
	json_decref(a);
	return RW_OK;
}

static int
requests_from(const char *text, struct rw_case *c, struct rw_error *err)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL), *v;
	size_t k;

	if (!json_is_array(a)) {
		json_decref(a);
		return rw_error_set(err, RW_ECORRUPT, "a case's requests are "
		    "not a JSON array");
	}
	c->requests = calloc(json_array_size(a) + 1, sizeof(*c->requests));
	if (c->requests == NULL) {
		json_decref(a);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	json_array_foreach(a, k, v) {
		struct rw_request *r = &c->requests[c->n_requests];
		if (!rw_request_kind_parse(json_string_value(json_object_get(v,
		    "kind")), &r->kind))
			continue;
		iso_from(json_string_value(json_object_get(v, "state")),
		    r->state);
		r->charges = string_from(json_object_get(v, "charges"));
		r->issuer = string_from(json_object_get(v, "issuer"));
		r->assurances = json_is_true(json_object_get(v, "assurances"));
		c->n_requests++;
	}
	json_decref(a);
	return RW_OK;
}

/* The case of a row whose sealed part opened as s. */
static int
case_from(const struct rw_case_row *row, json_t *s, struct rw_case *c,
    struct rw_error *err)
{
	json_t *tags = json_loads(row->tags_json ? row->tags_json : "[]", 0,
	    NULL);
	int r;

	rw_case_init(c);
	c->id = row->id;
	rw_case_status_parse(row->status, &c->status);
	rw_legal_status_parse(row->legal_status, &c->legal_status);
	iso_from(row->host, c->host);
	iso_from(row->dest, c->dest);
	iso_from(row->nationality, c->nationality);
	c->group = row->group ? strdup(row->group) : NULL;
	c->count = row->count;
	c->closed = row->closed != 0;
	c->description = string_from(json_object_get(s, "description"));
	c->custody = string_from(json_object_get(s, "custody"));
	c->created_at = row->created_at ? strdup(row->created_at) : NULL;
	c->updated_at = row->updated_at ? strdup(row->updated_at) : NULL;
	r = strings_from(json_object_get(s, "names"), &c->names, err);
	if (r == RW_OK)
		r = strings_from(json_object_get(s, "aliases"), &c->aliases,
		    err);
	if (r == RW_OK)
		r = strings_from(json_object_get(s, "contacts"), &c->contacts,
		    err);
	if (r == RW_OK)
		r = strings_from(json_object_get(s, "locations"),
		    &c->locations, err);
	if (r == RW_OK)
		r = strings_from(json_object_get(s, "notes"), &c->notes, err);
	if (r == RW_OK)
		r = strings_from(tags, &c->tags, err);
	if (r == RW_OK)
		r = rw_case_deadlines_read(row->deadlines_json, c, err);
	if (r == RW_OK)
		r = requests_from(row->requests_json, c, err);
	json_decref(tags);
	if (r < 0)
		rw_case_free(c);
	return r;
}

/* ---- sealing ---- */

static void
context_of(const char *uid, const char *what, char out[96])
{
	snprintf(out, 96, "case:%s%s", uid, what);
}

/* Seals j (consumed) for uid's context what. */
static int
seal_json(const struct rw_keyring *k, const char *uid, const char *what,
    json_t *j, char **ret, struct rw_error *err)
{
	char context[96], *text;
	int r;

	if (j == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (text == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	context_of(uid, what, context);
	r = rw_seal(k, context, text, strlen(text), ret, err);
	sodium_memzero(text, strlen(text));
	free(text);
	return r;
}

static int
unseal_json(const struct rw_keyring *k, const char *uid, const char *what,
    const char *sealed, json_t **ret, struct rw_error *err)
{
	char context[96], *text = NULL;
	size_t len = 0;
	int r;

	context_of(uid, what, context);
	if ((r = rw_unseal(k, context, sealed, &text, &len, err)) < 0)
		return r;
	*ret = json_loadb(text, len, 0, NULL);
	sodium_memzero(text, len);
	free(text);
	if (*ret == NULL)
		return rw_error_set(err, RW_ECORRUPT, "a sealed case value is "
		    "not JSON");
	return RW_OK;
}

/* Blind indexes of every name and alias (malloc'd, *ret_n of them). */
static int
blinds_of(const struct rw_keyring *k, const struct rw_case *c,
    char ***ret, size_t *ret_n, struct rw_error *err)
{
	size_t n = c->names.n + c->aliases.n, used = 0;
	char **out = calloc(n + 1, sizeof(*out));

	if (out == NULL)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	for (size_t j = 0; j < n; j++) {
		const char *name = j < c->names.n ? c->names.items[j] :
		    c->aliases.items[j - c->names.n];
		char hex[RW_BLIND_INDEX_HEX];
		/* a name without letters cannot be looked up: no index */
		if (rw_blind_index(k, name, hex, NULL) < 0)
			continue;
		if ((out[used] = strdup(hex)) == NULL) {
			for (size_t i = 0; i < used; i++)
				free(out[i]);
			free(out);
			return rw_error_set(err, RW_ENOMEM, "out of memory");
		}
		used++;
	}
	*ret = out;
	*ret_n = used;
	return RW_OK;
}

static void
blinds_free(char **blinds, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(blinds[k]);
	free(blinds);
}

/* ---- the key ---- */

int
rw_case_key_check(struct rw_store *store, const struct rw_keyring *k,
    const char *salt, struct rw_error *err)
{
	char id[RW_KEY_ID_HEX], *stored = NULL, *stored_salt = NULL;
	int r;

	rw_keyring_id(k, id);
	r = rw_store_key_get(store, &stored, &stored_salt, err);
	if (r == RW_ENOTFOUND)
		return rw_store_key_set(store, id, salt, err);
	if (r < 0)
		return r;
	r = strcmp(stored, id) == 0 ? RW_OK : rw_error_set(err, RW_ECORRUPT,
	    "this is not the key of this store (its fingerprint is %s, the "
	    "key given has %s)", stored, id);
	free(stored);
	free(stored_salt);
	return r;
}

/* ---- loading and listing ---- */

struct load {
	const struct rw_keyring *k;
	struct rw_case *c;
	rw_case_cb cb;
	void *ctx;
	char uid[65];
	struct rw_error *err;
	int64_t version;  /* of the row opened last */
};

static int
open_row(const struct rw_case_row *row, void *ctx)
{
	struct load *l = ctx;
	json_t *s = NULL;
	int r = unseal_json(l->k, row->uid, "", row->sealed, &s, l->err);

	if (r < 0)
		return r;
	r = case_from(row, s, l->c, l->err);
	json_decref(s);
	snprintf(l->uid, sizeof(l->uid), "%s", row->uid);
	l->version = row->version;
	return r;
}

int
rw_case_load(struct rw_store *store, const struct rw_keyring *k, int64_t id,
    struct rw_case *ret, struct rw_error *err)
{
	struct load l = {k, ret, NULL, NULL, "", err, 0};

	rw_case_init(ret);
	return rw_store_case_get(store, id, open_row, &l, err);
}

static int
each_row(const struct rw_case_row *row, void *ctx)
{
	struct load *l = ctx;
	struct rw_case c;
	int r;

	l->c = &c;
	if ((r = open_row(row, l)) < 0)
		return r;
	r = l->cb(&c, row->level, row->score, l->ctx);
	rw_case_free(&c);
	return r;
}

int
rw_case_each(struct rw_store *store, const struct rw_keyring *k,
    const char *name, rw_case_cb cb, void *ctx, struct rw_error *err)
{
	struct load l = {k, NULL, cb, ctx, "", err, 0};
	char hex[RW_BLIND_INDEX_HEX];
	int r;

	/* the index's own code: RW_ETOOBIG for a name over its cap, as
	 * err says, not RW_EINVAL */
	if (name != NULL && (r = rw_blind_index(k, name, hex, err)) < 0)
		return r;
	return rw_store_case_list(store, name ? hex : NULL, each_row, &l, err);
}

/* ---- saving ---- */

static int
save(struct rw_store *store, const struct rw_keyring *k, struct rw_case *c,
    const char *uid, int64_t version, json_t *before, const char *who,
    struct rw_error *err)
{
	json_t *after = whole_json(c), *tags = strings_json(&c->tags),
	    *dl = deadlines_json(c), *rq = requests_json(c);
	char *sealed = NULL, *change = NULL, **blinds = NULL;
	char *tags_text = json_dumps(tags, JSON_COMPACT);
	char *dl_text = json_dumps(dl, JSON_COMPACT);
	char *rq_text = json_dumps(rq, JSON_COMPACT);
	size_t n_blinds = 0;
	int64_t id = 0;
	int r = after && tags_text && dl_text && rq_text ? RW_OK :
	    rw_error_set(err, RW_ENOMEM, "out of memory");

	if (r == RW_OK)
		r = seal_json(k, uid, "", sealed_json(c), &sealed, err);
	if (r == RW_OK)
		r = seal_json(k, uid, ":change", changes_json(before, after),
		    &change, err);
	if (r == RW_OK)
		r = blinds_of(k, c, &blinds, &n_blinds, err);
	if (r == RW_OK) {
		struct rw_case_row row = {
			.id = c->id, .uid = uid, .sealed = sealed,
			.status = rw_case_status_name(c->status),
			.legal_status = rw_legal_status_name(c->legal_status),
			.host = c->host[0] ? c->host : NULL,
			.dest = c->dest[0] ? c->dest : NULL,
			.nationality = c->nationality[0] ? c->nationality : NULL,
			.group = c->group, .count = c->count,
			.tags_json = tags_text, .deadlines_json = dl_text,
			.requests_json = rq_text, .closed = c->closed,
			.version = version,
		};
		struct rw_case_write w = {&row, (const char *const *)blinds,
		    n_blinds, who, change};
		r = rw_store_case_write(store, &w, &id, err);
	}
	if (r == RW_OK)
		c->id = id;
	blinds_free(blinds, n_blinds);
	free(sealed);
	free(change);
	free(tags_text);
	free(dl_text);
	free(rq_text);
	json_decref(after);
	json_decref(tags);
	json_decref(dl);
	json_decref(rq);
	return r;
}

int
rw_case_save(struct rw_store *store, const struct rw_keyring *k,
    struct rw_case *c, const char *who, int *ret_changed,
    struct rw_error *err)
{
	unsigned char raw[16];
	char uid[33];
	struct rw_case old;
	struct load l = {k, &old, NULL, NULL, "", err, 0};
	json_t *before = NULL, *after;
	int r, changed = 1;

	/* a value JSON or the schema cannot hold would otherwise be
	 * dropped silently (json_string refuses bad UTF-8) or reported as
	 * a store failure */
	if ((r = rw_case_check(c, err)) < 0)
		return r;
	if (who == NULL || !rw_utf8_valid(who, strlen(who)))
		return rw_error_set(err, RW_EINVAL, "a case's change needs who "
		    "made it, in UTF-8");
	if (c->id == 0) {
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(uid, sizeof(uid), raw, sizeof(raw));
		r = save(store, k, c, uid, 0, NULL, who, err);
	} else {
		rw_case_init(&old);
		if ((r = rw_store_case_get(store, c->id, open_row, &l,
		    err)) < 0)
			return r;
		before = whole_json(&old);
		after = whole_json(c);
		changed = !json_equal(before, after);
		json_decref(after);
		/* made from version l.version: refused if another save came
		 * between, so "before" is what this save replaces */
		r = changed ? save(store, k, c, l.uid, l.version, before, who,
		    err) : RW_OK;
		json_decref(before);
		rw_case_free(&old);
	}
	if (ret_changed != NULL)
		*ret_changed = r == RW_OK && changed;
	return r;
}

/* ---- history ---- */

struct history {
	const struct rw_keyring *k;
	const char *uid;
	rw_case_change_view_cb cb;
	void *ctx;
	struct rw_error *err;
};

static int
each_change(const struct rw_case_change *ch, void *ctx)
{
	struct history *h = ctx;
	json_t *j = NULL;
	char *text;
	int r = unseal_json(h->k, h->uid, ":change", ch->sealed, &j, h->err);

	if (r < 0)
		return r;
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (text == NULL)
		return rw_error_set(h->err, RW_ENOMEM, "out of memory");
	r = h->cb(ch->at, ch->who, text, h->ctx);
	sodium_memzero(text, strlen(text));
	free(text);
	return r;
}

static int
note_uid(const struct rw_case_row *row, void *ctx)
{
	snprintf(ctx, 65, "%s", row->uid);
	return RW_OK;
}

int
rw_case_history(struct rw_store *store, const struct rw_keyring *k,
    int64_t id, rw_case_change_view_cb cb, void *ctx, struct rw_error *err)
{
	char uid[65] = "";
	struct history h = {k, uid, cb, ctx, err};
	int r = rw_store_case_get(store, id, note_uid, uid, err);

	if (r < 0)
		return r;
	return rw_store_case_history(store, id, each_change, &h, err);
}

/* ---- incidents that name a case's person ---- */

/* An incident and the blind index of one of its people. Listing and
 * linking are kept apart: no write runs while a listing walks a table. */
struct named_pair {
	int64_t incident;
	char blind[RW_BLIND_INDEX_HEX];
};

struct named {
	const struct rw_keyring *k;
	struct named_pair *pairs;
	size_t n;
	int64_t *cases;
	size_t n_cases;
};

static int
note_pair(const struct rw_incident_record *inc, void *ctx)
{
	struct named *n = ctx;

	if (inc->status == RW_STATUS_REJECTED)
		return RW_OK;
	for (size_t k = 0; k < inc->fields.n_persons; k++) {
		struct named_pair *more = realloc(n->pairs, (n->n + 1) *
		    sizeof(*more));
		if (more == NULL)
			return RW_ENOMEM;
		n->pairs = more;
		more[n->n].incident = inc->id;
		if (rw_blind_index(n->k, inc->fields.persons[k],
		    more[n->n].blind, NULL) == RW_OK)
			n->n++;
	}
	return RW_OK;
}

static int
note_case(const struct rw_case_row *row, void *ctx)
{
	struct named *n = ctx;
	int64_t *more = realloc(n->cases, (n->n_cases + 1) * sizeof(*more));

	if (more == NULL)
		return RW_ENOMEM;
	n->cases = more;
	n->cases[n->n_cases++] = row->id;
	return RW_OK;
}

/* A case's linked incidents, read once per run of rw_case_link_named
 * and kept up to date as it links more. */
struct case_links {
	int64_t case_id;
	int64_t *incidents;
	size_t n;
};

static int
links_of(struct rw_store *store, struct case_links **all, size_t *n_all,
    int64_t case_id, struct case_links **ret, struct rw_error *err)
{
	struct case_links *more, *l;
	int64_t *sources = NULL;
	size_t n_sources = 0;
	int r;

	for (size_t k = 0; k < *n_all; k++)
		if ((*all)[k].case_id == case_id) {
			*ret = &(*all)[k];
			return RW_OK;
		}
	if ((more = realloc(*all, (*n_all + 1) * sizeof(*more))) == NULL)
		return RW_ENOMEM;
	*all = more;
	l = &more[*n_all];
	memset(l, 0, sizeof(*l));
	l->case_id = case_id;
	if ((r = rw_store_case_links(store, case_id, &l->incidents, &l->n,
	    &sources, &n_sources, err)) < 0)
		return r;
	free(sources);
	(*n_all)++;
	*ret = l;
	return RW_OK;
}

/* Links incident to the case of l unless it is linked already; 1 when
 * it made a link. */
static int
link_once(struct rw_store *store, struct case_links *l, int64_t incident,
    struct rw_error *err)
{
	int64_t *more;
	int r;

	for (size_t k = 0; k < l->n; k++)
		if (l->incidents[k] == incident)
			return 0;
	if ((r = rw_store_case_link(store, l->case_id, incident, 0, err)) < 0)
		return r;
	if ((more = realloc(l->incidents, (l->n + 1) * sizeof(*more))) == NULL)
		return RW_ENOMEM;
	l->incidents = more;
	l->incidents[l->n++] = incident;
	return 1;
}

int
rw_case_link_named(struct rw_store *store, const struct rw_keyring *k,
    long *ret_linked, struct rw_error *err)
{
	struct named n = {k, NULL, 0, NULL, 0};
	struct case_links *all = NULL, *l;
	size_t n_all = 0;
	long made = 0;
	int r = rw_store_incident_list(store, -1, note_pair, &n, err);

	for (size_t p = 0; r >= 0 && p < n.n; p++) {
		n.n_cases = 0;
		r = rw_store_case_list(store, n.pairs[p].blind, note_case, &n,
		    err);
		for (size_t c = 0; r >= 0 && c < n.n_cases; c++) {
			r = links_of(store, &all, &n_all, n.cases[c], &l, err);
			if (r == RW_OK && (r = link_once(store, l,
			    n.pairs[p].incident, err)) > 0)
				made += r;
		}
	}
	for (size_t c = 0; c < n_all; c++)
		free(all[c].incidents);
	free(all);
	free(n.pairs);
	free(n.cases);
	if (r == RW_ENOMEM)
		rw_error_set(err, r, "out of memory");
	if (ret_linked != NULL)
		*ret_linked = made;
	return r < 0 ? r : RW_OK;
}

/* ---- a new key ---- */

struct rekey {
	const struct rw_keyring *old, *next;
	struct rw_error *err;
};

static int
reseal_value(const struct rekey *rk, const char *uid, const char *what,
    const char *sealed, char **ret)
{
	json_t *j = NULL;
	int r = unseal_json(rk->old, uid, what, sealed, &j, rk->err);

	return r < 0 ? r : seal_json(rk->next, uid, what, j, ret, rk->err);
}

static int
reseal_case(const struct rw_case_row *row, char **ret_sealed,
    char ***ret_blinds, size_t *ret_n, void *ctx)
{
	struct rekey *rk = ctx;
	struct rw_case c;
	json_t *s = NULL;
	int r = unseal_json(rk->old, row->uid, "", row->sealed, &s, rk->err);

	if (r < 0)
		return r;
	r = case_from(row, s, &c, rk->err);
	json_decref(s);
	if (r < 0)
		return r;
	r = seal_json(rk->next, row->uid, "", sealed_json(&c), ret_sealed,
	    rk->err);
	if (r == RW_OK)
		r = blinds_of(rk->next, &c, ret_blinds, ret_n, rk->err);
	rw_case_free(&c);
	return r;
}

static int
reseal_change(const struct rw_case_row *row, const struct rw_case_change *c,
    char **ret_sealed, void *ctx)
{
	return reseal_value(ctx, row->uid, ":change", c->sealed, ret_sealed);
}

int
rw_case_rekey(struct rw_store *store, const struct rw_keyring *old,
    const struct rw_keyring *next, const char *next_salt,
    struct rw_error *err)
{
	struct rekey rk = {old, next, err};
	char id[RW_KEY_ID_HEX];
	struct rw_reseal rs = {reseal_case, reseal_change, &rk, id, next_salt};
	int r = rw_case_key_check(store, old, NULL, err);

	if (r < 0)
		return r;
	rw_keyring_id(next, id);
	return rw_store_reseal(store, &rs, err);
}
