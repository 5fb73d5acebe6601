/* SPDX-License-Identifier: GPL-2.0-only */
/* The event: one record per completed syscall (or signal, or process exit),
 * the same whichever engine produced it. Engines fill it; front ends and
 * decoders read it and never learn which engine it came from. */
#ifndef SW_CORE_EVENT_H
#define SW_CORE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#define SW_COMM_LEN 16
#define SW_NARGS 6
#define SW_MAX_CAPS 16
#define SW_EXE_DIRS 6
#define SW_ANCESTORS 3

enum sw_event_kind {
	SW_EV_SYSCALL = 1, /* a syscall, entered and (unless SW_EVF_NORET) returned */
	SW_EV_SIGNAL,      /* a signal delivered to tid: sig, siginfo in a SW_CAP_MEM capture */
	SW_EV_EXIT,        /* the thread group leader exited: status in ret */
	SW_EV_KILLED,      /* killed by signal sig; SW_EVF_CORE if it dumped core */
	SW_EV_ATTACH,      /* the engine began tracing tid (for -p; ptrace: also each new child with -f) */
	SW_EV_DETACH,      /* the engine stopped tracing tid, which runs on */
	SW_EV_SUPERSEDED,  /* the leader tid was replaced by the execve of its thread ret,
	                    * which takes its id: "+++ superseded by execve in pid N +++" */
	SW_EV_STOPPED,     /* tid entered a group-stop by signal sig: "--- stopped by SIGSTOP ---" */
};

/* rt_sigreturn (x86-64): where the signal mask the call restores lies, from
 * the stack pointer at the call (the rt_sigframe past its return address:
 * uc_sigmask of the kernel's struct ucontext). Engines store it as an 8-byte
 * capture of argument 0, and that address in args[0]. */
#define SW_SIGFRAME_MASK_OFF 296

enum sw_arch {
	SW_ARCH_X86_64 = 0,
	SW_ARCH_I386,
	SW_ARCH_AARCH64,
};

/* event flags */
#define SW_EVF_NORET    0x0001u /* the syscall did not return (exit, exit_group, execve of a dying thread): "= ?" */
#define SW_EVF_CORE     0x0002u /* SW_EV_KILLED: core dumped */
#define SW_EVF_SAMPLED  0x0004u /* the engine samples: this event stands for several */
#define SW_EVF_INJECTED 0x0008u /* the return value was injected by syswatch */
#define SW_EVF_NO_DUR   0x0010u /* dur_ns is not known */
#define SW_EVF_CONTEXT  0x0020u /* the credentials (gid, euid, enter_*), ppid, sid and pcomm are known */
#define SW_EVF_DETACHED 0x0040u /* the tracer let the process go in this call (-b execve): "<detached ...>" */
#define SW_EVF_DELAYED  0x0080u /* syswatch delayed the call (-e inject=...:delay_enter=/delay_exit=): "(DELAYED)" */
#define SW_EVF_POKED    0x0200u /* syswatch wrote the memory of arguments (-e inject=...:poke_enter=/poke_exit=):
                                 * "(INJECTED: args)", "(INJECTED: args, retval)" with SW_EVF_INJECTED */
#define SW_EVF_IOURING  0x0100u /* an operation submitted through io_uring, shown as the syscall it
                                 * stands for (nr, args, ret: its result) */

/* What a capture holds. Engines fill captures per the capture plan of the syscall
 * (core/syscalls.h); decoders read them. A pointer argument with no capture, or
 * with a capture whose status is SW_CAPS_FAULT, is printed as an address. */
enum sw_cap_kind {
	SW_CAP_STR = 1, /* a NUL-terminated string, stored without the NUL */
	SW_CAP_MEM,     /* raw bytes read from the tracee */
	SW_CAP_STRARRAY,/* a NULL-terminated array of strings: each stored with its NUL;
	                 * count = entries stored, total = entries in the array */
	SW_CAP_IOV,     /* an iovec array: per element a struct sw_iov_rec then its bytes */
	SW_CAP_FD,      /* what a descriptor refers to: a struct sw_fdinfo then its path
	                 * (resolve/fdinfo.h); arg: an argument index or SW_FDT_* */
	SW_CAP_STACK,   /* -k: the stack trace as strace prints it, one " > ...\n" line per
	                 * frame (stack/stack.h); arg SW_CAPARG_STACK */
	SW_CAP_USTACK,  /* -k from the kernel: return addresses (count uint64_t), named by
	                 * the engine before delivery; arg SW_CAPARG_STACK */
	SW_CAP_DEREF,   /* objects behind pointers found inside another capture of arg (a
	                 * msghdr's iovec, an iocb's buffer): per pointer a struct sw_iov_rec
	                 * (base: the pointer, len: the object's length in the tracee) then
	                 * its bytes; tag: which (enum sw_deref_tag, core/syscalls.h);
	                 * count = records stored, total = records wanted */
};

