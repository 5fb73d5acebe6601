/* SPDX-License-Identifier: GPL-2.0-only */
/* Resolution of descriptors in the kernel, at the event: the kernel half of
 * src/resolve/ (resolve.h has the user half and the whole story).
 *
 * A BPF program includes this header after vmlinux.h and the libbpf headers
 * and calls, from any tracing program (tracepoints included: no sleeping, no
 * bpf_d_path):
 *
 * (task: a BTF pointer, from bpf_get_current_task_btf() or a tp_btf argument)
 *   struct fdres_out *o = fdres__fd(task, fd, detail);   a descriptor
 *   struct fdres_out *o = fdres__cwd(task);              the working directory
 *   struct fdres_out *o = fdres__file(task, file, detail); an open file
 *
 * Each returns the per-CPU result (NULL only if the scratch map is missing):
 * o->fi is a struct sw_fdinfo (resolve/fdinfo.h), o->fi.type SW_FD_NONE when
 * the descriptor is not open; o->path its path (o->fi.path_len bytes), which
 * a caller copies into its record with fdres__size(o) bytes from &o->fi.
 * The result is overwritten by the next call on the CPU.
 *
 * How: the task's fd table (files->fdt->fd[fd]), then file->f_path: the
 * dentries up to the mount's root, crossing to the parent mount at each
 * mount point, up to the task's root (as d_path does for /proc/PID/fd), at
 * most FDRES_DEPTH components (deeper paths are cut at the top and marked
 * SW_FDF_TRUNC). Pipes, sockets and anonymous inodes are recognised by their
 * filesystem; with detail SW_FDD_SOCKET (2) sockets are read from struct sock:
 * family, type, protocol and its name, addresses and ports, UNIX peer and
 * name, netlink port id. All reads are CO-RE (BPF_CORE_READ), so one object
 * runs on every kernel with BTF.
 *
 * Walked paths are kept in a per-CPU cache (fdres_cache) keyed by dentry,
 * mount and root; a program that includes this header must call
 * fdres__note_syscall(nr) at sys_enter and sys_exit of every task, so that
 * renames and mount changes anywhere invalidate it (the engine's io_uring
 * programs, when loaded, call it for IORING_OP_RENAMEAT too). Renames the
 * kernel does without such a syscall otherwise (io_uring without those
 * programs, NFS server, overlay copy-up) are not seen: a path cached before
 * one may be shown until the next rename or mount syscall. */
#ifndef SW_RESOLVE_FDRES_BPF_H
#define SW_RESOLVE_FDRES_BPF_H

#include "resolve/fdinfo.h"

#define FDRES_DEPTH 64        /* path components walked */
#define FDRES_NAME_MAX 256    /* NAME_MAX + NUL */
#define FDRES_PATH_MASK (SW_FDPATH_MAX - 1)

#define FDRES_PIPEFS_MAGIC 0x50495045
#define FDRES_SOCKFS_MAGIC 0x534F434B
#define FDRES_ANON_INODE_FS_MAGIC 0x09041934
#define FDRES_PID_FS_MAGIC 0x50494446 /* pidfs (Linux 6.9): pidfds */
#define FDRES_S_IFMT 00170000
#define FDRES_S_IFCHR 0020000
#define FDRES_S_IFBLK 0060000
#define FDRES_AF_UNIX 1
#define FDRES_AF_INET 2
#define FDRES_AF_INET6 10
#define FDRES_AF_NETLINK 16
#define FDRES_AT_FDCWD (-100)

struct fdres_out {
	struct sw_fdinfo fi;
	char path[SW_FDPATH_MAX + FDRES_NAME_MAX]; /* room for the last component past the mask */
};

struct fdres_work {
	/* the walk */
	struct dentry *dentry;
	struct vfsmount *vfsmnt;
	struct dentry *root_dentry;
	struct vfsmount *root_mnt;
	struct dentry *mnt_root; /* vfsmnt's root */
	__u32 n;        /* components collected */
	__u32 pos;      /* bytes written to out.path */
	__u32 cut;      /* the walk stopped before the root */
	__u32 pad;
	__u8 dbuf[64];  /* fdres__dent's read */
	const unsigned char *name[FDRES_DEPTH];
	struct fdres_out out;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fdres_work);
} fdres_scratch SEC(".maps");

