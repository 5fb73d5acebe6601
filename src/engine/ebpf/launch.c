// SPDX-License-Identifier: GPL-2.0-only
/* Launching the traced command for the eBPF engine.
 *
 * The child sets itself up, then blocks reading a pipe. Only once it is
 * blocked there (eb_launch_wait) does the engine add its pid to the traced
 * set; then the child calls execve at once: the read's exit is not reported
 * (its entry was not seen), and the execve is the first syscall traced. If
 * execve fails, the child takes
 * itself out of the traced set (untrace) before it reports why on the error
 * pipe, so the report is not traced. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/ebpf/ebpf.h"

static void __attribute__((noreturn)) child(const struct sw_launch *l, const char *path, char *const *argv,
					      void (*untrace)(void *ctx, pid_t pid), void *ctx,
					      const struct sw_engine_opts *o)
{
	int e;

	/* the command starts with the signal state of a fresh process */
	sw_launch_reset_signals(NULL);
	/* -u: before the pid is traced, so these calls are not in the trace */
	if (sw_engine_child_identity(o) < 0) {
		e = errno;
		sw_launch_fail(l, &e, sizeof(e));
	}
	sw_launch_hold(l);
	execve(path, argv, sw_engine_child_env(o));
	e = errno;
	untrace(ctx, getpid());
	sw_launch_fail(l, &e, sizeof(e));
}

int eb_launch(struct sw_launch *l, const char *path, char *const *argv,
	      void (*untrace)(void *ctx, pid_t pid), void *ctx, const struct sw_engine_opts *o, struct sw_err *err)
{
	pid_t pid = sw_launch_fork(l, err);

	if (pid == 0)
		child(l, path, argv, untrace, ctx, o);
	return pid < 0 ? -1 : 0;
}

/* Whether the child sleeps in the read of its pipe: /proc/PID/syscall says
 * "0 0xFD ..." (read, our descriptor) while it is blocked in that read. */
static int blocked_in_read(pid_t pid, int want)
{
	char path[64], buf[128];
	unsigned long nr, fd;
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -1;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "%lu 0x%lx", &nr, &fd) != 2)
		return 0; /* "running" */
	return nr == 0 && fd == (unsigned long)want;
}

/* The state letter of /proc/PID/stat ('S': sleeping), when syscall is unreadable. */
static int sleeping(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return 0;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S' ? 1 : p && p[1] == ' ' && p[2] == 'Z' ? -1 : 0;
}

int eb_launch_wait(struct sw_launch *l, struct sw_err *err)
{
	struct timespec nap = { 0, 20000 };

	for (int i = 0; i < 250000; i++) {
		int r = blocked_in_read(l->pid, l->hold_fd), s = r > 0 ? 0 : sleeping(l->pid);

		if (r > 0 || (r < 0 && s > 0))
			return 0;
		if (s < 0) { /* it exited already (-u: it could not become the user) */
			int e;

			if (sw_launch_failure(l, &e, sizeof(e)))
				return sw_err_set(err, "the command could not start: %s", strerror(e));
			return sw_err_set(err, "the command exited before it started");
		}
		nanosleep(&nap, NULL);
	}
	return sw_err_set(err, "the command did not start (pid %d)", (int)l->pid);
}

int eb_launch_failure(struct sw_launch *l, const char *name, struct sw_err *err)
{
	int e;

	if (sw_launch_failure(l, &e, sizeof(e)))
		return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", name, strerror(e));
	return 0;
}
