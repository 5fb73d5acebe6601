// SPDX-License-Identifier: GPL-2.0-only
/* Runs the bench plan: probe, warm-up (counting) runs, timed rounds. */
#include "bench/runner.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/counter.h"
#include "bench/spawn.h"
#include "core/syscalls.h"
#include "engine/ebpf/ebpf.h"
#include "engine/engine.h"
#include "resolve/resolve.h"

/* snprintf that may cut: reasons and paths are bounded on purpose. */
static void __attribute__((format(printf, 3, 4))) fmt(char *dst, size_t len, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(dst, len, f, ap);
	va_end(ap);
}

/* Where runs keep their scratch files, and the name the workload runs under. */
struct env {
	const struct sw_bench_plan *plan;
	char sw[PATH_MAX];     /* the syswatch binary */
	char dir[PATH_MAX];    /* scratch folder */
	char link[PATH_MAX];   /* dir/COMM -> sw: the workload's command name is COMM */
	char comm[16];
	char report[PATH_MAX], out[PATH_MAX], errlog[PATH_MAX];
	unsigned step, steps;  /* progress */
};

static int env_init(struct env *e, const struct sw_bench_plan *p, struct sw_err *err)
{
	const char *tmp = getenv("TMPDIR");
	ssize_t n;

	memset(e, 0, sizeof(*e));
	e->plan = p;
	n = readlink("/proc/self/exe", e->sw, sizeof(e->sw) - 1);
	if (n <= 0)
		return sw_err_set(err, "cannot find the syswatch binary: %s", strerror(errno));
	e->sw[n] = '\0';
	/* bpftrace splits its -c command at spaces: keep the paths free of them */
	if (!tmp || !*tmp || strchr(tmp, ' ') || strlen(tmp) > 200)
		tmp = "/tmp";
	snprintf(e->dir, sizeof(e->dir), "%s/syswatch-bench.XXXXXX", tmp);
	if (!mkdtemp(e->dir))
		return sw_err_set(err, "cannot create a folder in %s: %s", tmp, strerror(errno));
	snprintf(e->comm, sizeof(e->comm), "swb%d", (int)getpid());
	fmt(e->link, sizeof(e->link), "%s/%s", e->dir, e->comm);
	fmt(e->report, sizeof(e->report), "%s/report", e->dir);
	fmt(e->out, sizeof(e->out), "%s/out", e->dir);
	fmt(e->errlog, sizeof(e->errlog), "%s/stderr", e->dir);
	if (symlink(e->sw, e->link) < 0)
		return sw_err_set(err, "cannot create %s: %s", e->link, strerror(errno));
	return 0;
}

static void env_cleanup(struct env *e)
{
	if (!e->dir[0])
		return;
	unlink(e->link);
	unlink(e->report);
	unlink(e->out);
	unlink(e->errlog);
	rmdir(e->dir);
}

static void progress(struct env *e, const struct sw_bench_result *r, const char *what)
{
	if (!e->plan->progress)
		return;
	fprintf(stderr, "\r\033[Ksyswatch bench: [%u/%u] %s, %s: %s", e->step, e->steps,
		r->wl->name, r->mode->name, what);
	fflush(stderr);
}

int64_t sw_bench_parse_lost(const char *text)
{
	int64_t sum = -1;

	while (text && *text) {
		size_t len = strcspn(text, "\n");
		bool lost = false;

		for (size_t i = 0; i + 4 <= len; i++)
			if (strncasecmp(text + i, "lost", 4) == 0)
				lost = true;
		for (size_t i = 0; lost && i < len; i++) {
			if (isdigit((unsigned char)text[i]) && (i == 0 || !isalnum((unsigned char)text[i - 1]))) {
				sum = (sum < 0 ? 0 : sum) + strtoll(text + i, NULL, 10);
				break;
			}
		}
		text += len;
		if (*text)
			text++;
	}
	return sum;
}

/* The command's messages (its stderr), at most len - 1 bytes of the end. */
static void read_errlog(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	long size;
	size_t n = 0;

	buf[0] = '\0';
	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > (long)len - 1)
		fseek(f, size - (long)(len - 1), SEEK_SET);
	else
		fseek(f, 0, SEEK_SET);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* The last non-blank line of text, for a one-line reason. */
