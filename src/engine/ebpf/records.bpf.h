/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: ring records. Every record goes out one of
 * two ways: reserved in the ring with rec_begin() (or task_rec_begin() for a
 * record of no syscall), filled, and sent with rec_send(); or, when it
 * carries captures, built in the scratch buffer and sent by cap_finish()
 * (captures.bpf.h). Both count what they produce and what they lose, so
 * user space can say produced = delivered + lost.
 * Included by syswatch.bpf.c only. */
#ifndef SWB_RECORDS_BPF_H
#define SWB_RECORDS_BPF_H

static __always_inline void count_lost(void)
{
	__u32 zero = 0;
	struct swb_counters *c = bpf_map_lookup_elem(&counters, &zero);

	if (c)
		c->lost++;
}

static __always_inline void count_produced(void)
{
	__u32 zero = 0;
	struct swb_counters *c;

	if (!targ_count)
		return;
	c = bpf_map_lookup_elem(&counters, &zero);
	if (c)
		c->produced++;
}

/* An event that will never be sent (its slot taken, its first half lost). */
static __always_inline void count_dropped(void)
{
	count_produced();
	count_lost();
}

/* Ring buffer wakeups are batched: the reader is woken when the pending data
 * crosses targ_wakeup_bytes, and reads at least every few milliseconds on its
 * own, which bounds the latency. */
