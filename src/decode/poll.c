// SPDX-License-Identifier: GPL-2.0-only
/* Waiting for descriptors: poll/ppoll, select/pselect6, epoll. */
#include <inttypes.h>
#include <string.h>
#include <poll.h>
#include <sys/epoll.h>

#include "decode/dec.h"

#define EPOLL_EVENT_SIZE 12 /* packed on x86-64 */

/* ---- poll ---- */

static const struct sw_capture *pollfds(const struct sw_dec *d, int when, size_t *n)
{
	const struct sw_capture *c = dec_cap(d, 0, when);

	*n = c ? c->len / sizeof(struct pollfd) : 0;
	if (*n > d->args[1])
		*n = (size_t)d->args[1];
	return c;
}

void dec_pollfd_arg(struct sw_dec *d, unsigned arg, uint64_t nfds)
{
	size_t n;
	const struct sw_capture *c = pollfds(d, SW_AT_ENTER, &n);

	if (!c || arg != 0) {
		dec_addr(d, d->args[arg]);
		return;
	}
	dec_puts(d, "[");
	for (size_t i = 0; i < n; i++) {
		struct pollfd p;

		if (i == d->strlimit) {
			dec_puts(d, ", ...");
			break;
		}
		memcpy(&p, sw_capture_data(d->ev, c) + i * sizeof(p), sizeof(p));
		dec_printf(d, "%s{fd=%d", i ? ", " : "", p.fd);
		if (p.fd >= 0) {
			dec_puts(d, ", events=");
			dec_flags(d, &sw_xlat_poll_events, (uint16_t)p.events);
		}
		dec_puts(d, "}");
	}
	if (n < nfds && n < d->strlimit)
		dec_puts(d, n ? ", ..." : "...");
	dec_puts(d, "]");
}

/* "[{fd=18, revents=POLLOUT}]": the descriptors with events. */
static void poll_revents(struct sw_dec *d)
{
	size_t n, shown = 0;
	const struct sw_capture *c = pollfds(d, SW_AT_EXIT, &n);

	if (!c) {
		dec_addr(d, d->args[0]);
		return;
	}
	dec_puts(d, "[");
	for (size_t i = 0; i < n; i++) {
		struct pollfd p;

		memcpy(&p, sw_capture_data(d->ev, c) + i * sizeof(p), sizeof(p));
		if (!p.revents)
			continue;
		dec_printf(d, "%s{fd=%d, revents=", shown++ ? ", " : "", p.fd);
		dec_flags(d, &sw_xlat_poll_events, (uint16_t)p.revents);
		dec_puts(d, "}");
	}
	dec_puts(d, "]");
}

static bool ret_poll(struct sw_dec *d)
{
	if (d->ev->ret == 0) {
		dec_puts(d, "0 (Timeout)");
		return true;
	}
	dec_printf(d, "%" PRId64 " (", d->ev->ret);
	poll_revents(d);
	dec_puts(d, ")");
	return true;
}

static bool ret_ppoll(struct sw_dec *d)
{
	struct timespec left;

	if (d->ev->ret == 0) {
		dec_puts(d, "0 (Timeout)");
		return true;
	}
	dec_printf(d, "%" PRId64 " (", d->ev->ret);
	poll_revents(d);
	if (dec_get(d, 2, SW_AT_EXIT, &left, sizeof(left))) {
		dec_puts(d, ", left ");
		dec_timespec(d, &left);
	}
	dec_puts(d, ")");
	return true;
}

/* ---- select ---- */

/* [0 17]: the descriptors below nfds set in an fd_set. */
static void fdset(struct sw_dec *d, const uint8_t *set, size_t bytes, int nfds)
{
	bool first = true;

	dec_puts(d, "[");
	for (int fd = 0; fd < nfds && (size_t)fd / 8 < bytes; fd++) {
		if (!((set[fd / 8] >> (fd % 8)) & 1))
			continue;
		dec_printf(d, "%s%d", first ? "" : " ", fd);
		first = false;
	}
	dec_puts(d, "]");
}

void dec_fdset_arg(struct sw_dec *d, unsigned arg, int when, int nfds)
{
	const struct sw_capture *c = dec_cap(d, arg, when);

	if (!c || nfds < 0 || c->len < ((size_t)nfds + 7) / 8) {
		dec_addr(d, d->args[arg]);
		return;
	}
	fdset(d, sw_capture_data(d->ev, c), c->len, nfds);
}

static bool fdset_empty(const uint8_t *set, size_t bytes, int nfds)
{
	for (int fd = 0; fd < nfds && (size_t)fd / 8 < bytes; fd++)
		if ((set[fd / 8] >> (fd % 8)) & 1)
			return false;
	return true;
}

