/* SPDX-License-Identifier: GPL-2.0-only */
/* Runs one command the way the bench measures it: its own process group,
 * optional CPU pinning, stdout to /dev/null, stderr to a file, a deadline,
 * wall time and the rusage of the whole tree from wait4, and the peak RSS of
 * the top process sampled while it runs. */
#ifndef SW_BENCH_SPAWN_H
#define SW_BENCH_SPAWN_H

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "bench/workload.h"
#include "util/error.h"

struct sw_bench_spawn_opts {
	const char *stderr_path;
	bool pin;
	cpu_set_t cpus;
	unsigned timeout_s;
	bool sample_hwm;     /* sample the top process's VmHWM while it runs */
	volatile sig_atomic_t *stop; /* set by a signal handler: kill the run and return */
};

struct sw_bench_spawn_result {
	uint64_t wall_ns;
	int status;          /* wait status */
	bool timed_out;
	bool stopped;        /* killed because *stop was set */
	struct sw_bench_usage total; /* the process and every descendant it waited for */
	uint64_t hwm_kb;     /* the top process's own peak RSS, sampled (0: not sampled) */
};

int sw_bench_spawn(char *const *argv, const struct sw_bench_spawn_opts *o, struct sw_bench_spawn_result *r,
		struct sw_err *err);

/* The peak RSS (VmHWM) of a live process in KiB, 0 if unknown. */
uint64_t sw_bench_proc_hwm_kb(int pid);

#endif
