// SPDX-License-Identifier: GPL-2.0-only
/* The eBPF engine: loads syswatch.bpf.c through its skeleton, launches the
 * command or marks the processes to trace, and turns ring buffer records into
 * events (stream path) or reads the kernel's counters (aggregate path).
 *
 * Lifecycle: open (check the system, set the tunables, load) -> start
 * (attach, launch) -> poll ... -> close. What the kernel lacks is found
 * before loading and named in one line; tp_btf programs are tried first and
 * raw_tp ones when the kernel refuses them. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/syscalls.h"
#include "engine/ebpf/ebpf.h"
#include "stack/stack.h"
#include "syswatch.skel.h"
#include "util/proc.h"

#define EB_FLUSH_MS 10                  /* the reader's own pace: bounds the latency of batched wakeups */
#define EB_BATCH 4096                   /* records read before the reader looks at its stop flag again */
#define EB_DRAIN_MS 300                 /* at the end, records left are delivered this long, then counted lost */
#define EB_SETTLE_MS 2000               /* at the end, how long programs still running are waited for */
#define EB_DEFAULT_RING (16u << 20)     /* ring buffer bytes unless --buffer-size */
#define EB_AGG_RING (256u << 10)        /* aggregate path: exit records only */
#define EB_SLOTS_MAX (1u << 16)         /* per-thread slots (and process entries) at most */
#define EB_BTF_PATH "/sys/kernel/btf/vmlinux"

_Static_assert(SWB_AT_ENTER == SW_AT_ENTER && SWB_AT_EXIT == SW_AT_EXIT, "capture times differ");
_Static_assert(SWB_SIZE_FIXED == SW_SIZE_FIXED && SWB_SIZE_ARG == SW_SIZE_ARG &&
		       SWB_SIZE_ARG_ELEM == SW_SIZE_ARG_ELEM && SWB_SIZE_RET == SW_SIZE_RET &&
		       SWB_SIZE_RET_ELEM == SW_SIZE_RET_ELEM && SWB_SIZE_STRING == SW_SIZE_STRING &&
		       SWB_SIZE_PATH == SW_SIZE_PATH,
	       "capture sizes differ");
_Static_assert(SWB_MAX_RULES == SW_MAX_RULES, "capture plans differ");
_Static_assert(SWB_CAP_FD == SW_CAP_FD && SWB_CAP_IOV == SW_CAP_IOV, "capture kinds differ");
_Static_assert(SWB_CAP_USTACK == SW_CAP_USTACK && SWB_CAPARG_STACK == SW_CAPARG_STACK, "stack captures differ");
_Static_assert(SWB_PATH_MAX == PATH_MAX, "PATH_MAX differs");
_Static_assert(SWB_CAP_DEREF == SW_CAP_DEREF && SWB_DEREF_STR == SW_DEREF_STR && SWB_DEREF_COND == SW_DEREF_COND &&
		       SWB_DEREF_MAX_RECS == SW_DEREF_MAX_RECS,
	       "pointer captures differ");

struct eb_proc {
	pid_t tid;
	pid_t tgid;
};

struct eb_engine {
	struct sw_engine base;
	struct sw_engine_opts o;
	struct syswatch *skel;
	struct eb_ring ring;
	bool ring_open;
	struct eb_decoder dec;
	struct eb_agg agg;
	bool raw_tp;             /* tp_btf was refused */
	uint32_t nslots, nprocs;
	/* the launched command */
	bool launched, reaped, launch_announced;
	struct sw_event *announce_ev;
	struct sw_launch launch;
	char path[PATH_MAX];
	int wstatus;
	/* -p: the threads attached (announced at the first poll, detached at the end) */
	struct eb_proc *attached;
	size_t nattached;
	bool announced;
	/* poll */
	sw_event_cb cb;
	void *cb_ctx;
	int round;               /* events delivered by this poll */
	bool cb_stop;            /* the callback asked to stop */
	sig_atomic_t stop_seen;
	bool stopping, done;
	bool detached;           /* the programs are gone: the counters no longer move */
	bool discarding;         /* at the end: records read are counted lost, not delivered */
	uint64_t delivered;
	uint64_t made_here;      /* of those, made in user space (attach, detach) */
	uint64_t dropped;        /* events read at the end but not delivered (counted lost) */
	/* -k: the kernel's return addresses named in user space */
	struct sw_stack *stack;
	struct sw_strbuf stack_text;
	struct sw_event *stack_ev;
};

/* ---- checking the system ---------------------------------------------------------- */

static int print_warnings(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_DEBUG ? 0 : vfprintf(stderr, fmt, ap);
}

static int print_all(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return vfprintf(stderr, fmt, ap);
}

static bool has_cap(const struct __user_cap_data_struct *d, int cap)
{
	return d[cap / 32].effective & (1u << (cap % 32));
}

