// SPDX-License-Identifier: GPL-2.0-only
/* JSON Lines files, stdout and syslog for the monitor. The syslog client
 * speaks the local syslog protocol on a configurable socket (/dev/log by
 * default; journald listens there under systemd), so it can be tested and
 * pointed elsewhere; the message is the alert's JSON, which has no control
 * characters. */
#include "monitor/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "decode/decode.h"
#include "monitor/cgroups.h"
#include "monitor/users.h"
#include "resolve/fdinfo.h"
#include "output/output.h"

#define BATCH_MAX (256u << 10) /* a batch is written once it holds this much */

struct outfile {
	char *path;
	int fd;
	uint64_t size;            /* bytes in the file */
	struct sw_strbuf pending; /* whole lines not yet written */
};

struct sw_mon_sinks {
	const struct sw_mon_config *cfg;
	struct outfile events, alerts;
	int syslog_fd;
	char host[256];
	struct sw_strbuf line;
	struct sw_mon_names names; /* users and cgroups, owned */
	struct sw_mon_sink_stats st;
	char errmsg[SW_ERR_MAX];
};

static int outfile_open(struct outfile *f, const char *path, struct sw_err *err)
{
	f->fd = -1;
	if (!path)
		return 0;
	/* 0600 whatever the umask: events and alerts name users' files and commands */
	f->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (f->fd < 0)
		return sw_err_set(err, "cannot open %s: %s", path, strerror(errno));
	f->path = sw_xstrdup(path);
	sw_strbuf_init(&f->pending);
	{
		struct stat st;

		f->size = fstat(f->fd, &st) == 0 ? (uint64_t)st.st_size : 0;
	}
	return 0;
}

static void note_error(struct sw_mon_sinks *s, const char *what, const char *path, int e)
{
	s->st.errors++;
	snprintf(s->errmsg, sizeof(s->errmsg), "cannot write %s%s%s: %s", what, path ? " " : "",
		 path ? path : "", strerror(e));
}

/* Writes all of buf; a short write is retried, an error reported. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* events.jsonl -> events.jsonl.1 -> ... -> events.jsonl.KEEP (dropped), then
 * a fresh events.jsonl. On an error the current file is kept and grows. */
static void outfile_rotate(struct sw_mon_sinks *s, struct outfile *f, unsigned keep)
{
	size_t n = strlen(f->path) + 16;
	char *from = sw_xmalloc(n), *to = sw_xmalloc(n);
	int fd;

	for (unsigned i = keep; i > 0; i--) {
		snprintf(to, n, "%s.%u", f->path, i);
		if (i > 1)
			snprintf(from, n, "%s.%u", f->path, i - 1);
		else
			snprintf(from, n, "%s", f->path);
		if (rename(from, to) < 0 && errno != ENOENT)
			note_error(s, "(rotating) to", to, errno);
	}
	fd = open(f->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		note_error(s, "(rotating) to", f->path, errno);
	} else {
		close(f->fd);
		f->fd = fd;
		f->size = 0;
		s->st.rotations++;
	}
	free(from);
	free(to);
}

static int outfile_flush(struct sw_mon_sinks *s, struct outfile *f)
{
	int rc = 0;

	if (f->fd < 0 || f->pending.len == 0)
		return 0;
	if (f == &s->events && s->cfg->events_max_size && f->size &&
	    f->size + f->pending.len > s->cfg->events_max_size)
		outfile_rotate(s, f, s->cfg->events_keep);
	if (write_all(f->fd, f->pending.buf, f->pending.len) < 0) {
		note_error(s, "to", f->path, errno);
		rc = -1;
	} else {
		f->size += f->pending.len;
	}
	sw_strbuf_reset(&f->pending);
	return rc;
}

static void outfile_close(struct sw_mon_sinks *s, struct outfile *f)
{
	if (f->fd < 0)
		return;
	outfile_flush(s, f);
	close(f->fd);
	f->fd = -1;
	free(f->path);
	f->path = NULL;
	sw_strbuf_release(&f->pending);
}

