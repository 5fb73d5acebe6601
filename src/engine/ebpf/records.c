// SPDX-License-Identifier: GPL-2.0-only
/* Ring buffer records to events.
 *
 * Records come in the order the kernel reserved them, so the ENTER half of a
 * syscall always precedes its exit. ENTER halves wait in the stash, by tid,
 * until the SYSCALL (or NORET) record flagged SWB_F_JOIN takes them. A stashed
 * half that its exit never claims (the exit record was lost, and counted lost
 * in the kernel) is replaced by the thread's next record. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

#include "engine/ebpf/ebpf.h"

/* Two records' worth of captures: an ENTER half and its exit. */
#define EB_EVENT_DATA (2 * (SWB_DATA_MAX + SWB_CAP_MAX + 4096))

_Static_assert(SWB_CAP_STR == SW_CAP_STR && SWB_CAP_MEM == SW_CAP_MEM &&
		       SWB_CAP_STRARRAY == SW_CAP_STRARRAY && SWB_CAP_IOV == SW_CAP_IOV,
	       "capture kinds differ between syswatch.h and core/event.h");
_Static_assert(SWB_CAPS_OK == SW_CAPS_OK && SWB_CAPS_TRUNC == SW_CAPS_TRUNC && SWB_CAPS_FAULT == SW_CAPS_FAULT,
	       "capture status values differ between syswatch.h and core/event.h");
_Static_assert(sizeof(struct swb_iov_rec) == sizeof(struct sw_iov_rec), "iovec records differ");
_Static_assert(SWB_COMM_LEN == SW_COMM_LEN && SWB_NARGS == SW_NARGS, "event sizes differ");

/* ---- the stash ----------------------------------------------------------------- */

static void entry_free(struct eb_stash_entry *e)
{
	free(e->rec);
	free(e->retry);
}

static void stash_put(struct sw_tidtab *s, uint32_t tid, const void *rec, size_t len)
{
	struct eb_stash_entry old, *e;

	if (sw_tidtab_take(s, tid, &old))
		entry_free(&old);
	e = sw_tidtab_get(s, tid);
	e->len = (uint32_t)len;
	e->rec = sw_xmalloc(len);
	memcpy(e->rec, rec, len);
}

/* Moves the half stashed for old to tid (an execve from a non-leader thread). */
static void stash_rekey(struct sw_tidtab *s, uint32_t old, uint32_t tid)
{
	struct eb_stash_entry e, gone;

	if (!sw_tidtab_take(s, old, &e))
		return;
	if (sw_tidtab_take(s, tid, &gone))
		entry_free(&gone);
	e.tid = tid;
	*(struct eb_stash_entry *)sw_tidtab_get(s, tid) = e;
}

/* Attaches a RETRY record to the half stashed for tid. */
static void stash_retry(struct sw_tidtab *s, uint32_t tid, const void *rec, size_t len)
{
	struct eb_stash_entry *e = sw_tidtab_find(s, tid);

	if (!e)
		return;
	free(e->retry);
	e->retry = sw_xmalloc(len);
	e->rlen = (uint32_t)len;
	memcpy(e->retry, rec, len);
}

static void stash_release(struct sw_tidtab *s)
{
	struct eb_stash_entry *e;

	for (size_t i = 0; i < s->cap; i++)
		if ((e = sw_tidtab_at(s, i)))
			entry_free(e);
	sw_tidtab_release(s);
}

/* ---- decoding -------------------------------------------------------------------- */

