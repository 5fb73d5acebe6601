// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run --supervise: rules on decoded arguments, and the answers. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <sched.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "decode/decode.h"
#include "run/decide.h"
#include "util/proc.h"

#define OPEN_TRIES 4

/* ---- rules ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int flag;
} open_flags[] = {
	{ "O_WRONLY", O_WRONLY },       { "O_RDWR", O_RDWR },       { "O_CREAT", O_CREAT },
	{ "O_TRUNC", O_TRUNC },         { "O_APPEND", O_APPEND },   { "O_EXCL", O_EXCL },
	{ "O_DIRECTORY", O_DIRECTORY }, { "O_NOFOLLOW", O_NOFOLLOW }, { "O_PATH", O_PATH },
	{ "O_TMPFILE", O_TMPFILE },     { "O_SYNC", O_SYNC },       { "O_NONBLOCK", O_NONBLOCK },
};

static const struct {
	const char *name;
	int family;
} families[] = {
	{ "AF_UNIX", AF_UNIX },     { "AF_LOCAL", AF_UNIX },    { "AF_INET", AF_INET },
	{ "AF_INET6", AF_INET6 },   { "AF_NETLINK", AF_NETLINK }, { "AF_PACKET", AF_PACKET },
	{ "AF_VSOCK", AF_VSOCK },   { "AF_BLUETOOTH", AF_BLUETOOTH }, { "AF_ALG", AF_ALG },
	{ "AF_KEY", AF_KEY },       { "AF_XDP", AF_XDP },       { "AF_CAN", AF_CAN },
};

static int parse_flags(struct sup_rule *r, char *v)
{
	char *save = NULL;

	r->flags_any = 0;
	for (char *t = strtok_r(v, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
		bool found = strcmp(t, "O_RDONLY") == 0;

		if (found)
			r->flags_rdonly = true;
		for (size_t i = 0; !found && i < sizeof(open_flags) / sizeof(open_flags[0]); i++)
			if (strcmp(t, open_flags[i].name) == 0) {
				r->flags_any |= open_flags[i].flag;
				found = true;
			}
		if (!found)
			return -1;
	}
	return 0;
}

static int parse_family(struct sup_rule *r, const char *v)
{
	long n;

	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strcmp(v, families[i].name) == 0)
			return r->family = families[i].family, 0;
	if (sw_parse_long(v, 0, AF_MAX - 1, &n) == 0)
		return r->family = (int)n, 0;
	return -1;
}

static int parse_cidr(struct sup_rule *r, const char *v)
{
	if (sw_cidr_parse(v, &r->net) < 0)
		return -1;
	r->have_net = true;
	return 0;
}

/* The files a path glob names now: a hard link made later to one of them
 * still matches. */
static void snapshot_ids(struct sup_rule *r, bool *special)
{
	glob_t g;

	if (glob(r->path, GLOB_NOSORT, NULL, &g) != 0)
		return;
	r->ids = sw_xcalloc(g.gl_pathc ? g.gl_pathc : 1, sizeof(*r->ids));
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct stat st;

		if (stat(g.gl_pathv[i], &st) == 0 && !S_ISDIR(st.st_mode)) {
			r->ids[r->nids].dev = st.st_dev;
			r->ids[r->nids].ino = st.st_ino;
			r->nids++;
			if (!S_ISREG(st.st_mode))
				*special = true;
		}
	}
	globfree(&g);
}

static int set_group(struct sup_rule *r, enum sup_group g)
{
	if (r->group && r->group != g)
		return -1;
	r->group = g;
	return 0;
}

static int parse_decision(const char *s, struct run_action *a)
{
	memset(a, 0, sizeof(*a));
	if (strcmp(s, "allow") == 0) {
		a->kind = RUN_ALLOW;
	} else if (strcmp(s, "log") == 0) {
		a->kind = RUN_LOG;
	} else if (strcmp(s, "deny") == 0) {
		a->kind = RUN_ERRNO;
		a->err = EPERM;
	} else if (strncmp(s, "deny:", 5) == 0 && (a->err = sw_errno_by_name(s + 5)) > 0) {
		a->kind = RUN_ERRNO;
	} else {
		return -1;
	}
	return 0;
}

