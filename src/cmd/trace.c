// SPDX-License-Identifier: GPL-2.0-only
/* syswatch trace: options, engine choice, and the event loop that feeds the
 * text or JSON Lines output. */
#include <dirent.h>
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
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "engine/engine.h"
#include "engine/ptrace/ptrace.h"
#include "output/files.h"
#include "output/output.h"
#include "output/summary.h"
#include "resolve/resolve.h"
#include "run/record.h"
#include "stack/stack.h"
#include "util/error.h"
#include "util/launch.h"
#include "util/stopwrite.h"

#define EXIT_USAGE 2
#define EXIT_NOT_FOUND 127
#define STOP_GRACE_SEC 10 /* how long an engine may take to wind down after a stop request */
#define TICK_MS 200       /* output flushes and --duration checks at least this often */
#define SW_MAX_TRACE_PATHS 256 /* -P */

/* First signal: stop (detach, or end the command); a second one: kill
 * (sw_cli_stop_signals). */
static volatile sig_atomic_t stop_requested;

/* The ticker: the ptrace engine blocks in wait4(), which only a signal ends;
 * every tick lets the loop flush the output and check --duration. It runs
 * with every engine and until syswatch exits: a write to a pipe nobody reads
 * is interrupted by the next tick, and then gives up once a stop was asked
 * for (sw_output_opts.stop). */
static volatile sig_atomic_t tick;

static void on_tick(int sig)
{
	(void)sig;
	tick = 1;
}

enum {
	OPT_JSON = 256,
	OPT_INJECT,
	OPT_FAULT,
	OPT_STACK,
	OPT_DAEMONIZE,
	OPT_DURATION,
	OPT_TRACE,
	OPT_STATUS,
	OPT_SIGNAL,
	OPT_QUIET,
	OPT_SUCCESSFUL_ONLY,
	OPT_FAILED_ONLY,
	OPT_RELATIVE,
	OPT_SYSCALL_NUMBER,
	OPT_APPEND,
	OPT_SEPARATELY,
	OPT_ALWAYS_PID,
	OPT_SECCOMP_BPF,
	OPT_HEX,
	OPT_SUMMARY,
	OPT_SORT_BY,
	OPT_COLUMNS,
	OPT_WALL_CLOCK,
	OPT_IP,
	OPT_ENV,
	OPT_USER,
	OPT_DETACH_ON,
	OPT_CONST_STYLE,
	OPT_ABS_TIME,
	OPT_SYSCALL_TIMES,
	OPT_QUALIFIER,   /* --abbrev=, --raw=, ...: the -e qualifier of the option's name */
	OPT_COLUMNS_AT,
	OPT_REFUSED,     /* strace's options that have no meaning here: said so */
	OPT_DECODE_PIDS,
	OPT_DEBUG,
	OPT_RECORD_PROFILE,
};

