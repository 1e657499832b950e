/* test-incident-store.c: conformance of a store backend for extraction
 * results, incidents, reviews and people (store.h, schema 2), and the
 * matching rules of store/incident-record.h.
 *
 * Extractions are built by hand here (not by the extractor, whose rules
 * change), so each case says exactly what the store was given. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/embedded.h"
#include "store/incident-record.h"
#include "store/store.h"
#include "unit.h"
#include "unit-store.h"

extern const struct rw_embedded rw_sqlite_migrations[];

#define RULES "test-1"

static int
setup(void **state)
{
	return (*state = unit_store_new()) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	unit_store_free(*state);
	return 0;
}

/* Stores text as a source; returns its id. */
static int64_t
add_source(struct unit_store *f, const char *path, const char *text)
{
	return unit_add_source(f->store, path, text);
}

/* Adds an incident to x: persons separated by ';', date "" for none,
 * count -1 for none; the quote is the first place quote occurs in text. */
static struct rw_incident *
add_incident(struct rw_extraction *x, const char *text,
    enum rw_incident_type type, const char *date, const char *host,
    const char *dest, const char *persons, const char *group, long count,
    const char *quote)
{
	struct rw_incident *inc;
	const char *at = strstr(text, quote);

	assert_non_null(at);
	x->incidents = realloc(x->incidents,
	    (x->n_incidents + 1) * sizeof(*x->incidents));
	assert_non_null(x->incidents);
	inc = &x->incidents[x->n_incidents++];
	memset(inc, 0, sizeof(*inc));
	inc->type = type;
	inc->mechanism = type == RW_INCIDENT_RETURN ? RW_MECHANISM_UNKNOWN :
	    RW_MECHANISM_NONE;
	if (date[0] != '\0')
		assert_int_equal(rw_date_parse(date, &inc->date), RW_OK);
	snprintf(inc->host, sizeof(inc->host), "%s", host);
	snprintf(inc->dest, sizeof(inc->dest), "%s", dest);
	for (const char *p = persons; *p != '\0';) {
		size_t len = strcspn(p, ";");

		snprintf(inc->persons[inc->n_persons++], RW_PERSON_NAME_MAX, "%.*s",
		    (int)len, p);
		p += len + (p[len] == ';');
	}
	snprintf(inc->group, sizeof(inc->group), "%s", group);
	inc->count = count;
	inc->quote_start = (size_t)(at - text);
	inc->quote_end = inc->quote_start + strlen(quote);
	inc->confidence = 0.8;
	return inc;
}

static void
add_entity(struct rw_extraction *x, const char *text,
    enum rw_entity_kind kind, const char *span, const char *value)
{
	struct rw_entity *e;
	const char *at = strstr(text, span);

	assert_non_null(at);
	x->entities = realloc(x->entities,
	    (x->n_entities + 1) * sizeof(*x->entities));
	assert_non_null(x->entities);
	e = &x->entities[x->n_entities++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->start = (size_t)(at - text);
	e->end = e->start + strlen(span);
	snprintf(e->value, sizeof(e->value), "%s", value);
}

static struct rw_extraction_saved
save(struct unit_store *f, int64_t source, const char *text,
    const struct rw_extraction *x)
{
	struct rw_extraction_saved saved;
	struct rw_error err;

	rw_error_clear(&err);
	if (rw_store_extraction_save(f->store, source, RULES, text, strlen(text),
	    x, &saved, &err) != RW_OK)
		fail_msg("save %lld: %s", (long long)source, err.message);
	return saved;
}

/* "id:status:type:date:sources;..." for every incident, status filter s. */
struct summary {
	char text[4096];
	size_t len;
};

static int
summarise(const struct rw_incident_record *inc, void *ctx)
{
	struct summary *s = ctx;
	char date[RW_DATE_TEXT_MAX] = "-";

	if (inc->fields.date.year)
		rw_date_format(&inc->fields.date, date);
	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    "%s%lld:%s:%s:%s:", s->len ? ";" : "", (long long)inc->id,
	    rw_incident_status_name(inc->status),
	    rw_incident_type_name(inc->fields.type), date);
	for (size_t k = 0; k < inc->n_links; k++)
		s->len += (size_t)snprintf(s->text + s->len,
		    sizeof(s->text) - s->len, "%s%lld", k ? "," : "",
		    (long long)inc->links[k].source_id);
	return 0;
}

static const char *
incidents(struct unit_store *f, int status)
{
	static struct summary s;
	struct rw_error err;

	memset(&s, 0, sizeof(s));
	if (rw_store_incident_list(f->store, status, summarise, &s, &err) != 0)
		fail_msg("list: %s", err.message);
	return s.text;
}

static struct rw_incident_record *
get(struct unit_store *f, int64_t id)
{
	struct rw_incident_record *inc = NULL;
	struct rw_error err;

	if (rw_store_incident_get(f->store, id, &inc, &err) != RW_OK)
		fail_msg("get %lld: %s", (long long)id, err.message);
	return inc;
}

/* "canonical[name/rule/via,...]" per person, separated by ';'. */
static int
summarise_person(const struct rw_person *p, void *ctx)
{
	struct summary *s = ctx;

	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    "%s%s[", s->len ? ";" : "", p->name);
	for (size_t k = 1; k < p->n_names; k++)
		s->len += (size_t)snprintf(s->text + s->len,
		    sizeof(s->text) - s->len, "%s%s/%s/%s", k > 1 ? "," : "",
		    p->names[k].name, p->names[k].rule,
		    p->names[k].via ? p->names[k].via : "-");
	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    "]s%zui%zu", p->n_sources, p->n_incidents);
	return 0;
}

