/* SPDX-License-Identifier: GPL-2.0-only */
/* The bench runner: probes the modes, runs each workload under each mode
 * (a warm-up run that also counts syscalls in the kernel, then N timed runs
 * interleaved mode by mode), and keeps every run for the report. */
#ifndef SW_BENCH_RUNNER_H
#define SW_BENCH_RUNNER_H

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "bench/mode.h"
#include "bench/workload.h"
#include "util/error.h"

#define SW_BENCH_REASON_MAX 200
#define SW_BENCH_HOT_MAX 160

/* One timed run. */
struct sw_bench_run {
	uint64_t wall_ns;          /* the whole mode, tracer start-up included */
	uint64_t work_ns;          /* the workload's measured section */
	long ops;
	struct sw_bench_usage tracee; /* the workload's processes */
	struct sw_bench_usage tracer; /* the mode's own processes (zero for native) */
	int64_t lost;              /* events lost; -1 when the mode cannot lose any or does not say */
};

enum sw_bench_state {
	SW_BENCH_OK = 0,
	SW_BENCH_SKIPPED,   /* cannot run here: reason */
	SW_BENCH_FAILED,    /* ran and failed: reason */
};

/* Medians (and spread) of a result's runs; NAN where not known. */
struct sw_bench_summary {
	double work_med, work_min, work_max;  /* ns */
	double wall_med;                      /* ns */
	double per_op_ns;                     /* work_med / ops */
	double ratio;                         /* time per operation / native's */
	double ratio_floor;                   /* eBPF modes: / the floor's */
	double ratio_trace;                   /* variants of ebpf-trace: median over the runs of the
					       * time per operation / ebpf-trace's in the same round */
	double cpu_ratio_trace;               /* the same, of the tracee's CPU time */
	double ns_per_syscall;                /* work_med / syscalls measured */
	double added_ns_per_syscall;          /* over native, per syscall */
	double syscalls_per_s;
	double tracee_cpu_us, tracer_cpu_us;  /* user + system */
	double tracee_rss_kb, tracer_rss_kb;
	double tracee_minflt, tracer_minflt;
	double lost;
};

/* One workload under one mode. */
struct sw_bench_result {
	const struct sw_bench_workload *wl;
	const struct sw_bench_mode *mode;
	enum sw_bench_state state;
	char reason[SW_BENCH_REASON_MAX];
	long size;
	char hot[SW_BENCH_HOT_MAX];        /* the set filtered modes exclude */
	bool counted;                   /* syscalls_* are from the in-kernel counter */
	uint64_t syscalls_total;        /* every syscall of the workload's processes */
	uint64_t syscalls_measured;     /* those in the measured section */
	struct sw_bench_run *runs;
	unsigned nruns;
	struct sw_bench_summary sum;
};

struct sw_bench_plan {
	const struct sw_bench_workload *workloads[16];
	unsigned nworkloads;
	const struct sw_bench_mode *modes[32];
	unsigned nmodes;
	unsigned runs;
	long size;          /* 0: each workload's default times scale */
	double scale;       /* --size small/medium/large: 0.01, 1, 10 (0: 1) */
	long slow_size;     /* 0: size / 10 */
	long block_size;
	char *const *cmd;   /* the "cmd" workload's command */
	const char *exclude; /* overrides the hot set */
	bool pin;
	cpu_set_t cpus;
	unsigned timeout_s;
	bool progress;      /* a progress line on stderr */
	volatile sig_atomic_t *stop; /* set by a signal handler: end the run at once */
};

struct sw_bench_results {
	struct sw_bench_result *r;   /* nworkloads x nmodes, workload-major */
	unsigned n;
	unsigned nworkloads, nmodes;
	unsigned runs;
	bool counted;             /* the in-kernel counter ran */
	char count_note[SW_BENCH_REASON_MAX]; /* why it did not */
};

/* Runs the plan. Failures of modes are recorded in the results; only a
 * failure of the bench itself (or an interruption, see plan.stop) returns -1. */
int sw_bench_run_plan(const struct sw_bench_plan *p, struct sw_bench_results *out, struct sw_err *err);
void sw_bench_results_release(struct sw_bench_results *res);

/* The hidden subcommands the runner runs (cmd/bench.c calls them). */
int sw_bench_floor_main(char *const *argv, struct sw_err *err);
/* Runs argv under the eBPF engine with the monitor's options (context,
 * io_uring and, with resolve, descriptors and paths resolved in the
 * kernel), following its children, every syscall recorded; the events are
 * read and dropped. Returns argv's exit status, or -1. */
int sw_bench_monitor_main(char *const *argv, bool resolve, struct sw_err *err);

/* Finds an event-loss count in a tool's messages ("... 12 events lost",
 * "Lost 12 events", "lost: 12"); -1 when none is mentioned. */
int64_t sw_bench_parse_lost(const char *text);

#endif
