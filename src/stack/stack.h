/* SPDX-License-Identifier: GPL-2.0-only */
/* -k: stack traces under each syscall, in strace's format:
 *
 *    > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x51) [0xf8011]
 *
 * the file, the nearest symbol and the offset from it, and the address in
 * the file ("FILE() [0x...]" when the file has no symbols). Both engines
 * print them through this module, with elfutils' libdw:
 * - ptrace: the stopped thread is unwound with its DWARF call frame
 *   information (sw_stack_unwind), as strace -k does;
 * - eBPF: the kernel records the return addresses (frame pointers), and
 *   sw_stack_symbolize names them from the process's /proc/PID/maps, one
 *   libdw session per file (path, device, inode) kept for the whole run.
 * Frames in no file (JIT code) are left out, as strace leaves them out. */
#ifndef SW_STACK_STACK_H
#define SW_STACK_STACK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/strbuf.h"

#define SW_STACK_DEPTH 256 /* frames shown at most (strace's limit) */

struct sw_stack;

/* Whether this build has stack traces (libdw). */
bool sw_stack_supported(void);
struct sw_stack *sw_stack_new(void);
void sw_stack_free(struct sw_stack *s);
/* ptrace: unwinds thread tid of process tgid, stopped by us, and appends its
 * frames to out. */
void sw_stack_unwind(struct sw_stack *s, pid_t tgid, pid_t tid, struct sw_strbuf *out);
/* Return addresses taken elsewhere (the kernel); ips[0] is where the thread
 * is (the syscall), the others are return addresses (looked up at ip - 1). */
void sw_stack_symbolize(struct sw_stack *s, pid_t tgid, const uint64_t *ips, unsigned n, struct sw_strbuf *out);
/* The process executed a new program or is gone: what is cached about its
 * memory map is stale. */
void sw_stack_forget(struct sw_stack *s, pid_t tgid);

#endif