static const char *
people(struct unit_store *f)
{
	static struct summary s;
	struct rw_error err;

	memset(&s, 0, sizeof(s));
	if (rw_store_people_list(f->store, summarise_person, &s, &err) != 0)
		fail_msg("people: %s", err.message);
	return s.text;
}

static int64_t
db_int(struct unit_store *f, const char *sql)
{
	return unit_db_int(f->db, sql);
}

static const char TEXT_A[] =
    "Thai police detained Uyghur activist Zhang Xinyan in Bangkok on "
    "10 March 2023. She faces deportation to China.";
static const char TEXT_B[] =
    "Xinyan Zhang, a Uyghur activist, was arrested in Bangkok in March 2023. "
    "Rights groups fear she will be deported.";

/* Source A: a detention (2023-03-10) and a threatened return of Zhang
 * Xinyan; source B: the detention (2023-03) of Xinyan Zhang. */
static void
extraction_a(struct rw_extraction *x)
{
	memset(x, 0, sizeof(*x));
	add_entity(x, TEXT_A, RW_ENTITY_COUNTRY, "Thai", "TH");
	add_entity(x, TEXT_A, RW_ENTITY_PERSON, "Zhang Xinyan", "Zhang Xinyan");
	add_incident(x, TEXT_A, RW_INCIDENT_DETENTION, "2023-03-10", "TH", "",
	    "Zhang Xinyan", "Uyghur", -1,
	    "Thai police detained Uyghur activist Zhang Xinyan in Bangkok on "
	    "10 March 2023.");
	add_incident(x, TEXT_A, RW_INCIDENT_THREATENED_RETURN, "2023", "TH", "CN",
	    "Zhang Xinyan", "Uyghur", -1, "She faces deportation to China.");
}

static void
extraction_b(struct rw_extraction *x)
{
	memset(x, 0, sizeof(*x));
	add_entity(x, TEXT_B, RW_ENTITY_PERSON, "Xinyan Zhang", "Xinyan Zhang");
	add_incident(x, TEXT_B, RW_INCIDENT_DETENTION, "2023-03", "TH", "",
	    "Xinyan Zhang", "Uyghur", -1,
	    "Xinyan Zhang, a Uyghur activist, was arrested in Bangkok in March "
	    "2023.");
}

static void
test_save_and_list(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_extraction_saved s;
	struct rw_incident_record *inc;
	int64_t a = add_source(f, "a.txt", TEXT_A);

	extraction_a(&x);
	s = save(f, a, TEXT_A, &x);
	assert_int_equal(s.entities, 2);
	assert_int_equal(s.created, 2);
	assert_int_equal(s.merged + s.kept + s.removed, 0);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1");
	assert_string_equal(incidents(f, RW_STATUS_ACCEPTED), "");
	inc = get(f, 2);
	assert_int_equal(inc->n_links, 1);
	assert_string_equal(inc->links[0].quote, "She faces deportation to China.");
	assert_int_equal(inc->links[0].quote_start, 79);
	assert_string_equal(inc->fields.dest, "CN");
	assert_string_equal(inc->fields.persons[0], "Zhang Xinyan");
	assert_false(inc->reviewed);
	assert_non_null(strstr(inc->proposal, "\"source_id\":1"));
	assert_string_equal(inc->rules, RULES);
	rw_incident_record_free(inc);
	rw_extraction_free(&x);
}

struct ents {
	char text[512];
	size_t len;
};

static int
collect_entity(const struct rw_entity_record *e, void *ctx)
{
	struct ents *s = ctx;

	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    "%s%s:%lld-%lld:%s:%s", s->len ? ";" : "", e->kind,
	    (long long)e->start, (long long)e->end, e->text,
	    e->value ? e->value : "-");
	return 0;
}

static void
test_entities_in_characters(void **state)
{
	static const char text[] = "Ölgii: Дильнур Касымова was held in Almaty.";
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct ents got = {"", 0};
	struct rw_error err;
	int64_t id = add_source(f, "e.txt", text);

	memset(&x, 0, sizeof(x));
	add_entity(&x, text, RW_ENTITY_PERSON, "Дильнур Касымова",
	    "Дильнур Касымова");
	add_entity(&x, text, RW_ENTITY_PLACE, "Almaty", "KZ");
	save(f, id, text, &x);
	assert_int_equal(rw_store_entity_list(f->store, id, collect_entity, &got,
	    &err), RW_OK);
	assert_string_equal(got.text, "person:7-23:Дильнур Касымова:Дильнур "
	    "Касымова;place:36-42:Almaty:KZ");
	assert_int_equal(rw_store_entity_list(f->store, 99, collect_entity, &got,
	    &err), RW_ENOTFOUND);
	rw_extraction_free(&x);
}

static void
test_save_twice_changes_nothing(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_extraction_saved s;
	struct rw_incident_record *inc;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	char *updated;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	inc = get(f, 1);
	updated = strdup(inc->updated_at);
	rw_incident_record_free(inc);
	s = save(f, a, TEXT_A, &x);
	assert_int_equal(s.created + s.merged + s.removed, 0);
	assert_int_equal(s.kept, 2);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1");
	inc = get(f, 1);
	assert_string_equal(inc->updated_at, updated);
	assert_int_equal(db_int(f, "SELECT count(*) FROM entity"), 2);
	rw_incident_record_free(inc);
	free(updated);
	rw_extraction_free(&x);
}

