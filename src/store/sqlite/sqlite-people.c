/* sqlite-people.c: the SQLite backend's people: every person name stored
 * entities and incidents hold, grouped into persons, and the decisions
 * people record about names (store.h, schema 2).
 *
 * A new name is placed with the first person that
 *   1. holds a name a recorded decision says is the same person (rule
 *      "alias"), or else
 *   2. holds a name rw_name_match matches (rule: case, transliteration,
 *      name order, ...); candidates are the names whose comparison keys
 *      have the same letters (the `bag`), which every rule but the
 *      ethnonym one keeps;
 * unless a recorded decision says the new name is not the same person as
 * one of that person's names. Otherwise it starts a person of its own.
 * A decision regroups the persons holding the two names at once: their
 * names are placed again, oldest first. Names no entity or incident holds
 * any longer are forgotten, and their persons regrouped. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/date.h"
#include "people/name-match.h"
#include "store/sqlite/sqlite-int.h"

#define KEY_MAX (4 * RW_NAME_MAX + 1)

struct known_name {
	int64_t id;
	int64_t person_id;
	char *name;
	char *key;
	char *rule;
	char *via;
};

struct name_list {
	struct known_name *items;
	size_t n, cap;
};

static void
name_list_free(struct name_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		free(l->items[k].name);
		free(l->items[k].key);
		free(l->items[k].rule);
		free(l->items[k].via);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static char *
col_dup(sqlite3_stmt *st, int col)
{
	const char *s = sq_column_text(st, col);

	return s != NULL ? strdup(s) : NULL;
}

static struct known_name *
name_list_add(struct name_list *l)
{
	if (rw_array_room(l->items, l->n, l->cap, 8) < 0)
		return NULL;
	memset(&l->items[l->n], 0, sizeof(l->items[0]));
	return &l->items[l->n++];
}

/* Appends the rows of a (name, person_id) statement already bound. */
static int
read_name_pairs(sqlite3_stmt *st, struct name_list *l)
{
	struct known_name *k;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((k = name_list_add(l)) == NULL) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
		k->name = col_dup(st, 0);
		k->person_id = sqlite3_column_int64(st, 1);
		if (k->name == NULL) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

/* The names of a person, oldest first (id, name, key, rule, via). */
static int
read_person_names(struct rw_store_backend *b, int64_t person_id,
    struct name_list *l)
{
	sqlite3_stmt *st = sq_use(b, ST_NAMES_OF_PERSON);
	struct known_name *k;
	int rc;

	sqlite3_bind_int64(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((k = name_list_add(l)) == NULL) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
		k->id = sqlite3_column_int64(st, 0);
		k->person_id = person_id;
		k->name = col_dup(st, 1);
		k->key = col_dup(st, 2);
		k->rule = col_dup(st, 3);
		k->via = col_dup(st, 4);
		if (k->name == NULL || k->key == NULL || k->rule == NULL) {
			sqlite3_reset(st);
			return RW_ENOMEM;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RW_OK : RW_ESTORE;
}

static int
byte_order(const void *a, const void *b)
{
	return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

/* The comparison key of name and its letters sorted; both empty when the
 * name cannot be compared (it then matches nothing). */
static void
name_keys(const char *name, char key[KEY_MAX], char bag[KEY_MAX])
{
	size_t n = 0;

	if (rw_name_key(name, key, KEY_MAX, NULL) < 0)
		key[0] = '\0';
	for (const char *p = key; *p != '\0'; p++)
		if (*p != ' ')
			bag[n++] = *p;
	bag[n] = '\0';
	qsort(bag, n, 1, byte_order);
	if (n == 0)
		key[0] = '\0';
}

/* The latest decision on two keys: 1 same, 0 not the same, -1 none. */
static int
decision(struct rw_store_backend *b, const char *k1, const char *k2)
{
	sqlite3_stmt *st;
	int cmp = strcmp(k1, k2), same = -1;

	if (cmp == 0 || k1[0] == '\0' || k2[0] == '\0')
		return -1;
	st = sq_use(b, ST_DECISION_GET);
	sq_bind_text(st, 1, cmp < 0 ? k1 : k2);
	sq_bind_text(st, 2, cmp < 0 ? k2 : k1);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return same;
}

/* True when a decision says key is not the same person as one of the
 * names of person_id (or the store failed: then *r is set). */
static bool
conflicts(struct rw_store_backend *b, int64_t person_id, const char *key,
    int *r)
{
	struct name_list members = {0};
	bool found = false;

	*r = read_person_names(b, person_id, &members);
	for (size_t k = 0; *r == RW_OK && k < members.n && !found; k++)
		found = decision(b, key, members.items[k].key) == 0;
	name_list_free(&members);
	return found || *r < 0;
}

static int
insert_name(struct rw_store_backend *b, const char *name, int64_t person_id,
    const char *key, const char *bag, const char *rule, const char *via)
{
	sqlite3_stmt *st = sq_use(b, ST_NAME_INSERT);

	sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, person_id);
	sq_bind_text(st, 3, key);
	sq_bind_text(st, 4, bag);
	sq_bind_text(st, 5, rule);
	sq_bind_text(st, 6, via);
	return sq_run(b, ST_NAME_INSERT);
}

/* Step 1: names a decision says are the same person as key. */
static int
same_by_decision(struct rw_store_backend *b, const char *key,
    struct name_list *out)
{
	sqlite3_stmt *st = sq_use(b, ST_DECISIONS_SAME);
	char **partners = NULL;
	size_t n = 0, cap = 0;
	int rc, r = RW_OK;

	sq_bind_text(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rw_array_room(partners, n, cap, 4) < 0)
			break;
		if ((partners[n] = col_dup(st, 0)) != NULL)
			n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		r = rc == SQLITE_ROW ? RW_ENOMEM : RW_ESTORE;
	for (size_t k = 0; k < n; k++) {
		if (r == RW_OK) {
			st = sq_use(b, ST_NAMES_BY_KEY);
			sq_bind_text(st, 1, partners[k]);
			r = read_name_pairs(st, out);
		}
		free(partners[k]);
	}
	free(partners);
	return r;
}

/* Places a name not yet known (see the top of the file). */
static int
place(struct rw_store_backend *b, const char *name)
{
	char key[KEY_MAX], bag[KEY_MAX];
	struct name_list cands = {0};
	sqlite3_stmt *st;
	int r = RW_OK;

	name_keys(name, key, bag);
	if (key[0] != '\0') {
		r = same_by_decision(b, key, &cands);
		for (size_t k = 0; r == RW_OK && k < cands.n; k++) {
			struct known_name *c = &cands.items[k];

			if (!conflicts(b, c->person_id, key, &r)) {
				r = insert_name(b, name, c->person_id, key, bag, "alias",
				    c->name);
				name_list_free(&cands);
				return r;
			}
		}
		name_list_free(&cands);
		if (r == RW_OK) {
			st = sq_use(b, ST_NAMES_BY_BAG);
			sq_bind_text(st, 1, bag);
			r = read_name_pairs(st, &cands);
		}
		for (size_t k = 0; r == RW_OK && k < cands.n; k++) {
			struct known_name *c = &cands.items[k];
			enum rw_name_rule rule = rw_name_match(name, c->name);

			if (rule != RW_NAME_NONE &&
			    !conflicts(b, c->person_id, key, &r)) {
				r = insert_name(b, name, c->person_id, key, bag,
				    rw_name_rule_name(rule), c->name);
				name_list_free(&cands);
				return r;
			}
		}
		name_list_free(&cands);
		if (r < 0)
			return r;
	}
	st = sq_use(b, ST_PERSON_INSERT);
	sq_bind_text(st, 1, name);
	if (sq_run(b, ST_PERSON_INSERT) < 0)
		return RW_ESTORE;
	return insert_name(b, name, sqlite3_last_insert_rowid(b->db), key, bag,
	    "canonical", NULL);
}

/* The person holding name: its id, 0 when the name is not known. */
static int64_t
person_of(struct rw_store_backend *b, const char *name)
{
	sqlite3_stmt *st = sq_use(b, ST_NAME_PERSON);
	int64_t id = 0;
	int rc;

	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? id : RW_ESTORE;
}

int
sq_person_name_add(struct rw_store_backend *b, const char *name)
{
	int64_t id;

	if (name == NULL || name[0] == '\0')
		return RW_OK;
	id = person_of(b, name);
	if (id < 0)
		return RW_ESTORE;
	return id > 0 ? RW_OK : place(b, name);
}

int
sq_same_person(struct rw_store_backend *b, const char *a, const char *c)
{
	int64_t pa, pc;

	if (strcmp(a, c) == 0)
		return 1;
	pa = person_of(b, a);
	pc = person_of(b, c);
	if (pa < 0 || pc < 0)
		return RW_ESTORE;
	if (pa > 0 && pc > 0)
		return pa == pc;
	return rw_name_match(a, c) != RW_NAME_NONE;
}

static int
by_id(const void *a, const void *b)
{
	const struct known_name *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Takes the persons apart and places their names again, oldest first. */
static int
regroup(struct rw_store_backend *b, const int64_t *persons, size_t n)
{
	struct name_list names = {0};
	sqlite3_stmt *st;
	int r = RW_OK;

	for (size_t k = 0; k < n && r == RW_OK; k++) {
		bool seen = false;

		for (size_t j = 0; j < k; j++)
			seen |= persons[j] == persons[k];
		if (!seen)
			r = read_person_names(b, persons[k], &names);
	}
	if (r == RW_OK && names.n > 0)
		qsort(names.items, names.n, sizeof(names.items[0]), by_id);
	for (size_t k = 0; k < names.n && r == RW_OK; k++) {
		st = sq_use(b, ST_NAME_DELETE);
		sq_bind_text(st, 1, names.items[k].name);
		r = sq_run(b, ST_NAME_DELETE);
	}
	for (size_t k = 0; k < n && r == RW_OK; k++) {
		st = sq_use(b, ST_PERSON_DELETE);
		sqlite3_bind_int64(st, 1, persons[k]);
		r = sq_run(b, ST_PERSON_DELETE);
	}
	for (size_t k = 0; k < names.n && r == RW_OK; k++)
		r = place(b, names.items[k].name);
	name_list_free(&names);
	return r;
}

static int
name_mentioned(struct rw_store_backend *b, const char *name)
{
	sqlite3_stmt *st = sq_use(b, ST_NAME_MENTIONED);
	int rc, yes = 0;

	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? yes : RW_ESTORE;
}

int
sq_person_names_forget(struct rw_store_backend *b, char **names, size_t n)
{
	int64_t *persons;
	size_t n_persons = 0;
	sqlite3_stmt *st;
	int r = RW_OK;

	if (n == 0)
		return RW_OK;
	persons = calloc(n, sizeof(*persons));
	if (persons == NULL)
		return RW_ENOMEM;
	for (size_t k = 0; k < n && r == RW_OK; k++) {
		int mentioned = name_mentioned(b, names[k]);
		int64_t id;

		if (mentioned != 0) {
			r = mentioned < 0 ? RW_ESTORE : RW_OK;
			continue;
		}
		id = person_of(b, names[k]);
		if (id <= 0) {
			r = id < 0 ? RW_ESTORE : RW_OK;
			continue;
		}
		st = sq_use(b, ST_NAME_DELETE);
		sq_bind_text(st, 1, names[k]);
		r = sq_run(b, ST_NAME_DELETE);
		persons[n_persons++] = id;
	}
	if (r == RW_OK && n_persons > 0)
		r = regroup(b, persons, n_persons);
	free(persons);
	return r;
}

/* Persons holding a name with this key, added to ids (deduplicated). */
static int
persons_with_key(struct rw_store_backend *b, const char *key, int64_t **ids,
    size_t *n, size_t *cap)
{
	struct name_list l = {0};
	sqlite3_stmt *st = sq_use(b, ST_NAMES_BY_KEY);
	int r;

	sq_bind_text(st, 1, key);
	r = read_name_pairs(st, &l);
	for (size_t k = 0; k < l.n && r == RW_OK; k++) {
		bool seen = false;

		for (size_t j = 0; j < *n; j++)
			seen |= (*ids)[j] == l.items[k].person_id;
		if (seen)
			continue;
		if (rw_array_room(*ids, *n, *cap, 8) < 0) {
			r = RW_ENOMEM;
			break;
		}
		(*ids)[(*n)++] = l.items[k].person_id;
	}
	name_list_free(&l);
	return r;
}

int
sq_person_decide(struct rw_store_backend *b, const char *name_a,
    const char *name_b, int same, const char *who, struct rw_error *err)
{
	char ka[KEY_MAX], kb[KEY_MAX], bag[KEY_MAX], now[21];
	int64_t *pa = NULL, *pb = NULL, *both = NULL;
	size_t na = 0, ca = 0, nb = 0, cb = 0, n_both = 0;
	sqlite3_stmt *st;
	int cmp, r;

	name_keys(name_a, ka, bag);
	name_keys(name_b, kb, bag);
	if (ka[0] == '\0' || kb[0] == '\0')
		return rw_error_set(err, RW_EINVAL, "\"%s\" cannot be compared "
		    "with other names: give a name of at most %d bytes with "
		    "letters in it", ka[0] == '\0' ? name_a : name_b, RW_NAME_MAX);
	cmp = strcmp(ka, kb);
	if (cmp == 0)
		return rw_error_set(err, RW_EINVAL, "\"%s\" and \"%s\" differ only "
		    "in case, accents, script or punctuation (both read \"%s\"), "
		    "so they are always the same name", name_a, name_b, ka);
	if (sq_begin(b, err) < 0)
		return RW_ESTORE;
	rw_date_now_utc(now);
	st = sq_use(b, ST_DECISION_INSERT);
	sq_bind_text(st, 1, cmp < 0 ? ka : kb);
	sq_bind_text(st, 2, cmp < 0 ? kb : ka);
	sq_bind_text(st, 3, cmp < 0 ? name_a : name_b);
	sq_bind_text(st, 4, cmp < 0 ? name_b : name_a);
	sqlite3_bind_int(st, 5, same != 0);
	sq_bind_text(st, 6, who);
	sq_bind_text(st, 7, now);
	r = sq_run(b, ST_DECISION_INSERT);
	if (r == RW_OK)
		r = persons_with_key(b, ka, &pa, &na, &ca);
	if (r == RW_OK)
		r = persons_with_key(b, kb, &pb, &nb, &cb);
	if (r == RW_OK) {
		size_t cap = na + nb;

		both = calloc(cap > 0 ? cap : 1, sizeof(*both));
		if (both == NULL)
			r = RW_ENOMEM;
		/* Same: every person holding either name, when there are two
		 * or more. Not the same: each person holding both. */
		for (size_t i = 0; r == RW_OK && i < na; i++) {
			bool in_b = false;

			for (size_t j = 0; j < nb; j++)
				in_b |= pa[i] == pb[j];
			if (same || in_b)
				both[n_both++] = pa[i];
		}
		for (size_t j = 0; r == RW_OK && same && j < nb; j++) {
			bool in_a = false;

			for (size_t i = 0; i < na; i++)
				in_a |= pa[i] == pb[j];
			if (!in_a)
				both[n_both++] = pb[j];
		}
		if (r == RW_OK && (same ? n_both > 1 : n_both > 0))
			r = regroup(b, both, n_both);
	}
	free(pa);
	free(pb);
	free(both);
	if (r < 0) {
		r = r == RW_ENOMEM ? rw_error_set(err, r, "out of memory") :
		    sq_error(b, err, "recording a decision about two names");
		sq_rollback(b);
		return r;
	}
	return sq_commit(b, err);
}

static int
read_ids(sqlite3_stmt *st, int64_t **ret, size_t *ret_n)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rw_array_room(ids, n, cap, 8) < 0) {
			sqlite3_reset(st);
			free(ids);
			return RW_ENOMEM;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return RW_ESTORE;
	}
	*ret = ids;
	*ret_n = n;
	return RW_OK;
}

/* Loads a person's names, sources and incidents and hands it to cb. */
static int
deliver_person(struct rw_store_backend *b, int64_t id, const char *name,
    rw_person_cb cb, void *ctx)
{
	struct rw_person p = {id, name, NULL, 0, NULL, 0, NULL, 0};
	struct name_list names = {0};
	sqlite3_stmt *st;
	int r;

	r = read_person_names(b, id, &names);
	if (r == RW_OK && names.n > 0) {
		p.names = calloc(names.n, sizeof(*p.names));
		if (p.names == NULL)
			r = RW_ENOMEM;
		for (size_t k = 0; r == RW_OK && k < names.n; k++) {
			p.names[k].name = names.items[k].name;
			p.names[k].rule = names.items[k].rule;
			p.names[k].via = names.items[k].via;
		}
		p.n_names = names.n;
	}
	if (r == RW_OK) {
		st = sq_use(b, ST_PERSON_SOURCES);
		sqlite3_bind_int64(st, 1, id);
		r = read_ids(st, &p.sources, &p.n_sources);
	}
	if (r == RW_OK) {
		st = sq_use(b, ST_PERSON_INCIDENTS);
		sqlite3_bind_int64(st, 1, id);
		r = read_ids(st, &p.incidents, &p.n_incidents);
	}
	if (r == RW_OK)
		r = cb(&p, ctx);
	free(p.names);
	free(p.sources);
	free(p.incidents);
	name_list_free(&names);
	return r;
}

int
sq_people_list(struct rw_store_backend *b, rw_person_cb cb, void *ctx,
    struct rw_error *err)
{
	sqlite3_stmt *st = sq_use(b, ST_PERSON_LIST);
	struct name_list people = {0};
	struct known_name *p;
	int rc, r = RW_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((p = name_list_add(&people)) == NULL ||
		    (p->name = col_dup(st, 1)) == NULL) {
			r = RW_ENOMEM;
			break;
		}
		p->person_id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (r == RW_OK && rc != SQLITE_DONE)
		r = RW_ESTORE;
	for (size_t k = 0; k < people.n && r == RW_OK; k++)
		r = deliver_person(b, people.items[k].person_id,
		    people.items[k].name, cb, ctx);
	name_list_free(&people);
	if (r < 0)
		return r == RW_ENOMEM ? rw_error_set(err, r, "out of memory") :
		    sq_error(b, err, "listing people");
	return r;
}
