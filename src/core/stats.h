/* Aggregated counts: what `stat` prints and what the monitor exports. Filled
 * either from events in user space (sw_stats_add_event, any engine) or read
 * from the kernel's per-CPU maps by an engine that aggregates there
 * (sw_engine_ops.snapshot). */
#ifndef SW_CORE_STATS_H
#define SW_CORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/syscalls.h"

#define SW_HIST_BUCKETS 64 /* log2 buckets of nanoseconds: bucket i holds [2^i, 2^(i+1)) */

struct sw_sc_stats {
	uint64_t calls;
	uint64_t errors;
	uint64_t total_ns;
	uint64_t max_ns;
	uint64_t hist[SW_HIST_BUCKETS];
};

struct sw_proc_stats {
	uint32_t pid;
	char comm[SW_COMM_LEN];
	uint64_t calls;
	uint64_t errors;
	uint64_t total_ns;
};

struct sw_stats {
	struct sw_sc_stats sc[SW_NR_MAX]; /* by syscall number */
	struct sw_proc_stats *procs;      /* per process (thread group) */
	size_t nprocs, procs_cap;
	uint64_t lost;                    /* events the engine could not account */
	bool have_latency;                /* total_ns/max_ns/hist are meaningful */
};

struct sw_stats *sw_stats_new(void);
void sw_stats_free(struct sw_stats *s);
void sw_stats_reset(struct sw_stats *s);
/* Adds one SW_EV_SYSCALL event. */
void sw_stats_add_event(struct sw_stats *s, const struct sw_event *ev);
/* The bucket of a duration: floor(log2(ns)), 0 for 0 and 1. */
unsigned sw_hist_bucket(uint64_t ns);

#endif