static void last_line(const char *text, char *out, size_t len)
{
	const char *end = text + strlen(text), *start;

	while (end > text && isspace((unsigned char)end[-1]))
		end--;
	start = end;
	while (start > text && start[-1] != '\n')
		start--;
	snprintf(out, len, "%.*s", (int)(end - start), start);
}

/* Events the mode says it lost: on its stderr, or in the last lines of its
 * output file, where syswatch trace writes "syswatch: N events lost". */
static int64_t lost_events(struct env *e, const struct sw_bench_mode *m, const char *log)
{
	int64_t lost = sw_bench_parse_lost(log), more;
	char tail[4096], *line, *save = NULL;

	if (!(m->flags & SW_BENCH_M_LOST))
		return lost;
	read_errlog(e->out, tail, sizeof(tail));
	for (line = strtok_r(tail, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "syswatch:", 9) != 0 || (more = sw_bench_parse_lost(line)) < 0)
			continue;
		lost = (lost < 0 ? 0 : lost) + more;
	}
	return lost < 0 ? 0 : lost;
}

static char **child_argv(struct env *e, const struct sw_bench_result *r, long size)
{
	char sz[32], bs[32];
	char *fixed[] = { e->link, "bench", "--run-workload", (char *)r->wl->name, "--size", sz,
			  "--block-size", bs, "--report", e->report };
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), ncmd = 0, n = 0;
	bool cmd = r->wl == &sw_bench_workload_cmd;
	char **argv;

	snprintf(sz, sizeof(sz), "%ld", size);
	snprintf(bs, sizeof(bs), "%ld", e->plan->block_size > 0 ? e->plan->block_size : SW_BENCH_BLOCK_SIZE);
	while (cmd && e->plan->cmd[ncmd])
		ncmd++;
	argv = sw_xcalloc(nfixed + ncmd + 2, sizeof(*argv));
	for (size_t i = 0; i < nfixed; i++)
		argv[n++] = sw_xstrdup(fixed[i]);
	if (cmd) {
		argv[n++] = sw_xstrdup("--");
		for (size_t i = 0; i < ncmd; i++)
			argv[n++] = sw_xstrdup(e->plan->cmd[i]);
	}
	return argv;
}

/* The tracer's share of what wait4 reported for the mode's process tree.
 * When the tracer reaped the workload, the total includes it: subtract.
 * A tracer that exits without reaping it (perf trace) leaves it out: then
 * the total is the tracer's alone. The workload's minor faults, which
 * cannot shrink, tell the two apart. */
static void usage_sub(struct sw_bench_usage *tracer, const struct sw_bench_usage *total,
		      const struct sw_bench_usage *tracee)
{
	bool reaped = total->minflt >= tracee->minflt;

#define SUB(f) tracer->f = !reaped ? total->f : total->f > tracee->f ? total->f - tracee->f : 0
	SUB(user_us);
	SUB(sys_us);
	SUB(minflt);
#undef SUB
}

/* Why a finished run failed, or "" when it did not. */
static void run_failure(struct env *e, const struct sw_bench_spawn_result *sr, const char *log,
			char *reason, size_t len)
{
	char line[SW_BENCH_REASON_MAX];

	reason[0] = '\0';
	last_line(log, line, sizeof(line));
	if (sr->timed_out)
		fmt(reason, len, "timed out after %u s", e->plan->timeout_s);
	else if (WIFSIGNALED(sr->status))
		fmt(reason, len, "killed by signal %d%s%s", WTERMSIG(sr->status), line[0] ? ": " : "", line);
	else if (WEXITSTATUS(sr->status) != 0)
		fmt(reason, len, "%s", line[0] ? line : "exited with a non-zero status");
}

/* One run of r's mode at this size. counts: when non-NULL, count syscalls in
 * the kernel during the run. Returns -1 with r->reason set on failure. */
static int run_once(struct env *e, struct sw_bench_result *r, long size, struct sw_bench_run *run,
		    struct sw_bench_counts *counts, bool *counted)
{
	char **child = child_argv(e, r, size), **argv;
	struct sw_bench_argv_vars vars = { e->sw, e->out, r->hot, child };
	struct sw_bench_spawn_opts so = { 0 };
	struct sw_bench_spawn_result sr;
	struct sw_bench_work_result wr;
	struct sw_bench_counter *counter = NULL;
	struct sw_err err = { 0 };
	char log[4096];
	int rc;