/* Root, or CAP_BPF with CAP_PERFMON (CAP_SYS_ADMIN before Linux 5.8). */
static int check_privilege(struct sw_err *err)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return 0; /* the load will tell */
	if (has_cap(d, CAP_SYS_ADMIN) || (has_cap(d, 39 /* CAP_BPF */) && has_cap(d, 38 /* CAP_PERFMON */)))
		return 0;
	return sw_err_set(err, "the ebpf engine needs root, or the CAP_BPF and CAP_PERFMON capabilities");
}

static int check_kernel(struct sw_err *err)
{
	if (access(EB_BTF_PATH, R_OK) < 0)
		return sw_err_set(err, "the ebpf engine needs kernel BTF: %s is missing (CONFIG_DEBUG_INFO_BTF)",
				  EB_BTF_PATH);
	if (libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) != 1)
		return sw_err_set(err, "this kernel has no BPF ring buffer (Linux 5.8 or later needed)");
	if (libbpf_probe_bpf_helper(BPF_PROG_TYPE_RAW_TRACEPOINT, BPF_FUNC_loop, NULL) != 1)
		return sw_err_set(err, "this kernel has no bpf_loop helper (Linux 5.17 or later needed)");
	return 0;
}

static uint32_t pow2_at_least(uint64_t n, uint32_t lo, uint32_t hi)
{
	uint32_t p = lo;

	while (p < n && p < hi)
		p <<= 1;
	return p;
}

static uint32_t pid_max(void)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
	unsigned long v = 0;

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v ? (uint32_t)v : 32768;
}

/* ---- loading -------------------------------------------------------------------------- */

static void set_autoload(struct bpf_program *p, bool on)
{
	bpf_program__set_autoload(p, on);
}

/* Whether this kernel has the io_uring tracepoints (CONFIG_IO_URING). */
static bool uring_traceable(void)
{
	return libbpf_find_vmlinux_btf_id("io_uring_submit_req", BPF_TRACE_RAW_TP) > 0 &&
	       libbpf_find_vmlinux_btf_id("io_uring_complete", BPF_TRACE_RAW_TP) > 0;
}

/* Which programs load: tp_btf or raw_tp, and only those the options need. */
static void choose_programs(struct syswatch *s, const struct sw_engine_opts *o, unsigned floor, bool raw)
{
	bool enter = !floor;
	bool exit = !floor && !(o->aggregate && o->no_latency);
	bool task_exit = !floor;
	bool fork = !floor && o->follow && !o->system_wide;
	bool sig = !floor && !o->aggregate;
	/* io_uring operations: tp_btf only (their arguments are read through BTF) */
	bool uring = !floor && !o->aggregate && o->io_uring && !raw && uring_traceable();

	set_autoload(s->progs.floor_enter, floor && !raw);
	set_autoload(s->progs.floor_enter_raw, floor && raw);
	set_autoload(s->progs.floor_exit, floor == 1 && !raw);
	set_autoload(s->progs.floor_exit_raw, floor == 1 && raw);

	set_autoload(s->progs.on_sys_enter, enter && !raw);
	set_autoload(s->progs.on_sys_enter_raw, enter && raw);
	set_autoload(s->progs.on_sys_exit, exit && !raw);
	set_autoload(s->progs.on_sys_exit_raw, exit && raw);
	set_autoload(s->progs.on_exit, task_exit && !raw);
	set_autoload(s->progs.on_exit_raw, task_exit && raw);
	set_autoload(s->progs.on_exec, task_exit && !raw);
	set_autoload(s->progs.on_exec_raw, task_exit && raw);
	set_autoload(s->progs.on_fork, fork && !raw);
	set_autoload(s->progs.on_fork_raw, fork && raw);
	set_autoload(s->progs.on_signal, sig && !raw);
	set_autoload(s->progs.on_signal_raw, sig && raw);
	set_autoload(s->progs.on_signal_generate, sig && !raw);
	set_autoload(s->progs.on_signal_generate_raw, sig && raw);
	set_autoload(s->progs.on_uring_submit, uring);
	set_autoload(s->progs.on_uring_complete, uring);
}

struct load_cfg {
	unsigned floor;     /* 0, or 1 (enter+exit) / 2 (enter) empty programs */
	uint32_t ring;      /* ring buffer bytes */
	uint32_t nslots;
	uint32_t nprocs;
};

static struct syswatch *load(const struct sw_engine_opts *o, const struct load_cfg *c, bool raw, int *errp)
{
	struct syswatch *s = syswatch__open();
	int rc;

