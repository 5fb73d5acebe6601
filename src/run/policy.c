// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run's policy and the seccomp filters built from it. */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/decode.h"
#include "run/policy.h"

int run_action_parse(const char *s, bool allow_ok, struct run_action *a, struct sw_err *err)
{
	memset(a, 0, sizeof(*a));
	if (strncmp(s, "errno=", 6) == 0) {
		int e = sw_errno_by_name(s + 6);

		if (e < 0)
			return sw_err_set(err, "unknown errno '%s'", s + 6);
		a->kind = RUN_ERRNO;
		a->err = e;
	} else if (strcmp(s, "kill") == 0) {
		a->kind = RUN_KILL;
	} else if (strcmp(s, "trap") == 0) {
		a->kind = RUN_TRAP;
	} else if (strcmp(s, "log") == 0) {
		a->kind = RUN_LOG;
	} else if (allow_ok && strcmp(s, "allow") == 0) {
		a->kind = RUN_ALLOW;
	} else {
		return sw_err_set(err, "unknown action '%s' (errno=ERRNO, kill, trap, log%s)", s,
				  allow_ok ? ", allow" : "");
	}
	return 0;
}

const char *run_action_str(const struct run_action *a, char *buf, size_t size)
{
	const char *n;

	switch (a->kind) {
	case RUN_ERRNO:
		n = sw_errno_name(a->err);
		if (n)
			snprintf(buf, size, "errno=%s", n);
		else
			snprintf(buf, size, "errno=%d", a->err);
		return buf;
	case RUN_KILL:
		return "kill";
	case RUN_KILL_THREAD:
		return "kill-thread";
	case RUN_TRAP:
		return "trap";
	case RUN_LOG:
		return "log";
	case RUN_ALLOW:
		break;
	}
	return "allow";
}

int run_policy_add_rule(struct run_policy *p, const char *spec, const struct run_action *a)
{
	p->rule = sw_xrealloc(p->rule, (p->nrules + 1) * sizeof(*p->rule));
	p->rule[p->nrules].spec = sw_xstrdup(spec);
	p->rule[p->nrules].act = *a;
	return (int)p->nrules++;
}

void run_policy_add_entry(struct run_policy *p, const struct run_entry *e)
{
	p->entry = sw_xrealloc(p->entry, (p->nentries + 1) * sizeof(*p->entry));
	p->entry[p->nentries++] = *e;
}

static int add_cli(struct run_policy *p, const char *opt, const char *arg, const char *set, const struct run_action *a,
		   struct sw_err *err)
{
	struct sw_sysset s;
	struct sw_err perr;
	char spec[SW_ERR_MAX];

	if (sw_sysset_parse(&s, set, &perr) < 0)
		return sw_err_set(err, "invalid %s '%s': %s", opt, arg, perr.msg);
	snprintf(spec, sizeof(spec), "%s %s", opt, arg);
	p->cli = sw_xrealloc(p->cli, (p->ncli + 1) * sizeof(*p->cli));
	p->cli[p->ncli].set = s;
	p->cli[p->ncli].rule = run_policy_add_rule(p, spec, a);
	p->ncli++;
	return 0;
}

int run_policy_deny(struct run_policy *p, const char *arg, struct sw_err *err)
{
	struct run_action a = { .kind = RUN_ERRNO, .err = EPERM };
	const char *colon = strrchr(arg, ':');
	struct sw_err aerr;
	char *set;
	int rc;

	if (colon && (strncmp(colon + 1, "errno=", 6) == 0 || strspn(colon + 1, "abcdefghijklmnopqrstuvwxyz") ==
								       strlen(colon + 1))) {
		if (run_action_parse(colon + 1, false, &a, &aerr) < 0)
			return sw_err_set(err, "invalid --deny '%s': %s", arg, aerr.msg);
		set = strndup(arg, (size_t)(colon - arg));
	} else {
		set = sw_xstrdup(arg);
	}
	if (!set)
		return sw_err_set(err, "out of memory");
	rc = *set ? add_cli(p, "--deny", arg, set, &a, err)
		  : sw_err_set(err, "invalid --deny '%s': no syscalls before the action", arg);
	free(set);
	return rc;
}

