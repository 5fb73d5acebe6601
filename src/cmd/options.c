// SPDX-License-Identifier: GPL-2.0-only
/* The options trace, stat and verify share (see options.h). */
#include "cmd/options.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>

#include "engine/ptrace/ptrace.h"
#include "resolve/resolve.h"
#include "util/error.h"

static int parse_set(struct sw_cli_common *c, const char *expr, struct sw_err *err)
{
	struct sw_sysset set;
	struct sw_err why = { 0 };

	if (sw_sysset_parse(&set, expr, &why) < 0)
		return sw_err_set(err, "invalid -e trace='%s': %s", expr, why.msg);
	if (!c->set_seen)
		sw_sysset_clear(&c->eo->set);
	for (size_t i = 0; i < SW_NR_MAX / 64; i++)
		c->eo->set.bits[i] |= set.bits[i];
	c->set_seen = true;
	c->eo->set_given = true;
	return 0;
}

static int parse_inject(struct sw_cli_common *c, const char *spec, bool fault, struct sw_err *err)
{
	if ((fault ? sw_fault_parse : sw_inject_parse)(spec, c->eo->inject, &c->eo->ninject, SW_MAX_INJECT, err) < 0)
		return -1;
	c->ptrace_only = fault ? "-e fault=" : "--inject";
	return 0;
}

static int parse_quiet(struct sw_cli_common *c, const char *set, struct sw_err *err)
{
	if (c->q_count)
		return sw_err_set(err, "-q and -e quiet/--quiet cannot be provided simultaneously");
	c->quiet_given = true;
	return sw_filter_parse_quiet(c->filt, set, err);
}

/* -e raw=, verbose=, abbrev=: a syscall set, in trace='s syntax. */
static int parse_decode_set(struct sw_sysset *set, bool *given, const char *what, const char *expr,
			    struct sw_err *err)
{
	struct sw_err why = { 0 };

	if (sw_sysset_parse(set, expr, &why) < 0)
		return sw_err_set(err, "invalid -e %s='%s': %s", what, expr, why.msg);
	*given = true;
	return 0;
}

/* The qualifier's name: strace's and its short forms. */
static bool is_qualifier(const char *arg, size_t len, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == len && strncmp(arg, *names, len) == 0)
			return true;
	return false;
}

int sw_cli_expr(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	static const char *const trace_q[] = { "trace", "t", NULL };
	static const char *const status_q[] = { "status", NULL };
	static const char *const signal_q[] = { "signal", "signals", "s", NULL };
	static const char *const quiet_q[] = { "quiet", "silent", "silence", "q", NULL };
	static const char *const read_q[] = { "read", "reads", "r", NULL };
	static const char *const raw_q[] = { "raw", "x", NULL };
	static const char *const verbose_q[] = { "verbose", "v", NULL };
	static const char *const abbrev_q[] = { "abbrev", "a", NULL };
	static const char *const write_q[] = { "write", "writes", "w", NULL };
	const char *eq = strchr(arg, '=');
	size_t len;

	if (!eq)
		return parse_set(c, arg, err);
	len = (size_t)(eq - arg);
	if (is_qualifier(arg, len, trace_q))
		return parse_set(c, eq + 1, err);
	if (len == 6 && strncmp(arg, "inject", 6) == 0)
		return parse_inject(c, eq + 1, false, err);
	if (len == 5 && strncmp(arg, "fault", 5) == 0)
		return parse_inject(c, eq + 1, true, err);
	if (is_qualifier(arg, len, status_q))
		return sw_filter_parse_status(c->filt, eq + 1, err);
	if (is_qualifier(arg, len, signal_q))
		return sw_filter_parse_signals(c->filt, eq + 1, err);
	if (is_qualifier(arg, len, quiet_q))
		return parse_quiet(c, eq + 1, err);
	if (is_qualifier(arg, len, raw_q))
		return parse_decode_set(&c->raw, &c->raw_given, "raw", eq + 1, err);
	if (is_qualifier(arg, len, verbose_q))
		return parse_decode_set(&c->verbose, &c->verbose_given, "verbose", eq + 1, err);
	if (is_qualifier(arg, len, abbrev_q))
		return parse_decode_set(&c->abbrev, &c->abbrev_given, "abbrev", eq + 1, err);
	if (is_qualifier(arg, len, read_q))
		return sw_filter_parse_fds(&c->filt->dump_read, "read", eq + 1, err);
	if (is_qualifier(arg, len, write_q))
		return sw_filter_parse_fds(&c->filt->dump_write, "write", eq + 1, err);
	if (len == 10 && strncmp(arg, "decode-fds", 10) == 0)
		return sw_cli_decode_fds(c, eq + 1, err);
	if (len == 3 && strncmp(arg, "kvm", 3) == 0)
		return sw_err_set(err, "-e %s is not supported: syswatch does not decode KVM vcpu exits", arg);
	return sw_err_set(err, "unsupported -e '%s' (trace=, status=, signal=, quiet=, raw=, verbose=, abbrev=, "
			  "read=, write=, decode-fds=, inject= and fault= are supported)", arg);
}

