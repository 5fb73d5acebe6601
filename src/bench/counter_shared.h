/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by counter.bpf.c (kernel side) and counter.c (loader): fixed-width
 * types only. */
#ifndef SW_BENCH_COUNTER_SHARED_H
#define SW_BENCH_COUNTER_SHARED_H

#define SWBC_NR_MAX 1024       /* == SW_NR_MAX */
#define SWBC_COMM_LEN 16

/* The phase marker a workload sends around its measured section:
 * prctl(SWBC_MARK, SWBC_PHASE_*) (an unknown option: EINVAL, no effect). */
#define SWBC_MARK 0x53574243ul /* "SWBC" */
#define SWBC_PHASE_SETUP 0
#define SWBC_PHASE_MEASURED 1
#define SWBC_PHASE_DONE 2

#endif
