// SPDX-License-Identifier: GPL-2.0-only
/* The kernel side of the eBPF engine.
 *
 * Programs, each as tp_btf and as raw_tp (for kernels that refuse tp_btf):
 * sys_enter and sys_exit (the syscalls), sched_process_fork (-f: children and
 * threads join the traced set), sched_process_exec (an exec from a thread
 * that is not the leader; execve arguments read again), sched_process_exit
 * (exit records, syscalls left unfinished), signal_deliver and
 * signal_generate (signals shown as a tracer sees them); and, tp_btf only,
 * io_uring_submit_req and io_uring_complete (operations submitted through
 * io_uring, shown as the syscalls they stand for). The loader (ebpf.c)
 * sets the tunables, fills the capture plans and the traced set, and reads
 * the ring buffer or the counters.
 *
 * Hot path, in cost order: a syscall of a process that is not traced costs a
 * bitmap test in each program; one filtered out by number a second bitmap
 * test. A traced syscall stores its enter half in a per-thread slot (an array
 * indexed by tid, whose lookup the verifier inlines), and its exit sends one
 * fixed-size ring buffer record; only syscalls whose plan captures arguments
 * build a variable-length record. One timestamp per half.
 *
 * The parts, each a header by concern compiled into this one object (one
 * skeleton): state.bpf.h (tunables, shared maps, SWB_PROG_PAIR),
 * filters.bpf.h (what is reported), records.bpf.h (counting, reserving and
 * sending ring records, their heads), aggregate.bpf.h (counting in maps),
 * captures.bpf.h (arguments copied out, the records that carry them),
 * signals.bpf.h, lifecycle.bpf.h (fork, exit, exec) and uring.bpf.h. This
 * file keeps the syscall programs and the benchmark floor. */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "engine/ebpf/syswatch.h"
#include "resolve/fdres.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#include "engine/ebpf/state.bpf.h"
#include "engine/ebpf/filters.bpf.h"
#include "engine/ebpf/records.bpf.h"
#include "engine/ebpf/aggregate.bpf.h"
#include "engine/ebpf/captures.bpf.h"
#include "engine/ebpf/signals.bpf.h"
#include "engine/ebpf/lifecycle.bpf.h"
#include "engine/ebpf/uring.bpf.h"

/* ---- sys_enter ------------------------------------------------------------------ */

/* The filters, in cost order; the enter half in the thread's slot. NULL when
 * the syscall is not reported (or, without latency, counted already). */
static __always_inline struct swb_slot *enter_begin(long nr)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = id >> 32;
	struct swb_slot *s;
	__u32 f;

	if (ndoomed && bpf_map_lookup_elem(&doomed, &tgid)) {
		/* the call may still run: the signal is acted on when the task
		 * next returns to user space, and a call that sleeps is woken */
		bpf_send_signal(SIGKILL);
		return NULL;
	}
	if (!tracked(tgid, tid))
		return NULL;
	s = slot_of(tid);
	/* ignored signals that came while the thread ran in user space: a
	 * tracer sees them before this syscall (no signal records when counting) */
	if (!targ_aggregate)
		signals_due(s, tid, id);
	if (!is_wanted(nr))
		return NULL;
	f = filt;
	if (f && !filters_pass(f, nr))
		return NULL;
	if (targ_aggregate && !targ_latency) {
		agg_add(nr, tgid, 0, 0, false);
		return NULL;
	}
	if (!s)
		return NULL;
	/* only when pid_max exceeds the slots: another thread's call in flight
	 * shares this slot, and its event is lost */
	if (s->tid != tid && (s->flags & SWB_S_BUSY) && !(s->flags & SWB_S_LOST))
		count_dropped();
	s->tid = tid;
	s->nr = nr;
	s->flags = SWB_S_BUSY | ((f & SWB_FILT_SAMPLE) && !is_full(nr) ? SWB_S_SAMPLED : 0);
	s->retry = 0;
	if (targ_context) {
		__u64 ug = bpf_get_current_uid_gid();

		s->uid = (__u32)ug;
		s->gid = ug >> 32;
		s->euid = current_euid();
	}
	s->ts = bpf_ktime_get_ns();
	return s;
}

/* Entry-time captures go out at once, in an ENTER record. */
static __always_inline int enter_end(struct swb_slot *s, long nr)
{
	__u32 key = nr & (SWB_NR_MAX - 1);
	struct swb_plan *p = bpf_map_lookup_elem(&plans, &key);
	long r;

	if (!p || !(p->flags & SWB_PLAN_ENTER))
		return 0;
	r = send_built(s, s->flags, SWB_REC_ENTER, SWB_AT_ENTER, bpf_get_current_pid_tgid(), 0, 0, NULL);
	if (r < 0) {
		/* the event is lost now; its exit sends nothing */
		s->flags |= SWB_S_LOST;
		count_dropped();
		return 0;
	}
	s->flags |= SWB_S_ENTER_OUT;
	s->retry = r;
	return 0;
}

