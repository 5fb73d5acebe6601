/* Resolution of descriptors in the kernel, at the event: the kernel half of
 * src/resolve/ (resolve.h has the user half and the whole story).
 *
 * A BPF program includes this header after vmlinux.h and the libbpf headers
 * and calls, from any tracing program (tracepoints included: no sleeping, no
 * bpf_d_path):
 *
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
 * runs on every kernel with BTF. */
#ifndef SW_RESOLVE_FDRES_BPF_H
#define SW_RESOLVE_FDRES_BPF_H

#include "resolve/fdinfo.h"

#define FDRES_DEPTH 64        /* path components walked */
#define FDRES_NAME_MAX 256    /* NAME_MAX + NUL */
#define FDRES_PATH_MASK (SW_FDPATH_MAX - 1)

#define FDRES_PIPEFS_MAGIC 0x50495045
#define FDRES_SOCKFS_MAGIC 0x534F434B
#define FDRES_ANON_INODE_FS_MAGIC 0x09041934
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
	__u32 n;        /* components collected */
	__u32 pos;      /* bytes written to out.path */
	__u32 cut;      /* the walk stopped before the root */
	__u32 pad;
	const unsigned char *name[FDRES_DEPTH];
	struct fdres_out out;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fdres_work);
} fdres_scratch SEC(".maps");

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

/* One step up: a component of the current mount, or a jump to the mount point
 * in the parent mount. Stops at the task's root, or the top of the tree. */
