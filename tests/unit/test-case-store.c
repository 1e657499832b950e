/* test-case-store.c: the case store (cases/case-store.h) on a real SQLite
 * store (store.h, schema 3): saving and loading every field, history,
 * identity, lookup by folded name, the key check, re-keying (and its all
 * or nothing), what the raw files of the data directory reveal, links to
 * incidents and sources, screening results, and the upgrade from
 * schema 2.
 *
 * The people here are invented; their names are written in several
 * scripts so that the lookup by name is tested across them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "cases/case-store.h"
#include "core/embedded.h"
#include "crypto/digest.h"
#include "extract/extract.h"
#include "unit.h"
#include "unit-store.h"

extern const struct rw_embedded rw_sqlite_migrations[];

/* A store (unit-store.h) and two keys beside it (a: the store's, b:
 * another). */
struct fixture {
	struct unit_store *s;
	struct rw_store *store;    /* s->store while it is open */
	const char *data, *db;
	struct rw_keyring *a, *b;
};

static struct rw_keyring *
new_key(const char *dir, const char *name)
{
	struct rw_keyring *k = NULL;
	struct rw_error err;
	char *path = unit_path(dir, name);

	if (rw_key_file_create(path, &err) != RW_OK ||
	    rw_keyring_from_file(path, &k, &err) != RW_OK)
		fail_msg("key %s: %s", path, err.message);
	free(path);
	return k;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rw_error err;

	if (f == NULL || (f->s = unit_store_new()) == NULL)
		return -1;
	f->store = f->s->store;
	f->data = f->s->data;
	f->db = f->s->db;
	f->a = new_key(f->s->dir, "a.key");
	f->b = new_key(f->s->dir, "b.key");
	*state = f;
	if (rw_case_key_check(f->store, f->a, NULL, &err) != RW_OK) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	f->s->store = f->store;
	unit_store_free(f->s);
	rw_keyring_free(f->a);
	rw_keyring_free(f->b);
	free(f);
	return 0;
}

/* ---- building and comparing cases ---- */

static void
add(struct rw_strings *list, const char *s)
{
	assert_int_equal(rw_strings_add(list, s, NULL), RW_OK);
}

static void
add_deadline(struct rw_case *c, enum rw_deadline_kind kind, const char *date)
{
	c->deadlines = realloc(c->deadlines, (c->n_deadlines + 1) *
	    sizeof(*c->deadlines));
	assert_non_null(c->deadlines);
	c->deadlines[c->n_deadlines].kind = kind;
	snprintf(c->deadlines[c->n_deadlines].date, 11, "%s", date);
	c->n_deadlines++;
}

static void
add_request(struct rw_case *c, enum rw_request_kind kind, const char *state,
    const char *charges, bool assurances, const char *issuer)
{
	struct rw_request *r;

	c->requests = realloc(c->requests, (c->n_requests + 1) *
	    sizeof(*c->requests));
	assert_non_null(c->requests);
	r = &c->requests[c->n_requests++];
	r->kind = kind;
	snprintf(r->state, sizeof(r->state), "%s", state);
	r->charges = charges ? strdup(charges) : NULL;
	r->issuer = issuer ? strdup(issuer) : NULL;
	r->assurances = assurances;
}

/* Invented person: names in Latin, Cyrillic, Han and Uyghur Arabic
 * script; every field set. */
#define NAME "Merwayit Abdukerim"
#define NAME_CYRILLIC "Мервайит Абдукерим"
#define NAME_HAN "麦尔瓦伊提"
#define NAME_ARABIC "مەرۋايىت ئابدۇكېرىم"
#define ALIAS "Mérvayit Qadirova"
#define DESCRIPTION "teacher held after a raid on a rented flat"
#define CUSTODY "Suan Phlu holding centre, block C"
#define CONTACT "+66 81 555 0199 (sister, Signal)"
#define LOCATION "Soi Ngam Duphli 41, third floor"
#define NOTE "fears a night transfer; lawyer Somchai visits Fridays"

static void
full_case(struct rw_case *c)
{
	rw_case_init(c);
	add(&c->names, NAME);
	add(&c->names, NAME_CYRILLIC);
	add(&c->names, NAME_HAN);
	add(&c->names, NAME_ARABIC);
	add(&c->aliases, ALIAS);
	c->description = strdup(DESCRIPTION);
	c->group = strdup("Uyghur");
	c->count = 1;
	memcpy(c->nationality, "CN", 3);
	add(&c->tags, "teacher");
	add(&c->tags, "religious-practitioner");
	memcpy(c->host, "TH", 3);
	memcpy(c->dest, "CN", 3);
	c->custody = strdup(CUSTODY);
	c->legal_status = RW_LEGAL_ASYLUM_SEEKER;
	c->status = RW_CASE_DETAINED;
	add_deadline(c, RW_DEADLINE_HEARING, "2026-11-03");
	add_deadline(c, RW_DEADLINE_DEPORTATION, "2026-12-15");
	add_request(c, RW_REQUEST_EXTRADITION, "CN", "separatism, terrorism",
	    true, "Ministry of Public Security");
	add_request(c, RW_REQUEST_INTERPOL_DIFFUSION, "CN", NULL, false, NULL);
	add(&c->contacts, CONTACT);
	add(&c->locations, LOCATION);
	add(&c->notes, NOTE);
}

