/* SPDX-License-Identifier: GPL-2.0-only */
/* Launching a command held before its execve: the one fork/pipe launcher
 * the engines, verify and run share.
 *
 * sw_launch_fork() makes two close-on-exec pipes and forks. The child sets
 * itself up, blocks in sw_launch_hold() until the parent's sw_launch_go(),
 * executes, and if it cannot, says why with sw_launch_fail(); the parent
 * reads that with sw_launch_failure(). A successful execve closes the
 * child's ends, so the parent then reads end of file. */
#ifndef SW_UTIL_LAUNCH_H
#define SW_UTIL_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

struct sw_launch {
	pid_t pid;     /* the child, -1 before the fork */
	int go_fd;     /* parent: write a byte and the child goes on to execve */
	int err_fd;    /* parent: what the child reports before its execve */
	int hold_fd;   /* child: the end it waits on (in the parent, closed: its number only) */
	int report_fd; /* child: where it reports */
};

/* Finds a program the way execvp(3) would: fills path (PATH_MAX bytes) or
 * returns -1 with errno (ENOENT, EACCES). */
int sw_find_program(const char *name, char *path);

/* Pipes and fork in one: returns the pid in the parent, 0 in the child, -1
 * (err filled: no pipe, no fork) when there is no child. */
pid_t sw_launch_fork(struct sw_launch *l, struct sw_err *err);
/* The same in steps, for a caller that forks itself (ptrace -D, where the
 * parent becomes the command): the pipes; then, after its fork, the ends
 * each side does not use closed by sw_launch_child() in the process that
 * becomes the command and sw_launch_parent() in the other, which also
 * reports a failed fork (pid < 0). */
int sw_launch_pipes(struct sw_launch *l, struct sw_err *err);
void sw_launch_child(struct sw_launch *l);
int sw_launch_parent(struct sw_launch *l, pid_t pid, struct sw_err *err);

/* Child: the signal state of a fresh process (nothing blocked, SIGPIPE and
 * the signals in sigs, 0-terminated, at their default). */
void sw_launch_reset_signals(const int *sigs);
/* Child: waits for the parent's go; exits 127 if the parent is gone. */
void sw_launch_hold(const struct sw_launch *l);
/* Child: reports len bytes (an errno, a stage and an errno, ...) and exits 127. */
void sw_launch_fail(const struct sw_launch *l, const void *msg, size_t len) __attribute__((noreturn));

/* Parent: lets the child go on to execve. */
int sw_launch_go(struct sw_launch *l, struct sw_err *err);
/* Parent: after the child ended, whether it reported a failure (msg filled). */
bool sw_launch_failure(struct sw_launch *l, void *msg, size_t len);
/* Parent: closes what is left open of the pipes. */
void sw_launch_close(struct sw_launch *l);
/* Parent: ends a child that never ran (its hold sees the pipe's end) and reaps it. */
void sw_launch_abort(struct sw_launch *l);

#endif
