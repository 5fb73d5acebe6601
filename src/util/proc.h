/* SPDX-License-Identifier: GPL-2.0-only */
/* Small questions to the system that several layers ask: the time on a
 * clock, a thread's process from /proc. */
#ifndef SW_UTIL_PROC_H
#define SW_UTIL_PROC_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* The time on clk (CLOCK_MONOTONIC, CLOCK_REALTIME, ...) in nanoseconds. */
uint64_t sw_now_ns(clockid_t clk);
/* The thread group (process) of thread tid, from /proc/TID/status; -1 if
 * the thread is gone. */
pid_t sw_proc_tgid(pid_t tid);
/* The thread that ptraces thread tid (0: none), from /proc/TID/status; -1
 * if the thread is gone. */
pid_t sw_proc_tracer(pid_t tid);

#endif