int sw_mon_sinks_open(struct sw_mon_sinks **out, const struct sw_mon_config *cfg, struct sw_err *err)
{
	struct sw_mon_sinks *s = sw_xcalloc(1, sizeof(*s));

	s->cfg = cfg;
	s->syslog_fd = -1;
	s->events.fd = s->alerts.fd = -1;
	s->names.users = sw_mon_users_new();
	s->names.cgroups = sw_mon_cgroups_new(NULL);
	if (gethostname(s->host, sizeof(s->host) - 1) < 0)
		snprintf(s->host, sizeof(s->host), "localhost");
	if (outfile_open(&s->events, cfg->events_path, err) < 0 ||
	    outfile_open(&s->alerts, cfg->alerts_path, err) < 0) {
		sw_mon_sinks_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void sw_mon_sinks_close(struct sw_mon_sinks *s)
{
	if (!s)
		return;
	outfile_close(s, &s->events);
	outfile_close(s, &s->alerts);
	if (s->syslog_fd >= 0)
		close(s->syslog_fd);
	sw_strbuf_release(&s->line);
	sw_mon_users_free(s->names.users);
	sw_mon_cgroups_free(s->names.cgroups);
	free(s);
}

/* ---- JSON --------------------------------------------------------------------------- */

void sw_mon_format_time(struct sw_strbuf *sb, uint64_t ts_ns)
{
	time_t t = (time_t)(ts_ns / 1000000000ull);
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sw_strbuf_printf(sb, "%s.%03uZ", buf, (unsigned)(ts_ns / 1000000 % 1000));
}

static const char *syscall_name(int nr, char *buf, size_t len)
{
	const struct sw_syscall *sc = nr >= 0 ? sw_syscall_by_nr(nr) : NULL;

	if (sc)
		return sc->name;
	snprintf(buf, len, "syscall_%d", nr);
	return buf;
}

static const char *errno_name(const struct sw_event *ev)
{
	if (!sw_mon_event_failed(ev))
		return NULL;
	return sw_json_errno_name((int)-ev->ret);
}


/* "user" (the name of uid, or null), and the other credentials when known:
 * "gid", "euid", and those at entry when the call changed them. */
static void format_creds(struct sw_strbuf *sb, struct sw_mon_users *users, uint32_t uid, bool creds, uint32_t gid,
			 uint32_t euid, uint32_t enter_uid, uint32_t enter_gid, uint32_t enter_euid)
{
	const char *name = users ? sw_mon_users_name(users, uid) : NULL;

	if (users)
		sw_json_name(sb, "user", name);
	if (!creds)
		return;
	sw_json_u64(sb, "gid", gid);
	sw_json_u64(sb, "euid", euid);
	if (enter_uid == uid && enter_gid == gid && enter_euid == euid)
		return;
	sw_json_u64(sb, "enter_uid", enter_uid);
	if (users) {
		name = sw_mon_users_name(users, enter_uid);
		sw_json_name(sb, "enter_user", name);
	}
	sw_json_u64(sb, "enter_gid", enter_gid);
	sw_json_u64(sb, "enter_euid", enter_euid);
}

/* The process's parent and session. */
static void format_family(struct sw_strbuf *sb, uint32_t ppid, const char *pcomm, uint32_t sid)
{
	sw_json_u64(sb, "ppid", ppid);
	sw_json_event_comm(sb, "parent_comm", pcomm);
	sw_json_u64(sb, "sid", sid);
}

/* The cgroup's path and the container id in it. */
static void format_cgroup(struct sw_strbuf *sb, const struct sw_mon_names *names, uint64_t id)
{
	const char *p = names && id ? sw_mon_cgroups_path(names->cgroups, id) : NULL;
	char cid[65];

	if (!p)
		return;
	sw_json_str(sb, "cgroup", p, strlen(p));
	if (sw_mon_container_id(p, cid))
		sw_json_str(sb, "container_id", cid, 64);
}

void sw_mon_format_event(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_mon_names *names)
{
	struct sw_mon_users *users = names ? names->users : NULL;
	struct sw_decode_opts dec = { .strlimit = SW_DEFAULT_STRLIMIT };
	struct sw_strbuf text = SW_STRBUF_INIT;
	char nbuf[32], addr[160];
	const char *path, *err, *name = syscall_name(ev->nr, nbuf, sizeof(nbuf));
	size_t len;

	sw_strbuf_putc(sb, '{');
	sw_json_event_task(sb, ev);
	format_creds(sb, users, ev->uid, ev->flags & SW_EVF_CONTEXT, ev->gid, ev->euid, ev->enter_uid, ev->enter_gid,
		     ev->enter_euid);
	sw_json_event_comm(sb, "comm", ev->comm);
	if (ev->flags & SW_EVF_CONTEXT) {
		format_family(sb, ev->ppid, ev->pcomm, ev->sid);
		format_cgroup(sb, names, ev->cgroup_id);
	}
	sw_json_event_call(sb, ev, name);
	if (ev->flags & SW_EVF_IOURING)
		sw_json_str(sb, "via", "io_uring", 8);
	if (ev->flags & SW_EVF_NORET) {
		sw_json_key(sb, "ret");
		sw_strbuf_puts(sb, "null");
	} else {
		sw_json_i64(sb, "ret", ev->ret);
	}
	err = errno_name(ev);
	sw_json_name(sb, "errno", err);
	if (ev->flags & SW_EVF_NO_DUR) {
		sw_json_key(sb, "dur_ns");
		sw_strbuf_puts(sb, "null");
	} else {
		sw_json_u64(sb, "dur_ns", ev->dur_ns);
	}
	if ((path = sw_mon_event_path(ev, &len))) {
		char *rp = sw_xmalloc(SW_FDPATH_MAX + 1);
		int n;

		sw_json_str(sb, "path", path, len);
		if ((n = sw_mon_event_resolved(ev, rp, SW_FDPATH_MAX + 1)) >= 0)
			sw_json_str(sb, "resolved_path", rp, (size_t)n);
		if ((n = sw_mon_event_exe(ev, rp, SW_FDPATH_MAX + 1)) >= 0)
			sw_json_str(sb, "exe", rp, (size_t)n);
		free(rp);
	}
	if (sw_mon_event_addr(ev, addr, sizeof(addr)) == 0)
		sw_json_name(sb, "addr", addr);
	sw_decode_call(&text, ev, &dec);
	sw_json_str(sb, "text", sw_strbuf_str(&text), text.len);
	sw_strbuf_release(&text);
	sw_strbuf_putc(sb, '}');
}

/* The process a call with SW_TRAIT_TARGET (kill, ptrace) aims at, and its
 * command (read now, best effort: it may be gone). */
static void format_target(struct sw_strbuf *sb, const struct sw_mon_evsum *e)
{
	const struct sw_syscall *sc = e->nr >= 0 ? sw_syscall_by_nr(e->nr) : NULL;
	long pid = -1;
	char path[64], comm[64];
	FILE *f;

	for (int i = 0; sc && (sc->traits & SW_TRAIT_TARGET) && i < sc->nargs; i++) {
		if (sc->args[i].type == SW_T_PID) {
			pid = (long)(int32_t)e->args[i];
			break;
		}
	}
	if (pid <= 0)
		return;
	sw_json_u64(sb, "target_pid", (uint64_t)pid);
	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	if ((f = fopen(path, "re"))) {
		if (fgets(comm, sizeof(comm), f)) {
			comm[strcspn(comm, "\n")] = '\0';
			sw_json_name(sb, "target_comm", comm);
		}
		fclose(f);
	}
}

static void format_evsum(struct sw_strbuf *sb, const char *key, const struct sw_mon_evsum *e,
			 const struct sw_mon_names *names)
{
	struct sw_mon_users *users = names ? names->users : NULL;
	char nbuf[32];
	const char *name = syscall_name(e->nr, nbuf, sizeof(nbuf));

	sw_json_key(sb, key);
	sw_strbuf_putc(sb, '{');
	sw_json_u64(sb, "ts_ns", e->ts_ns);
	sw_json_u64(sb, "pid", e->pid);
	sw_json_u64(sb, "tid", e->tid);
	sw_json_u64(sb, "uid", e->uid);
	format_creds(sb, users, e->uid, e->creds, e->gid, e->euid, e->enter_uid, e->enter_gid, e->enter_euid);
	sw_json_event_comm(sb, "comm", e->comm);
	if (e->creds) {
		format_family(sb, e->ppid, e->pcomm, e->sid);
		format_cgroup(sb, names, e->cgroup_id);
	}
	sw_json_name(sb, "syscall", name);
	if (e->uring)
		sw_json_str(sb, "via", "io_uring", 8);
	sw_json_i64(sb, "ret", e->ret);
	format_target(sb, e);
	if (e->path)
		sw_json_str(sb, "path", e->path, e->path_len);
	if (e->resolved)
		sw_json_name(sb, "resolved_path", e->resolved);
	if (e->exe)
		sw_json_name(sb, "exe", e->exe);
	if (e->addr)
		sw_json_name(sb, "addr", e->addr);
	sw_strbuf_putc(sb, '}');
}

void sw_mon_format_alert(struct sw_strbuf *sb, const struct sw_mon_alert *a, const char *host,
			 const struct sw_mon_names *names)
{
	struct sw_mon_users *users = names ? names->users : NULL;
	const struct sw_mon_rule *r = a->rule;
	const char *sev = sw_mon_severity_name(r->severity);
	const char *key = sw_mon_keyby_name(a->key);

	sw_strbuf_putc(sb, '{');
	sw_json_key(sb, "time");
	sw_strbuf_putc(sb, '"');
	sw_mon_format_time(sb, a->ts_ns);
	sw_strbuf_putc(sb, '"');
	sw_json_u64(sb, "ts_ns", a->ts_ns);
	sw_json_str(sb, "type", "alert", 5);
	if (host)
		sw_json_name(sb, "host", host);
	sw_json_name(sb, "rule", r->name);
	if (r->group)
		sw_json_name(sb, "group", r->group);
	sw_json_name(sb, "severity", sev);
	if (r->description)
		sw_json_name(sb, "description", r->description);
	sw_json_name(sb, "key", key);
	switch (a->key) {
	case SW_KEY_PROCESS:
		sw_json_u64(sb, "pid", a->key_id);
		sw_json_event_comm(sb, "comm", a->key_comm);
		break;
	case SW_KEY_USER: {
		const char *name = users ? sw_mon_users_name(users, (uint32_t)a->key_id) : NULL;

		sw_json_u64(sb, "uid", a->key_id);
		if (users)
			sw_json_name(sb, "user", name);
		break;
	}
	case SW_KEY_COMM:
		sw_json_event_comm(sb, "comm", a->key_comm);
		break;
	case SW_KEY_PARENT:
		sw_json_u64(sb, "ppid", a->key_id);
		sw_json_event_comm(sb, "parent_comm", a->last->pcomm);
		break;
	case SW_KEY_SESSION:
		sw_json_u64(sb, "sid", a->key_id);
		break;
	}
	sw_json_u64(sb, "count", a->count);
	sw_json_u64(sb, "threshold", r->threshold);
	sw_json_u64(sb, "window_s", r->window_ns / 1000000000ull);
	if (r->action != SW_ACT_ALERT) {
		sw_json_str(sb, "action", r->action == SW_ACT_VERIFY ? "verify" : "kill",
			 r->action == SW_ACT_VERIFY ? 6 : 4);
		sw_json_u64(sb, "target_pid", a->last->pid);
		sw_json_event_comm(sb, "target_comm", a->last->comm);
		if (a->verify_log)
			sw_json_name(sb, "verify_log", a->verify_log);
		if (r->action == SW_ACT_KILL) {
			sw_json_key(sb, "killed");
			sw_strbuf_puts(sb, a->killed ? "true" : "false");
		}
		if (a->action_error)
			sw_json_name(sb, "action_error", a->action_error);
	}
	format_evsum(sb, "first", a->first, names);
	format_evsum(sb, "last", a->last, names);
	sw_strbuf_putc(sb, '}');
}

/* ---- writing ------------------------------------------------------------------------ */

int sw_mon_sinks_event(struct sw_mon_sinks *s, const struct sw_event *ev)
{
	struct outfile *f = &s->events;

	if (f->fd < 0)
		return 0;
	sw_mon_format_event(&f->pending, ev, &s->names);
	sw_strbuf_putc(&f->pending, '\n');
	s->st.events++;
	/* with rotation, batches stay well under the size, so files do too */
	if (!s->cfg->batching || f->pending.len >= BATCH_MAX ||
	    (s->cfg->events_max_size && f->pending.len >= s->cfg->events_max_size / 4))
		return outfile_flush(s, f);
	return 0;
}

static int syslog_connect(struct sw_mon_sinks *s)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	const char *path = s->cfg->syslog_socket;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	s->syslog_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->syslog_fd < 0)
		return -1;
	if (connect(s->syslog_fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		int e = errno;

		close(s->syslog_fd);
		s->syslog_fd = -1;
		errno = e;
		return -1;
	}
	return 0;
}

/* "<PRI>Mmm dd hh:mm:ss syswatch[PID]: MSG", the local syslog format. */
static int syslog_send(struct sw_mon_sinks *s, int severity, const char *msg, size_t len)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	int rc = -1;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
	sw_strbuf_printf(&sb, "<%d>%s syswatch[%d]: ", LOG_DAEMON | severity, stamp, (int)getpid());
	sw_strbuf_add(&sb, msg, len);
	for (int attempt = 0; attempt < 2 && rc < 0; attempt++) {
		if (s->syslog_fd < 0 && syslog_connect(s) < 0)
			break;
		if (send(s->syslog_fd, sb.buf, sb.len, MSG_NOSIGNAL) == (ssize_t)sb.len) {
			rc = 0;
		} else {
			/* the daemon restarted, or the socket was replaced: reconnect once */
			close(s->syslog_fd);
			s->syslog_fd = -1;
		}
	}
	if (rc < 0)
		note_error(s, "to syslog at", s->cfg->syslog_socket, errno);
	sw_strbuf_release(&sb);
	return rc;
}

