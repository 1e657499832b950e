/* incident-record.h: what every store backend shares about incidents:
 * checking field values, reading a stored proposal back, the JSON of a
 * field or a whole record. Whether two reports tell the same incident is
 * decided by rw_incidents_same (extract/incident.h), the rule the
 * extractor also uses within one document; the store passes its people as
 * same_person, so recorded decisions hold. */
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
