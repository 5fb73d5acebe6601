/* SPDX-License-Identifier: GPL-2.0-only */
/* The engine interface. An engine turns a command or running processes into
 * struct sw_event records; front ends drive it the same way whichever it is:
 *
 *   sw_engine_open -> start -> poll ... poll (until SW_ENGINE_DONE) -> close
 */
#ifndef SW_ENGINE_ENGINE_H
#define SW_ENGINE_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "core/stats.h"
#include "core/sysset.h"
#include "util/error.h"

/* poll: nothing is left to trace. Not 1, which is also "one event delivered":
 * compare with this name, never with a number. */
#define SW_ENGINE_DONE 0x7fffffff

/* Syscall tampering, ptrace only: one strace -e inject=SET:... or
 * -e fault=SET:... expression. A syscall takes the last rule whose set has it. */
enum sw_inject_flag {
	SW_INJ_ERROR = 1,       /* the call is not run and fails with -ret */
	SW_INJ_RETVAL = 2,      /* the call is not run and returns ret */
	SW_INJ_SIGNAL = 4,      /* sig is sent at the call's entry */
	SW_INJ_DELAY_ENTER = 8, /* the thread waits delay_enter_ns before the call */
	SW_INJ_DELAY_EXIT = 16, /* and delay_exit_ns after it */
	SW_INJ_SYSCALL = 32,    /* with ERROR/RETVAL: scno (a %pure syscall) runs instead */
	SW_INJ_POKE_ENTER = 64, /* pokes[] with !at_exit are written at the call's entry */
	SW_INJ_POKE_EXIT = 128, /* and those with at_exit at its exit */
};

/* poke_enter=@argN=DATA, poke_exit=: DATA (len bytes) is written where
 * argument arg (1-based) points. */
#define SW_POKE_MAX 1024 /* bytes of one DATA, as strace */
struct sw_poke {
	uint8_t arg;
	bool at_exit;
	uint16_t len;
	uint8_t *data; /* owned by the rule: sw_inject_release() */
};

struct sw_inject {
	struct sw_sysset set; /* the syscalls it applies to */
	unsigned flags;       /* enum sw_inject_flag */
	int64_t ret;          /* -errno or a value */
	int sig;
	int scno;
	uint64_t delay_enter_ns, delay_exit_ns;
	uint16_t first;       /* when=: the 1-based call number (per thread and syscall) of the first */
	uint16_t last;        /* the last one, 0: no end */
	uint16_t step;        /* every step-th call from first, 0: first only */
	struct sw_poke *pokes; /* poke_enter=, poke_exit= (owned) */
	unsigned npokes;
};

#define SW_MAX_INJECT 16
#define SW_MAX_PIDS 64

struct sw_engine_opts {
	char *const *argv;        /* command to run, or NULL */
	pid_t pids[SW_MAX_PIDS];  /* -p */
	unsigned npids;
	bool follow;              /* -f: children and threads too */
	bool system_wide;         /* -a (eBPF) */
	bool set_given;           /* a -e trace= set was given */
	struct sw_sysset set;     /* syscalls to report */
	unsigned strlimit;        /* -s */
	bool unabbrev;            /* -v: what strace -v shows: the environment's strings (execve),
	                           * every entry of a string array, not the first -s */
	unsigned verbose;
	uint32_t sample;          /* 1-in-N sampling, 0/1: all (eBPF) */
	struct sw_sysset unsampled; /* syscalls sampling leaves alone: all of their calls are reported (eBPF) */
	bool context;             /* events carry uid, gid, euid at entry and exit, the parent and the
	                           * session (eBPF; SW_EVF_CONTEXT) */
	uint64_t buffer_size;     /* ring buffer bytes, 0: default (eBPF) */
	int uid;                  /* only this uid, -1: any */
	char comm[SW_COMM_LEN];   /* only this comm, "": any */
	bool aggregate;           /* stat: aggregate in the engine (eBPF: in the kernel), no per-event traffic */
	bool no_latency;          /* stat --no-latency: counts only (eBPF: one program, on sys_enter) */
	struct sw_inject inject[SW_MAX_INJECT];
	unsigned ninject;
	char *const *paths;       /* -P: inject only into calls that touch one of these (absolute) */
	unsigned npaths;
	volatile sig_atomic_t *stop; /* set by a signal handler: stop (detach from -p processes) */
	/* ptrace: a positive *stop is also the signal the launched command gets
	 * (strace too ends what it started); a negative one says the command got
	 * that signal already (from the terminal); a later, different value (the
	 * front end's second signal: SIGKILL) kills it. */
	bool pin_cpu;             /* run the tracer and the launched command on CPU pin_cpu_nr */
	int pin_cpu_nr;
	bool no_seccomp;          /* never use the seccomp pre-filter, even with a syscall set */
	char *const *envp;        /* -E: the launched command's environment, NULL: syswatch's own */
	const char *run_user;     /* -u: run the command as this user (name), NULL: as syswatch */
	uid_t run_uid;            /* -u: its uid and primary group */
	gid_t run_gid;
	bool detach_on_exec;      /* -b execve: let a process go at its execve (not the command's first) */
	bool want_ip;             /* -i: fill sw_event.ip of signal events too (ptrace: one more call each) */
	const char *cgroup;       /* only tasks in this cgroup (v2 directory) or below it, NULL: any (eBPF) */
	uint8_t fd_detail;        /* resolve descriptors (enum sw_fd_detail, resolve/resolve.h); 0: no */
	bool resolve_cwd;         /* and the working directory of calls taking a relative path */
	bool resolve_exe;         /* and, for exec calls, the program file loaded (eBPF) */
	bool stack;               /* -k: each syscall event carries its stack trace (SW_CAP_STACK) */
	unsigned daemonize;       /* -D/-DD/-DDD (ptrace): the command is syswatch's own process and the
	                           * tracer a detached grandchild (2: in a new process group, 3: session) */
	bool io_uring;            /* also operations submitted through io_uring, as the syscalls they
	                           * stand for (SW_EVF_IOURING; eBPF, kernels with its tracepoints) */
};

