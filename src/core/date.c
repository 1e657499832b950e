/* date.c: parsing and formatting of partial calendar dates. */
#include "core/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/error.h"

#define MONTH(name) {name, sizeof(name) - 1}
static const struct {
	const char *name;
	size_t len;
} months[12] = {
	MONTH("january"), MONTH("february"), MONTH("march"), MONTH("april"),
	MONTH("may"), MONTH("june"), MONTH("july"), MONTH("august"),
	MONTH("september"), MONTH("october"), MONTH("november"),
	MONTH("december"),
};
#undef MONTH

long
rw_date_day_number(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
rw_date_valid(int year, int month, int day)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap;

	if (year < 1000 || year > 9999)
		return false;
	if (month == 0)
		return day == 0;
	if (month < 1 || month > 12)
		return false;
	if (day == 0)
		return true;
	if (day < 1 || day > days[month - 1])
		return false;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return !(month == 2 && day == 29 && !leap);
}

int
rw_date_month_from_name(const char *s, size_t len)
{
	size_t i;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len < 3 || len > 9)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t full = months[i].len;

		/* the first letter settles most words without a full compare */
		if ((s[0] | 0x20) != months[i].name[0] || len > full)
			continue;
		/* Whole name, a three-letter abbreviation, or "Sept". */
		if (!(len == full || len == 3 || (i == 8 && len == 4)))
			continue;
		if (strncasecmp(s, months[i].name, len) == 0)
			return (int)i + 1;
	}
	return 0;
}

/* Reads up to max digits at *p; returns the value or -1. */
static int
read_number(const char **p, int min_digits, int max_digits)
{
	int n = 0, digits = 0;

	while (digits < max_digits && isdigit((unsigned char)**p)) {
		n = n * 10 + (**p - '0');
		(*p)++;
		digits++;
	}
	if (digits < min_digits || isdigit((unsigned char)**p))
		return -1;
	return n;
}

static const char *
skip_separators(const char *p)
{
	while (*p == ' ' || *p == ',' || *p == '\t')
		p++;
	return p;
}

/* Reads a month name at *p, advancing past it; returns 1..12 or 0. */
static int
read_month_name(const char **p)
{
	const char *start = *p, *end = *p;
	int month;

	while (isalpha((unsigned char)*end))
		end++;
	if (*end == '.')
		end++;
	month = rw_date_month_from_name(start, (size_t)(end - start));
	if (month != 0)
		*p = end;
	return month;
}

/* True when only a time, zone or blank remains. */
static bool
rest_is_time(const char *p)
{
	p = skip_separators(p);
	return *p == '\0' || *p == 'T' || isdigit((unsigned char)*p);
}

static int
parse_iso(const char *p, struct rw_date *d)
{
	d->year = read_number(&p, 4, 4);
	d->month = 0;
	d->day = 0;
	if (d->year < 0)
		return RW_EINVAL;
	if (*p == '-' || *p == '/') {
		p++;
		d->month = read_number(&p, 2, 2);
		if (d->month < 1)
			return RW_EINVAL;
		if (*p == '-' || *p == '/') {
			p++;
			d->day = read_number(&p, 2, 2);
			if (d->day < 1)
				return RW_EINVAL;
		}
	}
	/* Only a time may follow: "T10:00:00Z" or " 10:00". */
	while (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
		p++;
	if (*p == '\0' || (*p == ' ' && p[1] == '\0'))
		return RW_OK;
	if ((*p == 'T' || *p == ' ') && isdigit((unsigned char)p[1]))
		return RW_OK;
	return RW_EINVAL;
}

static int
parse_words(const char *p, struct rw_date *d)
{
	const char *q;

	d->year = d->month = d->day = 0;
	/* Optional weekday, as in RFC 2822. */
	q = p;
	while (isalpha((unsigned char)*q))
		q++;
	if (*q == ',' && rw_date_month_from_name(p, (size_t)(q - p)) == 0)
		p = skip_separators(q + 1);

	if (isdigit((unsigned char)*p)) {
		/* 12 December 2019 */
		d->day = read_number(&p, 1, 2);
		if (d->day < 1)
			return RW_EINVAL;
		p = skip_separators(p);
		d->month = read_month_name(&p);
		if (d->month == 0)
			return RW_EINVAL;
		p = skip_separators(p);
		d->year = read_number(&p, 4, 4);
	} else {
		/* December 12, 2019 or July 2015 */
		d->month = read_month_name(&p);
		if (d->month == 0)
			return RW_EINVAL;
		p = skip_separators(p);
		q = p;
		d->year = read_number(&q, 4, 4);
		if (d->year < 0) {
			d->day = read_number(&p, 1, 2);
			if (d->day < 1)
				return RW_EINVAL;
			p = skip_separators(p);
			d->year = read_number(&p, 4, 4);
		} else {
			p = q;
		}
	}
	if (d->year < 0 || !rest_is_time(p))
		return RW_EINVAL;
	return RW_OK;
}

int
rw_date_parse(const char *s, struct rw_date *ret)
{
	struct rw_date d;
	int r;

	if (s == NULL)
		return RW_EINVAL;
	while (isspace((unsigned char)*s))
		s++;
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
		r = parse_iso(s, &d);
	else
		r = parse_words(s, &d);
	if (r < 0 || !rw_date_valid(d.year, d.month, d.day))
		return RW_EINVAL;
	*ret = d;
	return RW_OK;
}

/* Writes n as width decimal digits at out. */
static char *
put_digits(char *out, unsigned n, int width)
{
	for (int i = width - 1; i >= 0; i--, n /= 10)
		out[i] = (char)('0' + n % 10);
	return out + width;
}

void
rw_date_format(const struct rw_date *d, char out[RW_DATE_TEXT_MAX])
{
	/* by hand, not snprintf: the extractor formats every date it meets */
	char *p = put_digits(out, (unsigned)d->year % 10000u, 4);

	if (d->month != 0) {
		*p++ = '-';
		p = put_digits(p, (unsigned)d->month % 100u, 2);
		if (d->day != 0) {
			*p++ = '-';
			p = put_digits(p, (unsigned)d->day % 100u, 2);
		}
	}
	*p = '\0';
}

void
rw_date_now_utc(char out[21])
{
	rw_date_utc_after(0, out);
}

void
rw_date_utc_after(long seconds, char out[21])
{
	time_t when = time(NULL) + seconds;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
rw_date_today_utc(struct rw_date *ret)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	*ret = (struct rw_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}
