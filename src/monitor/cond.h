/* SPDX-License-Identifier: GPL-2.0-only */
/* Rule conditions: a tree of all/any/not over tests of one event field
 * (command, parent command, path, user, result, destination address and
 * port, raw arguments, decoded arguments by name, cgroup and container),
 * with macros shared between rules. The config loader
 * builds the trees (monitor/config.c); the rules engine evaluates them. */
#ifndef SW_MONITOR_COND_H
#define SW_MONITOR_COND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "util/cidr.h"
#include "util/strbuf.h"

enum sw_mon_cond_op {
	SW_COND_ALL = 1, /* every child holds (none: true) */
	SW_COND_ANY,     /* some child holds */
	SW_COND_NOT,     /* the one child does not hold */
	SW_COND_MACRO,   /* the macro's condition holds (ref) */
	SW_COND_TEST,    /* field test */
};

enum sw_mon_cond_field {
	SW_CF_COMM = 1,  /* the command matches one of the globs */
	SW_CF_PCOMM,     /* the parent's command matches one of the globs */
	SW_CF_ACOMM,     /* the parent's or an ancestor's command (4 levels) matches one of the globs */
	SW_CF_PATH,      /* the event's path matches one of the globs */
	SW_CF_USER,      /* the caller's uid (at entry) is one of nums */
	SW_CF_EUID,      /* the effective uid at entry is one of nums */
	SW_CF_FAILED,    /* the call failed (flag) or succeeded (!flag) */
	SW_CF_DEST,      /* the socket address is in one of the networks */
	SW_CF_PORT,      /* the socket address's port is in one of the ranges (nums: lo << 16 | hi) */
	SW_CF_ARG,       /* argument arg is one of nums */
	SW_CF_EXE,       /* the program file is one of nums (pairs: kernel dev_t, inode) */
	SW_CF_EXE_DIR,   /* exec calls: the program file is under one of the directories nums (pairs) */
	SW_CF_EXE_DELETED, /* the program file has no links (deleted, or a memfd): flag */
	SW_CF_FILE,      /* the call opened, or used a descriptor of, one of the files nums (pairs) */
	SW_CF_DECODED,   /* an argument called name, as decoded, matches one of the globs */
	SW_CF_CGROUP,    /* the cgroup's path matches one of the globs */
	SW_CF_CONTAINER, /* the container id (from the cgroup's path) matches one of the globs */
};

struct sw_mon_cond {
	uint8_t op;     /* enum sw_mon_cond_op */
	uint8_t field;  /* enum sw_mon_cond_field */
	uint8_t arg;    /* SW_CF_ARG: the argument index */
	char *name;     /* SW_CF_DECODED: the argument's name */
	bool flag;      /* SW_CF_FAILED */
	struct sw_mon_cond *kids;
	size_t nkids;
	const struct sw_mon_cond *ref; /* SW_COND_MACRO: owned by the config */
	char **strs;    /* globs (fnmatch) */
	size_t nstrs;
	uint64_t *nums;
	size_t nnums;
	struct sw_cidr *cidrs;     /* an IPv4 network also matches IPv4-mapped IPv6 addresses */
	size_t ncidrs;
};

struct sw_mon_cgroups;

/* What the tests of one event compute once, whichever rules ask: its cgroup
 * path and container id, its decoded call split into arguments. Zeroed
 * (with cgroups set) before the first test, released after the last. */
struct sw_mon_evctx {
	struct sw_mon_cgroups *cgroups; /* NULL: cgroup and container tests do not hold */
	bool cg_done, text_done;
	char *cgroup;                   /* NULL: not known */
	char container[65];             /* "": none */
	struct sw_strbuf text;          /* the decoded call */
	uint32_t arg_off[SW_NARGS], arg_len[SW_NARGS];
	unsigned nshown;                /* arguments the decoded text shows */
};

void sw_mon_evctx_release(struct sw_mon_evctx *x);
/* The event's cgroup path, or NULL; its container id in x->container. */
const char *sw_mon_evctx_cgroup(struct sw_mon_evctx *x, const struct sw_event *ev);
/* Whether name names argument i of the event's syscall: argN, the
 * argument's type (fd, dirfd, path, flags, mode, pid, uid, gid, signal,
 * addr, ...) or its flag table (open_flags, ptrace_request). */
bool sw_mon_arg_named(const struct sw_event *ev, unsigned i, const char *name);
/* Whether name can name an argument of some syscall (for the config check). */
bool sw_mon_arg_name_known(const char *name);

/* Whether c holds for ev; NULL holds. x may be NULL (a fresh one is used). */
bool sw_mon_cond_eval(const struct sw_mon_cond *c, const struct sw_event *ev, struct sw_mon_evctx *x);
/* Frees what c holds (not c itself). */
void sw_mon_cond_release(struct sw_mon_cond *c);
/* Adds the identity (device, inode) of the file at path to a SW_CF_EXE or
 * SW_CF_EXE_DIR or SW_CF_FILE test; -1 (errno set) when it cannot be looked up. */
int sw_mon_cond_add_file(struct sw_mon_cond *c, const char *path);

#endif
