/* SPDX-License-Identifier: GPL-2.0-only */
/* Modes of `syswatch bench`: how a workload is run (natively, under one of
 * syswatch's engines, or under a peer tool). A mode is a command line that
 * wraps the workload's own; adding one is adding a row to the table. */
#ifndef SW_BENCH_MODE_H
#define SW_BENCH_MODE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

enum sw_bench_mode_flag {
	SW_BENCH_M_SLOW = 1u << 0,     /* tens of µs per syscall: runs the smaller --slow-size */
	SW_BENCH_M_EBPF = 1u << 1,     /* eBPF based: also compared with the floor */
	SW_BENCH_M_FILTERED = 1u << 2, /* traces the syscall set without the workload's hot syscalls */
	SW_BENCH_M_LOST = 1u << 3,     /* can lose events, and says how many (peers that print it to
				     * their discarded output show "-") */
	SW_BENCH_M_ROOT = 1u << 4,     /* needs root */
	SW_BENCH_M_TRACEFS = 1u << 5,  /* needs tracefs mounted */
};

#define SW_BENCH_ARGV_MAX 16

/* Words of an argv template: "{sw}" the syswatch binary, "{out}" a scratch
 * output file, "{hot}" the hot syscall set, "{child}" the workload's argv
 * (several words), "{child_str}" the same joined by spaces (one word). */
struct sw_bench_mode {
	const char *name;
	const char *what;
	const char *tool;     /* a peer program that must be installed, NULL: syswatch's own */
	unsigned flags;       /* enum sw_bench_mode_flag */
	const char *argv[SW_BENCH_ARGV_MAX];
};

extern const struct sw_bench_mode sw_bench_modes[];
extern const unsigned sw_bench_nmodes;

const struct sw_bench_mode *sw_bench_mode_find(const char *name);
static inline bool sw_bench_mode_is_native(const struct sw_bench_mode *m)
{
	return m == &sw_bench_modes[0];
}
/* The empty-programs mode, the eBPF modes' floor. */
const struct sw_bench_mode *sw_bench_mode_floor(void);

/* ebpf-trace, plain streaming: what the trace_target modes are compared with. */
const struct sw_bench_mode *sw_bench_mode_trace(void);
/* Whether m is ebpf-trace with an option added (-y, -yy, -k), compared with
 * it run by run: then > 0, the ratio to it aimed at, or < 0, none. */
double sw_bench_mode_trace_target(const struct sw_bench_mode *m);

/* Why the mode cannot run on this machine (a peer not installed, not root,
 * no tracefs), or NULL when nothing stops it from being tried. */
const char *sw_bench_mode_unavailable(const struct sw_bench_mode *m, char *buf, size_t len);

struct sw_bench_argv_vars {
	const char *sw;
	const char *out;
	const char *hot;
	char *const *child;
};

/* Expands the template; the result and its strings are freshly allocated
 * (free with sw_bench_argv_free). */
char **sw_bench_mode_argv(const struct sw_bench_mode *m, const struct sw_bench_argv_vars *v);
void sw_bench_argv_free(char **argv);

#endif
