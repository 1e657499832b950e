/* incident-record.h: what every store backend shares about incidents:
 * checking field values, reading a stored proposal back, the JSON of a
 * field or a whole record, and the rules that decide whether two reports
 * tell the same incident.
 *
 * Two reports tell one incident (the schema's matching rules, used across
 * sources) when they have the same type and host (both unknown counts as
 * the same), compatible dates (both unknown, or the same year and, where
 * both give one, the same month) and overlapping subjects: a person in
 * common (as the caller's same_person decides: the store uses its people,
 * so recorded decisions hold), or, when neither names anyone, the same
 * group and counts within 20% of each other (a missing count agrees with
 * any; a group or a count must be known). */
#ifndef RW_STORE_INCIDENT_RECORD_H
#define RW_STORE_INCIDENT_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "store/store.h"

/* Checks the fields named in `fields` (RW_FIELD_*) of inc: known type and
 * mechanism, a real date (or year 0), ISO codes, at most
 * RW_INCIDENT_PERSONS names of printable UTF-8, count -1 or positive.
 * Returns 0 or RW_EINVAL with a sentence in err. */
int rw_incident_fields_check(const struct rw_incident *inc, unsigned fields,
    struct rw_error *err);

bool rw_dates_compatible(const struct rw_date *a, const struct rw_date *b);

/* Counts within 20% of the larger; a missing count (< 1) agrees. */
bool rw_counts_close(long a, long b);

typedef bool (*rw_same_person_fn)(const char *a, const char *b, void *ctx);

/* True when a and b tell the same incident (see above). */
bool rw_incidents_same(const struct rw_incident *a,
    const struct rw_incident *b, rw_same_person_fn same_person, void *ctx);

/* Reads a proposal (the JSON of rw_incident_to_json) back into *out;
 * its quote offsets (characters) go to *ret_start and *ret_end. Returns
 * RW_EFORMAT when it is not one. */
int rw_incident_from_json(const char *json, struct rw_incident *out,
    int64_t *ret_start, int64_t *ret_end);

/* One field (a single RW_FIELD_* bit) as a JSON value (null when unknown). */
json_t *rw_incident_field_json(const struct rw_incident *inc, unsigned field);

/* The name of a field bit: "type", "mechanism", ..., or NULL. */
const char *rw_incident_field_name(unsigned field);

/* A whole record as JSON: fields, status, sources with quotes, reviews
 * and the original proposal. */
json_t *rw_incident_record_to_json(const struct rw_incident_record *inc);

/* The JSON of a person and of an entity record. */
json_t *rw_person_to_json(const struct rw_person *p);
json_t *rw_entity_record_to_json(const struct rw_entity_record *e);

#endif
