// SPDX-License-Identifier: GPL-2.0-only
/* syswatch stat: counts syscalls, errors and time per syscall and per process,
 * and prints strace -c's table (or a system-wide report, or JSON), once at the
 * end or every --interval.
 *
 * With the ebpf engine the counting happens in the kernel (opts.aggregate:
 * per-CPU maps, read through sw_engine_ops.snapshot); with ptrace, the events
 * the engine delivers are added here with sw_stats_add_event. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "core/stats.h"
#include "engine/engine.h"
#include "engine/ptrace/ptrace.h"
#include "output/summary.h"
#include "util/error.h"
#include "util/launch.h"
#include "util/stopwrite.h"
#include "util/strbuf.h"
#include "util/proc.h"

#define EXIT_USAGE 2
#define EXIT_NOT_FOUND 127
#define STOP_GRACE_NS (10 * NS_PER_SEC) /* how long an engine may take to wind down */
#define NS_PER_SEC 1000000000ull
#define MAX_SECONDS 10000000ull         /* --duration/--interval: about 115 days */
#define SYSTEM_WIDE_TOP_PROCS 10        /* process rows of the system-wide report without --top */

/* First signal: stop (detach, or end the command); a second one: kill
 * (sw_cli_stop_signals). From then on SIGALRM comes every second: a write
 * that blocks (a pipe or terminal nobody reads) returns, and gives up
 * (util/stopwrite.h). */
static volatile sig_atomic_t stop_requested;

static void on_alarm(int sig)
{
	(void)sig;
	alarm(1);
}

enum {
	OPT_JSON = 256,
	OPT_DURATION,
	OPT_INTERVAL,
	OPT_TOP,
	OPT_PER_PROCESS,
	OPT_HISTOGRAM,
	OPT_SORT,
	OPT_NO_LATENCY,
	OPT_INJECT,
};

static const struct option long_options[] = {
	SW_CLI_LONG_ENGINE_OPTIONS,
	{ "json", no_argument, NULL, OPT_JSON },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "per-process", no_argument, NULL, OPT_PER_PROCESS },
	{ "histogram", no_argument, NULL, OPT_HISTOGRAM },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "no-latency", no_argument, NULL, OPT_NO_LATENCY },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "verbose", no_argument, NULL, SW_CLI_VERBOSE },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' }, /* trace -c --summary: refused, as strace does */
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Short options; -c (trace -c) and -w (strace -c -w) are accepted and change
 * nothing; -z, -Z and -q only change what trace shows (strace -c counts every
 * call whatever they say). trace's output options -i, -r, -t, -T, -y, -n, -x,
 * -v and -X are taken as strace -c takes them: said to do nothing where
 * strace says so. */
#define SHORT_OPTIONS "+:hcCwkDfp:e:o:aS:U:s:zZqirtTynxvX:"

