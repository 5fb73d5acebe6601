// SPDX-License-Identifier: GPL-2.0-only
/* Reading the tracee's memory and running the capture plan.
 *
 * process_vm_readv does the reading: one call per object, never across a
 * page boundary it does not need to cross, so a string that ends before an
 * unmapped page is still read. PTRACE_PEEKDATA is the fallback when the
 * kernel refuses process_vm_readv. A read that fails leaves a capture marked
 * SW_CAPS_FAULT and the trace goes on. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "engine/ptrace/ptrace.h"
#include "resolve/resolve.h"

#define PT_CAPTURE_MAX (64u << 20) /* bytes one event may hold: a bound against absurd -s values */
#define PT_ARRAY_MAX (1u << 20)    /* entries walked in a string array */
/* bytes stored of a string array: more than the kernel takes for execve's
 * strings under the default stack limit (a quarter of 8 MiB) */
#define PT_STRARRAY_BYTES (8u << 20)

static ssize_t peek_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	uint8_t *out = buf;
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done;
		uint64_t aligned = a & ~(uint64_t)(sizeof(long) - 1);
		size_t skip = (size_t)(a - aligned);
		size_t n = sizeof(long) - skip;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, (void *)aligned, NULL);
		if (errno)
			return done ? (ssize_t)done : -1;
		if (n > len - done)
			n = len - done;
		memcpy(out + done, (uint8_t *)&word + skip, n);
		done += n;
	}
	return (ssize_t)done;
}

ssize_t pt_mem_read(struct pt_mem *m, pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (len == 0)
		return 0;
	if (!m->no_vm_readv) {
		n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n > 0)
			return n;
		if (n == 0 || errno == EFAULT || errno == ESRCH)
			return -1;
		if (errno == ENOSYS)
			m->no_vm_readv = true;
		/* EPERM and the like: the tracer may still peek */
	}
	return peek_read(tid, addr, buf, len);
}

int pt_mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	const uint8_t *src = buf;

	/* word by word: PTRACE_POKEDATA writes where process_vm_writev may not
	 * (read-only mappings), and the words at either end keep their other bytes */
	while (len) {
		uint64_t base = addr & ~(uint64_t)7, off = addr - base;
		size_t n = 8 - off < len ? 8 - off : len;
		long word;

		errno = 0;
		word = off || n < 8 ? ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)base, NULL) : 0;
		if (errno)
			return -1;
		memcpy((uint8_t *)&word + off, src, n);
		if (ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)base, (void *)word) < 0)
			return -1;
		addr += n;
		src += n;
		len -= n;
	}
	return 0;
}

/* Bytes from addr to the end of its page. */
static size_t to_page_end(const struct pt_mem *m, uint64_t addr)
{
	return (size_t)(m->page - (long)(addr & (uint64_t)(m->page - 1)));
}

/* Reads a NUL-terminated string of at most size bytes into buf (which holds
 * size bytes). Sets *len to the bytes before the NUL (size when none was found,
 * which makes it SW_CAPS_TRUNC). */
static int read_string(struct pt_mem *m, pid_t tid, uint64_t addr, uint8_t *buf, size_t size, size_t *len)
{
	size_t got = 0;

	*len = 0;
	while (got < size) {
		size_t chunk = to_page_end(m, addr + got);
		ssize_t n;
		uint8_t *nul;

		if (chunk > size - got)
			chunk = size - got;
		n = pt_mem_read(m, tid, addr + got, buf + got, chunk);
		if (n <= 0)
			return SW_CAPS_FAULT;
		nul = memchr(buf + got, 0, (size_t)n);
		if (nul) {
			*len = (size_t)(nul - buf);
			return SW_CAPS_OK;
		}
		got += (size_t)n;
		if ((size_t)n < chunk)
			return SW_CAPS_FAULT;
	}
	*len = size;
	return SW_CAPS_TRUNC;
}

/* Makes room for len more bytes and adds a capture; NULL when the event has no
 * capture slot left (or len is absurd). */
struct sw_capture *pt_reserve(struct sw_event **evp, unsigned arg, unsigned kind, uint64_t len, uint8_t **buf)
{
	struct sw_event *ev = *evp;

