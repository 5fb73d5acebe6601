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
 * build a variable-length record. One timestamp per half. */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "engine/ebpf/syswatch.h"
#include "resolve/fdres.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define SIGKILL 9
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define MAX_ERRNO 4095

/* ---- tunables, fixed at load: the verifier drops the code they turn off ---- */
const volatile bool targ_all = false;       /* -a: every process */
const volatile bool targ_by_tid = false;    /* without -f: the traced set holds tids */
const volatile bool targ_aggregate = false; /* count in maps, send no syscall records */
const volatile bool targ_latency = true;    /* aggregate: time calls (else sys_enter only) */
const volatile bool targ_count = false;     /* count produced events */
const volatile bool targ_exits = true;      /* send EXIT records */
const volatile __u32 targ_strlimit = 32;    /* -s */
const volatile bool targ_unabbrev = false;  /* -v: every string array entry, not -s of them */
const volatile __u32 targ_slot_mask = 0;    /* slots - 1 (a power of two) */
const volatile __u32 targ_proc_mask = 0;    /* procs - 1 (a power of two) */
const volatile __u64 targ_wakeup_bytes = 0; /* wake the reader when this much is pending; 0: kernel default */
const volatile __u32 targ_self = 0;         /* -a: syswatch's own tgid, never traced */
const volatile bool targ_context = false;  /* records carry credentials (at entry and exit), parent and session */
const volatile bool targ_detach_exec = false; /* -b execve: let processes go at their execve */
const volatile __u32 targ_fd_detail = 0;    /* -y/-yy: how much SWB_CAP_FD rules resolve (enum sw_fd_detail) */
const volatile bool targ_stack = false;     /* -k: syscall records carry the user stack (frame pointers) */

/* ---- run-time state: user space may change it while programs run ---- */
__u64 traced[SWB_PID_WORDS];    /* bit per tgid (tid without -f) */
__u64 sysbits[SWB_NR_MAX / 64]; /* syscalls to report */
__u64 fullbits[SWB_NR_MAX / 64]; /* syscalls reported in full even when sampling */
__u32 filt;                     /* SWB_FILT_* */
__u32 filt_uid;
__u32 filt_sample;              /* 1 in N */
__u64 filt_comm[2];
__s64 live;                     /* traced groups (threads without -f) alive */
__u32 ndoomed;                  /* entries in doomed: 0 keeps the check off the hot path */
__u32 launched_pid;             /* -b execve: the command syswatch started, whose first execve stays traced */
__u32 launched_execed;          /* ... and that first execve happened */
__u32 launched_detached;        /* ... and a later one let it go */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22); /* set by the loader (--buffer-size) */
} events SEC(".maps");

/* Processes to kill (the monitor's action: kill), by tgid: SIGKILL at their
 * next syscall entry. An entry goes when the process exits. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u32);
} doomed SEC(".maps");

/* Enter halves, indexed by tid & targ_slot_mask, tagged with the tid. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* set by the loader */
	__type(key, __u32);
	__type(value, struct swb_slot);
} slots SEC(".maps");

/* Capture plan per syscall number, written by user space from the signature table. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SWB_NR_MAX);
	__type(key, __u32);
	__type(value, struct swb_plan);
} plans SEC(".maps");

/* A record with captures is built here, then copied to the ring buffer;
 * w holds the state of the capture loops. */
struct cap_work {
	__u32 when;    /* SWB_AT_ENTER or SWB_AT_EXIT */
	__u32 off;     /* bytes of captures in data */
	__u32 retry;   /* exit: rules to read again */
	__u32 faulted; /* entry: rules whose read faulted */
	__u32 nofd;    /* SWB_CAP_FD targets (1 << SW_FDT_*) that are not descriptors here
	                * (io_uring: a fixed file's slot) */
};

struct arr_work {
	__u64 base;
	__u32 off;
	__u32 stored;
	__u32 max_store;
	__u32 strsz;   /* bytes per string, 0: count only */
	__u32 total;
	__u32 status;
	__u32 done;    /* the NULL entry was seen */
	__u32 bad;     /* an entry could not be read */
};

struct iov_work {
	__u64 base;
	__u64 left;    /* bytes the call transferred, for data written by the kernel */
	__u32 off;
	__u32 n;
	__u32 stored;
	__u32 status;
};

struct exec_work {
	__u64 bprm;      /* struct linux_binprm * */
	__u64 arg_end;   /* end of the new program's argument strings */
	__u32 argc;
	__u32 envc;
};

struct swb_buf {
	struct {
		struct cap_work cap;
		struct arr_work arr;
		struct iov_work iov;
		struct exec_work ex;
	} w;
	struct swb_rec rec;
	__u8 data[SWB_DATA_MAX + SWB_CAP_MAX + 64];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct swb_buf);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct swb_counters);
} counters SEC(".maps");

/* Aggregate path. */
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

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroups SEC(".maps");

/* ---- small helpers ---------------------------------------------------------- */

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

/* Sampling leaves these out: the monitor's rules count every such call. */
static __always_inline bool is_full(long nr)
{
	return fullbits[(nr >> 6) & (SWB_NR_MAX / 64 - 1)] & (1ull << (nr & 63));
}

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

static __always_inline struct swb_slot *slot_of(__u32 tid)
{
	__u32 key = tid & targ_slot_mask;

	return bpf_map_lookup_elem(&slots, &key);
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

/* ---- captures ----------------------------------------------------------------- */

/* The state of the capture loops lives in the scratch buffer, not on the
 * stack: the verifier does not track values it loads from a map, so the
 * bpf_loop callbacks are verified once, not once per possible offset. */

static __always_inline struct swb_buf *scratch_buf(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch, &zero);
}