/* Paths already walked, per CPU: a hit costs a few reads instead of the
 * walk. An entry is keyed by what decides the path: the dentry (with its
 * parent, name and inode, since a freed dentry's memory is reused), the
 * mount, the task's root, and fdres_gen, which every rename and mount change
 * bumps (fdres__note_syscall, called by sys_enter and sys_exit for every
 * task). The inode number is checked on each hit, "(deleted)" read again. */
#define FDRES_CACHE 64

struct fdres_centry {
	__u64 dentry, mnt, root_dentry, root_mnt, inode, parent, hash_len, ino, gen;
	struct fdres_out out;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, FDRES_CACHE);
	__type(key, __u32);
	__type(value, struct fdres_centry);
} fdres_cache SEC(".maps");

__u64 fdres_gen; /* bumped by renames and mount changes, anywhere */

/* Called at sys_enter and sys_exit of every task: a syscall that may change
 * the path of a dentry already walked (rename, mount topology) invalidates
 * the cache, before it runs and again after (a walk during it may have seen
 * the old tree). x86-64 numbers; i386 ones when the task runs 32-bit. */
static __always_inline void fdres__note_syscall(long nr)
{
	bool bump = false;

	switch (nr) {
	case 82:  /* rename */
	case 264: /* renameat */
	case 316: /* renameat2 */
	case 165: /* mount */
	case 166: /* umount2 */
	case 155: /* pivot_root */
	case 429: /* move_mount (also i386) */
		bump = true;
		break;
	case 38:  /* i386 rename */
	case 302: /* i386 renameat */
	case 353: /* i386 renameat2 */
	case 21:  /* i386 mount */
	case 52:  /* i386 umount2 */
	case 217: /* i386 pivot_root */
		bump = BPF_CORE_READ(bpf_get_current_task_btf(), thread_info.status) & 0x0002; /* TS_COMPAT */
		break;
	}
	if (bump)
		__sync_fetch_and_add(&fdres_gen, 1);
}

static __always_inline struct fdres_work *fdres__work(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&fdres_scratch, &zero);
}

static __always_inline __u32 fdres__size(const struct fdres_out *o)
{
	__u32 n = o->fi.path_len;

	return sizeof(o->fi) + (n < SW_FDPATH_MAX ? n : SW_FDPATH_MAX);
}

/* The fields of a dentry the walk and the cache need, in one read: d_hash
 * (pprev: unhashed when NULL), d_parent, d_name (hash_len, name), d_inode
 * are neighbours in struct dentry; CO-RE gives their offsets. */
struct fdres_dent {
	__u64 pprev, parent, hash_len, name, inode;
};

static __always_inline int fdres__dent(struct fdres_work *w, struct dentry *d, struct fdres_dent *out)
{
	__u8 *buf = w->dbuf;
	__u32 base = bpf_core_field_offset(struct dentry, d_hash);
	__u32 o_pprev = bpf_core_field_offset(struct dentry, d_hash.pprev) - base;
	__u32 o_parent = bpf_core_field_offset(struct dentry, d_parent) - base;
	__u32 o_hash = bpf_core_field_offset(struct dentry, d_name.hash_len) - base;
	__u32 o_name = bpf_core_field_offset(struct dentry, d_name.name) - base;
	__u32 o_inode = bpf_core_field_offset(struct dentry, d_inode) - base;

	if (o_pprev > 56 || o_parent > 56 || o_hash > 56 || o_name > 56 || o_inode > 56 ||
	    bpf_probe_read_kernel(buf, sizeof(w->dbuf), (void *)d + base))
		return -1;
	out->pprev = *(__u64 *)&buf[o_pprev & 63 & ~7];
	out->parent = *(__u64 *)&buf[o_parent & 63 & ~7];
	out->hash_len = *(__u64 *)&buf[o_hash & 63 & ~7];
	out->name = *(__u64 *)&buf[o_name & 63 & ~7];
	out->inode = *(__u64 *)&buf[o_inode & 63 & ~7];
	return 0;
}

