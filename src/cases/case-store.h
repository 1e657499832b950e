/* case-store.h: cases kept in a store, sealed with the store's key.
 *
 * This is where a case in plaintext (cases/case.h) meets the store
 * (store/store.h): names, aliases, the description, the place of
 * custody, contacts, locations and notes are sealed into one value bound
 * to the case; each name and alias gets a blind index so that the case
 * can be found by name; every save appends a sealed record of what
 * changed, and who changed it, to the case's history. Without the key a
 * store shows no case name and no sensitive field anywhere. */
#ifndef RW_CASES_CASE_STORE_H
#define RW_CASES_CASE_STORE_H

#include <stdint.h>

#include "cases/case.h"
#include "crypto/seal.h"
#include "store/store.h"

/* Checks that k is the store's key (its fingerprint matches the one
 * recorded), recording it when the store has none yet. RW_ECORRUPT,
 * "this is not the key of this store", otherwise. */
int rw_case_key_check(struct rw_store *store, const struct rw_keyring *k,
    const char *salt, struct rw_error *err);

/* Saves c: a new case when c->id is 0 (c->id is then set), else every
 * field of case c->id, with a history record of the fields that changed
 * (none changed: nothing is written, *ret_changed 0). RW_EINVAL when the
 * case has neither a name nor a description. */
int rw_case_save(struct rw_store *store, const struct rw_keyring *k,
    struct rw_case *c, const char *who, int *ret_changed,
    struct rw_error *err);

/* Loads case id into *ret (rw_case_free it); RW_ENOTFOUND, or
 * RW_ECORRUPT when the key does not open it. */
int rw_case_load(struct rw_store *store, const struct rw_keyring *k,
    int64_t id, struct rw_case *ret, struct rw_error *err);

typedef int (*rw_case_cb)(const struct rw_case *c, const char *level,
    int score, void *ctx);

/* Calls cb for each case (with its last screening level, or NULL), in id
 * order; with name, only the cases with that name or alias (compared
 * after folding case, diacritics, spacing and script). A name that
 * cannot be compared is refused as rw_blind_index refuses it (RW_EINVAL
 * without a letter or digit, RW_ETOOBIG when too long). */
int rw_case_each(struct rw_store *store, const struct rw_keyring *k,
    const char *name, rw_case_cb cb, void *ctx, struct rw_error *err);

/* One change of a case: when, who, and the fields that changed as a JSON
 * object {"field": [before, after], ...}. */
typedef int (*rw_case_change_view_cb)(const char *at, const char *who,
    const char *changes_json, void *ctx);
int rw_case_history(struct rw_store *store, const struct rw_keyring *k,
    int64_t id, rw_case_change_view_cb cb, void *ctx, struct rw_error *err);

/* Links every incident (not rejected) that names a case's person or
 * alias to that case, whichever was stored first; *ret_linked (may be
 * NULL) counts the links made now. */
int rw_case_link_named(struct rw_store *store, const struct rw_keyring *k,
    long *ret_linked, struct rw_error *err);

/* Reads a stored case's deadlines (rw_case_row.deadlines_json) into
 * c->deadlines (c must have none); RW_ECORRUPT when it is not a JSON
 * array. Entries of an unknown kind or date are skipped. */
int rw_case_deadlines_read(const char *json, struct rw_case *c,
    struct rw_error *err);

/* Re-seals every case and change under next (and records its
 * fingerprint and salt) in one transaction. */
int rw_case_rekey(struct rw_store *store, const struct rw_keyring *old,
    const struct rw_keyring *next, const char *next_salt,
    struct rw_error *err);

#endif
