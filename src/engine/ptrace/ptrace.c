// SPDX-License-Identifier: GPL-2.0-only
/* The ptrace engine: launches a command or attaches to processes, stops them
 * at each syscall (or, with a syscall set, only at the syscalls a seccomp
 * filter hands over), and turns every completed syscall into one event.
 *
 * The tracer is one loop around wait4(). Each stop costs a wait4, one
 * PTRACE_GET_SYSCALL_INFO and one restart; memory is read only for syscalls
 * that are reported, /proc only when a thread is new or changed its name. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "decode/decode.h"
#include "engine/ptrace/ptrace.h"
#include "resolve/resolve.h"
#include "stack/stack.h"
#include "util/proc.h"

#ifndef __x86_64__
#error "the ptrace engine supports x86-64 only"
#endif

#define PT_EVENT_DATA 4096     /* initial capture room per thread */
#define PT_SCRATCH_DATA 256    /* signal and exit events */
#define PT_DRAIN_MS 5000       /* how long close waits for tracees to let go */

struct pt_engine {
	struct sw_engine base;
	struct sw_engine_opts o;
	struct pt_table t;
	struct pt_mem mem;
	unsigned strlimit;
	unsigned ptrace_opts;
	bool seccomp;        /* the launched command runs under the seccomp pre-filter */
	bool quiet_children; /* without -f under the filter: children are traced, not reported */
	struct sw_sysset filter; /* the syscalls the filter stops at */
	bool launched;
	struct pt_launch launch;
	char path[PATH_MAX];
	pid_t leader;        /* the launched process */
	int exit_code;
	sig_atomic_t stop_seen; /* the *o.stop value acted on */
	bool stopping;
	bool cb_stop;        /* the callback asked to stop */
	uint64_t events;
	sw_event_cb cb;
	void *cb_ctx;
	int delivered;
	struct sw_event *scratch;
	unsigned nquiet;      /* tracees ever made quiet: deliver looks each event's tracee up */
	int8_t inject_rule[SW_NR_MAX]; /* per syscall: the inject rule it takes, -1: none */
	unsigned nparked;     /* tracees held for a delay (at most: recounted when woken) */
	struct sw_stack *stack; /* -k */
	struct sw_strbuf stack_text;
};

/* ---- /proc ------------------------------------------------------------------ */

static ssize_t read_small_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* A number field ("Tgid:", "Uid:") of /proc/PID/status, or -1. */
static long status_field(pid_t tgid, pid_t tid, const char *field)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", tgid, tid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, field);
	if (!p)
		return -1;
	return strtol(p + strlen(field), NULL, 10);
}

static pid_t read_tgid(pid_t tid)
{
	long v = status_field(tid, tid, "\nTgid:");

	return v > 0 ? (pid_t)v : tid;
}

static void refresh_comm(struct pt_tracee *tr)
{
	char path[64], buf[SW_COMM_LEN + 2];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", tr->tgid, tr->tid);
	n = read_small_file(path, buf, sizeof(buf));
	if (n < 0)
		return; /* gone: keep the last name */
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	memset(tr->comm, 0, sizeof(tr->comm));
	memcpy(tr->comm, buf, (size_t)n < sizeof(tr->comm) - 1 ? (size_t)n : sizeof(tr->comm) - 1);
	tr->comm_ok = true;
}

static void refresh_uid(struct pt_tracee *tr)
{
	long uid = status_field(tr->tgid, tr->tid, "\nUid:");

	if (uid >= 0) {
		tr->uid = (uint32_t)uid;
		tr->uid_ok = true;
	}
}

/* ---- events ----------------------------------------------------------------- */

static void fill_identity(struct pt_tracee *tr, struct sw_event *ev)
{
	if (!tr->comm_ok)
		refresh_comm(tr);
	if (!tr->uid_ok)
		refresh_uid(tr);
	ev->pid = (uint32_t)tr->tgid;
	ev->tid = (uint32_t)tr->tid;
	ev->uid = tr->uid;
	memcpy(ev->comm, tr->comm, sizeof(ev->comm));
}

static void deliver(struct pt_engine *e, const struct sw_event *ev)
{
	struct pt_tracee *tr;

	if (!e->cb)
		return; /* closing: nobody listens */
	if (e->quiet_children && ev->tid != (uint32_t)e->leader)
		return;
	if (e->nquiet && (tr = pt_table_get(&e->t, (pid_t)ev->tid)) && tr->quiet)
		return;
	e->events++;
	e->delivered++;
	if (e->cb(ev, e->cb_ctx) != 0)
		e->cb_stop = true;
}

/* A signal, exit, kill, attach or detach event of tr. */
static struct sw_event *simple_event(struct pt_engine *e, struct pt_tracee *tr, unsigned kind)
{
	struct sw_event *ev = e->scratch;

	sw_event_reset(ev);
	ev->kind = (uint16_t)kind;
	ev->arch = SW_ARCH_X86_64;
	ev->nr = -1;
	ev->ts_ns = sw_now_ns(CLOCK_REALTIME);
	ev->flags = SW_EVF_NO_DUR;
	fill_identity(tr, ev);
	return ev;
}

/* A syscall that will not return (exit, exit_group, a thread killed in it). */
static void deliver_unfinished(struct pt_engine *e, struct pt_tracee *tr)
{
	struct sw_event *ev = tr->ev;

	if (!tr->in_syscall || !tr->report || tr->starting)
		return;
	tr->in_syscall = false;
	ev->flags |= SW_EVF_NORET | SW_EVF_NO_DUR;
	ev->ret = 0;
	ev->dur_ns = 0;
	fill_identity(tr, ev);
	deliver(e, ev);
}

/* ---- resuming and stopping tracees ------------------------------------------ */

static void resume(struct pt_engine *e, struct pt_tracee *tr, int sig)
{
	int req = e->seccomp && !tr->in_syscall && !tr->full_stops ? PTRACE_CONT : PTRACE_SYSCALL;

	/* ESRCH: killed while stopped; wait4 will report its end */
	ptrace(req, tr->tid, 0L, (long)sig);
}

