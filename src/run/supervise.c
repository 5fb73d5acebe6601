// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run: the launch and the supervisor.
 *
 * The child installs the filter itself, then calls execve at once. With a
 * listener (SECCOMP_FILTER_FLAG_NEW_LISTENER), execve is one of the calls
 * handed to syswatch, so the child waits in it until syswatch has taken the
 * listener out of the child's descriptor table (pidfd_getfd) and answered:
 * nothing runs between the filter and the program but that execve, and no
 * syscall of the handshake can be caught by the policy. The kernel allows
 * one listener per chain of filters; a process already under one (syswatch
 * run inside syswatch run) gets EBUSY, and the child then installs the same
 * policy with every action in the kernel, uncounted. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "decode/decode.h"
#include "engine/ptrace/ptrace.h"
#include "run/sigsys.h"
#include "run/supervise.h"
#include "util/launch.h"
#include "util/proc.h"
#include "util/strbuf.h"

#define LAUNCH_TIMEOUT_MS 10000

/* Linux 6.6: the caller and the supervisor hand over on the same CPU (a
 * switch, not a wake-up on another CPU): several times less per call. */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

extern char **environ;

/* What the child tells syswatch on its status pipe (close-on-exec: end of
 * file once execve succeeded). */
struct launch_msg {
	char tag; /* 'L': the listener will be descriptor val; 'B': no listener (errno val);
	           * 'S': no filter (errno val); 'E': execve failed (errno val) */
	int val;
};

static void say(int fd, char tag, int val)
{
	struct launch_msg m = { .tag = tag, .val = val };

	if (write(fd, &m, sizeof(m)) < 0)
		_exit(127);
}

static long load_filter(unsigned flags, const struct sock_fprog *prog)
{
	long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog);

	/* without CAP_SYS_ADMIN the kernel wants no_new_privs first */
	if (rc < 0 && errno == EACCES && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
		rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog);
	return rc;
}

static void __attribute__((noreturn)) child_main(int wr, const char *path, char *const *argv,
						 const struct sock_fprog *nprog, const struct sock_fprog *kprog)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	if (nprog) {
		int n = fcntl(wr, F_DUPFD, 0); /* the lowest free descriptor: the listener's */

		if (n >= 0)
			close(n);
		say(wr, 'L', n);
		if (load_filter(SECCOMP_FILTER_FLAG_NEW_LISTENER, nprog) >= 0) {
			syscall(SYS_execve, path, argv, environ);
			say(wr, 'E', errno);
			_exit(errno == ENOENT ? 127 : 126);
		}
		say(wr, 'B', errno);
		if (!kprog)
			_exit(1); /* --supervise: no policy without its supervisor */
	}
	if (load_filter(0, kprog) < 0) {
		say(wr, 'S', errno);
		_exit(1);
	}
	syscall(SYS_execve, path, argv, environ);
	say(wr, 'E', errno);
	_exit(errno == ENOENT ? 127 : 126);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Reads one message; 0 at end of file, 1 read, -1 on error. */
static int read_msg(int rd, struct launch_msg *m)
{
	ssize_t n;

	do
		n = read(rd, m, sizeof(*m));
	while (n < 0 && errno == EINTR);
	if (n == 0)
		return 0;
	return n == (ssize_t)sizeof(*m) ? 1 : -1;
}