int64_t eb_mono_to_real(void)
{
	struct timespec m1, r, m2;
	int64_t best = 0, best_gap = INT64_MAX;

	/* the pair read closest together wins */
	for (int i = 0; i < 5; i++) {
		int64_t gap, mid;

		clock_gettime(CLOCK_MONOTONIC, &m1);
		clock_gettime(CLOCK_REALTIME, &r);
		clock_gettime(CLOCK_MONOTONIC, &m2);
		gap = (m2.tv_sec - m1.tv_sec) * 1000000000ll + (m2.tv_nsec - m1.tv_nsec);
		mid = m1.tv_sec * 1000000000ll + m1.tv_nsec + gap / 2;
		if (gap < best_gap) {
			best_gap = gap;
			best = r.tv_sec * 1000000000ll + r.tv_nsec - mid;
		}
	}
	return best;
}

int eb_decoder_init(struct eb_decoder *d)
{
	memset(d, 0, sizeof(*d));
	sw_tidtab_init(&d->stash, sizeof(struct eb_stash_entry));
	d->ev = sw_event_new(EB_EVENT_DATA);
	if (!d->ev)
		return -1;
	d->mono_to_real = eb_mono_to_real();
	return 0;
}

void eb_decoder_release(struct eb_decoder *d)
{
	stash_release(&d->stash);
	sw_event_free(d->ev);
	d->ev = NULL;
}

/* One capture of a record, parsed. */
struct cap_ref {
	struct swb_cap c;
	const uint8_t *data;
};

/* The captures of a record; -1 when it is malformed. */
static int parse_caps(const uint8_t *rec, size_t size, struct cap_ref *out)
{
	const struct swb_rec *r = (const void *)rec;
	size_t off = sizeof(*r);

	if (r->ncap > SWB_MAX_RULES + 1) /* the rules' captures, and -k's stack */
		return -1;
	for (unsigned i = 0; i < r->ncap; i++) {
		if (size - off < sizeof(out[i].c))
			return -1;
		memcpy(&out[i].c, rec + off, sizeof(out[i].c));
		off += sizeof(out[i].c);
		if (out[i].c.len > size - off)
			return -1;
		out[i].data = rec + off;
		off += (out[i].c.len + 7) & ~(size_t)7;
		if (off > size)
			off = size;
	}
	return r->ncap;
}

static void add_capture(struct sw_event *ev, const struct cap_ref *ref, bool at_exit)
{
	struct sw_capture *out;
	uint8_t *buf;

	out = sw_event_add_capture(ev, ref->c.arg, ref->c.kind, ref->c.len, &buf);
	if (!out)
		return;
	memcpy(buf, ref->data, ref->c.len);
	out->status = ref->c.status;
	out->at_exit = at_exit;
	out->count = ref->c.count;
	out->tag = ref->c.tag;
	out->total = ref->c.total;
}

/* Appends the captures of an exit record and of its ENTER half (when there
 * is one), in plan order: the entry-time ones first, each replaced by its
 * second read (RETRY record, or at exit) when the first read faulted. False
 * when malformed. */
static bool add_captures(struct sw_event *ev, const struct eb_stash_entry *half, const uint8_t *rec, size_t size)
{
	struct cap_ref h[SWB_MAX_RULES + 1], x[2 * SWB_MAX_RULES + 2];
	bool used[2 * SWB_MAX_RULES + 2] = { false };
	int nh = half ? parse_caps(half->rec, half->len, h) : 0;
	int nr = half && half->retry ? parse_caps(half->retry, half->rlen, x) : 0;
	int nx = nr < 0 ? -1 : parse_caps(rec, size, x + nr);

	if (nh < 0 || nx < 0)
		return false;
	nx += nr;
	for (int i = 0; i < nh; i++) {
		int again = -1;

		for (int j = 0; j < nx && again < 0; j++)
			if (!used[j] && x[j].c.rule == h[i].c.rule)
				again = j;
		if (again >= 0) {
			used[again] = true;
			add_capture(ev, &x[again], false);
		} else {
			add_capture(ev, &h[i], false);
		}
	}
	for (int j = 0; j < nx; j++)
		if (!used[j])
			add_capture(ev, &x[j], x[j].c.at_exit);
	return true;
}

