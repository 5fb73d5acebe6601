// SPDX-License-Identifier: GPL-2.0-only
/* Launching a command held before its execve (see launch.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/launch.h"

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

int sw_launch_pipes(struct sw_launch *l, struct sw_err *err)
{
	int go[2], errp[2];

	l->pid = -1;
	l->go_fd = l->err_fd = l->hold_fd = l->report_fd = -1;
	if (pipe2(go, O_CLOEXEC) < 0)
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(go[0]);
		close(go[1]);
		return sw_err_set(err, "cannot create a pipe: %s", strerror(errno));
	}
	l->hold_fd = go[0];
	l->go_fd = go[1];
	l->err_fd = errp[0];
	l->report_fd = errp[1];
	return 0;
}

void sw_launch_child(struct sw_launch *l)
{
	close(l->go_fd);
	close(l->err_fd);
	l->go_fd = l->err_fd = -1;
}

int sw_launch_parent(struct sw_launch *l, pid_t pid, struct sw_err *err)
{
	close(l->hold_fd);
	close(l->report_fd);
	l->report_fd = -1; /* hold_fd stays: the child's number for that end */
	if (pid < 0) {
		sw_launch_close(l);
		return sw_err_set(err, "cannot fork: %s", strerror(errno));
	}
	l->pid = pid;
	return 0;
}

pid_t sw_launch_fork(struct sw_launch *l, struct sw_err *err)
{
	pid_t pid;

	if (sw_launch_pipes(l, err) < 0)
		return -1;
	fflush(NULL); /* nothing buffered is written twice */
	pid = fork();
	if (pid == 0) {
		sw_launch_child(l);
		return 0;
	}
	return sw_launch_parent(l, pid, err) < 0 ? -1 : pid;
}

void sw_launch_reset_signals(const int *sigs)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (; sigs && *sigs; sigs++)
		signal(*sigs, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
}

void sw_launch_hold(const struct sw_launch *l)
{
	char c;
	ssize_t n;

	do
		n = read(l->hold_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* the parent is gone */
}

void sw_launch_fail(const struct sw_launch *l, const void *msg, size_t len)
{
	if (write(l->report_fd, msg, len) < 0)
		_exit(127);
	_exit(127);
}

int sw_launch_go(struct sw_launch *l, struct sw_err *err)
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

bool sw_launch_failure(struct sw_launch *l, void *msg, size_t len)
{
	return l->err_fd >= 0 && read(l->err_fd, msg, len) == (ssize_t)len;
}

void sw_launch_close(struct sw_launch *l)
{
	if (l->go_fd >= 0)
		close(l->go_fd);
	if (l->err_fd >= 0)
		close(l->err_fd);
	l->go_fd = l->err_fd = -1;
}

void sw_launch_abort(struct sw_launch *l)
{
	int status;

	sw_launch_close(l);
	if (l->pid <= 0)
		return;
	kill(l->pid, SIGKILL);
	while (waitpid(l->pid, &status, __WALL) < 0 && errno == EINTR)
		;
}
