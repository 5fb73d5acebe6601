/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: captures, the arguments copied out of the
 * traced process (and the kernel's state at the call: descriptors resolved,
 * -k's user stack), by the capture plan user space wrote for each syscall
 * (the `plans` map, from the signature table). A record with captures is
 * built in a per-CPU scratch buffer and sent by cap_finish(); each capture
 * in it is a struct swb_cap, written by cap_put(), then its bytes.
 * Included by syswatch.bpf.c only. */
#ifndef SWB_CAPTURES_BPF_H
#define SWB_CAPTURES_BPF_H

/* A record with captures is built here, then copied to the ring buffer;
 * w holds the state of the capture loops. */
struct cap_work {
	__u32 when;    /* SWB_AT_ENTER or SWB_AT_EXIT */
	__u32 off;     /* bytes of captures in data */
	__u32 retry;   /* exit: rules to read again */
	__u32 faulted; /* entry: rules whose read faulted */
	__u32 nofd;    /* SWB_CAP_FD targets (1 << SW_FDT_*) that are not descriptors here
	                * (io_uring: a fixed file's slot) */
	__u32 at[SWB_MAX_RULES]; /* where the capture each rule made in this record starts, ~0: none */
	__u32 chain[SWB_MAX_RULES]; /* the rule's bit and those of the rules its pointers came from */
};

struct arr_work {
	__u64 base;
	__u32 off;
	__u32 stored;
	__u32 max_store;
	__u32 strsz;   /* bytes per string, 0: count only */
	__u32 total;
	__u32 status;
	__u32 done;    /* the NULL entry was seen */
	__u32 bad;     /* an entry could not be read */
};

struct iov_work {
	__u64 base;
	__u64 left;    /* bytes the call transferred, for data written by the kernel */
	__u32 off;
	__u32 n;
	__u32 stored;
	__u32 status;
};

/* The walk of a SWB_CAP_DEREF rule (struct sw_capture_rule in
 * core/syscalls.h) over the elements of its parent's capture. */
struct deref_work {
	__u32 obj;      /* offset in data of the current object's bytes */
	__u32 obj_len;
	__u32 pos;      /* offset in it of the next element */
	__u32 next_rec; /* a DEREF parent: offset of its next record */
	__u32 recs;     /* ... and the records left */
	__u32 out;      /* where the next record goes */
	__u32 count;    /* records stored */
	__u32 total;    /* elements seen */
	__u32 status;
	__u32 faulted;  /* an object could not be read */
	__u32 need;     /* bytes of an element the rule reads */
	__u32 max;      /* elements (bytes) stored per object at most */
	__u16 stride, ptr_off, len_off, size;
	__u8 len_size, flags, pad[2];
};

struct exec_work {
	__u64 bprm;      /* struct linux_binprm * */
	__u64 arg_end;   /* end of the new program's argument strings */
	__u32 argc;
	__u32 envc;
};

struct stack_work {
	__u64 fp;   /* the frame to read next */
	__u32 data; /* where the return addresses go */
	__u32 n;    /* addresses stored */
};

struct swb_buf {
	struct {
		struct cap_work cap;
		struct arr_work arr;
		struct iov_work iov;
		struct exec_work ex;
		struct stack_work stk;
		struct deref_work deref;
	} w;
	struct swb_rec rec;
	__u8 data[SWB_DATA_MAX + SWB_CAP_MAX + 64];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct swb_buf);
} scratch SEC(".maps");

/* ---- captures ----------------------------------------------------------------- */

/* The state of the capture loops lives in the scratch buffer, not on the
 * stack: the verifier does not track values it loads from a map, so the
 * bpf_loop callbacks are verified once, not once per possible offset. */

static __always_inline struct swb_buf *scratch_buf(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch, &zero);
}

static __always_inline __u32 strlimit(void)
{
	__u32 n = targ_strlimit;

	return n < SWB_CAP_MAX - 2 ? n : SWB_CAP_MAX - 2;
}