static int parse_cond(struct sup_rule *r, bool *special, char *tok, const char **why)
{
	char *eq = strchr(tok, '=');
	char *v;
	long n;

	if (!eq) {
		*why = "expected KEY=VALUE";
		return -1;
	}
	*eq = 0;
	v = eq + 1;
	*why = "conditions on different calls (path/flags: opens, family: socket, dest/port: connect, exec: execve)";
	if (strcmp(tok, "path") == 0 || strcmp(tok, "exec") == 0) {
		if (set_group(r, tok[0] == 'p' ? SUP_OPEN : SUP_EXEC) < 0)
			return -1;
		*why = "the path must be absolute (a glob: *, ?, [...])";
		if (v[0] != '/' || r->path)
			return -1;
		r->path = sw_xstrdup(v);
		snapshot_ids(r, special);
	} else if (strcmp(tok, "flags") == 0) {
		if (set_group(r, SUP_OPEN) < 0)
			return -1;
		*why = "unknown open flag (O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, ...)";
		if (parse_flags(r, v) < 0)
			return -1;
	} else if (strcmp(tok, "family") == 0) {
		if (set_group(r, SUP_SOCKET) < 0)
			return -1;
		*why = "unknown address family (AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, ...)";
		if (parse_family(r, v) < 0)
			return -1;
	} else if (strcmp(tok, "dest") == 0) {
		if (set_group(r, SUP_CONNECT) < 0)
			return -1;
		*why = "expected an address or a CIDR (10.0.0.0/8, ::1/128)";
		if (parse_cidr(r, v) < 0)
			return -1;
	} else if (strcmp(tok, "port") == 0) {
		if (set_group(r, SUP_CONNECT) < 0)
			return -1;
		*why = "expected a port (0 to 65535)";
		if (sw_parse_long(v, 0, 65535, &n) < 0)
			return -1;
		r->port = (int)n;
	} else {
		*why = "unknown condition (path, flags, family, dest, port, exec)";
		return -1;
	}
	return 0;
}

static void add_calls(struct sup_rules *rs, enum sup_group g)
{
	static const int calls[][4] = {
		[SUP_OPEN] = { SYS_open, SYS_openat, SYS_openat2, SYS_creat },
		[SUP_SOCKET] = { SYS_socket, -1, -1, -1 },
		[SUP_CONNECT] = { SYS_connect, SYS_sendto, -1, -1 },
		[SUP_EXEC] = { SYS_execve, SYS_execveat, -1, -1 },
	};

	for (int i = 0; i < 4; i++)
		if (calls[g][i] >= 0)
			sw_sysset_add(&rs->calls, calls[g][i]);
}

static void rule_free(struct sup_rule *r)
{
	free(r->path);
	free(r->ids);
}

int sup_rule_parse(struct sup_rules *rs, struct run_policy *p, const char *arg, struct sw_err *err)
{
	struct sup_rule r = { .flags_any = -1, .family = -1, .port = -1 };
	char *copy = sw_xstrdup(arg), *save = NULL, *tok[16];
	const char *why = NULL;
	char spec[SW_ERR_MAX];
	size_t n = 0;
	int rc = -1;

	for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (n == sizeof(tok) / sizeof(tok[0])) {
			sw_err_set(err, "invalid --supervise '%s': too many conditions", arg);
			goto out;
		}
		tok[n++] = t;
	}
	if (n < 2) {
		sw_err_set(err, "invalid --supervise '%s': expected CONDITION... DECISION, such as "
				"'path=/etc/shadow deny:EACCES'", arg);
		goto out;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		if (parse_cond(&r, &rs->ids_special, tok[i], &why) < 0) {
			sw_err_set(err, "invalid --supervise '%s': %s: %s", arg, tok[i], why);
			goto out;
		}
	}
	if (parse_decision(tok[n - 1], &r.act) < 0) {
		sw_err_set(err, "invalid --supervise '%s': unknown decision '%s' (allow, log, deny, deny:ERRNO)", arg,
			   tok[n - 1]);
		goto out;
	}
	snprintf(spec, sizeof(spec), "--supervise '%s'", arg);
	r.rule = run_policy_add_rule(p, spec, &r.act);
	add_calls(rs, r.group);
	rs->r = sw_xrealloc(rs->r, (rs->n + 1) * sizeof(*rs->r));
	rs->r[rs->n++] = r;
	memset(&r, 0, sizeof(r));
	rc = 0;
out:
	rule_free(&r);
	free(copy);
	return rc;
}

void sup_rules_free(struct sup_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		rule_free(&rs->r[i]);
	free(rs->r);
	if (rs->own_fds_open)
		close(rs->own_fds);
	if (rs->own_cwd_open)
		close(rs->own_cwd);
	memset(rs, 0, sizeof(*rs));
}

/* ---- reading the caller ----------------------------------------------------- */

static ssize_t peek(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr, .iov_len = len };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

/* Copies the caller's string once: what is decided on, and opened, is this
 * copy, whatever the program writes to its memory afterwards. */
static int peek_path(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0;

	if (!addr)
		return -EFAULT;
	while (got < size) {
		size_t chunk = 4096 - ((addr + got) & 4095);
		ssize_t n;

		if (chunk > size - got)
			chunk = size - got;
		n = peek(pid, addr + got, buf + got, chunk);
		if (n <= 0)
			return -EFAULT;
		if (memchr(buf + got, 0, (size_t)n))
			return 0;
		got += (size_t)n;
	}
	return -ENAMETOOLONG;
}

/* The caller's file system identity, taken on for the time of an open:
 * fsuid, fsgid and groups are per thread, so the supervisor opens with the
 * caller's permissions, not its own. */
