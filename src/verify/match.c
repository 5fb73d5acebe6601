// SPDX-License-Identifier: GPL-2.0-only
/* Lining up two engines' calls, thread by thread (see match.h).
 *
 * Per thread, each side has a queue. While both heads are the same syscall
 * they are paired at once (matched, or mismatched with the reason). When the
 * heads are different syscalls, one side has calls the other has not: the
 * matcher waits until it can look `window` calls ahead on both sides (or the
 * run is over), then drops as "only in" the shorter run of calls that brings
 * the heads back to the same syscall. When nothing lines up within the
 * window, the heads are paired as a mismatch ("syscall"). */
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"
#include "util/tidtab.h"
#include "verify/match.h"

#define VF_DEFAULT_WINDOW 64
#define VF_HARD_FACTOR 4 /* one side this many windows ahead: decide with what there is */

struct vf_queue {
	struct vf_call **item; /* a ring of cap entries */
	size_t cap, head, len;
};

struct vf_thread {
	uint32_t tid;          /* first: the table's key */
	uint64_t next_seq[2];
	struct vf_queue q[2];
};

struct vf_matcher {
	unsigned window;
	vf_diff_cb cb;
	void *ctx;
	struct sw_tidtab threads; /* of struct vf_thread */
	struct vf_totals totals;
};

/* ---- calls ------------------------------------------------------------------- */

struct vf_call *vf_call_from_event(const struct sw_event *ev, const struct sw_decode_opts *o)
{
	struct vf_call *c = sw_xcalloc(1, sizeof(*c));
	struct sw_strbuf sb = SW_STRBUF_INIT;

	c->pid = ev->pid;
	c->tid = ev->tid;
	c->nr = ev->nr;
	c->flags = ev->flags;
	memcpy(c->args, ev->args, sizeof(c->args));
	c->ret = ev->ret;
	sw_decode_call(&sb, ev, o);
	sw_strbuf_puts(&sb, " = ");
	sw_decode_ret(&sb, ev, o);
	c->text = sw_xstrdup(sw_strbuf_str(&sb));
	sw_strbuf_release(&sb);
	return c;
}

void vf_call_free(struct vf_call *c)
{
	if (!c)
		return;
	free(c->text);
	free(c);
}

const char *vf_compare(const struct vf_call *p, const struct vf_call *e)
{
	bool p_noret = p->flags & SW_EVF_NORET, e_noret = e->flags & SW_EVF_NORET;

	if (p->nr != e->nr)
		return "syscall";
	if (memcmp(p->args, e->args, sizeof(p->args)) != 0)
		return "arguments";
	if (p_noret != e_noret || (!p_noret && p->ret != e->ret))
		return "return value";
	if (strcmp(p->text, e->text) != 0)
		return "decoded text";
	return NULL;
}

/* ---- queues ------------------------------------------------------------------- */

static void queue_push(struct vf_queue *q, struct vf_call *c)
{
	if (q->len == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 16;
		struct vf_call **item = sw_xcalloc(cap, sizeof(*item));

		for (size_t i = 0; i < q->len; i++)
			item[i] = q->item[(q->head + i) % q->cap];
		free(q->item);
		q->item = item;
		q->cap = cap;
		q->head = 0;
	}
	q->item[(q->head + q->len) % q->cap] = c;
	q->len++;
}

static struct vf_call *queue_at(const struct vf_queue *q, size_t i)
{
	return q->item[(q->head + i) % q->cap];
}

static struct vf_call *queue_pop(struct vf_queue *q)
{
	struct vf_call *c = q->item[q->head];

	q->head = (q->head + 1) % q->cap;
	q->len--;
	return c;
}

static void queue_release(struct vf_queue *q)
{
	while (q->len)
		vf_call_free(queue_pop(q));
	free(q->item);
	q->item = NULL;
	q->cap = 0;
}

/* ---- threads ------------------------------------------------------------------- */

static struct vf_thread *thread_get(struct vf_matcher *m, uint32_t tid)
{
	return sw_tidtab_get(&m->threads, tid ? tid : UINT32_MAX); /* 0 is no key */
}

/* ---- settling ------------------------------------------------------------------- */

static void count(struct vf_matcher *m, enum vf_kind kind, int nr)
{
	m->totals.kind[kind]++;
	if (nr >= 0 && nr < SW_NR_MAX)
		m->totals.by_nr[nr][kind]++;
}

static void report(struct vf_matcher *m, enum vf_kind kind, const char *what, struct vf_call *p,
		   struct vf_call *e)
{
	struct vf_diff d = { kind, what, p ? p->tid : e->tid, p, e };

