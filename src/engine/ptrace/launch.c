// SPDX-License-Identifier: GPL-2.0-only
/* Launching the traced command.
 *
 * The child waits on a pipe until the tracer has seized it, so nothing it does
 * after that is missed; then it installs the seccomp pre-filter (when a syscall
 * set was given: SECCOMP_RET_TRACE for the syscalls to see, ALLOW for the
 * rest) and executes the program. The filter is compiled by libseccomp in the
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

static int is_runnable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EACCES;
		return -1;
	}
	return access(path, X_OK);
}

int sw_find_program(const char *name, char *path)
{
	const char *dirs = getenv("PATH");
	int saved = ENOENT;

	if (!*name) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(name, '/')) {
		if (strlen(name) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		strcpy(path, name);
		return is_runnable(path);
	}
	if (!dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	while (*dirs) {
		const char *end = strchrnul(dirs, ':');
		int len = (int)(end - dirs);

		if (snprintf(path, PATH_MAX, "%.*s%s%s", len, dirs, len ? "/" : "", name) < PATH_MAX) {
			if (is_runnable(path) == 0)
				return 0;
			if (errno == EACCES)
				saved = EACCES;
		}
		dirs = *end ? end + 1 : end;
	}
	errno = saved;
	return -1;
}

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

static void __attribute__((noreturn)) child_fail(int fd, int stage)
{
	int msg[2] = { stage, errno };

	if (write(fd, msg, sizeof(msg)) < 0)
		_exit(127);
	_exit(127);
}

/* The process that becomes the command: waits for the tracer (the byte on
 * sync_fd), then installs the filter and executes. With -D it is syswatch's
 * own process, and mid (its child, the tracer's parent, which exits at once)
 * is reaped first: the command must not find a child it did not make. */
static void __attribute__((noreturn)) child(int sync_fd, int err_fd, const char *path, char *const *argv,
					      const struct sock_fprog *prog, const struct sw_engine_opts *o, pid_t mid)
{
	char c;
	ssize_t n;

	if (sw_engine_child_identity(o) < 0)
		child_fail(err_fd, STAGE_USER);
	do
		n = read(sync_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* the tracer is gone */
	close(sync_fd);
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
			child_fail(err_fd, STAGE_SECCOMP);
	}
	execve(path, argv, sw_engine_child_env(o));
	child_fail(err_fd, STAGE_EXEC);
}

int pt_launch(struct pt_launch *l, const char *path, char *const *argv, const struct sw_sysset *filter,
	      int pin_cpu, const struct sw_engine_opts *o, struct sw_err *err)
{
	struct sock_fprog prog = { 0, NULL };
	int sync[2], errp[2];

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
	if (pipe2(sync, O_CLOEXEC) < 0) {
		free(prog.filter);
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	}
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(sync[0]);
		close(sync[1]);
		free(prog.filter);
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	}
	fflush(NULL); /* nothing buffered is written twice */
	l->pid = fork();
	if (o->daemonize && l->pid > 0) {
		/* -D: this process becomes the command (its parent, the shell,
		 * waits for it); the child goes on as the tracer */
		close(sync[1]);
		close(errp[0]);
		/* the tracer is a descendant: Yama's ptrace_scope=1 would refuse it */
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		child(sync[0], errp[1], path, argv, &prog, o, l->pid);
	}
	if (o->daemonize && l->pid == 0) {
		/* the tracer: a grandchild left to init, so that the command has
		 * no child of syswatch's when it runs */
		pid_t tracee = getppid(), g = fork();

		if (g != 0)
			_exit(g < 0 ? 1 : 0);
		if (o->daemonize == 2)
			setpgid(0, 0);
		else if (o->daemonize >= 3)
			setsid();
		l->pid = tracee;
	} else if (l->pid == 0) {
		close(sync[1]);
		close(errp[0]);
		child(sync[0], errp[1], path, argv, &prog, o, 0);
	}
	free(prog.filter);
	close(sync[0]);
	close(errp[1]);
	if (l->pid < 0) {
		close(sync[1]);
		close(errp[0]);
		return sw_err_set(err, "cannot fork: %s", strerror(errno));
	}
	l->user = o->run_user;
	l->sync_fd = sync[1];
	l->err_fd = errp[0];
	return 0;
}

/* Reads what a child that exited before exec reported: fills err. */
int pt_launch_failure(struct pt_launch *l, const char *name, struct sw_err *err)
{
	int msg[2];

	if (l->err_fd >= 0 && read(l->err_fd, msg, sizeof(msg)) == (ssize_t)sizeof(msg)) {
		if (msg[0] == STAGE_USER)
			return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s' as user '%s': %s", name, l->user ? l->user : "?",
					  strerror(msg[1]));
		if (msg[0] == STAGE_SECCOMP)
			return sw_err_set(err, "cannot install the seccomp filter for '%s': %s", name, strerror(msg[1]));
		return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", name, strerror(msg[1]));
	}
	return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': it exited before starting", name);
}
