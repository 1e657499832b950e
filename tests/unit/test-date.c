/* test-date.c: partial calendar dates as documents write them
 * (core/date.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <string.h>

#include "core/date.h"
#include "core/error.h"
#include "unit.h"

/* Parses s, expecting success and the given fields and formatted text. */
static void
check_date(const char *s, int year, int month, int day, const char *text)
{
	struct rw_date d = {0, 0, 0};
	char out[RW_DATE_TEXT_MAX];

	if (rw_date_parse(s, &d) != RW_OK)
		fail_msg("\"%s\" was refused", s);
	if (d.year != year || d.month != month || d.day != day)
		fail_msg("\"%s\" read as %d-%d-%d, not %d-%d-%d", s, d.year,
		    d.month, d.day, year, month, day);
	rw_date_format(&d, out);
	assert_string_equal(out, text);
}

/* Expects s to be refused with RW_EINVAL and the output left alone. */
static void
check_refused(const char *s)
{
	struct rw_date d = {1234, 5, 6};
	int r = rw_date_parse(s, &d);

	if (r != RW_EINVAL)
		fail_msg("\"%s\" gave %d (%d-%d-%d), not RW_EINVAL", s ? s : "(null)",
		    r, d.year, d.month, d.day);
	assert_int_equal(d.year, 1234);
	assert_int_equal(d.month, 5);
	assert_int_equal(d.day, 6);
}

static void
test_iso(void **state)
{
	check_date("2019", 2019, 0, 0, "2019");
	check_date("2019-07", 2019, 7, 0, "2019-07");
	check_date("2019-07-04", 2019, 7, 4, "2019-07-04");
	check_date("2019/07/04", 2019, 7, 4, "2019-07-04");
	check_date("1000-01-01", 1000, 1, 1, "1000-01-01");
	check_date("9999-12-31", 9999, 12, 31, "9999-12-31");
}

static void
test_iso_with_time(void **state)
{
	check_date("2019-07-04T10:15:00Z", 2019, 7, 4, "2019-07-04");
	check_date("2019-07-04T10:15:00+02:00", 2019, 7, 4, "2019-07-04");
	check_date("2019-07-04T23:59:59.123-05:00", 2019, 7, 4, "2019-07-04");
	check_date("2019-07-04 10:15", 2019, 7, 4, "2019-07-04");
	check_date("  2019-07-04  ", 2019, 7, 4, "2019-07-04");
	check_date("\t2019-07-04", 2019, 7, 4, "2019-07-04");
}

static void
test_day_month_year(void **state)
{
	check_date("12 December 2019", 2019, 12, 12, "2019-12-12");
	check_date("1 Dec 2019", 2019, 12, 1, "2019-12-01");
	check_date("01 dec. 2019", 2019, 12, 1, "2019-12-01");
	check_date("5 SEPT 2019", 2019, 9, 5, "2019-09-05");
	check_date("29 February 2020", 2020, 2, 29, "2020-02-29");
	check_date("7 May, 2021", 2021, 5, 7, "2021-05-07");
}

static void
test_month_day_year(void **state)
{
	check_date("December 12, 2019", 2019, 12, 12, "2019-12-12");
	check_date("december 12 2019", 2019, 12, 12, "2019-12-12");
	check_date("Dec. 12 2019", 2019, 12, 12, "2019-12-12");
	check_date("Dec 12, 2019", 2019, 12, 12, "2019-12-12");
	check_date("Sept 5, 2019", 2019, 9, 5, "2019-09-05");
	check_date("Sep. 5, 2019", 2019, 9, 5, "2019-09-05");
	check_date("March 3, 2019 10:00", 2019, 3, 3, "2019-03-03");
}

static void
test_rfc2822(void **state)
{
	check_date("Tue, 10 Aug 2011 14:00:00 +0000", 2011, 8, 10, "2011-08-10");
	check_date("Mon, 2 Jan 2006 15:04:05 -0700", 2006, 1, 2, "2006-01-02");
	check_date("Thursday, 12 December 2019", 2019, 12, 12, "2019-12-12");
}

