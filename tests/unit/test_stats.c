// SPDX-License-Identifier: GPL-2.0-only
/* Aggregated counts: adding events, merging, the process index, ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>

#include "core/stats.h"

static struct sw_event *event(int nr, int64_t ret, uint64_t dur, uint32_t pid, const char *comm)
{
	struct sw_event *ev = sw_event_new(0);

	ev->kind = SW_EV_SYSCALL;
	ev->nr = nr;
	ev->ret = ret;
	ev->dur_ns = dur;
	ev->pid = ev->tid = pid;
	strncpy(ev->comm, comm, sizeof(ev->comm) - 1);
	return ev;
}

static void add(struct sw_stats *s, int nr, int64_t ret, uint64_t dur, uint32_t pid, const char *comm)
{
	struct sw_event *ev = event(nr, ret, dur, pid, comm);

	sw_stats_add_event(s, ev);
	sw_event_free(ev);
}

static void hist_buckets(void **state)
{
	(void)state;
	assert_int_equal(sw_hist_bucket(0), 0);
	assert_int_equal(sw_hist_bucket(1), 0);
	assert_int_equal(sw_hist_bucket(2), 1);
	assert_int_equal(sw_hist_bucket(3), 1);
	assert_int_equal(sw_hist_bucket(4), 2);
	assert_int_equal(sw_hist_bucket(1023), 9);
	assert_int_equal(sw_hist_bucket(1024), 10);
	assert_int_equal(sw_hist_bucket(UINT64_MAX), 63);
	for (unsigned b = 1; b < 64; b++) {
		assert_int_equal(sw_hist_bucket(1ull << b), b);
		assert_int_equal(sw_hist_bucket((1ull << b) - 1), b - 1);
	}
}

static void events_are_counted(void **state)
{
	struct sw_stats *s = sw_stats_new();

	(void)state;
	assert_true(s->have_latency);
	add(s, SYS_openat, 3, 1000, 10, "cat");
	add(s, SYS_openat, -2, 3000, 10, "cat"); /* ENOENT */
	add(s, SYS_openat, -4095, 5, 10, "cat"); /* the largest errno */
	add(s, SYS_mmap, (int64_t)0xffffffffff600000ull, 100, 10, "cat"); /* an address, not an error */
	add(s, SYS_mmap, -4096, 100, 10, "cat");                          /* not an errno either */
	add(s, SYS_getppid, 1, 50, 11, "sh");
	assert_int_equal(s->sc[SYS_openat].calls, 3);
	assert_int_equal(s->sc[SYS_openat].errors, 2);
	assert_int_equal(s->sc[SYS_openat].total_ns, 4005);
	assert_int_equal(s->sc[SYS_openat].max_ns, 3000);
	assert_int_equal(s->sc[SYS_openat].hist[sw_hist_bucket(1000)], 1);
	assert_int_equal(s->sc[SYS_openat].hist[sw_hist_bucket(3000)], 1);
	assert_int_equal(s->sc[SYS_openat].hist[sw_hist_bucket(5)], 1);
	assert_int_equal(s->sc[SYS_mmap].calls, 2);
	assert_int_equal(s->sc[SYS_mmap].errors, 0);
	assert_int_equal(s->nprocs, 2);
	assert_int_equal(sw_stats_proc(s, 10, NULL)->calls, 5);
	assert_int_equal(sw_stats_proc(s, 10, NULL)->errors, 2);
	assert_int_equal(sw_stats_proc(s, 10, NULL)->total_ns, 4205);
	assert_string_equal(sw_stats_proc(s, 11, NULL)->comm, "sh");
	assert_int_equal(s->nprocs, 2); /* lookups add nothing */
	sw_stats_free(s);
}

