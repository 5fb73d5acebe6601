// SPDX-License-Identifier: GPL-2.0-only
/* See stopwrite.h. */
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "util/stopwrite.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After a stop request: waits until fd takes data, until the grace ends. */
static int wait_writable(struct sw_stop_write *w, int fd)
{
	struct pollfd p = { fd, POLLOUT, 0 };
	int64_t now = now_ms();

	if (!w->deadline)
		w->deadline = now + SW_STOP_WRITE_GRACE_MS;
	while (now < w->deadline) {
		int rc = poll(&p, 1, (int)(w->deadline - now));

		if (rc > 0 || (rc < 0 && errno != EINTR))
			return 0; /* writable, or write() will say what is wrong */
		now = now_ms();
	}
	errno = ETIMEDOUT;
	return -1;
}

int sw_stop_write(struct sw_stop_write *w, int fd, const void *buf, size_t len, size_t *done)
{
	size_t off = 0;
	int rc = 0;

	while (off < len) {
		ssize_t n;

		if (w->stop && *w->stop && wait_writable(w, fd) < 0) {
			rc = -1;
			break;
		}
		n = write(fd, (const char *)buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue; /* the stop flag is looked at again */
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			rc = -1;
			break;
		}
		off += (size_t)n;
	}
	if (done)
		*done = off;
	return rc;
}
