/* SPDX-License-Identifier: GPL-2.0-only */
/* The signature table: every syscall of the architecture with its number, its
 * classes and the type of each argument. It is generated at build time from the
 * kernel headers (numbers) and src/core/syscalls.tbl (signatures); see
 * docs/ARCHITECTURE.md, "How to add a syscall".
 *
 * The table drives everything: the capture plan (which arguments engines copy
 * out of the tracee, and when), the syscall-set parser and the decoders. */
#ifndef SW_CORE_SYSCALLS_H
#define SW_CORE_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

struct sw_xlat;    /* decode/xlat.h: the flag tables, used here by pointer only */
struct sw_decoder; /* decode/dec.h: a syscall's own decoder, by pointer only */

/* Largest syscall number + 1 that sets and maps cover (x86-64 uses < 512;
 * the x32 range is not traced). */
#define SW_NR_MAX 1024

/* Classes, named as strace names them in -e trace=%class. */
enum sw_class {
	SW_CLASS_FILE    = 1u << 0,  /* takes a file name */
	SW_CLASS_DESC    = 1u << 1,  /* takes or returns a file descriptor */
	SW_CLASS_PROCESS = 1u << 2,  /* process lifecycle */
	SW_CLASS_NETWORK = 1u << 3,
	SW_CLASS_SIGNAL  = 1u << 4,
	SW_CLASS_MEMORY  = 1u << 5,
	SW_CLASS_IPC     = 1u << 6,
	SW_CLASS_CREDS   = 1u << 7,  /* user/group ids and capabilities */
	SW_CLASS_CLOCK   = 1u << 8,  /* reads or changes clocks */
	SW_CLASS_STAT    = 1u << 9,  /* stat variants taking a path */
	SW_CLASS_LSTAT   = 1u << 10,
	SW_CLASS_FSTAT   = 1u << 11, /* stat variants taking a descriptor */
	SW_CLASS_STATFS  = 1u << 12,
	SW_CLASS_FSTATFS = 1u << 13,
	SW_CLASS_PURE    = 1u << 14, /* no arguments, always succeeds */
};

/* Behaviour engines and rules act on, beyond what -e trace= classes say
 * (syscalls.tbl: the words after "|"). */
enum sw_trait {
	SW_TRAIT_SETID     = 1u << 0, /* sets user or group ids: its leading uid/gid arguments */
	SW_TRAIT_PROCSTATE = 1u << 1, /* may change what an engine keeps per process: the uid,
				       * the name (prctl), a seccomp filter of its own */
	SW_TRAIT_CLOSESFD  = 1u << 2, /* closes or replaces its last descriptor argument: that
				       * one is resolved before the call (close, dup2) */
	SW_TRAIT_CHDIR     = 1u << 3, /* changes the working directory its path is relative to */
	SW_TRAIT_EXEC      = 1u << 4, /* loads a new program (execve, execveat) */
	SW_TRAIT_SOCKBUF   = 1u << 5, /* sends or receives a buffer on its socket (argument 0):
				       * read whole up to SW_SOCKBUF_MAX bytes whatever -s says,
				       * the socket resolved at entry (netlink messages) */
	SW_TRAIT_READBUF   = 1u << 6, /* reads into its buffer (argument 1) from its descriptor
				       * (argument 0) what it returns: -e read= dumps it */
	SW_TRAIT_WRITEBUF  = 1u << 7, /* writes its buffer (argument 1, argument 2 bytes) to
				       * its descriptor (argument 0): -e write= dumps it */
	SW_TRAIT_TARGET    = 1u << 8, /* acts on another process, its first pid argument
				       * (kill, ptrace): the monitor names it */
};

/* Argument types: one row each in core/argtypes.def, which says how an
 * engine captures the argument (sw_capture_plan_for) and which decoder
 * function prints it. aux is an argument index for types that take one (a
 * length, a count). */
enum sw_arg_type {
#define SW_TYPE(name, ...) SW_T_##name,
#include "core/argtypes.def"
#undef SW_TYPE
	SW_T_NTYPES
};

#define SW_AUX_RET 255 /* aux value meaning "the return value" */

/* How the return value is shown. */
enum sw_ret_type {
	SW_R_INT = 0, /* decimal */
	SW_R_UINT,
	SW_R_HEX,     /* an address: 0x7f... */
	SW_R_OCT,     /* umask */
	SW_R_FD,
	SW_R_PID,
	SW_R_NORET,   /* never returns on success: "= ?" */
};