	if (!s) {
		*errp = errno;
		return NULL;
	}
	s->rodata->targ_all = o->system_wide;
	s->rodata->targ_by_tid = !o->follow && !o->system_wide;
	s->rodata->targ_detach_exec = o->detach_on_exec;
	s->rodata->targ_aggregate = o->aggregate;
	s->rodata->targ_latency = !o->no_latency;
	s->rodata->targ_count = o->verbose > 0;
	s->rodata->targ_exits = !(o->aggregate && o->system_wide);
	s->rodata->targ_strlimit = o->strlimit ? o->strlimit : 32;
	s->rodata->targ_unabbrev = o->unabbrev;
	s->rodata->targ_slot_mask = c->nslots - 1;
	s->rodata->targ_proc_mask = c->nprocs - 1;
	s->rodata->targ_wakeup_bytes = c->ring / 4;
	s->rodata->targ_self = (uint32_t)getpid();
	s->rodata->targ_context = o->context;
	s->rodata->targ_fd_detail = o->fd_detail;
	s->rodata->targ_stack = o->stack;
	bpf_map__set_max_entries(s->maps.events, c->ring);
	bpf_map__set_max_entries(s->maps.slots, c->nslots);
	bpf_map__set_max_entries(s->maps.procs, c->nprocs);
	choose_programs(s, o, c->floor, raw);
	rc = syswatch__load(s);
	if (rc) {
		*errp = -rc;
		syswatch__destroy(s);
		return NULL;
	}
	return s;
}

/* Loads with tp_btf programs, or raw_tp ones when the kernel refuses those. */
static struct syswatch *load_any(const struct sw_engine_opts *o, const struct load_cfg *c, bool *raw,
				 struct sw_err *err)
{
	struct syswatch *s;
	int e = 0;

	/* SYSWATCH_EBPF_RAW_TP=1 goes straight to raw_tp (for tests of that path) */
	*raw = getenv("SYSWATCH_EBPF_RAW_TP") != NULL;
	if (!*raw) {
		s = load(o, c, false, &e);
		if (s)
			return s;
		if (o->verbose)
			fprintf(stderr, "syswatch: tp_btf programs refused (%s): trying raw_tp\n", strerror(e));
	}
	*raw = true;
	s = load(o, c, true, &e);
	if (s)
		return s;
	if (e == EPERM || e == EACCES)
		sw_err_set(err, "cannot load the eBPF programs: %s (root or CAP_BPF and CAP_PERFMON needed)",
			   strerror(e));
	else
		sw_err_set(err, "the kernel refused the eBPF programs: %s%s", strerror(e),
			   o->verbose ? "" : " (--verbose shows the verifier log)");
	return NULL;
}

/* The capture plan of every syscall, from the signature table. */
static int fill_plans(struct syswatch *s, const struct sw_engine_opts *o, struct sw_err *err)
{
	int fd = bpf_map__fd(s->maps.plans);

	for (uint32_t nr = 0; nr < SWB_NR_MAX; nr++) {
		const struct sw_syscall *sc = sw_syscall_by_nr((int)nr);
		struct sw_capture_plan plan;
		struct swb_plan bp;

		unsigned what = (o->fd_detail ? SW_PLAN_FDS : 0) | (o->resolve_cwd ? SW_PLAN_CWD : 0) |
				(o->resolve_exe ? SW_PLAN_EXE : 0);

		if (!sc)
			continue;
		sw_capture_plan_for(sc, &plan);
		if (what)
			sw_capture_plan_fds(sc, &plan, what);
		if (plan.n == 0)
			continue;
		if (o->unabbrev)
			sw_capture_plan_env(&plan);
		memset(&bp, 0, sizeof(bp));
		bp.n = plan.n;
		for (unsigned i = 0; i < plan.n; i++) {
			const struct sw_capture_rule *r = &plan.rule[i];
			struct swb_rule *b = &bp.rule[i];

			b->arg = r->arg;
			b->kind = r->kind;
			b->when = r->when;
			b->size_from = r->size_from;
			b->size_arg = r->size_arg;
			b->only_ok = r->only_ok;
			b->size = r->size;
			b->max = r->max;
			b->tag = r->tag;
			b->parent = r->parent;
			b->flags = r->flags;
			b->len_size = r->len_size;
			b->cond_arg = r->cond_arg;
			b->stride = r->stride;
			b->ptr_off = r->ptr_off;
			b->len_off = r->len_off;
			b->cond_val = r->cond_val;
			bp.flags |= r->when == SW_AT_ENTER ? SWB_PLAN_ENTER : SWB_PLAN_EXIT;
		}
		if (bpf_map_update_elem(fd, &nr, &bp, BPF_ANY) < 0)
			return sw_err_set(err, "cannot write the capture plan: %s", strerror(errno));
	}
	return 0;
}

/* Sets the in-kernel filters; the programs may be running: each value is
 * stored whole, and the filter flags last, so a syscall sees either the old
 * filter or the new one for each of them. */
