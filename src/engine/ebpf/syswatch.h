/* SPDX-License-Identifier: GPL-2.0-only */
/* Records shared by the kernel side (syswatch.bpf.c) and the loader (ebpf.c):
 * fixed-width types only, no pointers, the same layout on both sides.
 *
 * The kernel side sends ring buffer records, each starting with struct
 * swb_rec. A syscall whose capture plan reads arguments at entry sends two:
 * an ENTER record (the entry-time captures) then, at exit, a SYSCALL record
 * flagged SWB_F_JOIN; user space joins them by tid. Every other syscall sends
 * one SYSCALL record at exit, or a NORET record when its thread exits without
 * returning from it (exit, exit_group). Captures follow the header, each a struct swb_cap then its bytes
 * padded to 8. */
#ifndef SW_ENGINE_EBPF_SYSWATCH_H
#define SW_ENGINE_EBPF_SYSWATCH_H

#ifndef __bpf__
#include <linux/types.h>
#endif

#define SWB_NR_MAX 1024          /* == SW_NR_MAX */
#define SWB_NARGS 6
#define SWB_COMM_LEN 16
#define SWB_MAX_RULES 16         /* == SW_MAX_RULES */
#define SWB_PID_LIMIT (1u << 22) /* the kernel's PID_MAX_LIMIT on 64-bit */
#define SWB_PID_WORDS (SWB_PID_LIMIT / 64)

/* Capture bounds: one capture stores at most SWB_CAP_MAX bytes, one record at
 * most SWB_DATA_MAX bytes of captures (more is marked truncated). */
#define SWB_CAP_MAX 8192
#define SWB_DATA_MAX 16384
#define SWB_ARRAY_MAX 64     /* string array entries stored (execve argv) */
#define SWB_ARRAY_COUNT 4096 /* string array entries counted (envp) */
#define SWB_IOV_MAX 1024     /* iovec elements read (UIO_MAXIOV); stored: up to -s */
#define SWB_SIGINFO_SIZE 128

/* Values of core/event.h and core/syscalls.h enums the kernel side needs
 * (those headers are user-space C); ebpf.c checks they agree. */
#define SWB_CAP_STR 1
#define SWB_CAP_MEM 2
#define SWB_CAP_STRARRAY 3
#define SWB_CAP_IOV 4
#define SWB_CAP_FD 5
#define SWB_CAP_USTACK 7     /* -k: user return addresses (bpf_get_stack) */
#define SWB_CAP_DEREF 8      /* objects behind pointers inside another capture */
#define SWB_DEREF_STR 0x1
#define SWB_DEREF_COND 0x2
#define SWB_DEREF_MAX_RECS 64 /* == SW_DEREF_MAX_RECS */
#define SWB_CAPARG_STACK 32  /* == SW_CAPARG_STACK */
#define SWB_STACK_MAX 64     /* frames recorded per syscall */
#define SWB_RULE_STACK 0xff  /* swb_cap.rule of the stack capture (no plan rule) */
#define SWB_CAPS_OK 0
#define SWB_CAPS_TRUNC 1
#define SWB_CAPS_FAULT 2
#define SWB_AT_ENTER 1
#define SWB_AT_EXIT 2
#define SWB_SIZE_FIXED 0
#define SWB_SIZE_ARG 1
#define SWB_SIZE_ARG_ELEM 2
#define SWB_SIZE_RET 3
#define SWB_SIZE_RET_ELEM 4
#define SWB_SIZE_STRING 5
#define SWB_SIZE_PATH 6
#define SWB_PATH_MAX 4096 /* PATH_MAX */

/* One element of an IOV capture: struct sw_iov_rec (core/event.h). */
struct swb_iov_rec {
	__u64 base;
	__u64 len;
	__u32 stored;
	__u32 status;
};