struct creds {
	pid_t tgid;
	uid_t fsuid;
	gid_t fsgid;
	gid_t groups[NGROUPS_MAX > 256 ? 256 : NGROUPS_MAX];
	int ngroups;
};

static int read_creds(pid_t tid, struct creds *c)
{
	char path[64], line[4096];
	unsigned r, e, s, fs;
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	c->ngroups = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Tgid: %d", &c->tgid) == 1) {
			continue;
		} else if (sscanf(line, "Uid: %u %u %u %u", &r, &e, &s, &fs) == 4) {
			c->fsuid = fs;
			found++;
		} else if (sscanf(line, "Gid: %u %u %u %u", &r, &e, &s, &fs) == 4) {
			c->fsgid = fs;
			found++;
		} else if (strncmp(line, "Groups:", 7) == 0) {
			char *p = line + 7, *end;

			for (;;) {
				unsigned long g = strtoul(p, &end, 10);

				if (end == p || c->ngroups == (int)(sizeof(c->groups) / sizeof(c->groups[0])))
					break;
				c->groups[c->ngroups++] = (gid_t)g;
				p = end;
			}
		}
	}
	fclose(f);
	return found == 2 ? 0 : -1;
}

static void become(const struct creds *c)
{
	syscall(SYS_setgroups, c->ngroups, c->groups);
	syscall(SYS_setfsgid, c->fsgid);
	syscall(SYS_setfsuid, c->fsuid);
}

static void get_own_creds(struct creds *c)
{
	c->fsuid = geteuid();
	c->fsgid = getegid();
	c->ngroups = getgroups((int)(sizeof(c->groups) / sizeof(c->groups[0])), c->groups);
	if (c->ngroups < 0)
		c->ngroups = 0;
}

/* ---- deciding --------------------------------------------------------------- */

static bool ident_in(const struct sup_rule *r, const struct stat *st)
{
	for (size_t i = 0; st && i < r->nids; i++)
		if (r->ids[i].dev == st->st_dev && r->ids[i].ino == st->st_ino)
			return true;
	return false;
}

static bool path_matches(const struct sup_rule *r, const char *path, const struct stat *st)
{
	return !r->path || fnmatch(r->path, path, FNM_PATHNAME) == 0 || ident_in(r, st);
}

static bool flags_match(const struct sup_rule *r, int flags)
{
	if (r->flags_any < 0 && !r->flags_rdonly)
		return true;
	if (r->flags_rdonly && (flags & O_ACCMODE) == O_RDONLY && !(flags & (O_CREAT | O_TRUNC)))
		return true;
	return r->flags_any > 0 && (flags & r->flags_any);
}

static const struct sup_rule *decide(const struct sup_rules *rs, enum sup_group g, const char *path,
				     const struct stat *st, int flags)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct sup_rule *r = &rs->r[i];

		if (r->group == g && path_matches(r, path, st) && (g != SUP_OPEN || flags_match(r, flags)))
			return r;
	}
	return NULL;
}

/* dir "/" last, cut to size (a longer path cannot be opened anyway). */
static void join(char *buf, size_t size, const char *dir, const char *last)
{
	size_t n = strlen(dir);

	if (n >= size)
		n = size - 1;
	memcpy(buf, dir, n);
	buf[n] = 0;
	if (n + 1 < size) {
		buf[n++] = '/';
		buf[n] = 0;
		strncat(buf + n, last, size - n - 1);
	}
}

/* syswatch's /proc/self/fd, opened once: a descriptor's path and its
 * reopening are then one lookup each. */
static int own_fds(struct sup_rules *rs)
{
	if (!rs->own_fds_open) {
		rs->own_fds = open("/proc/self/fd", O_PATH | O_DIRECTORY | O_CLOEXEC);
		rs->own_fds_open = rs->own_fds >= 0;
		rs->own_pid = getpid();
	}
	return rs->own_fds_open ? rs->own_fds : AT_FDCWD;
}

static void own_fd_name(struct sup_rules *rs, int fd, char *buf, size_t size)
{
	snprintf(buf, size, rs->own_fds_open ? "%d" : "/proc/self/fd/%d", fd);
}

