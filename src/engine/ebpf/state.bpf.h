/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side, part 1: what every other part uses.
 * Tunables (fixed at load), run-time state (user space may change it while
 * programs run), the maps shared by several parts, and SWB_PROG_PAIR, the
 * way every program is written once for tp_btf and raw_tp.
 * Included by syswatch.bpf.c only: one object, one skeleton. */
#ifndef SWB_STATE_BPF_H
#define SWB_STATE_BPF_H

#define SIGKILL 9
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define MAX_ERRNO 4095

/* A program on tracepoint TP, twice: NAME as tp_btf (typed arguments, the
 * kernel's pointers read directly) and NAME_raw as raw_tp (for kernels that
 * refuse tp_btf: pointers read with BPF_CORE_READ); the loader keeps one of
 * each pair. ARGS is the parenthesised argument list, BODY the code both
 * run, in which the constant `raw` says which one it is (the compiler drops
 * the other branch) and REG(p, field) reads a field of a kernel pointer the
 * way this one must. */
#define SWB_PROG_PAIR(tp, name, args, ...)              \
	SEC("tp_btf/" tp)                               \
	int SWB_BPF_PROG(name, SWB_UNPAREN args)        \
	{                                               \
		const bool raw = false;                 \
		(void)raw;                              \
		__VA_ARGS__                             \
	}                                               \
	SEC("raw_tp/" tp)                               \
	int SWB_BPF_PROG(name##_raw, SWB_UNPAREN args)  \
	{                                               \
		const bool raw = true;                  \
		(void)raw;                              \
		__VA_ARGS__                             \
	}
#define SWB_UNPAREN(...) __VA_ARGS__
#define SWB_BPF_PROG(...) BPF_PROG(__VA_ARGS__)
#define REG(p, field) (raw ? BPF_CORE_READ(p, field) : (p)->field)

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

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct swb_counters);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroups SEC(".maps");

#endif
