/* fuzz-extract: rw_extract on arbitrary bytes (published 2021-03-10), then
 * rw_incident_to_json and rw_entity_to_json on everything it finds.
 *
 * The extractor is created once. Checked beyond "no crash": a failure
 * says why; spans lie inside the text; incidents have a known type, a
 * mechanism exactly when they are returns, a real calendar date or none,
 * ISO-shaped country codes, NUL-terminated names; the steps taken stay
 * within a linear bound; and the JSON has every field, with quote offsets
 * (in characters) inside the text. On valid UTF-8 input every name is
 * valid UTF-8 and the JSON keeps every person. */
#include <jansson.h>

#include "extract/extract.h"
#include "fuzz.h"

/* Steps per byte allowed: far above what any text takes (under 5 on the
 * development set), so only superlinear growth trips it. */
#define WORK_PER_BYTE 256
#define WORK_BASE 4096

static struct rw_extractor *ex;

static int
is_iso_or_empty(const char *c)
{
	if (c[0] == '\0')
		return 1;
	return c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
	    c[2] == '\0';
}

static int
date_ok(const struct rw_date *d)
{
	if (d->year == 0)
		return d->month == 0 && d->day == 0;
	return rw_date_valid(d->year, d->month, d->day);
}

static int
terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

/* Characters in the text: bytes that do not continue a sequence, as
 * rw_char_offset counts them. */
static size_t
char_count(const uint8_t *data, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < size; i++)
		n += (data[i] & 0xC0) != 0x80;
	return n;
}

static void
check_incident(const struct rw_incident *inc, size_t size, int valid)
{
	FUZZ_CHECK((unsigned)inc->type < RW_INCIDENT_TYPE_COUNT);
	FUZZ_CHECK((unsigned)inc->mechanism < RW_MECHANISM_COUNT);
	FUZZ_CHECK((inc->mechanism != RW_MECHANISM_NONE) ==
	    (inc->type == RW_INCIDENT_RETURN));
	FUZZ_CHECK(date_ok(&inc->date));
	FUZZ_CHECK(is_iso_or_empty(inc->host));
	FUZZ_CHECK(is_iso_or_empty(inc->dest));
	FUZZ_CHECK(inc->n_persons <= RW_INCIDENT_PERSONS);
	for (size_t p = 0; p < inc->n_persons; p++) {
		FUZZ_CHECK(terminated(inc->persons[p], RW_PERSON_NAME_MAX));
		FUZZ_CHECK(inc->persons[p][0] != '\0');
		if (valid)
			FUZZ_CHECK(rw_utf8_valid(inc->persons[p],
			    strlen(inc->persons[p])));
	}
	FUZZ_CHECK(terminated(inc->group, RW_GROUP_NAME_MAX));
	FUZZ_CHECK(inc->count >= -1);
	FUZZ_CHECK(inc->quote_start < inc->quote_end);
	FUZZ_CHECK(inc->quote_end <= size);
	FUZZ_CHECK(inc->confidence >= 0.0 && inc->confidence <= 1.0);
}

static void
check_incident_json(const struct rw_incident *inc, const char *text,
    struct rw_char_counter *cc, size_t chars, int valid)
{
	json_t *o = rw_incident_to_json(inc, "fuzz", text, cc,
	    rw_extractor_version(ex));
	const json_t *qs, *qe, *quote, *persons;
	static const char *const keys[] = {"doc", "type", "mechanism", "date",
		"host", "dest", "persons", "group", "count", "quote",
		"quote_start", "quote_end", "confidence", "rules", NULL};

	FUZZ_CHECK(o != NULL);
	for (const char *const *k = keys; *k; k++)
		FUZZ_CHECK(json_object_get(o, *k) != NULL);
	qs = json_object_get(o, "quote_start");
	qe = json_object_get(o, "quote_end");
	FUZZ_CHECK(json_is_integer(qs) && json_is_integer(qe));
	FUZZ_CHECK(json_integer_value(qs) >= 0);
	FUZZ_CHECK(json_integer_value(qs) <= json_integer_value(qe));
	FUZZ_CHECK((size_t)json_integer_value(qe) <= chars);
	quote = json_object_get(o, "quote");
	FUZZ_CHECK(json_is_string(quote));
	FUZZ_CHECK(rw_utf8_valid(json_string_value(quote),
	    json_string_length(quote)));
	persons = json_object_get(o, "persons");
	FUZZ_CHECK(json_is_array(persons));
	FUZZ_CHECK(json_array_size(persons) <= inc->n_persons);
	if (valid)
		FUZZ_CHECK(json_array_size(persons) == inc->n_persons);
	if (valid) {
		/* on valid text the quote is the span, and its length in
		 * characters is the difference of the offsets */
		FUZZ_CHECK(json_string_length(quote) ==
		    inc->quote_end - inc->quote_start);
		FUZZ_CHECK(memcmp(json_string_value(quote),
		    text + inc->quote_start, json_string_length(quote)) == 0);
		FUZZ_CHECK(char_count((const uint8_t *)text + inc->quote_start,
		    inc->quote_end - inc->quote_start) ==
		    (size_t)(json_integer_value(qe) - json_integer_value(qs)));
	}
	json_decref(o);
	(void)valid;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct rw_date published = {2021, 3, 10};
	struct rw_extraction out;
	struct rw_error err = {0};
	struct rw_char_counter cc;
	const char *text = (const char *)data;
	size_t chars;
	int r, valid;

	if (ex == NULL) {
		FUZZ_CHECK(rw_extractor_new(&ex, &err) == 0);
		FUZZ_CHECK(rw_extractor_version(ex)[0] != '\0');
	}
	r = rw_extract(ex, text, size, &published, &out, &err);
	if (r < 0) {
		FUZZ_CHECK(err.code == r);
		FUZZ_CHECK(err.message[0] != '\0');
		rw_extraction_free(&out);
		return 0;
	}
	FUZZ_CHECK(r == 0);
	FUZZ_CHECK(out.tokens <= size);
	FUZZ_CHECK(out.work <= WORK_PER_BYTE * size + WORK_BASE);
	FUZZ_CHECK(out.n_incidents <= out.cap_incidents);
	FUZZ_CHECK(out.n_entities <= out.cap_entities);
	FUZZ_CHECK(out.n_incidents == 0 || size > 0);

	valid = rw_utf8_valid(text, size);
	chars = char_count(data, size);
	cc = (struct rw_char_counter){text, 0, 0};
	for (size_t k = 0; k < out.n_incidents; k++) {
		check_incident(&out.incidents[k], size, valid);
		check_incident_json(&out.incidents[k], text, &cc, chars, valid);
	}
	for (size_t k = 0; k < out.n_entities; k++) {
		const struct rw_entity *e = &out.entities[k];
		json_t *o;

		FUZZ_CHECK((unsigned)e->kind < RW_ENTITY_KIND_COUNT);
		FUZZ_CHECK(e->start < e->end && e->end <= size);
		FUZZ_CHECK(terminated(e->value, RW_ENTITY_VALUE_MAX));
		o = rw_entity_to_json(e, text, &cc);
		FUZZ_CHECK(o != NULL);
		FUZZ_CHECK(json_is_string(json_object_get(o, "text")));
		FUZZ_CHECK((size_t)json_integer_value(json_object_get(o,
		    "end")) <= chars);
		json_decref(o);
	}
	rw_extraction_free(&out);
	return 0;
}
