/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: what is reported. The traced set (a bit
 * per tgid, or per tid without -f), the syscall bitmap, then uid, comm,
 * cgroup and sampling, only when set; and the thread's slot.
 * Included by syswatch.bpf.c only. */
#ifndef SWB_FILTERS_BPF_H
#define SWB_FILTERS_BPF_H

static __always_inline bool is_traced(__u32 id)
{
	return traced[(id >> 6) & (SWB_PID_WORDS - 1)] & (1ull << (id & 63));
}

static __always_inline bool is_wanted(long nr)
{
	if ((unsigned long)nr >= SWB_NR_MAX)
		return false;
	return sysbits[(nr >> 6) & (SWB_NR_MAX / 64 - 1)] & (1ull << (nr & 63));
}

/* Whether thread tid of group tgid is traced: with -a every process but
 * syswatch itself. */
static __always_inline bool tracked(__u32 tgid, __u32 tid)
{
	return targ_all ? tgid != targ_self : is_traced(targ_by_tid ? tid : tgid);
}

/* Sampling leaves these out: the monitor's rules count every such call. */
static __always_inline bool is_full(long nr)
{
	return fullbits[(nr >> 6) & (SWB_NR_MAX / 64 - 1)] & (1ull << (nr & 63));
}

static __always_inline bool filters_pass(__u32 f, long nr)
{
	if (f & SWB_FILT_UID) {
		if ((__u32)bpf_get_current_uid_gid() != filt_uid)
			return false;
	}
	if (f & SWB_FILT_COMM) {
		__u64 c[2] = {};

		bpf_get_current_comm(c, sizeof(c));
		if (c[0] != filt_comm[0] || c[1] != filt_comm[1])
			return false;
	}
	if (f & SWB_FILT_CGROUP) {
		if (bpf_current_task_under_cgroup(&cgroups, 0) != 1)
			return false;
	}
	if ((f & SWB_FILT_SAMPLE) && !is_full(nr)) {
		__u32 n = filt_sample;

		if (n > 1 && bpf_get_prandom_u32() % n)
			return false;
	}
	return true;
}

static __always_inline struct swb_slot *slot_of(__u32 tid)
{
	__u32 key = tid & targ_slot_mask;

	return bpf_map_lookup_elem(&slots, &key);
}

#endif
