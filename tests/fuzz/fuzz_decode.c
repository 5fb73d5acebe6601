// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: every decoder. Input: decoder options (fuzz.h),
 * then random events (fuzz.h) until the input ends: any syscall
 * number, any arguments, any captures (truncated, faulted, malformed,
 * missing). The decoders must print something for every event and never
 * read outside it. */
#include <stdlib.h>

#include "decode/decode.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sw_event *ev;
	struct fz_in in = { data, size };
	struct sw_decode_opts o;
	struct sw_strbuf sb = SW_STRBUF_INIT;

	if (!ev)
		ev = sw_event_new(FZ_EVENT_DATA);
	fz_decode_opts(&in, &o);
	for (int i = 0; i < 64 && in.left; i++) {
		fz_event(&in, ev);
		sw_strbuf_reset(&sb);
		if (ev->kind == SW_EV_SIGNAL) {
			sw_decode_signal(&sb, ev, &o);
		} else {
			sw_decode_call(&sb, ev, &o);
			sw_strbuf_puts(&sb, " = ");
			sw_decode_ret(&sb, ev, &o);
			(void)sw_ret_is_error(ev);
		}
		if (sb.len == 0 || sb.buf[sb.len] != '\0')
			abort();
	}
	sw_strbuf_release(&sb);
	return 0;
}
