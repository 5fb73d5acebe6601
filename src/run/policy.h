/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run's policy: which action each syscall gets (--deny, --allow,
 * --default-action, --profile), and the seccomp filters built from it with
 * libseccomp. */
#ifndef SW_RUN_POLICY_H
#define SW_RUN_POLICY_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/sysset.h"
#include "util/error.h"

enum run_act_kind { /* in the kernel's order of precedence, weakest first */
	RUN_ALLOW = 0,
	RUN_LOG,         /* allowed and counted */
	RUN_ERRNO,       /* fail with errno */
	RUN_TRAP,        /* SIGSYS is sent (SECCOMP_RET_TRAP) */
	RUN_KILL_THREAD, /* the thread ends (SECCOMP_RET_KILL_THREAD) */
	RUN_KILL,        /* the process ends with SIGSYS (SECCOMP_RET_KILL_PROCESS) */
};

struct run_action {
	enum run_act_kind kind;
	int err; /* RUN_ERRNO */
};

#define RUN_RULE_DEFAULT (-1) /* the rule index of the default action */

/* What counts are kept under: a --deny or --allow, or a profile's entry. */
struct run_rule {
	char *spec; /* "--deny openat:errno=EACCES", "profile syscalls[3]" */
	struct run_action act;
};

/* A comparison of one argument (libseccomp's struct scmp_arg_cmp). */
struct run_cond {
	unsigned arg;
	int op;     /* enum scmp_compare */
	uint64_t a; /* value (the mask for SCMP_CMP_MASKED_EQ) */
	uint64_t b; /* valueTwo */
};

/* One row of the filter: a syscall, under conditions, gets an action. */
struct run_entry {
	int nr;
	int rule;
	struct run_action act;
	unsigned ncond;
	struct run_cond cond[6];
};

struct run_policy {
	struct run_rule *rule;
	size_t nrules;
	struct run_entry *entry;
	size_t nentries;
	struct run_action dflt;
	bool dflt_given;
	bool allow_list;            /* an --allow was given: the default is to deny */
	uint32_t arches[4];         /* SCMP_ARCH_* besides the native one (a profile's) */
	unsigned narches;
	struct sw_sysset notify_also; /* calls a supervisor decides on (--supervise) */
	/* command-line rules, before run_policy_finish() turns them into entries */
	struct { struct sw_sysset set; int rule; } *cli;
	size_t ncli;
};

/* "errno=EPERM", "kill", "trap", "log", "allow" (with allow_ok). */
int run_action_parse(const char *s, bool allow_ok, struct run_action *a, struct sw_err *err);
/* "errno=EPERM" etc. into buf. */
const char *run_action_str(const struct run_action *a, char *buf, size_t size);

/* --deny SET[:ACTION] (default action errno=EPERM) and --allow SET. */
int run_policy_deny(struct run_policy *p, const char *arg, struct sw_err *err);
int run_policy_allow(struct run_policy *p, const char *arg, struct sw_err *err);
/* Adds a rule label; returns its index. */
int run_policy_add_rule(struct run_policy *p, const char *spec, const struct run_action *a);
void run_policy_add_entry(struct run_policy *p, const struct run_entry *e);
/* After the options: the default action; a command-line rule naming a
 * syscall replaces a profile's entries for it, the last one deciding. */
void run_policy_finish(struct run_policy *p);
void run_policy_free(struct run_policy *p);

/* Whether some call may get a kill or trap action. */
bool run_policy_signals(const struct run_policy *p);
/* The rule a call of nr killed (kind RUN_KILL: process or thread) or
 * trapped (RUN_TRAP) by the filter fell under; RUN_RULE_DEFAULT for the
 * default action; -2 when no rule has that action for nr (another filter
 * acted). Arguments are not known: the first such entry for nr. */
int run_policy_rule_for(const struct run_policy *p, int nr, enum run_act_kind kind);

/* The entry deciding a call (the strictest of those whose conditions hold),
 * NULL: the default action. */
const struct run_entry *run_policy_match(const struct run_policy *p, int nr, const uint64_t *args);

/* The filter: with notify, the actions syswatch counts (errno, log) and
 * execve become SECCOMP_RET_USER_NOTIF, the supervisor answers them; without,
 * every action is the kernel's. A classic BPF program the caller frees
 * (filter). */
int run_policy_build(const struct run_policy *p, bool notify, struct sock_fprog *out, struct sw_err *err);

#endif