static void what_is_not_counted(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_event *ev;
	struct sw_stats_totals t;

	(void)state;
	ev = event(SYS_exit_group, 0, 0, 5, "x");
	ev->flags = SW_EVF_NORET; /* never returned: strace -c leaves it out too */
	sw_stats_add_event(s, ev);
	ev->flags = 0;
	ev->kind = SW_EV_SIGNAL;
	sw_stats_add_event(s, ev);
	ev->kind = SW_EV_SYSCALL;
	ev->nr = SW_NR_MAX;
	sw_stats_add_event(s, ev);
	ev->nr = -1;
	sw_stats_add_event(s, ev);
	sw_event_free(ev);
	sw_stats_totals(s, &t);
	assert_int_equal(t.calls, 0);
	assert_int_equal(s->nprocs, 0);

	/* no duration known: the call counts, its time does not */
	ev = event(SYS_read, 5, 12345, 5, "x");
	ev->flags = SW_EVF_NO_DUR;
	sw_stats_add_event(s, ev);
	sw_event_free(ev);
	assert_int_equal(s->sc[SYS_read].calls, 1);
	assert_int_equal(s->sc[SYS_read].total_ns, 0);
	assert_int_equal(s->sc[SYS_read].hist[0], 0);
	sw_stats_free(s);
}

static void comm_follows_exec(void **state)
{
	struct sw_stats *s = sw_stats_new();

	(void)state;
	add(s, SYS_execve, 0, 10, 7, "sh");
	add(s, SYS_read, 0, 10, 7, "cat");
	add(s, SYS_read, 0, 10, 7, ""); /* an unknown name keeps the last one */
	assert_int_equal(s->nprocs, 1);
	assert_string_equal(s->procs[0].comm, "cat");
	assert_int_equal(s->procs[0].calls, 3);
	/* a 16-byte comm without its NUL is cut to 15 */
	assert_string_equal(sw_stats_proc(s, 8, "0123456789abcdefXYZ")->comm, "0123456789abcde");
	sw_stats_free(s);
}

static void many_processes(void **state)
{
	struct sw_stats *s = sw_stats_new();

	(void)state;
	for (uint32_t round = 0; round < 3; round++)
		for (uint32_t pid = 1; pid <= 5000; pid++)
			add(s, SYS_getppid, 1, pid, pid * 7919u, "p");
	assert_int_equal(s->nprocs, 5000);
	for (uint32_t pid = 1; pid <= 5000; pid++) {
		struct sw_proc_stats *p = sw_stats_proc(s, pid * 7919u, NULL);

		assert_int_equal(p->pid, pid * 7919u);
		assert_int_equal(p->calls, 3);
		assert_int_equal(p->total_ns, 3 * pid);
	}
	assert_int_equal(s->nprocs, 5000);
	sw_stats_free(s);
}

/* An engine may append to procs itself: lookups still find those entries. */
static void procs_appended_directly(void **state)
{
	struct sw_stats *s = sw_stats_new();

	(void)state;
	sw_stats_proc(s, 1, "init")->calls = 1;
	s->procs_cap = 8;
	s->procs = realloc(s->procs, s->procs_cap * sizeof(*s->procs));
	memset(&s->procs[1], 0, sizeof(s->procs[1]));
	s->procs[1].pid = 42;
	s->procs[1].calls = 9;
	strcpy(s->procs[1].comm, "direct");
	s->nprocs = 2;
	assert_int_equal(sw_stats_proc(s, 42, NULL)->calls, 9);
	assert_int_equal(sw_stats_proc(s, 1, NULL)->calls, 1);
	assert_int_equal(s->nprocs, 2);
	sw_stats_free(s);
}

/* pid 0 is a key like any other (the tid table leaves it out: it is found
 * in procs) */
static void pid_zero(void **state)
{
	struct sw_stats *s = sw_stats_new();

	(void)state;
	add(s, SYS_read, 0, 10, 0, "idle");
	add(s, SYS_read, 0, 10, 5, "five");
	add(s, SYS_read, 0, 10, 0, "");
	assert_int_equal(s->nprocs, 2);
	assert_int_equal(sw_stats_proc(s, 0, NULL)->calls, 2);
	assert_string_equal(sw_stats_proc(s, 0, NULL)->comm, "idle");
	assert_int_equal(sw_stats_proc(s, 5, NULL)->calls, 1);
	assert_int_equal(s->nprocs, 2);
	sw_stats_free(s);
}

