/* The kernel side of `syswatch bench` (floor.bpf.c): the eBPF floor (empty
 * programs on sys_enter/sys_exit) and the exact syscall counter. */
#ifndef SW_BENCH_COUNTER_H
#define SW_BENCH_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

#define BENCH_NR_MAX 1024

/* false when syswatch was built without eBPF support. */
bool bench_bpf_built(void);

struct bench_floor;
/* Attaches the empty programs (system-wide) until bench_floor_close. */
int bench_floor_open(struct bench_floor **out, struct sw_err *err);
void bench_floor_close(struct bench_floor *f);

struct bench_counts {
	uint64_t total;     /* every syscall of the workload's processes */
	uint64_t measured;  /* those inside the measured section */
	uint64_t by_nr[BENCH_NR_MAX]; /* measured, per syscall number */
};

struct bench_counter;
/* Starts counting the syscalls of the next process that execs with this
 * command name (at most 15 characters), and of its children. */
int bench_counter_open(struct bench_counter **out, const char *comm, struct sw_err *err);
void bench_counter_read(struct bench_counter *c, struct bench_counts *out);
void bench_counter_close(struct bench_counter *c);

#endif