static void fill_common(struct eb_decoder *d, const struct swb_rec *r, unsigned kind)
{
	struct sw_event *ev = d->ev;

	sw_event_reset(ev);
	ev->kind = (uint16_t)kind;
	ev->arch = r->flags & SWB_F_COMPAT ? SW_ARCH_I386 : SW_ARCH_X86_64;
	/* in unsigned arithmetic: a record's ts is whatever the ring holds, and
	 * a signed sum could overflow (undefined); a negative offset wraps right */
	ev->ts_ns = r->ts + (uint64_t)d->mono_to_real;
	ev->pid = r->pid;
	ev->tid = r->tid;
	ev->uid = r->uid;
	ev->nr = -1;
	ev->ip = r->ip;
	memcpy(ev->comm, r->comm, sizeof(ev->comm));
	ev->comm[SW_COMM_LEN - 1] = '\0';
	if (r->flags & SWB_F_SAMPLED)
		ev->flags |= SW_EVF_SAMPLED;
	if (r->flags & SWB_F_IOURING)
		ev->flags |= SW_EVF_IOURING;
	if (kind == SW_EV_SYSCALL && (r->flags & SWB_F_CONTEXT)) {
		ev->flags |= SW_EVF_CONTEXT;
		ev->gid = r->gid;
		ev->euid = r->euid;
		ev->enter_uid = r->enter_uid;
		ev->enter_gid = r->enter_gid;
		ev->enter_euid = r->enter_euid;
		ev->ppid = r->ppid;
		ev->sid = r->sid;
		memcpy(ev->pcomm, r->pcomm, sizeof(ev->pcomm));
		ev->pcomm[SW_COMM_LEN - 1] = '\0';
		for (int i = 0; i < SW_ANCESTORS && i < SWB_ANCESTORS; i++) {
			memcpy(ev->acomm[i], r->acomm[i], SW_COMM_LEN);
			ev->acomm[i][SW_COMM_LEN - 1] = '\0';
		}
		ev->exe_dev = r->exe_dev;
		ev->exe_nlink = r->exe_nlink;
		ev->exe_ino = r->exe_ino;
		ev->cgroup_id = r->cgid;
		for (int i = 0; i < SW_EXE_DIRS && i < SWB_EXE_DIRS; i++) {
			ev->exe_dir_dev[i] = r->exe_dir_dev[i];
			ev->exe_dir_ino[i] = r->exe_dir_ino[i];
		}
	}
}

_Static_assert(SWB_SIGFRAME_MASK_OFF == SW_SIGFRAME_MASK_OFF, "signal frame layouts differ");

/* rt_sigreturn: the kernel side sent the signal frame's mask in args[1]
 * (args[2]: whether it could be read); it becomes the capture of argument 0
 * the decoder reads, as the ptrace engine stores it. */
static void sigframe_mask(struct sw_event *ev)
{
	struct sw_capture *c;
	uint8_t *buf;
	uint64_t mask = ev->args[1];

	if (ev->args[2] != 1)
		return;
	c = sw_event_add_capture(ev, 0, SW_CAP_MEM, sizeof(mask), &buf);
	if (c) {
		memcpy(buf, &mask, sizeof(mask));
		c->total = sizeof(mask);
	}
}

