/* SPDX-License-Identifier: GPL-2.0-only */
/* What a file descriptor (or a directory: a dirfd, the cwd) refers to, as one
 * record both sides share: the kernel side (resolve/fdres.bpf.h) and the /proc
 * reader (resolve/resolve.c) fill it, the formatter and the path filters read
 * it. Fixed-width types only, no pointers, the same layout on both sides.
 *
 * In an event it is a capture of kind SW_CAP_FD (core/event.h): the record,
 * then path_len bytes of path (no NUL). The capture's arg says which value
 * it describes: an argument index (0..5), or one of SW_FDT_*. */
#ifndef SW_RESOLVE_FDINFO_H
#define SW_RESOLVE_FDINFO_H

#ifdef __bpf__
/* vmlinux.h has the __u types */
#else
#include <linux/types.h>
#endif

#include "core/fdtarget.h" /* SW_FDT_*: what a capture of kind SW_CAP_FD describes */

/* Room for the path of one descriptor; longer paths are cut (SW_FDF_TRUNC). */
#define SW_FDPATH_MAX 4096

enum sw_fd_type {
	SW_FD_NONE = 0,  /* not open (EBADF), or not resolvable */
	SW_FD_FILE,      /* a file or directory: path is absolute */
	SW_FD_CHR,       /* a character device: path, and rdev */
	SW_FD_BLK,       /* a block device */
	SW_FD_PIPE,      /* a pipe or FIFO on pipefs: pipe:[ino] */
	SW_FD_SOCKET,    /* a socket: socket:[ino], details in the socket fields */
	SW_FD_ANON,      /* an anonymous inode: path holds its name ("[eventfd]") */
	SW_FD_OTHER,     /* another pseudo file: path holds what /proc shows */
};

/* flags */
#define SW_FDF_DELETED 0x01 /* the file was unlinked: " (deleted)" follows the path */
#define SW_FDF_TRUNC   0x02 /* the path was longer than what is stored */
#define SW_FDF_LOCAL   0x04 /* sockets: the local address is known (bound) */
#define SW_FDF_PEER    0x08 /* sockets: the peer address is known (connected) */
#define SW_FDF_DETAIL  0x10 /* sockets: family, protocol and addresses were looked up */
#define SW_FDF_ABSTRACT 0x20 /* UNIX: the name is in the abstract namespace (shown with '@') */

struct sw_fdinfo {
	__u8 type;        /* enum sw_fd_type */
	__u8 flags;       /* SW_FDF_* */
	__u16 path_len;   /* bytes of path following the record (no NUL) */
	__u16 family;     /* sockets: AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, ...; AF_NETLINK (with
			     its protocol and port id once bound) at any detail, for the decoders */
	__u16 sotype;     /* sockets: SOCK_STREAM, SOCK_DGRAM, ... */
	__u16 protocol;   /* sockets: IPPROTO_* or NETLINK_*; */
	__u16 lport;      /* INET: local port (host order) */
	__u16 rport;      /* INET: peer port */
	__u16 pad;
	__u32 rdev_major; /* CHR/BLK */
	__u32 rdev_minor;
	__u32 portid;     /* NETLINK: the socket's port id; a pidfd (ANON "[pidfd]"): its pid, 0: unknown */
	__u32 dev;        /* the file's device (st_dev, encoded as the kernel's dev_t) */
	__u64 ino;        /* the file's inode number (st_ino) */
	__u64 peer_ino;   /* UNIX: the peer socket's inode, 0: none */
	__u8 laddr[16];   /* INET: local address (4 bytes for AF_INET) */
	__u8 raddr[16];   /* INET: peer address */
	char proto_name[16]; /* sockets: the protocol's name as the kernel calls it ("TCP", "UNIX-STREAM") */
};

#endif
