/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: processes. A fork (-f) adds the child to
 * the traced set and announces it; a thread's end sends the syscall it never
 * returned from and its EXIT record; an exec renames, moves a non-leader's
 * enter half to the leader's id, and reads execve's faulted arguments again
 * (-b execve lets the process go there).
 * Included by syswatch.bpf.c only. */
#ifndef SWB_LIFECYCLE_BPF_H
#define SWB_LIFECYCLE_BPF_H

static __always_inline int fork_common(struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = BPF_CORE_READ(parent, tgid);
	__u32 ctgid = BPF_CORE_READ(child, tgid);
	__u32 ctid = BPF_CORE_READ(child, pid);
	struct swb_slot *s = slot_of(ctid);
	__u64 bit = 1ull << (ctgid & 63), old;
	struct swb_rec *r;

	if (s && s->tid == ctid)
		s->flags = 0;
	if (!is_traced(ptgid))
		return 0;
	if (ptgid != ctgid) {
		old = __sync_fetch_and_or(&traced[(ctgid >> 6) & (SWB_PID_WORDS - 1)], bit);
		if (!(old & bit))
			__sync_fetch_and_add(&live, 1);
	}
	if (targ_aggregate)
		return 0;
	/* announced as a tracer announces a new tracee */
	r = task_rec_begin(sizeof(*r), SWB_REC_ATTACH, ctgid, ctid);
	if (r)
		rec_send(r, sizeof(*r));
	return 0;
}

SWB_PROG_PAIR("sched_process_fork", on_fork, (struct task_struct *parent, struct task_struct *child),
	return fork_common(parent, child);)

/* The leader of a group in which another thread calls execve: it is
 * replaced, not ended (the exec'ing thread takes its id); a tracer sees the
 * call it was in end unfinished, and the exec's REKEY record says it was
 * superseded. */
static __always_inline bool superseded(struct task_struct *task, __u32 tid, __u32 tgid, bool group_dead)
{
	if (tid != tgid || group_dead || !bpf_core_field_exists(task->signal->group_exec_task))
		return false;
	return BPF_CORE_READ(task, signal, group_exec_task) != NULL;
}

/* The EXIT record of thread tid of group tgid (task: its task_struct). */
static __always_inline void send_exit(struct task_struct *task, __u32 tid, __u32 tgid, bool group_dead)
{
	struct swb_rec *r = task_rec_begin(sizeof(*r), SWB_REC_EXIT, tgid, tid);

	if (!r)
		return;
	r->flags = (tid == tgid ? SWB_F_LEADER : 0) | (group_dead ? SWB_F_GROUP : 0);
	r->ret = BPF_CORE_READ(task, exit_code);
	bpf_probe_read_kernel_str(r->comm, sizeof(r->comm), &task->comm);
	rec_send(r, sizeof(*r));
}

static __always_inline int exit_task_common(struct task_struct *task)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = id >> 32, key_id = targ_by_tid ? tid : tgid;
	bool group_dead = BPF_CORE_READ(task, signal, live.counter) == 0;
	struct swb_slot *s = slot_of(tid);
	__u32 f;

	if (superseded(task, tid, tgid, group_dead)) {
		if (s && s->tid == tid) {
			__u32 sflags = s->flags;

			s->flags = 0;
			s->sigpend = 0;
			f = filt & ~SWB_FILT_SAMPLE;
			if ((sflags & SWB_S_BUSY) && !(sflags & SWB_S_LOST) && !targ_aggregate &&
			    (targ_all ? tgid != targ_self : is_traced(key_id)) && (!f || filters_pass(f, -1)))
				send_syscall(s, sflags, SWB_REC_NORET, id, 0, 0, 0);
		}
		return 0;
	}

	if (ndoomed && group_dead && bpf_map_delete_elem(&doomed, &tgid) == 0)
		__sync_fetch_and_add(&ndoomed, -1);
	if (targ_all && tgid == targ_self)
		return 0;
	if (!targ_all) {
		__u64 bit = 1ull << (key_id & 63), old;

		if (!is_traced(key_id))
			return 0;
		if (targ_by_tid || group_dead) {
			old = __sync_fetch_and_and(&traced[(key_id >> 6) & (SWB_PID_WORDS - 1)], ~bit);
			if (old & bit)
				__sync_fetch_and_add(&live, -1);
		}
	}
	f = filt & ~SWB_FILT_SAMPLE;
	if (f && !filters_pass(f, -1)) {
		if (s && s->tid == tid) {
			s->flags = 0;
			s->sigpend = 0;
		}
		return 0;
	}
	if (s && s->tid == tid)
		s->sigpend = 0;
	/* a syscall it never returned from (exit, exit_group, killed in it) */
	if (s && s->tid == tid && (s->flags & SWB_S_BUSY)) {
		__u32 sflags = s->flags;

		s->flags = 0;
		if (!targ_aggregate && !(sflags & SWB_S_LOST))
			send_syscall(s, sflags, SWB_REC_NORET, id, 0, 0, 0);
	}
	if (!targ_exits)
		return 0;
	/* a leader that ends before its threads is reported with the last of
	 * them, as wait() reports it (never, when an execve supersedes it) */
	if (tid == tgid && !group_dead && !targ_by_tid)
		return 0;
	send_exit(task, tid, tgid, group_dead);
	if (tid != tgid && group_dead && !targ_by_tid)
		send_exit(BPF_CORE_READ(task, group_leader), tgid, tgid, true);
	return 0;
}