	argv = sw_bench_mode_argv(r->mode, &vars);
	unlink(e->report);
	unlink(e->out);
	so.stderr_path = e->errlog;
	so.pin = e->plan->pin;
	so.cpus = e->plan->cpus;
	so.timeout_s = e->plan->timeout_s;
	so.sample_hwm = !sw_bench_mode_is_native(r->mode);
	so.stop = e->plan->stop;
	if (counts && counted)
		*counted = sw_bench_counter_open(&counter, e->comm, &err) == 0;
	rc = sw_bench_spawn(argv, &so, &sr, &err);
	if (counter)
		sw_bench_counter_read(counter, counts);
	sw_bench_counter_close(counter);
	sw_bench_argv_free(argv);
	sw_bench_argv_free(child);
	if (rc < 0 || sr.stopped) {
		fmt(r->reason, sizeof(r->reason), "%s", rc < 0 ? err.msg : "interrupted");
		return -1;
	}
	read_errlog(e->errlog, log, sizeof(log));
	run_failure(e, &sr, log, r->reason, sizeof(r->reason));
	if (r->reason[0])
		return -1;
	if (sw_bench_work_result_read(e->report, &wr, &err) < 0) {
		char line[SW_BENCH_REASON_MAX];

		last_line(log, line, sizeof(line));
		fmt(r->reason, sizeof(r->reason), "%s%s%s", err.msg, line[0] ? ": " : "", line);
		return -1;
	}
	if (wr.cmd_status != 0) {
		fmt(r->reason, sizeof(r->reason), "the command exited with status %d", wr.cmd_status);
		return -1;
	}
	memset(run, 0, sizeof(*run));
	run->wall_ns = sr.wall_ns;
	run->work_ns = wr.work_ns;
	run->ops = wr.ops;
	run->tracee = wr.usage;
	if (!sw_bench_mode_is_native(r->mode)) {
		usage_sub(&run->tracer, &sr.total, &wr.usage);
		/* wait4's maxrss is the larger of the tracer's and its children's:
		 * when it exceeds the tracee's it is the tracer's, exactly */
		run->tracer.maxrss_kb = sr.total.maxrss_kb > wr.usage.maxrss_kb ? sr.total.maxrss_kb : 0;
		if (sr.hwm_kb > run->tracer.maxrss_kb)
			run->tracer.maxrss_kb = sr.hwm_kb;
	}
	run->lost = lost_events(e, r->mode, log);
	return 0;
}

static bool stopped(const struct env *e)
{
	return e->plan->stop && *e->plan->stop;
}

static long mode_size(const struct sw_bench_plan *p, const struct sw_bench_result *r)
{
	long size = p->size > 0 ? p->size : (long)((double)r->wl->size * (p->scale > 0 ? p->scale : 1));

	if (r->wl == &sw_bench_workload_cmd)
		return 1;
	if (size < 1)
		size = 1;
	if (r->mode->flags & SW_BENCH_M_SLOW) {
		if (p->slow_size > 0)
			return p->slow_size;
		return size / 10 > 0 ? size / 10 : 1;
	}
	return size;
}

/* Tries each mode once on a tiny workload; those that cannot run are skipped
 * with the reason they gave. */
static void probe_modes(struct env *e, struct sw_bench_results *res)
{
	const struct sw_bench_plan *p = e->plan;

	for (unsigned m = 0; m < p->nmodes; m++) {
		const struct sw_bench_mode *mode = p->modes[m];
		struct sw_bench_result probe = { 0 };
		struct sw_bench_run run;
		char why[SW_BENCH_REASON_MAX];
		const char *skip = sw_bench_mode_unavailable(mode, why, sizeof(why));

		probe.wl = sw_bench_workload_find("getppid");
		probe.mode = mode;
		snprintf(probe.hot, sizeof(probe.hot), "getppid");
		if (!skip && !sw_bench_mode_is_native(mode) && !stopped(e)) {
			if (p->progress)
				fprintf(stderr, "\r\033[Ksyswatch bench: checking %s", mode->name);
			if (run_once(e, &probe, 1, &run, NULL, NULL) < 0)
				skip = probe.reason;
		}
		for (unsigned w = 0; skip && w < p->nworkloads; w++) {
			struct sw_bench_result *r = &res->r[w * p->nmodes + m];

			r->state = SW_BENCH_SKIPPED;
			fmt(r->reason, sizeof(r->reason), "%s", skip);
		}
	}
}