static void
test_merge_across_sources(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x, y;
	struct rw_extraction_saved s;
	struct rw_incident_record *inc;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int64_t b = add_source(f, "b.txt", TEXT_B);

	extraction_a(&x);
	extraction_b(&y);
	save(f, a, TEXT_A, &x);
	s = save(f, b, TEXT_B, &y);
	assert_int_equal(s.merged, 1);
	assert_int_equal(s.created, 0);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1,2;2:proposed:threatened_return:2023:1");
	inc = get(f, 1);
	assert_int_equal(inc->n_links, 2);
	assert_non_null(strstr(inc->links[1].proposal, "\"Xinyan Zhang\""));
	assert_int_equal(inc->links[1].quote_start, 0);
	/* The fields are still those of the first source. */
	assert_string_equal(inc->fields.persons[0], "Zhang Xinyan");
	rw_incident_record_free(inc);
	assert_string_equal(people(f),
	    "Zhang Xinyan[Xinyan Zhang/name order/Zhang Xinyan]s2i2");
	rw_extraction_free(&x);
	rw_extraction_free(&y);
}

static void
test_no_merge_without_agreement(void **state)
{
	static const char t1[] = "Five Uyghur men were detained in Turkey in "
	    "May 2019. Ten Uyghurs were detained in Egypt in 2017.";
	static const char t2[] = "Six Uyghurs were held in Turkey in May 2019. "
	    "In June 2019 Turkish police detained Ahmet. Twenty Uyghurs were "
	    "detained in Egypt in 2017.";
	struct unit_store *f = *state;
	struct rw_extraction x = {0}, y = {0};
	struct rw_extraction_saved s;
	int64_t a = add_source(f, "1.txt", t1), b = add_source(f, "2.txt", t2);

	add_incident(&x, t1, RW_INCIDENT_DETENTION, "2019-05", "TR", "", "",
	    "Uyghur", 5, "Five Uyghur men were detained in Turkey in May 2019.");
	add_incident(&x, t1, RW_INCIDENT_DETENTION, "2017", "EG", "", "",
	    "Uyghur", 10, "Ten Uyghurs were detained in Egypt in 2017.");
	/* 6 against 5 is within 20%: merged. */
	add_incident(&y, t2, RW_INCIDENT_DETENTION, "2019", "TR", "", "",
	    "Uyghur", 6, "Six Uyghurs were held in Turkey in May 2019.");
	/* A named person never joins a group-only incident; June is not May. */
	add_incident(&y, t2, RW_INCIDENT_DETENTION, "2019-06", "TR", "", "Ahmet",
	    "", -1, "In June 2019 Turkish police detained Ahmet.");
	/* 20 against 10 is not within 20%. */
	add_incident(&y, t2, RW_INCIDENT_DETENTION, "2017", "EG", "", "",
	    "Uyghur", 20, "Twenty Uyghurs were detained in Egypt in 2017.");
	save(f, a, t1, &x);
	s = save(f, b, t2, &y);
	assert_int_equal(s.merged, 1);
	assert_int_equal(s.created, 2);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2019-05:1,2;2:proposed:detention:2017:1;"
	    "3:proposed:detention:2019-06:2;4:proposed:detention:2017:2");
	rw_extraction_free(&x);
	rw_extraction_free(&y);
}

static void
test_matching_rules(void **state)
{
	struct rw_incident a, b;
	struct rw_date d1 = {2023, 3, 10}, d2 = {2023, 0, 0}, d3 = {2023, 4, 0};
	struct rw_date none = {0, 0, 0}, d4 = {2022, 3, 10};

	(void)state;
	assert_true(rw_dates_compatible(&d1, &d2));
	assert_false(rw_dates_compatible(&d1, &d3));
	assert_false(rw_dates_compatible(&d1, &d4));
	assert_false(rw_dates_compatible(&d1, &none));
	assert_true(rw_dates_compatible(&none, &none));
	assert_true(rw_counts_close(100, 81));
	assert_false(rw_counts_close(100, 79));
	assert_true(rw_counts_close(-1, 7));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.count = b.count = -1;
	/* Neither names anyone, no group, no count: nothing to go on. */
	assert_false(rw_incidents_same(&a, &b, NULL, NULL));
	snprintf(a.group, sizeof(a.group), "Uyghur");
	snprintf(b.group, sizeof(b.group), "uyghur");
	assert_true(rw_incidents_same(&a, &b, NULL, NULL));
	snprintf(b.host, sizeof(b.host), "TH");
	assert_false(rw_incidents_same(&a, &b, NULL, NULL));
}

