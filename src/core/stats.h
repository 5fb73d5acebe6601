/* SPDX-License-Identifier: GPL-2.0-only */
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
#include "util/tidtab.h"

#define SW_HIST_BUCKETS 64 /* log2 buckets of nanoseconds: bucket i holds [2^i, 2^(i+1)) */

struct sw_sc_stats {
	uint64_t calls;
	uint64_t errors;
	uint64_t total_ns;
	uint64_t max_ns;
	uint64_t min_ns;  /* the shortest call, 0: none timed yet */
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
	bool no_errors;                   /* errors are not known (calls counted at entry) */
	/* Index of procs by pid, caught up with procs appended to without
	 * sw_stats_proc at the next sw_stats_proc. */
	struct sw_tidtab proc_index;
	size_t proc_indexed;              /* procs[0..proc_indexed) are in the index */
};

struct sw_stats *sw_stats_new(void);
void sw_stats_free(struct sw_stats *s);
void sw_stats_reset(struct sw_stats *s);
/* Adds one SW_EV_SYSCALL event. */
void sw_stats_add_event(struct sw_stats *s, const struct sw_event *ev);
/* The bucket of a duration: floor(log2(ns)), 0 for 0 and 1. */
unsigned sw_hist_bucket(uint64_t ns);

/* The entry of process pid, added (with comm, "" if unknown) when new; a known
 * process gets comm as its name when comm is not empty (the name after exec). */
struct sw_proc_stats *sw_stats_proc(struct sw_stats *s, uint32_t pid, const char *comm);
/* Adds what cur counted since base to out, for any structs with the fields
 * of struct sw_sc_stats and SW_HIST_BUCKETS buckets (the eBPF engine's
 * per-CPU values too): calls, errors, time and the histogram add up; max_ns
 * and min_ns keep cur's extremes. */
#define SW_SC_STATS_ADD(out, cur, base)                                                 \
	do {                                                                             \
		(out)->calls += (cur)->calls - (base)->calls;                            \
		(out)->errors += (cur)->errors - (base)->errors;                         \
		(out)->total_ns += (cur)->total_ns - (base)->total_ns;                   \
		if ((cur)->max_ns > (out)->max_ns)                                       \
			(out)->max_ns = (cur)->max_ns;                                   \
		if ((cur)->min_ns && (!(out)->min_ns || (cur)->min_ns < (out)->min_ns)) \
			(out)->min_ns = (cur)->min_ns;                                   \
		for (unsigned b_ = 0; b_ < SW_HIST_BUCKETS; b_++)                        \
			(out)->hist[b_] += (cur)->hist[b_] - (base)->hist[b_];           \
	} while (0)
/* Adds the counts of one syscall (an engine's per-CPU slot, say) to nr's. */
void sw_stats_add_sc(struct sw_stats *s, int nr, const struct sw_sc_stats *add);
/* Adds one syscall's counts to a total: calls, errors and time add up, the
 * shortest and longest are those of all. */
void sw_stats_add_sc_totals(struct sw_sc_stats *total, const struct sw_sc_stats *sc);
/* Adds everything in src to dst (calls, errors, times, histograms, processes, lost). */
void sw_stats_merge(struct sw_stats *dst, const struct sw_stats *src);

struct sw_stats_totals {
	uint64_t calls;
	uint64_t errors;
	uint64_t total_ns;
	unsigned syscalls; /* distinct syscalls with calls */
};

void sw_stats_totals(const struct sw_stats *s, struct sw_stats_totals *t);

enum sw_stats_sort {
	SW_SORT_TIME = 0, /* total time, longest first (strace -c's default) */
	SW_SORT_CALLS,    /* most calls first */
	SW_SORT_ERRORS,   /* most errors first */
	SW_SORT_NAME,     /* by name */
	SW_SORT_NONE,     /* by number */
	SW_SORT_MIN,      /* shortest call, longest first (strace -S min-time) */
	SW_SORT_MAX,      /* longest call, longest first */
	SW_SORT_AVG,      /* time per call, longest first */
};

/* Parses "time", "calls", "errors", "name" or "nothing" (strace -S's words);
 * -1 if unknown. */
int sw_stats_sort_parse(const char *word);
/* Fills nrs (room for SW_NR_MAX) with the numbers of the syscalls that have
 * calls, in the given order (ties: by number); returns how many. */
size_t sw_stats_sorted(const struct sw_stats *s, enum sw_stats_sort by, int *nrs);
/* Fills idx (room for s->nprocs) with indexes into s->procs, most calls first
 * (ties: by pid); returns s->nprocs. */
size_t sw_stats_procs_sorted(const struct sw_stats *s, size_t *idx);
/* The syscall's name, or "syscall_N" in buf (room for 24) when it has none. */
const char *sw_stats_name(int nr, char *buf, size_t size);

#endif