/* signal=: sent with the restart from the entry stop (the kernel sends it
 * as SI_KERNEL, as strace's), or from the exit stop after a seccomp stop. */
static int injected_signal(struct pt_tracee *tr)
{
	int sig = tr->inject_sig;

	if (!sig || tr->in_syscall == tr->sig_at_exit)
		return 0;
	tr->inject_sig = 0;
	return sig;
}

/* delay_enter=, delay_exit=: the thread stays stopped until resume_at
 * (the poll loop wakes it); the others run on. */
static void resume_or_park(struct pt_engine *e, struct pt_tracee *tr, int sig)
{
	if (tr->resume_at && tr->resume_at > sw_now_ns(CLOCK_MONOTONIC) && !e->stopping) {
		tr->parked = true;
		tr->resume_sig = sig;
		e->nparked++;
		return;
	}
	tr->resume_at = 0;
	resume(e, tr, sig);
}

static void unpark(struct pt_engine *e, struct pt_tracee *tr)
{
	tr->parked = false;
	tr->resume_at = 0;
	resume(e, tr, tr->resume_sig);
}

struct wake_ctx {
	struct pt_engine *e;
	uint64_t now, next; /* the earliest wake-up left, 0: none */
	unsigned left;
};

static void wake_one(struct pt_tracee *tr, void *arg)
{
	struct wake_ctx *w = arg;

	if (!tr->parked)
		return;
	if (tr->resume_at <= w->now) {
		unpark(w->e, tr);
		return;
	}
	w->left++;
	if (!w->next || tr->resume_at < w->next)
		w->next = tr->resume_at;
}

/* Resumes the parked tracees whose delay is over; returns the earliest
 * wake-up still to come (CLOCK_MONOTONIC ns), 0 when none is left. */
static uint64_t wake_parked(struct pt_engine *e)
{
	struct wake_ctx w = { e, sw_now_ns(CLOCK_MONOTONIC), 0, 0 };

	pt_table_each(&e->t, wake_one, &w);
	e->nparked = w.left;
	return w.next;
}

/* Asks tr to stop so it can be detached at that stop. */
static void interrupt_for_detach(struct pt_engine *e, struct pt_tracee *tr)
{
	if (tr->detaching)
		return;
	tr->detaching = true;
	if (ptrace(PTRACE_INTERRUPT, tr->tid, 0L, 0L) < 0 && errno == ESRCH) {
		/* not ours any more (a zombie waiting for its threads): nothing to detach */
		pt_table_del(&e->t, tr);
	}
}

struct stop_ctx {
	struct pt_engine *e;
	int sig;
};

/* What stopping means for one tracee: processes we were asked to trace with -p
 * are detached and run on; the command we launched gets the signal (like
 * strace, which kills what it started); its other processes are detached, or
 * also signalled when they run under the seccomp filter (without a tracer its
 * SECCOMP_RET_TRACE would fail their syscalls). */
static void stop_one(struct pt_tracee *tr, void *arg)
{
	struct stop_ctx *c = arg;
	struct pt_engine *e = c->e;

	if (tr->parked)
		unpark(e, tr); /* a delay ends with the run */
	if (!e->launched) {
		interrupt_for_detach(e, tr);
		return;
	}
	if (c->sig == SIGKILL || tr->tgid == e->leader || e->seccomp) {
		/* one process-directed signal per process */
		if (tr->tid == tr->tgid || !pt_table_get(&e->t, tr->tgid))
			kill(tr->tgid, c->sig);
	} else {
		interrupt_for_detach(e, tr);
	}
}

static void begin_stop(struct pt_engine *e, int sig)
{
	struct stop_ctx c = { e, sig > 0 && sig < NSIG ? sig : SIGTERM };

	if (e->stopping && e->launched)
		c.sig = SIGKILL; /* asked twice */
	e->stopping = true;
	if (sig < 0 && e->launched)
		return; /* the terminal signalled the command itself; a second signal kills it */
	pt_table_each(&e->t, stop_one, &c);
}

static void check_stop(struct pt_engine *e)
{
	sig_atomic_t v = e->o.stop ? *e->o.stop : 0;

	if (e->cb_stop && !e->stopping) {
		begin_stop(e, SIGKILL);
		return;
	}
	if (v && v != e->stop_seen) {
		e->stop_seen = v;
		begin_stop(e, (int)v);
	}
}

static void detach_at_stop(struct pt_engine *e, struct pt_tracee *tr, int sig, int event)
{
	/* a signal about to be delivered is handed back, not lost */
	int pass = event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0;

	ptrace(PTRACE_DETACH, tr->tid, 0L, (long)pass);
	if (!e->launched)
		deliver(e, simple_event(e, tr, SW_EV_DETACH));
	pt_table_del(&e->t, tr);
}

/* ---- syscall stops ---------------------------------------------------------- */

static int arch_of(uint32_t audit_arch)
{
	switch (audit_arch) {
	case AUDIT_ARCH_I386: return SW_ARCH_I386;
	case AUDIT_ARCH_AARCH64: return SW_ARCH_AARCH64;
	default: return SW_ARCH_X86_64;
	}
}

static bool is_exec(int nr)
{
	return nr == __NR_execve || nr == __NR_execveat;
}

static bool when_matches(const struct sw_inject *in, uint32_t seen)
{
	if (seen < in->first || (in->last && seen > in->last))
		return false;
	return in->step ? (seen - in->first) % in->step == 0 : seen == in->first;
}

/* poke_enter=, poke_exit=: writes the rule's data where the arguments point;
 * a poke that cannot be made is said and the others go on, as strace. */