static int fd_path(struct sup_rules *rs, int fd, char *buf, size_t size)
{
	char link[64];
	int dir = own_fds(rs);
	ssize_t n;

	own_fd_name(rs, fd, link, sizeof(link));
	n = readlinkat(dir, link, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return 0;
}

/* The file fd (O_PATH) stands for, opened for real with flags. */
static int reopen(struct sup_rules *rs, int fd, int flags)
{
	char name[64];
	int dir = own_fds(rs);

	own_fd_name(rs, fd, name, sizeof(name));
	return openat(dir, name, flags);
}

/* name with "//", "." and ".." taken out, as the kernel walks it: the path
 * of the file it leads to when no symbolic link was on the way. */
static void lexical(const char *name, char *buf, size_t size)
{
	size_t n = 0;

	for (const char *p = name; *p;) {
		const char *e = strchrnul(p, '/');
		size_t len = (size_t)(e - p);

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && buf[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else if (len && !(len == 1 && p[0] == '.') && n + 1 + len < size) {
			buf[n++] = '/';
			memcpy(buf + n, p, len);
			n += len;
		}
		p = *e ? e + 1 : e;
	}
	if (!n)
		buf[n++] = '/';
	buf[n] = 0;
}

/* The directory a relative name starts from (dirfd, or the cwd), or the
 * process root for an absolute one (then resolved with RESOLVE_IN_ROOT).
 * AT_FDCWD for an absolute name when every root is syswatch's. While no
 * process has changed its working directory (or its mounts: sup_note), it
 * is syswatch's, whose descriptor stands for it: no /proc lookup. */
static int open_base(struct sup_rules *rs, pid_t tid, int dirfd, const char *name, uint64_t *resolve)
{
	char path[64];
	int fd = -1;

	if (name[0] == '/' && !rs->root_differs && !(*resolve & (RESOLVE_IN_ROOT | RESOLVE_BENEATH)))
		return AT_FDCWD;
	if (name[0] != '/' && dirfd == AT_FDCWD && !rs->cwd_differs) {
		if (!rs->own_cwd_open) {
			rs->own_cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
			rs->own_cwd_open = rs->own_cwd >= 0;
		}
		if (rs->own_cwd_open && (fd = fcntl(rs->own_cwd, F_DUPFD_CLOEXEC, 0)) >= 0)
			return fd;
	}
	if (name[0] == '/') {
		snprintf(path, sizeof(path), "/proc/%d/root", tid);
		*resolve |= RESOLVE_IN_ROOT;
	} else if (dirfd == AT_FDCWD) {
		snprintf(path, sizeof(path), "/proc/%d/cwd", tid);
	} else {
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", tid, dirfd);
	}
	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT && dirfd != AT_FDCWD && name[0] != '/' ? -EBADF : -errno;
	if (name[0] == '/') {
		struct stat theirs, ours, their_ns, our_ns;

		/* the caller's root is syswatch's, in the same mount namespace
		 * (the same directory in another one may have other mounts under
		 * it): resolved as it is (magic links such as /proc/PID/fd/N
		 * work, which RESOLVE_IN_ROOT refuses) */
		snprintf(path, sizeof(path), "/proc/%d/ns/mnt", tid);
		if (fstat(fd, &theirs) == 0 && stat("/", &ours) == 0 && theirs.st_dev == ours.st_dev &&
		    theirs.st_ino == ours.st_ino && stat(path, &their_ns) == 0 && stat("/proc/self/ns/mnt", &our_ns) == 0 &&
		    their_ns.st_ino == our_ns.st_ino && their_ns.st_dev == our_ns.st_dev)
			*resolve &= ~(uint64_t)RESOLVE_IN_ROOT;
	}
	return fd;
}

static int open2(int base, const char *name, uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };
	int fd = (int)syscall(SYS_openat2, base, name, &how, sizeof(how));

	return fd < 0 ? -errno : fd;
}

struct open_call {
	int dirfd;
	char name[PATH_MAX];
	int flags;
	uint64_t mode;
	uint64_t resolve;
};

/* Names that mean the caller itself: resolved by syswatch they would mean
 * syswatch. Rewritten to the caller's pid (its /proc entries, its
 * descriptors). */
static void own_names(pid_t tid, char *name, size_t size)
{
	static const struct {
		const char *prefix;
		const char *to; /* %1$d: tgid, %2$d: tid */
	} map[] = {
		{ "/proc/self", "/proc/%1$d" },       { "/proc/thread-self", "/proc/%1$d/task/%2$d" },
		{ "/dev/fd", "/proc/%1$d/fd" },       { "/dev/stdin", "/proc/%1$d/fd/0" },
		{ "/dev/stdout", "/proc/%1$d/fd/1" }, { "/dev/stderr", "/proc/%1$d/fd/2" },
	};
	char head[96], out[PATH_MAX];

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		size_t n = strlen(map[i].prefix);

		pid_t tgid;

		if (strncmp(name, map[i].prefix, n) != 0 || (name[n] && name[n] != '/'))
			continue;
		tgid = sw_proc_tgid(tid);
		snprintf(head, sizeof(head), map[i].to, tgid < 0 ? tid : tgid, tid);
		join(out, sizeof(out), head, name[n] ? name + n + 1 : "");
		if (!name[n])
			out[strlen(out) - 1] = 0; /* no trailing slash */
		snprintf(name, size, "%s", out);
		return;
	}
}

/* Whether fd is a file of syswatch's own /proc entry, reached through a
 * name that meant "the opener" (a link to /proc/self): opened for the
 * caller it would be syswatch's, so it is refused. */
