/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's kernel side: operations submitted through io_uring,
 * reported as the syscalls they stand for (tp_btf only).
 * Included by syswatch.bpf.c only. */
#ifndef SWB_URING_BPF_H
#define SWB_URING_BPF_H

/* ---- io_uring ------------------------------------------------------------------- */

/* Operations submitted through io_uring never pass sys_enter/sys_exit. With
 * targ_uring, the ones that name files or addresses are reported as the
 * syscall they stand for (SWB_F_IOURING): io_uring_submit_req keeps the
 * request's arguments, read from the kernel's prepared copy (the SQE's user
 * pointers, the dirfd, the flags), and its completion sends one record, with
 * the result and every capture of the syscall's plan (paths read again from
 * the caller's memory, descriptors resolved then). */
struct uring_op {
	struct swb_slot s;
	__u64 user_data;  /* the completion must be this request's */
	__u32 pid, tid;   /* who submitted it (the completion may run in an io-wq thread) */
	__u32 nofd;       /* descriptor targets that are fixed-file slots */
	__u32 opcode;
	char comm[SWB_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64); /* struct io_kiocb * */
	__type(value, struct uring_op);
} uring_ops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct uring_op);
} uring_scratch SEC(".maps");

#define NR_SOCKET 41
#define NR_CONNECT 42
#define NR_OPENAT 257
#define NR_MKDIRAT 258
#define NR_UNLINKAT 263
#define NR_RENAMEAT2 316

static __always_inline __u64 uptr_of(struct filename *f)
{
	return (__u64)BPF_CORE_READ(f, uptr);
}

/* The syscall an operation stands for and its arguments; -1: not reported. */
static __always_inline long uring_args(struct io_kiocb *req, __u32 op, __u64 *a, __u32 *nofd)
{
	void *cmd = &req->cmd;
	bool fixed = BPF_CORE_READ(req, flags) & REQ_F_FIXED_FILE;

	switch (op) {
	case IORING_OP_OPENAT:
	case IORING_OP_OPENAT2: {
		struct io_open *o = cmd;

		a[0] = (__u32)BPF_CORE_READ(o, dfd);
		a[1] = uptr_of(BPF_CORE_READ(o, filename));
		a[2] = BPF_CORE_READ(o, how.flags);
		a[3] = BPF_CORE_READ(o, how.mode);
		if (BPF_CORE_READ(o, file_slot))
			*nofd = 1u << SW_FDT_RET;
		return NR_OPENAT;
	}
	case IORING_OP_CONNECT: {
		struct io_connect *c = cmd;

		a[0] = (__u32)BPF_CORE_READ(req, cqe.fd);
		a[1] = (__u64)BPF_CORE_READ(c, addr);
		a[2] = (__u32)BPF_CORE_READ(c, addr_len);
		if (fixed)
			*nofd = 1u << 0;
		return NR_CONNECT;
	}
	case IORING_OP_SOCKET: {
		struct io_socket *k = cmd;

		a[0] = (__u32)BPF_CORE_READ(k, domain);
		a[1] = (__u32)BPF_CORE_READ(k, type);
		a[2] = (__u32)BPF_CORE_READ(k, protocol);
		if (BPF_CORE_READ(k, file_slot))
			*nofd = 1u << SW_FDT_RET;
		return NR_SOCKET;
	}
	case IORING_OP_UNLINKAT: {
		struct io_unlink *u = cmd;

		a[0] = (__u32)BPF_CORE_READ(u, dfd);
		a[1] = uptr_of(BPF_CORE_READ(u, filename));
		a[2] = (__u32)BPF_CORE_READ(u, flags);
		return NR_UNLINKAT;
	}
	case IORING_OP_MKDIRAT: {
		struct io_mkdir *m = cmd;

		a[0] = (__u32)BPF_CORE_READ(m, dfd);
		a[1] = uptr_of(BPF_CORE_READ(m, filename));
		a[2] = BPF_CORE_READ(m, mode);
		return NR_MKDIRAT;
	}
	case IORING_OP_RENAMEAT: {
		struct io_rename *r = cmd;

		a[0] = (__u32)BPF_CORE_READ(r, old_dfd);
		a[1] = uptr_of(BPF_CORE_READ(r, oldpath));
		a[2] = (__u32)BPF_CORE_READ(r, new_dfd);
		a[3] = uptr_of(BPF_CORE_READ(r, newpath));
		a[4] = (__u32)BPF_CORE_READ(r, flags);
		return NR_RENAMEAT2;
	}
	}
	return -1;
}