static __always_inline __u32 strlimit(void)
{
	__u32 n = targ_strlimit;

	return n < SWB_CAP_MAX - 2 ? n : SWB_CAP_MAX - 2;
}

/* One entry of a NULL-terminated string array (execve argv, envp): every
 * entry is counted, the first max_store stored, each with its NUL; after an
 * entry that cannot be read the rest are counted, not stored. */
static long arr_entry(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct arr_work *a;
	__u64 p = 0;
	__u32 off, sz;
	long n;

	if (!b)
		return 1;
	a = &b->w.arr;
	if (bpf_probe_read_user(&p, sizeof(p), (void *)(a->base + (__u64)i * 8))) {
		a->status = i == 0 ? SWB_CAPS_FAULT : SWB_CAPS_TRUNC;
		a->done = 1;
		return 1;
	}
	if (!p) {
		a->done = 1;
		return 1;
	}
	a->total = i + 1;
	if (!a->strsz || a->stored != i || a->stored >= a->max_store)
		return 0;
	off = a->off;
	if (off > SWB_DATA_MAX) {
		a->max_store = a->stored;
		return 0;
	}
	sz = a->strsz + 1;
	if (sz > SWB_CAP_MAX)
		sz = SWB_CAP_MAX;
	n = bpf_probe_read_user_str(&b->data[off], sz, (void *)p);
	if (n <= 0) {
		a->status = SWB_CAPS_TRUNC;
		a->bad = 1;
		return 0;
	}
	a->off = off + (__u32)n;
	a->stored++;
	return 0;
}

/* One element of an iovec array: a struct swb_iov_rec, then its bytes. */
static long iov_elem(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct { __u64 base, len; } iov;
	struct swb_iov_rec *rec;
	struct iov_work *a;
	__u64 want;
	__u32 off, n;

	if (!b)
		return 1;
	a = &b->w.iov;
	if (i >= a->n)
		return 1;
	if (bpf_probe_read_user(&iov, sizeof(iov), (void *)(a->base + (__u64)i * sizeof(iov)))) {
		a->status = SWB_CAPS_FAULT;
		return 1;
	}
	off = a->off;
	if (off > SWB_DATA_MAX) {
		a->status = SWB_CAPS_TRUNC;
		return 1;
	}
	rec = (void *)&b->data[off];
	want = iov.len < a->left ? iov.len : a->left;
	if (want > strlimit())
		want = strlimit();
	n = want & (SWB_CAP_MAX - 1);
	rec->base = iov.base;
	rec->len = iov.len;
	rec->status = SWB_CAPS_OK;
	if (n && bpf_probe_read_user(&b->data[off + sizeof(*rec)], n, (void *)iov.base)) {
		rec->status = SWB_CAPS_FAULT;
		n = 0;
	} else if (n < iov.len) {
		rec->status = SWB_CAPS_TRUNC;
	}
	rec->stored = n;
	a->left -= iov.len < a->left ? iov.len : a->left;
	a->off = off + sizeof(*rec) + n;
	a->stored++;
	return 0;
}

/* Bytes a rule wants (bounded) and the object's full size; mirrors
 * sw_capture_rule_size() in core/syscalls.c. */
static __always_inline __u64 rule_want(const struct swb_rule *r, const __u64 *args, __s64 ret,
				       __u64 *total)
{
	__u64 max = r->max ? r->max : strlimit();
	__u64 n;

	switch (r->size_from) {
	case SWB_SIZE_FIXED:
		*total = r->size;
		return r->size;
	case SWB_SIZE_ARG:
		n = r->size_arg < SWB_NARGS ? args[r->size_arg] : 0;
		*total = n;
		return n < max ? n : max;
	case SWB_SIZE_ARG_ELEM:
		n = r->size_arg < SWB_NARGS ? args[r->size_arg] : 0;
		max = r->max ? r->max : 1024;
		n = (n < max ? n : max) * r->size;
		*total = n;
		return n;
	case SWB_SIZE_RET:
		n = ret > 0 ? ret : 0;
		*total = n;
		return n < max ? n : max;
	case SWB_SIZE_RET_ELEM:
		n = ret > 0 ? ret : 0;
		n = (n < max ? n : max) * r->size;
		*total = n;
		return n;
	case SWB_SIZE_STRING:
		*total = 0;
		return strlimit() + 1;
	case SWB_SIZE_PATH:
		*total = 0;
		return SWB_PATH_MAX;
	}
	*total = 0;
	return 0;
}

/* A SWB_CAP_FD rule: what the descriptor it names refers to, resolved now
 * (resolve/fdres.bpf.h), as a struct sw_fdinfo and its path. */
