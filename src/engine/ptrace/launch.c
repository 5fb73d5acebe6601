// SPDX-License-Identifier: GPL-2.0-only
/* Launching the traced command.
 *
 * The child (util/launch.h) waits on a pipe until the tracer has seized it,
 * so nothing it does after that is missed; then it installs the seccomp
 * pre-filter (when a syscall set was given: SECCOMP_RET_TRACE for the
 * syscalls to see, ALLOW for the rest) and executes the program. The filter is compiled by libseccomp in the
 * parent, so the child only makes plain syscalls between fork and execve. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "engine/ptrace/ptrace.h"

/* What a child that failed before exec reports on its error pipe. */
enum { STAGE_SECCOMP = 1, STAGE_EXEC = 2, STAGE_USER = 3 };

/* Compiles the filter: stop (SECCOMP_RET_TRACE) at the syscalls of set, allow
 * the others. Fills prog with a malloc'ed program. */
static int build_filter(const struct sw_sysset *set, struct sock_fprog *prog, struct sw_err *err)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = -1, fd = -1;
	off_t size;

	if (!ctx)
		return sw_err_set(err, "cannot set up the seccomp filter");
	/* syscalls of another ABI (int 0x80) are let through rather than killed */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) < 0)
		goto out;
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		int nr = sw_syscall_rows[i].nr;

		if (sw_sysset_has(set, nr) && seccomp_rule_add(ctx, SCMP_ACT_TRACE(PT_SECCOMP_TAG), nr, 0) < 0)
			goto out;
	}
	fd = memfd_create("syswatch-filter", MFD_CLOEXEC);
	if (fd < 0 || seccomp_export_bpf(ctx, fd) < 0)
		goto out;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % (off_t)sizeof(struct sock_filter))
		goto out;
	prog->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
	prog->filter = sw_xmalloc((size_t)size);
	if (pread(fd, prog->filter, (size_t)size, 0) != size) {
		free(prog->filter);
		prog->filter = NULL;
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	if (rc)
		sw_err_set(err, "cannot build the seccomp filter: %s", strerror(errno ? errno : EINVAL));
	return rc;
}

static void __attribute__((noreturn)) child_fail(const struct sw_launch *l, int stage)
{
	int msg[2] = { stage, errno };

	sw_launch_fail(l, msg, sizeof(msg));
}

/* The process that becomes the command: waits for the tracer (sw_launch_go),
 * then installs the filter and executes. With -D it is syswatch's own
 * process, and mid (its child, the tracer's parent, which exits at once) is
 * reaped first: the command must not find a child it did not make. */
static void __attribute__((noreturn)) child(struct sw_launch *l, const char *path, char *const *argv,
					      const struct sock_fprog *prog, const struct sw_engine_opts *o, pid_t mid)
{
	sw_launch_child(l);
	if (sw_engine_child_identity(o) < 0)
		child_fail(l, STAGE_USER);
	sw_launch_hold(l);
	close(l->hold_fd);
	if (mid > 0) {
		prctl(PR_SET_PTRACER, 0, 0, 0, 0);
		while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (prog->filter) {
		/* no_new_privs only when it is needed (without CAP_SYS_ADMIN): it
		 * would change what set-user-ID programs do */
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) < 0 &&
		    (errno != EACCES || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		     prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) < 0))
			child_fail(l, STAGE_SECCOMP);
	}
	execve(path, argv, sw_engine_child_env(o));
	child_fail(l, STAGE_EXEC);
}

int pt_launch(struct pt_launch *l, const char *path, char *const *argv, const struct sw_sysset *filter,
	      int pin_cpu, const struct sw_engine_opts *o, struct sw_err *err)
{
	struct sock_fprog prog = { 0, NULL };
	pid_t pid;

	if (filter && build_filter(filter, &prog, err) < 0)
		return -1;
	if (pin_cpu >= 0) {
		cpu_set_t cpus;

		CPU_ZERO(&cpus);
		CPU_SET(pin_cpu, &cpus);
		/* the child inherits the tracer's CPU */
		if (sched_setaffinity(0, sizeof(cpus), &cpus) < 0) {
			free(prog.filter);
			return sw_err_set(err, "cannot pin to cpu %d: %s", pin_cpu, strerror(errno));
		}
	}
	if (sw_launch_pipes(&l->run, err) < 0) {
		free(prog.filter);
		return -1;
	}
	fflush(NULL); /* nothing buffered is written twice */
	pid = fork();
	if (o->daemonize && pid > 0) {
		/* -D: this process becomes the command (its parent, the shell,
		 * waits for it); the child goes on as the tracer */
		/* the tracer is a descendant: Yama's ptrace_scope=1 would refuse it */
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		child(&l->run, path, argv, &prog, o, pid);
	}
	if (o->daemonize && pid == 0) {
		/* the tracer: a grandchild left to init, so that the command has
		 * no child of syswatch's when it runs */
		pid_t tracee = getppid(), g = fork();

		if (g != 0)
			_exit(g < 0 ? 1 : 0);
		if (o->daemonize == 2)
			setpgid(0, 0);
		else if (o->daemonize >= 3)
			setsid();
		pid = tracee;
	} else if (pid == 0) {
		child(&l->run, path, argv, &prog, o, 0);
	}
	free(prog.filter);
	l->user = o->run_user;
	return sw_launch_parent(&l->run, pid, err);
}

/* Reads what a child that exited before exec reported: fills err. */
int pt_launch_failure(struct pt_launch *l, const char *name, struct sw_err *err)
{
	int msg[2];

	if (sw_launch_failure(&l->run, msg, sizeof(msg))) {
		if (msg[0] == STAGE_USER)
			return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s' as user '%s': %s", name, l->user ? l->user : "?",
					  strerror(msg[1]));
		if (msg[0] == STAGE_SECCOMP)
			return sw_err_set(err, "cannot install the seccomp filter for '%s': %s", name, strerror(msg[1]));
		return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", name, strerror(msg[1]));
	}
	return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': it exited before starting", name);
}
