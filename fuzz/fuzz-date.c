/* fuzz-date: rw_date_parse on a NUL-terminated copy of the input (at most
 * 256 bytes). A parsed date must be a real calendar date, and its
 * formatted form must parse back to the same date. */
#include "fuzz.h"

#define DATE_INPUT_MAX 256

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct rw_date untouched = {-1, -1, -1};
	char s[DATE_INPUT_MAX + 1], text[RW_DATE_TEXT_MAX];
	struct rw_date d = untouched, back = untouched;
	size_t len = size < DATE_INPUT_MAX ? size : DATE_INPUT_MAX;
	int month;

	memcpy(s, data, len);
	s[len] = '\0';

	/* Month names: the whole input read as one gives 0..12. */
	month = rw_date_month_from_name(s, strlen(s));
	FUZZ_CHECK(month >= 0 && month <= 12);

	if (rw_date_parse(s, &d) < 0) {
		/* Untouched on failure. */
		FUZZ_CHECK(d.year == -1 && d.month == -1 && d.day == -1);
		return 0;
	}
	FUZZ_CHECK(rw_date_valid(d.year, d.month, d.day));

	memset(text, 'x', sizeof(text));
	rw_date_format(&d, text);
	FUZZ_CHECK(memchr(text, '\0', sizeof(text)) != NULL);
	FUZZ_CHECK(strlen(text) == (d.month == 0 ? 4 : d.day == 0 ? 7 : 10));
	FUZZ_CHECK(rw_date_parse(text, &back) == RW_OK);
	FUZZ_CHECK(back.year == d.year && back.month == d.month &&
	    back.day == d.day);
	return 0;
}
