// SPDX-License-Identifier: GPL-2.0-only
/* syswatch bench: runs workloads natively and under every interception mode,
 * and reports the cost of each side by side (table, JSON, CSV, Markdown,
 * charts). See src/bench/ for the pieces. */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <libgen.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/counter.h"
#include "bench/mode.h"
#include "bench/report.h"
#include "bench/runner.h"
#include "bench/workload.h"
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "util/error.h"

#define MAX_PLOTS 4

struct sw_bench_opts {
	struct sw_bench_plan plan;
	const char *json, *csv, *markdown;
	const char *plots[MAX_PLOTS];
	unsigned nplots;
	bool list;
	/* hidden: what the runner's children run */
	const char *run_workload;
	const char *report;
	bool floor;
	int monitor_path;   /* --monitor-path (1), --monitor-path-nores (2) */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: syswatch bench [--workload NAME,...] [--modes MODE,...] [--runs N] [--size N|small|...]\n"
		"                      [--slow-size N] [--block-size N] [--exclude SET] [--cpu LIST]\n"
		"                      [--timeout SEC] [--json F] [--csv F] [--markdown F] [--plot F.png|F.svg]\n"
		"                      [--list] [-q] [-- CMD [ARG...]]\n\n"
		"Runs each workload natively and under each interception mode: a warm-up run (on which\n"
		"the kernel counts the workload's syscalls), then N timed runs per mode, interleaved.\n"
		"Reports medians [min-max], the ratio to native, the nanoseconds each mode adds to a\n"
		"syscall, syscalls per second, CPU, peak RSS and minor faults of tracee and tracer,\n"
		"and lost events.\n\n"
		"  --workload LIST   built-in workloads, or 'all' (default: all; with -- CMD: the command only)\n"
		"  --modes LIST      modes to compare, or 'all' (default: every mode; native always runs)\n"
		"  --runs N          timed runs per mode (default 5)\n"
		"  --size N|small|medium|large  operations per run: N for every workload, or each\n"
		"                    workload's own (medium, the default) divided by 100 or times 10\n"
		"  --slow-size N     operations for the modes costing tens of µs per syscall (default size/10)\n"
		"  --block-size N    bytes per read/write of dd and mixed (default %d)\n"
		"  --exclude SET     syscalls the filtered modes leave out (default: the workload's hot ones)\n"
		"  --cpu LIST        pin every run (tracer and tracee) to these CPUs, e.g. 1 or 0-1\n"
		"  --timeout SEC     a run taking longer fails (default 300)\n"
		"  --json/--csv/--markdown F   write the results there too; --plot F.png or F.svg: the charts\n"
		"  --list            list the workloads and modes, and whether each mode can run here\n"
		"  -q                no progress line\n",
		SW_BENCH_BLOCK_SIZE);
}

static void list(void)
{
	char why[SW_BENCH_REASON_MAX];

	printf("workloads:\n");
	for (unsigned i = 0; i < sw_bench_nworkloads; i++)
		printf("  %-18s %s (size %ld)\n", sw_bench_workloads[i].name, sw_bench_workloads[i].what,
		       sw_bench_workloads[i].size);
	printf("\nmodes:\n");
	for (unsigned i = 0; i < sw_bench_nmodes; i++) {
		const char *no = sw_bench_mode_unavailable(&sw_bench_modes[i], why, sizeof(why));

		printf("  %-18s %s%s%s%s\n", sw_bench_modes[i].name, sw_bench_modes[i].what, no ? " (skipped: " : "",
		       no ? no : "", no ? ")" : "");
	}
}

static int parse_workloads(struct sw_bench_plan *p, const char *arg)
{
	char *copy = sw_xstrdup(arg), *save = NULL;
	int rc = 0;

	p->nworkloads = 0;
	for (char *w = strtok_r(copy, ",", &save); w && rc == 0; w = strtok_r(NULL, ",", &save)) {
		const struct sw_bench_workload *wl = sw_bench_workload_find(w);

		if (strcmp(w, "all") == 0) {
			for (unsigned i = 0; i < sw_bench_nworkloads; i++)
				p->workloads[p->nworkloads++] = &sw_bench_workloads[i];
			continue;
		}
		if (!wl || wl == &sw_bench_workload_cmd)
			rc = error("unknown workload '%s' (known: getppid, dd, openclose, forkexec, mixed, all)", w);
		else if (p->nworkloads < 10)
			p->workloads[p->nworkloads++] = wl;
	}
	free(copy);
	return rc;
}