static int cmp_count(const void *a, const void *b, void *ctx)
{
	const uint64_t *by_nr = ctx;
	uint64_t x = by_nr[*(const int *)a], y = by_nr[*(const int *)b];

	return x < y ? 1 : x > y ? -1 : 0;
}

/* The hot set of a command: its most frequent syscalls, up to half the calls. */
static void hot_from_counts(const struct sw_bench_counts *c, char *out, size_t len)
{
	int order[SW_BENCH_NR_MAX];
	uint64_t covered = 0;
	size_t n = 0;

	for (int i = 0; i < SW_BENCH_NR_MAX; i++)
		order[i] = i;
	qsort_r(order, SW_BENCH_NR_MAX, sizeof(order[0]), cmp_count, (void *)c->by_nr);
	out[0] = '\0';
	for (int i = 0; i < 4 && c->by_nr[order[i]] > 0 && covered * 2 < c->measured; i++) {
		const struct sw_syscall *sc = sw_syscall_by_nr(order[i]);

		if (!sc)
			break;
		n += snprintf(out + n, n < len ? len - n : 0, "%s%s", n ? "," : "", sc->name);
		covered += c->by_nr[order[i]];
	}
}

/* The syscalls the filtered modes leave out: --exclude, the workload's hot
 * set, or for a command the most frequent ones of its native run (counts). */
static void set_hot(struct env *e, struct sw_bench_results *res, unsigned w, const struct sw_bench_counts *native)
{
	const struct sw_bench_plan *p = e->plan;

	for (unsigned m = 0; m < p->nmodes; m++) {
		struct sw_bench_result *r = &res->r[w * p->nmodes + m];

		if (p->exclude)
			snprintf(r->hot, sizeof(r->hot), "%s", p->exclude);
		else if (r->wl->hot)
			snprintf(r->hot, sizeof(r->hot), "%s", r->wl->hot);
		else if (native)
			hot_from_counts(native, r->hot, sizeof(r->hot));
		if (!r->hot[0] && (r->mode->flags & SW_BENCH_M_FILTERED) && r->state == SW_BENCH_OK) {
			r->state = SW_BENCH_FAILED;
			fmt(r->reason, sizeof(r->reason),
			    "no syscall count to choose the hot syscalls from: give --exclude SET");
		}
	}
}

static void run_workload(struct env *e, struct sw_bench_results *res, unsigned w)
{
	const struct sw_bench_plan *p = e->plan;
	struct sw_bench_result *row = &res->r[w * p->nmodes];
	struct sw_bench_counts *counts = sw_xcalloc(1, sizeof(*counts));

	/* warm-up: untimed, the counter attached */
	for (unsigned m = 0; m < p->nmodes; m++) {
		struct sw_bench_result *r = &row[m];
		struct sw_bench_run run;
		bool counted = false;

		if (r->state != SW_BENCH_OK || stopped(e))
			continue;
		e->step++;
		progress(e, r, "warm-up");
		memset(counts, 0, sizeof(*counts));
		if (run_once(e, r, r->size, &run, counts, &counted) < 0) {
			r->state = SW_BENCH_FAILED;
			if (m == 0)
				set_hot(e, res, w, NULL);
			continue;
		}
		r->counted = counted;
		r->syscalls_total = counts->total;
		r->syscalls_measured = counts->measured;
		if (!counted)
			res->counted = false;
		if (m == 0)
			set_hot(e, res, w, counted ? counts : NULL);
	}
	free(counts);
	/* timed runs, interleaved so drift hits every mode alike */
	for (unsigned i = 0; i < p->runs; i++) {
		for (unsigned m = 0; m < p->nmodes; m++) {
			struct sw_bench_result *r = &row[m];
			char what[32];

			if (r->state != SW_BENCH_OK || stopped(e))
				continue;
			e->step++;
			snprintf(what, sizeof(what), "run %u/%u", i + 1, p->runs);
			progress(e, r, what);
			if (run_once(e, r, r->size, &r->runs[r->nruns], NULL, NULL) < 0) {
				char why[SW_BENCH_REASON_MAX];

				snprintf(why, sizeof(why), "%s", r->reason);
				fmt(r->reason, sizeof(r->reason), "run %u: %s", i + 1, why);
				r->state = SW_BENCH_FAILED;
				continue;
			}
			r->nruns++;
		}
	}
}