/* One step up: a component of the current mount, or a jump to the mount point
 * in the parent mount. Stops at the task's root, or the top of the tree. */
static long fdres__walk_step(__u32 i, void *ctx)
{
	struct fdres_work *w = fdres__work();
	struct dentry *d;
	struct mount *m, *mparent;
	struct vfsmount *vfsmnt;
	struct fdres_dent de;

	if (!w)
		return 1;
	/* locals: BPF_CORE_READ relocates every access in its first argument */
	d = w->dentry;
	vfsmnt = w->vfsmnt;
	if (d == w->root_dentry && vfsmnt == w->root_mnt)
		return 1;
	if (d == w->mnt_root) {
		m = (struct mount *)((void *)vfsmnt - bpf_core_field_offset(struct mount, mnt));
		mparent = BPF_CORE_READ(m, mnt_parent);
		if (mparent == m)
			return 1; /* the root of the tree */
		w->dentry = BPF_CORE_READ(m, mnt_mountpoint);
		vfsmnt = (struct vfsmount *)((void *)mparent + bpf_core_field_offset(struct mount, mnt));
		w->vfsmnt = vfsmnt;
		w->mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
		return 0;
	}
	if (fdres__dent(w, d, &de) < 0 || de.parent == (__u64)d)
		return 1; /* a root that is not mounted: the name stands alone */
	if (w->n >= FDRES_DEPTH) {
		w->cut = 1;
		return 1;
	}
	w->name[w->n & (FDRES_DEPTH - 1)] = (const unsigned char *)de.name;
	w->n++;
	w->dentry = (struct dentry *)de.parent;
	return 0;
}

/* Writes component n-1-i (outermost first) as "/name". */
static long fdres__put_step(__u32 i, void *ctx)
{
	struct fdres_work *w = fdres__work();
	__u32 k, pos;
	long len;

	if (!w || i >= w->n)
		return 1;
	k = (w->n - 1 - i) & (FDRES_DEPTH - 1);
	pos = w->pos;
	if (pos >= SW_FDPATH_MAX - 2) {
		w->out.fi.flags |= SW_FDF_TRUNC;
		return 1;
	}
	w->out.path[pos & FDRES_PATH_MASK] = '/';
	pos++;
	len = bpf_probe_read_kernel_str(&w->out.path[pos & FDRES_PATH_MASK], FDRES_NAME_MAX, w->name[k]);
	if (len > 1)
		pos += len - 1;
	if (pos >= SW_FDPATH_MAX) {
		w->out.fi.flags |= SW_FDF_TRUNC;
		pos = SW_FDPATH_MAX - 1;
	}
	w->pos = pos;
	return 0;
}

/* The path of dentry in vfsmnt, seen from the task's root, into w->out.path. */
static __always_inline void fdres__path(struct fdres_work *w, const struct path *root,
					 struct dentry *dentry, struct vfsmount *vfsmnt)
{
	w->dentry = dentry;
	w->vfsmnt = vfsmnt;
	w->mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
	w->root_dentry = root->dentry;
	w->root_mnt = root->mnt;
	w->n = 0;
	w->pos = 0;
	w->cut = 0;
	bpf_loop(FDRES_DEPTH + 16, fdres__walk_step, NULL, 0);
	if (w->cut)
		w->out.fi.flags |= SW_FDF_TRUNC;
	if (w->n == 0) {
		w->out.path[0] = '/';
		w->pos = 1;
	} else {
		bpf_loop(FDRES_DEPTH, fdres__put_step, NULL, 0);
	}
	w->out.fi.path_len = w->pos;
}

