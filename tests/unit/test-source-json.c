/* test-source-json.c: sources and search hits as JSON
 * (store/source-json.h). Objects are compared as compact, key-sorted
 * dumps, so every field and type is checked at once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "store/source-json.h"
#include "unit.h"

#define SHA "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static void
check_json(json_t *obj, const char *want)
{
	char *dump;

	assert_non_null(obj);
	dump = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(dump);
	assert_string_equal(dump, want);
	free(dump);
	json_decref(obj);
}

static void
full_source(struct rw_source *src)
{
	memset(src, 0, sizeof(*src));
	src->id = 7;
	memcpy(src->sha256, SHA, sizeof(SHA));
	src->path = "cases/r\xC3\xA9port.pdf";
	src->format = "pdf";
	src->title = "A \"quoted\" title";
	src->url = "https://example.org/r.pdf";
	src->publisher = "UNHCR";
	src->published = "2019-10";
	src->ingested_by = "jane";
	src->ingested_at = "2024-01-02T03:04:05Z";
	src->meta_json = "{\"author\":\"Jane\",\"pages\":\"12\"}";
	src->near_duplicate_of = 3;
	src->byte_size = 12345;
	src->page_count = 12;
}

static void
test_source_all_fields(void **state)
{
	struct rw_source src;

	full_source(&src);
	check_json(rw_source_to_json(&src),
	    "{\"bytes\":12345,"
	    "\"file\":\"cases/r\xC3\xA9port.pdf\","
	    "\"format\":\"pdf\","
	    "\"id\":7,"
	    "\"ingested_at\":\"2024-01-02T03:04:05Z\","
	    "\"ingested_by\":\"jane\","
	    "\"metadata\":{\"author\":\"Jane\",\"pages\":\"12\"},"
	    "\"near_duplicate_of\":3,"
	    "\"pages\":12,"
	    "\"published\":\"2019-10\","
	    "\"publisher\":\"UNHCR\","
	    "\"sha256\":\"" SHA "\","
	    "\"title\":\"A \\\"quoted\\\" title\","
	    "\"url\":\"https://example.org/r.pdf\"}");
}

static void
test_source_unknowns_are_null(void **state)
{
	struct rw_source src;

	memset(&src, 0, sizeof(src));
	src.id = 1;
	memcpy(src.sha256, SHA, sizeof(SHA));
	src.path = "a.txt";
	src.format = "text";
	check_json(rw_source_to_json(&src),
	    "{\"bytes\":0,\"file\":\"a.txt\",\"format\":\"text\",\"id\":1,"
	    "\"ingested_at\":null,\"ingested_by\":null,\"metadata\":{},"
	    "\"near_duplicate_of\":null,\"pages\":0,\"published\":null,"
	    "\"publisher\":null,\"sha256\":\"" SHA "\",\"title\":null,"
	    "\"url\":null}");
}

static void
test_source_with_text(void **state)
{
	struct rw_source src;
	json_t *obj;

	full_source(&src);
	src.text = "Page one\fpage two and more";
	src.text_len = 17; /* only "Page one\fpage two" */
	obj = rw_source_to_json(&src);
	assert_non_null(obj);
	assert_string_equal(json_string_value(json_object_get(obj, "text")),
	    "Page one\fpage two");
	json_decref(obj);
}

static void
test_source_bad_meta_json(void **state)
{
	struct rw_source src;
	json_t *obj;

	full_source(&src);
	src.meta_json = "{not json";
	obj = rw_source_to_json(&src);
	assert_non_null(obj);
	assert_true(json_is_object(json_object_get(obj, "metadata")));
	assert_int_equal(json_object_size(json_object_get(obj, "metadata")), 0);
	json_decref(obj);
}

static json_t *
hit_json(const char *snippet, double score)
{
	struct rw_source src;
	struct rw_search_hit hit;

	full_source(&src);
	hit.source = &src;
	hit.score = score;
	hit.snippet = snippet;
	return rw_hit_to_json(&hit);
}

/* Checks "snippet" and "highlights" of a hit. */
static void
check_hit(const char *marked, const char *plain, const char *highlights)
{
	json_t *obj = hit_json(marked, 1.5), *h;
	char *dump;

	assert_non_null(obj);
	assert_string_equal(json_string_value(json_object_get(obj, "snippet")),
	    plain);
	h = json_object_get(obj, "highlights");
	dump = json_dumps(h, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_string_equal(dump, highlights);
	free(dump);
	json_decref(obj);
}

static void
test_hit_fields(void **state)
{
	json_t *obj = hit_json("the " RW_MARK_START "border" RW_MARK_END, 2.25);

	assert_non_null(obj);
	assert_true(json_real_value(json_object_get(obj, "score")) == 2.25);
	assert_int_equal(json_integer_value(json_object_get(obj, "id")), 7);
	assert_string_equal(json_string_value(json_object_get(obj, "title")),
	    "A \"quoted\" title");
	assert_null(json_object_get(obj, "text"));
	json_decref(obj);
}

static void
test_hit_highlights(void **state)
{
	check_hit("plain snippet", "plain snippet", "[]");
	check_hit(RW_MARK_START "border" RW_MARK_END " crossing",
	    "border crossing", "[[0,6]]");
	check_hit("a " RW_MARK_START "b" RW_MARK_END " c " RW_MARK_START "dd"
	    RW_MARK_END "\xE2\x80\xA6", "a b c dd\xE2\x80\xA6", "[[2,1],[6,2]]");
}

static void
test_hit_highlights_count_code_points(void **state)
{
	/* "é" is two bytes and one code point; "Sürgün" six code points. */
	check_hit("\xC3\xA9 " RW_MARK_START "x" RW_MARK_END, "\xC3\xA9 x", "[[2,1]]");
	check_hit("\xE2\x80\xA6" RW_MARK_START "S\xC3\xBCrg\xC3\xBCn" RW_MARK_END
	    " edilen", "\xE2\x80\xA6S\xC3\xBCrg\xC3\xBCn edilen", "[[1,6]]");
	check_hit("\xF0\x9F\x98\x80" RW_MARK_START "a" RW_MARK_END,
	    "\xF0\x9F\x98\x80" "a", "[[1,1]]");
}

static void
test_hit_without_snippet(void **state)
{
	check_hit(NULL, "", "[]");
	check_hit("", "", "[]");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_all_fields),
		cmocka_unit_test(test_source_unknowns_are_null),
		cmocka_unit_test(test_source_with_text),
		cmocka_unit_test(test_source_bad_meta_json),
		cmocka_unit_test(test_hit_fields),
		cmocka_unit_test(test_hit_highlights),
		cmocka_unit_test(test_hit_highlights_count_code_points),
		cmocka_unit_test(test_hit_without_snippet),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("source-json", tests, NULL, NULL);
}