int sw_bench_run_plan(const struct sw_bench_plan *p, struct sw_bench_results *res, struct sw_err *err)
{
	struct env e;
	unsigned live = 0;

	memset(res, 0, sizeof(*res));
	if (p->nmodes == 0 || !sw_bench_mode_is_native(p->modes[0]))
		return sw_err_set(err, "the first mode must be native");
	if (env_init(&e, p, err) < 0) {
		env_cleanup(&e);
		return -1;
	}
	res->nworkloads = p->nworkloads;
	res->nmodes = p->nmodes;
	res->runs = p->runs;
	res->n = p->nworkloads * p->nmodes;
	res->r = sw_xcalloc(res->n, sizeof(*res->r));
	res->counted = sw_bench_bpf_built();
	if (!res->counted)
		snprintf(res->count_note, sizeof(res->count_note), "syswatch was built without eBPF support");
	for (unsigned w = 0; w < p->nworkloads; w++) {
		for (unsigned m = 0; m < p->nmodes; m++) {
			struct sw_bench_result *r = &res->r[w * p->nmodes + m];

			r->wl = p->workloads[w];
			r->mode = p->modes[m];
			r->size = mode_size(p, r);
			r->runs = sw_xcalloc(p->runs, sizeof(*r->runs));
		}
	}
	probe_modes(&e, res);
	for (unsigned m = 0; m < p->nmodes; m++)
		live += res->r[m].state == SW_BENCH_OK;
	e.steps = live * p->nworkloads * (p->runs + 1);
	for (unsigned w = 0; w < p->nworkloads; w++)
		run_workload(&e, res, w);
	if (p->progress)
		fprintf(stderr, "\r\033[K");
	if (stopped(&e)) {
		env_cleanup(&e);
		return sw_err_set(err, "interrupted");
	}
	if (sw_bench_bpf_built() && !res->counted)
		snprintf(res->count_note, sizeof(res->count_note), "the syscall counter could not be loaded");
	env_cleanup(&e);
	return 0;
}

void sw_bench_results_release(struct sw_bench_results *res)
{
	for (unsigned i = 0; i < res->n; i++)
		free(res->r[i].runs);
	free(res->r);
	memset(res, 0, sizeof(*res));
}

static int drop_event(const struct sw_event *ev, void *ctx)
{
	(void)ev;
	++*(uint64_t *)ctx;
	return 0;
}

int sw_bench_monitor_main(char *const *argv, bool resolve, struct sw_err *err)
{
	const struct sw_engine_ops *ops = sw_engine_by_name("ebpf");
	struct sw_engine_opts o;
	struct sw_engine *e;
	uint64_t events = 0;
	int rc;

	if (!argv || !argv[0])
		return sw_err_set(err, "--monitor-path needs a command after --");
	if (!ops)
		return sw_err_set(err, "the eBPF engine is not built");
	/* the monitor's engine_opts (monitor/daemon.c), on one command and its
	 * children rather than system-wide: the same kernel path, without the
	 * other processes of the machine */
	memset(&o, 0, sizeof(o));
	o.argv = argv;
	o.follow = true;
	o.strlimit = 32;
	o.uid = -1;
	o.context = true;
	o.io_uring = true;
	if (resolve) {
		o.fd_detail = SW_FDD_PATH;
		o.resolve_cwd = true;
		o.resolve_exe = true;
	}
	if (ops->open(&e, &o, err) < 0)
		return -1;
	if (ops->start(e, err) < 0) {
		ops->close(e);
		return -1;
	}
	while ((rc = ops->poll(e, -1, drop_event, &events, err)) >= 0 && rc != SW_ENGINE_DONE)
		;
	if (rc < 0) {
		ops->close(e);
		return -1;
	}
	rc = ops->exit_code ? ops->exit_code(e) : 0;
	ops->close(e);
	return rc;
}

int sw_bench_floor_main(char *const *argv, struct sw_err *err)
{
	struct sw_ebpf_floor *f;
	int status;
	pid_t pid;

	if (!argv || !argv[0])
		return sw_err_set(err, "--floor needs a command after --");
	if (sw_ebpf_floor_open(&f, false, err) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		sw_ebpf_floor_close(f);
		return sw_err_set(err, "fork failed: %s", strerror(errno));
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "syswatch: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sw_ebpf_floor_close(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
