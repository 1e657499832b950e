/* incident.c: names of incident types, mechanisms and entity kinds, and
 * incidents and entities as JSON. */
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/json-value.h"
#include "core/json-write.h"
#include "core/utf8.h"
#include "extract/incident.h"

static const char *const type_names[RW_INCIDENT_TYPE_COUNT] = {
	"detention", "return", "threatened_return", "warrant",
	"disappearance", "conviction", "release",
};

static const char *const mechanism_names[RW_MECHANISM_COUNT] = {
	NULL, "deportation", "extradition", "rendition", "unknown",
};

static const char *const entity_names[RW_ENTITY_KIND_COUNT] = {
	"person", "country", "place", "group", "organisation", "law", "date",
	"count",
};

const char *rw_incident_type_name(enum rw_incident_type type)
{
	return (unsigned)type < RW_INCIDENT_TYPE_COUNT ? type_names[type] : NULL;
}

int rw_incident_type_parse(const char *name, enum rw_incident_type *ret)
{
	for (int k = 0; k < RW_INCIDENT_TYPE_COUNT; k++)
		if (strcmp(type_names[k], name) == 0) {
			*ret = (enum rw_incident_type)k;
			return 0;
		}
	return RW_EINVAL;
}

const char *rw_mechanism_name(enum rw_mechanism mechanism)
{
	return (unsigned)mechanism < RW_MECHANISM_COUNT ?
	    mechanism_names[mechanism] : NULL;
}

int rw_mechanism_parse(const char *name, enum rw_mechanism *ret)
{
	for (int k = 1; k < RW_MECHANISM_COUNT; k++)
		if (strcmp(mechanism_names[k], name) == 0) {
			*ret = (enum rw_mechanism)k;
			return 0;
		}
	return RW_EINVAL;
}

const char *rw_entity_kind_name(enum rw_entity_kind kind)
{
	return (unsigned)kind < RW_ENTITY_KIND_COUNT ? entity_names[kind] : NULL;
}

bool
rw_dates_compatible(const struct rw_date *a, const struct rw_date *b)
{
	if (a->year == 0 || b->year == 0)
		return a->year == b->year;
	if (a->year != b->year)
		return false;
	return a->month == 0 || b->month == 0 || a->month == b->month;
}

bool
rw_counts_close(long a, long b)
{
	long hi = a > b ? a : b, lo = a > b ? b : a;

	if (a < 1 || b < 1)
		return true;
	return (double)(hi - lo) <= 0.2 * (double)hi;
}

bool
rw_incidents_same_subjects(const struct rw_incident *a,
    const struct rw_incident *b, rw_same_person_fn same_person, void *ctx)
{
	if (a->n_persons > 0 || b->n_persons > 0) {
		for (size_t i = 0; i < a->n_persons; i++)
			for (size_t j = 0; j < b->n_persons; j++)
				if (same_person ? same_person(a->persons[i],
				    b->persons[j], ctx) :
				    strcmp(a->persons[i], b->persons[j]) == 0)
					return true;
		return false;
	}
	if (strcasecmp(a->group, b->group) != 0)
		return false;
	if (a->group[0] == '\0' && (a->count < 1 || b->count < 1))
		return false;
	return rw_counts_close(a->count, b->count);
}

bool
rw_incidents_same(const struct rw_incident *a, const struct rw_incident *b,
    rw_same_person_fn same_person, void *ctx)
{
	return a->type == b->type && strcmp(a->host, b->host) == 0 &&
	    rw_dates_compatible(&a->date, &b->date) &&
	    rw_incidents_same_subjects(a, b, same_person, ctx);
}

size_t rw_char_offset(struct rw_char_counter *cc, size_t byte)
{
	/* walk from the last position, forwards or backwards, counting the
	 * bytes that start a character (a plain loop the compiler vectorises) */
	const unsigned char *p = (const unsigned char *)cc->text;
	size_t starts = 0;

	if (byte >= cc->byte) {
		for (size_t i = cc->byte; i < byte; i++)
			starts += (p[i] & 0xC0) != 0x80;
		cc->chars += starts;
	} else {
		for (size_t i = byte; i < cc->byte; i++)
			starts += (p[i] & 0xC0) != 0x80;
		cc->chars -= starts;
	}
	cc->byte = byte;
	return cc->chars;
}


