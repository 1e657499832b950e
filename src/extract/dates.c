/* dates.c: dates as news reports write them, resolved to the calendar.
 *
 * Absolute dates ("6 December 2019", "Aug. 29", "July 2015", "2015") are
 * read from the tokens; a day and month without a year take the latest
 * such date on or before publication. Relative dates ("last month", "on
 * Tuesday", "last November") are named in data/extract/dates.tsv and
 * resolved here against the document's published date; those named
 * "then-..." ("the following day", "a year earlier", "that month") are
 * told from the date the text gave last, which mentions.c passes in its
 * place. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract-int.h"

enum relation {
	REL_YESTERDAY, REL_TODAY, REL_THIS_WEEK, REL_LAST_WEEK, REL_THIS_MONTH,
	REL_LAST_MONTH, REL_THIS_YEAR, REL_LAST_YEAR, REL_WEEKDAY,
	REL_LAST_MONTHNAME, REL_WEEKEND, REL_NEXT_WEEK, REL_NEXT_MONTH,
	REL_NEXT_YEAR,
	/* counted back from publication: "six weeks ago" */
	REL_DAYS_AGO, REL_WEEKS_AGO, REL_MONTHS_AGO, REL_YEARS_AGO,
	/* told from the date the text gave last ("the following day"), not
	 * from publication */
	REL_THEN_SAME_DAY, REL_THEN_NEXT_DAY, REL_THEN_PREV_DAY,
	REL_THEN_NEXT_WEEK, REL_THEN_PREV_WEEK, REL_THEN_SAME_MONTH,
	REL_THEN_NEXT_MONTH, REL_THEN_PREV_MONTH, REL_THEN_SAME_YEAR,
	REL_THEN_NEXT_YEAR, REL_THEN_PREV_YEAR,
	/* and counted from it: "eleven days later" */
	REL_THEN_DAYS_LATER, REL_THEN_DAYS_EARLIER, REL_THEN_WEEKS_LATER,
	REL_THEN_WEEKS_EARLIER, REL_THEN_MONTHS_LATER, REL_THEN_MONTHS_EARLIER,
	REL_THEN_YEARS_LATER, REL_THEN_YEARS_EARLIER, REL_COUNT
};

static const char *const relation_names[REL_COUNT] = {
	"yesterday", "today", "this-week", "last-week", "this-month",
	"last-month", "this-year", "last-year", "weekday", "last-monthname",
	"weekend", "next-week", "next-month", "next-year",
	"days-ago", "weeks-ago", "months-ago", "years-ago",
	"then-same-day", "then-next-day", "then-prev-day", "then-next-week",
	"then-prev-week", "then-same-month", "then-next-month",
	"then-prev-month", "then-same-year", "then-next-year",
	"then-prev-year",
	"then-days-later", "then-days-earlier", "then-weeks-later",
	"then-weeks-earlier", "then-months-later", "then-months-earlier",
	"then-years-later", "then-years-earlier",
};

/* Relations counted in days, weeks, months or years: the count is the
 * number before the phrase ("six weeks ago"), else a vague default
 * ("weeks ago": two) told only to the month, else none ("years ago"). */
static const struct counted {
	int relation;
	char unit;   /* 'd', 'w', 'm', 'y' */
	int sign;
	int vague;   /* the count when none is given; 0: no date */
} counted_relations[] = {
	{REL_DAYS_AGO, 'd', -1, 3}, {REL_WEEKS_AGO, 'w', -1, 2},
	{REL_MONTHS_AGO, 'm', -1, 2}, {REL_YEARS_AGO, 'y', -1, 0},
	{REL_THEN_DAYS_LATER, 'd', 1, 3}, {REL_THEN_DAYS_EARLIER, 'd', -1, 3},
	{REL_THEN_WEEKS_LATER, 'w', 1, 2},
	{REL_THEN_WEEKS_EARLIER, 'w', -1, 2},
	{REL_THEN_MONTHS_LATER, 'm', 1, 2},
	{REL_THEN_MONTHS_EARLIER, 'm', -1, 2},
	{REL_THEN_YEARS_LATER, 'y', 1, 0}, {REL_THEN_YEARS_EARLIER, 'y', -1, 0},
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
	civil_from_days(rw_date_day_number(d->year, d->month, d->day) + delta, ret);
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
	while (m > 12) {
		m -= 12;
		ret->year++;
	}
	ret->month = m;
	ret->day = 0;
}

/* d moved by delta days, to the day when d has one, else to the month
 * (or year) d has: "the next day" after "in March" is still March. */
static bool shift_days(const struct rw_date *d, long delta, bool keep_day,
    struct rw_date *ret)
{
	if (d->day) {
		add_days(d, delta, ret);
		if (!keep_day)
			ret->day = 0;
		return true;
	}
	*ret = *d;
	return true;
}

static bool shift_months(const struct rw_date *d, int delta,
    struct rw_date *ret)
{
	if (!d->month) {
		*ret = (struct rw_date){d->year, 0, 0};
		return delta == 0;
	}
	month_before(d, -delta, ret);
	return true;
}