static void do_pokes(struct pt_tracee *tr, const struct sw_inject *in, const uint64_t *args, bool at_exit)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(tr->ev->nr);

	for (unsigned k = 0; k < in->npokes; k++) {
		const struct sw_poke *pk = &in->pokes[k];

		if (pk->at_exit != at_exit)
			continue;
		if (pk->arg > SW_NARGS || (sc && sc->nargs >= 0 && pk->arg > sc->nargs)) {
			warning("inject: cannot poke process %d: %s has no argument #%u", (int)tr->tid,
				sc ? sc->name : "this syscall", pk->arg);
			continue;
		}
		if (pt_mem_write(tr->tid, args[pk->arg - 1], pk->data, pk->len) < 0) {
			warning("inject: cannot poke process %d: argument #%u (%#llx): %s", (int)tr->tid, pk->arg,
				(unsigned long long)args[pk->arg - 1], strerror(errno));
			continue;
		}
		tr->poked = true;
	}
}

/* -e inject=, -e fault=: counts the call (per thread and syscall, as strace)
 * and tampers with it when its rule's when= says so. at_seccomp: the entry is
 * a seccomp stop, where a restart's signal is not delivered: the signal goes
 * with the exit stop instead. */
static void check_inject(struct pt_engine *e, struct pt_tracee *tr, int nr, bool at_seccomp)
{
	const struct sw_inject *in;
	int rule = nr >= 0 && nr < SW_NR_MAX ? e->inject_rule[nr] : -1;

	if (rule < 0)
		return;
	in = &e->o.inject[rule];
	if (tr->inject_seen[nr] < UINT32_MAX)
		tr->inject_seen[nr]++;
	if (!when_matches(in, tr->inject_seen[nr]))
		return;
	if (in->flags & (SW_INJ_ERROR | SW_INJ_RETVAL)) {
		/* syscall number -1: the kernel skips the call; the result is set at exit */
		long scno = in->flags & SW_INJ_SYSCALL ? in->scno : -1;

		if (ptrace(PTRACE_POKEUSER, tr->tid, (void *)offsetof(struct user_regs_struct, orig_rax), (void *)scno) == 0) {
			tr->inject = true;
			tr->inject_ret = in->ret;
		}
	}
	if (in->flags & SW_INJ_SIGNAL) {
		tr->inject_sig = in->sig;
		tr->sig_at_exit = at_seccomp;
	}
	if (in->flags & SW_INJ_DELAY_ENTER)
		tr->resume_at = sw_now_ns(CLOCK_MONOTONIC) + in->delay_enter_ns;
	if (in->flags & SW_INJ_DELAY_EXIT)
		tr->delay_exit_ns = in->delay_exit_ns;
	if (in->flags & SW_INJ_POKE_ENTER)
		do_pokes(tr, in, tr->ev->args, false);
	if (in->flags & SW_INJ_POKE_EXIT)
		tr->poke_exit_rule = (int8_t)rule;
	tr->delayed = in->flags & (SW_INJ_DELAY_ENTER | SW_INJ_DELAY_EXIT);
	tr->tamper = true;
}

/* -b execve: the call is shown "<detached ...>" and the thread let go at
 * its entry, as strace does. */
static void detach_at_exec(struct pt_engine *e, struct pt_tracee *tr)
{
	struct sw_event *ev = tr->ev;

	if (tr->report) {
		ev->flags |= SW_EVF_DETACHED | SW_EVF_NORET | SW_EVF_NO_DUR;
		fill_identity(tr, ev);
		deliver(e, ev);
	}
	tr->in_syscall = false;
	ptrace(PTRACE_DETACH, tr->tid, 0L, 0L);
	deliver(e, simple_event(e, tr, SW_EV_DETACH));
	pt_table_del(&e->t, tr);
}

/* Under the pre-filter a CLONE_UNTRACED child would run untraced with our
 * filter, whose SECCOMP_RET_TRACE then fails its calls with ENOSYS: the flag
 * is taken out so the child is traced, and kept quiet as if it were not. */
static void strip_clone_untraced(struct pt_engine *e, struct pt_tracee *tr, int nr, const uint64_t *args)
{
	uint64_t flags;

	tr->untraced_clone = false;
	if (nr == __NR_clone && (args[0] & CLONE_UNTRACED)) {
		if (ptrace(PTRACE_POKEUSER, tr->tid, (void *)offsetof(struct user_regs_struct, rdi),
			   (void *)(long)(args[0] & ~(uint64_t)CLONE_UNTRACED)) == 0)
			tr->untraced_clone = true;
	} else if (nr == __NR_clone3 && pt_mem_read(&e->mem, tr->tid, args[0], &flags, sizeof(flags)) == sizeof(flags) &&
		   (flags & CLONE_UNTRACED)) {
		flags &= ~(uint64_t)CLONE_UNTRACED;
		if (ptrace(PTRACE_POKEDATA, tr->tid, (void *)args[0], (void *)flags) == 0)
			tr->untraced_clone = true;
	}
}

/* rt_sigreturn: the mask its signal frame restores (SW_SIGFRAME_MASK_OFF). */
static void capture_sigmask(struct pt_engine *e, struct pt_tracee *tr, uint64_t sp)
{
	struct sw_event *ev = tr->ev;
	uint64_t mask;
	struct sw_capture *c;
	uint8_t *buf;

	ev->args[0] = sp + SW_SIGFRAME_MASK_OFF;
	if (pt_mem_read(&e->mem, tr->tid, ev->args[0], &mask, sizeof(mask)) != sizeof(mask))
		return;
	c = sw_event_add_capture(ev, 0, SW_CAP_MEM, sizeof(mask), &buf);
	if (c) {
		memcpy(buf, &mask, sizeof(mask));
		c->total = sizeof(mask);
	}
}

/* -P with -e inject=: whether the call, at its entry, touches one of the
 * paths (its path arguments and descriptors, resolved now). The entry
 * captures it takes stay in the event (*captured): the line shows the call
 * as -P saw it, before any poke_enter=, as strace shows it. */
static bool inject_passes_paths(struct pt_engine *e, struct pt_tracee *tr, int nr, bool *captured)
{
	if (!e->o.npaths || nr < 0 || nr >= SW_NR_MAX || e->inject_rule[nr] < 0)
		return true;
	*captured = true;
	pt_capture(&e->mem, tr->tid, &tr->ev, SW_AT_ENTER, e->strlimit);
	pt_capture_fds_now(&e->mem, tr->tid, &tr->ev);
	return sw_event_touches_path(tr->ev, e->o.paths, e->o.npaths);
}