static int set_filters(struct syswatch *s, const struct sw_engine_opts *o, struct sw_err *err)
{
	struct syswatch__bss *b = s->bss;
	uint32_t filt = 0;
	uint64_t comm[2] = { 0, 0 };

	for (int w = 0; w < SWB_NR_MAX / 64; w++) {
		uint64_t bits = 0, full = 0;

		for (int i = 0; i < 64; i++) {
			if (!o->set_given || sw_sysset_has(&o->set, w * 64 + i))
				bits |= 1ull << i;
			if (sw_sysset_has(&o->unsampled, w * 64 + i))
				full |= 1ull << i;
		}
		__atomic_store_n(&b->sysbits[w], bits, __ATOMIC_RELAXED);
		__atomic_store_n(&b->fullbits[w], full, __ATOMIC_RELAXED);
	}
	if (o->uid >= 0) {
		__atomic_store_n(&b->filt_uid, (uint32_t)o->uid, __ATOMIC_RELAXED);
		filt |= SWB_FILT_UID;
	}
	if (o->comm[0]) {
		memcpy(comm, o->comm, strnlen(o->comm, SWB_COMM_LEN - 1));
		__atomic_store_n(&b->filt_comm[0], comm[0], __ATOMIC_RELAXED);
		__atomic_store_n(&b->filt_comm[1], comm[1], __ATOMIC_RELAXED);
		filt |= SWB_FILT_COMM;
	}
	if (o->sample > 1) {
		__atomic_store_n(&b->filt_sample, o->sample, __ATOMIC_RELAXED);
		filt |= SWB_FILT_SAMPLE;
	}
	if (o->cgroup) {
		uint32_t zero = 0;
		int fd = open(o->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0)
			return sw_err_set(err, "cannot use cgroup '%s': %s", o->cgroup, strerror(errno));
		if (bpf_map_update_elem(bpf_map__fd(s->maps.cgroups), &zero, &fd, BPF_ANY) < 0) {
			int e = errno;

			close(fd);
			return sw_err_set(err, "cannot use cgroup '%s': %s (a cgroup v2 directory is needed)",
					  o->cgroup, strerror(e));
		}
		close(fd);
		filt |= SWB_FILT_CGROUP;
	}
	__atomic_store_n(&b->filt, filt, __ATOMIC_RELEASE);
	return 0;
}

int sw_ebpf_kill(struct sw_engine *se, uint32_t tgid, struct sw_err *err)
{
	struct eb_engine *e = (struct eb_engine *)se;
	uint32_t one = 1;

	if (se->ops != &sw_engine_ebpf)
		return sw_err_set(err, "not the ebpf engine");
	if (bpf_map_update_elem(bpf_map__fd(e->skel->maps.doomed), &tgid, &one, BPF_NOEXIST) < 0)
		return errno == EEXIST ? 0 : sw_err_set(err, "cannot mark pid %u to be killed: %s", tgid, strerror(errno));
	__atomic_fetch_add(&e->skel->bss->ndoomed, 1, __ATOMIC_RELAXED);
	return 0;
}

int sw_ebpf_set_filters(struct sw_engine *se, const struct sw_engine_opts *o, struct sw_err *err)
{
	struct eb_engine *e = (struct eb_engine *)se;

	if (se->ops != &sw_engine_ebpf)
		return sw_err_set(err, "not the ebpf engine");
	return set_filters(e->skel, o, err);
}

/* ---- the traced set ---------------------------------------------------------------------- */

static bool trace_id(struct syswatch *s, uint32_t id)
{
	uint64_t bit = 1ull << (id % 64);
	uint64_t old = __atomic_fetch_or(&s->bss->traced[(id / 64) % SWB_PID_WORDS], bit, __ATOMIC_SEQ_CST);

	if (old & bit)
		return false;
	__atomic_fetch_add(&s->bss->live, 1, __ATOMIC_SEQ_CST);
	return true;
}

/* Called in the launched child when its execve failed. */
static void untrace_child(void *ctx, pid_t pid)
{
	struct syswatch *s = ctx;
	uint64_t bit = 1ull << (pid % 64);

	if (__atomic_fetch_and(&s->bss->traced[(pid / 64) % SWB_PID_WORDS], ~bit, __ATOMIC_SEQ_CST) & bit)
		__atomic_fetch_sub(&s->bss->live, 1, __ATOMIC_SEQ_CST);
}

static void add_attached(struct eb_engine *e, pid_t tid, pid_t tgid)
{
	e->attached = sw_xrealloc(e->attached, (e->nattached + 1) * sizeof(*e->attached));
	e->attached[e->nattached].tid = tid;
	e->attached[e->nattached].tgid = tgid;
	e->nattached++;
}

