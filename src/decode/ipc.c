// SPDX-License-Identifier: GPL-2.0-only
/* POSIX message queues, and the struct sigevent of their notifications
 * (and of timer_create). */
#include <inttypes.h>
#include <signal.h>

#include "decode/dec.h"

/* ---- struct mq_attr ---- */

/* {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=64, mq_curmsgs=0};
 * mq_open shows mq_flags as a number (the kernel ignores them there) */
static void mq_attr(struct sw_dec *d, unsigned i, int when, bool open)
{
	int64_t m[4];

	if (!dec_get_or_addr(d, i, when, m, sizeof(m)))
		return;
	dec_puts(d, "{mq_flags=");
	if (open)
		dec_hex(d, (uint64_t)m[0]);
	else
		dec_flags(d, &sw_xlat_mq_flags, (uint64_t)m[0]);
	dec_printf(d, ", mq_maxmsg=%" PRId64 ", mq_msgsize=%" PRId64 ", mq_curmsgs=%" PRId64 "}", m[1], m[2], m[3]);
}

static void mq_attr_arg(struct sw_dec *d, unsigned i, int when)
{
	mq_attr(d, i, when, false);
}

DEC_PRINTER_AT(dec_p_mq_attr_in, mq_attr_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_mq_attr_out, mq_attr_arg, SW_AT_EXIT)

/* ---- struct sigevent (mq_notify, timer_create) ---- */

struct sw_sigevent {
	uint64_t value;
	int32_t signo, notify;
	union {
		int32_t tid;
		struct {
			uint64_t function, attributes;
		} thread;
	} u;
};

DEC_PRINTER(dec_p_sigevent_in)
{
	struct sw_sigevent s;

	if (!dec_get_or_addr(d, i, SW_AT_ENTER, &s, sizeof(s)))
		return;
	/* the value only when set; the signal by name only when one is sent */
	dec_puts(d, "{");
	if (s.value) {
		dec_printf(d, "sigev_value={sival_int=%d, sival_ptr=", (int32_t)s.value);
		dec_addr(d, s.value);
		dec_puts(d, "}, ");
	}
	dec_puts(d, "sigev_signo=");
	if (s.notify == SIGEV_SIGNAL || s.notify == SIGEV_THREAD || s.notify == SIGEV_THREAD_ID)
		dec_signame(d, s.signo);
	else
		dec_printf(d, "%d", s.signo);
	dec_puts(d, ", sigev_notify=");
	dec_enum(d, &sw_xlat_sigev_notify, (uint32_t)s.notify, NULL);
	if (s.notify == SIGEV_THREAD_ID) {
		dec_printf(d, ", sigev_notify_thread_id=%d", s.u.tid);
	} else if (s.notify == SIGEV_THREAD) {
		dec_puts(d, ", sigev_notify_function=");
		dec_addr(d, s.u.thread.function);
		dec_puts(d, ", sigev_notify_attributes=");
		dec_addr(d, s.u.thread.attributes);
	}
	dec_puts(d, "}");
}

/* mq_open(name, O_RDWR|O_CREAT, 0600, attr): the flags as open's */
static void decode_mq_open(struct sw_dec *d)
{
	dec_arg(d, 0);
	dec_sep(d);
	dec_open_flags(d, d->args[1]);
	dec_arg(d, 2);
	dec_sep(d);
	mq_attr(d, 3, SW_AT_ENTER, true);
}

DEC_SYSCALL(mq_open, decode_mq_open, NULL);
