/* SPDX-License-Identifier: GPL-2.0-only */
/* Summary tables of aggregated counts: what `syswatch stat` prints.
 *
 * The syscall table has strace -c's layout (% time, seconds, usecs/call,
 * calls, errors, syscall; a dashes line; a total line), so the two can be
 * compared; columns widen when a number does not fit. Every renderer appends
 * to a string buffer and prints nothing itself. */
#ifndef SW_OUTPUT_SUMMARY_H
#define SW_OUTPUT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/stats.h"
#include "util/error.h"
#include "util/strbuf.h"

/* strace -U's columns, in the order given */
enum sw_summary_col {
	SW_COL_PCT = 1, /* time-percent: % time */
	SW_COL_SECS,    /* total-time: seconds */
	SW_COL_MIN,     /* min-time: shortest */
	SW_COL_MAX,     /* max-time: longest */
	SW_COL_AVG,     /* avg-time: usecs/call */
	SW_COL_CALLS,
	SW_COL_ERRORS,
	SW_COL_NAME,    /* the syscall; added last when not given */
};
#define SW_SUMMARY_COLS_MAX 8

struct sw_summary_columns {
	uint8_t col[SW_SUMMARY_COLS_MAX]; /* enum sw_summary_col */
	uint8_t n;                        /* 0: strace -c's default table */
};

struct sw_summary_opts {
	enum sw_stats_sort sort; /* row order of the syscall table */
	struct sw_summary_columns cols; /* -U */
	size_t top;              /* rows of syscalls and of processes, 0: all */
	size_t top_procs;        /* rows of processes when top is 0, 0: all */
	bool histogram;          /* a log2 latency histogram per syscall */
	bool per_process;        /* the process table */
	bool system_wide;        /* the report's header: totals, processes seen, events lost */
};

/* What the report covers, for its header and the JSON object. */
struct sw_summary_info {
	const char *engine;   /* "ptrace", "ebpf" */
	const char *scope;    /* "system-wide", "pid 42", "command", ... */
	uint64_t elapsed_ns;  /* time the counts cover */
	uint64_t end_ns;      /* CLOCK_REALTIME when they were taken */
	unsigned interval;    /* 1-based interval number, 0: the whole run */
	bool final;           /* the last report of the run */
};

/* strace -c's table; nothing when no syscall was counted. Without latency
 * (s->have_latency false) the time columns give way to "% calls". */
void sw_summary_table(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top);
/* The same with the columns -U chose (cols->n > 0), which need latency. */
void sw_summary_table_cols(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top,
			   const struct sw_summary_columns *cols);
/* Parses strace -U's list (with its aliases: time, shortest, longest, count,
 * syscall, ...); -1 with err naming the bad word. */
int sw_summary_columns_parse(const char *list, struct sw_summary_columns *cols, struct sw_err *err);
/* Whether a column needs durations (all but calls, errors and name). */
bool sw_summary_columns_timed(const struct sw_summary_columns *cols);
/* Processes, most calls first: % calls, calls, errors, seconds, pid, comm. */
void sw_summary_procs(struct sw_strbuf *sb, const struct sw_stats *s, size_t top);
/* One log2 histogram of durations (ns) per syscall, in table order. */
void sw_summary_hist(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top);
/* The whole text report the options ask for. */
void sw_summary_report(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_opts *o,
		       const struct sw_summary_info *info);
/* The report as one JSON object on one line (no newline): per syscall name,
 * nr, calls, errors, total_ns, max_ns (null without latency) and hist (with
 * o->histogram), then totals, processes, processes_seen and lost. */
void sw_summary_json(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_opts *o,
		     const struct sw_summary_info *info);

#endif