/* A case with one name (and alias, when not NULL). */
static void
named_case(struct rw_case *c, const char *name, const char *alias)
{
	rw_case_init(c);
	add(&c->names, name);
	if (alias != NULL)
		add(&c->aliases, alias);
}

static void
assert_strings_equal(const struct rw_strings *x, const struct rw_strings *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t k = 0; k < x->n; k++)
		assert_string_equal(x->items[k], y->items[k]);
}

static void
assert_opt_equal(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		assert_ptr_equal(x, y);
	else
		assert_string_equal(x, y);
}

static void
assert_cases_equal(const struct rw_case *x, const struct rw_case *y)
{
	assert_int_equal(x->id, y->id);
	assert_strings_equal(&x->names, &y->names);
	assert_strings_equal(&x->aliases, &y->aliases);
	assert_opt_equal(x->description, y->description);
	assert_opt_equal(x->group, y->group);
	assert_int_equal(x->count, y->count);
	assert_string_equal(x->nationality, y->nationality);
	assert_strings_equal(&x->tags, &y->tags);
	assert_string_equal(x->host, y->host);
	assert_string_equal(x->dest, y->dest);
	assert_opt_equal(x->custody, y->custody);
	assert_int_equal(x->legal_status, y->legal_status);
	assert_int_equal(x->status, y->status);
	assert_int_equal(x->closed, y->closed);
	assert_int_equal(x->n_deadlines, y->n_deadlines);
	for (size_t k = 0; k < x->n_deadlines; k++) {
		assert_int_equal(x->deadlines[k].kind, y->deadlines[k].kind);
		assert_string_equal(x->deadlines[k].date, y->deadlines[k].date);
	}
	assert_int_equal(x->n_requests, y->n_requests);
	for (size_t k = 0; k < x->n_requests; k++) {
		const struct rw_request *p = &x->requests[k], *q = &y->requests[k];
		assert_int_equal(p->kind, q->kind);
		assert_string_equal(p->state, q->state);
		assert_opt_equal(p->charges, q->charges);
		assert_opt_equal(p->issuer, q->issuer);
		assert_int_equal(p->assurances, q->assurances);
	}
	assert_strings_equal(&x->contacts, &y->contacts);
	assert_strings_equal(&x->locations, &y->locations);
	assert_strings_equal(&x->notes, &y->notes);
}

/* ---- store calls that must succeed ---- */

static int
save_ok(struct fixture *f, struct rw_case *c)
{
	struct rw_error err;
	int changed = -1;

	if (rw_case_save(f->store, f->a, c, "dora", &changed, &err) != RW_OK)
		fail_msg("save: %s", err.message);
	assert_true(c->id > 0);
	return changed;
}

static void
load_ok(struct fixture *f, const struct rw_keyring *k, int64_t id,
    struct rw_case *c)
{
	struct rw_error err;

	if (rw_case_load(f->store, k, id, c, &err) != RW_OK)
		fail_msg("load %lld: %s", (long long)id, err.message);
}

/* Saves a case with one name (and alias); returns its id. */
static int64_t
save_named(struct fixture *f, const char *name, const char *alias)
{
	struct rw_case c;
	int64_t id;

	named_case(&c, name, alias);
	save_ok(f, &c);
	id = c.id;
	rw_case_free(&c);
	return id;
}

/* The history of a case: who and what changed, oldest first. */
struct history {
	size_t n;
	char *who[8], *changes[8];
};

static int
note_change(const char *at, const char *who, const char *changes, void *ctx)
{
	struct history *h = ctx;

	assert_non_null(at);
	assert_true(h->n < 8);
	h->who[h->n] = strdup(who);
	h->changes[h->n] = strdup(changes);
	h->n++;
	return 0;
}

static void
history_free(struct history *h)
{
	for (size_t k = 0; k < h->n; k++) {
		free(h->who[k]);
		free(h->changes[k]);
	}
	h->n = 0;
}

static void
history_ok(struct fixture *f, const struct rw_keyring *k, int64_t id,
    struct history *h)
{
	struct rw_error err;

	memset(h, 0, sizeof(*h));
	if (rw_case_history(f->store, k, id, note_change, h, &err) != RW_OK)
		fail_msg("history %lld: %s", (long long)id, err.message);
}

/* "id[level/score]" for each case rw_case_each gives, comma-separated. */
struct listing {
	char text[1024];
	size_t len;
};

static int
note_case(const struct rw_case *c, const char *level, int score, void *ctx)
{
	struct listing *l = ctx;

	l->len += (size_t)snprintf(l->text + l->len, sizeof(l->text) - l->len,
	    "%s%lld", l->len ? "," : "", (long long)c->id);
	if (level != NULL)
		l->len += (size_t)snprintf(l->text + l->len,
		    sizeof(l->text) - l->len, "[%s/%d]", level, score);
	return 0;
}

static int
list(struct fixture *f, const struct rw_keyring *k, const char *name,
    struct listing *l)
{
	struct rw_error err;

	memset(l, 0, sizeof(*l));
	return rw_case_each(f->store, k, name, note_case, l, &err);
}

/* The cases found under name with key k, as "1,3". */
static const char *
found(struct fixture *f, const struct rw_keyring *k, const char *name)
{
	static struct listing l;

	if (list(f, k, name, &l) != RW_OK)
		fail_msg("listing \"%s\" failed", name ? name : "(all)");
	return l.text;
}

/* ---- saving, loading, history ---- */

