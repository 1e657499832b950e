/* incident-record.c: incident checks, matching rules and JSON shared by
 * every store backend (see incident-record.h). */
#include "store/incident-record.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/country.h"
#include "core/json-value.h"
#include "core/utf8.h"

static const char *const status_names[RW_STATUS_COUNT] = {
	"proposed", "accepted", "rejected",
};

static const char *const field_names[] = {
	"type", "mechanism", "date", "host", "dest", "persons", "group", "count",
};

const char *
rw_incident_status_name(enum rw_incident_status status)
{
	return (unsigned)status < RW_STATUS_COUNT ? status_names[status] : NULL;
}

int
rw_incident_status_parse(const char *name, enum rw_incident_status *ret)
{
	for (int k = 0; k < RW_STATUS_COUNT; k++)
		if (name != NULL && strcmp(status_names[k], name) == 0) {
			*ret = (enum rw_incident_status)k;
			return RW_OK;
		}
	return RW_EINVAL;
}

const char *
rw_incident_field_name(unsigned field)
{
	for (unsigned k = 0; k < sizeof(field_names) / sizeof(field_names[0]); k++)
		if (field == 1u << k)
			return field_names[k];
	return NULL;
}

/* True when s (within cap bytes) is NUL-terminated, valid UTF-8 and free
 * of control characters. */
static bool
printable(const char *s, size_t cap)
{
	size_t len = strnlen(s, cap);

	if (len == cap || !rw_utf8_valid(s, len))
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return true;
}

static int
check_country(const char *code, const char *what, struct rw_error *err)
{
	if (code[0] == '\0' || rw_country_code_valid(code))
		return RW_OK;
	return rw_error_set(err, RW_EINVAL, "the %s must be an ISO 3166-1 "
	    "alpha-2 country code (two capital letters, such as TH)", what);
}

int
rw_incident_fields_check(const struct rw_incident *inc, unsigned fields,
    struct rw_error *err)
{
	if ((fields & RW_FIELD_TYPE) &&
	    rw_incident_type_name(inc->type) == NULL)
		return rw_error_set(err, RW_EINVAL, "unknown incident type");
	if ((fields & RW_FIELD_MECHANISM) && inc->mechanism != RW_MECHANISM_NONE &&
	    rw_mechanism_name(inc->mechanism) == NULL)
		return rw_error_set(err, RW_EINVAL, "unknown return mechanism");
	if ((fields & RW_FIELD_DATE) && inc->date.year != 0 &&
	    !rw_date_valid(inc->date.year, inc->date.month, inc->date.day))
		return rw_error_set(err, RW_EINVAL, "the date is not a real date");
	if ((fields & RW_FIELD_HOST) &&
	    (!printable(inc->host, sizeof(inc->host)) ||
	    check_country(inc->host, "host", err) < 0))
		return rw_error_set(err, RW_EINVAL, "the host must be an ISO "
		    "3166-1 alpha-2 country code (two capital letters, such as TH)");
	if ((fields & RW_FIELD_DEST) &&
	    (!printable(inc->dest, sizeof(inc->dest)) ||
	    check_country(inc->dest, "destination", err) < 0))
		return rw_error_set(err, RW_EINVAL, "the destination must be an "
		    "ISO 3166-1 alpha-2 country code (two capital letters, such as "
		    "CN)");
	if (fields & RW_FIELD_PERSONS) {
		if (inc->n_persons > RW_INCIDENT_PERSONS)
			return rw_error_set(err, RW_EINVAL, "at most %d persons",
			    RW_INCIDENT_PERSONS);
		for (size_t k = 0; k < inc->n_persons; k++)
			if (!printable(inc->persons[k], RW_PERSON_NAME_MAX) ||
			    inc->persons[k][0] == '\0')
				return rw_error_set(err, RW_EINVAL, "person names must "
				    "be printable UTF-8 of 1 to %d bytes",
				    RW_PERSON_NAME_MAX - 1);
	}
	if ((fields & RW_FIELD_GROUP) && !printable(inc->group, sizeof(inc->group)))
		return rw_error_set(err, RW_EINVAL, "the group must be printable "
		    "UTF-8 of at most %d bytes", RW_GROUP_NAME_MAX - 1);
	if ((fields & RW_FIELD_COUNT) && inc->count < 1 && inc->count != -1)
		return rw_error_set(err, RW_EINVAL, "the count must be a positive "
		    "whole number");
	return RW_OK;
}

