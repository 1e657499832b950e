/* cli.h: what the verbs of the `refuge` command share.
 *
 * Each verb is a function `int cmd_<verb>(struct cli *, int, char **)`
 * returning an exit status: 0 success, 1 the work failed (in part), 2 the
 * command line was wrong. Verbs print results on standard output and
 * problems on standard error, each as one line naming what failed. */
#ifndef RW_CLI_CLI_H
#define RW_CLI_CLI_H

#include <stdio.h>

#include <jansson.h>

#include "store/store.h"

#define EXIT_USAGE 2

/* What a listing verb's per-row callback shares: JSON lines or text, and
 * how many rows it printed. */
struct cli_listing {
	int json;
	size_t count;
};

struct cli {
	const char *data_dir; /* --data, else REFUGE_DATA, else NULL */
	const char *verb;     /* the verb being run, for messages */
};

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_ingest(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_sources(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_incidents(struct cli *cli, int argc, char **argv);
int cmd_incident(struct cli *cli, int argc, char **argv);
int cmd_entities(struct cli *cli, int argc, char **argv);
int cmd_people(struct cli *cli, int argc, char **argv);
int cmd_case(struct cli *cli, int argc, char **argv);
int cmd_key(struct cli *cli, int argc, char **argv);
int cmd_country(struct cli *cli, int argc, char **argv);
int cmd_screen(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_alerts(struct cli *cli, int argc, char **argv);
int cmd_appeal(struct cli *cli, int argc, char **argv);

/* `refuge extract --all`: reads every stored source again (args are what
 * follows the options; published is --published, which --all refuses). */
int cmd_extract_all(struct cli *cli, int argc, char **argv,
    const char *published);

struct rw_keyring;

/* Where the store's key file is: REFUGE_KEY, else DIR.key beside the
 * data directory (malloc'd). */
char *cli_key_path(const struct cli *cli);
/* The store's key (see cli-key.c), checked against the store's
 * fingerprint; with create, a store without a key gets one (a new key
 * file, or the passphrase's salt). NULL after printing why. */
struct rw_keyring *cli_open_key(const struct cli *cli, struct rw_store *store,
    int create);

struct rw_case;

/* Screens a saved case with the built-in rules as of today, so the level
 * kept with it is current. */
int cli_screen_case(struct rw_store *store, const struct rw_case *c,
    struct rw_error *err);

struct rw_screening;

/* The same, keeping the result in *ret (rw_screening_free it). */
int cli_screen_case_result(struct rw_store *store, const struct rw_case *c,
    struct rw_screening *ret, struct rw_error *err);

/* After incidents changed (ingest, extraction, review): links the
 * incidents that name a case's person to the case and screens every
 * open case again, when the store's key is at hand; 0, or 1 after
 * printing why. */
int cli_cases_refresh(struct cli *cli, struct rw_store *store);

/* Prints "refuge VERB: message" on standard error. */
void cli_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports a usage error with a hint to --help; returns EXIT_USAGE. */
int cli_usage(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports the option getopt_long just refused (unknown, or missing its
 * value); returns EXIT_USAGE. */
int cli_bad_option(const struct cli *cli, char **argv);

/* Prints the help page of a verb (docs/cli/VERB.md); returns 0. */
int cli_help(const char *verb);

/* Opens the store of --data; prints why not and returns NULL on failure. */
struct rw_store *cli_open_store(const struct cli *cli, int create);

/* The person running the command: REFUGE_USER, else the login name. */
const char *cli_user(void);

/* Writes obj as one compact JSON line and drops the reference. */
void cli_print_json(json_t *obj);

/* True when s is valid UTF-8 without control characters. */
int cli_text_ok(const char *s);

/* Parses a date option into a normalised YYYY[-MM[-DD]] in out (11 bytes);
 * returns 0, or EXIT_USAGE after reporting the problem. */
int cli_date_option(const struct cli *cli, const char *option,
    const char *value, char out[11]);

/* Parses a whole number option (digits only) within [min, max]. */
int cli_int_option(const struct cli *cli, const char *option,
    const char *value, long min, long max, long *ret);

/* Writes text from a document or a person to out so that it cannot
 * steer the terminal: control characters (C0, DEL, C1), line breaks and
 * bidirectional overrides become spaces, invalid UTF-8 becomes U+FFFD.
 * At most max bytes of s are written (0: all), then "…". */
void cli_print_safe(FILE *out, const char *s, size_t max);

/* Writes text to out, turning the store's highlight markers into bold on a
 * terminal or «guillemets» elsewhere. */
void cli_print_marked(FILE *out, const char *text, int tty);

#endif