static void
test_every_field_round_trips(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;

	full_case(&c);
	assert_int_equal(save_ok(f, &c), 1);
	load_ok(f, f->a, c.id, &back);
	assert_cases_equal(&c, &back);
	assert_non_null(back.created_at);
	assert_non_null(back.updated_at);
	rw_case_free(&back);
	rw_case_free(&c);
}

/* The first record holds every field as [null, value]. */
static void
assert_first_record(const char *changes)
{
	json_t *j = json_loads(changes, 0, NULL);

	assert_non_null(j);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j,
	    "status"), 1)), "detained");
	assert_true(json_is_null(json_array_get(json_object_get(j, "status"),
	    0)));
	assert_string_equal(json_string_value(json_array_get(json_array_get(
	    json_object_get(j, "names"), 1), 1)), NAME_CYRILLIC);
	assert_string_equal(json_string_value(json_array_get(json_array_get(
	    json_object_get(j, "notes"), 1), 0)), NOTE);
	assert_int_equal(json_object_size(j), 18);
	json_decref(j);
}

static void
test_update_writes_history(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	struct history h;

	full_case(&c);
	save_ok(f, &c);
	c.status = RW_CASE_DEPORTATION_ORDERED;
	add(&c.notes, "transfer moved to Monday");
	free(c.custody);
	c.custody = NULL;
	assert_int_equal(save_ok(f, &c), 1);
	load_ok(f, f->a, c.id, &back);
	assert_cases_equal(&c, &back);
	rw_case_free(&back);

	history_ok(f, f->a, c.id, &h);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.who[0], "dora");
	assert_first_record(h.changes[0]);
	assert_string_equal(h.changes[1], "{\"custody\":[\"" CUSTODY "\",null],"
	    "\"notes\":[[\"" NOTE "\"],[\"" NOTE "\",\"transfer moved to "
	    "Monday\"]],\"status\":[\"detained\",\"deportation-ordered\"]}");
	history_free(&h);
	rw_case_free(&c);
}

static void
test_saving_unchanged_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	struct history h;
	char *before, *after;

	full_case(&c);
	save_ok(f, &c);
	before = unit_db_text(f->db, "SELECT sealed || updated_at FROM "
	    "case_file");
	load_ok(f, f->a, c.id, &back);
	assert_int_equal(save_ok(f, &back), 0);
	assert_int_equal(save_ok(f, &c), 0);
	after = unit_db_text(f->db, "SELECT sealed || updated_at FROM "
	    "case_file");
	assert_string_equal(before, after);
	history_ok(f, f->a, c.id, &h);
	assert_int_equal(h.n, 1);
	history_free(&h);
	free(before);
	free(after);
	rw_case_free(&back);
	rw_case_free(&c);
}

static void
test_identity_is_required(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	struct rw_error err;
	int changed = -1;

	rw_case_init(&c);
	memcpy(c.host, "TH", 3);
	assert_int_equal(rw_case_save(f->store, f->a, &c, "dora", &changed,
	    &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "name or a description"));
	assert_int_equal(changed, -1);
	add(&c.names, "");
	c.description = strdup("");
	assert_int_equal(rw_case_save(f->store, f->a, &c, "dora", NULL, &err),
	    RW_EINVAL);
	assert_int_equal(c.id, 0);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM case_file"),
	    0);
	rw_case_free(&c);

	/* no document, no name: a description is enough */
	rw_case_init(&c);
	c.description = strdup("two men detained at the border crossing");
	c.count = 2;
	assert_int_equal(save_ok(f, &c), 1);
	load_ok(f, f->a, c.id, &back);
	assert_cases_equal(&c, &back);
	assert_int_equal(back.names.n, 0);
	rw_case_free(&back);

	/* an update may not take the identity away */
	free(c.description);
	c.description = NULL;
	assert_int_equal(rw_case_save(f->store, f->a, &c, "dora", NULL, &err),
	    RW_EINVAL);
	load_ok(f, f->a, c.id, &back);
	assert_string_equal(back.description,
	    "two men detained at the border crossing");
	rw_case_free(&back);
	rw_case_free(&c);
}

static void
test_unknown_case_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct rw_case c;
	struct rw_error err;
	struct history h = {0};

	assert_int_equal(rw_case_load(f->store, f->a, 99, &c, &err),
	    RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "99"));
	named_case(&c, NAME, NULL);
	c.id = 99;
	assert_int_equal(rw_case_save(f->store, f->a, &c, "dora", NULL, &err),
	    RW_ENOTFOUND);
	assert_int_equal(rw_case_history(f->store, f->a, 99, note_change, &h,
	    &err), RW_ENOTFOUND);
	assert_int_equal(h.n, 0);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM case_file"),
	    0);
	rw_case_free(&c);
}

/* Text that looks like SQL, and the longest and strangest values, are
 * only values. */
static void
test_hostile_values(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	char *big = malloc(1 << 20);

	assert_non_null(big);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	named_case(&c, "Robert'); DROP TABLE case_file;--", "\"quoted\" \\ name");
	add(&c.notes, big);
	add(&c.contacts, "<script>alert(1)</script>");
	add(&c.tags, "x\", \"injected\": \"y");
	save_ok(f, &c);
	load_ok(f, f->a, c.id, &back);
	assert_cases_equal(&c, &back);
	rw_case_free(&back);
	assert_string_equal(found(f, f->a, "robert drop table case file"),
	    "1");
	rw_case_free(&c);
	free(big);
}

