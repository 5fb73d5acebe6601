/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run --record-profile: the profile of what a command used. */
#ifndef SW_RUN_RECORD_H
#define SW_RUN_RECORD_H

#include <signal.h>

#include "core/event.h"
#include "run/profile.h"
#include "util/error.h"

/* Runs argv to its end under the ptrace engine (children and threads too)
 * and writes to path the OCI seccomp profile allowing exactly the syscalls
 * it made. exit_code: the command's. */
/* Notes what one event says of the calls a command makes (trace
 * --record-profile feeds it the trace's events). */
void run_usage_note(struct run_usage *u, const struct sw_event *ev);

int run_record(char *const *argv, const char *path, volatile sig_atomic_t *stop, int *exit_code, struct sw_err *err);

#endif
