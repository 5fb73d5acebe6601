// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run: runs a command under a seccomp policy (--deny, --allow,
 * --default-action) and reports at its end how often each rule acted, per
 * syscall, and the first denied calls as trace prints them. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "decode/decode.h"
#include "output/output.h"
#include "run/decide.h"
#include "run/profile.h"
#include "run/record.h"
#include "run/supervise.h"
#include "util/error.h"
#include "util/strbuf.h"

#define EXIT_USAGE 2
#define DEFAULT_SHOWN 5

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	stop_requested = sig;
}

enum {
	OPT_DENY = 256,
	OPT_ALLOW,
	OPT_DEFAULT_ACTION,
	OPT_JSON,
	OPT_SHOWN,
	OPT_NO_COUNT,
	OPT_PROFILE,
	OPT_RECORD_PROFILE,
	OPT_SUPERVISE,
};

static const struct option long_options[] = {
	{ "deny", required_argument, NULL, OPT_DENY },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "default-action", required_argument, NULL, OPT_DEFAULT_ACTION },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "shown", required_argument, NULL, OPT_SHOWN },
	{ "no-count", no_argument, NULL, OPT_NO_COUNT },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "record-profile", required_argument, NULL, OPT_RECORD_PROFILE },
	{ "supervise", required_argument, NULL, OPT_SUPERVISE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("usage: syswatch run [OPTIONS] -- CMD [ARG...]\n"
	      "\n"
	      "Runs CMD under a seccomp filter: the syscalls a rule names get its action,\n"
	      "in the kernel, with no stop for the others. At the end, how many calls each\n"
	      "rule acted on, per syscall, and the first denied calls as trace prints them.\n"
	      "\n"
	      "  --deny SET[:ACTION]     the syscalls of SET (trace's -e trace= syntax:\n"
	      "                          names, %classes, /regex, !) get ACTION:\n"
	      "                          errno=ERRNO (the default, EPERM), kill (the process\n"
	      "                          ends with SIGSYS), trap (SIGSYS is sent), log\n"
	      "                          (allowed, counted); repeatable, the last rule\n"
	      "                          naming a syscall decides it\n"
	      "  --allow SET             allow-list mode: SET is allowed, every other\n"
	      "                          syscall gets the default action (errno=EPERM)\n"
	      "  --default-action ACTION what the syscalls no rule names get: allow,\n"
	      "                          errno=ERRNO, kill, trap or log (default: allow,\n"
	      "                          errno=EPERM with --allow)\n"
	      "  --profile FILE          an OCI/Docker seccomp profile (JSON: defaultAction,\n"
	      "                          syscalls[].names/action/errnoRet/args,\n"
	      "                          architectures); --deny and --allow override it\n"
	      "  --record-profile FILE   run CMD traced (ptrace) and write the profile that\n"
	      "                          allows exactly the syscalls it made\n"
	      "  --supervise RULE        decide opens, sockets, connections and execs on\n"
	      "                          their arguments: 'COND... DECISION' with COND\n"
	      "                          path=GLOB (resolved), flags=O_X|O_Y, family=AF_X,\n"
	      "                          dest=CIDR, port=N, exec=GLOB and DECISION allow,\n"
	      "                          log, deny or deny:ERRNO; repeatable, the first\n"
	      "                          rule that matches decides (none: allowed)\n"
	      "  -o FILE                 write the summary to FILE (default: stderr)\n"
	      "  --json                  the summary as one JSON object\n"
	      "  --shown N               decode the first N denied calls (default 5)\n"
	      "  -s N                    decode at most N bytes of strings (default 32)\n"
	      "  --no-count              every action in the kernel, no counts (the\n"
	      "                          fastest: no denied call leaves the kernel)\n"
	      "\n"
	      "Calls are counted exactly: errno and log actions (and execve) are answered\n"
	      "by syswatch (seccomp user notification); kill and trap act in the kernel,\n"
	      "where an eBPF program counts them (root), or they are said not counted.\n"
	      "Exit status: CMD's, 128+N when signal N killed it; 2 on bad usage, 127/126\n"
	      "when CMD cannot be found or run.\n",
	      f);
}