/* Ways to spoil a case that has a name: each value is one the store
 * cannot hold, and is refused as invalid before anything is written. */
static void
bad_name(struct rw_case *c)
{
	add(&c->aliases, "Gui \xc3\x28 Minhai");
}

static void
bad_note(struct rw_case *c)
{
	add(&c->notes, "\xff\xfe binary");
}

static void
bad_charges(struct rw_case *c)
{
	add_request(c, RW_REQUEST_WARRANT, "CN", "\xc0\xaf", false, NULL);
}

static void
bad_host(struct rw_case *c)
{
	memcpy(c->host, "th", 3);
}

static void
bad_request_state(struct rw_case *c)
{
	add_request(c, RW_REQUEST_WARRANT, "1;", NULL, false, NULL);
}

static void
bad_count(struct rw_case *c)
{
	c->count = -3;
}

static void
bad_deadline(struct rw_case *c)
{
	add_deadline(c, RW_DEADLINE_HEARING, "2026-13-45");
}

static void
test_invalid_values_are_refused(void **state)
{
	struct fixture *f = *state;
	const struct {
		void (*spoil)(struct rw_case *c);
		const char *said;        /* in the message */
	} bad[] = {
		{bad_name, "UTF-8"}, {bad_note, "UTF-8"}, {bad_charges, "UTF-8"},
		{bad_host, "\"th\""}, {bad_request_state, "\"1;\""},
		{bad_count, "-3"}, {bad_deadline, "2026-13-45"},
	};

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		struct rw_case c;
		struct rw_error err;

		named_case(&c, NAME, NULL);
		bad[k].spoil(&c);
		rw_error_clear(&err);
		assert_int_equal(rw_case_save(f->store, f->a, &c, "dora", NULL,
		    &err), RW_EINVAL);
		if (strstr(err.message, bad[k].said) == NULL)
			fail_msg("case %zu: \"%s\" does not say %s", k,
			    err.message, bad[k].said);
		assert_int_equal(c.id, 0);
		rw_case_free(&c);
	}
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM case_file"),
	    0);
}

/* ---- finding a case by name ---- */

static void
test_each_by_folded_name(void **state)
{
	struct fixture *f = *state;
	struct rw_case c;
	struct listing l;
	char long_name[2000];

	full_case(&c);
	save_ok(f, &c);                                   /* 1 */
	save_named(f, "Illya Burlakov", "Ilya B.");       /* 2 */
	save_named(f, "Merwayit Abdukerimova", NULL);     /* 3 */
	save_named(f, "Ilham Tohti", NULL);               /* 4 */
	assert_string_equal(found(f, f->a, NULL), "1,2,3,4");

	assert_string_equal(found(f, f->a, NAME), "1");
	assert_string_equal(found(f, f->a, "MERWAYIT   abdukerim"), "1");
	assert_string_equal(found(f, f->a, "Merwáyit Abdukérim"), "1");
	assert_string_equal(found(f, f->a, "merwayit-abdukerim."), "1");
	assert_string_equal(found(f, f->a, NAME_CYRILLIC), "1");
	assert_string_equal(found(f, f->a, NAME_HAN), "1");
	assert_string_equal(found(f, f->a, NAME_ARABIC), "1");
	assert_string_equal(found(f, f->a, "mervayit qadirova"), "1");
	/* another script finds the Latin spelling */
	assert_string_equal(found(f, f->a, "Ілля Бурлаков"), "2");
	assert_string_equal(found(f, f->a, "ئىلھام توختى"), "4");
	/* no reordering, no prefix, no other key */
	assert_string_equal(found(f, f->a, "Abdukerim Merwayit"), "");
	assert_string_equal(found(f, f->a, "Merwayit"), "");
	assert_string_equal(found(f, f->a, "Illya Burlako"), "");
	assert_string_equal(found(f, f->b, NAME), "");
	/* a name with nothing to compare is refused */
	assert_int_equal(list(f, f->a, "!!!", &l), RW_EINVAL);
	assert_int_equal(list(f, f->a, "", &l), RW_EINVAL);
	assert_int_equal(list(f, f->a, "\xff\xfe", &l), RW_EINVAL);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(list(f, f->a, long_name, &l), RW_ETOOBIG);
	assert_int_equal(l.len, 0);
	rw_case_free(&c);
}

/* A name and an alias that fold to the same key are one index, and
 * renaming a case moves its index. */
static void
test_renaming_moves_the_index(void **state)
{
	struct fixture *f = *state;
	struct rw_case c;

	named_case(&c, "Aynur Tursun", "AYNUR  TURSUN");
	save_ok(f, &c);
	assert_string_equal(found(f, f->a, "aynur tursun"), "1");
	free(c.names.items[0]);
	c.names.items[0] = strdup("Aynur Tursunova");
	save_ok(f, &c);
	assert_string_equal(found(f, f->a, "aynur tursunova"), "1");
	assert_string_equal(found(f, f->a, "aynur tursun"), "1"); /* alias */
	free(c.aliases.items[0]);
	c.aliases.n = 0;
	save_ok(f, &c);
	assert_string_equal(found(f, f->a, "aynur tursun"), "");
	rw_case_free(&c);
}

/* ---- the key ---- */

