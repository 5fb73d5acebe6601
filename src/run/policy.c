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
	case RUN_TRAP:
		return "trap";
	case RUN_LOG:
		return "log";
	case RUN_ALLOW:
		break;
	}
	return "allow";
}

static int add_rule(struct run_policy *p, const char *opt, const char *arg, const char *set, const struct run_action *a,
		    struct sw_err *err)
{
	struct run_rule *r;
	struct sw_err perr;
	size_t n;
	char *spec;

	if (p->nrules == RUN_MAX_RULES)
		return sw_err_set(err, "too many rules (at most %d --deny and --allow)", RUN_MAX_RULES);
	r = &p->rule[p->nrules];
	memset(r, 0, sizeof(*r));
	if (sw_sysset_parse(&r->set, set, &perr) < 0)
		return sw_err_set(err, "invalid %s '%s': %s", opt, arg, perr.msg);
	n = strlen(opt) + strlen(arg) + 2;
	spec = sw_xmalloc(n);
	snprintf(spec, n, "%s %s", opt, arg);
	r->spec = spec;
	r->act = *a;
	p->nrules++;
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
	rc = *set ? add_rule(p, "--deny", arg, set, &a, err)
		  : sw_err_set(err, "invalid --deny '%s': no syscalls before the action", arg);
	free(set);
	return rc;
}

int run_policy_allow(struct run_policy *p, const char *arg, struct sw_err *err)
{
	struct run_action a = { .kind = RUN_ALLOW };

	p->allow_list = true;
	return add_rule(p, "--allow", arg, arg, &a, err);
}

void run_policy_finish(struct run_policy *p)
{
	if (!p->dflt_given) {
		p->dflt.kind = p->allow_list ? RUN_ERRNO : RUN_ALLOW;
		p->dflt.err = EPERM;
	}
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		p->decided_by[nr] = RUN_RULE_DEFAULT;
		for (unsigned i = 0; i < p->nrules; i++)
			if (sw_sysset_has(&p->rule[i].set, nr))
				p->decided_by[nr] = (int16_t)i;
	}
}

void run_policy_free(struct run_policy *p)
{
	for (unsigned i = 0; i < p->nrules; i++)
		free(p->rule[i].spec);
	p->nrules = 0;
}

const struct run_action *run_policy_action(const struct run_policy *p, int nr)
{
	if (nr < 0 || nr >= SW_NR_MAX || p->decided_by[nr] == RUN_RULE_DEFAULT)
		return &p->dflt;
	return &p->rule[p->decided_by[nr]].act;
}

/* The libseccomp action of a. */
static uint32_t scmp_action(const struct run_action *a, bool notify)
{
	switch (a->kind) {
	case RUN_ERRNO:
		return notify ? SCMP_ACT_NOTIFY : SCMP_ACT_ERRNO((uint32_t)a->err);
	case RUN_KILL:
		return SCMP_ACT_KILL_PROCESS;
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

int run_policy_build(const struct run_policy *p, bool notify, struct sock_fprog *out, struct sw_err *err)
{
	uint32_t dflt = scmp_action(&p->dflt, notify);
	scmp_filter_ctx ctx = seccomp_init(dflt);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!ctx)
		return sw_err_set(err, "cannot create the seccomp filter (libseccomp)");
	/* calls of another ABI (int 0x80, x32) fail as a kernel without them would */
	seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(ENOSYS));
	for (int nr = 0; nr < SW_NR_MAX && rc == 0; nr++) {
		uint32_t act;

		if (!sw_syscall_name(nr))
			continue;
		act = scmp_action(run_policy_action(p, nr), notify);
		/* the launch's own execve is answered by the supervisor */
		if (notify && nr == SYS_execve)
			act = SCMP_ACT_NOTIFY;
		if (act == dflt)
			continue;
		rc = seccomp_rule_add(ctx, act, nr, 0);
		if (rc == -EINVAL || rc == -EDOM)
			rc = 0; /* a number libseccomp does not know on this architecture */
	}
	if (rc < 0)
		sw_err_set(err, "cannot build the seccomp filter: %s", strerror(-rc));
	else
		rc = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return rc;
}
