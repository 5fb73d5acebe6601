// SPDX-License-Identifier: GPL-2.0-only
/* Bench summaries (medians, ratios, per-syscall costs), loss parsing, mode
 * command lines and the workload report, on known numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/mode.h"
#include "bench/report.h"
#include "bench/runner.h"
#include "bench/workload.h"

static void median_odd_even_empty(void **state)
{
	double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 };

	(void)state;
	assert_true(sw_bench_median(odd, 3) == 3);
	assert_true(sw_bench_median(even, 4) == 2.5);
	assert_true(isnan(sw_bench_median(NULL, 0)));
}

static void set_runs(struct sw_bench_result *r, const uint64_t *work, unsigned n, long ops)
{
	r->runs = calloc(n, sizeof(*r->runs));
	r->nruns = n;
	for (unsigned i = 0; i < n; i++) {
		r->runs[i].work_ns = work[i];
		r->runs[i].wall_ns = work[i] + 1000;
		r->runs[i].ops = ops;
		r->runs[i].lost = -1;
		r->runs[i].tracee.user_us = 10;
		r->runs[i].tracee.maxrss_kb = 1000 + i;
	}
}

static void ratios_and_per_syscall_costs(void **state)
{
	static const uint64_t native[] = { 1000000, 1200000, 1100000 };   /* median 1.1 ms for 1000 ops */
	static const uint64_t floor_[] = { 1300000, 1250000, 1400000 };   /* median 1.3 ms */
	static const uint64_t ptrace[] = { 5500000, 5400000, 9000000 };   /* median 5.5 ms for 100 ops */
	static const uint64_t stat[] = { 1650000, 1500000, 1700000 };     /* median 1.65 ms */
	struct sw_bench_result r[4] = { 0 };
	struct sw_bench_results res = { r, 4, 1, 4, 3, true, "" };

	(void)state;
	for (int i = 0; i < 4; i++) {
		r[i].wl = sw_bench_workload_find("getppid");
		r[i].counted = true;
	}
	r[0].mode = sw_bench_mode_find("native");
	r[1].mode = sw_bench_mode_find("ebpf-floor");
	r[2].mode = sw_bench_mode_find("ptrace");
	r[3].mode = sw_bench_mode_find("ebpf-stat");
	set_runs(&r[0], native, 3, 1000);
	set_runs(&r[1], floor_, 3, 1000);
	set_runs(&r[2], ptrace, 3, 100);
	set_runs(&r[3], stat, 3, 1000);
	r[0].syscalls_measured = r[1].syscalls_measured = r[3].syscalls_measured = 1000;
	r[2].syscalls_measured = 100;
	r[2].runs[0].lost = 0;
	r[2].runs[1].lost = 4;
	r[2].runs[2].lost = 2;
	sw_bench_summarize(&res);

	assert_true(fabs(r[0].sum.work_med - 1100000) < 1e-6);
	assert_true(fabs(r[0].sum.work_min - 1000000) < 1e-6);
	assert_true(fabs(r[0].sum.work_max - 1200000) < 1e-6);
	assert_true(fabs(r[0].sum.ratio - 1.0) < 1e-12);
	/* ptrace: 55 µs per op against 1.1 µs: 50x, 53.9 µs added per syscall */
	assert_true(fabs(r[2].sum.ratio - 50.0) < 1e-9);
	assert_true(fabs(r[2].sum.added_ns_per_syscall - 53900) < 1e-6);
	assert_true(fabs(r[2].sum.ns_per_syscall - 55000) < 1e-6);
	assert_true(fabs(r[2].sum.syscalls_per_s - 100 / 5.5e-3) < 1e-6);
	assert_true(isnan(r[2].sum.ratio_floor)); /* ptrace is not eBPF */
	assert_true(fabs(r[2].sum.lost - 2) < 1e-12);
	assert_true(isnan(r[0].sum.lost));
	/* ebpf-stat: 1.5x native, 1.269x the floor, +550 ns per syscall */
	assert_true(fabs(r[3].sum.ratio - 1.5) < 1e-9);
	assert_true(fabs(r[3].sum.ratio_floor - 1.65 / 1.3) < 1e-9);
	assert_true(fabs(r[3].sum.added_ns_per_syscall - 550) < 1e-6);
	assert_true(isnan(r[1].sum.ratio_floor)); /* the floor against itself is not shown */
	assert_true(isnan(r[0].sum.tracer_cpu_us)); /* native has no tracer */
	assert_true(fabs(r[0].sum.tracee_rss_kb - 1001) < 1e-9);
	for (int i = 0; i < 4; i++)
		free(r[i].runs);
}

/* The options' modes against ebpf-trace: the median of the rounds' ratios,
 * which a load that moves from round to round does not bias as the ratio of
 * the two medians does; the table says whether the target was met. */