/* Rule i of the capture plan of the record's syscall; NULL past the last. */
static __always_inline struct swb_rule *plan_rule(struct swb_buf *b, __u32 i)
{
	__u32 key = b->rec.nr & (SWB_NR_MAX - 1);
	struct swb_plan *p = bpf_map_lookup_elem(&plans, &key);

	if (!p || i >= p->n || i >= SWB_MAX_RULES)
		return NULL;
	/* hide what the compiler knows of i, so the mask stays for the verifier */
	asm volatile("" : "+r"(i));
	return &p->rule[i & (SWB_MAX_RULES - 1)];
}

/* Capture *cap is v; its bytes are at data, the next capture goes after them
 * (8-byte aligned). */
static __always_inline void cap_put(struct swb_buf *b, struct swb_cap *cap, __u32 data, const struct swb_cap *v)
{
	*cap = *v;
	b->w.cap.off = data + ((v->len + 7) & ~7u);
	b->rec.ncap++;
	if (v->rule < SWB_MAX_RULES) {
		b->w.cap.at[v->rule & (SWB_MAX_RULES - 1)] = data - sizeof(*cap);
		b->w.cap.chain[v->rule & (SWB_MAX_RULES - 1)] = 1u << v->rule;
	}
}

/* Sends the record built in b with the captures written so far (at most
 * the buffer). counted: the record is its event (a syscall's only or last
 * half): counted produced, and lost when the ring is full. Non-zero when
 * the ring was full. */
static __always_inline long cap_finish(struct swb_buf *b, bool counted)
{
	__u64 len = sizeof(b->rec) + b->w.cap.off;

	if (len > sizeof(b->rec) + sizeof(b->data))
		len = sizeof(b->rec) + sizeof(b->data);
	if (counted)
		count_produced();
	if (!bpf_ringbuf_output(&events, &b->rec, len, wake_flags(len)))
		return 0;
	if (counted)
		count_lost();
	return -1;
}

/* One entry of a NULL-terminated string array (execve argv, envp): every
 * entry is counted, the first max_store stored, each with its NUL; after an
 * entry that cannot be read the rest are counted, not stored. */
static long arr_entry(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct arr_work *a;
	__u64 p = 0;
	__u32 off, sz;
	long n;

	if (!b)
		return 1;
	a = &b->w.arr;
	if (bpf_probe_read_user(&p, sizeof(p), (void *)(a->base + (__u64)i * 8))) {
		a->status = i == 0 ? SWB_CAPS_FAULT : SWB_CAPS_TRUNC;
		a->done = 1;
		return 1;
	}
	if (!p) {
		a->done = 1;
		return 1;
	}
	a->total = i + 1;
	if (!a->strsz || a->stored != i || a->stored >= a->max_store)
		return 0;
	off = a->off;
	if (off > SWB_DATA_MAX) {
		a->max_store = a->stored;
		return 0;
	}
	sz = a->strsz + 1;
	if (sz > SWB_CAP_MAX)
		sz = SWB_CAP_MAX;
	n = bpf_probe_read_user_str(&b->data[off], sz, (void *)p);
	if (n <= 0) {
		a->status = SWB_CAPS_TRUNC;
		a->bad = 1;
		return 0;
	}
	a->off = off + (__u32)n;
	a->stored++;
	return 0;
}

/* One element of an iovec array: a struct swb_iov_rec, then its bytes. */
static long iov_elem(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct { __u64 base, len; } iov;
	struct swb_iov_rec *rec;
	struct iov_work *a;
	__u64 want;
	__u32 off, n;

	if (!b)
		return 1;
	a = &b->w.iov;
	if (i >= a->n)
		return 1;
	if (bpf_probe_read_user(&iov, sizeof(iov), (void *)(a->base + (__u64)i * sizeof(iov)))) {
		a->status = SWB_CAPS_FAULT;
		return 1;
	}
	off = a->off;
	if (off > SWB_DATA_MAX) {
		a->status = SWB_CAPS_TRUNC;
		return 1;
	}
	rec = (void *)&b->data[off];
	want = iov.len < a->left ? iov.len : a->left;
	if (want > strlimit())
		want = strlimit();
	n = want & (SWB_CAP_MAX - 1);
	rec->base = iov.base;
	rec->len = iov.len;
	rec->status = SWB_CAPS_OK;
	if (n && bpf_probe_read_user(&b->data[off + sizeof(*rec)], n, (void *)iov.base)) {
		rec->status = SWB_CAPS_FAULT;
		n = 0;
	} else if (n < iov.len) {
		rec->status = SWB_CAPS_TRUNC;
	}
	rec->stored = n;
	a->left -= iov.len < a->left ? iov.len : a->left;
	a->off = off + sizeof(*rec) + n;
	a->stored++;
	return 0;
}