static long fdres__walk_step(__u32 i, void *ctx)
{
	struct fdres_work *w = fdres__work();
	struct dentry *d, *parent, *mnt_root;
	struct mount *m, *mparent;
	struct vfsmount *vfsmnt;

	if (!w)
		return 1;
	/* locals: BPF_CORE_READ relocates every access in its first argument */
	d = w->dentry;
	vfsmnt = w->vfsmnt;
	if (d == w->root_dentry && vfsmnt == w->root_mnt)
		return 1;
	mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
	if (d == mnt_root) {
		m = (struct mount *)((void *)vfsmnt - bpf_core_field_offset(struct mount, mnt));
		mparent = BPF_CORE_READ(m, mnt_parent);
		if (mparent == m)
			return 1; /* the root of the tree */
		w->dentry = BPF_CORE_READ(m, mnt_mountpoint);
		w->vfsmnt = (struct vfsmount *)((void *)mparent + bpf_core_field_offset(struct mount, mnt));
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (parent == d)
		return 1; /* a root that is not mounted: the name stands alone */
	if (w->n >= FDRES_DEPTH) {
		w->cut = 1;
		return 1;
	}
	w->name[w->n & (FDRES_DEPTH - 1)] = BPF_CORE_READ(d, d_name.name);
	w->n++;
	w->dentry = parent;
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
static __always_inline void fdres__path(struct fdres_work *w, struct task_struct *task,
					 struct dentry *dentry, struct vfsmount *vfsmnt)
{
	w->dentry = dentry;
	w->vfsmnt = vfsmnt;
	w->root_dentry = BPF_CORE_READ(task, fs, root.dentry);
	w->root_mnt = BPF_CORE_READ(task, fs, root.mnt);
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

	if (!sk || detail < 2)
		return;
	bpf_probe_read_kernel_str(fi->proto_name, sizeof(fi->proto_name), BPF_CORE_READ(sk, __sk_common.skc_prot, name));
	fi->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	fi->sotype = BPF_CORE_READ(sk, sk_type);
	fi->protocol = BPF_CORE_READ(sk, sk_protocol);
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
	} else if (fi->family == FDRES_AF_NETLINK) {
		fi->portid = BPF_CORE_READ((struct netlink_sock *)sk, portid);
	}
}

/* Fills w->out for an open file. */
static __always_inline struct fdres_out *fdres__file(struct task_struct *task, struct file *file, unsigned detail)
{
	struct fdres_work *w = fdres__work();
	struct sw_fdinfo *fi;
	struct inode *inode;
	struct dentry *dentry;
	unsigned long magic;
	__u32 mode, rdev;

	if (!w)
		return NULL;
	fi = &w->out.fi;
	__builtin_memset(fi, 0, sizeof(*fi));
	if (!file)
		return &w->out;
	inode = BPF_CORE_READ(file, f_inode);
	dentry = BPF_CORE_READ(file, f_path.dentry);
	fi->ino = BPF_CORE_READ(inode, i_ino);
	fi->dev = BPF_CORE_READ(inode, i_sb, s_dev);
	magic = BPF_CORE_READ(inode, i_sb, s_magic);
	mode = BPF_CORE_READ(inode, i_mode);
	if (magic == FDRES_PIPEFS_MAGIC) {
		fi->type = SW_FD_PIPE;
		return &w->out;
	}
	if (magic == FDRES_SOCKFS_MAGIC) {
		fi->type = SW_FD_SOCKET;
		fdres__socket(w, file, detail);
		return &w->out;
	}
	if (magic == FDRES_ANON_INODE_FS_MAGIC) {
		long len = bpf_probe_read_kernel_str(w->out.path, FDRES_NAME_MAX, BPF_CORE_READ(dentry, d_name.name));

		fi->type = SW_FD_ANON;
		fi->path_len = len > 1 ? len - 1 : 0;
		return &w->out;
	}
	fi->type = SW_FD_FILE;
	if ((mode & FDRES_S_IFMT) == FDRES_S_IFCHR || (mode & FDRES_S_IFMT) == FDRES_S_IFBLK) {
		fi->type = (mode & FDRES_S_IFMT) == FDRES_S_IFCHR ? SW_FD_CHR : SW_FD_BLK;
		rdev = BPF_CORE_READ(inode, i_rdev);
		fi->rdev_major = rdev >> 20;
		fi->rdev_minor = rdev & 0xfffff;
	}
	/* unlinked: unhashed and not a root (d_unlinked) */
	if (!BPF_CORE_READ(dentry, d_hash.pprev) && BPF_CORE_READ(dentry, d_parent) != dentry)
		fi->flags |= SW_FDF_DELETED;
	fdres__path(w, task, dentry, BPF_CORE_READ(file, f_path.mnt));
	return &w->out;
}

/* Descriptor fd of task (AT_FDCWD: its working directory). */
static __always_inline struct fdres_out *fdres__fd(struct task_struct *task, int fd, unsigned detail);

static __always_inline struct fdres_out *fdres__cwd(struct task_struct *task)
{
	struct fdres_work *w = fdres__work();
	struct dentry *dentry;

	if (!w)
		return NULL;
	__builtin_memset(&w->out.fi, 0, sizeof(w->out.fi));
	dentry = BPF_CORE_READ(task, fs, pwd.dentry);
	if (!dentry)
		return &w->out;
	w->out.fi.type = SW_FD_FILE;
	w->out.fi.ino = BPF_CORE_READ(dentry, d_inode, i_ino);
	w->out.fi.dev = BPF_CORE_READ(dentry, d_sb, s_dev);
	fdres__path(w, task, dentry, BPF_CORE_READ(task, fs, pwd.mnt));
	return &w->out;
}

static __always_inline struct fdres_out *fdres__fd(struct task_struct *task, int fd, unsigned detail)
{
	struct files_struct *files;
	struct fdtable *fdt;
	struct file **fds;
	struct file *file = NULL;

	if (fd == FDRES_AT_FDCWD)
		return fdres__cwd(task);
	files = BPF_CORE_READ(task, files);
	fdt = BPF_CORE_READ(files, fdt);
	if (fd >= 0 && (unsigned)fd < BPF_CORE_READ(fdt, max_fds)) {
		fds = BPF_CORE_READ(fdt, fd);
		bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	}
	return fdres__file(task, file, detail);
}

#endif