struct sw_arg {
	uint8_t type;                /* enum sw_arg_type */
	uint8_t aux;                 /* argument index, or SW_AUX_RET */
	const struct sw_xlat *xlat;  /* SW_T_FLAGS / SW_T_ENUM */
	uint8_t bits;                /* width of the C type; 0: the type's own (sw_arg_bits) */
};

/* The width in bits of an argument's C type: 32 for int, unsigned int, pid_t,
 * uid_t and most flags, 16 for umode_t, 64 for longs, sizes, offsets and
 * pointers. The kernel reads only those low bits of the register, and so do
 * the decoders (sw_arg_value). A row overrides the type's width with a
 * "/64" or "/32" suffix (unsigned long flags). */
unsigned sw_arg_bits(const struct sw_arg *a);
/* The value the kernel sees for a raw register: the low bits of the type's
 * width, sign-extended for signed types (int, fd, pid) so -1 stays -1. */
uint64_t sw_arg_value(const struct sw_arg *a, uint64_t raw);

struct sw_syscall {
	const char *name;
	int nr;           /* x86-64 number */
	int nr_aarch64;   /* aarch64 number, -1 if aarch64 has no such syscall */
	uint32_t classes; /* enum sw_class bits */
	uint8_t ret;      /* enum sw_ret_type */
	int8_t nargs;     /* -1: no signature known (arguments shown raw) */
	struct sw_arg args[6];
	uint16_t traits;  /* enum sw_trait bits */
	const struct sw_decoder *dec; /* its own decoder, NULL: printed from the argument types */
};

/* The table, in x86-64 number order (generated). */
extern const struct sw_syscall sw_syscall_rows[];
extern const size_t sw_syscall_nrows;
extern const size_t sw_syscall_nmissing; /* rows the headers name without a signature */

const struct sw_syscall *sw_syscall_by_nr(int nr);
const struct sw_syscall *sw_syscall_by_name(const char *name);
/* The class bit for a class name without its '%' ("file", "net" as strace allows), or 0. */
uint32_t sw_class_by_name(const char *name);
/* The class names sw_class_by_name knows (without the %), i = 0...; NULL
 * past the last. */
const char *sw_class_name_at(size_t i);

/* ---- the capture plan ------------------------------------------------------- */

enum sw_size_from {
	SW_SIZE_FIXED = 0, /* size bytes */
	SW_SIZE_ARG,       /* the value of argument size_arg (bounded by the capture limit) */
	SW_SIZE_ARG_ELEM,  /* argument size_arg elements of size bytes each */
	SW_SIZE_RET,       /* the return value, when positive */
	SW_SIZE_RET_ELEM,  /* return value elements of size bytes each */
	SW_SIZE_STRING,    /* a string: up to the string limit (-s) plus one byte to detect truncation */
	SW_SIZE_PATH,      /* a path: up to PATH_MAX */
};

enum sw_when {
	SW_AT_ENTER = 1,
	SW_AT_EXIT = 2,
};

/* What a SW_CAP_DEREF capture holds (its tag): the decoders find the
 * objects behind a structure's pointers by it. */
enum sw_deref_tag {
	SW_DR_NONE = 0,
	SW_DR_MSG_NAME,     /* msghdr: msg_name, msg_namelen bytes */
	SW_DR_MSG_IOV,      /* msghdr: the iovec array msg_iov, msg_iovlen elements */
	SW_DR_MSG_IOV_DATA, /* the bytes of each of those iovecs */
	SW_DR_MSG_CONTROL,  /* msghdr: msg_control, msg_controllen bytes (the cmsgs) */
	SW_DR_IOCB,         /* io_submit: each struct iocb of the array of pointers */
	SW_DR_IOCB_BUF,     /* the aio_buf bytes of each iocb (shown for writes) */
	SW_DR_IFCONF,       /* SIOCGIFCONF: the ifreq array of ifc_buf, ifc_len bytes */
	SW_DR_BPF_LICENSE,  /* bpf(BPF_PROG_LOAD): the license string */
	SW_DR_BPF_PATH,     /* bpf(BPF_OBJ_PIN, BPF_OBJ_GET): the path */
};

/* deref flags */
#define SW_DEREF_STR  0x1 /* a NUL-terminated string (up to max bytes, or the string limit) */
#define SW_DEREF_COND 0x2 /* only when argument cond_arg (its low 32 bits) is cond_val */

