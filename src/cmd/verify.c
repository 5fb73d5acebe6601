// SPDX-License-Identifier: GPL-2.0-only
/* syswatch verify: runs a command once, watched by both engines at the same
 * time, and compares what each saw, call by call and thread by thread.
 *
 * syswatch forks the command itself and holds it on a pipe before execve;
 * both engines are given its pid (the eBPF engine marks it in its traced set,
 * the ptrace engine seizes it), then the command is let go. From its execve
 * on, both see the same syscalls; what each saw before (the wait on the
 * pipe) is counted apart and not compared. One thread drives both engines:
 * the ptrace engine's poll waits (briefly) for the next stop, then the eBPF
 * ring buffer is read without waiting; the matcher lines up the calls. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "engine/engine.h"
#include "engine/ptrace/ptrace.h"
#include "util/error.h"
#include "util/launch.h"
#include "verify/match.h"
#include "verify/report.h"
#include "util/proc.h"

#define EXIT_DIFFER 1
#define EXIT_USAGE 2
#define EXIT_FAILED 3
#define DEFAULT_DIFFS 10
#define PTRACE_WAIT_MS 10     /* the ptrace engine's wait per round */
#define EBPF_WAIT_MS 10       /* the eBPF engine's wait once ptrace is done */
#define EBPF_GRACE_NS 3000000000ull /* after ptrace is done: how long eBPF may take to see the end */

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	stop_requested = stop_requested ? SIGKILL : sig;
}

enum {
	OPT_JSON = 256,
	OPT_DIFFS,
	OPT_INJECT,
	OPT_BUFFER_SIZE,
	OPT_WINDOW,
};

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "diffs", required_argument, NULL, OPT_DIFFS },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "buffer-size", required_argument, NULL, OPT_BUFFER_SIZE },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("usage: syswatch verify [OPTIONS] -- CMD [ARG...]\n"
	      "\n"
	      "Runs CMD once under both engines (ptrace and ebpf) at the same time and\n"
	      "checks that they saw the same syscalls, thread by thread and in order:\n"
	      "the same number, arguments, return value and decoded text. Prints a\n"
	      "summary and the first differences, with both engines' lines.\n"
	      "\n"
	      "  -f                 follow children and threads\n"
	      "  -o FILE            write the report to FILE (default: stderr)\n"
	      "  --json             the report as one JSON object\n"
	      "  --diffs N          show at most N differences (default 10)\n"
	      "  -s N               decode at most N bytes of strings and buffers (default 32)\n"
	      "  --inject SPEC      tamper with syscalls as trace --inject does; a faked result\n"
	      "                     (error=, retval=) is not run by the kernel, so the engines\n"
	      "                     differ on it (shown as injected)\n"
	      "  --buffer-size SIZE eBPF ring buffer size, k/m/g suffixes, at most 1g\n"
	      "  --window N         calls looked ahead to line the engines up again (default 64)\n"
	      "\n"
	      "Exit status: 0 when the engines agree, 1 when they differ (or the eBPF\n"
	      "engine lost events), 2 on bad usage, 3 when the run could not be made.\n"
	      "The command's own exit status is in the report.\n",
	      f);
}

struct verify_cli {
	char *const *argv;
	bool follow;
	bool json;
	const char *out_path;
	unsigned max_diffs;
	unsigned strlimit;
	unsigned window;
	uint64_t buffer_size;
	struct sw_inject inject[SW_MAX_INJECT];
	unsigned ninject;
};

static int parse_long_option(struct verify_cli *c, int opt, const char *arg)
{
	struct sw_err err;
	long v;

	switch (opt) {
	case OPT_JSON:
		c->json = true;
		return 0;
	case OPT_DIFFS:
		if (sw_parse_long(arg, 0, 1000000, &v) < 0)
			return error("invalid --diffs '%s': expected a number (0 to 1000000)", arg);
		c->max_diffs = (unsigned)v;
		return 0;
	case OPT_INJECT:
		if (sw_inject_parse(arg, c->inject, &c->ninject, SW_MAX_INJECT, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_BUFFER_SIZE:
		if (sw_cli_buffer_size(arg, &c->buffer_size, &err) < 0)
			return error("%s", err.msg);
		return 0;
	case OPT_WINDOW:
		if (sw_parse_long(arg, 1, 100000, &v) < 0)
			return error("invalid --window '%s': expected a number (1 to 100000)", arg);
		c->window = (unsigned)v;
		return 0;
	}
	return error("verify: unknown option");
}

static int parse_args(struct verify_cli *c, int argc, char **argv)
{
	int opt;
	long v;

	c->max_diffs = DEFAULT_DIFFS;
	c->strlimit = SW_DEFAULT_STRLIMIT;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+:hfo:s:", long_options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			exit(0);
		case 'f':
			c->follow = true;
			break;
		case 'o':
			c->out_path = optarg;
			break;
		case 's':
			if (sw_parse_long(optarg, 0, 1 << 20, &v) < 0)
				return error("invalid -s '%s': expected a number of bytes (0 to %d)", optarg, 1 << 20);
			c->strlimit = (unsigned)v;
			break;
		case '?':
		case ':':
			return sw_cli_bad_option("verify", opt, argv);
		default:
			if (parse_long_option(c, opt, optarg) < 0)
				return -1;
			break;
		}
	}
	if (optind >= argc)
		return error("verify: nothing to run: give a command after '--'");
	c->argv = argv + optind;
	return 0;
}