/* One line to the alert sinks: the alerts file, stdout, syslog. Returns -1
 * when a sink failed; *out says how many took it. */
static int alert_line(struct sw_mon_sinks *s, int prio, const struct sw_strbuf *line, int *out)
{
	int rc = 0, written = 0;

	if (s->alerts.fd >= 0) {
		if (write_all(s->alerts.fd, line->buf, line->len) < 0)
			note_error(s, "to", s->alerts.path, errno), rc = -1;
		else
			written++;
	}
	if (s->cfg->alerts_stdout) {
		if (write_all(STDOUT_FILENO, line->buf, line->len) < 0)
			note_error(s, "to", "stdout", errno), rc = -1;
		else
			written++;
	}
	if (s->cfg->syslog) {
		if (syslog_send(s, prio, line->buf, line->len - 1) < 0)
			rc = -1;
		else
			written++;
	}
	*out = written;
	return rc;
}

int sw_mon_sinks_lost(struct sw_mon_sinks *s, uint64_t lost, double secs, double ratio, uint64_t total)
{
	struct sw_strbuf *line = &s->line;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	sw_strbuf_reset(line);
	sw_strbuf_putc(line, '{');
	sw_json_key(line, "time");
	sw_strbuf_putc(line, '"');
	sw_mon_format_time(line, (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec);
	sw_strbuf_putc(line, '"');
	sw_json_str(line, "type", "events_lost", strlen("events_lost"));
	sw_json_name(line, "host", s->host);
	sw_json_u64(line, "lost", lost);
	sw_strbuf_printf(line, ",\"interval_s\":%.1f,\"lost_ratio\":%.6f", secs, ratio);
	sw_json_u64(line, "lost_total", total);
	sw_json_str(line, "message", "events were dropped: detection is incomplete for this interval",
		 strlen("events were dropped: detection is incomplete for this interval"));
	sw_strbuf_puts(line, "}\n");
	int written;

	return alert_line(s, LOG_WARNING, line, &written);
}

int sw_mon_sinks_alert(struct sw_mon_sinks *s, const struct sw_mon_alert *a)
{
	static const int prio[] = { LOG_INFO, LOG_WARNING, LOG_CRIT };
	struct sw_strbuf *line = &s->line;
	int written, rc;

	sw_strbuf_reset(line);
	sw_mon_format_alert(line, a, s->host, &s->names);
	sw_strbuf_putc(line, '\n');
	rc = alert_line(s, prio[a->rule->severity < SW_SEV_COUNT ? a->rule->severity : 0], line, &written);
	if (written)
		s->st.alerts++;
	return rc;
}

int sw_mon_sinks_flush(struct sw_mon_sinks *s)
{
	int rc = outfile_flush(s, &s->events);

	return outfile_flush(s, &s->alerts) < 0 ? -1 : rc;
}

void sw_mon_sinks_stats(const struct sw_mon_sinks *s, struct sw_mon_sink_stats *st)
{
	*st = s->st;
}

bool sw_mon_sinks_take_error(struct sw_mon_sinks *s, char *buf, size_t len)
{
	if (!s->errmsg[0])
		return false;
	snprintf(buf, len, "%s", s->errmsg);
	s->errmsg[0] = '\0';
	return true;
}
