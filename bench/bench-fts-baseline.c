/* bench-fts-baseline.c: times reading a folder of files into a bare SQLite FTS5 table, the yardstick for `refuge ingest`. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define MB 1e6 /* megabytes are 10^6 bytes throughout the benchmarks */

struct file_list {
	char **path;
	size_t count;
	size_t cap;
};

struct read_buf {
	char *data;
	size_t cap;
};

struct result {
	size_t docs;
	uint64_t bytes;
	double seconds;
	uint64_t db_bytes;
};

static void
warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
warn(const char *fmt, ...)
{
	va_list ap;

	fputs("bench-fts-baseline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p = malloc(dl + nl + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, name, nl + 1);
	return p;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
list_add(struct file_list *fl, char *path)
{
	if (fl->count == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 1024;
		char **p;

		if (cap > SIZE_MAX / sizeof(*p))
			return -1;
		p = realloc(fl->path, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		fl->path = p;
		fl->cap = cap;
	}
	fl->path[fl->count++] = path;
	return 0;
}

static void
list_free(struct file_list *fl)
{
	size_t i;

	for (i = 0; i < fl->count; i++)
		free(fl->path[i]);
	free(fl->path);
	fl->path = NULL;
	fl->count = fl->cap = 0;
}

/* Appends every regular file under dir to fl, directories entered in
 * sorted (strcmp) order. Returns 0 or -1 after printing why. */
static int
walk(const char *dir, struct file_list *fl)
{
	struct file_list names = { NULL, 0, 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;
	size_t i;
	int rc = -1;

	d = opendir(dir);
	if (d == NULL) {
		warn("cannot open folder %s: %s", dir, strerror(errno));
		return -1;
	}
	for (;;) {
		char *name;

		errno = 0;
		de = readdir(d);
		if (de == NULL) {
			if (errno != 0) {
				warn("cannot read folder %s: %s", dir,
				    strerror(errno));
				goto out;
			}
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		name = join_path(dir, de->d_name);
		if (name == NULL || list_add(&names, name) != 0) {
			free(name);
			warn("out of memory");
			goto out;
		}
	}
	qsort(names.path, names.count, sizeof(*names.path), cmp_str);
	for (i = 0; i < names.count; i++) {
		if (stat(names.path[i], &st) != 0) {
			warn("cannot stat %s: %s", names.path[i], strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (walk(names.path[i], fl) != 0)
				goto out;
		} else if (S_ISREG(st.st_mode)) {
			if (list_add(fl, names.path[i]) != 0) {
				warn("out of memory");
				goto out;
			}
			names.path[i] = NULL; /* now owned by fl */
		}
	}
	rc = 0;
out:
	list_free(&names);
	if (closedir(d) != 0 && rc == 0) {
		warn("cannot close folder %s: %s", dir, strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Reads the whole file into b (NUL-terminated); *len gets its size. */
static int
read_file(const char *path, struct read_buf *b, size_t *len)
{
	struct stat st;
	size_t used = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		warn("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		warn("cannot stat %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (st.st_size > INT32_MAX) {
		warn("%s is too large for one insert", path);
		close(fd);
		return -1;
	}
	for (;;) {
		ssize_t n;

		/* Room for the whole file, one byte to see EOF, and a NUL. */
		if (b->cap < 2 || used > b->cap - 2 ||
		    (st.st_size > 0 && (uint64_t)st.st_size + 2 > b->cap)) {
			size_t want = b->cap ? b->cap * 2 : 65536;
			char *p;

			while (st.st_size > 0 && want < (uint64_t)st.st_size + 2)
				want *= 2;
			p = realloc(b->data, want);
			if (p == NULL) {
				warn("out of memory reading %s", path);
				close(fd);
				return -1;
			}
			b->data = p;
			b->cap = want;
		}
		n = read(fd, b->data + used, b->cap - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			warn("cannot read %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (close(fd) != 0) {
		warn("cannot close %s: %s", path, strerror(errno));
		return -1;
	}
	b->data[used] = '\0';
	*len = used;
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		warn("clock_gettime: %s", strerror(errno));
		exit(1);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Removes the database and its WAL and shared-memory files. */
static int
remove_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	size_t i, pl = strlen(path);
	int rc = 0;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t sl = strlen(suffix[i]);
		char *p = malloc(pl + sl + 1);

		if (p == NULL) {
			warn("out of memory");
			return -1;
		}
		memcpy(p, path, pl);
		memcpy(p + pl, suffix[i], sl + 1);
		if (unlink(p) != 0 && errno != ENOENT) {
			warn("cannot remove %s: %s", p, strerror(errno));
			rc = -1;
		}
		free(p);
	}
	return rc;
}

static int
exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		warn("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(db, sql, -1, stmt, NULL) != SQLITE_OK) {
		warn("%s: %s", sql, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Runs a statement that returns no rows, and resets it. */
static int
step_done(sqlite3 *db, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE) {
		warn("%s: %s", sqlite3_sql(stmt), sqlite3_errmsg(db));
		sqlite3_reset(stmt);
		return -1;
	}
	if (sqlite3_reset(stmt) != SQLITE_OK) {
		warn("%s: %s", sqlite3_sql(stmt), sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static int
set_wal(sqlite3 *db)
{
	sqlite3_stmt *stmt;
	int ok;

	if (prepare(db, "PRAGMA journal_mode=WAL", &stmt) != 0)
		return -1;
	ok = sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_text(stmt, 0) != NULL &&
	    strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
	if (!ok)
		warn("cannot switch to WAL mode: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return ok ? 0 : -1;
}

/* Creates a fresh database at dbpath and inserts every file of fl, in one
 * transaction or one per document. Only the read + insert loop is timed. */
static int
run(const char *dbpath, int per_doc, const struct file_list *fl,
    struct result *res)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *begin = NULL, *commit = NULL;
	struct read_buf buf = { NULL, 0 };
	struct stat st;
	double t0;
	size_t i, len;
	int rc = -1, in_tx = 0;

	memset(res, 0, sizeof(*res));
	if (remove_db(dbpath) != 0)
		return -1;
	if (sqlite3_open_v2(dbpath, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		warn("cannot open %s: %s", dbpath,
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (set_wal(db) != 0 ||
	    exec_sql(db, "PRAGMA synchronous=NORMAL") != 0 ||
	    exec_sql(db, "CREATE VIRTUAL TABLE t USING fts5(body, "
	    "tokenize='unicode61 remove_diacritics 2')") != 0 ||
	    prepare(db, "INSERT INTO t(body) VALUES (?1)", &ins) != 0 ||
	    prepare(db, "BEGIN", &begin) != 0 ||
	    prepare(db, "COMMIT", &commit) != 0)
		goto out;

	t0 = now();
	if (!per_doc) {
		if (step_done(db, begin) != 0)
			goto out;
		in_tx = 1;
	}
	for (i = 0; i < fl->count; i++) {
		if (read_file(fl->path[i], &buf, &len) != 0)
			goto out;
		if (len > INT32_MAX) { /* it grew while we read it */
			warn("%s is too large for one insert", fl->path[i]);
			goto out;
		}
		if (per_doc) {
			if (step_done(db, begin) != 0)
				goto out;
			in_tx = 1;
		}
		if (sqlite3_bind_text(ins, 1, buf.data, (int)len,
		    SQLITE_STATIC) != SQLITE_OK) {
			warn("bind %s: %s", fl->path[i], sqlite3_errmsg(db));
			goto out;
		}
		if (step_done(db, ins) != 0)
			goto out;
		if (per_doc) {
			if (step_done(db, commit) != 0)
				goto out;
			in_tx = 0;
		}
		res->docs++;
		res->bytes += len;
	}
	if (!per_doc) {
		if (step_done(db, commit) != 0)
			goto out;
		in_tx = 0;
	}
	res->seconds = now() - t0;
	rc = 0;
out:
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	if (db != NULL && sqlite3_close(db) != SQLITE_OK) {
		warn("cannot close %s: %s", dbpath, sqlite3_errmsg(db));
		rc = -1;
	}
	/* Closing checkpoints the WAL, so the file now holds everything. */
	if (rc == 0 && stat(dbpath, &st) == 0)
		res->db_bytes = (uint64_t)st.st_size;
	free(buf.data);
	return rc;
}

static void
print_result(const char *label, const struct result *r)
{
	double secs = r->seconds > 0 ? r->seconds : 1e-9;

	printf("%s: %zu documents, %.2f MB, %.3f s, %.2f MB/s, %.1f docs/s, "
	    "database %.1f MB\n", label, r->docs, (double)r->bytes / MB,
	    r->seconds, (double)r->bytes / MB / secs, (double)r->docs / secs,
	    (double)r->db_bytes / MB);
	fflush(stdout);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-fts-baseline [--keep] [--only one-tx|per-doc]"
	    " FOLDER [DB_DIR]\n"
	    "Inserts every file under FOLDER into a fresh FTS5 table, once in one "
	    "transaction\nand once with a transaction per document. The "
	    "databases go to DB_DIR\n(default: $TMPDIR or /tmp) and are removed "
	    "afterwards unless --keep.\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct file_list fl = { NULL, 0, 0 };
	struct read_buf buf = { NULL, 0 };
	struct result res;
	const char *folder = NULL, *dbdir = NULL, *only = NULL;
	char *db_one = NULL, *db_per = NULL;
	uint64_t total = 0;
	size_t i, len;
	int a, keep = 0, status = 1;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--keep") == 0)
			keep = 1;
		else if (strcmp(argv[a], "--only") == 0 && a + 1 < argc)
			only = argv[++a];
		else if (argv[a][0] == '-')
			usage();
		else if (folder == NULL)
			folder = argv[a];
		else if (dbdir == NULL)
			dbdir = argv[a];
		else
			usage();
	}
	if (folder == NULL || (only != NULL && strcmp(only, "one-tx") != 0 &&
	    strcmp(only, "per-doc") != 0))
		usage();
	if (dbdir == NULL) {
		dbdir = getenv("TMPDIR");
		if (dbdir == NULL || *dbdir == '\0')
			dbdir = "/tmp";
	}
	db_one = join_path(dbdir, "fts-baseline-one-tx.db");
	db_per = join_path(dbdir, "fts-baseline-per-doc.db");
	if (db_one == NULL || db_per == NULL) {
		warn("out of memory");
		goto out;
	}

	if (walk(folder, &fl) != 0)
		goto out;
	if (fl.count == 0) {
		warn("no files under %s", folder);
		goto out;
	}
	/* Untimed pass: both modes then start with the files in the page
	 * cache, as `refuge ingest` does when it runs after this program. */
	for (i = 0; i < fl.count; i++) {
		if (read_file(fl.path[i], &buf, &len) != 0)
			goto out;
		total += len;
	}
	printf("corpus: %s, %zu files, %.2f MB (page cache warmed, untimed)\n",
	    folder, fl.count, (double)total / MB);
	printf("sqlite %s, FTS5 unicode61 remove_diacritics 2, WAL, "
	    "synchronous=NORMAL\n", sqlite3_libversion());
	fflush(stdout);

	if (only == NULL || strcmp(only, "one-tx") == 0) {
		if (run(db_one, 0, &fl, &res) != 0)
			goto out;
		print_result("one-tx", &res);
		if (!keep && remove_db(db_one) != 0)
			goto out;
	}
	if (only == NULL || strcmp(only, "per-doc") == 0) {
		if (run(db_per, 1, &fl, &res) != 0)
			goto out;
		print_result("per-doc", &res);
		if (!keep && remove_db(db_per) != 0)
			goto out;
	}
	status = 0;
out:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write to standard output");
		status = 1;
	}
	free(buf.data);
	free(db_one);
	free(db_per);
	list_free(&fl);
	return status;
}