static __always_inline void fdres__socket(struct fdres_work *w, struct file *file, unsigned detail)
{
	struct sw_fdinfo *fi = &w->out.fi;
	struct socket *sock = BPF_CORE_READ(file, private_data);
	struct sock *sk = BPF_CORE_READ(sock, sk);
	struct sock *peer;
	struct unix_address *ua;
	int len;

	if (!sk)
		return;
	/* at any detail: decoders read netlink messages by the family and protocol */
	fi->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	fi->sotype = BPF_CORE_READ(sk, sk_type);
	fi->protocol = BPF_CORE_READ(sk, sk_protocol);
	if (fi->family == FDRES_AF_NETLINK)
		fi->portid = BPF_CORE_READ((struct netlink_sock *)sk, portid);
	if (detail < 2)
		return;
	bpf_probe_read_kernel_str(fi->proto_name, sizeof(fi->proto_name), BPF_CORE_READ(sk, __sk_common.skc_prot, name));
	fi->flags |= SW_FDF_DETAIL;
	if (fi->family == FDRES_AF_INET || fi->family == FDRES_AF_INET6) {
		__u32 la4 = 0, ra4 = 0;
		__u32 *l6, *r6;

		fi->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		fi->rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (fi->family == FDRES_AF_INET) {
			la4 = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
			ra4 = BPF_CORE_READ(sk, __sk_common.skc_daddr);
			__builtin_memcpy(fi->laddr, &la4, 4);
			__builtin_memcpy(fi->raddr, &ra4, 4);
			if (fi->lport || la4)
				fi->flags |= SW_FDF_LOCAL;
			if (fi->rport || ra4)
				fi->flags |= SW_FDF_PEER;
		} else {
			BPF_CORE_READ_INTO(&fi->laddr, sk, __sk_common.skc_v6_rcv_saddr);
			BPF_CORE_READ_INTO(&fi->raddr, sk, __sk_common.skc_v6_daddr);
			l6 = (__u32 *)fi->laddr;
			r6 = (__u32 *)fi->raddr;
			if (fi->lport || l6[0] || l6[1] || l6[2] || l6[3])
				fi->flags |= SW_FDF_LOCAL;
			if (fi->rport || r6[0] || r6[1] || r6[2] || r6[3])
				fi->flags |= SW_FDF_PEER;
		}
	} else if (fi->family == FDRES_AF_UNIX) {
		struct unix_sock *us = (struct unix_sock *)sk;

		peer = BPF_CORE_READ(us, peer);
		if (peer) {
			struct socket *ps = BPF_CORE_READ(peer, sk_socket);

			if (ps)
				fi->peer_ino = BPF_CORE_READ((struct socket_alloc *)ps, vfs_inode.i_ino);
		}
		ua = BPF_CORE_READ(us, addr);
		if (ua) {
			len = BPF_CORE_READ(ua, len) - 2; /* after sun_family */
			if (len > 0) {
				char *src = (char *)ua + bpf_core_field_offset(struct unix_address, name) + 2;
				char c0 = 0;

				bpf_probe_read_kernel(&c0, 1, src);
				if (c0 == 0) {
					fi->flags |= SW_FDF_ABSTRACT;
					src++;
					len--;
					if (len > 107)
						len = 107;
					if (len > 0)
						bpf_probe_read_kernel(w->out.path, len & 127, src);
				} else {
					len = bpf_probe_read_kernel_str(w->out.path, 108, src);
					len = len > 0 ? len - 1 : 0;
				}
				fi->path_len = len > 0 ? len : 0;
			}
		}
	}
}

/* The task's root. task is a BTF pointer (bpf_get_current_task_btf(), a
 * tp_btf argument): plain loads, not helper calls, on the hot path. */
static __always_inline void fdres__root(struct task_struct *task, struct path *root)
{
	struct fs_struct *fs = task->fs;

	root->dentry = fs->root.dentry;
	root->mnt = fs->root.mnt;
}

static __always_inline __u32 fdres__slot(__u64 dentry, __u64 mnt)
{
	__u64 h = (dentry >> 6) ^ (dentry >> 12) ^ (mnt >> 8);

	return (__u32)h & (FDRES_CACHE - 1);
}

/* The cached resolution of fp, or NULL (then *slot is the entry to fill). */
static __always_inline struct fdres_out *fdres__cached(const struct path *fp, const struct path *root,
							const struct fdres_dent *de, __u64 ino, __u64 gen,
							struct fdres_centry **slot)
{
	__u32 k = fdres__slot((__u64)fp->dentry, (__u64)fp->mnt);
	struct fdres_centry *e = bpf_map_lookup_elem(&fdres_cache, &k);