/* Bytes a rule wants (bounded) and the object's full size; mirrors
 * sw_capture_rule_size() in core/syscalls.c. */
static __always_inline __u64 rule_want(const struct swb_rule *r, const __u64 *args, __s64 ret,
				       __u64 *total)
{
	__u64 max = r->max ? r->max : strlimit();
	__u64 n;

	switch (r->size_from) {
	case SWB_SIZE_FIXED:
		*total = r->size;
		return r->size;
	case SWB_SIZE_ARG:
		n = r->size_arg < SWB_NARGS ? args[r->size_arg] : 0;
		*total = n;
		return n < max ? n : max;
	case SWB_SIZE_ARG_ELEM:
		n = r->size_arg < SWB_NARGS ? args[r->size_arg] : 0;
		max = r->max ? r->max : 1024;
		n = (n < max ? n : max) * r->size;
		*total = n;
		return n;
	case SWB_SIZE_RET:
		n = ret > 0 ? ret : 0;
		*total = n;
		return n < max ? n : max;
	case SWB_SIZE_RET_ELEM:
		n = ret > 0 ? ret : 0;
		n = (n < max ? n : max) * r->size;
		*total = n;
		return n;
	case SWB_SIZE_STRING:
		*total = 0;
		return strlimit() + 1;
	case SWB_SIZE_PATH:
		*total = 0;
		return SWB_PATH_MAX;
	}
	*total = 0;
	return 0;
}

/* A SWB_CAP_FD rule: what the descriptor it names refers to, resolved now
 * (resolve/fdres.bpf.h), as a struct sw_fdinfo and its path. */
static __always_inline long cap_fd(struct swb_buf *b, const struct swb_rule *r, __u32 i)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct cap_work *c = &b->w.cap;
	struct fdres_out *o;
	struct swb_cap *cap;
	struct file *file = NULL;
	__u32 off, data, len;
	__u8 t = r->arg;
	int fd = 0;

	if (t == SW_FDT_EXE) {
		if (b->rec.ret < 0)
			return 0;
		file = BPF_CORE_READ(task, mm, exe_file);
		if (!file)
			return 0;
	} else if (t < SWB_NARGS) {
		fd = (int)b->rec.args[t & 7];
	} else if (t == SW_FDT_RET) {
		if (b->rec.ret < 0)
			return 0;
		fd = (int)b->rec.ret;
	} else if (t == SW_FDT_CWD) {
		fd = FDRES_AT_FDCWD;
	} else if (t == SW_FDT_PAIR0 || t == SW_FDT_PAIR1) {
		int pair[2];

		if (b->rec.ret < 0 || r->size_arg >= SWB_NARGS ||
		    bpf_probe_read_user(pair, sizeof(pair), (void *)b->rec.args[r->size_arg & 7]))
			return 0;
		fd = pair[t == SW_FDT_PAIR1];
	} else {
		return 0;
	}
	if ((fd < 0 && fd != FDRES_AT_FDCWD) || (c->nofd & (1u << (t & 31))))
		return 0;
	off = c->off;
	if (off > SWB_DATA_MAX) {
		b->rec.flags |= SWB_F_DATA_FULL;
		return 1;
	}
	o = file ? fdres__file(task, file, targ_fd_detail) : fdres__fd(task, fd, targ_fd_detail);
	if (!o)
		return 0;
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	len = fdres__size(o);
	if (len > sizeof(o->fi) + SW_FDPATH_MAX)
		len = sizeof(o->fi) + SW_FDPATH_MAX;
	if (bpf_probe_read_kernel(&b->data[data], len, &o->fi))
		return 0;
	cap_put(b, cap, data, &(struct swb_cap){ .arg = t, .kind = SWB_CAP_FD,
		.status = o->fi.type == SW_FD_NONE ? SWB_CAPS_FAULT : SWB_CAPS_OK,
		.at_exit = r->when == SWB_AT_EXIT, .len = len, .rule = i, .total = len });
	return 0;
}