int sw_cli_y(struct sw_cli_common *c, struct sw_err *err)
{
	if (c->decode_fds_given)
		return sw_err_set(err, "-y and --decode-fds cannot be provided simultaneously");
	c->fd_show = c->fd_show ? SW_FDD_ALL : SW_FDD_PATH;
	return 0;
}

int sw_cli_decode_fds(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	static const struct {
		const char *name;
		unsigned bit;
	} kinds[] = {
		{ "path", SW_FDD_PATH }, { "socket", SW_FDD_SOCKET }, { "dev", SW_FDD_DEV },
		{ "pidfd", SW_FDD_PIDFD }, { "all", SW_FDD_ALL }, { "none", 0 },
	};
	const char *set = arg && *arg == '!' ? arg + 1 : arg;
	unsigned mask = 0;
	char *copy, *save = NULL;
	int rc = 0;

	if (c->fd_show && !c->decode_fds_given)
		return sw_err_set(err, "-y and --decode-fds cannot be provided simultaneously");
	if (!arg) {
		mask = SW_FDD_PATH;
	} else {
		copy = sw_xstrdup(set);
		for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
			size_t i = 0;

			while (i < sizeof(kinds) / sizeof(kinds[0]) && strcmp(t, kinds[i].name) != 0)
				i++;
			if (i == sizeof(kinds) / sizeof(kinds[0]))
				rc = -1;
			else
				mask |= kinds[i].bit;
		}
		free(copy);
		if (rc || !*set)
			return sw_err_set(err, "invalid decode-fds '%s' (path, socket, dev, pidfd, all or none)", arg);
		if (set != arg)
			mask = SW_FDD_ALL & ~mask;
	}
	c->decode_fds_given = true;
	c->fd_show = (uint8_t)mask;
	return 0;
}

int sw_cli_quiet_flag(struct sw_cli_common *c, struct sw_err *err)
{
	if (c->quiet_given)
		return sw_err_set(err, "-q and -e quiet/--quiet cannot be provided simultaneously");
	c->q_count++;
	/* -q: attach, personality; -qq: and exit; -qqq: all */
	c->filt->quiet = c->q_count >= 3 ? SW_QUIET_ALL
		       : SW_QUIET_ATTACH | SW_QUIET_PERSONALITY | (c->q_count == 2 ? SW_QUIET_EXIT : 0);
	return 0;
}

void sw_cli_status_only(struct sw_cli_common *c, bool failed)
{
	if (c->status_only_seen)
		warning("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
			"See status qualifier for more complex filters.");
	c->status_only_seen = true;
	c->filt->status_hide = (uint8_t)(SW_STATUS_ALL & ~(failed ? SW_STATUS_FAILED : SW_STATUS_SUCCESSFUL));
}