struct run_cli {
	struct run_policy policy;
	struct run_opts ro;
	const char *out_path;
	const char *record_path;
	struct sup_rules sup;
	bool json;
	bool have_rules;
};

static int parse_option(struct run_cli *c, int opt, const char *arg)
{
	struct sw_err err;
	long v;

	switch (opt) {
	case OPT_PROFILE: {
		struct sw_strbuf skipped;
		int rc;

		sw_strbuf_init(&skipped);
		rc = run_profile_load(&c->policy, arg, &skipped, &err);
		if (rc == 0 && skipped.len)
			warning("%s: syscalls this system does not know, skipped: %s", arg, sw_strbuf_str(&skipped));
		sw_strbuf_release(&skipped);
		if (rc < 0)
			return error("invalid --profile: %s", err.msg);
		c->have_rules = true;
		return 0;
	}
	case OPT_SUPERVISE:
		c->have_rules = true;
		if (sup_rule_parse(&c->sup, &c->policy, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_RECORD_PROFILE:
		c->record_path = arg;
		return 0;
	case OPT_DENY:
		c->have_rules = true;
		if (run_policy_deny(&c->policy, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_ALLOW:
		c->have_rules = true;
		if (run_policy_allow(&c->policy, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_DEFAULT_ACTION:
		if (run_action_parse(arg, true, &c->policy.dflt, &err) < 0)
			return error("invalid --default-action '%s': %s", arg, err.msg);
		c->policy.dflt_given = true;
		return 0;
	case OPT_JSON:
		c->json = true;
		return 0;
	case OPT_SHOWN:
		if (sw_parse_long(arg, 0, 10000, &v) < 0)
			return error("invalid --shown '%s': expected a number (0 to 10000)", arg);
		c->ro.max_shown = (unsigned)v;
		return 0;
	case OPT_NO_COUNT:
		c->ro.count = false;
		return 0;
	case 'o':
		c->out_path = arg;
		return 0;
	case 's':
		if (sw_parse_long(arg, 0, 1 << 20, &v) < 0)
			return error("invalid -s '%s': expected a number of bytes (0 to %d)", arg, 1 << 20);
		c->ro.strlimit = (unsigned)v;
		return 0;
	}
	return error("run: unknown option");
}

/* The calls after which the supervisor's shortcuts no longer hold are
 * handed to it too, unless the policy ends them in the kernel (kill, trap):
 * then the shortcuts are given up from the start. */
static void watch_calls(struct run_cli *c)
{
	struct sw_sysset ident, root;

	sup_watch_calls(&ident, &root);
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		bool in_kernel = false, named = false;

		if (!sw_sysset_has(&ident, nr) && !sw_sysset_has(&root, nr))
			continue;
		for (size_t i = 0; i < c->policy.nentries; i++) {
			named |= c->policy.entry[i].nr == nr;
			in_kernel |= c->policy.entry[i].nr == nr && c->policy.entry[i].act.kind >= RUN_TRAP;
		}
		if (!named && c->policy.dflt.kind >= RUN_TRAP)
			continue; /* never made: the default action ends it */
		if (!in_kernel)
			sw_sysset_add(&c->policy.notify_also, nr);
		else if (sw_sysset_has(&ident, nr))
			c->sup.ident_differs = true;
		else
			c->sup.root_differs = c->sup.cwd_differs = true;
	}
	/* An open's descriptor is handed over with the caller held on the
	 * supervisor's CPU for a moment (src/run/decide.c). Its own reading or
	 * setting of a CPU mask waits for the supervisor, which answers calls
	 * one at a time and has put the mask back by then. */
	if (sw_sysset_has(&c->sup.calls, SYS_openat)) {
		sw_sysset_add(&c->policy.notify_also, SYS_sched_getaffinity);
		sw_sysset_add(&c->policy.notify_also, SYS_sched_setaffinity);
	}
}

static int parse_args(struct run_cli *c, int argc, char **argv)
{
	int opt;

	c->ro.count = true;
	c->ro.max_shown = DEFAULT_SHOWN;
	c->ro.strlimit = SW_DEFAULT_STRLIMIT;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+:ho:s:", long_options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			exit(0);
		case '?':
		case ':':
			return sw_cli_bad_option("run", opt, argv);
		default:
			if (parse_option(c, opt, optarg) < 0)
				return -1;
		}
	}
	if (optind >= argc)
		return error("run: nothing to run: give a command after '--'");
	c->ro.argv = argv + optind;
	if (c->record_path && (c->have_rules || c->policy.dflt_given))
		return error("run: --record-profile runs the command without a policy: it cannot go with "
				   "--deny, --allow, --default-action or --profile");
	if (c->sup.n && !c->ro.count)
		return error("run: --supervise needs syswatch to answer calls: it cannot go with --no-count");
	run_policy_finish(&c->policy);
	c->policy.notify_also = c->sup.calls;
	if (c->sup.n)
		watch_calls(c);
	c->ro.policy = &c->policy;
	c->ro.sup = c->sup.n ? &c->sup : NULL;
	return 0;
}

static const char *rule_name(const struct run_policy *p, int rule)
{
	return rule == RUN_RULE_DEFAULT ? "default" : p->rule[rule].spec;
}

static const struct run_action *rule_action(const struct run_policy *p, int rule)
{
	return rule == RUN_RULE_DEFAULT ? &p->dflt : &p->rule[rule].act;
}

static void text_summary(FILE *f, const struct run_cli *c, const struct run_result *res)
{
	const struct run_policy *p = &c->policy;
	bool any = false;
	char abuf[64];

	fprintf(f, "syswatch run: %s ", c->ro.argv[0]);
	if (WIFSIGNALED(res->status))
		fprintf(f, "killed by %s\n", sw_signal_name(WTERMSIG(res->status)) ?: "a signal");
	else
		fprintf(f, "exited with %d\n", res->exit_code);
	if (!res->counted) {
		fprintf(f, "not counted: %s\n", res->why_uncounted);
		return;
	}
	for (int rule = RUN_RULE_DEFAULT; rule < (int)p->nrules; rule++) {
		const uint64_t *cnt = res->count ? res->count[rule + 1] : NULL;

		for (int nr = 0; cnt && nr < SW_NR_MAX; nr++) {
			if (!cnt[nr])
				continue;
			if (!any)
				fprintf(f, "%10s  %-16s %-14s %s\n", "calls", "syscall", "action", "rule");
			any = true;
			fprintf(f, "%10llu  %-16s %-14s %s\n", (unsigned long long)cnt[nr], sw_syscall_name(nr) ?: "?",
				run_action_str(rule_action(p, rule), abuf, sizeof(abuf)), rule_name(p, rule));
		}
	}
	if (!any)
		fprintf(f, "no rule acted (counted by seccomp user notification%s)\n",
			res->signals_counted ? " and eBPF" : "");
	if (res->signals_asked && !res->signals_counted)
		fprintf(f, "kill and trap actions not counted: %s\n", res->why_signals);
	if (res->nshown)
		fprintf(f, "first denied calls:\n");
	for (unsigned i = 0; i < res->nshown; i++)
		fprintf(f, "  [pid %d] %s\n", res->shown[i].tid, res->shown[i].text);
}

static void json_str(struct sw_strbuf *sb, const char *s)
{
	sw_json_string(sb, s, strlen(s));
}

static void json_summary(FILE *f, const struct run_cli *c, const struct run_result *res)
{
	const struct run_policy *p = &c->policy;
	struct sw_strbuf sb;
	char abuf[64];

	sw_strbuf_init(&sb);
	sw_strbuf_puts(&sb, "{\"command\":");
	json_str(&sb, c->ro.argv[0]);
	sw_strbuf_printf(&sb, ",\"exit_code\":%d,\"signal\":", res->exit_code);
	if (WIFSIGNALED(res->status))
		json_str(&sb, sw_signal_name(WTERMSIG(res->status)) ?: "?");
	else
		sw_strbuf_puts(&sb, "null");
	sw_strbuf_printf(&sb, ",\"counted\":%s,\"counted_by\":", res->counted ? "true" : "false");
	if (res->counted) {
		json_str(&sb, res->signals_counted ? "seccomp_user_notif+ebpf" : "seccomp_user_notif");
		if (res->signals_asked && !res->signals_counted) {
			sw_strbuf_puts(&sb, ",\"uncounted_actions\":[\"kill\",\"trap\"],\"why_uncounted\":");
			json_str(&sb, res->why_signals);
		}
	} else {
		sw_strbuf_puts(&sb, "null,\"why_uncounted\":");
		json_str(&sb, res->why_uncounted);
	}
	sw_strbuf_puts(&sb, ",\"rules\":[");
	for (int rule = RUN_RULE_DEFAULT; rule < (int)p->nrules; rule++) {
		const uint64_t *cnt = res->count ? res->count[rule + 1] : NULL;
		uint64_t total = 0;
		bool first = true;

		sw_strbuf_puts(&sb, rule == RUN_RULE_DEFAULT ? "{\"rule\":" : ",{\"rule\":");
		json_str(&sb, rule_name(p, rule));
		sw_strbuf_puts(&sb, ",\"action\":");
		json_str(&sb, run_action_str(rule_action(p, rule), abuf, sizeof(abuf)));
		sw_strbuf_puts(&sb, ",\"calls\":{");
		for (int nr = 0; cnt && nr < SW_NR_MAX; nr++) {
			if (!cnt[nr])
				continue;
			sw_strbuf_puts(&sb, first ? "" : ",");
			json_str(&sb, sw_syscall_name(nr) ?: "?");
			sw_strbuf_printf(&sb, ":%llu", (unsigned long long)cnt[nr]);
			total += cnt[nr];
			first = false;
		}
		sw_strbuf_printf(&sb, "},\"total\":%llu}", (unsigned long long)total);
	}
	sw_strbuf_puts(&sb, "],\"denied\":[");
	for (unsigned i = 0; i < res->nshown; i++) {
		sw_strbuf_printf(&sb, "%s{\"tid\":%d,\"rule\":", i ? "," : "", res->shown[i].tid);
		json_str(&sb, rule_name(p, res->shown[i].rule));
		sw_strbuf_puts(&sb, ",\"text\":");
		json_str(&sb, res->shown[i].text);
		sw_strbuf_puts(&sb, "}");
	}
	sw_strbuf_puts(&sb, "]}\n");
	fputs(sw_strbuf_str(&sb), f);
	sw_strbuf_release(&sb);
}

int cmd_run(int argc, char **argv)
{
	struct run_cli c;
	struct run_result res = { 0 };
	struct sigaction sa = { .sa_handler = on_stop_signal };
	struct sw_err err;
	FILE *out = stderr;
	int rc;

	memset(&c, 0, sizeof(c));
	if (parse_args(&c, argc, argv) < 0) {
		run_policy_free(&c.policy);
		sup_rules_free(&c.sup);
		return EXIT_USAGE;
	}
	if (c.out_path && !(out = fopen(c.out_path, "we"))) {
		error("cannot open '%s': %s", c.out_path, strerror(errno));
		run_policy_free(&c.policy);
		return EXIT_USAGE;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	c.ro.stop = &stop_requested;
	if (c.record_path && !(out = fopen(c.record_path, "we"))) {
		error("cannot write '%s': %s", c.record_path, strerror(errno));
		run_policy_free(&c.policy);
		return EXIT_USAGE;
	} else if (c.record_path) {
		fclose(out);
		out = stderr;
	}
	if (c.record_path) {
		if (run_record(c.ro.argv, c.record_path, &stop_requested, &rc, &err) < 0)
			error("%s", err.msg);
	} else if (run_command(&c.ro, &res, &err) < 0) {
		error("%s", err.msg);
		rc = res.exit_code;
	} else {
		if (c.json)
			json_summary(out, &c, &res);
		else
			text_summary(out, &c, &res);
		rc = res.exit_code;
	}
	if (out != stderr)
		fclose(out);
	run_result_free(&res);
	run_policy_free(&c.policy);
	sup_rules_free(&c.sup);
	return rc;
}