static void reset_clears(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_stats_totals t;

	(void)state;
	add(s, SYS_read, -9, 10, 3, "a");
	s->lost = 4;
	sw_stats_reset(s);
	sw_stats_totals(s, &t);
	assert_int_equal(t.calls, 0);
	assert_int_equal(t.syscalls, 0);
	assert_int_equal(s->nprocs, 0);
	assert_int_equal(s->lost, 0);
	add(s, SYS_read, 0, 10, 3, "b");
	assert_int_equal(s->nprocs, 1);
	assert_int_equal(sw_stats_proc(s, 3, NULL)->calls, 1);
	assert_int_equal(sw_stats_proc(s, 3, NULL)->errors, 0);
	sw_stats_free(s);
}

/* Merging two halves gives what adding everything to one gives. */
static void merge_equals_adding(void **state)
{
	struct sw_stats *all = sw_stats_new(), *a = sw_stats_new(), *b = sw_stats_new();
	static const int nrs[] = { SYS_read, SYS_write, SYS_openat, SYS_close };

	(void)state;
	for (int i = 0; i < 400; i++) {
		int nr = nrs[i % 4];
		int64_t ret = i % 7 == 0 ? -13 : i;
		uint64_t dur = (uint64_t)i * 37 % 5000;
		uint32_t pid = 100 + (uint32_t)(i % 5);

		add(all, nr, ret, dur, pid, "w");
		add(i % 3 ? a : b, nr, ret, dur, pid, "w");
	}
	a->lost = 2;
	b->lost = 3;
	sw_stats_merge(a, b);
	assert_memory_equal(a->sc, all->sc, sizeof(all->sc));
	assert_int_equal(a->nprocs, all->nprocs);
	for (size_t i = 0; i < all->nprocs; i++) {
		struct sw_proc_stats *p = sw_stats_proc(a, all->procs[i].pid, NULL);

		assert_int_equal(p->calls, all->procs[i].calls);
		assert_int_equal(p->errors, all->procs[i].errors);
		assert_int_equal(p->total_ns, all->procs[i].total_ns);
	}
	assert_int_equal(a->lost, 5);
	sw_stats_free(all);
	sw_stats_free(a);
	sw_stats_free(b);
}

static void add_sc_keeps_max(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_sc_stats one = { .calls = 2, .errors = 1, .total_ns = 30, .max_ns = 20 };

	(void)state;
	one.hist[4] = 2;
	sw_stats_add_sc(s, SYS_read, &one);
	one.max_ns = 5;
	sw_stats_add_sc(s, SYS_read, &one);
	sw_stats_add_sc(s, SW_NR_MAX, &one); /* out of range: ignored */
	assert_int_equal(s->sc[SYS_read].calls, 4);
	assert_int_equal(s->sc[SYS_read].errors, 2);
	assert_int_equal(s->sc[SYS_read].total_ns, 60);
	assert_int_equal(s->sc[SYS_read].max_ns, 20);
	assert_int_equal(s->sc[SYS_read].hist[4], 4);
	sw_stats_free(s);
}

static void totals(void **state)
{
	struct sw_stats *s = sw_stats_new();
	struct sw_stats_totals t;

	(void)state;
	add(s, SYS_read, 1, 10, 1, "a");
	add(s, SYS_read, -1, 20, 1, "a");
	add(s, SYS_close, -9, 5, 2, "b");
	sw_stats_totals(s, &t);
	assert_int_equal(t.calls, 3);
	assert_int_equal(t.errors, 2);
	assert_int_equal(t.total_ns, 35);
	assert_int_equal(t.syscalls, 2);
	sw_stats_free(s);
}

static void sort_words(void **state)
{
	(void)state;
	assert_int_equal(sw_stats_sort_parse("time"), SW_SORT_TIME);
	assert_int_equal(sw_stats_sort_parse("calls"), SW_SORT_CALLS);
	assert_int_equal(sw_stats_sort_parse("errors"), SW_SORT_ERRORS);
	assert_int_equal(sw_stats_sort_parse("name"), SW_SORT_NAME);
	assert_int_equal(sw_stats_sort_parse("nothing"), SW_SORT_NONE);
	assert_int_equal(sw_stats_sort_parse("Time"), -1);
	assert_int_equal(sw_stats_sort_parse(""), -1);
}

