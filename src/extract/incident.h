/* incident.h: what the extractor finds in a text.
 *
 * An entity is a span of the text recognised as a person, country, place,
 * group, organisation, law, date or count. An incident is one specific
 * thing that happened (or is threatened) to named people or a counted
 * group, in the shape of ../shared/eval/SCHEMA.md, with the span of the
 * sentence that states it. Offsets are byte offsets into the UTF-8 text
 * given to the extractor; JSON output adds character offsets. */
#ifndef RW_EXTRACT_INCIDENT_H
#define RW_EXTRACT_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"

#include "core/date.h"
#include "core/error.h"

enum rw_entity_kind {
	RW_ENTITY_PERSON,
	RW_ENTITY_COUNTRY, /* value: ISO 3166-1 alpha-2 */
	RW_ENTITY_PLACE,   /* value: ISO code of the country it lies in */
	RW_ENTITY_GROUP,   /* value: canonical group name */
	RW_ENTITY_ORG,
	RW_ENTITY_LAW,
	RW_ENTITY_DATE,    /* value: YYYY, YYYY-MM or YYYY-MM-DD */
	RW_ENTITY_COUNT,   /* value: the number */
	RW_ENTITY_KIND_COUNT
};

#define RW_ENTITY_VALUE_MAX 96

struct rw_entity {
	enum rw_entity_kind kind;
	size_t start, end;  /* byte span in the text */
	char value[RW_ENTITY_VALUE_MAX];
};

enum rw_incident_type {
	RW_INCIDENT_DETENTION,
	RW_INCIDENT_RETURN,
	RW_INCIDENT_THREATENED_RETURN,
	RW_INCIDENT_WARRANT,
	RW_INCIDENT_DISAPPEARANCE,
	RW_INCIDENT_CONVICTION,
	RW_INCIDENT_RELEASE,
	RW_INCIDENT_TYPE_COUNT
};

enum rw_mechanism {
	RW_MECHANISM_NONE, /* not a return */
	RW_MECHANISM_DEPORTATION,
	RW_MECHANISM_EXTRADITION,
	RW_MECHANISM_RENDITION,
	RW_MECHANISM_UNKNOWN,
	RW_MECHANISM_COUNT
};

#define RW_INCIDENT_PERSONS 8
#define RW_PERSON_NAME_MAX 96
#define RW_GROUP_NAME_MAX 48

struct rw_incident {
	enum rw_incident_type type;
	enum rw_mechanism mechanism;
	struct rw_date date;          /* year 0 when unknown */
	char host[3];                 /* ISO alpha-2, or "" */
	char dest[3];                 /* ISO alpha-2, or "" */
	char persons[RW_INCIDENT_PERSONS][RW_PERSON_NAME_MAX];
	size_t n_persons;
	char group[RW_GROUP_NAME_MAX]; /* canonical group, or "" */
	long count;                   /* people, or -1 when not given */
	size_t quote_start, quote_end; /* byte span of the sentence */
	double confidence;            /* 0..1 */
};

/* "detention", "return", ... as in SCHEMA.md; NULL when out of range. */
const char *rw_incident_type_name(enum rw_incident_type type);
/* Parses a type name; returns RW_EINVAL when unknown. */
int rw_incident_type_parse(const char *name, enum rw_incident_type *ret);
/* "deportation", ...; NULL for RW_MECHANISM_NONE. */
const char *rw_mechanism_name(enum rw_mechanism mechanism);
int rw_mechanism_parse(const char *name, enum rw_mechanism *ret);
/* "person", "country", ... */
const char *rw_entity_kind_name(enum rw_entity_kind kind);

/* Dates that may be the same day: both unknown, or the same year and,
 * where both give one, the same month. */
bool rw_dates_compatible(const struct rw_date *a, const struct rw_date *b);

/* Counts within 20% of the larger; a missing count (< 1) agrees. */
bool rw_counts_close(long a, long b);

typedef bool (*rw_same_person_fn)(const char *a, const char *b, void *ctx);

/* True when a and b tell the same incident (the schema's matching rules):
 * the same type and host (both unknown counts as the same), compatible
 * dates, and overlapping subjects: a person in common, as same_person
 * decides (NULL: identical names), or, when neither names anyone, the
 * same group and counts within 20% (a group or a count must be known). */
bool rw_incidents_same(const struct rw_incident *a,
    const struct rw_incident *b, rw_same_person_fn same_person, void *ctx);
/* The subjects part of rw_incidents_same alone. */
bool rw_incidents_same_subjects(const struct rw_incident *a,
    const struct rw_incident *b, rw_same_person_fn same_person, void *ctx);

/* Counts characters (code points) up to byte offsets that mostly grow, so
 * offsets for a whole document cost one pass. */
struct rw_char_counter {
	const char *text;
	size_t byte, chars;
};
size_t rw_char_offset(struct rw_char_counter *cc, size_t byte);

/* The incident as a SCHEMA.md line plus review fields: quote (from text),
 * quote_start/quote_end in characters, confidence and rules, appended to
 * b as JSON text (no new line). */
int rw_incident_write_json(struct rw_buf *b, const struct rw_incident *inc,
    const char *doc, const char *text, struct rw_char_counter *cc,
    const char *rules);
/* The same as a jansson object. */
json_t *rw_incident_to_json(const struct rw_incident *inc, const char *doc,
    const char *text, struct rw_char_counter *cc, const char *rules);
json_t *rw_entity_to_json(const struct rw_entity *e, const char *text,
    struct rw_char_counter *cc);

#endif