static bool is_own_proc(const struct sup_rules *rs, const char *path)
{
	char own[32];
	size_t n;

	n = (size_t)snprintf(own, sizeof(own), "/proc/%d", rs->own_pid ? rs->own_pid : getpid());
	return strncmp(path, own, n) == 0 && (path[n] == '/' || !path[n]);
}

static void close_base(int base)
{
	if (base >= 0)
		close(base);
}

/* Resolves name from base with O_PATH; path: the file's path. An absolute
 * name from syswatch's own root is first walked refusing symbolic links:
 * when none is on the way its path is the name itself, written plainly,
 * and no /proc lookup is needed. */
static int resolve_path(struct sup_rules *rs, int base, const char *name, int flags, uint64_t resolve,
			char *path, size_t size)
{
	int oflags = O_PATH | O_CLOEXEC | (flags & (O_NOFOLLOW | O_DIRECTORY));
	int fd = -ELOOP;

	if (base == AT_FDCWD && name[0] == '/' && !(resolve & RESOLVE_IN_ROOT)) {
		fd = open2(base, name, (uint64_t)oflags, 0, resolve | RESOLVE_NO_SYMLINKS);
		if (fd >= 0) {
			lexical(name, path, size);
			return fd;
		}
	}
	if (fd == -ELOOP || fd == -EXDEV)
		fd = open2(base, name, (uint64_t)oflags, 0, resolve);
	if (fd >= 0 && fd_path(rs, fd, path, size) < 0) {
		close(fd);
		return -EACCES;
	}
	return fd;
}

/* The quick way for the most common open: an absolute name read-only,
 * from syswatch's own root. A name no rule denies by its path is opened as
 * it is, refusing symbolic links: when that succeeds the name is the file's
 * path, and the file is opened in one lookup; its identity is then checked
 * against the rules that name files (hard links), which only name regular
 * files here. It is opened without waiting (a FIFO would block the
 * supervisor until a peer comes) and made blocking again if the caller
 * wanted it. Returns the descriptor, -errno, or QUICK_NO: decided by the
 * full way (a symbolic link on the way, a name a rule denies by its path). */
#define QUICK_NO (-(INT_MAX))
static int open_quick(struct sup_rules *rs, const struct open_call *c, int flags, const struct sup_rule **rule)
{
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (c->name[0] != '/' || rs->root_differs || rs->ids_special || c->resolve ||
	    (flags & (O_ACCMODE | O_CREAT | O_TRUNC | (O_TMPFILE & ~O_DIRECTORY) | O_PATH)) != O_RDONLY)
		return QUICK_NO;
	lexical(c->name, path, sizeof(path));
	*rule = decide(rs, SUP_OPEN, path, NULL, c->flags);
	if ((*rule && (*rule)->act.kind == RUN_ERRNO) || is_own_proc(rs, path))
		return QUICK_NO;
	fd = open2(AT_FDCWD, c->name, (uint64_t)(flags | O_NONBLOCK | O_CLOEXEC), 0, RESOLVE_NO_SYMLINKS);
	if (fd == -ENOENT || fd == -ENOTDIR) {
		*rule = NULL; /* nothing there: no rule acted, as the full way says */
		return fd;
	}
	if (fd < 0)
		return QUICK_NO;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return QUICK_NO;
	}
	*rule = decide(rs, SUP_OPEN, path, &st, c->flags);
	if (*rule && (*rule)->act.kind == RUN_ERRNO) {
		close(fd);
		return -(*rule)->act.err;
	}
	if (!(flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags & (O_APPEND | O_DIRECT | O_NOATIME));
	return fd;
}

/* Opens what the call names as the caller would, deciding before anything
 * with an effect (O_CREAT, O_TRUNC, a device's open) happens: the name is
 * first resolved with O_PATH, the decision made on the file found (its path
 * and identity), then that very file is opened through its descriptor. A
 * name that does not exist yet, with O_CREAT, is decided on the path it
 * would get and created with O_EXCL, never through a link. Returns the new
 * descriptor or -errno; *rule: the deciding rule or NULL. */
