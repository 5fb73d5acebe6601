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

static void __attribute__((noreturn)) child(int go_fd, int err_fd, const char *path, char *const *argv,
					      void (*untrace)(void *ctx, pid_t pid), void *ctx,
					      const struct sw_engine_opts *o)
{
	sigset_t none;
	char c;
	ssize_t n;
	int e;

	/* the command starts with the signal state of a fresh process */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	/* -u: before the pid is traced, so these calls are not in the trace */
	if (sw_engine_child_identity(o) < 0) {
		e = errno;
		if (write(err_fd, &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	do
		n = read(go_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* the engine is gone */
	execve(path, argv, sw_engine_child_env(o));
	e = errno;
	untrace(ctx, getpid());
	if (write(err_fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

int eb_launch(struct eb_launch *l, const char *path, char *const *argv,
	      void (*untrace)(void *ctx, pid_t pid), void *ctx, const struct sw_engine_opts *o, struct sw_err *err)
{
	int go[2], errp[2];

	l->pid = -1;
	l->go_fd = l->err_fd = -1;
	if (pipe2(go, O_CLOEXEC) < 0)
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(go[0]);
		close(go[1]);
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	}
	fflush(NULL);
	l->pid = fork();
	if (l->pid == 0) {
		close(go[1]);
		close(errp[0]);
		child(go[0], errp[1], path, argv, untrace, ctx, o);
	}
	close(go[0]);
	close(errp[1]);
	if (l->pid < 0) {
		close(go[1]);
		close(errp[0]);
		return sw_err_set(err, "cannot fork: %s", strerror(errno));
	}
	l->go_fd = go[1];
	l->child_fd = go[0];
	l->err_fd = errp[0];
	return 0;
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

int eb_launch_wait(struct eb_launch *l, struct sw_err *err)
{
	struct timespec nap = { 0, 20000 };

	for (int i = 0; i < 250000; i++) {
		int r = blocked_in_read(l->pid, l->child_fd), s = r > 0 ? 0 : sleeping(l->pid);

		if (r > 0 || (r < 0 && s > 0))
			return 0;
		if (s < 0) { /* it exited already (-u: it could not become the user) */
			int e;

			if (l->err_fd >= 0 && read(l->err_fd, &e, sizeof(e)) == (ssize_t)sizeof(e))
				return sw_err_set(err, "the command could not start: %s", strerror(e));
			return sw_err_set(err, "the command exited before it started");
		}
		nanosleep(&nap, NULL);
	}
	return sw_err_set(err, "the command did not start (pid %d)", (int)l->pid);
}

int eb_launch_go(struct eb_launch *l, struct sw_err *err)
{
	ssize_t n;

	do
		n = write(l->go_fd, "g", 1);
	while (n < 0 && errno == EINTR);
	close(l->go_fd);
	l->go_fd = -1;
	if (n != 1)
		return sw_err_set(err, "cannot start the command: %s", strerror(errno));
	return 0;
}

int eb_launch_failure(struct eb_launch *l, const char *name, struct sw_err *err)
{
	int e;

	if (l->err_fd >= 0 && read(l->err_fd, &e, sizeof(e)) == (ssize_t)sizeof(e))
		return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", name, strerror(e));
	return 0;
}

void eb_launch_close(struct eb_launch *l)
{
	if (l->go_fd >= 0)
		close(l->go_fd);
	if (l->err_fd >= 0)
		close(l->err_fd);
	l->go_fd = l->err_fd = -1;
}
