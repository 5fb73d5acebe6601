// SPDX-License-Identifier: GPL-2.0-only
/* The built-in workloads, run by the child copy of syswatch. */
#include "bench/workload.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/counter_shared.h"
#include "bench/spawn.h"
#include "util/proc.h"

const struct sw_bench_workload sw_bench_workloads[] = {
	{ "getppid", "getppid() in a loop: the pure cost of one syscall", "getppid", 100000 },
	{ "dd", "read from /dev/zero, write to /dev/null, one block each (--block-size)", "read,write", 50000 },
	{ "openclose", "open and close a file", "openat,close", 50000 },
	{ "forkexec", "fork, exec /bin/true and wait for it", "clone,execve,wait4", 100 },
	{ "mixed", "getppid, a dd block, open/fstat/close, and every 1000th time a fork+exec",
	  "getppid,read,write,openat,newfstatat,close", 10000 },
};
const unsigned sw_bench_nworkloads = sizeof(sw_bench_workloads) / sizeof(sw_bench_workloads[0]);

const struct sw_bench_workload sw_bench_workload_cmd = { "cmd", "the command given after --", NULL, 1 };

const struct sw_bench_workload *sw_bench_workload_find(const char *name)
{
	for (unsigned i = 0; i < sw_bench_nworkloads; i++)
		if (strcmp(sw_bench_workloads[i].name, name) == 0)
			return &sw_bench_workloads[i];
	if (strcmp(name, sw_bench_workload_cmd.name) == 0)
		return &sw_bench_workload_cmd;
	return NULL;
}

/* Tells the in-kernel counter (counter.bpf.c) where the measured section is. */
static void mark_phase(long phase)
{
	syscall(SYS_prctl, SWBC_MARK, phase, 0L, 0L, 0L);
}

/* The state a workload sets up before its measured section. */
struct work_ctx {
	long block_size;
	char *buf;
	int zero_fd, null_fd;
	char path[64];
};

static int ctx_open(struct work_ctx *c, const struct sw_bench_work_params *p, bool dd, bool file,
		    struct sw_err *err)
{
	memset(c, 0, sizeof(*c));
	c->zero_fd = c->null_fd = -1;
	c->block_size = p->block_size > 0 ? p->block_size : SW_BENCH_BLOCK_SIZE;
	if (dd) {
		c->buf = sw_xmalloc(c->block_size);
		c->zero_fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
		c->null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (c->zero_fd < 0 || c->null_fd < 0)
			return sw_err_set(err, "cannot open /dev/zero or /dev/null: %s", strerror(errno));
	}
	if (file) {
		const char *tmp = getenv("TMPDIR");
		int fd;

		snprintf(c->path, sizeof(c->path), "%s/syswatch-bench-XXXXXX",
			 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
		fd = mkstemp(c->path);
		if (fd < 0)
			return sw_err_set(err, "cannot create a file in %s: %s", c->path, strerror(errno));
		close(fd);
	}
	return 0;
}

static void ctx_close(struct work_ctx *c)
{
	if (c->zero_fd >= 0)
		close(c->zero_fd);
	if (c->null_fd >= 0)
		close(c->null_fd);
	if (c->path[0])
		unlink(c->path);
	free(c->buf);
}

static int op_dd(struct work_ctx *c, struct sw_err *err)
{
	ssize_t n = read(c->zero_fd, c->buf, c->block_size);

	if (n <= 0 || write(c->null_fd, c->buf, n) != n)
		return sw_err_set(err, "dd: read or write failed: %s", strerror(errno));
	return 0;
}

static int op_openclose(struct work_ctx *c, bool with_stat, struct sw_err *err)
{
	struct stat st;
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return sw_err_set(err, "cannot open %s: %s", c->path, strerror(errno));
	if (with_stat && fstat(fd, &st) < 0) {
		close(fd);
		return sw_err_set(err, "cannot stat %s: %s", c->path, strerror(errno));
	}
	close(fd);
	return 0;
}

static int op_forkexec(struct sw_err *err)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return sw_err_set(err, "fork failed: %s", strerror(errno));
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return sw_err_set(err, "/bin/true did not run");
	return 0;
}

/* Runs the command of the "cmd" workload; its status goes to r. */
static int run_command(char *const *argv, struct sw_bench_work_result *r, struct sw_err *err)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return sw_err_set(err, "fork failed: %s", strerror(errno));
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "syswatch: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return sw_err_set(err, "waitpid failed: %s", strerror(errno));
	r->cmd_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return 0;
}

static int run_ops(const struct sw_bench_workload *w, const struct sw_bench_work_params *p,
		   struct work_ctx *c, struct sw_bench_work_result *r, struct sw_err *err)
{
	const char *n = w->name;
	int rc = 0;