static void
test_review_keeps_the_proposal(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_incident_record *inc;
	struct rw_incident_edit e;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int changed = -1;
	char *proposal;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	inc = get(f, 1);
	proposal = strdup(inc->proposal);
	rw_incident_record_free(inc);

	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_ACCEPT,
	    "alice", NULL, &changed, &err), RW_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_ACCEPT,
	    "alice", NULL, &changed, &err), RW_OK);
	assert_int_equal(changed, 0);

	memset(&e, 0, sizeof(e));
	e.fields = RW_FIELD_DATE | RW_FIELD_PERSONS | RW_FIELD_HOST;
	e.values.date = (struct rw_date){2023, 3, 11};
	snprintf(e.values.host, sizeof(e.values.host), "TH");
	snprintf(e.values.persons[0], RW_PERSON_NAME_MAX, "Zhang Xinyan");
	snprintf(e.values.persons[1], RW_PERSON_NAME_MAX, "<b>Li</b> & \"Wang\"");
	e.values.n_persons = 2;
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "bob", &e, &changed, &err), RW_OK);
	assert_int_equal(changed, 1);
	/* The same edit again changes nothing and records nothing. */
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "bob", &e, &changed, &err), RW_OK);
	assert_int_equal(changed, 0);

	inc = get(f, 1);
	assert_int_equal(inc->status, RW_STATUS_ACCEPTED);
	assert_true(inc->reviewed);
	assert_string_equal(inc->proposal, proposal);
	assert_int_equal(inc->fields.date.day, 11);
	assert_string_equal(inc->fields.persons[1], "<b>Li</b> & \"Wang\"");
	assert_int_equal(inc->n_reviews, 2);
	assert_string_equal(inc->reviews[0].who, "alice");
	assert_string_equal(inc->reviews[0].action, "accept");
	assert_string_equal(inc->reviews[0].changes,
	    "{\"status\":{\"before\":\"proposed\",\"after\":\"accepted\"}}");
	assert_string_equal(inc->reviews[1].who, "bob");
	assert_string_equal(inc->reviews[1].changes,
	    "{\"date\":{\"before\":\"2023-03-10\",\"after\":\"2023-03-11\"},"
	    "\"persons\":{\"before\":[\"Zhang Xinyan\"],\"after\":"
	    "[\"Zhang Xinyan\",\"<b>Li</b> & \\\"Wang\\\"\"]}}");
	rw_incident_record_free(inc);
	free(proposal);
	rw_extraction_free(&x);
}

static void
test_bad_reviews_change_nothing(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_incident_edit e;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A), id;
	int changed;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	assert_int_equal(rw_store_incident_review(f->store, 99, RW_REVIEW_ACCEPT,
	    "alice", NULL, &changed, &err), RW_ENOTFOUND);
	memset(&e, 0, sizeof(e));
	e.fields = RW_FIELD_HOST;
	snprintf(e.values.host, sizeof(e.values.host), "ZZ");
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "alice", &e, &changed, &err), RW_EINVAL);
	e.fields = RW_FIELD_COUNT;
	e.values.count = -5;
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "alice", &e, &changed, &err), RW_EINVAL);
	e.fields = RW_FIELD_PERSONS;
	e.values.n_persons = 1;
	memcpy(e.values.persons[0], "bad \xff name", 11);
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "alice", &e, &changed, &err), RW_EINVAL);
	/* A mechanism on a detention. */
	e.fields = RW_FIELD_MECHANISM;
	e.values.mechanism = RW_MECHANISM_DEPORTATION;
	assert_int_equal(rw_store_incident_review(f->store, 1, RW_REVIEW_EDIT,
	    "alice", &e, &changed, &err), RW_EINVAL);
	assert_int_equal(rw_store_incident_split(f->store, 1, a, "alice", &id,
	    &err), RW_EINVAL);
	assert_int_equal(rw_store_incident_split(f->store, 1, 77, "alice", &id,
	    &err), RW_ENOTFOUND);
	assert_int_equal(db_int(f, "SELECT count(*) FROM review"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM incident WHERE "
	    "reviewed = 1"), 0);
	rw_extraction_free(&x);
}

static void
test_reextraction_keeps_reviewed(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x, empty;
	struct rw_extraction_saved s;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int changed;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	assert_int_equal(rw_store_incident_review(f->store, 2, RW_REVIEW_REJECT,
	    "alice", NULL, &changed, NULL), RW_OK);
	/* New rules find nothing: the unreviewed incident goes, the rejected
	 * one stays with its source. */
	memset(&empty, 0, sizeof(empty));
	s = save(f, a, TEXT_A, &empty);
	assert_int_equal(s.removed, 1);
	assert_string_equal(incidents(f, -1),
	    "2:rejected:threatened_return:2023:1");
	assert_int_equal(db_int(f, "SELECT count(*) FROM entity"), 0);
	/* Found again: the rejected one is not proposed anew. */
	s = save(f, a, TEXT_A, &x);
	assert_int_equal(s.created, 1);
	assert_int_equal(s.kept, 1);
	assert_string_equal(incidents(f, -1),
	    "2:rejected:threatened_return:2023:1;3:proposed:detention:2023-03-10:1");
	rw_extraction_free(&x);
}

static void
test_reextraction_moves_fields_to_next_source(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x, y, empty;
	struct rw_incident_record *inc;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int64_t b = add_source(f, "b.txt", TEXT_B);

	extraction_a(&x);
	extraction_b(&y);
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	memset(&empty, 0, sizeof(empty));
	save(f, a, TEXT_A, &empty);
	assert_string_equal(incidents(f, -1), "1:proposed:detention:2023-03:2");
	inc = get(f, 1);
	assert_string_equal(inc->fields.persons[0], "Xinyan Zhang");
	assert_non_null(strstr(inc->proposal, "\"source_id\":2"));
	rw_incident_record_free(inc);
	assert_string_equal(people(f), "Xinyan Zhang[]s1i1");
	rw_extraction_free(&x);
	rw_extraction_free(&y);
}

