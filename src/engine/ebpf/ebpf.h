/* SPDX-License-Identifier: GPL-2.0-only */
/* The eBPF engine's parts: the loader and engine ops (ebpf.c), records to
 * events (records.c), the launcher (launch.c) and the aggregate counters
 * (aggregate.c). Front ends use sw_engine_ebpf_ops (engine/engine.h); the
 * rest is internal, plus the benchmark floor (sw_ebpf_floor_*). */
#ifndef SW_ENGINE_EBPF_EBPF_H
#define SW_ENGINE_EBPF_EBPF_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "core/stats.h"
#include "engine/ebpf/syswatch.h"
#include "engine/engine.h"
#include "util/error.h"
#include "util/launch.h"
#include "util/tidtab.h"

extern const struct sw_engine_ops sw_engine_ebpf;

/* ---- records to events ------------------------------------------------------ */

/* ENTER records waiting for their exit: the stash, a table by tid
 * (util/tidtab.h) of these. */
struct eb_stash_entry {
	uint32_t tid;   /* first: the table's key */
	uint32_t len;
	uint8_t *rec;   /* a copy of the ENTER record */
	uint32_t rlen;
	uint8_t *retry; /* a copy of its RETRY record, or NULL */
};

struct eb_decoder {
	struct sw_tidtab stash; /* of struct eb_stash_entry */
	struct sw_event *ev;
	int64_t mono_to_real; /* add to CLOCK_MONOTONIC ns to get CLOCK_REALTIME ns */
	uint64_t lost;        /* events dropped in user space (a record that made no sense) */
};

int eb_decoder_init(struct eb_decoder *d);
void eb_decoder_release(struct eb_decoder *d);
/* Turns one ring buffer record into an event: 1 when *ev is ready, 0 when
 * the record was kept (an ENTER half) or dropped. */
int eb_decode(struct eb_decoder *d, const void *data, size_t size, const struct sw_event **ev);
/* The offset between CLOCK_MONOTONIC and CLOCK_REALTIME, now. */
int64_t eb_mono_to_real(void);

/* ---- the ring buffer ----------------------------------------------------------- */

struct eb_ring {
	int fd;
	uint32_t size;                  /* data bytes, a power of two */
	size_t page;
	volatile uint64_t *consumer_pos;
	const volatile uint64_t *producer_pos;
	const uint8_t *data;            /* size bytes, mapped twice */
};

int eb_ring_open(struct eb_ring *r, int map_fd, uint32_t size, struct sw_err *err);
void eb_ring_close(struct eb_ring *r);
/* Calls fn for every committed record, stopping when fn returns non-zero or
 * after max records (max <= 0: no limit; only when nothing writes to the
 * ring any more); returns the records seen. */
int eb_ring_consume(struct eb_ring *r, int (*fn)(void *ctx, const void *rec, size_t len), void *ctx,
		    int max);
/* Whether every record written so far was consumed (a reserved one not yet
 * committed counts as written). */
bool eb_ring_empty(const struct eb_ring *r);
/* Waits up to timeout_ms for a wakeup: 1, 0 on timeout, -1 on error. */
int eb_ring_wait(struct eb_ring *r, int timeout_ms);

/* ---- launching ------------------------------------------------------------------ */

/* Forks a child (util/launch.h) that waits for sw_launch_go(), then
 * executes path with no syscall in between, so the first syscall traced is
 * its execve. untrace is called in
 * the child when the execve failed, before it reports why (so that is not
 * traced); ctx is passed to it. */
int eb_launch(struct sw_launch *l, const char *path, char *const *argv,
	      void (*untrace)(void *ctx, pid_t pid), void *ctx, const struct sw_engine_opts *o, struct sw_err *err);
/* Waits until the child is blocked reading its pipe: from then on, adding it
 * to the traced set shows nothing before its execve. */
int eb_launch_wait(struct sw_launch *l, struct sw_err *err);
/* After the child exited: why its execve failed, if it did (0 if it ran). */
int eb_launch_failure(struct sw_launch *l, const char *name, struct sw_err *err);

/* ---- aggregate counters --------------------------------------------------------- */

struct syswatch;

struct eb_agg {
	struct swb_sc_stat *base;    /* totals at the last reset, per syscall */
	struct swb_proc_stat *pbase; /* the same per process entry */
	uint32_t nprocs;             /* entries in the procs map */
	struct swb_sc_stat *percpu;  /* lookup buffer: SWB_NR_MAX x CPUs */
	int ncpu;
	uint64_t lost_base;
};

int eb_agg_init(struct eb_agg *a, uint32_t nprocs, struct sw_err *err);
void eb_agg_release(struct eb_agg *a);
int eb_agg_snapshot(struct eb_agg *a, struct syswatch *skel, struct sw_stats *out, bool reset,
		    bool latency, struct sw_err *err);

/* ---- the benchmark floor --------------------------------------------------------- */

/* Empty programs on the engine's attach points: sys_enter and sys_exit
 * (enter_only: sys_enter alone). What any eBPF syscall tracer costs at least. */
struct sw_ebpf_floor;
int sw_ebpf_floor_open(struct sw_ebpf_floor **out, bool enter_only, struct sw_err *err);
void sw_ebpf_floor_close(struct sw_ebpf_floor *f);

/* Changes the in-kernel filters of a running eBPF engine: the syscall set
 * (set_given, set), uid, comm, sample and cgroup of o; the next syscall sees
 * them. The traced processes stay the same. */
int sw_ebpf_set_filters(struct sw_engine *e, const struct sw_engine_opts *o, struct sw_err *err);

/* Kills process tgid from the kernel: SIGKILL (bpf_send_signal) when it
 * next enters a syscall, whatever it does meanwhile. */
int sw_ebpf_kill(struct sw_engine *e, uint32_t tgid, struct sw_err *err);

/* Events the kernel side made so far, when counting them was asked for
 * (opts.verbose): the test of "produced = delivered + lost". */
uint64_t sw_ebpf_produced(struct sw_engine *e);

#endif