static int parse_modes(struct sw_bench_plan *p, const char *arg)
{
	bool want[32] = { true }; /* native always */
	char *copy = sw_xstrdup(arg), *save = NULL;
	int rc = 0;

	for (char *m = strtok_r(copy, ",", &save); m && rc == 0; m = strtok_r(NULL, ",", &save)) {
		const struct sw_bench_mode *mode = sw_bench_mode_find(m);

		if (strcmp(m, "all") == 0) {
			for (unsigned i = 0; i < sw_bench_nmodes; i++)
				want[i] = true;
		} else if (!mode) {
			rc = error("unknown mode '%s' (see 'syswatch bench --list')", m);
		} else {
			want[mode - sw_bench_modes] = true;
		}
	}
	free(copy);
	p->nmodes = 0;
	for (unsigned i = 0; i < sw_bench_nmodes; i++)
		if (want[i])
			p->modes[p->nmodes++] = &sw_bench_modes[i];
	return rc;
}

static int parse_cpus(struct sw_bench_plan *p, const char *arg)
{
	const char *s = arg;
	cpu_set_t usable;

	if (sched_getaffinity(0, sizeof(usable), &usable) < 0)
		return error("cannot read the CPUs this process may use: %s", strerror(errno));
	CPU_ZERO(&p->cpus);
	while (*s) {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (end == s || a < 0 || a >= CPU_SETSIZE)
			return error("bad CPU list '%s' (e.g. 1 or 0-1 or 0,2)", arg);
		s = end;
		if (*s == '-') {
			b = strtol(s + 1, &end, 10);
			if (end == s + 1 || b < a || b >= CPU_SETSIZE)
				return error("bad CPU list '%s' (e.g. 1 or 0-1 or 0,2)", arg);
			s = end;
		}
		for (long c = a; c <= b; c++) {
			if (!CPU_ISSET(c, &usable))
				return error("bad CPU list '%s': CPU %ld is not available here (%d usable)", arg, c,
					     CPU_COUNT(&usable));
			CPU_SET(c, &p->cpus);
		}
		if (*s == ',')
			s++;
		else if (*s)
			return error("bad CPU list '%s' (e.g. 1 or 0-1 or 0,2)", arg);
	}
	p->pin = true;
	return 0;
}

static int parse_size(struct sw_bench_plan *p, const char *arg)
{
	static const struct { const char *name; double scale; } named[] = {
		{ "small", 0.01 }, { "medium", 1 }, { "large", 10 },
	};

	for (unsigned i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcmp(arg, named[i].name) == 0) {
			p->scale = named[i].scale;
			p->size = 0;
			return 0;
		}
	if (sw_parse_long(arg, 1, 1000000000L, &p->size) < 0)
		return error("--size must be small, medium, large or a number from 1 to 1000000000, not '%s'", arg);
	return 0;
}

static int number(const char *opt, const char *arg, long min, long max, long *out)
{
	if (sw_parse_long(arg, min, max, out) < 0)
		return error("%s must be a number from %ld to %ld, not '%s'", opt, min, max, arg);
	return 0;
}

enum { O_WORKLOAD = 256, O_MODES, O_RUNS, O_SIZE, O_SLOW, O_BLOCK, O_EXCLUDE, O_CPU, O_TIMEOUT,
       O_JSON, O_CSV, O_MD, O_PLOT, O_LIST, O_RUNWL, O_REPORT, O_FLOOR,
       O_MONPATH, O_MONPATH_NORES };

static const struct option longopts[] = {
	{ "workload", required_argument, NULL, O_WORKLOAD },
	{ "workloads", required_argument, NULL, O_WORKLOAD },
	{ "modes", required_argument, NULL, O_MODES },
	{ "runs", required_argument, NULL, O_RUNS },
	{ "size", required_argument, NULL, O_SIZE },
	{ "slow-size", required_argument, NULL, O_SLOW },
	{ "block-size", required_argument, NULL, O_BLOCK },
	{ "exclude", required_argument, NULL, O_EXCLUDE },
	{ "cpu", required_argument, NULL, O_CPU },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "json", required_argument, NULL, O_JSON },
	{ "csv", required_argument, NULL, O_CSV },
	{ "markdown", required_argument, NULL, O_MD },
	{ "plot", required_argument, NULL, O_PLOT },
	{ "list", no_argument, NULL, O_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "run-workload", required_argument, NULL, O_RUNWL },
	{ "report", required_argument, NULL, O_REPORT },
	{ "floor", no_argument, NULL, O_FLOOR },
	{ "monitor-path", no_argument, NULL, O_MONPATH },
	{ "monitor-path-nores", no_argument, NULL, O_MONPATH_NORES },
	{ NULL, 0, NULL, 0 },
};