static void
test_split(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x, y;
	struct rw_incident_record *inc;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int64_t b = add_source(f, "b.txt", TEXT_B), id = 0;

	extraction_a(&x);
	extraction_b(&y);
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	assert_int_equal(rw_store_incident_split(f->store, 1, b, "carol", &id,
	    &err), RW_OK);
	assert_int_equal(id, 3);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1;"
	    "3:proposed:detention:2023-03:2");
	inc = get(f, 3);
	assert_true(inc->reviewed);
	assert_string_equal(inc->fields.persons[0], "Xinyan Zhang");
	assert_int_equal(inc->n_reviews, 1);
	assert_string_equal(inc->reviews[0].changes,
	    "{\"split\":{\"source_id\":2,\"from\":1}}");
	rw_incident_record_free(inc);
	/* Reading both sources again does not merge them back. */
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1;"
	    "3:proposed:detention:2023-03:2");
	rw_extraction_free(&x);
	rw_extraction_free(&y);
}

static void
test_decisions_outlive_reextraction(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x, y;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int64_t b = add_source(f, "b.txt", TEXT_B);

	extraction_a(&x);
	extraction_b(&y);
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	assert_int_equal(rw_store_person_decide(f->store, "Zhang Xinyan",
	    "XINYAN zhang", 0, "dora", &err), RW_OK);
	assert_string_equal(people(f),
	    "Zhang Xinyan[]s2i2;Xinyan Zhang[]s1i0");
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1;"
	    "3:proposed:detention:2023-03:2");
	/* Reading again keeps them apart, and new spellings follow. */
	save(f, b, TEXT_B, &y);
	save(f, a, TEXT_A, &x);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1;2:proposed:threatened_return:2023:1;"
	    "3:proposed:detention:2023-03:2");
	/* Changing one's mind: the same person after all. */
	assert_int_equal(rw_store_person_decide(f->store, "Xinyan Zhang",
	    "Zhang Xinyan", 1, "dora", &err), RW_OK);
	assert_string_equal(people(f),
	    "Zhang Xinyan[Xinyan Zhang/alias/Zhang Xinyan]s2i3");
	save(f, a, TEXT_A, &x);
	save(f, b, TEXT_B, &y);
	assert_string_equal(incidents(f, -1),
	    "1:proposed:detention:2023-03-10:1,2;2:proposed:threatened_return:2023:1");
	assert_int_equal(db_int(f, "SELECT count(*) FROM person_decision"), 2);
	/* Names alike in every way cannot be told apart. */
	assert_int_equal(rw_store_person_decide(f->store, "Zhang Xinyan",
	    "ZHANG  xinyan", 0, "dora", &err), RW_EINVAL);
	assert_int_equal(rw_store_person_decide(f->store, "Zhang Xinyan",
	    "!!!", 0, "dora", &err), RW_EINVAL);
	rw_extraction_free(&x);
	rw_extraction_free(&y);
}