static __always_inline __u64 wake_flags(__u64 len)
{
	__u64 avail;

	if (!targ_wakeup_bytes)
		return 0;
	avail = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
	if (avail >= targ_wakeup_bytes && avail < targ_wakeup_bytes + len)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* Every reserved record starts here: counted produced, then size bytes of
 * the ring; NULL when it is full (counted lost). */
static __always_inline void *rec_begin(const __u64 size)
{
	void *r;

	count_produced();
	r = bpf_ringbuf_reserve(&events, size, 0);
	if (!r)
		count_lost();
	return r;
}

static __always_inline void rec_send(void *r, __u64 size)
{
	bpf_ringbuf_submit(r, wake_flags(size));
}

/* A record of no syscall (a new tracee, an exit, a signal), size bytes
 * zeroed, its head filled: thread tid of group tgid, the current task's uid,
 * time and comm. NULL when the ring is full (counted lost). */
static __always_inline void *task_rec_begin(const __u64 size, __u16 type, __u32 tgid, __u32 tid)
{
	struct swb_rec *r = rec_begin(size);

	if (!r)
		return NULL;
	__builtin_memset(r, 0, size);
	r->type = type;
	r->pid = tgid;
	r->tid = tid;
	r->nr = -1;
	r->uid = (__u32)bpf_get_current_uid_gid();
	r->ts = bpf_ktime_get_ns();
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	return r;
}

/* The current thread's effective uid (its subjective credentials). */
static __always_inline __u32 current_euid(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();

	return BPF_CORE_READ(t, cred, euid.val);
}

static __always_inline void clear_exe(struct swb_rec *r)
{
	r->exe_dev = r->exe_nlink = 0;
	r->exe_ino = 0;
	for (int i = 0; i < SWB_EXE_DIRS; i++) {
		r->exe_dir_dev[i] = 0;
		r->exe_dir_ino[i] = 0;
	}
}

/* The identity (device, inode) of the program the task runs and, with dirs,
 * of the directories above it: rules then match the file, whatever path
 * (symlink, "..", relative, descriptor) named it. */
static __always_inline void fill_exe(struct swb_rec *r, struct task_struct *t, bool dirs)
{
	struct file *f = BPF_CORE_READ(t, mm, exe_file);
	struct inode *ino;
	struct dentry *d;

	clear_exe(r);
	if (!f)
		return;
	ino = BPF_CORE_READ(f, f_inode);
	r->exe_ino = BPF_CORE_READ(ino, i_ino);
	r->exe_dev = BPF_CORE_READ(ino, i_sb, s_dev);
	r->exe_nlink = BPF_CORE_READ(ino, i_nlink);
	if (!dirs)
		return;
	d = BPF_CORE_READ(f, f_path.dentry);
	for (int i = 0; i < SWB_EXE_DIRS; i++) {
		struct dentry *p = BPF_CORE_READ(d, d_parent);

		if (!p || p == d)
			break;
		d = p;
		r->exe_dir_ino[i] = BPF_CORE_READ(d, d_inode, i_ino);
		r->exe_dir_dev[i] = BPF_CORE_READ(d, d_sb, s_dev);
	}
}

/* Fills a record header from a slot. */
static __always_inline void fill_rec(struct swb_rec *r, const struct swb_slot *s, __u32 sflags,
				     __u16 type, __u64 id, __s64 ret, __u64 dur)
{
	r->type = type;
	r->ncap = 0;
	r->flags = (sflags & SWB_S_SAMPLED ? SWB_F_SAMPLED : 0) |
		   (type != SWB_REC_ENTER && (sflags & SWB_S_ENTER_OUT) ? SWB_F_JOIN : 0);
	r->pid = id >> 32;
	r->tid = (__u32)id;
	r->nr = s->nr;
	r->uid = (__u32)bpf_get_current_uid_gid();
	r->ts = s->ts;
	r->dur = dur;
	r->args[0] = s->args[0];
	r->args[1] = s->args[1];
	r->args[2] = s->args[2];
	r->args[3] = s->args[3];
	r->args[4] = s->args[4];
	r->args[5] = s->args[5];
	r->ret = ret;
	r->ip = s->ip;
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	if (targ_context) {
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();
		struct task_struct *parent = BPF_CORE_READ(t, real_parent);
		__u64 ug = bpf_get_current_uid_gid();

		r->flags |= SWB_F_CONTEXT;
		r->gid = ug >> 32;
		r->euid = BPF_CORE_READ(t, cred, euid.val);
		r->enter_uid = s->uid;
		r->enter_gid = s->gid;
		r->enter_euid = s->euid;
		r->ppid = BPF_CORE_READ(parent, tgid);
		bpf_probe_read_kernel_str(r->pcomm, sizeof(r->pcomm), &parent->comm);
		for (int i = 0; i < SWB_ANCESTORS; i++) {
			struct task_struct *up = BPF_CORE_READ(parent, real_parent);

			r->acomm[i][0] = 0;
			if (!up || up == parent)
				continue; /* init is its own parent's child: the chain ends */
			parent = up;
			bpf_probe_read_kernel_str(r->acomm[i], sizeof(r->acomm[i]), &parent->comm);
		}
		/* the session id as the initial pid namespace numbers it */
		r->sid = BPF_CORE_READ(t, signal, pids[PIDTYPE_SID], numbers[0].nr);
		fill_exe(r, t, s->nr == 59 /* execve */ || s->nr == 322 /* execveat */);
		r->cgid = bpf_get_current_cgroup_id();
	} else {
		r->cgid = 0;
		r->gid = r->euid = r->enter_uid = r->enter_gid = r->enter_euid = 0;
		r->ppid = r->sid = 0;
		r->pcomm[0] = 0;
		for (int i = 0; i < SWB_ANCESTORS; i++)
			r->acomm[i][0] = 0;
		clear_exe(r);
	}
}

/* A syscall record without captures, from the enter half in s: the common
 * case, reserved in place. xflags: SWB_F_* added to the slot's. */
static __always_inline void send_syscall(const struct swb_slot *s, __u32 sflags, __u16 type, __u64 id,
					 __s64 ret, __u64 dur, __u32 xflags)
{
	struct swb_rec *r = rec_begin(sizeof(*r));

	if (!r)
		return;
	fill_rec(r, s, sflags, type, id, ret, dur);
	r->flags |= xflags;
	rec_send(r, sizeof(*r));
}

#endif