	if (ev->ncap >= SW_MAX_CAPS || len > PT_CAPTURE_MAX - ev->data_len)
		return NULL;
	if (len > ev->data_cap - ev->data_len) {
		uint64_t cap = (uint64_t)ev->data_cap * 2;

		if (cap < ev->data_len + len)
			cap = ev->data_len + len;
		ev = sw_xrealloc(ev, sizeof(*ev) + cap);
		ev->data_cap = (uint32_t)cap;
		*evp = ev;
	}
	return sw_event_add_capture(ev, arg, kind, (uint32_t)len, buf);
}

static void capture_string(struct pt_mem *m, pid_t tid, struct sw_event **evp, unsigned arg, uint64_t size)
{
	uint64_t addr = (*evp)->args[arg];
	struct sw_capture *c;
	uint8_t *buf;
	size_t len;

	c = pt_reserve(evp, arg, SW_CAP_STR, size, &buf);
	if (!c)
		return;
	c->status = (uint8_t)read_string(m, tid, addr, buf, size, &len);
	if (c->status == SW_CAPS_FAULT)
		len = 0;
	c->total = c->status == SW_CAPS_OK ? len : 0;
	sw_event_trim_capture(*evp, c, (uint32_t)len);
}

/* The object's full length for a MEM rule (what the size was bounded from). */
static uint64_t mem_full_length(const struct sw_capture_rule *r, const struct sw_event *ev, uint64_t size)
{
	uint64_t arg = r->size_arg < SW_NARGS ? ev->args[r->size_arg] : 0;

	switch (r->size_from) {
	case SW_SIZE_ARG:
		return arg > size ? arg : size;
	case SW_SIZE_RET:
		return ev->ret > 0 && (uint64_t)ev->ret > size ? (uint64_t)ev->ret : size;
	default:
		return size;
	}
}

static void capture_mem(struct pt_mem *m, pid_t tid, struct sw_event **evp, const struct sw_capture_rule *r,
			uint64_t size)
{
	uint64_t addr = (*evp)->args[r->arg];
	struct sw_capture *c;
	uint8_t *buf;
	ssize_t n;

	c = pt_reserve(evp, r->arg, SW_CAP_MEM, size, &buf);
	if (!c)
		return;
	n = pt_mem_read(m, tid, addr, buf, size);
	if (n < 0 || (uint64_t)n != size) {
		c->status = SW_CAPS_FAULT;
		sw_event_trim_capture(*evp, c, 0);
		return;
	}
	c->total = mem_full_length(r, *evp, size);
	c->status = c->total > size ? SW_CAPS_TRUNC : SW_CAPS_OK;
}

/* Reads pointer i of the array at base, caching a page-bounded block of them. */
struct ptr_cursor {
	uint64_t base;
	uint64_t first; /* index of block[0] */
	size_t n;       /* pointers in block */
	uint64_t block[64];
};

static int array_get(struct pt_mem *m, pid_t tid, struct ptr_cursor *pc, uint64_t i, uint64_t *out)
{
	if (i < pc->first || i >= pc->first + pc->n) {
		uint64_t addr = pc->base + i * sizeof(uint64_t);
		size_t want = to_page_end(m, addr);
		ssize_t n;

		if (want > sizeof(pc->block))
			want = sizeof(pc->block);
		if (want < sizeof(uint64_t))
			want = sizeof(uint64_t);
		n = pt_mem_read(m, tid, addr, pc->block, want);
		if (n < (ssize_t)sizeof(uint64_t))
			return -1;
		pc->first = i;
		pc->n = (size_t)n / sizeof(uint64_t);
	}
	*out = pc->block[i - pc->first];
	return 0;
}

/* A NULL-terminated array of strings: count every entry, store the first
 * `limit` of them, each cut at size bytes and followed by a NUL. */