static void
test_key_check(void **state)
{
	struct fixture *f = *state;
	char id[RW_KEY_ID_HEX], *stored = NULL, *salt = NULL;
	struct rw_error err;

	/* setup recorded a: its fingerprint, no salt */
	rw_keyring_id(f->a, id);
	assert_int_equal(rw_store_key_get(f->store, &stored, &salt, &err),
	    RW_OK);
	assert_string_equal(stored, id);
	assert_null(salt);
	free(stored);
	assert_int_equal(rw_case_key_check(f->store, f->a, NULL, &err), RW_OK);
	assert_int_equal(rw_case_key_check(f->store, f->b, NULL, &err),
	    RW_ECORRUPT);
	assert_non_null(strstr(err.message, "not the key of this store"));
	assert_int_equal(rw_store_key_set(f->store, "0123", NULL, &err),
	    RW_EEXIST);
	/* b was not recorded */
	assert_int_equal(rw_case_key_check(f->store, f->a, NULL, &err), RW_OK);
}

static void
test_wrong_key_opens_nothing(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	struct rw_error err;
	struct history h = {0};
	struct listing l;

	full_case(&c);
	save_ok(f, &c);
	assert_int_equal(rw_case_load(f->store, f->b, c.id, &back, &err),
	    RW_ECORRUPT);
	assert_int_equal(back.names.n, 0);
	assert_null(back.description);
	assert_null(strstr(err.message, NAME));
	assert_int_equal(list(f, f->b, NULL, &l), RW_ECORRUPT);
	assert_int_equal(l.len, 0);
	assert_int_equal(rw_case_history(f->store, f->b, c.id, note_change,
	    &h, &err), RW_ECORRUPT);
	assert_int_equal(h.n, 0);
	/* nor can it overwrite the case */
	c.status = RW_CASE_RELEASED;
	assert_int_equal(rw_case_save(f->store, f->b, &c, "eve", NULL, &err),
	    RW_ECORRUPT);
	rw_case_free(&c);
	load_ok(f, f->a, 1, &c);
	assert_int_equal(c.status, RW_CASE_DETAINED);
	rw_case_free(&c);
}

/* ---- re-keying ---- */

/* Saves the full case, updates it, and saves two named cases. */
static void
three_cases(struct fixture *f, struct rw_case *c)
{
	full_case(c);
	save_ok(f, c);
	c->status = RW_CASE_RETURNED;
	save_ok(f, c);
	save_named(f, "Illya Burlakov", NULL);
	save_named(f, "Aynur Tursun", "Ayinur Tursun");
}

static void
test_rekey(void **state)
{
	struct fixture *f = *state;
	struct rw_case c, back;
	struct history before, after;
	struct rw_error err;
	char *key_id = NULL, *salt = NULL;

	three_cases(f, &c);
	history_ok(f, f->a, c.id, &before);
	assert_int_equal(rw_case_rekey(f->store, f->a, f->b, "c2FsdA", &err),
	    RW_OK);
	assert_int_equal(rw_store_key_get(f->store, &key_id, &salt, &err),
	    RW_OK);
	assert_string_equal(salt, "c2FsdA");
	free(key_id);
	free(salt);
	assert_int_equal(rw_case_key_check(f->store, f->b, NULL, &err), RW_OK);
	assert_int_equal(rw_case_key_check(f->store, f->a, NULL, &err),
	    RW_ECORRUPT);
	load_ok(f, f->b, c.id, &back);
	assert_cases_equal(&c, &back);
	rw_case_free(&back);
	assert_int_equal(rw_case_load(f->store, f->a, c.id, &back, &err),
	    RW_ECORRUPT);
	assert_string_equal(found(f, f->b, NULL), "1,2,3");
	assert_string_equal(found(f, f->b, "Ілля Бурлаков"), "2");
	assert_string_equal(found(f, f->b, "ayinur tursun"), "3");
	assert_string_equal(found(f, f->b, NAME_HAN), "1");
	assert_string_equal(found(f, f->a, NAME_HAN), "");
	history_ok(f, f->b, c.id, &after);
	assert_int_equal(after.n, 2);
	for (size_t k = 0; k < 2; k++)
		assert_string_equal(before.changes[k], after.changes[k]);
	/* a rotation must start from the store's key */
	assert_int_equal(rw_case_rekey(f->store, f->a, f->b, NULL, &err),
	    RW_ECORRUPT);
	history_free(&before);
	history_free(&after);
	rw_case_free(&c);
}

/* Damages one sealed value with SQL; returns the SQL that repairs it. */
static char *
damage(struct fixture *f, const char *table, int64_t id)
{
	char sql[256], *sealed, *repair, *spoil;

	snprintf(sql, sizeof(sql), "SELECT sealed FROM %s WHERE id = %lld",
	    table, (long long)id);
	sealed = unit_db_text(f->db, sql);
	assert_non_null(sealed);
	repair = sqlite3_mprintf("UPDATE %s SET sealed = %Q WHERE id = %lld",
	    table, sealed, (long long)id);
	sealed[30] = sealed[30] == 'A' ? 'B' : 'A';
	spoil = sqlite3_mprintf("UPDATE %s SET sealed = %Q WHERE id = %lld",
	    table, sealed, (long long)id);
	unit_db_exec(f->db, spoil);
	sqlite3_free(spoil);
	free(sealed);
	return repair;
}

/* Every sealed value of the store, concatenated, to compare before and
 * after. */