static void
test_month_year(void **state)
{
	check_date("July 2015", 2015, 7, 0, "2015-07");
	check_date("JULY 2015", 2015, 7, 0, "2015-07");
	check_date("Jul. 2015", 2015, 7, 0, "2015-07");
	check_date("March, 2019", 2019, 3, 0, "2019-03");
}

static void
test_invalid_calendar_dates(void **state)
{
	check_refused("2019-02-30");
	check_refused("2019-13-01");
	check_refused("2019-00-10");
	check_refused("2019-04-31");
	check_refused("2019-02-29");    /* not a leap year */
	check_refused("1900-02-29");    /* century, not leap */
	check_refused("2019-12-32");
	check_refused("30 February 2020");
	check_refused("December 32, 2019");
	check_refused("0999-01-01");    /* before year 1000 */
}

static void
test_invalid_text(void **state)
{
	check_refused("Smarch 5, 2019");
	check_refused("5 Smarch 2019");
	check_refused("");
	check_refused("   ");
	check_refused(NULL);
	check_refused("yesterday");
	check_refused("2019-7-4");      /* ISO needs two digits */
	check_refused("20190704");
	check_refused("10000-01-01");
	check_refused("2019-07-");
	check_refused("2019-");
	check_refused("19-07-04");
	check_refused("Ju 2019");       /* too short for a month */
	check_refused("Janu 2019");     /* neither full nor abbreviated */
	check_refused("December");
	check_refused("December 12");
	check_refused("12 December");
	check_refused("12 December 19");
	check_refused("December 123, 2019");
	check_refused("12 December 2019 and later");
	check_refused("December 2019x");
	check_refused("2019x");
	check_refused("\xC3\xA9t\xC3\xA9 2019");
	check_refused("2019-07-04\xFF");
}

static void
test_iso_rejects_trailing_words(void **state)
{
	/* Regression test for a bug found when this test was written. */
	check_refused("2019-07-04 garbage");
	check_refused("2019 was the year");
	check_refused("2019-07-04Tea time");
}

static void
test_zero_day_or_month_refused(void **state)
{
	/* Regression test for a bug found when this test was written. */
	check_refused("2019-12-00");
	check_refused("2019-00");
	check_refused("2019-00-00");
	check_refused("0 December 2019");
	check_refused("December 0, 2019");
}

static void
test_format(void **state)
{
	char out[RW_DATE_TEXT_MAX];
	struct rw_date y = {2019, 0, 0}, ym = {2019, 7, 0}, ymd = {2019, 7, 4};
	struct rw_date first = {1000, 1, 1};

	rw_date_format(&y, out);
	assert_string_equal(out, "2019");
	rw_date_format(&ym, out);
	assert_string_equal(out, "2019-07");
	rw_date_format(&ymd, out);
	assert_string_equal(out, "2019-07-04");
	rw_date_format(&first, out);
	assert_string_equal(out, "1000-01-01");
}

static void
test_valid(void **state)
{
	assert_true(rw_date_valid(2019, 0, 0));
	assert_true(rw_date_valid(2019, 7, 0));
	assert_true(rw_date_valid(2019, 7, 31));
	assert_true(rw_date_valid(2020, 2, 29));
	assert_true(rw_date_valid(2000, 2, 29));
	assert_true(rw_date_valid(1000, 1, 1));
	assert_true(rw_date_valid(9999, 12, 31));
	assert_false(rw_date_valid(2019, 2, 29));
	assert_false(rw_date_valid(2100, 2, 29));
	assert_false(rw_date_valid(2019, 4, 31));
	assert_false(rw_date_valid(2019, 0, 5));   /* day without month */
	assert_false(rw_date_valid(2019, 13, 0));
	assert_false(rw_date_valid(2019, -1, 0));
	assert_false(rw_date_valid(2019, 1, -1));
	assert_false(rw_date_valid(2019, 1, 32));
	assert_false(rw_date_valid(999, 1, 1));
	assert_false(rw_date_valid(10000, 1, 1));
}