static void options_compared_with_streaming_round_by_round(void **state)
{
	/* round 3 ran under load: trace slow, -y fast in that round */
	static const uint64_t native[] = { 1000000, 1000000, 1000000 };
	static const uint64_t trace[] = { 2000000, 2100000, 6000000 };   /* median 2.1 ms */
	static const uint64_t y[] = { 2200000, 2520000, 2400000 };       /* median 2.4 ms; ratios 1.1 1.2 0.4 */
	static const uint64_t k[] = { 5000000, 5250000, 6000000 };       /* ratios 2.5 2.5 1.0 */
	struct sw_bench_result r[4] = { 0 };
	struct sw_bench_results res = { r, 4, 1, 4, 3, true, "" };
	char buf[4096] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	(void)state;
	for (int i = 0; i < 4; i++)
		r[i].wl = sw_bench_workload_find("dd");
	r[0].mode = sw_bench_mode_find("native");
	r[1].mode = sw_bench_mode_find("ebpf-trace");
	r[2].mode = sw_bench_mode_find("ebpf-trace-y");
	r[3].mode = sw_bench_mode_find("ebpf-trace-k");
	set_runs(&r[0], native, 3, 1000);
	set_runs(&r[1], trace, 3, 1000);
	set_runs(&r[2], y, 3, 1000);
	set_runs(&r[3], k, 3, 1000);
	r[2].runs[0].tracee.user_us = 12; /* tracee CPU ratios 1.2 1.0 1.0 */
	sw_bench_summarize(&res);

	assert_true(sw_bench_mode_trace() == r[1].mode);
	assert_true(sw_bench_mode_trace_target(r[2].mode) == 1.3);
	assert_true(sw_bench_mode_trace_target(r[3].mode) == 2.0);
	assert_true(sw_bench_mode_trace_target(sw_bench_mode_find("ebpf-trace-yy")) < 0);
	assert_true(sw_bench_mode_trace_target(r[1].mode) == 0);
	assert_true(fabs(r[2].sum.ratio_trace - 1.1) < 1e-9);
	assert_true(fabs(r[2].sum.cpu_ratio_trace - 1.0) < 1e-9);
	assert_true(fabs(r[3].sum.ratio_trace - 2.5) < 1e-9);
	assert_true(isnan(r[1].sum.ratio_trace)); /* streaming against itself */
	assert_true(isnan(r[0].sum.ratio_trace));

	assert_non_null(f);
	sw_bench_report_table(f, &res);
	fclose(f);
	assert_non_null(strstr(buf, "ebpf-trace-y    dd 1.10x (1.00x); target 1.3x: met\n"));
	assert_non_null(strstr(buf, "ebpf-trace-k    dd 2.50x (1.00x); target 2.0x: missed\n"));
	for (int i = 0; i < 4; i++)
		free(r[i].runs);
}

static void failed_and_uncounted_results_have_no_figures(void **state)
{
	static const uint64_t work[] = { 1000, 2000 };
	struct sw_bench_result r[2] = { 0 };
	struct sw_bench_results res = { r, 2, 1, 2, 2, false, "no BPF" };

	(void)state;
	r[0].wl = r[1].wl = sw_bench_workload_find("dd");
	r[0].mode = sw_bench_mode_find("native");
	r[1].mode = sw_bench_mode_find("strace");
	set_runs(&r[0], work, 2, 10);
	r[1].state = SW_BENCH_FAILED;
	sw_bench_summarize(&res);
	assert_true(fabs(r[0].sum.work_med - 1500) < 1e-9);
	assert_true(isnan(r[0].sum.ns_per_syscall));   /* not counted */
	assert_true(isnan(r[0].sum.added_ns_per_syscall));
	assert_true(isnan(r[1].sum.ratio));
	assert_true(isnan(r[1].sum.work_med));
	free(r[0].runs);
}

static void lost_counts_are_found_in_messages(void **state)
{
	(void)state;
	assert_int_equal(sw_bench_parse_lost("syswatch: 12 events lost\n"), 12);
	assert_int_equal(sw_bench_parse_lost("Lost 7 events\nLost 3 events\n"), 10);
	assert_int_equal(sw_bench_parse_lost("LOST 5 events!\n"), 5);
	assert_int_equal(sw_bench_parse_lost("events lost: 0\n"), 0);
	assert_int_equal(sw_bench_parse_lost("nothing to see\n42 calls\n"), -1);
	assert_int_equal(sw_bench_parse_lost(""), -1);
}