/* -p: the threads to announce, and their keys in the traced set. */
static int attach_pids(struct eb_engine *e, struct sw_err *err)
{
	for (unsigned i = 0; i < e->o.npids; i++) {
		pid_t pid = e->o.pids[i], tgid = sw_proc_tgid(pid);
		char dir[64];
		struct dirent *d;
		DIR *tasks;

		if (tgid < 0)
			return sw_err_set(err, "cannot attach to pid %d: %s", (int)pid, strerror(ESRCH));
		/* -p means every thread of the process, as ptrace attaches them:
		 * without -f the traced set holds each one's tid (threads started
		 * later are not followed), with -f the tgid */
		if (e->o.follow && !trace_id(e->skel, (uint32_t)tgid))
			continue; /* a thread of a process given already */
		snprintf(dir, sizeof(dir), "/proc/%d/task", (int)tgid);
		tasks = opendir(dir);
		if (!tasks) {
			if (e->o.follow || trace_id(e->skel, (uint32_t)pid))
				add_attached(e, pid, tgid);
			continue;
		}
		while ((d = readdir(tasks))) {
			pid_t tid = (pid_t)atoi(d->d_name);

			if (tid <= 0)
				continue;
			if (e->o.follow || trace_id(e->skel, (uint32_t)tid))
				add_attached(e, tid, tgid);
		}
		closedir(tasks);
	}
	return 0;
}

/* ---- delivering events --------------------------------------------------------------------- */

static void deliver(struct eb_engine *e, const struct sw_event *ev)
{
	if (!e->cb || e->cb_stop)
		return;
	e->delivered++;
	e->round++;
	if (e->cb(ev, e->cb_ctx) != 0)
		e->cb_stop = true;
}

/* The launched command is announced with its first event (after its exec,
 * so with its new name), as a tracer announces a tracee at its first stop. */
static void announce_launched(struct eb_engine *e, const struct sw_event *first)
{
	struct sw_event *ev = e->announce_ev;

	e->launch_announced = true;
	sw_event_reset(ev);
	ev->kind = SW_EV_ATTACH;
	ev->arch = first->arch;
	ev->flags = SW_EVF_NO_DUR;
	ev->nr = -1;
	ev->ts_ns = first->ts_ns;
	ev->pid = first->pid;
	ev->tid = first->tid;
	ev->uid = first->uid;
	memcpy(ev->comm, first->comm, sizeof(ev->comm));
	e->made_here++;
	deliver(e, ev);
}

static void deliver_simple(struct eb_engine *e, const struct eb_proc *p, unsigned kind);

/* -k: the event with its frames named (a SW_CAP_STACK capture), from the
 * process's map as it is now. */
static const struct sw_event *with_stack(struct eb_engine *e, const struct sw_event *ev)
{
	const struct sw_capture *c = sw_event_capture(ev, SW_CAPARG_STACK);
	uint64_t ips[SWB_STACK_MAX];
	unsigned n;
	uint8_t *buf;
	size_t need;

	if (!c || c->kind != SW_CAP_USTACK)
		return ev;
	n = c->len / sizeof(uint64_t);
	if (n > SWB_STACK_MAX)
		n = SWB_STACK_MAX;
	memcpy(ips, sw_capture_data(ev, c), n * sizeof(uint64_t));
	sw_strbuf_reset(&e->stack_text);
	sw_stack_symbolize(e->stack, (pid_t)ev->pid, ips, n, &e->stack_text);
	need = ev->data_len + e->stack_text.len;
	if (!e->stack_ev || e->stack_ev->data_cap < need) {
		sw_event_free(e->stack_ev);
		e->stack_ev = sw_event_new(need + 4096);
		if (!e->stack_ev)
			return ev;
	}
	sw_event_copy(e->stack_ev, ev);
	if (e->stack_text.len && sw_event_add_capture(e->stack_ev, SW_CAPARG_STACK, SW_CAP_STACK,
						      (uint32_t)e->stack_text.len, &buf))
		memcpy(buf, e->stack_text.buf, e->stack_text.len);
	return e->stack_ev;
}

static int on_record(void *ctx, const void *data, size_t size)
{
	struct eb_engine *e = ctx;
	const struct sw_event *ev;

	if (eb_decode(&e->dec, data, size, &ev) == 1) {
		if (e->discarding) {
			e->dropped++;
			return 0;
		}
		if (e->launched && !e->launch_announced && ev->tid == (uint32_t)e->launch.pid)
			announce_launched(e, ev);
		if (e->stack && ev->kind == SW_EV_SYSCALL)
			ev = with_stack(e, ev);
		else if (e->stack && ev->kind == SW_EV_EXIT && ev->pid == ev->tid)
			sw_stack_forget(e->stack, (pid_t)ev->pid);
		deliver(e, ev);
		if (ev->flags & SW_EVF_DETACHED) { /* -b execve: the process is let go */
			struct eb_proc p = { .tid = (pid_t)ev->tid, .tgid = (pid_t)ev->pid };

			deliver_simple(e, &p, SW_EV_DETACH);
		}
	}
	/* a callback that wants to stop leaves the rest in the ring */
	return e->cb_stop;
}

static int consume(struct eb_engine *e)
{
	return eb_ring_consume(&e->ring, on_record, e, EB_BATCH);
}