/* A span of an untrusted text as a JSON string: invalid UTF-8 becomes
 * U+FFFD rather than losing the whole string. */
static json_t *span_string(const char *text, size_t start, size_t end)
{
	struct rw_buf b;
	json_t *s;

	if (rw_utf8_valid(text + start, end - start))
		return json_stringn(text + start, end - start);
	rw_buf_init(&b, (end - start) * 3 + 16);
	if (rw_utf8_clean(&b, text + start, end - start, NULL) < 0) {
		rw_buf_free(&b);
		return NULL;
	}
	s = json_stringn(b.data ? b.data : "", b.len);
	rw_buf_free(&b);
	return s;
}

int rw_incident_write_json(struct rw_buf *b, const struct rw_incident *inc,
    const char *doc, const char *text, struct rw_char_counter *cc,
    const char *rules)
{
	char date[RW_DATE_TEXT_MAX] = "";
	int r = 0;

	if (inc->date.year)
		rw_date_format(&inc->date, date);
	r |= rw_json_begin(b);
	r |= rw_json_key(b, "doc");
	r |= rw_json_string_or_null(b, doc);
	r |= rw_json_key(b, "type");
	r |= rw_json_string_or_null(b, rw_incident_type_name(inc->type));
	r |= rw_json_key(b, "mechanism");
	r |= rw_json_string_or_null(b, rw_mechanism_name(inc->mechanism));
	r |= rw_json_key(b, "date");
	r |= rw_json_string_or_null(b, date);
	r |= rw_json_key(b, "host");
	r |= rw_json_string_or_null(b, inc->host);
	r |= rw_json_key(b, "dest");
	r |= rw_json_string_or_null(b, inc->dest);
	r |= rw_json_key(b, "persons");
	r |= rw_json_begin_array(b);
	for (size_t k = 0; k < inc->n_persons; k++)
		r |= rw_json_string(b, inc->persons[k],
		    strlen(inc->persons[k]));
	r |= rw_json_end_array(b);
	r |= rw_json_key(b, "group");
	r |= rw_json_string_or_null(b, inc->group);
	r |= rw_json_key(b, "count");
	r |= inc->count > 0 ? rw_json_int(b, inc->count) : rw_json_null(b);
	r |= rw_json_key(b, "quote");
	r |= rw_json_string(b, text + inc->quote_start,
	    inc->quote_end - inc->quote_start);
	r |= rw_json_key(b, "quote_start");
	r |= rw_json_int(b, (int64_t)rw_char_offset(cc, inc->quote_start));
	r |= rw_json_key(b, "quote_end");
	r |= rw_json_int(b, (int64_t)rw_char_offset(cc, inc->quote_end));
	r |= rw_json_key(b, "confidence");
	r |= rw_json_real(b, inc->confidence);
	r |= rw_json_key(b, "rules");
	r |= rw_json_string_or_null(b, rules);
	r |= rw_json_end(b);
	return r < 0 ? RW_ENOMEM : RW_OK;
}

json_t *rw_incident_to_json(const struct rw_incident *inc, const char *doc,
    const char *text, struct rw_char_counter *cc, const char *rules)
{
	struct rw_buf b;
	json_t *o = NULL;

	rw_buf_init(&b, SIZE_MAX / 2);
	if (rw_incident_write_json(&b, inc, doc, text, cc, rules) == RW_OK)
		o = json_loadb(b.data, b.len, JSON_ALLOW_NUL, NULL);
	rw_buf_free(&b);
	return o;
}

json_t *rw_entity_to_json(const struct rw_entity *e, const char *text,
    struct rw_char_counter *cc)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "kind",
	    json_string(rw_entity_kind_name(e->kind)));
	json_object_set_new(o, "text", span_string(text, e->start, e->end));
	json_object_set_new(o, "value", rw_json_text_or_null(e->value));
	json_object_set_new(o, "start",
	    json_integer((json_int_t)rw_char_offset(cc, e->start)));
	json_object_set_new(o, "end",
	    json_integer((json_int_t)rw_char_offset(cc, e->end)));
	return o;
}