static void usage(FILE *f)
{
	fputs("usage: syswatch stat [OPTIONS] (-- CMD [ARG...] | -p PID[,PID...] | -a)\n"
	      "\n"
	      "Counts the syscalls of a command, of running processes or of the whole\n"
	      "system and prints, per syscall, the share of time, the seconds, the\n"
	      "microseconds per call, the calls and the errors, in strace -c's layout\n"
	      "(to stderr unless -o). 'syswatch trace -c' is the same command.\n"
	      "\n"
	      "  --engine ptrace|ebpf|auto  interception engine (default auto: ebpf when usable);\n"
	      "                     ebpf counts in the kernel, ptrace counts each event here\n"
	      "  -f                 follow children and threads\n"
	      "  -p PID[,PID...]    attach to running processes (all their threads); repeatable\n"
	      "  -a                 the whole system (ebpf); adds totals, processes seen,\n"
	      "                     the most active processes and events lost\n"
	      "  -e trace=SET       only these syscalls (strace syntax: names, %file, %network,\n"
	      "                     %process, %signal, %memory, %desc, !negation); also -e SET\n"
	      "  --uid UID|NAME     only this user's processes\n"
	      "  --comm NAME        only processes with this name\n"
	      "  --duration SEC     stop after SEC seconds (detach; a command is ended)\n"
	      "  --interval SEC     print a table every SEC seconds, each for its interval\n"
	      "  --top N            only the N first syscalls (and processes) of each table\n"
	      "  --per-process      add a table of processes (pid, comm, calls, errors, time)\n"
	      "  --histogram        add a log2 histogram of durations per syscall\n"
	      "  --sort time|calls|errors|name  row order (default time; also -S)\n"
	      "  -S min-time|max-time|avg-time|nothing  more orders, and strace's aliases\n"
	      "  -U COL,COL...      the columns, in this order: time-percent, total-time,\n"
	      "                     min-time, max-time, avg-time, calls, errors, name\n"
	      "  --no-latency       count calls only: cheaper (ebpf: one program, at sys_enter)\n"
	      "  --json             one JSON object per table: per syscall name, nr, calls,\n"
	      "                     errors, total_ns, max_ns (and hist), totals, processes, lost\n"
	      "  -o FILE            write the tables to FILE ('-': standard output)\n"
	      "  --inject SPEC      fault injection, as for trace (ptrace)\n"
	      "  --pin-cpu[=N]      run syswatch and the command on one CPU (ptrace; faster)\n"
	      "  --no-seccomp       stop at every syscall even with -e trace=SET (ptrace)\n"
	      "  --verbose          say which engine runs and how\n"
	      "\n"
	      "trace's output options (-i, -r, -t, -T, -y, -n, -x, -v, -X STYLE) are taken\n"
	      "as strace -c takes them: they change nothing in a table.\n"
	      "\n"
	      "Time is wall-clock time from syscall entry to exit as the engine sees it\n"
	      "(like strace -c -w), not the system CPU time strace -c shows by default.\n"
	      "A syscall that never returns (exit_group) is not counted, as in strace -c.\n"
	      "The exit status is the command's (128+N when it was killed by signal N).\n",
	      f);
}

struct stat_cli {
	struct sw_engine_opts eo;
	struct sw_summary_opts so;
	const char *out_path;
	uint64_t duration_ns;
	uint64_t interval_ns;
	bool json;
	struct sw_cli_common com;        /* the options trace, stat and verify share */
	struct sw_output_filter filter;  /* -z, -Z, -q, -e status=/signal=/quiet=: accepted, counts unchanged */
	unsigned fcount;                 /* -f; -ff (one file per process) has no table to split */
	unsigned said;                   /* the trace options already said to do nothing (bit per letter) */
};

/* trace -c -i and the like: strace's words, once per option */
static void no_effect(struct stat_cli *c, int opt)
{
	static const char letters[] = "irtTyn";
	static const char *const names[] = {
		"--instruction-pointer", "--relative-timestamps", "--absolute-timestamps",
		"--syscall-times", "--decode-fds", "--syscall-number",
	};
	unsigned i = (unsigned)(strchr(letters, opt) - letters);

	if (c->said & (1u << i))
		return;
	c->said |= 1u << i;
	warning("-%c/%s has no effect with -c/--summary-only", opt, names[i]);
}

/* A number of seconds > 0: digits with an optional fraction ("1", "0.25"). */
static int parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = NS_PER_SEC;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (uint64_t)(*p - '0');
		if (whole > MAX_SECONDS)
			return -1;
	}
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return -1;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*p - '0') * scale;
			}
		}
	}
	if (*p)
		return -1;
	*ns = whole * NS_PER_SEC + frac;
	return *ns ? 0 : -1;
}

