/* dates.c: dates as news reports write them, resolved to the calendar.
 *
 * Absolute dates ("6 December 2019", "Aug. 29", "July 2015", "2015") are
 * read from the tokens; a day and month without a year take the latest
 * such date on or before publication. Relative dates ("last month", "on
 * Tuesday", "last November") are named in data/extract/dates.tsv and
 * resolved here against the document's published date. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract-int.h"

enum relation {
	REL_YESTERDAY, REL_TODAY, REL_THIS_WEEK, REL_LAST_WEEK, REL_THIS_MONTH,
	REL_LAST_MONTH, REL_THIS_YEAR, REL_LAST_YEAR, REL_WEEKDAY,
	REL_LAST_MONTHNAME, REL_COUNT
};

static const char *const relation_names[REL_COUNT] = {
	"yesterday", "today", "this-week", "last-week", "this-month",
	"last-month", "this-year", "last-year", "weekday", "last-monthname",
};

static const char *const weekdays[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday",
};

int reldate_parse(const char *name)
{
	for (int r = 0; r < REL_COUNT; r++)
		if (strcmp(relation_names[r], name) == 0)
			return r;
	return -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, struct rw_date *ret)
{
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	ret->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	ret->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	ret->year = (int)(y + (ret->month <= 2));
}

static bool add_days(const struct rw_date *d, long delta, struct rw_date *ret)
{
	if (!d->day)
		return false;
	civil_from_days(days_from_civil(d->year, d->month, d->day) + delta, ret);
	return true;
}

static void month_before(const struct rw_date *d, int back,
    struct rw_date *ret)
{
	int m = d->month - back;

	ret->year = d->year;
	while (m < 1) {
		m += 12;
		ret->year--;
	}
	ret->month = m;
	ret->day = 0;
}

bool reldate_resolve(int relation, const char *word,
    const struct rw_date *pub, struct rw_date *ret)
{
	struct rw_date month_only = {0};

	if (!pub || !pub->year)
		return false;
	switch (relation) {
	case REL_YESTERDAY:
		return add_days(pub, -1, ret);
	case REL_TODAY:
		*ret = *pub;
		return true;
	case REL_THIS_WEEK:
	case REL_THIS_MONTH:
		if (!pub->month)
			return false;
		*ret = (struct rw_date){pub->year, pub->month, 0};
		return true;
	case REL_LAST_WEEK:
		if (add_days(pub, -7, ret)) {
			ret->day = 0;
			return true;
		}
		return false;
	case REL_LAST_MONTH:
		if (!pub->month)
			return false;
		month_before(pub, 1, ret);
		return true;
	case REL_THIS_YEAR:
		*ret = (struct rw_date){pub->year, 0, 0};
		return true;
	case REL_LAST_YEAR:
		*ret = (struct rw_date){pub->year - 1, 0, 0};
		return true;
	case REL_WEEKDAY:
		for (int w = 0; w < 7; w++) {
			long today;
			int back;
			if (strcmp(weekdays[w], word) != 0)
				continue;
			if (!pub->day)
				return false;
			today = days_from_civil(pub->year, pub->month, pub->day);
			back = (int)(((today + 4) % 7 - w + 7) % 7);
			return add_days(pub, -back, ret);
		}
		return false;
	case REL_LAST_MONTHNAME: {
		int m = rw_date_month_from_name(word, strlen(word));
		if (!m || !pub->month)
			return false;
		month_only.year = m < pub->month ? pub->year : pub->year - 1;
		month_only.month = m;
		*ret = month_only;
		return true;
	}
	default:
		return false;
	}
}

static int month_at(const struct text *t, size_t i)
{
	const struct token *tok;

	if (i >= t->n_tokens)
		return 0;
	tok = &t->tokens[i];
	if (!(tok->flags & TOKEN_WORD) || !(tok->flags & TOKEN_CAPITAL) ||
	    tok->norm_len < 3 || tok->norm_len > 9 ||
	    !strchr("adfjmnos", token_norm(t, i)[0]))
		return 0; /* cheap test first: most capitalised words are names */
	return rw_date_month_from_name(token_norm(t, i), tok->norm_len);
}

