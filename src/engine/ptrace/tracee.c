// SPDX-License-Identifier: GPL-2.0-only
/* The tracee table: traced threads by tid, a small chained hash. */
#include <stdlib.h>
#include <string.h>

#include "engine/ptrace/ptrace.h"
#include "util/error.h"

#define PT_MIN_BUCKETS 64

void pt_table_init(struct pt_table *t)
{
	t->nbuckets = PT_MIN_BUCKETS;
	t->bucket = sw_xcalloc(t->nbuckets, sizeof(*t->bucket));
	t->count = 0;
	t->last = NULL;
}

static void tracee_free(struct pt_tracee *tr)
{
	sw_event_free(tr->ev);
	free(tr->inject_seen);
	free(tr);
}

void pt_table_free(struct pt_table *t)
{
	for (size_t i = 0; i < t->nbuckets; i++) {
		struct pt_tracee *tr = t->bucket[i], *next;

		for (; tr; tr = next) {
			next = tr->next;
			tracee_free(tr);
		}
	}
	free(t->bucket);
	t->bucket = NULL;
	t->nbuckets = t->count = 0;
	t->last = NULL;
}

static size_t slot(const struct pt_table *t, pid_t tid)
{
	return (size_t)tid & (t->nbuckets - 1);
}

struct pt_tracee *pt_table_get(struct pt_table *t, pid_t tid)
{
	struct pt_tracee *tr;

	if (t->last && t->last->tid == tid)
		return t->last;
	for (tr = t->bucket[slot(t, tid)]; tr; tr = tr->next)
		if (tr->tid == tid)
			return t->last = tr;
	return NULL;
}

static void insert(struct pt_table *t, struct pt_tracee *tr)
{
	size_t s = slot(t, tr->tid);

	tr->next = t->bucket[s];
	t->bucket[s] = tr;
}

static void grow(struct pt_table *t)
{
	struct pt_tracee **old = t->bucket;
	size_t n = t->nbuckets;

	t->nbuckets *= 2;
	t->bucket = sw_xcalloc(t->nbuckets, sizeof(*t->bucket));
	for (size_t i = 0; i < n; i++) {
		struct pt_tracee *tr = old[i], *next;

		for (; tr; tr = next) {
			next = tr->next;
			insert(t, tr);
		}
	}
	free(old);
}

struct pt_tracee *pt_table_add(struct pt_table *t, pid_t tid, pid_t tgid, size_t data_cap, bool counters)
{
	struct pt_tracee *tr = sw_xcalloc(1, sizeof(*tr));

	tr->tid = tid;
	tr->tgid = tgid;
	tr->ev = sw_event_new(data_cap);
	if (!tr->ev)
		die("out of memory");
	if (counters)
		tr->inject_seen = sw_xcalloc(SW_NR_MAX, sizeof(*tr->inject_seen));
	if (t->count >= t->nbuckets)
		grow(t);
	insert(t, tr);
	t->count++;
	return t->last = tr;
}

static void unlink_tracee(struct pt_table *t, struct pt_tracee *tr)
{
	struct pt_tracee **p = &t->bucket[slot(t, tr->tid)];

	while (*p && *p != tr)
		p = &(*p)->next;
	if (*p)
		*p = tr->next;
	if (t->last == tr)
		t->last = NULL;
}

void pt_table_del(struct pt_table *t, struct pt_tracee *tr)
{
	unlink_tracee(t, tr);
	t->count--;
	tracee_free(tr);
}

void pt_table_rekey(struct pt_table *t, struct pt_tracee *tr, pid_t tid)
{
	unlink_tracee(t, tr);
	tr->tid = tid;
	insert(t, tr);
}

void pt_table_each(struct pt_table *t, void (*fn)(struct pt_tracee *tr, void *ctx), void *ctx)
{
	for (size_t i = 0; i < t->nbuckets; i++)
		for (struct pt_tracee *tr = t->bucket[i], *next; tr; tr = next) {
			next = tr->next;
			fn(tr, ctx);
		}
}