static char *
all_sealed(struct fixture *f)
{
	return unit_db_text(f->db, "SELECT (SELECT group_concat(sealed) FROM "
	    "case_file) || (SELECT group_concat(sealed) FROM case_change) || "
	    "(SELECT group_concat(blind) FROM case_name) || "
	    "(SELECT key_id FROM store_key)");
}

static void
assert_rekey_changes_nothing(struct fixture *f, const char *table,
    int64_t id)
{
	struct rw_case c, back;
	struct rw_error err;
	char *repair, *before, *after;

	three_cases(f, &c);
	repair = damage(f, table, id);
	before = all_sealed(f);
	assert_int_equal(rw_case_rekey(f->store, f->a, f->b, NULL, &err),
	    RW_ECORRUPT);
	assert_true(err.message[0] != '\0');
	after = all_sealed(f);
	if (strcmp(before, after) != 0)
		fail_msg("a failed rekey changed the sealed values");
	unit_db_exec(f->db, repair);
	/* the old key still opens every case; the new one none */
	assert_int_equal(rw_case_key_check(f->store, f->a, NULL, &err), RW_OK);
	load_ok(f, f->a, 1, &back);
	assert_cases_equal(&c, &back);
	rw_case_free(&back);
	assert_string_equal(found(f, f->a, NULL), "1,2,3");
	assert_string_equal(found(f, f->a, "ayinur tursun"), "3");
	assert_int_equal(rw_case_load(f->store, f->b, 3, &back, &err),
	    RW_ECORRUPT);
	sqlite3_free(repair);
	free(before);
	free(after);
	rw_case_free(&c);
}

static void
test_rekey_failing_on_a_case_changes_nothing(void **state)
{
	assert_rekey_changes_nothing(*state, "case_file", 3);
}

static void
test_rekey_failing_on_a_change_changes_nothing(void **state)
{
	/* the changes are 1, 2 (case 1), 3 (case 2), 4 (case 3) */
	assert_rekey_changes_nothing(*state, "case_change", 4);
}

/* ---- the raw files ---- */

/* Fails when any file of folder holds secret, as written or folded to
 * lower or upper case (ASCII). */
static void
assert_nowhere(const char *folder, const char *secret)
{
	DIR *d = opendir(folder);
	struct dirent *e;
	size_t len = strlen(secret);
	char lower[256], upper[256];

	assert_non_null(d);
	assert_true(len < sizeof(lower));
	for (size_t k = 0; k <= len; k++) {
		lower[k] = (char)(secret[k] >= 'A' && secret[k] <= 'Z' ?
		    secret[k] + 32 : secret[k]);
		upper[k] = (char)(secret[k] >= 'a' && secret[k] <= 'z' ?
		    secret[k] - 32 : secret[k]);
	}
	while ((e = readdir(d)) != NULL) {
		char *path, *bytes;
		size_t n;

		if (e->d_name[0] == '.')
			continue;
		path = unit_path(folder, e->d_name);
		bytes = unit_read_file(path, &n);
		if (memmem(bytes, n, secret, len) || memmem(bytes, n, lower,
		    len) || memmem(bytes, n, upper, len))
			fail_msg("\"%s\" is readable in %s", secret, path);
		free(bytes);
		free(path);
	}
	closedir(d);
}

static const char *const secrets[] = {
	NAME, NAME_CYRILLIC, NAME_HAN, NAME_ARABIC, ALIAS, DESCRIPTION,
	CUSTODY, CONTACT, LOCATION, NOTE, "Merwayit", "Abdukerim", "Qadirova",
	"Somchai", "Ngam Duphli", "555 0199", "Renamed Person",
	"moved to a safe house",
};

static void
assert_no_secret(const char *folder)
{
	for (size_t k = 0; k < sizeof(secrets) / sizeof(secrets[0]); k++)
		assert_nowhere(folder, secrets[k]);
}

static void
test_raw_files_reveal_nothing(void **state)
{
	struct fixture *f = *state;
	struct rw_case c;
	char *wal = unit_path(f->data, "refuge.db-wal");
	size_t n = 0;

	full_case(&c);
	save_ok(f, &c);
	add(&c.names, "Renamed Person");
	add(&c.notes, "moved to a safe house");
	save_ok(f, &c);
	assert_string_equal(found(f, f->a, "renamed person"), "1");
	/* before any checkpoint: the write-ahead log holds the pages */
	free(unit_read_file(wal, &n));
	assert_true(n > 0);
	assert_no_secret(f->data);
	f->store = rw_store_close(f->store);
	assert_no_secret(f->data);
	free(wal);
	rw_case_free(&c);
}

/* ---- links ---- */

/* Three different sources (extraction quotes the whole text). */
static const char TEXT[] =
    "Police in Bangkok detained Merwayit Abdukerim on 3 May 2025.";
static const char TEXT_B[] =
    "Police in Bangkok detained Merwayit Abdukerim on 3 May 2025; a "
    "court hearing is due.";
static const char TEXT_C[] =
    "A second person was detained in Bangkok in May 2025.";

