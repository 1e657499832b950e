/* date.h: calendar dates as documents write them.
 *
 * A date may be partial: a year, a year and month, or a full day. Parsing
 * accepts ISO 8601 (with or without a time), "12 December 2019",
 * "December 12, 2019", "Dec. 12 2019", RFC 2822 ("Tue, 10 Aug 2011 ...")
 * and "July 2015"; anything else is RW_EINVAL. */
#ifndef RW_CORE_DATE_H
#define RW_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct rw_date {
	int year;  /* 1000..9999 */
	int month; /* 1..12, or 0 when only the year is known */
	int day;   /* 1..31, or 0 when unknown */
};

/* Length of "YYYY-MM-DD" plus NUL. */
#define RW_DATE_TEXT_MAX 11

/* Parses s into *ret (untouched on failure). */
int rw_date_parse(const char *s, struct rw_date *ret);

/* Writes d as "YYYY", "YYYY-MM" or "YYYY-MM-DD" into out. */
void rw_date_format(const struct rw_date *d, char out[RW_DATE_TEXT_MAX]);

/* True when year, month and day form a real calendar date. */
bool rw_date_valid(int year, int month, int day);

/* Days since 1970-01-01 of a proleptic Gregorian date (negative
 * before it); the difference of two gives the days between them. */
long rw_date_day_number(int year, int month, int day);

/* Month number (1..12) for an English month name or its abbreviation
 * (case-insensitive, "Sept" accepted, a trailing dot ignored), else 0. */
int rw_date_month_from_name(const char *s, size_t len);

/* Today's date in UTC as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes). */
void rw_date_now_utc(char out[21]);
/* The same for seconds from now (a due time, a lease's end). */
void rw_date_utc_after(long seconds, char out[21]);

/* Today's date in UTC. */
void rw_date_today_utc(struct rw_date *ret);

#endif