enum swb_rec_type {
	SWB_REC_SYSCALL = 1, /* a completed syscall (at exit) */
	SWB_REC_ENTER,       /* entry-time captures of a syscall still running */
	SWB_REC_NORET,       /* a syscall its thread never returned from (exit, exit_group,
	                      * killed in it), sent when the thread exits */
	SWB_REC_SIGNAL,      /* a signal delivered: args[0] = signal, one capture: siginfo */
	SWB_REC_EXIT,        /* a traced thread exited: ret = its exit code (wait status) */
	SWB_REC_REKEY,       /* a thread other than the leader called execve: it is now
	                      * tid (the leader's id), it was args[0]; the leader was
	                      * superseded */
	SWB_REC_RETRY,       /* entry-time captures of a running syscall read again
	                      * (execve: from the kernel's copy), replacing faulted ones */
	SWB_REC_ATTACH,      /* -f: a new thread or process is traced from now on */
};

/* record flags */
#define SWB_F_JOIN     0x0001u /* SYSCALL: an ENTER record for this tid came first */
#define SWB_F_SAMPLED  0x0002u /* chosen by 1-in-N sampling */
#define SWB_F_LEADER   0x0004u /* EXIT: the thread is its group's leader */
#define SWB_F_GROUP    0x0008u /* EXIT: the last thread of its group */
#define SWB_F_COMPAT   0x0010u /* a 32-bit syscall (numbers are i386's) */
#define SWB_F_DATA_FULL 0x0020u /* some captures did not fit in the record */
#define SWB_F_CONTEXT  0x0040u /* SYSCALL: the context fields are filled (targ_context) */
#define SWB_F_DETACHED 0x0080u /* SYSCALL: an execve the process was let go in (-b execve) */
/* rt_sigreturn: the signal frame's mask at the stack pointer plus this
 * (SW_SIGFRAME_MASK_OFF); the record has its address in args[0], the mask
 * in args[1], and in args[2] 1 when it could be read. */
#define SWB_SIGFRAME_MASK_OFF 296
#define SWB_F_STOPPED  0x0100u /* SIGNAL: no siginfo; the thread entered a group-stop by args[0] */
#define SWB_F_IOURING  0x0200u /* SYSCALL: an operation submitted through io_uring, shown as the
                                * syscall it stands for (nr, args), sent at its completion */

#define SWB_EXE_DIRS 6
#define SWB_ANCESTORS 3

struct swb_rec {
	__u16 type;   /* enum swb_rec_type */
	__u16 ncap;   /* captures that follow */
	__u32 flags;  /* SWB_F_* */
	__u32 pid;    /* thread group id */
	__u32 tid;
	__s32 nr;
	__u32 uid;
	__u64 ts;     /* bpf_ktime_get_ns() at entry (CLOCK_MONOTONIC) */
	/* SWB_F_CONTEXT: the thread's credentials when the record is made (uid
	 * above is the real uid then) and at syscall entry; its parent process
	 * and session */
	__u32 gid, euid;
	__u32 enter_uid, enter_gid, enter_euid;
	__u32 ppid, sid;
	__u32 exe_nlink;  /* the program's links: 0 for a deleted file or a memfd */
	char pcomm[SWB_COMM_LEN];
	char acomm[SWB_ANCESTORS][SWB_COMM_LEN]; /* the parent's parent and above ("": none) */
	/* the program file the process runs (for an exec, the one it loaded) */
	__u32 exe_dev;    /* the kernel's dev_t */
	__u32 exe_dir_dev[SWB_EXE_DIRS];
	__u64 exe_ino;
	/* exec calls: the directories above the program, nearest first, up to
	 * the root of its mount (0: none) */
	__u64 exe_dir_ino[SWB_EXE_DIRS];
	__u64 cgid;   /* SWB_F_CONTEXT: the thread's cgroup (v2) id */
	__u64 dur;    /* ns from entry to exit */
	__u64 args[SWB_NARGS];
	__s64 ret;
	__u64 ip;     /* SYSCALL: user instruction pointer at entry; SIGNAL: at delivery */
	char comm[SWB_COMM_LEN];
};

