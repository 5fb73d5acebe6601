/* SPDX-License-Identifier: GPL-2.0-only */
/* What a capture of kind SW_CAP_FD (core/event.h) describes: an argument
 * index 0..5, or one of these. The capture plan (core/syscalls.c) asks for
 * them, the engines fill them with a struct sw_fdinfo (resolve/fdinfo.h).
 * Plain defines: the BPF programs include this file too. */
#ifndef SW_CORE_FDTARGET_H
#define SW_CORE_FDTARGET_H

#define SW_FDT_RET   6 /* the descriptor the call returned */
#define SW_FDT_PAIR0 7 /* int[2] the call wrote (pipe, socketpair): the first */
#define SW_FDT_PAIR1 8 /* ... and the second */
#define SW_FDT_CWD   9 /* the working directory (relative paths of calls without a dirfd) */
#define SW_FDT_EXE  10 /* exec calls: the program file the process now runs (interpreter, memfd, deleted) */

#endif