static void
test_spans_outside_the_text_save_nothing(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A);

	extraction_a(&x);
	x.incidents[1].quote_end = sizeof(TEXT_A) + 10;
	assert_int_equal(rw_store_extraction_save(f->store, a, RULES, TEXT_A,
	    strlen(TEXT_A), &x, NULL, &err), RW_EINVAL);
	assert_int_equal(db_int(f, "SELECT count(*) FROM incident"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM entity"), 0);
	assert_int_equal(db_int(f, "SELECT count(*) FROM person"), 0);
	assert_int_equal(rw_store_extraction_save(f->store, 42, RULES, TEXT_A,
	    strlen(TEXT_A), &x, NULL, &err), RW_ENOTFOUND);
	rw_extraction_free(&x);
}

/* A store made by a build that knew only migration 0001 is brought up to
 * date, its sources kept, and passes check. */
static void
test_upgrade_from_schema_1(void **state)
{
	struct unit_store *f = *state;
	struct rw_error err;
	sqlite3 *db;
	int version = 0;
	int64_t n = 0;

	rw_store_close(f->store);
	f->store = NULL;
	unit_rmtree(f->data);
	assert_int_equal(rw_store_open(f->data, 1, &f->store, &err), RW_OK);
	rw_store_close(f->store);
	f->store = NULL;
	remove(f->db);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, rw_sqlite_migrations[0].data, NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1; "
	    "PRAGMA application_id = 1381450068", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(rw_store_open(f->data, 0, &f->store, &err), RW_OK);
	add_source(f, "a.txt", TEXT_A);
	assert_int_equal(rw_store_schema_version(f->store, &version), RW_OK);
	assert_int_equal(version, 5); /* every migration since ran */
	assert_int_equal(rw_store_source_count(f->store, &n), RW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(unit_store_problems(f->store), 0);
}

static void
test_names(void **state)
{
	enum rw_incident_status s;

	(void)state;
	assert_string_equal(rw_incident_status_name(RW_STATUS_REJECTED),
	    "rejected");
	assert_null(rw_incident_status_name(RW_STATUS_COUNT));
	assert_int_equal(rw_incident_status_parse("accepted", &s), RW_OK);
	assert_int_equal(s, RW_STATUS_ACCEPTED);
	assert_int_equal(rw_incident_status_parse("Accepted", &s), RW_EINVAL);
	assert_string_equal(rw_incident_field_name(RW_FIELD_COUNT), "count");
	assert_null(rw_incident_field_name(0x100));
}

/* "type/year/dest:incidents,accepted,people;..." */
static int
summarise_count(const struct rw_incident_count *c, void *ctx)
{
	struct summary *s = ctx;

	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    "%s%s/%d/%s:%lld,%lld,%lld", s->len ? ";" : "",
	    rw_incident_type_name(c->type), c->year, c->dest[0] ? c->dest : "-",
	    (long long)c->incidents, (long long)c->accepted,
	    (long long)c->people);
	return 0;
}

static const char *
counts(struct unit_store *f, const char *host)
{
	static struct summary s;
	struct rw_error err;

	memset(&s, 0, sizeof(s));
	if (rw_store_incident_counts(f->store, host, summarise_count, &s,
	    &err) != 0)
		fail_msg("counts %s: %s", host, err.message);
	return s.text;
}

static const char TEXT_C[] =
    "In 2019 Thai officers deported 12 Uyghurs to China. "
    "In 2021 Thailand sent two Kazakhs to Kazakhstan. "
    "A detention in Bangkok was also reported. "
    "Malaysia deported 3 people to China in 2020.";

static void
test_incident_counts(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	struct rw_error err;
	int64_t a = add_source(f, "a.txt", TEXT_A), c;
	int changed;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	rw_extraction_free(&x);
	c = add_source(f, "c.txt", TEXT_C);
	memset(&x, 0, sizeof(x));
	add_incident(&x, TEXT_C, RW_INCIDENT_RETURN, "2019", "TH", "CN", "",
	    "Uyghur", 12, "In 2019 Thai officers deported 12 Uyghurs to China.");
	add_incident(&x, TEXT_C, RW_INCIDENT_RETURN, "2021", "TH", "KZ",
	    "Aibek Nurlan;Dana Serik", "", -1,
	    "In 2021 Thailand sent two Kazakhs to Kazakhstan.");
	add_incident(&x, TEXT_C, RW_INCIDENT_DETENTION, "", "TH", "", "", "", -1,
	    "A detention in Bangkok was also reported.");
	add_incident(&x, TEXT_C, RW_INCIDENT_RETURN, "2020", "MY", "CN", "", "",
	    3, "Malaysia deported 3 people to China in 2020.");
	save(f, c, TEXT_C, &x);
	rw_extraction_free(&x);
	/* Grouped by type, year and destination; undated is year 0; people
	 * are the count, else the named persons, and at least one (the
	 * detention in Bangkok happened to someone) */
	assert_string_equal(counts(f, "TH"),
	    "detention/0/-:1,0,1;detention/2023/-:1,0,1;"
	    "return/2019/CN:1,0,12;return/2021/KZ:1,0,2;"
	    "threatened_return/2023/CN:1,0,1");
	assert_string_equal(counts(f, "MY"), "return/2020/CN:1,0,3");
	assert_string_equal(counts(f, "KZ"), "");
	/* Accepted ones are told apart; rejected ones are left out. */
	assert_int_equal(rw_store_incident_review(f->store, 3, RW_REVIEW_ACCEPT,
	    "alice", NULL, &changed, NULL), RW_OK);
	assert_int_equal(rw_store_incident_review(f->store, 2, RW_REVIEW_REJECT,
	    "alice", NULL, &changed, NULL), RW_OK);
	assert_string_equal(counts(f, "TH"),
	    "detention/0/-:1,0,1;detention/2023/-:1,0,1;"
	    "return/2019/CN:1,1,12;return/2021/KZ:1,0,2");
	/* Bad hosts are refused before the backend sees them. */
	assert_int_equal(rw_store_incident_counts(f->store, "ZZ", summarise_count,
	    NULL, &err), RW_EINVAL);
	assert_int_equal(rw_store_incident_counts(f->store, "' OR 1=1 --",
	    summarise_count, NULL, &err), RW_EINVAL);
	assert_int_equal(rw_store_incident_counts(f->store, "th",
	    summarise_count, NULL, &err), RW_EINVAL);
}

static int
stop_at_first(const struct rw_incident_count *c, void *ctx)
{
	(*(int *)ctx)++;
	return 7;
}

static void
test_incident_counts_stop(void **state)
{
	struct unit_store *f = *state;
	struct rw_extraction x;
	int64_t a = add_source(f, "a.txt", TEXT_A);
	int calls = 0;

	extraction_a(&x);
	save(f, a, TEXT_A, &x);
	rw_extraction_free(&x);
	assert_int_equal(rw_store_incident_counts(f->store, "TH", stop_at_first,
	    &calls, NULL), 7);
	assert_int_equal(calls, 1);
}

/* ---- statistics over accepted incidents ---- */

/* "host/year/type/group:incidents,persons;..." ("-" for NULL), in the
 * query's order of dimensions. */
struct stats_summary {
	const struct rw_stats_query *q;
	struct summary s;
};

static int
summarise_stats(const struct rw_stats_row *row, void *ctx)
{
	struct stats_summary *x = ctx;
	struct summary *s = &x->s;

	if (s->len > 0)
		s->len += (size_t)snprintf(s->text + s->len,
		    sizeof(s->text) - s->len, ";");
	for (size_t k = 0; k < x->q->n_by; k++) {
		const char *v = row->value[x->q->by[k]];

		s->len += (size_t)snprintf(s->text + s->len,
		    sizeof(s->text) - s->len, "%s%s", k ? "/" : "", v ? v : "-");
	}
	for (int d = 0; d < RW_STATS_DIMS; d++) {
		int asked = 0;

		for (size_t k = 0; k < x->q->n_by; k++)
			asked |= x->q->by[k] == (enum rw_stats_dim)d;
		if (!asked)
			assert_null(row->value[d]);
	}
	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
	    ":%lld,%lld", (long long)row->incidents, (long long)row->persons);
	return 0;
}

