// SPDX-License-Identifier: GPL-2.0-only
/* Aggregated counts per syscall and per process. Engines that aggregate in
 * the kernel fill them through sw_stats_add_sc/sw_stats_proc; everything else
 * goes through sw_stats_add_event, one completed syscall at a time. */
#include "core/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/tidtab.h"

/* An entry of proc_index: where pid's stats are in procs (index + 1: 0 is
 * a new entry). */
struct proc_slot {
	uint32_t pid;
	uint32_t at;
};

struct sw_stats *sw_stats_new(void)
{
	struct sw_stats *s = sw_xcalloc(1, sizeof(*s));

	s->have_latency = true;
	sw_tidtab_init(&s->proc_index, sizeof(struct proc_slot));
	return s;
}

void sw_stats_free(struct sw_stats *s)
{
	if (!s)
		return;
	free(s->procs);
	sw_tidtab_release(&s->proc_index);
	free(s);
}

void sw_stats_reset(struct sw_stats *s)
{
	memset(s->sc, 0, sizeof(s->sc));
	s->nprocs = 0;
	s->proc_indexed = 0;
	sw_tidtab_release(&s->proc_index);
	s->lost = 0;
}

unsigned sw_hist_bucket(uint64_t ns)
{
	if (ns < 2)
		return 0;
	return 63u - (unsigned)__builtin_clzll(ns);
}

/* ---- the process index ------------------------------------------------------ */

/* Makes the index cover every entry of procs. */
static void index_sync(struct sw_stats *s)
{
	if (s->proc_indexed > s->nprocs) {
		/* procs shrank behind our back: start over */
		sw_tidtab_release(&s->proc_index);
		s->proc_indexed = 0;
	}
	for (; s->proc_indexed < s->nprocs; s->proc_indexed++)
		if (s->procs[s->proc_indexed].pid) {
			struct proc_slot *e = sw_tidtab_get(&s->proc_index, s->procs[s->proc_indexed].pid);

			if (!e->at) /* a pid appended twice: the first is found, as by a scan */
				e->at = (uint32_t)s->proc_indexed + 1;
		}
}

/* The entry of pid in procs, or NULL. pid 0 (no process; the table's free
 * mark) is not in the index: it is looked for in procs. */
static struct sw_proc_stats *proc_find(struct sw_stats *s, uint32_t pid)
{
	const struct proc_slot *e;

	if (!pid) {
		for (size_t i = 0; i < s->nprocs; i++)
			if (!s->procs[i].pid)
				return &s->procs[i];
		return NULL;
	}
	e = sw_tidtab_find(&s->proc_index, pid);
	return e ? &s->procs[e->at - 1] : NULL;
}

struct sw_proc_stats *sw_stats_proc(struct sw_stats *s, uint32_t pid, const char *comm)
{
	struct sw_proc_stats *p;

	index_sync(s);
	p = proc_find(s, pid);
	if (p) {
		if (comm && comm[0] && strncmp(p->comm, comm, SW_COMM_LEN) != 0)
			snprintf(p->comm, sizeof(p->comm), "%.*s", SW_COMM_LEN - 1, comm);
		return p;
	}
	if (s->nprocs == s->procs_cap) {
		s->procs_cap = s->procs_cap ? s->procs_cap * 2 : 32;
		s->procs = sw_xrealloc(s->procs, s->procs_cap * sizeof(*s->procs));
	}
	p = &s->procs[s->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (comm)
		snprintf(p->comm, sizeof(p->comm), "%.*s", SW_COMM_LEN - 1, comm);
	s->nprocs++;
	index_sync(s);
	return p;
}

/* ---- adding ----------------------------------------------------------------- */

/* A failure: -4095..-1, the kernel's errno range (mmap's high addresses are not) */
static bool failed_ret(int64_t ret)
{
	return ret < 0 && ret >= -4095;
}

void sw_stats_add_event(struct sw_stats *s, const struct sw_event *ev)
{
	struct sw_sc_stats *sc;
	struct sw_proc_stats *p;
	bool failed;

	/* a syscall that never returned has no result and no duration: like
	 * strace -c, it is not counted */
	if (ev->kind != SW_EV_SYSCALL || (ev->flags & SW_EVF_NORET))
		return;
	if (ev->nr < 0 || ev->nr >= SW_NR_MAX)
		return;
	sc = &s->sc[ev->nr];
	failed = failed_ret(ev->ret);
	sc->calls++;
	sc->errors += failed;
	if (!(ev->flags & SW_EVF_NO_DUR)) {
		sc->total_ns += ev->dur_ns;
		if (ev->dur_ns > sc->max_ns)
			sc->max_ns = ev->dur_ns;
		if (ev->dur_ns && (!sc->min_ns || ev->dur_ns < sc->min_ns))
			sc->min_ns = ev->dur_ns;
		sc->hist[sw_hist_bucket(ev->dur_ns)]++;
	}
	p = sw_stats_proc(s, ev->pid, ev->comm);
	p->calls++;
	p->errors += failed;
	if (!(ev->flags & SW_EVF_NO_DUR))
		p->total_ns += ev->dur_ns;
}

void sw_stats_add_sc(struct sw_stats *s, int nr, const struct sw_sc_stats *add)
{
	static const struct sw_sc_stats none;
	struct sw_sc_stats *sc;

	if (nr < 0 || nr >= SW_NR_MAX)
		return;
	sc = &s->sc[nr];
	SW_SC_STATS_ADD(sc, add, &none);
}

void sw_stats_add_sc_totals(struct sw_sc_stats *total, const struct sw_sc_stats *sc)
{
	if (!sc->calls)
		return;
	total->calls += sc->calls;
	total->errors += sc->errors;
	total->total_ns += sc->total_ns;
	if (sc->max_ns > total->max_ns)
		total->max_ns = sc->max_ns;
	if (sc->min_ns && (!total->min_ns || sc->min_ns < total->min_ns))
		total->min_ns = sc->min_ns;
}

void sw_stats_merge(struct sw_stats *dst, const struct sw_stats *src)
{
	for (int nr = 0; nr < SW_NR_MAX; nr++)
		if (src->sc[nr].calls)
			sw_stats_add_sc(dst, nr, &src->sc[nr]);
	for (size_t i = 0; i < src->nprocs; i++) {
		const struct sw_proc_stats *sp = &src->procs[i];
		struct sw_proc_stats *dp = sw_stats_proc(dst, sp->pid, sp->comm);

		dp->calls += sp->calls;
		dp->errors += sp->errors;
		dp->total_ns += sp->total_ns;
	}
	dst->lost += src->lost;
}

void sw_stats_totals(const struct sw_stats *s, struct sw_stats_totals *t)
{
	memset(t, 0, sizeof(*t));
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		const struct sw_sc_stats *sc = &s->sc[nr];

		if (!sc->calls)
			continue;
		t->calls += sc->calls;
		t->errors += sc->errors;
		t->total_ns += sc->total_ns;
		t->syscalls++;
	}
}