	*slot = e;
	if (!e || e->dentry != (__u64)fp->dentry || e->mnt != (__u64)fp->mnt || e->inode != de->inode ||
	    e->parent != de->parent || e->hash_len != de->hash_len || e->ino != ino || e->gen != gen ||
	    e->root_dentry != (__u64)root->dentry || e->root_mnt != (__u64)root->mnt)
		return NULL;
	/* unlinked: unhashed and not a root (d_unlinked) */
	if (!de->pprev && de->parent != (__u64)fp->dentry)
		e->out.fi.flags |= SW_FDF_DELETED;
	else
		e->out.fi.flags &= ~SW_FDF_DELETED;
	return &e->out;
}

/* Keeps w->out, the resolution of fp just walked, in entry e. */
static __always_inline void fdres__store(struct fdres_centry *e, struct fdres_work *w, const struct path *fp,
					  const struct path *root, const struct fdres_dent *de, __u64 ino, __u64 gen)
{
	if (!e || (w->out.fi.flags & SW_FDF_TRUNC) ||
	    bpf_probe_read_kernel(&e->out, fdres__size(&w->out), &w->out))
		return;
	e->dentry = (__u64)fp->dentry;
	e->mnt = (__u64)fp->mnt;
	e->root_dentry = (__u64)root->dentry;
	e->root_mnt = (__u64)root->mnt;
	e->inode = de->inode;
	e->parent = de->parent;
	e->hash_len = de->hash_len;
	e->ino = ino;
	e->gen = gen;
}

/* Fills w->out for an open file (or returns a cached resolution). */
static __always_inline struct fdres_out *fdres__file(struct task_struct *task, struct file *file, unsigned detail)
{
	struct fdres_work *w = fdres__work();
	struct fdres_centry *e;
	struct fdres_out *o;
	struct sw_fdinfo *fi;
	struct inode *inode;
	struct fdres_dent de;
	struct path fp, root;
	unsigned long magic;
	__u32 mode, rdev;
	__u64 gen, ino;

	if (!w)
		return NULL;
	fi = &w->out.fi;
	__builtin_memset(fi, 0, sizeof(*fi));
	if (!file)
		return &w->out;
	if (BPF_CORE_READ_INTO(&fp, file, f_path) || fdres__dent(w, fp.dentry, &de) < 0)
		return &w->out;
	fdres__root(task, &root);
	gen = fdres_gen;
	inode = (struct inode *)de.inode;
	ino = BPF_CORE_READ(inode, i_ino);
	o = fdres__cached(&fp, &root, &de, ino, gen, &e);
	if (o)
		return o;
	fi->ino = ino;
	fi->dev = BPF_CORE_READ(inode, i_sb, s_dev);
	magic = BPF_CORE_READ(inode, i_sb, s_magic);
	if (magic == FDRES_PIPEFS_MAGIC) {
		fi->type = SW_FD_PIPE;
		return &w->out;
	}
	if (magic == FDRES_SOCKFS_MAGIC) {
		fi->type = SW_FD_SOCKET;
		fdres__socket(w, file, detail);
		return &w->out;
	}
	if (magic == FDRES_ANON_INODE_FS_MAGIC || magic == FDRES_PID_FS_MAGIC) {
		long len = 8;

		/* a pidfd is "anon_inode:[pidfd]" in /proc on pidfs too; its
		 * struct pid (portid: the pid) is the inode's i_private on pidfs,
		 * the file's private_data on an anonymous inode */
		if (magic == FDRES_PID_FS_MAGIC)
			__builtin_memcpy(w->out.path, "[pidfd]", 8);
		else
			len = bpf_probe_read_kernel_str(w->out.path, FDRES_NAME_MAX, (void *)de.name);
		fi->type = SW_FD_ANON;
		fi->path_len = len > 1 ? len - 1 : 0;
		if (fi->path_len == 7 && w->out.path[0] == '[' && w->out.path[1] == 'p' && w->out.path[3] == 'd' &&
		    w->out.path[4] == 'f' && w->out.path[6] == ']') {
			struct pid *pid = magic == FDRES_PID_FS_MAGIC ? BPF_CORE_READ(inode, i_private)
								     : BPF_CORE_READ(file, private_data);

			fi->portid = pid ? BPF_CORE_READ(pid, numbers[0].nr) : 0;
		}
		return &w->out;
	}
	mode = BPF_CORE_READ(inode, i_mode);
	fi->type = SW_FD_FILE;
	if ((mode & FDRES_S_IFMT) == FDRES_S_IFCHR || (mode & FDRES_S_IFMT) == FDRES_S_IFBLK) {
		fi->type = (mode & FDRES_S_IFMT) == FDRES_S_IFCHR ? SW_FD_CHR : SW_FD_BLK;
		rdev = BPF_CORE_READ(inode, i_rdev);
		fi->rdev_major = rdev >> 20;
		fi->rdev_minor = rdev & 0xfffff;
	}
	if (de.parent == (__u64)fp.dentry && fp.dentry != BPF_CORE_READ(fp.mnt, mnt_root)) {
		/* a file of a file system never mounted (a memfd, shmem of
		 * shmem_file_setup): named as the kernel names it
		 * (simple_dname), "/memfd:NAME (deleted)"; not cached, since
		 * the cache takes a root for a directory */
		long len = bpf_probe_read_kernel_str(&w->out.path[1], FDRES_NAME_MAX, (void *)de.name);

		w->out.path[0] = '/';
		fi->path_len = len > 1 ? len : 1;
		fi->flags |= SW_FDF_DELETED;
		return &w->out;
	}
	fdres__path(w, &root, fp.dentry, fp.mnt);
	if (!de.pprev && de.parent != (__u64)fp.dentry)
		fi->flags |= SW_FDF_DELETED;
	fdres__store(e, w, &fp, &root, &de, ino, gen);
	return &w->out;
}

