// SPDX-License-Identifier: GPL-2.0-only
/* perf_event_open's struct perf_event_attr, abbreviated as strace shows it
 * (the fields up to read_format, the flag bits that are set, precise_ip,
 * then "..."). */
#include <inttypes.h>
#include <linux/perf_event.h>
#include <string.h>

#include "decode/dec.h"

/* The flag bits of the word at offset 40, in order (precise_ip is two bits). */
static const char *const perf_bits[] = {
	"disabled", "inherit", "pinned", "exclusive", "exclude_user", "exclude_kernel", "exclude_hv",
	"exclude_idle", "mmap", "comm", "freq", "inherit_stat", "enable_on_exec", "task", "watermark",
	NULL, NULL, "mmap_data", "sample_id_all", "exclude_host", "exclude_guest",
	"exclude_callchain_kernel", "exclude_callchain_user", "mmap2", "comm_exec", "use_clockid",
	"context_switch", "write_backward", "namespaces", "ksymbol", "bpf_event", "aux_output", "cgroup",
	"text_poke", "build_id", "inherit_thread", "remove_on_exec", "sigtrap",
};

#define PRECISE_IP_SHIFT 15

DEC_PRINTER(dec_p_perf_event_attr)
{
	static const char *const skid[] = {
		"arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid",
	};
	uint32_t head[2]; /* type, size */
	uint64_t w[5];    /* config, sample_period/freq, sample_type, read_format, flag bits */
	uint8_t raw[48];
	unsigned precise;

	if (!dec_get_or_addr(d, i, SW_AT_ENTER, raw, sizeof(raw)))
		return;
	memcpy(head, raw, sizeof(head));
	memcpy(w, raw + 8, sizeof(w));
	dec_puts(d, "{type=");
	dec_enum_dec(d, &sw_xlat_perf_type, head[0], NULL);
	dec_puts(d, ", size=");
	dec_enum_dec(d, &sw_xlat_perf_attr_size, head[1], NULL);
	dec_puts(d, ", config=");
	if (head[0] == PERF_TYPE_HARDWARE)
		dec_enum(d, &sw_xlat_perf_hw_id, w[0], NULL);
	else if (head[0] == PERF_TYPE_SOFTWARE)
		dec_enum(d, &sw_xlat_perf_sw_id, w[0], NULL);
	else if (head[0] == PERF_TYPE_TRACEPOINT)
		dec_printf(d, "%" PRIu64, w[0]);
	else
		dec_hex(d, w[0]);
	dec_printf(d, ", %s=%" PRIu64 ", sample_type=", w[4] >> 10 & 1 ? "sample_freq" : "sample_period", w[1]);
	dec_flags(d, &sw_xlat_perf_sample_type, w[2]);
	dec_puts(d, ", read_format=");
	dec_flags(d, &sw_xlat_perf_read_format, w[3]);
	for (unsigned b = 0; b < PRECISE_IP_SHIFT; b++)
		if (w[4] >> b & 1)
			dec_printf(d, ", %s=1", perf_bits[b]);
	precise = (unsigned)(w[4] >> PRECISE_IP_SHIFT & 3);
	dec_printf(d, ", precise_ip=%u /* %s */", precise, skid[precise]);
	for (unsigned b = PRECISE_IP_SHIFT + 2; b < sizeof(perf_bits) / sizeof(perf_bits[0]); b++)
		if (w[4] >> b & 1)
			dec_printf(d, ", %s=1", perf_bits[b]);
	dec_puts(d, ", ...}");
}