static void sorting(void **state)
{
	struct sw_stats *s = sw_stats_new();
	int nrs[SW_NR_MAX];

	(void)state;
	/* write: 1 call, 900 ns; read: 3 calls, 300 ns, 1 error; close: 3 calls, 300 ns, 2 errors */
	add(s, SYS_write, 1, 900, 1, "a");
	for (int i = 0; i < 3; i++) {
		add(s, SYS_read, i ? 1 : -5, 100, 1, "a");
		add(s, SYS_close, i ? 0 : -9, 100, 1, "a");
	}
	add(s, SYS_close, -9, 0, 1, "a");
	s->sc[SYS_close].calls--; /* make close's numbers equal to read's but for errors */

	assert_int_equal(sw_stats_sorted(s, SW_SORT_TIME, nrs), 3);
	assert_int_equal(nrs[0], SYS_write);
	assert_int_equal(nrs[1], SYS_read); /* a tie with close: by number */
	assert_int_equal(nrs[2], SYS_close);

	sw_stats_sorted(s, SW_SORT_CALLS, nrs);
	assert_int_equal(nrs[0], SYS_read);
	assert_int_equal(nrs[1], SYS_close);
	assert_int_equal(nrs[2], SYS_write);

	sw_stats_sorted(s, SW_SORT_ERRORS, nrs);
	assert_int_equal(nrs[0], SYS_close);
	assert_int_equal(nrs[1], SYS_read);
	assert_int_equal(nrs[2], SYS_write);

	sw_stats_sorted(s, SW_SORT_NAME, nrs);
	assert_int_equal(nrs[0], SYS_close);
	assert_int_equal(nrs[1], SYS_read);
	assert_int_equal(nrs[2], SYS_write);

	sw_stats_sorted(s, SW_SORT_NONE, nrs);
	assert_int_equal(nrs[0], SYS_read);
	assert_int_equal(nrs[1], SYS_write);
	assert_int_equal(nrs[2], SYS_close);

	/* without latency, "time" means calls */
	s->have_latency = false;
	sw_stats_sorted(s, SW_SORT_TIME, nrs);
	assert_int_equal(nrs[0], SYS_read);
	assert_int_equal(nrs[2], SYS_write);
	sw_stats_free(s);
}

static void process_order(void **state)
{
	struct sw_stats *s = sw_stats_new();
	size_t idx[4];

	(void)state;
	add(s, SYS_read, 0, 1, 30, "c");
	for (int i = 0; i < 5; i++)
		add(s, SYS_read, 0, 1, 20, "b");
	add(s, SYS_read, 0, 1, 10, "a");
	assert_int_equal(sw_stats_procs_sorted(s, idx), 3);
	assert_int_equal(s->procs[idx[0]].pid, 20);
	assert_int_equal(s->procs[idx[1]].pid, 10); /* a tie: by pid */
	assert_int_equal(s->procs[idx[2]].pid, 30);
	sw_stats_free(s);
}

static void names(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(sw_stats_name(SYS_getppid, buf, sizeof(buf)), "getppid");
	assert_string_equal(sw_stats_name(1000, buf, sizeof(buf)), "syscall_1000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hist_buckets),
		cmocka_unit_test(events_are_counted),
		cmocka_unit_test(what_is_not_counted),
		cmocka_unit_test(comm_follows_exec),
		cmocka_unit_test(many_processes),
		cmocka_unit_test(procs_appended_directly),
		cmocka_unit_test(pid_zero),
		cmocka_unit_test(reset_clears),
		cmocka_unit_test(merge_equals_adding),
		cmocka_unit_test(add_sc_keeps_max),
		cmocka_unit_test(totals),
		cmocka_unit_test(sort_words),
		cmocka_unit_test(sorting),
		cmocka_unit_test(process_order),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
