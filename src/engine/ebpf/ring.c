// SPDX-License-Identifier: GPL-2.0-only
/* Reading the BPF ring buffer.
 *
 * The ring is mapped as the kernel lays it out: the consumer position page
 * (ours to write), then the producer position page and the data, mapped
 * twice in a row so a record that wraps reads as one. libbpf's reader would
 * do, but it publishes the consumer position after every record; each
 * publication is a cache line the producing CPUs then fetch back on their
 * next reservation. This reader publishes once per batch (and whenever a
 * sixteenth of the ring was read), which keeps the syscalls being traced
 * from paying for it. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/bpf.h>

#include "engine/ebpf/ebpf.h"

int eb_ring_open(struct eb_ring *r, int map_fd, uint32_t size, struct sw_err *err)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p;

	memset(r, 0, sizeof(*r));
	r->fd = map_fd;
	r->size = size;
	r->page = (size_t)page;
	p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (p == MAP_FAILED)
		return sw_err_set(err, "cannot map the ring buffer: %s", strerror(errno));
	r->consumer_pos = p;
	p = mmap(NULL, (size_t)page + 2 * (size_t)size, PROT_READ, MAP_SHARED, map_fd, page);
	if (p == MAP_FAILED) {
		int e = errno;

		munmap((void *)r->consumer_pos, (size_t)page);
		r->consumer_pos = NULL;
		return sw_err_set(err, "cannot map the ring buffer: %s", strerror(e));
	}
	r->producer_pos = p;
	r->data = (const uint8_t *)p + page;
	return 0;
}

void eb_ring_close(struct eb_ring *r)
{
	if (r->consumer_pos)
		munmap((void *)r->consumer_pos, r->page);
	if (r->producer_pos)
		munmap((void *)r->producer_pos, r->page + 2 * (size_t)r->size);
	memset(r, 0, sizeof(*r));
}

int eb_ring_consume(struct eb_ring *r, int (*fn)(void *ctx, const void *rec, size_t len), void *ctx,
		    int max)
{
	uint64_t cons = __atomic_load_n(r->consumer_pos, __ATOMIC_RELAXED);
	uint64_t published = cons, prod;
	uint64_t every = r->size / 16;
	int n = 0, stop = 0;

	while (!stop) {
		prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
		if (cons >= prod)
			break;
		while (cons < prod) {
			const uint32_t *hdr = (const uint32_t *)(r->data + (cons & (r->size - 1)));
			uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);

			if (len & BPF_RINGBUF_BUSY_BIT) {
				stop = 1; /* reserved, not yet committed: later */
				break;
			}
			cons += (BPF_RINGBUF_HDR_SZ + (len & ~BPF_RINGBUF_DISCARD_BIT) + 7) & ~7u;
			if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
				n++;
				if (fn(ctx, (const uint8_t *)hdr + BPF_RINGBUF_HDR_SZ, len & ~BPF_RINGBUF_DISCARD_BIT) != 0)
					stop = 1;
			}
			if (cons - published >= every) {
				__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
				published = cons;
			}
			/* producers may keep up with us for ever: the caller gets
			 * control back after a batch, to look at its stop flag */
			if (stop || (max > 0 && n >= max)) {
				stop = 1;
				break;
			}
		}
	}
	if (cons != published)
		__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
	return n;
}

bool eb_ring_empty(const struct eb_ring *r)
{
	return __atomic_load_n(r->consumer_pos, __ATOMIC_RELAXED) >=
	       __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
}

int eb_ring_wait(struct eb_ring *r, int timeout_ms)
{
	struct pollfd p = { r->fd, POLLIN, 0 };
	int rc = poll(&p, 1, timeout_ms);

	return rc < 0 && errno != EINTR ? -1 : rc > 0;
}
