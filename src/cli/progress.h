/* progress.h: progress of long jobs on standard error.
 *
 * On a terminal, one bar redrawn in place (at most ten times a second);
 * elsewhere, one plain line per item so logs stay readable. Notes (such as
 * a failure) print on their own line above the bar. */
#ifndef RW_CLI_PROGRESS_H
#define RW_CLI_PROGRESS_H

#include <stddef.h>

struct progress {
	int tty;
	size_t total, done;
	double bytes;
	double last_draw;
};

void progress_start(struct progress *p, size_t total);

/* Counts one finished item; label says what became of it. */
void progress_step(struct progress *p, const char *what, const char *label,
    size_t bytes);

/* Prints a line above the bar. */
void progress_note(struct progress *p, const char *line);

/* Clears the bar. */
void progress_end(struct progress *p);

#endif