/* strace's words for -S, aliases included */
static const struct {
	const char *name;
	enum sw_stats_sort by;
} sort_words[] = {
	{ "time", SW_SORT_TIME }, { "time_total", SW_SORT_TIME }, { "total_time", SW_SORT_TIME },
	{ "calls", SW_SORT_CALLS }, { "count", SW_SORT_CALLS },
	{ "errors", SW_SORT_ERRORS }, { "error", SW_SORT_ERRORS },
	{ "name", SW_SORT_NAME }, { "syscall", SW_SORT_NAME }, { "syscall_name", SW_SORT_NAME },
	{ "nothing", SW_SORT_NONE }, { "none", SW_SORT_NONE },
	{ "min_time", SW_SORT_MIN }, { "time_min", SW_SORT_MIN }, { "shortest", SW_SORT_MIN },
	{ "max_time", SW_SORT_MAX }, { "time_max", SW_SORT_MAX }, { "longest", SW_SORT_MAX },
	{ "avg_time", SW_SORT_AVG }, { "time_avg", SW_SORT_AVG },
};

int sw_cli_sort(const char *arg, enum sw_stats_sort *by, struct sw_err *err)
{
	char word[32];
	size_t len = strlen(arg);

	if (len >= sizeof(word))
		return sw_err_set(err, "invalid sortby: '%s' (-S/--sort: too long)", arg);
	/* strace takes min-time and min_time alike */
	for (size_t i = 0; i <= len; i++)
		word[i] = arg[i] == '-' ? '_' : arg[i];
	for (size_t i = 0; i < sizeof(sort_words) / sizeof(sort_words[0]); i++)
		if (strcmp(word, sort_words[i].name) == 0) {
			*by = sort_words[i].by;
			return 0;
		}
	return sw_err_set(err, "invalid sortby: '%s' (-S/--sort: time, min-time, max-time, avg-time, calls, errors, "
			  "name or nothing)", arg);
}

int sw_cli_columns(const char *arg, struct sw_summary_columns *cols, struct sw_err *err)
{
	return sw_summary_columns_parse(arg, cols, err);
}

int sw_cli_check_summary(const struct sw_summary_opts *so, bool no_latency, struct sw_err *err)
{
	bool timed_sort = so->sort == SW_SORT_MIN || so->sort == SW_SORT_MAX || so->sort == SW_SORT_AVG;

	if (no_latency && (sw_summary_columns_timed(&so->cols) || timed_sort))
		return sw_err_set(err, "-U/-S with times need latency: not with --no-latency");
	return 0;
}

/* The entry of the -E environment for NAME (len bytes), or nenv. */
static size_t env_find(const struct sw_cli_common *c, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < c->nenv; i++)
		if (strncmp(c->env[i], name, len) == 0 && c->env[i][len] == '=')
			break;
	return i;
}

int sw_cli_env(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	extern char **environ;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg), i;

	if (len == 0)
		return sw_err_set(err, "invalid -E '%s': expected VAR=VAL or VAR", arg);
	if (!c->env) {
		for (char **p = environ; *p; p++)
			c->nenv++;
		c->env = sw_xcalloc(c->nenv + 1, sizeof(*c->env));
		for (i = 0; i < c->nenv; i++)
			c->env[i] = sw_xstrdup(environ[i]);
	}
	i = env_find(c, arg, len);
	if (i < c->nenv) {
		free(c->env[i]);
		c->env[i] = c->env[--c->nenv];
		c->env[c->nenv] = NULL;
	}
	if (eq) {
		c->env = sw_xrealloc(c->env, (c->nenv + 2) * sizeof(*c->env));
		c->env[c->nenv++] = sw_xstrdup(arg);
		c->env[c->nenv] = NULL;
	}
	c->eo->envp = c->env;
	return 0;
}

int sw_cli_user(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	struct passwd *pw = getpwnam(arg);

	if (!pw)
		return sw_err_set(err, "Cannot find user '%s'", arg);
	if (geteuid() != 0)
		return sw_err_set(err, "-u %s: changing the command's user needs root", arg);
	c->eo->run_user = arg;
	c->eo->run_uid = pw->pw_uid;
	c->eo->run_gid = pw->pw_gid;
	return 0;
}

int sw_cli_check_launch(const struct sw_cli_common *c, struct sw_err *err)
{
	if ((c->eo->run_user || c->eo->envp) && !c->eo->argv)
		return sw_err_set(err, "-u and -E apply to a command syswatch starts, not to -p or -a");
	return 0;
}