static void mode_command_lines_wrap_the_workload(void **state)
{
	char *child[] = { "/tmp/x/swb1", "bench", "--run-workload", "getppid", NULL };
	struct sw_bench_argv_vars v = { "/usr/bin/syswatch", "/tmp/x/out", "getppid,read", child };
	char **a;

	(void)state;
	a = sw_bench_mode_argv(sw_bench_mode_find("native"), &v);
	assert_string_equal(a[0], "/tmp/x/swb1");
	assert_string_equal(a[3], "getppid");
	assert_null(a[4]);
	sw_bench_argv_free(a);

	a = sw_bench_mode_argv(sw_bench_mode_find("ptrace-filtered"), &v);
	assert_string_equal(a[0], "/usr/bin/syswatch");
	assert_string_equal(a[1], "trace");
	assert_string_equal(a[6], "trace=!getppid,read");
	assert_string_equal(a[9], "--");
	assert_string_equal(a[10], "/tmp/x/swb1");
	sw_bench_argv_free(a);

	a = sw_bench_mode_argv(sw_bench_mode_find("ebpf-trace"), &v);
	assert_string_equal(a[6], "/tmp/x/out");
	sw_bench_argv_free(a);

	a = sw_bench_mode_argv(sw_bench_mode_find("bpftrace-count"), &v);
	assert_string_equal(a[0], "bpftrace");
	assert_string_equal(a[3], "-c");
	assert_string_equal(a[4], "/tmp/x/swb1 bench --run-workload getppid");
	assert_null(a[5]);
	sw_bench_argv_free(a);
}

static void modes_and_workloads_are_found_by_name(void **state)
{
	char why[128];

	(void)state;
	assert_true(sw_bench_mode_is_native(sw_bench_mode_find("native")));
	assert_ptr_equal(sw_bench_mode_find("ebpf-floor"), sw_bench_mode_floor());
	assert_null(sw_bench_mode_find("nope"));
	assert_null(sw_bench_workload_find("nope"));
	assert_string_equal(sw_bench_workload_find("dd")->hot, "read,write");
	/* every peer names its tool, and a missing tool is a reason */
	for (unsigned i = 0; i < sw_bench_nmodes; i++)
		if (sw_bench_modes[i].tool) {
			const char *saved = getenv("PATH");
			char *copy = saved ? strdup(saved) : NULL;

			setenv("PATH", "/nonexistent", 1);
			assert_non_null(sw_bench_mode_unavailable(&sw_bench_modes[i], why, sizeof(why)));
			assert_non_null(strstr(why, "is not installed"));
			if (copy)
				setenv("PATH", copy, 1);
			free(copy);
		}
}

static void workload_report_round_trips(void **state)
{
	struct sw_bench_work_result in = { 123456789, 1000, 0, { 11, 22, 3333, 44 } }, out;
	struct sw_err err = { 0 };
	char path[64];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_bench_report.%d", (int)getpid());
	assert_int_equal(sw_bench_work_result_write(path, &in, &err), 0);
	assert_int_equal(sw_bench_work_result_read(path, &out, &err), 0);
	assert_true(out.work_ns == in.work_ns && out.ops == in.ops && out.usage.maxrss_kb == 3333 &&
		    out.usage.minflt == 44 && out.usage.sys_us == 22);
	f = fopen(path, "w");
	fputs("work_ns 5\n", f);
	fclose(f);
	assert_int_equal(sw_bench_work_result_read(path, &out, &err), -1);
	assert_non_null(strstr(err.msg, "incomplete"));
	unlink(path);
	assert_int_equal(sw_bench_work_result_read(path, &out, &err), -1);
}

static void getppid_workload_runs_in_process(void **state)
{
	const struct sw_bench_workload *w = sw_bench_workload_find("getppid");
	struct sw_bench_work_params p = { 1000, 0, NULL };
	struct sw_bench_work_result r;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_bench_workload_run(w, &p, &r, &err), 0);
	assert_int_equal(r.ops, 1000);
	assert_true(r.work_ns > 0);
	assert_true(r.usage.maxrss_kb > 0);
	p.size = 3;
	assert_int_equal(sw_bench_workload_run(sw_bench_workload_find("openclose"), &p, &r, &err), 0);
	assert_int_equal(sw_bench_workload_run(sw_bench_workload_find("dd"), &p, &r, &err), 0);
	assert_int_equal(sw_bench_workload_run(&sw_bench_workload_cmd, &p, &r, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_odd_even_empty),
		cmocka_unit_test(ratios_and_per_syscall_costs),
		cmocka_unit_test(options_compared_with_streaming_round_by_round),
		cmocka_unit_test(failed_and_uncounted_results_have_no_figures),
		cmocka_unit_test(lost_counts_are_found_in_messages),
		cmocka_unit_test(mode_command_lines_wrap_the_workload),
		cmocka_unit_test(modes_and_workloads_are_found_by_name),
		cmocka_unit_test(workload_report_round_trips),
		cmocka_unit_test(getppid_workload_runs_in_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
