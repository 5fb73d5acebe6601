/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: the aggregate path (stat, the monitor's
 * counters): per syscall and per CPU calls, errors, times and a log2
 * histogram; per process calls, errors and time. No record is sent.
 * Included by syswatch.bpf.c only. */
#ifndef SWB_AGGREGATE_BPF_H
#define SWB_AGGREGATE_BPF_H

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SWB_NR_MAX);
	__type(key, __u32);
	__type(value, struct swb_sc_stat);
} sc_stats SEC(".maps");

/* Per process, indexed by tgid & targ_proc_mask; user space reads it mapped. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* set by the loader */
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, struct swb_proc_stat);
} procs SEC(".maps");

/* Processes whose entry in procs is taken by another tgid (pid_max > procs). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct swb_proc_stat);
} procs_more SEC(".maps");

static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 r = 0;

	if (v >> 32) {
		v >>= 32;
		r += 32;
	}
	if (v >> 16) {
		v >>= 16;
		r += 16;
	}
	if (v >> 8) {
		v >>= 8;
		r += 8;
	}
	if (v >> 4) {
		v >>= 4;
		r += 4;
	}
	if (v >> 2) {
		v >>= 2;
		r += 2;
	}
	if (v >> 1)
		r += 1;
	return r;
}

/* ---- aggregate path ------------------------------------------------------------ */

static __always_inline struct swb_proc_stat *proc_entry(__u32 tgid)
{
	__u32 key = tgid & targ_proc_mask;
	struct swb_proc_stat *p = bpf_map_lookup_elem(&procs, &key);
	__u32 old;

	if (!p)
		return NULL;
	if (p->pid == tgid)
		return p;
	old = p->pid ? p->pid : __sync_val_compare_and_swap(&p->pid, 0, tgid);
	if (old == 0) {
		/* claimed: named now, renamed by an exec (exec_common) */
		bpf_get_current_comm(p->comm, sizeof(p->comm));
		return p;
	}
	if (old == tgid)
		return p;
	/* the entry belongs to another process: the overflow table */
	p = bpf_map_lookup_elem(&procs_more, &tgid);
	if (!p) {
		struct swb_proc_stat fresh = { .pid = tgid };

		bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
		bpf_map_update_elem(&procs_more, &tgid, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs_more, &tgid);
	}
	return p;
}

static __always_inline void agg_add(long nr, __u32 tgid, __s64 ret, __u64 dur, bool timed)
{
	__u32 key = nr & (SWB_NR_MAX - 1);
	struct swb_sc_stat *st = bpf_map_lookup_elem(&sc_stats, &key);
	struct swb_proc_stat *p = proc_entry(tgid);
	bool err = ret < 0 && ret >= -MAX_ERRNO;

	/* counted in both tables or lost: the tables' totals stay equal */
	if (!p || !st) {
		count_lost();
		return;
	}
	st->calls++;
	if (timed) {
		if (err)
			st->errors++;
		st->total_ns += dur;
		if (dur > st->max_ns)
			st->max_ns = dur;
		if (dur && (!st->min_ns || dur < st->min_ns))
			st->min_ns = dur;
		st->hist[log2_u64(dur) & (SWB_HIST_BUCKETS - 1)]++;
	}
	__sync_fetch_and_add(&p->calls, 1);
	if (timed) {
		if (err)
			__sync_fetch_and_add(&p->errors, 1);
		__sync_fetch_and_add(&p->total_ns, dur);
	}
}

/* An exec renamed the process: its entry, if it has one, takes the new name. */
static __always_inline void proc_rename(__u32 tgid)
{
	__u32 key = tgid & targ_proc_mask;
	struct swb_proc_stat *ps = bpf_map_lookup_elem(&procs, &key);

	if (ps && ps->pid == tgid)
		bpf_get_current_comm(ps->comm, sizeof(ps->comm));
	else if ((ps = bpf_map_lookup_elem(&procs_more, &tgid)))
		bpf_get_current_comm(ps->comm, sizeof(ps->comm));
}

#endif
