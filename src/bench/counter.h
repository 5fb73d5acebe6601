/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel side of `syswatch bench` (floor.bpf.c): the eBPF floor (empty
 * programs on sys_enter/sys_exit) and the exact syscall counter. */
#ifndef SW_BENCH_COUNTER_H
#define SW_BENCH_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

#define SW_BENCH_NR_MAX 1024

/* false when syswatch was built without eBPF support. */
bool sw_bench_bpf_built(void);

struct sw_bench_floor;
/* Attaches the empty programs (system-wide) until sw_bench_floor_close. */
int sw_bench_floor_open(struct sw_bench_floor **out, struct sw_err *err);
void sw_bench_floor_close(struct sw_bench_floor *f);

struct sw_bench_counts {
	uint64_t total;     /* every syscall of the workload's processes */
	uint64_t measured;  /* those inside the measured section */
	uint64_t by_nr[SW_BENCH_NR_MAX]; /* measured, per syscall number */
};

struct sw_bench_counter;
/* Starts counting the syscalls of the next process that execs with this
 * command name (at most 15 characters), and of its children. */
int sw_bench_counter_open(struct sw_bench_counter **out, const char *comm, struct sw_err *err);
void sw_bench_counter_read(struct sw_bench_counter *c, struct sw_bench_counts *out);
void sw_bench_counter_close(struct sw_bench_counter *c);

#endif
