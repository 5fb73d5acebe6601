/* SPDX-License-Identifier: GPL-2.0-only */
/* Writing to a descriptor that may not be read (a pipe, a terminal) without
 * making a stop request wait for it. */
#ifndef SW_UTIL_STOPWRITE_H
#define SW_UTIL_STOPWRITE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* How long a write may wait for its reader once a stop was asked for. */
#define SW_STOP_WRITE_GRACE_MS 1000

struct sw_stop_write {
	volatile sig_atomic_t *stop; /* set by a signal handler; NULL: never stop */
	int64_t deadline;            /* CLOCK_MONOTONIC ms, set at the first write after the stop (0: none yet) */
};

/* Writes len bytes of buf to fd, retrying after signals. Once *w->stop is
 * set, waits for fd to take data for at most SW_STOP_WRITE_GRACE_MS in all,
 * then fails with ETIMEDOUT. A write that blocks is ended only by a signal:
 * the caller keeps a timer running (or arms one at the stop request), so a
 * write that started before the stop returns. *done (may be NULL) gets the
 * bytes written. 0, or -1 with errno set. */
int sw_stop_write(struct sw_stop_write *w, int fd, const void *buf, size_t len, size_t *done);

#endif