/* Copies a JSON string member into out (cap bytes); "" when absent. */
static int
member_string(json_t *obj, const char *key, char *out, size_t cap)
{
	json_t *v = json_object_get(obj, key);

	out[0] = '\0';
	if (v == NULL || json_is_null(v))
		return RW_OK;
	if (!json_is_string(v) || json_string_length(v) >= cap)
		return RW_EFORMAT;
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return RW_OK;
}

int
rw_incident_from_json(const char *json, struct rw_incident *out,
    int64_t *ret_start, int64_t *ret_end)
{
	json_t *obj = json_loads(json, 0, NULL), *persons, *v;
	char name[32], date[RW_DATE_TEXT_MAX];
	int r = RW_EFORMAT;

	memset(out, 0, sizeof(*out));
	out->count = -1;
	*ret_start = *ret_end = 0;
	if (!json_is_object(obj))
		goto done;
	if (member_string(obj, "type", name, sizeof(name)) < 0 ||
	    rw_incident_type_parse(name, &out->type) < 0)
		goto done;
	if (member_string(obj, "mechanism", name, sizeof(name)) < 0 ||
	    (name[0] != '\0' && rw_mechanism_parse(name, &out->mechanism) < 0))
		goto done;
	if (member_string(obj, "date", date, sizeof(date)) < 0 ||
	    (date[0] != '\0' && rw_date_parse(date, &out->date) < 0))
		goto done;
	if (member_string(obj, "host", out->host, sizeof(out->host)) < 0 ||
	    member_string(obj, "dest", out->dest, sizeof(out->dest)) < 0 ||
	    member_string(obj, "group", out->group, sizeof(out->group)) < 0)
		goto done;
	persons = json_object_get(obj, "persons");
	for (size_t k = 0; k < json_array_size(persons) &&
	    out->n_persons < RW_INCIDENT_PERSONS; k++) {
		v = json_array_get(persons, k);
		if (!json_is_string(v) ||
		    json_string_length(v) >= RW_PERSON_NAME_MAX)
			goto done;
		memcpy(out->persons[out->n_persons++], json_string_value(v),
		    json_string_length(v) + 1);
	}
	if (json_is_integer(v = json_object_get(obj, "count")))
		out->count = (long)json_integer_value(v);
	if (json_is_number(v = json_object_get(obj, "confidence")))
		out->confidence = json_number_value(v);
	if (json_is_integer(v = json_object_get(obj, "quote_start")))
		*ret_start = json_integer_value(v);
	if (json_is_integer(v = json_object_get(obj, "quote_end")))
		*ret_end = json_integer_value(v);
	r = RW_OK;
done:
	json_decref(obj);
	return r;
}


json_t *
rw_incident_field_json(const struct rw_incident *inc, unsigned field)
{
	char date[RW_DATE_TEXT_MAX];
	json_t *persons;

	switch (field) {
	case RW_FIELD_TYPE:
		return json_string(rw_incident_type_name(inc->type));
	case RW_FIELD_MECHANISM:
		return rw_json_text_or_null(rw_mechanism_name(inc->mechanism));
	case RW_FIELD_DATE:
		if (inc->date.year == 0)
			return json_null();
		rw_date_format(&inc->date, date);
		return json_string(date);
	case RW_FIELD_HOST:
		return rw_json_text_or_null(inc->host);
	case RW_FIELD_DEST:
		return rw_json_text_or_null(inc->dest);
	case RW_FIELD_PERSONS:
		persons = json_array();
		for (size_t k = 0; persons != NULL && k < inc->n_persons; k++)
			json_array_append_new(persons, json_string(inc->persons[k]));
		return persons;
	case RW_FIELD_GROUP:
		return rw_json_text_or_null(inc->group);
	case RW_FIELD_COUNT:
		return inc->count > 0 ? json_integer(inc->count) : json_null();
	}
	return json_null();
}

/* A stored JSON text as a value; the text as a string if it does not
 * parse (it always should). */
static json_t *
stored_json(const char *text)
{
	json_t *v;

	if (text == NULL)
		return json_null();
	v = json_loads(text, JSON_DECODE_ANY, NULL);
	return v != NULL ? v : json_string(text);
}