/* Saves an extraction of source's text: one detention naming person. */
static int64_t
save_incident(struct fixture *f, int64_t source, const char *text,
    const char *person)
{
	struct rw_extraction x;
	struct rw_incident inc;
	struct rw_extraction_saved saved;
	struct rw_error err;

	memset(&x, 0, sizeof(x));
	memset(&inc, 0, sizeof(inc));
	inc.type = RW_INCIDENT_DETENTION;
	inc.mechanism = RW_MECHANISM_NONE;
	memcpy(inc.host, "TH", 3);
	snprintf(inc.persons[0], RW_PERSON_NAME_MAX, "%s", person);
	inc.n_persons = 1;
	inc.count = -1;
	inc.quote_end = strlen(text);
	inc.confidence = 0.8;
	x.incidents = &inc;
	x.n_incidents = 1;
	if (rw_store_extraction_save(f->store, source, "test-1", text,
	    strlen(text), &x, &saved, &err) != RW_OK)
		fail_msg("extraction: %s", err.message);
	return unit_db_int(f->db, "SELECT max(id) FROM incident");
}

/* "incidents/sources" of a case, as "1,2/3". */
static const char *
links(struct fixture *f, int64_t id)
{
	static char text[128];
	int64_t *inc = NULL, *src = NULL;
	size_t n_inc = 0, n_src = 0, len = 0;
	struct rw_error err;

	if (rw_store_case_links(f->store, id, &inc, &n_inc, &src, &n_src,
	    &err) != RW_OK)
		fail_msg("links: %s", err.message);
	text[0] = '\0';
	for (size_t k = 0; k < n_inc; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%s%lld", k ? "," : "", (long long)inc[k]);
	len += (size_t)snprintf(text + len, sizeof(text) - len, "/");
	for (size_t k = 0; k < n_src; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%s%lld", k ? "," : "", (long long)src[k]);
	free(inc);
	free(src);
	return text;
}

static void
test_link(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	int64_t id = save_named(f, NAME, NULL);
	int64_t source = unit_add_source(f->store, "a.txt", TEXT);
	int64_t incident = save_incident(f, source, TEXT, "Someone Else");

	assert_int_equal(rw_store_case_link(f->store, 42, incident, 0, &err),
	    RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "no case 42"));
	assert_int_equal(rw_store_case_link(f->store, id, 42, 0, &err),
	    RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "no incident 42"));
	assert_int_equal(rw_store_case_link(f->store, id, incident, 42, &err),
	    RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "no source 42"));
	assert_int_equal(rw_store_case_link(f->store, id, 0, 0, &err),
	    RW_EINVAL);
	assert_string_equal(links(f, id), "/");

	assert_int_equal(rw_store_case_link(f->store, id, incident, source,
	    &err), RW_OK);
	assert_int_equal(rw_store_case_link(f->store, id, incident, source,
	    &err), RW_OK);
	assert_int_equal(rw_store_case_link(f->store, id, 0, source, &err),
	    RW_OK);
	assert_string_equal(links(f, id), "1/1");
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM "
	    "case_incident"), 1);
}

static void
test_link_named(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	int64_t source = unit_add_source(f->store, "a.txt", TEXT);
	int64_t before, after, other;
	long made = -1;
	char expect[32];

	/* an incident stored before the case, one after, one of someone
	 * else */
	before = save_incident(f, source, TEXT, "MÉRVAYIT  qadirova");
	save_named(f, "Aynur Tursun", NULL);
	save_named(f, NAME, ALIAS);
	other = unit_add_source(f->store, "b.txt", TEXT_B);
	after = save_incident(f, other, TEXT_B, "merwayit-ABDUKERIM");
	save_incident(f, unit_add_source(f->store, "c.txt", TEXT_C), TEXT_C,
	    "Aynur Tursunova");
	assert_int_equal(rw_case_link_named(f->store, f->a, &made, &err),
	    RW_OK);
	assert_int_equal(made, 2);
	snprintf(expect, sizeof(expect), "%lld,%lld/", (long long)before,
	    (long long)after);
	assert_string_equal(links(f, 2), expect);
	assert_string_equal(links(f, 1), "/");
	/* twice: nothing more */
	assert_int_equal(rw_case_link_named(f->store, f->a, &made, &err),
	    RW_OK);
	assert_int_equal(made, 0);
	assert_string_equal(links(f, 2), expect);
	/* a key that is not the store's finds no one */
	assert_int_equal(rw_case_link_named(f->store, f->b, NULL, &err), RW_OK);
	assert_string_equal(links(f, 1), "/");
}

/* A rejected incident is not linked. */
static void
test_link_named_skips_rejected(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	int64_t inc = save_incident(f, unit_add_source(f->store, "a.txt", TEXT),
	    TEXT, NAME);
	long made = -1;

	assert_int_equal(rw_store_incident_review(f->store, inc,
	    RW_REVIEW_REJECT, "dora", NULL, NULL, &err), RW_OK);
	save_named(f, NAME, NULL);
	assert_int_equal(rw_case_link_named(f->store, f->a, &made, &err),
	    RW_OK);
	assert_int_equal(made, 0);
	assert_string_equal(links(f, 1), "/");
}

/* ---- screening results ---- */

static void
test_screened(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;

	save_named(f, NAME, NULL);
	save_named(f, "Aynur Tursun", NULL);
	assert_string_equal(found(f, f->a, NULL), "1,2");
	assert_int_equal(rw_store_case_screened(f->store, 2, "critical", 87,
	    &err), RW_OK);
	assert_string_equal(found(f, f->a, NULL), "1,2[critical/87]");
	assert_int_equal(rw_store_case_screened(f->store, 2, "low", 5, &err),
	    RW_OK);
	assert_int_equal(rw_store_case_screened(f->store, 1, "elevated", 40,
	    &err), RW_OK);
	assert_string_equal(found(f, f->a, NULL), "1[elevated/40],2[low/5]");
	assert_string_equal(found(f, f->a, "aynur tursun"), "2[low/5]");
	assert_int_equal(rw_store_case_screened(f->store, 9, "low", 5, &err),
	    RW_ENOTFOUND);
	assert_non_null(strstr(err.message, "no case 9"));
}

