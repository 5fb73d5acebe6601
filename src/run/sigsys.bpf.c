// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run: exact counts of the calls a seccomp filter trapped or
 * killed, which act in the kernel and never reach the supervisor.
 *
 * Trap (SECCOMP_RET_TRAP): the kernel sends the thread a SIGSYS whose
 * siginfo says SYS_SECCOMP and the syscall (signal_generate sees every one,
 * even when the program's handler carries on, or one is already pending).
 * Kill (SECCOMP_RET_KILL_PROCESS/THREAD): the kernel marks the thread's
 * seccomp mode dead before it ends it, with or without a signal
 * (sched_process_exit sees it, the syscall still in orig_ax). The
 * processes counted are syswatch's child (targ_parent: syswatch's pid) and
 * every descendant, known from the fork on, in the kernel: no window. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "run/sigsys.h"

char LICENSE[] SEC("license") = "GPL";

#define SIGSYS_SIGNO 31
#define SYS_SECCOMP_CODE 1
#define SECCOMP_MODE_DEAD_ 3 /* kernel/seccomp.c: SECCOMP_MODE_FILTER + 1 */

const volatile __u32 targ_parent = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

__u64 trapped[SIGSYS_NR_MAX];
__u64 killed[SIGSYS_NR_MAX];
__u64 other; /* a number beyond SIGSYS_NR_MAX (another ABI) */

static __always_inline bool is_tracked(__u32 tgid)
{
	return bpf_map_lookup_elem(&tracked, &tgid) != NULL;
}

static __always_inline void add(__u64 *counts, long nr)
{
	__u64 i = (__u64)nr; /* a negative one too big: one unsigned test */

	barrier_var(i); /* the test stays before the index, as the verifier wants */
	if (i < SIGSYS_NR_MAX)
		__sync_fetch_and_add(&counts[i], 1);
	else
		__sync_fetch_and_add(&other, 1);
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;
	__u8 one = 1;

	if (ptgid == ctgid || (ptgid != targ_parent && !is_tracked(ptgid)))
		return 0;
	bpf_map_update_elem(&tracked, &ctgid, &one, BPF_ANY);
	return 0;
}

SEC("tp_btf/signal_generate")
int BPF_PROG(on_signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task)
{
	if (sig != SIGSYS_SIGNO || !info || BPF_CORE_READ(info, si_code) != SYS_SECCOMP_CODE)
		return 0;
	if (!is_tracked(BPF_CORE_READ(task, tgid)) || BPF_CORE_READ(task, seccomp.mode) == SECCOMP_MODE_DEAD_)
		return 0; /* not ours, or a kill: counted at the thread's end */
	add(trapped, BPF_CORE_READ(info, _sifields._sigsys._syscall));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_sched_process_exit, struct task_struct *p)
{
	__u32 tgid = p->tgid;
	struct pt_regs *regs;

	if (!is_tracked(tgid))
		return 0;
	if (p->seccomp.mode == SECCOMP_MODE_DEAD_) {
		regs = (struct pt_regs *)bpf_task_pt_regs(p);
		add(killed, regs ? BPF_CORE_READ(regs, orig_ax) : -1);
	}
	if (!BPF_CORE_READ(p, signal, live.counter)) /* the last thread */
		bpf_map_delete_elem(&tracked, &tgid);
	return 0;
}
