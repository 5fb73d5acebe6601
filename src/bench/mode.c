// SPDX-License-Identifier: GPL-2.0-only
/* The mode table and its command lines. */
#include "bench/mode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"

/* bpftrace follows the workload's children as the other modes do (-f): the
 * command's pid, then every process it forks. */
#define BT_FOLLOW "BEGIN { @t[cpid] = 1; } " \
	"tracepoint:sched:sched_process_fork /@t[args->parent_pid]/ { @t[args->child_pid] = 1; } "

const struct sw_bench_mode sw_bench_modes[] = {
	{ "native", "the workload alone", NULL, 0, { "{child}" } },
	{ "ebpf-floor", "empty eBPF programs on sys_enter/sys_exit: the least an eBPF tracer costs",
	  NULL, SW_BENCH_M_EBPF | SW_BENCH_M_ROOT, { "{sw}", "bench", "--floor", "--", "{child}" } },
	{ "ptrace", "syswatch trace, ptrace engine, every syscall", NULL, SW_BENCH_M_SLOW,
	  { "{sw}", "trace", "--engine", "ptrace", "-f", "-o", "/dev/null", "--", "{child}" } },
	{ "ptrace-filtered", "syswatch trace, ptrace engine, hot syscalls left to the seccomp pre-filter",
	  NULL, SW_BENCH_M_FILTERED,
	  { "{sw}", "trace", "--engine", "ptrace", "-f", "-e", "trace=!{hot}", "-o", "/dev/null", "--", "{child}" } },
	{ "ptrace-inject", "syswatch trace, ptrace engine, every syscall, getppid failed by --inject (EPERM)",
	  NULL, SW_BENCH_M_SLOW,
	  { "{sw}", "trace", "--engine", "ptrace", "-f", "--inject", "getppid:error=EPERM", "-o", "/dev/null", "--",
	    "{child}" } },
	{ "seccomp-deny", "syswatch run --no-count: getppid denied in the kernel (EPERM), every other syscall "
	  "through the seccomp filter", NULL, 0,
	  { "{sw}", "run", "--no-count", "--deny", "getppid:errno=EPERM", "-o", "/dev/null", "--", "{child}" } },
	{ "seccomp-supervise", "syswatch run: getppid answered by the supervisor (user notification), opens "
	  "made by it (--supervise, ADDFD)", NULL, 0,
	  { "{sw}", "run", "--deny", "getppid:log", "--supervise", "path=/nonexistent-syswatch-bench/* deny", "-o",
	    "/dev/null", "--", "{child}" } },
	{ "ebpf-stat", "syswatch stat, eBPF engine: counts aggregated in the kernel", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "stat", "--engine", "ebpf", "-f", "--", "{child}" } },
	{ "ebpf-trace", "syswatch trace, eBPF engine: every event streamed to a file", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "trace", "--engine", "ebpf", "-f", "-o", "{out}", "--", "{child}" } },
	{ "ebpf-filtered", "syswatch trace, eBPF engine, hot syscalls filtered out in the kernel", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_FILTERED | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "trace", "--engine", "ebpf", "-f", "-e", "trace=!{hot}", "-o", "{out}", "--", "{child}" } },
	{ "ebpf-trace-y", "as ebpf-trace, with -y: descriptors named in the kernel (paths)", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "trace", "--engine", "ebpf", "-f", "-y", "-o", "{out}", "--", "{child}" } },
	{ "ebpf-trace-yy", "as ebpf-trace, with -yy: and socket addresses, device numbers", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "trace", "--engine", "ebpf", "-f", "-yy", "-o", "{out}", "--", "{child}" } },
	{ "ebpf-trace-k", "as ebpf-trace, with -k: user stacks taken in the kernel, named in user space", NULL,
	  SW_BENCH_M_EBPF | SW_BENCH_M_LOST | SW_BENCH_M_ROOT,
	  { "{sw}", "trace", "--engine", "ebpf", "-f", "-k", "-o", "{out}", "--", "{child}" } },
	{ "ebpf-monitor", "the monitor's eBPF path: credentials, parent, program identity, descriptors, "
	  "working directory and programs resolved to paths in the kernel, io_uring; events read and dropped",
	  NULL, SW_BENCH_M_EBPF | SW_BENCH_M_ROOT, { "{sw}", "bench", "--monitor-path", "--", "{child}" } },
	{ "ebpf-monitor-nores", "as ebpf-monitor, without resolving descriptors and paths: what resolution costs",
	  NULL, SW_BENCH_M_EBPF | SW_BENCH_M_ROOT, { "{sw}", "bench", "--monitor-path-nores", "--", "{child}" } },
	{ "strace", "strace -f", "strace", SW_BENCH_M_SLOW,
	  { "strace", "-f", "-o", "/dev/null", "--", "{child}" } },
	{ "strace-c", "strace -f -c (counts only)", "strace", SW_BENCH_M_SLOW,
	  { "strace", "-f", "-c", "-o", "/dev/null", "--", "{child}" } },
	{ "strace-seccomp", "strace -f --seccomp-bpf without the hot syscalls", "strace", SW_BENCH_M_FILTERED,
	  { "strace", "-f", "--seccomp-bpf", "-e", "trace=!{hot}", "-o", "/dev/null", "--", "{child}" } },
	{ "perf-trace", "perf trace", "perf", SW_BENCH_M_SLOW | SW_BENCH_M_ROOT | SW_BENCH_M_TRACEFS,
	  { "perf", "trace", "-o", "/dev/null", "--", "{child}" } },
	{ "bpftrace-count", "bpftrace counting sys_enter in a map", "bpftrace",
	  SW_BENCH_M_EBPF | SW_BENCH_M_ROOT,
	  { "bpftrace", "-e",
	    BT_FOLLOW "tracepoint:raw_syscalls:sys_enter /@t[pid]/ { @calls = count(); }",
	    "-c", "{child_str}" } },
	{ "bpftrace-printf", "bpftrace printing every sys_enter (to /dev/null)", "bpftrace",
	  SW_BENCH_M_EBPF | SW_BENCH_M_SLOW | SW_BENCH_M_ROOT,
	  { "bpftrace", "-e",
	    BT_FOLLOW "tracepoint:raw_syscalls:sys_enter /@t[pid]/ { printf(\"%d %d\\n\", pid, args->id); }",
	    "-c", "{child_str}" } },
};
const unsigned sw_bench_nmodes = sizeof(sw_bench_modes) / sizeof(sw_bench_modes[0]);