/* Returns true when tr was let go (-b execve): it is gone from the table. */
static bool on_enter(struct pt_engine *e, struct pt_tracee *tr, const struct __ptrace_syscall_info *info, int nr,
		     const uint64_t *args, bool at_seccomp)
{
	struct sw_event *ev = tr->ev;
	int arch = arch_of(info->arch);
	bool native = arch == SW_ARCH_X86_64, captured = false;

	sw_event_reset(ev);
	ev->kind = SW_EV_SYSCALL;
	ev->arch = (uint16_t)arch;
	ev->nr = nr;
	ev->ip = info->instruction_pointer;
	memcpy(ev->args, args, sizeof(ev->args));
	tr->in_syscall = true;
	tr->inject = tr->tamper = tr->delayed = tr->sig_at_exit = false;
	tr->inject_sig = 0;
	tr->delay_exit_ns = 0;
	tr->poked = false;
	tr->poke_exit_rule = -1;
	tr->report = (!tr->starting || is_exec(nr)) &&
		     (!e->o.set_given || (native && sw_sysset_has(&e->o.set, nr)));
	/* as strace: only traced calls are tampered with (and counted), and
	 * with -P only those that touch one of its paths */
	if (native && e->o.ninject && tr->report && !tr->starting && !tr->quiet &&
	    !(e->quiet_children && tr->tid != e->leader) && inject_passes_paths(e, tr, nr, &captured))
		check_inject(e, tr, nr, at_seccomp);
	if (native && e->seccomp && (nr == __NR_clone || nr == __NR_clone3))
		strip_clone_untraced(e, tr, nr, args);
	if (tr->report) {
		ev = tr->ev;
		ev->ts_ns = sw_now_ns(CLOCK_REALTIME);
		tr->enter_mono = sw_now_ns(CLOCK_MONOTONIC);
		/* captured after poke_enter= wrote, so the line shows what the call sees */
		if (native && !captured)
			pt_capture(&e->mem, tr->tid, &tr->ev, SW_AT_ENTER, e->strlimit);
		if (native && nr == __NR_rt_sigreturn)
			capture_sigmask(e, tr, info->stack_pointer);
	}
	if (e->o.detach_on_exec && native && is_exec(nr) && !tr->starting) {
		detach_at_exec(e, tr);
		return true;
	}
	/* shown when made, as strace shows it: a leader's exit is reported
	 * only when its last thread ends, or never when an execve supersedes it */
	if (native && (nr == __NR_exit || nr == __NR_exit_group) && !tr->inject)
		deliver_unfinished(e, tr);
	return false;
}

static bool installs_filter(const struct sw_event *ev)
{
	if (ev->nr == __NR_seccomp)
		return ev->args[0] == SECCOMP_SET_MODE_FILTER;
	return ev->nr == __NR_prctl && ev->args[0] == PR_SET_SECCOMP && ev->args[1] == SECCOMP_MODE_FILTER;
}

/* Whether the syscall may change what fill_identity caches (uid, comm), or
 * how the process must be traced (a seccomp filter of its own): the
 * procstate trait of the signature table, narrowed by the arguments. */
static bool identity_changer(const struct sw_event *ev)
{
	const struct sw_syscall *sc = ev->arch == SW_ARCH_X86_64 ? sw_syscall_by_nr(ev->nr) : NULL;

	if (!sc || !(sc->traits & SW_TRAIT_PROCSTATE))
		return false;
	if (ev->nr == __NR_prctl)
		return ev->args[0] == PR_SET_NAME || installs_filter(ev);
	if (ev->nr == __NR_seccomp)
		return installs_filter(ev);
	return true;
}

static void stop_all_calls(struct pt_tracee *tr, void *ctx)
{
	if (tr->tgid == *(pid_t *)ctx)
		tr->full_stops = true;
}

/* The process installed a seccomp filter of its own. The pre-filter's stops
 * come after that filter has run: a call it denies (SECCOMP_RET_ERRNO, KILL)
 * would never be seen. Stopping at every syscall entry, which comes before
 * seccomp, sees them all; its children inherit the filter and the stops. */
static void own_filter_installed(struct pt_engine *e, struct pt_tracee *tr)
{
	pid_t tgid = tr->tgid;

	if (!e->seccomp || tr->full_stops)
		return;
	fprintf(stderr, "syswatch: process %d installed a seccomp filter of its own: stopping at each of its syscalls\n",
		(int)tgid);
	pt_table_each(&e->t, stop_all_calls, &tgid);
}

/* Cached identity that a successful syscall made stale. */
static void after_syscall(struct pt_engine *e, struct pt_tracee *tr)
{
	if (!identity_changer(tr->ev))
		return;
	if (installs_filter(tr->ev)) {
		if (tr->ev->ret >= 0)
			own_filter_installed(e, tr);
		return;
	}
	if (tr->ev->ret != 0)
		return;
	if (tr->ev->nr == __NR_prctl)
		tr->comm_ok = false;
	else
		tr->uid_ok = false;
}

/* -k: the thread's stack, unwound now that it is stopped at the exit */
static void capture_stack(struct pt_engine *e, struct pt_tracee *tr)
{
	struct sw_capture *c;
	uint8_t *buf;

	sw_strbuf_reset(&e->stack_text);
	sw_stack_unwind(e->stack, tr->tgid, tr->tid, &e->stack_text);
	if (!e->stack_text.len)
		return;
	c = pt_reserve(&tr->ev, SW_CAPARG_STACK, SW_CAP_STACK, e->stack_text.len, &buf);
	if (c) {
		memcpy(buf, e->stack_text.buf, e->stack_text.len);
		c->at_exit = 1;
	}
}

