/* lexicon.c: the extractor's rule data, loaded into a token trie.
 *
 * Every rule file (the .tsv files of data/extract/, compiled in) has lines
 * KIND<TAB>VALUE<TAB>PHRASE|PHRASE...; each phrase is tokenised exactly as
 * texts are, so a phrase matches wherever its normalised tokens appear in a
 * row. Trie edges live in one open-addressing hash table keyed by the
 * parent node and the token, so matching costs one probe per token and a
 * phrase is at most LEX_PHRASE_MAX tokens long: scanning a text is linear. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/array.h"
#include "core/embedded.h"
#include "crypto/digest.h"
#include "extract/extract-int.h"

#define LEX_PHRASE_MAX 12

extern const struct rw_embedded rw_extract_rules[];

struct edge {
	uint32_t parent, child; /* child 0: empty slot */
	uint32_t hash;
	uint32_t word;          /* offset in the word pool */
};

struct node {
	uint32_t first_entry;   /* 0 when no phrase ends here */
	uint32_t last_entry;
	bool leaf;              /* no longer phrase goes on from here */
};

struct lexicon {
	struct node *nodes;
	size_t n_nodes, cap_nodes;
	struct edge *edges;
	size_t n_edges, cap_edges; /* cap is a power of two */
	struct lex_entry *entries; /* index 0 unused */
	size_t n_entries, cap_entries;
	struct rw_buf words;
	char version[32];
	/* A bit per LEXICON_FILTER_BITS-bit slice of word_hash for every word that
	 * starts a phrase: most tokens start none, and one bit test says so
	 * without probing the edges. */
	uint64_t first_words[(1u << LEXICON_FILTER_BITS) / 64];
};

static const char *const kind_names[LEX_KIND_COUNT] = {
	[LEX_COUNTRY] = "country", [LEX_PLACE] = "place",
	[LEX_GROUP] = "group", [LEX_ORG] = "org", [LEX_LAW] = "law",
	[LEX_TRIGGER] = "trigger", [LEX_CUE] = "", [LEX_NUMBER] = "number",
	[LEX_RELDATE] = "reldate",
};

static const char *const cue_names[CUE_COUNT] = {
	[CUE_NEGATION] = "negation", [CUE_DENIAL] = "denial",
	[CUE_THREAT] = "threat",
	[CUE_REQUEST] = "request", [CUE_CALL] = "call",
	[CUE_CONDITIONAL] = "conditional", [CUE_AUTHORITY] = "authority",
	[CUE_PEOPLE] = "people", [CUE_PERSON] = "person",
	[CUE_SPEECH] = "speech", [CUE_PATTERN] = "pattern",
	[CUE_HE] = "he", [CUE_THEY] = "they", [CUE_BLOCK] = "block",
	[CUE_NONNAME] = "nonname", [CUE_ORGWORD] = "orgword",
	[CUE_TITLE] = "title", [CUE_ABBREV] = "abbrev",
	[CUE_APPROX_MORE] = "more", [CUE_APPROX] = "approx",
	[CUE_PRESENT] = "present", [CUE_FROM] = "from", [CUE_TO] = "to",
	[CUE_IN] = "in", [CUE_BY] = "by", [CUE_OFFICE] = "office",
};

/* The key of the edge from parent by a word with hash word (word_hash). */
static uint32_t edge_hash(uint32_t parent, uint32_t word)
{
	uint32_t h = word ^ (parent * 0x9E3779B1u);

	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	return h ? h : 1;
}

/* True when edge e is by the word w of len bytes (none of them NUL). */
static bool edge_word_is(const struct lexicon *lx, const struct edge *e,
    const char *w, size_t len)
{
	/* its word ends right after len bytes, inside the pool: then
	 * memcmp reads nothing past the pool */
	return e->word + len <= lx->words.len &&
	    lx->words.data[e->word + len] == '\0' &&
	    memcmp(lx->words.data + e->word, w, len) == 0;
}

static struct edge *edge_slot(const struct lexicon *lx, uint32_t parent,
    const char *w, size_t len, uint32_t h)
{
	size_t mask = lx->cap_edges - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct edge *e = &lx->edges[i];
		if (!e->child)
			return e;
		if (e->hash == h && e->parent == parent &&
		    edge_word_is(lx, e, w, len))
			return e;
	}
}