static int open_decided(struct sup_rules *rs, pid_t tid, const struct open_call *call, const struct sup_rule **rule)
{
	char path[PATH_MAX + 2], dir[PATH_MAX];
	struct open_call cc = *call;
	const struct open_call *c = &cc;
	int flags = c->flags & ~O_CLOEXEC;
	int rc0;

	*rule = NULL;
	own_names(tid, cc.name, sizeof(cc.name));
	rc0 = open_quick(rs, c, flags, rule);
	if (rc0 != QUICK_NO)
		return rc0;
	*rule = NULL;
	for (int tries = 0; tries < OPEN_TRIES; tries++) {
		uint64_t resolve = c->resolve;
		int base = open_base(rs, tid, c->dirfd, c->name, &resolve);
		int fd0, fd = -1, rc = 0;
		struct stat st;

		if (base < 0 && base != AT_FDCWD)
			return base;
		fd0 = resolve_path(rs, base, c->name, flags, resolve, path, sizeof(path));
		if (fd0 == -ENOENT && (flags & O_CREAT) && !(flags & O_DIRECTORY)) {
			/* to be created: decide on the path it would have */
			const char *slash = strrchr(c->name, '/');
			const char *last = slash ? slash + 1 : c->name;
			int dfd;

			if (!slash)
				dir[0] = '.', dir[1] = 0;
			else
				snprintf(dir, sizeof(dir), "%.*s", (int)(slash - c->name) ?: 1, c->name);
			dfd = open2(base, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, resolve);
			close_base(base);
			if (dfd < 0)
				return dfd;
			if (!*last || (rc = fd_path(rs, dfd, dir, sizeof(dir))) < 0) {
				close(dfd);
				return !*last ? -EISDIR : rc;
			}
			join(path, sizeof(path), strcmp(dir, "/") ? dir : "", last);
			*rule = decide(rs, SUP_OPEN, path, NULL, c->flags);
			if (*rule && (*rule)->act.kind == RUN_ERRNO) {
				close(dfd);
				return -(*rule)->act.err;
			}
			fd = openat(dfd, last, flags | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)c->mode);
			close(dfd);
			if (fd < 0 && errno == EEXIST && !(flags & O_EXCL))
				continue; /* made meanwhile: decide on what is there now */
			return fd < 0 ? -errno : fd;
		}
		close_base(base);
		if (fd0 < 0)
			return fd0;
		if (fstat(fd0, &st) < 0 || is_own_proc(rs, path)) {
			close(fd0);
			return -EACCES;
		}
		*rule = decide(rs, SUP_OPEN, path, &st, c->flags);
		if (*rule && (*rule)->act.kind == RUN_ERRNO) {
			close(fd0);
			return -(*rule)->act.err;
		}
		if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
			close(fd0);
			return -EEXIST;
		}
		if (flags & O_PATH)
			return fd0;
		if (S_ISLNK(st.st_mode)) { /* O_NOFOLLOW on a symbolic link */
			close(fd0);
			return -ELOOP;
		}
		/* the file found, opened for real through its descriptor; a FIFO
		 * would block the supervisor until a peer comes: opened without
		 * waiting, then made blocking again if the caller wanted it */
		fd = reopen(rs, fd0, (flags & ~(O_CREAT | O_EXCL | O_NOFOLLOW)) | O_CLOEXEC |
					     (S_ISFIFO(st.st_mode) ? O_NONBLOCK : 0));
		rc = fd < 0 ? -errno : fd;
		if (fd >= 0 && S_ISFIFO(st.st_mode) && !(flags & O_NONBLOCK))
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		close(fd0);
		return rc;
	}
	return -EAGAIN;
}

static int read_open_call(pid_t tid, const struct seccomp_notif *req, struct open_call *c)
{
	const uint64_t *a = (const uint64_t *)req->data.args;
	uint64_t name_addr;

	memset(c, 0, sizeof(*c));
	c->dirfd = AT_FDCWD;
	switch (req->data.nr) {
	case SYS_open:
		name_addr = a[0], c->flags = (int)a[1], c->mode = a[2] & 07777;
		break;
	case SYS_creat:
		name_addr = a[0], c->flags = O_CREAT | O_WRONLY | O_TRUNC, c->mode = a[1] & 07777;
		break;
	case SYS_openat:
		c->dirfd = (int)a[0], name_addr = a[1], c->flags = (int)a[2], c->mode = a[3] & 07777;
		break;
	default: { /* openat2 */
		struct open_how how = { 0 };
		size_t len = a[3] < sizeof(how) ? (size_t)a[3] : sizeof(how);

		if (a[3] < 24 || peek(tid, a[2], &how, len) != (ssize_t)len)
			return -EFAULT;
		c->dirfd = (int)a[0], name_addr = a[1], c->flags = (int)how.flags, c->mode = how.mode;
		c->resolve = how.resolve;
		break;
	}
	}
	if (!(c->flags & (O_CREAT | O_TMPFILE)))
		c->mode = 0;
	return peek_path(tid, name_addr, c->name, sizeof(c->name));
}

static void respond(int listener, const struct seccomp_notif *req, int64_t err, bool cont, struct sup_outcome *out)
{
	struct seccomp_notif_resp resp = { .id = req->id };

	if (cont)
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	else
		resp.error = (int32_t)err;
	out->ret = err;
	out->answered = ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0;
}

/* Puts fd into the caller as the call's result. The kernel wakes the caller
 * for it with a plain wakeup (not the notification's CPU-local one), which
 * sends it to another CPU when one is idle, and on a virtual machine waking
 * an idle CPU costs more than all the rest of the call. So for the moment
 * of the hand-over the caller, which waits in its call meanwhile, is held
 * on the supervisor's CPU, and its own CPU mask is put back right after
 * (where it may not be moved, it is not). */