static void on_leave(struct pt_engine *e, struct pt_tracee *tr, const struct __ptrace_syscall_info *info)
{
	struct sw_event *ev = tr->ev;

	if (!tr->in_syscall)
		return; /* the exit of a call entered before we attached, or a new child's fork */
	tr->in_syscall = false;
	if (tr->poke_exit_rule >= 0)
		do_pokes(tr, &e->o.inject[tr->poke_exit_rule], ev->args, true);
	if (tr->poked)
		ev->flags |= SW_EVF_POKED;
	ev->ret = info->exit.rval;
	if (tr->inject) {
		ptrace(PTRACE_POKEUSER, tr->tid, (void *)offsetof(struct user_regs_struct, rax),
		       (void *)(long)tr->inject_ret);
		ev->ret = tr->inject_ret;
		ev->flags |= SW_EVF_INJECTED;
	}
	if (tr->delayed)
		ev->flags |= SW_EVF_DELAYED;
	if (tr->delay_exit_ns)
		tr->resume_at = sw_now_ns(CLOCK_MONOTONIC) + tr->delay_exit_ns;
	tr->tamper = false;
	after_syscall(e, tr);
	if (!tr->report || tr->starting)
		return;
	ev->dur_ns = sw_now_ns(CLOCK_MONOTONIC) - tr->enter_mono;
	if (ev->arch == SW_ARCH_X86_64)
		pt_capture(&e->mem, tr->tid, &tr->ev, SW_AT_EXIT, e->strlimit);
	if (e->stack)
		capture_stack(e, tr);
	ev = tr->ev;
	fill_identity(tr, ev);
	deliver(e, ev);
}

/* Returns true when tr was let go (and freed). */
static bool on_syscall_stop(struct pt_engine *e, struct pt_tracee *tr)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, tr->tid, (void *)sizeof(info), &info) <= 0)
		return false;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		return on_enter(e, tr, &info, (int)info.entry.nr, (const uint64_t *)info.entry.args, false);
	case PTRACE_SYSCALL_INFO_SECCOMP:
		return on_enter(e, tr, &info, (int)info.seccomp.nr, (const uint64_t *)info.seccomp.args, true);
	case PTRACE_SYSCALL_INFO_EXIT:
		on_leave(e, tr, &info);
		break;
	}
	return false;
}

/* A SECCOMP_RET_TRACE stop. Ours (tagged) is a syscall to report, unless
 * the entry stop came first (full stops). Another filter's (the program's
 * own) gets what it gets without a tracer: the call is skipped and fails with
 * ENOSYS. */
static bool on_seccomp_stop(struct pt_engine *e, struct pt_tracee *tr)
{
	struct __ptrace_syscall_info info;
	bool foreign;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, tr->tid, (void *)sizeof(info), &info) <= 0 ||
	    info.op != PTRACE_SYSCALL_INFO_SECCOMP)
		return false;
	foreign = info.seccomp.ret_data != PT_SECCOMP_TAG;
	if (foreign) {
		ptrace(PTRACE_POKEUSER, tr->tid, (void *)offsetof(struct user_regs_struct, orig_rax), (void *)-1L);
		ptrace(PTRACE_POKEUSER, tr->tid, (void *)offsetof(struct user_regs_struct, rax), (void *)(long)-ENOSYS);
		if (tr->in_syscall && tr->inject)
			tr->inject = false; /* skipped already: the result is ENOSYS, not the injected one */
	}
	if (tr->in_syscall)
		return false;
	if (on_enter(e, tr, &info, (int)info.seccomp.nr, (const uint64_t *)info.seccomp.args, true))
		return true;
	if (foreign)
		tr->inject = false;
	return false;
}

/* ---- process events --------------------------------------------------------- */

static struct pt_tracee *add_tracee(struct pt_engine *e, pid_t tid, pid_t tgid)
{
	return pt_table_add(&e->t, tid, tgid, PT_EVENT_DATA, e->o.ninject > 0);
}

/* Whether the clone that tr is in makes a thread (CLONE_THREAD). */
static bool clone_makes_thread(struct pt_engine *e, struct pt_tracee *tr, pid_t child)
{
	const struct sw_event *ev = tr->ev;
	uint64_t flags;

	if (tr->in_syscall && ev->arch == SW_ARCH_X86_64) {
		if (ev->nr == __NR_clone)
			return ev->args[0] & CLONE_THREAD;
		if (ev->nr == __NR_clone3 && pt_mem_read(&e->mem, tr->tid, ev->args[0], &flags, sizeof(flags)) == sizeof(flags))
			return flags & CLONE_THREAD;
	}
	return read_tgid(child) == tr->tgid;
}

static void on_new_child(struct pt_engine *e, struct pt_tracee *tr, int event)
{
	unsigned long msg;
	struct pt_tracee *child;
	pid_t tid, tgid;

	if (ptrace(PTRACE_GETEVENTMSG, tr->tid, 0L, &msg) < 0)
		return;
	tid = (pid_t)msg;
	tgid = event == PTRACE_EVENT_CLONE && clone_makes_thread(e, tr, tid) ? tr->tgid : tid;
	child = pt_table_get(&e->t, tid);
	if (!child) {
		child = add_tracee(e, tid, tgid);
		child->announce = true;
	}
	child->tgid = tgid;
	/* a new thread or process starts with its parent's name and ids */
	if (tr->comm_ok && !child->comm_ok) {
		memcpy(child->comm, tr->comm, sizeof(child->comm));
		child->comm_ok = true;
	}
	if (tr->uid_ok && !child->uid_ok) {
		child->uid = tr->uid;
		child->uid_ok = true;
	}
	/* seccomp filters are inherited, and so are the stops they need */
	child->full_stops = tr->full_stops;
	if ((tr->untraced_clone || tr->quiet) && !child->quiet) {
		child->quiet = true;
		e->nquiet++;
	}
	tr->untraced_clone = false;
	if (e->stopping && !(e->launched && e->stop_seen < 0)) {
		struct stop_ctx c = { e, e->stop_seen > 0 ? (int)e->stop_seen : SIGKILL };

		stop_one(child, &c);
	}
}

/* A stop of a thread we do not know yet: a new child whose first stop came
 * before its parent's clone event. */
static struct pt_tracee *adopt(struct pt_engine *e, pid_t tid)
{
	struct pt_tracee *tr;

