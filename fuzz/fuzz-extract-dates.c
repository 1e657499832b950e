/* fuzz-extract-dates: the extractor's reading of dates against a document's
 * date of writing, as `refuge extract` does it.
 *
 * The first four bytes choose a published date (a year from 1000 to 9999,
 * or from 1950 to 2099, with or without month and day: the header may be
 * partial), the rest is the body of a text document with that
 * "Published:" header. The document goes through rw_text_read, its
 * published value through rw_date_parse, and the text through rw_extract.
 * fuzz-date covers rw_date_parse alone; this covers the relative dates
 * ("last month", "on Tuesday", "last November"), day-month dates that take
 * their year from publication, and year boundaries. Checked: every date
 * found (incidents and date entities) is a real calendar date in the
 * range rw_date_valid accepts, and one that formats and parses back. */
#include "extract/extract.h"
#include "fuzz.h"

/* The earliest year rw_date_valid accepts: "yesterday" in a text of
 * 1000-01-01 must give no date rather than the year 999. */
#define YEAR_MIN 1000

static struct rw_extractor *ex;

static void
check_date(const struct rw_date *d)
{
	char text[RW_DATE_TEXT_MAX];
	struct rw_date back = {0, 0, 0};

	if (d->year == 0) {
		FUZZ_CHECK(d->month == 0 && d->day == 0);
		return;
	}
	FUZZ_CHECK(rw_date_valid(d->year, d->month, d->day));
	rw_date_format(d, text);
	FUZZ_CHECK(rw_date_parse(text, &back) == RW_OK);
	FUZZ_CHECK(back.year == d->year && back.month == d->month &&
	    back.day == d->day);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31};
	struct rw_document doc;
	struct rw_extraction out;
	struct rw_error err = {0};
	struct rw_date pub = {0, 0, 0};
	char header[64];
	uint8_t *buf;
	size_t hlen;
	int year, month, day, r;

	if (size < 4)
		return 0;
	if (ex == NULL)
		FUZZ_CHECK(rw_extractor_new(&ex, &err) == 0);

	/* data[0..1]: the year; data[2]: the month and whether there is one;
	 * data[3]: the day and whether there is one */
	year = (data[0] << 8) | data[1];
	year = (data[2] & 0x80) ? YEAR_MIN + year % (10000 - YEAR_MIN) :
	    1950 + year % 150;
	month = (data[2] & 0x40) ? 0 : 1 + (data[2] & 0x3f) % 12;
	day = month == 0 || (data[3] & 0x80) ? 0 :
	    1 + (data[3] & 0x7f) % mdays[month - 1];
	if (month == 2 && day == 29 && !rw_date_valid(year, 2, 29))
		day = 28;
	if (month == 0)
		hlen = (size_t)snprintf(header, sizeof(header),
		    "Published: %04d\n\n", year);
	else if (day == 0)
		hlen = (size_t)snprintf(header, sizeof(header),
		    "Published: %04d-%02d\n\n", year, month);
	else
		hlen = (size_t)snprintf(header, sizeof(header),
		    "Published: %04d-%02d-%02d\n\n", year, month, day);

	buf = malloc(hlen + size - 4 + 1);
	FUZZ_CHECK(buf != NULL);
	memcpy(buf, header, hlen);
	memcpy(buf + hlen, data + 4, size - 4);

	rw_document_init(&doc);
	r = rw_text_read((const char *)buf, hlen + size - 4, &doc, &err);
	free(buf);
	if (r < 0) {
		rw_document_free(&doc);
		return 0;
	}
	/* the header is read back as written */
	FUZZ_CHECK(doc.published != NULL);
	FUZZ_CHECK(rw_date_parse(doc.published, &pub) == RW_OK);
	FUZZ_CHECK(pub.year == year && pub.month == month && pub.day == day);

	r = rw_extract(ex, doc.text.data ? doc.text.data : "", doc.text.len,
	    &pub, &out, &err);
	FUZZ_CHECK(r == 0);
	for (size_t k = 0; k < out.n_incidents; k++)
		check_date(&out.incidents[k].date);
	for (size_t k = 0; k < out.n_entities; k++) {
		const struct rw_entity *e = &out.entities[k];
		struct rw_date d = {0, 0, 0};

		if (e->kind != RW_ENTITY_DATE)
			continue;
		FUZZ_CHECK(rw_date_parse(e->value, &d) == RW_OK);
		check_date(&d);
	}
	rw_extraction_free(&out);
	rw_document_free(&doc);
	return 0;
}
