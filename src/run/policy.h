/* syswatch run's policy: which action each syscall gets (--deny, --allow,
 * --default-action), and the seccomp filters built from it with libseccomp. */
#ifndef SW_RUN_POLICY_H
#define SW_RUN_POLICY_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/sysset.h"
#include "util/error.h"

enum run_act_kind {
	RUN_ALLOW = 0,
	RUN_ERRNO, /* fail with errno */
	RUN_KILL,  /* the process ends with SIGSYS (SECCOMP_RET_KILL_PROCESS) */
	RUN_TRAP,  /* SIGSYS is sent (SECCOMP_RET_TRAP) */
	RUN_LOG,   /* allowed and counted */
};

struct run_action {
	enum run_act_kind kind;
	int err; /* RUN_ERRNO */
};

#define RUN_MAX_RULES 64
#define RUN_RULE_DEFAULT (-1) /* the rule index of the default action */

struct run_rule {
	char *spec;        /* as given: "--deny openat:errno=EACCES" */
	struct sw_sysset set;
	struct run_action act;
};

struct run_policy {
	struct run_rule rule[RUN_MAX_RULES];
	unsigned nrules;
	struct run_action dflt;
	bool dflt_given;
	bool allow_list;   /* an --allow was given: the default is to deny */
	/* by syscall number: the rule deciding it (the last one naming it), or
	 * RUN_RULE_DEFAULT; filled by run_policy_finish() */
	int16_t decided_by[SW_NR_MAX];
};

/* "errno=EPERM", "kill", "trap", "log", "allow" (with allow_ok). */
int run_action_parse(const char *s, bool allow_ok, struct run_action *a, struct sw_err *err);
/* "errno=EPERM" etc. into buf. */
const char *run_action_str(const struct run_action *a, char *buf, size_t size);

/* --deny SET[:ACTION] (default action errno=EPERM) and --allow SET. */
int run_policy_deny(struct run_policy *p, const char *arg, struct sw_err *err);
int run_policy_allow(struct run_policy *p, const char *arg, struct sw_err *err);
/* After the options: the default action and decided_by. */
void run_policy_finish(struct run_policy *p);
void run_policy_free(struct run_policy *p);
const struct run_action *run_policy_action(const struct run_policy *p, int nr);

/* The filter: with notify, the actions syswatch counts (errno, log) and
 * execve become SECCOMP_RET_USER_NOTIF, the supervisor answers them; without,
 * every action is the kernel's. A classic BPF program the caller frees
 * (filter). */
int run_policy_build(const struct run_policy *p, bool notify, struct sock_fprog *out, struct sw_err *err);

#endif
