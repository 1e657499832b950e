/* fuzz-country-table: rw_country_table_parse on any bytes. Any input gives
 * a table or RW_EFORMAT / RW_ETOOBIG with a message naming the line; a
 * table that parses has rows with valid codes, each found again by its
 * code, and links that point at two-letter codes. */
#include "fuzz.h"

#include "core/country.h"
#include "countries/country-profile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_country_table *t = NULL;
	struct rw_error err;
	size_t n = 0;
	int r;

	rw_error_clear(&err);
	r = rw_country_table_parse("fuzz.tsv", (const char *)data, size, &t,
	    &err);
	if (r < 0) {
		FUZZ_CHECK(t == NULL);
		FUZZ_CHECK(r == RW_EFORMAT || r == RW_ETOOBIG);
		FUZZ_CHECK(strncmp(err.message, "fuzz.tsv", 8) == 0);
		return 0;
	}
	const struct rw_country *rows = rw_country_table_rows(t, &n);
	for (size_t k = 0; k < n; k++) {
		FUZZ_CHECK(rw_country_code_valid(rows[k].iso));
		FUZZ_CHECK(rw_country_table_find(t, rows[k].iso) == &rows[k]);
		for (size_t j = 0; j < rows[k].n_extradition; j++)
			FUZZ_CHECK(strlen(rows[k].extradition[j].state) == 2);
		for (size_t j = 0; j < rows[k].n_pacts; j++)
			FUZZ_CHECK(strlen(rows[k].pacts[j].state) == 2);
	}
	rw_country_table_free(t);
	return 0;
}