static void capture_strarray(struct pt_mem *m, pid_t tid, struct sw_event **evp, unsigned arg, uint64_t size,
			     unsigned limit)
{
	struct ptr_cursor pc = { .base = (*evp)->args[arg] };
	struct sw_capture *c;
	uint64_t total = 0, p, room = size ? (uint64_t)limit * (size + 1) : 0;
	uint32_t used = 0, stored = 0;
	uint8_t *buf;
	int status = SW_CAPS_OK;
	bool full = false;

	/* room for every string at its longest is absurd with a large -s
	 * (65536 strings of 65536 bytes): the bytes stored are bounded, and
	 * the strings that do not fit are counted, not stored */
	if (room > PT_STRARRAY_BYTES)
		room = PT_STRARRAY_BYTES;
	if (room > PT_CAPTURE_MAX - (*evp)->data_len)
		room = PT_CAPTURE_MAX - (*evp)->data_len;
	c = pt_reserve(evp, arg, SW_CAP_STRARRAY, room, &buf);
	if (!c)
		return;
	for (;; total++) {
		if (total >= PT_ARRAY_MAX || array_get(m, tid, &pc, total, &p) < 0) {
			if (total == 0)
				status = SW_CAPS_FAULT;
			else if (status == SW_CAPS_OK)
				status = SW_CAPS_TRUNC;
			break;
		}
		if (p == 0)
			break;
		if (size && stored == total && stored < limit && !full) {
			uint64_t fit = room - used > 0 ? room - used - 1 : 0;
			size_t len, want = fit < size ? (size_t)fit : (size_t)size;
			int st = want ? read_string(m, tid, p, buf + used, want, &len) : SW_CAPS_TRUNC;

			if (st == SW_CAPS_FAULT) {
				status = SW_CAPS_TRUNC; /* the entries after a bad one are counted, not stored */
				continue;
			}
			if (st == SW_CAPS_TRUNC && want < size) {
				full = true; /* out of room: this one and the rest are counted */
				status = SW_CAPS_TRUNC;
				continue;
			}
			buf[used + len] = '\0'; /* a cut string is size bytes long: one more than asked */
			used += (uint32_t)len + 1;
			stored++;
		}
	}
	c->status = (uint8_t)status;
	c->count = stored;
	c->total = total;
	sw_event_trim_capture(*evp, c, used);
}

/* An iovec array: per element a struct sw_iov_rec and up to `limit` bytes of
 * its data. At exit (readv), the data is also bounded by the bytes the call
 * returned, so only what the kernel filled is read. */
static void capture_iov(struct pt_mem *m, pid_t tid, struct sw_event **evp, const struct sw_capture_rule *r,
			uint64_t size, unsigned limit, bool at_exit)
{
	struct sw_event *ev = *evp;
	uint64_t nelem = size / (2 * sizeof(uint64_t));
	uint64_t total = r->size_arg < SW_NARGS ? ev->args[r->size_arg] : 0;
	uint64_t budget = at_exit && ev->ret > 0 ? (uint64_t)ev->ret : UINT64_MAX;
	uint64_t addr = ev->args[r->arg], need = 0, (*iov)[2];
	struct sw_capture *c;
	uint8_t *buf;
	uint32_t used = 0;
	ssize_t n;

	iov = sw_xmalloc(size);
	n = pt_mem_read(m, tid, addr, iov, size);
	if (n < 0 || (uint64_t)n != size) {
		free(iov);
		c = pt_reserve(evp, r->arg, SW_CAP_IOV, 0, &buf);
		if (c)
			c->status = SW_CAPS_FAULT;
		return;
	}
	for (uint64_t i = 0, b = budget; i < nelem; i++) {
		uint64_t want = iov[i][1] < limit ? iov[i][1] : limit;

		want = want < b ? want : b;
		b -= want;
		need += sizeof(struct sw_iov_rec) + want;
	}
	c = pt_reserve(evp, r->arg, SW_CAP_IOV, need, &buf);
	if (!c) {
		free(iov);
		return;
	}
	for (uint64_t i = 0; i < nelem; i++) {
		struct sw_iov_rec rec = { .base = iov[i][0], .len = iov[i][1], .status = SW_CAPS_OK };
		uint64_t want = rec.len < limit ? rec.len : limit;
		uint8_t *data = buf + used + sizeof(rec);

		want = want < budget ? want : budget;
		budget -= want;
		n = want ? pt_mem_read(m, tid, rec.base, data, want) : 0;
		if (n < 0 || (uint64_t)n != want) {
			rec.status = SW_CAPS_FAULT;
			n = 0;
		} else if (rec.len > want) {
			rec.status = SW_CAPS_TRUNC;
		}
		rec.stored = (uint32_t)n;
		memcpy(buf + used, &rec, sizeof(rec));
		used += (uint32_t)(sizeof(rec) + (size_t)n);
	}
	free(iov);
	c->status = nelem < total ? SW_CAPS_TRUNC : SW_CAPS_OK;
	c->count = (uint32_t)nelem;
	c->total = total;
	sw_event_trim_capture(*evp, c, used);
}