/* One thing to copy out of the tracee for one argument.
 *
 * A rule of kind SW_CAP_DEREF follows pointers stored inside what an earlier
 * rule of the plan (parent, run at the same time) captured: in each object of
 * the parent's capture (a SW_CAP_MEM capture is one object; a SW_CAP_DEREF
 * capture has one per record), for each element of stride bytes (0: one
 * element), it reads the pointer at ptr_off and the object's length: the
 * len_size-byte field at len_off (len_size 0: one) times size bytes, of
 * which it stores at most max elements (0: the string limit). Records come in
 * element order, one per element, even for a NULL pointer or a failed read
 * (struct sw_iov_rec, core/event.h). Both engines run it the same way; the
 * decoder pairs records with elements by that order. */
struct sw_capture_rule {
	uint8_t arg;       /* the argument holding the pointer */
	uint8_t kind;      /* enum sw_cap_kind (core/event.h) */
	uint8_t when;      /* SW_AT_ENTER or SW_AT_EXIT */
	uint8_t size_from; /* enum sw_size_from */
	uint8_t size_arg;  /* argument index for SW_SIZE_ARG* */
	uint8_t only_ok;   /* at exit, only when the syscall succeeded */
	uint16_t size;     /* bytes, or bytes per element */
	uint16_t max;      /* upper bound on bytes (elements for *_ELEM, DEREF); 0: the string limit */
	/* SW_CAP_DEREF only */
	uint8_t tag;       /* enum sw_deref_tag */
	uint8_t parent;    /* index in the plan of the rule whose capture holds the pointers */
	uint8_t flags;     /* SW_DEREF_* */
	uint8_t len_size;  /* 0, 4 or 8 */
	uint8_t cond_arg;
	uint8_t pad;
	uint16_t stride;
	uint16_t ptr_off;
	uint16_t len_off;
	uint32_t cond_val;
};

#define SW_MAX_RULES 16
/* Records one SW_CAP_DEREF capture holds at most. */
#define SW_DEREF_MAX_RECS 64

struct sw_capture_plan {
	uint8_t n;
	struct sw_capture_rule rule[SW_MAX_RULES];
};

/* Fills the plan for a syscall (an empty plan for NULL or an unknown signature)
 * and returns the number of rules. Engines run the rules whose `when` matches,
 * in order; cheap enough to call per event, or cache per number. */
int sw_capture_plan_for(const struct sw_syscall *sc, struct sw_capture_plan *plan);

/* What sw_capture_plan_fds adds (rules of kind SW_CAP_FD, resolve/fdinfo.h). */
#define SW_PLAN_FDS 0x1 /* descriptor and dirfd arguments, returned descriptors, pipe/socketpair pairs */
#define SW_PLAN_CWD 0x2 /* the working directory, for path arguments without a dirfd */
#define SW_PLAN_EXE 0x4 /* exec calls: the program file loaded (SW_FDT_EXE) */

/* Appends to a plan the rules that resolve descriptors (what they refer to)
 * and returns the number of rules. Descriptors are resolved at exit, except
 * those the call closes or replaces (close, dup2's newfd) and the sockets of
 * network calls, resolved at entry (as strace shows them). Rules that do not
 * fit (SW_MAX_RULES) are left out: those descriptors print without a path. */
int sw_capture_plan_fds(const struct sw_syscall *sc, struct sw_capture_plan *plan, unsigned what);

/* With -v: the rules that only count a string array's entries (execve's
 * environment) read its strings too, as argv's are read. */
void sw_capture_plan_env(struct sw_capture_plan *plan);

/* Bytes a rule wants for an event, before any engine limit: strlimit is the
 * -s value (default 32). Returns 0 when nothing is to be read (NULL pointer,
 * failed call for an only_ok rule, zero length). STRARRAY rules return the
 * bytes per string; the engine walks the array even when that is 0 (ENVP),
 * to count its entries, and stores at most strlimit entries. IOV rules return
 * the bytes of the iovec array; each element's data is bounded by strlimit. */
uint64_t sw_capture_rule_size(const struct sw_capture_rule *r, const uint64_t args[6],
			      int64_t ret, unsigned strlimit);

/* Whether a rule applies to a call with these arguments (SW_DEREF_COND). */
static inline int sw_capture_rule_applies(const struct sw_capture_rule *r, const uint64_t args[6])
{
	return !(r->flags & SW_DEREF_COND) || (r->cond_arg < 6 && (uint32_t)args[r->cond_arg] == r->cond_val);
}

/* SW_CAP_DEREF: the bytes to store of an object whose length field says n
 * (elements of r->size bytes); *total: its length in the tracee. */
uint64_t sw_deref_want(const struct sw_capture_rule *r, uint64_t n, unsigned strlimit, uint64_t *total);

#endif