SWB_PROG_PAIR("sched_process_exit", on_exit, (struct task_struct *task),
	return exit_task_common(task);)

/* -b execve: the execve goes out now, marked, and the process leaves the
 * traced set, so nothing of the new program is seen (the launched
 * command's first execve excepted). */
static __always_inline void detach_at_exec(struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, pid), tgid = BPF_CORE_READ(p, tgid);
	__u32 key = targ_by_tid ? pid : tgid;
	__u64 id = (__u64)tgid << 32 | pid, bit = 1ull << (key & 63), old;
	struct swb_slot *s;

	if (targ_all || targ_aggregate || !is_traced(key))
		return;
	if (key == launched_pid && !launched_execed) {
		launched_execed = 1;
		return;
	}
	if (key == launched_pid)
		launched_detached = 1;
	/* the execve itself, when it is reported (its slot is busy) */
	s = slot_of(pid);
	if (s && s->tid == pid && (s->flags & SWB_S_BUSY) && !(s->flags & SWB_S_LOST)) {
		send_syscall(s, s->flags, SWB_REC_SYSCALL, id, 0, bpf_ktime_get_ns() - s->ts, SWB_F_DETACHED);
	}
	if (s && s->tid == pid)
		s->flags = 0;
	old = __sync_fetch_and_and(&traced[(key >> 6) & (SWB_PID_WORDS - 1)], ~bit);
	if (old & bit)
		__sync_fetch_and_add(&live, -1);
}

/* A traced process executed a new program. From a thread other than the
 * leader, the thread takes the leader's id and its enter half moves with
 * it. The old pointers of the execve mean nothing now: entry-time reads
 * that faulted are redone from the kernel's copy, and none at exit. */
static __always_inline int exec_common(struct task_struct *p, __u32 old_pid, struct linux_binprm *bprm)
{
	__u32 pid = BPF_CORE_READ(p, pid), tgid = BPF_CORE_READ(p, tgid);
	__u64 id = (__u64)tgid << 32 | pid;
	struct swb_slot *o, *n;
	struct swb_rec *r;
	bool moved;

	if (!targ_all && !is_traced(targ_by_tid ? old_pid : tgid))
		return 0;
	if (targ_aggregate)
		proc_rename(tgid);
	n = slot_of(pid);
	if (!n)
		return 0;
	if (old_pid != pid) {
		if (!targ_all && targ_by_tid) {
			__sync_fetch_and_and(&traced[(old_pid >> 6) & (SWB_PID_WORDS - 1)], ~(1ull << (old_pid & 63)));
			__sync_fetch_and_or(&traced[(pid >> 6) & (SWB_PID_WORDS - 1)], 1ull << (pid & 63));
		}
		o = slot_of(old_pid);
		moved = o && o != n && o->tid == old_pid && (o->flags & SWB_S_BUSY);
		if (moved) {
			__builtin_memcpy(n, o, sizeof(*n));
			n->tid = pid;
			o->flags = 0;
			o->sigpend = 0;
		}
		/* the leader superseded, and the enter half's new tid; if this is
		 * lost, the exit finds no half to join: lost, and counted so */
		if (!targ_aggregate && (r = task_rec_begin(sizeof(*r), SWB_REC_REKEY, tgid, pid))) {
			r->args[0] = old_pid;
			rec_send(r, sizeof(*r));
		}
		if (!moved)
			return 0;
	}
	if (n->tid != pid || !(n->flags & SWB_S_BUSY))
		return 0;
	n->flags |= SWB_S_EXECED;
	if (!targ_aggregate && n->retry && (n->flags & SWB_S_ENTER_OUT))
		send_exec_retry(n, bprm, id);
	n->retry = 0;
	return 0;
}

SWB_PROG_PAIR("sched_process_exec", on_exec, (struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm),
	exec_common(p, old_pid, bprm);
	if (targ_detach_exec)
		detach_at_exec(p);
	return 0;)

#endif