	if (!e->o.follow && !e->quiet_children) {
		ptrace(PTRACE_DETACH, tid, 0L, 0L);
		return NULL;
	}
	tr = add_tracee(e, tid, read_tgid(tid));
	tr->announce = true;
	return tr;
}

/* execve succeeded. When a thread other than the leader called it, it has
 * taken the leader's tid: the old leader's pending call ends unfinished
 * ("= ?") and the leader is shown superseded, as strace shows them; the
 * execve moves to the leader's tid. */
static struct pt_tracee *on_exec(struct pt_engine *e, struct pt_tracee *tr)
{
	unsigned long former;

	if (ptrace(PTRACE_GETEVENTMSG, tr->tid, 0L, &former) == 0 && (pid_t)former != tr->tid) {
		struct pt_tracee *execer = pt_table_get(&e->t, (pid_t)former);

		if (execer) {
			pid_t tid = tr->tid;

			if (!tr->starting) {
				struct sw_event *ev;

				deliver_unfinished(e, tr);
				ev = simple_event(e, tr, SW_EV_SUPERSEDED);
				ev->ret = (int64_t)former;
				deliver(e, ev);
			}
			pt_table_del(&e->t, tr);
			pt_table_rekey(&e->t, execer, tid);
			tr = execer;
		}
	}
	tr->tgid = tr->tid;
	tr->starting = false;
	if (e->stack)
		sw_stack_forget(e->stack, tr->tgid);
	/* the new name now: the process may be gone by its next event */
	tr->comm_ok = false;
	refresh_comm(tr);
	return tr;
}

/* -i: where the signal is delivered (the user registers at the stop). */
static uint64_t signal_ip(struct pt_engine *e, struct pt_tracee *tr)
{
	struct user_regs_struct regs;

	if (!e->o.want_ip || ptrace(PTRACE_GETREGS, tr->tid, 0L, &regs) < 0)
		return 0;
	return regs.rip;
}

static void on_signal(struct pt_engine *e, struct pt_tracee *tr, int sig)
{
	siginfo_t si;
	struct sw_event *ev;
	struct sw_capture *c;
	uint8_t *buf;

	if (!tr->starting && ptrace(PTRACE_GETSIGINFO, tr->tid, 0L, &si) == 0) {
		ev = simple_event(e, tr, SW_EV_SIGNAL);
		ev->sig = sig;
		ev->ip = signal_ip(e, tr);
		c = sw_event_add_capture(ev, 0, SW_CAP_MEM, sizeof(si), &buf);
		if (c) {
			memcpy(buf, &si, sizeof(si));
			c->total = sizeof(si);
		}
		deliver(e, ev);
	}
	resume(e, tr, sig);
}

static void on_gone(struct pt_engine *e, struct pt_tracee *tr, int status)
{
	if (!tr->starting) {
		struct sw_event *ev;

		deliver_unfinished(e, tr);
		if (WIFEXITED(status)) {
			ev = simple_event(e, tr, SW_EV_EXIT);
			ev->ret = WEXITSTATUS(status);
		} else {
			ev = simple_event(e, tr, SW_EV_KILLED);
			ev->sig = WTERMSIG(status);
			if (WCOREDUMP(status))
				ev->flags |= SW_EVF_CORE;
		}
		deliver(e, ev);
	}
	if (e->launched && tr->tid == e->leader)
		e->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (e->stack && tr->tid == tr->tgid)
		sw_stack_forget(e->stack, tr->tgid);
	pt_table_del(&e->t, tr);
}