json_t *
rw_incident_record_to_json(const struct rw_incident_record *inc)
{
	json_t *obj = json_object(), *links = json_array(), *reviews = json_array();

	if (obj == NULL || links == NULL || reviews == NULL) {
		json_decref(obj);
		json_decref(links);
		json_decref(reviews);
		return NULL;
	}
	json_object_set_new(obj, "id", json_integer(inc->id));
	json_object_set_new(obj, "status",
	    json_string(rw_incident_status_name(inc->status)));
	json_object_set_new(obj, "reviewed", json_boolean(inc->reviewed));
	for (unsigned f = RW_FIELD_TYPE; f <= RW_FIELD_COUNT; f <<= 1)
		json_object_set_new(obj, rw_incident_field_name(f),
		    rw_incident_field_json(&inc->fields, f));
	json_object_set_new(obj, "confidence", json_real(inc->fields.confidence));
	json_object_set_new(obj, "rules", rw_json_text_or_null(inc->rules));
	json_object_set_new(obj, "created_at", rw_json_text_or_null(inc->created_at));
	json_object_set_new(obj, "updated_at", rw_json_text_or_null(inc->updated_at));
	for (size_t k = 0; k < inc->n_links; k++) {
		const struct rw_incident_link *l = &inc->links[k];

		json_array_append_new(links, json_pack("{sI so? sI sI so? so? so?}",
		    "source_id", (json_int_t)l->source_id,
		    "quote", rw_json_text_or_null(l->quote),
		    "quote_start", (json_int_t)l->quote_start,
		    "quote_end", (json_int_t)l->quote_end,
		    "rules", rw_json_text_or_null(l->rules),
		    "added_at", rw_json_text_or_null(l->added_at),
		    "proposal", stored_json(l->proposal)));
	}
	json_object_set_new(obj, "sources", links);
	for (size_t k = 0; k < inc->n_reviews; k++) {
		const struct rw_review *r = &inc->reviews[k];

		json_array_append_new(reviews, json_pack("{sI so? so? so? so?}",
		    "id", (json_int_t)r->id, "who", rw_json_text_or_null(r->who),
		    "at", rw_json_text_or_null(r->at), "action", rw_json_text_or_null(r->action),
		    "changes", stored_json(r->changes)));
	}
	json_object_set_new(obj, "reviews", reviews);
	json_object_set_new(obj, "proposal", stored_json(inc->proposal));
	return obj;
}

json_t *
rw_person_to_json(const struct rw_person *p)
{
	json_t *obj = json_object(), *names = json_array();
	json_t *sources = json_array(), *incidents = json_array();

	if (obj == NULL || names == NULL || sources == NULL || incidents == NULL) {
		json_decref(obj);
		json_decref(names);
		json_decref(sources);
		json_decref(incidents);
		return NULL;
	}
	json_object_set_new(obj, "id", json_integer(p->id));
	json_object_set_new(obj, "name", rw_json_text_or_null(p->name));
	for (size_t k = 0; k < p->n_names; k++)
		json_array_append_new(names, json_pack("{so? so? so?}",
		    "name", rw_json_text_or_null(p->names[k].name),
		    "rule", rw_json_text_or_null(p->names[k].rule),
		    "via", rw_json_text_or_null(p->names[k].via)));
	for (size_t k = 0; k < p->n_sources; k++)
		json_array_append_new(sources, json_integer(p->sources[k]));
	for (size_t k = 0; k < p->n_incidents; k++)
		json_array_append_new(incidents, json_integer(p->incidents[k]));
	json_object_set_new(obj, "names", names);
	json_object_set_new(obj, "sources", sources);
	json_object_set_new(obj, "incidents", incidents);
	return obj;
}

json_t *
rw_entity_record_to_json(const struct rw_entity_record *e)
{
	return json_pack("{sI so? sI sI so? so?}",
	    "source_id", (json_int_t)e->source_id,
	    "kind", rw_json_text_or_null(e->kind),
	    "start", (json_int_t)e->start, "end", (json_int_t)e->end,
	    "text", rw_json_text_or_null(e->text),
	    "value", rw_json_text_or_null(e->value));
}

void
rw_incident_record_free(struct rw_incident_record *inc)
{
	if (inc == NULL)
		return;
	free((void *)inc->rules);
	free((void *)inc->proposal);
	free((void *)inc->created_at);
	free((void *)inc->updated_at);
	for (size_t k = 0; k < inc->n_links; k++) {
		free((void *)inc->links[k].quote);
		free((void *)inc->links[k].rules);
		free((void *)inc->links[k].proposal);
		free((void *)inc->links[k].added_at);
	}
	free(inc->links);
	for (size_t k = 0; k < inc->n_reviews; k++) {
		free((void *)inc->reviews[k].who);
		free((void *)inc->reviews[k].at);
		free((void *)inc->reviews[k].action);
		free((void *)inc->reviews[k].changes);
	}
	free(inc->reviews);
	free(inc);
}