SEC("tp_btf/io_uring_submit_req")
int BPF_PROG(on_uring_submit, struct io_kiocb *req)
{
	__u64 id = bpf_get_current_pid_tgid(), key = (__u64)req, ug;
	__u32 tid = (__u32)id, tgid = id >> 32, zero = 0, f;
	struct uring_op *u;
	long nr;

	__u32 op = BPF_CORE_READ(req, opcode);

	/* a rename without a syscall: cached paths must be walked again */
	if (targ_fd_detail && op == IORING_OP_RENAMEAT)
		fdres__note_syscall(NR_RENAMEAT2);
	if (!tracked(tgid, tid))
		return 0;
	u = bpf_map_lookup_elem(&uring_scratch, &zero);
	if (!u)
		return 0;
	__builtin_memset(u, 0, sizeof(*u));
	u->opcode = op;
	nr = uring_args(req, u->opcode, u->s.args, &u->nofd);
	if (nr < 0 || !is_wanted(nr))
		return 0;
	f = filt;
	if (f && !filters_pass(f, nr))
		return 0;
	u->s.tid = tid;
	u->s.nr = nr;
	u->s.flags = SWB_S_BUSY | ((f & SWB_FILT_SAMPLE) && !is_full(nr) ? SWB_S_SAMPLED : 0);
	ug = bpf_get_current_uid_gid();
	u->s.uid = (__u32)ug;
	u->s.gid = ug >> 32;
	u->s.euid = current_euid();
	u->s.ts = bpf_ktime_get_ns();
	u->user_data = BPF_CORE_READ(req, cqe.user_data);
	u->pid = tgid;
	u->tid = tid;
	bpf_get_current_comm(u->comm, sizeof(u->comm));
	bpf_map_update_elem(&uring_ops, &key, u, BPF_ANY);
	return 0;
}

SEC("tp_btf/io_uring_complete")
int BPF_PROG(on_uring_complete, struct io_ring_ctx *ring, void *req, struct io_uring_cqe *cqe)
{
	__u64 key = (__u64)req, now = bpf_ktime_get_ns();
	struct uring_op *u, *p;
	struct swb_buf *b;
	__u32 zero = 0;
	__s64 res;

	p = bpf_map_lookup_elem(&uring_ops, &key);
	if (!p)
		return 0;
	u = bpf_map_lookup_elem(&uring_scratch, &zero);
	if (!u)
		return 0;
	*u = *p;
	bpf_map_delete_elem(&uring_ops, &key);
	/* a request whose submission we saw but whose completion we missed
	 * (cancelled with its ring) may be reused for another one */
	if (BPF_CORE_READ(cqe, user_data) != u->user_data ||
	    BPF_CORE_READ((struct io_kiocb *)req, opcode) != u->opcode)
		return 0;
	res = BPF_CORE_READ(cqe, res);
	if (targ_fd_detail && u->s.nr == NR_RENAMEAT2)
		fdres__note_syscall(NR_RENAMEAT2);
	b = scratch_buf();
	if (!b) {
		count_dropped();
		return 0;
	}
	fill_rec(&b->rec, &u->s, u->s.flags, SWB_REC_SYSCALL, (__u64)u->pid << 32 | u->tid, res, now - u->s.ts);
	b->rec.flags |= SWB_F_IOURING;
	__builtin_memcpy(b->rec.comm, u->comm, sizeof(b->rec.comm));
	/* every rule of the plan, entry-time ones read now */
	send_captures(b, SWB_AT_EXIT, ~0u, u->nofd, NULL);
	return 0;
}

#endif
