/* SPDX-License-Identifier: GPL-2.0-only */
/* Built-in workloads of `syswatch bench`. A workload runs inside a child
 * copy of syswatch (`syswatch bench --run-workload NAME ...`), so every mode
 * traces the same binary doing the same thing. The child times its measured
 * section itself, brackets it with phase markers for the in-kernel counter,
 * and writes what it measured to a report file the runner reads back. */
#ifndef SW_BENCH_WORKLOAD_H
#define SW_BENCH_WORKLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

struct sw_bench_workload {
	const char *name;
	const char *what;    /* one line for --help */
	const char *hot;     /* the syscalls that dominate it (filtered modes exclude them) */
	long size;           /* default number of operations */
};

extern const struct sw_bench_workload sw_bench_workloads[];
extern const unsigned sw_bench_nworkloads;
/* The pseudo-workload of `bench -- CMD`: one operation, the command. */
extern const struct sw_bench_workload sw_bench_workload_cmd;

const struct sw_bench_workload *sw_bench_workload_find(const char *name);

/* CPU and memory of a process (tree). */
struct sw_bench_usage {
	uint64_t user_us;
	uint64_t sys_us;
	uint64_t maxrss_kb;
	uint64_t minflt;
};

struct sw_bench_work_params {
	long size;           /* operations */
	long block_size;     /* dd, mixed: bytes per read/write */
	char *const *argv;   /* the command of the "cmd" workload */
};

/* What the workload child reports. */
struct sw_bench_work_result {
	uint64_t work_ns;    /* the measured section, CLOCK_MONOTONIC */
	long ops;
	int cmd_status;      /* "cmd": the command's exit code, 128+signal if killed */
	struct sw_bench_usage usage; /* the workload process and its children */
};

#define SW_BENCH_BLOCK_SIZE 4096

/* Runs the workload in this process. */
int sw_bench_workload_run(const struct sw_bench_workload *w, const struct sw_bench_work_params *p,
		       struct sw_bench_work_result *r, struct sw_err *err);

int sw_bench_work_result_write(const char *path, const struct sw_bench_work_result *r, struct sw_err *err);
int sw_bench_work_result_read(const char *path, struct sw_bench_work_result *r, struct sw_err *err);

#endif
