/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by floor.bpf.c (kernel side) and counter.c (loader): fixed-width
 * types only. */
#ifndef SW_BENCH_FLOOR_H
#define SW_BENCH_FLOOR_H

#define FLOOR_NR_MAX 1024       /* == SW_NR_MAX */
#define FLOOR_COMM_LEN 16

/* The phase marker a workload sends around its measured section:
 * prctl(FLOOR_MARK, FLOOR_PHASE_*) (an unknown option: EINVAL, no effect). */
#define FLOOR_MARK 0x53574243ul /* "SWBC" */
#define FLOOR_PHASE_SETUP 0
#define FLOOR_PHASE_MEASURED 1
#define FLOOR_PHASE_DONE 2

#endif