/* ---- the command -------------------------------------------------------------- */

/* Forks the command, held before its execve until sw_launch_go(). */
static int child_fork(struct sw_launch *ch, const char *path, char *const *argv)
{
	static const int handled[] = { SIGINT, SIGTERM, SIGHUP, 0 };
	extern char **environ;
	struct sw_err err = { "", 0 };
	int e;

	ch->pid = sw_launch_fork(ch, &err);
	if (ch->pid < 0)
		return error("%s", err.msg);
	if (ch->pid > 0)
		return 0;
	sw_launch_reset_signals(handled);
	sw_launch_hold(ch);
	execve(path, argv, environ);
	e = errno;
	sw_launch_fail(ch, &e, sizeof(e));
}

/* ---- the run -------------------------------------------------------------------- */

struct verify_run {
	struct vf_matcher *m;
	struct vf_report *report;
	struct sw_decode_opts dec;
	pid_t leader;
	bool started[2];     /* this engine saw the command's execve */
	int exit_code[2];    /* the command's status as each engine saw it, -1 unknown */
};

static bool is_exec(int nr)
{
	return nr == __NR_execve || nr == __NR_execveat;
}

static void on_event(struct verify_run *r, enum vf_side side, const struct sw_event *ev)
{
	if (ev->kind == SW_EV_EXIT || ev->kind == SW_EV_KILLED) {
		if (ev->pid == (uint32_t)r->leader && ev->tid == (uint32_t)r->leader)
			r->exit_code[side] = ev->kind == SW_EV_EXIT ? (int)ev->ret : 128 + ev->sig;
		return;
	}
	if (ev->kind != SW_EV_SYSCALL)
		return;
	/* compared from the command's execve on: before it, syswatch's own code ran */
	if (!r->started[side]) {
		if (ev->tid != (uint32_t)r->leader || !is_exec(ev->nr)) {
			r->report->before_exec[side]++;
			return;
		}
		r->started[side] = true;
	}
	vf_matcher_add(r->m, side, vf_call_from_event(ev, &r->dec));
}

static int on_ptrace_event(const struct sw_event *ev, void *ctx)
{
	on_event(ctx, VF_PTRACE, ev);
	return 0;
}