int run_policy_allow(struct run_policy *p, const char *arg, struct sw_err *err)
{
	struct run_action a = { .kind = RUN_ALLOW };

	p->allow_list = true;
	return add_cli(p, "--allow", arg, arg, &a, err);
}

void run_policy_finish(struct run_policy *p)
{
	size_t keep = 0;

	if (!p->dflt_given) {
		p->dflt.kind = p->allow_list ? RUN_ERRNO : RUN_ALLOW;
		p->dflt.err = EPERM;
	}
	if (!p->ncli)
		return;
	/* the profile's entries for syscalls a command-line rule names go */
	for (size_t i = 0; i < p->nentries; i++) {
		bool named = false;

		for (size_t k = 0; k < p->ncli && !named; k++)
			named = p->entry[i].nr >= 0 && sw_sysset_has(&p->cli[k].set, p->entry[i].nr);
		if (!named)
			p->entry[keep++] = p->entry[i];
	}
	p->nentries = keep;
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		int rule = RUN_RULE_DEFAULT;

		for (size_t k = 0; k < p->ncli; k++)
			if (sw_sysset_has(&p->cli[k].set, nr))
				rule = p->cli[k].rule;
		if (rule != RUN_RULE_DEFAULT) {
			struct run_entry e = { .nr = nr, .rule = rule, .act = p->rule[rule].act };

			run_policy_add_entry(p, &e);
		}
	}
}

void run_policy_free(struct run_policy *p)
{
	for (size_t i = 0; i < p->nrules; i++)
		free(p->rule[i].spec);
	free(p->rule);
	free(p->entry);
	free(p->cli);
	memset(p, 0, sizeof(*p));
}

static bool cond_holds(const struct run_cond *c, const uint64_t *args)
{
	uint64_t v = args[c->arg];

	switch (c->op) {
	case SCMP_CMP_NE:
		return v != c->a;
	case SCMP_CMP_LT:
		return v < c->a;
	case SCMP_CMP_LE:
		return v <= c->a;
	case SCMP_CMP_EQ:
		return v == c->a;
	case SCMP_CMP_GE:
		return v >= c->a;
	case SCMP_CMP_GT:
		return v > c->a;
	case SCMP_CMP_MASKED_EQ:
		return (v & c->a) == c->b;
	default:
		return false;
	}
}

static bool kind_is(enum run_act_kind have, enum run_act_kind want)
{
	return have == want || (want == RUN_KILL && have == RUN_KILL_THREAD);
}

bool run_policy_signals(const struct run_policy *p)
{
	bool any = p->dflt.kind >= RUN_TRAP;

	for (size_t i = 0; i < p->nentries && !any; i++)
		any = p->entry[i].act.kind >= RUN_TRAP;
	return any;
}

int run_policy_rule_for(const struct run_policy *p, int nr, enum run_act_kind kind)
{
	bool named = false;

	for (size_t i = 0; i < p->nentries; i++) {
		if (p->entry[i].nr != nr)
			continue;
		if (kind_is(p->entry[i].act.kind, kind))
			return p->entry[i].rule;
		named |= p->entry[i].ncond == 0;
	}
	return !named && kind_is(p->dflt.kind, kind) ? RUN_RULE_DEFAULT : -2;
}

const struct run_entry *run_policy_match(const struct run_policy *p, int nr, const uint64_t *args)
{
	const struct run_entry *best = NULL;

	for (size_t i = 0; i < p->nentries; i++) {
		const struct run_entry *e = &p->entry[i];
		bool holds = e->nr == nr;

		for (unsigned k = 0; holds && k < e->ncond; k++)
			holds = cond_holds(&e->cond[k], args);
		if (holds && (!best || e->act.kind > best->act.kind))
			best = e;
	}
	return best;
}

/* The libseccomp action of a. */
static uint32_t scmp_action(const struct run_action *a, bool notify)
{
	switch (a->kind) {
	case RUN_ERRNO:
		return notify ? SCMP_ACT_NOTIFY : SCMP_ACT_ERRNO((uint32_t)a->err);
	case RUN_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case RUN_KILL_THREAD:
		return SCMP_ACT_KILL_THREAD;
	case RUN_TRAP:
		return SCMP_ACT_TRAP;
	case RUN_LOG:
		return notify ? SCMP_ACT_NOTIFY : SCMP_ACT_LOG;
	case RUN_ALLOW:
		break;
	}
	return SCMP_ACT_ALLOW;
}

