// SPDX-License-Identifier: GPL-2.0-only
/* The summary tables: strace -c's layout, widening, the count-only table,
 * processes, histograms and the JSON object. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>

#include "core/stats.h"
#include "output/summary.h"

static void set(struct sw_stats *s, int nr, uint64_t calls, uint64_t errors, uint64_t total_us)
{
	s->sc[nr].calls = calls;
	s->sc[nr].errors = errors;
	s->sc[nr].total_ns = total_us * 1000;
}

/* Lines of a table strace 6.1 printed for `strace -c ls /` (a subset of its
 * rows, with the total line recomputed for that subset). */
static void strace_layout(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	set(s, SYS_openat, 34, 13, 318);
	set(s, SYS_getdents64, 2, 0, 317);
	set(s, SYS_mprotect, 5, 0, 0);
	set(s, SYS_access, 2, 2, 0);
	sw_summary_table(&sb, s, SW_SORT_TIME, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% time     seconds  usecs/call     calls    errors syscall\n"
			    "------ ----------- ----------- --------- --------- ----------------\n"
			    " 50.08    0.000318           9        34        13 openat\n"
			    " 49.92    0.000317         158         2           getdents64\n"
			    "  0.00    0.000000           0         5           mprotect\n"
			    "  0.00    0.000000           0         2         2 access\n"
			    "------ ----------- ----------- --------- --------- ----------------\n"
			    "100.00    0.000635          14        43        15 total\n");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void nothing_when_empty(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	sw_summary_table(&sb, s, SW_SORT_TIME, 0);
	sw_summary_procs(&sb, s, 0);
	sw_summary_hist(&sb, s, SW_SORT_TIME, 0);
	assert_string_equal(sw_strbuf_str(&sb), "");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

/* Like strace, the total line says 100.00 even when no time was measured. */
static void zero_time(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	set(s, SYS_close, 20, 0, 0);
	set(s, SYS_openat, 31, 13, 0);
	sw_summary_table(&sb, s, SW_SORT_NAME, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% time     seconds  usecs/call     calls    errors syscall\n"
			    "------ ----------- ----------- --------- --------- ----------------\n"
			    "  0.00    0.000000           0        20           close\n"
			    "  0.00    0.000000           0        31        13 openat\n"
			    "------ ----------- ----------- --------- --------- ----------------\n"
			    "100.00    0.000000           0        51        13 total\n");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

/* A number too wide for its column widens the column and its dashes. */
static void columns_widen(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	set(s, SYS_getppid, 12345678901ull, 0, 12345678901ull); /* 12345 s */
	sw_summary_table(&sb, s, SW_SORT_TIME, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% time      seconds  usecs/call       calls    errors syscall\n"
			    "------ ------------ ----------- ----------- --------- ----------------\n"
			    "100.00 12345.678901           1 12345678901           getppid\n"
			    "------ ------------ ----------- ----------- --------- ----------------\n"
			    "100.00 12345.678901           1 12345678901           total\n");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void top_rows(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;
	const char *out;

	(void)state;
	set(s, SYS_read, 10, 0, 40);
	set(s, SYS_write, 10, 0, 30);
	set(s, SYS_close, 10, 0, 20);
	set(s, SYS_openat, 10, 0, 10);
	sw_summary_table(&sb, s, SW_SORT_TIME, 2);
	out = sw_strbuf_str(&sb);
	assert_non_null(strstr(out, " read\n"));
	assert_non_null(strstr(out, " write\n"));
	assert_null(strstr(out, " close\n"));
	assert_null(strstr(out, " openat\n"));
	/* the total covers every syscall, shown or not */
	assert_non_null(strstr(out, "100.00    0.000100           2        40           total\n"));
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void count_only(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	s->have_latency = false;
	set(s, SYS_read, 30, 0, 0);
	set(s, SYS_openat, 10, 4, 0);
	sw_summary_table(&sb, s, SW_SORT_TIME, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% calls     calls    errors syscall\n"
			    "------- --------- --------- ----------------\n"
			    "  75.00        30           read\n"
			    "  25.00        10         4 openat\n"
			    "------- --------- --------- ----------------\n"
			    " 100.00        40         4 total\n");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

/* Counted at entry (eBPF --no-latency): no errors column, errors null. */
static void errors_unknown(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_summary_opts o = { .sort = SW_SORT_TIME };
	struct sw_summary_info info = { 0 };

	(void)state;
	s->have_latency = false;
	s->no_errors = true;
	set(s, SYS_read, 3, 0, 0);
	set(s, SYS_close, 1, 0, 0);
	sw_stats_proc(s, 77, "cat")->calls = 4;
	sw_summary_table(&sb, s, SW_SORT_TIME, 0);
	sw_summary_procs(&sb, s, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% calls     calls syscall\n"
			    "------- --------- ----------------\n"
			    "  75.00         3 read\n"
			    "  25.00         1 close\n"
			    "------- --------- ----------------\n"
			    " 100.00         4 total\n"
			    "% calls     calls     pid comm\n"
			    "------- --------- ------- ----------------\n"
			    " 100.00         4      77 cat\n"
			    "------- --------- ------- ----------------\n"
			    " 100.00         4         total (1)\n");
	sw_strbuf_reset(&sb);
	sw_summary_json(&sb, s, &o, &info);
	assert_non_null(strstr(sw_strbuf_str(&sb), "{\"name\":\"read\",\"nr\":0,\"calls\":3,\"errors\":null,"));
	assert_non_null(strstr(sw_strbuf_str(&sb), "\"totals\":{\"calls\":4,\"errors\":null,"));
	assert_non_null(strstr(sw_strbuf_str(&sb), "\"comm\":\"cat\",\"calls\":4,\"errors\":null,"));
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void process_table(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_proc_stats *p;

	(void)state;
	p = sw_stats_proc(s, 4242, "bash");
	p->calls = 25, p->errors = 1, p->total_ns = 2500000;
	p = sw_stats_proc(s, 17, "systemd-journal");
	p->calls = 75, p->total_ns = 1000;
	sw_summary_procs(&sb, s, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "% calls     calls    errors     seconds     pid comm\n"
			    "------- --------- --------- ----------- ------- ----------------\n"
			    "  75.00        75              0.000001      17 systemd-journal\n"
			    "  25.00        25         1    0.002500    4242 bash\n"
			    "------- --------- --------- ----------- ------- ----------------\n"
			    " 100.00       100         1    0.002501         total (2)\n");
	sw_strbuf_reset(&sb);
	sw_summary_procs(&sb, s, 1);
	assert_null(strstr(sw_strbuf_str(&sb), "bash"));
	assert_non_null(strstr(sw_strbuf_str(&sb), "total (2)"));
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void histogram(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	s->sc[SYS_getppid].calls = 5;
	s->sc[SYS_getppid].total_ns = 5000;
	s->sc[SYS_getppid].max_ns = 2000;
	s->sc[SYS_getppid].hist[9] = 1;  /* [512, 1K) */
	s->sc[SYS_getppid].hist[10] = 4; /* [1K, 2K) */
	s->sc[SYS_getppid].hist[11] = 0;
	s->sc[SYS_getppid].hist[12] = 0;
	sw_summary_hist(&sb, s, SW_SORT_TIME, 0);
	assert_string_equal(sw_strbuf_str(&sb),
			    "getppid: 5 calls, latency in ns (avg 1000, max 2000)\n"
			    "  [512, 1K)                 1 |@@@@@@@@@@                              |\n"
			    "  [1K, 2K)                  4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n");
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void json_object(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_summary_opts o = { .sort = SW_SORT_TIME, .histogram = true };
	struct sw_summary_info info = { .engine = "ptrace", .elapsed_ns = 7, .final = true };
	struct sw_proc_stats *p;

	(void)state;
	set(s, SYS_openat, 3, 1, 2);
	s->sc[SYS_openat].max_ns = 1500;
	s->sc[SYS_openat].hist[0] = 1;
	s->sc[SYS_openat].hist[10] = 2;
	p = sw_stats_proc(s, 9, "a\"b");
	p->calls = 3, p->errors = 1, p->total_ns = 2000;
	s->lost = 4;
	sw_summary_json(&sb, s, &o, &info);
	assert_string_equal(sw_strbuf_str(&sb),
			    "{\"type\":\"stat\",\"engine\":\"ptrace\",\"final\":true,\"end_ns\":0,\"elapsed_ns\":7,"
			    "\"latency\":true,\"syscalls\":[{\"name\":\"openat\",\"nr\":257,\"calls\":3,\"errors\":1,"
			    "\"total_ns\":2000,\"max_ns\":1500,\"hist\":[{\"lo_ns\":0,\"hi_ns\":2,\"count\":1},"
			    "{\"lo_ns\":1024,\"hi_ns\":2048,\"count\":2}]}],"
			    "\"totals\":{\"calls\":3,\"errors\":1,\"total_ns\":2000,\"syscalls\":1,\"processes\":1},"
			    "\"processes\":[{\"pid\":9,\"comm\":\"a\\\"b\",\"calls\":3,\"errors\":1,\"total_ns\":2000}],"
			    "\"processes_seen\":1,\"lost\":4}");
	sw_strbuf_reset(&sb);
	s->have_latency = false;
	o.histogram = false;
	sw_summary_json(&sb, s, &o, &info);
	assert_non_null(strstr(sw_strbuf_str(&sb), "\"errors\":1,\"total_ns\":null,\"max_ns\":null}"));
	assert_null(strstr(sw_strbuf_str(&sb), "hist"));
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

static void report_system_wide(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_summary_opts o = { .sort = SW_SORT_CALLS, .top = 1, .system_wide = true };
	struct sw_summary_info info = { .engine = "ebpf", .scope = "system-wide", .elapsed_ns = 1500000000 };
	const char *out;

	(void)state;
	set(s, SYS_read, 10, 2, 5);
	set(s, SYS_write, 3, 0, 5);
	sw_stats_proc(s, 1, "init")->calls = 3;
	sw_stats_proc(s, 2, "worker")->calls = 10;
	s->lost = 6;
	sw_summary_report(&sb, s, &o, &info);
	out = sw_strbuf_str(&sb);
	assert_true(strncmp(out, "1.500 s system-wide, engine ebpf\n"
				 "total syscalls: 13, errors: 2, processes seen: 2, events lost: 6\n\n"
				 "top syscalls:\n% time",
			    strlen("1.500 s system-wide, engine ebpf\ntotal syscalls: 13, errors: 2, processes seen: 2, "
				   "events lost: 6\n\ntop syscalls:\n% time")) == 0);
	assert_non_null(strstr(out, " read\n"));
	assert_null(strstr(out, " write\n"));
	assert_non_null(strstr(out, "\nmost active processes:\n"));
	assert_non_null(strstr(out, " worker\n"));
	assert_null(strstr(out, " init\n"));
	sw_strbuf_release(&sb);
	sw_stats_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strace_layout),
		cmocka_unit_test(nothing_when_empty),
		cmocka_unit_test(zero_time),
		cmocka_unit_test(columns_widen),
		cmocka_unit_test(top_rows),
		cmocka_unit_test(count_only),
		cmocka_unit_test(errors_unknown),
		cmocka_unit_test(process_table),
		cmocka_unit_test(histogram),
		cmocka_unit_test(json_object),
		cmocka_unit_test(report_system_wide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
