/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run: launches a command under the policy's seccomp filter and,
 * when the kernel lets it have a listener, answers the calls the filter
 * hands over (SECCOMP_RET_USER_NOTIF): counted per rule and syscall, the
 * first ones decoded as trace prints them. */
#ifndef SW_RUN_SUPERVISE_H
#define SW_RUN_SUPERVISE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "run/decide.h"
#include "run/policy.h"
#include "util/error.h"

struct run_opts {
	char *const *argv;
	const struct run_policy *policy;
	struct sup_rules *sup;   /* --supervise rules, NULL: none */
	bool count;              /* hand counted actions to syswatch (user notification) */
	unsigned max_shown;      /* denied calls decoded */
	unsigned strlimit;       /* -s */
	volatile sig_atomic_t *stop; /* set by a signal handler: the signal to pass on */
};

struct run_shown {
	pid_t tid;
	int rule;   /* index, or RUN_RULE_DEFAULT */
	char *text; /* "openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES (Permission denied)" */
};

struct run_result {
	bool counted;            /* counts are exact (the supervisor saw every counted call) */
	char why_uncounted[160]; /* otherwise, why */
	bool signals_asked;      /* the policy has kill or trap actions */
	bool signals_counted;    /* and they are counted (eBPF) */
	char why_signals[160];   /* otherwise, why */
	/* [rule + 1][nr]: calls each rule acted on (index 0: the default action) */
	uint64_t **count;        /* NULL until a call is counted */
	size_t ncount;
	struct run_shown *shown;
	unsigned nshown;
	int status;              /* the command's wait status */
	int exit_code;           /* its exit code, 128+N when signal N killed it */
};

/* Runs the command to its end. -1 with err set when it could not be started
 * (exit_code then says 126 or 127 as a shell would, or 1). */
int run_command(const struct run_opts *o, struct run_result *res, struct sw_err *err);
void run_result_free(struct run_result *res);

#endif