struct sw_engine_stats {
	uint64_t events;  /* delivered to the callback */
	uint64_t lost;    /* produced but not delivered (exact, never estimated) */
};

struct sw_engine;

/* Called for each event; a non-zero return stops the engine. */
typedef int (*sw_event_cb)(const struct sw_event *ev, void *ctx);

/* What an engine can do beyond the common contract (sw_engine_ops.caps).
 * Front ends ask these flags, never the engine's name. */
enum sw_engine_cap {
	SW_ENGINE_CAN_SYSTEM_WIDE = 1u << 0, /* opts.system_wide (-a) */
	SW_ENGINE_CAN_SAMPLE = 1u << 1,      /* opts.sample > 1 */
	SW_ENGINE_CAN_RING_SIZE = 1u << 2,   /* opts.buffer_size */
	SW_ENGINE_CAN_FILTER_USER = 1u << 3, /* opts.uid and opts.comm, in the engine */
	SW_ENGINE_CAN_INJECT = 1u << 4,      /* opts.inject */
	SW_ENGINE_CAN_PIN_CPU = 1u << 5,     /* opts.pin_cpu */
	SW_ENGINE_CAN_NO_SECCOMP = 1u << 6,  /* opts.no_seccomp */
	/* poll(-1) returns at any signal, so a timer signal can pace the front
	 * end; without it the front end polls with a timeout */
	SW_ENGINE_WAKES_ON_SIGNAL = 1u << 7,
	SW_ENGINE_CAN_DAEMONIZE = 1u << 8,   /* opts.daemonize (-D) */
};

/* The SW_ENGINE_CAN_* flags the options in o need. */
unsigned sw_engine_needs(const struct sw_engine_opts *o);

struct sw_engine_ops {
	const char *name;
	unsigned caps; /* enum sw_engine_cap */
	/* Checks the system and prepares; fills err with one line naming what is
	 * missing (privilege, BTF, ...) on failure. */
	int (*open)(struct sw_engine **out, const struct sw_engine_opts *o, struct sw_err *err);
	/* Launches the command or attaches to the processes. */
	int (*start)(struct sw_engine *e, struct sw_err *err);
	/* Delivers pending events, waiting up to timeout_ms (-1: until one comes).
	 * Returns the number delivered, 0 on timeout, SW_ENGINE_DONE when every
	 * traced process is gone (or detached), -1 on error. */
	int (*poll)(struct sw_engine *e, int timeout_ms, sw_event_cb cb, void *ctx, struct sw_err *err);
	void (*stats)(struct sw_engine *e, struct sw_engine_stats *st);
	/* Aggregating engines (opts.aggregate): adds the counts gathered so far to
	 * out (and zeroes them in the engine when reset). NULL when the engine
	 * cannot aggregate; the front end then aggregates the events it receives. */
	int (*snapshot)(struct sw_engine *e, struct sw_stats *out, bool reset, struct sw_err *err);
	/* The status syswatch exits with: the command's exit code, 128+signal if
	 * it was killed; 0 when attached with -p, or when the engine let the
	 * command go (-b execve) before it ended. */
	int (*exit_code)(struct sw_engine *e);
	/* Detaches (processes run on) or kills what the engine launched; frees. NULL ok. */
	void (*close)(struct sw_engine *e);
};

struct sw_engine {
	const struct sw_engine_ops *ops;
};

extern const struct sw_engine_ops sw_engine_ptrace;
/* The eBPF engine, always built in; whether it can load here is known only
 * when it is opened. */
extern const struct sw_engine_ops *const sw_engine_ebpf_ops;

/* In a launched command's child, before its execve: becomes -u's user
 * (supplementary groups, group, user). -1 with errno set on failure. */
int sw_engine_child_identity(const struct sw_engine_opts *o);
/* The environment the launched command gets (-E), or environ. */
char *const *sw_engine_child_env(const struct sw_engine_opts *o);

/* Checks a -p target before any engine runs: it exists, it is not syswatch
 * itself and not a zombie (no syscall and no exit would ever come from it);
 * with output_fd >= 0 (where the trace goes), it is not an ancestor that
 * reads that output (a pipe, or the terminal's master side): tracing it would
 * trace syswatch's own output without end. -1 with err set, or 0. */
int sw_engine_check_pid(pid_t pid, int output_fd, struct sw_err *err);

/* "ptrace" or "ebpf" -> ops; NULL if unknown or not built. */
const struct sw_engine_ops *sw_engine_by_name(const char *name);
/* The engines, in order, i = 0...; NULL past the last. */
const struct sw_engine_ops *sw_engine_at(size_t i);

#endif