const struct sw_bench_mode *sw_bench_mode_find(const char *name)
{
	for (unsigned i = 0; i < sw_bench_nmodes; i++)
		if (strcmp(sw_bench_modes[i].name, name) == 0)
			return &sw_bench_modes[i];
	return NULL;
}

const struct sw_bench_mode *sw_bench_mode_floor(void)
{
	return &sw_bench_modes[1];
}

const struct sw_bench_mode *sw_bench_mode_trace(void)
{
	static const struct sw_bench_mode *trace;

	if (!trace)
		trace = sw_bench_mode_find("ebpf-trace");
	return trace;
}

double sw_bench_mode_trace_target(const struct sw_bench_mode *m)
{
	static const struct { const char *name; double target; } variants[] = {
		{ "ebpf-trace-y", 1.3 }, { "ebpf-trace-yy", -1 }, { "ebpf-trace-k", 2.0 },
	};

	for (unsigned i = 0; m && i < sizeof(variants) / sizeof(variants[0]); i++)
		if (strcmp(m->name, variants[i].name) == 0)
			return variants[i].target;
	return 0;
}

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	while (*path) {
		size_t n = strcspn(path, ":");

		if (n > 0 && n + strlen(prog) + 2 <= sizeof(buf)) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
			if (access(buf, X_OK) == 0)
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

const char *sw_bench_mode_unavailable(const struct sw_bench_mode *m, char *buf, size_t len)
{
	struct stat st;

	if (m->tool && !in_path(m->tool)) {
		snprintf(buf, len, "%s is not installed", m->tool);
		return buf;
	}
	if ((m->flags & SW_BENCH_M_ROOT) && geteuid() != 0) {
		snprintf(buf, len, "needs root");
		return buf;
	}
	if ((m->flags & SW_BENCH_M_TRACEFS) && stat("/sys/kernel/tracing/events", &st) != 0 &&
	    stat("/sys/kernel/debug/tracing/events", &st) != 0) {
		snprintf(buf, len, "needs tracefs (mount -t tracefs nodev /sys/kernel/tracing)");
		return buf;
	}
	return NULL;
}

static char *expand_word(const char *tpl, const struct sw_bench_argv_vars *v)
{
	static const char *const keys[] = { "{sw}", "{out}", "{hot}" };
	const char *vals[] = { v->sw, v->out, v->hot };
	struct sw_strbuf sb = SW_STRBUF_INIT;

	while (*tpl) {
		bool done = false;

		for (unsigned k = 0; k < 3 && !done; k++) {
			size_t n = strlen(keys[k]);

			if (strncmp(tpl, keys[k], n) == 0) {
				sw_strbuf_puts(&sb, vals[k] ? vals[k] : "");
				tpl += n;
				done = true;
			}
		}
		if (!done)
			sw_strbuf_putc(&sb, *tpl++);
	}
	if (!sb.buf)
		return sw_xstrdup("");
	return sb.buf; /* the buffer's ownership passes to the caller */
}

char **sw_bench_mode_argv(const struct sw_bench_mode *m, const struct sw_bench_argv_vars *v)
{
	size_t nchild = 0, n = 0;
	char **argv;

	while (v->child && v->child[nchild])
		nchild++;
	argv = sw_xcalloc(SW_BENCH_ARGV_MAX + nchild + 1, sizeof(*argv));
	for (unsigned i = 0; i < SW_BENCH_ARGV_MAX && m->argv[i]; i++) {
		if (strcmp(m->argv[i], "{child}") == 0) {
			for (size_t j = 0; j < nchild; j++)
				argv[n++] = sw_xstrdup(v->child[j]);
		} else if (strcmp(m->argv[i], "{child_str}") == 0) {
			struct sw_strbuf sb = SW_STRBUF_INIT;

			for (size_t j = 0; j < nchild; j++) {
				if (j)
					sw_strbuf_putc(&sb, ' ');
				sw_strbuf_puts(&sb, v->child[j]);
			}
			argv[n++] = sb.buf ? sb.buf : sw_xstrdup("");
		} else {
			argv[n++] = expand_word(m->argv[i], v);
		}
	}
	argv[n] = NULL;
	return argv;
}

void sw_bench_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}
