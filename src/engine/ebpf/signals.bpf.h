/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: signals, shown as strace shows them to a
 * traced process: delivered ones (signal_deliver), ignored ones at the
 * target's next syscall exit or entry, traced or not (signal_generate keeps
 * their siginfo), a fatal one
 * the kernel turns into a group exit at that exit, and group-stops.
 * Included by syswatch.bpf.c only. */
#ifndef SWB_SIGNALS_BPF_H
#define SWB_SIGNALS_BPF_H

/* siginfo of signals generated for traced tasks, until shown: ignored ones
 * (which a ptraced task would still report) by tid, fatal ones that the
 * kernel turns into a group exit without delivering them, by tgid. */
struct sig_info {
	__u8 b[48]; /* struct kernel_siginfo */
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct sig_info);
} siginfos SEC(".maps");

struct sig_rec {
	struct swb_rec rec;
	struct swb_cap cap;
	__u8 info[SWB_SIGINFO_SIZE];
};

static __always_inline __u64 sig_key(__u32 id, __u32 sig, bool ignored)
{
	return (__u64)id << 32 | (ignored ? 0x100 : 0) | (sig & 0xff);
}

/* A SIGNAL record for the current thread; the caller fills info and submits. */
static __always_inline struct sig_rec *sig_rec_begin(__u32 sig, __u64 id)
{
	struct sig_rec *r = task_rec_begin(sizeof(*r), SWB_REC_SIGNAL, id >> 32, (__u32)id);

	if (!r)
		return NULL;
	r->rec.ncap = 1;
	r->rec.args[0] = sig;
	/* where the signal interrupts the task: its user registers */
	r->rec.ip = BPF_CORE_READ((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()), ip);
	r->cap.kind = SWB_CAP_MEM;
	r->cap.len = SWB_SIGINFO_SIZE;
	r->cap.total = SWB_SIGINFO_SIZE;
	return r;
}

static __always_inline void sig_rec_send(struct sig_rec *r, const struct sig_info *si, __u32 sig)
{
	if (si)
		__builtin_memcpy(r->info, si, sizeof(*si));
	else
		*(int *)r->info = sig;
	rec_send(r, sizeof(*r));
}

struct flush_ctx {
	__u64 id;
	__u32 pend;
	bool show;
};

static long flush_one(__u32 i, void *ctx)
{
	struct flush_ctx *f = ctx;
	__u32 sig = i + 1;
	__u64 key = sig_key((__u32)f->id, sig, true);
	struct sig_info copy, *si;
	struct sig_rec *r;

	if (!(f->pend & (1u << sig)))
		return 0;
	si = bpf_map_lookup_elem(&siginfos, &key);
	if (si) {
		copy = *si;
		bpf_map_delete_elem(&siginfos, &key);
	}
	if (!f->show)
		return 0;
	r = sig_rec_begin(sig, f->id);
	if (r)
		sig_rec_send(r, si ? &copy : NULL, sig);
	return 0;
}

/* Shows the ignored signals generated for the thread (show: false drops
 * them) where a tracer would have seen them: on the thread's way back to
 * user space. So after the syscall the thread was in when they came, traced
 * or not, and, when they came while it ran in user space, before its next
 * syscall (a signal reaches a thread in user space at its next return from
 * the kernel, which precedes that syscall). */
static __always_inline void flush_signals(struct swb_slot *s, __u64 id, bool show)
{
	struct flush_ctx f = { .id = id, .show = show };

	f.pend = __sync_lock_test_and_set(&s->sigpend, 0);
	if (f.pend)
		bpf_loop(31, flush_one, &f, 0);
}

/* At the entry or exit of a syscall of thread tid that no record of its own
 * is sent for (not in -e trace=, or its slot holds no call): the ignored
 * signals pending, shown for a thread that passes the filters a delivered
 * signal passes (-e trace= is not one of them: strace shows signals whatever
 * syscalls it traces). */
static __always_inline void signals_due(struct swb_slot *s, __u32 tid, __u64 id)
{
	__u32 f;

	if (!s || !s->sigpend || s->tid != tid)
		return;
	f = filt & ~SWB_FILT_SAMPLE;
	flush_signals(s, id, !f || filters_pass(f, -1));
}

/* Whether the thread is being killed with its group (SIGKILL, exit_group or
 * an exec in another thread): a tracer would not see this syscall return. */
static __always_inline bool group_dying(bool raw)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 pend = raw ? BPF_CORE_READ(t, pending.signal.sig[0]) : t->pending.signal.sig[0];
	int code;

	if (!(pend & (1ull << (SIGKILL - 1))))
		return false;
	code = BPF_CORE_READ(t, signal, group_exit_code) & 0x7f;
	return code == 0 || code == SIGKILL;
}

/* ---- signals ----------------------------------------------------------------------- */

/* The siginfo the kernel makes up when a signal is sent without one:
 * SEND_SIG_NOINFO (0) is a signal a process sent (SI_USER, from the current
 * task, which at signal_generate is the sender), SEND_SIG_PRIV (1) one the
 * kernel sent (SI_KERNEL). */
