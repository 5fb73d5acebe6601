// SPDX-License-Identifier: GPL-2.0-only
/* The exact syscall counter `syswatch bench` needs from the kernel (the
 * floor, empty programs on the engine's attach points, is the engine's own:
 * sw_ebpf_floor_open).
 *
 * It counts the exact number of syscalls a workload makes. It follows the
 * process that execs under a name chosen by the runner (targ_comm) and its
 * children, and counts syscalls in total and inside the measured section
 * (between the workload's phase markers), per syscall number. It runs only
 * on the untimed warm-up run of each mode, so it costs the timed runs nothing. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "bench/counter_shared.h"

char LICENSE[] SEC("license") = "GPL";

const volatile char targ_comm[SWBC_COMM_LEN] = {};
const volatile long targ_mark_nr = -1; /* the prctl number on this architecture */

/* thread group ids of the workload and its descendants */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

__u64 phase;
__u64 total;
__u64 measured;
__u64 by_nr[SWBC_NR_MAX]; /* measured section, per syscall number */

static __always_inline void track(__u32 tgid)
{
	__u8 one = 1;

	bpf_map_update_elem(&tracked, &tgid, &one, BPF_ANY);
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(count_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	char comm[SWBC_COMM_LEN];

	bpf_get_current_comm(comm, sizeof(comm));
#pragma unroll
	for (int i = 0; i < SWBC_COMM_LEN; i++) {
		if (comm[i] != targ_comm[i])
			return 0;
		if (!comm[i])
			break;
	}
	track(bpf_get_current_pid_tgid() >> 32);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(count_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid;

	if (bpf_map_lookup_elem(&tracked, &ptgid))
		track(child->tgid);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(count_sys_enter, struct pt_regs *regs, long id)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	if (!bpf_map_lookup_elem(&tracked, &tgid))
		return 0;
	__sync_fetch_and_add(&total, 1);
	if (id == targ_mark_nr && PT_REGS_PARM1_CORE_SYSCALL(regs) == SWBC_MARK) {
		phase = PT_REGS_PARM2_CORE_SYSCALL(regs);
		return 0;
	}
	if (phase != SWBC_PHASE_MEASURED)
		return 0;
	__sync_fetch_and_add(&measured, 1);
	if (id >= 0 && id < SWBC_NR_MAX)
		__sync_fetch_and_add(&by_nr[id], 1);
	return 0;
}