static void read_comm(pid_t tid, char *comm)
{
	char path[64];
	FILE *f;

	memset(comm, 0, SW_COMM_LEN);
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, SW_COMM_LEN, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static void deliver_simple(struct eb_engine *e, const struct eb_proc *p, unsigned kind)
{
	struct sw_event *ev = e->dec.ev;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	sw_event_reset(ev);
	ev->kind = (uint16_t)kind;
	ev->arch = SW_ARCH_X86_64;
	ev->flags = SW_EVF_NO_DUR;
	ev->nr = -1;
	ev->ts_ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	ev->pid = (uint32_t)p->tgid;
	ev->tid = (uint32_t)p->tid;
	read_comm(p->tid, ev->comm);
	e->made_here++;
	deliver(e, ev);
}

static void announce(struct eb_engine *e, unsigned kind)
{
	for (size_t i = 0; i < e->nattached; i++)
		if (kind == SW_EV_ATTACH || kill(e->attached[i].tid, 0) == 0)
			deliver_simple(e, &e->attached[i], kind);
}

/* ---- the engine ------------------------------------------------------------------------------- */

static void eb_close(struct sw_engine *se);

static int eb_open(struct sw_engine **out, const struct sw_engine_opts *o, struct sw_err *err)
{
	struct eb_engine *e;
	struct load_cfg cfg = { 0 };
	uint32_t pmax = pid_max();

	*out = NULL;
	libbpf_set_print(o->verbose ? (o->verbose > 1 ? print_all : print_warnings) : NULL);
	if (o->ninject)
		return sw_err_set(err, "the ebpf engine cannot inject faults (--inject needs the ptrace engine)");
	if (o->daemonize)
		return sw_err_set(err, "-D/--daemonize needs the ptrace engine");
	if (check_privilege(err) < 0 || check_kernel(err) < 0)
		return -1;
	if (!o->argv && !o->npids && !o->system_wide)
		return sw_err_set(err, "nothing to trace: give a command, -p PID or -a");
	e = sw_xcalloc(1, sizeof(*e));
	e->base.ops = &sw_engine_ebpf;
	e->o = *o;
	e->launch.go_fd = e->launch.err_fd = -1;
	if (o->argv && sw_find_program(o->argv[0], e->path) < 0) {
		sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", o->argv[0], strerror(errno));
		goto fail;
	}
	cfg.ring = o->aggregate ? EB_AGG_RING
				: pow2_at_least(o->buffer_size ? o->buffer_size : EB_DEFAULT_RING,
						(uint32_t)sysconf(_SC_PAGESIZE), 1u << 30);
	cfg.nslots = e->nslots = pow2_at_least(pmax, 1, EB_SLOTS_MAX);
	cfg.nprocs = e->nprocs = o->aggregate ? pow2_at_least(pmax, 1, EB_SLOTS_MAX) : 1;
	e->skel = load_any(o, &cfg, &e->raw_tp, err);
	if (!e->skel)
		goto fail;
	e->announce_ev = sw_event_new(0);
	if (o->stack)
		e->stack = sw_stack_new();
	if (!e->announce_ev || eb_decoder_init(&e->dec) < 0) {
		sw_err_set(err, "out of memory");
		goto fail;
	}
	if (o->aggregate && eb_agg_init(&e->agg, e->nprocs, err) < 0)
		goto fail;
	if (!o->aggregate && fill_plans(e->skel, o, err) < 0)
		goto fail;
	if (set_filters(e->skel, o, err) < 0)
		goto fail;
	if (eb_ring_open(&e->ring, bpf_map__fd(e->skel->maps.events), cfg.ring, err) < 0)
		goto fail;
	e->ring_open = true;
	if (o->npids && attach_pids(e, err) < 0)
		goto fail;
	*out = &e->base;
	return 0;
fail:
	eb_close(&e->base);
	return -1;
}

static int eb_start(struct sw_engine *se, struct sw_err *err)
{
	struct eb_engine *e = (struct eb_engine *)se;
	int rc = syswatch__attach(e->skel);

	if (rc)
		return sw_err_set(err, "cannot attach the eBPF programs: %s", strerror(-rc));
	if (!e->o.argv)
		return 0;
	if (eb_launch(&e->launch, e->path, e->o.argv, untrace_child, e->skel, &e->o, err) < 0)
		return -1;
	e->launched = true;
	if (eb_launch_wait(&e->launch, err) < 0)
		return -1;
	/* its pid is its tid and its tgid: the key whatever -f says */
	e->skel->bss->launched_pid = (uint32_t)e->launch.pid;
	trace_id(e->skel, (uint32_t)e->launch.pid);
	return sw_launch_go(&e->launch, err);
}

/* Acts on a stop request once: the launched command gets the signal (a
 * negative one it got already from the terminal); -p and -a just end. */
static void check_stop(struct eb_engine *e)
{
	sig_atomic_t v = e->o.stop ? *e->o.stop : 0;

	if (e->cb_stop && !e->stopping) {
		e->stopping = true;
		if (e->launched && !e->reaped)
			kill(e->launch.pid, SIGKILL);
		return;
	}
	if (!v || v == e->stop_seen)
		return;
	e->stop_seen = v;
	if (e->launched && !e->reaped && (v > 0 || e->stopping))
		kill(e->launch.pid, e->stopping ? SIGKILL : (int)v);
	e->stopping = true;
}

/* Whether nothing is left to trace; err is set when the command never ran. */
static bool finished(struct eb_engine *e, struct sw_err *err, bool *failed)
{
	if (e->launched) {
		pid_t p;
		int st;

		/* Children the command made with CLONE_PARENT are syswatch's:
		 * reaped here as strace and the ptrace engine reap them, or a
		 * command waiting for one to go away would wait forever. */
		while ((p = waitpid(-1, &st, WNOHANG | __WALL)) > 0) {
			if (p != e->launch.pid || e->reaped)
				continue;
			e->wstatus = st;
			e->reaped = true;
			if (eb_launch_failure(&e->launch, e->o.argv[0], err) < 0)
				*failed = true;
		}
		if (!e->reaped)
			return false;
		return e->stopping || !e->o.follow || __atomic_load_n(&e->skel->bss->live, __ATOMIC_SEQ_CST) <= 0;
	}
	if (e->stopping)
		return true;
	if (e->o.npids)
		return __atomic_load_n(&e->skel->bss->live, __ATOMIC_SEQ_CST) <= 0;
	return false;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ll + ts.tv_nsec / 1000000;
}

static uint64_t kernel_counter(struct eb_engine *e, bool produced);

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* The end of a run: the programs are detached, then every record they wrote
 * is read, those in flight at the detach included, so that what the kernel
 * produced is exactly what was delivered plus what was lost. Records are
 * delivered for EB_DRAIN_MS (none after the callback asked to stop), and
 * counted lost after that: a stop request is obeyed within about a second
 * whatever the ring holds. */
static void finish(struct eb_engine *e)
{
	int64_t start = now_ms();
	uint64_t last[3] = { 0, 0, 0 }, cur[3];
	bool first = true;

	if (!e->detached) {
		syswatch__detach(e->skel);
		e->detached = true;
		/* a program that started before the detach may still run: an RCU
		 * grace period (what MEMBARRIER_CMD_GLOBAL waits for) ends those */
		syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);
	}
	if (e->cb_stop)
		e->discarding = true;
	for (;;) {
		while (!eb_ring_empty(&e->ring)) {
			if (!e->discarding && now_ms() - start >= EB_DRAIN_MS)
				e->discarding = true;
			if (consume(e) == 0 && !eb_ring_empty(&e->ring)) {
				if (now_ms() - start >= EB_SETTLE_MS)
					break; /* a record never committed: it cannot be read */
				sleep_ms(1); /* reserved, not committed yet */
			}
		}
		/* settled: nothing new in the ring nor in the counters for a while */
		cur[0] = __atomic_load_n(e->ring.producer_pos, __ATOMIC_ACQUIRE);
		cur[1] = kernel_counter(e, true);
		cur[2] = kernel_counter(e, false);
		if (!first && memcmp(cur, last, sizeof(cur)) == 0 && eb_ring_empty(&e->ring))
			break;
		if (now_ms() - start >= EB_SETTLE_MS)
			break;
		first = false;
		memcpy(last, cur, sizeof(last));
		sleep_ms(2);
	}
}

