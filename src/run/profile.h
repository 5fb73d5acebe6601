/* SPDX-License-Identifier: GPL-2.0-only */
/* OCI / Docker seccomp profiles (the runtime-spec's LinuxSeccomp JSON):
 * loaded into a run_policy (--profile), written from a recorded run
 * (--record-profile). */
#ifndef SW_RUN_PROFILE_H
#define SW_RUN_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/sysset.h"
#include "run/policy.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Loads FILE's defaultAction, defaultErrnoRet, architectures and syscalls
 * (names, action, errnoRet, args, includes/excludes by arch, caps and
 * minKernel) into p. Syscalls neither libseccomp nor this system's headers
 * know (newer ones) are skipped, as runc skips them, their names appended to
 * skipped (may be NULL). Errors name FILE:LINE:COLUMN (invalid JSON) or the
 * field's path (syscalls[3].action: unknown action 'X'). */
int run_profile_load(struct run_policy *p, const char *path, struct sw_strbuf *skipped, struct sw_err *err);

/* What a recorded run used. */
struct run_usage {
	struct sw_sysset used;
	bool clone_ns;        /* a clone asked for new namespaces */
	uint64_t personas[8]; /* personality() arguments seen */
	unsigned npersonas;
	bool persona_other;   /* more than fit */
};

/* Writes the profile allowing exactly what u says (default: errno EPERM). */
int run_profile_write(const struct run_usage *u, const char *path, struct sw_err *err);

#endif