/* One step: the next element's object as a struct swb_iov_rec and its
 * bytes, or, past the end of an object, the next object. */
static long deref_step(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct swb_iov_rec *rec;
	struct deref_work *w;
	__u64 ptr = 0, n = 1, want, tot;
	__u32 e, x, o, got = 0, st = SWB_CAPS_OK;

	if (!b)
		return 1;
	w = &b->w.deref;
	if (w->pos + w->need > w->obj_len) {
		struct swb_iov_rec pr;

		x = w->next_rec;
		if (!w->recs || x > SWB_DATA_MAX + SWB_CAP_MAX)
			return 1;
		if (bpf_probe_read_kernel(&pr, sizeof(pr), &b->data[x]))
			return 1;
		w->recs--;
		w->obj = x + sizeof(pr);
		w->obj_len = pr.stored;
		w->next_rec = w->obj + pr.stored;
		w->pos = 0;
		return 0;
	}
	e = w->obj + w->pos;
	w->pos += w->stride ? w->stride : w->obj_len + 1;
	w->total++;
	if (w->count >= SWB_DEREF_MAX_RECS)
		return 0; /* counted, not stored */
	x = e + w->ptr_off;
	if (x > SWB_DATA_MAX + SWB_CAP_MAX || bpf_probe_read_kernel(&ptr, sizeof(ptr), &b->data[x]))
		return 1;
	if (w->len_size) {
		x = e + w->len_off;
		n = 0;
		if (x > SWB_DATA_MAX + SWB_CAP_MAX ||
		    bpf_probe_read_kernel(&n, w->len_size == 4 ? 4 : 8, &b->data[x]))
			return 1;
	}
	/* sw_deref_want() */
	if (w->flags & SWB_DEREF_STR) {
		want = w->max + 1;
		tot = 0;
	} else {
		tot = n * w->size;
		want = (n < w->max ? n : w->max) * w->size;
	}
	o = w->out;
	if (o > SWB_DATA_MAX) {
		w->status = SWB_CAPS_TRUNC;
		b->rec.flags |= SWB_F_DATA_FULL;
		return 1;
	}
	rec = (void *)&b->data[o];
	if (!ptr)
		want = 0;
	if (want > SWB_CAP_MAX - 2) {
		want = SWB_CAP_MAX - 2;
		st = SWB_CAPS_TRUNC;
	}
	if (want && (w->flags & SWB_DEREF_STR)) {
		/* one byte more than wanted: a string of exactly want bytes is whole */
		long r = bpf_probe_read_user_str(&b->data[o + sizeof(*rec)], (want + 1) & (SWB_CAP_MAX - 1),
						 (void *)ptr);

		if (r <= 0) {
			st = SWB_CAPS_FAULT;
			w->faulted = 1;
		} else {
			got = r - 1;
			tot = got;
			if (got >= want)
				st = SWB_CAPS_TRUNC;
		}
	} else if (want) {
		__u32 k = want & (SWB_CAP_MAX - 1);

		__u32 page = 4096 - (ptr & 4095);

		if (!bpf_probe_read_user(&b->data[o + sizeof(*rec)], k, (void *)ptr)) {
			got = k;
		} else if (page < k && !bpf_probe_read_user(&b->data[o + sizeof(*rec)], page & (SWB_CAP_MAX - 1),
							     (void *)ptr)) {
			/* a buffer whose end is in pages not present (the part of a
			 * receive buffer the kernel did not write): its first page */
			got = page;
		} else {
			st = SWB_CAPS_FAULT;
			w->faulted = 1;
		}
		if (got && tot > got)
			st = SWB_CAPS_TRUNC;
	}
	rec->base = ptr;
	rec->len = tot;
	rec->stored = got;
	rec->status = st;
	w->out = o + sizeof(*rec) + got;
	w->count++;
	return 0;
}

/* A SWB_CAP_DEREF rule: the objects behind the pointers inside what rule
 * r->parent captured in this record; their records go at data. Returns the
 * bytes written; *count, *total, *status as cap_rule reports them. */