static int grow_edges(struct lexicon *lx)
{
	struct edge *old = lx->edges;
	size_t old_cap = lx->cap_edges;

	lx->cap_edges = old_cap ? old_cap * 2 : 4096;
	lx->edges = calloc(lx->cap_edges, sizeof(*lx->edges));
	if (!lx->edges)
		return RW_ENOMEM;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].child)
			continue;
		const char *w = lx->words.data + old[i].word;
		*edge_slot(lx, old[i].parent, w, strlen(w), old[i].hash) =
		    old[i];
	}
	free(old);
	return 0;
}

static int new_node(struct lexicon *lx, uint32_t *ret)
{
	if (rw_array_room(lx->nodes, lx->n_nodes, lx->cap_nodes, 1024) < 0)
		return RW_ENOMEM;
	lx->nodes[lx->n_nodes] = (struct node){0, 0, true};
	*ret = (uint32_t)lx->n_nodes++;
	return 0;
}

static void mark_first_word(struct lexicon *lx, uint32_t hash)
{
	uint32_t bit = hash & ((1u << LEXICON_FILTER_BITS) - 1);

	lx->first_words[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static bool may_start_phrase(const struct lexicon *lx, uint32_t hash)
{
	return lexicon_may_start(lx->first_words, hash);
}

const uint64_t *lexicon_first_words(const struct lexicon *lx)
{
	return lx->first_words;
}

static int child_of(struct lexicon *lx, uint32_t parent, const char *w,
    uint32_t *ret)
{
	size_t len = strlen(w);
	uint32_t h = edge_hash(parent, word_hash(w, len));
	struct edge *e;
	int rc;

	if ((lx->n_edges + 1) * 2 > lx->cap_edges && (rc = grow_edges(lx)) < 0)
		return rc;
	e = edge_slot(lx, parent, w, len, h);
	if (e->child) {
		*ret = e->child;
		return 0;
	}
	if (parent == 0)
		mark_first_word(lx, word_hash(w, len));
	e->parent = parent;
	e->hash = h;
	e->word = (uint32_t)lx->words.len;
	if (rw_buf_append(&lx->words, w, len + 1) < 0)
		return RW_ENOMEM;
	if ((rc = new_node(lx, &e->child)) < 0)
		return rc;
	lx->nodes[parent].leaf = false;
	lx->n_edges++;
	*ret = e->child;
	return 0;
}

static int add_entry(struct lexicon *lx, uint32_t node,
    const struct lex_entry *proto)
{
	uint32_t id;

	if (rw_array_room(lx->entries, lx->n_entries, lx->cap_entries,
	    1024) < 0)
		return RW_ENOMEM;
	id = (uint32_t)lx->n_entries++;
	lx->entries[id] = *proto;
	lx->entries[id].next = 0;
	if (!lx->nodes[node].first_entry)
		lx->nodes[node].first_entry = id;
	else
		lx->entries[lx->nodes[node].last_entry].next = id;
	lx->nodes[node].last_entry = id;
	return 0;
}

static int add_phrase(struct lexicon *lx, const char *phrase, size_t len,
    const struct lex_entry *proto, struct rw_error *err)
{
	struct text t;
	uint32_t node = 0;
	int rc;

	if ((rc = text_tokenize(&t, phrase, len, err)) < 0)
		goto out;
	rc = RW_EINVAL;
	if (t.n_tokens == 0 || t.n_tokens > LEX_PHRASE_MAX) {
		rw_error_set(err, RW_EINVAL, "rule phrase '%.*s' has %zu words "
		    "(1 to %d allowed)", (int)len, phrase, t.n_tokens,
		    LEX_PHRASE_MAX);
		goto out;
	}
	for (size_t i = 0; i < t.n_tokens; i++) {
		if ((rc = child_of(lx, node, token_norm(&t, i), &node)) < 0) {
			rw_error_set(err, rc, "out of memory");
			goto out;
		}
	}
	if ((rc = add_entry(lx, node, proto)) < 0)
		rw_error_set(err, rc, "out of memory");
out:
	text_free(&t);
	return rc;
}

/* The incident type a trigger's value ("return/deportation") names, or
 * -1. */
static int trigger_of(const char *value)
{
	char name[sizeof(((struct lex_entry *)0)->value)];
	enum rw_incident_type type;

	memcpy(name, value, sizeof(name));
	name[strcspn(name, "/")] = '\0';
	return rw_incident_type_parse(name, &type) < 0 ? -1 : (int)type;
}

/* Reads a rule's KIND and VALUE into e; on a bad rule, says why. */
static int parse_entry(const char *kind, size_t kind_len, const char *value,
    size_t value_len, struct lex_entry *e, struct rw_error *err)
{
	memset(e, 0, sizeof(*e));
	e->trigger = -1;
	if (value_len >= sizeof(e->value))
		return rw_error_set(err, RW_EINVAL, "the value \"%.*s\" is "
		    "longer than %zu bytes", (int)value_len, value,
		    sizeof(e->value) - 1);
	memcpy(e->value, value, value_len);
	for (int k = 0; k < LEX_KIND_COUNT; k++) {
		if (k == LEX_CUE || strlen(kind_names[k]) != kind_len ||
		    strncmp(kind_names[k], kind, kind_len) != 0)
			continue;
		e->kind = (enum lex_kind)k;
		if (k == LEX_NUMBER) {
			char *end;
			e->number = strtol(e->value, &end, 10);
			return *end ? rw_error_set(err, RW_EINVAL, "a number "
			    "rule wants a whole number, not \"%s\"", e->value) :
			    0;
		}
		if (k == LEX_GROUP) {
			char *colon = strchr(e->value, ':');
			if (!colon || strlen(colon + 1) > 2)
				return rw_error_set(err, RW_EINVAL, "a group "
				    "rule wants NAME:ISO or NAME:-, not \"%s\"",
				    e->value);
			memcpy(e->origin, colon + 1, strlen(colon + 1) + 1);
			if (strcmp(e->origin, "-") == 0)
				e->origin[0] = '\0';
			*colon = '\0';
		}
		if (k == LEX_TRIGGER)
			e->trigger = trigger_of(e->value);
		if (k == LEX_RELDATE &&
		    (e->relation = reldate_parse(e->value)) < 0)
			return rw_error_set(err, RW_EINVAL, "no relative date "
			    "rule is called \"%s\"", e->value);
		return 0;
	}
	for (int c = 0; c < CUE_COUNT; c++) {
		if (strlen(cue_names[c]) == kind_len &&
		    strncmp(cue_names[c], kind, kind_len) == 0) {
			e->kind = LEX_CUE;
			e->cue = c;
			return 0;
		}
	}
	return rw_error_set(err, RW_EINVAL, "no rule kind or cue is called "
	    "\"%.*s\"", (int)kind_len, kind);
}

static int load_line(struct lexicon *lx, const char *file, int line_no,
    const char *line, size_t len, struct rw_error *err)
{
	const char *tab1 = memchr(line, '\t', len), *tab2, *p, *end;
	struct lex_entry proto;
	struct rw_error why = {0};

	if (len == 0 || line[0] == '#')
		return 0;
	tab2 = tab1 ? memchr(tab1 + 1, '\t', len - (size_t)(tab1 + 1 - line))
	    : NULL;
	if (!tab2)
		return rw_error_set(err, RW_EINVAL, "%s:%d: not a rule line "
		    "(KIND<TAB>VALUE<TAB>PHRASES)", file, line_no);
	if (parse_entry(line, (size_t)(tab1 - line), tab1 + 1,
	    (size_t)(tab2 - tab1 - 1), &proto, &why) < 0)
		return rw_error_set(err, RW_EINVAL, "%s:%d: %s", file, line_no,
		    why.message);
	end = line + len;
	for (p = tab2 + 1; p < end;) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		int rc;
		if (stop > p && (rc = add_phrase(lx, p, (size_t)(stop - p),
		    &proto, &why)) < 0)
			return rw_error_set(err, rc, "%s:%d: %s", file, line_no,
			    why.message);
		p = stop + 1;
	}
	return 0;
}

static int load_file(struct lexicon *lx, const struct rw_embedded *f,
    struct rw_error *err)
{
	const char *p = f->data, *end = f->data + f->size;
	int line_no = 0, rc;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		if ((rc = load_line(lx, f->name, ++line_no, p,
		    (size_t)(stop - p), err)) < 0)
			return rc;
		p = stop + 1;
	}
	return 0;
}