static bool is_group_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void handle(struct pt_engine *e, pid_t tid, int status)
{
	struct pt_tracee *tr = pt_table_get(&e->t, tid);
	int sig, event;

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (tr)
			on_gone(e, tr, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (!tr && !(tr = adopt(e, tid)))
		return;
	sig = WSTOPSIG(status);
	event = (unsigned)status >> 16;
	if (tr->announce) {
		tr->announce = false;
		deliver(e, simple_event(e, tr, SW_EV_ATTACH));
	}
	if (event == PTRACE_EVENT_EXEC)
		tr = on_exec(e, tr);
	if (tr->detaching) {
		detach_at_stop(e, tr, sig, event);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		if (tr->in_syscall && !tr->report && !tr->tamper && !identity_changer(tr->ev))
			tr->in_syscall = false; /* the exit of a call nobody asked for: no need to look */
		else if (on_syscall_stop(e, tr))
			return; /* let go (-b execve) */
		resume_or_park(e, tr, injected_signal(tr));
		return;
	}
	switch (event) {
	case 0:
		on_signal(e, tr, sig);
		return;
	case PTRACE_EVENT_STOP:
		/* a group-stop: stay stopped, but keep reporting (SIGCONT, detach) */
		if (is_group_stop_signal(sig)) {
			if (!tr->starting) {
				struct sw_event *ev = simple_event(e, tr, SW_EV_STOPPED);

				ev->sig = sig;
				deliver(e, ev);
			}
			if (ptrace(PTRACE_LISTEN, tid, 0L, 0L) == 0)
				return;
		}
		break;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		on_new_child(e, tr, event);
		break;
	case PTRACE_EVENT_SECCOMP:
		if (on_seccomp_stop(e, tr))
			return; /* let go (-b execve) */
		resume_or_park(e, tr, 0);
		return;
	}
	resume(e, tr, 0);
}

/* ---- waiting ---------------------------------------------------------------- */

/* Waits up to ms for a tracee to change state; returns wait4's answer. */
static pid_t wait_timed(int *status, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	sigset_t chld, old;
	pid_t pid;

	/* SIGCHLD blocked before looking, so one sent after the look is kept */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = wait4(-1, status, __WALL | WNOHANG, NULL);
	if (pid == 0 && sigtimedwait(&chld, NULL, &ts) == SIGCHLD)
		pid = wait4(-1, status, __WALL | WNOHANG, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

static int pt_poll(struct sw_engine *se, int timeout_ms, sw_event_cb cb, void *ctx, struct sw_err *err)
{
	struct pt_engine *e = (struct pt_engine *)se;
	uint64_t deadline = sw_now_ns(CLOCK_MONOTONIC) + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000000u, due;
	int status, rc;
	pid_t pid;

	e->cb = cb;
	e->cb_ctx = ctx;
	e->delivered = 0;
	for (;;) {
		check_stop(e);
		if (e->delivered)
			break;
		if (e->t.count == 0) {
			e->cb = NULL;
			return SW_ENGINE_DONE;
		}
		due = e->nparked ? wake_parked(e) : 0;
		pid = wait4(-1, &status, __WALL | (timeout_ms >= 0 || due ? WNOHANG : 0), NULL);
		if (pid == 0 && (timeout_ms > 0 || (due && timeout_ms < 0))) {
			uint64_t now = sw_now_ns(CLOCK_MONOTONIC);
			int64_t left = timeout_ms > 0 ? (int64_t)(deadline - now) : INT64_MAX;
			bool for_delay = due && (int64_t)(due - now) < left;

			if (for_delay)
				left = (int64_t)(due - now);
			if (left <= 0 && !for_delay)
				break;
			pid = left > 0 ? wait_timed(&status, (long)(left / 1000000) + 1) : 0;
			if (pid == 0 && for_delay)
				continue;
		}
		if (pid > 0) {
			handle(e, pid, status);
			continue;
		}
		if (pid == 0)
			break; /* timeout */
		if (errno == EINTR) {
			if (e->o.stop && *e->o.stop && *e->o.stop != e->stop_seen)
				continue;
			break;
		}
		if (errno == ECHILD) {
			/* every tracee is gone without a word: nothing is left to trace */
			pt_table_free(&e->t);
			pt_table_init(&e->t);
			continue;
		}
		e->cb = NULL;
		return sw_err_set(err, "cannot wait for traced processes: %s", strerror(errno));
	}
	e->cb = NULL;
	rc = e->delivered;
	return rc;
}

/* Lets go of every tracee (detach, or kill what we launched) and waits until
 * they have; bounded, so a tracee that never stops again cannot hang us. */
static void drain(struct pt_engine *e)
{
	uint64_t deadline = sw_now_ns(CLOCK_MONOTONIC) + PT_DRAIN_MS * 1000000ull;
	int status;

	if (e->t.count == 0)
		return;
	e->cb = NULL;
	e->stopping = false;
	begin_stop(e, SIGKILL);
	while (e->t.count > 0 && sw_now_ns(CLOCK_MONOTONIC) < deadline) {
		pid_t pid = wait_timed(&status, 100);

		if (pid > 0)
			handle(e, pid, status);
		else if (pid < 0 && errno == ECHILD)
			break;
	}
}

/* ---- attaching -------------------------------------------------------------- */

/* Seizes every thread of the process; repeats while new threads show up. */
static int attach_process(struct pt_engine *e, pid_t pid, struct sw_err *err)
{
	pid_t tgid = read_tgid(pid);
	char path[64];
	bool added = true;

	if (ptrace(PTRACE_SEIZE, pid, 0L, (long)e->ptrace_opts) < 0)
		return sw_err_set(err, "cannot attach to pid %d: %s", pid, strerror(errno));
	add_tracee(e, pid, tgid)->announce = true;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	for (int pass = 0; added && pass < 16; pass++) {
		DIR *d = opendir(path);
		struct dirent *de;

		if (!d)
			break;
		added = false;
		while ((de = readdir(d))) {
			long tid;

			if (sw_parse_long(de->d_name, 1, INT_MAX, &tid) < 0 || pt_table_get(&e->t, (pid_t)tid))
				continue;
			if (ptrace(PTRACE_SEIZE, (pid_t)tid, 0L, (long)e->ptrace_opts) < 0)
				continue; /* the thread is gone already */
			add_tracee(e, (pid_t)tid, tgid)->announce = true;
			added = true;
		}
		closedir(d);
	}
	return 0;
}

static void interrupt_one(struct pt_tracee *tr, void *ctx)
{
	(void)ctx;
	ptrace(PTRACE_INTERRUPT, tr->tid, 0L, 0L);
}

static int attach(struct pt_engine *e, struct sw_err *err)
{
	for (unsigned i = 0; i < e->o.npids; i++) {
		if (pt_table_get(&e->t, e->o.pids[i]))
			continue;
		if (attach_process(e, e->o.pids[i], err) < 0) {
			drain(e);
			return -1;
		}
	}
	/* stop them all, to begin syscall tracing from their next stop */
	pt_table_each(&e->t, interrupt_one, NULL);
	return 0;
}

/* ---- launching -------------------------------------------------------------- */

static int launch(struct pt_engine *e, struct sw_err *err)
{
	const char *name = e->o.argv[0];
	struct pt_tracee *tr;
	int status;
	pid_t pid;

	if (sw_find_program(name, e->path) < 0)
		return sw_err_exit(err, SW_EXIT_CANNOT_RUN, "cannot run '%s': %s", name, strerror(errno));
	if (pt_launch(&e->launch, e->path, e->o.argv, e->seccomp ? &e->filter : NULL,
		      e->o.pin_cpu ? e->o.pin_cpu_nr : -1, &e->o, err) < 0)
		return -1;
	pid = e->launch.run.pid;
	if (ptrace(PTRACE_SEIZE, pid, 0L, (long)e->ptrace_opts) < 0) {
		int saved = errno;

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		sw_launch_close(&e->launch.run);
		return sw_err_set(err, "cannot trace '%s': %s", name, strerror(saved));
	}
	e->leader = pid;
	e->launched = true;
	tr = add_tracee(e, pid, pid);
	tr->starting = true;
	tr->uid = (uint32_t)getuid();
	tr->uid_ok = true;
	ptrace(PTRACE_INTERRUPT, pid, 0L, 0L);
	/* the child goes on to exec; we follow it there */
	if (sw_launch_go(&e->launch.run, NULL) < 0)
		kill(pid, SIGKILL);
	while ((tr = pt_table_get(&e->t, pid)) && tr->starting) {
		pid_t p = wait4(-1, &status, __WALL, NULL);

		if (p > 0)
			handle(e, p, status);
		else if (errno != EINTR)
			break;
	}
	if (!pt_table_get(&e->t, pid)) {
		pt_launch_failure(&e->launch, name, err);
		sw_launch_close(&e->launch.run);
		drain(e);
		return -1;
	}
	sw_launch_close(&e->launch.run);
	tr->announce = true; /* with its first reported stop */
	return 0;
}

/* ---- the engine interface --------------------------------------------------- */

static bool covers_every_syscall(const struct sw_sysset *set)
{
	for (size_t i = 0; i < sw_syscall_nrows; i++)
		if (!sw_sysset_has(set, sw_syscall_rows[i].nr))
			return false;
	return true;
}

static int check_options(const struct sw_engine_opts *o, struct sw_err *err)
{
	const char *need = NULL;

	if (o->system_wide)
		need = "-a";
	else if (o->sample > 1)
		need = "--sample";
	else if (o->buffer_size)
		need = "--buffer-size";
	else if (o->uid >= 0)
		need = "--uid";
	else if (o->comm[0])
		need = "--comm";
	if (need)
		return sw_err_set(err, "%s needs the ebpf engine", need);
	if (!o->argv && !o->npids)
		return sw_err_set(err, "nothing to trace: give a command or -p PID");
	if (o->argv && o->npids)
		return sw_err_set(err, "give a command or -p PID, not both");
	if (o->argv && !o->argv[0])
		return sw_err_set(err, "empty command");
	return 0;
}

static int pt_open(struct sw_engine **out, const struct sw_engine_opts *o, struct sw_err *err)
{
	extern const struct sw_engine_ops sw_engine_ptrace;
	struct pt_engine *e;

	if (check_options(o, err) < 0)
		return -1;
	e = sw_xcalloc(1, sizeof(*e));
	e->base.ops = &sw_engine_ptrace;
	e->o = *o;
	e->strlimit = o->strlimit ? o->strlimit : SW_DEFAULT_STRLIMIT;
	e->mem.page = sysconf(_SC_PAGESIZE);
	e->mem.fd_detail = o->fd_detail;
	e->mem.plan_fds = (o->fd_detail ? SW_PLAN_FDS : 0) | (o->resolve_cwd ? SW_PLAN_CWD : 0);
	e->mem.unabbrev = o->unabbrev;
	e->scratch = sw_event_new(PT_SCRATCH_DATA);
	if (o->stack)
		e->stack = sw_stack_new();
	e->launch.run.go_fd = e->launch.run.err_fd = -1;
	for (int nr = 0; nr < SW_NR_MAX; nr++)
		e->inject_rule[nr] = (int8_t)sw_inject_rule_of(o->inject, o->ninject, nr);
	pt_table_init(&e->t);
	/* not with -b execve: a process let go would keep the filter, whose
	 * SECCOMP_RET_TRACE fails its calls with ENOSYS once nobody traces it */
	e->seccomp = o->argv && o->set_given && !o->no_seccomp && !o->detach_on_exec && !covers_every_syscall(&o->set);
	if (e->seccomp) {
		/* the filter also stops at what the engine itself needs to see */
		e->filter = o->set;
		sw_sysset_add(&e->filter, __NR_execve);
		sw_sysset_add(&e->filter, __NR_execveat);
		/* the calls that change the name and uids events carry, install
		 * a filter of the program's own, or ask for an untraced child */
		sw_sysset_add(&e->filter, __NR_prctl);
		sw_sysset_add(&e->filter, __NR_seccomp);
		sw_sysset_add(&e->filter, __NR_clone);
		sw_sysset_add(&e->filter, __NR_clone3);
		sw_sysset_add(&e->filter, __NR_setuid);
		sw_sysset_add(&e->filter, __NR_setreuid);
		sw_sysset_add(&e->filter, __NR_setresuid);
	}
	e->ptrace_opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;
	/* Children inherit the filter, and the kernel fails a filtered syscall
	 * with ENOSYS when nobody traces the caller: without -f they are traced
	 * all the same, and their events dropped. */
	e->quiet_children = e->seccomp && !o->follow;
	if (o->follow || e->quiet_children)
		e->ptrace_opts |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (e->seccomp)
		e->ptrace_opts |= PTRACE_O_TRACESECCOMP;
	/* (-D: the command goes on if syswatch is killed, as strace's) */
	if (o->argv && !o->daemonize)
		e->ptrace_opts |= PTRACE_O_EXITKILL;
	*out = &e->base;
	return 0;
}

static int pt_start(struct sw_engine *se, struct sw_err *err)
{
	struct pt_engine *e = (struct pt_engine *)se;

	return e->o.argv ? launch(e, err) : attach(e, err);
}

static void pt_stats(struct sw_engine *se, struct sw_engine_stats *st)
{
	struct pt_engine *e = (struct pt_engine *)se;

	st->events = e->events;
	st->lost = 0; /* ptrace stops the tracee for each event: nothing is dropped */
}

static int pt_exit_code(struct sw_engine *se)
{
	struct pt_engine *e = (struct pt_engine *)se;

	return e->launched ? e->exit_code : 0;
}

static void pt_close(struct sw_engine *se)
{
	struct pt_engine *e = (struct pt_engine *)se;

	if (!e)
		return;
	drain(e);
	pt_table_free(&e->t);
	pt_mem_free(&e->mem);
	sw_event_free(e->scratch);
	sw_stack_free(e->stack);
	sw_strbuf_release(&e->stack_text);
	free(e);
}

const struct sw_engine_ops sw_engine_ptrace = {
	.name = "ptrace",
	.caps = SW_ENGINE_CAN_INJECT | SW_ENGINE_CAN_PIN_CPU | SW_ENGINE_CAN_NO_SECCOMP | SW_ENGINE_CAN_DAEMONIZE |
		SW_ENGINE_WAKES_ON_SIGNAL,
	.open = pt_open,
	.start = pt_start,
	.poll = pt_poll,
	.stats = pt_stats,
	.snapshot = NULL,
	.exit_code = pt_exit_code,
	.close = pt_close,
};
