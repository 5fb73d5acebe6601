#include "core/syscalls.h"
#include "resolve/fdinfo.h"
#include <stdbool.h>

#include <limits.h>
#include <stdbool.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

#include "core/event.h"

const struct sw_syscall *sw_syscall_by_nr(int nr)
{
	size_t lo = 0, hi = sw_syscall_nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sw_syscall_rows[mid].nr == nr)
			return &sw_syscall_rows[mid];
		if (sw_syscall_rows[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct sw_syscall *sw_syscall_by_name(const char *name)
{
	for (size_t i = 0; i < sw_syscall_nrows; i++)
		if (strcmp(sw_syscall_rows[i].name, name) == 0)
			return &sw_syscall_rows[i];
	return NULL;
}

static const struct {
	const char *name;
	uint32_t bit;
} class_names[] = {
	{ "file", SW_CLASS_FILE },       { "desc", SW_CLASS_DESC },
	{ "process", SW_CLASS_PROCESS }, { "network", SW_CLASS_NETWORK },
	{ "net", SW_CLASS_NETWORK },     { "signal", SW_CLASS_SIGNAL },
	{ "memory", SW_CLASS_MEMORY },   { "ipc", SW_CLASS_IPC },
	{ "creds", SW_CLASS_CREDS },     { "clock", SW_CLASS_CLOCK },
	{ "stat", SW_CLASS_STAT },       { "lstat", SW_CLASS_LSTAT },
	{ "fstat", SW_CLASS_FSTAT },     { "%stat", SW_CLASS_STAT | SW_CLASS_LSTAT | SW_CLASS_FSTAT },
	{ "statfs", SW_CLASS_STATFS },   { "fstatfs", SW_CLASS_FSTATFS },
	{ "%statfs", SW_CLASS_STATFS | SW_CLASS_FSTATFS },
	{ "pure", SW_CLASS_PURE },
};

const char *sw_class_name_at(size_t i)
{
	return i < sizeof(class_names) / sizeof(class_names[0]) ? class_names[i].name : NULL;
}

uint32_t sw_class_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (strcmp(class_names[i].name, name) == 0)
			return class_names[i].bit;
	return 0;
}

/* ---- capture plan ---------------------------------------------------------- */

/* Kernel layout of struct sigaction for rt_sigaction on x86-64:
 * handler, flags, restorer, mask. */
#define SW_KERNEL_SIGACTION_SIZE 32
#define SW_SOCKADDR_MAX ((uint16_t)sizeof(struct sockaddr_storage))
#define SW_DIRENTS_MAX 65535

struct type_rule {
	uint8_t kind, when, size_from, only_ok;
	uint16_t size, max; /* max 0: bounded by the string limit */
};

#define R(kind, when, from, ok, size, max) { SW_CAP_##kind, SW_AT_##when, SW_SIZE_##from, ok, size, max }
#define FIXED_IN(sz)  R(MEM, ENTER, FIXED, 0, (uint16_t)(sz), 0)
#define FIXED_OUT(sz) R(MEM, EXIT, FIXED, 1, (uint16_t)(sz), 0)

/* The capture each argument type asks for; a second rule for the types read
 * both at entry and at exit. */
static const struct type_rule type_rules[SW_T_NTYPES][2] = {
	[SW_T_PATH]         = { R(STR, ENTER, PATH, 0, 0, 0) },
	[SW_T_STR]          = { R(STR, ENTER, STRING, 0, 0, 0) },
	[SW_T_BUF_IN]       = { R(MEM, ENTER, ARG, 0, 1, 0) },
	[SW_T_BUF_OUT]      = { R(MEM, EXIT, RET, 1, 1, 0) },
	[SW_T_PATH_OUT]     = { R(MEM, EXIT, RET, 1, 1, PATH_MAX) },
	[SW_T_ARGV]         = { R(STRARRAY, ENTER, STRING, 0, 0, 0) },
	[SW_T_ENVP]         = { R(STRARRAY, ENTER, FIXED, 0, 0, 0) },
	[SW_T_IOV_IN]       = { R(IOV, ENTER, ARG_ELEM, 0, sizeof(struct iovec), 0) },
	[SW_T_IOV_OUT]      = { R(IOV, EXIT, ARG_ELEM, 1, sizeof(struct iovec), 0) },
	[SW_T_SOCKADDR]     = { R(MEM, ENTER, ARG, 0, 1, SW_SOCKADDR_MAX) },
	[SW_T_SOCKADDR_OUT] = { FIXED_OUT(SW_SOCKADDR_MAX) },
	[SW_T_SOCKLEN_PTR]  = { FIXED_IN(sizeof(socklen_t)), FIXED_OUT(sizeof(socklen_t)) },
	[SW_T_MSGHDR]       = { FIXED_IN(sizeof(struct msghdr)) },
	/* at exit too: the kernel updates msg_namelen, msg_controllen and msg_flags */
	[SW_T_MSGHDR_OUT]   = { FIXED_IN(sizeof(struct msghdr)), FIXED_OUT(sizeof(struct msghdr)) },
	[SW_T_STAT_OUT]     = { FIXED_OUT(sizeof(struct stat)) },
	[SW_T_STATX_OUT]    = { FIXED_OUT(256) },
	[SW_T_STATFS_OUT]   = { FIXED_OUT(sizeof(struct statfs)) },
	[SW_T_TIMESPEC_IN]  = { FIXED_IN(sizeof(struct timespec)) },
	[SW_T_TIMESPEC_OUT] = { FIXED_OUT(sizeof(struct timespec)) },
	[SW_T_TIMEVAL_IN]   = { FIXED_IN(sizeof(struct timeval)) },
	[SW_T_TIMEVAL_OUT]  = { FIXED_OUT(sizeof(struct timeval)) },
	[SW_T_TIMEZONE_IN]  = { FIXED_IN(sizeof(struct timezone)) },
	[SW_T_ITIMERSPEC_IN]  = { FIXED_IN(2 * sizeof(struct timespec)) },
	[SW_T_ITIMERSPEC_OUT] = { FIXED_OUT(2 * sizeof(struct timespec)) },
	[SW_T_ITIMERVAL_IN]   = { FIXED_IN(sizeof(struct itimerval)) },
	[SW_T_ITIMERVAL_OUT]  = { FIXED_OUT(sizeof(struct itimerval)) },
	[SW_T_SIGACTION_IN]   = { FIXED_IN(SW_KERNEL_SIGACTION_SIZE) },
	[SW_T_SIGACTION_OUT]  = { FIXED_OUT(SW_KERNEL_SIGACTION_SIZE) },
	[SW_T_SIGSET_IN]    = { R(MEM, ENTER, ARG, 0, 1, 128) },
	[SW_T_SIGSET_OUT]   = { R(MEM, EXIT, ARG, 1, 1, 128) },
	[SW_T_SIGINFO_IN]   = { FIXED_IN(sizeof(siginfo_t)) },
	[SW_T_STACK_IN]     = { FIXED_IN(sizeof(stack_t)) },
	[SW_T_STACK_OUT]    = { FIXED_OUT(sizeof(stack_t)) },
	[SW_T_RLIMIT_IN]    = { FIXED_IN(sizeof(struct rlimit)) },
	[SW_T_RLIMIT_OUT]   = { FIXED_OUT(sizeof(struct rlimit)) },
	[SW_T_RUSAGE_OUT]   = { FIXED_OUT(sizeof(struct rusage)) },
	[SW_T_UTSNAME_OUT]  = { FIXED_OUT(sizeof(struct utsname)) },
	[SW_T_SYSINFO_OUT]  = { FIXED_OUT(sizeof(struct sysinfo)) },
	[SW_T_TMS_OUT]      = { FIXED_OUT(sizeof(struct tms)) },
	[SW_T_WSTATUS_OUT]  = { FIXED_OUT(sizeof(int)) },
	[SW_T_INT_PTR_IN]   = { FIXED_IN(sizeof(int)) },
	[SW_T_INT_PTR_OUT]  = { FIXED_OUT(sizeof(int)) },
	[SW_T_FDPAIR_OUT]   = { FIXED_OUT(2 * sizeof(int)) },
	[SW_T_POLLFD]       = { R(MEM, ENTER, ARG_ELEM, 0, sizeof(struct pollfd), 1024),
				R(MEM, EXIT, ARG_ELEM, 1, sizeof(struct pollfd), 1024) },
	[SW_T_EPOLL_EVENT_IN]   = { FIXED_IN(sizeof(struct epoll_event)) },
	[SW_T_EPOLL_EVENTS_OUT] = { R(MEM, EXIT, RET_ELEM, 1, sizeof(struct epoll_event), 1024) },
	[SW_T_DIRENTS_OUT]  = { R(MEM, EXIT, RET, 1, 1, SW_DIRENTS_MAX) },
	[SW_T_CLONE_ARGS]   = { R(MEM, ENTER, ARG, 0, 1, 128) },
	[SW_T_OPEN_HOW]     = { R(MEM, ENTER, ARG, 0, 1, 64) },
	[SW_T_SCHED_PARAM_IN] = { FIXED_IN(sizeof(int)) },
	[SW_T_FDSET_IN]     = { FIXED_IN(128) },
	[SW_T_CAP_HEADER]   = { FIXED_IN(8) },
	[SW_T_TIMESPEC2_IN] = { FIXED_IN(2 * sizeof(struct timespec)) },
	[SW_T_TIMEZONE_OUT] = { FIXED_OUT(sizeof(struct timezone)) },
	[SW_T_TIMESPEC_INOUT] = { FIXED_IN(sizeof(struct timespec)), FIXED_OUT(sizeof(struct timespec)) },
	[SW_T_TIMEVAL_INOUT]  = { FIXED_IN(sizeof(struct timeval)), FIXED_OUT(sizeof(struct timeval)) },
	/* nfds bytes cover the nfds bits of an fd_set without reading past a small one */
	[SW_T_FDSET_INOUT]  = { R(MEM, ENTER, ARG, 0, 1, 128), R(MEM, EXIT, ARG, 1, 1, 128) },
	[SW_T_PSELECT_SIGMASK] = { FIXED_IN(2 * sizeof(uint64_t)) },
	/* struct flock is the largest structure fcntl takes; a number reads as a fault */
	[SW_T_FCNTL_ARG]    = { FIXED_IN(32), FIXED_OUT(32) },
	/* the kernel's struct termios (36 bytes) is the largest decoded */
	[SW_T_IOCTL_ARG]    = { FIXED_IN(36), FIXED_OUT(36) },
	[SW_T_SOCKOPT_IN]   = { R(MEM, ENTER, ARG, 0, 1, 64) },
	[SW_T_SOCKOPT_OUT]  = { FIXED_OUT(16) },
	[SW_T_ULONG_PTR_OUT] = { FIXED_OUT(sizeof(unsigned long)) },
	/* read at exit whatever the result: the kernel fills it when a signal interrupts */
	[SW_T_TIMESPEC_REM] = { R(MEM, EXIT, FIXED, 0, (uint16_t)sizeof(struct timespec), 0) },
	/* PR_SET_NAME's string, and what PR_GET_NAME (16 bytes) or PR_GET_PDEATHSIG wrote */
	[SW_T_PRCTL_ARG]    = { R(STR, ENTER, STRING, 0, 0, 0), FIXED_OUT(16) },
};

unsigned sw_arg_bits(const struct sw_arg *a)
{
	if (a->bits)
		return a->bits;
	switch (a->type) {
	case SW_T_INT:
	case SW_T_UINT:
	case SW_T_FD:
	case SW_T_DIRFD:
	case SW_T_PID:
	case SW_T_UID:
	case SW_T_GID:
	case SW_T_SIG:
	case SW_T_DEV:
	case SW_T_FLAGS:
	case SW_T_ENUM:
	case SW_T_CLOCKID:
		return 32;
	case SW_T_OCT:
	case SW_T_MODE:
	case SW_T_FMODE:
		return 16;
	}
	return 64;
}

static bool arg_signed(unsigned type)
{
	return type == SW_T_INT || type == SW_T_FD || type == SW_T_DIRFD || type == SW_T_PID;
}

uint64_t sw_arg_value(const struct sw_arg *a, uint64_t raw)
{
	unsigned bits = sw_arg_bits(a);

	if (bits >= 64)
		return raw;
	if (bits == 32)
		return arg_signed(a->type) ? (uint64_t)(int64_t)(int32_t)raw : (uint32_t)raw;
	return raw & ((UINT64_C(1) << bits) - 1);
}

int sw_capture_plan_for(const struct sw_syscall *sc, struct sw_capture_plan *plan)
{
	plan->n = 0;
	if (!sc || sc->nargs <= 0)
		return 0;
	for (int i = 0; i < sc->nargs; i++) {
		const struct sw_arg *a = &sc->args[i];

		for (int k = 0; k < 2; k++) {
			const struct type_rule *t = &type_rules[a->type][k];
			struct sw_capture_rule *r;

			if (!t->kind || plan->n >= SW_MAX_RULES)
				continue;
			r = &plan->rule[plan->n++];
			r->arg = (uint8_t)i;
			r->kind = t->kind;
			r->when = t->when;
			r->size_from = t->size_from;
			r->size_arg = a->aux;
			r->only_ok = t->only_ok;
			r->size = t->size;
			r->max = t->max;
		}
	}
	return plan->n;
}

static struct sw_capture_rule *add_fd_rule(struct sw_capture_plan *plan, unsigned target, unsigned when,
					   unsigned ptr_arg)
{
	struct sw_capture_rule *r;

	if (plan->n >= SW_MAX_RULES)
		return NULL;
	r = &plan->rule[plan->n++];
	memset(r, 0, sizeof(*r));
	r->arg = (uint8_t)target;
	r->kind = SW_CAP_FD;
	r->when = (uint8_t)when;
	r->size_arg = (uint8_t)ptr_arg;
	r->only_ok = target >= SW_FDT_RET && target <= SW_FDT_PAIR1;
	return r;
}

/* A descriptor argument the call closes or replaces: named before the call. */
static bool fd_consumed(const struct sw_syscall *sc, int i)
{
	return (i == 0 && strcmp(sc->name, "close") == 0) ||
	       (i == 1 && (strcmp(sc->name, "dup2") == 0 || strcmp(sc->name, "dup3") == 0));
}

int sw_capture_plan_fds(const struct sw_syscall *sc, struct sw_capture_plan *plan, unsigned what)
{
	bool dirfd_seen = false, cwd_added = false;

	if (!sc || sc->nargs < 0)
		return plan->n;
	for (int i = 0; i < sc->nargs; i++) {
		unsigned t = sc->args[i].type;
		unsigned when = SW_AT_EXIT;

		if (fd_consumed(sc, i) || (sc->classes & SW_CLASS_NETWORK))
			when = SW_AT_ENTER;
		if (t == SW_T_DIRFD)
			dirfd_seen = true;
		if ((what & (SW_PLAN_FDS | SW_PLAN_CWD)) && t == SW_T_DIRFD)
			add_fd_rule(plan, (unsigned)i, when, 0);
		else if ((what & SW_PLAN_FDS) && t == SW_T_FD)
			add_fd_rule(plan, (unsigned)i, when, 0);
		else if ((what & SW_PLAN_FDS) && t == SW_T_FDPAIR_OUT) {
			add_fd_rule(plan, SW_FDT_PAIR0, SW_AT_EXIT, (unsigned)i);
			add_fd_rule(plan, SW_FDT_PAIR1, SW_AT_EXIT, (unsigned)i);
		} else if ((what & SW_PLAN_CWD) && t == SW_T_PATH && !dirfd_seen && !cwd_added) {
			/* chdir changes it: the one its argument is relative to is the old one */
			add_fd_rule(plan, SW_FDT_CWD, strcmp(sc->name, "chdir") == 0 ? SW_AT_ENTER : SW_AT_EXIT, 0);
			cwd_added = true;
		}
	}
	if ((what & SW_PLAN_FDS) && sc->ret == SW_R_FD)
		add_fd_rule(plan, SW_FDT_RET, SW_AT_EXIT, 0);
	if ((what & SW_PLAN_EXE) && (strcmp(sc->name, "execve") == 0 || strcmp(sc->name, "execveat") == 0)) {
		struct sw_capture_rule *r = add_fd_rule(plan, SW_FDT_EXE, SW_AT_EXIT, 0);

		if (r)
			r->only_ok = 1;
	}
	return plan->n;
}

void sw_capture_plan_env(struct sw_capture_plan *plan)
{
	for (unsigned i = 0; i < plan->n; i++) {
		struct sw_capture_rule *r = &plan->rule[i];

		if (r->kind == SW_CAP_STRARRAY && r->size_from == SW_SIZE_FIXED && r->size == 0)
			r->size_from = SW_SIZE_STRING;
	}
}

static uint64_t bounded(uint64_t n, uint64_t max)
{
	return n < max ? n : max;
}

uint64_t sw_capture_rule_size(const struct sw_capture_rule *r, const uint64_t args[6],
			      int64_t ret, unsigned strlimit)
{
	uint64_t max = r->max ? r->max : strlimit;
	uint64_t n;

	if (args[r->arg] == 0)
		return 0;
	if (r->when == SW_AT_EXIT && r->only_ok && ret < 0)
		return 0;
	switch (r->size_from) {
	case SW_SIZE_FIXED:
		return r->size;
	case SW_SIZE_ARG:
		n = r->size_arg < SW_NARGS ? args[r->size_arg] : 0;
		return bounded(n, max);
	case SW_SIZE_ARG_ELEM:
		n = r->size_arg < SW_NARGS ? args[r->size_arg] : 0;
		return bounded(n, r->max ? r->max : 1024) * r->size;
	case SW_SIZE_RET:
		return ret > 0 ? bounded((uint64_t)ret, max) : 0;
	case SW_SIZE_RET_ELEM:
		return ret > 0 ? bounded((uint64_t)ret, max) * r->size : 0;
	case SW_SIZE_STRING:
		return (uint64_t)strlimit + 1;
	case SW_SIZE_PATH:
		return PATH_MAX;
	}
	return 0;
}