static __always_inline __u32 cap_deref(struct swb_buf *b, const struct swb_rule *r, __u32 data, __u32 *count,
				       __u64 *total, __u32 *status)
{
	struct deref_work *w = &b->w.deref;
	__u32 po = b->w.cap.at[r->parent & (SWB_MAX_RULES - 1)];
	struct swb_cap pc;

	if (po > SWB_DATA_MAX || bpf_probe_read_kernel(&pc, sizeof(pc), &b->data[po]) ||
	    pc.status == SWB_CAPS_FAULT || (pc.kind != SWB_CAP_MEM && pc.kind != SWB_CAP_DEREF))
		return ~0u;
	w->obj = po + sizeof(pc);
	w->next_rec = w->obj;
	w->recs = pc.kind == SWB_CAP_DEREF ? pc.count : 0;
	w->obj_len = pc.kind == SWB_CAP_MEM ? pc.len : 0;
	w->pos = 0;
	w->need = r->ptr_off + 8u > (__u32)r->len_off + r->len_size ? r->ptr_off + 8u : (__u32)r->len_off + r->len_size;
	w->stride = r->stride;
	w->ptr_off = r->ptr_off;
	w->len_off = r->len_off;
	w->len_size = r->len_size;
	w->size = r->size;
	w->flags = r->flags;
	w->max = r->max ? r->max : strlimit();
	w->out = data;
	w->count = 0;
	w->total = 0;
	w->status = SWB_CAPS_OK;
	w->faulted = 0;
	bpf_loop(4 * SWB_DEREF_MAX_RECS, deref_step, NULL, 0);
	*count = w->count;
	*total = w->total;
	*status = w->status == SWB_CAPS_OK && w->count < w->total ? SWB_CAPS_TRUNC : w->status;
	return w->out - data;
}