	count(m, kind, p ? p->nr : e->nr);
	if (kind != VF_MATCHED && m->cb)
		m->cb(&d, m->ctx);
	vf_call_free(p);
	vf_call_free(e);
}

static void pair(struct vf_matcher *m, struct vf_thread *t)
{
	struct vf_call *p = queue_pop(&t->q[VF_PTRACE]), *e = queue_pop(&t->q[VF_EBPF]);
	const char *what = vf_compare(p, e);

	report(m, what ? VF_MISMATCHED : VF_MATCHED, what, p, e);
}

static void drop(struct vf_matcher *m, struct vf_thread *t, enum vf_side side, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct vf_call *c = queue_pop(&t->q[side]);

		if (side == VF_PTRACE)
			report(m, VF_ONLY_PTRACE, NULL, c, NULL);
		else
			report(m, VF_ONLY_EBPF, NULL, NULL, c);
	}
}

/* Where, within the window, the other side's head syscall comes (1..), or 0. */
static size_t find_nr(const struct vf_matcher *m, const struct vf_queue *q, int nr)
{
	size_t n = q->len < m->window ? q->len : m->window;

	for (size_t i = 1; i < n; i++)
		if (queue_at(q, i)->nr == nr)
			return i;
	return 0;
}

static bool can_decide(const struct vf_matcher *m, const struct vf_thread *t, bool final)
{
	size_t lp = t->q[VF_PTRACE].len, le = t->q[VF_EBPF].len;
	size_t hard = (size_t)m->window * VF_HARD_FACTOR;

	return final || (lp >= m->window && le >= m->window) || lp >= hard || le >= hard;
}

static void settle(struct vf_matcher *m, struct vf_thread *t, bool final)
{
	struct vf_queue *qp = &t->q[VF_PTRACE], *qe = &t->q[VF_EBPF];

	while (qp->len || qe->len) {
		struct vf_call *p, *e;
		size_t dp, de;

		if (qp->len && (queue_at(qp, 0)->flags & SW_EVF_INJECTED)) {
			report(m, VF_INJECTED, NULL, queue_pop(qp), NULL);
			continue;
		}
		if (!qp->len || !qe->len) {
			if (!final && qp->len < (size_t)m->window * VF_HARD_FACTOR &&
			    qe->len < (size_t)m->window * VF_HARD_FACTOR)
				return;
			drop(m, t, qp->len ? VF_PTRACE : VF_EBPF, 1);
			continue;
		}
		p = queue_at(qp, 0);
		e = queue_at(qe, 0);
		if (p->nr == e->nr) {
			pair(m, t);
			continue;
		}
		if (!can_decide(m, t, final))
			return;
		dp = find_nr(m, qp, e->nr);
		de = find_nr(m, qe, p->nr);
		if (!dp && !de)
			pair(m, t);
		else if (dp && (!de || dp <= de))
			drop(m, t, VF_PTRACE, dp);
		else
			drop(m, t, VF_EBPF, de);
	}
}

/* ---- the matcher ------------------------------------------------------------------- */

struct vf_matcher *vf_matcher_new(unsigned window, vf_diff_cb cb, void *ctx)
{
	struct vf_matcher *m = sw_xcalloc(1, sizeof(*m));

	m->window = window ? window : VF_DEFAULT_WINDOW;
	m->cb = cb;
	m->ctx = ctx;
	sw_tidtab_init(&m->threads, sizeof(struct vf_thread));
	return m;
}

void vf_matcher_free(struct vf_matcher *m)
{
	struct vf_thread *t;

	if (!m)
		return;
	for (size_t i = 0; i < m->threads.cap; i++) {
		if ((t = sw_tidtab_at(&m->threads, i))) {
			queue_release(&t->q[VF_PTRACE]);
			queue_release(&t->q[VF_EBPF]);
		}
	}
	sw_tidtab_release(&m->threads);
	free(m);
}

void vf_matcher_add(struct vf_matcher *m, enum vf_side side, struct vf_call *c)
{
	struct vf_thread *t = thread_get(m, c->tid);

	c->seq = ++t->next_seq[side];
	m->totals.seen[side]++;
	queue_push(&t->q[side], c);
	settle(m, t, false);
}

void vf_matcher_finish(struct vf_matcher *m)
{
	struct vf_thread *t;

	for (size_t i = 0; i < m->threads.cap; i++)
		if ((t = sw_tidtab_at(&m->threads, i)))
			settle(m, t, true);
}

const struct vf_totals *vf_matcher_totals(const struct vf_matcher *m)
{
	return &m->totals;
}