/* "six weeks ago", "eleven days later": count is the number written
 * before the phrase, or -1 for none ("weeks ago" alone takes the rule's
 * vague number). An exact count of days keeps the day; weeks and vague
 * counts give the month; years the year. */
static bool counted_resolve(const struct counted *c, long count,
    const struct rw_date *from, struct rw_date *ret)
{
	long n = count >= 0 ? count : c->vague;

	if (n <= 0 || n > 1000)
		return false;
	switch (c->unit) {
	case 'd':
	case 'w':
		if (!from->day) {
			*ret = *from;
			return from->month != 0;
		}
		shift_days(from, c->sign * n * (c->unit == 'w' ? 7 : 1),
		    count >= 0 && c->unit == 'd', ret);
		return true;
	case 'm':
		return shift_months(from, c->sign * (int)n, ret);
	default:
		*ret = (struct rw_date){from->year + c->sign * (int)n, 0, 0};
		return true;
	}
}

bool reldate_resolve(int relation, const char *word, long count,
    const struct rw_date *pub, struct rw_date *ret)
{
	struct rw_date month_only = {0};

	if (!pub || !pub->year)
		return false;
	for (size_t k = 0; k < sizeof(counted_relations) /
	    sizeof(counted_relations[0]); k++)
		if (counted_relations[k].relation == relation)
			return counted_resolve(&counted_relations[k], count,
			    pub, ret);
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
			today = rw_date_day_number(pub->year, pub->month, pub->day);
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
	case REL_WEEKEND:
		/* the Saturday on or before publication, to the month: it may
		 * have been the Sunday */
		if (!pub->day)
			return false;
		{
			long today = rw_date_day_number(pub->year, pub->month,
			    pub->day);
			int back = (int)(((today + 4) % 7 - 6 + 7) % 7);
			add_days(pub, -back, ret);
			ret->day = 0;
		}
		return true;
	case REL_NEXT_WEEK:
		return shift_days(pub, 7, false, ret) && ret->month;
	case REL_NEXT_MONTH:
		return pub->month && shift_months(pub, 1, ret);
	case REL_NEXT_YEAR:
		*ret = (struct rw_date){pub->year + 1, 0, 0};
		return true;
	/* told from the date the text gave last (pub is that date) */
	case REL_THEN_SAME_DAY:
		*ret = *pub;
		return true;
	case REL_THEN_NEXT_DAY:
		return shift_days(pub, 1, true, ret);
	case REL_THEN_PREV_DAY:
		return shift_days(pub, -1, true, ret);
	case REL_THEN_NEXT_WEEK:
		return shift_days(pub, 7, false, ret);
	case REL_THEN_PREV_WEEK:
		return shift_days(pub, -7, false, ret);
	case REL_THEN_SAME_MONTH:
		return shift_months(pub, 0, ret);
	case REL_THEN_NEXT_MONTH:
		return shift_months(pub, 1, ret);
	case REL_THEN_PREV_MONTH:
		return shift_months(pub, -1, ret);
	case REL_THEN_SAME_YEAR:
		*ret = (struct rw_date){pub->year, 0, 0};
		return true;
	case REL_THEN_NEXT_YEAR:
		*ret = (struct rw_date){pub->year + 1, 0, 0};
		return true;
	case REL_THEN_PREV_YEAR:
		*ret = (struct rw_date){pub->year - 1, 0, 0};
		return true;
	default:
		return false;
	}
}

