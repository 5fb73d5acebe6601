// SPDX-License-Identifier: GPL-2.0-only
/* io_uring: the struct io_uring_params io_uring_setup takes and fills. */
#include <inttypes.h>
#include <linux/io_uring.h>

#include "decode/dec.h"

static void ring_offsets(struct sw_dec *d, const char *name, const uint32_t *o, bool cq)
{
	static const char *const sq[] = { "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array" };
	static const char *const cqf[] = { "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags" };

	dec_printf(d, ", %s={", name);
	for (unsigned k = 0; k < 7; k++)
		dec_printf(d, "%s%s=%u", k ? ", " : "", cq ? cqf[k] : sq[k], o[k]);
	dec_puts(d, "}");
}

/* {flags=IORING_SETUP_CQSIZE, sq_thread_cpu=0, sq_thread_idle=0, and, after a
 * successful call, sq_entries=..., features=..., sq_off={...}, cq_off={...}} */
DEC_PRINTER(dec_p_io_uring_params)
{
	struct io_uring_params p;

	if (!dec_get_or_addr(d, i, SW_AT_ENTER, &p, sizeof(p)))
		return;
	dec_puts(d, "{flags=");
	dec_flags(d, &sw_xlat_io_uring_setup_flags, p.flags);
	dec_puts(d, ", sq_thread_cpu=");
	dec_hex(d, p.sq_thread_cpu);
	dec_printf(d, ", sq_thread_idle=%u", p.sq_thread_idle);
	if (p.flags & IORING_SETUP_ATTACH_WQ)
		dec_printf(d, ", wq_fd=%d", (int)p.wq_fd);
	if (p.resv[0] || p.resv[1] || p.resv[2]) {
		dec_puts(d, ", resv=[");
		for (unsigned k = 0; k < 3; k++) {
			dec_puts(d, k ? ", " : "");
			dec_hex(d, p.resv[k]);
		}
		dec_puts(d, "]");
	}
	if (!dec_failed(d) && dec_get(d, i, SW_AT_EXIT, &p, sizeof(p))) {
		dec_printf(d, ", sq_entries=%u, cq_entries=%u, features=", p.sq_entries, p.cq_entries);
		dec_flags(d, &sw_xlat_io_uring_features, p.features);
		ring_offsets(d, "sq_off", &p.sq_off.head, false);
		ring_offsets(d, "cq_off", &p.cq_off.head, true);
	}
	dec_puts(d, "}");
}