static __always_inline long cap_fd(struct swb_buf *b, const struct swb_rule *r, __u32 i)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct cap_work *c = &b->w.cap;
	struct fdres_out *o;
	struct swb_cap *cap;
	struct file *file = NULL;
	__u32 off, data, len;
	__u8 t = r->arg;
	int fd = 0;

	if (t == SW_FDT_EXE) {
		if (b->rec.ret < 0)
			return 0;
		file = BPF_CORE_READ(task, mm, exe_file);
		if (!file)
			return 0;
	} else if (t < SWB_NARGS) {
		fd = (int)b->rec.args[t & 7];
	} else if (t == SW_FDT_RET) {
		if (b->rec.ret < 0)
			return 0;
		fd = (int)b->rec.ret;
	} else if (t == SW_FDT_CWD) {
		fd = FDRES_AT_FDCWD;
	} else if (t == SW_FDT_PAIR0 || t == SW_FDT_PAIR1) {
		int pair[2];

		if (b->rec.ret < 0 || r->size_arg >= SWB_NARGS ||
		    bpf_probe_read_user(pair, sizeof(pair), (void *)b->rec.args[r->size_arg & 7]))
			return 0;
		fd = pair[t == SW_FDT_PAIR1];
	} else {
		return 0;
	}
	if ((fd < 0 && fd != FDRES_AT_FDCWD) || (c->nofd & (1u << (t & 31))))
		return 0;
	off = c->off;
	if (off > SWB_DATA_MAX) {
		b->rec.flags |= SWB_F_DATA_FULL;
		return 1;
	}
	o = file ? fdres__file(task, file, targ_fd_detail) : fdres__fd(task, fd, targ_fd_detail);
	if (!o)
		return 0;
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	len = fdres__size(o);
	if (len > sizeof(o->fi) + SW_FDPATH_MAX)
		len = sizeof(o->fi) + SW_FDPATH_MAX;
	if (bpf_probe_read_kernel(&b->data[data], len, &o->fi))
		return 0;
	cap->arg = t;
	cap->kind = SWB_CAP_FD;
	cap->status = o->fi.type == SW_FD_NONE ? SWB_CAPS_FAULT : SWB_CAPS_OK;
	cap->at_exit = r->when == SWB_AT_EXIT;
	cap->len = len;
	cap->count = 0;
	cap->rule = i;
	cap->total = len;
	c->off = data + ((len + 7) & ~7u);
	b->rec.ncap++;
	return 0;
}