static int hand_over(int listener, const struct seccomp_notif *req, int fd, int cloexec)
{
	struct seccomp_notif_addfd add = {
		.id = req->id,
		.flags = SECCOMP_ADDFD_FLAG_SEND,
		.srcfd = (uint32_t)fd,
		.newfd_flags = (uint32_t)cloexec,
	};
	pid_t tid = (pid_t)req->pid;
	cpu_set_t theirs, here;
	int cpu = sched_getcpu(), remote;
	bool held = false;

	if (cpu >= 0 && cpu < CPU_SETSIZE && sched_getaffinity(tid, sizeof(theirs), &theirs) == 0 &&
	    CPU_ISSET(cpu, &theirs) && CPU_COUNT(&theirs) > 1) {
		CPU_ZERO(&here);
		CPU_SET(cpu, &here);
		held = sched_setaffinity(tid, sizeof(here), &here) == 0;
	}
	remote = ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
	if (held)
		sched_setaffinity(tid, sizeof(theirs), &theirs);
	return remote;
}

static void answer_open(struct sup_rules *rs, int listener, const struct seccomp_notif *req,
			struct sup_outcome *out)
{
	const struct sup_rule *rule = NULL;
	struct open_call c;
	struct creds them, me;
	bool same = true;
	int fd = -1;

	fd = read_open_call((pid_t)req->pid, req, &c);
	if (fd == 0 && ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) < 0)
		return; /* gone: nothing to answer */
	/* the caller's identity is asked for only when it may differ */
	if (fd == 0 && rs->ident_differs && read_creds((pid_t)req->pid, &them) < 0)
		fd = -ESRCH;
	if (fd == 0) {
		if (rs->ident_differs) {
			get_own_creds(&me);
			same = me.fsuid == them.fsuid && me.fsgid == them.fsgid && me.ngroups == them.ngroups &&
			       !memcmp(me.groups, them.groups, (size_t)me.ngroups * sizeof(me.groups[0]));
		}
		if (!same)
			become(&them);
		fd = open_decided(rs, (pid_t)req->pid, &c, &rule);
		if (!same)
			become(&me);
	}
	out->rule = rule ? rule->rule : RUN_RULE_DEFAULT;
	if (fd < 0) {
		out->ret = fd;
		out->failing = true;
		return;
	}
	out->ret = hand_over(listener, req, fd, c.flags & O_CLOEXEC);
	out->answered = out->ret >= 0;
	close(fd);
}

/* A sockaddr's family, address and port. */
static bool dest_matches(const struct sup_rule *r, const struct sockaddr_storage *sa)
{
	const uint8_t *addr;
	int port;

	if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		addr = (const uint8_t *)&in->sin_addr;
		port = ntohs(in->sin_port);
	} else if (sa->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		addr = (const uint8_t *)&in6->sin6_addr;
		port = ntohs(in6->sin6_port);
	} else {
		return false;
	}
	if (r->port >= 0 && r->port != port)
		return false;
	if (!r->have_net)
		return true;
	return sw_cidr_has(&r->net, sa->ss_family, addr);
}

/* The program file an exec call names, opened with O_PATH; path: its path. */
static int exec_target(struct sup_rules *rs, const struct seccomp_notif *req, char *path, size_t size)
{
	const uint64_t *a = (const uint64_t *)req->data.args;
	struct open_call c = { .dirfd = AT_FDCWD };
	pid_t tid = (pid_t)req->pid;
	uint64_t resolve = 0;
	int base, fd;

	if (req->data.nr == SYS_execveat)
		c.dirfd = (int)a[0];
	if (peek_path(tid, req->data.nr == SYS_execveat ? a[1] : a[0], c.name, sizeof(c.name)) < 0)
		return -EFAULT;
	base = open_base(rs, tid, c.dirfd, c.name, &resolve);
	if (base < 0 && base != AT_FDCWD)
		return base;
	if (c.name[0]) {
		fd = resolve_path(rs, base, c.name, 0, resolve, path, size);
	} else {
		fd = dup(base);
		if (fd >= 0 && fd_path(rs, fd, path, size) < 0) {
			close(fd);
			fd = -EACCES;
		}
	}
	close_base(base);
	return fd;
}

void sup_watch_calls(struct sw_sysset *ident, struct sw_sysset *root)
{
	static const int ident_calls[] = { SYS_setuid,    SYS_setgid,    SYS_setreuid, SYS_setregid,
					   SYS_setresuid, SYS_setresgid, SYS_setfsuid, SYS_setfsgid,
					   SYS_setgroups, SYS_capset,    SYS_execveat };
	static const int root_calls[] = { SYS_chroot, SYS_pivot_root, SYS_setns,      SYS_chdir,
					  SYS_fchdir, SYS_unshare,    SYS_mount,      SYS_umount2,
					  SYS_move_mount, SYS_mount_setattr };

	sw_sysset_clear(ident);
	sw_sysset_clear(root);
	for (size_t i = 0; i < sizeof(ident_calls) / sizeof(ident_calls[0]); i++)
		sw_sysset_add(ident, ident_calls[i]);
	for (size_t i = 0; i < sizeof(root_calls) / sizeof(root_calls[0]); i++)
		sw_sysset_add(root, root_calls[i]);
}

