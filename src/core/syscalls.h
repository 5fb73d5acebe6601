/* The signature table: every syscall of the architecture with its number, its
 * classes and the type of each argument. It is generated at build time from the
 * kernel headers (numbers) and src/core/syscalls.tbl (signatures); see
 * docs/ARCHITECTURE.md, "Adding a syscall".
 *
 * The table drives everything: the capture plan (which arguments engines copy
 * out of the tracee, and when), the syscall-set parser and the decoders. */
#ifndef SW_CORE_SYSCALLS_H
#define SW_CORE_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

struct sw_xlat; /* decode/xlat.h: the flag tables, used here by pointer only */

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

/* Argument types. Each implies how an engine captures the argument (see
 * sw_capture_plan) and how the decoder prints it. aux is an argument index
 * for types that take one (a length, a count). */
enum sw_arg_type {
	SW_T_NONE = 0,
	/* plain numbers */
	SW_T_INT,        /* int, decimal */
	SW_T_UINT,       /* unsigned int, decimal */
	SW_T_LONG,       /* long, decimal */
	SW_T_ULONG,      /* unsigned long, decimal */
	SW_T_SIZE,       /* size_t, decimal */
	SW_T_OFF,        /* off_t / loff_t, decimal */
	SW_T_HEX,        /* a number shown in hex */
	SW_T_OCT,        /* a number shown in octal */
	SW_T_PTR,        /* an address not decoded: NULL or 0x... */
	SW_T_FD,         /* a file descriptor */
	SW_T_DIRFD,      /* a directory descriptor: AT_FDCWD or a number */
	SW_T_PID,        /* a process or thread id */
	SW_T_UID,        /* a user id; -1 shown as -1 */
	SW_T_GID,
	SW_T_SIG,        /* a signal number: SIGTERM */
	SW_T_MODE,       /* file mode bits in octal: 0644 */
	SW_T_FMODE,      /* mode with file type (mknod): S_IFREG|0644 */
	SW_T_DEV,        /* a device number: makedev(0x1, 0x3) */
	SW_T_FLAGS,      /* bit flags of the xlat table: O_RDONLY|O_CLOEXEC */
	SW_T_ENUM,       /* one value of the xlat table: SEEK_SET */
	SW_T_CLOCKID,    /* a clock id: CLOCK_MONOTONIC */
	/* strings and buffers */
	SW_T_PATH,       /* a file name, read at entry, never cut by -s */
	SW_T_STR,        /* a string, read at entry, cut at -s */
	SW_T_BUF_IN,     /* bytes read at entry; length: argument aux */
	SW_T_BUF_OUT,    /* bytes written by the kernel, read at exit; length: the return value */
	SW_T_PATH_OUT,   /* a string written by the kernel (getcwd, readlink), length: the return value */
	SW_T_ARGV,       /* NULL-terminated string array (execve argv) */
	SW_T_ENVP,       /* NULL-terminated string array shown as a count: 0x... (N vars) */
	SW_T_IOV_IN,     /* struct iovec array with data, read at entry; count: argument aux */
	SW_T_IOV_OUT,    /* struct iovec array with data, read at exit; count: argument aux */
	/* socket addresses */
	SW_T_SOCKADDR,   /* struct sockaddr in; length: argument aux */
	SW_T_SOCKADDR_OUT, /* struct sockaddr out; length pointer: argument aux */
	SW_T_SOCKLEN_PTR,  /* socklen_t * in and out: [128 => 16] */
	SW_T_MSGHDR,     /* struct msghdr in (sendmsg) */
	SW_T_MSGHDR_OUT, /* struct msghdr out (recvmsg) */
	/* structures, read at entry (_IN) or at successful exit (_OUT) */
	SW_T_STAT_OUT,
	SW_T_STATX_OUT,
	SW_T_STATFS_OUT,
	SW_T_TIMESPEC_IN,
	SW_T_TIMESPEC_OUT,
	SW_T_TIMEVAL_IN,
	SW_T_TIMEVAL_OUT,
	SW_T_TIMEZONE_IN,
	SW_T_ITIMERSPEC_IN,
	SW_T_ITIMERSPEC_OUT,
	SW_T_ITIMERVAL_IN,
	SW_T_ITIMERVAL_OUT,
	SW_T_SIGACTION_IN,
	SW_T_SIGACTION_OUT,
	SW_T_SIGSET_IN,  /* sigset_t *; size: argument aux */
	SW_T_SIGSET_OUT,
	SW_T_SIGINFO_IN,
	SW_T_STACK_IN,   /* stack_t (sigaltstack) */
	SW_T_STACK_OUT,
	SW_T_RLIMIT_IN,
	SW_T_RLIMIT_OUT,
	SW_T_RUSAGE_OUT,
	SW_T_UTSNAME_OUT,
	SW_T_SYSINFO_OUT,
	SW_T_TMS_OUT,
	SW_T_WSTATUS_OUT, /* int * status of wait4/waitpid */
	SW_T_INT_PTR_IN,  /* int * read at entry: [5] */
	SW_T_INT_PTR_OUT, /* int * written by the kernel: [5] */
	SW_T_FDPAIR_OUT,  /* int[2] of pipe/socketpair: [3, 4] */
	SW_T_POLLFD,      /* struct pollfd array, in and out; count: argument aux */
	SW_T_EPOLL_EVENT_IN,
	SW_T_EPOLL_EVENTS_OUT, /* struct epoll_event array written by the kernel; count: return value */
	SW_T_DIRENTS_OUT, /* getdents64 buffer: shown with its entry count */
	SW_T_CLONE_ARGS,  /* struct clone_args (clone3); size: argument aux */
	SW_T_OPEN_HOW,    /* struct open_how (openat2); size: argument aux */
	SW_T_SCHED_PARAM_IN,
	SW_T_FDSET_IN,    /* fd_set for select; nfds: argument aux */
	SW_T_CAP_HEADER,
	/* added with the decoders */
	SW_T_TIMESPEC2_IN,  /* struct timespec[2] (utimensat) */
	SW_T_TIMEZONE_OUT,
	SW_T_TIMESPEC_INOUT, /* a timeout the kernel updates (ppoll, pselect6): shown in, and "left" out */
	SW_T_TIMEVAL_INOUT,  /* the same for select */
	SW_T_FDSET_INOUT,   /* fd_set in and out (select); nfds: argument aux */
	SW_T_PSELECT_SIGMASK, /* pselect6's {sigset_t *, size_t} */
	SW_T_FCNTL_ARG,     /* fcntl's third argument: a number or a struct flock / f_owner_ex */
	SW_T_IOCTL_ARG,     /* ioctl's third argument: a number or a small structure */
	SW_T_SOCKOPT_IN,    /* setsockopt optval; length: argument aux */
	SW_T_SOCKOPT_OUT,   /* getsockopt optval, written by the kernel */
	SW_T_ULONG_PTR_OUT, /* unsigned long * written by the kernel: [0x7f...] */
	SW_T_TIMESPEC_REM,  /* nanosleep's remaining time: written when interrupted */
	SW_T_PRCTL_ARG,     /* prctl's second argument: a number, a name, or an int * the kernel fills */
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

/* One thing to copy out of the tracee for one argument. */
struct sw_capture_rule {
	uint8_t arg;       /* the argument holding the pointer */
	uint8_t kind;      /* enum sw_cap_kind (core/event.h) */
	uint8_t when;      /* SW_AT_ENTER or SW_AT_EXIT */
	uint8_t size_from; /* enum sw_size_from */
	uint8_t size_arg;  /* argument index for SW_SIZE_ARG* */
	uint8_t only_ok;   /* at exit, only when the syscall succeeded */
	uint16_t size;     /* bytes, or bytes per element */
	uint16_t max;      /* upper bound on bytes (elements for *_ELEM); 0: the string limit */
};

#define SW_MAX_RULES 8

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

#endif