static int eb_poll(struct sw_engine *se, int timeout_ms, sw_event_cb cb, void *ctx, struct sw_err *err)
{
	struct eb_engine *e = (struct eb_engine *)se;
	int64_t deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : INT64_MAX;
	bool failed = false;

	e->cb = cb;
	e->cb_ctx = ctx;
	e->round = 0;
	if (e->done)
		return SW_ENGINE_DONE;
	if (!e->announced) {
		e->announced = true;
		announce(e, SW_EV_ATTACH);
	}
	for (;;) {
		int64_t left;

		check_stop(e);
		/* a batch at most: producers may keep up with the reader */
		consume(e);
		if (e->cb_stop) {
			check_stop(e);
			finish(e);
			e->done = true;
			break;
		}
		if (finished(e, err, &failed)) {
			finish(e);
			e->done = true;
			if (failed)
				return -1;
			if (!e->launched && e->stopping)
				announce(e, SW_EV_DETACH);
			break;
		}
		if (e->round)
			break;
		left = deadline - now_ms();
		if (left <= 0)
			break;
		eb_ring_wait(&e->ring, left < EB_FLUSH_MS ? (int)left : EB_FLUSH_MS);
	}
	if (e->round)
		return e->round;
	return e->done ? SW_ENGINE_DONE : 0;
}

