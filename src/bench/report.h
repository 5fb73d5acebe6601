/* SPDX-License-Identifier: GPL-2.0-only */
/* Summaries and reports of `syswatch bench`: the terminal table, JSON, CSV,
 * Markdown, and the charts (through plot.h). */
#ifndef SW_BENCH_REPORT_H
#define SW_BENCH_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "bench/runner.h"
#include "util/error.h"

/* Median of n values (sorted in place); NAN when n is 0. */
double sw_bench_median(double *v, size_t n);

/* Fills every result's summary: medians over its runs, ratios to the same
 * workload's native (and floor) results. */
void sw_bench_summarize(struct sw_bench_results *res);

/* The machine the bench ran on: CPU, cores, memory, kernel, OS, date. */
struct sw_bench_machine {
	char cpu[128];
	unsigned cores;
	unsigned long long mem_mib;
	char kernel[160];
	char os[96];
	char date[40];
	char load[48];   /* load averages when the bench started */
};
void sw_bench_machine_get(struct sw_bench_machine *m);

void sw_bench_report_table(FILE *f, const struct sw_bench_results *res);
int sw_bench_report_json(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
		      struct sw_err *err);
int sw_bench_report_csv(const char *path, const struct sw_bench_results *res, struct sw_err *err);
int sw_bench_report_markdown(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
			  const char *chart, struct sw_err *err);
/* The four charts, as PNG or SVG by the file name's extension. */
int sw_bench_report_plot(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
		      struct sw_err *err);

#endif
