// SPDX-License-Identifier: GPL-2.0-only
/* Medians and ratios of the bench results. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench/report.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y ? 1 : 0;
}

double sw_bench_median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

enum field { F_WORK, F_WALL, F_TRACEE_CPU, F_TRACER_CPU, F_TRACEE_RSS, F_TRACER_RSS,
	     F_TRACEE_FLT, F_TRACER_FLT, F_LOST };

static double field(const struct sw_bench_run *r, enum field f)
{
	switch (f) {
	case F_WORK: return (double)r->work_ns;
	case F_WALL: return (double)r->wall_ns;
	case F_TRACEE_CPU: return (double)(r->tracee.user_us + r->tracee.sys_us);
	case F_TRACER_CPU: return (double)(r->tracer.user_us + r->tracer.sys_us);
	case F_TRACEE_RSS: return (double)r->tracee.maxrss_kb;
	case F_TRACER_RSS: return (double)r->tracer.maxrss_kb;
	case F_TRACEE_FLT: return (double)r->tracee.minflt;
	case F_TRACER_FLT: return (double)r->tracer.minflt;
	case F_LOST: return r->lost < 0 ? NAN : (double)r->lost;
	}
	return NAN;
}

/* Median of one field over the runs (NAN values left out); min and max too. */
static double med(const struct sw_bench_result *r, enum field f, double *min, double *max)
{
	double *v = calloc(r->nruns ? r->nruns : 1, sizeof(*v));
	size_t n = 0;
	double m;

	for (unsigned i = 0; i < r->nruns; i++) {
		double x = field(&r->runs[i], f);

		if (!isnan(x))
			v[n++] = x;
	}
	m = sw_bench_median(v, n);
	if (min)
		*min = n ? v[0] : NAN;
	if (max)
		*max = n ? v[n - 1] : NAN;
	free(v);
	return m;
}

static void summarize_one(struct sw_bench_result *r)
{
	struct sw_bench_summary *s = &r->sum;
	bool native = sw_bench_mode_is_native(r->mode);
	double ops = r->nruns ? (double)r->runs[0].ops : NAN;

	s->work_med = med(r, F_WORK, &s->work_min, &s->work_max);
	s->wall_med = med(r, F_WALL, NULL, NULL);
	s->per_op_ns = s->work_med / ops;
	s->tracee_cpu_us = med(r, F_TRACEE_CPU, NULL, NULL);
	s->tracee_rss_kb = med(r, F_TRACEE_RSS, NULL, NULL);
	s->tracee_minflt = med(r, F_TRACEE_FLT, NULL, NULL);
	s->tracer_cpu_us = native ? NAN : med(r, F_TRACER_CPU, NULL, NULL);
	s->tracer_rss_kb = native ? NAN : med(r, F_TRACER_RSS, NULL, NULL);
	s->tracer_minflt = native ? NAN : med(r, F_TRACER_FLT, NULL, NULL);
	s->lost = med(r, F_LOST, NULL, NULL);
	if (r->counted && r->syscalls_measured > 0) {
		s->ns_per_syscall = s->work_med / (double)r->syscalls_measured;
		s->syscalls_per_s = (double)r->syscalls_measured / (s->work_med / 1e9);
	}
}

/* Median over the rounds both ran of r's field / base's in the same round:
 * the runs are interleaved, so a round's two runs met the same load, which
 * a ratio of medians taken apart does not cancel. */
static double paired_ratio(const struct sw_bench_result *r, const struct sw_bench_result *base, enum field f)
{
	unsigned n = r->nruns < base->nruns ? r->nruns : base->nruns, k = 0;
	double *v = calloc(n ? n : 1, sizeof(*v)), m;

	for (unsigned i = 0; i < n; i++) {
		double a = field(&r->runs[i], f), b = field(&base->runs[i], f);

		if (f == F_WORK && r->runs[i].ops && base->runs[i].ops) {
			a /= (double)r->runs[i].ops;
			b /= (double)base->runs[i].ops;
		}
		if (!isnan(a) && !isnan(b) && b > 0)
			v[k++] = a / b;
	}
	m = sw_bench_median(v, k);
	free(v);
	return m;
}

void sw_bench_summarize(struct sw_bench_results *res)
{
	for (unsigned i = 0; i < res->n; i++) {
		struct sw_bench_summary *s = &res->r[i].sum;

		s->work_med = s->work_min = s->work_max = s->wall_med = s->per_op_ns = NAN;
		s->ratio_trace = s->cpu_ratio_trace = NAN;
		s->ratio = s->ratio_floor = s->ns_per_syscall = s->added_ns_per_syscall = NAN;
		s->syscalls_per_s = s->tracee_cpu_us = s->tracer_cpu_us = NAN;
		s->tracee_rss_kb = s->tracer_rss_kb = s->tracee_minflt = s->tracer_minflt = s->lost = NAN;
		if (res->r[i].state == SW_BENCH_OK && res->r[i].nruns > 0)
			summarize_one(&res->r[i]);
	}
	for (unsigned w = 0; w < res->nworkloads; w++) {
		struct sw_bench_result *row = &res->r[w * res->nmodes];
		const struct sw_bench_result *native = &row[0], *floor = NULL, *trace = NULL;

		for (unsigned m = 0; m < res->nmodes; m++) {
			if (row[m].mode == sw_bench_mode_floor())
				floor = &row[m];
			if (row[m].mode == sw_bench_mode_trace() && row[m].state == SW_BENCH_OK)
				trace = &row[m];
		}
		for (unsigned m = 0; m < res->nmodes; m++) {
			struct sw_bench_result *r = &row[m];
			struct sw_bench_summary *s = &r->sum;

			s->ratio = s->per_op_ns / native->sum.per_op_ns;
			if (floor && r != floor && (r->mode->flags & SW_BENCH_M_EBPF))
				s->ratio_floor = s->per_op_ns / floor->sum.per_op_ns;
			if (trace && sw_bench_mode_trace_target(r->mode) != 0 && r->state == SW_BENCH_OK) {
				s->ratio_trace = paired_ratio(r, trace, F_WORK);
				s->cpu_ratio_trace = paired_ratio(r, trace, F_TRACEE_CPU);
			}
			if (r->counted && r->syscalls_measured > 0 && r->nruns > 0)
				s->added_ns_per_syscall = (s->per_op_ns - native->sum.per_op_ns) *
					(double)r->runs[0].ops / (double)r->syscalls_measured;
		}
	}
}