static uint64_t kernel_counter(struct eb_engine *e, bool produced)
{
	int n = libbpf_num_possible_cpus();
	struct swb_counters *c;
	uint32_t zero = 0;
	uint64_t sum = 0;

	if (!e->skel || n <= 0)
		return 0;
	c = sw_xcalloc((size_t)n, sizeof(*c));
	if (bpf_map_lookup_elem(bpf_map__fd(e->skel->maps.counters), &zero, c) == 0)
		for (int i = 0; i < n; i++)
			sum += produced ? c[i].produced : c[i].lost;
	free(c);
	return sum;
}

static void eb_stats(struct sw_engine *se, struct sw_engine_stats *st)
{
	struct eb_engine *e = (struct eb_engine *)se;

	st->events = e->delivered;
	st->lost = kernel_counter(e, false) + e->dec.lost + e->dropped;
}

uint64_t sw_ebpf_produced(struct sw_engine *se)
{
	return kernel_counter((struct eb_engine *)se, true);
}

static int eb_snapshot(struct sw_engine *se, struct sw_stats *out, bool reset, struct sw_err *err)
{
	struct eb_engine *e = (struct eb_engine *)se;

	if (!e->o.aggregate)
		return sw_err_set(err, "the ebpf engine aggregates only when asked to (opts.aggregate)");
	return eb_agg_snapshot(&e->agg, e->skel, out, reset, !e->o.no_latency, err);
}

static int eb_exit_code(struct sw_engine *se)
{
	struct eb_engine *e = (struct eb_engine *)se;

	if (!e->launched || !e->reaped || e->skel->bss->launched_detached)
		return 0; /* -b execve let the command go: as strace, 0 */
	if (WIFEXITED(e->wstatus))
		return WEXITSTATUS(e->wstatus);
	return 128 + WTERMSIG(e->wstatus);
}

static void eb_close(struct sw_engine *se)
{
	struct eb_engine *e = (struct eb_engine *)se;

	if (!e)
		return;
	if (e->launched && !e->reaped) {
		kill(e->launch.pid, SIGKILL);
		while (waitpid(e->launch.pid, &e->wstatus, 0) < 0 && errno == EINTR)
			;
		e->reaped = true;
	}
	if (e->o.verbose && e->skel && !e->o.aggregate)
		fprintf(stderr, "syswatch: ebpf: %llu events produced in the kernel, %llu delivered, %llu lost\n",
			(unsigned long long)kernel_counter(e, true), (unsigned long long)(e->delivered - e->made_here),
			(unsigned long long)(kernel_counter(e, false) + e->dec.lost + e->dropped));
	sw_launch_close(&e->launch);
	if (e->ring_open)
		eb_ring_close(&e->ring);
	syswatch__destroy(e->skel);
	eb_decoder_release(&e->dec);
	sw_event_free(e->announce_ev);
	sw_stack_free(e->stack);
	sw_strbuf_release(&e->stack_text);
	sw_event_free(e->stack_ev);
	eb_agg_release(&e->agg);
	free(e->attached);
	free(e);
}

const struct sw_engine_ops sw_engine_ebpf = {
	.name = "ebpf",
	.caps = SW_ENGINE_CAN_SYSTEM_WIDE | SW_ENGINE_CAN_SAMPLE | SW_ENGINE_CAN_RING_SIZE | SW_ENGINE_CAN_FILTER_USER,
	.open = eb_open,
	.start = eb_start,
	.poll = eb_poll,
	.stats = eb_stats,
	.snapshot = eb_snapshot,
	.exit_code = eb_exit_code,
	.close = eb_close,
};

/* ---- the benchmark floor ------------------------------------------------------------------------ */

struct sw_ebpf_floor {
	struct syswatch *skel;
};

int sw_ebpf_floor_open(struct sw_ebpf_floor **out, bool enter_only, struct sw_err *err)
{
	struct sw_engine_opts o;
	struct load_cfg cfg = { enter_only ? 2 : 1, (uint32_t)sysconf(_SC_PAGESIZE), 1, 1 };
	struct sw_ebpf_floor *f;
	bool raw;
	int rc;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	o.system_wide = true;
	o.uid = -1;
	libbpf_set_print(NULL);
	if (check_privilege(err) < 0 || check_kernel(err) < 0)
		return -1;
	f = sw_xcalloc(1, sizeof(*f));
	f->skel = load_any(&o, &cfg, &raw, err);
	if (!f->skel) {
		free(f);
		return -1;
	}
	rc = syswatch__attach(f->skel);
	if (rc) {
		sw_ebpf_floor_close(f);
		return sw_err_set(err, "cannot attach the eBPF programs: %s", strerror(-rc));
	}
	*out = f;
	return 0;
}

void sw_ebpf_floor_close(struct sw_ebpf_floor *f)
{
	if (!f)
		return;
	syswatch__destroy(f->skel);
	free(f);
}