/* Runs rule i of the plan of the record's syscall if it applies now. */
static long cap_rule(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct swb_plan *p;
	struct swb_rule *r;
	struct swb_cap *cap;
	struct cap_work *c;
	__u64 ptr, want, total = 0;
	__u32 key, off, len = 0, status = SWB_CAPS_OK, count = 0, data, ri;
	bool again;
	__u8 arg;

	if (!b)
		return 1;
	c = &b->w.cap;
	key = b->rec.nr & (SWB_NR_MAX - 1);
	p = bpf_map_lookup_elem(&plans, &key);
	if (!p || i >= p->n || i >= SWB_MAX_RULES)
		return 1;
	ri = i;
	/* hide what the compiler knows of i, so the mask stays for the verifier */
	asm volatile("" : "+r"(ri));
	r = &p->rule[ri & (SWB_MAX_RULES - 1)];
	again = c->when == SWB_AT_EXIT && (c->retry & (1u << i));
	if (r->when != c->when && !again)
		return 0;
	if (r->kind == SWB_CAP_FD)
		return r->when == c->when ? cap_fd(b, r, i) : 0;
	arg = r->arg;
	if (arg >= SWB_NARGS)
		return 0;
	ptr = b->rec.args[arg];
	if (!ptr)
		return 0;
	if (c->when == SWB_AT_EXIT && r->only_ok && b->rec.ret < 0)
		return 0;
	off = c->off;
	if (off > SWB_DATA_MAX) {
		b->rec.flags |= SWB_F_DATA_FULL;
		return 1;
	}
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	want = rule_want(r, b->rec.args, b->rec.ret, &total);

	if (r->kind == SWB_CAP_STR) {
		__u32 sz = want < SWB_CAP_MAX - 1 ? want + 1 : SWB_CAP_MAX;
		long n = bpf_probe_read_user_str(&b->data[data], sz, (void *)ptr);
		char last = 1;

		/* want bytes were readable but not the one after them (the string
		 * runs up to an unmapped page): read exactly want bytes; the last
		 * one, overwritten by the NUL the helper adds, says whether the
		 * string ended there or goes on */
		if (n < 0 && sz > 1) {
			sz--;
			n = bpf_probe_read_user_str(&b->data[data], sz, (void *)ptr);
			if (n == sz && bpf_probe_read_user(&last, 1, (void *)(ptr + sz - 1)))
				n = -1;
		}
		if (n <= 0) {
			status = SWB_CAPS_FAULT;
		} else {
			len = n - 1;
			if (len >= sz - 1 && last)
				status = SWB_CAPS_TRUNC;
			else
				total = len;
		}
	} else if (r->kind == SWB_CAP_MEM) {
		__u32 n = want < SWB_CAP_MAX ? want : SWB_CAP_MAX;

		if (!n) {
			/* an object of length 0 (a read returning 0): empty, shown as "" */
			total = 0;
		} else if (bpf_probe_read_user(&b->data[data], n, (void *)ptr)) {
			status = SWB_CAPS_FAULT;
			total = 0;
		} else {
			len = n;
			if (total > n)
				status = SWB_CAPS_TRUNC;
		}
	} else if (r->kind == SWB_CAP_STRARRAY) {
		struct arr_work *a = &b->w.arr;
		__u32 lim = strlimit();

		a->base = ptr;
		a->off = data;
		a->stored = 0;
		a->max_store = lim < SWB_ARRAY_MAX && !targ_unabbrev ? lim : SWB_ARRAY_MAX;
		a->strsz = want;
		a->total = 0;
		a->status = SWB_CAPS_OK;
		a->done = 0;
		a->bad = 0;
		bpf_loop(SWB_ARRAY_COUNT, arr_entry, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = a->total;
		status = a->done ? a->status : SWB_CAPS_TRUNC;
		if (a->bad && c->when == SWB_AT_ENTER)
			c->faulted |= 1u << i;
	} else if (r->kind == SWB_CAP_IOV) {
		struct iov_work *a = &b->w.iov;
		__u64 n = r->size_arg < SWB_NARGS ? b->rec.args[r->size_arg] : 0;

		a->base = ptr;
		a->left = c->when == SWB_AT_EXIT ? (b->rec.ret > 0 ? b->rec.ret : 0) : ~0ull;
		a->off = data;
		/* the decoder shows -s elements, as strace does */
		a->n = n < SWB_IOV_MAX ? n : SWB_IOV_MAX;
		if (a->n > strlimit())
			a->n = strlimit();
		a->stored = 0;
		a->status = SWB_CAPS_OK;
		bpf_loop(SWB_IOV_MAX, iov_elem, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = n;
		status = a->status;
		if (status == SWB_CAPS_OK && count < n)
			status = SWB_CAPS_TRUNC;
	} else {
		return 0;
	}

	if (status == SWB_CAPS_FAULT && c->when == SWB_AT_ENTER)
		c->faulted |= 1u << i;
	cap->arg = arg;
	cap->kind = r->kind;
	cap->status = status;
	cap->at_exit = r->when == SWB_AT_EXIT;
	cap->len = len;
	cap->count = count;
	cap->rule = i;
	cap->total = total;
	c->off = data + ((len + 7) & ~7u);
	b->rec.ncap++;
	return 0;
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

/* -k: the user stack after the captures, as the kernel's frame-pointer walk
 * finds it (bpf_get_stack): where the thread is, then return addresses. */
static __always_inline void cap_stack(struct swb_buf *b, void *ctx)
{
	__u32 off = b->w.cap.off;
	struct swb_cap *cap;
	long n;

	if (off > SWB_DATA_MAX)
		return;
	cap = (struct swb_cap *)&b->data[off];
	n = bpf_get_stack(ctx, &b->data[off + sizeof(*cap)], SWB_STACK_MAX * sizeof(__u64), BPF_F_USER_STACK);
	if (n <= 0)
		return;
	cap->arg = SWB_CAPARG_STACK;
	cap->kind = SWB_CAP_USTACK;
	cap->status = SWB_CAPS_OK;
	cap->at_exit = 1;
	cap->len = (__u32)n;
	cap->count = (__u32)n / sizeof(__u64);
	cap->rule = SWB_RULE_STACK;
	cap->total = cap->count;
	b->w.cap.off = off + sizeof(*cap) + (((__u32)n + 7) & ~7u);
	b->rec.ncap++;
}

/* Adds the captures of `when` (and the rules in retry, read again) to the
 * record in b and sends it. Returns the rules whose read faulted, or -1 if
 * it was lost. ctx: the program's, for -k's stack (NULL: none). */
static __always_inline long send_captures(struct swb_buf *b, __u32 when, __u32 retry, __u32 nofd, void *ctx)
{
	__u64 len;

	b->w.cap.when = when;
	b->w.cap.retry = retry;
	b->w.cap.nofd = nofd;
	b->w.cap.off = 0;
	b->w.cap.faulted = 0;
	bpf_loop(SWB_MAX_RULES, cap_rule, NULL, 0);
	if (targ_stack && ctx)
		cap_stack(b, ctx);
	len = sizeof(b->rec) + b->w.cap.off;
	if (len > sizeof(b->rec) + sizeof(b->data))
		len = sizeof(b->rec) + sizeof(b->data);
	if (bpf_ringbuf_output(&events, &b->rec, len, wake_flags(len)))
		return -1;
	return b->w.cap.faulted;
}

/* Builds a record with the captures of `when` (and the exit-time retries) and
 * sends it. Returns the rules whose read faulted, or -1 if it was lost. ctx:
 * the program's, for -k's stack (NULL: none). */
static __always_inline long send_built(const struct swb_slot *s, __u32 sflags, __u16 type,
				       __u32 when, __u64 id, __s64 ret, __u64 dur, void *ctx)
{
	struct swb_buf *b = scratch_buf();

	if (!b)
		return -1;
	fill_rec(&b->rec, s, sflags, type, id, ret, dur);
	return send_captures(b, when, s->retry, 0, ctx);
}

/* ---- signal records ------------------------------------------------------------- */

struct sig_rec {
	struct swb_rec rec;
	struct swb_cap cap;
	__u8 info[SWB_SIGINFO_SIZE];
};

static __always_inline __u64 sig_key(__u32 id, __u32 sig, bool ignored)
{
	return (__u64)id << 32 | (ignored ? 0x100 : 0) | (sig & 0xff);
}

/* size bytes of the ring, zeroed and counted; NULL when it is full (counted lost). */
static __always_inline void *reserve_counted(const __u64 size)
{
	void *r;

	count_produced();
	r = bpf_ringbuf_reserve(&events, size, 0);
	if (r)
		__builtin_memset(r, 0, size);
	else
		count_lost();
	return r;
}

/* The head of a record of no syscall: thread tid of group tgid, the current
 * task's uid, time and comm. */
static __always_inline void rec_head(struct swb_rec *r, __u16 type, __u32 tgid, __u32 tid)
{
	r->type = type;
	r->pid = tgid;
	r->tid = tid;
	r->nr = -1;
	r->uid = (__u32)bpf_get_current_uid_gid();
	r->ts = bpf_ktime_get_ns();
	bpf_get_current_comm(r->comm, sizeof(r->comm));
}

/* A SIGNAL record for the current thread; the caller fills info and submits. */
static __always_inline struct sig_rec *sig_rec_begin(__u32 sig, __u64 id)
{
	struct sig_rec *r = reserve_counted(sizeof(*r));

	if (!r)
		return NULL;
	rec_head(&r->rec, SWB_REC_SIGNAL, id >> 32, (__u32)id);
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
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
}

struct flush_ctx {
	__u64 id;
	__u32 pend;
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
	r = sig_rec_begin(sig, f->id);
	if (r)
		sig_rec_send(r, si ? &copy : NULL, sig);
	return 0;
}

/* Shows the ignored signals generated for the thread, where a tracer would
 * have seen them: on its way back to user space, after the syscall it was
 * in, or the next one (a signal reaches a thread in user space at its next
 * return from the kernel; right after a syscall, as a rule). */
static __always_inline void flush_signals(struct swb_slot *s, __u64 id)
{
	struct flush_ctx f = { .id = id };

	f.pend = __sync_lock_test_and_set(&s->sigpend, 0);
	if (f.pend)
		bpf_loop(31, flush_one, &f, 0);
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
	if (targ_all ? tgid == targ_self : !is_traced(targ_by_tid ? tid : tgid))
		return NULL;
	if (!is_wanted(nr))
		return NULL;
	f = filt;
	if (f && !filters_pass(f, nr))
		return NULL;
	if (targ_aggregate && !targ_latency) {
		agg_add(nr, tgid, 0, 0, false);
		return NULL;
	}
	s = slot_of(tid);
	if (!s)
		return NULL;
	/* only when pid_max exceeds the slots: another thread's call in flight
	 * shares this slot, and its event is lost */
	if (s->tid != tid && (s->flags & SWB_S_BUSY) && !(s->flags & SWB_S_LOST)) {
		count_produced();
		count_lost();
	}
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
		count_produced();
		count_lost();
		return 0;
	}
	s->flags |= SWB_S_ENTER_OUT;
	s->retry = r;
	return 0;
}

#if defined(__TARGET_ARCH_x86)
#define SYSCALL_ARGS(s, regs, READ)                                  \
	do {                                                         \
		(s)->args[0] = READ(regs, di);                       \
		(s)->args[1] = READ(regs, si);                       \
		(s)->args[2] = READ(regs, dx);                       \
		(s)->args[3] = READ(regs, r10);                      \
		(s)->args[4] = READ(regs, r8);                       \
		(s)->args[5] = READ(regs, r9);                       \
		(s)->ip = READ(regs, ip);                            \
	} while (0)
#else
#error "the eBPF engine reads syscall arguments from x86-64 registers only"
#endif
#define DIRECT(regs, field) ((regs)->field)

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

SEC("tp_btf/sys_enter")
int BPF_PROG(on_sys_enter, struct pt_regs *regs, long nr)
{
	struct swb_slot *s;

	if (targ_fd_detail)
		fdres__note_syscall(nr);
	s = enter_begin(nr);

	if (!s || targ_aggregate)
		return 0;
	SYSCALL_ARGS(s, regs, DIRECT);
	if (nr == NR_RT_SIGRETURN)
		sigframe_mask(s, regs->sp);
	return enter_end(s, nr);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(on_sys_enter_raw, struct pt_regs *regs, long nr)
{
	struct swb_slot *s;

	if (targ_fd_detail)
		fdres__note_syscall(nr);
	s = enter_begin(nr);

	if (!s || targ_aggregate)
		return 0;
	SYSCALL_ARGS(s, regs, BPF_CORE_READ);
	if (nr == NR_RT_SIGRETURN)
		sigframe_mask(s, BPF_CORE_READ(regs, sp));
	return enter_end(s, nr);
}

/* ---- the floor: empty programs on the same attach points (benchmarks) ---- */

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter, struct pt_regs *regs, long nr)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit, struct pt_regs *regs, long ret)
{
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(floor_enter_raw, struct pt_regs *regs, long nr)
{
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(floor_exit_raw, struct pt_regs *regs, long ret)
{
	return 0;
}

/* ---- sys_exit ------------------------------------------------------------------- */

static __always_inline int exit_common(void *ctx, long ret, bool raw)
{
	__u64 id = bpf_get_current_pid_tgid(), now;
	__u32 tid = (__u32)id, key, flags;
	struct swb_slot *s;
	struct swb_plan *p;
	struct swb_rec *r;

	if (!targ_all && !is_traced(targ_by_tid ? tid : (__u32)(id >> 32)))
		return 0;
	s = slot_of(tid);
	if (!s || s->tid != tid || !(s->flags & SWB_S_BUSY))
		return 0;
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
	if (flags & SWB_S_LOST)
		return 0;
	count_produced();
	key = s->nr & (SWB_NR_MAX - 1);
	p = bpf_map_lookup_elem(&plans, &key);
	if (targ_stack || (p && ((p->flags & SWB_PLAN_EXIT) || s->retry))) {
		if (send_built(s, flags, SWB_REC_SYSCALL, SWB_AT_EXIT, id, ret, now - s->ts, ctx) < 0)
			count_lost();
	} else {
		r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
		if (r) {
			fill_rec(r, s, flags, SWB_REC_SYSCALL, id, ret, now - s->ts);
			bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
		} else {
			count_lost();
		}
	}
	if (s->sigpend)
		flush_signals(s, id);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(on_sys_exit, struct pt_regs *regs, long ret)
{
	if (targ_fd_detail)
		fdres__note_syscall(regs->orig_ax);
	return exit_common(ctx, ret, false);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(on_sys_exit_raw, struct pt_regs *regs, long ret)
{
	if (targ_fd_detail)
		fdres__note_syscall(BPF_CORE_READ(regs, orig_ax));
	return exit_common(ctx, ret, true);
}

/* ---- processes: fork (-f), exit ----------------------------------------------------- */

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
	count_produced();
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count_lost();
		return 0;
	}
	__builtin_memset(r, 0, sizeof(*r));
	r->type = SWB_REC_ATTACH;
	r->pid = ctgid;
	r->tid = ctid;
	r->nr = -1;
	r->uid = (__u32)bpf_get_current_uid_gid();
	r->ts = bpf_ktime_get_ns();
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	return fork_common(parent, child);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(on_fork_raw, struct task_struct *parent, struct task_struct *child)
{
	return fork_common(parent, child);
}

static __always_inline void send_unfinished(const struct swb_slot *s, __u32 sflags, __u64 id)
{
	struct swb_rec *r;

	count_produced();
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count_lost();
		return;
	}
	fill_rec(r, s, sflags, SWB_REC_NORET, id, 0, 0);
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
}

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

/* A record of no syscall (EXIT, REKEY, a group-stop) of thread tid of group
 * tgid, reserved and counted, with the current task's uid, time and comm;
 * NULL when the ring is full (counted lost). */
static __always_inline struct swb_rec *plain_rec(__u16 type, __u32 tgid, __u32 tid)
{
	struct swb_rec *r = reserve_counted(sizeof(*r));

	if (r)
		rec_head(r, type, tgid, tid);
	return r;
}

/* The EXIT record of thread tid of group tgid (task: its task_struct). */
static __always_inline void send_exit(struct task_struct *task, __u32 tid, __u32 tgid, bool group_dead)
{
	struct swb_rec *r = plain_rec(SWB_REC_EXIT, tgid, tid);

	if (!r)
		return;
	r->flags = (tid == tgid ? SWB_F_LEADER : 0) | (group_dead ? SWB_F_GROUP : 0);
	r->ret = BPF_CORE_READ(task, exit_code);
	bpf_probe_read_kernel_str(r->comm, sizeof(r->comm), &task->comm);
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
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
				send_unfinished(s, sflags, id);
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
			send_unfinished(s, sflags, id);
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

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *task)
{
	return exit_task_common(task);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(on_exit_raw, struct task_struct *task)
{
	return exit_task_common(task);
}

/* One argument string of the new program, read from its stack (which the
 * kernel just wrote): stored cut at strsz bytes, with its NUL. */
static long exec_arg(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct arr_work *a;
	__u32 off, cut;
	long n;

	if (!b)
		return 1;
	a = &b->w.arr;
	if (a->stored >= a->max_store || a->base >= b->w.ex.arg_end)
		return 1;
	off = a->off;
	if (off > SWB_DATA_MAX)
		return 1;
	n = bpf_probe_read_user_str(&b->data[off], SWB_PATH_MAX, (void *)a->base);
	if (n <= 0) {
		a->status = SWB_CAPS_TRUNC;
		return 1;
	}
	a->base += n;
	cut = a->strsz & (SWB_CAP_MAX - 1);
	if (n - 1 > cut) {
		b->data[off + cut] = 0;
		n = cut + 1;
	}
	a->off = off + (__u32)n;
	a->stored++;
	return 0;
}

/* Rule i of an execve whose entry-time read faulted, read again from what
 * the kernel copied: the file name from the binprm, the argument strings
 * from the new program's stack, the environment count from the binprm. */
static long exec_rule(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct linux_binprm *bprm;
	struct swb_plan *p;
	struct swb_rule *r;
	struct swb_cap *cap;
	struct cap_work *c;
	__u32 key, off, data, len = 0, count = 0, status = SWB_CAPS_OK;
	__u64 want, total = 0;

	if (!b)
		return 1;
	c = &b->w.cap;
	key = b->rec.nr & (SWB_NR_MAX - 1);
	p = bpf_map_lookup_elem(&plans, &key);
	if (!p || i >= p->n || i >= SWB_MAX_RULES)
		return 1;
	if (!(c->retry & (1u << i)))
		return 0;
	r = &p->rule[i & (SWB_MAX_RULES - 1)];
	off = c->off;
	if (off > SWB_DATA_MAX)
		return 1;
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	want = rule_want(r, b->rec.args, 0, &total);
	bprm = (void *)b->w.ex.bprm;
	if (r->kind == SWB_CAP_STR) {
		__u32 sz = want < SWB_CAP_MAX - 1 ? want + 1 : SWB_CAP_MAX;
		long n = bpf_probe_read_kernel_str(&b->data[data], sz, BPF_CORE_READ(bprm, filename));

		if (n <= 0)
			return 0;
		len = n - 1;
		if (len >= sz - 1)
			status = SWB_CAPS_TRUNC;
		else
			total = len;
	} else if (r->kind == SWB_CAP_STRARRAY && want) {
		struct arr_work *a = &b->w.arr;
		__u32 lim = strlimit();

		a->base = BPF_CORE_READ((struct task_struct *)bpf_get_current_task_btf(), mm, arg_start);
		a->off = data;
		a->stored = 0;
		a->max_store = lim < SWB_ARRAY_MAX ? lim : SWB_ARRAY_MAX;
		if (a->max_store > b->w.ex.argc)
			a->max_store = b->w.ex.argc;
		a->strsz = want;
		a->status = SWB_CAPS_OK;
		bpf_loop(SWB_ARRAY_MAX, exec_arg, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = b->w.ex.argc;
		status = a->status;
	} else if (r->kind == SWB_CAP_STRARRAY) {
		total = b->w.ex.envc;
	} else {
		return 0;
	}
	cap->arg = r->arg;
	cap->kind = r->kind;
	cap->status = status;
	cap->at_exit = 0;
	cap->len = len;
	cap->count = count;
	cap->rule = i;
	cap->total = total;
	c->off = data + ((len + 7) & ~7u);
	b->rec.ncap++;
	return 0;
}

static __always_inline void send_exec_retry(struct swb_slot *s, struct linux_binprm *bprm, __u64 id)
{
	struct swb_buf *b = scratch_buf();
	__u64 len;

	if (!b)
		return;
	fill_rec(&b->rec, s, 0, SWB_REC_RETRY, id, 0, 0);
	b->w.cap.off = 0;
	b->w.cap.retry = s->retry;
	b->w.ex.bprm = (__u64)bprm;
	b->w.ex.arg_end = BPF_CORE_READ((struct task_struct *)bpf_get_current_task_btf(), mm, arg_end);
	b->w.ex.argc = BPF_CORE_READ(bprm, argc);
	b->w.ex.envc = BPF_CORE_READ(bprm, envc);
	bpf_loop(SWB_MAX_RULES, exec_rule, NULL, 0);
	len = sizeof(b->rec) + b->w.cap.off;
	if (len > sizeof(b->rec) + sizeof(b->data))
		len = sizeof(b->rec) + sizeof(b->data);
	/* if this is lost, the faulted reads stay marked so: nothing is wrong */
	bpf_ringbuf_output(&events, &b->rec, len, wake_flags(len));
}

/* -b execve: the execve goes out now, marked, and the process leaves the
 * traced set, so nothing of the new program is seen (the launched
 * command's first execve excepted). */
static __always_inline void detach_at_exec(struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, pid), tgid = BPF_CORE_READ(p, tgid);
	__u32 key = targ_by_tid ? pid : tgid;
	__u64 id = (__u64)tgid << 32 | pid, bit = 1ull << (key & 63), old;
	struct swb_slot *s;
	struct swb_rec *r;

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
		count_produced();
		r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
		if (r) {
			fill_rec(r, s, s->flags, SWB_REC_SYSCALL, id, 0, bpf_ktime_get_ns() - s->ts);
			r->flags |= SWB_F_DETACHED;
			bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
		} else {
			count_lost();
		}
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
	if (targ_aggregate) {
		__u32 key = tgid & targ_proc_mask;
		struct swb_proc_stat *ps = bpf_map_lookup_elem(&procs, &key);

		if (ps && ps->pid == tgid)
			bpf_get_current_comm(ps->comm, sizeof(ps->comm));
		else if ((ps = bpf_map_lookup_elem(&procs_more, &tgid)))
			bpf_get_current_comm(ps->comm, sizeof(ps->comm));
	}
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
		if (!targ_aggregate && (r = plain_rec(SWB_REC_REKEY, tgid, pid))) {
			r->args[0] = old_pid;
			bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
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

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	exec_common(p, old_pid, bprm);
	if (targ_detach_exec)
		detach_at_exec(p);
	return 0;
}

SEC("raw_tp/sched_process_exec")
int BPF_PROG(on_exec_raw, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	exec_common(p, old_pid, bprm);
	if (targ_detach_exec)
		detach_at_exec(p);
	return 0;
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
	struct swb_rec *r = plain_rec(SWB_REC_SIGNAL, id >> 32, (__u32)id);

	if (!r)
		return;
	r->flags = SWB_F_STOPPED;
	r->args[0] = sig;
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
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

	if (targ_all ? tgid == targ_self : !is_traced(targ_by_tid ? tid : tgid))
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
	bpf_ringbuf_submit(r, wake_flags(sizeof(*r)));
	if (stops(sig, ka))
		send_stopped(sig, id);
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(on_signal, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	return deliver_common(sig, info, ka);
}

SEC("raw_tp/signal_deliver")
int BPF_PROG(on_signal_raw, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	return deliver_common(sig, info, ka);
}

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
	if (targ_all ? tgid == targ_self : !is_traced(targ_by_tid ? tid : tgid))
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

SEC("tp_btf/signal_generate")
int BPF_PROG(on_signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task, int group,
	     int result)
{
	return generate_common(sig, info, task, result);
}

SEC("raw_tp/signal_generate")
int BPF_PROG(on_signal_generate_raw, int sig, struct kernel_siginfo *info, struct task_struct *task, int group,
	     int result)
{
	return generate_common(sig, info, task, result);
}

/* ---- io_uring ------------------------------------------------------------------- */

/* Operations submitted through io_uring never pass sys_enter/sys_exit. With
 * targ_uring, the ones that name files or addresses are reported as the
 * syscall they stand for (SWB_F_IOURING): io_uring_submit_req keeps the
 * request's arguments, read from the kernel's prepared copy (the SQE's user
 * pointers, the dirfd, the flags), and its completion sends one record, with
 * the result and every capture of the syscall's plan (paths read again from
 * the caller's memory, descriptors resolved then). */
struct uring_op {
	struct swb_slot s;
	__u64 user_data;  /* the completion must be this request's */
	__u32 pid, tid;   /* who submitted it (the completion may run in an io-wq thread) */
	__u32 nofd;       /* descriptor targets that are fixed-file slots */
	__u32 opcode;
	char comm[SWB_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64); /* struct io_kiocb * */
	__type(value, struct uring_op);
} uring_ops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct uring_op);
} uring_scratch SEC(".maps");

#define NR_SOCKET 41
#define NR_CONNECT 42
#define NR_OPENAT 257
#define NR_MKDIRAT 258
#define NR_UNLINKAT 263
#define NR_RENAMEAT2 316

static __always_inline __u64 uptr_of(struct filename *f)
{
	return (__u64)BPF_CORE_READ(f, uptr);
}

/* The syscall an operation stands for and its arguments; -1: not reported. */
static __always_inline long uring_args(struct io_kiocb *req, __u32 op, __u64 *a, __u32 *nofd)
{
	void *cmd = &req->cmd;
	bool fixed = BPF_CORE_READ(req, flags) & REQ_F_FIXED_FILE;

	switch (op) {
	case IORING_OP_OPENAT:
	case IORING_OP_OPENAT2: {
		struct io_open *o = cmd;

		a[0] = (__u32)BPF_CORE_READ(o, dfd);
		a[1] = uptr_of(BPF_CORE_READ(o, filename));
		a[2] = BPF_CORE_READ(o, how.flags);
		a[3] = BPF_CORE_READ(o, how.mode);
		if (BPF_CORE_READ(o, file_slot))
			*nofd = 1u << SW_FDT_RET;
		return NR_OPENAT;
	}
	case IORING_OP_CONNECT: {
		struct io_connect *c = cmd;

		a[0] = (__u32)BPF_CORE_READ(req, cqe.fd);
		a[1] = (__u64)BPF_CORE_READ(c, addr);
		a[2] = (__u32)BPF_CORE_READ(c, addr_len);
		if (fixed)
			*nofd = 1u << 0;
		return NR_CONNECT;
	}
	case IORING_OP_SOCKET: {
		struct io_socket *k = cmd;

		a[0] = (__u32)BPF_CORE_READ(k, domain);
		a[1] = (__u32)BPF_CORE_READ(k, type);
		a[2] = (__u32)BPF_CORE_READ(k, protocol);
		if (BPF_CORE_READ(k, file_slot))
			*nofd = 1u << SW_FDT_RET;
		return NR_SOCKET;
	}
	case IORING_OP_UNLINKAT: {
		struct io_unlink *u = cmd;

		a[0] = (__u32)BPF_CORE_READ(u, dfd);
		a[1] = uptr_of(BPF_CORE_READ(u, filename));
		a[2] = (__u32)BPF_CORE_READ(u, flags);
		return NR_UNLINKAT;
	}
	case IORING_OP_MKDIRAT: {
		struct io_mkdir *m = cmd;

		a[0] = (__u32)BPF_CORE_READ(m, dfd);
		a[1] = uptr_of(BPF_CORE_READ(m, filename));
		a[2] = BPF_CORE_READ(m, mode);
		return NR_MKDIRAT;
	}
	case IORING_OP_RENAMEAT: {
		struct io_rename *r = cmd;

		a[0] = (__u32)BPF_CORE_READ(r, old_dfd);
		a[1] = uptr_of(BPF_CORE_READ(r, oldpath));
		a[2] = (__u32)BPF_CORE_READ(r, new_dfd);
		a[3] = uptr_of(BPF_CORE_READ(r, newpath));
		a[4] = (__u32)BPF_CORE_READ(r, flags);
		return NR_RENAMEAT2;
	}
	}
	return -1;
}

SEC("tp_btf/io_uring_submit_req")
int BPF_PROG(on_uring_submit, struct io_kiocb *req)
{
	__u64 id = bpf_get_current_pid_tgid(), key = (__u64)req, ug;
	__u32 tid = (__u32)id, tgid = id >> 32, zero = 0, f;
	struct uring_op *u;
	long nr;

	__u32 op = BPF_CORE_READ(req, opcode);

	/* a rename without a syscall: cached paths must be walked again */
	if (targ_fd_detail && op == IORING_OP_RENAMEAT)
		fdres__note_syscall(NR_RENAMEAT2);
	if (targ_all ? tgid == targ_self : !is_traced(targ_by_tid ? tid : tgid))
		return 0;
	u = bpf_map_lookup_elem(&uring_scratch, &zero);
	if (!u)
		return 0;
	__builtin_memset(u, 0, sizeof(*u));
	u->opcode = op;
	nr = uring_args(req, u->opcode, u->s.args, &u->nofd);
	if (nr < 0 || !is_wanted(nr))
		return 0;
	f = filt;
	if (f && !filters_pass(f, nr))
		return 0;
	u->s.tid = tid;
	u->s.nr = nr;
	u->s.flags = SWB_S_BUSY | ((f & SWB_FILT_SAMPLE) && !is_full(nr) ? SWB_S_SAMPLED : 0);
	ug = bpf_get_current_uid_gid();
	u->s.uid = (__u32)ug;
	u->s.gid = ug >> 32;
	u->s.euid = current_euid();
	u->s.ts = bpf_ktime_get_ns();
	u->user_data = BPF_CORE_READ(req, cqe.user_data);
	u->pid = tgid;
	u->tid = tid;
	bpf_get_current_comm(u->comm, sizeof(u->comm));
	bpf_map_update_elem(&uring_ops, &key, u, BPF_ANY);
	return 0;
}

SEC("tp_btf/io_uring_complete")
int BPF_PROG(on_uring_complete, struct io_ring_ctx *ring, void *req, struct io_uring_cqe *cqe)
{
	__u64 key = (__u64)req, now = bpf_ktime_get_ns();
	struct uring_op *u, *p;
	struct swb_buf *b;
	__u32 zero = 0;
	__s64 res;

	p = bpf_map_lookup_elem(&uring_ops, &key);
	if (!p)
		return 0;
	u = bpf_map_lookup_elem(&uring_scratch, &zero);
	if (!u)
		return 0;
	*u = *p;
	bpf_map_delete_elem(&uring_ops, &key);
	/* a request whose submission we saw but whose completion we missed
	 * (cancelled with its ring) may be reused for another one */
	if (BPF_CORE_READ(cqe, user_data) != u->user_data ||
	    BPF_CORE_READ((struct io_kiocb *)req, opcode) != u->opcode)
		return 0;
	res = BPF_CORE_READ(cqe, res);
	if (targ_fd_detail && u->s.nr == NR_RENAMEAT2)
		fdres__note_syscall(NR_RENAMEAT2);
	count_produced();
	b = scratch_buf();
	if (!b) {
		count_lost();
		return 0;
	}
	fill_rec(&b->rec, &u->s, u->s.flags, SWB_REC_SYSCALL, (__u64)u->pid << 32 | u->tid, res, now - u->s.ts);
	b->rec.flags |= SWB_F_IOURING;
	__builtin_memcpy(b->rec.comm, u->comm, sizeof(b->rec.comm));
	/* every rule of the plan, entry-time ones read now */
	if (send_captures(b, SWB_AT_EXIT, ~0u, u->nofd, NULL) < 0)
		count_lost();
	return 0;
}
