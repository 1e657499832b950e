/* extract.c: the extractor's entry points; runs the stages in order and
 * hands back entities and incidents with byte spans. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract-int.h"

struct rw_extractor {
	struct lexicon *lexicon;
};

int rw_extractor_new(struct rw_extractor **ret, struct rw_error *err)
{
	struct rw_extractor *ex = calloc(1, sizeof(*ex));
	int rc;

	if (!ex)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	if ((rc = lexicon_load(&ex->lexicon, err)) < 0) {
		free(ex);
		return rc;
	}
	*ret = ex;
	return 0;
}

void rw_extractor_free(struct rw_extractor *ex)
{
	if (!ex)
		return;
	lexicon_free(ex->lexicon);
	free(ex);
}

const char *rw_extractor_version(const struct rw_extractor *ex)
{
	return lexicon_version(ex->lexicon);
}

static const enum rw_entity_kind entity_of[] = {
	[M_COUNTRY] = RW_ENTITY_COUNTRY, [M_PLACE] = RW_ENTITY_PLACE,
	[M_GROUP] = RW_ENTITY_GROUP, [M_ORG] = RW_ENTITY_ORG,
	[M_LAW] = RW_ENTITY_LAW, [M_DATE] = RW_ENTITY_DATE,
	[M_COUNT] = RW_ENTITY_COUNT, [M_PERSON] = RW_ENTITY_PERSON,
};

static bool is_entity(enum mention_kind k)
{
	return k == M_COUNTRY || k == M_PLACE || k == M_GROUP || k == M_ORG ||
	    k == M_LAW || k == M_DATE || k == M_COUNT || k == M_PERSON;
}

static int keep_entities(const struct text *t, const struct mentions *ms,
    struct rw_extraction *out, struct rw_error *err)
{
	size_t n = 0;

	for (size_t k = 0; k < ms->n; k++)
		n += is_entity(ms->items[k].kind);
	if (!n)
		return 0;
	out->entities = malloc(n * sizeof(*out->entities));
	if (!out->entities)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	out->cap_entities = n;
	for (size_t k = 0; k < ms->n; k++) {
		const struct mention *m = &ms->items[k];
		struct rw_entity *e;
		if (!is_entity(m->kind))
			continue;
		e = &out->entities[out->n_entities++];
		e->kind = entity_of[m->kind];
		e->start = t->tokens[m->first].start;
		e->end = t->tokens[m->last - 1].end;
		switch (m->kind) {
		case M_COUNTRY:
		case M_PLACE:
			memcpy(e->value, m->iso, 3);
			break;
		case M_GROUP:
			rw_utf8_copy(e->value, sizeof(e->value), m->entry->value);
			break;
		case M_DATE:
			rw_date_format(&m->date, e->value);
			break;
		case M_COUNT:
			snprintf(e->value, sizeof(e->value), "%ld", m->number);
			break;
		case M_PERSON:
			rw_utf8_copy(e->value, sizeof(e->value), m->name);
			break;
		default:
			e->value[0] = '\0';
			break;
		}
	}
	return 0;
}

int rw_extract(const struct rw_extractor *ex, const char *text, size_t len,
    const struct rw_date *published, struct rw_extraction *out,
    struct rw_error *err)
{
	struct text t;
	struct mentions ms = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > RW_EXTRACT_TEXT_MAX)
		return rw_error_set(err, RW_ETOOBIG, "text of %zu bytes is "
		    "larger than the %zu bytes extraction reads", len,
		    RW_EXTRACT_TEXT_MAX);
	if (published && !published->year)
		published = NULL;
	if ((rc = text_tokenize(&t, text, len, err)) < 0)
		goto out;
	if ((rc = text_split(&t, ex->lexicon, err)) < 0)
		goto out;
	if ((rc = mentions_find(ex->lexicon, &t, published, &ms, err)) < 0)
		goto out;
	if ((rc = incidents_assemble(ex->lexicon, &t, &ms, published, out,
	    err)) < 0)
		goto out;
	rc = keep_entities(&t, &ms, out, err);
out:
	out->tokens = t.n_tokens;
	out->work = t.work;
	mentions_free(&ms);
	text_free(&t);
	return rc;
}

void rw_extraction_free(struct rw_extraction *out)
{
	free(out->entities);
	free(out->incidents);
	memset(out, 0, sizeof(*out));
}
