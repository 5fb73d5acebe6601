/* SPDX-License-Identifier: GPL-2.0-only */
/* The ptrace engine's parts: the tracee table, the memory reader that runs the
 * capture plan, the launcher (fork, seccomp pre-filter, exec) and fault
 * injection. Front ends only need sw_inject_parse(); the rest is internal. */
#ifndef SW_ENGINE_PTRACE_PTRACE_H
#define SW_ENGINE_PTRACE_PTRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "core/syscalls.h"
#include "engine/engine.h"
#include "util/error.h"
#include "util/launch.h"

/* Parses one --inject (or -e inject=) value, strace's syntax:
 *   SET[:error=ERRNO|:retval=N][:signal=SIG][:syscall=PURE][:delay_enter=T]
 *      [:delay_exit=T][:when=FIRST[..LAST][+[STEP]]]
 * (SET as -e trace=) into one rule appended to inj[*n] (at most max rules). */
int sw_inject_parse(const char *spec, struct sw_inject *inj, unsigned *n, unsigned max, struct sw_err *err);
/* -e fault=SET[:error=ERRNO][:when=...]: an inject rule, error=ENOSYS by default. */
int sw_fault_parse(const char *spec, struct sw_inject *inj, unsigned *n, unsigned max, struct sw_err *err);
/* The rule syscall nr takes (the last whose set has it), or -1. */
int sw_inject_rule_of(const struct sw_inject *inj, unsigned n, int nr);
/* Frees what the n rules own (their poke data). */
void sw_inject_release(struct sw_inject *inj, unsigned n);

/* ---- internal ------------------------------------------------------------ */

/* The SECCOMP_RET_DATA of the pre-filter's SECCOMP_RET_TRACE ("SW"), so a
 * stop that a filter of the traced program asked for can be told apart. */
#define PT_SECCOMP_TAG 0x5357

/* One traced thread. */
struct pt_tracee {
	struct pt_tracee *next;  /* hash chain */
	pid_t tid;
	pid_t tgid;
	uint32_t uid;
	char comm[SW_COMM_LEN];
	bool comm_ok;            /* comm is current (re-read after exec, prctl) */
	bool uid_ok;
	bool in_syscall;         /* between the entry (or seccomp) stop and the exit stop */
	bool report;             /* the pending syscall is to be reported */
	bool starting;           /* launched, not yet through its first execve */
	bool detaching;          /* interrupted to be detached at its next stop */
	bool announce;           /* new to us (-p, or a child with -f): SW_EV_ATTACH at its first stop */
	bool inject;             /* the pending syscall is skipped (or replaced); inject_ret at exit */
	bool tamper;             /* its exit stop has work: inject, a signal, a delay */
	bool delayed;            /* it was delayed (shown "(DELAYED)") */
	bool sig_at_exit;        /* inject_sig goes with the exit stop (entered at a seccomp stop) */
	bool parked;             /* stopped until resume_at (delay_enter=, delay_exit=) */
	bool full_stops;         /* stops at every syscall: it installed a seccomp filter of its own */
	bool quiet;              /* traced only so our filter works (a CLONE_UNTRACED child): not reported */
	bool untraced_clone;     /* the pending clone asked for CLONE_UNTRACED */
	bool poked;              /* its arguments' memory was written (poke_enter=, poke_exit=) */
	int8_t poke_exit_rule;   /* the inject rule whose poke_exit= is due at its exit, -1: none */
	int64_t inject_ret;
	int inject_sig;          /* signal= to send with the next restart */
	int resume_sig;          /* parked: the signal it is resumed with */
	uint64_t delay_exit_ns;
	uint64_t resume_at;      /* parked: CLOCK_MONOTONIC ns */
	uint64_t enter_mono;     /* CLOCK_MONOTONIC at entry, ns */
	uint32_t *inject_seen;   /* per syscall number: calls seen (with inject rules) */
	struct sw_event *ev;     /* the pending syscall: args and entry captures */
};

struct pt_table {
	struct pt_tracee **bucket;
	size_t nbuckets;
	size_t count;
	struct pt_tracee *last; /* the last one looked up: most stops are the same thread's */
};

void pt_table_init(struct pt_table *t);
void pt_table_free(struct pt_table *t);
struct pt_tracee *pt_table_get(struct pt_table *t, pid_t tid);
/* Adds a new tracee (tid must not be present) with an event of data_cap bytes
 * and, with inject rules, call counters. */
struct pt_tracee *pt_table_add(struct pt_table *t, pid_t tid, pid_t tgid, size_t data_cap, bool counters);
void pt_table_del(struct pt_table *t, struct pt_tracee *tr);
/* Gives a tracee a new tid (exec from a non-leader thread). */
void pt_table_rekey(struct pt_table *t, struct pt_tracee *tr, pid_t tid);
/* Calls fn for each tracee; fn may delete the tracee it is given, nothing else. */
void pt_table_each(struct pt_table *t, void (*fn)(struct pt_tracee *tr, void *ctx), void *ctx);

/* ---- reading the tracee's memory ----------------------------------------- */

struct pt_mem {
	bool no_vm_readv; /* process_vm_readv is unavailable: PTRACE_PEEKDATA only */
	long page;
	bool unabbrev; /* -v: the environment's strings, every entry of a string array */
	struct sw_capture_plan *plans; /* by syscall number, filled on first use */
	uint8_t *planned;
	unsigned plan_fds;  /* SW_PLAN_* resolution rules added to the plans */
	unsigned fd_detail; /* enum sw_fd_detail */
};

void pt_mem_free(struct pt_mem *m);

/* Reads len bytes at addr; returns the bytes read (< len when the range runs
 * into memory that cannot be read), or -1 when nothing could be read. */
ssize_t pt_mem_read(struct pt_mem *m, pid_t tid, uint64_t addr, void *buf, size_t len);
/* Writes len bytes at addr of a stopped tracee; -1 (errno set) when it cannot. */
int pt_mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len);
/* A new capture of len bytes in *evp (reallocated to make room); NULL when
 * the event is full. */
struct sw_capture *pt_reserve(struct sw_event **evp, unsigned arg, unsigned kind, uint64_t len, uint8_t **buf);
/* The descriptor captures the plan takes after the call, taken now (at the
 * entry: -P deciding an injection); pt_capture at the exit then skips them.
 * Not the returned descriptor's, nor pipe pairs. */
void pt_capture_fds_now(struct pt_mem *m, pid_t tid, struct sw_event **evp);
/* Runs the capture rules of the event's syscall whose `when` is `when`,
 * appending captures to *evp (which may be reallocated to make room). */
void pt_capture(struct pt_mem *m, pid_t tid, struct sw_event **evp, unsigned when, unsigned strlimit);

/* ---- launching ------------------------------------------------------------ */

struct pt_launch {
	struct sw_launch run;  /* the child, held until sw_launch_go() */
	const char *user;      /* -u: the user the child becomes, for messages */
};

/* Forks the child, which becomes o's -u user, waits for its go, installs
 * the seccomp filter (when filter is non-NULL: syscalls to stop at) and
 * executes path with o's -E environment. */
int pt_launch(struct pt_launch *l, const char *path, char *const *argv, const struct sw_sysset *filter,
	      int pin_cpu, const struct sw_engine_opts *o, struct sw_err *err);
/* After the child exited before its execve: the reason, from its error pipe. */
int pt_launch_failure(struct pt_launch *l, const char *name, struct sw_err *err);

#endif