/* ---- ordering --------------------------------------------------------------- */

int sw_stats_sort_parse(const char *word)
{
	static const char *const words[] = {
		[SW_SORT_TIME] = "time",
		[SW_SORT_CALLS] = "calls",
		[SW_SORT_ERRORS] = "errors",
		[SW_SORT_NAME] = "name",
		[SW_SORT_NONE] = "nothing",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(word, words[i]) == 0)
			return (int)i;
	return -1;
}

const char *sw_stats_name(int nr, char *buf, size_t size)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(nr);

	if (sc)
		return sc->name;
	snprintf(buf, size, "syscall_%d", nr);
	return buf;
}

struct sort_ctx {
	const struct sw_stats *s;
	enum sw_stats_sort by;
};

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

static int cmp_sc(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	int a = *(const int *)pa, b = *(const int *)pb;
	const struct sw_sc_stats *x = &c->s->sc[a], *y = &c->s->sc[b];
	char ba[24], bb[24];
	int r = 0;

	switch (c->by) {
	case SW_SORT_TIME:
		r = cmp_u64_desc(x->total_ns, y->total_ns);
		break;
	case SW_SORT_CALLS:
		r = cmp_u64_desc(x->calls, y->calls);
		break;
	case SW_SORT_ERRORS:
		r = cmp_u64_desc(x->errors, y->errors);
		break;
	case SW_SORT_NAME:
		r = strcmp(sw_stats_name(a, ba, sizeof(ba)), sw_stats_name(b, bb, sizeof(bb)));
		break;
	case SW_SORT_NONE:
		break;
	case SW_SORT_MIN:
		r = cmp_u64_desc(x->min_ns, y->min_ns);
		break;
	case SW_SORT_MAX:
		r = cmp_u64_desc(x->max_ns, y->max_ns);
		break;
	case SW_SORT_AVG:
		r = cmp_u64_desc(x->calls ? x->total_ns / x->calls : 0, y->calls ? y->total_ns / y->calls : 0);
		break;
	}
	return r ? r : (a > b) - (a < b);
}

size_t sw_stats_sorted(const struct sw_stats *s, enum sw_stats_sort by, int *nrs)
{
	struct sort_ctx c = { s, by };
	size_t n = 0;

	/* without durations, "time" would be the number order: calls mean more */
	if (by == SW_SORT_TIME && !s->have_latency)
		c.by = SW_SORT_CALLS;
	for (int nr = 0; nr < SW_NR_MAX; nr++)
		if (s->sc[nr].calls)
			nrs[n++] = nr;
	qsort_r(nrs, n, sizeof(*nrs), cmp_sc, &c);
	return n;
}

static int cmp_proc(const void *pa, const void *pb, void *arg)
{
	const struct sw_stats *s = arg;
	const struct sw_proc_stats *x = &s->procs[*(const size_t *)pa], *y = &s->procs[*(const size_t *)pb];
	int r = cmp_u64_desc(x->calls, y->calls);

	return r ? r : (x->pid > y->pid) - (x->pid < y->pid);
}

size_t sw_stats_procs_sorted(const struct sw_stats *s, size_t *idx)
{
	for (size_t i = 0; i < s->nprocs; i++)
		idx[i] = i;
	qsort_r(idx, s->nprocs, sizeof(*idx), cmp_proc, (void *)s);
	return s->nprocs;
}