struct swb_cap {
	__u8 arg;     /* argument index */
	__u8 kind;    /* enum sw_cap_kind */
	__u8 status;  /* enum sw_cap_status */
	__u8 at_exit;
	__u32 len;    /* bytes that follow (then padding to 8) */
	__u32 count;  /* STRARRAY/IOV/DEREF: entries stored */
	__u16 rule;   /* index of the plan rule that made it */
	__u8 tag;     /* DEREF: the rule's tag */
	__u8 pad;
	__u64 total;  /* STR/MEM: full length when known; STRARRAY/IOV: entries */
};

/* One rule of a syscall's capture plan, as user space writes it in the
 * `plans` map (from sw_capture_plan_for: core/syscalls.h). */
struct swb_rule {
	__u8 arg;
	__u8 kind;      /* enum sw_cap_kind */
	__u8 when;      /* SW_AT_ENTER / SW_AT_EXIT */
	__u8 size_from; /* enum sw_size_from */
	__u8 size_arg;
	__u8 only_ok;
	__u16 size;
	__u16 max;
	/* SWB_CAP_DEREF (struct sw_capture_rule in core/syscalls.h) */
	__u8 tag;
	__u8 parent;
	__u8 flags;     /* SWB_DEREF_* */
	__u8 len_size;
	__u8 cond_arg;
	__u8 pad;
	__u16 stride;
	__u16 ptr_off;
	__u16 len_off;
	__u32 cond_val;
};

/* plan flags */
#define SWB_PLAN_ENTER 0x01 /* has rules at entry */
#define SWB_PLAN_EXIT  0x02 /* has rules at exit */

struct swb_plan {
	__u8 n;
	__u8 flags;   /* SWB_PLAN_* */
	__u16 pad;
	struct swb_rule rule[SWB_MAX_RULES];
};

/* The enter half of a syscall, kept per thread until its exit. */
struct swb_slot {
	__u32 tid;
	__u32 flags;    /* SWB_S_* */
	__s32 nr;
	__u32 retry;    /* rules to read again at exit: entry-time reads that faulted */
	__u32 sigpend;  /* ignored signals generated for the thread, not shown yet */
	__u32 uid;      /* targ_context: the credentials at entry */
	__u32 gid;
	__u32 euid;
	__u64 ts;
	__u64 ip;       /* the user instruction pointer at entry */
	__u64 args[SWB_NARGS];
};

#define SWB_S_BUSY      0x01 /* entered, exit not seen yet */
#define SWB_S_ENTER_OUT 0x02 /* an ENTER record was sent */
#define SWB_S_LOST      0x04 /* the ENTER record could not be sent: the event is lost */
#define SWB_S_SAMPLED   0x08
#define SWB_S_EXECED    0x10 /* the process executed a new program meanwhile: the
                              * old pointers mean nothing now */

/* Aggregate path: per syscall and CPU (a PERCPU_ARRAY of SWB_NR_MAX). */
#define SWB_HIST_BUCKETS 64 /* == SW_HIST_BUCKETS */
struct swb_sc_stat {
	__u64 calls;
	__u64 errors;
	__u64 total_ns;
	__u64 max_ns;
	__u64 min_ns;   /* the shortest call, 0: none yet */
	__u64 hist[SWB_HIST_BUCKETS];
};

/* Aggregate path: per process (an ARRAY indexed by tgid & mask). */
struct swb_proc_stat {
	__u32 pid;      /* tgid owning the entry, 0: free */
	__u32 pad;
	__u64 calls;
	__u64 errors;
	__u64 total_ns;
	char comm[SWB_COMM_LEN];
};

/* Per-CPU counters (a PERCPU_ARRAY of one). */
struct swb_counters {
	__u64 lost;     /* events whose record could not be reserved */
	__u64 produced; /* events the kernel side made (counted only when asked) */
};

/* Run-time filters, in .bss so user space may change them while running. */
#define SWB_FILT_UID    0x01
#define SWB_FILT_COMM   0x02
#define SWB_FILT_CGROUP 0x04
#define SWB_FILT_SAMPLE 0x08

#endif
