/* extract.h: turning a document's text into entities and incidents.
 *
 * The rules are data: gazetteers of countries, places, groups and
 * organisations, and lists of trigger phrases and cues, all in
 * the .tsv files of data/extract/ and compiled into the binary. rw_extractor_new loads
 * them once into a token trie; rw_extract then reads a text in one pass
 * over its tokens, so the work grows linearly with the text.
 *
 * Incidents are found sentence by sentence: a trigger phrase ("were
 * deported", "taken into custody") gives the type, and the sentence, or
 * the sentences before it when it says "he" or "they", gives the people,
 * places, date and count. Negated, hypothetical and demanded events ("was
 * not deported", "if returned", "we urge ... not to deport") are dropped,
 * and one incident mentioned twice is kept once. */
#ifndef RW_EXTRACT_EXTRACT_H
#define RW_EXTRACT_EXTRACT_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "extract/incident.h"

struct rw_extractor;

/* Everything found in one text. Arrays are owned by the struct. */
struct rw_extraction {
	struct rw_entity *entities;
	size_t n_entities;
	struct rw_incident *incidents;
	size_t n_incidents;
	size_t tokens;     /* tokens read */
	size_t work;       /* steps taken: grows linearly with the text */
	size_t cap_entities, cap_incidents;
};

/* Text larger than this is refused with RW_ETOOBIG. */
#define RW_EXTRACT_TEXT_MAX ((size_t)64 << 20)

/* Loads the compiled-in rules. */
int rw_extractor_new(struct rw_extractor **ret, struct rw_error *err);
void rw_extractor_free(struct rw_extractor *ex);

/* Identifies the rules: "N-HASH", where HASH is a digest of the rule data,
 * so incidents can say which rules produced them. */
const char *rw_extractor_version(const struct rw_extractor *ex);

/* Reads text (UTF-8; invalid bytes are skipped, the valid text around them
 * is kept). published, when known, resolves "on 6 December" and "last
 * month". out is filled afresh; free it with rw_extraction_free, also on
 * failure. */
int rw_extract(const struct rw_extractor *ex, const char *text, size_t len,
    const struct rw_date *published, struct rw_extraction *out,
    struct rw_error *err);

void rw_extraction_free(struct rw_extraction *out);

#endif