static int on_ebpf_event(const struct sw_event *ev, void *ctx)
{
	on_event(ctx, VF_EBPF, ev);
	return 0;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

struct engines {
	const struct sw_engine_ops *pops, *eops;
	struct sw_engine *pt, *eb;
	volatile sig_atomic_t eb_stop; /* tells the eBPF engine to end */
};

/* Opens both engines on the held child; the eBPF one first, as it is the one
 * that may be missing (privilege, BTF) and its programs must be in place
 * before the command runs. */
static int open_engines(struct engines *en, const struct verify_cli *c, pid_t pid)
{
	struct sw_engine_opts o;
	struct sw_err err = { 0 };

	en->pops = &sw_engine_ptrace;
	en->eops = sw_engine_ebpf_ops;
	if (!en->eops)
		return error("the ebpf engine is not available: this syswatch was built without it");
	memset(&o, 0, sizeof(o));
	o.pids[0] = pid;
	o.npids = 1;
	o.follow = c->follow;
	o.strlimit = c->strlimit;
	o.uid = -1;
	o.buffer_size = c->buffer_size;
	o.stop = &en->eb_stop;
	if (en->eops->open(&en->eb, &o, &err) < 0 || en->eops->start(en->eb, &err) < 0)
		return error("%s", err.msg);
	o.buffer_size = 0;
	o.stop = NULL;
	memcpy(o.inject, c->inject, sizeof(o.inject));
	o.ninject = c->ninject;
	if (en->pops->open(&en->pt, &o, &err) < 0 || en->pops->start(en->pt, &err) < 0)
		return error("%s", err.msg);
	return 0;
}

static void close_engines(struct engines *en)
{
	if (en->pt)
		en->pops->close(en->pt);
	if (en->eb)
		en->eops->close(en->eb);
	en->pt = en->eb = NULL;
}

/* Drives both engines until each has seen the end of the command. */
static int drive(struct engines *en, struct verify_run *r, struct sw_launch *ch)
{
	struct sw_err err = { 0 };
	bool pdone = false, edone = false;
	sig_atomic_t stop_seen = 0;
	uint64_t pdone_at = 0;
	int rc;

	while (!pdone || !edone) {
		if (stop_requested && stop_requested != stop_seen) {
			stop_seen = stop_requested;
			r->report->interrupted = true;
			kill(ch->pid, stop_requested == SIGKILL ? SIGKILL : stop_requested);
			if (stop_requested == SIGKILL)
				en->eb_stop = SIGKILL;
		}
		if (!pdone) {
			rc = en->pops->poll(en->pt, PTRACE_WAIT_MS, on_ptrace_event, r, &err);
			if (rc < 0)
				return error("%s", err.msg);
			if (rc == SW_ENGINE_DONE) {
				pdone = true;
				pdone_at = sw_now_ns(CLOCK_MONOTONIC);
			}
		}
		if (!edone) {
			rc = en->eops->poll(en->eb, pdone ? EBPF_WAIT_MS : 0, on_ebpf_event, r, &err);
			if (rc < 0)
				return error("%s", err.msg);
			edone = rc == SW_ENGINE_DONE;
		}
		/* the eBPF engine learns the end from the kernel; do not wait forever */
		if (pdone && !edone && !en->eb_stop && sw_now_ns(CLOCK_MONOTONIC) - pdone_at > EBPF_GRACE_NS)
			en->eb_stop = SIGTERM;
	}
	return 0;
}

static int run(const struct verify_cli *c, FILE *out)
{
	struct engines en = { NULL, NULL, NULL, NULL, 0 };
	struct sw_launch ch = { -1, -1, -1, -1, -1 };
	struct sw_err err = { "", 0 };
	struct vf_report report;
	struct verify_run r;
	struct sw_engine_stats st = { 0, 0 };
	char path[PATH_MAX];
	int status = EXIT_FAILED, e;

	if (sw_find_program(c->argv[0], path) < 0)
		return error("cannot run '%s': %s", c->argv[0], strerror(errno)), EXIT_FAILED;
	memset(&report, 0, sizeof(report));
	memset(&r, 0, sizeof(r));
	report.argv = c->argv;
	report.max_diffs = c->max_diffs;
	r.report = &report;
	r.dec.strlimit = c->strlimit;
	r.exit_code[0] = r.exit_code[1] = -1;
	r.m = vf_matcher_new(c->window, vf_report_note, &report);
	report.totals = vf_matcher_totals(r.m);
	install_signals();
	if (child_fork(&ch, path, c->argv) < 0)
		goto out;
	r.leader = ch.pid;
	if (open_engines(&en, c, ch.pid) < 0 ||
	    (sw_launch_go(&ch, &err) < 0 && error("%s", err.msg) < 0)) {
		sw_launch_abort(&ch);
		goto out;
	}
	if (drive(&en, &r, &ch) < 0) {
		/* neither engine ends a process it did not launch: this one was ours */
		if (r.exit_code[VF_PTRACE] < 0)
			kill(ch.pid, SIGKILL);
		goto out;
	}
	if (sw_launch_failure(&ch, &e, sizeof(e))) {
		error("cannot run '%s': %s", c->argv[0], strerror(e));
		goto out;
	}
	vf_matcher_finish(r.m);
	en.eops->stats(en.eb, &st);
	report.lost = st.lost;
	report.exit_code = r.exit_code[VF_PTRACE] >= 0 ? r.exit_code[VF_PTRACE] : r.exit_code[VF_EBPF];
	if (c->json)
		vf_report_json(&report, out);
	else
		vf_report_text(&report, out);
	status = vf_report_agree(&report) ? 0 : EXIT_DIFFER;
out:
	close_engines(&en);
	sw_launch_close(&ch);
	vf_report_release(&report);
	vf_matcher_free(r.m);
	return status;
}

int cmd_verify(int argc, char **argv)
{
	struct verify_cli c;
	FILE *out = stderr;
	int status;

	memset(&c, 0, sizeof(c));
	if (parse_args(&c, argc, argv) < 0)
		return EXIT_USAGE;
	if (c.out_path && !(out = fopen(c.out_path, "we")))
		return error("cannot open '%s': %s", c.out_path, strerror(errno)), EXIT_FAILED;
	status = run(&c, out);
	if (out != stderr && fclose(out) != 0 && status != EXIT_FAILED) {
		error("cannot write the report: %s", strerror(errno));
		status = EXIT_FAILED;
	}
	return status;
}
