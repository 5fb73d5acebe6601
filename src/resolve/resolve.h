/* SPDX-License-Identifier: GPL-2.0-only */
/* Resolution of descriptors and paths: what a descriptor refers to (a file's
 * absolute path, a pipe, a socket with its addresses, a device), and the
 * absolute path a syscall's path argument named. One mechanism, used by
 * `trace -y/-yy/-P` and by the monitor's resolved paths.
 *
 * Where it is computed:
 * - eBPF engine: in the kernel, at the event (resolve/fdres.bpf.h walks the
 *   task's fd table, the file's dentries and mounts, the socket);
 * - ptrace engine: from /proc/PID/fd at the stop (sw_fd_resolve below).
 * Both put a struct sw_fdinfo (resolve/fdinfo.h) in the event, as a capture
 * of kind SW_CAP_FD, when the engine options ask for it (fd_detail). The
 * functions below read events only, so they work whichever engine ran. */
#ifndef SW_RESOLVE_RESOLVE_H
#define SW_RESOLVE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/event.h"
#include "resolve/fdinfo.h"
#include "util/strbuf.h"

/* How much engines resolve (struct sw_engine_opts.fd_detail: NONE, PATH
 * or SOCKET, a level), and what the text shows (sw_fd_format: a mask of
 * strace's --decode-fds kinds). */
enum sw_fd_detail {
	SW_FDD_NONE = 0,
	SW_FDD_PATH = 1,    /* -y: paths, pipe/socket/anon inode names */
	SW_FDD_SOCKET = 2,  /* -yy: and socket addresses, device numbers */
	SW_FDD_DEV = 4,     /* shown: device numbers (resolved at the SOCKET level) */
	SW_FDD_PIDFD = 8,   /* shown: pidfds, as pid:N */
	SW_FDD_ALL = 15,    /* -yy, --decode-fds=all */
};

/* ---- reading events (any engine) -------------------------------------------- */

/* The resolution an event carries for target (an argument index 0..5, or
 * SW_FDT_RET, SW_FDT_PAIR0/1, SW_FDT_CWD), copied to *fi (captures are not
 * aligned); false when there is none. *path points into the event
 * (fi->path_len bytes, not NUL-terminated). */
bool sw_event_fdinfo(const struct sw_event *ev, unsigned target, struct sw_fdinfo *fi, const char **path);

/* The absolute path argument arg of ev names, written to out (NUL-terminated):
 * - a path argument: the written path joined to its dirfd's path (or to the
 *   working directory), with ".", ".." and "//" removed as written (the
 *   kernel's resolution of symlinks is not redone here: for an open, the
 *   returned descriptor's path, SW_FDT_RET, is what the kernel opened);
 * - a descriptor argument, or SW_FDT_RET: the path of the file it refers to.
 * Returns the length, or -1 when the event does not carry what it takes
 * (resolution off, not a path or descriptor, not a file, out too small). */
int sw_event_resolved_path(const struct sw_event *ev, unsigned arg, char *out, size_t size);

/* Whether a syscall event touches one of paths (absolute, normalised): a
 * path argument that resolves to it (or is written so), a descriptor or dirfd
 * argument, or a returned descriptor, that refers to it. What `trace -P`
 * keeps. Events other than syscalls do not touch paths. */
bool sw_event_touches_path(const struct sw_event *ev, char *const *paths, unsigned npaths);

/* Appends what strace prints between '<' and '>' after a descriptor, for
 * the kinds in the mask detail (--decode-fds): SW_FDD_PATH "/etc/hostname",
 * "pipe:[123]", "socket:[456]", "anon_inode:[eventfd]"; SW_FDD_SOCKET
 * "TCP:[127.0.0.1:80->...]", "UNIX-STREAM:[4->5,\"path\"]",
 * "NETLINK:[ROUTE:42]" (sockets only); SW_FDD_DEV "/dev/null<char 1:3>"
 * (devices only). Nothing when the mask says nothing of this kind. */
void sw_fd_format(struct sw_strbuf *sb, const struct sw_fdinfo *fi, const char *path, unsigned detail);
/* Whether the descriptor is a pidfd (anon_inode:[pidfd]; SW_FDD_PIDFD shows
 * it as strace does, "pid:N", from fi->portid). */
bool sw_fd_is_pidfd(const struct sw_fdinfo *fi, const char *path);

/* Joins base (absolute) and a written path, removing ".", ".." and repeated
 * slashes as written; an absolute written path ignores base. Returns the
 * length or -1 when out is too small. */
int sw_path_join(const char *base, const char *path, size_t path_len, char *out, size_t size);

/* ---- resolving from /proc (ptrace engine; any process we may inspect) ------- */

/* Fills fi and path (room for size bytes, NUL-terminated) for descriptor fd
 * of thread tid; fd SW_FD_CWD (AT_FDCWD) resolves the working directory.
 * Returns the path length, or -1 with fi->type SW_FD_NONE when the
 * descriptor is not open or cannot be read. */
#define SW_FD_CWD (-100)
int sw_fd_resolve(pid_t tid, int fd, unsigned detail, struct sw_fdinfo *fi, char *path, size_t size);

#endif