void sup_note(struct sup_rules *rs, const struct seccomp_notif *req)
{
	char path[PATH_MAX];
	struct stat st;
	int fd;

	switch (req->data.nr) {
	case SYS_chdir:
	case SYS_fchdir:
		/* every process sharing the caller's (CLONE_FS) moves with it:
		 * from now on each one's is asked for */
		rs->cwd_differs = true;
		return;
	case SYS_unshare:
		/* a mount namespace of its own: its mounts may differ from
		 * syswatch's, which the root and cwd shortcuts rely on; a user
		 * namespace of its own: its identity differs */
		if (req->data.args[0] & CLONE_NEWNS)
			rs->root_differs = rs->cwd_differs = true;
		if (req->data.args[0] & CLONE_NEWUSER)
			rs->ident_differs = true;
		return;
	case SYS_chroot:
	case SYS_pivot_root:
	case SYS_setns:
	case SYS_mount:
	case SYS_umount2:
	case SYS_move_mount:
	case SYS_mount_setattr:
		/* another root or cwd; or, for the mount calls, mounts that
		 * differ from syswatch's if the caller is in a mount namespace of
		 * its own (made by clone with CLONE_NEWNS, which is not seen):
		 * the shortcuts are given up at the first */
		rs->root_differs = rs->cwd_differs = true;
		return;
	case SYS_execve:
	case SYS_execveat:
		if (rs->ident_differs)
			return;
		/* a set-user-ID or set-group-ID program runs as its owner; a
		 * name that cannot be followed here fails the exec too */
		fd = exec_target(rs, req, path, sizeof(path));
		if (fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)) && S_ISREG(st.st_mode))
			rs->ident_differs = true;
		if (fd >= 0)
			close(fd);
		return;
	case SYS_setuid:
	case SYS_setgid:
	case SYS_setreuid:
	case SYS_setregid:
	case SYS_setresuid:
	case SYS_setresgid:
	case SYS_setfsuid:
	case SYS_setfsgid:
	case SYS_setgroups:
	case SYS_capset:
		rs->ident_differs = true;
		return;
	default:
		return;
	}
}

void sup_fail(int listener, const struct seccomp_notif *req, struct sup_outcome *out)
{
	respond(listener, req, out->ret, false, out);
	out->failing = false;
}

void sup_answer(struct sup_rules *rs, int listener, const struct seccomp_notif *req, struct sup_outcome *out)
{
	const uint64_t *a = (const uint64_t *)req->data.args;
	const struct sup_rule *rule = NULL;
	pid_t tid = (pid_t)req->pid;

	memset(out, 0, sizeof(*out));
	out->rule = RUN_RULE_DEFAULT;
	switch (req->data.nr) {
	case SYS_open:
	case SYS_openat:
	case SYS_openat2:
	case SYS_creat:
		answer_open(rs, listener, req, out);
		return;
	case SYS_socket:
		for (size_t i = 0; i < rs->n && !rule; i++)
			if (rs->r[i].group == SUP_SOCKET && (rs->r[i].family < 0 || rs->r[i].family == (int)a[0]))
				rule = &rs->r[i];
		break;
	case SYS_connect:
	case SYS_sendto: {
		struct sockaddr_storage sa = { 0 };
		uint64_t addr = req->data.nr == SYS_connect ? a[1] : a[4];
		uint64_t len = req->data.nr == SYS_connect ? a[2] : a[5];

		if (addr && len && peek(tid, addr, &sa, len < sizeof(sa) ? (size_t)len : sizeof(sa)) > 0)
			for (size_t i = 0; i < rs->n && !rule; i++)
				if (rs->r[i].group == SUP_CONNECT && dest_matches(&rs->r[i], &sa))
					rule = &rs->r[i];
		break;
	}
	default: { /* execve, execveat: the program file the name leads to */
		char path[PATH_MAX];
		struct stat st;
		int fd = exec_target(rs, req, path, sizeof(path));

		if (fd >= 0 && fstat(fd, &st) == 0)
			rule = decide(rs, SUP_EXEC, path, &st, 0);
		if (fd >= 0)
			close(fd);
		break;
	}
	}
	out->rule = rule ? rule->rule : RUN_RULE_DEFAULT;
	if (rule && rule->act.kind == RUN_ERRNO) {
		out->ret = -rule->act.err;
		out->failing = true;
	} else
		respond(listener, req, 0, true, out); /* the kernel runs the call as it is */
}