static int set_version(struct lexicon *lx, const struct rw_embedded *files,
    struct rw_error *err)
{
	struct rw_buf all;
	char hex[65];
	int rc = 0;

	rw_buf_init(&all, (size_t)1 << 26);
	for (const struct rw_embedded *f = files; f->name; f++)
		if (rw_buf_append(&all, f->data, f->size) < 0)
			rc = RW_ENOMEM;
	if (rc == 0)
		rw_sha256_hex(all.data, all.len, hex);
	rw_buf_free(&all);
	if (rc < 0)
		return rw_error_set(err, rc, "out of memory");
	snprintf(lx->version, sizeof(lx->version), "1-%.12s", hex);
	return 0;
}

int lexicon_load(struct lexicon **ret, struct rw_error *err)
{
	return lexicon_load_files(ret, rw_extract_rules, err);
}

int lexicon_load_files(struct lexicon **ret, const struct rw_embedded *files,
    struct rw_error *err)
{
	struct lexicon *lx = calloc(1, sizeof(*lx));
	uint32_t root;
	int rc;

	if (!lx)
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	rw_buf_init(&lx->words, (size_t)1 << 26);
	lx->cap_entries = 1024;
	lx->entries = calloc(lx->cap_entries, sizeof(*lx->entries));
	lx->n_entries = 1;
	if (!lx->entries || new_node(lx, &root) < 0 || grow_edges(lx) < 0) {
		lexicon_free(lx);
		return rw_error_set(err, RW_ENOMEM, "out of memory");
	}
	for (const struct rw_embedded *f = files; f->name; f++) {
		if ((rc = load_file(lx, f, err)) < 0) {
			lexicon_free(lx);
			return rc;
		}
	}
	if ((rc = set_version(lx, files, err)) < 0) {
		lexicon_free(lx);
		return rc;
	}
	*ret = lx;
	return 0;
}