/* The arg of stack captures: no argument's index. */
#define SW_CAPARG_STACK 32

enum sw_cap_status {
	SW_CAPS_OK = 0,
	SW_CAPS_TRUNC, /* stored, but the tracee's object is longer than what was stored */
	SW_CAPS_FAULT, /* the tracee's memory could not be read */
};

struct sw_capture {
	uint8_t arg;    /* the argument index the capture belongs to (0..5) */
	uint8_t kind;   /* enum sw_cap_kind */
	uint8_t status; /* enum sw_cap_status */
	uint8_t at_exit;/* 1 if read at syscall exit */
	uint32_t off;   /* offset of the bytes in event->data */
	uint32_t len;   /* number of bytes stored */
	uint32_t count; /* STRARRAY/IOV/DEREF: entries stored */
	uint8_t tag;    /* DEREF: enum sw_deref_tag */
	uint8_t pad[3];
	uint64_t total; /* STR/MEM: the object's full length when known; STRARRAY/IOV: entries in the tracee */
};

/* Layout of one element in a SW_CAP_IOV or SW_CAP_DEREF capture. */
struct sw_iov_rec {
	uint64_t base;
	uint64_t len;     /* iov_len in the tracee */
	uint32_t stored;  /* bytes that follow this record */
	uint32_t status;  /* enum sw_cap_status */
};

struct sw_event {
	uint16_t kind;    /* enum sw_event_kind */
	uint16_t arch;    /* enum sw_arch */
	uint32_t flags;   /* SW_EVF_* */
	uint64_t ts_ns;   /* wall clock (CLOCK_REALTIME) at syscall entry, or at the event */
	uint64_t dur_ns;  /* time from entry to exit */
	uint32_t pid;     /* thread group id */
	uint32_t tid;
	uint32_t uid;     /* real uid (at syscall exit) */
	uint32_t gid, euid;                        /* SW_EVF_CONTEXT: at exit */
	uint32_t enter_uid, enter_gid, enter_euid; /* SW_EVF_CONTEXT: at entry */
	uint32_t ppid, sid;                        /* SW_EVF_CONTEXT: parent's tgid, session id */
	char pcomm[SW_COMM_LEN];                   /* SW_EVF_CONTEXT: the parent's command */
	char acomm[SW_ANCESTORS][SW_COMM_LEN];     /* SW_EVF_CONTEXT: the commands above it ("": none) */
	/* SW_EVF_CONTEXT: the program file the process runs (after an exec, the
	 * one it loaded): device (the kernel's dev_t: major << 20 | minor),
	 * inode, links (0: deleted, or a memfd); for exec calls the directories
	 * above it, nearest first (inode 0: none) */
	uint32_t exe_dev, exe_nlink;
	uint64_t exe_ino;
	uint32_t exe_dir_dev[SW_EXE_DIRS];
	uint64_t exe_dir_ino[SW_EXE_DIRS];
	uint64_t cgroup_id; /* SW_EVF_CONTEXT: the cgroup (v2) the thread is in: its directory's inode */
	int32_t nr;       /* syscall number (of arch) */
	int32_t sig;      /* SIGNAL/KILLED: the signal */
	uint32_t ncap;
	uint64_t args[SW_NARGS];
	int64_t ret;      /* return value, -errno on failure; EXIT: the exit status */
	uint64_t ip;      /* SYSCALL: the user instruction pointer at entry; SIGNAL: where the
	                   * signal was delivered; 0: not known */
	char comm[SW_COMM_LEN];
	struct sw_capture cap[SW_MAX_CAPS];
	uint32_t data_len; /* bytes used in data */
	uint32_t data_cap; /* bytes available in data */
	uint8_t data[];
};

/* Allocates an event with room for data_cap captured bytes. */
struct sw_event *sw_event_new(size_t data_cap);
void sw_event_free(struct sw_event *ev);
/* Clears an event for reuse (keeps data_cap). */
void sw_event_reset(struct sw_event *ev);
/* Reserves len bytes of data for a new capture of arg; returns NULL when the
 * event is full (no capture slot or no room); the capture is then not stored. */
struct sw_capture *sw_event_add_capture(struct sw_event *ev, unsigned arg, unsigned kind,
					 uint32_t len, uint8_t **buf);
/* Gives back bytes reserved by the last sw_event_add_capture that were not used. */
void sw_event_trim_capture(struct sw_event *ev, struct sw_capture *cap, uint32_t used);
/* The capture of argument arg (the last one stored for it, not counting
 * what was read behind its pointers), or NULL. */
const struct sw_capture *sw_event_capture(const struct sw_event *ev, unsigned arg);
static inline const uint8_t *sw_capture_data(const struct sw_event *ev, const struct sw_capture *c)
{
	return ev->data + c->off;
}
/* Copies src into dst, which must have data_cap >= src->data_len. */
void sw_event_copy(struct sw_event *dst, const struct sw_event *src);

#endif
