/* SPDX-License-Identifier: GPL-2.0-only */
/* What the BPF objects this process holds really cost, measured from the
 * kernel (not estimated): map memory as the kernel accounts it, and program
 * sizes. The monitor checks them against limits.memory_limit and
 * limits.max_program_size once the engine has loaded its programs. */
#ifndef SW_MONITOR_BPFINFO_H
#define SW_MONITOR_BPFINFO_H

#include <stdint.h>

struct sw_mon_bpfinfo {
	unsigned maps, progs;       /* distinct objects */
	uint64_t map_bytes;         /* kernel memory of all maps (memlock) */
	uint64_t largest_prog;      /* bytes of the largest program: max(instructions, JIT image) */
	char largest_name[16];      /* its name */
	uint64_t verified_insns;    /* instructions the verifier processed, all programs */
};

/* Measures every BPF map and program this process has a descriptor for. */
int sw_mon_bpfinfo_measure(struct sw_mon_bpfinfo *out);

#endif