	if (strcmp(n, "cmd") == 0)
		return run_command(p->argv, r, err);
	for (long i = 0; i < p->size && rc == 0; i++) {
		if (strcmp(n, "getppid") == 0) {
			syscall(SYS_getppid);
		} else if (strcmp(n, "dd") == 0) {
			rc = op_dd(c, err);
		} else if (strcmp(n, "openclose") == 0) {
			rc = op_openclose(c, false, err);
		} else if (strcmp(n, "forkexec") == 0) {
			rc = op_forkexec(err);
		} else {
			syscall(SYS_getppid);
			rc = op_dd(c, err);
			if (rc == 0)
				rc = op_openclose(c, true, err);
			if (rc == 0 && i % 1000 == 999)
				rc = op_forkexec(err);
		}
	}
	return rc;
}

static uint64_t tv_us(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

int sw_bench_workload_run(const struct sw_bench_workload *w, const struct sw_bench_work_params *p,
		       struct sw_bench_work_result *r, struct sw_err *err)
{
	bool cmd = strcmp(w->name, "cmd") == 0;
	bool dd = strcmp(w->name, "dd") == 0 || strcmp(w->name, "mixed") == 0;
	bool file = strcmp(w->name, "openclose") == 0 || strcmp(w->name, "mixed") == 0;
	struct rusage self, kids;
	struct work_ctx c;
	uint64_t t0;
	int rc;

	memset(r, 0, sizeof(*r));
	if (cmd && (!p->argv || !p->argv[0]))
		return sw_err_set(err, "no command given after --");
	rc = ctx_open(&c, p, dd, file, err);
	if (rc == 0) {
		mark_phase(SWBC_PHASE_MEASURED);
		t0 = sw_now_ns(CLOCK_MONOTONIC);
		rc = run_ops(w, p, &c, r, err);
		r->work_ns = sw_now_ns(CLOCK_MONOTONIC) - t0;
		mark_phase(SWBC_PHASE_DONE);
	}
	ctx_close(&c);
	if (rc < 0)
		return rc;
	r->ops = cmd ? 1 : p->size;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	r->usage.user_us = tv_us(self.ru_utime) + tv_us(kids.ru_utime);
	r->usage.sys_us = tv_us(self.ru_stime) + tv_us(kids.ru_stime);
	/* ru_maxrss survives exec: it would count the tracer that forked us.
	 * VmHWM is this program's own peak. */
	r->usage.maxrss_kb = sw_bench_proc_hwm_kb(getpid());
	if ((uint64_t)kids.ru_maxrss > r->usage.maxrss_kb)
		r->usage.maxrss_kb = (uint64_t)kids.ru_maxrss;
	r->usage.minflt = (uint64_t)self.ru_minflt + (uint64_t)kids.ru_minflt;
	return 0;
}

int sw_bench_work_result_write(const char *path, const struct sw_bench_work_result *r, struct sw_err *err)
{
	FILE *f = fopen(path, "we");

	if (!f)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	fprintf(f, "work_ns %" PRIu64 "\nops %ld\ncmd_status %d\nuser_us %" PRIu64 "\nsys_us %" PRIu64
		   "\nmaxrss_kb %" PRIu64 "\nminflt %" PRIu64 "\n",
		r->work_ns, r->ops, r->cmd_status, r->usage.user_us, r->usage.sys_us,
		r->usage.maxrss_kb, r->usage.minflt);
	if (fclose(f) != 0)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

int sw_bench_work_result_read(const char *path, struct sw_bench_work_result *r, struct sw_err *err)
{
	char key[32];
	unsigned long long v;
	unsigned seen = 0;
	FILE *f = fopen(path, "re");

	memset(r, 0, sizeof(*r));
	if (!f)
		return sw_err_set(err, "the workload wrote no report");
	while (fscanf(f, "%31s %llu", key, &v) == 2) {
		seen++;
		if (strcmp(key, "work_ns") == 0)
			r->work_ns = v;
		else if (strcmp(key, "ops") == 0)
			r->ops = (long)v;
		else if (strcmp(key, "cmd_status") == 0)
			r->cmd_status = (int)v;
		else if (strcmp(key, "user_us") == 0)
			r->usage.user_us = v;
		else if (strcmp(key, "sys_us") == 0)
			r->usage.sys_us = v;
		else if (strcmp(key, "maxrss_kb") == 0)
			r->usage.maxrss_kb = v;
		else if (strcmp(key, "minflt") == 0)
			r->usage.minflt = v;
		else
			seen--;
	}
	fclose(f);
	if (seen != 7)
		return sw_err_set(err, "the workload's report is incomplete");
	return 0;
}