/* ---- saves made from an older version ---- */

/* A row as read, its strings copied (the store's are lent for the
 * callback only); the fields the test does not need left out. */
struct stale {
	struct rw_case_row row;
	char uid[65], sealed[4096], status[32], legal[32];
};

static int
copy_row(const struct rw_case_row *row, void *ctx)
{
	struct stale *s = ctx;

	memset(&s->row, 0, sizeof(s->row));
	s->row.id = row->id;
	s->row.version = row->version;
	snprintf(s->uid, sizeof(s->uid), "%s", row->uid);
	snprintf(s->sealed, sizeof(s->sealed), "%s", row->sealed);
	snprintf(s->status, sizeof(s->status), "%s", row->status);
	snprintf(s->legal, sizeof(s->legal), "%s", row->legal_status);
	s->row.uid = s->uid;
	s->row.sealed = s->sealed;
	s->row.status = s->status;
	s->row.legal_status = s->legal;
	return RW_OK;
}

/* A case read, then saved by someone else, then written from what was
 * read: refused, so the history's "before" is always what it replaced. */
static void
test_save_from_an_older_version_is_refused(void **state)
{
	struct fixture *f = *state;
	struct stale s;
	struct rw_case c;
	struct rw_error err;
	struct rw_case_write w = {&s.row, NULL, 0, "tester", "x"};
	int64_t id = save_named(f, NAME, NULL);

	assert_int_equal(rw_store_case_get(f->store, id, copy_row, &s, &err),
	    RW_OK);
	load_ok(f, f->a, id, &c);
	c.status = RW_CASE_DETAINED;
	assert_int_equal(save_ok(f, &c), 1);
	rw_case_free(&c);
	/* the row read before that save */
	assert_int_equal(rw_store_case_write(f->store, &w, NULL, &err),
	    RW_EEXIST);
	assert_non_null(strstr(err.message, "meanwhile"));
	load_ok(f, f->a, id, &c);
	assert_int_equal(c.status, RW_CASE_DETAINED);
	rw_case_free(&c);
}

/* ---- migration ---- */

/* A store made by a build that knew migrations 0001 and 0002 (what 0003
 * and 0004 add dropped, the version set back) is brought to schema 4 when
 * opened, keeps its sources, and takes cases. */
static void
test_upgrade_from_schema_2(void **state)
{
	struct fixture *f = *state;
	struct rw_error err;
	struct rw_source *src = NULL;
	int version = 0;
	int64_t n = 0;

	unit_add_source(f->store, "a.txt", TEXT);
	f->store = rw_store_close(f->store);
	unit_db_exec(f->db, "DROP TABLE alert_delivery; DROP TABLE alert; "
	    "DROP TABLE alert_watch; DROP TABLE alert_mark; "
	    "DROP TABLE case_change; DROP TABLE case_source; "
	    "DROP TABLE case_incident; DROP TABLE case_name; "
	    "DROP TABLE case_file; DROP TABLE store_key; "
	    "DROP INDEX incident_host; DROP INDEX incident_stats; "
	    "DROP TRIGGER incident_person_added; "
	    "DROP TRIGGER incident_person_removed; "
	    "DROP TRIGGER incident_person_moved; "
	    "ALTER TABLE incident DROP COLUMN named; "
	    "PRAGMA user_version = 2");
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name LIKE 'case%'"), 0);
	assert_int_equal(rw_store_open(f->data, 0, &f->store, &err), RW_OK);
	assert_int_equal(rw_store_schema_version(f->store, &version), RW_OK);
	assert_int_equal(version, 5);
	assert_int_equal(rw_store_source_count(f->store, &n), RW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rw_store_source_get(f->store, 1, RW_SOURCE_WITH_TEXT,
	    &src, &err), RW_OK);
	assert_string_equal(src->text, TEXT);
	rw_source_free(src);
	assert_int_equal(unit_store_problems(f->store), 0);
	/* the new tables work: no key recorded yet, then a case */
	assert_int_equal(rw_case_key_check(f->store, f->a, NULL, &err), RW_OK);
	assert_int_equal(save_named(f, NAME, NULL), 1);
	assert_string_equal(found(f, f->a, NAME), "1");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_field_round_trips),
		T(test_update_writes_history),
		T(test_saving_unchanged_writes_nothing),
		T(test_identity_is_required),
		T(test_unknown_case_is_not_found),
		T(test_hostile_values),
		T(test_invalid_values_are_refused),
		T(test_each_by_folded_name),
		T(test_renaming_moves_the_index),
		T(test_key_check),
		T(test_wrong_key_opens_nothing),
		T(test_rekey),
		T(test_rekey_failing_on_a_case_changes_nothing),
		T(test_rekey_failing_on_a_change_changes_nothing),
		T(test_raw_files_reveal_nothing),
		T(test_link),
		T(test_link_named),
		T(test_link_named_skips_rejected),
		T(test_screened),
		T(test_save_from_an_older_version_is_refused),
		T(test_upgrade_from_schema_2),
	};

	unit_tap_filter();
	return cmocka_run_group_tests(tests, unit_crypto_setup, NULL);
}