static void
test_month_from_name(void **state)
{
	static const char *const full[12] = {"January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December"};

	for (int i = 0; i < 12; i++) {
		assert_int_equal(rw_date_month_from_name(full[i], strlen(full[i])),
		    i + 1);
		assert_int_equal(rw_date_month_from_name(full[i], 3), i + 1);
	}
	assert_int_equal(rw_date_month_from_name("jan", 3), 1);
	assert_int_equal(rw_date_month_from_name("JAN.", 4), 1);
	assert_int_equal(rw_date_month_from_name("Sept", 4), 9);
	assert_int_equal(rw_date_month_from_name("sept.", 5), 9);
	assert_int_equal(rw_date_month_from_name("December.", 9), 12);
	assert_int_equal(rw_date_month_from_name("Decxyz", 3), 12);
	assert_int_equal(rw_date_month_from_name("Septe", 5), 0);
	assert_int_equal(rw_date_month_from_name("Janu", 4), 0);
	assert_int_equal(rw_date_month_from_name("Ju", 2), 0);
	assert_int_equal(rw_date_month_from_name("Mayo", 4), 0);
	assert_int_equal(rw_date_month_from_name("Decembers", 9), 0);
	assert_int_equal(rw_date_month_from_name("Smarch", 6), 0);
	assert_int_equal(rw_date_month_from_name(".", 1), 0);
	assert_int_equal(rw_date_month_from_name("", 0), 0);
}

static void
test_now_utc_shape(void **state)
{
	char now[21];
	struct rw_date d;

	/* The shape only, never the time itself. */
	memset(now, 'x', sizeof(now));
	rw_date_now_utc(now);
	assert_int_equal(strlen(now), 20);
	for (int i = 0; i < 20; i++) {
		if (i == 4 || i == 7)
			assert_int_equal(now[i], '-');
		else if (i == 10)
			assert_int_equal(now[i], 'T');
		else if (i == 13 || i == 16)
			assert_int_equal(now[i], ':');
		else if (i == 19)
			assert_int_equal(now[i], 'Z');
		else
			assert_true(isdigit((unsigned char)now[i]));
	}
	/* It reads back as a full date. */
	assert_int_equal(rw_date_parse(now, &d), RW_OK);
	assert_true(d.month != 0 && d.day != 0);
	/* today is a valid full date (the day, not the time, is checked) */
	struct rw_date today;
	rw_date_today_utc(&today);
	assert_true(rw_date_valid(today.year, today.month, today.day) &&
	    today.day != 0);
}

/* Day numbers: the epoch, leap days and century rules. */
static void
test_day_number(void **state)
{
	assert_int_equal(rw_date_day_number(1970, 1, 1), 0);
	assert_int_equal(rw_date_day_number(1969, 12, 31), -1);
	assert_int_equal(rw_date_day_number(2024, 3, 1) -
	    rw_date_day_number(2024, 2, 28), 2);
	assert_int_equal(rw_date_day_number(1900, 3, 1) -
	    rw_date_day_number(1900, 2, 28), 1);
	assert_int_equal(rw_date_day_number(2000, 3, 1) -
	    rw_date_day_number(2000, 2, 28), 2);
	assert_int_equal(rw_date_day_number(2027, 1, 1) -
	    rw_date_day_number(2026, 1, 1), 365);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_iso_with_time),
		cmocka_unit_test(test_day_month_year),
		cmocka_unit_test(test_month_day_year),
		cmocka_unit_test(test_rfc2822),
		cmocka_unit_test(test_month_year),
		cmocka_unit_test(test_invalid_calendar_dates),
		cmocka_unit_test(test_invalid_text),
		cmocka_unit_test(test_iso_rejects_trailing_words),
		cmocka_unit_test(test_zero_day_or_month_refused),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_month_from_name),
		cmocka_unit_test(test_now_utc_shape),
		cmocka_unit_test(test_day_number),
	};

	unit_tap_filter();
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