static __always_inline void special_siginfo(__u8 *b, int sig, unsigned long info)
{
	int *w = (int *)b;

	w[0] = sig; /* si_signo */
	if (info == 1) {
		w[2] = 0x80; /* SI_KERNEL */
	} else {
		w[2] = 0; /* SI_USER */
		w[3] = bpf_get_current_pid_tgid() >> 32;  /* si_pid */
		w[4] = (__u32)bpf_get_current_uid_gid();  /* si_uid */
	}
}

/* A stop signal whose action is the default: the thread enters a group-stop. */
static __always_inline void send_stopped(int sig, __u64 id)
{
	struct swb_rec *r = task_rec_begin(sizeof(*r), SWB_REC_SIGNAL, id >> 32, (__u32)id);

	if (!r)
		return;
	r->flags = SWB_F_STOPPED;
	r->args[0] = sig;
	rec_send(r, sizeof(*r));
}

static __always_inline bool stops(int sig, struct k_sigaction *ka)
{
	if (sig != SIGSTOP && sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU)
		return false;
	return ka && BPF_CORE_READ(ka, sa.sa_handler) == NULL;
}

static __always_inline int deliver_common(int sig, void *info, struct k_sigaction *ka)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = id >> 32, f;
	struct sig_info copy;
	struct sig_rec *r;
	__u64 key;

	if (!tracked(tgid, tid))
		return 0;
	f = filt & ~SWB_FILT_SAMPLE;
	if (f && !filters_pass(f, -1))
		return 0;
	if (sig == SIGKILL) {
		/* a group exit; when a fatal signal caused it, the kernel did not
		 * deliver that one: show it once, as a tracer would have seen it */
		struct task_struct *t = bpf_get_current_task_btf();
		__u32 code = BPF_CORE_READ(t, signal, group_exit_code) & 0x7f;
		struct sig_info *si;

		if (!code || code == SIGKILL)
			return 0;
		key = sig_key(tgid, code, false);
		si = bpf_map_lookup_elem(&siginfos, &key);
		if (!si)
			return 0;
		copy = *si;
		if (bpf_map_delete_elem(&siginfos, &key))
			return 0; /* another thread showed it */
		r = sig_rec_begin(code, id);
		if (r)
			sig_rec_send(r, &copy, code);
		return 0;
	}
	key = sig_key(tgid, sig, false);
	bpf_map_delete_elem(&siginfos, &key);
	r = sig_rec_begin(sig, id);
	if (!r)
		return 0;
	/* the kernel passes 0 or 1 (SEND_SIG_NOINFO/PRIV) for "no siginfo" */
	if ((unsigned long)info > 1)
		bpf_probe_read_kernel(r->info, sizeof(struct kernel_siginfo), info);
	else
		special_siginfo(r->info, sig, (unsigned long)info);
	rec_send(r, sizeof(*r));
	if (stops(sig, ka))
		send_stopped(sig, id);
	return 0;
}

SWB_PROG_PAIR("signal_deliver", on_signal, (int sig, struct kernel_siginfo *info, struct k_sigaction *ka),
	return deliver_common(sig, info, ka);)

/* Keeps the siginfo of signals generated for traced tasks: ignored ones are
 * shown when the target next leaves a syscall or enters one (a tracer sees
 * them since the kernel does not drop them for a traced task); delivered ones
 * in case the kernel kills the group without delivering them. */
static __always_inline int generate_common(int sig, void *info, struct task_struct *task, int result)
{
	__u32 tid, tgid;
	struct swb_slot *s;
	struct sig_info si = {};
	__u64 key;

	if (sig <= 0 || sig >= 64 || sig == SIGKILL)
		return 0;
	if (result != TRACE_SIGNAL_IGNORED && result != TRACE_SIGNAL_DELIVERED)
		return 0;
	tid = BPF_CORE_READ(task, pid);
	tgid = BPF_CORE_READ(task, tgid);
	if (!tracked(tgid, tid))
		return 0;
	if ((unsigned long)info > 1)
		bpf_probe_read_kernel(&si, sizeof(si), info);
	else
		special_siginfo(si.b, sig, (unsigned long)info);
	if (result == TRACE_SIGNAL_DELIVERED) {
		key = sig_key(tgid, sig, false);
		bpf_map_update_elem(&siginfos, &key, &si, BPF_ANY);
		return 0;
	}
	if (sig >= 32)
		return 0;
	s = slot_of(tid);
	if (!s)
		return 0;
	if (s->tid != tid) {
		if (s->flags & SWB_S_BUSY)
			return 0; /* the slot is another thread's */
		s->tid = tid;
	}
	key = sig_key(tid, sig, true);
	bpf_map_update_elem(&siginfos, &key, &si, BPF_NOEXIST);
	__sync_fetch_and_or(&s->sigpend, 1u << sig);
	return 0;
}

SWB_PROG_PAIR("signal_generate", on_signal_generate, (int sig, struct kernel_siginfo *info, struct task_struct *task, int group, int result),
	return generate_common(sig, info, task, result);)

#endif