/* The program libseccomp generated, copied out of a memory file. */
static int export_bpf(scmp_filter_ctx ctx, struct sock_fprog *out, struct sw_err *err)
{
	int fd = memfd_create("syswatch-filter", MFD_CLOEXEC);
	off_t len;
	int rc;

	if (fd < 0)
		return sw_err_set(err, "cannot create the seccomp filter: memfd_create: %s", strerror(errno));
	rc = seccomp_export_bpf(ctx, fd);
	len = lseek(fd, 0, SEEK_END);
	if (rc < 0 || len <= 0 || len % (off_t)sizeof(struct sock_filter)) {
		close(fd);
		return sw_err_set(err, "cannot export the seccomp filter: %s", strerror(rc < 0 ? -rc : EIO));
	}
	out->len = (unsigned short)(len / (off_t)sizeof(struct sock_filter));
	out->filter = sw_xmalloc((size_t)len);
	if (pread(fd, out->filter, (size_t)len, 0) != len) {
		free(out->filter);
		out->filter = NULL;
		close(fd);
		return sw_err_set(err, "cannot read the seccomp filter back: %s", strerror(errno));
	}
	close(fd);
	return 0;
}

static int add_entry(scmp_filter_ctx ctx, const struct run_entry *e, uint32_t act)
{
	struct scmp_arg_cmp cmp[6];

	for (unsigned k = 0; k < e->ncond; k++) {
		cmp[k].arg = e->cond[k].arg;
		cmp[k].op = (enum scmp_compare)e->cond[k].op;
		cmp[k].datum_a = e->cond[k].a;
		cmp[k].datum_b = e->cond[k].b;
	}
	return seccomp_rule_add_array(ctx, act, e->nr, e->ncond, cmp);
}

int run_policy_build(const struct run_policy *p, bool notify, struct sock_fprog *out, struct sw_err *err)
{
	uint32_t dflt = scmp_action(&p->dflt, notify);
	scmp_filter_ctx ctx = seccomp_init(dflt);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!ctx)
		return sw_err_set(err, "cannot create the seccomp filter (libseccomp)");
	/* calls of an ABI the policy does not name (int 0x80, x32) fail as a
	 * kernel without them would */
	seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(ENOSYS));
	/* a binary search on the syscall number, not a comparison per rule: a
	 * profile of 300 names costs a call nine tests, not up to 300 (calls
	 * allowed whatever their arguments skip the filter anyway, by the
	 * kernel's action cache) */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (unsigned i = 0; i < p->narches && rc == 0; i++) {
		rc = seccomp_arch_add(ctx, p->arches[i]);
		if (rc == -EEXIST)
			rc = 0;
	}
	for (size_t i = 0; i < p->nentries && rc == 0; i++) {
		const struct run_entry *e = &p->entry[i];
		uint32_t act = scmp_action(&e->act, notify);

		/* execve is answered by the supervisor (the launch's own first), as
		 * are the calls --supervise decides on */
		if ((notify && (e->nr == SYS_execve || (e->nr >= 0 && sw_sysset_has(&p->notify_also, e->nr)))) ||
		    act == dflt)
			continue;
		rc = add_entry(ctx, e, act);
		if (rc == -EEXIST)
			rc = 0; /* the same comparison with another action: the first one stays */
		if (rc < 0)
			sw_err_set(err, "cannot build the seccomp filter: %s: %s", p->rule[e->rule].spec, strerror(-rc));
	}
	for (int nr = 0; rc == 0 && notify && dflt != SCMP_ACT_NOTIFY && nr < SW_NR_MAX; nr++) {
		if (nr != SYS_execve && !sw_sysset_has(&p->notify_also, nr))
			continue;
		rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
		if (rc < 0)
			sw_err_set(err, "cannot build the seccomp filter: %s: %s", sw_syscall_name(nr), strerror(-rc));
	}
	if (rc == 0)
		rc = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return rc;
}