/* Returns 0 to go on, 1 when done (help), -1 on a bad option. */
static int parse(int argc, char **argv, struct sw_bench_opts *o)
{
	struct sw_bench_plan *p = &o->plan;
	bool workloads_given = false;
	long n;
	int c;

	p->runs = 5;
	p->timeout_s = 300;
	p->progress = isatty(2);
	parse_modes(p, "all");
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hqw:m:", longopts, NULL)) != -1) {
		int rc = 0;

		switch (c) {
		case 'w':
		case O_WORKLOAD: rc = parse_workloads(p, optarg); workloads_given = true; break;
		case 'm':
		case O_MODES: rc = parse_modes(p, optarg); break;
		case O_RUNS: rc = number("--runs", optarg, 1, 1000, &n); p->runs = (unsigned)n; break;
		case O_SIZE: rc = parse_size(p, optarg); break;
		case O_SLOW: rc = number("--slow-size", optarg, 1, 1000000000L, &p->slow_size); break;
		case O_BLOCK: rc = number("--block-size", optarg, 1, 64L << 20, &p->block_size); break;
		case O_EXCLUDE: p->exclude = optarg; break;
		case O_CPU: rc = parse_cpus(p, optarg); break;
		case O_TIMEOUT: rc = number("--timeout", optarg, 1, 86400, &n); p->timeout_s = (unsigned)n; break;
		case O_JSON: o->json = optarg; break;
		case O_CSV: o->csv = optarg; break;
		case O_MD: o->markdown = optarg; break;
		case O_PLOT:
			if (o->nplots == MAX_PLOTS)
				rc = error("at most %d --plot files", MAX_PLOTS);
			else
				o->plots[o->nplots++] = optarg;
			break;
		case O_LIST: o->list = true; break;
		case 'q': p->progress = false; break;
		case O_RUNWL: o->run_workload = optarg; break;
		case O_REPORT: o->report = optarg; break;
		case O_FLOOR: o->floor = true; break;
		case O_MONPATH: o->monitor_path = 1; break;
		case O_MONPATH_NORES: o->monitor_path = 2; break;
		case 'h': usage(stdout); return 1;
		default:
			return sw_cli_bad_option("bench", c, argv);
		}
		if (rc < 0)
			return -1;
	}
	if (optind < argc && strcmp(argv[optind - 1], "--") != 0 && !o->run_workload && !o->floor &&
	    !o->monitor_path)
		return error("bench: unexpected '%s' (a command goes after --)", argv[optind]);
	p->cmd = optind < argc ? argv + optind : NULL;
	if (!workloads_given && !p->cmd)
		parse_workloads(p, "all");
	if (p->cmd)
		p->workloads[p->nworkloads++] = &sw_bench_workload_cmd;
	return 0;
}

/* The hidden subcommand a run's child executes: the workload itself. */
static int run_workload_main(const struct sw_bench_opts *o)
{
	const struct sw_bench_workload *w = sw_bench_workload_find(o->run_workload);
	struct sw_bench_work_params p = { o->plan.size > 0 ? o->plan.size : 1, o->plan.block_size, o->plan.cmd };
	struct sw_bench_work_result r;
	struct sw_err err = { 0 };

	if (!w)
		return error("unknown workload '%s'", o->run_workload), 2;
	if (sw_bench_workload_run(w, &p, &r, &err) < 0)
		return error("%s", err.msg), 1;
	if (o->report && sw_bench_work_result_write(o->report, &r, &err) < 0)
		return error("%s", err.msg), 1;
	/* Nothing is left to flush, and exit handlers have nothing to do here:
	 * under a tracer they could not even run (a sanitizer's leak check
	 * ptrace-attaches to the process, which its tracer already holds). */
	_exit(r.cmd_status);
}

/* The markdown's link to the chart: relative when they share a folder. */
static const char *chart_link(const struct sw_bench_opts *o, char *buf, size_t len)
{
	char a[4096], b[4096];
	const char *png = NULL;

	for (unsigned i = 0; i < o->nplots; i++)
		if (!png || strstr(o->plots[i], ".png"))
			png = o->plots[i];
	if (!png || !o->markdown)
		return png;
	snprintf(a, sizeof(a), "%s", o->markdown);
	snprintf(b, sizeof(b), "%s", png);
	if (strcmp(dirname(a), dirname(b)) != 0)
		return png;
	snprintf(b, sizeof(b), "%s", png);
	snprintf(buf, len, "%s", basename(b));
	return buf;
}