/* "2 (in [0], out [18], left {tv_sec=0, tv_nsec=97105})" */
static bool ret_select_common(struct sw_dec *d, bool timespec)
{
	static const char *const names[] = { "in", "out", "except" };
	int nfds = (int)d->args[0];
	bool any = false;

	if (d->ev->ret == 0) {
		dec_puts(d, "0 (Timeout)");
		return true;
	}
	dec_printf(d, "%" PRId64 " (", d->ev->ret);
	for (unsigned i = 0; i < 3; i++) {
		const struct sw_capture *c = dec_cap(d, i + 1, SW_AT_EXIT);

		if (!c || fdset_empty(sw_capture_data(d->ev, c), c->len, nfds))
			continue;
		dec_printf(d, "%s%s ", any ? ", " : "", names[i]);
		fdset(d, sw_capture_data(d->ev, c), c->len, nfds);
		any = true;
	}
	if (timespec) {
		struct timespec left;

		if (dec_get(d, 4, SW_AT_EXIT, &left, sizeof(left))) {
			dec_printf(d, "%sleft ", any ? ", " : "");
			dec_timespec(d, &left);
		}
	} else {
		struct timeval left;

		if (dec_get(d, 4, SW_AT_EXIT, &left, sizeof(left))) {
			dec_printf(d, "%sleft ", any ? ", " : "");
			dec_timeval(d, &left);
		}
	}
	dec_puts(d, ")");
	return true;
}

static bool ret_select(struct sw_dec *d)
{
	return ret_select_common(d, false);
}

static bool ret_pselect6(struct sw_dec *d)
{
	return ret_select_common(d, true);
}

/* pselect6's last argument: {sigmask=NULL, sigsetsize=8} */
void dec_pselect_sigmask_arg(struct sw_dec *d, unsigned arg)
{
	uint64_t v[2];

	if (!dec_get_or_addr(d, arg, SW_AT_ENTER, v, sizeof(v)))
		return;
	dec_puts(d, "{sigmask=");
	dec_addr(d, v[0]);
	dec_printf(d, ", sigsetsize=%" PRIu64 "}", v[1]);
}

/* ---- epoll ---- */

static void epoll_event(struct sw_dec *d, const uint8_t *p)
{
	uint32_t events;
	uint64_t data;

	memcpy(&events, p, sizeof(events));
	memcpy(&data, p + 4, sizeof(data));
	dec_puts(d, "{events=");
	dec_flags(d, &sw_xlat_epoll_events, events);
	dec_printf(d, ", data={u32=%u, u64=%" PRIu64 "}}", (uint32_t)data, data);
}

void dec_epoll_event_arg(struct sw_dec *d, unsigned arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_ENTER);

	if (!c || c->len < EPOLL_EVENT_SIZE) {
		dec_addr(d, d->args[arg]);
		return;
	}
	epoll_event(d, sw_capture_data(d->ev, c));
}

void dec_epoll_events_arg(struct sw_dec *d, unsigned arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_EXIT);
	size_t n;

	if (dec_failed(d) || (!c && d->ev->ret > 0)) {
		dec_addr(d, d->args[arg]);
		return;
	}
	n = c ? c->len / EPOLL_EVENT_SIZE : 0;
	if (n > (uint64_t)d->ev->ret)
		n = (size_t)d->ev->ret;
	dec_puts(d, "[");
	for (size_t i = 0; i < n; i++) {
		if (i == d->strlimit) {
			dec_puts(d, ", ...");
			break;
		}
		if (i)
			dec_puts(d, ", ");
		epoll_event(d, sw_capture_data(d->ev, c) + i * EPOLL_EVENT_SIZE);
	}
	dec_puts(d, "]");
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER_LEN(dec_p_pollfd, dec_pollfd_arg)
DEC_PRINTER_OF(dec_p_epoll_event_in, dec_epoll_event_arg)
DEC_PRINTER_OF(dec_p_epoll_events_out, dec_epoll_events_arg)

DEC_PRINTER(dec_p_fdset_in)
{
	dec_fdset_arg(d, i, SW_AT_ENTER, (int)dec_aux(d, a->aux));
}

DEC_PRINTER(dec_p_fdset_inout)
{
	dec_fdset_arg(d, i, SW_AT_ENTER, (int)dec_aux(d, a->aux));
}

DEC_PRINTER_OF(dec_p_pselect_sigmask, dec_pselect_sigmask_arg)

DEC_SYSCALL(poll, NULL, ret_poll);
DEC_SYSCALL(ppoll, NULL, ret_ppoll);
DEC_SYSCALL(pselect6, NULL, ret_pselect6);
DEC_SYSCALL(select, NULL, ret_select);
