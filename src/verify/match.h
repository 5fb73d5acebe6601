/* SPDX-License-Identifier: GPL-2.0-only */
/* Matching what two engines saw of the same run, thread by thread.
 *
 * Each engine's syscalls arrive per thread in the order the thread made them;
 * the matcher lines the two sequences up and sorts every call into matched,
 * mismatched (both saw a call at that place, but not the same), only in one
 * engine, or injected (the ptrace engine made it fail without the kernel
 * running it). It works as events come: a thread's calls are held only
 * while the two sequences disagree and more calls are needed to decide where
 * they line up again, so a long run is compared in bounded memory. */
#ifndef SW_VERIFY_MATCH_H
#define SW_VERIFY_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "core/syscalls.h"
#include "decode/decode.h"

enum vf_side {
	VF_PTRACE = 0,
	VF_EBPF = 1,
};

enum vf_kind {
	VF_MATCHED = 0,
	VF_MISMATCHED,  /* both engines saw a call here, but not the same */
	VF_ONLY_PTRACE,
	VF_ONLY_EBPF,
	VF_INJECTED,    /* ptrace injected the result; the kernel never ran the call */
	VF_NKINDS,
};

/* One syscall as one engine saw it. */
struct vf_call {
	uint64_t seq;     /* 1-based position among this thread's calls, in its engine */
	uint32_t pid, tid;
	int32_t nr;
	uint32_t flags;   /* SW_EVF_* */
	uint64_t args[SW_NARGS];
	int64_t ret;
	char *text;       /* "name(args) = ret", no timings */
};

/* A call that was not matched, given to the report callback. */
struct vf_diff {
	enum vf_kind kind;
	const char *what;         /* VF_MISMATCHED: what differs ("return value", ...) */
	uint32_t tid;
	const struct vf_call *p;  /* what ptrace saw, or NULL */
	const struct vf_call *e;  /* what eBPF saw, or NULL */
};

typedef void (*vf_diff_cb)(const struct vf_diff *d, void *ctx);

struct vf_totals {
	uint64_t seen[2];                 /* calls given, by side */
	uint64_t kind[VF_NKINDS];         /* calls (pairs for MATCHED/MISMATCHED) by kind */
	uint32_t by_nr[SW_NR_MAX][VF_NKINDS]; /* the same by syscall number (ptrace's for pairs) */
};

struct vf_matcher;

/* window: how many calls ahead to look for the place where two sequences
 * line up again (0: a default). cb is called for every call not matched. */
struct vf_matcher *vf_matcher_new(unsigned window, vf_diff_cb cb, void *ctx);
void vf_matcher_free(struct vf_matcher *m);

/* A call from an event (text decoded with o); the caller owns it. */
struct vf_call *vf_call_from_event(const struct sw_event *ev, const struct sw_decode_opts *o);
void vf_call_free(struct vf_call *c);

/* Hands a call over (the matcher owns it from then on; seq is set here). */
void vf_matcher_add(struct vf_matcher *m, enum vf_side side, struct vf_call *c);
/* Both engines are done: settles whatever is still held. */
void vf_matcher_finish(struct vf_matcher *m);
const struct vf_totals *vf_matcher_totals(const struct vf_matcher *m);

/* What differs between two calls at the same place, or NULL when they are the same. */
const char *vf_compare(const struct vf_call *p, const struct vf_call *e);

#endif