void lexicon_free(struct lexicon *lx)
{
	if (!lx)
		return;
	free(lx->nodes);
	free(lx->edges);
	free(lx->entries);
	rw_buf_free(&lx->words);
	free(lx);
}

const char *lexicon_version(const struct lexicon *lx)
{
	return lx->version;
}

static uint32_t step(const struct lexicon *lx, uint32_t node, const char *w,
    size_t len, uint32_t hash)
{
	struct edge *e = edge_slot(lx, node, w, len, edge_hash(node, hash));

	return e->child;
}

size_t lexicon_match(const struct lexicon *lx, struct text *t, size_t i,
    const struct lex_entry **ret)
{
	uint32_t node = 0;
	size_t best = 0;

	*ret = NULL;
	if (i >= t->n_tokens || !may_start_phrase(lx, t->tokens[i].hash))
		return 0;
	for (size_t k = i; k < t->n_tokens && k - i < LEX_PHRASE_MAX; k++) {
		t->work++;
		/* a quotation mark inside a phrase is skipped: 'would be
		 * "sent home"' */
		if (k > i && token_punct(t, k, '"'))
			continue;
		node = step(lx, node, token_norm(t, k), t->tokens[k].norm_len,
		    t->tokens[k].hash);
		if (!node)
			break;
		if (lx->nodes[node].first_entry) {
			best = k - i + 1;
			*ret = &lx->entries[lx->nodes[node].first_entry];
		}
		if (lx->nodes[node].leaf)
			break; /* without probing for the next token */
	}
	return best;
}

const struct lex_entry *lexicon_next(const struct lexicon *lx,
    const struct lex_entry *e)
{
	return e->next ? &lx->entries[e->next] : NULL;
}

/* The cues token i is as a single word, as bits, plus CUE_BITS_KNOWN. */
static uint32_t cue_bits_of(const struct lexicon *lx, const struct text *t,
    size_t i)
{
	uint32_t bits = CUE_BITS_KNOWN, node;

	if (!may_start_phrase(lx, t->tokens[i].hash))
		return bits;
	node = step(lx, 0, token_norm(t, i), t->tokens[i].norm_len,
	    t->tokens[i].hash);
	for (uint32_t id = node ? lx->nodes[node].first_entry : 0; id;
	    id = lx->entries[id].next)
		if (lx->entries[id].kind == LEX_CUE)
			bits |= (uint32_t)1 << lx->entries[id].cue;
	return bits;
}

uint32_t lexicon_cue_bits(const struct lexicon *lx, const struct text *t,
    size_t i)
{
	return t->tokens[i].cue_bits = cue_bits_of(lx, t, i);
}