static int write_outputs(const struct sw_bench_opts *o, const struct sw_bench_results *res,
			 const struct sw_bench_machine *mp)
{
	struct sw_bench_machine m = *mp;
	struct sw_err err = { 0 };
	char link[512];
	int rc = 0;

	sw_bench_report_table(stdout, res);
	fflush(stdout);
	if (o->json && sw_bench_report_json(o->json, res, &m, &err) < 0)
		rc = error("%s", err.msg);
	if (o->csv && sw_bench_report_csv(o->csv, res, &err) < 0)
		rc = error("%s", err.msg);
	if (o->markdown && sw_bench_report_markdown(o->markdown, res, &m, chart_link(o, link, sizeof(link)), &err) < 0)
		rc = error("%s", err.msg);
	for (unsigned i = 0; i < o->nplots; i++)
		if (sw_bench_report_plot(o->plots[i], res, &m, &err) < 0)
			rc = error("%s", err.msg);
	return rc;
}

static volatile sig_atomic_t interrupted;

/* Whether path can be written, checked before a run that may take minutes:
 * an existing file must be writable, a new one needs a writable folder. */
static int check_writable(const char *opt, const char *path)
{
	char dir[4096];
	struct stat st;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return error("cannot write %s '%s': %s", opt, path, strerror(EISDIR));
		if (access(path, W_OK) < 0)
			return error("cannot write %s '%s': %s", opt, path, strerror(errno));
		return 0;
	}
	if (errno != ENOENT)
		return error("cannot write %s '%s': %s", opt, path, strerror(errno));
	snprintf(dir, sizeof(dir), "%s", path);
	if (stat(dirname(dir), &st) < 0)
		return error("cannot write %s '%s': %s", opt, path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return error("cannot write %s '%s': %s", opt, path, strerror(ENOTDIR));
	snprintf(dir, sizeof(dir), "%s", path);
	if (access(dirname(dir), W_OK) < 0)
		return error("cannot write %s '%s': %s", opt, path, strerror(errno));
	return 0;
}

static int check_outputs(const struct sw_bench_opts *o)
{
	if (o->json && check_writable("--json", o->json) < 0)
		return -1;
	if (o->csv && check_writable("--csv", o->csv) < 0)
		return -1;
	if (o->markdown && check_writable("--markdown", o->markdown) < 0)
		return -1;
	for (unsigned i = 0; i < o->nplots; i++)
		if (check_writable("--plot", o->plots[i]) < 0)
			return -1;
	return 0;
}

static void on_signal(int sig)
{
	interrupted = 1;
}

int cmd_bench(int argc, char **argv)
{
	struct sw_bench_opts o = { 0 };
	struct sw_bench_machine machine;
	struct sw_bench_results res;
	struct sw_err err = { 0 };
	unsigned failed = 0, native_ok = 0;
	int rc = parse(argc, argv, &o);

	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (o.run_workload)
		return run_workload_main(&o);
	if (o.floor) {
		rc = sw_bench_floor_main(o.plan.cmd, &err);
		return rc < 0 ? (error("%s", err.msg), 1) : rc;
	}
	if (o.monitor_path) {
		rc = sw_bench_monitor_main(o.plan.cmd, o.monitor_path == 1, &err);
		return rc < 0 ? (error("%s", err.msg), 1) : rc;
	}
	if (o.list) {
		list();
		return 0;
	}
	for (unsigned i = 0; i < o.nplots; i++) {
		size_t n = strlen(o.plots[i]);

		if (n < 4 || (strcmp(o.plots[i] + n - 4, ".png") != 0 && strcmp(o.plots[i] + n - 4, ".svg") != 0))
			return error("--plot %s: name the file .png or .svg", o.plots[i]), 2;
	}
	if (check_outputs(&o) < 0)
		return 1;
	/* an interrupted bench kills the run in progress (its own process group) */
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	o.plan.stop = &interrupted;
	sw_bench_machine_get(&machine); /* before the bench loads the machine */
	if (sw_bench_run_plan(&o.plan, &res, &err) < 0)
		return error("%s", err.msg), interrupted ? 130 : 1;
	sw_bench_summarize(&res);
	rc = write_outputs(&o, &res, &machine);
	for (unsigned i = 0; i < res.n; i++) {
		failed += res.r[i].state == SW_BENCH_FAILED;
		native_ok += sw_bench_mode_is_native(res.r[i].mode) && res.r[i].state == SW_BENCH_OK;
	}
	if (failed)
		warning("%u of %u results failed (see the table)", failed, res.n);
	sw_bench_results_release(&res);
	if (native_ok == 0)
		return error("the workloads did not run natively: nothing to compare"), 1;
	return rc < 0 ? 1 : 0;
}