/* Descriptor fd of task (AT_FDCWD: its working directory). */
static __always_inline struct fdres_out *fdres__fd(struct task_struct *task, int fd, unsigned detail);

static __always_inline struct fdres_out *fdres__cwd(struct task_struct *task)
{
	struct fdres_work *w = fdres__work();
	struct fdres_centry *e;
	struct fdres_dent de;
	struct fdres_out *o;
	struct inode *inode;
	struct fs_struct *fs;
	struct path pwd, root;
	__u64 gen, ino;

	if (!w)
		return NULL;
	__builtin_memset(&w->out.fi, 0, sizeof(w->out.fi));
	fdres__root(task, &root);
	/* read, not loaded: the cache hashes these pointers */
	fs = task->fs;
	if (BPF_CORE_READ_INTO(&pwd, fs, pwd) || !pwd.dentry ||
	    fdres__dent(w, pwd.dentry, &de) < 0)
		return &w->out;
	gen = fdres_gen;
	inode = (struct inode *)de.inode; /* a local: BPF_CORE_READ relocates its whole first argument */
	ino = BPF_CORE_READ(inode, i_ino);
	o = fdres__cached(&pwd, &root, &de, ino, gen, &e);
	if (o)
		return o;
	w->out.fi.type = SW_FD_FILE;
	w->out.fi.ino = ino;
	w->out.fi.dev = BPF_CORE_READ(pwd.dentry, d_sb, s_dev);
	fdres__path(w, &root, pwd.dentry, pwd.mnt);
	if (!de.pprev && de.parent != (__u64)pwd.dentry)
		w->out.fi.flags |= SW_FDF_DELETED;
	fdres__store(e, w, &pwd, &root, &de, ino, gen);
	return &w->out;
}

static __always_inline struct fdres_out *fdres__fd(struct task_struct *task, int fd, unsigned detail)
{
	struct fdtable *fdt;
	struct file **fds;
	struct file *file = NULL;

	if (fd == FDRES_AT_FDCWD)
		return fdres__cwd(task);
	fdt = task->files->fdt;
	if (fd >= 0 && (unsigned)fd < fdt->max_fds) {
		fds = fdt->fd;
		bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	}
	return fdres__file(task, file, detail);
}

#endif
