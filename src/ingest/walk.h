/* walk.h: expanding the paths given to `ingest` into files.
 *
 * Folders are walked recursively in name order; hidden entries (".name")
 * are skipped; symbolic links are followed, but a link that leads back to a
 * folder already on the path is reported as a loop, not followed. */
#ifndef RW_INGEST_WALK_H
#define RW_INGEST_WALK_H

/* Deepest folder nesting followed. */
#define RW_WALK_DEPTH_MAX 64

/* Called for each regular file; non-zero stops the walk. */
typedef int (*rw_walk_file_cb)(const char *path, void *ctx);
/* Called for each path that cannot be walked, with a short reason. */
typedef int (*rw_walk_problem_cb)(const char *path, const char *problem,
    void *ctx);

/* Walks path; returns 0, or the non-zero value a callback stopped with. */
int rw_walk(const char *path, rw_walk_file_cb on_file,
    rw_walk_problem_cb on_problem, void *ctx);

#endif
