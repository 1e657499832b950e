/* alert-rules.h: the early-warning rules. What about a case, or about
 * the returns a host has just carried out, deserves an alert; and how
 * urgent an alert is.
 *
 * The rules see each case as it is now and as the last run saw it
 * (store/store.h, struct rw_alert_case), and raise alerts through the
 * sweep's sink. Every alert has a key naming what it is about, so it is
 * raised once however often the rules run. No alert names a person: a
 * case is spoken of by its number, its host and its screening level. */
#ifndef RW_ALERTS_ALERT_RULES_H
#define RW_ALERTS_ALERT_RULES_H

#include "core/date.h"
#include "store/store.h"

#define RW_ALERT_DAYS_DEFAULT 14

struct rw_alert_policy {
	struct rw_date today;
	long within_days;  /* a deadline this close (or closer) is alerted */
};

/* Raises the alerts one case deserves: a deadline within the policy's
 * days, or passed without an alert (rule "deadline-passed"); once the
 * case has been seen before, incidents or sources newly linked to it
 * ("named"), a change of status ("status") and a screening level that
 * rose ("level"). A closed case raises nothing, and its alerts are
 * resolved. Returns how many changes it alerted for (status and level),
 * or a negative code. */
int rw_alert_case_rules(const struct rw_alert_policy *p,
    const struct rw_alert_case *c, struct rw_alert_sink *sink,
    struct rw_error *err);

/* Raises one alert ("returns") for a host's new return incidents when
 * open cases are held there. */
int rw_alert_return_rules(const struct rw_alert_policy *p,
    const struct rw_alert_returns *r, struct rw_alert_sink *sink,
    struct rw_error *err);

/* How urgent an alert is, from 1 to 32: its screening level's weight
 * (low or none 1, elevated 2, high 3, critical 4) times how close its
 * date is (passed or today 8, within 2 days 6, a week 4, two weeks 2,
 * later or none 1). */
int rw_alert_urgency(const char *level, const char *due,
    const struct rw_date *today);

#endif