static bool is_listener(int fd)
{
	char link[64], target[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = 0;
	return strcmp(target, "anon_inode:seccomp notify") == 0;
}

struct launch {
	pid_t pid;
	int pidfd;
	int rd;          /* the status pipe, -1 at its end */
	int listener;    /* -1: none */
	int exec_errno;  /* execve failed */
	int filter_errno; /* no filter could be installed */
	int listener_errno; /* the kernel refused a listener */
};

/* Handles the messages waiting on the status pipe (timeout_ms: how long to wait for one). */
static void drain_msgs(struct launch *l, int timeout_ms, struct run_result *res)
{
	struct pollfd p = { .fd = l->rd, .events = POLLIN };
	struct launch_msg m;
	int rc;

	while (l->rd >= 0 && poll(&p, 1, timeout_ms) > 0) {
		rc = read_msg(l->rd, &m);
		if (rc <= 0) {
			close(l->rd);
			l->rd = -1;
			break;
		}
		if (m.tag == 'B')
			l->listener_errno = m.val;
		if (m.tag == 'B')
			snprintf(res->why_uncounted, sizeof(res->why_uncounted),
				 m.val == EBUSY ? "the command runs under a seccomp filter with a listener already "
						  "(the kernel allows one), every action is the kernel's"
						: "the kernel refused a seccomp listener (%s), every action is the kernel's",
				 strerror(m.val));
		else if (m.tag == 'E')
			l->exec_errno = m.val;
		else if (m.tag == 'S')
			l->filter_errno = m.val;
		timeout_ms = 0;
	}
}

/* Takes the child's listener once it installed its filter (the child then
 * waits in its execve), or learns that it has none. */
static int take_listener(struct launch *l, struct run_result *res, struct sw_err *err)
{
	uint64_t deadline = now_ms() + LAUNCH_TIMEOUT_MS;
	struct launch_msg m;

	if (read_msg(l->rd, &m) != 1 || m.tag != 'L' || m.val < 0)
		return sw_err_set(err, "the command's launch failed before its filter was installed");
	while (l->rd >= 0 && !res->why_uncounted[0]) {
		int fd = (int)syscall(SYS_pidfd_getfd, l->pidfd, m.val, 0);

		if (fd >= 0) {
			if (is_listener(fd)) {
				l->listener = fd;
				/* older kernels refuse it (EINVAL): calls are then slower, not wrong */
				ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
				return 0;
			}
			close(fd);
		} else if (errno != EBADF && errno != ESRCH) {
			/* EBADF: no filter yet; ESRCH: the child ended (its message says why) */
			return sw_err_set(err, "cannot take the command's seccomp listener: pidfd_getfd: %s "
					       "(--no-count runs without one)", strerror(errno));
		}
		if (now_ms() > deadline)
			return sw_err_set(err, "the command did not install its seccomp filter within %d s",
					  LAUNCH_TIMEOUT_MS / 1000);
		drain_msgs(l, 1, res);
	}
	return 0;
}

static pid_t tgid_of(pid_t tid)
{
	pid_t tgid = sw_proc_tgid(tid);

	return tgid < 0 ? tid : tgid;
}

struct supervisor {
	const struct run_opts *o;
	struct run_result *res;
	struct pt_mem mem;
	struct sw_event *ev;
	struct sw_strbuf sb;
	pid_t child;
	bool launched; /* the child's own execve was let through */
};

/* The call's arguments, read from the caller while it waits for the
 * answer (after it, the memory may hold something else). */
static void capture(struct supervisor *s, const struct seccomp_notif *req)
{
	struct sw_event *ev = s->ev;

	sw_event_reset(ev);
	ev->kind = SW_EV_SYSCALL;
	ev->arch = SW_ARCH_X86_64;
	ev->nr = req->data.nr;
	ev->tid = req->pid;
	ev->pid = (uint32_t)tgid_of((pid_t)req->pid);
	for (int i = 0; i < SW_NARGS; i++)
		ev->args[i] = req->data.args[i];
	pt_capture(&s->mem, (pid_t)req->pid, &s->ev, SW_AT_ENTER, s->o->strlimit);
}

/* The captured call decoded as trace prints it, with its result ret. */
static void show_captured(struct supervisor *s, int rule, int64_t ret)
{
	struct sw_decode_opts dopts = { .strlimit = s->o->strlimit };
	struct run_result *res = s->res;
	struct run_shown *sh;

	s->ev->ret = ret;
	sw_strbuf_reset(&s->sb);
	sw_decode_call(&s->sb, s->ev, &dopts);
	sw_strbuf_puts(&s->sb, " = ");
	sw_decode_ret(&s->sb, s->ev, &dopts);
	res->shown = sw_xrealloc(res->shown, (res->nshown + 1) * sizeof(*res->shown));
	sh = &res->shown[res->nshown++];
	sh->tid = (pid_t)s->ev->tid;
	sh->rule = rule;
	sh->text = sw_xstrdup(sw_strbuf_str(&s->sb));
}

static void show(struct supervisor *s, const struct seccomp_notif *req, int rule, int64_t ret)
{
	capture(s, req);
	show_captured(s, rule, ret);
}

static void count_n(struct supervisor *s, int rule, int nr, uint64_t n)
{
	uint64_t **c;

	if (!s->res->count) {
		s->res->ncount = s->o->policy->nrules + 1;
		s->res->count = sw_xcalloc(s->res->ncount, sizeof(*s->res->count));
	}
	c = &s->res->count[rule + 1];

	if (!*c)
		*c = sw_xcalloc(SW_NR_MAX, sizeof(**c));
	(*c)[nr] += n;
}

static void count(struct supervisor *s, int rule, int nr)
{
	count_n(s, rule, nr, 1);
}

/* The calls the kernel trapped or killed, from the eBPF counter, under
 * the rules with those actions. */
static void count_signals(struct supervisor *s, const struct run_sigsys *sig)
{
	static uint64_t trapped[SIGSYS_NR_MAX], killed[SIGSYS_NR_MAX];
	int rule;

	run_sigsys_read(sig, trapped, killed, SIGSYS_NR_MAX);
	for (int nr = 0; nr < SW_NR_MAX && nr < SIGSYS_NR_MAX; nr++) {
		if (trapped[nr] && (rule = run_policy_rule_for(s->o->policy, nr, RUN_TRAP)) >= RUN_RULE_DEFAULT)
			count_n(s, rule, nr, trapped[nr]);
		if (killed[nr] && (rule = run_policy_rule_for(s->o->policy, nr, RUN_KILL)) >= RUN_RULE_DEFAULT)
			count_n(s, rule, nr, killed[nr]);
	}
	s->res->signals_counted = true;
}

#define RUN_RULE_NONE (-2)

/* A call --supervise decides on; log_rule: the policy's log rule that also
 * counts it, or RUN_RULE_NONE. */
static void supervised(struct supervisor *s, int listener, const struct seccomp_notif *req, int nr, int log_rule)
{
	const struct run_policy *p = s->o->policy;
	bool captured = false;
	struct sup_outcome so;

	sup_answer(s->o->sup, listener, req, &so);
	if (so.failing) {
		/* the caller still waits: its arguments can be read */
		captured = s->res->nshown < s->o->max_shown && so.rule != RUN_RULE_DEFAULT;
		if (captured)
			capture(s, req);
		sup_fail(listener, req, &so);
	}
	if (!so.answered)
		return; /* interrupted: the call is made again, and counted then */
	if (log_rule != RUN_RULE_NONE)
		count(s, log_rule, nr);
	if (so.rule == RUN_RULE_DEFAULT)
		return;
	count(s, so.rule, nr);
	if (p->rule[so.rule].act.kind == RUN_ERRNO && captured)
		show_captured(s, so.rule, so.ret);
}

/* Receives and answers one call. */
static void answer(struct supervisor *s, int listener)
{
	const struct run_policy *p = s->o->policy;
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	const struct run_action *act;
	int nr, rule;

	memset(&req, 0, sizeof(req));
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		return; /* the caller was interrupted, or is gone */
	memset(&resp, 0, sizeof(resp));
	resp.id = req.id;
	nr = req.data.arch == AUDIT_ARCH_X86_64 && req.data.nr >= 0 && req.data.nr < SW_NR_MAX ? req.data.nr : -1;
	{
		uint64_t args[6];
		const struct run_entry *e;

		for (int i = 0; i < 6; i++)
			args[i] = req.data.args[i];
		e = nr >= 0 ? run_policy_match(p, nr, args) : NULL;

		rule = e ? e->rule : RUN_RULE_DEFAULT;
		act = e ? &e->act : &p->dflt;
	}
	if (!s->launched && nr == SYS_execve && (pid_t)req.pid == s->child) {
		s->launched = true; /* the launch itself */
		act = NULL;
	}
	if (s->o->sup && nr >= 0)
		sup_note(s->o->sup, &req);
	if (act && s->o->sup && nr >= 0 && sw_sysset_has(&s->o->sup->calls, nr) &&
	    (act->kind == RUN_ALLOW || act->kind == RUN_LOG)) {
		supervised(s, listener, &req, nr, act->kind == RUN_LOG ? rule : RUN_RULE_NONE);
		return;
	}
	if (!act || act->kind == RUN_ALLOW || act->kind == RUN_LOG) {
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (act->kind == RUN_ERRNO) {
		resp.error = -act->err;
	} else {
		/* kill or trap of execve, which the supervisor must see: the signal
		 * the kernel would have sent */
		if (act->kind == RUN_KILL)
			kill(tgid_of((pid_t)req.pid), SIGSYS);
		else if (act->kind == RUN_KILL_THREAD)
			syscall(SYS_tgkill, tgid_of((pid_t)req.pid), req.pid, SIGKILL);
		else
			syscall(SYS_tgkill, tgid_of((pid_t)req.pid), req.pid, SIGSYS);
		resp.error = -ENOSYS;
	}
	if (act && act->kind != RUN_ALLOW && nr >= 0 && s->res->nshown < s->o->max_shown &&
	    act->kind != RUN_LOG)
		show(s, &req, rule, resp.error);
	/* ENOENT: the call was interrupted by a signal and will be made again */
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0)
		return;
	if (act && act->kind != RUN_ALLOW)
		count(s, rule, nr >= 0 ? nr : 0);
}

/* Answers calls until the command ends; returns its wait status. */
static int supervise(struct supervisor *s, struct launch *l)
{
	struct pollfd pf[2] = { { .fd = l->pidfd, .events = POLLIN }, { .fd = l->listener, .events = POLLIN } };
	int status = 0, passed = 0;

	for (;;) {
		if (s->o->stop && *s->o->stop && *s->o->stop != passed) {
			passed = *s->o->stop;
			kill(l->pid, passed);
		}
		if (poll(pf, l->listener >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (l->listener >= 0 && (pf[1].revents & POLLIN))
			answer(s, l->listener);
		if (l->listener >= 0 && (pf[1].revents & (POLLHUP | POLLERR)) && !(pf[1].revents & POLLIN))
			pf[1].events = 0; /* every process under the filter is gone */
		if (pf[0].revents & POLLIN)
			break;
	}
	while (waitpid(l->pid, &status, 0) < 0 && errno == EINTR)
		;
	/* calls made before the command's end are still answered; the ones of
	 * processes it left behind then fail with ENOSYS (no supervisor) */
	pf[1].events = POLLIN;
	while (l->listener >= 0 && poll(&pf[1], 1, 0) > 0 && (pf[1].revents & POLLIN))
		answer(s, l->listener);
	return status;
}

static void launch_close(struct launch *l)
{
	if (l->rd >= 0)
		close(l->rd);
	if (l->listener >= 0)
		close(l->listener);
	if (l->pidfd >= 0)
		close(l->pidfd);
}

static int exit_code_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

int run_command(const struct run_opts *o, struct run_result *res, struct sw_err *err)
{
	struct sock_fprog nprog = { 0 }, kprog = { 0 };
	struct launch l = { .pid = -1, .pidfd = -1, .rd = -1, .listener = -1 };
	struct supervisor s = { .o = o, .res = res };
	struct run_sigsys *sig = NULL;
	struct sw_launch pipes;
	char path[PATH_MAX];
	int rc = -1;

	memset(res, 0, sizeof(*res));
	res->exit_code = 1;
	if (sw_find_program(o->argv[0], path) < 0) {
		res->exit_code = errno == ENOENT ? 127 : 126;
		return sw_err_set(err, "cannot run '%s': %s", o->argv[0], strerror(errno));
	}
	if ((o->count && run_policy_build(o->policy, true, &nprog, err) < 0) ||
	    run_policy_build(o->policy, false, &kprog, err) < 0)
		goto out;
	if (!o->count)
		snprintf(res->why_uncounted, sizeof(res->why_uncounted), "--no-count: every action is the kernel's");
	/* kill and trap act in the kernel: counted there, from before the fork */
	res->signals_asked = o->count && run_policy_signals(o->policy);
	if (res->signals_asked)
		sig = run_sigsys_open(res->why_signals, sizeof(res->why_signals));
	/* the child is not held: it reports on the error pipe as it goes */
	l.pid = sw_launch_fork(&pipes, err);
	if (l.pid < 0)
		goto out;
	if (l.pid == 0)
		child_main(pipes.report_fd, path, o->argv, o->count ? &nprog : NULL, o->sup ? NULL : &kprog);
	l.rd = pipes.err_fd;
	pipes.err_fd = -1;
	sw_launch_close(&pipes);
	l.pidfd = (int)syscall(SYS_pidfd_open, l.pid, 0);
	if (l.pidfd < 0) {
		sw_err_set(err, "pidfd_open: %s", strerror(errno));
		kill(l.pid, SIGKILL);
		waitpid(l.pid, NULL, 0);
		goto out;
	}
	if (o->count && take_listener(&l, res, err) < 0) {
		kill(l.pid, SIGKILL);
		waitpid(l.pid, NULL, 0);
		goto out;
	}
	if (o->sup && l.listener < 0) {
		sw_err_set(err, "cannot supervise: %s", l.listener_errno == EBUSY
			   ? "the command would run under a seccomp filter with a listener already (the kernel allows one)"
			   : "the kernel refused a seccomp listener");
		kill(l.pid, SIGKILL);
		waitpid(l.pid, NULL, 0);
		goto out;
	}
	res->counted = l.listener >= 0;
	s.child = l.pid;
	s.mem.page = sysconf(_SC_PAGESIZE);
	s.ev = sw_event_new(4096);
	sw_strbuf_init(&s.sb);
	res->status = supervise(&s, &l);
	drain_msgs(&l, 0, res);
	if (sig && res->counted)
		count_signals(&s, sig);
	res->exit_code = exit_code_of(res->status);
	if (l.filter_errno) {
		sw_err_set(err, "cannot install the seccomp filter: %s", strerror(l.filter_errno));
	} else if (l.exec_errno) {
		res->exit_code = l.exec_errno == ENOENT ? 127 : 126;
		sw_err_set(err, "cannot run '%s': %s%s", o->argv[0], strerror(l.exec_errno),
			   l.exec_errno == EPERM ? " (does the policy deny execve?)" : "");
	} else {
		rc = 0;
	}
	sw_event_free(s.ev);
	sw_strbuf_release(&s.sb);
	pt_mem_free(&s.mem);
out:
	run_sigsys_close(sig);
	launch_close(&l);
	free(nprog.filter);
	free(kprog.filter);
	return rc;
}

void run_result_free(struct run_result *res)
{
	for (size_t i = 0; i < res->ncount; i++)
		free(res->count[i]);
	free(res->count);
	for (unsigned i = 0; i < res->nshown; i++)
		free(res->shown[i].text);
	free(res->shown);
	memset(res, 0, sizeof(*res));
}