/* -e QUALIFIER=VALUE or -e SET */
static int parse_expr(struct stat_cli *c, const char *arg)
{
	struct sw_err err = { 0 };

	if (sw_cli_expr(&c->com, arg, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

static int parse_sort(struct stat_cli *c, const char *arg)
{
	struct sw_err err = { 0 };

	if (sw_cli_sort(arg, &c->so.sort, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

static int parse_long_option(struct stat_cli *c, int opt, const char *arg)
{
	struct sw_err err = { 0 };
	long v;

	switch (opt) {
	case OPT_JSON:
		c->json = true;
		return 0;
	case OPT_DURATION:
		if (parse_seconds(arg, &c->duration_ns) < 0)
			return error("invalid --duration '%s': expected seconds > 0", arg);
		return 0;
	case OPT_INTERVAL:
		if (parse_seconds(arg, &c->interval_ns) < 0)
			return error("invalid --interval '%s': expected seconds > 0", arg);
		return 0;
	case OPT_TOP:
		if (sw_parse_long(arg, 1, INT_MAX, &v) < 0)
			return error("invalid --top '%s': expected a number >= 1", arg);
		c->so.top = (size_t)v;
		return 0;
	case OPT_PER_PROCESS:
		c->so.per_process = true;
		return 0;
	case OPT_HISTOGRAM:
		c->so.histogram = true;
		return 0;
	case OPT_SORT:
		return parse_sort(c, arg);
	case OPT_NO_LATENCY:
		c->eo.no_latency = true;
		return 0;
	case OPT_INJECT: {
		size_t len = strlen(arg) + sizeof("inject=");
		char *expr = sw_xcalloc(len, 1);
		int rc;

		snprintf(expr, len, "inject=%s", arg);
		rc = parse_expr(c, expr);
		free(expr);
		return rc;
	}
	}
	if (sw_cli_engine_option(&c->com, opt, arg, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

static int parse_short_option(struct stat_cli *c, int opt, const char *arg)
{
	long v;

	switch (opt) {
	case 'c': /* trace -c */
	case 'w': /* strace -c -w: syswatch always measures from entry to exit */
		return 0;
	case 'k': /* trace -c -k: strace says so and goes on */
		warning("-k/--stack-traces has no effect with -c/--summary-only");
		return 0;
	case 'D': /* trace -c -D: the command is the caller's child, the counter a detached grandchild */
		if (++c->eo.daemonize > 3)
			return error("Too many -D's (%u), maximum supported -D count is 3", c->eo.daemonize);
		c->com.ptrace_only = "-D/--daemonize";
		return 0;
	case 'f':
		if (++c->fcount == 2)
			return error("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
		c->eo.follow = true;
		return 0;
	case 'C': /* trace -c -C */
		return error("-c/--summary-only and -C/--summary are mutually exclusive");
	case 'i':
	case 'r':
	case 't':
	case 'T':
	case 'y':
	case 'n':
		no_effect(c, opt);
		return 0;
	case 'x':
	case 'v':
		return 0;
	case 'X':
		if (strcmp(arg, "raw") != 0 && strcmp(arg, "abbrev") != 0 && strcmp(arg, "verbose") != 0)
			return error("invalid -X argument: '%s' (raw, abbrev or verbose)", arg);
		return 0;
	case 'p': {
		struct sw_err err = { 0 };

		if (sw_cli_pids(&c->com, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	}
	case 'e':
		return parse_expr(c, arg);
	case 'o':
		c->out_path = arg;
		return 0;
	case 'a':
		c->eo.system_wide = true;
		return 0;
	case 'S':
		return parse_sort(c, arg);
	case 'U': {
		struct sw_err err = { 0 };

		if (sw_cli_columns(arg, &c->so.cols, &err) < 0)
			return error("%s", err.msg);
		return 0;
	}
	case 'z':
	case 'Z':
		sw_cli_status_only(&c->com, opt == 'Z');
		return 0;
	case 'q': {
		struct sw_err err = { 0 };

		if (sw_cli_quiet_flag(&c->com, &err) < 0)
			return error("%s", err.msg);
		return 0;
	}
	case 's': /* trace's string limit: nothing is printed here, but trace -c may pass it */
		if (sw_parse_long(arg, 0, 1 << 20, &v) < 0)
			return error("invalid -s argument: '%s' (a number of bytes, 0 to %d)", arg, 1 << 20);
		return 0;
	}
	return parse_long_option(c, opt, arg);
}

static int parse_args(struct stat_cli *c, int argc, char **argv)
{
	int opt;
	struct sw_err err = { 0 };

	c->so.sort = SW_SORT_TIME;
	sw_cli_init(&c->com, &c->eo, &c->filter);
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, SHORT_OPTIONS, long_options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
		case '?':
			return sw_cli_bad_option("stat", opt, argv);
		default:
			if (parse_short_option(c, opt, optarg) < 0)
				return -1;
			break;
		}
	}
	if (optind < argc)
		c->eo.argv = argv + optind;
	if (!c->eo.argv && !c->eo.npids && !c->eo.system_wide)
		return error("stat: nothing to count: give a command after '--', -p PID or -a");
	if (!!c->eo.argv + !!c->eo.npids + c->eo.system_wide > 1)
		return error("stat: give a command, -p PID or -a, not several");
	if (c->eo.daemonize && !c->eo.argv)
		return error("PROG [ARGS] must be specified with -D/--daemonize");
	if (sw_cli_check_engine(&c->com, &err) < 0)
		return error("%s", err.msg);
	if (c->so.histogram && c->eo.no_latency)
		return error("--histogram needs latency: not with --no-latency");
	if (sw_cli_check_summary(&c->so, c->eo.no_latency, &err) < 0)
		return error("%s", err.msg);
	if (c->eo.system_wide && strcmp(c->com.engine, "ptrace") == 0)
		return error("-a needs the ebpf engine");
	c->eo.aggregate = true;
	if (c->eo.system_wide) {
		c->so.system_wide = true;
		c->so.top_procs = SYSTEM_WIDE_TOP_PROCS;
	}
	return 0;
}

/* Checks what can be checked before any engine runs, so bad input gives one
 * line and nothing is started; returns the exit status (0: fine), 127/126
 * for a command that cannot be found/run, as shells (and trace) do. */
static int check_targets(const struct stat_cli *c)
{
	char path[PATH_MAX];
	struct sw_err err = { 0 };

	if (c->eo.argv && sw_find_program(c->eo.argv[0], path) < 0) {
		int e = errno;

		error("cannot run '%s': %s", c->eo.argv[0], strerror(e));
		return e == ENOENT ? EXIT_NOT_FOUND : SW_EXIT_CANNOT_RUN;
	}
	for (unsigned i = 0; i < c->eo.npids; i++)
		if (sw_engine_check_pid(c->eo.pids[i], -1, &err) < 0)
			return error("%s", err.msg), 1;
	return 0;
}

/* ---- engines ---------------------------------------------------------------- */

/* ---- counting ----------------------------------------------------------------- */

struct stat_run {
	const struct stat_cli *c;
	struct sw_engine *e;
	struct sw_stats *stats;  /* what the current table covers */
	FILE *out;
	bool user_filter;        /* uid/comm are checked here (ptrace) */
	bool announce;           /* say "process N attached/detached" on stderr */
	uint64_t start_ns;       /* CLOCK_MONOTONIC when the current table began */
	uint64_t lost_seen;      /* the engine's lost count already reported */
	unsigned interval;       /* tables printed so far */
	int write_errno;
	struct sw_stop_write wstop;
};

static int on_event(const struct sw_event *ev, void *ctx)
{
	struct stat_run *r = ctx;
	const struct sw_engine_opts *o = &r->c->eo;

	if (ev->kind != SW_EV_SYSCALL) {
		if (r->announce && (ev->kind == SW_EV_ATTACH || ev->kind == SW_EV_DETACH))
			fprintf(stderr, "syswatch: Process %u %s\n", ev->tid,
				ev->kind == SW_EV_ATTACH ? "attached" : "detached");
		return 0;
	}
	if (o->set_given && !sw_sysset_has(&o->set, ev->nr))
		return 0;
	if (r->user_filter) {
		if (o->uid >= 0 && ev->uid != (uint32_t)o->uid)
			return 0;
		if (o->comm[0] && strncmp(ev->comm, o->comm, SW_COMM_LEN) != 0)
			return 0;
	}
	sw_stats_add_event(r->stats, ev);
	return 0;
}

static const char *scope_of(const struct stat_cli *c, char *buf, size_t size)
{
	size_t len;

	if (c->eo.system_wide)
		return "system-wide";
	if (c->eo.argv) {
		snprintf(buf, size, "command '%s'", c->eo.argv[0]);
		return buf;
	}
	len = (size_t)snprintf(buf, size, "pid");
	for (unsigned i = 0; i < c->eo.npids && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? "," : " ", c->eo.pids[i]);
	return buf;
}

/* Collects what the engine counted since the last table and prints a table. */
static int print_table(struct stat_run *r, bool final)
{
	const struct sw_engine_ops *ops = r->e->ops;
	struct sw_engine_stats st = { 0, 0 };
	struct sw_summary_info info = { 0 };
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_err err = { 0 };
	uint64_t now = sw_now_ns(CLOCK_MONOTONIC);
	char scope[64 + 12 * SW_MAX_PIDS];
	int rc = 0;

	if (ops->snapshot && ops->snapshot(r->e, r->stats, true, &err) < 0)
		rc = error("cannot read the counts: %s", err.msg);
	r->stats->have_latency = !r->c->eo.no_latency;
	/* counted at entry in the engine: whether a call failed is not known */
	r->stats->no_errors = r->c->eo.no_latency && ops->snapshot;
	/* an aggregating engine counts its losses in the snapshot */
	if (ops->stats && !ops->snapshot)
		ops->stats(r->e, &st);
	if (st.lost > r->lost_seen) {
		r->stats->lost += st.lost - r->lost_seen;
		r->lost_seen = st.lost;
	}
	info.engine = ops->name;
	info.scope = scope_of(r->c, scope, sizeof(scope));
	info.elapsed_ns = now - r->start_ns;
	info.end_ns = sw_now_ns(CLOCK_REALTIME);
	info.interval = r->c->interval_ns ? ++r->interval : 0;
	info.final = final;
	if (r->c->json) {
		sw_summary_json(&sb, r->stats, &r->c->so, &info);
		sw_strbuf_putc(&sb, '\n');
	} else {
		if (info.interval > 1)
			sw_strbuf_putc(&sb, '\n');
		sw_summary_report(&sb, r->stats, &r->c->so, &info);
	}
	/* straight to the descriptor: a stop request ends a write nobody reads */
	if (sb.len && sw_stop_write(&r->wstop, fileno(r->out), sb.buf, sb.len, NULL) < 0 && !r->write_errno)
		r->write_errno = errno;
	sw_strbuf_release(&sb);
	sw_stats_reset(r->stats);
	r->start_ns = now;
	return rc;
}

static void install_signals(void)
{
	struct sigaction sa;

	sw_cli_stop_signals(&stop_requested, true);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0; /* no SA_RESTART: a blocked write returns */
	sigaction(SIGALRM, &sa, NULL);
}

/* How long a poll may wait: until the next table or the end. Without either,
 * ptrace waits for its next stop (a signal interrupts it: no SA_RESTART);
 * other engines come back every second to look at the stop flag. */
static int poll_timeout_ms(const struct stat_run *r, uint64_t now, uint64_t next_table, uint64_t end)
{
	uint64_t until = next_table < end ? next_table : end;
	uint64_t ms;

	if (until == UINT64_MAX)
		return r->e->ops->snapshot ? 1000 : -1;
	if (until <= now)
		return 0;
	ms = (until - now + 999999) / 1000000;
	return ms > 1000 ? 1000 : (int)ms;
}

/* Polls the engine until nothing is left to count, the duration ends or a
 * signal says stop; prints a table every interval and one at the end. */
static int run(struct stat_run *r)
{
	const struct stat_cli *c = r->c;
	const struct sw_engine_ops *ops = r->e->ops;
	struct sw_err err = { 0 };
	uint64_t now, next_table = UINT64_MAX, end = UINT64_MAX, stop_at = 0;
	int rc, status = 0;

	if (ops->start(r->e, &err) < 0)
		return error("%s", err.msg), 1;
	r->start_ns = now = sw_now_ns(CLOCK_MONOTONIC);
	if (c->interval_ns)
		next_table = now + c->interval_ns;
	if (c->duration_ns)
		end = now + c->duration_ns;
	for (;;) {
		rc = sw_cli_poll(r->e, poll_timeout_ms(r, now, next_table, end), on_event, r);
		if (rc < 0)
			status = 1;
		if (rc < 0 || rc == SW_ENGINE_DONE)
			break;
		now = sw_now_ns(CLOCK_MONOTONIC);
		if (now >= end && !stop_requested) {
			end = UINT64_MAX;
			stop_requested = SIGTERM;
		}
		if (stop_requested) {
			/* the engine ends (SW_ENGINE_DONE) once its counts are final */
			if (!stop_at)
				stop_at = now;
			if (now - stop_at > STOP_GRACE_NS)
				break;
		}
		if (now >= next_table) {
			if (print_table(r, false) < 0)
				status = 1;
			next_table += c->interval_ns;
			if (next_table <= now)
				next_table = now + c->interval_ns;
		}
	}
	if (print_table(r, true) < 0)
		status = 1;
	if (r->write_errno == ETIMEDOUT && stop_requested)
		return error("cannot write the tables to %s: it was not read for %d ms after the stop request",
			     c->out_path ? c->out_path : "stderr", SW_STOP_WRITE_GRACE_MS), 1;
	if (r->write_errno)
		return error("cannot write the tables: %s", strerror(r->write_errno)), 1;
	if (status)
		return status;
	return ops->exit_code ? ops->exit_code(r->e) : 0;
}

static FILE *open_output(const char *path)
{
	if (!path)
		return stderr;
	if (strcmp(path, "-") == 0)
		return stdout;
	return fopen(path, "we");
}

static int stat_main(struct stat_cli *c, int argc, char **argv)
{
	struct stat_run r;
	struct sw_engine *e = NULL;
	FILE *f;
	int status;

	if (parse_args(c, argc, argv) < 0)
		return EXIT_USAGE;
	status = check_targets(c);
	if (status)
		return status;
	f = open_output(c->out_path);
	if (!f)
		return error("cannot open '%s': %s", c->out_path, strerror(errno)), 1;
	c->eo.stop = &stop_requested;
	install_signals();
	memset(&r, 0, sizeof(r));
	/* an engine that cannot filter by uid or comm: this run does */
	if (sw_cli_open_engine(&c->com, SW_ENGINE_CAN_FILTER_USER, &e) < 0) {
		if (f != stderr && f != stdout)
			fclose(f);
		return 1;
	}
	r.user_filter = (c->eo.uid >= 0 || c->eo.comm[0]) && !(e->ops->caps & SW_ENGINE_CAN_FILTER_USER);
	if (c->eo.verbose)
		fprintf(stderr, "syswatch: counting with the %s engine%s\n", e->ops->name,
			e->ops->snapshot ? " (in the kernel)" : "");
	r.c = c;
	r.e = e;
	r.out = f;
	r.stats = sw_stats_new();
	r.announce = c->eo.npids > 0 && !(c->filter.quiet & SW_QUIET_ATTACH);
	r.wstop.stop = &stop_requested;
	status = run(&r);
	e->ops->close(e);
	sw_stats_free(r.stats);
	if (f != stderr && f != stdout && fclose(f) != 0 && status == 0) {
		error("cannot write the tables: %s", strerror(errno));
		status = 1;
	}
	return status;
}

int cmd_stat(int argc, char **argv)
{
	struct stat_cli c;
	int status;

	memset(&c, 0, sizeof(c));
	status = stat_main(&c, argc, argv);
	sw_cli_release(&c.com);
	return status;
}

/* ---- trace -c ------------------------------------------------------------------- */

/* Options of trace and stat that take a value as the next argument. */
static bool takes_value(const char *longopt)
{
	static const char *const with_value[] = {
		"engine", "duration", "interval", "top", "sort", "uid", "comm", "inject", "sample", "buffer-size",
		"trace", "status", "signal", "quiet", "fault", "summary-sort-by", "summary-columns", "env", "user", "detach-on", "const-print-style",
		"output", "attach", "string-limit", "trace-path", "abbrev", "raw", "read", "write", "kvm", "columns",
		"decode-pids", "interruptible", "summary-syscall-overhead",
	};

	for (size_t i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++)
		if (strcmp(longopt, with_value[i]) == 0)
			return true;
	return false;
}

bool cmd_stat_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || a[1] == '\0' || strcmp(a, "--") == 0)
			return false; /* the command begins */
		if (a[1] == '-') {
			if (strcmp(a, "--summary-only") == 0)
				return true;
			if (!strchr(a, '=') && takes_value(a + 2))
				i++;
			continue;
		}
		for (const char *p = a + 1; *p; p++) {
			if (*p == 'c')
				return true;
			if (strchr("peosSUEubPXIO", *p)) {
				if (!p[1])
					i++; /* the value is the next argument */
				break;
			}
		}
	}
	return false;
}