/* Reads a little-endian field of 4 or 8 bytes. */
static uint64_t field_at(const uint8_t *p, unsigned size)
{
	uint32_t v32;
	uint64_t v64;

	if (size == 4) {
		memcpy(&v32, p, sizeof(v32));
		return v32;
	}
	memcpy(&v64, p, sizeof(v64));
	return v64;
}

/* One element of a SW_CAP_DEREF rule: the object its pointer points to, as a
 * struct sw_iov_rec then its bytes; returns the bytes used. */
static uint32_t deref_one(struct pt_mem *m, pid_t tid, struct sw_event **evp, struct sw_capture *c,
			  const struct sw_capture_rule *r, const uint8_t *elem, unsigned strlimit)
{
	struct sw_iov_rec rec = { .status = SW_CAPS_OK };
	uint64_t n = r->len_size ? field_at(elem + r->len_off, r->len_size) : 1;
	uint64_t want = sw_deref_want(r, n, strlimit, &rec.len);
	struct sw_event *ev = *evp;
	uint8_t *out = ev->data + c->off + c->len;
	ssize_t got = 0;

	memcpy(&rec.base, elem + r->ptr_off, sizeof(rec.base));
	if (rec.base == 0 || want > ev->data_cap - ev->data_len)
		want = 0;
	if (want && (r->flags & SW_DEREF_STR)) {
		size_t len;

		rec.status = (uint32_t)read_string(m, tid, rec.base, out + sizeof(rec), (size_t)want, &len);
		got = (ssize_t)len;
		rec.len = len;
	} else if (want) {
		got = pt_mem_read(m, tid, rec.base, out + sizeof(rec), (size_t)want);
		if (got != (ssize_t)want) {
			rec.status = SW_CAPS_FAULT;
			got = 0;
		} else if (rec.len > want) {
			rec.status = SW_CAPS_TRUNC;
		}
	}
	if (rec.status == SW_CAPS_FAULT)
		got = 0;
	rec.stored = (uint32_t)got;
	memcpy(out, &rec, sizeof(rec));
	return (uint32_t)(sizeof(rec) + (size_t)got);
}

/* The room a deref may need: a record per element and each element's bytes
 * at their largest. */
static uint64_t deref_room(const struct sw_capture_rule *r, uint64_t nelem, unsigned strlimit)
{
	uint64_t total, per = sw_deref_want(r, r->len_size ? UINT64_MAX / 65536 : 1, strlimit, &total);

	return nelem * (sizeof(struct sw_iov_rec) + per);
}

/* Elements of stride bytes (0: one) whose first need bytes fit in len. */
static uint32_t elems_in(uint32_t len, unsigned need, unsigned stride)
{
	if (len < need)
		return 0;
	return stride ? (len - need) / stride + 1 : 1;
}

/* A SW_CAP_DEREF rule (core/syscalls.h): the pointers inside the capture
 * parent made, followed in element order. */
