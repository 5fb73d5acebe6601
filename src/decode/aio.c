// SPDX-License-Identifier: GPL-2.0-only
/* Linux native asynchronous I/O: io_submit's control blocks, as strace
 * prints them. */
#include <string.h>
#include <linux/aio_abi.h>
#include <sys/types.h>

#include "decode/dec.h"

/* aio_buf of a read or write as strace shows it: the bytes of a write. */
static void iocb_buf(struct sw_dec *d, const struct iocb *cb, const struct sw_iov_rec *r, const uint8_t *data)
{
	uint64_t n = cb->aio_nbytes, bytes = n < d->strlimit ? n : d->strlimit;

	if (cb->aio_lio_opcode == IOCB_CMD_PWRITE && (int64_t)n >= 0 && r && r->status != SW_CAPS_FAULT &&
	    r->base == cb->aio_buf && r->stored >= bytes) {
		dec_puts(d, ", aio_buf=");
		dec_quoted(d, data, (size_t)bytes, n > bytes);
	} else {
		dec_printf(d, ", aio_buf=%#" PRIx64, (uint64_t)cb->aio_buf);
	}
	dec_printf(d, ", aio_nbytes=%" PRIu64 ", aio_offset=%" PRId64, (uint64_t)cb->aio_nbytes,
		   (int64_t)cb->aio_offset);
}

static void iocb(struct sw_dec *d, const struct iocb *cb, const struct sw_iov_rec *buf, const uint8_t *data)
{
	dec_printf(d, "{aio_data=%#" PRIx64, (uint64_t)cb->aio_data);
	if (cb->aio_key)
		dec_printf(d, ", aio_key=%u", cb->aio_key);
	if (cb->aio_rw_flags) {
		dec_puts(d, ", aio_rw_flags=");
		dec_flags(d, &sw_xlat_rwf_flags, (uint32_t)cb->aio_rw_flags);
	}
	dec_puts(d, ", aio_lio_opcode=");
	dec_enum(d, &sw_xlat_aio_cmds, cb->aio_lio_opcode, NULL);
	if (cb->aio_reqprio)
		dec_printf(d, ", aio_reqprio=%d", cb->aio_reqprio);
	dec_printf(d, ", aio_fildes=%d", (int)cb->aio_fildes);
	switch (cb->aio_lio_opcode) {
	case IOCB_CMD_PREAD:
	case IOCB_CMD_PWRITE:
		iocb_buf(d, cb, buf, data);
		break;
	case IOCB_CMD_PREADV:
	case IOCB_CMD_PWRITEV:
		iocb_buf(d, cb, NULL, NULL);
		break;
	case IOCB_CMD_POLL:
		dec_puts(d, ", aio_buf=");
		dec_flags(d, &sw_xlat_poll_events, (uint16_t)cb->aio_buf);
		break;
	}
	if (cb->aio_flags & IOCB_FLAG_RESFD)
		dec_printf(d, ", aio_flags=IOCB_FLAG_RESFD, aio_resfd=%d", (int)cb->aio_resfd);
	else if (cb->aio_flags)
		dec_printf(d, ", aio_flags=%#x", cb->aio_flags);
	dec_puts(d, "}");
}

/* io_submit's struct iocb *[nr]: each control block (an address when it
 * could not be read), -s of them */
DEC_PRINTER(dec_p_iocbs)
{
	const struct sw_capture *c = d->no_deref ? NULL : dec_cap(d, i, SW_AT_ENTER);
	int64_t nr = (int64_t)dec_aux(d, a->aux);
	struct dec_deref cbs, bufs;
	uint64_t k;

	if (!c || nr < 0) {
		dec_addr(d, d->args[i]);
		return;
	}
	dec_deref_open(d, i, SW_AT_ENTER, SW_DR_IOCB, &cbs);
	dec_deref_open(d, i, SW_AT_ENTER, SW_DR_IOCB_BUF, &bufs);
	dec_puts(d, "[");
	for (k = 0; k < (uint64_t)nr && (k + 1) * 8 <= c->len && k < d->strlimit; k++) {
		struct sw_iov_rec r, br;
		const uint8_t *p, *bp;
		struct iocb cb;
		uint64_t ptr;

		memcpy(&ptr, sw_capture_data(d->ev, c) + k * 8, sizeof(ptr));
		if (k)
			dec_puts(d, ", ");
		if (!dec_deref_next(&cbs, &r, &p) || r.status == SW_CAPS_FAULT || r.stored < sizeof(cb)) {
			dec_addr(d, ptr);
			continue;
		}
		memcpy(&cb, p, sizeof(cb));
		if (dec_deref_next(&bufs, &br, &bp))
			iocb(d, &cb, &br, bp);
		else
			iocb(d, &cb, NULL, NULL);
	}
	if (k < (uint64_t)nr)
		dec_puts(d, k ? ", ..." : "...");
	dec_puts(d, "]");
}
