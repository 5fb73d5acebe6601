// SPDX-License-Identifier: GPL-2.0-only
/* The verify matcher: lining up two sequences of calls per thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/error.h"
#include "verify/match.h"

#define MAXLOG 64

struct log {
	int n;
	enum vf_kind kind[MAXLOG];
	int nr[MAXLOG];
	const char *what[MAXLOG];
};

static void on_diff(const struct vf_diff *d, void *ctx)
{
	struct log *l = ctx;

	assert_true(l->n < MAXLOG);
	l->kind[l->n] = d->kind;
	l->nr[l->n] = d->p ? d->p->nr : d->e->nr;
	l->what[l->n] = d->what;
	l->n++;
}

static struct vf_call *call(uint32_t tid, int nr, int64_t ret)
{
	struct vf_call *c = sw_xcalloc(1, sizeof(*c));
	char text[64];

	c->pid = c->tid = tid;
	c->nr = nr;
	c->ret = ret;
	c->args[0] = (uint64_t)nr * 10;
	snprintf(text, sizeof(text), "call%d() = %lld", nr, (long long)ret);
	c->text = sw_xstrdup(text);
	return c;
}

/* Feeds "nr,nr,..." for one side and thread. */
static void feed(struct vf_matcher *m, enum vf_side side, uint32_t tid, const int *nrs, int n)
{
	for (int i = 0; i < n; i++)
		vf_matcher_add(m, side, call(tid, nrs[i], 0));
}

static void identical_sequences_match(void **state)
{
	struct log l = { 0 };
	struct vf_matcher *m = vf_matcher_new(0, on_diff, &l);
	int seq[] = { 1, 2, 3, 2, 1 };
	const struct vf_totals *t;

	(void)state;
	/* interleaved threads and sides, as two engines deliver them */
	feed(m, VF_PTRACE, 10, seq, 5);
	feed(m, VF_EBPF, 11, seq, 3);
	feed(m, VF_EBPF, 10, seq, 5);
	feed(m, VF_PTRACE, 11, seq, 3);
	vf_matcher_finish(m);
	t = vf_matcher_totals(m);
	assert_int_equal(l.n, 0);
	assert_int_equal(t->kind[VF_MATCHED], 8);
	assert_int_equal(t->seen[VF_PTRACE], 8);
	assert_int_equal(t->seen[VF_EBPF], 8);
	assert_int_equal(t->by_nr[2][VF_MATCHED], 3);
	vf_matcher_free(m);
}

static void missing_call_found_in_the_middle(void **state)
{
	struct log l = { 0 };
	struct vf_matcher *m = vf_matcher_new(4, on_diff, &l);
	int p[] = { 1, 2, 7, 3, 4, 5, 6, 8, 9 };
	int e[] = { 1, 2, 3, 4, 5, 6, 8, 9 };
	const struct vf_totals *t;

	(void)state;
	feed(m, VF_PTRACE, 5, p, 9);
	feed(m, VF_EBPF, 5, e, 8);
	vf_matcher_finish(m);
	t = vf_matcher_totals(m);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.kind[0], VF_ONLY_PTRACE);
	assert_int_equal(l.nr[0], 7);
	assert_int_equal(t->kind[VF_MATCHED], 8);
	vf_matcher_free(m);

	/* and the other way round, with eBPF ahead */
	memset(&l, 0, sizeof(l));
	m = vf_matcher_new(4, on_diff, &l);
	feed(m, VF_EBPF, 5, p, 9);
	feed(m, VF_PTRACE, 5, e, 8);
	vf_matcher_finish(m);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.kind[0], VF_ONLY_EBPF);
	assert_int_equal(l.nr[0], 7);
	vf_matcher_free(m);
}