/* A plain number token within [lo, hi], or -1. */
static long number_at(const struct text *t, size_t i, long lo, long hi)
{
	const char *w;
	char *end;
	long v;

	if (i >= t->n_tokens || !(t->tokens[i].flags & TOKEN_NUMBER) ||
	    t->tokens[i].norm_len > 4)
		return -1;
	w = token_norm(t, i);
	for (v = 0, end = (char *)w; *end >= '0' && *end <= '9'; end++)
		v = v * 10 + (*end - '0'); /* at most four digits */
	if (*end == 's' && end[1] == '\0')
		return -1; /* "1990s" */
	if (*end && strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd")
	    && strcmp(end, "th"))
		return -1;
	return v >= lo && v <= hi ? v : -1;
}

static bool is_year(long y)
{
	return y >= 1950 && y <= 2099;
}

/* The latest day-month on or before publication, as a full date. */
static void infer_year(struct rw_date *d, const struct rw_date *pub)
{
	if (!pub || !pub->year) {
		d->year = 0;
		return;
	}
	d->year = pub->year;
	if (pub->month && (d->month > pub->month ||
	    (d->month == pub->month && d->day && pub->day && d->day > pub->day)))
		d->year--;
}

size_t date_at(const struct text *t, size_t i, const struct rw_date *pub,
    struct rw_date *ret)
{
	struct rw_date d = {0};
	size_t n = 0;
	long v;
	int m;

	if (i >= t->n_tokens || !(t->tokens[i].flags &
	    (TOKEN_NUMBER | TOKEN_CAPITAL)))
		return 0; /* dates start with a number or a month's name */
	memset(ret, 0, sizeof(*ret));
	if ((v = number_at(t, i, 1, 31)) > 0 && (m = month_at(t, i + 1))) {
		/* 6 December [2019] */
		d.day = (int)v;
		d.month = m;
		n = 2;
		if (token_punct(t, i + n, '.'))
			n++;
		if (token_punct(t, i + n, ','))
			n++;
		if ((v = number_at(t, i + n, 1950, 2099)) > 0) {
			d.year = (int)v;
			n++;
		} else {
			n = 2;
			infer_year(&d, pub);
		}
	} else if ((m = month_at(t, i))) {
		d.month = m;
		n = 1;
		if (token_punct(t, i + 1, '.'))
			n++;
		if ((v = number_at(t, i + n, 1, 31)) > 0 &&
		    !is_year(v)) {
			/* December 6[, 2019] */
			d.day = (int)v;
			n++;
			size_t k = n;
			if (token_punct(t, i + k, ','))
				k++;
			if ((v = number_at(t, i + k, 1950, 2099)) > 0) {
				d.year = (int)v;
				n = k + 1;
			} else {
				infer_year(&d, pub);
			}
		} else if ((v = number_at(t, i + n, 1950, 2099)) > 0) {
			d.year = (int)v; /* July 2015 */
			n++;
		} else {
			/* "in September": only after a preposition, since a
			 * bare "May" or "March" is usually a word */
			if (i == 0 || !(token_is(t, i - 1, "in") ||
			    token_is(t, i - 1, "on") || token_is(t, i - 1, "since")
			    || token_is(t, i - 1, "by") || token_is(t, i - 1, "-")
			    || token_is(t, i - 1, "until") ||
			    token_is(t, i - 1, "early") || token_is(t, i - 1, "late")
			    || token_is(t, i - 1, "mid") ||
			    token_is(t, i - 1, "end") || token_is(t, i - 1, "of")))
				return 0;
			infer_year(&d, pub);
		}
	} else if ((v = number_at(t, i, 1950, 2099)) > 0 &&
	    !token_punct(t, i + 1, '%') &&
	    !(i > 0 && token_punct(t, i - 1, '$'))) {
		d.year = (int)v;
		n = 1;
	}
	if (!n || !d.year || !rw_date_valid(d.year, d.month ? d.month : 1,
	    d.day ? d.day : 1))
		return 0;
	*ret = d;
	return n;
}
