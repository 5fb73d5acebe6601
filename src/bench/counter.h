/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel side of `syswatch bench` (counter.bpf.c): the exact syscall
 * counter. (The eBPF floor is the engine's: sw_ebpf_floor_open.) */
#ifndef SW_BENCH_COUNTER_H
#define SW_BENCH_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

#define SW_BENCH_NR_MAX 1024

/* false when syswatch was built without eBPF support. */
bool sw_bench_bpf_built(void);

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
