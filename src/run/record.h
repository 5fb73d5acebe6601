/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run --record-profile: the profile of what a command used. */
#ifndef SW_RUN_RECORD_H
#define SW_RUN_RECORD_H

#include <signal.h>

#include "util/error.h"

/* Runs argv to its end under the ptrace engine (children and threads too)
 * and writes to path the OCI seccomp profile allowing exactly the syscalls
 * it made. exit_code: the command's. */
int run_record(char *const *argv, const char *path, volatile sig_atomic_t *stop, int *exit_code, struct sw_err *err);

#endif