static const char *
stats(struct unit_store *f, const char *by)
{
	static struct stats_summary x;
	static struct rw_stats_query q;
	struct rw_error err;

	memset(&x, 0, sizeof(x));
	if (rw_stats_by_parse(by, &q, &err) != RW_OK)
		fail_msg("--by %s: %s", by, err.message);
	x.q = &q;
	if (rw_store_incident_stats(f->store, &q, summarise_stats, &x, &err) != 0)
		fail_msg("stats by %s: %s", by, err.message);
	return x.s.text;
}

static const char TEXT_S[] =
    "In 2019 Thai officers deported 12 Uyghurs to China. "
    "In 2021 Thailand sent two Kazakhs to Kazakhstan. "
    "A detention in Bangkok was also reported. "
    "Malaysia deported 3 people to China in 2020. "
    "Ekber Yasin was held in Bangkok in 2019. "
    "Kyrgyzstan returned 40 Uyghurs in 2019. "
    "A Thai court convicted 5 Uyghurs in 2019.";

/* Seven incidents, reviewed so that 1, 2, 3, 4 and 7 are accepted, 5 is
 * proposed and 6 rejected. */
static void
stats_fixture(struct unit_store *f)
{
	struct rw_extraction x;
	int64_t src = add_source(f, "s.txt", TEXT_S);
	static const int64_t accept[] = {1, 2, 3, 4, 7};

	memset(&x, 0, sizeof(x));
	add_incident(&x, TEXT_S, RW_INCIDENT_RETURN, "2019", "TH", "CN", "",
	    "Uyghur", 12, "In 2019 Thai officers deported 12 Uyghurs to China.");
	add_incident(&x, TEXT_S, RW_INCIDENT_RETURN, "2021", "TH", "KZ",
	    "Aibek Nurlan;Dana Serik", "Kazakh", -1,
	    "In 2021 Thailand sent two Kazakhs to Kazakhstan.");
	add_incident(&x, TEXT_S, RW_INCIDENT_DETENTION, "", "TH", "", "", "", -1,
	    "A detention in Bangkok was also reported.");
	add_incident(&x, TEXT_S, RW_INCIDENT_RETURN, "2020", "MY", "CN", "",
	    "Uyghur", 3, "Malaysia deported 3 people to China in 2020.");
	add_incident(&x, TEXT_S, RW_INCIDENT_DETENTION, "2019", "TH", "",
	    "Ekber Yasin", "Uyghur", -1, "Ekber Yasin was held in Bangkok");
	add_incident(&x, TEXT_S, RW_INCIDENT_RETURN, "2019", "KG", "CN", "",
	    "Uyghur", 40, "Kyrgyzstan returned 40 Uyghurs in 2019.");
	add_incident(&x, TEXT_S, RW_INCIDENT_CONVICTION, "2019", "TH", "", "",
	    "Uyghur", 5, "A Thai court convicted 5 Uyghurs in 2019.");
	save(f, src, TEXT_S, &x);
	rw_extraction_free(&x);
	for (size_t k = 0; k < sizeof(accept) / sizeof(accept[0]); k++)
		assert_int_equal(rw_store_incident_review(f->store, accept[k],
		    RW_REVIEW_ACCEPT, "alice", NULL, NULL, NULL), RW_OK);
	assert_int_equal(rw_store_incident_review(f->store, 6, RW_REVIEW_REJECT,
	    "alice", NULL, NULL, NULL), RW_OK);
}

static void
test_incident_stats(void **state)
{
	struct unit_store *f = *state;
	struct rw_incident_edit edit;

	stats_fixture(f);
	/* Counted by hand: persons are the count (12, 3, 5), else the named
	 * persons (2), else 1 (the detention naming nobody); 5 (proposed)
	 * and 6 (rejected) are left out; unknown values sort last. */
	assert_string_equal(stats(f, "host,year,type"),
	    "MY/2020/return:1,3;TH/2019/conviction:1,5;TH/2019/return:1,12;"
	    "TH/2021/return:1,2;TH/-/detention:1,1");
	assert_string_equal(stats(f, "year"),
	    "2019:2,17;2020:1,3;2021:1,2;-:1,1");
	assert_string_equal(stats(f, "group,host"),
	    "Kazakh/TH:1,2;Uyghur/MY:1,3;Uyghur/TH:2,17;-/TH:1,1");
	assert_string_equal(stats(f, "type,group,year,host"),
	    "conviction/Uyghur/2019/TH:1,5;detention/-/-/TH:1,1;"
	    "return/Kazakh/2021/TH:1,2;return/Uyghur/2019/TH:1,12;"
	    "return/Uyghur/2020/MY:1,3");
	assert_string_equal(stats(f, "host"), "MY:1,3;TH:4,20");
	/* Named persons follow edits: two names become one, then none. */
	memset(&edit, 0, sizeof(edit));
	edit.fields = RW_FIELD_PERSONS;
	edit.values.n_persons = 1;
	snprintf(edit.values.persons[0], RW_PERSON_NAME_MAX, "Aibek Nurlan");
	assert_int_equal(rw_store_incident_review(f->store, 2, RW_REVIEW_EDIT,
	    "alice", &edit, NULL, NULL), RW_OK);
	assert_string_equal(stats(f, "group"), "Kazakh:1,1;Uyghur:3,20;-:1,1");
	edit.values.n_persons = 0;
	assert_int_equal(rw_store_incident_review(f->store, 2, RW_REVIEW_EDIT,
	    "alice", &edit, NULL, NULL), RW_OK);
	assert_string_equal(stats(f, "group"), "Kazakh:1,1;Uyghur:3,20;-:1,1");
	/* Accepting the proposed one adds it and the person it names. */
	assert_int_equal(rw_store_incident_review(f->store, 5, RW_REVIEW_ACCEPT,
	    "alice", NULL, NULL, NULL), RW_OK);
	assert_string_equal(stats(f, "year,type"),
	    "2019/conviction:1,5;2019/detention:1,1;2019/return:1,12;"
	    "2020/return:1,3;2021/return:1,1;-/detention:1,1");
}