void sw_cli_release(struct sw_cli_common *c)
{
	if (c->eo) {
		sw_inject_release(c->eo->inject, c->eo->ninject);
		c->eo->ninject = 0;
	}
	for (size_t i = 0; i < c->nenv; i++)
		free(c->env[i]);
	free(c->env);
	c->env = NULL;
	c->nenv = 0;
	if (c->eo)
		c->eo->envp = NULL;
}

/* ---- the engine ------------------------------------------------------------- */

#define MAX_BUFFER_SIZE (1ull << 30) /* --buffer-size: the ebpf engine's largest ring buffer */

void sw_cli_init(struct sw_cli_common *c, struct sw_engine_opts *eo, struct sw_output_filter *filt)
{
	c->eo = eo;
	c->filt = filt;
	c->engine = "auto";
	eo->uid = -1;
}

int sw_cli_buffer_size(const char *arg, uint64_t *out, struct sw_err *err)
{
	if (sw_parse_size(arg, out) < 0)
		return sw_err_set(err, "invalid --buffer-size '%s': expected bytes, with k, m or g", arg);
	if (*out > MAX_BUFFER_SIZE)
		return sw_err_set(err, "invalid --buffer-size '%s': at most 1g", arg);
	return 0;
}

static int parse_pin_cpu(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	long v;

	c->eo->pin_cpu = true;
	c->ptrace_only = "--pin-cpu";
	if (!arg) {
		int cpu = sched_getcpu();

		c->eo->pin_cpu_nr = cpu >= 0 ? cpu : 0;
	} else if (sw_parse_long(arg, 0, CPU_SETSIZE - 1, &v) < 0) {
		return sw_err_set(err, "invalid --pin-cpu '%s': expected a cpu number", arg);
	} else {
		c->eo->pin_cpu_nr = (int)v;
	}
	return 0;
}

int sw_cli_engine_option(struct sw_cli_common *c, int opt, const char *arg, struct sw_err *err)
{
	struct sw_engine_opts *eo = c->eo;
	long v;

	switch (opt) {
	case SW_CLI_ENGINE:
		if (strcmp(arg, "auto") && !sw_engine_by_name(arg))
			return sw_err_set(err, "unknown engine '%s' (ptrace, ebpf or auto)", arg);
		c->engine = arg;
		return 0;
	case SW_CLI_UID:
		if (sw_parse_uid(arg, &eo->uid) < 0)
			return sw_err_set(err, "invalid --uid '%s': no such user", arg);
		return 0;
	case SW_CLI_COMM:
		if (!*arg || strlen(arg) >= SW_COMM_LEN)
			return sw_err_set(err, "invalid --comm '%s': 1 to %d characters", arg, SW_COMM_LEN - 1);
		strcpy(eo->comm, arg);
		return 0;
	case SW_CLI_SAMPLE:
		if (sw_parse_long(arg, 1, UINT32_MAX, &v) < 0)
			return sw_err_set(err, "invalid --sample '%s': expected a number >= 1", arg);
		eo->sample = (uint32_t)v;
		return 0;
	case SW_CLI_BUFFER_SIZE:
		return sw_cli_buffer_size(arg, &eo->buffer_size, err);
	case SW_CLI_PIN_CPU:
		return parse_pin_cpu(c, arg, err);
	case SW_CLI_NO_SECCOMP:
		eo->no_seccomp = true;
		c->ptrace_only = "--no-seccomp";
		return 0;
	case SW_CLI_VERBOSE:
		eo->verbose++;
		return 0;
	}
	return sw_err_set(err, "unknown option");
}

int sw_cli_pids(struct sw_cli_common *c, const char *arg, struct sw_err *err)
{
	char *copy = sw_xstrdup(arg), *rest = copy, *p;
	int rc = 0;

	/* strsep, not strtok: "1,,2" has an empty pid, which is an error */
	while (!rc && (p = strsep(&rest, ","))) {
		long pid;

		if (sw_parse_long(p, 1, INT_MAX, &pid) < 0)
			rc = sw_err_set(err, "invalid pid '%s' in -p '%s'", p, arg);
		else if (c->eo->npids >= SW_MAX_PIDS)
			rc = sw_err_set(err, "too many pids (at most %d)", SW_MAX_PIDS);
		else
			c->eo->pids[c->eo->npids++] = (pid_t)pid;
	}
	free(copy);
	return rc;
}