static void same_call_different_result_is_a_mismatch(void **state)
{
	struct log l = { 0 };
	struct vf_matcher *m = vf_matcher_new(0, on_diff, &l);
	struct vf_call *c;

	(void)state;
	vf_matcher_add(m, VF_PTRACE, call(1, 3, 0));
	vf_matcher_add(m, VF_EBPF, call(1, 3, -2));
	c = call(1, 4, 0);
	c->args[2] = 99;
	vf_matcher_add(m, VF_PTRACE, c);
	vf_matcher_add(m, VF_EBPF, call(1, 4, 0));
	c = call(1, 5, 0);
	free(c->text);
	c->text = sw_xstrdup("other text");
	vf_matcher_add(m, VF_EBPF, c);
	vf_matcher_add(m, VF_PTRACE, call(1, 5, 0));
	vf_matcher_finish(m);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.what[0], "return value");
	assert_string_equal(l.what[1], "arguments");
	assert_string_equal(l.what[2], "decoded text");
	assert_int_equal(vf_matcher_totals(m)->kind[VF_MISMATCHED], 3);
	vf_matcher_free(m);
}

static void injected_calls_and_leftovers(void **state)
{
	struct log l = { 0 };
	struct vf_matcher *m = vf_matcher_new(0, on_diff, &l);
	struct vf_call *c;
	int tail[] = { 8, 9 };

	(void)state;
	vf_matcher_add(m, VF_PTRACE, call(1, 1, 0));
	c = call(1, 2, -13);
	c->flags |= SW_EVF_INJECTED;
	vf_matcher_add(m, VF_PTRACE, c);
	vf_matcher_add(m, VF_PTRACE, call(1, 3, 0));
	vf_matcher_add(m, VF_EBPF, call(1, 1, 0));
	vf_matcher_add(m, VF_EBPF, call(1, 3, 0));
	feed(m, VF_EBPF, 2, tail, 2); /* a thread ptrace never saw */
	vf_matcher_finish(m);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.kind[0], VF_INJECTED);
	assert_int_equal(l.kind[1], VF_ONLY_EBPF);
	assert_int_equal(l.kind[2], VF_ONLY_EBPF);
	assert_int_equal(vf_matcher_totals(m)->kind[VF_MATCHED], 2);
	vf_matcher_free(m);
}

static void nothing_lines_up_pairs_the_heads(void **state)
{
	struct log l = { 0 };
	struct vf_matcher *m = vf_matcher_new(3, on_diff, &l);
	int p[] = { 1, 2, 3, 4 };
	int e[] = { 5, 2, 3, 4 };

	(void)state;
	feed(m, VF_PTRACE, 1, p, 4);
	feed(m, VF_EBPF, 1, e, 4);
	vf_matcher_finish(m);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.kind[0], VF_MISMATCHED);
	assert_string_equal(l.what[0], "syscall");
	assert_int_equal(vf_matcher_totals(m)->kind[VF_MATCHED], 3);
	vf_matcher_free(m);
}

static void memory_stays_bounded(void **state)
{
	struct vf_matcher *m = vf_matcher_new(8, NULL, NULL);
	const struct vf_totals *t;

	(void)state;
	/* eBPF sees nothing of this thread: ptrace's calls are settled as they come */
	for (int i = 0; i < 10000; i++)
		vf_matcher_add(m, VF_PTRACE, call(7, 1, 0));
	t = vf_matcher_totals(m);
	assert_true(t->kind[VF_ONLY_PTRACE] >= 10000 - 8 * 4);
	vf_matcher_finish(m);
	assert_int_equal(t->kind[VF_ONLY_PTRACE], 10000);
	vf_matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identical_sequences_match),
		cmocka_unit_test(missing_call_found_in_the_middle),
		cmocka_unit_test(same_call_different_result_is_a_mismatch),
		cmocka_unit_test(injected_calls_and_leftovers),
		cmocka_unit_test(nothing_lines_up_pairs_the_heads),
		cmocka_unit_test(memory_stays_bounded),
	};
	return cmocka_run_group_tests_name("verify_match", tests, NULL, NULL);
}
