/* SPDX-License-Identifier: GPL-2.0-only */
/* The verify report: what each engine saw, how much matched, and the first
 * differences with both engines' lines, as text or as one JSON object. */
#ifndef SW_VERIFY_REPORT_H
#define SW_VERIFY_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "verify/match.h"

/* One difference kept for the report. */
struct vf_diff_rec {
	enum vf_kind kind;
	const char *what;     /* VF_MISMATCHED: what differs */
	uint32_t tid;
	uint64_t seq;         /* the call's place in its thread (ptrace's when both) */
	char *ptrace_text;    /* NULL when ptrace did not see it */
	char *ebpf_text;
};

struct vf_report {
	char *const *argv;           /* the command */
	unsigned max_diffs;          /* differences kept (the first ones) */
	struct vf_diff_rec *diffs;
	size_t ndiffs;
	uint64_t before_exec[2];     /* calls before the command's execve, by side (not compared) */
	uint64_t lost;               /* events the eBPF engine lost (exact) */
	int exit_code;               /* the command's: its status, 128+signal; -1 unknown */
	bool interrupted;            /* the run was stopped by a signal to syswatch */
	const struct vf_totals *totals;
};

/* A vf_diff_cb: keeps the first max_diffs differences. */
void vf_report_note(const struct vf_diff *d, void *report);
/* No difference and nothing lost: the engines agree. */
bool vf_report_agree(const struct vf_report *r);
/* The number of calls not matched. */
uint64_t vf_report_differences(const struct vf_report *r);
void vf_report_text(const struct vf_report *r, FILE *f);
void vf_report_json(const struct vf_report *r, FILE *f);
void vf_report_release(struct vf_report *r);

#endif
