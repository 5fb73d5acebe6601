/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run's kill and trap counter (sigsys.bpf.c, in the kernel): the
 * calls a seccomp filter trapped or killed, per syscall, for syswatch's
 * child and its descendants. What the kernel and user sides share, and the
 * user side's interface. */
#ifndef SW_RUN_SIGSYS_H
#define SW_RUN_SIGSYS_H

#define SIGSYS_NR_MAX 1024 /* syscall numbers counted (x86-64: under 512) */

#ifndef __bpf__
#include <stddef.h>
#include <stdint.h>

struct run_sigsys;

/* Loads and attaches the counter for the children syswatch forks from now
 * on; NULL, with why filled in, where eBPF cannot (no root, no BTF). */
struct run_sigsys *run_sigsys_open(char *why, size_t size);
/* The counts so far, per syscall number (n at most SIGSYS_NR_MAX). */
void run_sigsys_read(const struct run_sigsys *s, uint64_t *trapped, uint64_t *killed, size_t n);
void run_sigsys_close(struct run_sigsys *s);
#endif

#endif