/* Can a month's name start with the letter c? */
static bool month_initial(char c)
{
	switch (c) {
	case 'a': case 'd': case 'f': case 'j': case 'm': case 'n': case 'o':
	case 's':
		return true;
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
	    !month_initial(token_norm(t, i)[0]))
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

/* "2019-12-06": a year, month and day joined by dashes, no spaces. */
static bool iso_date_at(const struct text *t, size_t i, struct rw_date *d)
{
	long y, m, day;

	if (i + 4 >= t->n_tokens || !token_punct(t, i + 1, '-') ||
	    !token_punct(t, i + 3, '-'))
		return false;
	for (size_t k = i + 1; k <= i + 4; k++)
		if (t->tokens[k].flags & TOKEN_SPACE)
			return false;
	y = number_at(t, i, 1950, 2099);
	m = number_at(t, i + 2, 1, 12);
	day = number_at(t, i + 4, 1, 31);
	if (y < 0 || m < 0 || day < 0 || t->tokens[i + 2].norm_len != 2 ||
	    t->tokens[i + 4].norm_len != 2)
		return false;
	d->year = (int)y;
	d->month = (int)m;
	d->day = (int)day;
	return true;
}

/* "14/03/2024": day, month and a four-digit year joined by slashes, no
 * spaces; read day first, as most of the world writes it, unless only
 * the other order makes a date ("03/14/2024"). */
static bool numeric_date_at(const struct text *t, size_t i,
    struct rw_date *d)
{
	long a, b, y;

	if (i + 4 >= t->n_tokens || !token_punct(t, i + 1, '/') ||
	    !token_punct(t, i + 3, '/'))
		return false;
	for (size_t k = i + 1; k <= i + 4; k++)
		if (t->tokens[k].flags & TOKEN_SPACE)
			return false;
	a = number_at(t, i, 1, 31);
	b = number_at(t, i + 2, 1, 31);
	y = number_at(t, i + 4, 1950, 2099);
	if (a < 0 || b < 0 || y < 0 || t->tokens[i + 4].norm_len != 4 ||
	    t->tokens[i].norm_len > 2 || t->tokens[i + 2].norm_len > 2)
		return false;
	d->year = (int)y;
	d->month = (int)(b <= 12 ? b : a);
	d->day = (int)(b <= 12 ? a : b);
	return d->month <= 12;
}

/* "on the 5th": a day of the month alone, an ordinal after "on the",
 * taken as the latest such day on or before publication. */
static bool ordinal_day_at(const struct text *t, size_t i,
    const struct rw_date *pub, struct rw_date *d)
{
	const char *w = token_norm(t, i);
	size_t len = t->tokens[i].norm_len;
	long day = number_at(t, i, 1, 31);

	if (day < 0 || len < 3 || (w[len - 1] != 'h' && w[len - 1] != 't' &&
	    w[len - 1] != 'd') || i < 2 || !token_is(t, i - 1, "the") ||
	    !token_is(t, i - 2, "on") || !pub || !pub->month || !pub->day)
		return false;
	d->year = pub->year;
	d->month = pub->month;
	d->day = (int)day;
	if (day > pub->day && --d->month == 0) {
		d->month = 12;
		d->year--;
	}
	return true;
}

/* "last year", "of this year" at token at, told from the year of
 * writing: sets *year and returns the tokens read; 0 when there is none
 * or no year of writing. */
static size_t year_told_from(const struct text *t, size_t at,
    const struct rw_date *pub, int *year)
{
	size_t k = token_is(t, at, "of") ? at + 1 : at;

	if (!pub || !pub->year || !token_is(t, k + 1, "year"))
		return 0;
	if (token_is(t, k, "last"))
		*year = pub->year - 1;
	else if (token_is(t, k, "this"))
		*year = pub->year;
	else
		return 0;
	return k + 2 - at;
}

/* Words after which a month alone ("in September") is a date. */
static const char *const month_openers[] = {"in", "on", "since", "by", "-",
	"until", "early", "late", "mid", "end", "of", NULL};

size_t date_at(const struct text *t, size_t i, const struct rw_date *pub,
    struct rw_date *ret)
{
	struct rw_date d = {0};
	size_t n = 0, k;
	bool number;
	long v;
	int m;

	if (i >= t->n_tokens || !(t->tokens[i].flags &
	    (TOKEN_NUMBER | TOKEN_CAPITAL)))
		return 0; /* dates start with a number or a month's name */
	memset(ret, 0, sizeof(*ret));
	/* a capitalised word (most tokens asked) can only be a month's name */
	number = t->tokens[i].flags & TOKEN_NUMBER;
	if (number && (v = number_at(t, i, 1, 31)) > 0 &&
	    ((m = month_at(t, i + 1)) ||
	    (token_is(t, i + 1, "of") && (m = month_at(t, i + 2))))) {
		/* 6 December [2019], the 6th of December */
		size_t day_month = token_is(t, i + 1, "of") ? 3 : 2;
		d.day = (int)v;
		d.month = m;
		n = day_month;
		if (token_punct(t, i + n, '.'))
			n++;
		if (token_punct(t, i + n, ','))
			n++;
		if ((v = number_at(t, i + n, 1950, 2099)) > 0) {
			d.year = (int)v;
			n++;
		} else {
			n = day_month;
			infer_year(&d, pub);
		}
	} else if (number && (v = number_at(t, i, 1950, 2099)) > 0 &&
	    iso_date_at(t, i, &d)) {
		n = 5; /* 2019-12-06 */
	} else if (number && numeric_date_at(t, i, &d)) {
		n = 5; /* 14/03/2024 */
	} else if (number && !month_at(t, i + 1) && !token_is(t, i + 1, "of") &&
	    ordinal_day_at(t, i, pub, &d)) {
		n = 1; /* on the 5th */
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
			k = n;
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
		} else if ((k = year_told_from(t, i + n, pub, &d.year))) {
			n += k; /* "in December last year" */
		} else if (i > 0 && token_is(t, i - 1, "from") &&
		    (token_is(t, i + n, "to") || token_is(t, i + n, "until") ||
		    token_is(t, i + n, "through")) && month_at(t, i + n + 1) &&
		    (v = number_at(t, i + n + 2, 1950, 2099)) > 0) {
			/* "held from January to September 2018": the start */
			d.year = (int)v;
			n += 3;
		} else {
			/* "in September": only after a preposition, since a
			 * bare "May" or "March" is usually a word */
			if (i == 0 || !token_in(t, i - 1, month_openers))
				return 0;
			infer_year(&d, pub);
		}
	} else if (number && (v = number_at(t, i, 1950, 2099)) > 0 &&
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