static int
stop_stats(const struct rw_stats_row *row, void *ctx)
{
	(void)row;
	(*(int *)ctx)++;
	return 7;
}

static void
test_incident_stats_refused(void **state)
{
	struct unit_store *f = *state;
	struct rw_stats_query q;
	struct rw_error err;
	int calls = 0;

	stats_fixture(f);
	/* A callback's stop value comes back after one row. */
	assert_int_equal(rw_stats_by_parse("year", &q, &err), RW_OK);
	assert_int_equal(rw_store_incident_stats(f->store, &q, stop_stats,
	    &calls, &err), 7);
	assert_int_equal(calls, 1);
	/* Queries no parse would make are refused before the backend. */
	q.n_by = 0;
	assert_int_equal(rw_store_incident_stats(f->store, &q, stop_stats,
	    &calls, &err), RW_EINVAL);
	q.n_by = RW_STATS_DIMS + 1;
	assert_int_equal(rw_store_incident_stats(f->store, &q, stop_stats,
	    &calls, &err), RW_EINVAL);
	q.n_by = 2;
	q.by[0] = RW_STATS_HOST;
	q.by[1] = RW_STATS_HOST;
	assert_int_equal(rw_store_incident_stats(f->store, &q, stop_stats,
	    &calls, &err), RW_EINVAL);
	q.by[1] = (enum rw_stats_dim)RW_STATS_DIMS;
	assert_int_equal(rw_store_incident_stats(f->store, &q, stop_stats,
	    &calls, &err), RW_EINVAL);
	assert_int_equal(calls, 1);
}

static void
test_stats_by_parse(void **state)
{
	static const char *const bad[] = {"", ",", "host,", ",host",
	    "host,,year", "host,host", "year,type,year", "Host", "hosts",
	    "host ", " host", "host;year", "host' OR 1=1 --", "group\n",
	    "h\xc3\xb6st", "\xff", "host,year,type,group,host",
	    "host,year,type,group,host,year,type,group,host,year,type,group,"
	    "host,year", NULL};
	struct rw_stats_query q, kept;
	struct rw_error err;

	(void)state;
	assert_int_equal(rw_stats_by_parse("group,type,year,host", &q, &err),
	    RW_OK);
	assert_int_equal(q.n_by, 4);
	assert_int_equal(q.by[0], RW_STATS_GROUP);
	assert_int_equal(q.by[3], RW_STATS_HOST);
	kept = q;
	for (size_t k = 0; bad[k] != NULL; k++) {
		rw_error_clear(&err);
		assert_int_equal(rw_stats_by_parse(bad[k], &q, &err), RW_EINVAL);
		assert_true(err.message[0] != '\0');
		assert_memory_equal(&q, &kept, sizeof(q)); /* left untouched */
	}
	assert_int_equal(rw_stats_by_parse(NULL, &q, &err), RW_EINVAL);
	assert_non_null(strstr(err.message, "at least one"));
	rw_stats_by_parse("host,year,host", &q, &err);
	assert_string_equal(err.message,
	    "host is named twice in the list of statistics dimensions");
	rw_stats_by_parse("h\xc3\xb6st", &q, &err);
	assert_null(strstr(err.message, "\xc3\xb6"));
	assert_string_equal(rw_stats_dim_name(RW_STATS_GROUP), "group");
	assert_null(rw_stats_dim_name(RW_STATS_DIMS));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_save_and_list),
		T(test_entities_in_characters),
		T(test_save_twice_changes_nothing),
		T(test_merge_across_sources),
		T(test_no_merge_without_agreement),
		cmocka_unit_test(test_matching_rules),
		T(test_review_keeps_the_proposal),
		T(test_bad_reviews_change_nothing),
		T(test_reextraction_keeps_reviewed),
		T(test_reextraction_moves_fields_to_next_source),
		T(test_split),
		T(test_decisions_outlive_reextraction),
		T(test_spans_outside_the_text_save_nothing),
		T(test_upgrade_from_schema_1),
		T(test_incident_counts),
		T(test_incident_counts_stop),
		T(test_incident_stats),
		T(test_incident_stats_refused),
		cmocka_unit_test(test_stats_by_parse),
		cmocka_unit_test(test_names),
	};

	unit_tap_filter();
	return cmocka_run_group_tests(tests, unit_crypto_setup, NULL);
}