static const struct option long_options[] = {
	SW_CLI_LONG_ENGINE_OPTIONS,
	{ "json", no_argument, NULL, OPT_JSON },
	{ "record-profile", required_argument, NULL, OPT_RECORD_PROFILE },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "stack-traces", no_argument, NULL, OPT_STACK },
	{ "daemonize", optional_argument, NULL, OPT_DAEMONIZE },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "sample", required_argument, NULL, SW_CLI_SAMPLE },
	{ "buffer-size", required_argument, NULL, SW_CLI_BUFFER_SIZE },
	{ "verbose", optional_argument, NULL, SW_CLI_VERBOSE }, /* --verbose=SET: -e verbose=SET */
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "quiet", required_argument, NULL, OPT_QUIET },
	{ "successful-only", no_argument, NULL, OPT_SUCCESSFUL_ONLY },
	{ "failed-only", no_argument, NULL, OPT_FAILED_ONLY },
	{ "relative-timestamps", optional_argument, NULL, OPT_RELATIVE },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TIME },
	{ "syscall-times", optional_argument, NULL, OPT_SYSCALL_TIMES },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "attach", required_argument, NULL, 'p' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "abbrev", required_argument, NULL, OPT_QUALIFIER },
	{ "raw", required_argument, NULL, OPT_QUALIFIER },
	{ "read", required_argument, NULL, OPT_QUALIFIER },
	{ "write", required_argument, NULL, OPT_QUALIFIER },
	{ "kvm", required_argument, NULL, OPT_QUALIFIER },
	{ "decode-fds", optional_argument, NULL, OPT_QUALIFIER },
	{ "columns", required_argument, NULL, OPT_COLUMNS_AT },
	{ "decode-pids", required_argument, NULL, OPT_DECODE_PIDS },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "version", no_argument, NULL, 'V' },
	{ "interruptible", required_argument, NULL, OPT_REFUSED },
	{ "summary-syscall-overhead", required_argument, NULL, OPT_REFUSED },
	{ "tips", optional_argument, NULL, OPT_REFUSED },
	{ "syscall-number", no_argument, NULL, OPT_SYSCALL_NUMBER },
	{ "output-append-mode", no_argument, NULL, OPT_APPEND },
	{ "output-separately", no_argument, NULL, OPT_SEPARATELY },
	{ "always-show-pid", no_argument, NULL, OPT_ALWAYS_PID },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP_BPF },
	{ "strings-in-hex", optional_argument, NULL, OPT_HEX },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "summary-sort-by", required_argument, NULL, OPT_SORT_BY },
	{ "summary-columns", required_argument, NULL, OPT_COLUMNS },
	{ "summary-wall-clock", no_argument, NULL, OPT_WALL_CLOCK },
	{ "instruction-pointer", no_argument, NULL, OPT_IP },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "user", required_argument, NULL, OPT_USER },
	{ "detach-on", required_argument, NULL, OPT_DETACH_ON },
	{ "const-print-style", required_argument, NULL, OPT_CONST_STYLE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("usage: syswatch trace [OPTIONS] (-- CMD [ARG...] | -p PID[,PID...])\n"
	      "\n"
	      "Traces the syscalls of a command or of running processes and prints them\n"
	      "like strace (to stderr unless -o), or as JSON Lines with --json.\n"
	      "\n"
	      "  --engine ptrace|ebpf|auto  interception engine (default auto: ebpf when usable)\n"
	      "  -f, --follow-forks  follow children and threads\n"
	      "  -c, --summary-only  count syscalls instead, like strace -c ('syswatch stat')\n"
	      "  -p, --attach PID[,PID...]  attach to running processes (all their threads);\n"
	      "                     repeatable\n"
	      "  -e trace=SET, --trace SET  only these syscalls (strace syntax: names, ?name,\n"
	      "                     /regex, %file, %net, %process, %signal, %memory, %desc, %ipc,\n"
	      "                     %creds, %clock, %pure, %stat, %lstat, %fstat, %%stat,\n"
	      "                     %statfs, %fstatfs, %%statfs, NAME@64, all, none, !negation);\n"
	      "                     also -e SET\n"
	      "  -e inject=SPEC     same as --inject SPEC; -e fault=SPEC same as --fault SPEC\n"
	      "  -s, --string-limit N  show at most N bytes of strings and buffers (default 32)\n"
	      "  -T, --syscall-times[=PRECISION]  show the time spent in each syscall\n"
	      "                     (PRECISION s, ms, us or ns; default us)\n"
	      "  -t, -tt, -ttt      prefix lines with the time, with microseconds, or since the epoch\n"
	      "  --absolute-timestamps[=[format:]FORMAT[,[precision:]PRECISION]]\n"
	      "                     the time of -t: FORMAT time, unix or none, PRECISION s, ms,\n"
	      "                     us or ns (default time,s)\n"
	      "  -o, --output FILE  write the trace to FILE\n"
	      "  -A, --output-append-mode  append to the -o FILE instead of truncating it\n"
	      "  -ff, --output-separately  with -o FILE: one file per process, FILE.PID\n"
	      "  -r, --relative-timestamps[=PRECISION]  prefix lines with the time since the\n"
	      "                     previous line (PRECISION s, ms, us or ns; default us)\n"
	      "  -n, --syscall-number  show the syscall number, as [ 257]\n"
	      "  -i, --instruction-pointer  show the instruction pointer at the syscall\n"
	      "                     (or where a signal came), as [00007f0123456789]\n"
	      "  -x, -xx, --strings-in-hex[=non-ascii-chars|non-ascii|all]\n"
	      "                     show strings with non-ASCII bytes (-x) or all strings (-xx) in hex;\n"
	      "                     non-ascii-chars: only escapes in hex (\\x01, not \\1)\n"
	      "  --columns N        align the results on column N (default 40), strace's -a N\n"
	      "                     (syswatch's -a is the whole system)\n"
	      "  --always-show-pid  the [pid N] prefix on every line\n"
	      "  -C, --summary      the trace, then strace -c's table of counts\n"
	      "  -S, --summary-sort-by time|min-time|max-time|avg-time|calls|errors|name|nothing\n"
	      "                     the table's row order (default time), as strace -S\n"
	      "  -U, --summary-columns COL,COL...  the table's columns: time-percent,\n"
	      "                     total-time, min-time, max-time, avg-time, calls, errors, name\n"
	      "  -w, --summary-wall-clock  accepted: syswatch's times are always wall-clock\n"
	      "  -b execve, --detach-on execve  let a process go when it calls execve\n"
	      "                     (the command's own first execve excepted): \"<detached ...>\"\n"
	      "  -E, --env VAR=VAL  put VAR=VAL in the command's environment; -E VAR removes VAR\n"
	      "  -u, --user USER    run the command as USER (its uid, gid and groups; root only)\n"
	      "  --seccomp-bpf      accepted, as strace's: syswatch filters in the kernel\n"
	      "                     (seccomp or eBPF) whenever -e trace=SET is given\n"
	      "  -z, --successful-only  only syscalls that returned without an error\n"
	      "  -Z, --failed-only  only syscalls that failed\n"
	      "  -e status=SET      only syscalls with these return statuses: successful,\n"
	      "                     failed, unfinished (did not return), unavailable, detached (-b);\n"
	      "                     also --status=SET\n"
	      "  -e signal=SET      only these signals (names with or without SIG, numbers;\n"
	      "                     all, none, !negation); also -e signals=, --signal=\n"
	      "  -X, --const-print-style raw|abbrev|verbose  named constants as numbers,\n"
	      "                     names (default), or both: 0 /* O_RDONLY */\n"
	      "  -e verbose=SET     decode the structures of these syscalls only (others: addresses);\n"
	      "                     also --verbose=SET\n"
	      "  -e abbrev=SET      abbreviate these syscalls' structures, decode the others in\n"
	      "                     full (-v is abbrev=none); also --abbrev=SET\n"
	      "  -e raw=SET         these syscalls undecoded: arguments and result in hex; --raw=SET\n"
	      "  -e read=FDS, -e write=FDS  dump in hex the data read from / written to\n"
	      "                     these descriptors (read, pread64, write, pwrite64);\n"
	      "                     also --read=FDS, --write=FDS\n"
	      "  -e quiet=SET       leave out these messages: attach (Process N attached),\n"
	      "                     exit (+++ exited with N +++), path-resolution,\n"
	      "                     personality, thread-execve, superseded; also -e silent=,\n"
	      "                     --quiet=SET\n"
	      "  -q                 -e quiet=attach,personality; -qq: and exit; -qqq: all\n"
	      "  -y                 print paths of descriptors: 3</etc/hostname>, 4<pipe:[123]>\n"
	      "  -yy                and socket addresses (TCP:[127.0.0.1:40000->127.0.0.1:80]),\n"
	      "                     UNIX peers and names, netlink ports, device numbers, pidfds\n"
	      "  -e decode-fds=SET, --decode-fds[=SET]  what -y/-yy show, by kind: path,\n"
	      "                     socket, dev, pidfd, all, none (--decode-fds alone: path)\n"
	      "  -P, --trace-path PATH  only syscalls that touch PATH: by name (relative names\n"
	      "                     and dirfds resolved) or through a descriptor; repeatable.\n"
	      "                     --inject tampers only with those calls, as strace\n"
	      "  -D, --daemonize[=grandchild|pgroup|session]  run the tracer as a detached\n"
	      "                     grandchild (the command is the caller's child, as\n"
	      "                     without syswatch); -DD in its own process group,\n"
	      "                     -DDD in its own session (ptrace)\n"
	      "  -k, --stack-traces  a stack trace under each syscall, as strace -k\n"
	      "                     (ptrace: unwound with DWARF CFI; ebpf: frame pointers only)\n"
	      "  -v, --no-abbrev    decode structures in full\n"
	      "  --json             one JSON object per event (JSON Lines)\n"
	      "  --record-profile FILE  also write the OCI seccomp profile allowing exactly the\n"
	      "                     syscalls traced (as syswatch run --record-profile)\n"
	      "  --inject SET[:error=ERRNO|:retval=N][:signal=SIG][:syscall=PURE]\n"
	      "           [:delay_enter=T][:delay_exit=T][:poke_enter=@argN=HEX,...]\n"
	      "           [:poke_exit=@argN=HEX,...][:when=FIRST[..LAST][+[STEP]]]\n"
	      "                     tamper with these syscalls (SET as -e trace=), as strace:\n"
	      "                     fail or return N without running them (or run the %pure\n"
	      "                     syscall PURE instead), send SIG at entry, delay them by T\n"
	      "                     (us, or with s, ms, us, ns), write the bytes HEX (hex digits,\n"
	      "                     up to 1024 bytes) where argument N points at entry or exit;\n"
	      "                     when= picks the calls (per thread and syscall); ptrace only\n"
	      "  --fault SET[:error=ERRNO][:when=...]  --inject with error=ENOSYS by default\n"
	      "  --duration SEC     stop after SEC seconds (detach, or end the command)\n"
	      "  -a                 trace the whole system (ebpf)\n"
	      "  --sample N         report one syscall in N (ebpf)\n"
	      "  --buffer-size SIZE ring buffer size, k/m/g suffixes, at most 1g (ebpf)\n"
	      "  --uid UID|NAME     only this user's processes (ebpf)\n"
	      "  --comm NAME        only processes with this name (ebpf)\n"
	      "  --verbose, -d, --debug  say which engine runs and how\n"
	      "  -V, --version      syswatch's version\n"
	      "  --pin-cpu[=N]      run syswatch and the command on one CPU (ptrace; faster)\n"
	      "  --no-seccomp       stop at every syscall even with -e trace=SET (ptrace)\n"
	      "\n"
	      "The exit status is the command's (128+N when it was killed by signal N);\n"
	      "with -p, syswatch detaches on SIGINT/SIGTERM and the processes run on.\n",
	      f);
}