int sw_cli_check_engine(const struct sw_cli_common *c, struct sw_err *err)
{
	if (c->ptrace_only && strcmp(c->engine, "ebpf") == 0)
		return sw_err_set(err, "%s needs the ptrace engine", c->ptrace_only);
	return 0;
}

/* Opens ops with the options, less those the front end does itself when
 * the engine cannot. */
static int open_one(const struct sw_engine_ops *ops, const struct sw_engine_opts *eo, unsigned self_caps,
		    struct sw_engine **e, struct sw_err *err)
{
	struct sw_engine_opts o = *eo;

	if (self_caps & ~ops->caps & SW_ENGINE_CAN_FILTER_USER) {
		o.uid = -1;
		o.comm[0] = '\0';
	}
	return ops->open(e, &o, err);
}

int sw_cli_open_engine(const struct sw_cli_common *c, unsigned self_caps, struct sw_engine **e)
{
	const struct sw_engine_ops *order[] = { sw_engine_ebpf_ops, &sw_engine_ptrace };
	unsigned need = sw_engine_needs(c->eo) & ~self_caps;
	struct sw_err err = { 0 };
	char why[SW_ERR_MAX] = "";

	if (strcmp(c->engine, "auto") != 0) {
		const struct sw_engine_ops *ops = sw_engine_by_name(c->engine);

		if (!ops)
			return error("the %s engine is not available: this syswatch was built without it", c->engine);
		if (open_one(ops, c->eo, self_caps, e, &err) < 0)
			return error("%s", err.msg);
		return 0;
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const struct sw_engine_ops *ops = order[i];

		if (!ops) {
			snprintf(why, sizeof(why), "this syswatch was built without the ebpf engine");
			continue;
		}
		if ((ops->caps & need) != need)
			continue;
		if (*why)
			warning("using the %s engine: %s", ops->name, why);
		if (open_one(ops, c->eo, self_caps, e, &err) == 0)
			return 0;
		if (*why)
			return error("%s", err.msg);
		snprintf(why, sizeof(why), "%s", err.msg);
	}
	if (!sw_engine_ebpf_ops && *why)
		return error("the ebpf engine is not available: this syswatch was built without it");
	if (*why)
		return error("%s", why);
	/* no engine has all that is asked: the last one says what it lacks */
	if (open_one(order[1], c->eo, self_caps, e, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

int sw_cli_bad_option(const char *cmd, int opt, char *const *argv)
{
	const char *arg = argv[optind - 1];
	bool short_opt = optopt && optopt < 256 && strncmp(arg, "--", 2) != 0;

	if (opt == ':')
		return short_opt ? error("%s: option '-%c' needs a value", cmd, optopt)
				 : error("%s: option '%s' needs a value", cmd, arg);
	return short_opt ? error("%s: unknown option '-%c' (see 'syswatch %s --help')", cmd, optopt, cmd)
			 : error("%s: unknown option '%s' (see 'syswatch %s --help')", cmd, arg, cmd);
}

static volatile sig_atomic_t *stop_flag;
static volatile sig_atomic_t stop_alarm;

static void on_stop_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (*stop_flag)
		*stop_flag = SIGKILL;
	else
		*stop_flag = si && si->si_code == SI_KERNEL ? -sig : sig;
	if (stop_alarm)
		alarm(1);
}

void sw_cli_stop_signals(volatile sig_atomic_t *flag, bool alarm_each)
{
	struct sigaction sa;

	stop_flag = flag;
	stop_alarm = alarm_each;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_stop_signal;
	sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: a signal ends the engine's wait */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int sw_cli_poll(struct sw_engine *e, int timeout_ms, sw_event_cb cb, void *ctx)
{
	struct sw_err err = { "", 0 };
	int rc = e->ops->poll(e, timeout_ms, cb, ctx, &err);

	return rc < 0 ? error("%s", err.msg) : rc;
}
