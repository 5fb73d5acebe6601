// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: the eBPF engine's record parser in user space (ring
 * buffer records to events: ENTER halves stashed by tid and joined, RETRY,
 * REKEY, SIGNAL, EXIT). Input: i64 mono_to_real (the clock offset), then
 * records, each u16 length then that many bytes, until the input ends. Every
 * event the parser makes is decoded, as trace would. */
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "engine/ebpf/ebpf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct sw_decode_opts o = { .strlimit = SW_DEFAULT_STRLIMIT };
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct eb_decoder d;
	uint8_t *rec = NULL;

	if (eb_decoder_init(&d) < 0)
		abort();
	d.mono_to_real = (int64_t)fz_u64(&in);
	while (in.left) {
		size_t len = fz_u16(&in);
		const struct sw_event *ev;
		const uint8_t *p = fz_take(&in, &len);

		/* a copy of its exact size, as the ring hands out: ASan sees any overread */
		free(rec);
		rec = malloc(len ? len : 1);
		memcpy(rec, p, len);
		if (eb_decode(&d, rec, len, &ev) == 1) {
			sw_strbuf_reset(&sb);
			if (ev->kind == SW_EV_SIGNAL) {
				sw_decode_signal(&sb, ev, &o);
			} else if (ev->kind == SW_EV_SYSCALL) {
				sw_decode_call(&sb, ev, &o);
				sw_decode_ret(&sb, ev, &o);
			}
		}
	}
	free(rec);
	sw_strbuf_release(&sb);
	eb_decoder_release(&d);
	return 0;
}