static void capture_deref(struct pt_mem *m, pid_t tid, struct sw_event **evp, const struct sw_capture_rule *r,
			  int parent, unsigned strlimit)
{
	const struct sw_capture *pc;
	struct sw_capture *c;
	uint8_t *src, *buf;
	uint32_t objs[SW_DEREF_MAX_RECS][2], nobj = 0, plen, nelem = 0, total = 0;
	unsigned need = r->ptr_off + 8u > (unsigned)r->len_off + r->len_size ? r->ptr_off + 8u
									    : (unsigned)r->len_off + r->len_size;

	if (parent < 0)
		return;
	pc = &(*evp)->cap[parent];
	if (pc->status == SW_CAPS_FAULT)
		return;
	/* the parent's objects: offset and length in its bytes */
	if (pc->kind == SW_CAP_MEM) {
		objs[nobj][0] = 0;
		objs[nobj++][1] = pc->len;
	} else if (pc->kind == SW_CAP_DEREF) {
		const uint8_t *p = sw_capture_data(*evp, pc);
		uint32_t off = 0;

		for (uint32_t i = 0; i < pc->count && nobj < SW_DEREF_MAX_RECS; i++) {
			struct sw_iov_rec rec;

			if (pc->len - off < sizeof(rec))
				break;
			memcpy(&rec, p + off, sizeof(rec));
			off += sizeof(rec);
			if (rec.stored > pc->len - off)
				break;
			objs[nobj][0] = off;
			objs[nobj++][1] = rec.stored;
			off += rec.stored;
		}
	} else {
		return;
	}
	for (uint32_t i = 0; i < nobj; i++)
		nelem += elems_in(objs[i][1], need, r->stride);
	total = nelem;
	if (nelem > SW_DEREF_MAX_RECS)
		nelem = SW_DEREF_MAX_RECS;
	/* a copy of the parent's bytes: reserving may move the event */
	plen = pc->len;
	src = sw_xmalloc(plen ? plen : 1);
	memcpy(src, sw_capture_data(*evp, pc), plen);
	c = pt_reserve(evp, r->arg, SW_CAP_DEREF, deref_room(r, nelem, strlimit), &buf);
	if (!c) {
		free(src);
		return;
	}
	c->tag = r->tag;
	c->total = total;
	sw_event_trim_capture(*evp, c, 0);
	/* sw_event_trim_capture gave the room back: take it as each record is written */
	for (uint32_t i = 0, done = 0; i < nobj && done < nelem; i++)
		for (uint32_t e = 0; e < elems_in(objs[i][1], need, r->stride) && done < nelem; e++, done++) {
			uint32_t used = deref_one(m, tid, evp, c, r, src + objs[i][0] + e * r->stride, strlimit);

			c->len += used;
			(*evp)->data_len += used;
			c->count++;
		}
	free(src);
	c->status = c->count < c->total ? SW_CAPS_TRUNC : SW_CAPS_OK;
}

void pt_mem_free(struct pt_mem *m)
{
	free(m->plans);
	free(m->planned);
	m->plans = NULL;
	m->planned = NULL;
}

/* The capture plan of a syscall number, computed once. */
static const struct sw_capture_plan *plan_of(struct pt_mem *m, int nr)
{
	if (nr < 0 || nr >= SW_NR_MAX)
		return NULL;
	if (!m->plans) {
		m->plans = sw_xcalloc(SW_NR_MAX, sizeof(*m->plans));
		m->planned = sw_xcalloc(SW_NR_MAX, 1);
	}
	if (!m->planned[nr]) {
		sw_capture_plan_for(sw_syscall_by_nr(nr), &m->plans[nr]);
		if (m->plan_fds)
			sw_capture_plan_fds(sw_syscall_by_nr(nr), &m->plans[nr], m->plan_fds);
		if (m->unabbrev)
			sw_capture_plan_env(&m->plans[nr]);
		m->planned[nr] = 1;
	}
	return &m->plans[nr];
}

/* What descriptor r names refers to, from /proc (resolve/resolve.h). */
static void capture_fd(struct pt_mem *m, pid_t tid, struct sw_event **evp, const struct sw_capture_rule *r)
{
	const struct sw_event *ev = *evp;
	struct sw_fdinfo fi;
	struct sw_capture *c;
	char path[SW_FDPATH_MAX + 1];
	uint8_t *buf;
	int64_t fd;

	if (r->only_ok && ev->ret < 0)
		return;
	if (r->arg < SW_NARGS)
		fd = (int32_t)ev->args[r->arg];
	else if (r->arg == SW_FDT_RET)
		fd = ev->ret;
	else if (r->arg == SW_FDT_CWD)
		fd = SW_FD_CWD;
	else {
		int32_t pair[2];

		if (r->size_arg >= SW_NARGS ||
		    pt_mem_read(m, tid, ev->args[r->size_arg], pair, sizeof(pair)) != (ssize_t)sizeof(pair))
			return;
		fd = pair[r->arg == SW_FDT_PAIR1];
	}
	if (fd < 0 && fd != SW_FD_CWD)
		return;
	/* a descriptor that is not open: no capture, printed without a path */
	if (sw_fd_resolve(tid, (int)fd, m->fd_detail, &fi, path, sizeof(path)) < 0 && fi.type == SW_FD_NONE)
		return;
	c = pt_reserve(evp, r->arg, SW_CAP_FD, sizeof(fi) + fi.path_len, &buf);
	if (!c)
		return;
	memcpy(buf, &fi, sizeof(fi));
	memcpy(buf + sizeof(fi), path, fi.path_len);
}