#if defined(__TARGET_ARCH_x86)
#define SYSCALL_ARGS(s, regs)                    \
	do {                                     \
		(s)->args[0] = REG(regs, di);    \
		(s)->args[1] = REG(regs, si);    \
		(s)->args[2] = REG(regs, dx);    \
		(s)->args[3] = REG(regs, r10);   \
		(s)->args[4] = REG(regs, r8);    \
		(s)->args[5] = REG(regs, r9);    \
		(s)->ip = REG(regs, ip);         \
	} while (0)
#else
#error "the eBPF engine reads syscall arguments from x86-64 registers only"
#endif

/* rt_sigreturn takes no arguments: args[0] holds where the signal frame's
 * mask lies (SW_SIGFRAME_MASK_OFF, core/event.h), args[1] that mask, which
 * user space turns into a capture of argument 0. */
#define NR_RT_SIGRETURN 15
static __always_inline void sigframe_mask(struct swb_slot *s, __u64 sp)
{
	__u64 mask = 0;

	s->args[0] = sp + SWB_SIGFRAME_MASK_OFF;
	if (bpf_probe_read_user(&mask, sizeof(mask), (void *)s->args[0]) == 0) {
		s->args[1] = mask;
		s->args[2] = 1;
	} else {
		s->args[2] = 0;
	}
}

SWB_PROG_PAIR("sys_enter", on_sys_enter, (struct pt_regs *regs, long nr),
	struct swb_slot *s;

	if (targ_fd_detail)
		fdres__note_syscall(nr);
	s = enter_begin(nr);
	if (!s || targ_aggregate)
		return 0;
	SYSCALL_ARGS(s, regs);
	if (nr == NR_RT_SIGRETURN)
		sigframe_mask(s, REG(regs, sp));
	return enter_end(s, nr);)

/* ---- the floor: empty programs on the same attach points (benchmarks:
 * sw_ebpf_floor_open, the least any eBPF syscall tracer costs) ---- */

SWB_PROG_PAIR("sys_enter", floor_enter, (struct pt_regs *regs, long nr), return 0;)
SWB_PROG_PAIR("sys_exit", floor_exit, (struct pt_regs *regs, long ret), return 0;)

/* ---- sys_exit ------------------------------------------------------------------- */

static __always_inline int exit_common(void *ctx, long ret, bool raw)
{
	__u64 id = bpf_get_current_pid_tgid(), now;
	__u32 tid = (__u32)id, key, flags;
	struct swb_slot *s;
	struct swb_plan *p;

	if (!targ_all && !is_traced(targ_by_tid ? tid : (__u32)(id >> 32)))
		return 0;
	s = slot_of(tid);
	if (!s || s->tid != tid)
		return 0;
	if (!(s->flags & SWB_S_BUSY)) {
		/* a syscall not reported: the ignored signals that came meanwhile */
		if (!targ_aggregate)
			signals_due(s, tid, id);
		return 0;
	}
	/* left busy: the thread's exit sends it as unfinished */
	if (!targ_aggregate && group_dying(raw))
		return 0;
	flags = s->flags;
	s->flags = 0;
	now = bpf_ktime_get_ns();
	if (targ_aggregate) {
		agg_add(s->nr, id >> 32, ret, now - s->ts, true);
		return 0;
	}
	if (!(flags & SWB_S_LOST)) {
		key = s->nr & (SWB_NR_MAX - 1);
		p = bpf_map_lookup_elem(&plans, &key);
		if (targ_stack || (p && ((p->flags & SWB_PLAN_EXIT) || s->retry)))
			send_built(s, flags, SWB_REC_SYSCALL, SWB_AT_EXIT, id, ret, now - s->ts, ctx);
		else
			send_syscall(s, flags, SWB_REC_SYSCALL, id, ret, now - s->ts, 0);
	}
	/* after the call, as a tracer sees the ignored signals that came meanwhile */
	if (s->sigpend)
		flush_signals(s, id, true);
	return 0;
}

SWB_PROG_PAIR("sys_exit", on_sys_exit, (struct pt_regs *regs, long ret),
	if (targ_fd_detail)
		fdres__note_syscall(REG(regs, orig_ax));
	return exit_common(ctx, ret, raw);)