static int decode_syscall(struct eb_decoder *d, const uint8_t *data, size_t size)
{
	const struct swb_rec *r = (const void *)data;
	struct sw_event *ev = d->ev;
	struct eb_stash_entry half;
	bool have_half = sw_tidtab_take(&d->stash, r->tid, &half);
	bool ok = true;

	fill_common(d, r, SW_EV_SYSCALL);
	ev->nr = r->nr;
	memcpy(ev->args, r->args, sizeof(ev->args));
	ev->dur_ns = r->dur;
	ev->ret = r->ret;
	if (r->flags & SWB_F_DETACHED) {
		ev->flags |= SW_EVF_DETACHED | SW_EVF_NORET | SW_EVF_NO_DUR;
		ev->ret = 0;
		ev->dur_ns = 0;
	}
	if (r->type == SWB_REC_NORET) {
		ev->flags |= SW_EVF_NORET | SW_EVF_NO_DUR;
		ev->ret = 0;
		ev->dur_ns = 0;
	}
	if (r->flags & SWB_F_JOIN) {
		const struct swb_rec *h = (const void *)half.rec;

		/* the half must be this very call's */
		ok = have_half && h->nr == r->nr && h->ts == r->ts && add_captures(ev, &half, data, size);
	} else {
		ok = add_captures(ev, NULL, data, size);
	}
	if (have_half)
		entry_free(&half);
	if (!ok) {
		d->lost++;
		return 0;
	}
	if (ev->nr == __NR_rt_sigreturn && ev->arch == SW_ARCH_X86_64)
		sigframe_mask(ev);
	return 1;
}

static int decode_signal(struct eb_decoder *d, const uint8_t *data, size_t size)
{
	const struct swb_rec *r = (const void *)data;
	struct sw_event *ev = d->ev;

	fill_common(d, r, r->flags & SWB_F_STOPPED ? SW_EV_STOPPED : SW_EV_SIGNAL);
	ev->flags |= SW_EVF_NO_DUR;
	ev->sig = (int32_t)r->args[0];
	if (r->flags & SWB_F_STOPPED)
		return 1;
	if (!add_captures(ev, NULL, data, size)) {
		d->lost++;
		return 0;
	}
	return 1;
}

/* ret holds the thread's exit code as the kernel keeps it: a wait status. */
static int decode_exit(struct eb_decoder *d, const struct swb_rec *r)
{
	struct sw_event *ev = d->ev;
	int status = (int)r->ret;

	if ((status & 0x7f) == 0) {
		fill_common(d, r, SW_EV_EXIT);
		ev->ret = (status >> 8) & 0xff;
	} else {
		fill_common(d, r, SW_EV_KILLED);
		ev->sig = status & 0x7f;
		if (status & 0x80)
			ev->flags |= SW_EVF_CORE;
	}
	ev->flags |= SW_EVF_NO_DUR;
	return 1;
}

int eb_decode(struct eb_decoder *d, const void *data, size_t size, const struct sw_event **ev)
{
	const struct swb_rec *r = data;
	struct eb_stash_entry stale;

	*ev = d->ev;
	/* tid 0 is the idle task, which makes no syscalls; it also marks a free
	 * slot of the stash, where its half would be lost (and leak) */
	if (size < sizeof(*r) || r->tid == 0) {
		d->lost++;
		return 0;
	}
	switch (r->type) {
	case SWB_REC_ENTER:
		stash_put(&d->stash, r->tid, data, size);
		return 0;
	case SWB_REC_SYSCALL:
	case SWB_REC_NORET:
		return decode_syscall(d, data, size);
	case SWB_REC_SIGNAL:
		return decode_signal(d, data, size);
	case SWB_REC_REKEY:
		stash_rekey(&d->stash, (uint32_t)r->args[0], r->tid);
		fill_common(d, r, SW_EV_SUPERSEDED);
		d->ev->ret = (int64_t)(uint32_t)r->args[0];
		d->ev->flags |= SW_EVF_NO_DUR;
		return 1;
	case SWB_REC_RETRY:
		stash_retry(&d->stash, r->tid, data, size);
		return 0;
	case SWB_REC_ATTACH:
		fill_common(d, r, SW_EV_ATTACH);
		d->ev->flags |= SW_EVF_NO_DUR;
		return 1;
	case SWB_REC_EXIT:
		/* a thread that is gone will not claim its half */
		if (sw_tidtab_take(&d->stash, r->tid, &stale))
			entry_free(&stale);
		return decode_exit(d, r);
	}
	d->lost++;
	return 0;
}