/* Whether ev has a descriptor capture for target already (pt_capture_fds_now). */
static bool has_fd_capture(const struct sw_event *ev, unsigned target)
{
	for (unsigned i = 0; i < ev->ncap; i++)
		if (ev->cap[i].kind == SW_CAP_FD && ev->cap[i].arg == target)
			return true;
	return false;
}

void pt_capture_fds_now(struct pt_mem *m, pid_t tid, struct sw_event **evp)
{
	const struct sw_capture_plan *plan = plan_of(m, (*evp)->nr);

	for (unsigned i = 0; plan && i < plan->n; i++) {
		const struct sw_capture_rule *r = &plan->rule[i];

		if (r->kind == SW_CAP_FD && r->when == SW_AT_EXIT && (r->arg < SW_NARGS || r->arg == SW_FDT_CWD) &&
		    !has_fd_capture(*evp, r->arg))
			capture_fd(m, tid, evp, r);
	}
}

void pt_capture(struct pt_mem *m, pid_t tid, struct sw_event **evp, unsigned when, unsigned strlimit)
{
	const struct sw_capture_plan *plan = plan_of(m, (*evp)->nr);

	if (!plan)
		return;
	int made[SW_MAX_RULES]; /* the capture each rule made now, -1: none */

	for (unsigned i = 0; i < plan->n; i++) {
		const struct sw_capture_rule *r = &plan->rule[i];
		uint64_t size;
		unsigned first = (*evp)->ncap;

		made[i] = -1;
		if (r->when != when || !sw_capture_rule_applies(r, (*evp)->args))
			continue;
		if (r->kind == SW_CAP_DEREF) {
			capture_deref(m, tid, evp, r, r->parent < i ? made[r->parent] : -1, strlimit);
			if ((*evp)->ncap > first) {
				(*evp)->cap[first].at_exit = when == SW_AT_EXIT;
				made[i] = (int)first;
			}
			continue;
		}
		if (r->kind == SW_CAP_FD) {
			if (when == SW_AT_EXIT && has_fd_capture(*evp, r->arg))
				continue; /* resolved at the entry already (pt_capture_fds_now) */
			capture_fd(m, tid, evp, r);
			if ((*evp)->ncap > first)
				(*evp)->cap[first].at_exit = when == SW_AT_EXIT;
			continue;
		}
		if ((*evp)->args[r->arg] == 0)
			continue;
		size = sw_capture_rule_size(r, (*evp)->args, (*evp)->ret, strlimit);
		if (size == 0 && (r->kind == SW_CAP_MEM || r->kind == SW_CAP_IOV) &&
		    !(r->when == SW_AT_EXIT && r->only_ok && (*evp)->ret < 0)) {
			/* an object of length 0 (read returning 0, writev of no
			 * elements): captured as empty, so it prints as "" or [] */
			uint8_t *buf;
			struct sw_capture *c = pt_reserve(evp, r->arg, r->kind, 0, &buf);

			if (c)
				c->at_exit = when == SW_AT_EXIT;
			continue;
		}
		switch (r->kind) {
		case SW_CAP_STR:
			if (size)
				capture_string(m, tid, evp, r->arg, size);
			break;
		case SW_CAP_MEM:
			if (size)
				capture_mem(m, tid, evp, r, size);
			break;
		case SW_CAP_STRARRAY:
			capture_strarray(m, tid, evp, r->arg, size, m->unabbrev ? UINT_MAX : strlimit);
			break;
		case SW_CAP_IOV:
			if (size)
				capture_iov(m, tid, evp, r, size, strlimit, when == SW_AT_EXIT);
			break;
		}
		if ((*evp)->ncap > first) {
			(*evp)->cap[first].at_exit = when == SW_AT_EXIT;
			made[i] = (int)first;
		}
	}
}
