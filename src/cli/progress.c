/* progress.c: a progress bar on terminals, plain lines elsewhere. */
#include "cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
progress_start(struct progress *p, size_t total)
{
	memset(p, 0, sizeof(*p));
	p->tty = isatty(STDERR_FILENO);
	p->total = total;
}

static void
draw(struct progress *p)
{
	size_t filled = p->total ? p->done * BAR_WIDTH / p->total : BAR_WIDTH;
	char bar[BAR_WIDTH + 1];

	memset(bar, '#', filled);
	memset(bar + filled, '.', BAR_WIDTH - filled);
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %3zu%% %zu/%zu files, %.1f MB", bar,
	    p->total ? p->done * 100 / p->total : 100, p->done, p->total,
	    p->bytes / 1048576.0);
	fflush(stderr);
	p->last_draw = now();
}

static void
clear(struct progress *p)
{
	if (p->tty)
		fputs("\r\033[K", stderr);
}

void
progress_step(struct progress *p, const char *what, const char *label,
    size_t bytes)
{
	p->done++;
	p->bytes += (double)bytes;
	if (!p->tty) {
		fprintf(stderr, "[%zu/%zu] %-14s %s\n", p->done, p->total, label,
		    what);
		return;
	}
	if (p->done == p->total || now() - p->last_draw >= 0.1)
		draw(p);
}

void
progress_note(struct progress *p, const char *line)
{
	clear(p);
	fprintf(stderr, "%s\n", line);
	if (p->tty && p->done < p->total)
		draw(p);
}

void
progress_end(struct progress *p)
{
	clear(p);
	fflush(stderr);
}
