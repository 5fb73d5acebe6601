// SPDX-License-Identifier: GPL-2.0-only
#include "core/syscalls.h"

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
#include <linux/aio_abi.h>
#include <linux/bpf.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stddef.h>

#include "core/event.h"
#include "core/fdtarget.h"

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
#define SW_SOCKBUF_MAX 4096
#define SW_CMSG_MAX 1024   /* bytes of control messages read */
#define SW_MMSG_MAX 64     /* sendmmsg/recvmmsg messages, io_submit iocbs read */
#define SW_IFCONF_MAX (32 * sizeof(struct ifreq))

struct type_rule {
	uint8_t kind, when, size_from, only_ok;
	uint16_t size, max; /* max 0: bounded by the string limit */
	/* SW_CAP_DEREF (struct sw_capture_rule): parent is the index of a rule
	 * of the same type, counted from 0 */
	uint8_t tag, parent, flags, len_size, cond_arg;
	uint16_t stride, ptr_off, len_off;
	uint32_t cond_val;
};

#define SW_TYPE_RULES 6

#define R(kind_, when_, from, ok, size_, max_) \
	{ .kind = SW_CAP_##kind_, .when = SW_AT_##when_, .size_from = SW_SIZE_##from, .only_ok = ok, .size = size_, .max = max_ }
#define FIXED_IN(sz)  R(MEM, ENTER, FIXED, 0, (uint16_t)(sz), 0)
#define FIXED_OUT(sz) R(MEM, EXIT, FIXED, 1, (uint16_t)(sz), 0)
/* Follows the pointer at ptr_off of each stride-byte element of rule parent's
 * capture; the length: the len_size-byte field at len_off times size bytes */
#define D(when_, tag_, parent_, stride_, ptr_off_, len_off_, len_size_, size_, max_)                       \
	{ .kind = SW_CAP_DEREF, .when = SW_AT_##when_, .size = (uint16_t)(size_), .max = (uint16_t)(max_),    \
	  .tag = SW_DR_##tag_, .parent = parent_, .len_size = len_size_, .stride = (uint16_t)(stride_),       \
	  .ptr_off = (uint16_t)(ptr_off_), .len_off = (uint16_t)(len_off_) }
/* the same, only when argument arg is val */
#define D_IF(arg, val, when_, tag_, parent_, stride_, ptr_off_, len_off_, len_size_, size_, max_)           \
	{ .kind = SW_CAP_DEREF, .when = SW_AT_##when_, .size = (uint16_t)(size_), .max = (uint16_t)(max_),    \
	  .tag = SW_DR_##tag_, .parent = parent_, .flags = SW_DEREF_COND, .len_size = len_size_,              \
	  .cond_arg = arg, .stride = (uint16_t)(stride_), .ptr_off = (uint16_t)(ptr_off_),                    \
	  .len_off = (uint16_t)(len_off_), .cond_val = val }
/* a string at ptr_off of rule parent's capture, when argument arg is val */
#define DSTR_IF(arg, val, when_, tag_, parent_, ptr_off_, max_)                                            \
	{ .kind = SW_CAP_DEREF, .when = SW_AT_##when_, .size = 1, .max = (uint16_t)(max_), .tag = SW_DR_##tag_, \
	  .parent = parent_, .flags = SW_DEREF_COND | SW_DEREF_STR, .cond_arg = arg,                          \
	  .ptr_off = (uint16_t)(ptr_off_), .cond_val = val }

/* The captures each argument type asks for (core/argtypes.def): a rule at
 * entry, at exit or both, and the pointers followed inside what they read. */
static const struct type_rule type_rules[SW_T_NTYPES][SW_TYPE_RULES] = {
#define SW_TYPE(name, printer, ...) [SW_T_##name] = { __VA_ARGS__ },
#include "core/argtypes.def"
#undef SW_TYPE
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

static struct sw_capture_rule *add_fd_rule(struct sw_capture_plan *plan, unsigned target, unsigned when,
					   unsigned ptr_arg);

int sw_capture_plan_for(const struct sw_syscall *sc, struct sw_capture_plan *plan)
{
	plan->n = 0;
	if (!sc || sc->nargs <= 0)
		return 0;
	for (int i = 0; i < sc->nargs; i++) {
		const struct sw_arg *a = &sc->args[i];

		int at[SW_TYPE_RULES]; /* the plan index of each of the type's rules, -1: left out */

		for (int k = 0; k < SW_TYPE_RULES; k++) {
			const struct type_rule *t = &type_rules[a->type][k];
			struct sw_capture_rule *r;

			at[k] = -1;
			if (!t->kind || plan->n >= SW_MAX_RULES ||
			    (t->kind == SW_CAP_DEREF && (t->parent >= k || at[t->parent] < 0)))
				continue;
			at[k] = plan->n;
			r = &plan->rule[plan->n++];
			memset(r, 0, sizeof(*r));
			r->arg = (uint8_t)i;
			r->kind = t->kind;
			r->when = t->when;
			r->size_from = t->size_from;
			r->size_arg = a->aux;
			r->only_ok = t->only_ok;
			r->size = t->size;
			r->max = t->max;
			if (t->kind == SW_CAP_DEREF) {
				r->tag = t->tag;
				r->parent = (uint8_t)at[t->parent];
				r->flags = t->flags;
				r->len_size = t->len_size;
				r->cond_arg = t->cond_arg;
				r->stride = t->stride;
				r->ptr_off = t->ptr_off;
				r->len_off = t->len_off;
				r->cond_val = t->cond_val;
			}
			if ((sc->traits & SW_TRAIT_SOCKBUF) &&
			    (a->type == SW_T_BUF_IN || a->type == SW_T_BUF_OUT || r->tag == SW_DR_MSG_IOV_DATA))
				r->max = SW_SOCKBUF_MAX;
		}
	}
	/* what the socket is, for the buffer's decoder */
	if ((sc->traits & SW_TRAIT_SOCKBUF) && sc->args[0].type == SW_T_FD)
		add_fd_rule(plan, 0, SW_AT_ENTER, 0);
	return plan->n;
}

static struct sw_capture_rule *add_fd_rule(struct sw_capture_plan *plan, unsigned target, unsigned when,
					   unsigned ptr_arg)
{
	struct sw_capture_rule *r;

	for (unsigned i = 0; i < plan->n; i++)
		if (plan->rule[i].kind == SW_CAP_FD && plan->rule[i].arg == target &&
		    plan->rule[i].when == when)
			return &plan->rule[i];
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
	if (!(sc->traits & SW_TRAIT_CLOSESFD) || sc->args[i].type != SW_T_FD)
		return false;
	for (int j = i + 1; j < sc->nargs; j++)
		if (sc->args[j].type == SW_T_FD)
			return false; /* not the last descriptor argument */
	return true;
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
			add_fd_rule(plan, SW_FDT_CWD, (sc->traits & SW_TRAIT_CHDIR) ? SW_AT_ENTER : SW_AT_EXIT, 0);
			cwd_added = true;
		}
	}
	if ((what & SW_PLAN_FDS) && sc->ret == SW_R_FD)
		add_fd_rule(plan, SW_FDT_RET, SW_AT_EXIT, 0);
	if ((what & SW_PLAN_EXE) && (sc->traits & SW_TRAIT_EXEC)) {
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

uint64_t sw_deref_want(const struct sw_capture_rule *r, uint64_t n, unsigned strlimit, uint64_t *total)
{
	uint64_t max = r->max ? r->max : strlimit;

	if (r->flags & SW_DEREF_STR) {
		*total = 0; /* known once read */
		return max + 1;
	}
	if (!r->len_size)
		n = 1;
	*total = n * r->size;
	return bounded(n, max) * r->size;
}

uint64_t sw_capture_rule_size(const struct sw_capture_rule *r, const uint64_t args[6],
			      int64_t ret, unsigned strlimit)
{
	uint64_t max = r->max ? r->max : strlimit;
	uint64_t n;

	if (args[r->arg] == 0 || r->kind == SW_CAP_DEREF)
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