struct trace_cli {
	struct sw_engine_opts eo;
	struct sw_output_opts oo;
	const char *out_path;
	double duration;
	bool append;     /* -A */
	bool split;      /* -ff: one file per thread */
	bool always_pid; /* --always-show-pid */
	bool summary;    /* -C: the trace, then strace -c's table */
	bool sort_given, columns_given, wall_given; /* -S, -U, -w (strace wants -c or -C with them) */
	struct sw_summary_opts so; /* -C: -S, -U */
	struct sw_cli_common com; /* the options trace, stat and verify share */
	const char *profile_path; /* --record-profile */
	char *paths[SW_MAX_TRACE_PATHS]; /* -P, resolved (owned) */
	unsigned npaths;
	struct resolved_path {
		const char *arg;  /* -P as given */
		const char *real; /* what it resolves into (one of paths) */
	} resolved[SW_MAX_TRACE_PATHS / 2]; /* the -P paths the kernel resolves otherwise */
	unsigned nresolved;
	bool abs_given;  /* --absolute-timestamps (strace refuses it with -t) */
};

/* -P PATH: kept as given made absolute and normalised, and, when it is a
 * symlink or names another spelling of the file, as the kernel resolves it
 * (strace also follows a symlink given to -P). */
static int add_path(struct trace_cli *c, const char *arg)
{
	char cwd[PATH_MAX], norm[PATH_MAX], *real;

	if (!*arg)
		return error("invalid -P '': expected a path");
	if (arg[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		return error("invalid -P '%s': cannot read the working directory: %s", arg, strerror(errno));
	if (sw_path_join(arg[0] == '/' ? NULL : cwd, arg, strlen(arg), norm, sizeof(norm)) < 0)
		return error("invalid -P '%s': path too long", arg);
	if (c->npaths + 2 > SW_MAX_TRACE_PATHS)
		return error("too many -P paths (at most %d)", SW_MAX_TRACE_PATHS / 2);
	c->paths[c->npaths++] = sw_xstrdup(norm);
	real = realpath(arg, NULL);
	if (real && strcmp(real, norm) != 0) {
		c->paths[c->npaths++] = real;
	} else if (real) {
		free(real);
		real = c->paths[c->npaths - 1]; /* the same path, kept as norm */
	}
	if (real && strcmp(real, arg) != 0)
		c->resolved[c->nresolved++] = (struct resolved_path){ arg, real };
	c->eo.resolve_cwd = true;
	if (!c->eo.fd_detail)
		c->eo.fd_detail = SW_FDD_PATH;
	return 0;
}

/* -e QUALIFIER=VALUE or -e SET */
static int parse_expr(struct trace_cli *c, const char *arg)
{
	struct sw_err err = { 0 };

	if (sw_cli_expr(&c->com, arg, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

/* --status=SET and the like: the long forms of -e status=SET */
static int parse_expr_value(struct trace_cli *c, const char *qualifier, const char *value)
{
	size_t len = strlen(qualifier) + strlen(value) + 1;
	char *expr = sw_xcalloc(len, 1);
	int rc;

	snprintf(expr, len, "%s%s", qualifier, value);
	rc = parse_expr(c, expr);
	free(expr);
	return rc;
}

/* strace's PRECISION words: s, ms, us, ns (any case). */
static int parse_prec(const char *arg, uint8_t *prec)
{
	static const char *const words[] = { [SW_PREC_US] = "us", [SW_PREC_S] = "s", [SW_PREC_MS] = "ms",
					     [SW_PREC_NS] = "ns" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(arg, words[i]) == 0) {
			*prec = (uint8_t)i;
			return 0;
		}
	return -1;
}

/* -r/--relative-timestamps[=PRECISION], -T/--syscall-times[=PRECISION]:
 * on, at PRECISION (microseconds when not given: -r after
 * --relative-timestamps=ns is back to them, as in strace). */
static int set_prec(bool *on, uint8_t *prec, const char *option, const char *arg)
{
	*on = true;
	*prec = SW_PREC_US;
	if (arg && parse_prec(arg, prec) < 0)
		return error("invalid --%s argument: '%s' (s, ms, us or ns)", option, arg);
	return 0;
}

/* --absolute-timestamps=[[format:]FORMAT[,[precision:]PRECISION]]: the
 * format none, time or unix and the precision; what is not said stays (time,
 * seconds the first time). */
static int parse_abs_time(struct trace_cli *c, const char *arg)
{
	char *copy, *save = NULL;
	int rc = 0;

	if (!c->abs_given) {
		c->oo.ts_mode = SW_TS_TIME;
		c->oo.ts_prec = SW_PREC_S;
	}
	c->abs_given = true;
	if (!arg)
		return 0;
	copy = sw_xstrdup(arg);
	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
		bool fmt = strncasecmp(t, "format:", 7) == 0, prec = strncasecmp(t, "precision:", 10) == 0;
		const char *v = fmt ? t + 7 : prec ? t + 10 : t;

		if (!prec && strcasecmp(v, "none") == 0)
			c->oo.ts_mode = SW_TS_NONE;
		else if (!prec && strcasecmp(v, "time") == 0)
			c->oo.ts_mode = SW_TS_TIME;
		else if (!prec && strcasecmp(v, "unix") == 0)
			c->oo.ts_mode = SW_TS_UNIX;
		else if (fmt || parse_prec(v, &c->oo.ts_prec) < 0)
			rc = -1;
	}
	free(copy);
	if (rc)
		return error("invalid --absolute-timestamps argument: '%s' (FORMAT none, time or unix; "
				   "PRECISION s, ms, us or ns)", arg);
	return 0;
}

static int parse_long_option(struct trace_cli *c, int opt, const char *arg)
{
	long v;
	char *end;
	struct sw_err err = { 0 };

	switch (opt) {
	case OPT_JSON:
		c->oo.json = true;
		return 0;
	case OPT_RECORD_PROFILE:
		if (!*arg)
			return error("invalid --record-profile '': expected a file name");
		c->profile_path = arg;
		return 0;
	case OPT_INJECT:
		return parse_expr_value(c, "inject=", arg);
	case OPT_FAULT:
		return parse_expr_value(c, "fault=", arg);
	case OPT_DAEMONIZE:
		if (!arg || strcmp(arg, "grandchild") == 0)
			c->eo.daemonize = 1;
		else if (strcmp(arg, "pgroup") == 0 || strcmp(arg, "pgrp") == 0 || strcmp(arg, "process-group") == 0)
			c->eo.daemonize = 2;
		else if (strcmp(arg, "session") == 0)
			c->eo.daemonize = 3;
		else
			return error("invalid --daemonize argument: '%s' (grandchild, pgroup or session)", arg);
		c->com.ptrace_only = "-D/--daemonize";
		return 0;
	case OPT_STACK:
		if (!sw_stack_supported())
			return error("-k/--stack-traces: this syswatch was built without libdw (elfutils)");
		c->eo.stack = true;
		return 0;
	case OPT_TRACE:
		return parse_expr_value(c, "trace=", arg);
	case OPT_STATUS:
		return parse_expr_value(c, "status=", arg);
	case OPT_SIGNAL:
		return parse_expr_value(c, "signal=", arg);
	case OPT_QUIET:
		return parse_expr_value(c, "quiet=", arg);
	case OPT_SUCCESSFUL_ONLY:
	case OPT_FAILED_ONLY:
		sw_cli_status_only(&c->com, opt == OPT_FAILED_ONLY);
		return 0;
	case OPT_RELATIVE:
		return set_prec(&c->oo.relative, &c->oo.rel_prec, "relative-timestamps", arg);
	case OPT_SYSCALL_TIMES:
		return set_prec(&c->oo.show_dur, &c->oo.dur_prec, "syscall-times", arg);
	case OPT_ABS_TIME:
		return parse_abs_time(c, arg);
	case OPT_COLUMNS_AT:
		if (sw_parse_long(arg, 0, 4096, &v) < 0)
			return error("invalid --columns argument: '%s' (a column, 0 to 4096)", arg);
		c->oo.column = v ? (unsigned)v : 1;
		return 0;
	case OPT_DECODE_PIDS:
		if (strcmp(arg, "comm") == 0)
			return error("-Y/--decode-pids=comm is not supported: syswatch does not name the "
					   "processes behind pid arguments");
		if (strcmp(arg, "pidns") == 0)
			return error("--decode-pids=pidns is not supported: syswatch shows pids as the "
					   "traced process sees them");
		return error("invalid decode-pids '%s'", arg);
	case OPT_DEBUG:
		c->eo.verbose++;
		return 0;
	case OPT_SYSCALL_NUMBER:
		c->oo.show_nr = true;
		return 0;
	case OPT_APPEND:
		c->append = true;
		return 0;
	case OPT_SEPARATELY:
		c->split = true;
		return 0;
	case OPT_ALWAYS_PID:
		c->always_pid = true;
		return 0;
	case OPT_SECCOMP_BPF: /* syswatch filters in the kernel whenever a set is given */
		return 0;
	case OPT_WALL_CLOCK:  /* syswatch always measures from entry to exit */
		c->wall_given = true;
		return 0;
	case OPT_SUMMARY:
		c->summary = true;
		return 0;
	case OPT_ENV:
		if (sw_cli_env(&c->com, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_USER:
		if (sw_cli_user(&c->com, arg, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_CONST_STYLE:
		if (strcmp(arg, "raw") == 0)
			c->oo.dec.xstyle = SW_XSTYLE_RAW;
		else if (strcmp(arg, "abbrev") == 0)
			c->oo.dec.xstyle = SW_XSTYLE_ABBREV;
		else if (strcmp(arg, "verbose") == 0)
			c->oo.dec.xstyle = SW_XSTYLE_VERBOSE;
		else
			return error("invalid -X argument: '%s' (raw, abbrev or verbose)", arg);
		return 0;
	case OPT_DETACH_ON:
		if (strcmp(arg, "execve") != 0)
			return error("Syscall '%s' for -b isn't supported (only execve)", arg);
		c->eo.detach_on_exec = true;
		return 0;
	case OPT_IP:
		c->oo.show_ip = true;
		c->eo.want_ip = true;
		return 0;
	case OPT_SORT_BY:
		if (sw_cli_sort(arg, &c->so.sort, &err) < 0)
			return error("%s", err.msg);
		c->sort_given = true;
		return 0;
	case OPT_COLUMNS:
		if (sw_cli_columns(arg, &c->so.cols, &err) < 0)
			return error("%s", err.msg);
		c->columns_given = true;
		return 0;
	case OPT_HEX:
		if (!arg || strcmp(arg, "all") == 0)
			c->oo.dec.xflag = 2;
		else if (strcmp(arg, "non-ascii") == 0)
			c->oo.dec.xflag = 1;
		else if (strcmp(arg, "non-ascii-chars") == 0)
			c->oo.dec.xflag = SW_XFLAG_ESCAPES;
		else
			return error("invalid --strings-in-hex argument: '%s' (non-ascii-chars, non-ascii or all)", arg);
		return 0;
	case OPT_DURATION:
		errno = 0;
		c->duration = strtod(arg, &end);
		if (errno || end == arg || *end || !(c->duration > 0) || c->duration > 1e7)
			return error("invalid --duration '%s': expected seconds > 0", arg);
		return 0;
	}
	if (opt == SW_CLI_VERBOSE && arg) /* strace's --verbose=SET */
		return parse_expr_value(c, "verbose=", arg);
	if (sw_cli_engine_option(&c->com, opt, arg, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

/* strace's options that mean nothing for syswatch: refused, saying why. */
static int refused_option(const char *name)
{
	if (strcmp(name, "interruptible") == 0)
		return error("-I/--interruptible is not supported: syswatch's signals are fixed (the first "
				   "SIGINT/SIGTERM stops tracing, a second kills)");
	if (strcmp(name, "summary-syscall-overhead") == 0)
		return error("-O/--summary-syscall-overhead is not supported: syswatch subtracts no "
				   "overhead from the times it measures");
	return error("--%s is not supported: syswatch has no tips", name);
}

static int parse_args(struct trace_cli *c, int argc, char **argv)
{
	int opt, tcount = 0, dcount = 0, idx = -1;
	long v;
	struct sw_err qerr = { 0 };

	c->oo.dec.strlimit = SW_DEFAULT_STRLIMIT;
	c->eo.strlimit = SW_DEFAULT_STRLIMIT;
	sw_cli_init(&c->com, &c->eo, &c->oo.filter);
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+:hfp:e:s:To:tzZqvayP:xrnACS:U:wiE:u:b:X:kDdVYI:O:", long_options, &idx)) !=
	       -1) {
		const char *lname = idx >= 0 ? long_options[idx].name : NULL;

		idx = -1;
		switch (opt) {
		case 'V':
			exit(cmd_version());
		case 'd':
			c->eo.verbose++;
			break;
		case 'Y':
			if (parse_long_option(c, OPT_DECODE_PIDS, "comm") < 0)
				return -1;
			break;
		case 'I':
			if (refused_option("interruptible") < 0)
				return -1;
			break;
		case 'O':
			if (refused_option("summary-syscall-overhead") < 0)
				return -1;
			break;
		case OPT_REFUSED:
			if (refused_option(lname) < 0)
				return -1;
			break;
		case OPT_QUALIFIER:
			/* --abbrev=SET, --raw=, --read=, --write=, --kvm=, --decode-fds[=SET] */
			if (strcmp(lname, "decode-fds") == 0) {
				if (sw_cli_decode_fds(&c->com, optarg, &qerr) < 0)
					return error("%s", qerr.msg);
			} else if (parse_expr_value(c, strcmp(lname, "abbrev") == 0 ? "abbrev="
						       : strcmp(lname, "raw") == 0  ? "raw="
						       : strcmp(lname, "read") == 0 ? "read="
						       : strcmp(lname, "write") == 0 ? "write="
										     : "kvm=",
						       optarg) < 0) {
				return -1;
			}
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'f':
			/* -ff: one file per process, as --output-separately */
			if (c->eo.follow)
				c->split = true;
			c->eo.follow = true;
			break;
		case 'x':
			c->oo.dec.xflag = c->oo.dec.xflag == 1 || c->oo.dec.xflag == 2 ? 2 : 1;
			break;
		case 'r':
			if (parse_long_option(c, OPT_RELATIVE, NULL) < 0)
				return -1;
			break;
		case 'n':
			c->oo.show_nr = true;
			break;
		case 'A':
			c->append = true;
			break;
		case 'C':
			c->summary = true;
			break;
		case 'S':
			if (parse_long_option(c, OPT_SORT_BY, optarg) < 0)
				return -1;
			break;
		case 'U':
			if (parse_long_option(c, OPT_COLUMNS, optarg) < 0)
				return -1;
			break;
		case 'w':
			c->wall_given = true;
			break;
		case 'i':
			if (parse_long_option(c, OPT_IP, NULL) < 0)
				return -1;
			break;
		case 'E':
			if (parse_long_option(c, OPT_ENV, optarg) < 0)
				return -1;
			break;
		case 'u':
			if (parse_long_option(c, OPT_USER, optarg) < 0)
				return -1;
			break;
		case 'b':
			if (parse_long_option(c, OPT_DETACH_ON, optarg) < 0)
				return -1;
			break;
		case 'X':
			if (parse_long_option(c, OPT_CONST_STYLE, optarg) < 0)
				return -1;
			break;
		case 'p':
			if (sw_cli_pids(&c->com, optarg, &qerr) < 0)
				return error("%s", qerr.msg);
			break;
		case 'e':
			if (parse_expr(c, optarg) < 0)
				return -1;
			break;
		case 's':
			if (sw_parse_long(optarg, 0, 1 << 20, &v) < 0)
				return error("invalid -s argument: '%s' (a number of bytes, 0 to %d)", optarg, 1 << 20);
			c->oo.dec.strlimit = (unsigned)v;
			c->eo.strlimit = (unsigned)v;
			break;
		case 'T':
			if (parse_long_option(c, OPT_SYSCALL_TIMES, NULL) < 0)
				return -1;
			break;
		case 'o':
			c->out_path = optarg;
			break;
		case 't':
			tcount++;
			break;
		case 'z':
		case 'Z':
			sw_cli_status_only(&c->com, opt == 'Z');
			break;
		case 'q':
			if (sw_cli_quiet_flag(&c->com, &qerr) < 0)
				return error("%s", qerr.msg);
			break;
		case 'v':
			c->oo.dec.verbose = true;
			c->eo.unabbrev = true;
			break;
		case 'a':
			c->eo.system_wide = true;
			break;
		case 'k':
			if (parse_long_option(c, OPT_STACK, NULL) < 0)
				return -1;
			break;
		case 'D':
			/* -D, -DD, -DDD: grandchild, process group, session */
			if (++dcount > 3)
				return error("Too many -D's (%d), maximum supported -D count is 3", dcount);
			c->eo.daemonize = (unsigned)dcount;
			c->com.ptrace_only = "-D/--daemonize";
			break;
		case 'y':
			if (sw_cli_y(&c->com, &qerr) < 0)
				return error("%s", qerr.msg);
			break;
		case 'P':
			if (add_path(c, optarg) < 0)
				return -1;
			break;
		case '?':
		case ':':
			return sw_cli_bad_option("trace", opt, argv);
		default:
			if (parse_long_option(c, opt, optarg) < 0)
				return -1;
			break;
		}
	}
	if (tcount && c->abs_given)
		return error("-t and --absolute-timestamps cannot be provided simultaneously");
	/* as strace: what a -P path resolved into, unless -e quiet=path-resolution
	 * (-q/-qqq do not leave it out in strace 6.1 either) */
	for (unsigned i = 0; i < c->nresolved && !(c->com.quiet_given && (c->oo.filter.quiet & SW_QUIET_PATH)); i++)
		warning("Requested path \"%s\" resolved into \"%s\"", c->resolved[i].arg, c->resolved[i].real);
	if (tcount) {
		c->oo.ts_mode = tcount >= 3 ? SW_TS_UNIX : SW_TS_TIME;
		c->oo.ts_prec = tcount >= 2 ? SW_PREC_US : SW_PREC_S;
	}
	c->oo.dec.fd_detail = c->com.fd_show;
	/* what the engines resolve: paths, or also sockets and devices */
	if (c->oo.dec.fd_detail & (SW_FDD_SOCKET | SW_FDD_DEV))
		c->eo.fd_detail = SW_FDD_SOCKET;
	else if (c->oo.dec.fd_detail && !c->eo.fd_detail)
		c->eo.fd_detail = SW_FDD_PATH;
	if (optind < argc)
		c->eo.argv = argv + optind;
	if (!c->eo.argv && !c->eo.npids && !c->eo.system_wide)
		return error("trace: nothing to trace: give a command after '--', or -p PID");
	if (!!c->eo.argv + !!c->eo.npids + c->eo.system_wide > 1)
		return error("trace: give a command, -p PID or -a, not several");
	if (c->eo.daemonize && !c->eo.argv)
		return error("PROG [ARGS] must be specified with -D/--daemonize");
	if (c->eo.daemonize && strcmp(c->com.engine, "ebpf") == 0)
		return error("-D/--daemonize needs the ptrace engine: the ebpf engine does not stop the command, "
				   "so there is no tracer to detach from it");
	if (sw_cli_check_engine(&c->com, &qerr) < 0)
		return error("%s", qerr.msg);
	/* strace says these and goes on; syswatch stops, so nothing is lost */
	/* -e read=/write=: the data is captured whole (up to SW_DUMP_CAPTURE), -s cuts only the strings shown */
	if ((c->oo.filter.dump_read.any || c->oo.filter.dump_write.any) && c->eo.strlimit < SW_DUMP_CAPTURE)
		c->eo.strlimit = SW_DUMP_CAPTURE;
	if (c->com.raw_given)
		c->oo.dec.raw = &c->com.raw;
	if (c->com.verbose_given)
		c->oo.dec.verbose_set = &c->com.verbose;
	if (c->com.abbrev_given) {
		c->oo.dec.abbrev_set = &c->com.abbrev;
		/* an exec call shown in full shows its environment's strings: read them */
		if (!sw_sysset_has(&c->com.abbrev, __NR_execve) || !sw_sysset_has(&c->com.abbrev, __NR_execveat))
			c->eo.unabbrev = true;
	}
	if (sw_cli_check_launch(&c->com, &qerr) < 0)
		return error("%s", qerr.msg);
	/* as strace: with -P, only the calls that touch its paths are tampered with */
	c->eo.paths = c->paths;
	c->eo.npaths = c->npaths;
	if (c->append && !c->out_path)
		return error("-A/--output-append-mode has no effect without -o/--output");
	if (c->summary && c->split)
		return error("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
	if (c->split && !c->out_path)
		return error("-ff/--output-separately has no effect without -o/--output");
	/* the table's options without a table: strace refuses -w and -U, and says -S does nothing */
	if (!c->summary && c->wall_given)
		return error("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
	if (!c->summary && c->columns_given)
		return error("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
	if (!c->summary && c->sort_given)
		warning("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
	if (c->profile_path && c->com.set_seen && !sw_sysset_is_full(&c->eo.set))
		return error("--record-profile needs every syscall traced: it cannot go with -e trace=SET");
	if (c->profile_path && c->eo.sample > 1)
		return error("--record-profile needs every call: it cannot go with --sample");
	return 0;
}

/* -p targets: see sw_engine_check_pid; output_fd: where the trace goes, -1
 * before it is open. Returns the exit status (0: fine). */
static int check_pids(const struct trace_cli *c, int output_fd)
{
	struct sw_err err = { 0 };

	for (unsigned i = 0; i < c->eo.npids; i++)
		if (sw_engine_check_pid(c->eo.pids[i], output_fd, &err) < 0)
			return error("%s", err.msg), 1;
	return 0;
}

/* Checks what can be checked before any engine runs, so bad input gives one
 * line and nothing is started; returns the exit status (0: fine), 127/126
 * for a command that cannot be found/run, as shells do. */
/* Threads of the processes given with -p, as strace counts its tracees
 * when it decides on pid prefixes. */
static unsigned count_threads(const struct sw_engine_opts *o)
{
	unsigned n = 0;

	for (unsigned i = 0; i < o->npids; i++) {
		char path[64];
		struct dirent *de;
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/task", (int)o->pids[i]);
		if (!(d = opendir(path))) {
			n++;
			continue;
		}
		while ((de = readdir(d)))
			n += de->d_name[0] != '.';
		closedir(d);
	}
	return n;
}

static int check_targets(const struct trace_cli *c)
{
	char path[PATH_MAX];

	if (c->eo.argv && sw_find_program(c->eo.argv[0], path) < 0) {
		int err = errno;

		error("cannot run '%s': %s", c->eo.argv[0], strerror(err));
		return err == ENOENT ? EXIT_NOT_FOUND : SW_EXIT_CANNOT_RUN;
	}
	return check_pids(c, -1);
}

struct trace_run {
	struct sw_output_files *out;
	const struct trace_cli *cli;
	bool announce; /* say "process N attached/detached" on stderr */
	unsigned quiet; /* SW_QUIET_* */
	struct sw_stats *counts; /* -C: every syscall the engine delivered */
	int write_errno;
	struct run_usage *usage; /* --record-profile */
};

static int on_event(const struct sw_event *ev, void *ctx)
{
	struct trace_run *r = ctx;

	if (r->usage)
		run_usage_note(r->usage, ev);
	if (r->cli->npaths && ev->kind == SW_EV_SYSCALL &&
	    !sw_event_touches_path(ev, r->cli->paths, r->cli->npaths))
		return 0;
	if (r->announce && (ev->kind == SW_EV_ATTACH || ev->kind == SW_EV_DETACH) && !(r->quiet & SW_QUIET_ATTACH))
		fprintf(stderr, "syswatch: Process %u %s\n", ev->tid, ev->kind == SW_EV_ATTACH ? "attached" : "detached");
	if (r->counts)
		sw_stats_add_event(r->counts, ev);
	if (sw_output_files_event(r->out, ev) < 0) {
		r->write_errno = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

static void set_ticker(bool on)
{
	struct itimerval it = { { 0, TICK_MS * 1000 }, { 0, TICK_MS * 1000 } };
	struct sigaction sa;

	if (!on)
		memset(&it, 0, sizeof(it));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on ? on_tick : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	if (on)
		sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	if (!on)
		sigaction(SIGALRM, &sa, NULL);
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* -C: strace -c's table after the trace, where the trace went. */
static int write_summary(const struct trace_cli *c, struct sw_output_files *out, const struct sw_stats *counts)
{
	struct sw_strbuf sb;
	FILE *f = sw_output_files_stream(out);
	int rc = 0;

	sw_strbuf_init(&sb);
	if (c->so.cols.n)
		sw_summary_table_cols(&sb, counts, c->so.sort, 0, &c->so.cols);
	else
		sw_summary_table(&sb, counts, c->so.sort, 0);
	if (sb.len && (fwrite(sb.buf, 1, sb.len, f) != sb.len || fflush(f) != 0))
		rc = -1;
	sw_strbuf_release(&sb);
	return rc;
}

static int run(struct trace_cli *c, struct sw_engine *e, struct sw_output_files *out)
{
	const struct sw_engine_ops *ops = e->ops;
	struct run_usage usage;
	struct trace_run r = { out, c, c->eo.npids > 0 && (!c->oo.json || c->out_path), c->oo.filter.quiet,
			       c->summary ? sw_stats_new() : NULL, 0, c->profile_path ? &usage : NULL };
	struct sw_engine_stats st = { 0, 0 };
	struct sw_err err = { 0 };
	/* an engine whose wait any signal ends is paced by the ticker; others time out */
	bool ticker = ops->caps & SW_ENGINE_WAKES_ON_SIGNAL;
	double deadline = c->duration > 0 ? now_sec() + c->duration : 0, stop_seen = 0;
	int rc, status = 0;

	memset(&usage, 0, sizeof(usage));
	if (ops->start(e, &err) < 0) {
		error("%s", err.msg);
		/* the command was found but its execve failed (ENOEXEC, ...): 126 */
		return err.status ? err.status : 1;
	}
	set_ticker(true); /* off at the very end, after the last write */
	for (;;) {
		rc = sw_cli_poll(e, ticker ? -1 : TICK_MS, on_event, &r);
		if (rc < 0)
			status = 1;
		if (rc < 0 || rc == SW_ENGINE_DONE)
			break;
		if (tick || rc == 0) {
			tick = 0;
			if (sw_output_files_flush(out) < 0 && !r.write_errno) {
				r.write_errno = errno;
				stop_requested = SIGKILL;
			}
		}
		if (deadline > 0 && !stop_requested && now_sec() >= deadline)
			stop_requested = SIGTERM;
		/* an engine that keeps going after a stop request is not waited for forever */
		if (stop_requested && stop_seen == 0)
			stop_seen = now_sec();
		if (stop_seen > 0 && now_sec() - stop_seen > STOP_GRACE_SEC)
			break;
	}
	if (ops->stats)
		ops->stats(e, &st);
	if (sw_output_files_finish(out, st.lost) < 0 && !r.write_errno)
		r.write_errno = errno;
	if (r.counts && !r.write_errno && write_summary(c, out, r.counts) < 0)
		r.write_errno = errno;
	sw_stats_free(r.counts);
	if (r.write_errno && *sw_output_files_failed(out))
		return error("cannot open '%s': %s", sw_output_files_failed(out), strerror(r.write_errno)), 1;
	if (r.write_errno == ETIMEDOUT && stop_requested)
		return error("cannot write the trace to %s: it was not read for %d ms after the stop request",
			     c->out_path ? c->out_path : "stderr", SW_STOP_WRITE_GRACE_MS), 1;
	if (r.write_errno)
		return error("cannot write the trace: %s", strerror(r.write_errno)), 1;
	if (status)
		return status;
	if (c->profile_path && st.lost)
		return error("cannot write the profile %s: %llu events were lost, it would miss calls (a larger "
			     "--buffer-size, or --engine ptrace, loses none)", c->profile_path,
			     (unsigned long long)st.lost), 1;
	if (c->profile_path && run_profile_write(&usage, c->profile_path, &err) < 0)
		return error("%s", err.msg), 1;
	return ops->exit_code ? ops->exit_code(e) : 0;
}

/* Frees what the options own: -P's paths, -E's environment. */
static void free_paths(struct trace_cli *c)
{
	for (unsigned i = 0; i < c->npaths; i++)
		free(c->paths[i]);
	c->npaths = 0;
	sw_cli_release(&c->com);
}

/* strace's: "N " on every line of a file when following (one file per
 * thread with -ff: none), "[pid N] " once several threads are traced. */
static uint8_t pid_prefix(const struct trace_cli *c)
{
	if (c->eo.system_wide)
		return SW_PID_COMM;
	if (c->always_pid)
		return c->out_path && !c->split && (c->eo.follow || count_threads(&c->eo) > 1) ? SW_PID_COLUMN
											: SW_PID_ALWAYS;
	if (c->split)
		return SW_PID_NONE;
	if (c->out_path)
		return c->eo.follow || count_threads(&c->eo) > 1 ? SW_PID_COLUMN : SW_PID_NONE;
	return SW_PID_AUTO;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_cli c;
	struct sw_engine *e = NULL;
	struct sw_output_files *out;
	const char *failed = NULL;
	int status;

	/* trace -c counts instead, like strace -c */
	if (cmd_stat_wanted(argc, argv))
		return cmd_stat(argc, argv);
	memset(&c, 0, sizeof(c));
	if (parse_args(&c, argc, argv) < 0) {
		free_paths(&c);
		return EXIT_USAGE;
	}
	status = check_targets(&c);
	if (status) {
		free_paths(&c);
		return status;
	}
	c.oo.pid_prefix = pid_prefix(&c);
	c.oo.stop = &stop_requested;
	out = sw_output_files_new(&c.oo, c.out_path, c.append, c.split, &failed);
	if (!out) {
		free_paths(&c);
		return error("cannot open '%s': %s", failed, strerror(errno)), 1;
	}
	status = check_pids(&c, fileno(sw_output_files_stream(out)));
	if (!status && c.profile_path) {
		/* a profile that cannot be written is said before the run */
		FILE *pf = fopen(c.profile_path, "we");

		if (!pf) {
			error("cannot write '%s': %s", c.profile_path, strerror(errno));
			status = 1;
		} else {
			fclose(pf);
		}
	}
	if (status) {
		sw_output_files_close(out);
		free_paths(&c);
		return status;
	}
	c.eo.stop = &stop_requested;
	sw_cli_stop_signals(&stop_requested, false);
	if (sw_cli_open_engine(&c.com, 0, &e) < 0) {
		sw_output_files_close(out);
		free_paths(&c);
		return 1;
	}
	if (c.eo.verbose)
		fprintf(stderr, "syswatch: tracing with the %s engine\n", e->ops->name);
	status = run(&c, e, out);
	e->ops->close(e);
	if (sw_output_files_close(out) < 0 && status == 0) {
		error("cannot write the trace: %s", strerror(errno));
		status = 1;
	}
	free_paths(&c);
	set_ticker(false);
	return status;
}