/* Runs rule i of the plan of the record's syscall if it applies now. */
static long cap_rule(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct swb_rule *r = b ? plan_rule(b, i) : NULL;
	struct swb_cap *cap;
	struct cap_work *c;
	__u64 ptr, want, total = 0;
	__u32 off, len = 0, status = SWB_CAPS_OK, count = 0, data;
	bool again;
	__u8 arg;

	if (!b || !r)
		return 1;
	c = &b->w.cap;
	again = c->when == SWB_AT_EXIT && (c->retry & (1u << i));
	if (r->when != c->when && !again)
		return 0;
	if (r->kind == SWB_CAP_FD)
		return r->when == c->when ? cap_fd(b, r, i) : 0;
	arg = r->arg;
	if (arg >= SWB_NARGS)
		return 0;
	if ((r->flags & SWB_DEREF_COND) && (__u32)b->rec.args[r->cond_arg & 7] != r->cond_val)
		return 0;
	ptr = b->rec.args[arg];
	if (!ptr)
		return 0;
	if (c->when == SWB_AT_EXIT && r->only_ok && b->rec.ret < 0)
		return 0;
	off = c->off;
	if (off > SWB_DATA_MAX) {
		b->rec.flags |= SWB_F_DATA_FULL;
		return 1;
	}
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	want = rule_want(r, b->rec.args, b->rec.ret, &total);

	if (r->kind == SWB_CAP_STR) {
		__u32 sz = want < SWB_CAP_MAX - 1 ? want + 1 : SWB_CAP_MAX;
		long n = bpf_probe_read_user_str(&b->data[data], sz, (void *)ptr);
		char last = 1;

		/* want bytes were readable but not the one after them (the string
		 * runs up to an unmapped page): read exactly want bytes; the last
		 * one, overwritten by the NUL the helper adds, says whether the
		 * string ended there or goes on */
		if (n < 0 && sz > 1) {
			sz--;
			n = bpf_probe_read_user_str(&b->data[data], sz, (void *)ptr);
			if (n == sz && bpf_probe_read_user(&last, 1, (void *)(ptr + sz - 1)))
				n = -1;
		}
		if (n <= 0) {
			status = SWB_CAPS_FAULT;
		} else {
			len = n - 1;
			if (len >= sz - 1 && last)
				status = SWB_CAPS_TRUNC;
			else
				total = len;
		}
	} else if (r->kind == SWB_CAP_MEM) {
		__u32 n = want < SWB_CAP_MAX ? want : SWB_CAP_MAX;

		if (!n) {
			/* an object of length 0 (a read returning 0): empty, shown as "" */
			total = 0;
		} else if (bpf_probe_read_user(&b->data[data], n, (void *)ptr)) {
			status = SWB_CAPS_FAULT;
			total = 0;
		} else {
			len = n;
			if (total > n)
				status = SWB_CAPS_TRUNC;
		}
	} else if (r->kind == SWB_CAP_STRARRAY) {
		struct arr_work *a = &b->w.arr;
		__u32 lim = strlimit();

		a->base = ptr;
		a->off = data;
		a->stored = 0;
		a->max_store = lim < SWB_ARRAY_MAX && !targ_unabbrev ? lim : SWB_ARRAY_MAX;
		a->strsz = want;
		a->total = 0;
		a->status = SWB_CAPS_OK;
		a->done = 0;
		a->bad = 0;
		bpf_loop(SWB_ARRAY_COUNT, arr_entry, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = a->total;
		status = a->done ? a->status : SWB_CAPS_TRUNC;
		if (a->bad && c->when == SWB_AT_ENTER)
			c->faulted |= 1u << i;
	} else if (r->kind == SWB_CAP_IOV) {
		struct iov_work *a = &b->w.iov;
		__u64 n = r->size_arg < SWB_NARGS ? b->rec.args[r->size_arg] : 0;

		a->base = ptr;
		a->left = c->when == SWB_AT_EXIT ? (b->rec.ret > 0 ? b->rec.ret : 0) : ~0ull;
		a->off = data;
		/* the decoder shows -s elements, as strace does */
		a->n = n < SWB_IOV_MAX ? n : SWB_IOV_MAX;
		if (a->n > strlimit())
			a->n = strlimit();
		a->stored = 0;
		a->status = SWB_CAPS_OK;
		bpf_loop(SWB_IOV_MAX, iov_elem, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = n;
		status = a->status;
		if (status == SWB_CAPS_OK && count < n)
			status = SWB_CAPS_TRUNC;
	} else if (r->kind == SWB_CAP_DEREF) {
		__u32 chain = (1u << i) | c->chain[r->parent & (SWB_MAX_RULES - 1)];

		len = cap_deref(b, r, data, &count, &total, &status);
		if (len == ~0u)
			return 0;
		cap_put(b, cap, data, &(struct swb_cap){ .arg = arg, .kind = r->kind, .status = status,
			.at_exit = r->when == SWB_AT_EXIT, .len = len, .count = count, .rule = i, .tag = r->tag,
			.total = total });
		c->chain[i & (SWB_MAX_RULES - 1)] = chain;
		/* a page not present yet (a string constant the call reads for
		 * the first time): read again at exit, with the captures its
		 * pointers came from */
		if (b->w.deref.faulted && c->when == SWB_AT_ENTER)
			c->faulted |= chain;
		return 0;
	} else {
		return 0;
	}

	if (status == SWB_CAPS_FAULT && c->when == SWB_AT_ENTER)
		c->faulted |= 1u << i;
	cap_put(b, cap, data, &(struct swb_cap){ .arg = arg, .kind = r->kind, .status = status,
		.at_exit = r->when == SWB_AT_EXIT, .len = len, .count = count, .rule = i, .total = total });
	return 0;
}

/* -k: how far above a frame its caller's may be (frames with large locals). */
#define STACK_FRAME_MAX (8u << 20)
#define USER_CS_64 0x33 /* __USER_CS: the thread runs 64-bit code */

/* Whether fp can be a frame pointer of a frame at or above low: frame
 * pointers only go up the stack, 8-byte aligned, and not far. */
static __always_inline bool stack_fp_ok(__u64 fp, __u64 low)
{
	return fp >= low && fp - low <= STACK_FRAME_MAX && !(fp & 7);
}

/* One frame of -k's walk: {caller's frame pointer, return address} at fp,
 * as the kernel's walk reads it; the walk ends at a frame pointer that
 * cannot be the caller's (stack_fp_ok). */
static long stack_frame(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct { __u64 next, ret; } f;
	struct stack_work *w;
	__u32 at, n;

	if (!b)
		return 1;
	w = &b->w.stk;
	n = w->n;
	at = w->data;
	if (n >= SWB_STACK_MAX || at > SWB_DATA_MAX + sizeof(struct swb_cap))
		return 1;
	if (bpf_probe_read_user(&f, sizeof(f), (void *)w->fp))
		return 1;
	*(__u64 *)&b->data[at + n * sizeof(__u64)] = f.ret;
	w->n = n + 1;
	if (!stack_fp_ok(f.next, w->fp + sizeof(f)))
		return 1;
	w->fp = f.next;
	return 0;
}

/* -k: the user stack after the captures: where the thread is, then the
 * return addresses found along the frame pointers, from the registers saved
 * at syscall entry, as bpf_get_stack(BPF_F_USER_STACK) finds them. That
 * helper follows whatever the frame pointer register holds, and code built
 * without frame pointers keeps data there: reading it costs a page fault at
 * nearly every syscall, most of what -k cost. This walk reads the same
 * frames but ends, without reading, at a value that cannot be a frame
 * pointer. (32-bit code: the kernel's walk.) */
static __always_inline void cap_stack(struct swb_buf *b, void *ctx)
{
	struct pt_regs *u = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	__u32 off = b->w.cap.off, data;
	struct swb_cap *cap;
	__u64 bp, sp;
	long n;

	if (off > SWB_DATA_MAX)
		return;
	cap = (struct swb_cap *)&b->data[off];
	data = off + sizeof(*cap);
	if (BPF_CORE_READ(u, cs) != USER_CS_64) {
		n = bpf_get_stack(ctx, &b->data[data], SWB_STACK_MAX * sizeof(__u64), BPF_F_USER_STACK);
		if (n <= 0)
			return;
	} else {
		bp = BPF_CORE_READ(u, bp);
		sp = BPF_CORE_READ(u, sp);
		*(__u64 *)&b->data[data] = BPF_CORE_READ(u, ip);
		b->w.stk.data = data;
		b->w.stk.n = 1;
		b->w.stk.fp = bp;
		if (stack_fp_ok(bp, sp))
			bpf_loop(SWB_STACK_MAX - 1, stack_frame, NULL, 0);
		n = b->w.stk.n * sizeof(__u64);
	}
	cap_put(b, cap, data, &(struct swb_cap){ .arg = SWB_CAPARG_STACK,
		.kind = SWB_CAP_USTACK, .status = SWB_CAPS_OK, .at_exit = 1, .len = (__u32)n,
		.count = (__u32)n / sizeof(__u64), .rule = SWB_RULE_STACK, .total = (__u32)n / sizeof(__u64) });
}

/* Adds the captures of `when` (and the rules in retry, read again) to the
 * record in b and sends it; an exit-time record is its event's last half,
 * counted. Returns the rules whose read faulted, or -1 if it was lost. ctx:
 * the program's, for -k's stack (NULL: none). */
static __always_inline long send_captures(struct swb_buf *b, __u32 when, __u32 retry, __u32 nofd, void *ctx)
{
	b->w.cap.when = when;
	b->w.cap.retry = retry;
	b->w.cap.nofd = nofd;
	b->w.cap.off = 0;
	b->w.cap.faulted = 0;
	for (int k = 0; k < SWB_MAX_RULES; k++)
		b->w.cap.at[k] = ~0u;
	bpf_loop(SWB_MAX_RULES, cap_rule, NULL, 0);
	if (targ_stack && ctx)
		cap_stack(b, ctx);
	if (cap_finish(b, when == SWB_AT_EXIT))
		return -1;
	return b->w.cap.faulted;
}

/* Builds a record with the captures of `when` (and the exit-time retries) and
 * sends it. Returns the rules whose read faulted, or -1 if it was lost. ctx:
 * the program's, for -k's stack (NULL: none). */
static __always_inline long send_built(const struct swb_slot *s, __u32 sflags, __u16 type,
				       __u32 when, __u64 id, __s64 ret, __u64 dur, void *ctx)
{
	struct swb_buf *b = scratch_buf();

	if (!b) {
		if (when == SWB_AT_EXIT)
			count_dropped();
		return -1;
	}
	fill_rec(&b->rec, s, sflags, type, id, ret, dur);
	return send_captures(b, when, s->retry, 0, ctx);
}

/* One argument string of the new program, read from its stack (which the
 * kernel just wrote): stored cut at strsz bytes, with its NUL. */
static long exec_arg(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct arr_work *a;
	__u32 off, cut;
	long n;

	if (!b)
		return 1;
	a = &b->w.arr;
	if (a->stored >= a->max_store || a->base >= b->w.ex.arg_end)
		return 1;
	off = a->off;
	if (off > SWB_DATA_MAX)
		return 1;
	n = bpf_probe_read_user_str(&b->data[off], SWB_PATH_MAX, (void *)a->base);
	if (n <= 0) {
		a->status = SWB_CAPS_TRUNC;
		return 1;
	}
	a->base += n;
	cut = a->strsz & (SWB_CAP_MAX - 1);
	if (n - 1 > cut) {
		b->data[off + cut] = 0;
		n = cut + 1;
	}
	a->off = off + (__u32)n;
	a->stored++;
	return 0;
}

/* Rule i of an execve whose entry-time read faulted, read again from what
 * the kernel copied: the file name from the binprm, the argument strings
 * from the new program's stack, the environment count from the binprm. */
static long exec_rule(__u32 i, void *ctx)
{
	struct swb_buf *b = scratch_buf();
	struct swb_rule *r = b ? plan_rule(b, i) : NULL;
	struct linux_binprm *bprm;
	struct swb_cap *cap;
	struct cap_work *c;
	__u32 off, data, len = 0, count = 0, status = SWB_CAPS_OK;
	__u64 want, total = 0;

	if (!b || !r)
		return 1;
	c = &b->w.cap;
	if (!(c->retry & (1u << i)))
		return 0;
	off = c->off;
	if (off > SWB_DATA_MAX)
		return 1;
	cap = (void *)&b->data[off];
	data = off + sizeof(*cap);
	want = rule_want(r, b->rec.args, 0, &total);
	bprm = (void *)b->w.ex.bprm;
	if (r->kind == SWB_CAP_STR) {
		__u32 sz = want < SWB_CAP_MAX - 1 ? want + 1 : SWB_CAP_MAX;
		long n = bpf_probe_read_kernel_str(&b->data[data], sz, BPF_CORE_READ(bprm, filename));

		if (n <= 0)
			return 0;
		len = n - 1;
		if (len >= sz - 1)
			status = SWB_CAPS_TRUNC;
		else
			total = len;
	} else if (r->kind == SWB_CAP_STRARRAY && want) {
		struct arr_work *a = &b->w.arr;
		__u32 lim = strlimit();

		a->base = BPF_CORE_READ((struct task_struct *)bpf_get_current_task_btf(), mm, arg_start);
		a->off = data;
		a->stored = 0;
		a->max_store = lim < SWB_ARRAY_MAX ? lim : SWB_ARRAY_MAX;
		if (a->max_store > b->w.ex.argc)
			a->max_store = b->w.ex.argc;
		a->strsz = want;
		a->status = SWB_CAPS_OK;
		bpf_loop(SWB_ARRAY_MAX, exec_arg, NULL, 0);
		len = a->off - data;
		count = a->stored;
		total = b->w.ex.argc;
		status = a->status;
	} else if (r->kind == SWB_CAP_STRARRAY) {
		total = b->w.ex.envc;
	} else {
		return 0;
	}
	cap_put(b, cap, data, &(struct swb_cap){ .arg = r->arg, .kind = r->kind, .status = status,
		.len = len, .count = count, .rule = i, .total = total });
	return 0;
}

static __always_inline void send_exec_retry(struct swb_slot *s, struct linux_binprm *bprm, __u64 id)
{
	struct swb_buf *b = scratch_buf();

	if (!b)
		return;
	fill_rec(&b->rec, s, 0, SWB_REC_RETRY, id, 0, 0);
	b->w.cap.off = 0;
	b->w.cap.retry = s->retry;
	b->w.ex.bprm = (__u64)bprm;
	b->w.ex.arg_end = BPF_CORE_READ((struct task_struct *)bpf_get_current_task_btf(), mm, arg_end);
	b->w.ex.argc = BPF_CORE_READ(bprm, argc);
	b->w.ex.envc = BPF_CORE_READ(bprm, envc);
	bpf_loop(SWB_MAX_RULES, exec_rule, NULL, 0);
	/* not an event of its own; if this is lost, the faulted reads stay
	 * marked so: nothing is wrong */
	cap_finish(b, false);
}

#endif
